#pragma once

#include <QByteArray>
#include <QString>

// Turns what a user typed into the bytes to send.
//  Text mode: the text is encoded in the chosen encoding. Escapes \r \n \t \0
//             and \\ stand for those characters (encoded like the rest, so
//             "\n" is 0a 00 in UTF-16LE); \xHH inserts one raw byte as is,
//             whatever the encoding. \x takes exactly two hex digits.
//  Hex mode:  "48 65 6c", "48656c", "0x48,0x65", "48:65", "48-65"; whitespace,
//             commas, colons and dashes separate; 0x/0X prefixes allowed.
//             The encoding plays no part and is not checked.
// Every error names the place (1-based line and column of the character at
// fault) so the UI can mark it and the command line can print it.
class PayloadParser
{
public:
    enum class Mode { Text, Hex };

    struct Result
    {
        QByteArray bytes;
        QString error;      // empty when ok; "<reason> at line L, column C" when there is a place
        QString reason;     // the error without its place, for callers that report their own
        int position = -1;  // 0-based index into the input of the fault, -1 if none
        int line = 0;       // 1-based
        int column = 0;     // 1-based, within the line, counted in characters (code points)
        bool ok() const { return error.isEmpty(); }
    };

    // An empty result is an error ("nothing to send") unless allowEmpty.
    static Result parse(const QString &input, Mode mode,
                        const QString &encoding = QStringLiteral("UTF-8"),
                        bool allowEmpty = false);
    // "text" / "hex" (case-insensitive); false when unknown.
    static bool modeFromName(const QString &name, Mode *mode);

    // The 1-based line and column of index position in input.
    static void locate(const QString &input, int position, int *line, int *column);
    // "<reason> at line L, column C": the form of every located error.
    static QString describe(const QString &reason, int line, int column);
};
