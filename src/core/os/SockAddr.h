#pragma once

#include "core/net/Endpoint.h"

struct sockaddr;
struct sockaddr_storage;

// The operating system's socket addresses, as endpoints.
class SockAddr
{
public:
    // The address and port of an AF_INET or AF_INET6 socket address (IPv6
    // stays IPv6, v4-mapped too), without a scope; a null endpoint for
    // another family or none. An IPv6 scope id, when asked for, goes to
    // *scopeId (0 for none): callers name it as they need.
    static Endpoint toEndpoint(const sockaddr *sa, quint32 *scopeId = nullptr);
    // The socket address of `e` in `family` (AF_INET or AF_INET6; an IPv4
    // address in AF_INET6 is written v4-mapped, ::ffff:a.b.c.d, as a
    // dual-stack socket reaches it), and its length; 0 when the address
    // cannot be written in that family (IPv6 in AF_INET).
    static unsigned fromEndpoint(const Endpoint &e, int family, sockaddr_storage *out);
};
