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
    using Step = SocketNarrator::Step;
    using State = SocketNarrator::Step::State;

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
    // recv() returned b'': the peer finished sending (FIN), we may still send.
    static Step peerFinished(const QString &variable);
    static void failBind(Step &bind, const QString &variable, const Endpoint &local, const OsError &err);

    static QString oneLine(QString s);
    static QString cSafe(QString s);
    static Step step(const QString &name, State state, const QString &python, const QString &c,
                     const QString &comment = {}, const QString &cComment = {});
    static QString family(const Endpoint &e);           // AF_INET, AF_INET6
    static int bufferSize(qsizetype size);              // the recv() size that takes it: 1024, 2048, …
    static QString cAddress(const Endpoint &e);         // make_addr(&addr, "127.0.0.1", 8000)
    static QString sizeNote(qsizetype size);            // " (50 bytes)" past the preview
    static QString pythonAddress(const Endpoint &e);    // ('127.0.0.1', 8000)
    static QString preview(const QByteArray &bytes);    // b'hello' or b'…'…
    static QString cStringLiteral(QByteArrayView bytes);  // "hello\r\n"

    // The calls of a listening (TCP server) or UDP socket, before they happen.
    static QList<Step> listeningSteps();
    static QList<Step> udpSteps();
    // A client's socket() (done), bind() when it has one, connect() to
    // target (written as targetPython: a name stays a name), close().
    static QList<Step> clientSteps(const Endpoint &target, const QString &targetPython, const Endpoint &bind);
    // socket(), bind(), listen() with the real values, once the socket
    // listens (or, UDP, is bound) on local.
    static void phraseBound(QList<Step> &steps, SessionKind kind, const Endpoint &local, int backlog);

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
    static QString dataCallsLabel(const QStringList &calls, bool udp);
    // The close step as the event ended the socket (peer FIN, RST, stop, …).
    static void phraseClose(Step &close, const QString &variable, const TrafficEvent &e);
};
