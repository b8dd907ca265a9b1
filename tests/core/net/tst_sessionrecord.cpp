// Session::record(), the one path of every event, over real loopback
// sockets for each kind of session: the session's counters and every
// connection's agree with what the log holds, frames are cut from streams
// only and a close ends a connection's framer, and what a listener of an
// event asks of the session (a close, a stop, a send) waits until the
// announcement is over, after the auto-reply.

#include "core/reply/ReplyRules.h"
#include "core/log/TrafficLog.h"
#include "core/net/TcpClientSession.h"
#include "core/net/TcpServerSession.h"
#include "core/net/UdpSession.h"
#include "support/SessionEvents.h"
#include "support/SessionRig.h"

#include <QNetworkDatagram>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QUdpSocket>

#include <map>
#include <memory>

using namespace Qt::StringLiterals;

namespace {

// What the log says of each connection: its counts, when it began (its
// connect or first data), when it last carried data.
struct FromLog
{
    quint64 bytesIn = 0;
    quint64 bytesOut = 0;
    quint64 messagesIn = 0;
    quint64 messagesOut = 0;
    qint64 sinceUs = 0;
    qint64 lastActivityUs = 0;
};

std::map<quint32, FromLog> tallyLog(const TrafficLog &log)
{
    std::map<quint32, FromLog> out;
    for (qsizetype i = 0; i < log.size(); ++i) {
        const TrafficEvent e = log.atWithoutPayload(i);
        const bool data = e.kind == TrafficEvent::Kind::Data;
        if (e.connectionId == 0 || (!data && e.kind != TrafficEvent::Kind::Connected))
            continue;
        FromLog &c = out[e.connectionId];
        if (c.sinceUs == 0)
            c.sinceUs = c.lastActivityUs = e.timeUs;
        if (!data)
            continue;
        const quint64 size = quint64(log.payloadSizeAt(i));
        if (e.direction == TrafficEvent::Direction::In) {
            c.bytesIn += size;
            ++c.messagesIn;
        } else {
            c.bytesOut += size;
            ++c.messagesOut;
        }
        c.lastActivityUs = e.timeUs;
    }
    return out;
}

QList<TrafficEvent::Kind> kindsOf(const Session &s)
{
    QList<TrafficEvent::Kind> out;
    for (qsizetype i = 0; i < s.log()->size(); ++i)
        out.append(s.log()->atWithoutPayload(i).kind);
    return out;
}

QList<QByteArray> framesOf(const Session &s)
{
    QList<QByteArray> out;
    for (const TrafficEvent &e : eventsOf(s, TrafficEvent::Kind::Frame))
        out.append(e.payload);
    return out;
}

} // namespace

class TestSessionRecord : public QObject
{
    Q_OBJECT
private slots:
    void countsAgreeWithTheLog_data();
    void countsAgreeWithTheLog();
    void aCloseEndsTheFramerAHalfCloseDoesNot();
    void listenersRequestsWaitForTheAnnouncement_data();
    void listenersRequestsWaitForTheAnnouncement();
};

void TestSessionRecord::countsAgreeWithTheLog_data()
{
    QTest::addColumn<Kind>("kind");
    QTest::addColumn<QString>("reply");
    QTest::addColumn<int>("framesPerMessage");

    QTest::newRow("tcp server, echo, lines") << Kind::TcpServer << u"echo"_s << 1;
    QTest::newRow("tcp server, no reply") << Kind::TcpServer << QString() << 1;
    QTest::newRow("tcp client, echo, lines") << Kind::TcpClient << u"echo"_s << 1;
    // A datagram keeps its own boundaries: a framing rule cuts nothing.
    QTest::newRow("udp, echo, lines set") << Kind::Udp << u"echo"_s << 0;
}

// The session's counters and every connection's are kept by record() alone:
// they say what the log holds.
void TestSessionRecord::countsAgreeWithTheLog()
{
    QFETCH(Kind, kind);
    QFETCH(QString, reply);
    QFETCH(int, framesPerMessage);

    SessionSettings settings;
    settings.rules = ReplyRules::fromReplySpec(reply);
    settings.framing = FramingSpec::line();
    Rig rig(kind);
    QVERIFY(rig.start(settings));
    Session *s = rig.session();

    constexpr int kMessages = 5;
    QByteArray sent;
    for (int i = 0; i < kMessages; ++i) {
        const QByteArray line = "message " + QByteArray::number(i) + '\n';
        rig.peerSends(line);
        sent += line;
        // One read (or datagram) per message: the counts below are exact.
        QTRY_COMPARE(s->counters().messagesIn, quint64(i + 1));
        QVERIFY(s->send("from the session " + QByteArray::number(i) + '\n').ok());
    }
    // The reply rules answer each message: with line framing a TCP frame,
    // without its "\n" (issue 20); a datagram whole.
    QByteArray echoed = reply.isEmpty() ? QByteArray() : sent;
    if (kind != Kind::Udp)
        echoed.replace('\n', QByteArray());
    QTRY_COMPARE(s->counters().bytesOut, quint64(echoed.size() + kMessages * 19));
    QTRY_VERIFY(rig.peerReceived().size() >= echoed.size() + kMessages * 19);

    const SessionCounters counters = s->counters();
    QCOMPARE(counters.bytesIn, quint64(sent.size()));
    QCOMPARE(counters.messagesIn, quint64(kMessages));
    QCOMPARE(counters.messagesOut, quint64(reply.isEmpty() ? kMessages : 2 * kMessages));
    QCOMPARE(counters.errors, quint64(0));
    QCOMPARE(framesOf(*s).size(), framesPerMessage * kMessages);

    const std::map<quint32, FromLog> tally = tallyLog(*s->log());
    const QList<ConnectionInfo> connections = s->connections();
    QCOMPARE(connections.size(), 1);
    QCOMPARE(counters.connections, quint64(1));
    QCOMPARE(tally.size(), size_t(1));
    const ConnectionInfo &info = connections.constFirst();
    const FromLog &logged = tally.at(info.id);
    QCOMPARE(info.bytesIn, logged.bytesIn);
    QCOMPARE(info.bytesOut, logged.bytesOut);
    QCOMPARE(info.messagesIn, logged.messagesIn);
    QCOMPARE(info.messagesOut, logged.messagesOut);
    QCOMPARE(info.sinceUs, logged.sinceUs);
    QCOMPARE(info.lastActivityUs, logged.lastActivityUs);
    QCOMPARE(info.bytesIn, counters.bytesIn);
    QCOMPARE(info.bytesOut, counters.bytesOut);
}

// The client connects twice with the same connection id: a partial frame
// of the first connection must not be glued to the bytes of the second.
// After our own shutdown(SHUT_WR) we still read: the frame goes on.
void TestSessionRecord::aCloseEndsTheFramerAHalfCloseDoesNot()
{
    SessionSettings settings;
    settings.framing = FramingSpec::line();
    settings.keepOpenOnPeerFin = false;
    Rig rig(Kind::TcpClient);
    QVERIFY(rig.start(settings));
    auto *client = static_cast<TcpClientSession *>(rig.session());

    rig.peerSends("whole\npar");
    QTRY_COMPARE(framesOf(*client), (QList<QByteArray>{"whole"}));
    QSignalSpy gone(client, &TcpClientSession::disconnected);
    QVERIFY(client->shutdownWrite());
    // Written before the peer's event loop sees our FIN (a QTcpSocket closes
    // when it reads EOF).
    rig.peerSends("tial\n");
    rig.peerSends("cut");
    QTRY_COMPARE(framesOf(*client), (QList<QByteArray>{"whole", "partial"}));
    QTRY_COMPARE(client->counters().bytesIn, quint64(17));
    rig.peerCloses();
    QVERIFY(!gone.isEmpty() || gone.wait(5000));
    QCOMPARE(client->connections().size(), 0);

    // The same session connects again (connection #1 again) and reads on.
    QVERIFY(rig.reconnect());
    QCOMPARE(client->connection().id, 1u);
    rig.peerSends("ted\n");
    QTRY_COMPARE(framesOf(*client), (QList<QByteArray>{"whole", "partial", "ted"}));
}

void TestSessionRecord::listenersRequestsWaitForTheAnnouncement_data()
{
    QTest::addColumn<Kind>("kind");
    QTest::addColumn<QString>("request");

    QTest::newRow("tcp server: close the connection") << Kind::TcpServer << u"close"_s;
    QTest::newRow("tcp server: stop") << Kind::TcpServer << u"stop"_s;
    QTest::newRow("tcp server: send") << Kind::TcpServer << u"send"_s;
    QTest::newRow("tcp client: stop") << Kind::TcpClient << u"stop"_s;
    QTest::newRow("tcp client: send") << Kind::TcpClient << u"send"_s;
    QTest::newRow("udp: stop") << Kind::Udp << u"stop"_s;
    QTest::newRow("udp: send") << Kind::Udp << u"send"_s;
}

// A listener that closes, stops or sends from inside the announcement of a
// received event: nothing happens under the code that recorded it (the
// session is as it was when the listener returns), the auto-reply goes out
// first, and then what the listener asked.
void TestSessionRecord::listenersRequestsWaitForTheAnnouncement()
{
    QFETCH(Kind, kind);
    QFETCH(QString, request);

    SessionSettings settings;
    settings.rules = ReplyRules::fromReplySpec(u"echo"_s);
    settings.keepOpenOnPeerFin = false;
    Rig rig(kind);
    QVERIFY(rig.start(settings));
    Session *s = rig.session();
    const quint32 id = rig.connectionId();
    const qsizetype eventsBefore = s->log()->size();

    bool asked = false;
    bool unchangedInside = false;
    SendResult sendResult;
    connect(s, &Session::eventOccurred, this, [&](const TrafficEvent &e) {
        if (asked || e.kind != TrafficEvent::Kind::Data || e.direction != TrafficEvent::Direction::In)
            return;
        asked = true;
        const int clientsBefore = s->connectionCount();
        if (request == u"stop"_s) {
            s->stop();
        } else if (request == u"send"_s) {
            sendResult = s->send("extra");
        } else {
            auto *server = static_cast<TcpServerSession *>(s);
            QVERIFY(server->disconnectClient(server->connections().constFirst().id));
        }
        unchangedInside = s->isRunning() && s->connectionCount() == clientsBefore
                          && s->log()->size() == eventsBefore + 1;
    });

    rig.peerSends("ping");
    QTRY_VERIFY(asked);
    QVERIFY2(unchangedInside, "the session acted inside the announcement");
    if (request == u"send"_s) {
        QVERIFY2(sendResult.ok(), qPrintable(sendResult.error));
        QCOMPARE(sendResult.bytes, qint64(5));
        // The echo, then the listener's send: in the order they were asked.
        QTRY_COMPARE(rig.peerReceived(), QByteArray("pingextra"));
        QVERIFY(s->isRunning());
        const QList<TrafficEvent> out = eventsOf(*s, TrafficEvent::Kind::Data);
        QCOMPARE(out.size(), 3);
        QCOMPARE(out.at(1).payload, QByteArray("ping"));
        QCOMPARE(out.at(2).payload, QByteArray("extra"));
        return;
    }
    QTRY_VERIFY(!s->isRunning() || s->connectionCount() == 0);
    QTRY_COMPARE(rig.peerReceived(), QByteArray("ping"));
    if (kind != Kind::Udp)
        QTRY_VERIFY(rig.peerSawClose());

    // In the log: what was received, its echo, then the close (and the stop).
    QList<TrafficEvent::Kind> expected{TrafficEvent::Kind::Data, TrafficEvent::Kind::Data};
    if (kind != Kind::Udp)
        expected.append(TrafficEvent::Kind::Closed);
    if (request == u"stop"_s && kind != Kind::TcpClient)
        expected.append(TrafficEvent::Kind::Stopped);
    QTRY_COMPARE(kindsOf(*s).mid(eventsBefore), expected);
    // The echo went to the connection (or UDP peer) that sent.
    const QList<TrafficEvent> data = eventsOf(*s, TrafficEvent::Kind::Data);
    QCOMPARE(data.at(1).connectionId, data.at(0).connectionId);
    if (kind != Kind::Udp)   // a UDP peer has its id once its first datagram came
        QCOMPARE(data.at(0).connectionId, id);
}

QTEST_GUILESS_MAIN(TestSessionRecord)
#include "tst_sessionrecord.moc"
