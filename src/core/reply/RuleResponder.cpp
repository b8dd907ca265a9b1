#include "core/reply/RuleResponder.h"

#include "core/reply/HttpRequestParser.h"

RuleResponder::RuleResponder(std::shared_ptr<const ReplyRules> rules)
    : m_rules(std::move(rules))
{
}

RuleResponder::~RuleResponder() = default;

RuleResponder::Output RuleResponder::onMessage(const QByteArray &message, const Template::Context &context)
{
    Output out;
    Template::Context ctx = context;
    ctx.counter = m_counter;
    const ReplyRules::Evaluation e = m_rules->evaluate(message, ctx);
    out.rule = e.rule;
    out.limitErrors = e.limitErrors;
    m_counter += quint64(e.countersUsed);
    if (m_closing) {
        // An HTTP rule answered a closing request (or a bad one): the peer
        // has its last response, bytes after it are not answered.
        out.closeAfter = true;
        return out;
    }
    for (const ReplyRules::Firing &f : e.firings) {
        out.fired.append(f.rule);
        if (f.hasReply)
            out.replies.append({f.rule, f.reply, f.delayMs, f.checksum});
        if (f.http) {
            std::unique_ptr<HttpRequestParser> &parser = m_http[f.rule];
            if (!parser)
                parser = std::make_unique<HttpRequestParser>();
            const AutoReply &page = m_rules->httpPage();
            for (const HttpRequestParser::Request &request : parser->feed(message)) {
                out.replies.append({f.rule, page.httpResponse(request.method, request.target, request.keepAlive),
                                    f.delayMs, f.checksum});
                if (!request.keepAlive) {
                    m_closing = out.closeAfter = true;
                    return out;
                }
            }
            if (parser->hasError()) {
                out.replies.append({f.rule, page.httpBadRequest(parser->error()), f.delayMs, f.checksum});
                m_closing = out.closeAfter = true;
                return out;
            }
        }
        if (f.closeAfter) {
            out.closeAfter = true;
            return out;
        }
    }
    return out;
}
