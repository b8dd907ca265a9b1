// KernelStateLog against real loopback sockets: the `state` events a TCP
// session records of its own sockets as the kernel reports them — a
// client's connection from ESTABLISHED to TIME_WAIT after its close, its
// receive queue rising while reads are held and falling after, a server's
// listener with its backlog and accept queue, and that nothing is sampled
// (or recorded twice) when nobody watches or nothing changed.

#include "core/log/StateReport.h"
#include "core/log/TrafficEvent.h"
#include "core/net/KernelStateLog.h"
#include "core/net/TcpClientSession.h"
#include "core/net/TcpServerSession.h"
#include "core/net/UdpSession.h"
#include "core/os/TcpKernelView.h"

#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

#include <algorithm>
#include <memory>
#include <vector>

namespace {

struct Seen
{
    TrafficEvent event;
    StateReport report;
};

// The state events a session records, as they come.
struct StateEvents
{
    explicit StateEvents(Session *session)
    {
        QObject::connect(session, &Session::eventOccurred, session, [this](const TrafficEvent &e) {
            if (e.kind != TrafficEvent::Kind::State)
                return;
            const std::optional<StateReport> r = StateReport::fromPayload(e.payload);
            QVERIFY2(r, e.payload.constData());
            all.push_back(Seen{e, *r});
        });
    }
    // The last report of the socket local <-> peer (peer null: the listener).
    std::optional<StateReport> last(const Endpoint &local, const Endpoint &peer) const
    {
        for (auto it = all.rbegin(); it != all.rend(); ++it) {
            if (it->event.local == local && it->event.peer == peer)
                return it->report;
        }
        return std::nullopt;
    }
    bool saw(const Endpoint &local, const Endpoint &peer, const QString &state) const
    {
        for (const Seen &s : all) {
            if (s.event.local == local && s.event.peer == peer && s.report.tcpState == state)
                return true;
        }
        return false;
    }
    std::vector<Seen> all;
};

Endpoint ep(quint16 port)
{
    return Endpoint{QHostAddress(QHostAddress::LocalHost), port};
}

} // namespace

class TestKernelStateLog : public QObject
{
    Q_OBJECT
private slots:
    void nothingIsSampledUnlessWatched();
    void clientFromEstablishedToTimeWait();
    void receiveQueueRisesWhileReadsAreHeld();
    void serverListenerAndItsConnections();
    void anUnchangedSocketIsNotRecordedAgain();
    void aViewRecordsOnlyTheSocketItFollows();
    void aConnectNobodyAnswersStaysInSynSent();
};

void TestKernelStateLog::nothingIsSampledUnlessWatched()
{
    TcpClientSession client;
    KernelStateLog *log = client.stateLog();
    QVERIFY(log);
    QVERIFY(!log->isSampling());
    // --log on an idle session: nothing to sample until it runs.
    log->setAll(true);
    QVERIFY(!log->isSampling());
    log->setAll(false);
    log->watch(ep(5000), ep(41234));
    QVERIFY(log->isSampling());
    log->watch(ep(5000), ep(41234));
    log->unwatch(ep(5000), ep(41234));
    QVERIFY2(log->isSampling(), "a second view still follows it");
    log->unwatch(ep(5000), ep(41234));
    QVERIFY(!log->isSampling());
    QCOMPARE(log->trackedCount(), 0);
    // A UDP session has no TCP sockets to report.
    UdpSession udp;
    QVERIFY(!udp.stateLog());
}

void TestKernelStateLog::clientFromEstablishedToTimeWait()
{
    QTcpServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost));
    std::unique_ptr<QTcpSocket> accepted;
    connect(&server, &QTcpServer::newConnection, this, [&] {
        accepted.reset(server.nextPendingConnection());
        // The server closes its end once the client has closed its own,
        // so the client, which closed first, is the one in TIME_WAIT.
        connect(accepted.get(), &QTcpSocket::disconnected, accepted.get(), &QTcpSocket::close);
    });
    TcpClientSession client;
    client.setHost(QStringLiteral("127.0.0.1"));
    client.setPort(server.serverPort());
    client.stateLog()->setAll(true);
    StateEvents events(&client);
    QSignalSpy connected(&client, &TcpClientSession::connected);
    QVERIFY(client.start());
    QTRY_COMPARE_WITH_TIMEOUT(connected.size(), 1, 5000);
    const Endpoint local = client.localEndpoint();
    const Endpoint peer = client.peerEndpoint();
    QTRY_VERIFY_WITH_TIMEOUT(events.saw(local, peer, QStringLiteral("ESTABLISHED")), 5000);
    QCOMPARE(events.last(local, peer)->recvQ, 0u);
    QVERIFY(!events.last(local, peer)->listener);

    client.stop();
    QTRY_VERIFY_WITH_TIMEOUT(events.saw(local, peer, QStringLiteral("TIME_WAIT")), 5000);
    // Followed after the program let go of the socket; its messages are words.
    const auto it = std::find_if(events.all.begin(), events.all.end(), [&](const Seen &s) {
        return s.report.tcpState == QLatin1String("ESTABLISHED");
    });
    QVERIFY(it->event.message.contains(QLatin1String("Recv-Q")));
    QCOMPARE(it->event.session, SessionKind::TcpClient);
}

void TestKernelStateLog::receiveQueueRisesWhileReadsAreHeld()
{
    QTcpServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost));
    std::unique_ptr<QTcpSocket> accepted;
    connect(&server, &QTcpServer::newConnection, this, [&] { accepted.reset(server.nextPendingConnection()); });
    TcpClientSession client;
    client.setHost(QStringLiteral("127.0.0.1"));
    client.setPort(server.serverPort());
    client.stateLog()->setAll(true);
    StateEvents events(&client);
    QSignalSpy connected(&client, &TcpClientSession::connected);
    QVERIFY(client.start());
    QTRY_COMPARE_WITH_TIMEOUT(connected.size(), 1, 5000);
    QTRY_VERIFY_WITH_TIMEOUT(accepted != nullptr, 5000);
    const Endpoint local = client.localEndpoint();
    const Endpoint peer = client.peerEndpoint();

    // Reads held (the log's back-pressure): Qt's own buffer fills, then the
    // kernel's receive queue.
    client.setReadsHeld(true);
    const QByteArray block(1024 * 1024, 'x');
    accepted->write(block);
    QTRY_VERIFY_WITH_TIMEOUT(events.last(local, peer) && events.last(local, peer)->recvQ > 0, 10000);
    client.setReadsHeld(false);
    QTRY_VERIFY_WITH_TIMEOUT(events.last(local, peer) && events.last(local, peer)->recvQ == 0, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(client.counters().bytesIn, quint64(block.size()), 10000);
}

void TestKernelStateLog::serverListenerAndItsConnections()
{
    TcpServerSession server;
    server.setBacklog(2);
    server.stateLog()->setAll(true);
    StateEvents events(&server);
    QVERIFY(server.start());
    const Endpoint listening = server.listenEndpoint();
    QTRY_VERIFY_WITH_TIMEOUT(events.last(listening, Endpoint{}), 5000);
    StateReport l = *events.last(listening, Endpoint{});
    QCOMPARE(l.tcpState, QStringLiteral("LISTEN"));
    QVERIFY(l.listener);
    QCOMPARE(l.backlog, 2u);
    QCOMPARE(l.acceptQueue, 0u);

    std::vector<std::unique_ptr<QTcpSocket>> clients;
    for (int i = 0; i < 3; ++i) {
        clients.push_back(std::make_unique<QTcpSocket>());
        clients.back()->connectToHost(QHostAddress::LocalHost, listening.port);
        QVERIFY(clients.back()->waitForConnected(5000));
    }
    QTRY_COMPARE_WITH_TIMEOUT(server.clientCount(), 3, 5000);
    for (const auto &c : clients) {
        const Endpoint ours{c->peerAddress(), c->peerPort()};
        const Endpoint theirs{c->localAddress(), c->localPort()};
        QTRY_VERIFY_WITH_TIMEOUT(events.saw(ours, theirs, QStringLiteral("ESTABLISHED")), 5000);
    }
    // Each connection's events carry the id the clients table shows.
    for (const ConnectionInfo &info : server.connections()) {
        const auto it = std::find_if(events.all.begin(), events.all.end(), [&](const Seen &s) {
            return s.event.local == info.local && s.event.peer == info.peer && s.event.connectionId == info.id;
        });
        QVERIFY2(it != events.all.end() || events.last(info.local, info.peer), "a state event for every client");
    }
    server.stop();
    QTRY_VERIFY_WITH_TIMEOUT(events.saw(listening, Endpoint{}, QStringLiteral("CLOSED")), 5000);
}

void TestKernelStateLog::anUnchangedSocketIsNotRecordedAgain()
{
    TcpServerSession server;
    server.stateLog()->setAll(true);
    StateEvents events(&server);
    QVERIFY(server.start());
    const Endpoint listening = server.listenEndpoint();
    QTRY_VERIFY_WITH_TIMEOUT(events.last(listening, Endpoint{}), 5000);
    const size_t before = events.all.size();
    for (int i = 0; i < 5; ++i)
        server.stateLog()->sample();
    QCOMPARE(events.all.size(), before);
    // A change is: a client waiting in the accept queue... or taken, which
    // brings its connection's own report.
    QTcpSocket c;
    c.connectToHost(QHostAddress::LocalHost, listening.port);
    QVERIFY(c.waitForConnected(5000));
    QTRY_VERIFY_WITH_TIMEOUT(events.all.size() > before, 5000);
}

void TestKernelStateLog::aViewRecordsOnlyTheSocketItFollows()
{
    TcpServerSession server;
    StateEvents events(&server);
    QVERIFY(server.start());
    const Endpoint listening = server.listenEndpoint();
    QTcpSocket a;
    QTcpSocket b;
    a.connectToHost(QHostAddress::LocalHost, listening.port);
    b.connectToHost(QHostAddress::LocalHost, listening.port);
    QVERIFY(a.waitForConnected(5000));
    QVERIFY(b.waitForConnected(5000));
    QTRY_COMPARE_WITH_TIMEOUT(server.clientCount(), 2, 5000);
    const Endpoint aOurs{a.peerAddress(), a.peerPort()};
    const Endpoint aTheirs{a.localAddress(), a.localPort()};
    server.stateLog()->watch(aOurs, aTheirs);
    QTRY_VERIFY_WITH_TIMEOUT(events.saw(aOurs, aTheirs, QStringLiteral("ESTABLISHED")), 5000);
    // The id comes from the session's clients.
    QVERIFY(events.all.front().event.connectionId != 0);
    QTest::qWait(3 * KernelStateLog::kIntervalMs);
    for (const Seen &s : events.all)
        QVERIFY2(s.event.local == aOurs && s.event.peer == aTheirs, qPrintable(s.event.message));
    server.stateLog()->unwatch(aOurs, aTheirs);
    QVERIFY(!server.stateLog()->isSampling());
}

void TestKernelStateLog::aConnectNobodyAnswersStaysInSynSent()
{
    // A listener whose accept queue is full drops further SYNs: on
    // loopback, what a host that drops SYNs looks like (listen(0) admits
    // one; nobody accepts).
    QTcpServer full;
    full.setListenBacklogSize(0);
    QVERIFY(full.listen(QHostAddress::LocalHost));
    full.pauseAccepting();
    // One connection fills it: further SYNs, ours, are dropped.
    QTcpSocket filler;
    filler.connectToHost(QHostAddress::LocalHost, full.serverPort());
    QVERIFY(filler.waitForConnected(5000));

    TcpClientSession client;
    client.setHost(QStringLiteral("127.0.0.1"));
    client.setPort(full.serverPort());
    client.setConnectTimeout(8000);
    client.stateLog()->setAll(true);
    StateEvents events(&client);
    QSignalSpy synSent(&client, &TcpClientSession::synSent);
    QVERIFY(client.start());
    QTRY_COMPARE_WITH_TIMEOUT(synSent.size(), 1, 5000);
    const Endpoint local = synSent.first().at(0).value<Endpoint>();
    const Endpoint peer = synSent.first().at(1).value<Endpoint>();
    QCOMPARE(peer.port, full.serverPort());
    QVERIFY(local.port != 0);
    QVERIFY(!client.isConnected());
    // Logged in SYN_SENT, with its endpoints, before any answer.
    QTRY_VERIFY_WITH_TIMEOUT(events.saw(local, peer, QStringLiteral("SYN_SENT")), 5000);
    // The kernel sends the SYN again (1 s, then 2 s …): its retries are counted.
    QTRY_VERIFY_WITH_TIMEOUT(TcpKernelView::find(local, peer) && TcpKernelView::find(local, peer)->retransmits >= 1,
                             5000);
    QCOMPARE(TcpKernelView::find(local, peer)->state, TcpKernelView::State::SynSent);
    client.stop();
}

QTEST_GUILESS_MAIN(TestKernelStateLog)
#include "tst_kernelstatelog.moc"
