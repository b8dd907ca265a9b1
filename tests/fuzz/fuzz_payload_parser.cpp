// Fuzz target: PayloadParser (what the user types into the send box, the
// --send/--greeting options and the parts of a reply template).
//
// Input: one byte choosing the mode and encoding ('h' hex; otherwise text in
// the encoding its low four bits pick: '0' UTF-8, '1' GBK, '2' GB18030,
// '3' Big5, '4' Shift_JIS, '5' EUC-JP, '6' EUC-KR, '7' ISO-8859-1,
// '8' windows-1252, '9' UTF-16LE, ':' UTF-16BE; with the high bit set the
// rest is read as raw UTF-16, which reaches lone surrogates), then the text.
//
// Invariants:
//  - ok() exactly when there is no error; a failed parse has no bytes; an
//    error with a place has its position inside the input, 1-based line and
//    column that locate() agrees with, and "<reason> at line L, column C".
//  - allowEmpty changes nothing but the empty result.
//  - Hex: the bytes, written back as hex, parse to the same bytes; the
//    encoding plays no part.
//  - Text: the bytes, written back in Escape's send-panel style, parse to the
//    same bytes; text without a backslash gives what TextCodec::encode gives.
//  - A reply template built from the same text gives the same bytes.

#include "FuzzSupport.h"

#include "core/reply/AutoReply.h"
#include "core/text/Escape.h"
#include "core/text/PayloadParser.h"
#include "core/text/TextCodec.h"

#include <array>

using fuzz::shown;

namespace {

constexpr std::array kEncodings{
    "UTF-8", "GBK", "GB18030", "Big5", "Shift_JIS", "EUC-JP", "EUC-KR",
    "ISO-8859-1", "windows-1252", "UTF-16LE", "UTF-16BE",
};

void checkResult(const QString &input, const PayloadParser::Result &r)
{
    FUZZ_CHECK(r.ok() == r.error.isEmpty(), QStringLiteral("ok() disagrees with error"));
    if (r.ok()) {
        FUZZ_CHECK(r.reason.isEmpty() && r.position == -1, QStringLiteral("ok result with a reason or place"));
        return;
    }
    FUZZ_CHECK(r.bytes.isEmpty(), QStringLiteral("failed parse with bytes: %1").arg(r.error));
    FUZZ_CHECK(!r.reason.isEmpty(), QStringLiteral("error without a reason: %1").arg(r.error));
    if (r.position < 0) {
        FUZZ_CHECK(r.error == r.reason, QStringLiteral("placeless error %1 is not its reason").arg(r.error));
        return;
    }
    FUZZ_CHECK(r.position < input.size(), QStringLiteral("position %1 outside %2 characters").arg(r.position).arg(input.size()));
    int line = 0;
    int column = 0;
    PayloadParser::locate(input, r.position, &line, &column);
    FUZZ_CHECK(line >= 1 && column >= 1 && line == r.line && column == r.column,
               QStringLiteral("line %1 column %2, locate says %3 %4").arg(r.line).arg(r.column).arg(line).arg(column));
    FUZZ_CHECK(r.error == PayloadParser::describe(r.reason, r.line, r.column),
               QStringLiteral("error %1 is not described at its place").arg(r.error));
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz::FuzzInput in(data, size);
    const uint8_t selector = in.byte();
    const QByteArrayView rest = in.rest();
    const bool hex = (selector & 0x7f) == 'h' || (selector & 0x7f) == 'H';
    const PayloadParser::Mode mode = hex ? PayloadParser::Mode::Hex : PayloadParser::Mode::Text;
    const QString encoding = QString::fromLatin1(kEncodings[(selector & 0x0f) % kEncodings.size()]);
    const QString input = (selector & 0x80)
            ? QString(reinterpret_cast<const QChar *>(rest.data()), rest.size() / 2)
            : QString::fromUtf8(rest);
    if (!TextCodec::isSupported(encoding))
        return 0;

    const PayloadParser::Result r = PayloadParser::parse(input, mode, encoding, true);
    checkResult(input, r);
    const PayloadParser::Result strict = PayloadParser::parse(input, mode, encoding, false);
    checkResult(input, strict);
    if (r.ok() && r.bytes.isEmpty())
        FUZZ_CHECK(!strict.ok() && strict.position == -1, QStringLiteral("empty payload accepted without allowEmpty"));
    else
        FUZZ_CHECK(strict.bytes == r.bytes && strict.error == r.error, QStringLiteral("allowEmpty changed a non-empty result"));

    if (hex) {
        const PayloadParser::Result other = PayloadParser::parse(input, mode, QStringLiteral("Shift_JIS"), true);
        FUZZ_CHECK(other.bytes == r.bytes && other.error == r.error, QStringLiteral("hex parse depends on the encoding"));
        if (r.ok()) {
            for (char separator : {' ', '\0', ':'}) {
                const QString written = TextCodec::toHex(r.bytes, separator);
                const PayloadParser::Result back = PayloadParser::parse(written, mode, encoding, true);
                FUZZ_CHECK(back.ok() && back.bytes == r.bytes,
                           QStringLiteral("hex %1 parses to %2, not %3").arg(written, shown(back.bytes), shown(r.bytes)));
            }
        }
        return 0;
    }

    if (r.ok()) {
        // The send panel's escapes are printable ASCII, which reads the same
        // in every ASCII-compatible encoding.
        const QString escaped = Escape::bytes(r.bytes, Escape::ByteStyle::SendPanel);
        const PayloadParser::Result back = PayloadParser::parse(escaped, mode, QStringLiteral("UTF-8"), true);
        FUZZ_CHECK(back.ok() && back.bytes == r.bytes,
                   QStringLiteral("escaped %1 parses to %2, not %3 (%4)").arg(escaped, shown(back.bytes), shown(r.bytes), back.error));
    }
    if (!input.contains(u'\\')) {
        const TextCodec::Encoded encoded = TextCodec::encode(input, encoding);
        if (encoded.ok()) {
            FUZZ_CHECK(r.ok() && r.bytes == encoded.bytes,
                       QStringLiteral("plain text parses to %1, encodes to %2").arg(shown(r.bytes), shown(encoded.bytes)));
        } else {
            FUZZ_CHECK(!r.ok() && r.position == qMax<qsizetype>(0, encoded.firstUnmappable),
                       QStringLiteral("unencodable text: parse error at %1, encoder at %2").arg(r.position).arg(encoded.firstUnmappable));
        }
    }

    // The same text as a reply template without {data} is a fixed reply of
    // the same bytes (a template must not be a keyword).
    if (!input.contains(u"{data}") && !input.isEmpty()) {
        const auto is = [&input](const char16_t *word) {
            return input.compare(QStringView(word), Qt::CaseInsensitive) == 0;
        };
        if (!is(u"none") && !is(u"echo") && !is(u"http")) {
            QString error;
            const AutoReply reply = AutoReply::fromSpec(input, encoding, &error);
            FUZZ_CHECK(error.isEmpty() == r.ok(), QStringLiteral("template and payload disagree: %1 / %2").arg(error, r.error));
            if (r.ok())
                FUZZ_CHECK(reply.templateReply(QByteArrayLiteral("x")) == r.bytes, QStringLiteral("template reply differs"));
        }
    }
    return 0;
}
