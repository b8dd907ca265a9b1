#include "core/reply/ReplyRules.h"

using namespace Qt::StringLiterals;

namespace {

ReplyRule anyRule(ReplyRule::Reply kind, const QString &text = QString())
{
    ReplyRule r;
    r.reply = kind;
    r.replyText = text;
    return r;
}

ReplyRule lineRule(const QString &line)
{
    const ReplyRule::Parsed p = ReplyRule::parse(line);
    Q_ASSERT_X(p.ok(), "ReplyRules::presets", qPrintable(p.problem.message));
    return p.rule;
}

} // namespace

ReplyRules::ReplyRules(const QList<ReplyRule> &rules, const QString &encoding)
    : m_rules(rules)
    , m_encoding(encoding)
    , m_http(AutoReply::fromSpec(u"http"_s, encoding))
{
    m_compiled.reserve(rules.size());
    for (const ReplyRule &rule : rules) {
        Compiled c;
        c.problem = rule.validate(encoding);
        if (c.problem.ok()) {
            c.matcher = RuleMatcher(rule, encoding);
            if (rule.reply == ReplyRule::Reply::Template)
                c.reply = Template::parseWithCaptures(rule.replyText, encoding).value;
            c.armed = rule.enabled;
        }
        if (c.armed)
            ++m_armedCount;
        m_compiled.append(std::move(c));
    }
}

bool ReplyRules::isArmed(int index) const
{
    return index >= 0 && index < m_compiled.size() && m_compiled.at(index).armed;
}

ReplyRule::Problem ReplyRules::problem(int index) const
{
    return index >= 0 && index < m_compiled.size() ? m_compiled.at(index).problem : ReplyRule::Problem();
}

QStringList ReplyRules::errors() const
{
    QStringList out;
    for (int i = 0; i < m_compiled.size(); ++i) {
        const ReplyRule::Problem &p = m_compiled.at(i).problem;
        if (!p.ok())
            out.append(tr("Rule %1: %2").arg(i + 1).arg(p.message));
    }
    return out;
}

ReplyRules::Evaluation ReplyRules::evaluate(const QByteArray &message, const Template::Context &context) const
{
    Evaluation out;
    if (m_armedCount == 0)
        return out;
    out.rule = kUnmatched;
    Template::Context ctx = context;
    ctx.received = message;
    for (int i = 0; i < m_compiled.size(); ++i) {
        const Compiled &c = m_compiled.at(i);
        if (!c.armed)
            continue;
        RuleMatcher::Result m = c.matcher.match(message);
        if (m.status == RuleMatcher::Result::Status::LimitReached || m.status == RuleMatcher::Result::Status::Error) {
            out.limitErrors.append({i, m.error});
            continue;
        }
        if (!m.matched())
            continue;
        const ReplyRule &rule = m_rules.at(i);
        Firing f;
        f.rule = i;
        f.delayMs = rule.delayMs;
        f.closeAfter = rule.closeAfter;
        f.checksum = rule.checksum;
        switch (rule.reply) {
        case ReplyRule::Reply::None:
            break;
        case ReplyRule::Reply::Http:
            f.http = true;
            break;
        case ReplyRule::Reply::Template: {
            ctx.captures = m.captures;
            ctx.namedCaptures.clear();
            for (const QString &name : c.matcher.captureNames())
                ctx.namedCaptures.insert(name, m.captures.value(c.matcher.captureNumber(name)));
            f.reply = c.reply.expand(ctx);
            f.hasReply = true;
            // A rule after this one (next) counts on from here.
            if (c.reply.usesCounter()) {
                ++ctx.counter;
                ++out.countersUsed;
            }
            break;
        }
        }
        f.captures = std::move(m.captures);
        if (out.rule == kUnmatched)
            out.rule = i;
        out.firings.append(std::move(f));
        if (!rule.goOn)
            break;
    }
    return out;
}

QList<ReplyRules::Preset> ReplyRules::presets()
{
    QList<Preset> list;
    list.append({u"echo"_s, tr("Echo"), tr("Answers every message with the same bytes."),
                 {anyRule(ReplyRule::Reply::Template, u"{data}"_s)}});
    list.append({u"hello"_s, tr("Hello template"), tr("Answers \u201cTracy\u201d with \u201cHello,Tracy!\u201d."),
                 {anyRule(ReplyRule::Reply::Template, u"Hello,{data}!"_s)}});
    list.append({u"http"_s, tr("HTTP page"), tr("Answers every HTTP request with a small 200 page."),
                 {anyRule(ReplyRule::Reply::Http)}});
    // Modbus TCP (MBAP header: transaction id, protocol 0, length, unit),
    // function 3 "read holding registers" for 10 registers: the answer has
    // the request's transaction id ({1}) and unit ({2}), length 3 + 20 =
    // 0x17, a byte count of 20 and the registers 1 to 10.
    list.append({u"modbus-tcp"_s, tr("Modbus TCP: read holding registers"),
                 tr("Answers function 3 for 10 registers with the values 1 to 10, "
                    "echoing the transaction id and unit."),
                 {lineRule(u"hex:?? ?? 00 00 00 06 ?? 03 ?? ?? 00 0A $ => "
                           "{1}{hex:00 00 00 17}{2}{hex:03 14 00 01 00 02 00 03 00 04 00 05 00 06 00 07 00 08 00 09 00 0A}"
                           " [name=Modbus TCP read holding registers]"_s)}});
    // Modbus RTU: unit 1, function 3, 10 registers, the request's CRC
    // matched by ?? ??; the answer carries its own CRC-16/MODBUS (a rule
    // checksum, so the preset works whatever the tab's checksum is).
    list.append({u"modbus-rtu"_s, tr("Modbus RTU: read holding registers"),
                 tr("Answers unit 1, function 3 for 10 registers with the values 1 to 10 and a CRC-16/MODBUS."),
                 {lineRule(u"hex:01 03 ?? ?? 00 0A ?? ?? $ => "
                           "{hex:01 03 14 00 01 00 02 00 03 00 04 00 05 00 06 00 07 00 08 00 09 00 0A}"
                           " [checksum=crc16-modbus, name=Modbus RTU read holding registers]"_s)}});
    return list;
}

std::optional<ReplyRules::Preset> ReplyRules::preset(const QString &id)
{
    for (const Preset &p : presets()) {
        if (p.id == id)
            return p;
    }
    return std::nullopt;
}

QList<ReplyRule> ReplyRules::fromReplySpec(const QString &spec)
{
    switch (AutoReply::modeOfSpec(spec)) {
    case AutoReply::Mode::None: return {};
    case AutoReply::Mode::Echo: return {anyRule(ReplyRule::Reply::Template, u"{data}"_s)};
    case AutoReply::Mode::Http: return {anyRule(ReplyRule::Reply::Http)};
    case AutoReply::Mode::Template: break;
    }
    return {anyRule(ReplyRule::Reply::Template, spec)};
}

QString ReplyRules::replySpecOf(const QList<ReplyRule> &rules)
{
    if (rules.isEmpty())
        return u""_s;
    if (rules.size() != 1)
        return QString();
    const ReplyRule &r = rules.first();
    const ReplyRule plain = anyRule(r.reply, r.replyText);
    if (!(r == plain))
        return QString();
    if (r.reply == ReplyRule::Reply::Http)
        return u"http"_s;
    if (r.reply == ReplyRule::Reply::None)
        return QString();
    if (r.replyText == u"{data}"_s)
        return u"echo"_s;
    // A template that reads as a keyword would mean something else.
    if (AutoReply::modeOfSpec(r.replyText) != AutoReply::Mode::Template)
        return QString();
    return r.replyText;
}

ReplyRules::FileParsed ReplyRules::parseText(const QString &text, const QString &encoding)
{
    FileParsed out;
    const QStringList lines = text.split(u'\n');
    for (int i = 0; i < lines.size(); ++i) {
        QString line = lines.at(i);
        if (line.endsWith(u'\r'))
            line.chop(1);
        const QString trimmed = line.trimmed();
        if (trimmed.isEmpty() || trimmed.startsWith(u'#'))
            continue;
        const ReplyRule::Parsed p = ReplyRule::parse(line, encoding);
        if (!p.ok()) {
            out.rules.clear();
            out.line = i + 1;
            out.column = p.problem.column;
            out.error = tr("line %1, column %2: %3").arg(out.line).arg(out.column).arg(p.problem.reason);
            return out;
        }
        out.rules.append(p.rule);
    }
    return out;
}

QString ReplyRules::toText(const QList<ReplyRule> &rules)
{
    QString out;
    for (const ReplyRule &r : rules)
        out += r.toLine() + u'\n';
    return out;
}
