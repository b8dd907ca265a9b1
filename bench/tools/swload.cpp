// swload: bounded load generator and plain receivers for bench/run.
// Loopback only: every target address is checked to be 127.0.0.0/8.
// Prints one JSON object on stdout when done; times are CLOCK_MONOTONIC
// seconds so the harness can line them up with its own clock.
//
//   swload tcp-flood   PORT BYTES CHUNK [S]   one connection, BYTES in CHUNK writes
//   swload tcp-msgs    PORT COUNT SIZE [S]    one connection, COUNT writes of SIZE
//   swload tcp-short   PORT COUNT             COUNT sequential connect/send/close
//   swload tcp-hold    PORT COUNT SECONDS     COUNT concurrent connections, held
//   swload udp-burst   PORT COUNT SIZE        COUNT datagrams as fast as possible
//   swload udp-paced   PORT RATE SECONDS SIZE RATE datagrams/s for SECONDS
//   swload tcp-sink    PORT SECONDS           accept + read + count (plain receiver)
//   swload udp-sink    PORT SECONDS           recvmmsg + count (plain receiver)
//   swload rx-queue    PORT                   receiver's queue/drops from /proc
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/epoll.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <linux/sockios.h>
#include <time.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

namespace {

double now()
{
    timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return double(ts.tv_sec) + double(ts.tv_nsec) * 1e-9;
}

[[noreturn]] void die(const char *what)
{
    std::fprintf(stderr, "swload: %s: %s\n", what, std::strerror(errno));
    std::exit(1);
}

sockaddr_in loopback(int port)
{
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(uint16_t(port));
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    return a;
}

void raiseFileLimit()
{
    rlimit r{};
    if (getrlimit(RLIMIT_NOFILE, &r) == 0 && r.rlim_cur < r.rlim_max) {
        r.rlim_cur = r.rlim_max;
        setrlimit(RLIMIT_NOFILE, &r);
    }
}

int connectTo(int port)
{
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        die("socket");
    sockaddr_in a = loopback(port);
    if (connect(fd, reinterpret_cast<sockaddr *>(&a), sizeof a) != 0)
        die("connect");
    return fd;
}

int localPort(int fd)
{
    sockaddr_in a{};
    socklen_t len = sizeof a;
    getsockname(fd, reinterpret_cast<sockaddr *>(&a), &len);
    return ntohs(a.sin_port);
}

struct ProcEntry
{
    bool found = false;
    long long rxQueue = 0;
    long long drops = 0;
};

// The receiving socket in /proc/net/{tcp,udp}: local port `port`, and for
// TCP remote port `remotePort` (our end). Queue is hex in column 5.
ProcEntry procEntry(const char *file, int port, int remotePort)
{
    ProcEntry e;
    FILE *f = std::fopen(file, "r");
    if (!f)
        return e;
    char line[512];
    if (!std::fgets(line, sizeof line, f)) {
        std::fclose(f);
        return e;
    }
    while (std::fgets(line, sizeof line, f)) {
        unsigned sl, lip, lport, rip, rport, st;
        unsigned long long tx, rx;
        if (std::sscanf(line, " %u: %x:%x %x:%x %x %llx:%llx", &sl, &lip, &lport, &rip, &rport, &st,
                        &tx, &rx) != 8)
            continue;
        if (int(lport) != port || (remotePort >= 0 && int(rport) != remotePort))
            continue;
        e.found = true;
        e.rxQueue = (long long)rx;
        // udp: the drops counter is the last column.
        const char *last = std::strrchr(line, ' ');
        if (last && remotePort < 0)
            e.drops = std::atoll(last + 1);
        break;
    }
    std::fclose(f);
    return e;
}

// After the last write: wait until our send queue is empty (everything is in
// the receiver's socket) and the receiver's queue is empty (it read it all).
double waitDrained(int fd, int port, double limit, long long *leftOver)
{
    const int me = localPort(fd);
    const double deadline = now() + limit;
    while (now() < deadline) {
        int outq = 0;
        ioctl(fd, SIOCOUTQ, &outq);
        if (outq == 0) {
            ProcEntry e = procEntry("/proc/net/tcp", port, me);
            if (!e.found || e.rxQueue == 0) {
                *leftOver = 0;
                return now();
            }
        }
        usleep(500);
    }
    int outq = 0;
    ioctl(fd, SIOCOUTQ, &outq);
    ProcEntry e = procEntry("/proc/net/tcp", port, me);
    *leftOver = outq + (e.found ? e.rxQueue : 0);
    return -1;
}

bool writeAll(int fd, const char *p, size_t n, double deadline)
{
    while (n > 0) {
        ssize_t w = send(fd, p, n, MSG_NOSIGNAL);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            return false;
        }
        p += w;
        n -= size_t(w);
        if (now() > deadline)
            return false;
    }
    return true;
}

int tcpStream(int port, long long count, long long size, double limit)
{
    const double t0 = now();
    int fd = connectTo(port);
    std::vector<char> buf(static_cast<size_t>(size));
    for (size_t i = 0; i < buf.size(); ++i)
        buf[i] = char('a' + i % 26);
    const double deadline = t0 + limit;
    long long sent = 0;
    bool ok = true;
    for (long long i = 0; i < count && ok; ++i) {
        ok = writeAll(fd, buf.data(), buf.size(), deadline);
        if (ok)
            sent += size;
    }
    const double written = now();
    long long left = 0;
    const double drained = ok ? waitDrained(fd, port, deadline - now(), &left) : -1;
    std::printf("{\"start\":%.6f,\"written\":%.6f,\"drained\":%.6f,\"sent\":%lld,\"undrained\":%lld,\"ok\":%s}\n",
                t0, written, drained, sent, left, (ok && drained > 0) ? "true" : "false");
    close(fd);
    return 0;
}

int tcpShort(int port, long long count, double limit)
{
    const double t0 = now();
    const double deadline = t0 + limit;
    long long done = 0, failed = 0;
    for (long long i = 0; i < count && now() < deadline; ++i) {
        int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        sockaddr_in a = loopback(port);
        if (connect(fd, reinterpret_cast<sockaddr *>(&a), sizeof a) != 0) {
            ++failed;
            close(fd);
            continue;
        }
        static const char msg[] = "hello\n";
        send(fd, msg, sizeof msg - 1, MSG_NOSIGNAL);
        close(fd);
        ++done;
    }
    std::printf("{\"start\":%.6f,\"end\":%.6f,\"connections\":%lld,\"failed\":%lld}\n", t0, now(), done, failed);
    return 0;
}

int tcpHold(int port, long long count, double seconds)
{
    raiseFileLimit();
    const double t0 = now();
    std::vector<int> fds;
    fds.reserve(size_t(count));
    int ep = epoll_create1(EPOLL_CLOEXEC);
    long long pending = 0, failed = 0;
    const double deadline = t0 + 30;
    long long next = 0;
    long long connected = 0;
    // Keep up to 256 handshakes in flight: the listener's backlog decides the rest.
    while ((next < count || pending > 0) && now() < deadline) {
        while (next < count && pending < 256) {
            int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
            if (fd < 0) {
                ++failed;
                ++next;
                continue;
            }
            sockaddr_in a = loopback(port);
            int rc = connect(fd, reinterpret_cast<sockaddr *>(&a), sizeof a);
            ++next;
            if (rc == 0) {
                fds.push_back(fd);
                ++connected;
                continue;
            }
            if (errno != EINPROGRESS) {
                ++failed;
                close(fd);
                continue;
            }
            epoll_event ev{};
            ev.events = EPOLLOUT;
            ev.data.fd = fd;
            epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev);
            ++pending;
        }
        epoll_event evs[256];
        int n = epoll_wait(ep, evs, 256, 100);
        for (int i = 0; i < n; ++i) {
            int fd = evs[i].data.fd;
            epoll_ctl(ep, EPOLL_CTL_DEL, fd, nullptr);
            --pending;
            int err = 0;
            socklen_t len = sizeof err;
            getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len);
            if (err) {
                ++failed;
                close(fd);
            } else {
                fds.push_back(fd);
                ++connected;
            }
        }
    }
    const double up = now();
    std::fprintf(stderr, "swload: %lld connections open\n", connected);
    std::fflush(stderr);
    const double holdUntil = up + seconds;
    while (now() < holdUntil)
        usleep(10000);
    for (int fd : fds)
        close(fd);
    std::printf("{\"start\":%.6f,\"up\":%.6f,\"connections\":%lld,\"failed\":%lld}\n", t0, up, connected, failed);
    return 0;
}

int udpSocketTo(int port, sockaddr_in *to)
{
    int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        die("socket");
    *to = loopback(port);
    if (connect(fd, reinterpret_cast<sockaddr *>(to), sizeof *to) != 0)
        die("connect");
    return fd;
}

long long sendBatch(int fd, char *buf, long long size, int n)
{
    std::vector<mmsghdr> msgs(static_cast<size_t>(n));
    std::vector<iovec> iov(static_cast<size_t>(n));
    for (int i = 0; i < n; ++i) {
        iov[size_t(i)] = {buf, size_t(size)};
        msgs[size_t(i)] = {};
        msgs[size_t(i)].msg_hdr.msg_iov = &iov[size_t(i)];
        msgs[size_t(i)].msg_hdr.msg_iovlen = 1;
    }
    int done = 0;
    while (done < n) {
        int r = sendmmsg(fd, msgs.data() + done, unsigned(n - done), 0);
        if (r < 0) {
            if (errno == EINTR)
                continue;
            if (errno == ECONNREFUSED)  // an earlier ICMP; the next send goes through
                continue;
            break;
        }
        done += r;
    }
    return done;
}

int udpBurst(int port, long long count, long long size)
{
    sockaddr_in to;
    int fd = udpSocketTo(port, &to);
    std::vector<char> buf(static_cast<size_t>(size), 'u');
    const double t0 = now();
    long long sent = 0;
    while (sent < count) {
        const int n = int(std::min<long long>(64, count - sent));
        long long s = sendBatch(fd, buf.data(), size, n);
        if (s <= 0)
            break;
        sent += s;
    }
    std::printf("{\"start\":%.6f,\"end\":%.6f,\"sent\":%lld}\n", t0, now(), sent);
    return 0;
}

int udpPaced(int port, long long rate, double seconds, long long size)
{
    sockaddr_in to;
    int fd = udpSocketTo(port, &to);
    std::vector<char> buf(static_cast<size_t>(size), 'p');
    const double t0 = now();
    const long long total = (long long)(double(rate) * seconds);
    long long sent = 0;
    // Every 1 ms send what the schedule says is due: smooth at the 1 ms scale.
    while (sent < total) {
        const double t = now() - t0;
        long long due = std::min<long long>(total, (long long)(t * double(rate))) - sent;
        while (due > 0) {
            const int n = int(std::min<long long>(64, due));
            long long s = sendBatch(fd, buf.data(), size, n);
            if (s <= 0)
                break;
            sent += s;
            due -= s;
        }
        timespec ts{0, 1000000};
        nanosleep(&ts, nullptr);
        if (t > seconds * 3)
            break;
    }
    std::printf("{\"start\":%.6f,\"end\":%.6f,\"sent\":%lld}\n", t0, now(), sent);
    return 0;
}

volatile sig_atomic_t g_stop = 0;
void onTerm(int) { g_stop = 1; }

int listenOn(int type, int port)
{
    int fd = socket(AF_INET, type | SOCK_CLOEXEC, 0);
    int one = 1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    sockaddr_in a = loopback(port);
    if (bind(fd, reinterpret_cast<sockaddr *>(&a), sizeof a) != 0)
        die("bind");
    if (type == SOCK_STREAM && listen(fd, 4096) != 0)
        die("listen");
    return fd;
}

// A plain epoll TCP receiver: accepts, reads into a scratch buffer, counts.
int tcpSink(int port, double seconds)
{
    raiseFileLimit();
    signal(SIGTERM, onTerm);
    int lfd = listenOn(SOCK_STREAM, port);
    std::printf("{\"listening\":%d}\n", port);
    std::fflush(stdout);
    int ep = epoll_create1(EPOLL_CLOEXEC);
    epoll_event ev{};
    ev.events = EPOLLIN;
    ev.data.fd = lfd;
    epoll_ctl(ep, EPOLL_CTL_ADD, lfd, &ev);
    std::vector<char> buf(1 << 20);
    long long accepted = 0, closed = 0, bytes = 0;
    double lastAccept = 0, lastClose = 0, lastByte = 0;
    const double deadline = now() + seconds;
    while (!g_stop && now() < deadline) {
        epoll_event evs[256];
        int n = epoll_wait(ep, evs, 256, 100);
        for (int i = 0; i < n; ++i) {
            int fd = evs[i].data.fd;
            if (fd == lfd) {
                for (;;) {
                    int c = accept4(lfd, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
                    if (c < 0)
                        break;
                    ++accepted;
                    lastAccept = now();
                    epoll_event cev{};
                    cev.events = EPOLLIN;
                    cev.data.fd = c;
                    epoll_ctl(ep, EPOLL_CTL_ADD, c, &cev);
                }
                continue;
            }
            ssize_t r = read(fd, buf.data(), buf.size());
            if (r > 0) {
                bytes += r;
                lastByte = now();
            } else if (r == 0 || (errno != EAGAIN && errno != EINTR)) {
                close(fd);
                ++closed;
                lastClose = now();
            }
        }
    }
    std::printf("{\"accepted\":%lld,\"closed\":%lld,\"bytes\":%lld,\"last_accept\":%.6f,\"last_close\":%.6f,"
                "\"last_byte\":%.6f}\n",
                accepted, closed, bytes, lastAccept, lastClose, lastByte);
    return 0;
}

// A plain C UDP receiver: recvmmsg in batches of 64, default buffer size.
int udpSink(int port, double seconds)
{
    signal(SIGTERM, onTerm);
    int fd = listenOn(SOCK_DGRAM, port);
    std::printf("{\"listening\":%d}\n", port);
    std::fflush(stdout);
    constexpr int kBatch = 64;
    std::vector<char> bufs(size_t(kBatch) * 65536);
    mmsghdr msgs[kBatch];
    iovec iov[kBatch];
    long long datagrams = 0, bytes = 0;
    const double deadline = now() + seconds;
    while (!g_stop && now() < deadline) {
        for (int i = 0; i < kBatch; ++i) {
            iov[i] = {bufs.data() + size_t(i) * 65536, 65536};
            msgs[i] = {};
            msgs[i].msg_hdr.msg_iov = &iov[i];
            msgs[i].msg_hdr.msg_iovlen = 1;
        }
        pollfd p{fd, POLLIN, 0};
        if (poll(&p, 1, 100) <= 0)
            continue;
        int n = recvmmsg(fd, msgs, kBatch, MSG_DONTWAIT, nullptr);
        for (int i = 0; i < n; ++i) {
            ++datagrams;
            bytes += msgs[i].msg_len;
        }
    }
    std::printf("{\"datagrams\":%lld,\"bytes\":%lld}\n", datagrams, bytes);
    return 0;
}

int rxQueue(int port)
{
    ProcEntry t = procEntry("/proc/net/udp", port, -1);
    std::printf("{\"found\":%s,\"rx_queue\":%lld,\"drops\":%lld}\n", t.found ? "true" : "false", t.rxQueue,
                t.drops);
    return 0;
}

long long num(const char *s)
{
    char *end = nullptr;
    long long v = std::strtoll(s, &end, 10);
    if (!end || *end || v < 0) {
        std::fprintf(stderr, "swload: not a number: %s\n", s);
        std::exit(2);
    }
    return v;
}

} // namespace

int main(int argc, char **argv)
{
    if (argc < 3) {
        std::fprintf(stderr, "usage: swload MODE PORT ARGS... (see the source header)\n");
        return 2;
    }
    const std::string mode = argv[1];
    const int port = int(num(argv[2]));
    auto arg = [&](int i) { return i < argc ? num(argv[i]) : (std::fprintf(stderr, "swload: missing argument\n"), std::exit(2), 0LL); };
    // An optional last argument bounds the load in seconds (default 120).
    if (mode == "tcp-flood")
        return tcpStream(port, arg(3) / arg(4), arg(4), argc > 5 ? double(arg(5)) : 120);
    if (mode == "tcp-msgs")
        return tcpStream(port, arg(3), arg(4), argc > 5 ? double(arg(5)) : 120);
    if (mode == "tcp-short")
        return tcpShort(port, arg(3), 60);
    if (mode == "tcp-hold")
        return tcpHold(port, arg(3), double(arg(4)));
    if (mode == "udp-burst")
        return udpBurst(port, arg(3), arg(4));
    if (mode == "udp-paced")
        return udpPaced(port, arg(3), double(arg(4)), arg(5));
    if (mode == "tcp-sink")
        return tcpSink(port, double(arg(3)));
    if (mode == "udp-sink")
        return udpSink(port, double(arg(3)));
    if (mode == "rx-queue")
        return rxQueue(port);
    std::fprintf(stderr, "swload: unknown mode %s\n", mode.c_str());
    return 2;
}
