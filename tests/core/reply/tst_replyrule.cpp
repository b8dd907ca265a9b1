// ReplyRule: the one-line grammar (MATCH => REPLY [OPTIONS]), its errors
// with their columns, validation of patterns and captures, and toLine()
// as parse()'s inverse.

#include "core/commands/Template.h"
#include "core/reply/ReplyRule.h"
#include "core/reply/RuleMatcher.h"

#include <QtTest>

using namespace Qt::StringLiterals;
using Match = ReplyRule::Match;
using Reply = ReplyRule::Reply;
using Field = ReplyRule::Field;

Q_DECLARE_METATYPE(ReplyRule)
Q_DECLARE_METATYPE(Match)
Q_DECLARE_METATYPE(Reply)
Q_DECLARE_METATYPE(Field)

class TestReplyRule : public QObject
{
    Q_OBJECT
private slots:
    void parsesGood_data();
    void parsesGood();
    void refusesBad_data();
    void refusesBad();
    void roundTrips_data();
    void roundTrips();
    void validatesFields();
};

void TestReplyRule::parsesGood_data()
{
    QTest::addColumn<QString>("line");
    QTest::addColumn<Match>("match");
    QTest::addColumn<QString>("pattern");
    QTest::addColumn<Reply>("reply");
    QTest::addColumn<QString>("replyText");
    QTest::addColumn<int>("delay");
    QTest::addColumn<bool>("goOn");
    QTest::addColumn<bool>("close");
    QTest::addColumn<bool>("enabled");

    QTest::newRow("echo") << u"any => {data}"_s << Match::Any << QString() << Reply::Template << u"{data}"_s << 0
                          << false << false << true;
    QTest::newRow("http") << u"any => http"_s << Match::Any << QString() << Reply::Http << QString() << 0 << false
                          << false << true;
    QTest::newRow("HTTP keyword any case") << u"ANY => HTTP"_s << Match::Any << QString() << Reply::Http << QString()
                                           << 0 << false << false << true;
    QTest::newRow("contains") << u"contains:PING => PONG {counter}"_s << Match::Contains << u"PING"_s
                              << Reply::Template << u"PONG {counter}"_s << 0 << false << false << true;
    QTest::newRow("regex with a capture")
            << u"regex:^GET (\\S+) => You asked for {1}"_s << Match::Regex << u"^GET (\\S+)"_s << Reply::Template
            << u"You asked for {1}"_s << 0 << false << false << true;
    QTest::newRow("hex with wildcards")
            << u"hex:01 03 ?? ?? 00 0A => {hex:01 03 14}"_s << Match::Hex << u"01 03 ?? ?? 00 0A"_s
            << Reply::Template << u"{hex:01 03 14}"_s << 0 << false << false << true;
    QTest::newRow("starts, none, options")
            << u"starts:QUIT => none [next, close]"_s << Match::StartsWith << u"QUIT"_s << Reply::None << QString()
            << 0 << true << true << true;
    QTest::newRow("ends, delay, off") << u"ends:\\r\\n => OK [delay=250, off]"_s << Match::EndsWith << u"\\r\\n"_s
                                      << Reply::Template << u"OK"_s << 250 << false << false << false;
    QTest::newRow("exact with spaces kept") << u"exact:a b => x y "_s << Match::Exact << u"a b"_s
                                            << Reply::Template << u"x y "_s << 0 << false << false << true;
    QTest::newRow("leading blanks") << u"  any => x"_s << Match::Any << QString() << Reply::Template << u"x"_s << 0
                                    << false << false << true;
    QTest::newRow("a reply ending in [..] with escape")
            << u"any => list \\x5bA]"_s << Match::Any << QString() << Reply::Template << u"list \\x5bA]"_s << 0
            << false << false << true;
    QTest::newRow("delay with ms") << u"any => x [delay=5ms]"_s << Match::Any << QString() << Reply::Template
                                   << u"x"_s << 5 << false << false << true;
}

void TestReplyRule::parsesGood()
{
    QFETCH(QString, line);
    const ReplyRule::Parsed p = ReplyRule::parse(line);
    QVERIFY2(p.ok(), qPrintable(p.problem.message));
    QTEST(p.rule.match, "match");
    QTEST(p.rule.pattern, "pattern");
    QTEST(p.rule.reply, "reply");
    QTEST(p.rule.replyText, "replyText");
    QTEST(p.rule.delayMs, "delay");
    QTEST(p.rule.goOn, "goOn");
    QTEST(p.rule.closeAfter, "close");
    QTEST(p.rule.enabled, "enabled");
}

void TestReplyRule::refusesBad_data()
{
    QTest::addColumn<QString>("line");
    QTest::addColumn<Field>("field");
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("words");

    QTest::newRow("empty") << u""_s << Field::Line << 1 << u"empty"_s;
    QTest::newRow("unknown match") << u"like:x => y"_s << Field::Match << 1 << u"Unknown match"_s;
    QTest::newRow("any with a colon") << u"any:x => y"_s << Field::Match << 1 << u"Unknown match"_s;
    QTest::newRow("no arrow") << u"contains:x"_s << Field::Line << 11 << u"=>"_s;
    QTest::newRow("no spaces round the arrow") << u"any=>x"_s << Field::Match << 1 << u"Unknown match"_s;
    QTest::newRow("regex does not compile") << u"regex:a(b => x"_s << Field::Pattern << 10 << u"does not compile"_s;
    QTest::newRow("unknown capture number") << u"regex:(a)(b) => {3}"_s << Field::Reply << 18
                                            << u"Unknown capture {3}"_s;
    QTest::newRow("capture with no groups") << u"contains:x => {1}"_s << Field::Reply << 16 << u"no groups"_s;
    QTest::newRow("unknown named capture") << u"regex:(?<id>\\d+) => {name}"_s << Field::Reply << 22
                                           << u"Unknown capture {name}"_s;
    QTest::newRow("template error") << u"any => {counter:x}"_s << Field::Reply << 17 << u"counter width"_s;
    QTest::newRow("bad hex digit") << u"hex:01 0G => x"_s << Field::Pattern << 9 << u"not a hex digit"_s;
    QTest::newRow("half a byte") << u"hex:01 0 => x"_s << Field::Pattern << 8 << u"Half a byte"_s;
    QTest::newRow("$ not last") << u"hex:01 $ 02 => x"_s << Field::Pattern << 8 << u"last"_s;
    QTest::newRow("bad escape in text") << u"contains:a\\q => x"_s << Field::Pattern << 11 << u""_s;
    QTest::newRow("empty pattern") << u"contains: => x"_s << Field::Pattern << 10 << u"empty"_s;
    QTest::newRow("empty reply") << u"any => "_s << Field::Reply << 8 << u"empty"_s;
    QTest::newRow("unknown option") << u"any => x [loud]"_s << Field::Options << 11 << u"Unknown option"_s;
    QTest::newRow("second option bad") << u"any => x [next, delay=-1]"_s << Field::Options << 17 << u"Bad delay"_s;
    QTest::newRow("delay too long") << u"any => x [delay=60001]"_s << Field::Options << 11 << u"Bad delay"_s;
    QTest::newRow("bad checksum") << u"any => x [checksum=crc99]"_s << Field::Options << 11 << u"crc99"_s;
}

void TestReplyRule::refusesBad()
{
    QFETCH(QString, line);
    QFETCH(QString, words);
    const ReplyRule::Parsed p = ReplyRule::parse(line);
    QVERIFY(!p.ok());
    QTEST(p.problem.field, "field");
    QTEST(p.problem.column, "column");
    QVERIFY2(p.problem.reason.contains(words, Qt::CaseInsensitive), qPrintable(p.problem.reason));
    QVERIFY2(p.problem.message.contains(u"column %1"_s.arg(p.problem.column)), qPrintable(p.problem.message));
}

void TestReplyRule::roundTrips_data()
{
    QTest::addColumn<ReplyRule>("rule");
    const auto make = [](Match m, const QString &pattern, Reply r, const QString &text) {
        ReplyRule rule;
        rule.match = m;
        rule.pattern = pattern;
        rule.reply = r;
        rule.replyText = text;
        return rule;
    };
    QTest::newRow("echo") << make(Match::Any, QString(), Reply::Template, u"{data}"_s);
    QTest::newRow("http") << make(Match::Any, QString(), Reply::Http, QString());
    QTest::newRow("none") << make(Match::Contains, u"x"_s, Reply::None, QString());
    QTest::newRow("template reads as a keyword") << make(Match::Any, QString(), Reply::Template, u"http"_s);
    QTest::newRow("template ending in brackets") << make(Match::Any, QString(), Reply::Template, u"a [b]"_s);
    QTest::newRow("pattern with the arrow") << make(Match::Contains, u"a => b"_s, Reply::Template, u"c"_s);
    QTest::newRow("regex with the arrow") << make(Match::Regex, u"^x => (y)"_s, Reply::Template, u"{1}"_s);
    QTest::newRow("line breaks") << make(Match::Exact, u"a\nb"_s, Reply::Template, u"c\r\nd"_s);
    ReplyRule all = make(Match::Hex, u"01 ?? $"_s, Reply::Template, u"{1}"_s);
    all.delayMs = 20;
    all.goOn = true;
    all.closeAfter = true;
    all.enabled = false;
    QString why;
    all.checksum = Checksum::parse(u"crc16-modbus"_s, &why);
    all.name = u"Every option"_s;
    QTest::newRow("every option") << all;
}

void TestReplyRule::roundTrips()
{
    QFETCH(ReplyRule, rule);
    const QString line = rule.toLine();
    QVERIFY2(!line.contains(u'\n') && !line.contains(u'\r'), qPrintable(line));
    const ReplyRule::Parsed p = ReplyRule::parse(line);
    QVERIFY2(p.ok(), qPrintable(line + u": "_s + p.problem.message));
    QCOMPARE(p.rule.toLine(), line);
    const bool escaped = line.contains(u"\\x"_s) || line.contains(u"\\n"_s);
    if (!escaped) {
        QCOMPARE(p.rule, rule);
        return;
    }
    // The line form escaped a character: the same bytes, matched and sent.
    const RuleMatcher before(rule, u"UTF-8"_s);
    const RuleMatcher after(p.rule, u"UTF-8"_s);
    for (const QByteArray &message : {QByteArray("a => b"), QByteArray("x => y"), QByteArray("a\nb"), QByteArray("q")})
        QCOMPARE(after.match(message).captures, before.match(message).captures);
    QCOMPARE(Template::parseWithCaptures(p.rule.replyText).value.expand({}),
             Template::parseWithCaptures(rule.replyText).value.expand({}));
    ReplyRule same = p.rule;
    same.pattern = rule.pattern;
    same.replyText = rule.replyText;
    QCOMPARE(same, rule);
}

void TestReplyRule::validatesFields()
{
    ReplyRule rule;
    rule.match = Match::Regex;
    rule.pattern = u"(?<cmd>[A-Z]+) (\\d+)"_s;
    rule.replyText = u"{cmd}={2}"_s;
    QVERIFY2(rule.validate(u"UTF-8"_s).ok(), qPrintable(rule.validate(u"UTF-8"_s).message));
    rule.replyText = u"{cmd}={3}"_s;
    ReplyRule::Problem p = rule.validate(u"UTF-8"_s);
    QCOMPARE(p.field, Field::Reply);
    QCOMPARE(p.column, 8);   // at the capture's name, as Template places a field's faults
    QVERIFY2(p.reason.contains(u"2 groups"_s), qPrintable(p.reason));
    // A text pattern the encoding cannot hold is the pattern's fault.
    rule.match = Match::Contains;
    rule.pattern = u"\u4f60\u597d"_s;
    rule.replyText = u"x"_s;
    p = rule.validate(u"ISO-8859-1"_s);
    QCOMPARE(p.field, Field::Pattern);
    QVERIFY(rule.validate(u"GB18030"_s).ok());
    rule.name = u"a, b"_s;
    QCOMPARE(rule.validate(u"UTF-8"_s).field, Field::Options);
}

QTEST_GUILESS_MAIN(TestReplyRule)
#include "tst_replyrule.moc"
