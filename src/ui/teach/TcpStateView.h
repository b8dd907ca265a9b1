#pragma once

#include "core/teach/TcpStateWatch.h"

#include <QWidget>

class ListenQueuesView;
class QCheckBox;
class QLabel;
class QListWidget;
class QProgressBar;
class Session;
class TcpStateDiagram;
struct TrafficEvent;

// The live TCP state view of a tab: the state diagram for the selected
// connection (or the listener), the path it took with each transition's
// cause, and a header naming the socket and its state. It samples the
// kernel only while it is shown (TcpStateWatch), so a tab nobody looks at
// costs nothing.
class TcpStateView : public QWidget
{
    Q_OBJECT
public:
    explicit TcpStateView(QWidget *parent = nullptr);

    // Follows what a TCP tab does: the listener once a server listens, the
    // connection once a client connects, and on a server the connection
    // showConnection() names (a row selected in the traffic or the clients).
    void setSession(Session *session);
    // The connection with this id in the session; 0 goes back to the
    // listener (server) or the connection (client).
    void showConnection(quint32 id);

    // Follows the connection local <-> peer.
    void watchConnection(const Endpoint &local, const Endpoint &peer, TcpStateWatch::Origin origin);
    // Follows the listening socket on local.
    void watchListener(const Endpoint &local);
    void clear();

    TcpStateWatch *watch() const { return m_watch; }
    TcpStateDiagram *diagram() const { return m_diagram; }
    // The header's text and the steps as listed, for tests.
    QString headerText() const;
    QStringList stepTexts() const;
    // The flow-control bars' texts (receive queue, send queue, peer's
    // window, RTT), empty while they are hidden.
    QStringList queueTexts() const;
    // --- Issue 21: the listen queues, and pausing a connection's reading ---
    // Shown while the view follows a listener.
    ListenQueuesView *listenQueues() const { return m_listenQueues; }
    // The Pause reading switch of the connection it follows (with the
    // flow-control bars); the connection's id, 0 for none.
    QCheckBox *pauseReadingCheck() const { return m_pauseReading; }
    quint32 shownConnection() const { return m_shownId; }

protected:
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    void refresh();
    void refreshQueues();
    void onEvent(const TrafficEvent &event);

    Session *m_session = nullptr;
    quint32 m_shownId = 0;     // the connection chosen on a server, 0 for none
    Endpoint m_listener;       // where the server listens, once it does

    TcpStateWatch *m_watch;
    TcpStateDiagram *m_diagram;
    QLabel *m_header;
    QListWidget *m_steps;
    QWidget *m_queues;
    QList<QProgressBar *> m_bars;   // receive queue, send queue, peer's window, RTT
    // --- Issue 21 ---
    void showReadingPaused();
    ListenQueuesView *m_listenQueues;
    QCheckBox *m_pauseReading;
};
