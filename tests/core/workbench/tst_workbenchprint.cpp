// The events echoed on standard output (what scripts and the benchmark read)
// go out in one write per event-loop pass instead of one per line: here into
// a pipe the test drains, from python3 peers over loopback. A line waits for
// the end of its pass and no longer; flushPrinted() and the Workbench's end
// write what waits at once; every line arrives whole, once, in order, and in
// a verbose UDP burst (past the 64 KiB a write carries at most) every
// datagram the session counted has its line.

#include "core/net/TcpServerSession.h"
#include "core/net/UdpSession.h"
#include "core/workbench/Workbench.h"

#include <QProcess>
#include <QSet>
#include <QSocketNotifier>
#include <QTest>

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <memory>

using namespace Qt::StringLiterals;

namespace {

// n sequential connections: connect, send one byte, close.
const char *kShortClients = R"(
import socket, sys
port, n = int(sys.argv[1]), int(sys.argv[2])
for i in range(n):
    s = socket.create_connection(("127.0.0.1", port), timeout=30)
    s.sendall(b"x")
    s.close()
)";

// n datagrams of `size` bytes, as fast as the socket takes them.
const char *kUdpBurst = R"(
import socket, sys
port, n, size = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
for i in range(n):
    s.sendto(b"%06d" % i + b"A" * (size - 6), ("127.0.0.1", port))
)";

// The read end of a pipe, drained into `text` whenever it has data.
struct PrintPipe
{
    FILE *writer = nullptr;
    int readFd = -1;
    QByteArray text;
    std::unique_ptr<QSocketNotifier> notifier;

    bool open()
    {
        int fds[2];
        if (::pipe2(fds, O_CLOEXEC) != 0)
            return false;
        readFd = fds[0];
        writer = ::fdopen(fds[1], "w");
        if (!writer) {
            ::close(fds[1]);
            return false;
        }
        // The test reads in the same thread as the Workbench writes: the
        // pipe must hold a pass's output (1 MiB: the unprivileged maximum).
        if (::fcntl(fds[1], F_SETPIPE_SZ, 1 << 20) < (1 << 20))
            return false;
        ::fcntl(readFd, F_SETFL, ::fcntl(readFd, F_GETFL) | O_NONBLOCK);
        notifier = std::make_unique<QSocketNotifier>(readFd, QSocketNotifier::Read);
        QObject::connect(notifier.get(), &QSocketNotifier::activated, notifier.get(), [this] { drain(); });
        return true;
    }
    // What the pipe holds now, without running the event loop.
    void drain()
    {
        char buf[65536];
        for (;;) {
            const ssize_t n = ::read(readFd, buf, sizeof buf);
            if (n > 0)
                text.append(buf, n);
            else if (n == 0 || errno != EINTR)
                return;
        }
    }
    qsizetype count(const QByteArray &what) const { return text.count(what); }
    ~PrintPipe()
    {
        notifier.reset();
        if (writer)
            std::fclose(writer);
        if (readFd >= 0)
            ::close(readFd);
    }
};

// Runs a python3 peer to its end, the event loop turning meanwhile.
bool runPeer(const char *script, const QStringList &args)
{
    QProcess peer;
    peer.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    peer.start(u"/usr/bin/python3"_s, QStringList{u"-c"_s, QString::fromLatin1(script)} + args);
    if (!peer.waitForStarted(10000))
        return false;
    if (!QTest::qWaitFor([&] { return peer.state() == QProcess::NotRunning; }, 60000))
        return false;
    return peer.exitStatus() == QProcess::NormalExit && peer.exitCode() == 0;
}

// A TCP server on 127.0.0.1 (any port), printing into `out`.
TcpServerSession *startServer(Workbench &bench, FILE *out)
{
    bench.setPrintEvents(true, false, out);
    TcpServerSession *server = bench.addTcpServer();
    server->setListenAddress(QHostAddress::LocalHost);
    server->setPort(0);
    return server->start() ? server : nullptr;
}

} // namespace

class TestWorkbenchPrint : public QObject
{
    Q_OBJECT
private slots:
    void lineWaitsForTheEndOfThePass();
    void flushAndEndWriteAtOnce();
    void shortConnectionsLinesWholeAndInOrder();
    void verboseUdpBurstHasEveryLine();
};

void TestWorkbenchPrint::lineWaitsForTheEndOfThePass()
{
    PrintPipe out;
    QVERIFY(out.open());
    Workbench bench;
    TcpServerSession *server = startServer(bench, out.writer);
    QVERIFY(server);
    // Recorded, not written yet: the pass that recorded it is still running.
    out.drain();
    QCOMPARE(out.text, QByteArray());
    // Written once the event loop had its turn.
    QTRY_COMPARE(out.count("tcp-server listening local=127.0.0.1:"), 1);
    QVERIFY(out.text.endsWith('\n'));
}

void TestWorkbenchPrint::flushAndEndWriteAtOnce()
{
    PrintPipe out;
    QVERIFY(out.open());
    quint16 port = 0;
    {
        Workbench bench;
        TcpServerSession *server = startServer(bench, out.writer);
        QVERIFY(server);
        port = server->listenEndpoint().port;
        bench.flushPrinted();
        out.drain();
        QCOMPARE(out.count("tcp-server listening"), 1);
        QCOMPARE(out.count("tcp-server stopped"), 0);
        // The Workbench stops its sessions as it goes: the stop's line is
        // written before it is gone, with no event loop left to wait for.
    }
    out.drain();
    QCOMPARE(out.count("tcp-server listening"), 1);
    QCOMPARE(out.count("tcp-server stopped local=127.0.0.1:" + QByteArray::number(port)), 1);
    QVERIFY(out.text.endsWith('\n'));
}

void TestWorkbenchPrint::shortConnectionsLinesWholeAndInOrder()
{
    const int n = 400;  // ~220 B of lines each: more than a pipe holds
    PrintPipe out;
    QVERIFY(out.open());
    Workbench bench;
    TcpServerSession *server = startServer(bench, out.writer);
    QVERIFY(server);
    QVERIFY(runPeer(kShortClients, {QString::number(server->listenEndpoint().port), QString::number(n)}));
    QTRY_COMPARE_WITH_TIMEOUT(out.count("tcp-server closed "), n, 30000);

    // Whole lines only, each connection accepted before it closed, the
    // accepts in the order of their ids, and nothing twice.
    QVERIFY(out.text.endsWith('\n'));
    const QList<QByteArray> lines = out.text.split('\n');
    int accepted = 0;
    QSet<QByteArray> open;  // peers accepted, not closed yet
    for (const QByteArray &line : lines) {
        if (line.isEmpty())
            continue;
        QVERIFY2(line.startsWith("tcp-server "), line.constData());
        // "peer=127.0.0.1:PORT:" up to the message.
        const qsizetype at = line.indexOf(" peer=");
        const QByteArray peer = at < 0 ? QByteArray() : line.mid(at + 6, line.indexOf(' ', at + 6) - at - 6);
        if (line.contains(" connected ")) {
            ++accepted;
            QVERIFY2(line.contains("Accepted connection #" + QByteArray::number(accepted) + " from 127.0.0.1:"),
                     line.constData());
            QVERIFY2(!open.contains(peer), line.constData());
            open.insert(peer);
        } else if (line.contains(" closed ")) {
            QVERIFY2(open.remove(peer), line.constData());
        }
    }
    QVERIFY(open.isEmpty());
    QCOMPARE(accepted, n);
    QCOMPARE(out.count("tcp-server connected "), n);
    QCOMPARE(server->counters().connections, quint64(n));
}

void TestWorkbenchPrint::verboseUdpBurstHasEveryLine()
{
    const int n = 3000;  // ~900 KB of lines: within the pipe's 1 MiB
    const int size = 200;  // ~300 B a line: a pass of 1,024 datagrams is past 64 KiB
    PrintPipe out;
    QVERIFY(out.open());
    Workbench bench;
    bench.setPrintEvents(true, true, out.writer);
    UdpSession *udp = bench.addUdp();
    udp->setBindAddress(QHostAddress::LocalHost);
    udp->setBindPort(0);
    QVERIFY(udp->start());
    QVERIFY(runPeer(kUdpBurst, {QString::number(udp->localEndpoint().port), QString::number(n), QString::number(size)}));
    // Every datagram that was read (the kernel may drop some of a burst) has
    // its line, whole: sequence number, size and payload.
    QTRY_VERIFY_WITH_TIMEOUT(udp->counters().messagesIn > 0
                                 && quint64(out.count("udp data in ")) == udp->counters().messagesIn,
                             30000);
    QTest::qWait(200);  // nothing late
    const quint64 received = udp->counters().messagesIn;
    QCOMPARE(quint64(out.count("udp data in ")), received);
    QCOMPARE(quint64(out.count(" size=200 ")), received);
    QCOMPARE(quint64(out.count(QByteArray(size - 6, 'A') + '\n')), received);
    QVERIFY2(received >= quint64(n) / 2, qPrintable(u"only %1 of %2 datagrams read"_s.arg(received).arg(n)));
}

QTEST_GUILESS_MAIN(TestWorkbenchPrint)
#include "tst_workbenchprint.moc"
