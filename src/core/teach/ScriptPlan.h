#pragma once

#include "core/commands/Checksum.h"
#include "core/framing/FramingSpec.h"
#include "core/net/Endpoint.h"
#include "core/reply/AutoReply.h"
#include "core/reply/ReplyRule.h"
#include "core/teach/SocketNarrator.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

// What the program behind a tab does, as a student would write it: the
// input of the Python and C script writers. Read from the session's settings
// (reply, greeting, framing, addresses) and from what the narrator saw (what
// the user typed and sent, how many clients came); built by hand in tests.
struct ScriptPlan
{
    Q_DECLARE_TR_FUNCTIONS(ScriptPlan)
public:
    enum class Role { TcpServer, TcpClient, UdpServer, UdpClient };

    // How long a script waits for the next client, message or reply before
    // it ends on its own: a server waits for someone to start a client by
    // hand, a client only for answers that are on their way.
    static constexpr int kServerTimeoutSeconds = 60;
    static constexpr int kClientTimeoutSeconds = 3;
    // Receive buffer of the C programs (and the largest message they take).
    static constexpr int kBufferBytes = 65536;

    Role role = Role::TcpServer;
    // Servers: the address to bind. Clients: an explicit bind the user chose
    // (null: none, the OS picks the port when connecting or sending).
    Endpoint local;
    // Clients, and a UDP server that also sends: where to, as typed (an
    // address or a name) and the port; targetAddress is the address it gave
    // (null when a name was never resolved).
    QString targetHost;
    quint16 targetPort = 0;
    QHostAddress targetAddress;
    int backlog = 4096;

    AutoReply::Mode reply = AutoReply::Mode::None;
    // The template cut at {data}, escapes applied and encoded; one part is a
    // fixed reply.
    QList<QByteArray> templateParts;
    QString httpCharset = QStringLiteral("utf-8");
    QByteArray greeting;
    FramingSpec framing;
    bool frameOutgoing = false;

    // Clients: what the user sent, in order. Servers: what the user typed
    // into the server tab, one after each message received.
    QList<QByteArray> messages;
    // Servers: typed before the first message came; sent right after accept().
    QList<QByteArray> opening;
    // Sends the narrator no longer remembers (only counted).
    qsizetype messagesNotKept = 0;
    qint64 bytesNotKept = 0;
    bool messageCut = false;     // a long send kept only its first bytes
    bool halfClose = false;      // client: shutdown(SHUT_WR) after sending
    // Servers: clients (TCP) or datagrams (UDP) to serve before ending.
    int serveCount = 1;
    QStringList notes;           // said at the top (history missing, …)

    // --- Reply rules (issue 20) ---------------------------------------------
    // The tab's rules when they are not one of the old modes (reply is None
    // then): the program answers by them. Their encoding, and the tab's
    // checksum, which a reply gets unless its rule has its own.
    QList<ReplyRule> rules;
    QString rulesEncoding = QStringLiteral("UTF-8");
    std::optional<Checksum> checksum;
    // --- Socket options (issue 21): exactly the setsockopt() calls the tab makes.
    bool reuseAddress = true;   // TCP server: SO_REUSEADDR before bind()
    bool noDelay = false;       // TCP: TCP_NODELAY on the connection (a server's: on each accepted one)

    // The program answers on its own (a mode or rules): its sends are computed.
    bool answers() const { return reply != AutoReply::Mode::None || !rules.isEmpty(); }

    static ScriptPlan from(const SocketNarrator &narrator);
    // The program, in Python 3 (PythonScriptWriter) or C (CScriptWriter).
    QString script(SocketNarrator::Language language) const;

    bool isServer() const { return role == Role::TcpServer || role == Role::UdpServer; }
    bool isUdp() const { return role == Role::UdpServer || role == Role::UdpClient; }
    bool isIPv6() const;
    // Received messages are cut by the framing (TCP only).
    bool framedReceive() const { return !isUdp() && framing.kind != FramingSpec::Kind::None; }
    // What the program sends gets the framing's header or delimiter: typed
    // messages when the tab frames what it sends, and a server's echo of a
    // frame always (the bytes that came in, header and all).
    bool framedSend() const;
    // The target as a numeric address string, or an empty string for a name.
    QString targetNumeric() const;
    // One line saying what the program is: "Echo server on 127.0.0.1:8000".
    QString title() const;
};
