#pragma once

#include "core/commands/PayloadLibrary.h"

#include <QObject>
#include <QString>

// The app's one payload library and its file: loaded at start, saved
// (atomically) after every change, shared by every tab and the library
// window. A file that cannot be read is never overwritten: the store holds
// an empty library, says why (loadError(), "Line 12: …"), and refuses
// changes until the user reloads a repaired file or sets the bad one aside.
class LibraryStore : public QObject
{
    Q_OBJECT
public:
    explicit LibraryStore(QObject *parent = nullptr);

    // Loads `path` and saves there from now on. A missing file is an empty
    // library (a first run); false when the file exists but is refused.
    bool open(const QString &path);
    // open() the same file again (after the user repaired it).
    bool reload();
    QString path() const { return m_path; }

    // Why the file could not be read, empty when it was (or was missing).
    QString loadError() const { return m_loadError; }
    // Changes are refused while the file on disk could not be read.
    bool isHeld() const { return !m_loadError.isEmpty(); }
    // Renames the unreadable file to "<name>.unreadable-<date-time>" beside
    // it and starts an empty library that is saved again; *kept is its new path.
    bool setAside(QString *kept, QString *error);

    const PayloadLibrary &library() const { return m_library; }

    // A payload renamed by a change, for those who keep names (quick-send buttons).
    struct Rename
    {
        QString from;
        QString to;
    };
    // Replaces the library and saves it. Refused (false, *error, nothing
    // changed) while held, or when the library does not hold together or
    // the file cannot be written.
    bool setLibrary(const PayloadLibrary &library, QString *error, const Rename &rename = {});

signals:
    void changed();
    void payloadRenamed(const QString &from, const QString &to);
    // open(), reload() or setAside() changed loadError().
    void loadStateChanged();

private:
    PayloadLibrary m_library;
    QString m_path;
    QString m_loadError;
};
