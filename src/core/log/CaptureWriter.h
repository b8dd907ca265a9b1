#pragma once

#include <QByteArray>
#include <QFile>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QTimer>

#include <list>
#include <map>
#include <memory>

class Session;
struct TrafficEvent;

// Writes everything one session receives and sends to disk, so nothing is
// lost when the in-memory log drops old events to stay within its budget.
// start(DIR) makes a new folder for the session inside DIR:
//
//   DIR/tcp-server-1/events.jsonl                       every event, JSON Lines
//   DIR/tcp-server-1/conn-3-127.0.0.1_53422.in.bin      bytes received on connection #3
//   DIR/tcp-server-1/conn-3-127.0.0.1_53422.out.bin     bytes sent on it
//   DIR/udp-2/peer-1-127.0.0.1_9000.in.bin              datagrams from one peer, back to back
//
// (a second capture of the same session gets tcp-server-1.2, and so on).
// events.jsonl has the keys of the JSON Lines log, except that data events
// carry no hex or text: "file" and "offset" say where their "size" bytes are
// in the raw file, so datagram and read boundaries stay known. Frame events
// carry their size only (their bytes are in the raw file already).
//
// File names are made of our own numbers and the peer's address, never of
// bytes a peer sent. Memory stays constant whatever the traffic: payloads go
// straight to buffered files (flushed every 100 ms and on close), a
// connection's files are closed when it closes, and at most kMaxOpenFiles
// raw files are open at once (the least recently used is closed and later
// reopened for appending). A write error stops the capture: failed() says
// why, and the session carries on.
class CaptureWriter : public QObject
{
    Q_OBJECT
public:
    static constexpr int kMaxOpenFiles = 64;
    static constexpr int kFlushIntervalMs = 100;

    struct Stats
    {
        quint64 bytesWritten = 0;   // payload bytes in raw files
        quint64 eventsWritten = 0;  // lines in events.jsonl
        quint64 filesCreated = 0;   // raw files
        int filesOpen = 0;          // raw files open now
    };

    // Captures `session` (which must outlive the capture or stop it first).
    explicit CaptureWriter(Session *session, QObject *parent = nullptr);
    ~CaptureWriter() override;

    Session *session() const { return m_session; }

    // Creates DIR if needed and a new folder for the session in it, then
    // writes every event from now on. False with *error when DIR is not a
    // writable folder; nothing is captured then.
    bool start(const QString &dir, QString *error = nullptr);
    // Flushes and closes every file. Does nothing when not capturing.
    void stop();
    bool isCapturing() const { return m_capturing; }

    QString directory() const { return m_directory; }   // DIR as given to start()
    QString folder() const { return m_folder; }         // the session's folder in it
    Stats stats() const;
    // Why the capture stopped on its own (a write error); empty otherwise.
    QString errorString() const { return m_error; }

    // Whether DIR can hold a capture: created with its parents when missing,
    // then it must be a folder we can create files in. False with *error
    // (one line, naming the path) otherwise.
    static bool checkDirectory(const QString &dir, QString *error);

signals:
    void started(const QString &folder);
    // After stop() and after a failure.
    void stopped();
    // A write error stopped the capture; `message` names the file and the OS reason.
    void failed(const QString &message);

private:
    // One direction of one connection (TCP) or peer (UDP).
    struct Stream
    {
        QFile file;
        QByteArray jsonPrefix;   // ,"session":…,"event":"data",… up to "size":
        QByteArray jsonFile;     // ,"file":"…","offset":
        qint64 size = 0;         // bytes in the file = offset of the next payload
        bool created = false;    // exists on disk: reopen for appending
        bool dirty = false;      // written since the last flush
        std::list<Stream *>::iterator lru;
    };
    struct Connection
    {
        QString baseName;        // conn-3-127.0.0.1_53422
        Stream in;
        Stream out;
    };

    void onEvent(const TrafficEvent &event);
    void writeData(const TrafficEvent &event);
    void writeFrame(const TrafficEvent &event);
    void writeLine(const QByteArray &line);
    Connection *connectionFor(const TrafficEvent &event);
    void prepareStream(Stream &s, const TrafficEvent &event, const Connection &c, bool in);
    bool openStream(Stream &s);
    bool closeStream(Stream &s);
    // False when a flush failed and stopped the capture.
    bool closeAllStreams();
    void flush();
    void fail(const QString &message);
    void shutDown();

    QPointer<Session> m_session;
    QString m_directory;
    QString m_folder;
    QString m_error;
    bool m_capturing = false;
    QFile m_events;
    QByteArray m_line;       // reused for every data line: no allocation per event
    std::map<quint32, std::unique_ptr<Connection>> m_connections;
    std::list<Stream *> m_open;   // open raw files, least recently used first
    QTimer m_flushTimer;
    QMetaObject::Connection m_eventConnection;
    Stats m_stats;
};
