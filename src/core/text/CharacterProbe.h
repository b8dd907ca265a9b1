#pragma once

#include "core/text/CountingDecoder.h"

#include <QByteArrayView>

// What starts at a byte in an encoding: a whole character, an invalid
// sequence, or a tail that more bytes could still complete. Bytes are fed one
// at a time to a stateful decoder until it produces a character or reports an
// error, so the answer comes from the converter itself and is right for any
// encoding Qt/ICU implement. Used where data did not decode cleanly, one
// character at a time (TextCodec's slow path, the hex dump's text column).
class CharacterProbe
{
public:
    enum class Kind { Valid, Invalid, Incomplete };
    struct Char
    {
        Kind kind = Kind::Invalid;
        qsizetype length = 1;          // bytes of the character, the invalid sequence or the tail
        char32_t codePoint = 0xfffd;   // of a valid character
    };

    // encoding: a canonical name (TextCodec::canonicalName).
    CharacterProbe(const char *encoding, int maxCharBytes);

    Char at(QByteArrayView bytes, qsizetype i);

private:
    CountingDecoder m_probe;   // stateful: fed byte by byte
    CountingDecoder m_whole;   // stateless: a failed sequence decoded at once
    int m_maxCharBytes;
};
