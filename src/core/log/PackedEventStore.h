#pragma once

#include "core/log/EventContextTable.h"
#include "core/log/TrafficEvent.h"

#include <QtGlobal>

#include <deque>
#include <memory>
#include <vector>

// Where TrafficLog keeps its events, packed so that a small event costs
// little more than its payload (a TrafficEvent of 32 bytes would take ~180).
//
// Events live in chunks, oldest first. A chunk is one block of memory:
// payload bytes grow from its front, 12-byte records (time, kind, direction,
// context, payload offset) from its back, so it is full when they meet. What
// most events share (session, connection id, both endpoints) is a context,
// kept once in an EventContextTable. What does not fit a record (a message,
// a reason, a payload of kExternalFraction of a chunk or more, a time
// before the chunk's first) goes to the chunk's side entries, in order,
// with the full time. Large payloads stay the QByteArray the socket gave
// (no copy); the rest are copied into the chunk.
//
// Memory is counted as it really is (bytesUsed()): whole chunks, side
// entries with their heap blocks, contexts. It is freed a chunk at a time,
// when its last event is dropped. Chunk memory comes from the process's
// ChunkAllocator (core/os): full-size chunks are 2 MiB, aligned for huge
// pages, and prepared ahead while the log grows. The last full-size chunk
// freed is kept for the next (a full log is a ring: new events land in
// memory already mapped). Not thread-safe; events are immutable once
// appended.
class PackedEventStore
{
public:
    static constexpr qsizetype kRecordBytes = 12;
    static constexpr qsizetype kMinChunkBytes = 512;
    static constexpr qsizetype kMaxChunkBytes = 2 * 1024 * 1024;
    // A payload of at least maxChunkBytes() / kExternalFraction stays a
    // shared QByteArray instead of being copied into a chunk.
    static constexpr qsizetype kExternalFraction = 8;

    PackedEventStore();
    ~PackedEventStore();
    PackedEventStore(const PackedEventStore &) = delete;
    PackedEventStore &operator=(const PackedEventStore &) = delete;

    qsizetype size() const { return m_size; }
    bool isEmpty() const { return m_size == 0; }
    // A copy of event i (0 = oldest held), exactly as appended; with
    // maxPayload >= 0 only that many payload bytes at most (payloadSizeAt()
    // has the size). Large payloads are shared, never copied or cut.
    TrafficEvent at(qsizetype i, qsizetype maxPayload = -1) const;
    qsizetype payloadSizeAt(qsizetype i) const;

    // Memory held now, bytes (see the class comment). Excludes the one spare
    // chunk kept for reuse (spareBytes()).
    qint64 bytesUsed() const { return m_bytes; }
    qint64 spareBytes() const;
    // How much bytesUsed() grows if `event` is appended now.
    qint64 costOfAppending(const TrafficEvent &event) const;
    void append(const TrafficEvent &event);
    // Drops the oldest event; returns its payload size. Not on an empty store.
    qsizetype dropFront();
    // Drops everything and frees all memory, the spare chunk too.
    void clear();

    // The size of new chunks grows from kMinChunkBytes up to this (a power
    // of two, clamped to [kMinChunkBytes, kMaxChunkBytes]); TrafficLog sets
    // it from the budget so a small budget holds many chunks.
    qsizetype maxChunkBytes() const { return m_maxChunk; }
    void setMaxChunkBytes(qsizetype bytes);
    qsizetype externalThreshold() const { return m_maxChunk / kExternalFraction; }
    // Whether chunks made before a smaller maxChunkBytes() are still held.
    bool hasChunksOver(qsizetype bytes) const;
    // Moves every event into chunks of the current maxChunkBytes() (a copy:
    // for a lowered budget, whose old chunks would each be too large).
    void repack();

    // Bytes of chunk memory mapped with mmap by all stores of the process
    // (outside malloc's heap), for the memory benchmark.
    static qint64 mappedBytesInProcess();
    // Full-size chunks a helper thread maps and populates ahead of a growing
    // log: how many stores took so far, and how many are ready now (not in
    // mappedBytesInProcess() until taken). Always 0 off Linux.
    static quint64 prefetchedChunksTaken();
    static qsizetype prefetchedChunksReady();
    // How large this store may grow (TrafficLog's budget): chunks are
    // prepared ahead only for the room left below it. 0, the default,
    // prepares none.
    void setPrefetchLimit(qint64 bytes) { m_prefetchLimit = bytes; }

    // Bookkeeping charged per chunk, side entry and context (their structs,
    // the containers' nodes). A context whose endpoints have an IPv6 scope
    // id costs scopedEndpointsBytes() more (the endpoints kept whole).
    static qsizetype chunkOverhead();
    static qsizetype sideEntryBytes();
    static qsizetype contextBytes() { return EventContextTable::contextBytes(); }
    static qsizetype scopedEndpointsBytes() { return EventContextTable::scopedEndpointsBytes(); }

private:
    using Context = EventContextTable::Context;
    struct Side
    {
        quint32 record = 0;    // index of its record in the chunk
        bool externalPayload = false;
        TrafficEvent::Reason reason = TrafficEvent::Reason::None;
        int rule = -2;          // TrafficEvent::rule past what a record holds
        qint64 timeUs = 0;
        qint64 heapBytes = 0;   // what bytesUsed() was charged for message and payload
        QString message;
        QByteArray payload;     // when externalPayload
        std::unique_ptr<Context> ownContext;  // when the context table is full
    };
    struct Chunk
    {
        char *mem = nullptr;
        quint32 bytes = 0;       // size of mem
        quint32 payloadEnd = 0;  // payload bytes used, from the front
        quint32 records = 0;     // records written, from the back
        quint32 front = 0;       // records dropped
        bool mapped = false;     // mmap'ed (a full-size chunk), else malloc'ed
        qint64 baseUs = 0;       // time of its first event
        quint64 firstOrdinal = 0; // store ordinal of its record 0
        std::vector<Side> side;
        size_t sideFront = 0;    // side entries dropped
    };
    struct Record
    {
        quint32 w[3];
    };
    // Where an event would go and what it would cost.
    struct Plan
    {
        bool external = false;
        bool side = false;
        bool newChunk = false;
        qsizetype chunkBytes = 0;    // size of the new chunk
        qint64 contextIndex = -1;    // existing context, or -1
        qint64 cost = 0;
    };

    Plan plan(const TrafficEvent &event) const;
    static qint64 sideHeapBytes(const TrafficEvent &event, bool external);
    static bool trimmed(const QByteArray &payload);
    // Side entries a chunk takes at most (one per 64 bytes of it).
    static size_t sideLimit(quint32 chunkBytes);
    static qint64 payloadBlockBytes(const QByteArray &payload);
    static qint64 messageBlockBytes(const QString &message);
    void newChunk(qsizetype bytes, qint64 baseUs);
    void freeChunkMemory(Chunk &chunk);
    const Chunk &chunkOf(quint64 ordinal) const;
    static const Record &recordOf(const Chunk &c, quint32 r);
    static Record &recordOf(Chunk &c, quint32 r);
    static quint32 payloadOffset(const Record &rec) { return rec.w[2] & 0x3fffff; }
    static quint32 payloadLength(const Chunk &c, quint32 r);
    static const Side &sideOf(const Chunk &c, quint32 r);

    std::deque<Chunk> m_chunks;
    Chunk m_spare;                 // mem == nullptr when none
    qsizetype m_size = 0;
    quint64 m_frontOrdinal = 0;    // ordinal of at(0)
    qint64 m_bytes = 0;
    qint64 m_prefetchLimit = 0;
    qsizetype m_maxChunk = kMaxChunkBytes;
    qsizetype m_nextChunk = kMinChunkBytes;
    mutable size_t m_lastChunk = 0;  // chunkOf()'s guess, for sequential reads
    EventContextTable m_contexts;
};
