#include "core/os/UdpReceiver.h"

#include "core/os/SockAddr.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <QFile>

#include <cerrno>
#include <cstring>

namespace {
constexpr int kBatch = 64;
constexpr size_t kSlot = 65536;  // the largest datagram fits

// A sender, with its scope id (as a number).
Endpoint senderOf(const sockaddr_storage &ss)
{
    quint32 scope = 0;
    Endpoint e = SockAddr::toEndpoint(reinterpret_cast<const sockaddr *>(&ss), &scope);
    if (scope)
        e.address.setScopeId(QString::number(scope));
    return e;
}
} // namespace

UdpReceiver::UdpReceiver(qintptr descriptor, std::function<void()> wake, qsizetype maxQueuedBytes)
    : m_fd(int(descriptor))
    , m_wake(std::move(wake))
    , m_maxBytes(maxQueuedBytes)
{
    m_wakeFd = ::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
    // Each datagram then carries the socket's drop count.
    const int on = 1;
    ::setsockopt(m_fd, SOL_SOCKET, SO_RXQ_OVFL, &on, sizeof(on));
    m_thread.start("sw-udp-receive", [this](std::stop_token stop) { run(std::move(stop)); });
}

UdpReceiver::~UdpReceiver()
{
    stop();
    if (m_wakeFd >= 0)
        ::close(m_wakeFd);
}

void UdpReceiver::stop()
{
    m_thread.stop();
}

void UdpReceiver::take(qsizetype max, std::vector<Datagram> *datagrams, QList<SocketProbe::IcmpError> *errors)
{
    {
        std::lock_guard lock(m_mutex);
        for (qsizetype i = 0; i < max && !m_queue.empty(); ++i) {
            m_queuedBytes -= m_queue.front().data.size() + kPerDatagramOverhead;
            datagrams->push_back(std::move(m_queue.front()));
            m_queue.pop_front();
        }
        errors->append(m_errors);
        m_errors.clear();
    }
    m_space.notify_one();
}

bool UdpReceiver::isEmpty() const
{
    std::lock_guard lock(m_mutex);
    return m_queue.empty() && m_errors.isEmpty();
}

void UdpReceiver::run(std::stop_token stop)
{
    // A stop wakes poll() through the eventfd.
    const std::stop_callback wakePoll(stop, [this] {
        const quint64 one = 1;
        [[maybe_unused]] const auto n = ::write(m_wakeFd, &one, sizeof(one));
    });
    while (!stop.stop_requested()) {
        {
            // Full: stop reading until the session has taken some. The kernel
            // queue fills meanwhile and its drops are counted on the socket.
            std::unique_lock lock(m_mutex);
            if (!m_space.wait(lock, stop, [this] { return m_queuedBytes < m_maxBytes; }))
                break;
        }
        pollfd fds[2] = {{m_fd, POLLIN, 0}, {m_wakeFd, POLLIN, 0}};
        const int n = ::poll(fds, 2, 1000);
        if (n < 0 && errno != EINTR)
            break;
        if (n <= 0)
            continue;
        if (fds[1].revents)
            break;
        if (fds[0].revents & POLLNVAL)
            break;
        if (fds[0].revents & (POLLIN | POLLERR))
            readBatch(stop);
    }
}

void UdpReceiver::readBatch(const std::stop_token &stop)
{
    if (m_buffers.empty())
        m_buffers.resize(size_t(kBatch) * kSlot);
    std::vector<char> &buffers = m_buffers;
    mmsghdr msgs[kBatch];
    iovec iov[kBatch];
    sockaddr_storage names[kBatch];
    alignas(cmsghdr) char control[kBatch][CMSG_SPACE(sizeof(quint32))];
    // Bounded: one wake-up reads at most this many before looking at the
    // queue's room and the stop flag again.
    for (int round = 0; round < 64 && !stop.stop_requested(); ++round) {
        for (int i = 0; i < kBatch; ++i) {
            iov[i] = {buffers.data() + size_t(i) * kSlot, kSlot};
            std::memset(&msgs[i], 0, sizeof(msgs[i]));
            msgs[i].msg_hdr.msg_name = &names[i];
            msgs[i].msg_hdr.msg_namelen = sizeof(names[i]);
            msgs[i].msg_hdr.msg_iov = &iov[i];
            msgs[i].msg_hdr.msg_iovlen = 1;
            msgs[i].msg_hdr.msg_control = control[i];
            msgs[i].msg_hdr.msg_controllen = sizeof(control[i]);
        }
        const int got = ::recvmmsg(m_fd, msgs, kBatch, MSG_DONTWAIT, nullptr);
        QList<SocketProbe::IcmpError> errors;
        if (got < 0) {
            // An ICMP error (or a pending SO_ERROR) ends the batch: read the
            // error queue, so poll() stops reporting it.
            errors = SocketProbe::drainUdpErrors(m_fd);
        }
        std::vector<Datagram> batch;
        batch.reserve(size_t(qMax(got, 0)));
        for (int i = 0; i < got; ++i) {
            const auto *raw = reinterpret_cast<const char *>(&names[i]);
            const QByteArrayView rawName(raw, qsizetype(msgs[i].msg_hdr.msg_namelen));
            if (rawName != QByteArrayView(m_lastFromRaw)) {
                m_lastFromRaw = rawName.toByteArray();
                m_lastFrom = senderOf(names[i]);
            }
            for (cmsghdr *c = CMSG_FIRSTHDR(&msgs[i].msg_hdr); c; c = CMSG_NXTHDR(&msgs[i].msg_hdr, c)) {
                if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SO_RXQ_OVFL) {
                    quint32 drops = 0;
                    std::memcpy(&drops, CMSG_DATA(c), sizeof(drops));
                    m_kernelDrops.store(drops, std::memory_order_relaxed);
                }
            }
            batch.push_back({QByteArray(iov[i].iov_base ? static_cast<const char *>(iov[i].iov_base) : "",
                                        qsizetype(msgs[i].msg_len)),
                             m_lastFrom});
        }
        bool wasEmpty = false;
        bool full = false;
        {
            std::lock_guard lock(m_mutex);
            wasEmpty = m_queue.empty() && m_errors.isEmpty();
            for (Datagram &d : batch) {
                m_queuedBytes += d.data.size() + kPerDatagramOverhead;
                m_queue.push_back(std::move(d));
            }
            m_errors.append(errors);
            full = m_queuedBytes >= m_maxBytes;
        }
        if (got > 0)
            m_received.fetch_add(quint64(got), std::memory_order_relaxed);
        if (wasEmpty && (got > 0 || !errors.isEmpty()))
            m_wake();
        if (got < kBatch || full)
            break;
    }
}

quint64 UdpReceiver::socketDrops(qintptr descriptor)
{
    struct stat st = {};
    if (descriptor < 0 || ::fstat(int(descriptor), &st) != 0 || !S_ISSOCK(st.st_mode))
        return 0;
    const QByteArray inode = QByteArray::number(quint64(st.st_ino));
    // sl local rem st tx:rx tr:when retr uid timeout inode ref pointer drops
    for (const char *table : {"/proc/net/udp", "/proc/net/udp6"}) {
        QFile f(QString::fromLatin1(table));
        if (!f.open(QIODevice::ReadOnly))
            continue;
        f.readLine();  // the heading
        while (!f.atEnd()) {
            const QList<QByteArray> fields = f.readLine().simplified().split(' ');
            if (fields.size() >= 13 && fields.at(9) == inode)
                return fields.at(12).toULongLong();
        }
    }
    return 0;
}
