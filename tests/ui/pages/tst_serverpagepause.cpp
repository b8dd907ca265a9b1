// The TCP server tab's Pause accept() (issue 21): the checkbox is the
// session's setting both ways, and while accept() is paused the clients'
// caption counts the clients waiting in the kernel's accept queue; released,
// they are all in the table.

#include "core/net/TcpServerSession.h"
#include "ui/pages/ConnectionsModel.h"
#include "ui/pages/TcpServerPage.h"

#include <QCheckBox>
#include <QLabel>
#include <QTableView>
#include <QTcpSocket>
#include <QTest>

#include <memory>
#include <vector>

using namespace Qt::StringLiterals;

class TestServerPagePause : public QObject
{
    Q_OBJECT
private slots:
    void captionCountsTheWaitingClients();
};

void TestServerPagePause::captionCountsTheWaitingClients()
{
    TcpServerSession server;
    server.setListenAddress(QHostAddress(QHostAddress::LocalHost));
    server.setBacklog(2);
    TcpServerPage page(&server);
    page.resize(1200, 800);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    auto *pause = page.findChild<QCheckBox *>(u"pauseAcceptCheck"_s);
    auto *caption = page.findChild<QLabel *>(u"clientsLabel"_s);
    QVERIFY(pause && caption);
    QVERIFY(!pause->isChecked());
    QVERIFY(pause->isEnabled());
    pause->click();
    QVERIFY(server.settings().pauseAccept);
    QCOMPARE(caption->text(), u"Connected clients"_s);   // not listening: nothing waits
    QVERIFY(server.start());
    QVERIFY(pause->isEnabled());   // unlike the backlog, it changes while listening
    QCOMPARE(caption->text(), u"Connected clients (accept() paused: 0 waiting in the accept queue)"_s);

    std::vector<std::unique_ptr<QTcpSocket>> clients;
    for (int i = 0; i < 2; ++i) {
        clients.push_back(std::make_unique<QTcpSocket>());
        clients.back()->connectToHost(QHostAddress::LocalHost, server.listenEndpoint().port);
        QVERIFY(clients.back()->waitForConnected(5000));
    }
    QTRY_COMPARE(caption->text(), u"Connected clients (accept() paused: 2 waiting in the accept queue)"_s);
    auto *model = qobject_cast<ConnectionsModel *>(page.findChild<QTableView *>(u"clientsTable"_s)->model());
    QCOMPARE(model->rowCount(), 0);

    // The session's setting changed elsewhere (a lesson, restored settings): the box follows.
    SessionSettings s = server.settings();
    s.pauseAccept = false;
    server.setSettings(s);
    QVERIFY(!pause->isChecked());
    QCOMPARE(caption->text(), u"Connected clients"_s);
    QTRY_COMPARE(model->rowCount(), 2);
    pause->click();
    QVERIFY(server.settings().pauseAccept);
    server.stop();
    QCOMPARE(caption->text(), u"Connected clients"_s);
}

QTEST_MAIN(TestServerPagePause)
#include "tst_serverpagepause.moc"
