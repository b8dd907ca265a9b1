#pragma once

// One session of each kind with a peer made of plain Qt sockets on loopback,
// for tests that drive a session from the other end of a real connection.

#include "core/net/TcpClientSession.h"
#include "core/net/TcpServerSession.h"
#include "core/net/UdpSession.h"

#include <QNetworkDatagram>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QUdpSocket>

#include <memory>

namespace {

enum class Kind { TcpServer, TcpClient, Udp };

// One session of `kind` and a peer for it on loopback, made of plain Qt
// sockets. A TCP peer is one connection; the UDP peer one socket.
class Rig
{
public:
    explicit Rig(Kind kind)
        : m_kind(kind)
    {
    }

    Kind kind() const { return m_kind; }
    Session *session() const { return m_session.get(); }
    // The TCP peer's socket (null for UDP).
    QTcpSocket *tcpPeer() const { return m_tcpPeer.get(); }

    // Starts the session with `settings` and connects (or binds) the peer.
    bool start(SessionSettings settings)
    {
        switch (m_kind) {
        case Kind::TcpServer: {
            settings.listenAddress = QHostAddress(QHostAddress::LocalHost);
            settings.listenPort = 0;
            auto server = std::make_unique<TcpServerSession>();
            server->setSettings(settings);
            if (!server->start())
                return false;
            m_tcpPeer = std::make_unique<QTcpSocket>();
            m_tcpPeer->connectToHost(QHostAddress::LocalHost, server->listenEndpoint().port);
            if (!m_tcpPeer->waitForConnected(5000))
                return false;
            TcpServerSession *s = server.get();
            m_session = std::move(server);
            return QTest::qWaitFor([s] { return s->clientCount() == 1; }, 5000);
        }
        case Kind::TcpClient: {
            m_listener = std::make_unique<QTcpServer>();
            if (!m_listener->listen(QHostAddress::LocalHost, 0))
                return false;
            settings.host = QStringLiteral("127.0.0.1");
            settings.port = m_listener->serverPort();
            auto client = std::make_unique<TcpClientSession>();
            client->setSettings(settings);
            QSignalSpy connected(client.get(), &TcpClientSession::connected);
            if (!client->start() || !connected.wait(5000))
                return false;
            m_session = std::move(client);
            if (!QTest::qWaitFor([this] { return m_listener->hasPendingConnections(); }, 5000))
                return false;
            m_tcpPeer.reset(m_listener->nextPendingConnection());
            m_tcpPeer->setParent(nullptr);
            return true;
        }
        case Kind::Udp: {
            settings.bindAddress = QHostAddress(QHostAddress::LocalHost);
            settings.bindPort = 0;
            auto udp = std::make_unique<UdpSession>();
            udp->setSettings(settings);
            if (!udp->start())
                return false;
            m_udpPeer = std::make_unique<QUdpSocket>();
            if (!m_udpPeer->bind(QHostAddress::LocalHost, 0))
                return false;
            m_udpTarget = udp->localEndpoint();
            udp->setTarget(QStringLiteral("127.0.0.1"), m_udpPeer->localPort());
            m_session = std::move(udp);
            return true;
        }
        }
        return false;
    }

    // The peer sends `bytes` to the session (one write, or one datagram).
    void peerSends(const QByteArray &bytes)
    {
        if (m_udpPeer) {
            m_udpPeer->writeDatagram(bytes, m_udpTarget.address, m_udpTarget.port);
        } else {
            m_tcpPeer->write(bytes);
            m_tcpPeer->flush();
        }
    }

    // Everything the peer received so far.
    QByteArray peerReceived()
    {
        if (m_udpPeer) {
            while (m_udpPeer->hasPendingDatagrams())
                m_received += m_udpPeer->receiveDatagram().data();
        } else {
            m_received += m_tcpPeer->readAll();
        }
        return m_received;
    }

    // The peer closes its connection (TCP).
    void peerCloses() { m_tcpPeer->close(); }

    // The client session connects again to the same listener (TCP client).
    bool reconnect()
    {
        auto *client = static_cast<TcpClientSession *>(m_session.get());
        QSignalSpy connected(client, &TcpClientSession::connected);
        if (!client->start() || !connected.wait(5000))
            return false;
        if (!QTest::qWaitFor([this] { return m_listener->hasPendingConnections(); }, 5000))
            return false;
        m_tcpPeer.reset(m_listener->nextPendingConnection());
        m_tcpPeer->setParent(nullptr);
        return true;
    }

    // The session's side closed the connection (TCP: the peer read EOF).
    bool peerSawClose() const
    {
        return m_tcpPeer && m_tcpPeer->state() == QAbstractSocket::UnconnectedState;
    }

    // The one connection (or UDP peer) of the session: its id.
    quint32 connectionId() const
    {
        const QList<ConnectionInfo> list = m_session->connections();
        return list.isEmpty() ? 0 : list.constFirst().id;
    }

private:
    Kind m_kind;
    std::unique_ptr<Session> m_session;
    std::unique_ptr<QTcpServer> m_listener;
    std::unique_ptr<QTcpSocket> m_tcpPeer;
    std::unique_ptr<QUdpSocket> m_udpPeer;
    Endpoint m_udpTarget;
    QByteArray m_received;
};

} // namespace
