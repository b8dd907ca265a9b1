// Rendering bytes: decoding in the user's encoding (one-shot and stateful per
// connection), and hex.

#include "BenchData.h"
#include "core/text/StreamDecoder.h"
#include "core/text/TextCodec.h"
#include "ui/traffic/HexDumpView.h"

#include <QCoreApplication>

#include <benchmark/benchmark.h>

namespace {

QString encodingName(int64_t i)
{
    return i == 0 ? QStringLiteral("UTF-8") : QStringLiteral("GBK");
}

// TextCodec::decode of a whole payload. range(0): 0 UTF-8, 1 GBK;
// range(1): bytes (200 = what a table preview decodes, 65536 = a big read).
void BM_Decode(benchmark::State &state)
{
    const QString encoding = encodingName(state.range(0));
    const QByteArray bytes = bench::textPayload(qsizetype(state.range(1)), encoding);
    for (auto _ : state) {
        TextCodec::Decoded d = TextCodec::decode(bytes, encoding);
        benchmark::DoNotOptimize(d);
    }
    if (TextCodec::decode(bytes, encoding).hasErrors())
        state.SkipWithError("test text did not decode cleanly");
    state.SetBytesProcessed(state.iterations() * int64_t(bytes.size()));
}

// Binary bytes (random) shown as text: every invalid sequence is located and
// replaced, which is TextCodec's slow path. range(0): encoding; range(1): bytes.
void BM_DecodeBinary(benchmark::State &state)
{
    const QString encoding = encodingName(state.range(0));
    const QByteArray bytes = bench::binaryPayload(qsizetype(state.range(1)));
    qsizetype invalid = 0;
    for (auto _ : state) {
        TextCodec::Decoded d = TextCodec::decode(bytes, encoding);
        invalid = d.invalidOffsets.size();
        benchmark::DoNotOptimize(d);
    }
    state.SetBytesProcessed(state.iterations() * int64_t(bytes.size()));
    state.counters["invalid_seqs"] = double(invalid);
}

// One connection's stream through StreamDecoder, fed in reads of range(1)
// bytes (1460 = one TCP segment: reads end inside a character most of the
// time, so the held-back-tail path runs; 65536 ends on a boundary).
// range(0): encoding. The stream is 1 MiB of text.
void BM_StreamDecoder(benchmark::State &state)
{
    const QString encoding = encodingName(state.range(0));
    const qsizetype chunk = qsizetype(state.range(1));
    const QByteArray stream = bench::textPayload(1 << 20, encoding);
    qsizetype held = 0;
    qsizetype invalid = 0;
    for (auto _ : state) {
        StreamDecoder decoder(encoding);
        held = 0;
        for (qsizetype pos = 0; pos < stream.size(); pos += chunk) {
            QString text = decoder.feed(QByteArrayView(stream).sliced(pos, qMin(chunk, stream.size() - pos)));
            held += decoder.pendingBytes() > 0;
            benchmark::DoNotOptimize(text);
        }
        invalid += decoder.invalidCount();
    }
    if (invalid != 0)
        state.SkipWithError("stream did not decode cleanly");
    state.SetBytesProcessed(state.iterations() * int64_t(stream.size()));
    state.counters["reads_cut_in_char"] = double(held);
}

// TextCodec::toHex: the table's hex preview (200 bytes) and "Copy as hex"
// of a big payload.
void BM_ToHex(benchmark::State &state)
{
    const QByteArray bytes = bench::binaryPayload(qsizetype(state.range(0)));
    for (auto _ : state) {
        QString hex = TextCodec::toHex(bytes);
        benchmark::DoNotOptimize(hex);
    }
    state.SetBytesProcessed(state.iterations() * int64_t(bytes.size()));
}

// HexDumpView::dumpText: the detail pane's "Copy as dump" (offset | hex |
// text, 16 bytes a line) of a UTF-8 text payload of range(0) bytes. A fresh
// view each time, so the lazy per-byte character analysis is included.
void BM_HexDumpText(benchmark::State &state)
{
    const QByteArray bytes = bench::textPayload(qsizetype(state.range(0)));
    for (auto _ : state) {
        HexDumpView view;
        view.setPayload(bytes);
        QString dump = view.dumpText();
        benchmark::DoNotOptimize(dump);
    }
    state.SetBytesProcessed(state.iterations() * int64_t(bytes.size()));
}

// One repaint of the detail pane (600x400 on the offscreen platform) showing
// the start of a 64 KiB UTF-8 payload: only visible lines are painted.
void BM_HexDumpViewRepaint(benchmark::State &state)
{
    const QByteArray bytes = bench::textPayload(65536);
    HexDumpView view;
    view.resize(600, 400);
    view.setPayload(bytes);
    view.show();
    for (int i = 0; i < 10; ++i)
        QCoreApplication::processEvents();
    for (auto _ : state)
        view.viewport()->repaint();
}

} // namespace

BENCHMARK(BM_Decode)
    ->ArgNames({"enc", "bytes"})
    ->ArgsProduct({{0, 1}, {200, 65536}});
BENCHMARK(BM_DecodeBinary)
    ->ArgNames({"enc", "bytes"})
    ->ArgsProduct({{0, 1}, {4096}})
    ->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_StreamDecoder)
    ->ArgNames({"enc", "chunk"})
    ->ArgsProduct({{0, 1}, {1460, 65536}})
    ->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ToHex)->ArgName("bytes")->Arg(200)->Arg(65536);
BENCHMARK(BM_HexDumpText)->ArgName("bytes")->Arg(4096)->Arg(65536)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_HexDumpViewRepaint)->Unit(benchmark::kMicrosecond);
