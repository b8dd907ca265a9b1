#pragma once

#include <QDialog>
#include <QString>
#include <QStringList>

#include <memory>

namespace Ui {
class LibraryWindow;
}
class LibraryEdits;
class LibraryTree;
class PayloadEditor;
class PayloadEntry;

// The payload library window (one for the app, opened from the menu and
// from every tab's quick-send bar): payloads by group, a search over names,
// groups, text and notes, the selected payload's settings and bytes; add,
// edit, rename, move, delete, undo and redo; import (merging by name) and
// export of library files. Entries dragged from it onto a tab's quick-send
// bar become buttons there. Every change goes through LibraryEdits, so it
// is saved at once and can be undone.
class LibraryWindow : public QDialog
{
    Q_OBJECT
public:
    explicit LibraryWindow(LibraryEdits *edits, QWidget *parent = nullptr);
    ~LibraryWindow() override;

    LibraryTree *tree() const;
    // Names of the payloads the list shows now (the search applied), in order.
    QStringList shownNames() const;
    void setSearch(const QString &words);
    bool selectEntry(const QString &name);
    QString selectedName() const;
    // The line under the list: what was done, or why not.
    QString message() const;

    // Each opens the (non-modal) editor and returns it.
    PayloadEditor *addEntry();
    PayloadEditor *editEntry(const QString &name);
    // Each returns why not, empty when done (and says so in the message line).
    QString renameEntry(const QString &from, const QString &to);
    QString deleteEntry(const QString &name);
    QString moveEntry(const QString &name, int delta);
    QString importFrom(const QString &path);
    QString exportTo(const QString &path);

protected:
    void changeEvent(QEvent *event) override;

private:
    void rebuild();
    void showSelected();
    void updateActions();
    void updateHeldBanner();
    void showMessage(const QString &text, bool error);
    void onRenameClicked();
    void onImportClicked();
    void onExportClicked();
    void onReloadClicked();
    void onSetAsideClicked();
    QStringList groupNames() const;
    // The editor of `entry`: a new one when `original` is empty, else the
    // payload of that name.
    PayloadEditor *openEditor(const PayloadEntry &entry, const QString &original);

    std::unique_ptr<Ui::LibraryWindow> m_ui;
    LibraryEdits *m_edits;
};
