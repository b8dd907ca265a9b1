// SequenceRunner against real peers on loopback: a python3 server that
// answers in a chosen way (echo, a fixed reply, a reply split in two
// segments, Modbus-like bytes, silence, a close), Qt's own sockets where the
// peer must be a client, and the session's own refusals for failed sends.

#include "core/commands/SequenceRunner.h"
#include "core/log/TrafficLog.h"
#include "core/net/TcpClientSession.h"
#include "core/net/TcpServerSession.h"
#include "core/net/UdpSession.h"
#include "support/SessionEvents.h"

#include <QProcess>
#include <QTcpSocket>
#include <QTest>
#include <QUdpSocket>

#include <memory>

using namespace Qt::StringLiterals;

namespace {

// Listens on a port of its own choosing, prints it, takes one connection and
// answers every read as argv[1] says.
const char *const kPeer = R"PY(
import socket, sys, time
mode = sys.argv[1]
srv = socket.socket()
srv.bind(("127.0.0.1", 0))
srv.listen(1)
print(srv.getsockname()[1], flush=True)
srv.settimeout(60)
conn, _ = srv.accept()
conn.settimeout(60)
conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
try:
    while True:
        data = conn.recv(65536)
        if not data:
            break
        if mode == "echo":
            conn.sendall(data)
        elif mode == "pong":
            conn.sendall(b"PONG\r\n")
        elif mode == "split":
            conn.sendall(b"PO")
            time.sleep(0.3)
            conn.sendall(b"NG\r\n")
        elif mode == "modbus":
            conn.sendall(bytes.fromhex("0103022a00"))
        elif mode == "close":
            conn.sendall(b"BYE\r\n")
            break
except (socket.timeout, ConnectionResetError):
    pass
conn.close()
)PY";

struct Peer
{
    Peer() = default;
    Peer(Peer &&) = default;
    Peer &operator=(Peer &&) = default;
    // The session is gone by now (declared after the peer), so the peer
    // reads its end of the stream and exits.
    ~Peer()
    {
        if (!process || process->state() == QProcess::NotRunning)
            return;
        if (!process->waitForFinished(10000)) {
            process->kill();
            process->waitForFinished();
        }
    }

    std::unique_ptr<QProcess> process;
    quint16 port = 0;
};

Peer startPeer(const QString &mode)
{
    Peer peer;
    peer.process = std::make_unique<QProcess>();
    peer.process->start(u"/usr/bin/python3"_s, {u"-c"_s, QString::fromUtf8(kPeer), mode});
    return peer;
}

SequenceStep step(const QString &line, const QString &encoding = u"UTF-8"_s)
{
    QString error;
    const SequenceStep s = SequenceStep::parse(line, encoding, &error);
    if (!error.isEmpty())
        qFatal("bad step in the test: %s: %s", qPrintable(line), qPrintable(error));
    return s;
}

CommandSequence sequenceOf(const QStringList &lines, CommandSequence::Run run = CommandSequence::Run::Once, int runs = 1)
{
    CommandSequence sequence;
    sequence.name = u"Test"_s;
    sequence.run = run;
    sequence.runs = runs;
    for (const QString &line : lines)
        sequence.steps.append(step(line));
    return sequence;
}

// What a runner said, collected from its signals.
struct Recorder
{
    QList<SequenceRunner::StepReport> steps;
    QStringList runLines;
    QList<SequenceRunner::Summary> summaries;

    void attach(SequenceRunner *runner)
    {
        QObject::connect(runner, &SequenceRunner::stepFinished, runner,
                         [this](const SequenceRunner::StepReport &r) { steps.append(r); });
        QObject::connect(runner, &SequenceRunner::runFinished, runner,
                         [this](int, const SequenceRunner::Tally &, const QString &line) { runLines.append(line); });
        QObject::connect(runner, &SequenceRunner::finished, runner,
                         [this](const SequenceRunner::Summary &s) { summaries.append(s); });
    }
};

QList<QByteArray> payloads(const Session &session, TrafficEvent::Direction direction)
{
    QList<QByteArray> out;
    for (const TrafficEvent &e : eventsOf(session, TrafficEvent::Kind::Data)) {
        if (e.direction == direction)
            out.append(e.payload);
    }
    return out;
}

} // namespace

class TestSequenceRunner : public QObject
{
    Q_OBJECT
private slots:
    void matchesReplies_data();
    void matchesReplies();
    void timesOut_data();
    void timesOut();
    void loopsAndRunsTimes();
    void runsUntilStopped();
    void sendFailureEndsTheRun_data();
    void sendFailureEndsTheRun();
    void refusesBeforeSending_data();
    void refusesBeforeSending();
    void sessionThatStopsEndsTheRun();
    void serverSendsToTheChosenClient();

private:
    // A TCP client connected to a python peer in `mode` (CONNECT_TO fails the test otherwise).
    void connectTo(const QString &mode, Peer *peer, TcpClientSession *client);
};

#define CONNECT_TO(mode, peer, client)                                                                              \
    do {                                                                                                           \
        connectTo(mode, peer, client);                                                                             \
        if (QTest::currentTestFailed())                                                                            \
            return;                                                                                                \
    } while (false)

void TestSequenceRunner::connectTo(const QString &mode, Peer *peer, TcpClientSession *client)
{
    *peer = startPeer(mode);
    QProcess *p = peer->process.get();
    // Bounded: a peer that never prints its port fails the test, not hangs it.
    QTRY_VERIFY_WITH_TIMEOUT(p->canReadLine() || p->state() == QProcess::NotRunning, 20000);
    const QByteArray line = p->readLine().trimmed();
    bool ok = false;
    peer->port = quint16(line.toUInt(&ok));
    QVERIFY2(ok, p->readAllStandardError().constData());
    client->setHost(u"127.0.0.1"_s);
    client->setPort(peer->port);
    QVERIFY(client->start());
    QTRY_VERIFY_WITH_TIMEOUT(client->isConnected(), 10000);
}

void TestSequenceRunner::matchesReplies_data()
{
    QTest::addColumn<QString>("mode");
    QTest::addColumn<QStringList>("steps");
    QTest::addColumn<QByteArray>("sent");
    QTest::addColumn<int>("minReads");   // reads the reply took

    QTest::newRow("contains") << u"pong"_s
                              << QStringList{u"send-text PING\\r\\n"_s, u"reply within 5000 ms contains PONG"_s}
                              << QByteArray("PING\r\n") << 1;
    QTest::newRow("hex") << u"modbus"_s
                         << QStringList{u"send-hex 01 03 00 00 00 01"_s, u"reply within 5000 ms hex 01 03 02"_s}
                         << QByteArray::fromHex("010300000001") << 1;
    QTest::newRow("regex") << u"pong"_s
                           << QStringList{u"send-text PING\\n"_s, u"reply within 5000 ms regex ^P[O]NG\\r\\n$"_s}
                           << QByteArray("PING\n") << 1;
    // "PO", a pause, "NG\r\n": two segments, two reads, one match.
    QTest::newRow("split reply") << u"split"_s
                                 << QStringList{u"send-text PING"_s, u"reply within 5000 ms contains PONG\\r\\n"_s}
                                 << QByteArray("PING") << 2;
}

void TestSequenceRunner::matchesReplies()
{
    QFETCH(QString, mode);
    QFETCH(QStringList, steps);
    QFETCH(QByteArray, sent);
    QFETCH(int, minReads);

    Peer peer;
    TcpClientSession client;
    CONNECT_TO(mode, &peer, &client);
    SequenceRunner runner(&client);
    Recorder rec;
    rec.attach(&runner);
    QString error;
    QVERIFY2(runner.start(sequenceOf(steps), PayloadLibrary(), &error), qPrintable(error));
    QVERIFY(runner.isRunning());
    QTRY_COMPARE_WITH_TIMEOUT(rec.summaries.size(), 1, 10000);

    const SequenceRunner::Summary summary = rec.summaries.constFirst();
    QVERIFY2(summary.end == SequenceRunner::End::Passed, qPrintable(summary.line));
    QCOMPARE(summary.exitCode(), 0);
    QCOMPARE(summary.runs, 1);
    QCOMPARE(summary.total.repliesMatched, 1);
    QCOMPARE(summary.total.timeouts, 0);
    QCOMPARE(summary.total.stepsDone, 2);
    QCOMPARE(rec.steps.size(), 2);
    QCOMPARE(rec.steps.at(0).outcome, SequenceRunner::Outcome::Sent);
    QCOMPARE(rec.steps.at(1).outcome, SequenceRunner::Outcome::Matched);
    QVERIFY2(rec.steps.at(1).line().startsWith(u"run 1 step 2/2 reply within 5000 ms "_s), qPrintable(rec.steps.at(1).line()));
    QCOMPARE(rec.runLines, QStringList{u"run 1: steps done 2, replies matched 1, timeouts 0"_s});
    QCOMPARE(payloads(client, TrafficEvent::Direction::Out), QList<QByteArray>{sent});
    QVERIFY(payloads(client, TrafficEvent::Direction::In).size() >= minReads);
    QVERIFY(!runner.isRunning());
}

void TestSequenceRunner::timesOut_data()
{
    QTest::addColumn<QString>("mode");
    QTest::addColumn<int>("timeoutMs");
    QTest::addColumn<QString>("expect");
    QTest::newRow("silence") << u"silent"_s << 300 << u"nothing received"_s;
    // Long enough for the wrong reply to arrive first on a loaded machine.
    QTest::newRow("wrong reply") << u"pong"_s << 3000 << u"received 6 bytes that do not match"_s;
}

void TestSequenceRunner::timesOut()
{
    QFETCH(QString, mode);
    QFETCH(int, timeoutMs);
    QFETCH(QString, expect);
    Peer peer;
    TcpClientSession client;
    CONNECT_TO(mode, &peer, &client);
    SequenceRunner runner(&client);
    Recorder rec;
    rec.attach(&runner);
    QString error;
    // A timeout is counted and the run goes on: the last send still happens.
    const QString reply = u"reply within %1 ms contains NOPE"_s.arg(timeoutMs);
    QVERIFY(runner.start(sequenceOf({u"send-text hello"_s, reply, u"send-text after"_s}), PayloadLibrary(), &error));
    QTRY_COMPARE_WITH_TIMEOUT(rec.summaries.size(), 1, 10000);
    const SequenceRunner::Summary summary = rec.summaries.constFirst();
    QCOMPARE(summary.end, SequenceRunner::End::TimedOut);
    QCOMPARE(summary.exitCode(), 1);
    QCOMPARE(summary.total.timeouts, 1);
    QCOMPARE(summary.total.repliesMatched, 0);
    QCOMPARE(rec.steps.at(1).outcome, SequenceRunner::Outcome::TimedOut);
    QVERIFY2(rec.steps.at(1).detail.contains(expect), qPrintable(rec.steps.at(1).detail));
    QCOMPARE(payloads(client, TrafficEvent::Direction::Out), (QList<QByteArray>{"hello", "after"}));
    QVERIFY2(summary.line.contains(u"timeouts 1"_s), qPrintable(summary.line));
}

void TestSequenceRunner::loopsAndRunsTimes()
{
    Peer peer;
    TcpClientSession client;
    CONNECT_TO(u"echo"_s, &peer, &client);
    SequenceRunner runner(&client);
    Recorder rec;
    rec.attach(&runner);
    QString error;
    // Steps 1-2 three times a run, two runs; the counter goes on across runs.
    const CommandSequence sequence = sequenceOf(
            {u"send-text N{counter:02}\\n"_s, u"reply within 5000 ms contains \\n"_s, u"loop to 1, 3 times"_s},
            CommandSequence::Run::Times, 2);
    QVERIFY2(runner.start(sequence, PayloadLibrary(), &error), qPrintable(error));
    QTRY_COMPARE_WITH_TIMEOUT(rec.summaries.size(), 1, 20000);
    const SequenceRunner::Summary summary = rec.summaries.constFirst();
    QVERIFY2(summary.end == SequenceRunner::End::Passed, qPrintable(summary.line));
    QCOMPARE(summary.runs, 2);
    QCOMPARE(summary.total.repliesMatched, 6);
    QCOMPARE(summary.total.stepsDone, 18);
    QCOMPARE(rec.runLines.size(), 2);
    QCOMPARE(rec.runLines.at(1), u"run 2: steps done 9, replies matched 3, timeouts 0"_s);
    QCOMPARE(payloads(client, TrafficEvent::Direction::Out),
             (QList<QByteArray>{"N01\n", "N02\n", "N03\n", "N04\n", "N05\n", "N06\n"}));
    QCOMPARE(rec.steps.at(2).detail, u"back to step 1 (pass 2 of 3)"_s);
    QCOMPARE(rec.steps.at(8).detail, u"done, 3 passes"_s);
}

void TestSequenceRunner::runsUntilStopped()
{
    Peer peer;
    TcpClientSession client;
    CONNECT_TO(u"echo"_s, &peer, &client);
    SequenceRunner runner(&client);
    Recorder rec;
    rec.attach(&runner);
    QString error;
    QVERIFY(runner.start(sequenceOf({u"send-text tick"_s, u"wait 5 ms"_s}, CommandSequence::Run::UntilStopped),
                         PayloadLibrary(), &error));
    QTRY_VERIFY_WITH_TIMEOUT(rec.runLines.size() >= 3, 10000);
    QVERIFY(runner.isRunning());
    runner.stop();
    QVERIFY(!runner.isRunning());
    QCOMPARE(rec.summaries.size(), 1);
    QCOMPARE(rec.summaries.constFirst().end, SequenceRunner::End::Stopped);
    QCOMPARE(rec.summaries.constFirst().exitCode(), 1);
    const qsizetype sentAtStop = payloads(client, TrafficEvent::Direction::Out).size();
    QVERIFY(sentAtStop >= 3);
    // Nothing more goes out once stopped.
    QTest::qWait(100);
    QCOMPARE(payloads(client, TrafficEvent::Direction::Out).size(), sentAtStop);
    QCOMPARE(rec.summaries.size(), 1);
}

void TestSequenceRunner::sendFailureEndsTheRun_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("reason");
    QTest::newRow("datagram too large") << u"udp"_s << u"carries at most 65507 bytes"_s;
    QTest::newRow("server without clients") << u"server"_s << u"No client is connected"_s;
    QTest::newRow("payload that cannot be built") << u"entry"_s << u"\u201cSum\u201d was not sent"_s;
}

void TestSequenceRunner::sendFailureEndsTheRun()
{
    QFETCH(QString, kind);
    QFETCH(QString, reason);
    std::unique_ptr<Session> session;
    QUdpSocket sink;   // where the datagram would go: a real, bound port
    QVERIFY(sink.bind(QHostAddress::LocalHost, 0));
    PayloadLibrary library;
    CommandSequence sequence;
    if (kind == u"udp"_s) {
        auto *udp = new UdpSession;
        udp->setTarget(u"127.0.0.1"_s, sink.localPort());
        session.reset(udp);
        sequence = sequenceOf({u"send-hex {random:65508}"_s, u"send-text never"_s});
    } else if (kind == u"server"_s) {
        auto *server = new TcpServerSession;
        server->setListenAddress(QHostAddress::LocalHost);
        QVERIFY(server->start());
        session.reset(server);
        sequence = sequenceOf({u"send-text hello"_s, u"send-text never"_s});
    } else {
        // Summed from byte 5 of {data}: fine to store, but nothing was
        // received yet, so there is no byte 5 when it is sent.
        auto *udp = new UdpSession;
        udp->setTarget(u"127.0.0.1"_s, sink.localPort());
        session.reset(udp);
        PayloadEntry entry;
        entry.name = u"Sum"_s;
        entry.text = u"{data}"_s;
        entry.checksum = Checksum(Checksum::Algorithm::Sum8, 5);
        QCOMPARE(library.addPayload(entry), QString());
        sequence = sequenceOf({u"send Sum"_s, u"send-text never"_s});
    }
    SequenceRunner runner(session.get());
    Recorder rec;
    rec.attach(&runner);
    QString error;
    QVERIFY2(runner.start(sequence, library, &error), qPrintable(error));
    QTRY_COMPARE_WITH_TIMEOUT(rec.summaries.size(), 1, 10000);
    const SequenceRunner::Summary summary = rec.summaries.constFirst();
    QCOMPARE(summary.end, SequenceRunner::End::Failed);
    QCOMPARE(summary.exitCode(), 1);
    QVERIFY2(summary.reason.startsWith(u"Step 1: "_s), qPrintable(summary.reason));
    QVERIFY2(summary.reason.contains(reason), qPrintable(summary.reason));
    QVERIFY2(summary.line.contains(summary.reason), qPrintable(summary.line));
    QCOMPARE(rec.steps.size(), 1);
    QCOMPARE(rec.steps.constFirst().outcome, SequenceRunner::Outcome::Failed);
    QVERIFY(payloads(*session, TrafficEvent::Direction::Out).isEmpty());
    QCOMPARE(sink.hasPendingDatagrams(), false);
}

void TestSequenceRunner::refusesBeforeSending_data()
{
    QTest::addColumn<QStringList>("steps");
    QTest::addColumn<bool>("connect");
    QTest::addColumn<QString>("reason");
    QTest::newRow("payload missing") << QStringList{u"send-text hi"_s, u"send Nowhere"_s} << true
                                     << u"Step 2: send: there is no payload \u201cNowhere\u201d in the library"_s;
    QTest::newRow("loop forward") << QStringList{u"send-text hi"_s, u"loop to 3"_s, u"wait 1 ms"_s} << true
                                  << u"Step 2: it loops to step 3: a loop goes back to an earlier step"_s;
    QTest::newRow("control: valid") << QStringList{u"send-text hi"_s, u"loop to 1"_s, u"wait 1 ms"_s} << true
                                    << QString();
    QTest::newRow("not connected") << QStringList{u"send-text hi"_s} << false
                                   << u"Not connected: connect first, then run the sequence"_s;
}

void TestSequenceRunner::refusesBeforeSending()
{
    QFETCH(QStringList, steps);
    QFETCH(bool, connect);
    QFETCH(QString, reason);
    Peer peer;
    TcpClientSession client;
    if (connect)
        CONNECT_TO(u"echo"_s, &peer, &client);
    SequenceRunner runner(&client);
    Recorder rec;
    rec.attach(&runner);
    QString error;
    const bool started = runner.start(sequenceOf(steps), PayloadLibrary(), &error);
    if (reason.isEmpty()) {
        QVERIFY2(started, qPrintable(error));
        runner.stop();
        return;
    }
    QVERIFY(!started);
    QCOMPARE(error, reason);
    QVERIFY(!runner.isRunning());
    QTest::qWait(50);
    QVERIFY(rec.steps.isEmpty());
    QVERIFY(rec.summaries.isEmpty());
    QVERIFY(payloads(client, TrafficEvent::Direction::Out).isEmpty());
}

void TestSequenceRunner::sessionThatStopsEndsTheRun()
{
    Peer peer;
    TcpClientSession client;
    client.setKeepOpenOnPeerFin(false);
    CONNECT_TO(u"close"_s, &peer, &client);
    SequenceRunner runner(&client);
    Recorder rec;
    rec.attach(&runner);
    QString error;
    QVERIFY(runner.start(sequenceOf({u"send-text bye"_s, u"reply within 20000 ms contains NEVER"_s}), PayloadLibrary(),
                         &error));
    QTRY_COMPARE_WITH_TIMEOUT(rec.summaries.size(), 1, 15000);
    const SequenceRunner::Summary summary = rec.summaries.constFirst();
    QCOMPARE(summary.end, SequenceRunner::End::Failed);
    QVERIFY2(summary.reason.startsWith(u"The session stopped: Closed by peer"_s), qPrintable(summary.reason));
    QCOMPARE(summary.total.timeouts, 0);
}

void TestSequenceRunner::serverSendsToTheChosenClient()
{
    TcpServerSession server;
    server.setListenAddress(QHostAddress::LocalHost);
    QVERIFY(server.start());
    QTcpSocket first;
    QTcpSocket second;
    first.connectToHost(QHostAddress::LocalHost, server.port());
    QTRY_COMPARE_WITH_TIMEOUT(server.clientCount(), 1, 10000);
    second.connectToHost(QHostAddress::LocalHost, server.port());
    QTRY_COMPARE_WITH_TIMEOUT(server.clientCount(), 2, 10000);
    const QList<ConnectionInfo> clients = server.connections();
    quint32 secondId = 0;
    for (const ConnectionInfo &c : clients) {
        if (c.peer.port == second.localPort())
            secondId = c.id;
    }
    QVERIFY(secondId != 0);
    // The first client answers too, but only the chosen one's reply counts.
    QObject::connect(&first, &QTcpSocket::readyRead, &first, [&first] { first.readAll(); });
    QObject::connect(&second, &QTcpSocket::readyRead, &second, [&second] {
        if (second.readAll().contains("ask"))
            second.write("answer");
    });
    first.write("answer");
    QTRY_COMPARE_WITH_TIMEOUT(payloads(server, TrafficEvent::Direction::In).size(), 1, 10000);

    SequenceRunner runner(&server);
    runner.setClientId(secondId);
    Recorder rec;
    rec.attach(&runner);
    QString error;
    QVERIFY(runner.start(sequenceOf({u"send-text ask"_s, u"reply within 5000 ms contains answer"_s}), PayloadLibrary(),
                         &error));
    QTRY_COMPARE_WITH_TIMEOUT(rec.summaries.size(), 1, 10000);
    QCOMPARE(rec.summaries.constFirst().end, SequenceRunner::End::Passed);
    for (const TrafficEvent &e : eventsOf(server, TrafficEvent::Kind::Data)) {
        if (e.direction == TrafficEvent::Direction::Out)
            QCOMPARE(e.connectionId, secondId);
    }
}

QTEST_GUILESS_MAIN(TestSequenceRunner)
#include "tst_sequencerunner.moc"
