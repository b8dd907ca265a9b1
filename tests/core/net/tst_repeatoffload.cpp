// A UdpSession's repeat of a fixed payload, sent from a thread of its own
// (RepeatSender::Offload, os/TimedSendThread) to real QUdpSockets on
// loopback: every send arrives and is logged as the session's own, a stop
// logs exactly what went out, a change of the settings brings the sends back
// to the event loop (which follows the new target), the session's stop ends
// the thread before the socket closes, and a failed send ends the repeat.

#include "core/log/TrafficLog.h"
#include "core/net/RepeatSender.h"
#include "core/net/UdpSession.h"
#include "core/os/TimedSendThread.h"

#include <QDir>
#include <QNetworkDatagram>
#include <QSignalSpy>
#include <QTest>
#include <QUdpSocket>

#include <netinet/in.h>
#include <sys/socket.h>

namespace {

struct Receiver
{
    QUdpSocket socket;
    QList<QByteArray> datagrams;
    Receiver()
    {
        socket.bind(QHostAddress::LocalHost, 0);
        QObject::connect(&socket, &QUdpSocket::readyRead, &socket, [this] {
            while (socket.hasPendingDatagrams())
                datagrams.append(socket.receiveDatagram().data());
        });
    }
};

QList<TrafficEvent> sent(const Session &session)
{
    QList<TrafficEvent> out;
    const TrafficLog *log = session.log();
    for (qsizetype i = 0; i < log->size(); ++i) {
        const TrafficEvent e = log->at(i);
        if (e.kind == TrafficEvent::Kind::Data && e.direction == TrafficEvent::Direction::Out)
            out.append(e);
    }
    return out;
}

// This process's UDP socket bound to `port` (the session's), or -1.
int udpSocketOn(quint16 port)
{
    const QDir fds(QStringLiteral("/proc/self/fd"));
    const QStringList entries = fds.entryList(QDir::NoDotAndDotDot | QDir::System | QDir::Files);
    for (const QString &entry : entries) {
        const int fd = entry.toInt();
        int type = 0;
        socklen_t typeLength = sizeof type;
        sockaddr_in sa{};
        socklen_t length = sizeof sa;
        if (::getsockopt(fd, SOL_SOCKET, SO_TYPE, &type, &typeLength) == 0 && type == SOCK_DGRAM
            && ::getsockname(fd, reinterpret_cast<sockaddr *>(&sa), &length) == 0 && sa.sin_family == AF_INET
            && ntohs(sa.sin_port) == port)
            return fd;
    }
    return -1;
}

SendResult sendFixed(UdpSession &udp, const QByteArray &bytes)
{
    return udp.send(bytes);
}

} // namespace

class TestRepeatOffload : public QObject
{
    Q_OBJECT
private slots:
    void everySendArrivesAndIsLogged();
    void stopLogsWhatWentOut();
    void newSettingsBringTheSendsBack();
    void sessionStopEndsTheThreadFirst();
    void failedSendEndsTheRepeat();
    void templatesAndNamesStayOnTheEventLoop_data();
    void templatesAndNamesStayOnTheEventLoop();
};

void TestRepeatOffload::everySendArrivesAndIsLogged()
{
    Receiver rx;
    UdpSession udp;
    udp.setTarget(QStringLiteral("127.0.0.1"), rx.socket.localPort());
    RepeatSender *repeat = udp.repeater();
    QSignalSpy finished(repeat, &RepeatSender::finished);
    QSignalSpy progress(repeat, &RepeatSender::progress);
    QVERIFY(repeat->start("tick", 200, 1, [&udp](const QByteArray &b) { return sendFixed(udp, b); }, true));
    QTRY_VERIFY(repeat->isOffloaded());
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 20000);
    QCOMPARE(finished.at(0).at(0).toBool(), true);
    QVERIFY(!repeat->isOffloaded());
    QCOMPARE(repeat->done(), 200);
    QCOMPARE(repeat->bytesSent(), qint64(800));
    QCOMPARE(progress.size(), 200);
    QCOMPARE(progress.last().at(0).toInt(), 200);
    QTRY_COMPARE(rx.datagrams.size(), 200);
    for (const QByteArray &d : std::as_const(rx.datagrams))
        QCOMPARE(d, QByteArray("tick"));
    const QList<TrafficEvent> out = sent(udp);
    QCOMPARE(out.size(), 200);
    QCOMPARE(udp.counters().messagesOut, quint64(200));
    for (qsizetype i = 0; i < out.size(); ++i) {
        QCOMPARE(out[i].payload, QByteArray("tick"));
        QCOMPARE(out[i].peer.port, rx.socket.localPort());
        QCOMPARE(out[i].local, udp.localEndpoint());
        // Each logged at the time it was made, in the order made.
        if (i > 0)
            QVERIFY2(out[i].timeUs >= out[i - 1].timeUs, qPrintable(QString::number(i)));
    }
}

void TestRepeatOffload::stopLogsWhatWentOut()
{
    Receiver rx;
    UdpSession udp;
    udp.setTarget(QStringLiteral("127.0.0.1"), rx.socket.localPort());
    RepeatSender *repeat = udp.repeater();
    QSignalSpy finished(repeat, &RepeatSender::finished);
    QVERIFY(repeat->start("x", RepeatSender::kUntilStopped, 1,
                          [&udp](const QByteArray &b) { return sendFixed(udp, b); }, true));
    QTRY_VERIFY(repeat->isOffloaded());
    QTRY_VERIFY_WITH_TIMEOUT(rx.datagrams.size() >= 30, 20000);
    repeat->stop();
    QCOMPARE(finished.size(), 1);
    QCOMPARE(finished.at(0).at(0).toBool(), false);
    QVERIFY(repeat->wasStopped());
    const int done = repeat->done();
    // The message counts what the thread sent up to the stop.
    QVERIFY2(finished.at(0).at(1).toString().contains(QLocale().toString(done)),
             qPrintable(finished.at(0).at(1).toString()));
    QCOMPARE(sent(udp).size(), done);
    QTRY_COMPARE(rx.datagrams.size(), done);
    // Nothing goes out after the stop.
    QTest::qWait(50);
    QCOMPARE(rx.datagrams.size(), done);
    QCOMPARE(sent(udp).size(), done);
}

void TestRepeatOffload::newSettingsBringTheSendsBack()
{
    Receiver first;
    Receiver second;
    UdpSession udp;
    udp.setTarget(QStringLiteral("127.0.0.1"), first.socket.localPort());
    RepeatSender *repeat = udp.repeater();
    QSignalSpy finished(repeat, &RepeatSender::finished);
    QVERIFY(repeat->start("y", 400, 1, [&udp](const QByteArray &b) { return sendFixed(udp, b); }, true));
    QTRY_VERIFY(repeat->isOffloaded());
    QTRY_VERIFY_WITH_TIMEOUT(first.datagrams.size() >= 20, 20000);
    udp.setTarget(QStringLiteral("127.0.0.1"), second.socket.localPort());
    QVERIFY(!repeat->isOffloaded());
    const int beforeChange = repeat->done();
    QTRY_COMPARE(first.datagrams.size(), beforeChange);
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 20000);
    QVERIFY2(finished.at(0).at(0).toBool(), qPrintable(finished.at(0).at(1).toString()));
    QTRY_COMPARE(second.datagrams.size(), 400 - beforeChange);
    QCOMPARE(first.datagrams.size(), beforeChange);
    QCOMPARE(sent(udp).size(), 400);
}

void TestRepeatOffload::sessionStopEndsTheThreadFirst()
{
    Receiver rx;
    UdpSession udp;
    udp.setTarget(QStringLiteral("127.0.0.1"), rx.socket.localPort());
    RepeatSender *repeat = udp.repeater();
    QVERIFY(repeat->start("z", RepeatSender::kUntilStopped, 1,
                          [&udp](const QByteArray &b) { return sendFixed(udp, b); }, true));
    QTRY_VERIFY(repeat->isOffloaded());
    QTRY_VERIFY_WITH_TIMEOUT(rx.datagrams.size() >= 10, 20000);
    udp.stop();
    QVERIFY(!repeat->isOffloaded());
    // The repeat goes on from the event loop (which would bind again, as a
    // send after a stop does); stopped here, before it sends again.
    repeat->stop();
    // Every send the thread made is logged before the socket's close.
    const TrafficLog *log = udp.log();
    qsizetype stoppedAt = -1;
    int outBeforeStop = 0;
    for (qsizetype i = 0; i < log->size(); ++i) {
        const TrafficEvent e = log->at(i);
        if (e.kind == TrafficEvent::Kind::Stopped)
            stoppedAt = i;
        else if (stoppedAt < 0 && e.kind == TrafficEvent::Kind::Data)
            ++outBeforeStop;
    }
    QVERIFY(stoppedAt > 0);
    QCOMPARE(sent(udp).size(), outBeforeStop);
    QCOMPARE(repeat->done(), outBeforeStop);
    QTRY_COMPARE(rx.datagrams.size(), outBeforeStop);
    QTest::qWait(50);
    QCOMPARE(rx.datagrams.size(), outBeforeStop);
}

void TestRepeatOffload::failedSendEndsTheRepeat()
{
    // The socket's sending side shut down under the thread: its next
    // sendto() fails (EPIPE), whenever it comes. (An ICMP port unreachable
    // would race with the session's own reader of the error queue, which
    // takes the error before a send sees it, as on the event loop.)
    Receiver rx;
    UdpSession udp;
    udp.setTarget(QStringLiteral("127.0.0.1"), rx.socket.localPort());
    RepeatSender *repeat = udp.repeater();
    QSignalSpy finished(repeat, &RepeatSender::finished);
    QVERIFY(repeat->start("w", RepeatSender::kUntilStopped, 1,
                          [&udp](const QByteArray &b) { return sendFixed(udp, b); }, true));
    QTRY_VERIFY(repeat->isOffloaded());
    QTRY_VERIFY_WITH_TIMEOUT(rx.datagrams.size() >= 5, 20000);
    const int fd = udpSocketOn(udp.localEndpoint().port);
    QVERIFY(fd >= 0);
    // shutdown() needs a connected socket: connected to where it sends anyway.
    sockaddr_in to{};
    to.sin_family = AF_INET;
    to.sin_port = htons(rx.socket.localPort());
    to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    QCOMPARE(::connect(fd, reinterpret_cast<const sockaddr *>(&to), sizeof to), 0);
    QCOMPARE(::shutdown(fd, SHUT_WR), 0);
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 20000);
    QCOMPARE(finished.at(0).at(0).toBool(), false);
    QVERIFY(!repeat->wasStopped());
    const QString error = finished.at(0).at(1).toString();
    QVERIFY2(error.contains(TimedSendThread::describe(EPIPE)), qPrintable(error));
    QVERIFY(!repeat->isOffloaded());
    // What went out is logged, the failed send is not; and nothing more goes.
    QTRY_COMPARE(rx.datagrams.size(), repeat->done());
    QCOMPARE(sent(udp).size(), repeat->done());
    QTest::qWait(50);
    QCOMPARE(rx.datagrams.size(), repeat->done());
}

void TestRepeatOffload::templatesAndNamesStayOnTheEventLoop_data()
{
    QTest::addColumn<QString>("host");
    QTest::addColumn<bool>("fixed");
    QTest::addColumn<int>("interval");
    QTest::newRow("template payload") << QStringLiteral("127.0.0.1") << false << 1;
    QTest::newRow("host name, looked up per send") << QStringLiteral("localhost") << true << 1;
    QTest::newRow("interval 0") << QStringLiteral("127.0.0.1") << true << 0;
}

void TestRepeatOffload::templatesAndNamesStayOnTheEventLoop()
{
    QFETCH(QString, host);
    QFETCH(bool, fixed);
    QFETCH(int, interval);
    Receiver rx;
    UdpSession udp;
    udp.setTarget(host, rx.socket.localPort());
    RepeatSender *repeat = udp.repeater();
    QSignalSpy finished(repeat, &RepeatSender::finished);
    bool everOffloaded = false;
    connect(repeat, &RepeatSender::progress, this, [&] { everOffloaded |= repeat->isOffloaded(); });
    QVERIFY(repeat->start("v", 30, interval, [&udp](const QByteArray &b) { return sendFixed(udp, b); }, fixed));
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 20000);
    QCOMPARE(finished.at(0).at(0).toBool(), true);
    QVERIFY(!everOffloaded);
    QTRY_COMPARE(rx.datagrams.size(), 30);
    QCOMPARE(sent(udp).size(), 30);
}

QTEST_GUILESS_MAIN(TestRepeatOffload)
#include "tst_repeatoffload.moc"
