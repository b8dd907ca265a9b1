#include "core/reply/ReplyLimiter.h"

#include <QHashFunctions>

#include <algorithm>
#include <chrono>

namespace {
QByteArray addressKey(const QHostAddress &address)
{
    const Q_IPV6ADDR v6 = address.toIPv6Address();
    return QByteArray(reinterpret_cast<const char *>(v6.c), 16);
}
} // namespace

size_t ReplyLimiter::KeyHash::operator()(const QByteArray &b) const noexcept
{
    return size_t(qHash(b));
}

ReplyLimiter::ReplyLimiter() = default;

ReplyLimiter::ReplyLimiter(const Settings &settings)
    : m_settings(settings)
{
}

void ReplyLimiter::setSettings(const Settings &settings)
{
    if (settings == m_settings)
        return;
    m_settings = settings;
    m_buckets.clear();
}

qint64 ReplyLimiter::monotonicUs()
{
    using namespace std::chrono;
    return duration_cast<microseconds>(steady_clock::now().time_since_epoch()).count();
}

qint64 ReplyLimiter::replyCapacity() const
{
    return qint64(m_settings.repliesPerSecond) * kUnit;
}

qint64 ReplyLimiter::byteCapacity() const
{
    // One reply of the largest allowed size must fit, or it could never go.
    return std::max<qint64>(m_settings.bytesPerSecond, m_settings.maxReplySize) * kUnit;
}

namespace {
// `level` plus `elapsedUs` × `perSecond` millionths, at most `capacity`,
// without overflowing however long the pause was.
qint64 refilled(qint64 level, qint64 capacity, qint64 elapsedUs, qint64 perSecond)
{
    if (perSecond <= 0 || level >= capacity)
        return std::min(level, capacity);
    const qint64 missing = capacity - level;
    if (elapsedUs >= (missing + perSecond - 1) / perSecond)
        return capacity;
    return level + elapsedUs * perSecond;
}
} // namespace

void ReplyLimiter::refill(Bucket &b, qint64 nowUs) const
{
    const qint64 elapsedUs = std::max<qint64>(0, nowUs - b.lastUs);
    b.lastUs = std::max(b.lastUs, nowUs);
    b.replies = refilled(b.replies, replyCapacity(), elapsedUs, m_settings.repliesPerSecond);
    b.bytes = refilled(b.bytes, byteCapacity(), elapsedUs, m_settings.bytesPerSecond);
}

bool ReplyLimiter::isFull(const Bucket &b) const
{
    return b.replies >= replyCapacity() && b.bytes >= byteCapacity();
}

void ReplyLimiter::prune(qint64 nowUs)
{
    // A full bucket is what a new one would be: forgetting it changes nothing.
    for (auto it = m_buckets.begin(); it != m_buckets.end();) {
        refill(it->second, nowUs);
        it = isFull(it->second) ? m_buckets.erase(it) : std::next(it);
    }
}

ReplyLimiter::Verdict ReplyLimiter::check(const QHostAddress &peer, qsizetype size, qint64 nowUs)
{
    if (size > m_settings.maxReplySize) {
        ++m_tooLarge;
        return Verdict::TooLarge;
    }
    const bool limitReplies = m_settings.repliesPerSecond > 0;
    const bool limitBytes = m_settings.bytesPerSecond > 0;
    if (!limitReplies && !limitBytes)
        return Verdict::Send;

    const QByteArray key = addressKey(peer);
    auto it = m_buckets.find(key);
    if (it == m_buckets.end()) {
        if (int(m_buckets.size()) >= kMaxTrackedAddresses)
            prune(nowUs);
        if (int(m_buckets.size()) >= kMaxTrackedAddresses) {
            ++m_rateLimited;
            return Verdict::RateLimited;
        }
        it = m_buckets.emplace(key, Bucket{replyCapacity(), byteCapacity(), nowUs}).first;
    }
    Bucket &b = it->second;
    refill(b, nowUs);
    const qint64 cost = qint64(size) * kUnit;
    if ((limitReplies && b.replies < kUnit) || (limitBytes && b.bytes < cost)) {
        ++m_rateLimited;
        return Verdict::RateLimited;
    }
    if (limitReplies)
        b.replies -= kUnit;
    if (limitBytes)
        b.bytes -= cost;
    return Verdict::Send;
}
