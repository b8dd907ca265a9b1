// Issue 19 on the command line: --sequence FILE[:NAME] (the file read and
// checked while parsing, a colon allowed in the path and in the name) and
// the one-shot options --quit, --wait, --hex, with every bad value an error
// naming its option.

#include "core/workbench/CommandLine.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

const char *const kTwoSequences = R"(
[socket-workbench-library 1]
[payload Ping]
text = ping
[sequence A]
step = send Ping
[sequence B:colon]
run = 3 times
step = send-text b
step = reply within 100 ms contains B
[end]
)";

const char *const kOneSequence = R"(
[socket-workbench-library 1]
[sequence Only]
step = wait 1 ms
[end]
)";

const char *const kBadStep = "[socket-workbench-library 1]\n[sequence S]\nstep = send-text a\nstep = reply soon\n[end]\n";

CommandLine::Result parse(const QStringList &args)
{
    return CommandLine::parse(QStringList{u"socket-workbench"_s} + args);
}

} // namespace

class TestCommandLineSequence : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void oneShot_data();
    void oneShot();
    void sequence_data();
    void sequence();
    void badValue_data();
    void badValue();

private:
    QString write(const QString &relative, const char *text);
    QTemporaryDir m_dir;
};

QString TestCommandLineSequence::write(const QString &relative, const char *text)
{
    const QString path = m_dir.filePath(relative);
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(text) < 0)
        qFatal("cannot write %s", qPrintable(path));
    return path;
}

void TestCommandLineSequence::initTestCase()
{
    QVERIFY(m_dir.isValid());
    write(u"two.swlib"_s, kTwoSequences);
    write(u"one.swlib"_s, kOneSequence);
    write(u"bad.swlib"_s, kBadStep);
    write(u"a:b/two.swlib"_s, kTwoSequences);
}

void TestCommandLineSequence::oneShot_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("waitMs");
    QTest::addColumn<bool>("hex");
    QTest::newRow("tcp, defaults") << QStringList{u"--tcp-client"_s, u"127.0.0.1:7"_s, u"--send"_s, u"hi"_s, u"--quit"_s}
                                   << CommandLine::kDefaultWaitMs << false;
    QTest::newRow("udp, no wait, hex") << QStringList{u"--udp-target"_s, u"127.0.0.1:7"_s, u"--quit"_s, u"--wait"_s,
                                                      u"0"_s, u"--hex"_s}
                                       << 0 << true;
    QTest::newRow("longest wait") << QStringList{u"--tcp-client"_s, u"h:7"_s, u"--quit"_s, u"--wait"_s, u"3600000"_s}
                                  << 3600000 << false;
}

void TestCommandLineSequence::oneShot()
{
    QFETCH(QStringList, args);
    QFETCH(int, waitMs);
    QFETCH(bool, hex);
    const CommandLine::Result r = parse(args);
    QVERIFY2(r.ok(), qPrintable(r.error));
    QVERIFY(r.options.quit);
    QVERIFY(r.options.noWindow);   // one-shot never opens a window
    QCOMPARE(r.options.waitMs, waitMs);
    QCOMPARE(r.options.hexOutput, hex);
    QVERIFY(!r.options.sequence);
}

void TestCommandLineSequence::sequence_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("name");
    QTest::addColumn<int>("steps");
    QTest::newRow("named") << u"two.swlib:A"_s << u"A"_s << 1;
    QTest::newRow("name with a colon") << u"two.swlib:B:colon"_s << u"B:colon"_s << 2;
    QTest::newRow("the only one") << u"one.swlib"_s << u"Only"_s << 1;
    QTest::newRow("folder with a colon") << u"a:b/two.swlib:A"_s << u"A"_s << 1;
}

void TestCommandLineSequence::sequence()
{
    QFETCH(QString, value);
    QFETCH(QString, name);
    QFETCH(int, steps);
    const CommandLine::Result r = parse({u"--tcp-client"_s, u"127.0.0.1:7"_s, u"--sequence"_s, m_dir.filePath(value)});
    QVERIFY2(r.ok(), qPrintable(r.error));
    QVERIFY(r.options.sequence);
    QCOMPARE(r.options.sequence->name, name);
    QCOMPARE(r.options.sequence->steps.size(), steps);
    // The payloads it sends come along.
    QVERIFY(r.options.sequenceLibrary.sequence(name));
    QVERIFY(!r.options.quit);
}

void TestCommandLineSequence::badValue_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("error");
    const QStringList client{u"--tcp-client"_s, u"127.0.0.1:7"_s};
    const QString two = m_dir.filePath(u"two.swlib"_s);
    QTest::newRow("wait without quit") << client + QStringList{u"--wait"_s, u"10"_s} << u"--wait: needs --quit"_s;
    QTest::newRow("hex without quit") << client + QStringList{u"--hex"_s} << u"--hex: needs --quit"_s;
    QTest::newRow("wait negative") << client + QStringList{u"--quit"_s, u"--wait"_s, u"-5"_s}
                                   << u"--wait: \u201c-5\u201d is not a number from 0 to 3600000"_s;
    QTest::newRow("wait a word") << client + QStringList{u"--quit"_s, u"--wait"_s, u"soon"_s}
                                 << u"--wait: \u201csoon\u201d is not a number from 0 to 3600000"_s;
    QTest::newRow("quit on a server") << QStringList{u"--tcp-server"_s, u"127.0.0.1:0"_s, u"--quit"_s}
                                      << u"--quit: needs one session: --tcp-client or --udp-target"_s;
    QTest::newRow("quit on two sessions") << client + QStringList{u"--udp-target"_s, u"127.0.0.1:9"_s, u"--quit"_s}
                                          << u"--quit: needs one session: --tcp-client or --udp-target"_s;
    QTest::newRow("quit with a sequence") << client + QStringList{u"--quit"_s, u"--sequence"_s, two + u":A"_s}
                                          << u"--quit: not with --sequence or --lesson"_s;
    QTest::newRow("sequence, no session") << QStringList{u"--sequence"_s, two + u":A"_s}
                                          << u"--sequence: needs one session to run on"_s;
    QTest::newRow("sequence on bound udp") << QStringList{u"--udp"_s, u"127.0.0.1:0"_s, u"--sequence"_s, two + u":A"_s}
                                           << u"--sequence: needs one session to run on"_s;
    QTest::newRow("no name, two sequences") << client + QStringList{u"--sequence"_s, two}
                                            << u"--sequence: %1 holds 2 sequences; name one as FILE:NAME (A, B:colon)"_s.arg(two);
    QTest::newRow("unknown name") << client + QStringList{u"--sequence"_s, two + u":C"_s}
                                  << u"--sequence: %1 has no sequence \u201cC\u201d; it has: A, B:colon"_s.arg(two);
    QTest::newRow("no file") << client + QStringList{u"--sequence"_s, m_dir.filePath(u"nope.swlib"_s)}
                             << u"--sequence: no file \u201c%1\u201d"_s.arg(m_dir.filePath(u"nope.swlib"_s));
    QTest::newRow("bad step, with its line") << client + QStringList{u"--sequence"_s, m_dir.filePath(u"bad.swlib"_s)}
                                             << u"--sequence: %1: Line 4: "_s.arg(m_dir.filePath(u"bad.swlib"_s));
}

void TestCommandLineSequence::badValue()
{
    QFETCH(QStringList, args);
    QFETCH(QString, error);
    const CommandLine::Result r = parse(args);
    QVERIFY(!r.ok());
    QVERIFY2(r.error.startsWith(error), qPrintable(r.error));
    QVERIFY(!r.error.contains(u'\n'));
}

QTEST_GUILESS_MAIN(TestCommandLineSequence)
#include "tst_commandlinesequence.moc"
