// ConnectionsModel and PeerInspector over real sessions on loopback: rows
// and details follow real connects, traffic and disconnects. One scale test
// uses a session subclass that lists 10,000 made-up connections, because
// 10,000 real sockets would exceed a test machine's descriptor limit.

#include "core/net/TcpClientSession.h"
#include "core/net/TcpServerSession.h"
#include "core/net/UdpSession.h"
#include "ui/pages/ConnectionsModel.h"
#include "ui/pages/PeerInspector.h"

#include <QAbstractItemModelTester>
#include <QElapsedTimer>
#include <QLabel>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QUdpSocket>

#include <memory>
#include <vector>

using namespace Qt::StringLiterals;

namespace {
// A session whose connection list the test writes directly.
class ListedSession : public Session
{
public:
    ListedSession()
        : Session(SessionKind::TcpServer, nullptr)
    {
    }
    bool start() override { return true; }
    void stop() override {}
    SendResult send(const QByteArray &) override { return SendResult::failure(u"not here"_s); }
    QList<ConnectionInfo> connections() const override { return list; }
    QList<ConnectionInfo> list;
};

ConnectionInfo madeUp(quint32 id)
{
    ConnectionInfo c;
    c.id = id;
    c.local = Endpoint{QHostAddress(QHostAddress::LocalHost), 9000};
    c.peer = Endpoint{QHostAddress(QHostAddress::LocalHost), quint16(10000 + id % 50000)};
    c.sinceUs = 1700000000000000 + id;
    c.state = u"connected"_s;
    return c;
}

std::unique_ptr<QTcpSocket> connectTo(const Endpoint &server)
{
    auto socket = std::make_unique<QTcpSocket>();
    socket->connectToHost(server.address, server.port);
    if (!socket->waitForConnected(5000))
        return nullptr;
    return socket;
}

int rowOfPeerPort(const ConnectionsModel &model, quint16 port)
{
    for (int r = 0; r < model.rowCount(); ++r) {
        if (model.infoAt(r).peer.port == port)
            return r;
    }
    return -1;
}
} // namespace

class TestPeerInspector : public QObject
{
    Q_OBJECT
private slots:
    void modelFollowsConnectsAndDisconnects();
    void modelUpdatesCountersWithoutReset();
    void modelSkipsIdleTicks();
    void modelCoalescesABurstOfConnects();
    void modelHandlesTenThousandConnections();
    void modelLetsGoOfADeletedSession();
    void inspectorShowsTheSelectedPeer_data();
    void inspectorShowsTheSelectedPeer();
    void inspectorFollowsTrafficAndClose();
    void inspectorShowsAUdpPeer();
    void inspectorShowsATcpClientConnection();
    void inspectorLabelsAreNamedAndSelectable();
    void inspectorFollowsTheClientsOwnConnection();
    void closedConnectionKeepsItsEndpoints();
};

void TestPeerInspector::modelFollowsConnectsAndDisconnects()
{
    TcpServerSession server;
    server.setKeepOpenOnPeerFin(false);  // the row goes with the peer's FIN
    QVERIFY(server.start());
    ConnectionsModel model(&server);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(model.columnCount(), int(ConnectionsModel::ColumnCount));

    std::vector<std::unique_ptr<QTcpSocket>> clients;
    for (int i = 0; i < 3; ++i) {
        clients.push_back(connectTo(server.listenEndpoint()));
        QVERIFY(clients.back());
    }
    QTRY_COMPARE(model.rowCount(), 3);
    for (const auto &c : clients) {
        const int row = rowOfPeerPort(model, c->localPort());
        QVERIFY2(row >= 0, "a client is missing from the model");
        QCOMPARE(model.data(model.index(row, ConnectionsModel::Peer)).toString(),
                 u"127.0.0.1:%1"_s.arg(c->localPort()));
        QCOMPARE(model.data(model.index(row, ConnectionsModel::Local)).toString(),
                 u"127.0.0.1:%1"_s.arg(server.listenEndpoint().port));
        const quint32 id = model.idAt(row);
        QVERIFY(server.hasClient(id));
        QCOMPARE(model.rowOf(id), row);
        QCOMPARE(model.data(model.index(row, ConnectionsModel::Id)).toString(), u"#%1"_s.arg(id));
        QCOMPARE(model.data(model.index(row, ConnectionsModel::State)).toString(), u"connected"_s);
    }

    const int middleRow = rowOfPeerPort(model, clients[1]->localPort());
    const quint32 middleId = model.idAt(middleRow);
    const quint32 lastId = model.idAt(rowOfPeerPort(model, clients[2]->localPort()));
    clients[1]->disconnectFromHost();
    QTRY_COMPARE(model.rowCount(), 2);
    QCOMPARE(removed.size(), 1);
    QCOMPARE(removed.at(0).at(1).toInt(), middleRow);
    QCOMPARE(removed.at(0).at(2).toInt(), middleRow);
    QCOMPARE(model.rowOf(middleId), -1);
    QCOMPARE(model.idAt(model.rowOf(lastId)), lastId);
    QVERIFY(rowOfPeerPort(model, clients[0]->localPort()) >= 0);
    QVERIFY(rowOfPeerPort(model, clients[2]->localPort()) >= 0);

    // A new client gets a new row (ids are not reused).
    clients.push_back(connectTo(server.listenEndpoint()));
    QTRY_COMPARE(model.rowCount(), 3);
    QVERIFY(model.rowOf(middleId) == -1);

    server.stop();
    QTRY_COMPARE(model.rowCount(), 0);
    QCOMPARE(reset.size(), 0);
    QVERIFY(inserted.size() >= 2);
    QCOMPARE(model.idAt(0), 0u);
    QCOMPARE(model.infoAt(5).id, 0u);
}

void TestPeerInspector::modelUpdatesCountersWithoutReset()
{
    TcpServerSession server;
    QVERIFY(server.start());
    ConnectionsModel model(&server);
    model.setRefreshInterval(50);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    auto a = connectTo(server.listenEndpoint());
    auto b = connectTo(server.listenEndpoint());
    QVERIFY(a && b);
    QTRY_COMPARE(model.rowCount(), 2);
    const int rowA = rowOfPeerPort(model, a->localPort());
    const int rowB = rowOfPeerPort(model, b->localPort());
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    QSignalSpy layout(&model, &QAbstractItemModel::layoutChanged);

    a->write("hello");
    QTRY_COMPARE(model.data(model.index(rowA, ConnectionsModel::BytesIn)).toString(), u"5"_s);
    QCOMPARE(model.data(model.index(rowA, ConnectionsModel::MessagesIn)).toString(), u"1"_s);
    QCOMPARE(model.data(model.index(rowA, ConnectionsModel::BytesIn), ConnectionsModel::SortRole).toULongLong(), 5ull);
    QCOMPARE(model.data(model.index(rowB, ConnectionsModel::BytesIn)).toString(), u"0"_s);
    QVERIFY(changed.size() >= 1);
    // Only A's row changed.
    for (const auto &args : std::as_const(changed)) {
        QCOMPARE(args.at(0).toModelIndex().row(), rowA);
        QCOMPARE(args.at(1).toModelIndex().row(), rowA);
    }

    QVERIFY(server.sendTo(model.idAt(rowB), "0123456789").ok());
    QTRY_COMPARE(model.data(model.index(rowB, ConnectionsModel::BytesOut)).toString(), u"10"_s);
    QCOMPARE(model.data(model.index(rowB, ConnectionsModel::MessagesOut)).toString(), u"1"_s);
    QCOMPARE(reset.size(), 0);
    QCOMPARE(layout.size(), 0);

    // Nothing happens: no signals at all.
    QTest::qWait(150);
    changed.clear();
    QTest::qWait(200);
    QCOMPARE(changed.size(), 0);
}

void TestPeerInspector::modelSkipsIdleTicks()
{
    // While nothing happens the table's ticks read nothing; the first byte,
    // a send, a close by us or by the peer is still on the next tick.
    TcpServerSession server;
    server.setKeepOpenOnPeerFin(false);  // the row goes with the peer's FIN
    QVERIFY(server.start());
    ConnectionsModel model(&server);
    model.setRefreshInterval(20);
    std::vector<std::unique_ptr<QTcpSocket>> clients;
    for (int i = 0; i < 3; ++i) {
        clients.push_back(connectTo(server.listenEndpoint()));
        QVERIFY(clients.back());
    }
    QTRY_COMPARE(model.rowCount(), 3);
    const quint64 serial = server.connectionsSerial();
    const quint64 idleBefore = model.idleTicks();
    QTest::qWait(300);
    QCOMPARE(server.connectionsSerial(), serial);
    QVERIFY2(model.idleTicks() >= idleBefore + 5, qPrintable(QString::number(model.idleTicks() - idleBefore)));

    const int row = rowOfPeerPort(model, clients[0]->localPort());
    clients[0]->write("abc");
    QTRY_COMPARE(model.data(model.index(row, ConnectionsModel::BytesIn)).toString(), u"3"_s);
    QVERIFY(server.connectionsSerial() != serial);
    QVERIFY(server.sendTo(model.idAt(row), "xy").ok());
    QTRY_COMPARE(model.data(model.index(row, ConnectionsModel::BytesOut)).toString(), u"2"_s);

    // Closed by us, then by a peer: gone from the table.
    const quint32 ours = model.idAt(rowOfPeerPort(model, clients[1]->localPort()));
    QVERIFY(server.disconnectClient(ours, false));
    QTRY_COMPARE(model.rowOf(ours), -1);
    const quint16 theirs = clients[2]->localPort();
    clients[2]->disconnectFromHost();
    QTRY_COMPARE(rowOfPeerPort(model, theirs), -1);
    QCOMPARE(model.rowCount(), 1);
}

void TestPeerInspector::modelCoalescesABurstOfConnects()
{
    TcpServerSession server;
    QVERIFY(server.start());
    ConnectionsModel model(&server);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    std::vector<std::unique_ptr<QTcpSocket>> clients;
    for (int i = 0; i < 50; ++i) {
        clients.push_back(std::make_unique<QTcpSocket>());
        clients.back()->connectToHost(server.listenEndpoint().address, server.listenEndpoint().port);
    }
    QTRY_COMPARE(model.rowCount(), 50);
    int rows = 0;
    for (const auto &args : std::as_const(inserted))
        rows += args.at(2).toInt() - args.at(1).toInt() + 1;
    QCOMPARE(rows, 50);
    // Not one insert per connection.
    QVERIFY2(inserted.size() < 25, qPrintable(QString::number(inserted.size())));
}

void TestPeerInspector::modelHandlesTenThousandConnections()
{
    ListedSession session;
    for (quint32 id = 1; id <= 10000; ++id)
        session.list.append(madeUp(id));
    ConnectionsModel model;
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    model.setSession(&session);
    QCOMPARE(model.rowCount(), 10000);
    QCOMPARE(inserted.size(), 1);

    // One counter moves: one dataChanged, for that row only.
    session.list[4321].bytesIn = 77;
    model.refresh();
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.at(0).at(0).toModelIndex().row(), 4321);
    QCOMPARE(changed.at(0).at(1).toModelIndex().row(), 4321);
    QCOMPARE(model.data(model.index(4321, ConnectionsModel::BytesIn), ConnectionsModel::SortRole).toULongLong(), 77ull);

    // Every second connection closes, and ten new ones come.
    QList<ConnectionInfo> next;
    for (const ConnectionInfo &c : std::as_const(session.list)) {
        if (c.id % 2 == 0)
            next.append(c);
    }
    for (quint32 id = 20001; id <= 20010; ++id)
        next.append(madeUp(id));
    session.list = next;
    inserted.clear();
    changed.clear();
    model.refresh();
    QCOMPARE(model.rowCount(), 5010);
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(changed.size(), 0);
    // 5,000 scattered runs of gone rows: one reset instead of 5,000 removals.
    QCOMPARE(removed.size(), 0);
    QCOMPARE(reset.size(), 1);
    for (int r = 0; r < 5000; ++r) {
        if (model.idAt(r) != quint32(2 * (r + 1)))
            QFAIL(qPrintable(u"row %1 holds #%2"_s.arg(r).arg(model.idAt(r))));
    }
    QCOMPARE(model.idAt(5000), 20001u);
    QCOMPARE(model.rowOf(20010), 5009);
    QCOMPARE(model.rowOf(4321), -1);
    QCOMPARE(model.rowOf(4322), 4322 / 2 - 1);

    // A few runs (here three) are removals, each of its run, and no reset.
    reset.clear();
    removed.clear();
    next.clear();
    for (const ConnectionInfo &c : std::as_const(session.list)) {
        if (c.id < 100 || (c.id > 2000 && c.id <= 2010) || c.id > 20008)
            continue;
        next.append(c);
    }
    session.list = next;
    model.refresh();
    QCOMPARE(reset.size(), 0);
    QCOMPARE(removed.size(), 3);
    QCOMPARE(model.rowCount(), 5010 - 49 - 5 - 2);
    QCOMPARE(model.idAt(0), 100u);
    QCOMPARE(model.rowOf(2012), model.rowOf(2000) + 1);
}

void TestPeerInspector::modelLetsGoOfADeletedSession()
{
    auto server = std::make_unique<TcpServerSession>();
    QVERIFY(server->start());
    ConnectionsModel model(server.get());
    PeerInspector inspector;
    inspector.setSession(server.get());
    inspector.show();
    auto client = connectTo(server->listenEndpoint());
    QVERIFY(client);
    QTRY_COMPARE(model.rowCount(), 1);
    inspector.showConnection(model.idAt(0));
    auto *pages = inspector.findChild<QStackedWidget *>(u"pages"_s);
    QCOMPARE(pages->currentWidget()->objectName(), u"detailsPage"_s);

    server.reset();
    QCOMPARE(model.rowCount(), 0);
    QVERIFY(!model.session());
    QCOMPARE(pages->currentWidget()->objectName(), u"emptyPage"_s);
    QCOMPARE(inspector.connectionId(), 0u);
    QTest::qWait(600);   // refresh ticks must not touch the deleted session
}

void TestPeerInspector::inspectorShowsTheSelectedPeer_data()
{
    QTest::addColumn<QString>("address");
    QTest::addColumn<QString>("family");
    QTest::newRow("IPv4") << u"127.0.0.1"_s << u"TCP over IPv4"_s;
    QTest::newRow("IPv6") << u"::1"_s << u"TCP over IPv6"_s;
}

void TestPeerInspector::inspectorShowsTheSelectedPeer()
{
    QFETCH(QString, address);
    QFETCH(QString, family);
    TcpServerSession server;
    server.setListenAddress(QHostAddress(address));
    if (!server.start())
        QSKIP("this machine cannot listen on the address");
    std::vector<std::unique_ptr<QTcpSocket>> clients;
    for (int i = 0; i < 3; ++i) {
        clients.push_back(connectTo(server.listenEndpoint()));
        QVERIFY(clients.back());
    }
    QTRY_COMPARE(server.clientCount(), 3);
    ConnectionsModel model(&server);
    PeerInspector inspector;
    inspector.setSession(&server);
    inspector.show();
    auto *pages = inspector.findChild<QStackedWidget *>(u"pages"_s);
    QCOMPARE(pages->currentWidget()->objectName(), u"emptyPage"_s);
    QVERIFY(inspector.findChild<QLabel *>(u"placeholderLabel"_s)->text().contains(u"No connection selected"_s));

    const QTcpSocket &chosen = *clients[1];
    const int row = rowOfPeerPort(model, chosen.localPort());
    QVERIFY(row >= 0);
    inspector.showConnection(model.idAt(row));
    QCOMPARE(pages->currentWidget()->objectName(), u"detailsPage"_s);
    const auto text = [&](const char *name) { return inspector.findChild<QLabel *>(QLatin1String(name))->text(); };
    QCOMPARE(text("peerPortValue"), QString::number(chosen.localPort()));
    QCOMPARE(text("peerAddressValue"), address);
    QCOMPARE(text("localPortValue"), QString::number(server.listenEndpoint().port));
    QCOMPARE(text("localAddressValue"), address);
    QCOMPARE(text("familyValue"), family);
    QCOMPARE(text("stateValue"), u"Connected"_s);
    QVERIFY(text("titleLabel").contains(u"#%1"_s.arg(model.idAt(row))));

    inspector.showConnection(0);
    QCOMPARE(pages->currentWidget()->objectName(), u"emptyPage"_s);
}

void TestPeerInspector::inspectorFollowsTrafficAndClose()
{
    TcpServerSession server;
    QVERIFY(server.start());
    auto client = connectTo(server.listenEndpoint());
    QVERIFY(client);
    QTRY_COMPARE(server.clientCount(), 1);
    const quint32 id = server.connections().first().id;
    PeerInspector inspector;
    inspector.setSession(&server);
    inspector.showConnection(id);
    inspector.show();
    const auto text = [&](const char *name) { return inspector.findChild<QLabel *>(QLatin1String(name))->text(); };
    QCOMPARE(text("bytesInValue"), u"0"_s);
    QVERIFY(!text("sinceValue").isEmpty());

    // Refreshed on its own timer while visible.
    client->write("abcdefg");
    QTRY_COMPARE(text("bytesInValue"), u"7"_s);
    QCOMPARE(text("messagesInValue"), u"1"_s);
    QVERIFY(server.sendTo(id, "xyz").ok());
    QTRY_COMPARE(text("bytesOutValue"), u"3"_s);
    QCOMPARE(text("messagesOutValue"), u"1"_s);
    QCOMPARE(text("lastErrorValue"), u"None"_s);

    const QString peerPort = text("peerPortValue");
    client->disconnectFromHost();
    // The peer's FIN leaves our side open (CLOSE_WAIT) until we close it.
    QTRY_COMPARE(text("stateValue"), u"CLOSE_WAIT (peer finished sending)"_s);
    QVERIFY(!inspector.isClosed());
    QVERIFY(server.disconnectClient(id));
    QTRY_COMPARE(text("stateValue"), u"Closed"_s);
    QVERIFY(inspector.isClosed());
    // The last known values stay readable.
    QCOMPARE(text("peerPortValue"), peerPort);
    QCOMPARE(text("bytesInValue"), u"7"_s);
    QVERIFY(text("durationValue").contains(u"closed"_s));
}

void TestPeerInspector::inspectorShowsAUdpPeer()
{
    UdpSession session;
    session.setBindAddress(QHostAddress(QHostAddress::LocalHost));
    session.setBindPort(0);
    QVERIFY(session.start());
    QUdpSocket sender;
    QVERIFY(sender.bind(QHostAddress(QHostAddress::LocalHost), 0));
    QCOMPARE(sender.writeDatagram("ping", QHostAddress(QHostAddress::LocalHost), session.localEndpoint().port), 4);
    ConnectionsModel model(&session);
    QTRY_COMPARE(model.rowCount(), 1);
    QCOMPARE(model.infoAt(0).peer.port, sender.localPort());

    PeerInspector inspector;
    inspector.setSession(&session);
    inspector.showConnection(model.idAt(0));
    const auto text = [&](const char *name) { return inspector.findChild<QLabel *>(QLatin1String(name))->text(); };
    QCOMPARE(text("peerPortValue"), QString::number(sender.localPort()));
    QCOMPARE(text("familyValue"), u"UDP over IPv4"_s);
    QCOMPARE(text("bytesInValue"), u"4"_s);
    QCOMPARE(text("messagesInValue"), u"1"_s);
    QVERIFY(text("titleLabel").contains(u"UDP"_s));
    QCOMPARE(inspector.findChild<QLabel *>(u"sinceLabel"_s)->text(), u"First datagram:"_s);
}

void TestPeerInspector::inspectorShowsATcpClientConnection()
{
    QTcpServer listener;
    QVERIFY(listener.listen(QHostAddress::LocalHost, 0));
    TcpClientSession session;
    session.setKeepOpenOnPeerFin(false);  // the server's FIN closes our side too
    session.setHost(u"127.0.0.1"_s);
    session.setPort(listener.serverPort());
    QVERIFY(session.start());
    QTRY_VERIFY(session.isConnected());
    QTRY_VERIFY(listener.hasPendingConnections());
    std::unique_ptr<QTcpSocket> accepted(listener.nextPendingConnection());

    PeerInspector inspector;
    inspector.setSession(&session);
    inspector.showConnection(session.connection().id);
    inspector.show();
    const auto text = [&](const char *name) { return inspector.findChild<QLabel *>(QLatin1String(name))->text(); };
    QCOMPARE(text("peerPortValue"), QString::number(listener.serverPort()));
    QCOMPARE(text("localPortValue"), QString::number(accepted->peerPort()));
    accepted->close();
    QTRY_COMPARE(text("stateValue"), u"Closed"_s);
}

void TestPeerInspector::inspectorLabelsAreNamedAndSelectable()
{
    PeerInspector inspector;
    QStringList problems;
    for (QLabel *label : inspector.findChildren<QLabel *>()) {
        if (!label->objectName().endsWith(u"Value"_s))
            continue;
        if (label->accessibleName().isEmpty() || label->toolTip().isEmpty())
            problems << label->objectName() + u": no name or tooltip"_s;
        if (!(label->textInteractionFlags() & Qt::TextSelectableByMouse))
            problems << label->objectName() + u": not selectable"_s;
    }
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u"; "_s)));
    QVERIFY(inspector.findChildren<QLabel *>().size() >= 28);
}

// A TCP client session has one connection: the inspector shows it without
// anything selected, through a reconnect, and after it closed.
void TestPeerInspector::inspectorFollowsTheClientsOwnConnection()
{
    QTcpServer listener;
    QVERIFY(listener.listen(QHostAddress::LocalHost, 0));
    TcpClientSession session;
    session.setKeepOpenOnPeerFin(false);  // the server's close ends the connection here
    session.setHost(u"127.0.0.1"_s);
    session.setPort(listener.serverPort());
    PeerInspector inspector;
    inspector.setSession(&session);
    inspector.show();
    auto *pages = inspector.findChild<QStackedWidget *>(u"pages"_s);
    const auto text = [&](const char *name) { return inspector.findChild<QLabel *>(QLatin1String(name))->text(); };
    QCOMPARE(pages->currentWidget()->objectName(), u"emptyPage"_s);
    QCOMPARE(text("placeholderLabel"), u"Not connected"_s);

    // Refused: there was never a connection to show.
    QTcpServer closed;
    QVERIFY(closed.listen(QHostAddress::LocalHost, 0));
    session.setPort(closed.serverPort());
    closed.close();
    QVERIFY(session.start());
    QTRY_COMPARE(session.state(), Session::State::Idle);
    QCOMPARE(pages->currentWidget()->objectName(), u"emptyPage"_s);
    QCOMPARE(text("placeholderLabel"), u"Not connected"_s);
    session.setPort(listener.serverPort());

    for (int round = 0; round < 2; ++round) {
        QVERIFY(session.start());
        QTRY_VERIFY(session.isConnected());
        QTRY_VERIFY(listener.hasPendingConnections());
        std::unique_ptr<QTcpSocket> accepted(listener.nextPendingConnection());
        QTRY_COMPARE(text("stateValue"), u"Connected"_s);
        QCOMPARE(pages->currentWidget()->objectName(), u"detailsPage"_s);
        QCOMPARE(inspector.connectionId(), session.connection().id);
        QCOMPARE(text("peerPortValue"), QString::number(listener.serverPort()));
        const QString localPort = QString::number(accepted->peerPort());
        QCOMPARE(text("localPortValue"), localPort);
        // A row of the session itself (listening, an error) selects no
        // connection: the client's own stays.
        inspector.showConnection(0);
        QCOMPARE(text("stateValue"), u"Connected"_s);

        accepted->close();
        QTRY_COMPARE(text("stateValue"), u"Closed"_s);
        QCOMPARE(text("peerAddressValue"), u"127.0.0.1"_s);
        QCOMPARE(text("peerPortValue"), QString::number(listener.serverPort()));
        QCOMPARE(text("localPortValue"), localPort);
    }
}

// A connection that closed before anyone looked at it: its endpoints and
// times come from its events, not a form of dashes.
void TestPeerInspector::closedConnectionKeepsItsEndpoints()
{
    TcpServerSession server;
    server.setKeepOpenOnPeerFin(false);  // the client's close ends the connection here
    QVERIFY(server.start());
    auto client = connectTo(server.listenEndpoint());
    QVERIFY(client);
    const quint16 clientPort = client->localPort();
    client->write("hello");
    QTRY_COMPARE(server.counters().bytesIn, quint64(5));
    const quint32 id = server.connections().first().id;
    client->disconnectFromHost();
    QTRY_COMPARE(server.clientCount(), 0);

    PeerInspector inspector;
    inspector.setSession(&server);
    inspector.showConnection(id);
    const auto text = [&](const char *name) { return inspector.findChild<QLabel *>(QLatin1String(name))->text(); };
    QVERIFY(inspector.isClosed());
    QCOMPARE(text("stateValue"), u"Closed"_s);
    QCOMPARE(text("peerAddressValue"), u"127.0.0.1"_s);
    QCOMPARE(text("peerPortValue"), QString::number(clientPort));
    QCOMPARE(text("localAddressValue"), u"127.0.0.1"_s);
    QCOMPARE(text("localPortValue"), QString::number(server.listenEndpoint().port));
    QCOMPARE(text("familyValue"), u"TCP over IPv4"_s);
    const QString none = u"\u2014"_s;
    QVERIFY(text("sinceValue") != none);
    QVERIFY(text("lastActivityValue") != none);
    QVERIFY2(text("durationValue").contains(u"closed"_s), qPrintable(text("durationValue")));
}

QTEST_MAIN(TestPeerInspector)
#include "tst_peerinspector.moc"
