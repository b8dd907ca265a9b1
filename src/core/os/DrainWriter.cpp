#include "core/os/DrainWriter.h"

#include "core/os/SocketProbe.h"

#include <QSocketNotifier>
#include <QTimer>

#include <sys/socket.h>
#include <unistd.h>

DrainWriter::DrainWriter(int descriptor, QList<QByteArray> data, QObject *parent)
    : QObject(parent)
    , m_fd(descriptor)
    , m_queue(std::move(data))
{
    m_notifier = std::make_unique<QSocketNotifier>(qintptr(m_fd), QSocketNotifier::Write);
    connect(m_notifier.get(), &QSocketNotifier::activated, this, &DrainWriter::onWritable);
    // From the event loop: whoever made it connects to finished() first.
    QTimer::singleShot(0, this, &DrainWriter::onWritable);
}

DrainWriter::~DrainWriter()
{
    m_notifier.reset();
    if (m_fd >= 0)
        ::close(m_fd);
}

void DrainWriter::onWritable()
{
    if (m_fd < 0)
        return;
    int osError = 0;
    switch (m_queue.sendTo(m_fd, &osError)) {
    case SendQueue::Result::WouldBlock:
        return;  // the notifier calls again when there is room
    case SendQueue::Result::Failed:
        finish(false, SocketProbe::osErrorText(osError));
        return;
    case SendQueue::Result::Sent:
        break;
    }
    ::shutdown(m_fd, SHUT_WR);
    finish(true, QString());
}

void DrainWriter::abort()
{
    if (m_fd < 0)
        return;
    SocketProbe::setAbortiveClose(m_fd);
    finish(false, QString());
}

void DrainWriter::finish(bool ok, const QString &error)
{
    m_notifier.reset();
    if (m_fd >= 0) {
        ::close(m_fd);
        m_fd = -1;
    }
    emit finished(ok, error);
}
