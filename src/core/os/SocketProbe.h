#pragma once

#include "core/net/Endpoint.h"

#include <QAbstractSocket>
#include <QList>
#include <QString>

// What Qt's socket classes do not tell: QTcpSocket reports a peer's FIN and
// a peer's RST alike (RemoteHostClosedError, after Qt already closed the
// descriptor), and QUdpSocket never reports ICMP errors on an unconnected
// socket. A SocketProbe keeps a duplicate of a connected TCP descriptor so
// the kernel's state can be read after Qt let go of its own, and gives the
// OS's words for errors.
class SocketProbe
{
public:
    SocketProbe() = default;
    explicit SocketProbe(qintptr descriptor);
    ~SocketProbe();
    SocketProbe(const SocketProbe &) = delete;
    SocketProbe &operator=(const SocketProbe &) = delete;

    // Takes a duplicate of `descriptor` (a connected TCP socket).
    void attach(qintptr descriptor);
    // Closes the duplicate: the connection ends for real once Qt has closed
    // its descriptor too.
    void release();
    // Hands the duplicate over (the caller closes it); -1 when there is none.
    int takeDescriptor();
    bool isAttached() const { return m_fd >= 0; }

    enum class End { Unknown, StillOpen, PeerFinished, PeerReset };
    // How the connection ended, from the kernel's TCP state: CLOSE after an
    // RST, CLOSE_WAIT/LAST_ACK after the peer's FIN.
    End connectionEnd() const;
    // Makes the next close send an RST instead of a FIN (SO_LINGER 0).
    void setAbortiveClose();
    static void setAbortiveClose(qintptr descriptor);

    // The accept queue of a listening socket as the kernel sees it: clients
    // waiting for accept() and the backlog listen() was given.
    static bool listenQueue(qintptr descriptor, int *waiting, int *backlog);

    // The open-file limit as it was when first asked (after
    // ProcessSetup::raiseFileLimit() in the program).
    static qintptr fileLimit();

    // shutdown(fd, SHUT_WR) on a live descriptor: sends FIN, keeps reading.
    static bool shutdownWrite(qintptr descriptor, QString *error);

    // IP_RECVERR / IPV6_RECVERR on a UDP socket, so ICMP errors are queued.
    static bool enableUdpErrorQueue(qintptr descriptor, bool ipv6);
    struct IcmpError
    {
        Endpoint target;   // where the datagram that failed was going
        Endpoint reporter; // who sent the ICMP message
        int osError = 0;   // errno, e.g. ECONNREFUSED
        QString text;      // "Connection refused (ICMP port unreachable)"
    };
    // Reads and returns everything in the socket's error queue.
    static QList<IcmpError> drainUdpErrors(qintptr descriptor);

    // "Address already in use (EADDRINUSE)"
    static QString osErrorText(int osError);
    // The OS error behind a Qt socket error, or 0 when there is none.
    static int osErrorFor(QAbstractSocket::SocketError error);
    // Words for a Qt socket error: the OS's when there is an OS error behind
    // it, Qt's otherwise.
    static QString describe(QAbstractSocket::SocketError error, const QString &qtText);

private:
    int m_fd = -1;
};
