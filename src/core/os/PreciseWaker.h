#pragma once

#include <QObject>

class QSocketNotifier;

// Wakes the event loop at an absolute time on the monotonic clock, to the
// nanosecond (a timerfd watched by a QSocketNotifier). Qt's event
// dispatcher rounds every timer wait up to whole milliseconds, so a QTimer
// cannot wake "0.9 ms from now": a 1 ms repeat on it waits 1 to 2 ms a send.
// A descriptor's readiness is not rounded.
class PreciseWaker : public QObject
{
    Q_OBJECT
public:
    explicit PreciseWaker(QObject *parent = nullptr);
    ~PreciseWaker() override;

    // False when the system gave no timer descriptor; wakeAt() then does nothing.
    bool isValid() const { return m_fd >= 0; }
    // Now on the clock wakeAt() takes (CLOCK_MONOTONIC, as QElapsedTimer's), in ns.
    static qint64 nowNs();
    // woke() once, at monotonicNs or at once when that has passed; replaces
    // a wake-up not yet delivered.
    void wakeAt(qint64 monotonicNs);
    void cancel();

signals:
    void woke();

private:
    void onActivated();

    int m_fd = -1;
    QSocketNotifier *m_notifier = nullptr;
};
