// UdpReceiver against real UDP sockets on loopback: datagrams arrive with
// their sender, and the receiver can be destroyed whatever its thread is
// doing (reading a flood, waiting for room in a full queue, waiting in
// poll()): the thread is woken and joined, and nothing calls back after.

#include "core/os/UdpReceiver.h"

#include <QTest>

#include <atomic>
#include <memory>
#include <thread>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

namespace {
// A UDP socket bound to 127.0.0.1 on a port the system chose.
int boundSocket(quint16 *port)
{
    const int fd = ::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (fd < 0 || ::bind(fd, reinterpret_cast<const sockaddr *>(&a), sizeof a) != 0)
        return -1;
    socklen_t length = sizeof a;
    ::getsockname(fd, reinterpret_cast<sockaddr *>(&a), &length);
    *port = ntohs(a.sin_port);
    return fd;
}

bool sendTo(int fd, quint16 port, const QByteArray &data)
{
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(port);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    return ::sendto(fd, data.constData(), size_t(data.size()), 0, reinterpret_cast<const sockaddr *>(&a), sizeof a)
        == data.size();
}
} // namespace

class TestUdpReceiver : public QObject
{
    Q_OBJECT
private slots:
    void receivesDatagramsWithTheirSender();
    void destroyedWhileBusyJoins_data();
    void destroyedWhileBusyJoins();
};

void TestUdpReceiver::receivesDatagramsWithTheirSender()
{
    quint16 port = 0;
    quint16 senderPort = 0;
    const int fd = boundSocket(&port);
    const int sender = boundSocket(&senderPort);
    QVERIFY(fd >= 0 && sender >= 0);
    std::atomic<int> wakes{0};
    {
        UdpReceiver receiver(fd, [&wakes] { ++wakes; }, 1 << 20);
        QVERIFY(sendTo(sender, port, QByteArray("one")));
        QVERIFY(sendTo(sender, port, QByteArray("\0two\0", 5)));
        QTRY_COMPARE(receiver.received(), quint64(2));
        QVERIFY(wakes >= 1);
        std::vector<UdpReceiver::Datagram> datagrams;
        QList<SocketProbe::IcmpError> errors;
        receiver.take(10, &datagrams, &errors);
        QCOMPARE(datagrams.size(), std::size_t(2));
        QCOMPARE(datagrams[0].data, QByteArray("one"));
        QCOMPARE(datagrams[1].data, QByteArray("\0two\0", 5));
        QCOMPARE(datagrams[1].from.toString(), QStringLiteral("127.0.0.1:%1").arg(senderPort));
        QVERIFY(errors.isEmpty());
        QVERIFY(receiver.isEmpty());
    }
    ::close(sender);
    ::close(fd);
}

void TestUdpReceiver::destroyedWhileBusyJoins_data()
{
    QTest::addColumn<bool>("flood");
    QTest::addColumn<qsizetype>("maxQueued");
    QTest::newRow("waiting in poll()") << false << qsizetype(1 << 20);
    QTest::newRow("reading a flood") << true << qsizetype(64 << 20);
    QTest::newRow("waiting for room in a full queue") << true << qsizetype(4096);
}

void TestUdpReceiver::destroyedWhileBusyJoins()
{
    QFETCH(bool, flood);
    QFETCH(qsizetype, maxQueued);
    quint16 port = 0;
    quint16 senderPort = 0;
    const int fd = boundSocket(&port);
    const int sender = boundSocket(&senderPort);
    QVERIFY(fd >= 0 && sender >= 0);
    std::atomic<bool> gone{false};
    std::atomic<int> wakesAfterGone{0};
    const QByteArray datagram(512, 'd');
    std::jthread senderThread([&](std::stop_token stop) {
        while (flood && !stop.stop_requested())
            sendTo(sender, port, datagram);
    });
    {
        auto receiver = std::make_unique<UdpReceiver>(
            fd, [&] { wakesAfterGone += gone ? 1 : 0; }, maxQueued);
        if (flood) {
            // Busy: it has read a good part of the flood (a full queue
            // stops it at a handful), and datagrams keep coming.
            const quint64 enough = maxQueued < 65536 ? 4 : 1000;
            QTRY_VERIFY(receiver->received() >= enough);
        } else {
            QTest::qWait(10);  // in poll() by now, with nothing to read
        }
        receiver.reset();
        gone = true;
    }
    senderThread.request_stop();
    senderThread.join();
    QCOMPARE(wakesAfterGone.load(), 0);
    ::close(sender);
    ::close(fd);
}

QTEST_GUILESS_MAIN(TestUdpReceiver)
#include "tst_udpreceiver.moc"
