// StreamSegments: recv(N) simulated over how bytes arrived (the sticky-packet
// lesson), the bounded stream, offsets, and finding the sender's sends in a
// real client session's log by mirrored endpoints.

#include "core/log/TrafficLog.h"
#include "core/net/TcpClientSession.h"
#include "core/net/TcpServerSession.h"
#include "core/teach/StreamSegments.h"

#include <QSignalSpy>
#include <QTest>

using Sizes = QList<qsizetype>;
using Pace = StreamSegments::ReaderPace;

class TestStreamSegments : public QObject
{
    Q_OBJECT
private slots:
    void rechunk_data();
    void rechunk();
    void rechunkKeepsEveryByte_data();
    void rechunkKeepsEveryByte();
    void boundedStream();
    void offsetsAndPieces();
    void summaryText();
    void collectFromLog();
    void sendSizesFromRealPeer();
};

void TestStreamSegments::rechunk_data()
{
    QTest::addColumn<qsizetype>("total");
    QTest::addColumn<int>("readSize");
    QTest::addColumn<Sizes>("arrivals");
    QTest::addColumn<int>("pace");
    QTest::addColumn<Sizes>("expected");

    const int late = int(Pace::Late);
    const int eager = int(Pace::Eager);
    QTest::newRow("3 sends of 6, recv(1024): one read") << qsizetype(18) << 1024 << Sizes{6, 6, 6} << late << Sizes{18};
    QTest::newRow("3 sends of 6, recv(4)") << qsizetype(18) << 4 << Sizes{6, 6, 6} << late << Sizes{4, 4, 4, 4, 2};
    QTest::newRow("recv(6) matches the sends by chance") << qsizetype(18) << 6 << Sizes{6, 6, 6} << late << Sizes{6, 6, 6};
    QTest::newRow("recv(1) byte by byte") << qsizetype(3) << 1 << Sizes{3} << late << Sizes{1, 1, 1};
    QTest::newRow("recv(1024) cuts 3000 bytes") << qsizetype(3000) << 1024 << Sizes{3000} << late << Sizes{1024, 1024, 952};
    QTest::newRow("exact multiple") << qsizetype(2048) << 1024 << Sizes{2048} << late << Sizes{1024, 1024};
    QTest::newRow("nothing") << qsizetype(0) << 1024 << Sizes{} << late << Sizes{};
    QTest::newRow("read size 0 gives the arrivals") << qsizetype(18) << 0 << Sizes{6, 12} << late << Sizes{6, 12};
    QTest::newRow("arrivals short of total: rest is one arrival") << qsizetype(20) << 0 << Sizes{6, 6} << late << Sizes{6, 6, 8};
    QTest::newRow("arrivals past total are cut") << qsizetype(10) << 0 << Sizes{6, 6, 6} << late << Sizes{6, 4};
    QTest::newRow("eager reader, recv(1024), separate arrivals") << qsizetype(18) << 1024 << Sizes{6, 6, 6} << eager << Sizes{6, 6, 6};
    QTest::newRow("eager reader, recv(4)") << qsizetype(18) << 4 << Sizes{6, 6, 6} << eager << Sizes{4, 2, 4, 2, 4, 2};
    QTest::newRow("eager reader, merged arrival") << qsizetype(18) << 1024 << Sizes{18} << eager << Sizes{18};
    QTest::newRow("max read size") << qsizetype(70000) << 65536 << Sizes{70000} << late << Sizes{65536, 4464};
}

void TestStreamSegments::rechunk()
{
    QFETCH(qsizetype, total);
    QFETCH(int, readSize);
    QFETCH(Sizes, arrivals);
    QFETCH(int, pace);
    QFETCH(Sizes, expected);
    QCOMPARE(StreamSegments::rechunk(total, readSize, arrivals, Pace(pace)), expected);
    QCOMPARE(StreamSegments::readCount(total, readSize, arrivals, Pace(pace)), expected.size());
}

void TestStreamSegments::rechunkKeepsEveryByte_data()
{
    QTest::addColumn<int>("readSize");
    for (int n : {1, 3, 7, 16, 1000, 65536})
        QTest::addRow("recv(%d)", n) << n;
}

void TestStreamSegments::rechunkKeepsEveryByte()
{
    QFETCH(int, readSize);
    const Sizes arrivals{1, 17, 300, 5, 4096, 2};
    qsizetype total = 0;
    for (qsizetype a : arrivals)
        total += a;
    for (Pace pace : {Pace::Late, Pace::Eager}) {
        const Sizes reads = StreamSegments::rechunk(total, readSize, arrivals, pace);
        qsizetype sum = 0;
        for (qsizetype r : reads) {
            QVERIFY(r > 0);
            QVERIFY(r <= readSize);
            sum += r;
        }
        QCOMPARE(sum, total);
    }
}

void TestStreamSegments::boundedStream()
{
    StreamSegments s(10);
    s.appendChunk("abcdef");
    s.appendChunk(QByteArrayView());   // empty reads are not reads
    s.appendChunk("ghijkl");
    QCOMPARE(s.bytes(), QByteArray("abcdefghij"));
    QCOMPARE(s.totalBytes(), qsizetype(12));
    QVERIFY(s.isTruncated());
    QCOMPARE(s.arrivals(), (Sizes{6, 6}));
    QVERIFY(!s.note().isEmpty());
    QCOMPARE(s.reads(1024), Sizes{12});
    s.clear();
    QVERIFY(s.bytes().isEmpty());
    QVERIFY(s.note().isEmpty());
    QCOMPARE(StreamSegments().limit(), StreamSegments::kDefaultLimit);
}

void TestStreamSegments::offsetsAndPieces()
{
    const Sizes sizes{6, 6, 6};
    const Sizes starts = StreamSegments::startOffsets(sizes);
    QCOMPARE(starts, (Sizes{0, 6, 12}));
    QCOMPARE(StreamSegments::pieceAt(starts, sizes, 0), qsizetype(0));
    QCOMPARE(StreamSegments::pieceAt(starts, sizes, 5), qsizetype(0));
    QCOMPARE(StreamSegments::pieceAt(starts, sizes, 6), qsizetype(1));
    QCOMPARE(StreamSegments::pieceAt(starts, sizes, 17), qsizetype(2));
    QCOMPARE(StreamSegments::pieceAt(starts, sizes, 18), qsizetype(-1));
    QCOMPARE(StreamSegments::pieceAt(starts, sizes, -1), qsizetype(-1));
}

void TestStreamSegments::summaryText()
{
    QCOMPARE(StreamSegments::summary(3, 1, 18), QStringLiteral("3 sends arrived as 1 read"));
    QCOMPARE(StreamSegments::summary(3, 5, 18), QStringLiteral("3 sends arrived as 5 reads"));
    QCOMPARE(StreamSegments::summary(-1, 2, 18), QStringLiteral("18 bytes arrived as 2 reads"));
}

void TestStreamSegments::collectFromLog()
{
    TrafficLog log;
    auto add = [&](quint32 id, TrafficEvent::Direction d, const QByteArray &p) {
        TrafficEvent e;
        e.session = SessionKind::TcpServer;
        e.kind = TrafficEvent::Kind::Data;
        e.connectionId = id;
        e.direction = d;
        e.payload = p;
        log.append(e);
    };
    add(1, TrafficEvent::Direction::In, "hello ");
    add(2, TrafficEvent::Direction::In, "other");
    add(1, TrafficEvent::Direction::Out, "reply");
    add(1, TrafficEvent::Direction::In, "world");
    StreamSegments in;
    in.collect(log, 1, TrafficEvent::Direction::In);
    QCOMPARE(in.bytes(), QByteArray("hello world"));
    QCOMPARE(in.arrivals(), (Sizes{6, 5}));
    StreamSegments out;
    out.collect(log, 1, TrafficEvent::Direction::Out);
    QCOMPARE(out.bytes(), QByteArray("reply"));
    StreamSegments tail;
    tail.collect(log, 1, TrafficEvent::Direction::In, 2);
    QCOMPARE(tail.bytes(), QByteArray("world"));
}

// A real client sends three payloads in one turn; its log, read from the
// server's side of the connection, gives the three send sizes.
void TestStreamSegments::sendSizesFromRealPeer()
{
    TcpServerSession server;
    server.setPort(0);
    QVERIFY(server.start());
    TcpClientSession client;
    client.setHost(QStringLiteral("127.0.0.1"));
    client.setPort(server.listenEndpoint().port);
    QSignalSpy connected(&client, &TcpClientSession::connected);
    QVERIFY2(client.start(), qPrintable(client.log()->size() ? client.log()->at(0).message : QString()));
    QVERIFY(connected.wait(5000));
    QTRY_COMPARE(server.clientCount(), 1);
    QVERIFY(client.send("abc").ok());
    QVERIFY(client.send("defgh").ok());
    QVERIFY(client.send("ij").ok());
    QTRY_COMPARE(server.counters().bytesIn, quint64(10));

    const ConnectionInfo at = server.connections().constFirst();
    QCOMPARE(StreamSegments::sendSizesIn(*client.log(), at.local, at.peer), (Sizes{3, 5, 2}));
    // Not mirrored: nothing.
    QVERIFY(StreamSegments::sendSizesIn(*client.log(), at.peer, at.local).isEmpty());

    StreamSegments received;
    received.collect(*server.log(), at.id, TrafficEvent::Direction::In);
    QCOMPARE(received.bytes(), QByteArray("abcdefghij"));
    QCOMPARE(received.reads(1024), Sizes{10});
    QCOMPARE(received.reads(4), (Sizes{4, 4, 2}));
}

QTEST_GUILESS_MAIN(TestStreamSegments)
#include "tst_streamsegments.moc"
