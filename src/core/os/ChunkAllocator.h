#pragma once

#include "core/os/WorkerThread.h"

#include <QtGlobal>

#include <condition_variable>
#include <cstring>
#include <mutex>
#include <stop_token>
#include <vector>

// The memory of the traffic log's chunks (PackedEventStore), and the copy
// of payloads into them: the log's whole contact with the operating system.
//
// A full-size chunk (kMappedChunkBytes) is mapped on its own, aligned to
// its size, so that the kernel can back it with one huge page where it
// does so (transparent huge pages "always", or SW_LOG_HUGEPAGES=1: then
// they are asked for with madvise). Where huge pages are unavailable the
// same chunk is simply made of small pages. Smaller chunks come from malloc.
//
// While a log grows, a helper thread maps and populates the next
// full-size chunks (up to kPrefetchDepth, never more than the log says it
// still has room for), so the page faults and zeroing of its first
// budget's worth of memory (a flood's first 64 MiB) are not on the GUI
// thread. The thread is started on the first request and is the
// allocator's: destroying the allocator stops and joins it and unmaps what
// it prepared. Stores share the process's allocator (process()).
class ChunkAllocator
{
public:
    static constexpr size_t kMappedChunkBytes = 2 * 1024 * 1024;
    // Several ahead: with the sender on the other core, a flood used up one
    // prepared chunk before the next was ready (bench/results/).
    static constexpr size_t kPrefetchDepth = 4;
    // Copies from this size on bypass the cache (copy()).
    static constexpr size_t kStreamingFrom = 4096;

    // With hugePages, full-size chunks ask the kernel for huge pages.
    explicit ChunkAllocator(bool hugePages = hugePagesWanted());
    // Stops and joins the helper thread, unmaps the chunks it prepared.
    ~ChunkAllocator();
    ChunkAllocator(const ChunkAllocator &) = delete;
    ChunkAllocator &operator=(const ChunkAllocator &) = delete;

    // The allocator every store uses; destroyed at exit.
    static ChunkAllocator &process();
    // SW_LOG_HUGEPAGES=1: a fault then zeroes 2 MiB at once, which on some
    // virtual machines (the host backing guest memory lazily) made a
    // flood's first chunks cost much of the app's CPU, and small pages
    // drained the same flood faster there. So only when asked.
    static bool hugePagesWanted();

    struct Block
    {
        char *mem = nullptr;
        bool mapped = false;  // mmap'ed (give it back with the same size), else malloc'ed
    };
    // Memory for a chunk of `bytes`: a full-size one mapped (prepared by
    // the helper thread when one is ready), any other size from malloc.
    // Calls qBadAlloc() when there is none.
    Block allocate(size_t bytes);
    static void release(char *mem, size_t bytes, bool mapped);
    // Keeps `chunks` full-size chunks ready (at most kPrefetchDepth): unmaps
    // those beyond it now, and has the helper thread prepare the missing ones.
    void prepareAhead(size_t chunks);
    // Prepared chunks allocate() took so far, and how many are ready now.
    // Always 0 off Linux.
    quint64 preparedTaken() const;
    size_t preparedReady() const;

    // Bytes of chunks mapped by all allocators of the process and taken by
    // a store (outside malloc's heap), and of those prepared and not taken.
    static qint64 mappedBytesInProcess();
    static qint64 preparedBytesInProcess();

    // A payload copied into its chunk. Large ones bypass the cache: the
    // chunk is written once and read again only if someone scrolls back to
    // it, so streaming stores skip reading each destination line first
    // (faster than memcpy into a log that cycles through its budget).
    // Inline: every received byte goes through here.
    static void copy(char *dst, const char *src, size_t n)
    {
        if (n >= kStreamingFrom)
            copyStreaming(dst, src, n);
        else
            std::memcpy(dst, src, n);
    }
    // The streaming copy, for any size and alignment; a plain memcpy where
    // the processor has no streaming stores (hasStreamingStores()).
    static void copyStreaming(char *dst, const char *src, size_t n);
    static bool hasStreamingStores();

private:
    // The helper thread's body.
    void prepare(std::stop_token stop);

    const bool m_hugePages;
    mutable std::mutex m_mutex;  // guards what follows
    std::condition_variable_any m_wake;
    std::vector<char *> m_ready;
    size_t m_wanted = 0;
    quint64 m_taken = 0;
    bool m_working = false;
    bool m_disabled = false;  // no thread could be made: stores map their own
    WorkerThread m_helper;    // last: joined before the rest goes
};
