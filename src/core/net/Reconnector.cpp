#include "core/net/Reconnector.h"

Reconnector::Reconnector(QObject *parent)
    : QObject(parent)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, [this] {
        if (m_stopped)
            return;
        m_attempt = ++m_attempts;
        emit changed();
        emit attemptDue();
    });
}

void Reconnector::userConnected()
{
    m_timer.stop();
    m_stopped = false;
    m_attempt = 0;
    m_attempts = 0;
    m_successes = 0;
    emit changed();
}

bool Reconnector::userStopped()
{
    m_stopped = true;
    if (!m_timer.isActive())
        return false;
    m_timer.stop();
    emit changed();
    return true;
}

QString Reconnector::note(bool enabled, int intervalMs, const QString &message) const
{
    if (!willReconnect(enabled))
        return message;
    return tr("%1; connecting again in %2 ms (auto-reconnect)").arg(message).arg(intervalMs);
}

void Reconnector::schedule(bool enabled, int intervalMs)
{
    if (!willReconnect(enabled))
        return;
    m_timer.start(intervalMs);
    emit changed();
}

void Reconnector::connected()
{
    if (m_attempt == 0)
        return;
    ++m_successes;
    emit changed();
}
