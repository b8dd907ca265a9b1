// Pause reading on one TCP connection (issue 21): recv() is no longer
// called, so the kernel's receive queue fills, the window the peer sees
// closes and its send queue grows; resuming reads every byte once, in order.

#include "core/log/TrafficLog.h"
#include "core/os/TcpKernelView.h"
#include "support/SessionRig.h"

#include <QRandomGenerator>
#include <QtTest>

class TestPauseReading : public QObject
{
    Q_OBJECT
private slots:
    void pausedConnectionFillsTheKernelQueue_data();
    void pausedConnectionFillsTheKernelQueue();
    void notAConnectionIsRefused_data();
    void notAConnectionIsRefused();
    void pauseEndsWithTheConnection();
};

namespace {

QByteArray receivedBytes(const Session &session)
{
    QByteArray all;
    const TrafficLog *log = session.log();
    for (qsizetype i = 0; i < log->size(); ++i) {
        const TrafficEvent e = log->at(i);
        if (e.kind == TrafficEvent::Kind::Data && e.direction == TrafficEvent::Direction::In)
            all += e.payload;
    }
    return all;
}

QStringList notes(const Session &session)
{
    QStringList out;
    const TrafficLog *log = session.log();
    for (qsizetype i = 0; i < log->size(); ++i) {
        const TrafficEvent e = log->at(i);
        if (e.kind == TrafficEvent::Kind::Note)
            out.append(e.message);
    }
    return out;
}

// The kernel's report of the session's end of its one connection.
std::optional<TcpKernelView::Socket> ourSocket(const Session &session)
{
    const QList<ConnectionInfo> list = session.connections();
    if (list.isEmpty())
        return std::nullopt;
    return TcpKernelView::find(list.first().local, list.first().peer);
}

} // namespace

void TestPauseReading::pausedConnectionFillsTheKernelQueue_data()
{
    QTest::addColumn<int>("kind");
    QTest::newRow("tcp server") << int(Kind::TcpServer);
    QTest::newRow("tcp client") << int(Kind::TcpClient);
}

void TestPauseReading::pausedConnectionFillsTheKernelQueue()
{
    QFETCH(int, kind);
    Rig rig{Kind(kind)};
    QVERIFY(rig.start(SessionSettings{}));
    Session *session = rig.session();
    const quint32 id = rig.connectionId();
    QVERIFY(id != 0);
    QSignalSpy changed(session, &Session::readingPausedChanged);

    QVERIFY(!session->isReadingPaused(id));
    QVERIFY(session->setReadingPaused(id, true));
    QVERIFY(session->isReadingPaused(id));
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.first().at(0).toUInt(), id);
    QCOMPARE(changed.first().at(1).toBool(), true);
    QVERIFY(session->connections().first().readingPaused);
    QCOMPARE(notes(*session).size(), 1);
    QVERIFY2(notes(*session).first().contains(QStringLiteral("Reading paused on #%1").arg(id)),
             qPrintable(notes(*session).first()));

    // 4 MiB of random bytes: far more than the receive buffer of a socket
    // nobody reads, so the peer's send() must block.
    QByteArray sent(4 * 1024 * 1024, Qt::Uninitialized);
    QRandomGenerator gen(21);
    gen.fillRange(reinterpret_cast<quint32 *>(sent.data()), sent.size() / 4);
    QTcpSocket *peer = rig.tcpPeer();
    peer->write(sent);

    // Our receive queue rises, the window the peer sees closes to zero and
    // the peer's kernel holds what it cannot send (its send queue).
    QTRY_VERIFY_WITH_TIMEOUT(ourSocket(*session) && ourSocket(*session)->receiveQueue > 0, 10000);
    TcpKernelView::Info peerInfo;
    QTRY_VERIFY_WITH_TIMEOUT(TcpKernelView::info(peer->socketDescriptor(), &peerInfo) && peerInfo.sendQueue > 0
                                 && (!peerInfo.peerWindowKnown || peerInfo.peerWindow == 0),
                             10000);
    QVERIFY2(peer->bytesToWrite() > 0, "the peer's send() did not block");
    // Nothing of it was logged as received while paused.
    QCOMPARE(receivedBytes(*session).size(), 0);
    QVERIFY(session->isReadingPaused(id));

    QVERIFY(session->setReadingPaused(id, false));
    QVERIFY(!session->isReadingPaused(id));
    QCOMPARE(changed.size(), 2);
    QCOMPARE(changed.last().at(1).toBool(), false);
    QCOMPARE(notes(*session).size(), 2);
    QVERIFY(notes(*session).last().contains(QStringLiteral("Reading resumed on #%1").arg(id)));
    QTRY_COMPARE_WITH_TIMEOUT(receivedBytes(*session).size(), sent.size(), 20000);
    // Every byte once, in order.
    QVERIFY(receivedBytes(*session) == sent);
    QTRY_COMPARE(ourSocket(*session)->receiveQueue, 0u);
    QVERIFY(!session->connections().first().readingPaused);
}

void TestPauseReading::notAConnectionIsRefused_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<bool>("unknownId");
    QTest::newRow("tcp server, no such connection") << int(Kind::TcpServer) << true;
    QTest::newRow("tcp client, no such connection") << int(Kind::TcpClient) << true;
    QTest::newRow("udp peer") << int(Kind::Udp) << false;
}

void TestPauseReading::notAConnectionIsRefused()
{
    QFETCH(int, kind);
    QFETCH(bool, unknownId);
    Rig rig{Kind(kind)};
    QVERIFY(rig.start(SessionSettings{}));
    Session *session = rig.session();
    if (!unknownId) {
        // A UDP peer is known once it sent something.
        rig.peerSends("hello");
        QTRY_VERIFY(rig.connectionId() != 0);
    }
    const quint32 id = unknownId ? 999 : rig.connectionId();
    QSignalSpy changed(session, &Session::readingPausedChanged);
    const qsizetype events = session->log()->size();
    QVERIFY(!session->setReadingPaused(id, true));
    QVERIFY(!session->isReadingPaused(id));
    QCOMPARE(changed.size(), 0);
    QCOMPARE(session->log()->size(), events);   // nothing logged
    // Reads go on as before.
    rig.peerSends("more");
    QTRY_VERIFY(receivedBytes(*session).endsWith("more"));
}

void TestPauseReading::pauseEndsWithTheConnection()
{
    Rig rig{Kind::TcpServer};
    QVERIFY(rig.start(SessionSettings{}));
    Session *session = rig.session();
    const quint32 id = rig.connectionId();
    QVERIFY(session->setReadingPaused(id, true));
    rig.peerSends("waits");
    QTRY_VERIFY(ourSocket(*session) && ourSocket(*session)->receiveQueue > 0);
    QSignalSpy changed(session, &Session::readingPausedChanged);
    QVERIFY(static_cast<TcpServerSession *>(session)->disconnectClient(id));
    QTRY_COMPARE(session->connections().size(), 0);
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.first().at(1).toBool(), false);
    QVERIFY(!session->isReadingPaused(id));
    QVERIFY(!session->setReadingPaused(id, false));
}

QTEST_GUILESS_MAIN(TestPauseReading)
#include "tst_pausereading.moc"
