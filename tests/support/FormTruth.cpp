#include "support/FormTruth.h"

#include "core/framing/Framer.h"
#include "core/log/TrafficLog.h"
#include "core/net/TcpClientSession.h"
#include "core/net/TcpServerSession.h"
#include "core/reply/AutoResponder.h"
#include "core/reply/ReplyRules.h"
#include "core/reply/RuleResponder.h"
#include "ui/pages/RulesEditor.h"
#include "ui/pages/RulesModel.h"
#include "core/workbench/Workbench.h"
#include "ui/pages/ChecksumPanel.h"
#include "ui/send/SendPanel.h"
#include "ui/widgets/FieldValidation.h"
#include "ui/window/MainWindow.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLineEdit>
#include <QRegularExpression>
#include <QSpinBox>

using namespace Qt::Literals::StringLiterals;

namespace FormTruth {

namespace {
QString show(const QHostAddress &a)
{
    return a.isNull() ? u"(none)"_s : a.toString();
}
} // namespace

QHostAddress addressOf(const QString &text)
{
    const QString bare = SessionPage::bareAddress(text);
    return bare.isEmpty() ? QHostAddress() : QHostAddress(bare);
}

// The fields that show a value the settings could not take, as typed and
// marked (by design: the session keeps its last good value, Start is off).
QStringList markedFields(SessionPage *page)
{
    QStringList out;
    for (FieldValidation *v : page->findChildren<FieldValidation *>()) {
        if (v->isValid())
            continue;
        auto *combo = qobject_cast<QComboBox *>(v->edit()->parentWidget());
        out << (combo ? combo->objectName() : v->edit()->objectName());
    }
    return out;
}

// Every field of the page's form that does not show what the session has,
// as "field: form shows X, session has Y".
QStringList formMismatches(SessionPage *page)
{
    QStringList out;
    const QStringList marked = markedFields(page);
    const auto expect = [&out, &marked](const char *name, const auto &form, const auto &session, const QString &f,
                                        const QString &s) {
        if (!(form == session) && !marked.contains(QLatin1StringView(name)))
            out << u"%1: form shows “%2”, session has “%3”"_s.arg(QLatin1StringView(name), f, s);
    };
    const SessionSettings s = page->session()->settings();
    auto *send = field<SendPanel>(page, u"sendPanel"_s);
    const QString encoding = send->findChild<QComboBox *>(u"encodingCombo"_s)->currentText();
    expect("encoding", encoding, s.encoding, encoding, s.encoding);
    // The send box's line ending and "Clear after send" (issue 19).
    const auto ending = PayloadEntry::LineEnding(
        send->findChild<QComboBox *>(u"lineEndingCombo"_s)->currentData().toInt());
    expect("sendPanel.lineEndingCombo", ending, s.sendLineEnding, PayloadEntry::lineEndingName(ending),
           PayloadEntry::lineEndingName(s.sendLineEnding));
    const bool clear = send->findChild<QCheckBox *>(u"clearAfterSendCheck"_s)->isChecked();
    expect("sendPanel.clearAfterSendCheck", clear, s.clearAfterSend, QString::number(clear),
           QString::number(s.clearAfterSend));
    // The Auto-reply combo sums the rules up (issue 20): the old modes, a
    // ready-made set by its name, or "N rules"; the rules editor shows each.
    const QString mode = field<QComboBox>(page, u"replyCombo"_s)->currentData().toString();
    const QString spec = ReplyRules::replySpecOf(s.rules);
    QString wantMode = u"rules"_s;
    if (!spec.isNull()) {
        const QString word = spec.toLower();
        wantMode = spec.isEmpty() ? u"none"_s : word == u"echo"_s || word == u"http"_s ? word : u"template"_s;
    }
    for (const ReplyRules::Preset &p : ReplyRules::presets()) {
        if (spec.isNull() && p.rules == s.rules)
            wantMode = u"preset:"_s + p.id;
    }
    expect("replyCombo", mode, wantMode, mode, wantMode);
    if (wantMode == u"template"_s) {
        const QString t = field<QLineEdit>(page, u"templateEdit"_s)->text();
        expect("templateEdit", t, spec, t, spec);
    }
    if (auto *rules = field<RulesEditor>(page, u"rulesEditor"_s)) {
        const QStringList shown = rulesShown(rules->model());
        QStringList want;
        for (const ReplyRule &r : s.rules)
            want << ruleShown(r);
        expect("rulesEditor", shown, want, shown.join(u" / "_s), want.join(u" / "_s));
    }
    if (auto *framing = field<QWidget>(page, u"framingPanel"_s)) {
        const QString spec = framing->findChild<QComboBox *>(u"specCombo"_s)->currentText().trimmed();
        QString error;
        const FramingSpec shown = FramingSpec::parse(spec, &error);
        expect("framingPanel.specCombo", error.isEmpty() && shown == s.framing, true, spec, s.framing.toString());
        const bool sends = framing->findChild<QCheckBox *>(u"frameSendsCheck"_s)->isChecked();
        expect("framingPanel.frameSendsCheck", sends, s.frameOutgoing, QString::number(sends),
               QString::number(s.frameOutgoing));
    } else {
        // No field shows a framing here: the settings must not hold one unseen.
        expect("(no framing field)", s.framing.kind == FramingSpec::Kind::None && !s.frameOutgoing, true,
               u"none"_s, s.framing.toString() + (s.frameOutgoing ? u" +sends"_s : QString()));
    }
    // The tab's checksum (issue 19): every page has its form.
    if (auto *sum = field<ChecksumPanel>(page, u"checksumPanel"_s)) {
        const auto shown = [](const std::optional<Checksum> &c, bool verify) {
            return (c ? c->toString() : u"none"_s) + (verify ? u" +verify"_s : QString());
        };
        expect("checksumPanel", shown(sum->checksum(), sum->verify()), shown(s.checksum, s.verifyChecksum),
               shown(sum->checksum(), sum->verify()), shown(s.checksum, s.verifyChecksum));
    } else {
        expect("(no checksum field)", false, true, u"missing"_s, u"a checksum form"_s);
    }
    const auto text = [page](const char *name) { return field<QLineEdit>(page, QLatin1StringView(name))->text(); };
    const auto combo = [page](const char *name) {
        return field<QComboBox>(page, QLatin1StringView(name))->currentText();
    };
    const auto spin = [page](const char *name) { return field<QSpinBox>(page, QLatin1StringView(name))->value(); };
    const auto check = [page](const char *name) {
        return field<QCheckBox>(page, QLatin1StringView(name))->isChecked();
    };
    const auto optionalPort = [](quint16 p) { return p ? QString::number(p) : QString(); };
    switch (page->session()->kind()) {
    case SessionKind::TcpServer:
        expect("addressCombo", addressOf(combo("addressCombo")), s.listenAddress, combo("addressCombo"),
               show(s.listenAddress));
        expect("portEdit", text("portEdit"), QString::number(s.listenPort), text("portEdit"),
               QString::number(s.listenPort));
        expect("backlogSpin", spin("backlogSpin"), s.backlog, QString::number(spin("backlogSpin")),
               QString::number(s.backlog));
        expect("maxClientsSpin", spin("maxClientsSpin"), s.maxClients, QString::number(spin("maxClientsSpin")),
               QString::number(s.maxClients));
        expect("greetingEdit", text("greetingEdit"), s.greeting, text("greetingEdit"), s.greeting);
        // Issue 21: the listen queues.
        expect("pauseAcceptCheck", check("pauseAcceptCheck"), s.pauseAccept,
               QString::number(check("pauseAcceptCheck")), QString::number(s.pauseAccept));
        // Issue 21: socket options.
        expect("reuseAddressCheck", check("reuseAddressCheck"), s.reuseAddress, QString::number(check("reuseAddressCheck")),
               QString::number(s.reuseAddress));
        expect("noDelayCheck", check("noDelayCheck"), s.noDelay, QString::number(check("noDelayCheck")),
               QString::number(s.noDelay));
        break;
    case SessionKind::TcpClient:
        // "[::1]" as typed is the host ::1.
        expect("hostEdit", SessionPage::bareAddress(text("hostEdit")), s.host, text("hostEdit"), s.host);
        expect("portEdit", text("portEdit"), optionalPort(s.port), text("portEdit"), optionalPort(s.port));
        expect("timeoutSpin", spin("timeoutSpin"), s.connectTimeoutMs, QString::number(spin("timeoutSpin")),
               QString::number(s.connectTimeoutMs));
        expect("bindCheck", check("bindCheck"), !s.localBindAddress.isNull(), QString::number(check("bindCheck")),
               show(s.localBindAddress));
        if (!s.localBindAddress.isNull()) {
            expect("bindAddressCombo", addressOf(combo("bindAddressCombo")), s.localBindAddress,
                   combo("bindAddressCombo"), show(s.localBindAddress));
            expect("bindPortEdit", text("bindPortEdit"), QString::number(s.localBindPort), text("bindPortEdit"),
                   QString::number(s.localBindPort));
        }
        // Issue 21: socket options.
        expect("noDelayCheck", check("noDelayCheck"), s.noDelay, QString::number(check("noDelayCheck")),
               QString::number(s.noDelay));
        break;
    case SessionKind::Udp:
        expect("addressCombo", addressOf(combo("addressCombo")), s.bindAddress, combo("addressCombo"),
               show(s.bindAddress));
        expect("portEdit", text("portEdit"), QString::number(s.bindPort), text("portEdit"),
               QString::number(s.bindPort));
        expect("targetHostEdit", SessionPage::bareAddress(text("targetHostEdit")), s.targetHost,
               text("targetHostEdit"), s.targetHost);
        expect("targetPortEdit", text("targetPortEdit"), optionalPort(s.targetPort), text("targetPortEdit"),
               optionalPort(s.targetPort));
        expect("broadcastCheck", check("broadcastCheck"), s.broadcast, QString::number(check("broadcastCheck")),
               QString::number(s.broadcast));
        expect("replyToLastCheck", check("replyToLastCheck"), s.replyToLastSender,
               QString::number(check("replyToLastCheck")), QString::number(s.replyToLastSender));
        expect("replyRateSpin", spin("replyRateSpin"), s.replyLimits.repliesPerSecond,
               QString::number(spin("replyRateSpin")), QString::number(s.replyLimits.repliesPerSecond));
        expect("replyBytesSpin", qint64(spin("replyBytesSpin")), s.replyLimits.bytesPerSecond,
               QString::number(spin("replyBytesSpin")), QString::number(s.replyLimits.bytesPerSecond));
        expect("replyMaxSizeSpin", spin("replyMaxSizeSpin"), s.replyLimits.maxReplySize,
               QString::number(spin("replyMaxSizeSpin")), QString::number(s.replyLimits.maxReplySize));
        break;
    }
    return out;
}

// The settings fields (by their QSettings keys) where a and b differ.
QStringList settingsDiff(const SessionSettings &a, const SessionSettings &b, SessionKind kind)
{
    QStringList out;
    const QVariantMap ma = a.toMap(kind);
    const QVariantMap mb = b.toMap(kind);
    for (auto it = ma.cbegin(); it != ma.cend(); ++it) {
        if (it.value() != mb.value(it.key()))
            out << u"%1: “%2” then “%3”"_s.arg(it.key(), it.value().toString(), mb.value(it.key()).toString());
    }
    if (!(a == b) && out.isEmpty())
        out << u"a field QSettings does not keep"_s;
    return out;
}

QString describe(SessionPage *page)
{
    return u"%1 #%2"_s.arg(TrafficEvent::sessionName(page->session()->kind())).arg(page->session()->id());
}

QList<SessionPage *> pagesOf(MainWindow &window)
{
    QList<SessionPage *> pages;
    for (int i = 0; i < window.pageCount(); ++i)
        pages << window.pageAt(i);
    return pages;
}

// HTTP answers carry the time: equal answers may differ there.
QByteArray withoutDate(QByteArray bytes)
{
    static const QRegularExpression date(u"Date: [^\r]*\r\n"_s);
    return QString::fromLatin1(bytes).remove(date).toLatin1();
}

QByteArray repliesTo(const SessionSettings &settings, const QByteArray &received)
{
    RuleResponder responder(std::make_shared<const ReplyRules>(settings.rules, settings.encoding));
    QByteArray out;
    const RuleResponder::Output answered = responder.onMessage(received);
    for (const RuleResponder::Reply &r : answered.replies) {
        const std::optional<Checksum> &sum = r.checksum ? r.checksum : settings.checksum;
        out += sum ? sum->append(r.bytes).frame : r.bytes;
    }
    if (out.isEmpty() && ReplyRules(settings.rules, settings.encoding).isActive()) {
        // An HTTP rule answers whole requests: the old responder makes the page.
        const AutoReply http = AutoReply::fromSpec(u"http"_s, settings.encoding);
        for (const ReplyRule &r : settings.rules) {
            if (r.enabled && r.reply == ReplyRule::Reply::Http)
                return AutoResponder(http).onData(received).replies.join();
        }
    }
    return out;
}

bool answersHttp(const SessionSettings &settings)
{
    for (const ReplyRule &r : settings.rules) {
        if (r.enabled && r.reply == ReplyRule::Reply::Http)
            return true;
    }
    return false;
}

QString ruleShown(const ReplyRule &r)
{
    const QString reply = r.reply == ReplyRule::Reply::None ? u"none"_s
                          : r.reply == ReplyRule::Reply::Http ? u"http"_s : r.replyText;
    return u"%1|%2|%3|%4|%5|%6|%7"_s.arg(r.enabled ? u"on"_s : u"off"_s, ReplyRule::matchTitle(r.match),
                                             r.match == ReplyRule::Match::Any ? QString() : r.pattern, reply,
                                             r.delayMs ? u"%1 ms"_s.arg(r.delayMs) : QString(),
                                             r.goOn ? u"next"_s : u"stop"_s, r.closeAfter ? u"close"_s : u"open"_s);
}

QStringList rulesShown(const QAbstractItemModel *model)
{
    QStringList out;
    const auto text = [model](int row, int column) { return model->index(row, column).data().toString(); };
    const auto checked = [model](int row, int column) {
        return model->index(row, column).data(Qt::CheckStateRole).toInt() == Qt::Checked;
    };
    for (int row = 0; row < model->rowCount(); ++row) {
        out << u"%1|%2|%3|%4|%5|%6|%7"_s.arg(checked(row, RulesModel::Enabled) ? u"on"_s : u"off"_s,
                                                text(row, RulesModel::Match), text(row, RulesModel::Pattern),
                                                text(row, RulesModel::Reply), text(row, RulesModel::Delay),
                                                checked(row, RulesModel::Then) ? u"next"_s : u"stop"_s,
                                                checked(row, RulesModel::Close) ? u"close"_s : u"open"_s);
    }
    return out;
}

QByteArray wireOf(const FramingSpec &framing, const QByteArray &payload)
{
    QString error;
    return framing.kind == FramingSpec::Kind::None ? payload : Framer::encode(framing, payload, &error);
}

qsizetype lastIndexOf(const TrafficLog *log, TrafficEvent::Kind kind)
{
    for (qsizetype i = log->size() - 1; i >= 0; --i) {
        if (log->atWithoutPayload(i).kind == kind)
            return i;
    }
    return -1;
}

int countOf(const TrafficLog *log, TrafficEvent::Kind kind)
{
    int n = 0;
    for (qsizetype i = 0; i < log->size(); ++i)
        n += log->atWithoutPayload(i).kind == kind;
    return n;
}

QByteArray receivedSince(const TrafficLog *log, qsizetype from)
{
    QByteArray out;
    for (qsizetype i = qMax<qsizetype>(from, 0); i < log->size(); ++i) {
        const TrafficEvent e = log->at(i);
        if (e.kind == TrafficEvent::Kind::Data && e.direction == TrafficEvent::Direction::In)
            out += e.payload;
    }
    return out;
}

QList<QByteArray> framesFrom(const TrafficLog *log, const Endpoint &peer)
{
    QList<QByteArray> out;
    for (qsizetype i = 0; i < log->size(); ++i) {
        const TrafficEvent e = log->at(i);
        if (e.kind == TrafficEvent::Kind::Frame && e.peer == peer)
            out << e.payload;
    }
    return out;
}

TcpServerSession *serverOf(Workbench &bench, const TcpClientSession *c)
{
    for (Session *s : bench.sessions()) {
        auto *server = qobject_cast<TcpServerSession *>(s);
        if (server && server->isRunning() && server->listenEndpoint().port == c->settings().port)
            return server;
    }
    return nullptr;
}

QHostAddress reachable(const QHostAddress &a)
{
    if (a == QHostAddress(QHostAddress::AnyIPv6))
        return QHostAddress(QHostAddress::LocalHostIPv6);
    if (a.isNull() || a == QHostAddress(QHostAddress::AnyIPv4))
        return QHostAddress(QHostAddress::LocalHost);
    return a;
}
} // namespace FormTruth
