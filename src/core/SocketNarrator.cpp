#include "SocketNarrator.h"

#include "CScriptWriter.h"
#include "PythonScriptWriter.h"
#include "ScriptPlan.h"
#include "Session.h"
#include "TcpClientSession.h"
#include "TcpServerSession.h"
#include "TextCodec.h"
#include "TrafficLog.h"
#include "UdpSession.h"


#include <cctype>

using namespace Qt::StringLiterals;

using Step = SocketNarrator::Step;
using State = SocketNarrator::Step::State;
using Reason = TrafficEvent::Reason;

namespace {

struct OsError
{
    QString exception;  // Python class
    QString text;       // what Python prints after the class
    QString errnoName;  // C
};

OsError osErrorFor(Reason reason, const QString &message)
{
    switch (reason) {
    case Reason::Refused: return {u"ConnectionRefusedError"_s, u"[Errno 111] Connection refused"_s, u"ECONNREFUSED"_s};
    case Reason::TimedOut: return {u"TimeoutError"_s, u"timed out"_s, u"ETIMEDOUT"_s};
    case Reason::HostNotFound: return {u"socket.gaierror"_s, u"[Errno -2] Name or service not known"_s, u"EAI_NONAME"_s};
    case Reason::AddressInUse: return {u"OSError"_s, u"[Errno 98] Address already in use"_s, u"EADDRINUSE"_s};
    case Reason::PermissionDenied: return {u"PermissionError"_s, u"[Errno 13] Permission denied"_s, u"EACCES"_s};
    case Reason::Unreachable: return {u"OSError"_s, u"[Errno 113] No route to host"_s, u"EHOSTUNREACH"_s};
    case Reason::PeerReset: return {u"ConnectionResetError"_s, u"[Errno 104] Connection reset by peer"_s, u"ECONNRESET"_s};
    case Reason::TooLarge: return {u"OSError"_s, u"[Errno 90] Message too long"_s, u"EMSGSIZE"_s};
    default: return {u"OSError"_s, message, u"errno"_s};
    }
}

// One line, whatever a peer or a message put in it: a newline would end a
// comment and turn the rest into code.
QString oneLine(QString s)
{
    for (QChar &ch : s) {
        if (ch.unicode() < 0x20 || ch == QChar(0x2028) || ch == QChar(0x2029))
            ch = u' ';
    }
    return s;
}

// C comments end at "*/": keep a peer's bytes from closing ours.
QString cSafe(QString s)
{
    return oneLine(s).replace(u"*/"_s, u"* /"_s);
}

Step makeStep(const QString &name, State state, const QString &python, const QString &c,
              const QString &comment = {}, const QString &cComment = {})
{
    Step s;
    s.name = name;
    s.state = state;
    s.python = python;
    s.c = c;
    s.comment = oneLine(comment);
    s.cComment = cSafe(cComment.isNull() ? comment : cComment);
    return s;
}

void fail(Step &s, const OsError &err)
{
    s.state = State::Failed;
    s.exception = err.exception;
    s.comment = oneLine(err.exception + u": "_s + err.text);
    s.cComment = cSafe(u"-1, errno = "_s + err.errnoName);
    if (err.errnoName == u"EAI_NONAME"_s)
        s.cComment = u"getaddrinfo() fails with EAI_NONAME"_s;
}

QString family(const Endpoint &e)
{
    return e.isIPv6() ? u"AF_INET6"_s : u"AF_INET"_s;
}

int bufferSize(qsizetype size)
{
    int n = 1024;
    while (n < size && n < 65536)
        n *= 2;
    return n;
}

QString cAddress(const Endpoint &e)
{
    return u"make_addr(&addr, \"%1\", %2)"_s.arg(e.addressString(), QString::number(e.port));
}

QString sizeNote(qsizetype size)
{
    return size > SocketNarrator::kPreviewBytes ? u" (%1 bytes)"_s.arg(size) : QString();
}

} // namespace

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
    return u"('%1', %2)"_s.arg(e.addressString(), QString::number(e.port));
}

QString SocketNarrator::preview(const QByteArray &bytes)
{
    QString s = TextCodec::toPythonLiteral(QByteArrayView(bytes).first(qMin(bytes.size(), kPreviewBytes)));
    if (bytes.size() > kPreviewBytes)
        s += u'…';
    return s;
}

QString SocketNarrator::cStringLiteral(QByteArrayView bytes)
{
    QString out = u"\""_s;
    bool afterHex = false;
    for (char ch : bytes) {
        const uchar c = uchar(ch);
        const bool hexDigit = std::isxdigit(c);
        if (afterHex && hexDigit)
            out += u"\" \""_s;  // "\x01" "a": a hex escape would swallow the a
        afterHex = false;
        switch (c) {
        case '\r': out += u"\\r"_s; break;
        case '\n': out += u"\\n"_s; break;
        case '\t': out += u"\\t"_s; break;
        case '\\': out += u"\\\\"_s; break;
        case '"': out += u"\\\""_s; break;
        case '?': out += u"\\?"_s; break;  // no trigraphs
        default:
            if (c >= 0x20 && c < 0x7f) {
                out += QLatin1Char(ch);
            } else {
                out += u"\\x"_s + QString::number(uint(c), 16).rightJustified(2, u'0');
                afterHex = true;
            }
        }
    }
    out += u'"';
    return out;
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
    case TrafficEvent::Kind::Frame: return;  // a view of bytes already narrated
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
    case SessionKind::TcpServer: {
        lane.role = SocketLane::Role::Listening;
        lane.variable = u"server"_s;
        lane.steps = {
            makeStep(u"socket"_s, State::NotYet, u"server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)"_s,
                     u"int server = socket(AF_INET, SOCK_STREAM, 0);"_s),
            makeStep(u"setsockopt"_s, State::NotYet, u"server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)"_s,
                     u"setsockopt(server, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);"_s,
                     tr("a restart can bind while old connections sit in TIME_WAIT")),
            makeStep(u"bind"_s, State::NotYet, u"server.bind((host, port))"_s,
                     u"bind(server, (struct sockaddr *)&addr, addrlen);"_s),
            makeStep(u"listen"_s, State::NotYet, u"server.listen(backlog)"_s, u"listen(server, backlog);"_s),
            makeStep(u"accept"_s, State::NotYet, u"conn, addr = server.accept()"_s,
                     u"int conn = accept(server, (struct sockaddr *)&peer, &peerlen);"_s,
                     tr("blocks until a client connects; returns a new socket")),
            makeStep(u"close"_s, State::NotYet, u"server.close()"_s, u"close(server);"_s),
        };
        break;
    }
    case SessionKind::TcpClient: {
        lane.role = SocketLane::Role::Client;
        lane.variable = u"client"_s;
        bool isName = false;
        QString host;
        const Endpoint target = clientTarget(&isName, &host);
        lane.steps.append(makeStep(u"socket"_s, State::Done,
                                   u"client = socket.socket(socket.%1, socket.SOCK_STREAM)"_s.arg(family(target)),
                                   u"int client = socket(%1, SOCK_STREAM, 0);"_s.arg(family(target))));
        const auto *c = qobject_cast<const TcpClientSession *>(m_session.data());
        if (c && (!c->localBindAddress().isNull() || c->localBindPort() != 0)) {
            const Endpoint b{c->localBindAddress().isNull() ? QHostAddress(QHostAddress::AnyIPv4) : c->localBindAddress(),
                             c->localBindPort()};
            lane.local = b;
            lane.steps.append(makeStep(u"bind"_s, State::Done, u"client.bind(%1)"_s.arg(pythonAddress(b)),
                                       u"bind(client, (struct sockaddr *)&addr, %1);"_s.arg(cAddress(b)),
                                       tr("optional for a client")));
        }
        lane.steps.append(makeStep(u"connect"_s, State::NotYet, u"client.connect(%1)"_s.arg(clientTargetPython()),
                                   u"connect(client, (struct sockaddr *)&addr, %1);"_s.arg(cAddress(target))));
        lane.steps.append(makeStep(u"close"_s, State::NotYet, u"client.close()"_s, u"close(client);"_s));
        break;
    }
    case SessionKind::Udp:
        lane.role = SocketLane::Role::Udp;
        lane.variable = u"sock"_s;
        lane.steps = {
            makeStep(u"socket"_s, State::NotYet, u"sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)"_s,
                     u"int sock = socket(AF_INET, SOCK_DGRAM, 0);"_s),
            makeStep(u"bind"_s, State::NotYet, u"sock.bind((host, port))"_s,
                     u"bind(sock, (struct sockaddr *)&addr, addrlen);"_s),
            makeStep(u"close"_s, State::NotYet, u"sock.close()"_s, u"close(sock);"_s),
        };
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
    Step accept = makeStep(u"accept"_s, State::Done, u"conn, addr = server.accept()"_s,
                           u"int conn = accept(server, (struct sockaddr *)&peer, &peerlen);"_s,
                           u"addr = %1"_s.arg(pythonAddress(e.peer)), u"peer = %1"_s.arg(e.peer.toString()));
    lane.steps = {accept, makeStep(u"close"_s, State::NotYet, u"conn.close()"_s, u"close(conn);"_s)};
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
    const QString fam = family(e.local);
    if (m_kind == SessionKind::TcpServer) {
        // From the session, never from the message: the message is translated.
        int backlog = TcpServerSession::kDefaultBacklog;
        if (const auto *s = qobject_cast<const TcpServerSession *>(m_session.data()))
            backlog = s->backlog();
        for (Step &s : l.steps) {
            if (s.name == u"socket"_s) {
                s.python = u"server = socket.socket(socket.%1, socket.SOCK_STREAM)"_s.arg(fam);
                s.c = u"int server = socket(%1, SOCK_STREAM, 0);"_s.arg(fam);
            } else if (s.name == u"bind"_s) {
                s.python = u"server.bind(%1)"_s.arg(pythonAddress(e.local));
                s.c = u"bind(server, (struct sockaddr *)&addr, %1);"_s.arg(cAddress(e.local));
                if (e.local.address.isLoopback())
                    s.comment = tr("loopback: only this computer can connect");
                else if (e.local.address == QHostAddress(QHostAddress::AnyIPv4)
                         || e.local.address == QHostAddress(QHostAddress::AnyIPv6)
                         || e.local.address == QHostAddress(QHostAddress::Any))
                    s.comment = tr("all interfaces: reachable from the network");
                s.cComment = cSafe(s.comment);
            } else if (s.name == u"listen"_s) {
                s.python = u"server.listen(%1)"_s.arg(backlog);
                s.c = u"listen(server, %1);"_s.arg(backlog);
                s.comment = tr("backlog: connections the kernel queues for accept()");
                s.cComment = s.comment;
            }
            if (s.name != u"close"_s)
                s.state = State::Done;  // accept() too: the program now waits in it
        }
    } else if (m_kind == SessionKind::Udp) {
        for (Step &s : l.steps) {
            if (s.name == u"socket"_s) {
                s.python = u"sock = socket.socket(socket.%1, socket.SOCK_DGRAM)"_s.arg(fam);
                s.c = u"int sock = socket(%1, SOCK_DGRAM, 0);"_s.arg(fam);
                s.state = State::Done;
            } else if (s.name == u"bind"_s) {
                s.python = u"sock.bind(%1)"_s.arg(pythonAddress(e.local));
                s.c = u"bind(sock, (struct sockaddr *)&addr, %1);"_s.arg(cAddress(e.local));
                s.comment = tr("no listen(), no accept(): datagrams just arrive");
                s.cComment = s.comment;
                s.state = State::Done;
            }
        }
    }
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
        s->python = u"client = socket.socket(socket.%1, socket.SOCK_STREAM)"_s.arg(family(e.peer));
        s->c = u"int client = socket(%1, SOCK_STREAM, 0);"_s.arg(family(e.peer));
    }
    if (Step *s = findStep(l, u"connect"_s)) {
        bool isName = false;
        QString host;
        clientTarget(&isName, &host);
        // A name in the script, as the user typed it; the address it gave in the comment.
        s->python = u"client.connect(%1)"_s.arg(isName ? clientTargetPython() : pythonAddress(e.peer));
        s->c = u"connect(client, (struct sockaddr *)&addr, %1);"_s.arg(cAddress(e.peer));
        s->comment = tr("from %1 — no bind() needed, the OS chose the port").arg(pythonAddress(e.local));
        if (findStep(l, u"bind"_s))
            s->comment = tr("from %1").arg(pythonAddress(e.local));
        if (isName)
            s->comment = tr("%1 is %2; ").arg(host, e.peer.addressString()) + s->comment;
        s->cComment = cSafe(s->comment);
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
    // Past the cap a call is only counted: a flood's reads cost no text.
    if (lane->dataSteps >= kMaxDataSteps) {
        ++lane->moreDataSteps;
        lane->moreDataBytes += e.payload.size();
        return;
    }

    const QString pv = preview(e.payload) + sizeNote(e.payload.size());
    const QString cpv = cStringLiteral(QByteArrayView(e.payload).first(qMin(e.payload.size(), kPreviewBytes)))
                      + (e.payload.size() > kPreviewBytes ? u"…"_s : QString());
    Step step;
    step.size = e.payload.size();
    step.peer = e.peer;
    if (!in)
        step.sent = e.payload.left(kMaxScriptPayload);

    if (m_kind == SessionKind::Udp) {
        if (in) {
            step.name = u"recvfrom"_s;
            step.python = u"data, addr = sock.recvfrom(65535)"_s;
            step.c = u"n = recvfrom(sock, buf, 65535, 0, (struct sockaddr *)&peer, &peerlen);"_s;
            step.comment = tr("%1 from %2").arg(pv, pythonAddress(e.peer));
            step.cComment = cSafe(tr("n = %1 from %2: %3").arg(e.payload.size()).arg(e.peer.toString(), cpv));
        } else {
            step.name = u"sendto"_s;
            step.python = u"sock.sendto(%1, %2)"_s.arg(preview(e.payload), pythonAddress(e.peer));
            step.c = u"sendto(sock, %1, %2, 0, (struct sockaddr *)&addr, %3);"_s
                         .arg(cpv, QString::number(e.payload.size()), cAddress(e.peer));
            step.comment = oneLine(sizeNote(e.payload.size()).trimmed());
        }
        step.state = State::Done;
        addDataStep(*lane, step);
        return;
    }

    const QString v = lane->variable;
    if (in) {
        const int buf = bufferSize(e.payload.size());
        step.name = u"recv"_s;
        step.python = u"data = %1.recv(%2)"_s.arg(v).arg(buf);
        step.c = u"n = recv(%1, buf, %2, 0);"_s.arg(v).arg(buf);
        step.comment = pv;
        step.cComment = cSafe(u"n = %1: %2"_s.arg(e.payload.size()).arg(cpv));
    } else {
        step.name = u"send"_s;
        step.python = u"%1.sendall(%2)"_s.arg(v, preview(e.payload));
        step.c = u"send(%1, %2, %3, 0);"_s.arg(v, cpv, QString::number(e.payload.size()));
        step.comment = oneLine(sizeNote(e.payload.size()).trimmed());
        step.cComment = step.comment;
    }
    step.state = State::Done;
    addDataStep(*lane, step);
}

void SocketNarrator::closeLane(SocketLane &lane, const TrafficEvent &e)
{
    Step *close = findStep(lane, u"close"_s);
    if (!close)
        return;
    const QString v = lane.variable;
    close->reason = e.reason;
    close->state = State::Done;
    close->python = u"%1.close()"_s.arg(v);
    close->c = u"close(%1);"_s.arg(v);
    switch (e.reason) {
    case Reason::PeerClosed:
        close->python = u"%1.recv(1024) == b''"_s.arg(v);
        close->c = u"n = recv(%1, buf, 1024, 0);"_s.arg(v);
        close->comment = tr("peer closed");
        close->cComment = tr("returns 0: peer closed");
        break;
    case Reason::PeerReset:
        close->python = u"%1.recv(1024)"_s.arg(v);
        close->c = u"n = recv(%1, buf, 1024, 0);"_s.arg(v);
        fail(*close, osErrorFor(e.reason, e.message));
        close->comment = tr("raises %1").arg(close->comment);
        break;
    case Reason::SessionStopped:
        close->comment = tr("the server stopped");
        close->cComment = close->comment;
        break;
    case Reason::LocalClose:
        break;
    case Reason::LocalReset:
        {
            close->python = u"%1.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack('ii', 1, 0)); %1.close()"_s.arg(v);
            close->c = u"setsockopt(%1, SOL_SOCKET, SO_LINGER, &(struct linger){1, 0}, sizeof(struct linger)); close(%1);"_s.arg(v);
            close->comment = tr("RST sent: the peer sees ConnectionResetError");
            close->cComment = close->comment;
        }
        break;
    default:
        close->comment = oneLine(e.message);
        close->cComment = cSafe(e.message);
        break;
    }
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
    // shutdown(SHUT_WR): a half close, the socket still reads.
    if (m_kind == SessionKind::TcpClient && e.reason == Reason::HalfClosed && !findStep(*lane, u"shutdown"_s)) {
        Step s = makeStep(u"shutdown"_s, State::Done, u"client.shutdown(socket.SHUT_WR)"_s,
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
    const OsError err = osErrorFor(e.reason, e.message);
    switch (m_kind) {
    case SessionKind::TcpServer: {
        if (e.connectionId != 0) {
            SocketLane *lane = acceptedLane(e.connectionId);
            if (!lane)
                return;
            Step s = makeStep(u"recv"_s, State::Failed, u"conn.recv(1024)"_s, u"n = recv(conn, buf, 1024, 0);"_s);
            fail(s, err);
            addDataStep(*lane, s);
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
        if (Step *b = findStep(l, u"bind"_s)) {
            b->python = u"server.bind(%1)"_s.arg(pythonAddress(e.local));
            b->c = u"bind(server, (struct sockaddr *)&addr, %1);"_s.arg(cAddress(e.local));
            fail(*b, err);
        }
        l.open = false;
        refreshCurrent(l);
        return;
    }
    case SessionKind::TcpClient: {
        SocketLane *lane = ownLane();
        if (lane && !lane->peer.isNull()) {
            Step s = makeStep(u"recv"_s, State::Failed, u"client.recv(1024)"_s, u"n = recv(client, buf, 1024, 0);"_s);
            fail(s, err);
            addDataStep(*lane, s);
            return;
        }
        SocketLane &l = lane ? *lane : newOwnLane();
        const bool bindFailed = (e.reason == Reason::AddressInUse || e.reason == Reason::PermissionDenied)
                             && findStep(l, u"bind"_s);
        Step *s = findStep(l, bindFailed ? u"bind"_s : u"connect"_s);
        if (s) {
            fail(*s, err);
            if (e.reason == Reason::Other)
                s->comment = oneLine(err.exception + u": "_s + e.message);
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
            if (Step *b = findStep(l, u"bind"_s)) {
                b->python = u"sock.bind(%1)"_s.arg(pythonAddress(e.local));
                b->c = u"bind(sock, (struct sockaddr *)&addr, %1);"_s.arg(cAddress(e.local));
                fail(*b, err);
            }
            l.open = false;
            refreshCurrent(l);
            return;
        }
        Step s;
        if (e.reason == Reason::Refused || e.reason == Reason::Unreachable) {
            // The ICMP answer to an earlier sendto() shows up on the next call.
            s = makeStep(u"recvfrom"_s, State::Failed, u"data, addr = sock.recvfrom(65535)"_s,
                         u"n = recvfrom(sock, buf, 65535, 0, (struct sockaddr *)&peer, &peerlen);"_s);
            fail(s, err);
            if (!e.peer.isNull())
                s.comment += tr(" (ICMP from %1)").arg(pythonAddress(e.peer));
        } else {
            s = makeStep(u"sendto"_s, State::Failed,
                         e.peer.isNull() ? u"sock.sendto(data, (host, port))"_s
                                         : u"sock.sendto(data, %1)"_s.arg(pythonAddress(e.peer)),
                         u"sendto(sock, buf, n, 0, (struct sockaddr *)&addr, addrlen);"_s);
            fail(s, err);
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
