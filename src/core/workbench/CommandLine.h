#pragma once

#include "core/commands/Template.h"
#include "core/commands/Checksum.h"
#include "core/commands/CommandSequence.h"
#include "core/commands/PayloadLibrary.h"
#include "core/framing/FramingSpec.h"
#include "core/reply/ReplyLimiter.h"
#include "core/reply/ReplyRule.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QHostAddress>
#include <QString>
#include <QStringList>

#include <optional>

// The command line of socket-workbench, parsed and checked without opening
// anything. Every bad value is an error naming its option; the program
// prints it on one line and exits with status 2.
class CommandLine
{
    Q_DECLARE_TR_FUNCTIONS(CommandLine)
public:
    struct Listen
    {
        QHostAddress address;
        quint16 port = 0;
    };
    struct Target
    {
        QString host;
        quint16 port = 0;
    };

    // As the traffic view's budget box allows.
    static constexpr int kMaxLogBudgetMiB = 16384;

    struct Options
    {
        std::optional<Listen> tcpServer;
        std::optional<Target> tcpClient;
        std::optional<Listen> udp;
        std::optional<Target> udpTarget;
        std::optional<Listen> clientBind;
        QString encoding = QStringLiteral("UTF-8");
        // --rules, --rule, or --reply as its ready-made rule (RuleOptions).
        QList<ReplyRule> rules;
        QByteArray greeting;
        QString greetingText;          // as typed, escapes not applied
        // --send: a Template (dynamic fields), expanded for each message
        std::optional<Template> send;
        QString logFile;
        QString captureDir;            // empty = no capture
        QString language;              // "en", "zh_CN"; empty = the setting or the system's
        QString lesson;                // an id of LessonLibrary::all(); empty = none
        QString view;                  // --view: one of viewNames(); empty = the traffic
        FramingSpec framing;           // kind None = no framing
        int backlog = 4096;
        int maxClients = 1000;
        int connectTimeoutMs = 10000;
        bool keepOpenOnPeerFin = true;        // --on-peer-fin keep|close
        bool pauseAccept = false;             // --pause-accept (issue 21)
        int reconnectMs = 0;                  // --reconnect MS; 0 = no auto-reconnect
        ReplyLimiter::Settings replyLimits;   // UDP auto-replies
        int logBudgetMiB = 0;                 // 0 = the log's default (64 MiB)
        bool broadcast = false;
        bool verbose = false;
        bool showHelp = false;
        bool showVersion = false;
        bool noWindow = false;

        // --checksum: appended to everything sent, verified on received
        // frames (with --framing).
        std::optional<Checksum> checksum;
        // Issue 19: a library sequence run on the session (--sequence), and
        // the one-shot mode (--quit: connect, send, print the answer, exit).
        QString sequenceFile;                      // empty = no --sequence
        std::optional<CommandSequence> sequence;   // the one to run
        PayloadLibrary sequenceLibrary;            // the file's payloads it sends
        bool quit = false;
        int waitMs = kDefaultWaitMs;               // --wait: how long the answer may take
        bool hexOutput = false;                    // --hex: print the answer as hex
        // --repeat COUNT / --interval MS: --send becomes a timed repeat, what
        // the send panel's Repeat does (RepeatSender's bounds; COUNT 0 = until
        // stopped or quit). Unset: --send sends once.
        std::optional<int> repeatCount;
        int repeatIntervalMs = 1000;     // the send panel's default
        // Issue 21: socket options (SessionSettings::reuseAddress, noDelay).
        bool reuseAddress = true;        // --no-reuseaddr turns it off
        bool noDelay = false;            // --nodelay
    };
    static constexpr int kDefaultWaitMs = 1000;
    static constexpr int kMaxWaitMs = 3600000;

    struct Result
    {
        Options options;
        QString error;       // one line, names the option; empty when ok
        QString helpText;
        bool ok() const { return error.isEmpty(); }
    };

    // `arguments` as QCoreApplication::arguments() gives them (program first;
    // Qt's own -platform etc. already removed).
    static Result parse(const QStringList &arguments);
    // What --view takes: the names of a session page's views.
    static QStringList viewNames()
    {
        return {QStringLiteral("traffic"), QStringLiteral("lifecycle"), QStringLiteral("sequence"),
                QStringLiteral("stream"), QStringLiteral("tcp-states"), QStringLiteral("statistics"),
                QStringLiteral("sequences"), QStringLiteral("rules")};
    }
    // argv without the options QGuiApplication consumes itself (-platform X,
    // -style X, -reverse, …), so the command line can be checked before the
    // application object exists and a bad value costs one line of output.
    static QStringList withoutQtOptions(const QStringList &arguments);
};
