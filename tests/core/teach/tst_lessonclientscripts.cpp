// For every lesson, the client tab's copied script (Python, and C built with
// gcc -Wall -Wextra -Werror) run against the lesson's other tab: see
// LessonScripts.h.

#include "support/LessonScripts.h"

using namespace Qt::StringLiterals;
using Language = SocketNarrator::Language;

class TestLessonClientScripts : public QObject
{
    Q_OBJECT
private slots:
    void everyLessonHasRows();
    void clientScript_data();
    void clientScript();
};

void TestLessonClientScripts::everyLessonHasRows()
{
    QStringList ids;
    for (const LessonLibrary::Lesson &l : LessonLibrary::all())
        ids << l.id;
    QCOMPARE(ids, LessonScripts::lessonIds());
}

void TestLessonClientScripts::clientScript_data()
{
    QTest::addColumn<QString>("lesson");
    QTest::addColumn<Language>("language");
    for (const QString &id : LessonScripts::lessonIds()) {
        if (id == u"http-page"_s)
            continue;  // a page for a browser: no client tab
        QTest::addRow("%s, python", qPrintable(id)) << id << Language::Python;
        QTest::addRow("%s, c", qPrintable(id)) << id << Language::C;
    }
}

void TestLessonClientScripts::clientScript()
{
    QFETCH(QString, lesson);
    QFETCH(Language, language);
    if (language == Language::C && ScriptRun::gcc().isEmpty())
        QSKIP("gcc is missing");
    LessonScripts::clientSide(lesson, language);
}

QTEST_GUILESS_MAIN(TestLessonClientScripts)
#include "tst_lessonclientscripts.moc"
