#include "core/net/ListenFailure.h"

#include "core/os/SocketProbe.h"
#include "core/os/TcpAcceptor.h"

#include <QStringList>

#include <algorithm>

using namespace Qt::StringLiterals;
using State = TcpKernelView::State;

namespace {

// "a; b; c and 4 more"
QString named(const QStringList &all)
{
    QStringList shown = all.first(std::min<qsizetype>(all.size(), ListenFailure::kMaxNamed));
    QString text = shown.join(u"; "_s);
    if (all.size() > shown.size())
        text = ListenFailure::tr("%1 and %2 more").arg(text).arg(all.size() - shown.size());
    return text;
}

} // namespace

bool ListenFailure::overlaps(const QHostAddress &wanted, const QHostAddress &bound)
{
    if (wanted.isEqual(bound, QHostAddress::ConvertV4MappedToIPv4))
        return true;
    const auto dualStack = [](const QHostAddress &a) {
        return a == QHostAddress(QHostAddress::AnyIPv6) || a == QHostAddress(QHostAddress::Any);
    };
    if (dualStack(wanted) || dualStack(bound))
        return true;
    if (wanted.protocol() != bound.protocol())
        return false;
    return wanted == QHostAddress(QHostAddress::AnyIPv4) || bound == QHostAddress(QHostAddress::AnyIPv4);
}

QString ListenFailure::explainAddressInUse(const Endpoint &where, const QList<TcpKernelView::Socket> &sockets,
                                           bool reuseAddress)
{
    QStringList listeners;
    QStringList others;
    bool allTimeWait = true;
    for (const TcpKernelView::Socket &s : sockets) {
        if (s.local.port != where.port || !overlaps(where.address, s.local.address))
            continue;
        if (s.state == State::Listen) {
            listeners << tr("%1 in LISTEN").arg(s.local.toString());
        } else if (s.state != State::SynReceived) {   // a listener's half-open client: the listener says it
            others << TcpKernelView::describe(s);
            allTimeWait = allTimeWait && s.state == State::TimeWait;
        }
    }
    if (!listeners.isEmpty()) {
        return tr("Another socket listens on this port: %1 (another program, or another tab). SO_REUSEADDR "
                  "cannot help: only one socket may listen on an address and port; stop that one or choose "
                  "another port.").arg(named(listeners));
    }
    if (others.isEmpty())
        return {};
    QString text = allTimeWait
        ? tr("Nothing listens there, but connections closed a moment ago still hold the port in TIME_WAIT: %1.")
              .arg(named(others))
        : tr("Nothing listens there, but these connections still hold the port: %1.").arg(named(others));
    // Linux binds past such sockets only when both the new socket and the
    // one that made them set SO_REUSEADDR (so a restart needs it on both runs).
    if (!reuseAddress) {
        text += u' '
            + tr("SO_REUSEADDR is off: with it on (here and in the server that made those connections), this "
                 "bind() would succeed. The Python line that avoids the error, before bind(): %1")
                  .arg(u"s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)"_s);
    } else {
        text += u' '
            + tr("SO_REUSEADDR is on, but the socket that made those connections had it off: Linux binds past "
                 "them only when both sockets set it.");
        if (allTimeWait)
            text += u' ' + tr("They are gone when their TIME_WAIT ends (a minute at most).");
    }
    return text;
}

QString ListenFailure::message(const Endpoint &where, const TcpAcceptor &acceptor, bool reuseAddress)
{
    const QAbstractSocket::SocketError error = acceptor.serverError();
    QString text = tr("Cannot listen on %1: %2").arg(where.toString(), SocketProbe::describe(error, acceptor.errorString()));
    if (error != QAbstractSocket::AddressInUseError)
        return text;
    // The kernel's word on who holds the port; without netlink the plain
    // error is all there is to say.
    QList<TcpKernelView::Socket> sockets;
    if (!TcpKernelView::list(&sockets, nullptr, {}, where.port))
        return text;
    const QString why = explainAddressInUse(where, sockets, reuseAddress);
    return why.isEmpty() ? text : text + u". "_s + why;
}
