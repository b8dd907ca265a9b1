#pragma once

#include "core/net/ConnectionInfo.h"

#include <QPointer>
#include <QTimer>
#include <QWidget>

#include <memory>

namespace Ui {
class PeerInspector;
}
class LabelElider;
#include "core/net/Session.h"

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
    // How many of the newest events are searched for a closed connection's
    // endpoints (a click's worth of work on a log of millions).
    static constexpr qsizetype kLogSearch = 200000;

    explicit PeerInspector(QWidget *parent = nullptr);
    ~PeerInspector() override;

    // Null shows "No connection selected". A TCP client session's own
    // connection is shown without being selected.
    void setSession(Session *session);
    Session *session() const { return m_session; }

    // 0 = none ("No connection selected"), or a TCP client's own connection.
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
    // The TCP client's own connection (0 for other sessions, or none yet).
    quint32 ownConnectionId() const;
    // Endpoints and times of m_id from the session's last word on it and its
    // logged events, for a connection that is gone.
    void fillFromLog(ConnectionInfo *info);
    void render();
    void updateTimer();

    std::unique_ptr<Ui::PeerInspector> m_ui;
    LabelElider *m_peerAddress = nullptr;
    LabelElider *m_localAddress = nullptr;
    QPointer<Session> m_session;
    quint32 m_id = 0;
    ConnectionInfo m_info;
    bool m_closed = false;
    qint64 m_closedSeenUs = 0;   // when the connection was first found gone
    QTimer m_timer;
};
