// SocketNarrator against real sessions on loopback: the narrated calls carry
// the real addresses, ports and bytes, and the scripts it writes run.

#include "core/log/TrafficLog.h"
#include "core/net/TcpClientSession.h"
#include "core/net/TcpServerSession.h"
#include "core/net/UdpSession.h"
#include "core/teach/NarratorPhrases.h"
#include "core/teach/ScriptPlan.h"
#include "core/teach/SocketNarrator.h"

#include <QNetworkDatagram>
#include <QProcess>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QUdpSocket>

#include <memory>

#include <sys/socket.h>

using namespace Qt::StringLiterals;
using Call = SocketNarrator::Call;
using Step = SocketNarrator::Step;
using State = SocketNarrator::Step::State;

namespace {

const Step *stepOf(const SocketLane &lane, Call call, int nth = 0)
{
    for (const Step &s : lane.steps) {
        if (s.call == call && nth-- == 0)
            return &s;
    }
    return nullptr;
}

bool allClosed(const SocketNarrator &n)
{
    const auto lanes = n.sockets();
    for (const SocketLane &l : lanes) {
        if (l.open)
            return false;
    }
    return !lanes.isEmpty();
}

// Writes the script and runs `python3 -m py_compile` on it.
bool pythonCompiles(const QString &script, QString *why)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"session.py"_s);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return false;
    f.write(script.toUtf8());
    f.close();
    QProcess p;
    p.start(u"/usr/bin/python3"_s, {u"-m"_s, u"py_compile"_s, path});
    if (!p.waitForFinished(30000))
        return false;
    *why = QString::fromUtf8(p.readAllStandardError());
    return p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
}

} // namespace

class TestSocketNarrator : public QObject
{
    Q_OBJECT
private slots:
    void serverNarratesAcceptRecvAndPeerClose();
    void serverNarratesPeerFinishedSendingThenOurClose();
    void serverNarratesPeerReset();
    void serverBindFailureIsOSError98();
    void serverScriptServesAClient();
    void boundsDataStepsPerSocket();
    void coalescesChanges();
    void replaysTheLogAtConstruction();
    void clientRefusedIsConnectionRefusedError();
    void clientScriptRunsAgainstLiveServer();
    void udpNarratesRecvfromAndSendto();
    void cScriptCompiles();
    void pythonLiteralsAreSafe_data();
    void pythonLiteralsAreSafe();
};

void TestSocketNarrator::serverNarratesPeerFinishedSendingThenOurClose()
{
    // Kept open after the peer's FIN (the default): recv() returned b'', the
    // connection still sends, and it ends with our close.
    TcpServerSession server;
    QVERIFY(server.start());
    SocketNarrator n(&server);
    QTcpSocket client;
    client.connectToHost(QHostAddress::LocalHost, server.listenEndpoint().port);
    QVERIFY(client.waitForConnected(5000));
    QTRY_COMPARE(server.clientCount(), 1);
    client.disconnectFromHost();
    QTRY_COMPARE(n.sockets().size(), 2);
    QTRY_VERIFY(stepOf(n.sockets()[1], Call::Recv));
    const SocketLane open = n.sockets()[1];
    QVERIFY(open.open);
    const Step *fin = stepOf(open, Call::Recv);
    QCOMPARE(NarratorPhrases::line(*fin, SocketNarrator::Language::Python),
             u"conn.recv(1024) == b''  # peer finished sending (FIN); we can still send"_s);
    QCOMPARE(stepOf(open, Call::Close)->state, State::NotYet);
    QVERIFY(server.disconnectClient(server.connections().first().id));
    QTRY_VERIFY(!n.sockets()[1].open);
    QCOMPARE(stepOf(n.sockets()[1], Call::Close)->state, State::Done);
}

void TestSocketNarrator::serverNarratesAcceptRecvAndPeerClose()
{
    TcpServerSession server;
    server.setKeepOpenOnPeerFin(false);  // the peer's FIN closes our side too
    QVERIFY(server.start());
    SocketNarrator n(&server);
    const quint16 port = server.listenEndpoint().port;

    QTcpSocket client;
    client.connectToHost(QHostAddress::LocalHost, port);
    QVERIFY(client.waitForConnected(5000));
    QTRY_COMPARE(server.clientCount(), 1);
    const quint16 clientPort = client.localPort();
    client.write("hello");
    QTRY_VERIFY(server.counters().bytesIn >= 5);
    client.disconnectFromHost();
    QTRY_COMPARE(server.clientCount(), 0);
    QTRY_COMPARE(n.sockets().size(), 2);

    const auto lanes = n.sockets();
    const SocketLane &listening = lanes[0];
    QCOMPARE(listening.role, SocketLane::Role::Listening);
    QVERIFY(listening.open);
    QCOMPARE(stepOf(listening, Call::Socket)->python, u"server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)"_s);
    QCOMPARE(stepOf(listening, Call::SetSockOpt)->state, State::Done);
    QCOMPARE(stepOf(listening, Call::Bind)->python, u"server.bind(('127.0.0.1', %1))"_s.arg(port));
    QCOMPARE(stepOf(listening, Call::Listen)->python, u"server.listen(4096)"_s);
    QCOMPARE(stepOf(listening, Call::Listen)->c, u"listen(server, 4096);"_s);
    // The listening socket waits in accept(): that is its current step.
    QCOMPARE(stepOf(listening, Call::Accept)->state, State::Current);
    QCOMPARE(stepOf(listening, Call::Close)->state, State::NotYet);

    const SocketLane &conn = lanes[1];
    QCOMPARE(conn.role, SocketLane::Role::Accepted);
    QCOMPARE(conn.connectionId, 1u);
    QCOMPARE(conn.peer.port, clientPort);
    QVERIFY(!conn.open);
    QVERIFY(conn.title().contains(u"127.0.0.1:%1"_s.arg(clientPort)));
    const Step *accept = stepOf(conn, Call::Accept);
    QCOMPARE(NarratorPhrases::line(*accept, SocketNarrator::Language::Python),
             u"conn, addr = server.accept()  # addr = ('127.0.0.1', %1)"_s.arg(clientPort));
    const Step *recv = stepOf(conn, Call::Recv);
    QVERIFY(recv);
    QCOMPARE(NarratorPhrases::line(*recv, SocketNarrator::Language::Python), u"data = conn.recv(1024)  # b'hello'"_s);
    QVERIFY(NarratorPhrases::line(*recv, SocketNarrator::Language::C).startsWith(u"n = recv(conn, buf, 1024, 0);"_s));
    const Step *close = stepOf(conn, Call::Close);
    QCOMPARE(close->state, State::Done);
    QCOMPARE(NarratorPhrases::line(*close, SocketNarrator::Language::Python), u"conn.recv(1024) == b''  # peer closed"_s);
    QVERIFY(!conn.currentStep());

    const QString script = ScriptPlan::from(n).script(SocketNarrator::Language::Python);
    QVERIFY2(script.contains(u"server.bind(('127.0.0.1', %1))"_s.arg(port)), qPrintable(script));
    QVERIFY(script.contains(u"server.listen(4096)"_s));
    QVERIFY(script.contains(u"conn, addr = server.accept()"_s));
    QString why;
    QVERIFY2(pythonCompiles(script, &why), qPrintable(why + script));
}

void TestSocketNarrator::serverNarratesPeerReset()
{
    TcpServerSession server;
    QVERIFY(server.start());
    SocketNarrator n(&server);
    QTcpSocket client;
    client.connectToHost(QHostAddress::LocalHost, server.listenEndpoint().port);
    QVERIFY(client.waitForConnected(5000));
    QTRY_COMPARE(server.clientCount(), 1);
    // SO_LINGER {1, 0}: close() sends RST.
    linger l{1, 0};
    QCOMPARE(::setsockopt(int(client.socketDescriptor()), SOL_SOCKET, SO_LINGER, &l, sizeof(l)), 0);
    client.abort();
    QTRY_COMPARE(server.clientCount(), 0);
    QTRY_VERIFY(n.sockets().size() == 2 && !n.sockets()[1].open);
    const Step *close = stepOf(n.sockets()[1], Call::Close);
    QCOMPARE(close->state, State::Failed);
    QCOMPARE(close->exception, u"ConnectionResetError"_s);
    QVERIFY(close->comment.contains(u"ConnectionResetError"_s));
    QVERIFY(close->cComment.contains(u"ECONNRESET"_s));
    const QString script = ScriptPlan::from(n).script(SocketNarrator::Language::Python);
    QVERIFY(script.contains(u"except ConnectionResetError as e:"_s));
    QString why;
    QVERIFY2(pythonCompiles(script, &why), qPrintable(why + script));
}

void TestSocketNarrator::serverBindFailureIsOSError98()
{
    TcpServerSession first;
    QVERIFY(first.start());
    TcpServerSession second;
    SocketNarrator n(&second);
    second.setPort(first.listenEndpoint().port);
    QVERIFY(!second.start());
    QTRY_COMPARE(n.sockets().size(), 1);
    const SocketLane lane = n.sockets()[0];
    QVERIFY(!lane.open);
    const Step *bind = stepOf(lane, Call::Bind);
    QCOMPARE(bind->state, State::Failed);
    QCOMPARE(bind->comment, u"OSError: [Errno 98] Address already in use"_s);
    QCOMPARE(bind->python, u"server.bind(('127.0.0.1', %1))"_s.arg(first.listenEndpoint().port));
    QCOMPARE(stepOf(lane, Call::Listen)->state, State::NotYet);
    QString why;
    QVERIFY2(pythonCompiles(ScriptPlan::from(n).script(SocketNarrator::Language::Python), &why), qPrintable(why));
}

void TestSocketNarrator::serverScriptServesAClient()
{
    // Record a session: one client says hello, we answer hi, the client leaves.
    TcpServerSession server;
    server.setKeepOpenOnPeerFin(false);
    QVERIFY(server.start());
    SocketNarrator n(&server);
    quint16 port = server.listenEndpoint().port;
    {
        QTcpSocket client;
        client.connectToHost(QHostAddress::LocalHost, port);
        QVERIFY(client.waitForConnected(5000));
        QTRY_COMPARE(server.clientCount(), 1);
        client.write("hello");
        QTRY_VERIFY(server.counters().bytesIn >= 5);
        QVERIFY(server.sendTo(server.connections().first().id, "hi\n").ok());
        QTRY_COMPARE(client.bytesAvailable(), 3);
        client.disconnectFromHost();
        QTRY_COMPARE(server.clientCount(), 0);
    }
    server.stop();
    QTRY_VERIFY(allClosed(n));
    // The program of a server without auto-reply sends what was typed in
    // the tab, one message after each message received.
    const QString script = ScriptPlan::from(n).script(SocketNarrator::Language::Python);
    QVERIFY2(script.contains(u"    b'hi\\n',"_s), qPrintable(script));
    QVERIFY(script.contains(u"conn.sendall(replies.pop(0))"_s));
    QVERIFY(script.contains(u"server.close()"_s));

    // Run it: it binds the same port (SO_REUSEADDR) and serves a client like ours.
    QTemporaryDir dir;
    const QString path = dir.filePath(u"server.py"_s);
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(script.toUtf8());
    f.close();
    QProcess py;
    py.start(u"/usr/bin/python3"_s, {u"-u"_s, path});
    QVERIFY(py.waitForStarted());
    QTcpSocket client;
    // Until the script listens (a QTRY would evaluate a connect twice).
    for (int i = 0; i < 100 && client.state() != QAbstractSocket::ConnectedState; ++i) {
        client.abort();
        client.connectToHost(QHostAddress::LocalHost, port);
        if (!client.waitForConnected(200))
            QTest::qWait(100);
    }
    QCOMPARE(client.state(), QAbstractSocket::ConnectedState);
    client.write("hello");
    QTRY_VERIFY2(client.bytesAvailable() == 3, qPrintable(script + QString::fromUtf8(py.readAllStandardError())));
    QCOMPARE(client.readAll(), QByteArray("hi\n"));
    client.disconnectFromHost();
    QTRY_COMPARE_WITH_TIMEOUT(py.state(), QProcess::NotRunning, 10000);
    QVERIFY2(py.exitCode() == 0, py.readAllStandardError().constData());
    QVERIFY(py.readAllStandardOutput().contains("accepted"));
}

void TestSocketNarrator::boundsDataStepsPerSocket()
{
    TcpServerSession server;
    QVERIFY(server.start());
    SocketNarrator n(&server);
    QTcpSocket client;
    client.connectToHost(QHostAddress::LocalHost, server.listenEndpoint().port);
    QVERIFY(client.waitForConnected(5000));
    QTRY_COMPARE(server.clientCount(), 1);
    const quint32 id = server.connections().first().id;
    const int sends = int(SocketNarrator::kMaxDataSteps) + 50;
    for (int i = 0; i < sends; ++i)
        QVERIFY(server.sendTo(id, "x").ok());
    QTRY_COMPARE(n.sockets().size(), 2);
    const SocketLane conn = n.sockets()[1];
    QCOMPARE(conn.dataSteps, SocketNarrator::kMaxDataSteps);
    QCOMPARE(conn.moreDataSteps, qsizetype(50));
    QCOMPARE(conn.moreDataBytes, qint64(50));
    QVERIFY(ScriptPlan::from(n).script(SocketNarrator::Language::Python).contains(u"… and 50 more calls (50 bytes) not kept"_s));
}

void TestSocketNarrator::coalescesChanges()
{
    TcpServerSession server;
    QVERIFY(server.start());
    SocketNarrator n(&server);
    QSignalSpy changed(&n, &SocketNarrator::changed);
    QSignalSpy sockets(&n, &SocketNarrator::socketsChanged);
    QTcpSocket client;
    client.connectToHost(QHostAddress::LocalHost, server.listenEndpoint().port);
    QVERIFY(client.waitForConnected(5000));
    QTRY_COMPARE(server.clientCount(), 1);
    const quint32 id = server.connections().first().id;
    for (int i = 0; i < 500; ++i)
        QVERIFY(server.sendTo(id, "y").ok());
    QTRY_VERIFY(changed.count() >= 1);
    QTest::qWait(3 * SocketNarrator::kNotifyIntervalMs);
    // 501 events, a handful of notices.
    QVERIFY2(changed.count() <= 3, qPrintable(QString::number(changed.count())));
    QVERIFY(sockets.count() >= 1 && sockets.count() <= 3);
}

void TestSocketNarrator::replaysTheLogAtConstruction()
{
    TcpServerSession server;
    QVERIFY(server.start());
    QTcpSocket client;
    client.connectToHost(QHostAddress::LocalHost, server.listenEndpoint().port);
    QVERIFY(client.waitForConnected(5000));
    client.write("abc");
    QTRY_VERIFY(server.counters().bytesIn >= 3);
    SocketNarrator late(&server);  // created after everything happened
    const auto lanes = late.sockets();
    QCOMPARE(lanes.size(), 2);
    QCOMPARE(stepOf(lanes[0], Call::Listen)->python, u"server.listen(4096)"_s);
    QCOMPARE(stepOf(lanes[1], Call::Recv)->comment, u"b'abc'"_s);
    QCOMPARE(lanes[1].currentStep()->call, Call::Recv);
}

void TestSocketNarrator::clientRefusedIsConnectionRefusedError()
{
    quint16 port = 0;
    {
        QTcpServer probe;  // a port that was free a moment ago, closed again
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        port = probe.serverPort();
    }
    TcpClientSession session;
    SocketNarrator n(&session);
    session.setHost(u"127.0.0.1"_s);
    session.setPort(port);
    QVERIFY(session.start());
    QTRY_VERIFY(allClosed(n));
    const SocketLane lane = n.sockets()[0];
    QCOMPARE(lane.role, SocketLane::Role::Client);
    const Step *connect = stepOf(lane, Call::Connect);
    QCOMPARE(connect->state, State::Failed);
    QCOMPARE(connect->python, u"client.connect(('127.0.0.1', %1))"_s.arg(port));
    QCOMPARE(connect->comment, u"ConnectionRefusedError: [Errno 111] Connection refused"_s);
    QCOMPARE(connect->exception, u"ConnectionRefusedError"_s);
    QVERIFY(connect->cComment.contains(u"ECONNREFUSED"_s));

    // The script does what the session did: it is refused, and says so.
    QTemporaryDir dir;
    const QString path = dir.filePath(u"refused.py"_s);
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(ScriptPlan::from(n).script(SocketNarrator::Language::Python).toUtf8());
    f.close();
    QProcess py;
    py.start(u"/usr/bin/python3"_s, {path});
    QVERIFY(py.waitForFinished(20000));
    QCOMPARE(py.exitCode(), 1);
    QVERIFY(py.readAllStandardOutput().contains("Connection refused"));
}

void TestSocketNarrator::clientScriptRunsAgainstLiveServer()
{
    // A peer that greets each client and keeps what it receives.
    struct Peer
    {
        QTcpServer server;
        QByteArray received;
        bool peerClosed = false;
        QList<QTcpSocket *> sockets;
    };
    auto listen = [](Peer &p) {
        QVERIFY(p.server.listen(QHostAddress::LocalHost, 0));
        QObject::connect(&p.server, &QTcpServer::newConnection, &p.server, [&p] {
            while (QTcpSocket *s = p.server.nextPendingConnection()) {
                p.sockets << s;
                s->write("welcome\n");
                QObject::connect(s, &QTcpSocket::readyRead, s, [&p, s] { p.received += s->readAll(); });
                QObject::connect(s, &QTcpSocket::disconnected, s, [&p] { p.peerClosed = true; });
            }
        });
    };
    const QByteArray payload("hello\r\n\x00\xff'\"\\ end", 17);

    Peer live;
    listen(live);
    TcpClientSession session;
    SocketNarrator n(&session);
    session.setHost(u"127.0.0.1"_s);
    session.setPort(live.server.serverPort());
    QVERIFY(session.start());
    QTRY_VERIFY(session.counters().bytesIn >= 8);
    QVERIFY(session.send(payload).ok());
    QTRY_COMPARE(live.received, payload);
    session.stop();
    QTRY_VERIFY(allClosed(n));

    const SocketLane lane = n.sockets()[0];
    const Step *connect = stepOf(lane, Call::Connect);
    QCOMPARE(connect->python, u"client.connect(('127.0.0.1', %1))"_s.arg(live.server.serverPort()));
    QVERIFY(connect->comment.contains(u"('127.0.0.1', %1)"_s.arg(session.connection().local.port)));
    QCOMPARE(stepOf(lane, Call::Recv)->comment, u"b'welcome\\n'"_s);
    QCOMPARE(stepOf(lane, Call::Close)->python, u"client.close()"_s);
    QCOMPARE(stepOf(lane, Call::Bind), nullptr);  // a client needs no bind()

    // Point the script at a second peer, run it, and compare what arrives.
    Peer again;
    listen(again);
    QString script = ScriptPlan::from(n).script(SocketNarrator::Language::Python);
    const QString from = u"client.connect(('127.0.0.1', %1))"_s.arg(live.server.serverPort());
    QVERIFY(script.contains(from));
    script.replace(from, u"client.connect(('127.0.0.1', %1))"_s.arg(again.server.serverPort()));
    QTemporaryDir dir;
    const QString path = dir.filePath(u"client.py"_s);
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(script.toUtf8());
    f.close();
    QProcess py;
    py.start(u"/usr/bin/python3"_s, {path});
    QVERIFY(py.waitForStarted());
    QTRY_COMPARE_WITH_TIMEOUT(py.state(), QProcess::NotRunning, 20000);
    QVERIFY2(py.exitCode() == 0, py.readAllStandardError().constData());
    QTRY_VERIFY(again.peerClosed);
    QCOMPARE(again.received, payload);
    QVERIFY(py.readAllStandardOutput().contains("welcome"));
}

void TestSocketNarrator::udpNarratesRecvfromAndSendto()
{
    UdpSession session;
    QVERIFY(session.start());
    SocketNarrator n(&session);
    const Endpoint local = session.localEndpoint();
    QUdpSocket peer;
    QVERIFY(peer.bind(QHostAddress::LocalHost, 0));
    peer.writeDatagram("ping", local.address, local.port);
    QTRY_VERIFY(session.counters().bytesIn >= 4);
    QVERIFY(session.sendTo(QHostAddress::LocalHost, peer.localPort(), "pong").ok());
    QTRY_VERIFY(peer.hasPendingDatagrams());
    session.stop();
    QTRY_VERIFY(allClosed(n));

    const SocketLane lane = n.sockets()[0];
    QCOMPARE(lane.role, SocketLane::Role::Udp);
    QCOMPARE(stepOf(lane, Call::Socket)->python, u"sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)"_s);
    QCOMPARE(stepOf(lane, Call::Bind)->python, u"sock.bind(('127.0.0.1', %1))"_s.arg(local.port));
    QCOMPARE(NarratorPhrases::line(*stepOf(lane, Call::RecvFrom), SocketNarrator::Language::Python),
             u"data, addr = sock.recvfrom(65535)  # b'ping' from ('127.0.0.1', %1)"_s.arg(peer.localPort()));
    QCOMPARE(stepOf(lane, Call::SendTo)->python, u"sock.sendto(b'pong', ('127.0.0.1', %1))"_s.arg(peer.localPort()));
    QCOMPARE(stepOf(lane, Call::Close)->state, State::Done);
    QCOMPARE(stepOf(lane, Call::Listen), nullptr);
    QString why;
    QVERIFY2(pythonCompiles(ScriptPlan::from(n).script(SocketNarrator::Language::Python), &why), qPrintable(why));
}

void TestSocketNarrator::cScriptCompiles()
{
    if (!QFile::exists(u"/usr/bin/cc"_s))
        QSKIP("no C compiler");
    TcpServerSession server;
    QVERIFY(server.start());
    SocketNarrator n(&server);
    QTcpSocket client;
    client.connectToHost(QHostAddress::LocalHost, server.listenEndpoint().port);
    QVERIFY(client.waitForConnected(5000));
    client.write("GET / HTTP/1.0\r\n\r\n\x01" "abc");
    QTRY_VERIFY(server.counters().bytesIn >= 22);
    QVERIFY(server.sendTo(server.connections().first().id, "*/ \"quoted\" \x01" "f").ok());
    client.disconnectFromHost();
    QTRY_COMPARE(server.clientCount(), 0);
    server.stop();
    QTRY_VERIFY(allClosed(n));
    const QString c = ScriptPlan::from(n).script(SocketNarrator::Language::C);
    QVERIFY(c.contains(u"listen(server, 4096);"_s));
    QVERIFY(c.contains(u"setsockopt(server, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);"_s));
    QVERIFY(c.contains(u"int conn = accept(server, (struct sockaddr *)&peer, &peerlen);"_s));
    QTemporaryDir dir;
    const QString path = dir.filePath(u"server.c"_s);
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(c.toUtf8());
    f.close();
    QProcess cc;
    cc.start(u"/usr/bin/cc"_s, {u"-fsyntax-only"_s, u"-Wall"_s, u"-Werror"_s, path});
    QVERIFY(cc.waitForFinished(30000));
    QVERIFY2(cc.exitCode() == 0, qPrintable(QString::fromUtf8(cc.readAllStandardError()) + c));
}

void TestSocketNarrator::pythonLiteralsAreSafe_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("preview");
    QTest::newRow("text") << QByteArray("hello") << u"b'hello'"_s;
    QTest::newRow("nul-digit") << QByteArray("\x00" "1", 2) << u"b'\\x001'"_s;
    QTest::newRow("long") << QByteArray(50, 'a') << u"b'%1'…"_s.arg(QString(40, u'a'));
}

void TestSocketNarrator::pythonLiteralsAreSafe()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, preview);
    QCOMPARE(NarratorPhrases::preview(bytes), preview);
}

QTEST_GUILESS_MAIN(TestSocketNarrator)
#include "tst_socketnarrator.moc"
