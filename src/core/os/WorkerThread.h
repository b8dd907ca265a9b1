#pragma once

#include <functional>
#include <stop_token>
#include <thread>

// The one way this program runs work on a thread of its own. A thread is
// a member of the object it works for: that owner starts it, and stopping
// or destroying the owner stops it and joins it, so no thread outlives the
// memory it works on and none is detached.
//
// The body gets a std::stop_token and returns soon after a stop is asked
// for. How it notices depends on what it waits on:
//   - a condition variable: std::condition_variable_any, whose wait(lock,
//     token, predicate) returns when the stop is asked for;
//   - a system call (poll, an event loop): a std::stop_callback the body
//     registers on the token wakes it (writes an eventfd, posts a quit).
// A body may finish its work before returning (write out what is queued,
// close what it holds): stop() and the destructor wait for it.
class WorkerThread
{
public:
    using Body = std::function<void(std::stop_token)>;

    WorkerThread() = default;
    // stop().
    ~WorkerThread();
    WorkerThread(const WorkerThread &) = delete;
    WorkerThread &operator=(const WorkerThread &) = delete;

    // Runs `body` on a new thread named `name` (at most 15 characters: what
    // top -H and a debugger show). A thread still running is stopped and
    // joined first. Throws std::system_error when no thread can be made,
    // as std::thread does.
    void start(const char *name, Body body);
    // Asks the body to stop and waits until it has returned; nothing when
    // no thread runs.
    void stop();
    bool isRunning() const { return m_thread.joinable(); }

private:
    std::jthread m_thread;
};
