// Text that is not ours (a peer's bytes, an IPv6 scope id, a value the user
// typed) never goes through QString::arg() as a template: a "%2" in it stays
// "%2". Each case here printed something else before it was fixed.

#include "core/net/Endpoint.h"
#include "core/net/TcpServerSession.h"
#include "core/net/UdpSession.h"
#include "core/teach/ScriptPlan.h"
#include "core/teach/SocketNarrator.h"
#include "core/workbench/CommandLine.h"

#include <QNetworkDatagram>
#include <QTcpSocket>
#include <QTest>
#include <QUdpSocket>

using namespace Qt::Literals::StringLiterals;
using Call = SocketNarrator::Call;
using Step = SocketNarrator::Step;
using SocketLane = SocketNarrator::SocketLane;

namespace {
const QByteArray kHostile = "%1%2%3%n%s";

const Step *stepOf(const SocketLane &lane, Call call)
{
    for (const Step &s : lane.steps) {
        if (s.call == call)
            return &s;
    }
    return nullptr;
}
} // namespace

class TestFormatSafety : public QObject
{
    Q_OBJECT
private slots:
    void scopedEndpointKeepsItsScope_data();
    void scopedEndpointKeepsItsScope();
    void commandLineValueIsQuoted();
    void udpNarrationOfAnEchoedPlaceholder();
    void tcpNarrationOfAnEchoedPlaceholder();
};

void TestFormatSafety::scopedEndpointKeepsItsScope_data()
{
    QTest::addColumn<QString>("address");
    QTest::addColumn<QString>("expected");
    // UdpReceiver gives scope ids as numbers, as the kernel does.
    QTest::newRow("numeric scope") << u"fe80::1%2"_s << u"[fe80::1%2]:5000"_s;
    QTest::newRow("scope %1") << u"fe80::1%1"_s << u"[fe80::1%1]:5000"_s;
    QTest::newRow("no scope") << u"::1"_s << u"[::1]:5000"_s;
    QTest::newRow("IPv4") << u"127.0.0.1"_s << u"127.0.0.1:5000"_s;
}

void TestFormatSafety::scopedEndpointKeepsItsScope()
{
    QFETCH(QString, address);
    QFETCH(QString, expected);
    QCOMPARE((Endpoint{QHostAddress(address), 5000}.toString()), expected);
}

void TestFormatSafety::commandLineValueIsQuoted()
{
    const CommandLine::Result r = CommandLine::parse({u"socket-workbench"_s, u"--backlog"_s, u"%2%3"_s});
    QCOMPARE(r.error, u"--backlog: “%2%3” is not a number from 0 to 65535"_s);
}

void TestFormatSafety::udpNarrationOfAnEchoedPlaceholder()
{
    // The echo sends the peer's bytes back: the narration of that sendto()
    // shows them as a C string, and the size and address after them.
    UdpSession udp;
    udp.setAutoReply(AutoReply::fromSpec(u"echo"_s, u"UTF-8"_s));
    QVERIFY(udp.start());
    SocketNarrator narrator(&udp);
    QUdpSocket peer;
    QVERIFY(peer.bind(QHostAddress::LocalHost, 0));
    peer.writeDatagram(kHostile, udp.localEndpoint().address, udp.localEndpoint().port);
    QTRY_VERIFY(peer.hasPendingDatagrams());
    QCOMPARE(peer.receiveDatagram().data(), kHostile);
    QTRY_VERIFY(!narrator.sockets().isEmpty() && stepOf(narrator.sockets().constFirst(), Call::SendTo));
    const Step *sendto = stepOf(narrator.sockets().constFirst(), Call::SendTo);
    QCOMPARE(sendto->c, u"sendto(sock, \"%1%2%3%n%s\", 10, 0, (struct sockaddr *)&addr, make_addr(&addr, \"127.0.0.1\", "_s
                            + QString::number(peer.localPort()) + u"));"_s);
    // The copied program computes its echo: the peer's bytes never reach it.
    const QString program = ScriptPlan::from(narrator).script(SocketNarrator::Language::C);
    QVERIFY2(program.contains(u"sendto(sock, buf, (size_t)n, 0, (struct sockaddr *)&peer, peerlen);"_s), qPrintable(program));
    QVERIFY2(!program.contains(u"%1%2"_s), qPrintable(program));
}

void TestFormatSafety::tcpNarrationOfAnEchoedPlaceholder()
{
    TcpServerSession server;
    server.setAutoReply(AutoReply::fromSpec(u"echo"_s, u"UTF-8"_s));
    QVERIFY(server.start());
    SocketNarrator narrator(&server);
    QTcpSocket client;
    client.connectToHost(QHostAddress::LocalHost, server.listenEndpoint().port);
    QVERIFY(client.waitForConnected(5000));
    client.write(kHostile);
    QByteArray echoed;
    QTRY_VERIFY((echoed += client.readAll()).size() >= kHostile.size());
    QCOMPARE(echoed, kHostile);
    QTRY_COMPARE(narrator.sockets().size(), 2);
    QTRY_VERIFY(stepOf(narrator.sockets().at(1), Call::Send));
    QCOMPARE(stepOf(narrator.sockets().at(1), Call::Send)->c, u"send(conn, \"%1%2%3%n%s\", 10, 0);"_s);
    const QString program = ScriptPlan::from(narrator).script(SocketNarrator::Language::C);
    QVERIFY2(program.contains(u"send_all(sock, data, size);"_s), qPrintable(program));
    QVERIFY2(!program.contains(u"%1%2"_s), qPrintable(program));
}

QTEST_GUILESS_MAIN(TestFormatSafety)
#include "tst_formatsafety.moc"
