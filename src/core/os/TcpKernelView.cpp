#include "core/os/TcpKernelView.h"

#include "core/os/SockAddr.h"
#include "core/os/SocketProbe.h"

#include <QFile>

#include <cerrno>
#include <cstdio>
#include <cstddef>
#include <cstring>

#include <algorithm>

#include <linux/inet_diag.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <linux/sock_diag.h>
#include <linux/sockios.h>
#include <linux/tcp.h>
#include <netinet/in.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <dirent.h>
#include <unistd.h>

namespace {

constexpr int kNewSynRecv = 12;   // the kernel's state of a request socket

// The names of RFC 793, indexed by Linux's state numbers.
const char *const kStateNames[] = {"UNKNOWN",     "ESTABLISHED", "SYN_SENT",   "SYN_RECEIVED",
                                   "FIN_WAIT_1",  "FIN_WAIT_2",  "TIME_WAIT",  "CLOSED",
                                   "CLOSE_WAIT",  "LAST_ACK",    "LISTEN",     "CLOSING"};

// An IPv4 address in an IPv6 socket (::ffff:a.b.c.d) is the IPv4 address:
// the program names its endpoints so.
QHostAddress plain(const QHostAddress &address)
{
    bool v4 = false;
    const quint32 ip = address.toIPv4Address(&v4);
    return v4 ? QHostAddress(ip) : address;
}

Endpoint endpointOf(int family, const __be32 *words, __be16 port)
{
    Endpoint e;
    e.port = ntohs(port);
    if (family == AF_INET) {
        e.address = QHostAddress(ntohl(words[0]));
    } else {
        Q_IPV6ADDR bytes;
        std::memcpy(&bytes, words, sizeof bytes);
        e.address = plain(QHostAddress(bytes));
    }
    return e;
}

// TCP_INFO's fields, from a struct of `length` bytes (older kernels give
// fewer; what they do not fill stays 0).
TcpKernelView::Info infoOf(const tcp_info &t, size_t length)
{
    using State = TcpKernelView::State;
    TcpKernelView::Info i;
    i.state = t.tcpi_state >= int(State::Established) && t.tcpi_state <= int(State::Closing) ? State(t.tcpi_state)
                                                                                             : State::Unknown;
    i.retransmits = t.tcpi_retransmits;
    i.backoff = t.tcpi_backoff;
    i.rttUs = t.tcpi_rtt;
    i.rttVarUs = t.tcpi_rttvar;
    i.sendCongestionWindow = t.tcpi_snd_cwnd;
    i.mss = t.tcpi_snd_mss;
    i.unacked = t.tcpi_unacked;
    i.sacked = t.tcpi_sacked;
    if (length >= offsetof(tcp_info, tcpi_bytes_received) + sizeof t.tcpi_bytes_received) {
        i.bytesAcked = t.tcpi_bytes_acked;
        i.bytesReceived = t.tcpi_bytes_received;
    }
    if (length >= offsetof(tcp_info, tcpi_snd_wnd) + sizeof t.tcpi_snd_wnd) {
        i.peerWindow = t.tcpi_snd_wnd;
        i.peerWindowKnown = true;
    }
    return i;
}

// Writes an endpoint into sock_diag's id words (network order); false when
// the address is not of the family (an IPv6 one for AF_INET).
bool toWords(int family, const Endpoint &e, __be32 *words, __be16 *port)
{
    sockaddr_storage sa;
    if (SockAddr::fromEndpoint(e, family, &sa) == 0)
        return false;
    if (family == AF_INET) {
        const auto *in = reinterpret_cast<const sockaddr_in *>(&sa);
        words[0] = in->sin_addr.s_addr;
        *port = in->sin_port;
    } else {
        const auto *in6 = reinterpret_cast<const sockaddr_in6 *>(&sa);
        std::memcpy(words, &in6->sin6_addr, 16);
        *port = in6->sin6_port;
    }
    return true;
}

// One request to sock_diag for one address family's TCP sockets: a dump of
// those in the states of `mask`, or (exact) the one socket with the
// endpoints of `local` and `peer`, which the kernel finds by its hash
// tables instead of walking every socket on the machine.
bool dump(int family, quint32 mask, QList<TcpKernelView::Socket> *out, QString *error,
          const Endpoint *local = nullptr, const Endpoint *peer = nullptr, quint16 localPort = 0)
{
    const int fd = ::socket(AF_NETLINK, SOCK_DGRAM | SOCK_CLOEXEC, NETLINK_SOCK_DIAG);
    if (fd < 0) {
        *error = SocketProbe::osErrorText(errno);
        return false;
    }
    // A dump for one local port carries a filter the kernel runs on each
    // socket (the bytecode `ss sport = :PORT` sends), so it answers with that
    // port's sockets only instead of every one on the machine.
    struct
    {
        nlmsghdr header;
        inet_diag_req_v2 request;
        rtattr filterHeader;
        inet_diag_bc_op filter[4];
    } message{};
    message.header.nlmsg_len = offsetof(decltype(message), filterHeader);
    if (localPort != 0 && !local) {
        // sport >= port, else jump past the end (reject); sport <= port,
        // else reject; the end reached exactly: accept. Each comparison's
        // port sits in the `no` field of the op after it.
        constexpr unsigned short kProgram = sizeof message.filter;
        constexpr unsigned char kStep = 2 * sizeof(inet_diag_bc_op);   // a comparison and its port
        message.filter[0] = {INET_DIAG_BC_S_GE, kStep, kProgram + 4};
        message.filter[1] = {0, 0, localPort};
        message.filter[2] = {INET_DIAG_BC_S_LE, kStep, kProgram - kStep + 4};
        message.filter[3] = {0, 0, localPort};
        message.filterHeader.rta_type = INET_DIAG_REQ_BYTECODE;
        message.filterHeader.rta_len = RTA_LENGTH(kProgram);
        message.header.nlmsg_len = sizeof message;
    }
    message.header.nlmsg_type = SOCK_DIAG_BY_FAMILY;
    message.header.nlmsg_flags = NLM_F_REQUEST | (local ? 0 : NLM_F_DUMP);
    message.request.sdiag_family = quint8(family);
    message.request.sdiag_protocol = IPPROTO_TCP;
    message.request.idiag_states = mask;
    if (local) {
        message.request.id.idiag_cookie[0] = INET_DIAG_NOCOOKIE;
        message.request.id.idiag_cookie[1] = INET_DIAG_NOCOOKIE;
        if (!toWords(family, *local, message.request.id.idiag_src, &message.request.id.idiag_sport)
            || !toWords(family, *peer, message.request.id.idiag_dst, &message.request.id.idiag_dport)) {
            ::close(fd);
            return true;   // no such socket in this family
        }
    }
    message.request.idiag_ext = 1u << (INET_DIAG_INFO - 1);   // TCP_INFO with each socket
    sockaddr_nl kernel{};
    kernel.nl_family = AF_NETLINK;
    if (::sendto(fd, &message, message.header.nlmsg_len, 0, reinterpret_cast<sockaddr *>(&kernel), sizeof kernel) < 0) {
        *error = SocketProbe::osErrorText(errno);
        ::close(fd);
        return false;
    }
    alignas(nlmsghdr) char buffer[32768];
    bool done = false;
    bool ok = true;
    while (!done) {
        const ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            *error = SocketProbe::osErrorText(errno);
            ok = false;
            break;
        }
        int left = int(n);
        for (auto *h = reinterpret_cast<nlmsghdr *>(buffer); NLMSG_OK(h, left); h = NLMSG_NEXT(h, left)) {
            if (h->nlmsg_type == NLMSG_DONE) {
                done = true;
                break;
            }
            if (h->nlmsg_type == NLMSG_ERROR) {
                const auto *e = static_cast<const nlmsgerr *>(NLMSG_DATA(h));
                // An exact request for a socket that is not there: none found.
                if (!(local && e->error == -ENOENT)) {
                    *error = SocketProbe::osErrorText(-e->error);
                    ok = false;
                }
                done = true;
                break;
            }
            if (h->nlmsg_len < NLMSG_LENGTH(sizeof(inet_diag_msg)))
                continue;
            const auto *m = static_cast<const inet_diag_msg *>(NLMSG_DATA(h));
            TcpKernelView::Socket s;
            const int state = m->idiag_state == kNewSynRecv ? int(TcpKernelView::State::SynReceived) : m->idiag_state;
            s.state = state >= int(TcpKernelView::State::Established) && state <= int(TcpKernelView::State::Closing) ? TcpKernelView::State(state)
                                                                        : TcpKernelView::State::Unknown;
            s.local = endpointOf(m->idiag_family, m->id.idiag_src, m->id.idiag_sport);
            s.peer = endpointOf(m->idiag_family, m->id.idiag_dst, m->id.idiag_dport);
            s.receiveQueue = m->idiag_rqueue;
            s.sendQueue = m->idiag_wqueue;
            s.timer = m->idiag_timer;
            s.timerMs = m->idiag_timer ? qint64(m->idiag_expires) : 0;
            s.retransmits = m->idiag_retrans;
            s.uid = m->idiag_uid;
            s.inode = m->idiag_inode;
            // The attributes after the message: TCP_INFO among them.
            const auto *attr = reinterpret_cast<const rtattr *>(m + 1);
            int attrLength = int(h->nlmsg_len - NLMSG_LENGTH(sizeof *m));
            for (; RTA_OK(attr, attrLength); attr = RTA_NEXT(attr, attrLength)) {
                if (attr->rta_type != INET_DIAG_INFO)
                    continue;
                tcp_info t{};
                const size_t length = std::min<size_t>(RTA_PAYLOAD(attr), sizeof t);
                std::memcpy(&t, RTA_DATA(attr), length);
                s.info = infoOf(t, length);
                s.info->receiveQueue = s.receiveQueue;
                s.info->sendQueue = s.sendQueue;
            }
            out->append(s);
            if (local)
                done = true;   // the one answer, without an NLMSG_DONE after it
        }
    }
    ::close(fd);
    return ok;
}

} // namespace

QString TcpKernelView::stateName(State state)
{
    const int i = int(state);
    return QString::fromLatin1(kStateNames[i >= 0 && i <= int(State::Closing) ? i : 0]);
}

TcpKernelView::State TcpKernelView::stateFromName(const QString &name)
{
    for (int i = 1; i <= int(State::Closing); ++i) {
        if (name == QLatin1String(kStateNames[i]))
            return State(i);
    }
    return State::Unknown;
}

bool TcpKernelView::list(QList<Socket> *out, QString *error, QList<State> states, quint16 localPort)
{
    quint32 mask = 0;
    for (State s : states)
        mask |= 1u << int(s);
    if (mask == 0)
        mask = ~0u;
    if (mask & (1u << int(TcpKernelView::State::SynReceived)))
        mask |= 1u << kNewSynRecv;   // request sockets are reported as SYN_RECV
    QList<Socket> all;
    QString why;
    const bool v4 = dump(AF_INET, mask, &all, &why, nullptr, nullptr, localPort);
    const bool v6 = dump(AF_INET6, mask, &all, &why, nullptr, nullptr, localPort);
    if (!v4 && !v6) {
        if (error)
            *error = why;
        return false;
    }
    out->clear();
    for (const Socket &s : std::as_const(all)) {
        if (localPort == 0 || s.local.port == localPort)
            out->append(s);
    }
    return true;
}

std::optional<TcpKernelView::Socket> TcpKernelView::find(const Endpoint &local, const Endpoint &peer, QString *error)
{
    // IPv4 first; an IPv4 connection of a dual-stack socket is an IPv6
    // socket with v4-mapped addresses, found by the second request.
    QString why;
    bool asked = false;
    for (const int family : {AF_INET, AF_INET6}) {
        QList<Socket> found;
        if (!dump(family, ~0u, &found, &why, &local, &peer))
            continue;
        asked = true;
        const QHostAddress localAddress = plain(local.address);
        const QHostAddress peerAddress = plain(peer.address);
        for (const Socket &s : std::as_const(found)) {
            if (s.local.port == local.port && s.peer.port == peer.port && s.local.address == localAddress
                && s.peer.address == peerAddress)
                return s;
        }
    }
    if (!asked && error)
        *error = why;
    return std::nullopt;
}

std::optional<TcpKernelView::Socket> TcpKernelView::listener(const Endpoint &local, int *synQueue)
{
    if (synQueue)
        *synQueue = 0;
    QList<Socket> sockets;
    QList<State> states{State::Listen};
    if (synQueue)
        states.append(State::SynReceived);
    if (!list(&sockets, nullptr, states, local.port))
        return std::nullopt;
    std::optional<Socket> found;
    int halfOpen = 0;
    // A listener on every address (0.0.0.0, ::) has half-open connections on any of them.
    const bool anyAddress = local.address.isNull() || local.address == QHostAddress(QHostAddress::AnyIPv4)
                         || local.address == QHostAddress(QHostAddress::AnyIPv6);
    for (const Socket &s : std::as_const(sockets)) {
        if (s.state == State::Listen) {
            if (local.address.isNull() || s.local.address == local.address)
                found = s;
        } else if (anyAddress || s.local.address == local.address) {
            ++halfOpen;
        }
    }
    if (synQueue && found)
        *synQueue = halfOpen;
    return found;
}

bool TcpKernelView::info(qintptr descriptor, Info *out)
{
    tcp_info t{};
    socklen_t length = sizeof t;
    if (descriptor < 0 || ::getsockopt(int(descriptor), IPPROTO_TCP, TCP_INFO, &t, &length) != 0)
        return false;
    Info i = infoOf(t, length);
    if (i.state != State::Listen) {
        int n = 0;
        if (::ioctl(int(descriptor), SIOCINQ, &n) == 0)
            i.receiveQueue = quint32(n);
        if (::ioctl(int(descriptor), SIOCOUTQ, &n) == 0)
            i.sendQueue = quint32(n);
    }
    *out = i;
    return true;
}

std::optional<TcpKernelView::Socket> TcpKernelView::ownConnecting(const Endpoint &peer)
{
    QList<Socket> connecting;
    if (!list(&connecting, nullptr, {State::SynSent}))
        return std::nullopt;
    const QHostAddress address = plain(peer.address);
    QList<Socket> candidates;
    for (const Socket &s : std::as_const(connecting)) {
        if (s.peer.port == peer.port && (peer.address.isNull() || s.peer.address == address) && s.inode != 0)
            candidates.append(s);
    }
    if (candidates.isEmpty())
        return std::nullopt;
    // Which of them are this process's: the inodes of its socket descriptors.
    std::optional<Socket> mine;
    DIR *fds = ::opendir("/proc/self/fd");
    if (!fds)
        return std::nullopt;
    int found = 0;
    while (const dirent *entry = ::readdir(fds)) {
        char target[64];
        const ssize_t n = ::readlinkat(::dirfd(fds), entry->d_name, target, sizeof target - 1);
        if (n <= 0)
            continue;
        target[n] = 0;
        unsigned long long inode = 0;
        if (std::sscanf(target, "socket:[%llu]", &inode) != 1)
            continue;
        for (const Socket &s : std::as_const(candidates)) {
            if (s.inode == inode) {
                mine = s;
                ++found;
            }
        }
    }
    ::closedir(fds);
    if (found != 1)
        return std::nullopt;
    return mine;
}

QString TcpKernelView::describe(const Socket &socket)
{
    QString text = tr("%1 ↔ %2 in %3").arg(socket.local.toString(), socket.peer.toString(), stateName(socket.state));
    if (socket.state == State::TimeWait && socket.timerMs > 0)
        text += tr(" (%1 s left)").arg((socket.timerMs + 999) / 1000);
    return text;
}

TcpKernelView::ListenLimits TcpKernelView::listenLimits()
{
    const auto read = [](const char *path) {
        QFile file(QString::fromLatin1(path));
        if (!file.open(QIODevice::ReadOnly))
            return -1;
        bool ok = false;
        const int value = file.readAll().trimmed().toInt(&ok);
        return ok ? value : -1;
    };
    ListenLimits limits;
    limits.somaxconn = read("/proc/sys/net/core/somaxconn");
    limits.maxSynBacklog = read("/proc/sys/net/ipv4/tcp_max_syn_backlog");
    limits.synCookies = read("/proc/sys/net/ipv4/tcp_syncookies");
    return limits;
}
