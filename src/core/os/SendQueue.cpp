#include "core/os/SendQueue.h"

#include <cerrno>
#include <utility>

#include <sys/socket.h>

SendQueue::SendQueue(QList<QByteArray> data)
    : m_data(std::move(data))
{
    for (const QByteArray &chunk : std::as_const(m_data))
        m_bytes += chunk.size();
}

void SendQueue::append(const QByteArray &data)
{
    m_data.append(data);
    m_bytes += data.size();
}

void SendQueue::clear()
{
    m_data.clear();
    m_offset = 0;
    m_bytes = 0;
}

SendQueue::Result SendQueue::sendTo(int descriptor, int *osError)
{
    while (!m_data.isEmpty()) {
        const QByteArray &chunk = m_data.constFirst();
        const ssize_t n = ::send(descriptor, chunk.constData() + m_offset, size_t(chunk.size() - m_offset),
                                 MSG_DONTWAIT | MSG_NOSIGNAL);
        if (n < 0) {
            if (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)
                return Result::WouldBlock;
            if (osError)
                *osError = errno;
            return Result::Failed;
        }
        m_offset += n;
        m_bytes -= n;
        if (m_offset == chunk.size()) {
            m_data.removeFirst();
            m_offset = 0;
        }
    }
    return Result::Sent;
}
