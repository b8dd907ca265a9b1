// What a new tab starts with, opened the way a user opens it (Session →
// New …): servers and UDP sockets bind loopback, the client limit is finite,
// UDP auto-replies are limited; the UDP page's limit fields drive the
// session and show what was held back.

#include "core/net/TcpServerSession.h"
#include "core/net/UdpSession.h"
#include "core/workbench/Workbench.h"
#include "ui/pages/TcpServerPage.h"
#include "ui/pages/UdpPage.h"
#include "ui/window/MainWindow.h"

#include <QAction>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QNetworkDatagram>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTest>
#include <QUdpSocket>

using namespace Qt::Literals::StringLiterals;

class TestSafeDefaults : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void newServerTabListensOnLoopbackWithAClientLimit();
    void newUdpTabBindsLoopbackWithReplyLimits();
    void limitFieldsDriveTheSessionAndShowWhatWasHeldBack();
    void savedLimitsComeBackAndGarbageKeepsTheDefaults();
};

void TestSafeDefaults::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(u"socket-workbench-tests"_s);
    QCoreApplication::setApplicationName(u"tst_safedefaults"_s);
}

void TestSafeDefaults::init()
{
    QSettings().clear();
}

void TestSafeDefaults::newServerTabListensOnLoopbackWithAClientLimit()
{
    Workbench bench;
    MainWindow window(&bench);
    window.findChild<QAction *>(u"actionNewTcpServer"_s)->trigger();
    auto *page = qobject_cast<TcpServerPage *>(window.pageAt(0));
    QVERIFY(page);
    QCOMPARE(page->findChild<QComboBox *>(u"addressCombo"_s)->currentText(), u"127.0.0.1"_s);
    QCOMPARE(page->findChild<QSpinBox *>(u"maxClientsSpin"_s)->value(), 1000);
    QVERIFY(page->findChild<QLabel *>(u"exposureNotice"_s)->isHidden());
    page->findChild<QLineEdit *>(u"portEdit"_s)->setText(u"0"_s);
    QTest::mouseClick(page->findChild<QPushButton *>(u"startButton"_s), Qt::LeftButton);
    QVERIFY(page->server()->isRunning());
    QCOMPARE(page->server()->listenEndpoint().address, QHostAddress(QHostAddress::LocalHost));
    QCOMPARE(page->server()->maxClients(), 1000);
}

void TestSafeDefaults::newUdpTabBindsLoopbackWithReplyLimits()
{
    Workbench bench;
    MainWindow window(&bench);
    window.findChild<QAction *>(u"actionNewUdp"_s)->trigger();
    auto *page = qobject_cast<UdpPage *>(window.pageAt(0));
    QVERIFY(page);
    QCOMPARE(page->findChild<QComboBox *>(u"addressCombo"_s)->currentText(), u"127.0.0.1"_s);
    QCOMPARE(page->findChild<QSpinBox *>(u"replyRateSpin"_s)->value(), 100);
    QCOMPARE(page->findChild<QSpinBox *>(u"replyBytesSpin"_s)->value(), 65536);
    QCOMPARE(page->findChild<QSpinBox *>(u"replyMaxSizeSpin"_s)->value(), 1472);
    QTest::mouseClick(page->findChild<QPushButton *>(u"bindButton"_s), Qt::LeftButton);
    QVERIFY(page->udp()->isRunning());
    QCOMPARE(page->udp()->localEndpoint().address, QHostAddress(QHostAddress::LocalHost));
    const ReplyLimiter::Settings limits = page->udp()->replyLimits();
    QCOMPARE(limits.repliesPerSecond, 100);
    QCOMPARE(limits.bytesPerSecond, 65536);
    QCOMPARE(limits.maxReplySize, 1472);
}

void TestSafeDefaults::limitFieldsDriveTheSessionAndShowWhatWasHeldBack()
{
    UdpSession session;
    UdpPage page(&session);
    page.findChild<QComboBox *>(u"replyCombo"_s)->setCurrentIndex(1);  // echo
    page.findChild<QSpinBox *>(u"replyRateSpin"_s)->setValue(2);
    page.findChild<QSpinBox *>(u"replyBytesSpin"_s)->setValue(0);
    page.findChild<QSpinBox *>(u"replyMaxSizeSpin"_s)->setValue(10);
    QCOMPARE(session.replyLimits().repliesPerSecond, 2);
    QCOMPARE(session.replyLimits().bytesPerSecond, 0);
    QCOMPARE(session.replyLimits().maxReplySize, 10);
    page.findChild<QLineEdit *>(u"portEdit"_s)->setText(u"0"_s);
    page.startSession();
    auto *status = page.findChild<QLabel *>(u"replyStatus"_s);
    QVERIFY(status->isHidden());  // nothing held back or dropped yet
    QVERIFY(session.isRunning());

    QUdpSocket peer;
    QVERIFY(peer.bind(QHostAddress::LocalHost, 0));
    for (int i = 0; i < 5; ++i)
        peer.writeDatagram("ok" + QByteArray::number(i), session.localEndpoint().address, session.localEndpoint().port);
    peer.writeDatagram("eleven byte", session.localEndpoint().address, session.localEndpoint().port);
    QTRY_COMPARE(session.counters().messagesIn, 6u);
    QCOMPARE(session.counters().messagesOut, 2u);
    QTRY_VERIFY(!status->isHidden());
    QTRY_COMPARE(status->text(), u"Auto-replies held back: 4 (over the rate: 3, too large: 1) · "
                                 "datagrams the kernel dropped: 0"_s);
}

void TestSafeDefaults::savedLimitsComeBackAndGarbageKeepsTheDefaults()
{
    UdpSession a;
    UdpPage first(&a);
    first.findChild<QSpinBox *>(u"replyRateSpin"_s)->setValue(7);
    first.findChild<QSpinBox *>(u"replyMaxSizeSpin"_s)->setValue(500);
    const QVariantMap saved = first.saveState();

    UdpSession b;
    UdpPage second(&b);
    second.restoreState(saved);
    QCOMPARE(b.replyLimits().repliesPerSecond, 7);
    QCOMPARE(b.replyLimits().maxReplySize, 500);
    QCOMPARE(b.replyLimits().bytesPerSecond, 65536);

    UdpSession c;
    UdpPage third(&c);
    QVariantMap garbage = saved;
    garbage[u"replyRate"_s] = u"lots"_s;
    garbage[u"replyMaxSize"_s] = 1000000;
    third.restoreState(garbage);
    QCOMPARE(c.replyLimits().repliesPerSecond, 100);
    QCOMPARE(c.replyLimits().maxReplySize, 65527);  // clamped to the largest datagram
}

QTEST_MAIN(TestSafeDefaults)
#include "tst_safedefaults.moc"
