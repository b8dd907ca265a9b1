// TrafficLog: the byte budget (oldest dropped first, and counted), the
// batched change notice, serial numbers and clear(); plus the TrafficEvent
// value type it stores (time strings, names, memory cost).

#include "TrafficEvent.h"
#include "TrafficLog.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::Literals::StringLiterals;

namespace {
// A data event whose payload is `size` bytes, mostly NULs, starting with its
// index (so the test can tell which event is which); all events of one size
// cost the same.
TrafficEvent makeEvent(int index, int size)
{
    TrafficEvent e;
    e.timeUs = 1'700'000'000'000'000 + index;
    e.session = SessionKind::TcpServer;
    e.sessionId = 1;
    e.connectionId = 7;
    e.kind = TrafficEvent::Kind::Data;
    e.direction = TrafficEvent::Direction::In;
    e.payload = QByteArray(size, '\0');
    const QByteArray tag = QByteArray::number(index);
    e.payload.replace(0, qMin<qsizetype>(tag.size(), size), tag.left(size));
    return e;
}

int indexOf(const TrafficEvent &e)
{
    return int(e.timeUs - 1'700'000'000'000'000);
}

// What a view does with the notices: drops `dropped` rows at the top and
// appends the last `appended` events of the log at the bottom. It keeps the
// index of each event it shows, to check it mirrors the log exactly.
struct ViewModel
{
    const TrafficLog *log = nullptr;
    QList<int> rows;
    int notices = 0;
    bool consistent = true;  // never told to drop rows it does not have, or to add more than exist
    void apply(qsizetype dropped, qsizetype appended)
    {
        ++notices;
        if (dropped < 0 || appended < 0 || dropped > rows.size() || appended > log->size()) {
            consistent = false;
            return;
        }
        rows.remove(0, dropped);
        for (qsizetype i = log->size() - appended; i < log->size(); ++i)
            rows.append(indexOf(log->at(i)));
    }
};
} // namespace

class TestTrafficLog : public QObject
{
    Q_OBJECT
private slots:
    // TrafficEvent
    void timeString_data();
    void timeString();
    void nowUs();
    void names();
    void memoryCost();

    // TrafficLog
    void emptyLog();
    void appendKeepsOrderAndCost();
    void minimumBudget_data();
    void minimumBudget();
    void budgetDropsOldest_data();
    void budgetDropsOldest();
    void newestEventKeptWhateverItsSize();
    void loweringBudgetDrops();
    void raisingBudgetDropsNothing();
    void batchedNotice();
    void noticeInterval();
    void noticesAddUp_data();
    void noticesAddUp();
    void clear();
};

// --- TrafficEvent -----------------------------------------------------------

void TestTrafficLog::timeString_data()
{
    QTest::addColumn<qint64>("timeUs");
    QTest::addColumn<QString>("expected");

    auto row = [](qint64 us, const QString &expected) { QTest::newRow(qPrintable(expected)) << us << expected; };
    row(0, u"1970-01-01T00:00:00.000000Z"_s);
    row(1, u"1970-01-01T00:00:00.000001Z"_s);
    row(999'999, u"1970-01-01T00:00:00.999999Z"_s);
    row(1'000'000, u"1970-01-01T00:00:01.000000Z"_s);
    row(1'795'318'860'000'123, u"2026-11-22T03:41:00.000123Z"_s);
    row(1'795'318'860'123'456, u"2026-11-22T03:41:00.123456Z"_s);
    row(1'709'208'000'500'000, u"2024-02-29T12:00:00.500000Z"_s);
    row(946'684'799'999'999, u"1999-12-31T23:59:59.999999Z"_s);
    row(2'147'483'648'000'001, u"2038-01-19T03:14:08.000001Z"_s);  // past 32-bit time_t
    // Before the epoch the microseconds still count forward within the second.
    row(-1, u"1969-12-31T23:59:59.999999Z"_s);
    row(-1'000'000, u"1969-12-31T23:59:59.000000Z"_s);
    row(-1'500'000, u"1969-12-31T23:59:58.500000Z"_s);
}

void TestTrafficLog::timeString()
{
    QFETCH(qint64, timeUs);
    QFETCH(QString, expected);
    QCOMPARE(TrafficEvent::timeString(timeUs), expected);
}

void TestTrafficLog::nowUs()
{
    const qint64 before = QDateTime::currentMSecsSinceEpoch() * 1000;
    const qint64 now = TrafficEvent::nowUs();
    const qint64 after = QDateTime::currentMSecsSinceEpoch() * 1000 + 999;
    QVERIFY2(now >= before && now <= after + 1000,
             qPrintable(u"%1 not in [%2, %3]"_s.arg(now).arg(before).arg(after)));
    // UTC: the string of now is today's UTC date.
    QCOMPARE(TrafficEvent::timeString(now).left(10),
             QDateTime::fromMSecsSinceEpoch(now / 1000, Qt::UTC).toString(u"yyyy-MM-dd"_s));
}

void TestTrafficLog::names()
{
    QCOMPARE(TrafficEvent::sessionName(SessionKind::TcpServer), u"tcp-server"_s);
    QCOMPARE(TrafficEvent::sessionName(SessionKind::TcpClient), u"tcp-client"_s);
    QCOMPARE(TrafficEvent::sessionName(SessionKind::Udp), u"udp"_s);

    QCOMPARE(TrafficEvent::kindName(TrafficEvent::Kind::Listening), u"listening"_s);
    QCOMPARE(TrafficEvent::kindName(TrafficEvent::Kind::Connected), u"connected"_s);
    QCOMPARE(TrafficEvent::kindName(TrafficEvent::Kind::Data), u"data"_s);
    QCOMPARE(TrafficEvent::kindName(TrafficEvent::Kind::Closed), u"closed"_s);
    QCOMPARE(TrafficEvent::kindName(TrafficEvent::Kind::Error), u"error"_s);
    QCOMPARE(TrafficEvent::kindName(TrafficEvent::Kind::Stopped), u"stopped"_s);
    QCOMPARE(TrafficEvent::kindName(TrafficEvent::Kind::Frame), u"frame"_s);

    QCOMPARE(TrafficEvent::directionName(TrafficEvent::Direction::In), u"in"_s);
    QCOMPARE(TrafficEvent::directionName(TrafficEvent::Direction::Out), u"out"_s);
    QCOMPARE(TrafficEvent::directionName(TrafficEvent::Direction::None), QString());
}

void TestTrafficLog::memoryCost()
{
    const qsizetype base = qsizetype(sizeof(TrafficEvent)) + TrafficEvent::kSlotOverhead;
    QCOMPARE(TrafficEvent().memoryCost(), base);

    TrafficEvent withPayload;
    withPayload.payload = QByteArray(1000, 'x');
    QVERIFY2(withPayload.memoryCost() >= base + 1000 + 24, qPrintable(QString::number(withPayload.memoryCost())));
    QVERIFY(withPayload.memoryCost() < base + 1000 + 24 + 64);

    TrafficEvent withMessage;
    withMessage.message = QString(100, u'm');  // UTF-16: 2 bytes a character
    QVERIFY(withMessage.memoryCost() >= base + 200 + 24);
    QVERIFY(withMessage.memoryCost() < base + 200 + 24 + 64);

    // A copy shares the payload but is accounted the same way.
    const TrafficEvent copy = withPayload;
    QCOMPARE(copy.memoryCost(), withPayload.memoryCost());
}

// --- TrafficLog -------------------------------------------------------------

void TestTrafficLog::emptyLog()
{
    TrafficLog log;
    QCOMPARE(log.size(), 0);
    QCOMPARE(log.firstSerial(), quint64(0));
    QCOMPARE(log.totalAppended(), quint64(0));
    QCOMPARE(log.bytesUsed(), 0);
    QCOMPARE(log.byteBudget(), 64ll * 1024 * 1024);
    QCOMPARE(log.byteBudget(), TrafficLog::kDefaultBudget);
    QCOMPARE(log.droppedEvents(), quint64(0));
    QCOMPARE(log.droppedPayloadBytes(), quint64(0));

    // Nothing appended, nothing to tell.
    QSignalSpy spy(&log, &TrafficLog::changed);
    QTest::qWait(80);
    QCOMPARE(spy.count(), 0);
}

void TestTrafficLog::appendKeepsOrderAndCost()
{
    TrafficLog log;
    qint64 expectedBytes = 0;
    for (int i = 0; i < 5; ++i) {
        TrafficEvent e = makeEvent(i, 10 + i * 100);
        e.message = u"event %1"_s.arg(i);
        expectedBytes += e.memoryCost();
        log.append(e);
    }
    QCOMPARE(log.size(), 5);
    QCOMPARE(log.totalAppended(), quint64(5));
    QCOMPARE(log.firstSerial(), quint64(0));
    QCOMPARE(log.bytesUsed(), expectedBytes);
    for (int i = 0; i < 5; ++i) {
        QCOMPARE(indexOf(log.at(i)), i);
        QCOMPARE(log.at(i).payload.size(), 10 + i * 100);
        QCOMPARE(log.at(i).message, u"event %1"_s.arg(i));
        QCOMPARE(log.at(i).direction, TrafficEvent::Direction::In);
        QCOMPARE(log.at(i).connectionId, quint32(7));
    }
    // Binary payload with NULs kept byte for byte.
    QCOMPARE(log.at(1).payload.left(4), QByteArray("1\0\0\0", 4));
    QCOMPARE(log.droppedEvents(), quint64(0));
}

void TestTrafficLog::minimumBudget_data()
{
    QTest::addColumn<qint64>("requested");
    QTest::addColumn<qint64>("effective");
    QTest::newRow("-1") << qint64(-1) << qint64(4096);
    QTest::newRow("0") << qint64(0) << qint64(4096);
    QTest::newRow("100") << qint64(100) << qint64(4096);
    QTest::newRow("4095") << qint64(4095) << qint64(4096);
    QTest::newRow("4096") << qint64(4096) << qint64(4096);
    QTest::newRow("4097") << qint64(4097) << qint64(4097);
    QTest::newRow("1 MiB") << qint64(1 << 20) << qint64(1 << 20);
    QTest::newRow("8 GiB") << qint64(8ll << 30) << qint64(8ll << 30);
}

void TestTrafficLog::minimumBudget()
{
    QFETCH(qint64, requested);
    QFETCH(qint64, effective);
    TrafficLog log;
    log.setByteBudget(requested);
    QCOMPARE(log.byteBudget(), effective);
}

void TestTrafficLog::budgetDropsOldest_data()
{
    QTest::addColumn<int>("payloadSize");
    QTest::addColumn<int>("count");
    QTest::addColumn<int>("fits");  // whole events the budget holds

    auto row = [](int payloadSize, int count, int fits) {
        QTest::newRow(qPrintable(u"%1 x %2 B, budget for %3"_s.arg(count).arg(payloadSize).arg(fits)))
            << payloadSize << count << fits;
    };
    row(1000, 5, 10);     // under budget: nothing dropped
    row(1000, 10, 10);    // exactly full
    row(1000, 11, 10);    // one over
    row(1000, 100, 10);
    row(4000, 50, 3);
    row(100, 1000, 40);
    row(65507, 20, 2);    // largest UDP datagrams
}

void TestTrafficLog::budgetDropsOldest()
{
    QFETCH(int, payloadSize);
    QFETCH(int, count);
    QFETCH(int, fits);

    const qint64 cost = makeEvent(0, payloadSize).memoryCost();
    QCOMPARE(makeEvent(count - 1, payloadSize).memoryCost(), cost);  // uniform
    // Room for `fits` events and half of another.
    const qint64 budget = qint64(fits) * cost + cost / 2;
    QVERIFY2(budget >= 4096, "row must not hit the minimum budget");

    TrafficLog log;
    log.setByteBudget(budget);
    QCOMPARE(log.byteBudget(), budget);
    for (int i = 0; i < count; ++i) {
        log.append(makeEvent(i, payloadSize));
        QVERIFY(log.bytesUsed() <= budget);
        QCOMPARE(log.bytesUsed(), log.size() * cost);
    }

    const int kept = qMin(count, fits);
    const int dropped = count - kept;
    QCOMPARE(log.size(), kept);
    QCOMPARE(log.bytesUsed(), kept * cost);
    QCOMPARE(log.droppedEvents(), quint64(dropped));
    QCOMPARE(log.droppedPayloadBytes(), quint64(dropped) * quint64(payloadSize));
    QCOMPARE(log.firstSerial(), quint64(dropped));
    QCOMPARE(log.totalAppended(), quint64(count));
    // The newest survive, in order.
    for (int i = 0; i < kept; ++i)
        QCOMPARE(indexOf(log.at(i)), dropped + i);
}

void TestTrafficLog::newestEventKeptWhateverItsSize()
{
    TrafficLog log;
    log.setByteBudget(4096);
    log.append(makeEvent(0, 100));
    log.append(makeEvent(1, 10000));  // alone larger than the budget
    QCOMPARE(log.size(), 1);
    QCOMPARE(indexOf(log.at(0)), 1);
    QCOMPARE(log.at(0).payload.size(), 10000);
    QVERIFY(log.bytesUsed() > log.byteBudget());
    QCOMPARE(log.droppedEvents(), quint64(1));
    QCOMPARE(log.droppedPayloadBytes(), quint64(100));

    log.append(makeEvent(2, 50));  // the big one goes now
    QCOMPARE(log.size(), 1);
    QCOMPARE(indexOf(log.at(0)), 2);
    QCOMPARE(log.bytesUsed(), makeEvent(2, 50).memoryCost());
    QCOMPARE(log.droppedEvents(), quint64(2));
    QCOMPARE(log.droppedPayloadBytes(), quint64(10100));
    QCOMPARE(log.firstSerial(), quint64(2));
}

void TestTrafficLog::loweringBudgetDrops()
{
    TrafficLog log;
    QSignalSpy spy(&log, &TrafficLog::changed);
    for (int i = 0; i < 20; ++i)
        log.append(makeEvent(i, 1000));
    QTRY_COMPARE(spy.count(), 1);
    QCOMPARE(spy.at(0).at(0).value<qsizetype>(), 0);
    QCOMPARE(spy.at(0).at(1).value<qsizetype>(), 20);

    const qint64 cost = makeEvent(0, 1000).memoryCost();
    log.setByteBudget(5 * cost + cost / 2);
    // Applied at once...
    QCOMPARE(log.size(), 5);
    QCOMPARE(indexOf(log.at(0)), 15);
    QCOMPARE(log.droppedEvents(), quint64(15));
    QCOMPARE(log.droppedPayloadBytes(), quint64(15000));
    QCOMPARE(log.firstSerial(), quint64(15));
    // ...and told in one notice: 15 rows the views have must go.
    QTRY_COMPARE(spy.count(), 2);
    QCOMPARE(spy.at(1).at(0).value<qsizetype>(), 15);
    QCOMPARE(spy.at(1).at(1).value<qsizetype>(), 0);
}

void TestTrafficLog::raisingBudgetDropsNothing()
{
    TrafficLog log;
    const qint64 cost = makeEvent(0, 1000).memoryCost();
    log.setByteBudget(4 * cost);
    for (int i = 0; i < 4; ++i)
        log.append(makeEvent(i, 1000));
    QCOMPARE(log.size(), 4);
    QSignalSpy spy(&log, &TrafficLog::changed);
    QTRY_COMPARE(spy.count(), 1);

    log.setByteBudget(100 * cost);
    QCOMPARE(log.size(), 4);
    QCOMPARE(log.droppedEvents(), quint64(0));
    QTest::qWait(100);
    QCOMPARE(spy.count(), 1);  // nothing changed, nothing told
}

void TestTrafficLog::batchedNotice()
{
    TrafficLog log;
    QSignalSpy spy(&log, &TrafficLog::changed);
    QElapsedTimer clock;
    clock.start();
    for (int i = 0; i < 500; ++i)
        log.append(makeEvent(i, 16));
    // Never one notice per event, and never synchronously.
    QCOMPARE(spy.count(), 0);
    QTRY_COMPARE(spy.count(), 1);
    const qint64 waited = clock.elapsed();
    QCOMPARE(spy.at(0).at(0).value<qsizetype>(), 0);
    QCOMPARE(spy.at(0).at(1).value<qsizetype>(), 500);
    // The default interval is 33 ms (~30 Hz); a coarse timer may fire a little early.
    QVERIFY2(waited >= 25, qPrintable(QString::number(waited)));

    // Quiet afterwards: a single-shot timer, not a periodic one.
    QTest::qWait(120);
    QCOMPARE(spy.count(), 1);

    // The next burst gets its own single notice.
    for (int i = 500; i < 503; ++i)
        log.append(makeEvent(i, 16));
    QTRY_COMPARE(spy.count(), 2);
    QCOMPARE(spy.at(1).at(0).value<qsizetype>(), 0);
    QCOMPARE(spy.at(1).at(1).value<qsizetype>(), 3);
    QTest::qWait(120);
    QCOMPARE(spy.count(), 2);
}

void TestTrafficLog::noticeInterval()
{
    TrafficLog log;
    log.setNotifyInterval(1000);
    QSignalSpy spy(&log, &TrafficLog::changed);
    QElapsedTimer clock;
    clock.start();
    log.append(makeEvent(0, 10));
    QTest::qWait(100);
    log.append(makeEvent(1, 10));  // within the same interval: same notice
    QTest::qWait(100);
    QCOMPARE(spy.count(), 0);
    QTRY_COMPARE_WITH_TIMEOUT(spy.count(), 1, 5000);
    QVERIFY2(clock.elapsed() >= 900, qPrintable(QString::number(clock.elapsed())));
    QCOMPARE(spy.at(0).at(0).value<qsizetype>(), 0);
    QCOMPARE(spy.at(0).at(1).value<qsizetype>(), 2);
}

void TestTrafficLog::noticesAddUp_data()
{
    QTest::addColumn<int>("fits");
    QTest::addColumn<QList<int>>("bursts");
    // The exact notice expected after each burst, as {dropped, appended}.
    QTest::addColumn<QList<int>>("expected");

    // fits 10: after each burst the view must hold the newest min(total, 10).
    QTest::newRow("fits 10: 5") << 10 << QList<int>{5} << QList<int>{0, 5};
    QTest::newRow("fits 10: 10") << 10 << QList<int>{10} << QList<int>{0, 10};
    // Appended and dropped within one burst: views never hear of them.
    QTest::newRow("fits 10: 100") << 10 << QList<int>{100} << QList<int>{0, 10};
    QTest::newRow("fits 10: 100, 5, 30") << 10 << QList<int>{100, 5, 30} << QList<int>{0, 10, 5, 5, 10, 10};
    QTest::newRow("fits 10: 8, 1, 3, 2") << 10 << QList<int>{8, 1, 3, 2} << QList<int>{0, 8, 0, 1, 2, 3, 2, 2};
    QTest::newRow("fits 3: 1, 1, 1, 1, 7") << 3 << QList<int>{1, 1, 1, 1, 7}
                                          << QList<int>{0, 1, 0, 1, 0, 1, 1, 1, 3, 3};
}

void TestTrafficLog::noticesAddUp()
{
    QFETCH(int, fits);
    QFETCH(QList<int>, bursts);
    QFETCH(QList<int>, expected);
    QCOMPARE(expected.size(), bursts.size() * 2);

    const qint64 cost = makeEvent(0, 2000).memoryCost();
    TrafficLog log;
    log.setByteBudget(qMax<qint64>(4096, qint64(fits) * cost + cost / 2));
    log.setNotifyInterval(10);

    ViewModel view;
    view.log = &log;
    connect(&log, &TrafficLog::changed, &log,
            [&view](qsizetype dropped, qsizetype appended) { view.apply(dropped, appended); });
    QSignalSpy spy(&log, &TrafficLog::changed);

    int next = 0;
    for (int b = 0; b < bursts.size(); ++b) {
        for (int i = 0; i < bursts.at(b); ++i)
            log.append(makeEvent(next++, 2000));
        QTRY_COMPARE(spy.count(), b + 1);
        const QList<QVariant> args = spy.at(b);
        QCOMPARE(args.at(0).value<qsizetype>(), qsizetype(expected.at(2 * b)));
        QCOMPARE(args.at(1).value<qsizetype>(), qsizetype(expected.at(2 * b + 1)));
        // The view now mirrors the log exactly.
        QVERIFY(view.consistent);
        QList<int> inLog;
        for (qsizetype i = 0; i < log.size(); ++i)
            inLog.append(indexOf(log.at(i)));
        QCOMPARE(view.rows, inLog);
        // Serials: at(0) is event number firstSerial() of all ever appended.
        QCOMPARE(quint64(inLog.constFirst()), log.firstSerial());
        QCOMPARE(log.size(), qMin(next, fits));
        QCOMPARE(log.droppedEvents(), quint64(next - log.size()));
        QCOMPARE(log.firstSerial() + quint64(log.size()), quint64(next));
    }
    QCOMPARE(view.notices, bursts.size());
}

void TestTrafficLog::clear()
{
    TrafficLog log;
    const qint64 cost = makeEvent(0, 1000).memoryCost();
    log.setByteBudget(6 * cost);
    QSignalSpy changed(&log, &TrafficLog::changed);
    QSignalSpy cleared(&log, &TrafficLog::cleared);

    for (int i = 0; i < 8; ++i)
        log.append(makeEvent(i, 1000));
    QTRY_COMPARE(changed.count(), 1);
    QCOMPARE(changed.at(0).at(1).value<qsizetype>(), 6);
    QCOMPARE(log.droppedEvents(), quint64(2));

    // Pending events not yet told to views, then clear: only `cleared` is emitted.
    log.append(makeEvent(8, 1000));
    log.append(makeEvent(9, 1000));
    log.clear();
    QCOMPARE(cleared.count(), 1);
    QCOMPARE(log.size(), 0);
    QCOMPARE(log.bytesUsed(), 0);
    QCOMPARE(log.firstSerial(), quint64(10));
    QCOMPARE(log.totalAppended(), quint64(10));
    // Clearing is not the budget dropping events: those counts stay as they were.
    QCOMPARE(log.droppedEvents(), quint64(4));
    QCOMPARE(log.droppedPayloadBytes(), quint64(4000));
    QTest::qWait(100);
    QCOMPARE(changed.count(), 1);

    // The log works as before afterwards, with the full budget.
    for (int i = 10; i < 16; ++i)
        log.append(makeEvent(i, 1000));
    QCOMPARE(log.size(), 6);
    QCOMPARE(indexOf(log.at(0)), 10);
    QCOMPARE(log.firstSerial(), quint64(10));
    QCOMPARE(log.totalAppended(), quint64(16));
    QTRY_COMPARE(changed.count(), 2);
    QCOMPARE(changed.at(1).at(0).value<qsizetype>(), 0);
    QCOMPARE(changed.at(1).at(1).value<qsizetype>(), 6);
    QCOMPARE(cleared.count(), 1);
}

QTEST_GUILESS_MAIN(TestTrafficLog)
#include "tst_trafficlog.moc"
