#include "core/commands/TypedPayload.h"

#include "core/text/TextCodec.h"

namespace {

PayloadParser::Result fault(const QString &reason, const QString &error, int position, int line, int column)
{
    PayloadParser::Result result;
    result.reason = reason;
    result.error = error;
    result.position = position;
    result.line = line;
    result.column = column;
    return result;
}

// A large text without escapes: the parser's result is the encoded text.
PayloadParser::Result encodeWhole(const QString &text, const QString &encoding)
{
    PayloadParser::Result result;
    const TextCodec::Encoded encoded = TextCodec::encode(text, encoding);
    if (encoded.ok()) {
        result.bytes = encoded.bytes;
        return result;
    }
    result.reason = encoded.error;
    result.error = encoded.error;
    if (encoded.firstUnmappable >= 0) {
        result.position = int(encoded.firstUnmappable);
        PayloadParser::locate(text, result.position, &result.line, &result.column);
        result.error = PayloadParser::describe(result.reason, result.line, result.column);
    }
    return result;
}

} // namespace

TypedPayload TypedPayload::read(const QString &text, Mode mode, const QString &encoding, LineEnding ending)
{
    TypedPayload out;
    if (mode == Mode::Text)
        out.m_ending = PayloadEntry::lineEndingBytes(ending, encoding);
    if (!text.contains(u'{')) {
        // Empty is allowed here: a bare line ending is a message.
        PayloadParser::Result parsed;
        if (mode == Mode::Text && text.size() > kEncodeWholeChars && !text.contains(u'\\'))
            parsed = encodeWhole(text, encoding);
        else
            parsed = PayloadParser::parse(text, mode, encoding, true);
        if (!parsed.ok()) {
            parsed.bytes.clear();
            out.m_error = parsed;
            out.m_ending.clear();
            return out;
        }
        out.m_fixed = parsed.bytes + out.m_ending;
        return out;
    }
    const Template::Parsed parsed = Template::parse(text, mode, encoding);
    if (!parsed.ok()) {
        out.m_error = fault(parsed.reason, parsed.error, parsed.position, parsed.line, parsed.column);
        out.m_ending.clear();
        return out;
    }
    if (parsed.value.isFixed())
        out.m_fixed = parsed.value.expand({}) + out.m_ending;
    else
        out.m_template = parsed.value;
    return out;
}

QByteArray TypedPayload::bytes(const Template::Context &context) const
{
    if (!ok())
        return {};
    return m_template ? m_template->expand(context) + m_ending : m_fixed;
}

PayloadParser::Result TypedPayload::message(const Template::Context &context) const
{
    if (!ok())
        return m_error;
    PayloadParser::Result result;
    result.bytes = bytes(context);
    if (result.bytes.isEmpty())
        result = fault(tr("Nothing to send: the payload is empty"), tr("Nothing to send: the payload is empty"), -1, 0, 0);
    return result;
}
