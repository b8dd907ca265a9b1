// TcpAcceptor: the listening socket served on its own thread, against raw
// POSIX clients on loopback. The test's own thread never runs its event loop
// while clients connect, so whatever is accepted was accepted elsewhere.

#include "core/os/SocketProbe.h"
#include "core/os/TcpAcceptor.h"
#include "core/os/TcpKernelView.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>
#include <QThread>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <functional>
#include <thread>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>
#include <vector>

namespace {
struct Client
{
    int fd = -1;
    quint16 localPort = 0;
    int connectErrno = 0;
};

Client connectTo(quint16 port)
{
    Client c;
    c.fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(port);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(c.fd, reinterpret_cast<sockaddr *>(&a), sizeof a) != 0) {
        c.connectErrno = errno;
        return c;
    }
    sockaddr_in mine{};
    socklen_t len = sizeof mine;
    ::getsockname(c.fd, reinterpret_cast<sockaddr *>(&mine), &len);
    c.localPort = ntohs(mine.sin_port);
    return c;
}

// Waits without running this thread's event loop.
bool waitUntil(const std::function<bool()> &done, int ms = 5000)
{
    QElapsedTimer clock;
    clock.start();
    while (!done()) {
        if (clock.elapsed() > ms)
            return false;
        QThread::msleep(2);
    }
    return true;
}

void closeAll(std::vector<Client> &clients)
{
    for (Client &c : clients)
        if (c.fd >= 0)
            ::close(c.fd);
    clients.clear();
}

void closeAll(const std::vector<TcpAcceptor::Accepted> &accepted)
{
    for (const auto &a : accepted)
        ::close(int(a.descriptor));
}
} // namespace

class TestTcpAcceptor : public QObject
{
    Q_OBJECT
private slots:
    void acceptsOnItsOwnThreadWithEachPeer();
    void pausesWhileTheHandOffQueueIsFull();
    void closeStopsAcceptingAndKeepsWhatWasAccepted();
    void destructionClosesWhatNobodyTook();
    void destroyedWhileAcceptingJoins();
    void listenErrorIsReported();
    void userPauseLeavesClientsInTheKernelsQueue();
    void pauseWhileListening();
    void withoutReuseAddressTimeWaitHoldsThePort();
    void listenQueueShowsTheBacklog_data();
    void listenQueueShowsTheBacklog();
};

void TestTcpAcceptor::acceptsOnItsOwnThreadWithEachPeer()
{
    TcpAcceptor acceptor;
    QSignalSpy pending(&acceptor, &TcpAcceptor::pending);
    QVERIFY(acceptor.listen(QHostAddress(QHostAddress::LocalHost), 0, 64));
    QVERIFY(acceptor.isListening());
    QVERIFY(acceptor.serverPort() != 0);
    QCOMPARE(acceptor.serverAddress(), QHostAddress(QHostAddress::LocalHost));
    QVERIFY(acceptor.socketDescriptor() >= 0);

    std::vector<Client> clients;
    for (int i = 0; i < 20; ++i) {
        clients.push_back(connectTo(acceptor.serverPort()));
        QCOMPARE(clients.back().connectErrno, 0);
    }
    // Accepted while this thread only slept.
    QVERIFY2(waitUntil([&] { return acceptor.pendingCount() == 20; }),
             qPrintable(QString::number(acceptor.pendingCount())));

    const auto first = acceptor.take(5);
    QCOMPARE(first.size(), std::size_t(5));
    QCOMPARE(acceptor.pendingCount(), 15);
    const auto rest = acceptor.take(100);
    QCOMPARE(rest.size(), std::size_t(15));
    QCOMPARE(acceptor.pendingCount(), 0);
    QVERIFY(acceptor.take(100).empty());

    // Oldest first, each with the address and port the client connected from.
    std::vector<TcpAcceptor::Accepted> all(first.begin(), first.end());
    all.insert(all.end(), rest.begin(), rest.end());
    for (std::size_t i = 0; i < all.size(); ++i) {
        QCOMPARE(all[i].peer.address, QHostAddress(QHostAddress::LocalHost));
        QCOMPARE(all[i].peer.port, clients[i].localPort);
        // A descriptor of the connection: what the client sends arrives on it.
        const char byte = char('a' + i);
        QCOMPARE(::send(clients[i].fd, &byte, 1, 0), ssize_t(1));
        char got = 0;
        QCOMPARE(::recv(int(all[i].descriptor), &got, 1, 0), ssize_t(1));
        QCOMPARE(got, byte);
    }
    // One notice for the whole burst (it is sent again once take() emptied the queue).
    QTRY_COMPARE(pending.count(), 1);
    clients.push_back(connectTo(acceptor.serverPort()));
    QTRY_COMPARE(pending.count(), 2);
    const auto late = acceptor.take(10);
    QCOMPARE(late.size(), std::size_t(1));
    QCOMPARE(late[0].peer.port, clients.back().localPort);
    closeAll(all);
    closeAll(late);
    closeAll(clients);
}

void TestTcpAcceptor::pausesWhileTheHandOffQueueIsFull()
{
    TcpAcceptor acceptor;
    acceptor.setHandOffLimit(4);
    QCOMPARE(acceptor.handOffLimit(), 4);
    QVERIFY(acceptor.listen(QHostAddress(QHostAddress::LocalHost), 0, 64));
    std::vector<Client> clients;
    for (int i = 0; i < 4; ++i)
        clients.push_back(connectTo(acceptor.serverPort()));
    QVERIFY(waitUntil([&] { return acceptor.pendingCount() == 4; }));
    // The accept loop that queued the fourth ends at the kernel's empty queue
    // within microseconds; give it plenty before the next clients come.
    QThread::msleep(100);
    // Full: these complete their handshake in the kernel's queue and wait there.
    for (int i = 0; i < 10; ++i) {
        clients.push_back(connectTo(acceptor.serverPort()));
        QCOMPARE(clients.back().connectErrno, 0);
    }
    QThread::msleep(300);
    QCOMPARE(acceptor.pendingCount(), 4);

    // Taken down to half the limit: accepting resumes and takes the ten.
    auto taken = acceptor.take(2);
    QCOMPARE(taken.size(), std::size_t(2));
    QVERIFY2(waitUntil([&] { return acceptor.pendingCount() >= 4 + 1; }),
             qPrintable(QString::number(acceptor.pendingCount())));
    // Paused again at the limit only after the kernel's queue was emptied
    // (Qt's accept loop runs to its end): nobody is lost meanwhile.
    std::vector<TcpAcceptor::Accepted> all(taken.begin(), taken.end());
    QVERIFY(waitUntil([&] {
        const auto more = acceptor.take(100);
        all.insert(all.end(), more.begin(), more.end());
        return all.size() == clients.size();
    }));
    for (std::size_t i = 0; i < all.size(); ++i)
        QCOMPARE(all[i].peer.port, clients[i].localPort);
    closeAll(all);
    closeAll(clients);
}

void TestTcpAcceptor::closeStopsAcceptingAndKeepsWhatWasAccepted()
{
    TcpAcceptor acceptor;
    QVERIFY(acceptor.listen(QHostAddress(QHostAddress::LocalHost), 0, 64));
    const quint16 port = acceptor.serverPort();
    std::vector<Client> clients;
    clients.push_back(connectTo(port));
    QVERIFY(waitUntil([&] { return acceptor.pendingCount() == 1; }));
    acceptor.close();
    QVERIFY(!acceptor.isListening());
    QCOMPARE(acceptor.socketDescriptor(), qintptr(-1));
    // The listening socket is gone: a new client is refused.
    clients.push_back(connectTo(port));
    QCOMPARE(clients.back().connectErrno, ECONNREFUSED);
    // What was accepted before is still there to take.
    const auto kept = acceptor.take(10);
    QCOMPARE(kept.size(), std::size_t(1));
    QCOMPARE(kept[0].peer.port, clients[0].localPort);
    // And it listens again on request.
    QVERIFY(acceptor.listen(QHostAddress(QHostAddress::LocalHost), port, 64));
    clients.push_back(connectTo(port));
    QCOMPARE(clients.back().connectErrno, 0);
    QVERIFY(waitUntil([&] { return acceptor.pendingCount() == 1; }));
    closeAll(acceptor.take(10));
    closeAll(kept);
    closeAll(clients);
}

void TestTcpAcceptor::destructionClosesWhatNobodyTook()
{
    std::vector<Client> clients;
    {
        TcpAcceptor acceptor;
        QVERIFY(acceptor.listen(QHostAddress(QHostAddress::LocalHost), 0, 64));
        for (int i = 0; i < 3; ++i)
            clients.push_back(connectTo(acceptor.serverPort()));
        QVERIFY(waitUntil([&] { return acceptor.pendingCount() == 3; }));
    }
    // Each accepted connection was closed by the app (FIN: recv() returns 0),
    // not left open with nobody to serve it.
    for (const Client &c : clients) {
        timeval tv{5, 0};
        ::setsockopt(c.fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
        char byte = 0;
        QCOMPARE(::recv(c.fd, &byte, 1, 0), ssize_t(0));
    }
    closeAll(clients);
}

void TestTcpAcceptor::destroyedWhileAcceptingJoins()
{
    // Clients keep coming from another thread while the acceptor goes.
    std::vector<Client> clients;
    std::atomic<quint16> port{0};
    std::jthread flood([&](std::stop_token stop) {
        while (port == 0 && !stop.stop_requested())
            std::this_thread::yield();
        while (!stop.stop_requested() && clients.size() < 300)
            clients.push_back(connectTo(port));
    });
    {
        TcpAcceptor acceptor;
        QVERIFY(acceptor.listen(QHostAddress(QHostAddress::LocalHost), 0, 512));
        port = acceptor.serverPort();
        QVERIFY(waitUntil([&] { return acceptor.pendingCount() >= 20; }));
    }
    flood.request_stop();
    flood.join();
    // Every client that got in was accepted and closed (FIN), or was reset
    // from the kernel's queue with the listening socket; none is left open.
    int connected = 0;
    for (const Client &c : clients) {
        if (c.connectErrno != 0)
            continue;
        ++connected;
        timeval tv{5, 0};
        ::setsockopt(c.fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
        char byte = 0;
        const ssize_t n = ::recv(c.fd, &byte, 1, 0);
        QVERIFY2(n == 0 || (n < 0 && errno == ECONNRESET), qPrintable(QString::number(errno)));
    }
    QVERIFY(connected >= 20);
    closeAll(clients);
}

void TestTcpAcceptor::listenErrorIsReported()
{
    TcpAcceptor first;
    QVERIFY(first.listen(QHostAddress(QHostAddress::LocalHost), 0, 64));
    TcpAcceptor second;
    QSignalSpy pending(&second, &TcpAcceptor::pending);
    QVERIFY(!second.listen(QHostAddress(QHostAddress::LocalHost), first.serverPort(), 64));
    QVERIFY(!second.isListening());
    QCOMPARE(second.serverError(), QAbstractSocket::AddressInUseError);
    QVERIFY(!second.errorString().isEmpty());
    QCOMPARE(second.pendingCount(), 0);
    QCOMPARE(second.socketDescriptor(), qintptr(-1));
    // Nothing listens for it: a client goes to the first one.
    Client c = connectTo(first.serverPort());
    QCOMPARE(c.connectErrno, 0);
    QVERIFY(waitUntil([&] { return first.pendingCount() == 1; }));
    QCOMPARE(second.pendingCount(), 0);
    QCOMPARE(pending.count(), 0);
    closeAll(first.take(1));
    ::close(c.fd);
}

void TestTcpAcceptor::userPauseLeavesClientsInTheKernelsQueue()
{
    TcpAcceptor acceptor;
    acceptor.setAcceptPaused(true);   // before listen(): kept
    QVERIFY(acceptor.isAcceptPaused());
    QVERIFY(acceptor.listen(QHostAddress(QHostAddress::LocalHost), 0, 2));
    std::vector<Client> clients;
    // backlog + 1 handshakes fit in the kernel's accept queue.
    for (int i = 0; i < 3; ++i) {
        clients.push_back(connectTo(acceptor.serverPort()));
        QCOMPARE(clients.back().connectErrno, 0);
    }
    int waiting = 0;
    int backlog = 0;
    QVERIFY(waitUntil([&] {
        return SocketProbe::listenQueue(acceptor.socketDescriptor(), &waiting, &backlog) && waiting == 3;
    }));
    QCOMPARE(backlog, 2);
    QThread::msleep(100);
    QCOMPARE(acceptor.pendingCount(), 0);
    // The error path's resume does not undo the user's pause.
    acceptor.resumeAccepting();
    QThread::msleep(100);
    QCOMPARE(acceptor.pendingCount(), 0);
    acceptor.setAcceptPaused(false);
    QVERIFY(!acceptor.isAcceptPaused());
    QVERIFY(waitUntil([&] { return acceptor.pendingCount() == 3; }));
    const auto taken = acceptor.take(3);
    for (std::size_t i = 0; i < taken.size(); ++i)
        QCOMPARE(taken[i].peer.port, clients[i].localPort);
    QVERIFY(SocketProbe::listenQueue(acceptor.socketDescriptor(), &waiting, &backlog));
    QCOMPARE(waiting, 0);
    closeAll(taken);
    closeAll(clients);
}

void TestTcpAcceptor::pauseWhileListening()
{
    TcpAcceptor acceptor;
    QVERIFY(acceptor.listen(QHostAddress(QHostAddress::LocalHost), 0, 8));
    std::vector<Client> clients;
    clients.push_back(connectTo(acceptor.serverPort()));
    QVERIFY(waitUntil([&] { return acceptor.pendingCount() == 1; }));
    acceptor.setAcceptPaused(true);
    QThread::msleep(100);   // the pause reaches the accept thread
    clients.push_back(connectTo(acceptor.serverPort()));
    clients.push_back(connectTo(acceptor.serverPort()));
    int waiting = 0;
    QVERIFY(waitUntil([&] { return SocketProbe::listenQueue(acceptor.socketDescriptor(), &waiting, nullptr) && waiting == 2; }));
    QCOMPARE(acceptor.pendingCount(), 1);
    acceptor.setAcceptPaused(false);
    QVERIFY(waitUntil([&] { return acceptor.pendingCount() == 3; }));
    closeAll(acceptor.take(3));
    closeAll(clients);
}

void TestTcpAcceptor::withoutReuseAddressTimeWaitHoldsThePort()
{
    // A connection the server's side closed first: its end (the listening
    // port) waits in TIME_WAIT. It keeps its listener's SO_REUSEADDR (on, as
    // by default); a new socket without it cannot bind the port, one with it
    // can.
    quint16 port = 0;
    {
        TcpAcceptor first;
        QVERIFY(first.listen(QHostAddress(QHostAddress::LocalHost), 0, 8));
        port = first.serverPort();
        Client c = connectTo(port);
        QCOMPARE(c.connectErrno, 0);
        QVERIFY(waitUntil([&] { return first.pendingCount() == 1; }));
        const auto taken = first.take(1);
        ::close(int(taken.front().descriptor));   // FIN from the server first
        char byte = 0;
        QCOMPARE(::recv(c.fd, &byte, 1, 0), ssize_t(0));   // the client reads the FIN
        ::close(c.fd);
        first.close();
    }
    QList<TcpKernelView::Socket> held;
    QVERIFY(waitUntil([&] { return TcpKernelView::list(&held, nullptr, {TcpKernelView::State::TimeWait}, port) && !held.isEmpty(); }));
    TcpAcceptor without;
    QVERIFY(!without.listen(QHostAddress(QHostAddress::LocalHost), port, 8, false));
    QCOMPARE(without.serverError(), QAbstractSocket::AddressInUseError);
    QVERIFY2(without.errorString().contains(QString::fromLocal8Bit(std::strerror(EADDRINUSE))),
             qPrintable(without.errorString()));
    QVERIFY(!without.isListening());
    // With SO_REUSEADDR, as by default, the same port is bound at once.
    TcpAcceptor with;
    QVERIFY2(with.listen(QHostAddress(QHostAddress::LocalHost), port, 8), qPrintable(with.errorString()));
    Client c = connectTo(port);
    QCOMPARE(c.connectErrno, 0);
    QVERIFY(waitUntil([&] { return with.pendingCount() == 1; }));
    closeAll(with.take(1));
    ::close(c.fd);
    // Without it, a free port listens and accepts as ever (IPv6 too).
    for (const QHostAddress &address : {QHostAddress(QHostAddress::LocalHost), QHostAddress(QHostAddress::Any)}) {
        TcpAcceptor plain;
        QVERIFY2(plain.listen(address, 0, 8, false), qPrintable(plain.errorString()));
        Client d = connectTo(plain.serverPort());
        QCOMPARE(d.connectErrno, 0);
        QVERIFY(waitUntil([&] { return plain.pendingCount() == 1; }));
        const auto taken = plain.take(1);
        QCOMPARE(taken.front().peer.port, d.localPort);
        closeAll(taken);
        ::close(d.fd);
    }
}

void TestTcpAcceptor::listenQueueShowsTheBacklog_data()
{
    QTest::addColumn<int>("backlog");
    QTest::newRow("7") << 7;
    QTest::newRow("128") << 128;
}

void TestTcpAcceptor::listenQueueShowsTheBacklog()
{
    QFETCH(int, backlog);
    TcpAcceptor acceptor;
    QVERIFY(acceptor.listen(QHostAddress(QHostAddress::LocalHost), 0, backlog));
    int waiting = -1;
    int seen = -1;
    QVERIFY(SocketProbe::listenQueue(acceptor.socketDescriptor(), &waiting, &seen));
    QCOMPARE(seen, backlog);
    QCOMPARE(waiting, 0);
    // A connected socket is no listening one.
    Client c = connectTo(acceptor.serverPort());
    QCOMPARE(c.connectErrno, 0);
    QVERIFY(!SocketProbe::listenQueue(c.fd, &waiting, &seen));
    QVERIFY(!SocketProbe::listenQueue(-1, &waiting, &seen));
    QVERIFY(waitUntil([&] { return acceptor.pendingCount() == 1; }));
    closeAll(acceptor.take(1));
    ::close(c.fd);
}

QTEST_GUILESS_MAIN(TestTcpAcceptor)
#include "tst_tcpacceptor.moc"
