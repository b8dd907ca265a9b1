// Issue 21, socket options as switches: SO_REUSEADDR on a TCP server (a
// restart while its old connections sit in TIME_WAIT, and the EADDRINUSE
// words that name what holds the port) and TCP_NODELAY on a client's and a
// server's connections, before and after a change while connected; against
// real loopback sockets, python3 listeners and the kernel's own view.

#include "core/log/TrafficEvent.h"
#include "core/net/ListenFailure.h"
#include "core/net/TcpClientSession.h"
#include "core/net/TcpServerSession.h"
#include "core/os/SockAddr.h"
#include "core/os/TcpKernelView.h"
#include "support/SessionEvents.h"
#include "support/TimeWait.h"

#include <QDir>
#include <QProcess>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

#include <memory>

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

using namespace Qt::StringLiterals;
using State = TcpKernelView::State;

namespace {

const QString kPythonLine = u"s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)"_s;

// TCP_NODELAY of this process's socket with these ends, read with
// getsockopt(); -1 when there is none.
int noDelayOf(const Endpoint &local, const Endpoint &peer)
{
    const QStringList open = QDir(u"/proc/self/fd"_s).entryList(QDir::Files | QDir::System);
    for (const QString &name : open) {
        const int fd = name.toInt();
        sockaddr_storage a{};
        sockaddr_storage b{};
        socklen_t la = sizeof a;
        socklen_t lb = sizeof b;
        if (::getsockname(fd, reinterpret_cast<sockaddr *>(&a), &la) != 0
            || ::getpeername(fd, reinterpret_cast<sockaddr *>(&b), &lb) != 0)
            continue;
        if (SockAddr::toEndpoint(reinterpret_cast<const sockaddr *>(&a)) != local
            || SockAddr::toEndpoint(reinterpret_cast<const sockaddr *>(&b)) != peer)
            continue;
        int on = 0;
        socklen_t length = sizeof on;
        if (::getsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, &length) == 0)
            return on ? 1 : 0;
    }
    return -1;
}

TcpKernelView::Socket socketIn(State state, const Endpoint &local, const Endpoint &peer, qint64 timerMs = 0)
{
    TcpKernelView::Socket s;
    s.state = state;
    s.local = local;
    s.peer = peer;
    s.timerMs = timerMs;
    return s;
}

Endpoint at(const char *address, quint16 port)
{
    return Endpoint{QHostAddress(QString::fromLatin1(address)), port};
}

} // namespace

class TestSocketOptions : public QObject
{
    Q_OBJECT
private slots:
    void restartWhileTimeWait_data();
    void restartWhileTimeWait();
    void liveListenerIsNamed_data();
    void liveListenerIsNamed();
    void namesAFewAndCountsTheRest();
    void overlaps_data();
    void overlaps();
    void clientNoDelay_data();
    void clientNoDelay();
    void serverNoDelay();
};

void TestSocketOptions::restartWhileTimeWait_data()
{
    QTest::addColumn<QString>("address");
    QTest::addColumn<bool>("firstReuse");     // the run that leaves the TIME_WAIT
    QTest::addColumn<bool>("restartReuse");
    QTest::addColumn<bool>("restarts");
    QTest::addColumn<QString>("says");         // words the failure must hold
    QTest::newRow("on, then on: restarts") << u"127.0.0.1"_s << true << true << true << QString();
    QTest::newRow("off, then off: EADDRINUSE") << u"127.0.0.1"_s << false << false << false << kPythonLine;
    QTest::newRow("on, then off: EADDRINUSE") << u"127.0.0.1"_s << true << false << false << kPythonLine;
    // Linux binds past TIME_WAIT only when both sockets set SO_REUSEADDR.
    QTest::newRow("off, then on: still EADDRINUSE") << u"127.0.0.1"_s << false << true << false
                                                    << u"had it off"_s;
    QTest::newRow("::1, off, then off") << u"::1"_s << false << false << false << kPythonLine;
}

// The server closes first (Stop), so its side of the connection, on the
// listening port, waits in TIME_WAIT; restarting on that port then depends
// on SO_REUSEADDR, and a failure names the socket that holds it.
void TestSocketOptions::restartWhileTimeWait()
{
    QFETCH(QString, address);
    QFETCH(bool, firstReuse);
    QFETCH(bool, restartReuse);
    QFETCH(bool, restarts);
    QFETCH(QString, says);
    TcpServerSession server;
    server.setListenAddress(QHostAddress(address));
    editSettings(server, [&](SessionSettings &s) { s.reuseAddress = firstReuse; });
    QVERIFY(server.start());
    const Endpoint listening = server.listenEndpoint();
    QTcpSocket client;
    client.connectToHost(listening.address, listening.port);
    QVERIFY(client.waitForConnected(5000));
    const Endpoint clientEnd = Endpoint::localOf(client);
    QTRY_COMPARE(server.clientCount(), 1);
    server.stop();
    QTRY_COMPARE(client.state(), QAbstractSocket::UnconnectedState);
    QTRY_VERIFY(inTimeWait(listening, clientEnd));

    editSettings(server, [&](SessionSettings &s) { s.reuseAddress = restartReuse; });
    const qsizetype errorsBefore = eventsOf(server, TrafficEvent::Kind::Error).size();
    QCOMPARE(server.start(), restarts);
    if (restarts) {
        QCOMPARE(server.listenEndpoint(), listening);
        QCOMPARE(eventsOf(server, TrafficEvent::Kind::Error).size(), errorsBefore);
        return;
    }
    QVERIFY(!server.isRunning());
    const QList<TrafficEvent> errors = eventsOf(server, TrafficEvent::Kind::Error);
    QCOMPARE(errors.size(), errorsBefore + 1);
    const TrafficEvent &e = errors.constLast();
    QCOMPARE(e.reason, TrafficEvent::Reason::AddressInUse);
    QCOMPARE(e.local, listening);
    QVERIFY2(e.message.contains(u"EADDRINUSE"_s), qPrintable(e.message));
    // The socket that holds the port, by its 4-tuple and state.
    const QString tuple = u"%1 ↔ %2 in TIME_WAIT ("_s.arg(listening.toString(), clientEnd.toString());
    QVERIFY2(e.message.contains(tuple), qPrintable(e.message + u"\nwants: "_s + tuple));
    QVERIFY2(e.message.contains(says), qPrintable(e.message));
    QVERIFY2(!e.message.contains(u"listens on this port"_s), qPrintable(e.message));
    if (restartReuse)
        QVERIFY2(!e.message.contains(kPythonLine), qPrintable(e.message));
}

void TestSocketOptions::liveListenerIsNamed_data()
{
    QTest::addColumn<bool>("reuse");
    QTest::addColumn<bool>("python");          // a python3 listener on 0.0.0.0, else a QTcpServer on 127.0.0.1
    QTest::newRow("QTcpServer, SO_REUSEADDR on") << true << false;
    QTest::newRow("QTcpServer, SO_REUSEADDR off") << false << false;
    QTest::newRow("python3 on 0.0.0.0, SO_REUSEADDR on") << true << true;
}

// A listener is no leftover: no option gets past it, and the words say so.
void TestSocketOptions::liveListenerIsNamed()
{
    QFETCH(bool, reuse);
    QFETCH(bool, python);
    QTcpServer qtListener;
    QProcess pyListener;
    Endpoint held;
    if (python) {
        pyListener.start(u"/usr/bin/python3"_s,
                         {u"-c"_s, u"import socket, sys\n"
                                   "s = socket.socket()\n"
                                   "s.bind(('0.0.0.0', 0))\n"
                                   "s.listen()\n"
                                   "print(s.getsockname()[1], flush=True)\n"
                                   "sys.stdin.read()\n"_s});
        QVERIFY(pyListener.waitForStarted(30000));
        QTRY_VERIFY_WITH_TIMEOUT(pyListener.canReadLine(), 30000);
        held = at("0.0.0.0", quint16(pyListener.readLine().trimmed().toUInt()));
    } else {
        QVERIFY(qtListener.listen(QHostAddress::LocalHost, 0));
        held = at("127.0.0.1", qtListener.serverPort());
    }
    QVERIFY(held.port != 0);
    TcpServerSession server;
    editSettings(server, [&](SessionSettings &s) {
        s.listenPort = held.port;
        s.reuseAddress = reuse;
    });
    QVERIFY(!server.start());
    const TrafficEvent e = eventsOf(server, TrafficEvent::Kind::Error).constLast();
    QCOMPARE(e.reason, TrafficEvent::Reason::AddressInUse);
    QVERIFY2(e.message.contains(u"%1 in LISTEN"_s.arg(held.toString())), qPrintable(e.message));
    QVERIFY2(e.message.contains(u"Another socket listens on this port"_s), qPrintable(e.message));
    QVERIFY2(e.message.contains(u"SO_REUSEADDR cannot help"_s), qPrintable(e.message));
    QVERIFY2(!e.message.contains(kPythonLine), qPrintable(e.message));
    if (python) {
        pyListener.closeWriteChannel();
        QVERIFY(pyListener.waitForFinished(30000));
    }
}

// Many leftovers: a few are named, the rest counted; sockets on another
// port or address, and a listener's half-open clients, are not the cause.
void TestSocketOptions::namesAFewAndCountsTheRest()
{
    QList<TcpKernelView::Socket> sockets;
    for (quint16 i = 0; i < 5; ++i)
        sockets << socketIn(State::TimeWait, at("127.0.0.1", 5000), at("127.0.0.1", quint16(40000 + i)), 51200);
    sockets << socketIn(State::TimeWait, at("127.0.0.2", 5000), at("127.0.0.1", 41000));
    sockets << socketIn(State::Established, at("127.0.0.1", 5001), at("127.0.0.1", 41001));
    const QString text = ListenFailure::explainAddressInUse(at("127.0.0.1", 5000), sockets, false);
    QVERIFY2(text.contains(u"127.0.0.1:5000 ↔ 127.0.0.1:40000 in TIME_WAIT (52 s left); "
                           "127.0.0.1:5000 ↔ 127.0.0.1:40001 in TIME_WAIT (52 s left); "
                           "127.0.0.1:5000 ↔ 127.0.0.1:40002 in TIME_WAIT (52 s left) and 2 more."_s),
             qPrintable(text));
    QVERIFY2(!text.contains(u"40003"_s) && !text.contains(u"127.0.0.2"_s) && !text.contains(u"5001"_s), qPrintable(text));
    QVERIFY2(text.contains(kPythonLine), qPrintable(text));
    // A connection still open is named as what it is, not as TIME_WAIT.
    const QString open = ListenFailure::explainAddressInUse(
        at("127.0.0.1", 5000), {socketIn(State::Established, at("127.0.0.1", 5000), at("127.0.0.1", 40000))}, false);
    QVERIFY2(open.contains(u"these connections still hold the port: 127.0.0.1:5000 ↔ 127.0.0.1:40000 in ESTABLISHED."_s),
             qPrintable(open));
    // Nothing on the port: nothing to add to the plain error.
    QCOMPARE(ListenFailure::explainAddressInUse(at("127.0.0.1", 6000), sockets, false), QString());
    QCOMPARE(ListenFailure::explainAddressInUse(
                 at("127.0.0.1", 5000), {socketIn(State::SynReceived, at("127.0.0.1", 5000), at("127.0.0.1", 1))}, false),
             QString());
}

void TestSocketOptions::overlaps_data()
{
    QTest::addColumn<QString>("wanted");
    QTest::addColumn<QString>("bound");
    QTest::addColumn<bool>("overlap");
    QTest::newRow("same") << u"127.0.0.1"_s << u"127.0.0.1"_s << true;
    QTest::newRow("another loopback address") << u"127.0.0.1"_s << u"127.0.0.2"_s << false;
    QTest::newRow("0.0.0.0 holds 127.0.0.1") << u"127.0.0.1"_s << u"0.0.0.0"_s << true;
    QTest::newRow("127.0.0.1 holds 0.0.0.0") << u"0.0.0.0"_s << u"127.0.0.1"_s << true;
    QTest::newRow(":: holds 127.0.0.1") << u"127.0.0.1"_s << u"::"_s << true;
    QTest::newRow("0.0.0.0 is not ::1") << u"::1"_s << u"0.0.0.0"_s << false;
    QTest::newRow("::1 is not 127.0.0.1") << u"127.0.0.1"_s << u"::1"_s << false;
    QTest::newRow("::1") << u"::1"_s << u"::1"_s << true;
}

void TestSocketOptions::overlaps()
{
    QFETCH(QString, wanted);
    QFETCH(QString, bound);
    QFETCH(bool, overlap);
    QCOMPARE(ListenFailure::overlaps(QHostAddress(wanted), QHostAddress(bound)), overlap);
}

void TestSocketOptions::clientNoDelay_data()
{
    QTest::addColumn<bool>("initially");
    QTest::newRow("off, then on") << false;
    QTest::newRow("on, then off") << true;
}

// TCP_NODELAY is on the connection as the setting says when it connects,
// and follows a change while connected.
void TestSocketOptions::clientNoDelay()
{
    QFETCH(bool, initially);
    QTcpServer peer;
    QVERIFY(peer.listen(QHostAddress::LocalHost, 0));
    TcpClientSession client;
    client.setHost(u"127.0.0.1"_s);
    client.setPort(peer.serverPort());
    editSettings(client, [&](SessionSettings &s) { s.noDelay = initially; });
    QVERIFY(client.start());
    QTRY_VERIFY(client.isConnected());
    auto *socket = client.findChild<QTcpSocket *>();
    QVERIFY(socket);
    QCOMPARE(socket->socketOption(QAbstractSocket::LowDelayOption).toInt(), initially ? 1 : 0);
    QCOMPARE(noDelayOf(client.localEndpoint(), client.peerEndpoint()), initially ? 1 : 0);
    editSettings(client, [&](SessionSettings &s) { s.noDelay = !initially; });
    QCOMPARE(socket->socketOption(QAbstractSocket::LowDelayOption).toInt(), initially ? 0 : 1);
    QCOMPARE(noDelayOf(client.localEndpoint(), client.peerEndpoint()), initially ? 0 : 1);
    // The next connection gets the setting as it is now.
    client.stop();
    QTRY_VERIFY(!client.isConnected());
    QVERIFY(client.start());
    QTRY_VERIFY(client.isConnected());
    QCOMPARE(noDelayOf(client.localEndpoint(), client.peerEndpoint()), initially ? 0 : 1);
}

// The server's accepted connections get TCP_NODELAY as they are accepted,
// and all of them follow a change.
void TestSocketOptions::serverNoDelay()
{
    TcpServerSession server;
    editSettings(server, [&](SessionSettings &s) { s.noDelay = true; });
    QVERIFY(server.start());
    std::vector<std::unique_ptr<QTcpSocket>> clients;
    for (int i = 0; i < 2; ++i) {
        clients.push_back(std::make_unique<QTcpSocket>());
        clients.back()->connectToHost(QHostAddress::LocalHost, server.listenEndpoint().port);
        QVERIFY(clients.back()->waitForConnected(5000));
    }
    QTRY_COMPARE(server.clientCount(), 2);
    const auto serverSide = [&](int i) {
        return noDelayOf(server.listenEndpoint(), Endpoint::localOf(*clients[std::size_t(i)]));
    };
    QCOMPARE(serverSide(0), 1);
    QCOMPARE(serverSide(1), 1);
    // Our peers' own sockets were not touched.
    QCOMPARE(clients[0]->socketOption(QAbstractSocket::LowDelayOption).toInt(), 0);
    editSettings(server, [&](SessionSettings &s) { s.noDelay = false; });
    QCOMPARE(serverSide(0), 0);
    QCOMPARE(serverSide(1), 0);
    editSettings(server, [&](SessionSettings &s) { s.noDelay = true; });
    QCOMPARE(serverSide(0), 1);
    QCOMPARE(serverSide(1), 1);
}

QTEST_GUILESS_MAIN(TestSocketOptions)
#include "tst_socketoptions.moc"
