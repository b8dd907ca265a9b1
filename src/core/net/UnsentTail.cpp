#include "core/net/UnsentTail.h"

void UnsentTail::wrote(const QByteArray &payload, qint64 pending)
{
    if (pending <= 0) {
        clear();
        return;
    }
    m_chunks.push_back(payload);
    m_size += payload.size();
    trimTo(pending);
}

void UnsentTail::trimTo(qint64 keep)
{
    while (m_size > keep && !m_chunks.empty()) {
        const qint64 front = m_chunks.front().size() - m_skip;
        if (m_size - front >= keep) {
            m_size -= front;
            m_chunks.pop_front();
            m_skip = 0;
        } else {
            m_skip += m_size - keep;
            m_size = keep;
        }
    }
}

QList<QByteArray> UnsentTail::last(qint64 pending) const
{
    QList<QByteArray> out;
    qint64 drop = m_size - qMin(pending, m_size);
    qint64 skip = m_skip;
    for (const QByteArray &chunk : m_chunks) {
        const qint64 usable = chunk.size() - skip;
        if (drop >= usable) {
            drop -= usable;
            skip = 0;
            continue;
        }
        out.append(skip + drop == 0 ? chunk : chunk.mid(skip + drop));
        drop = 0;
        skip = 0;
    }
    return out;
}

void UnsentTail::clear()
{
    m_chunks.clear();
    m_skip = 0;
    m_size = 0;
}
