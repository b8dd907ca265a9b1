#pragma once

#include "core/net/Endpoint.h"

#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

#include <memory>

// A socket's own and its peer's endpoint.
inline Endpoint localOf(const QAbstractSocket &s)
{
    return Endpoint{s.localAddress(), s.localPort()};
}

inline Endpoint peerOf(const QAbstractSocket &s)
{
    return Endpoint{s.peerAddress(), s.peerPort()};
}

// A TCP connection on loopback made by a QTcpServer: the client and the end
// the server accepted. ok() is false when listening, connecting or accepting
// failed (within 5 s each).
struct LoopbackPair
{
    QTcpServer server;
    QTcpSocket client;
    std::unique_ptr<QTcpSocket> accepted;

    // clientReadBuffer: the client's Qt read buffer (0: unlimited); a small
    // one leaves what the server sends in the client's kernel queue.
    explicit LoopbackPair(const QHostAddress &listenOn = QHostAddress(QHostAddress::LocalHost),
                          qint64 clientReadBuffer = 0)
    {
        if (!server.listen(listenOn))
            return;
        client.setReadBufferSize(clientReadBuffer);
        client.connectToHost(QHostAddress::LocalHost, server.serverPort());
        if (!client.waitForConnected(5000) || !QTest::qWaitFor([this] { return server.hasPendingConnections(); }, 5000))
            return;
        accepted.reset(server.nextPendingConnection());
    }
    bool ok() const { return accepted != nullptr; }
};
