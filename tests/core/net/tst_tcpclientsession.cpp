// TcpClientSession against real servers on loopback: QTcpServer, and raw
// POSIX sockets where Qt cannot play the peer (full backlog, half-close).

#include "core/log/TrafficEvent.h"
#include "core/log/TrafficLog.h"
#include "core/net/TcpClientSession.h"
#include "support/SessionEvents.h"

#include <QHostInfo>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

#include <thread>

#include <cerrno>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

namespace {
quint16 freePort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

int rawListener(int backlog, quint16 *port)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::bind(fd, reinterpret_cast<sockaddr *>(&a), sizeof(a)) != 0 || ::listen(fd, backlog) != 0)
        return -1;
    socklen_t len = sizeof(a);
    ::getsockname(fd, reinterpret_cast<sockaddr *>(&a), &len);
    *port = ntohs(a.sin_port);
    return fd;
}

int rawConnectNonBlocking(quint16 port)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(port);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::connect(fd, reinterpret_cast<sockaddr *>(&a), sizeof(a));
    return fd;
}
} // namespace

class TestTcpClientSession : public QObject
{
    Q_OBJECT
private slots:
    void connectsAndKnowsItsEphemeralPort_data();
    void connectsAndKnowsItsEphemeralPort();
    void sendsAndReceives();
    void refusedIsAnError();
    void timeoutIsAnError();
    void unknownHostIsAnError();
    void badTargetIsAnError();
    void bindsLocalEndpointWhenAsked();
    void detectsPeerClose();
    void detectsPeerReset();
    void halfClosesAndKeepsReading();
    void refusesSendWhenNotConnectedOrEmpty();
    void stopClosesOrderly();
};

void TestTcpClientSession::connectsAndKnowsItsEphemeralPort_data()
{
    QTest::addColumn<QString>("listenAddress");
    QTest::addColumn<QString>("host");
    QTest::newRow("ipv4") << QStringLiteral("127.0.0.1") << QStringLiteral("127.0.0.1");
    QTest::newRow("ipv6") << QStringLiteral("::1") << QStringLiteral("::1");
    QTest::newRow("name") << QStringLiteral("127.0.0.1") << QStringLiteral("localhost");
}

void TestTcpClientSession::connectsAndKnowsItsEphemeralPort()
{
    QFETCH(QString, listenAddress);
    QFETCH(QString, host);
    // A bare chroot may have no /etc/hosts: then "localhost" is no name at all.
    if (host == QStringLiteral("localhost") && QHostInfo::fromName(host).addresses().isEmpty())
        QSKIP("this system does not resolve \"localhost\" (no /etc/hosts entry)");
    QTcpServer server;
    QVERIFY(server.listen(QHostAddress(listenAddress), 0));
    TcpClientSession client;
    client.setHost(host);
    client.setPort(server.serverPort());
    QSignalSpy connected(&client, &TcpClientSession::connected);
    QVERIFY(client.start());
    QVERIFY(connected.wait(5000));
    QTRY_VERIFY(server.hasPendingConnections());
    QTcpSocket *accepted = server.nextPendingConnection();
    QVERIFY(accepted);
    QVERIFY(client.isConnected());
    QCOMPARE(client.peerEndpoint().port, server.serverPort());
    // No bind was asked: the OS chose the local port, and it is what accept() saw.
    QVERIFY(client.localEndpoint().port != 0);
    QCOMPARE(client.localEndpoint().port, accepted->peerPort());
    const auto events = eventsOf(client, TrafficEvent::Kind::Connected);
    QCOMPARE(events.size(), 1);
    QCOMPARE(events[0].local.port, accepted->peerPort());
    QVERIFY(events[0].message.contains(QString::number(accepted->peerPort())));
}

void TestTcpClientSession::sendsAndReceives()
{
    QTcpServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    TcpClientSession client;
    client.setHost(QStringLiteral("127.0.0.1"));
    client.setPort(server.serverPort());
    QVERIFY(client.start());
    QVERIFY(server.waitForNewConnection(5000));
    QTcpSocket *peer = server.nextPendingConnection();
    QTRY_VERIFY(client.isConnected());
    const QByteArray payload("\xc4\xe3\xba\xc3\xb0\xa1", 6);  // 你好啊 in GBK
    QVERIFY(client.send(payload).ok());
    QTRY_COMPARE(peer->bytesAvailable(), qint64(6));
    QCOMPARE(peer->readAll(), payload);
    peer->write("pong");
    QTRY_COMPARE(client.counters().bytesIn, 4u);
    const auto data = eventsOf(client, TrafficEvent::Kind::Data);
    QCOMPARE(data.size(), 2);
    QCOMPARE(data[0].direction, TrafficEvent::Direction::Out);
    QCOMPARE(data[0].payload, payload);
    QCOMPARE(data[1].direction, TrafficEvent::Direction::In);
    QCOMPARE(data[1].payload, QByteArray("pong"));
    QCOMPARE(client.connection().bytesOut, 6u);
    QCOMPARE(client.connection().messagesIn, 1u);
}

void TestTcpClientSession::refusedIsAnError()
{
    const quint16 port = freePort();  // nothing listens there any more
    TcpClientSession client;
    client.setHost(QStringLiteral("127.0.0.1"));
    client.setPort(port);
    QSignalSpy gone(&client, &TcpClientSession::disconnected);
    client.start();
    QVERIFY(gone.wait(5000));
    const auto errors = eventsOf(client, TrafficEvent::Kind::Error);
    QCOMPARE(errors.size(), 1);
    QCOMPARE(errors[0].reason, TrafficEvent::Reason::Refused);
    QVERIFY2(errors[0].message.contains(QStringLiteral("Connection refused (ECONNREFUSED)")), qPrintable(errors[0].message));
    QVERIFY(errors[0].message.contains(QStringLiteral("127.0.0.1:%1").arg(port)));
    QCOMPARE(client.state(), Session::State::Idle);
    // It can try again.
    QVERIFY(client.start());
    QVERIFY(gone.wait(5000));
}

void TestTcpClientSession::timeoutIsAnError()
{
    // A listener with a full accept queue drops further SYNs: the connect
    // hangs, as with a host that drops packets, but on loopback.
    quint16 port = 0;
    const int listener = rawListener(0, &port);
    QVERIFY(listener >= 0);
    QList<int> fillers;
    for (int i = 0; i < 3; ++i)
        fillers << rawConnectNonBlocking(port);
    QTest::qWait(100);
    TcpClientSession client;
    client.setHost(QStringLiteral("127.0.0.1"));
    client.setPort(port);
    client.setConnectTimeout(400);
    QSignalSpy gone(&client, &TcpClientSession::disconnected);
    QElapsedTimer t;
    t.start();
    QVERIFY(client.start());
    QVERIFY(gone.wait(5000));
    for (int fd : fillers)
        ::close(fd);
    ::close(listener);
    const auto errors = eventsOf(client, TrafficEvent::Kind::Error);
    QCOMPARE(errors.size(), 1);
    QCOMPARE(errors[0].reason, TrafficEvent::Reason::TimedOut);
    QVERIFY2(errors[0].message.contains(QStringLiteral("400 ms")), qPrintable(errors[0].message));
    QVERIFY(t.elapsed() >= 350);
    QVERIFY(!client.isConnected());
}

void TestTcpClientSession::unknownHostIsAnError()
{
    TcpClientSession client;
    client.setHost(QStringLiteral("no-such-host.invalid"));  // RFC 6761: never resolves
    client.setPort(80);
    QSignalSpy gone(&client, &TcpClientSession::disconnected);
    QVERIFY(client.start());
    QVERIFY(gone.wait(30000));
    const auto errors = eventsOf(client, TrafficEvent::Kind::Error);
    QCOMPARE(errors.size(), 1);
    QCOMPARE(errors[0].reason, TrafficEvent::Reason::HostNotFound);
    QVERIFY(errors[0].message.contains(QStringLiteral("no-such-host.invalid")));
    QVERIFY(errors[0].message.contains(QStringLiteral("not found")));
}

void TestTcpClientSession::badTargetIsAnError()
{
    TcpClientSession client;
    client.setHost(QString());
    client.setPort(80);
    QVERIFY(!client.start());
    QCOMPARE(eventsOf(client, TrafficEvent::Kind::Error).size(), 1);
    client.setHost(QStringLiteral("127.0.0.1"));
    client.setPort(0);
    QVERIFY(!client.start());
    QCOMPARE(eventsOf(client, TrafficEvent::Kind::Error).size(), 2);
}

void TestTcpClientSession::bindsLocalEndpointWhenAsked()
{
    QTcpServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    const quint16 localPort = freePort();
    TcpClientSession client;
    client.setHost(QStringLiteral("127.0.0.1"));
    client.setPort(server.serverPort());
    client.setLocalBind(QHostAddress(QStringLiteral("127.0.0.1")), localPort);
    QVERIFY(client.start());
    QVERIFY(server.waitForNewConnection(5000));
    QTcpSocket *peer = server.nextPendingConnection();
    QTRY_VERIFY(client.isConnected());
    QCOMPARE(client.localEndpoint().port, localPort);
    QCOMPARE(peer->peerPort(), localPort);

    // A local port already taken by a listener is an error before any traffic.
    TcpClientSession clash;
    clash.setHost(QStringLiteral("127.0.0.1"));
    clash.setPort(server.serverPort());
    clash.setLocalBind(QHostAddress(QStringLiteral("127.0.0.1")), server.serverPort());
    QVERIFY(!clash.start());
    const auto errors = eventsOf(clash, TrafficEvent::Kind::Error);
    QCOMPARE(errors.size(), 1);
    QCOMPARE(errors[0].reason, TrafficEvent::Reason::AddressInUse);
    QVERIFY(errors[0].message.contains(QStringLiteral("EADDRINUSE")));
}

void TestTcpClientSession::detectsPeerClose()
{
    QTcpServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    TcpClientSession client;
    client.setKeepOpenOnPeerFin(false);  // kept open: tst_tcpclientreconnect
    client.setHost(QStringLiteral("127.0.0.1"));
    client.setPort(server.serverPort());
    QVERIFY(client.start());
    QVERIFY(server.waitForNewConnection(5000));
    QTcpSocket *peer = server.nextPendingConnection();
    QTRY_VERIFY(client.isConnected());
    peer->write("last words");
    peer->disconnectFromHost();
    QTRY_VERIFY(!client.isConnected());
    QCOMPARE(client.counters().bytesIn, 10u);
    const auto closed = eventsOf(client, TrafficEvent::Kind::Closed);
    QCOMPARE(closed.size(), 1);
    QCOMPARE(closed[0].reason, TrafficEvent::Reason::PeerClosed);
    QVERIFY(closed[0].message.contains(QStringLiteral("recv() returned 0")));
}

void TestTcpClientSession::detectsPeerReset()
{
    QTcpServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    TcpClientSession client;
    client.setHost(QStringLiteral("127.0.0.1"));
    client.setPort(server.serverPort());
    QVERIFY(client.start());
    QVERIFY(server.waitForNewConnection(5000));
    QTcpSocket *peer = server.nextPendingConnection();
    QTRY_VERIFY(client.isConnected());
    linger l{1, 0};
    QCOMPARE(::setsockopt(int(peer->socketDescriptor()), SOL_SOCKET, SO_LINGER, &l, sizeof(l)), 0);
    peer->abort();
    QTRY_VERIFY(!client.isConnected());
    const auto closed = eventsOf(client, TrafficEvent::Kind::Closed);
    QCOMPARE(closed.size(), 1);
    QCOMPARE(closed[0].reason, TrafficEvent::Reason::PeerReset);
    QVERIFY(closed[0].message.contains(QStringLiteral("ECONNRESET")));
}

void TestTcpClientSession::halfClosesAndKeepsReading()
{
    // The peer is a plain blocking server: read until EOF, answer with what
    // it counted, close — the "send, shutdown, read until EOF" pattern.
    quint16 port = 0;
    const int listener = rawListener(4, &port);
    QVERIFY(listener >= 0);
    QByteArray serverGot;
    std::thread peer([&] {
        const int fd = ::accept(listener, nullptr, nullptr);
        char buf[256];
        for (;;) {
            const ssize_t n = ::read(fd, buf, sizeof(buf));
            if (n <= 0)
                break;
            serverGot.append(buf, n);
        }
        const QByteArray answer = "got " + QByteArray::number(serverGot.size());
        [[maybe_unused]] auto w = ::write(fd, answer.constData(), size_t(answer.size()));
        ::close(fd);
    });
    TcpClientSession client;
    client.setHost(QStringLiteral("127.0.0.1"));
    client.setPort(port);
    QVERIFY(client.start());
    QTRY_VERIFY(client.isConnected());
    QVERIFY(client.send("12345").ok());
    QString error;
    QVERIFY2(client.shutdownWrite(&error), qPrintable(error));
    QVERIFY(client.writeShutDown());
    const SendResult late = client.send("more");
    QVERIFY(!late.ok());
    QVERIFY(late.error.contains(QStringLiteral("shut down")));
    QTRY_VERIFY(!client.isConnected());
    peer.join();
    ::close(listener);
    QCOMPARE(serverGot, QByteArray("12345"));
    QByteArray received;
    for (const auto &e : eventsOf(client, TrafficEvent::Kind::Data)) {
        if (e.direction == TrafficEvent::Direction::In)
            received += e.payload;
    }
    QCOMPARE(received, QByteArray("got 5"));
    const auto closed = eventsOf(client, TrafficEvent::Kind::Closed);
    QCOMPARE(closed.size(), 2);  // our half-close, then the peer's close
    QVERIFY(closed[0].message.contains(QStringLiteral("SHUT_WR")));
    QCOMPARE(closed[0].reason, TrafficEvent::Reason::HalfClosed);
    QCOMPARE(closed[1].reason, TrafficEvent::Reason::PeerClosed);
}

void TestTcpClientSession::refusesSendWhenNotConnectedOrEmpty()
{
    TcpClientSession client;
    const SendResult r = client.send("x");
    QVERIFY(!r.ok());
    QVERIFY(r.error.contains(QStringLiteral("Not connected")));
    QTcpServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    client.setHost(QStringLiteral("127.0.0.1"));
    client.setPort(server.serverPort());
    QVERIFY(client.start());
    QVERIFY(server.waitForNewConnection(5000));
    QTcpSocket *peer = server.nextPendingConnection();
    QTRY_VERIFY(client.isConnected());
    const qsizetype before = client.log()->size();
    const SendResult empty = client.send(QByteArray());
    QVERIFY(!empty.ok());
    QVERIFY(empty.error.contains(QStringLiteral("empty")));
    QCOMPARE(client.log()->size(), before);
    QTest::qWait(50);
    QCOMPARE(peer->bytesAvailable(), qint64(0));
}

void TestTcpClientSession::stopClosesOrderly()
{
    QTcpServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    TcpClientSession client;
    client.setHost(QStringLiteral("127.0.0.1"));
    client.setPort(server.serverPort());
    QVERIFY(client.start());
    QVERIFY(server.waitForNewConnection(5000));
    QTcpSocket *peer = server.nextPendingConnection();
    QTRY_VERIFY(client.isConnected());
    QSignalSpy peerGone(peer, &QTcpSocket::disconnected);
    client.send("bye");
    client.stop();
    QVERIFY(peerGone.wait(5000) || peerGone.count() == 1);
    QCOMPARE(peer->readAll(), QByteArray("bye"));  // sent before the FIN
    const auto closed = eventsOf(client, TrafficEvent::Kind::Closed);
    QCOMPARE(closed.size(), 1);
    QCOMPARE(closed[0].reason, TrafficEvent::Reason::LocalClose);
    QCOMPARE(client.state(), Session::State::Idle);
}

QTEST_GUILESS_MAIN(TestTcpClientSession)
#include "tst_tcpclientsession.moc"
