// UDP auto-replies under the ReplyLimiter, against real QUdpSockets on
// loopback: a flood from one peer gets at most rate × time replies, a reply
// over the maximum size is never sent and is reported, addresses have their
// own buckets (ports of one address share one), and suppressions are
// counted without one log row each.

#include "core/log/TrafficEvent.h"
#include "core/log/TrafficLog.h"
#include "core/net/UdpSession.h"
#include "support/SessionEvents.h"

#include <QElapsedTimer>
#include <QNetworkDatagram>
#include <QTest>
#include <QUdpSocket>

namespace {
ReplyLimiter::Settings limits(int replies, qint64 bytes, int maxSize)
{
    ReplyLimiter::Settings s;
    s.repliesPerSecond = replies;
    s.bytesPerSecond = bytes;
    s.maxReplySize = maxSize;
    return s;
}

QList<QByteArray> drain(QUdpSocket &socket)
{
    QList<QByteArray> out;
    while (socket.hasPendingDatagrams())
        out.append(socket.receiveDatagram().data());
    return out;
}

// Reads replies until `udp` has answered or suppressed every datagram it
// received, and either all `expected` arrived or nothing more came for a
// while (the kernel may have dropped the rest; the caller counts those).
QList<QByteArray> collectReplies(UdpSession &udp, QUdpSocket &peer, quint64 expected)
{
    QList<QByteArray> replies;
    QElapsedTimer deadline;
    deadline.start();
    quint64 lastIn = 0;
    int quietRounds = 0;
    while (deadline.elapsed() < 20000) {
        QTest::qWait(20);
        replies += drain(peer);
        const SessionCounters c = udp.counters();
        quietRounds = c.messagesIn == lastIn ? quietRounds + 1 : 0;
        lastIn = c.messagesIn;
        const bool answered = c.messagesOut + udp.repliesSuppressed() >= c.messagesIn;
        if (answered && (c.messagesIn >= expected || quietRounds >= 15))
            break;
    }
    QTest::qWait(50);
    replies += drain(peer);
    return replies;
}

// Suppression notices among the session's error events.
int notices(const UdpSession &udp)
{
    int n = 0;
    for (const TrafficEvent &e : eventsOf(udp, TrafficEvent::Kind::Error))
        n += e.message.startsWith(QStringLiteral("Auto-reply to "));
    return n;
}
} // namespace

class TestUdpReplyLimits : public QObject
{
    Q_OBJECT
private slots:
    void floodFromOnePeerGetsAtMostRateTimesTime();
    void replyOverMaximumIsNotSentAndIsReported();
    void largerMaximumLetsItThrough();
    void echoOverDefaultMaximumIsSuppressed();
    void twoAddressesHaveSeparateBuckets();
    void portsOfOneAddressShareABucket();
    void bytesPerSecondHoldsReplyBytes();
    void zeroRatesAnswerEverything();
    void whatTheUserSendsIsNotLimited();
};

void TestUdpReplyLimits::floodFromOnePeerGetsAtMostRateTimesTime()
{
    constexpr int kRate = 50;
    constexpr int kFlood = 10000;
    UdpSession udp;
    udp.setAutoReply(AutoReply::fromSpec(QStringLiteral("echo"), QStringLiteral("UTF-8")));
    udp.setReplyLimits(limits(kRate, 0, 1472));
    QVERIFY(udp.start());
    const Endpoint local = udp.localEndpoint();

    QUdpSocket peer;
    QVERIFY(peer.bind(QHostAddress::LocalHost, 0));
    peer.setSocketOption(QAbstractSocket::ReceiveBufferSizeSocketOption, 4 * 1024 * 1024);
    QElapsedTimer clock;
    clock.start();
    for (int i = 0; i < kFlood; ++i) {
        const QByteArray d = QByteArray::number(i).rightJustified(8, '0');
        QCOMPARE(peer.writeDatagram(d, local.address, local.port), qint64(d.size()));
        if (i % 100 == 99)
            QTest::qWait(1);  // let the session read: the test is about replies, not receive drops
    }
    const QList<QByteArray> replies = collectReplies(udp, peer, kFlood);
    const double seconds = double(clock.nsecsElapsed()) / 1e9;

    const quint64 received = udp.counters().messagesIn;
    QVERIFY(received > 0);
    // A full bucket (one second's worth) plus what it earned while we watched.
    const double bound = kRate + kRate * seconds;
    QVERIFY2(replies.size() <= bound, qPrintable(QStringLiteral("%1 replies in %2 s, bound %3")
                                                    .arg(replies.size()).arg(seconds).arg(bound)));
    QVERIFY2(replies.size() >= kRate, qPrintable(QStringLiteral("only %1 replies").arg(replies.size())));
    QCOMPARE(quint64(replies.size()), udp.counters().messagesOut);
    QCOMPARE(udp.repliesRateLimited(), received - udp.counters().messagesOut);
    QCOMPARE(udp.repliesTooLarge(), 0u);
    // Each reply is the echo of one datagram, in order.
    for (int i = 1; i < replies.size(); ++i)
        QVERIFY(replies[i - 1] < replies[i]);
    // Thousands suppressed, told in a few rows: the first at once, then one a second.
    const int n = notices(udp);
    QVERIFY(n >= 1);
    QVERIFY2(n <= 2 + int(seconds), qPrintable(QString::number(n)));
    const TrafficEvent last = eventsOf(udp, TrafficEvent::Kind::Error).constLast();
    QCOMPARE(last.reason, TrafficEvent::Reason::LimitReached);
    QCOMPARE(last.peer.port, peer.localPort());
    QVERIFY2(last.message.contains(QStringLiteral("50 replies a second to one address")), qPrintable(last.message));
    // The last notice (at stop at the latest) brings the total; what the
    // kernel dropped is counted by the socket, so nothing is unaccounted for.
    udp.stop();
    QCOMPARE(udp.counters().messagesIn + udp.kernelDrops(), quint64(kFlood));
    const TrafficEvent total = eventsOf(udp, TrafficEvent::Kind::Error).constLast();
    QVERIFY2(total.message.contains(QStringLiteral("in all: %1").arg(udp.repliesRateLimited())),
             qPrintable(total.message));
}

void TestUdpReplyLimits::replyOverMaximumIsNotSentAndIsReported()
{
    UdpSession udp;
    // 2,000 bytes of fixed text around the data: far over the 1,472 default.
    udp.setAutoReply(AutoReply::fromSpec(QString(2000, u'x') + QStringLiteral("{data}"), QStringLiteral("UTF-8")));
    QCOMPARE(udp.replyLimits().maxReplySize, 1472);
    QVERIFY(udp.start());
    QUdpSocket peer;
    QVERIFY(peer.bind(QHostAddress::LocalHost, 0));
    peer.writeDatagram("hi", udp.localEndpoint().address, udp.localEndpoint().port);
    QTRY_COMPARE(udp.repliesTooLarge(), 1u);
    // The suppression is recorded where the sendto() would have been: had it
    // gone, loopback would already hold it.
    QVERIFY(!peer.waitForReadyRead(200));
    QCOMPARE(udp.counters().messagesOut, 0u);
    const QList<TrafficEvent> errors = eventsOf(udp, TrafficEvent::Kind::Error);
    QCOMPARE(errors.size(), 1);
    QCOMPARE(errors[0].reason, TrafficEvent::Reason::TooLarge);
    QCOMPARE(errors[0].peer.port, peer.localPort());
    QVERIFY2(errors[0].message.contains(QStringLiteral("2002 bytes is over the maximum reply size of 1472 bytes")),
             qPrintable(errors[0].message));
}

void TestUdpReplyLimits::largerMaximumLetsItThrough()
{
    UdpSession udp;
    const QString fixed(2000, u'x');
    udp.setAutoReply(AutoReply::fromSpec(fixed + QStringLiteral("{data}"), QStringLiteral("UTF-8")));
    udp.setReplyLimits(limits(100, 64 * 1024, 4000));
    QVERIFY(udp.start());
    QUdpSocket peer;
    QVERIFY(peer.bind(QHostAddress::LocalHost, 0));
    peer.writeDatagram("hi", udp.localEndpoint().address, udp.localEndpoint().port);
    QTRY_VERIFY(peer.hasPendingDatagrams());
    QCOMPARE(peer.receiveDatagram().data(), fixed.toLatin1() + "hi");
    QCOMPARE(udp.repliesSuppressed(), 0u);
}

void TestUdpReplyLimits::echoOverDefaultMaximumIsSuppressed()
{
    UdpSession udp;
    udp.setAutoReply(AutoReply::fromSpec(QStringLiteral("echo"), QStringLiteral("UTF-8")));
    QVERIFY(udp.start());
    QUdpSocket peer;
    QVERIFY(peer.bind(QHostAddress::LocalHost, 0));
    const QByteArray small(1472, 's');
    const QByteArray big(1473, 'b');
    peer.writeDatagram(big, udp.localEndpoint().address, udp.localEndpoint().port);
    peer.writeDatagram(small, udp.localEndpoint().address, udp.localEndpoint().port);
    QTRY_VERIFY(peer.hasPendingDatagrams());
    QCOMPARE(peer.receiveDatagram().data(), small);
    QCOMPARE(udp.repliesTooLarge(), 1u);
    QVERIFY(!peer.hasPendingDatagrams());
}

void TestUdpReplyLimits::twoAddressesHaveSeparateBuckets()
{
    constexpr int kRate = 5;
    UdpSession udp;
    udp.setAutoReply(AutoReply::fromSpec(QStringLiteral("Hello,{data}!"), QStringLiteral("UTF-8")));
    udp.setReplyLimits(limits(kRate, 0, 1472));
    udp.setBindAddress(QHostAddress(QStringLiteral("127.0.0.1")));
    QVERIFY(udp.start());
    const Endpoint local = udp.localEndpoint();
    QUdpSocket a;
    QUdpSocket b;
    QVERIFY(a.bind(QHostAddress(QStringLiteral("127.0.0.1")), 0));
    QVERIFY(b.bind(QHostAddress(QStringLiteral("127.0.0.2")), 0));
    QElapsedTimer clock;
    clock.start();
    for (int i = 0; i < 40; ++i)
        a.writeDatagram(QByteArray::number(i), local.address, local.port);
    const QList<QByteArray> fromA = collectReplies(udp, a, 40);
    QVERIFY(fromA.size() >= kRate);
    QVERIFY(fromA.size() <= kRate + kRate * double(clock.nsecsElapsed()) / 1e9);
    // 127.0.0.2 has not been answered yet: its bucket is full.
    for (int i = 0; i < kRate; ++i)
        b.writeDatagram("b" + QByteArray::number(i), local.address, local.port);
    const QList<QByteArray> fromB = collectReplies(udp, b, 40 + kRate);
    QCOMPARE(fromB.size(), kRate);
    for (int i = 0; i < kRate; ++i)
        QCOMPARE(fromB[i], "Hello,b" + QByteArray::number(i) + '!');
}

void TestUdpReplyLimits::portsOfOneAddressShareABucket()
{
    // A forger varies the source port at will; the victim is the address.
    constexpr int kRate = 5;
    constexpr int kPorts = 10;
    UdpSession udp;
    udp.setAutoReply(AutoReply::fromSpec(QStringLiteral("echo"), QStringLiteral("UTF-8")));
    udp.setReplyLimits(limits(kRate, 0, 1472));
    QVERIFY(udp.start());
    const Endpoint local = udp.localEndpoint();
    std::vector<std::unique_ptr<QUdpSocket>> peers;
    QElapsedTimer clock;
    clock.start();
    for (int i = 0; i < kPorts; ++i) {
        peers.push_back(std::make_unique<QUdpSocket>());
        QVERIFY(peers.back()->bind(QHostAddress::LocalHost, 0));
        for (int j = 0; j < 4; ++j)
            peers.back()->writeDatagram("p", local.address, local.port);
    }
    QTRY_COMPARE(udp.counters().messagesOut + udp.repliesSuppressed(), quint64(kPorts * 4));
    const double seconds = double(clock.nsecsElapsed()) / 1e9;
    qsizetype replies = 0;
    for (auto &p : peers) {
        p->waitForReadyRead(10);
        replies += drain(*p).size();
    }
    QCOMPARE(quint64(replies), udp.counters().messagesOut);
    QVERIFY2(replies <= kRate + kRate * seconds, qPrintable(QString::number(replies)));
    QCOMPARE(udp.connectionCount(), kPorts);
}

void TestUdpReplyLimits::bytesPerSecondHoldsReplyBytes()
{
    constexpr qint64 kBytes = 1000;
    UdpSession udp;
    udp.setAutoReply(AutoReply::fromSpec(QStringLiteral("echo"), QStringLiteral("UTF-8")));
    udp.setReplyLimits(limits(0, kBytes, 1472));
    QVERIFY(udp.start());
    QUdpSocket peer;
    QVERIFY(peer.bind(QHostAddress::LocalHost, 0));
    QElapsedTimer clock;
    clock.start();
    for (int i = 0; i < 100; ++i)
        peer.writeDatagram(QByteArray(100, char('a' + i % 26)), udp.localEndpoint().address, udp.localEndpoint().port);
    const QList<QByteArray> replies = collectReplies(udp, peer, 100);
    const double seconds = double(clock.nsecsElapsed()) / 1e9;
    qint64 bytes = 0;
    for (const QByteArray &r : replies)
        bytes += r.size();
    // The bucket holds one largest reply (1,472 bytes), then earns kBytes a second.
    QVERIFY(bytes >= 1400);
    QVERIFY2(bytes <= 1472 + kBytes * seconds, qPrintable(QStringLiteral("%1 bytes in %2 s").arg(bytes).arg(seconds)));
    QCOMPARE(quint64(bytes), udp.counters().bytesOut);
}

void TestUdpReplyLimits::zeroRatesAnswerEverything()
{
    UdpSession udp;
    udp.setAutoReply(AutoReply::fromSpec(QStringLiteral("echo"), QStringLiteral("UTF-8")));
    udp.setReplyLimits(limits(0, 0, 1472));
    QVERIFY(udp.start());
    QUdpSocket peer;
    QVERIFY(peer.bind(QHostAddress::LocalHost, 0));
    peer.setSocketOption(QAbstractSocket::ReceiveBufferSizeSocketOption, 4 * 1024 * 1024);
    for (int i = 0; i < 500; ++i) {
        peer.writeDatagram(QByteArray::number(i), udp.localEndpoint().address, udp.localEndpoint().port);
        if (i % 50 == 49)
            QTest::qWait(1);
    }
    const QList<QByteArray> replies = collectReplies(udp, peer, 500);
    QCOMPARE(quint64(replies.size()), udp.counters().messagesIn);
    udp.stop();
    QCOMPARE(udp.counters().messagesIn + udp.kernelDrops(), 500u);
    QCOMPARE(udp.repliesSuppressed(), 0u);
    QCOMPARE(notices(udp), 0);
}

void TestUdpReplyLimits::whatTheUserSendsIsNotLimited()
{
    UdpSession udp;
    udp.setReplyLimits(limits(1, 1, 1));
    QVERIFY(udp.start());
    QUdpSocket peer;
    QVERIFY(peer.bind(QHostAddress::LocalHost, 0));
    udp.setTarget(QStringLiteral("127.0.0.1"), peer.localPort());
    const QByteArray big(5000, 'u');
    for (int i = 0; i < 5; ++i)
        QVERIFY(udp.send(big).ok());
    QList<QByteArray> got;
    QTRY_VERIFY((got += drain(peer)).size() >= 5);
    QCOMPARE(got.size(), 5);
    QCOMPARE(got.constLast(), big);
    QCOMPARE(udp.repliesSuppressed(), 0u);
}

QTEST_GUILESS_MAIN(TestUdpReplyLimits)
#include "tst_udpreplylimits.moc"
