// TrafficLog: the byte budget (the memory the packed events really take,
// oldest dropped first, and counted), the batched change notice, serial
// numbers and clear(); plus the TrafficEvent value type it stores (time
// strings, names, memory cost). The packed store itself: tst_packedeventstore.

#include "core/log/TrafficEvent.h"
#include "core/log/TrafficLog.h"

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

// A notice's two spans: what the log holds, and what of it is new.
SerialSpan heldOf(const QList<QVariant> &notice)
{
    return notice.at(0).value<SerialSpan>();
}

SerialSpan addedOf(const QList<QVariant> &notice)
{
    return notice.at(1).value<SerialSpan>();
}

// What a view does with the notices: it steps from the span it shows to the
// one the log holds, dropping rows at the top and appending the new events
// at the bottom. It keeps the index of each event it shows, to check it
// mirrors the log exactly.
struct ViewModel
{
    const TrafficLog *log = nullptr;
    QList<int> rows;
    SerialSpan shown;
    int notices = 0;
    // Each notice says what the log holds at that moment, and its `added`
    // is exactly what the view lacks of it.
    bool consistent = true;
    void apply(const SerialSpan &held, const SerialSpan &added)
    {
        ++notices;
        const SerialSpan::Step step = shown.stepTo(held);
        if (held != log->span() || step.added != added) {
            consistent = false;
            return;
        }
        rows.remove(0, step.dropped);
        for (quint64 serial = added.first; serial < added.end; ++serial)
            rows.append(indexOf(log->at(log->indexOfSerial(serial))));
        shown = held;
    }
};
} // namespace

char *toString(const SerialSpan &span)
{
    return QTest::toString(u"[%1, %2)"_s.arg(span.first).arg(span.end));
}

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
    void smallEventsCostLittle_data();
    void smallEventsCostLittle();
    void newestEventKeptWhateverItsSize();
    void loweringBudgetDrops();
    void raisingBudgetDropsNothing();
    void batchedNotice();
    void noticeInterval();
    void busyNoticesAreSpacedOut();
    void serialSpanSteps_data();
    void serialSpanSteps();
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
    const qsizetype base = qsizetype(sizeof(TrafficEvent));
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
    qint64 payloadBytes = 0;
    for (int i = 0; i < 5; ++i) {
        TrafficEvent e = makeEvent(i, 10 + i * 100);
        e.message = u"event %1"_s.arg(i);
        payloadBytes += e.payload.size();
        const qint64 before = log.bytesUsed();
        const qint64 cost = log.store().costOfAppending(e);
        log.append(e);
        QCOMPARE(log.bytesUsed(), before + cost);
    }
    QCOMPARE(log.size(), 5);
    QCOMPARE(log.totalAppended(), quint64(5));
    QCOMPARE(log.firstSerial(), quint64(0));
    QCOMPARE(log.bytesUsed(), log.store().bytesUsed());
    QVERIFY(log.bytesUsed() > payloadBytes);
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
    QTest::addColumn<qint64>("budget");

    auto row = [](int payloadSize, int count, qint64 budget) {
        QTest::newRow(qPrintable(u"%1 x %2 B, budget %3"_s.arg(count).arg(payloadSize).arg(budget)))
            << payloadSize << count << budget;
    };
    row(1000, 5, 64 * 1024);    // under budget: nothing dropped
    row(1000, 100, 4096);       // the smallest budget
    row(1000, 300, 64 * 1024);
    row(4000, 50, 16 * 1024);
    row(100, 3000, 32 * 1024);
    row(0, 20000, 64 * 1024);   // records only
    row(32, 100000, 1 << 20);
    row(65507, 40, 1 << 20);    // largest UDP datagrams
    row(300 * 1024, 30, 4 << 20);  // past the threshold: kept as the socket's blocks
}

// Whatever the sizes, the log never holds more memory than its budget (but
// for a single event), drops only the oldest, counts exactly what it drops,
// and keeps the budget nearly full: it frees a chunk at a time, so it holds
// at least the budget less one chunk and the newest event's cost.
void TestTrafficLog::budgetDropsOldest()
{
    QFETCH(int, payloadSize);
    QFETCH(int, count);
    QFETCH(qint64, budget);

    TrafficLog log;
    log.setByteBudget(budget);
    QCOMPARE(log.byteBudget(), budget);
    // The oldest chunk (its records, payload bytes and side entries) is freed
    // only when its last event goes, and the next event is not there yet.
    const qsizetype chunk = log.store().maxChunkBytes();
    const qint64 slack = chunk + chunk / 64 * PackedEventStore::sideEntryBytes() + PackedEventStore::chunkOverhead()
            + PackedEventStore::contextBytes() + 2 * (payloadSize + 200);
    for (int i = 0; i < count; ++i) {
        log.append(makeEvent(i, payloadSize));
        QVERIFY2(log.bytesUsed() <= budget || log.size() == 1, qPrintable(QString::number(i)));
        const quint64 dropped = quint64(i + 1 - log.size());
        QCOMPARE(log.droppedEvents(), dropped);
        QCOMPARE(log.droppedPayloadBytes(), dropped * quint64(payloadSize));
        QCOMPARE(log.firstSerial(), dropped);
        QCOMPARE(log.totalAppended(), quint64(i + 1));
        if (dropped > 0)
            QVERIFY2(log.bytesUsed() >= budget - slack,
                     qPrintable(u"%1: %2 of %3"_s.arg(i).arg(log.bytesUsed()).arg(budget)));
    }
    if (qint64(count) * (payloadSize + 12) > budget)
        QVERIFY(log.droppedEvents() > 0);
    else
        QCOMPARE(log.droppedEvents(), quint64(0));
    // The newest survive, in order.
    const int first = int(log.firstSerial());
    for (qsizetype i = 0; i < log.size(); ++i) {
        QCOMPARE(indexOf(log.at(i)), first + int(i));
        QCOMPARE(log.payloadSizeAt(i), qsizetype(payloadSize));
    }
    // Bytes come back whole, not only their size.
    if (payloadSize > 0)
        QCOMPARE(log.at(log.size() - 1).payload, makeEvent(count - 1, payloadSize).payload);
}

// The target of issue 5: at most 1.5 bytes of memory per payload byte held,
// for events as small as 32 bytes. The budget is the memory, so holding
// budget / 1.5 of payload is the same thing (tst_packedeventstore checks
// that bytesUsed() is what the store allocates; bench/micro's sw_log_memory
// measures the process).
void TestTrafficLog::smallEventsCostLittle_data()
{
    QTest::addColumn<int>("payloadSize");
    QTest::addColumn<bool>("udp");
    for (const int size : {32, 64, 256, 1024, 65536}) {
        QTest::newRow(qPrintable(u"%1 B tcp"_s.arg(size))) << size << false;
        QTest::newRow(qPrintable(u"%1 B udp, 1000 peers"_s.arg(size))) << size << true;
    }
}

void TestTrafficLog::smallEventsCostLittle()
{
    QFETCH(int, payloadSize);
    QFETCH(bool, udp);
    TrafficLog log;
    log.setByteBudget(16 << 20);
    int i = 0;
    const auto appendOne = [&] {
        TrafficEvent e = makeEvent(i, payloadSize);
        if (udp) {
            // As UdpSession logs datagrams: one connection id per sender,
            // the sender's address made anew for each datagram.
            e.session = SessionKind::Udp;
            e.connectionId = quint32(1 + i % 1000);
            e.peer = Endpoint{QHostAddress(quint32(0x7f000001)), quint16(40000 + i % 1000)};
        }
        ++i;
        log.append(e);
    };
    while (log.droppedEvents() == 0)
        appendOne();
    const double full = double(log.bytesUsed()) / (double(log.size()) * payloadSize);
    for (qsizetype n = 2 * log.size(); n > 0; --n)
        appendOne();
    const double steady = double(log.bytesUsed()) / (double(log.size()) * payloadSize);
    QVERIFY2(full <= 1.5 && steady <= 1.5, qPrintable(u"%1 and %2 bytes per payload byte"_s.arg(full).arg(steady)));
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
    QVERIFY(log.bytesUsed() <= log.byteBudget());
    QCOMPARE(log.droppedEvents(), quint64(2));
    QCOMPARE(log.droppedPayloadBytes(), quint64(10100));
    QCOMPARE(log.firstSerial(), quint64(2));
}

void TestTrafficLog::loweringBudgetDrops()
{
    TrafficLog log;
    QSignalSpy spy(&log, &TrafficLog::changed);
    for (int i = 0; i < 200; ++i)
        log.append(makeEvent(i, 1000));
    QTRY_COMPARE(spy.count(), 1);
    QCOMPARE(heldOf(spy.at(0)), (SerialSpan{0, 200}));
    QCOMPARE(addedOf(spy.at(0)), (SerialSpan{0, 200}));
    QCOMPARE(log.droppedEvents(), quint64(0));

    log.setByteBudget(64 * 1024);
    // Applied at once...
    QVERIFY(log.bytesUsed() <= 64 * 1024);
    QVERIFY(log.size() > 0 && log.size() < 64);
    const int dropped = 200 - int(log.size());
    QCOMPARE(indexOf(log.at(0)), dropped);
    QCOMPARE(indexOf(log.at(log.size() - 1)), 199);
    QCOMPARE(log.droppedEvents(), quint64(dropped));
    QCOMPARE(log.droppedPayloadBytes(), quint64(dropped) * 1000);
    QCOMPARE(log.firstSerial(), quint64(dropped));
    // ...and told in one notice: the rows the views have that must go.
    QTRY_COMPARE(spy.count(), 2);
    QCOMPARE(heldOf(spy.at(1)), (SerialSpan{quint64(dropped), 200}));
    QVERIFY(addedOf(spy.at(1)).isEmpty());
}

void TestTrafficLog::raisingBudgetDropsNothing()
{
    TrafficLog log;
    log.setByteBudget(16 * 1024);
    for (int i = 0; i < 4; ++i)
        log.append(makeEvent(i, 1000));
    QCOMPARE(log.size(), 4);
    QSignalSpy spy(&log, &TrafficLog::changed);
    QTRY_COMPARE(spy.count(), 1);

    log.setByteBudget(1 << 20);
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
    QCOMPARE(heldOf(spy.at(0)), (SerialSpan{0, 500}));
    QCOMPARE(addedOf(spy.at(0)), (SerialSpan{0, 500}));
    // The default interval is 33 ms (~30 Hz); a coarse timer may fire a little early.
    QVERIFY2(waited >= 25, qPrintable(QString::number(waited)));

    // Quiet afterwards: a single-shot timer, not a periodic one.
    QTest::qWait(120);
    QCOMPARE(spy.count(), 1);

    // The next burst gets its own single notice.
    for (int i = 500; i < 503; ++i)
        log.append(makeEvent(i, 16));
    QTRY_COMPARE(spy.count(), 2);
    QCOMPARE(heldOf(spy.at(1)), (SerialSpan{0, 503}));
    QCOMPARE(addedOf(spy.at(1)), (SerialSpan{500, 503}));
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
    QCOMPARE(heldOf(spy.at(0)), (SerialSpan{0, 2}));
    QCOMPARE(addedOf(spy.at(0)), (SerialSpan{0, 2}));
}

// A notice right after another (events keep coming) waits the busy
// interval; after a quiet spell the quick one. Fewer notices for a flood
// only: every event is still in one of them.
void TestTrafficLog::busyNoticesAreSpacedOut()
{
    TrafficLog log;
    QCOMPARE(log.notifyInterval(), 33);
    QCOMPARE(log.busyNotifyInterval(), TrafficLog::kBusyNotifyMs);
    QCOMPARE(log.pendingNoticeDelay(), -1);
    log.append(makeEvent(0, 10));
    QCOMPARE(log.pendingNoticeDelay(), 33);   // the first one: quick

    // Appended from the notice itself: the next one is a busy one.
    int delayAfterNotice = -1;
    qsizetype announced = 0;
    int next = 1;
    connect(&log, &TrafficLog::changed, &log, [&](const SerialSpan &, const SerialSpan &added) {
        announced += added.size();
        if (next < 6) {
            log.append(makeEvent(next++, 10));
            delayAfterNotice = log.pendingNoticeDelay();
        }
    });
    QTRY_COMPARE(announced, qsizetype(6));
    QVERIFY2(delayAfterNotice > log.notifyInterval() && delayAfterNotice <= log.busyNotifyInterval(),
             qPrintable(QString::number(delayAfterNotice)));
    QCOMPARE(announced, log.size());

    // After a quiet spell longer than the busy window: quick again.
    QTest::qWait(TrafficLog::kBusyWindowMs + 50);
    log.append(makeEvent(next++, 10));
    QCOMPARE(log.pendingNoticeDelay(), log.notifyInterval());
    QTRY_COMPARE(announced, qsizetype(7));

    // A slower quick interval is never sped up by the busy one.
    log.setNotifyInterval(500);
    QCOMPARE(log.busyNotifyInterval(), 500);
}

void TestTrafficLog::serialSpanSteps_data()
{
    QTest::addColumn<SerialSpan>("shown");
    QTest::addColumn<SerialSpan>("held");
    QTest::addColumn<qsizetype>("dropped");
    QTest::addColumn<SerialSpan>("added");
    QTest::addColumn<bool>("missed");

    QTest::newRow("nothing shown, nothing held") << SerialSpan{} << SerialSpan{} << qsizetype(0) << SerialSpan{} << false;
    QTest::newRow("first events") << SerialSpan{} << SerialSpan{0, 5} << qsizetype(0) << SerialSpan{0, 5} << false;
    QTest::newRow("no change") << SerialSpan{0, 5} << SerialSpan{0, 5} << qsizetype(0) << SerialSpan{5, 5} << false;
    QTest::newRow("appended") << SerialSpan{0, 5} << SerialSpan{0, 8} << qsizetype(0) << SerialSpan{5, 8} << false;
    QTest::newRow("some dropped, some appended")
        << SerialSpan{0, 5} << SerialSpan{2, 8} << qsizetype(2) << SerialSpan{5, 8} << false;
    QTest::newRow("all dropped, none new") << SerialSpan{0, 5} << SerialSpan{5, 5} << qsizetype(5) << SerialSpan{5, 5} << false;
    QTest::newRow("all dropped, then new ones")
        << SerialSpan{0, 5} << SerialSpan{5, 9} << qsizetype(5) << SerialSpan{5, 9} << false;
    // 5 and 6 were appended and dropped between two notices.
    QTest::newRow("some never shown") << SerialSpan{0, 5} << SerialSpan{7, 9} << qsizetype(5) << SerialSpan{7, 9} << true;
    QTest::newRow("cleared log, empty view")
        << SerialSpan{32, 32} << SerialSpan{32, 38} << qsizetype(0) << SerialSpan{32, 38} << false;
}

// The step every view takes from the span it shows to the span a notice says
// the log holds.
void TestTrafficLog::serialSpanSteps()
{
    QFETCH(SerialSpan, shown);
    QFETCH(SerialSpan, held);
    QFETCH(qsizetype, dropped);
    QFETCH(SerialSpan, added);
    QFETCH(bool, missed);

    const SerialSpan::Step step = shown.stepTo(held);
    QCOMPARE(step.dropped, dropped);
    QCOMPARE(step.added, added);
    QCOMPARE(step.missed, missed);
    // Dropping, then appending, leaves the view showing what the log holds.
    QCOMPARE(shown.size() - step.dropped + step.added.size(), held.size());
}

void TestTrafficLog::noticesAddUp_data()
{
    QTest::addColumn<qint64>("budget");
    QTest::addColumn<QList<int>>("bursts");

    // 2000-byte events: a 20 KiB budget holds about 9, 8 KiB about 3.
    QTest::newRow("20 KiB: 5") << qint64(20 * 1024) << QList<int>{5};
    // Appended and dropped within one burst: views never hear of them.
    QTest::newRow("20 KiB: 100") << qint64(20 * 1024) << QList<int>{100};
    QTest::newRow("20 KiB: 100, 5, 30") << qint64(20 * 1024) << QList<int>{100, 5, 30};
    QTest::newRow("20 KiB: 8, 1, 3, 2") << qint64(20 * 1024) << QList<int>{8, 1, 3, 2};
    QTest::newRow("8 KiB: 1, 1, 1, 1, 7") << qint64(8 * 1024) << QList<int>{1, 1, 1, 1, 7};
    QTest::newRow("1 MiB: 1000, 1, 2000") << qint64(1 << 20) << QList<int>{1000, 1, 2000};
}

// Each notice says exactly what changed since the last one, as seen by a
// view: it holds `held`, whose events before the view's rows left the top,
// and `added` is new at the bottom; stepping to it mirrors the log.
void TestTrafficLog::noticesAddUp()
{
    QFETCH(qint64, budget);
    QFETCH(QList<int>, bursts);

    TrafficLog log;
    log.setByteBudget(budget);
    log.setNotifyInterval(10);

    ViewModel view;
    view.log = &log;
    connect(&log, &TrafficLog::changed, &log,
            [&view](const SerialSpan &held, const SerialSpan &added) { view.apply(held, added); });
    QSignalSpy spy(&log, &TrafficLog::changed);

    int next = 0;
    for (int b = 0; b < bursts.size(); ++b) {
        const QList<int> before = view.rows;
        for (int i = 0; i < bursts.at(b); ++i)
            log.append(makeEvent(next++, 2000));
        QTRY_COMPARE(spy.count(), b + 1);
        const QList<QVariant> args = spy.at(b);
        // What the view had that the log no longer holds, and what is new.
        qsizetype gone = 0;
        for (const int shown : before)
            gone += quint64(shown) < log.firstSerial() ? 1 : 0;
        const SerialSpan held = heldOf(args);
        const SerialSpan added = addedOf(args);
        QCOMPARE(held, log.span());
        QCOMPARE(added.end, held.end);
        QCOMPARE(before.size() - (held.size() - added.size()), gone);
        QCOMPARE(added.size(), log.size() - (before.size() - gone));
        QCOMPARE(added.size(), qMin<qsizetype>(bursts.at(b), log.size()));
        // The view now mirrors the log exactly.
        QVERIFY(view.consistent);
        QList<int> inLog;
        for (qsizetype i = 0; i < log.size(); ++i)
            inLog.append(indexOf(log.at(i)));
        QCOMPARE(view.rows, inLog);
        // Serials: at(0) is event number firstSerial() of all ever appended.
        QCOMPARE(quint64(inLog.constFirst()), log.firstSerial());
        QCOMPARE(log.droppedEvents(), quint64(next - log.size()));
        QCOMPARE(log.firstSerial() + quint64(log.size()), quint64(next));
    }
    QCOMPARE(view.notices, bursts.size());
    QVERIFY(log.droppedEvents() > 0 || next * 2000 < budget);
}

void TestTrafficLog::clear()
{
    TrafficLog log;
    log.setByteBudget(16 * 1024);
    QSignalSpy changed(&log, &TrafficLog::changed);
    QSignalSpy cleared(&log, &TrafficLog::cleared);

    for (int i = 0; i < 30; ++i)
        log.append(makeEvent(i, 1000));
    QTRY_COMPARE(changed.count(), 1);
    QCOMPARE(addedOf(changed.at(0)).size(), log.size());
    QVERIFY(log.droppedEvents() > 0);

    // Pending events not yet told to views, then clear: only `cleared` is emitted.
    log.append(makeEvent(30, 1000));
    log.append(makeEvent(31, 1000));
    const quint64 dropped = log.droppedEvents();
    log.clear();
    QCOMPARE(cleared.count(), 1);
    QCOMPARE(log.size(), 0);
    QCOMPARE(log.bytesUsed(), 0);
    QCOMPARE(log.store().spareBytes(), 0);
    QCOMPARE(log.firstSerial(), quint64(32));
    QCOMPARE(log.totalAppended(), quint64(32));
    // Clearing is not the budget dropping events: those counts stay as they were.
    QCOMPARE(log.droppedEvents(), dropped);
    QCOMPARE(log.droppedPayloadBytes(), dropped * 1000);
    QTest::qWait(100);
    QCOMPARE(changed.count(), 1);

    // The log works as before afterwards, with the full budget.
    for (int i = 32; i < 38; ++i)
        log.append(makeEvent(i, 1000));
    QCOMPARE(log.size(), 6);
    QCOMPARE(indexOf(log.at(0)), 32);
    QCOMPARE(log.firstSerial(), quint64(32));
    QCOMPARE(log.totalAppended(), quint64(38));
    QTRY_COMPARE(changed.count(), 2);
    QCOMPARE(heldOf(changed.at(1)), (SerialSpan{32, 38}));
    QCOMPARE(addedOf(changed.at(1)), (SerialSpan{32, 38}));
    QCOMPARE(cleared.count(), 1);
}

QTEST_GUILESS_MAIN(TestTrafficLog)
#include "tst_trafficlog.moc"
