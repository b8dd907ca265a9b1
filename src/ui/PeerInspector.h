#pragma once

#include "ConnectionInfo.h"

#include <QPointer>
#include <QTimer>
#include <QWidget>

#include <memory>

namespace Ui {
class PeerInspector;
}
#include "Session.h"

// Details of one connection (TCP) or one sender (UDP) of a session: both
// endpoints, IP version, state, since when, traffic each way, last error.
// It re-reads the session on a timer while it is visible, so counters and
// the duration stay current; when the connection goes away the last known
// values stay on screen, marked "Closed".
class PeerInspector : public QWidget
{
    Q_OBJECT
public:
    static constexpr int kRefreshMs = 500;

    explicit PeerInspector(QWidget *parent = nullptr);
    ~PeerInspector() override;

    // Null shows "No connection selected".
    void setSession(Session *session);
    Session *session() const { return m_session; }

    // 0 = none ("No connection selected").
    void showConnection(quint32 id);
    void clear() { showConnection(0); }
    quint32 connectionId() const { return m_id; }
    // True when the shown connection is no longer in the session.
    bool isClosed() const { return m_closed; }

    // Reads the session now instead of at the next tick.
    void refresh();

protected:
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void onSessionDestroyed();
    bool lookUp(ConnectionInfo *info) const;
    void render();
    void updateTimer();

    std::unique_ptr<Ui::PeerInspector> m_ui;
    QPointer<Session> m_session;
    quint32 m_id = 0;
    ConnectionInfo m_info;
    bool m_closed = false;
    qint64 m_closedSeenUs = 0;   // when the connection was first found gone
    QTimer m_timer;
};
