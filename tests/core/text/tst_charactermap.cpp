// CharacterMap: which character each byte belongs to, as the hex dump's text
// column shows it, in the encodings the workbench offers; the invalid bytes
// are the ones TextCodec::decode reports, also across the segments the map
// is worked out in.

#include "core/text/CharacterMap.h"
#include "core/text/TextCodec.h"

#include <QRandomGenerator>
#include <QTest>

using namespace Qt::StringLiterals;
using Cell = CharacterMap::Cell;

namespace {

const QString kRest = QString(QChar(CharacterMap::kPlaceholder));

} // namespace

class TestCharacterMap : public QObject
{
    Q_OBJECT
private slots:
    void glyphs_data();
    void glyphs();
    void characterAcrossSegments();
    void invalidBytesAreTextCodecs_data();
    void invalidBytesAreTextCodecs();
};

void TestCharacterMap::glyphs_data()
{
    QTest::addColumn<QString>("encoding");
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QStringList>("glyphs");       // one per byte
    QTest::addColumn<QString>("dim");              // per byte: d dimmed, - not
    QTest::addColumn<QList<qsizetype>>("invalid");

    QTest::newRow("UTF-8, text and controls")
        << u"UTF-8"_s << QByteArray::fromHex("61e4bda0017f0d")
        << QStringList{u"a"_s, u"你"_s, kRest, kRest, u"."_s, u"."_s, u"."_s} << u"--ddddd"_s << QList<qsizetype>{};
    QTest::newRow("UTF-8, C1 control")
        << u"UTF-8"_s << QByteArray::fromHex("c285c2a0")
        << QStringList{u"."_s, kRest, u"\u00a0"_s, kRest} << u"dd-d"_s << QList<qsizetype>{};
    QTest::newRow("UTF-8, invalid")
        << u"UTF-8"_s << QByteArray::fromHex("61ff62c3")
        << QStringList{u"a"_s, u"\ufffd"_s, u"b"_s, u"\ufffd"_s} << u"----"_s << QList<qsizetype>{1, 3};
    // ICU's GBK reads ff as U+F8F5 (private use); 81 cannot lead 7f.
    QTest::newRow("GBK, a bad lead byte")
        << u"GBK"_s << QByteArray::fromHex("6162c4e3ff63817f")
        << QStringList{u"a"_s, u"b"_s, u"你"_s, kRest, u"\uf8f5"_s, u"c"_s, u"\ufffd"_s, u"."_s}
        << u"---d---d"_s << QList<qsizetype>{6};
    QTest::newRow("Shift_JIS, an unmapped pair")
        << u"Shift_JIS"_s << QByteArray::fromHex("8540")
        << QStringList{u"\ufffd"_s, kRest} << u"-d"_s << QList<qsizetype>{0};
    QTest::newRow("UTF-16LE")
        << u"UTF-16LE"_s << QByteArray::fromHex("6100604f0a00")
        << QStringList{u"a"_s, kRest, u"你"_s, kRest, u"."_s, kRest} << u"-d-ddd"_s << QList<qsizetype>{};
    QTest::newRow("Latin-1, every byte from 0x7e")
        << u"ISO-8859-1"_s << QByteArray::fromHex("7e7f809fa0ff")
        << QStringList{u"~"_s, u"."_s, u"."_s, u"."_s, u"\u00a0"_s, u"ÿ"_s} << u"-ddd--"_s << QList<qsizetype>{};
}

void TestCharacterMap::glyphs()
{
    QFETCH(QString, encoding);
    QFETCH(QByteArray, bytes);
    QFETCH(QStringList, glyphs);
    QFETCH(QString, dim);
    QFETCH(QList<qsizetype>, invalid);
    CharacterMap map;
    map.reset(bytes, encoding);
    map.ensureComputed(bytes.size());
    QVERIFY(map.isComplete());
    QStringList shown;
    QString dimmed;
    for (qsizetype i = 0; i < bytes.size(); ++i) {
        const Cell cell = map.cellAt(i);
        shown << CharacterMap::glyph(cell);
        dimmed += CharacterMap::isDim(cell) ? u'd' : u'-';
        QCOMPARE(cell.isInvalid(), invalid.contains(map.charStart(i)));
    }
    QCOMPARE(shown, glyphs);
    QCOMPARE(dimmed, dim);
    QCOMPARE(map.invalidOffsets(), invalid);
}

// A segment ends on a character boundary: a character cut by the segment
// size is worked out whole, in the next segment.
void TestCharacterMap::characterAcrossSegments()
{
    const QByteArray bytes = QByteArray(CharacterMap::kSegmentBytes - 1, 'a') + "你" + "b";
    CharacterMap map;
    map.reset(bytes, u"UTF-8"_s);
    map.computeSegment();
    QCOMPARE(map.computedEnd(), CharacterMap::kSegmentBytes - 1);
    QVERIFY(!map.isComplete());
    const qsizetype at = CharacterMap::kSegmentBytes - 1;
    QCOMPARE(map.charStart(at + 2), at);
    QCOMPARE(map.charLength(at), 3);
    QCOMPARE(map.cellAt(at).codePoint(), U'你');
    QVERIFY(map.cellAt(at + 1).isContinuation() && map.cellAt(at + 2).isContinuation());
    map.ensureComputed(bytes.size());
    QCOMPARE(CharacterMap::glyph(map.cellAt(bytes.size() - 1)), u"b"_s);
    QVERIFY(map.invalidOffsets().isEmpty());
}

void TestCharacterMap::invalidBytesAreTextCodecs_data()
{
    QTest::addColumn<QString>("encoding");
    for (const char *encoding : {"UTF-8", "GBK", "GB18030", "Big5", "Shift_JIS", "EUC-KR", "UTF-16LE"})
        QTest::newRow(encoding) << QString::fromLatin1(encoding);
}

void TestCharacterMap::invalidBytesAreTextCodecs()
{
    QFETCH(QString, encoding);
    // Random bytes over several segments: invalid sequences everywhere.
    QRandomGenerator random(18);
    QByteArray bytes(3 * CharacterMap::kSegmentBytes + 123, '\0');
    for (char &b : bytes)
        b = char(random.bounded(256));
    CharacterMap map;
    map.reset(bytes, encoding);
    map.ensureComputed(bytes.size());
    const QList<qsizetype> expected = TextCodec::decode(bytes, encoding).invalidOffsets;
    QVERIFY(!expected.isEmpty());
    QCOMPARE(map.invalidOffsets(), expected);
    for (qsizetype offset : expected)
        QVERIFY(map.cellAt(offset).isInvalid() && !map.cellAt(offset).isContinuation());
}

QTEST_GUILESS_MAIN(TestCharacterMap)
#include "tst_charactermap.moc"
