// --lesson ID: every id of the Lessons menu is accepted, anything else is a
// one-line error that names the option and lists the valid ids, and --help
// lists them (with the menu's titles) for a teacher's desktop shortcut.

#include "core/teach/LessonLibrary.h"
#include "core/workbench/CommandLine.h"

#include <QTest>

using namespace Qt::Literals::StringLiterals;

namespace {
CommandLine::Result run(const QStringList &args)
{
    return CommandLine::parse(QStringList{u"socket-workbench"_s} + args);
}

QStringList lessonIds()
{
    QStringList ids;
    for (const LessonLibrary::Lesson &l : LessonLibrary::all())
        ids << l.id;
    return ids;
}
} // namespace

class TestCommandLineLesson : public QObject
{
    Q_OBJECT
private slots:
    void noLessonByDefault();
    void everyLessonId_data();
    void everyLessonId();
    void badId_data();
    void badId();
    void helpListsTheLessons();
};

void TestCommandLineLesson::noLessonByDefault()
{
    const CommandLine::Result r = run({u"--tcp-server"_s, u"127.0.0.1:0"_s});
    QVERIFY2(r.ok(), qPrintable(r.error));
    QVERIFY(r.options.lesson.isEmpty());
}

void TestCommandLineLesson::everyLessonId_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("lesson");
    QVERIFY(lessonIds().size() >= 2);
    for (const QString &id : lessonIds()) {
        QTest::addRow("--lesson %s", qPrintable(id)) << QStringList{u"--lesson"_s, id} << id;
        QTest::addRow("--lesson=%s", qPrintable(id)) << QStringList{u"--lesson="_s + id} << id;
    }
    // With the options that go with it on a shortcut or in a script.
    QTest::newRow("with --log and --no-window")
        << QStringList{u"--no-window"_s, u"--lesson"_s, u"echo"_s, u"--log"_s, u"lesson.jsonl"_s} << u"echo"_s;
    QTest::newRow("beside a session of the command line")
        << QStringList{u"--tcp-server"_s, u"127.0.0.1:0"_s, u"--lesson"_s, u"udp-echo"_s} << u"udp-echo"_s;
}

void TestCommandLineLesson::everyLessonId()
{
    QFETCH(QStringList, args);
    QFETCH(QString, lesson);
    const CommandLine::Result r = run(args);
    QVERIFY2(r.ok(), qPrintable(r.error));
    QCOMPARE(r.options.lesson, lesson);
}

void TestCommandLineLesson::badId_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("named");   // the value the message must quote
    QTest::newRow("unknown") << QStringList{u"--lesson"_s, u"nope"_s} << u"“nope”"_s;
    QTest::newRow("empty") << QStringList{u"--lesson"_s, QString()} << u"“”"_s;
    QTest::newRow("the menu's title, not its id")
        << QStringList{u"--lesson"_s, LessonLibrary::all().constFirst().title} << LessonLibrary::all().constFirst().title;
    QTest::newRow("case matters") << QStringList{u"--lesson"_s, u"ECHO"_s} << u"“ECHO”"_s;
    QTest::newRow("blank around") << QStringList{u"--lesson"_s, u" echo"_s} << u"“ echo”"_s;
    QTest::newRow("a prefix of an id") << QStringList{u"--lesson"_s, u"sticky-"_s} << u"“sticky-”"_s;
    // Bad even beside good options: nothing of the command line runs.
    QTest::newRow("beside a good session")
        << QStringList{u"--tcp-server"_s, u"127.0.0.1:0"_s, u"--lesson"_s, u"x"_s} << u"“x”"_s;
}

void TestCommandLineLesson::badId()
{
    QFETCH(QStringList, args);
    QFETCH(QString, named);
    const CommandLine::Result r = run(args);
    QVERIFY(!r.ok());
    QVERIFY2(r.error.startsWith(u"--lesson: "_s), qPrintable(r.error));
    QVERIFY2(r.error.contains(named), qPrintable(r.error));
    QVERIFY2(!r.error.contains(u'\n'), qPrintable(r.error));
    // Every valid id, in the menu's order.
    QVERIFY2(r.error.endsWith(lessonIds().join(u", "_s)), qPrintable(r.error));
}

void TestCommandLineLesson::helpListsTheLessons()
{
    const CommandLine::Result r = run({u"--help"_s});
    QVERIFY(r.ok());
    QVERIFY(r.options.showHelp);
    // The help text is wrapped into columns: compare it as one line of words.
    const QString help = r.helpText.simplified();
    QVERIFY(help.contains(u"--lesson <ID>"_s));
    for (const LessonLibrary::Lesson &l : LessonLibrary::all()) {
        QVERIFY2(help.contains(u"%1 (%2)"_s.arg(l.id, l.title.simplified())),
                 qPrintable(u"%1 missing from: %2"_s.arg(l.id, help)));
    }
    // Help wins over a bad id, as over any bad value.
    const CommandLine::Result helpFirst = run({u"--help"_s, u"--lesson"_s, u"nope"_s});
    QVERIFY(helpFirst.ok());
    QVERIFY(helpFirst.options.showHelp);
    const CommandLine::Result twice = run({u"--lesson"_s, u"echo"_s, u"--lesson"_s, u"chat"_s});
    QVERIFY(!twice.ok());
    QVERIFY2(twice.error.contains(u"lesson"_s) && twice.error.contains(u"more than once"_s), qPrintable(twice.error));
}

QTEST_GUILESS_MAIN(TestCommandLineLesson)
#include "tst_commandlinelesson.moc"
