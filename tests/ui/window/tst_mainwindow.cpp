// The whole window on the offscreen platform, driven like a user would:
// real sessions over loopback, keys typed into the real widgets.

#include "core/log/JsonLinesWriter.h"
#include "core/log/TrafficLog.h"
#include "core/net/TcpClientSession.h"
#include "core/net/TcpServerSession.h"
#include "core/net/UdpSession.h"
#include "core/workbench/Workbench.h"
#include "ui/pages/SessionPage.h"
#include "ui/pages/TcpClientPage.h"
#include "ui/pages/TcpServerPage.h"
#include "ui/pages/UdpPage.h"
#include "ui/send/SendPanel.h"
#include "ui/teach/LessonPanel.h"
#include "ui/teach/LifecycleView.h"
#include "ui/teach/SequenceDiagram.h"
#include "ui/teach/StreamView.h"
#include "ui/traffic/TrafficLogModel.h"
#include "ui/traffic/TrafficView.h"
#include "ui/window/MainWindow.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDockWidget>
#include <QLineEdit>
#include <QMessageBox>
#include <QPointer>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTableView>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QSignalSpy>
#include <QTest>
#include <QLabel>
#include <QNetworkDatagram>
#include <QUdpSocket>

namespace {
// Text of the data rows in a traffic view, "direction|peer|preview".
QStringList dataRows(TrafficView *view)
{
    QStringList rows;
    QAbstractItemModel *m = view->table()->model();
    for (int r = 0; r < m->rowCount(); ++r) {
        const QString dir = m->index(r, TrafficLogModel::Direction).data().toString();
        if (!dir.contains(u'←') && !dir.contains(u'→'))
            continue;
        rows << QStringLiteral("%1|%2|%3").arg(dir.contains(u'←') ? QStringLiteral("in") : QStringLiteral("out"),
                                             m->index(r, TrafficLogModel::Peer).data().toString(),
                                             m->index(r, TrafficLogModel::Preview).data().toString());
    }
    return rows;
}

void typeAndSend(SendPanel *panel, const QString &text)
{
    // Ctrl+Enter is a shortcut: like for a person, the window must be active.
    panel->window()->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(panel->window()));
    QPlainTextEdit *editor = panel->editor();
    editor->setFocus();
    editor->clear();
    QTest::keyClicks(editor, text);
    QTest::keyClick(editor, Qt::Key_Return, Qt::ControlModifier);
}
} // namespace

class TestMainWindow : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void serverAndClientTabsTalk();
    void encodingSwitchReRendersGbk();
    void badPortDisablesStartAndNothingListens_data();
    void badPortDisablesStartAndNothingListens();
    void nonLoopbackAddressShowsNotice();
    void clientTableFollowsConnections();
    void clientTableKeepsSelectionWhenManyLeave();
    void closingTabStopsSession();
    void tabsComeBackOnNextStart();
    void udpTabSendsToTarget();
    void fitsASmallScreen();
    void framingPanelCutsMessages();
    void teachingViewsFollowTwoTabs();
    void lessonsMenuSetsUpAnExercise();
    void logFileBehindIsShown();
};

void TestMainWindow::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("socket-workbench-tests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_mainwindow"));
}

void TestMainWindow::init()
{
    QSettings().clear();
}

void TestMainWindow::serverAndClientTabsTalk()
{
    Workbench bench;
    MainWindow window(&bench);
    window.resize(1280, 800);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));

    // The server tab, as a user opens it: menu action, port 0, Start.
    window.findChild<QAction *>(QStringLiteral("actionNewTcpServer"))->trigger();
    QCOMPARE(window.pageCount(), 1);
    auto *serverPage = qobject_cast<TcpServerPage *>(window.pageAt(0));
    QVERIFY(serverPage);
    auto *port = serverPage->findChild<QLineEdit *>(QStringLiteral("portEdit"));
    port->selectAll();
    QTest::keyClicks(port, QStringLiteral("0"));
    port->setText(QStringLiteral("0"));
    auto *start = serverPage->findChild<QPushButton *>(QStringLiteral("startButton"));
    QVERIFY(start->isEnabled());
    QTest::mouseClick(start, Qt::LeftButton);
    QVERIFY(serverPage->server()->isRunning());
    const quint16 listenPort = serverPage->server()->listenEndpoint().port;
    QVERIFY(listenPort != 0);
    QCOMPARE(port->text(), QString::number(listenPort));  // the chosen port is shown

    window.findChild<QAction *>(QStringLiteral("actionNewTcpClient"))->trigger();
    auto *clientPage = qobject_cast<TcpClientPage *>(window.pageAt(1));
    QVERIFY(clientPage);
    clientPage->findChild<QLineEdit *>(QStringLiteral("hostEdit"))->setText(QStringLiteral("127.0.0.1"));
    clientPage->findChild<QLineEdit *>(QStringLiteral("portEdit"))->setText(QString::number(listenPort));
    QTest::mouseClick(clientPage->findChild<QPushButton *>(QStringLiteral("connectButton")), Qt::LeftButton);
    QTRY_VERIFY(clientPage->client()->isConnected());
    QTRY_COMPARE(serverPage->server()->clientCount(), 1);
    const QString clientEnd = clientPage->client()->localEndpoint().toString();
    const QString serverEnd = QStringLiteral("127.0.0.1:%1").arg(listenPort);
    QVERIFY(clientPage->findChild<QLabel *>(QStringLiteral("endpointsLabel"))->text().contains(clientEnd));

    typeAndSend(clientPage->findChild<SendPanel *>(QStringLiteral("sendPanel")), QStringLiteral("hello from the client"));
    auto *clientView = clientPage->findChild<TrafficView *>(QStringLiteral("trafficView"));
    auto *serverView = serverPage->findChild<TrafficView *>(QStringLiteral("trafficView"));
    QTRY_COMPARE(dataRows(clientView), QStringList{QStringLiteral("out|%1|hello from the client").arg(serverEnd)});
    QTRY_COMPARE(dataRows(serverView), QStringList{QStringLiteral("in|%1|hello from the client").arg(clientEnd)});

    // And back: the server answers all clients.
    window.findChild<QTabWidget *>(QStringLiteral("tabs"))->setCurrentIndex(0);
    typeAndSend(serverPage->findChild<SendPanel *>(QStringLiteral("sendPanel")), QStringLiteral("hi client"));
    // Each log sends its own notices: the two views catch up independently.
    QTRY_COMPARE(dataRows(clientView).size(), 2);
    QCOMPARE(dataRows(clientView).at(1), QStringLiteral("in|%1|hi client").arg(serverEnd));
    QTRY_COMPARE(dataRows(serverView).size(), 2);
    QCOMPARE(dataRows(serverView).at(1), QStringLiteral("out|%1|hi client").arg(clientEnd));
}

void TestMainWindow::encodingSwitchReRendersGbk()
{
    Workbench bench;
    MainWindow window(&bench);
    window.show();
    TcpServerSession *server = bench.addTcpServer();
    QVERIFY(server->start());
    QTcpSocket peer;
    peer.connectToHost(QHostAddress::LocalHost, server->listenEndpoint().port);
    QVERIFY(peer.waitForConnected(5000));
    peer.write(QByteArray::fromHex("c4e3bac3b0a1"));  // 你好啊 in GBK
    QTRY_COMPARE(server->counters().bytesIn, 6u);
    auto *view = window.pageAt(0)->findChild<TrafficView *>(QStringLiteral("trafficView"));
    QTRY_COMPARE(dataRows(view).size(), 1);
    QVERIFY(!dataRows(view).first().endsWith(QStringLiteral("你好啊")));  // UTF-8 cannot read it
    auto *encoding = view->findChild<QComboBox *>(QStringLiteral("encodingCombo"));
    QVERIFY(encoding);
    encoding->setCurrentIndex(encoding->findData(QStringLiteral("GBK")) >= 0 ? encoding->findData(QStringLiteral("GBK"))
                                                                              : encoding->findText(QStringLiteral("GBK")));
    QTRY_VERIFY(dataRows(view).first().endsWith(QStringLiteral("你好啊")));
    // Reading in GBK does not change what is sent: the session and the send
    // panel keep their encoding until the send panel's own choice changes it.
    QCOMPARE(server->encoding(), QStringLiteral("UTF-8"));
    QCOMPARE(window.pageAt(0)->findChild<SendPanel *>()->encoding(), QStringLiteral("UTF-8"));
    window.pageAt(0)->findChild<SendPanel *>()->setEncoding(QStringLiteral("GB18030"));
    QCOMPARE(server->encoding(), QStringLiteral("GB18030"));
    QCOMPARE(view->encoding(), QStringLiteral("GBK"));
}

void TestMainWindow::badPortDisablesStartAndNothingListens_data()
{
    QTest::addColumn<QString>("port");
    QTest::addColumn<QString>("address");
    QTest::newRow("port 65536") << QStringLiteral("65536") << QStringLiteral("127.0.0.1");
    QTest::newRow("port abc") << QStringLiteral("abc") << QStringLiteral("127.0.0.1");
    QTest::newRow("port -1") << QStringLiteral("-1") << QStringLiteral("127.0.0.1");
    QTest::newRow("port empty") << QString() << QStringLiteral("127.0.0.1");
    QTest::newRow("address 300.1.1.1") << QStringLiteral("0") << QStringLiteral("300.1.1.1");
    QTest::newRow("address name") << QStringLiteral("0") << QStringLiteral("localhost");
}

void TestMainWindow::badPortDisablesStartAndNothingListens()
{
    QFETCH(QString, port);
    QFETCH(QString, address);
    Workbench bench;
    MainWindow window(&bench);
    window.show();
    auto *session = bench.addTcpServer();
    auto *page = window.pageAt(0);
    auto *portEdit = page->findChild<QLineEdit *>(QStringLiteral("portEdit"));
    auto *addressCombo = page->findChild<QComboBox *>(QStringLiteral("addressCombo"));
    auto *start = page->findChild<QPushButton *>(QStringLiteral("startButton"));
    addressCombo->setCurrentText(address);
    portEdit->setText(port);
    QVERIFY(!start->isEnabled());
    QVERIFY(!portEdit->toolTip().isEmpty() || !addressCombo->lineEdit()->toolTip().isEmpty());
    auto *error = page->findChild<QLabel *>(QStringLiteral("fieldError"));
    QVERIFY(error->isVisible());
    QVERIFY(!error->text().isEmpty());
    // F5 does not start it either.
    QTest::keyClick(portEdit, Qt::Key_F5);
    QVERIFY(!session->isRunning());
    QCOMPARE(session->log()->size(), 0);
    // Fixing the field enables Start again.
    addressCombo->setCurrentText(QStringLiteral("127.0.0.1"));
    portEdit->setText(QStringLiteral("0"));
    QVERIFY(start->isEnabled());
    QVERIFY(!error->isVisible());
}

void TestMainWindow::nonLoopbackAddressShowsNotice()
{
    Workbench bench;
    MainWindow window(&bench);
    window.show();
    bench.addTcpServer();
    auto *page = window.pageAt(0);
    auto *notice = page->findChild<QLabel *>(QStringLiteral("exposureNotice"));
    auto *addressCombo = page->findChild<QComboBox *>(QStringLiteral("addressCombo"));
    QVERIFY(!notice->isVisible());
    addressCombo->setCurrentText(QStringLiteral("0.0.0.0"));
    QVERIFY(notice->isVisible());
    QVERIFY(notice->text().contains(QStringLiteral("all interfaces")));
    addressCombo->setCurrentText(QStringLiteral("::1"));
    QVERIFY(!notice->isVisible());
    // The listen-address box offers loopback and wildcard choices.
    for (const QString &a : {QStringLiteral("127.0.0.1"), QStringLiteral("::1"), QStringLiteral("0.0.0.0"), QStringLiteral("::")})
        QVERIFY2(addressCombo->findText(a) >= 0, qPrintable(a));
}

void TestMainWindow::clientTableFollowsConnections()
{
    Workbench bench;
    MainWindow window(&bench);
    window.show();
    TcpServerSession *server = bench.addTcpServer();
    server->setKeepOpenOnPeerFin(false);  // a row goes with its client's FIN
    QVERIFY(server->start());
    auto *table = window.pageAt(0)->findChild<QTableView *>(QStringLiteral("clientsTable"));
    QTcpSocket a;
    QTcpSocket b;
    a.connectToHost(QHostAddress::LocalHost, server->listenEndpoint().port);
    b.connectToHost(QHostAddress::LocalHost, server->listenEndpoint().port);
    QVERIFY(a.waitForConnected(5000) && b.waitForConnected(5000));
    QTRY_COMPARE(table->model()->rowCount(), 2);
    QStringList peers;
    for (int r = 0; r < 2; ++r)
        peers << table->model()->index(r, 1).data().toString();
    QVERIFY(peers.contains(QStringLiteral("127.0.0.1:%1").arg(a.localPort())));
    QVERIFY(peers.contains(QStringLiteral("127.0.0.1:%1").arg(b.localPort())));
    a.disconnectFromHost();
    QTRY_COMPARE(table->model()->rowCount(), 1);
    QCOMPARE(table->model()->index(0, 1).data().toString(), QStringLiteral("127.0.0.1:%1").arg(b.localPort()));

    // Selecting the row and pressing Disconnect closes that client.
    table->selectRow(0);
    auto *disconnect = window.pageAt(0)->findChild<QPushButton *>(QStringLiteral("disconnectButton"));
    QVERIFY(disconnect->isEnabled());
    QTest::mouseClick(disconnect, Qt::LeftButton);
    QTRY_COMPARE(b.state(), QAbstractSocket::UnconnectedState);
    QTRY_COMPARE(table->model()->rowCount(), 0);
}

void TestMainWindow::clientTableKeepsSelectionWhenManyLeave()
{
    // Every second of 80 clients leaves at once: 40 scattered rows go in one
    // model reset (cheaper than 40 removals when there are thousands), and
    // the selected client, which stays, is still the selected one.
    Workbench bench;
    MainWindow window(&bench);
    window.show();
    TcpServerSession *server = bench.addTcpServer();
    server->setKeepOpenOnPeerFin(false);  // a row goes with its client's FIN
    QVERIFY(server->start());
    auto *page = qobject_cast<TcpServerPage *>(window.pageAt(0));
    QVERIFY(page);
    auto *table = page->findChild<QTableView *>(QStringLiteral("clientsTable"));
    std::vector<std::unique_ptr<QTcpSocket>> clients;
    for (int i = 0; i < 80; ++i) {
        clients.push_back(std::make_unique<QTcpSocket>());
        clients.back()->connectToHost(QHostAddress::LocalHost, server->listenEndpoint().port);
        QVERIFY(clients.back()->waitForConnected(5000));
    }
    QTRY_COMPARE(table->model()->rowCount(), 80);
    auto rowOfPort = [table](quint16 port) {
        for (int r = 0; r < table->model()->rowCount(); ++r)
            if (table->model()->index(r, 1).data().toString() == QStringLiteral("127.0.0.1:%1").arg(port))
                return r;
        return -1;
    };
    const quint16 kept = clients[40]->localPort();
    table->selectRow(rowOfPort(kept));
    const quint32 keptId = page->selectedClient();
    QVERIFY(keptId != 0);
    QSignalSpy reset(table->model(), &QAbstractItemModel::modelReset);
    for (std::size_t i = 1; i < clients.size(); i += 2)
        clients[i]->abort();
    QTRY_COMPARE(table->model()->rowCount(), 40);
    QVERIFY(reset.size() >= 1);
    QCOMPARE(page->selectedClient(), keptId);
    QCOMPARE(table->selectionModel()->selectedRows().size(), 1);
    QCOMPARE(table->selectionModel()->selectedRows().first().row(), rowOfPort(kept));
    auto *disconnect = page->findChild<QPushButton *>(QStringLiteral("disconnectButton"));
    QVERIFY(disconnect->isEnabled());
    for (std::size_t i = 0; i < clients.size(); i += 2)
        QVERIFY(rowOfPort(clients[i]->localPort()) >= 0);
}

void TestMainWindow::closingTabStopsSession()
{
    Workbench bench;
    MainWindow window(&bench);
    window.show();
    TcpServerSession *server = bench.addTcpServer();
    QVERIFY(server->start());
    const quint16 port = server->listenEndpoint().port;
    window.findChild<QAction *>(QStringLiteral("actionCloseTab"))->trigger();
    QCOMPARE(window.pageCount(), 0);
    QCOMPARE(bench.sessions().size(), 0);
    // Nothing listens there any more.
    QTcpSocket probe;
    probe.connectToHost(QHostAddress::LocalHost, port);
    QVERIFY(!probe.waitForConnected(2000));
    QCOMPARE(probe.error(), QAbstractSocket::ConnectionRefusedError);
}

void TestMainWindow::tabsComeBackOnNextStart()
{
    {
        Workbench bench;
        MainWindow window(&bench);
        window.show();
        auto *server = bench.addTcpServer();
        Q_UNUSED(server);
        window.pageAt(0)->findChild<QLineEdit *>(QStringLiteral("portEdit"))->setText(QStringLiteral("18123"));
        window.pageAt(0)->findChild<TrafficView *>()->setEncoding(QStringLiteral("GBK"));
        bench.addTcpClient();
        window.pageAt(1)->findChild<QLineEdit *>(QStringLiteral("hostEdit"))->setText(QStringLiteral("localhost"));
        window.pageAt(1)->findChild<QLineEdit *>(QStringLiteral("portEdit"))->setText(QStringLiteral("18124"));
        bench.addUdp();
        window.pageAt(2)->findChild<QLineEdit *>(QStringLiteral("targetPortEdit"))->setText(QStringLiteral("18125"));
        window.close();  // saves
    }
    Workbench bench;
    MainWindow window(&bench);
    window.restoreTabs();
    QCOMPARE(window.pageCount(), 3);
    QVERIFY(qobject_cast<TcpServerPage *>(window.pageAt(0)));
    QVERIFY(qobject_cast<TcpClientPage *>(window.pageAt(1)));
    QVERIFY(qobject_cast<UdpPage *>(window.pageAt(2)));
    QCOMPARE(window.pageAt(0)->findChild<QLineEdit *>(QStringLiteral("portEdit"))->text(), QStringLiteral("18123"));
    QCOMPARE(window.pageAt(0)->findChild<TrafficView *>()->encoding(), QStringLiteral("GBK"));
    QCOMPARE(window.pageAt(0)->session()->encoding(), QStringLiteral("UTF-8"));
    QCOMPARE(window.pageAt(1)->findChild<QLineEdit *>(QStringLiteral("hostEdit"))->text(), QStringLiteral("localhost"));
    QCOMPARE(window.pageAt(1)->findChild<QLineEdit *>(QStringLiteral("portEdit"))->text(), QStringLiteral("18124"));
    QCOMPARE(window.pageAt(2)->findChild<QLineEdit *>(QStringLiteral("targetPortEdit"))->text(), QStringLiteral("18125"));
    // Nothing was started on its own.
    QVERIFY(!window.pageAt(0)->session()->isRunning());
}

void TestMainWindow::udpTabSendsToTarget()
{
    QUdpSocket receiver;
    QVERIFY(receiver.bind(QHostAddress::LocalHost, 0));
    Workbench bench;
    MainWindow window(&bench);
    window.show();
    auto *udp = bench.addUdp();
    auto *page = window.pageAt(0);
    page->findChild<QLineEdit *>(QStringLiteral("targetHostEdit"))->setText(QStringLiteral("127.0.0.1"));
    page->findChild<QLineEdit *>(QStringLiteral("targetPortEdit"))->setText(QString::number(receiver.localPort()));
    typeAndSend(page->findChild<SendPanel *>(), QStringLiteral("datagram"));
    QTRY_VERIFY(receiver.hasPendingDatagrams());
    const QNetworkDatagram d = receiver.receiveDatagram();
    QCOMPARE(d.data(), QByteArray("datagram"));
    QVERIFY(udp->isRunning());
    QCOMPARE(d.senderPort(), int(udp->localEndpoint().port));
    QTRY_COMPARE(page->findChild<QTableView *>(QStringLiteral("peersTable"))->model()->rowCount(), 1);
}

// --log FILE falling behind holds every session's reads: the status bar
// says so while it lasts, and nothing else changes in the window.
void TestMainWindow::logFileBehindIsShown()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    Workbench bench;
    QString error;
    QVERIFY2(bench.openLog(dir.filePath(QStringLiteral("behind.jsonl")), &error), qPrintable(error));
    bench.logWriter()->setBacklogLimit(64 << 10);
    MainWindow window(&bench);
    window.show();
    auto *label = window.findChild<QLabel *>(QStringLiteral("logHeldLabel"));
    QVERIFY(label);
    QVERIFY(!label->isVisible());
    window.findChild<QAction *>(QStringLiteral("actionNewTcpServer"))->trigger();
    Session *session = window.pageAt(window.pageCount() - 1)->session();
    TrafficEvent e;
    e.kind = TrafficEvent::Kind::Data;
    e.direction = TrafficEvent::Direction::In;
    QByteArray bytes(512 << 10, Qt::Uninitialized);
    for (qsizetype i = 0; i < bytes.size(); ++i)
        bytes[i] = char((i * 131) ^ (i >> 7));  // mostly invalid UTF-8: slow to render
    e.payload = bytes;
    bench.logWriter()->write(e, QStringLiteral("UTF-8"));
    QVERIFY(bench.logHeld());
    QVERIFY(session->readsHeld());
    QVERIFY(label->isVisible());
    QVERIFY(label->text().contains(QStringLiteral("reading paused")));
    QTRY_VERIFY_WITH_TIMEOUT(!label->isVisible(), 30000);
    QVERIFY(!session->readsHeld());
}

void TestMainWindow::fitsASmallScreen()
{
    // A 1024×640 screen (a small laptop, a projector) must show every tab
    // whole: no page may need more room than that.
    Workbench bench;
    MainWindow window(&bench);
    bench.addTcpServer();
    bench.addTcpClient();
    bench.addUdp();
    window.show();
    for (int i = window.pageCount() - 1; i >= 0; --i) {
        window.findChild<QTabWidget *>(QStringLiteral("tabs"))->setCurrentIndex(i);
        const QSize min = window.minimumSizeHint().expandedTo(window.minimumSize());
        QVERIFY2(min.width() <= 1024 && min.height() <= 640,
                 qPrintable(QStringLiteral("%1 needs %2×%3").arg(window.pageAt(i)->title()).arg(min.width()).arg(min.height())));
    }
}

void TestMainWindow::framingPanelCutsMessages()
{
    // Lesson 9 by clicking: choose length:4 on the server tab, and the
    // stream from a client is shown as messages again.
    Workbench bench;
    MainWindow window(&bench);
    window.show();
    TcpServerSession *server = bench.addTcpServer();
    QVERIFY(server->start());
    auto *framing = window.pageAt(0)->findChild<QComboBox *>(QStringLiteral("specCombo"));
    QVERIFY(framing);
    framing->setCurrentText(QStringLiteral("length:3"));  // no such width
    QCOMPARE(server->framing().kind, FramingSpec::Kind::None);
    QVERIFY(!framing->lineEdit()->toolTip().isEmpty());
    framing->setCurrentText(QStringLiteral("length:4"));
    QCOMPARE(server->framing().toString(), QStringLiteral("length:4"));
    QTcpSocket peer;
    peer.connectToHost(QHostAddress::LocalHost, server->listenEndpoint().port);
    QVERIFY(peer.waitForConnected(5000));
    peer.write(QByteArray::fromHex("00000005") + "hello" + QByteArray::fromHex("00000002") + "ok");
    auto *view = window.pageAt(0)->findChild<TrafficView *>(QStringLiteral("trafficView"));
    QTRY_VERIFY(view->table()->model()->rowCount() >= 4);  // listening, connected, data, 2 frames
    QStringList frames;
    for (qsizetype i = 0; i < server->log()->size(); ++i) {
        if (server->log()->at(i).kind == TrafficEvent::Kind::Frame)
            frames << QString::fromLatin1(server->log()->at(i).payload);
    }
    QTRY_COMPARE(frames, (QStringList{QStringLiteral("hello"), QStringLiteral("ok")}));

    // Sending from the tab adds the prefix when asked to.
    window.pageAt(0)->findChild<QCheckBox *>(QStringLiteral("frameSendsCheck"))->setChecked(true);
    typeAndSend(window.pageAt(0)->findChild<SendPanel *>(), QStringLiteral("hey"));
    QTRY_COMPARE(peer.bytesAvailable(), qint64(7));
    QCOMPARE(peer.readAll(), QByteArray::fromHex("00000003") + "hey");
}

void TestMainWindow::teachingViewsFollowTwoTabs()
{
    // Lessons 1, 2 and 8 on one screen: a server tab and a client tab of
    // this window, three quick sends, and what each teaching view makes of them.
    Workbench bench;
    MainWindow window(&bench);
    window.show();
    TcpServerSession *server = bench.addTcpServer();
    QVERIFY(server->start());
    TcpClientSession *client = bench.addTcpClient();
    client->setHost(QStringLiteral("127.0.0.1"));
    client->setPort(server->listenEndpoint().port);
    QVERIFY(client->start());
    QTRY_VERIFY(client->isConnected());
    QTRY_COMPARE(server->clientCount(), 1);
    for (const char *word : {"one", "two", "three"})
        QVERIFY(client->send(word).ok());
    QTRY_COMPARE(server->counters().bytesIn, 11u);

    SessionPage *serverPage = window.pageAt(0);
    // Lifecycle: the listening socket and the one accept() returned.
    auto *lifecycle = serverPage->findChild<LifecycleView *>(QStringLiteral("lifecycleView"));
    QVERIFY(lifecycle);
    QTRY_COMPARE(lifecycle->drawnLaneCount(), 2);

    // Byte stream: selecting the connection's data row shows its bytes as
    // one stream, with the client tab's three send boundaries.
    auto *traffic = serverPage->findChild<TrafficView *>(QStringLiteral("trafficView"));
    QTRY_VERIFY(traffic->table()->model()->rowCount() >= 3);
    int dataRow = -1;
    for (int r = 0; r < traffic->table()->model()->rowCount() && dataRow < 0; ++r) {
        if (traffic->table()->model()->index(r, TrafficLogModel::Direction).data().toString().contains(u'←'))
            dataRow = r;
    }
    QVERIFY(dataRow >= 0);
    traffic->table()->selectRow(dataRow);
    auto *stream = serverPage->findChild<StreamView *>(QStringLiteral("streamView"));
    QVERIFY(stream);
    QTRY_COMPARE(stream->sendSizes(), (QList<qsizetype>{3, 3, 5}));
    QVERIFY2(stream->summaryText().contains(QStringLiteral("3 sends")), qPrintable(stream->summaryText()));

    // Sequence: a click on an arrow selects that event in the traffic view.
    auto *sequence = serverPage->findChild<SequenceDiagram *>(QStringLiteral("sequenceDiagram"));
    QVERIFY(sequence);
    serverPage->findChild<QTabWidget *>(QStringLiteral("viewTabs"))->setCurrentWidget(sequence);
    QTRY_VERIFY(sequence->laneCount() >= 2);
    const quint64 firstSerial = server->log()->firstSerial();
    const QRect row1 = sequence->rowRect(1);  // the accept
    QTest::mouseClick(sequence->viewport(), Qt::LeftButton, {}, row1.center());
    QTRY_COMPARE(traffic->table()->currentIndex().row(), 1);
    QCOMPARE(server->log()->at(1).kind, TrafficEvent::Kind::Connected);
    Q_UNUSED(firstSerial);
}

void TestMainWindow::lessonsMenuSetsUpAnExercise()
{
    Workbench bench;
    MainWindow window(&bench);
    window.show();
    auto *action = window.findChild<QAction *>(QStringLiteral("lesson-welcome"));
    QVERIFY(action);
    action->trigger();
    QCOMPARE(window.pageCount(), 2);
    auto *server = qobject_cast<TcpServerPage *>(window.pageAt(0));
    auto *client = qobject_cast<TcpClientPage *>(window.pageAt(1));
    QVERIFY(server && client);
    QVERIFY(server->server()->isRunning());
    QTRY_VERIFY(client->client()->isConnected());
    QTRY_COMPARE(client->client()->counters().bytesIn, 10u);  // "Welcome!\r\n"
    QVERIFY(window.findChild<QDockWidget *>(QStringLiteral("lessonDock"))->isVisible());
    QVERIFY(window.lessonPanel()->explanation().contains(QString::number(server->server()->listenEndpoint().port)));
    // The client tab's fields show what the lesson chose.
    QCOMPARE(client->findChild<QLineEdit *>(QStringLiteral("portEdit"))->text(),
             QString::number(server->server()->listenEndpoint().port));
    // The greeting is data: choosing the lesson again asks before replacing
    // its tabs; Replace leaves two tabs, not four (tst_lessontabs has more).
    const QPointer<TcpServerPage> before(server);
    action->trigger();
    QMessageBox *question = nullptr;
    QTRY_VERIFY((question = window.findChild<QMessageBox *>(QStringLiteral("replaceLessonQuestion"))));
    QTest::mouseClick(question->findChild<QPushButton *>(QStringLiteral("replaceButton")), Qt::LeftButton);
    QCOMPARE(window.pageCount(), 2);
    QVERIFY(before.isNull());
    QVERIFY(qobject_cast<TcpServerPage *>(window.pageAt(0))->server()->isRunning());
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
