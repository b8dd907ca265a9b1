#include "core/workbench/CommandLine.h"

#include "core/framing/Framer.h"
#include "core/log/TrafficLog.h"
#include "core/net/Endpoint.h"
#include "core/net/RepeatSender.h"
#include "core/net/SessionSettings.h"
#include "core/workbench/RuleOptions.h"
#include "core/teach/LessonLibrary.h"
#include "core/text/PayloadParser.h"
#include "core/text/TextCodec.h"
#include "core/workbench/SequenceCommand.h"
#include "core/workbench/Translations.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFileInfo>

namespace {
QString optionError(const QString &option, const QString &why)
{
    return QStringLiteral("--%1: %2").arg(option, why);
}

bool parseListen(const QString &option, const QString &value, CommandLine::Listen *out, QString *error)
{
    const Endpoint::HostPort hp = Endpoint::parseHostPort(value, Endpoint::HostKind::AddressOnly, true);
    if (!hp.ok()) {
        *error = optionError(option, hp.error);
        return false;
    }
    out->address = QHostAddress(hp.host);
    out->port = hp.port;
    return true;
}

bool parseTarget(const QString &option, const QString &value, CommandLine::Target *out, QString *error)
{
    const Endpoint::HostPort hp = Endpoint::parseHostPort(value, Endpoint::HostKind::NameOrAddress, false);
    if (!hp.ok()) {
        *error = optionError(option, hp.error);
        return false;
    }
    out->host = hp.host;
    out->port = hp.port;
    return true;
}

bool parseCount(const QString &option, const QString &value, int min, int max, int *out, QString *error)
{
    bool ok = false;
    const int n = value.trimmed().toInt(&ok);
    if (!ok || n < min || n > max) {
        *error = optionError(option, CommandLine::tr("“%1” is not a number from %2 to %3")
                                           .arg(value, QString::number(min), QString::number(max)));
        return false;
    }
    *out = n;
    return true;
}

bool parseText(const QString &option, const QString &value, const QString &encoding, bool allowEmpty,
               QByteArray *out, QString *error)
{
    const PayloadParser::Result r = PayloadParser::parse(value, PayloadParser::Mode::Text, encoding, allowEmpty);
    if (!r.ok()) {
        *error = optionError(option, r.error);
        return false;
    }
    *out = r.bytes;
    return true;
}

} // namespace

CommandLine::Result CommandLine::parse(const QStringList &arguments)
{
    Result result;
    Options &o = result.options;

    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Socket Workbench: talk to TCP and UDP services by hand and see how sockets work.\n"
           "Each option opens or configures the session it names; several may be combined."));
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")}, tr("Show this help and exit."));
    const QCommandLineOption version({QStringLiteral("v"), QStringLiteral("version")}, tr("Print the version and exit."));
    const QCommandLineOption tcpServer(QStringLiteral("tcp-server"),
        tr("Open a TCP server listening on ADDR:PORT (port 0 lets the OS choose)."), QStringLiteral("ADDR:PORT"));
    const QCommandLineOption tcpClient(QStringLiteral("tcp-client"),
        tr("Open a TCP client connecting to HOST:PORT."), QStringLiteral("HOST:PORT"));
    const QCommandLineOption udp(QStringLiteral("udp"),
        tr("Open a UDP socket bound to ADDR:PORT (port 0 = any)."), QStringLiteral("ADDR:PORT"));
    const QCommandLineOption udpTarget(QStringLiteral("udp-target"),
        tr("Where the UDP session sends (opens a UDP session if --udp is not given)."), QStringLiteral("HOST:PORT"));
    const QCommandLineOption encoding(QStringLiteral("encoding"),
        tr("Text encoding for display and sending: %1.").arg(TextCodec::encodings().join(QStringLiteral(", "))),
        QStringLiteral("NAME"), QStringLiteral("UTF-8"));
    const QCommandLineOption reply(QStringLiteral("reply"),
        tr("Answer received data: echo, http, or a template where {data} stands for the received bytes "
           "(e.g. \"Hello,{data}!\")."), QStringLiteral("echo|http|TEMPLATE"));
    const QCommandLineOption replyRate(QStringLiteral("reply-rate"),
        tr("Most UDP auto-replies a second to one address; 0 = no limit (default %1).")
            .arg(ReplyLimiter::kDefaultRepliesPerSecond), QStringLiteral("N"));
    const QCommandLineOption replyBytesRate(QStringLiteral("reply-bytes-rate"),
        tr("Most bytes of UDP auto-replies a second to one address; 0 = no limit (default %1).")
            .arg(ReplyLimiter::kDefaultBytesPerSecond), QStringLiteral("BYTES"));
    const QCommandLineOption replyMaxSize(QStringLiteral("reply-max-size"),
        tr("Largest UDP auto-reply in bytes; a larger one is not sent, and said (default %1, at most %2).")
            .arg(ReplyLimiter::kDefaultMaxReplySize).arg(ReplyLimiter::kMaxReplySizeLimit), QStringLiteral("BYTES"));
    const QCommandLineOption logBudget(QStringLiteral("log-budget"),
        tr("Memory each session's traffic log may use, in MiB (default %1); older events beyond it are dropped "
           "from memory and counted (--capture and --log still get everything).")
            .arg(TrafficLog::kDefaultBudget / (1024 * 1024)), QStringLiteral("MIB"));
    const QCommandLineOption greeting(QStringLiteral("greeting"),
        tr("Text a TCP server sends to every accepted connection (escapes \\r \\n \\t \\0 \\\\ \\xHH)."),
        QStringLiteral("TEXT"));
    const QCommandLineOption send(QStringLiteral("send"),
        tr("Text sent by the TCP client once connected, and by the UDP session to --udp-target once bound "
           "(escapes \\r \\n \\t \\0 \\\\ \\xHH; fields {counter} {time} {random:N} {hex:..}, "
           "{{ for a literal {)."), QStringLiteral("TEXT"));
    const QCommandLineOption log(QStringLiteral("log"),
        tr("Write every event to FILE as JSON Lines (flushed at least every 100 ms)."), QStringLiteral("FILE"));
    const QCommandLineOption capture(QStringLiteral("capture"),
        tr("Write everything each session receives and sends into DIR (created if missing), nothing dropped: "
           "a folder per session with events.jsonl and the raw bytes of each connection or UDP peer "
           "(conn-ID-ADDR_PORT.in.bin / .out.bin)."),
        QStringLiteral("DIR"));
    const QCommandLineOption backlog(QStringLiteral("backlog"),
        tr("listen() backlog of the TCP server (default 4096, the Linux maximum)."), QStringLiteral("N"));
    const QCommandLineOption maxClients(QStringLiteral("max-clients"),
        tr("Most clients the TCP server keeps at once; 0 = no limit (default 1000)."), QStringLiteral("N"));
    const QCommandLineOption timeout(QStringLiteral("connect-timeout"),
        tr("Connect timeout of the TCP client in milliseconds (default 10000)."), QStringLiteral("MS"));
    const QCommandLineOption onPeerFin(QStringLiteral("on-peer-fin"),
        tr("What a TCP connection does when the peer finishes sending (FIN): keep (our side stays open "
           "for sending until closed, CLOSE_WAIT; the default) or close (close our side too)."),
        QStringLiteral("keep|close"));
    const QCommandLineOption reconnect(QStringLiteral("reconnect"),
        tr("The TCP client connects again MS milliseconds after the connection closed, was reset, refused "
           "or timed out (%1 to %2), until Disconnect.")
            .arg(SessionSettings::kMinReconnectMs).arg(SessionSettings::kMaxReconnectMs),
        QStringLiteral("MS"));
    const QCommandLineOption bind(QStringLiteral("bind"),
        tr("Local ADDR:PORT the TCP client binds before connecting (normally the OS chooses)."),
        QStringLiteral("ADDR:PORT"));
    const QCommandLineOption broadcast(QStringLiteral("broadcast"),
        tr("Allow the UDP session to send to broadcast addresses."));
    const QCommandLineOption framing(QStringLiteral("framing"),
        tr("Cut received TCP streams into messages and frame what is sent: none, line, crlf, delim:HEX, "
           "length:WIDTH[:be|le][:incl] (1, 2, 4 or 8 bytes; length:4 is struct.pack('!I', n)), fixed:N."),
        QStringLiteral("SPEC"));
    const QCommandLineOption checksum(QStringLiteral("checksum"),
        tr("Append a checksum to everything sent (before --framing) and check it on every received frame: "
           "sum8, xor8, crc8-smbus, crc16-modbus, crc16-ccitt-false, crc16-xmodem, crc16-arc, crc32; "
           ":FROM leaves out the first FROM bytes, :le or :be sets the byte order."),
        QStringLiteral("NAME[:FROM][:le|be]"));
    const QCommandLineOption verbose(QStringLiteral("verbose"),
        tr("Print every event, data included, on standard output."));
    const QCommandLineOption noWindow(QStringLiteral("no-window"),
        tr("Run the sessions without showing a window."));
    const QCommandLineOption language(QStringLiteral("language"),
        tr("Language of the window and the messages: %1 (default: the saved choice, else the system's).")
            .arg(Translations::languages().join(QStringLiteral(", "))),
        QStringLiteral("LANG"));
    // The ids with the Lessons menu's words, so a teacher can pick one for
    // a desktop shortcut from --help alone.
    QStringList lessonIds;
    QStringList lessonEntries;
    for (const LessonLibrary::Lesson &l : LessonLibrary::all()) {
        lessonIds.append(l.id);
        lessonEntries.append(tr("%1 (%2)", "a lesson in --help: id (menu title)").arg(l.id, l.title));
    }
    const QCommandLineOption lesson(QStringLiteral("lesson"),
        tr("Open a lesson of the Lessons menu: its sessions, and its explanation beside them in the window. "
           "ID is one of: %1.").arg(lessonEntries.join(tr("; ", "between two lessons in --help"))),
        QStringLiteral("ID"));
    // Issue 19, timing: a repeat of --send, as the send panel's Repeat.
    const QCommandLineOption repeat(QStringLiteral("repeat"),
        tr("Send the --send text COUNT times (1 to %L1), or until stopped or quit with 0, every --interval "
           "milliseconds; the tab's Repeat shows it and its Stop stops it.").arg(RepeatSender::kMaxCount),
        QStringLiteral("COUNT"));
    const QCommandLineOption interval(QStringLiteral("interval"),
        tr("Milliseconds between two sends of --repeat, 0 to %L1 (default 1000; 0 = as fast as possible). "
           "Sends keep to a fixed grid; when the program is busy past a send's time it is skipped, not "
           "sent in a burst, and sent at the end instead.").arg(RepeatSender::kMaxIntervalMs),
        QStringLiteral("MS"));
    const QCommandLineOption view(QStringLiteral("view"),   // issue 21: for a teacher at a projector
        tr("The view every tab shows first: %1 (a view a tab does not have, such as tcp-states on a UDP tab, "
           "leaves that tab on its traffic).").arg(viewNames().join(QStringLiteral(", "))),
        QStringLiteral("NAME"));
    parser.addOptions({help, version, tcpServer, tcpClient, udp, udpTarget, encoding, reply, replyRate, replyBytesRate,
                       replyMaxSize, greeting, send, log, capture, logBudget, backlog, maxClients, timeout, bind,
                       onPeerFin, reconnect, broadcast, framing, lesson, verbose, noWindow, language, view});
    parser.addOption(checksum);
    // Issue 20: reply rules.
    const QCommandLineOption rule(QStringLiteral("rule"),
        tr("A reply rule, MATCH => REPLY [OPTIONS] (repeatable, tried in order; e.g. "
           "'contains:PING => PONG {counter}', 'regex:^GET (\\S+) => You asked for {1}', "
           "'hex:01 03 ?? ?? 00 0A => {hex:01 03 14 \u2026}'). See README, \"Reply rules\"."),
        QStringLiteral("RULE"));
    const QCommandLineOption rulesFile(QStringLiteral("rules"),
        tr("Read reply rules from FILE, one per line ('#' starts a comment); --rule lines come after them."),
        QStringLiteral("FILE"));
    parser.addOptions({rule, rulesFile});
    // Issue 21: the listen queues.
    const QCommandLineOption pauseAccept(QStringLiteral("pause-accept"),
        tr("The TCP server listens but does not call accept(): clients wait in the kernel's accept queue "
           "(backlog + 1 of them on Linux; later SYNs are dropped) until Pause accept() is unchecked."));
    parser.addOption(pauseAccept);
    // Issue 19: sequences and the one-shot mode.
    const QCommandLineOption sequence(QStringLiteral("sequence"),
        tr("Run a sequence of a payload library file (the only one in it, or NAME) on the session "
           "--tcp-client, --tcp-server (on its first client) or --udp-target opens; print a line per step, "
           "then exit: 0 when every step passed, 1 when a reply timed out or a send failed."),
        QStringLiteral("FILE[:NAME]"));
    const QCommandLineOption quit(QStringLiteral("quit"),
        tr("One shot, like nc: connect (--tcp-client) or bind (--udp-target), send --send, print what comes "
           "back within --wait milliseconds on standard output, exit (1 when refused or timed out). "
           "Needs no window and no display."));
    const QCommandLineOption wait(QStringLiteral("wait"),
        tr("With --quit: how long to wait for the answer, in milliseconds (default %1, 0 to %2).")
            .arg(kDefaultWaitMs).arg(kMaxWaitMs), QStringLiteral("MS"));
    const QCommandLineOption hex(QStringLiteral("hex"),
        tr("With --quit: print the answer as hex bytes instead of text in --encoding."));
    parser.addOptions({sequence, quit, wait, hex});
    parser.addOptions({repeat, interval});
    // Issue 21: socket options.
    const QCommandLineOption noReuseAddr(QStringLiteral("no-reuseaddr"),
        tr("The TCP server binds without SO_REUSEADDR: a restart fails (EADDRINUSE) while connections "
           "of its port sit in TIME_WAIT, and the error names them."));
    const QCommandLineOption noDelay(QStringLiteral("nodelay"),
        tr("TCP_NODELAY (Nagle off) on the TCP client's connection and the TCP server's accepted ones: "
           "each small send goes out at once instead of waiting to be merged."));
    parser.addOptions({noReuseAddr, noDelay});
    result.helpText = parser.helpText();

    if (!parser.parse(arguments)) {
        result.error = parser.errorText();
        return result;
    }
    if (!parser.positionalArguments().isEmpty()) {
        result.error = tr("unexpected argument “%1” (options start with --; see --help)")
                           .arg(parser.positionalArguments().constFirst());
        return result;
    }
    // Each option once: a second value would silently win otherwise.
    for (const QString &name : parser.optionNames()) {
        // --rule is the one option meant to be repeated (rules in order).
        if (parser.values(name).size() > 1 && name != QStringLiteral("rule")) {
            result.error = optionError(name, tr("given more than once"));
            return result;
        }
    }
    o.showHelp = parser.isSet(help);
    o.showVersion = parser.isSet(version);
    o.broadcast = parser.isSet(broadcast);
    o.verbose = parser.isSet(verbose);
    o.noWindow = parser.isSet(noWindow);
    // Taken before help returns, so --help speaks the language asked for;
    // a bad value is only an error when there is more to do than help.
    const QString languageCode = Translations::normalized(parser.value(language));
    o.language = languageCode;
    if (o.showHelp || o.showVersion)
        return result;

    QString &err = result.error;
    if (parser.isSet(language) && languageCode.isEmpty()) {
        err = optionError(QStringLiteral("language"), tr("no translation for “%1”; use one of %2")
                                                          .arg(parser.value(language),
                                                               Translations::languages().join(QStringLiteral(", "))));
        return result;
    }
    if (parser.isSet(view)) {
        o.view = parser.value(view);
        if (!viewNames().contains(o.view)) {
            err = optionError(QStringLiteral("view"), tr("no view “%1”; use one of %2")
                                                          .arg(o.view, viewNames().join(QStringLiteral(", "))));
            return result;
        }
    }
    if (parser.isSet(lesson)) {
        o.lesson = parser.value(lesson);
        if (!lessonIds.contains(o.lesson)) {
            err = optionError(QStringLiteral("lesson"), tr("no lesson “%1”; use one of %2")
                                                            .arg(o.lesson, lessonIds.join(QStringLiteral(", "))));
            return result;
        }
    }
    if (parser.isSet(encoding)) {
        const QString canonical = TextCodec::canonicalName(parser.value(encoding));
        if (canonical.isEmpty()) {
            err = optionError(QStringLiteral("encoding"),
                              tr("unknown encoding “%1”; known: %2")
                                  .arg(parser.value(encoding), TextCodec::encodings().join(QStringLiteral(", "))));
            return result;
        }
        o.encoding = canonical;
    }
    if (parser.isSet(framing)) {
        QString why;
        o.framing = FramingSpec::parse(parser.value(framing), &why);
        if (!why.isEmpty()) {
            err = optionError(QStringLiteral("framing"), why);
            return result;
        }
    }
    if (parser.isSet(checksum)) {
        QString why;
        const Checksum sum = Checksum::parse(parser.value(checksum), &why);
        if (!why.isEmpty()) {
            err = optionError(QStringLiteral("checksum"), why);
            return result;
        }
        o.checksum = sum;
    }
    if (parser.isSet(tcpServer)) {
        Listen l;
        if (!parseListen(QStringLiteral("tcp-server"), parser.value(tcpServer), &l, &err))
            return result;
        o.tcpServer = l;
    }
    if (parser.isSet(tcpClient)) {
        Target t;
        if (!parseTarget(QStringLiteral("tcp-client"), parser.value(tcpClient), &t, &err))
            return result;
        o.tcpClient = t;
    }
    if (parser.isSet(udp)) {
        Listen l;
        if (!parseListen(QStringLiteral("udp"), parser.value(udp), &l, &err))
            return result;
        o.udp = l;
    }
    if (parser.isSet(udpTarget)) {
        Target t;
        if (!parseTarget(QStringLiteral("udp-target"), parser.value(udpTarget), &t, &err))
            return result;
        o.udpTarget = t;
    }
    if (parser.isSet(bind)) {
        if (!o.tcpClient) {
            err = optionError(QStringLiteral("bind"), tr("needs --tcp-client"));
            return result;
        }
        Listen l;
        if (!parseListen(QStringLiteral("bind"), parser.value(bind), &l, &err))
            return result;
        o.clientBind = l;
    }
    if (parser.isSet(backlog) && !parseCount(QStringLiteral("backlog"), parser.value(backlog), 0, 65535, &o.backlog, &err))
        return result;
    if (parser.isSet(maxClients)
        && !parseCount(QStringLiteral("max-clients"), parser.value(maxClients), 0, 1000000, &o.maxClients, &err))
        return result;
    if (parser.isSet(timeout)
        && !parseCount(QStringLiteral("connect-timeout"), parser.value(timeout), 1, 3600000, &o.connectTimeoutMs, &err))
        return result;
    if (parser.isSet(pauseAccept)) {
        if (!o.tcpServer) {
            err = optionError(QStringLiteral("pause-accept"), tr("needs --tcp-server"));
            return result;
        }
        o.pauseAccept = true;
    }
    if (parser.isSet(onPeerFin)) {
        const QString v = parser.value(onPeerFin);
        if (v != QLatin1StringView("keep") && v != QLatin1StringView("close")) {
            err = optionError(QStringLiteral("on-peer-fin"), tr("“%1” is neither keep nor close").arg(v));
            return result;
        }
        o.keepOpenOnPeerFin = v == QLatin1StringView("keep");
    }
    if (parser.isSet(reconnect)) {
        if (!o.tcpClient) {
            err = optionError(QStringLiteral("reconnect"), tr("needs --tcp-client"));
            return result;
        }
        if (!parseCount(QStringLiteral("reconnect"), parser.value(reconnect), SessionSettings::kMinReconnectMs,
                        SessionSettings::kMaxReconnectMs, &o.reconnectMs, &err))
            return result;
    }
    for (const QCommandLineOption *udpOnly : {&replyRate, &replyBytesRate, &replyMaxSize}) {
        if (parser.isSet(*udpOnly) && !o.udp && !o.udpTarget) {
            err = optionError(udpOnly->names().constFirst(), tr("needs --udp or --udp-target"));
            return result;
        }
    }
    if (parser.isSet(replyRate)
        && !parseCount(QStringLiteral("reply-rate"), parser.value(replyRate), 0, ReplyLimiter::kMaxRepliesPerSecond,
                       &o.replyLimits.repliesPerSecond, &err))
        return result;
    if (parser.isSet(replyBytesRate)) {
        int bytes = 0;
        if (!parseCount(QStringLiteral("reply-bytes-rate"), parser.value(replyBytesRate), 0,
                        int(ReplyLimiter::kMaxBytesPerSecond), &bytes, &err))
            return result;
        o.replyLimits.bytesPerSecond = bytes;
    }
    if (parser.isSet(replyMaxSize)
        && !parseCount(QStringLiteral("reply-max-size"), parser.value(replyMaxSize), 1, ReplyLimiter::kMaxReplySizeLimit,
                       &o.replyLimits.maxReplySize, &err))
        return result;
    if (parser.isSet(logBudget)
        && !parseCount(QStringLiteral("log-budget"), parser.value(logBudget), 1, kMaxLogBudgetMiB, &o.logBudgetMiB, &err))
        return result;
    if (!RuleOptions::read(parser.values(rule), parser.value(rulesFile),
                           parser.isSet(reply) ? std::optional<QString>(parser.value(reply)) : std::nullopt,
                           o.encoding, &o.rules, &err))
        return result;
    if (parser.isSet(greeting)) {
        if (!o.tcpServer) {
            err = optionError(QStringLiteral("greeting"), tr("needs --tcp-server"));
            return result;
        }
        if (!parseText(QStringLiteral("greeting"), parser.value(greeting), o.encoding, false, &o.greeting, &err))
            return result;
        o.greetingText = parser.value(greeting);
    }
    // Issue 21: socket options.
    if (parser.isSet(noReuseAddr) && !o.tcpServer) {
        err = optionError(QStringLiteral("no-reuseaddr"), tr("needs --tcp-server"));
        return result;
    }
    if (parser.isSet(noDelay) && !o.tcpServer && !o.tcpClient) {
        err = optionError(QStringLiteral("nodelay"), tr("needs --tcp-server or --tcp-client"));
        return result;
    }
    o.reuseAddress = !parser.isSet(noReuseAddr);
    o.noDelay = parser.isSet(noDelay);
    if (parser.isSet(send)) {
        if (!o.tcpClient && !o.udpTarget) {
            err = optionError(QStringLiteral("send"), tr("needs --tcp-client or --udp-target"));
            return result;
        }
        const Template::Parsed parsed = Template::parse(parser.value(send), Template::Mode::Text, o.encoding);
        if (!parsed.ok()) {
            err = optionError(QStringLiteral("send"), parsed.error);
            return result;
        }
        // The first message stands for all: only the fields' values change.
        const QByteArray bytes = parsed.value.expand({});
        if (bytes.isEmpty()) {
            err = optionError(QStringLiteral("send"), tr("Nothing to send: the payload is empty"));
            return result;
        }
        if (o.checksum) {
            const Checksum::Appended sum = o.checksum->append(bytes);
            if (!sum.ok()) {
                err = optionError(QStringLiteral("send"), tr("cannot take --checksum %1: %2")
                                                              .arg(o.checksum->toString(), sum.error));
                return result;
            }
        }
        if (o.framing.kind != FramingSpec::Kind::None) {
            QString why;
            Framer::encode(o.framing, o.checksum ? o.checksum->append(bytes).frame : bytes, &why);
            if (!why.isEmpty()) {
                err = optionError(QStringLiteral("send"), tr("cannot be framed as %1: %2").arg(o.framing.toString(), why));
                return result;
            }
        }
        o.send = parsed.value;
    }
    // Issue 19, timing: --repeat and --interval.
    if (parser.isSet(repeat)) {
        if (!o.send) {
            err = optionError(QStringLiteral("repeat"), tr("needs --send"));
            return result;
        }
        int count = 0;
        if (!parseCount(QStringLiteral("repeat"), parser.value(repeat), RepeatSender::kUntilStopped,
                        RepeatSender::kMaxCount, &count, &err))
            return result;
        o.repeatCount = count;
    }
    if (parser.isSet(interval)) {
        if (!o.repeatCount) {
            err = optionError(QStringLiteral("interval"), tr("needs --repeat"));
            return result;
        }
        if (!parseCount(QStringLiteral("interval"), parser.value(interval), 0, RepeatSender::kMaxIntervalMs,
                        &o.repeatIntervalMs, &err))
            return result;
    }
    if (parser.isSet(log)) {
        o.logFile = parser.value(log);
        if (o.logFile.trimmed().isEmpty()) {
            err = optionError(QStringLiteral("log"), tr("the file name is empty"));
            return result;
        }
        // What can be told without creating the file; the rest fails when it is opened, before any socket.
        const QFileInfo info(o.logFile);
        const QFileInfo folder(info.absolutePath());
        if (info.isDir()) {
            err = optionError(QStringLiteral("log"), tr("“%1” is a folder, not a file").arg(o.logFile));
            return result;
        }
        if (!folder.exists()) {
            err = optionError(QStringLiteral("log"), tr("the folder “%1” does not exist").arg(folder.filePath()));
            return result;
        }
        if (!folder.isDir()) {
            err = optionError(QStringLiteral("log"), tr("“%1” is a file, not a folder").arg(folder.filePath()));
            return result;
        }
    }
    if (parser.isSet(capture)) {
        // Only what can be told without creating anything; whether files can
        // be written there is tried when the program starts (still before any traffic).
        o.captureDir = parser.value(capture);
        const QFileInfo info(o.captureDir);
        if (o.captureDir.trimmed().isEmpty()) {
            err = optionError(QStringLiteral("capture"), tr("the folder name is empty"));
            return result;
        }
        if (info.exists() && !info.isDir()) {
            err = optionError(QStringLiteral("capture"), tr("“%1” is a file, not a folder").arg(o.captureDir));
            return result;
        }
        // A folder to be made under a file can never be made.
        QFileInfo ancestor(info.absolutePath());
        while (!ancestor.exists() && ancestor.absoluteFilePath() != ancestor.absolutePath())
            ancestor = QFileInfo(ancestor.absolutePath());
        if (ancestor.exists() && !ancestor.isDir()) {
            err = optionError(QStringLiteral("capture"), tr("cannot create the folder “%1”: “%2” is a file")
                                                             .arg(o.captureDir, ancestor.filePath()));
            return result;
        }
    }
    // Issue 19: sequences and the one-shot mode.
    const bool udpSession = o.udp || o.udpTarget;
    const int sessions = int(o.tcpServer.has_value()) + int(o.tcpClient.has_value()) + int(udpSession);
    if (parser.isSet(quit)) {
        if (o.tcpServer || (!o.tcpClient && !o.udpTarget) || sessions != 1) {
            err = optionError(QStringLiteral("quit"), tr("needs one session: --tcp-client or --udp-target"));
            return result;
        }
        if (parser.isSet(sequence) || !o.lesson.isEmpty()) {
            err = optionError(QStringLiteral("quit"), tr("not with --sequence or --lesson"));
            return result;
        }
        o.quit = true;
        o.noWindow = true;
    }
    for (const QCommandLineOption *quitOnly : {&wait, &hex}) {
        if (parser.isSet(*quitOnly) && !o.quit) {
            err = optionError(quitOnly->names().constFirst(), tr("needs --quit"));
            return result;
        }
    }
    if (parser.isSet(wait) && !parseCount(QStringLiteral("wait"), parser.value(wait), 0, kMaxWaitMs, &o.waitMs, &err))
        return result;
    o.hexOutput = parser.isSet(hex);
    if (parser.isSet(sequence)) {
        if (sessions != 1 || (udpSession && !o.udpTarget) || !o.lesson.isEmpty()) {
            err = optionError(QStringLiteral("sequence"),
                              tr("needs one session to run on: --tcp-client, --tcp-server or --udp-target"));
            return result;
        }
        QString why;
        if (!SequenceCommand::readOption(parser.value(sequence), &o, &why)) {
            err = optionError(QStringLiteral("sequence"), why);
            return result;
        }
    }
    return result;
}

QStringList CommandLine::withoutQtOptions(const QStringList &arguments)
{
    static const QStringList withValue{
        QStringLiteral("platform"), QStringLiteral("platformpluginpath"), QStringLiteral("platformtheme"),
        QStringLiteral("plugin"), QStringLiteral("qwindowgeometry"), QStringLiteral("geometry"),
        QStringLiteral("qwindowtitle"), QStringLiteral("title"), QStringLiteral("qwindowicon"),
        QStringLiteral("icon"), QStringLiteral("display"), QStringLiteral("style"),
        QStringLiteral("stylesheet"), QStringLiteral("session"), QStringLiteral("name"),
        QStringLiteral("qmljsdebugger")};
    static const QStringList flags{QStringLiteral("reverse"), QStringLiteral("widgetcount"),
                                   QStringLiteral("nograb"), QStringLiteral("dograb"), QStringLiteral("sync")};
    QStringList out;
    for (qsizetype i = 0; i < arguments.size(); ++i) {
        const QString &a = arguments[i];
        // Qt's options take a single dash; ours take two.
        if (i > 0 && a.startsWith(u'-') && !a.startsWith(QStringLiteral("--"))) {
            QString name = a.mid(1);
            const qsizetype eq = name.indexOf(u'=');
            if (eq >= 0)
                name.truncate(eq);
            if (withValue.contains(name)) {
                if (eq < 0)
                    ++i;
                continue;
            }
            if (flags.contains(name))
                continue;
        }
        out.append(a);
    }
    return out;
}
