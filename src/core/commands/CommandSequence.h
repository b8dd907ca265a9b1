#pragma once

#include "core/commands/SequenceStep.h"

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>

// A named list of steps (SequenceStep) and how often the whole list runs:
// once, N times, or until stopped. The model only: running it (timers, the
// session, the result line per run) is the runner's job.
class CommandSequence
{
    Q_DECLARE_TR_FUNCTIONS(CommandSequence)

public:
    enum class Run { Once, Times, UntilStopped };

    static constexpr int MaxRuns = 1000000;

    QString name;
    QString group;
    QString encoding = QStringLiteral("UTF-8");   // of send-text steps and text patterns
    Run run = Run::Once;
    int runs = 1;                                 // Run::Times: how many
    QList<SequenceStep> steps;
    QString notes;

    // "once", "N times" (1 time … MaxRuns times), "until stopped".
    QString runText() const;
    // Sets run and runs from their text; false (and *error) when not one of those.
    bool setRunText(const QString &text, QString *error);

    // Empty when the sequence can run on its own (a name, a known encoding,
    // at least one step, every step valid, loops pointing back); payloads it
    // sends are checked by the library, which knows them. *stepIndex (if
    // given) is the 0-based step at fault, or -1.
    QString validate(int *stepIndex = nullptr) const;

    // The library payloads its send steps name, in step order, once each.
    QStringList payloadsUsed() const;

    friend bool operator==(const CommandSequence &, const CommandSequence &) = default;
};
