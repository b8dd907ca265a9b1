#include "core/net/RepeatSender.h"

#include "core/os/PreciseWaker.h"
#include "core/os/TimedSendThread.h"

#include <algorithm>
#include <limits>

RepeatSender::RepeatSender(QObject *parent)
    : QObject(parent)
    , m_waker(new PreciseWaker(this))
{
    // Coarse timers may fire up to 5% late; a "every 10 ms" repeat is a
    // promise the user reads off the traffic log timestamps. The timer only
    // wakes the sender; which slot is due is the schedule's (see onTick).
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &RepeatSender::onTick);
    connect(m_waker, &PreciseWaker::woke, this, &RepeatSender::onTick);
}

RepeatSender::~RepeatSender()
{
    // The thread stops before the offload's callbacks (into the session) go.
    m_thread.reset();
}

bool RepeatSender::start(const QByteArray &payload, int count, int intervalMs, Sender sender, bool fixedPayload)
{
    m_startError.clear();
    if (m_running)
        m_startError = tr("A repeat is already running");
    else if (payload.isEmpty())
        m_startError = tr("Nothing to send: the payload is empty");
    else if (!sender)
        m_startError = tr("There is nowhere to send to");
    else if (count != kUntilStopped && (count < kMinCount || count > kMaxCount))
        m_startError = tr("The repeat count must be between %L1 and %L2, or until stopped").arg(kMinCount).arg(kMaxCount);
    else if (intervalMs < 0 || intervalMs > kMaxIntervalMs)
        m_startError = tr("The interval must be between 0 and %L1 ms").arg(kMaxIntervalMs);
    if (!m_startError.isEmpty())
        return false;

    m_payload = payload;
    m_sender = std::move(sender);
    m_total = count;
    m_done = 0;
    m_bytes = 0;
    m_intervalMs = intervalMs;
    m_fixed = fixedPayload;
    m_schedule = SendSchedule(qint64(qMax(intervalMs, 1)) * 1000 * 1000);
    m_running = true;
    m_stopped = false;
    // The first send goes out on the next event-loop pass; the interval
    // applies from then on (see onTick).
    m_timer.setSingleShot(false);
    m_timer.setInterval(0);
    m_timer.start();
    emit started();
    return true;
}

void RepeatSender::stop()
{
    if (!m_running)
        return;
    m_stopped = true;
    // What the thread sent is counted in the message.
    haltOffload();
    finish(false, tr("Stopped after %L1 of %L2 sends").arg(m_done).arg(m_total));
}

void RepeatSender::onTick()
{
    if (!m_running)
        return;
    const bool timed = m_intervalMs > 0 && m_done > 0;
    const qint64 elapsedNs = timed ? PreciseWaker::nowNs() - m_originNs : 0;
    if (timed) {
        // Woken before the next slot (see armForNextSlot): wait on for it.
        if (m_schedule.slotsDue(elapsedNs) == 0) {
            armForNextSlot();
            return;
        }
        m_schedule.take(elapsedNs);
        // Aimed from the wake-up, before the send: the time the send takes
        // must not be added to the next interval.
        armForNextSlot();
    }
    // The sender may call stop() (directly or through a slot of a signal it
    // emits) or even start a new repeat; copy what this tick needs first.
    const Sender sender = m_sender;
    const SendResult result = sender(m_payload);
    if (!m_running)
        return;
    if (!result.ok()) {
        finish(false, failureText(result.error));
        return;
    }
    ++m_done;
    m_bytes += result.bytes;
    // Until stopped: the count ends only where an int does (years at 1 ms).
    const bool last = m_total == kUntilStopped ? m_done == std::numeric_limits<int>::max() : m_done >= m_total;
    if (last) {
        m_timer.stop();
    } else if (!timed && m_done == 1 && m_intervalMs > 0) {
        m_originNs = PreciseWaker::nowNs();   // the grid starts at this send
        m_timer.stop();
        m_timer.setSingleShot(true);
        if (!offload())
            armForNextSlot();
    }
    emit progress(m_done, m_total);
    if (last && m_running)
        finish(true, QString());
}

void RepeatSender::armForNextSlot()
{
    const qint64 dueNs = m_originNs + m_schedule.nextDueNs();
    if (m_waker->isValid()) {
        m_waker->wakeAt(dueNs);
        return;
    }
    // No timer descriptor: a QTimer, whose wait is whole milliseconds;
    // rounded to the nearest keeps the wake-ups within half an interval of
    // their slots (which the schedule counts as due), so the sends still do
    // not drift, only wobble.
    const qint64 waitMs = std::clamp<qint64>((dueNs - PreciseWaker::nowNs() + 500'000) / 1'000'000, 0, kMaxIntervalMs);
    m_timer.start(int(waitMs));
}

QString RepeatSender::failureText(const QString &error) const
{
    return m_total == kUntilStopped ? tr("Send %L1 failed: %2").arg(m_done + 1).arg(error)
                                    : tr("Send %L1 of %L2 failed: %3").arg(m_done + 1).arg(m_total).arg(error);
}

qint64 RepeatSender::skipped() const
{
    // While the thread has the grid, its own count (the grid's would race).
    return m_offloaded ? m_offloadSkippedBefore + m_thread->skipped() : m_schedule.skipped();
}

bool RepeatSender::offload()
{
    if (!m_fixed || !m_offloader || !m_waker->isValid())
        return false;
    m_offload = m_offloader(m_payload);
    if (!m_offload)
        return false;
    if (!m_thread)
        m_thread = std::make_unique<TimedSendThread>();
    TimedSendThread::Plan plan;
    plan.fd = m_offload->fd;
    plan.address = m_offload->address;
    plan.port = m_offload->port;
    plan.datagram = m_offload->datagram;
    plan.originNs = m_originNs;
    // The grid is the thread's alone until it stops (skipped() reads its count).
    plan.nextDueNs = [this] { return m_schedule.nextDueNs(); };
    plan.take = [this](qint64 elapsedNs) { return m_schedule.take(elapsedNs); };
    plan.count = m_total == kUntilStopped ? 0 : m_total - m_done;
    // Called on the thread: one queued call per batch wakes this one.
    plan.ready = [this] { QMetaObject::invokeMethod(this, &RepeatSender::onOffloadReady, Qt::QueuedConnection); };
    m_offloadSkippedBefore = m_schedule.skipped();
    QString error;
    if (!m_thread->start(std::move(plan), &error)) {
        m_offload.reset();
        return false;   // the event loop sends them, as without an offloader
    }
    m_offloaded = true;
    return true;
}

void RepeatSender::onOffloadReady()
{
    if (!m_offloaded)
        return;   // a late wake-up of an offload already ended
    const bool done = m_thread->isDone();
    if (!takeOffloaded() || !done)
        return;
    // The thread ended on its own: its count is made (a failed send has
    // ended the repeat in takeOffloaded()).
    finish(true, QString());
}

bool RepeatSender::takeOffloaded()
{
    const QList<TimedSendThread::Sent> sends = m_thread->take();
    for (const TimedSendThread::Sent &sent : sends) {
        const SendResult result = m_offload->record(sent.timeUs, sent.error);
        if (!m_running || !m_offloaded)
            return false;   // stopped from a slot of what the record announced
        if (!result.ok()) {
            finish(false, failureText(result.error));
            return false;
        }
        ++m_done;
        m_bytes += result.bytes;
        emit progress(m_done, m_total);
        if (!m_running || !m_offloaded)
            return false;
    }
    return true;
}

void RepeatSender::continueOnEventLoop()
{
    if (!m_offloaded)
        return;
    m_thread->stop();
    // What it sent is logged before anything the event loop sends next.
    if (!takeOffloaded())
        return;
    // Done with no failure (takeOffloaded() ends a failed one): all made.
    const bool allMade = m_thread->isDone();
    haltOffload();
    if (allMade) {
        finish(true, QString());
        return;
    }
    armForNextSlot();
}

void RepeatSender::haltOffload()
{
    // Also what ends an offload whose sends were all taken: nothing is left.
    if (!m_offloaded)
        return;
    m_thread->stop();
    m_offloaded = false;
    // A copy: a listener of what is logged may stop or restart the repeat.
    const Offload offload = std::move(*m_offload);
    m_offload.reset();
    const QList<TimedSendThread::Sent> sends = m_thread->take();
    for (const TimedSendThread::Sent &sent : sends) {
        const SendResult result = offload.record(sent.timeUs, sent.error);
        if (!result.ok())
            break;
        ++m_done;
        m_bytes += result.bytes;
    }
}

void RepeatSender::finish(bool ok, const QString &error)
{
    haltOffload();
    m_timer.stop();
    m_waker->cancel();
    m_running = false;
    m_sender = nullptr;
    m_payload.clear();
    emit finished(ok, error);
}
