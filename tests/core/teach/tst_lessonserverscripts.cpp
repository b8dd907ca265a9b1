// For every lesson, the server tab's copied script (Python, and C built with
// gcc -Wall -Wextra -Werror) run against the lesson's other tab: see
// LessonScripts.h.

#include "support/LessonScripts.h"

using Language = SocketNarrator::Language;

class TestLessonServerScripts : public QObject
{
    Q_OBJECT
private slots:
    void everyLessonHasRows();
    void serverScript_data();
    void serverScript();
};

void TestLessonServerScripts::everyLessonHasRows()
{
    QStringList ids;
    for (const LessonLibrary::Lesson &l : LessonLibrary::all())
        ids << l.id;
    QCOMPARE(ids, LessonScripts::lessonIds());
}

void TestLessonServerScripts::serverScript_data()
{
    QTest::addColumn<QString>("lesson");
    QTest::addColumn<Language>("language");
    for (const QString &id : LessonScripts::lessonIds()) {
        QTest::addRow("%s, python", qPrintable(id)) << id << Language::Python;
        QTest::addRow("%s, c", qPrintable(id)) << id << Language::C;
    }
}

void TestLessonServerScripts::serverScript()
{
    QFETCH(QString, lesson);
    QFETCH(Language, language);
    if (language == Language::C && ScriptRun::gcc().isEmpty())
        QSKIP("gcc is missing");
    LessonScripts::serverSide(lesson, language);
}

QTEST_GUILESS_MAIN(TestLessonServerScripts)
#include "tst_lessonserverscripts.moc"
