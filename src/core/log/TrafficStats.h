#pragma once

#include "core/net/SessionCounters.h"

#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <deque>

class Session;

// Live statistics of one session: bytes and messages per second each way,
// sampled from the session's counters on a timer (never per packet, so a
// flood of events costs nothing here), the last minute of samples, peaks,
// totals, open connections and what the log's byte budget dropped.
class TrafficStats : public QObject
{
    Q_OBJECT
public:
    static constexpr int kDefaultIntervalMs = 1000;
    // How far back history() reaches.
    static constexpr qint64 kWindowMs = 60000;

    struct Rates
    {
        double bytesIn = 0;      // per second
        double bytesOut = 0;
        double messagesIn = 0;
        double messagesOut = 0;
    };

    struct Sample
    {
        qint64 atMs = 0;         // on this object's monotonic clock
        Rates rates;
        int connections = 0;
    };

    explicit TrafficStats(QObject *parent = nullptr);
    ~TrafficStats() override;

    // Starts over: empty history, zero rates and peaks, and the session's
    // counters as they are now as the baseline (what came before is in the
    // totals, not in a rate). nullptr stops sampling.
    void setSession(Session *session);
    Session *session() const { return m_session; }

    int interval() const { return m_intervalMs; }
    // 0 or less: no timer, samples only through sampleNow().
    void setInterval(int ms);

    // Takes a sample now (the timer's next one still comes on time).
    void sampleNow();

    // Oldest first; at most historyCapacity() samples, none older than
    // kWindowMs before the newest.
    QList<Sample> history() const { return QList<Sample>(m_history.begin(), m_history.end()); }
    qsizetype historyCapacity() const;
    quint64 sampleCount() const { return m_sampleCount; }

    // As of the last sample (zero before the first).
    Rates rates() const { return m_history.empty() ? Rates() : m_history.back().rates; }
    // The highest rate of each kind since setSession().
    Rates peak() const { return m_peak; }
    SessionCounters totals() const { return m_totals; }
    int connectionCount() const { return m_connections; }
    quint64 droppedEvents() const { return m_droppedEvents; }
    quint64 droppedPayloadBytes() const { return m_droppedBytes; }

signals:
    void sampled();

private:
    void restartTimer();

    QPointer<Session> m_session;
    int m_intervalMs = kDefaultIntervalMs;
    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_lastNs = 0;
    SessionCounters m_last;      // counters at the previous sample (or baseline)
    std::deque<Sample> m_history;
    quint64 m_sampleCount = 0;
    Rates m_peak;
    SessionCounters m_totals;
    int m_connections = 0;
    quint64 m_droppedEvents = 0;
    quint64 m_droppedBytes = 0;
};
