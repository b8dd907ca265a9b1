#pragma once

// Shared by the fuzz targets in this folder. Each target is one
// LLVMFuzzerTestOneInput that checks invariants, not only "no crash"; a
// broken invariant prints what was expected and aborts, which libFuzzer
// reports as a crash (and saves the input) and the replay runner
// (ReplayMain.cpp, a CTest test) reports as a failed test.
//
// Inputs start with a few parameter bytes, read with FuzzInput, so a seed
// file stays readable: e.g. "*abcd" + a stream, where '*' picks a setting and
// "abcd" seeds the points where the stream is cut into reads.

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>

#include <cstdint>
#include <cstdio>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv);

namespace fuzz {

[[noreturn]] inline void fail(const char *file, int line, const char *condition, const QString &detail)
{
    std::fprintf(stderr, "%s:%d: invariant broken: %s\n%s\n", file, line, condition,
                 detail.toLocal8Bit().constData());
    std::fflush(stderr);
    std::abort();
}

// Bytes shown in a failure message: hex, cut short when long.
inline QString shown(QByteArrayView bytes)
{
    const qsizetype limit = 256;
    QString text = QString::fromLatin1(bytes.first(qMin(bytes.size(), limit)).toByteArray().toHex(' '));
    if (bytes.size() > limit)
        text += QStringLiteral(" ... (%1 bytes)").arg(bytes.size());
    return text;
}

// Reads parameters from the front of the input; past the end it gives zeros,
// so every input is valid.
class FuzzInput
{
public:
    FuzzInput(const uint8_t *data, size_t size)
        : m_bytes(reinterpret_cast<const char *>(data), qsizetype(size)) {}

    uint8_t byte()
    {
        if (m_bytes.isEmpty())
            return 0;
        const auto b = uint8_t(m_bytes.front());
        m_bytes = m_bytes.sliced(1);
        return b;
    }
    uint32_t u32()
    {
        uint32_t v = 0;
        for (int i = 0; i < 4; ++i)
            v = (v << 8) | byte();
        return v;
    }
    // Up to (not including) the first '\n', which is consumed; everything
    // when there is no '\n'.
    QByteArrayView line()
    {
        const qsizetype at = m_bytes.indexOf('\n');
        const QByteArrayView taken = at < 0 ? m_bytes : m_bytes.first(at);
        m_bytes = at < 0 ? QByteArrayView() : m_bytes.sliced(at + 1);
        return taken;
    }
    QByteArrayView rest() const { return m_bytes; }

private:
    QByteArrayView m_bytes;
};

// A small deterministic generator (xorshift32): the same seed cuts the same
// input the same way in the fuzzer and in the replay.
class Cutter
{
public:
    explicit Cutter(uint32_t seed) : m_state(seed ? seed : 0x9e3779b9u) {}
    uint32_t next()
    {
        m_state ^= m_state << 13;
        m_state ^= m_state >> 17;
        m_state ^= m_state << 5;
        return m_state;
    }
    // Read sizes that look like TCP's: mostly short (so every boundary gets
    // hit), sometimes one byte, sometimes large.
    QList<QByteArrayView> cut(QByteArrayView bytes)
    {
        QList<QByteArrayView> pieces;
        qsizetype from = 0;
        while (from < bytes.size()) {
            const uint32_t r = next();
            qsizetype length;
            switch (r % 4) {
            case 0: length = 1; break;
            case 1: length = 1 + (r >> 8) % 4; break;
            case 2: length = 1 + (r >> 8) % 32; break;
            default: length = 1 + (r >> 8) % 1024; break;
            }
            length = qMin(length, bytes.size() - from);
            pieces.append(bytes.sliced(from, length));
            from += length;
        }
        return pieces;
    }

private:
    uint32_t m_state;
};

} // namespace fuzz

#define FUZZ_CHECK(condition, detail)                                          \
    do {                                                                       \
        if (!(condition))                                                      \
            ::fuzz::fail(__FILE__, __LINE__, #condition, (detail));            \
    } while (false)
