// What the send box makes of its input: the message with its fields filled
// in and the line ending after it in the encoding (UTF-8 and UTF-16LE),
// text without a brace read as it always was (also a large one, encoded
// whole), and each fault with its place and no bytes.

#include "core/commands/TypedPayload.h"

#include <QRandomGenerator>
#include <QTest>

using namespace Qt::StringLiterals;

using Mode = TypedPayload::Mode;
using LineEnding = TypedPayload::LineEnding;

Q_DECLARE_METATYPE(TypedPayload::Mode)
Q_DECLARE_METATYPE(TypedPayload::LineEnding)

class TestTypedPayload : public QObject
{
    Q_OBJECT

private slots:
    void messages_data();
    void messages();
    void faults_data();
    void faults();
    void counterAndRandomComeFromTheContext();
    void largeTextIsEncodedWhole();
};

void TestTypedPayload::messages_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<Mode>("mode");
    QTest::addColumn<QString>("encoding");
    QTest::addColumn<LineEnding>("ending");
    QTest::addColumn<bool>("fixed");
    QTest::addColumn<QByteArray>("bytes");   // with counter 0 (the first message)

    const QString utf8 = u"UTF-8"_s;
    const QString utf16 = u"UTF-16LE"_s;
    QTest::newRow("plain") << u"Hi"_s << Mode::Text << utf8 << LineEnding::None << true << QByteArray("Hi");
    QTest::newRow("CR") << u"Hi"_s << Mode::Text << utf8 << LineEnding::Cr << true << QByteArray("Hi\r");
    QTest::newRow("LF") << u"Hi"_s << Mode::Text << utf8 << LineEnding::Lf << true << QByteArray("Hi\n");
    QTest::newRow("CRLF") << u"Hi"_s << Mode::Text << utf8 << LineEnding::CrLf << true << QByteArray("Hi\r\n");
    QTest::newRow("UTF-16LE CR") << u"Hi"_s << Mode::Text << utf16 << LineEnding::Cr << true
                                 << QByteArray("H\0i\0\r\0", 6);
    QTest::newRow("UTF-16LE LF") << u"Hi"_s << Mode::Text << utf16 << LineEnding::Lf << true
                                 << QByteArray("H\0i\0\n\0", 6);
    QTest::newRow("UTF-16LE CRLF") << u"Hi"_s << Mode::Text << utf16 << LineEnding::CrLf << true
                                   << QByteArray("H\0i\0\r\0\n\0", 8);
    QTest::newRow("UTF-16LE counter CRLF") << u"{counter}"_s << Mode::Text << utf16 << LineEnding::CrLf << false
                                           << QByteArray("1\0\r\0\n\0", 6);
    QTest::newRow("bare ending") << QString() << Mode::Text << utf8 << LineEnding::CrLf << true << QByteArray("\r\n");
    QTest::newRow("hex has no ending") << u"48 69"_s << Mode::Hex << utf8 << LineEnding::CrLf << true
                                       << QByteArray("Hi");
    QTest::newRow("hex with a counter") << u"02 {counter:02} 03"_s << Mode::Hex << utf8 << LineEnding::None << false
                                        << QByteArray("\x02" "01\x03");
    QTest::newRow("literal brace") << u"{{\"a\":1}"_s << Mode::Text << utf8 << LineEnding::Lf << true
                                   << QByteArray("{\"a\":1}\n");
    QTest::newRow("hex field is fixed") << u"A{hex:0d 0a}"_s << Mode::Text << utf8 << LineEnding::None << true
                                        << QByteArray("A\r\n");
    QTest::newRow("escapes and a field") << u"\\x00{counter:03}\\n"_s << Mode::Text << utf8 << LineEnding::None
                                         << false << QByteArray("\0" "001\n", 5);
    QTest::newRow("GBK counter") << u"\u7b2c{counter}"_s << Mode::Text << u"GBK"_s << LineEnding::None << false
                                 << QByteArray("\xb5\xda" "1");
}

void TestTypedPayload::messages()
{
    QFETCH(QString, text);
    QFETCH(Mode, mode);
    QFETCH(QString, encoding);
    QFETCH(LineEnding, ending);
    QFETCH(bool, fixed);
    QFETCH(QByteArray, bytes);
    const TypedPayload typed = TypedPayload::read(text, mode, encoding, ending);
    QVERIFY2(typed.ok(), qPrintable(typed.error().error));
    QCOMPARE(typed.isFixed(), fixed);
    QCOMPARE(typed.bytes({}), bytes);
    const PayloadParser::Result message = typed.message({});
    QVERIFY(message.ok());
    QCOMPARE(message.bytes, bytes);
}

void TestTypedPayload::faults_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<Mode>("mode");
    QTest::addColumn<QString>("error");
    QTest::addColumn<int>("position");

    QTest::newRow("JSON without doubled brace") << u"x{\"a\":1}"_s << Mode::Text
                                                << u"write {{ for a literal { at line 1, column 3"_s << 2;
    QTest::newRow("unknown field") << u"ab{count}"_s << Mode::Text << u"Unknown field {count}"_s << 3;
    QTest::newRow("unclosed") << u"ab{counter"_s << Mode::Text << u"Unclosed field"_s << 2;
    QTest::newRow("bad width") << u"{counter:x}"_s << Mode::Text << u"Bad counter width"_s << 9;
    QTest::newRow("bad escape with a field") << u"{counter}\\q"_s << Mode::Text << u"column 10"_s << 9;
    QTest::newRow("bad escape without a field") << u"ab\\q"_s << Mode::Text << u"column 3"_s << 2;
    QTest::newRow("bad hex") << u"48 6g"_s << Mode::Hex << u"column 5"_s << 4;
    QTest::newRow("random count") << u"{random:0}"_s << Mode::Text << u"{random:N}"_s << 8;
}

void TestTypedPayload::faults()
{
    QFETCH(QString, text);
    QFETCH(Mode, mode);
    QFETCH(QString, error);
    QFETCH(int, position);
    const TypedPayload typed = TypedPayload::read(text, mode, u"UTF-8"_s, LineEnding::CrLf);
    QVERIFY(!typed.ok());
    QVERIFY2(typed.error().error.contains(error), qPrintable(typed.error().error));
    QCOMPARE(typed.error().position, position);
    QVERIFY(typed.error().bytes.isEmpty());
    QVERIFY(typed.bytes({}).isEmpty());
    QVERIFY(!typed.message({}).ok());
}

void TestTypedPayload::counterAndRandomComeFromTheContext()
{
    const TypedPayload typed = TypedPayload::read(u"#{counter:03}:{random:2}"_s, Mode::Text, u"UTF-8"_s,
                                                  LineEnding::Lf);
    QVERIFY(typed.ok());
    QVERIFY(typed.usesCounter());
    QRandomGenerator a(7);
    QRandomGenerator b(7);
    Template::Context context;
    context.counter = 41;
    context.random = &a;
    const QByteArray first = typed.bytes(context);
    QCOMPARE(first.left(5), QByteArray("#042:"));
    QCOMPARE(first.size(), 8);
    QVERIFY(first.endsWith('\n'));
    // The same seed gives the same bytes: a preview made with a copy is what is sent.
    context.random = &b;
    QCOMPARE(typed.bytes(context), first);

    // Nothing but {data}, which the send box never has: nothing to send.
    const TypedPayload data = TypedPayload::read(u"{data}"_s, Mode::Text, u"UTF-8"_s);
    QVERIFY(data.ok());
    QVERIFY(!data.usesCounter());
    QVERIFY(!data.message({}).ok());
    QVERIFY2(data.message({}).error.contains(u"Nothing to send"_s), qPrintable(data.message({}).error));
}

void TestTypedPayload::largeTextIsEncodedWhole()
{
    QString large(TypedPayload::kEncodeWholeChars + 10, u'a');
    TypedPayload typed = TypedPayload::read(large, Mode::Text, u"UTF-8"_s, LineEnding::CrLf);
    QVERIFY(typed.ok());
    QCOMPARE(typed.bytes({}), large.toLatin1() + "\r\n");
    // Its fault still has a place.
    large[int(TypedPayload::kEncodeWholeChars)] = u'\u20ac';
    typed = TypedPayload::read(large, Mode::Text, u"ISO-8859-1"_s);
    QVERIFY(!typed.ok());
    QCOMPARE(typed.error().position, int(TypedPayload::kEncodeWholeChars));
    QCOMPARE(typed.error().column, int(TypedPayload::kEncodeWholeChars) + 1);
}

QTEST_GUILESS_MAIN(TestTypedPayload)
#include "tst_typedpayload.moc"
