#include "core/net/TcpServerSession.h"

#include "core/log/TrafficLog.h"
#include "core/net/ListenFailure.h"
#include "core/net/TcpServerClient.h"
#include "core/net/TcpServerHalfOpen.h"
#include "core/net/UnsentTail.h"
#include "core/os/DescriptorCloser.h"
#include "core/os/DrainWriter.h"
#include "core/os/HalfOpenWriter.h"
#include "core/os/SocketProbe.h"
#include "core/os/TcpAcceptor.h"
#include "core/text/PayloadParser.h"
#include "core/text/Escape.h"

#include <QLocale>
#include <QElapsedTimer>
#include <QTcpSocket>
#include <QTimer>

TcpServerSession::TcpServerSession(QObject *parent)
    : Session(SessionKind::TcpServer, parent)
    , m_halfOpen(new TcpServerHalfOpen(this))
{
}

TcpServerSession::~TcpServerSession()
{
    // Quietly: the owner is going away, there is nobody to tell.
    for (auto &[id, c] : m_clients) {
        c->socket->disconnect(this);
        c->socket->abort();
        delete c->socket;
    }
    m_clients.clear();
}

Endpoint TcpServerSession::listenEndpoint() const
{
    if (!m_acceptor || !m_acceptor->isListening())
        return Endpoint{settings().listenAddress, settings().listenPort};
    return Endpoint{m_acceptor->serverAddress(), m_acceptor->serverPort()};
}

bool TcpServerSession::start()
{
    if (deferredWhileAnnouncing([this] { start(); }))
        return true;
    if (m_acceptor && m_acceptor->isListening())
        return true;
    if (!m_greetingError.isEmpty()) {
        TrafficEvent e = makeEvent(TrafficEvent::Kind::Error);
        e.local = Endpoint{settings().listenAddress, settings().listenPort};
        e.reason = TrafficEvent::Reason::Other;
        e.message = tr("Not started: the greeting cannot be sent: %1").arg(m_greetingError);
        record(e);
        return false;
    }
    setState(State::Starting);
    if (!m_acceptor) {
        m_acceptor = new TcpAcceptor(this);
        // Already a queued notice from the accept thread: taken at once.
        connect(m_acceptor, &TcpAcceptor::pending, this, [this] {
            if (!m_acceptScheduled)
                acceptPending();
        });
        connect(m_acceptor, &TcpAcceptor::acceptError, this, &TcpServerSession::onAcceptError);
    }
    const SessionSettings &s = settings();
    m_acceptor->setAcceptPaused(s.pauseAccept);
    if (!m_acceptor->listen(s.listenAddress, s.listenPort, s.backlog, s.reuseAddress)) {
        TrafficEvent e = makeEvent(TrafficEvent::Kind::Error);
        e.local = Endpoint{s.listenAddress, s.listenPort};
        e.reason = bindFailureReason(m_acceptor->serverError());
        e.message = ListenFailure::message(e.local, *m_acceptor, s.reuseAddress);  // names what holds the port
        setState(State::Idle);
        record(e);
        return false;
    }
    // The port the OS chose is the one a restart uses (clients, a lesson's
    // explanation and the form all know it by now).
    if (settings().listenPort == 0)
        setPort(m_acceptor->serverPort());
    TrafficEvent e = makeEvent(TrafficEvent::Kind::Listening);
    e.local = listenEndpoint();
    e.message = tr("Listening on %1 (backlog %2)").arg(e.local.toString(), QString::number(settings().backlog));
    setState(State::Running);
    record(e);
    return true;
}

void TcpServerSession::stop()
{
    if (deferredWhileAnnouncing([this] { stop(); }))
        return;
    if (!m_acceptor || !m_acceptor->isListening())
        return;
    setState(State::Stopping);
    const Endpoint where = listenEndpoint();
    // The listening socket goes first: no new clients while the others close.
    m_acceptor->close();
    // Clients accepted but not taken over yet are logged and closed like the
    // others: none leaves without a trace.
    acceptPending(true);
    // Output still going to half-closed peers is dropped too (RST).
    const std::vector<DrainWriter *> drains = m_drains;
    for (DrainWriter *drain : drains)
        drain->abort();
    m_halfOpen->abortClosing();
    std::vector<Client *> open;
    for (auto &[id, c] : m_clients)
        if (!c->closed)
            open.push_back(c.get());
    for (Client *c : open) {
        c->closeReason = TrafficEvent::Reason::SessionStopped;
        if (c->halfOpen) {
            m_halfOpen->close(c, false);
            continue;
        }
        // What the kernel does not take now would wait for a peer that may
        // never read, and the client would linger, unlogged, after the stop:
        // it is dropped instead, and the close says so.
        const quint32 id = c->id;
        c->socket->flush();
        if (!isOpen(id))
            continue;  // a reset found by the flush ended it
        const qint64 unsent = c->socket->bytesToWrite();
        if (unsent > 0) {
            c->closeMessage = tr("Closed: the server stopped; %1 bytes not yet sent were discarded (RST sent)")
                                  .arg(QLocale::c().toString(unsent));
            c->probe.setAbortiveClose();
            c->socket->abort();
        } else {
            c->closeMessage = tr("Closed: the server stopped");
            c->socket->disconnectFromHost();
        }
    }
    // Every close that happened by now is logged before the stop.
    reapClosed(true);
    TrafficEvent e = makeEvent(TrafficEvent::Kind::Stopped);
    e.local = where;
    e.message = tr("Stopped listening on %1").arg(where.toString());
    setState(State::Idle);
    record(e);
}

TrafficEvent TcpServerSession::clientEvent(TrafficEvent::Kind kind, const Client *c) const
{
    TrafficEvent e = makeEvent(kind, c->id);
    e.local = c->info.local;
    e.peer = c->info.peer;
    return e;
}

void TcpServerSession::onAcceptError(QAbstractSocket::SocketError error, const QString &errorString)
{
    // QTcpServer pauses accepting on a hard error (typically EMFILE: the
    // open-file limit). Say so once per pause, and try again shortly: clients
    // that leave free descriptors, and waiting ones are then accepted.
    if (!m_acceptor || !m_acceptor->isListening())
        return;
    TrafficEvent e = makeEvent(TrafficEvent::Kind::Error);
    e.local = listenEndpoint();
    e.reason = TrafficEvent::Reason::LimitReached;
    e.message = tr("Cannot accept more connections (%1 open): %2; retrying in 1 s")
                    .arg(m_clients.size())
                    .arg(SocketProbe::describe(error, errorString));
    record(e);
    QTimer::singleShot(1000, this, [this] {
        if (m_acceptor && m_acceptor->isListening())
            m_acceptor->resumeAccepting();
    });
}

void TcpServerSession::onNextPass(bool *scheduled, void (TcpServerSession::*work)(bool))
{
    if (*scheduled)
        return;
    *scheduled = true;
    QTimer::singleShot(0, this, [this, work] { (this->*work)(false); });
}

bool TcpServerSession::passHasRoom(const QElapsedTimer &clock, int done)
{
    return done < kPerPass && clock.elapsed() < kPassMs;
}

void TcpServerSession::acceptPending(bool all)
{
    // The acceptor has accepted clients on its thread (so the kernel's listen
    // queue never overflows while the window is busy). They are taken over
    // here a batch per event-loop pass, each pass bounded in count and time:
    // a burst of thousands must not freeze the window, and every open socket
    // makes each pass of the event loop a little longer.
    m_acceptScheduled = false;
    if (!m_acceptor)
        return;
    QElapsedTimer clock;
    clock.start();
    int taken = 0;
    while (all || passHasRoom(clock, taken)) {
        const std::vector<TcpAcceptor::Accepted> accepted = m_acceptor->take(all ? 1024 : 32);
        if (accepted.empty())
            break;
        for (const TcpAcceptor::Accepted &a : accepted)
            adopt(a);
        taken += int(accepted.size());
    }
    if (m_acceptor->pendingCount() > 0)
        onNextPass(&m_acceptScheduled, &TcpServerSession::acceptPending);  // after the window had its turn
}

void TcpServerSession::adopt(const TcpAcceptor::Accepted &accepted)
{
    auto *socket = new QTcpSocket;
    if (!socket->setSocketDescriptor(accepted.descriptor)) {
        TrafficEvent e = makeEvent(TrafficEvent::Kind::Error);
        e.local = listenEndpoint();
        e.reason = TrafficEvent::Reason::Other;
        e.message = tr("Cannot take over an accepted connection: %1").arg(socket->errorString());
        DescriptorCloser::close(int(accepted.descriptor));
        delete socket;
        record(e);
        return;
    }
    socket->setReadBufferSize(kReadBufferBytes);
    socket->setSocketOption(QAbstractSocket::LowDelayOption, settings().noDelay ? 1 : 0);
    const Endpoint local = Endpoint::localOf(*socket);
    // Where the client was when accept() returned it: it may have reset since.
    const Endpoint peer = accepted.peer;
    if (settings().maxClients > 0 && int(m_clients.size()) >= settings().maxClients) {
        TrafficEvent e = makeEvent(TrafficEvent::Kind::Error);
        e.local = local;
        e.peer = peer;
        e.reason = TrafficEvent::Reason::LimitReached;
        e.message = tr("Refused %1: the limit of %2 clients is reached")
                        .arg(peer.toString(), QString::number(settings().maxClients));
        socket->abort();
        delete socket;
        record(e);
        return;
    }
    auto client = std::make_unique<Client>();
    Client *c = client.get();
    c->id = ++m_nextClientId;
    c->socket = socket;
    c->probe.attach(socket->socketDescriptor());
    c->info.id = c->id;
    c->info.local = local;
    c->info.peer = peer;
    c->info.state = QStringLiteral("connected");
    m_clients.emplace(c->id, std::move(client));

    gateReads(c->id, socket, &c->info, [this, c] { onReadyRead(c); });
    connect(socket, &QTcpSocket::errorOccurred, this, [this, c] { onSocketError(c); });
    connect(socket, &QTcpSocket::disconnected, this, [this, c] { onDisconnected(c); });

    TrafficEvent e = clientEvent(TrafficEvent::Kind::Connected, c);
    // A client that reset while waiting in the accept queue leaves a
    // socket the kernel no longer knows the peer of (getpeername() right
    // after accept() failed).
    if (peer.address.isNull())
        e.message = tr("Accepted connection #%1 from an unknown peer: it was reset before accept() "
                       "(getpeername() failed)").arg(c->id);
    else
        e.message = tr("Accepted connection #%1 from %2").arg(c->id).arg(peer.toString());
    record(std::move(e), &c->info);
    emit connectionsChanged();
    const quint32 id = c->id;
    if (!m_greetingBytes.isEmpty())
        writeTo(c, m_greetingBytes);
    // Data may already be waiting (sent together with the handshake).
    if (isOpen(id))
        readGated(id);
}

void TcpServerSession::setGreeting(const QByteArray &greeting)
{
    setGreetingText(Escape::bytes(greeting, Escape::ByteStyle::SendPanel));
}

void TcpServerSession::settingsApplied(const SessionSettings &old)
{
    const SessionSettings &now = settings();
    if (m_acceptor)
        m_acceptor->setAcceptPaused(now.pauseAccept);
    if (old.greeting != now.greeting || old.encoding != now.encoding) {
        const PayloadParser::Result r = PayloadParser::parse(now.greeting, PayloadParser::Mode::Text, now.encoding, true);
        m_greetingBytes = r.ok() ? r.bytes : QByteArray();
        m_greetingError = r.error;
    }
    if (old.noDelay != now.noDelay)   // TCP_NODELAY: the open connections change at once
        for (auto &[id, c] : m_clients)
            c->socket->setSocketOption(QAbstractSocket::LowDelayOption, now.noDelay ? 1 : 0);
}

QByteArray TcpServerSession::readAndRecord(Client *c)
{
    QByteArray data = readAvailable(c->socket);
    if (!data.isEmpty())
        recordData(c, TrafficEvent::Direction::In, data);
    return data;
}

void TcpServerSession::recordData(Client *c, TrafficEvent::Direction direction, const QByteArray &payload)
{
    TrafficEvent e = clientEvent(TrafficEvent::Kind::Data, c);
    e.direction = direction;
    e.payload = payload;
    record(std::move(e), &c->info);
}

void TcpServerSession::onReadyRead(Client *c)
{
    readAndRecord(c);
    // The rules matched each message as it was recorded. A client that Qt
    // has closed (its close is logged on a later pass) is not answered.
    const quint32 id = c->id;
    const RuleAnswer out = takeRuleAnswer(&c->info);
    if (!isOpen(id))
        return;
    for (const QByteArray &wire : out.wires) {
        writeTo(c, wire);
        if (!isOpen(id))
            return;  // reset while sending
    }
    if (out.closeAfter)
        closeAfterReply(c);
}

void TcpServerSession::deliverDelayedReply(quint32 connectionId, const QByteArray &wire, bool closeAfter)
{
    if (!isOpen(connectionId))
        return;
    Client *c = m_clients.at(connectionId).get();
    if (!wire.isEmpty())
        writeTo(c, wire);
    if (closeAfter && isOpen(connectionId))
        closeAfterReply(c);
}

void TcpServerSession::closeAfterReply(Client *c)
{
    c->closeReason = TrafficEvent::Reason::LocalClose;
    c->closeMessage = tr("Closed by us after the reply");
    c->socket->disconnectFromHost();
}

void TcpServerSession::onSocketError(Client *c)
{
    const auto err = c->socket->error();
    if (err == QAbstractSocket::RemoteHostClosedError) {
        if (c->probe.connectionEnd() == SocketProbe::End::PeerReset) {
            c->closeReason = TrafficEvent::Reason::PeerReset;
            c->closeMessage = tr("Connection reset by peer (ECONNRESET)");
        } else if (keepsOpenAfterFin(c)) {
            // Qt drops its write buffer right after this: kept for the writer.
            const qint64 pending = c->socket->bytesToWrite();
            if (pending > 0 && c->unsent.size() >= pending)
                c->droppedAtFin = c->unsent.last(pending);
            c->unsent.clear();
            c->peerFinished = true;
        } else {
            c->closeReason = TrafficEvent::Reason::PeerClosed;
            c->closeMessage = tr("Closed by peer: recv() returned 0 (FIN received)");
            m_halfOpen->drainAfterPeerFin(c);
        }
        return;
    }
    c->info.lastError = SocketProbe::describe(err, c->socket->errorString());
    TrafficEvent e = clientEvent(TrafficEvent::Kind::Error, c);
    e.reason = TrafficEvent::Reason::Other;
    e.message = c->info.lastError;
    record(std::move(e), &c->info);
    c->closeReason = TrafficEvent::Reason::Other;
    c->closeMessage = tr("Closed after an error: %1").arg(c->info.lastError);
}

void TcpServerSession::resumeReads()
{
    std::vector<quint32> waiting;
    for (const auto &[id, c] : m_clients)
        if (c->socket->bytesAvailable() > 0)
            waiting.push_back(id);
    for (const quint32 id : waiting)
        readGated(id);
}

void TcpServerSession::onDisconnected(Client *c)
{
    // Qt has closed the socket. When thousands of clients leave at once, Qt
    // reports every one in the same event-loop pass; logging each close,
    // closing the probe's descriptor (the kernel's FIN) and deleting the
    // socket then would freeze the window for as long. They are queued
    // instead and finished a bounded batch per pass, in the order they came.
    if (c->closed || c->halfOpen)
        return;
    if (c->peerFinished) {
        m_halfOpen->keep(c);
        return;
    }
    markClosed(c);
}

void TcpServerSession::markClosed(Client *c)
{
    c->closed = true;
    c->info.state = QStringLiteral("closed");
    m_closing.push_back(c->id);
    onNextPass(&m_reapScheduled, &TcpServerSession::reapClosed);
}

void TcpServerSession::reapClosed(bool all)
{
    m_reapScheduled = false;
    QElapsedTimer clock;
    clock.start();
    int done = 0;
    while (!m_closing.empty() && (all || passHasRoom(clock, done))) {
        const quint32 id = m_closing.front();
        m_closing.pop_front();
        finishClose(id);
        ++done;
    }
    if (!m_closing.empty())
        onNextPass(&m_reapScheduled, &TcpServerSession::reapClosed);
}

void TcpServerSession::finishClose(quint32 id)
{
    auto it = m_clients.find(id);
    if (it == m_clients.end())
        return;
    Client *c = it->second.get();
    // Bytes Qt read before the close but nobody logged yet (reads were
    // held, or the close came in the same pass): logged now, before the close.
    if (c->socket->bytesAvailable() > 0)
        readAndRecord(c);
    std::unique_ptr<Client> owned = std::move(it->second);
    m_clients.erase(it);
    // The last descriptor of the connection: the kernel's close runs elsewhere.
    DescriptorCloser::close(owned->probe.takeDescriptor());
    TrafficEvent e = clientEvent(TrafficEvent::Kind::Closed, c);
    e.reason = c->closeReason;
    e.message = c->closeMessage.isEmpty() ? tr("Closed by us") : c->closeMessage;
    owned->socket->disconnect(this);
    owned->socket->deleteLater();
    record(std::move(e), &owned->info);
    emit connectionsChanged();
}

SendResult TcpServerSession::writeTo(Client *c, const QByteArray &payload)
{
    if (c->halfOpen)
        return m_halfOpen->write(c, payload);
    if (c->socket->state() != QAbstractSocket::ConnectedState)
        return SendResult::failure(tr("Connection #%1 is closing: nothing was sent").arg(c->id));
    const quint32 id = c->id;
    const qint64 n = c->socket->write(payload);
    // Hand it to the kernel now: if the peer's FIN is already queued, Qt
    // closes the socket on reading it and drops whatever is still buffered
    // (an echo to `printf ping | nc -N` would be lost).
    c->socket->flush();
    // A reset found while writing ends the connection inside flush().
    if (!isOpen(id))
        return SendResult::failure(tr("Send to #%1 failed: the connection ended while sending").arg(id));
    if (n < 0)
        return SendResult::failure(tr("Send to #%1 failed: %2").arg(c->id).arg(c->socket->errorString()));
    c->unsent.wrote(payload, c->socket->bytesToWrite());
    recordData(c, TrafficEvent::Direction::Out, payload);
    return SendResult::success(n);
}

SendResult TcpServerSession::sendTo(quint32 clientId, const QByteArray &payload)
{
    if (payload.isEmpty())
        return SendResult::failure(emptyPayloadError());
    auto it = m_clients.find(clientId);
    if (it == m_clients.end())
        return SendResult::failure(tr("There is no connection #%1: nothing was sent").arg(clientId));
    QString frameError;
    const QByteArray wire = framedForSending(payload, &frameError);
    if (!frameError.isEmpty())
        return SendResult::failure(frameError);
    if (deferredWhileAnnouncing([this, clientId, payload] { sendTo(clientId, payload); }))
        return SendResult::deferred(wire.size());
    return writeTo(it->second.get(), wire);
}

SendResult TcpServerSession::sendToAll(const QByteArray &payload)
{
    if (payload.isEmpty())
        return SendResult::failure(emptyPayloadError());
    if (m_clients.empty())
        return SendResult::failure(tr("No client is connected: nothing was sent"));
    QString frameError;
    const QByteArray wire = framedForSending(payload, &frameError);
    if (!frameError.isEmpty())
        return SendResult::failure(frameError);
    if (deferredWhileAnnouncing([this, payload] { sendToAll(payload); }))
        return SendResult::deferred(wire.size());
    qint64 total = 0;
    QStringList errors;
    std::vector<Client *> targets;
    for (auto &[id, c] : m_clients)
        if (!c->closed)
            targets.push_back(c.get());
    for (Client *c : targets) {
        const SendResult r = writeTo(c, wire);
        if (r.ok())
            total += r.bytes;
        else
            errors << r.error;
    }
    if (total == 0 && !errors.isEmpty())
        return SendResult::failure(errors.join(u'\n'));
    return SendResult::success(total);
}

bool TcpServerSession::disconnectClient(quint32 clientId, bool reset)
{
    if (deferredWhileAnnouncing([this, clientId, reset] { disconnectClient(clientId, reset); }))
        return hasClient(clientId);
    auto it = m_clients.find(clientId);
    if (it == m_clients.end() || it->second->closed)
        return false;
    Client *c = it->second.get();
    c->closeReason = reset ? TrafficEvent::Reason::LocalReset : TrafficEvent::Reason::LocalClose;
    if (c->halfOpen) {
        m_halfOpen->close(c, reset);
        return true;
    }
    if (reset) {
        c->closeMessage = tr("Reset by us (RST sent)");
        c->probe.setAbortiveClose();
        c->socket->abort();
    } else {
        c->closeMessage = tr("Closed by us");
        c->socket->disconnectFromHost();
        touchConnections();  // "closing" while Qt still sends what it holds
    }
    return true;
}

bool TcpServerSession::keepsOpenAfterFin(const Client *c) const
{
    // An auto-reply has answered by now and closes its side, as an echo
    // server does after b'' (so `nc -N` ends); without a duplicate
    // descriptor (they were scarce) there is nothing left to write with.
    return settings().keepOpenOnPeerFin && !replyRules().isActive() && c->probe.isAttached();
}

bool TcpServerSession::isOpen(quint32 clientId) const
{
    const auto it = m_clients.find(clientId);
    return it != m_clients.end() && !it->second->closed;
}

ConnectionInfo TcpServerSession::infoOf(const Client &c)
{
    ConnectionInfo info = c.info;
    if (c.socket->state() == QAbstractSocket::ClosingState)
        info.state = QStringLiteral("closing");
    return info;
}

ConnectionInfo TcpServerSession::client(quint32 clientId) const
{
    auto it = m_clients.find(clientId);
    if (it == m_clients.end())
        return ConnectionInfo{};
    return infoOf(*it->second);
}

QList<ConnectionInfo> TcpServerSession::connections() const
{
    // The clients table asks for all of them every 50 ms while they change:
    // no second lookup per client.
    QList<ConnectionInfo> list;
    list.reserve(qsizetype(m_clients.size()));
    for (const auto &entry : m_clients)
        list.append(infoOf(*entry.second));
    return list;
}

void TcpServerSession::resetConnectionCounters()
{
    for (auto &entry : m_clients)
        resetTraffic(entry.second->info);
}
