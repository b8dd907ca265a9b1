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
#include <memory>

class PythonRules;

// Tells the life of a session's sockets as the classic calls a Python (or C)
// program would make: socket(), setsockopt(), bind(), listen(), accept(),
// recv()/send(), close() — with the session's real addresses, ports and
// bytes. One lane per socket: the session's own (listening, client or UDP)
// and, for a TCP server, one per accepted connection, because accept()
// returns a new socket per client. Follows the session live.
//
// This is the state machine: which socket an event belongs to, which call
// it is, and where each socket stands. NarratorPhrases words the calls in
// Python and C; ScriptPlan and the script writers turn what the narrator saw
// into a program.
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
    // Bytes we sent kept per call for the script; longer sends are cut (and said).
    static constexpr qsizetype kMaxScriptPayload = 4096;
    static constexpr int kNotifyIntervalMs = 100;

    // The socket calls a step can be (NarratorPhrases::callName spells them).
    enum class Call { Socket, SetSockOpt, Bind, Listen, Accept, Connect, Send, Recv, SendTo, RecvFrom, Shutdown, Close };
    Q_ENUM(Call)

    struct Step
    {
        enum class State { NotYet, Done, Current, Failed };
        Call call = Call::Socket;
        State state = State::NotYet;
        QString python;      // the call, e.g. server.bind(('127.0.0.1', 8000))
        QString c;           // the same in C
        QString comment;     // what it gave: addr = (…), b'hello', peer closed, the exception
        QString cComment;
        QString exception;   // Python exception class when the call raised
        QByteArray sent;     // outgoing bytes (≤ kMaxScriptPayload) for the script
        Endpoint peer;       // the other end of a datagram
        qsizetype size = 0;  // bytes moved by a data call
        bool isData = false;
        // Issue 20: not a call but the reply rule that answered the
        // message received just before, as the Python that would do it.
        bool isRule = false;
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

    // The session's own sockets (listening, client or UDP; a new one for
    // each restart) and the accepted ones, in the order they appeared.
    QList<SocketLane> sockets() const { return m_lanes; }
    // Connections accepted, also those whose lanes are gone.
    qsizetype acceptedCount() const { return m_acceptedTotal; }
    // Accepted sockets forgotten because of kMaxAcceptedSockets.
    qsizetype droppedSockets() const { return m_droppedLanes; }
    // The log had already dropped events when this narrator started.
    bool historyIncomplete() const { return m_historyIncomplete; }

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
    void onNoDelayChanged();
    FramingSpec framing() const;
    // Issue 20: after a received message that a reply rule answered.
    void addRuleStep(SocketLane &lane, const TrafficEvent &e);

    SocketLane *ownLane();
    SocketLane &newOwnLane();
    SocketLane *acceptedLane(quint32 connectionId);
    // Null past the lane cap (the connection is counted, not drawn).
    SocketLane *newAcceptedLane(const TrafficEvent &e);
    void addDataStep(SocketLane &lane, Step step);
    static void setStep(SocketLane &lane, Call call, Step::State state);
    static Step *findStep(SocketLane &lane, Call call);
    void closeLane(SocketLane &lane, const TrafficEvent &e);
    static void refreshCurrent(SocketLane &lane);
    void pruneLanes();
    void touch(bool socketsToo = false);
    void flush();

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
    bool m_noDelay = false;   // TCP_NODELAY as the open connections have it (issue 21)
    std::unique_ptr<PythonRules> m_pythonRules;   // the session's rules as Python, made when first needed
};

using SocketLane = SocketNarrator::SocketLane;
