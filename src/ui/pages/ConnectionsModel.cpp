#include "ui/pages/ConnectionsModel.h"

#include "core/net/Session.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QLocale>

#include <algorithm>

namespace {
QDateTime localTime(qint64 us)
{
    return QDateTime::fromMSecsSinceEpoch(us / 1000);
}

// More runs than this and one dataChanged over their span is cheaper for a
// view than a signal per run.
constexpr int kMaxChangedRuns = 32;
// More runs of gone rows than this and one reset is cheaper than a removal each.
constexpr int kMaxRemovedRuns = 32;
// After connectionsChanged, the refresh waits this long for more changes.
constexpr int kCoalesceMs = 50;
// The next refresh waits at least this many times as long as the last took.
constexpr int kCostFactor = 10;
} // namespace

ConnectionsModel::ConnectionsModel(QObject *parent)
    : QAbstractTableModel(parent)
{
    m_poll.setInterval(kDefaultRefreshMs);
    connect(&m_poll, &QTimer::timeout, this, &ConnectionsModel::onTick);
    m_coalesce.setSingleShot(true);
    m_coalesce.setInterval(kCoalesceMs);
    connect(&m_coalesce, &QTimer::timeout, this, &ConnectionsModel::refresh);
}

ConnectionsModel::ConnectionsModel(Session *session, QObject *parent)
    : ConnectionsModel(parent)
{
    setSession(session);
}

ConnectionsModel::~ConnectionsModel() = default;

void ConnectionsModel::setSession(Session *session)
{
    if (session == m_session && (session || m_rows.isEmpty()))
        return;
    if (m_session)
        disconnect(m_session, nullptr, this, nullptr);
    m_session = session;
    clearRows();
    if (!session) {
        m_poll.stop();
        m_coalesce.stop();
        return;
    }
    connect(session, &Session::connectionsChanged, this, &ConnectionsModel::onConnectionsChanged);
    connect(session, &QObject::destroyed, this, &ConnectionsModel::onSessionDestroyed);
    m_poll.start();
    refresh();
}

void ConnectionsModel::onSessionDestroyed()
{
    // The QPointer is already null here, so setSession(nullptr) would see no change.
    m_poll.stop();
    m_coalesce.stop();
    clearRows();
}

void ConnectionsModel::clearRows()
{
    if (m_rows.isEmpty())
        return;
    beginRemoveRows({}, 0, int(m_rows.size() - 1));
    m_rows.clear();
    m_rowOf.clear();
    endRemoveRows();
}

void ConnectionsModel::setRefreshInterval(int ms)
{
    m_interval = qMax(10, ms);
    m_poll.setInterval(m_interval);
}

void ConnectionsModel::onTick()
{
    // Counters change without connectionsChanged, so the table polls; the
    // session's serial says whether there is anything to read.
    if (m_session && m_sinceRead.isValid() && m_session->connectionsSerial() == m_readSerial
        && m_sinceRead.elapsed() < kIdleRereadMs) {
        ++m_idleTicks;
        return;
    }
    refresh();
}

void ConnectionsModel::onConnectionsChanged()
{
    if (!m_coalesce.isActive())
        m_coalesce.start();
}

int ConnectionsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ConnectionsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ConnectionsModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const ConnectionInfo &c = m_rows.at(index.row());
    const auto column = Column(index.column());
    switch (role) {
    case Qt::DisplayRole: {
        const QLocale locale;
        switch (column) {
        case Id: return tr("#%1").arg(c.id);
        case Peer: return c.peer.toString();
        case Local: return c.local.toString();
        case Since: {
            if (!c.sinceUs)
                return QString();
            // The date only when it is not today: it would double the column's width.
            const QDateTime t = localTime(c.sinceUs);
            return t.date() == QDate::currentDate() ? t.toString(QStringLiteral("HH:mm:ss"))
                                                    : t.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
        }
        case BytesIn: return locale.toString(c.bytesIn);
        case BytesOut: return locale.toString(c.bytesOut);
        case MessagesIn: return locale.toString(c.messagesIn);
        case MessagesOut: return locale.toString(c.messagesOut);
        case State: return c.readingPaused ? tr("%1, reading paused").arg(c.state) : c.state;
        case ColumnCount: break;
        }
        return {};
    }
    case SortRole:
        switch (column) {
        case Id: return c.id;
        case Peer: return c.peer.toString();
        case Local: return c.local.toString();
        case Since: return c.sinceUs;
        case BytesIn: return c.bytesIn;
        case BytesOut: return c.bytesOut;
        case MessagesIn: return c.messagesIn;
        case MessagesOut: return c.messagesOut;
        case State: return c.state;
        case ColumnCount: break;
        }
        return {};
    case IdRole:
        return c.id;
    case Qt::TextAlignmentRole:
        if (column == BytesIn || column == BytesOut || column == MessagesIn || column == MessagesOut || column == Id)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case Qt::ToolTipRole:
        if (column == Since && c.sinceUs)
            return localTime(c.sinceUs).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz t"));
        if (column == State && !c.lastError.isEmpty())
            return tr("Last error: %1").arg(c.lastError);
        if (column == Peer || column == Local)
            return data(index, Qt::DisplayRole);
        return {};
    default:
        return {};
    }
}

QVariant ConnectionsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::DisplayRole) {
        switch (Column(section)) {
        case Id: return tr("ID");
        case Peer: return tr("Peer");
        case Local: return tr("Local");
        case Since: return tr("Since");
        case BytesIn: return tr("Bytes in");
        case BytesOut: return tr("Bytes out");
        case MessagesIn: return tr("Msgs in");
        case MessagesOut: return tr("Msgs out");
        case State: return tr("State");
        case ColumnCount: break;
        }
    } else if (role == Qt::ToolTipRole) {
        switch (Column(section)) {
        case Id: return tr("Connection number within the session");
        case Peer: return tr("Address and port of the other end");
        case Local: return tr("Address and port of this end");
        case Since: return tr("When the connection was accepted or made, or the first datagram arrived (local time)");
        case BytesIn: return tr("Bytes received from the peer");
        case BytesOut: return tr("Bytes sent to the peer");
        case MessagesIn: return tr("Reads (TCP) or datagrams (UDP) received");
        case MessagesOut: return tr("Sends to the peer");
        case State: return tr("Connection state");
        case ColumnCount: break;
        }
    }
    return {};
}

quint32 ConnectionsModel::idAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).id : 0;
}

int ConnectionsModel::rowOf(quint32 id) const
{
    return m_rowOf.value(id, -1);
}

ConnectionInfo ConnectionsModel::infoAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row) : ConnectionInfo{};
}

bool ConnectionsModel::differs(const ConnectionInfo &a, const ConnectionInfo &b)
{
    return a.bytesIn != b.bytesIn || a.bytesOut != b.bytesOut || a.messagesIn != b.messagesIn
        || a.messagesOut != b.messagesOut || a.state != b.state || a.lastError != b.lastError
        || a.sinceUs != b.sinceUs || a.lastActivityUs != b.lastActivityUs || !(a.peer == b.peer)
        || !(a.local == b.local) || a.readingPaused != b.readingPaused;
}

void ConnectionsModel::rebuildIndex()
{
    m_rowOf.clear();
    m_rowOf.reserve(m_rows.size());
    for (int i = 0; i < m_rows.size(); ++i)
        m_rowOf.insert(m_rows.at(i).id, i);
}

void ConnectionsModel::removeGoneRows(const QHash<quint32, qsizetype> &current)
{
    // Each run of gone rows is one removal for the views, and each costs the
    // views and the rows list time in proportion to the rows. When thousands
    // of clients leave at once, their rows are scattered in thousands of
    // runs: then one reset is far cheaper (views keep their selection by id
    // through it, see TcpServerPage).
    int runs = 0;
    bool previousGone = false;
    for (const ConnectionInfo &c : std::as_const(m_rows)) {
        const bool gone = !current.contains(c.id);
        if (gone && !previousGone)
            ++runs;
        previousGone = gone;
    }
    if (runs == 0)
        return;
    if (runs > kMaxRemovedRuns) {
        beginResetModel();
        m_rows.removeIf([&current](const ConnectionInfo &c) { return !current.contains(c.id); });
        rebuildIndex();
        endResetModel();
        return;
    }
    // From the end, so the rows of earlier runs keep their numbers.
    int row = int(m_rows.size()) - 1;
    while (row >= 0) {
        if (current.contains(m_rows.at(row).id)) {
            --row;
            continue;
        }
        const int last = row;
        while (row > 0 && !current.contains(m_rows.at(row - 1).id))
            --row;
        beginRemoveRows({}, row, last);
        m_rows.remove(row, last - row + 1);
        endRemoveRows();
        --row;
    }
    rebuildIndex();
}

void ConnectionsModel::refresh()
{
    if (!m_session)
        return;
    QElapsedTimer cost;
    cost.start();
    m_readSerial = m_session->connectionsSerial();
    m_sinceRead.start();
    update();
    const int wait = int(qMin<qint64>(cost.elapsed(), 1000)) * kCostFactor;
    const int poll = qMax(m_interval, wait);
    if (m_poll.interval() != poll)
        m_poll.setInterval(poll);  // restarts it: only when it changes
    m_coalesce.setInterval(qMax(kCoalesceMs, wait));
}

void ConnectionsModel::update()
{
    const QList<ConnectionInfo> now = m_session->connections();

    QHash<quint32, qsizetype> current;
    current.reserve(now.size());
    for (qsizetype i = 0; i < now.size(); ++i)
        current.insert(now.at(i).id, i);
    removeGoneRows(current);

    QList<std::pair<int, int>> runs;   // changed rows, as [first, last]
    QList<qsizetype> added;
    for (qsizetype i = 0; i < now.size(); ++i) {
        const ConnectionInfo &c = now.at(i);
        const auto it = m_rowOf.constFind(c.id);
        if (it == m_rowOf.cend()) {
            // The same id twice in one list would otherwise become two rows.
            if (current.value(c.id) == i)
                added.append(i);
            continue;
        }
        ConnectionInfo &old = m_rows[*it];
        if (!differs(old, c))
            continue;
        old = c;
        if (!runs.isEmpty() && runs.last().second == *it - 1)
            runs.last().second = *it;
        else
            runs.append({*it, *it});
    }
    if (!runs.isEmpty()) {
        // Sessions list ids in ascending order and rows follow first-seen
        // order, so runs are usually sorted; sort anyway to merge them.
        std::sort(runs.begin(), runs.end());
        if (runs.size() > kMaxChangedRuns) {
            emit dataChanged(index(runs.first().first, 0), index(runs.last().second, ColumnCount - 1));
        } else {
            for (const auto &[first, last] : std::as_const(runs))
                emit dataChanged(index(first, 0), index(last, ColumnCount - 1));
        }
    }
    if (!added.isEmpty()) {
        const int first = int(m_rows.size());
        beginInsertRows({}, first, first + int(added.size()) - 1);
        m_rows.reserve(m_rows.size() + added.size());
        for (qsizetype i : std::as_const(added)) {
            m_rowOf.insert(now.at(i).id, int(m_rows.size()));
            m_rows.append(now.at(i));
        }
        endInsertRows();
    }
}
