#include "core/os/DescriptorCloser.h"

#include <atomic>

#include <unistd.h>

namespace {
// Set once the process's closer is going (at exit): a descriptor handed
// over later, by an object destroyed after it, is closed at once.
constinit std::atomic<bool> g_processCloserGone{false};

struct ProcessCloser
{
    ~ProcessCloser() { g_processCloserGone = true; }
    DescriptorCloser closer;
};
} // namespace

DescriptorCloser::DescriptorCloser()
{
    m_thread.start("sw-close", [this](std::stop_token stop) { run(stop); });
}

DescriptorCloser::~DescriptorCloser()
{
    m_thread.stop();
}

void DescriptorCloser::run(const std::stop_token &stop)
{
    std::unique_lock lock(m_mutex);
    for (;;) {
        m_wake.wait(lock, stop, [this] { return !m_queue.empty(); });
        // A stop still closes everything handed over.
        if (m_queue.empty() && stop.stop_requested())
            return;
        std::deque<int> batch;
        batch.swap(m_queue);
        m_busy = true;
        lock.unlock();
        for (const int fd : batch)
            ::close(fd);
        lock.lock();
        m_busy = false;
        if (m_queue.empty())
            m_idle.notify_all();
    }
}

void DescriptorCloser::closeLater(int fd)
{
    if (fd < 0)
        return;
    {
        const std::lock_guard lock(m_mutex);
        m_queue.push_back(fd);
    }
    m_wake.notify_one();
}

void DescriptorCloser::waitUntilClosed()
{
    std::unique_lock lock(m_mutex);
    m_idle.wait(lock, [this] { return m_queue.empty() && !m_busy; });
}

DescriptorCloser &DescriptorCloser::process()
{
    static ProcessCloser instance;
    return instance.closer;
}

void DescriptorCloser::close(int fd)
{
    if (fd < 0)
        return;
    if (g_processCloserGone)
        ::close(fd);
    else
        process().closeLater(fd);
}

void DescriptorCloser::flush()
{
    if (!g_processCloserGone)
        process().waitUntilClosed();
}
