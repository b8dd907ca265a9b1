#pragma once

#include "ConnectionDecoders.h"
#include "StreamDecoder.h"
#include "TrafficEvent.h"

#include <QFile>
#include <QObject>
#include <QTimer>


class Session;

// Writes traffic events as JSON Lines, one object a line, keys in this
// order where they apply: time, session, event, direction, local, peer,
// size, hex, text, message. Text is decoded in the session's encoding with
// one stream decoder per connection and direction, so a character split
// between two reads shows whole in the event that completes it.
// Output is buffered and flushed at least every 100 ms.
class JsonLinesWriter : public QObject
{
    Q_OBJECT
public:
    explicit JsonLinesWriter(QObject *parent = nullptr);
    ~JsonLinesWriter() override;

    // Opens (truncates) the file. False with *error on failure.
    bool open(const QString &path, QString *error = nullptr);
    bool isOpen() const { return m_file.isOpen(); }
    QString path() const { return m_file.fileName(); }
    void close();

    // Logs every event of the session from now on.
    void attach(Session *session);
    void write(const TrafficEvent &event, const QString &encoding);
    void flush();
    quint64 linesWritten() const { return m_lines; }

    // One line (without the newline). `decoder` may be null: the payload is
    // then decoded on its own.
    static QByteArray toJsonLine(const TrafficEvent &event, const QString &encoding,
                                 StreamDecoder *decoder = nullptr);
    static QByteArray jsonString(const QString &s);

private:

    QFile m_file;
    QByteArray m_buffer;
    QTimer m_flushTimer;
    quint64 m_lines = 0;
    ConnectionDecoders m_decoders;
};
