// SendQueue, the write loop of the writers that send past Qt, against real
// socket pairs: everything leaves in order however the kernel takes it,
// what it cannot take now waits, and a failed send says why and keeps the
// rest counted.

#include "core/os/SendQueue.h"

#include <QTest>

#include <cerrno>

#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

namespace {
struct Pair
{
    int ours = -1;
    int peer = -1;
    ~Pair()
    {
        if (ours >= 0)
            ::close(ours);
        if (peer >= 0)
            ::close(peer);
    }
};

// A connected pair with a small send buffer, so the kernel soon has no room.
bool makePair(Pair *p)
{
    int fds[2];
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) != 0)
        return false;
    p->ours = fds[0];
    p->peer = fds[1];
    const int small = 4096;
    ::setsockopt(p->ours, SOL_SOCKET, SO_SNDBUF, &small, sizeof small);
    return ::fcntl(p->peer, F_SETFL, O_NONBLOCK) == 0;
}

QByteArray readAvailable(int fd)
{
    QByteArray got;
    char buffer[65536];
    for (;;) {
        const ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
        if (n <= 0)
            return got;
        got.append(buffer, qsizetype(n));
    }
}
} // namespace

class TestSendQueue : public QObject
{
    Q_OBJECT
private slots:
    void sendsEverythingInOrder_data();
    void sendsEverythingInOrder();
    void appendedDataFollows();
    void failedSendSaysWhyAndKeepsTheRest();
};

void TestSendQueue::sendsEverythingInOrder_data()
{
    QTest::addColumn<QList<QByteArray>>("chunks");
    QTest::addColumn<bool>("fillsTheKernel");  // more than any send buffer takes at once
    QTest::newRow("nothing") << QList<QByteArray>{} << false;
    QTest::newRow("one byte") << QList<QByteArray>{QByteArray("x")} << false;
    QTest::newRow("binary with NULs") << QList<QByteArray>{QByteArray("\0a\0b", 4), QByteArray(1, '\0')} << false;
    QTest::newRow("an empty chunk between") << QList<QByteArray>{"ab", QByteArray(), "cd"} << false;
    QList<QByteArray> many;
    for (int i = 0; i < 2000; ++i)
        many.append(QByteArray::number(i) + ',');
    QTest::newRow("2000 small chunks") << many << false;
    QByteArray big(4 << 20, Qt::Uninitialized);
    for (qsizetype i = 0; i < big.size(); ++i)
        big[i] = char(i * 7 + i / 251);
    QTest::newRow("4 MiB in one chunk") << QList<QByteArray>{big} << true;
    QTest::newRow("4 MiB in three") << QList<QByteArray>{big.left(1000), big.mid(1000, 2 << 20), big.mid(1000 + (2 << 20))}
                                    << true;
}

void TestSendQueue::sendsEverythingInOrder()
{
    QFETCH(QList<QByteArray>, chunks);
    QFETCH(bool, fillsTheKernel);
    Pair pair;
    QVERIFY(makePair(&pair));
    const QByteArray whole = chunks.join();
    SendQueue queue(chunks);
    QCOMPARE(queue.size(), whole.size());
    QByteArray received;
    bool blocked = false;
    for (int round = 0; round < 100000; ++round) {
        int error = 0;
        const SendQueue::Result result = queue.sendTo(pair.ours, &error);
        QVERIFY(result != SendQueue::Result::Failed);
        received += readAvailable(pair.peer);
        if (result == SendQueue::Result::Sent)
            break;
        blocked = true;
        // What waits is what has not arrived.
        QCOMPARE(queue.size(), whole.size() - received.size());
    }
    received += readAvailable(pair.peer);
    QCOMPARE(queue.size(), qint64(0));
    QVERIFY(queue.isEmpty());
    QCOMPARE(received.size(), whole.size());
    QVERIFY(received == whole);
    if (fillsTheKernel)
        QVERIFY(blocked);
}

void TestSendQueue::appendedDataFollows()
{
    Pair pair;
    QVERIFY(makePair(&pair));
    SendQueue queue({QByteArray("first ")});
    queue.append("second ");
    queue.append(QByteArray());
    queue.append("third");
    QCOMPARE(queue.size(), qint64(18));
    int error = 0;
    QCOMPARE(queue.sendTo(pair.ours, &error), SendQueue::Result::Sent);
    QCOMPARE(readAvailable(pair.peer), QByteArray("first second third"));
    queue.append("again");
    QCOMPARE(queue.sendTo(pair.ours, &error), SendQueue::Result::Sent);
    QCOMPARE(readAvailable(pair.peer), QByteArray("again"));
}

void TestSendQueue::failedSendSaysWhyAndKeepsTheRest()
{
    Pair pair;
    QVERIFY(makePair(&pair));
    ::close(pair.peer);
    pair.peer = -1;
    SendQueue queue({QByteArray("never read")});
    int error = 0;
    // MSG_NOSIGNAL: an error, not a SIGPIPE that ends this process.
    QCOMPARE(queue.sendTo(pair.ours, &error), SendQueue::Result::Failed);
    QCOMPARE(error, EPIPE);
    QCOMPARE(queue.size(), qint64(10));
    queue.clear();
    QVERIFY(queue.isEmpty());
    QCOMPARE(queue.size(), qint64(0));
}

QTEST_GUILESS_MAIN(TestSendQueue)
#include "tst_sendqueue.moc"
