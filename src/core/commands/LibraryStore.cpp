#include "core/commands/LibraryStore.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>

using namespace Qt::StringLiterals;

LibraryStore::LibraryStore(QObject *parent)
    : QObject(parent)
{
}

bool LibraryStore::open(const QString &path)
{
    m_path = path;
    PayloadLibrary loaded;
    QString error;
    if (QFileInfo::exists(path) && !loaded.load(path, &error)) {
        m_library = PayloadLibrary();
        m_loadError = error;
    } else {
        m_library = loaded;
        m_loadError.clear();
    }
    emit loadStateChanged();
    emit changed();
    return m_loadError.isEmpty();
}

bool LibraryStore::reload()
{
    return open(m_path);
}

bool LibraryStore::setAside(QString *kept, QString *error)
{
    if (!isHeld()) {
        *error = tr("The library file was read: there is nothing to set aside");
        return false;
    }
    const QString target = m_path + u".unreadable-"_s
        + QDateTime::currentDateTime().toString(u"yyyyMMdd-HHmmss"_s);
    if (QFileInfo::exists(m_path) && !QFile::rename(m_path, target)) {
        *error = tr("Cannot rename \u201c%1\u201d to \u201c%2\u201d")
                     .arg(QDir::toNativeSeparators(m_path), QDir::toNativeSeparators(target));
        return false;
    }
    *kept = target;
    m_library = PayloadLibrary();
    m_loadError.clear();
    emit loadStateChanged();
    emit changed();
    return true;
}

bool LibraryStore::setLibrary(const PayloadLibrary &library, QString *error, const Rename &rename)
{
    if (isHeld()) {
        *error = tr("The library file could not be read (%1); it is left as it is until you reload it "
                    "or set it aside: nothing was changed").arg(m_loadError);
        return false;
    }
    const QString bad = library.validate();
    if (!bad.isEmpty()) {
        *error = bad;
        return false;
    }
    if (!m_path.isEmpty() && !library.save(m_path, error))
        return false;
    m_library = library;
    error->clear();
    if (!rename.from.isEmpty() && rename.from != rename.to)
        emit payloadRenamed(rename.from, rename.to);
    emit changed();
    return true;
}
