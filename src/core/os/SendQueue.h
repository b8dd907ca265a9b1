#pragma once

#include <QByteArray>
#include <QList>

// Bytes waiting to leave through a non-blocking socket, and the loop that
// hands them to the kernel: as much as it takes now, the rest kept in
// order for when it has room again. The one write loop of the writers
// that send past Qt (HalfOpenWriter, DrainWriter).
class SendQueue
{
public:
    explicit SendQueue(QList<QByteArray> data = {});

    void append(const QByteArray &data);
    // Bytes not yet sent.
    qint64 size() const { return m_bytes; }
    bool isEmpty() const { return m_data.isEmpty(); }
    void clear();

    enum class Result {
        Sent,        // everything queued has left
        WouldBlock,  // the kernel has no room now: wait until the socket is writable
        Failed,      // a send failed; *osError has its errno (EPIPE, ECONNRESET, …)
    };
    // Sends what the kernel takes now, never blocking (and never raising
    // SIGPIPE).
    Result sendTo(int descriptor, int *osError);

private:
    QList<QByteArray> m_data;
    qint64 m_offset = 0;  // into m_data.first()
    qint64 m_bytes = 0;
};
