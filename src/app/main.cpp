// socket-workbench: the window, or with --no-window just the sessions the
// command line names. Bad options exit with status 2 and one line saying why.

#include "core/commands/LibraryStore.h"
#include "core/log/TrafficLog.h"
#include "core/net/Session.h"
#include "core/net/UdpSession.h"
#include "core/os/ProcessSetup.h"
#include "core/os/SocketActivationPacer.h"
#include "core/teach/LessonLibrary.h"
#include "core/workbench/CommandLine.h"
#include "core/workbench/OneShot.h"
#include "core/workbench/SequenceCommand.h"
#include "core/workbench/Translations.h"
#include "core/workbench/Version.h"
#include "core/workbench/Workbench.h"
#include "ui/window/MainWindow.h"

#include <QAbstractEventDispatcher>
#include <QApplication>
#include <QIcon>
#include <QLocale>
#include <QSettings>

#include <cstdio>

namespace {
void printLine(FILE *stream, const QString &text)
{
    const QByteArray bytes = text.toUtf8() + '\n';
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stream);
    std::fflush(stream);
}

// Installs the translators of the language the user wants: --language, else
// the Language menu's saved choice, else the system locale. A language the
// user chose also becomes the default locale, so numbers, dates and Qt's
// dialogs agree with the words.
void useLanguage(const QString &commandLine)
{
    const QString setting = QSettings().value(Translations::settingsKey()).toString();
    const QString language = Translations::choose(commandLine, setting);
    if (!commandLine.isEmpty() || !Translations::normalized(setting).isEmpty())
        QLocale::setDefault(QLocale(language));
    Translations::install(language);
}
} // namespace

int main(int argc, char *argv[])
{
    // Checked before the application object exists: a bad option costs one
    // line on standard error and exit status 2, with no platform set-up noise.
    QStringList rawArguments;
    for (int i = 0; i < argc; ++i)
        rawArguments.append(QString::fromLocal8Bit(argv[i]));
    // Before anything reads QSettings (the saved language).
    QCoreApplication::setApplicationName(QString::fromLatin1(kAppName));
    QCoreApplication::setOrganizationName(QStringLiteral("socket-workbench"));
    const QStringList arguments = CommandLine::withoutQtOptions(rawArguments);
    const CommandLine::Result cli = CommandLine::parse(arguments);
    if (!cli.ok() || cli.options.showHelp) {
        // Said in the user's language: translators need an application
        // object, and a QCoreApplication needs no display.
        QCoreApplication core(argc, argv);
        useLanguage(cli.options.language);
        const CommandLine::Result translated = CommandLine::parse(arguments);
        if (!translated.ok()) {
            printLine(stderr, QStringLiteral("socket-workbench: ") + translated.error);
            return 2;
        }
        printLine(stdout, translated.helpText);
        return 0;
    }
    if (cli.options.showVersion) {
        printLine(stdout, QStringLiteral("socket-workbench %1").arg(QString::fromLatin1(kAppVersion)));
        return 0;
    }

    // Many clients need many descriptors: take what the hard limit allows,
    // and say so when even that cannot hold the client limit asked for.
    const ProcessSetup::FileLimit files = ProcessSetup::raiseFileLimit();
    const qint64 needed = qint64(cli.options.maxClients) + 256;
    // Room for every client's socket and its probe's duplicate, made while
    // this is the only thread (no other thread waits on the growth).
    ProcessSetup::reserveDescriptorTable(2 * qint64(qMax(cli.options.maxClients, 1000)) + 256);
    if (cli.options.tcpServer && cli.options.maxClients > 0 && files.now > 0 && files.now < needed)
        printLine(stderr, QStringLiteral("socket-workbench: the open-file limit is %1 (hard limit); "
                                         "--max-clients %2 needs about %3: raise it with ulimit -Hn")
                              .arg(files.now)
                              .arg(cli.options.maxClients)
                              .arg(needed));

    ProcessSetup::keepLargeBlocksInHeap();

    // Qt's own event loop instead of glib's: glib keeps each socket's poll
    // record in a list, so opening or closing one of n sockets walks n
    // records, and 10,000 clients leaving at once froze the window for
    // seconds. Qt's loop registers and removes a socket in constant time.
    // GTK's file dialogs need glib's loop to run, so Qt's own dialogs are
    // used then. SW_GLIB_EVENT_LOOP=1 keeps glib's loop (and native dialogs).
    const bool glibLoop = qEnvironmentVariableIntValue("SW_GLIB_EVENT_LOOP") == 1;
    if (!glibLoop) {
        qputenv("QT_NO_GLIB", "1");
        QCoreApplication::setAttribute(Qt::AA_DontUseNativeDialogs);
    }

    // Issue 19: the one-shot mode and a sequence without a window need no
    // display, so they run on a plain QCoreApplication (no GUI platform),
    // on a server as in a script.
    const bool headless = cli.options.quit || (cli.options.noWindow && cli.options.sequence);
    std::unique_ptr<QCoreApplication> application = headless
            ? std::make_unique<QCoreApplication>(argc, argv)
            : std::make_unique<QApplication>(argc, argv);
    QCoreApplication &app = *application;
    // Chosen before any widget exists: widgets take their texts when made.
    useLanguage(cli.options.language);
    QCoreApplication::setApplicationVersion(QString::fromLatin1(kAppVersion));
    if (!headless) {
        QApplication::setApplicationDisplayName(QStringLiteral("Socket Workbench"));
        QApplication::setDesktopFileName(QStringLiteral("io.github.socketworkbench.SocketWorkbench"));
        QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/socket-workbench.svg")));
    }

    ProcessSetup::quitOnSignals(&app);
    // 10,000 clients leaving at once would be 10,000 socket notices in one
    // pass of the event loop: spread over passes of at most 8 ms, so the
    // window answers in between. SW_SOCKET_PACING=0 turns it off.
    SocketActivationPacer pacer(QAbstractEventDispatcher::instance());
    if (qEnvironmentVariable("SW_SOCKET_PACING") != QLatin1String("0"))
        app.installEventFilter(&pacer);
    ProcessSetup::trimHeapWhileGrowing(&app);
    Workbench workbench;
    workbench.setPrintEvents(true, cli.options.verbose);
    // Issue 19: one-shot output is the answer alone; events go to standard
    // error, and only with --verbose. OneShot sends --send itself.
    CommandLine::Options applied = cli.options;
    if (cli.options.quit) {
        workbench.setPrintEvents(cli.options.verbose, true, stderr);
        applied.send.reset();
    }
    QString error;
    if (!workbench.applyOptions(applied, &error)) {
        printLine(stderr, QStringLiteral("socket-workbench: ") + error);
        return 2;
    }
    // Issue 19: --quit and --sequence end the program with their own status
    // (queued: they may finish before the event loop runs).
    std::unique_ptr<OneShot> oneShot;
    std::unique_ptr<SequenceCommand> sequenceCommand;
    const auto exitWith = [](int code) { QCoreApplication::exit(code); };
    if (cli.options.quit) {
        oneShot = std::make_unique<OneShot>(&workbench, cli.options);
        QObject::connect(oneShot.get(), &OneShot::done, &app, exitWith, Qt::QueuedConnection);
        oneShot->begin();
    }
    if (cli.options.sequence) {
        sequenceCommand = std::make_unique<SequenceCommand>(&workbench, cli.options);
        QObject::connect(sequenceCommand.get(), &SequenceCommand::done, &app, exitWith, Qt::QueuedConnection);
        sequenceCommand->begin();
    }

    // The payload library: a file that cannot be read is left as it is, and
    // the window says why.
    workbench.library()->open(PayloadLibrary::defaultPath());

    std::unique_ptr<MainWindow> window;
    if (!cli.options.noWindow)
        window = std::make_unique<MainWindow>(&workbench);
    if (!cli.options.lesson.isEmpty()) {
        // --capture records the lesson's sessions like the command line's
        // own: each from its first event, so it starts as each is added.
        QString captureError;
        QMetaObject::Connection capturing;
        if (!cli.options.captureDir.isEmpty()) {
            capturing = QObject::connect(&workbench, &Workbench::sessionAdded, &workbench,
                                         [&workbench, &cli, &captureError](Session *session) {
                                             QString why;
                                             if (!workbench.startCapture(session, cli.options.captureDir, &why)
                                                 && captureError.isEmpty())
                                                 captureError = why;
                                         });
        }
        // The window's way also shows the explanation and keeps the tabs
        // together as the lesson's; without a window the sessions just run.
        if (window)
            window->startLesson(cli.options.lesson);
        else
            LessonLibrary::setUp(cli.options.lesson, &workbench);
        QObject::disconnect(capturing);
        if (!captureError.isEmpty()) {
            printLine(stderr, QStringLiteral("socket-workbench: --capture: ") + captureError);
            return 2;
        }
    }
    if (window) {
        // Sessions from the command line (a lesson's too) replace the
        // remembered tabs, which stay saved for the next plain start.
        if (workbench.sessions().isEmpty())
            window->restoreTabs();
        else
            window->setPersistTabs(false);
        if (!cli.options.view.isEmpty())
            window->showView(cli.options.view);
        window->show();
    }
    const int rc = headless ? QCoreApplication::exec() : QApplication::exec();
    window.reset();
    // A sequence cut short by SIGINT/SIGTERM still says how far it got.
    if (sequenceCommand)
        sequenceCommand->stop();
    // One-shot output is the answer alone: no totals.
    if (oneShot) {
        for (Session *session : workbench.sessions())
            session->stop();
        workbench.flushPrinted();
        return rc;
    }
    // What each session counted, for scripts and benchmarks that compare it
    // with what they sent: stopped first, so what was read is also counted.
    for (Session *session : workbench.sessions())
        session->stop();
    // Their last events before the totals that count them.
    workbench.flushPrinted();
    for (const Session *session : workbench.sessions()) {
        const SessionCounters c = session->counters();
        QString line = QStringLiteral("totals %1#%2 in=%3 messages-in=%4 out=%5 messages-out=%6 "
                                      "connections=%7 errors=%8 log-dropped=%9")
                           .arg(TrafficEvent::sessionName(session->kind()))
                           .arg(session->id())
                           .arg(c.bytesIn)
                           .arg(c.messagesIn)
                           .arg(c.bytesOut)
                           .arg(c.messagesOut)
                           .arg(c.connections)
                           .arg(c.errors)
                           .arg(session->log()->droppedEvents());
        line += QStringLiteral(" log-dropped-bytes=%1").arg(session->log()->droppedPayloadBytes());
        // UDP: what the kernel dropped before we could read it, counted by
        // the socket, and the auto-replies the limits held back.
        if (const auto *udp = qobject_cast<const UdpSession *>(session))
            line += QStringLiteral(" kernel-drops=%1 replies-suppressed=%2")
                        .arg(udp->kernelDrops())
                        .arg(udp->repliesSuppressed());
        printLine(stdout, line);
    }
    return rc;
}
