// The session's part in what the send box sends (issue 19): each dynamic
// field of a message reaching a real peer, {counter} counted per session
// across sends, counters reset for the session and each connection, and
// the send box's settings (line ending, clearing) saved with the tab.

#include "core/commands/Template.h"
#include "core/net/SessionSettings.h"
#include "core/net/TcpServerSession.h"
#include "core/net/UdpSession.h"

#include <QDateTime>
#include <QNetworkDatagram>
#include <QRegularExpression>
#include <QTcpSocket>
#include <QTest>
#include <QUdpSocket>

#include <memory>

using namespace Qt::StringLiterals;

Q_DECLARE_METATYPE(PayloadEntry::LineEnding)

namespace {

struct ServerAndPeer
{
    TcpServerSession server;
    QTcpSocket peer;
    QByteArray received;

    bool open()
    {
        server.setPort(0);
        if (!server.start())
            return false;
        peer.connectToHost(server.listenEndpoint().address, server.listenEndpoint().port);
        if (!peer.waitForConnected(5000))
            return false;
        return QTest::qWaitFor([this] { return server.clientCount() == 1; }, 5000);
    }
    QByteArray receive(qsizetype n)
    {
        // Short of n after the wait: the caller's comparison says so.
        (void)QTest::qWaitFor([&] {
            received += peer.readAll();
            return received.size() >= n;
        }, 5000);
        return received;
    }
};

Template parsed(const QString &text, const QString &encoding = u"UTF-8"_s)
{
    const Template::Parsed p = Template::parse(text, Template::Mode::Text, encoding);
    if (!p.ok())
        qFatal("bad template in the test: %s", qPrintable(p.error));
    return p.value;
}

} // namespace

class TestSessionMessages : public QObject
{
    Q_OBJECT

private slots:
    void eachFieldReachesThePeer_data();
    void eachFieldReachesThePeer();
    void counterBelongsToTheSession();
    void failedSendDoesNotCount();
    void resetCountersZeroesSessionAndConnections();
    void resetCountersOfUdpPeers();
    void sendBoxSettingsAreSaved_data();
    void sendBoxSettingsAreSaved();
    void badSendBoxSettingsAreNamed();
};

void TestSessionMessages::eachFieldReachesThePeer_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("encoding");
    QTest::addColumn<QString>("pattern");   // what two messages in a row look like, as a regular expression

    const QString utf8 = u"UTF-8"_s;
    QTest::newRow("counter") << u"n={counter};"_s << utf8 << u"n=1;n=2;"_s;
    QTest::newRow("counter:04") << u"[{counter:04}]"_s << utf8 << u"\\[0001\\]\\[0002\\]"_s;
    QTest::newRow("counter:3") << u"[{counter:3}]"_s << utf8 << u"\\[  1\\]\\[  2\\]"_s;
    QTest::newRow("counter from 0") << u"{counter::0},"_s << utf8 << u"0,1,"_s;
    QTest::newRow("time") << u"{time}|"_s << utf8 << u"(\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}\\|){2}"_s;
    QTest::newRow("time:HH:mm:ss") << u"{time:HH:mm:ss};"_s << utf8 << u"(\\d\\d:\\d\\d:\\d\\d;){2}"_s;
    QTest::newRow("time:unix") << u"{time:unix};"_s << utf8 << u"(\\d{10};){2}"_s;
    QTest::newRow("random:3") << u"<{random:3}>"_s << utf8 << u"(<[\\s\\S]{3}>){2}"_s;
    QTest::newRow("hex") << u"a{hex:30 31}b"_s << utf8 << u"a01ba01b"_s;
    QTest::newRow("literal brace") << u"{{\"id\":{counter}}"_s << utf8 << u"\\{\"id\":1\\}\\{\"id\":2\\}"_s;
    QTest::newRow("GBK text and counter") << u"\u7b2c{counter}"_s << u"GBK"_s << u"\\x{b5}\\x{da}1\\x{b5}\\x{da}2"_s;
}

void TestSessionMessages::eachFieldReachesThePeer()
{
    QFETCH(QString, text);
    QFETCH(QString, encoding);
    QFETCH(QString, pattern);
    ServerAndPeer rig;
    QVERIFY(rig.open());
    QVERIFY(rig.server.setEncoding(encoding));
    const Template message = parsed(text, rig.server.encoding());
    const SendResult first = rig.server.sendMessage(message);
    QVERIFY2(first.ok(), qPrintable(first.error));
    const SendResult second = rig.server.sendMessage(message);
    QVERIFY(second.ok());
    const QByteArray got = rig.receive(first.bytes + second.bytes);
    QCOMPARE(got.size(), first.bytes + second.bytes);
    // Latin-1 keeps one character a byte, so the pattern can speak of bytes.
    const QRegularExpression re(u"\\A(?:"_s + pattern + u")\\z"_s);
    QVERIFY2(re.match(QString::fromLatin1(got)).hasMatch(), got.toHex(' ').constData());
    if (text.startsWith(u"<{random"_s))
        QVERIFY2(got.mid(1, 3) != got.mid(6, 3), "two messages, the same random bytes");
    QCOMPARE(rig.server.templateContext().counter, quint64(message.usesCounter() ? 2 : 0));
}

void TestSessionMessages::counterBelongsToTheSession()
{
    ServerAndPeer a;
    ServerAndPeer b;
    QVERIFY(a.open());
    QVERIFY(b.open());
    const Template counted = parsed(u"{counter},"_s);
    const Template plain = parsed(u"x,"_s);
    QVERIFY(a.server.sendMessage(counted).ok());
    QVERIFY(a.server.sendMessage(plain).ok());   // no counter: does not count
    QVERIFY(a.server.sendMessage(counted).ok());
    QVERIFY(b.server.sendMessage(counted).ok());
    QCOMPARE(a.receive(6), QByteArray("1,x,2,"));
    QCOMPARE(b.receive(2), QByteArray("1,"));
    QCOMPARE(a.server.templateContext().counter, quint64(2));
    QCOMPARE(b.server.templateContext().counter, quint64(1));
    // Other callers (the send box, a sequence) count through the same two calls.
    a.server.countTemplateMessage();
    QCOMPARE(a.server.templateContext(QByteArray("req")).counter, quint64(3));
    QCOMPARE(a.server.templateContext(QByteArray("req")).received, QByteArray("req"));
    QVERIFY(a.server.sendMessage(counted).ok());
    QCOMPARE(a.receive(8), QByteArray("1,x,2,4,"));
}

void TestSessionMessages::failedSendDoesNotCount()
{
    TcpServerSession server;
    server.setPort(0);
    QVERIFY(server.start());
    const SendResult r = server.sendMessage(parsed(u"{counter}"_s));
    QVERIFY(!r.ok());   // no client
    QCOMPARE(server.templateContext().counter, quint64(0));
    QCOMPARE(server.counters().bytesOut, quint64(0));
}

void TestSessionMessages::resetCountersZeroesSessionAndConnections()
{
    ServerAndPeer rig;
    QVERIFY(rig.open());
    QVERIFY(rig.server.sendMessage(parsed(u"hello{counter}"_s)).ok());
    rig.receive(6);
    rig.peer.write("from peer");
    QTRY_COMPARE(rig.server.counters().bytesIn, quint64(9));
    QCOMPARE(rig.server.counters().bytesOut, quint64(6));
    QCOMPARE(rig.server.connections().value(0).bytesOut, quint64(6));
    const quint64 connections = rig.server.counters().connections;
    const quint64 serial = rig.server.connectionsSerial();

    rig.server.resetCounters();
    const SessionCounters c = rig.server.counters();
    QCOMPARE(c.bytesIn, quint64(0));
    QCOMPARE(c.bytesOut, quint64(0));
    QCOMPARE(c.messagesIn, quint64(0));
    QCOMPARE(c.messagesOut, quint64(0));
    QCOMPARE(c.connections, connections);   // how many came is not traffic
    const ConnectionInfo info = rig.server.connections().value(0);
    QCOMPARE(info.bytesIn, quint64(0));
    QCOMPARE(info.bytesOut, quint64(0));
    QCOMPARE(info.messagesIn, quint64(0));
    QCOMPARE(info.messagesOut, quint64(0));
    QVERIFY(rig.server.connectionsSerial() != serial);   // the peer table refreshes
    QCOMPARE(rig.server.templateContext().counter, quint64(0));

    // Counting goes on from zero.
    QVERIFY(rig.server.sendMessage(parsed(u"again{counter}"_s)).ok());
    QCOMPARE(rig.receive(12), QByteArray("hello1again1"));
    QCOMPARE(rig.server.counters().bytesOut, quint64(6));
    QCOMPARE(rig.server.counters().messagesOut, quint64(1));
    QCOMPARE(rig.server.connections().value(0).bytesOut, quint64(6));
}

void TestSessionMessages::resetCountersOfUdpPeers()
{
    QUdpSocket peer;
    QVERIFY(peer.bind(QHostAddress::LocalHost, 0));
    UdpSession udp;
    udp.setBindPort(0);
    udp.setTarget(u"127.0.0.1"_s, peer.localPort());
    QVERIFY(udp.start());
    QVERIFY(udp.sendMessage(parsed(u"ping{counter}"_s)).ok());
    QTRY_VERIFY(peer.hasPendingDatagrams());
    QCOMPARE(peer.receiveDatagram().data(), QByteArray("ping1"));
    peer.writeDatagram("pong", udp.localEndpoint().address, udp.localEndpoint().port);
    QTRY_COMPARE(udp.counters().messagesIn, quint64(1));
    QTRY_VERIFY(!udp.connections().isEmpty());
    QVERIFY(udp.connections().value(0).bytesIn > 0);

    udp.resetCounters();
    QCOMPARE(udp.counters().bytesIn, quint64(0));
    QCOMPARE(udp.counters().bytesOut, quint64(0));
    for (const ConnectionInfo &info : udp.connections()) {
        QCOMPARE(info.bytesIn, quint64(0));
        QCOMPARE(info.bytesOut, quint64(0));
        QCOMPARE(info.messagesIn, quint64(0));
        QCOMPARE(info.messagesOut, quint64(0));
    }
}

void TestSessionMessages::sendBoxSettingsAreSaved_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<PayloadEntry::LineEnding>("ending");
    QTest::addColumn<bool>("clear");
    QTest::addColumn<QString>("name");
    QTest::newRow("server CRLF, clear") << int(SessionKind::TcpServer) << PayloadEntry::LineEnding::CrLf << true
                                        << u"crlf"_s;
    QTest::newRow("client CR") << int(SessionKind::TcpClient) << PayloadEntry::LineEnding::Cr << false << u"cr"_s;
    QTest::newRow("udp LF, clear") << int(SessionKind::Udp) << PayloadEntry::LineEnding::Lf << true << u"lf"_s;
    QTest::newRow("udp none") << int(SessionKind::Udp) << PayloadEntry::LineEnding::None << false << u"none"_s;
}

void TestSessionMessages::sendBoxSettingsAreSaved()
{
    QFETCH(int, kind);
    QFETCH(PayloadEntry::LineEnding, ending);
    QFETCH(bool, clear);
    QFETCH(QString, name);
    SessionSettings s;
    s.sendLineEnding = ending;
    s.clearAfterSend = clear;
    const QVariantMap map = s.toMap(SessionKind(kind));
    QCOMPARE(map.value(u"sendLineEnding"_s).toString(), name);
    QCOMPARE(map.value(u"clearAfterSend"_s).toBool(), clear);

    // Restored over different values, as a restored tab is.
    SessionSettings other;
    other.sendLineEnding = ending == PayloadEntry::LineEnding::Cr ? PayloadEntry::LineEnding::Lf
                                                                 : PayloadEntry::LineEnding::Cr;
    other.clearAfterSend = !clear;
    QStringList problems;
    const SessionSettings back = SessionSettings::fromMap(SessionKind(kind), map, other, &problems);
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u"; "_s)));
    QCOMPARE(back.sendLineEnding, ending);
    QCOMPARE(back.clearAfterSend, clear);

    // A tab saved before these existed keeps the defaults it is given.
    QVariantMap old = map;
    old.remove(u"sendLineEnding"_s);
    old.remove(u"clearAfterSend"_s);
    const SessionSettings kept = SessionSettings::fromMap(SessionKind(kind), old, other, &problems);
    QCOMPARE(kept.sendLineEnding, other.sendLineEnding);
    QCOMPARE(kept.clearAfterSend, other.clearAfterSend);
}

void TestSessionMessages::badSendBoxSettingsAreNamed()
{
    QStringList problems;
    const SessionSettings s = SessionSettings::fromMap(SessionKind::TcpClient, {{u"sendLineEnding"_s, u"lfcr"_s}},
                                                       SessionSettings(), &problems);
    QCOMPARE(s.sendLineEnding, PayloadEntry::LineEnding::None);
    QCOMPARE(problems.size(), 1);
    QVERIFY2(problems.first().startsWith(u"sendLineEnding: "_s), qPrintable(problems.first()));
}

QTEST_GUILESS_MAIN(TestSessionMessages)
#include "tst_sessionmessages.moc"
