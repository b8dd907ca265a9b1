#include "core/reply/ReplyRule.h"

#include "core/commands/Template.h"
#include "core/reply/RuleMatcher.h"

using namespace Qt::StringLiterals;

namespace {

const QString kSeparator = u" => "_s;

struct Keyword
{
    ReplyRule::Match match;
    QString word;
};

const QList<Keyword> &keywords()
{
    static const QList<Keyword> list = {
        {ReplyRule::Match::Any, u"any"_s},          {ReplyRule::Match::Exact, u"exact"_s},
        {ReplyRule::Match::StartsWith, u"starts"_s}, {ReplyRule::Match::EndsWith, u"ends"_s},
        {ReplyRule::Match::Contains, u"contains"_s}, {ReplyRule::Match::Regex, u"regex"_s},
        {ReplyRule::Match::Hex, u"hex"_s},
    };
    return list;
}

// The options block at the end of a reply: the index of its " [" or -1.
qsizetype optionsStart(const QString &reply)
{
    if (!reply.endsWith(u']'))
        return -1;
    const qsizetype open = reply.lastIndexOf(u" ["_s);
    if (open < 0 || reply.indexOf(u']', open) != reply.size() - 1)
        return -1;
    return open;
}

// Text for the line form: no line breaks (a line is one rule).
QString oneLine(const QString &text)
{
    QString out = text;
    out.replace(u'\r', u"\\r"_s);
    out.replace(u'\n', u"\\n"_s);
    return out;
}

bool isNameOk(const QString &name)
{
    return !name.contains(u',') && !name.contains(u']') && !name.contains(u'\n') && !name.contains(u'\r')
        && name.trimmed() == name;
}

} // namespace

ReplyRule::Problem ReplyRule::problemAt(Field field, int column, const QString &reason)
{
    Problem p;
    p.field = field;
    p.reason = reason;
    p.column = column;
    p.message = tr("%1 at column %2").arg(reason).arg(column);
    return p;
}

QString ReplyRule::matchKeyword(Match match)
{
    for (const Keyword &k : keywords()) {
        if (k.match == match)
            return k.word;
    }
    return u"any"_s;
}

std::optional<ReplyRule::Match> ReplyRule::matchFromKeyword(const QString &keyword)
{
    const QString lower = keyword.trimmed().toLower();
    for (const Keyword &k : keywords()) {
        if (k.word == lower)
            return k.match;
    }
    if (lower == u"startswith"_s)
        return Match::StartsWith;
    if (lower == u"endswith"_s)
        return Match::EndsWith;
    return std::nullopt;
}

QString ReplyRule::matchTitle(Match match)
{
    switch (match) {
    case Match::Any: return tr("Any message");
    case Match::Exact: return tr("Exactly");
    case Match::StartsWith: return tr("Starts with");
    case Match::EndsWith: return tr("Ends with");
    case Match::Contains: return tr("Contains");
    case Match::Regex: return tr("Regular expression");
    case Match::Hex: return tr("Hex bytes");
    }
    return {};
}

QString ReplyRule::summary() const
{
    if (!name.isEmpty())
        return name;
    QString what = match == Match::Any ? matchKeyword(match) : matchKeyword(match) + u' ' + pattern;
    QString answer;
    switch (reply) {
    case Reply::None: answer = tr("nothing"); break;
    case Reply::Http: answer = tr("the HTTP page"); break;
    case Reply::Template: answer = replyText; break;
    }
    return u"%1 \u2192 %2"_s.arg(what, answer);
}

ReplyRule::Problem ReplyRule::validate(const QString &encoding) const
{
    if (delayMs < 0 || delayMs > kMaxDelayMs)
        return problemAt(Field::Options, 1, tr("The delay must be 0 to %1 ms").arg(kMaxDelayMs));
    if (!isNameOk(name))
        return problemAt(Field::Options, 1, tr("A rule's name cannot hold \u201c,\u201d, \u201c]\u201d, a line break "
                                             "or spaces at its ends"));
    const RuleMatcher matcher(*this, encoding);
    if (!matcher.isValid())
        return matcher.problem();
    if (reply != Reply::Template)
        return {};
    if (replyText.isEmpty())
        return problemAt(Field::Reply, 1, tr("The reply is empty: write none for a rule that answers nothing"));
    const Template::Parsed parsed = Template::parseWithCaptures(replyText, encoding);
    if (!parsed.ok())
        return problemAt(Field::Reply, parsed.column > 0 ? parsed.column : 1, parsed.reason);
    for (const Template::CaptureRef &ref : parsed.value.captureRefs()) {
        const int column = ref.position + 1;
        if (ref.number > 0 && ref.number > matcher.captureCount()) {
            const QString groups = matcher.captureCount() == 0 ? tr("the pattern has no groups")
                                 : matcher.captureCount() == 1 ? tr("the pattern has 1 group")
                                                                : tr("the pattern has %1 groups").arg(matcher.captureCount());
            return problemAt(Field::Reply, column, tr("Unknown capture {%1}: %2").arg(ref.number).arg(groups));
        }
        if (ref.number < 0 && matcher.captureNumber(ref.name) < 0)
            return problemAt(Field::Reply, column,
                           tr("Unknown capture {%1}: the pattern has no group (?<%1>\u2026)").arg(ref.name));
    }
    return {};
}

ReplyRule::Parsed ReplyRule::parse(const QString &line, const QString &encoding, bool check)
{
    Parsed out;
    ReplyRule rule;
    const auto fail = [&out](Field field, int column, const QString &reason) {
        out.problem = problemAt(field, column, reason);
        return out;
    };
    qsizetype start = 0;
    while (start < line.size() && line.at(start).isSpace())
        ++start;
    if (start == line.size())
        return fail(Field::Line, 1, tr("The rule is empty: write MATCH => REPLY, e.g. contains:PING => PONG"));

    // MATCH: "any" alone, or KEYWORD:PATTERN.
    const qsizetype sep = line.indexOf(kSeparator, start);
    const qsizetype colon = line.indexOf(u':', start);
    qsizetype patternAt = -1;
    if (colon >= 0 && (sep < 0 || colon < sep)) {
        const QString word = line.sliced(start, colon - start);
        const std::optional<Match> m = matchFromKeyword(word);
        if (!m || *m == Match::Any)
            return fail(Field::Match, int(start) + 1,
                        tr("Unknown match \u201c%1\u201d: write any, exact:, starts:, ends:, contains:, regex: or hex:")
                                .arg(word.left(24)));
        rule.match = *m;
        patternAt = colon + 1;
    } else {
        const QString word = (sep < 0 ? line.sliced(start) : line.sliced(start, sep - start)).trimmed();
        if (word.compare(u"any"_s, Qt::CaseInsensitive) != 0)
            return fail(Field::Match, int(start) + 1,
                        tr("Unknown match \u201c%1\u201d: write any, exact:, starts:, ends:, contains:, regex: or hex:")
                                .arg(word.left(24)));
    }
    if (sep < 0)
        return fail(Field::Line, int(line.size()) + 1,
                    tr("Missing \u201c => \u201d between the match and the reply"));
    if (patternAt >= 0)
        rule.pattern = line.sliced(patternAt, sep - patternAt);

    // REPLY [OPTIONS]
    const qsizetype replyAt = sep + kSeparator.size();
    QString reply = line.sliced(replyAt);
    const qsizetype options = optionsStart(reply);
    if (options >= 0) {
        const qsizetype blockAt = replyAt + options + 2;   // after " ["
        const QString block = reply.sliced(options + 2, reply.size() - options - 3);
        reply.truncate(options);
        qsizetype at = 0;
        for (const QString &item : block.split(u',')) {
            qsizetype lead = 0;
            while (lead < item.size() && item.at(lead).isSpace())
                ++lead;
            const qsizetype itemAt = blockAt + at + lead;
            at += item.size() + 1;
            const QString option = item.trimmed();
            const int column = int(itemAt) + 1;
            const qsizetype eq = option.indexOf(u'=');
            const QString key = (eq < 0 ? option : option.left(eq)).trimmed().toLower();
            const QString value = eq < 0 ? QString() : option.sliced(eq + 1).trimmed();
            if (key == u"next"_s && eq < 0) {
                rule.goOn = true;
            } else if (key == u"close"_s && eq < 0) {
                rule.closeAfter = true;
            } else if (key == u"off"_s && eq < 0) {
                rule.enabled = false;
            } else if (key == u"delay"_s && eq >= 0) {
                bool ok = false;
                const int ms = value.endsWith(u"ms"_s) ? value.chopped(2).toInt(&ok) : value.toInt(&ok);
                if (!ok || ms < 0 || ms > kMaxDelayMs)
                    return fail(Field::Options, column, tr("Bad delay \u201c%1\u201d: write delay=MS, 0 to %2")
                                                                .arg(value.left(24))
                                                                .arg(kMaxDelayMs));
                rule.delayMs = ms;
            } else if (key == u"checksum"_s && eq >= 0) {
                QString why;
                const Checksum sum = Checksum::parse(value, &why);
                if (!why.isEmpty())
                    return fail(Field::Options, column, why);
                rule.checksum = sum;
            } else if (key == u"name"_s && eq >= 0) {
                rule.name = value;
            } else {
                return fail(Field::Options, column,
                            tr("Unknown option \u201c%1\u201d: the options are delay=MS, next, close, off, "
                               "checksum=NAME and name=TEXT")
                                    .arg(option.left(24)));
            }
        }
    }
    if (reply.compare(u"none"_s, Qt::CaseInsensitive) == 0)
        rule.reply = Reply::None;
    else if (reply.compare(u"http"_s, Qt::CaseInsensitive) == 0)
        rule.reply = Reply::Http;
    else
        rule.replyText = reply;

    const Problem p = check ? rule.validate(encoding) : Problem();
    if (!p.ok()) {
        int column = p.column;
        if (p.field == Field::Pattern)
            column += int(patternAt);
        else if (p.field == Field::Reply)
            column += int(replyAt);
        else if (p.field == Field::Options)
            column = int(replyAt + reply.size()) + 2;   // the "["
        return fail(p.field, column, p.reason);
    }
    out.rule = rule;
    return out;
}

QString ReplyRule::toLine() const
{
    QString line = matchKeyword(match);
    if (match != Match::Any) {
        QString p = oneLine(pattern);
        // The pattern ends at the first " => ": its space becomes \x20, which
        // the text escapes and PCRE2 both read as a space.
        p.replace(kSeparator, u"\\x20=> "_s);
        if (p.endsWith(u" =>"_s))
            p = p.chopped(3) + u"\\x20=>"_s;
        line += u':' + p;
    }
    line += kSeparator;
    switch (reply) {
    case Reply::None: line += u"none"_s; break;
    case Reply::Http: line += u"http"_s; break;
    case Reply::Template: {
        QString text = oneLine(replyText);
        if (text.compare(u"none"_s, Qt::CaseInsensitive) == 0 || text.compare(u"http"_s, Qt::CaseInsensitive) == 0)
            text = u"\\x%1"_s.arg(uint(text.at(0).unicode()), 2, 16, QChar(u'0')) + text.sliced(1);
        const qsizetype options = optionsStart(text);
        if (options >= 0)
            text = text.left(options) + u" \\x5b"_s + text.sliced(options + 2);
        line += text;
        break;
    }
    }
    QStringList options;
    if (delayMs > 0)
        options.append(u"delay=%1"_s.arg(delayMs));
    if (goOn)
        options.append(u"next"_s);
    if (closeAfter)
        options.append(u"close"_s);
    if (!enabled)
        options.append(u"off"_s);
    if (checksum)
        options.append(u"checksum="_s + checksum->toString());
    if (!name.isEmpty())
        options.append(u"name="_s + name);
    if (!options.isEmpty())
        line += u" ["_s + options.join(u", "_s) + u']';
    return line;
}
