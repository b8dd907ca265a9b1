#pragma once

#include "core/log/TrafficEvent.h"
#include "core/net/Endpoint.h"

#include <QAbstractProxyModel>

#include <deque>
#include <optional>

class TrafficLogModel;

// Filters the traffic table by direction, peer and text without ever
// re-filtering what it has already filtered: new rows of the source are
// tested once, as they arrive (one insert per batch), and rows the log drops
// leave from the top. Only changing the filter itself walks every row.
//
// QSortFilterProxyModel would do the same job, but it re-maps the whole
// source on every batch once it holds 100,000 rows.
class TrafficFilterModel : public QAbstractProxyModel
{
    Q_OBJECT
public:
    enum class DirectionFilter { All, In, Out, Events };

    explicit TrafficFilterModel(QObject *parent = nullptr);

    // Must be a TrafficLogModel; anything else is refused (no source).
    void setSourceModel(QAbstractItemModel *model) override;

    DirectionFilter directionFilter() const { return m_direction; }
    void setDirectionFilter(DirectionFilter filter);
    // A null endpoint shows every peer.
    Endpoint peerFilter() const { return m_peer; }
    void setPeerFilter(const Endpoint &peer);
    // Case-insensitive; matches the payload decoded in the source model's
    // encoding, its hex ("c4 e3" or "c4e3"), or the event's message.
    QString textFilter() const { return m_text; }
    void setTextFilter(const QString &text);
    bool isFiltering() const;

    bool accepts(const TrafficEvent &event) const;

    // A copy of the row's event; empty when out of range or gone.
    std::optional<TrafficEvent> eventAt(int row) const;
    quint64 serialAt(int row) const;
    // -1 when the event is filtered out or gone.
    int rowOfSerial(quint64 serial) const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    QModelIndex sibling(int row, int column, const QModelIndex &idx) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    bool hasChildren(const QModelIndex &parent = {}) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    QModelIndex mapToSource(const QModelIndex &proxyIndex) const override;
    QModelIndex mapFromSource(const QModelIndex &sourceIndex) const override;

private:
    void onSourceRowsInserted(const QModelIndex &parent, int first, int last);
    void onSourceRowsRemoved(const QModelIndex &parent, int first, int last);
    void onSourceAboutToBeReset();
    void onSourceReset();
    void onSourceDataChanged(const QModelIndex &topLeft, const QModelIndex &bottomRight,
                             const QList<int> &roles);
    void onSourceHeaderDataChanged(Qt::Orientation orientation, int first, int last);
    void onRenderingChanged();
    void onSourceDestroyed();
    void fillFromSource();
    // Re-filters everything, keeping selections on the rows that stay.
    void refilter();
    bool matchesText(const TrafficEvent &event) const;

    TrafficLogModel *m_source = nullptr;
    std::deque<quint64> m_serials;   // serials of the accepted events, ascending
    DirectionFilter m_direction = DirectionFilter::All;
    Endpoint m_peer;
    QString m_text;
    QByteArray m_textLatin1Lower;    // m_text when it is ASCII, for a cheap pre-check
    QByteArray m_hexNeedle;          // m_text read as hex bytes, when it is hex
};
