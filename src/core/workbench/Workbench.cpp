#include "core/workbench/Workbench.h"

#include "core/commands/LibraryStore.h"
#include "core/log/CaptureWriter.h"
#include "core/log/JsonLinesWriter.h"
#include "core/log/TrafficLog.h"
#include "core/net/KernelStateLog.h"
#include "core/net/RepeatSender.h"
#include "core/net/TcpClientSession.h"
#include "core/net/TcpServerSession.h"
#include "core/net/UdpSession.h"
#include "core/reply/AutoReply.h"
#include "core/text/Escape.h"

#include <QDir>
#include <QFileInfo>
#include <QTimer>

#include <cstdio>

Workbench::Workbench(QObject *parent)
    : QObject(parent)
    , m_library(new LibraryStore(this))
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
    for (const auto &[session, capture] : m_captures)
        capture->stop();
    flushPrinted();
}

void Workbench::adopt(Session *session)
{
    m_sessions.append(session);
    if (m_logBudget > 0)
        session->log()->setByteBudget(m_logBudget);
    if (m_writer)
        logTo(session);
    session->setReadsHeld(logHeld());
    connect(session, &Session::eventOccurred, this, &Workbench::print);
    emit sessionAdded(session);
}

TcpServerSession *Workbench::addTcpServer(const SessionSettings &settings)
{
    auto *s = new TcpServerSession(this);
    s->setSettings(settings);
    adopt(s);
    return s;
}

TcpClientSession *Workbench::addTcpClient(const SessionSettings &settings)
{
    auto *s = new TcpClientSession(this);
    s->setSettings(settings);
    adopt(s);
    return s;
}

UdpSession *Workbench::addUdp(const SessionSettings &settings)
{
    auto *s = new UdpSession(this);
    s->setSettings(settings);
    adopt(s);
    return s;
}

Session *Workbench::addSession(SessionKind kind, const SessionSettings &settings)
{
    switch (kind) {
    case SessionKind::TcpServer: return addTcpServer(settings);
    case SessionKind::TcpClient: return addTcpClient(settings);
    case SessionKind::Udp: return addUdp(settings);
    }
    return nullptr;
}

SessionSettings Workbench::settingsFromOptions(const CommandLine::Options &o, SessionKind kind)
{
    SessionSettings s;
    s.encoding = o.encoding;
    // Framing cuts TCP streams: a UDP tab (which has no framing field and
    // keeps datagram boundaries) must not hold one that nothing shows.
    if (kind != SessionKind::Udp) {
        s.framing = o.framing;
        s.frameOutgoing = o.framing.kind != FramingSpec::Kind::None;
    }
    s.rules = o.rules;
    s.checksum = o.checksum;
    s.verifyChecksum = o.checksum.has_value();
    switch (kind) {
    case SessionKind::TcpServer:
        if (o.tcpServer) {
            s.listenAddress = o.tcpServer->address;
            s.listenPort = o.tcpServer->port;
        }
        s.backlog = o.backlog;
        s.maxClients = o.maxClients;
        s.greeting = o.greetingText;
        s.keepOpenOnPeerFin = o.keepOpenOnPeerFin;
        s.pauseAccept = o.pauseAccept;
        // Issue 21: socket options.
        s.reuseAddress = o.reuseAddress;
        s.noDelay = o.noDelay;
        break;
    case SessionKind::TcpClient:
        if (o.tcpClient) {
            s.host = o.tcpClient->host;
            s.port = o.tcpClient->port;
        }
        s.connectTimeoutMs = o.connectTimeoutMs;
        if (o.clientBind) {
            s.localBindAddress = o.clientBind->address;
            s.localBindPort = o.clientBind->port;
        }
        s.keepOpenOnPeerFin = o.keepOpenOnPeerFin;
        s.autoReconnect = o.reconnectMs > 0;
        if (o.reconnectMs > 0)
            s.reconnectIntervalMs = o.reconnectMs;
        s.noDelay = o.noDelay;   // issue 21
        break;
    case SessionKind::Udp:
        s.replyLimits = o.replyLimits;
        s.broadcast = o.broadcast;
        if (o.udp) {
            s.bindAddress = o.udp->address;
            s.bindPort = o.udp->port;
        } else {
            s.bindAddress = QHostAddress();   // automatic: of the target's family
        }
        if (o.udpTarget) {
            s.targetHost = o.udpTarget->host;
            s.targetPort = o.udpTarget->port;
        }
        break;
    }
    return s;
}

void Workbench::removeSession(Session *session)
{
    if (!m_sessions.removeOne(session))
        return;
    session->stop();
    // After stop(), so the capture still gets the stopped event.
    stopCapture(session);
    emit sessionRemoved(session);
    session->deleteLater();
}

bool Workbench::logHeld() const
{
    return m_writer && m_writer->isBacklogged();
}

bool Workbench::openLog(const QString &path, QString *error)
{
    if (!m_writer) {
        m_writer = new JsonLinesWriter(this);
        connect(m_writer, &JsonLinesWriter::backlogged, this, [this](bool on) {
            for (Session *s : std::as_const(m_sessions))
                s->setReadsHeld(on);
            emit logHeldChanged(on);
        });
        connect(m_writer, &JsonLinesWriter::failed, this, &Workbench::logFailed);
    }
    if (!m_writer->open(path, error))
        return false;
    for (Session *s : std::as_const(m_sessions))
        logTo(s);
    return true;
}

void Workbench::logTo(Session *session)
{
    m_writer->attach(session);
    // The log file watches the kernel's view of every TCP socket too.
    if (KernelStateLog *states = session->stateLog())
        states->setAll(true);
}

CaptureWriter *Workbench::startCapture(Session *session, const QString &dir, QString *error)
{
    if (!m_sessions.contains(session)) {
        *error = tr("the session is not open");
        return nullptr;
    }
    stopCapture(session);
    auto *capture = new CaptureWriter(session, this);
    connect(capture, &CaptureWriter::failed, this, [this, session](const QString &message) {
        if (m_print) {
            const QByteArray line = "socket-workbench: " + TrafficEvent::sessionName(session->kind()).toUtf8() + " #"
                + QByteArray::number(session->id()) + ": " + message.toUtf8() + '\n';
            std::fwrite(line.constData(), 1, size_t(line.size()), stderr);
            std::fflush(stderr);
        }
        emit captureFailed(session, message);
        emit captureChanged(session);
    });
    if (!capture->start(dir, error)) {
        delete capture;
        return nullptr;
    }
    m_captures[session] = capture;
    if (m_print) {
        // Where the files go, on the lifecycle channel: scripts need the folder name.
        printLine(TrafficEvent::sessionName(session->kind()).toUtf8() + " capture folder="
                  + capture->folder().toUtf8() + '\n');
        flushPrinted();
    }
    emit captureChanged(session);
    return capture;
}

void Workbench::stopCapture(Session *session)
{
    const auto it = m_captures.find(session);
    if (it == m_captures.end())
        return;
    CaptureWriter *capture = it->second;
    m_captures.erase(it);
    capture->stop();
    // Later: this may run from a slot of the capture's own signal.
    capture->deleteLater();
    emit captureChanged(session);
}

CaptureWriter *Workbench::captureOf(Session *session) const
{
    const auto it = m_captures.find(session);
    return it == m_captures.end() ? nullptr : it->second;
}

void Workbench::setLogBudget(qint64 bytes)
{
    m_logBudget = bytes;
    if (bytes <= 0)
        return;
    for (Session *s : std::as_const(m_sessions))
        s->log()->setByteBudget(bytes);
}

void Workbench::setPrintEvents(bool on, bool verbose, FILE *out)
{
    flushPrinted();
    m_print = on;
    m_verbose = verbose;
    m_out = out ? out : stdout;
}

void Workbench::printLine(const QByteArray &line)
{
    m_printed += line;
    if (m_printed.size() >= kPrintFlushBytes) {
        flushPrinted();
    } else if (!m_printFlushScheduled) {
        // A zero timer runs in this pass of the event loop, before it waits
        // again: a line is never held while the program is idle.
        m_printFlushScheduled = true;
        QTimer::singleShot(0, this, [this] {
            m_printFlushScheduled = false;
            flushPrinted();
        });
    }
}

void Workbench::flushPrinted()
{
    if (m_printed.isEmpty())
        return;
    std::fwrite(m_printed.constData(), 1, size_t(m_printed.size()), m_out);
    std::fflush(m_out);
    m_printed.resize(0);  // keeps the capacity for the next pass
}

void Workbench::print(const TrafficEvent &e)
{
    if (!m_print)
        return;
    // The kernel's state samples are for the log file; printed with -v.
    if ((e.kind == TrafficEvent::Kind::Data || e.kind == TrafficEvent::Kind::State) && !m_verbose)
        return;
    QString line = TrafficEvent::sessionName(e.session) + u' ' + TrafficEvent::kindName(e.kind);
    if (e.direction != TrafficEvent::Direction::None)
        line += u' ' + TrafficEvent::directionName(e.direction);
    if (!e.local.isNull())
        line += QStringLiteral(" local=") + e.local.toString();
    if (!e.peer.isNull())
        line += QStringLiteral(" peer=") + e.peer.toString();
    if (e.kind == TrafficEvent::Kind::Data)
        line += QStringLiteral(" size=%1 %2").arg(e.payload.size()).arg(Escape::bytes(e.payload.left(256), Escape::ByteStyle::SendPanel));
    if (!e.message.isEmpty())
        line += QStringLiteral(": ") + e.message;
    printLine(line.toUtf8() + '\n');
}

bool Workbench::applyOptions(const CommandLine::Options &o, QString *error)
{
    // The folders the capture check is about to create, deepest first: taken
    // back if the log then cannot be opened, so a bad option leaves nothing.
    QStringList madeFolders;
    if (!o.captureDir.trimmed().isEmpty()) {
        for (QFileInfo f(QFileInfo(o.captureDir).absoluteFilePath()); !f.exists(); f = QFileInfo(f.absolutePath()))
            madeFolders.append(f.absoluteFilePath());
    }
    // First: a folder that cannot hold the capture must stop the program before anything is opened.
    if (!o.captureDir.isEmpty() && !CaptureWriter::checkDirectory(o.captureDir, error)) {
        *error = QStringLiteral("--capture: ") + *error;
        return false;
    }
    const auto capture = [this, &o, error](Session *s) {
        if (o.captureDir.isEmpty() || startCapture(s, o.captureDir, error))
            return true;
        *error = QStringLiteral("--capture: ") + *error;
        return false;
    };
    if (!o.logFile.isEmpty() && !openLog(o.logFile, error)) {
        for (const QString &folder : std::as_const(madeFolders))
            QDir().rmdir(folder);
        *error = QStringLiteral("--log: ") + *error;
        return false;
    }
    if (o.logBudgetMiB > 0)
        setLogBudget(qint64(o.logBudgetMiB) * 1024 * 1024);
    if (o.tcpServer) {
        TcpServerSession *s = addTcpServer(settingsFromOptions(o, SessionKind::TcpServer));
        if (!capture(s))
            return false;
        s->start();
    }
    if (o.tcpClient) {
        TcpClientSession *s = addTcpClient(settingsFromOptions(o, SessionKind::TcpClient));
        if (o.send) {
            const Template message = *o.send;
            connect(s, &TcpClientSession::connected, s, [s, message, o] { sendFromCommandLine(s, message, o); });
        }
        if (!capture(s))
            return false;
        s->start();
    }
    if (o.udp || o.udpTarget) {
        UdpSession *s = addUdp(settingsFromOptions(o, SessionKind::Udp));
        if (!capture(s))
            return false;
        // Bind first when asked to, so the local endpoint is logged before anything is sent.
        if (o.udp) {
            s->start();
        } else {
            QHostAddress literal;
            if (literal.setAddress(o.udpTarget->host))
                s->startFor(literal);
        }
        if (o.send && o.udpTarget) {
            const Template message = *o.send;
            QTimer::singleShot(0, s, [s, message, o] { sendFromCommandLine(s, message, o); });
        }
    }
    return true;
}

void Workbench::sendFromCommandLine(Session *session, const Template &message, const CommandLine::Options &o)
{
    const auto say = [](const char *option, const QString &error) {
        const QByteArray msg = QByteArray("socket-workbench: ") + option + ": " + error.toUtf8() + '\n';
        std::fwrite(msg.constData(), 1, size_t(msg.size()), stderr);
    };
    if (!o.repeatCount) {
        const SendResult r = session->sendMessage(message);
        if (!r.ok())
            say("--send", r.error);
        return;
    }
    // The session's own repeater, not one of the command line's: the page's
    // send panel follows it (count, interval, progress, Stop), so the window
    // shows the repeat the command line started as if it were typed there.
    RepeatSender *repeat = session->repeater();
    // Each message with its fields filled in (the first one too), counted by
    // the session as the send box's are.
    const bool started = repeat->start(message.expand(session->templateContext()), *o.repeatCount,
                                       o.repeatIntervalMs, [session, message](const QByteArray &fixed) {
                                           return message.isFixed() ? session->send(fixed)
                                                                    : session->sendMessage(message);
                                       },
                                       message.isFixed());
    if (!started) {
        say("--repeat", repeat->errorString());
        return;
    }
    connect(
        repeat, &RepeatSender::finished, session,
        [repeat, say](bool ok, const QString &error) {
            if (!ok && !repeat->wasStopped())
                say("--repeat", error);
        },
        Qt::SingleShotConnection);
}
