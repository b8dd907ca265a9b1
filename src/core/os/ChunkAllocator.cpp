#include "core/os/ChunkAllocator.h"

#include <atomic>
#include <cstdlib>
#include <system_error>

#ifdef Q_OS_LINUX
#include <sys/mman.h>
#endif
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace {

constinit std::atomic<qint64> g_mappedBytes{0};
constinit std::atomic<qint64> g_preparedBytes{0};

#ifdef Q_OS_LINUX
// A chunk of `len` bytes (a power of two) aligned to its size, so the kernel
// can back it with one huge page where it does so; its pages allocated now
// when the kernel can (MADV_POPULATE_WRITE, 5.14 on), or by touching each
// one when `touch`. Null when the memory is not there.
char *mapAligned(size_t len, bool hugePages, bool touch)
{
    void *raw = mmap(nullptr, 2 * len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (raw == MAP_FAILED)
        return nullptr;
    const auto start = reinterpret_cast<quintptr>(raw);
    const quintptr aligned = (start + len - 1) & ~quintptr(len - 1);
    if (aligned > start)
        munmap(raw, aligned - start);
    if (aligned + len < start + 2 * len)
        munmap(reinterpret_cast<void *>(aligned + len), start + 2 * len - aligned - len);
    char *mem = reinterpret_cast<char *>(aligned);
    // Refused where the kernel has no huge pages: the chunk then stays in
    // small pages, which is all the difference.
    if (hugePages)
        madvise(mem, len, MADV_HUGEPAGE);
    bool populated = false;
#ifdef MADV_POPULATE_WRITE
    populated = madvise(mem, len, MADV_POPULATE_WRITE) == 0;
#endif
    if (!populated && touch) {
        for (size_t at = 0; at < len; at += 4096)
            mem[at] = 0;
    }
    return mem;
}

// A prepared chunk no store took.
void dropPrepared(char *mem)
{
    munmap(mem, ChunkAllocator::kMappedChunkBytes);
    g_preparedBytes -= qint64(ChunkAllocator::kMappedChunkBytes);
}
#endif

} // namespace

ChunkAllocator::ChunkAllocator(bool hugePages)
    : m_hugePages(hugePages)
{
}

ChunkAllocator::~ChunkAllocator()
{
    m_helper.stop();
#ifdef Q_OS_LINUX
    for (char *mem : m_ready)
        dropPrepared(mem);
#endif
}

ChunkAllocator &ChunkAllocator::process()
{
    static ChunkAllocator allocator;
    return allocator;
}

bool ChunkAllocator::hugePagesWanted()
{
    static const bool wanted = qEnvironmentVariableIntValue("SW_LOG_HUGEPAGES") == 1;
    return wanted;
}

ChunkAllocator::Block ChunkAllocator::allocate(size_t bytes)
{
    Block block;
#ifdef Q_OS_LINUX
    if (bytes == kMappedChunkBytes) {
        {
            const std::lock_guard lock(m_mutex);
            if (!m_ready.empty()) {
                block.mem = m_ready.back();
                m_ready.pop_back();
                ++m_taken;
                g_preparedBytes -= qint64(bytes);
            }
        }
        // Mapped here when the helper did not keep up; its pages then
        // come as they are written.
        if (!block.mem)
            block.mem = mapAligned(bytes, m_hugePages, false);
        if (!block.mem)
            qBadAlloc();
        block.mapped = true;
        g_mappedBytes += qint64(bytes);
        return block;
    }
#endif
    block.mem = static_cast<char *>(std::malloc(bytes));
    if (!block.mem)
        qBadAlloc();
    return block;
}

void ChunkAllocator::release(char *mem, size_t bytes, bool mapped)
{
    if (!mem)
        return;
#ifdef Q_OS_LINUX
    if (mapped) {
        munmap(mem, bytes);
        g_mappedBytes -= qint64(bytes);
        return;
    }
#else
    Q_UNUSED(bytes);
    Q_UNUSED(mapped);
#endif
    std::free(mem);
}

void ChunkAllocator::prepareAhead(size_t chunks)
{
#ifdef Q_OS_LINUX
    const size_t wanted = qMin(chunks, kPrefetchDepth);
    std::vector<char *> surplus;
    {
        const std::lock_guard lock(m_mutex);
        m_wanted = wanted;
        while (m_ready.size() > wanted) {
            surplus.push_back(m_ready.back());
            m_ready.pop_back();
        }
        if (m_ready.size() < wanted && !m_working && !m_disabled) {
            if (!m_helper.isRunning()) {
                try {
                    m_helper.start("sw-log-chunks", [this](std::stop_token stop) { prepare(std::move(stop)); });
                } catch (const std::system_error &) {
                    m_disabled = true;
                }
            }
            m_working = !m_disabled;
        }
    }
    for (char *mem : surplus)
        dropPrepared(mem);
    m_wake.notify_one();
#else
    Q_UNUSED(chunks);
#endif
}

void ChunkAllocator::prepare(std::stop_token stop)
{
#ifdef Q_OS_LINUX
    std::unique_lock lock(m_mutex);
    while (m_wake.wait(lock, stop, [this] { return m_working; })) {
        while (m_ready.size() < m_wanted && !stop.stop_requested()) {
            lock.unlock();
            char *mem = mapAligned(kMappedChunkBytes, m_hugePages, true);
            lock.lock();
            if (!mem)
                break;  // out of memory: the store's own mapping reports it
            if (m_ready.size() >= m_wanted) {
                // Asked for fewer meanwhile (the log is full).
                lock.unlock();
                munmap(mem, kMappedChunkBytes);
                lock.lock();
                break;
            }
            m_ready.push_back(mem);
            g_preparedBytes += qint64(kMappedChunkBytes);
        }
        m_working = false;
    }
#else
    Q_UNUSED(stop);
#endif
}

quint64 ChunkAllocator::preparedTaken() const
{
    const std::lock_guard lock(m_mutex);
    return m_taken;
}

size_t ChunkAllocator::preparedReady() const
{
    const std::lock_guard lock(m_mutex);
    return m_ready.size();
}

qint64 ChunkAllocator::mappedBytesInProcess()
{
    return g_mappedBytes.load();
}

qint64 ChunkAllocator::preparedBytesInProcess()
{
    return g_preparedBytes.load();
}

bool ChunkAllocator::hasStreamingStores()
{
#if defined(__SSE2__)
    return true;
#else
    return false;
#endif
}

void ChunkAllocator::copyStreaming(char *dst, const char *src, size_t n)
{
#if defined(__SSE2__)
    // Plain stores up to the first 16-byte boundary of dst, then 64 bytes a
    // round, the tail plain again.
    const size_t head = qMin<size_t>((16 - (quintptr(dst) & 15)) & 15, n);
    std::memcpy(dst, src, head);
    dst += head;
    src += head;
    n -= head;
    for (; n >= 64; n -= 64, src += 64, dst += 64) {
        const __m128i a = _mm_loadu_si128(reinterpret_cast<const __m128i *>(src));
        const __m128i b = _mm_loadu_si128(reinterpret_cast<const __m128i *>(src + 16));
        const __m128i c = _mm_loadu_si128(reinterpret_cast<const __m128i *>(src + 32));
        const __m128i d = _mm_loadu_si128(reinterpret_cast<const __m128i *>(src + 48));
        _mm_stream_si128(reinterpret_cast<__m128i *>(dst), a);
        _mm_stream_si128(reinterpret_cast<__m128i *>(dst + 16), b);
        _mm_stream_si128(reinterpret_cast<__m128i *>(dst + 32), c);
        _mm_stream_si128(reinterpret_cast<__m128i *>(dst + 48), d);
    }
    _mm_sfence();  // ordered before anything that reads the chunk
#endif
    std::memcpy(dst, src, n);
}
