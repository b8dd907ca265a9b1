// ReplyRules and RuleResponder: each match kind against raw bytes, captures
// and named captures, ?? wildcards, the order of rules, go on (next), close
// after, per-connection {counter}, the HTTP rule, rules with problems not
// armed, presets and the old --reply specs, rules files, and the bound on a
// catastrophically backtracking expression.

#include "core/reply/ReplyRules.h"
#include "core/reply/RuleResponder.h"

#include <QElapsedTimer>
#include <QtTest>

using namespace Qt::StringLiterals;

namespace {

QList<ReplyRule> rulesOf(const QStringList &lines)
{
    QList<ReplyRule> out;
    for (const QString &line : lines) {
        const ReplyRule::Parsed p = ReplyRule::parse(line, u"UTF-8"_s, false);
        if (!p.ok())
            qFatal("bad test rule %s: %s", qPrintable(line), qPrintable(p.problem.message));
        out.append(p.rule);
    }
    return out;
}

std::shared_ptr<const ReplyRules> compiled(const QStringList &lines, const QString &encoding = u"UTF-8"_s)
{
    return std::make_shared<const ReplyRules>(rulesOf(lines), encoding);
}

QByteArray joined(const RuleResponder::Output &out)
{
    QByteArray all;
    for (const RuleResponder::Reply &r : out.replies)
        all += r.bytes;
    return all;
}

} // namespace

class TestReplyRules : public QObject
{
    Q_OBJECT
private slots:
    void matchKinds_data();
    void matchKinds();
    void capturesAndNames();
    void orderAndGoOn();
    void closeAfterAndDelay();
    void counterPerResponder();
    void httpRule();
    void problemsAreNotArmed();
    void backtrackingIsBounded();
    void presets();
    void replySpecs_data();
    void replySpecs();
    void rulesFile();
};

void TestReplyRules::matchKinds_data()
{
    QTest::addColumn<QString>("rule");
    QTest::addColumn<QByteArray>("message");
    QTest::addColumn<bool>("matches");
    QTest::addColumn<QByteArray>("reply");

    QTest::newRow("any") << u"any => [{data}]"_s << QByteArray("xyz") << true << QByteArray("[xyz]");
    QTest::newRow("any, binary") << u"any => {data}"_s << QByteArray("\0\xff", 2) << true << QByteArray("\0\xff", 2);
    QTest::newRow("exact yes") << u"exact:PING\\r\\n => PONG"_s << QByteArray("PING\r\n") << true << QByteArray("PONG");
    QTest::newRow("exact no (longer)") << u"exact:PING => PONG"_s << QByteArray("PING!") << false << QByteArray();
    QTest::newRow("starts yes") << u"starts:GET => G"_s << QByteArray("GET /") << true << QByteArray("G");
    QTest::newRow("starts no") << u"starts:GET => G"_s << QByteArray(" GET") << false << QByteArray();
    QTest::newRow("ends yes") << u"ends:\\n => E"_s << QByteArray("a\n") << true << QByteArray("E");
    QTest::newRow("ends no") << u"ends:\\n => E"_s << QByteArray("a\r") << false << QByteArray();
    QTest::newRow("contains yes") << u"contains:PING => C"_s << QByteArray("xxPINGxx") << true << QByteArray("C");
    QTest::newRow("contains no") << u"contains:PING => C"_s << QByteArray("PIN G") << false << QByteArray();
    QTest::newRow("contains raw byte") << u"contains:\\x00\\xff => B"_s << QByteArray("a\0\xff", 3) << true
                                       << QByteArray("B");
    QTest::newRow("regex anywhere") << u"regex:\\d{3} => R"_s << QByteArray("ab123") << true << QByteArray("R");
    QTest::newRow("regex anchored no") << u"regex:^\\d{3} => R"_s << QByteArray("ab123") << false << QByteArray();
    QTest::newRow("regex over non-UTF-8 bytes") << u"regex:\\xff+$ => R"_s << QByteArray("a\xff\xff") << true
                                                << QByteArray("R");
    QTest::newRow("regex dot matches newline") << u"regex:^a.b$ => R"_s << QByteArray("a\nb") << true
                                               << QByteArray("R");
    QTest::newRow("hex prefix") << u"hex:01 03 => H"_s << QByteArray("\x01\x03\x00", 3) << true << QByteArray("H");
    QTest::newRow("hex wildcards") << u"hex:01 ?? 03 => H"_s << QByteArray("\x01\x99\x03") << true << QByteArray("H");
    QTest::newRow("hex mismatch") << u"hex:01 ?? 03 => H"_s << QByteArray("\x01\x99\x04") << false << QByteArray();
    QTest::newRow("hex too short") << u"hex:01 ?? 03 => H"_s << QByteArray("\x01\x99") << false << QByteArray();
    QTest::newRow("hex $ exact length") << u"hex:01 ?? $ => H"_s << QByteArray("\x01\x02\x03") << false
                                        << QByteArray();
    QTest::newRow("text in GB18030") << u"contains:\u4f60 => ok"_s << QByteArray("\xc4\xe3") << true
                                     << QByteArray("ok");
}

void TestReplyRules::matchKinds()
{
    QFETCH(QString, rule);
    QFETCH(QByteArray, message);
    QFETCH(bool, matches);
    const QString encoding = QString::fromLatin1(QTest::currentDataTag()).contains(u"GB18030"_s) ? u"GB18030"_s
                                                                                                 : u"UTF-8"_s;
    RuleResponder responder(compiled({rule}, encoding));
    QVERIFY2(responder.rules()->isArmed(0), qPrintable(responder.rules()->errors().join(u'\n')));
    const RuleResponder::Output out = responder.onMessage(message);
    QCOMPARE(out.rule, matches ? 0 : ReplyRules::kUnmatched);
    QTEST(joined(out), "reply");
}

void TestReplyRules::capturesAndNames()
{
    RuleResponder regex(compiled({u"regex:^GET (\\S+) HTTP/(?<v>[0-9.]+) => You asked for {1} in {v}"_s}));
    QCOMPARE(joined(regex.onMessage("GET /index.html HTTP/1.1\r\n")), QByteArray("You asked for /index.html in 1.1"));
    // An optional group that did not take part is empty.
    RuleResponder optional(compiled({u"regex:^(a)?(b) => [{1}|{2}]"_s}));
    QCOMPARE(joined(optional.onMessage("b")), QByteArray("[|b]"));
    // Each run of ?? is one capture, bytes as they came.
    RuleResponder hex(compiled({u"hex:?? ?? 00 00 ?? => {2}{1}"_s}));
    QCOMPARE(joined(hex.onMessage(QByteArray("\x12\x34\x00\x00\x07", 5))), QByteArray("\x07\x12\x34", 3));
    // Runs split by a comma are two captures.
    RuleResponder split(compiled({u"hex:??, ?? => {2}{1}"_s}));
    QCOMPARE(joined(split.onMessage("ab")), QByteArray("ba"));
    QCOMPARE(split.rules()->matcher(0).captureCount(), 2);
}

void TestReplyRules::orderAndGoOn()
{
    // First match wins.
    RuleResponder first(compiled({u"contains:A => 1"_s, u"contains:B => 2"_s, u"any => 3"_s}));
    RuleResponder::Output out = first.onMessage("xBAx");
    QCOMPARE(out.rule, 0);
    QCOMPARE(out.fired, QList<int>({0}));
    QCOMPARE(joined(out), QByteArray("1"));
    out = first.onMessage("B");
    QCOMPARE(out.fired, QList<int>({1}));
    out = first.onMessage("zzz");
    QCOMPARE(out.fired, QList<int>({2}));

    // next: the rules after it are tried too; each that matches answers.
    RuleResponder next(compiled({u"any => log, [next]"_s, u"contains:X => none [next]"_s, u"contains:B => 2"_s,
                                 u"any => never"_s}));
    out = next.onMessage("XB");
    QCOMPARE(out.rule, 0);
    QCOMPARE(out.fired, QList<int>({0, 1, 2}));
    QCOMPARE(joined(out), QByteArray("log,2"));
    out = next.onMessage("q");
    QCOMPARE(out.fired, QList<int>({0, 3}));

    // A disabled rule is skipped, unmatched is said.
    RuleResponder off(compiled({u"any => a [off]"_s, u"contains:z => b"_s}));
    out = off.onMessage("y");
    QCOMPARE(out.rule, ReplyRules::kUnmatched);
    QVERIFY(out.replies.isEmpty());
    // No armed rule at all: "no rules", not "unmatched".
    RuleResponder none(compiled({u"any => a [off]"_s}));
    QCOMPARE(none.onMessage("y").rule, ReplyRules::kNoRules);
}

void TestReplyRules::closeAfterAndDelay()
{
    RuleResponder r(compiled({u"contains:BYE => bye [close, delay=300]"_s, u"any => ok"_s}));
    RuleResponder::Output out = r.onMessage("hi");
    QVERIFY(!out.closeAfter);
    QCOMPARE(out.replies.first().delayMs, 0);
    out = r.onMessage("BYE");
    QVERIFY(out.closeAfter);
    QCOMPARE(out.replies.size(), 1);
    QCOMPARE(out.replies.first().delayMs, 300);
    // A rule's own checksum travels with its reply.
    RuleResponder sum(compiled({u"any => x [checksum=crc16-modbus]"_s}));
    out = sum.onMessage("a");
    QVERIFY(out.replies.first().checksum);
    QCOMPARE(out.replies.first().checksum->algorithm(), Checksum::Algorithm::Crc16Modbus);
}

void TestReplyRules::counterPerResponder()
{
    const auto rules = compiled({u"contains:PING => PONG {counter}"_s, u"any => {counter:03} [next]"_s,
                                 u"any => {counter:03}"_s});
    RuleResponder a(rules);
    RuleResponder b(rules);
    QCOMPARE(joined(a.onMessage("PING")), QByteArray("PONG 1"));
    QCOMPARE(joined(a.onMessage("PING")), QByteArray("PONG 2"));
    QCOMPARE(joined(b.onMessage("PING")), QByteArray("PONG 1"));
    // Two replies of one message count one after the other.
    QCOMPARE(joined(b.onMessage("x")), QByteArray("002003"));
    QCOMPARE(b.counter(), quint64(3));
    QCOMPARE(a.counter(), quint64(2));
}

void TestReplyRules::httpRule()
{
    RuleResponder r(compiled({u"any => http"_s}));
    // A request in two pieces is answered once, when whole.
    RuleResponder::Output out = r.onMessage("GET /a HTTP/1.1\r\nHost: x\r\n");
    QVERIFY(out.replies.isEmpty());
    QCOMPARE(out.rule, 0);
    out = r.onMessage("\r\nGET /b HTTP/1.1\r\nConnection: close\r\n\r\n");
    QCOMPARE(out.replies.size(), 2);
    QVERIFY(out.replies.at(0).bytes.startsWith("HTTP/1.1 200 OK\r\n"));
    QVERIFY(out.replies.at(0).bytes.contains("<code>GET /a</code>"));
    QVERIFY(out.replies.at(1).bytes.contains("Connection: close\r\n"));
    QVERIFY(out.closeAfter);
    // After a closing request nothing more is answered.
    out = r.onMessage("GET /c HTTP/1.1\r\n\r\n");
    QVERIFY(out.replies.isEmpty());
    QVERIFY(out.closeAfter);
    RuleResponder bad(compiled({u"any => http"_s}));
    out = bad.onMessage("NOT HTTP\r\n\r\n");
    QCOMPARE(out.replies.size(), 1);
    QVERIFY(out.replies.first().bytes.startsWith("HTTP/1.1 400 Bad Request"));
    QVERIFY(out.closeAfter);
}

void TestReplyRules::problemsAreNotArmed()
{
    const auto rules = compiled({u"regex:a( => bad"_s, u"regex:(x) => {2}"_s, u"any => {counter:x}"_s,
                                 u"contains:q => good"_s});
    QVERIFY(!rules->isArmed(0));
    QVERIFY(!rules->isArmed(1));
    QVERIFY(!rules->isArmed(2));
    QVERIFY(rules->isArmed(3));
    QCOMPARE(rules->problem(0).field, ReplyRule::Field::Pattern);
    QCOMPARE(rules->problem(1).field, ReplyRule::Field::Reply);
    QCOMPARE(rules->errors().size(), 3);
    QVERIFY2(rules->errors().at(1).startsWith(u"Rule 2: Unknown capture {2}"_s), qPrintable(rules->errors().at(1)));
    RuleResponder r(rules);
    // Nothing is sent from a rule with a problem, even for a message it "would" match.
    RuleResponder::Output out = r.onMessage("a(x)");
    QCOMPARE(out.rule, ReplyRules::kUnmatched);
    QVERIFY(out.replies.isEmpty());
    QCOMPARE(joined(r.onMessage("q")), QByteArray("good"));
}

void TestReplyRules::backtrackingIsBounded()
{
    RuleResponder r(compiled({u"regex:(a+)+$ => never"_s, u"any => fallback"_s}));
    const QByteArray evil = QByteArray(30, 'a') + 'b';
    QElapsedTimer clock;
    clock.start();
    const RuleResponder::Output out = r.onMessage(evil);
    // Not a timing assert: without limits this takes minutes; the bound
    // here is generous for any machine.
    QVERIFY2(clock.elapsed() < 10000, qPrintable(QString::number(clock.elapsed())));
    QCOMPARE(out.limitErrors.size(), 1);
    QCOMPARE(out.limitErrors.first().first, 0);
    QVERIFY2(out.limitErrors.first().second.contains(u"match limit"_s), qPrintable(out.limitErrors.first().second));
    // Counted as no match: the next rule answers.
    QCOMPARE(out.rule, 1);
    QCOMPARE(joined(out), QByteArray("fallback"));
    // The same expression still matches what it should.
    QCOMPARE(r.onMessage("aaa").rule, 0);
}

void TestReplyRules::presets()
{
    const QList<ReplyRules::Preset> all = ReplyRules::presets();
    QStringList ids;
    for (const ReplyRules::Preset &p : all) {
        ids.append(p.id);
        QVERIFY(!p.title.isEmpty());
        const ReplyRules rules(p.rules, u"UTF-8"_s);
        QVERIFY2(rules.errors().isEmpty(), qPrintable(rules.errors().join(u'\n')));
    }
    QCOMPARE(ids, QStringList({u"echo"_s, u"hello"_s, u"http"_s, u"modbus-tcp"_s, u"modbus-rtu"_s}));
    QCOMPARE(ReplyRules::preset(u"echo"_s)->rules, ReplyRules::fromReplySpec(u"echo"_s));
    QCOMPARE(ReplyRules::preset(u"http"_s)->rules, ReplyRules::fromReplySpec(u"http"_s));
    QCOMPARE(ReplyRules::preset(u"hello"_s)->rules, ReplyRules::fromReplySpec(u"Hello,{data}!"_s));

    // Modbus TCP: transaction 0x1234, unit 0x11, read 10 registers from 0.
    RuleResponder tcp(std::make_shared<const ReplyRules>(ReplyRules::preset(u"modbus-tcp"_s)->rules, u"UTF-8"_s));
    QByteArray expected = QByteArray::fromHex("12340000001711031" "4");
    for (int i = 1; i <= 10; ++i)
        expected += QByteArray(1, 0) + char(i);
    QCOMPARE(joined(tcp.onMessage(QByteArray::fromHex("12340000000611030000000a"))), expected);
    // Function 4 is not function 3.
    QCOMPARE(tcp.onMessage(QByteArray::fromHex("12340000000611040000000a")).rule, ReplyRules::kUnmatched);

    // Modbus RTU: the reply's own checksum is CRC-16/MODBUS.
    RuleResponder rtu(std::make_shared<const ReplyRules>(ReplyRules::preset(u"modbus-rtu"_s)->rules, u"UTF-8"_s));
    const RuleResponder::Output out = rtu.onMessage(QByteArray::fromHex("01030000000ac5cd"));
    QCOMPARE(out.rule, 0);
    QVERIFY(out.replies.first().checksum);
    QCOMPARE(out.replies.first().checksum->toString(), u"crc16-modbus"_s);
    QCOMPARE(out.replies.first().bytes.left(3), QByteArray::fromHex("010314"));
    QCOMPARE(out.replies.first().bytes.size(), 3 + 20);
}

void TestReplyRules::replySpecs_data()
{
    QTest::addColumn<QString>("spec");
    QTest::addColumn<QString>("line");
    QTest::addColumn<QString>("back");
    QTest::newRow("none") << u""_s << QString() << u""_s;
    QTest::newRow("none word") << u"none"_s << QString() << u""_s;
    QTest::newRow("echo") << u"echo"_s << u"any => {data}"_s << u"echo"_s;
    QTest::newRow("ECHO") << u"ECHO"_s << u"any => {data}"_s << u"echo"_s;
    QTest::newRow("http") << u"http"_s << u"any => http"_s << u"http"_s;
    QTest::newRow("template") << u"Hello,{data}!"_s << u"any => Hello,{data}!"_s << u"Hello,{data}!"_s;
}

void TestReplyRules::replySpecs()
{
    QFETCH(QString, spec);
    QFETCH(QString, line);
    const QList<ReplyRule> rules = ReplyRules::fromReplySpec(spec);
    QCOMPARE(rules.isEmpty(), line.isNull());
    if (!line.isNull())
        QCOMPARE(rules.first().toLine(), line);
    QTEST(ReplyRules::replySpecOf(rules), "back");
    // More than one rule is not an old spec.
    QVERIFY(ReplyRules::replySpecOf(rulesOf({u"any => a"_s, u"any => b"_s})).isNull());
    QVERIFY(ReplyRules::replySpecOf(rulesOf({u"contains:x => a"_s})).isNull());
}

void TestReplyRules::rulesFile()
{
    const QString text = u"# device stand-in\n\ncontains:PING => PONG\r\n  # indented comment\nany => ?\n"_s;
    ReplyRules::FileParsed p = ReplyRules::parseText(text);
    QVERIFY2(p.ok(), qPrintable(p.error));
    QCOMPARE(p.rules.size(), 2);
    QCOMPARE(ReplyRules::parseText(ReplyRules::toText(p.rules)).rules, p.rules);
    p = ReplyRules::parseText(u"any => a\n\nregex:( => b\n"_s);
    QVERIFY(!p.ok());
    QCOMPARE(p.line, 3);
    QCOMPARE(p.column, 8);
    QVERIFY2(p.error.startsWith(u"line 3, column 8: "_s), qPrintable(p.error));
    QVERIFY(p.rules.isEmpty());
}

QTEST_GUILESS_MAIN(TestReplyRules)
#include "tst_replyrules.moc"
