// TrafficStats over real sessions and real loopback sockets. Rates depend on
// the clock, so only their sign and structure are checked; counts are exact.

#include "core/log/TrafficLog.h"
#include "core/log/TrafficStats.h"
#include "core/net/TcpServerSession.h"
#include "core/net/UdpSession.h"
#include "support/SessionEvents.h"

#include <QNetworkDatagram>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>
#include <QUdpSocket>

#include <memory>
#include <vector>

namespace {
std::unique_ptr<QTcpSocket> connectClient(const Endpoint &to)
{
    auto c = std::make_unique<QTcpSocket>();
    c->connectToHost(to.address, to.port);
    if (!c->waitForConnected(5000))
        return nullptr;
    return c;
}

// Stats that sample only when told, so a test sees every sample it causes.
std::unique_ptr<TrafficStats> manualStats(Session *session)
{
    auto stats = std::make_unique<TrafficStats>();
    stats->setInterval(0);
    stats->setSession(session);
    return stats;
}
} // namespace

class TestTrafficStats : public QObject
{
    Q_OBJECT
private slots:
    void startsWithNoSamples();
    void countsLoopbackTrafficBothWays();
    void trafficBeforeWatchingIsTotalNotRate();
    void historyKeepsTheLastMinute();
    void historyCapacityFollowsTheInterval_data();
    void historyCapacityFollowsTheInterval();
    void reportsWhatTheLogBudgetDropped();
    void countsOpenConnectionsCheaply();
    void countsUdpPeers();
    void timerSamplesOnItsOwn();
    void survivesItsSession();
};

void TestTrafficStats::startsWithNoSamples()
{
    TcpServerSession server;
    auto stats = manualStats(&server);
    QCOMPARE(stats->interval(), 0);
    QCOMPARE(TrafficStats().interval(), TrafficStats::kDefaultIntervalMs);
    QVERIFY(stats->history().isEmpty());
    QCOMPARE(stats->sampleCount(), quint64(0));
    QCOMPARE(stats->rates().bytesIn, 0.0);

    QSignalSpy sampled(stats.get(), &TrafficStats::sampled);
    stats->sampleNow();
    QCOMPARE(sampled.count(), 1);
    QCOMPARE(stats->history().size(), 1);
    QCOMPARE(stats->sampleCount(), quint64(1));
    const TrafficStats::Rates r = stats->rates();
    QCOMPARE(r.bytesIn, 0.0);
    QCOMPARE(r.bytesOut, 0.0);
    QCOMPARE(r.messagesIn, 0.0);
    QCOMPARE(r.messagesOut, 0.0);
    QCOMPARE(stats->connectionCount(), 0);
    QCOMPARE(stats->droppedEvents(), quint64(0));
}

void TestTrafficStats::countsLoopbackTrafficBothWays()
{
    TcpServerSession server;
    server.setKeepOpenOnPeerFin(false);  // the client's FIN ends the connection
    QVERIFY(server.start());
    auto stats = manualStats(&server);
    auto client = connectClient(server.listenEndpoint());
    QVERIFY(client);
    QTRY_COMPARE(server.clientCount(), 1);

    const QByteArray up(1000, 'u');
    client->write(up);
    QTRY_COMPARE(server.counters().bytesIn, quint64(up.size()));
    const QByteArray down(300, 'd');
    QVERIFY(server.send(down).ok());
    QTRY_COMPARE(client->bytesAvailable(), qint64(down.size()));

    stats->sampleNow();
    const SessionCounters totals = stats->totals();
    QCOMPARE(totals.bytesIn, quint64(up.size()));
    QCOMPARE(totals.bytesOut, quint64(down.size()));
    // TCP may hand the 1000 bytes over in more than one read.
    QVERIFY(totals.messagesIn >= 1);
    quint64 reads = 0;
    for (const TrafficEvent &e : eventsOf(server, TrafficEvent::Kind::Data))
        reads += e.direction == TrafficEvent::Direction::In ? 1 : 0;
    QCOMPARE(totals.messagesIn, reads);
    QCOMPARE(totals.messagesOut, quint64(1));
    QCOMPARE(totals.connections, quint64(1));
    QCOMPARE(stats->connectionCount(), 1);
    const TrafficStats::Rates r = stats->rates();
    QVERIFY(r.bytesIn > 0);
    QVERIFY(r.bytesOut > 0);
    QVERIFY(r.messagesIn > 0);
    QVERIFY(r.messagesOut > 0);
    QCOMPARE(stats->history().constLast().connections, 1);

    // Nothing moved since: the next sample's rates are exactly zero, the
    // totals and the peaks stay.
    stats->sampleNow();
    QCOMPARE(stats->history().size(), 2);
    QCOMPARE(stats->rates().bytesIn, 0.0);
    QCOMPARE(stats->rates().messagesOut, 0.0);
    QCOMPARE(stats->totals().bytesIn, quint64(up.size()));
    QCOMPARE(stats->peak().bytesIn, r.bytesIn);
    QCOMPARE(stats->peak().bytesOut, r.bytesOut);

    client->disconnectFromHost();
    QTRY_COMPARE(server.clientCount(), 0);
    stats->sampleNow();
    QCOMPARE(stats->connectionCount(), 0);
    QCOMPARE(stats->totals().connections, quint64(1));
}

void TestTrafficStats::trafficBeforeWatchingIsTotalNotRate()
{
    TcpServerSession server;
    QVERIFY(server.start());
    auto client = connectClient(server.listenEndpoint());
    QVERIFY(client);
    client->write(QByteArray(512, 'x'));
    QTRY_COMPARE(server.counters().bytesIn, quint64(512));

    auto stats = manualStats(&server);
    // Before the first sample the figures are already the session's.
    QCOMPARE(stats->totals().bytesIn, quint64(512));
    QCOMPARE(stats->connectionCount(), 1);
    stats->sampleNow();
    QCOMPARE(stats->rates().bytesIn, 0.0);
    QCOMPARE(stats->peak().bytesIn, 0.0);
    QCOMPARE(stats->totals().bytesIn, quint64(512));
}

void TestTrafficStats::historyKeepsTheLastMinute()
{
    TcpServerSession server;
    auto stats = manualStats(&server);
    QCOMPARE(stats->historyCapacity(), 60);
    for (int i = 0; i < 100; ++i)
        stats->sampleNow();
    QCOMPARE(stats->sampleCount(), quint64(100));
    const QList<TrafficStats::Sample> history = stats->history();
    QCOMPARE(history.size(), 60);
    for (qsizetype i = 1; i < history.size(); ++i)
        QVERIFY(history[i - 1].atMs <= history[i].atMs);
    QVERIFY(history.constLast().atMs - history.constFirst().atMs <= TrafficStats::kWindowMs);

    // Watching again starts over.
    stats->setSession(&server);
    QVERIFY(stats->history().isEmpty());
    QCOMPARE(stats->sampleCount(), quint64(0));
}

void TestTrafficStats::historyCapacityFollowsTheInterval_data()
{
    QTest::addColumn<int>("intervalMs");
    QTest::addColumn<int>("capacity");
    QTest::newRow("1 s") << 1000 << 60;
    QTest::newRow("500 ms") << 500 << 120;
    QTest::newRow("7 s") << 7000 << 9;
    QTest::newRow("2 min") << 120000 << 1;
    QTest::newRow("manual") << 0 << 60;
}

void TestTrafficStats::historyCapacityFollowsTheInterval()
{
    QFETCH(int, intervalMs);
    QFETCH(int, capacity);
    TrafficStats stats;
    stats.setInterval(intervalMs);
    QCOMPARE(stats.interval(), intervalMs);
    QCOMPARE(stats.historyCapacity(), qsizetype(capacity));
}

void TestTrafficStats::reportsWhatTheLogBudgetDropped()
{
    TcpServerSession server;
    QVERIFY(server.start());
    auto stats = manualStats(&server);
    auto client = connectClient(server.listenEndpoint());
    QVERIFY(client);
    quint64 expectedIn = 0;
    for (int i = 0; i < 8; ++i) {
        client->write(QByteArray(2000, char('a' + i)));
        expectedIn += 2000;
        QTRY_COMPARE(server.counters().bytesIn, expectedIn);
    }
    stats->sampleNow();
    QCOMPARE(stats->droppedEvents(), quint64(0));
    QCOMPARE(stats->droppedPayloadBytes(), quint64(0));

    // What the smallest budget will let go of: every event before the ones it keeps.
    TrafficLog *log = server.log();
    std::vector<quint64> payloadBySerial;
    for (qsizetype i = 0; i < log->size(); ++i)
        payloadBySerial.push_back(quint64(log->at(i).payload.size()));
    const quint64 firstBefore = log->firstSerial();
    log->setByteBudget(0);
    const quint64 droppedEvents = log->firstSerial() - firstBefore;
    QVERIFY(droppedEvents > 0);
    quint64 droppedBytes = 0;
    for (quint64 i = 0; i < droppedEvents; ++i)
        droppedBytes += payloadBySerial[size_t(i)];
    QVERIFY(droppedBytes > 0);

    // Seen at the next sample, not before.
    QCOMPARE(stats->droppedEvents(), quint64(0));
    stats->sampleNow();
    QCOMPARE(stats->droppedEvents(), droppedEvents);
    QCOMPARE(stats->droppedPayloadBytes(), droppedBytes);
    // The totals still count what the log let go of.
    QCOMPARE(stats->totals().bytesIn, expectedIn);
}

void TestTrafficStats::countsOpenConnectionsCheaply()
{
    TcpServerSession server;
    server.setKeepOpenOnPeerFin(false);  // a client's FIN ends its connection
    QVERIFY(server.start());
    auto stats = manualStats(&server);
    std::vector<std::unique_ptr<QTcpSocket>> clients;
    for (int i = 0; i < 5; ++i) {
        clients.push_back(connectClient(server.listenEndpoint()));
        QVERIFY(clients.back());
    }
    QTRY_COMPARE(server.clientCount(), 5);
    QCOMPARE(server.connectionCount(), int(server.connections().size()));
    stats->sampleNow();
    QCOMPARE(stats->connectionCount(), 5);
    clients.front()->disconnectFromHost();
    QTRY_COMPARE(server.clientCount(), 4);
    QCOMPARE(server.connectionCount(), int(server.connections().size()));
    stats->sampleNow();
    QCOMPARE(stats->connectionCount(), 4);
    QCOMPARE(stats->totals().connections, quint64(5));
}

void TestTrafficStats::countsUdpPeers()
{
    UdpSession udp;
    QVERIFY(udp.start());
    auto stats = manualStats(&udp);
    QUdpSocket a;
    QUdpSocket b;
    QVERIFY(a.bind(QHostAddress::LocalHost, 0));
    QVERIFY(b.bind(QHostAddress::LocalHost, 0));
    const Endpoint to = udp.localEndpoint();
    a.writeDatagram(QByteArray(100, 'a'), to.address, to.port);
    a.writeDatagram(QByteArray(50, 'a'), to.address, to.port);
    b.writeDatagram(QByteArray(25, 'b'), to.address, to.port);
    QTRY_COMPARE(udp.counters().messagesIn, quint64(3));
    QCOMPARE(udp.connectionCount(), int(udp.connections().size()));
    stats->sampleNow();
    QCOMPARE(stats->connectionCount(), 2);
    QCOMPARE(stats->totals().bytesIn, quint64(175));
    QCOMPARE(stats->totals().messagesIn, quint64(3));   // datagrams keep their boundaries
    QVERIFY(stats->rates().messagesIn > 0);
}

void TestTrafficStats::timerSamplesOnItsOwn()
{
    TcpServerSession server;
    TrafficStats stats;
    stats.setInterval(20);
    QSignalSpy sampled(&stats, &TrafficStats::sampled);
    QTest::qWait(60);
    QCOMPARE(sampled.count(), 0);   // no session, no samples
    stats.setSession(&server);
    QTRY_VERIFY(sampled.count() >= 2);
    QVERIFY(stats.sampleCount() >= 2);
    stats.setInterval(0);
    const int seen = int(sampled.count());
    QTest::qWait(60);
    QCOMPARE(int(sampled.count()), seen);
}

void TestTrafficStats::survivesItsSession()
{
    TrafficStats stats;
    stats.setInterval(0);
    {
        TcpServerSession server;
        stats.setSession(&server);
        stats.sampleNow();
    }
    QCOMPARE(stats.session(), nullptr);
    QSignalSpy sampled(&stats, &TrafficStats::sampled);
    stats.sampleNow();   // nothing to read: no sample, no crash
    QCOMPARE(sampled.count(), 0);
    QCOMPARE(stats.history().size(), 1);
}

QTEST_GUILESS_MAIN(TestTrafficStats)
#include "tst_trafficstats.moc"
