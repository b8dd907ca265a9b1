// The server's half-close as TCP has it (CLOSE_WAIT), against real peers on
// loopback: python3 clients that shutdown(SHUT_WR) and read on, nc -N and
// curl against auto-replies, and a flood of half-closing clients.

#include "core/log/TrafficEvent.h"
#include "core/log/TrafficLog.h"
#include "core/net/TcpServerSession.h"
#include "core/os/DescriptorCloser.h"
#include "core/os/ProcessSetup.h"
#include "support/SessionEvents.h"

#include <QCryptographicHash>
#include <QDir>
#include <QProcess>
#include <QStandardPaths>
#include <QTcpSocket>
#include <QTest>

#include <memory>
#include <vector>

#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

namespace {
// Connects, sends "req", finishes sending (FIN), reads to the end and says
// how it ended: "EOF <bytes> <sha256>" or "RST <bytes>".
const char *const kHalfClosingClient = R"(
import hashlib, socket, sys
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])))
s.sendall(b"req")
s.shutdown(socket.SHUT_WR)
data = b""
try:
    while True:
        chunk = s.recv(65536)
        if not chunk:
            print("EOF", len(data), hashlib.sha256(data).hexdigest())
            break
        data += chunk
except ConnectionResetError:
    print("RST", len(data))
)";

QList<TrafficEvent> halfCloses(const Session &s)
{
    QList<TrafficEvent> out;
    for (const TrafficEvent &e : eventsOf(s, TrafficEvent::Kind::Closed))
        if (e.reason == TrafficEvent::Reason::PeerFinished)
            out.append(e);
    return out;
}

QList<TrafficEvent> fullCloses(const Session &s)
{
    QList<TrafficEvent> out;
    for (const TrafficEvent &e : eventsOf(s, TrafficEvent::Kind::Closed))
        if (e.reason != TrafficEvent::Reason::PeerFinished)
            out.append(e);
    return out;
}

int openDescriptors()
{
    return int(QDir(QStringLiteral("/proc/self/fd")).entryList(QDir::NoDotAndDotDot | QDir::System).size());
}

std::unique_ptr<QProcess> startPython(const char *script, quint16 port)
{
    auto p = std::make_unique<QProcess>();
    p->start(QStringLiteral("python3"), {QStringLiteral("-c"), QString::fromUtf8(script), QString::number(port)});
    return p;
}
} // namespace

class TestTcpHalfClose : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void sendsAfterThePeersFinThenCloses_data();
    void sendsAfterThePeersFinThenCloses();
    void closeSettingClosesAtOnce();
    void writeToAFullyClosedPeerIsAReset();
    void autoReplyAnswersThenCloses_data();
    void autoReplyAnswersThenCloses();
    void floodOfHalfClosedClientsClosesCleanly();
};

void TestTcpHalfClose::initTestCase()
{
    if (QStandardPaths::findExecutable(QStringLiteral("python3")).isEmpty())
        QSKIP("python3 is needed as the peer");
    ProcessSetup::raiseFileLimit();
}

void TestTcpHalfClose::sendsAfterThePeersFinThenCloses_data()
{
    QTest::addColumn<QString>("how");
    QTest::addColumn<TrafficEvent::Reason>("reason");
    QTest::addColumn<QString>("peerSees");
    QTest::newRow("disconnect (FIN)") << "fin" << TrafficEvent::Reason::LocalClose << "EOF";
    QTest::newRow("reset (RST)") << "reset" << TrafficEvent::Reason::LocalReset << "RST";
    QTest::newRow("server stop") << "stop" << TrafficEvent::Reason::SessionStopped << "EOF";
}

void TestTcpHalfClose::sendsAfterThePeersFinThenCloses()
{
    QFETCH(QString, how);
    QFETCH(TrafficEvent::Reason, reason);
    QFETCH(QString, peerSees);
    TcpServerSession server;
    QVERIFY(server.settings().keepOpenOnPeerFin);  // the default that teaches
    QVERIFY(server.start());
    auto peer = startPython(kHalfClosingClient, server.port());
    QTRY_COMPARE_WITH_TIMEOUT(halfCloses(server).size(), 1, 10000);
    const TrafficEvent fin = halfCloses(server).constFirst();
    QVERIFY2(fin.message.startsWith(QStringLiteral("Peer finished sending (FIN)")), qPrintable(fin.message));
    const quint32 id = fin.connectionId;
    QCOMPARE(server.counters().bytesIn, 3u);  // what came before the FIN
    QVERIFY(server.hasClient(id));
    QVERIFY2(server.client(id).state.startsWith(QStringLiteral("CLOSE_WAIT")), qPrintable(server.client(id).state));

    // More than the socket buffers take at once: some of it waits in the
    // writer, and Disconnect sends it all before the FIN. (A stop drops what
    // still waits, with an RST: the stop row sends what the kernel takes.)
    const QByteArray answer = QByteArray("after your FIN ") + QByteArray(how == u"stop" ? 1000 : 4 << 20, 'x');
    const SendResult sent = server.sendTo(id, answer);
    QVERIFY2(sent.ok(), qPrintable(sent.error));
    QCOMPARE(sent.bytes, answer.size());
    if (how != u"reset")
        QTRY_COMPARE_WITH_TIMEOUT(server.counters().bytesOut, quint64(answer.size()), 10000);

    if (how == u"fin")
        QVERIFY(server.disconnectClient(id, false));
    else if (how == u"reset")
        QVERIFY(server.disconnectClient(id, true));
    else
        server.stop();
    QTRY_COMPARE(server.clientCount(), 0);
    const QList<TrafficEvent> closed = fullCloses(server);
    QCOMPARE(closed.size(), 1);
    QCOMPARE(closed[0].reason, reason);
    QCOMPARE(closed[0].connectionId, id);

    // The session needs the event loop meanwhile: no waitForFinished().
    QTRY_COMPARE_WITH_TIMEOUT(peer->state(), QProcess::NotRunning, 20000);
    const QString out = QString::fromUtf8(peer->readAllStandardOutput()).trimmed();
    QVERIFY2(out.startsWith(peerSees), qPrintable(out + QString::fromUtf8(peer->readAllStandardError())));
    if (peerSees == u"EOF") {
        const QString expected = QStringLiteral("EOF %1 %2").arg(answer.size())
            .arg(QString::fromLatin1(QCryptographicHash::hash(answer, QCryptographicHash::Sha256).toHex()));
        QCOMPARE(out, expected);  // every byte sent after the peer's FIN arrived, then our FIN
    }
    QCOMPARE(eventsOf(server, TrafficEvent::Kind::Error).size(), 0);
}

void TestTcpHalfClose::closeSettingClosesAtOnce()
{
    TcpServerSession server;
    SessionSettings s = server.settings();
    s.keepOpenOnPeerFin = false;
    server.setSettings(s);
    QVERIFY(server.start());
    auto peer = startPython(kHalfClosingClient, server.port());
    QTRY_COMPARE_WITH_TIMEOUT(server.counters().connections, 1u, 10000);
    QTRY_COMPARE(fullCloses(server).size(), 1);
    QCOMPARE(fullCloses(server)[0].reason, TrafficEvent::Reason::PeerClosed);
    QCOMPARE(halfCloses(server).size(), 0);
    QCOMPARE(server.clientCount(), 0);
    QTRY_COMPARE_WITH_TIMEOUT(peer->state(), QProcess::NotRunning, 20000);
    QVERIFY(peer->readAllStandardOutput().startsWith("EOF 0 "));
}

void TestTcpHalfClose::writeToAFullyClosedPeerIsAReset()
{
    // The peer's close() sends the same FIN as shutdown(SHUT_WR): the server
    // cannot tell until it writes, and the peer's kernel answers with RST.
    TcpServerSession server;
    QVERIFY(server.start());
    QTcpSocket peer;
    peer.connectToHost(QHostAddress::LocalHost, server.port());
    QVERIFY(peer.waitForConnected(5000));
    QTRY_COMPARE(server.clientCount(), 1);
    peer.disconnectFromHost();
    QTRY_COMPARE(halfCloses(server).size(), 1);
    const quint32 id = halfCloses(server)[0].connectionId;
    // The first write may still be taken by the kernel; the RST ends it then.
    const SendResult first = server.sendTo(id, "anyone there?");
    Q_UNUSED(first);
    QTRY_COMPARE(server.clientCount(), 0);
    const QList<TrafficEvent> closed = fullCloses(server);
    QCOMPARE(closed.size(), 1);
    QCOMPARE(closed[0].reason, TrafficEvent::Reason::PeerReset);
    QVERIFY2(closed[0].message.contains(QStringLiteral("reset by peer")), qPrintable(closed[0].message));
    QVERIFY(!server.sendTo(id, "late").ok());
}

void TestTcpHalfClose::autoReplyAnswersThenCloses_data()
{
    QTest::addColumn<QString>("reply");
    QTest::addColumn<QString>("tool");
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QByteArray>("expected");
    QTest::newRow("nc -N, echo") << "echo" << "nc" << QByteArray("ping\n") << QByteArray("ping\n");
    QTest::newRow("nc -N, template") << "Hello,{data}!" << "nc" << QByteArray("ping") << QByteArray("Hello,ping!");
    QTest::newRow("curl, http") << "http" << "curl" << QByteArray() << QByteArray("HTTP/1.");
}

void TestTcpHalfClose::autoReplyAnswersThenCloses()
{
    QFETCH(QString, reply);
    QFETCH(QString, tool);
    QFETCH(QByteArray, input);
    QFETCH(QByteArray, expected);
    if (QStandardPaths::findExecutable(tool).isEmpty())
        QSKIP("the tool is not installed");
    TcpServerSession server;
    QVERIFY(server.settings().keepOpenOnPeerFin);
    server.setAutoReplySpec(reply);
    QVERIFY(server.start());
    QProcess p;
    const QString port = QString::number(server.port());
    if (tool == u"nc")
        p.start(QStringLiteral("nc"), {QStringLiteral("-N"), QStringLiteral("127.0.0.1"), port});
    else
        p.start(QStringLiteral("curl"), {QStringLiteral("-si"), QStringLiteral("http://127.0.0.1:%1/").arg(port)});
    QVERIFY(p.waitForStarted(5000));
    if (!input.isEmpty())
        p.write(input);
    p.closeWriteChannel();  // nc -N: FIN after stdin's end
    // The tool ends only when the server closed its side after answering.
    QTRY_COMPARE_WITH_TIMEOUT(p.state(), QProcess::NotRunning, 20000);
    QCOMPARE(p.exitCode(), 0);
    const QByteArray out = p.readAllStandardOutput();
    QVERIFY2(out.startsWith(expected), out.constData());
    QTRY_COMPARE(server.clientCount(), 0);
    QCOMPARE(fullCloses(server).size(), 1);
}

void TestTcpHalfClose::floodOfHalfClosedClientsClosesCleanly()
{
    constexpr int kClients = 2000;
    TcpServerSession server;
    server.setMaxClients(0);
    QVERIFY(server.start());
    const int before = openDescriptors();
    std::vector<int> fds;
    sockaddr_in to{};
    to.sin_family = AF_INET;
    to.sin_port = htons(server.port());
    to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    for (int i = 0; i < kClients; ++i) {
        const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
        QVERIFY(fd >= 0);
        fds.push_back(fd);
        // The kernel completes the handshake; the server accepts on its thread.
        QCOMPARE(::connect(fd, reinterpret_cast<sockaddr *>(&to), sizeof(to)), 0);
        QCOMPARE(::shutdown(fd, SHUT_WR), 0);
    }
    QTRY_COMPARE_WITH_TIMEOUT(halfCloses(server).size(), kClients, 60000);
    QCOMPARE(server.clientCount(), kClients);
    QCOMPARE(fullCloses(server).size(), 0);

    server.stop();
    QCOMPARE(server.clientCount(), 0);
    QCOMPARE(fullCloses(server).size(), kClients);
    for (const TrafficEvent &e : fullCloses(server))
        QCOMPARE(e.reason, TrafficEvent::Reason::SessionStopped);
    QCOMPARE(eventsOf(server, TrafficEvent::Kind::Error).size(), 0);
    // Every client gets the server's FIN (not a reset, not silence).
    DescriptorCloser::flush();
    timeval wait{10, 0};
    int eofs = 0;
    for (const int fd : fds) {
        ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &wait, sizeof(wait));
        char byte;
        if (::recv(fd, &byte, 1, 0) == 0)
            ++eofs;
        ::close(fd);
    }
    QCOMPARE(eofs, kClients);
    // No descriptor of the 2,000 connections is left behind.
    QTRY_VERIFY2(openDescriptors() <= before, qPrintable(QStringLiteral("%1 open, %2 before").arg(openDescriptors()).arg(before)));
}

QTEST_GUILESS_MAIN(TestTcpHalfClose)
#include "tst_tcphalfclose.moc"
