#pragma once

// Whole files in and out, for tests that check a file was (or was not) touched.

#include <QByteArray>
#include <QFile>
#include <QString>

namespace FileBytes {

inline QByteArray read(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

inline bool write(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

} // namespace FileBytes
