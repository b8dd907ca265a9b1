// StreamView with a real TCP server and client in one process: the client
// sends three payloads in one event-loop turn, the server's view shows them
// as one stream with the client's three send boundaries and the reads a
// recv(N) program would get — one read with recv(1024), many with recv(4).

#include "core/log/TrafficLog.h"
#include "core/net/TcpClientSession.h"
#include "core/net/TcpServerSession.h"
#include "ui/teach/StreamView.h"

#include <QComboBox>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTest>

using Sizes = QList<qsizetype>;

namespace {

struct Pair
{
    TcpServerSession server;
    TcpClientSession client;

    bool connect()
    {
        server.setPort(0);
        server.setKeepOpenOnPeerFin(false);  // a client's FIN ends the connection
        if (!server.start())
            return false;
        client.setHost(QStringLiteral("127.0.0.1"));
        client.setPort(server.listenEndpoint().port);
        QSignalSpy connected(&client, &TcpClientSession::connected);
        if (!client.start() || !connected.wait(5000))
            return false;
        return QTest::qWaitFor([&] { return server.clientCount() == 1; }, 5000);
    }
};

} // namespace

class TestStreamView : public QObject
{
    Q_OBJECT
private slots:
    void threeSendsOneRead_data();
    void threeSendsOneRead();
    void sentDirectionShowsOwnSends();
    void followsNewestConnectionAndPeerSession();
};

void TestStreamView::threeSendsOneRead_data()
{
    QTest::addColumn<QByteArrayList>("sends");
    QTest::newRow("three of 6 bytes") << QByteArrayList{"hello1", "hello2", "hello3"};
    QTest::newRow("binary with NULs") << QByteArrayList{QByteArray("\x00\x01\x02", 3), QByteArray("\xff\x00", 2),
                                                        QByteArray(40, 'x')};
    QTest::newRow("utf-8 text") << QByteArrayList{"你好", ",", "世界"};
}

void TestStreamView::threeSendsOneRead()
{
    QFETCH(QByteArrayList, sends);
    Pair pair;
    QVERIFY(pair.connect());
    StreamView view;
    view.setSession(&pair.server);
    view.resize(900, 500);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    const quint32 id = pair.server.connections().constFirst().id;
    view.setConnection(id);

    // Back to back, in one turn of the event loop.
    QByteArray all;
    Sizes sizes;
    for (const QByteArray &s : sends) {
        QVERIFY(pair.client.send(s).ok());
        all += s;
        sizes << s.size();
    }
    QTRY_COMPARE(pair.server.counters().bytesIn, quint64(all.size()));
    QTRY_COMPARE(view.streamBytes(), all);

    QVERIFY(!view.localEndpoint().isNull());
    QCOMPARE(view.localEndpoint().port, pair.server.listenEndpoint().port);
    QCOMPARE(view.peerEndpoint().port, pair.client.localEndpoint().port);
    const Sizes peerSends = StreamView::sendSizesFor(&pair.client, view.localEndpoint(), view.peerEndpoint());
    QCOMPARE(peerSends, sizes);
    view.setPeerSendSizes(peerSends);
    QCOMPARE(view.sendSizes(), sizes);

    // recv(1024): everything that piled up comes back in one read.
    QCOMPARE(view.readSize(), 1024);
    QCOMPARE(view.readSizes(), Sizes{all.size()});
    QCOMPARE(view.readCount(), qsizetype(1));
    QVERIFY2(view.summaryText().startsWith(QStringLiteral("3 sends arrived as 1 read")), qPrintable(view.summaryText()));

    // recv(4) cuts the same bytes into many reads; the spin box is the control.
    view.readSizeSpinBox()->setValue(4);
    const qsizetype expected = (all.size() + 3) / 4;
    QCOMPARE(view.readCount(), expected);
    QCOMPARE(view.readSizes().size(), expected);
    QCOMPARE(view.readSizes().constFirst(), qsizetype(4));
    QVERIFY2(view.summaryText().contains(QStringLiteral("arrived as %1 reads").arg(expected)),
             qPrintable(view.summaryText()));

    // The reads the server really did add up to the same bytes.
    view.setReader(StreamView::Reader::AsLogged);
    qsizetype sum = 0;
    for (qsizetype r : view.readSizes())
        sum += r;
    QCOMPARE(sum, qsizetype(all.size()));
    QVERIFY(!view.readSizeSpinBox()->isEnabled());

    view.setBytesPerLine(32);
    QCOMPARE(view.bytesPerLine(), 32);
    view.canvas()->repaint();  // paints without tripping over any boundary
}

void TestStreamView::sentDirectionShowsOwnSends()
{
    Pair pair;
    QVERIFY(pair.connect());
    StreamView view;
    view.setSession(&pair.client);   // connection 0: the newest one
    view.setDirection(StreamView::Direction::Sent);
    view.show();
    QVERIFY(pair.client.send("abc").ok());
    QVERIFY(pair.client.send("defg").ok());
    QTRY_COMPARE(view.streamBytes(), QByteArray("abcdefg"));
    QCOMPARE(view.sendSizes(), (Sizes{3, 4}));
    view.setReadSize(2);
    QCOMPARE(view.readSizes(), (Sizes{2, 2, 2, 1}));
    view.setReader(StreamView::Reader::Waiting);
    QCOMPARE(view.readSizes(), (Sizes{2, 1, 2, 2}));
    // Received: nothing came back.
    view.setDirection(StreamView::Direction::Received);
    QVERIFY(view.streamBytes().isEmpty());
    QVERIFY(view.summaryText().isEmpty());
}

void TestStreamView::followsNewestConnectionAndPeerSession()
{
    Pair pair;
    QVERIFY(pair.connect());
    StreamView view;
    view.setSession(&pair.server);
    view.setPeerSession(&pair.client);  // kept current as the client sends
    view.show();
    QVERIFY(pair.client.send("one").ok());
    QTRY_COMPARE(view.streamBytes(), QByteArray("one"));
    QVERIFY(pair.client.send("two!").ok());
    QTRY_COMPARE(view.streamBytes(), QByteArray("onetwo!"));
    QTRY_COMPARE(view.sendSizes(), (Sizes{3, 4}));

    // A second connection: the view moves to it and starts over.
    pair.client.stop();
    QTRY_COMPARE(pair.server.clientCount(), 0);
    QSignalSpy connected(&pair.client, &TcpClientSession::connected);
    QVERIFY(pair.client.start());
    QVERIFY(connected.wait(5000));
    QTRY_COMPARE(pair.server.clientCount(), 1);
    QVERIFY(pair.client.send("fresh").ok());
    QTRY_COMPARE(view.streamBytes(), QByteArray("fresh"));
    QCOMPARE(view.connection(), quint32(0));
    QTRY_COMPARE(view.sendSizes(), Sizes{5});
    QCOMPARE(view.peerEndpoint().port, pair.client.localEndpoint().port);
}

QTEST_MAIN(TestStreamView)
#include "tst_streamview.moc"
