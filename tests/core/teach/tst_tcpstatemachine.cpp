// TcpStateMachine (the RFC 793 diagram as a teaching model) and
// TcpStateWatch following real loopback sockets through it: the paths
// between two sampled states, the causes, and a connection watched from
// its handshake to TIME_WAIT after our close and to CLOSE_WAIT and LAST_ACK
// after the peer's.

#include "core/teach/TcpStateMachine.h"
#include "core/teach/TcpStateWatch.h"
#include "support/LoopbackPair.h"

#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

#include <memory>

#include <unistd.h>

using State = TcpKernelView::State;
Q_DECLARE_METATYPE(QList<int>)

namespace {

QList<int> statesOf(const QList<TcpStateMachine::Transition> &path)
{
    QList<int> out;
    if (!path.isEmpty())
        out.append(int(path.first().from));
    for (const TcpStateMachine::Transition &t : path)
        out.append(int(t.to));
    return out;
}

QList<int> walked(const TcpStateWatch &watch)
{
    QList<int> out;
    for (const TcpStateWatch::Step &s : watch.steps()) {
        if (out.isEmpty())
            out.append(int(s.transition.from));
        out.append(int(s.transition.to));
    }
    return out;
}

} // namespace

class TestTcpStateMachine : public QObject
{
    Q_OBJECT
private slots:
    void everyArrowHasACauseAndEveryStateASentence();
    void path_data();
    void path();
    void watchFollowsOurCloseToTimeWait();
    void watchFollowsThePeersCloseThroughCloseWait();
    void watchFollowsAListener();
    void notWatchingSamplesNothing();
};

void TestTcpStateMachine::everyArrowHasACauseAndEveryStateASentence()
{
    const QList<TcpStateMachine::Transition> all = TcpStateMachine::transitions();
    QCOMPARE(all.size(), 20);
    for (const TcpStateMachine::Transition &t : all) {
        QVERIFY2(!t.cause.isEmpty(), qPrintable(TcpKernelView::stateName(t.from)));
        QCOMPARE(TcpStateMachine::transition(t.from, t.to).cause, t.cause);
    }
    QVERIFY(TcpStateMachine::transition(State::Listen, State::TimeWait).cause.isEmpty());
    QSet<QString> sentences;
    for (State s : TcpStateMachine::states()) {
        const QString text = TcpStateMachine::explain(s);
        QVERIFY(text.size() > 20);
        sentences.insert(text);
    }
    QCOMPARE(sentences.size(), TcpStateMachine::states().size());
    QVERIFY(TcpStateMachine::transition(State::Established, State::FinWait1).cause.contains(u"close()"));
}

void TestTcpStateMachine::path_data()
{
    QTest::addColumn<int>("from");
    QTest::addColumn<int>("to");
    QTest::addColumn<QList<int>>("states");
    auto row = [](const char *name, State from, State to, std::initializer_list<State> path) {
        QList<int> p;
        for (State s : path)
            p.append(int(s));
        QTest::newRow(name) << int(from) << int(to) << p;
    };
    row("same state", State::Established, State::Established, {});
    row("connect", State::Closed, State::Established, {State::Closed, State::SynSent, State::Established});
    row("accept", State::Listen, State::Established, {State::Listen, State::SynReceived, State::Established});
    row("our close, textbook way", State::Established, State::TimeWait,
        {State::Established, State::FinWait1, State::FinWait2, State::TimeWait});
    row("peer's close", State::Established, State::LastAck, {State::Established, State::CloseWait, State::LastAck});
    row("gone after the peer's close", State::CloseWait, State::Closed,
        {State::CloseWait, State::LastAck, State::Closed});
    row("gone: passive close is shortest", State::Established, State::Closed,
        {State::Established, State::CloseWait, State::LastAck, State::Closed});
    row("simultaneous close", State::FinWait1, State::Closing, {State::FinWait1, State::Closing});
    row("reset while handshaking", State::SynReceived, State::Closed, {State::SynReceived, State::Closed});
    row("no way back", State::TimeWait, State::Established,
        {State::TimeWait, State::Closed, State::SynSent, State::Established});
    row("nothing leads out of nowhere", State::Unknown, State::Listen, {});
}

void TestTcpStateMachine::path()
{
    QFETCH(int, from);
    QFETCH(int, to);
    QFETCH(QList<int>, states);
    const QList<TcpStateMachine::Transition> p = TcpStateMachine::path(State(from), State(to));
    QCOMPARE(statesOf(p), states);
    for (qsizetype i = 1; i < p.size(); ++i)
        QCOMPARE(p.at(i).from, p.at(i - 1).to);
}

void TestTcpStateMachine::watchFollowsOurCloseToTimeWait()
{
    LoopbackPair pair;
    QVERIFY(pair.ok());
    QTcpSocket &client = pair.client;
    TcpStateWatch watch;
    QSignalSpy changed(&watch, &TcpStateWatch::changed);
    watch.watch(localOf(client), peerOf(client), TcpStateWatch::Origin::Connected);
    QCOMPARE(watch.state(), State::Established);
    QVERIFY(changed.size() >= 1);
    // The handshake before the first sample, inferred from the origin.
    QCOMPARE(walked(watch), (QList<int>{int(State::Closed), int(State::SynSent), int(State::Established)}));
    QVERIFY(watch.steps().constFirst().inferred);
    watch.start();
    QVERIFY(watch.isRunning());
    client.disconnectFromHost();
    QTRY_COMPARE(watch.state(), State::TimeWait);
    // From ESTABLISHED through the closing states to TIME_WAIT, each with its cause.
    const QList<int> path = walked(watch);
    QCOMPARE(path.first(), int(State::Closed));
    QCOMPARE(path.last(), int(State::TimeWait));
    QVERIFY(path.contains(int(State::FinWait1)));
    for (const TcpStateWatch::Step &s : watch.steps())
        QVERIFY(!s.transition.cause.isEmpty());
    QVERIFY(watch.socket());
    QVERIFY(watch.socket()->timerMs > 0 && watch.socket()->timerMs <= 60000);
    watch.stop();
    QVERIFY(!watch.isRunning());
}

void TestTcpStateMachine::watchFollowsThePeersCloseThroughCloseWait()
{
    LoopbackPair pair;
    QVERIFY(pair.ok());
    QTcpSocket &client = pair.client;
    std::unique_ptr<QTcpSocket> &accepted = pair.accepted;
    // The server's end, held where Qt does not read (and close on) the FIN.
    const Endpoint serverEnd = localOf(*accepted);
    const Endpoint clientEnd = peerOf(*accepted);
    const int fd = ::dup(int(accepted->socketDescriptor()));
    QVERIFY(fd >= 0);
    accepted.reset();
    TcpStateWatch watch;
    watch.watch(serverEnd, clientEnd, TcpStateWatch::Origin::Accepted);
    QCOMPARE(walked(watch), (QList<int>{int(State::Listen), int(State::SynReceived), int(State::Established)}));
    watch.start();
    client.disconnectFromHost();
    QTRY_COMPARE(watch.state(), State::CloseWait);
    QCOMPARE(watch.steps().constLast().transition.cause,
             TcpStateMachine::transition(State::Established, State::CloseWait).cause);
    QVERIFY(!watch.steps().constLast().inferred);
    ::close(fd);
    // Our close: LAST_ACK, then gone (CLOSED) once the client's ACK is in.
    QTRY_COMPARE(watch.state(), State::Closed);
    QVERIFY(walked(watch).contains(int(State::LastAck)));
    QVERIFY(!watch.socket());
}

void TestTcpStateMachine::watchFollowsAListener()
{
    QTcpServer server;
    server.setListenBacklogSize(3);
    QVERIFY(server.listen(QHostAddress::LocalHost));
    TcpStateWatch watch;
    watch.watch(Endpoint{QHostAddress::LocalHost, server.serverPort()}, Endpoint{}, TcpStateWatch::Origin::Listener);
    QCOMPARE(watch.state(), State::Listen);
    QCOMPARE(walked(watch), (QList<int>{int(State::Closed), int(State::Listen)}));
    QVERIFY(watch.socket());
    QCOMPARE(watch.socket()->sendQueue, 3u);   // the backlog
    watch.start();
    server.close();
    QTRY_COMPARE(watch.state(), State::Closed);
    QCOMPARE(watch.steps().constLast().transition.cause,
             TcpStateMachine::transition(State::Listen, State::Closed).cause);
}

void TestTcpStateMachine::notWatchingSamplesNothing()
{
    TcpStateWatch watch;
    QSignalSpy changed(&watch, &TcpStateWatch::changed);
    watch.sample();
    QCOMPARE(changed.size(), 0);
    QCOMPARE(watch.state(), State::Unknown);
    QVERIFY(watch.steps().isEmpty());
}

QTEST_GUILESS_MAIN(TestTcpStateMachine)
#include "tst_tcpstatemachine.moc"
