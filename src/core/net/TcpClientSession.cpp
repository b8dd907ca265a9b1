#include "core/net/TcpClientSession.h"

#include "core/os/DrainWriter.h"
#include "core/os/HalfOpenWriter.h"
#include "core/os/SocketProbe.h"
#include "core/os/TcpKernelView.h"

#include <QCoreApplication>
#include <QLocale>
#include <QTcpSocket>

#include <cerrno>

namespace {
// Qt reports ENETUNREACH and EHOSTUNREACH as NetworkError, like other
// failures, and tells them apart only in errorString(), which Qt's own
// catalogue (qtbase_*.qm) translates. So compare with Qt's words both in
// English and in the language in use. The contexts and texts are Qt's; they
// go through variables so that lupdate does not copy them into ours.
bool isUnreachable(const QString &qtText)
{
    static const char *const contexts[] = {"QNativeSocketEngine", "QAbstractSocket"};
    static const char *const texts[] = {"Network unreachable", "Host unreachable"};
    if (qtText.contains(QLatin1StringView("unreachable"), Qt::CaseInsensitive))
        return true;
    for (const char *context : contexts) {
        for (const char *text : texts) {
            const QString translated = QCoreApplication::translate(context, text);
            if (!translated.isEmpty() && qtText.contains(translated, Qt::CaseInsensitive))
                return true;
        }
    }
    return false;
}
} // namespace

TcpClientSession::TcpClientSession(QObject *parent)
    : Session(SessionKind::TcpClient, parent)
    , m_probe(std::make_unique<SocketProbe>())
{
    m_timeout.setSingleShot(true);
    connect(&m_timeout, &QTimer::timeout, this, &TcpClientSession::onTimeout);
    connect(&m_reconnector, &Reconnector::attemptDue, this, [this] {
        if (!m_socket && !m_halfOpen)
            connectNow();
    });
    connect(&m_reconnector, &Reconnector::changed, this, &TcpClientSession::reconnectChanged);
    // See TcpServerHalfOpen: a TCP_INFO read now and then.
    m_halfOpenSweep.setInterval(250);
    connect(&m_halfOpenSweep, &QTimer::timeout, this, [this] {
        if (m_halfOpen)
            m_halfOpen->checkPeerReset();
    });
}

TcpClientSession::~TcpClientSession()
{
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
        delete m_socket;
    }
}

bool TcpClientSession::isConnected() const
{
    return (m_socket && m_socket->state() == QAbstractSocket::ConnectedState) || m_halfOpen;
}

bool TcpClientSession::start()
{
    if (deferredWhileAnnouncing([this] { start(); }))
        return true;
    if (m_socket || m_halfOpen)
        return true;
    // The user's connect: what auto-reconnect counts starts again.
    m_reconnector.userConnected();
    return connectNow();
}

bool TcpClientSession::connectNow()
{
    if (m_drain)
        m_drain->abort();
    m_unsent.clear();
    if (settings().host.isEmpty() || settings().port == 0) {
        recordError(TrafficEvent::Reason::Other, tr("Cannot connect: a host and a port from 1 to 65535 are needed"));
        return false;
    }
    setState(State::Starting);
    m_socket = new QTcpSocket(this);
    m_socket->setReadBufferSize(kReadBufferBytes);
    m_writeShutDown = false;
    m_peerFinished = false;
    m_closeReason = TrafficEvent::Reason::LocalClose;
    m_closeMessage.clear();
    m_info = ConnectionInfo{};
    m_info.id = 1;
    m_info.state = QStringLiteral("connecting");
    if (!settings().localBindAddress.isNull() || settings().localBindPort != 0) {
        const QHostAddress addr = settings().localBindAddress.isNull() ? QHostAddress(QHostAddress::Any) : settings().localBindAddress;
        if (!m_socket->bind(addr, settings().localBindPort, QAbstractSocket::ReuseAddressHint)) {
            const QString why = SocketProbe::describe(m_socket->error(), m_socket->errorString());
            const auto reason = bindFailureReason(m_socket->error());
            discardSocket();
            setState(State::Idle);
            recordError(reason, tr("Cannot bind to %1: %2").arg(Endpoint{addr, settings().localBindPort}.toString(), why));
            return false;
        }
    }
    // Connected only now: a failed bind above is reported once, by us.
    connect(m_socket, &QTcpSocket::connected, this, &TcpClientSession::onConnected);
    // Qt says "connecting" before it makes the socket and calls connect():
    // the socket is looked at once that has run.
    connect(m_socket, &QTcpSocket::stateChanged, this, [this](QAbstractSocket::SocketState s) {
        if (s == QAbstractSocket::ConnectingState)
            QTimer::singleShot(0, this, [this] { onConnecting(0); });
    });
    gateReads(m_info.id, m_socket, &m_info, [this] { onReadyRead(); });
    connect(m_socket, &QTcpSocket::errorOccurred, this, &TcpClientSession::onError);
    connect(m_socket, &QTcpSocket::disconnected, this, &TcpClientSession::onDisconnected);
    if (settings().connectTimeoutMs > 0)
        m_timeout.start(settings().connectTimeoutMs);
    m_socket->connectToHost(settings().host, settings().port);
    return true;
}

void TcpClientSession::onConnecting(int attempt)
{
    if (!m_socket || m_socket->state() != QAbstractSocket::ConnectingState)
        return;
    // Qt tells the descriptor only once connected: the socket is found among the process's in
    // SYN_SENT to the server, looked for a little longer until it is the only one waiting for it.
    QHostAddress peer;
    peer.setAddress(settings().host);
    const auto s = TcpKernelView::ownConnecting(Endpoint{peer, settings().port});
    if (!s) {
        if (attempt < kConnectLooks)
            QTimer::singleShot(attempt < 2 ? 0 : 50, this, [this, attempt] { onConnecting(attempt + 1); });
        return;
    }
    m_info.local = s->local;
    m_info.peer = s->peer;
    emit synSent(s->local, s->peer);
}

void TcpClientSession::onConnected()
{
    m_timeout.stop();
    m_probe->attach(m_socket->socketDescriptor());
    // Qt keeps no option before the socket exists: set once connected.
    m_socket->setSocketOption(QAbstractSocket::LowDelayOption, settings().noDelay ? 1 : 0);
    m_info.local = Endpoint::localOf(*m_socket);
    m_info.peer = Endpoint::peerOf(*m_socket);
    m_info.state = QStringLiteral("connected");
    setState(State::Running);
    TrafficEvent e = connectionEvent(TrafficEvent::Kind::Connected);
    e.message = tr("Connected to %1 from local port %2 (chosen by the OS)")
                    .arg(m_info.peer.toString(), QString::number(m_info.local.port));
    if (settings().localBindPort != 0 || !settings().localBindAddress.isNull())
        e.message = tr("Connected to %1 from %2").arg(m_info.peer.toString(), m_info.local.toString());
    if (settings().noDelay)   // the log says which socket options are in effect (issue 21)
        e.message = tr("%1; TCP_NODELAY set (Nagle off)").arg(e.message);
    if (m_reconnector.currentAttempt() > 0)
        e.message = tr("%1 (auto-reconnect, attempt %2)").arg(e.message).arg(m_reconnector.currentAttempt());
    m_reconnector.connected();
    record(std::move(e), &m_info);
    emit connected();
    emit connectionsChanged();
    if (m_socket)
        readGated(m_info.id);
}

void TcpClientSession::settingsApplied(const SessionSettings &old)
{
    if (old.noDelay != settings().noDelay && m_socket && m_socket->state() == QAbstractSocket::ConnectedState)
        m_socket->setSocketOption(QAbstractSocket::LowDelayOption, settings().noDelay ? 1 : 0);
}

TrafficEvent TcpClientSession::connectionEvent(TrafficEvent::Kind kind) const
{
    TrafficEvent e = makeEvent(kind, m_info.id);
    e.local = m_info.local;
    e.peer = m_info.peer;
    return e;
}

void TcpClientSession::recordData(TrafficEvent::Direction direction, const QByteArray &payload)
{
    TrafficEvent e = connectionEvent(TrafficEvent::Kind::Data);
    e.direction = direction;
    e.payload = payload;
    record(std::move(e), &m_info);
}

QByteArray TcpClientSession::readAndRecord()
{
    QByteArray data = readAvailable(m_socket);
    if (!data.isEmpty())
        recordData(TrafficEvent::Direction::In, data);
    return data;
}

void TcpClientSession::onReadyRead()
{
    if (!m_socket)
        return;
    readAndRecord();
    // The rules matched each message as it was recorded; after our FIN
    // nothing more can be answered.
    const RuleAnswer out = takeRuleAnswer(&m_info);
    if (m_writeShutDown)
        return;
    for (const QByteArray &wire : out.wires) {
        if (!isConnected())
            break;  // a reset found while sending ended it
        writeWire(wire);
    }
    if (out.closeAfter && m_socket)  // not when a reset found while sending ended it
        stop();
}

void TcpClientSession::onError()
{
    if (!m_socket)
        return;
    const auto err = m_socket->error();
    const Endpoint target = m_info.peer.isNull() ? Endpoint{} : m_info.peer;
    const QString where = target.isNull()
        ? (settings().host.contains(u':') ? QStringLiteral("[%1]:%2") : QStringLiteral("%1:%2")).arg(settings().host).arg(settings().port)
        : target.toString();
    switch (err) {
    case QAbstractSocket::RemoteHostClosedError:
        // After our own FIN an orderly end also leaves the socket CLOSE (the
        // kernel moved it to TIME_WAIT), so only without one is CLOSE a reset.
        if (!m_writeShutDown && m_probe->connectionEnd() == SocketProbe::End::PeerReset) {
            m_closeReason = TrafficEvent::Reason::PeerReset;
            m_closeMessage = tr("Connection reset by peer (ECONNRESET)");
        } else {
            m_closeReason = TrafficEvent::Reason::PeerClosed;
            m_closeMessage = m_writeShutDown
                ? tr("Closed: both sides have finished (recv() returned 0 after our shutdown)")
                : tr("Closed by peer: recv() returned 0 (FIN received)");
            if (!m_writeShutDown && keepsOpenAfterFin()) {
                // Qt drops its write buffer right after this: kept for the writer.
                const qint64 pending = m_socket->bytesToWrite();
                if (pending > 0 && m_unsent.size() >= pending)
                    m_droppedAtFin = m_unsent.last(pending);
                m_unsent.clear();
                m_peerFinished = true;
            } else if (!m_writeShutDown) {
                drainAfterPeerFin();
            }
        }
        return;
    case QAbstractSocket::ConnectionRefusedError:
        m_timeout.stop();
        recordError(TrafficEvent::Reason::Refused,
                    withReconnectNote(tr("Cannot connect to %1: %2").arg(where, SocketProbe::osErrorText(ECONNREFUSED))));
        break;
    case QAbstractSocket::HostNotFoundError:
        m_timeout.stop();
        recordError(TrafficEvent::Reason::HostNotFound,
                    withReconnectNote(tr("Cannot connect to %1: host “%2” not found (%3)").arg(where, settings().host, m_socket->errorString())));
        break;
    case QAbstractSocket::SocketTimeoutError:
        recordError(TrafficEvent::Reason::TimedOut, withReconnectNote(tr("Cannot connect to %1: timed out").arg(where)));
        break;
    case QAbstractSocket::NetworkError: {
        const QString text = m_socket->errorString();
        const auto reason = isUnreachable(text) ? TrafficEvent::Reason::Unreachable : TrafficEvent::Reason::Other;
        recordError(reason, withReconnectNote(tr("%1: %2").arg(where, text)));
        break;
    }
    default:
        recordError(TrafficEvent::Reason::Other,
                    withReconnectNote(tr("%1: %2").arg(where, SocketProbe::describe(err, m_socket->errorString()))));
        break;
    }
    m_info.lastError = m_socket ? SocketProbe::describe(err, m_socket->errorString()) : QString();
    if (m_socket && m_socket->state() == QAbstractSocket::UnconnectedState && m_info.sinceUs == 0) {
        // Never connected: there will be no disconnected() signal.
        discardSocket();
        setState(State::Idle);
        emit disconnected();
        scheduleReconnect();
    } else {
        m_closeReason = TrafficEvent::Reason::Other;
        m_closeMessage = tr("Closed after an error: %1").arg(m_info.lastError);
    }
}

void TcpClientSession::drainAfterPeerFin()
{
    // See TcpServerSession::drainAfterPeerFin.
    const qint64 pending = m_socket->bytesToWrite();
    if (pending <= 0 || !m_probe->isAttached() || m_unsent.size() < pending)
        return;
    delete m_drain;
    m_drain = new DrainWriter(m_probe->takeDescriptor(), m_unsent.last(pending), this);
    m_unsent.clear();
    TrafficEvent failure = connectionEvent(TrafficEvent::Kind::Error);
    DrainWriter *drain = m_drain;
    connect(drain, &DrainWriter::finished, this, [this, drain, failure](bool ok, const QString &error) mutable {
        if (!ok && !error.isEmpty()) {
            failure.reason = TrafficEvent::Reason::Other;
            failure.message = tr("%1 bytes queued for %2 were not sent after its FIN: %3")
                                  .arg(QLocale::c().toString(drain->remaining()), failure.peer.toString(), error);
            record(failure);
        }
        if (m_drain == drain)
            m_drain = nullptr;
        drain->deleteLater();
    });
}

void TcpClientSession::onTimeout()
{
    if (!m_socket || m_socket->state() == QAbstractSocket::ConnectedState)
        return;
    const QString where = (settings().host.contains(u':') ? QStringLiteral("[%1]:%2") : QStringLiteral("%1:%2")).arg(settings().host).arg(settings().port);
    m_socket->disconnect(this);
    m_socket->abort();
    discardSocket();
    setState(State::Idle);
    recordError(TrafficEvent::Reason::TimedOut,
                withReconnectNote(tr("Cannot connect to %1: no answer within %2 ms (timed out)").arg(where, QString::number(settings().connectTimeoutMs))));
    emit disconnected();
    scheduleReconnect();
}

void TcpClientSession::resumeReads()
{
    readGated(m_info.id);
}

void TcpClientSession::onDisconnected()
{
    // Bytes Qt read before the close but nobody logged yet (reads were
    // held): logged now, before the close; there is no connection left to
    // answer them on.
    if (m_socket && m_socket->bytesAvailable() > 0)
        readAndRecord();
    m_timeout.stop();
    if (m_peerFinished && !m_halfOpen) {
        keepHalfOpen();
        return;
    }
    TrafficEvent e = connectionEvent(TrafficEvent::Kind::Closed);
    e.reason = m_closeReason;
    e.message = m_closeMessage.isEmpty() ? tr("Closed by us") : m_closeMessage;
    e.message = withReconnectNote(e.message);
    m_probe->release();
    m_info.state = QStringLiteral("closed");
    discardSocket();
    setState(State::Idle);
    record(std::move(e), &m_info);
    emit disconnected();
    emit connectionsChanged();
    scheduleReconnect();
}

void TcpClientSession::discardSocket()
{
    if (!m_socket)
        return;
    m_socket->disconnect(this);
    m_socket->deleteLater();
    m_socket = nullptr;
}

void TcpClientSession::stop()
{
    if (deferredWhileAnnouncing([this] { stop(); }))
        return;
    cancelReconnect();
    if (m_halfOpen) {
        endHalfOpen(TrafficEvent::Reason::LocalClose, tr("Closed by us: FIN sent after the peer's FIN"), false);
        return;
    }
    if (m_drain)
        m_drain->abort();  // what was still going to a half-closed peer is dropped (RST)
    if (!m_socket)
        return;
    if (m_socket->state() != QAbstractSocket::ConnectedState && m_socket->state() != QAbstractSocket::ClosingState) {
        // Still looking up or connecting: give up quietly, and say so.
        m_timeout.stop();
        m_socket->disconnect(this);
        m_socket->abort();
        discardSocket();
        setState(State::Idle);
        TrafficEvent e = makeEvent(TrafficEvent::Kind::Stopped);
        e.message = tr("Connection attempt cancelled");
        record(e);
        emit disconnected();
        return;
    }
    setState(State::Stopping);
    m_closeReason = TrafficEvent::Reason::LocalClose;
    // As for a server's clients: output the kernel does not take now is
    // dropped rather than left waiting for a peer that may never read (the
    // tab that owns the session may be closing).
    m_socket->flush();
    if (!m_socket)
        return;  // a reset found by the flush ended it (and logged it)
    const qint64 unsent = m_socket->bytesToWrite();
    if (unsent > 0 && m_socket->state() == QAbstractSocket::ConnectedState) {
        m_closeReason = TrafficEvent::Reason::LocalReset;
        m_closeMessage = tr("Closed by us; %1 bytes not yet sent were discarded (RST sent)")
                             .arg(QLocale::c().toString(unsent));
        m_probe->setAbortiveClose();
        m_socket->abort();
        return;
    }
    m_closeMessage = tr("Closed by us");
    m_socket->disconnectFromHost();
}

bool TcpClientSession::shutdownWrite(QString *error)
{
    if (deferredWhileAnnouncing([this] { shutdownWrite(); }))
        return true;
    if (!isConnected()) {
        if (error) *error = tr("Not connected");
        return false;
    }
    if (m_writeShutDown)
        return true;
    if (m_halfOpen) {
        // Both sides have finished then: the connection ends.
        endHalfOpen(TrafficEvent::Reason::LocalClose,
                    tr("Closed: both sides have finished (our FIN after the peer's FIN)"), false);
        return true;
    }
    // Whatever is still buffered must leave before the FIN.
    m_socket->flush();
    if (!SocketProbe::shutdownWrite(m_socket->socketDescriptor(), error))
        return false;
    m_writeShutDown = true;
    TrafficEvent e = connectionEvent(TrafficEvent::Kind::Closed);
    e.reason = TrafficEvent::Reason::HalfClosed;
    e.message = tr("Half-closed by us: shutdown(SHUT_WR) sent FIN, still reading");
    record(std::move(e), &m_info);
    return true;
}

void TcpClientSession::deliverDelayedReply(quint32 connectionId, const QByteArray &wire, bool closeAfter)
{
    Q_UNUSED(connectionId);   // one connection at a time; a new one has new rule state
    if (!isConnected() || m_writeShutDown)
        return;
    if (!wire.isEmpty())
        writeWire(wire);
    if (closeAfter && m_socket)
        stop();
}

SendResult TcpClientSession::send(const QByteArray &payload)
{
    if (payload.isEmpty())
        return SendResult::failure(emptyPayloadError());
    if (!isConnected())
        return SendResult::failure(tr("Not connected: nothing was sent"));
    if (m_writeShutDown)
        return SendResult::failure(tr("The sending side is shut down (shutdown(SHUT_WR)): nothing was sent"));
    QString frameError;
    const QByteArray wire = framedForSending(payload, &frameError);
    if (!frameError.isEmpty())
        return SendResult::failure(frameError);
    if (deferredWhileAnnouncing([this, payload] { send(payload); }))
        return SendResult::deferred(wire.size());
    return writeWire(wire);
}

SendResult TcpClientSession::writeWire(const QByteArray &wire)
{
    if (m_halfOpen)
        return writeHalfOpen(wire);
    const qint64 n = m_socket->write(wire);
    m_socket->flush();  // see TcpServerSession::writeTo
    // A reset found while writing ends the connection inside flush().
    if (!m_socket)
        return SendResult::failure(tr("Send failed: the connection ended while sending"));
    if (n < 0)
        return SendResult::failure(tr("Send failed: %1").arg(m_socket->errorString()));
    m_unsent.wrote(wire, m_socket->bytesToWrite());
    recordData(TrafficEvent::Direction::Out, wire);
    return SendResult::success(n);
}

void TcpClientSession::recordError(TrafficEvent::Reason reason, const QString &message)
{
    TrafficEvent e = connectionEvent(TrafficEvent::Kind::Error);
    e.reason = reason;
    e.message = message;
    m_info.lastError = message;
    record(std::move(e), &m_info);
}

QList<ConnectionInfo> TcpClientSession::connections() const
{
    if (!m_socket && !m_halfOpen)
        return {};
    return {m_info};
}

QString TcpClientSession::withReconnectNote(const QString &message) const
{
    return m_reconnector.note(settings().autoReconnect, settings().reconnectIntervalMs, message);
}

void TcpClientSession::scheduleReconnect()
{
    if (!m_socket && !m_halfOpen)
        m_reconnector.schedule(settings().autoReconnect, settings().reconnectIntervalMs);
}

void TcpClientSession::cancelReconnect()
{
    if (!m_reconnector.userStopped())
        return;
    TrafficEvent e = makeEvent(TrafficEvent::Kind::Stopped);
    e.message = tr("Auto-reconnect stopped by Disconnect");
    record(e);
}

bool TcpClientSession::keepsOpenAfterFin() const
{
    // An auto-reply has answered by now and closes its side; a client that
    // reconnects has no use for the old connection; without a duplicate
    // descriptor there is nothing left to write with.
    return settings().keepOpenOnPeerFin && !settings().autoReconnect && !replyRules().isActive() && m_probe->isAttached();
}

void TcpClientSession::keepHalfOpen()
{
    auto *writer = new HalfOpenWriter(m_probe->takeDescriptor(), std::move(m_droppedAtFin), this);
    m_droppedAtFin.clear();
    m_halfOpen = writer;
    m_peerFinished = false;
    discardSocket();
    TrafficEvent failure = connectionEvent(TrafficEvent::Kind::Error);
    connect(writer, &HalfOpenWriter::failed, this, [this, writer, failure](int, const QString &error) mutable {
        if (writer == m_halfOpen) {
            // The server had closed completely: our data met its RST.
            m_info.lastError = error;
            endHalfOpen(TrafficEvent::Reason::PeerReset,
                        withReconnectNote(tr("Connection reset by peer (%1): it had closed completely, not only "
                                             "finished sending").arg(error)), false);
            scheduleReconnect();
            return;
        }
        failure.reason = TrafficEvent::Reason::Other;
        failure.message = tr("%1 bytes queued for %2 were not sent after its FIN: %3")
                              .arg(QLocale::c().toString(writer->queued()), failure.peer.toString(), error);
        record(failure);
    });
    connect(writer, &HalfOpenWriter::finished, writer, &QObject::deleteLater);
    m_halfOpenSweep.start();
    m_info.state = QStringLiteral("CLOSE_WAIT (peer finished sending)");
    TrafficEvent e = connectionEvent(TrafficEvent::Kind::Closed);
    e.reason = TrafficEvent::Reason::PeerFinished;
    e.message = tr("Peer finished sending (FIN): recv() returned 0; our side stays open for sending until "
                   "Disconnect (CLOSE_WAIT)");
    record(std::move(e), &m_info);
    emit connectionsChanged();
}

SendResult TcpClientSession::writeHalfOpen(const QByteArray &wire)
{
    // A write the kernel refuses (EPIPE, ECONNRESET) ends the connection inside write().
    if (!m_halfOpen->write(wire) || !m_halfOpen)
        return SendResult::failure(tr("Send failed: the connection ended while sending"));
    recordData(TrafficEvent::Direction::Out, wire);
    return SendResult::success(wire.size());
}

void TcpClientSession::endHalfOpen(TrafficEvent::Reason reason, const QString &message, bool reset)
{
    HalfOpenWriter *writer = m_halfOpen;
    m_halfOpen = nullptr;
    m_halfOpenSweep.stop();
    if (reset)
        writer->reset();
    else
        writer->close();  // lives on until what is queued has left, then FIN
    TrafficEvent e = connectionEvent(TrafficEvent::Kind::Closed);
    e.reason = reason;
    e.message = message;
    m_info.state = QStringLiteral("closed");
    setState(State::Idle);
    record(std::move(e), &m_info);
    emit disconnected();
    emit connectionsChanged();
}

void TcpClientSession::resetConnectionCounters()
{
    resetTraffic(m_info);
}
