#pragma once

#include "core/net/Endpoint.h"
#include "core/os/WorkerThread.h"

#include <QAbstractSocket>
#include <QHostAddress>
#include <QMutex>
#include <QObject>

#include <deque>
#include <vector>

// The listening socket of a TCP server, served on a thread of its own.
//
// accept() runs there as fast as clients arrive, whatever the window is
// doing, so a burst of thousands of clients is taken off the kernel's listen
// queue before it overflows (an overflowing queue drops SYNs, and each
// dropped client waits a second or more for its retransmit). The accepted
// descriptors wait in a bounded hand-off queue until the owner's thread takes
// them and wraps each in a QTcpSocket, a batch at a time between repaints.
// When the hand-off queue is full, accepting pauses (the kernel's queue holds
// the rest meanwhile) until the owner has taken half of it.
//
// Everything but the listening socket and its accept loop (made, served by
// an event loop and closed on the acceptor's WorkerThread) runs on the
// thread that owns the acceptor.
class TcpAcceptor : public QObject
{
    Q_OBJECT
public:
    static constexpr int kDefaultHandOffLimit = 8192;

    struct Accepted
    {
        qintptr descriptor = -1;
        // getpeername() right after accept(); a null address when it failed
        // (the client reset while it waited in the kernel's queue).
        Endpoint peer;
    };

    explicit TcpAcceptor(QObject *parent = nullptr);
    // Closes the listening socket and every descriptor not taken yet.
    ~TcpAcceptor() override;

    // Listens now (errors are known on return), then accepts on the thread.
    // reuseAddress: SO_REUSEADDR before bind(), as Qt sets it; without it a
    // port that a connection in TIME_WAIT still holds cannot be bound
    // (EADDRINUSE), which is what a lesson shows.
    bool listen(const QHostAddress &address, quint16 port, int backlog, bool reuseAddress = true);
    // Stops accepting and closes the listening socket: on return no accept()
    // runs any more. Descriptors accepted before stay queued for take().
    void close();
    bool isListening() const { return m_descriptor >= 0; }

    QAbstractSocket::SocketError serverError() const { return m_error; }
    QString errorString() const { return m_errorString; }
    QHostAddress serverAddress() const { return m_address; }
    quint16 serverPort() const { return m_port; }
    // The listening socket's descriptor (-1 when not listening), for probes
    // that only read its state.
    qintptr socketDescriptor() const { return m_descriptor; }

    // Up to max accepted connections, oldest first; the caller owns their
    // descriptors.
    std::vector<Accepted> take(int max);
    int pendingCount() const;

    // After acceptError (accepting pauses then): try again. Nothing while
    // paused by setAcceptPaused() or by a full hand-off queue.
    void resumeAccepting();
    // The user's pause: no accept() is called (after the batch being
    // accepted, if any), so clients wait in the kernel's accept queue until
    // it holds backlog + 1 and further SYNs are dropped. Kept across listen().
    void setAcceptPaused(bool paused);
    bool isAcceptPaused() const;

    void setHandOffLimit(int limit);
    int handOffLimit() const;

signals:
    // Descriptors are waiting. Emitted once; again only after take() has
    // emptied the queue.
    void pending();
    // accept() failed with a hard error (EMFILE, ENFILE, ENOBUFS...):
    // accepting pauses until resumeAccepting().
    void acceptError(QAbstractSocket::SocketError error, const QString &errorString);

private:
    class Server;
    friend class Server;
    // On the accept thread. True: the queue is full, stop accepting.
    bool push(qintptr descriptor);

    Server *m_server = nullptr;  // lives on m_thread while listening
    qintptr m_descriptor = -1;
    QHostAddress m_address;
    quint16 m_port = 0;
    QAbstractSocket::SocketError m_error = QAbstractSocket::UnknownSocketError;
    QString m_errorString;

    mutable QMutex m_mutex;  // guards what follows
    std::deque<Accepted> m_queue;
    int m_limit = kDefaultHandOffLimit;
    bool m_notified = false;  // pending() sent, queue not emptied since
    bool m_full = false;      // accepting paused because the queue is full
    bool m_paused = false;    // accepting paused by setAcceptPaused()

    WorkerThread m_thread;  // last: stopped and joined before the rest goes
};
