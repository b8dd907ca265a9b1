#include "core/workbench/OneShot.h"

#include "core/log/TrafficEvent.h"
#include "core/net/Session.h"
#include "core/text/TextCodec.h"
#include "core/workbench/Workbench.h"

OneShot::OneShot(Workbench *workbench, const CommandLine::Options &options, QObject *parent, FILE *out, FILE *err)
    : QObject(parent)
    , m_workbench(workbench)
    , m_options(options)
    , m_decoder(options.encoding)
    , m_out(out)
    , m_err(err)
{
    m_wait.setSingleShot(true);
    m_wait.setTimerType(Qt::PreciseTimer);
    connect(&m_wait, &QTimer::timeout, this, &OneShot::finish);
}

OneShot::~OneShot() = default;

void OneShot::begin()
{
    const QList<Session *> sessions = m_workbench->sessions();
    if (sessions.size() != 1) {
        fail(tr("--quit needs one session: --tcp-client or --udp-target"));
        return;
    }
    m_session = sessions.constFirst();
    connect(m_session, &Session::eventOccurred, this, &OneShot::onEvent);
    if (m_session->kind() == SessionKind::Udp) {
        // Datagrams need no connection; the send binds if need be.
        QTimer::singleShot(0, this, &OneShot::sendAndWait);
    } else if (m_session->isRunning()) {
        sendAndWait();
    }
}

void OneShot::sendAndWait()
{
    if (m_over || m_sent)
        return;
    m_sent = true;
    if (m_options.send) {
        const SendResult result = m_session->sendMessage(*m_options.send);
        if (!result.ok()) {
            fail(result.error);
            return;
        }
    }
    m_wait.start(m_options.waitMs);
}

void OneShot::onEvent(const TrafficEvent &event)
{
    if (m_over)
        return;
    using Kind = TrafficEvent::Kind;
    using Reason = TrafficEvent::Reason;
    switch (event.kind) {
    case Kind::Connected:
        if (m_session->kind() == SessionKind::TcpClient)
            sendAndWait();
        return;
    case Kind::Data:
        if (event.direction != TrafficEvent::Direction::In)
            return;
        if (m_options.hexOutput) {
            write((m_printedHex ? QByteArray(" ") : QByteArray()) + TextCodec::toHex(event.payload).toLatin1());
            m_printedHex = true;
        } else {
            write(m_decoder.feed(event.payload).toUtf8());
        }
        return;
    case Kind::Closed:
        // The peer's FIN ends the answer, as it ends nc; a reset is a failure.
        if (event.reason == Reason::PeerReset)
            fail(event.message);
        else
            finish();
        return;
    case Kind::Error:
        // What keeps the answer from coming: no connection, a datagram the
        // peer's system rejected. Other errors (framing, say) are only shown.
        if (event.reason == Reason::Refused || event.reason == Reason::TimedOut || event.reason == Reason::HostNotFound
            || event.reason == Reason::Unreachable || event.reason == Reason::PeerReset
            || (m_session->kind() == SessionKind::TcpClient && !m_session->isRunning()))
            fail(event.message);
        return;
    default:
        return;
    }
}

void OneShot::write(const QByteArray &bytes)
{
    if (bytes.isEmpty())
        return;
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), m_out);
    std::fflush(m_out);
}

bool OneShot::end()
{
    if (m_over)
        return false;
    m_over = true;
    m_wait.stop();
    write(m_decoder.finish().toUtf8());
    if (m_printedHex)
        write("\n");
    return true;
}

void OneShot::finish()
{
    if (end())
        emit done(0);
}

void OneShot::fail(const QString &why)
{
    if (!end())
        return;
    m_workbench->flushPrinted();
    const QByteArray line = "socket-workbench: " + why.toUtf8() + '\n';
    std::fwrite(line.constData(), 1, size_t(line.size()), m_err);
    std::fflush(m_err);
    emit done(1);
}
