#pragma once

#include <QObject>
#include <QString>
#include <QTimer>

// The TCP client's auto-reconnect (SessionSettings::autoReconnect): after a
// close by the peer, a reset, a refused, failed or timed-out connect it waits
// the interval and asks for a new attempt, until the user disconnects. It
// counts attempts and the ones that connected, for the client tab.
class Reconnector : public QObject
{
    Q_OBJECT
public:
    explicit Reconnector(QObject *parent = nullptr);

    // The user connected: counting starts again, and reconnecting is allowed.
    void userConnected();
    // The user disconnected or reset: no more attempts. True when one was pending.
    bool userStopped();
    bool isPending() const { return m_timer.isActive(); }
    // Whether a close or failure now is followed by an attempt (`enabled`:
    // the setting), and the message the log says it with.
    bool willReconnect(bool enabled) const { return enabled && !m_stopped; }
    QString note(bool enabled, int intervalMs, const QString &message) const;
    // Starts the wait (when willReconnect(enabled)).
    void schedule(bool enabled, int intervalMs);
    // A connect succeeded: counted when it was an automatic attempt.
    void connected();
    // 0 = the user's connect, else the number of the automatic attempt under way.
    int currentAttempt() const { return m_attempt; }
    int attempts() const { return m_attempts; }
    int successes() const { return m_successes; }

signals:
    void attemptDue();  // the owner connects again now
    void changed();     // pending, or the counts changed

private:
    QTimer m_timer;
    bool m_stopped = false;
    int m_attempt = 0;
    int m_attempts = 0;
    int m_successes = 0;
};
