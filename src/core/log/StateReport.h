#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

// What the kernel reported of one TCP socket, as a `state` event carries it
// (TrafficEvent::Kind::State): its RFC 793 state and, for a listener, its
// two queues and the backlog, for a connection its receive and send queues.
// The event's payload holds it in a small text form ("tcp_state=LISTEN
// accept_queue=3 syn_queue=0 backlog=128"), so the log stores it like any
// other event and the JSON Lines writer turns it into keys of their own.
struct StateReport
{
    QString tcpState;          // "ESTABLISHED", "TIME_WAIT", … (TcpKernelView::stateName)
    bool listener = false;
    // A listener: connections waiting for accept(), half-open ones (SYN_RECV),
    // and the backlog listen() was given.
    quint32 acceptQueue = 0;
    quint32 synQueue = 0;
    quint32 backlog = 0;
    // A connection: bytes received and not yet read by the program (SIOCINQ),
    // bytes sent and not yet acknowledged (SIOCOUTQ).
    quint32 recvQ = 0;
    quint32 sendQ = 0;
    // A connection in SYN_SENT: how often the kernel has sent the SYN again
    // without an answer (after 1 s, then at growing intervals); written
    // only in that state.
    quint32 retries = 0;

    bool operator==(const StateReport &) const = default;

    QByteArray toPayload() const;
    // The report a payload of toPayload() holds; none for anything else.
    static std::optional<StateReport> fromPayload(const QByteArray &payload);
    // The keys after "event":"state" in a JSON Lines record, each with a
    // leading comma: ,"tcp_state":"LISTEN","accept_queue":3,…
    QByteArray jsonFields() const;
};
