// DescriptorCloser against real socket pairs: what it is handed is closed
// (the other end reads end-of-file), all of it, and nothing else; a closer
// destroyed while its thread is busy closes the rest before it is gone.

#include "core/os/DescriptorCloser.h"

#include <QTest>

#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <vector>

class TestDescriptorCloser : public QObject
{
    Q_OBJECT
private slots:
    void closesWhatItIsHanded();
    void ignoresNoDescriptor();
    void destroyedWhileBusyClosesEverything_data();
    void destroyedWhileBusyClosesEverything();
};

void TestDescriptorCloser::closesWhatItIsHanded()
{
    std::vector<int> kept;
    std::vector<int> handed;
    for (int i = 0; i < 200; ++i) {
        int pair[2];
        QCOMPARE(::socketpair(AF_UNIX, SOCK_STREAM, 0, pair), 0);
        handed.push_back(pair[0]);
        kept.push_back(pair[1]);
    }
    for (const int fd : handed)
        DescriptorCloser::close(fd);
    DescriptorCloser::flush();
    for (std::size_t i = 0; i < handed.size(); ++i) {
        // Closed: the descriptor number is free, and the peer reads EOF.
        QCOMPARE(::fcntl(handed[i], F_GETFD), -1);
        char byte = 0;
        QCOMPARE(::recv(kept[i], &byte, 1, MSG_DONTWAIT), ssize_t(0));
        // The kept end is still open.
        QVERIFY(::fcntl(kept[i], F_GETFD) != -1);
        ::close(kept[i]);
    }
}

void TestDescriptorCloser::ignoresNoDescriptor()
{
    int pair[2];
    QCOMPARE(::socketpair(AF_UNIX, SOCK_STREAM, 0, pair), 0);
    DescriptorCloser::close(-1);
    DescriptorCloser::flush();
    QVERIFY(::fcntl(pair[0], F_GETFD) != -1);
    QVERIFY(::fcntl(pair[1], F_GETFD) != -1);
    ::close(pair[0]);
    ::close(pair[1]);
}

void TestDescriptorCloser::destroyedWhileBusyClosesEverything_data()
{
    QTest::addColumn<int>("count");
    QTest::newRow("one") << 1;
    QTest::newRow("400") << 400;  // 800 descriptors: under the usual 1024
}

void TestDescriptorCloser::destroyedWhileBusyClosesEverything()
{
    QFETCH(int, count);
    std::vector<int> kept;
    {
        DescriptorCloser closer;
        for (int i = 0; i < count; ++i) {
            int pair[2];
            QCOMPARE(::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, pair), 0);
            closer.closeLater(pair[0]);
            kept.push_back(pair[1]);
        }
        // Gone right away, with its thread still closing.
    }
    for (const int fd : kept) {
        char byte = 0;
        QCOMPARE(::recv(fd, &byte, 1, MSG_DONTWAIT), ssize_t(0));
        ::close(fd);
    }
}

QTEST_GUILESS_MAIN(TestDescriptorCloser)
#include "tst_descriptorcloser.moc"
