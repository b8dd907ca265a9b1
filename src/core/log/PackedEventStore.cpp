#include "core/log/PackedEventStore.h"

#include "core/log/MallocBlock.h"
#include "core/os/ChunkAllocator.h"

#include <algorithm>
#include <iterator>
#include <utility>

namespace {

constexpr qint64 kMaxDelta = qint64(1) << 40;       // ~12.7 days of microseconds in a record
constexpr quint32 kOwnContext = 0xffffff;           // the context is in the side entry
static_assert(kOwnContext == EventContextTable::kMaxContexts);  // 24 bits in a record
constexpr quint32 kSideBit = 1u << 27;
constexpr quint32 kExternalBit = 1u << 28;
// TrafficEvent::rule in the record's top three bits: -2 (no rules) … 4 as
// 0 … 6, so a received message's mark costs nothing; 7 = in the side entry
// (rule 5 and above).
constexpr int kRuleShift = 29;
constexpr quint32 kRuleInSide = 7;

quint32 ruleCode(int rule)
{
    return rule >= -2 && rule <= 4 ? quint32(rule + 2) : kRuleInSide;
}
// A kind in three bits and a direction in two: a state event (the ninth
// kind) is written as a note with the direction no event has (3); both have
// no direction of their own.
constexpr quint32 kStateDirection = 3;

quint32 kindCode(TrafficEvent::Kind kind)
{
    return kind == TrafficEvent::Kind::State ? quint32(TrafficEvent::Kind::Note) : quint32(kind);
}

quint32 directionCode(const TrafficEvent &e)
{
    return e.kind == TrafficEvent::Kind::State ? kStateDirection : quint32(e.direction);
}

TrafficEvent::Kind kindOf(quint32 word)
{
    if (((word >> 25) & 0x3u) == kStateDirection)
        return TrafficEvent::Kind::State;
    return TrafficEvent::Kind((word >> 22) & 0x7u);
}

TrafficEvent::Direction directionOf(quint32 word)
{
    const quint32 d = (word >> 25) & 0x3u;
    return d == kStateDirection ? TrafficEvent::Direction::None : TrafficEvent::Direction(d);
}

static_assert(quint32(TrafficEvent::Kind::Note) == 7 && quint32(TrafficEvent::Direction::Out) < kStateDirection);
static_assert(size_t(PackedEventStore::kMaxChunkBytes) == ChunkAllocator::kMappedChunkBytes);

} // namespace

PackedEventStore::PackedEventStore() = default;

PackedEventStore::~PackedEventStore()
{
    clear();
}

qsizetype PackedEventStore::chunkOverhead()
{
    // The deque's slot and its share of the deque's map.
    return qsizetype(sizeof(Chunk)) + 8;
}

qsizetype PackedEventStore::sideEntryBytes()
{
    return qsizetype(sizeof(Side));
}

qint64 PackedEventStore::mappedBytesInProcess()
{
    return ChunkAllocator::mappedBytesInProcess();
}

quint64 PackedEventStore::prefetchedChunksTaken()
{
    return ChunkAllocator::process().preparedTaken();
}

qsizetype PackedEventStore::prefetchedChunksReady()
{
    return qsizetype(ChunkAllocator::process().preparedReady());
}

qint64 PackedEventStore::spareBytes() const
{
    return m_spare.mem ? qint64(m_spare.bytes) : 0;
}

void PackedEventStore::setMaxChunkBytes(qsizetype bytes)
{
    qsizetype size = kMinChunkBytes;
    while (size < kMaxChunkBytes && size * 2 <= bytes)
        size *= 2;
    m_maxChunk = size;
    m_nextChunk = qMin(m_nextChunk, m_maxChunk);
    if (m_spare.mem && qsizetype(m_spare.bytes) != m_maxChunk)
        freeChunkMemory(m_spare);
}

bool PackedEventStore::trimmed(const QByteArray &payload)
{
    return payload.capacity() > payload.size() + payload.size() / 8 + 64;
}

qint64 PackedEventStore::payloadBlockBytes(const QByteArray &payload)
{
    if (payload.isEmpty())
        return 0;
    return mallocBlockBytes((trimmed(payload) ? payload.size() : payload.capacity()) + 24 + 1);
}

qint64 PackedEventStore::messageBlockBytes(const QString &message)
{
    return message.isEmpty() ? 0 : mallocBlockBytes(message.capacity() * 2 + 24 + 2);
}

// --- appending --------------------------------------------------------------

qint64 PackedEventStore::sideHeapBytes(const TrafficEvent &e, bool external)
{
    return messageBlockBytes(e.message) + (external ? payloadBlockBytes(e.payload) : 0);
}

PackedEventStore::Plan PackedEventStore::plan(const TrafficEvent &e) const
{
    Plan p;
    const qsizetype n = e.payload.size();
    p.external = n > 0 && n >= externalThreshold();
    p.contextIndex = m_contexts.find(e);
    const bool ownContext = p.contextIndex < 0 && m_contexts.isFull();
    p.side = p.external || ownContext || e.reason != TrafficEvent::Reason::None || !e.message.isEmpty()
          || ruleCode(e.rule) == kRuleInSide;

    const qsizetype inChunk = kRecordBytes + (p.external ? 0 : n);
    if (m_chunks.empty()) {
        p.newChunk = true;
    } else {
        const Chunk &c = m_chunks.back();
        const qint64 delta = e.timeUs - c.baseUs;
        if (delta >= kMaxDelta)
            p.newChunk = true;  // a new base time
        else if (qsizetype(c.payloadEnd) + qsizetype(c.records) * kRecordBytes + inChunk > qsizetype(c.bytes))
            p.newChunk = true;
        else if (p.side && c.side.size() >= sideLimit(c.bytes))
            p.newChunk = true;  // its side entries' memory stays proportionate to the chunk's
        else if (delta < 0)
            p.side = true;      // the clock went back: the side entry has the full time
    }
    qsizetype sideCapacityGrowth = 0;
    if (p.newChunk) {
        qsizetype size = m_nextChunk;
        while (size < 2 * inChunk && size < m_maxChunk)
            size *= 2;
        p.chunkBytes = size;
        p.cost += size + chunkOverhead();
        if (p.side)
            sideCapacityGrowth = qMin<qsizetype>(4, qsizetype(sideLimit(quint32(size))));
    } else if (p.side) {
        const std::vector<Side> &side = m_chunks.back().side;
        if (side.size() == side.capacity())
            sideCapacityGrowth = qMin(qMax<qsizetype>(4, qsizetype(side.capacity()) * 2),
                                      qsizetype(sideLimit(m_chunks.back().bytes)))
                               - qsizetype(side.capacity());
    }
    if (p.side)
        p.cost += sideCapacityGrowth * sideEntryBytes() + sideHeapBytes(e, p.external)
                + (ownContext ? EventContextTable::cost(e) : 0);
    if (p.contextIndex < 0 && !ownContext)
        p.cost += EventContextTable::cost(e);
    return p;
}

qint64 PackedEventStore::costOfAppending(const TrafficEvent &event) const
{
    return plan(event).cost;
}

void PackedEventStore::append(const TrafficEvent &e)
{
    const Plan p = plan(e);
    if (p.newChunk)
        newChunk(p.chunkBytes, e.timeUs);
    Chunk &c = m_chunks.back();

    quint32 context = kOwnContext;
    std::unique_ptr<Context> own;
    if (p.contextIndex >= 0) {
        context = quint32(p.contextIndex);
    } else if (!m_contexts.isFull()) {
        context = m_contexts.add(e);
        m_bytes += EventContextTable::cost(m_contexts.at(context));
    } else {
        own = std::make_unique<Context>();
        EventContextTable::fill(*own, e);
        own->refs = 1;
        m_bytes += EventContextTable::cost(*own);
    }
    if (context != kOwnContext)
        m_contexts.retain(context);

    const quint32 offset = c.payloadEnd;
    if (!p.external && !e.payload.isEmpty()) {
        ChunkAllocator::copy(c.mem + offset, e.payload.constData(), size_t(e.payload.size()));
        c.payloadEnd += quint32(e.payload.size());
    }
    const qint64 delta = p.side ? 0 : e.timeUs - c.baseUs;
    Record &rec = recordOf(c, c.records);
    rec.w[0] = quint32(quint64(delta) & 0xffffffffu);
    rec.w[1] = quint32((quint64(delta) >> 32) & 0xffu) | (context << 8);
    rec.w[2] = offset | (kindCode(e.kind) << 22) | (directionCode(e) << 25) | (p.side ? kSideBit : 0u)
             | (p.external ? kExternalBit : 0u) | (ruleCode(e.rule) << kRuleShift);

    if (p.side) {
        if (c.side.size() == c.side.capacity()) {
            const size_t grown = qMin(qMax<size_t>(4, c.side.capacity() * 2), sideLimit(c.bytes));
            m_bytes += qint64(grown - c.side.capacity()) * sideEntryBytes();
            c.side.reserve(grown);
        }
        Side s;
        s.record = c.records;
        s.externalPayload = p.external;
        s.reason = e.reason;
        s.rule = e.rule;
        s.timeUs = e.timeUs;
        s.message = e.message;
        if (p.external) {
            s.payload = e.payload;
            // A block read with room to spare is trimmed: the budget pays for capacity.
            if (trimmed(s.payload))
                s.payload.squeeze();
        }
        s.ownContext = std::move(own);
        s.heapBytes = messageBlockBytes(s.message) + payloadBlockBytes(s.payload);
        m_bytes += s.heapBytes;
        c.side.push_back(std::move(s));
    }
    ++c.records;
    ++m_size;
}

void PackedEventStore::newChunk(qsizetype bytes, qint64 baseUs)
{
    Chunk c;
    if (m_spare.mem && qsizetype(m_spare.bytes) == bytes) {
        c.mem = m_spare.mem;
        c.mapped = m_spare.mapped;
        m_spare.mem = nullptr;
    } else {
        ChunkAllocator &allocator = ChunkAllocator::process();
        const ChunkAllocator::Block block = allocator.allocate(size_t(bytes));
        c.mem = block.mem;
        c.mapped = block.mapped;
        if (block.mapped) {
            // The next full-size chunks are asked for, as many as the
            // store's limit still has room for.
            const qint64 room = m_prefetchLimit - (m_bytes + bytes + chunkOverhead());
            allocator.prepareAhead(room > 0 ? size_t(room / (bytes + chunkOverhead())) : 0);
        }
    }
    c.bytes = quint32(bytes);
    c.baseUs = baseUs;
    c.firstOrdinal = m_frontOrdinal + quint64(m_size);
    m_bytes += bytes + chunkOverhead();
    m_chunks.push_back(std::move(c));
    m_nextChunk = qMin(m_maxChunk, qMax(m_nextChunk, bytes) * 2);
}

void PackedEventStore::freeChunkMemory(Chunk &c)
{
    ChunkAllocator::release(c.mem, c.bytes, c.mapped);
    c.mem = nullptr;
}

size_t PackedEventStore::sideLimit(quint32 chunkBytes)
{
    return qMax<size_t>(8, chunkBytes / 64);
}

// --- dropping ---------------------------------------------------------------

qsizetype PackedEventStore::dropFront()
{
    Q_ASSERT(m_size > 0);
    Chunk &c = m_chunks.front();
    const quint32 r = c.front;
    const Record &rec = recordOf(c, r);
    qsizetype payload = payloadLength(c, r);
    const quint32 context = rec.w[1] >> 8;
    if (rec.w[2] & kSideBit) {
        Side &s = c.side[c.sideFront];
        Q_ASSERT(s.record == r);
        if (s.externalPayload)
            payload = s.payload.size();
        m_bytes -= s.heapBytes;
        if (s.ownContext)
            m_bytes -= EventContextTable::cost(*s.ownContext);
        s = Side();
        ++c.sideFront;
        // Side entries of a chunk go oldest first: once half are gone, the
        // rest move to a vector of their size, so their memory goes as they do.
        if (c.sideFront >= 16 && 2 * c.sideFront >= c.side.size() && c.front + 1 < c.records) {
            std::vector<Side> kept;
            kept.reserve(c.side.size() - c.sideFront);
            std::move(c.side.begin() + qsizetype(c.sideFront), c.side.end(), std::back_inserter(kept));
            m_bytes -= qint64(c.side.capacity() - kept.capacity()) * sideEntryBytes();
            c.side.swap(kept);
            c.sideFront = 0;
        }
    }
    if (context != kOwnContext)
        m_bytes -= m_contexts.release(context);
    ++c.front;
    --m_size;
    ++m_frontOrdinal;
    if (c.front == c.records) {
        m_bytes -= qint64(c.bytes) + chunkOverhead() + qint64(c.side.capacity()) * sideEntryBytes();
        // The newest full-size chunk freed is kept: in a full log the next
        // chunk needs exactly this memory, already mapped.
        if (qsizetype(c.bytes) == m_maxChunk && !m_spare.mem) {
            m_spare.mem = c.mem;
            m_spare.bytes = c.bytes;
            m_spare.mapped = c.mapped;
            c.mem = nullptr;
        } else {
            freeChunkMemory(c);
        }
        m_chunks.pop_front();
        m_lastChunk = 0;
    }
    return payload;
}

void PackedEventStore::clear()
{
    for (Chunk &c : m_chunks)
        freeChunkMemory(c);
    m_chunks.clear();
    freeChunkMemory(m_spare);
    m_frontOrdinal += quint64(m_size);
    m_size = 0;
    m_bytes = 0;
    m_nextChunk = kMinChunkBytes;
    m_lastChunk = 0;
    m_contexts.clear();
}

bool PackedEventStore::hasChunksOver(qsizetype bytes) const
{
    return std::any_of(m_chunks.begin(), m_chunks.end(), [bytes](const Chunk &c) { return qsizetype(c.bytes) > bytes; });
}

void PackedEventStore::repack()
{
    PackedEventStore fresh;
    fresh.setMaxChunkBytes(m_maxChunk);
    fresh.m_frontOrdinal = m_frontOrdinal;
    for (qsizetype i = 0; i < m_size; ++i)
        fresh.append(at(i));
    clear();
    std::swap(m_chunks, fresh.m_chunks);
    std::swap(m_size, fresh.m_size);
    std::swap(m_frontOrdinal, fresh.m_frontOrdinal);
    std::swap(m_bytes, fresh.m_bytes);
    std::swap(m_nextChunk, fresh.m_nextChunk);
    std::swap(m_contexts, fresh.m_contexts);
    m_lastChunk = 0;
}

// --- reading ----------------------------------------------------------------

const PackedEventStore::Record &PackedEventStore::recordOf(const Chunk &c, quint32 r)
{
    return reinterpret_cast<const Record *>(c.mem + c.bytes)[-qsizetype(r) - 1];
}

PackedEventStore::Record &PackedEventStore::recordOf(Chunk &c, quint32 r)
{
    return reinterpret_cast<Record *>(c.mem + c.bytes)[-qsizetype(r) - 1];
}

quint32 PackedEventStore::payloadLength(const Chunk &c, quint32 r)
{
    const quint32 end = r + 1 < c.records ? payloadOffset(recordOf(c, r + 1)) : c.payloadEnd;
    return end - payloadOffset(recordOf(c, r));
}

const PackedEventStore::Side &PackedEventStore::sideOf(const Chunk &c, quint32 r)
{
    const auto it = std::lower_bound(c.side.begin() + qsizetype(c.sideFront), c.side.end(), r,
                                     [](const Side &s, quint32 record) { return s.record < record; });
    Q_ASSERT(it != c.side.end() && it->record == r);
    return *it;
}

const PackedEventStore::Chunk &PackedEventStore::chunkOf(quint64 ordinal) const
{
    const auto holds = [ordinal](const Chunk &c) {
        return ordinal >= c.firstOrdinal && ordinal < c.firstOrdinal + c.records;
    };
    if (m_lastChunk < m_chunks.size() && holds(m_chunks[m_lastChunk]))
        return m_chunks[m_lastChunk];
    if (m_lastChunk + 1 < m_chunks.size() && holds(m_chunks[m_lastChunk + 1]))
        return m_chunks[++m_lastChunk];
    const auto it = std::upper_bound(m_chunks.begin(), m_chunks.end(), ordinal,
                                     [](quint64 o, const Chunk &c) { return o < c.firstOrdinal; });
    Q_ASSERT(it != m_chunks.begin());
    m_lastChunk = size_t(it - m_chunks.begin()) - 1;
    return m_chunks[m_lastChunk];
}

qsizetype PackedEventStore::payloadSizeAt(qsizetype i) const
{
    Q_ASSERT(i >= 0 && i < m_size);
    const Chunk &c = chunkOf(m_frontOrdinal + quint64(i));
    const quint32 r = quint32(m_frontOrdinal + quint64(i) - c.firstOrdinal);
    if (recordOf(c, r).w[2] & kExternalBit)
        return sideOf(c, r).payload.size();
    return payloadLength(c, r);
}

TrafficEvent PackedEventStore::at(qsizetype i, qsizetype maxPayload) const
{
    Q_ASSERT(i >= 0 && i < m_size);
    const Chunk &c = chunkOf(m_frontOrdinal + quint64(i));
    const quint32 r = quint32(m_frontOrdinal + quint64(i) - c.firstOrdinal);
    const Record &rec = recordOf(c, r);
    const quint32 contextIndex = rec.w[1] >> 8;
    const Side *side = (rec.w[2] & kSideBit) ? &sideOf(c, r) : nullptr;
    const Context &ctx = contextIndex == kOwnContext ? *side->ownContext : m_contexts.at(contextIndex);
    const qint64 delta = qint64(rec.w[0]) | (qint64(rec.w[1] & 0xffu) << 32);
    QByteArray payload;
    if (maxPayload == 0)
        ;
    else if (rec.w[2] & kExternalBit)
        payload = side->payload;
    else if (const quint32 n = payloadLength(c, r))
        payload = QByteArray(c.mem + payloadOffset(rec), maxPayload < 0 ? qsizetype(n) : qMin<qsizetype>(n, maxPayload));
    // Built whole: a default TrafficEvent would allocate two null addresses first.
    return TrafficEvent{
        .timeUs = side ? side->timeUs : c.baseUs + delta,
        .session = ctx.session,
        .sessionId = ctx.sessionId,
        .connectionId = ctx.connectionId,
        .kind = kindOf(rec.w[2]),
        .direction = directionOf(rec.w[2]),
        .reason = side ? side->reason : TrafficEvent::Reason::None,
        .local = EventContextTable::localOf(ctx),
        .peer = EventContextTable::peerOf(ctx),
        .payload = std::move(payload),
        .message = side ? side->message : QString(),
        .rule = (rec.w[2] >> kRuleShift) == kRuleInSide ? side->rule : int(rec.w[2] >> kRuleShift) - 2,
    };
}
