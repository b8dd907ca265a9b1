#include "core/log/EventContextTable.h"

#include "core/log/MallocBlock.h"

#include <QHash>

#include <cstring>

namespace {
// A node of the context hash (key, value, next pointer, malloc header) and its bucket.
constexpr qsizetype kHashNodeBytes = 48;
// A QHostAddress's private block, which even a null address allocates.
constexpr qsizetype kAddressBlockBytes = 64;

bool sameAddress(const QHostAddress &a, const QHostAddress &b)
{
    if (a.protocol() != b.protocol() || a != b)
        return false;
    return a.protocol() != QAbstractSocket::IPv6Protocol || a.scopeId() == b.scopeId();
}

bool sameEndpoint(const Endpoint &a, const Endpoint &b)
{
    return a.port == b.port && sameAddress(a.address, b.address);
}

bool hasScope(const QHostAddress &a)
{
    return a.protocol() == QAbstractSocket::IPv6Protocol && !a.scopeId().isEmpty();
}
} // namespace

qsizetype EventContextTable::contextBytes()
{
    return qsizetype(sizeof(Context)) + kHashNodeBytes;
}

qsizetype EventContextTable::scopedEndpointsBytes()
{
    // The pair's block and the two addresses' private blocks (their scope
    // ids are short strings: one more block each).
    return mallocBlockBytes(qsizetype(sizeof(std::pair<Endpoint, Endpoint>))) + 2 * kAddressBlockBytes + 2 * 64;
}

size_t EventContextTable::hashOf(const TrafficEvent &e)
{
    return qHashMulti(0, int(e.session), e.sessionId, e.connectionId, e.local.address, e.local.port,
                      e.peer.address, e.peer.port);
}

EventContextTable::PackedAddress EventContextTable::PackedAddress::pack(const QHostAddress &a)
{
    PackedAddress p;
    p.protocol = qint8(a.protocol());
    if (a.protocol() == QAbstractSocket::IPv4Protocol) {
        const quint32 v4 = a.toIPv4Address();
        std::memcpy(p.bytes, &v4, sizeof v4);
    } else if (a.protocol() == QAbstractSocket::IPv6Protocol) {
        const Q_IPV6ADDR v6 = a.toIPv6Address();
        std::memcpy(p.bytes, v6.c, 16);
    }
    return p;
}

bool EventContextTable::PackedAddress::matches(const QHostAddress &a) const
{
    if (qint8(a.protocol()) != protocol)
        return false;
    if (hasScope(a))
        return false;  // scoped addresses are never packed
    const PackedAddress other = pack(a);
    return std::memcmp(bytes, other.bytes, sizeof bytes) == 0;
}

QHostAddress EventContextTable::PackedAddress::unpack() const
{
    switch (QAbstractSocket::NetworkLayerProtocol(protocol)) {
    case QAbstractSocket::IPv4Protocol: {
        quint32 v4 = 0;
        std::memcpy(&v4, bytes, sizeof v4);
        return QHostAddress(v4);
    }
    case QAbstractSocket::IPv6Protocol:
        return QHostAddress(bytes);
    case QAbstractSocket::AnyIPProtocol:
        return QHostAddress(QHostAddress::Any);
    default:
        return QHostAddress();
    }
}

bool EventContextTable::needsScopedEndpoints(const TrafficEvent &e)
{
    return hasScope(e.local.address) || hasScope(e.peer.address);
}

qsizetype EventContextTable::cost(const TrafficEvent &e)
{
    return contextBytes() + (needsScopedEndpoints(e) ? scopedEndpointsBytes() : 0);
}

qsizetype EventContextTable::cost(const Context &c)
{
    return contextBytes() + (c.scoped ? scopedEndpointsBytes() : 0);
}

void EventContextTable::fill(Context &c, const TrafficEvent &e)
{
    c.session = e.session;
    c.sessionId = e.sessionId;
    c.connectionId = e.connectionId;
    c.localPort = e.local.port;
    c.peerPort = e.peer.port;
    if (needsScopedEndpoints(e)) {
        c.scoped = std::make_unique<std::pair<Endpoint, Endpoint>>(e.local, e.peer);
        c.local = PackedAddress();
        c.peer = PackedAddress();
    } else {
        c.scoped.reset();
        c.local = PackedAddress::pack(e.local.address);
        c.peer = PackedAddress::pack(e.peer.address);
    }
}

Endpoint EventContextTable::localOf(const Context &c)
{
    if (c.scoped)
        return c.scoped->first;
    return Endpoint{c.local.unpack(), c.localPort};
}

Endpoint EventContextTable::peerOf(const Context &c)
{
    if (c.scoped)
        return c.scoped->second;
    return Endpoint{c.peer.unpack(), c.peerPort};
}

bool EventContextTable::same(const Context &c, const TrafficEvent &e)
{
    if (c.refs == 0 || c.session != e.session || c.sessionId != e.sessionId || c.connectionId != e.connectionId
        || c.localPort != e.local.port || c.peerPort != e.peer.port)
        return false;
    if (c.scoped)
        return sameEndpoint(c.scoped->first, e.local) && sameEndpoint(c.scoped->second, e.peer);
    return c.local.matches(e.local.address) && c.peer.matches(e.peer.address);
}

qint64 EventContextTable::find(const TrafficEvent &e) const
{
    if (m_last >= 0 && same(m_contexts[size_t(m_last)], e))
        return m_last;
    return findByHash(e, hashOf(e));
}

qint64 EventContextTable::findByHash(const TrafficEvent &e, size_t hash) const
{
    auto [it, end] = m_byHash.equal_range(hash);
    for (; it != end; ++it) {
        if (same(m_contexts[it->second], e))
            return qint64(it->second);
    }
    return -1;
}

quint32 EventContextTable::add(const TrafficEvent &e)
{
    quint32 index = 0;
    if (!m_free.empty()) {
        index = m_free.back();
        m_free.pop_back();
    } else {
        index = quint32(m_contexts.size());
        m_contexts.emplace_back();
    }
    Context &c = m_contexts[index];
    fill(c, e);
    c.hash = hashOf(e);
    c.refs = 0;
    m_byHash.emplace(c.hash, index);
    ++m_live;
    return index;
}

qint64 EventContextTable::release(quint32 index)
{
    Context &c = m_contexts[index];
    if (--c.refs > 0)
        return 0;
    auto [it, end] = m_byHash.equal_range(c.hash);
    for (; it != end; ++it) {
        if (it->second == index) {
            m_byHash.erase(it);
            break;
        }
    }
    const qint64 freed = cost(c);
    c.scoped.reset();
    m_free.push_back(index);
    --m_live;
    if (m_last == qint64(index))
        m_last = -1;
    return freed;
}

void EventContextTable::clear()
{
    m_contexts.clear();
    m_contexts.shrink_to_fit();
    m_free.clear();
    m_free.shrink_to_fit();
    m_byHash.clear();
    m_live = 0;
    m_last = -1;
}
