// CaptureWriter against real sessions on loopback: the files hold exactly the
// bytes that crossed the sockets, whatever the log's memory budget dropped.

#include "core/log/CaptureWriter.h"
#include "core/log/TrafficEvent.h"
#include "core/log/TrafficLog.h"
#include "core/net/TcpClientSession.h"
#include "core/net/TcpServerSession.h"
#include "core/net/UdpSession.h"
#include "support/SessionEvents.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QUdpSocket>

#include <memory>
#include <vector>

#include <csignal>
#include <sys/resource.h>

using namespace Qt::Literals::StringLiterals;

namespace {
QByteArray randomBytes(qsizetype n, quint32 seed)
{
    QByteArray out(n, Qt::Uninitialized);
    QRandomGenerator gen(seed);
    qsizetype i = 0;
    for (; i + 4 <= n; i += 4) {
        const quint32 v = gen.generate();
        memcpy(out.data() + i, &v, 4);
    }
    for (; i < n; ++i)
        out[i] = char(gen.generate());
    return out;
}

QByteArray fileBytes(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return QByteArray("<missing: ") + path.toUtf8() + '>';
    return f.readAll();
}

// What the capture names a peer's files after: our connection number and the
// address, IPv6 colons as '-'.
QString baseName(const QString &prefix, quint32 id, const QHostAddress &address, quint16 port)
{
    QString a = address.toString();
    a.replace(u':', u'-');
    return u"%1-%2-%3_%4"_s.arg(prefix).arg(id).arg(a).arg(port);
}

QList<QJsonObject> captureEvents(const QString &folder, QString *problem)
{
    QList<QJsonObject> out;
    QFile f(folder + u"/events.jsonl"_s);
    if (!f.open(QIODevice::ReadOnly)) {
        *problem = u"no events.jsonl"_s;
        return out;
    }
    const QByteArray all = f.readAll();
    if (!all.isEmpty() && !all.endsWith('\n'))
        *problem = u"events.jsonl ends in a partial line"_s;
    for (const QByteArray &line : all.split('\n')) {
        if (line.isEmpty())
            continue;
        QJsonParseError err;
        const QJsonDocument doc = QJsonDocument::fromJson(line, &err);
        if (!doc.isObject()) {
            *problem = u"bad line: "_s + QString::fromUtf8(line) + u" ("_s + err.errorString() + u')';
            return out;
        }
        out.append(doc.object());
    }
    return out;
}

QList<QJsonObject> dataEvents(const QList<QJsonObject> &events, const QString &direction, const QString &file)
{
    QList<QJsonObject> out;
    for (const QJsonObject &e : events) {
        if (e.value(u"event"_s).toString() == u"data"_s && e.value(u"direction"_s).toString() == direction
            && e.value(u"file"_s).toString() == file)
            out.append(e);
    }
    return out;
}

// The data events of one file describe it exactly: back to back from offset 0.
bool eventsTileFile(const QList<QJsonObject> &events, qint64 fileSize, QString *why)
{
    qint64 next = 0;
    for (const QJsonObject &e : events) {
        if (e.contains(u"hex"_s) || e.contains(u"text"_s)) {
            *why = u"payload copied into events.jsonl"_s;
            return false;
        }
        if (e.value(u"offset"_s).toInteger(-1) != next) {
            *why = u"offset %1, expected %2"_s.arg(e.value(u"offset"_s).toInteger(-1)).arg(next);
            return false;
        }
        next += e.value(u"size"_s).toInteger();
    }
    if (next != fileSize) {
        *why = u"events cover %1 bytes, the file has %2"_s.arg(next).arg(fileSize);
        return false;
    }
    return true;
}

// Sets RLIMIT_FSIZE for the test's duration: writes past it fail with EFBIG,
// as a full disk fails with ENOSPC.
class FileSizeLimit
{
public:
    explicit FileSizeLimit(rlim_t bytes)
    {
        std::signal(SIGXFSZ, SIG_IGN);
        getrlimit(RLIMIT_FSIZE, &m_old);
        rlimit l = m_old;
        l.rlim_cur = bytes;
        m_ok = setrlimit(RLIMIT_FSIZE, &l) == 0;
    }
    ~FileSizeLimit() { setrlimit(RLIMIT_FSIZE, &m_old); }
    bool ok() const { return m_ok; }

private:
    rlimit m_old{};
    bool m_ok = false;
};

struct Server
{
    std::unique_ptr<TcpServerSession> session = std::make_unique<TcpServerSession>();
    bool start(const QHostAddress &address = QHostAddress(QHostAddress::LocalHost))
    {
        session->setListenAddress(address);
        session->setPort(0);
        session->setKeepOpenOnPeerFin(false);  // the clients end their files with a FIN
        return session->start();
    }
    Endpoint endpoint() const { return session->listenEndpoint(); }
};

// The TCP server's files of the client connected from `client` (read
// while connected: a closed socket forgets its address).
QString serverFile(const CaptureWriter &capture, quint32 id, const Endpoint &client, const QString &suffix)
{
    return capture.folder() + u'/' + baseName(u"conn"_s, id, client.address, client.port) + suffix;
}

Endpoint localOf(const QTcpSocket &socket)
{
    return Endpoint{socket.localAddress(), socket.localPort()};
}
} // namespace

class TestCaptureWriter : public QObject
{
    Q_OBJECT
private slots:
    void tcpServerCapturesEveryByte_data();
    void tcpServerCapturesEveryByte();
    void tcpClientCapturesBothWaysAndEachConnection();
    void udpKeepsDatagramBoundaries();
    void tinyLogBudgetLosesNothing();
    void connectionCloseClosesItsFiles();
    void manyConnectionsStayWithinTheOpenFileLimit();
    void badDirectoryIsAnError_data();
    void badDirectoryIsAnError();
    void writeErrorStopsTheCapture();
    void folderRemovedWhileCapturingStopsTheCapture();
    void secondCaptureGetsItsOwnFolder();
    void stopFlushesAndStopsListening();
};

void TestCaptureWriter::tcpServerCapturesEveryByte_data()
{
    QTest::addColumn<QString>("address");
    QTest::addColumn<int>("size");
    QTest::addColumn<bool>("echo");
    QTest::newRow("1 byte") << u"127.0.0.1"_s << 1 << false;
    QTest::newRow("64 KiB, echo") << u"127.0.0.1"_s << 64 * 1024 << true;
    QTest::newRow("4 MiB + 3") << u"127.0.0.1"_s << 4 * 1024 * 1024 + 3 << false;
    QTest::newRow("1 MiB, echo, ipv6") << u"::1"_s << 1024 * 1024 << true;
}

void TestCaptureWriter::tcpServerCapturesEveryByte()
{
    QFETCH(QString, address);
    QFETCH(int, size);
    QFETCH(bool, echo);

    Server server;
    const QByteArray greeting("Welcome!\r\n");
    server.session->setGreeting(greeting);
    if (echo)
        server.session->setAutoReply(AutoReply::fromSpec(u"echo"_s, u"UTF-8"_s));
    if (!server.start(QHostAddress(address)))
        QSKIP("cannot listen on this address here");
    QTemporaryDir dir;
    CaptureWriter capture(server.session.get());
    QString error;
    QVERIFY2(capture.start(dir.path(), &error), qPrintable(error));
    QCOMPARE(capture.folder(), QDir(dir.path()).absoluteFilePath(u"tcp-server-%1"_s.arg(server.session->id())));

    const QByteArray sent = randomBytes(size, quint32(size));
    QTcpSocket client;
    client.connectToHost(server.endpoint().address, server.endpoint().port);
    QVERIFY(client.waitForConnected(5000));
    const Endpoint me = localOf(client);
    client.write(sent);
    const qsizetype expectBack = greeting.size() + (echo ? sent.size() : 0);
    QByteArray back;
    QTRY_VERIFY_WITH_TIMEOUT((back += client.readAll()).size() >= expectBack, 30000);
    QTRY_COMPARE_WITH_TIMEOUT(server.session->counters().bytesIn, quint64(sent.size()), 30000);
    client.disconnectFromHost();
    QTRY_COMPARE(eventsOf(*server.session, TrafficEvent::Kind::Closed).size(), 1);

    const QString in = serverFile(capture, 1, me, u".in.bin"_s);
    const QString out = serverFile(capture, 1, me, u".out.bin"_s);
    QVERIFY(fileBytes(in) == sent);
    QCOMPARE(fileBytes(out), back);
    QCOMPARE(capture.stats().filesOpen, 0);
    QCOMPARE(capture.stats().filesCreated, 2u);
    QCOMPARE(capture.stats().bytesWritten, quint64(sent.size() + back.size()));

    capture.stop();
    QString problem;
    const QList<QJsonObject> events = captureEvents(capture.folder(), &problem);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    QStringList kinds;
    for (const QJsonObject &e : events) {
        if (kinds.isEmpty() || kinds.constLast() != e.value(u"event"_s).toString())
            kinds << e.value(u"event"_s).toString();
    }
    QCOMPARE(kinds.constFirst(), u"connected"_s);
    QCOMPARE(kinds.constLast(), u"closed"_s);
    QString why;
    const QString inName = QFileInfo(in).fileName();
    const QString outName = QFileInfo(out).fileName();
    QVERIFY2(eventsTileFile(dataEvents(events, u"in"_s, inName), sent.size(), &why), qPrintable(why));
    QVERIFY2(eventsTileFile(dataEvents(events, u"out"_s, outName), back.size(), &why), qPrintable(why));
    const QJsonObject first = dataEvents(events, u"in"_s, inName).constFirst();
    QCOMPARE(first.value(u"session"_s).toString(), u"tcp-server"_s);
    QCOMPARE(first.value(u"peer"_s).toString(), me.toString());
    QCOMPARE(first.value(u"local"_s).toString(), server.endpoint().toString());
    QCOMPARE(first.value(u"time"_s).toString().size(), 27);
}

void TestCaptureWriter::tcpClientCapturesBothWaysAndEachConnection()
{
    QTcpServer peer;
    QVERIFY(peer.listen(QHostAddress::LocalHost, 0));
    TcpClientSession client;
    client.setHost(u"127.0.0.1"_s);
    client.setPort(peer.serverPort());
    QTemporaryDir dir;
    CaptureWriter capture(&client);
    QVERIFY(capture.start(dir.path()));

    QStringList names;
    for (int round = 0; round < 2; ++round) {
        QVERIFY(client.start());
        QTRY_VERIFY(peer.hasPendingConnections());
        std::unique_ptr<QTcpSocket> server(peer.nextPendingConnection());
        QTRY_VERIFY(client.isConnected());
        const QByteArray down = randomBytes(300000 + round, quint32(7 + round));
        const QByteArray up = randomBytes(5000 + round, quint32(70 + round));
        const quint64 before = client.counters().bytesIn;
        server->write(down);
        QVERIFY(client.send(up).ok());
        QTRY_COMPARE(client.counters().bytesIn, before + quint64(down.size()));
        QByteArray got;
        QTRY_VERIFY((got += server->readAll()).size() >= up.size());
        client.stop();
        QTRY_VERIFY(!client.isConnected());

        // Every connection of a client is #1: the second one's files get a suffix, not an append.
        const QString base = baseName(u"conn"_s, 1, peer.serverAddress(), peer.serverPort())
            + (round ? u".2"_s : QString());
        names << base;
        QVERIFY(fileBytes(capture.folder() + u'/' + base + u".in.bin"_s) == down);
        QVERIFY(fileBytes(capture.folder() + u'/' + base + u".out.bin"_s) == up);
        QCOMPARE(capture.stats().filesOpen, 0);
    }
    QCOMPARE(capture.stats().filesCreated, 4u);
    QVERIFY(QFileInfo(capture.folder()).fileName().startsWith(u"tcp-client-"_s));
}

void TestCaptureWriter::udpKeepsDatagramBoundaries()
{
    UdpSession udp;
    udp.setBindAddress(QHostAddress::LocalHost);
    QVERIFY(udp.start());
    QTemporaryDir dir;
    CaptureWriter capture(&udp);
    QVERIFY(capture.start(dir.path()));

    QUdpSocket a;
    QUdpSocket b;
    QVERIFY(a.bind(QHostAddress::LocalHost, 0));
    QVERIFY(b.bind(QHostAddress::LocalHost, 0));
    QRandomGenerator gen(42);
    QList<QByteArray> fromA;
    QList<QByteArray> fromB;
    for (int i = 0; i < 60; ++i) {
        const QByteArray d = randomBytes(gen.bounded(1, 1400), quint32(i));
        QUdpSocket &s = i % 3 == 0 ? b : a;
        (i % 3 == 0 ? fromB : fromA).append(d);
        QCOMPARE(s.writeDatagram(d, udp.localEndpoint().address, udp.localEndpoint().port), qint64(d.size()));
        // Not faster than a test machine's socket buffer can take.
        if (i % 10 == 9)
            QTRY_COMPARE(udp.counters().messagesIn, quint64(i + 1));
    }
    QTRY_COMPARE(udp.counters().messagesIn, 60u);
    // A reply goes to the peer's .out.bin.
    QVERIFY(udp.sendTo(a.localAddress(), a.localPort(), QByteArray("pong")).ok());
    capture.stop();

    // Peers are numbered in order of their first datagram: b sent first.
    const QString fileA = baseName(u"peer"_s, 2, a.localAddress(), a.localPort()) + u".in.bin"_s;
    const QString fileB = baseName(u"peer"_s, 1, b.localAddress(), b.localPort()) + u".in.bin"_s;
    QCOMPARE(fileBytes(capture.folder() + u'/' + fileA), fromA.join());
    QCOMPARE(fileBytes(capture.folder() + u'/' + fileB), fromB.join());
    QCOMPARE(fileBytes(capture.folder() + u'/' + baseName(u"peer"_s, 2, a.localAddress(), a.localPort()) + u".out.bin"_s),
             QByteArray("pong"));

    QString problem;
    const QList<QJsonObject> events = captureEvents(capture.folder(), &problem);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    // Each datagram's length is recorded, so the file can be cut back into datagrams.
    const QList<QJsonObject> ofA = dataEvents(events, u"in"_s, fileA);
    QCOMPARE(ofA.size(), fromA.size());
    for (qsizetype i = 0; i < ofA.size(); ++i)
        QCOMPARE(ofA[i].value(u"size"_s).toInteger(), fromA[i].size());
    QString why;
    QVERIFY2(eventsTileFile(ofA, fromA.join().size(), &why), qPrintable(why));
    QVERIFY2(eventsTileFile(dataEvents(events, u"in"_s, fileB), fromB.join().size(), &why), qPrintable(why));
    QCOMPARE(events.constFirst().value(u"session"_s).toString(), u"udp"_s);
}

void TestCaptureWriter::tinyLogBudgetLosesNothing()
{
    Server server;
    server.session->log()->setByteBudget(4096);
    QVERIFY(server.start());
    QTemporaryDir dir;
    CaptureWriter capture(server.session.get());
    QVERIFY(capture.start(dir.path()));

    const QByteArray sent = randomBytes(8 * 1024 * 1024, 99);
    QTcpSocket client;
    client.connectToHost(server.endpoint().address, server.endpoint().port);
    QVERIFY(client.waitForConnected(5000));
    const Endpoint me = localOf(client);
    // Many writes, so many reads: most events must leave the 4 KiB log.
    for (qsizetype off = 0; off < sent.size(); off += 64 * 1024) {
        client.write(sent.mid(off, 64 * 1024));
        QTest::qWait(0);
    }
    QTRY_COMPARE_WITH_TIMEOUT(server.session->counters().bytesIn, quint64(sent.size()), 30000);
    client.disconnectFromHost();
    QTRY_COMPARE(capture.stats().filesOpen, 0);
    QVERIFY(server.session->log()->droppedEvents() > 0);
    QVERIFY(fileBytes(serverFile(capture, 1, me, u".in.bin"_s)) == sent);
}

void TestCaptureWriter::connectionCloseClosesItsFiles()
{
    Server server;
    QVERIFY(server.start());
    QTemporaryDir dir;
    CaptureWriter capture(server.session.get());
    QVERIFY(capture.start(dir.path()));

    QTcpSocket one;
    QTcpSocket two;
    for (QTcpSocket *c : {&one, &two}) {
        c->connectToHost(server.endpoint().address, server.endpoint().port);
        QVERIFY(c->waitForConnected(5000));
        c->write("hello");
    }
    const Endpoint first = localOf(one);
    const Endpoint second = localOf(two);
    QTRY_COMPARE(server.session->counters().bytesIn, 10u);
    QCOMPARE(capture.stats().filesOpen, 2);
    one.disconnectFromHost();
    QTRY_COMPARE(capture.stats().filesOpen, 1);
    // Closed means complete on disk, without waiting for a flush.
    QCOMPARE(fileBytes(serverFile(capture, 1, first, u".in.bin"_s)), QByteArray("hello"));
    two.abort();   // RST: closed all the same
    QTRY_COMPARE(capture.stats().filesOpen, 0);
    QCOMPARE(fileBytes(serverFile(capture, 2, second, u".in.bin"_s)), QByteArray("hello"));
    QVERIFY(capture.isCapturing());
}

void TestCaptureWriter::manyConnectionsStayWithinTheOpenFileLimit()
{
    Server server;
    server.session->setMaxClients(0);
    // Connected one after another without the event loop: the kernel must queue them all.
    server.session->setBacklog(1024);
    QVERIFY(server.start());
    QTemporaryDir dir;
    CaptureWriter capture(server.session.get());
    QVERIFY(capture.start(dir.path()));

    constexpr int kClients = CaptureWriter::kMaxOpenFiles * 2 + 5;
    std::vector<std::unique_ptr<QTcpSocket>> clients;
    std::vector<Endpoint> endpoints;
    for (int i = 0; i < kClients; ++i) {
        auto c = std::make_unique<QTcpSocket>();
        c->connectToHost(server.endpoint().address, server.endpoint().port);
        QVERIFY(c->waitForConnected(5000));
        endpoints.push_back(localOf(*c));
        clients.push_back(std::move(c));
    }
    QTRY_COMPARE(server.session->clientCount(), kClients);
    // Two rounds: files closed to stay within the limit are reopened for appending.
    quint64 total = 0;
    for (int round = 0; round < 2; ++round) {
        for (int i = 0; i < kClients; ++i) {
            const QByteArray part = u"client %1 round %2;"_s.arg(i).arg(round).toUtf8();
            clients[size_t(i)]->write(part);
            total += quint64(part.size());
        }
        QTRY_COMPARE(server.session->counters().bytesIn, total);
        QVERIFY(capture.stats().filesOpen <= CaptureWriter::kMaxOpenFiles);
    }
    for (auto &c : clients)
        c->disconnectFromHost();
    QTRY_COMPARE(server.session->clientCount(), 0);
    QCOMPARE(capture.stats().filesOpen, 0);
    QCOMPARE(capture.stats().filesCreated, quint64(kClients));
    for (int i = 0; i < kClients; ++i) {
        const QByteArray expected = u"client %1 round 0;client %1 round 1;"_s.arg(i).toUtf8();
        QCOMPARE(fileBytes(serverFile(capture, quint32(i + 1), endpoints[size_t(i)], u".in.bin"_s)), expected);
    }
}

void TestCaptureWriter::badDirectoryIsAnError_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("errorContains");
    QTest::newRow("a file") << u"file"_s << u"is a file, not a folder"_s;
    QTest::newRow("under a file") << u"under-file"_s << u"cannot create the folder"_s;
    QTest::newRow("not writable (/proc)") << u"proc"_s << u"cannot create files in the folder"_s;
    QTest::newRow("cannot be created (/proc/x)") << u"proc-sub"_s << u"cannot create the folder"_s;
    QTest::newRow("empty") << u"empty"_s << u"empty"_s;
}

void TestCaptureWriter::badDirectoryIsAnError()
{
    QFETCH(QString, kind);
    QFETCH(QString, errorContains);
    QTemporaryDir tmp;
    const QString file = tmp.filePath(u"plain-file"_s);
    {
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("x");
    }
    const QString dir = kind == u"file"_s ? file
        : kind == u"under-file"_s          ? file + u"/sub"_s
        : kind == u"proc"_s                ? u"/proc"_s
        : kind == u"proc-sub"_s            ? u"/proc/socket-workbench-capture"_s
                                           : QString();

    Server server;
    QVERIFY(server.start());
    CaptureWriter capture(server.session.get());
    QSignalSpy started(&capture, &CaptureWriter::started);
    QString error;
    QVERIFY(!capture.start(dir, &error));
    QVERIFY2(error.contains(errorContains), qPrintable(error));
    QVERIFY(!error.contains(u'\n'));
    QVERIFY(!capture.isCapturing());
    QCOMPARE(started.size(), 0);
    QString again;
    QVERIFY(!CaptureWriter::checkDirectory(dir, &again));
    QCOMPARE(again.isEmpty(), false);

    // The session works on, uncaptured.
    QTcpSocket client;
    client.connectToHost(server.endpoint().address, server.endpoint().port);
    QVERIFY(client.waitForConnected(5000));
    client.write("still here");
    QTRY_COMPARE(server.session->counters().bytesIn, 10u);
    QCOMPARE(capture.stats().bytesWritten, 0u);
}

void TestCaptureWriter::writeErrorStopsTheCapture()
{
    QTemporaryDir dir;
    Server server;
    QVERIFY(server.start());
    CaptureWriter capture(server.session.get());
    QVERIFY(capture.start(dir.path()));
    QSignalSpy failed(&capture, &CaptureWriter::failed);
    QSignalSpy stopped(&capture, &CaptureWriter::stopped);

    const QByteArray sent = randomBytes(4 * 1024 * 1024, 5);
    {
        const FileSizeLimit limit(1024 * 1024);
        if (!limit.ok())
            QSKIP("cannot lower RLIMIT_FSIZE here");
        QTcpSocket client;
        client.connectToHost(server.endpoint().address, server.endpoint().port);
        QVERIFY(client.waitForConnected(5000));
        client.write(sent);
        QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, 30000);
        // The session carries on: the rest still arrives and is logged.
        QTRY_COMPARE_WITH_TIMEOUT(server.session->counters().bytesIn, quint64(sent.size()), 30000);
        client.disconnectFromHost();
        QTRY_COMPARE(server.session->clientCount(), 0);
    }
    const QString message = failed.constFirst().constFirst().toString();
    QVERIFY2(message.contains(u".in.bin"_s), qPrintable(message));
    QVERIFY2(message.contains(u"cannot write"_s), qPrintable(message));
    // The OS's reason (EFBIG here, ENOSPC on a full disk), even when the write stopped part-way.
    QVERIFY2(!message.contains(u"Unknown error"_s), qPrintable(message));
    QCOMPARE(capture.errorString(), message);
    QCOMPARE(stopped.size(), 1);
    QVERIFY(!capture.isCapturing());
    QCOMPARE(capture.stats().filesOpen, 0);
    // What was written before the error is a prefix of what was sent.
    const QByteArray got = fileBytes(QDir(capture.folder()).entryInfoList({u"*.in.bin"_s}).constFirst().filePath());
    QVERIFY(got.size() <= 1024 * 1024);
    QVERIFY(sent.startsWith(got));
    capture.stop();   // harmless after a failure
    QCOMPARE(stopped.size(), 1);
}

void TestCaptureWriter::folderRemovedWhileCapturingStopsTheCapture()
{
    QTemporaryDir dir;
    Server server;
    QVERIFY(server.start());
    CaptureWriter capture(server.session.get());
    QVERIFY(capture.start(dir.path()));
    QSignalSpy failed(&capture, &CaptureWriter::failed);
    QVERIFY(QDir(capture.folder()).removeRecursively());

    QTcpSocket client;
    client.connectToHost(server.endpoint().address, server.endpoint().port);
    QVERIFY(client.waitForConnected(5000));
    client.write("data");
    QTRY_COMPARE(failed.size(), 1);
    QVERIFY2(failed.constFirst().constFirst().toString().contains(u"cannot open"_s),
             qPrintable(failed.constFirst().constFirst().toString()));
    QVERIFY(!capture.isCapturing());
    QTRY_COMPARE(server.session->counters().bytesIn, 4u);
}

void TestCaptureWriter::secondCaptureGetsItsOwnFolder()
{
    QTemporaryDir dir;
    Server server;
    QVERIFY(server.start());
    CaptureWriter capture(server.session.get());
    QVERIFY(capture.start(dir.path()));
    const QString first = capture.folder();
    capture.stop();
    QVERIFY(capture.start(dir.path()));
    QCOMPARE(capture.folder(), first + u".2"_s);
    // A missing DIR is made, with its parents.
    QVERIFY(capture.start(dir.filePath(u"a/b/c"_s)));
    QVERIFY(QFileInfo(capture.folder()).isDir());
    QVERIFY(capture.folder().startsWith(QDir(dir.filePath(u"a/b/c"_s)).absolutePath()));
    // Nothing of the probe that checks the folder is left behind.
    QCOMPARE(QDir(dir.filePath(u"a/b/c"_s)).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot).size(), 1);
}

void TestCaptureWriter::stopFlushesAndStopsListening()
{
    QTemporaryDir dir;
    Server server;
    QVERIFY(server.start());
    CaptureWriter capture(server.session.get());
    QSignalSpy started(&capture, &CaptureWriter::started);
    QVERIFY(capture.start(dir.path()));
    QCOMPARE(started.size(), 1);

    QTcpSocket client;
    client.connectToHost(server.endpoint().address, server.endpoint().port);
    QVERIFY(client.waitForConnected(5000));
    client.write("abc");
    QTRY_COMPARE(server.session->counters().bytesIn, 3u);
    // Within the flush interval the bytes reach the file while the connection is open.
    const QString in = serverFile(capture, 1, localOf(client), u".in.bin"_s);
    QTRY_COMPARE(fileBytes(in), QByteArray("abc"));
    capture.stop();
    QVERIFY(!capture.isCapturing());
    QVERIFY(capture.errorString().isEmpty());
    client.write("def");
    QTRY_COMPARE(server.session->counters().bytesIn, 6u);
    QCOMPARE(fileBytes(in), QByteArray("abc"));
    QString problem;
    const QList<QJsonObject> events = captureEvents(capture.folder(), &problem);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    QCOMPARE(events.size(), 2);   // connected, data
}

QTEST_GUILESS_MAIN(TestCaptureWriter)
#include "tst_capturewriter.moc"
