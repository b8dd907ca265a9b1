#pragma once

#include "core/net/Session.h"
#include "core/os/TcpAcceptor.h"

#include <QHostAddress>

#include <deque>
#include <map>
#include <vector>
#include <utility>
#include <memory>

class QElapsedTimer;
class QTcpSocket;
class SocketProbe;
class DrainWriter;
class TcpServerHalfOpen;

// A listening TCP socket and the connections it accepts. Like the classic
// server: socket(), setsockopt(SO_REUSEADDR) (settings().reuseAddress, on by
// default, so a restart on the same port works while old connections sit in
// TIME_WAIT), bind(), listen(backlog), then accept() gives one new socket per
// client (TCP_NODELAY on each when settings().noDelay).
class TcpServerSession : public Session
{
    Q_OBJECT
public:
    static constexpr int kDefaultBacklog = 4096;
    static constexpr int kDefaultMaxClients = 1000;

    explicit TcpServerSession(QObject *parent = nullptr);
    ~TcpServerSession() override;

    void setListenAddress(const QHostAddress &address) { changeSettings([&](SessionSettings &s) { s.listenAddress = address; }); }
    QHostAddress listenAddress() const { return settings().listenAddress; }
    // 0 = the OS picks a free port; once listening, the setting becomes that
    // port, so Stop → Start listens on the same one again.
    void setPort(quint16 port) { changeSettings([&](SessionSettings &s) { s.listenPort = port; }); }
    quint16 port() const { return settings().listenPort; }
    // The endpoint actually listened on (the chosen port when port 0 was asked).
    Endpoint listenEndpoint() const;
    void setBacklog(int backlog) { changeSettings([&](SessionSettings &s) { s.backlog = backlog; }); }
    int backlog() const { return settings().backlog; }
    // 0 = no limit. A client over the limit is accepted and closed at once, and logged.
    void setMaxClients(int max) { changeSettings([&](SessionSettings &s) { s.maxClients = max; }); }
    int maxClients() const { return settings().maxClients; }
    // Sent to every accepted connection (empty = none): settings().greeting
    // is its text with escapes, made into bytes in the session's encoding.
    // See SessionSettings::keepOpenOnPeerFin.
    void setKeepOpenOnPeerFin(bool on) { changeSettings([&](SessionSettings &s) { s.keepOpenOnPeerFin = on; }); }
    void setGreeting(const QByteArray &greeting);
    void setGreetingText(const QString &text) { changeSettings([&](SessionSettings &s) { s.greeting = text; }); }
    QByteArray greeting() const { return m_greetingBytes; }
    // Why the greeting text cannot be sent in the encoding (nothing is sent then).
    QString greetingError() const { return m_greetingError; }

    bool start() override;
    void stop() override;
    SendResult send(const QByteArray &payload) override { return sendToAll(payload); }  // to every client
    QList<ConnectionInfo> connections() const override;
    int connectionCount() const override { return clientCount(); }

    SendResult sendTo(quint32 clientId, const QByteArray &payload);
    SendResult sendToAll(const QByteArray &payload);
    // Closes one client: orderly (FIN) or, with reset, abortively (RST).
    bool disconnectClient(quint32 clientId, bool reset = false);
    int clientCount() const { return int(m_clients.size()); }
    bool hasClient(quint32 clientId) const { return m_clients.count(clientId) != 0; }
    ConnectionInfo client(quint32 clientId) const;

protected:
    void resumeReads() override;
    // A new auto-reply applies to the clients already connected too; the
    // greeting is made again in the (new) encoding.
    void settingsApplied(const SessionSettings &old) override;
    void resetConnectionCounters() override;

private:
    struct Client;
    void onAcceptError(QAbstractSocket::SocketError error, const QString &errorString);
    // Wraps accepted descriptors in QTcpSockets: a batch per event-loop pass,
    // or, with all, every one waiting.
    void acceptPending(bool all = false);
    void adopt(const TcpAcceptor::Accepted &accepted);
    // Runs work(false) on a later event-loop pass, once however often asked
    // before it runs (*scheduled says it is asked; work clears it).
    void onNextPass(bool *scheduled, void (TcpServerSession::*work)(bool));
    // What one pass of acceptPending() or reapClosed() may still do.
    static bool passHasRoom(const QElapsedTimer &clock, int done);
    // Reads and logs what c's socket holds, then lets the auto-reply answer it.
    void onReadyRead(Client *c);
    // Reads and logs what c's socket holds; returns it.
    QByteArray readAndRecord(Client *c);
    void recordData(Client *c, TrafficEvent::Direction direction, const QByteArray &payload);
    void onSocketError(Client *c);
    void onDisconnected(Client *c);
    // Logs and removes closed clients: a batch per pass, or, with all, every one.
    void reapClosed(bool all = false);
    void finishClose(quint32 clientId);
    // The client is there and Qt has not closed its socket.
    bool isOpen(quint32 clientId) const;
    void deliverDelayedReply(quint32 connectionId, const QByteArray &wire, bool closeAfter) override;
    void closeAfterReply(Client *c);
    SendResult writeTo(Client *c, const QByteArray &payload);
    TrafficEvent clientEvent(TrafficEvent::Kind kind, const Client *c) const;
    static ConnectionInfo infoOf(const Client &c);
    void markClosed(Client *c);
    // After the peer's FIN, whether our side stays open (CLOSE_WAIT; see
    // SessionSettings::keepOpenOnPeerFin and TcpServerHalfOpen).
    bool keepsOpenAfterFin(const Client *c) const;

    TcpAcceptor *m_acceptor = nullptr;  // child; listens and accepts on its own thread
    QByteArray m_greetingBytes;
    QString m_greetingError;
    quint32 m_nextClientId = 0;
    std::map<quint32, std::unique_ptr<Client>> m_clients;
    // Connections taken over, or closes finished, per event-loop pass, and
    // the time one pass may take for them (acceptPending, reapClosed).
    static constexpr int kPerPass = 512;
    static constexpr int kPassMs = 8;
    bool m_acceptScheduled = false;
    std::deque<quint32> m_closing;  // closed by Qt, not yet logged (onDisconnected)
    bool m_reapScheduled = false;
    std::vector<DrainWriter *> m_drains;
    TcpServerHalfOpen *m_halfOpen;  // child
    friend class TcpServerHalfOpen;
};
