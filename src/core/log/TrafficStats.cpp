#include "core/log/TrafficStats.h"

#include "core/log/TrafficLog.h"
#include "core/net/Session.h"

#include <algorithm>

namespace {
// Counters only grow; should one ever start over, that is no traffic rather
// than an unsigned wrap into a rate of exabytes per second.
double perSecond(quint64 now, quint64 before, double seconds)
{
    return now >= before ? double(now - before) / seconds : 0.0;
}
} // namespace

TrafficStats::TrafficStats(QObject *parent)
    : QObject(parent)
{
    m_timer.setInterval(m_intervalMs);
    connect(&m_timer, &QTimer::timeout, this, &TrafficStats::sampleNow);
    m_clock.start();
}

TrafficStats::~TrafficStats() = default;

void TrafficStats::setSession(Session *session)
{
    m_session = session;
    m_history.clear();
    m_sampleCount = 0;
    m_peak = {};
    m_last = session ? session->counters() : SessionCounters();
    m_totals = m_last;
    m_connections = session ? session->connectionCount() : 0;
    m_droppedEvents = session ? session->log()->droppedEvents() : 0;
    m_droppedBytes = session ? session->log()->droppedPayloadBytes() : 0;
    m_lastNs = m_clock.nsecsElapsed();
    restartTimer();
}

void TrafficStats::setInterval(int ms)
{
    m_intervalMs = ms;
    restartTimer();
}

void TrafficStats::restartTimer()
{
    if (m_session && m_intervalMs > 0) {
        m_timer.setInterval(m_intervalMs);
        m_timer.start();
    } else {
        m_timer.stop();
    }
}

qsizetype TrafficStats::historyCapacity() const
{
    const int interval = m_intervalMs > 0 ? m_intervalMs : kDefaultIntervalMs;
    return std::max<qsizetype>(1, qsizetype((kWindowMs + interval - 1) / interval));
}

void TrafficStats::sampleNow()
{
    if (!m_session) {
        m_timer.stop();
        return;
    }
    // The timer's ticks drift and sampleNow() may come between them: divide
    // by the time that really passed. A floor of 1 ms keeps two samples in
    // the same instant from dividing by (almost) zero.
    const qint64 nowNs = m_clock.nsecsElapsed();
    const double seconds = double(std::max<qint64>(nowNs - m_lastNs, 1000000)) / 1e9;
    m_lastNs = nowNs;

    const SessionCounters c = m_session->counters();
    Sample s;
    s.atMs = nowNs / 1000000;
    s.rates.bytesIn = perSecond(c.bytesIn, m_last.bytesIn, seconds);
    s.rates.bytesOut = perSecond(c.bytesOut, m_last.bytesOut, seconds);
    s.rates.messagesIn = perSecond(c.messagesIn, m_last.messagesIn, seconds);
    s.rates.messagesOut = perSecond(c.messagesOut, m_last.messagesOut, seconds);
    s.connections = m_session->connectionCount();
    m_last = c;

    m_totals = c;
    m_connections = s.connections;
    m_droppedEvents = m_session->log()->droppedEvents();
    m_droppedBytes = m_session->log()->droppedPayloadBytes();
    m_peak.bytesIn = std::max(m_peak.bytesIn, s.rates.bytesIn);
    m_peak.bytesOut = std::max(m_peak.bytesOut, s.rates.bytesOut);
    m_peak.messagesIn = std::max(m_peak.messagesIn, s.rates.messagesIn);
    m_peak.messagesOut = std::max(m_peak.messagesOut, s.rates.messagesOut);

    m_history.push_back(s);
    ++m_sampleCount;
    // Bounded both ways: by count, so forced samples cannot pile up, and by
    // age, so a chart of the last minute never reaches further back.
    const qsizetype capacity = historyCapacity();
    while (qsizetype(m_history.size()) > capacity || m_history.front().atMs < s.atMs - kWindowMs)
        m_history.pop_front();
    emit sampled();
}
