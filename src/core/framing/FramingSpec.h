#pragma once

#include <QByteArray>
#include <QString>
#include <QtGlobal>

// How a TCP byte stream is cut into messages (lessons 8 and 9: TCP has no
// message boundaries; a header or a delimiter puts them back).
//
// Command-line syntax, parse() and toString() (case-insensitive in, canonical
// lower case out):
//   none                       no framing: every read is one "message"
//   line                       frames end with "\n"
//   crlf                       frames end with "\r\n"
//   delim:HEX                  frames end with these bytes, e.g. delim:00
//   length:W[:be|le][:incl]    a W-byte (1, 2, 4 or 8) unsigned length before
//                              each payload, big-endian unless le; incl when
//                              the length counts the header too.
//                              length:4    = struct.pack('!I', n)
//                              length:4:le = struct.pack('<I', n) (and 'i' on x86)
//                              length:2    = struct.pack('>H', n)
//   fixed:N                    every frame is exactly N bytes (N >= 1)
//
// maxFrameBytes bounds a frame's payload (what the receiver would have to
// hold); it is not part of the text syntax.
class FramingSpec
{
public:
    enum class Kind { None, Delimiter, LengthPrefix, FixedSize };
    enum class Endian { Big, Little };

    static constexpr qint64 DefaultMaxFrameBytes = 16 * 1024 * 1024;
    // Far above any frame a workbench shows; keeps size arithmetic far from
    // overflow.
    static constexpr qint64 MaxFrameBytesLimit = qint64(1) << 30;

    Kind kind = Kind::None;
    QByteArray delimiter;              // Delimiter
    int lengthWidth = 4;               // LengthPrefix: 1, 2, 4 or 8
    Endian endian = Endian::Big;       // LengthPrefix; always Big for width 1
    bool lengthIncludesHeader = false; // LengthPrefix
    qint64 fixedSize = 0;              // FixedSize, >= 1
    qint64 maxFrameBytes = DefaultMaxFrameBytes;

    static FramingSpec none();
    static FramingSpec line();
    static FramingSpec crlf();
    static FramingSpec delimited(const QByteArray &delimiter);
    static FramingSpec lengthPrefix(int width, Endian endian = Endian::Big,
                                    bool includesHeader = false);
    static FramingSpec fixed(qint64 size);

    // The spec from its command-line text; on error a default (None) spec
    // and a one-line message naming what is wrong. maxFrameBytes is set on
    // the result and bounds fixed:N.
    static FramingSpec parse(const QString &text, QString *error,
                             qint64 maxFrameBytes = DefaultMaxFrameBytes);
    // The canonical text parse() reads back to an equal spec (maxFrameBytes
    // aside): "line", "crlf", "delim:00", "length:4", "length:2:le:incl".
    QString toString() const;
    // Words for the UI, e.g. "4-byte big-endian length prefix
    // (struct.pack('!I', n))".
    QString describe() const;
    // Empty when the fields make sense together (a spec built by hand can
    // hold a width of 3 or an empty delimiter); otherwise why not.
    QString validate() const;
    bool isValid() const { return validate().isEmpty(); }

    // The Python struct format of a length prefix: '!I' (network order, 4
    // bytes), '<H' (little-endian, 2 bytes), 'B' (1 byte); empty for other kinds.
    QString structFormat() const;

    // Bytes of header (LengthPrefix) or trailer (Delimiter) around a payload.
    qsizetype overheadBytes() const;

    friend bool operator==(const FramingSpec &, const FramingSpec &) = default;
};
