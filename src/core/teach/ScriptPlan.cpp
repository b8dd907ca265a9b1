#include "core/teach/ScriptPlan.h"

#include "core/framing/Framer.h"
#include "core/net/TcpClientSession.h"
#include "core/net/TcpServerSession.h"
#include "core/net/UdpSession.h"
#include "core/teach/CScriptWriter.h"
#include "core/teach/PythonScriptWriter.h"
#include "core/teach/SocketNarrator.h"
#include "core/text/PayloadParser.h"

#include <algorithm>
#include <map>

using namespace Qt::StringLiterals;
using Call = SocketNarrator::Call;
using Step = SocketNarrator::Step;

namespace {

bool isSend(const Step &s)
{
    return s.isData && s.state != Step::State::Failed && (s.call == Call::Send || s.call == Call::SendTo);
}

bool isReceive(const Step &s)
{
    return s.isData && !s.isRule && s.state != Step::State::Failed && (s.call == Call::Recv || s.call == Call::RecvFrom);
}

// The template as fromSpec() cut it: the text between the {data}
// placeholders, escapes applied and encoded.
QList<QByteArray> partsOf(const AutoReply &reply)
{
    QList<QByteArray> parts;
    const QStringList texts = reply.templateText().split(u"{data}"_s);
    for (const QString &text : texts)
        parts << PayloadParser::parse(text, PayloadParser::Mode::Text, reply.encoding(), true).bytes;
    return parts;
}

// What the user typed, without the header or delimiter the tab added when
// it framed it (the script adds its own); as sent when it does not cut into
// exactly one frame.
QByteArray unframed(const QByteArray &wire, const FramingSpec &framing, bool framed)
{
    if (!framed || framing.kind == FramingSpec::Kind::None)
        return wire;
    Framer framer(framing);
    const Framer::Output out = framer.feed(wire);
    if (out.ok() && out.frames.size() == 1 && framer.pendingBytes() == 0)
        return out.frames.first();
    return wire;
}

void addSent(ScriptPlan &plan, const Step &s, QList<QByteArray> &into)
{
    into << unframed(s.sent, plan.framing, plan.frameOutgoing && !plan.isUdp());
    plan.messageCut = plan.messageCut || s.sent.size() < s.size;
}

} // namespace

bool ScriptPlan::isIPv6() const
{
    if (isServer())
        return local.isIPv6();
    if (!targetAddress.isNull())
        return Endpoint{targetAddress, targetPort}.isIPv6();
    return !local.isNull() && local.isIPv6();
}

bool ScriptPlan::framedSend() const
{
    if (isUdp() || framing.kind == FramingSpec::Kind::None || reply == AutoReply::Mode::Http)
        return false;
    return frameOutgoing || (role == Role::TcpServer && reply == AutoReply::Mode::Echo);
}

QString ScriptPlan::targetNumeric() const
{
    QHostAddress a;
    if (a.setAddress(targetHost))
        return Endpoint{a, targetPort}.addressString();
    return {};
}

QString ScriptPlan::title() const
{
    QString where = local.toString();
    if (!isServer()) {
        const QString numeric = targetNumeric();
        where = numeric.isEmpty() ? u"%1:%2"_s.arg(targetHost, QString::number(targetPort))
                                  : Endpoint{QHostAddress(numeric), targetPort}.toString();
    }
    switch (role) {
    case Role::TcpServer:
        switch (reply) {
        case AutoReply::Mode::Echo: return tr("TCP echo server on %1").arg(where);
        case AutoReply::Mode::Template: return tr("TCP server on %1 that answers from a template").arg(where);
        case AutoReply::Mode::Http: return tr("Small HTTP server on %1").arg(where);
        case AutoReply::Mode::None: break;
        }
        if (!rules.isEmpty())
            return tr("TCP server on %1 that answers by rules").arg(where);
        return tr("TCP server on %1").arg(where);
    case Role::TcpClient:
        if (!rules.isEmpty())
            return tr("TCP client of %1 that answers by rules").arg(where);
        return tr("TCP client of %1").arg(where);
    case Role::UdpServer:
        if (reply == AutoReply::Mode::Echo)
            return tr("UDP echo server on %1").arg(where);
        if (!rules.isEmpty())
            return tr("UDP server on %1 that answers by rules").arg(where);
        return tr("UDP server on %1").arg(where);
    case Role::UdpClient:
        return tr("UDP client of %1").arg(where);
    }
    return {};
}

QString ScriptPlan::script(SocketNarrator::Language language) const
{
    return language == SocketNarrator::Language::Python ? PythonScriptWriter::write(*this) : CScriptWriter::write(*this);
}

ScriptPlan ScriptPlan::from(const SocketNarrator &narrator)
{
    ScriptPlan plan;
    const Session *session = narrator.session();
    if (!session)
        return plan;
    const QList<SocketLane> lanes = narrator.sockets();
    const AutoReply reply = session->autoReply();
    plan.reply = reply.mode();
    if (plan.reply == AutoReply::Mode::Template)
        plan.templateParts = partsOf(reply);
    plan.httpCharset = reply.httpCharset();
    if (plan.reply == AutoReply::Mode::None && !session->settings().rules.isEmpty()) {
        plan.rules = session->settings().rules;
        plan.rulesEncoding = session->encoding();
        plan.checksum = session->settings().checksum;
    }
    plan.framing = session->framing();
    plan.frameOutgoing = session->frameOutgoing();
    // Issue 21: the options as the tab has them (UDP has neither).
    plan.reuseAddress = session->settings().reuseAddress;
    plan.noDelay = session->kind() != SessionKind::Udp && session->settings().noDelay;
    if (narrator.historyIncomplete())
        plan.notes << tr("The log had already dropped its oldest events: what was sent first may be missing.");

    if (const auto *server = qobject_cast<const TcpServerSession *>(session)) {
        plan.role = Role::TcpServer;
        plan.greeting = server->greeting();
        plan.backlog = server->backlog();
        plan.local = server->listenEndpoint();
        std::map<int, int> perListen;
        const SocketLane *talk = nullptr;
        for (const SocketLane &l : lanes) {
            if (l.role == SocketLane::Role::Listening && !l.local.isNull())
                plan.local = l.local;  // the port it really had, also once stopped
            if (l.role != SocketLane::Role::Accepted || l.connectionId == 0)
                continue;
            ++perListen[l.listenAttempt];
            if (!talk && std::any_of(l.steps.begin(), l.steps.end(), isSend))
                talk = &l;
        }
        int most = 0;
        for (const auto &[attempt, count] : perListen)
            most = std::max(most, count);
        if (narrator.droppedSockets() > 0)
            most = int(std::min<qsizetype>(narrator.acceptedCount(), 1000000));
        plan.serveCount = std::max(1, most);
        // Auto-replies are what the program computes; only without one are
        // the sends what the user typed.
        if (talk && !plan.answers()) {
            bool greetingSeen = plan.greeting.isEmpty();
            bool received = false;
            for (const Step &s : talk->steps) {
                if (isReceive(s))
                    received = true;
                if (!isSend(s))
                    continue;
                if (!greetingSeen && s.sent == plan.greeting) {
                    greetingSeen = true;
                    continue;
                }
                addSent(plan, s, received ? plan.messages : plan.opening);
            }
            plan.messagesNotKept = talk->moreDataSteps;
            plan.bytesNotKept = talk->moreDataBytes;
        }
        return plan;
    }

    if (const auto *client = qobject_cast<const TcpClientSession *>(session)) {
        plan.role = Role::TcpClient;
        plan.targetHost = client->host();
        plan.targetPort = client->port();
        QHostAddress typed;
        if (typed.setAddress(client->host()))
            plan.targetAddress = typed;
        if (!client->localBindAddress().isNull() || client->localBindPort() != 0) {
            plan.local = Endpoint{client->localBindAddress().isNull() ? QHostAddress(QHostAddress::AnyIPv4)
                                                                      : client->localBindAddress(),
                                  client->localBindPort()};
        }
        for (const SocketLane &l : lanes) {
            if (!l.peer.isNull())
                plan.targetAddress = l.peer.address;
            // The sends right after a rule fired are its replies: the
            // program's rules compute them, only the others were typed.
            bool replying = false;
            for (const Step &s : l.steps) {
                if (s.isRule)
                    replying = true;
                else if (isReceive(s))
                    replying = false;
                else if (isSend(s) && !replying)
                    addSent(plan, s, plan.messages);
                if (s.call == Call::Shutdown)
                    plan.halfClose = true;
            }
            plan.messagesNotKept += l.moreDataSteps;
            plan.bytesNotKept += l.moreDataBytes;
        }
        return plan;
    }

    const auto *udp = qobject_cast<const UdpSession *>(session);
    if (!udp)
        return plan;
    plan.framing = FramingSpec::none();  // datagrams keep their boundaries
    plan.frameOutgoing = false;
    plan.targetHost = udp->targetHost();
    plan.targetPort = udp->targetPort();
    QHostAddress typed;
    if (typed.setAddress(plan.targetHost))
        plan.targetAddress = typed;
    // Answering on its own, or with nowhere to send to, it is what others
    // send to: it binds the port it had. A client binds only a port the user
    // chose; otherwise sendto() lets the OS choose one, as the tab did.
    const bool server = plan.answers() || plan.targetPort == 0 || plan.targetHost.isEmpty();
    plan.role = server ? Role::UdpServer : Role::UdpClient;
    Endpoint had = udp->localEndpoint();
    int received = 0;
    for (const SocketLane &l : lanes) {
        if (!l.local.isNull())
            had = l.local;
        for (const Step &s : l.steps) {
            if (isReceive(s))
                ++received;
            if (!isSend(s))
                continue;
            // An auto-reply's sends are computed by the program; what went
            // to the target was typed. Without a reply every send was typed.
            const bool toTarget = !plan.targetAddress.isNull() && s.peer == Endpoint{plan.targetAddress, plan.targetPort};
            if (!plan.answers() || toTarget)
                addSent(plan, s, plan.messages);
        }
        received += int(std::min<qsizetype>(l.moreDataSteps, 1000000));
        plan.messagesNotKept += l.moreDataSteps;
        plan.bytesNotKept += l.moreDataBytes;
    }
    if (server) {
        plan.local = had.isNull() ? Endpoint{QHostAddress(QHostAddress::LocalHost), udp->bindPort()} : had;
        plan.serveCount = std::max(1, received);
    } else if (udp->bindPort() != 0 && !udp->portChosenByOs()) {
        // Bound to a port the user chose; an ephemeral one is the OS's to pick again.
        plan.local = Endpoint{udp->bindAddress().isNull() ? QHostAddress(QHostAddress::LocalHost) : udp->bindAddress(),
                              udp->bindPort()};
    }
    return plan;
}
