// The TCP server tab's clients table: Disconnect and Reset act on the client
// the user chose and leave nobody else selected (a second click must not hit
// a neighbour), with real loopback clients.

#include "core/net/TcpServerSession.h"
#include "ui/pages/ConnectionsModel.h"
#include "ui/pages/TcpServerPage.h"

#include <QPushButton>
#include <QTableView>
#include <QTcpSocket>
#include <QTest>

using namespace Qt::StringLiterals;

class TestServerPage : public QObject
{
    Q_OBJECT
private slots:
    void closingAClientLeavesNobodySelected_data();
    void closingAClientLeavesNobodySelected();
};

void TestServerPage::closingAClientLeavesNobodySelected_data()
{
    QTest::addColumn<QString>("button");
    QTest::newRow("disconnect") << u"disconnectButton"_s;
    QTest::newRow("reset") << u"resetButton"_s;
}

void TestServerPage::closingAClientLeavesNobodySelected()
{
    QFETCH(QString, button);
    TcpServerSession server;
    TcpServerPage page(&server);
    page.resize(1200, 800);
    page.show();
    QVERIFY(server.start());
    std::vector<std::unique_ptr<QTcpSocket>> clients;
    for (int i = 0; i < 3; ++i) {
        clients.push_back(std::make_unique<QTcpSocket>());
        clients.back()->connectToHost(QHostAddress::LocalHost, server.listenEndpoint().port);
        QVERIFY(clients.back()->waitForConnected(5000));
    }
    QTRY_COMPARE(server.clientCount(), 3);
    auto *table = page.findChild<QTableView *>(u"clientsTable"_s);
    auto *model = qobject_cast<ConnectionsModel *>(table->model());
    QTRY_COMPARE(model->rowCount(), 3);
    table->selectRow(0);
    const quint32 chosen = page.selectedClient();
    QVERIFY(chosen != 0);
    auto *close = page.findChild<QPushButton *>(button);
    QVERIFY(close->isEnabled());
    QTest::mouseClick(close, Qt::LeftButton);
    QCOMPARE(page.selectedClient(), 0u);
    QVERIFY(!close->isEnabled());
    // Its row leaves the table; nobody else becomes selected on the way.
    QTRY_COMPARE(model->rowCount(), 2);
    QCOMPARE(page.selectedClient(), 0u);
    QVERIFY(!close->isEnabled());
    QTest::mouseClick(close, Qt::LeftButton);   // a second click does nothing
    QTest::qWait(100);
    QCOMPARE(server.clientCount(), 2);
    QVERIFY(!server.hasClient(chosen));
}

QTEST_MAIN(TestServerPage)
#include "tst_serverpage.moc"
