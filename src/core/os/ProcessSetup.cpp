#include "core/os/ProcessSetup.h"

#include <QCoreApplication>
#include <QSocketNotifier>
#include <QTimer>

#include <cstdio>

#include <fcntl.h>
#include <malloc.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

namespace {
// What an unlimited open-file limit counts as.
constexpr qint64 kUnlimited = qint64(1) << 20;
constexpr qint64 kTrimAboveBytes = 8 * 1024 * 1024;
constexpr int kTrimIntervalMs = 500;

int g_signalPipe[2] = {-1, -1};

void onSignal(int)
{
    const char c = 1;
    [[maybe_unused]] const auto n = ::write(g_signalPipe[1], &c, 1);
}
} // namespace

ProcessSetup::FileLimit ProcessSetup::raiseFileLimit()
{
    FileLimit result;
    rlimit r{};
    if (::getrlimit(RLIMIT_NOFILE, &r) != 0)
        return result;
    result.before = qint64(r.rlim_cur);
    if (r.rlim_cur < r.rlim_max) {
        r.rlim_cur = r.rlim_max;
        ::setrlimit(RLIMIT_NOFILE, &r);
        ::getrlimit(RLIMIT_NOFILE, &r);
    }
    result.now = r.rlim_cur == RLIM_INFINITY ? kUnlimited : qint64(r.rlim_cur);
    return result;
}

qint64 ProcessSetup::openFileLimit()
{
    rlimit r{};
    if (::getrlimit(RLIMIT_NOFILE, &r) != 0 || r.rlim_cur == RLIM_INFINITY)
        return kUnlimited;
    return qint64(r.rlim_cur);
}

qint64 ProcessSetup::reserveDescriptorTable(qint64 descriptors)
{
    const qint64 count = qMin<qint64>(qMin<qint64>(descriptors, openFileLimit()), 65536);
    if (count <= 0)
        return -1;
    const int any = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
    if (any < 0)
        return -1;
    // The lowest free descriptor at or above count - 1: the table grows to hold it.
    const int high = ::fcntl(any, F_DUPFD_CLOEXEC, int(count - 1));
    ::close(any);
    if (high < 0)
        return -1;
    ::close(high);
    return qint64(high) + 1;
}

void ProcessSetup::keepLargeBlocksInHeap()
{
    ::mallopt(M_MMAP_THRESHOLD, 32 * 1024 * 1024);
    ::mallopt(M_TRIM_THRESHOLD, 64 * 1024 * 1024);
}

void ProcessSetup::quitOnSignals(QCoreApplication *app)
{
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, g_signalPipe) != 0)
        return;
    auto *notifier = new QSocketNotifier(g_signalPipe[0], QSocketNotifier::Read, app);
    QObject::connect(notifier, &QSocketNotifier::activated, app, [] {
        char c;
        [[maybe_unused]] const auto n = ::read(g_signalPipe[0], &c, 1);
        QCoreApplication::quit();
    });
    struct sigaction sa = {};
    sa.sa_handler = onSignal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESTART;
    ::sigaction(SIGTERM, &sa, nullptr);
    ::sigaction(SIGINT, &sa, nullptr);
}

void ProcessSetup::trimHeapWhileGrowing(QObject *owner)
{
    auto *timer = new QTimer(owner);
    QObject::connect(timer, &QTimer::timeout, owner, [residentAfterTrim = residentBytes()]() mutable {
        const qint64 resident = residentBytes();
        if (resident < 0)
            return;
        if (resident < residentAfterTrim + kTrimAboveBytes) {
            // Shrunk (freed memory the kernel got back): measure growth from here.
            residentAfterTrim = qMin(residentAfterTrim, resident);
            return;
        }
        trimHeap();
        residentAfterTrim = residentBytes();
    });
    timer->start(kTrimIntervalMs);
}

qint64 ProcessSetup::residentBytes()
{
    std::FILE *f = std::fopen("/proc/self/statm", "re");
    if (!f)
        return -1;
    long long size = 0;
    long long resident = -1;
    const int n = std::fscanf(f, "%lld %lld", &size, &resident);
    std::fclose(f);
    return n == 2 ? resident * qint64(::sysconf(_SC_PAGESIZE)) : -1;
}

void ProcessSetup::trimHeap()
{
    ::malloc_trim(0);
}
