#include "TrafficLog.h"

TrafficLog::TrafficLog(QObject *parent)
    : QObject(parent)
{
    m_notify.setSingleShot(true);
    m_notify.setInterval(33);
    connect(&m_notify, &QTimer::timeout, this, &TrafficLog::notifyNow);
}

void TrafficLog::append(TrafficEvent event)
{
    m_bytesUsed += event.memoryCost();
    m_events.push_back(std::move(event));
    ++m_pendingAppended;
    enforceBudget();
    if (!m_notify.isActive())
        m_notify.start();
}

void TrafficLog::setByteBudget(qint64 bytes)
{
    m_budget = qMax<qint64>(bytes, 4096);
    enforceBudget();
    if ((m_pendingDropped || m_pendingAppended) && !m_notify.isActive())
        m_notify.start();
}

void TrafficLog::enforceBudget()
{
    // Keep at least the newest event, whatever its size.
    while (m_bytesUsed > m_budget && m_events.size() > 1) {
        const TrafficEvent &e = m_events.front();
        m_bytesUsed -= e.memoryCost();
        m_droppedPayloadBytes += quint64(e.payload.size());
        ++m_droppedEvents;
        m_events.pop_front();
        ++m_firstSerial;
        // An event appended and dropped within one batch was never seen by views.
        if (m_pendingAppended > 0 && qsizetype(m_events.size()) < m_pendingAppended)
            --m_pendingAppended;
        else
            ++m_pendingDropped;
    }
}

void TrafficLog::notifyNow()
{
    const qsizetype dropped = m_pendingDropped;
    const qsizetype appended = m_pendingAppended;
    m_pendingDropped = 0;
    m_pendingAppended = 0;
    if (dropped || appended)
        emit changed(dropped, appended);
}

void TrafficLog::clear()
{
    m_firstSerial += m_events.size();
    m_events.clear();
    m_bytesUsed = 0;
    m_pendingDropped = 0;
    m_pendingAppended = 0;
    emit cleared();
}
