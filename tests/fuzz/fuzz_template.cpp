// Fuzz target: Template (the send box, library payloads, sequence steps and,
// once wired, the auto-reply: every dynamic field and its arguments).
//
// Input: one byte choosing mode and encoding as fuzz_payload_parser does
// ('h' hex; otherwise text in the encoding its low four bits pick), one byte
// of counter, then the template text (UTF-8); with the selector's high bit
// set the text is read as raw UTF-16, which reaches lone surrogates.
//
// Invariants:
//  - ok() exactly when there is no error; a failed parse holds an empty
//    template; a placed error lies inside the text (or at its end), with the
//    line and column locate() gives and "<reason> at line L, column C".
//  - A template expands without failing; the same context gives the same
//    bytes; a template isFixed() gives the same bytes whatever the context.
//  - Without "{" the template is PayloadParser: the same bytes, or the same
//    error at the same place.
//  - An old-style auto-reply text (only {data} special), converted by
//    fromAutoReplyTemplate(), gives as a template the bytes AutoReply gives
//    for it, or fails exactly when AutoReply does, for the same reason (at
//    the same place when no brace had to be doubled).

#include "FuzzSupport.h"

#include "core/commands/Template.h"
#include "core/reply/AutoReply.h"
#include "core/text/PayloadParser.h"
#include "core/text/TextCodec.h"

#include <QRandomGenerator>
#include <QTimeZone>

#include <array>

using fuzz::shown;

namespace {

constexpr std::array kEncodings{
    "UTF-8", "GBK", "GB18030", "Big5", "Shift_JIS", "EUC-JP", "EUC-KR",
    "ISO-8859-1", "windows-1252", "UTF-16LE", "UTF-16BE",
};

QByteArray expanded(const Template &t, const QByteArray &received, quint64 counter, qint64 msecs, quint32 seed)
{
    QRandomGenerator random(seed);
    Template::Context context;
    context.received = received;
    context.counter = counter;
    context.now = QDateTime::fromMSecsSinceEpoch(msecs, QTimeZone::utc());
    context.random = &random;
    return t.expand(context);
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
    const uint8_t counter = in.byte();
    const QByteArrayView rest = in.rest();
    const bool hex = (selector & 0x7f) == 'h' || (selector & 0x7f) == 'H';
    const PayloadParser::Mode mode = hex ? PayloadParser::Mode::Hex : PayloadParser::Mode::Text;
    const QString encoding = QString::fromLatin1(kEncodings[(selector & 0x0f) % kEncodings.size()]);
    const QString text = (selector & 0x80)
            ? QString(reinterpret_cast<const QChar *>(rest.data()), rest.size() / 2)
            : QString::fromUtf8(rest);
    if (!TextCodec::isSupported(encoding))
        return 0;

    const Template::Parsed parsed = Template::parse(text, mode, encoding);
    FUZZ_CHECK(parsed.ok() == parsed.error.isEmpty(), QStringLiteral("ok() disagrees with error"));
    if (!parsed.ok()) {
        FUZZ_CHECK(parsed.value.text().isEmpty() && parsed.value.expand({}).isEmpty(),
                   QStringLiteral("a failed parse holds a template: %1").arg(parsed.error));
        FUZZ_CHECK(!parsed.reason.isEmpty(), QStringLiteral("error without a reason: %1").arg(parsed.error));
        if (parsed.position >= 0) {
            FUZZ_CHECK(parsed.position <= text.size(),
                       QStringLiteral("position %1 outside %2 characters").arg(parsed.position).arg(text.size()));
            int line = 0;
            int column = 0;
            PayloadParser::locate(text, parsed.position, &line, &column);
            FUZZ_CHECK(line == parsed.line && column == parsed.column,
                       QStringLiteral("line %1 column %2, locate says %3 %4")
                               .arg(parsed.line).arg(parsed.column).arg(line).arg(column));
            FUZZ_CHECK(parsed.error == PayloadParser::describe(parsed.reason, parsed.line, parsed.column),
                       QStringLiteral("error %1 is not described at its place").arg(parsed.error));
        } else {
            FUZZ_CHECK(parsed.error == parsed.reason, QStringLiteral("placeless error is not its reason"));
        }
    } else {
        const Template &t = parsed.value;
        const QByteArray a = expanded(t, "req", counter, 1700000000123, 7);
        FUZZ_CHECK(a == expanded(t, "req", counter, 1700000000123, 7),
                   QStringLiteral("the same context gave other bytes"));
        if (t.isFixed()) {
            FUZZ_CHECK(a == expanded(t, "other", counter + 1, 0, 8),
                       QStringLiteral("a fixed template changed with its context: %1").arg(shown(a)));
        }
    }

    if (!text.contains(u'{')) {
        const PayloadParser::Result plain = PayloadParser::parse(text, mode, encoding, true);
        FUZZ_CHECK(plain.ok() == parsed.ok() && plain.error == parsed.error,
                   QStringLiteral("without fields: PayloadParser says \"%1\", Template \"%2\"")
                           .arg(plain.error, parsed.error));
        if (parsed.ok())
            FUZZ_CHECK(parsed.value.expand({}) == plain.bytes, QStringLiteral("without fields, other bytes"));
    }

    if (!hex && AutoReply::modeOfSpec(text) == AutoReply::Mode::Template) {
        QString autoError;
        // AutoReply speaks the one syntax: given the converted old-style spec,
        // it answers as the converted template does.
        const AutoReply reply = AutoReply::fromSpec(Template::fromAutoReplyTemplate(text), encoding, &autoError);
        const Template::Parsed converted = Template::parse(Template::fromAutoReplyTemplate(text), mode, encoding);
        FUZZ_CHECK(converted.ok() == autoError.isEmpty(),
                   QStringLiteral("AutoReply says \"%1\", the converted template \"%2\"").arg(autoError, converted.error));
        if (converted.ok()) {
            Template::Context context;
            context.received = QByteArray("\0{data}\xff", 8);
            FUZZ_CHECK(converted.value.expand(context) == reply.templateReply(context.received),
                       QStringLiteral("converted template: %1, AutoReply: %2")
                               .arg(shown(converted.value.expand(context)), shown(reply.templateReply(context.received))));
        } else if (Template::fromAutoReplyTemplate(text) == text) {
            FUZZ_CHECK(autoError.endsWith(converted.error),
                       QStringLiteral("AutoReply says \"%1\", the template \"%2\"").arg(autoError, converted.error));
        } else {
            // Doubled braces move the column; the fault is the same.
            FUZZ_CHECK(autoError.contains(converted.reason),
                       QStringLiteral("AutoReply says \"%1\", the converted template \"%2\"").arg(autoError, converted.error));
        }
    }
    return 0;
}
