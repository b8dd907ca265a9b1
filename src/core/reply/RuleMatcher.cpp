#include "core/reply/RuleMatcher.h"

#include "core/text/PayloadParser.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

using namespace Qt::StringLiterals;

struct RuleMatcher::Compiled
{
    pcre2_code *code = nullptr;
    pcre2_match_context *context = nullptr;
    QStringList names;          // by group number - 1; empty for unnamed groups
    ~Compiled()
    {
        pcre2_match_context_free(context);
        pcre2_code_free(code);
    }
};

namespace {

ReplyRule::Problem problemAt(int column, const QString &reason)
{
    return ReplyRule::problemAt(ReplyRule::Field::Pattern, column, reason);
}

int hexValue(QChar c)
{
    if (c >= u'0' && c <= u'9')
        return c.unicode() - u'0';
    if (c >= u'a' && c <= u'f')
        return c.unicode() - u'a' + 10;
    if (c >= u'A' && c <= u'F')
        return c.unicode() - u'A' + 10;
    return -1;
}

} // namespace

RuleMatcher::RuleMatcher() = default;
RuleMatcher::~RuleMatcher() = default;
RuleMatcher::RuleMatcher(const RuleMatcher &) = default;
RuleMatcher &RuleMatcher::operator=(const RuleMatcher &) = default;

RuleMatcher::RuleMatcher(const ReplyRule &rule, const QString &encoding)
    : m_kind(rule.match)
{
    using Match = ReplyRule::Match;
    if (m_kind == Match::Any)
        return;
    if (rule.pattern.isEmpty()) {
        m_problem = problemAt(1, tr("The pattern is empty: write what the message must hold, or use “any”"));
        return;
    }
    switch (m_kind) {
    case Match::Any:
        break;
    case Match::Exact:
    case Match::StartsWith:
    case Match::EndsWith:
    case Match::Contains: {
        const PayloadParser::Result r = PayloadParser::parse(rule.pattern, PayloadParser::Mode::Text, encoding);
        if (!r.ok())
            m_problem = problemAt(r.position >= 0 ? r.column : 1, r.reason);
        else
            m_bytes = r.bytes;
        break;
    }
    case Match::Hex: {
        const QString &p = rule.pattern;
        bool inRun = false;
        for (int i = 0; i < p.size();) {
            const QChar c = p.at(i);
            if (c.isSpace() || c == u',') {
                ++i;
                continue;
            }
            if (c == u'$') {
                if (!p.sliced(i + 1).trimmed().isEmpty()) {
                    m_problem = problemAt(i + 1, tr("$ (the message ends here) can only come last"));
                    return;
                }
                m_hexToEnd = true;
                break;
            }
            if (i + 1 >= p.size()) {
                m_problem = problemAt(i + 1, tr("Half a byte: hex bytes are two digits each, ?? is any byte"));
                return;
            }
            const QChar d = p.at(i + 1);
            if (c == u'?' && d == u'?') {
                if (!inRun)
                    m_runs.append({int(m_bytes.size()), 0});
                ++m_runs.last().second;
                inRun = true;
                m_bytes.append('\0');
                m_wild.append('\1');
            } else if (hexValue(c) >= 0 && hexValue(d) >= 0) {
                inRun = false;
                m_bytes.append(char(hexValue(c) * 16 + hexValue(d)));
                m_wild.append('\0');
            } else {
                const int bad = hexValue(c) < 0 && c != u'?' ? i : i + 1;
                m_problem = problemAt(bad + 1, tr("\u201c%1\u201d is not a hex digit: write bytes such as 01 03, "
                                                  "?? for any byte").arg(p.at(bad)));
                return;
            }
            i += 2;
            // A run of ?? is one capture only while the wildcards touch or
            // are split by spaces alone.
            if (i < p.size() && p.at(i) == u',')
                inRun = false;
        }
        if (m_bytes.isEmpty()) {
            m_problem = problemAt(1, tr("The hex pattern has no bytes"));
            return;
        }
        if (m_runs.size() > ReplyRule::kMaxCaptures) {
            m_problem = problemAt(1, tr("More than %1 runs of ?? (each is a capture)").arg(ReplyRule::kMaxCaptures));
            return;
        }
        m_captureCount = int(m_runs.size());
        break;
    }
    case Match::Regex: {
        const QByteArray utf8 = rule.pattern.toUtf8();
        int code = 0;
        PCRE2_SIZE offset = 0;
        // No UTF mode: the expression runs over the raw bytes a peer sent,
        // which need not be UTF-8; its own non-ASCII text is UTF-8 bytes.
        pcre2_code *compiled = pcre2_compile(reinterpret_cast<PCRE2_SPTR>(utf8.constData()), PCRE2_SIZE(utf8.size()),
                                             PCRE2_DOTALL, &code, &offset, nullptr);
        if (!compiled) {
            PCRE2_UCHAR buffer[256];
            pcre2_get_error_message(code, buffer, sizeof buffer);
            const int column = int(QString::fromUtf8(utf8.left(qsizetype(offset))).size()) + 1;
            m_problem = problemAt(column, tr("The regular expression does not compile: %1")
                                                  .arg(QString::fromUtf8(reinterpret_cast<const char *>(buffer))));
            return;
        }
        // Compiled to machine code where PCRE2 can (Debian's can): a failing
        // match runs to its limit ten to forty times faster, so a flood of
        // messages that backtrack costs the window little (pcre2_match
        // interprets when the JIT is not there).
        pcre2_jit_compile(compiled, PCRE2_JIT_COMPLETE);
        auto c = std::make_shared<Compiled>();
        c->code = compiled;
        c->context = pcre2_match_context_create(nullptr);
        pcre2_set_match_limit(c->context, kMatchLimit);
        pcre2_set_depth_limit(c->context, kDepthLimit);
        uint32_t groups = 0;
        pcre2_pattern_info(compiled, PCRE2_INFO_CAPTURECOUNT, &groups);
        c->names = QStringList(qsizetype(groups));
        uint32_t nameCount = 0;
        uint32_t entrySize = 0;
        PCRE2_SPTR table = nullptr;
        pcre2_pattern_info(compiled, PCRE2_INFO_NAMECOUNT, &nameCount);
        pcre2_pattern_info(compiled, PCRE2_INFO_NAMEENTRYSIZE, &entrySize);
        pcre2_pattern_info(compiled, PCRE2_INFO_NAMETABLE, &table);
        for (uint32_t n = 0; n < nameCount; ++n) {
            const PCRE2_SPTR entry = table + n * entrySize;
            const int number = (entry[0] << 8) | entry[1];
            if (number >= 1 && number <= int(groups))
                c->names[number - 1] = QString::fromUtf8(reinterpret_cast<const char *>(entry + 2));
        }
        m_captureCount = int(groups);
        m_regex = std::move(c);
        break;
    }
    }
}

QStringList RuleMatcher::captureNames() const
{
    QStringList out;
    if (m_regex) {
        for (const QString &name : m_regex->names) {
            if (!name.isEmpty())
                out.append(name);
        }
    }
    return out;
}

int RuleMatcher::captureNumber(const QString &name) const
{
    if (!m_regex || name.isEmpty())
        return -1;
    const qsizetype i = m_regex->names.indexOf(name);
    return i < 0 ? -1 : int(i) + 1;
}

RuleMatcher::Result RuleMatcher::match(QByteArrayView message) const
{
    using Match = ReplyRule::Match;
    using Status = Result::Status;
    Result r;
    if (!isValid())
        return r;
    const auto matched = [&r, message] {
        r.status = Status::Matched;
        r.captures = {message.toByteArray()};
    };
    switch (m_kind) {
    case Match::Any:
        matched();
        break;
    case Match::Exact:
        if (message == QByteArrayView(m_bytes))
            matched();
        break;
    case Match::StartsWith:
        if (message.startsWith(m_bytes))
            matched();
        break;
    case Match::EndsWith:
        if (message.endsWith(m_bytes))
            matched();
        break;
    case Match::Contains:
        if (message.indexOf(m_bytes) >= 0)
            matched();
        break;
    case Match::Hex: {
        if (message.size() < m_bytes.size() || (m_hexToEnd && message.size() != m_bytes.size()))
            break;
        for (qsizetype i = 0; i < m_bytes.size(); ++i) {
            if (!m_wild.at(i) && message.at(i) != m_bytes.at(i))
                return r;
        }
        r.status = Status::Matched;
        r.captures = {message.first(m_bytes.size()).toByteArray()};
        for (const auto &run : m_runs)
            r.captures.append(message.sliced(run.first, run.second).toByteArray());
        break;
    }
    case Match::Regex: {
        pcre2_match_data *data = pcre2_match_data_create_from_pattern(m_regex->code, nullptr);
        static const char empty = 0;
        const char *subject = message.data() ? message.data() : &empty;
        const int rc = pcre2_match(m_regex->code, reinterpret_cast<PCRE2_SPTR>(subject),
                                   PCRE2_SIZE(message.size()), 0, 0, data, m_regex->context);
        if (rc >= 0) {
            r.status = Status::Matched;
            const PCRE2_SIZE *ovector = pcre2_get_ovector_pointer(data);
            const int pairs = int(pcre2_get_ovector_count(data));
            for (int g = 0; g <= m_captureCount; ++g) {
                if (g >= pairs || ovector[2 * g] == PCRE2_UNSET) {
                    r.captures.append(QByteArray());
                    continue;
                }
                const qsizetype start = qsizetype(ovector[2 * g]);
                const qsizetype end = qsizetype(ovector[2 * g + 1]);
                // \K can put the start after the end; such a group is empty.
                r.captures.append(end > start ? message.sliced(start, end - start).toByteArray() : QByteArray());
            }
        } else if (rc == PCRE2_ERROR_MATCHLIMIT || rc == PCRE2_ERROR_DEPTHLIMIT || rc == PCRE2_ERROR_HEAPLIMIT) {
            r.status = Status::LimitReached;
            r.error = tr("no match (match limit reached): the expression backtracks too much on this message");
        } else if (rc != PCRE2_ERROR_NOMATCH) {
            PCRE2_UCHAR buffer[256];
            pcre2_get_error_message(rc, buffer, sizeof buffer);
            r.status = Status::Error;
            r.error = tr("no match: %1").arg(QString::fromUtf8(reinterpret_cast<const char *>(buffer)));
        }
        pcre2_match_data_free(data);
        break;
    }
    }
    return r;
}
