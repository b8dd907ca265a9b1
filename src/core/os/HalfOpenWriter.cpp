#include "core/os/HalfOpenWriter.h"

#include "core/os/DescriptorCloser.h"
#include "core/os/SocketProbe.h"

#include <QSocketNotifier>
#include <QTimer>

#include <cerrno>

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

HalfOpenWriter::HalfOpenWriter(int descriptor, QList<QByteArray> pending, QObject *parent)
    : QObject(parent)
    , m_fd(descriptor)
    , m_queue(std::move(pending))
{
    // Enabled only while something waits: a CLOSE_WAIT socket is always
    // writable, and thousands of idle ones must cost the event loop nothing.
    m_notifier = std::make_unique<QSocketNotifier>(qintptr(m_fd), QSocketNotifier::Write);
    m_notifier->setEnabled(false);
    connect(m_notifier.get(), &QSocketNotifier::activated, this, &HalfOpenWriter::onWritable);
    if (m_queue.size() > 0)
        QTimer::singleShot(0, this, &HalfOpenWriter::onWritable);  // the owner connects first
}

HalfOpenWriter::~HalfOpenWriter()
{
    m_notifier.reset();
    if (m_fd >= 0)
        ::close(m_fd);
}

bool HalfOpenWriter::write(const QByteArray &data)
{
    if (!isOpen())
        return false;
    if (data.isEmpty())
        return true;
    const bool wasEmpty = m_queue.isEmpty();
    m_queue.append(data);
    if (wasEmpty)
        onWritable();
    return true;
}

void HalfOpenWriter::onWritable()
{
    if (m_fd < 0)
        return;
    int osError = 0;
    switch (m_queue.sendTo(m_fd, &osError)) {
    case SendQueue::Result::WouldBlock:
        m_notifier->setEnabled(true);  // called again when there is room
        return;
    case SendQueue::Result::Failed:
        fail(osError);
        return;
    case SendQueue::Result::Sent:
        break;
    }
    m_notifier->setEnabled(false);
    if (m_closing) {
        ::shutdown(m_fd, SHUT_WR);
        end(true);
    }
}

void HalfOpenWriter::close()
{
    if (m_fd < 0 || m_closing)
        return;
    m_closing = true;
    onWritable();
}

void HalfOpenWriter::reset()
{
    if (m_fd < 0)
        return;
    SocketProbe::setAbortiveClose(m_fd);
    end(false);
}

bool HalfOpenWriter::checkPeerReset()
{
    if (m_fd < 0)
        return false;
    tcp_info info{};
    socklen_t len = sizeof(info);
    if (::getsockopt(m_fd, IPPROTO_TCP, TCP_INFO, &info, &len) != 0 || info.tcpi_state != TCP_CLOSE)
        return false;
    int error = 0;
    len = sizeof(error);
    ::getsockopt(m_fd, SOL_SOCKET, SO_ERROR, &error, &len);
    fail(error != 0 ? error : ECONNRESET);
    return true;
}

void HalfOpenWriter::fail(int osError)
{
    emit failed(osError, SocketProbe::osErrorText(osError));
    end(false);
}

void HalfOpenWriter::end(bool ok)
{
    if (m_fd < 0)
        return;
    m_notifier.reset();
    // The last descriptor of the connection: its close (the kernel's FIN or
    // RST work) runs off the window's thread, as for any client.
    DescriptorCloser::close(m_fd);
    m_fd = -1;
    emit finished(ok);
}
