#pragma once

#include "core/log/TrafficEvent.h"
#include "core/net/ConnectionInfo.h"
#include "core/net/TcpServerSession.h"
#include "core/net/UnsentTail.h"
#include "core/os/SocketProbe.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <memory>

class HalfOpenWriter;
class QTcpSocket;

// One accepted connection of a TcpServerSession (shared with
// TcpServerHalfOpen, which takes it over after the peer's FIN).
struct TcpServerSession::Client
{
    quint32 id = 0;
    QTcpSocket *socket = nullptr;
    SocketProbe probe;
    ConnectionInfo info;
    TrafficEvent::Reason closeReason = TrafficEvent::Reason::LocalClose;
    QString closeMessage;
    UnsentTail unsent;
    // The peer's FIN came and our side stays open (settings().keepOpenOnPeerFin):
    // what Qt dropped on closing, then the writer that sends from then on.
    bool peerFinished = false;
    QList<QByteArray> droppedAtFin;
    HalfOpenWriter *halfOpen = nullptr;  // a child of the session; deletes itself once finished
    // Qt has closed the socket; the close is logged and the client removed
    // on a later pass (see onDisconnected).
    bool closed = false;
};
