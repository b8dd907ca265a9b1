#include "ui/commands/LibraryEdits.h"

#include <QUndoCommand>
#include <QUndoStack>

namespace {

// One change as the libraries before and after it: undoing stores the one
// before, whatever the change was (add, edit, delete, move, import).
class LibraryStep : public QUndoCommand
{
public:
    LibraryStep(LibraryEdits *edits, const QString &what, const PayloadLibrary &before, const PayloadLibrary &after,
                const LibraryStore::Rename &rename)
        : QUndoCommand(what), m_edits(edits), m_before(before), m_after(after), m_rename(rename)
    {
    }

    void redo() override
    {
        // The first redo is push()'s: the change is already stored.
        if (m_done) {
            m_done = false;
            return;
        }
        store(m_after, m_rename);
    }
    void undo() override { store(m_before, {m_rename.to, m_rename.from}); }

private:
    void store(const PayloadLibrary &library, const LibraryStore::Rename &rename)
    {
        QString error;
        if (!m_edits->store()->setLibrary(library, &error, rename))
            emit m_edits->failed(error);
    }

    LibraryEdits *m_edits;
    PayloadLibrary m_before;
    PayloadLibrary m_after;
    LibraryStore::Rename m_rename;
    bool m_done = true;
};

} // namespace

LibraryEdits::LibraryEdits(LibraryStore *store, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_undo(new QUndoStack(this))
{
    // A library read again or set aside is not the one the steps were made on.
    connect(store, &LibraryStore::loadStateChanged, m_undo, &QUndoStack::clear);
}

QString LibraryEdits::change(const QString &what, const Edit &edit, const LibraryStore::Rename &rename)
{
    const PayloadLibrary before = m_store->library();
    PayloadLibrary after = before;
    const QString refused = edit(after);
    if (!refused.isEmpty())
        return refused;
    if (after == before)
        return {};
    QString error;
    if (!m_store->setLibrary(after, &error, rename))
        return error;
    m_undo->push(new LibraryStep(this, what, before, after, rename));
    return {};
}
