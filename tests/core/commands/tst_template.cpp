// Dynamic fields: every field and its arguments expanded (counter and time
// checked against python3's % formatting and strftime), a seeded random
// source, every fault with its line and column, and AutoReply's {data}
// templates giving the same bytes through this syntax.

#include "core/commands/Template.h"
#include "core/reply/AutoReply.h"
#include "support/PythonRun.h"

#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTest>
#include <QTimeZone>

using namespace Qt::StringLiterals;

using Mode = Template::Mode;

class TestTemplate : public QObject
{
    Q_OBJECT

private slots:
    void expand_data();
    void expand();
    void pythonReference_data();
    void pythonReference();
    void errors_data();
    void errors();
    void autoReplyTemplates_data();
    void autoReplyTemplates();
    void autoReplyErrors_data();
    void autoReplyErrors();
    void fromAutoReplyTemplate_data();
    void fromAutoReplyTemplate();
    void seededRandom();
    void randomFromTheSystem();
    void currentTime();
    void whatATemplateUses_data();
    void whatATemplateUses();
};

// 2023-11-14T22:13:20.123Z
static const qint64 kEpochMs = Q_INT64_C(1700000000123);

static QDateTime fixedTime()
{
    return QDateTime::fromMSecsSinceEpoch(kEpochMs, QTimeZone::utc());
}

void TestTemplate::expand_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<Mode>("mode");
    QTest::addColumn<QString>("encoding");
    QTest::addColumn<QByteArray>("received");
    QTest::addColumn<quint64>("counter");
    QTest::addColumn<QByteArray>("bytes");

    const QString utf8 = u"UTF-8"_s;
    const QByteArray none;
    QTest::newRow("plain text") << u"PING\\r\\n"_s << Mode::Text << utf8 << none << quint64(0) << QByteArray("PING\r\n");
    QTest::newRow("{{ is a brace") << u"{{\"a\":1}"_s << Mode::Text << utf8 << none << quint64(0)
                                   << QByteArray("{\"a\":1}");
    QTest::newRow("{{{data}}") << u"{{{data}}"_s << Mode::Text << utf8 << QByteArray("x") << quint64(0)
                               << QByteArray("{x}");
    QTest::newRow("lone } is plain") << u"}}"_s << Mode::Text << utf8 << none << quint64(0) << QByteArray("}}");
    QTest::newRow("{data}") << u"Hello,{data}!"_s << Mode::Text << utf8 << QByteArray("Tracy") << quint64(0)
                            << QByteArray("Hello,Tracy!");
    QTest::newRow("{data} with no data") << u"<{data}>"_s << Mode::Text << utf8 << none << quint64(0)
                                         << QByteArray("<>");
    QTest::newRow("{counter} starts at 1") << u"#{counter}"_s << Mode::Text << utf8 << none << quint64(0)
                                           << QByteArray("#1");
    QTest::newRow("{counter} after 41 sent") << u"#{counter}"_s << Mode::Text << utf8 << none << quint64(41)
                                             << QByteArray("#42");
    QTest::newRow("{counter:04}") << u"{counter:04}"_s << Mode::Text << utf8 << none << quint64(6) << QByteArray("0007");
    QTest::newRow("{counter:4}") << u"{counter:4}"_s << Mode::Text << utf8 << none << quint64(6) << QByteArray("   7");
    QTest::newRow("{counter:04:0}") << u"{counter:04:0}"_s << Mode::Text << utf8 << none << quint64(0)
                                    << QByteArray("0000");
    QTest::newRow("{counter::100}") << u"{counter::100}"_s << Mode::Text << utf8 << none << quint64(5)
                                    << QByteArray("105");
    QTest::newRow("width is a minimum") << u"{counter:02}"_s << Mode::Text << utf8 << none << quint64(999)
                                        << QByteArray("1000");
    QTest::newRow("two counters, one value") << u"{counter}/{counter:03}"_s << Mode::Text << utf8 << none
                                             << quint64(2) << QByteArray("3/003");
    QTest::newRow("counter in UTF-16LE") << u"{counter}"_s << Mode::Text << u"UTF-16LE"_s << none << quint64(0)
                                         << QByteArray("1\0", 2);
    QTest::newRow("{time}") << u"{time}"_s << Mode::Text << utf8 << none << quint64(0)
                            << QByteArray("2023-11-14T22:13:20.123");
    QTest::newRow("{time:HH:mm:ss}") << u"[{time:HH:mm:ss}]"_s << Mode::Text << utf8 << none << quint64(0)
                                     << QByteArray("[22:13:20]");
    QTest::newRow("{time:unix}") << u"{time:unix}"_s << Mode::Text << utf8 << none << quint64(0)
                                 << QByteArray("1700000000");
    QTest::newRow("{time:unixms}") << u"{time:unixms}"_s << Mode::Text << utf8 << none << quint64(0)
                                   << QByteArray("1700000000123");
    QTest::newRow("{time} quoted text") << u"{time:'day' d MMM}"_s << Mode::Text << utf8 << none << quint64(0)
                                        << QByteArray("day 14 Nov");
    QTest::newRow("{hex:…} in text") << u"AT{hex:0d 0a}"_s << Mode::Text << utf8 << none << quint64(0)
                                     << QByteArray("AT\r\n");
    QTest::newRow("{hex:…} is raw in UTF-16") << u"A{hex:ff}"_s << Mode::Text << u"UTF-16LE"_s << none
                                              << quint64(0) << QByteArray("A\0\xff", 3);
    QTest::newRow("{hex:…} forgiving") << u"{hex:0x01,0x02}"_s << Mode::Text << utf8 << none << quint64(0)
                                       << QByteArray("\x01\x02");
    QTest::newRow("GBK text and data") << u"你好{data}"_s << Mode::Text << u"GBK"_s << QByteArray("\xff") << quint64(0)
                                       << QByteArray::fromHex("c4e3bac3ff");
    QTest::newRow("hex mode with fields") << u"01 03 {hex:00 00} {data} ff"_s << Mode::Hex << utf8
                                          << QByteArray("\x7f") << quint64(0) << QByteArray::fromHex("010300007fff");
    QTest::newRow("hex mode counter is text") << u"aa{counter:02}bb"_s << Mode::Hex << utf8 << none << quint64(4)
                                              << QByteArray::fromHex("aa3035bb");
    QTest::newRow("field on a later line") << u"a\n{counter}"_s << Mode::Text << utf8 << none << quint64(0)
                                           << QByteArray("a\n1");
    QTest::newRow("empty template") << QString() << Mode::Text << utf8 << QByteArray("x") << quint64(0) << QByteArray();
}

void TestTemplate::expand()
{
    QFETCH(QString, text);
    QFETCH(Mode, mode);
    QFETCH(QString, encoding);
    QFETCH(QByteArray, received);
    QFETCH(quint64, counter);
    QFETCH(QByteArray, bytes);

    const Template::Parsed parsed = Template::parse(text, mode, encoding);
    QVERIFY2(parsed.ok(), qPrintable(parsed.error));
    QCOMPARE(parsed.position, -1);
    QCOMPARE(parsed.value.text(), text);
    Template::Context context;
    context.received = received;
    context.counter = counter;
    context.now = fixedTime();
    QCOMPARE(parsed.value.expand(context).toHex(' '), bytes.toHex(' '));
    // Expanding does not change the template: the same context, the same bytes.
    QCOMPARE(parsed.value.expand(context).toHex(' '), bytes.toHex(' '));
}

void TestTemplate::pythonReference_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("encoding");
    QTest::addColumn<quint64>("counter");
    QTest::addColumn<QString>("python");   // an expression giving the text
    QTest::addColumn<QString>("codec");    // python's name of the encoding

    // t is the fixed time as python's aware UTC datetime.
    QTest::newRow("%d") << u"{counter}"_s << u"UTF-8"_s << quint64(122) << u"'%d' % 123"_s << u"utf-8"_s;
    QTest::newRow("%06d") << u"{counter:06}"_s << u"UTF-8"_s << quint64(122) << u"'%06d' % 123"_s << u"utf-8"_s;
    QTest::newRow("%5d") << u"{counter:5}"_s << u"UTF-8"_s << quint64(122) << u"'%5d' % 123"_s << u"utf-8"_s;
    QTest::newRow("%04d from 0") << u"{counter:04:0}"_s << u"UTF-8"_s << quint64(122) << u"'%04d' % 122"_s
                                 << u"utf-8"_s;
    QTest::newRow("%020d of 2^64-1") << u"{counter:020:18446744073709551614}"_s << u"UTF-8"_s << quint64(1)
                                     << u"'%020d' % (2**64 - 1)"_s << u"utf-8"_s;
    QTest::newRow("UTF-16BE digits") << u"n={counter:03}"_s << u"UTF-16BE"_s << quint64(8) << u"'n=%03d' % 9"_s
                                     << u"utf-16-be"_s;
    QTest::newRow("ISO date") << u"{time:yyyy-MM-dd HH:mm:ss}"_s << u"UTF-8"_s << quint64(0)
                              << u"t.strftime('%Y-%m-%d %H:%M:%S')"_s << u"utf-8"_s;
    QTest::newRow("milliseconds") << u"{time:ss.zzz}"_s << u"UTF-8"_s << quint64(0)
                                  << u"t.strftime('%S.') + '%03d' % (t.microsecond // 1000)"_s << u"utf-8"_s;
    QTest::newRow("month and day names") << u"{time:ddd, dd MMM yyyy}"_s << u"UTF-8"_s << quint64(0)
                                         << u"t.strftime('%a, %d %b %Y')"_s << u"utf-8"_s;
    QTest::newRow("default {time}") << u"{time}"_s << u"UTF-8"_s << quint64(0)
                                    << u"t.isoformat(timespec='milliseconds')[:23]"_s << u"utf-8"_s;
    QTest::newRow("unix seconds") << u"{time:unix}"_s << u"UTF-8"_s << quint64(0) << u"str(int(t.timestamp()))"_s
                                  << u"utf-8"_s;
    QTest::newRow("GBK around a time") << u"时间{time:HH}点"_s << u"GBK"_s << quint64(0)
                                       << u"'时间' + t.strftime('%H') + '点'"_s << u"gbk"_s;
}

void TestTemplate::pythonReference()
{
    QFETCH(QString, text);
    QFETCH(QString, encoding);
    QFETCH(quint64, counter);
    QFETCH(QString, python);
    QFETCH(QString, codec);

    static const char script[] = R"PY(
import sys, datetime
t = datetime.datetime.fromtimestamp(int(sys.argv[3]) / 1000, datetime.timezone.utc)
sys.stdout.buffer.write(eval(sys.argv[1]).encode(sys.argv[2]))
)PY";
    QString error;
    // LC_ALL=C keeps strftime's names English, as Qt's C locale has them.
    qputenv("LC_ALL", "C");
    const QByteArray reference = PythonRun::run(script, {}, &error, {python, codec, QString::number(kEpochMs)});
    QVERIFY2(error.isEmpty(), qPrintable(error));

    const Template::Parsed parsed = Template::parse(text, Mode::Text, encoding);
    QVERIFY2(parsed.ok(), qPrintable(parsed.error));
    Template::Context context;
    context.counter = counter;
    context.now = fixedTime();
    QCOMPARE(parsed.value.expand(context).toHex(' '), reference.toHex(' '));
}

void TestTemplate::errors_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<Mode>("mode");
    QTest::addColumn<QString>("encoding");
    QTest::addColumn<QString>("reason");
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("column");

    const QString utf8 = u"UTF-8"_s;
    QTest::newRow("unknown field") << u"Hi {name}"_s << Mode::Text << utf8
                                   << u"Unknown field {name}: the fields are {data}, {counter}, {time}, {random:N}, "
                                      "{hex:\u2026}; write {{ for a literal {"_s
                                   << 1 << 5;
    QTest::newRow("upper-case field") << u"{DATA}"_s << Mode::Text << utf8
                                      << u"Unknown field {DATA}: field names are lower case, write {data}"_s << 1 << 2;
    QTest::newRow("empty field") << u"a{}"_s << Mode::Text << utf8 << u"Empty field {}"_s << 1 << 2;
    QTest::newRow("unclosed field") << u"ab{data"_s << Mode::Text << utf8 << u"Unclosed field"_s << 1 << 3;
    QTest::newRow("field across lines") << u"{data\n}"_s << Mode::Text << utf8 << u"Unclosed field"_s << 1 << 1;
    QTest::newRow("lone { at the end") << u"x{"_s << Mode::Text << utf8 << u"Unclosed field"_s << 1 << 2;
    QTest::newRow("{data:x}") << u"{data:x}"_s << Mode::Text << utf8 << u"{data} takes no argument"_s << 1 << 6;
    QTest::newRow("counter width not a number") << u"{counter:ab}"_s << Mode::Text << utf8
                                                << u"Bad counter width \u201cab\u201d: write 1 to 20"_s << 1 << 10;
    QTest::newRow("counter width 0") << u"{counter:0}"_s << Mode::Text << utf8 << u"Bad counter width \u201c0\u201d"_s
                                     << 1 << 10;
    QTest::newRow("counter width 21") << u"{counter:21}"_s << Mode::Text << utf8 << u"Bad counter width \u201c21\u201d"_s
                                      << 1 << 10;
    QTest::newRow("counter width -4") << u"{counter:-4}"_s << Mode::Text << utf8 << u"Bad counter width"_s << 1 << 10;
    QTest::newRow("counter start not a number") << u"{counter:04:x}"_s << Mode::Text << utf8
                                                << u"Bad counter start \u201cx\u201d"_s << 1 << 13;
    QTest::newRow("counter start empty") << u"{counter:4:}"_s << Mode::Text << utf8
                                         << u"Bad counter start \u201c\u201d"_s << 1 << 12;
    QTest::newRow("counter start negative") << u"{counter::-1}"_s << Mode::Text << utf8
                                            << u"Bad counter start \u201c-1\u201d"_s << 1 << 11;
    QTest::newRow("counter start over 2^64") << u"{counter::18446744073709551616}"_s << Mode::Text << utf8
                                             << u"Bad counter start"_s << 1 << 11;
    QTest::newRow("counter with three parts") << u"{counter:1:2:3}"_s << Mode::Text << utf8
                                              << u"{counter} takes a width and a start at most"_s << 1 << 10;
    QTest::newRow("time without format") << u"{time:}"_s << Mode::Text << utf8 << u"{time:} needs a format"_s << 1
                                         << 7;
    QTest::newRow("time format not in Latin-1") << u"{time:HH时}"_s << Mode::Text << u"ISO-8859-1"_s
                                                << u"The time format cannot be sent in ISO-8859-1"_s << 1 << 7;
    QTest::newRow("random without N") << u"{random}"_s << Mode::Text << utf8
                                      << u"{random:N} needs a number of bytes from 1 to 65536"_s << 1 << 1;
    QTest::newRow("random 0") << u"{random:0}"_s << Mode::Text << utf8 << u"{random:N} needs a number"_s << 1 << 9;
    QTest::newRow("random too many") << u"{random:65537}"_s << Mode::Text << utf8 << u"{random:N} needs a number"_s
                                     << 1 << 9;
    QTest::newRow("random not a number") << u"{random:four}"_s << Mode::Text << utf8 << u"{random:N} needs a number"_s
                                         << 1 << 9;
    QTest::newRow("hex odd digits") << u"ab{hex:01 2}"_s << Mode::Text << utf8
                                    << u"Odd number of hex digits in \u201c2\u201d (each byte takes two)"_s << 1 << 11;
    QTest::newRow("hex bad character") << u"{hex:0g}"_s << Mode::Text << utf8
                                       << u"Invalid character \u201cg\u201d in hex"_s << 1 << 7;
    QTest::newRow("hex empty") << u"{hex:}"_s << Mode::Text << utf8 << u"{hex:\u2026} needs bytes"_s << 1 << 6;
    QTest::newRow("hex without colon") << u"{hex}"_s << Mode::Text << utf8 << u"{hex:\u2026} needs bytes"_s << 1 << 1;
    QTest::newRow("bad escape after a field") << u"{counter}\\q"_s << Mode::Text << utf8
                                              << u"Unknown escape \\q"_s << 1 << 10;
    QTest::newRow("bad escape after {{") << u"{{{{\\q"_s << Mode::Text << utf8 << u"Unknown escape \\q"_s << 1 << 5;
    QTest::newRow("escape cut by a field") << u"\\x4{data}"_s << Mode::Text << utf8
                                           << u"\\x must be followed by two hex digits"_s << 1 << 1;
    QTest::newRow("error on line 2") << u"ok\n  {nope}"_s << Mode::Text << utf8 << u"Unknown field {nope}"_s << 2 << 4;
    QTest::newRow("unmappable text") << u"{data} €"_s << Mode::Text << u"ISO-8859-1"_s
                                     << u"The character \u201c€\u201d (U+20AC) cannot be encoded in ISO-8859-1"_s << 1 << 8;
    QTest::newRow("hex mode: odd digits before a field") << u"01 0{counter}"_s << Mode::Hex << utf8
                                                         << u"Odd number of hex digits in \u201c0\u201d"_s << 1 << 4;
    QTest::newRow("hex mode: {{ is not hex") << u"01 {{"_s << Mode::Hex << utf8
                                             << u"Invalid character \u201c{\u201d in hex"_s << 1 << 4;
    QTest::newRow("hex mode: unknown field") << u"01 {crc}"_s << Mode::Hex << utf8 << u"Unknown field {crc}"_s << 1
                                             << 5;
    QTest::newRow("unknown encoding") << u"{data}"_s << Mode::Text << u"bogus"_s
                                      << u"Unknown encoding \u201cbogus\u201d"_s << 0 << 0;
}

void TestTemplate::errors()
{
    QFETCH(QString, text);
    QFETCH(Mode, mode);
    QFETCH(QString, encoding);
    QFETCH(QString, reason);
    QFETCH(int, line);
    QFETCH(int, column);

    const Template::Parsed parsed = Template::parse(text, mode, encoding);
    QVERIFY(!parsed.ok());
    QVERIFY2(parsed.reason.startsWith(reason), qPrintable(parsed.reason));
    QCOMPARE(parsed.line, line);
    QCOMPARE(parsed.column, column);
    if (line > 0)
        QCOMPARE(parsed.error, PayloadParser::describe(parsed.reason, line, column));
    else
        QCOMPARE(parsed.error, parsed.reason);
    // Nothing to send from a template with an error.
    QVERIFY(parsed.value.text().isEmpty());
    QVERIFY(parsed.value.expand({}).isEmpty());
}

// The rows of tst_autoreply's templates(): AutoReply today, this syntax
// tomorrow, the same bytes.
void TestTemplate::autoReplyTemplates_data()
{
    QTest::addColumn<QString>("spec");
    QTest::addColumn<QString>("encoding");
    QTest::addColumn<QByteArray>("received");
    QTest::addColumn<bool>("sameText");   // the spec means the same in both syntaxes

    QTest::newRow("Hello,{data}!") << u"Hello,{data}!"_s << u"UTF-8"_s << QByteArray("Tracy") << true;
    QTest::newRow("only {data}") << u"{data}"_s << u"UTF-8"_s << QByteArray("abc") << true;
    QTest::newRow("{data} twice") << u"{data}-{data}"_s << u"UTF-8"_s << QByteArray("ab") << true;
    QTest::newRow("fixed reply ignores data") << u"OK\\r\\n"_s << u"UTF-8"_s << QByteArray("anything") << true;
    QTest::newRow("escapes around data") << u"\\x02{data}\\x03\\n"_s << u"UTF-8"_s << QByteArray("msg") << true;
    QTest::newRow("NUL escape") << u"{data}\\0"_s << u"UTF-8"_s << QByteArray("a") << true;
    QTest::newRow("received bytes are not re-encoded") << u"[{data}]"_s << u"UTF-16LE"_s << QByteArray("\xff\xfe")
                                                       << true;
    QTest::newRow("GBK template text") << u"你好,{data}!"_s << u"GBK"_s << QByteArray("\xc4\xe3") << true;
    QTest::newRow("UTF-8 template text") << u"你好,{data}"_s << u"UTF-8"_s << QByteArray("x") << true;
    QTest::newRow("braces that are not the placeholder") << u"{{data}} {DATA} {dat}"_s << u"UTF-8"_s
                                                         << QByteArray("v") << false;
    QTest::newRow("empty data") << u"Hello,{data}!"_s << u"UTF-8"_s << QByteArray() << true;
    QTest::newRow("binary data") << u"<{data}>"_s << u"UTF-8"_s << QByteArray("\0\r\n", 3) << true;
    QTest::newRow("README example") << u"Hello,{data}!\\r\\n"_s << u"UTF-8"_s << QByteArray("\x80") << true;
    QTest::newRow("JSON reply") << u"{\"echo\":\"{data}\"}"_s << u"UTF-8"_s << QByteArray("hi") << false;
}

void TestTemplate::autoReplyTemplates()
{
    QFETCH(QString, spec);
    QFETCH(QString, encoding);
    QFETCH(QByteArray, received);
    QFETCH(bool, sameText);

    // AutoReply speaks the one template syntax; a spec saved before it (only
    // {data} special) is converted first, as restored tabs are.
    QString error;
    const AutoReply reply = AutoReply::fromSpec(Template::fromAutoReplyTemplate(spec), encoding, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    const QByteArray expected = reply.templateReply(received);
    // What the old syntax meant, for the specs whose text changes.
    if (spec == u"{{data}} {DATA} {dat}"_s)
        QCOMPARE(expected, QByteArray("{v} {DATA} {dat}"));
    if (spec == u"{\"echo\":\"{data}\"}"_s)
        QCOMPARE(expected, QByteArray("{\"echo\":\"hi\"}"));

    Template::Context context;
    context.received = received;
    const Template::Parsed converted = Template::parse(Template::fromAutoReplyTemplate(spec), Mode::Text, encoding);
    QVERIFY2(converted.ok(), qPrintable(converted.error));
    QCOMPARE(converted.value.expand(context).toHex(' '), expected.toHex(' '));

    // A spec with no brace but {data} needs no conversion at all.
    QCOMPARE(Template::fromAutoReplyTemplate(spec) == spec, sameText);
    const Template::Parsed direct = Template::parse(spec, Mode::Text, encoding);
    if (sameText) {
        QVERIFY2(direct.ok(), qPrintable(direct.error));
        QCOMPARE(direct.value.expand(context).toHex(' '), expected.toHex(' '));
    }
}

// tst_autoreply's templateErrors(): the same fault at the same place.
void TestTemplate::autoReplyErrors_data()
{
    QTest::addColumn<QString>("spec");
    QTest::addColumn<QString>("encoding");

    QTest::newRow("unknown escape before data") << u"Hi\\q{data}"_s << u"UTF-8"_s;
    QTest::newRow("unknown escape after data") << u"{data}\\q"_s << u"UTF-8"_s;
    QTest::newRow("after two placeholders") << u"{data}{data}ab\\z"_s << u"UTF-8"_s;
    QTest::newRow("trailing backslash") << u"{data}abc\\"_s << u"UTF-8"_s;
    QTest::newRow("backslash before placeholder") << u"a\\{data}"_s << u"UTF-8"_s;
    QTest::newRow("short \\x") << u"ab{data}\\x4"_s << u"UTF-8"_s;
    QTest::newRow("second line") << u"{data}\n\\z"_s << u"UTF-8"_s;
    QTest::newRow("unmappable in Latin-1") << u"{data} €"_s << u"ISO-8859-1"_s;
    QTest::newRow("emoji in GBK") << u"😀{data}"_s << u"GBK"_s;
    QTest::newRow("unknown encoding") << u"Hello,{data}!"_s << u"bogus"_s;
}

void TestTemplate::autoReplyErrors()
{
    QFETCH(QString, spec);
    QFETCH(QString, encoding);

    QString autoReplyError;
    AutoReply::fromSpec(spec, encoding, &autoReplyError);
    QVERIFY(!autoReplyError.isEmpty());
    const Template::Parsed parsed = Template::parse(Template::fromAutoReplyTemplate(spec), Mode::Text, encoding);
    QVERIFY(!parsed.ok());
    // AutoReply says "Invalid reply template: <reason> at line L, column C".
    QVERIFY2(autoReplyError.endsWith(parsed.error), qPrintable(autoReplyError + u" / "_s + parsed.error));
}

void TestTemplate::fromAutoReplyTemplate_data()
{
    QTest::addColumn<QString>("spec");
    QTest::addColumn<QString>("converted");

    QTest::newRow("nothing to do") << u"Hello,{data}!"_s << u"Hello,{data}!"_s;
    QTest::newRow("doubled braces") << u"{{data}}"_s << u"{{{data}}"_s;
    QTest::newRow("other fields are literal") << u"{counter} {DATA} {"_s << u"{{counter} {{DATA} {{"_s;
    QTest::newRow("JSON") << u"{\"a\":\"{data}\"}"_s << u"{{\"a\":\"{data}\"}"_s;
    QTest::newRow("cut placeholder") << u"{data"_s << u"{{data"_s;
    QTest::newRow("empty") << QString() << QString();
}

void TestTemplate::fromAutoReplyTemplate()
{
    QFETCH(QString, spec);
    QFETCH(QString, converted);

    QCOMPARE(Template::fromAutoReplyTemplate(spec), converted);
}

void TestTemplate::seededRandom()
{
    const Template::Parsed parsed = Template::parse(u"<{random:7}|{random:1}>"_s);
    QVERIFY2(parsed.ok(), qPrintable(parsed.error));

    QRandomGenerator first(2024);
    QRandomGenerator second(2024);
    QRandomGenerator other(2025);
    Template::Context context;
    context.random = &first;
    const QByteArray a = parsed.value.expand(context);
    context.random = &second;
    const QByteArray b = parsed.value.expand(context);
    context.random = &other;
    const QByteArray c = parsed.value.expand(context);

    QCOMPARE(a.size(), 1 + 7 + 1 + 1 + 1);
    QVERIFY(a.startsWith('<') && a.at(8) == '|' && a.endsWith('>'));
    // The same seed gives the same message; another seed another one.
    QCOMPARE(a.toHex(), b.toHex());
    QVERIFY(a != c);
    // The bytes are the generator's: little-endian slices of its words.
    QRandomGenerator replay(2024);
    const quint32 w0 = replay.generate();
    const quint32 w1 = replay.generate();
    QCOMPARE(quint8(a.at(1)), quint8(w0));
    QCOMPARE(quint8(a.at(4)), quint8(w0 >> 24));
    QCOMPARE(quint8(a.at(5)), quint8(w1));
    // The generator moves on: the next message differs.
    context.random = &first;
    QVERIFY(parsed.value.expand(context) != a);
}

void TestTemplate::randomFromTheSystem()
{
    const Template::Parsed parsed = Template::parse(u"{random:32}"_s);
    QVERIFY2(parsed.ok(), qPrintable(parsed.error));
    const QByteArray a = parsed.value.expand({});
    const QByteArray b = parsed.value.expand({});
    QCOMPARE(a.size(), 32);
    QCOMPARE(b.size(), 32);
    QVERIFY(a != b);   // 2^-256
}

void TestTemplate::currentTime()
{
    // No clock in the context: the current local time, in the default format.
    const Template::Parsed parsed = Template::parse(u"{time}"_s);
    QVERIFY2(parsed.ok(), qPrintable(parsed.error));
    const QByteArray bytes = parsed.value.expand({});
    static const QRegularExpression iso(u"^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}$"_s);
    QVERIFY2(iso.match(QString::fromLatin1(bytes)).hasMatch(), bytes.constData());
    const QDateTime read = QDateTime::fromString(QString::fromLatin1(bytes), Qt::ISODateWithMs);
    QVERIFY(read.isValid());
}

void TestTemplate::whatATemplateUses_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("counter");
    QTest::addColumn<bool>("data");
    QTest::addColumn<bool>("fixed");

    QTest::newRow("plain") << u"abc"_s << false << false << true;
    QTest::newRow("hex only") << u"a{hex:00}b{{"_s << false << false << true;
    QTest::newRow("data") << u"{data}"_s << false << true << false;
    QTest::newRow("counter") << u"{counter:03}"_s << true << false << false;
    QTest::newRow("time") << u"{time}"_s << false << false << false;
    QTest::newRow("random") << u"{random:1}"_s << false << false << false;
    QTest::newRow("all") << u"{data}{counter}{time}"_s << true << true << false;
}

void TestTemplate::whatATemplateUses()
{
    QFETCH(QString, text);
    QFETCH(bool, counter);
    QFETCH(bool, data);
    QFETCH(bool, fixed);

    const Template::Parsed parsed = Template::parse(text);
    QVERIFY2(parsed.ok(), qPrintable(parsed.error));
    QCOMPARE(parsed.value.usesCounter(), counter);
    QCOMPARE(parsed.value.usesData(), data);
    QCOMPARE(parsed.value.isFixed(), fixed);
    QVERIFY(!Template::fieldHint().isEmpty());
}

QTEST_GUILESS_MAIN(TestTemplate)
#include "tst_template.moc"
