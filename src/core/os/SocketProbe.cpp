#include "core/os/SocketProbe.h"

#include "core/os/ProcessSetup.h"
#include "core/os/SockAddr.h"

#include <QByteArray>
#include <QCoreApplication>

#include <cerrno>
#include <cstring>

#include <arpa/inet.h>
#include <linux/errqueue.h>
#include <netinet/in.h>
#include <netinet/ip_icmp.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <fcntl.h>
#include <unistd.h>

qintptr SocketProbe::fileLimit()
{
    static const qintptr limit = qintptr(ProcessSetup::openFileLimit());
    return limit;
}

SocketProbe::SocketProbe(qintptr descriptor)
{
    attach(descriptor);
}

SocketProbe::~SocketProbe()
{
    release();
}

void SocketProbe::attach(qintptr descriptor)
{
    release();
    // The duplicate costs a descriptor per connection. Descriptors are
    // numbered lowest-free first, so a socket numbered past half the
    // open-file limit means they are getting scarce: then connections go
    // without a probe (their end is reported without reset/FIN detail)
    // rather than the server running out of descriptors to accept with.
    if (descriptor >= 0 && descriptor < fileLimit() / 2)
        m_fd = ::fcntl(int(descriptor), F_DUPFD_CLOEXEC, 0);
}

void SocketProbe::release()
{
    if (m_fd >= 0) {
        ::close(m_fd);
        m_fd = -1;
    }
}

int SocketProbe::takeDescriptor()
{
    const int fd = m_fd;
    m_fd = -1;
    return fd;
}

SocketProbe::End SocketProbe::connectionEnd() const
{
    if (m_fd < 0)
        return End::Unknown;
    tcp_info info{};
    socklen_t len = sizeof(info);
    if (::getsockopt(m_fd, IPPROTO_TCP, TCP_INFO, &info, &len) != 0)
        return End::Unknown;
    switch (info.tcpi_state) {
    case TCP_CLOSE:
        return End::PeerReset;
    case TCP_CLOSE_WAIT:
    case TCP_LAST_ACK:
    case TCP_TIME_WAIT:
    case TCP_CLOSING:
        return End::PeerFinished;
    case TCP_ESTABLISHED:
    case TCP_FIN_WAIT1:
    case TCP_FIN_WAIT2:
        return End::StillOpen;
    default:
        return End::Unknown;
    }
}

void SocketProbe::setAbortiveClose()
{
    if (m_fd >= 0)
        setAbortiveClose(m_fd);
}

void SocketProbe::setAbortiveClose(qintptr descriptor)
{
    linger l{};
    l.l_onoff = 1;
    l.l_linger = 0;
    ::setsockopt(int(descriptor), SOL_SOCKET, SO_LINGER, &l, sizeof(l));
}

bool SocketProbe::listenQueue(qintptr descriptor, int *waiting, int *backlog)
{
    tcp_info info{};
    socklen_t len = sizeof(info);
    if (descriptor < 0 || ::getsockopt(int(descriptor), IPPROTO_TCP, TCP_INFO, &info, &len) != 0
        || info.tcpi_state != TCP_LISTEN)
        return false;
    // For a listening socket Linux reports the queue in these two fields.
    if (waiting)
        *waiting = int(info.tcpi_unacked);
    if (backlog)
        *backlog = int(info.tcpi_sacked);
    return true;
}

bool SocketProbe::shutdownWrite(qintptr descriptor, QString *error)
{
    if (::shutdown(int(descriptor), SHUT_WR) == 0)
        return true;
    if (error)
        *error = osErrorText(errno);
    return false;
}

bool SocketProbe::enableUdpErrorQueue(qintptr descriptor, bool ipv6)
{
    const int on = 1;
    bool ok = ::setsockopt(int(descriptor), IPPROTO_IP, IP_RECVERR, &on, sizeof(on)) == 0;
    if (ipv6)
        ok = ::setsockopt(int(descriptor), IPPROTO_IPV6, IPV6_RECVERR, &on, sizeof(on)) == 0 || ok;
    return ok;
}

namespace {
QString icmpWords(const sock_extended_err &ee)
{
    if (ee.ee_origin == SO_EE_ORIGIN_ICMP && ee.ee_type == ICMP_DEST_UNREACH) {
        switch (ee.ee_code) {
        case ICMP_PORT_UNREACH: return QCoreApplication::translate("SocketProbe", "ICMP port unreachable");
        case ICMP_HOST_UNREACH: return QCoreApplication::translate("SocketProbe", "ICMP host unreachable");
        case ICMP_NET_UNREACH: return QCoreApplication::translate("SocketProbe", "ICMP network unreachable");
        case ICMP_FRAG_NEEDED: return QCoreApplication::translate("SocketProbe", "ICMP fragmentation needed, MTU %1").arg(ee.ee_info);
        default: return QCoreApplication::translate("SocketProbe", "ICMP destination unreachable, code %1").arg(ee.ee_code);
        }
    }
    if (ee.ee_origin == SO_EE_ORIGIN_ICMP6) {
        if (ee.ee_type == 1 && ee.ee_code == 4)
            return QCoreApplication::translate("SocketProbe", "ICMPv6 port unreachable");
        return QCoreApplication::translate("SocketProbe", "ICMPv6 type %1 code %2").arg(ee.ee_type).arg(ee.ee_code);
    }
    if (ee.ee_origin == SO_EE_ORIGIN_LOCAL)
        return QCoreApplication::translate("SocketProbe", "local error");
    return QCoreApplication::translate("SocketProbe", "ICMP type %1 code %2").arg(ee.ee_type).arg(ee.ee_code);
}
} // namespace

QList<SocketProbe::IcmpError> SocketProbe::drainUdpErrors(qintptr descriptor)
{
    QList<IcmpError> out;
    // Bounded: the queue is short; never spin on a broken descriptor.
    for (int i = 0; i < 1024; ++i) {
        char data[64];
        char control[512];
        sockaddr_storage name{};
        iovec iov{data, sizeof(data)};
        msghdr msg{};
        msg.msg_name = &name;
        msg.msg_namelen = sizeof(name);
        msg.msg_iov = &iov;
        msg.msg_iovlen = 1;
        msg.msg_control = control;
        msg.msg_controllen = sizeof(control);
        const ssize_t n = ::recvmsg(int(descriptor), &msg, MSG_ERRQUEUE | MSG_DONTWAIT);
        if (n < 0)
            break;
        for (cmsghdr *c = CMSG_FIRSTHDR(&msg); c; c = CMSG_NXTHDR(&msg, c)) {
            const bool v4 = c->cmsg_level == IPPROTO_IP && c->cmsg_type == IP_RECVERR;
            const bool v6 = c->cmsg_level == IPPROTO_IPV6 && c->cmsg_type == IPV6_RECVERR;
            if (!v4 && !v6)
                continue;
            sock_extended_err ee;
            std::memcpy(&ee, CMSG_DATA(c), sizeof(ee));
            IcmpError err;
            err.osError = int(ee.ee_errno);
            err.target = SockAddr::toEndpoint(reinterpret_cast<const sockaddr *>(&name));
            const auto *offender = reinterpret_cast<const sockaddr *>(
                reinterpret_cast<const unsigned char *>(CMSG_DATA(c)) + sizeof(sock_extended_err));
            if (ee.ee_origin == SO_EE_ORIGIN_ICMP || ee.ee_origin == SO_EE_ORIGIN_ICMP6)
                err.reporter = SockAddr::toEndpoint(offender);
            err.text = QStringLiteral("%1 (%2)").arg(osErrorText(err.osError), icmpWords(ee));
            out.append(err);
        }
    }
    // Clear a pending socket error left by the same ICMP message.
    int soError = 0;
    socklen_t len = sizeof(soError);
    ::getsockopt(int(descriptor), SOL_SOCKET, SO_ERROR, &soError, &len);
    return out;
}

QString SocketProbe::osErrorText(int osError)
{
    const char *name = nullptr;
    switch (osError) {
    case EADDRINUSE: name = "EADDRINUSE"; break;
    case EADDRNOTAVAIL: name = "EADDRNOTAVAIL"; break;
    case EACCES: name = "EACCES"; break;
    case EPERM: name = "EPERM"; break;
    case ECONNREFUSED: name = "ECONNREFUSED"; break;
    case ECONNRESET: name = "ECONNRESET"; break;
    case ETIMEDOUT: name = "ETIMEDOUT"; break;
    case EHOSTUNREACH: name = "EHOSTUNREACH"; break;
    case ENETUNREACH: name = "ENETUNREACH"; break;
    case EMSGSIZE: name = "EMSGSIZE"; break;
    case EPIPE: name = "EPIPE"; break;
    case ENOTCONN: name = "ENOTCONN"; break;
    case EMFILE: name = "EMFILE"; break;
    case ENFILE: name = "ENFILE"; break;
    case EAFNOSUPPORT: name = "EAFNOSUPPORT"; break;
    default: break;
    }
    const QString words = QString::fromLocal8Bit(::strerror(osError));
    if (!name)
        return words;
    return QStringLiteral("%1 (%2)").arg(words, QLatin1StringView(name));
}

int SocketProbe::osErrorFor(QAbstractSocket::SocketError error)
{
    switch (error) {
    case QAbstractSocket::ConnectionRefusedError: return ECONNREFUSED;
    case QAbstractSocket::SocketAccessError: return EACCES;
    case QAbstractSocket::AddressInUseError: return EADDRINUSE;
    case QAbstractSocket::SocketAddressNotAvailableError: return EADDRNOTAVAIL;
    case QAbstractSocket::DatagramTooLargeError: return EMSGSIZE;
    case QAbstractSocket::SocketResourceError: return EMFILE;
    case QAbstractSocket::UnsupportedSocketOperationError: return EAFNOSUPPORT;
    default: return 0;
    }
}

QString SocketProbe::describe(QAbstractSocket::SocketError error, const QString &qtText)
{
    const int os = osErrorFor(error);
    if (os == 0)
        return qtText;
    return osErrorText(os);
}
