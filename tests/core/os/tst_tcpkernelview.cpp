// TcpKernelView against real loopback sockets: what sock_diag and TCP_INFO
// report for a listener whose accept() is paused, an established
// connection, the states after a close (FIN_WAIT_2 / CLOSE_WAIT, TIME_WAIT
// with its time left), and bytes waiting in a receive queue.

#include "core/os/TcpKernelView.h"
#include "support/LoopbackPair.h"

#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

#include <memory>
#include <vector>

#include <unistd.h>

namespace {

using State = TcpKernelView::State;

State stateOf(const Endpoint &local, const Endpoint &peer)
{
    const std::optional<TcpKernelView::Socket> s = TcpKernelView::find(local, peer);
    return s ? s->state : State::Unknown;
}

std::optional<TcpKernelView::Socket> listenerOn(quint16 port)
{
    QList<TcpKernelView::Socket> sockets;
    QString error;
    if (!TcpKernelView::list(&sockets, &error, {State::Listen}, port))
        return std::nullopt;
    for (const TcpKernelView::Socket &s : std::as_const(sockets)) {
        if (s.state == State::Listen)
            return s;
    }
    return std::nullopt;
}

} // namespace

class TestTcpKernelView : public QObject
{
    Q_OBJECT
private slots:
    void stateNames_data();
    void stateNames();
    void establishedOnBothEnds();
    void closeLeavesFinWait2AndCloseWait();
    void timeWaitAfterOurCloseWithTimeLeft();
    void acceptQueueFillsToBacklogPlusOne();
    void unreadBytesWaitInTheReceiveQueue();
    void listFiltersByStateAndPort();
    void findsAnIpv4ClientOfADualStackServer();
};

void TestTcpKernelView::stateNames_data()
{
    QTest::addColumn<int>("state");
    QTest::addColumn<QString>("name");
    QTest::newRow("established") << int(State::Established) << "ESTABLISHED";
    QTest::newRow("syn sent") << int(State::SynSent) << "SYN_SENT";
    QTest::newRow("syn received") << int(State::SynReceived) << "SYN_RECEIVED";
    QTest::newRow("fin wait 1") << int(State::FinWait1) << "FIN_WAIT_1";
    QTest::newRow("fin wait 2") << int(State::FinWait2) << "FIN_WAIT_2";
    QTest::newRow("time wait") << int(State::TimeWait) << "TIME_WAIT";
    QTest::newRow("closed") << int(State::Closed) << "CLOSED";
    QTest::newRow("close wait") << int(State::CloseWait) << "CLOSE_WAIT";
    QTest::newRow("last ack") << int(State::LastAck) << "LAST_ACK";
    QTest::newRow("listen") << int(State::Listen) << "LISTEN";
    QTest::newRow("closing") << int(State::Closing) << "CLOSING";
}

void TestTcpKernelView::stateNames()
{
    QFETCH(int, state);
    QFETCH(QString, name);
    QCOMPARE(TcpKernelView::stateName(State(state)), name);
    QCOMPARE(int(TcpKernelView::stateFromName(name)), state);
    QCOMPARE(TcpKernelView::stateFromName(name.toLower()), State::Unknown);
}

void TestTcpKernelView::establishedOnBothEnds()
{
    LoopbackPair pair;
    QVERIFY(pair.ok());
    QTcpSocket &client = pair.client;
    std::unique_ptr<QTcpSocket> &accepted = pair.accepted;
    QCOMPARE(stateOf(localOf(client), peerOf(client)), State::Established);
    QCOMPARE(stateOf(localOf(*accepted), peerOf(*accepted)), State::Established);
    const std::optional<TcpKernelView::Socket> s = TcpKernelView::find(localOf(client), peerOf(client));
    QVERIFY(s);
    QCOMPARE(s->local, localOf(client));
    QCOMPARE(s->peer, peerOf(client));
    QVERIFY(s->inode != 0);   // a process holds it
    // TCP_INFO comes with it.
    QVERIFY(s->info);
    QCOMPARE(s->info->state, State::Established);
    QVERIFY(s->info->mss > 0);
    QVERIFY(s->info->sendCongestionWindow > 0);
    TcpKernelView::Info info;
    QVERIFY(TcpKernelView::info(client.socketDescriptor(), &info));
    QCOMPARE(info.state, State::Established);
    QVERIFY(info.mss > 0);
    // A descriptor that is not a TCP socket is refused.
    QVERIFY(!TcpKernelView::info(-1, &info));
}

void TestTcpKernelView::closeLeavesFinWait2AndCloseWait()
{
    LoopbackPair pair;
    QVERIFY(pair.ok());
    QTcpSocket &client = pair.client;
    std::unique_ptr<QTcpSocket> &accepted = pair.accepted;
    const Endpoint clientEnd = localOf(client);
    const Endpoint serverEnd = peerOf(client);
    // The server's end, held where nothing reads it (Qt would read the FIN
    // and close): it stays open after the client's FIN.
    const int serverFd = ::dup(int(accepted->socketDescriptor()));
    QVERIFY(serverFd >= 0);
    accepted.reset();
    // The client closes and the server does not: the client's socket, no
    // longer the program's, waits for the server's FIN.
    client.disconnectFromHost();
    QTRY_COMPARE(stateOf(clientEnd, serverEnd), State::FinWait2);
    QCOMPARE(stateOf(serverEnd, clientEnd), State::CloseWait);
    const std::optional<TcpKernelView::Socket> s = TcpKernelView::find(clientEnd, serverEnd);
    QVERIFY(s);
    QCOMPARE(s->inode, quint64(0));   // orphaned: the kernel finishes it alone
    TcpKernelView::Info info;
    QVERIFY(TcpKernelView::info(serverFd, &info));
    QCOMPARE(info.state, State::CloseWait);
    ::close(serverFd);
    // The server's FIN ends the wait: the client's end moves to TIME_WAIT.
    QTRY_COMPARE(stateOf(clientEnd, serverEnd), State::TimeWait);
}

void TestTcpKernelView::timeWaitAfterOurCloseWithTimeLeft()
{
    LoopbackPair pair;
    QVERIFY(pair.ok());
    QTcpSocket &client = pair.client;
    std::unique_ptr<QTcpSocket> &accepted = pair.accepted;
    const Endpoint clientEnd = localOf(client);
    const Endpoint serverEnd = peerOf(client);
    client.disconnectFromHost();
    QTRY_COMPARE(accepted->state(), QAbstractSocket::UnconnectedState);   // it read the FIN and closed
    QTRY_COMPARE(stateOf(clientEnd, serverEnd), State::TimeWait);
    const std::optional<TcpKernelView::Socket> s = TcpKernelView::find(clientEnd, serverEnd);
    QVERIFY(s);
    QCOMPARE(s->timer, 3);
    QVERIFY(!s->info);   // a TIME_WAIT socket has no TCP_INFO
    QVERIFY2(s->timerMs > 0 && s->timerMs <= 60000, qPrintable(QString::number(s->timerMs)));
    const QString text = TcpKernelView::describe(*s);
    QVERIFY2(text.contains(QLatin1String("TIME_WAIT")) && text.contains(clientEnd.toString())
                 && text.contains(serverEnd.toString()),
             qPrintable(text));
    // The server's end, which closed second, is gone.
    QCOMPARE(stateOf(serverEnd, clientEnd), State::Unknown);
}

void TestTcpKernelView::acceptQueueFillsToBacklogPlusOne()
{
    QTcpServer server;
    server.setListenBacklogSize(2);
    QVERIFY(server.listen(QHostAddress::LocalHost));
    server.pauseAccepting();   // nobody calls accept()
    const quint16 port = server.serverPort();
    std::optional<TcpKernelView::Socket> listener = listenerOn(port);
    QVERIFY(listener);
    QCOMPARE(listener->receiveQueue, 0u);
    QCOMPARE(listener->sendQueue, 2u);
    std::vector<std::unique_ptr<QTcpSocket>> clients;
    for (int i = 0; i < 5; ++i) {
        clients.push_back(std::make_unique<QTcpSocket>());
        clients.back()->connectToHost(QHostAddress::LocalHost, port);
    }
    // Linux queues backlog + 1 finished handshakes; the other SYNs wait.
    QTRY_COMPARE(listenerOn(port)->receiveQueue, 3u);
    TcpKernelView::Info info;
    QVERIFY(TcpKernelView::info(server.socketDescriptor(), &info));
    QCOMPARE(info.state, State::Listen);
    QCOMPARE(info.unacked, 3u);
    QCOMPARE(info.sacked, 2u);
    // accept() again: the queue drains.
    server.resumeAccepting();
    QTRY_COMPARE(listenerOn(port)->receiveQueue, 0u);
}

void TestTcpKernelView::unreadBytesWaitInTheReceiveQueue()
{
    QTcpServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost));
    QTcpSocket client;
    // Qt reads 10 bytes into its buffer and then stops reading: the rest
    // stays in the kernel's receive queue.
    client.setReadBufferSize(10);
    client.connectToHost(QHostAddress::LocalHost, server.serverPort());
    QVERIFY(client.waitForConnected(5000));
    QTRY_VERIFY(server.hasPendingConnections());
    std::unique_ptr<QTcpSocket> accepted(server.nextPendingConnection());
    accepted->write(QByteArray(1000, 'x'));
    QVERIFY(accepted->waitForBytesWritten(5000));
    TcpKernelView::Info info;
    QTRY_VERIFY(TcpKernelView::info(client.socketDescriptor(), &info) && info.receiveQueue + client.bytesAvailable() == 1000);
    QVERIFY(info.receiveQueue >= 990);
    // sock_diag says the same of the same socket.
    const std::optional<TcpKernelView::Socket> diag = TcpKernelView::find(localOf(client), peerOf(client));
    QVERIFY(diag && diag->info);
    QCOMPARE(diag->receiveQueue, info.receiveQueue);
    QCOMPARE(diag->info->receiveQueue, info.receiveQueue);
    QCOMPARE(diag->info->bytesReceived, info.bytesReceived);
    // The sender's bytes are acknowledged: nothing waits in its send queue.
    QTRY_VERIFY(TcpKernelView::info(accepted->socketDescriptor(), &info) && info.sendQueue == 0);
    QVERIFY(info.bytesAcked >= 1000);
    // Read it all: the queue empties.
    client.setReadBufferSize(0);
    QByteArray got;
    QTRY_VERIFY((got += client.readAll()).size() == 1000);
    QVERIFY(TcpKernelView::info(client.socketDescriptor(), &info));
    QCOMPARE(info.receiveQueue, 0u);
}

void TestTcpKernelView::listFiltersByStateAndPort()
{
    LoopbackPair pair;
    QVERIFY(pair.ok());
    QTcpServer &server = pair.server;
    QTcpSocket &client = pair.client;
    QList<TcpKernelView::Socket> sockets;
    QString error;
    QVERIFY2(TcpKernelView::list(&sockets, &error, {}, server.serverPort()), qPrintable(error));
    // The listener and the accepted end have the server's port as theirs.
    QCOMPARE(sockets.size(), 2);
    QVERIFY2(TcpKernelView::list(&sockets, &error, {State::Established}, server.serverPort()), qPrintable(error));
    QCOMPARE(sockets.size(), 1);
    QCOMPARE(sockets.at(0).peer, localOf(client));
    QVERIFY2(TcpKernelView::list(&sockets, &error, {State::TimeWait}, server.serverPort()), qPrintable(error));
    QVERIFY(sockets.isEmpty());
}

void TestTcpKernelView::findsAnIpv4ClientOfADualStackServer()
{
    // One IPv6 socket for both families.
    LoopbackPair pair(QHostAddress(QHostAddress::Any));
    QVERIFY(pair.ok());
    QTcpServer &server = pair.server;
    QTcpSocket &client = pair.client;
    std::unique_ptr<QTcpSocket> &accepted = pair.accepted;
    // The server's end is an IPv6 socket with v4-mapped addresses.
    QCOMPARE(stateOf(localOf(*accepted), peerOf(*accepted)), State::Established);
    QCOMPARE(stateOf(localOf(client), peerOf(client)), State::Established);
    // And the listener, found by its port.
    QList<TcpKernelView::Socket> listeners;
    QVERIFY(TcpKernelView::list(&listeners, nullptr, {State::Listen}, server.serverPort()));
    QCOMPARE(listeners.size(), 1);
}

QTEST_GUILESS_MAIN(TestTcpKernelView)
#include "tst_tcpkernelview.moc"
