#pragma once

#include <QTreeWidget>

// The library window's list: payloads under their groups. An entry dragged
// out of it carries its name (QuickSendBar::mimeType()), so dropping it on a
// tab's quick-send bar adds a button for it.
class LibraryTree : public QTreeWidget
{
    Q_OBJECT
public:
    // Item data: the payload's name (empty on a group's row).
    static constexpr int NameRole = Qt::UserRole + 1;

    explicit LibraryTree(QWidget *parent = nullptr);
    // What dragging the payload `name` carries.
    static QMimeData *mimeDataFor(const QString &name);

protected:
    QStringList mimeTypes() const override;
    QMimeData *mimeData(const QList<QTreeWidgetItem *> &items) const override;
};
