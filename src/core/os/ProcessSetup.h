#pragma once

#include <QtGlobal>

class QCoreApplication;
class QObject;

// What main() sets up about the process itself, before and after the
// application object exists: descriptors, the heap, signals.
class ProcessSetup
{
public:
    // --- before the application object (the process has one thread) ---

    // Raises the open-file soft limit to the hard limit: 10,000 clients need
    // 10,000 descriptors. `now` is the limit after, RLIM_INFINITY as 2^20.
    struct FileLimit { qint64 before = 0; qint64 now = 0; };
    static FileLimit raiseFileLimit();
    // The open-file soft limit now, RLIM_INFINITY as 2^20.
    static qint64 openFileLimit();
    // Grows the process's descriptor table to hold `descriptors` now (at
    // most the soft limit and 65,536), and returns its size then, or -1 when
    // it could not. Call it while the process has one thread: the kernel
    // grows a table other threads share only after an RCU grace period,
    // and every thread opening a descriptor meanwhile waits (a new app's
    // first connections stalled: bench/results/2026-12-03-ab-da2377c-
    // descriptor-table.md). The table never
    // shrinks; it costs the kernel 8 bytes a slot.
    static qint64 reserveDescriptorTable(qint64 descriptors);
    // Received payloads are large, short-lived blocks (up to a few MiB per
    // read, freed when the log budget drops them). By default glibc maps each
    // one fresh and unmaps it on free, so every received byte also costs a
    // page fault. This serves them from the heap and keeps freed memory for
    // reuse (trimHeapWhileGrowing() gives it back).
    static void keepLargeBlocksInHeap();

    // --- with the application object ---

    // SIGTERM and SIGINT end the event loop, so logs are flushed and
    // sockets closed like on a normal quit.
    static void quitOnSignals(QCoreApplication *app);
    // With keepLargeBlocksInHeap(), while old events are dropped faster than
    // new ones reuse their memory, the holes they leave stay resident.
    // Twice a second, once the process has grown by a few MiB since the
    // last time, whole free pages go back, so the process stays near the
    // log's budget (tests/faults/INTEGRITY.md has the bound). The timer is
    // a child of `owner`.
    static void trimHeapWhileGrowing(QObject *owner);
    // The process's resident memory, from one read of /proc/self/statm; -1
    // when it cannot be read. (mallinfo2() walks every free chunk: after
    // 10,000 clients have left, hundreds of thousands of them, that alone
    // held the window for 20-30 ms.)
    static qint64 residentBytes();
    // Gives free heap pages back to the system now (malloc_trim).
    static void trimHeap();
};
