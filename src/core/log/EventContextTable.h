#pragma once

#include "core/log/TrafficEvent.h"

#include <deque>
#include <memory>
#include <unordered_map>
#include <utility>
#include <vector>

// What most events of a PackedEventStore share (session, connection id,
// both endpoints) is a context, kept once in this table with a reference
// count; a record holds its index (24 bits). A context keeps its two
// addresses as bytes (16 each, no heap block), so a UDP sender with a
// handful of events held costs little; an IPv6 address with a scope id
// keeps the QHostAddress. Not thread-safe.
class EventContextTable
{
public:
    // Indices fit 24 bits; the table holds at most this many live contexts.
    static constexpr quint32 kMaxContexts = 0xffffff;

    // An address without its IPv6 scope id, as bytes: IPv4 in the first
    // four (host order), IPv6 all 16, nothing for Any or a null address.
    struct PackedAddress
    {
        quint8 bytes[16] = {};
        qint8 protocol = -1;   // QAbstractSocket::NetworkLayerProtocol
        // The same address (protocol and bytes; a scoped one never is).
        bool matches(const QHostAddress &a) const;
        QHostAddress unpack() const;
        static PackedAddress pack(const QHostAddress &a);
    };
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

    // The index of the event's context, or -1 when there is none yet. The
    // context found or added last is tried first: events come in runs of
    // one connection.
    qint64 find(const TrafficEvent &e) const;
    // A new context for `e`, without references yet (not when isFull()).
    quint32 add(const TrafficEvent &e);
    void retain(quint32 index)
    {
        ++m_contexts[index].refs;
        m_last = index;
    }
    // Drops a reference; returns the bytes the context cost when that was
    // its last (it is gone then), else 0.
    qint64 release(quint32 index);
    const Context &at(quint32 index) const { return m_contexts[index]; }
    bool isFull() const { return m_live >= qsizetype(kMaxContexts); }
    // Drops every context and frees the table's memory.
    void clear();

    // A context outside the table (for an event that finds it full).
    static void fill(Context &c, const TrafficEvent &e);
    static Endpoint localOf(const Context &c);
    static Endpoint peerOf(const Context &c);

    // What a context costs: its struct and hash node, and for one whose
    // endpoints have an IPv6 scope id the endpoints kept whole.
    static qsizetype contextBytes();
    static qsizetype scopedEndpointsBytes();
    static qsizetype cost(const TrafficEvent &e);
    static qsizetype cost(const Context &c);

private:
    static size_t hashOf(const TrafficEvent &e);
    static bool same(const Context &c, const TrafficEvent &e);
    static bool needsScopedEndpoints(const TrafficEvent &e);
    qint64 findByHash(const TrafficEvent &e, size_t hash) const;

    std::deque<Context> m_contexts;   // a deque: no doubling slack, indices stay put
    std::vector<quint32> m_free;
    std::unordered_multimap<size_t, quint32> m_byHash;
    qsizetype m_live = 0;
    qint64 m_last = -1;
};
