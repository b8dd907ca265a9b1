#include "ui/traffic/TrafficFilterModel.h"

#include "core/text/TextCodec.h"
#include "ui/traffic/TrafficLogModel.h"

#include <algorithm>
#include <vector>

using namespace Qt::StringLiterals;

namespace {

bool hasPayload(const TrafficEvent &e)
{
    return e.kind == TrafficEvent::Kind::Data || e.kind == TrafficEvent::Kind::Frame;
}

// "c4 e3", "c4e3ba" → bytes; empty when the text is not whole hex bytes.
QByteArray hexNeedle(const QString &text)
{
    QByteArray digits;
    for (QChar c : text) {
        if (c.isSpace())
            continue;
        const char16_t u = c.unicode();
        const bool hex = (u >= u'0' && u <= u'9') || (u >= u'a' && u <= u'f') || (u >= u'A' && u <= u'F');
        if (!hex)
            return {};
        digits += char(c.unicode());
    }
    if (digits.isEmpty() || digits.size() % 2 != 0)
        return {};
    return QByteArray::fromHex(digits);
}

} // namespace

TrafficFilterModel::TrafficFilterModel(QObject *parent)
    : QAbstractProxyModel(parent)
{
}

void TrafficFilterModel::setSourceModel(QAbstractItemModel *model)
{
    auto *traffic = qobject_cast<TrafficLogModel *>(model);
    if (traffic == m_source)
        return;
    beginResetModel();
    if (m_source)
        disconnect(m_source, nullptr, this, nullptr);
    m_source = traffic;
    QAbstractProxyModel::setSourceModel(traffic);
    if (m_source) {
        connect(m_source, &QAbstractItemModel::rowsInserted, this, &TrafficFilterModel::onSourceRowsInserted);
        connect(m_source, &QAbstractItemModel::rowsRemoved, this, &TrafficFilterModel::onSourceRowsRemoved);
        connect(m_source, &QAbstractItemModel::modelAboutToBeReset, this, &TrafficFilterModel::onSourceAboutToBeReset);
        connect(m_source, &QAbstractItemModel::modelReset, this, &TrafficFilterModel::onSourceReset);
        connect(m_source, &QAbstractItemModel::dataChanged, this, &TrafficFilterModel::onSourceDataChanged);
        connect(m_source, &QAbstractItemModel::headerDataChanged, this, &TrafficFilterModel::onSourceHeaderDataChanged);
        connect(m_source, &TrafficLogModel::renderingChanged, this, &TrafficFilterModel::onRenderingChanged);
        connect(m_source, &QObject::destroyed, this, &TrafficFilterModel::onSourceDestroyed);
    }
    fillFromSource();
    endResetModel();
}

bool TrafficFilterModel::isFiltering() const
{
    return m_direction != DirectionFilter::All || !m_peer.isNull() || !m_text.isEmpty();
}

void TrafficFilterModel::setDirectionFilter(DirectionFilter filter)
{
    if (filter == m_direction)
        return;
    m_direction = filter;
    refilter();
}

void TrafficFilterModel::setPeerFilter(const Endpoint &peer)
{
    if (peer == m_peer)
        return;
    m_peer = peer;
    refilter();
}

void TrafficFilterModel::setTextFilter(const QString &text)
{
    if (text == m_text)
        return;
    m_text = text;
    m_textLatin1Lower.clear();
    bool ascii = true;
    for (QChar c : text)
        ascii = ascii && c.unicode() < 0x80;
    if (ascii)
        m_textLatin1Lower = text.toLatin1().toLower();
    m_hexNeedle = hexNeedle(text);
    refilter();
}

bool TrafficFilterModel::matchesText(const TrafficEvent &e) const
{
    if (e.message.contains(m_text, Qt::CaseInsensitive))
        return true;
    if (!hasPayload(e))
        return false;
    if (!m_hexNeedle.isEmpty() && e.payload.contains(m_hexNeedle))
        return true;
    const QString encoding = m_source ? m_source->encoding() : u"UTF-8"_s;
    // In every ASCII-compatible encoding an ASCII character comes from the
    // same byte, so raw bytes that lack the needle cannot decode to it; this
    // spares the decoder almost every non-matching row.
    if (!m_textLatin1Lower.isEmpty() && !encoding.startsWith(u"UTF-16"_s)) {
        const QLatin1StringView haystack(e.payload.constData(), e.payload.size());
        if (!haystack.contains(QLatin1StringView(m_textLatin1Lower), Qt::CaseInsensitive))
            return false;
    }
    return TextCodec::decode(e.payload, encoding).text.contains(m_text, Qt::CaseInsensitive);
}

bool TrafficFilterModel::accepts(const TrafficEvent &e) const
{
    switch (m_direction) {
    case DirectionFilter::All:
        break;
    case DirectionFilter::In:
        if (!hasPayload(e) || e.direction != TrafficEvent::Direction::In)
            return false;
        break;
    case DirectionFilter::Out:
        if (!hasPayload(e) || e.direction != TrafficEvent::Direction::Out)
            return false;
        break;
    case DirectionFilter::Events:
        if (hasPayload(e))
            return false;
        break;
    }
    if (!m_peer.isNull() && !(e.peer == m_peer))
        return false;
    return m_text.isEmpty() || matchesText(e);
}

void TrafficFilterModel::fillFromSource()
{
    m_serials.clear();
    if (!m_source)
        return;
    const int rows = m_source->rowCount();
    const bool all = !isFiltering();
    for (int r = 0; r < rows; ++r) {
        if (all) {
            m_serials.push_back(m_source->serialAt(r));
            continue;
        }
        const std::optional<TrafficEvent> e = m_source->eventAt(r);
        if (e && accepts(*e))
            m_serials.push_back(m_source->serialAt(r));
    }
}

void TrafficFilterModel::refilter()
{
    emit layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
    const QModelIndexList before = persistentIndexList();
    std::vector<quint64> serials;
    serials.reserve(size_t(before.size()));
    for (const QModelIndex &i : before)
        serials.push_back(serialAt(i.row()));
    fillFromSource();
    QModelIndexList after;
    after.reserve(before.size());
    for (qsizetype k = 0; k < before.size(); ++k) {
        const int row = rowOfSerial(serials[size_t(k)]);
        after.append(row >= 0 ? index(row, before[k].column()) : QModelIndex());
    }
    changePersistentIndexList(before, after);
    emit layoutChanged({}, QAbstractItemModel::VerticalSortHint);
}

void TrafficFilterModel::onSourceRowsInserted(const QModelIndex &parent, int first, int last)
{
    if (parent.isValid() || !m_source)
        return;
    std::vector<quint64> accepted;
    const bool all = !isFiltering();
    for (int r = first; r <= last; ++r) {
        if (all) {
            accepted.push_back(m_source->serialAt(r));
            continue;
        }
        const std::optional<TrafficEvent> e = m_source->eventAt(r);
        if (e && accepts(*e))
            accepted.push_back(m_source->serialAt(r));
    }
    if (accepted.empty())
        return;
    // The source only ever appends, so new serials sort after ours.
    const int start = int(m_serials.size());
    beginInsertRows({}, start, start + int(accepted.size()) - 1);
    m_serials.insert(m_serials.end(), accepted.begin(), accepted.end());
    endInsertRows();
}

void TrafficFilterModel::onSourceRowsRemoved(const QModelIndex &parent, int, int)
{
    if (parent.isValid() || !m_source)
        return;
    // The source removes only what the log dropped: its oldest rows.
    const quint64 first = m_source->firstSerial();
    const auto keep = std::lower_bound(m_serials.begin(), m_serials.end(), first);
    const int gone = int(keep - m_serials.begin());
    if (gone == 0)
        return;
    beginRemoveRows({}, 0, gone - 1);
    m_serials.erase(m_serials.begin(), keep);
    endRemoveRows();
}

void TrafficFilterModel::onSourceAboutToBeReset()
{
    beginResetModel();
}

void TrafficFilterModel::onSourceReset()
{
    fillFromSource();
    endResetModel();
}

void TrafficFilterModel::onSourceDataChanged(const QModelIndex &topLeft, const QModelIndex &bottomRight,
                                             const QList<int> &roles)
{
    if (!m_source || m_serials.empty())
        return;
    const auto lo = std::lower_bound(m_serials.begin(), m_serials.end(), m_source->serialAt(topLeft.row()));
    const auto hi = std::upper_bound(lo, m_serials.end(), m_source->serialAt(bottomRight.row()));
    if (lo == hi)
        return;
    emit dataChanged(index(int(lo - m_serials.begin()), topLeft.column()),
                     index(int(hi - m_serials.begin()) - 1, bottomRight.column()), roles);
}

void TrafficFilterModel::onSourceHeaderDataChanged(Qt::Orientation orientation, int first, int last)
{
    if (orientation == Qt::Horizontal)
        emit headerDataChanged(orientation, first, last);
}

void TrafficFilterModel::onSourceDestroyed()
{
    // The base class forgets the source on its own; our typed pointer too.
    beginResetModel();
    m_source = nullptr;
    m_serials.clear();
    endResetModel();
}

void TrafficFilterModel::onRenderingChanged()
{
    // Only the text filter depends on the encoding.
    if (!m_text.isEmpty())
        refilter();
}

std::optional<TrafficEvent> TrafficFilterModel::eventAt(int row) const
{
    if (!m_source || row < 0 || row >= int(m_serials.size()))
        return std::nullopt;
    return m_source->eventAt(m_source->rowOfSerial(m_serials[size_t(row)]));
}

quint64 TrafficFilterModel::serialAt(int row) const
{
    if (row < 0 || row >= int(m_serials.size()))
        return ~quint64(0);
    return m_serials[size_t(row)];
}

int TrafficFilterModel::rowOfSerial(quint64 serial) const
{
    const auto it = std::lower_bound(m_serials.begin(), m_serials.end(), serial);
    if (it == m_serials.end() || *it != serial)
        return -1;
    return int(it - m_serials.begin());
}

QModelIndex TrafficFilterModel::index(int row, int column, const QModelIndex &parent) const
{
    if (parent.isValid() || row < 0 || column < 0 || row >= rowCount() || column >= columnCount())
        return {};
    return createIndex(row, column);
}

QModelIndex TrafficFilterModel::parent(const QModelIndex &) const
{
    return {};
}

QModelIndex TrafficFilterModel::sibling(int row, int column, const QModelIndex &) const
{
    return index(row, column);
}

int TrafficFilterModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_serials.size());
}

int TrafficFilterModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() || !m_source ? 0 : m_source->columnCount();
}

bool TrafficFilterModel::hasChildren(const QModelIndex &parent) const
{
    return !parent.isValid() && !m_serials.empty();
}

QVariant TrafficFilterModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    // The base class maps sections through row 0, which an empty filter lacks.
    if (orientation == Qt::Horizontal)
        return m_source ? m_source->headerData(section, orientation, role) : QVariant();
    return QAbstractProxyModel::headerData(section, orientation, role);
}

QModelIndex TrafficFilterModel::mapToSource(const QModelIndex &proxyIndex) const
{
    if (!m_source || !proxyIndex.isValid() || proxyIndex.row() >= int(m_serials.size()))
        return {};
    const int row = m_source->rowOfSerial(m_serials[size_t(proxyIndex.row())]);
    return row < 0 ? QModelIndex() : m_source->index(row, proxyIndex.column());
}

QModelIndex TrafficFilterModel::mapFromSource(const QModelIndex &sourceIndex) const
{
    if (!m_source || !sourceIndex.isValid())
        return {};
    const int row = rowOfSerial(m_source->serialAt(sourceIndex.row()));
    return row < 0 ? QModelIndex() : index(row, sourceIndex.column());
}
