#pragma once

#include "core/net/KernelStateLog.h"
#include "core/os/TcpKernelView.h"
#include "core/teach/TcpStateMachine.h"

#include <QList>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <optional>

// Follows one TCP socket through the state machine as the kernel reports it
// (TcpKernelView, found by its endpoints, so it is followed after the
// program has closed it: FIN_WAIT_2, TIME_WAIT). Sampled 10 times a second
// while running, and only then: a view starts it when shown. Between two
// samples a socket may pass through states no sample saw; the trace fills
// them in along the diagram's arrows (TcpStateMachine::path), marked as
// inferred, so the path a student sees is the one the socket took.
class TcpStateWatch : public QObject
{
    Q_OBJECT
public:
    using State = TcpKernelView::State;

    // How the socket came to be, which gives the steps before the first
    // sample: a client connected (CLOSED, SYN_SENT), a server accepted it
    // (LISTEN, SYN_RECEIVED), or it is a listener (CLOSED).
    enum class Origin { Unknown, Connected, Accepted, Listener };

    struct Step
    {
        qint64 timeUs = 0;          // when the sample saw it (inferred steps: the same sample's time)
        TcpStateMachine::Transition transition;
        bool inferred = false;      // filled in between two samples, or before the first
    };

    static constexpr int kIntervalMs = 100;

    explicit TcpStateWatch(QObject *parent = nullptr);
    ~TcpStateWatch() override;

    // The session's state events: while this watch runs, the socket it
    // follows is one the log records the kernel's view of (KernelStateLog::watch).
    void setStateLog(KernelStateLog *log);

    // Follows the connection local <-> peer (peer null: the listener on local).
    void watch(const Endpoint &local, const Endpoint &peer, Origin origin);
    void clear();
    bool isWatching() const { return m_local.port != 0; }
    Endpoint local() const { return m_local; }
    Endpoint peer() const { return m_peer; }

    // Samples every kIntervalMs while started.
    void start();
    void stop();
    bool isRunning() const { return m_timer.isActive(); }
    // One sample now (start() takes one at once too).
    void sample();

    State state() const { return m_state; }
    const QList<Step> &steps() const { return m_steps; }
    // The last sample's report of the socket; none when the kernel no
    // longer has it (or never had it).
    const std::optional<TcpKernelView::Socket> &socket() const { return m_socket; }

    // --- The listen queues (issue 21) ---
    // A listener's SYN queue as the last sample saw it: the half-open
    // connections (SYN_RECV) on its port; 0 for a connection.
    int synQueue() const { return m_synQueue; }

signals:
    // A sample saw something new (a state, a queue, the time left, retries).
    void changed();

private:
    void moveTo(State state, qint64 timeUs);
    // Tells the state log which socket this watch follows while it runs.
    void followInLog();

    QTimer m_timer;
    Endpoint m_local;
    Endpoint m_peer;
    State m_state = State::Unknown;
    QList<Step> m_steps;
    std::optional<TcpKernelView::Socket> m_socket;
    int m_synQueue = 0;
    QPointer<KernelStateLog> m_log;
    bool m_logging = false;     // m_log watches m_loggedLocal <-> m_loggedPeer for us
    Endpoint m_loggedLocal;
    Endpoint m_loggedPeer;
};
