// The programs the script writers make from a ScriptPlan, for each reply
// mode, framing and role: what their text says, that Python compiles them
// and gcc -Wall -Wextra -Werror builds them, and that they serve real
// loopback peers (framed echo in every width and byte order).

#include "core/framing/Framer.h"
#include "core/teach/CScriptWriter.h"
#include "core/teach/PythonScriptWriter.h"
#include "core/teach/ScriptPlan.h"
#include "support/ScriptRun.h"
#include "support/TimeWait.h"

#include <QRegularExpression>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QUdpSocket>

#include <memory>

using namespace Qt::StringLiterals;
using Language = SocketNarrator::Language;
using Role = ScriptPlan::Role;

Q_DECLARE_METATYPE(ScriptPlan)

namespace {

FramingSpec framing(const QString &text)
{
    QString error;
    const FramingSpec spec = FramingSpec::parse(text, &error);
    if (!error.isEmpty())
        qFatal("bad test framing %s", qPrintable(text));
    return spec;
}

ScriptPlan server(AutoReply::Mode reply, const QString &framingText = u"none"_s, quint16 port = 8000)
{
    ScriptPlan p;
    p.role = Role::TcpServer;
    p.local = Endpoint{QHostAddress(QHostAddress::LocalHost), port};
    p.reply = reply;
    p.framing = framing(framingText);
    return p;
}

ScriptPlan client(const QList<QByteArray> &messages, const QString &framingText = u"none"_s, bool frameOutgoing = false)
{
    ScriptPlan p;
    p.role = Role::TcpClient;
    p.targetHost = u"127.0.0.1"_s;
    p.targetPort = 8000;
    p.targetAddress = QHostAddress(QHostAddress::LocalHost);
    p.messages = messages;
    p.framing = framing(framingText);
    p.frameOutgoing = frameOutgoing;
    return p;
}

quint16 freePort()
{
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost, 0))
        return 0;
    return probe.serverPort();
}

QString text(const ScriptPlan &plan, Language language)
{
    return language == Language::Python ? PythonScriptWriter::write(plan) : CScriptWriter::write(plan);
}

} // namespace

class TestScriptWriter : public QObject
{
    Q_OBJECT
private slots:
    void scriptText_data();
    void scriptText();
    void framedEchoServes_data();
    void framedEchoServes();
    void udpClientBindsOnlyAChosenPort();
    void cCommentsAreC();
    // Issue 21: exactly the setsockopt() calls the tab makes, and what they do.
    void socketOptions_data();
    void socketOptions();
};

void TestScriptWriter::scriptText_data()
{
    QTest::addColumn<ScriptPlan>("plan");
    QTest::addColumn<QStringList>("python");     // lines the Python must hold
    QTest::addColumn<QStringList>("c");          // and the C
    QTest::addColumn<QStringList>("notPython");  // what the Python must not hold

    const QStringList noStruct{u"import struct"_s, u"recv_exactly"_s};
    QTest::newRow("echo") << server(AutoReply::Mode::Echo)
        << QStringList{u"server.bind(('127.0.0.1', 8000))"_s, u"conn, addr = server.accept()"_s,
                       u"for served in range(CLIENTS):"_s, u"    data = conn.recv(4096)"_s, u"    if not data:"_s,
                       u"conn.sendall(data)"_s, u"print('received', data)"_s, u"server.settimeout(TIMEOUT)"_s}
        << QStringList{u"int conn = accept(server, (struct sockaddr *)&peer, &peerlen);"_s, u"send_all(sock, data, size);"_s,
                       u"make_addr(&local, \"127.0.0.1\", 8000)"_s, u"print_bytes(\"received\", data, size);"_s}
        << noStruct;

    ScriptPlan welcome = server(AutoReply::Mode::Template);
    welcome.templateParts = {"Hello,", "!"};
    welcome.greeting = "Welcome!\r\n";
    QTest::newRow("template and greeting") << welcome
        << QStringList{u"reply = b'Hello,' + data + b'!'"_s, u"conn.sendall(reply)"_s, u"GREETING = b'Welcome!\\r\\n'"_s,
                       u"conn.sendall(GREETING)"_s}
        << QStringList{u"memcpy(reply + length, \"Hello,\", 6);"_s, u"memcpy(reply + length, data, size);"_s,
                       u"send_all(conn, \"Welcome!\\r\\n\", 10);"_s}
        << noStruct;

    ScriptPlan fixedReply = server(AutoReply::Mode::Template);
    fixedReply.templateParts = {"OK\n"};
    QTest::newRow("template without data") << fixedReply << QStringList{u"reply = b'OK\\n'"_s}
                                           << QStringList{u"memcpy(reply + length, \"OK\\n\", 3);"_s} << noStruct;

    ScriptPlan page = server(AutoReply::Mode::Http, u"length:4"_s);
    page.httpCharset = u"gbk"_s;
    QTest::newRow("http") << page
        << QStringList{u"import html"_s, u"while b'\\r\\n\\r\\n' not in request:"_s, u"b'HTTP/1.1 200 OK\\r\\n'"_s,
                       u"conn.sendall(http_response(head))"_s, u"charset=gbk"_s, u".encode('gbk')"_s}
        << QStringList{u"find(request, used, \"\\r\\n\\r\\n\", 4)"_s, u"HTTP/1.1 200 OK"_s, u"charset=gbk"_s}
        << noStruct;  // a page ignores the framing

    ScriptPlan chat = server(AutoReply::Mode::None);
    chat.opening = {"hi"};
    chat.messages = {"how are you?\n", "bye"};
    QTest::newRow("none, typed replies") << chat
        << QStringList{u"REPLIES = ["_s, u"    b'how are you?\\n',"_s, u"OPENING = ["_s, u"conn.sendall(replies.pop(0))"_s,
                       u"replies = list(REPLIES)"_s}
        << QStringList{u"static const struct message replies[] = {"_s, u"{\"how are you\\?\\n\", 13},"_s,
                       u"send_all(sock, replies[next_reply].bytes, replies[next_reply].size);"_s}
        << noStruct;

    QTest::newRow("none, nothing typed") << server(AutoReply::Mode::None)
        << QStringList{u"print('received', data)"_s} << QStringList{u"(void)sock;"_s}
        << (noStruct + QStringList{u"sendall(data"_s, u"REPLIES"_s});

    const struct
    {
        const char *spec;
        const char *format;
        const char *cLoop;
    } lengths[] = {
        {"length:4", "!I", "for (int i = 0; i < 4; ++i)"},
        {"length:4:le", "<I", "for (int i = 3; i >= 0; --i)"},
        {"length:2", "!H", "for (int i = 0; i < 2; ++i)"},
        {"length:2:le", "<H", "for (int i = 1; i >= 0; --i)"},
    };
    for (const auto &l : lengths) {
        const QString spec = QString::fromLatin1(l.spec);
        const QString format = QString::fromLatin1(l.format);
        const int width = spec.section(u':', 1, 1).toInt();
        QTest::addRow("echo, %s", l.spec) << server(AutoReply::Mode::Echo, spec)
            << QStringList{u"import struct"_s, u"def recv_exactly(sock, n):"_s,
                           u"header = recv_exactly(conn, %1)"_s.arg(width),
                           u"(length,) = struct.unpack('%1', header)"_s.arg(format),
                           u"data = recv_exactly(conn, length)"_s,
                           u"conn.sendall(struct.pack('%1', len(data)) + data)"_s.arg(format)}
            << QStringList{u"static int recv_exactly(int sock, unsigned char *buf, size_t size)"_s,
                           u"    "_s + QString::fromLatin1(l.cLoop), u"unsigned char header[%1];"_s.arg(width),
                           u"send_message(sock, data, size);"_s}
            << QStringList{u"import html"_s};
    }
    QTest::newRow("echo, length:4:incl") << server(AutoReply::Mode::Echo, u"length:4:incl"_s)
        << QStringList{u"length -= 4"_s, u"struct.pack('!I', len(data) + 4) + data"_s}
        << QStringList{u"length -= sizeof header;"_s, u"put_length(header, size + sizeof header);"_s} << QStringList{};
    QTest::newRow("echo, line") << server(AutoReply::Mode::Echo, u"line"_s)
        << QStringList{u"buffer = b''"_s, u"while b'\\n' in buffer:"_s, u"data, buffer = buffer.split(b'\\n', 1)"_s,
                       u"conn.sendall(data + b'\\n')"_s}
        << QStringList{u"while ((at = find(buf, used, \"\\n\", 1)) >= 0) {"_s, u"return send_all(sock, \"\\n\", 1);"_s}
        << noStruct;
    QTest::newRow("echo, fixed:5") << server(AutoReply::Mode::Echo, u"fixed:5"_s)
        << QStringList{u"data = recv_exactly(conn, 5)"_s, u"conn.sendall(data)"_s}
        << QStringList{u"static unsigned char buf[5];"_s} << QStringList{u"import struct"_s};

    QTest::newRow("client") << client({"hello", QByteArray("\x00\xff", 2)})
        << QStringList{u"client.connect(('127.0.0.1', 8000))"_s, u"    b'\\x00\\xff',"_s, u"client.sendall(message)"_s,
                       u"client.settimeout(TIMEOUT)"_s, u"except socket.timeout:"_s, u"print('received', data)"_s}
        << QStringList{u"{\"\\x00\\xff\", 2},"_s, u"make_addr(&addr, \"127.0.0.1\", 8000)"_s, u"receive(client);"_s,
                       u"SO_RCVTIMEO"_s}
        << QStringList{u"import struct"_s, u".bind("_s};
    QTest::newRow("client, length:2:le") << client({"hello"}, u"length:2:le"_s, true)
        << QStringList{u"client.sendall(struct.pack('<H', len(message)) + message)"_s,
                       u"(length,) = struct.unpack('<H', header)"_s}
        << QStringList{u"send_message(client, messages[i].bytes, messages[i].size)"_s, u"put_length(header, size);"_s}
        << QStringList{};
    // Typed bytes that look like QString::arg() and printf() placeholders
    // reach the program as they were typed.
    QTest::newRow("client, placeholders typed") << client({"%1%2%3%n%s"})
        << QStringList{u"    b'%1%2%3%n%s',"_s} << QStringList{u"{\"%1%2%3%n%s\", 10},"_s} << QStringList{u"%3%n"_s.repeated(2)};
    ScriptPlan percent = server(AutoReply::Mode::Template, u"delim:2531"_s);  // "%1"
    percent.templateParts = {"%1%2 ", ""};
    percent.frameOutgoing = true;
    QTest::newRow("server, placeholders in template and delimiter") << percent
        << QStringList{u"reply = b'%1%2 ' + data"_s, u"while b'%1' in buffer:"_s, u"conn.sendall(reply + b'%1')"_s}
        << QStringList{u"memcpy(reply + length, \"%1%2 \", 5);"_s, u"return send_all(sock, \"%1\", 2);"_s,
                       u"find(buf, used, \"%1\", 2)"_s}
        << QStringList{};
    ScriptPlan named = client({"GET / HTTP/1.0\r\n\r\n"});
    named.targetHost = u"localhost"_s;
    named.halfClose = true;
    QTest::newRow("client of a name") << named
        << QStringList{u"client.connect(('localhost', 8000))"_s, u"client.shutdown(socket.SHUT_WR)"_s}
        << QStringList{u"lookup(&addr, \"localhost\", \"8000\", SOCK_STREAM)"_s, u"#include <netdb.h>"_s,
                       u"shutdown(client, SHUT_WR);"_s}
        << QStringList{};
    ScriptPlan v6 = server(AutoReply::Mode::Echo);
    v6.local = Endpoint{QHostAddress(QHostAddress::LocalHostIPv6), 8000};
    QTest::newRow("IPv6 server") << v6
        << QStringList{u"server = socket.socket(socket.AF_INET6, socket.SOCK_STREAM)"_s, u"server.bind(('::1', 8000))"_s}
        << QStringList{u"int server = socket(AF_INET6, SOCK_STREAM, 0);"_s, u"printf(\"listening on %s\\n\", \"[::1]:8000\");"_s} << QStringList{};

    ScriptPlan udpEcho;
    udpEcho.role = Role::UdpServer;
    udpEcho.local = Endpoint{QHostAddress(QHostAddress::LocalHost), 9000};
    udpEcho.reply = AutoReply::Mode::Echo;
    udpEcho.serveCount = 3;
    QTest::newRow("UDP echo server") << udpEcho
        << QStringList{u"sock.bind(('127.0.0.1', 9000))"_s, u"data, addr = sock.recvfrom(65535)"_s,
                       u"sock.sendto(data, addr)"_s, u"DATAGRAMS = 3"_s}
        << QStringList{u"recvfrom(sock, buf, sizeof buf, 0, (struct sockaddr *)&peer, &peerlen);"_s,
                       u"sendto(sock, buf, (size_t)n, 0, (struct sockaddr *)&peer, peerlen);"_s, u"#define DATAGRAMS 3"_s}
        << noStruct;
    ScriptPlan udpTemplate = udpEcho;
    udpTemplate.reply = AutoReply::Mode::Template;
    udpTemplate.templateParts = {"<", ">"};
    QTest::newRow("UDP template server") << udpTemplate << QStringList{u"sock.sendto(reply, addr)"_s}
        << QStringList{u"memcpy(reply + length, buf, (size_t)n);"_s} << noStruct;
    ScriptPlan udpClient;
    udpClient.role = Role::UdpClient;
    udpClient.targetHost = u"127.0.0.1"_s;
    udpClient.targetPort = 9000;
    udpClient.targetAddress = QHostAddress(QHostAddress::LocalHost);
    udpClient.messages = {"ping"};
    QTest::newRow("UDP client") << udpClient
        << QStringList{u"sock.sendto(message, ('127.0.0.1', 9000))"_s, u"# No bind()"_s}
        << QStringList{u"sendto(sock, messages[i].bytes, messages[i].size, 0, (struct sockaddr *)&addr, addrlen)"_s,
                       u"/* No bind()"_s}
        << QStringList{u".bind("_s, u"import struct"_s};
}

void TestScriptWriter::scriptText()
{
    QFETCH(ScriptPlan, plan);
    QFETCH(QStringList, python);
    QFETCH(QStringList, c);
    QFETCH(QStringList, notPython);

    const QString py = PythonScriptWriter::write(plan);
    for (const QString &line : python)
        QVERIFY2(py.contains(line), qPrintable(line + u"\n---\n"_s + py));
    for (const QString &line : notPython)
        QVERIFY2(!py.contains(line), qPrintable(line + u"\n---\n"_s + py));
    QVERIFY(py.startsWith(u"#!/usr/bin/env python3\n"_s));
    // struct is imported exactly when it is used.
    QCOMPARE(py.contains(u"import struct"_s), py.contains(u"struct.pack"_s) || py.contains(u"struct.unpack"_s));
    QString why;
    {
        QProcess compile;
        compile.start(u"/usr/bin/python3"_s, {u"-c"_s, u"import ast,sys; ast.parse(sys.stdin.read())"_s});
        compile.write(py.toUtf8());
        compile.closeWriteChannel();
        QVERIFY(compile.waitForFinished(30000));
        QVERIFY2(compile.exitCode() == 0, qPrintable(QString::fromUtf8(compile.readAllStandardError()) + py));
    }

    const QString cText = CScriptWriter::write(plan);
    for (const QString &line : c)
        QVERIFY2(cText.contains(line), qPrintable(line + u"\n---\n"_s + cText));
    QVERIFY(cText.contains(u"int main(void)"_s));
    if (ScriptRun::gcc().isEmpty())
        QSKIP("gcc is missing");
    ScriptRun cRun;
    QVERIFY2(cRun.prepare(cText, Language::C, &why), qPrintable(why));
}

void TestScriptWriter::framedEchoServes_data()
{
    QTest::addColumn<QString>("spec");
    QTest::addColumn<Language>("language");
    for (const char *spec : {"length:4", "length:4:le", "length:2", "length:2:le", "line", "none"}) {
        QTest::addRow("%s, python", spec) << QString::fromLatin1(spec) << Language::Python;
        QTest::addRow("%s, c", spec) << QString::fromLatin1(spec) << Language::C;
    }
}

// The echo server a plan describes, run, serves a real client: each frame
// comes back framed the same way, and the program prints each one.
void TestScriptWriter::framedEchoServes()
{
    QFETCH(QString, spec);
    QFETCH(Language, language);
    if (language == Language::C && ScriptRun::gcc().isEmpty())
        QSKIP("gcc is missing");
    const quint16 port = freePort();
    QVERIFY(port != 0);
    const ScriptPlan plan = server(AutoReply::Mode::Echo, spec, port);
    ScriptRun run;
    QString why;
    QVERIFY2(run.prepare(text(plan, language), language, &why), qPrintable(why));
    run.start();
    QTRY_VERIFY2_WITH_TIMEOUT(run.output().contains("listening on"), run.output().constData(), 20000);

    QTcpSocket peer;
    peer.connectToHost(QHostAddress::LocalHost, port);
    QVERIFY(peer.waitForConnected(5000));
    QByteArray stream;
    const QList<QByteArray> words{"hello", "sticky", "packets"};
    for (const QByteArray &w : words)
        stream += plan.framing.kind == FramingSpec::Kind::None ? w : Framer::encode(plan.framing, w, &why);
    // Cut in the middle of a header: the program must put it back together.
    peer.write(stream.left(7));
    peer.flush();
    QTest::qWait(50);
    peer.write(stream.mid(7));
    QTRY_COMPARE_WITH_TIMEOUT(peer.bytesAvailable(), stream.size(), 10000);
    QCOMPARE(peer.readAll(), stream);
    peer.disconnectFromHost();
    QTRY_VERIFY_WITH_TIMEOUT(!run.running(), 20000);
    QCOMPARE(run.exitCode(), 0);
    const QByteArray out = run.output();
    if (plan.framing.kind != FramingSpec::Kind::None) {
        for (const QByteArray &w : words)
            QVERIFY2(out.contains("received b'" + w + "'\n"), out.constData());
    }
    QVERIFY2(out.contains("accepted"), out.constData());
}

// A UDP client lets the OS choose its port unless the user chose one.
void TestScriptWriter::udpClientBindsOnlyAChosenPort()
{
    ScriptPlan p;
    p.role = Role::UdpClient;
    p.targetHost = u"127.0.0.1"_s;
    p.targetPort = 9000;
    p.messages = {"ping"};
    QVERIFY(!PythonScriptWriter::write(p).contains(u"sock.bind("_s));
    QVERIFY(!CScriptWriter::write(p).contains(u"bind(sock"_s));
    p.local = Endpoint{QHostAddress(QHostAddress::LocalHost), 5005};
    QVERIFY(PythonScriptWriter::write(p).contains(u"sock.bind(('127.0.0.1', 5005))"_s));
    QVERIFY(CScriptWriter::write(p).contains(u"bind(sock, (struct sockaddr *)&local, make_addr(&local, \"127.0.0.1\", 5005))"_s));
}

// Addresses in C comments are written the C way, never as Python tuples,
// and C programs hold no Python comment.
void TestScriptWriter::cCommentsAreC()
{
    ScriptPlan p = server(AutoReply::Mode::Echo);
    ScriptPlan c = client({"x"});
    c.local = Endpoint{QHostAddress(QHostAddress::LocalHost), 5000};
    ScriptPlan u;
    u.role = Role::UdpServer;
    u.local = Endpoint{QHostAddress(QHostAddress::LocalHost), 9000};
    static const QRegularExpression comments(u"/\\*(.*?)\\*/"_s);
    for (const ScriptPlan &plan : {p, c, u}) {
        const QString text = CScriptWriter::write(plan);
        auto it = comments.globalMatch(text);
        int seen = 0;
        while (it.hasNext()) {
            const QString body = it.next().captured(1);
            ++seen;
            QVERIFY2(!body.contains(u"('"_s) && !body.contains(u"', "_s), qPrintable(body));
        }
        QVERIFY(seen > 3);
        QVERIFY2(!text.contains(u"\n# "_s), qPrintable(text));
    }
    QVERIFY(CScriptWriter::write(p).contains(u"127.0.0.1:8000 */"_s));
    QVERIFY(CScriptWriter::write(c).contains(u"127.0.0.1:5000;"_s));
}

void TestScriptWriter::socketOptions_data()
{
    QTest::addColumn<bool>("isServer");
    QTest::addColumn<bool>("reuse");
    QTest::addColumn<bool>("noDelay");
    QTest::addColumn<Language>("language");
    for (const Language l : {Language::Python, Language::C}) {
        const char *in = l == Language::Python ? "python" : "c";
        QTest::addRow("server, SO_REUSEADDR on, %s", in) << true << true << false << l;
        QTest::addRow("server, SO_REUSEADDR off, %s", in) << true << false << false << l;
        QTest::addRow("server, TCP_NODELAY, %s", in) << true << true << true << l;
        QTest::addRow("client, TCP_NODELAY, %s", in) << false << true << true << l;
        QTest::addRow("client, Nagle on, %s", in) << false << true << false << l;
    }
}

// The program sets exactly the options the tab has, and runs: a server on a
// port that a connection holds in TIME_WAIT listens with SO_REUSEADDR and
// fails with EADDRINUSE without it; TCP_NODELAY programs serve and send.
void TestScriptWriter::socketOptions()
{
    QFETCH(bool, isServer);
    QFETCH(bool, reuse);
    QFETCH(bool, noDelay);
    QFETCH(Language, language);
    const bool python = language == Language::Python;
    // A port held in TIME_WAIT by a connection its listener (SO_REUSEADDR,
    // as QTcpServer sets it) closed first.
    QTcpServer listener;
    QVERIFY(listener.listen(QHostAddress::LocalHost, 0));
    const quint16 port = listener.serverPort();
    if (isServer) {
        QTcpSocket peer;
        peer.connectToHost(QHostAddress::LocalHost, port);
        QVERIFY(peer.waitForConnected(5000));
        QTRY_VERIFY(listener.hasPendingConnections());
        std::unique_ptr<QTcpSocket> accepted(listener.nextPendingConnection());
        const Endpoint local{accepted->localAddress(), accepted->localPort()};
        const Endpoint remote{peer.localAddress(), peer.localPort()};
        accepted->disconnectFromHost();
        QTRY_COMPARE(peer.state(), QAbstractSocket::UnconnectedState);
        listener.close();
        QTRY_VERIFY(inTimeWait(local, remote));
    }
    ScriptPlan plan = isServer ? server(AutoReply::Mode::Echo, u"none"_s, port) : client({"hello"});
    plan.targetPort = port;
    plan.reuseAddress = reuse;
    plan.noDelay = noDelay;
    const QString script = text(plan, language);
    const QString reuseCall = python ? u"server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)"_s
                                     : u"setsockopt(server, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);"_s;
    const QString var = isServer ? u"conn"_s : u"client"_s;
    const QString noDelayCall = python ? u"%1.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)"_s.arg(var)
                                       : u"setsockopt(%1, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);"_s.arg(var);
    QVERIFY2(script.contains(reuseCall) == (isServer && reuse), qPrintable(script));
    QVERIFY2(script.contains(u"SO_REUSEADDR"_s) == isServer, qPrintable(script));  // off: said in a comment
    QVERIFY2(script.contains(u"No SO_REUSEADDR"_s) == (isServer && !reuse), qPrintable(script));
    QVERIFY2(script.contains(noDelayCall) == noDelay, qPrintable(script));
    QVERIFY2(script.contains(u"TCP_NODELAY"_s) == noDelay, qPrintable(script));
    if (!python)
        QCOMPARE(script.contains(u"#include <netinet/tcp.h>"_s), noDelay);
    if (!python && ScriptRun::gcc().isEmpty())
        QSKIP("gcc is missing");
    ScriptRun run;
    QString why;
    QVERIFY2(run.prepare(script, language, &why), qPrintable(why));
    if (!isServer)
        QVERIFY(listener.isListening());
    run.start();
    if (isServer && !reuse) {
        QTRY_VERIFY_WITH_TIMEOUT(!run.running(), 20000);
        QVERIFY(run.exitCode() != 0);
        QVERIFY2(run.output().contains("Address already in use"), run.output().constData());
        return;
    }
    if (isServer) {
        QTRY_VERIFY2_WITH_TIMEOUT(run.output().contains("listening on"), run.output().constData(), 20000);
        QTcpSocket peer;
        peer.connectToHost(QHostAddress::LocalHost, port);
        QVERIFY(peer.waitForConnected(5000));
        peer.write("hi");
        QTRY_COMPARE_WITH_TIMEOUT(peer.bytesAvailable(), qint64(2), 10000);
        QCOMPARE(peer.readAll(), "hi"_ba);
        peer.disconnectFromHost();
    } else {
        QTRY_VERIFY_WITH_TIMEOUT(listener.hasPendingConnections(), 20000);
        std::unique_ptr<QTcpSocket> conn(listener.nextPendingConnection());
        QTRY_COMPARE_WITH_TIMEOUT(conn->bytesAvailable(), qint64(5), 10000);
        QCOMPARE(conn->readAll(), "hello"_ba);
        conn->disconnectFromHost();
    }
    QTRY_VERIFY_WITH_TIMEOUT(!run.running(), 20000);
    QVERIFY2(run.exitCode() == 0, run.output().constData());
}

QTEST_GUILESS_MAIN(TestScriptWriter)
#include "tst_scriptwriter.moc"
