// The client and server tabs' half-close and reconnect controls: the form is
// a view of the session's settings both ways, the client tab stays able to
// send after the server's FIN, and it counts reconnects and stops them on
// Disconnect. Real loopback peers.

#include "core/net/TcpClientSession.h"
#include "core/net/TcpServerSession.h"
#include "core/workbench/Workbench.h"
#include "ui/pages/TcpClientPage.h"
#include "ui/pages/TcpServerPage.h"
#include "ui/send/SendPanel.h"
#include "ui/window/MainWindow.h"

#include <QAction>
#include <QCheckBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

#include <sys/socket.h>

using namespace Qt::StringLiterals;

class TestHalfClosePages : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init() { QSettings().clear(); }
    void clientFormShowsAndEditsTheSettings();
    void serverCheckboxShowsAndEditsTheSetting();
    void clientTabSendsAfterTheServersFin();
    void clientTabCountsReconnectsAndDisconnectStopsThem();

private:
    TcpClientPage *newClientTab(MainWindow &window);
};

void TestHalfClosePages::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(u"socket-workbench-tests"_s);
    QCoreApplication::setApplicationName(u"tst_halfclosepages"_s);
}

TcpClientPage *TestHalfClosePages::newClientTab(MainWindow &window)
{
    window.findChild<QAction *>(u"actionNewTcpClient"_s)->trigger();
    return qobject_cast<TcpClientPage *>(window.pageAt(window.findChildren<TcpClientPage *>().size() - 1));
}

void TestHalfClosePages::clientFormShowsAndEditsTheSettings()
{
    Workbench bench;
    MainWindow window(&bench);
    TcpClientPage *page = newClientTab(window);
    QVERIFY(page);
    auto *reconnect = page->findChild<QCheckBox *>(u"reconnectCheck"_s);
    auto *interval = page->findChild<QSpinBox *>(u"reconnectSpin"_s);
    auto *keep = page->findChild<QCheckBox *>(u"keepOpenCheck"_s);
    QVERIFY(reconnect && interval && keep);
    // The defaults: no reconnect, 2 s, keep my side open.
    QVERIFY(!reconnect->isChecked());
    QCOMPARE(interval->value(), 2000);
    QVERIFY(keep->isChecked());
    // Typing changes the session...
    reconnect->setChecked(true);
    interval->setValue(750);
    keep->setChecked(false);
    QVERIFY(page->client()->settings().autoReconnect);
    QCOMPARE(page->client()->settings().reconnectIntervalMs, 750);
    QVERIFY(!page->client()->settings().keepOpenOnPeerFin);
    // ...and the session's settings show in the form.
    SessionSettings s = page->client()->settings();
    s.autoReconnect = false;
    s.reconnectIntervalMs = 300;
    s.keepOpenOnPeerFin = true;
    page->client()->setSettings(s);
    QVERIFY(!reconnect->isChecked());
    QCOMPARE(interval->value(), 300);
    QVERIFY(keep->isChecked());
}

void TestHalfClosePages::serverCheckboxShowsAndEditsTheSetting()
{
    Workbench bench;
    MainWindow window(&bench);
    window.findChild<QAction *>(u"actionNewTcpServer"_s)->trigger();
    auto *page = qobject_cast<TcpServerPage *>(window.pageAt(0));
    QVERIFY(page);
    auto *keep = page->findChild<QCheckBox *>(u"keepOpenCheck"_s);
    QVERIFY(keep);
    QVERIFY(keep->isChecked());
    keep->setChecked(false);
    QVERIFY(!page->server()->settings().keepOpenOnPeerFin);
    page->server()->setKeepOpenOnPeerFin(true);
    QVERIFY(keep->isChecked());
}

void TestHalfClosePages::clientTabSendsAfterTheServersFin()
{
    QTcpServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    Workbench bench;
    MainWindow window(&bench);
    TcpClientPage *page = newClientTab(window);
    page->findChild<QLineEdit *>(u"hostEdit"_s)->setText(u"127.0.0.1"_s);
    page->findChild<QLineEdit *>(u"portEdit"_s)->setText(QString::number(server.serverPort()));
    QTest::mouseClick(page->findChild<QPushButton *>(u"connectButton"_s), Qt::LeftButton);
    QTRY_VERIFY(server.hasPendingConnections());
    std::unique_ptr<QTcpSocket> peer(server.nextPendingConnection());
    QTRY_VERIFY(page->client()->isConnected());
    QCOMPARE(::shutdown(int(peer->socketDescriptor()), SHUT_WR), 0);  // the server finishes sending
    QTRY_VERIFY(page->client()->peerFinishedSending());
    auto *panel = page->findChild<SendPanel *>(u"sendPanel"_s);
    auto *status = page->findChild<QLabel *>(u"endpointsLabel"_s);
    QVERIFY(panel->isSendEnabled());
    QVERIFY2(status->text().contains(u"finished sending (FIN)"_s), qPrintable(status->text()));
    QVERIFY(page->findChild<QPushButton *>(u"disconnectButton"_s)->isEnabled());
    QVERIFY(page->client()->send("still here").ok());
    QTRY_COMPARE(peer->bytesAvailable(), qint64(10));
    QTest::mouseClick(page->findChild<QPushButton *>(u"disconnectButton"_s), Qt::LeftButton);
    QVERIFY(!page->client()->isConnected());
    QVERIFY(!panel->isSendEnabled());
    QTRY_COMPARE(peer->state(), QAbstractSocket::UnconnectedState);  // our FIN came
    QCOMPARE(peer->readAll(), QByteArray("still here"));
}

void TestHalfClosePages::clientTabCountsReconnectsAndDisconnectStopsThem()
{
    QTcpServer server;  // closes every connection at once
    connect(&server, &QTcpServer::newConnection, &server, [&server] {
        while (QTcpSocket *c = server.nextPendingConnection()) {
            connect(c, &QTcpSocket::disconnected, c, &QObject::deleteLater);
            c->disconnectFromHost();
        }
    });
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    Workbench bench;
    MainWindow window(&bench);
    TcpClientPage *page = newClientTab(window);
    page->findChild<QLineEdit *>(u"hostEdit"_s)->setText(u"127.0.0.1"_s);
    page->findChild<QLineEdit *>(u"portEdit"_s)->setText(QString::number(server.serverPort()));
    page->findChild<QSpinBox *>(u"reconnectSpin"_s)->setValue(SessionSettings::kMinReconnectMs);
    page->findChild<QCheckBox *>(u"reconnectCheck"_s)->setChecked(true);
    QTest::mouseClick(page->findChild<QPushButton *>(u"connectButton"_s), Qt::LeftButton);
    QTRY_VERIFY(page->client()->reconnectSuccesses() >= 2);
    auto *status = page->findChild<QLabel *>(u"endpointsLabel"_s);
    QTRY_VERIFY2(status->text().contains(u"auto-reconnect: %1 attempt"_s.arg(page->client()->reconnectAttempts())),
                 qPrintable(status->text()));
    // Disconnect is there while it waits, and ends the reconnecting.
    server.close();
    QTRY_VERIFY(page->client()->reconnectPending());
    auto *disconnect = page->findChild<QPushButton *>(u"disconnectButton"_s);
    QVERIFY(disconnect->isEnabled());
    QTest::mouseClick(disconnect, Qt::LeftButton);
    QVERIFY(!page->client()->reconnectPending());
    QCOMPARE(page->client()->state(), Session::State::Idle);
    QVERIFY(!disconnect->isEnabled());
}

QTEST_MAIN(TestHalfClosePages)
#include "tst_halfclosepages.moc"
