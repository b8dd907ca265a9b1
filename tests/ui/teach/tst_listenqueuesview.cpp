// Issue 21 in the TCP states view: the listen queues drawn as slots that
// fill while accept() is paused and empty when it is released, their limits
// said as this kernel has them, and the Pause reading switch of the
// connection the view follows.

#include "core/net/TcpClientSession.h"
#include "core/net/TcpServerSession.h"
#include "ui/pages/ConnectionsModel.h"
#include "ui/teach/ListenQueuesView.h"
#include "ui/teach/TcpStateView.h"

#include <QCheckBox>
#include <QFile>
#include <QLocale>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

#include <memory>
#include <vector>

class TestListenQueuesView : public QObject
{
    Q_OBJECT
private slots:
    void slotsFillToScale_data();
    void slotsFillToScale();
    void limitsAreThisKernels();
    void acceptQueueFillsWhileAcceptIsPaused();
    void pauseReadingFollowsTheShownConnection();
    void pauseReadingOnAClientTab();
};

namespace {

int procValue(const char *path)
{
    QFile f(QString::fromLatin1(path));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    bool ok = false;
    const int v = f.readAll().trimmed().toInt(&ok);
    return ok ? v : -1;
}

// The view, shown, following the session's tab.
bool showFollowing(TcpStateView &view, Session *session)
{
    view.resize(700, 600);
    view.setSession(session);
    view.show();
    return QTest::qWaitForWindowExposed(&view);
}

void setPauseAccept(TcpServerSession &server, bool on)
{
    SessionSettings s = server.settings();
    s.pauseAccept = on;
    server.setSettings(s);
}

} // namespace

void TestListenQueuesView::slotsFillToScale_data()
{
    QTest::addColumn<int>("waiting");
    QTest::addColumn<int>("backlog");
    QTest::addColumn<int>("slotCount");
    QTest::addColumn<int>("filledSlots");
    QTest::addColumn<bool>("full");
    QTest::newRow("backlog 2, empty") << 0 << 2 << 3 << 0 << false;
    QTest::newRow("backlog 2, one waiting") << 1 << 2 << 3 << 1 << false;
    QTest::newRow("backlog 2, full at 3") << 3 << 2 << 3 << 3 << true;
    QTest::newRow("backlog 0 holds one") << 1 << 0 << 1 << 1 << true;
    QTest::newRow("backlog 4096, one waiting") << 1 << 4096 << ListenQueuesView::kMaxSlots << 1 << false;
    QTest::newRow("backlog 4096, half") << 2048 << 4096 << ListenQueuesView::kMaxSlots << 15 << false;
    QTest::newRow("backlog 4096, full") << 4097 << 4096 << ListenQueuesView::kMaxSlots << ListenQueuesView::kMaxSlots
                                        << true;
}

void TestListenQueuesView::slotsFillToScale()
{
    QFETCH(int, waiting);
    QFETCH(int, backlog);
    QFETCH(int, slotCount);
    QFETCH(int, filledSlots);
    QFETCH(bool, full);
    ListenQueuesView view;
    view.resize(500, view.sizeHint().height());
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    const QImage empty = view.grab().toImage();
    view.setQueues(waiting, backlog, 0);
    QCOMPARE(view.acceptLimit(), backlog + 1);
    QCOMPARE(view.acceptSlots(), slotCount);
    QCOMPARE(view.filledAcceptSlots(), filledSlots);
    const QLocale locale;
    const QString text = view.acceptText();
    QVERIFY2(text.contains(QStringLiteral("%1 of %2").arg(locale.toString(waiting), locale.toString(backlog + 1))),
             qPrintable(text));
    QCOMPARE(text.contains(u"full"), full);
    // A slot stands for more than one connection only when the queue is longer than the row.
    QCOMPARE(text.contains(u"a slot is"), backlog + 1 > ListenQueuesView::kMaxSlots);
    // Something drawn changed, unless nothing waits.
    QCOMPARE(view.grab().toImage() != empty, waiting > 0 || backlog != 0);
}

void TestListenQueuesView::limitsAreThisKernels()
{
    ListenQueuesView view;
    view.setQueues(0, 2, 4);
    const int cookies = procValue("/proc/sys/net/ipv4/tcp_syncookies");
    const int maxSyn = procValue("/proc/sys/net/ipv4/tcp_max_syn_backlog");
    const int somaxconn = procValue("/proc/sys/net/core/somaxconn");
    QVERIFY(cookies >= 0 && maxSyn >= 0 && somaxconn >= 0);
    QVERIFY2(view.synText().contains(u"SYN queue (half-open, SYN_RECV): 4"), qPrintable(view.synText()));
    if (cookies >= 1)
        QVERIFY2(view.synText().contains(u"SYN cookies are on"), qPrintable(view.synText()));
    else
        QVERIFY2(view.synText().contains(QLocale().toString(maxSyn)), qPrintable(view.synText()));
    const QString tip = view.toolTip();
    QVERIFY2(tip.contains(QStringLiteral("net.core.somaxconn = %1").arg(QLocale().toString(somaxconn))), qPrintable(tip));
    QVERIFY(tip.contains(QStringLiteral("net.ipv4.tcp_syncookies = %1").arg(cookies)));
    QVERIFY(tip.contains(QStringLiteral("tcp_max_syn_backlog (%1 here)").arg(QLocale().toString(maxSyn))));
    QVERIFY(tip.contains(u"backlog + 1"));
}

void TestListenQueuesView::acceptQueueFillsWhileAcceptIsPaused()
{
    TcpServerSession server;
    server.setListenAddress(QHostAddress(QHostAddress::LocalHost));
    server.setBacklog(2);
    setPauseAccept(server, true);
    TcpStateView view;
    QVERIFY(showFollowing(view, &server));
    QVERIFY(server.start());
    ListenQueuesView *queues = view.listenQueues();
    QTRY_VERIFY(queues->isVisible());
    QCOMPARE(queues->backlog(), 2);
    QCOMPARE(queues->acceptWaiting(), 0);
    QVERIFY(view.queueTexts().isEmpty());   // a listener has no flow-control bars
    const QImage empty = queues->grab().toImage();

    std::vector<std::unique_ptr<QTcpSocket>> clients;
    for (int i = 0; i < 3; ++i) {
        clients.push_back(std::make_unique<QTcpSocket>());
        clients.back()->connectToHost(QHostAddress::LocalHost, server.port());
        QTRY_COMPARE(clients.back()->state(), QAbstractSocket::ConnectedState);
        QTRY_COMPARE(queues->acceptWaiting(), i + 1);
    }
    QCOMPARE(queues->filledAcceptSlots(), 3);
    QVERIFY2(queues->acceptText().contains(u"full"), qPrintable(queues->acceptText()));
    QVERIFY(queues->grab().toImage() != empty);
    QCOMPARE(server.clientCount(), 0);

    setPauseAccept(server, false);
    QTRY_COMPARE(queues->acceptWaiting(), 0);
    QTRY_COMPARE(server.clientCount(), 3);
    QCOMPARE(queues->filledAcceptSlots(), 0);
    // Hidden, it samples nothing: the queue it shows stays as it was.
    view.hide();
    setPauseAccept(server, true);
    clients.push_back(std::make_unique<QTcpSocket>());
    clients.back()->connectToHost(QHostAddress::LocalHost, server.port());
    QTRY_COMPARE(clients.back()->state(), QAbstractSocket::ConnectedState);
    QVERIFY(!view.watch()->isRunning());
    QCOMPARE(queues->acceptWaiting(), 0);
    view.show();
    QTRY_COMPARE(queues->acceptWaiting(), 1);
}

void TestListenQueuesView::pauseReadingFollowsTheShownConnection()
{
    TcpServerSession server;
    server.setListenAddress(QHostAddress(QHostAddress::LocalHost));
    TcpStateView view;
    QVERIFY(showFollowing(view, &server));
    QVERIFY(server.start());
    QCheckBox *pause = view.pauseReadingCheck();
    QVERIFY(!pause->isEnabled());   // the listener: nothing to pause
    QTcpSocket a;
    QTcpSocket b;
    a.connectToHost(QHostAddress::LocalHost, server.port());
    b.connectToHost(QHostAddress::LocalHost, server.port());
    QTRY_COMPARE(server.clientCount(), 2);
    const quint32 first = server.connections().at(0).id;
    const quint32 second = server.connections().at(1).id;

    view.showConnection(first);
    QTRY_VERIFY(pause->isVisible());
    QVERIFY(pause->isEnabled());
    QVERIFY(!pause->isChecked());
    pause->click();
    QVERIFY(server.isReadingPaused(first));
    QVERIFY(!server.isReadingPaused(second));
    QVERIFY(server.client(first).readingPaused);
    // The clients table says so, for that connection only.
    ConnectionsModel clients(&server);
    const auto stateOf = [&](quint32 id) {
        return clients.index(clients.rowOf(id), ConnectionsModel::State).data().toString();
    };
    QTRY_COMPARE(stateOf(first), QStringLiteral("connected, reading paused"));
    QCOMPARE(stateOf(second), QStringLiteral("connected"));

    view.showConnection(second);
    QVERIFY(!pause->isChecked());
    view.showConnection(first);
    QVERIFY(pause->isChecked());
    // Resumed elsewhere (a lesson, the session): the switch follows.
    QVERIFY(server.setReadingPaused(first, false));
    QVERIFY(!pause->isChecked());
    pause->click();
    QVERIFY(server.isReadingPaused(first));
    // The connection closes: its pause is gone, and so is the switch's.
    QVERIFY(server.disconnectClient(first));
    QTRY_VERIFY(!server.hasClient(first));
    QVERIFY(!pause->isChecked());
    pause->click();   // nothing to pause any more: it stays off
    QVERIFY(!pause->isChecked());
    QVERIFY(!server.isReadingPaused(first));
}

void TestListenQueuesView::pauseReadingOnAClientTab()
{
    QTcpServer listener;
    QVERIFY(listener.listen(QHostAddress::LocalHost));
    TcpClientSession client;
    client.setHost(QStringLiteral("127.0.0.1"));
    client.setPort(listener.serverPort());
    TcpStateView view;
    QVERIFY(showFollowing(view, &client));
    QCheckBox *pause = view.pauseReadingCheck();
    QVERIFY(!pause->isEnabled());
    QVERIFY(client.start());
    QTRY_VERIFY(pause->isEnabled());
    QTRY_VERIFY(listener.hasPendingConnections());
    std::unique_ptr<QTcpSocket> peer(listener.nextPendingConnection());
    pause->click();
    QVERIFY(client.isReadingPaused(client.connection().id));
    peer->write(QByteArray(100000, 'x'));
    // The view's bars show what waits in our receive queue.
    QTRY_VERIFY(!view.queueTexts().isEmpty() && view.queueTexts().at(0) != QStringLiteral("0 B"));
    QCOMPARE(client.counters().bytesIn, 0u);
    pause->click();
    QVERIFY(!client.isReadingPaused(client.connection().id));
    QTRY_COMPARE(client.counters().bytesIn, 100000u);
}

QTEST_MAIN(TestListenQueuesView)
#include "tst_listenqueuesview.moc"
