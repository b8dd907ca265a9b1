#pragma once

#include "core/log/TrafficEvent.h"
#include "core/net/SendResult.h"
#include "core/net/TcpServerSession.h"

#include <QObject>
#include <QTimer>

class HalfOpenWriter;

// The server's side of half-closed connections. After a peer's FIN Qt closes
// its QTcpSocket; with SessionSettings::keepOpenOnPeerFin the connection
// stays in CLOSE_WAIT through a HalfOpenWriter on the probe's duplicate
// descriptor, so the user can still send until Disconnect, Reset or Stop, as
// a Python server that got recv() == b'' can still sendall(). Otherwise (or
// with an auto-reply, which has answered by then) it closes our side too,
// after sending what Qt dropped (DrainWriter).
class TcpServerHalfOpen : public QObject
{
    Q_OBJECT
public:
    using Client = TcpServerSession::Client;

    explicit TcpServerHalfOpen(TcpServerSession *session);

    // Qt has closed c's socket after the peer's FIN: keeps our side open.
    void keep(Client *c);
    SendResult write(Client *c, const QByteArray &payload);
    // FIN after what is queued; RST with reset, or when the server stops with
    // bytes still queued. The close is logged on a later pass.
    void close(Client *c, bool reset);
    // The peer half-closed while output was queued and our side closes too:
    // send it after all, then FIN.
    void drainAfterPeerFin(Client *c);
    // RST for writers still sending what was queued when we closed (the server stops).
    void abortClosing();
    int count() const { return m_count; }

private:
    void release(Client *c);
    void onFailed(quint32 clientId, HalfOpenWriter *writer, TrafficEvent failure, int osError, const QString &error);
    // Half-open peers that reset meanwhile (their RST answered a write, or
    // they aborted) are found here, not only at the next write.
    void sweep();

    TcpServerSession *m_session;
    int m_count = 0;
    QTimer m_sweep;
};
