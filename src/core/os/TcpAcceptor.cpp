#include "core/os/TcpAcceptor.h"

#include "core/os/SockAddr.h"

#include <QMutexLocker>
#include <QNetworkInterface>
#include <QTcpServer>

#include <sys/socket.h>
#include <unistd.h>

#include <iterator>
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
    m_thread.setObjectName(QStringLiteral("sw-accept"));
}

TcpAcceptor::~TcpAcceptor()
{
    close();
    for (const Accepted &a : m_queue)
        ::close(int(a.descriptor));
}

bool TcpAcceptor::listen(const QHostAddress &address, quint16 port, int backlog)
{
    close();
    auto *server = new Server(this);
    server->setListenBacklogSize(backlog);
    if (!server->listen(address, port)) {
        m_error = server->serverError();
        m_errorString = server->errorString();
        delete server;
        return false;
    }
    m_error = QAbstractSocket::UnknownSocketError;
    m_errorString.clear();
    m_address = server->serverAddress();
    m_port = server->serverPort();
    m_descriptor = server->socketDescriptor();
    // Emitted on the accept thread, where the server's error string is read;
    // this object's signal then reaches its owner's thread queued.
    connect(server, &QTcpServer::acceptError, server, [this, server](QAbstractSocket::SocketError error) {
        emit acceptError(error, server->errorString());
    });
    {
        const QMutexLocker lock(&m_mutex);
        m_full = false;
    }
    m_server = server;
    // The listening socket's notifier moves along and is enabled again on
    // the accept thread once its event loop runs.
    server->moveToThread(&m_thread);
    m_thread.start();
    return true;
}

void TcpAcceptor::close()
{
    if (!m_server)
        return;
    Server *server = std::exchange(m_server, nullptr);
    // Closed on its own thread; the thread's end deletes it (deferred
    // deletes run when a thread finishes).
    QMetaObject::invokeMethod(
        server,
        [server] {
            server->close();
            server->deleteLater();
        },
        Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
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

void TcpAcceptor::resumeAccepting()
{
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
