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
    // Asked while the session announced an event: the send of these n bytes
    // waits until the announcement is over (Session::deferredWhileAnnouncing),
    // and its own events say how it went.
    static SendResult deferred(qint64 n) { return success(n); }
};
