#pragma once

#include <QString>

// The answer to a send request: either the bytes were handed to the socket,
// or nothing was sent and `error` says why in words for the user.
struct SendResult
{
    qint64 bytes = 0;
    QString error;
    bool ok() const { return error.isEmpty(); }

    static SendResult failure(const QString &why) { return SendResult{0, why}; }
    static SendResult success(qint64 n) { return SendResult{n, QString()}; }
};
