#include "core/commands/Template.h"

#include "core/text/TextCodec.h"

#include <QLocale>
#include <QRandomGenerator>

using namespace Qt::StringLiterals;

namespace {

constexpr int kMaxCounterWidth = 20;     // the digits of the largest quint64
constexpr int kMaxRandomBytes = 65536;   // a datagram's worth and then some
const QString kDefaultTimeFormat = u"yyyy-MM-dd'T'HH:mm:ss.zzz"_s;
const QString kFieldList = u"{data}, {counter}, {time}, {random:N}, {hex:\u2026}"_s;

void failAt(Template::Parsed &fault, const QString &text, int position, const QString &reason)
{
    fault.value = Template();
    fault.reason = reason;
    fault.position = position;
    PayloadParser::locate(text, position, &fault.line, &fault.column);
    fault.error = PayloadParser::describe(reason, fault.line, fault.column);
}

bool allDigits(const QString &text)
{
    if (text.isEmpty())
        return false;
    for (QChar c : text) {
        if (c < u'0' || c > u'9')
            return false;
    }
    return true;
}

// A reply rule's capture: {1}…{9}, or a group name as PCRE2 allows one
// (letters, digits and _, not starting with a digit). The known fields keep
// their meaning, so a group named "data" is not reachable by name.
bool isCaptureName(const QString &name)
{
    if (name.size() == 1 && name.at(0) >= u'1' && name.at(0) <= u'9')
        return true;
    if (name.isEmpty() || name.size() > 32 || name.at(0).isDigit())
        return false;
    const QString lower = name.toLower();
    if (lower == u"data"_s || lower == u"counter"_s || lower == u"time"_s || lower == u"random"_s || lower == u"hex"_s)
        return false;
    for (QChar c : name) {
        if (!(c == u'_' || (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9')))
            return false;
    }
    return true;
}

// Long or invisible field names are shortened for the message; the column
// says where the field is.
QString shownName(const QString &name)
{
    QString shown = name.size() > 24 ? name.left(24) + u'\u2026' : name;
    for (QChar &c : shown) {
        if (!c.isPrint())
            c = u'\uFFFD';
    }
    return shown;
}

} // namespace

Template::Parsed Template::parseWithCaptures(const QString &text, const QString &encoding)
{
    Template seed;
    seed.m_captures = true;
    return parseInto(seed, text, Mode::Text, encoding);
}

Template::Parsed Template::parse(const QString &text, Mode mode, const QString &encoding)
{
    return parseInto(Template(), text, mode, encoding);
}

Template::Parsed Template::parseInto(Template out, const QString &text, Mode mode, const QString &encoding)
{
    Parsed result;
    const QString canonical = TextCodec::canonicalName(encoding);
    if (canonical.isEmpty()) {
        result.reason = tr("Unknown encoding \u201c%1\u201d").arg(encoding);
        result.error = result.reason;
        return result;
    }

    out.m_text = text;
    out.m_mode = mode;
    out.m_encoding = canonical;

    // Literal text between fields collects here and is read by PayloadParser
    // in one piece; positions maps each collected character back into text
    // ("{{" collects as one "{"), so a fault is reported where it was typed.
    QString segment;
    QList<int> positions;
    const auto flush = [&]() -> bool {
        if (segment.isEmpty())
            return true;
        const PayloadParser::Result part = PayloadParser::parse(segment, mode, canonical, true);
        if (!part.ok()) {
            int at = positions.last() + 1;
            if (part.position >= 0 && part.position < positions.size())
                at = positions.at(part.position);
            failAt(result, text, at, part.reason);
            return false;
        }
        if (!out.m_parts.isEmpty() && out.m_parts.last().kind == Part::Kind::Bytes)
            out.m_parts.last().bytes += part.bytes;
        else {
            Part bytes;
            bytes.bytes = part.bytes;
            out.m_parts.append(bytes);
        }
        segment.clear();
        positions.clear();
        return true;
    };

    const int size = int(text.size());
    for (int i = 0; i < size;) {
        const QChar c = text.at(i);
        if (c != u'{') {
            segment += c;
            positions.append(i);
            ++i;
            continue;
        }
        if (i + 1 < size && text.at(i + 1) == u'{') {
            segment += c;
            positions.append(i);
            i += 2;
            continue;
        }
        // A field never spans lines: a "{" with no "}" on its line is the
        // mistake, not a field that ends three lines later.
        const int close = int(text.indexOf(u'}', i + 1));
        const int newline = int(text.indexOf(u'\n', i + 1));
        if (close < 0 || (newline >= 0 && newline < close)) {
            failAt(result, text, i,
                   tr("Unclosed field: \u201c{\u201d starts a field such as {data} and ends at \u201c}\u201d; "
                      "write {{ for a literal {"));
            return result;
        }
        if (!flush() || !parseField(text, i, close, out, result))
            return result;
        i = close + 1;
    }
    if (!flush())
        return result;
    result.value = out;
    return result;
}

bool Template::parseField(const QString &text, int open, int close, Template &out, Parsed &fault)
{
    const QString inner = text.sliced(open + 1, close - open - 1);
    const qsizetype colon = inner.indexOf(u':');
    const QString name = colon < 0 ? inner : inner.left(colon);
    const bool hasArgument = colon >= 0;
    const QString argument = hasArgument ? inner.sliced(colon + 1) : QString();
    const int argumentAt = open + 1 + int(colon) + 1;   // valid when hasArgument

    Part part;
    if (name == u"data"_s) {
        if (hasArgument) {
            failAt(fault, text, argumentAt - 1, tr("{data} takes no argument: write {data}"));
            return false;
        }
        part.kind = Part::Kind::Data;
        out.m_usesData = true;
    } else if (name == u"counter"_s) {
        part.kind = Part::Kind::Counter;
        const QStringList pieces = argument.split(u':');
        if (hasArgument && pieces.size() > 2) {
            failAt(fault, text, argumentAt,
                   tr("{counter} takes a width and a start at most: {counter:04} or {counter:04:0}"));
            return false;
        }
        const QString width = hasArgument ? pieces.at(0) : QString();
        if (!width.isEmpty()) {
            bool ok = allDigits(width);
            const int value = ok ? width.toInt(&ok) : 0;
            if (!ok || value < 1 || value > kMaxCounterWidth) {
                failAt(fault, text, argumentAt,
                       tr("Bad counter width \u201c%1\u201d: write 1 to %2 (4 pads with spaces, 04 with zeros)")
                               .arg(width)
                               .arg(kMaxCounterWidth));
                return false;
            }
            part.width = value;
            part.zeroPad = width.startsWith(u'0');
        }
        if (pieces.size() == 2) {
            const QString start = pieces.at(1);
            bool ok = allDigits(start);
            const quint64 value = ok ? start.toULongLong(&ok) : 0;
            if (!ok) {
                failAt(fault, text, argumentAt + int(width.size()) + 1,
                       tr("Bad counter start \u201c%1\u201d: write a whole number from 0, e.g. {counter:04:0}")
                               .arg(start));
                return false;
            }
            part.start = value;
        }
        out.m_usesCounter = true;
    } else if (name == u"time"_s) {
        part.kind = Part::Kind::Time;
        part.format = hasArgument ? argument : kDefaultTimeFormat;
        if (part.format.isEmpty()) {
            failAt(fault, text, argumentAt, tr("{time:} needs a format after the colon, e.g. {time:HH:mm:ss}"));
            return false;
        }
        // The format's own letters must exist in the encoding; a sample time
        // shows them all (names of months and days are English, C locale).
        if (part.format != u"unix"_s && part.format != u"unixms"_s) {
            const QString sample = QLocale::c().toString(QDateTime(QDate(2000, 12, 31), QTime(23, 59, 59, 999)),
                                                         part.format);
            const TextCodec::Encoded encoded = TextCodec::encode(sample, out.m_encoding);
            if (!encoded.ok()) {
                failAt(fault, text, argumentAt, tr("The time format cannot be sent in %1: %2")
                                                        .arg(out.m_encoding, encoded.error));
                return false;
            }
        }
    } else if (name == u"random"_s) {
        part.kind = Part::Kind::Random;
        bool ok = allDigits(argument);
        const int count = ok ? argument.toInt(&ok) : 0;
        if (!ok || count < 1 || count > kMaxRandomBytes) {
            failAt(fault, text, hasArgument ? argumentAt : open,
                   tr("{random:N} needs a number of bytes from 1 to %1, e.g. {random:4}").arg(kMaxRandomBytes));
            return false;
        }
        part.count = count;
    } else if (name == u"hex"_s) {
        const PayloadParser::Result bytes = PayloadParser::parse(argument, Mode::Hex, out.m_encoding, true);
        if (!bytes.ok()) {
            failAt(fault, text, argumentAt + qMax(0, bytes.position), bytes.reason);
            return false;
        }
        if (bytes.bytes.isEmpty()) {
            failAt(fault, text, hasArgument ? argumentAt : open,
                   tr("{hex:\u2026} needs bytes after the colon, e.g. {hex:0d 0a}"));
            return false;
        }
        part.bytes = bytes.bytes;
    } else if (out.m_captures && isCaptureName(name) && !hasArgument) {
        part.kind = Part::Kind::Capture;
        const bool numbered = name.size() == 1 && name.at(0) >= u'1' && name.at(0) <= u'9';
        part.count = numbered ? name.at(0).digitValue() : -1;
        if (!numbered)
            part.format = name;
        out.m_captureRefs.append({part.count, numbered ? QString() : name, open + 1});
    } else if (name.isEmpty()) {
        failAt(fault, text, open, tr("Empty field {}: the fields are %1; write {{ for a literal {").arg(kFieldList));
        return false;
    } else {
        const QString lower = name.toLower();
        if (lower == u"data"_s || lower == u"counter"_s || lower == u"time"_s || lower == u"random"_s
            || lower == u"hex"_s) {
            failAt(fault, text, open + 1,
                   tr("Unknown field {%1}: field names are lower case, write {%2}").arg(shownName(name), lower));
        } else {
            failAt(fault, text, open + 1, tr("Unknown field {%1}: the fields are %2; write {{ for a literal {")
                                                  .arg(shownName(name), kFieldList));
        }
        return false;
    }

    // {hex:…} is fixed bytes: it joins the literal text around it.
    if (part.kind == Part::Kind::Bytes && !out.m_parts.isEmpty() && out.m_parts.last().kind == Part::Kind::Bytes)
        out.m_parts.last().bytes += part.bytes;
    else
        out.m_parts.append(part);
    return true;
}

QString Template::fromAutoReplyTemplate(const QString &spec)
{
    static const QString placeholder = u"{data}"_s;
    QString out;
    out.reserve(spec.size() + 8);
    for (qsizetype i = 0; i < spec.size();) {
        if (QStringView(spec).sliced(i).startsWith(placeholder)) {
            out += placeholder;
            i += placeholder.size();
            continue;
        }
        if (spec.at(i) == u'{')
            out += u"{{"_s;
        else
            out += spec.at(i);
        ++i;
    }
    return out;
}

QString Template::fieldHint()
{
    return tr("Fields: {data} the received bytes, {counter:04} the message number, {time:HH:mm:ss}, "
              "{random:4} random bytes, {hex:0d 0a} bytes in hex; {{ is a literal {");
}

bool Template::isFixed() const
{
    for (const Part &part : m_parts) {
        if (part.kind != Part::Kind::Bytes)
            return false;
    }
    return true;
}

QByteArray Template::encodeText(const QString &text) const
{
    // Digits, and whatever the format check let through, always encode.
    return TextCodec::encode(text, m_encoding).bytes;
}

QByteArray Template::expand(const Context &context) const
{
    QByteArray out;
    for (const Part &part : m_parts) {
        switch (part.kind) {
        case Part::Kind::Bytes:
            out += part.bytes;
            break;
        case Part::Kind::Data:
            out += context.received;
            break;
        case Part::Kind::Counter: {
            // Unsigned arithmetic: a start near 2^64 wraps rather than overflows.
            const QString number = QString::number(part.start + context.counter);
            out += encodeText(number.rightJustified(part.width, part.zeroPad ? u'0' : u' '));
            break;
        }
        case Part::Kind::Time: {
            const QDateTime now = context.now.isValid() ? context.now : QDateTime::currentDateTime();
            if (part.format == u"unix"_s)
                out += encodeText(QString::number(now.toSecsSinceEpoch()));
            else if (part.format == u"unixms"_s)
                out += encodeText(QString::number(now.toMSecsSinceEpoch()));
            else
                out += encodeText(QLocale::c().toString(now, part.format));
            break;
        }
        case Part::Kind::Capture:
            if (part.count >= 0)
                out += context.captures.value(part.count);
            else
                out += context.namedCaptures.value(part.format);
            break;
        case Part::Kind::Random: {
            QRandomGenerator *random = context.random ? context.random : QRandomGenerator::global();
            const qsizetype start = out.size();
            out.resize(start + part.count);
            for (int i = 0; i < part.count; i += 4) {
                const quint32 value = random->generate();
                for (int k = 0; k < 4 && i + k < part.count; ++k)
                    out[start + i + k] = char((value >> (8 * k)) & 0xff);
            }
            break;
        }
        }
    }
    return out;
}
