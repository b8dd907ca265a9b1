// ChunkAllocator: payload copies of every size and alignment land intact
// (streaming stores or not), full-size chunks are aligned and whole with
// huge pages or without them, and the helper thread that prepares chunks
// ahead is stopped, joined and cleaned up with its allocator, busy or not.

#include "core/os/ChunkAllocator.h"

#include <QFile>
#include <QTest>

#include <cstring>
#include <memory>
#include <vector>

#include <sys/prctl.h>

using namespace Qt::StringLiterals;

namespace {

constexpr size_t kFull = ChunkAllocator::kMappedChunkBytes;

// Bytes no run of a copy repeats, so a shifted or short copy shows.
std::vector<char> pattern(size_t n)
{
    std::vector<char> bytes(n);
    quint32 x = 2463534242u;
    for (char &b : bytes) {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        b = char(x);
    }
    return bytes;
}

// The AnonHugePages of the mapping that holds `address`, in kB; -1 when
// /proc/self/smaps does not say.
qint64 hugePagesKbAt(const void *address)
{
    QFile smaps(u"/proc/self/smaps"_s);
    if (!smaps.open(QIODevice::ReadOnly))
        return -1;
    const auto at = quintptr(address);
    bool inside = false;
    for (const QByteArray &line : smaps.readAll().split('\n')) {
        const qsizetype dash = line.indexOf('-');
        const qsizetype space = line.indexOf(' ');
        if (dash > 0 && space > dash && !line.left(space).endsWith(':')) {
            // A mapping's first line: "start-end perms ...".
            bool ok1 = false;
            bool ok2 = false;
            const quintptr start = line.left(dash).toULongLong(&ok1, 16);
            const quintptr end = line.mid(dash + 1, space - dash - 1).toULongLong(&ok2, 16);
            inside = ok1 && ok2 && at >= start && at < end;
        } else if (inside && line.startsWith("AnonHugePages:")) {
            return line.mid(14).trimmed().split(' ').value(0).toLongLong();
        }
    }
    return -1;
}

// The whole chunk can be written and read back.
bool wholeChunkHolds(char *mem, size_t bytes)
{
    for (size_t at = 0; at < bytes; at += 4096)
        mem[at] = char(at / 4096);
    mem[bytes - 1] = 'z';
    for (size_t at = 0; at < bytes; at += 4096) {
        if (mem[at] != char(at / 4096))
            return false;
    }
    return mem[bytes - 1] == 'z';
}

// Switches transparent huge pages off for this process while it lives (as
// on a kernel without them), back on after.
struct NoHugePages
{
    NoHugePages() { ok = ::prctl(PR_SET_THP_DISABLE, 1, 0, 0, 0) == 0; }
    ~NoHugePages()
    {
        if (ok)
            ::prctl(PR_SET_THP_DISABLE, 0, 0, 0, 0);
    }
    bool ok = false;
};

} // namespace

class TestChunkAllocator : public QObject
{
    Q_OBJECT
private slots:
    void copiesEverySizeAndAlignment_data();
    void copiesEverySizeAndAlignment();
    void fullChunksAreMappedAndAligned_data();
    void fullChunksAreMappedAndAligned();
    void smallChunksComeFromTheHeap();
    void preparesChunksAheadUpToTheDepth();
    void destroyingWhileItPreparesJoinsAndUnmaps();
};

void TestChunkAllocator::copiesEverySizeAndAlignment_data()
{
    QTest::addColumn<bool>("streaming");
    QTest::addColumn<int>("size");
    QTest::addColumn<int>("dstOffset");
    QTest::addColumn<int>("srcOffset");
    // Around the 16-byte head, the 64-byte rounds and the switch to
    // streaming stores, aligned and not, each way.
    for (const bool streaming : {false, true}) {
        for (const int size : {0, 1, 15, 16, 17, 63, 64, 65, 127, 4095, 4096, 4097, 4096 + 63, 65536 + 13}) {
            for (const int dst : {0, 1, 8, 15}) {
                for (const int src : {0, 3}) {
                    QTest::addRow("%s size %d dst+%d src+%d", streaming ? "streaming" : "copy()", size, dst, src)
                        << streaming << size << dst << src;
                }
            }
        }
    }
}

void TestChunkAllocator::copiesEverySizeAndAlignment()
{
    QFETCH(bool, streaming);
    QFETCH(int, size);
    QFETCH(int, dstOffset);
    QFETCH(int, srcOffset);
    // Guards of 64 bytes on both sides of the destination must stay as they were.
    constexpr size_t kGuard = 64;
    const std::vector<char> source = pattern(size_t(size + srcOffset) + 1);
    alignas(64) static char target[65536 + 256];
    std::memset(target, 0x5a, sizeof target);
    char *dst = target + kGuard + dstOffset;
    const char *src = source.data() + srcOffset;
    if (streaming)
        ChunkAllocator::copyStreaming(dst, src, size_t(size));
    else
        ChunkAllocator::copy(dst, src, size_t(size));
    QVERIFY(std::memcmp(dst, src, size_t(size)) == 0);
    for (size_t i = 0; i < kGuard + size_t(dstOffset); ++i)
        QCOMPARE(target[i], char(0x5a));
    for (size_t i = kGuard + size_t(dstOffset + size); i < kGuard + size_t(dstOffset + size) + kGuard; ++i)
        QCOMPARE(target[i], char(0x5a));
}

void TestChunkAllocator::fullChunksAreMappedAndAligned_data()
{
    QTest::addColumn<bool>("hugePages");
    QTest::addColumn<bool>("withoutHugePages");
    QTest::newRow("small pages") << false << false;
    QTest::newRow("huge pages asked") << true << false;
    // The fallback: asked, but the kernel has none to give.
    QTest::newRow("huge pages asked, none to be had") << true << true;
}

void TestChunkAllocator::fullChunksAreMappedAndAligned()
{
#ifndef Q_OS_LINUX
    QSKIP("chunks are mapped on Linux only");
#endif
    QFETCH(bool, hugePages);
    QFETCH(bool, withoutHugePages);
    std::unique_ptr<NoHugePages> none;
    if (withoutHugePages) {
        none = std::make_unique<NoHugePages>();
        if (!none->ok)
            QSKIP("PR_SET_THP_DISABLE is not available");
    }
    ChunkAllocator allocator(hugePages);
    const qint64 mappedBefore = ChunkAllocator::mappedBytesInProcess();
    const ChunkAllocator::Block block = allocator.allocate(kFull);
    QVERIFY(block.mem);
    QVERIFY(block.mapped);
    QCOMPARE(quintptr(block.mem) % kFull, quintptr(0));
    QCOMPARE(ChunkAllocator::mappedBytesInProcess() - mappedBefore, qint64(kFull));
    // Fresh anonymous memory reads as zero, then holds what is written.
    QCOMPARE(block.mem[0], char(0));
    QCOMPARE(block.mem[kFull - 1], char(0));
    QVERIFY(wholeChunkHolds(block.mem, kFull));
    if (withoutHugePages)
        QCOMPARE(hugePagesKbAt(block.mem), qint64(0));
    ChunkAllocator::release(block.mem, kFull, block.mapped);
    QCOMPARE(ChunkAllocator::mappedBytesInProcess(), mappedBefore);
}

void TestChunkAllocator::smallChunksComeFromTheHeap()
{
    ChunkAllocator allocator;
    const qint64 mappedBefore = ChunkAllocator::mappedBytesInProcess();
    for (const size_t bytes : {size_t(512), size_t(4096), kFull / 2}) {
        const ChunkAllocator::Block block = allocator.allocate(bytes);
        QVERIFY(block.mem);
        QVERIFY(!block.mapped);
        QCOMPARE(ChunkAllocator::mappedBytesInProcess(), mappedBefore);
        QVERIFY(wholeChunkHolds(block.mem, bytes));
        ChunkAllocator::release(block.mem, bytes, block.mapped);
    }
}

void TestChunkAllocator::preparesChunksAheadUpToTheDepth()
{
#ifndef Q_OS_LINUX
    QSKIP("chunks are prepared ahead on Linux only");
#endif
    ChunkAllocator allocator;
    const qint64 preparedBefore = ChunkAllocator::preparedBytesInProcess();
    allocator.prepareAhead(ChunkAllocator::kPrefetchDepth + 3);
    QTRY_COMPARE(allocator.preparedReady(), ChunkAllocator::kPrefetchDepth);
    QCOMPARE(ChunkAllocator::preparedBytesInProcess() - preparedBefore,
             qint64(ChunkAllocator::kPrefetchDepth * kFull));
    // Taken ready-made, aligned like any other.
    const ChunkAllocator::Block block = allocator.allocate(kFull);
    QCOMPARE(allocator.preparedTaken(), quint64(1));
    QCOMPARE(allocator.preparedReady(), ChunkAllocator::kPrefetchDepth - 1);
    QCOMPARE(quintptr(block.mem) % kFull, quintptr(0));
    QVERIFY(wholeChunkHolds(block.mem, kFull));
    ChunkAllocator::release(block.mem, kFull, block.mapped);
    // Asked for fewer: the rest go at once.
    allocator.prepareAhead(1);
    QCOMPARE(allocator.preparedReady(), size_t(1));
    allocator.prepareAhead(0);
    QCOMPARE(allocator.preparedReady(), size_t(0));
    QCOMPARE(ChunkAllocator::preparedBytesInProcess(), preparedBefore);
}

void TestChunkAllocator::destroyingWhileItPreparesJoinsAndUnmaps()
{
#ifndef Q_OS_LINUX
    QSKIP("chunks are prepared ahead on Linux only");
#endif
    const qint64 preparedBefore = ChunkAllocator::preparedBytesInProcess();
    for (int round = 0; round < 20; ++round) {
        ChunkAllocator allocator;
        // Destroyed while its thread maps and populates: some rounds
        // before it has any ready, some with a few.
        allocator.prepareAhead(ChunkAllocator::kPrefetchDepth);
        if (round % 2)
            QTRY_VERIFY(allocator.preparedReady() > 0);
    }
    QCOMPARE(ChunkAllocator::preparedBytesInProcess(), preparedBefore);
}

QTEST_GUILESS_MAIN(TestChunkAllocator)
#include "tst_chunkallocator.moc"
