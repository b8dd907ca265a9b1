#pragma once

#include "core/log/ConnectionDecoders.h"
#include "core/log/TrafficEvent.h"
#include "core/text/StreamDecoder.h"

#include <QObject>

#include <memory>


class Session;

// Writes traffic events as JSON Lines, one object a line, keys in this
// order where they apply: time, session, event, direction, local, peer,
// size, hex, text, message, checksum. Text is decoded in the session's encoding with
// one stream decoder per connection and direction, so a character split
// between two reads shows whole in the event that completes it.
//
// Formatting (hex, decoding) and writing happen on a worker thread: a flood
// of random bytes costs the writer seconds, and the window must not wait
// for it. write() only queues the event (its payload is shared, not
// copied). The queue is bounded: past backlogLimit() bytes of queued
// payload the writer reports backlogged(true) and whoever feeds it (the
// Workbench) holds the sessions' reads, so the peers wait in TCP's flow
// control instead of the writer dropping lines; when the worker is back
// under a quarter of the limit it reports backlogged(false). Output is
// buffered and written when 1 MiB is ready or its oldest line is 100 ms old.
class JsonLinesWriter : public QObject
{
    Q_OBJECT
public:
    static constexpr qint64 kDefaultBacklogLimit = 32 << 20;
    static constexpr qsizetype kWriteThreshold = 1 << 20;
    static constexpr int kWriteIntervalMs = 100;

    explicit JsonLinesWriter(QObject *parent = nullptr);
    ~JsonLinesWriter() override;

    // Opens (truncates) the file. False with *error on failure.
    bool open(const QString &path, QString *error = nullptr);
    bool isOpen() const { return m_open; }
    QString path() const { return m_path; }
    // Writes everything queued, then closes the file.
    void close();

    // Logs every event of the session from now on.
    void attach(Session *session);
    // Queues one event (nothing when not open).
    void write(const TrafficEvent &event, const QString &encoding);
    // Returns when everything queued so far is formatted and written.
    void flush();
    // Lines queued since open().
    quint64 linesWritten() const { return m_lines; }

    // Queued payload bytes past which backlogged(true) is reported.
    qint64 backlogLimit() const { return m_backlogLimit; }
    void setBacklogLimit(qint64 bytes);
    bool isBacklogged() const;
    // Payload bytes queued and not yet formatted, now and at most since open().
    qint64 queuedBytes() const;
    qint64 peakQueuedBytes() const;
    // write() calls made on the file, and the most bytes the worker held
    // formatted before writing them, since open() (0 when closed).
    quint64 fileWrites() const;
    qint64 peakBufferedBytes() const;
    // A write to the file failed (disk full...): the first error, naming
    // the file; empty otherwise (kept after close()). Later lines are dropped.
    QString errorString() const;

    // One line (without the newline). `decoder` may be null: the payload is
    // then decoded on its own.
    static QByteArray toJsonLine(const TrafficEvent &event, const QString &encoding,
                                 StreamDecoder *decoder = nullptr);
    static QByteArray jsonString(const QString &s);

signals:
    void backlogged(bool on);
    // The first write error (see errorString()).
    void failed(const QString &message);

private:
    struct Worker;
    void onWorkerProgress();

    std::unique_ptr<Worker> m_worker;
    QString m_path;
    bool m_open = false;
    bool m_failureReported = false;
    qint64 m_backlogLimit = kDefaultBacklogLimit;
    quint64 m_lines = 0;
    QString m_error;
};
