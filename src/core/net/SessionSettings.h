#pragma once

#include "core/commands/PayloadEntry.h"
#include "core/commands/QuickSendButton.h"
#include "core/commands/Checksum.h"
#include "core/framing/FramingSpec.h"
#include "core/log/TrafficEvent.h"
#include "core/reply/ReplyLimiter.h"
#include "core/reply/ReplyRule.h"

#include <QHostAddress>
#include <QString>
#include <QStringList>
#include <QVariantMap>

#include <optional>

// Everything that says what a session does, in one value the session owns
// (Session::settings() / setSettings()). The command line, the lessons,
// restored settings and the page's form all change a session through it, and
// the form shows it: there is one path in, so the window cannot show one
// thing while the session does another.
//
// One struct for the three kinds keeps that path the same for all of them;
// each field says which kind reads it, the others ignore it.
struct SessionSettings
{
    // --- Every kind ---------------------------------------------------------
    // What the user's text, the greeting and a reply template are encoded in
    // (canonical codec name). The traffic view's encoding is the view's own.
    QString encoding = QStringLiteral("UTF-8");
    // --- Reply rules (issue 20) ---------------------------------------------
    // The ordered match-and-reply rules (core/reply/ReplyRule.h); empty = no
    // auto-reply. Kept as typed, so a rule with a problem (a regex that does
    // not compile, a template the encoding cannot represent) is still shown,
    // and is not armed (ReplyRules). The old one-mode reply ("echo", "http",
    // a template) is ReplyRules::fromReplySpec() of it.
    QList<ReplyRule> rules;
    FramingSpec framing;          // kind None = no framing
    bool frameOutgoing = false;   // "Add to what I send"

    // --- TCP server ---------------------------------------------------------
    QHostAddress listenAddress = QHostAddress(QHostAddress::LocalHost);
    quint16 listenPort = 0;       // 0 = the OS picks one; becomes that port once listening
    int backlog = 4096;
    int maxClients = 1000;        // 0 = no limit
    QString greeting;             // escaped text (PayloadParser text mode); empty = none
    // --- TCP server: the listen queues (issue 21) ---
    // accept() is not called: clients wait in the kernel's accept queue (it
    // holds backlog + 1 on Linux, then SYNs are dropped). Changes while
    // listening; releasing takes every waiting client.
    bool pauseAccept = false;

    // --- TCP server and client ----------------------------------------------
    // After the peer's FIN (its shutdown(SHUT_WR)) our side stays open for
    // sending until the user closes it (CLOSE_WAIT), as TCP allows; false
    // closes it at once, as a server that never writes after b'' does. A
    // connection with an auto-reply always closes its side after answering.
    bool keepOpenOnPeerFin = true;

    // --- Socket options (issue 21) ------------------------------------------
    // TCP server: SO_REUSEADDR before bind(). On (as Qt and most servers do),
    // a restart binds while old connections of the port sit in TIME_WAIT;
    // off, that bind() fails with EADDRINUSE (ListenFailure names them).
    bool reuseAddress = true;
    // TCP client, and the TCP server's accepted connections: TCP_NODELAY
    // (Nagle off). Off, small sends made while earlier data is unacknowledged
    // wait and leave together; on, each goes at once. Changing it applies to
    // the open connections at once.
    bool noDelay = false;

    // --- TCP client ---------------------------------------------------------
    QString host;
    quint16 port = 0;
    int connectTimeoutMs = 10000;
    QHostAddress localBindAddress;   // null = no bind(): the OS chooses
    quint16 localBindPort = 0;
    bool autoReconnect = false;      // connect again after a close or a failed connect
    int reconnectIntervalMs = 2000;

    // --- UDP ----------------------------------------------------------------
    // Loopback unless chosen (safe by default); null = automatic (see
    // UdpSession::setBindAddress), what --udp-target without --udp asks for.
    QHostAddress bindAddress = QHostAddress(QHostAddress::LocalHost);
    quint16 bindPort = 0;            // 0 = the OS picks one; becomes that port once bound
    QString targetHost;
    quint16 targetPort = 0;
    bool broadcast = false;
    bool replyToLastSender = false;  // send() goes to whoever sent the last datagram
    ReplyLimiter::Settings replyLimits;

    // --- The send box (every kind) -------------------------------------------
    // Added to each text message of the send box, in the encoding (CRLF is
    // 0d 00 0a 00 in UTF-16LE); hex messages are sent as typed.
    PayloadEntry::LineEnding sendLineEnding = PayloadEntry::LineEnding::None;
    // The send box is emptied after a message went out.
    bool clearAfterSend = false;
    // --- Quick-send bar (every kind) -----------------------------------------
    // The tab's row of library payloads to send with one click or hotkey.
    QList<QuickSendButton> quickSend;
    // --- Checksum (every kind) ----------------------------------------------
    // Appended over [from, end) of everything the tab sends (the send box,
    // repeats, quick-send, sequences, auto-replies), before framing; the
    // greeting goes as typed. Empty = none.
    std::optional<Checksum> checksum;
    // With framing that cuts messages: check each received frame's trailing
    // checksum and mark the frame event (see Session::recordFrames).
    bool verifyChecksum = false;

    static constexpr int kMinReconnectMs = 100;
    static constexpr int kMaxReconnectMs = 3600 * 1000;

    bool operator==(const SessionSettings &) const = default;

    // For QSettings: the fields `kind` reads, under the keys the tabs have
    // always been saved with.
    QVariantMap toMap(SessionKind kind) const;
    // Starts from `base` and takes every key of `map` that is good; a bad
    // value is skipped and named in *problems ("port: not a number").
    static SessionSettings fromMap(SessionKind kind, const QVariantMap &map, const SessionSettings &base,
                                   QStringList *problems = nullptr);
};
