// The TCP client after the server's FIN (CLOSE_WAIT) and its auto-reconnect,
// against real servers on loopback: a python3 server that finishes sending
// and reads on, and a QTcpServer that closes, goes away and comes back.

#include "core/log/TrafficEvent.h"
#include "core/log/TrafficLog.h"
#include "core/net/TcpClientSession.h"
#include "support/SessionEvents.h"

#include <QProcess>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

namespace {
// Prints its port, accepts one client, sends "hello", finishes sending
// (FIN), reads to the end and prints "EOF <hex of what it read>".
const char *const kHalfClosingServer = R"(
import socket, sys
srv = socket.create_server(("127.0.0.1", 0))
print(srv.getsockname()[1], flush=True)
conn, _ = srv.accept()
conn.sendall(b"hello")
conn.shutdown(socket.SHUT_WR)
data = b""
while True:
    chunk = conn.recv(65536)
    if not chunk:
        break
    data += chunk
print("EOF", data.hex(), flush=True)
)";

int count(const Session &s, TrafficEvent::Kind kind, TrafficEvent::Reason reason)
{
    int n = 0;
    for (const TrafficEvent &e : eventsOf(s, kind))
        n += e.reason == reason ? 1 : 0;
    return n;
}
} // namespace

class TestTcpClientReconnect : public QObject
{
    Q_OBJECT
private slots:
    void sendsAfterTheServersFinUntilDisconnect_data();
    void sendsAfterTheServersFinUntilDisconnect();
    void reconnectsAfterCloseAndRefusalUntilDisconnect();
    void noReconnectWhenOff();
};

void TestTcpClientReconnect::sendsAfterTheServersFinUntilDisconnect_data()
{
    QTest::addColumn<bool>("keep");
    QTest::newRow("keep my side open") << true;
    QTest::newRow("close it too") << false;
}

void TestTcpClientReconnect::sendsAfterTheServersFinUntilDisconnect()
{
    QFETCH(bool, keep);
    if (QStandardPaths::findExecutable(QStringLiteral("python3")).isEmpty())
        QSKIP("python3 is needed as the peer");
    QProcess server;
    server.start(QStringLiteral("python3"), {QStringLiteral("-c"), QString::fromUtf8(kHalfClosingServer)});
    QVERIFY(server.waitForReadyRead(10000));
    const quint16 port = quint16(server.readLine().trimmed().toUInt());
    QVERIFY(port != 0);

    TcpClientSession client;
    SessionSettings s = client.settings();
    s.host = QStringLiteral("127.0.0.1");
    s.port = port;
    s.keepOpenOnPeerFin = keep;
    client.setSettings(s);
    QVERIFY(client.start());
    QTRY_COMPARE(client.counters().bytesIn, 5u);
    if (!keep) {
        QTRY_COMPARE(client.state(), Session::State::Idle);
        QCOMPARE(count(client, TrafficEvent::Kind::Closed, TrafficEvent::Reason::PeerClosed), 1);
        QVERIFY(!client.send("late").ok());
        QTRY_COMPARE_WITH_TIMEOUT(server.state(), QProcess::NotRunning, 10000);
        QCOMPARE(server.readAll().trimmed(), QByteArray("EOF"));
        return;
    }
    QTRY_VERIFY(client.peerFinishedSending());
    QVERIFY(client.isConnected());
    QCOMPARE(client.state(), Session::State::Running);
    QVERIFY(client.connection().state.startsWith(QStringLiteral("CLOSE_WAIT")));
    const QList<TrafficEvent> fin = eventsOf(client, TrafficEvent::Kind::Closed);
    QCOMPARE(fin.size(), 1);
    QCOMPARE(fin[0].reason, TrafficEvent::Reason::PeerFinished);
    QVERIFY(fin[0].message.startsWith(QStringLiteral("Peer finished sending (FIN)")));

    const SendResult r = client.send("after your FIN");
    QVERIFY2(r.ok(), qPrintable(r.error));
    client.stop();  // Disconnect: our FIN
    QCOMPARE(client.state(), Session::State::Idle);
    QVERIFY(!client.isConnected());
    const QList<TrafficEvent> closed = eventsOf(client, TrafficEvent::Kind::Closed);
    QCOMPARE(closed.size(), 2);
    QCOMPARE(closed[1].reason, TrafficEvent::Reason::LocalClose);
    QTRY_COMPARE_WITH_TIMEOUT(server.state(), QProcess::NotRunning, 10000);
    QCOMPARE(server.readAll().trimmed(), QByteArray("EOF ") + QByteArray("after your FIN").toHex());
    QCOMPARE(eventsOf(client, TrafficEvent::Kind::Error).size(), 0);
}

void TestTcpClientReconnect::reconnectsAfterCloseAndRefusalUntilDisconnect()
{
    // A server that closes every connection it accepts at once (FIN).
    QTcpServer server;
    auto closeEach = [&server] {
        while (QTcpSocket *c = server.nextPendingConnection()) {
            c->disconnectFromHost();
            connect(c, &QTcpSocket::disconnected, c, &QObject::deleteLater);
        }
    };
    connect(&server, &QTcpServer::newConnection, &server, closeEach);
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    const quint16 port = server.serverPort();

    TcpClientSession client;
    SessionSettings s = client.settings();
    QVERIFY(!s.autoReconnect);  // off by default
    s.host = QStringLiteral("127.0.0.1");
    s.port = port;
    s.autoReconnect = true;
    s.reconnectIntervalMs = SessionSettings::kMinReconnectMs;
    client.setSettings(s);
    QVERIFY(client.start());
    // Closed by the peer → connects again, and again.
    QTRY_VERIFY(client.reconnectSuccesses() >= 2);
    QVERIFY(client.reconnectAttempts() >= client.reconnectSuccesses());
    bool said = false;
    for (const TrafficEvent &e : eventsOf(client, TrafficEvent::Kind::Connected))
        said = said || e.message.contains(QStringLiteral("(auto-reconnect, attempt"));
    QVERIFY(said);
    for (const TrafficEvent &e : eventsOf(client, TrafficEvent::Kind::Closed))
        QVERIFY2(e.message.contains(QStringLiteral("connecting again in 100 ms")), qPrintable(e.message));

    // Refused while nobody listens: attempts go on, none connects.
    server.close();
    const int refusedBefore = count(client, TrafficEvent::Kind::Error, TrafficEvent::Reason::Refused);
    QTRY_VERIFY(count(client, TrafficEvent::Kind::Error, TrafficEvent::Reason::Refused) >= refusedBefore + 2);
    const int successes = client.reconnectSuccesses();

    // Listening again: it reconnects.
    QVERIFY(server.listen(QHostAddress::LocalHost, port));
    QTRY_VERIFY(client.reconnectSuccesses() > successes);

    // Disconnect ends it, whether connected or waiting for the next attempt.
    client.stop();
    QVERIFY(!client.reconnectPending());
    QTRY_COMPARE(client.state(), Session::State::Idle);
    const int attempts = client.reconnectAttempts();
    const qsizetype logged = client.log()->size();
    QTest::qWait(10 * SessionSettings::kMinReconnectMs);
    QCOMPARE(client.reconnectAttempts(), attempts);
    QCOMPARE(client.state(), Session::State::Idle);
    QVERIFY(client.log()->size() <= logged + 1);  // at most the close already under way
}

void TestTcpClientReconnect::noReconnectWhenOff()
{
    QTcpServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    const quint16 port = server.serverPort();
    server.close();  // refused from now on
    TcpClientSession client;
    client.setHost(QStringLiteral("127.0.0.1"));
    client.setPort(port);
    QVERIFY(client.start());
    QTRY_COMPARE(count(client, TrafficEvent::Kind::Error, TrafficEvent::Reason::Refused), 1);
    QVERIFY(!client.reconnectPending());
    QCOMPARE(client.reconnectAttempts(), 0);
    QVERIFY(!eventsOf(client, TrafficEvent::Kind::Error)[0].message.contains(QStringLiteral("auto-reconnect")));
}

QTEST_GUILESS_MAIN(TestTcpClientReconnect)
#include "tst_tcpclientreconnect.moc"
