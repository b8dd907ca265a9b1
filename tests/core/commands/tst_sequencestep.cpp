// Sequence steps and sequences, the model: every step's text form read and
// written back, every bad step with its reason, reply matching on split and
// binary data, how often a sequence runs, and what makes a sequence invalid.

#include "core/commands/CommandSequence.h"
#include "core/commands/SequenceStep.h"

#include <QTest>

using namespace Qt::StringLiterals;

using Kind = SequenceStep::Kind;
using Match = SequenceStep::Match;
using Run = CommandSequence::Run;

class TestSequenceStep : public QObject
{
    Q_OBJECT

private slots:
    void parse_data();
    void parse();
    void parseBad_data();
    void parseBad();
    void matches_data();
    void matches();
    void runText_data();
    void runText();
    void runTextBad_data();
    void runTextBad();
    void sequenceValidate_data();
    void sequenceValidate();
    void payloadsUsed();
};

void TestSequenceStep::parse_data()
{
    QTest::addColumn<QString>("line");
    QTest::addColumn<SequenceStep>("step");
    QTest::addColumn<QString>("canonical");

    QTest::newRow("send a payload") << u"send Read holding registers"_s
                                    << SequenceStep::sendEntry(u"Read holding registers"_s)
                                    << u"send Read holding registers"_s;
    QTest::newRow("SEND, extra spaces") << u"SEND   Login  "_s << SequenceStep::sendEntry(u"Login"_s) << u"send Login"_s;
    QTest::newRow("send-text with fields") << u"send-text PING {counter:04}\\r\\n"_s
                                           << SequenceStep::sendText(u"PING {counter:04}\\r\\n"_s)
                                           << u"send-text PING {counter:04}\\r\\n"_s;
    QTest::newRow("send-text keeps inner spaces") << u"send-text  two"_s << SequenceStep::sendText(u" two"_s)
                                                  << u"send-text  two"_s;
    QTest::newRow("send-hex") << u"send-hex 01 03 00 00 00 0A"_s << SequenceStep::sendHex(u"01 03 00 00 00 0A"_s)
                              << u"send-hex 01 03 00 00 00 0A"_s;
    QTest::newRow("wait") << u"wait 100 ms"_s << SequenceStep::wait(100) << u"wait 100 ms"_s;
    QTest::newRow("wait 100ms") << u"wait 100ms"_s << SequenceStep::wait(100) << u"wait 100 ms"_s;
    QTest::newRow("wait without unit") << u"wait 0"_s << SequenceStep::wait(0) << u"wait 0 ms"_s;
    QTest::newRow("wait an hour") << u"wait 3600000 ms"_s << SequenceStep::wait(3600000) << u"wait 3600000 ms"_s;
    QTest::newRow("reply contains") << u"reply within 1000 ms contains OK\\r\\n"_s
                                    << SequenceStep::reply(Match::Contains, u"OK\\r\\n"_s, 1000)
                                    << u"reply within 1000 ms contains OK\\r\\n"_s;
    QTest::newRow("reply hex, 500ms") << u"Reply Within 500ms HEX 01 03"_s
                                      << SequenceStep::reply(Match::Hex, u"01 03"_s, 500)
                                      << u"reply within 500 ms hex 01 03"_s;
    QTest::newRow("reply regex") << u"reply within 2000 ms regex ^OK \\d+$"_s
                                 << SequenceStep::reply(Match::Regex, u"^OK \\d+$"_s, 2000)
                                 << u"reply within 2000 ms regex ^OK \\d+$"_s;
    QTest::newRow("loop until stopped") << u"loop to 2"_s << SequenceStep::loop(2) << u"loop to 2"_s;
    QTest::newRow("loop N times") << u"loop to 1, 5 times"_s << SequenceStep::loop(1, 5) << u"loop to 1, 5 times"_s;
    QTest::newRow("loop , N times") << u"loop to 3 , 2 times"_s << SequenceStep::loop(3, 2) << u"loop to 3, 2 times"_s;
    QTest::newRow("loop without comma") << u"loop to 3 1 time"_s << SequenceStep::loop(3, 1) << u"loop to 3, 1 times"_s;
}

void TestSequenceStep::parse()
{
    QFETCH(QString, line);
    QFETCH(SequenceStep, step);
    QFETCH(QString, canonical);

    QString error = u"not cleared"_s;
    const SequenceStep parsed = SequenceStep::parse(line, u"UTF-8"_s, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QVERIFY(parsed == step);
    QCOMPARE(parsed.toString(), canonical);
    QVERIFY(SequenceStep::parse(canonical, u"UTF-8"_s, &error) == step);
    QVERIFY(step.validate(u"UTF-8"_s).isEmpty());
}

void TestSequenceStep::parseBad_data()
{
    QTest::addColumn<QString>("line");
    QTest::addColumn<QString>("encoding");
    QTest::addColumn<QString>("message");

    const QString utf8 = u"UTF-8"_s;
    QTest::newRow("empty") << QString() << utf8 << u"Unknown step \u201c\u201d"_s;
    QTest::newRow("unknown keyword") << u"transmit x"_s << utf8
                                     << u"Unknown step \u201ctransmit\u201d: a step is send, send-text"_s;
    QTest::newRow("send without name") << u"send  "_s << utf8 << u"\u201csend\u201d needs the name of a payload"_s;
    QTest::newRow("send-text without text") << u"send-text"_s << utf8 << u"\u201csend-text\u201d needs what to send"_s;
    QTest::newRow("send-hex bad hex") << u"send-hex 01 0"_s << utf8 << u"Odd number of hex digits in \u201c0\u201d"_s;
    QTest::newRow("send-text unknown field") << u"send-text {nope}"_s << utf8 << u"Unknown field {nope}"_s;
    QTest::newRow("send-text not in Latin-1") << u"send-text €"_s << u"ISO-8859-1"_s
                                              << u"cannot be encoded in ISO-8859-1"_s;
    QTest::newRow("wait without time") << u"wait"_s << utf8 << u"Write \u201cwait MS ms\u201d"_s;
    QTest::newRow("wait negative") << u"wait -5 ms"_s << utf8 << u"Write \u201cwait MS ms\u201d"_s;
    QTest::newRow("wait too long") << u"wait 3600001 ms"_s << utf8 << u"with MS from 0 to 3600000"_s;
    QTest::newRow("wait seconds") << u"wait 5 s"_s << utf8 << u"Write \u201cwait MS ms\u201d"_s;
    QTest::newRow("reply without within") << u"reply contains OK"_s << utf8 << u"Write \u201creply within MS ms"_s;
    QTest::newRow("reply timeout 0") << u"reply within 0 ms contains OK"_s << utf8 << u"MS from 1 to 3600000"_s;
    QTest::newRow("reply unknown match") << u"reply within 10 ms equals OK"_s << utf8
                                         << u"Write \u201creply within MS ms contains TEXT\u201d"_s;
    QTest::newRow("reply without pattern") << u"reply within 10 ms contains"_s << utf8
                                           << u"\u201creply \u2026 contains\u201d needs a pattern"_s;
    QTest::newRow("reply bad regex") << u"reply within 10 ms regex (OK"_s << utf8
                                     << u"Bad regular expression: missing closing parenthesis at column 4"_s;
    QTest::newRow("reply bad hex") << u"reply within 10 ms hex 0x"_s << utf8 << u"\u201c0x\u201d is not followed"_s;
    QTest::newRow("reply bad escape") << u"reply within 10 ms contains OK\\q"_s << utf8 << u"Unknown escape \\q"_s;
    QTest::newRow("loop without to") << u"loop 2"_s << utf8 << u"Write \u201cloop to STEP\u201d"_s;
    QTest::newRow("loop to 0") << u"loop to 0"_s << utf8 << u"Write \u201cloop to STEP\u201d"_s;
    QTest::newRow("loop 0 times") << u"loop to 1, 0 times"_s << utf8 << u"(N from 1 to 1000000)"_s;
    QTest::newRow("loop without unit") << u"loop to 1, 3"_s << utf8 << u"Write \u201cloop to STEP\u201d"_s;
    QTest::newRow("loop dangling comma") << u"loop to 1,"_s << utf8 << u"Write \u201cloop to STEP\u201d"_s;
    QTest::newRow("loop trailing words") << u"loop to 1, 3 times please"_s << utf8
                                         << u"Write \u201cloop to STEP\u201d"_s;
}

void TestSequenceStep::parseBad()
{
    QFETCH(QString, line);
    QFETCH(QString, encoding);
    QFETCH(QString, message);

    QString error;
    const SequenceStep step = SequenceStep::parse(line, encoding, &error);
    QVERIFY2(error.contains(message), qPrintable(error));
    QVERIFY(step == SequenceStep());
}

void TestSequenceStep::matches_data()
{
    QTest::addColumn<QString>("line");
    QTest::addColumn<QString>("encoding");
    QTest::addColumn<QByteArray>("received");
    QTest::addColumn<bool>("match");

    const QString utf8 = u"UTF-8"_s;
    QTest::newRow("contains") << u"reply within 9 ms contains OK"_s << utf8 << QByteArray("+OK\r\n") << true;
    QTest::newRow("contains is case-sensitive") << u"reply within 9 ms contains OK"_s << utf8 << QByteArray("ok")
                                                << false;
    QTest::newRow("contains with escapes") << u"reply within 9 ms contains OK\\r\\n"_s << utf8
                                           << QByteArray("OK\n") << false;
    QTest::newRow("contains CRLF") << u"reply within 9 ms contains OK\\r\\n"_s << utf8 << QByteArray("x OK\r\n")
                                   << true;
    QTest::newRow("contains in GBK") << u"reply within 9 ms contains 你好"_s << u"GBK"_s
                                     << QByteArray::fromHex("41c4e3bac3") << true;
    QTest::newRow("contains: UTF-8 text is not GBK") << u"reply within 9 ms contains 你好"_s << utf8
                                                     << QByteArray::fromHex("c4e3bac3") << false;
    QTest::newRow("hex in binary") << u"reply within 9 ms hex 01 03 14"_s << utf8
                                   << QByteArray::fromHex("000103140000") << true;
    QTest::newRow("hex with NUL") << u"reply within 9 ms hex 00 ff"_s << utf8 << QByteArray("\0\xff", 2) << true;
    QTest::newRow("hex absent") << u"reply within 9 ms hex 01 04"_s << utf8 << QByteArray::fromHex("010314") << false;
    QTest::newRow("regex") << u"reply within 9 ms regex ^\\+OK \\d+"_s << utf8 << QByteArray("+OK 42 bytes") << true;
    QTest::newRow("regex no match") << u"reply within 9 ms regex ^OK$"_s << utf8 << QByteArray("OK!") << false;
    QTest::newRow("regex (?i)") << u"reply within 9 ms regex (?i)^ok"_s << utf8 << QByteArray("Ok") << true;
    QTest::newRow("regex on decoded GBK") << u"reply within 9 ms regex 你.$"_s << u"GBK"_s
                                          << QByteArray::fromHex("c4e3bac3") << true;
    QTest::newRow("nothing received") << u"reply within 9 ms contains a"_s << utf8 << QByteArray() << false;
    QTest::newRow("a wait step never matches") << u"wait 5 ms"_s << utf8 << QByteArray("x") << false;
}

void TestSequenceStep::matches()
{
    QFETCH(QString, line);
    QFETCH(QString, encoding);
    QFETCH(QByteArray, received);
    QFETCH(bool, match);

    QString error;
    const SequenceStep step = SequenceStep::parse(line, encoding, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(step.matches(received, encoding), match);
    // More bytes around a match still match (a reply is looked for in all
    // that arrived since the step began); anchored regexes aside.
    if (match && step.match != Match::Regex)
        QVERIFY(step.matches("xx" + received + "yy", encoding));
}

void TestSequenceStep::runText_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<Run>("run");
    QTest::addColumn<int>("runs");
    QTest::addColumn<QString>("canonical");

    QTest::newRow("once") << u"once"_s << Run::Once << 1 << u"once"_s;
    QTest::newRow("ONCE") << u" ONCE "_s << Run::Once << 1 << u"once"_s;
    QTest::newRow("5 times") << u"5 times"_s << Run::Times << 5 << u"5 times"_s;
    QTest::newRow("1 time") << u"1 time"_s << Run::Times << 1 << u"1 time"_s;
    QTest::newRow("until stopped") << u"until  stopped"_s << Run::UntilStopped << 1 << u"until stopped"_s;
    QTest::newRow("forever") << u"forever"_s << Run::UntilStopped << 1 << u"until stopped"_s;
    QTest::newRow("the most") << u"1000000 times"_s << Run::Times << 1000000 << u"1000000 times"_s;
}

void TestSequenceStep::runText()
{
    QFETCH(QString, text);
    QFETCH(Run, run);
    QFETCH(int, runs);
    QFETCH(QString, canonical);

    CommandSequence sequence;
    QString error;
    QVERIFY2(sequence.setRunText(text, &error), qPrintable(error));
    QCOMPARE(sequence.run, run);
    QCOMPARE(sequence.runs, runs);
    QCOMPARE(sequence.runText(), canonical);
}

void TestSequenceStep::runTextBad_data()
{
    QTest::addColumn<QString>("text");

    QTest::newRow("empty") << QString();
    QTest::newRow("0 times") << u"0 times"_s;
    QTest::newRow("too many") << u"1000001 times"_s;
    QTest::newRow("no unit") << u"5"_s;
    QTest::newRow("twice") << u"twice"_s;
    QTest::newRow("negative") << u"-1 times"_s;
}

void TestSequenceStep::runTextBad()
{
    QFETCH(QString, text);

    CommandSequence sequence;
    sequence.setRunText(u"3 times"_s, nullptr);
    QString error;
    QVERIFY(!sequence.setRunText(text, &error));
    QVERIFY2(error.contains(u"write once, N times (1 to 1000000) or until stopped"_s), qPrintable(error));
    QCOMPARE(sequence.runs, 3);   // untouched
}

void TestSequenceStep::sequenceValidate_data()
{
    QTest::addColumn<CommandSequence>("sequence");
    QTest::addColumn<QString>("message");
    QTest::addColumn<int>("stepIndex");

    CommandSequence good;
    good.name = u"Poll"_s;
    good.steps = {SequenceStep::sendHex(u"01"_s), SequenceStep::reply(Match::Hex, u"01"_s, 100),
                  SequenceStep::loop(1, 3)};
    QTest::newRow("good") << good << QString() << -1;

    CommandSequence noName = good;
    noName.name.clear();
    QTest::newRow("no name") << noName << u"The name is empty"_s << -1;

    CommandSequence noSteps = good;
    noSteps.steps.clear();
    QTest::newRow("no steps") << noSteps << u"The sequence \u201cPoll\u201d has no steps"_s << -1;

    CommandSequence forward = good;
    forward.steps[2] = SequenceStep::loop(3);
    QTest::newRow("loop to itself") << forward << u"Step 3: it loops to step 3: a loop goes back"_s << 2;

    CommandSequence badStep = good;
    badStep.steps[1].milliseconds = 0;
    QTest::newRow("reply timeout 0") << badStep << u"Step 2: A reply is awaited 1 to 3600000 ms"_s << 1;

    CommandSequence badEncoding = good;
    badEncoding.encoding = u"EBCDIC-42"_s;
    QTest::newRow("unknown encoding") << badEncoding << u"Unknown encoding \u201cEBCDIC-42\u201d"_s << -1;

    CommandSequence badRuns = good;
    badRuns.run = Run::Times;
    badRuns.runs = 0;
    QTest::newRow("0 runs") << badRuns << u"A sequence runs 1 to 1000000 times"_s << -1;

    CommandSequence gbkText = good;
    gbkText.encoding = u"ISO-8859-1"_s;
    gbkText.steps[0] = SequenceStep::sendText(u"你好"_s);
    QTest::newRow("text the encoding lacks") << gbkText << u"Step 1: The character"_s << 0;
}

void TestSequenceStep::sequenceValidate()
{
    QFETCH(CommandSequence, sequence);
    QFETCH(QString, message);
    QFETCH(int, stepIndex);

    int at = 99;
    const QString error = sequence.validate(&at);
    if (message.isEmpty())
        QVERIFY2(error.isEmpty(), qPrintable(error));
    else
        QVERIFY2(error.startsWith(message), qPrintable(error));
    QCOMPARE(at, stepIndex);
}

void TestSequenceStep::payloadsUsed()
{
    CommandSequence sequence;
    sequence.name = u"s"_s;
    sequence.steps = {SequenceStep::sendEntry(u"b"_s), SequenceStep::sendText(u"x"_s),
                      SequenceStep::sendEntry(u"a"_s), SequenceStep::sendEntry(u"b"_s)};
    QCOMPARE(sequence.payloadsUsed(), (QStringList {u"b"_s, u"a"_s}));
}

QTEST_GUILESS_MAIN(TestSequenceStep)
#include "tst_sequencestep.moc"
