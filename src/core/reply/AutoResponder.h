#pragma once

#include "core/commands/Template.h"
#include "core/reply/AutoReply.h"

#include <QByteArray>
#include <QList>

#include <memory>

class HttpRequestParser;

// The per-connection side of an AutoReply: HTTP needs to see whole requests
// across reads, the others answer each read.
class AutoResponder
{
public:
    explicit AutoResponder(const AutoReply &config);
    ~AutoResponder();
    AutoResponder(const AutoResponder &) = delete;
    AutoResponder &operator=(const AutoResponder &) = delete;

    struct Output
    {
        QList<QByteArray> replies;
        bool closeAfter = false;   // HTTP: Connection: close or a bad request
        bool usedCounter = false;  // each reply took a {counter}: the caller counts them
    };
    // Echo answers every read (even an empty UDP datagram) with the same
    // bytes, a template with one reply per read; HTTP answers each complete
    // request, in order, and stops after one that closes the connection.
    // A template is expanded with `context` (its received bytes are data).
    Output onData(const QByteArray &data, const Template::Context &context = {});

private:
    AutoReply m_config;
    std::unique_ptr<HttpRequestParser> m_http;
    bool m_closing = false;    // HTTP: the connection is to be closed, answer nothing more
};
