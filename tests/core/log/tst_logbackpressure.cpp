// The JSON Lines log (--log FILE) formats on its own thread; when it falls
// behind, the Workbench holds every session's reads instead of queuing
// without bound or dropping lines. A python3 peer floods the TCP server with
// random bytes (the slowest to format: hex and invalid text) through a
// writer with a small limit: reads are held and released, the writer's
// queue stays within the limit plus one read, and every byte the peer sent
// is in the file (SHA-256 of the log's hex = SHA-256 the peer computed).

#include "core/log/JsonLinesWriter.h"
#include "core/net/Session.h"
#include "core/net/TcpClientSession.h"
#include "core/net/TcpServerSession.h"
#include "core/net/UdpSession.h"
#include "core/workbench/Workbench.h"

#include <QCryptographicHash>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

const bool kUnderAsan = !qEnvironmentVariableIsEmpty("ASAN_OPTIONS");

// Connects, sends `total` random bytes in 64 KiB writes, closes, prints
// "<sha256 hex> <bytes>".
const char *kSender = R"(
import hashlib, os, socket, sys
port, total = int(sys.argv[1]), int(sys.argv[2])
s = socket.create_connection(("127.0.0.1", port), timeout=120)
h = hashlib.sha256()
sent = 0
while sent < total:
    chunk = os.urandom(min(65536, total - sent))
    s.sendall(chunk)
    h.update(chunk)
    sent += len(chunk)
s.shutdown(socket.SHUT_WR)
s.settimeout(120)
while s.recv(65536):
    pass
s.close()
print(h.hexdigest(), sent, flush=True)
)";

// A received data event of n random bytes, to queue straight into a writer.
TrafficEvent randomDataIn(qsizetype n, SessionKind session = SessionKind::TcpServer)
{
    QByteArray b(n, Qt::Uninitialized);
    for (char &c : b)
        c = char(QRandomGenerator::global()->bounded(256));
    TrafficEvent e;
    e.session = session;
    e.kind = TrafficEvent::Kind::Data;
    e.direction = TrafficEvent::Direction::In;
    e.payload = b;
    return e;
}

} // namespace

class TestLogBackpressure : public QObject
{
    Q_OBJECT
private slots:
    void tcpFloodIsHeldNotLost();
    void sessionsAddedWhileHeldStartHeld();
    void closingTheLogReleasesReads();
};

void TestLogBackpressure::tcpFloodIsHeldNotLost()
{
    const qint64 total = kUnderAsan ? (6 << 20) : (24 << 20);
    const qint64 limit = 1 << 20;
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(u"flood.jsonl"_s);
    Workbench bench;
    QString error;
    QVERIFY2(bench.openLog(path, &error), qPrintable(error));
    JsonLinesWriter *writer = bench.logWriter();
    writer->setBacklogLimit(limit);
    TcpServerSession *server = bench.addTcpServer();
    server->setListenAddress(QHostAddress::LocalHost);
    server->setPort(0);
    server->setKeepOpenOnPeerFin(false);  // the sender's close ends the connection, as it waits for ours
    QVERIFY(server->setEncoding(u"GBK"_s));
    QVERIFY(server->start());
    QList<bool> held;
    connect(&bench, &Workbench::logHeldChanged, this, [&](bool on) {
        held.append(on);
        QCOMPARE(server->readsHeld(), on);
    });
    bool closed = false;
    connect(server, &Session::eventOccurred, this, [&](const TrafficEvent &e) {
        if (e.kind == TrafficEvent::Kind::Closed)
            closed = true;
    });

    QProcess peer;
    peer.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    peer.start(u"/usr/bin/python3"_s, {u"-c"_s, QString::fromLatin1(kSender),
                                        QString::number(server->listenEndpoint().port), QString::number(total)});
    QVERIFY(peer.waitForStarted(10000));
    QTRY_VERIFY_WITH_TIMEOUT(peer.state() == QProcess::NotRunning, 180000);
    QCOMPARE(peer.exitCode(), 0);
    const QList<QByteArray> said = peer.readAllStandardOutput().trimmed().split(' ');
    QCOMPARE(said.size(), 2);
    QCOMPARE(said.at(1).toLongLong(), total);
    QTRY_VERIFY_WITH_TIMEOUT(closed, 60000);
    QTRY_VERIFY_WITH_TIMEOUT(!bench.logHeld(), 60000);
    writer->flush();

    // Held and released, at least once; the queue never ran away: past the
    // limit by one read (128 KiB) and its event at most.
    QVERIFY2(held.size() >= 2, qPrintable(u"held/released %1 times"_s.arg(held.size())));
    QCOMPARE(held.first(), true);
    QCOMPARE(held.last(), false);
    const qint64 peak = writer->peakQueuedBytes();
    QVERIFY2(peak <= limit + (128 << 10) + 4096, qPrintable(u"queue peaked at %1 B"_s.arg(peak)));
    QCOMPARE(server->counters().bytesIn, quint64(total));
    qInfo("FIGURE %lld B of random bytes through a %lld B log queue: reads held %lld times, queue peak %lld B",
          static_cast<long long>(total), static_cast<long long>(limit), static_cast<long long>(held.size() / 2),
          static_cast<long long>(peak));

    // Every byte is in the file, in order.
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCryptographicHash sha(QCryptographicHash::Sha256);
    qint64 inBytes = 0;
    qint64 lines = 0;
    while (!f.atEnd()) {
        const QByteArray line = f.readLine();
        ++lines;
        QJsonParseError parseError;
        const QJsonObject o = QJsonDocument::fromJson(line, &parseError).object();
        QVERIFY2(parseError.error == QJsonParseError::NoError, qPrintable(parseError.errorString()));
        if (o.value(u"event"_s).toString() != u"data" || o.value(u"direction"_s).toString() != u"in")
            continue;
        const QByteArray bytes = QByteArray::fromHex(o.value(u"hex"_s).toString().toLatin1());
        QCOMPARE(qint64(bytes.size()), qint64(o.value(u"size"_s).toInteger()));
        sha.addData(bytes);
        inBytes += bytes.size();
    }
    QCOMPARE(quint64(lines), writer->linesWritten());
    QCOMPARE(inBytes, total);
    QCOMPARE(sha.result().toHex(), said.at(0));
}

void TestLogBackpressure::sessionsAddedWhileHeldStartHeld()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    Workbench bench;
    QString error;
    QVERIFY2(bench.openLog(dir.filePath(u"held.jsonl"_s), &error), qPrintable(error));
    bench.logWriter()->setBacklogLimit(256 << 10);
    TcpServerSession *before = bench.addTcpServer();
    QVERIFY(!before->readsHeld());
    // Queued straight into the writer: 2 MiB of random bytes, 8x its limit.
    const TrafficEvent e = randomDataIn(512 << 10, SessionKind::Udp);
    for (int i = 0; i < 4; ++i)
        bench.logWriter()->write(e, u"UTF-8"_s);
    QVERIFY(bench.logHeld());
    QVERIFY(before->readsHeld());
    TcpClientSession *client = bench.addTcpClient();
    UdpSession *udp = bench.addUdp();
    QVERIFY(client->readsHeld());
    QVERIFY(udp->readsHeld());
    QTRY_VERIFY_WITH_TIMEOUT(!bench.logHeld(), 60000);
    QVERIFY(!before->readsHeld());
    QVERIFY(!client->readsHeld());
    QVERIFY(!udp->readsHeld());
}

void TestLogBackpressure::closingTheLogReleasesReads()
{
    // close() writes what is queued and lets go: nothing stays held.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    Workbench bench;
    QString error;
    QVERIFY2(bench.openLog(dir.filePath(u"close.jsonl"_s), &error), qPrintable(error));
    bench.logWriter()->setBacklogLimit(64 << 10);
    TcpServerSession *server = bench.addTcpServer();
    bench.logWriter()->write(randomDataIn(256 << 10), u"UTF-8"_s);
    QVERIFY(server->readsHeld());
    bench.logWriter()->close();
    QVERIFY(!bench.logHeld());
    QVERIFY(!server->readsHeld());
    QFile f(dir.filePath(u"close.jsonl"_s));
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll().count('\n'), 1);
}

QTEST_GUILESS_MAIN(TestLogBackpressure)
#include "tst_logbackpressure.moc"
