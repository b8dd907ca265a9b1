// TrafficLog::append in the steady state of a long capture: the byte budget
// is full, so every append also drops the oldest event(s).

#include "BenchData.h"
#include "core/log/TrafficLog.h"

#include <benchmark/benchmark.h>

namespace {

// Appends events of `size` payload bytes until the log has dropped its first
// event: from then on it is at its budget.
void fillToBudget(TrafficLog &log, const TrafficEvent &tmpl, const QByteArray &payload)
{
    while (log.droppedEvents() == 0) {
        TrafficEvent e = tmpl;
        e.payload = QByteArray(payload.constData(), payload.size());
        log.append(std::move(e));
    }
}

// range(0): payload bytes; range(1): 1 = every event gets its own payload
// allocation (as a socket read does), 0 = all share one QByteArray (the
// log's own bookkeeping only: no malloc/memcpy/free of payloads).
void BM_TrafficLogAppend(benchmark::State &state)
{
    const qsizetype size = qsizetype(state.range(0));
    const bool fresh = state.range(1) != 0;
    const QByteArray payload = bench::textPayload(size);
    const TrafficEvent tmpl = bench::dataEventTemplate();

    TrafficLog log;   // default budget, 64 MiB
    fillToBudget(log, tmpl, payload);
    const quint64 droppedBefore = log.droppedEvents();

    for (auto _ : state) {
        TrafficEvent e = tmpl;
        e.payload = fresh ? QByteArray(payload.constData(), payload.size()) : payload;
        log.append(std::move(e));
    }

    state.SetItemsProcessed(state.iterations());
    // Shared payloads are not copied: a byte rate would mean nothing.
    if (fresh)
        state.SetBytesProcessed(state.iterations() * int64_t(size));
    state.counters["retained"] = double(log.size());
    state.counters["drops/append"] =
            double(log.droppedEvents() - droppedBefore) / double(qMax<int64_t>(1, state.iterations()));
}

} // namespace

BENCHMARK(BM_TrafficLogAppend)
    ->ArgNames({"payload", "fresh"})
    ->Args({32, 1})
    ->Args({65536, 1})
    ->Args({32, 0})
    ->Args({65536, 0});
