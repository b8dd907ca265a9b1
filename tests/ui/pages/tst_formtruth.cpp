// Issue 17, "one source of truth": whatever configures a session (a lesson,
// the command line the e2e tests use, restored settings, the user's typing),
// each page's form shows exactly Session::settings(), field by field; Stop →
// Start through the page's own buttons keeps the settings, and real peers
// over loopback get the same greeting, replies and frames afterwards.

#include "core/log/TrafficLog.h"
#include "core/net/TcpClientSession.h"
#include "core/net/TcpServerSession.h"
#include "core/net/UdpSession.h"
#include "core/teach/LessonLibrary.h"
#include "core/text/PayloadParser.h"
#include "core/workbench/CommandLine.h"
#include "core/workbench/Workbench.h"
#include "support/FormTruth.h"
#include "ui/pages/SessionPage.h"
#include "ui/send/SendPanel.h"
#include "ui/window/MainWindow.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLineEdit>
#include <QNetworkDatagram>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QUdpSocket>

#include <memory>

using namespace Qt::Literals::StringLiterals;
using namespace FormTruth;


class TestFormTruth : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void lesson_data();
    void lesson();
    void commandLine_data();
    void commandLine();
    void typed_data();
    void typed();
    void restored_data();
    void restored();

private:
    // Form = settings on every page, restored copies too; then Stop → Start
    // on every page and the peers get what they got before.
    void checkEverything(Workbench &bench, MainWindow &window, Peers &peers, const QByteArray &clientSends);
    void checkForms(MainWindow &window, const char *when);
    void checkRestored(Workbench &bench, MainWindow &window, SessionPage *page);
    void restart(SessionPage *page);
    QByteArray probe(Workbench &bench, Peers &peers, Session *s, const QByteArray &clientSends);
    QByteArray probeServer(TcpServerSession *s);
    QByteArray probeClient(Workbench &bench, Peers &peers, TcpClientSession *c, const QByteArray &clientSends);
    QByteArray probeUdp(UdpSession *s);

    QHash<Session *, int> m_connections;   // connects of each client seen so far
};

void TestFormTruth::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(u"socket-workbench-tests"_s);
    QCoreApplication::setApplicationName(u"tst_formtruth"_s);
}

void TestFormTruth::init()
{
    QSettings().clear();
    m_connections.clear();
}

void TestFormTruth::checkForms(MainWindow &window, const char *when)
{
    QVERIFY(window.pageCount() > 0);
    for (SessionPage *page : pagesOf(window)) {
        const QStringList wrong = formMismatches(page);
        QVERIFY2(wrong.isEmpty(), qPrintable(u"%1, %2:\n  %3"_s.arg(describe(page), QLatin1StringView(when),
                                                                     wrong.join(u"\n  "_s))));
    }
}

void TestFormTruth::checkRestored(Workbench &bench, MainWindow &window, SessionPage *page)
{
    const QVariantMap state = page->saveState();
    Session *copy = bench.addSession(page->session()->kind());
    SessionPage *restored = nullptr;
    for (SessionPage *p : pagesOf(window)) {
        if (p->session() == copy)
            restored = p;
    }
    QVERIFY(restored);
    restored->restoreState(state);
    const QStringList wrong = formMismatches(restored);
    const QStringList lost = settingsDiff(page->session()->settings(), copy->settings(), copy->kind());
    bench.removeSession(copy);
    QVERIFY2(wrong.isEmpty(), qPrintable(u"restored copy of %1:\n  %2"_s.arg(describe(page), wrong.join(u"\n  "_s))));
    QVERIFY2(lost.isEmpty(), qPrintable(u"restoring %1 changed:\n  %2"_s.arg(describe(page), lost.join(u"\n  "_s))));
}

void TestFormTruth::restart(SessionPage *page)
{
    const auto click = [page](const char *name) {
        auto *button = field<QPushButton>(page, QLatin1StringView(name));
        QVERIFY2(button && button->isEnabled(), name);
        QTest::mouseClick(button, Qt::LeftButton);
    };
    Session *s = page->session();
    switch (s->kind()) {
    case SessionKind::TcpServer:
        click("stopButton");
        QTRY_COMPARE(s->state(), Session::State::Idle);
        click("startButton");
        QTRY_VERIFY(s->isRunning());
        break;
    case SessionKind::TcpClient:
        if (s->state() != Session::State::Idle)
            click("disconnectButton");
        QTRY_COMPARE(s->state(), Session::State::Idle);
        click("connectButton");
        break;
    case SessionKind::Udp:
        if (s->isRunning())
            click("closeButton");
        QTRY_COMPARE(s->state(), Session::State::Idle);
        click("bindButton");
        QTRY_VERIFY(s->isRunning());
        break;
    }
}

QByteArray TestFormTruth::probeServer(TcpServerSession *s)
{
    const SessionSettings set = s->settings();
    const bool http = answersHttp(set);
    const QByteArray request = http ? "GET / HTTP/1.0\r\n\r\n"_ba : "ping"_ba;
    const QByteArray wire = wireOf(set.framing, request);
    const QByteArray greeting = PayloadParser::parse(set.greeting, PayloadParser::Mode::Text, set.encoding, true).bytes;
    // The rules answer each message: a frame when framing cuts the stream.
    QByteArray replies = repliesTo(set, set.framing.kind == FramingSpec::Kind::None ? wire : request);
    // An auto-reply takes the path of what the tab sends: framed with "Add
    // to what I send", as a client's always was.
    if (set.frameOutgoing && !replies.isEmpty())
        replies = wireOf(set.framing, replies);
    const QByteArray expected = greeting + replies;

    QTcpSocket peer;
    QByteArray got;
    connect(&peer, &QTcpSocket::readyRead, &peer, [&] { got += peer.readAll(); });
    peer.connectToHost(reachable(set.listenAddress), s->listenEndpoint().port);
    if (set.pauseAccept) {
        // accept() paused: the probe waits in the accept queue (or, when it
        // is full, in SYN_SENT) and is neither taken nor answered.
        const int clients = s->clientCount();
        QTest::qWait(300);
        [&] { QCOMPARE(s->clientCount(), clients); }();
        return got;
    }
    [&] { QTRY_COMPARE(peer.state(), QAbstractSocket::ConnectedState); }();
    const Endpoint me{peer.localAddress(), peer.localPort()};
    peer.write(wire);
    [&] {
        QTRY_VERIFY2(got.size() >= expected.size(), qPrintable(u"%1 of %2 bytes"_s.arg(got.size()).arg(expected.size())));
        QCOMPARE(withoutDate(got), withoutDate(expected));
        if (set.framing.kind != FramingSpec::Kind::None)
            QTRY_COMPARE(framesFrom(s->log(), me), QList<QByteArray>{request});
    }();
    return withoutDate(got);
}

QByteArray TestFormTruth::probeClient(Workbench &bench, Peers &peers, TcpClientSession *c, const QByteArray &clientSends)
{
    const int seen = m_connections.value(c);
    // A client of a server whose accept() is paused (the backlog lesson):
    // it waits in the accept queue or, once that is full, in SYN_SENT, and
    // which of them it is when depends on the retries' timing. Nothing
    // answers it either way: nothing to probe.
    if (const auto *server = qobject_cast<TcpServerSession *>(bench.sessions().value(0));
        server && server->settings().pauseAccept)
        return {};
    [&] { QTRY_VERIFY(countOf(c->log(), TrafficEvent::Kind::Connected) > seen); }();
    m_connections[c] = seen + 1;
    const QByteArray wire = wireOf(c->framing(), "ping");
    if (QTcpServer *server = peers.serverFor(c)) {
        // A peer of ours: what the client sends on connecting, then its reply to ours.
        [&] { QTRY_VERIFY(server->hasPendingConnections()); }();
        std::unique_ptr<QTcpSocket> peer(server->nextPendingConnection());
        QByteArray got;
        connect(peer.get(), &QTcpSocket::readyRead, peer.get(), [&] { got += peer->readAll(); });
        const QByteArray first = c->frameOutgoing() && !clientSends.isEmpty() ? wireOf(c->framing(), clientSends)
                                                                              : clientSends;
        [&] { QTRY_COMPARE(got, first); }();
        peer->write(wire);
        // The client answers through send(): "Add to what I send" frames its replies too.
        QByteArray replies = repliesTo(c->settings(), c->framing().kind == FramingSpec::Kind::None ? wire : "ping"_ba);
        if (c->frameOutgoing() && !replies.isEmpty())
            replies = wireOf(c->framing(), replies);
        const QByteArray expected = first + replies;
        [&] {
            QTRY_VERIFY(got.size() >= expected.size());
            QCOMPARE(got, expected);
        }();
        return got;
    }
    // A lesson's client talks to the lesson's server: what it receives on
    // the connection, and the frames the server cuts from what it sent.
    TcpServerSession *server = serverOf(bench, c);
    [&] { QVERIFY2(server, "the client's server is not running"); }();
    if (!server)
        return QByteArray();
    const qsizetype from = lastIndexOf(c->log(), TrafficEvent::Kind::Connected);
    if (!c->isConnected() || c->peerFinishedSending()) {
        // It read until the server closed (HTTP/1.0): all of it is in (our
        // side may stay open after the server's FIN: CLOSE_WAIT).
        return withoutDate(receivedSince(c->log(), from));
    }
    const Endpoint me = c->localEndpoint();
    const QByteArray greeting = PayloadParser::parse(server->settings().greeting, PayloadParser::Mode::Text,
                                                     server->settings().encoding, true).bytes;
    const int framesBefore = int(framesFrom(server->log(), me).size());
    [&] { QVERIFY(c->send("ping").ok()); }();
    const bool serverFrames = server->framing().kind != FramingSpec::Kind::None;
    const QByteArray expected = greeting
                                + repliesTo(server->settings(), c->frameOutgoing() && !serverFrames ? wire : "ping"_ba);
    QByteArray got;
    [&] {
        QTRY_VERIFY((got = receivedSince(c->log(), from)).size() >= expected.size());
        QCOMPARE(got, expected);
        if (server->framing().kind != FramingSpec::Kind::None) {
            QTRY_VERIFY(framesFrom(server->log(), me).size() > framesBefore);
            QCOMPARE(framesFrom(server->log(), me).constLast(), "ping"_ba);
        }
    }();
    QByteArray frames;
    for (const QByteArray &f : framesFrom(server->log(), me))
        frames += f + '|';
    return got + "\nframes: " + frames;
}

QByteArray TestFormTruth::probeUdp(UdpSession *s)
{
    if (!s->isRunning())
        return QByteArray();
    const Endpoint local = s->localEndpoint();
    QUdpSocket peer;
    [&] { QVERIFY(peer.bind(reachable(local.address), 0)); }();
    const quint64 before = s->counters().messagesIn;
    QByteArray expected = repliesTo(s->settings(), "ping");
    if (expected.size() > s->settings().replyLimits.maxReplySize)
        expected.clear();   // held back as too large (and counted)
    peer.writeDatagram("ping", reachable(local.address), local.port);
    QByteArray got;
    [&] {
        QTRY_COMPARE(s->counters().messagesIn, before + 1);
        if (!expected.isEmpty()) {
            QTRY_VERIFY(peer.hasPendingDatagrams());
            got = peer.receiveDatagram().data();
            QCOMPARE(got, expected);
        }
    }();
    return got;
}

QByteArray TestFormTruth::probe(Workbench &bench, Peers &peers, Session *s, const QByteArray &clientSends)
{
    if (auto *server = qobject_cast<TcpServerSession *>(s))
        return server->isRunning() ? probeServer(server) : QByteArray();
    if (auto *client = qobject_cast<TcpClientSession *>(s))
        return probeClient(bench, peers, client, clientSends);
    return probeUdp(qobject_cast<UdpSession *>(s));
}

void TestFormTruth::checkEverything(Workbench &bench, MainWindow &window, Peers &peers, const QByteArray &clientSends)
{
    checkForms(window, "as set up");
    if (QTest::currentTestFailed())
        return;
    for (SessionPage *page : pagesOf(window)) {
        checkRestored(bench, window, page);
        if (QTest::currentTestFailed())
            return;
    }
    QHash<Session *, QByteArray> before;
    QHash<Session *, SessionSettings> settings;
    for (SessionPage *page : pagesOf(window)) {
        before[page->session()] = probe(bench, peers, page->session(), clientSends);
        settings[page->session()] = page->session()->settings();
        if (QTest::currentTestFailed())
            return;
    }
    for (SessionPage *page : pagesOf(window)) {
        restart(page);
        if (QTest::currentTestFailed())
            return;
    }
    checkForms(window, "after Stop → Start");
    if (QTest::currentTestFailed())
        return;
    for (SessionPage *page : pagesOf(window)) {
        Session *s = page->session();
        const QStringList changed = settingsDiff(settings[s], s->settings(), s->kind());
        QVERIFY2(changed.isEmpty(), qPrintable(u"Stop → Start changed %1:\n  %2"_s.arg(describe(page),
                                                                                       changed.join(u"\n  "_s))));
        const QByteArray after = probe(bench, peers, s, clientSends);
        if (QTest::currentTestFailed())
            return;
        QVERIFY2(after == before[s], qPrintable(u"%1: the peer got “%2” before Stop → Start, “%3” after"_s
                                                    .arg(describe(page), QString::fromLatin1(before[s].toPercentEncoding()),
                                                         QString::fromLatin1(after.toPercentEncoding()))));
    }
}

void TestFormTruth::lesson_data()
{
    QTest::addColumn<QString>("id");
    for (const LessonLibrary::Lesson &l : LessonLibrary::all())
        QTest::newRow(qPrintable(l.id)) << l.id;
}

void TestFormTruth::lesson()
{
    QFETCH(QString, id);
    Workbench bench;
    MainWindow window(&bench);
    window.show();
    Peers peers;
    QVERIFY(window.startLesson(id));
    QVERIFY(window.pageCount() > 0);
    checkEverything(bench, window, peers, QByteArray());
}

void TestFormTruth::commandLine_data()
{
    QTest::addColumn<QStringList>("arguments");
    // The combinations tests/e2e/*.py and tests/faults/*.py start the program with.
    const QStringList server{u"--tcp-server"_s, u"127.0.0.1:0"_s};
    const auto row = [](const char *name, const QStringList &args) { QTest::newRow(name) << args; };
    row("server", server);
    row("server echo", server + QStringList{u"--reply"_s, u"echo"_s});
    row("server echo GBK", server + QStringList{u"--reply"_s, u"echo"_s, u"--encoding"_s, u"GBK"_s});
    row("server greeting template", server + QStringList{u"--greeting"_s, u"Welcome to Socket Workbench!\\r\\n"_s,
                                                         u"--reply"_s, u"Hello,{data}!"_s});
    row("server greeting hi template", server + QStringList{u"--greeting"_s, u"hi\\n"_s, u"--reply"_s,
                                                            u"Hello,{data}!"_s});
    row("server GBK template", server + QStringList{u"--encoding"_s, u"GBK"_s, u"--reply"_s, u"你好,{data}!"_s});
    row("server http", server + QStringList{u"--reply"_s, u"http"_s});
    row("server http GBK", server + QStringList{u"--reply"_s, u"http"_s, u"--encoding"_s, u"GBK"_s});
    row("server framing length:4", server + QStringList{u"--framing"_s, u"length:4"_s});
    row("server framing line", server + QStringList{u"--framing"_s, u"line"_s});
    row("server framing length:2:le", server + QStringList{u"--framing"_s, u"length:2:le"_s});
    row("server echo max-clients 1", server + QStringList{u"--reply"_s, u"echo"_s, u"--max-clients"_s, u"1"_s});
    row("server backlog 16 max-clients 0", server + QStringList{u"--backlog"_s, u"16"_s, u"--max-clients"_s, u"0"_s});
    row("server ipv6 echo", {u"--tcp-server"_s, u"[::1]:0"_s, u"--reply"_s, u"echo"_s});
    row("server echo latin1", server + QStringList{u"--reply"_s, u"echo"_s, u"--encoding"_s, u"latin1"_s});
    row("server and udp", server + QStringList{u"--udp"_s, u"127.0.0.1:0"_s});
    // The ends of the ranges the command line accepts: the form must take them too.
    row("server backlog 0", server + QStringList{u"--backlog"_s, u"0"_s});
    row("server and udp framing length:4", server + QStringList{u"--udp"_s, u"127.0.0.1:0"_s, u"--framing"_s,
                                                                  u"length:4"_s});
    const QStringList client{u"--tcp-client"_s, u"127.0.0.1:{tcp}"_s};
    row("client send GET", client + QStringList{u"--send"_s, u"GET / HTTP/1.0\\r\\n\\r\\n"_s});
    row("client GBK send", client + QStringList{u"--encoding"_s, u"GBK"_s, u"--send"_s, u"你好\\t\\x00\\\\end\\n"_s});
    row("client framing length:4", client + QStringList{u"--framing"_s, u"length:4"_s, u"--send"_s, u"hello"_s});
    row("client connect-timeout", client + QStringList{u"--connect-timeout"_s, u"1500"_s, u"--send"_s, u"never"_s});
    row("client bind", client + QStringList{u"--bind"_s, u"127.0.0.1:0"_s});
    // 99, not 1: below the box's old floor, yet long enough for a loopback connect.
    row("client connect-timeout 99", client + QStringList{u"--connect-timeout"_s, u"99"_s});
    row("client connect-timeout 3600000", client + QStringList{u"--connect-timeout"_s, u"3600000"_s});
    row("client ipv6", {u"--tcp-client"_s, u"[::1]:{tcp6}"_s, u"--send"_s, u"six"_s});
    row("client Big5 template", client + QStringList{u"--encoding"_s, u"Big5"_s, u"--reply"_s, u"<{data}>"_s});
    const QStringList udp{u"--udp"_s, u"127.0.0.1:0"_s};
    row("udp echo", udp + QStringList{u"--reply"_s, u"echo"_s});
    row("udp echo GBK", udp + QStringList{u"--reply"_s, u"echo"_s, u"--encoding"_s, u"GBK"_s});
    row("udp template", udp + QStringList{u"--reply"_s, u"[{data}]"_s});
    row("udp rates lifted", udp + QStringList{u"--reply"_s, u"echo"_s, u"--reply-rate"_s, u"0"_s,
                                              u"--reply-bytes-rate"_s, u"0"_s});
    row("udp max reply size", udp + QStringList{u"--reply"_s, QString(2000, u'B') + u"{data}"_s,
                                                u"--reply-max-size"_s, u"2002"_s});
    row("udp broadcast", udp + QStringList{u"--broadcast"_s});
    row("udp largest limits", udp + QStringList{u"--reply"_s, u"echo"_s, u"--reply-rate"_s, u"1000000"_s,
                                                u"--reply-bytes-rate"_s, u"1073741824"_s, u"--reply-max-size"_s,
                                                u"65527"_s});
    row("udp ipv6 echo", {u"--udp"_s, u"[::1]:0"_s, u"--reply"_s, u"echo"_s});
    row("udp Shift_JIS template", udp + QStringList{u"--encoding"_s, u"Shift_JIS"_s, u"--reply"_s, u"({data})"_s});
    row("udp target only", {u"--udp-target"_s, u"127.0.0.1:{udp}"_s, u"--send"_s, u"hi udp\\n\\x00\\xff"_s});
    row("udp bound with target", udp + QStringList{u"--udp-target"_s, u"127.0.0.1:{udp}"_s, u"--send"_s,
                                                   u"from-bound"_s});
    row("udp target echo", udp + QStringList{u"--udp-target"_s, u"127.0.0.1:{udp}"_s, u"--send"_s, u"x"_s,
                                             u"--reply"_s, u"echo"_s});
    // Issue 20: reply rules, in order, with go on, captures and a checksum.
    row("server rules", server + QStringList{u"--rule"_s, u"starts:pi => PONG {counter}\\n [next]"_s, u"--rule"_s,
                                             u"contains:ng => ng!"_s, u"--rule"_s, u"any => never"_s});
    row("server rule, checksum", server + QStringList{u"--rule"_s, u"hex:70 ?? 6e => {hex:01}{1}"_s, u"--checksum"_s,
                                                      u"crc16-modbus"_s});
    row("client rule", client + QStringList{u"--rule"_s, u"regex:^(p)(?<i>i) => {i}{1}"_s});
    row("udp rules", udp + QStringList{u"--rule"_s, u"exact:ping => [{data}] #{counter}"_s, u"--rule"_s, u"any => x"_s});
    // Issue 21: the listen queues.
    row("server pause-accept backlog 2", server + QStringList{u"--pause-accept"_s, u"--backlog"_s, u"2"_s});
    // Issue 21: socket options.
    row("server no-reuseaddr nodelay echo", server + QStringList{u"--no-reuseaddr"_s, u"--nodelay"_s, u"--reply"_s, u"echo"_s});
    row("client nodelay", client + QStringList{u"--nodelay"_s, u"--send"_s, u"hi"_s});
}

void TestFormTruth::commandLine()
{
    QFETCH(QStringList, arguments);
    Peers peers;
    QStringList args{u"socket-workbench"_s};
    for (const QString &a : std::as_const(arguments))
        args << peers.fill(a);
    const CommandLine::Result parsed = CommandLine::parse(args);
    QVERIFY2(parsed.ok(), qPrintable(parsed.error));
    Workbench bench;
    MainWindow window(&bench);
    window.show();
    QString error;
    QVERIFY2(bench.applyOptions(parsed.options, &error), qPrintable(error));
    checkEverything(bench, window, peers, parsed.options.send ? parsed.options.send->expand({}) : QByteArray());
}

void TestFormTruth::typed_data()
{
    QTest::addColumn<int>("kind");
    // objectName=value: line edits and spin boxes are typed into, editable
    // combos typed into their line edit, check boxes clicked, the other combos chosen.
    QTest::addColumn<QStringList>("fields");
    QTest::newRow("server template, greeting, length:4, GBK")
        << int(SessionKind::TcpServer)
        << QStringList{u"addressCombo=127.0.0.1"_s, u"portEdit=0"_s, u"backlogSpin=128"_s, u"maxClientsSpin=5"_s,
                       u"greetingEdit=Hi\\r\\n"_s, u"replyCombo=template"_s, u"templateEdit=Hello,{data}!"_s,
                       u"specCombo=length:4"_s, u"frameSendsCheck=on"_s, u"encodingCombo=GBK"_s};
    QTest::newRow("server ipv6 echo, line")
        << int(SessionKind::TcpServer)
        << QStringList{u"addressCombo=::1"_s, u"replyCombo=echo"_s, u"specCombo=line"_s};
    QTest::newRow("server http") << int(SessionKind::TcpServer) << QStringList{u"replyCombo=http"_s};
    QTest::newRow("server pause accept, backlog 2")
        << int(SessionKind::TcpServer) << QStringList{u"backlogSpin=2"_s, u"pauseAcceptCheck=on"_s};
    QTest::newRow("client bound, echo, length:4")
        << int(SessionKind::TcpClient)
        << QStringList{u"hostEdit=127.0.0.1"_s, u"portEdit={tcp}"_s, u"timeoutSpin=1500"_s, u"bindCheck=on"_s,
                       u"bindAddressCombo=127.0.0.1"_s, u"bindPortEdit=0"_s, u"replyCombo=echo"_s,
                       u"specCombo=length:4"_s, u"frameSendsCheck=on"_s};
    QTest::newRow("client ipv6 template")
        << int(SessionKind::TcpClient)
        << QStringList{u"hostEdit=::1"_s, u"portEdit={tcp6}"_s, u"replyCombo=template"_s, u"templateEdit=<{data}>"_s};
    QTest::newRow("udp template, limits, target, broadcast")
        << int(SessionKind::Udp)
        << QStringList{u"addressCombo=127.0.0.1"_s, u"portEdit=0"_s, u"targetHostEdit=127.0.0.1"_s,
                       u"targetPortEdit={udp}"_s, u"replyCombo=template"_s, u"templateEdit=[{data}]"_s,
                       u"replyRateSpin=0"_s, u"replyBytesSpin=0"_s, u"replyMaxSizeSpin=2002"_s,
                       u"broadcastCheck=on"_s};
    QTest::newRow("udp reply to last, echo")
        << int(SessionKind::Udp) << QStringList{u"replyToLastCheck=on"_s, u"replyCombo=echo"_s};
    QTest::newRow("client send box: CRLF, clear after send")
        << int(SessionKind::TcpClient)
        << QStringList{u"hostEdit=127.0.0.1"_s, u"portEdit={tcp}"_s, u"lineEndingCombo=\\r\\n (CRLF)"_s,
                       u"clearAfterSendCheck=on"_s};
    QTest::newRow("udp send box: CR")
        << int(SessionKind::Udp) << QStringList{u"lineEndingCombo=\\r (CR)"_s};
    // Issue 20: a rule typed as a line in the rules editor; a ready-made set from the combo.
    QTest::newRow("server rule typed") << int(SessionKind::TcpServer) << QStringList{u"ruleLineEdit=starts:pi => got {data}"_s};
    QTest::newRow("udp modbus preset") << int(SessionKind::Udp) << QStringList{u"replyCombo=preset:modbus-tcp"_s};
    // Issue 21: socket options.
    QTest::newRow("server SO_REUSEADDR off, TCP_NODELAY, echo")
        << int(SessionKind::TcpServer) << QStringList{u"reuseAddressCheck=off"_s, u"noDelayCheck=on"_s, u"replyCombo=echo"_s};
    QTest::newRow("client TCP_NODELAY")
        << int(SessionKind::TcpClient) << QStringList{u"hostEdit=127.0.0.1"_s, u"portEdit={tcp}"_s, u"noDelayCheck=on"_s};
}

void TestFormTruth::typed()
{
    QFETCH(int, kind);
    QFETCH(QStringList, fields);
    Peers peers;
    Workbench bench;
    MainWindow window(&bench);
    window.show();
    Session *session = bench.addSession(SessionKind(kind));
    SessionPage *page = nullptr;
    for (SessionPage *p : pagesOf(window)) {
        if (p->session() == session)
            page = p;
    }
    QVERIFY(page);
    for (const QString &f : std::as_const(fields)) {
        const QString name = f.section(u'=', 0, 0);
        const QString value = peers.fill(f.section(u'=', 1));
        QWidget *w = page->findChild<QWidget *>(name);
        if (name == u"encodingCombo"_s || name == u"lineEndingCombo"_s || name == u"clearAfterSendCheck"_s)
            w = page->findChild<SendPanel *>(u"sendPanel"_s)->findChild<QWidget *>(name);
        QVERIFY2(w, qPrintable(name));
        QVERIFY2(w->isEnabled(), qPrintable(name + u" is disabled"_s));
        if (auto *check = qobject_cast<QCheckBox *>(w)) {
            if (check->isChecked() != (value == u"on"_s))
                QTest::mouseClick(check, Qt::LeftButton, {}, QPoint(2, check->height() / 2));
            QCOMPARE(check->isChecked(), value == u"on"_s);
            continue;
        }
        auto *combo = qobject_cast<QComboBox *>(w);
        if (combo && !combo->isEditable()) {
            const int index = combo->findData(value) >= 0 ? combo->findData(value) : combo->findText(value);
            QVERIFY2(index >= 0, qPrintable(f));
            combo->setCurrentIndex(index);
            continue;
        }
        QLineEdit *edit = combo ? combo->lineEdit() : qobject_cast<QLineEdit *>(w);
        if (auto *spin = qobject_cast<QSpinBox *>(w)) {
            spin->selectAll();
            QTest::keyClick(spin, Qt::Key_Delete);
            QTest::keyClicks(spin, value);
            QCOMPARE(spin->value(), value.toInt());
            continue;
        }
        QVERIFY2(edit, qPrintable(name));
        edit->selectAll();
        QTest::keyClick(edit, Qt::Key_Delete);
        QTest::keyClicks(edit, value);
        QCOMPARE(edit->text(), value);
        if (name == u"ruleLineEdit"_s)
            QTest::keyClick(edit, Qt::Key_Return);   // a rule line is applied, not taken as typed
    }
    checkForms(window, "as typed");
    if (QTest::currentTestFailed())
        return;
    // Typing reached the session, not only the form: start it as typed.
    const QString start = kind == int(SessionKind::TcpServer) ? u"startButton"_s
                          : kind == int(SessionKind::TcpClient) ? u"connectButton"_s
                                                                : u"bindButton"_s;
    auto *button = page->findChild<QPushButton *>(start);
    QVERIFY2(button->isEnabled(), qPrintable(start));
    QTest::mouseClick(button, Qt::LeftButton);
    if (kind != int(SessionKind::TcpClient))
        QTRY_VERIFY(session->isRunning());
    checkEverything(bench, window, peers, QByteArray());
}

void TestFormTruth::restored_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<QVariantMap>("state");
    // Saved settings as QSettings gives them back (strings for ports, as the
    // pages save them), at the ends of each range and past them.
    const auto server = [](const char *name, const QVariantMap &m) {
        QTest::newRow(name) << int(SessionKind::TcpServer) << m;
    };
    const auto client = [](const char *name, const QVariantMap &m) {
        QTest::newRow(name) << int(SessionKind::TcpClient) << m;
    };
    const auto udp = [](const char *name, const QVariantMap &m) { QTest::newRow(name) << int(SessionKind::Udp) << m; };
    server("server smallest", {{u"backlog"_s, 0}, {u"maxClients"_s, 0}, {u"port"_s, u"0"_s}});
    server("server largest", {{u"backlog"_s, 65535}, {u"maxClients"_s, 1000000}, {u"port"_s, u"65535"_s},
                              {u"address"_s, u"::1"_s}, {u"greeting"_s, u"Hi\\r\\n"_s}});
    server("server out of range", {{u"backlog"_s, 70000}, {u"maxClients"_s, -1}, {u"port"_s, u"65536"_s}});
    server("server template, framing", {{u"reply"_s, u"template"_s}, {u"replyTemplate"_s, u"Hi {data}"_s},
                                        {u"framing"_s, u"length:2:le"_s}, {u"frameSends"_s, true},
                                        {u"encoding"_s, u"gbk"_s}});
    client("client smallest", {{u"host"_s, u"127.0.0.1"_s}, {u"port"_s, u"1"_s}, {u"timeout"_s, 1}});
    client("client largest", {{u"host"_s, u"[::1]"_s}, {u"port"_s, u"65535"_s}, {u"timeout"_s, 3600000},
                              {u"bind"_s, true}, {u"bindAddress"_s, u"::1"_s}, {u"bindPort"_s, u"65535"_s}});
    client("client out of range", {{u"timeout"_s, 0}, {u"bindPort"_s, u"70000"_s}, {u"port"_s, u"x"_s}});
    client("client echo, bind off", {{u"reply"_s, u"echo"_s}, {u"bind"_s, false}, {u"bindAddress"_s, u"::1"_s}});
    udp("udp smallest", {{u"replyRate"_s, 0}, {u"replyBytesRate"_s, 0}, {u"replyMaxSize"_s, 1}, {u"address"_s, u""_s}});
    udp("udp largest", {{u"replyRate"_s, 1000000}, {u"replyBytesRate"_s, 1073741824}, {u"replyMaxSize"_s, 65527},
                        {u"targetHost"_s, u"::1"_s}, {u"targetPort"_s, u"65535"_s}, {u"broadcast"_s, true},
                        {u"replyToLast"_s, true}});
    udp("udp past the largest", {{u"replyRate"_s, 2000000}, {u"replyBytesRate"_s, 5000000000ll},
                                 {u"replyMaxSize"_s, 70000}});
    udp("udp framing", {{u"framing"_s, u"length:4"_s}, {u"frameSends"_s, true}});
    server("server send box", {{u"sendLineEnding"_s, u"crlf"_s}, {u"clearAfterSend"_s, true}});
    udp("udp send box", {{u"sendLineEnding"_s, u"CR"_s}, {u"clearAfterSend"_s, false}});
    client("client send box, bad ending", {{u"sendLineEnding"_s, u"nl"_s}, {u"clearAfterSend"_s, true}});
    server("server rules, one bad", {{u"rules"_s, QStringList{u"contains:ping => pong"_s, u"regex:(x => bad"_s}}});
    server("server accept paused", {{u"pauseAccept"_s, true}, {u"backlog"_s, 2}});
    // Issue 21: socket options.
    server("server socket options", {{u"reuseAddress"_s, false}, {u"noDelay"_s, true}});
    client("client TCP_NODELAY", {{u"noDelay"_s, true}});
}

void TestFormTruth::restored()
{
    QFETCH(int, kind);
    QFETCH(QVariantMap, state);
    Workbench bench;
    MainWindow window(&bench);
    window.show();
    Session *session = bench.addSession(SessionKind(kind));
    for (SessionPage *page : pagesOf(window)) {
        if (page->session() == session)
            page->restoreState(state);
    }
    checkForms(window, "restored");
    // A value shown as typed but not taken keeps the page from starting on the old one.
    SessionPage *page = window.pageAt(window.pageCount() - 1);
    QStringList marked = markedFields(page);
    // No UDP target yet is not an error: binding does not need one.
    marked.removeAll(u"targetHostEdit"_s);
    marked.removeAll(u"targetPortEdit"_s);
    if (!marked.isEmpty()) {
        for (const char *name : {"startButton", "connectButton", "bindButton"}) {
            if (auto *button = field<QPushButton>(page, QLatin1StringView(name)))
                QVERIFY2(!button->isEnabled(), name);
        }
    }
}

QTEST_MAIN(TestFormTruth)
#include "tst_formtruth.moc"
