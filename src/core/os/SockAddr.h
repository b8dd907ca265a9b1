#pragma once

#include "core/net/Endpoint.h"

struct sockaddr;

// The operating system's socket addresses, as endpoints.
class SockAddr
{
public:
    // The address and port of an AF_INET or AF_INET6 socket address (IPv6
    // stays IPv6, v4-mapped too), without a scope; a null endpoint for
    // another family or none. An IPv6 scope id, when asked for, goes to
    // *scopeId (0 for none): callers name it as they need.
    static Endpoint toEndpoint(const sockaddr *sa, quint32 *scopeId = nullptr);
};
