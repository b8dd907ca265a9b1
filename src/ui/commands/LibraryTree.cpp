#include "ui/commands/LibraryTree.h"

#include "ui/commands/QuickSendBar.h"

#include <QMimeData>

LibraryTree::LibraryTree(QWidget *parent)
    : QTreeWidget(parent)
{
    setHeaderHidden(true);
    setDragEnabled(true);
    setDragDropMode(QAbstractItemView::DragOnly);
    setSelectionMode(QAbstractItemView::SingleSelection);
}

QStringList LibraryTree::mimeTypes() const
{
    return {QuickSendBar::mimeType()};
}

QMimeData *LibraryTree::mimeData(const QList<QTreeWidgetItem *> &items) const
{
    for (const QTreeWidgetItem *item : items) {
        const QString name = item->data(0, NameRole).toString();
        if (!name.isEmpty())
            return mimeDataFor(name);
    }
    return nullptr;
}

QMimeData *LibraryTree::mimeDataFor(const QString &name)
{
    auto *data = new QMimeData;
    data->setData(QuickSendBar::mimeType(), name.toUtf8());
    data->setText(name);
    return data;
}
