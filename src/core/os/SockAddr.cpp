#include "core/os/SockAddr.h"

#include <netinet/in.h>
#include <sys/socket.h>

#include <cstring>

Endpoint SockAddr::toEndpoint(const sockaddr *sa, quint32 *scopeId)
{
    Endpoint e;
    if (scopeId)
        *scopeId = 0;
    if (!sa)
        return e;
    if (sa->sa_family == AF_INET) {
        const auto *in = reinterpret_cast<const sockaddr_in *>(sa);
        e.address = QHostAddress(ntohl(in->sin_addr.s_addr));
        e.port = ntohs(in->sin_port);
    } else if (sa->sa_family == AF_INET6) {
        const auto *in6 = reinterpret_cast<const sockaddr_in6 *>(sa);
        e.address = QHostAddress(reinterpret_cast<const quint8 *>(in6->sin6_addr.s6_addr));
        e.port = ntohs(in6->sin6_port);
        if (scopeId)
            *scopeId = in6->sin6_scope_id;
    }
    return e;
}

unsigned SockAddr::fromEndpoint(const Endpoint &e, int family, sockaddr_storage *out)
{
    *out = sockaddr_storage{};
    bool isV4 = false;
    const quint32 v4 = e.address.toIPv4Address(&isV4);
    if (family == AF_INET) {
        if (!isV4)
            return 0;
        auto *in = reinterpret_cast<sockaddr_in *>(out);
        in->sin_family = AF_INET;
        in->sin_port = htons(e.port);
        in->sin_addr.s_addr = htonl(v4);
        return sizeof *in;
    }
    if (family != AF_INET6)
        return 0;
    auto *in6 = reinterpret_cast<sockaddr_in6 *>(out);
    in6->sin6_family = AF_INET6;
    in6->sin6_port = htons(e.port);
    if (isV4) {
        in6->sin6_addr.s6_addr[10] = 0xff;
        in6->sin6_addr.s6_addr[11] = 0xff;
        const quint32 net = htonl(v4);
        std::memcpy(&in6->sin6_addr.s6_addr[12], &net, 4);
    } else {
        const Q_IPV6ADDR bytes = e.address.toIPv6Address();
        std::memcpy(&in6->sin6_addr, &bytes, sizeof in6->sin6_addr);
        in6->sin6_scope_id = e.address.scopeId().toUInt();
    }
    return sizeof *in6;
}
