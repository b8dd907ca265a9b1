#pragma once

#include "core/net/SendResult.h"
#include "core/net/SendSchedule.h"

#include <QByteArray>
#include <QObject>
#include <QString>
#include <QTimer>

#include <functional>

class PreciseWaker;

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
class RepeatSender : public QObject
{
    Q_OBJECT
public:
    using Sender = std::function<SendResult(const QByteArray &)>;

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
    bool start(const QByteArray &payload, int count, int intervalMs, Sender sender);
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
    qint64 skipped() const { return m_schedule.skipped(); }

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

    QTimer m_timer;              // the first send, and interval 0
    PreciseWaker *m_waker;       // the timed sends after the first
    qint64 m_originNs = 0;       // the first send, on PreciseWaker::nowNs(): the grid's origin
    SendSchedule m_schedule;
    QByteArray m_payload;
    Sender m_sender;
    int m_total = 0;
    int m_done = 0;
    int m_intervalMs = 0;
    qint64 m_bytes = 0;
    bool m_running = false;
    bool m_stopped = false;
    QString m_startError;
};
