#pragma once

#include "core/commands/PayloadEntry.h"
#include "core/commands/Template.h"
#include "core/text/PayloadParser.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QString>

#include <optional>

// What is typed in a send box, read once and sent as often as asked: the
// text (or hex) as a Template, so its fields ({counter}, {time}, …) are
// filled in for each message, with the line ending added after each text
// message in its encoding (hex is sent as typed).
//
// Input without a "{" is what PayloadParser reads, as it always was, and
// a large text without escapes is encoded whole: a pasted file costs its
// size, not the parser's bookkeeping per character.
class TypedPayload
{
    Q_DECLARE_TR_FUNCTIONS(TypedPayload)

public:
    using Mode = PayloadParser::Mode;
    using LineEnding = PayloadEntry::LineEnding;

    // Above this many characters a text without escapes or fields is encoded
    // in one piece.
    static constexpr qsizetype kEncodeWholeChars = 1024 * 1024;

    TypedPayload() = default;
    static TypedPayload read(const QString &text, Mode mode, const QString &encoding,
                             LineEnding ending = LineEnding::None);

    bool ok() const { return m_error.error.isEmpty(); }
    // The fault and its place (no bytes) when !ok().
    const PayloadParser::Result &error() const { return m_error; }
    // True when every message is the same bytes.
    bool isFixed() const { return !m_template; }
    // The caller advances the session's counter after a message that used it.
    bool usesCounter() const { return m_template && m_template->usesCounter(); }

    // One message, line ending included (empty when !ok()).
    QByteArray bytes(const Template::Context &context) const;
    // One message as a parse result: its bytes, or the error (also when the
    // message is empty: nothing to send).
    PayloadParser::Result message(const Template::Context &context) const;

private:
    PayloadParser::Result m_error;
    std::optional<Template> m_template;   // set when the input has a field
    QByteArray m_fixed;                   // the message when it has none
    QByteArray m_ending;
};
