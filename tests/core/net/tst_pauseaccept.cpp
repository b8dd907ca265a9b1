// Pause accept() on a TCP server (issue 21): clients finish their handshake
// and wait in the kernel's accept queue until it holds backlog + 1, further
// SYNs are dropped (their connect() hangs), and releasing takes them all.

#include "core/log/TrafficLog.h"
#include "core/net/TcpServerSession.h"
#include "core/os/TcpKernelView.h"

#include <QTcpSocket>
#include <QtTest>

#include <memory>
#include <vector>

class TestPauseAccept : public QObject
{
    Q_OBJECT
private slots:
    void acceptQueueFillsToBacklogPlusOne_data();
    void acceptQueueFillsToBacklogPlusOne();
    void savedAndRestored();
};

namespace {

int acceptQueue(const TcpServerSession &server)
{
    const std::optional<TcpKernelView::Socket> listener = TcpKernelView::listener(server.listenEndpoint());
    return listener ? int(listener->receiveQueue) : -1;
}

// Our clients whose SYN waits for an answer (the listener dropped it).
int synSentTo(quint16 port)
{
    QList<TcpKernelView::Socket> sockets;
    if (!TcpKernelView::list(&sockets, nullptr, {TcpKernelView::State::SynSent}))
        return -1;
    int n = 0;
    for (const TcpKernelView::Socket &s : std::as_const(sockets))
        n += s.peer.port == port ? 1 : 0;
    return n;
}

int connectedEvents(const TcpServerSession &server)
{
    int n = 0;
    for (qsizetype i = 0; i < server.log()->size(); ++i)
        n += server.log()->at(i).kind == TrafficEvent::Kind::Connected ? 1 : 0;
    return n;
}

void setPaused(TcpServerSession &server, bool paused)
{
    SessionSettings s = server.settings();
    s.pauseAccept = paused;
    server.setSettings(s);
}

} // namespace

void TestPauseAccept::acceptQueueFillsToBacklogPlusOne_data()
{
    QTest::addColumn<int>("backlog");
    QTest::addColumn<bool>("pausedBeforeStart");
    // Whether the test waits for the clients whose SYN was dropped to get in
    // on a retransmit (a second and more later; once is enough).
    QTest::addColumn<bool>("waitForLateClients");
    QTest::newRow("backlog 2, paused before listening") << 2 << true << true;
    QTest::newRow("backlog 2, paused while listening") << 2 << false << false;
    QTest::newRow("backlog 0") << 0 << true << false;
    QTest::newRow("backlog 5") << 5 << false << false;
}

void TestPauseAccept::acceptQueueFillsToBacklogPlusOne()
{
    QFETCH(int, backlog);
    QFETCH(bool, pausedBeforeStart);
    QFETCH(bool, waitForLateClients);
    TcpServerSession server;
    server.setListenAddress(QHostAddress(QHostAddress::LocalHost));
    server.setBacklog(backlog);
    if (pausedBeforeStart)
        setPaused(server, true);
    QVERIFY(server.start());
    if (!pausedBeforeStart)
        setPaused(server, true);
    QVERIFY(server.settings().pauseAccept);
    const quint16 port = server.listenEndpoint().port;

    // backlog + 1 clients finish their handshake: the kernel queues them.
    std::vector<std::unique_ptr<QTcpSocket>> clients;
    for (int i = 0; i < backlog + 1; ++i) {
        clients.push_back(std::make_unique<QTcpSocket>());
        clients.back()->connectToHost(QHostAddress::LocalHost, port);
        QTRY_COMPARE(clients.back()->state(), QAbstractSocket::ConnectedState);
    }
    QTRY_COMPARE(acceptQueue(server), backlog + 1);
    // Two more: the queue is full, their SYNs are dropped, connect() hangs.
    for (int i = 0; i < 2; ++i) {
        clients.push_back(std::make_unique<QTcpSocket>());
        clients.back()->connectToHost(QHostAddress::LocalHost, port);
    }
    QTRY_COMPARE(synSentTo(port), 2);
    QCOMPARE(acceptQueue(server), backlog + 1);
    QCOMPARE(clients.back()->state(), QAbstractSocket::ConnectingState);
    // Nobody was accepted: no client in the session, none logged.
    QCOMPARE(server.clientCount(), 0);
    QCOMPARE(connectedEvents(server), 0);

    // Released: every waiting client is taken into the session.
    if (!waitForLateClients) {
        for (std::size_t i = std::size_t(backlog) + 1; i < clients.size(); ++i)
            clients[i]->abort();
    }
    setPaused(server, false);
    QTRY_VERIFY(server.clientCount() >= backlog + 1);
    QTRY_COMPARE(acceptQueue(server), 0);
    if (!waitForLateClients)
        return;
    // The two whose SYN was dropped get in on a retransmit (1 s, 3 s, 7 s…).
    QTRY_COMPARE_WITH_TIMEOUT(server.clientCount(), backlog + 3, 40000);
    QCOMPARE(connectedEvents(server), backlog + 3);
    for (const auto &c : clients)
        QTRY_COMPARE(c->state(), QAbstractSocket::ConnectedState);
}

void TestPauseAccept::savedAndRestored()
{
    SessionSettings s;
    QVERIFY(!s.pauseAccept);
    s.pauseAccept = true;
    const QVariantMap map = s.toMap(SessionKind::TcpServer);
    QCOMPARE(map.value(QStringLiteral("pauseAccept")).toBool(), true);
    QStringList problems;
    const SessionSettings back = SessionSettings::fromMap(SessionKind::TcpServer, map, SessionSettings{}, &problems);
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
    QVERIFY(back.pauseAccept);
    // A saved tab without the key (older) and a saved "false" both listen as before.
    QVariantMap old = map;
    old.remove(QStringLiteral("pauseAccept"));
    QVERIFY(!SessionSettings::fromMap(SessionKind::TcpServer, old, SessionSettings{}, &problems).pauseAccept);
    QVERIFY(!SessionSettings::fromMap(SessionKind::TcpServer, SessionSettings{}.toMap(SessionKind::TcpServer),
                                      back, &problems).pauseAccept);
}

QTEST_GUILESS_MAIN(TestPauseAccept)
#include "tst_pauseaccept.moc"
