// PreciseWaker: wakes once, never before the time it was given, at once for
// a time already past, not at all when cancelled, and a new time replaces
// the one before. Only the order of things is checked, never how late a
// wake-up came (timing figures are bench/'s: repeat-1ms).

#include "core/os/PreciseWaker.h"

#include <QSignalSpy>
#include <QTest>

namespace {
constexpr qint64 kMs = 1'000'000;
}

class TestPreciseWaker : public QObject
{
    Q_OBJECT
private slots:
    void wakesOnceNotBeforeItsTime();
    void aTimePastWakesAtOnce();
    void cancelledItStaysAsleep();
    void aNewTimeReplacesTheOld();
};

void TestPreciseWaker::wakesOnceNotBeforeItsTime()
{
    PreciseWaker waker;
    QVERIFY(waker.isValid());
    qint64 wokeAt = 0;
    connect(&waker, &PreciseWaker::woke, this, [&wokeAt] { wokeAt = PreciseWaker::nowNs(); });
    QSignalSpy woke(&waker, &PreciseWaker::woke);
    const qint64 at = PreciseWaker::nowNs() + 3 * kMs;
    waker.wakeAt(at);
    QTRY_COMPARE(woke.size(), 1);
    QVERIFY2(wokeAt >= at, qPrintable(QString::number(at - wokeAt)));
    QTest::qWait(20);
    QCOMPARE(woke.size(), 1);
}

void TestPreciseWaker::aTimePastWakesAtOnce()
{
    PreciseWaker waker;
    QSignalSpy woke(&waker, &PreciseWaker::woke);
    waker.wakeAt(PreciseWaker::nowNs() - 50 * kMs);
    QTRY_COMPARE(woke.size(), 1);
    waker.wakeAt(0);   // the clock's very beginning: long past, still a wake-up
    QTRY_COMPARE(woke.size(), 2);
}

void TestPreciseWaker::cancelledItStaysAsleep()
{
    PreciseWaker waker;
    QSignalSpy woke(&waker, &PreciseWaker::woke);
    waker.wakeAt(PreciseWaker::nowNs() + 5 * kMs);
    waker.cancel();
    QTest::qWait(40);
    QCOMPARE(woke.size(), 0);
    // Also once already due but not yet delivered.
    waker.wakeAt(PreciseWaker::nowNs() - kMs);
    waker.cancel();
    QTest::qWait(20);
    QCOMPARE(woke.size(), 0);
}

void TestPreciseWaker::aNewTimeReplacesTheOld()
{
    PreciseWaker waker;
    qint64 wokeAt = 0;
    connect(&waker, &PreciseWaker::woke, this, [&wokeAt] { wokeAt = PreciseWaker::nowNs(); });
    QSignalSpy woke(&waker, &PreciseWaker::woke);
    waker.wakeAt(PreciseWaker::nowNs() + 2 * kMs);
    const qint64 later = PreciseWaker::nowNs() + 30 * kMs;
    waker.wakeAt(later);
    QTRY_COMPARE(woke.size(), 1);
    QVERIFY(wokeAt >= later);
    QTest::qWait(20);
    QCOMPARE(woke.size(), 1);
}

QTEST_GUILESS_MAIN(TestPreciseWaker)
#include "tst_precisewaker.moc"
