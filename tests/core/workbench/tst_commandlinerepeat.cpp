// --repeat COUNT and --interval MS: parsed and checked with --send, and
// Workbench starting the repeat through the session's own repeater (the one
// its page shows) against real python-free peers on loopback: a QUdpSocket
// and a QTcpServer.

#include "core/net/RepeatSender.h"
#include "core/net/Session.h"
#include "core/workbench/CommandLine.h"
#include "core/workbench/Workbench.h"

#include <QNetworkDatagram>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QUdpSocket>

using namespace Qt::Literals::StringLiterals;

namespace {
CommandLine::Result run(const QStringList &args)
{
    return CommandLine::parse(QStringList{u"socket-workbench"_s} + args);
}
const QStringList kUdpSend{u"--udp-target"_s, u"127.0.0.1:9"_s, u"--send"_s, u"ping"_s};
} // namespace

class TestCommandLineRepeat : public QObject
{
    Q_OBJECT
private slots:
    void withoutRepeatSendsOnce();
    void goodValues_data();
    void goodValues();
    void badValues_data();
    void badValues();
    void helpNamesThem();
    void udpRepeatGoesThroughTheSessionsRepeater();
    void tcpRepeatStartsOnceConnected();
};

void TestCommandLineRepeat::withoutRepeatSendsOnce()
{
    const CommandLine::Result r = run(kUdpSend);
    QVERIFY2(r.ok(), qPrintable(r.error));
    QVERIFY(!r.options.repeatCount);
    QCOMPARE(r.options.repeatIntervalMs, 1000);
}

void TestCommandLineRepeat::goodValues_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("count");
    QTest::addColumn<int>("interval");
    QTest::newRow("10 every 1 ms") << QStringList{u"--repeat"_s, u"10"_s, u"--interval"_s, u"1"_s} << 10 << 1;
    QTest::newRow("until stopped, default interval") << QStringList{u"--repeat"_s, u"0"_s} << 0 << 1000;
    QTest::newRow("as fast as possible") << QStringList{u"--repeat=1"_s, u"--interval=0"_s} << 1 << 0;
    QTest::newRow("the largest") << QStringList{u"--repeat"_s, u" 1000000 "_s, u"--interval"_s, u"3600000"_s}
                                 << 1000000 << 3600000;
}

void TestCommandLineRepeat::goodValues()
{
    QFETCH(QStringList, args);
    QFETCH(int, count);
    QFETCH(int, interval);
    const CommandLine::Result r = run(kUdpSend + args);
    QVERIFY2(r.ok(), qPrintable(r.error));
    QVERIFY(r.options.repeatCount);
    QCOMPARE(*r.options.repeatCount, count);
    QCOMPARE(r.options.repeatIntervalMs, interval);
}

void TestCommandLineRepeat::badValues_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("error");
    auto row = [](const QStringList &args, const QString &error) {
        QTest::newRow(qPrintable(args.join(u' '))) << args << error;
    };
    row(kUdpSend + QStringList{u"--repeat"_s, u"-1"_s}, u"--repeat: “-1” is not a number from 0 to 1000000"_s);
    row(kUdpSend + QStringList{u"--repeat"_s, u"1000001"_s}, u"--repeat: “1000001” is not a number from 0 to 1000000"_s);
    row(kUdpSend + QStringList{u"--repeat"_s, u"many"_s}, u"--repeat: “many” is not a number"_s);
    row(kUdpSend + QStringList{u"--repeat"_s, u"5"_s, u"--interval"_s, u"-1"_s},
        u"--interval: “-1” is not a number from 0 to 3600000"_s);
    row(kUdpSend + QStringList{u"--repeat"_s, u"5"_s, u"--interval"_s, u"1.5"_s}, u"--interval: “1.5” is not a number"_s);
    row(kUdpSend + QStringList{u"--repeat"_s, u"5"_s, u"--interval"_s, u"3600001"_s},
        u"--interval: “3600001” is not a number"_s);
    row(kUdpSend + QStringList{u"--repeat"_s, u"5"_s, u"--repeat"_s, u"6"_s}, u"--repeat: given more than once"_s);
    row({u"--udp-target"_s, u"127.0.0.1:9"_s, u"--repeat"_s, u"5"_s}, u"--repeat: needs --send"_s);
    row(kUdpSend + QStringList{u"--interval"_s, u"5"_s}, u"--interval: needs --repeat"_s);
    row({u"--repeat"_s, u"5"_s}, u"--repeat: needs --send"_s);
}

void TestCommandLineRepeat::badValues()
{
    QFETCH(QStringList, args);
    QFETCH(QString, error);
    const CommandLine::Result r = run(args);
    QVERIFY2(!r.ok(), "accepted");
    QVERIFY2(r.error.startsWith(error), qPrintable(r.error));
    QVERIFY(!r.error.contains(u'\n'));
}

void TestCommandLineRepeat::helpNamesThem()
{
    const QString help = run({u"--help"_s}).helpText;
    QVERIFY(help.contains(u"--repeat <COUNT>"_s));
    QVERIFY(help.contains(u"--interval <MS>"_s));
}

void TestCommandLineRepeat::udpRepeatGoesThroughTheSessionsRepeater()
{
    QUdpSocket peer;
    QVERIFY(peer.bind(QHostAddress::LocalHost, 0));
    const CommandLine::Result r = run({u"--udp-target"_s, u"127.0.0.1:%1"_s.arg(peer.localPort()), u"--send"_s,
                                       u"tick\\n"_s, u"--repeat"_s, u"5"_s, u"--interval"_s, u"1"_s});
    QVERIFY2(r.ok(), qPrintable(r.error));
    Workbench w;
    w.setPrintEvents(false, false);
    QString error;
    QVERIFY2(w.applyOptions(r.options, &error), qPrintable(error));
    QCOMPARE(w.sessions().size(), 1);
    RepeatSender *repeat = w.sessions().constFirst()->repeater();
    QSignalSpy finished(repeat, &RepeatSender::finished);
    QTRY_COMPARE(finished.size(), 1);
    QCOMPARE(finished.at(0).at(0).toBool(), true);
    QCOMPARE(repeat->total(), 5);
    QCOMPARE(repeat->intervalMs(), 1);
    QByteArrayList got;
    QTRY_VERIFY([&] {
        while (peer.hasPendingDatagrams())
            got.append(peer.receiveDatagram().data());
        return got.size() >= 5;
    }());
    QCOMPARE(got, QByteArrayList(5, "tick\n"));
    QCOMPARE(w.sessions().constFirst()->counters().messagesOut, quint64(5));
}

void TestCommandLineRepeat::tcpRepeatStartsOnceConnected()
{
    QTcpServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    const CommandLine::Result r = run({u"--tcp-client"_s, u"127.0.0.1:%1"_s.arg(server.serverPort()), u"--send"_s,
                                       u"ab"_s, u"--repeat"_s, u"0"_s, u"--interval"_s, u"2"_s});
    QVERIFY2(r.ok(), qPrintable(r.error));
    Workbench w;
    w.setPrintEvents(false, false);
    QString error;
    QVERIFY2(w.applyOptions(r.options, &error), qPrintable(error));
    RepeatSender *repeat = w.sessions().constFirst()->repeater();
    QVERIFY(!repeat->isRunning());   // not before the connection is up
    QTRY_VERIFY(server.hasPendingConnections());
    std::unique_ptr<QTcpSocket> peer(server.nextPendingConnection());
    QByteArray got;
    // Until stopped: it runs on past any count until stop().
    QTRY_VERIFY((got += peer->readAll()).size() >= 20);
    QVERIFY(repeat->isRunning());
    QVERIFY(repeat->untilStopped());
    repeat->stop();
    QVERIFY(repeat->wasStopped());
    QVERIFY(got.startsWith("abababab"));
}

QTEST_GUILESS_MAIN(TestCommandLineRepeat)
#include "tst_commandlinerepeat.moc"
