#pragma once

#include "core/commands/CommandSequence.h"
#include "core/commands/PayloadLibrary.h"
#include "core/commands/Template.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QTimer>

#include <map>
#include <vector>

class Session;
struct TrafficEvent;

// Runs a CommandSequence on a Session, step by step, through the session's
// own send path (a TCP server sends to all its clients, or to the one
// chosen with setClientId()).
//
// - send steps build their bytes when they run (a library payload through
//   PayloadEntry::build, inline send-text/send-hex templates in the
//   sequence's encoding); a send the session refuses ends the run.
// - wait steps are measured on a monotonic clock from when the wait was due,
//   not from when the timer fired, so "wait 1 ms" in a loop keeps its pace
//   instead of adding each timer's lateness.
// - reply steps look at the Data In events the session announces from the
//   step's start on, accumulated, so a reply TCP split in two still matches;
//   a reply that does not come in time is a timeout, counted, and the run
//   goes on with the next step.
// - a session that stops (or the chosen client that closes) ends the run.
//
// Each step's outcome, each run's result line and a final summary are
// signalled; the words are ready to print (the command line) or show (the
// sequence panel).
class SequenceRunner : public QObject
{
    Q_OBJECT
public:
    enum class Outcome { Sent, Waited, Matched, TimedOut, Looped, Failed };
    Q_ENUM(Outcome)
    enum class End { Passed, TimedOut, Failed, Stopped };
    Q_ENUM(End)

    struct Tally
    {
        int stepsDone = 0;
        int repliesMatched = 0;
        int timeouts = 0;
    };

    struct StepReport
    {
        int run = 0;     // 1-based
        int step = 0;    // 1-based
        int steps = 0;   // in the sequence
        Outcome outcome = Outcome::Sent;
        QString stepText;   // the step's text form, one line
        QString detail;     // what happened
        // "run 1 step 2/4 reply within 500 ms contains OK: matched after 3 ms (6 bytes)"
        QString line() const;
    };

    struct Summary
    {
        End end = End::Passed;
        int runs = 0;          // runs begun
        Tally total;
        QString reason;        // why it ended early (Failed, Stopped), else empty
        QString line;          // one line saying all of it
        // 0 when every step passed, else 1 (a timeout, a failed send, a stop)
        int exitCode() const { return end == End::Passed ? 0 : 1; }
    };

    explicit SequenceRunner(Session *session, QObject *parent = nullptr);
    ~SequenceRunner() override;

    // Why the sequence cannot run with this library (its own fault, or a
    // payload it sends that is missing or bad), or empty. *stepIndex (if
    // given) is the 0-based step at fault, or -1.
    static QString check(const CommandSequence &sequence, const PayloadLibrary &library, int *stepIndex = nullptr);

    // Starts running on the next pass of the event loop. False, with *error
    // and nothing sent, when check() refuses, the session is not running
    // (a TCP session must be connected or listening; UDP binds on its first
    // send) or a run is going on. The library is copied: editing it later
    // does not change this run.
    bool start(const CommandSequence &sequence, const PayloadLibrary &library, QString *error);
    // Ends the run now (End::Stopped); nothing more is sent.
    void stop();
    bool isRunning() const { return m_running; }

    // TCP server: 0 sends to every client and takes replies from any; else
    // only this client. Other sessions ignore it.
    void setClientId(quint32 id) { m_clientId = id; }
    quint32 clientId() const { return m_clientId; }

    const CommandSequence &sequence() const { return m_sequence; }
    int currentRun() const { return m_run; }
    int currentStep() const { return m_running ? m_index + 1 : 0; }   // 1-based, 0 = none

signals:
    void stepStarted(int run, int step);
    void stepFinished(const SequenceRunner::StepReport &report);
    void runFinished(int run, const SequenceRunner::Tally &tally, const QString &line);
    void finished(const SequenceRunner::Summary &summary);

private:
    enum class Phase { Idle, Next, Wait, Reply };

    void onTimer();
    void onEvent(const TrafficEvent &event);
    void onStateChanged();
    // Runs steps until one has to wait (or a pass has done enough).
    void pump();
    bool runSend(const SequenceStep &step);
    void runLoop(const SequenceStep &step, bool *yield);
    void beginWait(const SequenceStep &step);
    void beginReply(const SequenceStep &step);
    // Reports the current step; false when a listener stopped (or
    // restarted) the run meanwhile, and the caller must leave it alone.
    bool finishStep(Outcome outcome, const QString &detail);
    // The run is over (all steps); starts the next or finishes.
    void endRun();
    void finish(End end, const QString &reason);
    void arm(qint64 dueNs);
    void nextPass();
    qint64 nowNs() const { return m_clock.nsecsElapsed(); }

    // The session's template context and counter (Session::templateContext).
    Template::Context templateContext() const;
    void countTemplateMessage();

    QPointer<Session> m_session;
    CommandSequence m_sequence;
    PayloadLibrary m_library;
    std::vector<Template> m_templates;   // per step: the inline send templates
    quint32 m_clientId = 0;

    bool m_running = false;
    quint64 m_generation = 0;           // one per start(), so a listener's restart is noticed
    Phase m_phase = Phase::Idle;
    int m_run = 0;
    int m_runsBegun = 0;
    int m_index = 0;                    // 0-based step
    std::map<int, int> m_loopLeft;      // loop step -> jumps back still to make
    Tally m_runTally;
    Tally m_total;
    QString m_endReason;                // the last close or stop the session said

    QElapsedTimer m_clock;
    qint64 m_anchorNs = 0;      // when the next wait is counted from
    qint64 m_stepStartNs = 0;
    qint64 m_dueNs = 0;         // the current wait's or reply's deadline
    QTimer m_timer;

    QByteArray m_received;      // since the reply step began
    QByteArray m_lastReply;     // {data} of later sends
};
