#pragma once

#include "core/net/Endpoint.h"
#include "core/os/TcpKernelView.h"

#include <QAbstractSocket>
#include <QCoreApplication>
#include <QList>
#include <QString>

class TcpAcceptor;

// Why a TCP server could not listen, in words a student can act on. For
// EADDRINUSE it asks the kernel (sock_diag) which sockets hold the port and
// tells the two cases apart: connections left in TIME_WAIT (or still
// closing), which SO_REUSEADDR lets a new listener bind past — with the
// Python line that would have avoided the error — and a live listener,
// which no option gets past: another program (or tab) serves that port.
// Linux binds past the leftovers only when they were made with
// SO_REUSEADDR too: a restart needs it on both runs, and the words say so.
class ListenFailure
{
    Q_DECLARE_TR_FUNCTIONS(ListenFailure)

public:
    // Sockets named in a message; past them, how many more.
    static constexpr int kMaxNamed = 3;

    // "Cannot listen on 127.0.0.1:5000: Address already in use …" for the
    // acceptor's last listen() on `where`, made with SO_REUSEADDR on or off.
    static QString message(const Endpoint &where, const TcpAcceptor &acceptor, bool reuseAddress);
    // What holds `where` among the kernel's `sockets` (any port: those on
    // another port or address are left out); empty when none does.
    static QString explainAddressInUse(const Endpoint &where, const QList<TcpKernelView::Socket> &sockets,
                                       bool reuseAddress);
    // Whether a socket bound to `bound` keeps `wanted` from being bound:
    // the same address, or a wildcard of the family (:: covers both).
    static bool overlaps(const QHostAddress &wanted, const QHostAddress &bound);
};
