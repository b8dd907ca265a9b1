#pragma once

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QPointer>
#include <QSocketNotifier>
#include <QTimer>

#include <deque>
#include <vector>

class QAbstractEventDispatcher;

// Spreads a storm of socket notifications over several event-loop passes.
//
// Qt's event loop polls every descriptor and then delivers a notice to every
// socket that is ready, all in the same pass. When 10,000 clients close at
// once, that pass reads 10,000 end-of-streams, closes 10,000 sockets and
// holds the window until all of that is done
// (bench/results/2026-12-03-load-fc15266.md). Installed on the
// application, the pacer lets the notices of one pass through for a bounded
// time and count; the rest it holds back. Readiness is level-triggered (a
// socket with unread data or an unread FIN stays ready), so a held-back
// socket is reported again by the next poll, after the window has had its
// turn: nothing is lost, it only waits a pass.
//
// No socket waits forever behind sockets that are always ready (a flood):
// one held back in kStarvedPasses passes is let through on the next, within
// a second budget of the same size (and at least one such every pass), so a
// pass does about twice the bound at most.
//
// Held-back read notifiers are also parked: disabled once the pass's notices
// are delivered, and enabled again, oldest first, about as many per pass as
// the pass let through (at least 32, at most the count budget). Qt 6.4's dispatcher marks every ready notifier pending with a
// linear search of the pending list, so 10,000 ready ones cost 50 million
// comparisons a pass (bench/results/2026-12-03-ab-175e59e-pacer-parks.md);
// parked, the first pass pays that once and the later ones see about a
// budget's worth ready.
// A notifier deleted while parked is simply forgotten; one its owner enabled
// meanwhile is left alone. Only read notifiers are parked: a spurious read
// notice is harmless to its owner (Qt's sockets read, find nothing, wait).
class SocketActivationPacer : public QObject
{
    Q_OBJECT
public:
    static constexpr int kPassMs = 8;
    static constexpr int kPerPass = 1024;
    static constexpr int kStarvedPasses = 3;

    // Paces the socket notices of the dispatcher's thread; the pacer must
    // live in that thread and be installed there as the application's (or
    // an object's) event filter.
    explicit SocketActivationPacer(QAbstractEventDispatcher *dispatcher, QObject *parent = nullptr);
    ~SocketActivationPacer() override;

    void setBudget(int passMs, int perPass);

    // Since construction: passes that held notices back, and notices held.
    quint64 pacedPasses() const { return m_pacedPasses; }
    quint64 heldBack() const { return m_heldBack; }
    // The most notices let through in one pass.
    int mostInOnePass() const { return m_mostInOnePass; }
    // Read notifiers parked (disabled by the pacer) now, and since construction.
    int parkedNow() const { return int(m_parked.size()); }
    quint64 parkedTotal() const { return m_parkedTotal; }

    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void onAwake();
    void onPassEnd();

    int m_passMs = kPassMs;
    int m_perPass = kPerPass;
    QElapsedTimer m_passClock;  // from the pass's first notice
    int m_delivered = 0;        // within the budget, this pass
    int m_forced = 0;           // starved ones let through past it, this pass
    bool m_heldThisPass = false;
    // Passes each held-back notifier has waited (only while some wait).
    QHash<QObject *, int> m_waiting;
    quint64 m_pacedPasses = 0;
    quint64 m_heldBack = 0;
    int m_mostInOnePass = 0;
    // Held back this pass, to park once its notices are delivered (Qt's
    // dispatcher searches its pending list on each disable meanwhile).
    std::vector<QPointer<QSocketNotifier>> m_toPark;
    std::deque<QPointer<QSocketNotifier>> m_parked;  // oldest first
    quint64 m_parkedTotal = 0;
    // Zero timer: timers run after the socket notices of the same pass.
    QTimer m_passEnd;
};
