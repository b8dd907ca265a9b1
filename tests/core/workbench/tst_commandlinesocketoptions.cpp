// Issue 21: --no-reuseaddr and --nodelay: parsed, refused with the option's
// name where they mean nothing, carried into the sessions' settings, and
// saved and restored with the tab (a tab saved before them gets the defaults).

#include "core/net/SessionSettings.h"
#include "core/workbench/CommandLine.h"
#include "core/workbench/Workbench.h"

#include <QTest>

using namespace Qt::Literals::StringLiterals;

namespace {
CommandLine::Result run(const QStringList &args)
{
    return CommandLine::parse(QStringList{u"socket-workbench"_s} + args);
}
const QStringList kServer{u"--tcp-server"_s, u"127.0.0.1:0"_s};
const QStringList kClient{u"--tcp-client"_s, u"127.0.0.1:80"_s};
} // namespace

class TestCommandLineSocketOptions : public QObject
{
    Q_OBJECT
private slots:
    void defaults();
    void good_data();
    void good();
    void bad_data();
    void bad();
    void savedAndRestored_data();
    void savedAndRestored();
    void inHelp();
};

void TestCommandLineSocketOptions::defaults()
{
    const CommandLine::Result r = run(kServer + kClient);
    QVERIFY2(r.ok(), qPrintable(r.error));
    QVERIFY(r.options.reuseAddress);   // as servers (and Qt) do
    QVERIFY(!r.options.noDelay);       // Nagle on, as the kernel has it
    const SessionSettings server = Workbench::settingsFromOptions(r.options, SessionKind::TcpServer);
    QVERIFY(server.reuseAddress);
    QVERIFY(!server.noDelay);
    QVERIFY(!Workbench::settingsFromOptions(r.options, SessionKind::TcpClient).noDelay);
}

void TestCommandLineSocketOptions::good_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<bool>("reuse");
    QTest::addColumn<bool>("noDelay");
    QTest::newRow("server --no-reuseaddr") << kServer + QStringList{u"--no-reuseaddr"_s} << false << false;
    QTest::newRow("server --nodelay") << kServer + QStringList{u"--nodelay"_s} << true << true;
    QTest::newRow("server, both") << kServer + QStringList{u"--nodelay"_s, u"--no-reuseaddr"_s} << false << true;
    QTest::newRow("client --nodelay") << kClient + QStringList{u"--nodelay"_s} << true << true;
}

void TestCommandLineSocketOptions::good()
{
    QFETCH(QStringList, args);
    QFETCH(bool, reuse);
    QFETCH(bool, noDelay);
    const CommandLine::Result r = run(args);
    QVERIFY2(r.ok(), qPrintable(r.error));
    QCOMPARE(r.options.reuseAddress, reuse);
    QCOMPARE(r.options.noDelay, noDelay);
    const SessionKind kind = r.options.tcpServer ? SessionKind::TcpServer : SessionKind::TcpClient;
    const SessionSettings s = Workbench::settingsFromOptions(r.options, kind);
    QCOMPARE(s.noDelay, noDelay);
    if (kind == SessionKind::TcpServer)
        QCOMPARE(s.reuseAddress, reuse);
}

void TestCommandLineSocketOptions::bad_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("error");
    QTest::newRow("--no-reuseaddr on a client") << kClient + QStringList{u"--no-reuseaddr"_s}
                                                << u"--no-reuseaddr: needs --tcp-server"_s;
    QTest::newRow("--no-reuseaddr alone") << QStringList{u"--no-reuseaddr"_s} << u"--no-reuseaddr: needs --tcp-server"_s;
    QTest::newRow("--nodelay on UDP") << QStringList{u"--udp"_s, u"127.0.0.1:0"_s, u"--nodelay"_s}
                                      << u"--nodelay: needs --tcp-server or --tcp-client"_s;
    QTest::newRow("--nodelay=1") << kClient + QStringList{u"--nodelay=1"_s} << QString();
}

void TestCommandLineSocketOptions::bad()
{
    QFETCH(QStringList, args);
    QFETCH(QString, error);
    const CommandLine::Result r = run(args);
    QVERIFY(!r.ok());
    if (!error.isEmpty())
        QCOMPARE(r.error, error);
    QVERIFY(!r.error.contains(u'\n'));
}

void TestCommandLineSocketOptions::savedAndRestored_data()
{
    QTest::addColumn<SessionKind>("kind");
    QTest::newRow("server") << SessionKind::TcpServer;
    QTest::newRow("client") << SessionKind::TcpClient;
}

void TestCommandLineSocketOptions::savedAndRestored()
{
    QFETCH(SessionKind, kind);
    SessionSettings s;
    s.reuseAddress = false;
    s.noDelay = true;
    QStringList problems;
    const QVariantMap saved = s.toMap(kind);
    const SessionSettings back = SessionSettings::fromMap(kind, saved, SessionSettings{}, &problems);
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
    QCOMPARE(back.noDelay, true);
    QCOMPARE(saved.value(u"noDelay"_s).toBool(), true);
    // The client has no SO_REUSEADDR switch: nothing saved, nothing taken.
    QCOMPARE(saved.contains(u"reuseAddress"_s), kind == SessionKind::TcpServer);
    QCOMPARE(back.reuseAddress, kind != SessionKind::TcpServer);
    // Saved before the options existed: the defaults.
    QVariantMap old = saved;
    old.remove(u"reuseAddress"_s);
    old.remove(u"noDelay"_s);
    const SessionSettings before = SessionSettings::fromMap(kind, old, SessionSettings{});
    QVERIFY(before.reuseAddress);
    QVERIFY(!before.noDelay);
    QVERIFY(!SessionSettings::fromMap(SessionKind::Udp, saved, SessionSettings{}).noDelay);
}

void TestCommandLineSocketOptions::inHelp()
{
    const QString help = run({u"--help"_s}).helpText;
    QVERIFY2(help.contains(u"--no-reuseaddr"_s) && help.contains(u"--nodelay"_s), qPrintable(help));
}

QTEST_GUILESS_MAIN(TestCommandLineSocketOptions)
#include "tst_commandlinesocketoptions.moc"
