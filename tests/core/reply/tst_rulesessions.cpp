// Reply rules on real sessions against python3 peers over loopback: a TCP
// server with several clients, each with its own {counter}; received
// messages marked with the rule that fired or as unmatched, and the counts
// per rule; frames as messages when framing is on; a delayed reply and a
// close after it; a connection gone before its delayed reply; the TCP
// client answering its server; UDP senders answered within the size limit;
// a backtracking expression reported once while the window's loop runs on.

#include "core/log/TrafficLog.h"
#include "core/net/TcpClientSession.h"
#include "core/net/TcpServerSession.h"
#include "core/net/UdpSession.h"
#include "core/reply/ReplyRules.h"
#include "support/SessionEvents.h"

#include <QProcess>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QtTest>

using namespace Qt::StringLiterals;

namespace {

QList<ReplyRule> rulesOf(const QStringList &lines)
{
    QList<ReplyRule> out;
    for (const QString &line : lines) {
        const ReplyRule::Parsed p = ReplyRule::parse(line);
        if (!p.ok())
            qFatal("bad test rule %s: %s", qPrintable(line), qPrintable(p.problem.message));
        out.append(p.rule);
    }
    return out;
}

// A python3 peer running while the event loop does: the session answers it.
class Peer
{
public:
    Peer(const char *script, const QStringList &args)
    {
        m_process.start(u"/usr/bin/python3"_s, QStringList{u"-c"_s, QString::fromUtf8(script)} + args);
    }
    ~Peer()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.kill();
            m_process.waitForFinished();
        }
    }
    bool finished() const { return m_process.state() == QProcess::NotRunning; }
    QByteArray output() { return m_process.readAllStandardOutput(); }
    QString errors() { return QString::fromUtf8(m_process.readAllStandardError()); }
    int exitCode() const { return m_process.exitCode(); }

private:
    QProcess m_process;
};

// Connects, sends each argument after the first as one message and waits
// for its answer (a line) before the next; prints the answers, one per line.
const char *kTcpClientScript = R"(
import socket, sys
s = socket.create_connection(('127.0.0.1', int(sys.argv[1])), timeout=20)
f = s.makefile('rb')
for word in sys.argv[2:]:
    s.sendall(word.encode())
    if word.startswith('PING'):
        sys.stdout.write(f.readline().decode())
s.close()
)";

QList<TrafficEvent> received(const Session &s, TrafficEvent::Kind kind = TrafficEvent::Kind::Data)
{
    QList<TrafficEvent> out;
    for (const TrafficEvent &e : eventsOf(s, kind)) {
        if (e.direction == TrafficEvent::Direction::In)
            out.append(e);
    }
    return out;
}

// A TCP server on 127.0.0.1, an OS-chosen port, answering with `rules`.
bool startServer(TcpServerSession &server, const QStringList &rules, const FramingSpec &framing = {})
{
    SessionSettings s = server.settings();
    s.framing = framing;
    s.rules = rulesOf(rules);
    server.setSettings(s);
    return server.start();
}

} // namespace

class TestRuleSessions : public QObject
{
    Q_OBJECT
private slots:
    void serverClientsKeepTheirOwnCounter();
    void framesAreMessages();
    void delayedReplyThenClose();
    void closedBeforeDelayedReply();
    void clientAnswersItsServer();
    void udpSendersWithinLimits();
    void backtrackingReportedOnce();
    void savedWithTheTab();
};

void TestRuleSessions::serverClientsKeepTheirOwnCounter()
{
    TcpServerSession server;
    QVERIFY(startServer(server, {u"contains:PING => PONG {counter}\\n"_s, u"contains:QUIET => none"_s}));
    QSignalSpy counts(&server, &Session::ruleFireCountsChanged);
    const QString port = QString::number(server.port());
    std::vector<std::unique_ptr<Peer>> peers;
    for (int i = 0; i < 3; ++i) {
        peers.push_back(std::make_unique<Peer>(kTcpClientScript,
                                               QStringList{port, u"PING"_s, u"PING"_s, u"PING"_s, u"hello"_s}));
    }
    for (auto &peer : peers) {
        QTRY_VERIFY_WITH_TIMEOUT(peer->finished(), 30000);
        QVERIFY2(peer->exitCode() == 0, qPrintable(peer->errors()));
        // Each connection counts from 1 whatever the others do.
        QCOMPARE(peer->output(), QByteArray("PONG 1\nPONG 2\nPONG 3\n"));
    }
    QTRY_COMPARE(server.ruleFireCounts(), QList<quint64>({9, 0}));
    QTRY_COMPARE(server.unmatchedMessages(), quint64(3));
    QTRY_VERIFY(counts.size() >= 1);
    // Each message says what became of it, in the log. Every word but the
    // last waits for its answer, so each read is one word.
    QList<int> marks;
    for (const TrafficEvent &e : received(server))
        marks.append(e.payload == "PING" ? e.rule : e.payload == "hello" ? 10 + e.rule : 100);
    std::sort(marks.begin(), marks.end());
    QCOMPARE(marks, QList<int>({0, 0, 0, 0, 0, 0, 0, 0, 0, 10 + ReplyRules::kUnmatched,
                                10 + ReplyRules::kUnmatched, 10 + ReplyRules::kUnmatched}));
    for (const TrafficEvent &e : eventsOf(server, TrafficEvent::Kind::Data)) {
        if (e.direction == TrafficEvent::Direction::Out)
            QCOMPARE(e.rule, ReplyRules::kNoRules);
    }
    // Editing one rule keeps the others' counts; a changed rule starts again.
    server.setRules(rulesOf({u"contains:PING => PONG {counter}\\n"_s, u"contains:QUIET => shh"_s}));
    QCOMPARE(server.ruleFireCounts(), QList<quint64>({9, 0}));
    server.setRules(rulesOf({u"contains:PING => pong"_s, u"contains:QUIET => shh"_s}));
    QCOMPARE(server.ruleFireCounts(), QList<quint64>({0, 0}));
    server.resetCounters();
    QCOMPARE(server.unmatchedMessages(), quint64(0));
}

void TestRuleSessions::framesAreMessages()
{
    TcpServerSession server;
    QVERIFY(startServer(server, {u"exact:PING => [{data}]"_s}, FramingSpec::line()));
    QTcpSocket peer;
    peer.connectToHost(QHostAddress::LocalHost, server.port());
    QVERIFY(peer.waitForConnected(10000));
    // Three messages in one write: each frame is matched on its own.
    peer.write("PING\nPONG\nPING\n");
    QByteArray got;
    QTRY_VERIFY_WITH_TIMEOUT((got += peer.readAll()).size() >= 12, 10000);
    QCOMPARE(got, QByteArray("[PING][PING]"));
    const QList<TrafficEvent> frames = received(server, TrafficEvent::Kind::Frame);
    QCOMPARE(frames.size(), 3);
    QCOMPARE(frames.at(0).rule, 0);
    QCOMPARE(frames.at(1).rule, ReplyRules::kUnmatched);
    QCOMPARE(frames.at(2).rule, 0);
    // The stream's read itself is not a message when framing cuts it.
    for (const TrafficEvent &e : received(server))
        QCOMPARE(e.rule, ReplyRules::kNoRules);
}

void TestRuleSessions::delayedReplyThenClose()
{
    TcpServerSession server;
    QVERIFY(startServer(server, {u"contains:BYE => bye [delay=200, close]"_s, u"any => ok"_s}));
    Peer peer(R"(
import socket, sys
s = socket.create_connection(('127.0.0.1', int(sys.argv[1])), timeout=20)
s.sendall(b'hi')
first = s.recv(100)
s.sendall(b'BYE')
rest = b''
while True:
    chunk = s.recv(100)
    if not chunk:
        break
    rest += chunk
print(first.decode(), rest.decode(), 'EOF')
)", {QString::number(server.port())});
    QTRY_VERIFY_WITH_TIMEOUT(peer.finished(), 30000);
    QVERIFY2(peer.exitCode() == 0, qPrintable(peer.errors()));
    QCOMPARE(peer.output(), QByteArray("ok bye EOF\n"));
    QTRY_COMPARE(server.ruleFireCounts(), QList<quint64>({1, 1}));
}

void TestRuleSessions::closedBeforeDelayedReply()
{
    TcpServerSession server;
    QVERIFY(startServer(server, {u"any => late [delay=300]"_s}));
    {
        QTcpSocket peer;
        peer.connectToHost(QHostAddress::LocalHost, server.port());
        QVERIFY(peer.waitForConnected(10000));
        peer.write("x");
        QVERIFY(peer.waitForBytesWritten(10000));
        QTRY_COMPARE(server.ruleFireCounts(), QList<quint64>({1}));
        peer.abort();
    }
    QTRY_COMPARE(server.clientCount(), 0);
    // The timer fires for a connection that is gone: nothing is sent.
    QTest::qWait(500);
    for (const TrafficEvent &e : eventsOf(server, TrafficEvent::Kind::Data))
        QCOMPARE(e.direction, TrafficEvent::Direction::In);
    // Rules changed while a reply waits: the old rules' reply is dropped too.
    QTcpSocket again;
    again.connectToHost(QHostAddress::LocalHost, server.port());
    QVERIFY(again.waitForConnected(10000));
    again.write("y");
    QTRY_COMPARE(server.ruleFireCounts(), QList<quint64>({1 + 1}));
    server.setRules(rulesOf({u"any => new"_s}));
    QTest::qWait(500);
    QCOMPARE(again.readAll(), QByteArray());
    again.write("z");
    QByteArray answer;
    QTRY_VERIFY_WITH_TIMEOUT((answer += again.readAll()).size() >= 3, 10000);
    QCOMPARE(answer, QByteArray("new"));
}

void TestRuleSessions::clientAnswersItsServer()
{
    Peer server(R"(
import socket, sys
l = socket.socket()
l.bind(('127.0.0.1', 0))
l.listen(1)
print(l.getsockname()[1], flush=True)
c, _ = l.accept()
c.settimeout(20)
out = []
for word in (b'HELLO 1', b'what', b'HELLO 2'):
    c.sendall(word + b'\n')
    if word.startswith(b'HELLO'):
        out.append(c.recv(100).decode())
print('|'.join(out), flush=True)
)", {});
    QByteArray portLine;
    QTRY_VERIFY_WITH_TIMEOUT((portLine += server.output()).contains('\n'), 20000);
    TcpClientSession client;
    SessionSettings s = client.settings();
    s.host = u"127.0.0.1"_s;
    s.port = quint16(portLine.trimmed().toUShort());
    s.rules = rulesOf({u"regex:^HELLO (?<n>\\d+) => hi {n}/{counter}"_s});
    client.setSettings(s);
    QVERIFY(client.start());
    QTRY_VERIFY_WITH_TIMEOUT(server.finished(), 30000);
    QVERIFY2(server.exitCode() == 0, qPrintable(server.errors()));
    QCOMPARE(server.output().trimmed(), QByteArray("hi 1/1|hi 2/2"));
    QTRY_COMPARE(client.unmatchedMessages(), quint64(1));
}

void TestRuleSessions::udpSendersWithinLimits()
{
    UdpSession udp;
    SessionSettings s = udp.settings();
    s.rules = rulesOf({u"contains:BIG => {hex:00}{random:2000}"_s, u"contains:PING => PONG {counter}"_s});
    udp.setSettings(s);
    QVERIFY(udp.start());
    Peer peer(R"(
import socket, sys
port = int(sys.argv[1])
out = []
for n in range(2):
    u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    u.settimeout(10)
    for i in range(2):
        u.sendto(b'PING', ('127.0.0.1', port))
        out.append(u.recvfrom(100)[0].decode())
    u.sendto(b'BIG', ('127.0.0.1', port))
    u.settimeout(0.3)
    try:
        out.append('unexpected %d' % len(u.recvfrom(4000)[0]))
    except socket.timeout:
        out.append('no big reply')
print('|'.join(out))
)", {QString::number(udp.bindPort())});
    QTRY_VERIFY_WITH_TIMEOUT(peer.finished(), 30000);
    QVERIFY2(peer.exitCode() == 0, qPrintable(peer.errors()));
    // Each sender has its own counter; the 2001-byte reply is over the
    // default maximum reply size (1472), whatever the rule says.
    QCOMPARE(peer.output().trimmed(), QByteArray("PONG 1|PONG 2|no big reply|PONG 1|PONG 2|no big reply"));
    QCOMPARE(udp.repliesTooLarge(), quint64(2));
    QCOMPARE(udp.ruleFireCounts(), QList<quint64>({2, 4}));
}

void TestRuleSessions::backtrackingReportedOnce()
{
    TcpServerSession server;
    QVERIFY(startServer(server, {u"regex:(a+)+$ => never"_s, u"any => fallback"_s}));
    QTcpSocket peer;
    peer.connectToHost(QHostAddress::LocalHost, server.port());
    QVERIFY(peer.waitForConnected(10000));
    QByteArray got;
    for (int i = 0; i < 3; ++i) {
        peer.write(QByteArray(30, 'a') + 'b');
        QTRY_VERIFY_WITH_TIMEOUT((got += peer.readAll()).size() >= 8 * (i + 1), 20000);
    }
    QCOMPARE(got, QByteArray("fallbackfallbackfallback"));
    QList<TrafficEvent> limits;
    QTRY_VERIFY((limits = eventsOf(server, TrafficEvent::Kind::Error)).size() == 1);
    QVERIFY2(limits.first().message.contains(u"match limit"_s), qPrintable(limits.first().message));
    QVERIFY2(limits.first().message.startsWith(u"Reply rule 1"_s), qPrintable(limits.first().message));
}

// Rules are saved with the tab (toMap/fromMap), a rule with a problem as it
// was typed; tabs saved with the one-mode reply come back as its rule.
void TestRuleSessions::savedWithTheTab()
{
    SessionSettings s;
    s.rules = rulesOf({u"contains:PING => PONG {counter} [delay=5, next]"_s, u"any => http"_s});
    ReplyRule broken;
    broken.match = ReplyRule::Match::Regex;
    broken.pattern = u"a("_s;
    broken.replyText = u"x"_s;
    s.rules.append(broken);
    for (const SessionKind kind : {SessionKind::TcpServer, SessionKind::TcpClient, SessionKind::Udp}) {
        QStringList problems;
        const SessionSettings back = SessionSettings::fromMap(kind, s.toMap(kind), SessionSettings(), &problems);
        QCOMPARE(back.rules, s.rules);
        QCOMPARE(problems, QStringList());
    }
    const auto legacy = [](const QVariantMap &map) {
        return SessionSettings::fromMap(SessionKind::TcpServer, map, SessionSettings()).rules;
    };
    QCOMPARE(legacy({{u"reply"_s, u"echo"_s}}), ReplyRules::fromReplySpec(u"echo"_s));
    QCOMPARE(legacy({{u"reply"_s, u"http"_s}}), ReplyRules::fromReplySpec(u"http"_s));
    QCOMPARE(legacy({{u"reply"_s, u"none"_s}}), QList<ReplyRule>());
    QCOMPARE(legacy({{u"reply"_s, u"template"_s}, {u"replyTemplate"_s, u"Hi {data}"_s}, {u"replySyntax"_s, 2}}),
             ReplyRules::fromReplySpec(u"Hi {data}"_s));
    // A saved line that is not a rule at all is named and skipped.
    QStringList problems;
    const SessionSettings read = SessionSettings::fromMap(
            SessionKind::TcpServer, {{u"rules"_s, QStringList{u"any => ok"_s, u"nonsense"_s}}}, SessionSettings(), &problems);
    QCOMPARE(read.rules, rulesOf({u"any => ok"_s}));
    QCOMPARE(problems.size(), 1);
    QVERIFY2(problems.first().startsWith(u"rules: rule 2"_s), qPrintable(problems.first()));
    // The session arms what it can, and says why not for the rest.
    TcpServerSession server;
    server.setSettings(s);
    QVERIFY(server.replyRules().isArmed(0));
    QVERIFY(!server.replyRules().isArmed(2));
    QVERIFY2(server.autoReplyError().startsWith(u"Rule 3: "_s), qPrintable(server.autoReplyError()));
}

QTEST_GUILESS_MAIN(TestRuleSessions)
#include "tst_rulesessions.moc"
