#pragma once

#include "core/os/WorkerThread.h"

#include <QByteArray>
#include <QHostAddress>
#include <QList>
#include <QString>

#include <atomic>
#include <functional>
#include <mutex>

// The timed sends of a repeat made on a thread of their own: one datagram
// per slot of the owner's grid (its SendSchedule, through Plan's two
// functions, which only this thread calls while it runs), written with sendto() on a duplicate of
// the session's UDP socket. On the window's thread a 1 ms grid loses every
// slot a paint or a layout overlaps (a 6 ms paint is 6 sends skipped); here
// the thread sleeps to each slot (clock_nanosleep on the monotonic clock,
// not rounded to milliseconds as Qt's timers are) and nothing else runs on it.
//
// What it sent is handed back, not logged here: each send's wall-clock time
// and result wait in a queue until the owner's thread takes() them and logs
// them as the session's own sends; `ready` is called (on this thread) when
// the queue stops being empty, so the owner is woken once per batch, not once
// per send. The thread ends after `count` sends (0: until stopped) or at the
// first failed send, whose errno is the last entry taken.
class TimedSendThread
{
public:
    struct Sent
    {
        qint64 timeUs = 0;   // wall clock, µs since 1970 (TrafficEvent::nowUs's), at the sendto()
        int error = 0;       // errno of a failed send, 0 when it went out whole
    };
    struct Plan
    {
        int fd = -1;                   // the UDP socket (duplicated; the caller keeps its own)
        QHostAddress address;          // where each datagram goes
        quint16 port = 0;
        QByteArray datagram;           // each send's bytes
        qint64 originNs = 0;           // PreciseWaker::nowNs() of the send that took slot 0
        // Since originNs, when the next send is due.
        std::function<qint64()> nextDueNs;
        // Takes the slot for a send at elapsedNs since originNs; returns the
        // slots passed over (SendSchedule::take).
        std::function<qint64(qint64 elapsedNs)> take;
        int count = 0;                 // sends to make; 0: until stopped
        std::function<void()> ready;   // the queue has something to take (called on the thread)
    };

    TimedSendThread() = default;
    // stop().
    ~TimedSendThread();
    TimedSendThread(const TimedSendThread &) = delete;
    TimedSendThread &operator=(const TimedSendThread &) = delete;

    // Starts the sends; false, with *error saying why, when the socket cannot
    // be duplicated or the address is not of its family (nothing was sent).
    bool start(Plan plan, QString *error);
    // Ends the sends (the one being made is finished) and waits for the
    // thread; what it sent stays to be taken.
    void stop();
    // The sends made since the last call, oldest first.
    QList<Sent> take();
    // True once the thread has made its last send (count reached or failed),
    // not when stop() ended it.
    bool isDone() const { return m_done.load(std::memory_order_acquire); }
    // Slots the sends passed over because the thread woke after them.
    qint64 skipped() const { return m_skipped.load(std::memory_order_relaxed); }
    // The text of a send's errno ("Connection refused").
    static QString describe(int error);

private:
    void run(std::stop_token token);

    Plan m_plan;
    int m_fd = -1;
    QByteArray m_address;    // a sockaddr_in or sockaddr_in6 for sendto()
    std::mutex m_mutex;
    QList<Sent> m_queue;     // guarded by m_mutex
    std::atomic<bool> m_done{false};
    std::atomic<qint64> m_skipped{0};
    WorkerThread m_thread;
};
