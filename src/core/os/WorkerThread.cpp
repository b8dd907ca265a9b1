#include "core/os/WorkerThread.h"

#include <string>
#include <utility>

#include <pthread.h>

WorkerThread::~WorkerThread()
{
    stop();
}

void WorkerThread::start(const char *name, Body body)
{
    stop();
    m_thread = std::jthread([label = std::string(name), body = std::move(body)](std::stop_token token) {
        // Longer names are refused by the kernel: cut to its 15 characters.
        ::pthread_setname_np(::pthread_self(), label.substr(0, 15).c_str());
        body(std::move(token));
    });
}

void WorkerThread::stop()
{
    if (!m_thread.joinable())
        return;
    m_thread.request_stop();
    m_thread.join();
}
