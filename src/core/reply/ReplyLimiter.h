#pragma once

#include <QByteArray>
#include <QHostAddress>

#include <unordered_map>

// Keeps UDP auto-replies from turning the workbench into an amplifier or a
// reflector. UDP has no handshake, so a datagram's source address may be
// forged: whoever forges a victim's address makes us send our replies to the
// victim. Two rules bound what any one address can be sent:
//
//  - size: no reply is larger than maxReplySize bytes, whatever the template
//    or the request;
//  - rate: a token bucket per peer *address* (not address and port: a forger
//    can vary the source port freely) refills repliesPerSecond replies and
//    bytesPerSecond bytes each second, holding at most one second's worth,
//    so a burst after a quiet spell is no bigger than one second of replies.
//
// The table of buckets is bounded too: idle buckets (full again) are dropped
// when it grows, and while kMaxTrackedAddresses addresses are all being
// answered at once, a new address gets nothing until one of them goes quiet.
class ReplyLimiter
{
public:
    // 100 replies a second per address answer any person typing and any test
    // script; the byte rate is a few packets of the largest default reply.
    static constexpr int kDefaultRepliesPerSecond = 100;
    static constexpr qint64 kDefaultBytesPerSecond = 64 * 1024;
    // One Ethernet frame: 1,500 − 20 (IPv4) − 8 (UDP) bytes; a reply that size
    // is never fragmented on a usual network.
    static constexpr int kDefaultMaxReplySize = 1472;
    static constexpr int kMaxReplySizeLimit = 65527;
    static constexpr int kMaxRepliesPerSecond = 1000000;
    static constexpr qint64 kMaxBytesPerSecond = 1024ll * 1024 * 1024;
    static constexpr int kMaxTrackedAddresses = 4096;

    struct Settings
    {
        int repliesPerSecond = kDefaultRepliesPerSecond;   // 0 = no limit
        qint64 bytesPerSecond = kDefaultBytesPerSecond;    // 0 = no limit
        int maxReplySize = kDefaultMaxReplySize;           // 1 … 65,527
        bool operator==(const Settings &) const = default;
    };

    enum class Verdict { Send, TooLarge, RateLimited };

    ReplyLimiter();
    explicit ReplyLimiter(const Settings &settings);

    Settings settings() const { return m_settings; }
    // New limits apply to every address from now on (buckets start full).
    void setSettings(const Settings &settings);

    // Whether a reply of `size` bytes to `peer` may go out at `nowUs`
    // (a monotonic clock, microseconds); a Send takes it from the bucket.
    Verdict check(const QHostAddress &peer, qsizetype size, qint64 nowUs);

    quint64 tooLarge() const { return m_tooLarge; }
    quint64 rateLimited() const { return m_rateLimited; }
    quint64 suppressed() const { return m_tooLarge + m_rateLimited; }
    int trackedAddresses() const { return int(m_buckets.size()); }

    // Monotonic microseconds, for check().
    static qint64 monotonicUs();

private:
    // In millionths, so refilling for a number of microseconds is exact
    // integer arithmetic: a reply costs kUnit, a byte costs kUnit.
    static constexpr qint64 kUnit = 1000000;
    struct Bucket
    {
        qint64 replies = 0;
        qint64 bytes = 0;
        qint64 lastUs = 0;
    };

    void refill(Bucket &b, qint64 nowUs) const;
    bool isFull(const Bucket &b) const;
    void prune(qint64 nowUs);
    qint64 replyCapacity() const;
    qint64 byteCapacity() const;

    Settings m_settings;
    // Keyed by the address's 16 bytes (IPv4 as v4-mapped IPv6), so
    // 127.0.0.1 and ::ffff:127.0.0.1 share one bucket.
    struct KeyHash
    {
        size_t operator()(const QByteArray &b) const noexcept;
    };
    std::unordered_map<QByteArray, Bucket, KeyHash> m_buckets;
    quint64 m_tooLarge = 0;
    quint64 m_rateLimited = 0;
};
