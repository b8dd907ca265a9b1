#pragma once

#include <QAbstractTableModel>
#include <QPointer>

class Session;
class TrafficLog;

// The traffic table over a session's log: rows are the log's retained
// events; the log's batched change notices become one remove and one insert
// per refresh, never a reset per packet.
class TrafficLogModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Time, Direction, Peer, Size, Preview, ColumnCount };

    explicit TrafficLogModel(Session *session, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    void setEncoding(const QString &encoding);
    void setHexMode(bool hex);

private:
    void onLogChanged(qsizetype dropped, qsizetype appended);
    void onLogCleared();

    QPointer<Session> m_session;
    TrafficLog *m_log;
    qsizetype m_rows = 0;
    QString m_encoding = QStringLiteral("UTF-8");
    bool m_hex = false;
};
