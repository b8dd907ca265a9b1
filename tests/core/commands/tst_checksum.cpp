// Checksums: each algorithm pinned by the CRC RevEng catalogue's check value
// of "123456789" and, independently, by python3's zlib and crcmod on random
// payloads; the byte order of the appended bytes; the range; every bad spec.

#include "core/commands/Checksum.h"
#include "support/ChecksumReference.h"
#include "support/PythonRun.h"

#include <QRandomGenerator>
#include <QTest>

using namespace Qt::StringLiterals;

using Algorithm = Checksum::Algorithm;

class TestChecksum : public QObject
{
    Q_OBJECT

private slots:
    void checkValue_data();
    void checkValue();
    void pythonReference_data();
    void pythonReference();
    void modbusFrame();
    void appendedOrder_data();
    void appendedOrder();
    void residue_data();
    void residue();
    void range_data();
    void range();
    void parseNames_data();
    void parseNames();
    void parseBad_data();
    void parseBad();
    void fromBeyondPayload_data();
    void fromBeyondPayload();
    void verify_data();
    void verify();
    void catalogueIsComplete();
};

void TestChecksum::checkValue_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<quint32>("check");

    // The "check" column of the CRC RevEng catalogue
    // (reveng.sourceforge.io/crc-catalogue); SUM8 and XOR8 by hand:
    // 0x31 + … + 0x39 = 0x1DD, 0x31 ^ … ^ 0x39 = 0x31.
    QTest::newRow("sum8") << u"sum8"_s << 0xddu;
    QTest::newRow("xor8") << u"xor8"_s << 0x31u;
    QTest::newRow("crc8-smbus") << u"crc8-smbus"_s << 0xf4u;
    QTest::newRow("crc16-modbus") << u"crc16-modbus"_s << 0x4b37u;
    QTest::newRow("crc16-ccitt-false") << u"crc16-ccitt-false"_s << 0x29b1u;
    QTest::newRow("crc16-xmodem") << u"crc16-xmodem"_s << 0x31c3u;
    QTest::newRow("crc16-arc") << u"crc16-arc"_s << 0xbb3du;
    QTest::newRow("crc32") << u"crc32"_s << 0xcbf43926u;
}

void TestChecksum::checkValue()
{
    QFETCH(QString, name);
    QFETCH(quint32, check);

    QString error;
    const Checksum sum = Checksum::parse(name, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(Checksum::info(sum.algorithm()).check, check);
    QCOMPARE(sum.compute("123456789"), check);
}

void TestChecksum::pythonReference_data()
{
    QTest::addColumn<QString>("name");
    for (const Checksum::Info &row : Checksum::catalogue())
        QTest::newRow(qPrintable(row.name)) << row.name;
}


void TestChecksum::pythonReference()
{
    QFETCH(QString, name);

    // Fixed seed: a failure can be replayed; sizes from 1 to 300 bytes, and
    // both the whole payload and a range from byte 3.
    QRandomGenerator random(19);
    QList<QByteArray> payloads;
    QByteArray input;
    for (int i = 0; i < 64; ++i) {
        QByteArray payload(1 + random.bounded(300) + (i % 2 ? 3 : 0), '\0');
        for (char &ch : payload)
            ch = char(random.bounded(256));
        payloads.append(payload);
        input += payload.toHex() + '\n';
    }
    for (const qsizetype from : {qsizetype(0), qsizetype(3)}) {
        QString error;
        const QByteArray output = PythonRun::run(kChecksumReference, from == 0 ? input : [&] {
            // Only the payloads long enough for the range.
            QByteArray longer;
            for (const QByteArray &p : payloads)
                if (p.size() > from)
                    longer += p.toHex() + '\n';
            return longer;
        }(), &error, {name, QString::number(from)});
        QVERIFY2(error.isEmpty(), qPrintable(error));
        const QList<QByteArray> lines = output.trimmed().split('\n');

        const Checksum sum = Checksum::parse(name + u':' + QString::number(from), &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        qsizetype line = 0;
        for (const QByteArray &payload : payloads) {
            if (payload.size() <= from)
                continue;
            QVERIFY(line < lines.size());
            const Checksum::Appended appended = sum.append(payload);
            QVERIFY2(appended.ok(), qPrintable(appended.error));
            QCOMPARE(appended.appended.toHex(), lines.at(line));
            QCOMPARE(appended.frame, payload + QByteArray::fromHex(lines.at(line)));
            ++line;
        }
        QCOMPARE(line, lines.size());
    }
}

void TestChecksum::modbusFrame()
{
    // Read holding registers 0..9 of unit 1: the frame every Modbus RTU
    // tutorial shows, CRC C5 CD as it goes on the wire.
    const Checksum::Appended appended = Checksum(Algorithm::Crc16Modbus).append(QByteArray::fromHex("01030000000a"));
    QVERIFY2(appended.ok(), qPrintable(appended.error));
    QCOMPARE(appended.appended.toHex(' '), QByteArray("c5 cd"));
    QCOMPARE(appended.frame.toHex(' '), QByteArray("01 03 00 00 00 0a c5 cd"));
    QVERIFY(Checksum(Algorithm::Crc16Modbus).verify(appended.frame).ok);
}

void TestChecksum::appendedOrder_data()
{
    QTest::addColumn<QString>("spec");
    QTest::addColumn<QByteArray>("appended");
    QTest::addColumn<QString>("described");

    QTest::newRow("modbus: low byte first") << u"crc16-modbus"_s << QByteArray("37 4b") << u"low byte first"_s;
    QTest::newRow("arc: low byte first") << u"crc16-arc"_s << QByteArray("3d bb") << u"low byte first"_s;
    QTest::newRow("ccitt-false: high byte first") << u"crc16-ccitt-false"_s << QByteArray("29 b1")
                                                  << u"high byte first"_s;
    QTest::newRow("xmodem: high byte first") << u"crc16-xmodem"_s << QByteArray("31 c3") << u"high byte first"_s;
    QTest::newRow("crc32: low byte first") << u"crc32"_s << QByteArray("26 39 f4 cb") << u"low byte first"_s;
    QTest::newRow("ccitt-false:le overrides") << u"crc16-ccitt-false:le"_s << QByteArray("b1 29")
                                              << u"low byte first"_s;
    QTest::newRow("modbus:be overrides") << u"crc16-modbus:be"_s << QByteArray("4b 37") << u"high byte first"_s;
    QTest::newRow("crc32:0:be") << u"crc32:0:be"_s << QByteArray("cb f4 39 26") << u"high byte first"_s;
    QTest::newRow("sum8: one byte") << u"sum8"_s << QByteArray("dd") << u"1 byte"_s;
    QTest::newRow("crc8: one byte") << u"crc8-smbus"_s << QByteArray("f4") << u"1 byte"_s;
}

void TestChecksum::appendedOrder()
{
    QFETCH(QString, spec);
    QFETCH(QByteArray, appended);
    QFETCH(QString, described);

    QString error;
    const Checksum sum = Checksum::parse(spec, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    const Checksum::Appended result = sum.append("123456789");
    QVERIFY2(result.ok(), qPrintable(result.error));
    QCOMPARE(result.appended.toHex(' '), appended);
    QCOMPARE(result.frame, QByteArray("123456789") + QByteArray::fromHex(appended));
    QVERIFY2(sum.describe().contains(described), qPrintable(sum.describe()));
}

void TestChecksum::residue_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<quint32>("residue");

    // Appended in its default order, a CRC over payload + CRC is a constant
    // whatever the payload (the catalogue's residue, xorout applied): the
    // proof that the default order is the algorithm's own bit order.
    QTest::newRow("xor8") << u"xor8"_s << 0u;
    QTest::newRow("crc8-smbus") << u"crc8-smbus"_s << 0u;
    QTest::newRow("crc16-modbus") << u"crc16-modbus"_s << 0u;
    QTest::newRow("crc16-ccitt-false") << u"crc16-ccitt-false"_s << 0u;
    QTest::newRow("crc16-xmodem") << u"crc16-xmodem"_s << 0u;
    QTest::newRow("crc16-arc") << u"crc16-arc"_s << 0u;
    QTest::newRow("crc32") << u"crc32"_s << 0x2144df1cu;
}

void TestChecksum::residue()
{
    QFETCH(QString, name);
    QFETCH(quint32, residue);

    QString error;
    const Checksum sum = Checksum::parse(name, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    for (const QByteArray &payload : {QByteArray("123456789"), QByteArray::fromHex("01030000000a"),
                                     QByteArray("\0\xff\x80", 3)}) {
        const Checksum::Appended appended = sum.append(payload);
        QVERIFY2(appended.ok(), qPrintable(appended.error));
        QCOMPARE(sum.compute(appended.frame), residue);
    }
}

void TestChecksum::range_data()
{
    QTest::addColumn<QString>("spec");
    QTest::addColumn<QByteArray>("payload");
    QTest::addColumn<QByteArray>("frame");

    QTest::newRow("sum8 after a 2-byte header") << u"sum8:2"_s << QByteArray::fromHex("aa550102")
                                                << QByteArray::fromHex("aa55010203");
    QTest::newRow("sum8 of all") << u"sum8"_s << QByteArray::fromHex("aa550102") << QByteArray::fromHex("aa55010202");
    QTest::newRow("xor8 from the last byte") << u"xor8:3"_s << QByteArray::fromHex("aa550102")
                                             << QByteArray::fromHex("aa55010202");
    QTest::newRow("modbus from 1 = modbus of the rest") << u"crc16-modbus:1"_s
                                                        << QByteArray::fromHex("ff01030000000a")
                                                        << QByteArray::fromHex("ff01030000000ac5cd");
    QTest::newRow("crc32 from 9") << u"crc32:9"_s << QByteArray("xxxxxxxxx123456789")
                                  << QByteArray("xxxxxxxxx123456789") + QByteArray::fromHex("2639f4cb");
}

void TestChecksum::range()
{
    QFETCH(QString, spec);
    QFETCH(QByteArray, payload);
    QFETCH(QByteArray, frame);

    QString error;
    const Checksum sum = Checksum::parse(spec, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    const Checksum::Appended appended = sum.append(payload);
    QVERIFY2(appended.ok(), qPrintable(appended.error));
    QCOMPARE(appended.frame.toHex(' '), frame.toHex(' '));
    QVERIFY(sum.verify(frame).ok);
    QCOMPARE(Checksum::parse(sum.toString(), &error), sum);
}

void TestChecksum::parseNames_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<Algorithm>("algorithm");
    QTest::addColumn<qsizetype>("from");
    QTest::addColumn<QString>("canonical");

    QTest::newRow("command-line name") << u"crc16-modbus"_s << Algorithm::Crc16Modbus << qsizetype(0) << u"crc16-modbus"_s;
    QTest::newRow("catalogue name") << u"CRC-16/MODBUS"_s << Algorithm::Crc16Modbus << qsizetype(0) << u"crc16-modbus"_s;
    QTest::newRow("alias, mixed case") << u"Modbus"_s << Algorithm::Crc16Modbus << qsizetype(0) << u"crc16-modbus"_s;
    QTest::newRow("underscores") << u"CRC16_MODBUS"_s << Algorithm::Crc16Modbus << qsizetype(0) << u"crc16-modbus"_s;
    QTest::newRow("ccitt-false alias") << u"CRC-16/CCITT-FALSE"_s << Algorithm::Crc16CcittFalse << qsizetype(0)
                                       << u"crc16-ccitt-false"_s;
    QTest::newRow("ibm-3740 catalogue name") << u"crc-16/ibm-3740"_s << Algorithm::Crc16CcittFalse << qsizetype(0)
                                             << u"crc16-ccitt-false"_s;
    QTest::newRow("xmodem") << u"XMODEM"_s << Algorithm::Crc16Xmodem << qsizetype(0) << u"crc16-xmodem"_s;
    QTest::newRow("arc") << u"ARC"_s << Algorithm::Crc16Arc << qsizetype(0) << u"crc16-arc"_s;
    QTest::newRow("CRC-8 is SMBUS") << u"CRC-8"_s << Algorithm::Crc8Smbus << qsizetype(0) << u"crc8-smbus"_s;
    QTest::newRow("CRC-32") << u"CRC-32"_s << Algorithm::Crc32 << qsizetype(0) << u"crc32"_s;
    QTest::newRow("crc-32/iso-hdlc") << u"crc-32/iso-hdlc"_s << Algorithm::Crc32 << qsizetype(0) << u"crc32"_s;
    QTest::newRow("SUM8 with FROM") << u"SUM8:4"_s << Algorithm::Sum8 << qsizetype(4) << u"sum8:4"_s;
    QTest::newRow("BCC is xor8") << u"bcc"_s << Algorithm::Xor8 << qsizetype(0) << u"xor8"_s;
    QTest::newRow("explicit default order is dropped") << u"crc16-modbus:2:LE"_s << Algorithm::Crc16Modbus
                                                       << qsizetype(2) << u"crc16-modbus:2"_s;
    QTest::newRow("order without FROM") << u"crc16-xmodem:le"_s << Algorithm::Crc16Xmodem << qsizetype(0)
                                        << u"crc16-xmodem:le"_s;
    QTest::newRow("FROM 0 is dropped") << u" crc32:0 "_s << Algorithm::Crc32 << qsizetype(0) << u"crc32"_s;
}

void TestChecksum::parseNames()
{
    QFETCH(QString, text);
    QFETCH(Algorithm, algorithm);
    QFETCH(qsizetype, from);
    QFETCH(QString, canonical);

    QString error = u"not cleared"_s;
    const Checksum sum = Checksum::parse(text, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(sum.algorithm(), algorithm);
    QCOMPARE(sum.from(), from);
    QCOMPARE(sum.toString(), canonical);
    QCOMPARE(Checksum::parse(canonical, &error), sum);
}

void TestChecksum::parseBad_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("message");

    QTest::newRow("empty") << QString() << u"No checksum named"_s;
    QTest::newRow("only FROM") << u":2"_s << u"No checksum named"_s;
    QTest::newRow("unknown name") << u"crc99"_s << u"Unknown checksum \u201ccrc99\u201d (known: sum8, xor8, crc8-smbus"_s;
    QTest::newRow("crc16 is ambiguous") << u"CRC16"_s << u"\u201cCRC16\u201d is ambiguous"_s;
    QTest::newRow("CRC-16 is ambiguous") << u"CRC-16"_s << u"crc16-arc, many device tools mean crc16-modbus"_s;
    QTest::newRow("crc-ccitt is ambiguous") << u"crc-ccitt"_s << u"crc16-ccitt-false (initial value FFFF)"_s;
    QTest::newRow("FROM not a number") << u"sum8:x"_s << u"\u201cx\u201d in \u201csum8:x\u201d is neither"_s;
    QTest::newRow("negative FROM") << u"sum8:-1"_s << u"\u201c-1\u201d in"_s;
    QTest::newRow("plus sign") << u"sum8:+1"_s << u"\u201c+1\u201d in"_s;
    QTest::newRow("empty FROM") << u"sum8:"_s << u"\u201c\u201d in \u201csum8:\u201d is neither"_s;
    QTest::newRow("FROM too large") << u"crc32:2000000000"_s << u"The first byte 2000000000 is too large"_s;
    QTest::newRow("order of a 1-byte sum") << u"sum8:le"_s << u"sum8 is one byte long and has no byte order"_s;
    QTest::newRow("order of crc8") << u"crc8-smbus:0:be"_s << u"crc8-smbus is one byte long"_s;
    QTest::newRow("order twice") << u"crc16-modbus:le:be"_s << u"The byte order is given twice"_s;
    QTest::newRow("order before FROM") << u"crc16-modbus:le:2"_s << u"Write the first byte before the byte order"_s;
    QTest::newRow("FROM twice") << u"crc16-modbus:1:2"_s << u"Write the first byte before the byte order, once"_s;
}

void TestChecksum::parseBad()
{
    QFETCH(QString, text);
    QFETCH(QString, message);

    QString error;
    const Checksum sum = Checksum::parse(text, &error);
    QVERIFY2(error.contains(message), qPrintable(error));
    QCOMPARE(sum, Checksum());
}

void TestChecksum::fromBeyondPayload_data()
{
    QTest::addColumn<QString>("spec");
    QTest::addColumn<QByteArray>("payload");
    QTest::addColumn<QString>("message");

    QTest::newRow("FROM past the end") << u"sum8:10"_s << QByteArray("abcdef")
                                       << u"The checksum starts at byte 10, but the payload ends before it (payload size 6)"_s;
    QTest::newRow("FROM at the end") << u"crc16-modbus:4"_s << QByteArray("abcd")
                                     << u"starts at byte 4, but the payload ends before it (payload size 4)"_s;
    QTest::newRow("empty payload") << u"crc32"_s << QByteArray()
                                   << u"starts at byte 0, but the payload ends before it (payload size 0)"_s;
    QTest::newRow("one byte") << u"xor8:1"_s << QByteArray("a") << u"(payload size 1)"_s;
}

void TestChecksum::fromBeyondPayload()
{
    QFETCH(QString, spec);
    QFETCH(QByteArray, payload);
    QFETCH(QString, message);

    QString error;
    const Checksum sum = Checksum::parse(spec, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    const Checksum::Appended appended = sum.append(payload);
    QVERIFY(!appended.ok());
    QVERIFY2(appended.error.contains(message), qPrintable(appended.error));
    QVERIFY(appended.frame.isEmpty());
    QVERIFY(appended.appended.isEmpty());
}

void TestChecksum::verify_data()
{
    QTest::addColumn<QString>("spec");
    QTest::addColumn<QByteArray>("frame");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QString>("described");

    QTest::newRow("modbus good") << u"crc16-modbus"_s << QByteArray::fromHex("01030000000ac5cd") << true
                                 << u"checksum C5 CD correct"_s;
    QTest::newRow("modbus bytes swapped") << u"crc16-modbus"_s << QByteArray::fromHex("01030000000acdc5") << false
                                          << u"checksum wrong: expected C5 CD, found CD C5"_s;
    QTest::newRow("modbus payload changed") << u"crc16-modbus"_s << QByteArray::fromHex("01030000000bc5cd") << false
                                            << u"expected 04 0D, found C5 CD"_s;
    QTest::newRow("sum8 from 2 good") << u"sum8:2"_s << QByteArray::fromHex("aa55010203") << true
                                      << u"checksum 03 correct"_s;
    QTest::newRow("sum8 from 2 bad") << u"sum8:2"_s << QByteArray::fromHex("aa55010204") << false
                                     << u"expected 03, found 04"_s;
    QTest::newRow("crc32 good") << u"crc32"_s << QByteArray("123456789") + QByteArray::fromHex("2639f4cb") << true
                                << u"checksum 26 39 F4 CB correct"_s;
    QTest::newRow("only the checksum") << u"crc16-modbus"_s << QByteArray::fromHex("c5cd") << false
                                       << u"The frame (size 2) is too short for CRC-16/MODBUS from byte 0: it needs at least 3 bytes"_s;
    QTest::newRow("empty frame") << u"sum8"_s << QByteArray() << false << u"The frame (size 0) is too short for SUM8 from byte 0: it needs at least 2 bytes"_s;
    QTest::newRow("nothing after FROM") << u"sum8:3"_s << QByteArray::fromHex("01020304") << false
                                        << u"The frame (size 4) is too short for SUM8 from byte 3: it needs at least 5 bytes"_s;
}

void TestChecksum::verify()
{
    QFETCH(QString, spec);
    QFETCH(QByteArray, frame);
    QFETCH(bool, ok);
    QFETCH(QString, described);

    QString error;
    const Checksum sum = Checksum::parse(spec, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    const Checksum::Verification result = sum.verify(frame);
    QCOMPARE(result.ok, ok);
    QVERIFY2(result.describe().contains(described), qPrintable(result.describe()));
    if (result.error.isEmpty())
        QCOMPARE(result.found, frame.right(sum.width()));
}

void TestChecksum::catalogueIsComplete()
{
    // Every algorithm has its row, in enum order, and its names parse back to it.
    const QList<Checksum::Info> &rows = Checksum::catalogue();
    QCOMPARE(rows.size(), 8);
    for (qsizetype i = 0; i < rows.size(); ++i) {
        QCOMPARE(int(rows.at(i).algorithm), int(i));
        QStringList names = rows.at(i).aliases;
        names << rows.at(i).name << rows.at(i).catalogueName;
        for (const QString &name : names) {
            Algorithm found;
            QString error;
            QVERIFY2(Checksum::algorithmFromName(name, &found, &error), qPrintable(name + u": "_s + error));
            QCOMPARE(found, rows.at(i).algorithm);
        }
    }
}

QTEST_GUILESS_MAIN(TestChecksum)
#include "tst_checksum.moc"
