#pragma once

#include "core/framing/FramingSpec.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>

// Cuts one direction of one connection's byte stream into messages, however
// TCP split or merged the reads (lesson 8), by the rule of a FramingSpec
// (lesson 9). Feed it every read in order; it returns the frames completed.
//
//  Delimiter:    frames exclude the delimiter; "a\n\nb\n" is "a", "", "b".
//  LengthPrefix: frames are the payload, header stripped; length 0 is an
//                empty frame.
//  FixedSize:    frames of exactly N bytes.
//  None:         every non-empty read is a frame, as it arrived.
//
// A peer cannot make it allocate more than about maxFrameBytes: a declared
// length over the maximum (or, with incl, below the header size), or more
// than maxFrameBytes without a delimiter, is an error. The error is reported
// by the feed that found it; then the framer ignores bytes until reset(),
// since after a bad header nothing says where the next frame begins.
// An invalid spec (validate() not empty) puts the framer in that error state
// from the start; the first feed reports it.
class Framer
{
public:
    struct Output
    {
        QList<QByteArray> frames; // complete frames, in stream order
        QString error;            // set once, by the feed that broke the stream
        bool ok() const { return error.isEmpty(); }
    };

    explicit Framer(const FramingSpec &spec);

    const FramingSpec &spec() const { return m_spec; }

    Output feed(QByteArrayView chunk);
    // Bytes received for the frame not complete yet, its header included.
    qsizetype pendingBytes() const;
    // Memory held for the incomplete frame (buffer capacity), for checking
    // that no peer-declared length is allocated up front.
    qsizetype retainedBytes() const { return m_buffer.capacity(); }
    bool hasError() const { return !m_error.isEmpty(); }
    QString errorString() const { return m_error; }
    // Drops the incomplete frame and any error: the stream starts afresh.
    void reset();

    // payload with its header or delimiter, ready to send; an empty array
    // and *error set when the receiver could not cut it back out (payload
    // too long for the width or the maximum, wrong size for fixed:N, the
    // delimiter inside the payload).
    static QByteArray encode(const FramingSpec &spec, const QByteArray &payload, QString *error);

private:
    void feedDelimited(QByteArrayView chunk, Output &out);
    void feedLengthPrefixed(QByteArrayView chunk, Output &out);
    void feedFixed(QByteArrayView chunk, Output &out);
    void fail(Output &out, const QString &message);
    QByteArray takeBuffer();

    FramingSpec m_spec;
    // The incomplete frame. Delimiter: bytes since the last delimiter, never
    // containing one. LengthPrefix: the header while it is incomplete, then
    // the payload so far.
    QByteArray m_buffer;
    qint64 m_payloadLength = -1; // LengthPrefix: known once the header is in
    QString m_error;
    bool m_errorReported = false;
};
