// SendSchedule: which slot of a repeat's grid is due at a given time since
// the first send, and what a stall skips. No clock is read: every time is
// passed in, so the rules are checked exactly and at once.

#include "core/net/SendSchedule.h"

#include <QList>
#include <QTest>

namespace {
constexpr qint64 kMs = 1'000'000;   // ns
constexpr qint64 kUs = 1'000;
} // namespace

class TestSendSchedule : public QObject
{
    Q_OBJECT
private slots:
    void slotsDueAt_data();
    void slotsDueAt();
    void onTimeSendsSkipNothing_data();
    void onTimeSendsSkipNothing();
    void aStallSkipsAndCountsInsteadOfBursting_data();
    void aStallSkipsAndCountsInsteadOfBursting();
    void lateSendsDoNotMoveTheGrid();
    void anEarlyWakeUpTakesTheNextSlotOnce();
    void aTakeBeforeItsSlotStillMovesOn();
    void aZeroIntervalIsClampedToOneNanosecond();
};

void TestSendSchedule::slotsDueAt_data()
{
    QTest::addColumn<qint64>("intervalNs");
    QTest::addColumn<qint64>("elapsedNs");
    QTest::addColumn<qint64>("due");
    // Slot 0 was the first send; slot 1 is due at one interval, from half an interval before.
    QTest::newRow("1 ms, right after the first send") << kMs << qint64(0) << qint64(0);
    QTest::newRow("1 ms, 0.49 ms") << kMs << 490 * kUs << qint64(0);
    QTest::newRow("1 ms, 0.5 ms: half an interval early counts") << kMs << 500 * kUs << qint64(1);
    QTest::newRow("1 ms, exactly on slot 1") << kMs << kMs << qint64(1);
    QTest::newRow("1 ms, 1.49 ms") << kMs << 1490 * kUs << qint64(1);
    QTest::newRow("1 ms, 1.5 ms: slot 2 too") << kMs << 1500 * kUs << qint64(2);
    QTest::newRow("1 ms, 30 ms stall") << kMs << 30 * kMs << qint64(30);
    QTest::newRow("20 ms, 19 ms") << 20 * kMs << 19 * kMs << qint64(1);
    QTest::newRow("20 ms, 9 ms") << 20 * kMs << 9 * kMs << qint64(0);
    QTest::newRow("negative time (clock not started)") << kMs << -5 * kMs << qint64(0);
    QTest::newRow("an hour at 1 ms, no overflow") << kMs << 3600 * 1000 * kMs << qint64(3600 * 1000);
}

void TestSendSchedule::slotsDueAt()
{
    QFETCH(qint64, intervalNs);
    QFETCH(qint64, elapsedNs);
    QFETCH(qint64, due);
    const SendSchedule schedule(intervalNs);
    QCOMPARE(schedule.slotsDue(elapsedNs), due);
    QCOMPARE(schedule.nextSlot(), qint64(1));
    QCOMPARE(schedule.nextDueNs(), intervalNs);
}

void TestSendSchedule::onTimeSendsSkipNothing_data()
{
    QTest::addColumn<qint64>("lateNs");
    QTest::newRow("exactly on time") << qint64(0);
    QTest::newRow("each 0.3 ms late") << 300 * kUs;
    QTest::newRow("each 0.49 ms late") << 490 * kUs;
}

void TestSendSchedule::onTimeSendsSkipNothing()
{
    QFETCH(qint64, lateNs);
    SendSchedule schedule(kMs);
    // 10 s of a 1 ms repeat whose every wake-up is equally late.
    for (qint64 n = 1; n <= 10'000; ++n) {
        const qint64 at = n * kMs + lateNs;
        QCOMPARE(schedule.slotsDue(at), qint64(1));
        QCOMPARE(schedule.take(at), qint64(0));
    }
    QCOMPARE(schedule.skipped(), qint64(0));
    QCOMPARE(schedule.nextSlot(), qint64(10'001));
}

void TestSendSchedule::aStallSkipsAndCountsInsteadOfBursting_data()
{
    QTest::addColumn<qint64>("stallNs");
    QTest::addColumn<qint64>("skipped");
    // The wake-up after the stall sends once, for the latest slot due.
    QTest::newRow("30 ms busy window") << 30 * kMs << qint64(29);
    QTest::newRow("1.4 ms: still the next slot") << 1400 * kUs << qint64(0);
    QTest::newRow("1.6 ms: one slot missed") << 1600 * kUs << qint64(1);
    QTest::newRow("2 ms") << 2 * kMs << qint64(1);
}

void TestSendSchedule::aStallSkipsAndCountsInsteadOfBursting()
{
    QFETCH(qint64, stallNs);
    QFETCH(qint64, skipped);
    SendSchedule schedule(kMs);
    schedule.take(1 * kMs);   // slot 1, on time
    const qint64 after = 1 * kMs + stallNs;
    QCOMPARE(schedule.take(after), skipped);
    QCOMPARE(schedule.skipped(), skipped);
    // Nothing more is due at the same moment: one send per wake-up, no burst.
    QCOMPARE(schedule.slotsDue(after), qint64(0));
    // The grid goes on where it was: the next slot is the one after the taken one.
    QCOMPARE(schedule.nextSlot(), 2 + skipped + 1);
    QCOMPARE(schedule.nextDueNs(), (2 + skipped + 1) * kMs);
}

void TestSendSchedule::lateSendsDoNotMoveTheGrid()
{
    // Intervals measured from the previous send would drift by each send's
    // lateness; on the grid the 1,000th send is due at 1,000 ms whatever
    // happened before.
    SendSchedule schedule(kMs);
    const QList<qint64> lateness{100 * kUs, 400 * kUs, 0, 250 * kUs, 490 * kUs};
    for (qint64 n = 1; n < 1000; ++n)
        schedule.take(n * kMs + lateness.at(n % lateness.size()));
    QCOMPARE(schedule.nextDueNs(), 1000 * kMs);
    QCOMPARE(schedule.skipped(), qint64(0));
}

void TestSendSchedule::anEarlyWakeUpTakesTheNextSlotOnce()
{
    // The waking timer counts whole milliseconds, so it may wake a fraction
    // early, here 0.4 ms before each slot: each wake-up still takes exactly
    // one slot, none twice and none left out.
    SendSchedule schedule(kMs);
    schedule.take(1 * kMs);
    QCOMPARE(schedule.take(5 * kMs + 600 * kUs), qint64(4));   // slots 2..5 skipped, takes 6
    for (qint64 n = 7; n < 20; ++n) {
        const qint64 at = n * kMs - 400 * kUs;
        QCOMPARE(schedule.slotsDue(at), qint64(1));
        QCOMPARE(schedule.take(at), qint64(0));
        QCOMPARE(schedule.slotsDue(at), qint64(0));
        QCOMPARE(schedule.nextSlot(), n + 1);
    }
    QCOMPARE(schedule.skipped(), qint64(4));
}

void TestSendSchedule::aTakeBeforeItsSlotStillMovesOn()
{
    SendSchedule schedule(10 * kMs);
    QCOMPARE(schedule.take(1 * kMs), qint64(0));
    QCOMPARE(schedule.nextSlot(), qint64(2));
    QCOMPARE(schedule.skipped(), qint64(0));
}

void TestSendSchedule::aZeroIntervalIsClampedToOneNanosecond()
{
    const SendSchedule schedule(0);
    QCOMPARE(schedule.intervalNs(), qint64(1));
    QCOMPARE(schedule.slotsDue(10), qint64(10));
}

QTEST_GUILESS_MAIN(TestSendSchedule)
#include "tst_sendschedule.moc"
