#include "Workbench.h"

#include "AutoReply.h"
#include "JsonLinesWriter.h"
#include "TcpClientSession.h"
#include "TcpServerSession.h"
#include "TextCodec.h"
#include "UdpSession.h"

#include <QTimer>

#include <cstdio>

Workbench::Workbench(QObject *parent)
    : QObject(parent)
{
}

Workbench::~Workbench()
{
    // Sessions first, so their last events still reach the log.
    const auto sessions = m_sessions;
    for (Session *s : sessions)
        s->stop();
    if (m_writer)
        m_writer->close();
}

void Workbench::adopt(Session *session)
{
    m_sessions.append(session);
    if (m_writer)
        m_writer->attach(session);
    connect(session, &Session::eventOccurred, this, &Workbench::print);
    emit sessionAdded(session);
}

TcpServerSession *Workbench::addTcpServer()
{
    auto *s = new TcpServerSession(this);
    adopt(s);
    return s;
}

TcpClientSession *Workbench::addTcpClient()
{
    auto *s = new TcpClientSession(this);
    adopt(s);
    return s;
}

UdpSession *Workbench::addUdp()
{
    auto *s = new UdpSession(this);
    adopt(s);
    return s;
}

void Workbench::removeSession(Session *session)
{
    if (!m_sessions.removeOne(session))
        return;
    session->stop();
    emit sessionRemoved(session);
    session->deleteLater();
}

bool Workbench::openLog(const QString &path, QString *error)
{
    if (!m_writer)
        m_writer = new JsonLinesWriter(this);
    if (!m_writer->open(path, error))
        return false;
    for (Session *s : std::as_const(m_sessions))
        m_writer->attach(s);
    return true;
}

void Workbench::setPrintEvents(bool on, bool verbose)
{
    m_print = on;
    m_verbose = verbose;
}

void Workbench::print(const TrafficEvent &e)
{
    if (!m_print)
        return;
    if (e.kind == TrafficEvent::Kind::Data && !m_verbose)
        return;
    QString line = TrafficEvent::sessionName(e.session) + u' ' + TrafficEvent::kindName(e.kind);
    if (e.direction != TrafficEvent::Direction::None)
        line += u' ' + TrafficEvent::directionName(e.direction);
    if (!e.local.isNull())
        line += QStringLiteral(" local=") + e.local.toString();
    if (!e.peer.isNull())
        line += QStringLiteral(" peer=") + e.peer.toString();
    if (e.kind == TrafficEvent::Kind::Data)
        line += QStringLiteral(" size=%1 %2").arg(e.payload.size()).arg(TextCodec::toEscaped(e.payload.left(256)));
    if (!e.message.isEmpty())
        line += QStringLiteral(": ") + e.message;
    const QByteArray out = line.toUtf8() + '\n';
    std::fwrite(out.constData(), 1, size_t(out.size()), stdout);
    std::fflush(stdout);
}

bool Workbench::applyOptions(const CommandLine::Options &o, QString *error)
{
    if (!o.logFile.isEmpty() && !openLog(o.logFile, error)) {
        *error = QStringLiteral("--log: ") + *error;
        return false;
    }
    AutoReply reply;
    if (!o.replySpec.isEmpty())
        reply = AutoReply::fromSpec(o.replySpec, o.encoding);

    if (o.tcpServer) {
        TcpServerSession *s = addTcpServer();
        s->setEncoding(o.encoding);
        s->setFraming(o.framing);
        s->setFrameOutgoing(o.framing.kind != FramingSpec::Kind::None);
        s->setAutoReply(reply);
        s->setListenAddress(o.tcpServer->address);
        s->setPort(o.tcpServer->port);
        s->setBacklog(o.backlog);
        s->setMaxClients(o.maxClients);
        s->setGreeting(o.greeting);
        s->start();
    }
    if (o.tcpClient) {
        TcpClientSession *s = addTcpClient();
        s->setEncoding(o.encoding);
        s->setFraming(o.framing);
        s->setFrameOutgoing(o.framing.kind != FramingSpec::Kind::None);
        s->setAutoReply(reply);
        s->setHost(o.tcpClient->host);
        s->setPort(o.tcpClient->port);
        s->setConnectTimeout(o.connectTimeoutMs);
        if (o.clientBind)
            s->setLocalBind(o.clientBind->address, o.clientBind->port);
        if (o.send) {
            const QByteArray payload = *o.send;
            connect(s, &TcpClientSession::connected, s, [s, payload] { s->send(payload); });
        }
        s->start();
    }
    if (o.udp || o.udpTarget) {
        UdpSession *s = addUdp();
        s->setEncoding(o.encoding);
        s->setFraming(o.framing);
        s->setFrameOutgoing(o.framing.kind != FramingSpec::Kind::None);
        s->setAutoReply(reply);
        s->setBroadcastEnabled(o.broadcast);
        if (o.udp) {
            s->setBindAddress(o.udp->address);
            s->setBindPort(o.udp->port);
        }
        if (o.udpTarget)
            s->setTarget(o.udpTarget->host, o.udpTarget->port);
        // Bind first when asked to, so the local endpoint is logged before anything is sent.
        if (o.udp) {
            s->start();
        } else {
            QHostAddress literal;
            if (literal.setAddress(o.udpTarget->host))
                s->startFor(literal);
        }
        if (o.send && o.udpTarget) {
            const QByteArray payload = *o.send;
            QTimer::singleShot(0, s, [s, payload] {
                const SendResult r = s->send(payload);
                if (!r.ok()) {
                    const QByteArray msg = "socket-workbench: --send: " + r.error.toUtf8() + '\n';
                    std::fwrite(msg.constData(), 1, size_t(msg.size()), stderr);
                }
            });
        }
    }
    return true;
}
