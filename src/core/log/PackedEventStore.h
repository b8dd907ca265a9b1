#pragma once

#include "core/log/TrafficEvent.h"

#include <QtGlobal>

#include <deque>
#include <memory>
#include <unordered_map>
#include <vector>

// Where TrafficLog keeps its events, packed so that a small event costs
// little more than its payload (a TrafficEvent of 32 bytes would take ~180).
//
// Events live in chunks, oldest first. A chunk is one block of memory:
// payload bytes grow from its front, 12-byte records (time, kind, direction,
// context, payload offset) from its back, so it is full when they meet. What
// most events share (session, connection id, both endpoints) is a context,
// kept once in a table with a reference count. What does not fit a record
// (a message, a reason, a payload of kExternalFraction of a chunk or more,
// a time before the chunk's first) goes to the chunk's side entries, in
// order, with the full time. A context keeps its two addresses as bytes
// (16 each, no heap block), so a UDP sender with a handful of events held
// costs little; an IPv6 address with a scope id keeps the QHostAddress. Large payloads stay the QByteArray the socket
// gave (no copy); the rest are copied into the chunk.
//
// Memory is counted as it really is (bytesUsed()): whole chunks, side
// entries with their heap blocks, contexts. It is freed a chunk at a time,
// when its last event is dropped. Full-size chunks are 2 MiB, aligned (for
// transparent huge pages where the system uses them, or with
// SW_LOG_HUGEPAGES=1), and the last one freed is kept for
// the next (a full log is a ring: new events land in memory already
// mapped). Not thread-safe; events are immutable once appended.
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
    static qsizetype contextBytes();
    static qsizetype scopedEndpointsBytes();

private:
    // An address without its IPv6 scope id, as bytes: IPv4 in the first
    // four (host order), IPv6 all 16, nothing for Any or a null address.
    struct PackedAddress
    {
        quint8 bytes[16] = {};
        qint8 protocol = -1;   // QAbstractSocket::NetworkLayerProtocol
        // The same address (protocol and bytes; a scoped one never is).
        bool matches(const QHostAddress &a) const;
        QHostAddress unpack() const;
    };
    static PackedAddress pack(const QHostAddress &a);
    struct Context
    {
        SessionKind session = SessionKind::TcpServer;
        quint32 sessionId = 0;
        quint32 connectionId = 0;
        quint32 refs = 0;
        quint16 localPort = 0;
        quint16 peerPort = 0;
        PackedAddress local;
        PackedAddress peer;
        size_t hash = 0;
        // Both endpoints whole, when one has an IPv6 scope id (the bytes are then unused).
        std::unique_ptr<std::pair<Endpoint, Endpoint>> scoped;
    };
    struct Side
    {
        quint32 record = 0;    // index of its record in the chunk
        bool externalPayload = false;
        TrafficEvent::Reason reason = TrafficEvent::Reason::None;
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
    qint64 findContext(const TrafficEvent &event, size_t hash) const;
    static size_t contextHash(const TrafficEvent &event);
    static bool sameContext(const Context &c, const TrafficEvent &event);
    static bool needsScopedEndpoints(const TrafficEvent &event);
    static qsizetype contextCost(const TrafficEvent &event);
    static qsizetype contextCost(const Context &c);
    static void fillContext(Context &c, const TrafficEvent &event);
    static Endpoint localOf(const Context &c);
    static Endpoint peerOf(const Context &c);
    quint32 addContext(const TrafficEvent &event, size_t hash);
    void releaseContext(quint32 index);
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

    std::deque<Context> m_contexts;   // a deque: no doubling slack, indices stay put
    std::vector<quint32> m_freeContexts;
    std::unordered_multimap<size_t, quint32> m_contextsByHash;
    qsizetype m_liveContexts = 0;
    mutable qint64 m_lastContext = -1;
};
