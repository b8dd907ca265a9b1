#pragma once

#include "core/net/Endpoint.h"

#include <QString>

// What the peer inspector shows about one connection (TCP) or one sender
// (UDP): where it is, since when, and how much went each way. The times
// and counts are kept by Session::record(), from the events of the
// connection.
struct ConnectionInfo
{
    quint32 id = 0;
    Endpoint local;
    Endpoint peer;
    qint64 sinceUs = 0;        // connected / first datagram, UTC µs; 0 until then
    qint64 lastActivityUs = 0;
    QString state;             // "connected", "closing", "closed", "seen" (UDP)
    quint64 bytesIn = 0;
    quint64 bytesOut = 0;
    quint64 messagesIn = 0;    // reads (TCP) or datagrams (UDP)
    quint64 messagesOut = 0;   // sends
    QString lastError;
    // The user paused its reading (Session::setReadingPaused, issue 21).
    bool readingPaused = false;
};
