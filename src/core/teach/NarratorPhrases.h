#pragma once

#include "core/framing/FramingSpec.h"
#include "core/teach/SocketNarrator.h"

#include <QByteArrayView>
#include <QList>
#include <QString>

// How SocketNarrator words a call: the Python and the C of each step, and
// their comments, from a traffic event and the session's settings. The
// narrator decides which socket a call belongs to and where it stands;
// these say what the call is. Comments from peers or messages are made one
// line (and safe in a C comment) here.
class NarratorPhrases
{
public:
    using Call = SocketNarrator::Call;
    using Language = SocketNarrator::Language;
    using Role = SocketNarrator::SocketLane::Role;
    using Step = SocketNarrator::Step;
    using State = SocketNarrator::Step::State;

    // Bytes of a payload a step shows; past them, "…" and the size.
    static constexpr qsizetype kPreviewBytes = 40;

    // The function's name: "setsockopt", "recvfrom".
    static QString callName(Call call);
    // The call with its comment: "data = conn.recv(1024)  # b'hello'".
    static QString line(const Step &s, Language language);
    // The socket's variable in the program: server, conn, client, sock.
    static QString variable(Role role);

    struct OsError
    {
        QString exception;  // Python class
        QString text;       // what Python prints after the class
        QString errnoName;  // C
    };
    static OsError osError(TrafficEvent::Reason reason, const QString &message);
    // The call raised err (Python) / returned -1 with errno (C).
    static void fail(Step &s, const OsError &err);
    // A recv() on `variable` that raised err; a bind() to local that did.
    static Step failedRecv(const QString &variable, const OsError &err);
    static void failBind(Step &bind, const QString &variable, const Endpoint &local, const OsError &err);
    // UDP: the ICMP answer to an earlier sendto() (from `icmpFrom`, null
    // when unknown) raised by the next recvfrom(); a sendto() to peer that failed.
    static Step failedRecvFrom(const OsError &err, const Endpoint &icmpFrom);
    static Step failedSendTo(const OsError &err, const Endpoint &peer);
    // recv() returned b'': the peer finished sending (FIN), we may still send.
    static Step peerFinished(const QString &variable);
    // The client's shutdown(SHUT_WR).
    static Step shutdownStep();

    static QString oneLine(QString s);
    static QString cSafe(QString s);
    static Step step(Call call, State state, const QString &python, const QString &c,
                     const QString &comment = {}, const QString &cComment = {});
    static QString family(const Endpoint &e);           // AF_INET, AF_INET6
    static int bufferSize(qsizetype size);              // the recv() size that takes it: 1024, 2048, …
    static QString cAddress(const Endpoint &e);         // make_addr(&addr, "127.0.0.1", 8000)
    static QString sizeNote(qsizetype size);            // " (50 bytes)" past the preview
    static QString pythonAddress(const Endpoint &e);    // ('127.0.0.1', 8000)
    // Where a client connects, as typed: ('127.0.0.1', 8000), ('example.com', 80).
    static QString pythonTarget(const QString &host, quint16 port);
    static QString preview(const QByteArray &bytes);    // b'hello' or b'…'…

    // The calls of a listening (TCP server) or UDP socket, before they happen;
    // setsockopt(SO_REUSEADDR) only when the server sets it.
    static QList<Step> listeningSteps(bool reuseAddress = true);
    static QList<Step> udpSteps();
    // A client's socket() (done), bind() when it has one, connect() to
    // host (a name stays a name) and port, close().
    // With noDelay, setsockopt(TCP_NODELAY) once connected.
    static QList<Step> clientSteps(const QString &host, quint16 port, const Endpoint &bind, bool noDelay = false);
    // An accepted socket: accept() (done) from peer, setsockopt(TCP_NODELAY)
    // with noDelay, then close().
    static QList<Step> acceptedSteps(const Endpoint &peer, bool noDelay = false);
    // Issue 21: setsockopt(IPPROTO_TCP, TCP_NODELAY, 1) on `variable` (Nagle
    // off), or 0 when it is turned back on.
    static Step noDelayStep(const QString &variable, bool on, State state);
    // socket(), bind(), listen() with the real values, once the socket
    // listens (or, UDP, is bound) on local.
    static void phraseBound(QList<Step> &steps, SessionKind kind, const Endpoint &local, int backlog);
    // The listening socket's accept(), after `count` clients.
    static void phraseAccepted(Step &accept, qsizetype count);
    // A client's socket() and connect() once connected from local to peer
    // (host: as typed, an address or a name).
    static void phraseConnected(QList<Step> &steps, const QString &host, const Endpoint &local, const Endpoint &peer);
    // A client's connect() that Stop cancelled.
    static void phraseCancelled(Step &connect);

    // A program reading with this framing takes whole messages
    // (recv_exactly) rather than what each recv() returns.
    static bool readsMessages(const FramingSpec &framing);
    // recv/send (TCP, on `variable`) or recvfrom/sendto of the event's
    // bytes; a send that is whole length-prefixed messages is shown as
    // struct.pack(…) + the bytes.
    static Step dataStep(SessionKind kind, const QString &variable, const TrafficEvent &e, const FramingSpec &framing);
    // One message cut by the framing (readsMessages): the header read with
    // recv_exactly and struct.unpack, then exactly that many bytes.
    static Step messageStep(const QString &variable, const QByteArray &message, const FramingSpec &framing);
    // The label of a run of data calls: only the calls that happened, in
    // the order recv, send ("recv", "recv/send", "sendto"); before any,
    // what may come ("recv/send", or "recvfrom/sendto" for UDP).
    static QString dataCallsLabel(const QList<Call> &calls, bool udp);
    // The close step as the event ended the socket (peer FIN, RST, stop, a
    // connection over the client limit, …).
    static void phraseClose(Step &close, const QString &variable, const TrafficEvent &e);
    // The listening socket's close() when the server stops.
    static void phraseServerStopped(Step &close);
};
