#pragma once

#include <QCoreApplication>
#include <QList>
#include <QString>

class Workbench;

// The classic socket exercises, each set up with one call: the sessions it
// needs are opened, configured and started in the workbench, and the
// explanation names the real addresses and ports that were chosen.
class LessonLibrary
{
    Q_DECLARE_TR_FUNCTIONS(LessonLibrary)
public:
    struct Lesson
    {
        QString id;     // stable, for settings and the command line
        QString title;  // menu text
    };

    static QList<Lesson> all();
    // Opens the lesson's sessions. Returns the explanation (rich text), or
    // an empty string when the id is unknown.
    static QString setUp(const QString &id, Workbench *workbench);
};
