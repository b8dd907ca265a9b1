#pragma once

#include "core/commands/LibraryStore.h"

#include <QObject>
#include <QString>

#include <functional>

class QUndoStack;

// The one way the window changes the payload library: every change (from
// the library window or a tab's "Save input to library") is one step of a
// shared undo stack, so Undo after a delete brings the entry back whoever
// made the change, and the store saves each step.
class LibraryEdits : public QObject
{
    Q_OBJECT
public:
    using Edit = std::function<QString(PayloadLibrary &library)>;

    LibraryEdits(LibraryStore *store, QObject *parent = nullptr);

    LibraryStore *store() const { return m_store; }
    const PayloadLibrary &library() const { return m_store->library(); }
    QUndoStack *undoStack() const { return m_undo; }

    // Applies `edit` to a copy of the library and stores it as one undoable
    // step called `what`. Empty when done, else why not (nothing changed).
    QString change(const QString &what, const Edit &edit, const LibraryStore::Rename &rename = {});

signals:
    // An undo or redo could not be stored (the file cannot be written).
    void failed(const QString &error);

private:
    LibraryStore *m_store;
    QUndoStack *m_undo;
};
