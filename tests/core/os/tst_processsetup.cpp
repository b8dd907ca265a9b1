// ProcessSetup: what main() sets up about the process, checked on this
// test's own process: the open-file limit, the quit on SIGTERM/SIGINT, the
// resident-memory reading and the heap given back once it grew.

#include "core/os/ProcessSetup.h"

#include <QTest>
#include <QTimer>

#include <csignal>
#include <cstring>
#include <memory>
#include <vector>

#include <sys/resource.h>

namespace {
constexpr qint64 kMiB = 1024 * 1024;

#if defined(__SANITIZE_ADDRESS__)
constexpr bool kOwnMalloc = true;  // mallopt and malloc_trim do nothing there
#else
constexpr bool kOwnMalloc = false;
#endif

rlimit fileLimit()
{
    rlimit r{};
    ::getrlimit(RLIMIT_NOFILE, &r);
    return r;
}

// Touches `bytes` of new heap memory in blocks of 1 MiB and frees it again.
void touchAndFree(qint64 bytes)
{
    std::vector<std::unique_ptr<char[]>> blocks;
    for (qint64 done = 0; done < bytes; done += kMiB) {
        blocks.push_back(std::make_unique<char[]>(size_t(kMiB)));
        std::memset(blocks.back().get(), 1, size_t(kMiB));
    }
}
} // namespace

class TestProcessSetup : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void raisesTheOpenFileLimit_data();
    void raisesTheOpenFileLimit();
    void signalQuitsTheEventLoop_data();
    void signalQuitsTheEventLoop();
    void residentBytesFollowsTouchedMemory();
    void trimsTheHeapOnceItGrew();
};

void TestProcessSetup::initTestCase()
{
    ProcessSetup::quitOnSignals(QCoreApplication::instance());
}

void TestProcessSetup::raisesTheOpenFileLimit_data()
{
    QTest::addColumn<qint64>("softBefore");  // -1: at the hard limit already
    QTest::newRow("from 256") << qint64(256);
    QTest::newRow("from 1000") << qint64(1000);
    QTest::newRow("at the hard limit") << qint64(-1);
}

void TestProcessSetup::raisesTheOpenFileLimit()
{
    QFETCH(qint64, softBefore);
    rlimit r = fileLimit();
    const rlim_t hard = r.rlim_max;
    const qint64 hardCounted = hard == RLIM_INFINITY ? (qint64(1) << 20) : qint64(hard);
    if (softBefore >= 0 && hard != RLIM_INFINITY && rlim_t(softBefore) >= hard)
        QSKIP("the hard limit leaves no room below it");
    // Lowering the soft limit needs no privilege; raising it back to the
    // hard limit is what the program does.
    r.rlim_cur = softBefore < 0 ? hard : rlim_t(softBefore);
    QCOMPARE(::setrlimit(RLIMIT_NOFILE, &r), 0);

    const ProcessSetup::FileLimit files = ProcessSetup::raiseFileLimit();
    QCOMPARE(files.before, softBefore < 0 ? qint64(r.rlim_cur) : softBefore);
    QCOMPARE(files.now, hardCounted);
    QCOMPARE(fileLimit().rlim_cur, hard);
    QCOMPARE(ProcessSetup::openFileLimit(), hardCounted);
}

void TestProcessSetup::signalQuitsTheEventLoop_data()
{
    QTest::addColumn<int>("signal");
    QTest::newRow("SIGTERM") << int(SIGTERM);
    QTest::newRow("SIGINT") << int(SIGINT);
}

void TestProcessSetup::signalQuitsTheEventLoop()
{
    QFETCH(int, signal);
    // Without the handler the signal ends this test process. A loop the
    // signal did not end is ended after a while with status 1.
    QTimer::singleShot(0, this, [signal] { ::raise(signal); });
    QTimer giveUp;
    giveUp.setSingleShot(true);
    connect(&giveUp, &QTimer::timeout, this, [] { QCoreApplication::exit(1); });
    giveUp.start(20000);
    QCOMPARE(QCoreApplication::exec(), 0);
}

void TestProcessSetup::residentBytesFollowsTouchedMemory()
{
    const qint64 before = ProcessSetup::residentBytes();
    QVERIFY(before > 0);
    {
        // One block above any mmap threshold: mapped, resident once written,
        // unmapped on free.
        std::vector<char> block(size_t(64 * kMiB), 1);
        const qint64 with = ProcessSetup::residentBytes();
        QVERIFY2(with >= before + 60 * kMiB, qPrintable(QStringLiteral("%1 -> %2").arg(before).arg(with)));
    }
    // The sanitizer's allocator keeps freed blocks in quarantine, mapped.
    if (!kOwnMalloc)
        QVERIFY(ProcessSetup::residentBytes() < before + 16 * kMiB);
}

void TestProcessSetup::trimsTheHeapOnceItGrew()
{
    if (kOwnMalloc)
        QSKIP("the sanitizer's allocator keeps its own heap");
    ProcessSetup::keepLargeBlocksInHeap();
    QObject owner;
    ProcessSetup::trimHeapWhileGrowing(&owner);
    const qint64 before = ProcessSetup::residentBytes();
    // Blocks of 1 MiB now come from the heap, and freeing 56 MiB of them
    // keeps them there (below the 64 MiB trim threshold): still resident.
    touchAndFree(56 * kMiB);
    const qint64 grown = ProcessSetup::residentBytes();
    QVERIFY2(grown >= before + 32 * kMiB, qPrintable(QStringLiteral("%1 -> %2").arg(before).arg(grown)));
    // The timer sees the growth and gives the free pages back.
    QTRY_VERIFY2(ProcessSetup::residentBytes() <= grown - 24 * kMiB,
                 qPrintable(QString::number(ProcessSetup::residentBytes())));
}

QTEST_GUILESS_MAIN(TestProcessSetup)
#include "tst_processsetup.moc"
