// Datagrams the kernel drops are counted from the socket, not guessed: with
// the session's event loop held up, a burst larger than the receiver's queue
// plus the kernel's buffer must overflow, and afterwards received + dropped
// is exactly what was sent, including drops after the last datagram read
// (which no SO_RXQ_OVFL count carries; /proc/net/udp has them).

#include "core/net/UdpSession.h"
#include "core/os/UdpReceiver.h"

#include <QTest>
#include <QUdpSocket>

class TestUdpDrops : public QObject
{
    Q_OBJECT
private slots:
    void burstOverTheQueuesIsCountedExactly();
    void socketDropsOfAnUnknownDescriptorIsZero();
};

void TestUdpDrops::burstOverTheQueuesIsCountedExactly()
{
    UdpSession udp;
    QVERIFY(udp.start());
    const Endpoint local = udp.localEndpoint();
    QUdpSocket peer;
    QVERIFY(peer.bind(QHostAddress::LocalHost, 0));
    // The receiver thread queues up to kMaxQueuedBytes, the kernel buffers up
    // to net.core.rmem_max (a few MiB): twice the queue cannot all fit while
    // nobody takes from it, and nothing here runs the event loop until sent.
    const QByteArray datagram(60000, 'd');
    const int count = int(2 * UdpSession::kMaxQueuedBytes / datagram.size());
    int sent = 0;
    for (int i = 0; i < count; ++i)
        sent += peer.writeDatagram(datagram, local.address, local.port) == datagram.size();
    QCOMPARE(sent, count);
    // Stopping while the kernel still holds some would leave datagrams that
    // are neither received nor dropped: let the session read until nothing
    // more comes (the event loop runs meanwhile, so a pass is always due
    // while anything is queued).
    quint64 last = 0;
    for (int stable = 0, round = 0; stable < 10 && round < 400; ++round) {
        QTest::qWait(50);
        const quint64 now = udp.counters().messagesIn;
        stable = now == last && now > 0 ? stable + 1 : 0;
        last = now;
    }
    udp.stop();
    const quint64 received = udp.counters().messagesIn;
    const quint64 dropped = udp.kernelDrops();
    qInfo("%d datagrams of %lld bytes sent at once: %llu received, %llu dropped by the kernel",
          count, qlonglong(datagram.size()), qulonglong(received), qulonglong(dropped));
    QVERIFY2(dropped > 0, "the burst was meant to overflow");
    QCOMPARE(received + dropped, quint64(count));
    QCOMPARE(udp.counters().bytesIn, received * quint64(datagram.size()));
    // Kept after the socket is closed.
    QCOMPARE(udp.kernelDrops(), dropped);
}

void TestUdpDrops::socketDropsOfAnUnknownDescriptorIsZero()
{
    QCOMPARE(UdpReceiver::socketDrops(-1), 0u);
    QCOMPARE(UdpReceiver::socketDrops(0), 0u);  // standard input: not a socket
}

QTEST_GUILESS_MAIN(TestUdpDrops)
#include "tst_udpdrops.moc"
