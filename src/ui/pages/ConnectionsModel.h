#pragma once

#include "core/net/ConnectionInfo.h"

#include <QAbstractTableModel>
#include <QElapsedTimer>
#include <QHash>
#include <QList>
#include <QPointer>
#include <QTimer>

#include "core/net/Session.h"

// The connections (TCP) or senders (UDP) of a session as a table. It polls
// Session::connections() on a timer (counters change with every packet and
// the session does not announce those) and soon after connectionsChanged,
// and tells views only what changed: rows inserted for new ids, rows
// removed for ids that are gone, dataChanged for rows whose values moved.
// Rows keep the order in which their ids were first seen.
class ConnectionsModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        Id,
        Peer,
        Local,
        Since,
        BytesIn,
        BytesOut,
        MessagesIn,
        MessagesOut,
        State,
        ColumnCount
    };
    // Raw values (numbers, µs timestamps) for sorting through a proxy.
    static constexpr int SortRole = Qt::UserRole + 1;
    static constexpr int IdRole = Qt::UserRole + 2;

    static constexpr int kDefaultRefreshMs = 250;

    explicit ConnectionsModel(QObject *parent = nullptr);
    explicit ConnectionsModel(Session *session, QObject *parent = nullptr);
    ~ConnectionsModel() override;

    // The model follows one session at a time; null empties it.
    void setSession(Session *session);
    Session *session() const { return m_session; }

    // The interval asked for. With thousands of rows a refresh takes
    // milliseconds of the window's thread: the model then waits at least
    // ten times as long as the last refresh took, before polling again and
    // after connectionsChanged, so the table costs at most a tenth of it.
    void setRefreshInterval(int ms);
    int refreshInterval() const { return m_interval; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // 0 for a row out of range.
    quint32 idAt(int row) const;
    // -1 when the id is not (or no longer) in the table.
    int rowOf(quint32 id) const;
    // A default ConnectionInfo (id 0) for a row out of range.
    ConnectionInfo infoAt(int row) const;

    // Reads the session now instead of at the next tick.
    void refresh();
    // Ticks that found the session's connections unchanged
    // (Session::connectionsSerial) and read nothing: a read costs in
    // proportion to the clients, so thousands of idle ones would otherwise
    // cost the window at every tick for nothing
    // (bench/results/2026-12-03-clients-idle-ticks-a417792.md).
    quint64 idleTicks() const { return m_idleTicks; }
    // Even unchanged, the session is read again after this long.
    static constexpr int kIdleRereadMs = 2000;

private:
    // What refresh() does, without timing it.
    void update();
    void onConnectionsChanged();
    void onTick();
    void onSessionDestroyed();
    void clearRows();
    void removeGoneRows(const QHash<quint32, qsizetype> &current);
    void rebuildIndex();
    static bool differs(const ConnectionInfo &a, const ConnectionInfo &b);

    QPointer<Session> m_session;
    QList<ConnectionInfo> m_rows;
    QHash<quint32, int> m_rowOf;
    QTimer m_poll;
    quint64 m_readSerial = 0;  // the session's serial at the last read
    QElapsedTimer m_sinceRead;
    quint64 m_idleTicks = 0;
    // connectionsChanged arrives once per accepted client; a burst of
    // accepts becomes one refresh.
    QTimer m_coalesce;
    int m_interval = kDefaultRefreshMs;
};
