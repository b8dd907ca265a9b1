// Issue 20, teaching: a tab's reply rules as the Python a student would
// write. Each match kind as its test of `data`, the checksums as Python
// functions that give the catalogue's check values, the whole rule list as a
// function that python3 runs and that answers exactly what the rules engine
// answers; the narration shows a fired rule as one line; and the copied
// script of a TCP server tab with rules, run in the tab's place, answers
// real clients byte for byte as the tab did.

#include "core/log/TrafficLog.h"
#include "core/net/TcpClientSession.h"
#include "core/net/TcpServerSession.h"
#include "core/reply/ReplyRules.h"
#include "core/reply/RuleResponder.h"
#include "core/teach/NarratorPhrases.h"
#include "core/teach/PythonRules.h"
#include "core/teach/ScriptPlan.h"
#include "core/teach/SocketNarrator.h"
#include "core/text/TextCodec.h"
#include "support/PythonRun.h"
#include "support/ScriptRun.h"

#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

#include <functional>
#include <memory>

using namespace Qt::StringLiterals;

namespace {

ReplyRule ruleOf(const QString &line)
{
    const ReplyRule::Parsed parsed = ReplyRule::parse(line);
    if (!parsed.ok())
        qFatal("bad rule in the test: %s: %s", qPrintable(line), qPrintable(parsed.problem.message));
    return parsed.rule;
}

QList<ReplyRule> rulesOf(const QString &text)
{
    const ReplyRules::FileParsed parsed = ReplyRules::parseText(text);
    if (!parsed.ok())
        qFatal("bad rules in the test: %s", qPrintable(parsed.error));
    return parsed.rules;
}

// What the engine sends for each message, in order, one connection: the
// replies with their checksum (the rule's or the tab's), hex, joined by ','.
QStringList engineAnswers(const QList<ReplyRule> &rules, const std::optional<Checksum> &tabSum,
                          const QList<QByteArray> &messages)
{
    RuleResponder responder(std::make_shared<const ReplyRules>(rules, u"UTF-8"_s));
    QStringList out;
    for (const QByteArray &m : messages) {
        QStringList replies;
        const RuleResponder::Output answered = responder.onMessage(m);
        for (const RuleResponder::Reply &r : answered.replies) {
            const std::optional<Checksum> sum = r.checksum ? r.checksum : tabSum;
            replies << QString::fromLatin1((sum ? sum->append(r.bytes).frame : r.bytes).toHex());
        }
        out << replies.join(u',');
    }
    return out;
}

// The rules' function run by python3 on the same messages (hex lines on stdin).
QStringList pythonAnswers(const PythonRules &rules, const QList<QByteArray> &messages, QString *error)
{
    QStringList program = rules.imports();
    program << u"import sys"_s << QString() << rules.helpers() << QString() << rules.answerFunction({}) << QString();
    program << u"state = {'counter': 0}"_s;
    program << u"for line in sys.stdin.read().split():"_s;
    program << u"    sent = []"_s;
    program << u"    answer(bytes.fromhex(line), state, sent.append)"_s;
    program << u"    print(','.join(s.hex() for s in sent) if sent else '-')"_s;
    QByteArray input;
    for (const QByteArray &m : messages)
        input += m.toHex() + '\n';
    const QByteArray out = PythonRun::run(program.join(u'\n').toUtf8().constData(), input, error);
    QStringList lines = QString::fromLatin1(out).split(u'\n', Qt::SkipEmptyParts);
    for (QString &l : lines) {
        if (l == u"-"_s)
            l.clear();
    }
    // "no rule matched" lines are the script talking, not replies.
    lines.removeIf([](const QString &l) { return l.startsWith(u"no rule matched"_s); });
    if (!error->isEmpty())
        *error += u"\n"_s + program.join(u'\n');
    return lines;
}

} // namespace

class TestPythonRules : public QObject
{
    Q_OBJECT
private slots:
    void condition_data();
    void condition();
    void narrationLine_data();
    void narrationLine();
    void checksumFunctions_data();
    void checksumFunctions();
    void answersAsTheEngine_data();
    void answersAsTheEngine();
    void narratorShowsTheFiredRule();
    void copiedScriptAnswersLikeTheTab();
    void copiedClientScriptAnswersLikeTheTab();
};

void TestPythonRules::condition_data()
{
    QTest::addColumn<QString>("line");
    QTest::addColumn<QString>("python");
    QTest::newRow("any") << u"any => x"_s << u"True"_s;
    QTest::newRow("exact") << u"exact:PING\\r\\n => x"_s << u"data == b'PING\\r\\n'"_s;
    QTest::newRow("starts") << u"starts:PING => x"_s << u"data.startswith(b'PING')"_s;
    QTest::newRow("ends") << u"ends:\\x00\\xff => x"_s << u"data.endswith(b'\\x00\\xff')"_s;
    QTest::newRow("contains") << u"contains:it's => x"_s << u"b'it\\'s' in data"_s;
    QTest::newRow("regex") << u"regex:^GET (\\S+) => {1}"_s << u"(m := re.search(rb'^GET (\\S+)', data))"_s;
    QTest::newRow("regex named") << u"regex:(?<verb>[A-Z]+) (?<=\\s)x => {verb}"_s
                                 << u"(m := re.search(rb'(?P<verb>[A-Z]+) (?<=\\s)x', data))"_s;
    QTest::newRow("hex") << u"hex:01 03 ?? ?? 00 0A => x"_s << u"(m := re.match(rb'(?s)\\x01\\x03(.{2})\\x00\\x0a', data))"_s;
    QTest::newRow("hex runs split by a comma") << u"hex:01 06 ?? ??, ?? $ => x"_s
                                               << u"(m := re.match(rb'(?s)\\x01\\x06(.{2})(.)\\Z', data))"_s;
    QTest::newRow("regex dot takes a newline") << u"regex:a.b => x"_s << u"(m := re.search(rb'a.b', data, re.S))"_s;
    QTest::newRow("hex to the end") << u"hex:41 ?? 0d 0a $ => x"_s << u"(m := re.match(rb'(?s)A(.)\\x0d\\x0a\\Z', data))"_s;
}

void TestPythonRules::condition()
{
    QFETCH(QString, line);
    QFETCH(QString, python);
    const PythonRules rules({ruleOf(line)}, u"UTF-8"_s, std::nullopt);
    QCOMPARE(rules.condition(0), python);
}

void TestPythonRules::narrationLine_data()
{
    QTest::addColumn<QString>("line");
    QTest::addColumn<bool>("udp");
    QTest::addColumn<QString>("python");
    QTest::newRow("starts, counter") << u"starts:PING => PONG {counter}"_s << false
                                     << u"if data.startswith(b'PING'): conn.sendall(b'PONG ' + b'%d' % (counter + 1))"_s;
    QTest::newRow("echo") << u"any => {data}"_s << false << u"conn.sendall(data)"_s;
    QTest::newRow("udp capture") << u"regex:^GET (\\S+) => You asked for {1}"_s << true
                                 << u"if (m := re.search(rb'^GET (\\S+)', data)): "
                                    "sock.sendto(b'You asked for ' + (m.group(1) or b''), addr)"_s;
    QTest::newRow("delay, close") << u"contains:bye => ciao [delay=250, close]"_s << false
                                  << u"if b'bye' in data: time.sleep(0.25); conn.sendall(b'ciao'); conn.close()"_s;
    QTest::newRow("none") << u"exact:x => none"_s << false << u"if data == b'x': pass"_s;
    QTest::newRow("checksum") << u"hex:01 03 => {hex:01 03 02 00 2a} [checksum=crc16-modbus]"_s << false
                              << u"if (m := re.match(rb'(?s)\\x01\\x03', data)): reply = b'\\x01\\x03\\x02\\x00*'; "
                                 "conn.sendall(reply + crc16_modbus(reply[0:]).to_bytes(2, 'little'))"_s;
    QTest::newRow("zero-padded from 0") << u"any => #{counter:04:0}"_s << false
                                        << u"conn.sendall(b'#' + b'%04d' % counter)"_s;
}

void TestPythonRules::narrationLine()
{
    QFETCH(QString, line);
    QFETCH(bool, udp);
    QFETCH(QString, python);
    const PythonRules rules({ruleOf(line)}, u"UTF-8"_s, std::nullopt);
    QCOMPARE(rules.narrationLine(0, udp ? u"sock"_s : u"conn"_s, udp), python);
}

void TestPythonRules::checksumFunctions_data()
{
    QTest::addColumn<int>("algorithm");
    for (const Checksum::Info &info : Checksum::catalogue())
        QTest::newRow(qPrintable(info.name)) << int(info.algorithm);
}

void TestPythonRules::checksumFunctions()
{
    QFETCH(int, algorithm);
    const auto a = Checksum::Algorithm(algorithm);
    // The catalogue's check value of "123456789", computed by the written function.
    QStringList program = PythonRules::checksumFunction(a);
    program << QString() << u"print('%X' % %1(b'123456789'))"_s.arg(PythonRules::checksumFunctionName(a));
    QString error;
    const QByteArray out = PythonRun::run(program.join(u'\n').toUtf8().constData(), {}, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error + u'\n' + program.join(u'\n')));
    QCOMPARE(out.trimmed(), QByteArray::number(Checksum::info(a).check, 16).toUpper());
}

void TestPythonRules::answersAsTheEngine_data()
{
    QTest::addColumn<QString>("rules");
    QTest::addColumn<QString>("tabChecksum");   // empty: none
    QTest::addColumn<QList<QByteArray>>("messages");

    QTest::newRow("first match wins, counter")
        << u"contains:PING => PONG {counter}\nstarts:P => never\nany => ?{data}"_s << QString()
        << QList<QByteArray>{"PING", "PING 2", "Pong", "x", "PING"};
    QTest::newRow("go on, none, off")
        << u"starts:A => a [next]\nexact:AB => none\ncontains:B => b\nany => off [off]"_s << QString()
        << QList<QByteArray>{"AB", "AXB", "A", "B", "C"};
    QTest::newRow("captures and named captures")
        << u"regex:^GET (\\S+) HTTP/(?<v>1\\.[01]) => {v} asked for {1}\nregex:(a+)(b)? => [{1}|{2}]"_s << QString()
        << QList<QByteArray>{"GET /index.html HTTP/1.1", "GET /x HTTP/2", "caaa", "aab", "zzz"};
    QTest::newRow("hex wildcards, raw bytes")
        << u"hex:01 03 ?? ?? 00 0A => {hex:01 03 14 00 01 00 02} {1}\nhex:ff ?? ff $ => {1}{1}\nhex:00 => \\x00{data}"_s
        << QString()
        << QList<QByteArray>{QByteArray::fromHex("0103aabb000a"), QByteArray::fromHex("0103aa0a000a99"),
                             QByteArray::fromHex("ff0aff"), QByteArray::fromHex("ff0aff00"), QByteArray("\0\n\xff", 3)};
    QTest::newRow("dot and newline, comma runs")
        << u"regex:^a.b$ => dot\nhex:01 06 ??, ?? ?? $ => {2}{1}"_s << QString()
        << QList<QByteArray>{"a\nb", "a\nb\n", QByteArray::fromHex("0106aabbcc"), QByteArray::fromHex("0106aabb")};
    QTest::newRow("checksums: the tab's and a rule's")
        << u"hex:01 03 => {hex:01 03 02 00 2a}\nhex:02 => {hex:02} [checksum=crc32]\nany => none"_s << u"crc16-modbus"_s
        << QList<QByteArray>{QByteArray::fromHex("0103"), QByteArray::fromHex("02"), "x"};
    QTest::newRow("counters padded, from 0")
        << u"contains:n => {counter:04}|{counter:3:0}|{counter::100}"_s << u"sum8:1"_s
        << QList<QByteArray>{"n", "nn", "x", "n"};
    QTest::newRow("modbus rtu preset")
        << ReplyRules::toText(ReplyRules::preset(u"modbus-rtu"_s)->rules) << QString()
        << QList<QByteArray>{QByteArray::fromHex("01030000000ac5cd"), QByteArray::fromHex("010300000002c40b")};
    QTest::newRow("modbus tcp preset")
        << ReplyRules::toText(ReplyRules::preset(u"modbus-tcp"_s)->rules) << QString()
        << QList<QByteArray>{QByteArray::fromHex("00010000000601030000000a"), QByteArray::fromHex("000200000006010300000002")};
}

void TestPythonRules::answersAsTheEngine()
{
    QFETCH(QString, rules);
    QFETCH(QString, tabChecksum);
    QFETCH(QList<QByteArray>, messages);
    const QList<ReplyRule> list = rulesOf(rules);
    std::optional<Checksum> sum;
    if (!tabChecksum.isEmpty()) {
        QString error;
        sum = Checksum::parse(tabChecksum, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }
    const QStringList expected = engineAnswers(list, sum, messages);
    QString error;
    const QStringList got = pythonAnswers(PythonRules(list, u"UTF-8"_s, sum), messages, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(got, expected);
}

void TestPythonRules::narratorShowsTheFiredRule()
{
    TcpServerSession server;
    server.setRules(rulesOf(u"starts:PING => PONG {counter}\nany => none"_s));
    SocketNarrator narrator(&server);
    QVERIFY(server.start());
    QTcpSocket peer;
    peer.connectToHost(QHostAddress::LocalHost, server.listenEndpoint().port);
    QVERIFY(peer.waitForConnected(5000));
    peer.write("PING");
    QTRY_COMPARE(peer.bytesAvailable(), qint64(6));
    peer.write("other");
    QTRY_COMPARE(server.ruleFireCounts().value(1), quint64(1));
    QStringList lines;
    QTRY_VERIFY([&] {
        lines.clear();
        for (const SocketLane &lane : narrator.sockets()) {
            for (const SocketNarrator::Step &s : lane.steps) {
                if (s.isRule)
                    lines << NarratorPhrases::line(s, SocketNarrator::Language::Python);
            }
        }
        return lines.size() == 2;
    }());
    QCOMPARE(lines.at(0), u"if data.startswith(b'PING'): conn.sendall(b'PONG ' + b'%d' % (counter + 1))  # rule 1 fired"_s);
    QCOMPARE(lines.at(1), u"pass  # rule 2 fired"_s);
}

void TestPythonRules::copiedScriptAnswersLikeTheTab()
{
    // The tab: a small device. Two clients talk to it; what it answered is
    // what the copied script must answer the same clients.
    TcpServerSession server;
    server.setRules(rulesOf(u"starts:PING => PONG {counter}\\n\n"
                            "regex:^GET (\\S+) => You asked for {1}\\n\n"
                            "hex:01 03 ?? ?? 00 02 => {hex:01 03 04 00 2a 00 2b} [checksum=crc16-modbus]\n"
                            "contains:bye => ciao\\n [close]\n"_s));
    SocketNarrator narrator(&server);
    QVERIFY(server.start());
    const quint16 port = server.listenEndpoint().port;
    const QByteArray modbus = Checksum(Checksum::Algorithm::Crc16Modbus).append(QByteArray::fromHex("010304002a002b")).frame;
    // Each client's messages and what each gets back.
    const QList<QList<std::pair<QByteArray, QByteArray>>> talks = {
        {{"PING", "PONG 1\n"}, {"GET /a", "You asked for /a\n"}, {QByteArray::fromHex("010300000002"), modbus},
         {"PING", "PONG 2\n"}},
        // "nothing" matches no rule; TCP may hand it over with "bye" in one
        // read, which "contains:bye" answers all the same.
        {{"PING", "PONG 1\n"}, {"PING", "PONG 2\n"}, {"nothing", ""}, {"bye", "ciao\n"}},
    };
    const auto play = [&](const char *who) {
        for (const auto &talk : talks) {
            QTcpSocket peer;
            QByteArray got;
            QByteArray expected;
            connect(&peer, &QTcpSocket::readyRead, &peer, [&] { got += peer.readAll(); });
            peer.connectToHost(QHostAddress::LocalHost, port);
            QVERIFY2(peer.waitForConnected(5000), who);
            for (const auto &[message, answer] : talk) {
                peer.write(message);
                expected += answer;
                if (answer.isEmpty())
                    continue;   // no rule: the next answer shows nothing came for it
                QTRY_VERIFY2(got.size() >= expected.size(), qPrintable(u"%1: %2 for %3"_s.arg(QLatin1StringView(who),
                                                           QString::fromLatin1(got.toHex(' ')), QString::fromLatin1(message))));
                QCOMPARE(got, expected);
            }
            // "bye" closes the connection after "ciao"; the other talk ends it here.
            if (talk.last().first == "bye")
                QTRY_COMPARE(peer.state(), QAbstractSocket::UnconnectedState);
            else
                peer.disconnectFromHost();
        }
    };
    play("the tab");
    if (QTest::currentTestFailed())
        return;
    QTRY_COMPARE(narrator.acceptedCount(), qsizetype(2));

    const QString script = ScriptPlan::from(narrator).script(SocketNarrator::Language::Python);
    QVERIFY2(script.contains(u"def answer(data, state, send):"_s), qPrintable(script));
    server.stop();
    QTRY_COMPARE(server.state(), Session::State::Idle);
    ScriptRun run;
    QString why;
    QVERIFY2(run.prepare(script, SocketNarrator::Language::Python, &why), qPrintable(why));
    run.start();
    QTRY_VERIFY2(run.output().contains("listening on"), run.output().constData());
    play("the copied script");
    QTRY_VERIFY2(!run.running(), run.output().constData());
    QCOMPARE(run.exitCode(), 0);
}

void TestPythonRules::copiedClientScriptAnswersLikeTheTab()
{
    // The client tab answers the server it talks to; what it typed is sent
    // by the script, what its rules sent is computed by the script's rules.
    QTcpServer peerServer;
    QVERIFY(peerServer.listen(QHostAddress::LocalHost));
    TcpClientSession client;
    SessionSettings s = client.settings();
    s.host = u"127.0.0.1"_s;
    s.port = peerServer.serverPort();
    s.rules = rulesOf(u"starts:Q => A{counter}\\n\nregex:^X(\\d+) => Y{1}\\n"_s);
    client.setSettings(s);
    SocketNarrator narrator(&client);
    const QList<std::pair<QByteArray, QByteArray>> talk = {{"Q1", "A1\n"}, {"X42", "Y42\n"}, {"Q", "A2\n"}};
    const auto play = [&](const char *who, const std::function<void()> &typed) {
        QTRY_VERIFY2(peerServer.hasPendingConnections(), who);
        std::unique_ptr<QTcpSocket> peer(peerServer.nextPendingConnection());
        QByteArray got;
        connect(peer.get(), &QTcpSocket::readyRead, peer.get(), [&] { got += peer->readAll(); });
        got += peer->readAll();   // what came while the connection waited to be taken
        if (typed)
            typed();
        QTRY_VERIFY2(got == "hello", qPrintable(u"%1 sent %2"_s.arg(QLatin1StringView(who), QString::fromLatin1(got))));
        got.clear();
        QByteArray expected;
        for (const auto &[message, answer] : talk) {
            peer->write(message);
            expected += answer;
            if (answer.isEmpty())
                continue;
            QTRY_VERIFY2(got.size() >= expected.size(), who);
            QCOMPARE(got, expected);
        }
        peer->disconnectFromHost();
    };
    QVERIFY(client.start());
    play("the tab", [&] { QTRY_VERIFY(client.isConnected()); QVERIFY(client.send("hello").ok()); });
    if (QTest::currentTestFailed())
        return;
    client.stop();   // our side stays open after the peer's FIN (CLOSE_WAIT) until then
    QTRY_COMPARE(client.state(), Session::State::Idle);
    const QString script = ScriptPlan::from(narrator).script(SocketNarrator::Language::Python);
    QVERIFY2(script.contains(u"if answer(data, state, client.sendall):"_s), qPrintable(script));
    ScriptRun run;
    QString why;
    QVERIFY2(run.prepare(script, SocketNarrator::Language::Python, &why), qPrintable(why));
    run.start();
    play("the copied script", {});
    if (QTest::currentTestFailed())
        qDebug().noquote() << script << run.output();
    QTRY_VERIFY2(!run.running(), run.output().constData());
    QCOMPARE(run.exitCode(), 0);
}

QTEST_GUILESS_MAIN(TestPythonRules)
#include "tst_pythonrules.moc"
