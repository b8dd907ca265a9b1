#include "ReplyLimiter.h"

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

double ReplyLimiter::replyCapacity() const
{
    return double(m_settings.repliesPerSecond);
}

double ReplyLimiter::byteCapacity() const
{
    // One reply of the largest allowed size must fit, or it could never go.
    return double(std::max<qint64>(m_settings.bytesPerSecond, m_settings.maxReplySize));
}

void ReplyLimiter::refill(Bucket &b, qint64 nowUs) const
{
    const double seconds = double(std::max<qint64>(0, nowUs - b.lastUs)) / 1e6;
    b.lastUs = std::max(b.lastUs, nowUs);
    b.replies = std::min(replyCapacity(), b.replies + seconds * double(m_settings.repliesPerSecond));
    b.bytes = std::min(byteCapacity(), b.bytes + seconds * double(m_settings.bytesPerSecond));
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
    if ((limitReplies && b.replies < 1.0) || (limitBytes && b.bytes < double(size))) {
        ++m_rateLimited;
        return Verdict::RateLimited;
    }
    if (limitReplies)
        b.replies -= 1.0;
    if (limitBytes)
        b.bytes -= double(size);
    return Verdict::Send;
}
