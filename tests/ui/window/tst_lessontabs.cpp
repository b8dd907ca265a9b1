// A lesson's tabs belong to the lesson: the next lesson replaces them (and
// asks first when they moved data), they are not restored at the next start
// unless the user kept them, and the lesson panel never shows a lesson whose
// tabs are gone as if they were there. Real lessons over loopback, the real
// question box answered by clicking its buttons on the offscreen platform.

#include "core/log/TrafficEvent.h"
#include "core/net/TcpClientSession.h"
#include "core/net/TcpServerSession.h"
#include "core/net/UdpSession.h"
#include "core/teach/LessonLibrary.h"
#include "core/workbench/Workbench.h"
#include "ui/pages/SessionPage.h"
#include "ui/pages/UdpPage.h"
#include "ui/teach/LessonPanel.h"
#include "ui/window/LessonTabs.h"
#include "ui/window/MainWindow.h"
#include "ui/window/SessionTabBar.h"
#include "ui/window/SessionTabWidget.h"

#include <QContextMenuEvent>
#include <QDockWidget>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTcpSocket>
#include <QTest>

using namespace Qt::Literals::StringLiterals;

namespace {
QList<Session *> added(const QList<Session *> &before, const QList<Session *> &after)
{
    QList<Session *> out;
    for (Session *s : after) {
        if (!before.contains(s))
            out.append(s);
    }
    return out;
}

QMessageBox *question(MainWindow &window)
{
    for (QMessageBox *box : window.findChildren<QMessageBox *>(u"replaceLessonQuestion"_s)) {
        if (box->isVisible())
            return box;
    }
    return nullptr;
}

// Data through the echo lesson's connection, as a user's Ctrl+Enter would send it.
void sendThroughEcho(const QList<Session *> &lesson)
{
    TcpClientSession *client = nullptr;
    TcpServerSession *server = nullptr;
    for (Session *s : lesson) {
        if (auto *c = qobject_cast<TcpClientSession *>(s))
            client = c;
        if (auto *v = qobject_cast<TcpServerSession *>(s))
            server = v;
    }
    QVERIFY(client && server);
    QTRY_VERIFY(client->isConnected());
    QVERIFY(client->send("ping").ok());
    QTRY_COMPARE(client->counters().bytesIn, 4u);  // echoed
    QCOMPARE(server->counters().bytesIn, 4u);
}
} // namespace

class TestLessonTabs : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void lessonTwiceKeepsTheTabCount_data();
    void lessonTwiceKeepsTheTabCount();
    void unknownLessonChangesNothing();
    void lessonOverTrafficAsks_data();
    void lessonOverTrafficAsks();
    void lessonTabsAreNotRestored_data();
    void lessonTabsAreNotRestored();
    void panelSaysWhenTheTabsAreGone();
};

void TestLessonTabs::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(u"socket-workbench-tests"_s);
    QCoreApplication::setApplicationName(u"tst_lessontabs"_s);
}

void TestLessonTabs::init()
{
    QSettings().clear();
}

void TestLessonTabs::lessonTwiceKeepsTheTabCount_data()
{
    QTest::addColumn<QString>("first");
    QTest::addColumn<QString>("second");
    // Lessons that move no data on their own: no question comes.
    QTest::newRow("echo twice") << u"echo"_s << u"echo"_s;
    QTest::newRow("udp-echo twice") << u"udp-echo"_s << u"udp-echo"_s;
    QTest::newRow("http-page twice (a fixed port, freed first)") << u"http-page"_s << u"http-page"_s;
    QTest::newRow("reuse twice (three tabs)") << u"reuse"_s << u"reuse"_s;
    QTest::newRow("echo, then chat") << u"echo"_s << u"chat"_s;
    QTest::newRow("udp-echo, then reuse") << u"udp-echo"_s << u"reuse"_s;
}

void TestLessonTabs::lessonTwiceKeepsTheTabCount()
{
    QFETCH(QString, first);
    QFETCH(QString, second);
    Workbench bench;
    MainWindow window(&bench);
    window.show();
    // A tab of the user's own, which no lesson touches.
    window.findChild<QAction *>(u"actionNewUdp"_s)->trigger();
    Session *mine = bench.sessions().constFirst();

    const QList<Session *> before = bench.sessions();
    window.findChild<QAction *>(u"lesson-"_s + first)->trigger();
    const QList<Session *> firstLesson = added(before, bench.sessions());
    QVERIFY(!firstLesson.isEmpty());
    QCOMPARE(window.pageCount(), 1 + firstLesson.size());
    for (Session *s : firstLesson)
        QVERIFY(window.lessonTabs()->owns(s));
    QVERIFY(!window.lessonTabs()->owns(mine));
    // The lesson's tabs say whose they are.
    const int lessonTab = window.tabs()->indexOf(window.pageAt(1));
    QVERIFY2(window.tabs()->tabToolTip(lessonTab).contains(u"Lesson"_s), qPrintable(window.tabs()->tabToolTip(lessonTab)));

    const QList<Session *> between = bench.sessions();
    QVERIFY(window.startLesson(second));
    QVERIFY(!question(window));
    const QList<Session *> secondLesson = added(between, bench.sessions());
    QVERIFY(!secondLesson.isEmpty());
    // The first lesson's tabs are gone, the user's stays, nothing piles up.
    for (Session *s : firstLesson)
        QVERIFY(!bench.sessions().contains(s));
    QVERIFY(bench.sessions().contains(mine));
    QCOMPARE(window.pageCount(), 1 + secondLesson.size());
    QCOMPARE(bench.sessions().size(), 1 + secondLesson.size());
    if (first == second)
        QCOMPARE(window.pageCount(), 1 + firstLesson.size());
    for (Session *s : secondLesson) {
        QVERIFY(window.lessonTabs()->owns(s));
        QTRY_VERIFY(s->isRunning());  // a client once connected
    }
    QCOMPARE(window.lessonTabs()->lessonId(), second);
    QVERIFY(window.findChild<QDockWidget *>(u"lessonDock"_s)->isVisible());
}

void TestLessonTabs::unknownLessonChangesNothing()
{
    Workbench bench;
    MainWindow window(&bench);
    window.startLesson(u"echo"_s);
    const QList<Session *> sessions = bench.sessions();
    const QString explanation = window.lessonPanel()->explanation();
    QVERIFY(!window.startLesson(u"no-such-lesson"_s));
    QCOMPARE(bench.sessions(), sessions);
    QCOMPARE(window.lessonPanel()->explanation(), explanation);
    QCOMPARE(window.lessonTabs()->lessonId(), u"echo"_s);
}

void TestLessonTabs::lessonOverTrafficAsks_data()
{
    QTest::addColumn<QString>("answer");   // the button's object name
    QTest::newRow("Replace") << u"replaceButton"_s;
    QTest::newRow("Keep them and add") << u"keepButton"_s;
    QTest::newRow("Cancel") << u"cancelButton"_s;
}

void TestLessonTabs::lessonOverTrafficAsks()
{
    QFETCH(QString, answer);
    Workbench bench;
    MainWindow window(&bench);
    window.show();
    QVERIFY(window.startLesson(u"echo"_s));
    const QList<Session *> echo = bench.sessions();
    QCOMPARE(echo.size(), 2);
    sendThroughEcho(echo);
    const QString echoExplanation = window.lessonPanel()->explanation();

    // Chosen from the menu, as a user would: nothing happens before the answer.
    window.findChild<QAction *>(u"lesson-udp-echo"_s)->trigger();
    QMessageBox *box = nullptr;
    QTRY_VERIFY((box = question(window)));
    QCOMPARE(bench.sessions(), echo);
    QString echoTitle;
    QString udpTitle;
    for (const LessonLibrary::Lesson &l : LessonLibrary::all()) {
        if (l.id == u"echo"_s)
            echoTitle = l.title;
        if (l.id == u"udp-echo"_s)
            udpTitle = l.title;
    }
    QVERIFY2(box->text().contains(echoTitle), qPrintable(box->text()));
    QVERIFY2(box->informativeText().contains(udpTitle), qPrintable(box->informativeText()));
    // It does not hold the event loop: the echo still answers meanwhile.
    auto *client = qobject_cast<TcpClientSession *>(echo.at(1));
    QVERIFY(client);
    QVERIFY(client->send("more").ok());
    QTRY_COMPARE(client->counters().bytesIn, 8u);

    auto *button = box->findChild<QPushButton *>(answer);
    QVERIFY(button);
    QTest::mouseClick(button, Qt::LeftButton);
    QTRY_VERIFY(!question(window));
    const QList<Session *> now = bench.sessions();
    const QList<Session *> udp = added(echo, now);
    if (answer == u"cancelButton"_s) {
        QCOMPARE(now, echo);
        for (Session *s : echo)
            QVERIFY(window.lessonTabs()->owns(s));
        QCOMPARE(window.lessonPanel()->explanation(), echoExplanation);
        QCOMPARE(window.lessonTabs()->lessonId(), u"echo"_s);
        return;
    }
    QCOMPARE(udp.size(), 2);
    for (Session *s : udp) {
        QCOMPARE(s->kind(), SessionKind::Udp);
        QVERIFY(window.lessonTabs()->owns(s));
    }
    QCOMPARE(window.lessonTabs()->lessonId(), u"udp-echo"_s);
    if (answer == u"replaceButton"_s) {
        QCOMPARE(window.pageCount(), 2);
        QCOMPARE(now.size(), 2);
    } else {
        // Kept: still open, still talking, and now ordinary tabs.
        QCOMPARE(window.pageCount(), 4);
        for (Session *s : echo) {
            QVERIFY(now.contains(s));
            QVERIFY(!window.lessonTabs()->owns(s));
        }
        QVERIFY(client->isConnected());
        QVERIFY(client->send("still").ok());
        QTRY_COMPARE(client->counters().bytesIn, 13u);
    }
}

void TestLessonTabs::lessonTabsAreNotRestored_data()
{
    QTest::addColumn<bool>("userTab");   // a UDP tab the user opened before the lesson
    QTest::addColumn<QString>("keep");   // how the lesson's tabs are kept, if they are
    QTest::addColumn<QStringList>("restored");   // the kinds (and names) expected back
    QTest::newRow("not kept") << true << QString() << QStringList{u"udp"_s};
    QTest::newRow("not kept, no tab of the user's") << false << QString() << QStringList{};
    QTest::newRow("Keep these tabs") << true << u"panel"_s
                                     << QStringList{u"udp"_s, u"tcp-server"_s, u"tcp-client"_s};
    QTest::newRow("the tab menu's Keep this tab") << true << u"menu"_s << QStringList{u"udp"_s, u"tcp-server"_s};
    QTest::newRow("a renamed lesson tab") << false << u"rename"_s << QStringList{u"tcp-client=My client"_s};
}

void TestLessonTabs::lessonTabsAreNotRestored()
{
    QFETCH(bool, userTab);
    QFETCH(QString, keep);
    QFETCH(QStringList, restored);
    {
        Workbench bench;
        MainWindow window(&bench);
        window.show();
        if (userTab)
            bench.addUdp();
        QVERIFY(window.startLesson(u"echo"_s));
        const int server = userTab ? 1 : 0;
        QVERIFY(window.findChild<QDockWidget *>(u"lessonDock"_s)->isVisible());
        if (keep == u"panel"_s) {
            auto *button = window.lessonPanel()->findChild<QPushButton *>(u"keepTabsButton"_s);
            QVERIFY(button && button->isVisible());
            QTest::mouseClick(button, Qt::LeftButton);
            QCOMPARE(window.lessonPanel()->tabsState(), LessonPanel::Tabs::Kept);
            QVERIFY(!window.lessonPanel()->notice().isEmpty());
            QVERIFY(!button->isVisible());
            QVERIFY(!window.tabs()->tabToolTip(server).contains(u"Lesson"_s));
        } else if (keep == u"menu"_s) {
            SessionTabBar *bar = window.tabs()->sessionTabBar();
            const QPoint pos = bar->tabRect(server).center();
            QContextMenuEvent event(QContextMenuEvent::Mouse, pos, bar->mapToGlobal(pos));
            QCoreApplication::sendEvent(bar, &event);
            auto *menu = window.findChild<QMenu *>(u"tabContextMenu"_s);
            QVERIFY(menu);
            QAction *keepTab = nullptr;
            for (QAction *a : menu->actions()) {
                if (a->objectName() == u"actionKeepTab"_s)
                    keepTab = a;
            }
            QVERIFY(keepTab);
            menu->hide();
            keepTab->trigger();
            QVERIFY(!window.lessonTabs()->owns(window.pageAt(server)->session()));
            QVERIFY(window.lessonTabs()->owns(window.pageAt(server + 1)->session()));
            // One of two kept: the panel still speaks of the lesson's tabs.
            QCOMPARE(window.lessonPanel()->tabsState(), LessonPanel::Tabs::Lesson);
        } else if (keep == u"rename"_s) {
            QLineEdit *editor = window.tabs()->startRename(server + 1);
            QVERIFY(editor);
            editor->selectAll();
            QTest::keyClicks(editor, u"My client"_s);
            QTest::keyClick(editor, Qt::Key_Return);
            QVERIFY(!window.lessonTabs()->owns(window.pageAt(server + 1)->session()));
        }
        window.close();  // saves
    }
    Workbench bench;
    MainWindow window(&bench);
    window.restoreTabs();
    window.show();
    QStringList back;
    for (int i = 0; i < window.pageCount(); ++i) {
        const QString name = window.tabs()->customTitle(window.pageAt(i));
        back << TrafficEvent::sessionName(window.pageAt(i)->session()->kind()) + (name.isEmpty() ? QString() : u"="_s + name);
    }
    QCOMPARE(back, restored);
    // No lesson runs now: its dock does not come back, empty or not.
    QVERIFY(!window.findChild<QDockWidget *>(u"lessonDock"_s)->isVisible());
    QVERIFY(window.lessonTabs()->lessonId().isEmpty());
    for (Session *s : bench.sessions())
        QVERIFY(!s->isRunning());
}

void TestLessonTabs::panelSaysWhenTheTabsAreGone()
{
    Workbench bench;
    MainWindow window(&bench);
    window.show();
    QVERIFY(window.startLesson(u"echo"_s));
    LessonPanel *panel = window.lessonPanel();
    auto *restart = panel->findChild<QPushButton *>(u"restartButton"_s);
    QVERIFY(restart);
    QVERIFY(!restart->isVisible());
    QCOMPARE(panel->tabsState(), LessonPanel::Tabs::Lesson);
    QVERIFY(panel->notice().isEmpty());
    // One of two closed: the lesson goes on.
    window.tabs()->setCurrentIndex(1);
    window.findChild<QAction *>(u"actionCloseTab"_s)->trigger();
    QCOMPARE(panel->tabsState(), LessonPanel::Tabs::Lesson);
    // The last one closed: the panel says so instead of naming dead ports.
    window.findChild<QAction *>(u"actionCloseTab"_s)->trigger();
    QCOMPARE(window.pageCount(), 0);
    QCOMPARE(panel->tabsState(), LessonPanel::Tabs::Closed);
    QVERIFY(!panel->notice().isEmpty());
    QVERIFY(restart->isVisible());
    QVERIFY(!panel->findChild<QWidget *>(u"textBrowser"_s)->isVisible());
    // Start it again from the panel.
    QTest::mouseClick(restart, Qt::LeftButton);
    QCOMPARE(window.pageCount(), 2);
    QCOMPARE(panel->tabsState(), LessonPanel::Tabs::Lesson);
    QVERIFY(!restart->isVisible());
    auto *server = qobject_cast<TcpServerSession *>(bench.sessions().constFirst());
    QVERIFY(server && server->isRunning());
    QVERIFY(panel->explanation().contains(QString::number(server->listenEndpoint().port)));
}

QTEST_MAIN(TestLessonTabs)
#include "tst_lessontabs.moc"
