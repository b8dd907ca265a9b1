#include "core/log/TrafficLog.h"

namespace {
// Chunks of 1/32 of the budget: memory is freed a chunk at a time, so the
// log holds between 31/32 of its budget and all of it.
qsizetype chunkBytesFor(qint64 budget)
{
    return qsizetype(qMin<qint64>(budget / 32, PackedEventStore::kMaxChunkBytes));
}
} // namespace

TrafficLog::TrafficLog(QObject *parent)
    : QObject(parent)
{
    m_notify.setSingleShot(true);
    connect(&m_notify, &QTimer::timeout, this, &TrafficLog::notifyNow);
    m_store.setMaxChunkBytes(chunkBytesFor(m_budget));
    m_store.setPrefetchLimit(m_budget);
}

void TrafficLog::append(const TrafficEvent &event)
{
    const qint64 cost = m_store.costOfAppending(event);
    while (!m_store.isEmpty() && m_store.bytesUsed() + cost > m_budget)
        dropOldest();
    m_store.append(event);
    // In case the estimate fell short (a context freed by the drops came back).
    enforceBudget();
    scheduleNotice();
}

void TrafficLog::setByteBudget(qint64 bytes)
{
    m_budget = qMax<qint64>(bytes, 4096);
    m_store.setMaxChunkBytes(chunkBytesFor(m_budget));
    m_store.setPrefetchLimit(m_budget);
    if (m_store.hasChunksOver(m_store.maxChunkBytes())) {
        // Chunks made for the larger budget are freed only whole, and one may
        // be larger than the new budget: keep the newest events that can fit
        // (their bytes alone, a lower bound), then move them to chunks of the
        // new size.
        qint64 need = 0;
        qsizetype keep = 0;
        while (keep < m_store.size()) {
            need += m_store.payloadSizeAt(m_store.size() - 1 - keep) + PackedEventStore::kRecordBytes;
            if (need > m_budget && keep > 0)
                break;
            ++keep;
        }
        while (m_store.size() > keep)
            dropOldest();
        m_store.repack();
    }
    enforceBudget();
    if (span() != m_told)
        scheduleNotice();
}

void TrafficLog::scheduleNotice()
{
    if (m_notify.isActive())
        return;
    int delay = m_quickInterval;
    if (m_sinceNotice.isValid()) {
        const qint64 since = m_sinceNotice.elapsed();
        if (since < kBusyWindowMs)
            delay = int(qMax<qint64>(delay, busyNotifyInterval() - since));
    }
    m_notify.start(delay);
}

void TrafficLog::enforceBudget()
{
    // Keep at least the newest event, whatever its size.
    while (m_store.bytesUsed() > m_budget && m_store.size() > 1)
        dropOldest();
}

void TrafficLog::dropOldest()
{
    m_droppedPayloadBytes += quint64(m_store.dropFront());
    ++m_droppedEvents;
    ++m_firstSerial;
}

void TrafficLog::notifyNow()
{
    const SerialSpan held = span();
    if (held == m_told)
        return;
    const SerialSpan added = m_told.stepTo(held).added;
    m_told = held;
    m_sinceNotice.start();
    emit changed(held, added);
}

void TrafficLog::clear()
{
    m_firstSerial += quint64(m_store.size());
    m_store.clear();
    m_told = span();
    emit cleared();
}
