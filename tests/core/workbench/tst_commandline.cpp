// CommandLine::parse: every option with good and bad values. A bad value is
// a one-line error that starts with the option it belongs to ("--udp: …").

#include "core/workbench/CommandLine.h"
#include "core/reply/ReplyRules.h"
#include "core/workbench/Workbench.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QHostAddress>
#include <QTest>

using namespace Qt::Literals::StringLiterals;

namespace {
CommandLine::Result run(const QStringList &args)
{
    return CommandLine::parse(QStringList{u"socket-workbench"_s} + args);
}

QString tagOf(const QStringList &args)
{
    QString tag = args.join(u' ');
    tag.replace(u'\n', u"\\n"_s);
    return tag.isEmpty() ? u"(no arguments)"_s : tag;
}
} // namespace

class TestCommandLine : public QObject
{
    Q_OBJECT
private slots:
    void defaults();
    void helpText();
    void helpAndVersion_data();
    void helpAndVersion();

    void listen_data();
    void listen();
    void target_data();
    void target();
    void counts_data();
    void counts();
    void flags();
    void encoding_data();
    void encoding();
    void reply_data();
    void reply();
    void greeting_data();
    void greeting();
    void send_data();
    void send();
    void log();
    void capture_data();
    void capture();
    void language_data();
    void language();
    void everythingTogether();

    void checksum_data();
    void checksum();
    void badValue_data();
    void badValue();
    void structuralErrors_data();
    void structuralErrors();
};

void TestCommandLine::defaults()
{
    const CommandLine::Result r = run({});
    QVERIFY2(r.ok(), qPrintable(r.error));
    const CommandLine::Options &o = r.options;
    QVERIFY(!o.tcpServer);
    QVERIFY(!o.tcpClient);
    QVERIFY(!o.udp);
    QVERIFY(!o.udpTarget);
    QVERIFY(!o.clientBind);
    QVERIFY(!o.send);
    QCOMPARE(o.encoding, u"UTF-8"_s);
    QCOMPARE(ReplyRules::replySpecOf(o.rules), QString());
    QCOMPARE(o.greeting, QByteArray());
    QCOMPARE(o.logFile, QString());
    QCOMPARE(o.captureDir, QString());
    QCOMPARE(o.backlog, 4096);
    QCOMPARE(o.maxClients, 1000);
    QCOMPARE(o.connectTimeoutMs, 10000);
    QVERIFY(!o.broadcast);
    QVERIFY(!o.verbose);
    QVERIFY(!o.showHelp);
    QVERIFY(!o.showVersion);
    QVERIFY(!o.noWindow);
    QCOMPARE(o.language, QString());  // the saved choice or the system's
}

void TestCommandLine::helpText()
{
    const QString help = run({}).helpText;
    const QStringList options{u"--tcp-server"_s, u"--tcp-client"_s, u"--udp"_s, u"--udp-target"_s,
                              u"--encoding"_s, u"--reply"_s, u"--greeting"_s, u"--send"_s, u"--log"_s,
                              u"--capture"_s, u"--backlog"_s, u"--max-clients"_s, u"--connect-timeout"_s, u"--bind"_s,
                              u"--broadcast"_s, u"--verbose"_s, u"--no-window"_s, u"--language"_s, u"--help"_s,
                              u"--version"_s};
    for (const QString &option : options)
        QVERIFY2(help.contains(option), qPrintable(option));
    // The encodings and languages on offer are listed.
    QVERIFY(help.contains(u"GBK"_s));
    QVERIFY(help.contains(u"zh_CN"_s));
    // Also there when parsing fails, so the program can print it.
    QVERIFY(!run({u"--nonsense"_s}).helpText.isEmpty());
}

void TestCommandLine::helpAndVersion_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<bool>("help");
    QTest::addColumn<bool>("version");

    auto row = [](const QStringList &args, bool help, bool version) {
        QTest::newRow(qPrintable(tagOf(args))) << args << help << version;
    };
    row({u"--help"_s}, true, false);
    row({u"-h"_s}, true, false);
    row({u"--version"_s}, false, true);
    row({u"-v"_s}, false, true);
    // Help wins over values that would be errors: nothing is checked.
    row({u"--help"_s, u"--backlog"_s, u"lots"_s}, true, false);
    row({u"--version"_s, u"--tcp-server"_s, u"nowhere"_s}, false, true);
    row({u"--help"_s, u"--language"_s, u"klingon"_s}, true, false);
}

void TestCommandLine::helpAndVersion()
{
    QFETCH(QStringList, args);
    QFETCH(bool, help);
    QFETCH(bool, version);
    const CommandLine::Result r = run(args);
    QVERIFY2(r.ok(), qPrintable(r.error));
    QCOMPARE(r.options.showHelp, help);
    QCOMPARE(r.options.showVersion, version);
    QVERIFY(!r.options.tcpServer);
}

void TestCommandLine::listen_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("option");
    QTest::addColumn<QString>("address");
    QTest::addColumn<int>("port");

    auto row = [](const QStringList &args, const QString &option, const QString &address, int port) {
        QTest::newRow(qPrintable(tagOf(args))) << args << option << address << port;
    };
    row({u"--tcp-server"_s, u"127.0.0.1:8000"_s}, u"tcp-server"_s, u"127.0.0.1"_s, 8000);
    row({u"--tcp-server=127.0.0.1:8001"_s}, u"tcp-server"_s, u"127.0.0.1"_s, 8001);
    row({u"--tcp-server"_s, u"0.0.0.0:0"_s}, u"tcp-server"_s, u"0.0.0.0"_s, 0);
    row({u"--tcp-server"_s, u"[::1]:9000"_s}, u"tcp-server"_s, u"::1"_s, 9000);
    row({u"--tcp-server"_s, u"[::]:0"_s}, u"tcp-server"_s, u"::"_s, 0);
    row({u"--udp"_s, u"127.0.0.1:0"_s}, u"udp"_s, u"127.0.0.1"_s, 0);
    row({u"--udp"_s, u"192.168.1.5:65535"_s}, u"udp"_s, u"192.168.1.5"_s, 65535);
    row({u"--udp"_s, u"[2001:db8::1]:5353"_s}, u"udp"_s, u"2001:db8::1"_s, 5353);
    row({u"--tcp-client"_s, u"localhost:80"_s, u"--bind"_s, u"127.0.0.1:0"_s}, u"bind"_s, u"127.0.0.1"_s, 0);
    // Order on the command line does not matter.
    row({u"--bind"_s, u"[::1]:40000"_s, u"--tcp-client"_s, u"[::1]:80"_s}, u"bind"_s, u"::1"_s, 40000);
}

void TestCommandLine::listen()
{
    QFETCH(QStringList, args);
    QFETCH(QString, option);
    QFETCH(QString, address);
    QFETCH(int, port);

    const CommandLine::Result r = run(args);
    QVERIFY2(r.ok(), qPrintable(r.error));
    const CommandLine::Options &o = r.options;
    const std::optional<CommandLine::Listen> &l =
        option == u"tcp-server"_s ? o.tcpServer : option == u"udp"_s ? o.udp : o.clientBind;
    QVERIFY(l.has_value());
    QCOMPARE(l->address, QHostAddress(address));
    QCOMPARE(l->address.toString(), address);
    QCOMPARE(int(l->port), port);
    // Only the session asked for.
    QCOMPARE(o.tcpServer.has_value(), option == u"tcp-server"_s);
    QCOMPARE(o.udp.has_value(), option == u"udp"_s);
    QCOMPARE(o.clientBind.has_value(), option == u"bind"_s);
    QVERIFY(!o.udpTarget);
}

void TestCommandLine::target_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("option");
    QTest::addColumn<QString>("host");
    QTest::addColumn<int>("port");

    auto row = [](const QStringList &args, const QString &option, const QString &host, int port) {
        QTest::newRow(qPrintable(tagOf(args))) << args << option << host << port;
    };
    row({u"--tcp-client"_s, u"127.0.0.1:8000"_s}, u"tcp-client"_s, u"127.0.0.1"_s, 8000);
    row({u"--tcp-client"_s, u"localhost:80"_s}, u"tcp-client"_s, u"localhost"_s, 80);
    row({u"--tcp-client"_s, u"example.com:443"_s}, u"tcp-client"_s, u"example.com"_s, 443);
    row({u"--tcp-client"_s, u"[::1]:7"_s}, u"tcp-client"_s, u"::1"_s, 7);
    row({u"--tcp-client=10.0.0.1:65535"_s}, u"tcp-client"_s, u"10.0.0.1"_s, 65535);
    row({u"--udp-target"_s, u"127.0.0.1:9999"_s}, u"udp-target"_s, u"127.0.0.1"_s, 9999);
    row({u"--udp-target"_s, u"255.255.255.255:9"_s}, u"udp-target"_s, u"255.255.255.255"_s, 9);
    row({u"--udp-target"_s, u"[ff02::1]:5353"_s}, u"udp-target"_s, u"ff02::1"_s, 5353);
    row({u"--udp-target"_s, u"time.example.org:123"_s}, u"udp-target"_s, u"time.example.org"_s, 123);
}

void TestCommandLine::target()
{
    QFETCH(QStringList, args);
    QFETCH(QString, option);
    QFETCH(QString, host);
    QFETCH(int, port);

    const CommandLine::Result r = run(args);
    QVERIFY2(r.ok(), qPrintable(r.error));
    const std::optional<CommandLine::Target> &t =
        option == u"tcp-client"_s ? r.options.tcpClient : r.options.udpTarget;
    QVERIFY(t.has_value());
    QCOMPARE(t->host, host);
    QCOMPARE(int(t->port), port);
    QCOMPARE(r.options.tcpClient.has_value(), option == u"tcp-client"_s);
    QCOMPARE(r.options.udpTarget.has_value(), option == u"udp-target"_s);
    QVERIFY(!r.options.tcpServer);
}

void TestCommandLine::counts_data()
{
    QTest::addColumn<QString>("option");
    QTest::addColumn<QString>("value");
    QTest::addColumn<int>("expected");

    auto row = [](const QString &option, const QString &value, int expected) {
        QTest::newRow(qPrintable(u"--"_s + option + u' ' + value)) << option << value << expected;
    };
    row(u"backlog"_s, u"0"_s, 0);
    row(u"backlog"_s, u"1"_s, 1);
    row(u"backlog"_s, u"128"_s, 128);
    row(u"backlog"_s, u"65535"_s, 65535);
    row(u"max-clients"_s, u"0"_s, 0);
    row(u"max-clients"_s, u"5"_s, 5);
    row(u"max-clients"_s, u"1000000"_s, 1000000);
    row(u"connect-timeout"_s, u"1"_s, 1);
    row(u"connect-timeout"_s, u"250"_s, 250);
    row(u"connect-timeout"_s, u"3600000"_s, 3600000);
}

void TestCommandLine::counts()
{
    QFETCH(QString, option);
    QFETCH(QString, value);
    QFETCH(int, expected);

    const CommandLine::Result r = run({u"--"_s + option, value});
    QVERIFY2(r.ok(), qPrintable(r.error));
    const CommandLine::Options &o = r.options;
    // The option set changes its field and leaves the other two at their defaults.
    QCOMPARE(o.backlog, option == u"backlog"_s ? expected : 4096);
    QCOMPARE(o.maxClients, option == u"max-clients"_s ? expected : 1000);
    QCOMPARE(o.connectTimeoutMs, option == u"connect-timeout"_s ? expected : 10000);
}

void TestCommandLine::flags()
{
    const CommandLine::Result r = run({u"--broadcast"_s, u"--verbose"_s, u"--no-window"_s});
    QVERIFY2(r.ok(), qPrintable(r.error));
    QVERIFY(r.options.broadcast);
    QVERIFY(r.options.verbose);
    QVERIFY(r.options.noWindow);
    QVERIFY(!r.options.showHelp);

    const CommandLine::Result one = run({u"--verbose"_s});
    QVERIFY(one.ok());
    QVERIFY(one.options.verbose);
    QVERIFY(!one.options.broadcast);
    QVERIFY(!one.options.noWindow);
}

void TestCommandLine::encoding_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("canonical");

    auto row = [](const QString &name, const QString &canonical) {
        QTest::newRow(qPrintable(name)) << name << canonical;
    };
    row(u"UTF-8"_s, u"UTF-8"_s);
    row(u"utf8"_s, u"UTF-8"_s);
    row(u"gbk"_s, u"GBK"_s);
    row(u"GBK"_s, u"GBK"_s);
    row(u"gb2312"_s, u"GBK"_s);
    row(u"cp936"_s, u"GBK"_s);
    row(u"gb18030"_s, u"GB18030"_s);
    row(u"big5"_s, u"Big5"_s);
    row(u"sjis"_s, u"Shift_JIS"_s);
    row(u"latin1"_s, u"ISO-8859-1"_s);
    row(u"cp1252"_s, u"windows-1252"_s);
}

void TestCommandLine::encoding()
{
    QFETCH(QString, name);
    QFETCH(QString, canonical);
    const CommandLine::Result r = run({u"--encoding"_s, name});
    QVERIFY2(r.ok(), qPrintable(r.error));
    QCOMPARE(r.options.encoding, canonical);
}

void TestCommandLine::reply_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("spec");

    QTest::newRow("echo") << u"echo"_s << u"echo"_s;
    QTest::newRow("ECHO") << u"ECHO"_s << u"echo"_s;
    QTest::newRow("http") << u"http"_s << u"http"_s;
    QTest::newRow("Hello,{data}!") << u"Hello,{data}!"_s << u"Hello,{data}!"_s;
    QTest::newRow("fixed reply") << u"OK\\r\\n"_s << u"OK\\r\\n"_s;
    QTest::newRow("[{data}|{data}]") << u"[{data}|{data}]"_s << u"[{data}|{data}]"_s;
    QTest::newRow("你好,{data}") << u"你好,{data}"_s << u"你好,{data}"_s;
}

void TestCommandLine::reply()
{
    QFETCH(QString, value);
    QFETCH(QString, spec);
    const CommandLine::Result r = run({u"--tcp-server"_s, u"127.0.0.1:0"_s, u"--reply"_s, value});
    QVERIFY2(r.ok(), qPrintable(r.error));
    QCOMPARE(ReplyRules::replySpecOf(r.options.rules), spec);
}

void TestCommandLine::greeting_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QByteArray>("bytes");

    const QStringList server{u"--tcp-server"_s, u"127.0.0.1:0"_s};
    auto row = [&server](const QStringList &args, const QByteArray &bytes) {
        QTest::newRow(qPrintable(tagOf(args))) << server + args << bytes;
    };
    row({u"--greeting"_s, u"Welcome!"_s}, QByteArray("Welcome!"));
    row({u"--greeting"_s, u"Welcome!\\r\\n"_s}, QByteArray("Welcome!\r\n"));
    row({u"--greeting"_s, u"a\\tb\\\\c"_s}, QByteArray("a\tb\\c"));
    row({u"--greeting"_s, u"\\x00\\xff\\0"_s}, QByteArray("\x00\xff\x00", 3));
    row({u"--greeting"_s, u"欢迎"_s}, QByteArray("\xe6\xac\xa2\xe8\xbf\x8e"));
    row({u"--encoding"_s, u"gbk"_s, u"--greeting"_s, u"欢迎"_s}, QByteArray("\xbb\xb6\xd3\xad"));
    // The encoding applies whatever the order of the options.
    row({u"--greeting"_s, u"欢迎"_s, u"--encoding"_s, u"GBK"_s}, QByteArray("\xbb\xb6\xd3\xad"));
}

void TestCommandLine::greeting()
{
    QFETCH(QStringList, args);
    QFETCH(QByteArray, bytes);
    const CommandLine::Result r = run(args);
    QVERIFY2(r.ok(), qPrintable(r.error));
    QCOMPARE(r.options.greeting, bytes);
}

void TestCommandLine::send_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QByteArray>("bytes");

    auto row = [](const QStringList &args, const QByteArray &bytes) {
        QTest::newRow(qPrintable(tagOf(args))) << args << bytes;
    };
    const QString client = u"--tcp-client"_s;
    const QString target = u"--udp-target"_s;
    const QString where = u"127.0.0.1:9"_s;
    row({client, where, u"--send"_s, u"hi"_s}, QByteArray("hi"));
    row({client, where, u"--send"_s, u"hi\\r\\n"_s}, QByteArray("hi\r\n"));
    row({target, where, u"--send"_s, u"ping\\n"_s}, QByteArray("ping\n"));
    row({client, where, u"--send"_s, u"GET / HTTP/1.1\\r\\nHost: x\\r\\n\\r\\n"_s},
        QByteArray("GET / HTTP/1.1\r\nHost: x\r\n\r\n"));
    row({client, where, u"--send"_s, u"\\0"_s}, QByteArray(1, '\0'));
    row({client, where, u"--send"_s, u"a\\x00b\\x7F"_s}, QByteArray("a\x00" "b\x7f", 4));
    row({client, where, u"--send"_s, u"C:\\\\dir"_s}, QByteArray("C:\\dir"));
    row({client, where, u"--send"_s, u"你好"_s}, QByteArray("\xe4\xbd\xa0\xe5\xa5\xbd"));
    row({client, where, u"--encoding"_s, u"gbk"_s, u"--send"_s, u"你好"_s}, QByteArray("\xc4\xe3\xba\xc3"));
    row({target, where, u"--encoding"_s, u"GBK"_s, u"--send"_s, u"中文\\r\\n"_s}, QByteArray("\xd6\xd0\xce\xc4\r\n"));
    // \xHH is a byte, not a character: not re-encoded.
    row({client, where, u"--encoding"_s, u"gbk"_s, u"--send"_s, u"\\xe4\\xbd\\xa0"_s}, QByteArray("\xe4\xbd\xa0"));
    row({client, where, u"--encoding"_s, u"cp1252"_s, u"--send"_s, u"é€"_s}, QByteArray("\xe9\x80"));
    // Dynamic fields: the first message (counter 1); a literal brace doubled.
    row({client, where, u"--send"_s, u"n={counter:03}\n"_s}, QByteArray("n=001\n"));
    row({client, where, u"--send"_s, u"{{\"a\":1}"_s}, QByteArray("{\"a\":1}"));
    row({client, where, u"--send"_s, u"{hex:01 02}x"_s}, QByteArray("\x01\x02x"));
    row({target, where, u"--encoding"_s, u"UTF-16LE"_s, u"--send"_s, u"{counter}"_s}, QByteArray("1\0", 2));
}

void TestCommandLine::send()
{
    QFETCH(QStringList, args);
    QFETCH(QByteArray, bytes);
    const CommandLine::Result r = run(args);
    QVERIFY2(r.ok(), qPrintable(r.error));
    QVERIFY(r.options.send.has_value());
    QCOMPARE(r.options.send->expand({}), bytes);
}

void TestCommandLine::log()
{
    const CommandLine::Result r = run({u"--log"_s, u"/tmp/traffic log.jsonl"_s});
    QVERIFY2(r.ok(), qPrintable(r.error));
    QCOMPARE(r.options.logFile, u"/tmp/traffic log.jsonl"_s);

    const CommandLine::Result eq = run({u"--log=out.jsonl"_s});
    QVERIFY2(eq.ok(), qPrintable(eq.error));
    QCOMPARE(eq.options.logFile, u"out.jsonl"_s);
}

void TestCommandLine::capture_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("dir");

    auto row = [](const QStringList &args, const QString &dir) {
        QTest::newRow(qPrintable(tagOf(args))) << args << dir;
    };
    // A folder that does not exist yet is fine: it is made when the program starts.
    row({u"--capture"_s, u"/tmp/no such folder yet/capture"_s}, u"/tmp/no such folder yet/capture"_s);
    row({u"--capture=captures"_s}, u"captures"_s);
    row({u"--capture"_s, u"/tmp"_s}, u"/tmp"_s);
    row({u"--tcp-server"_s, u"127.0.0.1:0"_s, u"--capture"_s, u"."_s}, u"."_s);
}

void TestCommandLine::capture()
{
    QFETCH(QStringList, args);
    QFETCH(QString, dir);
    const CommandLine::Result r = run(args);
    QVERIFY2(r.ok(), qPrintable(r.error));
    QCOMPARE(r.options.captureDir, dir);
    // Parsing creates nothing.
    if (dir.startsWith(u"/tmp/no such"_s))
        QVERIFY(!QFileInfo::exists(dir));
}

void TestCommandLine::language_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("language");

    auto row = [](const QString &value, const QString &language) {
        QTest::newRow(qPrintable(value)) << value << language;
    };
    row(u"zh_CN"_s, u"zh_CN"_s);
    row(u"zh-CN"_s, u"zh_CN"_s);
    row(u"zh_cn"_s, u"zh_CN"_s);
    row(u"en"_s, u"en"_s);
    row(u"EN"_s, u"en"_s);
}

void TestCommandLine::language()
{
    QFETCH(QString, value);
    QFETCH(QString, language);
    const CommandLine::Result r = run({u"--language"_s, value});
    QVERIFY2(r.ok(), qPrintable(r.error));
    QCOMPARE(r.options.language, language);
    // Also taken with --help, which is then printed in that language.
    QCOMPARE(run({u"--help"_s, u"--language="_s + value}).options.language, language);
}

void TestCommandLine::everythingTogether()
{
    const CommandLine::Result r = run({
        u"--tcp-server"_s, u"127.0.0.1:8000"_s, u"--greeting"_s, u"Welcome!\\n"_s, u"--reply"_s, u"Hello,{data}!"_s,
        u"--backlog"_s, u"10"_s, u"--max-clients"_s, u"3"_s,
        u"--tcp-client"_s, u"localhost:8000"_s, u"--bind"_s, u"127.0.0.1:0"_s, u"--connect-timeout"_s, u"500"_s,
        u"--udp"_s, u"[::1]:0"_s, u"--udp-target"_s, u"[::1]:9"_s, u"--broadcast"_s,
        u"--send"_s, u"x"_s, u"--encoding"_s, u"gb2312"_s, u"--log"_s, u"all.jsonl"_s,
        u"--capture"_s, u"caps"_s, u"--verbose"_s, u"--no-window"_s});
    QVERIFY2(r.ok(), qPrintable(r.error));
    const CommandLine::Options &o = r.options;
    QCOMPARE(o.tcpServer->address, QHostAddress(QHostAddress::LocalHost));
    QCOMPARE(o.tcpServer->port, quint16(8000));
    QCOMPARE(o.greeting, QByteArray("Welcome!\n"));
    QCOMPARE(ReplyRules::replySpecOf(o.rules), u"Hello,{data}!"_s);
    QCOMPARE(o.backlog, 10);
    QCOMPARE(o.maxClients, 3);
    QCOMPARE(o.tcpClient->host, u"localhost"_s);
    QCOMPARE(o.tcpClient->port, quint16(8000));
    QCOMPARE(o.clientBind->address, QHostAddress(QHostAddress::LocalHost));
    QCOMPARE(o.clientBind->port, quint16(0));
    QCOMPARE(o.connectTimeoutMs, 500);
    QCOMPARE(o.udp->address, QHostAddress(QHostAddress::LocalHostIPv6));
    QCOMPARE(o.udpTarget->host, u"::1"_s);
    QCOMPARE(o.udpTarget->port, quint16(9));
    QCOMPARE(o.send->expand({}), QByteArray("x"));
    QCOMPARE(o.encoding, u"GBK"_s);
    QCOMPARE(o.logFile, u"all.jsonl"_s);
    QCOMPARE(o.captureDir, u"caps"_s);
    QVERIFY(o.broadcast);
    QVERIFY(o.verbose);
    QVERIFY(o.noWindow);
    QVERIFY(!o.showHelp);
}

void TestCommandLine::checksum_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("canonical");
    QTest::newRow("crc16-modbus") << u"crc16-modbus"_s << u"crc16-modbus"_s;
    QTest::newRow("CRC-16/MODBUS:2") << u"CRC-16/MODBUS:2"_s << u"crc16-modbus:2"_s;
    QTest::newRow("crc16-ccitt-false:le") << u"crc16-ccitt-false:le"_s << u"crc16-ccitt-false:le"_s;
    QTest::newRow("crc32:4:be") << u"crc32:4:be"_s << u"crc32:4:be"_s;
    QTest::newRow("XOR8") << u"XOR8"_s << u"xor8"_s;
}

void TestCommandLine::checksum()
{
    QFETCH(QString, value);
    QFETCH(QString, canonical);
    const CommandLine::Result r = run({u"--tcp-client"_s, u"127.0.0.1:9"_s, u"--checksum"_s, value,
                                       u"--send"_s, u"abcdefgh"_s});
    QVERIFY2(r.ok(), qPrintable(r.error));
    QVERIFY(r.options.checksum.has_value());
    QCOMPARE(r.options.checksum->toString(), canonical);
    // What --send gives stays the payload: the session appends the checksum.
    QCOMPARE(r.options.send->expand({}), QByteArray("abcdefgh"));
    QVERIFY(!run({}).options.checksum.has_value());
    // The tab it opens appends it and checks received frames.
    const SessionSettings tab = Workbench::settingsFromOptions(r.options, SessionKind::TcpClient);
    QCOMPARE(tab.checksum, r.options.checksum);
    QVERIFY(tab.verifyChecksum);
}

void TestCommandLine::badValue_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("option");          // the error must start with "--option: "
    QTest::addColumn<QString>("errorContains");

    auto row = [](const QStringList &args, const QString &option, const QString &errorContains) {
        QTest::newRow(qPrintable(tagOf(args))) << args << option << errorContains;
    };
    const QString server = u"--tcp-server"_s;
    const QString client = u"--tcp-client"_s;
    const QString okServer = u"127.0.0.1:0"_s;
    const QString okTarget = u"127.0.0.1:9"_s;

    // Listening addresses: IP addresses only, port 0 allowed.
    row({server, u"localhost:80"_s}, u"tcp-server"_s, u"“localhost” is not an IP address"_s);
    row({server, u"1.2.3.4"_s}, u"tcp-server"_s, u"expected HOST:PORT"_s);
    row({server, u"::1:80"_s}, u"tcp-server"_s, u"[::1]:PORT"_s);
    row({server, u"[::1"_s}, u"tcp-server"_s, u"missing ‘]’"_s);
    row({server, u"1.2.3.4:65536"_s}, u"tcp-server"_s, u"“65536” is not a port"_s);
    row({server, u"[1.2.3.4]:80"_s}, u"tcp-server"_s, u"is not an IPv6 address"_s);
    row({server, QString()}, u"tcp-server"_s, u"got nothing"_s);
    row({u"--udp"_s, u"300.1.1.1:80"_s}, u"udp"_s, u"“300.1.1.1” is not an IP address"_s);
    row({u"--udp"_s, u"1.2.3.4:-1"_s}, u"udp"_s, u"“-1” is not a port"_s);
    row({u"--udp"_s, u":5000"_s}, u"udp"_s, u"the host is missing"_s);
    // Targets: names allowed, port 0 not.
    row({client, u"1.2.3.4:0"_s}, u"tcp-client"_s, u"Port 0 is not allowed"_s);
    row({client, u"host_name:80"_s}, u"tcp-client"_s, u"neither an IP address nor a valid host name"_s);
    row({client, u"1.2.3.4:"_s}, u"tcp-client"_s, u"The port is missing"_s);
    row({client, u"-x.com:80"_s}, u"tcp-client"_s, u"neither"_s);
    row({u"--udp-target"_s, u"1.2.3.4:8o"_s}, u"udp-target"_s, u"“8o” is not a port"_s);
    row({u"--udp-target"_s, u"a..b:80"_s}, u"udp-target"_s, u"“a..b” is neither"_s);
    row({u"--udp-target"_s, u"example.com:0"_s}, u"udp-target"_s, u"Port 0 is not allowed"_s);
    // --bind: an address, and only for a client.
    row({u"--bind"_s, u"127.0.0.1:0"_s}, u"bind"_s, u"needs --tcp-client"_s);
    row({u"--udp-target"_s, okTarget, u"--bind"_s, u"127.0.0.1:0"_s}, u"bind"_s, u"needs --tcp-client"_s);
    row({client, okTarget, u"--bind"_s, u"localhost:0"_s}, u"bind"_s, u"“localhost” is not an IP address"_s);
    row({client, okTarget, u"--bind"_s, u"127.0.0.1:70000"_s}, u"bind"_s, u"is not a port"_s);
    // Counts.
    row({u"--backlog"_s, u"-1"_s}, u"backlog"_s, u"“-1” is not a number from 0 to 65535"_s);
    row({u"--backlog"_s, u"65536"_s}, u"backlog"_s, u"“65536” is not a number from 0 to 65535"_s);
    row({u"--backlog"_s, u"ten"_s}, u"backlog"_s, u"“ten” is not a number"_s);
    row({u"--backlog"_s, u"1.5"_s}, u"backlog"_s, u"is not a number"_s);
    row({u"--backlog"_s, QString()}, u"backlog"_s, u"is not a number"_s);
    row({u"--max-clients"_s, u"-1"_s}, u"max-clients"_s, u"“-1” is not a number from 0 to 1000000"_s);
    row({u"--max-clients"_s, u"1000001"_s}, u"max-clients"_s, u"is not a number from 0 to 1000000"_s);
    row({u"--max-clients"_s, u"many"_s}, u"max-clients"_s, u"is not a number"_s);
    row({u"--max-clients"_s, u"99999999999"_s}, u"max-clients"_s, u"is not a number"_s);
    row({u"--connect-timeout"_s, u"0"_s}, u"connect-timeout"_s, u"“0” is not a number from 1 to 3600000"_s);
    row({u"--connect-timeout"_s, u"3600001"_s}, u"connect-timeout"_s, u"is not a number from 1 to 3600000"_s);
    row({u"--connect-timeout"_s, u"5s"_s}, u"connect-timeout"_s, u"“5s” is not a number"_s);
    row({u"--connect-timeout"_s, u"-5"_s}, u"connect-timeout"_s, u"is not a number"_s);
    // Encoding.
    row({u"--encoding"_s, u"klingon"_s}, u"encoding"_s, u"unknown encoding “klingon”"_s);
    row({u"--encoding"_s, QString()}, u"encoding"_s, u"unknown encoding"_s);
    row({u"--encoding"_s, u"utf-9"_s}, u"encoding"_s, u"known: UTF-8, GBK"_s);
    // Reply.
    row({server, okServer, u"--reply"_s, QString()}, u"reply"_s, u"empty"_s);
    row({server, okServer, u"--reply"_s, u"Hi \\q {data}"_s}, u"reply"_s, u"\\q"_s);
    row({server, okServer, u"--reply"_s, u"{data}\\x4"_s}, u"reply"_s, u"\\x must be followed by two hex digits"_s);
    // Greeting.
    row({u"--greeting"_s, u"Welcome!"_s}, u"greeting"_s, u"needs --tcp-server"_s);
    row({client, okTarget, u"--greeting"_s, u"Welcome!"_s}, u"greeting"_s, u"needs --tcp-server"_s);
    row({server, okServer, u"--greeting"_s, QString()}, u"greeting"_s, u"Nothing to send"_s);
    row({server, okServer, u"--greeting"_s, u"bad\\z"_s}, u"greeting"_s, u"Unknown escape \\z"_s);
    row({server, okServer, u"--greeting"_s, u"end\\"_s}, u"greeting"_s, u"Trailing backslash"_s);
    // Send.
    row({u"--send"_s, u"hi"_s}, u"send"_s, u"needs --tcp-client or --udp-target"_s);
    row({server, okServer, u"--send"_s, u"hi"_s}, u"send"_s, u"needs --tcp-client or --udp-target"_s);
    row({u"--udp"_s, u"127.0.0.1:0"_s, u"--send"_s, u"hi"_s}, u"send"_s, u"needs --tcp-client or --udp-target"_s);
    row({client, okTarget, u"--send"_s, QString()}, u"send"_s, u"Nothing to send"_s);
    row({u"--udp-target"_s, okTarget, u"--send"_s, QString()}, u"send"_s, u"Nothing to send"_s);
    row({client, okTarget, u"--send"_s, u"a\\q"_s}, u"send"_s, u"Unknown escape \\q at line 1, column 2"_s);
    row({client, okTarget, u"--send"_s, u"\\xZZ"_s}, u"send"_s, u"\\x must be followed by two hex digits"_s);
    row({client, okTarget, u"--send"_s, u"abc\\"_s}, u"send"_s, u"Trailing backslash"_s);
    // Fields: the fault's column, and how to write a brace.
    row({client, okTarget, u"--send"_s, u"ab{count}"_s}, u"send"_s, u"Unknown field {count}"_s);
    row({client, okTarget, u"--send"_s, u"{\"a\":1}"_s}, u"send"_s, u"write {{ for a literal { at line 1, column 2"_s);
    row({client, okTarget, u"--send"_s, u"x{counter:abc}"_s}, u"send"_s, u"Bad counter width"_s);
    row({client, okTarget, u"--send"_s, u"{data}"_s}, u"send"_s, u"Nothing to send"_s);
    // Characters the chosen encoding cannot represent.
    row({client, okTarget, u"--encoding"_s, u"latin1"_s, u"--send"_s, u"你好"_s}, u"send"_s, u"column 1"_s);
    // Log.
    row({u"--log"_s, QString()}, u"log"_s, u"the file name is empty"_s);
    row({u"--log"_s, u"   "_s}, u"log"_s, u"the file name is empty"_s);
    // Told before anything is created: a folder, a missing folder, a file used as a folder.
    row({u"--log"_s, u"/tmp"_s}, u"log"_s, u"“/tmp” is a folder, not a file"_s);
    row({u"--log"_s, u"/nonexistent-sw-folder/x.jsonl"_s}, u"log"_s, u"the folder “/nonexistent-sw-folder” does not exist"_s);
    row({u"--log"_s, QCoreApplication::applicationFilePath() + u"/x.jsonl"_s}, u"log"_s, u"is a file, not a folder"_s);
    // Capture: a folder name, and not one of an existing file.
    row({u"--capture"_s, QString()}, u"capture"_s, u"the folder name is empty"_s);
    row({u"--capture"_s, u"  "_s}, u"capture"_s, u"the folder name is empty"_s);
    const QString file = QCoreApplication::applicationFilePath();
    row({u"--capture"_s, file}, u"capture"_s, u"“"_s + file + u"” is a file, not a folder"_s);
    row({server, okServer, u"--capture="_s + file}, u"capture"_s, u"is a file, not a folder"_s);
    row({u"--capture"_s, file + u"/sub/dir"_s}, u"capture"_s, u"cannot create the folder “"_s + file + u"/sub/dir”: “"_s + file + u"” is a file"_s);
    // Language: only the ones there is a translation for.
    row({u"--language"_s, u"fr"_s}, u"language"_s, u"no translation for “fr”; use one of en, zh_CN"_s);
    row({u"--language"_s, u"zh_TW"_s}, u"language"_s, u"no translation for “zh_TW”"_s);
    row({u"--language"_s, u"zh"_s}, u"language"_s, u"use one of en, zh_CN"_s);
    row({u"--language"_s, QString()}, u"language"_s, u"no translation for “”"_s);
    // --checksum, and templates in --reply (issue 19).
    row({client, okTarget, u"--checksum"_s, u"crc16"_s}, u"checksum"_s, u"ambiguous"_s);
    row({client, okTarget, u"--checksum"_s, u"md5"_s}, u"checksum"_s, u"md5"_s);
    row({client, okTarget, u"--checksum"_s, QString()}, u"checksum"_s, QString());
    row({client, okTarget, u"--checksum"_s, u"crc32:-1"_s}, u"checksum"_s, u"-1"_s);
    row({client, okTarget, u"--checksum"_s, u"crc32:2:middle"_s}, u"checksum"_s, u"middle"_s);
    row({client, okTarget, u"--checksum"_s, u"sum8:be"_s}, u"checksum"_s, QString());
    row({client, okTarget, u"--checksum"_s, u"crc16-modbus:3"_s, u"--send"_s, u"abc"_s}, u"send"_s,
        u"cannot take --checksum crc16-modbus:3: The checksum starts at byte 3"_s);
    row({client, okTarget, u"--checksum"_s, u"crc32"_s, u"--framing"_s, u"fixed:4"_s, u"--send"_s, u"abc"_s},
        u"send"_s, u"cannot be framed as fixed:4"_s);
    row({server, okServer, u"--reply"_s, u"Hi {bogus}"_s}, u"reply"_s, u"column 5"_s);
    row({server, okServer, u"--reply"_s, u"{counter"_s}, u"reply"_s, u"column 1"_s);
}

void TestCommandLine::badValue()
{
    QFETCH(QStringList, args);
    QFETCH(QString, option);
    QFETCH(QString, errorContains);

    const CommandLine::Result r = run(args);
    QVERIFY2(!r.ok(), "accepted");
    const QString prefix = u"--"_s + option + u": "_s;
    QVERIFY2(r.error.startsWith(prefix), qPrintable(r.error));
    QVERIFY2(r.error.contains(errorContains), qPrintable(r.error));
    QVERIFY2(!r.error.contains(u'\n'), qPrintable(r.error));
    // Something to say after the option name.
    QVERIFY(r.error.size() > prefix.size() + 5);
}

void TestCommandLine::structuralErrors_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QStringList>("errorContains");  // all of these

    auto row = [](const QStringList &args, const QStringList &errorContains) {
        QTest::newRow(qPrintable(tagOf(args))) << args << errorContains;
    };
    row({u"--tcp-sever"_s, u"127.0.0.1:80"_s}, {u"tcp-sever"_s});
    row({u"--frobnicate"_s}, {u"frobnicate"_s});
    row({u"-x"_s}, {u"x"_s});
    row({u"extra"_s}, {u"unexpected argument “extra”"_s});
    row({u"--tcp-server"_s, u"127.0.0.1:80"_s, u"127.0.0.1:81"_s}, {u"unexpected argument “127.0.0.1:81”"_s});
    row({u"--verbose"_s, u"yes"_s}, {u"unexpected argument “yes”"_s});
    // A value missing at the end.
    row({u"--tcp-server"_s}, {u"--tcp-server"_s});
    row({u"--udp"_s, u"127.0.0.1:0"_s, u"--send"_s}, {u"--send"_s});
    // Each option once: a second value would silently win otherwise.
    row({u"--tcp-server"_s, u"127.0.0.1:1"_s, u"--tcp-server"_s, u"127.0.0.1:2"_s},
        {u"--tcp-server: given more than once"_s});
    row({u"--udp"_s, u"127.0.0.1:0"_s, u"--udp=127.0.0.1:1"_s}, {u"--udp: given more than once"_s});
    row({u"--log"_s, u"a"_s, u"--log"_s, u"a"_s}, {u"--log: given more than once"_s});
    row({u"--capture"_s, u"a"_s, u"--capture"_s, u"b"_s}, {u"--capture: given more than once"_s});
    row({u"--capture"_s}, {u"--capture"_s});
    row({u"--tcp-client"_s, u"127.0.0.1:9"_s, u"--send"_s, u"a"_s, u"--send"_s, u"b"_s},
        {u"--send: given more than once"_s});
    row({u"--encoding"_s, u"gbk"_s, u"--encoding"_s, u"utf8"_s}, {u"--encoding: given more than once"_s});
    row({u"--backlog"_s, u"1"_s, u"--backlog"_s, u"2"_s}, {u"--backlog: given more than once"_s});
    row({u"--language"_s, u"en"_s, u"--language"_s, u"zh_CN"_s}, {u"--language: given more than once"_s});
    row({u"--language"_s}, {u"--language"_s});
}

void TestCommandLine::structuralErrors()
{
    QFETCH(QStringList, args);
    QFETCH(QStringList, errorContains);

    const CommandLine::Result r = run(args);
    QVERIFY2(!r.ok(), "accepted");
    for (const QString &part : errorContains)
        QVERIFY2(r.error.contains(part), qPrintable(r.error + u" lacks "_s + part));
    QVERIFY2(!r.error.contains(u'\n'), qPrintable(r.error));
    // Nothing half-configured is handed back as if it were usable.
    QVERIFY(!r.options.showHelp);
}

QTEST_GUILESS_MAIN(TestCommandLine)
#include "tst_commandline.moc"
