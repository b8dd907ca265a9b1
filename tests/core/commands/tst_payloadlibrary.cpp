// The payload library model: building a message from an entry (template,
// line ending, checksum, framing, in that order), every change and why one is
// refused, search, import-merge by name, export, and load/save on disk with a
// refused file leaving the library as it was.

#include "core/commands/LibraryFile.h"
#include "core/commands/PayloadLibrary.h"
#include "support/SampleLibrary.h"

#include <QDir>
#include <QFile>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

using Mode = PayloadParser::Mode;
using SampleLibrary::payload;

class TestPayloadLibrary : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void build_data();
    void build();
    void buildErrors_data();
    void buildErrors();
    void entryValidate_data();
    void entryValidate();
    void changes();
    void renameFollowsSequences();
    void search_data();
    void search();
    void merge();
    void mergeConflict();
    void subset();
    void saveAndLoad();
    void loadRefused();
    void importMerge();
    void importRefused();
    void exportSubset();
    void defaultPath();
};

void TestPayloadLibrary::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void TestPayloadLibrary::build_data()
{
    QTest::addColumn<PayloadEntry>("entry");
    QTest::addColumn<QByteArray>("received");
    QTest::addColumn<QByteArray>("appended");
    QTest::addColumn<QByteArray>("bytes");

    PayloadEntry modbus = payload(u"m"_s, u"01 03 00 00 00 0A"_s, Mode::Hex);
    modbus.checksum = Checksum(Checksum::Algorithm::Crc16Modbus);
    QTest::newRow("hex + modbus") << modbus << QByteArray() << QByteArray::fromHex("c5cd")
                                  << QByteArray::fromHex("01030000000ac5cd");

    PayloadEntry at = payload(u"at"_s, u"AT"_s);
    at.lineEnding = PayloadEntry::LineEnding::CrLf;
    QTest::newRow("text + CRLF") << at << QByteArray() << QByteArray() << QByteArray("AT\r\n");

    PayloadEntry wide = at;
    wide.encoding = u"UTF-16LE"_s;
    QTest::newRow("CRLF in UTF-16LE") << wide << QByteArray() << QByteArray()
                                      << QByteArray::fromHex("410054000d000a00");

    PayloadEntry summed = payload(u"s"_s, u"\\xAA\\x55{data}"_s);
    summed.lineEnding = PayloadEntry::LineEnding::Cr;
    summed.checksum = Checksum(Checksum::Algorithm::Sum8, 2);
    QTest::newRow("checksum after the line ending") << summed << QByteArray("\x01\x02") << QByteArray::fromHex("10")
                                                    << QByteArray::fromHex("aa5501020d10");

    PayloadEntry framed = modbus;
    framed.framing = FramingSpec::lengthPrefix(2);
    QTest::newRow("framing around the checksum") << framed << QByteArray() << QByteArray::fromHex("c5cd")
                                                 << QByteArray::fromHex("000801030000000ac5cd");

    PayloadEntry dlt = payload(u"d"_s, u"68 01 68"_s, Mode::Hex);
    dlt.checksum = Checksum(Checksum::Algorithm::Sum8);
    dlt.framing = FramingSpec::delimited(QByteArray::fromHex("16"));
    QTest::newRow("checksum before a delimiter") << dlt << QByteArray() << QByteArray::fromHex("d1")
                                                 << QByteArray::fromHex("680168d116");

    PayloadEntry none = at;
    none.framing = FramingSpec::none();
    QTest::newRow("framing none adds nothing") << none << QByteArray() << QByteArray() << QByteArray("AT\r\n");
}

void TestPayloadLibrary::build()
{
    QFETCH(PayloadEntry, entry);
    QFETCH(QByteArray, received);
    QFETCH(QByteArray, appended);
    QFETCH(QByteArray, bytes);

    QVERIFY2(entry.validate().isEmpty(), qPrintable(entry.validate()));
    Template::Context context;
    context.received = received;
    const PayloadEntry::Built built = entry.build(context);
    QVERIFY2(built.ok(), qPrintable(built.error));
    QCOMPARE(built.appended.toHex(' '), appended.toHex(' '));
    QCOMPARE(built.bytes.toHex(' '), bytes.toHex(' '));
    QVERIFY(built.message.endsWith(built.appended));
    if (!entry.framing || entry.framing->kind == FramingSpec::Kind::None)
        QCOMPARE(built.message, built.bytes);
}

void TestPayloadLibrary::buildErrors_data()
{
    QTest::addColumn<PayloadEntry>("entry");
    QTest::addColumn<QByteArray>("received");
    QTest::addColumn<QString>("message");

    PayloadEntry range = payload(u"r"_s, u"{data}"_s);
    range.checksum = Checksum(Checksum::Algorithm::Crc32, 3);
    QTest::newRow("checksum range past what was received") << range << QByteArray("ab")
                                                           << u"The checksum starts at byte 3"_s;

    PayloadEntry delimiter = payload(u"d"_s, u"a{data}b"_s);
    delimiter.framing = FramingSpec::line();
    QTest::newRow("delimiter inside the payload") << delimiter << QByteArray("\n") << u"delimiter"_s;

    PayloadEntry broken = payload(u"b"_s, u"{oops}"_s);
    QTest::newRow("template fault") << broken << QByteArray() << u"Unknown field {oops}"_s;
}

void TestPayloadLibrary::buildErrors()
{
    QFETCH(PayloadEntry, entry);
    QFETCH(QByteArray, received);
    QFETCH(QString, message);

    Template::Context context;
    context.received = received;
    const PayloadEntry::Built built = entry.build(context);
    QVERIFY(!built.ok());
    QVERIFY2(built.error.contains(message, Qt::CaseInsensitive), qPrintable(built.error));
    QVERIFY(built.bytes.isEmpty());
    QVERIFY(built.message.isEmpty());
}

void TestPayloadLibrary::entryValidate_data()
{
    QTest::addColumn<PayloadEntry>("entry");
    QTest::addColumn<QString>("message");

    QTest::newRow("good") << payload(u"ok"_s, u"x"_s) << QString();
    QTest::newRow("no name") << payload(QString(), u"x"_s) << u"The name is empty"_s;
    QTest::newRow("name with spaces around") << payload(u" a "_s, u"x"_s) << u"starts or ends with a space"_s;
    QTest::newRow("name with a newline") << payload(u"a\nb"_s, u"x"_s) << u"line break or a control character"_s;
    QTest::newRow("long name") << payload(QString(201, u'n'), u"x"_s) << u"longer than 200 characters"_s;
    PayloadEntry encoding = payload(u"e"_s, u"x"_s);
    encoding.encoding = u"nope"_s;
    QTest::newRow("unknown encoding") << encoding << u"Unknown encoding \u201cnope\u201d"_s;
    QTest::newRow("bad hex") << payload(u"h"_s, u"0"_s, Mode::Hex) << u"Odd number of hex digits"_s;
    PayloadEntry shortFixed = payload(u"s"_s, u"ab"_s);
    shortFixed.checksum = Checksum(Checksum::Algorithm::Xor8, 2);
    QTest::newRow("checksum past a fixed payload") << shortFixed << u"The checksum starts at byte 2"_s;
    PayloadEntry lineEndingCounts = shortFixed;
    lineEndingCounts.lineEnding = PayloadEntry::LineEnding::Lf;
    QTest::newRow("the line ending is covered") << lineEndingCounts << QString();
    PayloadEntry group = payload(u"g"_s, u"x"_s);
    group.group = u" g"_s;
    QTest::newRow("bad group name") << group << u"Group: The name \u201cg\u201d starts or ends with a space"_s;
}

void TestPayloadLibrary::entryValidate()
{
    QFETCH(PayloadEntry, entry);
    QFETCH(QString, message);

    const QString error = entry.validate();
    if (message.isEmpty())
        QVERIFY2(error.isEmpty(), qPrintable(error));
    else
        QVERIFY2(error.contains(message), qPrintable(error));
    PayloadLibrary library;
    QCOMPARE(library.addPayload(entry), error);
    QCOMPARE(library.payloads().size(), error.isEmpty() ? 1 : 0);
}

void TestPayloadLibrary::changes()
{
    PayloadLibrary library = SampleLibrary::make();
    const PayloadLibrary sample = library;

    // Refusals change nothing.
    QVERIFY(library.addPayload(payload(u"AT"_s, u"x"_s)).contains(u"There is already an entry named \u201cAT\u201d"_s));
    QVERIFY(library.addPayload(payload(u"Login"_s, u"x"_s)).contains(u"already an entry named \u201cLogin\u201d"_s));
    QVERIFY(library.removePayload(u"AT"_s).contains(u"The sequence \u201cLogin\u201d sends \u201cAT\u201d"_s));
    QVERIFY(library.removePayload(u"nothing"_s).contains(u"There is no payload named"_s));
    QVERIFY(library.removeGroup(u"Modbus"_s).contains(u"The group \u201cModbus\u201d still holds"_s));
    QVERIFY(library.addGroup({u"Modbus"_s, {}}).contains(u"There is already a group named"_s));
    QVERIFY(library.replacePayload(u"AT"_s, payload(u"AT"_s, u"{bad"_s)).contains(u"Unclosed field"_s));
    QVERIFY(library.replacePayload(u"AT"_s, payload(u"Login"_s, u"x"_s)).contains(u"already an entry"_s));
    CommandSequence sendsNothing;
    sendsNothing.name = u"Ghost"_s;
    sendsNothing.steps = {SequenceStep::sendEntry(u"missing"_s)};
    QVERIFY(library.addSequence(sendsNothing).contains(u"the library has no payload of that name"_s));
    QVERIFY(library.move(u"AT"_s, 99).contains(u"Position 100 is outside the list (1 to 7)"_s));
    QVERIFY(library.move(u"nobody"_s, 0).contains(u"There is no entry named"_s));
    QVERIFY(library == sample);

    // Changes that are fine.
    PayloadEntry fresh = payload(u"New"_s, u"n"_s);
    fresh.group = u"Fresh group"_s;
    QCOMPARE(library.addPayload(fresh), QString());
    QCOMPARE(library.groups().last().name, u"Fresh group"_s);
    QCOMPARE(library.move(u"New"_s, 0), QString());
    QCOMPARE(library.payloads().first().name, u"New"_s);
    QCOMPARE(library.move(u"Login"_s, 0), QString());
    QCOMPARE(library.sequences().first().name, u"Login"_s);
    QCOMPARE(library.removePayload(u"New"_s), QString());
    QCOMPARE(library.removeGroup(u"Fresh group"_s), QString());
    QCOMPARE(library.removeGroup(u"Empty group"_s), QString());
    QCOMPARE(library.removeSequence(u"Login"_s), QString());
    QCOMPARE(library.removePayload(u"AT"_s), QString());   // Login sent it; Login is gone
    QVERIFY(!library.payload(u"AT"_s));
    QVERIFY(library.validate().isEmpty());
}

void TestPayloadLibrary::renameFollowsSequences()
{
    PayloadLibrary library = SampleLibrary::make();
    PayloadEntry renamed = *library.payload(u"Read holding registers"_s);
    renamed.name = u"Read registers"_s;
    QCOMPARE(library.replacePayload(u"Read holding registers"_s, renamed), QString());
    QVERIFY(!library.payload(u"Read holding registers"_s));
    QCOMPARE(library.sequence(u"Poll unit 1"_s)->steps.first().toString(), u"send Read registers"_s);
    QVERIFY(library.validate().isEmpty());
}

void TestPayloadLibrary::search_data()
{
    QTest::addColumn<QString>("words");
    QTest::addColumn<QStringList>("names");

    QTest::newRow("by name") << u"registers"_s << QStringList {u"Read holding registers"_s, u"Poll unit 1"_s};
    QTest::newRow("by group") << u"modbus"_s
                              << QStringList {u"Read holding registers"_s, u"Framed with header"_s, u"Poll unit 1"_s};
    QTest::newRow("by notes") << u"UNIT 1"_s << QStringList {u"Read holding registers"_s, u"Poll unit 1"_s};
    QTest::newRow("by text") << u"HTTP/1.1"_s << QStringList {u"HTTP GET"_s};
    QTest::newRow("by step pattern") << u"欢迎"_s << QStringList {u"Login"_s};
    QTest::newRow("every word") << u"read 0A"_s << QStringList {u"Read holding registers"_s};
    QTest::newRow("no match") << u"zebra"_s << QStringList();
}

void TestPayloadLibrary::search()
{
    QFETCH(QString, words);
    QFETCH(QStringList, names);

    QCOMPARE(SampleLibrary::make().search(words), names);
}

void TestPayloadLibrary::merge()
{
    PayloadLibrary library = SampleLibrary::make();

    PayloadLibrary incoming;
    QVERIFY(incoming.addGroup({u"Modbus"_s, u"Notes from the file"_s}).isEmpty());
    QVERIFY(incoming.addGroup({u"Imported"_s, {}}).isEmpty());
    PayloadEntry changed = payload(u"AT"_s, u"ATZ"_s);
    changed.group = u"Imported"_s;
    QVERIFY(incoming.addPayload(changed).isEmpty());
    QVERIFY(incoming.addPayload(payload(u"Brand new"_s, u"hello"_s)).isEmpty());
    CommandSequence sequence;
    sequence.name = u"Poll unit 1"_s;
    sequence.steps = {SequenceStep::sendEntry(u"Brand new"_s)};
    QVERIFY(incoming.addSequence(sequence).isEmpty());

    PayloadLibrary::MergeReport report;
    QString error = u"not cleared"_s;
    QVERIFY(library.merge(incoming, &report, &error));
    QVERIFY(error.isEmpty());
    QCOMPARE(report.replaced, (QStringList {u"AT"_s, u"Poll unit 1"_s}));
    QCOMPARE(report.added, (QStringList {u"Brand new"_s}));
    QCOMPARE(report.groupsAdded, (QStringList {u"Imported"_s}));

    // Same name replaced where it was; new names at the end; groups merged.
    QCOMPARE(library.payloads().at(2).name, u"AT"_s);
    QCOMPARE(library.payloads().at(2).text, u"ATZ"_s);
    QCOMPARE(library.payloads().last().name, u"Brand new"_s);
    QCOMPARE(library.sequences().first().steps.size(), 1);
    QCOMPARE(library.groups().size(), 4);
    QCOMPARE(library.groups().first().notes, u"Notes from the file"_s);
    QCOMPARE(library.groups().last().name, u"Imported"_s);
    QCOMPARE(library.payloads().size(), SampleLibrary::make().payloads().size() + 1);
    QVERIFY(library.validate().isEmpty());
}

void TestPayloadLibrary::mergeConflict()
{
    PayloadLibrary library = SampleLibrary::make();
    const PayloadLibrary before = library;
    PayloadLibrary incoming;
    QVERIFY(incoming.addPayload(payload(u"Brand new"_s, u"x"_s)).isEmpty());
    QVERIFY(incoming.addPayload(payload(u"Login"_s, u"x"_s)).isEmpty());

    PayloadLibrary::MergeReport report;
    report.added = {u"stale"_s};
    QString error;
    QVERIFY(!library.merge(incoming, &report, &error));
    QCOMPARE(error, u"\u201cLogin\u201d is a sequence in the library and a payload in the file"_s);
    QVERIFY(library == before);
    QCOMPARE(report.added, QStringList {u"stale"_s});
}

void TestPayloadLibrary::subset()
{
    const PayloadLibrary part = SampleLibrary::make().subset({u"Poll unit 1"_s, u"HTTP GET"_s});
    QCOMPARE(part.payloads().size(), 2);   // HTTP GET and what Poll sends
    QVERIFY(part.payload(u"Read holding registers"_s));
    QVERIFY(part.payload(u"HTTP GET"_s));
    QCOMPARE(part.sequences().size(), 1);
    QCOMPARE(part.groups().size(), 1);
    QCOMPARE(part.groups().first().name, u"Modbus"_s);
    QVERIFY(part.validate().isEmpty());
}

void TestPayloadLibrary::saveAndLoad()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(u"deep/er/library.swlib"_s);
    const PayloadLibrary sample = SampleLibrary::make();
    QString error;
    QVERIFY2(sample.save(path, &error), qPrintable(error));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), LibraryFile::write(sample));
    // No temporary file is left beside it.
    QCOMPARE(QDir(dir.filePath(u"deep/er"_s)).entryList(QDir::Files), QStringList {u"library.swlib"_s});

    PayloadLibrary loaded;
    QVERIFY2(loaded.load(path, &error), qPrintable(error));
    QVERIFY(loaded == sample);

    // A save that cannot happen says why: the folder is a file.
    QFile blocker(dir.filePath(u"blocker"_s));
    QVERIFY(blocker.open(QIODevice::WriteOnly));
    blocker.close();
    QVERIFY(!sample.save(dir.filePath(u"blocker/library.swlib"_s), &error));
    QVERIFY2(error.contains(u"Cannot create the folder"_s), qPrintable(error));
}

void TestPayloadLibrary::loadRefused()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    PayloadLibrary library = SampleLibrary::make();
    const PayloadLibrary before = library;
    QString error;

    QVERIFY(!library.load(dir.filePath(u"missing.swlib"_s), &error));
    QVERIFY2(error.startsWith(u"Cannot open \u201c"_s), qPrintable(error));
    QVERIFY(!library.load(dir.path(), &error));
    QVERIFY2(error.startsWith(u"Cannot "_s), qPrintable(error));

    const QString broken = dir.filePath(u"broken.swlib"_s);
    QFile file(broken);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("[socket-workbench-library 1]\n[payload a]\nhex = zz\n[end]\n");
    file.close();
    QVERIFY(!library.load(broken, &error));
    QCOMPARE(error, u"Line 3: hex: Invalid character \u201cz\u201d in hex (column 1 of the value)"_s);
    QVERIFY(library == before);
}

void TestPayloadLibrary::importMerge()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(u"from-a-colleague.swlib"_s);
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("[socket-workbench-library 1]\n"
               "[payload AT]\ntext = AT+GMR\nline-ending = crlf\n"
               "[payload Status]\ngroup = Colleague\nhex = 02 00 03\nchecksum = xor8:1\n"
               "[end]\n");
    file.close();

    PayloadLibrary library = SampleLibrary::make();
    PayloadLibrary::MergeReport report;
    QString error;
    QVERIFY2(library.importFile(path, &report, &error), qPrintable(error));
    QCOMPARE(report.replaced, QStringList {u"AT"_s});
    QCOMPARE(report.added, QStringList {u"Status"_s});
    QCOMPARE(report.groupsAdded, QStringList {u"Colleague"_s});
    QCOMPARE(library.payload(u"AT"_s)->build({}).bytes, QByteArray("AT+GMR\r\n"));
    QCOMPARE(library.payload(u"Status"_s)->build({}).bytes.toHex(' '), QByteArray("02 00 03 03"));
    // The replaced AT lost its group: the file's entry is taken whole.
    QVERIFY(library.payload(u"AT"_s)->group.isEmpty());
}

void TestPayloadLibrary::importRefused()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    PayloadLibrary library = SampleLibrary::make();
    const PayloadLibrary before = library;
    PayloadLibrary::MergeReport report;
    QString error;

    const QString foreign = dir.filePath(u"settings.conf"_s);
    QFile file(foreign);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("[General]\nlanguage=zh_CN\n");
    file.close();
    QVERIFY(!library.importFile(foreign, &report, &error));
    QCOMPARE(error, u"Line 1: Not a Socket Workbench payload library: it must begin with "
                    "[socket-workbench-library 1]"_s);
    QVERIFY(library == before);

    // A good file whose names clash with the library's kinds.
    const QString clash = dir.filePath(u"clash.swlib"_s);
    QFile clashFile(clash);
    QVERIFY(clashFile.open(QIODevice::WriteOnly));
    clashFile.write("[socket-workbench-library 1]\n[sequence AT]\nstep = wait 1\n[end]\n");
    clashFile.close();
    QVERIFY(!library.importFile(clash, &report, &error));
    QCOMPARE(error, u"\u201cAT\u201d is a payload in the library and a sequence in the file"_s);
    QVERIFY(library == before);
}

void TestPayloadLibrary::exportSubset()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const PayloadLibrary sample = SampleLibrary::make();
    QString error;
    const QString some = dir.filePath(u"some.swlib"_s);
    QVERIFY2(sample.exportFile(some, {u"Login"_s}, &error), qPrintable(error));
    PayloadLibrary read;
    QVERIFY2(read.load(some, &error), qPrintable(error));
    QCOMPARE(read.sequences().size(), 1);
    QCOMPARE(read.payloads().size(), 1);   // AT, which Login sends
    QCOMPARE(read.payloads().first().name, u"AT"_s);
    QCOMPARE(read.groups().size(), 1);

    const QString all = dir.filePath(u"all.swlib"_s);
    QVERIFY2(sample.exportFile(all, {}, &error), qPrintable(error));
    QVERIFY2(read.load(all, &error), qPrintable(error));
    QVERIFY(read == sample);
}

void TestPayloadLibrary::defaultPath()
{
    const QString path = PayloadLibrary::defaultPath();
    QVERIFY(path.endsWith(u"/library.swlib"_s));
    QCOMPARE(QFileInfo(path).absolutePath(),
             QStandardPaths::writableLocation(QStandardPaths::AppDataLocation));
}

QTEST_GUILESS_MAIN(TestPayloadLibrary)
#include "tst_payloadlibrary.moc"
