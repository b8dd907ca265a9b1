#pragma once

#include "core/commands/Checksum.h"
#include "core/commands/Template.h"
#include "core/framing/FramingSpec.h"
#include "core/text/PayloadParser.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QString>

#include <optional>

// One named payload of the library: what the user typed (a Template, in text
// or hex), how to encode it, and what is added around it. A message is built
// in this order:
//   1. the template expanded (text parts in the encoding),
//   2. the line ending (in the encoding: CRLF is 0d 00 0a 00 in UTF-16LE),
//   3. the checksum over that, appended,
//   4. the framing (a length prefix or a delimiter) around all of it,
// so "AT\r\n" gets its CRLF before a checksum would see it, and a checksum
// sits before a delim:16 frame end, as DL/T 645 and friends want it.
class PayloadEntry
{
    Q_DECLARE_TR_FUNCTIONS(PayloadEntry)

public:
    enum class LineEnding { None, Cr, Lf, CrLf };

    QString name;
    QString group;       // empty: not in a group
    PayloadParser::Mode mode = PayloadParser::Mode::Text;
    QString text;        // the template, as typed
    QString encoding = QStringLiteral("UTF-8");
    LineEnding lineEnding = LineEnding::None;
    std::optional<Checksum> checksum;
    std::optional<FramingSpec> framing;
    QString notes;

    // "none", "cr", "lf", "crlf" (case-insensitive in).
    static QString lineEndingName(LineEnding ending);
    static bool lineEndingFromName(const QString &name, LineEnding *ending);
    // The ending's bytes in `encoding` (empty for None): CRLF is 0d 00 0a 00
    // in UTF-16LE. The send box adds them the same way.
    static QByteArray lineEndingBytes(LineEnding ending, const QString &encoding);

    // Empty when the entry can be sent; otherwise the first reason it cannot
    // (no name, unknown encoding, a fault in the template, a checksum that
    // starts past the end of a payload that never changes).
    QString validate() const;
    // A usable name: not empty, no line break or control character, no
    // leading or trailing space (the library file trims them), at most 200
    // characters. Empty when fine, else why not.
    static QString checkName(const QString &name);

    Template::Parsed compile() const;

    struct Built
    {
        QByteArray message;   // template + line ending + checksum
        QByteArray appended;  // the checksum bytes (also at the end of message)
        QByteArray bytes;     // message in its framing: what goes on the wire
        QString error;        // template, checksum range or framing fault
        bool ok() const { return error.isEmpty(); }
    };
    Built build(const Template::Context &context) const;

    friend bool operator==(const PayloadEntry &, const PayloadEntry &) = default;
};
