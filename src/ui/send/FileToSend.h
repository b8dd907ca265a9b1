#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

// The bytes of a file the user chose to send (Send file…), read whole: a
// regular file of 1 byte to `maxBytes`. Anything else — missing, a FIFO
// or device (it would block the window, or never end), too large, empty,
// unreadable — is nothing, and *error says why in the send panel's words.
std::optional<QByteArray> readFileToSend(const QString &path, qint64 maxBytes, QString *error);
