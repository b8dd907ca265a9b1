// Issue 21: the socket options as the narrator tells them, from real
// sessions on loopback. setsockopt(SO_REUSEADDR) is a step of the listening
// socket only when the server sets it, setsockopt(TCP_NODELAY) one of each
// connection that has it (and a change while connected is a call of its
// own); the copied Python and C say exactly the same.

#include "core/net/TcpClientSession.h"
#include "core/net/TcpServerSession.h"
#include "core/teach/NarratorPhrases.h"
#include "core/teach/ScriptPlan.h"
#include "core/teach/SocketNarrator.h"
#include "support/SessionEvents.h"

#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;
using Call = SocketNarrator::Call;
using Language = SocketNarrator::Language;
using Step = SocketNarrator::Step;
using State = SocketNarrator::Step::State;

namespace {

QStringList linesOf(const SocketLane &lane, Call call, Language language = Language::Python)
{
    QStringList out;
    for (const Step &s : lane.steps) {
        if (s.call == call)
            out << NarratorPhrases::line(s, language);
    }
    return out;
}

const Step *stepOf(const SocketLane &lane, Call call)
{
    for (const Step &s : lane.steps) {
        if (s.call == call)
            return &s;
    }
    return nullptr;
}

const QString kReusePython = u"server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)"_s;
const QString kReuseC = u"setsockopt(server, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);"_s;

} // namespace

class TestNarratedOptions : public QObject
{
    Q_OBJECT
private slots:
    void server_data();
    void server();
    void client_data();
    void client();
};

void TestNarratedOptions::server_data()
{
    QTest::addColumn<bool>("reuse");
    QTest::addColumn<bool>("noDelay");
    QTest::newRow("SO_REUSEADDR on, Nagle on") << true << false;
    QTest::newRow("SO_REUSEADDR off, Nagle on") << false << false;
    QTest::newRow("SO_REUSEADDR on, TCP_NODELAY") << true << true;
    QTest::newRow("SO_REUSEADDR off, TCP_NODELAY") << false << true;
}

void TestNarratedOptions::server()
{
    QFETCH(bool, reuse);
    QFETCH(bool, noDelay);
    TcpServerSession server;
    editSettings(server, [&](SessionSettings &s) {
        s.reuseAddress = reuse;
        s.noDelay = noDelay;
    });
    QVERIFY(server.start());
    SocketNarrator n(&server);
    QTcpSocket client;
    client.connectToHost(QHostAddress::LocalHost, server.listenEndpoint().port);
    QVERIFY(client.waitForConnected(5000));
    QTRY_COMPARE(server.clientCount(), 1);
    QTRY_COMPARE(n.sockets().size(), 2);

    const SocketLane listening = n.sockets().at(0);
    QCOMPARE(linesOf(listening, Call::SetSockOpt),
             reuse ? QStringList{kReusePython + u"  # a restart can bind while old connections sit in TIME_WAIT"_s}
                   : QStringList{});
    if (reuse)
        QCOMPARE(stepOf(listening, Call::SetSockOpt)->state, State::Done);
    const SocketLane conn = n.sockets().at(1);
    const QString noDelayPython = u"conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)"_s;
    QCOMPARE(linesOf(conn, Call::SetSockOpt),
             noDelay ? QStringList{noDelayPython + u"  # Nagle off: each small send goes out at once"_s} : QStringList{});
    QCOMPARE(linesOf(conn, Call::SetSockOpt, Language::C),
             noDelay ? QStringList{u"setsockopt(conn, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);  "
                                   "/* Nagle off: each small send goes out at once */"_s}
                     : QStringList{});

    // Turned over while connected: the connection makes the call then.
    editSettings(server, [&](SessionSettings &s) { s.noDelay = !noDelay; });
    QTRY_COMPARE(linesOf(n.sockets().at(1), Call::SetSockOpt).size(), noDelay ? 2 : 1);
    QVERIFY(linesOf(n.sockets().at(1), Call::SetSockOpt).constLast().startsWith(
        u"conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, %1)"_s.arg(noDelay ? 0 : 1)));

    // The copied program: as the tab is now.
    const ScriptPlan plan = ScriptPlan::from(n);
    QCOMPARE(plan.reuseAddress, reuse);
    QCOMPARE(plan.noDelay, !noDelay);
    const QString py = plan.script(Language::Python);
    const QString c = plan.script(Language::C);
    QCOMPARE(py.contains(kReusePython), reuse);
    QCOMPARE(c.contains(kReuseC), reuse);
    QCOMPARE(py.contains(noDelayPython), !noDelay);
    QCOMPARE(c.contains(u"setsockopt(conn, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);"_s), !noDelay);
}

void TestNarratedOptions::client_data()
{
    QTest::addColumn<bool>("noDelay");
    QTest::newRow("Nagle on") << false;
    QTest::newRow("TCP_NODELAY") << true;
}

void TestNarratedOptions::client()
{
    QFETCH(bool, noDelay);
    QTcpServer peer;
    QVERIFY(peer.listen(QHostAddress::LocalHost, 0));
    TcpClientSession client;
    client.setHost(u"127.0.0.1"_s);
    client.setPort(peer.serverPort());
    editSettings(client, [&](SessionSettings &s) { s.noDelay = noDelay; });
    SocketNarrator n(&client);
    QVERIFY(client.start());
    QTRY_VERIFY(client.isConnected());
    QTRY_VERIFY(!n.sockets().isEmpty() && !n.sockets().at(0).peer.isNull());
    const SocketLane lane = n.sockets().at(0);
    const QString call = u"client.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)"_s;
    QCOMPARE(linesOf(lane, Call::SetSockOpt).size(), noDelay ? 1 : 0);
    if (noDelay) {
        // Set once connected, as the tab does: after connect(), done.
        QVERIFY(linesOf(lane, Call::SetSockOpt).constFirst().startsWith(call));
        QCOMPARE(stepOf(lane, Call::SetSockOpt)->state, State::Current);
        QCOMPARE(stepOf(lane, Call::Connect)->state, State::Done);
    }
    // Nobody ever sets SO_REUSEADDR on a client.
    QVERIFY(!linesOf(lane, Call::SetSockOpt).join(u'\n').contains(u"SO_REUSEADDR"_s));
    const ScriptPlan plan = ScriptPlan::from(n);
    QCOMPARE(plan.script(Language::Python).contains(call), noDelay);
    QCOMPARE(plan.script(Language::C).contains(u"setsockopt(client, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);"_s),
             noDelay);
    QVERIFY(!plan.script(Language::Python).contains(u"SO_REUSEADDR"_s));

    editSettings(client, [&](SessionSettings &s) { s.noDelay = !noDelay; });
    QTRY_COMPARE(linesOf(n.sockets().at(0), Call::SetSockOpt).size(), noDelay ? 2 : 1);
    QVERIFY(linesOf(n.sockets().at(0), Call::SetSockOpt).constLast().startsWith(
        u"client.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, %1)"_s.arg(noDelay ? 0 : 1)));
}

QTEST_GUILESS_MAIN(TestNarratedOptions)
#include "tst_narratedoptions.moc"
