#include "core/text/StreamDecoder.h"

#include "core/text/TextCodec.h"

StreamDecoder::StreamDecoder(const QString &encoding)
    : m_encoding(TextCodec::canonicalName(encoding))
{
    m_valid = !m_encoding.isEmpty();
    if (!m_valid)
        m_encoding = encoding;
}

bool StreamDecoder::isValid() const
{
    return m_valid;
}

QString StreamDecoder::feed(QByteArrayView chunk)
{
    if (!m_valid || chunk.isEmpty())
        return {};
    // Only the held-back tail (shorter than one character) is copied; the
    // common case of nothing held decodes the caller's bytes in place.
    QByteArray joined;
    QByteArrayView bytes = chunk;
    if (!m_pending.isEmpty()) {
        joined.reserve(m_pending.size() + chunk.size());
        joined.append(m_pending).append(chunk);
        bytes = joined;
    }
    qsizetype consumed = 0;
    TextCodec::Decoded decoded = TextCodec::decodePartial(bytes, m_encoding, &consumed);
    m_invalidCount += decoded.invalidOffsets.size();
    m_pending = bytes.sliced(consumed).toByteArray();
    return decoded.text;
}

QString StreamDecoder::finish()
{
    if (!m_valid || m_pending.isEmpty())
        return {};
    const TextCodec::Decoded decoded = TextCodec::decode(m_pending, m_encoding);
    m_invalidCount += decoded.invalidOffsets.size();
    m_pending.clear();
    return decoded.text;
}

qsizetype StreamDecoder::invalidCount() const
{
    return m_invalidCount;
}

void StreamDecoder::reset()
{
    m_pending.clear();
    m_invalidCount = 0;
}
