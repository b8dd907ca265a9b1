#pragma once

#include <QtGlobal>

// When the sends of a repeat are due, on a fixed grid: send n (n = 0 for the
// first) is due at start + n × interval on a monotonic clock. Scheduling each
// send from the one before ("interval after the last send") would add every
// pass's event-loop latency to every interval, so a 1 ms repeat would drift
// to 1.1 ms and its 10,000 sends would take 11 s; the grid keeps the n-th send
// at n ms however late the ones before it were.
//
// After a stall (the window was busy for 30 ms) the slots that went by are
// skipped and counted, not sent in a burst: the next send takes the latest
// slot that has come due and the grid goes on from there. The repeat still
// makes every send it was asked for (the count stays right, it ends later by
// the skipped slots), and never sends two in one interval, so a peer that
// was sized for the rate the user chose never sees 30 datagrams at once.
// How many were skipped is reported, so the tester knows the rate wavered.
//
// A pure value: it reads no clock, the caller passes the time elapsed since
// the first send, so the rules are tested without waiting.
class SendSchedule
{
public:
    // intervalNs > 0.
    explicit SendSchedule(qint64 intervalNs = 1'000'000);

    qint64 intervalNs() const { return m_intervalNs; }
    // The slot the next send takes when nothing is skipped.
    qint64 nextSlot() const { return m_next; }
    // Since the first send, when the next send is due.
    qint64 nextDueNs() const { return m_next * m_intervalNs; }
    // Slots that went by unsent (stalls) so far.
    qint64 skipped() const { return m_skipped; }

    // How many slots have come due and not been sent, `elapsedNs` after the
    // first send (which took slot 0). A slot counts as due from half an
    // interval before its time: the timer that wakes the sender counts whole
    // milliseconds, so it may wake a fraction of an interval early, and a
    // wake-up that early is closer to its slot than to the next one.
    qint64 slotsDue(qint64 elapsedNs) const;

    // Records one send at `elapsedNs`: it takes the latest slot that is due
    // (or the next one, when called before it is due) and the slots it passed
    // over count as skipped. Returns how many it skipped.
    qint64 take(qint64 elapsedNs);

private:
    qint64 m_intervalNs;
    qint64 m_next = 1;      // slot 0 is the first send, taken at elapsed 0
    qint64 m_skipped = 0;
};
