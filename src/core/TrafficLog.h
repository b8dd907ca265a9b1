#pragma once

#include "TrafficEvent.h"

#include <QObject>
#include <QTimer>

#include <deque>

// The in-memory record of a session's events: append-only, bounded by a byte
// budget (oldest events dropped first, and counted), with change notices
// batched so a flood of packets costs views one refresh per interval.
class TrafficLog : public QObject
{
    Q_OBJECT
public:
    static constexpr qint64 kDefaultBudget = 64ll * 1024 * 1024;

    explicit TrafficLog(QObject *parent = nullptr);

    void append(TrafficEvent event);

    // Retained events; index 0 is the oldest still held.
    qsizetype size() const { return qsizetype(m_events.size()); }
    const TrafficEvent &at(qsizetype i) const { return m_events[size_t(i)]; }
    // Serial number of at(0) among all events ever appended.
    quint64 firstSerial() const { return m_firstSerial; }
    quint64 totalAppended() const { return m_firstSerial + quint64(m_events.size()); }

    qint64 byteBudget() const { return m_budget; }
    void setByteBudget(qint64 bytes);
    qint64 bytesUsed() const { return m_bytesUsed; }
    quint64 droppedEvents() const { return m_droppedEvents; }
    quint64 droppedPayloadBytes() const { return m_droppedPayloadBytes; }

    void clear();

    // How often batched change notices go out (default 33 ms, ~30 Hz).
    void setNotifyInterval(int ms) { m_notify.setInterval(ms); }

signals:
    // Since the last notice: `dropped` events left the front, `appended`
    // joined the back. Views apply the two and repaint once.
    void changed(qsizetype dropped, qsizetype appended);
    void cleared();

private:
    void enforceBudget();
    void notifyNow();

    std::deque<TrafficEvent> m_events;
    quint64 m_firstSerial = 0;
    qint64 m_budget = kDefaultBudget;
    qint64 m_bytesUsed = 0;
    quint64 m_droppedEvents = 0;
    quint64 m_droppedPayloadBytes = 0;
    qsizetype m_pendingDropped = 0;
    qsizetype m_pendingAppended = 0;
    QTimer m_notify;
};
