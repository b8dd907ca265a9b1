#include "core/teach/SocketNarrator.h"

#include "core/log/TrafficLog.h"
#include "core/net/Session.h"
#include "core/net/TcpClientSession.h"
#include "core/net/TcpServerSession.h"
#include "core/teach/NarratorPhrases.h"
#include "core/teach/PythonRules.h"

using Call = SocketNarrator::Call;
using Step = SocketNarrator::Step;
using State = SocketNarrator::Step::State;
using Reason = TrafficEvent::Reason;
using Phrases = NarratorPhrases;

QString SocketNarrator::SocketLane::title() const
{
    const QString again = attempt > 1 ? SocketNarrator::tr(" (again, #%1)").arg(attempt) : QString();
    switch (role) {
    case Role::Listening:
        return local.isNull() ? SocketNarrator::tr("listening socket%1").arg(again)
                              : SocketNarrator::tr("listening socket on %1%2").arg(local.toString(), again);
    case Role::Accepted:
        if (connectionId == 0)
            return SocketNarrator::tr("refused client from %1").arg(peer.toString());
        return SocketNarrator::tr("conn #%1 from %2").arg(QString::number(connectionId), peer.toString());
    case Role::Client:
        return peer.isNull() ? SocketNarrator::tr("client socket%1").arg(again)
                             : SocketNarrator::tr("client socket to %1%2").arg(peer.toString(), again);
    case Role::Udp:
        return local.isNull() ? SocketNarrator::tr("UDP socket%1").arg(again)
                              : SocketNarrator::tr("UDP socket on %1%2").arg(local.toString(), again);
    }
    return {};
}

const SocketNarrator::Step *SocketNarrator::SocketLane::currentStep() const
{
    for (const Step &s : steps) {
        if (s.state == State::Current)
            return &s;
    }
    return nullptr;
}

SocketNarrator::SocketNarrator(Session *session, QObject *parent)
    : QObject(parent)
    , m_session(session)
{
    m_notify.setSingleShot(true);
    m_notify.setInterval(kNotifyIntervalMs);
    connect(&m_notify, &QTimer::timeout, this, &SocketNarrator::flush);
    if (!session)
        return;
    m_kind = session->kind();
    const TrafficLog *log = session->log();
    m_historyIncomplete = log->firstSerial() > 0;
    for (qsizetype i = 0; i < log->size(); ++i)
        onEvent(log->at(i));
    // A client that is connecting now has told nothing yet.
    if (session->state() == Session::State::Starting)
        onStateChanged();
    connect(session, &Session::eventOccurred, this, &SocketNarrator::onEvent);
    connect(session, &Session::stateChanged, this, &SocketNarrator::onStateChanged);
    // The rules' Python is written again after any change of the rules,
    // their encoding or the checksum.
    connect(session, &Session::settingsChanged, this, [this] { m_pythonRules.reset(); });
    // Issue 21: TCP_NODELAY changed on open connections is a call they make.
    m_noDelay = session->settings().noDelay;
    connect(session, &Session::settingsChanged, this, &SocketNarrator::onNoDelayChanged);
}

void SocketNarrator::onNoDelayChanged()
{
    if (!m_session || m_session->settings().noDelay == m_noDelay)
        return;
    m_noDelay = m_session->settings().noDelay;
    for (SocketLane &lane : m_lanes) {
        const bool accepted = lane.role == SocketLane::Role::Accepted && lane.connectionId != 0;
        const bool client = lane.role == SocketLane::Role::Client && !lane.peer.isNull();
        if (lane.open && (accepted || client))
            addDataStep(lane, Phrases::noDelayStep(Phrases::variable(lane.role), m_noDelay, State::Done));
    }
    touch();
}

SocketNarrator::~SocketNarrator() = default;

void SocketNarrator::onStateChanged()
{
    if (!m_session || m_kind != SessionKind::TcpClient || m_session->state() != Session::State::Starting)
        return;
    // connect() is under way: show it as the call the program is in.
    SocketLane *lane = ownLane();
    Step *connectStep = lane ? findStep(*lane, Call::Connect) : nullptr;
    if (!connectStep || connectStep->state != State::NotYet) {
        lane = &newOwnLane();
        connectStep = findStep(*lane, Call::Connect);
    }
    if (connectStep)
        connectStep->state = State::Current;
    refreshCurrent(*lane);
    touch(true);
}

void SocketNarrator::onEvent(const TrafficEvent &e)
{
    switch (e.kind) {
    case TrafficEvent::Kind::Listening: onListening(e); break;
    case TrafficEvent::Kind::Connected: onConnected(e); break;
    case TrafficEvent::Kind::Data: onData(e); break;
    case TrafficEvent::Kind::Closed: onClosed(e); break;
    case TrafficEvent::Kind::Error: onError(e); break;
    case TrafficEvent::Kind::Stopped: onStopped(e); break;
    case TrafficEvent::Kind::Frame: onFrame(e); break;
    case TrafficEvent::Kind::Note: break;
    case TrafficEvent::Kind::State: break;   // the kernel's view, not a call the program made
    }
    touch();
}

SocketNarrator::SocketLane *SocketNarrator::ownLane()
{
    if (m_ownIndex < 0 || m_ownIndex >= m_lanes.size() || !m_lanes[m_ownIndex].open)
        return nullptr;
    return &m_lanes[m_ownIndex];
}

SocketNarrator::SocketLane &SocketNarrator::newOwnLane()
{
    SocketLane lane;
    lane.attempt = ++m_ownAttempts;
    switch (m_kind) {
    case SessionKind::TcpServer:
        lane.role = SocketLane::Role::Listening;
        lane.steps = Phrases::listeningSteps(!m_session || m_session->settings().reuseAddress);
        break;
    case SessionKind::TcpClient:
        lane.role = SocketLane::Role::Client;
        if (const auto *c = qobject_cast<const TcpClientSession *>(m_session.data())) {
            if (!c->localBindAddress().isNull() || c->localBindPort() != 0)
                lane.local = {c->localBindAddress().isNull() ? QHostAddress(QHostAddress::AnyIPv4) : c->localBindAddress(),
                              c->localBindPort()};
            lane.steps = Phrases::clientSteps(c->host(), c->port(), lane.local, c->settings().noDelay);
        }
        break;
    case SessionKind::Udp:
        lane.role = SocketLane::Role::Udp;
        lane.steps = Phrases::udpSteps();
        break;
    }
    m_lanes.append(lane);
    m_ownIndex = m_lanes.size() - 1;
    touch(true);
    return m_lanes.last();
}

SocketNarrator::SocketLane *SocketNarrator::acceptedLane(quint32 connectionId)
{
    auto it = m_acceptedIndex.find(connectionId);
    return it == m_acceptedIndex.end() ? nullptr : &m_lanes[it->second];
}

SocketNarrator::SocketLane *SocketNarrator::newAcceptedLane(const TrafficEvent &e)
{
    if (e.connectionId != 0 && m_unshown.contains(e.connectionId))
        return nullptr;
    if (e.connectionId == 0 && m_lanes.size() >= kMaxAcceptedSockets + 64)
        return nullptr;  // a refused connection's lane, when there is no room
    // Thousands of open connections make no lesson, and a lane per socket
    // would cost every new connection a walk over all of them: past the cap,
    // connections are counted but get no lane until closed ones make room.
    if (e.connectionId != 0 && m_acceptedTotal - m_droppedLanes >= kMaxAcceptedSockets + 64) {
        pruneLanes();
        if (m_acceptedTotal - m_droppedLanes >= kMaxAcceptedSockets + 64) {
            m_unshown.insert(e.connectionId);
            ++m_acceptedTotal;
            ++m_droppedLanes;
            touch(true);
            return nullptr;
        }
    }
    SocketLane lane;
    lane.role = SocketLane::Role::Accepted;
    lane.connectionId = e.connectionId;
    lane.listenAttempt = m_ownAttempts;
    lane.local = e.local;
    lane.peer = e.peer;
    lane.steps = Phrases::acceptedSteps(e.peer, m_session && m_session->settings().noDelay);
    m_lanes.append(lane);
    if (e.connectionId != 0) {
        m_acceptedIndex[e.connectionId] = m_lanes.size() - 1;
        ++m_acceptedTotal;
    }
    touch(true);
    pruneLanes();
    // Pruning moves lanes: find ours again.
    if (e.connectionId != 0)
        return acceptedLane(e.connectionId);
    return &m_lanes.last();
}

SocketNarrator::Step *SocketNarrator::findStep(SocketLane &lane, Call call)
{
    for (Step &s : lane.steps) {
        if (s.call == call)
            return &s;
    }
    return nullptr;
}

void SocketNarrator::setStep(SocketLane &lane, Call call, State state)
{
    if (Step *s = findStep(lane, call))
        s->state = state;
}

void SocketNarrator::refreshCurrent(SocketLane &lane)
{
    qsizetype last = -1;
    for (qsizetype i = 0; i < lane.steps.size(); ++i) {
        Step &s = lane.steps[i];
        if (s.state == State::Current)
            s.state = State::Done;
        if (s.state == State::Done)
            last = i;
    }
    if (lane.open && last >= 0)
        lane.steps[last].state = State::Current;
}

void SocketNarrator::onListening(const TrafficEvent &e)
{
    SocketLane *lane = ownLane();
    SocketLane &l = lane ? *lane : newOwnLane();
    l.local = e.local;
    // From the session, never from the message: the message is translated.
    int backlog = TcpServerSession::kDefaultBacklog;
    if (const auto *s = qobject_cast<const TcpServerSession *>(m_session.data()))
        backlog = s->backlog();
    Phrases::phraseBound(l.steps, m_kind, e.local, backlog);
    refreshCurrent(l);
}

void SocketNarrator::onConnected(const TrafficEvent &e)
{
    if (m_kind == SessionKind::TcpServer) {
        if (SocketLane *lane = newAcceptedLane(e))
            refreshCurrent(*lane);
        if (SocketLane *own = ownLane()) {
            if (m_countedAttempt != own->attempt) {
                m_countedAttempt = own->attempt;
                m_acceptedThisListen = 0;
            }
            ++m_acceptedThisListen;
            if (Step *s = findStep(*own, Call::Accept))
                Phrases::phraseAccepted(*s, m_acceptedThisListen);
        }
        return;
    }
    if (m_kind != SessionKind::TcpClient)
        return;
    SocketLane *lane = ownLane();
    SocketLane &l = (lane && lane->peer.isNull()) ? *lane : newOwnLane();
    l.local = e.local;
    l.peer = e.peer;
    if (const auto *c = qobject_cast<const TcpClientSession *>(m_session.data()))
        Phrases::phraseConnected(l.steps, c->host(), e.local, e.peer);
    refreshCurrent(l);
}

void SocketNarrator::addDataStep(SocketLane &lane, Step step)
{
    if (lane.dataSteps >= kMaxDataSteps) {
        ++lane.moreDataSteps;
        lane.moreDataBytes += step.size;
        return;
    }
    ++lane.dataSteps;
    step.isData = true;
    // Before the close placeholder, which stays last.
    qsizetype at = lane.steps.size();
    if (at > 0 && lane.steps.last().call == Call::Close && lane.steps.last().state == State::NotYet)
        --at;
    lane.steps.insert(at, step);
    refreshCurrent(lane);
}

void SocketNarrator::onData(const TrafficEvent &e)
{
    const bool in = e.direction == TrafficEvent::Direction::In;
    SocketLane *lane = nullptr;
    if (m_kind == SessionKind::TcpServer) {
        lane = acceptedLane(e.connectionId);
        if (!lane) {
            TrafficEvent accepted = e;  // its accept() fell out of the log
            lane = newAcceptedLane(accepted);
            if (!lane)
                return;  // one of the connections past the lane cap
        }
    } else {
        lane = ownLane();
        if (!lane)
            lane = &newOwnLane();
    }
    // A program that frames its messages reads them whole: its calls are
    // told by the frame events (onFrame), not by each read.
    if (in && Phrases::readsMessages(framing()))
        return;
    // Past the cap a call is only counted: a flood's reads cost no text.
    if (lane->dataSteps >= kMaxDataSteps) {
        ++lane->moreDataSteps;
        lane->moreDataBytes += e.payload.size();
        return;
    }
    addDataStep(*lane, Phrases::dataStep(m_kind, Phrases::variable(lane->role), e, framing()));
    addRuleStep(*lane, e);
}

void SocketNarrator::addRuleStep(SocketLane &lane, const TrafficEvent &e)
{
    if (!m_session || e.rule < 0 || e.direction != TrafficEvent::Direction::In)
        return;
    const SessionSettings &s = m_session->settings();
    if (e.rule >= s.rules.size())
        return;   // the rules changed since (a replayed log)
    if (!m_pythonRules)
        m_pythonRules = std::make_unique<PythonRules>(s.rules, s.encoding, s.checksum);
    // The rule that fired as the line a student would write after recv().
    Step step;
    step.call = m_kind == SessionKind::Udp ? Call::RecvFrom : Call::Recv;
    step.state = Step::State::Done;
    step.isRule = true;
    step.python = m_pythonRules->narrationLine(e.rule, Phrases::variable(lane.role), m_kind == SessionKind::Udp);
    step.comment = tr("rule %1 fired").arg(e.rule + 1);
    step.c = QStringLiteral("/* ") + Phrases::cSafe(tr("rule %1 fired: %2").arg(e.rule + 1).arg(s.rules.at(e.rule).toLine()))
             + QStringLiteral(" */");
    addDataStep(lane, step);
}

void SocketNarrator::onFrame(const TrafficEvent &e)
{
    const FramingSpec spec = framing();
    SocketLane *lane = m_kind == SessionKind::TcpServer ? acceptedLane(e.connectionId) : ownLane();
    if (!lane)
        return;  // a connection past the lane cap, or its start fell out of the log
    if (!Phrases::readsMessages(spec)) {
        addRuleStep(*lane, e);   // the reads are told; a rule answers each frame
        return;
    }
    if (lane->dataSteps >= kMaxDataSteps) {
        ++lane->moreDataSteps;
        lane->moreDataBytes += e.payload.size();
        return;
    }
    addDataStep(*lane, Phrases::messageStep(Phrases::variable(lane->role), e.payload, spec));
    addRuleStep(*lane, e);
}

FramingSpec SocketNarrator::framing() const
{
    // Datagrams keep their boundaries: the framing is for TCP streams.
    if (!m_session || m_kind == SessionKind::Udp)
        return FramingSpec::none();
    return m_session->framing();
}

void SocketNarrator::closeLane(SocketLane &lane, const TrafficEvent &e)
{
    Step *close = findStep(lane, Call::Close);
    if (!close)
        return;
    Phrases::phraseClose(*close, Phrases::variable(lane.role), e);
    lane.open = false;
    refreshCurrent(lane);
}

void SocketNarrator::onClosed(const TrafficEvent &e)
{
    if (m_kind == SessionKind::TcpServer)
        m_unshown.remove(e.connectionId);
    SocketLane *lane = m_kind == SessionKind::TcpServer ? acceptedLane(e.connectionId) : ownLane();
    if (!lane)
        return;
    // The peer's shutdown(SHUT_WR): recv() returns b'', we may still send (CLOSE_WAIT).
    if (e.reason == Reason::PeerFinished) {
        addDataStep(*lane, Phrases::peerFinished(Phrases::variable(lane->role)));
        return;
    }
    // shutdown(SHUT_WR): a half close, the socket still reads.
    if (m_kind == SessionKind::TcpClient && e.reason == Reason::HalfClosed && !findStep(*lane, Call::Shutdown)) {
        qsizetype at = lane->steps.size() - 1;
        lane->steps.insert(at, Phrases::shutdownStep());
        refreshCurrent(*lane);
        return;
    }
    closeLane(*lane, e);
}

void SocketNarrator::onError(const TrafficEvent &e)
{
    const Phrases::OsError err = Phrases::osError(e.reason, e.message);
    switch (m_kind) {
    case SessionKind::TcpServer: {
        if (e.connectionId != 0) {
            SocketLane *lane = acceptedLane(e.connectionId);
            if (!lane)
                return;
            addDataStep(*lane, Phrases::failedRecv(Phrases::variable(lane->role), err));
            return;
        }
        if (e.reason == Reason::LimitReached && !e.peer.isNull()) {
            // Accepted and closed at once.
            if (SocketLane *lane = newAcceptedLane(e))
                closeLane(*lane, e);
            return;
        }
        SocketLane *own = ownLane();
        if (own && findStep(*own, Call::Listen)->state != State::NotYet)
            return;  // a listening socket's error that ends nothing
        SocketLane &l = own ? *own : newOwnLane();
        l.local = e.local;
        setStep(l, Call::Socket, State::Done);
        setStep(l, Call::SetSockOpt, State::Done);
        if (Step *b = findStep(l, Call::Bind))
            Phrases::failBind(*b, Phrases::variable(l.role), e.local, err);
        l.open = false;
        refreshCurrent(l);
        return;
    }
    case SessionKind::TcpClient: {
        SocketLane *lane = ownLane();
        if (lane && !lane->peer.isNull()) {
            addDataStep(*lane, Phrases::failedRecv(Phrases::variable(lane->role), err));
            return;
        }
        SocketLane &l = lane ? *lane : newOwnLane();
        const bool bindFailed = (e.reason == Reason::AddressInUse || e.reason == Reason::PermissionDenied)
                             && findStep(l, Call::Bind);
        if (Step *s = findStep(l, bindFailed ? Call::Bind : Call::Connect))
            Phrases::fail(*s, err);
        l.open = false;
        refreshCurrent(l);
        return;
    }
    case SessionKind::Udp: {
        SocketLane *lane = ownLane();
        if (!lane) {
            SocketLane &l = newOwnLane();
            l.local = e.local;
            setStep(l, Call::Socket, State::Done);
            if (Step *b = findStep(l, Call::Bind))
                Phrases::failBind(*b, Phrases::variable(l.role), e.local, err);
            l.open = false;
            refreshCurrent(l);
            return;
        }
        // The ICMP answer to an earlier sendto() shows up on the next call.
        const bool icmp = e.reason == Reason::Refused || e.reason == Reason::Unreachable;
        addDataStep(*lane, icmp ? Phrases::failedRecvFrom(err, e.peer) : Phrases::failedSendTo(err, e.peer));
        return;
    }
    }
}

void SocketNarrator::onStopped(const TrafficEvent &e)
{
    SocketLane *lane = ownLane();
    if (!lane)
        return;
    if (m_kind == SessionKind::TcpClient && lane->peer.isNull()) {
        // Cancelled while connecting.
        if (Step *s = findStep(*lane, Call::Connect))
            Phrases::phraseCancelled(*s);
        lane->open = false;
        refreshCurrent(*lane);
        return;
    }
    TrafficEvent closed = e;
    closed.reason = Reason::LocalClose;
    closeLane(*lane, closed);
    if (m_kind == SessionKind::TcpServer) {
        if (Step *c = findStep(*lane, Call::Close))
            Phrases::phraseServerStopped(*c);
    }
}

void SocketNarrator::pruneLanes()
{
    if (m_acceptedTotal - m_droppedLanes <= kMaxAcceptedSockets + 64)
        return;
    // In bulk, so the index is rebuilt once per 64 connections, not per connection.
    qsizetype toDrop = m_acceptedTotal - m_droppedLanes - kMaxAcceptedSockets;
    QList<SocketLane> kept;
    kept.reserve(m_lanes.size());
    const SocketLane *own = (m_ownIndex >= 0 && m_ownIndex < m_lanes.size()) ? &m_lanes[m_ownIndex] : nullptr;
    qsizetype newOwn = -1;
    for (const SocketLane &l : std::as_const(m_lanes)) {
        if (toDrop > 0 && l.role == SocketLane::Role::Accepted && !l.open) {
            --toDrop;
            if (l.connectionId)
                ++m_droppedLanes;
            continue;
        }
        if (&l == own)
            newOwn = kept.size();
        kept.append(l);
    }
    m_lanes = kept;
    m_ownIndex = newOwn;
    m_acceptedIndex.clear();
    for (qsizetype i = 0; i < m_lanes.size(); ++i) {
        if (m_lanes[i].role == SocketLane::Role::Accepted && m_lanes[i].connectionId)
            m_acceptedIndex[m_lanes[i].connectionId] = i;
    }
}

void SocketNarrator::touch(bool socketsToo)
{
    m_pendingSockets = m_pendingSockets || socketsToo;
    if (!m_notify.isActive())
        m_notify.start();
}

void SocketNarrator::flush()
{
    if (m_pendingSockets) {
        m_pendingSockets = false;
        emit socketsChanged();
    }
    emit changed();
}
