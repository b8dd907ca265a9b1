// ReplyLimiter on a clock the test sets: sizes, buckets, refill, addresses.

#include "core/reply/ReplyLimiter.h"

#include <QTest>

using Verdict = ReplyLimiter::Verdict;

namespace {
const QHostAddress kA(QStringLiteral("127.0.0.1"));
const QHostAddress kB(QStringLiteral("127.0.0.2"));
constexpr qint64 kT0 = 1'000'000'000;   // any start: the clock is monotonic, not wall time

ReplyLimiter::Settings limits(int replies, qint64 bytes, int maxSize)
{
    ReplyLimiter::Settings s;
    s.repliesPerSecond = replies;
    s.bytesPerSecond = bytes;
    s.maxReplySize = maxSize;
    return s;
}
} // namespace

class TestReplyLimiter : public QObject
{
    Q_OBJECT
private slots:
    void defaultsAreFinite();
    void sizeOverMaximumIsNeverSent_data();
    void sizeOverMaximumIsNeverSent();
    void burstThenRefill();
    void bytesPerSecond();
    void largestReplyFitsASmallByteRate();
    void addressesHaveTheirOwnBuckets();
    void zeroMeansNoLimit();
    void tableOfAddressesIsBounded();
    void newSettingsStartFull();
    void clockGoingBackDoesNotRefill();
};

void TestReplyLimiter::defaultsAreFinite()
{
    const ReplyLimiter l;
    QCOMPARE(l.settings().repliesPerSecond, 100);
    QCOMPARE(l.settings().bytesPerSecond, 64 * 1024);
    QCOMPARE(l.settings().maxReplySize, 1472);
}

void TestReplyLimiter::sizeOverMaximumIsNeverSent_data()
{
    QTest::addColumn<int>("maxSize");
    QTest::addColumn<int>("size");
    QTest::addColumn<bool>("sent");
    QTest::newRow("1472 of 1472") << 1472 << 1472 << true;
    QTest::newRow("1473 of 1472") << 1472 << 1473 << false;
    QTest::newRow("65507 of 1472") << 1472 << 65507 << false;
    QTest::newRow("1 of 1") << 1 << 1 << true;
    QTest::newRow("2 of 1") << 1 << 2 << false;
    QTest::newRow("65527 of 65527") << 65527 << 65527 << true;
}

void TestReplyLimiter::sizeOverMaximumIsNeverSent()
{
    QFETCH(int, maxSize);
    QFETCH(int, size);
    QFETCH(bool, sent);
    // No rate limit: only the size decides.
    ReplyLimiter l(limits(0, 0, maxSize));
    for (int i = 0; i < 3; ++i)
        QCOMPARE(l.check(kA, size, kT0 + i), sent ? Verdict::Send : Verdict::TooLarge);
    QCOMPARE(l.tooLarge(), sent ? 0u : 3u);
    QCOMPARE(l.rateLimited(), 0u);
}

void TestReplyLimiter::burstThenRefill()
{
    ReplyLimiter l(limits(100, 0, 1472));
    // One second's worth at once, then nothing until time passes.
    for (int i = 0; i < 100; ++i)
        QCOMPARE(l.check(kA, 10, kT0), Verdict::Send);
    QCOMPARE(l.check(kA, 10, kT0), Verdict::RateLimited);
    QCOMPARE(l.check(kA, 10, kT0 + 9'000), Verdict::RateLimited);   // 0.9 of a token
    QCOMPARE(l.check(kA, 10, kT0 + 10'000), Verdict::Send);         // 10 ms = 1 token
    QCOMPARE(l.check(kA, 10, kT0 + 10'000), Verdict::RateLimited);
    // A long pause refills one second's worth, not more.
    int sent = 0;
    for (int i = 0; i < 1000; ++i)
        sent += l.check(kA, 10, kT0 + 60'000'000) == Verdict::Send;
    QCOMPARE(sent, 100);
    QCOMPARE(l.rateLimited(), 3u + 900u);
    QCOMPARE(l.suppressed(), l.rateLimited());
}

void TestReplyLimiter::bytesPerSecond()
{
    ReplyLimiter l(limits(0, 1000, 1472));
    // Capacity is the larger of the byte rate and one largest reply.
    qint64 bytes = 0;
    while (l.check(kA, 100, kT0) == Verdict::Send)
        bytes += 100;
    QCOMPARE(bytes, 1400);
    // 0.1 s later: 100 more bytes.
    QCOMPARE(l.check(kA, 100, kT0 + 100'000), Verdict::Send);
    QCOMPARE(l.check(kA, 100, kT0 + 100'000), Verdict::RateLimited);
}

void TestReplyLimiter::largestReplyFitsASmallByteRate()
{
    ReplyLimiter l(limits(0, 10, 1472));
    QCOMPARE(l.check(kA, 1472, kT0), Verdict::Send);
    QCOMPARE(l.check(kA, 1, kT0), Verdict::RateLimited);
    // …and then the rate holds: 1472 bytes at 10 B/s take 147.2 s to earn back.
    QCOMPARE(l.check(kA, 1472, kT0 + 147'000'000), Verdict::RateLimited);
    QCOMPARE(l.check(kA, 1472, kT0 + 147'300'000), Verdict::Send);
}

void TestReplyLimiter::addressesHaveTheirOwnBuckets()
{
    ReplyLimiter l(limits(5, 0, 1472));
    for (int i = 0; i < 5; ++i)
        QCOMPARE(l.check(kA, 1, kT0), Verdict::Send);
    QCOMPARE(l.check(kA, 1, kT0), Verdict::RateLimited);
    for (int i = 0; i < 5; ++i)
        QCOMPARE(l.check(kB, 1, kT0), Verdict::Send);
    QCOMPARE(l.check(kB, 1, kT0), Verdict::RateLimited);
    // The same IPv4 address written as IPv6 (v4-mapped) is the same peer.
    QCOMPARE(l.check(QHostAddress(QStringLiteral("::ffff:127.0.0.1")), 1, kT0), Verdict::RateLimited);
    QCOMPARE(l.check(QHostAddress(QStringLiteral("::1")), 1, kT0), Verdict::Send);
    QCOMPARE(l.trackedAddresses(), 3);
}

void TestReplyLimiter::zeroMeansNoLimit()
{
    ReplyLimiter l(limits(0, 0, 1472));
    for (int i = 0; i < 100000; ++i)
        QCOMPARE(l.check(kA, 1472, kT0), Verdict::Send);
    QCOMPARE(l.suppressed(), 0u);
    QCOMPARE(l.trackedAddresses(), 0);  // nothing to remember
}

void TestReplyLimiter::tableOfAddressesIsBounded()
{
    ReplyLimiter l(limits(1, 0, 1472));
    const auto address = [](int i) { return QHostAddress(quint32(0x0a000000u + quint32(i))); };
    for (int i = 0; i < ReplyLimiter::kMaxTrackedAddresses; ++i)
        QCOMPARE(l.check(address(i), 1, kT0), Verdict::Send);
    QCOMPARE(l.trackedAddresses(), ReplyLimiter::kMaxTrackedAddresses);
    // All of them are being answered: a new address waits, the table does not grow.
    QCOMPARE(l.check(address(ReplyLimiter::kMaxTrackedAddresses), 1, kT0), Verdict::RateLimited);
    QCOMPARE(l.trackedAddresses(), ReplyLimiter::kMaxTrackedAddresses);
    // A second later every bucket is full again and can be forgotten.
    QCOMPARE(l.check(address(ReplyLimiter::kMaxTrackedAddresses), 1, kT0 + 1'000'000), Verdict::Send);
    QCOMPARE(l.trackedAddresses(), 1);
}

void TestReplyLimiter::newSettingsStartFull()
{
    ReplyLimiter l(limits(2, 0, 1472));
    QCOMPARE(l.check(kA, 1, kT0), Verdict::Send);
    QCOMPARE(l.check(kA, 1, kT0), Verdict::Send);
    QCOMPARE(l.check(kA, 1, kT0), Verdict::RateLimited);
    l.setSettings(limits(3, 0, 1472));
    for (int i = 0; i < 3; ++i)
        QCOMPARE(l.check(kA, 1, kT0), Verdict::Send);
    QCOMPARE(l.check(kA, 1, kT0), Verdict::RateLimited);
    QCOMPARE(l.check(kA, 2000, kT0), Verdict::TooLarge);
}

void TestReplyLimiter::clockGoingBackDoesNotRefill()
{
    ReplyLimiter l(limits(1, 0, 1472));
    QCOMPARE(l.check(kA, 1, kT0), Verdict::Send);
    QCOMPARE(l.check(kA, 1, kT0 - 5'000'000), Verdict::RateLimited);
    QCOMPARE(l.check(kA, 1, kT0 + 500'000), Verdict::RateLimited);
    QCOMPARE(l.check(kA, 1, kT0 + 1'000'000), Verdict::Send);
}

QTEST_GUILESS_MAIN(TestReplyLimiter)
#include "tst_replylimiter.moc"
