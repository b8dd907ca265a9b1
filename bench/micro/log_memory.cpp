// How much memory the traffic log really takes per logged payload byte.
//
// For each payload size, a fresh process fills a TrafficLog (default 64 MiB
// budget) until it drops its first event ("full"), then appends twice as
// many events again so every event has been replaced ("steady"), and
// compares the memory in use (malloc's heap, mallinfo2 uordblks + hblkhd,
// plus the log's chunks mapped outside it) and the resident set before and
// after. Two kinds of events:
//   tcp      one connection, endpoints shared with it
//   udp N    N senders, one connection id each as UdpSession gives them,
//            the sender's QHostAddress made anew for every datagram
// Then the fixed costs of the packed store's parts.
//
// Usage: sw_log_memory [budget MiB]

#include "BenchData.h"
#include "core/log/TrafficLog.h"
#include "core/os/ProcessSetup.h"

#include <QCoreApplication>

#include <malloc.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <memory>

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
    m.heap = qint64(mi.uordblks + mi.hblkhd) + PackedEventStore::mappedBytesInProcess();
    m.rss = qMax<qint64>(0, ProcessSetup::residentBytes());
    return m;
}

void report(const char *phase, qsizetype size, int peers, const TrafficLog &log, const Mem &before)
{
    const Mem now = measure();
    const double payload = double(size) * double(log.size());
    const double heap = double(now.heap - before.heap);
    const double rss = double(now.rss - before.rss);
    char peer[32];
    if (peers == 0)
        std::snprintf(peer, sizeof peer, "tcp");
    else
        std::snprintf(peer, sizeof peer, "udp, %d peer%s", peers, peers == 1 ? "" : "s");
    std::printf("| %6lld | %s | %-6s | %9lld | %8.1f | %8.1f | %8.1f | %6.2f | %6.2f | %5.2f |\n",
                static_cast<long long>(size), peer, phase,
                static_cast<long long>(log.size()), payload / 1048576.0,
                double(log.bytesUsed()) / 1048576.0, heap / 1048576.0,
                heap / payload, rss / payload, heap / double(log.bytesUsed()));
}

int runCase(qsizetype size, int peers, qint64 budget)
{
    int argc = 1;
    char arg0[] = "sw_log_memory";
    char *argv[] = {arg0, nullptr};
    QCoreApplication app(argc, argv);
    const QByteArray source = bench::textPayload(size);
    const TrafficEvent tmpl = bench::dataEventTemplate();
    ProcessSetup::trimHeap();
    const Mem before = measure();

    auto log = std::make_unique<TrafficLog>();
    log->setByteBudget(budget);
    quint32 n = 0;
    const auto appendOne = [&] {
        TrafficEvent e = tmpl;
        e.timeUs = tmpl.timeUs + n;
        // A read of exactly `size` bytes, as Session::readAvailable makes it.
        e.payload = QByteArray(source.constData(), size);
        if (peers > 0) {
            e.session = SessionKind::Udp;
            e.connectionId = 1 + n % quint32(peers);
            e.peer = Endpoint{QHostAddress(quint32(0x7f000001)), quint16(40000 + n % quint32(peers))};
        }
        ++n;
        log->append(e);
    };
    while (log->droppedEvents() == 0)
        appendOne();
    report("full", size, peers, *log, before);
    const qsizetype held = log->size();
    for (qsizetype i = 0; i < 2 * held; ++i)
        appendOne();
    report("steady", size, peers, *log, before);
    return 0;
}

int runBreakdown()
{
    std::printf("\nFixed costs of the packed store (bytes, as bytesUsed() counts them):\n");
    std::printf("  record per event: %lld (time, kind, direction, context, payload offset)\n",
                static_cast<long long>(PackedEventStore::kRecordBytes));
    std::printf("  context (per connection or UDP sender): %lld (its struct with both addresses as bytes, hash node;"
                " %lld more with an IPv6 scope id)\n",
                static_cast<long long>(PackedEventStore::contextBytes()),
                static_cast<long long>(PackedEventStore::scopedEndpointsBytes()));
    std::printf("  side entry (message, reason, payload >= %lld B, time set back): %lld + its heap blocks\n",
                static_cast<long long>(PackedEventStore::kMaxChunkBytes / PackedEventStore::kExternalFraction),
                static_cast<long long>(PackedEventStore::sideEntryBytes()));
    std::printf("  chunk: %lld B (payload bytes from the front, records from the back) + %lld\n",
                static_cast<long long>(PackedEventStore::kMaxChunkBytes),
                static_cast<long long>(PackedEventStore::chunkOverhead()));
    std::printf("  sizeof(TrafficEvent) as at() returns it: %zu\n", sizeof(TrafficEvent));
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
    std::printf("TrafficLog memory, budget %lld MiB (heap = mallinfo2 uordblks+hblkhd + chunks mapped)\n\n",
                static_cast<long long>(budgetMiB));
    std::printf("| payload B | peer | phase | events | payload MiB | accounted MiB | heap MiB | heap B / payload B | RSS B / payload B | heap / accounted |\n");
    std::printf("|---:|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
    for (const qsizetype size : {32, 64, 256, 1024, 65536})
        inChild([=] { return runCase(size, 0, budget); });
    for (const qsizetype size : {32, 256, 1024, 65536})
        inChild([=] { return runCase(size, 1000, budget); });
    inChild([=] { return runCase(32, 20000, budget); });
    inChild(runBreakdown);
    return 0;
}
