#pragma once

#include "core/log/PackedEventStore.h"
#include "core/log/SerialSpan.h"
#include "core/log/TrafficEvent.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

// The in-memory record of a session's events: append-only, bounded by a byte
// budget (oldest events dropped first, and counted), with change notices
// batched so a flood of packets costs views one refresh per interval.
// Events are kept packed (PackedEventStore): the budget is the memory they
// really take, and at() gives a copy.
class TrafficLog : public QObject
{
    Q_OBJECT
public:
    static constexpr qint64 kDefaultBudget = 64ll * 1024 * 1024;

    explicit TrafficLog(QObject *parent = nullptr);

    // Makes room first (drops the oldest events until the new one fits the
    // budget), so a full log reuses the memory it frees.
    void append(const TrafficEvent &event);

    // Retained events; index 0 is the oldest still held. at() builds the
    // event (a copy of its payload, unless that is large and shared).
    qsizetype size() const { return m_store.size(); }
    TrafficEvent at(qsizetype i) const { return m_store.at(i); }
    // The same without the payload (left empty), for readers that look only
    // at kinds, endpoints or times: no copy of the bytes.
    TrafficEvent atWithoutPayload(qsizetype i) const { return m_store.at(i, 0); }
    // With at most the first maxBytes of the payload (a preview's worth).
    TrafficEvent atWithPayloadPrefix(qsizetype i, qsizetype maxBytes) const { return m_store.at(i, maxBytes); }
    qsizetype payloadSizeAt(qsizetype i) const { return m_store.payloadSizeAt(i); }
    // Serial number of at(0) among all events ever appended.
    quint64 firstSerial() const { return m_firstSerial; }
    quint64 totalAppended() const { return m_firstSerial + quint64(m_store.size()); }
    // The serials held now: at(i) is the event with serial span().first + i.
    SerialSpan span() const { return SerialSpan{m_firstSerial, totalAppended()}; }
    // The index of the event with this serial; -1 when it is not held (not
    // yet appended, or dropped already).
    qsizetype indexOfSerial(quint64 serial) const
    {
        return span().contains(serial) ? qsizetype(serial - m_firstSerial) : -1;
    }

    qint64 byteBudget() const { return m_budget; }
    void setByteBudget(qint64 bytes);
    // The memory the events take, all of it (PackedEventStore::bytesUsed()).
    qint64 bytesUsed() const { return m_store.bytesUsed(); }
    const PackedEventStore &store() const { return m_store; }
    quint64 droppedEvents() const { return m_droppedEvents; }
    quint64 droppedPayloadBytes() const { return m_droppedPayloadBytes; }

    void clear();

    // How soon a batched change notice goes out after a quiet spell
    // (default 33 ms). While events keep coming (the last notice went out
    // less than kBusyWindowMs ago) notices are spaced busyNotifyInterval()
    // apart: max(this, kBusyNotifyMs), 10 a second, as Wireshark's packet
    // list during a live capture. A flood then costs views a tenth of a
    // second's refresh, not thirty.
    static constexpr int kBusyNotifyMs = 100;
    static constexpr int kBusyWindowMs = 250;
    void setNotifyInterval(int ms) { m_quickInterval = ms; }
    int notifyInterval() const { return m_quickInterval; }
    int busyNotifyInterval() const { return qMax(m_quickInterval, kBusyNotifyMs); }
    // The delay of the notice scheduled now, or -1 when none is pending.
    int pendingNoticeDelay() const { return m_notify.isActive() ? m_notify.interval() : -1; }

signals:
    // Since the last notice: the log holds `held` now, and `added` (its end)
    // is new. Events appended and dropped between two notices are in
    // neither. A view steps from the span it shows to `held`
    // (SerialSpan::stepTo) and repaints once.
    void changed(const SerialSpan &held, const SerialSpan &added);
    void cleared();

private:
    void enforceBudget();
    void dropOldest();
    void notifyNow();
    void scheduleNotice();

    PackedEventStore m_store;
    quint64 m_firstSerial = 0;
    qint64 m_budget = kDefaultBudget;
    quint64 m_droppedEvents = 0;
    quint64 m_droppedPayloadBytes = 0;
    SerialSpan m_told;   // what the last notice said the log held
    QTimer m_notify;
    QElapsedTimer m_sinceNotice;   // invalid until the first notice
    int m_quickInterval = 33;
};
