#pragma once

#include <QObject>

class QModelIndex;
class QPoint;
class QTableView;

// The columns of a clients or peers table (a QTableView over a
// ConnectionsModel) in a side panel a few hundred pixels wide: the ID, the
// peer endpoint and bytes each way are shown, wide enough for what they
// hold (an endpoint's port is never cut off, and a longer endpoint widens
// its column when it arrives); the local endpoint, the time, the message
// counts and the state, which the peer inspector shows for the selected
// row, can be switched on from the header's context menu. An empty table
// has no horizontal scroll bar: there is nothing to scroll to.
class ConnectionsColumns : public QObject
{
    Q_OBJECT
public:
    // Takes the table's current model, which must be a ConnectionsModel.
    explicit ConnectionsColumns(QTableView *table);

    // Columns hidden until the user asks for them.
    static QList<int> detailColumns();

private:
    void fitEndpoints(int first, int last);
    void updateScrollBar();
    void onHeaderMenu(const QPoint &pos);
    int textWidth(const QString &text) const;

    QTableView *m_table;
    int m_maxEndpointWidth = 0;
};
