#include "core/text/CharacterMap.h"

#include "core/text/CharacterProbe.h"
#include "core/text/Escape.h"
#include "core/text/TextCodec.h"

using namespace Qt::StringLiterals;

namespace {

bool isSurrogate(char32_t c)
{
    return c >= 0xd800 && c < 0xe000;
}

} // namespace

void CharacterMap::reset(const QByteArray &bytes, const QString &encoding)
{
    m_bytes = bytes;
    m_encoding = encoding;
    m_cells.assign(size_t(bytes.size()), Cell());
    m_computedEnd = 0;
    m_invalidOffsets.clear();
}

// TextCodec decides which bytes are invalid (over segments that end on a
// character boundary, so the result equals one decode of the whole
// payload); the probe only finds where each character starts and what it
// is, which TextCodec does not report.
void CharacterMap::computeSegment()
{
    const qsizetype n = m_bytes.size();
    const qsizetype start = m_computedEnd;
    if (start >= n)
        return;
    const qsizetype length = qMin(kSegmentBytes, n - start);
    const bool last = start + length == n;
    const QByteArrayView segment(m_bytes.constData() + start, length);
    qsizetype consumed = length;
    TextCodec::Decoded decoded = last ? TextCodec::decode(segment, m_encoding)
                                      : TextCodec::decodePartial(segment, m_encoding, &consumed);
    if (consumed <= 0) {
        decoded = TextCodec::decode(segment, m_encoding);
        consumed = length;
    }
    const qsizetype end = start + consumed;

    const QByteArrayView bytes(m_bytes.constData(), end);
    const bool asciiCompatible = !m_encoding.startsWith(u"UTF-16"_s);
    CharacterProbe probe(m_encoding.toLatin1().constData(), qMax(1, TextCodec::maxCharBytes(m_encoding)));

    qsizetype nextInvalid = 0;
    qsizetype i = start;
    while (i < end) {
        const uchar b = uchar(bytes[i]);
        while (nextInvalid < decoded.invalidOffsets.size() && start + decoded.invalidOffsets[nextInvalid] < i)
            ++nextInvalid;
        const bool invalidHere = nextInvalid < decoded.invalidOffsets.size()
                && start + decoded.invalidOffsets[nextInvalid] == i;
        if (!invalidHere && asciiCompatible && b < 0x80) {
            m_cells[size_t(i)] = Cell(b, false, false);
            ++i;
            continue;
        }
        const CharacterProbe::Char at = probe.at(bytes, i);
        const qsizetype len = qBound<qsizetype>(1, at.length, end - i);
        if (invalidHere) {
            m_invalidOffsets.append(i);
            ++nextInvalid;
        }
        const bool valid = at.kind == CharacterProbe::Kind::Valid;
        m_cells[size_t(i)] = Cell(invalidHere || !valid ? 0xfffd : at.codePoint, false, invalidHere);
        for (qsizetype k = 1; k < len; ++k)
            m_cells[size_t(i + k)] = Cell(0, true, invalidHere);
        i += len;
    }
    m_computedEnd = end;
}

void CharacterMap::ensureComputed(qsizetype end)
{
    end = qMin(end, m_bytes.size());
    while (m_computedEnd < end)
        computeSegment();
}

qsizetype CharacterMap::charStart(qsizetype offset)
{
    ensureComputed(offset + 1);
    while (offset > 0 && cellAt(offset).isContinuation())
        --offset;
    return offset;
}

qsizetype CharacterMap::charLength(qsizetype start)
{
    qsizetype end = start + 1;
    ensureComputed(qMin(m_bytes.size(), start + 8));
    while (end < m_computedEnd && cellAt(end).isContinuation())
        ++end;
    return end - start;
}

QString CharacterMap::glyph(Cell cell)
{
    if (cell.isContinuation())
        return QString(QChar(kPlaceholder));
    const char32_t cp = cell.codePoint();
    if (Escape::isControl(cp))
        return u"."_s;
    if (isSurrogate(cp))
        return QString(QChar(kPlaceholder));
    return QString::fromUcs4(&cp, 1);
}

bool CharacterMap::isDim(Cell cell)
{
    if (cell.isContinuation())
        return true;
    const char32_t cp = cell.codePoint();
    return !cell.isInvalid() && (Escape::isControl(cp) || isSurrogate(cp));
}
