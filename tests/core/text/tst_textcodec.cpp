#include "core/text/StreamDecoder.h"
#include "core/text/TextCodec.h"

#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QStringDecoder>
#include <QTest>

using namespace Qt::StringLiterals;

class TestTextCodec : public QObject
{
    Q_OBJECT

private slots:
    void encodingsAreOfferedInOrder();
    void everyOfferedEncodingWorksBothWays();
    void aliases_data();
    void aliases();
    void unknownNames_data();
    void unknownNames();

    void roundTrip_data();
    void roundTrip();
    void gbkKnownBytes();
    void decodeMatchesQtForValidText_data();
    void decodeMatchesQtForValidText();
    void byteOrderMarkIsShown();

    void invalidBytes_data();
    void invalidBytes();
    void largeInvalidPayloadIsFast_data();
    void largeInvalidPayloadIsFast();

    void unmappable_data();
    void unmappable();

    void splitCharacters_data();
    void splitCharacters();
    void streamByteByByte_data();
    void streamByteByByte();
    void finishTurnsHeldBytesIntoReplacement_data();
    void finishTurnsHeldBytesIntoReplacement();
    void streamInRandomPiecesMatchesWholeDecode_data();
    void streamInRandomPiecesMatchesWholeDecode();
    void streamCountsInvalidSequences();
    void streamWithUnknownEncoding();
    void streamResetForgetsHeldBytes();
    void decodePartialReportsConsumed_data();
    void decodePartialReportsConsumed();

    void toHex_data();
    void toHex();
};

static QByteArray fromHex(const char *hex)
{
    return QByteArray::fromHex(hex);
}

void TestTextCodec::encodingsAreOfferedInOrder()
{
    // Debian 12's Qt is built with ICU, so every encoding of the table is there.
    const QStringList expected{u"UTF-8"_s, u"GBK"_s, u"GB18030"_s, u"Big5"_s, u"Shift_JIS"_s,
                               u"EUC-JP"_s, u"EUC-KR"_s, u"ISO-8859-1"_s, u"windows-1252"_s,
                               u"UTF-16LE"_s, u"UTF-16BE"_s};
    QCOMPARE(TextCodec::encodings(), expected);
}

void TestTextCodec::everyOfferedEncodingWorksBothWays()
{
    for (const QString &name : TextCodec::encodings()) {
        QVERIFY2(TextCodec::isSupported(name), qPrintable(name));
        QCOMPARE(TextCodec::canonicalName(name), name);
        const TextCodec::Encoded encoded = TextCodec::encode(u"Hello, 1+1=2"_s, name);
        QVERIFY2(encoded.ok(), qPrintable(name + u": "_s + encoded.error));
        const TextCodec::Decoded decoded = TextCodec::decode(encoded.bytes, name);
        QCOMPARE(decoded.text, u"Hello, 1+1=2"_s);
        QVERIFY(!decoded.hasErrors());
        QVERIFY(TextCodec::maxCharBytes(name) >= 1);
    }
}

void TestTextCodec::aliases_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("canonical");
    const QList<QPair<const char *, const char *>> rows{
        {"UTF-8", "UTF-8"}, {"utf8", "UTF-8"}, {"Utf-8", "UTF-8"}, {"utf_8", "UTF-8"},
        {"GBK", "GBK"}, {"gbk", "GBK"}, {"cp936", "GBK"}, {"gb2312", "GBK"}, {"GB-2312", "GBK"},
        {"gb18030", "GB18030"},
        {"big5", "Big5"}, {"BIG-5", "Big5"},
        {"sjis", "Shift_JIS"}, {"shift-jis", "Shift_JIS"}, {"Shift_JIS", "Shift_JIS"}, {"cp932", "Shift_JIS"},
        {"euc-jp", "EUC-JP"}, {"eucjp", "EUC-JP"},
        {"euc-kr", "EUC-KR"}, {"EUC_KR", "EUC-KR"},
        {"latin1", "ISO-8859-1"}, {"Latin-1", "ISO-8859-1"}, {"iso-8859-1", "ISO-8859-1"},
        {"ISO8859-1", "ISO-8859-1"},
        {"cp1252", "windows-1252"}, {"Windows-1252", "windows-1252"},
        {"utf-16le", "UTF-16LE"}, {"UTF16BE", "UTF-16BE"},
    };
    for (const auto &[name, canonical] : rows)
        QTest::addRow("%s", name) << QString::fromLatin1(name) << QString::fromLatin1(canonical);
}

void TestTextCodec::aliases()
{
    QFETCH(QString, name);
    QFETCH(QString, canonical);
    QVERIFY(TextCodec::isSupported(name));
    QCOMPARE(TextCodec::canonicalName(name), canonical);
    // The alias must really select that encoding, not just be accepted.
    QCOMPARE(TextCodec::encode(u"A"_s, name).bytes, TextCodec::encode(u"A"_s, canonical).bytes);
}

void TestTextCodec::unknownNames_data()
{
    QTest::addColumn<QString>("name");
    for (const char *name : {"", "bogus", "utf-9", "UTF-32", "Locale", "System", "-", "latin 2x"})
        QTest::addRow("'%s'", name) << QString::fromLatin1(name);
}

void TestTextCodec::unknownNames()
{
    QFETCH(QString, name);
    QVERIFY(!TextCodec::isSupported(name));
    QVERIFY(TextCodec::canonicalName(name).isEmpty());
    QCOMPARE(TextCodec::maxCharBytes(name), 0);

    const TextCodec::Decoded decoded = TextCodec::decode("abc", name);
    QVERIFY(decoded.text.isEmpty());
    QVERIFY(decoded.error.contains(u"Unknown encoding"_s));

    const TextCodec::Encoded encoded = TextCodec::encode(u"abc"_s, name);
    QVERIFY(!encoded.ok());
    QVERIFY(encoded.bytes.isEmpty());
    QVERIFY(encoded.error.contains(u"Unknown encoding"_s));

    StreamDecoder stream(name);
    QVERIFY(!stream.isValid());
    QVERIFY(stream.feed("abc").isEmpty());
}

void TestTextCodec::roundTrip_data()
{
    QTest::addColumn<QString>("encoding");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QByteArray>("bytes");

    QTest::newRow("UTF-8 你好啊") << u"UTF-8"_s << u"你好啊"_s << fromHex("e4bda0e5a5bde5958a");
    QTest::newRow("UTF-8 emoji") << u"UTF-8"_s << u"a😀"_s << fromHex("61f09f9880");
    QTest::newRow("UTF-8 NUL") << u"UTF-8"_s << u"a\0b"_s << fromHex("610062");
    QTest::newRow("GBK 你好啊") << u"GBK"_s << u"你好啊"_s << fromHex("c4e3bac3b0a1");
    QTest::newRow("GBK mixed") << u"GBK"_s << u"Hi你"_s << fromHex("4869c4e3");
    QTest::newRow("GB18030 你好啊😀") << u"GB18030"_s << u"你好啊😀"_s << fromHex("c4e3bac3b0a19439fc36");
    QTest::newRow("Big5 中文") << u"Big5"_s << u"中文"_s << fromHex("a4a4a4e5");
    QTest::newRow("Shift_JIS こんにちは") << u"Shift_JIS"_s << u"こんにちは"_s
                                          << fromHex("82b182f182c982bf82cd");
    QTest::newRow("EUC-JP あ漢字") << u"EUC-JP"_s << u"あ漢字"_s << fromHex("a4a2b4c1bbfa");
    QTest::newRow("EUC-KR 한국어") << u"EUC-KR"_s << u"한국어"_s << fromHex("c7d1b1b9beee");
    QTest::newRow("Latin-1 café ÿ") << u"Latin-1"_s << u"café ÿ"_s << fromHex("636166e920ff");
    QTest::newRow("Latin-1 all high bytes") << u"ISO-8859-1"_s << u"\u0080\u00a0\u00ff"_s << fromHex("80a0ff");
    QTest::newRow("windows-1252 €“”") << u"windows-1252"_s << u"€“”"_s << fromHex("809394");
    QTest::newRow("UTF-16LE A你😀") << u"UTF-16LE"_s << u"A你😀"_s << fromHex("4100604f3dd800de");
    QTest::newRow("UTF-16BE A你") << u"UTF-16BE"_s << u"A你"_s << fromHex("00414f60");
}

void TestTextCodec::roundTrip()
{
    QFETCH(QString, encoding);
    QFETCH(QString, text);
    QFETCH(QByteArray, bytes);

    const TextCodec::Encoded encoded = TextCodec::encode(text, encoding);
    QVERIFY2(encoded.ok(), qPrintable(encoded.error));
    QCOMPARE(encoded.firstUnmappable, -1);
    QCOMPARE(encoded.bytes.toHex(), bytes.toHex());

    const TextCodec::Decoded decoded = TextCodec::decode(bytes, encoding);
    QCOMPARE(decoded.text, text);
    QVERIFY(!decoded.hasErrors());
    QVERIFY(decoded.error.isEmpty());
}

void TestTextCodec::gbkKnownBytes()
{
    QCOMPARE(TextCodec::encode(u"你好啊"_s, u"GBK"_s).bytes, fromHex("c4e3bac3b0a1"));
    QCOMPARE(TextCodec::decode(fromHex("c4e3bac3b0a1"), u"GBK"_s).text, u"你好啊"_s);
    // The same bytes read as UTF-8 are not that text.
    QVERIFY(TextCodec::decode(fromHex("c4e3bac3b0a1"), u"UTF-8"_s).hasErrors());
}

void TestTextCodec::decodeMatchesQtForValidText_data()
{
    QTest::addColumn<QString>("encoding");
    for (const QString &name : TextCodec::encodings())
        QTest::addRow("%s", qPrintable(name)) << name;
}

void TestTextCodec::decodeMatchesQtForValidText()
{
    QFETCH(QString, encoding);
    const QString text = u"Mixed text: 你好, こんにちは, 한국어, café, tab\tend"_s;
    const TextCodec::Encoded encoded = TextCodec::encode(text, encoding);
    // Not every encoding has every script; whatever it made must read back as Qt reads it.
    QStringDecoder qt(encoding.toLatin1().constData(), QStringConverter::Flag::ConvertInitialBom);
    const QString expected = qt.decode(encoded.bytes);
    QCOMPARE(TextCodec::decode(encoded.bytes, encoding).text, expected);
}

void TestTextCodec::byteOrderMarkIsShown()
{
    QCOMPARE(TextCodec::decode(fromHex("efbbbf41"), u"UTF-8"_s).text, u"\uFEFFA"_s);
    QCOMPARE(TextCodec::decode(fromHex("fffe4100"), u"UTF-16LE"_s).text, u"\uFEFFA"_s);
    StreamDecoder stream(u"UTF-8"_s);
    QCOMPARE(stream.feed(fromHex("41")), u"A"_s);
    QCOMPARE(stream.feed(fromHex("efbbbf")), u"\uFEFF"_s);
}

void TestTextCodec::invalidBytes_data()
{
    QTest::addColumn<QString>("encoding");
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QList<qsizetype>>("offsets");

    const QString r = QString(QChar::ReplacementCharacter);
    using Offsets = QList<qsizetype>;
    QTest::newRow("UTF-8 lone ff") << u"UTF-8"_s << fromHex("41ff42") << u"A"_s + r + u"B"_s << Offsets{1};
    QTest::newRow("UTF-8 ff at start") << u"UTF-8"_s << fromHex("ff41") << r + u"A"_s << Offsets{0};
    QTest::newRow("UTF-8 stray continuation") << u"UTF-8"_s << fromHex("80") << r << Offsets{0};
    QTest::newRow("UTF-8 truncated then ASCII") << u"UTF-8"_s << fromHex("41e4bd42")
                                                << u"A"_s + r + r + u"B"_s << Offsets{1, 2};
    QTest::newRow("UTF-8 truncated at end") << u"UTF-8"_s << fromHex("41e4bd") << u"A"_s + r << Offsets{1};
    QTest::newRow("UTF-8 overlong") << u"UTF-8"_s << fromHex("c080") << r + r << Offsets{0, 1};
    QTest::newRow("UTF-8 errors between valid") << u"UTF-8"_s << fromHex("e4bda0ffe4bda0fe")
                                                << u"你"_s + r + u"你"_s + r << Offsets{3, 7};
    QTest::newRow("UTF-8 encoded U+FFFD is valid") << u"UTF-8"_s << fromHex("efbfbd") << r << Offsets{};
    const QChar del(0x7f);
    QTest::newRow("GBK bad trail byte") << u"GBK"_s << fromHex("41817f42") << u"A"_s + r + del + u"B"_s
                                        << Offsets{1};
    QTest::newRow("GBK lead byte at end") << u"GBK"_s << fromHex("c4e3c4") << u"你"_s + r << Offsets{2};
    QTest::newRow("GBK two errors") << u"GBK"_s << fromHex("817fc4e3817f") << r + del + u"你"_s + r + del
                                    << Offsets{0, 4};
    QTest::newRow("Shift_JIS unmapped pair") << u"Shift_JIS"_s << fromHex("854082a0") << r + u"あ"_s
                                             << Offsets{0};
    QTest::newRow("GB18030 broken 4-byte") << u"GB18030"_s << fromHex("81304181308130")
                                           << r + u"0A\u0080"_s << Offsets{0};
    QTest::newRow("EUC-KR bad trail") << u"EUC-KR"_s << fromHex("c741c7d1") << r + u"A한"_s << Offsets{0};
    QTest::newRow("UTF-16LE odd byte") << u"UTF-16LE"_s << fromHex("410042") << u"A"_s + r << Offsets{2};
    // Found by tests/fuzz (stream_decoder): Qt passes lone surrogates through
    // as text that no encoder takes back.
    QTest::newRow("UTF-16LE lone high surrogate") << u"UTF-16LE"_s << fromHex("410000d84200")
                                                  << u"A"_s + r + u"B"_s << Offsets{2};
    QTest::newRow("UTF-16BE lone low surrogate") << u"UTF-16BE"_s << fromHex("dc000041") << r + u"A"_s
                                                 << Offsets{0};
    QTest::newRow("UTF-16BE pair then lone high") << u"UTF-16BE"_s << fromHex("d83dde00d8000041dc00")
                                                  << u"😀"_s + r + u"A"_s + r << Offsets{4, 8};
    QTest::newRow("UTF-16LE reversed pair") << u"UTF-16LE"_s << fromHex("00dc00d8") << r + r << Offsets{0, 2};
    QTest::newRow("UTF-16LE high surrogate and odd byte at end") << u"UTF-16LE"_s << fromHex("410000d841")
                                                                 << u"A"_s + r << Offsets{2};
    QTest::newRow("UTF-8 BOM after an error") << u"UTF-8"_s << fromHex("ffefbbbf41") << r + u"\uFEFFA"_s
                                              << Offsets{0};
    QTest::newRow("UTF-8 BOM last after an error") << u"UTF-8"_s << fromHex("ffefbbbf") << r + u"\uFEFF"_s
                                                   << Offsets{0};
}

void TestTextCodec::invalidBytes()
{
    QFETCH(QString, encoding);
    QFETCH(QByteArray, bytes);
    QFETCH(QString, text);
    QFETCH(QList<qsizetype>, offsets);

    const TextCodec::Decoded decoded = TextCodec::decode(bytes, encoding);
    QCOMPARE(decoded.text, text);
    QCOMPARE(decoded.invalidOffsets, offsets);
    QCOMPARE(decoded.hasErrors(), !offsets.isEmpty());

    // A stream fed the same bytes one at a time shows the same text.
    StreamDecoder stream(encoding);
    QString streamed;
    for (char c : bytes)
        streamed += stream.feed(QByteArrayView(&c, 1));
    streamed += stream.finish();
    QCOMPARE(streamed, text);
    QCOMPARE(stream.invalidCount(), offsets.size());
}

void TestTextCodec::largeInvalidPayloadIsFast_data()
{
    QTest::addColumn<QString>("encoding");
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<qsizetype>("invalid");

    QTest::newRow("UTF-8 64 KiB of ff") << u"UTF-8"_s << QByteArray(64 * 1024, '\xff') << qsizetype(64 * 1024);
    QTest::newRow("GB18030 64 KiB of ff") << u"GB18030"_s << QByteArray(64 * 1024, '\xff')
                                          << qsizetype(64 * 1024);
    QByteArray gbk = fromHex("c4e3").repeated(32 * 1024 - 1) + fromHex("817f");
    QTest::newRow("GBK 64 KiB, error at the end") << u"GBK"_s << gbk << qsizetype(1);
    QByteArray alternating = QByteArray("\xe4\xbd\xa0\xff").repeated(16 * 1024);
    QTest::newRow("UTF-8 64 KiB, every 4th byte bad") << u"UTF-8"_s << alternating << qsizetype(16 * 1024);
}

void TestTextCodec::largeInvalidPayloadIsFast()
{
    QFETCH(QString, encoding);
    QFETCH(QByteArray, bytes);
    QFETCH(qsizetype, invalid);

    QElapsedTimer timer;
    timer.start();
    const TextCodec::Decoded decoded = TextCodec::decode(bytes, encoding);
    const qint64 elapsed = timer.elapsed();
    QCOMPARE(decoded.invalidOffsets.size(), invalid);
    if (invalid == bytes.size()) {
        for (qsizetype i = 0; i < invalid; ++i)
            QCOMPARE(decoded.invalidOffsets.at(i), i);
    }
    // Linear work takes a few tens of milliseconds; quadratic would take minutes.
    QVERIFY2(elapsed < 3000, qPrintable(u"took %1 ms"_s.arg(elapsed)));
}

void TestTextCodec::unmappable_data()
{
    QTest::addColumn<QString>("encoding");
    QTest::addColumn<QString>("text");
    QTest::addColumn<qsizetype>("index");
    QTest::addColumn<QString>("message");

    QTest::newRow("Latin-1 €") << u"ISO-8859-1"_s << u"a€b"_s << qsizetype(1)
                               << u"The character \u201c€\u201d (U+20AC) cannot be encoded in ISO-8859-1"_s;
    QTest::newRow("Latin-1 你") << u"latin1"_s << u"你"_s << qsizetype(0) << u"(U+4F60)"_s;
    QTest::newRow("GBK emoji") << u"GBK"_s << u"ab😀c"_s << qsizetype(2) << u"(U+1F600) cannot be encoded in GBK"_s;
    QTest::newRow("windows-1252 你") << u"windows-1252"_s << u"ok 你"_s << qsizetype(3) << u"U+4F60"_s;
    QTest::newRow("Big5 emoji after text") << u"Big5"_s << u"中文😀"_s << qsizetype(2) << u"U+1F600"_s;
    QTest::newRow("EUC-KR Chinese-only") << u"EUC-KR"_s << u"한丂"_s << qsizetype(1) << u"U+4E02"_s;
    QTest::newRow("UTF-8 lone surrogate") << u"UTF-8"_s << u"ab"_s + QChar(0xd800) + u"c"_s << qsizetype(2)
                                          << u"U+D800"_s;
    QTest::newRow("UTF-16LE lone low surrogate") << u"UTF-16LE"_s << QString(QChar(0xdc00)) << qsizetype(0)
                                                 << u"U+DC00"_s;
    QTest::newRow("first of several") << u"ISO-8859-1"_s << u"ü€你"_s << qsizetype(1) << u"U+20AC"_s;
}

void TestTextCodec::unmappable()
{
    QFETCH(QString, encoding);
    QFETCH(QString, text);
    QFETCH(qsizetype, index);
    QFETCH(QString, message);

    const TextCodec::Encoded encoded = TextCodec::encode(text, encoding);
    QVERIFY(!encoded.ok());
    QCOMPARE(encoded.firstUnmappable, index);
    QVERIFY2(encoded.error.contains(message), qPrintable(encoded.error));
}

void TestTextCodec::splitCharacters_data()
{
    QTest::addColumn<QString>("encoding");
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("text");
    QTest::addColumn<qsizetype>("cut");

    const QList<std::tuple<const char *, QString, QString>> samples{
        {"UTF-8 3-byte", u"UTF-8"_s, u"a你b"_s},
        {"UTF-8 4-byte", u"UTF-8"_s, u"a😀b"_s},
        {"UTF-8 2-byte", u"UTF-8"_s, u"é"_s},
        {"GBK", u"GBK"_s, u"x你好"_s},
        {"GB18030 4-byte", u"GB18030"_s, u"a😀b"_s},
        {"Big5", u"Big5"_s, u"中文"_s},
        {"Shift_JIS", u"Shift_JIS"_s, u"あい"_s},
        {"EUC-JP 3-byte", u"EUC-JP"_s, u"a丂b"_s},
        {"EUC-KR", u"EUC-KR"_s, u"한국"_s},
        {"UTF-16LE surrogate pair", u"UTF-16LE"_s, u"A😀B"_s},
        {"UTF-16BE", u"UTF-16BE"_s, u"你好"_s},
    };
    for (const auto &[name, encoding, text] : samples) {
        const QByteArray bytes = TextCodec::encode(text, encoding).bytes;
        for (qsizetype cut = 0; cut <= bytes.size(); ++cut)
            QTest::addRow("%s, cut at %d", name, int(cut)) << encoding << bytes << text << cut;
    }
    // EUC-JP 3-byte characters start with 8f; make sure the sample has one.
    QCOMPARE(TextCodec::encode(u"丂"_s, u"EUC-JP"_s).bytes.left(1), fromHex("8f"));
}

void TestTextCodec::splitCharacters()
{
    QFETCH(QString, encoding);
    QFETCH(QByteArray, bytes);
    QFETCH(QString, text);
    QFETCH(qsizetype, cut);

    StreamDecoder stream(encoding);
    QVERIFY(stream.isValid());
    QString decoded = stream.feed(bytes.first(cut));
    decoded += stream.feed(bytes.sliced(cut));
    QCOMPARE(stream.pendingBytes(), 0);
    decoded += stream.finish();
    QCOMPARE(decoded, text);
    QCOMPARE(stream.invalidCount(), 0);
}

void TestTextCodec::streamByteByByte_data()
{
    QTest::addColumn<QString>("encoding");
    QTest::addColumn<QString>("text");
    QTest::newRow("UTF-8") << u"UTF-8"_s << u"Hello 你好 😀 café\n"_s;
    QTest::newRow("GBK") << u"GBK"_s << u"你好啊, GBK!"_s;
    QTest::newRow("GB18030") << u"GB18030"_s << u"你好😀"_s;
    QTest::newRow("Shift_JIS") << u"Shift_JIS"_s << u"こんにちは ｱｲｳ"_s;
    QTest::newRow("UTF-16BE") << u"UTF-16BE"_s << u"A😀你"_s;
}

void TestTextCodec::streamByteByByte()
{
    QFETCH(QString, encoding);
    QFETCH(QString, text);
    const QByteArray bytes = TextCodec::encode(text, encoding).bytes;
    StreamDecoder stream(encoding);
    QString decoded;
    for (char c : bytes) {
        decoded += stream.feed(QByteArrayView(&c, 1));
        QVERIFY(stream.pendingBytes() < TextCodec::maxCharBytes(encoding));
    }
    QCOMPARE(decoded, text);
    QVERIFY(stream.finish().isEmpty());
    QCOMPARE(stream.invalidCount(), 0);
}

void TestTextCodec::finishTurnsHeldBytesIntoReplacement_data()
{
    QTest::addColumn<QString>("encoding");
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("beforeFinish");
    QTest::addColumn<qsizetype>("held");

    QTest::newRow("UTF-8 e4 bd") << u"UTF-8"_s << fromHex("41e4bd") << u"A"_s << qsizetype(2);
    QTest::newRow("UTF-8 f0 9f 98") << u"UTF-8"_s << fromHex("f09f98") << QString() << qsizetype(3);
    QTest::newRow("GBK c4") << u"GBK"_s << fromHex("c4e3c4") << u"你"_s << qsizetype(1);
    QTest::newRow("GB18030 81 30 81") << u"GB18030"_s << fromHex("813081") << QString() << qsizetype(3);
    QTest::newRow("UTF-16LE odd byte") << u"UTF-16LE"_s << fromHex("410042") << u"A"_s << qsizetype(1);
}

void TestTextCodec::finishTurnsHeldBytesIntoReplacement()
{
    QFETCH(QString, encoding);
    QFETCH(QByteArray, bytes);
    QFETCH(QString, beforeFinish);
    QFETCH(qsizetype, held);

    StreamDecoder stream(encoding);
    QCOMPARE(stream.feed(bytes), beforeFinish);
    QCOMPARE(stream.pendingBytes(), held);
    QCOMPARE(stream.invalidCount(), 0);
    QCOMPARE(stream.finish(), QString(QChar::ReplacementCharacter));
    QCOMPARE(stream.invalidCount(), 1);
    QCOMPARE(stream.pendingBytes(), 0);
    // After finish() a new stream starts clean.
    QCOMPARE(stream.feed(TextCodec::encode(u"ok"_s, encoding).bytes), u"ok"_s);
}

void TestTextCodec::streamInRandomPiecesMatchesWholeDecode_data()
{
    QTest::addColumn<QString>("encoding");
    for (const QString &name : TextCodec::encodings())
        QTest::addRow("%s", qPrintable(name)) << name;
}

void TestTextCodec::streamInRandomPiecesMatchesWholeDecode()
{
    // Random bytes (mostly invalid) and valid text with random damage, cut
    // into random pieces: the stream must show exactly what decode() shows
    // for the whole, with the same number of invalid sequences.
    QFETCH(QString, encoding);
    QRandomGenerator random(4242);
    const QByteArray valid = TextCodec::encode(u"Hi 你好 こんにちは 한국 café 😀 €"_s, encoding).bytes;
    for (int round = 0; round < 300; ++round) {
        QByteArray bytes;
        if (round % 2 == 0) {
            bytes.resize(random.bounded(0, 120));
            for (char &c : bytes)
                c = char(random.bounded(256));
        } else {
            bytes = valid;
            for (int m = random.bounded(0, 3); m > 0; --m)
                bytes[random.bounded(int(bytes.size()))] = char(random.bounded(256));
        }
        const TextCodec::Decoded whole = TextCodec::decode(bytes, encoding);
        for (qsizetype offset : whole.invalidOffsets)
            QVERIFY(offset >= 0 && offset < bytes.size());

        StreamDecoder stream(encoding);
        QString streamed;
        for (qsizetype at = 0; at < bytes.size();) {
            const qsizetype size = qMin<qsizetype>(random.bounded(1, 9), bytes.size() - at);
            streamed += stream.feed(QByteArrayView(bytes).sliced(at, size));
            at += size;
        }
        streamed += stream.finish();
        QCOMPARE(streamed, whole.text);
        QCOMPARE(stream.invalidCount(), whole.invalidOffsets.size());
    }
}

void TestTextCodec::streamCountsInvalidSequences()
{
    StreamDecoder stream(u"utf8"_s);
    QCOMPARE(stream.encoding(), u"UTF-8"_s);
    QCOMPARE(stream.feed(fromHex("41ff")), u"A\uFFFD"_s);
    QCOMPARE(stream.feed(fromHex("fe42")), u"\uFFFDB"_s);
    QCOMPARE(stream.invalidCount(), 2);
    stream.reset();
    QCOMPARE(stream.invalidCount(), 0);
}

void TestTextCodec::streamWithUnknownEncoding()
{
    StreamDecoder stream(u"no-such-thing"_s);
    QVERIFY(!stream.isValid());
    QCOMPARE(stream.encoding(), u"no-such-thing"_s);
    QVERIFY(stream.feed("abc").isEmpty());
    QVERIFY(stream.finish().isEmpty());
}

void TestTextCodec::streamResetForgetsHeldBytes()
{
    // c4 e3 is 你, but e3 41 on its own is U+9247.
    StreamDecoder kept(u"GBK"_s);
    QVERIFY(kept.feed(fromHex("c4")).isEmpty());
    QCOMPARE(kept.feed(fromHex("e341")), u"你A"_s);

    StreamDecoder stream(u"GBK"_s);
    QVERIFY(stream.feed(fromHex("c4")).isEmpty());
    stream.reset();
    QCOMPARE(stream.pendingBytes(), 0);
    QCOMPARE(stream.feed(fromHex("e341")), QString(QChar(0x9247)));
}

void TestTextCodec::decodePartialReportsConsumed_data()
{
    QTest::addColumn<QString>("encoding");
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<qsizetype>("consumed");
    QTest::addColumn<QString>("text");

    QTest::newRow("UTF-8 complete") << u"UTF-8"_s << fromHex("e4bda0") << qsizetype(3) << u"你"_s;
    QTest::newRow("UTF-8 one byte held") << u"UTF-8"_s << fromHex("41e4") << qsizetype(1) << u"A"_s;
    QTest::newRow("UTF-8 error and held") << u"UTF-8"_s << fromHex("ff41e4bd") << qsizetype(2) << u"\uFFFDA"_s;
    QTest::newRow("GBK held lead") << u"GBK"_s << fromHex("c4e3c4") << qsizetype(2) << u"你"_s;
    QTest::newRow("GB18030 three held") << u"GB18030"_s << fromHex("41813081") << qsizetype(1) << u"A"_s;
    QTest::newRow("BOM kept, char held") << u"UTF-8"_s << fromHex("efbbbf41e4") << qsizetype(4) << u"\uFEFFA"_s;
    QTest::newRow("nothing yet") << u"UTF-8"_s << fromHex("f0") << qsizetype(0) << QString();
    QTest::newRow("empty") << u"UTF-8"_s << QByteArray() << qsizetype(0) << QString();
}

void TestTextCodec::decodePartialReportsConsumed()
{
    QFETCH(QString, encoding);
    QFETCH(QByteArray, bytes);
    QFETCH(qsizetype, consumed);
    QFETCH(QString, text);
    qsizetype got = -1;
    const TextCodec::Decoded decoded = TextCodec::decodePartial(bytes, encoding, &got);
    QCOMPARE(got, consumed);
    QCOMPARE(decoded.text, text);
}

void TestTextCodec::toHex_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<char>("separator");
    QTest::addColumn<QString>("hex");
    QTest::newRow("spaces") << QByteArray("He\0l", 4) << ' ' << u"48 65 00 6c"_s;
    QTest::newRow("no separator") << QByteArray("He\0l", 4) << '\0' << u"4865006c"_s;
    QTest::newRow("colons") << fromHex("00ff10") << ':' << u"00:ff:10"_s;
    QTest::newRow("single byte") << fromHex("0a") << ' ' << u"0a"_s;
    QTest::newRow("empty") << QByteArray() << ' ' << QString();
}

void TestTextCodec::toHex()
{
    QFETCH(QByteArray, bytes);
    QFETCH(char, separator);
    QFETCH(QString, hex);
    QCOMPARE(TextCodec::toHex(bytes, separator), hex);
}

QTEST_GUILESS_MAIN(TestTextCodec)
#include "tst_textcodec.moc"
