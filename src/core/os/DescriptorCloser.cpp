#include "core/os/DescriptorCloser.h"

#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

#include <unistd.h>

namespace {
struct Closer
{
    std::mutex mutex;
    std::condition_variable wake;
    std::condition_variable idle;
    std::deque<int> queue;
    bool busy = false;

    Closer()
    {
        // Runs as long as the process: it is never destroyed, so it never
        // waits on a condition variable that static destruction has freed.
        std::thread([this] { run(); }).detach();
    }

    void run()
    {
        std::unique_lock lock(mutex);
        for (;;) {
            wake.wait(lock, [this] { return !queue.empty(); });
            std::deque<int> batch;
            batch.swap(queue);
            busy = true;
            lock.unlock();
            for (const int fd : batch)
                ::close(fd);
            lock.lock();
            busy = false;
            if (queue.empty())
                idle.notify_all();
        }
    }
};

Closer &closer()
{
    static Closer *instance = new Closer;  // deliberately never deleted (see Closer())
    return *instance;
}
} // namespace

void DescriptorCloser::close(int fd)
{
    if (fd < 0)
        return;
    Closer &c = closer();
    {
        const std::lock_guard lock(c.mutex);
        c.queue.push_back(fd);
    }
    c.wake.notify_one();
}

void DescriptorCloser::flush()
{
    Closer &c = closer();
    std::unique_lock lock(c.mutex);
    c.idle.wait(lock, [&c] { return c.queue.empty() && !c.busy; });
}
