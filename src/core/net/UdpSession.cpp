#include "core/net/UdpSession.h"

#include "core/os/TimedSendThread.h"
#include "core/os/UdpReceiver.h"

#include "core/os/SocketProbe.h"

#include <QHostInfo>
#include <QNetworkDatagram>
#include <QNetworkInterface>
#include <QLocale>
#include <QTimer>
#include <QUdpSocket>

#include <cerrno>

UdpSession::UdpSession(QObject *parent)
    : Session(SessionKind::Udp, parent)
{
    m_noticeTimer.setSingleShot(true);
    connect(&m_noticeTimer, &QTimer::timeout, this, &UdpSession::recordSuppressionNotice);
}

UdpSession::~UdpSession()
{
    m_receiver.reset();  // the reader thread goes before its descriptor
    if (m_socket) {
        m_socket->disconnect(this);
        delete m_socket;
    }
}

Endpoint UdpSession::localEndpoint() const
{
    if (!m_socket)
        return Endpoint{settings().bindAddress, settings().bindPort};
    return Endpoint::localOf(*m_socket);
}

void UdpSession::setTarget(const QString &host, quint16 port)
{
    changeSettings([&](SessionSettings &s) {
        s.targetHost = host;
        s.targetPort = port;
    });
}

void UdpSession::settingsApplied(const SessionSettings &old)
{
    if (!(old.replyLimits == settings().replyLimits))
        m_replyLimiter.setSettings(settings().replyLimits);
}

qsizetype UdpSession::maxDatagramFor(const QHostAddress &target)
{
    return target.protocol() == QAbstractSocket::IPv6Protocol && !target.toIPv4Address() ? kMaxDatagramIPv6
                                                                                          : kMaxDatagramIPv4;
}

bool UdpSession::isBroadcastAddress(const QHostAddress &a) const
{
    if (a.protocol() != QAbstractSocket::IPv4Protocol)
        return false;
    if (a == QHostAddress(QHostAddress::Broadcast))
        return true;
    const quint32 v4 = a.toIPv4Address();
    // The loopback network's broadcast, and every interface's.
    if (v4 == 0x7fffffffu)
        return true;
    // Asking the kernel for its interfaces costs a netlink round trip: do it
    // once per bind, not once per datagram.
    if (!m_interfaceBroadcastsKnown) {
        m_interfaceBroadcasts.clear();
        const auto interfaces = QNetworkInterface::allInterfaces();
        for (const QNetworkInterface &iface : interfaces) {
            for (const QNetworkAddressEntry &entry : iface.addressEntries()) {
                if (!entry.broadcast().isNull())
                    m_interfaceBroadcasts.append(entry.broadcast());
            }
        }
        m_interfaceBroadcastsKnown = true;
    }
    return m_interfaceBroadcasts.contains(a);
}

bool UdpSession::start()
{
    if (deferredWhileAnnouncing([this] { start(); }))
        return true;
    return ensureBound(QHostAddress());
}

bool UdpSession::ensureBound(const QHostAddress &forTarget)
{
    if (m_socket)
        return true;
    QHostAddress address = settings().bindAddress;
    if (address.isNull()) {
        const bool v6 = forTarget.protocol() == QAbstractSocket::IPv6Protocol;
        if (forTarget.isNull() || forTarget.isLoopback())
            address = QHostAddress(v6 ? QHostAddress::LocalHostIPv6 : QHostAddress::LocalHost);
        else
            address = QHostAddress(v6 ? QHostAddress::AnyIPv6 : QHostAddress::AnyIPv4);
    }
    setState(State::Starting);
    m_interfaceBroadcastsKnown = false;
    m_socket = new QUdpSocket(this);
    // Exclusive: another program on the same port must be an error, not a silent share.
    if (!m_socket->bind(address, settings().bindPort, QAbstractSocket::DontShareAddress)) {
        const auto err = m_socket->error();
        const QString why = SocketProbe::describe(err, m_socket->errorString());
        delete m_socket;
        m_socket = nullptr;
        setState(State::Idle);
        const auto reason = bindFailureReason(err);
        TrafficEvent e = makeEvent(TrafficEvent::Kind::Error);
        e.local = Endpoint{address, settings().bindPort};
        e.reason = reason;
        e.message = tr("Cannot bind UDP to %1: %2").arg(e.local.toString(), why);
        record(e);
        return false;
    }
    SocketProbe::enableUdpErrorQueue(m_socket->socketDescriptor(),
                                     address.protocol() != QAbstractSocket::IPv4Protocol);
    // A burst arrives faster than any event loop wakes up: like a capture
    // tool, ask for a deep kernel queue (Linux caps it at net.core.rmem_max)
    // so bursts wait there instead of being dropped.
    m_socket->setSocketOption(QAbstractSocket::ReceiveBufferSizeSocketOption, kReceiveBuffer);
    // Reading is the receiver thread's: Qt's own read notifier turns itself
    // off after its first readyRead, since nothing here reads through Qt.
    m_receiver = std::make_unique<UdpReceiver>(
        m_socket->socketDescriptor(),
        [this] {
            if (!m_drainPosted.exchange(true))
                QMetaObject::invokeMethod(this, &UdpSession::drainReceived, Qt::QueuedConnection);
        },
        kMaxQueuedBytes);
    if (settings().bindPort == 0) {
        m_osChosenPort = m_socket->localPort();
        setBindPort(m_osChosenPort);
    }
    setState(State::Running);
    TrafficEvent e = makeEvent(TrafficEvent::Kind::Listening);
    e.local = localEndpoint();
    e.message = tr("Bound UDP to %1; recvfrom() waits for datagrams").arg(e.local.toString());
    record(e);
    return true;
}

void UdpSession::stop()
{
    if (deferredWhileAnnouncing([this] { stop(); }))
        return;
    if (!m_socket)
        return;
    // Its timed sends write to this socket: they end (and are logged) first.
    bringRepeatBack();
    const Endpoint where = localEndpoint();
    setState(State::Stopping);
    // The reader stops before the descriptor goes; what it read is logged,
    // not lost (a pass at a time, so whoever listens sees the same events).
    m_receiver->stop();
    while (m_receiver && !m_receiver->isEmpty())
        drainReceived();
    // Drops after the last datagram read are in no datagram's SO_RXQ_OVFL
    // count: the socket's own counter has them while it is still open.
    m_kernelDropsClosed += qMax(m_receiver->kernelDrops(), UdpReceiver::socketDrops(m_socket->socketDescriptor()));
    m_receiver.reset();
    if (m_suppressedSinceNotice > 0)
        recordSuppressionNotice();
    m_socket->disconnect(this);
    m_socket->close();
    m_socket->deleteLater();
    m_socket = nullptr;
    setState(State::Idle);
    TrafficEvent e = makeEvent(TrafficEvent::Kind::Stopped);
    e.local = where;
    e.message = tr("Closed the UDP socket on %1").arg(where.toString());
    record(e);
}

quint32 UdpSession::peerIdFor(const Endpoint &peer, bool create)
{
    const QString key = peer.toString();
    auto it = m_peerIds.find(key);
    if (it != m_peerIds.end())
        return it->second;
    if (!create)
        return 0;
    const quint32 id = ++m_nextPeerId;
    m_peerIds.emplace(key, id);
    ConnectionInfo info;
    info.id = id;
    info.peer = peer;
    info.local = localEndpoint();
    info.state = QStringLiteral("seen");
    m_peers.emplace(id, info);
    emit connectionsChanged();
    return id;
}

void UdpSession::resumeReads()
{
    if (m_receiver) {
        m_drainPosted.store(true);
        QMetaObject::invokeMethod(this, &UdpSession::drainReceived, Qt::QueuedConnection);
    }
}

void UdpSession::drainReceived()
{
    // Held: the flag stays set, so the reader posts no more passes until
    // resumeReads() does (stop() drains whatever is held).
    if (readsHeld() && state() == State::Running)
        return;
    m_drainPosted.store(false);
    if (!m_receiver)
        return;
    std::vector<UdpReceiver::Datagram> datagrams;
    QList<SocketProbe::IcmpError> errors;
    // Bounded: a flood must not keep this pass running; the rest waits in
    // the receiver's queue for the next one, after the window had its turn.
    m_receiver->take(kMaxDatagramsPerWakeup, &datagrams, &errors);
    const Endpoint local = localEndpoint();
    for (UdpReceiver::Datagram &d : datagrams)
        onDatagram(local, std::move(d.data), d.from);
    for (const SocketProbe::IcmpError &err : errors)
        recordIcmpError(err);
    if (m_receiver && !m_receiver->isEmpty() && !m_drainPosted.exchange(true)) {
        // While a burst is still arriving, the reader thread needs the CPU
        // more than the log does (on two cores the sender has the other):
        // what is read is safe in the queue, what is not may be dropped by
        // the kernel. So pause briefly between passes until the burst ends.
        const quint64 received = m_receiver->received();
        const bool burst = received - m_receivedAtLastPass >= quint64(kMaxDatagramsPerWakeup);
        m_receivedAtLastPass = received;
        if (burst)
            QTimer::singleShot(2, this, &UdpSession::drainReceived);
        else
            QMetaObject::invokeMethod(this, &UdpSession::drainReceived, Qt::QueuedConnection);
    }
}

void UdpSession::onDatagram(const Endpoint &local, QByteArray data, Endpoint from)
{
    // A flood comes from one sender: skip the by-name lookup for it, and
    // log the peer table's copy of the address, which shares its data.
    quint32 id = 0;
    if (m_lastPeerId && from.port == m_lastSender.port && from.address == m_lastSender.address)
        id = m_lastPeerId;
    else
        id = peerIdFor(from, true);
    ConnectionInfo &info = m_peers[id];
    from = info.peer;
    m_lastPeerId = id;
    m_lastSender = from;
    TrafficEvent e = makeEvent(TrafficEvent::Kind::Data, id);
    e.direction = TrafficEvent::Direction::In;
    e.local = local;
    e.peer = from;
    e.payload = data;
    record(std::move(e), &info);
    // The rules matched the datagram as it was recorded. Never answer
    // ourselves: a reply to our own address would come straight back and be
    // answered again, for ever.
    const RuleAnswer out = takeRuleAnswer(&info);
    if (!data.isEmpty() && !isOwnEndpoint(from)) {
        for (const QByteArray &wire : out.wires)
            sendLimitedReply(from, wire, id);
    }
}

void UdpSession::deliverDelayedReply(quint32 connectionId, const QByteArray &wire, bool closeAfter)
{
    Q_UNUSED(closeAfter);   // a datagram has no connection to close
    const auto it = m_peers.find(connectionId);
    if (it == m_peers.end() || wire.isEmpty() || !m_socket)
        return;
    const Endpoint to = it->second.peer;
    if (!isOwnEndpoint(to))
        sendLimitedReply(to, wire, connectionId);
}

// The per-address limits bound whatever the rules say (ReplyLimiter).
void UdpSession::sendLimitedReply(const Endpoint &to, const QByteArray &wire, quint32 peerId)
{
    const ReplyLimiter::Verdict verdict = m_replyLimiter.check(to.address, wire.size(), ReplyLimiter::monotonicUs());
    if (verdict == ReplyLimiter::Verdict::Send)
        sendWireTo(to.address, to.port, wire);
    else
        noteSuppressedReply(verdict, to, wire.size(), peerId);
}

void UdpSession::noteSuppressedReply(ReplyLimiter::Verdict verdict, const Endpoint &to, qsizetype size, quint32 peerId)
{
    ++m_suppressedSinceNotice;
    m_lastVerdict = verdict;
    m_lastSuppressedTo = to;
    m_lastSuppressedSize = size;
    m_lastSuppressedPeer = peerId;
    // A flood must not become a flood of log rows: the first suppression is
    // told at once, the ones after it once a second, counted.
    const qint64 sinceUs = ReplyLimiter::monotonicUs() - m_lastNoticeUs;
    const qint64 intervalUs = qint64(kSuppressionNoticeIntervalMs) * 1000;
    if (m_lastNoticeUs == 0 || sinceUs >= intervalUs)
        recordSuppressionNotice();
    else if (!m_noticeTimer.isActive())
        m_noticeTimer.start(int((intervalUs - sinceUs + 999) / 1000));
}

void UdpSession::recordSuppressionNotice()
{
    m_noticeTimer.stop();
    if (m_suppressedSinceNotice == 0)
        return;
    const ReplyLimiter::Settings limits = m_replyLimiter.settings();
    const QLocale c = QLocale::c();
    QString why;
    if (m_lastVerdict == ReplyLimiter::Verdict::TooLarge) {
        why = tr("%1 bytes is over the maximum reply size of %2 bytes")
                  .arg(c.toString(qlonglong(m_lastSuppressedSize)), c.toString(limits.maxReplySize));
    } else if (limits.repliesPerSecond > 0 && limits.bytesPerSecond > 0) {
        why = tr("over the limit of %1 replies and %2 bytes a second to one address")
                  .arg(c.toString(limits.repliesPerSecond), c.toString(limits.bytesPerSecond));
    } else if (limits.repliesPerSecond > 0) {
        why = tr("over the limit of %1 replies a second to one address").arg(c.toString(limits.repliesPerSecond));
    } else {
        why = tr("over the limit of %1 bytes a second to one address").arg(c.toString(limits.bytesPerSecond));
    }
    TrafficEvent e = makeEvent(TrafficEvent::Kind::Error, m_lastSuppressedPeer);
    e.local = localEndpoint();
    e.peer = m_lastSuppressedTo;
    e.reason = m_lastVerdict == ReplyLimiter::Verdict::TooLarge ? TrafficEvent::Reason::TooLarge
                                                                : TrafficEvent::Reason::LimitReached;
    e.message = tr("Auto-reply to %1 not sent: %2 (held back since the last notice: %3; in all: %4)")
                    .arg(m_lastSuppressedTo.toString(), why, c.toString(m_suppressedSinceNotice),
                         c.toString(m_replyLimiter.suppressed()));
    m_suppressedSinceNotice = 0;
    m_lastNoticeUs = ReplyLimiter::monotonicUs();
    record(e);
}

quint64 UdpSession::kernelDrops() const
{
    return m_kernelDropsClosed + (m_receiver ? m_receiver->kernelDrops() : 0);
}

bool UdpSession::isOwnEndpoint(const Endpoint &e) const
{
    const Endpoint local = localEndpoint();
    if (e.port != local.port)
        return false;
    if (e.address.isEqual(local.address, QHostAddress::TolerantConversion))
        return true;
    // Bound to the wildcard: our own datagrams arrive from a local address.
    const bool wildcard = local.address == QHostAddress(QHostAddress::AnyIPv4)
                       || local.address == QHostAddress(QHostAddress::AnyIPv6)
                       || local.address == QHostAddress(QHostAddress::Any);
    return wildcard && (e.address.isLoopback() || QNetworkInterface::allAddresses().contains(e.address));
}

void UdpSession::recordIcmpError(const SocketProbe::IcmpError &err)
{
    const quint32 id = peerIdFor(err.target, false);
    if (id)
        m_peers[id].lastError = err.text;
    TrafficEvent e = makeEvent(TrafficEvent::Kind::Error, id);
    e.local = localEndpoint();
    e.peer = err.target;
    e.reason = err.osError == ECONNREFUSED ? TrafficEvent::Reason::Refused : TrafficEvent::Reason::Unreachable;
    e.message = tr("Datagram to %1 was rejected: %2").arg(err.target.toString(), err.text);
    record(e);
}

SendResult UdpSession::send(const QByteArray &payload)
{
    if (payload.isEmpty())
        return SendResult::failure(emptyPayloadError());
    if (settings().replyToLastSender)
        return replyToLastSender(payload);
    if (settings().targetHost.isEmpty() || settings().targetPort == 0)
        return SendResult::failure(tr("No target: set a host and a port from 1 to 65535 first"));
    QHostAddress address;
    if (!address.setAddress(settings().targetHost)) {
        // A name: look it up now (names in a lesson are "localhost" and the like).
        const QHostInfo info = QHostInfo::fromName(settings().targetHost);
        if (info.error() != QHostInfo::NoError || info.addresses().isEmpty()) {
            const QString why = tr("Cannot send to %1:%2: host not found (%3)")
                                    .arg(settings().targetHost).arg(settings().targetPort).arg(info.errorString());
            recordError(TrafficEvent::Reason::HostNotFound, why);
            return SendResult::failure(why);
        }
        address = info.addresses().constFirst();
        // Prefer the family of the bound socket.
        if (m_socket) {
            for (const QHostAddress &a : info.addresses()) {
                if (a.protocol() == m_socket->localAddress().protocol()) {
                    address = a;
                    break;
                }
            }
        }
    }
    return sendTo(address, settings().targetPort, payload);
}

QString UdpSession::refusal(const QHostAddress &address, quint16 port, const QByteArray &payload) const
{
    QString why;
    const QByteArray wire = framedForSending(payload, &why);
    return why.isEmpty() ? wireRefusal(address, port, wire) : why;
}

QString UdpSession::wireRefusal(const QHostAddress &address, quint16 port, const QByteArray &payload) const
{
    const qsizetype max = maxDatagramFor(address);
    if (payload.size() > max)
        return tr("Not sent: a UDP datagram to %1 carries at most %2 bytes, this one has %3")
            .arg(Endpoint{address, port}.toString(), QLocale::c().toString(qlonglong(max)),
                 QLocale::c().toString(qlonglong(payload.size())));
    if (isBroadcastAddress(address) && !settings().broadcast)
        return tr("Not sent: %1 is a broadcast address; turn broadcast on first (SO_BROADCAST)").arg(address.toString());
    // A broadcast from a loopback socket never leaves this computer: the
    // kernel takes it and nobody on the network hears it.
    if (isBroadcastAddress(address) && address.toIPv4Address() != 0x7fffffffu) {
        const QHostAddress from = m_socket ? m_socket->localAddress() : settings().bindAddress;
        if (from.isLoopback())
            return tr("Not sent: this socket is bound to %1, so a broadcast to %2 cannot leave this computer; "
                      "bind to 0.0.0.0 or to an interface's address first").arg(from.toString(), address.toString());
    }
    return QString();
}

SendResult UdpSession::sendTo(const QHostAddress &address, quint16 port, const QByteArray &payload)
{
    if (payload.isEmpty())
        return SendResult::failure(emptyPayloadError());
    if (address.isNull() || port == 0)
        return SendResult::failure(tr("No target: set a host and a port from 1 to 65535 first"));
    QString why;
    const QByteArray wire = framedForSending(payload, &why);
    if (!why.isEmpty())
        return SendResult::failure(why);
    return sendWireTo(address, port, wire);
}

SendResult UdpSession::sendWireTo(const QHostAddress &address, quint16 port, const QByteArray &payload)
{
    if (const QString why = wireRefusal(address, port, payload); !why.isEmpty())
        return SendResult::failure(why);
    if (deferredWhileAnnouncing([this, address, port, payload] { sendWireTo(address, port, payload); }))
        return SendResult::deferred(payload.size());
    if (!ensureBound(address))
        return SendResult::failure(tr("Cannot send: the UDP socket could not be bound"));
    const qint64 n = m_socket->writeDatagram(payload, address, port);
    const Endpoint to{address, port};
    if (n < 0)
        return sendFailed(to, SocketProbe::describe(m_socket->error(), m_socket->errorString()));
    return recordSent(to, payload, TrafficEvent::nowUs());
}

SendResult UdpSession::sendFailed(const Endpoint &to, const QString &reason)
{
    const QString why = tr("Send to %1 failed: %2").arg(to.toString(), reason);
    recordError(TrafficEvent::Reason::Other, why, to);
    return SendResult::failure(why);
}

SendResult UdpSession::recordSent(const Endpoint &to, const QByteArray &datagram, qint64 timeUs)
{
    const quint32 id = peerIdFor(to, true);
    TrafficEvent e = makeEvent(TrafficEvent::Kind::Data, id);
    e.direction = TrafficEvent::Direction::Out;
    e.local = localEndpoint();
    e.peer = to;
    e.payload = datagram;
    recordAt(std::move(e), &m_peers[id], timeUs);
    return SendResult::success(datagram.size());
}

std::optional<RepeatSender::Offload> UdpSession::timedSendOffload(const QByteArray &payload)
{
    // What send() would do, decided once: a fixed target given as an address
    // (a name is looked up per send), on the bound socket.
    const SessionSettings &s = settings();
    QHostAddress address;
    if (!m_socket || s.replyToLastSender || s.targetPort == 0 || !address.setAddress(s.targetHost))
        return std::nullopt;
    QString why;
    const QByteArray wire = framedForSending(payload, &why);
    if (!why.isEmpty() || !wireRefusal(address, s.targetPort, wire).isEmpty() || m_socket->socketDescriptor() < 0)
        return std::nullopt;
    RepeatSender::Offload offload;
    offload.fd = int(m_socket->socketDescriptor());
    offload.address = address;
    offload.port = s.targetPort;
    offload.datagram = wire;
    const Endpoint to{address, s.targetPort};
    offload.record = [this, to, wire](qint64 timeUs, int error) {
        return error == 0 ? recordSent(to, wire, timeUs) : sendFailed(to, TimedSendThread::describe(error));
    };
    return offload;
}

SendResult UdpSession::replyToLastSender(const QByteArray &payload)
{
    if (m_lastSender.isNull())
        return SendResult::failure(tr("Nobody has sent a datagram yet: there is no sender to reply to"));
    return sendTo(m_lastSender.address, m_lastSender.port, payload);
}

SendResult UdpSession::sendBroadcast(quint16 port, const QByteArray &payload, const QHostAddress &address)
{
    if (!settings().broadcast)
        return SendResult::failure(tr("Broadcast is off: turn it on to send to %1").arg(address.toString()));
    if (!isBroadcastAddress(address))
        return SendResult::failure(tr("%1 is not a broadcast address").arg(address.toString()));
    return sendTo(address, port, payload);
}

void UdpSession::recordError(TrafficEvent::Reason reason, const QString &message, const Endpoint &peer)
{
    TrafficEvent e = makeEvent(TrafficEvent::Kind::Error);
    e.local = localEndpoint();
    e.peer = peer;
    e.reason = reason;
    e.message = message;
    record(e);
}

QList<ConnectionInfo> UdpSession::connections() const
{
    QList<ConnectionInfo> list;
    for (const auto &[id, info] : m_peers)
        list.append(info);
    return list;
}

void UdpSession::resetConnectionCounters()
{
    for (auto &entry : m_peers)
        resetTraffic(entry.second);
}
