#include "core/net/TcpServerHalfOpen.h"

#include "core/net/TcpServerClient.h"
#include "core/os/DrainWriter.h"
#include "core/os/HalfOpenWriter.h"

#include <QLocale>
#include <QTcpSocket>

namespace {
// Often enough that a peer's RST after a write is told within a moment;
// rarely enough that one TCP_INFO read (a getsockopt) per half-open
// connection per sweep stays negligible.
constexpr int kSweepMs = 250;
} // namespace

// The words are the session's: the same strings, one translation context.
TcpServerHalfOpen::TcpServerHalfOpen(TcpServerSession *session)
    : QObject(session)
    , m_session(session)
{
    m_sweep.setInterval(kSweepMs);
    connect(&m_sweep, &QTimer::timeout, this, &TcpServerHalfOpen::sweep);
}

void TcpServerHalfOpen::keep(Client *c)
{
    const quint32 id = c->id;
    auto *writer = new HalfOpenWriter(c->probe.takeDescriptor(), std::move(c->droppedAtFin), this);
    c->droppedAtFin.clear();
    c->halfOpen = writer;
    c->info.state = QStringLiteral("CLOSE_WAIT (peer finished sending)");
    const TrafficEvent failure = m_session->clientEvent(TrafficEvent::Kind::Error, c);
    connect(writer, &HalfOpenWriter::failed, this, [this, id, writer, failure](int osError, const QString &error) {
        onFailed(id, writer, failure, osError, error);
    });
    connect(writer, &HalfOpenWriter::finished, writer, &QObject::deleteLater);
    if (++m_count == 1)
        m_sweep.start();
    TrafficEvent e = m_session->clientEvent(TrafficEvent::Kind::Closed, c);
    e.reason = TrafficEvent::Reason::PeerFinished;
    e.message = TcpServerSession::tr("Peer finished sending (FIN): recv() returned 0; our side stays open "
                                     "for sending until we close it (CLOSE_WAIT)");
    m_session->record(std::move(e), &c->info);
    emit m_session->connectionsChanged();
}

void TcpServerHalfOpen::release(Client *c)
{
    c->halfOpen = nullptr;
    if (--m_count == 0)
        m_sweep.stop();
}

SendResult TcpServerHalfOpen::write(Client *c, const QByteArray &payload)
{
    const quint32 id = c->id;
    // A write the kernel refuses (EPIPE, ECONNRESET) ends the connection inside write().
    if (!c->halfOpen->write(payload) || !m_session->isOpen(id))
        return SendResult::failure(TcpServerSession::tr("Send to #%1 failed: the connection ended while sending").arg(id));
    m_session->recordData(c, TrafficEvent::Direction::Out, payload);
    return SendResult::success(payload.size());
}

void TcpServerHalfOpen::close(Client *c, bool reset)
{
    HalfOpenWriter *writer = c->halfOpen;
    release(c);
    const bool stopping = c->closeReason == TrafficEvent::Reason::SessionStopped;
    const qint64 queued = writer->queued();
    if (reset) {
        c->closeMessage = TcpServerSession::tr("Reset by us (RST sent)");
        writer->reset();
    } else if (stopping && queued > 0) {
        // As for open clients: a peer that may never read must not hold the stop.
        c->closeMessage = TcpServerSession::tr("Closed: the server stopped; %1 bytes not yet sent were discarded (RST sent)")
                              .arg(QLocale::c().toString(queued));
        writer->reset();
    } else {
        c->closeMessage = stopping ? TcpServerSession::tr("Closed: the server stopped")
                                   : TcpServerSession::tr("Closed by us: FIN sent after the peer's FIN");
        writer->close();  // the writer lives on until what is queued has left
    }
    m_session->markClosed(c);
}

void TcpServerHalfOpen::abortClosing()
{
    for (HalfOpenWriter *writer : findChildren<HalfOpenWriter *>(Qt::FindDirectChildrenOnly))
        if (writer->isActive() && !writer->isOpen())  // closed by us, still sending
            writer->reset();
}

void TcpServerHalfOpen::onFailed(quint32 clientId, HalfOpenWriter *writer, TrafficEvent failure, int osError,
                                 const QString &error)
{
    const auto it = m_session->m_clients.find(clientId);
    Client *c = it == m_session->m_clients.end() ? nullptr : it->second.get();
    if (c && c->halfOpen == writer) {
        // The peer had closed completely: our data met its RST.
        release(c);
        c->closeReason = TrafficEvent::Reason::PeerReset;
        c->closeMessage = TcpServerSession::tr("Connection reset by peer (%1): it had closed completely, not only "
                                               "finished sending").arg(error);
        c->info.lastError = error;
        m_session->markClosed(c);
        return;
    }
    Q_UNUSED(osError);
    // Closed by us already, while what was queued was still leaving.
    failure.reason = TrafficEvent::Reason::Other;
    failure.message = TcpServerSession::tr("%1 bytes queued for %2 were not sent after its FIN: %3")
                          .arg(QLocale::c().toString(writer->queued()), failure.peer.toString(), error);
    m_session->record(failure);
}

void TcpServerHalfOpen::sweep()
{
    std::vector<HalfOpenWriter *> open;
    for (const auto &[id, c] : m_session->m_clients)
        if (c->halfOpen)
            open.push_back(c->halfOpen);
    for (HalfOpenWriter *writer : open)
        writer->checkPeerReset();  // reports through failed()
}

void TcpServerHalfOpen::drainAfterPeerFin(Client *c)
{
    // Qt still holds its write buffer here and drops it right after.
    const qint64 pending = c->socket->bytesToWrite();
    if (pending <= 0 || !c->probe.isAttached() || c->unsent.size() < pending)
        return;
    const int fd = c->probe.takeDescriptor();
    auto *drain = new DrainWriter(fd, c->unsent.last(pending), m_session);
    c->unsent.clear();
    m_session->m_drains.push_back(drain);
    TrafficEvent failure = m_session->clientEvent(TrafficEvent::Kind::Error, c);
    connect(drain, &DrainWriter::finished, this, [this, drain, failure](bool ok, const QString &error) mutable {
        std::erase(m_session->m_drains, drain);
        if (!ok && !error.isEmpty()) {
            failure.reason = TrafficEvent::Reason::Other;
            failure.message = TcpServerSession::tr("%1 bytes queued for %2 were not sent after its FIN: %3")
                                  .arg(QLocale::c().toString(drain->remaining()), failure.peer.toString(), error);
            m_session->record(failure);
        }
        drain->deleteLater();
    });
}
