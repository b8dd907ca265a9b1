#include "core/net/SessionSettings.h"

#include "core/commands/Template.h"
#include "core/net/Endpoint.h"
#include "core/reply/AutoReply.h"
#include "core/reply/ReplyRules.h"
#include "core/text/TextCodec.h"

namespace {
const QString kEncoding = QStringLiteral("encoding");
const QString kFraming = QStringLiteral("framing");
const QString kFrameSends = QStringLiteral("frameSends");
const QString kReply = QStringLiteral("reply");
const QString kReplyTemplate = QStringLiteral("replyTemplate");
const QString kRules = QStringLiteral("rules");
const QString kAddress = QStringLiteral("address");
const QString kPort = QStringLiteral("port");
const QString kSendLineEnding = QStringLiteral("sendLineEnding");
const QString kClearAfterSend = QStringLiteral("clearAfterSend");
const QString kChecksum = QStringLiteral("checksum");
const QString kVerifyChecksum = QStringLiteral("verifyChecksum");
// Saved templates from before the one template syntax have no such key:
// there only "{data}" was special and every other brace literal.
const QString kReplySyntax = QStringLiteral("replySyntax");
constexpr int kTemplateReplySyntax = 2;

QString addressText(const QHostAddress &a)
{
    return a.isNull() ? QString() : Endpoint{a, 0}.addressString();
}

// Reads the keys it is given into the fields, skipping (and naming) bad values.
class Reader
{
public:
    Reader(const QVariantMap &map, QStringList *problems) : m_map(map), m_problems(problems) {}

    bool has(const QString &key) const { return m_map.contains(key); }
    void problem(const QString &key, const QString &why) const
    {
        if (m_problems)
            m_problems->append(key + QStringLiteral(": ") + why);
    }
    void text(const QString &key, QString *out) const
    {
        if (has(key))
            *out = m_map.value(key).toString();
    }
    void flag(const QString &key, bool *out) const
    {
        if (has(key))
            *out = m_map.value(key).toBool();
    }
    void integer(const QString &key, int lo, int hi, int *out) const
    {
        if (!has(key))
            return;
        bool ok = false;
        const qlonglong v = m_map.value(key).toLongLong(&ok);
        if (!ok || v < lo || v > hi)
            problem(key, QStringLiteral("not a number from %1 to %2").arg(lo).arg(hi));
        else
            *out = int(v);
    }
    void port(const QString &key, quint16 *out) const
    {
        int v = *out;
        integer(key, 0, 65535, &v);
        *out = quint16(v);
    }
    // Empty text = null address (allowed only where `allowNull`).
    void address(const QString &key, bool allowNull, QHostAddress *out) const
    {
        if (!has(key))
            return;
        QString t = m_map.value(key).toString().trimmed();
        if (t.startsWith(u'[') && t.endsWith(u']'))
            t = t.mid(1, t.size() - 2);
        QHostAddress a;
        if (t.isEmpty() && allowNull)
            *out = QHostAddress();
        else if (a.setAddress(t))
            *out = a;
        else
            problem(key, QStringLiteral("not an IP address"));
    }

private:
    const QVariantMap &m_map;
    QStringList *m_problems;
};
} // namespace

QVariantMap SessionSettings::toMap(SessionKind kind) const
{
    QVariantMap m;
    m.insert(kEncoding, encoding);
    m.insert(kFraming, framing.toString());
    m.insert(kFrameSends, frameOutgoing);
    // --- Reply rules (issue 20): one line each, as --rules files have them.
    QStringList ruleLines;
    for (const ReplyRule &rule : rules)
        ruleLines.append(rule.toLine());
    m.insert(kRules, ruleLines);
    // The send box.
    m.insert(kSendLineEnding, PayloadEntry::lineEndingName(sendLineEnding));
    m.insert(kClearAfterSend, clearAfterSend);
    m.insert(kChecksum, checksum ? checksum->toString() : QString());
    m.insert(kVerifyChecksum, verifyChecksum);
    switch (kind) {
    case SessionKind::TcpServer:
        m.insert(kAddress, addressText(listenAddress));
        m.insert(kPort, QString::number(listenPort));
        m.insert(QStringLiteral("backlog"), backlog);
        m.insert(QStringLiteral("maxClients"), maxClients);
        m.insert(QStringLiteral("greeting"), greeting);
        m.insert(QStringLiteral("keepOpenOnPeerFin"), keepOpenOnPeerFin);
        m.insert(QStringLiteral("pauseAccept"), pauseAccept);
        // Socket options (issue 21).
        m.insert(QStringLiteral("reuseAddress"), reuseAddress);
        m.insert(QStringLiteral("noDelay"), noDelay);
        break;
    case SessionKind::TcpClient:
        m.insert(QStringLiteral("host"), host);
        m.insert(kPort, port ? QString::number(port) : QString());
        m.insert(QStringLiteral("timeout"), connectTimeoutMs);
        m.insert(QStringLiteral("bind"), !localBindAddress.isNull());
        m.insert(QStringLiteral("bindAddress"), addressText(localBindAddress));
        m.insert(QStringLiteral("bindPort"), QString::number(localBindPort));
        m.insert(QStringLiteral("autoReconnect"), autoReconnect);
        m.insert(QStringLiteral("reconnectInterval"), reconnectIntervalMs);
        m.insert(QStringLiteral("keepOpenOnPeerFin"), keepOpenOnPeerFin);
        // Socket options (issue 21).
        m.insert(QStringLiteral("noDelay"), noDelay);
        break;
    case SessionKind::Udp:
        m.insert(kAddress, addressText(bindAddress));
        m.insert(kPort, QString::number(bindPort));
        m.insert(QStringLiteral("targetHost"), targetHost);
        m.insert(QStringLiteral("targetPort"), targetPort ? QString::number(targetPort) : QString());
        m.insert(QStringLiteral("replyToLast"), replyToLastSender);
        m.insert(QStringLiteral("broadcast"), broadcast);
        m.insert(QStringLiteral("replyRate"), replyLimits.repliesPerSecond);
        m.insert(QStringLiteral("replyBytesRate"), replyLimits.bytesPerSecond);
        m.insert(QStringLiteral("replyMaxSize"), replyLimits.maxReplySize);
        break;
    }
    // Quick-send bar.
    m.insert(QStringLiteral("quickSend"), QuickSendButton::toList(quickSend));
    return m;
}

SessionSettings SessionSettings::fromMap(SessionKind kind, const QVariantMap &map, const SessionSettings &base,
                                         QStringList *problems)
{
    SessionSettings s = base;
    const Reader r(map, problems);
    if (r.has(kEncoding)) {
        const QString canonical = TextCodec::canonicalName(map.value(kEncoding).toString());
        if (canonical.isEmpty())
            r.problem(kEncoding, QStringLiteral("unknown encoding"));
        else
            s.encoding = canonical;
    }
    // UDP keeps datagram boundaries and its tab has no framing field: a saved
    // framing there would be one that nothing shows (nor uses).
    if (r.has(kFraming) && kind != SessionKind::Udp) {
        QString error;
        const FramingSpec spec = FramingSpec::parse(map.value(kFraming).toString().trimmed(), &error);
        if (error.isEmpty())
            s.framing = spec;
        else
            r.problem(kFraming, error);
    }
    if (kind != SessionKind::Udp)
        r.flag(kFrameSends, &s.frameOutgoing);
    if (s.framing.kind == FramingSpec::Kind::None)
        s.frameOutgoing = false;
    if (r.has(kRules)) {
        // A rule with a problem is kept as typed (and not armed); only a
        // line that is not a rule at all is skipped.
        QList<ReplyRule> read;
        const QStringList lines = map.value(kRules).toStringList();
        for (qsizetype i = 0; i < lines.size(); ++i) {
            const ReplyRule::Parsed p = ReplyRule::parse(lines.at(i), s.encoding, false);
            if (p.ok())
                read.append(p.rule);
            else
                r.problem(kRules, QStringLiteral("rule %1: %2").arg(i + 1).arg(p.problem.message));
        }
        s.rules = read;
    } else if (r.has(kReply)) {
        // Tabs saved before the rules: the one mode is its ready-made rule.
        const QString mode = map.value(kReply).toString();
        if (mode == QStringLiteral("template")) {
            QString text = map.value(kReplyTemplate).toString();
            if (map.value(kReplySyntax).toInt() < kTemplateReplySyntax)
                text = Template::fromAutoReplyTemplate(text);
            s.rules = ReplyRules::fromReplySpec(text);
        }
        else if (mode == QStringLiteral("none"))
            s.rules.clear();
        else if (mode == QStringLiteral("echo") || mode == QStringLiteral("http"))
            s.rules = ReplyRules::fromReplySpec(mode);
        else
            r.problem(kReply, QStringLiteral("unknown auto-reply mode"));
    }
    // The send box.
    if (r.has(kSendLineEnding)
        && !PayloadEntry::lineEndingFromName(map.value(kSendLineEnding).toString(), &s.sendLineEnding))
        r.problem(kSendLineEnding, QStringLiteral("not none, cr, lf or crlf"));
    r.flag(kClearAfterSend, &s.clearAfterSend);
    if (r.has(kChecksum)) {
        const QString text = map.value(kChecksum).toString().trimmed();
        QString error;
        const Checksum sum = text.isEmpty() ? Checksum() : Checksum::parse(text, &error);
        if (!error.isEmpty())
            r.problem(kChecksum, error);
        else
            s.checksum = text.isEmpty() ? std::nullopt : std::optional<Checksum>(sum);
    }
    r.flag(kVerifyChecksum, &s.verifyChecksum);
    switch (kind) {
    case SessionKind::TcpServer:
        r.address(kAddress, false, &s.listenAddress);
        r.port(kPort, &s.listenPort);
        // 0 as the command line and the form allow it (listen() takes it):
        // a saved 0 must come back as 0, not as the default.
        r.integer(QStringLiteral("backlog"), 0, 65535, &s.backlog);
        r.integer(QStringLiteral("maxClients"), 0, 1000000, &s.maxClients);
        r.text(QStringLiteral("greeting"), &s.greeting);
        r.flag(QStringLiteral("keepOpenOnPeerFin"), &s.keepOpenOnPeerFin);
        r.flag(QStringLiteral("pauseAccept"), &s.pauseAccept);
        // Socket options (issue 21).
        r.flag(QStringLiteral("reuseAddress"), &s.reuseAddress);
        r.flag(QStringLiteral("noDelay"), &s.noDelay);
        break;
    case SessionKind::TcpClient: {
        r.text(QStringLiteral("host"), &s.host);
        s.host = s.host.trimmed();
        if (s.host.startsWith(u'[') && s.host.endsWith(u']'))
            s.host = s.host.mid(1, s.host.size() - 2);
        if (!map.value(kPort).toString().isEmpty())
            r.port(kPort, &s.port);
        r.integer(QStringLiteral("timeout"), 1, 3600 * 1000, &s.connectTimeoutMs);
        r.port(QStringLiteral("bindPort"), &s.localBindPort);
        if (map.value(QStringLiteral("bind")).toBool())
            r.address(QStringLiteral("bindAddress"), false, &s.localBindAddress);
        else if (r.has(QStringLiteral("bind")))
            s.localBindAddress = QHostAddress();
        r.flag(QStringLiteral("autoReconnect"), &s.autoReconnect);
        r.integer(QStringLiteral("reconnectInterval"), kMinReconnectMs, kMaxReconnectMs, &s.reconnectIntervalMs);
        r.flag(QStringLiteral("keepOpenOnPeerFin"), &s.keepOpenOnPeerFin);
        // Socket options (issue 21).
        r.flag(QStringLiteral("noDelay"), &s.noDelay);
        break;
    }
    case SessionKind::Udp:
        r.address(kAddress, true, &s.bindAddress);
        r.port(kPort, &s.bindPort);
        r.text(QStringLiteral("targetHost"), &s.targetHost);
        s.targetHost = s.targetHost.trimmed();
        if (!map.value(QStringLiteral("targetPort")).toString().isEmpty())
            r.port(QStringLiteral("targetPort"), &s.targetPort);
        r.flag(QStringLiteral("replyToLast"), &s.replyToLastSender);
        r.flag(QStringLiteral("broadcast"), &s.broadcast);
        r.integer(QStringLiteral("replyRate"), 0, ReplyLimiter::kMaxRepliesPerSecond, &s.replyLimits.repliesPerSecond);
        if (r.has(QStringLiteral("replyBytesRate"))) {
            bool ok = false;
            const qlonglong v = map.value(QStringLiteral("replyBytesRate")).toLongLong(&ok);
            // The command line's and the form's range: a larger rate would be
            // shown clamped while the session used another.
            if (ok && v >= 0 && v <= ReplyLimiter::kMaxBytesPerSecond)
                s.replyLimits.bytesPerSecond = v;
            else
                r.problem(QStringLiteral("replyBytesRate"),
                          QStringLiteral("not a number from 0 to %1").arg(ReplyLimiter::kMaxBytesPerSecond));
        }
        if (r.has(QStringLiteral("replyMaxSize"))) {
            // Larger than any datagram: the largest there is, as the field clamps.
            bool ok = false;
            const qlonglong v = map.value(QStringLiteral("replyMaxSize")).toLongLong(&ok);
            if (ok && v >= 1)
                s.replyLimits.maxReplySize = int(qMin<qlonglong>(v, ReplyLimiter::kMaxReplySizeLimit));
            else
                r.problem(QStringLiteral("replyMaxSize"), QStringLiteral("not a number"));
        }
        break;
    }
    // Quick-send bar.
    if (r.has(QStringLiteral("quickSend")))
        s.quickSend = QuickSendButton::fromList(map.value(QStringLiteral("quickSend")), problems);
    return s;
}
