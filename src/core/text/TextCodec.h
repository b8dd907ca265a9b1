#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>
#include <QStringList>

// Named text encodings (through QStringDecoder/QStringEncoder, which use ICU
// on Debian's Qt for GBK, GB18030, Big5, Shift_JIS, EUC-KR, windows-1252 …),
// plus the hex rendering of bytes (escaped renderings are Escape's).
// The log keeps raw bytes; everything here is a rendering of them.
class TextCodec
{
public:
    // Encodings offered to the user, canonical names, most used first.
    static QStringList encodings();
    // True when the name (case-insensitive, aliases such as "utf8", "latin1",
    // "gb2312", "sjis", "cp1252" accepted) can both decode and encode.
    static bool isSupported(const QString &name);
    // The canonical spelling of a supported name ("utf8" -> "UTF-8"),
    // or an empty string when it is not supported.
    static QString canonicalName(const QString &name);

    struct Decoded
    {
        QString text;                     // invalid sequences become U+FFFD
        QList<qsizetype> invalidOffsets;  // byte offsets where an invalid sequence starts
        QString error;                    // set only when the encoding is unknown
        bool hasErrors() const { return !invalidOffsets.isEmpty(); }
    };
    // Decodes a complete buffer (a trailing incomplete sequence is invalid).
    // Each invalid sequence becomes one U+FFFD; a leading BOM is kept as U+FEFF
    // because the workbench shows what was sent, not what a reader would skip.
    static Decoded decode(QByteArrayView bytes, const QString &encoding);
    // Like decode(), but a trailing sequence that more bytes could still
    // complete is left undecoded; *consumed tells how many bytes were decoded
    // (offsets are relative to the start of bytes). StreamDecoder builds on it.
    static Decoded decodePartial(QByteArrayView bytes, const QString &encoding, qsizetype *consumed);
    // Longest byte sequence of one character in the encoding (0 if unknown).
    static int maxCharBytes(const QString &encoding);

    struct Encoded
    {
        QByteArray bytes;
        qsizetype firstUnmappable = -1;   // index in the QString of the first character the encoding cannot represent
        QString error;                    // empty when ok
        bool ok() const { return error.isEmpty(); }
    };
    static Encoded encode(const QString &text, const QString &encoding);

    // "48 65 6c" (separator '\0' gives "48656c").
    static QString toHex(QByteArrayView bytes, char separator = ' ');
};
