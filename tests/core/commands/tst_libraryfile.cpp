// The payload library file: a full library written and read back unchanged;
// a file a person wrote by hand (comments, CRLF, a BOM, odd spacing) read as
// meant; and every way a file is refused, each with its line and reason.

#include "core/commands/LibraryFile.h"
#include "core/commands/PayloadLibrary.h"
#include "support/SampleLibrary.h"

#include <QDir>
#include <QFile>
#include <QTest>

using namespace Qt::StringLiterals;

class TestLibraryFile : public QObject
{
    Q_OBJECT

private slots:
    void roundTrip();
    void writtenFileReads();
    void handWritten();
    void quoting_data();
    void quoting();
    void refused_data();
    void refused();
    void tooLarge();
    void readmeExample();
    void fuzzSeeds();
};

static QByteArray library(const QByteArray &body)
{
    return "[socket-workbench-library 1]\n" + body + "[end]\n";
}

void TestLibraryFile::roundTrip()
{
    const PayloadLibrary sample = SampleLibrary::make();
    QVERIFY2(sample.validate().isEmpty(), qPrintable(sample.validate()));
    const QByteArray written = LibraryFile::write(sample);

    PayloadLibrary read;
    const LibraryFile::Result result = LibraryFile::read(written, &read);
    QVERIFY2(result.ok(), qPrintable(result.message() + u"\n"_s + QString::fromUtf8(written)));
    QCOMPARE(read.groups().size(), sample.groups().size());
    QCOMPARE(read.payloads().size(), sample.payloads().size());
    QCOMPARE(read.sequences().size(), sample.sequences().size());
    for (qsizetype i = 0; i < sample.payloads().size(); ++i)
        QVERIFY2(read.payloads().at(i) == sample.payloads().at(i), qPrintable(sample.payloads().at(i).name));
    for (qsizetype i = 0; i < sample.sequences().size(); ++i)
        QVERIFY2(read.sequences().at(i) == sample.sequences().at(i), qPrintable(sample.sequences().at(i).name));
    QVERIFY(read == sample);
    // Writing is stable: the same library, the same bytes (no churn in a diff).
    QCOMPARE(LibraryFile::write(read), written);
    // An empty library is a file too.
    PayloadLibrary empty = sample;
    QVERIFY(LibraryFile::read(library({}), &empty).ok());
    QVERIFY(empty.isEmpty());
}

void TestLibraryFile::writtenFileReads()
{
    // What the writer makes, as a person sees it.
    const QString written = QString::fromUtf8(LibraryFile::write(SampleLibrary::make()));
    QVERIFY(written.startsWith(u"# Socket Workbench payload library"_s));
    QVERIFY(written.contains(u"\n[socket-workbench-library 1]\n"_s));
    QVERIFY(written.contains(u"[payload Read holding registers]\n"
                             "group = Modbus\n"
                             "hex = 01 03 00 00 00 0A\n"
                             "checksum = crc16-modbus\n"
                             "notes = Registers 0 to 9 of unit 1\n"_s));
    QVERIFY(written.contains(u"checksum = crc16-ccitt-false:2:le\nframing = length:2:le:incl\n"_s));
    QVERIFY(written.contains(u"[payload HTTP GET]\n"
                             "text = GET / HTTP/1.1\n"
                             "     | Host: {{example}\n"
                             "     | \n"
                             "     | \n"
                             "encoding = ISO-8859-1\n"_s));
    QVERIFY(written.contains(u"text = \"  two leading, one trailing \"\n"_s));
    QVERIFY(written.contains(u"[sequence Poll unit 1]\n"
                             "group = Modbus\n"
                             "run = 5 times\n"
                             "step = send Read holding registers\n"
                             "step = reply within 500 ms hex 01 03 14\n"
                             "step = wait 100 ms\n"
                             "step = loop to 1, 3 times\n"_s));
    QVERIFY(written.contains(u"step = \"send-text  padded \"\n"_s));
    QVERIFY(written.endsWith(u"\n[end]\n"_s));
}

void TestLibraryFile::handWritten()
{
    // A BOM, CRLF line ends, comments anywhere, blank lines, spaces around
    // "=", upper-case keys, a group only used (not declared), a sequence
    // before the payload it sends.
    const QByteArray file = "\xEF\xBB\xBF# my device\r\n"
                            "\r\n"
                            "  [socket-workbench-library 1]  \r\n"
                            "[sequence Ping twice]\r\n"
                            "RUN=2 times\r\n"
                            "step   =   send ping\r\n"
                            "# a comment between steps\r\n"
                            "step = reply within 300ms contains pong\r\n"
                            "[payload ping]\r\n"
                            "group = Lab\r\n"
                            "Text = ping\\n\r\n"
                            "notes = first\r\n"
                            "# comments do not end a value\r\n"
                            "   |second\r\n"
                            "[end]\r\n"
                            "\r\n"
                            "# trailing comments are fine\r\n";
    PayloadLibrary read;
    const LibraryFile::Result result = LibraryFile::read(file, &read);
    QVERIFY2(result.ok(), qPrintable(result.message()));

    QCOMPARE(read.groups().size(), 1);
    QCOMPARE(read.groups().first().name, u"Lab"_s);
    const PayloadEntry *ping = read.payload(u"ping"_s);
    QVERIFY(ping);
    QCOMPARE(ping->text, u"ping\\n"_s);
    QCOMPARE(ping->group, u"Lab"_s);
    QCOMPARE(ping->notes, u"first\nsecond"_s);
    QCOMPARE(ping->build({}).bytes, QByteArray("ping\n"));
    const CommandSequence *twice = read.sequence(u"Ping twice"_s);
    QVERIFY(twice);
    QCOMPARE(twice->run, CommandSequence::Run::Times);
    QCOMPARE(twice->runs, 2);
    QCOMPARE(twice->steps.size(), 2);
    QCOMPARE(twice->steps.at(1).toString(), u"reply within 300 ms contains pong"_s);
}

void TestLibraryFile::quoting_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("line");   // how the writer puts it after "notes = "

    QTest::newRow("plain") << u"abc"_s << u"abc"_s;
    QTest::newRow("leading space") << u" abc"_s << u"\" abc\""_s;
    QTest::newRow("trailing tab") << u"abc\t"_s << u"\"abc\t\""_s;
    QTest::newRow("quotes at both ends") << u"\"abc\""_s << u"\"\"abc\"\""_s;
    QTest::newRow("one quote") << u"\""_s << u"\""_s;
    QTest::newRow("quote at the start only") << u"\"abc"_s << u"\"abc"_s;
    QTest::newRow("inner quotes") << u"a \"b\" c"_s << u"a \"b\" c"_s;
    QTest::newRow("only spaces") << u"   "_s << u"\"   \""_s;
    QTest::newRow("carriage return at the end") << u"abc\r"_s << u"\"abc\r\""_s;
    QTest::newRow("ideographic space") << u"\u3000abc"_s << u"\"\u3000abc\""_s;
    QTest::newRow("hash and equals") << u"# = [x] |"_s << u"# = [x] |"_s;
    QTest::newRow("empty lines") << u"\n\n"_s << QString();
}

void TestLibraryFile::quoting()
{
    QFETCH(QString, value);
    QFETCH(QString, line);

    PayloadLibrary sample;
    QVERIFY(sample.addGroup({u"g"_s, value}).isEmpty());
    const QByteArray written = LibraryFile::write(sample);
    QVERIFY2(QString::fromUtf8(written).contains(u"\nnotes = "_s + line + u'\n'), written.constData());
    PayloadLibrary read;
    const LibraryFile::Result result = LibraryFile::read(written, &read);
    QVERIFY2(result.ok(), qPrintable(result.message()));
    QCOMPARE(read.groups().first().notes, value);
}

void TestLibraryFile::refused_data()
{
    QTest::addColumn<QByteArray>("file");
    QTest::addColumn<int>("line");
    QTest::addColumn<QString>("reason");

    const QByteArray ping = "[payload ping]\ntext = ping\n";
    QTest::newRow("empty file") << QByteArray() << 1 << u"The file is empty"_s;
    QTest::newRow("only comments") << QByteArray("# nothing\n\n") << 1 << u"The file is empty"_s;
    QTest::newRow("an INI file") << QByteArray("[General]\ngeometry=@ByteArray(x)\n") << 1
                                 << u"Not a Socket Workbench payload library: it must begin with "
                                    "[socket-workbench-library 1]"_s;
    QTest::newRow("JSON") << QByteArray("{\"payloads\": []}\n") << 1 << u"Not a Socket Workbench payload library"_s;
    QTest::newRow("header after a key") << QByteArray("\n# x\nname = y\n[socket-workbench-library 1]\n") << 3
                                        << u"Not a Socket Workbench payload library"_s;
    QTest::newRow("newer format") << QByteArray("[socket-workbench-library 2]\n[end]\n") << 1
                                  << u"The library is in format 2, which a newer Socket Workbench writes; this one "
                                     "reads format 1"_s;
    QTest::newRow("no [end]") << QByteArray("[socket-workbench-library 1]\n" + ping) << 3
                              << u"The file ends without its [end] line: it was cut short"_s;
    QTest::newRow("cut in a value") << QByteArray("[socket-workbench-library 1]\n[payload ping]\ntext = pi") << 3
                                    << u"The file ends without its [end] line"_s;
    QTest::newRow("cut after the header") << QByteArray("[socket-workbench-library 1]\n") << 1
                                          << u"The file ends without its [end] line"_s;
    QTest::newRow("cut in a character") << QByteArray("[socket-workbench-library 1]\n[payload p]\ntext = \xe4\xbd")
                                        << 3 << u"The byte 0xe4 at offset 48 is not UTF-8 text"_s;
    QTest::newRow("Latin-1 file") << library("[payload caf\xe9]\ntext = x\n") << 2
                                  << u"The byte 0xe9 at offset 41 is not UTF-8 text; save the file as UTF-8"_s;
    QTest::newRow("GBK file") << library(ping + "notes = \xc4\xe3\xba\xc3\n") << 4 << u"is not UTF-8 text"_s;
    QTest::newRow("NUL byte") << library(ping + "notes = a\0b\n"_ba) << 4 << u"A NUL byte: this is not a text file"_s;
    QTest::newRow("text after [end]") << library(ping) + "[payload late]\ntext = x\n" << 5
                                      << u"Text after [end] (line 4)"_s;
    QTest::newRow("unknown section") << library("[macro m]\n") << 2
                                     << u"Unknown section \u201c[macro m]\u201d: a section is [group NAME]"_s;
    QTest::newRow("section without ]") << library("[payload x\n") << 2
                                       << u"A section line ends with \u201c]\u201d"_s;
    QTest::newRow("section without a name") << library("[payload]\n") << 2 << u"[payload \u2026]: The name is empty"_s;
    QTest::newRow("key before a section") << library("text = x\n") << 2
                                          << u"\u201ctext =\u201d comes before any [section]"_s;
    QTest::newRow("not a key line") << library(ping + "just words\n") << 4
                                    << u"\u201cjust words\u201d is not a [section], a key = value or a | continuation"_s;
    QTest::newRow("| without a key") << library("[group g]\n| lost\n") << 3
                                     << u"A \u201c|\u201d line continues the value"_s;
    QTest::newRow("unknown key") << library(ping + "colour = red\n") << 4
                                 << u"Unknown key \u201ccolour\u201d in [payload ping] (known: group, text, hex, "
                                    "encoding, line-ending, checksum, framing, notes)"_s;
    QTest::newRow("a payload key in a group") << library("[group g]\ntext = x\n") << 3
                                              << u"Unknown key \u201ctext\u201d in [group g] (known: notes)"_s;
    QTest::newRow("step in a payload") << library(ping + "step = wait 1 ms\n") << 4
                                       << u"Unknown key \u201cstep\u201d in [payload ping]"_s;
    QTest::newRow("key twice") << library(ping + "TEXT = pong\n") << 4
                               << u"\u201ctext\u201d is given twice in [payload ping] (first on line 3)"_s;
    QTest::newRow("neither text nor hex") << library("[payload p]\nnotes = n\n") << 2
                                          << u"[payload p] has no text = or hex = line"_s;
    QTest::newRow("text and hex") << library("[payload p]\ntext = a\nhex = 61\n") << 4
                                  << u"[payload p] has both text = and hex =; keep one"_s;
    QTest::newRow("bad hex") << library("[payload p]\nhex = 01 0g\n") << 3
                             << u"hex: Invalid character \u201cg\u201d in hex (column 5 of the value)"_s;
    QTest::newRow("bad hex on a continuation") << library("[payload p]\nhex = 01\n# c\n | 02 3\n") << 5
                                               << u"hex: Odd number of hex digits in \u201c3\u201d (each byte "
                                                  "takes two) (column 4 of the value)"_s;
    QTest::newRow("bad escape") << library("[payload p]\ntext = OK\\q\n") << 3
                                << u"text: Unknown escape \\q (column 3 of the value)"_s;
    QTest::newRow("unknown field") << library("[payload p]\ntext = {name}\n") << 3
                                   << u"text: Unknown field {name}"_s;
    QTest::newRow("text the encoding lacks") << library("[payload p]\ntext = €\nencoding = latin1\n") << 3
                                             << u"cannot be encoded in ISO-8859-1 (column 1 of the value)"_s;
    QTest::newRow("unknown encoding") << library(ping + "encoding = klingon\n") << 4
                                      << u"Unknown encoding \u201cklingon\u201d"_s;
    QTest::newRow("unknown line ending") << library(ping + "line-ending = lfcr\n") << 4
                                         << u"Unknown line ending \u201clfcr\u201d (none, cr, lf or crlf)"_s;
    QTest::newRow("unknown checksum") << library(ping + "checksum = crc99\n") << 4
                                      << u"Unknown checksum \u201ccrc99\u201d"_s;
    QTest::newRow("ambiguous checksum") << library(ping + "checksum = crc16\n") << 4 << u"is ambiguous"_s;
    QTest::newRow("checksum past a fixed payload") << library(ping + "checksum = sum8:4\n") << 4
                                                   << u"The checksum starts at byte 4, but the payload ends before "
                                                      "it (payload size 4)"_s;
    QTest::newRow("bad framing") << library(ping + "framing = length:3\n") << 4
                                 << u"Length width must be 1, 2, 4 or 8 bytes, not \u201c3\u201d"_s;
    QTest::newRow("bad group name") << library(ping + "group = \"  \"\n") << 4 << u"The name is empty"_s;
    QTest::newRow("duplicate payload") << library(ping + "[group g]\n" + ping) << 5
                                       << u"The name \u201cping\u201d is already used on line 2"_s;
    QTest::newRow("payload and sequence, one name") << library(ping + "[sequence ping]\nstep = wait 1\n") << 4
                                                    << u"The name \u201cping\u201d is already used on line 2"_s;
    QTest::newRow("duplicate group") << library("[group g]\n[group g]\n") << 3
                                     << u"The name \u201cg\u201d is already used on line 2"_s;
    QTest::newRow("unknown step") << library("[sequence s]\nstep = wait 1\nstep = jump 1\n") << 4
                                  << u"Step 2: Unknown step \u201cjump\u201d"_s;
    QTest::newRow("bad wait") << library("[sequence s]\nstep = wait soon\n") << 3
                              << u"Step 1: Write \u201cwait MS ms\u201d"_s;
    QTest::newRow("bad regex") << library("[sequence s]\nstep = reply within 9 ms regex [a\n") << 3
                               << u"Step 1: Bad regular expression"_s;
    QTest::newRow("step text in the sequence's encoding") << library("[sequence s]\nstep = send-text €\n"
                                                                    "encoding = latin1\n")
                                                          << 3 << u"Step 1: The character"_s;
    QTest::newRow("loop forward") << library("[sequence s]\nstep = wait 1\n\nstep = loop to 2\n") << 5
                                  << u"Step 2: it loops to step 2: a loop goes back to an earlier step"_s;
    QTest::newRow("sends a payload the file lacks") << library(ping + "[sequence s]\nstep = send ping\n"
                                                                      "step = send pong\n")
                                                    << 6
                                                    << u"Step 2 sends \u201cpong\u201d, but the file has no "
                                                       "[payload pong]"_s;
    QTest::newRow("sends a sequence") << library("[sequence a]\nstep = wait 1\n[sequence b]\nstep = send a\n") << 5
                                      << u"Step 1 sends \u201ca\u201d, but the file has no [payload a]"_s;
    QTest::newRow("bad run") << library("[sequence s]\nrun = twice\nstep = wait 1\n") << 3
                             << u"\u201ctwice\u201d is not how often a sequence runs"_s;
    QTest::newRow("no steps") << library("[sequence s]\nrun = once\n") << 2
                              << u"The sequence \u201cs\u201d has no steps"_s;
}

void TestLibraryFile::refused()
{
    QFETCH(QByteArray, file);
    QFETCH(int, line);
    QFETCH(QString, reason);

    PayloadLibrary target = SampleLibrary::make();
    const PayloadLibrary before = target;
    const LibraryFile::Result result = LibraryFile::read(file, &target);
    QVERIFY(!result.ok());
    QVERIFY2(result.reason.contains(reason), qPrintable(result.message()));
    QCOMPARE(result.line, line);
    QCOMPARE(result.message(), u"Line %1: %2"_s.arg(line).arg(result.reason));
    // A refused file changes nothing.
    QVERIFY(target == before);
}

void TestLibraryFile::tooLarge()
{
    QByteArray file = library("[payload p]\ntext = x\n");
    file += QByteArray(LibraryFile::MaxFileBytes, '#');
    PayloadLibrary target;
    const LibraryFile::Result result = LibraryFile::read(file, &target);
    QCOMPARE(result.line, 0);
    QCOMPARE(result.message(), u"The file is larger than 16 MiB: not a payload library"_s);
    QVERIFY(target.isEmpty());
}

void TestLibraryFile::readmeExample()
{
    // The example in README.md, "The payload library file", is a good file
    // that means what the README says.
    QFile readme(qEnvironmentVariable("SW_TEST_DATA") + u"/../README.md"_s);
    QVERIFY2(readme.open(QIODevice::ReadOnly), qPrintable(readme.fileName()));
    const QString text = QString::fromUtf8(readme.readAll());
    const qsizetype section = text.indexOf(u"\n## The payload library file\n"_s);
    QVERIFY(section >= 0);
    const qsizetype begin = text.indexOf(u"```ini\n"_s, section);
    const qsizetype end = text.indexOf(u"```\n"_s, begin + 7);
    QVERIFY(begin >= 0 && end > begin);
    PayloadLibrary read;
    const LibraryFile::Result result = LibraryFile::read(text.sliced(begin + 7, end - begin - 7).toUtf8(), &read);
    QVERIFY2(result.ok(), qPrintable(result.message()));
    QCOMPARE(read.payload(u"Read holding registers"_s)->build({}).bytes.toHex(' ').toUpper(),
             QByteArray("01 03 00 00 00 0A C5 CD"));
    QCOMPARE(read.payload(u"Read holding registers"_s)->notes, u"Registers 0 to 9\nof unit 1"_s);
    Template::Context third;
    third.counter = 2;
    QCOMPARE(read.payload(u"Login"_s)->build(third).bytes, QByteArray("LOGIN admin 0003\r\n"));
    QCOMPARE(read.sequence(u"Poll unit 1"_s)->steps.size(), 6);
    QCOMPARE(read.sequence(u"Poll unit 1"_s)->runs, 5);
}

void TestLibraryFile::fuzzSeeds()
{
    // The fuzzer's seeds are what their names say: "refused-…" files are
    // refused, the others read (so the fuzzer starts from both sides).
    const QDir seeds(qEnvironmentVariable("SW_TEST_DATA") + u"/fuzz/corpus/library_file"_s);
    const QStringList names = seeds.entryList(QDir::Files);
    QVERIFY(names.size() >= 4);
    for (const QString &name : names) {
        QFile file(seeds.filePath(name));
        QVERIFY(file.open(QIODevice::ReadOnly));
        PayloadLibrary read;
        const LibraryFile::Result result = LibraryFile::read(file.readAll(), &read);
        QVERIFY2(result.ok() != name.startsWith(u"refused-"_s), qPrintable(name + u": "_s + result.message()));
    }
}

QTEST_GUILESS_MAIN(TestLibraryFile)
#include "tst_libraryfile.moc"
