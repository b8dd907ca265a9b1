#pragma once

#include "Session.h"
#include "UnsentTail.h"

#include <QElapsedTimer>
#include <QHostAddress>
#include <QTimer>

#include <memory>

class QTcpSocket;
class AutoResponder;
class SocketProbe;
class DrainWriter;

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

    void setHost(const QString &host) { m_host = host; }
    QString host() const { return m_host; }
    void setPort(quint16 port) { m_port = port; }
    quint16 port() const { return m_port; }
    void setConnectTimeout(int ms) { m_timeoutMs = ms; }
    int connectTimeout() const { return m_timeoutMs; }
    // Null address = no bind (the OS chooses).
    void setLocalBind(const QHostAddress &address, quint16 port) { m_bindAddress = address; m_bindPort = port; }
    QHostAddress localBindAddress() const { return m_bindAddress; }
    quint16 localBindPort() const { return m_bindPort; }

    bool start() override;   // connect
    void stop() override;    // orderly close
    SendResult send(const QByteArray &payload) override;
    // Also for the connection already open, from its next byte on.
    void setAutoReply(const AutoReply &reply) override;
    QList<ConnectionInfo> connections() const override;

    bool isConnected() const;
    Endpoint localEndpoint() const { return m_info.local; }
    Endpoint peerEndpoint() const { return m_info.peer; }
    ConnectionInfo connection() const { return m_info; }
    // Sends FIN but keeps reading (shutdown(SHUT_WR)): "I am done talking".
    bool shutdownWrite(QString *error = nullptr);
    bool writeShutDown() const { return m_writeShutDown; }
    // Closes with an RST instead of a FIN.
    void abortConnection();

signals:
    void connected();
    void disconnected();

protected:
    void resumeReads() override;

private:
    void onConnected();
    void onReadyRead();
    void onError();
    void onDisconnected();
    void onTimeout();
    // The peer half-closed while output was queued: send it after all.
    void drainAfterPeerFin();
    void discardSocket();
    void recordError(TrafficEvent::Reason reason, const QString &message);

    QString m_host;
    quint16 m_port = 0;
    int m_timeoutMs = kDefaultConnectTimeoutMs;
    QHostAddress m_bindAddress;
    quint16 m_bindPort = 0;

    QTcpSocket *m_socket = nullptr;
    std::unique_ptr<SocketProbe> m_probe;
    std::unique_ptr<AutoResponder> m_responder;
    QTimer m_timeout;
    ConnectionInfo m_info;
    bool m_writeShutDown = false;
    bool m_peerFinished = false;
    TrafficEvent::Reason m_closeReason = TrafficEvent::Reason::LocalClose;
    QString m_closeMessage;
    UnsentTail m_unsent;
    DrainWriter *m_drain = nullptr;  // a child; deletes itself when done
};
