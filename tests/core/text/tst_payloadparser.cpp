#include "core/text/Escape.h"
#include "core/text/PayloadParser.h"
#include "core/text/TextCodec.h"

#include <QTest>

using namespace Qt::StringLiterals;

class TestPayloadParser : public QObject
{
    Q_OBJECT

private slots:
    void text_data();
    void text();
    void hex_data();
    void hex();
    void errors_data();
    void errors();
    void emptyPayload_data();
    void emptyPayload();
    void escapedBytesRoundTrip_data();
    void escapedBytesRoundTrip();
    void hexRoundTrip();
    void modeFromName_data();
    void modeFromName();
    void locate_data();
    void locate();
};

using Mode = PayloadParser::Mode;

static QByteArray fromHex(const char *hex)
{
    return QByteArray::fromHex(hex);
}

void TestPayloadParser::text_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("encoding");
    QTest::addColumn<QByteArray>("bytes");

    QTest::newRow("plain") << u"Hello"_s << u"UTF-8"_s << QByteArray("Hello");
    QTest::newRow("CRLF escapes") << u"GET / HTTP/1.0\\r\\n\\r\\n"_s << u"UTF-8"_s
                                  << QByteArray("GET / HTTP/1.0\r\n\r\n");
    QTest::newRow("tab NUL backslash") << u"\\t\\0\\\\"_s << u"UTF-8"_s << fromHex("09005c");
    QTest::newRow("NUL then digit is NUL and the digit") << u"\\01"_s << u"UTF-8"_s << fromHex("0031");
    QTest::newRow("hex bytes") << u"\\x41\\xff\\x00"_s << u"UTF-8"_s << fromHex("41ff00");
    QTest::newRow("upper-case hex digits") << u"\\xAB\\xcD"_s << u"UTF-8"_s << fromHex("abcd");
    QTest::newRow("\\x takes exactly two digits") << u"\\x414"_s << u"UTF-8"_s << QByteArray("A4");
    QTest::newRow("UTF-8 text") << u"你好"_s << u"UTF-8"_s << fromHex("e4bda0e5a5bd");
    QTest::newRow("GBK text") << u"你好"_s << u"GBK"_s << fromHex("c4e3bac3");
    QTest::newRow("GBK alias gb2312") << u"你好"_s << u"gb2312"_s << fromHex("c4e3bac3");
    QTest::newRow("GBK bytes by escape") << u"\\xc4\\xe3"_s << u"GBK"_s << fromHex("c4e3");
    QTest::newRow("raw byte not re-encoded in UTF-8") << u"\\xe9"_s << u"UTF-8"_s << fromHex("e9");
    QTest::newRow("text around raw byte") << u"你\\x00好"_s << u"UTF-8"_s << fromHex("e4bda000e5a5bd");
    QTest::newRow("Latin-1") << u"café"_s << u"latin1"_s << fromHex("636166e9");
    QTest::newRow("windows-1252 euro") << u"€5"_s << u"cp1252"_s << fromHex("8035");
    QTest::newRow("UTF-16LE named escape is a character") << u"A\\n"_s << u"UTF-16LE"_s << fromHex("41000a00");
    QTest::newRow("UTF-16LE \\x is one byte") << u"A\\x41"_s << u"UTF-16LE"_s << fromHex("410041");
    QTest::newRow("UTF-16BE") << u"你"_s << u"UTF-16BE"_s << fromHex("4f60");
    QTest::newRow("emoji UTF-8") << u"😀"_s << u"UTF-8"_s << fromHex("f09f9880");
    QTest::newRow("emoji GB18030") << u"😀"_s << u"GB18030"_s << fromHex("9439fc36");
    QTest::newRow("real newline is sent") << u"a\nb"_s << u"UTF-8"_s << QByteArray("a\nb");
    QTest::newRow("quotes and braces are plain") << u"\"{data}'"_s << u"UTF-8"_s << QByteArray("\"{data}'");
    QTest::newRow("Shift_JIS") << u"あ"_s << u"Shift_JIS"_s << fromHex("82a0");
}

void TestPayloadParser::text()
{
    QFETCH(QString, input);
    QFETCH(QString, encoding);
    QFETCH(QByteArray, bytes);

    const PayloadParser::Result result = PayloadParser::parse(input, Mode::Text, encoding);
    QVERIFY2(result.ok(), qPrintable(result.error));
    QCOMPARE(result.bytes.toHex(' '), bytes.toHex(' '));
    QCOMPARE(result.position, -1);
    QVERIFY(result.reason.isEmpty());
}

void TestPayloadParser::hex_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QByteArray>("bytes");

    QTest::newRow("spaced") << u"48 65 6c"_s << QByteArray("Hel");
    QTest::newRow("packed") << u"48656c"_s << QByteArray("Hel");
    QTest::newRow("0x and commas") << u"0x48,0x65"_s << QByteArray("He");
    QTest::newRow("0x, comma and space") << u"0x48, 0x65"_s << QByteArray("He");
    QTest::newRow("upper-case prefix") << u"0X48 0x65"_s << QByteArray("He");
    QTest::newRow("colons") << u"48:65"_s << QByteArray("He");
    QTest::newRow("dashes") << u"48-65"_s << QByteArray("He");
    QTest::newRow("mixed case digits") << u"DEADbeef"_s << fromHex("deadbeef");
    QTest::newRow("tabs newlines padding") << u"  48\t65\n6c  "_s << QByteArray("Hel");
    QTest::newRow("repeated separators") << u",,48,, ::65"_s << QByteArray("He");
    QTest::newRow("prefix with several bytes") << u"0x4865"_s << QByteArray("He");
    QTest::newRow("NUL and ff") << u"00 ff 00"_s << fromHex("00ff00");
    QTest::newRow("CRLF lines") << u"48 65\r\n6c"_s << QByteArray("Hel");
}

void TestPayloadParser::hex()
{
    QFETCH(QString, input);
    QFETCH(QByteArray, bytes);
    // The encoding plays no part in hex mode, not even an unknown one.
    for (const QString &encoding : {u"UTF-8"_s, u"UTF-16LE"_s, u"bogus"_s}) {
        const PayloadParser::Result result = PayloadParser::parse(input, Mode::Hex, encoding);
        QVERIFY2(result.ok(), qPrintable(result.error));
        QCOMPARE(result.bytes.toHex(' '), bytes.toHex(' '));
    }
}

void TestPayloadParser::errors_data()
{
    QTest::addColumn<Mode>("mode");
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("encoding");
    QTest::addColumn<int>("position");
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("message");

    const QString utf8 = u"UTF-8"_s;
    // Text mode: escapes.
    QTest::newRow("unknown escape") << Mode::Text << u"abcd\\q"_s << utf8 << 4 << 1 << 5
                                    << u"Unknown escape \\q at line 1, column 5"_s;
    QTest::newRow("unknown escape at start") << Mode::Text << u"\\a"_s << utf8 << 0 << 1 << 1
                                             << u"Unknown escape \\a at line 1, column 1"_s;
    QTest::newRow("upper-case \\X is unknown") << Mode::Text << u"\\X41"_s << utf8 << 0 << 1 << 1
                                               << u"Unknown escape \\X"_s;
    QTest::newRow("quote escape is unknown") << Mode::Text << u"say \\\"hi\\\""_s << utf8 << 4 << 1 << 5
                                             << u"Unknown escape \\\""_s;
    QTest::newRow("backslash before newline") << Mode::Text << u"a\\\nb"_s << utf8 << 1 << 1 << 2
                                              << u"a backslash followed by U+000A at line 1, column 2"_s;
    QTest::newRow("backslash before space") << Mode::Text << u"a\\ b"_s << utf8 << 1 << 1 << 2
                                            << u"followed by U+0020"_s;
    QTest::newRow("escaped emoji") << Mode::Text << u"\\😀"_s << utf8 << 0 << 1 << 1
                                   << u"Unknown escape \\😀"_s;
    QTest::newRow("trailing backslash") << Mode::Text << u"abc\\"_s << utf8 << 3 << 1 << 4
                                        << u"Trailing backslash (write \\\\ for a backslash) at line 1, column 4"_s;
    QTest::newRow("lone backslash") << Mode::Text << u"\\"_s << utf8 << 0 << 1 << 1 << u"Trailing backslash"_s;
    QTest::newRow("escaped backslash then trailing") << Mode::Text << u"\\\\\\"_s << utf8 << 2 << 1 << 3
                                                     << u"Trailing backslash"_s;
    QTest::newRow("\\x at end") << Mode::Text << u"ab\\x"_s << utf8 << 2 << 1 << 3
                                << u"\\x must be followed by two hex digits at line 1, column 3"_s;
    QTest::newRow("\\x one digit at end") << Mode::Text << u"\\x4"_s << utf8 << 0 << 1 << 1
                                          << u"\\x must be followed by two hex digits"_s;
    QTest::newRow("\\x one digit then text") << Mode::Text << u"\\x4g"_s << utf8 << 0 << 1 << 1
                                             << u"\\x must be followed by two hex digits"_s;
    QTest::newRow("\\x no digit") << Mode::Text << u"ok \\xg1"_s << utf8 << 3 << 1 << 4
                                  << u"\\x must be followed by two hex digits"_s;
    QTest::newRow("\\x space digit") << Mode::Text << u"\\x 41"_s << utf8 << 0 << 1 << 1
                                     << u"\\x must be followed by two hex digits"_s;
    QTest::newRow("second line") << Mode::Text << u"line1\nab\\q"_s << utf8 << 8 << 2 << 3
                                 << u"Unknown escape \\q at line 2, column 3"_s;
    QTest::newRow("third line after CRLF") << Mode::Text << u"a\r\nb\r\n\\z"_s << utf8 << 6 << 3 << 1
                                           << u"at line 3, column 1"_s;
    QTest::newRow("column counts characters not UTF-16 units") << Mode::Text << u"😀\\q"_s << utf8 << 2 << 1 << 2
                                                               << u"Unknown escape \\q at line 1, column 2"_s;
    QTest::newRow("first of two errors") << Mode::Text << u"\\q\\z"_s << utf8 << 0 << 1 << 1
                                         << u"Unknown escape \\q"_s;

    // Text mode: characters the encoding cannot represent.
    QTest::newRow("euro in Latin-1") << Mode::Text << u"a€b"_s << u"ISO-8859-1"_s << 1 << 1 << 2
                                     << u"The character \u201c€\u201d (U+20AC) cannot be encoded in ISO-8859-1 at line 1, column 2"_s;
    QTest::newRow("Chinese in Latin-1 on line 2") << Mode::Text << u"x\n你"_s << u"latin1"_s << 2 << 2 << 1
                                                  << u"(U+4F60) cannot be encoded in ISO-8859-1 at line 2, column 1"_s;
    QTest::newRow("emoji in GBK") << Mode::Text << u"ab😀"_s << u"GBK"_s << 2 << 1 << 3
                                  << u"(U+1F600) cannot be encoded in GBK at line 1, column 3"_s;
    QTest::newRow("after a named escape") << Mode::Text << u"\\n€"_s << u"ISO-8859-1"_s << 2 << 1 << 3
                                          << u"U+20AC"_s;
    QTest::newRow("after a raw byte") << Mode::Text << u"\\x41x€"_s << u"ISO-8859-1"_s << 5 << 1 << 6
                                      << u"U+20AC"_s;
    QTest::newRow("Chinese in windows-1252") << Mode::Text << u"ok你"_s << u"windows-1252"_s << 2 << 1 << 3
                                             << u"cannot be encoded in windows-1252"_s;
    QTest::newRow("unpaired surrogate") << Mode::Text << u"a"_s + QChar(0xd800) << utf8 << 1 << 1 << 2
                                        << u"U+D800"_s;

    // Text mode: the encoding itself.
    QTest::newRow("unknown encoding") << Mode::Text << u"hi"_s << u"bogus"_s << -1 << 0 << 0
                                      << u"Unknown encoding \u201cbogus\u201d"_s;
    QTest::newRow("empty encoding") << Mode::Text << u"hi"_s << QString() << -1 << 0 << 0
                                    << u"Unknown encoding"_s;

    // Hex mode.
    QTest::newRow("hex invalid character") << Mode::Hex << u"48 6g"_s << utf8 << 4 << 1 << 5
                                           << u"Invalid character \u201cg\u201d in hex at line 1, column 5"_s;
    QTest::newRow("hex backslash escape") << Mode::Hex << u"48 \\x65"_s << utf8 << 3 << 1 << 4
                                          << u"Invalid character \u201c\\\u201d in hex"_s;
    QTest::newRow("hex second prefix") << Mode::Hex << u"0x0x12"_s << utf8 << 3 << 1 << 4
                                       << u"Invalid character \u201cx\u201d in hex"_s;
    QTest::newRow("hex x without 0") << Mode::Hex << u"x48"_s << utf8 << 0 << 1 << 1
                                     << u"Invalid character \u201cx\u201d"_s;
    QTest::newRow("hex non-ASCII letter") << Mode::Hex << u"4é"_s << utf8 << 1 << 1 << 2
                                          << u"Invalid character \u201cé\u201d in hex"_s;
    QTest::newRow("hex control character") << Mode::Hex << u"48\u0007"_s << utf8 << 2 << 1 << 3
                                           << u"Invalid character U+0007 in hex at line 1, column 3"_s;
    QTest::newRow("hex semicolon is no separator") << Mode::Hex << u"48;65"_s << utf8 << 2 << 1 << 3
                                                   << u"Invalid character \u201c;\u201d"_s;
    QTest::newRow("hex odd single group") << Mode::Hex << u"486"_s << utf8 << 0 << 1 << 1
                                          << u"Odd number of hex digits in \u201c486\u201d (each byte takes two) at line 1, column 1"_s;
    QTest::newRow("hex odd second group") << Mode::Hex << u"48 656"_s << utf8 << 3 << 1 << 4
                                          << u"Odd number of hex digits in \u201c656\u201d"_s;
    QTest::newRow("hex odd group with prefix") << Mode::Hex << u"0x486"_s << utf8 << 0 << 1 << 1
                                               << u"Odd number of hex digits in \u201c0x486\u201d"_s;
    QTest::newRow("hex single digit") << Mode::Hex << u"48,4"_s << utf8 << 3 << 1 << 4
                                      << u"Odd number of hex digits in \u201c4\u201d"_s;
    QTest::newRow("hex long odd group is shortened") << Mode::Hex << u"0123456789abcdef012"_s << utf8 << 0 << 1 << 1
                                                     << u"\u201c0123456789abcdef\u2026\u201d"_s;
    QTest::newRow("hex bare 0x") << Mode::Hex << u"0x"_s << utf8 << 0 << 1 << 1
                                 << u"\u201c0x\u201d is not followed by hex digits at line 1, column 1"_s;
    QTest::newRow("hex 0x before separator") << Mode::Hex << u"48 0x, 65"_s << utf8 << 3 << 1 << 4
                                             << u"\u201c0x\u201d is not followed by hex digits"_s;
    QTest::newRow("hex 0X at end") << Mode::Hex << u"48 0X"_s << utf8 << 3 << 1 << 4
                                   << u"\u201c0X\u201d is not followed by hex digits"_s;
    QTest::newRow("hex error on line 2") << Mode::Hex << u"48\n4"_s << utf8 << 3 << 2 << 1
                                         << u"at line 2, column 1"_s;
    QTest::newRow("hex invalid before odd") << Mode::Hex << u"4z"_s << utf8 << 1 << 1 << 2
                                            << u"Invalid character \u201cz\u201d"_s;
}

void TestPayloadParser::errors()
{
    QFETCH(Mode, mode);
    QFETCH(QString, input);
    QFETCH(QString, encoding);
    QFETCH(int, position);
    QFETCH(int, line);
    QFETCH(int, column);
    QFETCH(QString, message);

    const PayloadParser::Result result = PayloadParser::parse(input, mode, encoding);
    QVERIFY(!result.ok());
    QVERIFY2(result.error.contains(message), qPrintable(result.error));
    QCOMPARE(result.position, position);
    QCOMPARE(result.line, line);
    QCOMPARE(result.column, column);
    QVERIFY(!result.reason.isEmpty());
    QVERIFY(result.error.startsWith(result.reason));
    if (position >= 0)
        QCOMPARE(result.error, PayloadParser::describe(result.reason, line, column));
    else
        QCOMPARE(result.error, result.reason);
    // Errors never half-send: no bytes come with an error.
    QVERIFY(result.bytes.isEmpty());
}

void TestPayloadParser::emptyPayload_data()
{
    QTest::addColumn<Mode>("mode");
    QTest::addColumn<QString>("input");
    QTest::newRow("text empty") << Mode::Text << QString();
    QTest::newRow("hex empty") << Mode::Hex << QString();
    QTest::newRow("hex only separators") << Mode::Hex << u" ,:-\t\n"_s;
}

void TestPayloadParser::emptyPayload()
{
    QFETCH(Mode, mode);
    QFETCH(QString, input);

    const PayloadParser::Result refused = PayloadParser::parse(input, mode);
    QVERIFY(!refused.ok());
    QCOMPARE(refused.error, u"Nothing to send: the payload is empty"_s);
    QCOMPARE(refused.position, -1);

    const PayloadParser::Result allowed = PayloadParser::parse(input, mode, u"UTF-8"_s, true);
    QVERIFY2(allowed.ok(), qPrintable(allowed.error));
    QVERIFY(allowed.bytes.isEmpty());
}

void TestPayloadParser::escapedBytesRoundTrip_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QByteArray all;
    for (int i = 0; i < 256; ++i)
        all += char(i);
    QTest::newRow("all 256 byte values") << all;
    QTest::newRow("NUL before digits") << QByteArray("\0" "123\0", 5);
    QTest::newRow("backslashes and x") << QByteArray("\\x41\\\\");
}

void TestPayloadParser::escapedBytesRoundTrip()
{
    // What the traffic view shows as escaped text can be pasted back to send
    // exactly the same bytes.
    QFETCH(QByteArray, bytes);
    for (const QString &encoding : {u"UTF-8"_s, u"GBK"_s, u"ISO-8859-1"_s}) {
        const PayloadParser::Result result =
                PayloadParser::parse(Escape::bytes(bytes, Escape::ByteStyle::SendPanel), Mode::Text, encoding);
        QVERIFY2(result.ok(), qPrintable(result.error));
        QCOMPARE(result.bytes, bytes);
    }
}

void TestPayloadParser::hexRoundTrip()
{
    QByteArray all;
    for (int i = 0; i < 256; ++i)
        all += char(255 - i);
    for (char separator : {' ', '\0', ':', '-', ','}) {
        const PayloadParser::Result result =
                PayloadParser::parse(TextCodec::toHex(all, separator), Mode::Hex);
        QVERIFY2(result.ok(), qPrintable(result.error));
        QCOMPARE(result.bytes, all);
    }
}

void TestPayloadParser::modeFromName_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("known");
    QTest::addColumn<Mode>("mode");
    QTest::newRow("text") << u"text"_s << true << Mode::Text;
    QTest::newRow("TEXT") << u"TEXT"_s << true << Mode::Text;
    QTest::newRow("hex") << u"hex"_s << true << Mode::Hex;
    QTest::newRow("Hex") << u"Hex"_s << true << Mode::Hex;
    QTest::newRow("binary") << u"binary"_s << false << Mode::Text;
    QTest::newRow("empty") << QString() << false << Mode::Text;
    QTest::newRow("hex with space") << u"hex "_s << false << Mode::Text;
}

void TestPayloadParser::modeFromName()
{
    QFETCH(QString, name);
    QFETCH(bool, known);
    QFETCH(Mode, mode);
    // Start from the other mode so a missing assignment shows.
    Mode got = mode == Mode::Text ? Mode::Hex : Mode::Text;
    QCOMPARE(PayloadParser::modeFromName(name, &got), known);
    if (known)
        QCOMPARE(got, mode);
}

void TestPayloadParser::locate_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<int>("position");
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("column");
    QTest::newRow("start") << u"abc"_s << 0 << 1 << 1;
    QTest::newRow("middle") << u"abc"_s << 2 << 1 << 3;
    QTest::newRow("end") << u"abc"_s << 3 << 1 << 4;
    QTest::newRow("after newline") << u"ab\ncd"_s << 3 << 2 << 1;
    QTest::newRow("on newline") << u"ab\ncd"_s << 2 << 1 << 3;
    QTest::newRow("surrogate pair counts once") << u"😀😀x"_s << 4 << 1 << 3;
    QTest::newRow("third line") << u"a\n\nb"_s << 3 << 3 << 1;
}

void TestPayloadParser::locate()
{
    QFETCH(QString, input);
    QFETCH(int, position);
    QFETCH(int, line);
    QFETCH(int, column);
    int gotLine = -1;
    int gotColumn = -1;
    PayloadParser::locate(input, position, &gotLine, &gotColumn);
    QCOMPARE(gotLine, line);
    QCOMPARE(gotColumn, column);
}

QTEST_GUILESS_MAIN(TestPayloadParser)
#include "tst_payloadparser.moc"
