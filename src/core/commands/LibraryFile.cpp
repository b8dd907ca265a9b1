#include "core/commands/LibraryFile.h"

#include "core/commands/PayloadLibrary.h"
#include "core/text/TextCodec.h"

#include <QHash>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace {

const QString kHeader = u"[socket-workbench-library 1]"_s;

enum class SectionKind { Group, Payload, Sequence, Rules };

QString kindWord(SectionKind kind)
{
    switch (kind) {
    case SectionKind::Group: return u"group"_s;
    case SectionKind::Payload: return u"payload"_s;
    case SectionKind::Sequence: return u"sequence"_s;
    case SectionKind::Rules: return u"rules"_s;
    }
    return {};
}

QStringList keysOf(SectionKind kind)
{
    switch (kind) {
    case SectionKind::Group: return {u"notes"_s};
    case SectionKind::Payload:
        return {u"group"_s, u"text"_s, u"hex"_s, u"encoding"_s, u"line-ending"_s, u"checksum"_s, u"framing"_s,
                u"notes"_s};
    case SectionKind::Sequence: return {u"group"_s, u"encoding"_s, u"run"_s, u"step"_s, u"notes"_s};
    case SectionKind::Rules: return {u"group"_s, u"rule"_s, u"notes"_s};
    }
    return {};
}

// One "key = value" with its "|" continuations, and the file line of each
// line of the value (comments may sit between them).
struct KeyLine
{
    QString key;
    QString value;
    QList<int> lines;
};

struct Section
{
    SectionKind kind;
    QString name;
    int line;
    QList<KeyLine> keys;

    const KeyLine *find(const QString &key) const
    {
        for (const KeyLine &k : keys) {
            if (k.key == key)
                return &k;
        }
        return nullptr;
    }
};

QString unquote(const QString &piece)
{
    if (piece.size() >= 2 && piece.startsWith(u'"') && piece.endsWith(u'"'))
        return piece.sliced(1, piece.size() - 2);
    return piece;
}

QString quoteIfNeeded(const QString &piece)
{
    if (piece != piece.trimmed() || (piece.size() >= 2 && piece.startsWith(u'"') && piece.endsWith(u'"')))
        return u'"' + piece + u'"';
    return piece;
}

void writeValue(QString &out, const QString &key, const QString &value)
{
    const QStringList pieces = value.split(u'\n');
    out += key + u" = "_s + quoteIfNeeded(pieces.first()) + u'\n';
    // Continuations line up under the value, so a multi-line text reads as a block.
    const QString indent(key.size() + 1, u' ');
    for (qsizetype i = 1; i < pieces.size(); ++i)
        out += indent + u"| "_s + quoteIfNeeded(pieces.at(i)) + u'\n';
}

int lineOfOffset(const QByteArray &bytes, qsizetype offset)
{
    return int(QByteArrayView(bytes).first(offset).count('\n')) + 1;
}

// Builds the library from the sections, checking each value where it was
// written; the first fault found ends the read.
class Builder
{
public:
    LibraryFile::Result result;

    bool fail(int line, const QString &reason)
    {
        result.line = line;
        result.reason = reason;
        return false;
    }

    // A fault at (line, column) of a multi-line value, moved to its file line.
    bool failInValue(const KeyLine &key, int valueLine, int column, const QString &reason)
    {
        const int line = key.lines.value(qMax(0, valueLine - 1), key.lines.first());
        return fail(line, LibraryFile::tr("%1: %2 (column %3 of the value)").arg(key.key, reason).arg(column));
    }

    bool buildPayload(const Section &section, PayloadLibrary &library)
    {
        PayloadEntry entry;
        entry.name = section.name;
        const KeyLine *text = section.find(u"text"_s);
        const KeyLine *hex = section.find(u"hex"_s);
        if (!text && !hex)
            return fail(section.line, LibraryFile::tr("[payload %1] has no text = or hex = line").arg(section.name));
        if (text && hex) {
            return fail(hex->lines.first(), LibraryFile::tr("[payload %1] has both text = and hex =; keep one")
                                                    .arg(section.name));
        }
        entry.mode = hex ? PayloadParser::Mode::Hex : PayloadParser::Mode::Text;
        entry.text = hex ? hex->value : text->value;
        for (const KeyLine &key : section.keys) {
            const int line = key.lines.first();
            QString why;
            if (key.key == u"group"_s) {
                why = PayloadEntry::checkName(key.value);
                entry.group = key.value;
            } else if (key.key == u"notes"_s) {
                entry.notes = key.value;
            } else if (key.key == u"encoding"_s) {
                entry.encoding = TextCodec::canonicalName(key.value);
                if (entry.encoding.isEmpty())
                    why = LibraryFile::tr("Unknown encoding \u201c%1\u201d").arg(key.value);
            } else if (key.key == u"line-ending"_s) {
                PayloadEntry::LineEnding ending;
                if (PayloadEntry::lineEndingFromName(key.value, &ending))
                    entry.lineEnding = ending;
                else
                    why = LibraryFile::tr("Unknown line ending \u201c%1\u201d (none, cr, lf or crlf)").arg(key.value);
            } else if (key.key == u"checksum"_s) {
                entry.checksum = Checksum::parse(key.value, &why);
            } else if (key.key == u"framing"_s) {
                entry.framing = FramingSpec::parse(key.value, &why);
            }
            if (!why.isEmpty())
                return fail(line, why);
        }
        const KeyLine &body = hex ? *hex : *text;
        const Template::Parsed parsed = entry.compile();
        if (!parsed.ok()) {
            if (parsed.line > 0)
                return failInValue(body, parsed.line, parsed.column, parsed.reason);
            return fail(body.lines.first(), parsed.reason);
        }
        const QString invalid = entry.validate();
        if (!invalid.isEmpty()) {
            // A checksum range the payload cannot hold is the checksum line's fault.
            PayloadEntry unchecked = entry;
            unchecked.checksum.reset();
            const KeyLine *checksum = section.find(u"checksum"_s);
            if (checksum && unchecked.validate().isEmpty())
                return fail(checksum->lines.first(), invalid);
            return fail(section.line, invalid);
        }
        const QString refused = library.addPayload(entry);
        return refused.isEmpty() || fail(section.line, refused);
    }

    bool buildSequence(const Section &section, PayloadLibrary &library)
    {
        CommandSequence sequence;
        sequence.name = section.name;
        // The encoding first: the steps' texts and patterns are read in it.
        if (const KeyLine *encoding = section.find(u"encoding"_s)) {
            sequence.encoding = TextCodec::canonicalName(encoding->value);
            if (sequence.encoding.isEmpty())
                return fail(encoding->lines.first(),
                            LibraryFile::tr("Unknown encoding \u201c%1\u201d").arg(encoding->value));
        }
        QList<int> stepLines;
        for (const KeyLine &key : section.keys) {
            const int line = key.lines.first();
            QString why;
            if (key.key == u"group"_s) {
                why = PayloadEntry::checkName(key.value);
                sequence.group = key.value;
            } else if (key.key == u"notes"_s) {
                sequence.notes = key.value;
            } else if (key.key == u"run"_s) {
                sequence.setRunText(key.value, &why);
            } else if (key.key == u"step"_s) {
                const SequenceStep step = SequenceStep::parse(key.value, sequence.encoding, &why);
                if (why.isEmpty()) {
                    sequence.steps.append(step);
                    stepLines.append(line);
                } else {
                    why = LibraryFile::tr("Step %1: %2").arg(sequence.steps.size() + 1).arg(why);
                }
            }
            if (!why.isEmpty())
                return fail(line, why);
        }
        int stepIndex = -1;
        const QString invalid = sequence.validate(&stepIndex);
        if (!invalid.isEmpty())
            return fail(stepIndex >= 0 ? stepLines.at(stepIndex) : section.line, invalid);
        for (qsizetype i = 0; i < sequence.steps.size(); ++i) {
            const SequenceStep &step = sequence.steps.at(i);
            if (step.kind == SequenceStep::Kind::SendEntry && !library.payload(step.text)) {
                return fail(stepLines.at(i), LibraryFile::tr("Step %1 sends \u201c%2\u201d, but the file has no "
                                                             "[payload %2]").arg(i + 1).arg(step.text));
            }
        }
        const QString refused = library.addSequence(sequence);
        return refused.isEmpty() || fail(section.line, refused);
    }

    // Issue 20: a rule set. A rule is checked for its grammar only: one with
    // a problem in some encoding is kept as written, as a tab keeps it.
    bool buildRules(const Section &section, PayloadLibrary &library)
    {
        RuleSet set;
        set.name = section.name;
        for (const KeyLine &key : section.keys) {
            const int line = key.lines.first();
            QString why;
            if (key.key == u"group"_s) {
                why = PayloadEntry::checkName(key.value);
                set.group = key.value;
            } else if (key.key == u"notes"_s) {
                set.notes = key.value;
            } else if (key.key == u"rule"_s) {
                const ReplyRule::Parsed p = ReplyRule::parse(key.value, u"UTF-8"_s, false);
                if (p.ok())
                    set.rules.append(p.rule);
                else
                    why = LibraryFile::tr("Rule %1: %2").arg(set.rules.size() + 1).arg(p.problem.message);
            }
            if (!why.isEmpty())
                return fail(line, why);
        }
        const QString refused = library.addRuleSet(set);
        return refused.isEmpty() || fail(section.line, refused);
    }
};

} // namespace

QString LibraryFile::Result::message() const
{
    if (line <= 0)
        return reason;
    return tr("Line %1: %2").arg(line).arg(reason);
}

LibraryFile::Result LibraryFile::read(const QByteArray &bytes, PayloadLibrary *library)
{
    Builder b;
    if (bytes.size() > MaxFileBytes) {
        b.fail(0, tr("The file is larger than %1 MiB: not a payload library").arg(MaxFileBytes / (1024 * 1024)));
        return b.result;
    }
    if (const qsizetype nul = bytes.indexOf('\0'); nul >= 0) {
        b.fail(lineOfOffset(bytes, nul), tr("A NUL byte: this is not a text file"));
        return b.result;
    }
    const TextCodec::Decoded decoded = TextCodec::decode(bytes, u"UTF-8"_s);
    if (decoded.hasErrors()) {
        const qsizetype at = decoded.invalidOffsets.first();
        b.fail(lineOfOffset(bytes, at), tr("The byte 0x%1 at offset %2 is not UTF-8 text; save the file as UTF-8")
                                                .arg(uint(uchar(bytes.at(at))), 2, 16, QChar(u'0'))
                                                .arg(at));
        return b.result;
    }
    QString text = decoded.text;
    if (text.startsWith(u'\uFEFF'))
        text.remove(0, 1);

    const QStringList lines = text.split(u'\n');
    static const QRegularExpression header(u"^\\[\\s*socket-workbench-library\\s+(\\d+)\\s*\\]$"_s);
    bool headerSeen = false;
    int endLine = 0;
    int lastLine = 0;
    QList<Section> sections;
    QHash<QString, int> entryLines;   // payload and sequence names: one namespace
    QHash<QString, int> groupLines;
    for (qsizetype n = 0; n < lines.size(); ++n) {
        const int lineNo = int(n) + 1;
        const QString line = lines.at(n).trimmed();
        if (line.isEmpty() || line.startsWith(u'#'))
            continue;
        lastLine = lineNo;
        if (!headerSeen) {
            const QRegularExpressionMatch match = header.match(line);
            if (match.hasMatch() && match.captured(1).toInt() != FormatVersion) {
                b.fail(lineNo, tr("The library is in format %1, which a newer Socket Workbench writes; this one "
                                  "reads format %2").arg(match.captured(1)).arg(FormatVersion));
                return b.result;
            }
            if (!match.hasMatch()) {
                b.fail(lineNo, tr("Not a Socket Workbench payload library: it must begin with %1").arg(kHeader));
                return b.result;
            }
            headerSeen = true;
            continue;
        }
        if (endLine > 0) {
            b.fail(lineNo, tr("Text after [end] (line %1): the end of the library must be the end of the file")
                                   .arg(endLine));
            return b.result;
        }
        if (line.startsWith(u'[')) {
            if (!line.endsWith(u']')) {
                b.fail(lineNo, tr("A section line ends with \u201c]\u201d: [payload NAME]"));
                return b.result;
            }
            const QString inner = line.sliced(1, line.size() - 2).trimmed();
            if (inner == u"end"_s) {
                endLine = lineNo;
                continue;
            }
            const QString word = inner.section(u' ', 0, 0);
            const QString name = inner.sliced(word.size()).trimmed();
            SectionKind kind;
            if (word == u"group"_s) {
                kind = SectionKind::Group;
            } else if (word == u"payload"_s) {
                kind = SectionKind::Payload;
            } else if (word == u"sequence"_s) {
                kind = SectionKind::Sequence;
            } else if (word == u"rules"_s) {
                kind = SectionKind::Rules;
            } else {
                b.fail(lineNo, tr("Unknown section \u201c%1\u201d: a section is [group NAME], [payload NAME], "
                                  "[sequence NAME], [rules NAME] or [end]").arg(line));
                return b.result;
            }
            const QString badName = PayloadEntry::checkName(name);
            if (!badName.isEmpty()) {
                b.fail(lineNo, tr("[%1 \u2026]: %2").arg(word, badName));
                return b.result;
            }
            QHash<QString, int> &seen = kind == SectionKind::Group ? groupLines : entryLines;
            if (seen.contains(name)) {
                b.fail(lineNo, tr("The name \u201c%1\u201d is already used on line %2").arg(name).arg(seen.value(name)));
                return b.result;
            }
            seen.insert(name, lineNo);
            sections.append(Section {kind, name, lineNo, {}});
            continue;
        }
        if (line.startsWith(u'|')) {
            if (sections.isEmpty() || sections.last().keys.isEmpty()) {
                b.fail(lineNo, tr("A \u201c|\u201d line continues the value of a key = value line above it, "
                                  "but there is none"));
                return b.result;
            }
            KeyLine &key = sections.last().keys.last();
            key.value += u'\n' + unquote(line.sliced(1).trimmed());
            key.lines.append(lineNo);
            continue;
        }
        const qsizetype equals = line.indexOf(u'=');
        if (equals < 0) {
            b.fail(lineNo, tr("\u201c%1\u201d is not a [section], a key = value or a | continuation")
                                   .arg(line.size() > 40 ? line.left(40) + u'\u2026' : line));
            return b.result;
        }
        const QString key = line.left(equals).trimmed().toLower();
        if (sections.isEmpty()) {
            b.fail(lineNo, tr("\u201c%1 =\u201d comes before any [section]").arg(key));
            return b.result;
        }
        Section &section = sections.last();
        const QStringList known = keysOf(section.kind);
        if (!known.contains(key)) {
            b.fail(lineNo, tr("Unknown key \u201c%1\u201d in [%2 %3] (known: %4)")
                                   .arg(key, kindWord(section.kind), section.name, known.join(u", "_s)));
            return b.result;
        }
        if (key != u"step"_s && key != u"rule"_s) {
            if (const KeyLine *earlier = section.find(key)) {
                b.fail(lineNo, tr("\u201c%1\u201d is given twice in [%2 %3] (first on line %4)")
                                       .arg(key, kindWord(section.kind), section.name)
                                       .arg(earlier->lines.first()));
                return b.result;
            }
        }
        section.keys.append(KeyLine {key, unquote(line.sliced(equals + 1).trimmed()), {lineNo}});
    }
    if (!headerSeen) {
        b.fail(1, tr("The file is empty: not a Socket Workbench payload library"));
        return b.result;
    }
    if (endLine == 0) {
        b.fail(lastLine, tr("The file ends without its [end] line: it was cut short, or is not whole"));
        return b.result;
    }

    // Groups, then payloads, then sequences: a step may send a payload
    // written further down the file.
    PayloadLibrary built;
    for (const Section &section : std::as_const(sections)) {
        if (section.kind != SectionKind::Group)
            continue;
        const KeyLine *notes = section.find(u"notes"_s);
        const QString refused = built.addGroup({section.name, notes ? notes->value : QString()});
        if (!refused.isEmpty()) {
            b.fail(section.line, refused);
            return b.result;
        }
    }
    for (const SectionKind kind : {SectionKind::Payload, SectionKind::Sequence, SectionKind::Rules}) {
        for (const Section &section : std::as_const(sections)) {
            if (section.kind != kind)
                continue;
            const bool ok = kind == SectionKind::Payload ? b.buildPayload(section, built)
                          : kind == SectionKind::Sequence ? b.buildSequence(section, built)
                                                           : b.buildRules(section, built);
            if (!ok)
                return b.result;
        }
    }
    *library = built;
    return b.result;
}

QByteArray LibraryFile::write(const PayloadLibrary &library)
{
    QString out;
    out += u"# Socket Workbench payload library (README.md, \"The payload library file\")\n"_s;
    out += kHeader + u'\n';
    for (const PayloadLibrary::Group &group : library.groups()) {
        out += u"\n[group "_s + group.name + u"]\n"_s;
        if (!group.notes.isEmpty())
            writeValue(out, u"notes"_s, group.notes);
    }
    for (const PayloadEntry &entry : library.payloads()) {
        out += u"\n[payload "_s + entry.name + u"]\n"_s;
        if (!entry.group.isEmpty())
            writeValue(out, u"group"_s, entry.group);
        writeValue(out, entry.mode == PayloadParser::Mode::Hex ? u"hex"_s : u"text"_s, entry.text);
        // Defaults are left out, so a file shows what is special about an entry.
        if (entry.encoding != u"UTF-8"_s)
            writeValue(out, u"encoding"_s, entry.encoding);
        if (entry.lineEnding != PayloadEntry::LineEnding::None)
            writeValue(out, u"line-ending"_s, PayloadEntry::lineEndingName(entry.lineEnding));
        if (entry.checksum)
            writeValue(out, u"checksum"_s, entry.checksum->toString());
        if (entry.framing)
            writeValue(out, u"framing"_s, entry.framing->toString());
        if (!entry.notes.isEmpty())
            writeValue(out, u"notes"_s, entry.notes);
    }
    for (const CommandSequence &sequence : library.sequences()) {
        out += u"\n[sequence "_s + sequence.name + u"]\n"_s;
        if (!sequence.group.isEmpty())
            writeValue(out, u"group"_s, sequence.group);
        if (sequence.encoding != u"UTF-8"_s)
            writeValue(out, u"encoding"_s, sequence.encoding);
        writeValue(out, u"run"_s, sequence.runText());
        for (const SequenceStep &step : sequence.steps)
            writeValue(out, u"step"_s, step.toString());
        if (!sequence.notes.isEmpty())
            writeValue(out, u"notes"_s, sequence.notes);
    }
    // Issue 20: reply rule sets, one line per rule as --rules files have them.
    for (const RuleSet &set : library.ruleSets()) {
        out += u"\n[rules "_s + set.name + u"]\n"_s;
        if (!set.group.isEmpty())
            writeValue(out, u"group"_s, set.group);
        for (const ReplyRule &rule : set.rules)
            writeValue(out, u"rule"_s, rule.toLine());
        if (!set.notes.isEmpty())
            writeValue(out, u"notes"_s, set.notes);
    }
    out += u"\n[end]\n"_s;
    return out.toUtf8();
}
