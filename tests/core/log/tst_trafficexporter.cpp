// TrafficExporter against the events of a real TCP server session on
// loopback: JSON Lines identical to what JsonLinesWriter wrote live, plain
// text, the raw bytes one connection received, and failures that leave no file.

#include "core/log/JsonLinesWriter.h"
#include "core/log/TrafficEvent.h"
#include "core/log/TrafficExporter.h"
#include "core/log/TrafficLog.h"
#include "core/net/TcpServerSession.h"
#include "core/text/TextCodec.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Qt::Literals::StringLiterals;

namespace {

QByteArray readAll(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return f.readAll();
}

qsizetype countKind(const TrafficLog &log, TrafficEvent::Kind kind, TrafficEvent::Direction d = TrafficEvent::Direction::None)
{
    qsizetype n = 0;
    for (qsizetype i = 0; i < log.size(); ++i) {
        const TrafficEvent &e = log.at(i);
        if (e.kind == kind && (d == TrafficEvent::Direction::None || e.direction == d))
            ++n;
    }
    return n;
}

// A server session with one connected client; the client's pieces arrive as
// separate reads (each is waited for), so characters split between pieces
// exercise the stream decoders.
struct Loopback
{
    std::unique_ptr<TcpServerSession> server = std::make_unique<TcpServerSession>();
    std::unique_ptr<QTcpSocket> client = std::make_unique<QTcpSocket>();

    bool start()
    {
        server->setPort(0);
        if (!server->start())
            return false;
        const Endpoint at = server->listenEndpoint();
        client->connectToHost(at.address, at.port);
        if (!client->waitForConnected(5000))
            return false;
        return QTest::qWaitFor([this] { return server->clientCount() == 1; }, 5000);
    }

    bool sendPieces(const QList<QByteArray> &pieces)
    {
        for (const QByteArray &piece : pieces) {
            const quint64 before = server->counters().bytesIn;
            client->write(piece);
            client->flush();
            if (!QTest::qWaitFor([&] { return server->counters().bytesIn >= before + quint64(piece.size()); }, 5000))
                return false;
        }
        return true;
    }

    bool closeClient()
    {
        client->disconnectFromHost();
        return QTest::qWaitFor([this] { return countKind(*server->log(), TrafficEvent::Kind::Closed) > 0; }, 5000);
    }
};

} // namespace

class TestTrafficExporter : public QObject
{
    Q_OBJECT
private slots:
    void jsonLinesEqualsLiveWriter_data();
    void jsonLinesEqualsLiveWriter();
    void plainTextOneLinePerEvent();
    void rawReceivedConcatenatesIncoming();
    void rawReceivedSaysWhenBudgetDroppedTheStart();
    void unwritablePathGivesErrorAndNoFile_data();
    void unwritablePathGivesErrorAndNoFile();
    void unknownEncodingIsAnError();
};

void TestTrafficExporter::jsonLinesEqualsLiveWriter_data()
{
    QTest::addColumn<QString>("encoding");
    QTest::addColumn<QList<QByteArray>>("pieces");
    QTest::addColumn<QByteArray>("reply");
    // 你好啊 in GBK, cut inside the first and the last character.
    QTest::newRow("GBK split") << u"GBK"_s
                               << QList<QByteArray>{QByteArray::fromHex("c4"), QByteArray::fromHex("e3bac3b0"),
                                                    QByteArray::fromHex("a1") + "\r\n"}
                               << QByteArray::fromHex("c4e3bac3");
    // 你好 in UTF-8 cut after one byte, an invalid byte, NUL and a quote.
    QTest::newRow("UTF-8 split, invalid, NUL") << u"UTF-8"_s
                                               << QList<QByteArray>{QByteArray::fromHex("e4"),
                                                                    QByteArray::fromHex("bda0e5a5bd"),
                                                                    QByteArray("a\0\"b\xff", 5)}
                                               << QByteArray("ok\n");
}

void TestTrafficExporter::jsonLinesEqualsLiveWriter()
{
    QFETCH(QString, encoding);
    QFETCH(QList<QByteArray>, pieces);
    QFETCH(QByteArray, reply);

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    Loopback net;
    QVERIFY(net.server->setEncoding(encoding));
    JsonLinesWriter writer;
    QVERIFY(writer.open(dir.filePath(u"live.jsonl"_s)));
    writer.attach(net.server.get());
    QVERIFY(net.start());
    QVERIFY(net.sendPieces(pieces));
    QVERIFY(net.server->send(reply).ok());
    QTRY_COMPARE(net.client->bytesAvailable() + 0, qint64(reply.size()));
    QVERIFY(net.closeClient());
    net.server->stop();
    writer.close();

    const QString exported = dir.filePath(u"exported.jsonl"_s);
    QString error;
    QVERIFY2(TrafficExporter::writeJsonLines(*net.server->log(), encoding, exported, &error), qPrintable(error));
    const QByteArray live = readAll(dir.filePath(u"live.jsonl"_s));
    const QByteArray ours = readAll(exported);
    QVERIFY(!live.isEmpty());
    QCOMPARE(ours, live);

    const QList<QByteArray> lines = ours.split('\n');
    QCOMPARE(lines.last(), QByteArray());   // ends with a newline
    QCOMPARE(lines.size() - 1, net.server->log()->size());
    for (qsizetype i = 0; i + 1 < lines.size(); ++i) {
        QJsonParseError parseError;
        const QJsonDocument doc = QJsonDocument::fromJson(lines.at(i), &parseError);
        QVERIFY2(parseError.error == QJsonParseError::NoError, lines.at(i).constData());
        QVERIFY(doc.isObject());
        QCOMPARE(doc.object().value(u"event"_s).toString(), TrafficEvent::kindName(net.server->log()->at(i).kind));
    }
    // The split characters came out whole in the event that completed them.
    if (encoding == u"GBK"_s) {
        QVERIFY(ours.contains("\"text\":" + JsonLinesWriter::jsonString(u"你好"_s)));
        QVERIFY(ours.contains("\"text\":" + JsonLinesWriter::jsonString(u"啊\r\n"_s)));
    }
}

void TestTrafficExporter::plainTextOneLinePerEvent()
{
    QTemporaryDir dir;
    Loopback net;
    QVERIFY(net.server->setEncoding(u"GBK"_s));
    QVERIFY(net.start());
    QVERIFY(net.sendPieces({QByteArray::fromHex("c4e3bac3b0a1") + "\r\n\t\x01"}));
    QVERIFY(net.server->send("pong").ok());
    const QString peer = Endpoint{net.client->localAddress(), net.client->localPort()}.toString();
    QVERIFY(net.closeClient());

    const QString path = dir.filePath(u"traffic.txt"_s);
    QString error;
    QVERIFY2(TrafficExporter::writePlainText(*net.server->log(), u"gbk"_s, path, &error), qPrintable(error));
    const QString text = QString::fromUtf8(readAll(path));
    QStringList lines = text.split(u'\n');
    QCOMPARE(lines.takeLast(), QString());
    const TrafficLog &log = *net.server->log();
    QCOMPARE(lines.size(), log.size());

    const Endpoint local = net.server->listenEndpoint();
    for (qsizetype i = 0; i < log.size(); ++i) {
        const TrafficEvent &e = log.at(i);
        QVERIFY2(lines.at(i).startsWith(TrafficEvent::timeString(e.timeUs) + u"  tcp-server  "_s + TrafficEvent::kindName(e.kind)),
                 qPrintable(lines.at(i)));
    }
    QCOMPARE(log.at(1).kind, TrafficEvent::Kind::Connected);
    const QString in = lines.at(2);
    QCOMPARE(in, TrafficEvent::timeString(log.at(2).timeUs)
                     + u"  tcp-server  data ←  local %1  peer %2  10 bytes  你好啊\\r\\n\\t\\x01"_s.arg(local.toString(), peer));
    QVERIFY2(lines.at(3).endsWith(u"data →  local %1  peer %2  4 bytes  pong"_s.arg(local.toString(), peer)),
             qPrintable(lines.at(3)));
    // Events without a payload carry their message.
    const TrafficEvent &closed = log.at(log.size() - 1);
    QCOMPARE(closed.kind, TrafficEvent::Kind::Closed);
    QVERIFY(!closed.message.isEmpty());
    QVERIFY(lines.last().endsWith(TrafficExporter::escapeControls(closed.message)));
    QVERIFY(!lines.last().contains(u"bytes"_s));
}

void TestTrafficExporter::rawReceivedConcatenatesIncoming()
{
    QTemporaryDir dir;
    Loopback net;
    QVERIFY(net.start());
    const QByteArray a("first\0", 6);
    const QByteArray b = QByteArray::fromHex("00ff10c4e3");
    QVERIFY(net.sendPieces({a, b}));
    QVERIFY(net.server->send("not included").ok());
    QVERIFY(net.sendPieces({"last"}));

    const TrafficEvent &first = net.server->log()->at(1);
    QCOMPARE(first.kind, TrafficEvent::Kind::Connected);
    const QString path = dir.filePath(u"received.bin"_s);
    QString error;
    quint64 written = 0;
    bool incomplete = true;
    QVERIFY2(TrafficExporter::writeRawReceived(*net.server->log(), first.sessionId, first.connectionId, path,
                                               &error, &written, &incomplete),
             qPrintable(error));
    QCOMPARE(readAll(path), a + b + "last");
    QCOMPARE(written, quint64(a.size() + b.size() + 4));
    QVERIFY(!incomplete);

    // Another connection id of the same session has nothing.
    QVERIFY(TrafficExporter::writeRawReceived(*net.server->log(), first.sessionId, first.connectionId + 100, path,
                                              &error, &written, &incomplete));
    QCOMPARE(readAll(path), QByteArray());
    QCOMPARE(written, quint64(0));
}

void TestTrafficExporter::rawReceivedSaysWhenBudgetDroppedTheStart()
{
    QTemporaryDir dir;
    Loopback net;
    net.server->log()->setByteBudget(4096);
    QVERIFY(net.start());
    QByteArray sent;
    QList<QByteArray> pieces;
    for (int i = 0; i < 12; ++i) {
        pieces << QByteArray(1000, char('a' + i));
        sent += pieces.last();
    }
    QVERIFY(net.sendPieces(pieces));
    const TrafficLog &log = *net.server->log();
    QVERIFY(log.droppedEvents() > 0);

    const TrafficEvent &last = log.at(log.size() - 1);
    const QString path = dir.filePath(u"received.bin"_s);
    quint64 written = 0;
    bool incomplete = false;
    QString error;
    QVERIFY2(TrafficExporter::writeRawReceived(log, last.sessionId, last.connectionId, path, &error, &written,
                                               &incomplete),
             qPrintable(error));
    QVERIFY(incomplete);
    const QByteArray got = readAll(path);
    QCOMPARE(quint64(got.size()), written);
    QVERIFY(written > 0 && written < quint64(sent.size()));
    QVERIFY(sent.endsWith(got));
}

void TestTrafficExporter::unwritablePathGivesErrorAndNoFile_data()
{
    QTest::addColumn<int>("format");
    QTest::newRow("json lines") << 0;
    QTest::newRow("plain text") << 1;
    QTest::newRow("raw received") << 2;
}

void TestTrafficExporter::unwritablePathGivesErrorAndNoFile()
{
    QFETCH(int, format);
    QTemporaryDir dir;
    // A file where a directory should be: no permission trick, so it also
    // fails for root.
    const QString blocker = dir.filePath(u"not-a-dir"_s);
    {
        QFile f(blocker);
        QVERIFY(f.open(QIODevice::WriteOnly));
    }
    const QString path = blocker + u"/out.file"_s;

    Loopback net;
    QVERIFY(net.start());
    QVERIFY(net.sendPieces({"hello"}));
    const TrafficLog &log = *net.server->log();
    QString error;
    bool ok = true;
    switch (format) {
    case 0: ok = TrafficExporter::writeJsonLines(log, u"UTF-8"_s, path, &error); break;
    case 1: ok = TrafficExporter::writePlainText(log, u"UTF-8"_s, path, &error); break;
    default: ok = TrafficExporter::writeRawReceived(log, log.at(1).sessionId, log.at(1).connectionId, path, &error);
    }
    QVERIFY(!ok);
    QVERIFY(error.contains(path));
    QVERIFY(!QFile::exists(path));
    QCOMPARE(QDir(dir.path()).entryList(QDir::NoDotAndDotDot | QDir::AllEntries), QStringList{u"not-a-dir"_s});
}

void TestTrafficExporter::unknownEncodingIsAnError()
{
    QTemporaryDir dir;
    TrafficLog log;
    const QString path = dir.filePath(u"x.jsonl"_s);
    QString error;
    QVERIFY(!TrafficExporter::writeJsonLines(log, u"no-such-encoding"_s, path, &error));
    QVERIFY(error.contains(u"no-such-encoding"_s));
    QVERIFY(!QFile::exists(path));
}

QTEST_GUILESS_MAIN(TestTrafficExporter)
#include "tst_trafficexporter.moc"
