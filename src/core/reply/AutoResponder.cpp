#include "core/reply/AutoResponder.h"

#include "core/reply/HttpRequestParser.h"

AutoResponder::AutoResponder(const AutoReply &config)
    : m_config(config)
{
    if (m_config.mode() == AutoReply::Mode::Http)
        m_http = std::make_unique<HttpRequestParser>();
}

AutoResponder::~AutoResponder() = default;

AutoResponder::Output AutoResponder::onData(const QByteArray &data, const Template::Context &context)
{
    Output out;
    switch (m_config.mode()) {
    case AutoReply::Mode::None:
        break;
    case AutoReply::Mode::Echo:
        out.replies.append(data);
        break;
    case AutoReply::Mode::Template: {
        Template::Context filled = context;
        filled.received = data;
        out.replies.append(m_config.replyTemplate().expand(filled));
        out.usedCounter = m_config.replyTemplate().usesCounter();
        break;
    }
    case AutoReply::Mode::Http:
        if (m_closing) {
            // Bytes after a closing request or a bad one are not answered:
            // the peer already has its last response.
            out.closeAfter = true;
            break;
        }
        for (const HttpRequestParser::Request &request : m_http->feed(data)) {
            out.replies.append(m_config.httpResponse(request.method, request.target, request.keepAlive));
            if (!request.keepAlive) {
                m_closing = out.closeAfter = true;
                return out;
            }
        }
        if (m_http->hasError()) {
            out.replies.append(m_config.httpBadRequest(m_http->error()));
            m_closing = out.closeAfter = true;
        }
        break;
    }
    return out;
}
