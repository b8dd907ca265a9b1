#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

#include <vector>

// Which character every byte of a payload belongs to in an encoding, as the
// hex dump's text column shows it: the character starting at the byte, the
// rest of a multibyte character, or part of an invalid sequence (the same
// sequences TextCodec::decode reports). Worked out lazily in segments, so
// the first lines of a 1 MiB payload are ready at once.
class CharacterMap
{
public:
    // Characters are worked out this many bytes at a time.
    static constexpr qsizetype kSegmentBytes = 4096;
    // Drawn for the rest of a multibyte character (and for a lone surrogate).
    static constexpr char16_t kPlaceholder = u'\u00b7';

    // One byte, packed: the dump keeps one for every byte of the payload.
    class Cell
    {
    public:
        constexpr Cell() = default;
        constexpr Cell(char32_t codePoint, bool continuation, bool invalid)
            : m_bits((codePoint & kCodePointMask) | (continuation ? kContinuation : 0u) | (invalid ? kInvalid : 0u)) {}
        // Of the character starting here (U+FFFD in an invalid sequence).
        constexpr char32_t codePoint() const { return m_bits & kCodePointMask; }
        // The byte continues the character (or invalid sequence) before it.
        constexpr bool isContinuation() const { return m_bits & kContinuation; }
        constexpr bool isInvalid() const { return m_bits & kInvalid; }

    private:
        static constexpr quint32 kCodePointMask = 0x1fffff;
        static constexpr quint32 kContinuation = 1u << 24;
        static constexpr quint32 kInvalid = 1u << 25;
        quint32 m_bits = 0;
    };

    // encoding: a canonical name (TextCodec::canonicalName).
    void reset(const QByteArray &bytes, const QString &encoding);

    qsizetype size() const { return m_bytes.size(); }
    // Bytes worked out so far, from the start (always a character boundary).
    qsizetype computedEnd() const { return m_computedEnd; }
    bool isComplete() const { return m_computedEnd >= m_bytes.size(); }
    // Works out the next segment.
    void computeSegment();
    void ensureComputed(qsizetype end);

    // The cell of a byte below computedEnd().
    Cell cellAt(qsizetype offset) const { return m_cells[size_t(offset)]; }
    // Where an invalid sequence starts, in the part worked out so far.
    const QList<qsizetype> &invalidOffsets() const { return m_invalidOffsets; }
    // The first byte of the character holding offset, and how many bytes it has.
    qsizetype charStart(qsizetype offset);
    qsizetype charLength(qsizetype start);

    // What the text column shows for a cell: the character; a dot for a
    // control character, as classic dumps do (the Unicode control pictures
    // are missing from most fonts); the placeholder for the rest of a
    // character and for a lone surrogate.
    static QString glyph(Cell cell);
    // Drawn dimmed: the placeholders, control characters and lone surrogates.
    static bool isDim(Cell cell);

private:
    QByteArray m_bytes;
    QString m_encoding;
    std::vector<Cell> m_cells;
    qsizetype m_computedEnd = 0;
    QList<qsizetype> m_invalidOffsets;
};
