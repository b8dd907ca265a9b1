#pragma once

#include "core/net/Endpoint.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

#include <optional>

// The kernel's own view of this machine's TCP sockets, without privileges:
// the sock_diag netlink interface that `ss` uses (every socket, including
// those the program has already closed: FIN_WAIT_2, TIME_WAIT, and the
// half-open ones in a listener's SYN queue), TCP_INFO for a descriptor the
// program holds, and SIOCINQ / SIOCOUTQ for its queues. The teaching views
// show what it reads; nothing here changes a socket.
class TcpKernelView
{
    Q_DECLARE_TR_FUNCTIONS(TcpKernelView)

public:
    // The RFC 793 states, numbered as Linux numbers them (tcp_states.h).
    enum class State {
        Unknown = 0,
        Established = 1,
        SynSent,
        SynReceived,
        FinWait1,
        FinWait2,
        TimeWait,
        Closed,
        CloseWait,
        LastAck,
        Listen,
        Closing,
    };
    // "ESTABLISHED", "TIME_WAIT", … (the names of RFC 793 and `ss`).
    static QString stateName(State state);
    // The state of a name stateName() gives; Unknown for any other.
    static State stateFromName(const QString &name);

    // A socket's queues and the peer's numbers from TCP_INFO: for a
    // descriptor the program holds (info()), or from sock_diag.
    struct Info
    {
        State state = State::Unknown;
        int retransmits = 0;       // of the segment now outstanding (SYN_SENT: the SYN's)
        int backoff = 0;           // exponential back-off steps so far
        quint32 rttUs = 0;         // smoothed round-trip time
        quint32 rttVarUs = 0;
        quint32 sendCongestionWindow = 0;   // segments
        quint32 peerWindow = 0;    // the window the peer advertised, bytes
        bool peerWindowKnown = false;   // the kernel reports it (Linux 6.2 and later)
        quint32 mss = 0;
        quint32 unacked = 0;       // a listener: clients waiting for accept()
        quint32 sacked = 0;        // a listener: the backlog
        quint64 bytesAcked = 0;
        quint64 bytesReceived = 0;
        quint32 receiveQueue = 0;  // SIOCINQ: bytes received and not yet read
        quint32 sendQueue = 0;     // SIOCOUTQ: bytes sent and not yet acknowledged
    };

    // One socket as sock_diag reports it.
    struct Socket
    {
        State state = State::Unknown;
        Endpoint local;
        Endpoint peer;
        // A listener: clients waiting for accept() and the backlog listen()
        // was given. Any other socket: bytes not yet read, bytes not yet
        // acknowledged by the peer.
        quint32 receiveQueue = 0;
        quint32 sendQueue = 0;
        // The socket's running timer, in ms: TIME_WAIT's remaining time, a
        // retransmission's (retransmits counts them), keepalive; 0 for none.
        qint64 timerMs = 0;
        int timer = 0;          // 0 none, 1 retransmit, 2 keepalive, 3 TIME_WAIT, 4 zero-window probe
        int retransmits = 0;
        quint32 uid = 0;
        quint64 inode = 0;      // 0 once no process holds it (TIME_WAIT)
        // TCP_INFO as sock_diag gives it with the socket (not for TIME_WAIT
        // or request sockets); its queue fields are this struct's two.
        std::optional<Info> info;
    };

    // The sockets on this machine in `states` (none: every state), optionally
    // only those whose local port is localPort; false with *error when the
    // kernel cannot be asked (no netlink).
    static bool list(QList<Socket> *out, QString *error, QList<State> states = {}, quint16 localPort = 0);
    // The socket with this local and peer endpoint, if the kernel still has
    // it (a connection the program closed lingers in FIN_WAIT_2 or TIME_WAIT).
    static std::optional<Socket> find(const Endpoint &local, const Endpoint &peer, QString *error = nullptr);
    // The listening socket on local's port and address (any address when
    // local's is null); its receiveQueue is the accept queue, its sendQueue
    // the backlog. With synQueue, also its SYN queue: the half-open
    // connections (SYN_RECV) on that port and address (on every address
    // for a listener on any). One request to the kernel for both.
    static std::optional<Socket> listener(const Endpoint &local, int *synQueue = nullptr);
    // TCP_INFO and the two queue ioctls of a descriptor; false for one that
    // is not a TCP socket.
    static bool info(qintptr descriptor, Info *out);
    // This process's one socket in SYN_SENT to peer (a null address: any
    // address on peer's port); none when there is none or more than one.
    // For a connect whose descriptor the program cannot see yet (Qt tells
    // it only once connected): the sockets are told apart by their inodes,
    // those of this process's descriptors.
    static std::optional<Socket> ownConnecting(const Endpoint &peer);
    // The words for the sockets that keep a port from being bound without
    // SO_REUSEADDR: "127.0.0.1:5000 ↔ 127.0.0.1:41234 in TIME_WAIT (52 s left)".
    static QString describe(const Socket &socket);

    // --- The listen queues' limits (issue 21) ---
    // The kernel settings that bound a listener's queues, -1 where they
    // cannot be read: net.core.somaxconn (the most listen() takes as a
    // backlog), net.ipv4.tcp_max_syn_backlog (bounds the SYN queue without
    // SYN cookies) and net.ipv4.tcp_syncookies (0 never, 1 once the SYN
    // queue is full, 2 always).
    struct ListenLimits
    {
        int somaxconn = -1;
        int maxSynBacklog = -1;
        int synCookies = -1;
    };
    static ListenLimits listenLimits();
};
