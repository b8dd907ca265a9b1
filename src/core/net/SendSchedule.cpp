#include "core/net/SendSchedule.h"

SendSchedule::SendSchedule(qint64 intervalNs)
    : m_intervalNs(intervalNs > 0 ? intervalNs : 1)
{
}

qint64 SendSchedule::slotsDue(qint64 elapsedNs) const
{
    if (elapsedNs < 0)
        return 0;
    // The last slot whose time, less half an interval, has come.
    const qint64 latest = (elapsedNs + m_intervalNs / 2) / m_intervalNs;
    return latest >= m_next ? latest - m_next + 1 : 0;
}

qint64 SendSchedule::take(qint64 elapsedNs)
{
    const qint64 due = slotsDue(elapsedNs);
    const qint64 skipped = due > 1 ? due - 1 : 0;
    m_skipped += skipped;
    m_next += skipped + 1;
    return skipped;
}
