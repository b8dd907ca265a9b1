// TcpStateView on real loopback sockets: it lights ESTABLISHED, then
// TIME_WAIT after our close with the time left in the box, lists each
// transition with its cause, explains a state when hovered, and samples
// only while shown.

#include "core/net/TcpClientSession.h"
#include "core/net/TcpServerSession.h"
#include "ui/teach/TcpStateDiagram.h"
#include "ui/teach/TcpStateView.h"
#include "support/LoopbackPair.h"

#include <QHelpEvent>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QToolTip>

#include <memory>

using State = TcpKernelView::State;

class TestTcpStateView : public QObject
{
    Q_OBJECT
private slots:
    void lightsEstablishedThenTimeWait();
    void explainsAStateWhenHovered();
    void samplesOnlyWhileShown();
    void listenerShowsItsQueue();
    void followsAServerTab();
    void followsAClientTab();
    void receiveQueueFillsWhileNobodyReads();
};

void TestTcpStateView::lightsEstablishedThenTimeWait()
{
    LoopbackPair pair;
    QVERIFY(pair.ok());
    QTcpSocket &client = pair.client;
    TcpStateView view;
    view.resize(700, 600);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    const Endpoint local{client.localAddress(), client.localPort()};
    const Endpoint peer{client.peerAddress(), client.peerPort()};
    view.watchConnection(local, peer, TcpStateWatch::Origin::Connected);
    QCOMPARE(view.diagram()->litState(), State::Established);
    QVERIFY2(view.headerText().contains(u"ESTABLISHED") && view.headerText().contains(local.toString()),
             qPrintable(view.headerText()));
    QCOMPARE(view.stepTexts().size(), 2);   // CLOSED → SYN_SENT → ESTABLISHED
    // The flow-control numbers of an established connection.
    QCOMPARE(view.queueTexts().size(), 4);
    QCOMPARE(view.queueTexts().at(0), QStringLiteral("0 B"));
    QVERIFY(view.stepTexts().last().contains(TcpStateMachine::transition(State::SynSent, State::Established).cause));
    const QImage before = view.diagram()->grab().toImage();
    client.disconnectFromHost();
    QTRY_COMPARE(view.diagram()->litState(), State::TimeWait);
    QVERIFY(view.headerText().contains(u"TIME_WAIT"));
    QVERIFY(view.queueTexts().isEmpty());   // no TCP_INFO in TIME_WAIT
    QVERIFY(view.stepTexts().last().contains(u"TIME_WAIT"));
    // The lit box moved: the picture changed where TIME_WAIT is drawn.
    const QImage after = view.diagram()->grab().toImage();
    const QRect box = view.diagram()->boxOf(State::TimeWait).toRect().adjusted(3, 3, -3, -3);
    QVERIFY(!box.isEmpty());
    QVERIFY(before.copy(box) != after.copy(box));
}

void TestTcpStateView::explainsAStateWhenHovered()
{
    TcpStateView view;
    view.resize(700, 600);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    TcpStateDiagram *diagram = view.diagram();
    const QPoint at = diagram->boxOf(State::TimeWait).center().toPoint();
    QHelpEvent help(QEvent::ToolTip, at, diagram->mapToGlobal(at));
    QApplication::sendEvent(diagram, &help);
    QTRY_VERIFY(QToolTip::isVisible());
    QVERIFY2(QToolTip::text().contains(u"SO_REUSEADDR"), qPrintable(QToolTip::text()));
    QToolTip::hideText();
}

void TestTcpStateView::samplesOnlyWhileShown()
{
    TcpStateView view;
    QVERIFY(!view.watch()->isRunning());
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QVERIFY(view.watch()->isRunning());
    view.hide();
    QVERIFY(!view.watch()->isRunning());
}

void TestTcpStateView::listenerShowsItsQueue()
{
    QTcpServer server;
    server.setListenBacklogSize(4);
    QVERIFY(server.listen(QHostAddress::LocalHost));
    TcpStateView view;
    view.resize(700, 600);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.watchListener(Endpoint{QHostAddress::LocalHost, server.serverPort()});
    QCOMPARE(view.diagram()->litState(), State::Listen);
    QVERIFY(view.headerText().contains(u"LISTEN"));
    QVERIFY(view.watch()->socket());
    QCOMPARE(view.watch()->socket()->sendQueue, 4u);
}

void TestTcpStateView::followsAServerTab()
{
    TcpServerSession server;
    server.setListenAddress(QHostAddress::LocalHost);
    server.setPort(0);
    TcpStateView view;
    view.setSession(&server);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QVERIFY(server.start());
    // The listener, as soon as it listens.
    QCOMPARE(view.diagram()->litState(), State::Listen);
    QCOMPARE(view.watch()->local().port, server.port());
    QTcpSocket client;
    client.connectToHost(QHostAddress::LocalHost, server.port());
    QVERIFY(client.waitForConnected(5000));
    QTRY_COMPARE(server.connections().size(), 1);
    // A connection chosen in the tab.
    view.showConnection(server.connections().constFirst().id);
    QCOMPARE(view.diagram()->litState(), State::Established);
    QCOMPARE(view.watch()->peer().port, client.localPort());
    QVERIFY(view.stepTexts().constFirst().contains(u"LISTEN"));
    // Back to the listener.
    view.showConnection(0);
    QCOMPARE(view.diagram()->litState(), State::Listen);
}

void TestTcpStateView::followsAClientTab()
{
    QTcpServer listener;
    QVERIFY(listener.listen(QHostAddress::LocalHost));
    TcpClientSession client;
    client.setHost(QStringLiteral("127.0.0.1"));
    client.setPort(listener.serverPort());
    TcpStateView view;
    view.setSession(&client);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QVERIFY(client.start());
    QTRY_COMPARE(view.diagram()->litState(), State::Established);
    QCOMPARE(view.watch()->peer().port, listener.serverPort());
    QTRY_VERIFY(listener.hasPendingConnections());
    std::unique_ptr<QTcpSocket> accepted(listener.nextPendingConnection());
    client.stop();
    QTRY_COMPARE(view.diagram()->litState(), State::TimeWait);
}

void TestTcpStateView::receiveQueueFillsWhileNobodyReads()
{
    // Qt reads 1 byte(s) into its buffer and then stops reading: the rest
    // stays in the kernel's receive queue.
    LoopbackPair pair(QHostAddress(QHostAddress::LocalHost), 1);
    QVERIFY(pair.ok());
    QTcpSocket &client = pair.client;
    std::unique_ptr<QTcpSocket> &accepted = pair.accepted;
    TcpStateView view;
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.watchConnection(Endpoint{client.localAddress(), client.localPort()},
                         Endpoint{client.peerAddress(), client.peerPort()}, TcpStateWatch::Origin::Connected);
    accepted->write(QByteArray(5000, 'q'));
    QTRY_COMPARE(view.queueTexts().value(0), QLocale().toString(4999) + QStringLiteral(" B"));
    QVERIFY(view.queueTexts().value(3).endsWith(u" ms"));
}

QTEST_MAIN(TestTcpStateView)
#include "tst_tcpstateview.moc"
