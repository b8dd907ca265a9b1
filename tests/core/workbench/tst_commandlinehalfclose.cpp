// --on-peer-fin and --reconnect: parsed, refused with the option's name when
// bad, and carried into the sessions' settings (and through QSettings).

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
} // namespace

class TestCommandLineHalfClose : public QObject
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
};

void TestCommandLineHalfClose::defaults()
{
    const CommandLine::Result r = run({u"--tcp-client"_s, u"127.0.0.1:80"_s});
    QVERIFY2(r.ok(), qPrintable(r.error));
    QVERIFY(r.options.keepOpenOnPeerFin);  // keep: what TCP does
    QCOMPARE(r.options.reconnectMs, 0);
    const SessionSettings client = Workbench::settingsFromOptions(r.options, SessionKind::TcpClient);
    QVERIFY(client.keepOpenOnPeerFin);
    QVERIFY(!client.autoReconnect);
    QCOMPARE(client.reconnectIntervalMs, 2000);
}

void TestCommandLineHalfClose::good_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<bool>("keep");
    QTest::addColumn<int>("reconnectMs");
    QTest::newRow("server, close") << QStringList{u"--tcp-server"_s, u"127.0.0.1:0"_s, u"--on-peer-fin"_s, u"close"_s}
                                   << false << 0;
    QTest::newRow("server, keep") << QStringList{u"--tcp-server"_s, u"127.0.0.1:0"_s, u"--on-peer-fin"_s, u"keep"_s}
                                  << true << 0;
    QTest::newRow("client, reconnect 100") << QStringList{u"--tcp-client"_s, u"127.0.0.1:80"_s, u"--reconnect"_s, u"100"_s}
                                           << true << 100;
    QTest::newRow("client, close, reconnect 3600000")
        << QStringList{u"--tcp-client"_s, u"[::1]:80"_s, u"--on-peer-fin=close"_s, u"--reconnect=3600000"_s}
        << false << 3600000;
}

void TestCommandLineHalfClose::good()
{
    QFETCH(QStringList, args);
    QFETCH(bool, keep);
    QFETCH(int, reconnectMs);
    const CommandLine::Result r = run(args);
    QVERIFY2(r.ok(), qPrintable(r.error));
    QCOMPARE(r.options.keepOpenOnPeerFin, keep);
    QCOMPARE(r.options.reconnectMs, reconnectMs);
    const SessionKind kind = r.options.tcpServer ? SessionKind::TcpServer : SessionKind::TcpClient;
    const SessionSettings s = Workbench::settingsFromOptions(r.options, kind);
    QCOMPARE(s.keepOpenOnPeerFin, keep);
    QCOMPARE(s.autoReconnect, reconnectMs > 0);
    if (reconnectMs > 0)
        QCOMPARE(s.reconnectIntervalMs, reconnectMs);
}

void TestCommandLineHalfClose::bad_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("prefix");
    QTest::newRow("on-peer-fin maybe") << QStringList{u"--tcp-server"_s, u"127.0.0.1:0"_s, u"--on-peer-fin"_s, u"maybe"_s}
                                       << u"--on-peer-fin: "_s;
    QTest::newRow("on-peer-fin KEEP") << QStringList{u"--tcp-server"_s, u"127.0.0.1:0"_s, u"--on-peer-fin"_s, u"KEEP"_s}
                                      << u"--on-peer-fin: "_s;
    QTest::newRow("reconnect without client") << QStringList{u"--tcp-server"_s, u"127.0.0.1:0"_s, u"--reconnect"_s, u"500"_s}
                                              << u"--reconnect: "_s;
    QTest::newRow("reconnect 99") << QStringList{u"--tcp-client"_s, u"127.0.0.1:80"_s, u"--reconnect"_s, u"99"_s}
                                  << u"--reconnect: "_s;
    QTest::newRow("reconnect 3600001") << QStringList{u"--tcp-client"_s, u"127.0.0.1:80"_s, u"--reconnect"_s, u"3600001"_s}
                                       << u"--reconnect: "_s;
    QTest::newRow("reconnect soon") << QStringList{u"--tcp-client"_s, u"127.0.0.1:80"_s, u"--reconnect"_s, u"soon"_s}
                                    << u"--reconnect: "_s;
}

void TestCommandLineHalfClose::bad()
{
    QFETCH(QStringList, args);
    QFETCH(QString, prefix);
    const CommandLine::Result r = run(args);
    QVERIFY(!r.ok());
    QVERIFY2(r.error.startsWith(prefix), qPrintable(r.error));
    QVERIFY(!r.error.contains(u'\n'));
}

void TestCommandLineHalfClose::savedAndRestored_data()
{
    QTest::addColumn<SessionKind>("kind");
    QTest::newRow("server") << SessionKind::TcpServer;
    QTest::newRow("client") << SessionKind::TcpClient;
}

void TestCommandLineHalfClose::savedAndRestored()
{
    QFETCH(SessionKind, kind);
    SessionSettings s;
    s.keepOpenOnPeerFin = false;
    s.autoReconnect = true;
    s.reconnectIntervalMs = 1234;
    QStringList problems;
    const SessionSettings back = SessionSettings::fromMap(kind, s.toMap(kind), SessionSettings{}, &problems);
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
    QCOMPARE(back.keepOpenOnPeerFin, false);
    if (kind == SessionKind::TcpClient) {
        QVERIFY(back.autoReconnect);
        QCOMPARE(back.reconnectIntervalMs, 1234);
    }
    // Saved before the setting existed: the default, keep.
    QVariantMap old = s.toMap(kind);
    old.remove(u"keepOpenOnPeerFin"_s);
    QVERIFY(SessionSettings::fromMap(kind, old, SessionSettings{}).keepOpenOnPeerFin);
}

QTEST_GUILESS_MAIN(TestCommandLineHalfClose)
#include "tst_commandlinehalfclose.moc"
