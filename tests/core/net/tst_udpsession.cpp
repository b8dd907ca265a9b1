// UdpSession against real QUdpSockets on loopback.

#include "core/log/TrafficEvent.h"
#include "core/log/TrafficLog.h"
#include "core/net/UdpSession.h"
#include "support/SessionEvents.h"

#include <QHostInfo>
#include <QNetworkDatagram>
#include <QSignalSpy>
#include <QTest>
#include <QUdpSocket>

namespace {
quint16 closedUdpPort()
{
    QUdpSocket probe;
    probe.bind(QHostAddress::LocalHost, 0);
    return probe.localPort();
}
} // namespace

class TestUdpSession : public QObject
{
    Q_OBJECT
private slots:
    void bindsAndLogsEachDatagramWithSender_data();
    void bindsAndLogsEachDatagramWithSender();
    void sendsToTarget();
    void sendsToHostName();
    void repliesToLastSender();
    void refusesOversizeDatagram_data();
    void refusesOversizeDatagram();
    void refusesEmptyAndTargetless();
    void icmpPortUnreachableIsAnErrorAndSocketStaysAlive();
    void broadcastOnlyWhenEnabled();
    void listsPeersWithCounters();
    void addressInUseIsAnError();
    void echoReplies();
    void echoNeverAnswersItself_data();
    void echoNeverAnswersItself();
};

void TestUdpSession::bindsAndLogsEachDatagramWithSender_data()
{
    QTest::addColumn<QString>("address");
    QTest::newRow("ipv4") << QStringLiteral("127.0.0.1");
    QTest::newRow("ipv6") << QStringLiteral("::1");
}

void TestUdpSession::bindsAndLogsEachDatagramWithSender()
{
    QFETCH(QString, address);
    UdpSession udp;
    udp.setBindAddress(QHostAddress(address));
    udp.setBindPort(0);
    QVERIFY(udp.start());
    const Endpoint local = udp.localEndpoint();
    QVERIFY(local.port != 0);
    QCOMPARE(eventsOf(udp, TrafficEvent::Kind::Listening).size(), 1);

    QUdpSocket sender;
    QVERIFY(sender.bind(QHostAddress(address), 0));
    const QList<QByteArray> datagrams{QByteArray("one"), QByteArray("\0two\0", 5), QByteArray(1000, 'x')};
    for (const QByteArray &d : datagrams)
        QCOMPARE(sender.writeDatagram(d, local.address, local.port), qint64(d.size()));
    QTRY_COMPARE(udp.counters().messagesIn, 3u);
    const auto data = eventsOf(udp, TrafficEvent::Kind::Data);
    QCOMPARE(data.size(), 3);
    for (int i = 0; i < 3; ++i) {
        // Each datagram stands alone: boundaries are kept.
        QCOMPARE(data[i].payload, datagrams[i]);
        QCOMPARE(data[i].peer.port, sender.localPort());
        QCOMPARE(data[i].peer.address, QHostAddress(address));
        QCOMPARE(data[i].direction, TrafficEvent::Direction::In);
    }
    QCOMPARE(udp.lastSender().port, sender.localPort());
}

void TestUdpSession::sendsToTarget()
{
    QUdpSocket receiver;
    QVERIFY(receiver.bind(QHostAddress::LocalHost, 0));
    UdpSession udp;
    udp.setTarget(QStringLiteral("127.0.0.1"), receiver.localPort());
    const SendResult r = udp.send("hello");
    QVERIFY2(r.ok(), qPrintable(r.error));
    QTRY_VERIFY(receiver.hasPendingDatagrams());
    const QNetworkDatagram d = receiver.receiveDatagram();
    QCOMPARE(d.data(), QByteArray("hello"));
    // Sending bound the socket on its own, to loopback: the OS picked the port.
    QCOMPARE(d.senderPort(), int(udp.localEndpoint().port));
    QCOMPARE(udp.localEndpoint().address, QHostAddress(QHostAddress::LocalHost));
    const auto data = eventsOf(udp, TrafficEvent::Kind::Data);
    QCOMPARE(data.size(), 1);
    QCOMPARE(data[0].direction, TrafficEvent::Direction::Out);
    QCOMPARE(data[0].peer.port, receiver.localPort());
}

void TestUdpSession::sendsToHostName()
{
    QUdpSocket receiver;
    QVERIFY(receiver.bind(QHostAddress::LocalHost, 0));
    UdpSession udp;
    udp.setBindAddress(QHostAddress(QHostAddress::LocalHost));
    QVERIFY(udp.start());
    if (QHostInfo::fromName(QStringLiteral("localhost")).addresses().isEmpty())
        QSKIP("this system does not resolve \"localhost\" (no /etc/hosts entry)");
    udp.setTarget(QStringLiteral("localhost"), receiver.localPort());
    QVERIFY(udp.send("by name").ok());
    QTRY_VERIFY(receiver.hasPendingDatagrams());
    QCOMPARE(receiver.receiveDatagram().data(), QByteArray("by name"));

    udp.setTarget(QStringLiteral("no-such-host.invalid"), 9);
    const SendResult r = udp.send("x");
    QVERIFY(!r.ok());
    QVERIFY(r.error.contains(QStringLiteral("host not found")));
    QCOMPARE(eventsOf(udp, TrafficEvent::Kind::Error).last().reason, TrafficEvent::Reason::HostNotFound);
}

void TestUdpSession::repliesToLastSender()
{
    UdpSession udp;
    QVERIFY(udp.start());
    const SendResult nobody = udp.replyToLastSender("x");
    QVERIFY(!nobody.ok());
    QUdpSocket a;
    QUdpSocket b;
    QVERIFY(a.bind(QHostAddress::LocalHost, 0));
    QVERIFY(b.bind(QHostAddress::LocalHost, 0));
    a.writeDatagram("from a", udp.localEndpoint().address, udp.localEndpoint().port);
    QTRY_COMPARE(udp.counters().messagesIn, 1u);
    b.writeDatagram("from b", udp.localEndpoint().address, udp.localEndpoint().port);
    QTRY_COMPARE(udp.counters().messagesIn, 2u);
    QVERIFY(udp.replyToLastSender("to b").ok());
    QTRY_VERIFY(b.hasPendingDatagrams());
    QCOMPARE(b.receiveDatagram().data(), QByteArray("to b"));
    QTest::qWait(50);
    QVERIFY(!a.hasPendingDatagrams());
}

void TestUdpSession::refusesOversizeDatagram_data()
{
    QTest::addColumn<QString>("address");
    QTest::addColumn<int>("limit");
    QTest::newRow("ipv4 65507") << QStringLiteral("127.0.0.1") << 65507;
    QTest::newRow("ipv6 65527") << QStringLiteral("::1") << 65527;
}

void TestUdpSession::refusesOversizeDatagram()
{
    QFETCH(QString, address);
    QFETCH(int, limit);
    QUdpSocket receiver;
    QVERIFY(receiver.bind(QHostAddress(address), 0));
    receiver.setSocketOption(QAbstractSocket::ReceiveBufferSizeSocketOption, 1 << 20);
    UdpSession udp;
    udp.setBindAddress(QHostAddress(address));
    QVERIFY(udp.start());
    udp.setTarget(address, receiver.localPort());
    const qsizetype logged = udp.log()->size();
    const SendResult tooBig = udp.send(QByteArray(limit + 1, 'x'));
    QVERIFY(!tooBig.ok());
    QVERIFY2(tooBig.error.contains(QLocale::c().toString(limit)), qPrintable(tooBig.error));
    QCOMPARE(udp.log()->size(), logged);  // refused before anything was sent
    QCOMPARE(udp.counters().bytesOut, 0u);
    // The largest legal datagram goes through whole.
    const SendResult max = udp.send(QByteArray(limit, 'y'));
    QVERIFY2(max.ok(), qPrintable(max.error));
    QTRY_VERIFY(receiver.hasPendingDatagrams());
    QCOMPARE(receiver.pendingDatagramSize(), qint64(limit));
    receiver.receiveDatagram();
    QVERIFY(!receiver.hasPendingDatagrams());  // and the refused one never arrived
}

void TestUdpSession::refusesEmptyAndTargetless()
{
    UdpSession udp;
    QVERIFY(udp.start());
    const SendResult noTarget = udp.send("x");
    QVERIFY(!noTarget.ok());
    QVERIFY(noTarget.error.contains(QStringLiteral("No target")));
    udp.setTarget(QStringLiteral("127.0.0.1"), 9);
    const SendResult empty = udp.send(QByteArray());
    QVERIFY(!empty.ok());
    QVERIFY(empty.error.contains(QStringLiteral("empty")));
    QCOMPARE(udp.counters().bytesOut, 0u);
}

void TestUdpSession::icmpPortUnreachableIsAnErrorAndSocketStaysAlive()
{
    UdpSession udp;
    QVERIFY(udp.start());
    const quint16 closed = closedUdpPort();
    udp.setTarget(QStringLiteral("127.0.0.1"), closed);
    QVERIFY(udp.send("anyone?").ok());
    QTRY_COMPARE(eventsOf(udp, TrafficEvent::Kind::Error).size(), 1);
    const TrafficEvent err = eventsOf(udp, TrafficEvent::Kind::Error).first();
    QCOMPARE(err.reason, TrafficEvent::Reason::Refused);
    QVERIFY2(err.message.contains(QStringLiteral("port unreachable")), qPrintable(err.message));
    QCOMPARE(err.peer.port, closed);
    // After the ICMP error the socket still receives.
    QUdpSocket sender;
    QVERIFY(sender.bind(QHostAddress::LocalHost, 0));
    sender.writeDatagram("still here", udp.localEndpoint().address, udp.localEndpoint().port);
    QTRY_COMPARE(udp.counters().messagesIn, 1u);
    // And a second ICMP error is reported as well.
    QVERIFY(udp.send("again?").ok());
    QTRY_COMPARE(eventsOf(udp, TrafficEvent::Kind::Error).size(), 2);
}

void TestUdpSession::broadcastOnlyWhenEnabled()
{
    // 127.255.255.255 is the loopback network's broadcast address: a real
    // broadcast that never leaves this machine. Broadcasts reach sockets
    // bound to the wildcard address.
    QUdpSocket receiver;
    QVERIFY(receiver.bind(QHostAddress::AnyIPv4, 0));
    UdpSession udp;
    QVERIFY(udp.start());
    const QHostAddress loopbackBroadcast(QStringLiteral("127.255.255.255"));
    const SendResult off = udp.sendBroadcast(receiver.localPort(), "hi all", loopbackBroadcast);
    QVERIFY(!off.ok());
    QVERIFY(off.error.contains(QStringLiteral("Broadcast is off")));
    udp.setTarget(QStringLiteral("127.255.255.255"), receiver.localPort());
    const SendResult viaTarget = udp.send("hi all");
    QVERIFY(!viaTarget.ok());
    QVERIFY(viaTarget.error.contains(QStringLiteral("broadcast")));
    QTest::qWait(50);
    QVERIFY(!receiver.hasPendingDatagrams());

    udp.setBroadcastEnabled(true);
    const SendResult on = udp.sendBroadcast(receiver.localPort(), "hi all", loopbackBroadcast);
    QVERIFY2(on.ok(), qPrintable(on.error));
    QTRY_VERIFY(receiver.hasPendingDatagrams());
    QCOMPARE(receiver.receiveDatagram().data(), QByteArray("hi all"));
    const SendResult notBroadcast = udp.sendBroadcast(receiver.localPort(), "x", QHostAddress::LocalHost);
    QVERIFY(!notBroadcast.ok());
}

void TestUdpSession::listsPeersWithCounters()
{
    UdpSession udp;
    QVERIFY(udp.start());
    QUdpSocket a;
    QVERIFY(a.bind(QHostAddress::LocalHost, 0));
    for (int i = 0; i < 3; ++i)
        a.writeDatagram("12345", udp.localEndpoint().address, udp.localEndpoint().port);
    QTRY_COMPARE(udp.counters().messagesIn, 3u);
    QVERIFY(udp.sendTo(QHostAddress::LocalHost, a.localPort(), "ok").ok());
    const auto peers = udp.connections();
    QCOMPARE(peers.size(), 1);
    QCOMPARE(peers[0].peer.port, a.localPort());
    QCOMPARE(peers[0].bytesIn, 15u);
    QCOMPARE(peers[0].messagesIn, 3u);
    QCOMPARE(peers[0].bytesOut, 2u);
    QCOMPARE(peers[0].messagesOut, 1u);
}

void TestUdpSession::addressInUseIsAnError()
{
    QUdpSocket holder;
    QVERIFY(holder.bind(QHostAddress::LocalHost, 0));
    UdpSession udp;
    udp.setBindAddress(QHostAddress(QHostAddress::LocalHost));
    udp.setBindPort(holder.localPort());
    QVERIFY(!udp.start());
    const auto errors = eventsOf(udp, TrafficEvent::Kind::Error);
    QCOMPARE(errors.size(), 1);
    QCOMPARE(errors[0].reason, TrafficEvent::Reason::AddressInUse);
    QVERIFY2(errors[0].message.contains(QStringLiteral("EADDRINUSE")), qPrintable(errors[0].message));
}

void TestUdpSession::echoReplies()
{
    UdpSession udp;
    udp.setAutoReply(AutoReply::fromSpec(QStringLiteral("echo"), QStringLiteral("UTF-8")));
    QVERIFY(udp.start());
    QUdpSocket client;
    QVERIFY(client.bind(QHostAddress::LocalHost, 0));
    client.writeDatagram("marco", udp.localEndpoint().address, udp.localEndpoint().port);
    QTRY_VERIFY(client.hasPendingDatagrams());
    const QNetworkDatagram d = client.receiveDatagram();
    QCOMPARE(d.data(), QByteArray("marco"));
    QCOMPARE(d.senderPort(), int(udp.localEndpoint().port));
}

void TestUdpSession::echoNeverAnswersItself_data()
{
    QTest::addColumn<QString>("bindAddress");
    QTest::newRow("bound to 127.0.0.1") << QStringLiteral("127.0.0.1");
    QTest::newRow("bound to 0.0.0.0") << QStringLiteral("0.0.0.0");
}

void TestUdpSession::echoNeverAnswersItself()
{
    // An echo socket whose target is itself would ping-pong for ever.
    QFETCH(QString, bindAddress);
    UdpSession udp;
    udp.setAutoReply(AutoReply::fromSpec(QStringLiteral("echo"), QStringLiteral("UTF-8")));
    udp.setBindAddress(QHostAddress(bindAddress));
    QVERIFY(udp.start());
    udp.setTarget(QStringLiteral("127.0.0.1"), udp.localEndpoint().port);
    QVERIFY(udp.send("me").ok());
    QTRY_COMPARE(udp.counters().messagesIn, 1u);
    QTest::qWait(200);
    QCOMPARE(udp.counters().messagesIn, 1u);
    QCOMPARE(udp.counters().messagesOut, 1u);
}

QTEST_GUILESS_MAIN(TestUdpSession)
#include "tst_udpsession.moc"
