#pragma once

#include "core/net/SendResult.h"
#include "core/net/SendSchedule.h"

#include <QByteArray>
#include <QObject>
#include <QString>
#include <QTimer>

#include <QHostAddress>

#include <functional>
#include <memory>
#include <optional>

class PreciseWaker;
class TimedSendThread;

// Sends one payload N times, M ms apart, from the event loop: every send is
// a timer tick, so the GUI stays responsive and stop() takes effect before
// the next send. The first send happens on the first event-loop pass after
// start(), never inside it, so callers can connect to the signals first and
// never see them emitted re-entrantly.
//
// The sends after the first keep to a grid on the monotonic clock (send n
// due n intervals after the first, see SendSchedule), each woken at its
// slot to the nanosecond (os/PreciseWaker: Qt's timers wait whole
// milliseconds), so a 1 ms repeat does not drift with the event loop. A
// stall (the window busy for 30 ms) skips the slots that went by instead of
// sending them in a burst; every send asked for is still made, and
// skipped() says how many slots were missed.
//
// A fixed payload (the same bytes every time) whose session can send it
// without the event loop (setOffloader: a UDP socket with a target) makes
// its timed sends on a thread of its own (os/TimedSendThread) after the
// first, so a paint of the window does not skip slots of a 1 ms repeat. Each
// send is still logged as the session's own, with the time it was made,
// and counted here as it is logged. A change of the session's settings or
// socket brings the sends back to the event loop (continueOnEventLoop()),
// where they follow the session as before.
class RepeatSender : public QObject
{
    Q_OBJECT
public:
    using Sender = std::function<SendResult(const QByteArray &)>;
    // The session's side of sends made off the event loop.
    struct Offload
    {
        int fd = -1;                // the socket (the thread writes to a duplicate)
        QHostAddress address;       // the datagrams' destination
        quint16 port = 0;
        QByteArray datagram;        // the wire bytes of each send
        // Logs one send the thread made at timeUs (error: its errno, 0 when it
        // went out) and says how it went, as Sender does.
        std::function<SendResult(qint64 timeUs, int error)> record;
    };
    // For a payload: the offload, or nothing to send it from the event loop.
    using Offloader = std::function<std::optional<Offload>(const QByteArray &payload)>;

    static constexpr int kMinCount = 1;
    // A count of kUntilStopped sends until stop() (or a failed send).
    static constexpr int kUntilStopped = 0;
    static constexpr int kMaxCount = 1000000;
    static constexpr int kMaxIntervalMs = 3600 * 1000;

    explicit RepeatSender(QObject *parent = nullptr);
    ~RepeatSender() override;

    // False (nothing scheduled, errorString() says why) for an empty payload,
    // no sender, a count outside kMinCount..kMaxCount (or kUntilStopped), an interval outside
    // 0..kMaxIntervalMs, or while a repeat is already running.
    // Interval 0 sends as fast as the event loop turns, one send per pass.
    // fixedPayload: every send is `payload` (no field changes it), so the
    // sends may be offloaded (see setOffloader).
    bool start(const QByteArray &payload, int count, int intervalMs, Sender sender, bool fixedPayload = false);
    // How the session offloads timed sends of a fixed payload; none by default.
    void setOffloader(Offloader offloader) { m_offloader = std::move(offloader); }
    // Ends a running offload (logging what it sent) and goes on sending from
    // the event loop, on the same grid; nothing when none runs.
    void continueOnEventLoop();
    // True while the sends are made on the thread.
    bool isOffloaded() const { return m_offloaded; }
    // Ends a running repeat; finished(false, …) tells how far it got.
    void stop();

    bool isRunning() const { return m_running; }
    int done() const { return m_done; }
    int total() const { return m_total; }   // kUntilStopped: no end of its own
    bool untilStopped() const { return m_total == kUntilStopped; }
    qint64 bytesSent() const { return m_bytes; }
    // Why the last start() was refused.
    QString errorString() const { return m_startError; }
    // True when the last repeat ended through stop() rather than by
    // completing or failing, so a UI can tell "stopped" from "failed".
    bool wasStopped() const { return m_stopped; }
    // The interval of the running (or last) repeat, in ms.
    int intervalMs() const { return m_intervalMs; }
    // Slots of the running (or last) repeat that went by unsent because the
    // event loop was busy past them (see SendSchedule); 0 at interval 0.
    qint64 skipped() const;

signals:
    // A repeat began (from whichever caller): a view of it shows it running.
    void started();
    void progress(int done, int total);
    // ok: every send went through. Otherwise error says why it ended: the
    // sender's error (nothing more is sent after the first failure) or stop().
    void finished(bool ok, const QString &error);

private:
    void onTick();
    // Wakes onTick() at the schedule's next slot.
    void armForNextSlot();
    void finish(bool ok, const QString &error);
    // The first send is made: the rest go to the thread when they may.
    bool offload();
    // Logs and counts what the thread sent (on this thread); false when the
    // repeat ended meanwhile.
    bool takeOffloaded();
    void onOffloadReady();
    // Stops the thread and logs and counts what it sent, announcing no progress.
    void haltOffload();
    // "Send 3 of 10 failed: …"
    QString failureText(const QString &error) const;

    QTimer m_timer;              // the first send, and interval 0
    PreciseWaker *m_waker;       // the timed sends after the first
    qint64 m_originNs = 0;       // the first send, on PreciseWaker::nowNs(): the grid's origin
    SendSchedule m_schedule;
    QByteArray m_payload;
    Sender m_sender;
    Offloader m_offloader;
    std::optional<Offload> m_offload;
    std::unique_ptr<TimedSendThread> m_thread;
    bool m_offloaded = false;
    qint64 m_offloadSkippedBefore = 0;   // the grid's count when the thread took it
    bool m_fixed = false;
    int m_total = 0;
    int m_done = 0;
    int m_intervalMs = 0;
    qint64 m_bytes = 0;
    bool m_running = false;
    bool m_stopped = false;
    QString m_startError;
};
