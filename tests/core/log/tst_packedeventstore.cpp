// PackedEventStore, the packed storage behind TrafficLog: every kind of
// event comes back from at() exactly as appended, whatever part of the store
// it went to (record, side entry, context, external payload); the memory it
// counts is what append() says it will cost and returns to zero; chunks are
// freed oldest first and reused; clear() frees everything.

#include "core/log/PackedEventStore.h"

#include <QRandomGenerator>
#include <QTest>

#include <deque>

using namespace Qt::Literals::StringLiterals;

namespace {

constexpr qint64 kT0 = 1'795'318'860'123'456;  // 2026-11-22T03:41:00.123456Z

Endpoint ep(const char *address, quint16 port)
{
    return Endpoint{QHostAddress(QString::fromLatin1(address)), port};
}

TrafficEvent dataEvent(qint64 timeUs, const QByteArray &payload, quint32 connection = 7,
                       TrafficEvent::Direction direction = TrafficEvent::Direction::In)
{
    TrafficEvent e;
    e.timeUs = timeUs;
    e.session = SessionKind::TcpServer;
    e.sessionId = 3;
    e.connectionId = connection;
    e.kind = TrafficEvent::Kind::Data;
    e.direction = direction;
    e.local = ep("127.0.0.1", 8000);
    e.peer = ep("127.0.0.1", quint16(40000 + connection));
    e.payload = payload;
    return e;
}

// Exactly the same event: every field, addresses with their protocol and
// IPv6 scope (QHostAddress's == alone would let some differences through).
bool sameEndpoint(const Endpoint &a, const Endpoint &b, QString *why, const char *which)
{
    if (a.port == b.port && a.address.protocol() == b.address.protocol() && a.address == b.address
        && a.address.scopeId() == b.address.scopeId() && a.address.isNull() == b.address.isNull())
        return true;
    *why = u"%1: %2 != %3"_s.arg(QLatin1StringView(which), a.toString() + u'%' + a.address.scopeId(),
                                 b.toString() + u'%' + b.address.scopeId());
    return false;
}

QString difference(const TrafficEvent &got, const TrafficEvent &want)
{
    QString why;
    if (got.timeUs != want.timeUs)
        return u"time %1 != %2"_s.arg(got.timeUs).arg(want.timeUs);
    if (got.session != want.session)
        return u"session kind"_s;
    if (got.sessionId != want.sessionId)
        return u"session id"_s;
    if (got.connectionId != want.connectionId)
        return u"connection id %1 != %2"_s.arg(got.connectionId).arg(want.connectionId);
    if (got.kind != want.kind)
        return u"kind"_s;
    if (got.direction != want.direction)
        return u"direction"_s;
    if (got.reason != want.reason)
        return u"reason"_s;
    if (!sameEndpoint(got.local, want.local, &why, "local") || !sameEndpoint(got.peer, want.peer, &why, "peer"))
        return why;
    if (got.payload != want.payload)
        return u"payload of %1 bytes != %2 bytes"_s.arg(got.payload.size()).arg(want.payload.size());
    if (got.message != want.message)
        return u"message '%1' != '%2'"_s.arg(got.message, want.message);
    if (got.rule != want.rule)
        return u"rule %1 != %2"_s.arg(got.rule).arg(want.rule);
    return QString();
}

QByteArray randomBytes(qsizetype n, quint32 seed)
{
    QByteArray out(n, Qt::Uninitialized);
    QRandomGenerator rng(seed);
    for (qsizetype i = 0; i < n; ++i)
        out[i] = char(rng.bounded(256));
    return out;
}

// Appends and checks that the memory grew by exactly the predicted cost.
bool appendChecked(PackedEventStore &store, const TrafficEvent &e)
{
    const qint64 before = store.bytesUsed();
    const qint64 cost = store.costOfAppending(e);
    store.append(e);
    if (store.bytesUsed() - before != cost) {
        qWarning("cost predicted %lld, charged %lld", static_cast<long long>(cost),
                 static_cast<long long>(store.bytesUsed() - before));
        return false;
    }
    return true;
}

// One of every kind of event, with the fields that send it to each part of
// the store (record only, side entry, external payload, own context).
QList<std::pair<const char *, TrafficEvent>> everyKind()
{
    QList<std::pair<const char *, TrafficEvent>> rows;

    TrafficEvent listening;
    listening.timeUs = kT0;
    listening.session = SessionKind::TcpServer;
    listening.sessionId = 1;
    listening.kind = TrafficEvent::Kind::Listening;
    listening.local = ep("0.0.0.0", 8000);
    listening.message = u"Listening on 0.0.0.0:8000 (backlog 128)"_s;
    rows.append({"listening, message", listening});

    TrafficEvent connected = dataEvent(kT0 + 1, {});
    connected.kind = TrafficEvent::Kind::Connected;
    connected.direction = TrafficEvent::Direction::None;
    rows.append({"connected, no message", connected});

    rows.append({"data in", dataEvent(kT0 + 2, "hello\r\n")});
    rows.append({"data out", dataEvent(kT0 + 3, "reply", 7, TrafficEvent::Direction::Out)});
    rows.append({"data, NULs and high bytes", dataEvent(kT0 + 4, QByteArray("\0\xff\x80\0x", 5))});
    rows.append({"data, empty payload", dataEvent(kT0 + 5, QByteArray())});
    rows.append({"data, 64 KiB random", dataEvent(kT0 + 6, randomBytes(65536, 1))});
    rows.append({"data, 1 MiB random (external)", dataEvent(kT0 + 6, randomBytes(1 << 20, 2))});

    TrafficEvent withMessage = dataEvent(kT0 + 7, "abc");
    withMessage.message = u"a data event with a message, 中文"_s;
    rows.append({"data with a message", withMessage});

    TrafficEvent frame = dataEvent(kT0 + 8, "line");
    frame.kind = TrafficEvent::Kind::Frame;
    rows.append({"frame", frame});

    TrafficEvent closed = dataEvent(kT0 + 9, {});
    closed.kind = TrafficEvent::Kind::Closed;
    closed.direction = TrafficEvent::Direction::None;
    closed.reason = TrafficEvent::Reason::PeerReset;
    closed.message = u"Connection reset by peer (ECONNRESET)"_s;
    rows.append({"closed, reset", closed});

    TrafficEvent closedQuiet = closed;
    closedQuiet.reason = TrafficEvent::Reason::HalfClosed;
    closedQuiet.message.clear();
    rows.append({"closed, reason without message", closedQuiet});

    TrafficEvent error;
    error.timeUs = kT0 + 10;
    error.session = SessionKind::TcpClient;
    error.sessionId = 9;
    error.kind = TrafficEvent::Kind::Error;
    error.reason = TrafficEvent::Reason::Refused;
    error.message = u"Connection refused (ECONNREFUSED)"_s;
    error.peer = ep("::1", 9);
    rows.append({"error, client, IPv6 peer", error});

    TrafficEvent stopped;
    stopped.timeUs = kT0 + 11;
    stopped.session = SessionKind::Udp;
    stopped.sessionId = 4;
    stopped.kind = TrafficEvent::Kind::Stopped;
    rows.append({"stopped, null endpoints", stopped});

    TrafficEvent udp = dataEvent(kT0 + 12, "datagram");
    udp.session = SessionKind::Udp;
    udp.local = ep("::", 5000);
    udp.peer = ep("fe80::1%1", 5001);
    rows.append({"udp, IPv6 link-local with scope", udp});

    TrafficEvent any = dataEvent(kT0 + 12, "dual stack");
    any.local = Endpoint{QHostAddress(QHostAddress::Any), 8000};
    any.peer = Endpoint{QHostAddress(QHostAddress::AnyIPv6), 1};
    rows.append({"any address (dual stack), any IPv6", any});

    TrafficEvent broadcast = dataEvent(kT0 + 12, "broadcast");
    broadcast.session = SessionKind::Udp;
    broadcast.local = Endpoint{QHostAddress(QHostAddress::AnyIPv4), 5000};
    broadcast.peer = Endpoint{QHostAddress(QHostAddress::Broadcast), 5000};
    rows.append({"udp, any IPv4 and broadcast", broadcast});

    TrafficEvent mapped = dataEvent(kT0 + 13, "mapped");
    mapped.peer = ep("::ffff:127.0.0.1", 40007);
    rows.append({"IPv4-mapped IPv6 peer", mapped});

    TrafficEvent old = dataEvent(-1'500'000, "before the epoch");
    rows.append({"time before the epoch", old});

    TrafficEvent maxIds = dataEvent(kT0, "x", 0xffffffffu);
    maxIds.sessionId = 0xffffffffu;
    rows.append({"largest ids", maxIds});

    TrafficEvent unicode;
    unicode.timeUs = kT0;
    unicode.kind = TrafficEvent::Kind::Error;
    unicode.reason = TrafficEvent::Reason::Other;
    unicode.message = QString(5000, u'错');
    rows.append({"long message", unicode});
    return rows;
}

} // namespace

class TestPackedEventStore : public QObject
{
    Q_OBJECT
private slots:
    void roundTrip_data();
    void roundTrip();
    void allKindsInOneStore();
    void payloadSizes_data();
    void payloadSizes();
    void largePayloadIsShared();
    void withoutPayload();
    void contextsAreShared();
    void scopedEndpoints();
    void timeJumps();
    void costIsExactAndReturnsToZero();
    void wrapAroundAgainstReference_data();
    void wrapAroundAgainstReference();
    void fullChunksAreReused();
    void growingStoreTakesPrefetchedChunks();
    void maxChunkBytes_data();
    void maxChunkBytes();
    void clearFreesEverything();
    void ruleMarks();
};

void TestPackedEventStore::roundTrip_data()
{
    QTest::addColumn<TrafficEvent>("event");
    for (const auto &[name, event] : everyKind())
        QTest::newRow(name) << event;
}

void TestPackedEventStore::roundTrip()
{
    QFETCH(TrafficEvent, event);
    PackedEventStore store;
    QVERIFY(appendChecked(store, event));
    QCOMPARE(store.size(), 1);
    const QString diff = difference(store.at(0), event);
    QVERIFY2(diff.isEmpty(), qPrintable(diff));
    QCOMPARE(store.payloadSizeAt(0), event.payload.size());
    QCOMPARE(store.dropFront(), event.payload.size());
    QCOMPARE(store.size(), 0);
    QCOMPARE(store.bytesUsed(), 0);
}

// The same events interleaved in one store, many times: contexts shared
// between kinds, side entries found among plain records, several chunks.
void TestPackedEventStore::allKindsInOneStore()
{
    const auto rows = everyKind();
    PackedEventStore store;
    store.setMaxChunkBytes(4096);
    std::deque<TrafficEvent> appended;
    for (int round = 0; round < 50; ++round) {
        for (const auto &[name, event] : rows) {
            QVERIFY2(appendChecked(store, event), name);
            appended.push_back(event);
        }
    }
    QCOMPARE(store.size(), qsizetype(appended.size()));
    for (qsizetype i = 0; i < store.size(); ++i) {
        const QString diff = difference(store.at(i), appended[size_t(i)]);
        QVERIFY2(diff.isEmpty(), qPrintable(u"event %1 (%2): "_s.arg(i).arg(QLatin1StringView(rows.at(i % rows.size()).first)) + diff));
    }
    qsizetype i = 0;
    while (!store.isEmpty()) {
        QCOMPARE(store.dropFront(), appended[size_t(i)].payload.size());
        ++i;
    }
    QCOMPARE(store.bytesUsed(), 0);
}

void TestPackedEventStore::payloadSizes_data()
{
    QTest::addColumn<qsizetype>("size");
    PackedEventStore probe;
    const qsizetype threshold = probe.externalThreshold();
    // 4096 and up are copied with streaming stores (64 at a time after the
    // destination is 16-aligned, the rest plainly).
    for (const qsizetype n : {qsizetype(0), qsizetype(1), qsizetype(32), qsizetype(4095), qsizetype(4096),
                              qsizetype(4097), qsizetype(4096 + 63), qsizetype(65536 + 17),
                              threshold - 1, threshold, threshold + 1,
                              qsizetype(PackedEventStore::kMaxChunkBytes) - 12, qsizetype(PackedEventStore::kMaxChunkBytes),
                              qsizetype(5 << 20)})
        QTest::newRow(qPrintable(QString::number(n))) << n;
}

void TestPackedEventStore::payloadSizes()
{
    QFETCH(qsizetype, size);
    PackedEventStore store;
    // Each size between small neighbours, so the offsets around it matter.
    const TrafficEvent before = dataEvent(kT0, "before");
    const TrafficEvent it = dataEvent(kT0 + 1, randomBytes(size, quint32(size)));
    const TrafficEvent after = dataEvent(kT0 + 2, "after");
    QVERIFY(appendChecked(store, before));
    QVERIFY(appendChecked(store, it));
    QVERIFY(appendChecked(store, after));
    QCOMPARE(store.size(), 3);
    QCOMPARE(store.payloadSizeAt(1), size);
    QVERIFY(difference(store.at(0), before).isEmpty());
    const QString diff = difference(store.at(1), it);
    QVERIFY2(diff.isEmpty(), qPrintable(diff));
    QVERIFY(difference(store.at(2), after).isEmpty());
    QCOMPARE(store.dropFront(), qsizetype(6));
    QCOMPARE(store.dropFront(), size);
    QCOMPARE(store.dropFront(), qsizetype(5));
    QCOMPARE(store.bytesUsed(), 0);
}

// From the threshold up the payload is not copied: the log keeps the block
// the socket read, and at() hands that same block out.
void TestPackedEventStore::largePayloadIsShared()
{
    PackedEventStore store;
    const QByteArray big = randomBytes(store.externalThreshold(), 5);
    const QByteArray small = randomBytes(store.externalThreshold() - 1, 6);
    store.append(dataEvent(kT0, big));
    store.append(dataEvent(kT0, small));
    QCOMPARE(store.at(0).payload.constData(), big.constData());
    QVERIFY(store.at(1).payload.constData() != small.constData());
    QCOMPARE(store.at(1).payload, small);

    // An over-reserved block is trimmed first: the budget pays for capacity.
    QByteArray roomy;
    roomy.reserve(4 * store.externalThreshold());
    roomy.append(big);
    store.append(dataEvent(kT0, roomy));
    QCOMPARE(store.at(2).payload, big);
    QVERIFY(store.at(2).payload.capacity() < roomy.capacity());
}

void TestPackedEventStore::withoutPayload()
{
    PackedEventStore store;
    TrafficEvent e = dataEvent(kT0, "some bytes");
    e.message = u"m"_s;
    store.append(e);
    store.append(dataEvent(kT0 + 1, randomBytes(store.externalThreshold() * 2, 3)));
    TrafficEvent bare = e;
    bare.payload.clear();
    QVERIFY(difference(store.at(0, 0), bare).isEmpty());
    QVERIFY(store.at(1, 0).payload.isEmpty());
    QCOMPARE(store.payloadSizeAt(1), store.externalThreshold() * 2);
    // A prefix: cut copies of small payloads, large ones shared whole.
    QCOMPARE(store.at(0, 4).payload, QByteArray("some"));
    QCOMPARE(store.at(0, 100).payload, QByteArray("some bytes"));
    QCOMPARE(store.at(1, 4).payload.size(), store.externalThreshold() * 2);
}

// Events of one connection share one context: after the first, an event
// that fits the chunk costs nothing more (the chunk is counted whole). Another
// peer port is another context, freed with its last event.
void TestPackedEventStore::contextsAreShared()
{
    PackedEventStore store;
    store.append(dataEvent(kT0, "first"));
    const TrafficEvent same = dataEvent(kT0 + 1, QByteArray(40, 'x'));
    QCOMPARE(store.costOfAppending(same), 0);
    store.append(same);

    TrafficEvent otherPort = same;
    otherPort.peer.port = 1234;
    QCOMPARE(store.costOfAppending(otherPort), PackedEventStore::contextBytes());
    TrafficEvent otherSession = same;
    otherSession.sessionId = 4;
    QCOMPARE(store.costOfAppending(otherSession), PackedEventStore::contextBytes());
    TrafficEvent otherKind = same;
    otherKind.session = SessionKind::TcpClient;
    QCOMPARE(store.costOfAppending(otherKind), PackedEventStore::contextBytes());
    // IPv4 and the same address IPv4-mapped are different endpoints to a log.
    TrafficEvent mapped = same;
    mapped.local.address = QHostAddress(u"::ffff:127.0.0.1"_s);
    QCOMPARE(store.costOfAppending(mapped), PackedEventStore::contextBytes());

    // The sender address made per datagram compares equal: shared.
    TrafficEvent fresh = same;
    fresh.peer.address = QHostAddress(fresh.peer.address.toString());
    QCOMPARE(store.costOfAppending(fresh), 0);

    QVERIFY(appendChecked(store, otherPort));
    QVERIFY(appendChecked(store, same));
    const qint64 withBoth = store.bytesUsed();
    store.dropFront();
    store.dropFront();
    // The chunk's memory stays until its last event goes; the context is still used.
    QCOMPARE(store.bytesUsed(), withBoth);
    store.dropFront();   // the other port's only event: its context goes
    QCOMPARE(store.bytesUsed(), withBoth - PackedEventStore::contextBytes());
    QVERIFY(difference(store.at(0), same).isEmpty());
}

// A context keeps addresses as bytes, except when one has an IPv6 scope id:
// then the endpoints stay whole, cost more, and the scope tells contexts apart.
void TestPackedEventStore::scopedEndpoints()
{
    PackedEventStore store;
    TrafficEvent scoped = dataEvent(kT0, "scoped");
    scoped.peer.address = QHostAddress(u"fe80::1%1"_s);
    const qint64 cost = store.costOfAppending(scoped);
    QVERIFY(appendChecked(store, scoped));
    const qint64 chunk = store.bytesUsed() - PackedEventStore::contextBytes() - PackedEventStore::scopedEndpointsBytes();
    QCOMPARE(cost, store.bytesUsed());
    QCOMPARE(store.costOfAppending(scoped), 0);
    TrafficEvent otherScope = scoped;
    otherScope.peer.address.setScopeId(u"2"_s);
    QCOMPARE(store.costOfAppending(otherScope), PackedEventStore::contextBytes() + PackedEventStore::scopedEndpointsBytes());
    TrafficEvent unscoped = scoped;
    unscoped.peer.address.setScopeId(QString());
    QCOMPARE(store.costOfAppending(unscoped), PackedEventStore::contextBytes());
    QVERIFY(appendChecked(store, otherScope));
    QVERIFY(appendChecked(store, unscoped));
    QVERIFY(difference(store.at(0), scoped).isEmpty());
    QVERIFY(difference(store.at(1), otherScope).isEmpty());
    QVERIFY(difference(store.at(2), unscoped).isEmpty());
    store.dropFront();
    store.dropFront();
    QCOMPARE(store.bytesUsed(), chunk + PackedEventStore::contextBytes());
    store.dropFront();
    QCOMPARE(store.bytesUsed(), 0);
}

void TestPackedEventStore::timeJumps()
{
    PackedEventStore store;
    const QList<qint64> times = {kT0, kT0 + 1, kT0 - 5'000'000 /* clock set back */, kT0 + 2,
                                 kT0 + (qint64(1) << 40) /* past a record's range */,
                                 kT0 + (qint64(1) << 40) + 1, 0, std::numeric_limits<qint64>::max() / 2,
                                 -std::numeric_limits<qint64>::max() / 2};
    for (qsizetype i = 0; i < times.size(); ++i)
        QVERIFY(appendChecked(store, dataEvent(times.at(i), QByteArray::number(i))));
    for (qsizetype i = 0; i < times.size(); ++i) {
        const QString diff = difference(store.at(i), dataEvent(times.at(i), QByteArray::number(i)));
        QVERIFY2(diff.isEmpty(), qPrintable(u"event %1: "_s.arg(i) + diff));
    }
}

void TestPackedEventStore::costIsExactAndReturnsToZero()
{
    PackedEventStore store;
    store.setMaxChunkBytes(8192);
    QRandomGenerator rng(11);
    qsizetype payloadTotal = 0;
    for (int i = 0; i < 3000; ++i) {
        const qsizetype n = rng.bounded(3) == 0 ? rng.bounded(3000) : rng.bounded(64);
        TrafficEvent e = dataEvent(kT0 + i, randomBytes(n, quint32(i)), quint32(1 + rng.bounded(20)));
        if (rng.bounded(10) == 0)
            e.message = u"note %1"_s.arg(i);
        payloadTotal += n;
        QVERIFY2(appendChecked(store, e), qPrintable(QString::number(i)));
    }
    QVERIFY(store.bytesUsed() > payloadTotal);
    qsizetype dropped = 0;
    while (!store.isEmpty())
        dropped += store.dropFront();
    QCOMPARE(dropped, payloadTotal);
    QCOMPARE(store.bytesUsed(), 0);
}

// A ring: append at the back, drop at the front, for many times the store's
// capacity, against a plain deque of the same events.
void TestPackedEventStore::wrapAroundAgainstReference_data()
{
    QTest::addColumn<qsizetype>("maxChunk");
    QTest::addColumn<int>("window");
    QTest::addColumn<int>("maxPayload");
    QTest::newRow("512 B chunks, tiny events") << qsizetype(512) << 50 << 40;
    QTest::newRow("4 KiB chunks, mixed") << qsizetype(4096) << 200 << 2000;
    QTest::newRow("2 MiB chunks, mixed") << qsizetype(PackedEventStore::kMaxChunkBytes) << 2000 << 70000;
}

void TestPackedEventStore::wrapAroundAgainstReference()
{
    QFETCH(qsizetype, maxChunk);
    QFETCH(int, window);
    QFETCH(int, maxPayload);
    PackedEventStore store;
    store.setMaxChunkBytes(maxChunk);
    QCOMPARE(store.maxChunkBytes(), maxChunk);
    std::deque<TrafficEvent> reference;
    QRandomGenerator rng{quint32(maxChunk)};
    for (int i = 0; i < 20 * window; ++i) {
        TrafficEvent e = dataEvent(kT0 + i * 10, randomBytes(rng.bounded(maxPayload + 1), quint32(i)),
                                   quint32(rng.bounded(5)));
        if (i % 97 == 0) {
            e.kind = TrafficEvent::Kind::Closed;
            e.reason = TrafficEvent::Reason::PeerClosed;
            e.message = u"closed %1"_s.arg(i);
            e.payload.clear();
        }
        QVERIFY(appendChecked(store, e));
        reference.push_back(e);
        while (int(reference.size()) > window) {
            QCOMPARE(store.dropFront(), reference.front().payload.size());
            reference.pop_front();
        }
        QCOMPARE(store.size(), qsizetype(reference.size()));
        // Spot checks as it goes, everything at the end.
        const qsizetype k = rng.bounded(store.size());
        const QString diff = difference(store.at(k), reference[size_t(k)]);
        QVERIFY2(diff.isEmpty(), qPrintable(u"event %1 of %2: "_s.arg(k).arg(i) + diff));
    }
    for (qsizetype k = store.size() - 1; k >= 0; --k) {
        const QString diff = difference(store.at(k), reference[size_t(k)]);
        QVERIFY2(diff.isEmpty(), qPrintable(u"event %1: "_s.arg(k) + diff));
    }
    while (!store.isEmpty())
        store.dropFront();
    QCOMPARE(store.bytesUsed(), 0);
    QVERIFY(store.spareBytes() <= maxChunk);
}

// A full-size chunk freed is kept (not counted) and taken by the next chunk,
// so a log that wraps around maps no new memory; only one is kept.
void TestPackedEventStore::fullChunksAreReused()
{
    PackedEventStore store;
    const qint64 mappedBefore = PackedEventStore::mappedBytesInProcess();
    const QByteArray payload(1000, 'p');
    qint64 t = kT0;
    while (store.bytesUsed() < 8 * PackedEventStore::kMaxChunkBytes)
        store.append(dataEvent(t++, payload));
    QCOMPARE(store.spareBytes(), 0);
    // The first chunks are small (they grow): drop until a full-size one is freed.
    while (store.spareBytes() == 0)
        store.dropFront();
    QCOMPARE(store.spareBytes(), PackedEventStore::kMaxChunkBytes);
    const qint64 mappedWithSpare = PackedEventStore::mappedBytesInProcess();
    // The next full-size chunk is the spare: nothing new mapped.
    const qsizetype chunksBefore = store.size();
    while (store.spareBytes() != 0)
        store.append(dataEvent(t++, payload));
    QVERIFY(store.size() > chunksBefore);
    QCOMPARE(PackedEventStore::mappedBytesInProcess(), mappedWithSpare);
    // Emptied: one chunk kept, the rest freed.
    while (!store.isEmpty())
        store.dropFront();
    QCOMPARE(store.bytesUsed(), 0);
    QCOMPARE(store.spareBytes(), PackedEventStore::kMaxChunkBytes);
#ifdef Q_OS_LINUX
    QCOMPARE(PackedEventStore::mappedBytesInProcess() - mappedBefore, PackedEventStore::kMaxChunkBytes);
#endif
    store.clear();
    QCOMPARE(store.spareBytes(), 0);
    QCOMPARE(PackedEventStore::mappedBytesInProcess(), mappedBefore);
}

// A growing store's full-size chunks come from the helper thread when it
// has them ready, and hold what is appended to them like any other.
void TestPackedEventStore::growingStoreTakesPrefetchedChunks()
{
#ifndef Q_OS_LINUX
    QSKIP("chunks are prefetched on Linux only");
#endif
    PackedEventStore store;
    // Room for the first chunks and 6 more, with some to spare.
    const qint64 limit = 16 * (PackedEventStore::kMaxChunkBytes + PackedEventStore::chunkOverhead());
    store.setPrefetchLimit(limit);
    const quint64 takenBefore = PackedEventStore::prefetchedChunksTaken();
    std::deque<TrafficEvent> reference;
    qint64 t = kT0;
    const auto appendOne = [&] {
        reference.push_back(dataEvent(t, randomBytes(60000, quint32(t)), 3));
        ++t;
        return appendChecked(store, reference.back());
    };
    // Grow to the first full-size chunk: that asks for the next ones.
    while (store.bytesUsed() < 2 * PackedEventStore::kMaxChunkBytes)
        QVERIFY(appendOne());
    const int rounds = 6;
    for (int round = 0; round < rounds; ++round) {
        QTRY_VERIFY(PackedEventStore::prefetchedChunksReady() > 0);
        // Fill until the next chunk is begun.
        const quint64 taken = PackedEventStore::prefetchedChunksTaken();
        const qint64 used = store.bytesUsed();
        while (store.bytesUsed() - used < PackedEventStore::kMaxChunkBytes / 2)
            QVERIFY(appendOne());
        QCOMPARE(PackedEventStore::prefetchedChunksTaken(), taken + 1);
    }
    QVERIFY(PackedEventStore::prefetchedChunksTaken() - takenBefore >= quint64(rounds));
    QCOMPARE(store.size(), qsizetype(reference.size()));
    for (qsizetype k = 0; k < store.size(); ++k) {
        const QString diff = difference(store.at(k), reference[size_t(k)]);
        QVERIFY2(diff.isEmpty(), qPrintable(u"event %1: "_s.arg(k) + diff));
    }
    // Near the limit fewer are kept ready, at it none: a full log reuses
    // its own chunks, and prepared ones would be memory nobody uses.
    while (store.bytesUsed() < limit - 2 * (PackedEventStore::kMaxChunkBytes + PackedEventStore::chunkOverhead()))
        QVERIFY(appendOne());
    QVERIFY(PackedEventStore::prefetchedChunksReady() <= 2);
    while (store.bytesUsed() <= limit - PackedEventStore::kMaxChunkBytes)
        QVERIFY(appendOne());
    QTRY_COMPARE(PackedEventStore::prefetchedChunksReady(), qsizetype(0));
    // Taken ones go with the store.
    const qint64 mapped = PackedEventStore::mappedBytesInProcess();
    store.clear();
    QVERIFY(PackedEventStore::mappedBytesInProcess() < mapped);

    // A store without a limit (the default) has none prepared.
    PackedEventStore unlimited;
    const quint64 takenNow = PackedEventStore::prefetchedChunksTaken();
    t = kT0;
    while (unlimited.bytesUsed() < 6 * PackedEventStore::kMaxChunkBytes) {
        unlimited.append(dataEvent(t, randomBytes(60000, quint32(t)), 3));
        ++t;
    }
    QCOMPARE(PackedEventStore::prefetchedChunksReady(), qsizetype(0));
    QCOMPARE(PackedEventStore::prefetchedChunksTaken(), takenNow);
}

void TestPackedEventStore::maxChunkBytes_data()
{
    QTest::addColumn<qsizetype>("requested");
    QTest::addColumn<qsizetype>("effective");
    QTest::newRow("0") << qsizetype(0) << qsizetype(512);
    QTest::newRow("511") << qsizetype(511) << qsizetype(512);
    QTest::newRow("1023") << qsizetype(1023) << qsizetype(512);
    QTest::newRow("1024") << qsizetype(1024) << qsizetype(1024);
    QTest::newRow("3000") << qsizetype(3000) << qsizetype(2048);
    QTest::newRow("2 MiB") << qsizetype(2 << 20) << qsizetype(2 << 20);
    QTest::newRow("1 GiB") << qsizetype(1 << 30) << qsizetype(2 << 20);
}

void TestPackedEventStore::maxChunkBytes()
{
    QFETCH(qsizetype, requested);
    QFETCH(qsizetype, effective);
    PackedEventStore store;
    store.setMaxChunkBytes(requested);
    QCOMPARE(store.maxChunkBytes(), effective);
    QCOMPARE(store.externalThreshold(), effective / PackedEventStore::kExternalFraction);
    // Chunks never grow past it: many small events cost at most one chunk at a time.
    for (int i = 0; i < 2000; ++i) {
        const qint64 cost = store.costOfAppending(dataEvent(kT0 + i, "0123456789"));
        QVERIFY2(cost <= effective + PackedEventStore::chunkOverhead() + PackedEventStore::contextBytes(),
                 qPrintable(QString::number(cost)));
        store.append(dataEvent(kT0 + i, "0123456789"));
    }
}

void TestPackedEventStore::clearFreesEverything()
{
    const qint64 mappedBefore = PackedEventStore::mappedBytesInProcess();
    PackedEventStore store;
    for (int i = 0; i < 100000; ++i) {
        TrafficEvent e = dataEvent(kT0 + i, QByteArray(100, 'c'), quint32(i % 300));
        store.append(e);
    }
    while (store.size() > 50000)
        store.dropFront();
    QVERIFY(store.bytesUsed() > 0);
    store.clear();
    QCOMPARE(store.size(), 0);
    QCOMPARE(store.bytesUsed(), 0);
    QCOMPARE(store.spareBytes(), 0);
    QCOMPARE(PackedEventStore::mappedBytesInProcess(), mappedBefore);
    // Works as new afterwards.
    const TrafficEvent e = dataEvent(kT0, "again");
    QVERIFY(appendChecked(store, e));
    QVERIFY(difference(store.at(0), e).isEmpty());
}

// Issue 20: a received message's reply-rule mark comes back as appended:
// no rules, unmatched and the first rules in the record itself (no side
// entry, so a flood of matched messages costs nothing more), later rules
// and odd values through the side entry.
void TestPackedEventStore::ruleMarks()
{
    PackedEventStore plain;
    QVERIFY(appendChecked(plain, dataEvent(1000, "x")));
    const qint64 unmarked = plain.bytesUsed();
    for (const int rule : {-2, -1, 0, 1, 4, 5, 6, 120, 100000, -7}) {
        PackedEventStore store;
        TrafficEvent e = dataEvent(1000, "x");
        e.rule = rule;
        QVERIFY(appendChecked(store, e));
        const QString diff = difference(store.at(0), e);
        QVERIFY2(diff.isEmpty(), qPrintable(diff));
        if (rule >= -2 && rule <= 4)
            QCOMPARE(store.bytesUsed(), unmarked);
        else
            QVERIFY(store.bytesUsed() > unmarked);
    }
}

QTEST_GUILESS_MAIN(TestPackedEventStore)
#include "tst_packedeventstore.moc"
