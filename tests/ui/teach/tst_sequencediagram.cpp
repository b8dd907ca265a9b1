// SequenceDiagram over real loopback sessions: a lane per client, arrows for
// accept/data/close, clicks that name the event's serial, rows that stay
// tied to serials when the budget drops events, and batched repaints when
// thousands of events arrive.

#include "core/log/TrafficLog.h"
#include "core/net/TcpClientSession.h"
#include "core/net/TcpServerSession.h"
#include "ui/teach/SequenceDiagram.h"

#include <QScrollBar>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>

#include <memory>
#include <vector>

namespace {

class PaintCounter : public QObject
{
public:
    int paints = 0;
    bool eventFilter(QObject *, QEvent *event) override
    {
        if (event->type() == QEvent::Paint)
            ++paints;
        return false;
    }
};

bool settled(const SequenceDiagram &d, const Session &s)
{
    return QTest::qWaitFor([&] { return d.rowCount() == s.log()->size(); }, 5000);
}

} // namespace

class TestSequenceDiagram : public QObject
{
    Q_OBJECT
private slots:
    void lanesAndArrowsForThreeClients();
    void clickNamesTheSerial();
    void labels();
    void previewsTellEscapesFromBytes_data();
    void previewsTellEscapesFromBytes();
    void longPreviewsEndOnAWholeEscape();
    void rowsFollowSerialsWhenEventsAreDropped();
    void thousandsOfEventsFewRepaints();
};

void TestSequenceDiagram::lanesAndArrowsForThreeClients()
{
    TcpServerSession server;
    server.setPort(0);
    server.setKeepOpenOnPeerFin(false);  // a client's FIN ends its lane
    QVERIFY(server.start());
    SequenceDiagram diagram;
    diagram.setSession(&server);
    diagram.resize(900, 500);
    diagram.show();
    QVERIFY(QTest::qWaitForWindowExposed(&diagram));

    std::vector<std::unique_ptr<QTcpSocket>> clients;
    for (int i = 0; i < 3; ++i) {
        auto c = std::make_unique<QTcpSocket>();
        c->connectToHost(server.listenEndpoint().address, server.listenEndpoint().port);
        QVERIFY(c->waitForConnected(5000));
        clients.push_back(std::move(c));
    }
    QTRY_COMPARE(server.clientCount(), 3);
    for (int i = 0; i < 3; ++i) {
        clients[size_t(i)]->write(QByteArray("hello ") + QByteArray::number(i));
        clients[size_t(i)]->flush();
    }
    QTRY_COMPARE(server.counters().bytesIn, quint64(21));
    clients[1]->disconnectFromHost();
    QTRY_COMPARE(server.clientCount(), 2);
    QVERIFY(settled(diagram, server));

    QCOMPARE(diagram.laneCount(), 4);  // the server and three peers
    for (int i = 0; i < 3; ++i)
        QVERIFY(diagram.laneName(i + 1).contains(QString::number(clients[size_t(i)]->localPort())));
    QVERIFY(diagram.laneName(0).contains(QString::number(server.listenEndpoint().port)));
    // 3 accepts + 3 reads + 1 FIN; "listening" is a mark, not an arrow.
    QCOMPARE(diagram.arrowCount(), qsizetype(7));
    QCOMPARE(diagram.rowCount(), server.log()->size());
}

void TestSequenceDiagram::clickNamesTheSerial()
{
    TcpServerSession server;
    server.setPort(0);
    QVERIFY(server.start());
    SequenceDiagram diagram;
    diagram.setSession(&server);
    diagram.resize(900, 500);
    diagram.show();
    QVERIFY(QTest::qWaitForWindowExposed(&diagram));

    QTcpSocket a;
    QTcpSocket b;
    for (QTcpSocket *c : {&a, &b}) {
        c->connectToHost(server.listenEndpoint().address, server.listenEndpoint().port);
        QVERIFY(c->waitForConnected(5000));
    }
    QTRY_COMPARE(server.clientCount(), 2);
    b.write("from b");
    b.flush();
    QTRY_COMPARE(server.counters().bytesIn, quint64(6));
    QVERIFY(settled(diagram, server));

    const TrafficLog *log = server.log();
    qsizetype dataRow = -1;
    for (qsizetype i = 0; i < log->size(); ++i)
        if (log->at(i).kind == TrafficEvent::Kind::Data)
            dataRow = i;
    QVERIFY(dataRow >= 0);
    const quint64 serial = log->firstSerial() + quint64(dataRow);
    QCOMPARE(diagram.rowOfSerial(serial), dataRow);

    QSignalSpy clicked(&diagram, &SequenceDiagram::eventClicked);
    const QRect r = diagram.rowRect(dataRow);
    QVERIFY(diagram.viewport()->rect().contains(r.center()));
    QTest::mouseClick(diagram.viewport(), Qt::LeftButton, {}, r.center());
    QCOMPARE(clicked.size(), 1);
    QCOMPARE(clicked[0][0].value<quint64>(), serial);
    QVERIFY(diagram.hasHighlight());
    QCOMPARE(diagram.highlightedSerial(), serial);

    // Clicking the header is not a row.
    QTest::mouseClick(diagram.viewport(), Qt::LeftButton, {}, QPoint(r.center().x(), 3));
    QCOMPARE(clicked.size(), 1);

    // Highlighting from outside (the traffic view's selection).
    diagram.highlightSerial(log->firstSerial());
    QCOMPARE(diagram.highlightedSerial(), log->firstSerial());
    QCOMPARE(clicked.size(), 1);
    QTest::keyClick(&diagram, Qt::Key_Down);
    QCOMPARE(clicked.size(), 2);
    QCOMPARE(clicked[1][0].value<quint64>(), log->firstSerial() + 1);
}

void TestSequenceDiagram::labels()
{
    SequenceDiagram diagram;
    TrafficEvent e;
    e.session = SessionKind::TcpServer;
    e.kind = TrafficEvent::Kind::Connected;
    QCOMPARE(diagram.labelFor(e), QStringLiteral("SYN → accept()"));
    e.session = SessionKind::TcpClient;
    QCOMPARE(diagram.labelFor(e), QStringLiteral("connect()"));
    e.kind = TrafficEvent::Kind::Closed;
    e.reason = TrafficEvent::Reason::PeerClosed;
    QCOMPARE(diagram.labelFor(e), QStringLiteral("FIN, recv()==b''"));
    e.reason = TrafficEvent::Reason::PeerReset;
    QCOMPARE(diagram.labelFor(e), QStringLiteral("RST"));
    e.reason = TrafficEvent::Reason::LocalClose;
    QCOMPARE(diagram.labelFor(e), QStringLiteral("close()"));
    e.kind = TrafficEvent::Kind::Data;
    e.payload = "GET / HTTP/1.1\r\nHost: example\r\n\r\n";
    const QString label = diagram.labelFor(e);
    QVERIFY2(label.startsWith(QStringLiteral("%1 bytes").arg(e.payload.size())), qPrintable(label));
    QVERIFY2(label.contains(QStringLiteral("GET / HTTP/1.1\\r\\n")), qPrintable(label));
    QVERIFY2(label.endsWith(QStringLiteral("…”")), qPrintable(label));
}

void TestSequenceDiagram::previewsTellEscapesFromBytes_data()
{
    QTest::addColumn<QByteArray>("payload");
    QTest::addColumn<QString>("preview");   // between the quotes
    QTest::newRow("newline") << QByteArray("a\nb") << QStringLiteral("a\\nb");
    QTest::newRow("backslash n") << QByteArray("a\\nb") << QStringLiteral("a\\\\nb");
    QTest::newRow("both") << QByteArray("\\n\n") << QStringLiteral("\\\\n\\n");
    QTest::newRow("CR LF tab NUL") << QByteArray("\r\n\t\0x", 5) << QStringLiteral("\\r\\n\\t\\0x");
    QTest::newRow("control byte") << QByteArray("\x01\x7f") << QStringLiteral("\\x01\\x7f");
    QTest::newRow("middle dot is text") << QByteArray("\xc2\xb7") << QStringLiteral("\u00b7");
}

// The preview spells a newline \n and the two bytes "\" "n" \\n, so the
// diagram never shows them the same.
void TestSequenceDiagram::previewsTellEscapesFromBytes()
{
    QFETCH(QByteArray, payload);
    QFETCH(QString, preview);
    SequenceDiagram diagram;
    TrafficEvent e;
    e.kind = TrafficEvent::Kind::Data;
    e.direction = TrafficEvent::Direction::In;
    e.payload = payload;
    QCOMPARE(diagram.labelFor(e), QStringLiteral("%1 bytes  \u201c%2\u201d").arg(payload.size()).arg(preview));
}

// A preview is cut whole escapes at a time: never half of "\\" or "\n".
void TestSequenceDiagram::longPreviewsEndOnAWholeEscape()
{
    SequenceDiagram diagram;
    TrafficEvent e;
    e.kind = TrafficEvent::Kind::Data;
    for (int lead = 0; lead < 4; ++lead) {
        e.payload = QByteArray(SequenceDiagram::kPreviewChars - 3 + lead, 'x') + QByteArray(20, '\\');
        const QString label = diagram.labelFor(e);
        const qsizetype open = label.indexOf(u'\u201c');
        QVERIFY(label.endsWith(QStringLiteral("\u2026\u201d")));
        const QString shown = label.mid(open + 1, label.size() - open - 3);
        QVERIFY2(shown.size() <= SequenceDiagram::kPreviewChars, qPrintable(label));
        QCOMPARE(shown.count(u'\\') % 2, 0);
    }
}

// A tiny budget drops old events: rows shift up, the highlight stays on its
// serial, and a user who scrolled up keeps looking at the same events.
void TestSequenceDiagram::rowsFollowSerialsWhenEventsAreDropped()
{
    TcpServerSession server;
    server.setPort(0);
    QVERIFY(server.start());
    server.log()->setByteBudget(64 * 1024);
    QTcpSocket client;
    client.connectToHost(server.listenEndpoint().address, server.listenEndpoint().port);
    QVERIFY(client.waitForConnected(5000));
    QTRY_COMPARE(server.clientCount(), 1);
    SequenceDiagram diagram;
    diagram.setSession(&server);
    diagram.resize(700, 300);
    diagram.show();
    QVERIFY(QTest::qWaitForWindowExposed(&diagram));

    auto sendOne = [&](int i) {
        const quint64 before = server.counters().bytesIn;
        client.write(QByteArray(500, char('a' + i % 26)));
        client.flush();
        return QTest::qWaitFor([&] { return server.counters().bytesIn >= before + 500; }, 5000);
    };
    for (int i = 0; i < 40; ++i)
        QVERIFY(sendOne(i));
    QVERIFY(settled(diagram, server));
    QVERIFY(diagram.isFollowingBottom());
    QScrollBar *v = diagram.verticalScrollBar();
    QCOMPARE(v->value(), v->maximum());

    // The user scrolls up a little and selects an event near the top of the view.
    v->setValue(v->maximum() - 10 * diagram.rowHeight());
    QVERIFY(!diagram.isFollowingBottom());
    const qsizetype row = v->value() / diagram.rowHeight() + 1;
    const quint64 serial = diagram.serialOfRow(row);
    diagram.highlightSerial(serial);
    const int topBefore = diagram.rowRect(row).top();

    const quint64 droppedBefore = server.log()->droppedEvents();
    for (int i = 0; i < 200 && server.log()->droppedEvents() - droppedBefore < 20; ++i)
        QVERIFY(sendOne(i));
    QVERIFY(settled(diagram, server));
    QVERIFY(server.log()->droppedEvents() - droppedBefore >= 20);
    const qsizetype newRow = diagram.rowOfSerial(serial);
    QVERIFY(newRow >= 0);
    QVERIFY(newRow < row);
    QVERIFY(diagram.hasHighlight());
    QCOMPARE(diagram.highlightedSerial(), serial);
    QCOMPARE(diagram.rowRect(newRow).top(), topBefore);  // still where the user left it
    QVERIFY(!diagram.isFollowingBottom());
}

void TestSequenceDiagram::thousandsOfEventsFewRepaints()
{
    TcpServerSession server;
    server.setPort(0);
    QVERIFY(server.start());
    TcpClientSession client;
    client.setHost(QStringLiteral("127.0.0.1"));
    client.setPort(server.listenEndpoint().port);
    QSignalSpy connected(&client, &TcpClientSession::connected);
    QVERIFY(client.start());
    QVERIFY(connected.wait(5000));

    SequenceDiagram diagram;
    diagram.setSession(&client);
    diagram.resize(900, 600);
    diagram.show();
    QVERIFY(QTest::qWaitForWindowExposed(&diagram));
    QVERIFY(settled(diagram, client));
    PaintCounter counter;
    diagram.viewport()->installEventFilter(&counter);

    constexpr int kEvents = 5000;
    for (int i = 0; i < kEvents; ++i) {
        QVERIFY(client.send(QByteArray("event ") + QByteArray::number(i)).ok());
        if (i % 100 == 99)
            QTest::qWait(2);  // let notices and paints happen while it streams
    }
    QTRY_COMPARE_WITH_TIMEOUT(diagram.rowCount(), client.log()->size(), 10000);
    QVERIFY(diagram.rowCount() >= kEvents);
    QTest::qWait(100);
    qInfo("%d paints for %d events", counter.paints, kEvents);
    QVERIFY2(counter.paints > 0, "the diagram never repainted");
    QVERIFY2(counter.paints < 200, qPrintable(QStringLiteral("%1 paints for %2 events").arg(counter.paints).arg(kEvents)));
    // Still following: the newest event is in view.
    QVERIFY(diagram.viewport()->rect().contains(diagram.rowRect(diagram.rowCount() - 1).center()));
    QCOMPARE(diagram.laneCount(), 2);
}

QTEST_MAIN(TestSequenceDiagram)
#include "tst_sequencediagram.moc"
