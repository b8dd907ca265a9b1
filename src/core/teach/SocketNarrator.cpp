#include "core/teach/SocketNarrator.h"

#include "core/log/TrafficLog.h"
#include "core/net/Session.h"
#include "core/net/TcpClientSession.h"
#include "core/net/TcpServerSession.h"
#include "core/net/UdpSession.h"
#include "core/teach/CScriptWriter.h"
#include "core/teach/NarratorPhrases.h"
#include "core/teach/PythonScriptWriter.h"
#include "core/teach/ScriptPlan.h"
#include "core/text/TextCodec.h"

using namespace Qt::StringLiterals;

using Step = SocketNarrator::Step;
using State = SocketNarrator::Step::State;
using Reason = TrafficEvent::Reason;
using Phrases = NarratorPhrases;

QString SocketNarrator::Step::line(Language language) const
{
    if (language == Language::Python)
        return comment.isEmpty() ? python : python + u"  # "_s + comment;
    return cComment.isEmpty() ? c : c + u"  /* "_s + cComment + u" */"_s;
}

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
}

SocketNarrator::~SocketNarrator() = default;

QString SocketNarrator::pythonAddress(const Endpoint &e)
{
    return Phrases::pythonAddress(e);
}

QString SocketNarrator::preview(const QByteArray &bytes)
{
    return Phrases::preview(bytes);
}

QString SocketNarrator::cStringLiteral(QByteArrayView bytes)
{
    return Phrases::cStringLiteral(bytes);
}

void SocketNarrator::onStateChanged()
{
    if (!m_session || m_kind != SessionKind::TcpClient || m_session->state() != Session::State::Starting)
        return;
    // connect() is under way: show it as the call the program is in.
    SocketLane *lane = ownLane();
    Step *connectStep = lane ? findStep(*lane, u"connect"_s) : nullptr;
    if (!connectStep || connectStep->state != State::NotYet) {
        lane = &newOwnLane();
        connectStep = findStep(*lane, u"connect"_s);
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
        lane.variable = u"server"_s;
        lane.steps = Phrases::listeningSteps();
        break;
    case SessionKind::TcpClient: {
        lane.role = SocketLane::Role::Client;
        lane.variable = u"client"_s;
        bool isName = false;
        QString host;
        const Endpoint target = clientTarget(&isName, &host);
        const auto *c = qobject_cast<const TcpClientSession *>(m_session.data());
        if (c && (!c->localBindAddress().isNull() || c->localBindPort() != 0))
            lane.local = {c->localBindAddress().isNull() ? QHostAddress(QHostAddress::AnyIPv4) : c->localBindAddress(),
                          c->localBindPort()};
        lane.steps = Phrases::clientSteps(target, clientTargetPython(), lane.local);
        break;
    }
    case SessionKind::Udp:
        lane.role = SocketLane::Role::Udp;
        lane.variable = u"sock"_s;
        lane.steps = Phrases::udpSteps();
        break;
    }
    m_lanes.append(lane);
    m_ownIndex = m_lanes.size() - 1;
    touch(true);
    return m_lanes.last();
}

Endpoint SocketNarrator::clientTarget(bool *isName, QString *host) const
{
    const auto *c = qobject_cast<const TcpClientSession *>(m_session.data());
    if (!c)
        return {};
    QHostAddress a;
    *host = c->host();
    *isName = !a.setAddress(c->host());
    return Endpoint{*isName ? QHostAddress(QHostAddress::LocalHost) : a, c->port()};
}

QString SocketNarrator::clientTargetPython() const
{
    bool isName = false;
    QString host;
    const Endpoint target = clientTarget(&isName, &host);
    if (isName)
        return u"(%1, %2)"_s.arg(TextCodec::toPythonLiteral(host.toUtf8()).mid(1), QString::number(target.port));
    return pythonAddress(target);
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
    lane.variable = u"conn"_s;
    Step accept = Phrases::step(u"accept"_s, State::Done, u"conn, addr = server.accept()"_s,
                           u"int conn = accept(server, (struct sockaddr *)&peer, &peerlen);"_s,
                           u"addr = %1"_s.arg(pythonAddress(e.peer)), u"peer = %1"_s.arg(e.peer.toString()));
    lane.steps = {accept, Phrases::step(u"close"_s, State::NotYet, u"conn.close()"_s, u"close(conn);"_s)};
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

SocketNarrator::Step *SocketNarrator::findStep(SocketLane &lane, const QString &name)
{
    for (Step &s : lane.steps) {
        if (s.name == name)
            return &s;
    }
    return nullptr;
}

void SocketNarrator::setStep(SocketLane &lane, const QString &name, State state)
{
    if (Step *s = findStep(lane, name))
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
            if (Step *s = findStep(*own, u"accept"_s)) {
                s->comment = tr("accepted %1 so far").arg(m_acceptedThisListen);
                s->cComment = s->comment;
            }
        }
        return;
    }
    if (m_kind != SessionKind::TcpClient)
        return;
    SocketLane *lane = ownLane();
    SocketLane &l = (lane && lane->peer.isNull()) ? *lane : newOwnLane();
    l.local = e.local;
    l.peer = e.peer;
    if (Step *s = findStep(l, u"socket"_s)) {
        s->python = u"client = socket.socket(socket.%1, socket.SOCK_STREAM)"_s.arg(Phrases::family(e.peer));
        s->c = u"int client = socket(%1, SOCK_STREAM, 0);"_s.arg(Phrases::family(e.peer));
    }
    if (Step *s = findStep(l, u"connect"_s)) {
        bool isName = false;
        QString host;
        clientTarget(&isName, &host);
        // A name in the script, as the user typed it; the address it gave in the comment.
        s->python = u"client.connect(%1)"_s.arg(isName ? clientTargetPython() : pythonAddress(e.peer));
        s->c = u"connect(client, (struct sockaddr *)&addr, %1);"_s.arg(Phrases::cAddress(e.peer));
        // The same words for both, each with its language's address: a tuple
        // in Python, 127.0.0.1:8000 in C.
        const auto from = [&](const QString &local) {
            QString text = findStep(l, u"bind"_s) ? tr("from %1").arg(local)
                                                   : tr("from %1 — no bind() needed, the OS chose the port").arg(local);
            return isName ? tr("%1 is %2; ").arg(host, e.peer.addressString()) + text : text;
        };
        s->comment = from(pythonAddress(e.local));
        s->cComment = Phrases::cSafe(from(e.local.toString()));
        s->state = State::Done;
    }
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
    if (at > 0 && lane.steps.last().name == u"close"_s && lane.steps.last().state == State::NotYet)
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
    addDataStep(*lane, Phrases::dataStep(m_kind, lane->variable, e, framing()));
}

void SocketNarrator::onFrame(const TrafficEvent &e)
{
    const FramingSpec spec = framing();
    if (!Phrases::readsMessages(spec))
        return;  // a view of reads already told
    SocketLane *lane = m_kind == SessionKind::TcpServer ? acceptedLane(e.connectionId) : ownLane();
    if (!lane)
        return;  // a connection past the lane cap, or its start fell out of the log
    if (lane->dataSteps >= kMaxDataSteps) {
        ++lane->moreDataSteps;
        lane->moreDataBytes += e.payload.size();
        return;
    }
    addDataStep(*lane, Phrases::messageStep(lane->variable, e.payload, spec));
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
    Step *close = findStep(lane, u"close"_s);
    if (!close)
        return;
    Phrases::phraseClose(*close, lane.variable, e);
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
        addDataStep(*lane, Phrases::peerFinished(lane->variable));
        return;
    }
    // shutdown(SHUT_WR): a half close, the socket still reads.
    if (m_kind == SessionKind::TcpClient && e.reason == Reason::HalfClosed && !findStep(*lane, u"shutdown"_s)) {
        Step s = Phrases::step(u"shutdown"_s, State::Done, u"client.shutdown(socket.SHUT_WR)"_s,
                          u"shutdown(client, SHUT_WR);"_s, tr("FIN sent; still reading"));
        qsizetype at = lane->steps.size() - 1;
        lane->steps.insert(at, s);
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
            addDataStep(*lane, Phrases::failedRecv(u"conn"_s, err));
            return;
        }
        if (e.reason == Reason::LimitReached && !e.peer.isNull()) {
            SocketLane *lane = newAcceptedLane(e);
            if (!lane)
                return;
            TrafficEvent closed = e;
            closed.reason = Reason::Other;
            closed.message = tr("closed at once: the client limit is reached");
            closeLane(*lane, closed);
            return;
        }
        SocketLane *own = ownLane();
        if (own && findStep(*own, u"listen"_s)->state != State::NotYet)
            return;  // a listening socket's error that ends nothing
        SocketLane &l = own ? *own : newOwnLane();
        l.local = e.local;
        setStep(l, u"socket"_s, State::Done);
        setStep(l, u"setsockopt"_s, State::Done);
        if (Step *b = findStep(l, u"bind"_s))
            Phrases::failBind(*b, u"server"_s, e.local, err);
        l.open = false;
        refreshCurrent(l);
        return;
    }
    case SessionKind::TcpClient: {
        SocketLane *lane = ownLane();
        if (lane && !lane->peer.isNull()) {
            addDataStep(*lane, Phrases::failedRecv(u"client"_s, err));
            return;
        }
        SocketLane &l = lane ? *lane : newOwnLane();
        const bool bindFailed = (e.reason == Reason::AddressInUse || e.reason == Reason::PermissionDenied)
                             && findStep(l, u"bind"_s);
        Step *s = findStep(l, bindFailed ? u"bind"_s : u"connect"_s);
        if (s) {
            Phrases::fail(*s, err);
            if (e.reason == Reason::Other)
                s->comment = Phrases::oneLine(err.exception + u": "_s + e.message);
        }
        l.open = false;
        refreshCurrent(l);
        return;
    }
    case SessionKind::Udp: {
        SocketLane *lane = ownLane();
        if (!lane) {
            SocketLane &l = newOwnLane();
            l.local = e.local;
            setStep(l, u"socket"_s, State::Done);
            if (Step *b = findStep(l, u"bind"_s))
                Phrases::failBind(*b, u"sock"_s, e.local, err);
            l.open = false;
            refreshCurrent(l);
            return;
        }
        Step s;
        if (e.reason == Reason::Refused || e.reason == Reason::Unreachable) {
            // The ICMP answer to an earlier sendto() shows up on the next call.
            s = Phrases::step(u"recvfrom"_s, State::Failed, u"data, addr = sock.recvfrom(65535)"_s,
                         u"n = recvfrom(sock, buf, 65535, 0, (struct sockaddr *)&peer, &peerlen);"_s);
            Phrases::fail(s, err);
            if (!e.peer.isNull())
                s.comment += tr(" (ICMP from %1)").arg(pythonAddress(e.peer));
        } else {
            s = Phrases::step(u"sendto"_s, State::Failed,
                         e.peer.isNull() ? u"sock.sendto(data, (host, port))"_s
                                         : u"sock.sendto(data, %1)"_s.arg(pythonAddress(e.peer)),
                         u"sendto(sock, buf, n, 0, (struct sockaddr *)&addr, addrlen);"_s);
            Phrases::fail(s, err);
        }
        addDataStep(*lane, s);
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
        if (Step *s = findStep(*lane, u"connect"_s)) {
            s->state = State::Failed;
            s->comment = tr("cancelled before it completed");
            s->cComment = s->comment;
        }
        lane->open = false;
        refreshCurrent(*lane);
        return;
    }
    TrafficEvent closed = e;
    closed.reason = Reason::LocalClose;
    closeLane(*lane, closed);
    if (m_kind == SessionKind::TcpServer) {
        if (Step *c = findStep(*lane, u"close"_s)) {
            c->comment = tr("stops new clients; open connections are closed one by one");
            c->cComment = c->comment;
        }
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

QString SocketNarrator::script(Language language) const
{
    const ScriptPlan plan = ScriptPlan::from(*this);
    return language == Language::Python ? PythonScriptWriter::write(plan) : CScriptWriter::write(plan);
}
