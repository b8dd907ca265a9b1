// ConnectionsColumns over a real TCP server on loopback: the clients table
// of a side panel 300 pixels wide shows whole endpoints and no horizontal
// scroll bar while it is empty. One test lists a made-up long IPv6 peer.

#include "core/net/TcpServerSession.h"
#include "ui/pages/ConnectionsColumns.h"
#include "ui/pages/ConnectionsModel.h"

#include <QScrollBar>
#include <QTableView>
#include <QTcpSocket>
#include <QTest>

#include <memory>

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

std::unique_ptr<QTcpSocket> connectTo(const Endpoint &server)
{
    auto socket = std::make_unique<QTcpSocket>();
    socket->connectToHost(server.address, server.port);
    if (!socket->waitForConnected(5000))
        return nullptr;
    return socket;
}
} // namespace

class TestConnectionsColumns : public QObject
{
    Q_OBJECT
private slots:
    void columnsFitTheSidePanel_data();
    void columnsFitTheSidePanel();
    void longEndpointWidensItsColumn();
};

void TestConnectionsColumns::columnsFitTheSidePanel_data()
{
    QTest::addColumn<QString>("address");
    QTest::newRow("IPv4") << u"127.0.0.1"_s;
    QTest::newRow("IPv6") << u"::1"_s;
}

// The clients table in a side panel 300 pixels wide: no horizontal scroll
// bar while it is empty, the whole peer endpoint once a client is there.
void TestConnectionsColumns::columnsFitTheSidePanel()
{
    QFETCH(QString, address);
    TcpServerSession server;
    server.setKeepOpenOnPeerFin(false);  // the row goes with the peer's close
    server.setListenAddress(QHostAddress(address));
    if (!server.start())
        QSKIP("this machine cannot listen on the address");
    ConnectionsModel model(&server);
    QTableView table;
    table.setModel(&model);
    new ConnectionsColumns(&table);
    table.resize(300, 200);
    table.show();
    QVERIFY(QTest::qWaitForWindowExposed(&table));

    for (int column = 0; column < ConnectionsModel::ColumnCount; ++column)
        QCOMPARE(table.isColumnHidden(column), ConnectionsColumns::detailColumns().contains(column));
    QVERIFY(!table.horizontalScrollBar()->isVisible());

    auto client = connectTo(server.listenEndpoint());
    QVERIFY(client);
    QTRY_COMPARE(model.rowCount(), 1);
    const QString peer = model.index(0, ConnectionsModel::Peer).data().toString();
    QVERIFY(peer.endsWith(u":%1"_s.arg(client->localPort())));
    QVERIFY2(table.fontMetrics().horizontalAdvance(peer) < table.columnWidth(ConnectionsModel::Peer),
             qPrintable(u"%1 in %2 px"_s.arg(peer).arg(table.columnWidth(ConnectionsModel::Peer))));
    QCOMPARE(table.horizontalScrollBarPolicy(), Qt::ScrollBarAsNeeded);
    client->disconnectFromHost();
    QTRY_COMPARE(model.rowCount(), 0);
    QCOMPARE(table.horizontalScrollBarPolicy(), Qt::ScrollBarAlwaysOff);
}

// A peer endpoint longer than the column was made for widens it as it
// arrives.
void TestConnectionsColumns::longEndpointWidensItsColumn()
{
    ListedSession session;
    ConnectionsModel model(&session);
    QTableView table;
    table.setModel(&model);
    new ConnectionsColumns(&table);
    const int before = table.columnWidth(ConnectionsModel::Peer);
    ConnectionInfo c;
    c.id = 1;
    c.local = Endpoint{QHostAddress(QHostAddress::LocalHost), 9000};
    c.peer = Endpoint{QHostAddress(u"fd12:3456:789a:1:2:3:4:5"_s), 65535};
    c.state = u"connected"_s;
    session.list = {c};
    model.refresh();
    QCOMPARE(model.rowCount(), 1);
    const int wanted = table.fontMetrics().horizontalAdvance(c.peer.toString());
    QVERIFY(wanted > before);
    QVERIFY2(table.columnWidth(ConnectionsModel::Peer) > wanted, qPrintable(c.peer.toString()));
}

QTEST_MAIN(TestConnectionsColumns)
#include "tst_connectionscolumns.moc"
