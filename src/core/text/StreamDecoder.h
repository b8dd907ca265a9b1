#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

// One per connection and direction: keeps the state of a multibyte character
// that was cut between two reads, so "你" split as e4|bd a0 (UTF-8) or c4|e3
// (GBK) still decodes to one character when the second read arrives.
//
// It holds the undecoded tail itself instead of keeping a stateful
// QStringDecoder: Qt 6.4's stateful UTF-8 decoder drops the byte after an
// incomplete sequence cut between two calls, and an ICU-backed decoder must
// never be moved. This class is therefore freely copyable and movable.
class StreamDecoder
{
public:
    explicit StreamDecoder(const QString &encoding = QStringLiteral("UTF-8"));

    bool isValid() const;
    // The canonical name ("utf8" given -> "UTF-8"), or the name as given when
    // it is not supported.
    QString encoding() const { return m_encoding; }

    // Text decoded from this chunk plus any character completed by it;
    // bytes of an incomplete trailing character are held back. Invalid
    // sequences become U+FFFD. Returns nothing when !isValid().
    QString feed(QByteArrayView chunk);
    // Ends the stream: a held-back incomplete character becomes U+FFFD.
    // The decoder can be fed again afterwards, as a new stream.
    QString finish();
    // Number of invalid sequences met so far.
    qsizetype invalidCount() const;
    // Bytes held back as the start of a character not yet complete.
    qsizetype pendingBytes() const { return m_pending.size(); }
    void reset();

private:
    QString m_encoding;
    bool m_valid = false;
    QByteArray m_pending;
    qsizetype m_invalidCount = 0;
};
