// Fuzz target: StreamDecoder and TextCodec::decode/decodePartial.
//
// Input: one byte choosing the encoding ('0' UTF-8, '1' GBK, '2' GB18030,
// '3' Big5, '4' Shift_JIS, '5' EUC-JP, '6' EUC-KR, '7' ISO-8859-1,
// '8' windows-1252, '9' UTF-16LE, ':' UTF-16BE; any byte works, by its low
// four bits), four bytes seeding where the bytes are cut into reads, then the
// bytes.
//
// Invariants:
//  - Decoding in random reads (and one byte at a time) plus finish() gives
//    exactly the text and the number of invalid sequences of decoding the
//    whole at once: a character split between reads is never lost, doubled
//    or turned into U+FFFD.
//  - Fewer bytes than one character are ever held back.
//  - Invalid offsets are increasing and inside the input; each gave one
//    U+FFFD.
//  - decodePartial leaves at most one incomplete character undecoded, and
//    what it decoded is the start of what decode() gives for all the bytes.
//  - UTF-8 and UTF-16 text without errors encodes back to the same bytes.

#include "FuzzSupport.h"

#include "core/text/StreamDecoder.h"
#include "core/text/TextCodec.h"

#include <array>

using fuzz::shown;

namespace {

constexpr std::array kEncodings{
    "UTF-8", "GBK", "GB18030", "Big5", "Shift_JIS", "EUC-JP", "EUC-KR",
    "ISO-8859-1", "windows-1252", "UTF-16LE", "UTF-16BE",
};

struct Streamed
{
    QString text;
    qsizetype invalid = 0;
};

Streamed stream(const QString &encoding, const QList<QByteArrayView> &pieces, int maxChar)
{
    StreamDecoder decoder(encoding);
    FUZZ_CHECK(decoder.isValid(), QStringLiteral("%1 not valid").arg(encoding));
    Streamed out;
    for (QByteArrayView piece : pieces) {
        out.text += decoder.feed(piece);
        FUZZ_CHECK(decoder.pendingBytes() < maxChar,
                   QStringLiteral("%1 bytes held in %2").arg(decoder.pendingBytes()).arg(encoding));
    }
    out.text += decoder.finish();
    FUZZ_CHECK(decoder.pendingBytes() == 0, QStringLiteral("bytes held after finish()"));
    out.invalid = decoder.invalidCount();
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
    const QString encoding = QString::fromLatin1(kEncodings[(input.byte() & 0x0f) % kEncodings.size()]);
    fuzz::Cutter cutter(input.u32());
    const QByteArrayView bytes = input.rest();
    if (!TextCodec::isSupported(encoding))
        return 0; // this Qt/ICU lacks it; TextCodec never offers it then
    const int maxChar = TextCodec::maxCharBytes(encoding);
    FUZZ_CHECK(maxChar >= 1, QStringLiteral("maxCharBytes"));

    const TextCodec::Decoded whole = TextCodec::decode(bytes, encoding);
    FUZZ_CHECK(whole.error.isEmpty(), whole.error);
    qsizetype previous = -1;
    for (qsizetype offset : whole.invalidOffsets) {
        FUZZ_CHECK(offset > previous && offset < bytes.size(),
                   QStringLiteral("invalid offset %1 after %2 in %3 bytes").arg(offset).arg(previous).arg(bytes.size()));
        previous = offset;
    }
    FUZZ_CHECK(whole.text.count(QChar::ReplacementCharacter) >= whole.invalidOffsets.size(),
               QStringLiteral("fewer U+FFFD than invalid sequences"));

    const auto compare = [&](const Streamed &got, const char *how) {
        FUZZ_CHECK(got.text == whole.text && got.invalid == whole.invalidOffsets.size(),
                   QStringLiteral("%1 decoded %2: %3 invalid, text %4; whole: %5 invalid, text %6; bytes %7")
                           .arg(encoding, QLatin1StringView(how))
                           .arg(got.invalid)
                           .arg(QString::fromLatin1(got.text.toUtf8().toHex(' ')))
                           .arg(whole.invalidOffsets.size())
                           .arg(QString::fromLatin1(whole.text.toUtf8().toHex(' ')), shown(bytes)));
    };
    compare(stream(encoding, cutter.cut(bytes), maxChar), "in random reads");
    if (bytes.size() <= 512) {
        QList<QByteArrayView> single;
        for (qsizetype i = 0; i < bytes.size(); ++i)
            single.append(bytes.sliced(i, 1));
        compare(stream(encoding, single, maxChar), "byte by byte");
    }

    qsizetype consumed = -1;
    const TextCodec::Decoded partial = TextCodec::decodePartial(bytes, encoding, &consumed);
    FUZZ_CHECK(consumed >= 0 && consumed <= bytes.size() && bytes.size() - consumed < maxChar,
               QStringLiteral("decodePartial consumed %1 of %2").arg(consumed).arg(bytes.size()));
    // What it decoded is the start of the whole decode. (Not always decode()
    // of the consumed bytes: in UTF-8 "ef bf" at the very end is one cut-off
    // character, one U+FFFD, while before "ef" it is two bad bytes.)
    FUZZ_CHECK(whole.text.startsWith(partial.text)
                       && whole.invalidOffsets.first(qMin(whole.invalidOffsets.size(), partial.invalidOffsets.size()))
                               == partial.invalidOffsets,
               QStringLiteral("decodePartial is not the start of decode: %1 / %2")
                       .arg(QString::fromLatin1(partial.text.toUtf8().toHex(' ')), QString::fromLatin1(whole.text.toUtf8().toHex(' '))));

    const bool utf = encoding.startsWith(u"UTF");
    if (utf && !whole.hasErrors()) {
        const TextCodec::Encoded back = TextCodec::encode(whole.text, encoding);
        FUZZ_CHECK(back.ok() && back.bytes == bytes,
                   QStringLiteral("%1 does not encode back: %2 -> %3 (%4)").arg(encoding, shown(bytes), shown(back.bytes), back.error));
    }
    return 0;
}
