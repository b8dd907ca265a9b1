#pragma once

#include "core/text/PayloadParser.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QDateTime>
#include <QList>
#include <QMap>
#include <QString>
#include <QtGlobal>

class QRandomGenerator;

// The one template syntax of what is sent and of auto-replies: the text (or
// hex) the user typed, with dynamic fields in braces that are filled in for
// every message.
//
//   {data}             the received bytes, raw (an auto-reply's request; in a
//                      sequence, the last reply); empty when nothing was received
//   {counter}          the session's message counter in decimal, 1 for the first
//   {counter:W}        … at least W characters, padded with spaces  (%4d)
//   {counter:0W}       … at least W digits, padded with zeros: {counter:04} (%04d)
//   {counter:W:START}  … counting from START instead of 1: {counter:04:0},
//                      {counter::100}. The session keeps how many messages it
//                      has sent with a counter (Context::counter); the field
//                      shows START + that number, so the start is part of the
//                      template and the same session can count from 0 in one
//                      payload and from 1000 in another.
//   {time}             the clock as 2026-11-22T11:41:00.123 (local time)
//   {time:FORMAT}      Qt's date/time format (yyyy MM dd HH mm ss zzz …, text
//                      in single quotes is literal): {time:HH:mm:ss};
//                      {time:unix} seconds and {time:unixms} milliseconds since 1970
//   {random:N}         N random bytes (1 to 65536)
//   {hex:…}            bytes written in hex inside a text payload: {hex:01 02 ff}
//   {{                 a literal {   (a lone } needs no escape)
//
// Outside the fields the text is what PayloadParser reads, escapes and all,
// in the template's mode and encoding: text parts are encoded in the encoding
// (TextCodec), counter and time too; {data}, {random} and {hex} are bytes as
// they are. Every fault is found by parse(), with its place, so expansion
// cannot fail and nothing is sent from a template with an error.
class Template
{
    Q_DECLARE_TR_FUNCTIONS(Template)

public:
    using Mode = PayloadParser::Mode;

    // What a message is expanded with.
    struct Context
    {
        QByteArray received;                  // {data}
        quint64 counter = 0;                  // messages the session already sent with {counter}
        QDateTime now;                        // {time}; invalid means the current local time
        QRandomGenerator *random = nullptr;   // {random:N}; null means the system's generator
        // A reply rule's captures (parse(…, captures = true)): {1}…{9} are
        // captures[1…], {name} namedCaptures; a missing one is empty.
        QList<QByteArray> captures;
        QMap<QString, QByteArray> namedCaptures;
    };

    // Where a reply rule's template names a capture: {2} (number 2) or
    // {name} (number -1), at a 0-based position of the text.
    struct CaptureRef
    {
        int number = -1;
        QString name;
        int position = 0;
    };

    struct Parsed;

    Template() = default;

    // The template of a text, or the first fault: the reason and the place
    // (0-based position, 1-based line and column) as PayloadParser gives them.
    static Parsed parse(const QString &text, Mode mode = Mode::Text,
                        const QString &encoding = QStringLiteral("UTF-8"));
    // A reply rule's template: the same, and {1}…{9} and {name} (a name of
    // letters, digits and _) are the rule's captures instead of unknown
    // fields. Whether the pattern has them is the rule's check (captureRefs).
    static Parsed parseWithCaptures(const QString &text, const QString &encoding = QStringLiteral("UTF-8"));
    QList<CaptureRef> captureRefs() const { return m_captureRefs; }

    // AutoReply's template (where only "{data}" is special and every other
    // brace is literal) in this syntax: the same reply, byte for byte.
    static QString fromAutoReplyTemplate(const QString &spec);
    // One line for an editor's hint: the fields and how to write a brace.
    static QString fieldHint();

    // The bytes of one message.
    QByteArray expand(const Context &context) const;

    QString text() const { return m_text; }
    Mode mode() const { return m_mode; }
    QString encoding() const { return m_encoding; }
    // The caller advances Context::counter after a message that used it.
    bool usesCounter() const { return m_usesCounter; }
    bool usesData() const { return m_usesData; }
    // True when every expansion gives the same bytes (no field, or only {hex}).
    bool isFixed() const;

    // The parsed template, for code that writes it another way (the
    // teaching scripts): literal bytes and fields in order.
    struct Part
    {
        enum class Kind { Bytes, Data, Counter, Time, Random, Capture };
        Kind kind = Kind::Bytes;
        QByteArray bytes;      // Bytes
        int width = 0;         // Counter: minimum characters
        bool zeroPad = false;  // Counter
        quint64 start = 1;     // Counter
        QString format;        // Time: a Qt format, "unix" or "unixms"
        int count = 0;         // Random; Capture: the number, -1 for a name in format
    };
    const QList<Part> &parts() const { return m_parts; }

private:

    // Parsing helpers (Template.cpp) fill m_parts.
    static Parsed parseInto(Template out, const QString &text, Mode mode, const QString &encoding);
    static bool parseField(const QString &text, int open, int close, Template &out, Parsed &fault);
    QByteArray encodeText(const QString &text) const;

    QString m_text;
    Mode m_mode = Mode::Text;
    QString m_encoding = QStringLiteral("UTF-8");
    QList<Part> m_parts;
    bool m_usesCounter = false;
    bool m_usesData = false;
    bool m_captures = false;           // parseWithCaptures()
    QList<CaptureRef> m_captureRefs;
};

struct Template::Parsed
{
    Template value;     // empty unless ok()
    QString error;      // "<reason> at line L, column C", empty when ok
    QString reason;     // the error without its place
    int position = -1;  // 0-based index of the fault in the text, -1 if none
    int line = 0;       // 1-based
    int column = 0;     // 1-based, in characters
    bool ok() const { return error.isEmpty(); }
};
