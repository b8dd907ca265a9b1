#pragma once

#include "core/log/StateReport.h"
#include "core/net/Endpoint.h"

#include <QHash>
#include <QObject>
#include <QTimer>

#include <optional>

class Session;
struct TrafficEvent;

// The `state` events of a TCP session: what the kernel reports of its
// sockets (core/os/TcpKernelView) — the RFC 793 state, a listener's accept
// queue, SYN queue and backlog, a connection's receive and send queues —
// recorded through the session whenever one of them changes, including
// after the program has closed a socket (FIN_WAIT_2, TIME_WAIT, then CLOSED
// when the kernel lets it go).
//
// Sampled every kIntervalMs at most (10 times a second per socket) and only
// for sockets somebody watches: every socket of the session with setAll()
// (the --log file), or the ones a view shows (watch()). With nobody watching
// the timer is off, so a session nobody looks at this way pays nothing. A
// sample that takes long (a server holding thousands of connections) makes
// the next one come later, so sampling never takes more than about a
// twentieth of the event loop.
class KernelStateLog : public QObject
{
    Q_OBJECT
public:
    static constexpr int kIntervalMs = 100;
    static constexpr int kMaxIntervalMs = 2000;

    // A child of session, which must be a TCP server or client session.
    explicit KernelStateLog(Session *session);

    // Every socket of the session: the listener, each connection from its
    // first sample until the kernel has forgotten it.
    void setAll(bool on);
    bool isAll() const { return m_all; }
    // One socket a view follows (peer null: the session's listener on
    // local's port); counted, so two views may watch the same socket.
    void watch(const Endpoint &local, const Endpoint &peer, quint32 connectionId = 0);
    void unwatch(const Endpoint &local, const Endpoint &peer);

    // One sample now (the timer takes them while anything is watched).
    void sample();
    bool isSampling() const { return m_timer.isActive(); }
    int intervalMs() const { return m_timer.interval(); }
    int trackedCount() const { return int(m_tracked.size()); }

private:
    struct Tracked
    {
        Endpoint local;
        Endpoint peer;              // null for the listener
        quint32 connectionId = 0;
        int watchers = 0;           // views following it
        bool fromAll = false;       // tracked because of setAll()
        std::optional<StateReport> last;
    };
    static QString keyOf(const Endpoint &local, const Endpoint &peer);
    void onEvent(const TrafficEvent &event);
    void onSynSent(const Endpoint &local, const Endpoint &peer);
    Tracked &track(const Endpoint &local, const Endpoint &peer);
    void updateTimer();
    // A state event for t when report differs from what it said last,
    // recorded by recordDue() after the sample's walk.
    void report(Tracked &t, const StateReport &report);
    struct Due
    {
        quint32 connectionId = 0;
        Endpoint local;
        Endpoint peer;
        StateReport report;
    };
    void recordDue();
    void record(const Due &due);

    Session *const m_session;
    bool m_all = false;
    QHash<QString, Tracked> m_tracked;
    QList<Due> m_due;
    QTimer m_timer;
};
