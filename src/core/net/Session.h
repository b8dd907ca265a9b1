#pragma once

#include "core/commands/Template.h"
#include "core/framing/FramingSpec.h"
#include "core/log/TrafficEvent.h"
#include "core/net/ConnectionInfo.h"
#include "core/net/ReadGates.h"
#include "core/net/RepeatSender.h"
#include "core/net/SendResult.h"
#include "core/net/SessionCounters.h"
#include "core/net/SessionSettings.h"
#include "core/reply/AutoReply.h"
#include "core/reply/ReplyRules.h"
#include "core/reply/RuleResponder.h"

#include <QAbstractSocket>
#include <QObject>

#include <functional>
#include <map>
#include <memory>
#include <vector>

class Framer;
class KernelStateLog;
class TrafficLog;

// Base of the TCP server, TCP client and UDP sessions: owns the log, the
// encoding and the auto-reply, and turns everything that happens into
// TrafficEvents through record(), the one place where an event is counted,
// framed, logged and announced (eventOccurred).
class Session : public QObject
{
    Q_OBJECT
public:
    enum class State { Idle, Starting, Running, Stopping };
    Q_ENUM(State)

    ~Session() override;

    SessionKind kind() const { return m_kind; }
    quint32 id() const { return m_id; }
    State state() const { return m_state; }
    bool isRunning() const { return m_state == State::Running; }
    TrafficLog *log() const { return m_log; }
    SessionCounters counters() const { return m_counters; }
    // Changes whenever what connections() returns may have changed (each
    // traffic event, each connectionsChanged, a close begun): the clients
    // table skips its periodic refresh while it stays the same.
    quint64 connectionsSerial() const { return m_connectionsSerial; }

    // The session's timed repeat: one per session, the send panel's and the
    // command line's (--repeat) alike, so the page shows a repeat however it
    // was started and its Stop button stops it. Made on first use.
    RepeatSender *repeater();
    // The `state` events of a TCP session's sockets (the kernel's view,
    // sampled while watched); null for UDP. Made on first use.
    KernelStateLog *stateLog();

    // What the session does (endpoints, options, auto-reply, framing,
    // encoding, limits): one value, changed only through setSettings() (the
    // setters below are shorthands for it). Each change emits
    // settingsChanged() once; the page's form shows it.
    const SessionSettings &settings() const { return m_settings; }
    void setSettings(const SessionSettings &settings);

    QString encoding() const { return m_settings.encoding; }
    // False (and unchanged) when the encoding is unknown.
    bool setEncoding(const QString &name);

    // The old one-mode auto-reply, as the rules say it: echo, http or a
    // template when settings().rules are exactly that ready-made rule
    // (ReplyRules::replySpecOf), else none. For the teaching scripts and
    // shortcuts; what is answered is always the rules.
    AutoReply autoReply() const { return m_autoReply; }
    // The first rule problem, empty when every rule can be armed.
    QString autoReplyError() const { return m_autoReplyError; }
    // Sets settings().rules to ReplyRules::fromReplySpec(reply.spec()).
    void setAutoReply(const AutoReply &reply);
    void setAutoReplySpec(const QString &spec);

    // --- Reply rules (issue 20) ----------------------------------------------
    // settings().rules compiled in the encoding: which are armed, each one's
    // problem (ReplyRules::problem, errors()).
    const ReplyRules &replyRules() const { return *m_replyRules; }
    // Unsent replies of one connection past which it is not read (see
    // repliesBacklogged()).
    static constexpr qint64 kReplyBacklogBytes = 1 << 20;
    // Sets settings().rules (the one path, setSettings).
    void setRules(const QList<ReplyRule> &rules);
    // How many times each rule fired, by index; a rule that changed or moved
    // starts again from zero, resetCounters() zeroes them all.
    QList<quint64> ruleFireCounts() const { return m_ruleFireCounts; }
    // Received messages no rule matched, while rules were armed.
    quint64 unmatchedMessages() const { return m_unmatchedMessages; }

    // How received TCP streams are cut into messages (frame events), and
    // whether what the user sends gets the prefix or delimiter added.
    FramingSpec framing() const { return m_settings.framing; }
    void setFraming(const FramingSpec &spec);
    bool frameOutgoing() const { return m_settings.frameOutgoing; }
    void setFrameOutgoing(bool on);
    // What send() puts on the wire for `payload`: the checksum appended (when
    // settings().checksum is set), then framed (when frameOutgoing() is on);
    // empty with *error when it cannot be.
    QByteArray wireBytes(const QByteArray &payload, QString *error) const { return framedForSending(payload, error); }

    // Starting reports failures as error events too; returns false on them.
    virtual bool start() = 0;
    virtual void stop() = 0;
    // Sends to the session's default destination (all clients, the server,
    // the UDP target). An empty payload is refused: nothing is sent.
    virtual SendResult send(const QByteArray &payload) = 0;

    // Connections (TCP) or senders (UDP) this session knows now.
    virtual QList<ConnectionInfo> connections() const = 0;
    // How many connections() there are, without building the list: a server
    // may hold thousands, and the statistics ask every second.
    virtual int connectionCount() const { return int(connections().size()); }

    // --- Dynamic fields and counters (issue 19) ------------------------------
    // What a message of this session is expanded with (Template::expand):
    // `received` as {data}, and the session's {counter}: how many messages it
    // already sent with one, so the send box, its repeat and the command
    // line count 1, 2, 3… together.
    Template::Context templateContext(const QByteArray &received = QByteArray()) const;
    // Called after a message whose template usesCounter() went out.
    void countTemplateMessage();
    // One message of `message` to the default destination (send()): expanded
    // with templateContext(), counted when it went out.
    SendResult sendMessage(const Template &message);
    // The bytes and messages each way back to zero, for the session and each
    // of its connections (UDP peers), as the statistics and the peer table
    // show them; {counter} starts at its first value again too. Connections
    // opened and errors are left as they are.
    void resetCounters();

    // Reading paused: while a JSON Lines log file is behind, no session
    // reads. TCP bytes wait in the socket (its window closes, the sender
    // slows down: nothing is lost); datagrams wait in the kernel's queue,
    // which counts what overflows it as drops. Releasing reads what waits.
    void setReadsHeld(bool held);
    bool readsHeld() const { return m_readsHeld; }

    // --- Pause reading (issue 21) --------------------------------------------
    // The user's pause of one TCP connection (ConnectionInfo::id; a client
    // tab's one connection): recv() is no longer called on it, so what the
    // peer sends waits in our receive queue, the window we advertise closes
    // and the peer's send() blocks. Resuming reads what waited. Logged (a
    // note event); gone with the connection. False, and nothing changes,
    // for a connection that is not open (or a UDP session).
    bool setReadingPaused(quint32 connectionId, bool paused);
    bool isReadingPaused(quint32 connectionId) const { return m_readGates.isPaused(connectionId); }

signals:
    // Every event, once it is counted and logged. What a listener asks of
    // the session from here (start, stop, send, close a connection) is done
    // once the announcement is over, on the next event-loop pass: see
    // deferredWhileAnnouncing().
    void eventOccurred(const TrafficEvent &event);
    void stateChanged(Session::State state);
    void connectionsChanged();
    // settings() changed (by any path: the form, a lesson, the command line,
    // restored settings, or the session itself, e.g. the port the OS chose).
    void settingsChanged();
    // ruleFireCounts() or unmatchedMessages() changed; coalesced: at most
    // every kRuleCountsIntervalMs during a flood, never once per message.
    void ruleFireCountsChanged();
    // setReadingPaused() changed a connection's pause, or a paused
    // connection closed (paused false).
    void readingPausedChanged(quint32 connectionId, bool paused);

protected:
    Session(SessionKind kind, QObject *parent);

    // Changes a copy of the settings with `edit` and applies it.
    template <class Edit>
    void changeSettings(Edit &&edit)
    {
        SessionSettings s = m_settings;
        edit(s);
        setSettings(s);
    }
    // Called by setSettings() after the value changed, before
    // settingsChanged(): a subclass applies what concerns it now (replies of
    // connections already open, reply limits, …).
    virtual void settingsApplied(const SessionSettings &old) { Q_UNUSED(old); }

    void setState(State s);
    // For a change to connections() that neither records an event nor
    // emits connectionsChanged.
    void touchConnections() { ++m_connectionsSerial; }
    // The one path of every event: stamps time, session and id; counts it
    // for the session and, given the connection (or UDP peer) it belongs
    // to, for that connection too (its first connect or data event starts
    // it: since, and the session's count of connections); appends it to
    // the log; announces it (eventOccurred). Then received stream bytes go
    // through the connection's framer (frame events, recorded the same
    // way), and a close that ends a connection ends its framer.
    void record(TrafficEvent event, ConnectionInfo *connection = nullptr);
    // record(), for an event that happened at timeUs (TrafficEvent::nowUs's
    // clock), not now: a send made on another thread, logged when taken.
    void recordAt(TrafficEvent event, ConnectionInfo *connection, qint64 timeUs);
    // How this session's repeater may make the timed sends of a fixed
    // payload off the event loop (RepeatSender::Offload); none by default.
    virtual std::optional<RepeatSender::Offload> timedSendOffload(const QByteArray &payload);
    // Ends sends being made off the event loop (logging them) before the
    // socket or the settings they were made with change.
    void bringRepeatBack();
    TrafficEvent makeEvent(TrafficEvent::Kind kind, quint32 connectionId = 0) const;
    // For the requests a listener of eventOccurred may make (start, stop,
    // send, close a connection): while an event is being announced, the
    // request is kept (true) and runs after the announcement, on the next
    // event-loop pass, in the order asked; otherwise false, and the caller
    // goes on at once. So no listener closes, replaces or writes to a
    // socket under the code that recorded the event, which never has to
    // look whether it still can.
    template <class Request>
    bool deferredWhileAnnouncing(Request &&request)
    {
        if (m_announcing == 0)
            return false;
        m_deferred.emplace_back(std::forward<Request>(request));
        if (m_deferred.size() == 1)
            QMetaObject::invokeMethod(this, &Session::runDeferred, Qt::QueuedConnection);
        return true;
    }
    static QString emptyPayloadError();
    // Why a bind() or listen() failed, as a close/error reason.
    static TrafficEvent::Reason bindFailureReason(QAbstractSocket::SocketError error);
    // Everything the socket has buffered (Qt's block itself when it holds one).
    static QByteArray readAvailable(QIODevice *socket);
    // How much Qt reads from a TCP socket per event-loop pass. Bounded so
    // that the kernel's copy lands in a block that is freed and reused hot
    // after the log has copied it into its chunks (unbounded, a flood is
    // read in fresh multi-megabyte blocks, each a round of page faults).
    static constexpr qint64 kReadBufferBytes = 128 * 1024;
    // What goes on the wire for a payload the user sends: the checksum
    // appended, then framed when frameOutgoing() is on (datagrams are never
    // framed). Empty with *error when it cannot be.
    // ownChecksum (a reply rule's) replaces the tab's.
    QByteArray framedForSending(const QByteArray &payload, QString *error,
                                const std::optional<Checksum> &ownChecksum = std::nullopt) const;

    // resetCounters(): the bytes and messages of every connection back to zero.
    virtual void resetConnectionCounters() {}
    static void resetTraffic(ConnectionInfo &info);
    // --- Reply rules: the engine (issue 20) ----------------------------------
    // record() matches every received message (a data event, or each frame
    // when framing cuts the stream, a datagram) against the rules with the
    // connection's own RuleResponder, marks the event (TrafficEvent::rule)
    // before it is logged, and keeps the replies. The subclass takes them
    // once it has read and recorded: the ones due now, each as it goes on
    // the wire (the rule's checksum or the tab's, then framing), in order;
    // delayed ones are kept on timers the session owns and come back through
    // deliverDelayedReply() for a connection that is still the same one.
    struct RuleAnswer
    {
        QList<QByteArray> wires;
        bool closeAfter = false;   // close once wires went out
    };
    RuleAnswer takeRuleAnswer(ConnectionInfo *connection);
    // Flow control for answers: while the rules answer and a connection's
    // replies not yet written pass kReplyBacklogBytes (a peer that sends
    // and never reads), nothing more is read from it, so its sends wait in
    // TCP's windows instead of its replies piling up in memory; reading goes
    // on once they drain (the socket's bytesWritten reads on).
    bool repliesBacklogged(const QAbstractSocket *socket) const;
    // A delayed reply is due. The subclass sends it as it sends the replies
    // due at once (UDP: through the reply limits) and closes after it when
    // closeAfter. Never called for a connection that has closed since.
    virtual void deliverDelayedReply(quint32 connectionId, const QByteArray &wire, bool closeAfter)
    {
        Q_UNUSED(connectionId);
        Q_UNUSED(wire);
        Q_UNUSED(closeAfter);
    }
    // The connection's rule state ({counter}, HTTP readers, delayed
    // replies) is dropped: it closed, or a UDP sender was forgotten.
    void forgetRuleState(quint32 connectionId);

    // Reads what waited while reads were held (called after release).
    virtual void resumeReads() {}
    // The one read gate of a stream connection: may it be read now? Not
    // while reads are held (readsHeld), its replies are backlogged
    // (repliesBacklogged) or the user paused its reading.
    bool mayRead(quint32 connectionId, const QAbstractSocket *socket) const
    {
        return !m_readsHeld && !repliesBacklogged(socket) && !m_readGates.isPaused(connectionId);
    }
    // Reads the connection's socket with read() whenever it holds bytes and
    // mayRead() lets it: on readyRead, on bytesWritten (replies drained),
    // when its reading resumes. Until its close is recorded.
    // *info (the connection's, alive as long as it) shows the pause.
    void gateReads(quint32 connectionId, QAbstractSocket *socket, ConnectionInfo *info, std::function<void()> read);
    // read() of the connection's gate, if it holds bytes and mayRead().
    void readGated(quint32 connectionId);

private:
    void count(const TrafficEvent &event, ConnectionInfo *connection);
    // Feeds received stream bytes (the data event just recorded) to the
    // connection's framer and records each complete frame as a frame event.
    void recordFrames(const TrafficEvent &dataEvent, ConnectionInfo *connection);
    void runDeferred();
    // The frame event of a checksum-verified frame (see recordFrames).
    void markChecksum(TrafficEvent &frame) const;

    SessionCounters m_counters;
    quint64 m_templateMessages = 0;   // messages sent with {counter}
    SessionKind m_kind;
    quint32 m_id;
    State m_state = State::Idle;
    quint64 m_connectionsSerial = 0;
    TrafficLog *m_log;
    RepeatSender *m_repeater = nullptr;
    KernelStateLog *m_stateLog = nullptr;
    friend class KernelStateLog;   // records the state events
    SessionSettings m_settings;
    AutoReply m_autoReply;           // made from m_settings.rules and .encoding
    QString m_autoReplyError;
    // --- Reply rules (issue 20) ---
    static constexpr int kRuleCountsIntervalMs = 100;
    void applyRules(const SessionSettings &old);
    void matchRules(TrafficEvent &event, ConnectionInfo *connection);
    void noteRuleFired();
    void scheduleRuleReply(quint32 id, quint64 serial, int delayMs, const QByteArray &wire, bool closeAfter);
    struct ConnectionRules
    {
        std::unique_ptr<RuleResponder> responder;
        quint64 serial = 0;              // which responder a delayed reply belongs to
        QList<RuleResponder::Output> pending;   // taken by takeRuleAnswer()
    };
    std::shared_ptr<const ReplyRules> m_replyRules = std::make_shared<const ReplyRules>();
    std::map<quint32, ConnectionRules> m_ruleStates;
    quint64 m_nextResponderSerial = 0;
    QList<quint64> m_ruleFireCounts;
    quint64 m_unmatchedMessages = 0;
    QList<bool> m_ruleLimitReported;     // a match-limit error is said once per rule
    bool m_ruleCountsPosted = false;
    static constexpr int kMaxDelayedReplies = 10000;
    int m_delayedReplies = 0;            // timers of delayed replies running
    bool m_delayedDropSaid = false;
    bool m_readsHeld = false;
    ReadGates m_readGates;   // issue 21: each TCP connection's reads and pause
    std::map<quint32, std::unique_ptr<Framer>> m_framers;
    int m_announcing = 0;  // eventOccurred is being emitted (nested: more than 1)
    std::vector<std::function<void()>> m_deferred;
};
