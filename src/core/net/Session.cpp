#include "core/net/Session.h"

#include "core/net/KernelStateLog.h"
#include "core/framing/Framer.h"
#include "core/log/TrafficLog.h"
#include "core/net/RepeatSender.h"
#include "core/text/TextCodec.h"

#include <QTimer>

#include <atomic>
#include <utility>

namespace {
std::atomic<quint32> g_nextSessionId{1};
}

Session::Session(SessionKind kind, QObject *parent)
    : QObject(parent)
    , m_kind(kind)
    , m_id(g_nextSessionId++)
    , m_log(new TrafficLog(this))
{
    qRegisterMetaType<TrafficEvent>();
    connect(this, &Session::connectionsChanged, this, [this] { touchConnections(); });
    // Sends made off the event loop were made with the settings of their
    // start; new settings are followed by the event loop's sends.
    connect(this, &Session::settingsChanged, this, &Session::bringRepeatBack);
}

Session::~Session() = default;

KernelStateLog *Session::stateLog()
{
    if (!m_stateLog && m_kind != SessionKind::Udp)
        m_stateLog = new KernelStateLog(this);
    return m_stateLog;
}

RepeatSender *Session::repeater()
{
    if (!m_repeater) {
        m_repeater = new RepeatSender(this);
        m_repeater->setOffloader([this](const QByteArray &payload) { return timedSendOffload(payload); });
    }
    return m_repeater;
}

std::optional<RepeatSender::Offload> Session::timedSendOffload(const QByteArray &)
{
    return std::nullopt;
}

void Session::bringRepeatBack()
{
    if (m_repeater)
        m_repeater->continueOnEventLoop();
}

bool Session::setEncoding(const QString &name)
{
    const QString canonical = TextCodec::canonicalName(name);
    if (canonical.isEmpty())
        return false;
    changeSettings([&](SessionSettings &s) { s.encoding = canonical; });
    return true;
}

void Session::setAutoReply(const AutoReply &reply)
{
    setAutoReplySpec(reply.isActive() ? reply.spec() : QString());
}

void Session::setAutoReplySpec(const QString &spec)
{
    setRules(ReplyRules::fromReplySpec(spec));
}

void Session::setRules(const QList<ReplyRule> &rules)
{
    changeSettings([&](SessionSettings &s) { s.rules = rules; });
}

void Session::setFrameOutgoing(bool on)
{
    changeSettings([&](SessionSettings &s) { s.frameOutgoing = on; });
}

void Session::setSettings(const SessionSettings &wanted)
{
    SessionSettings next = wanted;
    const QString canonical = TextCodec::canonicalName(next.encoding);
    next.encoding = canonical.isEmpty() ? m_settings.encoding : canonical;
    if (next == m_settings)
        return;
    const SessionSettings old = m_settings;
    m_settings = next;
    if (old.rules != next.rules || old.encoding != next.encoding)
        applyRules(old);
    // A new rule applies from the next byte on; half-cut frames of the old one are dropped.
    if (!(old.framing == next.framing))
        m_framers.clear();
    settingsApplied(old);
    emit settingsChanged();
}

void Session::setState(State s)
{
    if (m_state == s)
        return;
    m_state = s;
    emit stateChanged(s);
}

TrafficEvent Session::makeEvent(TrafficEvent::Kind kind, quint32 connectionId) const
{
    TrafficEvent e;
    e.kind = kind;
    e.connectionId = connectionId;
    return e;
}

void Session::record(TrafficEvent event, ConnectionInfo *connection)
{
    recordAt(std::move(event), connection, TrafficEvent::nowUs());
}

void Session::recordAt(TrafficEvent event, ConnectionInfo *connection, qint64 timeUs)
{
    event.timeUs = timeUs;
    event.session = m_kind;
    event.sessionId = m_id;
    count(event, connection);
    touchConnections();
    // A received message: a data event, or a frame when framing cuts the stream.
    const bool message = event.direction == TrafficEvent::Direction::In
            && (event.kind == TrafficEvent::Kind::Frame
                || (event.kind == TrafficEvent::Kind::Data
                    && (m_kind == SessionKind::Udp || m_settings.framing.kind == FramingSpec::Kind::None)));
    // An empty datagram is never answered (there is nothing to match).
    if (message && m_replyRules->isActive() && !event.payload.isEmpty())
        matchRules(event, connection);
    m_log->append(event);
    ++m_announcing;
    emit eventOccurred(event);
    --m_announcing;
    switch (event.kind) {
    case TrafficEvent::Kind::Data:
        // Datagrams keep their own boundaries: only streams are cut.
        if (event.direction == TrafficEvent::Direction::In && m_kind != SessionKind::Udp
            && m_settings.framing.kind != FramingSpec::Kind::None)
            recordFrames(event, connection);
        break;
    case TrafficEvent::Kind::Closed:
        // After our shutdown(SHUT_WR) we still read, and after the peer's
        // FIN, bytes read but not yet logged (reads held) may still come.
        if (event.reason != TrafficEvent::Reason::HalfClosed && event.reason != TrafficEvent::Reason::PeerFinished) {
            m_framers.erase(event.connectionId);
            if (m_readGates.remove(event.connectionId))
                emit readingPausedChanged(event.connectionId, false);
            // Delayed replies of a closed connection are dropped with it.
            if (m_kind != SessionKind::Udp)
                m_ruleStates.erase(event.connectionId);
        }
        break;
    default:
        break;
    }
}

void Session::count(const TrafficEvent &event, ConnectionInfo *connection)
{
    using Kind = TrafficEvent::Kind;
    if (event.kind == Kind::Error) {
        ++m_counters.errors;
        return;
    }
    if (event.kind != Kind::Data && event.kind != Kind::Connected)
        return;
    if (connection && connection->sinceUs == 0) {
        connection->sinceUs = event.timeUs;
        connection->lastActivityUs = event.timeUs;
        ++m_counters.connections;
    }
    if (event.kind != Kind::Data)
        return;
    const quint64 bytes = quint64(event.payload.size());
    if (event.direction == TrafficEvent::Direction::In) {
        m_counters.bytesIn += bytes;
        ++m_counters.messagesIn;
    } else {
        m_counters.bytesOut += bytes;
        ++m_counters.messagesOut;
    }
    if (!connection)
        return;
    if (event.direction == TrafficEvent::Direction::In) {
        connection->bytesIn += bytes;
        ++connection->messagesIn;
    } else {
        connection->bytesOut += bytes;
        ++connection->messagesOut;
    }
    connection->lastActivityUs = event.timeUs;
}

void Session::runDeferred()
{
    // A request may announce events of its own, and requests made then wait
    // for the next pass.
    std::vector<std::function<void()>> requests;
    requests.swap(m_deferred);
    for (const std::function<void()> &request : requests)
        request();
}

TrafficEvent::Reason Session::bindFailureReason(QAbstractSocket::SocketError error)
{
    switch (error) {
    case QAbstractSocket::AddressInUseError: return TrafficEvent::Reason::AddressInUse;
    case QAbstractSocket::SocketAccessError: return TrafficEvent::Reason::PermissionDenied;
    default: return TrafficEvent::Reason::Other;
    }
}

QByteArray Session::readAvailable(QIODevice *socket)
{
    const qint64 available = socket->bytesAvailable();
    if (available <= 0)
        return QByteArray();
    // When Qt's buffer holds one block of exactly this size, read(n) hands
    // that block over instead of copying it. The log copies small reads into
    // its chunks and keeps large ones (trimmed) as they are.
    return socket->read(available);
}

bool Session::repliesBacklogged(const QAbstractSocket *socket) const
{
    return m_replyRules->isActive() && socket->bytesToWrite() > kReplyBacklogBytes;
}

void Session::setReadsHeld(bool held)
{
    if (held == m_readsHeld)
        return;
    m_readsHeld = held;
    if (!held)
        QMetaObject::invokeMethod(this, [this] {
            if (!m_readsHeld)
                resumeReads();
        }, Qt::QueuedConnection);
}

void Session::gateReads(quint32 connectionId, QAbstractSocket *socket, ConnectionInfo *info,
                        std::function<void()> read)
{
    ReadGates::Gate &gate = m_readGates.add(connectionId, socket, info, std::move(read));
    gate.onReadyRead = connect(socket, &QAbstractSocket::readyRead, this, [this, connectionId] { readGated(connectionId); });
    gate.onBytesWritten = connect(socket, &QAbstractSocket::bytesWritten, this, [this, connectionId] { readGated(connectionId); });
}

void Session::readGated(quint32 connectionId)
{
    ReadGates::Gate *gate = m_readGates.find(connectionId);
    if (gate && gate->socket->bytesAvailable() > 0 && mayRead(connectionId, gate->socket))
        gate->read();
}

bool Session::setReadingPaused(quint32 connectionId, bool paused)
{
    QString message;
    if (!m_readGates.setPaused(connectionId, paused, kReadBufferBytes, &message))
        return false;
    if (message.isEmpty())
        return true;
    const QAbstractSocket *socket = m_readGates.find(connectionId)->socket;
    TrafficEvent e = makeEvent(TrafficEvent::Kind::Note, connectionId);
    e.local = Endpoint::localOf(*socket);
    e.peer = Endpoint::peerOf(*socket);
    e.message = message;
    record(std::move(e));
    touchConnections();
    emit readingPausedChanged(connectionId, paused);
    // What waited in Qt's buffer is read now; what waits in the kernel's
    // comes with the next readyRead (the read notifier is on again).
    if (!paused)
        QMetaObject::invokeMethod(this, [this, connectionId] { readGated(connectionId); }, Qt::QueuedConnection);
    return true;
}

QString Session::emptyPayloadError()
{
    return tr("Nothing to send: the payload is empty");
}

void Session::setFraming(const FramingSpec &spec)
{
    changeSettings([&](SessionSettings &s) { s.framing = spec; });
}

void Session::recordFrames(const TrafficEvent &dataEvent, ConnectionInfo *connection)
{
    auto it = m_framers.find(dataEvent.connectionId);
    if (it == m_framers.end())
        it = m_framers.emplace(dataEvent.connectionId, std::make_unique<Framer>(m_settings.framing)).first;
    Framer *framer = it->second.get();
    if (framer->hasError())
        return;  // already reported; the stream has no boundaries left to trust
    const Framer::Output out = framer->feed(dataEvent.payload);
    const bool verify = m_settings.verifyChecksum && m_settings.checksum;
    for (const QByteArray &frame : out.frames) {
        TrafficEvent f = dataEvent;
        f.kind = TrafficEvent::Kind::Frame;
        f.payload = frame;
        f.message.clear();
        if (verify)
            markChecksum(f);
        record(std::move(f), connection);
    }
    if (!out.ok()) {
        TrafficEvent err = dataEvent;
        err.kind = TrafficEvent::Kind::Error;
        err.direction = TrafficEvent::Direction::None;
        err.payload.clear();
        err.reason = TrafficEvent::Reason::Other;
        err.message = tr("Framing (%1): %2").arg(m_settings.framing.toString(), out.error);
        record(std::move(err), connection);
    }
}

QByteArray Session::framedForSending(const QByteArray &message, QString *error,
                                     const std::optional<Checksum> &ownChecksum) const
{
    QByteArray payload = message;
    const std::optional<Checksum> &checksum = ownChecksum ? ownChecksum : m_settings.checksum;
    if (checksum) {
        const Checksum::Appended sum = checksum->append(message);
        if (!sum.ok()) {
            if (error)
                *error = tr("Not sent: %1 cannot be appended: %2").arg(checksum->toString(), sum.error);
            return QByteArray();
        }
        payload = sum.frame;
    }
    if (!m_settings.frameOutgoing || m_settings.framing.kind == FramingSpec::Kind::None || m_kind == SessionKind::Udp)
        return payload;
    QString why;
    const QByteArray framed = Framer::encode(m_settings.framing, payload, &why);
    if (!why.isEmpty() && error)
        *error = tr("Not sent: cannot frame it as %1: %2").arg(m_settings.framing.toString(), why);
    return why.isEmpty() ? framed : QByteArray();
}

Template::Context Session::templateContext(const QByteArray &received) const
{
    Template::Context context;
    context.received = received;
    context.counter = m_templateMessages;
    return context;
}

void Session::countTemplateMessage()
{
    ++m_templateMessages;
}

SendResult Session::sendMessage(const Template &message)
{
    const SendResult result = send(message.expand(templateContext()));
    if (result.ok() && message.usesCounter())
        countTemplateMessage();
    return result;
}

void Session::resetCounters()
{
    m_counters.bytesIn = 0;
    m_counters.bytesOut = 0;
    m_counters.messagesIn = 0;
    m_counters.messagesOut = 0;
    m_templateMessages = 0;
    resetConnectionCounters();
    // --- Reply rules (issue 20) ---
    m_ruleFireCounts.fill(0);
    m_unmatchedMessages = 0;
    emit ruleFireCountsChanged();
    // The peer table refreshes when the serial moves.
    touchConnections();
}

void Session::resetTraffic(ConnectionInfo &info)
{
    info.bytesIn = 0;
    info.bytesOut = 0;
    info.messagesIn = 0;
    info.messagesOut = 0;
}

// The verdict is kept on the frame event itself, as its reason and message,
// not as an extra event: the log already keeps a reason and a message beside
// an event (PackedEventStore's side entries), so the mark costs nothing when
// verify is off, stays with the bytes it is about through filters, the
// memory budget and every export (JSON Lines: "checksum"), and no counter
// sees an event that did not cross the socket.
void Session::markChecksum(TrafficEvent &frame) const
{
    const Checksum &sum = *m_settings.checksum;
    const QString name = Checksum::info(sum.algorithm()).catalogueName;
    const Checksum::Verification v = sum.verify(frame.payload);
    frame.reason = v.ok ? TrafficEvent::Reason::ChecksumPassed : TrafficEvent::Reason::ChecksumFailed;
    if (!v.error.isEmpty())
        frame.message = tr("checksum %1: %2").arg(name, v.error);
    else if (v.ok)
        frame.message = tr("checksum %1 passed: %2").arg(name, TextCodec::toHex(v.found).toUpper());
    else
        frame.message = tr("checksum %1: expected %2, found %3")
                                .arg(name, TextCodec::toHex(v.expected).toUpper(), TextCodec::toHex(v.found).toUpper());
}

// --- Reply rules (issue 20) -------------------------------------------------

void Session::applyRules(const SessionSettings &old)
{
    const SessionSettings &now = m_settings;
    m_replyRules = std::make_shared<const ReplyRules>(now.rules, now.encoding);
    // New rules start from new state: a reply switched off stops at once,
    // delayed replies of the old rules are dropped (their serial is gone).
    m_ruleStates.clear();
    m_ruleLimitReported = QList<bool>(m_replyRules->size(), false);
    if (old.rules != now.rules || m_ruleFireCounts.size() != m_replyRules->size()) {
        // A rule left as it was, where it was, keeps its count: editing one
        // rule does not zero the others in the editor.
        QList<quint64> counts(m_replyRules->size(), 0);
        for (qsizetype i = 0; i < counts.size() && i < old.rules.size() && i < m_ruleFireCounts.size(); ++i) {
            if (old.rules.at(i) == now.rules.at(i))
                counts[i] = m_ruleFireCounts.at(i);
        }
        m_ruleFireCounts = counts;
        emit ruleFireCountsChanged();
    }
    const QString spec = ReplyRules::replySpecOf(now.rules);
    m_autoReply = AutoReply();
    m_autoReplyError.clear();
    if (!spec.isNull()) {
        QString why;
        const AutoReply reply = AutoReply::fromSpec(spec, now.encoding, &why);
        if (why.isEmpty())
            m_autoReply = reply;
    }
    const QStringList errors = m_replyRules->errors();
    if (!errors.isEmpty())
        m_autoReplyError = errors.first();
}

void Session::matchRules(TrafficEvent &event, ConnectionInfo *connection)
{
    Q_UNUSED(connection);
    ConnectionRules &state = m_ruleStates[event.connectionId];
    if (!state.responder) {
        state.responder = std::make_unique<RuleResponder>(m_replyRules);
        state.serial = ++m_nextResponderSerial;
    }
    Template::Context context;
    context.received = event.payload;
    RuleResponder::Output out = state.responder->onMessage(event.payload, context);
    event.rule = out.rule;
    for (int index : std::as_const(out.fired)) {
        if (index >= 0 && index < m_ruleFireCounts.size())
            ++m_ruleFireCounts[index];
    }
    if (out.rule == ReplyRules::kUnmatched)
        ++m_unmatchedMessages;
    noteRuleFired();
    for (const auto &[index, why] : std::as_const(out.limitErrors)) {
        if (index < 0 || index >= m_ruleLimitReported.size() || m_ruleLimitReported.at(index))
            continue;
        // Said once per rule: a flood of such messages is not a flood of rows.
        m_ruleLimitReported[index] = true;
        TrafficEvent e = makeEvent(TrafficEvent::Kind::Error, event.connectionId);
        e.local = event.local;
        e.peer = event.peer;
        e.reason = TrafficEvent::Reason::LimitReached;
        e.message = tr("Reply rule %1: %2").arg(index + 1).arg(why);
        // After the message itself is logged (errors count for the session only).
        QMetaObject::invokeMethod(this, [this, e] { record(e); }, Qt::QueuedConnection);
    }
    if (!out.replies.isEmpty() || out.closeAfter)
        state.pending.append(std::move(out));
}

void Session::noteRuleFired()
{
    if (m_ruleCountsPosted)
        return;
    m_ruleCountsPosted = true;
    QTimer::singleShot(kRuleCountsIntervalMs, this, [this] {
        m_ruleCountsPosted = false;
        emit ruleFireCountsChanged();
    });
}

Session::RuleAnswer Session::takeRuleAnswer(ConnectionInfo *connection)
{
    RuleAnswer answer;
    const quint32 id = connection ? connection->id : 0;
    const auto it = m_ruleStates.find(id);
    if (it == m_ruleStates.end() || it->second.pending.isEmpty())
        return answer;
    const QList<RuleResponder::Output> pending = std::exchange(it->second.pending, {});
    const quint64 serial = it->second.serial;
    for (const RuleResponder::Output &out : pending) {
        int lastDelay = 0;
        QList<std::pair<int, QByteArray>> delayed;
        for (const RuleResponder::Reply &reply : out.replies) {
            QString why;
            QByteArray wire = framedForSending(reply.bytes, &why, reply.checksum);
            if (!why.isEmpty()) {
                TrafficEvent e = makeEvent(TrafficEvent::Kind::Error, id);
                if (connection) {
                    e.local = connection->local;
                    e.peer = connection->peer;
                }
                e.reason = TrafficEvent::Reason::Other;
                e.message = tr("Auto-reply: %1").arg(why);
                record(std::move(e), connection);
                continue;
            }
            if (reply.delayMs <= 0)
                answer.wires.append(std::move(wire));
            else
                delayed.append({reply.delayMs, std::move(wire)});
            lastDelay = qMax(lastDelay, reply.delayMs);
        }
        if (lastDelay == 0) {
            answer.closeAfter = answer.closeAfter || out.closeAfter;
            continue;
        }
        // The close comes after the last reply, so it waits for the latest.
        bool closeSet = false;
        for (qsizetype i = 0; i < delayed.size(); ++i) {
            const bool last = !closeSet && delayed.at(i).first == lastDelay;
            closeSet = closeSet || last;
            scheduleRuleReply(id, serial, delayed.at(i).first, delayed.at(i).second, last && out.closeAfter);
        }
        if (!closeSet && out.closeAfter)
            scheduleRuleReply(id, serial, lastDelay, QByteArray(), true);
    }
    return answer;
}

void Session::scheduleRuleReply(quint32 id, quint64 serial, int delayMs, const QByteArray &wire, bool closeAfter)
{
    // A flood that a delayed rule matches must not become a flood of timers
    // holding replies: past the bound they are dropped, and said once.
    if (m_delayedReplies >= kMaxDelayedReplies) {
        if (!m_delayedDropSaid) {
            m_delayedDropSaid = true;
            TrafficEvent e = makeEvent(TrafficEvent::Kind::Error, id);
            e.reason = TrafficEvent::Reason::LimitReached;
            e.message = tr("Reply rules: %1 delayed replies are waiting already; later ones are dropped")
                                .arg(kMaxDelayedReplies);
            QMetaObject::invokeMethod(this, [this, e] { record(e); }, Qt::QueuedConnection);
        }
        return;
    }
    ++m_delayedReplies;
    QTimer::singleShot(delayMs, this, [this, id, serial, wire, closeAfter] {
        if (--m_delayedReplies == 0)
            m_delayedDropSaid = false;
        const auto it = m_ruleStates.find(id);
        if (it == m_ruleStates.end() || it->second.serial != serial || !isRunning())
            return;
        deliverDelayedReply(id, wire, closeAfter);
    });
}

void Session::forgetRuleState(quint32 connectionId)
{
    m_ruleStates.erase(connectionId);
}
