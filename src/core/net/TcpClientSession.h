#pragma once

#include "core/net/Reconnector.h"
#include "core/net/Session.h"
#include "core/net/UnsentTail.h"

#include <QElapsedTimer>
#include <QHostAddress>
#include <QTimer>

#include <memory>

class QTcpSocket;
class SocketProbe;
class DrainWriter;
class HalfOpenWriter;

// One outgoing TCP connection, as in the classic client: socket(),
// connect((host, port)) — no bind needed, the OS picks an ephemeral local
// port — then send/recv, close. An optional local bind is there for the
// cases that need one.
class TcpClientSession : public Session
{
    Q_OBJECT
public:
    static constexpr int kDefaultConnectTimeoutMs = 10000;

    explicit TcpClientSession(QObject *parent = nullptr);
    ~TcpClientSession() override;

    void setHost(const QString &host) { changeSettings([&](SessionSettings &s) { s.host = host; }); }
    QString host() const { return settings().host; }
    void setPort(quint16 port) { changeSettings([&](SessionSettings &s) { s.port = port; }); }
    quint16 port() const { return settings().port; }
    void setConnectTimeout(int ms) { changeSettings([&](SessionSettings &s) { s.connectTimeoutMs = ms; }); }
    int connectTimeout() const { return settings().connectTimeoutMs; }
    // See SessionSettings::keepOpenOnPeerFin.
    void setKeepOpenOnPeerFin(bool on) { changeSettings([&](SessionSettings &s) { s.keepOpenOnPeerFin = on; }); }
    // Null address = no bind (the OS chooses).
    void setLocalBind(const QHostAddress &address, quint16 port)
    {
        changeSettings([&](SessionSettings &s) {
            s.localBindAddress = address;
            s.localBindPort = port;
        });
    }
    QHostAddress localBindAddress() const { return settings().localBindAddress; }
    quint16 localBindPort() const { return settings().localBindPort; }

    bool start() override;   // connect (the user's: counts of auto-reconnects start again)
    void stop() override;    // orderly close; ends auto-reconnecting
    SendResult send(const QByteArray &payload) override;
    QList<ConnectionInfo> connections() const override;

    bool isConnected() const;
    Endpoint localEndpoint() const { return m_info.local; }
    Endpoint peerEndpoint() const { return m_info.peer; }
    ConnectionInfo connection() const { return m_info; }
    // Sends FIN but keeps reading (shutdown(SHUT_WR)): "I am done talking".
    bool shutdownWrite(QString *error = nullptr);
    bool writeShutDown() const { return m_writeShutDown; }
    // The server finished sending (FIN) and our side is still open for
    // sending (CLOSE_WAIT; see SessionSettings::keepOpenOnPeerFin).
    bool peerFinishedSending() const { return m_halfOpen != nullptr; }

    // Auto-reconnect (settings().autoReconnect): after a close by the peer,
    // a reset, a refused, failed or timed-out connect (not after stop()),
    // it connects again after reconnectIntervalMs.
    bool reconnectPending() const { return m_reconnector.isPending(); }
    int reconnectAttempts() const { return m_reconnector.attempts(); }
    int reconnectSuccesses() const { return m_reconnector.successes(); }

signals:
    // connect() has sent its SYN: the socket waits in SYN_SENT with these
    // endpoints (read from the kernel), before connected() or a failure.
    void synSent(const Endpoint &local, const Endpoint &peer);
    void connected();
    void disconnected();
    void reconnectChanged();  // pending, or the counts changed

protected:
    void resumeReads() override;
    void deliverDelayedReply(quint32 connectionId, const QByteArray &wire, bool closeAfter) override;
    void resetConnectionCounters() override;
    // TCP_NODELAY (settings().noDelay) changes on the open connection at once.
    void settingsApplied(const SessionSettings &old) override;

private:
    void onConnected();
    // Qt is connecting: once its connect() has run, the endpoints of the
    // socket in SYN_SENT (synSent()).
    void onConnecting(int attempt);
    static constexpr int kConnectLooks = 20;
    // Reads and logs what the socket holds, then lets the auto-reply answer it.
    void onReadyRead();
    // Reads and logs what the socket holds; returns it.
    QByteArray readAndRecord();
    // An event of the connection, with its id and endpoints.
    TrafficEvent connectionEvent(TrafficEvent::Kind kind) const;
    void recordData(TrafficEvent::Direction direction, const QByteArray &payload);
    void onError();
    void onDisconnected();
    void onTimeout();
    bool connectNow();
    // The words the log adds to a close or failure that is followed by a
    // new attempt; scheduleReconnect() starts the wait.
    QString withReconnectNote(const QString &message) const;
    void scheduleReconnect();
    void cancelReconnect();
    // CLOSE_WAIT: Qt closed the socket after the server's FIN; our side
    // stays open through a HalfOpenWriter on the probe's descriptor.
    bool keepsOpenAfterFin() const;
    void keepHalfOpen();
    SendResult writeHalfOpen(const QByteArray &wire);
    // Writes bytes already through framedForSending() (what send() and the
    // auto-reply put on the wire) and records them.
    SendResult writeWire(const QByteArray &wire);
    void endHalfOpen(TrafficEvent::Reason reason, const QString &message, bool reset);
    // The peer half-closed while output was queued: send it after all.
    void drainAfterPeerFin();
    void discardSocket();
    void recordError(TrafficEvent::Reason reason, const QString &message);

    QTcpSocket *m_socket = nullptr;
    std::unique_ptr<SocketProbe> m_probe;
    QTimer m_timeout;
    ConnectionInfo m_info;
    bool m_writeShutDown = false;
    bool m_peerFinished = false;
    TrafficEvent::Reason m_closeReason = TrafficEvent::Reason::LocalClose;
    QString m_closeMessage;
    UnsentTail m_unsent;
    DrainWriter *m_drain = nullptr;  // a child; deletes itself when done
    QList<QByteArray> m_droppedAtFin;
    HalfOpenWriter *m_halfOpen = nullptr;  // a child while the server has finished sending
    QTimer m_halfOpenSweep;                // finds the server's RST between writes
    Reconnector m_reconnector;
};
