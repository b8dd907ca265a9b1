// Fuzz target: FramingSpec::parse and Framer.
//
// Input: one byte for the maximum frame size ('*' = the default 16 MiB,
// otherwise its value, 0 counting as 1, so small maxima are hit), four bytes
// seeding where the stream is cut into reads, the spec text up to '\n'
// ("line", "delim:0d0a", "length:2:le:incl", "fixed:3" ...), then the stream.
//
// Invariants:
//  - parse: an accepted spec is valid and its toString() parses back to the
//    same spec; a refused one gives a message and the default spec.
//  - The stream fed whole and fed in random reads gives the same frames, the
//    same error and the same bytes pending.
//  - Delimiter: frames + delimiters + pending bytes rebuild the input; no
//    frame contains the delimiter. Length prefix: Framer::encode of every
//    frame rebuilds the input up to the pending bytes. Fixed: every frame is
//    N bytes. None: every read is one frame. No frame cut is over the
//    maximum, and the bytes held stay within the maximum plus a header or
//    delimiter.
//  - An error is reported by exactly one feed; after it nothing comes out.

#include "FuzzSupport.h"

#include "core/framing/Framer.h"
#include "core/framing/FramingSpec.h"

using fuzz::shown;

namespace {

struct Fed
{
    QList<QByteArray> frames;
    QStringList errors;
    qsizetype pending = 0;
    qsizetype maxPending = 0;
};

Fed feedAll(const FramingSpec &spec, const QList<QByteArrayView> &pieces)
{
    Framer framer(spec);
    Fed fed;
    bool broken = false;
    for (QByteArrayView piece : pieces) {
        const Framer::Output out = framer.feed(piece);
        if (broken)
            FUZZ_CHECK(out.frames.isEmpty() && out.ok(), QStringLiteral("output after the error"));
        fed.frames += out.frames;
        if (!out.ok()) {
            fed.errors += out.error;
            broken = true;
        }
        FUZZ_CHECK(framer.hasError() == broken, QStringLiteral("hasError() disagrees with the outputs"));
        fed.maxPending = qMax(fed.maxPending, framer.pendingBytes());
    }
    fed.pending = framer.pendingBytes();
    return fed;
}

// What the stream up to the pending bytes must be, rebuilt from the frames.
QByteArray rebuild(const FramingSpec &spec, const QList<QByteArray> &frames)
{
    QByteArray out;
    for (const QByteArray &frame : frames) {
        QString error;
        const QByteArray framed = Framer::encode(spec, frame, &error);
        // A frame the receiver cut is one the sender can frame: encode
        // refuses only payloads the receiver would have cut elsewhere.
        FUZZ_CHECK(spec.kind == FramingSpec::Kind::None || error.isEmpty(),
                   QStringLiteral("frame %1 cannot be encoded again: %2").arg(shown(frame), error));
        out += framed;
    }
    return out;
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz::FuzzInput input(data, size);
    const uint8_t maxByte = input.byte();
    const qint64 maxFrame = maxByte == '*' ? FramingSpec::DefaultMaxFrameBytes : qMax<qint64>(1, maxByte);
    fuzz::Cutter cutter(input.u32());
    const QString text = QString::fromUtf8(input.line());
    const QByteArrayView stream = input.rest();

    QString error;
    const FramingSpec spec = FramingSpec::parse(text, &error, maxFrame);
    if (!error.isEmpty()) {
        FramingSpec fallback;
        fallback.maxFrameBytes = maxFrame;
        FUZZ_CHECK(spec == fallback, QStringLiteral("a refused spec %1 is not the default").arg(text));
        return 0;
    }
    FUZZ_CHECK(spec.isValid(), QStringLiteral("accepted spec %1 is invalid: %2").arg(text, spec.validate()));
    FUZZ_CHECK(spec.maxFrameBytes == maxFrame, QStringLiteral("maximum not kept"));
    {
        QString again;
        const FramingSpec reparsed = FramingSpec::parse(spec.toString(), &again, maxFrame);
        FUZZ_CHECK(again.isEmpty() && reparsed == spec,
                   QStringLiteral("%1 -> %2 does not parse back (%3)").arg(text, spec.toString(), again));
        FUZZ_CHECK(!spec.describe().isEmpty(), QStringLiteral("no description"));
    }

    const QList<QByteArrayView> pieces = cutter.cut(stream);
    const Fed whole = feedAll(spec, {stream});
    const Fed cut = feedAll(spec, pieces);

    // The maximum bounds what the framer holds and cuts; with no framing
    // a read is passed on as it arrived, whatever its size.
    const qsizetype overhead = spec.overheadBytes();
    for (const QByteArray &frame : cut.frames) {
        FUZZ_CHECK(spec.kind == FramingSpec::Kind::None || frame.size() <= spec.maxFrameBytes,
                   QStringLiteral("frame of %1 bytes over the maximum").arg(frame.size()));
    }
    FUZZ_CHECK(cut.maxPending <= spec.maxFrameBytes + overhead,
               QStringLiteral("%1 bytes held, maximum %2").arg(cut.maxPending).arg(spec.maxFrameBytes));
    FUZZ_CHECK(cut.errors.size() <= 1, QStringLiteral("error reported %1 times").arg(cut.errors.size()));

    if (spec.kind == FramingSpec::Kind::None) {
        FUZZ_CHECK(cut.errors.isEmpty() && cut.pending == 0, QStringLiteral("none framing failed or held bytes"));
        FUZZ_CHECK(cut.frames.size() == pieces.size(), QStringLiteral("none framing: one frame per read"));
        for (qsizetype i = 0; i < pieces.size(); ++i)
            FUZZ_CHECK(cut.frames.at(i) == pieces.at(i), QStringLiteral("none framing changed a read"));
        return 0;
    }

    // However the stream was cut, the result is the same. An error can only
    // come from the stream's bytes, and it is found at the same byte.
    FUZZ_CHECK(whole.errors == cut.errors,
               QStringLiteral("errors differ: whole %1, cut %2").arg(whole.errors.join(u'|'), cut.errors.join(u'|')));
    FUZZ_CHECK(whole.frames == cut.frames,
               QStringLiteral("%1 frames whole, %2 cut").arg(whole.frames.size()).arg(cut.frames.size()));
    if (cut.errors.isEmpty())
        FUZZ_CHECK(whole.pending == cut.pending, QStringLiteral("pending %1 whole, %2 cut").arg(whole.pending).arg(cut.pending));

    const QByteArray rebuilt = rebuild(spec, cut.frames);
    if (cut.errors.isEmpty()) {
        FUZZ_CHECK(cut.pending <= stream.size(), QStringLiteral("more pending than received"));
        const QByteArrayView consumed = stream.first(stream.size() - cut.pending);
        FUZZ_CHECK(rebuilt == consumed,
                   QStringLiteral("frames rebuild %1, stream was %2").arg(shown(rebuilt), shown(consumed)));
        if (spec.kind == FramingSpec::Kind::Delimiter) {
            const QByteArrayView tail = stream.sliced(stream.size() - cut.pending);
            FUZZ_CHECK(!tail.contains(spec.delimiter), QStringLiteral("a delimiter is left in the pending bytes"));
        }
    } else {
        FUZZ_CHECK(stream.startsWith(rebuilt), QStringLiteral("frames before the error are not a prefix of the stream"));
    }
    for (const QByteArray &frame : cut.frames) {
        if (spec.kind == FramingSpec::Kind::Delimiter)
            FUZZ_CHECK(!frame.contains(spec.delimiter), QStringLiteral("frame contains the delimiter"));
        if (spec.kind == FramingSpec::Kind::FixedSize)
            FUZZ_CHECK(frame.size() == spec.fixedSize, QStringLiteral("fixed frame of %1 bytes").arg(frame.size()));
    }

    // Each frame, encoded on its own, is cut back out whole.
    for (const QByteArray &frame : cut.frames.first(qMin<qsizetype>(cut.frames.size(), 8))) {
        QString encodeError;
        const QByteArray framed = Framer::encode(spec, frame, &encodeError);
        Framer again(spec);
        const Framer::Output out = again.feed(framed);
        FUZZ_CHECK(out.ok() && out.frames.size() == 1 && out.frames.first() == frame && again.pendingBytes() == 0,
                   QStringLiteral("frame %1 does not survive encode and feed").arg(shown(frame)));
    }
    return 0;
}
