// The command line's limits: --reply-rate, --reply-bytes-rate,
// --reply-max-size (UDP auto-replies) and --log-budget, with good and bad
// values, and Workbench applying them to the sessions it opens.

#include "core/log/TrafficLog.h"
#include "core/net/TcpClientSession.h"
#include "core/net/TcpServerSession.h"
#include "core/net/UdpSession.h"
#include "core/workbench/CommandLine.h"
#include "core/workbench/Workbench.h"

#include <QTest>

using namespace Qt::Literals::StringLiterals;

namespace {
CommandLine::Result run(const QStringList &args)
{
    return CommandLine::parse(QStringList{u"socket-workbench"_s} + args);
}
const QStringList kUdp{u"--udp"_s, u"127.0.0.1:0"_s};
} // namespace

class TestCommandLineLimits : public QObject
{
    Q_OBJECT
private slots:
    void defaults();
    void helpNamesThem();
    void goodValues_data();
    void goodValues();
    void badValues_data();
    void badValues();
    void workbenchAppliesThem();
    void logBudgetReachesLaterSessions();
};

void TestCommandLineLimits::defaults()
{
    const CommandLine::Result r = run(kUdp);
    QVERIFY2(r.ok(), qPrintable(r.error));
    QCOMPARE(r.options.replyLimits.repliesPerSecond, 100);
    QCOMPARE(r.options.replyLimits.bytesPerSecond, 65536);
    QCOMPARE(r.options.replyLimits.maxReplySize, 1472);
    QCOMPARE(r.options.logBudgetMiB, 0);
    QCOMPARE(r.options.maxClients, 1000);
}

void TestCommandLineLimits::helpNamesThem()
{
    const QString help = run({u"--help"_s}).helpText;
    for (const QString &option : {u"--reply-rate <N>"_s, u"--reply-bytes-rate <BYTES>"_s,
                                  u"--reply-max-size <BYTES>"_s, u"--log-budget <MIB>"_s})
        QVERIFY2(help.contains(option), qPrintable(option));
    QVERIFY(help.contains(u"default 100"_s));
    QVERIFY(help.contains(u"default 1472"_s));
    QVERIFY(help.contains(u"default 64)"_s));
}

void TestCommandLineLimits::goodValues_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("rate");
    QTest::addColumn<qint64>("bytes");
    QTest::addColumn<int>("maxSize");
    QTest::addColumn<int>("budget");
    QTest::newRow("rate 0") << QStringList{u"--reply-rate"_s, u"0"_s} << 0 << qint64(65536) << 1472 << 0;
    QTest::newRow("rate 1") << QStringList{u"--reply-rate"_s, u"1"_s} << 1 << qint64(65536) << 1472 << 0;
    QTest::newRow("rate 1000000") << QStringList{u"--reply-rate=1000000"_s} << 1000000 << qint64(65536) << 1472 << 0;
    QTest::newRow("bytes 0") << QStringList{u"--reply-bytes-rate"_s, u"0"_s} << 100 << qint64(0) << 1472 << 0;
    QTest::newRow("bytes 1 GiB") << QStringList{u"--reply-bytes-rate"_s, u"1073741824"_s} << 100
                                 << qint64(1073741824) << 1472 << 0;
    QTest::newRow("size 1") << QStringList{u"--reply-max-size"_s, u"1"_s} << 100 << qint64(65536) << 1 << 0;
    QTest::newRow("size 65527") << QStringList{u"--reply-max-size"_s, u" 65527 "_s} << 100 << qint64(65536) << 65527 << 0;
    QTest::newRow("budget 1") << QStringList{u"--log-budget"_s, u"1"_s} << 100 << qint64(65536) << 1472 << 1;
    QTest::newRow("budget 16384") << QStringList{u"--log-budget"_s, u"16384"_s} << 100 << qint64(65536) << 1472 << 16384;
}

void TestCommandLineLimits::goodValues()
{
    QFETCH(QStringList, args);
    QFETCH(int, rate);
    QFETCH(qint64, bytes);
    QFETCH(int, maxSize);
    QFETCH(int, budget);
    const CommandLine::Result r = run(kUdp + args);
    QVERIFY2(r.ok(), qPrintable(r.error));
    QCOMPARE(r.options.replyLimits.repliesPerSecond, rate);
    QCOMPARE(r.options.replyLimits.bytesPerSecond, bytes);
    QCOMPARE(r.options.replyLimits.maxReplySize, maxSize);
    QCOMPARE(r.options.logBudgetMiB, budget);
}

void TestCommandLineLimits::badValues_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("error");
    auto row = [](const QStringList &args, const QString &error) {
        QTest::newRow(qPrintable(args.join(u' '))) << args << error;
    };
    row(kUdp + QStringList{u"--reply-rate"_s, u"-1"_s}, u"--reply-rate: “-1” is not a number from 0 to 1000000"_s);
    row(kUdp + QStringList{u"--reply-rate"_s, u"1000001"_s}, u"--reply-rate: “1000001” is not a number from 0 to 1000000"_s);
    row(kUdp + QStringList{u"--reply-rate"_s, u"fast"_s}, u"--reply-rate: “fast” is not a number"_s);
    row(kUdp + QStringList{u"--reply-rate"_s, u"1.5"_s}, u"--reply-rate: “1.5” is not a number"_s);
    row(kUdp + QStringList{u"--reply-bytes-rate"_s, u"-5"_s}, u"--reply-bytes-rate: “-5” is not a number from 0 to 1073741824"_s);
    row(kUdp + QStringList{u"--reply-bytes-rate"_s, u"1073741825"_s}, u"--reply-bytes-rate: “1073741825” is not a number"_s);
    row(kUdp + QStringList{u"--reply-bytes-rate"_s, u"64k"_s}, u"--reply-bytes-rate: “64k” is not a number"_s);
    row(kUdp + QStringList{u"--reply-max-size"_s, u"0"_s}, u"--reply-max-size: “0” is not a number from 1 to 65527"_s);
    row(kUdp + QStringList{u"--reply-max-size"_s, u"65528"_s}, u"--reply-max-size: “65528” is not a number from 1 to 65527"_s);
    row(kUdp + QStringList{u"--reply-max-size"_s, QString()}, u"--reply-max-size: “” is not a number"_s);
    row(kUdp + QStringList{u"--reply-rate"_s, u"5"_s, u"--reply-rate"_s, u"6"_s}, u"--reply-rate: given more than once"_s);
    // UDP only: TCP peers cannot forge their address, so TCP replies need no such limit.
    row({u"--tcp-server"_s, u"127.0.0.1:0"_s, u"--reply-rate"_s, u"5"_s}, u"--reply-rate: needs --udp or --udp-target"_s);
    row({u"--reply-max-size"_s, u"100"_s}, u"--reply-max-size: needs --udp or --udp-target"_s);
    row({u"--reply-bytes-rate"_s, u"100"_s}, u"--reply-bytes-rate: needs --udp or --udp-target"_s);
    row({u"--log-budget"_s, u"0"_s}, u"--log-budget: “0” is not a number from 1 to 16384"_s);
    row({u"--log-budget"_s, u"16385"_s}, u"--log-budget: “16385” is not a number from 1 to 16384"_s);
    row({u"--log-budget"_s, u"64M"_s}, u"--log-budget: “64M” is not a number"_s);
    row({u"--log-budget"_s, u"-1"_s}, u"--log-budget: “-1” is not a number"_s);
}

void TestCommandLineLimits::badValues()
{
    QFETCH(QStringList, args);
    QFETCH(QString, error);
    const CommandLine::Result r = run(args);
    QVERIFY2(!r.ok(), "accepted");
    QVERIFY2(r.error.startsWith(error), qPrintable(r.error));
    QVERIFY(!r.error.contains(u'\n'));
}

void TestCommandLineLimits::workbenchAppliesThem()
{
    const CommandLine::Result r = run(kUdp + QStringList{u"--tcp-server"_s, u"127.0.0.1:0"_s, u"--reply"_s, u"echo"_s,
                                                         u"--reply-rate"_s, u"7"_s, u"--reply-bytes-rate"_s, u"900"_s,
                                                         u"--reply-max-size"_s, u"333"_s, u"--log-budget"_s, u"3"_s});
    QVERIFY2(r.ok(), qPrintable(r.error));
    Workbench w;
    QString error;
    QVERIFY2(w.applyOptions(r.options, &error), qPrintable(error));
    QCOMPARE(w.sessions().size(), 2);
    for (Session *s : w.sessions())
        QCOMPARE(s->log()->byteBudget(), 3ll * 1024 * 1024);
    UdpSession *udp = nullptr;
    for (Session *s : w.sessions())
        udp = udp ? udp : qobject_cast<UdpSession *>(s);
    QVERIFY(udp);
    QCOMPARE(udp->replyLimits().repliesPerSecond, 7);
    QCOMPARE(udp->replyLimits().bytesPerSecond, 900);
    QCOMPARE(udp->replyLimits().maxReplySize, 333);
}

void TestCommandLineLimits::logBudgetReachesLaterSessions()
{
    Workbench w;
    Session *before = w.addTcpServer();
    QCOMPARE(before->log()->byteBudget(), TrafficLog::kDefaultBudget);
    w.setLogBudget(5ll * 1024 * 1024);
    QCOMPARE(before->log()->byteBudget(), 5ll * 1024 * 1024);
    QCOMPARE(w.addUdp()->log()->byteBudget(), 5ll * 1024 * 1024);
    QCOMPARE(w.addTcpClient()->log()->byteBudget(), 5ll * 1024 * 1024);
}

QTEST_GUILESS_MAIN(TestCommandLineLimits)
#include "tst_commandlinelimits.moc"
