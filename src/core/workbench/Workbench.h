#pragma once

#include "core/net/SessionSettings.h"
#include "core/workbench/CommandLine.h"

#include <QByteArray>
#include <QList>
#include <QObject>

#include <cstdio>
#include <map>

class CaptureWriter;
class LibraryStore;
class JsonLinesWriter;
class Session;
class TcpClientSession;
class TcpServerSession;
class UdpSession;
struct TrafficEvent;

// All sessions of one program run, and the things they share: the JSON
// Lines log, the captures to disk and the echo of events on standard output.
// The window shows what is here; the command line fills it without one.
class Workbench : public QObject
{
    Q_OBJECT
public:
    explicit Workbench(QObject *parent = nullptr);
    ~Workbench() override;

    // A new session with these settings, announced (sessionAdded) once they
    // are in place, so a window shows them from its first paint.
    TcpServerSession *addTcpServer(const SessionSettings &settings = {});
    TcpClientSession *addTcpClient(const SessionSettings &settings = {});
    UdpSession *addUdp(const SessionSettings &settings = {});
    Session *addSession(SessionKind kind, const SessionSettings &settings = {});
    // What the command line's options mean for a session of `kind`.
    static SessionSettings settingsFromOptions(const CommandLine::Options &options, SessionKind kind);
    void removeSession(Session *session);
    QList<Session *> sessions() const { return m_sessions; }

    // Starts writing every session's events to `path`. While the writer is
    // behind (JsonLinesWriter::backlogged) every session's reads are held,
    // so peers wait instead of lines being lost; logHeld() says so.
    bool openLog(const QString &path, QString *error);
    JsonLinesWriter *logWriter() const { return m_writer; }
    bool logHeld() const;

    // Writes everything `session` receives and sends into a new folder in
    // `dir` (see CaptureWriter) until stopCapture() or the session goes.
    // Null with *error when `dir` cannot hold it.
    CaptureWriter *startCapture(Session *session, const QString &dir, QString *error);
    void stopCapture(Session *session);
    // The session's capture while one runs, or after a write error stopped
    // it (for its errorString()); null otherwise.
    CaptureWriter *captureOf(Session *session) const;

    // The memory budget of every session's traffic log, those opened later
    // included (0 = the log's own default).
    void setLogBudget(qint64 bytes);
    qint64 logBudget() const { return m_logBudget; }

    // Print events on standard output (or `out`): lifecycle events always,
    // data too when verbose. Lines of one event-loop pass go out together,
    // in one write at the end of the pass (or each 64 KiB): one write and
    // one wake-up of the reader per line cost more than the event itself
    // when thousands of clients come and go.
    void setPrintEvents(bool on, bool verbose, FILE *out = stdout);
    // Writes the printed lines not written yet, now (before other output
    // that must follow them, and before quitting).
    void flushPrinted();
    static constexpr qsizetype kPrintFlushBytes = 64 * 1024;

    // Creates, configures and starts the sessions the options name.
    // False with *error when a start-up step fails before any traffic.
    bool applyOptions(const CommandLine::Options &options, QString *error);

    // The payload library every tab shares: empty and unsaved until opened
    // (main() opens PayloadLibrary::defaultPath()).
    LibraryStore *library() const { return m_library; }

signals:
    void sessionAdded(Session *session);
    void sessionRemoved(Session *session);
    // A capture started or stopped (also when a write error stopped it).
    void captureChanged(Session *session);
    // A write error stopped the session's capture; `message` says which file and why.
    void captureFailed(Session *session, const QString &message);
    // Reads were held (the log file is behind) or released.
    void logHeldChanged(bool held);
    // Writing the JSON Lines log failed; `message` names the file and why.
    void logFailed(const QString &message);

private:
    // Attaches the log file to a session, and its state events (TCP).
    void logTo(Session *session);
    void adopt(Session *session);
    // --send once, or as --repeat / --interval say through the session's
    // repeater (the one its page shows); failures are said on standard error.
    static void sendFromCommandLine(Session *session, const Template &message, const CommandLine::Options &options);
    void print(const TrafficEvent &event);
    // Queues a finished line for the end of the pass (see setPrintEvents).
    void printLine(const QByteArray &line);

    QList<Session *> m_sessions;
    JsonLinesWriter *m_writer = nullptr;
    std::map<Session *, CaptureWriter *> m_captures;
    qint64 m_logBudget = 0;
    bool m_print = false;
    bool m_verbose = false;
    FILE *m_out = stdout;
    QByteArray m_printed;
    bool m_printFlushScheduled = false;
    LibraryStore *m_library;
};
