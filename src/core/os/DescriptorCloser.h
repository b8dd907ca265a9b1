#pragma once

#include "core/os/WorkerThread.h"

#include <condition_variable>
#include <deque>
#include <mutex>
#include <stop_token>

// Closes descriptors on a thread of its own. Closing the last descriptor of
// a TCP connection runs the kernel's close (a FIN or RST out, and on
// loopback the peer's side of it too): tens of microseconds each, paid by
// the window's thread when thousands of clients leave at once. Handed here,
// they are closed in order, moments later, on the other core.
//
// The program hands them to the process's closer (close(), flush()), which
// is destroyed at exit; destroying a closer closes what it was handed and
// joins its thread.
class DescriptorCloser
{
public:
    DescriptorCloser();
    ~DescriptorCloser();
    DescriptorCloser(const DescriptorCloser &) = delete;
    DescriptorCloser &operator=(const DescriptorCloser &) = delete;

    // Takes ownership of fd (ignored when negative).
    void closeLater(int fd);
    // Returns once every descriptor handed over so far is closed.
    void waitUntilClosed();

    // The same with the process's closer.
    static void close(int fd);
    static void flush();

private:
    static DescriptorCloser &process();
    void run(const std::stop_token &stop);

    std::mutex m_mutex;  // guards what follows
    std::condition_variable_any m_wake;
    std::condition_variable m_idle;
    std::deque<int> m_queue;
    bool m_busy = false;
    WorkerThread m_thread;  // last: stopped and joined before the rest goes
};
