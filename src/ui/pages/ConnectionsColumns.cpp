#include "ui/pages/ConnectionsColumns.h"

#include "ui/pages/ConnectionsModel.h"

#include <QHeaderView>
#include <QMenu>
#include <QStyle>
#include <QTableView>

using namespace Qt::StringLiterals;

ConnectionsColumns::ConnectionsColumns(QTableView *table)
    : QObject(table)
    , m_table(table)
{
    QAbstractItemModel *model = table->model();
    QHeaderView *header = table->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setStretchLastSection(true);
    header->setMinimumSectionSize(textWidth(u"#0"_s));
    const auto fit = [&](int column, const QStringList &samples) {
        int w = textWidth(model->headerData(column, Qt::Horizontal).toString());
        for (const QString &s : samples)
            w = qMax(w, textWidth(s));
        table->setColumnWidth(column, w);
    };
    fit(ConnectionsModel::Id, {u"#000"_s});
    // Loopback with the highest port: what a test on this machine shows.
    fit(ConnectionsModel::Peer, {u"127.0.0.1:65535"_s});
    fit(ConnectionsModel::Local, {u"127.0.0.1:65535"_s});
    fit(ConnectionsModel::Since, {u"00:00:00"_s});
    for (int column : {ConnectionsModel::BytesIn, ConnectionsModel::BytesOut, ConnectionsModel::MessagesIn,
                       ConnectionsModel::MessagesOut})
        fit(column, {u"000,000"_s});
    m_maxEndpointWidth = textWidth(u"[ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff]:65535"_s);
    for (int column : detailColumns())
        table->setColumnHidden(column, true);

    header->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(header, &QWidget::customContextMenuRequested, this, &ConnectionsColumns::onHeaderMenu);
    connect(model, &QAbstractItemModel::rowsInserted, this,
            [this](const QModelIndex &, int first, int last) { fitEndpoints(first, last); });
    connect(model, &QAbstractItemModel::modelReset, this, [this] {
        fitEndpoints(0, m_table->model()->rowCount() - 1);
    });
    connect(model, &QAbstractItemModel::rowsRemoved, this, &ConnectionsColumns::updateScrollBar);
    fitEndpoints(0, model->rowCount() - 1);
}

QList<int> ConnectionsColumns::detailColumns()
{
    return {ConnectionsModel::Local, ConnectionsModel::Since, ConnectionsModel::MessagesIn,
            ConnectionsModel::MessagesOut, ConnectionsModel::State};
}

int ConnectionsColumns::textWidth(const QString &text) const
{
    // The header's margins on both sides and a character's breathing room.
    const int margins = 2 * m_table->style()->pixelMetric(QStyle::PM_HeaderMargin, nullptr, m_table);
    return m_table->fontMetrics().horizontalAdvance(text) + margins + m_table->fontMetrics().averageCharWidth();
}

void ConnectionsColumns::fitEndpoints(int first, int last)
{
    // Measured once per new row, as it arrives: the columns only grow, up to
    // an IPv6 address's width, so they never jump while the table scrolls.
    const QAbstractItemModel *model = m_table->model();
    for (int column : {int(ConnectionsModel::Peer), int(ConnectionsModel::Local)}) {
        int wanted = m_table->columnWidth(column);
        for (int row = first; row <= last; ++row)
            wanted = qMax(wanted, textWidth(model->index(row, column).data().toString()));
        wanted = qMin(wanted, m_maxEndpointWidth);
        if (wanted > m_table->columnWidth(column))
            m_table->setColumnWidth(column, wanted);
    }
    updateScrollBar();
}

void ConnectionsColumns::updateScrollBar()
{
    m_table->setHorizontalScrollBarPolicy(m_table->model()->rowCount() == 0 ? Qt::ScrollBarAlwaysOff
                                                                             : Qt::ScrollBarAsNeeded);
}

void ConnectionsColumns::onHeaderMenu(const QPoint &pos)
{
    QMenu menu(m_table);
    const QAbstractItemModel *model = m_table->model();
    for (int column = 0; column < model->columnCount(); ++column) {
        QAction *action = menu.addAction(model->headerData(column, Qt::Horizontal).toString());
        action->setCheckable(true);
        action->setChecked(!m_table->isColumnHidden(column));
        // The peer is what a row is about.
        action->setEnabled(column != ConnectionsModel::Peer);
        connect(action, &QAction::toggled, m_table, [this, column](bool on) { m_table->setColumnHidden(column, !on); });
    }
    menu.exec(m_table->horizontalHeader()->mapToGlobal(pos));
}
