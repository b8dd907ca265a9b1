#pragma once

#include "core/net/Session.h"
#include "core/os/SocketProbe.h"
#include "core/reply/ReplyLimiter.h"

#include <QHostAddress>
#include <QTimer>

#include <atomic>
#include <map>
#include <memory>

class QUdpSocket;
class UdpReceiver;
class QHostInfo;

// A datagram socket: socket(AF_INET, SOCK_DGRAM), bind(), then recvfrom()
// gives each datagram with its sender and sendto() addresses each one; no
// connection. Every sender seen becomes a peer with its own counters.
class UdpSession : public Session
{
    Q_OBJECT
public:
    // Receive buffer asked for at bind (the kernel may grant less).
    static constexpr int kReceiveBuffer = 8 * 1024 * 1024;
    // The largest UDP payload: 65,535 − 8 (UDP header) − 20 (IPv4 header).
    static constexpr qsizetype kMaxDatagramIPv4 = 65507;
    // Over IPv6 the 40-byte header is not counted in the payload length.
    static constexpr qsizetype kMaxDatagramIPv6 = 65527;
    // Datagrams logged per event-loop pass before the window gets its turn.
    static constexpr int kMaxDatagramsPerWakeup = 1024;
    // What the receiver thread may hold that the session has not logged yet.
    static constexpr qsizetype kMaxQueuedBytes = 64ll * 1024 * 1024;

    explicit UdpSession(QObject *parent = nullptr);
    ~UdpSession() override;

    // Null = automatic: loopback of the target's family (127.0.0.1 when
    // there is no target), the wildcard address for non-loopback targets.
    void setBindAddress(const QHostAddress &address) { changeSettings([&](SessionSettings &s) { s.bindAddress = address; }); }
    QHostAddress bindAddress() const { return settings().bindAddress; }
    // 0 = the OS picks one; once bound, the setting becomes that port (a
    // restart binds it again), and portChosenByOs() remembers who chose it.
    void setBindPort(quint16 port) { changeSettings([&](SessionSettings &s) { s.bindPort = port; }); }
    quint16 bindPort() const { return settings().bindPort; }
    bool portChosenByOs() const { return m_osChosenPort != 0 && m_osChosenPort == settings().bindPort; }
    Endpoint localEndpoint() const;

    // Where send() goes. A host name is looked up when sending.
    void setTarget(const QString &host, quint16 port);
    QString targetHost() const { return settings().targetHost; }
    quint16 targetPort() const { return settings().targetPort; }
    // send() answers whoever sent the last datagram instead of the target.
    void setReplyToLastSender(bool on) { changeSettings([&](SessionSettings &s) { s.replyToLastSender = on; }); }
    bool replyToLastSenderOn() const { return settings().replyToLastSender; }

    // Without it, sending to a broadcast address is refused, as the OS does
    // without SO_BROADCAST.
    void setBroadcastEnabled(bool on) { changeSettings([&](SessionSettings &s) { s.broadcast = on; }); }
    bool broadcastEnabled() const { return settings().broadcast; }

    bool start() override;   // bind
    // Binds for sending to `target` when no bind address was set (loopback for
    // a loopback target, of the target's family).
    bool startFor(const QHostAddress &target) { return ensureBound(target); }
    void stop() override;
    SendResult send(const QByteArray &payload) override;   // to the target (or the last sender)
    QList<ConnectionInfo> connections() const override;    // senders seen
    int connectionCount() const override { return int(m_peers.size()); }

    SendResult sendTo(const QHostAddress &address, quint16 port, const QByteArray &payload);
    // To whoever sent the last datagram.
    SendResult replyToLastSender(const QByteArray &payload);
    Endpoint lastSender() const { return m_lastSender; }
    // To 255.255.255.255 (or the given broadcast address) on `port`;
    // needs setBroadcastEnabled(true).
    SendResult sendBroadcast(quint16 port, const QByteArray &payload,
                             const QHostAddress &address = QHostAddress(QHostAddress::Broadcast));

    static qsizetype maxDatagramFor(const QHostAddress &target);
    // Why sendTo() would refuse this datagram before any socket work (too
    // large for its family, a broadcast address while broadcast is off, a
    // checksum that cannot be appended); empty when it would try. Lets a
    // caller refuse before binding.
    QString refusal(const QHostAddress &address, quint16 port, const QByteArray &payload) const;

    // What auto-replies may send to one address (see ReplyLimiter); they
    // apply to every mode (echo, template, HTTP) and to nothing the user sends.
    void setReplyLimits(const ReplyLimiter::Settings &limits) { changeSettings([&](SessionSettings &s) { s.replyLimits = limits; }); }
    ReplyLimiter::Settings replyLimits() const { return settings().replyLimits; }
    // Auto-replies not sent: over the maximum size, or over an address's rate.
    quint64 repliesTooLarge() const { return m_replyLimiter.tooLarge(); }
    quint64 repliesRateLimited() const { return m_replyLimiter.rateLimited(); }
    quint64 repliesSuppressed() const { return m_replyLimiter.suppressed(); }
    // At most one error event a second says that replies are being held back.
    static constexpr int kSuppressionNoticeIntervalMs = 1000;

    // Datagrams the kernel dropped on this socket since it was bound because
    // its receive queue was full, as the socket counts them (SO_RXQ_OVFL,
    // and /proc/net/udp when the socket closes); kept after stop().
    quint64 kernelDrops() const;

    // A repeat's sends to the target, made by a thread (see Session).
    std::optional<RepeatSender::Offload> timedSendOffload(const QByteArray &payload) override;

protected:
    void resumeReads() override;
    void settingsApplied(const SessionSettings &old) override;
    void resetConnectionCounters() override;

private:
    // sendTo() and the auto-replies with bytes already through
    // framedForSending(), and why such a datagram would be refused.
    SendResult sendWireTo(const QHostAddress &address, quint16 port, const QByteArray &wire);
    QString wireRefusal(const QHostAddress &address, quint16 port, const QByteArray &wire) const;
    // Logs a send to `to` that failed for `reason` (the OS's words).
    SendResult sendFailed(const Endpoint &to, const QString &reason);
    // Logs a datagram sent to `to` at timeUs as this session's own send.
    SendResult recordSent(const Endpoint &to, const QByteArray &datagram, qint64 timeUs);
    void drainReceived();
    void onDatagram(const Endpoint &local, QByteArray data, Endpoint from);
    void recordIcmpError(const SocketProbe::IcmpError &err);
    void sendLimitedReply(const Endpoint &to, const QByteArray &wire, quint32 peerId);
    void deliverDelayedReply(quint32 connectionId, const QByteArray &wire, bool closeAfter) override;
    void noteSuppressedReply(ReplyLimiter::Verdict verdict, const Endpoint &to, qsizetype size, quint32 peerId);
    void recordSuppressionNotice();
    bool ensureBound(const QHostAddress &forTarget);
    quint32 peerIdFor(const Endpoint &peer, bool create);
    void recordError(TrafficEvent::Reason reason, const QString &message, const Endpoint &peer = {});
    bool isBroadcastAddress(const QHostAddress &a) const;
    bool isOwnEndpoint(const Endpoint &e) const;

    QUdpSocket *m_socket = nullptr;
    std::unique_ptr<UdpReceiver> m_receiver;
    std::atomic<bool> m_drainPosted{false};
    quint64 m_receivedAtLastPass = 0;
    quint16 m_osChosenPort = 0;   // what the OS chose for a bind to port 0
    Endpoint m_lastSender;
    quint32 m_nextPeerId = 0;
    std::map<QString, quint32> m_peerIds;     // "addr:port" -> id
    std::map<quint32, ConnectionInfo> m_peers;
    quint32 m_lastPeerId = 0;  // the peer of m_lastSender, when it has one
    // Broadcast addresses of the local interfaces, read again at each bind.
    mutable QList<QHostAddress> m_interfaceBroadcasts;
    mutable bool m_interfaceBroadcastsKnown = false;
    ReplyLimiter m_replyLimiter;
    // The suppressions not yet told, and the last one, for the next notice.
    quint64 m_suppressedSinceNotice = 0;
    qint64 m_lastNoticeUs = 0;
    QTimer m_noticeTimer;
    ReplyLimiter::Verdict m_lastVerdict = ReplyLimiter::Verdict::Send;
    Endpoint m_lastSuppressedTo;
    qsizetype m_lastSuppressedSize = 0;
    quint32 m_lastSuppressedPeer = 0;
    quint64 m_kernelDropsClosed = 0;   // of sockets already closed
};
