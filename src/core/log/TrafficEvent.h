#pragma once

#include "core/net/Endpoint.h"

#include <QByteArray>
#include <QMetaType>
#include <QString>

enum class SessionKind { TcpServer, TcpClient, Udp };

// One thing that happened on a socket: the unit of the log, the views and
// the JSON Lines file. Holds the raw payload; decoding is the viewer's job.
struct TrafficEvent
{
    // Note: something the user did to a socket that is not traffic (reading
    // paused or resumed), said in the message.
    // State: what the kernel reports of one TCP socket (its RFC 793 state and
    // queues, core/log/StateReport.h in the payload), sampled while a view or
    // the --log file watches it (KernelStateLog). The packed store has three
    // bits for a kind: State shares Note's code there (PackedEventStore).
    enum class Kind { Listening, Connected, Data, Closed, Error, Stopped, Frame, Note, State };
    enum class Direction { None, In, Out };
    // Why a close or error happened, for code that must tell them apart
    // (the message says the same in words).
    enum class Reason {
        None,
        PeerClosed,      // orderly: recv() returned 0 (peer sent FIN)
        PeerReset,       // ECONNRESET
        LocalClose,      // we closed it (FIN)
        LocalReset,      // we aborted it (RST, SO_LINGER 0)
        HalfClosed,      // we sent FIN with shutdown(SHUT_WR) and still read
        PeerFinished,    // the peer sent FIN; our side still sends until closed (CLOSE_WAIT)
        SessionStopped,  // closed because the session stopped
        Refused,         // ECONNREFUSED, or over the client limit
        TimedOut,
        HostNotFound,
        AddressInUse,
        PermissionDenied,
        Unreachable,     // ICMP unreachable / no route
        TooLarge,
        LimitReached,
        Other,
        // A frame's trailing checksum, verified (SessionSettings::verifyChecksum);
        // the message says which algorithm, what was expected and found.
        ChecksumPassed,
        ChecksumFailed
    };

    qint64 timeUs = 0;          // UTC, microseconds since the epoch
    SessionKind session = SessionKind::TcpServer;
    quint32 sessionId = 0;      // which session object
    quint32 connectionId = 0;   // accepted connection or UDP peer; 0 = the session itself
    Kind kind = Kind::Data;
    Direction direction = Direction::None;
    Reason reason = Reason::None;
    Endpoint local;
    Endpoint peer;
    QByteArray payload;
    QString message;
    // A received message (a data event, or a frame event when framing is on,
    // a datagram) and the reply rules: kNoRules (-2) when the tab had none
    // armed, kUnmatched (-1) when no rule matched, else the index of the
    // first rule that fired (ReplyRules::kNoRules, kUnmatched).
    int rule = -2;

    // What this event costs in memory as a value of its own (a copy held
    // outside the log; the log packs events, see PackedEventStore).
    qsizetype memoryCost() const;

    static qint64 nowUs();
    static QString timeString(qint64 timeUs);   // 2026-11-22T03:41:00.123456Z
    static QString sessionName(SessionKind kind);
    static QString kindName(Kind kind);
    static QString directionName(Direction d);  // "in", "out" or ""
};

Q_DECLARE_METATYPE(TrafficEvent)
