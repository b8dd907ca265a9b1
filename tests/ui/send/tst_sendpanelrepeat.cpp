// SendPanel and the session's repeater (Session::repeater): a repeat started
// elsewhere (the command line's --repeat) shows in the panel with its count,
// interval and progress, the panel's Stop stops it, and a repeat the panel
// started ends with the panel. A real TcpServerSession and a QTcpSocket peer
// on loopback.

#include "core/net/RepeatSender.h"
#include "core/net/TcpServerSession.h"
#include "ui/send/SendPanel.h"

#include <QApplication>
#include <QLabel>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTcpSocket>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;

class TestSendPanelRepeat : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();

    void aRepeatStartedElsewhereShowsAndStops();
    void aPanelSetWhileRepeatingShowsIt();
    void thePanelsOwnRepeatIsTheSessions();
    void aRepeatThroughThePanelEndsWithIt();

private:
    template<typename T>
    T *child(const char *name) const
    {
        T *w = m_panel->findChild<T *>(QLatin1String(name));
        if (!w)
            qFatal("SendPanel has no child %s", name);
        return w;
    }
    RepeatSender::Sender toServer()
    {
        TcpServerSession *server = m_server.get();
        return [server](const QByteArray &bytes) { return server->send(bytes); };
    }
    void makePanel();

    std::unique_ptr<TcpServerSession> m_server;
    std::unique_ptr<QTcpSocket> m_peer;
    std::unique_ptr<SendPanel> m_panel;
};

void TestSendPanelRepeat::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(u"SocketWorkbenchTests"_s);
    QCoreApplication::setApplicationName(u"tst_sendpanelrepeat"_s);
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
}

void TestSendPanelRepeat::init()
{
    QSettings().clear();
    m_server = std::make_unique<TcpServerSession>();
    m_server->setPort(0);
    m_server->setKeepOpenOnPeerFin(false);
    QVERIFY(m_server->start());
    m_peer = std::make_unique<QTcpSocket>();
    m_peer->connectToHost(m_server->listenEndpoint().address, m_server->listenEndpoint().port);
    QVERIFY(m_peer->waitForConnected(5000));
    QTRY_COMPARE(m_server->clientCount(), 1);
}

void TestSendPanelRepeat::makePanel()
{
    m_panel = std::make_unique<SendPanel>();
    m_panel->setSender(toServer());
    m_panel->setRepeater(m_server->repeater());
    m_panel->show();
}

void TestSendPanelRepeat::cleanup()
{
    m_panel.reset();
    m_server->repeater()->stop();
    m_peer.reset();
    m_server.reset();
}

void TestSendPanelRepeat::aRepeatStartedElsewhereShowsAndStops()
{
    makePanel();
    RepeatSender *repeat = m_server->repeater();
    QVERIFY(repeat->start("cli\n", 1000, 7, toServer()));
    // The form shows what the session does.
    QVERIFY(m_panel->isRepeating());
    QCOMPARE(child<QSpinBox>("repeatCountSpin")->value(), 1000);
    QCOMPARE(child<QSpinBox>("repeatIntervalSpin")->value(), 7);
    QVERIFY(!child<QSpinBox>("repeatCountSpin")->isEnabled());
    QVERIFY(child<QPushButton>("repeatStopButton")->isEnabled());
    QVERIFY(!child<QPushButton>("repeatStartButton")->isEnabled());

    QByteArray got;
    QTRY_VERIFY((got += m_peer->readAll()).size() >= 3 * 4);
    QTest::mouseClick(child<QPushButton>("repeatStopButton"), Qt::LeftButton);
    QVERIFY(!repeat->isRunning());
    QVERIFY(repeat->wasStopped());
    QVERIFY(child<QPushButton>("repeatStartButton")->isEnabled());
    QCOMPARE(child<QLabel>("repeatProgressLabel")->text(), u"%1/1,000"_s.arg(repeat->done()));
    // Not typed here: nothing for the panel's history.
    QVERIFY(m_panel->history().isEmpty());
}

void TestSendPanelRepeat::aPanelSetWhileRepeatingShowsIt()
{
    RepeatSender *repeat = m_server->repeater();
    QVERIFY(repeat->start("x", RepeatSender::kUntilStopped, 3, toServer()));
    QTRY_VERIFY(repeat->done() >= 2);
    makePanel();
    QVERIFY(m_panel->isRepeating());
    QCOMPARE(child<QSpinBox>("repeatCountSpin")->value(), 0);   // ∞
    QCOMPARE(child<QSpinBox>("repeatIntervalSpin")->value(), 3);
    QVERIFY(child<QPushButton>("repeatStopButton")->isEnabled());
    QVERIFY(child<QLabel>("repeatProgressLabel")->text().endsWith(u"/∞"_s));
    m_panel->stopRepeat();
    QVERIFY(!repeat->isRunning());
}

void TestSendPanelRepeat::thePanelsOwnRepeatIsTheSessions()
{
    makePanel();
    m_panel->editor()->setPlainText(u"own"_s);
    child<QSpinBox>("repeatCountSpin")->setValue(3);
    child<QSpinBox>("repeatIntervalSpin")->setValue(5);
    QVERIFY(m_panel->startRepeat());
    QVERIFY(m_server->repeater()->isRunning());
    QCOMPARE(m_server->repeater()->total(), 3);
    QTRY_VERIFY(!m_panel->isRepeating());
    QByteArray got;
    QTRY_COMPARE((got += m_peer->readAll()), QByteArray("own").repeated(3));
    QCOMPARE(m_panel->history().size(), 1);
    QVERIFY2(m_panel->message().contains(u"Repeat done"_s), qPrintable(m_panel->message()));
}

void TestSendPanelRepeat::aRepeatThroughThePanelEndsWithIt()
{
    makePanel();
    m_panel->editor()->setPlainText(u"bye"_s);
    child<QSpinBox>("repeatCountSpin")->setValue(0);
    child<QSpinBox>("repeatIntervalSpin")->setValue(2);
    QVERIFY(m_panel->startRepeat());
    RepeatSender *repeat = m_server->repeater();
    QTRY_VERIFY(repeat->done() >= 2);
    // Its sends go through the panel: the session's repeater must not tick on without it.
    m_panel.reset();
    QVERIFY(!repeat->isRunning());
    const int done = repeat->done();
    QTest::qWait(30);
    QCOMPARE(repeat->done(), done);
}

QTEST_MAIN(TestSendPanelRepeat)
#include "tst_sendpanelrepeat.moc"
