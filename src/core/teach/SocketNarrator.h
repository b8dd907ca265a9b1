#pragma once

#include "core/log/TrafficEvent.h"
#include "core/net/Endpoint.h"
#include "core/net/Session.h"

#include <QList>
#include <QSet>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <map>

// Tells the life of a session's sockets as the classic calls a Python (or C)
// program would make: socket(), setsockopt(), bind(), listen(), accept(),
// recv()/send(), close() — with the session's real addresses, ports and
// bytes. One lane per socket: the session's own (listening, client or UDP)
// and, for a TCP server, one per accepted connection, because accept()
// returns a new socket per client. Follows the session live and can write
// the program behind the session as a Python script (or a C program).
class SocketNarrator : public QObject
{
    Q_OBJECT
public:
    enum class Language { Python, C };
    Q_ENUM(Language)

    // Data calls remembered per socket; later ones are only counted, so a
    // flood of packets cannot grow memory.
    static constexpr qsizetype kMaxDataSteps = 200;
    // Accepted sockets kept; the oldest closed ones go first (and are counted).
    static constexpr qsizetype kMaxAcceptedSockets = 1000;
    static constexpr qsizetype kPreviewBytes = 40;
    // Bytes we sent kept per call for the script; longer sends are cut (and said).
    static constexpr qsizetype kMaxScriptPayload = 4096;
    static constexpr int kNotifyIntervalMs = 100;

    struct Step
    {
        enum class State { NotYet, Done, Current, Failed };
        QString name;        // "socket", "bind", "accept", "recv", "close", …
        State state = State::NotYet;
        QString python;      // the call, e.g. server.bind(('127.0.0.1', 8000))
        QString c;           // the same in C
        QString comment;     // what it gave: addr = (…), b'hello', peer closed, the exception
        QString cComment;
        QString exception;   // Python exception class when the call raised
        TrafficEvent::Reason reason = TrafficEvent::Reason::None;
        QByteArray sent;     // outgoing bytes (≤ kMaxScriptPayload) for the script
        Endpoint peer;       // the other end of a datagram
        qsizetype size = 0;  // bytes moved by a data call
        bool isData = false;

        // The call with its comment: "data = conn.recv(1024)  # b'hello'".
        QString line(Language language) const;
        bool isCall() const { return state != State::NotYet; }
    };

    struct SocketLane
    {
        enum class Role { Listening, Accepted, Client, Udp };
        Role role = Role::Listening;
        quint32 connectionId = 0;   // TrafficEvent::connectionId of an accepted socket
        int attempt = 1;            // 2, 3, … when the session's socket was made again
        int listenAttempt = 0;      // accepted: which listening socket (its attempt)
        Endpoint local;
        Endpoint peer;
        QString variable;           // server, conn, client, sock
        QList<Step> steps;
        qsizetype dataSteps = 0;    // data calls kept in steps
        qsizetype moreDataSteps = 0;  // data calls beyond kMaxDataSteps
        qint64 moreDataBytes = 0;
        bool open = true;

        QString title() const;      // "conn #1 from 127.0.0.1:60925"
        const Step *currentStep() const;
    };

    explicit SocketNarrator(Session *session, QObject *parent = nullptr);
    ~SocketNarrator() override;

    Session *session() const { return m_session; }
    SessionKind sessionKind() const { return m_kind; }

    // The session's own sockets (listening, client or UDP; a new one for
    // each restart) and the accepted ones, in the order they appeared.
    QList<SocketLane> sockets() const { return m_lanes; }
    qsizetype acceptedCount() const { return m_acceptedTotal; }
    // Accepted sockets forgotten because of kMaxAcceptedSockets.
    qsizetype droppedSockets() const { return m_droppedLanes; }
    // The log had already dropped events when this narrator started.
    bool historyIncomplete() const { return m_historyIncomplete; }

    // The program a student would write for what the session does (its
    // settings and what was typed so far), in Python 3 or C; see ScriptPlan.
    QString script(Language language) const;

    // "conn.recv(1024) == b''" style helpers, public for the view and tests.
    static QString pythonAddress(const Endpoint &e);   // ('127.0.0.1', 8000)
    static QString preview(const QByteArray &bytes);    // b'hello' or b'…'…
    static QString cStringLiteral(QByteArrayView bytes);  // "hello\r\n"

signals:
    // Coalesced: at most once per kNotifyIntervalMs.
    void changed();
    // Sockets were added or removed (also coalesced, emitted before changed()).
    void socketsChanged();

private:
    void onEvent(const TrafficEvent &e);
    void onStateChanged();
    void onListening(const TrafficEvent &e);
    void onConnected(const TrafficEvent &e);
    void onData(const TrafficEvent &e);
    void onClosed(const TrafficEvent &e);
    void onError(const TrafficEvent &e);
    void onStopped(const TrafficEvent &e);
    void onFrame(const TrafficEvent &e);
    FramingSpec framing() const;

    SocketLane *ownLane();
    SocketLane &newOwnLane();
    SocketLane *acceptedLane(quint32 connectionId);
    // Null past the lane cap (the connection is counted, not drawn).
    SocketLane *newAcceptedLane(const TrafficEvent &e);
    void addDataStep(SocketLane &lane, Step step);
    void setStep(SocketLane &lane, const QString &name, Step::State state);
    Step *findStep(SocketLane &lane, const QString &name);
    void closeLane(SocketLane &lane, const TrafficEvent &e);
    static void refreshCurrent(SocketLane &lane);
    void pruneLanes();
    void touch(bool socketsToo = false);
    void flush();
    QString clientTargetPython() const;
    Endpoint clientTarget(bool *isName, QString *host) const;

    QPointer<Session> m_session;
    SessionKind m_kind = SessionKind::TcpServer;
    QList<SocketLane> m_lanes;
    qsizetype m_ownIndex = -1;
    std::map<quint32, qsizetype> m_acceptedIndex;
    qsizetype m_acceptedTotal = 0;
    qsizetype m_droppedLanes = 0;
    // Connections accepted while the lanes were full of open sockets.
    QSet<quint32> m_unshown;
    int m_countedAttempt = -1;
    qsizetype m_acceptedThisListen = 0;
    int m_ownAttempts = 0;
    bool m_historyIncomplete = false;
    bool m_pendingSockets = false;
    QTimer m_notify;
};

using SocketLane = SocketNarrator::SocketLane;
