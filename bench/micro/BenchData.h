#pragma once

// Inputs shared by the micro-benchmarks: payloads that look like what a
// workbench logs (protocol text with some Chinese), built once per size.

#include "core/log/TrafficEvent.h"
#include "core/net/Endpoint.h"
#include "core/text/TextCodec.h"

#include <QByteArray>
#include <QHostAddress>
#include <QString>

#include <random>

namespace bench {

// Text in `encoding`, exactly `size` bytes, made of whole sentences (padded
// with spaces), so it decodes without a single invalid or cut character.
inline QByteArray textPayload(qsizetype size, const QString &encoding = QStringLiteral("UTF-8"))
{
    const QByteArray sentence = TextCodec::encode(
            QStringLiteral("GET /api/v1/items?id=42 HTTP/1.1 你好，世界！数据包已收到 #1234\r\n"), encoding).bytes;
    QByteArray out;
    out.reserve(size);
    while (out.size() + sentence.size() <= size)
        out += sentence;
    while (out.size() < size)
        out += ' ';
    out.squeeze();
    return out;
}

// Bytes of a binary protocol: uniformly random, so most non-ASCII bytes are
// invalid as UTF-8.
inline QByteArray binaryPayload(qsizetype size, unsigned seed = 1)
{
    std::mt19937 rng(seed);
    QByteArray out(size, Qt::Uninitialized);
    for (qsizetype i = 0; i < size; ++i)
        out[i] = char(rng() & 0xff);
    return out;
}

// A received data event as a TCP connection logs it: endpoints shared with
// the connection (copies of one QHostAddress), payload filled in by the caller.
inline TrafficEvent dataEventTemplate()
{
    TrafficEvent e;
    e.timeUs = TrafficEvent::nowUs();
    e.session = SessionKind::TcpServer;
    e.sessionId = 1;
    e.connectionId = 1;
    e.kind = TrafficEvent::Kind::Data;
    e.direction = TrafficEvent::Direction::In;
    e.local = Endpoint{QHostAddress(QHostAddress::LocalHost), 8000};
    e.peer = Endpoint{QHostAddress(QHostAddress::LocalHost), 51234};
    return e;
}

} // namespace bench
