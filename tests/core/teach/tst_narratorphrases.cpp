// How the narrator words calls (NarratorPhrases) on real loopback
// sessions: length-framed messages as struct and recv_exactly, C comments
// in C, the data boxes' labels, and struct imported by a copied script
// only when it uses it.

#include "core/net/TcpClientSession.h"
#include "core/net/TcpServerSession.h"
#include "core/net/UdpSession.h"
#include "core/teach/NarratorPhrases.h"
#include "core/teach/ScriptPlan.h"
#include "core/teach/SocketNarrator.h"
#include "support/SessionEvents.h"

#include <QProcess>
#include <QTcpSocket>
#include <QTest>
#include <QUdpSocket>

using namespace Qt::StringLiterals;
using Call = SocketNarrator::Call;
using Step = SocketNarrator::Step;

namespace {

const Step *stepOf(const SocketLane &lane, Call call, int nth = 0)
{
    for (const Step &s : lane.steps) {
        if (s.call == call && nth-- == 0)
            return &s;
    }
    return nullptr;
}

bool pythonCompiles(const QString &script, QString *why)
{
    QProcess p;
    p.start(u"/usr/bin/python3"_s, {u"-c"_s, u"import ast, sys; ast.parse(sys.stdin.read())"_s});
    p.write(script.toUtf8());
    p.closeWriteChannel();
    if (!p.waitForFinished(30000))
        return false;
    *why = QString::fromUtf8(p.readAllStandardError()) + script;
    return p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
}

} // namespace

class TestNarratorPhrases : public QObject
{
    Q_OBJECT
private slots:
    void lengthFramingNarratesStructAndRecvExactly_data();
    void lengthFramingNarratesStructAndRecvExactly();
    void cCommentsHaveNoPythonTuples();
    void scriptImportsStructOnlyWhenUsed_data();
    void scriptImportsStructOnlyWhenUsed();
    void dataCallsLabel_data();
    void dataCallsLabel();
    void callNameIsTheFunction_data();
    void callNameIsTheFunction();
};

void TestNarratorPhrases::lengthFramingNarratesStructAndRecvExactly_data()
{
    QTest::addColumn<QString>("spec");
    QTest::addColumn<QString>("format");
    QTest::addColumn<QByteArray>("header");  // of "hello"
    QTest::newRow("length:4") << u"length:4"_s << u"!I"_s << QByteArray("\x00\x00\x00\x05", 4);
    QTest::newRow("length:2:le") << u"length:2:le"_s << u"<H"_s << QByteArray("\x05\x00", 2);
}

// A session that frames its messages is told as the program that does:
// whole messages read with recv_exactly() and struct.unpack(), sends as
// struct.pack() and the bytes (the sticky-packets fix).
void TestNarratorPhrases::lengthFramingNarratesStructAndRecvExactly()
{
    QFETCH(QString, spec);
    QFETCH(QString, format);
    QFETCH(QByteArray, header);
    QString error;
    const FramingSpec framing = FramingSpec::parse(spec, &error);
    TcpServerSession server;
    server.setFraming(framing);
    QVERIFY(server.start());
    SocketNarrator serverNarrator(&server);
    TcpClientSession client;
    client.setFraming(framing);
    client.setFrameOutgoing(true);
    client.setHost(u"127.0.0.1"_s);
    client.setPort(server.listenEndpoint().port);
    SocketNarrator clientNarrator(&client);
    QVERIFY(client.start());
    QTRY_VERIFY(client.isConnected());
    for (const char *word : {"hello", "sticky", "packets"})
        QVERIFY(client.send(word).ok());
    QTRY_COMPARE(eventsOf(server, TrafficEvent::Kind::Frame).size(), 3);
    QTRY_VERIFY(serverNarrator.sockets().size() == 2 && stepOf(serverNarrator.sockets()[1], Call::Recv, 2));

    const SocketLane conn = serverNarrator.sockets()[1];
    const int width = int(header.size());
    const QString unpack = u"(n,) = struct.unpack('%1', recv_exactly(conn, %2)); data = recv_exactly(conn, n)"_s.arg(format).arg(width);
    const Step *first = stepOf(conn, Call::Recv, 0);
    QCOMPARE(NarratorPhrases::line(*first, SocketNarrator::Language::Python), unpack + u"  # n = 5: b'hello'"_s);
    QCOMPARE(stepOf(conn, Call::Recv, 2)->comment, u"n = 7: b'packets'"_s);
    QCOMPARE(NarratorPhrases::line(*first, SocketNarrator::Language::C),
             u"recv_exactly(conn, header, %1); n = get_length(header); recv_exactly(conn, buf, n);  /* n = 5: \"hello\" */"_s.arg(width));
    QCOMPARE(stepOf(conn, Call::Recv, 3), nullptr);  // messages, not reads

    const Step *sent = stepOf(clientNarrator.sockets()[0], Call::Send);
    QVERIFY(sent);
    QCOMPARE(sent->python, u"client.sendall(struct.pack('%1', 5) + b'hello')"_s.arg(format));
    QCOMPARE(sent->sent, header + "hello");
    QVERIFY(!sent->cComment.contains(u"('"_s));
}

// C comments carry C addresses (127.0.0.1:8000), never Python tuples.
void TestNarratorPhrases::cCommentsHaveNoPythonTuples()
{
    TcpServerSession server;
    QVERIFY(server.start());
    TcpClientSession client;
    client.setHost(u"127.0.0.1"_s);
    client.setPort(server.listenEndpoint().port);
    SocketNarrator clientNarrator(&client);
    QVERIFY(client.start());
    QTRY_VERIFY(client.isConnected());
    QVERIFY(client.send("hi").ok());
    QTRY_COMPARE(server.counters().bytesIn, quint64(2));
    UdpSession udp;
    QVERIFY(udp.start());
    SocketNarrator udpNarrator(&udp);
    QUdpSocket peer;
    QVERIFY(peer.bind(QHostAddress::LocalHost, 0));
    peer.writeDatagram("ping", udp.localEndpoint().address, udp.localEndpoint().port);
    QTRY_VERIFY(udp.counters().bytesIn >= 4);
    SocketNarrator serverNarrator(&server);

    int comments = 0;
    for (const SocketNarrator *n : {&clientNarrator, &udpNarrator, &serverNarrator}) {
        for (const SocketLane &lane : n->sockets()) {
            for (const Step &s : lane.steps) {
                QVERIFY2(!s.cComment.contains(u"('"_s) && !s.cComment.contains(u"', "_s), qPrintable(s.cComment));
                comments += s.cComment.isEmpty() ? 0 : 1;
            }
        }
    }
    QVERIFY(comments >= 5);
    const Step *connect = stepOf(clientNarrator.sockets()[0], Call::Connect);
    const QString local = client.connection().local.toString();
    QCOMPARE(connect->cComment, u"from %1 — no bind() needed, the OS chose the port"_s.arg(local));
    QVERIFY(connect->comment.contains(u"('127.0.0.1', %1)"_s.arg(client.connection().local.port)));
}

void TestNarratorPhrases::scriptImportsStructOnlyWhenUsed_data()
{
    QTest::addColumn<QString>("spec");
    QTest::addColumn<bool>("usesStruct");
    QTest::newRow("none") << u"none"_s << false;
    QTest::newRow("line") << u"line"_s << false;
    QTest::newRow("fixed:4") << u"fixed:4"_s << false;
    QTest::newRow("length:4") << u"length:4"_s << true;
}

void TestNarratorPhrases::scriptImportsStructOnlyWhenUsed()
{
    QFETCH(QString, spec);
    QFETCH(bool, usesStruct);
    QString error;
    TcpServerSession server;
    server.setFraming(FramingSpec::parse(spec, &error));
    server.setAutoReply(AutoReply::fromSpec(u"echo"_s, server.encoding()));
    QVERIFY(server.start());
    SocketNarrator n(&server);
    QTcpSocket client;
    client.connectToHost(QHostAddress::LocalHost, server.listenEndpoint().port);
    QVERIFY(client.waitForConnected(5000));
    QTRY_COMPARE(server.clientCount(), 1);
    for (const SocketNarrator::Language language : {SocketNarrator::Language::Python, SocketNarrator::Language::C}) {
        const QString script = ScriptPlan::from(n).script(language);
        QVERIFY(!script.isEmpty());
        if (language == SocketNarrator::Language::Python) {
            QCOMPARE(script.contains(u"import struct"_s), usesStruct);
            QCOMPARE(script.contains(u"struct.unpack("_s), usesStruct);
        } else {
            QCOMPARE(script.contains(u"get_length("_s), usesStruct);
        }
    }
    QString why;
    QVERIFY2(pythonCompiles(ScriptPlan::from(n).script(SocketNarrator::Language::Python), &why), qPrintable(why));
}

void TestNarratorPhrases::dataCallsLabel_data()
{
    QTest::addColumn<QList<Call>>("calls");
    QTest::addColumn<bool>("udp");
    QTest::addColumn<QString>("label");
    QTest::newRow("recv only") << QList<Call>{Call::Recv} << false << u"recv"_s;
    QTest::newRow("send only") << QList<Call>{Call::Send} << false << u"send"_s;
    QTest::newRow("send then recv") << QList<Call>{Call::Send, Call::Recv} << false << u"recv/send"_s;
    QTest::newRow("none yet") << QList<Call>{} << false << u"recv/send"_s;
    QTest::newRow("recvfrom only") << QList<Call>{Call::RecvFrom} << true << u"recvfrom"_s;
    QTest::newRow("sendto then recvfrom") << QList<Call>{Call::SendTo, Call::RecvFrom} << true << u"recvfrom/sendto"_s;
    QTest::newRow("UDP, none yet") << QList<Call>{} << true << u"recvfrom/sendto"_s;
}

void TestNarratorPhrases::dataCallsLabel()
{
    QFETCH(QList<Call>, calls);
    QFETCH(bool, udp);
    QFETCH(QString, label);
    QCOMPARE(NarratorPhrases::dataCallsLabel(calls, udp), label);
}

// The names the diagram's boxes show: the functions of the socket API.
void TestNarratorPhrases::callNameIsTheFunction_data()
{
    QTest::addColumn<Call>("call");
    QTest::addColumn<QString>("name");
    const QList<std::pair<Call, QString>> calls{
        {Call::Socket, u"socket"_s}, {Call::SetSockOpt, u"setsockopt"_s}, {Call::Bind, u"bind"_s},
        {Call::Listen, u"listen"_s}, {Call::Accept, u"accept"_s}, {Call::Connect, u"connect"_s},
        {Call::Send, u"send"_s}, {Call::Recv, u"recv"_s}, {Call::SendTo, u"sendto"_s},
        {Call::RecvFrom, u"recvfrom"_s}, {Call::Shutdown, u"shutdown"_s}, {Call::Close, u"close"_s}};
    for (const auto &[call, name] : calls)
        QTest::newRow(qPrintable(name)) << call << name;
}

void TestNarratorPhrases::callNameIsTheFunction()
{
    QFETCH(Call, call);
    QFETCH(QString, name);
    QCOMPARE(NarratorPhrases::callName(call), name);
}

QTEST_GUILESS_MAIN(TestNarratorPhrases)
#include "tst_narratorphrases.moc"
