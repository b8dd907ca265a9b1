#pragma once

#include <QByteArray>
#include <QList>

#include <deque>

// The bytes a QTcpSocket may still hold unsent. When the peer's FIN arrives,
// Qt closes the socket and throws away its write buffer, though the peer
// only half-closed and still reads (an echo to `nc -N` would lose its end).
// Qt cannot give those bytes back, so the session keeps the suffix of what
// it wrote that is at most as long as what Qt had pending after each write:
// the bytes Qt drops are then the last bytesToWrite() of it. The chunks are
// the payloads themselves (implicitly shared), so keeping them costs no copy.
class UnsentTail
{
public:
    // After socket->write(payload) and flush(): `pending` is bytesToWrite().
    void wrote(const QByteArray &payload, qint64 pending);
    // The last `pending` bytes written (pending = bytesToWrite() now).
    QList<QByteArray> last(qint64 pending) const;
    qint64 size() const { return m_size; }
    void clear();

private:
    void trimTo(qint64 keep);

    std::deque<QByteArray> m_chunks;
    qint64 m_skip = 0;   // bytes of the first chunk already known to be sent
    qint64 m_size = 0;   // kept bytes, without the skipped ones
};
