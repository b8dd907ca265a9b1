#pragma once

#include "core/net/Endpoint.h"
#include "core/os/TcpKernelView.h"

#include <optional>

// Whether the kernel holds the connection local ↔ peer in TIME_WAIT now (the
// side that closed first waits there; it keeps local's port from a bind()
// without SO_REUSEADDR). For QTRY_VERIFY.
inline bool inTimeWait(const Endpoint &local, const Endpoint &peer)
{
    const std::optional<TcpKernelView::Socket> s = TcpKernelView::find(local, peer);
    return s && s->state == TcpKernelView::State::TimeWait;
}
