#include "core/os/TimedSendThread.h"

#include "core/os/PreciseWaker.h"
#include "core/os/SockAddr.h"

#include <chrono>
#include <condition_variable>
#include <cstring>

#include <fcntl.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

namespace {

// The sockaddr for `address` in the socket's own family: a dual-stack IPv6
// socket reaches an IPv4 address as ::ffff:a.b.c.d.
QByteArray socketAddress(int fd, const QHostAddress &address, quint16 port)
{
    sockaddr_storage own{};
    socklen_t ownLength = sizeof own;
    if (::getsockname(fd, reinterpret_cast<sockaddr *>(&own), &ownLength) != 0)
        return {};
    sockaddr_storage sa;
    const unsigned length = SockAddr::fromEndpoint(Endpoint{address, port}, own.ss_family, &sa);
    return QByteArray(reinterpret_cast<const char *>(&sa), qsizetype(length));
}

} // namespace

TimedSendThread::~TimedSendThread()
{
    stop();
}

bool TimedSendThread::start(Plan plan, QString *error)
{
    stop();
    m_done.store(false, std::memory_order_relaxed);
    m_skipped.store(0, std::memory_order_relaxed);
    m_queue.clear();
    m_address = socketAddress(plan.fd, plan.address, plan.port);
    if (m_address.isEmpty()) {
        *error = QStringLiteral("the socket cannot reach %1 (another address family)").arg(plan.address.toString());
        return false;
    }
    // Its own descriptor: the session may close its socket at any time, and
    // a number the kernel has given to another file must never be written.
    m_fd = ::fcntl(plan.fd, F_DUPFD_CLOEXEC, 0);
    if (m_fd < 0) {
        *error = describe(errno);
        return false;
    }
    m_plan = std::move(plan);
    m_thread.start("sw-timed-send", [this](std::stop_token token) { run(std::move(token)); });
    return true;
}

void TimedSendThread::stop()
{
    m_thread.stop();
    if (m_fd >= 0) {
        ::close(m_fd);
        m_fd = -1;
    }
}

QList<TimedSendThread::Sent> TimedSendThread::take()
{
    std::lock_guard lock(m_mutex);
    return std::exchange(m_queue, {});
}

QString TimedSendThread::describe(int error)
{
    return QString::fromLocal8Bit(std::strerror(error));
}

void TimedSendThread::run(std::stop_token token)
{
    std::mutex sleepMutex;
    std::condition_variable_any sleeper;
    const auto *to = reinterpret_cast<const sockaddr *>(m_address.constData());
    const auto toLength = socklen_t(m_address.size());
    for (int made = 0; m_plan.count == 0 || made < m_plan.count; ++made) {
        // Sleep to the slot; condition_variable_any's wait on the monotonic
        // clock (pthread_cond_clockwait) is not rounded to milliseconds.
        const auto due = std::chrono::steady_clock::time_point(
            std::chrono::nanoseconds(m_plan.originNs + m_plan.nextDueNs()));
        {
            std::unique_lock lock(sleepMutex);
            sleeper.wait_until(lock, token, due, [] { return false; });
        }
        if (token.stop_requested())
            break;
        const qint64 elapsed = PreciseWaker::nowNs() - m_plan.originNs;
        m_skipped.fetch_add(m_plan.take(elapsed), std::memory_order_relaxed);
        Sent sent;
        // The log's clock (TrafficEvent::nowUs), which os/ does not include.
        sent.timeUs = std::chrono::duration_cast<std::chrono::microseconds>(
                          std::chrono::system_clock::now().time_since_epoch()).count();
        const ssize_t n = ::sendto(m_fd, m_plan.datagram.constData(), size_t(m_plan.datagram.size()),
                                   MSG_DONTWAIT | MSG_NOSIGNAL, to, toLength);
        if (n != m_plan.datagram.size())
            sent.error = n < 0 ? errno : EMSGSIZE;
        bool wasEmpty = false;
        {
            std::lock_guard lock(m_mutex);
            wasEmpty = m_queue.isEmpty();
            m_queue.append(sent);
        }
        if (wasEmpty && m_plan.ready)
            m_plan.ready();
        if (sent.error != 0)
            break;
    }
    if (token.stop_requested())
        return;   // stopped: not done, the owner knows
    m_done.store(true, std::memory_order_release);
    // The owner learns of the end through a take() that finds the thread done.
    if (m_plan.ready)
        m_plan.ready();
}
