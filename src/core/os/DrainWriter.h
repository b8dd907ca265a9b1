#pragma once

#include "core/os/SendQueue.h"

#include <QByteArray>
#include <QList>
#include <QObject>

#include <memory>

class QSocketNotifier;

// Sends what Qt dropped when the peer half-closed (see UnsentTail) through a
// duplicate of the connection's descriptor (SocketProbe::takeDescriptor()),
// then shuts down the sending side (FIN) and closes it: the peer gets every
// byte the log says was sent, then the end of the stream. Non-blocking; the
// owner deletes it after finished().
class DrainWriter : public QObject
{
    Q_OBJECT
public:
    DrainWriter(int descriptor, QList<QByteArray> data, QObject *parent = nullptr);
    ~DrainWriter() override;

    qint64 remaining() const { return m_queue.size(); }
    // Ends now: RST, whatever is left is not sent (the session stops).
    void abort();

signals:
    // ok: everything was sent and the FIN followed; otherwise `error` says
    // why the rest (remaining() bytes) could not be sent.
    void finished(bool ok, const QString &error);

private:
    void onWritable();
    void finish(bool ok, const QString &error);

    int m_fd;
    SendQueue m_queue;  // what is left is kept until the writer goes: remaining()
    std::unique_ptr<QSocketNotifier> m_notifier;
};
