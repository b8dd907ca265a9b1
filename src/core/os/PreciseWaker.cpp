#include "core/os/PreciseWaker.h"

#include <QSocketNotifier>

#include <sys/timerfd.h>
#include <time.h>
#include <unistd.h>

#include <cstdint>

namespace {
constexpr qint64 kNsPerS = 1'000'000'000;
}

PreciseWaker::PreciseWaker(QObject *parent)
    : QObject(parent)
    , m_fd(::timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC))
{
    if (m_fd < 0)
        return;
    m_notifier = new QSocketNotifier(qintptr(m_fd), QSocketNotifier::Read, this);
    connect(m_notifier, &QSocketNotifier::activated, this, &PreciseWaker::onActivated);
}

PreciseWaker::~PreciseWaker()
{
    // The notifier must not watch a closed descriptor.
    delete m_notifier;
    if (m_fd >= 0)
        ::close(m_fd);
}

qint64 PreciseWaker::nowNs()
{
    timespec ts{};
    ::clock_gettime(CLOCK_MONOTONIC, &ts);
    return qint64(ts.tv_sec) * kNsPerS + ts.tv_nsec;
}

void PreciseWaker::wakeAt(qint64 monotonicNs)
{
    if (m_fd < 0)
        return;
    // An it_value of zero would disarm it: a time long past still fires.
    const qint64 at = monotonicNs > 0 ? monotonicNs : 1;
    itimerspec spec{};
    spec.it_value.tv_sec = time_t(at / kNsPerS);
    spec.it_value.tv_nsec = long(at % kNsPerS);
    ::timerfd_settime(m_fd, TFD_TIMER_ABSTIME, &spec, nullptr);
}

void PreciseWaker::cancel()
{
    if (m_fd < 0)
        return;
    const itimerspec off{};
    ::timerfd_settime(m_fd, 0, &off, nullptr);
    std::uint64_t expirations = 0;
    [[maybe_unused]] const ssize_t n = ::read(m_fd, &expirations, sizeof expirations);
}

void PreciseWaker::onActivated()
{
    std::uint64_t expirations = 0;
    // Nothing to read: cancelled or re-armed since it became readable.
    if (::read(m_fd, &expirations, sizeof expirations) != ssize_t(sizeof expirations))
        return;
    emit woke();
}
