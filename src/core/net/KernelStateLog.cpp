#include "core/net/KernelStateLog.h"

#include "core/log/TrafficEvent.h"
#include "core/net/Session.h"
#include "core/net/TcpClientSession.h"
#include "core/net/TcpServerSession.h"
#include "core/os/TcpKernelView.h"

#include <QElapsedTimer>

#include <algorithm>
#include <utility>

namespace {

using State = TcpKernelView::State;

// Beyond this many sockets to follow on a server, one dump of the port's
// sockets is cheaper than asking for each by its endpoints.
constexpr int kFindLimit = 8;

} // namespace

KernelStateLog::KernelStateLog(Session *session)
    : QObject(session)
    , m_session(session)
{
    m_timer.setInterval(kIntervalMs);
    connect(&m_timer, &QTimer::timeout, this, &KernelStateLog::sample);
}

QString KernelStateLog::keyOf(const Endpoint &local, const Endpoint &peer)
{
    // One listener per session: its port names it, whatever address the
    // kernel reports for a socket bound to any.
    if (peer.port == 0)
        return QStringLiteral("L:") + QString::number(local.port);
    // toString() writes a v4-mapped address (a dual-stack socket's IPv4
    // peer) as the IPv4 one, as the kernel's report has it.
    return local.toString() + u'|' + peer.toString();
}

KernelStateLog::Tracked &KernelStateLog::track(const Endpoint &local, const Endpoint &peer)
{
    Tracked &t = m_tracked[keyOf(local, peer)];
    if (t.local.port == 0) {
        t.local = local.unmapped();
        t.peer = peer.port == 0 ? Endpoint{} : peer.unmapped();
    }
    return t;
}

void KernelStateLog::setAll(bool on)
{
    if (on == m_all)
        return;
    m_all = on;
    if (on) {
        connect(m_session, &Session::eventOccurred, this, &KernelStateLog::onEvent);
        // A client's socket from its SYN on, so a connect that gets no
        // answer is logged in SYN_SENT.
        if (auto *client = qobject_cast<TcpClientSession *>(m_session))
            connect(client, &TcpClientSession::synSent, this, &KernelStateLog::onSynSent);
        // What the session already has: its listener and its connections.
        if (auto *server = qobject_cast<TcpServerSession *>(m_session); server && server->isRunning())
            track(server->listenEndpoint(), Endpoint{}).fromAll = true;
        for (const ConnectionInfo &c : m_session->connections()) {
            Tracked &t = track(c.local, c.peer);
            t.fromAll = true;
            t.connectionId = c.id;
        }
    } else {
        disconnect(m_session, &Session::eventOccurred, this, &KernelStateLog::onEvent);
        if (auto *client = qobject_cast<TcpClientSession *>(m_session))
            disconnect(client, &TcpClientSession::synSent, this, &KernelStateLog::onSynSent);
        for (auto it = m_tracked.begin(); it != m_tracked.end();) {
            it->fromAll = false;
            it = it->watchers == 0 ? m_tracked.erase(it) : std::next(it);
        }
    }
    updateTimer();
}

void KernelStateLog::watch(const Endpoint &local, const Endpoint &peer, quint32 connectionId)
{
    if (local.port == 0)
        return;
    Tracked &t = track(local, peer);
    ++t.watchers;
    if (connectionId != 0) {
        t.connectionId = connectionId;
    } else if (t.connectionId == 0 && peer.port != 0) {
        // Named by its endpoints (a view): the session's id for it, if it still has it.
        for (const ConnectionInfo &c : m_session->connections()) {
            if (keyOf(c.local, c.peer) == keyOf(local, peer)) {
                t.connectionId = c.id;
                break;
            }
        }
    }
    updateTimer();
}

void KernelStateLog::unwatch(const Endpoint &local, const Endpoint &peer)
{
    auto it = m_tracked.find(keyOf(local, peer));
    if (it == m_tracked.end() || it->watchers == 0)
        return;
    if (--it->watchers == 0 && !it->fromAll)
        m_tracked.erase(it);
    updateTimer();
}

void KernelStateLog::onEvent(const TrafficEvent &event)
{
    switch (event.kind) {
    case TrafficEvent::Kind::Listening:
        track(event.local, Endpoint{}).fromAll = true;
        break;
    case TrafficEvent::Kind::Connected:
        if (!event.peer.isNull()) {
            Tracked &t = track(event.local, event.peer);
            t.fromAll = true;
            t.connectionId = event.connectionId;
        }
        break;
    default:
        return;
    }
    updateTimer();
}

void KernelStateLog::onSynSent(const Endpoint &local, const Endpoint &peer)
{
    Tracked &t = track(local, peer);
    t.fromAll = true;
    t.connectionId = 1;   // a client's one connection (TcpClientSession)
    updateTimer();
}

void KernelStateLog::updateTimer()
{
    const bool needed = !m_tracked.isEmpty() || (m_all && m_session->isRunning());
    if (needed && !m_timer.isActive()) {
        m_timer.setInterval(kIntervalMs);
        m_timer.start();
    } else if (!needed) {
        m_timer.stop();
    }
}

void KernelStateLog::sample()
{
    QElapsedTimer clock;
    clock.start();
    auto *server = qobject_cast<TcpServerSession *>(m_session);
    quint16 port = 0;
    if (server && server->isRunning())
        port = server->listenEndpoint().port;
    for (const Tracked &t : std::as_const(m_tracked)) {
        if (port == 0 && t.peer.port == 0)
            port = t.local.port;   // a listener the session has stopped
    }

    // What the kernel has: a listener with its SYN queue; the connections
    // all at once (the port's sockets) on a busy server, else each by its
    // endpoints.
    QHash<QString, TcpKernelView::Socket> found;
    QHash<quint16, int> synQueues;   // per listening port
    for (const Tracked &t : std::as_const(m_tracked)) {
        if (t.peer.port != 0)
            continue;
        int synQueue = 0;
        if (const auto s = TcpKernelView::listener(Endpoint{QHostAddress(), t.local.port}, &synQueue)) {
            found.insert(keyOf(t.local, Endpoint{}), *s);
            synQueues.insert(t.local.port, synQueue);
        }
    }
    bool dumped = false;
    if (server && port != 0 && (m_all || m_tracked.size() > kFindLimit)) {
        QList<TcpKernelView::Socket> sockets;
        dumped = TcpKernelView::list(&sockets, nullptr, {}, port);
        for (const TcpKernelView::Socket &s : std::as_const(sockets)) {
            if (s.state == State::SynReceived || s.state == State::Listen)
                continue;   // the listener's own, above
            found.insert(keyOf(s.local, s.peer), s);
            // On --log, a connection the events have not named yet (taken
            // from the accept queue later) is followed from now on.
            if (m_all)
                track(s.local, s.peer).fromAll = true;
        }
    }
    if (!dumped) {
        for (const Tracked &t : std::as_const(m_tracked)) {
            if (t.peer.port == 0)
                continue;
            if (const auto s = TcpKernelView::find(t.local, t.peer))
                found.insert(keyOf(t.local, t.peer), *s);
        }
    }

    for (auto it = m_tracked.begin(); it != m_tracked.end();) {
        Tracked &t = *it;
        const auto f = found.constFind(it.key());
        if (f != found.constEnd()) {
            StateReport r;
            r.tcpState = TcpKernelView::stateName(f->state);
            if (f->state == State::Listen) {
                // sock_diag gives a listener's accept queue and backlog in
                // the two queue fields.
                r.listener = true;
                r.acceptQueue = f->receiveQueue;
                r.backlog = f->sendQueue;
                r.synQueue = quint32(synQueues.value(t.local.port));
            } else {
                r.recvQ = f->receiveQueue;
                r.sendQ = f->sendQueue;
                if (f->state == State::SynSent)
                    r.retries = quint32(f->retransmits);
            }
            report(t, r);
            ++it;
            continue;
        }
        // Gone from the kernel's tables: the socket reached CLOSED (said
        // once), and only a view still follows it.
        if (t.last && t.last->tcpState != QLatin1String("CLOSED")) {
            StateReport r;
            r.tcpState = QStringLiteral("CLOSED");
            r.listener = t.last->listener;
            report(t, r);
        }
        if (t.watchers == 0)
            it = m_tracked.erase(it);
        else
            ++it;
    }
    recordDue();
    updateTimer();
    if (m_timer.isActive()) {
        const qint64 spent = clock.elapsed();
        m_timer.setInterval(int(std::clamp<qint64>(spent * 20, kIntervalMs, kMaxIntervalMs)));
    }
}

void KernelStateLog::report(Tracked &t, const StateReport &r)
{
    if (t.last == r)
        return;
    t.last = r;
    m_due.append(Due{t.connectionId, t.local, t.peer, r});
}

void KernelStateLog::recordDue()
{
    // Recorded once the walk over m_tracked is over: whoever hears an
    // event may watch or unwatch a socket, which changes m_tracked.
    const QList<Due> due = std::exchange(m_due, {});
    for (const Due &d : due)
        record(d);
}

void KernelStateLog::record(const Due &d)
{
    const StateReport &r = d.report;
    TrafficEvent e;
    e.kind = TrafficEvent::Kind::State;
    e.connectionId = d.connectionId;
    e.local = d.local;
    e.peer = d.peer;
    e.payload = r.toPayload();
    if (r.listener && r.tcpState == QLatin1String("LISTEN"))
        e.message = tr("LISTEN: %1 waiting for accept() (backlog %2), %3 half-open in the SYN queue")
                        .arg(r.acceptQueue).arg(r.backlog).arg(r.synQueue);
    else if (r.tcpState == QLatin1String("SYN_SENT"))
        e.message = tr("SYN_SENT: connect() waits for the SYN+ACK; the SYN was sent again %n time(s)", nullptr,
                       int(r.retries));
    else if (r.listener || r.tcpState == QLatin1String("CLOSED") || r.tcpState == QLatin1String("TIME_WAIT"))
        e.message = r.tcpState;
    else
        e.message = tr("%1: %2 bytes received not yet read (Recv-Q), %3 bytes sent not yet acknowledged (Send-Q)")
                        .arg(r.tcpState).arg(r.recvQ).arg(r.sendQ);
    m_session->record(std::move(e), nullptr);
}
