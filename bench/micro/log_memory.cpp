// How much memory the traffic log really takes per logged payload byte.
//
// For each payload size, a fresh process fills a TrafficLog (default 64 MiB
// budget) until it drops its first event ("full"), then appends twice as
// many events again so every event has been replaced ("steady"), and
// compares the heap in use (mallinfo2: uordblks + hblkhd) and the resident
// set before and after. Two kinds of events:
//   tcp  endpoints shared with the connection (copies of one QHostAddress)
//   udp  a new sender QHostAddress per datagram, as QNetworkDatagram gives it
// Then, for the breakdown, the heap cost of each part of one event.
//
// Usage: sw_log_memory [budget MiB]

#include "BenchData.h"
#include "TrafficLog.h"

#include <QCoreApplication>

#include <malloc.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <deque>
#include <memory>
#include <vector>

namespace {

struct Mem
{
    qint64 heap = 0;   // bytes malloc has handed out and not got back
    qint64 rss = 0;    // resident set, bytes
};

Mem measure()
{
    const struct mallinfo2 mi = mallinfo2();
    Mem m;
    m.heap = qint64(mi.uordblks + mi.hblkhd);
    if (FILE *f = std::fopen("/proc/self/statm", "r")) {
        long size = 0;
        long resident = 0;
        if (std::fscanf(f, "%ld %ld", &size, &resident) == 2)
            m.rss = qint64(resident) * sysconf(_SC_PAGESIZE);
        std::fclose(f);
    }
    return m;
}

void report(const char *phase, qsizetype size, bool udp, const TrafficLog &log, const Mem &before)
{
    const Mem now = measure();
    const double payload = double(size) * double(log.size());
    const double heap = double(now.heap - before.heap);
    const double rss = double(now.rss - before.rss);
    std::printf("| %6lld | %s | %-6s | %9lld | %8.1f | %8.1f | %8.1f | %6.2f | %6.2f | %5.2f |\n",
                static_cast<long long>(size), udp ? "udp" : "tcp", phase,
                static_cast<long long>(log.size()), payload / 1048576.0,
                double(log.bytesUsed()) / 1048576.0, heap / 1048576.0,
                heap / payload, rss / payload, heap / double(log.bytesUsed()));
}

int runCase(qsizetype size, bool udp, qint64 budget)
{
    int argc = 1;
    char arg0[] = "sw_log_memory";
    char *argv[] = {arg0, nullptr};
    QCoreApplication app(argc, argv);
    const QByteArray source = bench::textPayload(size);
    const TrafficEvent tmpl = bench::dataEventTemplate();
    malloc_trim(0);
    const Mem before = measure();

    auto log = std::make_unique<TrafficLog>();
    log->setByteBudget(budget);
    quint32 n = 0;
    const auto appendOne = [&] {
        TrafficEvent e = tmpl;
        // A read of exactly `size` bytes, as Session::readAvailable makes it.
        e.payload = QByteArray(source.constData(), size);
        if (udp)
            e.peer = Endpoint{QHostAddress(quint32(0x7f000001)), quint16(40000 + n % 20000)};
        ++n;
        log->append(std::move(e));
    };
    while (log->droppedEvents() == 0)
        appendOne();
    report("full", size, udp, *log, before);
    const qsizetype held = log->size();
    for (qsizetype i = 0; i < 2 * held; ++i)
        appendOne();
    report("steady", size, udp, *log, before);
    return 0;
}

// Heap bytes per object when `count` of them are made by `make`.
template<typename Make>
double perObject(int count, Make make)
{
    malloc_trim(0);
    const Mem before = measure();
    auto keep = make(count);
    const Mem after = measure();
    return double(after.heap - before.heap) / count;
}

int runBreakdown()
{
    constexpr int kCount = 100000;
    std::printf("\nParts of one event (heap bytes each, %d made):\n", kCount);
    std::printf("  sizeof(TrafficEvent) = %zu (Endpoint %zu x2, QByteArray %zu, QString %zu)\n",
                sizeof(TrafficEvent), sizeof(Endpoint), sizeof(QByteArray), sizeof(QString));
    const TrafficEvent tmpl = bench::dataEventTemplate();
    const double slot = perObject(kCount, [&](int count) {
        auto d = std::make_unique<std::deque<TrafficEvent>>();
        for (int i = 0; i < count; ++i)
            d->push_back(tmpl);
        return d;
    });
    std::printf("  std::deque<TrafficEvent> slot, endpoints shared, no payload: %.1f\n", slot);
    const double fresh = perObject(kCount, [](int count) {
        auto v = std::make_unique<std::vector<QHostAddress>>();
        v->reserve(size_t(count));
        for (int i = 0; i < count; ++i)
            v->emplace_back(quint32(0x7f000001));
        return v;
    }) - double(sizeof(QHostAddress));   // minus the vector's own slot
    std::printf("  QHostAddress made per datagram (its private part): %.1f\n", fresh);
    const double null = perObject(kCount, [](int count) {
        auto v = std::make_unique<std::vector<QHostAddress>>();
        v->reserve(size_t(count));
        for (int i = 0; i < count; ++i)
            v->emplace_back();
        return v;
    }) - double(sizeof(QHostAddress));
    std::printf("  QHostAddress() null, as in a default TrafficEvent: %.1f\n", null);
    for (const qsizetype size : {32, 256, 1024, 65536}) {
        const QByteArray source = bench::textPayload(size);
        const double block = perObject(size == 65536 ? 1000 : kCount, [&](int count) {
            auto v = std::make_unique<std::vector<QByteArray>>();
            v->reserve(size_t(count));
            for (int i = 0; i < count; ++i)
                v->emplace_back(source.constData(), size);
            return v;
        }) - double(sizeof(QByteArray));
        TrafficEvent e;
        e.payload = source;
        std::printf("  %6lld-byte payload block: %.1f  (memoryCost() of the event: %lld)\n",
                    static_cast<long long>(size), block, static_cast<long long>(e.memoryCost()));
    }
    return 0;
}

template<typename F>
void inChild(F f)
{
    std::fflush(stdout);
    const pid_t pid = fork();
    if (pid == 0) {
        const int rc = f();
        std::fflush(stdout);
        std::_Exit(rc);
    }
    int status = 0;
    waitpid(pid, &status, 0);
}

} // namespace

int main(int argc, char **argv)
{
    const qint64 budgetMiB = argc > 1 ? std::atoll(argv[1]) : TrafficLog::kDefaultBudget / 1048576;
    const qint64 budget = budgetMiB * 1048576;
    std::printf("TrafficLog memory, budget %lld MiB (heap = mallinfo2 uordblks+hblkhd)\n\n",
                static_cast<long long>(budgetMiB));
    std::printf("| payload B | peer | phase | events | payload MiB | accounted MiB | heap MiB | heap B / payload B | RSS B / payload B | heap / accounted |\n");
    std::printf("|---:|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
    for (const bool udp : {false, true}) {
        for (const qsizetype size : {32, 256, 1024, 65536})
            inChild([=] { return runCase(size, udp, budget); });
    }
    inChild(runBreakdown);
    return 0;
}
