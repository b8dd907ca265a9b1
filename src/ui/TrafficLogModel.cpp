#include "TrafficLogModel.h"

#include "Session.h"
#include "TextCodec.h"
#include "TrafficLog.h"

#include <QBrush>
#include <QColor>
#include <QDateTime>

TrafficLogModel::TrafficLogModel(Session *session, QObject *parent)
    : QAbstractTableModel(parent)
    , m_session(session)
    , m_log(session->log())
    , m_rows(session->log()->size())
    , m_encoding(session->encoding())
{
    connect(m_log, &TrafficLog::changed, this, &TrafficLogModel::onLogChanged);
    connect(m_log, &TrafficLog::cleared, this, &TrafficLogModel::onLogCleared);
}

int TrafficLogModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows);
}

int TrafficLogModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

void TrafficLogModel::onLogChanged(qsizetype dropped, qsizetype appended)
{
    if (dropped > 0) {
        const qsizetype n = qMin(dropped, m_rows);
        if (n > 0) {
            beginRemoveRows({}, 0, int(n - 1));
            m_rows -= n;
            endRemoveRows();
        }
    }
    const qsizetype target = m_log->size();
    if (target > m_rows) {
        beginInsertRows({}, int(m_rows), int(target - 1));
        m_rows = target;
        endInsertRows();
    }
    Q_UNUSED(appended);
}

void TrafficLogModel::onLogCleared()
{
    beginResetModel();
    m_rows = 0;
    endResetModel();
}

void TrafficLogModel::setEncoding(const QString &encoding)
{
    m_encoding = encoding;
    if (m_rows > 0)
        emit dataChanged(index(0, Preview), index(int(m_rows - 1), Preview));
}

void TrafficLogModel::setHexMode(bool hex)
{
    m_hex = hex;
    if (m_rows > 0)
        emit dataChanged(index(0, Preview), index(int(m_rows - 1), Preview));
}

QVariant TrafficLogModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows || index.row() >= m_log->size())
        return {};
    const TrafficEvent &e = m_log->at(index.row());
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case Time:
            return QDateTime::fromMSecsSinceEpoch(e.timeUs / 1000).toString(QStringLiteral("HH:mm:ss.zzz"));
        case Direction:
            if (e.kind != TrafficEvent::Kind::Data)
                return TrafficEvent::kindName(e.kind);
            return e.direction == TrafficEvent::Direction::In ? tr("← in") : tr("→ out");
        case Peer:
            return e.peer.toString();
        case Size:
            return e.kind == TrafficEvent::Kind::Data ? QVariant(e.payload.size()) : QVariant();
        case Preview: {
            if (e.kind != TrafficEvent::Kind::Data)
                return e.message;
            const QByteArray head = e.payload.left(512);
            QString text = m_hex ? TextCodec::toHex(head) : TextCodec::decode(head, m_encoding).text;
            text.replace(u'\n', QStringLiteral("⏎")).replace(u'\r', QStringLiteral("␍"));
            return text;
        }
        default:
            return {};
        }
    }
    if (role == Qt::ForegroundRole && index.column() == Direction) {
        if (e.kind == TrafficEvent::Kind::Error)
            return QBrush(QColor(0xc0, 0x1c, 0x28));
        if (e.kind == TrafficEvent::Kind::Data)
            return QBrush(e.direction == TrafficEvent::Direction::In ? QColor(0x1a, 0x5f, 0xb4) : QColor(0x26, 0xa2, 0x69));
    }
    return {};
}

QVariant TrafficLogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Time: return tr("Time");
    case Direction: return tr("Event");
    case Peer: return tr("Peer");
    case Size: return tr("Size");
    case Preview: return tr("Data / message");
    default: return {};
    }
}
