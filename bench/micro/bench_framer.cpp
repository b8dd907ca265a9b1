// Framer: cutting a received TCP stream back into messages, fed in reads
// that cut frames anywhere (one TCP segment, 1460 bytes, per read).

#include "core/framing/Framer.h"
#include "core/framing/FramingSpec.h"

#include <benchmark/benchmark.h>

namespace {

constexpr qsizetype kStreamBytes = 1 << 20;
constexpr qsizetype kReadBytes = 1460;

// About 1 MiB of frames of `payload` bytes each, framed by `spec` (payloads
// never contain the delimiter).
QByteArray frameStream(const FramingSpec &spec, qsizetype payload, qint64 *frames)
{
    QByteArray body(payload, 'a');
    for (qsizetype i = 0; i < payload; ++i)
        body[i] = char('a' + i % 26);
    QString error;
    const QByteArray framed = Framer::encode(spec, body, &error);
    QByteArray stream;
    stream.reserve(kStreamBytes + framed.size());
    *frames = 0;
    while (stream.size() < kStreamBytes) {
        stream += framed;
        ++*frames;
    }
    return stream;
}

void runFramer(benchmark::State &state, const FramingSpec &spec)
{
    const qsizetype payload = qsizetype(state.range(0));
    qint64 framesPerStream = 0;
    const QByteArray stream = frameStream(spec, payload, &framesPerStream);
    qint64 got = 0;
    for (auto _ : state) {
        Framer framer(spec);
        for (qsizetype pos = 0; pos < stream.size(); pos += kReadBytes) {
            Framer::Output out = framer.feed(QByteArrayView(stream).sliced(pos, qMin(kReadBytes, stream.size() - pos)));
            got += out.frames.size();
            benchmark::DoNotOptimize(out);
        }
    }
    if (got != framesPerStream * qint64(state.iterations()))
        state.SkipWithError("wrong number of frames");
    state.SetBytesProcessed(state.iterations() * int64_t(stream.size()));
    state.SetItemsProcessed(state.iterations() * framesPerStream);
    state.SetLabel("items = frames");
}

void BM_FramerLine(benchmark::State &state)
{
    runFramer(state, FramingSpec::line());
}

void BM_FramerCrlf(benchmark::State &state)
{
    runFramer(state, FramingSpec::crlf());
}

void BM_FramerLength4(benchmark::State &state)
{
    runFramer(state, FramingSpec::lengthPrefix(4));
}

} // namespace

// range(0): payload bytes per frame.
BENCHMARK(BM_FramerLine)->ArgName("frame")->Arg(16)->Arg(1024)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_FramerCrlf)->ArgName("frame")->Arg(16)->Arg(1024)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_FramerLength4)->ArgName("frame")->Arg(16)->Arg(1024)->Unit(benchmark::kMillisecond);
