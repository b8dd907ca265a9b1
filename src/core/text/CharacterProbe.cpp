#include "core/text/CharacterProbe.h"

#include <array>

CharacterProbe::CharacterProbe(const char *encoding, int maxCharBytes)
    : m_probe(encoding, QStringConverter::Flag::ConvertInitialBom)
    , m_whole(encoding, QStringConverter::Flag::Stateless | QStringConverter::Flag::ConvertInitialBom)
    , m_maxCharBytes(maxCharBytes)
{
}

CharacterProbe::Char CharacterProbe::at(QByteArrayView bytes, qsizetype i)
{
    std::array<QChar, 32> buffer;
    const qsizetype available = bytes.size() - i;
    Char result;
    for (qsizetype length = 1;; ++length) {
        if (length > m_maxCharBytes)
            break;  // no output and no error: treat the first byte as bad
        if (length > available) {
            result = {Kind::Incomplete, available};
            break;
        }
        const qsizetype before = m_probe.invalidCount();
        QChar *end = m_probe.appendToBuffer(buffer.data(), bytes.sliced(i + length - 1, 1));
        if (m_probe.invalidCount() != before) {
            // How much the converter itself takes as the bad sequence: an
            // unmapped but well-formed pair (Shift_JIS 85 40) is one bad
            // character; a lead byte followed by a byte that cannot trail it
            // (GBK 81 7f) is a bad lead byte, and the next byte is read again.
            if (length > 1) {
                m_whole.resetState();
                const qsizetype wholeBefore = m_whole.invalidCount();
                QChar *wholeEnd = m_whole.appendToBuffer(buffer.data(), bytes.sliced(i, length));
                if (wholeEnd - buffer.data() == 1 && m_whole.invalidCount() != wholeBefore)
                    result.length = length;
            }
            break;
        }
        if (end != buffer.data()) {
            result.kind = Kind::Valid;
            result.length = length;
            const QChar first = buffer[0];
            if (first.isHighSurrogate() && end - buffer.data() >= 2 && buffer[1].isLowSurrogate())
                result.codePoint = QChar::surrogateToUcs4(first, buffer[1]);
            else
                result.codePoint = first.unicode();
            break;
        }
    }
    m_probe.resetState();
    return result;
}
