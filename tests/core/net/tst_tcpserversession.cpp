// TcpServerSession against real QTcpSocket clients and raw sockets on loopback.

#include "core/log/TrafficEvent.h"
#include "core/log/TrafficLog.h"
#include "core/net/TcpServerSession.h"
#include "core/os/SockAddr.h"
#include "core/os/SocketProbe.h"
#include "support/SessionEvents.h"

#include <QDir>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QElapsedTimer>
#include <QTest>
#include <QThread>

#include <memory>
#include <utility>
#include <vector>

#include <cerrno>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

namespace {
std::unique_ptr<QTcpSocket> connectClient(const Endpoint &to)
{
    auto c = std::make_unique<QTcpSocket>();
    c->connectToHost(to.address, to.port);
    if (!c->waitForConnected(5000))
        return nullptr;
    return c;
}

// bind() without SO_REUSEADDR: fails with EADDRINUSE while a connection on
// the port is in TIME_WAIT.
int bindWithoutReuse(quint16 port)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(port);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    const int rc = ::bind(fd, reinterpret_cast<sockaddr *>(&a), sizeof(a));
    const int err = rc == 0 ? 0 : errno;
    ::close(fd);
    return err;
}

// The listen queue the kernel keeps for the socket of this process that
// listens on `port`: {waiting for accept(), backlog}; {-1, -1} when none does.
std::pair<int, int> listenQueueOn(quint16 port)
{
    const QStringList open = QDir(QStringLiteral("/proc/self/fd")).entryList(QDir::Files | QDir::System);
    for (const QString &name : open) {
        const int fd = name.toInt();
        int waiting = -1;
        int backlog = -1;
        sockaddr_storage local{};
        socklen_t length = sizeof local;
        if (SocketProbe::listenQueue(fd, &waiting, &backlog)
            && ::getsockname(fd, reinterpret_cast<sockaddr *>(&local), &length) == 0
            && SockAddr::toEndpoint(reinterpret_cast<const sockaddr *>(&local)).port == port)
            return {waiting, backlog};
    }
    return {-1, -1};
}
} // namespace

class TestTcpServerSession : public QObject
{
    Q_OBJECT
private slots:
    void listensOnChosenPort_data();
    void listensOnChosenPort();
    void acceptsConcurrentClientsWithTheirEndpoints();
    void logsReceivedBytesWithPeer();
    void sendsToOneClientAndToAll();
    void refusesEmptyAndUnknownTargets();
    void disconnectsOneClient();
    void stopClosesEveryClientAndLogsEach();
    void stopLogsClientsAcceptedButNotTakenOver();
    void restartsOnSamePortDuringTimeWait();
    void setsListenBacklog();
    void refusesClientOverTheLimit();
    void logsPeerCloseAsOrderly();
    void logsPeerResetAsReset();
    void resetsClientOnRequest();
    void addressInUseIsAnError();
    void permissionDeniedIsAnError();
    void unavailableAddressIsAnError();
    void greetsEveryClient();
    void autoRepliesEchoAndTemplate();
};

void TestTcpServerSession::listensOnChosenPort_data()
{
    QTest::addColumn<QString>("address");
    QTest::addColumn<QString>("printedPrefix");
    QTest::newRow("127.0.0.1") << QStringLiteral("127.0.0.1") << QStringLiteral("127.0.0.1:");
    QTest::newRow("::1") << QStringLiteral("::1") << QStringLiteral("[::1]:");
}

void TestTcpServerSession::listensOnChosenPort()
{
    QFETCH(QString, address);
    QFETCH(QString, printedPrefix);
    TcpServerSession server;
    QCOMPARE(server.listenAddress(), QHostAddress(QHostAddress::LocalHost));  // the safe default
    server.setListenAddress(QHostAddress(address));
    server.setPort(0);
    QVERIFY(server.start());
    QVERIFY(server.isRunning());
    const Endpoint ep = server.listenEndpoint();
    QVERIFY(ep.port != 0);
    const auto listening = eventsOf(server, TrafficEvent::Kind::Listening);
    QCOMPARE(listening.size(), 1);
    QCOMPARE(listening[0].local.toString(), printedPrefix + QString::number(ep.port));
    QVERIFY(listening[0].message.contains(QString::number(ep.port)));

    auto client = connectClient(ep);
    QVERIFY(client);
    QTRY_COMPARE(server.clientCount(), 1);
    QCOMPARE(server.connections().first().peer.toString(), printedPrefix + QString::number(client->localPort()));
}

void TestTcpServerSession::acceptsConcurrentClientsWithTheirEndpoints()
{
    TcpServerSession server;
    QVERIFY(server.start());
    std::vector<std::unique_ptr<QTcpSocket>> clients;
    for (int i = 0; i < 8; ++i) {
        clients.push_back(connectClient(server.listenEndpoint()));
        QVERIFY(clients.back());
    }
    QTRY_COMPARE(server.clientCount(), 8);
    QSet<quint16> peerPorts;
    QSet<quint32> ids;
    for (const ConnectionInfo &c : server.connections()) {
        QCOMPARE(c.local.port, server.listenEndpoint().port);
        QCOMPARE(c.local.address, QHostAddress(QHostAddress::LocalHost));
        peerPorts.insert(c.peer.port);
        ids.insert(c.id);
        QCOMPARE(c.state, QStringLiteral("connected"));
        QVERIFY(c.sinceUs > 0);
    }
    QSet<quint16> clientPorts;
    for (const auto &c : clients)
        clientPorts.insert(c->localPort());
    QCOMPARE(peerPorts, clientPorts);
    QCOMPARE(ids.size(), 8);
    QCOMPARE(eventsOf(server, TrafficEvent::Kind::Connected).size(), 8);
    QCOMPARE(server.counters().connections, 8u);
}

void TestTcpServerSession::logsReceivedBytesWithPeer()
{
    TcpServerSession server;
    QVERIFY(server.start());
    auto client = connectClient(server.listenEndpoint());
    QVERIFY(client);
    const QByteArray payload("hel\0lo\xff", 7);
    client->write(payload);
    QTRY_COMPARE(server.counters().bytesIn, quint64(payload.size()));
    const auto data = eventsOf(server, TrafficEvent::Kind::Data);
    QByteArray received;
    for (const auto &e : data) {
        QCOMPARE(e.direction, TrafficEvent::Direction::In);
        QCOMPARE(e.peer.port, client->localPort());
        QCOMPARE(e.local.port, server.listenEndpoint().port);
        received += e.payload;
    }
    QCOMPARE(received, payload);
    const ConnectionInfo info = server.connections().first();
    QCOMPARE(info.bytesIn, quint64(payload.size()));
    QCOMPARE(info.bytesOut, 0u);
}

void TestTcpServerSession::sendsToOneClientAndToAll()
{
    TcpServerSession server;
    QVERIFY(server.start());
    auto a = connectClient(server.listenEndpoint());
    auto b = connectClient(server.listenEndpoint());
    QVERIFY(a && b);
    QTRY_COMPARE(server.clientCount(), 2);
    // Which id is which client: match by peer port.
    quint32 idA = 0;
    for (const auto &c : server.connections()) {
        if (c.peer.port == a->localPort())
            idA = c.id;
    }
    QVERIFY(idA != 0);
    QVERIFY(server.sendTo(idA, "only-a").ok());
    QTRY_COMPARE(a->bytesAvailable(), qint64(6));
    QCOMPARE(a->readAll(), QByteArray("only-a"));
    QTest::qWait(50);
    QCOMPARE(b->bytesAvailable(), qint64(0));

    const SendResult all = server.sendToAll("all");
    QVERIFY2(all.ok(), qPrintable(all.error));
    QCOMPARE(all.bytes, qint64(6));
    QTRY_COMPARE(a->bytesAvailable(), qint64(3));
    QTRY_COMPARE(b->bytesAvailable(), qint64(3));
    QCOMPARE(server.client(idA).bytesOut, 9u);
    QCOMPARE(server.client(idA).messagesOut, 2u);
    QCOMPARE(server.counters().bytesOut, 12u);  // 6 to a, 3 to each
}

void TestTcpServerSession::refusesEmptyAndUnknownTargets()
{
    TcpServerSession server;
    QVERIFY(server.start());
    const SendResult none = server.sendToAll("x");
    QVERIFY(!none.ok());
    QVERIFY(none.error.contains(QStringLiteral("No client")));

    auto a = connectClient(server.listenEndpoint());
    QVERIFY(a);
    QTRY_COMPARE(server.clientCount(), 1);
    const qsizetype before = server.log()->size();
    const SendResult empty = server.sendToAll(QByteArray());
    QVERIFY(!empty.ok());
    QVERIFY(empty.error.contains(QStringLiteral("empty")));
    const SendResult emptyOne = server.sendTo(server.connections().first().id, QByteArray());
    QVERIFY(!emptyOne.ok());
    const SendResult unknown = server.sendTo(999, "x");
    QVERIFY(!unknown.ok());
    QVERIFY(unknown.error.contains(QStringLiteral("#999")));
    QCOMPARE(server.log()->size(), before);  // nothing sent, nothing logged
    QTest::qWait(50);
    QCOMPARE(a->bytesAvailable(), qint64(0));
    QCOMPARE(server.counters().bytesOut, 0u);
}

void TestTcpServerSession::disconnectsOneClient()
{
    TcpServerSession server;
    QVERIFY(server.start());
    auto a = connectClient(server.listenEndpoint());
    auto b = connectClient(server.listenEndpoint());
    QVERIFY(a && b);
    QTRY_COMPARE(server.clientCount(), 2);
    const ConnectionInfo first = server.connections().first();
    QTcpSocket *target = first.peer.port == a->localPort() ? a.get() : b.get();
    QTcpSocket *other = target == a.get() ? b.get() : a.get();
    QSignalSpy gone(target, &QTcpSocket::disconnected);
    QVERIFY(server.disconnectClient(first.id));
    QVERIFY(gone.wait(5000) || gone.count() == 1);
    QTRY_COMPARE(server.clientCount(), 1);
    QCOMPARE(other->state(), QAbstractSocket::ConnectedState);
    const auto closed = eventsOf(server, TrafficEvent::Kind::Closed);
    QCOMPARE(closed.size(), 1);
    QCOMPARE(closed[0].reason, TrafficEvent::Reason::LocalClose);
    QCOMPARE(closed[0].connectionId, first.id);
    QVERIFY(!server.disconnectClient(first.id));
}

void TestTcpServerSession::stopClosesEveryClientAndLogsEach()
{
    TcpServerSession server;
    QVERIFY(server.start());
    std::vector<std::unique_ptr<QTcpSocket>> clients;
    for (int i = 0; i < 3; ++i) {
        clients.push_back(connectClient(server.listenEndpoint()));
        QVERIFY(clients.back());
    }
    QTRY_COMPARE(server.clientCount(), 3);
    server.stop();
    QVERIFY(!server.isRunning());
    QTRY_COMPARE(server.clientCount(), 0);
    for (auto &c : clients)
        QTRY_COMPARE(c->state(), QAbstractSocket::UnconnectedState);
    const auto closed = eventsOf(server, TrafficEvent::Kind::Closed);
    QCOMPARE(closed.size(), 3);
    for (const auto &e : closed)
        QCOMPARE(e.reason, TrafficEvent::Reason::SessionStopped);
    QCOMPARE(eventsOf(server, TrafficEvent::Kind::Stopped).size(), 1);
    // The stopped event comes after the closes it caused.
    QCOMPARE(server.log()->at(server.log()->size() - 1).kind, TrafficEvent::Kind::Stopped);
}

void TestTcpServerSession::stopLogsClientsAcceptedButNotTakenOver()
{
    // accept() runs on the acceptor's thread; the session takes the accepted
    // connections over on its own thread's next passes. A stop before that
    // still logs each one (connected, then closed by the stop) and closes it.
    TcpServerSession server;
    QVERIFY(server.start());
    const quint16 port = server.listenEndpoint().port;
    std::vector<int> fds;
    std::vector<quint16> ports;
    for (int i = 0; i < 5; ++i) {
        const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_port = htons(port);
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        QCOMPARE(::connect(fd, reinterpret_cast<sockaddr *>(&a), sizeof a), 0);
        sockaddr_in mine{};
        socklen_t len = sizeof mine;
        ::getsockname(fd, reinterpret_cast<sockaddr *>(&mine), &len);
        fds.push_back(fd);
        ports.push_back(ntohs(mine.sin_port));
    }
    // Out of the kernel's queue (accepted on the acceptor's thread) while
    // this thread ran no event loop: none is a client of the session yet.
    QElapsedTimer clock;
    clock.start();
    while (listenQueueOn(port).first != 0 && clock.elapsed() < 5000)
        QThread::msleep(2);
    QCOMPARE(listenQueueOn(port).first, 0);
    QCOMPARE(server.clientCount(), 0);
    QCOMPARE(eventsOf(server, TrafficEvent::Kind::Connected).size(), 0);

    server.stop();
    const auto connected = eventsOf(server, TrafficEvent::Kind::Connected);
    QCOMPARE(connected.size(), 5);
    for (int i = 0; i < 5; ++i)
        QCOMPARE(connected[i].peer.toString(), QStringLiteral("127.0.0.1:%1").arg(ports[std::size_t(i)]));
    QTRY_COMPARE(server.clientCount(), 0);
    const auto closed = eventsOf(server, TrafficEvent::Kind::Closed);
    QCOMPARE(closed.size(), 5);
    for (const auto &e : closed)
        QCOMPARE(e.reason, TrafficEvent::Reason::SessionStopped);
    QCOMPARE(server.log()->at(server.log()->size() - 1).kind, TrafficEvent::Kind::Stopped);
    for (const int fd : fds) {
        timeval tv{5, 0};
        ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
        char byte = 0;
        QCOMPARE(::recv(fd, &byte, 1, 0), ssize_t(0));  // FIN from the stop
        ::close(fd);
    }
}

void TestTcpServerSession::restartsOnSamePortDuringTimeWait()
{
    TcpServerSession server;
    QVERIFY(server.start());
    const quint16 port = server.listenEndpoint().port;
    auto client = connectClient(server.listenEndpoint());
    QVERIFY(client);
    QTRY_COMPARE(server.clientCount(), 1);
    client->write("hi");
    QTRY_COMPARE(server.counters().bytesIn, 2u);
    // The server closes first, so its side of the connection enters TIME_WAIT
    // once the client answers with its own FIN.
    server.stop();
    QTRY_COMPARE(client->state(), QAbstractSocket::UnconnectedState);
    client.reset();
    // Proof that the port is held by TIME_WAIT: a plain bind() without
    // SO_REUSEADDR is refused…
    QTRY_COMPARE(bindWithoutReuse(port), EADDRINUSE);
    // …while the session (SO_REUSEADDR) restarts on it at once.
    server.setPort(port);
    QVERIFY(server.start());
    QCOMPARE(server.listenEndpoint().port, port);
    auto again = connectClient(server.listenEndpoint());
    QVERIFY(again);
    QTRY_COMPARE(server.clientCount(), 1);
}

void TestTcpServerSession::setsListenBacklog()
{
    TcpServerSession server;
    server.setBacklog(7);
    QVERIFY(server.start());
    QCOMPARE(listenQueueOn(server.listenEndpoint().port).second, 7);
    server.stop();
    QCOMPARE(listenQueueOn(server.listenEndpoint().port), std::make_pair(-1, -1));
    server.setBacklog(128);
    QVERIFY(server.start());
    QCOMPARE(listenQueueOn(server.listenEndpoint().port).second, 128);
    QVERIFY(server.log()->at(server.log()->size() - 1).message.contains(QStringLiteral("backlog 128")));
}

void TestTcpServerSession::refusesClientOverTheLimit()
{
    TcpServerSession server;
    server.setMaxClients(2);
    server.setKeepOpenOnPeerFin(false);  // a half-closed client still holds its place
    QVERIFY(server.start());
    auto a = connectClient(server.listenEndpoint());
    auto b = connectClient(server.listenEndpoint());
    QVERIFY(a && b);
    QTRY_COMPARE(server.clientCount(), 2);
    auto c = connectClient(server.listenEndpoint());
    QVERIFY(c);  // the kernel completed the handshake; the server then refuses it
    const quint16 refusedPort = c->localPort();
    QTRY_COMPARE(c->state(), QAbstractSocket::UnconnectedState);
    QCOMPARE(server.clientCount(), 2);
    const auto errors = eventsOf(server, TrafficEvent::Kind::Error);
    QCOMPARE(errors.size(), 1);
    QCOMPARE(errors[0].reason, TrafficEvent::Reason::LimitReached);
    QVERIFY(errors[0].message.contains(QStringLiteral("limit of 2")));
    QCOMPARE(errors[0].peer.port, refusedPort);
    // Below the limit again, a new client is served.
    a->disconnectFromHost();
    QTRY_COMPARE(server.clientCount(), 1);
    auto d = connectClient(server.listenEndpoint());
    QVERIFY(d);
    QTRY_COMPARE(server.clientCount(), 2);
}

void TestTcpServerSession::logsPeerCloseAsOrderly()
{
    TcpServerSession server;
    server.setKeepOpenOnPeerFin(false);  // kept open: tst_tcphalfclose
    QVERIFY(server.start());
    auto a = connectClient(server.listenEndpoint());
    QVERIFY(a);
    QTRY_COMPARE(server.clientCount(), 1);
    a->write("bye");
    a->disconnectFromHost();
    QTRY_COMPARE(server.clientCount(), 0);
    const auto closed = eventsOf(server, TrafficEvent::Kind::Closed);
    QCOMPARE(closed.size(), 1);
    QCOMPARE(closed[0].reason, TrafficEvent::Reason::PeerClosed);
    QVERIFY(closed[0].message.contains(QStringLiteral("recv() returned 0")));
    QCOMPARE(server.counters().bytesIn, 3u);  // data before the FIN is not lost
}

void TestTcpServerSession::logsPeerResetAsReset()
{
    TcpServerSession server;
    QVERIFY(server.start());
    auto a = connectClient(server.listenEndpoint());
    QVERIFY(a);
    QTRY_COMPARE(server.clientCount(), 1);
    // SO_LINGER {1, 0}: close() sends RST, like a crashed or impatient peer.
    linger l{1, 0};
    QCOMPARE(::setsockopt(int(a->socketDescriptor()), SOL_SOCKET, SO_LINGER, &l, sizeof(l)), 0);
    a->abort();
    QTRY_COMPARE(server.clientCount(), 0);
    const auto closed = eventsOf(server, TrafficEvent::Kind::Closed);
    QCOMPARE(closed.size(), 1);
    QCOMPARE(closed[0].reason, TrafficEvent::Reason::PeerReset);
    QVERIFY(closed[0].message.contains(QStringLiteral("reset")));
}

void TestTcpServerSession::resetsClientOnRequest()
{
    TcpServerSession server;
    QVERIFY(server.start());
    auto a = connectClient(server.listenEndpoint());
    QVERIFY(a);
    QTRY_COMPARE(server.clientCount(), 1);
    QSignalSpy errors(a.get(), &QTcpSocket::errorOccurred);
    QVERIFY(server.disconnectClient(server.connections().first().id, true));
    QTRY_COMPARE(a->state(), QAbstractSocket::UnconnectedState);
    // The client saw the connection end: Qt reports it as a remote close
    // either way; the kernel saw an RST (no TIME_WAIT on the server side).
    QVERIFY(errors.count() >= 1);
    const auto closed = eventsOf(server, TrafficEvent::Kind::Closed);
    QCOMPARE(closed.size(), 1);
    QVERIFY(closed[0].message.contains(QStringLiteral("RST")));
    QCOMPARE(closed[0].reason, TrafficEvent::Reason::LocalReset);
}

void TestTcpServerSession::addressInUseIsAnError()
{
    TcpServerSession first;
    QVERIFY(first.start());
    TcpServerSession second;
    second.setPort(first.listenEndpoint().port);
    QVERIFY(!second.start());
    QVERIFY(!second.isRunning());
    const auto errors = eventsOf(second, TrafficEvent::Kind::Error);
    QCOMPARE(errors.size(), 1);
    QCOMPARE(errors[0].reason, TrafficEvent::Reason::AddressInUse);
    QVERIFY2(errors[0].message.contains(QStringLiteral("Address already in use (EADDRINUSE)")),
             qPrintable(errors[0].message));
    QVERIFY(errors[0].message.contains(QString::number(first.listenEndpoint().port)));
}

void TestTcpServerSession::permissionDeniedIsAnError()
{
    // Ports below net.ipv4.ip_unprivileged_port_start need privileges; as
    // root, drop the effective uid for the bind so the kernel says no.
    QFile f(QStringLiteral("/proc/sys/net/ipv4/ip_unprivileged_port_start"));
    QVERIFY(f.open(QIODevice::ReadOnly));
    const int firstFree = f.readAll().trimmed().toInt();
    if (firstFree <= 1)
        QSKIP("every port is unprivileged on this machine");
    const bool root = ::geteuid() == 0;
    if (root)
        QCOMPARE(::seteuid(65534), 0);
    TcpServerSession server;
    server.setPort(1);
    const bool started = server.start();
    if (root)
        QCOMPARE(::seteuid(0), 0);
    QVERIFY(!started);
    const auto errors = eventsOf(server, TrafficEvent::Kind::Error);
    QCOMPARE(errors.size(), 1);
    QCOMPARE(errors[0].reason, TrafficEvent::Reason::PermissionDenied);
    QVERIFY2(errors[0].message.contains(QStringLiteral("Permission denied (EACCES)")), qPrintable(errors[0].message));
}

void TestTcpServerSession::unavailableAddressIsAnError()
{
    TcpServerSession server;
    // TEST-NET-1 (RFC 5737): never an address of this machine.
    server.setListenAddress(QHostAddress(QStringLiteral("192.0.2.1")));
    QVERIFY(!server.start());
    const auto errors = eventsOf(server, TrafficEvent::Kind::Error);
    QCOMPARE(errors.size(), 1);
    QVERIFY2(errors[0].message.contains(QStringLiteral("Cannot assign requested address (EADDRNOTAVAIL)")),
             qPrintable(errors[0].message));
}

void TestTcpServerSession::greetsEveryClient()
{
    TcpServerSession server;
    server.setGreeting("Welcome!\r\n");
    QVERIFY(server.start());
    for (int i = 0; i < 2; ++i) {
        auto c = connectClient(server.listenEndpoint());
        QVERIFY(c);
        QTRY_COMPARE(c->bytesAvailable(), qint64(10));
        QCOMPARE(c->readAll(), QByteArray("Welcome!\r\n"));
    }
    const auto data = eventsOf(server, TrafficEvent::Kind::Data);
    QCOMPARE(data.size(), 2);
    QCOMPARE(data[0].direction, TrafficEvent::Direction::Out);
}

void TestTcpServerSession::autoRepliesEchoAndTemplate()
{
    TcpServerSession server;
    server.setAutoReply(AutoReply::fromSpec(QStringLiteral("Hello,{data}!"), QStringLiteral("UTF-8")));
    QVERIFY(server.start());
    auto c = connectClient(server.listenEndpoint());
    QVERIFY(c);
    c->write("Tracy");
    QTRY_COMPARE(c->bytesAvailable(), qint64(12));
    QCOMPARE(c->readAll(), QByteArray("Hello,Tracy!"));

    server.setAutoReply(AutoReply::fromSpec(QStringLiteral("echo"), QStringLiteral("UTF-8")));
    auto e = connectClient(server.listenEndpoint());
    QVERIFY(e);
    e->write(QByteArray("\x00\x01ping", 6));
    QTRY_COMPARE(e->bytesAvailable(), qint64(6));
    QCOMPARE(e->readAll(), QByteArray("\x00\x01ping", 6));
}

QTEST_GUILESS_MAIN(TestTcpServerSession)
#include "tst_tcpserversession.moc"
