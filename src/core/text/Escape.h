#pragma once

#include <QByteArrayView>
#include <QString>

// Bytes and text written with backslash escapes, in every style the program
// shows or writes them. One place, so that a style gives the same output
// wherever it is used: the traffic table, the exports, the send panel, the
// narrator's Python and C, the written scripts.
class Escape
{
public:
    // Raw bytes, whatever the encoding.
    enum class ByteStyle {
        // b'GET /\r\n' — a Python bytes literal: \t \n \r \\ \' named,
        // printable ASCII as is, \xHH otherwise; never \0, which Python
        // would merge with a following digit into an octal escape.
        PythonBytes,
        // "GET /\r\n" — a C string literal: \t \n \r \\ \" \? named (\? so
        // no "??" becomes a trigraph), printable ASCII as is, \xHH otherwise
        // (never \0: octal escapes are greedy too). C's \x takes every hex
        // digit that follows it, so a hex digit right after a \xHH starts a
        // new literal: "\x01" "a".
        CString,
        // GET /\r\n — what PayloadParser's text mode (the send panel, the
        // greeting field) reads back as the same bytes in any encoding that
        // writes ASCII as ASCII: \r \n \t \0 \\ named, printable ASCII
        // (quotes too) as is, \xHH otherwise.
        SendPanel,
    };

    // Decoded text.
    enum class TextStyle {
        // One line of a table cell: \r \n \t \0 named and \xHH for the other
        // control characters (isControl); backslashes stay single, so a
        // preview of JSON or of a path reads as it is.
        VisibleControls,
        // One line of a plain-text file: \r \n \t named, \xHH for the other
        // control characters (NUL too), and a backslash doubled, so the line
        // reads back without doubt.
        EscapedControls,
        // Text the send panel's text mode turns back into the same text:
        // \\ \r \t \0 named, line breaks kept. A null string when the text
        // holds any other C0 control or DEL: only \xHH could say it, and that
        // is a raw byte, not the same character in every encoding.
        SendPanelLines,
    };

    static QString bytes(QByteArrayView bytes, ByteStyle style);
    // The text itself (not copied) when nothing in it needs an escape.
    static QString text(QString text, TextStyle style);

    // C0 controls, DEL and C1 controls: the code points a one-line view
    // escapes or dims, because fonts draw them as nothing or as boxes.
    static constexpr bool isControl(char32_t c) { return c < 0x20 || (c >= 0x7f && c < 0xa0); }
};
