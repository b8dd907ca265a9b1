#include "core/os/SocketActivationPacer.h"

#include <QAbstractEventDispatcher>
#include <QEvent>

SocketActivationPacer::SocketActivationPacer(QAbstractEventDispatcher *dispatcher, QObject *parent)
    : QObject(parent)
{
    // awake: the dispatcher starts a pass (before it polls again).
    if (dispatcher)
        connect(dispatcher, &QAbstractEventDispatcher::awake, this, &SocketActivationPacer::onAwake);
    m_passEnd.setSingleShot(true);
    m_passEnd.setInterval(0);
    connect(&m_passEnd, &QTimer::timeout, this, &SocketActivationPacer::onPassEnd);
}

SocketActivationPacer::~SocketActivationPacer()
{
    // Nothing stays disabled behind the pacer's back.
    for (const QPointer<QSocketNotifier> &n : m_parked)
        if (n)
            n->setEnabled(true);
}

void SocketActivationPacer::setBudget(int passMs, int perPass)
{
    m_passMs = qMax(1, passMs);
    m_perPass = qMax(1, perPass);
}

void SocketActivationPacer::onAwake()
{
    m_mostInOnePass = qMax(m_mostInOnePass, m_delivered + m_forced);
    if (m_heldThisPass)
        ++m_pacedPasses;
    else if (m_parked.empty())
        m_waiting.clear();  // the storm is over: forget who waited
    m_delivered = 0;
    m_forced = 0;
    m_heldThisPass = false;
    m_passClock.invalidate();
}

bool SocketActivationPacer::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() != QEvent::SockAct)
        return false;
    if (!m_passClock.isValid())
        m_passClock.start();
    const bool room = m_delivered < m_perPass && m_passClock.elapsed() < m_passMs;
    if (room) {
        ++m_delivered;
        if (!m_waiting.isEmpty())
            m_waiting.remove(watched);
        return false;
    }
    auto it = m_waiting.find(watched);
    // Starved ones: within a second budget, and at least one every pass.
    const bool forcedRoom = m_forced == 0 || (m_forced < m_perPass && m_passClock.elapsed() < 2 * m_passMs);
    if (it != m_waiting.end() && *it >= kStarvedPasses && forcedRoom) {
        ++m_forced;
        m_waiting.erase(it);
        return false;
    }
    // Held back: the descriptor is still ready, the next poll reports it again.
    if (it == m_waiting.end())
        m_waiting.insert(watched, 1);
    else
        ++*it;
    m_heldThisPass = true;
    ++m_heldBack;
    auto *notifier = qobject_cast<QSocketNotifier *>(watched);
    if (notifier && notifier->type() == QSocketNotifier::Read) {
        m_toPark.emplace_back(notifier);
        if (!m_passEnd.isActive())
            m_passEnd.start();
    }
    return true;
}

void SocketActivationPacer::onPassEnd()
{
    for (const QPointer<QSocketNotifier> &n : m_toPark) {
        if (n && n->isEnabled()) {
            n->setEnabled(false);
            m_parked.push_back(n);
            ++m_parkedTotal;
        }
    }
    m_toPark.clear();
    // About as many back as this pass delivered (a pass's count budget at
    // most), oldest first: the next poll reports those still ready
    // (readiness is level-triggered: nothing was lost). Those held again
    // keep counting towards starved (see eventFilter).
    const int wanted = qMin(m_perPass, qMax(m_delivered + m_forced, 32));
    for (int back = 0; back < wanted && !m_parked.empty();) {
        const QPointer<QSocketNotifier> n = m_parked.front();
        m_parked.pop_front();
        if (!n || n->isEnabled())
            continue;  // deleted, or enabled by its owner meanwhile
        n->setEnabled(true);
        ++back;
    }
    if (!m_parked.empty())
        m_passEnd.start();  // the next pass
}
