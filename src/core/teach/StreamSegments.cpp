#include "core/teach/StreamSegments.h"

#include "core/log/TrafficLog.h"

#include <QLocale>

#include <algorithm>

StreamSegments::StreamSegments(qsizetype limit)
    : m_limit(qMax<qsizetype>(limit, 1))
{
}

void StreamSegments::collect(const TrafficLog &log, quint32 connectionId, TrafficEvent::Direction direction,
                             qsizetype fromIndex)
{
    for (qsizetype i = qMax<qsizetype>(fromIndex, 0); i < log.size(); ++i) {
        const TrafficEvent e = log.atWithoutPayload(i);
        if (e.kind == TrafficEvent::Kind::Data && e.connectionId == connectionId && e.direction == direction
            && e.session != SessionKind::Udp)
            appendLogged(log, i);
    }
}

void StreamSegments::appendLogged(const TrafficLog &log, qsizetype index)
{
    const qsizetype size = log.payloadSizeAt(index);
    if (size == 0)
        return;
    const qsizetype room = m_limit - m_bytes.size();
    if (room > 0) {
        const QByteArray payload = log.atWithPayloadPrefix(index, room).payload;
        appendChunk(QByteArrayView(payload).first(qMin(room, size)));
        // Only the kept part was copied: count the rest as it arrived.
        if (size > room) {
            m_arrivals.last() = size;
            m_total += size - room;
        }
        return;
    }
    m_arrivals.append(size);
    m_total += size;
}

void StreamSegments::appendChunk(QByteArrayView chunk)
{
    if (chunk.isEmpty())
        return;
    m_arrivals.append(chunk.size());
    m_total += chunk.size();
    const qsizetype room = m_limit - m_bytes.size();
    if (room > 0)
        m_bytes.append(chunk.first(qMin(room, chunk.size())));
}

void StreamSegments::clear()
{
    m_bytes.clear();
    m_total = 0;
    m_arrivals.clear();
}

QString StreamSegments::note() const
{
    if (!isTruncated())
        return QString();
    const QLocale locale;
    return tr("Showing the first %1 of %2; the boundaries are counted over the whole stream")
        .arg(locale.formattedDataSize(m_bytes.size(), 1, QLocale::DataSizeTraditionalFormat),
             locale.formattedDataSize(m_total, 1, QLocale::DataSizeTraditionalFormat));
}

namespace {

// The arrivals, cut or extended to exactly `total` bytes: calls `piece` with
// each size in turn.
template <class Piece>
void forEachPiece(qsizetype total, const QList<qsizetype> &arrivals, Piece piece)
{
    qsizetype sum = 0;
    for (qsizetype a : arrivals) {
        if (a <= 0)
            continue;
        const qsizetype take = qMin(a, total - sum);
        if (take <= 0)
            break;
        piece(take);
        sum += take;
    }
    if (sum < total)
        piece(total - sum);
}

} // namespace

QList<qsizetype> StreamSegments::reads(int readSize, ReaderPace pace) const
{
    return rechunk(m_total, readSize, m_arrivals, pace);
}

QList<qsizetype> StreamSegments::rechunk(qsizetype total, int readSize, const QList<qsizetype> &arrivals,
                                         ReaderPace pace)
{
    QList<qsizetype> out;
    if (total <= 0)
        return out;
    QList<qsizetype> pieces;
    forEachPiece(total, arrivals, [&pieces](qsizetype piece) { pieces.append(piece); });

    if (readSize <= 0)
        return pieces;
    const qsizetype n = readSize;
    if (pace == ReaderPace::Late) {
        out.reserve(total / n + 1);
        for (qsizetype done = 0; done < total; done += qMin(n, total - done))
            out.append(qMin(n, total - done));
        return out;
    }
    for (qsizetype available : pieces) {
        while (available > 0) {
            const qsizetype got = qMin(n, available);
            out.append(got);
            available -= got;
        }
    }
    return out;
}

qsizetype StreamSegments::readCount(qsizetype total, int readSize, const QList<qsizetype> &arrivals,
                                     ReaderPace pace)
{
    if (total <= 0)
        return 0;
    if (readSize > 0 && pace == ReaderPace::Late)
        return (total + readSize - 1) / readSize;
    qsizetype count = 0;
    forEachPiece(total, arrivals, [&count, readSize](qsizetype piece) {
        count += readSize > 0 ? (piece + readSize - 1) / readSize : 1;
    });
    return count;
}

QList<qsizetype> StreamSegments::startOffsets(const QList<qsizetype> &sizes)
{
    QList<qsizetype> starts;
    starts.reserve(sizes.size());
    qsizetype at = 0;
    for (qsizetype s : sizes) {
        starts.append(at);
        at += s;
    }
    return starts;
}

qsizetype StreamSegments::pieceAt(const QList<qsizetype> &starts, const QList<qsizetype> &sizes, qsizetype offset)
{
    if (starts.isEmpty() || offset < 0)
        return -1;
    const auto it = std::upper_bound(starts.cbegin(), starts.cend(), offset);
    const qsizetype i = qsizetype(it - starts.cbegin()) - 1;
    if (i < 0 || i >= sizes.size() || offset >= starts[i] + sizes[i])
        return -1;
    return i;
}

QString StreamSegments::summary(qsizetype sends, qsizetype reads, qsizetype bytes)
{
    // Spelled out rather than "%n read(s)": the English source is shown as is
    // when no translation is loaded.
    const QString readText = reads == 1 ? tr("1 read") : tr("%1 reads").arg(reads);
    if (sends < 0)
        return bytes == 1 ? tr("1 byte arrived as %1").arg(readText)
                          : tr("%1 bytes arrived as %2").arg(bytes).arg(readText);
    return sends == 1 ? tr("1 send arrived as %1").arg(readText)
                      : tr("%1 sends arrived as %2").arg(sends).arg(readText);
}

bool StreamSegments::sameEndpoint(const Endpoint &a, const Endpoint &b)
{
    // 127.0.0.1 and ::ffff:127.0.0.1 are one socket address seen from two stacks.
    return a.port == b.port && a.address.isEqual(b.address, QHostAddress::TolerantConversion);
}

QList<qsizetype> StreamSegments::sendSizesIn(const TrafficLog &log, const Endpoint &ourLocal, const Endpoint &ourPeer)
{
    QList<qsizetype> sizes;
    bool found = false;
    quint32 connection = 0;
    for (qsizetype i = 0; i < log.size(); ++i) {
        const TrafficEvent e = log.atWithoutPayload(i);
        if (e.session == SessionKind::Udp)
            continue;
        if (!sameEndpoint(e.local, ourPeer) || !sameEndpoint(e.peer, ourLocal))
            continue;
        // A new connection on the same pair of endpoints starts over.
        if (e.kind == TrafficEvent::Kind::Connected || (found && e.connectionId != connection))
            sizes.clear();
        found = true;
        connection = e.connectionId;
        if (e.kind == TrafficEvent::Kind::Data && e.direction == TrafficEvent::Direction::Out && log.payloadSizeAt(i) > 0)
            sizes.append(log.payloadSizeAt(i));
    }
    return sizes;
}
