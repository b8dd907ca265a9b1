#include "core/os/SockAddr.h"

#include <netinet/in.h>
#include <sys/socket.h>

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
