#include "core/framing/Framer.h"
#include "core/framing/FramingSpec.h"
#include "core/net/TcpServerSession.h"
#include "support/SessionEvents.h"

#include <QTcpSocket>
#include <QTest>

using namespace Qt::StringLiterals;

using Kind = FramingSpec::Kind;
using Endian = FramingSpec::Endian;

class TestFramer : public QObject
{
    Q_OBJECT

private slots:
    void parseGood_data();
    void parseGood();
    void parseBad_data();
    void parseBad();
    void parseCustomMaximum();
    void describe_data();
    void describe();
    void invalidHandBuiltSpec_data();
    void invalidHandBuiltSpec();

    void roundTrip_data();
    void roundTrip();
    void everySplit_data();
    void everySplit();
    void threeFramesInOneChunk_data();
    void threeFramesInOneChunk();
    void pythonStruct_data();
    void pythonStruct();
    void noFraming();

    void lengthOverMaximum_data();
    void lengthOverMaximum();
    void frameAtMaximum_data();
    void frameAtMaximum();
    void delimiterFrameOverMaximum_data();
    void delimiterFrameOverMaximum();
    void byteOrderHint_data();
    void byteOrderHint();
    void byteOrderHintOverTcp_data();
    void byteOrderHintOverTcp();
    void errorPersistsUntilReset_data();
    void errorPersistsUntilReset();
    void announcedLengthIsNotReserved();
    void largeStreamsByteByByte_data();
    void largeStreamsByteByByte();

    void encodeBoundaries_data();
    void encodeBoundaries();
    void encodeErrors_data();
    void encodeErrors();
};

namespace {

QByteArray hex(const char *digits)
{
    return QByteArray::fromHex(digits);
}

FramingSpec spec(const QString &text, qint64 maxFrameBytes = FramingSpec::DefaultMaxFrameBytes)
{
    QString error;
    const FramingSpec parsed = FramingSpec::parse(text, &error, maxFrameBytes);
    if (!error.isEmpty())
        qFatal("test spec %s does not parse: %s", qPrintable(text), qPrintable(error));
    return parsed;
}

struct Collected
{
    QList<QByteArray> frames;
    QStringList errors;
    qsizetype maxPending = 0;
};

void collect(Framer &framer, QByteArrayView piece, Collected &into)
{
    const Framer::Output out = framer.feed(piece);
    into.frames += out.frames;
    if (!out.error.isEmpty())
        into.errors += out.error;
    into.maxPending = qMax(into.maxPending, framer.pendingBytes());
}

// Feeds stream as consecutive reads cut at the given offsets.
Collected feedCut(Framer &framer, QByteArrayView stream, const QList<qsizetype> &cuts)
{
    Collected result;
    qsizetype from = 0;
    for (qsizetype cut : cuts) {
        collect(framer, stream.sliced(from, cut - from), result);
        from = cut;
    }
    collect(framer, stream.sliced(from), result);
    return result;
}

Collected feedInPieces(Framer &framer, QByteArrayView stream, qsizetype pieceSize)
{
    Collected result;
    for (qsizetype from = 0; from < stream.size(); from += pieceSize)
        collect(framer, stream.sliced(from, qMin(pieceSize, stream.size() - from)), result);
    return result;
}

QByteArray encodeAll(const FramingSpec &framing, const QList<QByteArray> &payloads)
{
    QByteArray stream;
    for (const QByteArray &payload : payloads) {
        QString error;
        const QByteArray framed = Framer::encode(framing, payload, &error);
        if (!error.isEmpty())
            qFatal("cannot encode test payload with %s: %s", qPrintable(framing.toString()), qPrintable(error));
        stream += framed;
    }
    return stream;
}

QByteArray allBytes()
{
    QByteArray bytes;
    for (int i = 0; i < 256; ++i)
        bytes += char(i);
    return bytes;
}

QByteArray allBytesExcept(const QByteArray &excluded)
{
    QByteArray bytes;
    for (int i = 0; i < 256; ++i) {
        if (!excluded.contains(char(i)))
            bytes += char(i);
    }
    return bytes;
}

QByteArray pattern(qsizetype size)
{
    QByteArray bytes(size, Qt::Uninitialized);
    for (qsizetype i = 0; i < size; ++i)
        bytes[i] = char((i * 7 + i / 256) & 0xff);
    return bytes;
}

} // namespace

// ---------------------------------------------------------------- the spec

void TestFramer::parseGood_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("canonical");
    QTest::addColumn<int>("kind");
    QTest::addColumn<QByteArray>("delimiter");
    QTest::addColumn<int>("width");
    QTest::addColumn<bool>("littleEndian");
    QTest::addColumn<bool>("includesHeader");
    QTest::addColumn<qint64>("fixedSize");

    const auto row = [](const QString &text, const QString &canonical, Kind kind, const QByteArray &delimiter,
                        int width, bool little, bool incl, qint64 fixedSize) {
        QTest::addRow("%s", qPrintable(text)) << text << canonical << int(kind) << delimiter << width << little
                                              << incl << fixedSize;
    };
    row(u"none"_s, u"none"_s, Kind::None, {}, 4, false, false, 0);
    row(u"  NONE  "_s, u"none"_s, Kind::None, {}, 4, false, false, 0);
    row(u"line"_s, u"line"_s, Kind::Delimiter, "\n", 4, false, false, 0);
    row(u"Line"_s, u"line"_s, Kind::Delimiter, "\n", 4, false, false, 0);
    row(u"crlf"_s, u"crlf"_s, Kind::Delimiter, "\r\n", 4, false, false, 0);
    row(u"delim:0a"_s, u"line"_s, Kind::Delimiter, "\n", 4, false, false, 0);
    row(u"delim:0d0a"_s, u"crlf"_s, Kind::Delimiter, "\r\n", 4, false, false, 0);
    row(u"delim:00"_s, u"delim:00"_s, Kind::Delimiter, hex("00"), 4, false, false, 0);
    row(u"DELIM:FF00"_s, u"delim:ff00"_s, Kind::Delimiter, hex("ff00"), 4, false, false, 0);
    row(u"delim:0d0a0d0a"_s, u"delim:0d0a0d0a"_s, Kind::Delimiter, "\r\n\r\n", 4, false, false, 0);
    row(u"length:1"_s, u"length:1"_s, Kind::LengthPrefix, {}, 1, false, false, 0);
    row(u"length:1:le"_s, u"length:1"_s, Kind::LengthPrefix, {}, 1, false, false, 0);
    row(u"length:1:incl"_s, u"length:1:incl"_s, Kind::LengthPrefix, {}, 1, false, true, 0);
    row(u"length:2"_s, u"length:2"_s, Kind::LengthPrefix, {}, 2, false, false, 0);
    row(u"length:2:be"_s, u"length:2"_s, Kind::LengthPrefix, {}, 2, false, false, 0);
    row(u"length:2:le"_s, u"length:2:le"_s, Kind::LengthPrefix, {}, 2, true, false, 0);
    row(u"length:4"_s, u"length:4"_s, Kind::LengthPrefix, {}, 4, false, false, 0);
    row(u"length:4:be"_s, u"length:4"_s, Kind::LengthPrefix, {}, 4, false, false, 0);
    row(u"length:4:le"_s, u"length:4:le"_s, Kind::LengthPrefix, {}, 4, true, false, 0);
    row(u"Length:4:LE"_s, u"length:4:le"_s, Kind::LengthPrefix, {}, 4, true, false, 0);
    row(u"length:4:incl"_s, u"length:4:incl"_s, Kind::LengthPrefix, {}, 4, false, true, 0);
    row(u"length:4:incl:le"_s, u"length:4:le:incl"_s, Kind::LengthPrefix, {}, 4, true, true, 0);
    row(u"length:4:be:incl"_s, u"length:4:incl"_s, Kind::LengthPrefix, {}, 4, false, true, 0);
    row(u"length:8"_s, u"length:8"_s, Kind::LengthPrefix, {}, 8, false, false, 0);
    row(u"length:8:le:incl"_s, u"length:8:le:incl"_s, Kind::LengthPrefix, {}, 8, true, true, 0);
    row(u"fixed:1"_s, u"fixed:1"_s, Kind::FixedSize, {}, 4, false, false, 1);
    row(u"fixed:16"_s, u"fixed:16"_s, Kind::FixedSize, {}, 4, false, false, 16);
    row(u" fixed : 08 "_s, u"fixed:8"_s, Kind::FixedSize, {}, 4, false, false, 8);
    row(u"fixed:16777216"_s, u"fixed:16777216"_s, Kind::FixedSize, {}, 4, false, false, 16777216);
}

void TestFramer::parseGood()
{
    QFETCH(QString, text);
    QFETCH(QString, canonical);
    QFETCH(int, kind);
    QFETCH(QByteArray, delimiter);
    QFETCH(int, width);
    QFETCH(bool, littleEndian);
    QFETCH(bool, includesHeader);
    QFETCH(qint64, fixedSize);

    QString error = u"stale"_s;
    const FramingSpec parsed = FramingSpec::parse(text, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(int(parsed.kind), kind);
    QCOMPARE(parsed.maxFrameBytes, FramingSpec::DefaultMaxFrameBytes);
    QVERIFY(parsed.isValid());
    if (parsed.kind == Kind::Delimiter)
        QCOMPARE(parsed.delimiter.toHex(' '), delimiter.toHex(' '));
    if (parsed.kind == Kind::LengthPrefix) {
        QCOMPARE(parsed.lengthWidth, width);
        QCOMPARE(parsed.endian == Endian::Little, littleEndian);
        QCOMPARE(parsed.lengthIncludesHeader, includesHeader);
    }
    if (parsed.kind == Kind::FixedSize)
        QCOMPARE(parsed.fixedSize, fixedSize);

    QCOMPARE(parsed.toString(), canonical);
    const FramingSpec again = FramingSpec::parse(canonical, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QVERIFY2(again == parsed, qPrintable(again.toString()));
    QVERIFY(!parsed.describe().isEmpty());
}

void TestFramer::parseBad_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected");

    const auto row = [](const QString &text, const QString &expected) {
        QTest::addRow("\"%s\"", qPrintable(text)) << text << expected;
    };
    row(u""_s, u"No framing given; use one of none, line, crlf"_s);
    row(u"   "_s, u"No framing given"_s);
    row(u"bogus"_s, u"Unknown framing \u201cbogus\u201d; use one of none, line, crlf, delim:HEX"_s);
    row(u"lines"_s, u"Unknown framing \u201clines\u201d"_s);
    row(u"length4"_s, u"Unknown framing \u201clength4\u201d"_s);
    row(u":4"_s, u"Unknown framing \u201c\u201d"_s);
    row(u"line:x"_s, u"Framing \u201cline\u201d takes no options; remove \u201c:x\u201d"_s);
    row(u"none:4"_s, u"Framing \u201cnone\u201d takes no options; remove \u201c:4\u201d"_s);
    row(u"crlf:"_s, u"Framing \u201ccrlf\u201d takes no options; remove \u201c:\u201d"_s);
    row(u"delim"_s, u"delim needs the delimiter bytes in hex, e.g. delim:0d0a"_s);
    row(u"delim:"_s, u"delim needs the delimiter bytes in hex"_s);
    row(u"delim:zz"_s, u"Delimiter \u201czz\u201d is not hex: \u201cz\u201d is not a hex digit"_s);
    row(u"delim:0g"_s, u"\u201cg\u201d is not a hex digit"_s);
    row(u"delim:0d 0a"_s, u"\u201c \u201d is not a hex digit"_s);
    row(u"delim:abc"_s, u"Delimiter \u201cabc\u201d has an odd number of hex digits"_s);
    row(u"delim:00:01"_s, u"delim takes one field; remove \u201c:01\u201d"_s);
    row(u"length"_s, u"length needs a width of 1, 2, 4 or 8 bytes, e.g. length:4"_s);
    row(u"length:"_s, u"length needs a width of 1, 2, 4 or 8 bytes"_s);
    row(u"length:3"_s, u"Length width must be 1, 2, 4 or 8 bytes, not \u201c3\u201d"_s);
    row(u"length:0"_s, u"Length width must be 1, 2, 4 or 8 bytes, not \u201c0\u201d"_s);
    row(u"length:16"_s, u"Length width must be 1, 2, 4 or 8 bytes, not \u201c16\u201d"_s);
    row(u"length:-4"_s, u"Length width must be 1, 2, 4 or 8 bytes, not \u201c-4\u201d"_s);
    row(u"length:four"_s, u"Length width must be 1, 2, 4 or 8 bytes, not \u201cfour\u201d"_s);
    row(u"length:4.0"_s, u"not \u201c4.0\u201d"_s);
    row(u"length:4:xx"_s, u"Unknown length option \u201cxx\u201d; use be, le or incl"_s);
    row(u"length:4:be:incl:x"_s, u"Unknown length option \u201cx\u201d"_s);
    row(u"length:4:be:le"_s, u"Length options \u201cbe\u201d and \u201cle\u201d contradict each other"_s);
    row(u"length:4:le:le"_s, u"Length option \u201cle\u201d is given twice"_s);
    row(u"length:4:incl:incl"_s, u"Length option \u201cincl\u201d is given twice"_s);
    row(u"length:4:"_s, u"Empty length option (a stray \u201c:\u201d) in \u201clength:4:\u201d"_s);
    row(u"fixed"_s, u"fixed needs a frame size in bytes, e.g. fixed:16"_s);
    row(u"fixed:"_s, u"fixed needs a frame size in bytes"_s);
    row(u"fixed:0"_s, u"Fixed frame size must be at least 1 byte, not \u201c0\u201d"_s);
    row(u"fixed:-1"_s, u"Fixed frame size \u201c-1\u201d is not a whole number of bytes"_s);
    row(u"fixed:abc"_s, u"Fixed frame size \u201cabc\u201d is not a whole number of bytes"_s);
    row(u"fixed:16777217"_s, u"Fixed frame size 16777217 exceeds the maximum frame size of 16777216 bytes"_s);
    row(u"fixed:99999999999999999999999"_s,
        u"Fixed frame size 99999999999999999999999 exceeds the maximum frame size of 16777216 bytes"_s);
    row(u"fixed:4:2"_s, u"fixed takes one field; remove \u201c:2\u201d"_s);
}

void TestFramer::parseBad()
{
    QFETCH(QString, text);
    QFETCH(QString, expected);

    QString error;
    const FramingSpec parsed = FramingSpec::parse(text, &error);
    QVERIFY2(error.contains(expected), qPrintable(u"got: "_s + error));
    QVERIFY2(!error.contains(u'\n'), "errors are one line");
    QCOMPARE(int(parsed.kind), int(Kind::None));
    // No error pointer is fine too.
    QCOMPARE(int(FramingSpec::parse(text, nullptr).kind), int(Kind::None));
}

void TestFramer::parseCustomMaximum()
{
    QString error;
    const FramingSpec small = FramingSpec::parse(u"fixed:64"_s, &error, 64);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(small.maxFrameBytes, qint64(64));
    QCOMPARE(small.fixedSize, qint64(64));

    FramingSpec::parse(u"fixed:65"_s, &error, 64);
    QVERIFY2(error.contains(u"exceeds the maximum frame size of 64 bytes"_s), qPrintable(error));

    const FramingSpec large = FramingSpec::parse(u"fixed:20000000"_s, &error, 32 * 1024 * 1024);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(large.fixedSize, qint64(20000000));

    FramingSpec::parse(u"line"_s, &error, 0);
    QVERIFY2(error.contains(u"Maximum frame size must be between 1 and 1073741824 bytes, not 0"_s), qPrintable(error));
}

void TestFramer::describe_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("words");

    const auto row = [](const QString &text, const QString &words) {
        QTest::addRow("%s", qPrintable(text)) << text << words;
    };
    row(u"length:4"_s, u"4-byte big-endian length prefix (struct.pack('!I', n))"_s);
    row(u"length:4:le"_s, u"4-byte little-endian length prefix (struct.pack('<I', n))"_s);
    row(u"length:2"_s, u"2-byte big-endian length prefix (struct.pack('!H', n))"_s);
    row(u"length:2:le"_s, u"2-byte little-endian length prefix (struct.pack('<H', n))"_s);
    row(u"length:1"_s, u"1-byte length prefix (struct.pack('B', n))"_s);
    row(u"length:8"_s, u"8-byte big-endian length prefix (struct.pack('!Q', n))"_s);
    row(u"length:8:le"_s, u"8-byte little-endian length prefix (struct.pack('<Q', n))"_s);
    row(u"length:4:incl"_s, u"4-byte big-endian length prefix that counts itself (struct.pack('!I', 4 + n))"_s);
    row(u"length:2:le:incl"_s, u"2-byte little-endian length prefix that counts itself (struct.pack('<H', 2 + n))"_s);
    row(u"line"_s, u"Lines ending in \\n (newline)"_s);
    row(u"crlf"_s, u"Lines ending in \\r\\n (CR LF)"_s);
    row(u"delim:00ff"_s, u"Frames ending in the bytes 00 ff"_s);
    row(u"fixed:16"_s, u"Fixed-size frames of 16 bytes"_s);
    row(u"fixed:1"_s, u"Fixed-size frames of 1 byte"_s);
    row(u"none"_s, u"No framing: each read is one message, cut wherever TCP delivered it"_s);
}

void TestFramer::describe()
{
    QFETCH(QString, text);
    QFETCH(QString, words);
    QCOMPARE(spec(text).describe(), words);
}

void TestFramer::invalidHandBuiltSpec_data()
{
    QTest::addColumn<FramingSpec>("framing");
    QTest::addColumn<QString>("expected");

    FramingSpec width3 = FramingSpec::lengthPrefix(3);
    QTest::newRow("width 3") << width3 << u"Length width must be 1, 2, 4 or 8 bytes, not \u201c3\u201d"_s;
    QTest::newRow("empty delimiter") << FramingSpec::delimited({}) << u"The delimiter is empty"_s;
    QTest::newRow("fixed 0") << FramingSpec::fixed(0) << u"Fixed frame size must be at least 1 byte"_s;
    FramingSpec fixedOverMax = FramingSpec::fixed(17);
    fixedOverMax.maxFrameBytes = 16;
    QTest::newRow("fixed over maximum") << fixedOverMax << u"Fixed frame size 17 exceeds the maximum frame size of 16 bytes"_s;
    FramingSpec zeroMax = FramingSpec::line();
    zeroMax.maxFrameBytes = 0;
    QTest::newRow("maximum 0") << zeroMax << u"Maximum frame size must be between 1 and"_s;
    FramingSpec hugeMax = FramingSpec::lengthPrefix(4);
    hugeMax.maxFrameBytes = qint64(1) << 40;
    QTest::newRow("maximum 1 TiB") << hugeMax << u"not 1099511627776"_s;
}

void TestFramer::invalidHandBuiltSpec()
{
    QFETCH(FramingSpec, framing);
    QFETCH(QString, expected);

    QVERIFY(!framing.isValid());
    QVERIFY2(framing.validate().contains(expected), qPrintable(framing.validate()));

    Framer framer(framing);
    QVERIFY(framer.hasError());
    Framer::Output out = framer.feed("abc\n");
    QVERIFY2(out.error.contains(expected), qPrintable(out.error));
    QVERIFY(out.frames.isEmpty());
    out = framer.feed("abc\n");
    QVERIFY2(out.error.isEmpty(), "reported once");
    QVERIFY(out.frames.isEmpty());
    framer.reset();
    QVERIFY2(framer.feed("x").error.contains(expected), "a reset cannot fix the spec");

    QString error;
    QCOMPARE(Framer::encode(framing, "abc", &error), QByteArray());
    QVERIFY2(error.contains(expected), qPrintable(error));
}

// ---------------------------------------------------------- cutting frames

void TestFramer::roundTrip_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QList<QByteArray>>("payloads");

    const QList<QByteArray> binary = {QByteArray(), "hello", QByteArray(1, '\0'), QByteArray("a\0b\0", 4),
                                      allBytes(), QByteArray(3, '\0')};
    const QStringList lengthSpecs = {u"length:1"_s, u"length:1:incl"_s, u"length:2"_s, u"length:2:le"_s,
                                     u"length:2:incl"_s, u"length:2:le:incl"_s, u"length:4"_s, u"length:4:le"_s,
                                     u"length:4:incl"_s, u"length:4:le:incl"_s, u"length:8"_s, u"length:8:le"_s,
                                     u"length:8:incl"_s, u"length:8:le:incl"_s};
    for (const QString &text : lengthSpecs) {
        const bool includes = text.endsWith(u"incl"_s);
        QList<QByteArray> payloads = binary;
        if (text.startsWith(u"length:1"_s))
            payloads.removeAll(allBytes()); // 256 bytes do not fit one byte
        else if (text.startsWith(u"length:2"_s))
            payloads += pattern(65535 - (includes ? 2 : 0)); // the largest that fits
        else
            payloads += pattern(70000); // more than 16 bits of length
        payloads += "after the big one";
        QTest::addRow("%s", qPrintable(text)) << text << payloads;
    }
    const QStringList delimiterSpecs = {u"line"_s, u"crlf"_s, u"delim:00"_s, u"delim:ff00ff"_s,
                                        u"delim:0d0a0d0a"_s};
    for (const QString &text : delimiterSpecs) {
        const QByteArray delimiter = spec(text).delimiter;
        QList<QByteArray> payloads = {QByteArray(), "hello", allBytesExcept(delimiter), QByteArray()};
        if (!delimiter.contains('\0'))
            payloads += QByteArray("a\0b\0", 4);
        QTest::addRow("%s", qPrintable(text)) << text << payloads;
    }
    QTest::addRow("fixed:1") << u"fixed:1"_s << QList<QByteArray>{"a", QByteArray(1, '\0'), "\xff"};
    QTest::addRow("fixed:5") << u"fixed:5"_s << QList<QByteArray>{"hello", QByteArray(5, '\0'), QByteArray("\0a\0b\0", 5)};
    QTest::addRow("fixed:256") << u"fixed:256"_s << QList<QByteArray>{allBytes(), pattern(256)};
}

void TestFramer::roundTrip()
{
    QFETCH(QString, text);
    QFETCH(QList<QByteArray>, payloads);

    const FramingSpec framing = spec(text);
    const QByteArray stream = encodeAll(framing, payloads);
    qsizetype expectedSize = 0;
    for (const QByteArray &payload : payloads)
        expectedSize += framing.overheadBytes() + payload.size();
    QCOMPARE(stream.size(), expectedSize);

    for (qsizetype piece : {qsizetype(1), qsizetype(3), qsizetype(1000), stream.size()}) {
        Framer framer(framing);
        const Collected got = feedInPieces(framer, stream, piece);
        QVERIFY2(got.errors.isEmpty(), qPrintable(got.errors.join(u"; ")));
        QCOMPARE(got.frames.size(), payloads.size());
        QCOMPARE(got.frames, payloads);
        QCOMPARE(framer.pendingBytes(), 0);
    }
}

void TestFramer::everySplit_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QByteArray>("stream");
    QTest::addColumn<QList<QByteArray>>("frames");
    QTest::addColumn<qsizetype>("pending");

    const auto row = [](const char *name, const QString &text, const QByteArray &stream,
                        const QList<QByteArray> &frames, qsizetype pending) {
        QTest::addRow("%s %s", qPrintable(text), name) << text << stream << frames << pending;
    };
    row("lines and an empty line", u"line"_s, "one\ntwo\n\nthree\n", {"one", "two", "", "three"}, 0);
    row("partial last line", u"line"_s, "a\nbc", {"a"}, 2);
    row("only newlines", u"line"_s, "\n\n\n", {"", "", ""}, 0);
    row("HTTP request", u"crlf"_s, "GET / HTTP/1.1\r\nHost: x\r\n\r\n", {"GET / HTTP/1.1", "Host: x", ""}, 0);
    row("lone CR and LF stay in the frame", u"crlf"_s, "a\rb\nc\r\r\nd\r\n\r", {"a\rb\nc\r", "d"}, 1);
    row("NUL-terminated", u"delim:00"_s, QByteArray("a\0\0b\0c", 6), {"a", "", "b"}, 1);
    row("overlapping delimiter", u"delim:616161"_s, "xaaaaaaz", {"x", ""}, 1);
    row("delimiter prefix repeats", u"delim:616162"_s, "aaaababaab", {"aa", "ab"}, 0);
    row("header end", u"delim:0d0a0d0a"_s, "HTTP/1.1 200 OK\r\nA: b\r\n\r\nbody\r\n\r\n\r\n",
        {"HTTP/1.1 200 OK\r\nA: b", "body"}, 2);
    row("python !I", u"length:4"_s, hex("00000005") + "hello" + hex("00000000") + hex("00000003") + QByteArray("a\0b", 3),
        {"hello", "", QByteArray("a\0b", 3)}, 0);
    row("python <I", u"length:4:le"_s, hex("05000000") + "hello" + hex("03000000") + QByteArray("\0\0\0", 3),
        {"hello", QByteArray(3, '\0')}, 0);
    row("half a header left", u"length:2"_s, hex("0002") + "hi" + hex("00"), {"hi"}, 1);
    row("header and half a payload left", u"length:2:le"_s, hex("0200") + "hi" + hex("0500") + "abc", {"hi"}, 5);
    row("counts itself", u"length:1:incl"_s, hex("06") + "hello" + hex("01"), {"hello", ""}, 0);
    row("8-byte little-endian", u"length:8:le"_s, hex("0300000000000000") + "abc", {"abc"}, 0);
    row("8-byte incl", u"length:8:incl"_s, hex("000000000000000b") + "abc" + hex("0000000000000008"), {"abc", ""}, 0);
    row("frames of three", u"fixed:3"_s, "abcdefgh", {"abc", "def"}, 2);
    row("frames of one", u"fixed:1"_s, QByteArray("a\0c", 3), {"a", QByteArray(1, '\0'), "c"}, 0);
}

void TestFramer::everySplit()
{
    QFETCH(QString, text);
    QFETCH(QByteArray, stream);
    QFETCH(QList<QByteArray>, frames);
    QFETCH(qsizetype, pending);

    const FramingSpec framing = spec(text);
    {
        Framer framer(framing);
        const Collected whole = feedCut(framer, stream, {});
        QVERIFY(whole.errors.isEmpty());
        QCOMPARE(whole.frames, frames);
        QCOMPARE(framer.pendingBytes(), pending);
    }
    for (qsizetype at = 0; at <= stream.size(); ++at) {
        Framer framer(framing);
        const Collected got = feedCut(framer, stream, {at});
        QVERIFY2(got.errors.isEmpty(), qPrintable(got.errors.join(u"; ")));
        QVERIFY2(got.frames == frames, qPrintable(u"split at %1"_s.arg(at)));
        QCOMPARE(framer.pendingBytes(), pending);
    }
    for (qsizetype first = 0; first <= stream.size(); ++first) {
        for (qsizetype second = first; second <= stream.size(); ++second) {
            Framer framer(framing);
            const Collected got = feedCut(framer, stream, {first, second});
            QVERIFY2(got.frames == frames, qPrintable(u"split at %1 and %2"_s.arg(first).arg(second)));
            QCOMPARE(framer.pendingBytes(), pending);
        }
    }
    Framer framer(framing);
    const Collected bytewise = feedInPieces(framer, stream, 1);
    QVERIFY(bytewise.errors.isEmpty());
    QCOMPARE(bytewise.frames, frames);
    QCOMPARE(framer.pendingBytes(), pending);

    // The same framer, reset, reads the stream again from the start.
    framer.reset();
    QCOMPARE(framer.pendingBytes(), 0);
    QCOMPARE(feedCut(framer, stream, {}).frames, frames);
}

void TestFramer::threeFramesInOneChunk_data()
{
    QTest::addColumn<QString>("text");
    for (const QString &text : {u"line"_s, u"crlf"_s, u"delim:00"_s, u"length:1"_s, u"length:2:le"_s, u"length:4"_s,
                                u"length:4:le"_s, u"length:4:incl"_s, u"length:8"_s, u"fixed:4"_s})
        QTest::addRow("%s", qPrintable(text)) << text;
}

void TestFramer::threeFramesInOneChunk()
{
    QFETCH(QString, text);
    // Lesson 8: three quick send()s arrive in one recv().
    const QList<QByteArray> payloads = {"msg1", "msg2", "msg3"};
    const FramingSpec framing = spec(text);
    const QByteArray stream = encodeAll(framing, payloads);

    Framer framer(framing);
    const Framer::Output out = framer.feed(stream);
    QVERIFY(out.ok());
    QCOMPARE(out.frames, payloads);
    QCOMPARE(framer.pendingBytes(), 0);

    // Two and a half frames, then the rest: two now, the third later.
    const qsizetype cut = stream.size() - 2;
    Framer split(framing);
    QCOMPARE(split.feed(QByteArrayView(stream).first(cut)).frames, payloads.first(2));
    QCOMPARE(split.pendingBytes(), stream.size() / 3 - 2);
    QCOMPARE(split.feed(QByteArrayView(stream).sliced(cut)).frames, payloads.last(1));
    QCOMPARE(split.pendingBytes(), 0);
}

void TestFramer::pythonStruct_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QByteArray>("wire");
    QTest::addColumn<QByteArray>("payload");

    // Byte for byte what Python writes (lesson 9).
    QTest::newRow("struct.pack('!I', 5) + b'hello'") << u"length:4"_s << hex("0000000568656c6c6f") << QByteArray("hello");
    QTest::newRow("struct.pack('<I', 5) + b'hello'") << u"length:4:le"_s << hex("0500000068656c6c6f") << QByteArray("hello");
    QTest::newRow("struct.pack('i', 5) + b'hello' on x86") << u"length:4:le"_s << hex("0500000068656c6c6f") << QByteArray("hello");
    QTest::newRow("struct.pack('>H', 5) + b'hello'") << u"length:2"_s << hex("000568656c6c6f") << QByteArray("hello");
    QTest::newRow("struct.pack('<H', 5) + b'hello'") << u"length:2:le"_s << hex("050068656c6c6f") << QByteArray("hello");
    QTest::newRow("struct.pack('B', 5) + b'hello'") << u"length:1"_s << hex("0568656c6c6f") << QByteArray("hello");
    QTest::newRow("struct.pack('!Q', 5) + b'hello'") << u"length:8"_s << hex("000000000000000568656c6c6f") << QByteArray("hello");
    QTest::newRow("struct.pack('<Q', 5) + b'hello'") << u"length:8:le"_s << hex("050000000000000068656c6c6f") << QByteArray("hello");
    QTest::newRow("struct.pack('!I', 4 + 5) + b'hello'") << u"length:4:incl"_s << hex("0000000968656c6c6f") << QByteArray("hello");
    // 258 = 0x0102: the two bytes differ, so a swapped order cannot pass.
    QTest::newRow("struct.pack('!I', 258) + 258 bytes") << u"length:4"_s << hex("00000102") + pattern(258) << pattern(258);
    QTest::newRow("struct.pack('<I', 258) + 258 bytes") << u"length:4:le"_s << hex("02010000") + pattern(258) << pattern(258);
    QTest::newRow("struct.pack('>H', 258) + 258 bytes") << u"length:2"_s << hex("0102") + pattern(258) << pattern(258);
    QTest::newRow("struct.pack('<H', 258) + 258 bytes") << u"length:2:le"_s << hex("0201") + pattern(258) << pattern(258);
    QTest::newRow("struct.pack('!I', 0x010203) + bytes") << u"length:4"_s << hex("00010203") + pattern(0x010203) << pattern(0x010203);
    QTest::newRow("struct.pack('<Q', 0x010203) + bytes") << u"length:8:le"_s << hex("0302010000000000") + pattern(0x010203) << pattern(0x010203);
}

void TestFramer::pythonStruct()
{
    QFETCH(QString, text);
    QFETCH(QByteArray, wire);
    QFETCH(QByteArray, payload);

    const FramingSpec framing = spec(text);
    Framer framer(framing);
    const Framer::Output out = framer.feed(wire);
    QVERIFY(out.ok());
    QCOMPARE(out.frames.size(), 1);
    QCOMPARE(out.frames.first(), payload);

    QString error;
    const QByteArray encoded = Framer::encode(framing, payload, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(encoded.left(16).toHex(' '), wire.left(16).toHex(' ')); // readable on failure
    QCOMPARE(encoded, wire);
}

void TestFramer::noFraming()
{
    Framer framer(FramingSpec::none());
    QCOMPARE(framer.feed("abc\ndef").frames, QList<QByteArray>{"abc\ndef"});
    QVERIFY(framer.feed("").frames.isEmpty());
    QCOMPARE(framer.feed(QByteArray(2, '\0')).frames, QList<QByteArray>{QByteArray(2, '\0')});
    QCOMPARE(framer.pendingBytes(), 0);
    QString error = u"stale"_s;
    QCOMPARE(Framer::encode(FramingSpec::none(), "raw\n", &error), QByteArray("raw\n"));
    QVERIFY(error.isEmpty());
}

// ------------------------------------------------- hostile or broken peers

void TestFramer::lengthOverMaximum_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<QString>("expected");

    QTest::newRow("length:4 ff ff ff ff")
        << u"length:4"_s << hex("ffffffff")
        << u"Length prefix ff ff ff ff announces 4294967295 bytes, more than the maximum frame size of 1048576 bytes"_s;
    QTest::newRow("length:4 one over 1 MiB") << u"length:4"_s << hex("00100001") << u"announces 1048577 bytes"_s;
    QTest::newRow("length:4:le ff ff ff 7f") << u"length:4:le"_s << hex("ffffff7f") << u"announces 2147483647 bytes"_s;
    QTest::newRow("length:8 all ones") << u"length:8"_s << hex("ffffffffffffffff") << u"announces 18446744073709551615 bytes"_s;
    QTest::newRow("length:8:le 2^63") << u"length:8:le"_s << hex("0000000000000080") << u"announces 9223372036854775808 bytes"_s;
    QTest::newRow("\"GET \" read as a length") << u"length:4"_s << QByteArray("GET ")
                                               << u"Length prefix 47 45 54 20 announces 1195725856 bytes"_s;
    QTest::newRow("length:4:incl 3 < header")
        << u"length:4:incl"_s << hex("00000003")
        << u"Length prefix 00 00 00 03 (3) is smaller than the 4-byte header it includes"_s;
    QTest::newRow("length:4:incl 0") << u"length:4:incl"_s << hex("00000000") << u"(0) is smaller than the 4-byte header"_s;
    QTest::newRow("length:1:incl 0") << u"length:1:incl"_s << hex("00") << u"(0) is smaller than the 1-byte header"_s;
    QTest::newRow("length:8:le:incl 7") << u"length:8:le:incl"_s << hex("0700000000000000") << u"(7) is smaller than the 8-byte header"_s;
}

void TestFramer::lengthOverMaximum()
{
    QFETCH(QString, text);
    QFETCH(QByteArray, header);
    QFETCH(QString, expected);

    const FramingSpec framing = spec(text, 1024 * 1024);
    const QByteArray stream = header + QByteArray(4096, 'x');

    Framer whole(framing);
    const Framer::Output out = whole.feed(stream);
    QVERIFY2(out.error.contains(expected), qPrintable(out.error));
    QVERIFY(out.frames.isEmpty());
    QVERIFY(whole.hasError());
    QCOMPARE(whole.errorString(), out.error);
    QCOMPARE(whole.pendingBytes(), 0);
    QVERIFY2(whole.retainedBytes() < 64, qPrintable(QString::number(whole.retainedBytes())));

    // Byte by byte: nothing until the header is complete, then the error,
    // and never more than the header held.
    Framer bytewise(framing);
    for (qsizetype i = 0; i < header.size() - 1; ++i) {
        const Framer::Output partial = bytewise.feed(QByteArrayView(header).sliced(i, 1));
        QVERIFY(partial.ok());
        QCOMPARE(bytewise.pendingBytes(), i + 1);
    }
    const Framer::Output last = bytewise.feed(QByteArrayView(header).last(1));
    QVERIFY2(last.error.contains(expected), qPrintable(last.error));
    for (qsizetype i = 0; i < 4096; ++i) {
        const Framer::Output after = bytewise.feed("x");
        QVERIFY(after.ok() && after.frames.isEmpty());
    }
    QCOMPARE(bytewise.pendingBytes(), 0);
    QVERIFY(bytewise.retainedBytes() < 64);
}

void TestFramer::byteOrderHint_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<qint64>("maxFrameBytes");
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<QString>("hint");  // empty: no hint at all

    const QString le = u"it looks like a little-endian length (%1): the sender may use struct.pack('%2', n) "
                       "(native order on x86); choose %3"_s;
    const QString be = u"it looks like a big-endian length (%1): the sender may use struct.pack('%2', n) "
                       "(network byte order); choose %3"_s;
    const qint64 mib = 1024 * 1024;
    QTest::newRow("length:4, struct.pack('i', 5)") << u"length:4"_s << mib << hex("05000000") << le.arg(5).arg(u"i"_s, u"length:4:le"_s);
    QTest::newRow("length:4:le, struct.pack('!I', 5)") << u"length:4:le"_s << mib << hex("00000005") << be.arg(5).arg(u"!I"_s, u"length:4"_s);
    QTest::newRow("length:2, struct.pack('h', 5)") << u"length:2"_s << qint64(1000) << hex("0500") << le.arg(5).arg(u"h"_s, u"length:2:le"_s);
    QTest::newRow("length:2:le, struct.pack('!H', 5)") << u"length:2:le"_s << qint64(1000) << hex("0005") << be.arg(5).arg(u"!H"_s, u"length:2"_s);
    QTest::newRow("length:4:incl, little-endian 9") << u"length:4:incl"_s << mib << hex("09000000") << le.arg(9).arg(u"i"_s, u"length:4:le:incl"_s);
    QTest::newRow("length:8, struct.pack('q', 3)") << u"length:8"_s << mib << hex("0300000000000000") << le.arg(3).arg(u"q"_s, u"length:8:le"_s);
    // Neither order fits, or the other one would not fit either: no guess.
    QTest::newRow("ff ff ff ff") << u"length:4"_s << mib << hex("ffffffff") << QString();
    QTest::newRow("\"GET \" is text, not a length") << u"length:4"_s << mib << QByteArray("GET ") << QString();
    QTest::newRow("length:4:incl, swapped below the header") << u"length:4:incl"_s << qint64(16) << hex("02000000") << QString();
}

// A length written in the other byte order than the spec's is the classic
// student mistake (struct.pack('i', n) on x86 is little-endian): the error
// says which order it looks like and the spec that reads it.
void TestFramer::byteOrderHint()
{
    QFETCH(QString, text);
    QFETCH(qint64, maxFrameBytes);
    QFETCH(QByteArray, header);
    QFETCH(QString, hint);

    Framer framer(spec(text, maxFrameBytes));
    const Framer::Output out = framer.feed(header + "hello");
    QVERIFY2(out.error.startsWith(u"Length prefix %1 announces "_s.arg(QString::fromLatin1(header.toHex(' ')))), qPrintable(out.error));
    if (hint.isEmpty()) {
        QVERIFY2(!out.error.contains(u"looks like"_s), qPrintable(out.error));
    } else {
        QVERIFY2(out.error.endsWith(u"; "_s + hint), qPrintable(out.error));
        // The spec it names reads the same header as the length it names.
        const FramingSpec suggested = spec(hint.section(u"choose "_s, 1), maxFrameBytes);
        Framer reader(suggested);
        const qsizetype announced = hint.section(u'(', 1, 1).section(u')', 0, 0).toLongLong()
                                  - (suggested.lengthIncludesHeader ? suggested.lengthWidth : 0);
        const Framer::Output read = reader.feed(header + QByteArray(announced, 'x'));
        QVERIFY2(read.ok(), qPrintable(read.error));
        QCOMPARE(read.frames.size(), 1);
        QCOMPARE(read.frames.first().size(), announced);
    }
}

void TestFramer::byteOrderHintOverTcp_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QByteArray>("sent");
    QTest::addColumn<QString>("expected");
    QTest::newRow("length:4, little-endian sender") << u"length:4"_s << QByteArray("\x05\x00\x00\x00hello", 9)
                                                    << u"struct.pack('i', n) (native order on x86); choose length:4:le"_s;
    QTest::newRow("length:4:le, big-endian sender") << u"length:4:le"_s << QByteArray("\x00\x00\x00\x05hello", 9)
                                                    << u"struct.pack('!I', n) (network byte order); choose length:4"_s;
}

// The same over a real connection: the server session's error event says it.
void TestFramer::byteOrderHintOverTcp()
{
    QFETCH(QString, text);
    QFETCH(QByteArray, sent);
    QFETCH(QString, expected);
    TcpServerSession server;
    server.setFraming(spec(text));
    QVERIFY(server.start());
    QTcpSocket client;
    client.connectToHost(QHostAddress::LocalHost, server.listenEndpoint().port);
    QVERIFY(client.waitForConnected(5000));
    client.write(sent);
    QTRY_COMPARE(eventsOf(server, TrafficEvent::Kind::Error).size(), 1);
    const TrafficEvent error = eventsOf(server, TrafficEvent::Kind::Error).first();
    QVERIFY2(error.message.contains(u"announces 83886080 bytes"_s), qPrintable(error.message));
    QVERIFY2(error.message.endsWith(expected), qPrintable(error.message));
    QVERIFY(eventsOf(server, TrafficEvent::Kind::Frame).isEmpty());
}

void TestFramer::frameAtMaximum_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QByteArray>("atMaximum");
    QTest::addColumn<QByteArray>("overMaximum");

    // Maximum 16 bytes of payload.
    const QByteArray sixteen(16, 'm');
    QTest::newRow("length:1") << u"length:1"_s << hex("10") + sixteen << hex("11") + sixteen + "m";
    QTest::newRow("length:1:incl") << u"length:1:incl"_s << hex("11") + sixteen << hex("12") + sixteen + "m";
    QTest::newRow("length:4:le") << u"length:4:le"_s << hex("10000000") + sixteen << hex("11000000") + sixteen + "m";
    QTest::newRow("line") << u"line"_s << sixteen + "\n" << sixteen + "m\n";
    QTest::newRow("crlf") << u"crlf"_s << sixteen + "\r\n" << sixteen + "m\r\n";
    QTest::newRow("crlf, CR at 17") << u"crlf"_s << sixteen + "\r\n" << sixteen + "\r\r\n";
    QTest::newRow("delim:0d0a0d0a") << u"delim:0d0a0d0a"_s << sixteen + "\r\n\r\n" << sixteen + "\r\r\n\r\n";
}

void TestFramer::frameAtMaximum()
{
    QFETCH(QString, text);
    QFETCH(QByteArray, atMaximum);
    QFETCH(QByteArray, overMaximum);

    const FramingSpec framing = spec(text, 16);
    for (qsizetype piece : {qsizetype(1), qsizetype(2), qsizetype(5), atMaximum.size()}) {
        Framer framer(framing);
        const Collected ok = feedInPieces(framer, atMaximum, piece);
        QVERIFY2(ok.errors.isEmpty(), qPrintable(ok.errors.join(u"; ")));
        QCOMPARE(ok.frames.size(), 1);
        QCOMPARE(ok.frames.first().size(), 16);
        QVERIFY(ok.maxPending <= 16 + framing.overheadBytes());

        Framer over(framing);
        const Collected bad = feedInPieces(over, overMaximum, piece);
        QCOMPARE(bad.errors.size(), 1);
        QVERIFY2(bad.errors.first().contains(u"maximum frame size of 16 bytes"_s), qPrintable(bad.errors.first()));
        QVERIFY(bad.frames.isEmpty());
        QVERIFY2(bad.maxPending <= 16 + framing.overheadBytes(), qPrintable(QString::number(bad.maxPending)));
    }
    // Also at every split into two reads.
    for (qsizetype at = 0; at <= overMaximum.size(); ++at) {
        Framer over(framing);
        const Collected bad = feedCut(over, overMaximum, {at});
        QVERIFY2(bad.errors.size() == 1, qPrintable(u"split at %1"_s.arg(at)));
        QVERIFY(bad.frames.isEmpty());
    }
}

void TestFramer::delimiterFrameOverMaximum_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected");
    QTest::newRow("line") << u"line"_s << u"No delimiter 0a within the maximum frame size of 1024 bytes"_s;
    QTest::newRow("crlf") << u"crlf"_s << u"No delimiter 0d 0a within the maximum frame size of 1024 bytes"_s;
    QTest::newRow("delim:00") << u"delim:00"_s << u"No delimiter 00 within"_s;
}

void TestFramer::delimiterFrameOverMaximum()
{
    QFETCH(QString, text);
    QFETCH(QString, expected);

    // A peer that never sends the delimiter must not grow the buffer past
    // the maximum frame (plus a possible partial delimiter).
    const FramingSpec framing = spec(text, 1024);
    const QByteArray good = encodeAll(framing, {"first"});
    const QByteArray endless(1024 * 1024, 'x');

    Framer inOne(framing);
    Framer::Output out = inOne.feed(good + endless);
    QCOMPARE(out.frames, QList<QByteArray>{"first"});
    QVERIFY2(out.error.contains(expected), qPrintable(out.error));
    QCOMPARE(inOne.pendingBytes(), 0);

    Framer bytewise(framing);
    QCOMPARE(bytewise.feed(good).frames.size(), 1);
    qsizetype fedUntilError = -1;
    for (qsizetype i = 0; i < 4096; ++i) {
        out = bytewise.feed("x");
        QVERIFY(out.frames.isEmpty());
        QVERIFY(bytewise.pendingBytes() <= 1024 + framing.delimiter.size() - 1);
        if (!out.error.isEmpty()) {
            QVERIFY2(fedUntilError < 0, "the error is reported once");
            fedUntilError = i + 1;
        }
    }
    // It holds at most the maximum plus a partial delimiter, then gives up.
    QCOMPARE(fedUntilError, 1024 + framing.delimiter.size());

    Framer inKiB(framing);
    QCOMPARE(inKiB.feed(good).frames.size(), 1);
    QVERIFY(inKiB.feed(QByteArrayView(endless).first(1000)).ok());
    QCOMPARE(inKiB.pendingBytes(), 1000);
    QVERIFY(inKiB.feed(QByteArrayView(endless).first(1024 + framing.delimiter.size() - 1 - 1000)).ok());
    QVERIFY(!inKiB.feed("x").ok());
}

void TestFramer::errorPersistsUntilReset_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QByteArray>("poison");

    QTest::newRow("length:4 huge length") << u"length:4"_s << hex("7fffffff");
    QTest::newRow("length:2:incl short length") << u"length:2:incl"_s << hex("0001");
    QTest::newRow("line without newline") << u"line"_s << QByteArray(100, 'x');
    QTest::newRow("crlf without CR LF") << u"crlf"_s << QByteArray(100, '\r');
}

void TestFramer::errorPersistsUntilReset()
{
    QFETCH(QString, text);
    QFETCH(QByteArray, poison);

    const FramingSpec framing = spec(text, 64);
    const QByteArray good = encodeAll(framing, {"good"});
    Framer framer(framing);
    QCOMPARE(framer.feed(good).frames, QList<QByteArray>{"good"});

    // Frames before the fault in the same read still come out.
    Framer::Output out = framer.feed(good + good + poison);
    QCOMPARE(out.frames, (QList<QByteArray>{"good", "good"}));
    QVERIFY(!out.error.isEmpty());
    const QString error = out.error;

    // Reported once; a valid frame afterwards is not trusted either.
    for (int i = 0; i < 3; ++i) {
        out = framer.feed(good);
        QVERIFY(out.error.isEmpty());
        QVERIFY(out.frames.isEmpty());
        QVERIFY(framer.hasError());
        QCOMPARE(framer.errorString(), error);
        QCOMPARE(framer.pendingBytes(), 0);
    }

    framer.reset();
    QVERIFY(!framer.hasError());
    QVERIFY(framer.errorString().isEmpty());
    out = framer.feed(good + good);
    QVERIFY(out.ok());
    QCOMPARE(out.frames, (QList<QByteArray>{"good", "good"}));
}

void TestFramer::announcedLengthIsNotReserved()
{
    // 16 MiB announced, 10 bytes sent: only what arrived is held.
    const qint64 size = FramingSpec::DefaultMaxFrameBytes;
    const FramingSpec framing = FramingSpec::lengthPrefix(4);
    const QByteArray payload = pattern(size);
    const QByteArray stream = Framer::encode(framing, payload, nullptr);
    QCOMPARE(stream.size(), size + 4);

    Framer framer(framing);
    QVERIFY(framer.feed(QByteArrayView(stream).first(14)).frames.isEmpty());
    QCOMPARE(framer.pendingBytes(), 14);
    QVERIFY2(framer.retainedBytes() < 4096, qPrintable(QString::number(framer.retainedBytes())));

    Collected got;
    for (qsizetype from = 14; from < stream.size(); from += 65536)
        collect(framer, QByteArrayView(stream).sliced(from, qMin<qsizetype>(65536, stream.size() - from)), got);
    QVERIFY(got.errors.isEmpty());
    QCOMPARE(got.frames.size(), 1);
    QVERIFY(got.frames.first() == payload);
    QCOMPARE(framer.pendingBytes(), 0);
}

void TestFramer::largeStreamsByteByByte_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QList<QByteArray>>("payloads");

    const qsizetype mib = 1024 * 1024;
    QList<QByteArray> lines;
    for (qsizetype i = 0; i < mib / 16; ++i)
        lines += QByteArray::number(i).rightJustified(15, '.');
    // A quadratic scan (searching the whole buffer on every byte) would need
    // about 5e11 steps for the single 1 MiB frame and never finish in time.
    QTest::newRow("line, one 1 MiB frame") << u"line"_s << QList<QByteArray>{QByteArray(mib - 1, 'x')};
    QTest::newRow("crlf, one 1 MiB frame") << u"crlf"_s << QList<QByteArray>{QByteArray(mib - 2, '\r')};
    QTest::newRow("delim:0d0a0d0a, one 1 MiB frame") << u"delim:0d0a0d0a"_s << QList<QByteArray>{QByteArray(mib - 4, '\n')};
    QTest::newRow("line, 65536 lines") << u"line"_s << lines;
    QTest::newRow("length:4, one 1 MiB frame") << u"length:4"_s << QList<QByteArray>{pattern(mib - 4)};
    QTest::newRow("fixed:1048576") << u"fixed:1048576"_s << QList<QByteArray>{pattern(mib)};
}

void TestFramer::largeStreamsByteByByte()
{
    QFETCH(QString, text);
    QFETCH(QList<QByteArray>, payloads);

    const FramingSpec framing = spec(text);
    const QByteArray stream = encodeAll(framing, payloads);
    QCOMPARE(stream.size(), 1024 * 1024);

    Framer framer(framing);
    const Collected got = feedInPieces(framer, stream, 1);
    QVERIFY(got.errors.isEmpty());
    QCOMPARE(got.frames.size(), payloads.size());
    QVERIFY(got.frames == payloads);
    QCOMPARE(framer.pendingBytes(), 0);
}

// -------------------------------------------------------------- encoding

void TestFramer::encodeBoundaries_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QByteArray>("payload");
    QTest::addColumn<QByteArray>("wire");

    QTest::newRow("length:1, 255 bytes") << u"length:1"_s << pattern(255) << hex("ff") + pattern(255);
    QTest::newRow("length:1:incl, 254 bytes") << u"length:1:incl"_s << pattern(254) << hex("ff") + pattern(254);
    QTest::newRow("length:2, 65535 bytes") << u"length:2"_s << pattern(65535) << hex("ffff") + pattern(65535);
    QTest::newRow("length:2:le:incl, 65533 bytes") << u"length:2:le:incl"_s << pattern(65533) << hex("ffff") + pattern(65533);
    QTest::newRow("length:4, empty") << u"length:4"_s << QByteArray() << hex("00000000");
    QTest::newRow("length:8:incl, empty") << u"length:8:incl"_s << QByteArray() << hex("0000000000000008");
    QTest::newRow("line, empty") << u"line"_s << QByteArray() << QByteArray("\n");
    QTest::newRow("crlf, payload ends in CR") << u"crlf"_s << QByteArray("a\r") << QByteArray("a\r\r\n");
    QTest::newRow("crlf, payload starts with LF") << u"crlf"_s << QByteArray("\na") << QByteArray("\na\r\n");
    QTest::newRow("delim:00, text") << u"delim:00"_s << QByteArray("hi") << QByteArray("hi\0", 3);
    QTest::newRow("fixed:3, NULs") << u"fixed:3"_s << QByteArray(3, '\0') << QByteArray(3, '\0');
}

void TestFramer::encodeBoundaries()
{
    QFETCH(QString, text);
    QFETCH(QByteArray, payload);
    QFETCH(QByteArray, wire);

    const FramingSpec framing = spec(text);
    QString error = u"stale"_s;
    const QByteArray encoded = Framer::encode(framing, payload, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(encoded.left(16).toHex(' '), wire.left(16).toHex(' ')); // readable on failure
    QVERIFY(encoded == wire);

    Framer framer(framing);
    QCOMPARE(framer.feed(encoded).frames, QList<QByteArray>{payload});
}

void TestFramer::encodeErrors_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<qint64>("maxFrameBytes");
    QTest::addColumn<QByteArray>("payload");
    QTest::addColumn<QString>("expected");

    const qint64 dflt = FramingSpec::DefaultMaxFrameBytes;
    QTest::newRow("length:1, 300 bytes") << u"length:1"_s << dflt << pattern(300)
        << u"A payload of 300 bytes does not fit the length prefix length:1 (at most 255 bytes)"_s;
    QTest::newRow("length:1, 256 bytes") << u"length:1"_s << dflt << pattern(256) << u"(at most 255 bytes)"_s;
    QTest::newRow("length:1:incl, 255 bytes") << u"length:1:incl"_s << dflt << pattern(255)
        << u"does not fit the length prefix length:1:incl (at most 254 bytes)"_s;
    QTest::newRow("length:2:le, 65536 bytes") << u"length:2:le"_s << dflt << pattern(65536)
        << u"A payload of 65536 bytes does not fit the length prefix length:2:le (at most 65535 bytes)"_s;
    QTest::newRow("length:4, over maximum") << u"length:4"_s << qint64(16) << pattern(17)
        << u"A payload of 17 bytes exceeds the maximum frame size of 16 bytes"_s;
    QTest::newRow("line, over maximum") << u"line"_s << qint64(4) << QByteArray("hello")
        << u"A payload of 5 bytes exceeds the maximum frame size of 4 bytes"_s;
    QTest::newRow("fixed:4, 3 bytes") << u"fixed:4"_s << dflt << QByteArray("abc")
        << u"Frames of fixed:4 are exactly 4 bytes; this payload is 3 bytes"_s;
    QTest::newRow("fixed:4, 5 bytes") << u"fixed:4"_s << dflt << QByteArray("abcde") << u"this payload is 5 bytes"_s;
    QTest::newRow("fixed:4, empty") << u"fixed:4"_s << dflt << QByteArray() << u"this payload is 0 bytes"_s;
    QTest::newRow("line, newline inside") << u"line"_s << dflt << QByteArray("a\nb")
        << u"The delimiter 0a occurs in the payload at byte 1; the receiver would cut the message there"_s;
    QTest::newRow("crlf, CR LF inside") << u"crlf"_s << dflt << QByteArray("x\r\ny")
        << u"The delimiter 0d 0a occurs in the payload at byte 1"_s;
    QTest::newRow("delim:00, NUL first") << u"delim:00"_s << dflt << QByteArray("\0ab", 3)
        << u"The delimiter 00 occurs in the payload at byte 0"_s;
    QTest::newRow("delim:0a0a, payload runs into the delimiter") << u"delim:0a0a"_s << dflt << QByteArray("a\n")
        << u"The delimiter 0a 0a occurs in the payload at byte 1"_s;
}

void TestFramer::encodeErrors()
{
    QFETCH(QString, text);
    QFETCH(qint64, maxFrameBytes);
    QFETCH(QByteArray, payload);
    QFETCH(QString, expected);

    QString error;
    const QByteArray encoded = Framer::encode(spec(text, maxFrameBytes), payload, &error);
    QVERIFY2(error.contains(expected), qPrintable(u"got: "_s + error));
    QVERIFY(encoded.isEmpty());
}

QTEST_GUILESS_MAIN(TestFramer)
#include "tst_framer.moc"
