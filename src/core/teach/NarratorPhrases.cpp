#include "core/teach/NarratorPhrases.h"

#include "core/framing/Framer.h"
#include "core/text/Escape.h"

#include <algorithm>

using namespace Qt::StringLiterals;

using Call = NarratorPhrases::Call;
using Step = NarratorPhrases::Step;
using State = NarratorPhrases::State;
using Reason = TrafficEvent::Reason;

QString NarratorPhrases::callName(Call call)
{
    switch (call) {
    case Call::Socket: return u"socket"_s;
    case Call::SetSockOpt: return u"setsockopt"_s;
    case Call::Bind: return u"bind"_s;
    case Call::Listen: return u"listen"_s;
    case Call::Accept: return u"accept"_s;
    case Call::Connect: return u"connect"_s;
    case Call::Send: return u"send"_s;
    case Call::Recv: return u"recv"_s;
    case Call::SendTo: return u"sendto"_s;
    case Call::RecvFrom: return u"recvfrom"_s;
    case Call::Shutdown: return u"shutdown"_s;
    case Call::Close: return u"close"_s;
    }
    return {};
}

QString NarratorPhrases::line(const Step &s, Language language)
{
    if (language == Language::Python)
        return s.comment.isEmpty() ? s.python : s.python + u"  # "_s + s.comment;
    return s.cComment.isEmpty() ? s.c : s.c + u"  /* "_s + s.cComment + u" */"_s;
}

QString NarratorPhrases::variable(Role role)
{
    switch (role) {
    case Role::Listening: return u"server"_s;
    case Role::Accepted: return u"conn"_s;
    case Role::Client: return u"client"_s;
    case Role::Udp: return u"sock"_s;
    }
    return {};
}

NarratorPhrases::OsError NarratorPhrases::osError(Reason reason, const QString &message)
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
QString NarratorPhrases::oneLine(QString s)
{
    for (QChar &ch : s) {
        if (ch.unicode() < 0x20 || ch == QChar(0x2028) || ch == QChar(0x2029))
            ch = u' ';
    }
    return s;
}

// C comments end at "*/": keep a peer's bytes from closing ours.
QString NarratorPhrases::cSafe(QString s)
{
    return oneLine(s).replace(u"*/"_s, u"* /"_s);
}

Step NarratorPhrases::step(Call call, State state, const QString &python, const QString &c,
                           const QString &comment, const QString &cComment)
{
    Step s;
    s.call = call;
    s.state = state;
    s.python = python;
    s.c = c;
    s.comment = oneLine(comment);
    s.cComment = cSafe(cComment.isNull() ? comment : cComment);
    return s;
}

void NarratorPhrases::fail(Step &s, const OsError &err)
{
    s.state = State::Failed;
    s.exception = err.exception;
    s.comment = oneLine(err.exception + u": "_s + err.text);
    s.cComment = cSafe(u"-1, errno = "_s + err.errnoName);
    if (err.errnoName == u"EAI_NONAME"_s)
        s.cComment = u"getaddrinfo() fails with EAI_NONAME"_s;
}

Step NarratorPhrases::failedRecv(const QString &v, const OsError &err)
{
    Step s = step(Call::Recv, State::Failed, u"%1.recv(1024)"_s.arg(v), u"n = recv(%1, buf, 1024, 0);"_s.arg(v));
    fail(s, err);
    return s;
}

Step NarratorPhrases::failedRecvFrom(const OsError &err, const Endpoint &icmpFrom)
{
    Step s = step(Call::RecvFrom, State::Failed, u"data, addr = sock.recvfrom(65535)"_s,
                  u"n = recvfrom(sock, buf, 65535, 0, (struct sockaddr *)&peer, &peerlen);"_s);
    fail(s, err);
    if (!icmpFrom.isNull())
        s.comment += SocketNarrator::tr(" (ICMP from %1)").arg(pythonAddress(icmpFrom));
    return s;
}

Step NarratorPhrases::failedSendTo(const OsError &err, const Endpoint &peer)
{
    Step s = step(Call::SendTo, State::Failed,
                  peer.isNull() ? u"sock.sendto(data, (host, port))"_s : u"sock.sendto(data, %1)"_s.arg(pythonAddress(peer)),
                  u"sendto(sock, buf, n, 0, (struct sockaddr *)&addr, addrlen);"_s);
    fail(s, err);
    return s;
}

Step NarratorPhrases::shutdownStep()
{
    return step(Call::Shutdown, State::Done, u"client.shutdown(socket.SHUT_WR)"_s, u"shutdown(client, SHUT_WR);"_s,
                SocketNarrator::tr("FIN sent; still reading"));
}

Step NarratorPhrases::peerFinished(const QString &v)
{
    return step(Call::Recv, State::Done, u"%1.recv(1024) == b''"_s.arg(v), u"n = recv(%1, buf, 1024, 0);"_s.arg(v),
                SocketNarrator::tr("peer finished sending (FIN); we can still send"),
                SocketNarrator::tr("returns 0: peer finished sending (FIN); we can still send"));
}

void NarratorPhrases::failBind(Step &bind, const QString &v, const Endpoint &local, const OsError &err)
{
    bind.python = u"%1.bind(%2)"_s.arg(v, pythonAddress(local));
    bind.c = u"bind(%1, (struct sockaddr *)&addr, %2);"_s.arg(v, cAddress(local));
    fail(bind, err);
}

QString NarratorPhrases::family(const Endpoint &e)
{
    return e.isIPv6() ? u"AF_INET6"_s : u"AF_INET"_s;
}

int NarratorPhrases::bufferSize(qsizetype size)
{
    int n = 1024;
    while (n < size && n < 65536)
        n *= 2;
    return n;
}

QString NarratorPhrases::cAddress(const Endpoint &e)
{
    return u"make_addr(&addr, \"%1\", %2)"_s.arg(e.addressString(), QString::number(e.port));
}

QString NarratorPhrases::sizeNote(qsizetype size)
{
    return size > kPreviewBytes ? u" (%1 bytes)"_s.arg(size) : QString();
}

QString NarratorPhrases::pythonAddress(const Endpoint &e)
{
    return u"('%1', %2)"_s.arg(e.addressString(), QString::number(e.port));
}

QString NarratorPhrases::pythonTarget(const QString &host, quint16 port)
{
    QHostAddress address;
    if (address.setAddress(host))
        return pythonAddress(Endpoint{address, port});
    // A str literal: the bytes literal without its b.
    return u"(%1, %2)"_s.arg(Escape::bytes(host.toUtf8(), Escape::ByteStyle::PythonBytes).mid(1), QString::number(port));
}

QString NarratorPhrases::preview(const QByteArray &bytes)
{
    QString s = Escape::bytes(QByteArrayView(bytes).first(qMin(bytes.size(), kPreviewBytes)), Escape::ByteStyle::PythonBytes);
    if (bytes.size() > kPreviewBytes)
        s += u'…';
    return s;
}

QList<Step> NarratorPhrases::listeningSteps(bool reuseAddress)
{
    QList<Step> steps{
        step(Call::Socket, State::NotYet, u"server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)"_s,
             u"int server = socket(AF_INET, SOCK_STREAM, 0);"_s),
        step(Call::Bind, State::NotYet, u"server.bind((host, port))"_s, u"bind(server, (struct sockaddr *)&addr, addrlen);"_s),
        step(Call::Listen, State::NotYet, u"server.listen(backlog)"_s, u"listen(server, backlog);"_s),
        step(Call::Accept, State::NotYet, u"conn, addr = server.accept()"_s,
             u"int conn = accept(server, (struct sockaddr *)&peer, &peerlen);"_s,
             SocketNarrator::tr("blocks until a client connects; returns a new socket")),
        step(Call::Close, State::NotYet, u"server.close()"_s, u"close(server);"_s),
    };
    // Only the calls the server makes: without SO_REUSEADDR there is none.
    if (reuseAddress)
        steps.insert(1, step(Call::SetSockOpt, State::NotYet, u"server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)"_s,
                             u"setsockopt(server, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);"_s,
                             SocketNarrator::tr("a restart can bind while old connections sit in TIME_WAIT")));
    return steps;
}

Step NarratorPhrases::noDelayStep(const QString &v, bool on, State state)
{
    const QString flag = on ? u"one"_s : u"zero"_s;
    return step(Call::SetSockOpt, state, u"%1.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, %2)"_s.arg(v).arg(on ? 1 : 0),
                u"setsockopt(%1, IPPROTO_TCP, TCP_NODELAY, &%2, sizeof %2);"_s.arg(v, flag),
                on ? SocketNarrator::tr("Nagle off: each small send goes out at once")
                   : SocketNarrator::tr("Nagle on again: small sends wait and leave together"));
}

QList<Step> NarratorPhrases::udpSteps()
{
    return {
        step(Call::Socket, State::NotYet, u"sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)"_s,
             u"int sock = socket(AF_INET, SOCK_DGRAM, 0);"_s),
        step(Call::Bind, State::NotYet, u"sock.bind((host, port))"_s, u"bind(sock, (struct sockaddr *)&addr, addrlen);"_s),
        step(Call::Close, State::NotYet, u"sock.close()"_s, u"close(sock);"_s),
    };
}

QList<Step> NarratorPhrases::clientSteps(const QString &host, quint16 port, const Endpoint &bind, bool noDelay)
{
    // A name is looked up only when connecting; its C shows a numeric
    // address, loopback until then.
    QHostAddress address;
    if (!address.setAddress(host))
        address = QHostAddress(QHostAddress::LocalHost);
    const Endpoint target{address, port};
    QList<Step> steps{step(Call::Socket, State::Done, u"client = socket.socket(socket.%1, socket.SOCK_STREAM)"_s.arg(family(target)),
                           u"int client = socket(%1, SOCK_STREAM, 0);"_s.arg(family(target)))};
    if (!bind.isNull()) {
        steps << step(Call::Bind, State::Done, u"client.bind(%1)"_s.arg(pythonAddress(bind)),
                      u"bind(client, (struct sockaddr *)&addr, %1);"_s.arg(cAddress(bind)),
                      SocketNarrator::tr("optional for a client"));
    }
    steps << step(Call::Connect, State::NotYet, u"client.connect(%1)"_s.arg(pythonTarget(host, port)),
                  u"connect(client, (struct sockaddr *)&addr, %1);"_s.arg(cAddress(target)));
    if (noDelay)
        steps << noDelayStep(u"client"_s, true, State::NotYet);   // set once connected, as the tab does
    steps << step(Call::Close, State::NotYet, u"client.close()"_s, u"close(client);"_s);
    return steps;
}

QList<Step> NarratorPhrases::acceptedSteps(const Endpoint &peer, bool noDelay)
{
    QList<Step> steps{step(Call::Accept, State::Done, u"conn, addr = server.accept()"_s,
                           u"int conn = accept(server, (struct sockaddr *)&peer, &peerlen);"_s,
                           u"addr = %1"_s.arg(pythonAddress(peer)), u"peer = %1"_s.arg(peer.toString()))};
    if (noDelay)
        steps << noDelayStep(u"conn"_s, true, State::Done);
    steps << step(Call::Close, State::NotYet, u"conn.close()"_s, u"close(conn);"_s);
    return steps;
}

void NarratorPhrases::phraseBound(QList<Step> &steps, SessionKind kind, const Endpoint &local, int backlog)
{
    const QString fam = family(local);
    if (kind == SessionKind::TcpServer) {
        for (Step &s : steps) {
            if (s.call == Call::Socket) {
                s.python = u"server = socket.socket(socket.%1, socket.SOCK_STREAM)"_s.arg(fam);
                s.c = u"int server = socket(%1, SOCK_STREAM, 0);"_s.arg(fam);
            } else if (s.call == Call::Bind) {
                s.python = u"server.bind(%1)"_s.arg(pythonAddress(local));
                s.c = u"bind(server, (struct sockaddr *)&addr, %1);"_s.arg(cAddress(local));
                if (local.address.isLoopback())
                    s.comment = SocketNarrator::tr("loopback: only this computer can connect");
                else if (local.address == QHostAddress(QHostAddress::AnyIPv4)
                         || local.address == QHostAddress(QHostAddress::AnyIPv6)
                         || local.address == QHostAddress(QHostAddress::Any))
                    s.comment = SocketNarrator::tr("all interfaces: reachable from the network");
                s.cComment = cSafe(s.comment);
            } else if (s.call == Call::Listen) {
                s.python = u"server.listen(%1)"_s.arg(backlog);
                s.c = u"listen(server, %1);"_s.arg(backlog);
                s.comment = SocketNarrator::tr("backlog: connections the kernel queues for accept()");
                s.cComment = s.comment;
            }
            if (s.call != Call::Close)
                s.state = State::Done;  // accept() too: the program now waits in it
        }
    } else if (kind == SessionKind::Udp) {
        for (Step &s : steps) {
            if (s.call == Call::Socket) {
                s.python = u"sock = socket.socket(socket.%1, socket.SOCK_DGRAM)"_s.arg(fam);
                s.c = u"int sock = socket(%1, SOCK_DGRAM, 0);"_s.arg(fam);
                s.state = State::Done;
            } else if (s.call == Call::Bind) {
                s.python = u"sock.bind(%1)"_s.arg(pythonAddress(local));
                s.c = u"bind(sock, (struct sockaddr *)&addr, %1);"_s.arg(cAddress(local));
                s.comment = SocketNarrator::tr("no listen(), no accept(): datagrams just arrive");
                s.cComment = s.comment;
                s.state = State::Done;
            }
        }
    }
}

void NarratorPhrases::phraseAccepted(Step &accept, qsizetype count)
{
    accept.comment = SocketNarrator::tr("accepted %1 so far").arg(count);
    accept.cComment = accept.comment;
}

void NarratorPhrases::phraseConnected(QList<Step> &steps, const QString &host, const Endpoint &local,
                                      const Endpoint &peer)
{
    QHostAddress typed;
    const bool isName = !typed.setAddress(host);
    const bool bound = std::any_of(steps.cbegin(), steps.cend(), [](const Step &s) { return s.call == Call::Bind; });
    for (Step &s : steps) {
        if (s.call == Call::Socket) {
            s.python = u"client = socket.socket(socket.%1, socket.SOCK_STREAM)"_s.arg(family(peer));
            s.c = u"int client = socket(%1, SOCK_STREAM, 0);"_s.arg(family(peer));
        } else if (s.call == Call::Connect) {
            // A name in the script, as the user typed it; the address it gave in the comment.
            s.python = u"client.connect(%1)"_s.arg(isName ? pythonTarget(host, peer.port) : pythonAddress(peer));
            s.c = u"connect(client, (struct sockaddr *)&addr, %1);"_s.arg(cAddress(peer));
            // The same words for both, each with its language's address: a
            // tuple in Python, 127.0.0.1:8000 in C.
            const auto from = [&](const QString &at) {
                QString text = bound ? SocketNarrator::tr("from %1").arg(at)
                                     : SocketNarrator::tr("from %1 — no bind() needed, the OS chose the port").arg(at);
                return isName ? SocketNarrator::tr("%1 is %2; ").arg(host, peer.addressString()) + text : text;
            };
            s.comment = from(pythonAddress(local));
            s.cComment = cSafe(from(local.toString()));
            s.state = State::Done;
        } else if (s.call == Call::SetSockOpt) {
            s.state = State::Done;   // TCP_NODELAY, set on connecting
        }
    }
}

void NarratorPhrases::phraseCancelled(Step &connect)
{
    connect.state = State::Failed;
    connect.comment = SocketNarrator::tr("cancelled before it completed");
    connect.cComment = connect.comment;
}

bool NarratorPhrases::readsMessages(const FramingSpec &framing)
{
    return framing.kind == FramingSpec::Kind::LengthPrefix || framing.kind == FramingSpec::Kind::FixedSize;
}

namespace {

QString cPreview(const QByteArray &bytes)
{
    const qsizetype shown = qMin(bytes.size(), NarratorPhrases::kPreviewBytes);
    return Escape::bytes(QByteArrayView(bytes).first(shown), Escape::ByteStyle::CString)
         + (bytes.size() > shown ? u"…"_s : QString());
}

// The sent bytes as whole length-prefixed messages (a few at most), or none.
QList<QByteArray> messagesIn(const QByteArray &bytes, const FramingSpec &framing)
{
    // Cut only what a line can show anyway.
    if (framing.kind != FramingSpec::Kind::LengthPrefix || bytes.size() > 4 * SocketNarrator::kMaxScriptPayload)
        return {};
    Framer framer(framing);
    const Framer::Output out = framer.feed(bytes);
    if (!out.ok() || framer.pendingBytes() != 0 || out.frames.isEmpty() || out.frames.size() > 4)
        return {};
    return out.frames;
}

} // namespace

Step NarratorPhrases::dataStep(SessionKind kind, const QString &v, const TrafficEvent &e, const FramingSpec &framing)
{
    const bool in = e.direction == TrafficEvent::Direction::In;
    const QString pv = preview(e.payload) + sizeNote(e.payload.size());
    const QString cpv = cPreview(e.payload);
    Step s;
    s.state = State::Done;
    s.size = e.payload.size();
    s.peer = e.peer;
    if (!in)
        s.sent = e.payload.left(SocketNarrator::kMaxScriptPayload);

    if (kind == SessionKind::Udp) {
        if (in) {
            s.call = Call::RecvFrom;
            s.python = u"data, addr = sock.recvfrom(65535)"_s;
            s.c = u"n = recvfrom(sock, buf, 65535, 0, (struct sockaddr *)&peer, &peerlen);"_s;
            s.comment = SocketNarrator::tr("%1 from %2").arg(pv, pythonAddress(e.peer));
            s.cComment = cSafe(SocketNarrator::tr("n = %1 from %2: %3").arg(e.payload.size()).arg(e.peer.toString(), cpv));
        } else {
            s.call = Call::SendTo;
            s.python = u"sock.sendto(%1, %2)"_s.arg(preview(e.payload), pythonAddress(e.peer));
            s.c = u"sendto(sock, %1, %2, 0, (struct sockaddr *)&addr, %3);"_s
                      .arg(cpv, QString::number(e.payload.size()), cAddress(e.peer));
            s.comment = oneLine(sizeNote(e.payload.size()).trimmed());
        }
        return s;
    }

    if (in) {
        const int buf = bufferSize(e.payload.size());
        s.call = Call::Recv;
        s.python = u"data = %1.recv(%2)"_s.arg(v).arg(buf);
        s.c = u"n = recv(%1, buf, %2, 0);"_s.arg(v).arg(buf);
        s.comment = pv;
        s.cComment = cSafe(u"n = %1: %2"_s.arg(e.payload.size()).arg(cpv));
        return s;
    }
    s.call = Call::Send;
    s.python = u"%1.sendall(%2)"_s.arg(v, preview(e.payload));
    s.c = u"send(%1, %2, %3, 0);"_s.arg(v, cpv, QString::number(e.payload.size()));
    s.comment = oneLine(sizeNote(e.payload.size()).trimmed());
    s.cComment = s.comment;
    const QList<QByteArray> messages = messagesIn(e.payload, framing);
    if (!messages.isEmpty()) {
        // What a program that frames its messages writes: the length, then the bytes.
        QStringList terms;
        const qsizetype extra = framing.lengthIncludesHeader ? framing.lengthWidth : 0;
        for (const QByteArray &m : messages)
            terms << u"struct.pack('%1', %2) + %3"_s.arg(framing.structFormat()).arg(m.size() + extra).arg(preview(m));
        s.python = u"%1.sendall(%2)"_s.arg(v, terms.join(u" + "_s));
        s.cComment = SocketNarrator::tr("each message after its %1-byte length").arg(framing.lengthWidth);
    }
    return s;
}

Step NarratorPhrases::messageStep(const QString &v, const QByteArray &message, const FramingSpec &framing)
{
    Step s;
    s.call = Call::Recv;
    s.state = State::Done;
    s.size = message.size();
    const QString pv = preview(message) + sizeNote(message.size());
    const QString cpv = cPreview(message);
    if (framing.kind == FramingSpec::Kind::FixedSize) {
        s.python = u"data = recv_exactly(%1, %2)"_s.arg(v).arg(framing.fixedSize);
        s.c = u"recv_exactly(%1, buf, %2);"_s.arg(v).arg(framing.fixedSize);
        s.comment = pv;
        s.cComment = cSafe(cpv);
        return s;
    }
    const int w = framing.lengthWidth;
    const QString n = framing.lengthIncludesHeader ? u"n - %1"_s.arg(w) : u"n"_s;
    s.python = u"(n,) = struct.unpack('%1', recv_exactly(%2, %3)); data = recv_exactly(%2, %4)"_s
                   .arg(framing.structFormat(), v).arg(w).arg(n);
    s.c = u"recv_exactly(%1, header, %2); n = get_length(header); recv_exactly(%1, buf, %3);"_s.arg(v).arg(w).arg(n);
    const qsizetype announced = message.size() + (framing.lengthIncludesHeader ? w : 0);
    s.comment = oneLine(u"n = %1: %2"_s.arg(announced).arg(pv));
    s.cComment = cSafe(u"n = %1: %2"_s.arg(announced).arg(cpv));
    return s;
}

QString NarratorPhrases::dataCallsLabel(const QList<Call> &calls, bool udp)
{
    if (calls.isEmpty())
        return udp ? u"recvfrom/sendto"_s : u"recv/send"_s;
    QStringList names;
    for (const Call call : {Call::Recv, Call::RecvFrom, Call::Send, Call::SendTo}) {
        if (calls.contains(call))
            names << callName(call);
    }
    return names.join(u'/');
}

void NarratorPhrases::phraseClose(Step &close, const QString &v, const TrafficEvent &e)
{
    close.state = State::Done;
    close.python = u"%1.close()"_s.arg(v);
    close.c = u"close(%1);"_s.arg(v);
    switch (e.reason) {
    case Reason::PeerClosed:
        close.python = u"%1.recv(1024) == b''"_s.arg(v);
        close.c = u"n = recv(%1, buf, 1024, 0);"_s.arg(v);
        close.comment = SocketNarrator::tr("peer closed");
        close.cComment = SocketNarrator::tr("returns 0: peer closed");
        break;
    case Reason::PeerReset:
        close.python = u"%1.recv(1024)"_s.arg(v);
        close.c = u"n = recv(%1, buf, 1024, 0);"_s.arg(v);
        fail(close, osError(e.reason, e.message));
        close.comment = SocketNarrator::tr("raises %1").arg(close.comment);
        break;
    case Reason::SessionStopped:
        close.comment = SocketNarrator::tr("the server stopped");
        close.cComment = close.comment;
        break;
    case Reason::LimitReached:
        close.comment = oneLine(SocketNarrator::tr("closed at once: the client limit is reached"));
        close.cComment = cSafe(close.comment);
        break;
    case Reason::LocalClose:
        break;
    case Reason::LocalReset:
        close.python = u"%1.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack('ii', 1, 0)); %1.close()"_s.arg(v);
        close.c = u"setsockopt(%1, SOL_SOCKET, SO_LINGER, &(struct linger){1, 0}, sizeof(struct linger)); close(%1);"_s.arg(v);
        close.comment = SocketNarrator::tr("RST sent: the peer sees ConnectionResetError");
        close.cComment = close.comment;
        break;
    default:
        close.comment = oneLine(e.message);
        close.cComment = cSafe(e.message);
        break;
    }
}

void NarratorPhrases::phraseServerStopped(Step &close)
{
    close.comment = SocketNarrator::tr("stops new clients; open connections are closed one by one");
    close.cComment = close.comment;
}
