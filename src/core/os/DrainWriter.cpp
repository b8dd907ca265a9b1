#include "core/os/DrainWriter.h"

#include "core/os/SocketProbe.h"

#include <QSocketNotifier>
#include <QTimer>

#include <cerrno>

#include <sys/socket.h>
#include <unistd.h>

DrainWriter::DrainWriter(int descriptor, QList<QByteArray> data, QObject *parent)
    : QObject(parent)
    , m_fd(descriptor)
    , m_data(std::move(data))
{
    for (const QByteArray &chunk : std::as_const(m_data))
        m_remaining += chunk.size();
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
    while (!m_data.isEmpty()) {
        const QByteArray &chunk = m_data.constFirst();
        const ssize_t n = ::send(m_fd, chunk.constData() + m_offset, size_t(chunk.size() - m_offset),
                                 MSG_DONTWAIT | MSG_NOSIGNAL);
        if (n < 0) {
            if (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)
                return;  // the notifier calls again when there is room
            finish(false, SocketProbe::osErrorText(errno));
            return;
        }
        m_offset += n;
        m_remaining -= n;
        if (m_offset == chunk.size()) {
            m_data.removeFirst();
            m_offset = 0;
        }
    }
    ::shutdown(m_fd, SHUT_WR);
    finish(true, QString());
}

void DrainWriter::abort()
{
    if (m_fd < 0)
        return;
    linger l{};
    l.l_onoff = 1;
    l.l_linger = 0;
    ::setsockopt(m_fd, SOL_SOCKET, SO_LINGER, &l, sizeof(l));
    finish(false, QString());
}

void DrainWriter::finish(bool ok, const QString &error)
{
    m_notifier.reset();
    if (m_fd >= 0) {
        ::close(m_fd);
        m_fd = -1;
    }
    m_data.clear();
    emit finished(ok, error);
}
