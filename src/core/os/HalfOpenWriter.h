#pragma once

#include "core/os/SendQueue.h"

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QString>

#include <memory>

class QSocketNotifier;

// Our sending side of a TCP connection whose peer has finished sending (its
// FIN: the socket is in CLOSE_WAIT). Qt closes a QTcpSocket as soon as
// read() returns 0, so the session keeps the connection through a duplicate
// of its descriptor (SocketProbe::takeDescriptor()) and writes through this:
// non-blocking, what the kernel does not take now waits here and leaves when
// there is room, nothing is dropped. An error (EPIPE, ECONNRESET: the peer
// had closed completely and answered with an RST) is reported once and ends
// it. The owner closes it with close() (FIN after what is queued) or
// reset() (RST), and deletes it after finished().
class HalfOpenWriter : public QObject
{
    Q_OBJECT
public:
    // `pending`: what Qt dropped when it closed (see UnsentTail), sent first.
    HalfOpenWriter(int descriptor, QList<QByteArray> pending, QObject *parent = nullptr);
    ~HalfOpenWriter() override;

    // Queues `data` and sends what the kernel takes now. False when the
    // writer has ended (closed, reset or failed): nothing is queued then.
    bool write(const QByteArray &data);
    qint64 queued() const { return m_queue.size(); }
    bool isOpen() const { return m_fd >= 0 && !m_closing; }
    // Open, or closing while what is queued still leaves.
    bool isActive() const { return m_fd >= 0; }

    // FIN once everything queued has left; finished(true) then.
    void close();
    // RST now; what is queued is dropped (queued() says how much).
    void reset();
    // Whether the peer reset the connection while we were not writing (its
    // RST answered an earlier write, or it aborted): the kernel's TCP state
    // is CLOSE. Reports it like a failed write (failed()) when it did.
    bool checkPeerReset();

signals:
    // A write failed (`osError` is errno: EPIPE, ECONNRESET, …); the writer
    // has ended and finished(false) follows.
    void failed(int osError, const QString &error);
    // The writer has ended: ok = everything was sent and the FIN followed.
    void finished(bool ok);

private:
    void onWritable();
    void fail(int osError);
    void end(bool ok);

    int m_fd;
    SendQueue m_queue;
    bool m_closing = false;
    std::unique_ptr<QSocketNotifier> m_notifier;
};
