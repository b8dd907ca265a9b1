#include "core/os/TcpAcceptor.h"

#include "core/os/SockAddr.h"

#include <QEventLoop>
#include <QMutexLocker>
#include <QNetworkInterface>
#include <QTcpServer>

#include <cerrno>
#include <cstring>

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <future>
#include <iterator>
#include <memory>
#include <utility>

// The QTcpServer whose accept loop feeds the hand-off queue instead of
// wrapping each descriptor in a QTcpSocket on the accept thread.
class TcpAcceptor::Server : public QTcpServer
{
public:
    explicit Server(TcpAcceptor *owner)
        : m_owner(owner)
    {
    }

protected:
    void incomingConnection(qintptr descriptor) override
    {
        // Qt's accept loop still runs to the end of the kernel's queue (at
        // most the backlog more), then waits for resumeAccepting().
        if (m_owner->push(descriptor))
            pauseAccepting();
    }

private:
    TcpAcceptor *m_owner;
};

TcpAcceptor::TcpAcceptor(QObject *parent)
    : QObject(parent)
{
}

TcpAcceptor::~TcpAcceptor()
{
    close();
    for (const Accepted &a : m_queue)
        ::close(int(a.descriptor));
}

namespace {

// socket(), bind() and listen() without SO_REUSEADDR (QTcpServer always
// sets it on Unix); the descriptor, or -1 with errno set.
int listenWithoutReuse(const QHostAddress &address, quint16 port, int backlog)
{
    // QHostAddress::Any is Qt's dual stack: the IPv6 wildcard, not v6-only.
    const bool any = address == QHostAddress::Any;
    sockaddr_storage sa;
    const socklen_t length = SockAddr::fromEndpoint(
        Endpoint{any ? QHostAddress(QHostAddress::AnyIPv6) : address, port},
        address.protocol() == QAbstractSocket::IPv4Protocol ? AF_INET : AF_INET6, &sa);
    const int fd = ::socket(sa.ss_family, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    if (fd < 0)
        return -1;
    if (any) {
        const int off = 0;   // dual stack, as QHostAddress::Any means to Qt
        ::setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &off, sizeof off);
    }
    if (::bind(fd, reinterpret_cast<const sockaddr *>(&sa), length) != 0 || ::listen(fd, backlog) != 0) {
        const int error = errno;
        ::close(fd);
        errno = error;
        return -1;
    }
    return fd;
}

// listen() on `server` without SO_REUSEADDR; false with the error filled in.
bool listenOn(QTcpServer &server, const QHostAddress &address, quint16 port, int backlog,
              QAbstractSocket::SocketError *error, QString *errorString)
{
    const int fd = listenWithoutReuse(address, port, backlog);
    if (fd < 0) {
        const int code = errno;
        *error = code == EADDRINUSE      ? QAbstractSocket::AddressInUseError
                 : code == EACCES        ? QAbstractSocket::SocketAccessError
                 : code == EADDRNOTAVAIL ? QAbstractSocket::SocketAddressNotAvailableError
                                         : QAbstractSocket::UnknownSocketError;
        *errorString = QString::fromLocal8Bit(std::strerror(code));
        return false;
    }
    if (!server.setSocketDescriptor(fd)) {
        *error = server.serverError();
        *errorString = server.errorString();
        ::close(fd);
        return false;
    }
    return true;
}

} // namespace

bool TcpAcceptor::listen(const QHostAddress &address, quint16 port, int backlog, bool reuseAddress)
{
    close();
    // What listen() found on the accept thread, known here before returning.
    struct Listening
    {
        Server *server = nullptr;  // null when listen() failed
        QAbstractSocket::SocketError error = QAbstractSocket::UnknownSocketError;
        QString errorString;
        QHostAddress address;
        quint16 port = 0;
        qintptr descriptor = -1;
    };
    // Shared with the thread: it may still be inside set_value() when get() returns here.
    auto listening = std::make_shared<std::promise<Listening>>();
    {
        const QMutexLocker lock(&m_mutex);
        m_full = false;
    }
    m_thread.start("sw-accept", [this, address, port, backlog, reuseAddress, listening](std::stop_token stop) {
        // First: the listening socket's notifier needs the thread's event dispatcher.
        QEventLoop loop;
        Server server(this);
        server.setListenBacklogSize(backlog);
        Listening result;
        if (reuseAddress ? !server.listen(address, port) : !listenOn(server, address, port, backlog, &result.error, &result.errorString)) {
            if (reuseAddress) {
                result.error = server.serverError();
                result.errorString = server.errorString();
            }
            listening->set_value(result);
            return;
        }
        if (isAcceptPaused())
            server.pauseAccepting();
        // Emitted here, where the server's error string is read; this
        // object's signal then reaches its owner's thread queued.
        connect(&server, &QTcpServer::acceptError, &server, [this, &server](QAbstractSocket::SocketError error) {
            emit acceptError(error, server.errorString());
        });
        result.server = &server;
        result.address = server.serverAddress();
        result.port = server.serverPort();
        result.descriptor = server.socketDescriptor();
        const std::stop_callback quit(stop, [&loop] {
            QMetaObject::invokeMethod(&loop, &QEventLoop::quit, Qt::QueuedConnection);
        });
        listening->set_value(result);
        loop.exec();
        server.close();
    });
    const Listening result = listening->get_future().get();
    m_error = result.error;
    m_errorString = result.errorString;
    if (!result.server) {
        m_thread.stop();
        return false;
    }
    m_server = result.server;
    m_address = result.address;
    m_port = result.port;
    m_descriptor = result.descriptor;
    return true;
}

void TcpAcceptor::close()
{
    // The accept thread closes the listening socket as its event loop ends.
    m_thread.stop();
    m_server = nullptr;
    m_descriptor = -1;
}

bool TcpAcceptor::push(qintptr descriptor)
{
    Accepted accepted;
    accepted.descriptor = descriptor;
    sockaddr_storage peer{};
    socklen_t length = sizeof peer;
    // As QTcpSocket reads it (an IPv4 client of a dual-stack server stays
    // ::ffff:a.b.c.d; a scope is an interface name).
    if (::getpeername(int(descriptor), reinterpret_cast<sockaddr *>(&peer), &length) == 0) {
        quint32 scope = 0;
        accepted.peer = SockAddr::toEndpoint(reinterpret_cast<const sockaddr *>(&peer), &scope);
        if (scope)
            accepted.peer.address.setScopeId(QNetworkInterface::interfaceNameFromIndex(int(scope)));
    }
    bool notify = false;
    bool pause = false;
    {
        const QMutexLocker lock(&m_mutex);
        m_queue.push_back(std::move(accepted));
        notify = !std::exchange(m_notified, true);
        if (!m_full && int(m_queue.size()) >= m_limit)
            pause = m_full = true;
    }
    if (notify)
        emit pending();
    return pause;
}

std::vector<TcpAcceptor::Accepted> TcpAcceptor::take(int max)
{
    std::vector<Accepted> taken;
    bool resume = false;
    {
        const QMutexLocker lock(&m_mutex);
        const auto n = std::min<std::size_t>(std::size_t(qMax(max, 0)), m_queue.size());
        taken.assign(std::make_move_iterator(m_queue.begin()),
                     std::make_move_iterator(m_queue.begin() + std::ptrdiff_t(n)));
        m_queue.erase(m_queue.begin(), m_queue.begin() + std::ptrdiff_t(n));
        if (m_queue.empty())
            m_notified = false;
        if (m_full && int(m_queue.size()) <= m_limit / 2) {
            m_full = false;
            resume = true;
        }
    }
    if (resume)
        resumeAccepting();
    return taken;
}

int TcpAcceptor::pendingCount() const
{
    const QMutexLocker lock(&m_mutex);
    return int(m_queue.size());
}

void TcpAcceptor::setAcceptPaused(bool paused)
{
    {
        const QMutexLocker lock(&m_mutex);
        m_paused = paused;
    }
    if (paused && m_server)
        QMetaObject::invokeMethod(m_server, &QTcpServer::pauseAccepting, Qt::QueuedConnection);
    else if (!paused)
        resumeAccepting();
}

bool TcpAcceptor::isAcceptPaused() const
{
    const QMutexLocker lock(&m_mutex);
    return m_paused;
}

void TcpAcceptor::resumeAccepting()
{
    {
        const QMutexLocker lock(&m_mutex);
        if (m_paused || m_full)
            return;
    }
    if (m_server)
        QMetaObject::invokeMethod(m_server, &QTcpServer::resumeAccepting, Qt::QueuedConnection);
}

void TcpAcceptor::setHandOffLimit(int limit)
{
    const QMutexLocker lock(&m_mutex);
    m_limit = qMax(limit, 1);
}

int TcpAcceptor::handOffLimit() const
{
    const QMutexLocker lock(&m_mutex);
    return m_limit;
}
