#include "core/commands/CommandSequence.h"

#include "core/commands/PayloadEntry.h"
#include "core/text/TextCodec.h"

using namespace Qt::StringLiterals;

QString CommandSequence::runText() const
{
    switch (run) {
    case Run::Once: return u"once"_s;
    case Run::Times: return runs == 1 ? u"1 time"_s : u"%1 times"_s.arg(runs);
    case Run::UntilStopped: return u"until stopped"_s;
    }
    return u"once"_s;
}

bool CommandSequence::setRunText(const QString &text, QString *error)
{
    const QString words = text.simplified().toLower();
    if (words == u"once"_s) {
        run = Run::Once;
        runs = 1;
        return true;
    }
    if (words == u"until stopped"_s || words == u"forever"_s) {
        run = Run::UntilStopped;
        runs = 1;
        return true;
    }
    const QStringList parts = words.split(u' ');
    if (parts.size() == 2 && (parts.at(1) == u"times"_s || parts.at(1) == u"time"_s)) {
        bool ok = !parts.at(0).isEmpty();
        for (const QChar c : parts.at(0))
            ok = ok && c >= u'0' && c <= u'9';
        const int count = ok ? parts.at(0).toInt(&ok) : 0;
        if (ok && count >= 1 && count <= MaxRuns) {
            run = Run::Times;
            runs = count;
            return true;
        }
    }
    if (error) {
        *error = tr("\u201c%1\u201d is not how often a sequence runs: write once, N times (1 to %2) or until stopped")
                         .arg(text.trimmed())
                         .arg(MaxRuns);
    }
    return false;
}

QString CommandSequence::validate(int *stepIndex) const
{
    if (stepIndex)
        *stepIndex = -1;
    const QString badName = PayloadEntry::checkName(name);
    if (!badName.isEmpty())
        return badName;
    if (!group.isEmpty()) {
        const QString badGroup = PayloadEntry::checkName(group);
        if (!badGroup.isEmpty())
            return tr("Group: %1").arg(badGroup);
    }
    if (!TextCodec::isSupported(encoding))
        return tr("Unknown encoding \u201c%1\u201d").arg(encoding);
    if (run == Run::Times && (runs < 1 || runs > MaxRuns))
        return tr("A sequence runs 1 to %1 times, once, or until stopped").arg(MaxRuns);
    if (steps.isEmpty())
        return tr("The sequence \u201c%1\u201d has no steps").arg(name);
    for (qsizetype i = 0; i < steps.size(); ++i) {
        const SequenceStep &step = steps.at(i);
        QString problem = step.validate(encoding);
        // A loop goes back: to itself or forward would be an endless or an
        // empty loop, never what was meant.
        if (problem.isEmpty() && step.kind == SequenceStep::Kind::Loop && step.target > i)
            problem = tr("it loops to step %1: a loop goes back to an earlier step").arg(step.target);
        if (!problem.isEmpty()) {
            if (stepIndex)
                *stepIndex = int(i);
            return tr("Step %1: %2").arg(i + 1).arg(problem);
        }
    }
    return {};
}

QStringList CommandSequence::payloadsUsed() const
{
    QStringList names;
    for (const SequenceStep &step : steps) {
        if (step.kind == SequenceStep::Kind::SendEntry && !names.contains(step.text))
            names.append(step.text);
    }
    return names;
}
