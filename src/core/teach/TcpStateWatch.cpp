#include "core/teach/TcpStateWatch.h"

#include "core/log/TrafficEvent.h"

namespace {

bool sameReport(const std::optional<TcpKernelView::Socket> &a, const std::optional<TcpKernelView::Socket> &b)
{
    if (a.has_value() != b.has_value())
        return false;
    if (!a)
        return true;
    // Whole seconds of a timer: a view shows no finer, and a change every
    // sample would redraw it ten times a second for nothing.
    return a->state == b->state && a->receiveQueue == b->receiveQueue && a->sendQueue == b->sendQueue
        && a->retransmits == b->retransmits && a->timer == b->timer && a->timerMs / 1000 == b->timerMs / 1000;
}

} // namespace

TcpStateWatch::TcpStateWatch(QObject *parent)
    : QObject(parent)
{
    m_timer.setInterval(kIntervalMs);
    connect(&m_timer, &QTimer::timeout, this, &TcpStateWatch::sample);
}

TcpStateWatch::~TcpStateWatch()
{
    m_timer.stop();
    followInLog();
}

void TcpStateWatch::setStateLog(KernelStateLog *log)
{
    if (log == m_log)
        return;
    const bool running = m_timer.isActive();
    m_timer.stop();
    followInLog();   // lets go of the old log
    m_log = log;
    if (running)
        m_timer.start();
    followInLog();
}

void TcpStateWatch::followInLog()
{
    const bool wanted = m_log && m_timer.isActive() && isWatching();
    if (m_logging && (!wanted || !(m_loggedLocal == m_local) || !(m_loggedPeer == m_peer))) {
        if (m_log)
            m_log->unwatch(m_loggedLocal, m_loggedPeer);
        m_logging = false;
    }
    if (wanted && !m_logging) {
        m_log->watch(m_local, m_peer);
        m_logging = true;
        m_loggedLocal = m_local;
        m_loggedPeer = m_peer;
    }
}

void TcpStateWatch::watch(const Endpoint &local, const Endpoint &peer, Origin origin)
{
    m_local = local;
    m_peer = peer;
    m_steps.clear();
    m_socket.reset();
    m_synQueue = 0;
    m_state = State::Unknown;
    // What happened before anyone looked, as the socket's origin tells it.
    QList<State> before;
    switch (origin) {
    case Origin::Connected:
        before = {State::Closed, State::SynSent};
        break;
    case Origin::Accepted:
        before = {State::Listen, State::SynReceived};
        break;
    case Origin::Listener:
        before = {State::Closed};
        break;
    case Origin::Unknown:
        break;
    }
    const qint64 now = TrafficEvent::nowUs();
    for (State s : std::as_const(before)) {
        if (m_state != State::Unknown)
            m_steps.append(Step{now, TcpStateMachine::transition(m_state, s), true});
        m_state = s;
    }
    sample();
    followInLog();
    emit changed();
}

void TcpStateWatch::clear()
{
    m_local = Endpoint{};
    m_peer = Endpoint{};
    m_steps.clear();
    m_socket.reset();
    m_synQueue = 0;
    m_state = State::Unknown;
    followInLog();
    emit changed();
}

void TcpStateWatch::start()
{
    if (!m_timer.isActive()) {
        m_timer.start();
        sample();
        followInLog();
    }
}

void TcpStateWatch::stop()
{
    m_timer.stop();
    followInLog();
}

void TcpStateWatch::sample()
{
    if (!isWatching())
        return;
    std::optional<TcpKernelView::Socket> found;
    const int synQueueBefore = m_synQueue;
    if (m_peer.port == 0) {
        found = TcpKernelView::listener(m_local, &m_synQueue);
    } else {
        found = TcpKernelView::find(m_local, m_peer);
    }
    const bool reportChanged = !sameReport(found, m_socket) || synQueueBefore != m_synQueue;
    m_socket = found;
    const State before = m_state;
    if (found) {
        moveTo(found->state, TrafficEvent::nowUs());
    } else if (m_state != State::Unknown && m_state != State::Closed) {
        // Gone from the kernel's tables: the socket reached CLOSED.
        moveTo(State::Closed, TrafficEvent::nowUs());
    }
    if (reportChanged || before != m_state)
        emit changed();
}

void TcpStateWatch::moveTo(State state, qint64 timeUs)
{
    if (state == m_state)
        return;
    if (m_state == State::Unknown) {
        m_state = state;
        return;
    }
    QList<TcpStateMachine::Transition> path = TcpStateMachine::path(m_state, state);
    if (path.isEmpty())   // no arrow leads there: shown as the jump the samples saw
        path = {TcpStateMachine::transition(m_state, state)};
    for (qsizetype i = 0; i < path.size(); ++i)
        m_steps.append(Step{timeUs, path.at(i), i + 1 < path.size()});
    m_state = state;
}
