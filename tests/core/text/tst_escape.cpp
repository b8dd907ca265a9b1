// Escape: every style pinned on the same bytes (one string holds every byte
// 0x00–0xFF), and each escape read back by the reader it is written for:
// gcc compiles the C literal and the program prints the bytes, python3
// evaluates the Python literal, PayloadParser parses the send panel's.

#include "core/text/Escape.h"
#include "core/text/PayloadParser.h"
#include "core/text/TextCodec.h"

#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using ByteStyle = Escape::ByteStyle;
using TextStyle = Escape::TextStyle;

namespace {

QByteArray everyByte()
{
    QByteArray bytes(256, '\0');
    for (int i = 0; i < 256; ++i)
        bytes[i] = char(i);
    return bytes;
}

// Every byte followed by a hex digit: where a C hex escape would swallow it.
QByteArray everyByteThenHexDigit()
{
    QByteArray bytes;
    for (int i = 0; i < 256; ++i) {
        bytes += char(i);
        bytes += "0aF"[i % 3];
    }
    return bytes;
}

// Bytes 0x80–0xFF: \xHH in every byte style.
const QString kEscapedHighBytes = u"\\x80\\x81\\x82\\x83\\x84\\x85\\x86\\x87\\x88\\x89\\x8a\\x8b\\x8c\\x8d\\x8e\\x8f"
        u"\\x90\\x91\\x92\\x93\\x94\\x95\\x96\\x97\\x98\\x99\\x9a\\x9b\\x9c\\x9d\\x9e\\x9f"
        u"\\xa0\\xa1\\xa2\\xa3\\xa4\\xa5\\xa6\\xa7\\xa8\\xa9\\xaa\\xab\\xac\\xad\\xae\\xaf"
        u"\\xb0\\xb1\\xb2\\xb3\\xb4\\xb5\\xb6\\xb7\\xb8\\xb9\\xba\\xbb\\xbc\\xbd\\xbe\\xbf"
        u"\\xc0\\xc1\\xc2\\xc3\\xc4\\xc5\\xc6\\xc7\\xc8\\xc9\\xca\\xcb\\xcc\\xcd\\xce\\xcf"
        u"\\xd0\\xd1\\xd2\\xd3\\xd4\\xd5\\xd6\\xd7\\xd8\\xd9\\xda\\xdb\\xdc\\xdd\\xde\\xdf"
        u"\\xe0\\xe1\\xe2\\xe3\\xe4\\xe5\\xe6\\xe7\\xe8\\xe9\\xea\\xeb\\xec\\xed\\xee\\xef"
        u"\\xf0\\xf1\\xf2\\xf3\\xf4\\xf5\\xf6\\xf7\\xf8\\xf9\\xfa\\xfb\\xfc\\xfd\\xfe\\xff"_s;

// Every byte in each byte style, 16 bytes a line.
const QString kEveryBytePython = u"b'"
        u"\\x00\\x01\\x02\\x03\\x04\\x05\\x06\\x07\\x08\\t\\n\\x0b\\x0c\\r\\x0e\\x0f"
        u"\\x10\\x11\\x12\\x13\\x14\\x15\\x16\\x17\\x18\\x19\\x1a\\x1b\\x1c\\x1d\\x1e\\x1f"
        u" !\"#$%&\\'()*+,-./"
        u"0123456789:;<=>?"
        u"@ABCDEFGHIJKLMNO"
        u"PQRSTUVWXYZ[\\\\]^_"
        u"`abcdefghijklmno"
        u"pqrstuvwxyz{|}~\\x7f"_s
        + kEscapedHighBytes + u'\'';

const QString kEveryByteC = u"\""
        u"\\x00\\x01\\x02\\x03\\x04\\x05\\x06\\x07\\x08\\t\\n\\x0b\\x0c\\r\\x0e\\x0f"
        u"\\x10\\x11\\x12\\x13\\x14\\x15\\x16\\x17\\x18\\x19\\x1a\\x1b\\x1c\\x1d\\x1e\\x1f"
        u" !\\\"#$%&'()*+,-./"
        u"0123456789:;<=>\\?"
        u"@ABCDEFGHIJKLMNO"
        u"PQRSTUVWXYZ[\\\\]^_"
        u"`abcdefghijklmno"
        u"pqrstuvwxyz{|}~\\x7f"_s
        + kEscapedHighBytes + u'"';

const QString kEveryByteSendPanel = u"\\0\\x01\\x02\\x03\\x04\\x05\\x06\\x07\\x08\\t\\n\\x0b\\x0c\\r\\x0e\\x0f"
        u"\\x10\\x11\\x12\\x13\\x14\\x15\\x16\\x17\\x18\\x19\\x1a\\x1b\\x1c\\x1d\\x1e\\x1f"
        u" !\"#$%&'()*+,-./"
        u"0123456789:;<=>?"
        u"@ABCDEFGHIJKLMNO"
        u"PQRSTUVWXYZ[\\\\]^_"
        u"`abcdefghijklmno"
        u"pqrstuvwxyz{|}~\\x7f"_s
        + kEscapedHighBytes;

// Every byte read as Latin-1 (U+0000–U+00FF): the controls below U+00A0
// escaped, the rest as it is.
const QString kEveryLatin1Visible = u"\\0\\x01\\x02\\x03\\x04\\x05\\x06\\x07\\x08\\t\\n\\x0b\\x0c\\r\\x0e\\x0f"
        u"\\x10\\x11\\x12\\x13\\x14\\x15\\x16\\x17\\x18\\x19\\x1a\\x1b\\x1c\\x1d\\x1e\\x1f"
        u" !\"#$%&'()*+,-./"
        u"0123456789:;<=>?"
        u"@ABCDEFGHIJKLMNO"
        u"PQRSTUVWXYZ[\\]^_"
        u"`abcdefghijklmno"
        u"pqrstuvwxyz{|}~\\x7f"
        u"\\x80\\x81\\x82\\x83\\x84\\x85\\x86\\x87\\x88\\x89\\x8a\\x8b\\x8c\\x8d\\x8e\\x8f"
        u"\\x90\\x91\\x92\\x93\\x94\\x95\\x96\\x97\\x98\\x99\\x9a\\x9b\\x9c\\x9d\\x9e\\x9f"_s
        + QString::fromLatin1(everyByte().sliced(0xa0));
const QString kEveryLatin1Escaped = u"\\x00\\x01\\x02\\x03\\x04\\x05\\x06\\x07\\x08\\t\\n\\x0b\\x0c\\r\\x0e\\x0f"
        u"\\x10\\x11\\x12\\x13\\x14\\x15\\x16\\x17\\x18\\x19\\x1a\\x1b\\x1c\\x1d\\x1e\\x1f"
        u" !\"#$%&'()*+,-./"
        u"0123456789:;<=>?"
        u"@ABCDEFGHIJKLMNO"
        u"PQRSTUVWXYZ[\\\\]^_"
        u"`abcdefghijklmno"
        u"pqrstuvwxyz{|}~\\x7f"
        u"\\x80\\x81\\x82\\x83\\x84\\x85\\x86\\x87\\x88\\x89\\x8a\\x8b\\x8c\\x8d\\x8e\\x8f"
        u"\\x90\\x91\\x92\\x93\\x94\\x95\\x96\\x97\\x98\\x99\\x9a\\x9b\\x9c\\x9d\\x9e\\x9f"_s
        + QString::fromLatin1(everyByte().sliced(0xa0));

// The byte strings every style is pinned on and read back from.
void addByteRows()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("request line") << QByteArray("GET / HTTP/1.1");
    QTest::newRow("CRLF tab") << QByteArray("a\r\n\tb");
    QTest::newRow("NUL then digit") << QByteArray("\0" "7", 2);
    QTest::newRow("quotes and backslash") << QByteArray("it's \"x\" \\");
    QTest::newRow("trigraph") << QByteArray("\?\?=\?\?/");
    QTest::newRow("hex digit after escape") << QByteArray::fromHex("016141ff46302e");
    QTest::newRow("DEL and C1") << QByteArray::fromHex("7f85");
    QTest::newRow("UTF-8 text") << QByteArray::fromHex("e4bda0e5a5bd");
    QTest::newRow("every byte") << everyByte();
    QTest::newRow("every byte then a hex digit") << everyByteThenHexDigit();
}

QByteArray run(const QString &program, const QStringList &arguments, const QByteArray &input, QString *why)
{
    QProcess p;
    p.start(program, arguments);
    if (!p.waitForStarted(30000)) {
        *why = program + u" did not start"_s;
        return {};
    }
    p.write(input);
    p.closeWriteChannel();
    if (!p.waitForFinished(60000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        *why = QString::fromUtf8(p.readAllStandardError());
        return {};
    }
    return p.readAllStandardOutput();
}

} // namespace

class TestEscape : public QObject
{
    Q_OBJECT
private slots:
    void byteStyles_data();
    void byteStyles();
    void textStyles_data();
    void textStyles();
    void cStringCompilesToTheBytes_data() { addByteRows(); }
    void cStringCompilesToTheBytes();
    void pythonBytesEvaluateToTheBytes_data() { addByteRows(); }
    void pythonBytesEvaluateToTheBytes();
    void sendPanelParsesBack_data();
    void sendPanelParsesBack();
    void sendPanelLinesParseBack_data();
    void sendPanelLinesParseBack();
    void unchangedTextIsNotCopied();
};

void TestEscape::byteStyles_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("python");
    QTest::addColumn<QString>("c");
    QTest::addColumn<QString>("sendPanel");
    QTest::newRow("empty") << QByteArray() << u"b''"_s << u"\"\""_s << QString();
    QTest::newRow("request line") << QByteArray("GET / HTTP/1.1")
                                  << u"b'GET / HTTP/1.1'"_s << u"\"GET / HTTP/1.1\""_s << u"GET / HTTP/1.1"_s;
    QTest::newRow("CRLF tab") << QByteArray("a\r\n\tb")
                              << u"b'a\\r\\n\\tb'"_s << u"\"a\\r\\n\\tb\""_s << u"a\\r\\n\\tb"_s;
    // Python and C would read \07 as one octal escape; the send panel reads \0 then 7.
    QTest::newRow("NUL then digit") << QByteArray("\0" "7", 2)
                                    << u"b'\\x007'"_s << u"\"\\x00\" \"7\""_s << u"\\07"_s;
    QTest::newRow("quotes and backslash") << QByteArray("it's \"x\" \\")
                                          << u"b'it\\'s \"x\" \\\\'"_s << u"\"it's \\\"x\\\" \\\\\""_s << u"it's \"x\" \\\\"_s;
    // \?\? here too: in C++ source ??= is a trigraph as well.
    QTest::newRow("trigraph") << QByteArray("\?\?=\?\?/")
                              << u"b'\?\?=\?\?/'"_s << u"\"\\?\\?=\\?\\?/\""_s << u"\?\?=\?\?/"_s;
    QTest::newRow("hex digit after escape") << QByteArray::fromHex("016141ff46302e")
                                            << u"b'\\x01aA\\xffF0.'"_s << u"\"\\x01\" \"aA\\xff\" \"F0.\""_s
                                            << u"\\x01aA\\xffF0."_s;
    QTest::newRow("DEL and C1") << QByteArray::fromHex("7f85")
                                << u"b'\\x7f\\x85'"_s << u"\"\\x7f\\x85\""_s << u"\\x7f\\x85"_s;
    QTest::newRow("UTF-8 text") << QByteArray::fromHex("e4bda0e5a5bd")
                                << u"b'\\xe4\\xbd\\xa0\\xe5\\xa5\\xbd'"_s << u"\"\\xe4\\xbd\\xa0\\xe5\\xa5\\xbd\""_s
                                << u"\\xe4\\xbd\\xa0\\xe5\\xa5\\xbd"_s;
    QTest::newRow("every byte") << everyByte() << kEveryBytePython << kEveryByteC << kEveryByteSendPanel;
}

void TestEscape::byteStyles()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, python);
    QFETCH(QString, c);
    QFETCH(QString, sendPanel);
    QCOMPARE(Escape::bytes(bytes, ByteStyle::PythonBytes), python);
    QCOMPARE(Escape::bytes(bytes, ByteStyle::CString), c);
    QCOMPARE(Escape::bytes(bytes, ByteStyle::SendPanel), sendPanel);
}

void TestEscape::textStyles_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("visible");
    QTest::addColumn<QString>("escaped");
    QTest::addColumn<QString>("sendPanelLines");   // null: refused
    QTest::newRow("plain") << u"hello"_s << u"hello"_s << u"hello"_s << u"hello"_s;
    QTest::newRow("CRLF tab") << u"a\r\n\tb"_s << u"a\\r\\n\\tb"_s << u"a\\r\\n\\tb"_s << u"a\\r\n\\tb"_s;
    QTest::newRow("NUL") << u"x\0y"_s << u"x\\0y"_s << u"x\\x00y"_s << u"x\\0y"_s;
    QTest::newRow("backslash") << u"C:\\path"_s << u"C:\\path"_s << u"C:\\\\path"_s << u"C:\\\\path"_s;
    QTest::newRow("escape sequence") << u"\x1b[0m"_s << u"\\x1b[0m"_s << u"\\x1b[0m"_s << QString();
    QTest::newRow("DEL") << u"\x7f"_s << u"\\x7f"_s << u"\\x7f"_s << QString();
    QTest::newRow("C1 next line") << u"a\u0085b"_s << u"a\\x85b"_s << u"a\\x85b"_s << u"a\u0085b"_s;
    QTest::newRow("quotes") << u"'\"?"_s << u"'\"?"_s << u"'\"?"_s << u"'\"?"_s;
    QTest::newRow("Chinese and emoji") << u"你好😀"_s << u"你好😀"_s << u"你好😀"_s << u"你好😀"_s;
    QTest::newRow("every byte as Latin-1") << QString::fromLatin1(everyByte())
                                           << kEveryLatin1Visible << kEveryLatin1Escaped << QString();
}

void TestEscape::textStyles()
{
    QFETCH(QString, text);
    QFETCH(QString, visible);
    QFETCH(QString, escaped);
    QFETCH(QString, sendPanelLines);
    QCOMPARE(Escape::text(text, TextStyle::VisibleControls), visible);
    QCOMPARE(Escape::text(text, TextStyle::EscapedControls), escaped);
    const QString lines = Escape::text(text, TextStyle::SendPanelLines);
    QCOMPARE(lines, sendPanelLines);
    QCOMPARE(lines.isNull(), sendPanelLines.isNull());
}

// -std=c11 (not gnu11) reads trigraphs, so a "??=" left as it is would come
// back as "#".
void TestEscape::cStringCompilesToTheBytes()
{
    QFETCH(QByteArray, bytes);
    const QString gcc = QStandardPaths::findExecutable(u"gcc"_s);
    if (gcc.isEmpty())
        QSKIP("gcc is missing");
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QFile source(dir.filePath(u"bytes.c"_s));
    QVERIFY(source.open(QIODevice::WriteOnly));
    source.write("#include <stdio.h>\n\nstatic const char bytes[] = ");
    source.write(Escape::bytes(bytes, ByteStyle::CString).toLatin1());
    source.write(";\n\nint main(void)\n{\n    fwrite(bytes, 1, sizeof bytes - 1, stdout);\n    return 0;\n}\n");
    source.close();
    QString why;
    const QString program = dir.filePath(u"bytes"_s);
    run(gcc, {u"-std=c11"_s, u"-Wall"_s, u"-Wextra"_s, u"-Werror"_s, u"-o"_s, program, source.fileName()}, {}, &why);
    QVERIFY2(why.isEmpty(), qPrintable(why));
    QCOMPARE(run(program, {}, {}, &why), bytes);
    QVERIFY2(why.isEmpty(), qPrintable(why));
}

void TestEscape::pythonBytesEvaluateToTheBytes()
{
    QFETCH(QByteArray, bytes);
    const QString python = QStandardPaths::findExecutable(u"python3"_s);
    if (python.isEmpty())
        QSKIP("python3 is missing");
    const QByteArray script = "import sys\nsys.stdout.buffer.write("
                            + Escape::bytes(bytes, ByteStyle::PythonBytes).toLatin1() + ")\n";
    QString why;
    QCOMPARE(run(python, {u"-"_s}, script, &why), bytes);
    QVERIFY2(why.isEmpty(), qPrintable(why));
}

// The send panel's escapes are printable ASCII and \xHH raw bytes: any
// encoding that writes ASCII as ASCII reads them back as the same bytes.
void TestEscape::sendPanelParsesBack_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("encoding");
    const QStringList encodings{u"UTF-8"_s, u"GBK"_s, u"GB18030"_s, u"Big5"_s, u"EUC-KR"_s, u"ISO-8859-1"_s,
                                u"windows-1252"_s};
    const QList<std::pair<const char *, QByteArray>> rows{
        {"request line", "GET / HTTP/1.1"}, {"NUL then digit", QByteArray("\0" "7", 2)},
        {"quotes and backslash", "it's \"x\" \\"}, {"every byte", everyByte()},
        {"every byte then a hex digit", everyByteThenHexDigit()}};
    for (const QString &encoding : encodings) {
        for (const auto &[name, bytes] : rows)
            QTest::addRow("%s, %s", name, qPrintable(encoding)) << bytes << encoding;
    }
}

void TestEscape::sendPanelParsesBack()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, encoding);
    const QString escaped = Escape::bytes(bytes, ByteStyle::SendPanel);
    const PayloadParser::Result parsed = PayloadParser::parse(escaped, PayloadParser::Mode::Text, encoding, true);
    QVERIFY2(parsed.ok(), qPrintable(parsed.error));
    QCOMPARE(parsed.bytes, bytes);
}

void TestEscape::sendPanelLinesParseBack_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("encoding");
    QTest::newRow("lines") << u"HELO x\r\nMAIL FROM:<a@b>\r\n"_s << u"UTF-8"_s;
    QTest::newRow("tab NUL backslash") << u"a\tb\0c\\d"_s << u"UTF-8"_s;
    QTest::newRow("Chinese, GBK") << u"你好\n世界"_s << u"GBK"_s;
    QTest::newRow("C1 and emoji, UTF-8") << u"\u0085😀"_s << u"UTF-8"_s;
    QTest::newRow("UTF-16LE") << u"a\r\nb\\"_s << u"UTF-16LE"_s;
}

void TestEscape::sendPanelLinesParseBack()
{
    QFETCH(QString, text);
    QFETCH(QString, encoding);
    const QString escaped = Escape::text(text, TextStyle::SendPanelLines);
    QVERIFY(!escaped.isNull());
    QVERIFY(!escaped.contains(u'\r') && !escaped.contains(u'\t') && !escaped.contains(QChar(0)));
    const PayloadParser::Result parsed = PayloadParser::parse(escaped, PayloadParser::Mode::Text, encoding, true);
    QVERIFY2(parsed.ok(), qPrintable(parsed.error));
    QCOMPARE(parsed.bytes, TextCodec::encode(text, encoding).bytes);
}

// The table's preview path: text without controls comes back as it went in.
void TestEscape::unchangedTextIsNotCopied()
{
    const QString text = QString::fromUtf8("GET /index.html HTTP/1.1 — 你好");
    const QString shown = Escape::text(text, TextStyle::VisibleControls);
    QCOMPARE(shown, text);
    QVERIFY(shown.isSharedWith(text));
}

QTEST_GUILESS_MAIN(TestEscape)
#include "tst_escape.moc"
