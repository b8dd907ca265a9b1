#include "core/framing/Framer.h"

#include <QCoreApplication>

#include <utility>

using namespace Qt::StringLiterals;

namespace {

quint64 decodeLength(QByteArrayView header, FramingSpec::Endian endian)
{
    quint64 value = 0;
    const qsizetype width = header.size();
    for (qsizetype i = 0; i < width; ++i) {
        const qsizetype at = endian == FramingSpec::Endian::Big ? i : width - 1 - i;
        value = (value << 8) | quint8(header.at(at));
    }
    return value;
}

QByteArray encodeLength(quint64 value, int width, FramingSpec::Endian endian)
{
    QByteArray header(width, '\0');
    for (int i = 0; i < width; ++i) {
        const int at = endian == FramingSpec::Endian::Big ? width - 1 - i : i;
        header[at] = char(value & 0xff);
        value >>= 8;
    }
    return header;
}

QString hexBytes(QByteArrayView bytes)
{
    return QString::fromLatin1(bytes.toByteArray().toHex(' '));
}

// The largest payload a header of this width can announce.
quint64 widthLimit(const FramingSpec &spec)
{
    const quint64 field = spec.lengthWidth >= 8 ? ~quint64(0) : (quint64(1) << (8 * spec.lengthWidth)) - 1;
    return spec.lengthIncludesHeader ? field - quint64(spec.lengthWidth) : field;
}

// When a header announces too much but read in the other byte order would
// fit, the sender most likely wrote it in that order: a student's
// struct.pack('i', n) is the machine's order, little-endian on x86, while
// length:4 expects network order. Says so, with the spec that reads it;
// empty when the other order does not fit either.
QString byteOrderHint(QByteArrayView header, const FramingSpec &spec)
{
    if (spec.lengthWidth < 2)
        return {};
    FramingSpec other = spec;
    other.endian = spec.endian == FramingSpec::Endian::Big ? FramingSpec::Endian::Little : FramingSpec::Endian::Big;
    const quint64 swapped = decodeLength(header, other.endian);
    const quint64 width = quint64(spec.lengthWidth);
    if (spec.lengthIncludesHeader && swapped < width)
        return {};
    const quint64 payload = spec.lengthIncludesHeader ? swapped - width : swapped;
    if (payload > quint64(spec.maxFrameBytes))
        return {};
    if (other.endian == FramingSpec::Endian::Little) {
        const QString native = spec.lengthWidth == 2 ? u"h"_s : spec.lengthWidth == 4 ? u"i"_s : u"q"_s;
        return QCoreApplication::translate("Framer", "it looks like a little-endian length (%1): the sender may use "
                                                     "struct.pack('%2', n) (native order on x86); choose %3")
            .arg(swapped).arg(native, other.toString());
    }
    return QCoreApplication::translate("Framer", "it looks like a big-endian length (%1): the sender may use "
                                                 "struct.pack('%2', n) (network byte order); choose %3")
        .arg(swapped).arg(other.structFormat(), other.toString());
}

} // namespace

Framer::Framer(const FramingSpec &spec)
    : m_spec(spec)
{
    reset();
}

void Framer::reset()
{
    m_buffer = QByteArray();
    m_payloadLength = -1;
    m_error = m_spec.validate();
    m_errorReported = false;
}

qsizetype Framer::pendingBytes() const
{
    if (m_spec.kind == FramingSpec::Kind::LengthPrefix && m_payloadLength >= 0)
        return m_spec.lengthWidth + m_buffer.size();
    return m_buffer.size();
}

Framer::Output Framer::feed(QByteArrayView chunk)
{
    Output out;
    if (!m_error.isEmpty()) {
        if (!m_errorReported) {
            out.error = m_error;
            m_errorReported = true;
        }
        return out;
    }
    if (chunk.isEmpty())
        return out;
    switch (m_spec.kind) {
    case FramingSpec::Kind::None:
        out.frames.append(chunk.toByteArray());
        break;
    case FramingSpec::Kind::Delimiter:
        feedDelimited(chunk, out);
        break;
    case FramingSpec::Kind::LengthPrefix:
        feedLengthPrefixed(chunk, out);
        break;
    case FramingSpec::Kind::FixedSize:
        feedFixed(chunk, out);
        break;
    }
    return out;
}

void Framer::fail(Output &out, const QString &message)
{
    m_buffer = QByteArray();
    m_payloadLength = -1;
    m_error = message;
    m_errorReported = true;
    out.error = message;
}

QByteArray Framer::takeBuffer()
{
    return std::exchange(m_buffer, QByteArray());
}

// Every byte is searched once: the buffer never holds a delimiter, so a new
// read only needs the few bytes where a delimiter could straddle the old
// buffer and the read, then the read itself. Searches stop a maximum frame
// past the frame's start, which is also what bounds the buffer.
void Framer::feedDelimited(QByteArrayView chunk, Output &out)
{
    const QByteArrayView delimiter = m_spec.delimiter;
    const qsizetype d = delimiter.size();
    const qint64 max = m_spec.maxFrameBytes;
    const auto tooLong = [&] {
        fail(out, QCoreApplication::translate("Framer", "No delimiter %1 within the maximum frame size of %2 bytes")
                      .arg(hexBytes(delimiter)).arg(max));
    };

    qsizetype pos = 0;
    if (!m_buffer.isEmpty()) {
        bool completed = false;
        if (d > 1) {
            // A delimiter that begins in the buffer's last d-1 bytes.
            const qsizetype tailLength = qMin(d - 1, m_buffer.size());
            QByteArray bridge = m_buffer.last(tailLength);
            bridge.append(chunk.first(qMin(d - 1, chunk.size())));
            const qsizetype at = bridge.indexOf(delimiter);
            if (at >= 0) {
                const qsizetype frameLength = m_buffer.size() - tailLength + at;
                if (frameLength > max)
                    return tooLong();
                m_buffer.truncate(frameLength);
                out.frames.append(takeBuffer());
                pos = at + d - tailLength;
                completed = true;
            }
        }
        if (!completed) {
            const qsizetype window = qMin<qint64>(chunk.size(), max - m_buffer.size() + d);
            const qsizetype at = chunk.first(window).indexOf(delimiter);
            if (at < 0) {
                if (window < chunk.size() || m_buffer.size() + chunk.size() > max + d - 1)
                    return tooLong();
                m_buffer.append(chunk);
                return;
            }
            m_buffer.append(chunk.first(at));
            out.frames.append(takeBuffer());
            pos = at + d;
        }
    }

    while (pos < chunk.size()) {
        const QByteArrayView rest = chunk.sliced(pos);
        const qsizetype window = qMin<qint64>(rest.size(), max + d);
        const qsizetype at = rest.first(window).indexOf(delimiter);
        if (at < 0) {
            if (rest.size() > max + d - 1)
                return tooLong();
            m_buffer = rest.toByteArray();
            return;
        }
        out.frames.append(rest.first(at).toByteArray());
        pos += at + d;
    }
}

void Framer::feedLengthPrefixed(QByteArrayView chunk, Output &out)
{
    const int width = m_spec.lengthWidth;
    qsizetype pos = 0;
    while (pos < chunk.size()) {
        if (m_payloadLength < 0) {
            QByteArrayView header;
            if (m_buffer.isEmpty() && chunk.size() - pos >= width) {
                header = chunk.sliced(pos, width);
                pos += width;
            } else {
                const qsizetype take = qMin<qsizetype>(width - m_buffer.size(), chunk.size() - pos);
                m_buffer.append(chunk.sliced(pos, take));
                pos += take;
                if (m_buffer.size() < width)
                    return;
                header = m_buffer;
            }
            const quint64 length = decodeLength(header, m_spec.endian);
            if (m_spec.lengthIncludesHeader && length < quint64(width)) {
                return fail(out, QCoreApplication::translate(
                                     "Framer", "Length prefix %1 (%2) is smaller than the %3-byte header it includes")
                                     .arg(hexBytes(header)).arg(length).arg(width));
            }
            const quint64 payload = m_spec.lengthIncludesHeader ? length - quint64(width) : length;
            if (payload > quint64(m_spec.maxFrameBytes)) {
                QString message = QCoreApplication::translate(
                                      "Framer", "Length prefix %1 announces %2 bytes, more than the maximum frame size of %3 bytes")
                                      .arg(hexBytes(header)).arg(payload).arg(m_spec.maxFrameBytes);
                const QString hint = byteOrderHint(header, m_spec);
                if (!hint.isEmpty())
                    message += u"; "_s + hint;
                return fail(out, message);
            }
            m_payloadLength = qint64(payload);
            // Only the bytes that actually arrive are stored: a peer that
            // announces a big frame and stops costs nothing up front.
            m_buffer = QByteArray();
        }

        const qsizetype available = chunk.size() - pos;
        if (m_buffer.isEmpty() && available >= m_payloadLength) {
            out.frames.append(chunk.sliced(pos, m_payloadLength).toByteArray());
            pos += m_payloadLength;
            m_payloadLength = -1;
            continue;
        }
        const qsizetype take = qMin<qint64>(m_payloadLength - m_buffer.size(), available);
        m_buffer.append(chunk.sliced(pos, take));
        pos += take;
        if (m_buffer.size() == m_payloadLength) {
            out.frames.append(takeBuffer());
            m_payloadLength = -1;
        }
    }
}

void Framer::feedFixed(QByteArrayView chunk, Output &out)
{
    const qsizetype size = m_spec.fixedSize;
    qsizetype pos = 0;
    if (!m_buffer.isEmpty()) {
        const qsizetype take = qMin(size - m_buffer.size(), chunk.size());
        m_buffer.append(chunk.first(take));
        pos = take;
        if (m_buffer.size() < size)
            return;
        out.frames.append(takeBuffer());
    }
    while (chunk.size() - pos >= size) {
        out.frames.append(chunk.sliced(pos, size).toByteArray());
        pos += size;
    }
    if (pos < chunk.size())
        m_buffer = chunk.sliced(pos).toByteArray();
}

QByteArray Framer::encode(const FramingSpec &spec, const QByteArray &payload, QString *error)
{
    const auto failed = [error](const QString &message) {
        if (error)
            *error = message;
        return QByteArray();
    };
    if (error)
        error->clear();
    const QString invalid = spec.validate();
    if (!invalid.isEmpty())
        return failed(invalid);

    const qsizetype size = payload.size();
    const auto overMaximum = [&] {
        return failed(QCoreApplication::translate("Framer", "A payload of %1 bytes exceeds the maximum frame size of %2 bytes")
                          .arg(size).arg(spec.maxFrameBytes));
    };

    switch (spec.kind) {
    case FramingSpec::Kind::None:
        return payload;
    case FramingSpec::Kind::Delimiter: {
        if (size > spec.maxFrameBytes)
            return overMaximum();
        // Searched with the delimiter appended: a payload ending in part of
        // the delimiter ("a\n" before "\n\n") would also be cut early.
        const QByteArray framed = payload + spec.delimiter;
        const qsizetype at = framed.indexOf(spec.delimiter);
        if (at != size) {
            return failed(QCoreApplication::translate(
                              "Framer", "The delimiter %1 occurs in the payload at byte %2; the receiver would cut the message there")
                              .arg(hexBytes(spec.delimiter)).arg(at));
        }
        return framed;
    }
    case FramingSpec::Kind::LengthPrefix: {
        const quint64 limit = widthLimit(spec);
        if (quint64(size) > limit) {
            return failed(QCoreApplication::translate(
                              "Framer", "A payload of %1 bytes does not fit the length prefix %2 (at most %3 bytes)")
                              .arg(size).arg(spec.toString()).arg(limit));
        }
        if (size > spec.maxFrameBytes)
            return overMaximum();
        const quint64 length = quint64(size) + (spec.lengthIncludesHeader ? quint64(spec.lengthWidth) : 0);
        return encodeLength(length, spec.lengthWidth, spec.endian) + payload;
    }
    case FramingSpec::Kind::FixedSize:
        if (size != spec.fixedSize) {
            return failed(QCoreApplication::translate("Framer", "Frames of %1 are exactly %2 bytes; this payload is %3 bytes")
                              .arg(spec.toString()).arg(spec.fixedSize).arg(size));
        }
        return payload;
    }
    return failed(QCoreApplication::translate("Framer", "Unknown framing kind"));
}
