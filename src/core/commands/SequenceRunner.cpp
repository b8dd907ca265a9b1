#include "core/commands/SequenceRunner.h"

#include "core/log/TrafficEvent.h"
#include "core/net/Session.h"
#include "core/net/TcpServerSession.h"
#include "core/text/Escape.h"

using namespace Qt::StringLiterals;

namespace {

constexpr qint64 kNsPerMs = 1000000;
// Steps run in one pass of the event loop before the others get their turn:
// a loop of sends with no wait must not freeze the window.
constexpr int kStepsPerPass = 64;
// A wait that fell further behind than this (the machine was busy) counts
// from now again, rather than catching up with a burst of sends.
constexpr qint64 kMaxCatchUpNs = 100 * kNsPerMs;
// What a reply step keeps of a flood while it waits: the newest bytes.
constexpr qsizetype kMaxReplyBytes = 4 * 1024 * 1024;

QString oneLine(const QString &text)
{
    return Escape::text(text, Escape::TextStyle::VisibleControls);
}

} // namespace

QString SequenceRunner::StepReport::line() const
{
    return SequenceRunner::tr("run %1 step %2/%3 %4: %5").arg(run).arg(step).arg(steps).arg(stepText, detail);
}

SequenceRunner::SequenceRunner(Session *session, QObject *parent)
    : QObject(parent)
    , m_session(session)
{
    m_timer.setSingleShot(true);
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &SequenceRunner::onTimer);
    if (session) {
        connect(session, &Session::eventOccurred, this, &SequenceRunner::onEvent);
        connect(session, &Session::stateChanged, this, &SequenceRunner::onStateChanged);
        connect(session, &QObject::destroyed, this, [this] {
            if (m_running)
                finish(End::Failed, tr("The session was closed"));
        });
    }
}

SequenceRunner::~SequenceRunner() = default;

QString SequenceRunner::check(const CommandSequence &sequence, const PayloadLibrary &library, int *stepIndex)
{
    const QString invalid = sequence.validate(stepIndex);
    if (!invalid.isEmpty())
        return invalid;
    for (qsizetype i = 0; i < sequence.steps.size(); ++i) {
        const SequenceStep &step = sequence.steps.at(i);
        if (step.kind != SequenceStep::Kind::SendEntry)
            continue;
        const PayloadEntry *entry = library.payload(step.text);
        QString problem;
        if (!entry)
            problem = tr("send: there is no payload \u201c%1\u201d in the library").arg(step.text);
        else if (const QString bad = entry->validate(); !bad.isEmpty())
            problem = tr("send: the payload \u201c%1\u201d cannot be sent: %2").arg(step.text, bad);
        if (!problem.isEmpty()) {
            if (stepIndex)
                *stepIndex = int(i);
            return CommandSequence::tr("Step %1: %2").arg(i + 1).arg(problem);
        }
    }
    return {};
}

bool SequenceRunner::start(const CommandSequence &sequence, const PayloadLibrary &library, QString *error)
{
    const auto refuse = [error](const QString &why) {
        if (error)
            *error = why;
        return false;
    };
    if (m_running)
        return refuse(tr("A sequence is running already: stop it first"));
    if (!m_session)
        return refuse(tr("There is no session to run the sequence on"));
    const QString bad = check(sequence, library);
    if (!bad.isEmpty())
        return refuse(bad);
    // UDP binds on its first send; TCP needs its connection or its socket.
    if (m_session->kind() != SessionKind::Udp && !m_session->isRunning()) {
        return refuse(m_session->kind() == SessionKind::TcpClient
                              ? tr("Not connected: connect first, then run the sequence")
                              : tr("The server is not listening: start it first, then run the sequence"));
    }
    m_sequence = sequence;
    m_library = library;
    m_templates.assign(size_t(sequence.steps.size()), Template());
    for (qsizetype i = 0; i < sequence.steps.size(); ++i) {
        const SequenceStep &step = sequence.steps.at(i);
        if (step.kind != SequenceStep::Kind::SendText && step.kind != SequenceStep::Kind::SendHex)
            continue;
        const Template::Parsed parsed = Template::parse(
                step.text, step.kind == SequenceStep::Kind::SendHex ? Template::Mode::Hex : Template::Mode::Text,
                sequence.encoding);
        m_templates[size_t(i)] = parsed.value;   // check() found no fault
    }
    if (error)
        error->clear();
    m_running = true;
    ++m_generation;
    m_run = 1;
    m_runsBegun = 0;
    m_index = 0;
    m_loopLeft.clear();
    m_runTally = {};
    m_total = {};
    m_endReason.clear();
    m_received.clear();
    m_lastReply.clear();
    m_clock.start();
    m_anchorNs = 0;
    nextPass();
    return true;
}

void SequenceRunner::stop()
{
    if (m_running)
        finish(End::Stopped, tr("Stopped"));
}

void SequenceRunner::nextPass()
{
    m_phase = Phase::Next;
    m_timer.start(0);
}

void SequenceRunner::arm(qint64 dueNs)
{
    m_dueNs = dueNs;
    const qint64 left = dueNs - nowNs();
    // Rounded up: a timer due before the deadline would only fire again.
    m_timer.start(left <= 0 ? 0 : int((left + kNsPerMs - 1) / kNsPerMs));
}

void SequenceRunner::onTimer()
{
    if (!m_running)
        return;
    switch (m_phase) {
    case Phase::Idle:
        return;
    case Phase::Next:
        m_phase = Phase::Idle;
        pump();
        return;
    case Phase::Wait:
        if (nowNs() < m_dueNs) {
            arm(m_dueNs);
            return;
        }
        // The next wait counts from when this one was due, so timer
        // lateness does not add up over a loop of short waits.
        m_anchorNs = nowNs() - m_dueNs > kMaxCatchUpNs ? nowNs() : m_dueNs;
        m_phase = Phase::Idle;
        if (!finishStep(Outcome::Waited, tr("waited")))
            return;
        ++m_index;
        pump();
        return;
    case Phase::Reply: {
        if (nowNs() < m_dueNs) {
            arm(m_dueNs);
            return;
        }
        m_phase = Phase::Idle;
        ++m_runTally.timeouts;
        ++m_total.timeouts;
        const SequenceStep &step = m_sequence.steps.at(m_index);
        const QString got = m_received.isEmpty()
                ? tr("nothing received")
                : tr("received %1 bytes that do not match").arg(m_received.size());
        m_received.clear();
        m_anchorNs = nowNs();
        if (!finishStep(Outcome::TimedOut, tr("timed out after %1 ms (%2)").arg(step.milliseconds).arg(got)))
            return;
        ++m_index;
        pump();
        return;
    }
    }
}

void SequenceRunner::pump()
{
    for (int budget = kStepsPerPass; m_running && m_phase == Phase::Idle; --budget) {
        if (budget == 0) {
            nextPass();
            return;
        }
        if (m_index >= m_sequence.steps.size()) {
            endRun();
            // The next run begins on the next pass.
            if (m_running)
                nextPass();
            return;
        }
        if (m_index == 0 && m_runTally.stepsDone == 0)
            m_runsBegun = m_run;
        const SequenceStep &step = m_sequence.steps.at(m_index);
        m_stepStartNs = nowNs();
        const quint64 generation = m_generation;
        emit stepStarted(m_run, m_index + 1);
        if (!m_running || generation != m_generation)
            return;
        switch (step.kind) {
        case SequenceStep::Kind::SendEntry:
        case SequenceStep::Kind::SendText:
        case SequenceStep::Kind::SendHex:
            if (!runSend(step))
                return;
            break;
        case SequenceStep::Kind::Wait:
            beginWait(step);
            break;
        case SequenceStep::Kind::Reply:
            beginReply(step);
            break;
        case SequenceStep::Kind::Loop: {
            bool yield = false;
            runLoop(step, &yield);
            // Going back yields, so a loop of sends alone still lets the
            // event loop (and stop()) in between.
            if (yield && m_running) {
                nextPass();
                return;
            }
            break;
        }
        }
    }
}

bool SequenceRunner::runSend(const SequenceStep &step)
{
    QByteArray bytes;
    bool usesCounter = false;
    if (step.kind == SequenceStep::Kind::SendEntry) {
        const PayloadEntry *entry = m_library.payload(step.text);
        const PayloadEntry::Built built = entry->build(templateContext());
        if (!built.ok()) {
            const QString why = tr("Step %1: \u201c%2\u201d was not sent: %3").arg(m_index + 1).arg(step.text, built.error);
            if (finishStep(Outcome::Failed, tr("not sent: %1").arg(built.error)))
                finish(End::Failed, why);
            return false;
        }
        bytes = built.bytes;
        usesCounter = entry->compile().value.usesCounter();
    } else {
        const Template &compiled = m_templates.at(size_t(m_index));
        bytes = compiled.expand(templateContext());
        usesCounter = compiled.usesCounter();
    }
    SendResult result;
    auto *server = qobject_cast<TcpServerSession *>(m_session.data());
    if (server && m_clientId != 0)
        result = server->sendTo(m_clientId, bytes);
    else
        result = m_session->send(bytes);
    if (!result.ok()) {
        const QString why = tr("Step %1: not sent: %2").arg(m_index + 1).arg(result.error);
        if (finishStep(Outcome::Failed, tr("not sent: %1").arg(result.error)))
            finish(End::Failed, why);
        return false;
    }
    if (usesCounter)
        countTemplateMessage();
    if (!finishStep(Outcome::Sent, tr("sent %1 bytes").arg(bytes.size())))
        return false;
    ++m_index;
    return true;
}

void SequenceRunner::runLoop(const SequenceStep &step, bool *yield)
{
    const int at = m_index;
    if (step.times == 0) {
        const int target = step.target;
        if (!finishStep(Outcome::Looped, tr("back to step %1").arg(target)))
            return;
        m_index = target - 1;
        *yield = true;
        return;
    }
    auto it = m_loopLeft.find(at);
    if (it == m_loopLeft.end())
        it = m_loopLeft.emplace(at, step.times - 1).first;
    if (it->second > 0) {
        --it->second;
        const int done = step.times - it->second - 1;
        const int target = step.target;
        if (!finishStep(Outcome::Looped, tr("back to step %1 (pass %2 of %3)").arg(target).arg(done + 1).arg(step.times)))
            return;
        m_index = target - 1;
        *yield = true;
        return;
    }
    // Done: an outer loop that comes back here starts this one afresh.
    m_loopLeft.erase(it);
    if (!finishStep(Outcome::Looped, tr("done, %1 passes").arg(step.times)))
        return;
    ++m_index;
}

void SequenceRunner::beginWait(const SequenceStep &step)
{
    const qint64 now = nowNs();
    if (now - m_anchorNs > kMaxCatchUpNs)
        m_anchorNs = now;
    const qint64 due = m_anchorNs + qint64(step.milliseconds) * kNsPerMs;
    if (due <= now) {
        m_anchorNs = due;
        if (!finishStep(Outcome::Waited, tr("waited")))
            return;
        ++m_index;
        return;
    }
    m_phase = Phase::Wait;
    arm(due);
}

void SequenceRunner::beginReply(const SequenceStep &step)
{
    m_received.clear();
    m_phase = Phase::Reply;
    arm(nowNs() + qint64(step.milliseconds) * kNsPerMs);
}

void SequenceRunner::onEvent(const TrafficEvent &event)
{
    if (!m_running)
        return;
    if (event.kind == TrafficEvent::Kind::Closed || event.kind == TrafficEvent::Kind::Stopped) {
        // What the session said when it ended, for the run's reason.
        if (event.reason != TrafficEvent::Reason::PeerFinished && event.reason != TrafficEvent::Reason::HalfClosed) {
            m_endReason = event.message;
            if (m_clientId != 0 && event.connectionId == m_clientId && m_session
                && m_session->kind() == SessionKind::TcpServer) {
                finish(End::Failed, tr("Connection #%1 closed: %2").arg(m_clientId).arg(event.message));
                return;
            }
        }
    }
    if (m_phase != Phase::Reply || event.kind != TrafficEvent::Kind::Data
        || event.direction != TrafficEvent::Direction::In)
        return;
    if (m_clientId != 0 && m_session && m_session->kind() == SessionKind::TcpServer && event.connectionId != m_clientId)
        return;
    m_received += event.payload;
    if (m_received.size() > kMaxReplyBytes)
        m_received.remove(0, m_received.size() - kMaxReplyBytes);
    const SequenceStep &step = m_sequence.steps.at(m_index);
    if (!step.matches(m_received, m_sequence.encoding))
        return;
    m_timer.stop();
    m_phase = Phase::Idle;
    m_lastReply = m_received;
    m_received.clear();
    ++m_runTally.repliesMatched;
    ++m_total.repliesMatched;
    m_anchorNs = nowNs();
    const qint64 ms = (nowNs() - m_stepStartNs) / kNsPerMs;
    if (!finishStep(Outcome::Matched, tr("matched after %1 ms (%2 bytes)").arg(ms).arg(m_lastReply.size())))
        return;
    ++m_index;
    // Sends asked from here wait until the session's announcement is over
    // (Session::deferredWhileAnnouncing), so the next steps may run now.
    pump();
}

void SequenceRunner::onStateChanged()
{
    if (!m_running || !m_session)
        return;
    const Session::State state = m_session->state();
    if (state != Session::State::Stopping && state != Session::State::Idle)
        return;
    // Later: the close event that says why comes right after the state.
    QMetaObject::invokeMethod(this, [this] {
        if (!m_running || !m_session || m_session->isRunning())
            return;
        const QString why = m_endReason.isEmpty() ? tr("the session stopped") : m_endReason;
        finish(End::Failed, tr("The session stopped: %1").arg(why));
    }, Qt::QueuedConnection);
}

bool SequenceRunner::finishStep(Outcome outcome, const QString &detail)
{
    const quint64 generation = m_generation;
    ++m_runTally.stepsDone;
    ++m_total.stepsDone;
    StepReport report;
    report.run = m_run;
    report.step = m_index + 1;
    report.steps = int(m_sequence.steps.size());
    report.outcome = outcome;
    report.stepText = oneLine(m_sequence.steps.at(m_index).toString());
    report.detail = detail;
    emit stepFinished(report);
    return m_running && generation == m_generation;
}

void SequenceRunner::endRun()
{
    const QString line = tr("run %1: steps done %2, replies matched %3, timeouts %4")
                                 .arg(m_run)
                                 .arg(m_runTally.stepsDone)
                                 .arg(m_runTally.repliesMatched)
                                 .arg(m_runTally.timeouts);
    const Tally tally = m_runTally;
    const int run = m_run;
    m_runTally = {};
    m_index = 0;
    m_loopLeft.clear();
    const bool more = m_sequence.run == CommandSequence::Run::UntilStopped
                      || (m_sequence.run == CommandSequence::Run::Times && m_run < m_sequence.runs);
    if (more)
        ++m_run;
    emit runFinished(run, tally, line);
    if (!m_running)
        return;
    if (!more)
        finish(m_total.timeouts > 0 ? End::TimedOut : End::Passed, QString());
}

void SequenceRunner::finish(End end, const QString &reason)
{
    if (!m_running)
        return;
    m_running = false;
    m_phase = Phase::Idle;
    m_timer.stop();
    Summary summary;
    summary.end = end;
    summary.runs = m_runsBegun;
    summary.total = m_total;
    summary.reason = reason;
    QString how;
    switch (end) {
    case End::Passed: how = tr("passed"); break;
    case End::TimedOut: how = tr("failed: a reply timed out"); break;
    case End::Failed: how = tr("failed: %1").arg(reason); break;
    case End::Stopped: how = tr("stopped"); break;
    }
    summary.line = tr("sequence \u201c%1\u201d %2; runs %3, steps done %4, replies matched %5, timeouts %6")
                           .arg(oneLine(m_sequence.name), how)
                           .arg(summary.runs)
                           .arg(m_total.stepsDone)
                           .arg(m_total.repliesMatched)
                           .arg(m_total.timeouts);
    m_received.clear();
    emit finished(summary);
}

Template::Context SequenceRunner::templateContext() const
{
    // The session's {counter}, shared with the send box and quick-send;
    // {data} is the last reply a step matched.
    if (m_session)
        return m_session->templateContext(m_lastReply);
    Template::Context context;
    context.received = m_lastReply;
    return context;
}

void SequenceRunner::countTemplateMessage()
{
    if (m_session)
        m_session->countTemplateMessage();
}
