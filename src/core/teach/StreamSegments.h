#pragma once

#include "core/log/TrafficEvent.h"
#include "core/net/Endpoint.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QList>
#include <QString>

class TrafficLog;

// One direction of one TCP connection as the byte stream it really is: the
// payloads of its data events (each event is one read the session did)
// joined end to end, with the sizes of those reads kept as boundaries. Only
// the first `limit` bytes are kept (the total is still counted), so a long
// transfer costs a bounded amount of memory. Also carries the send sizes of
// the other end when that end is known (a tab of this app), and simulates
// what a program calling recv(N) would have got: the sticky-packet lesson.
class StreamSegments
{
    Q_DECLARE_TR_FUNCTIONS(StreamSegments)
public:
    static constexpr qsizetype kDefaultLimit = 4 * 1024 * 1024;

    // When the simulated program calls recv().
    enum class ReaderPace {
        // After everything has arrived (busy or slow reader, or sends that
        // follow each other quickly): reads ignore how the bytes arrived.
        Late,
        // Already blocked in recv() when each arrival comes: it drains every
        // arrival before the next one lands, so reads never span two arrivals.
        Eager
    };

    explicit StreamSegments(qsizetype limit = kDefaultLimit);

    // Collects the data events of `connectionId` going in `direction` from a
    // log (from `fromIndex` on), appending them to this stream.
    void collect(const TrafficLog &log, quint32 connectionId, TrafficEvent::Direction direction,
                 qsizetype fromIndex = 0);
    // One read (or one send, for the sent direction).
    void appendChunk(QByteArrayView chunk);
    // The payload of the log's event `index`, copied out of the log only
    // while the limit leaves room for it (the log builds events on demand).
    void appendLogged(const TrafficLog &log, qsizetype index);
    void clear();

    qsizetype limit() const { return m_limit; }
    // The stream's first limit() bytes.
    const QByteArray &bytes() const { return m_bytes; }
    // All bytes seen, including those past the limit.
    qsizetype totalBytes() const { return m_total; }
    bool isTruncated() const { return m_total > m_bytes.size(); }
    // Size of each chunk as it was logged (sum == totalBytes()).
    const QList<qsizetype> &arrivals() const { return m_arrivals; }
    // "Showing the first 4 MiB of 9.5 MiB", or empty when nothing was cut.
    QString note() const;

    // Send sizes of the other end (empty when unknown).
    const QList<qsizetype> &sendSizes() const { return m_sendSizes; }
    void setSendSizes(const QList<qsizetype> &sizes) { m_sendSizes = sizes; }

    // The reads a program calling recv(readSize) in a loop gets (readSize
    // <= 0: the reads as logged).
    QList<qsizetype> reads(int readSize, ReaderPace pace = ReaderPace::Late) const;

    // What recv(readSize) called repeatedly returns over `total` bytes that
    // arrived in pieces of `arrivals` (bytes beyond their sum count as one
    // last arrival; arrivals beyond `total` are cut). Every recv returns
    // min(readSize, bytes available).
    static QList<qsizetype> rechunk(qsizetype total, int readSize, const QList<qsizetype> &arrivals,
                                    ReaderPace pace = ReaderPace::Late);
    // How many reads rechunk() would return, without building the list
    // (recv(1) over a long stream would be a long list).
    static qsizetype readCount(qsizetype total, int readSize, const QList<qsizetype> &arrivals,
                               ReaderPace pace = ReaderPace::Late);
    // Start offset of each piece: {6,6,6} -> {0,6,12}.
    static QList<qsizetype> startOffsets(const QList<qsizetype> &sizes);
    // Index of the piece holding `offset`, or -1 past the end.
    static qsizetype pieceAt(const QList<qsizetype> &starts, const QList<qsizetype> &sizes, qsizetype offset);
    // "3 sends arrived as 1 read" (sends < 0: "5 reads of 18 bytes").
    static QString summary(qsizetype sends, qsizetype reads, qsizetype bytes);

    // The out-data sizes, in order, of the connection in `log` whose local
    // and peer endpoints mirror ours (its local is our peer and the other
    // way round). The last such connection wins when the pair was reused.
    static QList<qsizetype> sendSizesIn(const TrafficLog &log, const Endpoint &ourLocal, const Endpoint &ourPeer);
    static bool sameEndpoint(const Endpoint &a, const Endpoint &b);

private:
    qsizetype m_limit;
    QByteArray m_bytes;
    qsizetype m_total = 0;
    QList<qsizetype> m_arrivals;
    QList<qsizetype> m_sendSizes;
};
