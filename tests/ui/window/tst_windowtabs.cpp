// The window's tabs when there are many, or none: titles that keep the port,
// names of the user's own that survive a restart, keys that walk the tabs
// round, closing the others or all, the list of every tab and the empty
// window. Real sessions over loopback, keys and clicks sent to the real
// widgets on the offscreen platform.

#include "core/net/TcpClientSession.h"
#include "core/net/TcpServerSession.h"
#include "core/net/UdpSession.h"
#include "core/workbench/Workbench.h"
#include "ui/pages/SessionPage.h"
#include "ui/pages/TcpClientPage.h"
#include "ui/pages/TcpServerPage.h"
#include "ui/pages/UdpPage.h"
#include "ui/send/SendPanel.h"
#include "ui/traffic/TrafficView.h"
#include "ui/window/EmptyView.h"
#include "ui/window/MainWindow.h"
#include "ui/window/SessionTabBar.h"
#include "ui/window/SessionTabWidget.h"

#include <QContextMenuEvent>
#include <QLineEdit>
#include <QMenu>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QShortcut>
#include <QStandardPaths>
#include <QTableView>
#include <QTcpSocket>
#include <QTest>
#include <QToolButton>

using namespace Qt::Literals::StringLiterals;

namespace {
QAction *action(MainWindow &window, const QString &name)
{
    auto *a = window.findChild<QAction *>(name);
    if (!a)
        qWarning("no action %s", qPrintable(name));
    return a;
}

// The menu a right click on the tab (or on the bar's empty part) opens.
QMenu *openTabMenu(MainWindow &window, int index)
{
    SessionTabBar *bar = window.tabs()->sessionTabBar();
    // The last one is hidden but may still wait for its deletion.
    for (QMenu *old : window.findChildren<QMenu *>(u"tabContextMenu"_s))
        delete old;
    const QPoint pos = index >= 0 ? bar->tabRect(index).center() : QPoint(bar->width() - 2, bar->height() / 2);
    QContextMenuEvent event(QContextMenuEvent::Mouse, pos, bar->mapToGlobal(pos));
    QCoreApplication::sendEvent(bar, &event);
    return window.findChild<QMenu *>(u"tabContextMenu"_s);
}

QAction *menuAction(QMenu *menu, const QString &name)
{
    for (QAction *a : menu->actions()) {
        if (a->objectName() == name)
            return a;
    }
    return nullptr;
}

// The editor over a tab (one that was just closed may still wait for deletion).
QLineEdit *renameEditor(SessionTabBar *bar)
{
    for (QLineEdit *edit : bar->findChildren<QLineEdit *>(u"tabRenameEdit"_s)) {
        if (edit->isVisible())
            return edit;
    }
    return nullptr;
}

void activate(QWidget *window)
{
    window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(window));
}
} // namespace

class TestWindowTabs : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void titlesKeepThePort();
    void renameSurvivesSaveAndRestore();
    void renameEditorKeys_data();
    void renameEditorKeys();
    void keysWalkTheTabsRound_data();
    void keysWalkTheTabsRound();
    void altDigitsStayFree();
    void closeOthersAndAll_data();
    void closeOthersAndAll();
    void tabListButtonOnOverflow();
    void emptyWindowButtonsOpenTabs_data();
    void emptyWindowButtonsOpenTabs();
    void emptyWindowComesBack();
};

void TestWindowTabs::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(u"socket-workbench-tests"_s);
    QCoreApplication::setApplicationName(u"tst_windowtabs"_s);
}

void TestWindowTabs::init()
{
    QSettings().clear();
}

void TestWindowTabs::titlesKeepThePort()
{
    Workbench bench;
    MainWindow window(&bench);
    window.resize(1000, 700);
    window.show();
    TcpServerSession *server = bench.addTcpServer();
    QVERIFY(server->start());
    // Longer than a tab may be: the host is long, the port at the end.
    TcpClientSession *client = bench.addTcpClient();
    client->setHost(u"2001:db8:1234:5678:9abc:def0:1234:5678"_s);
    client->setPort(65432);
    window.pageAt(1)->restoreState(window.pageAt(1)->saveState());  // the form shows what the session holds
    SessionTabWidget *tabs = window.tabs();
    SessionTabBar *bar = tabs->sessionTabBar();
    QCOMPARE(tabs->elideMode(), Qt::ElideMiddle);
    QCOMPARE(bar->elideMode(), Qt::ElideMiddle);

    const QString serverTitle = window.pageAt(0)->title();
    QVERIFY2(serverTitle.endsWith(u":%1"_s.arg(server->listenEndpoint().port)), qPrintable(serverTitle));
    QCOMPARE(tabs->tabText(0), serverTitle);
    QCOMPARE(tabs->tabToolTip(0), serverTitle);

    const QString clientTitle = window.pageAt(1)->title();
    QVERIFY2(clientTitle.contains(u"]:65432"_s), qPrintable(clientTitle));
    const QFontMetrics fm = bar->fontMetrics();
    QVERIFY(fm.horizontalAdvance(clientTitle) > bar->maximumTextWidth());
    // Capped, so the text is elided; the whole endpoint is in the tooltip.
    QVERIFY2(bar->tabRect(1).width() < bar->tabRect(0).width() + fm.horizontalAdvance(clientTitle)
                                           - fm.horizontalAdvance(serverTitle),
             qPrintable(u"tab 1 is %1 wide"_s.arg(bar->tabRect(1).width())));
    QCOMPARE(tabs->tabToolTip(1), clientTitle);
    // What is painted: elided, but before the port, which shows whole.
    const QString shown = bar->shownText(1);
    QVERIFY2(shown.contains(u'…'), qPrintable(shown));
    QVERIFY2(shown.contains(u":65432 (not"_s), qPrintable(shown));
    QVERIFY2(fm.horizontalAdvance(shown) <= bar->maximumTextWidth(), qPrintable(shown));
    // A title that fits is shown as it is.
    QCOMPARE(bar->shownText(0), serverTitle);
}

void TestWindowTabs::renameSurvivesSaveAndRestore()
{
    QString automatic;
    {
        Workbench bench;
        MainWindow window(&bench);
        window.show();
        activate(&window);
        bench.addTcpServer();
        bench.addUdp();
        SessionTabWidget *tabs = window.tabs();
        automatic = window.pageAt(0)->title();

        // Double-click the first tab, type, Enter.
        SessionTabBar *bar = tabs->sessionTabBar();
        QTest::mouseDClick(bar, Qt::LeftButton, {}, bar->tabRect(0).center());
        QLineEdit *editor = nullptr;
        QTRY_VERIFY((editor = renameEditor(bar)));
        QCOMPARE(editor->text(), automatic);
        editor->selectAll();
        QTest::keyClicks(editor, u"Echo under test"_s);
        QTest::keyClick(editor, Qt::Key_Return);
        QCOMPARE(tabs->tabText(0), u"Echo under test"_s);
        QCOMPARE(tabs->customTitle(window.pageAt(0)), u"Echo under test"_s);
        // The automatic title is still there to read.
        QVERIFY2(tabs->tabToolTip(0).contains(automatic), qPrintable(tabs->tabToolTip(0)));

        // The tab menu's Rename…; an '&' is shown as typed, not as a mnemonic.
        QMenu *menu = openTabMenu(window, 1);
        QVERIFY(menu);
        // As a click does: the menu hides, then the entry's action runs.
        QAction *rename = menuAction(menu, u"actionRenameTab"_s);
        QVERIFY(rename);
        menu->hide();
        rename->trigger();
        editor = renameEditor(bar);
        QVERIFY(editor);
        editor->selectAll();
        QTest::keyClicks(editor, u"R&D datagrams"_s);
        QTest::keyClick(editor, Qt::Key_Return);
        QCOMPARE(tabs->tabText(1), u"R&&D datagrams"_s);

        // The name stays while the endpoints, and the automatic title, change.
        auto *server = static_cast<TcpServerSession *>(window.pageAt(0)->session());
        QVERIFY(server->start());
        QTRY_VERIFY(tabs->tabToolTip(0).contains(QString::number(server->listenEndpoint().port)));
        QCOMPARE(tabs->tabText(0), u"Echo under test"_s);
        automatic = window.pageAt(0)->title();
        // The user moves the named tab last: the name goes with it.
        bar->moveTab(0, 1);
        QCOMPARE(tabs->tabText(1), u"Echo under test"_s);
        window.close();  // saves
    }
    Workbench bench;
    MainWindow window(&bench);
    window.restoreTabs();
    QCOMPARE(window.pageCount(), 2);
    QVERIFY(qobject_cast<UdpPage *>(window.pageAt(0)));
    QVERIFY(qobject_cast<TcpServerPage *>(window.pageAt(1)));
    QCOMPARE(window.tabs()->customTitle(window.pageAt(0)), u"R&D datagrams"_s);
    QCOMPARE(window.tabs()->customTitle(window.pageAt(1)), u"Echo under test"_s);
    QCOMPARE(window.tabs()->tabText(1), u"Echo under test"_s);
    // Not started again: the automatic title is the stopped one, in the tooltip.
    QVERIFY(window.tabs()->tabToolTip(1).contains(window.pageAt(1)->title()));
    QVERIFY(!window.pageAt(1)->session()->isRunning());
}

void TestWindowTabs::renameEditorKeys_data()
{
    QTest::addColumn<QString>("typed");
    QTest::addColumn<int>("key");
    QTest::addColumn<QString>("name");  // the custom name afterwards; "-" = the old one
    QTest::newRow("Enter keeps the name") << u"Lesson 3"_s << int(Qt::Key_Return) << u"Lesson 3"_s;
    QTest::newRow("keypad Enter keeps the name") << u"Lesson 4"_s << int(Qt::Key_Enter) << u"Lesson 4"_s;
    QTest::newRow("Escape leaves it") << u"never mind"_s << int(Qt::Key_Escape) << u"-"_s;
    QTest::newRow("empty gives the automatic title back") << QString() << int(Qt::Key_Return) << QString();
    QTest::newRow("blanks count as empty") << u"   "_s << int(Qt::Key_Return) << QString();
    QTest::newRow("the automatic title is no name") << u"{automatic}"_s << int(Qt::Key_Return) << QString();
    QTest::newRow("blanks around are dropped") << u"  spaced  "_s << int(Qt::Key_Return) << u"spaced"_s;
}

void TestWindowTabs::renameEditorKeys()
{
    QFETCH(QString, typed);
    QFETCH(int, key);
    QFETCH(QString, name);
    Workbench bench;
    MainWindow window(&bench);
    window.show();
    activate(&window);
    bench.addTcpClient();
    SessionTabWidget *tabs = window.tabs();
    QWidget *page = window.pageAt(0);
    tabs->setCustomTitle(page, u"old name"_s);
    if (name == u"-"_s)
        name = u"old name"_s;
    typed.replace(u"{automatic}"_s, tabs->automaticTitle(page));
    QLineEdit *editor = tabs->startRename(0);
    QVERIFY(editor);
    QCOMPARE(editor->text(), u"old name"_s);
    editor->selectAll();
    QTest::keyClick(editor, Qt::Key_Delete);
    QTest::keyClicks(editor, typed);
    QTest::keyClick(editor, Qt::Key(key));
    QTRY_VERIFY(!tabs->sessionTabBar()->findChild<QLineEdit *>(u"tabRenameEdit"_s));
    QCOMPARE(tabs->customTitle(page), name);
    QCOMPARE(tabs->tabText(0), name.isEmpty() ? tabs->automaticTitle(page) : name);
}

void TestWindowTabs::keysWalkTheTabsRound_data()
{
    QTest::addColumn<int>("key");
    QTest::addColumn<int>("modifiers");
    QTest::addColumn<int>("step");
    QTest::addColumn<QString>("focus");
    const QList<std::tuple<const char *, Qt::Key, Qt::KeyboardModifiers, int>> keys{
        {"Ctrl+Tab", Qt::Key_Tab, Qt::ControlModifier, 1},
        {"Ctrl+PgDown", Qt::Key_PageDown, Qt::ControlModifier, 1},
        {"Ctrl+Shift+Tab", Qt::Key_Backtab, Qt::ControlModifier | Qt::ShiftModifier, -1},
        {"Ctrl+PgUp", Qt::Key_PageUp, Qt::ControlModifier, -1},
    };
    // Where the user is typing: the send box, or the traffic table, which
    // sits in a tab widget of its own that must not take the keys.
    for (const QString &focus : {u"send box"_s, u"traffic table"_s}) {
        for (const auto &[name, key, modifiers, step] : keys)
            QTest::addRow("%s in the %s", name, qPrintable(focus)) << int(key) << int(modifiers) << step << focus;
    }
}

void TestWindowTabs::keysWalkTheTabsRound()
{
    QFETCH(int, key);
    QFETCH(int, modifiers);
    QFETCH(int, step);
    QFETCH(QString, focus);
    Workbench bench;
    MainWindow window(&bench);
    window.show();
    bench.addTcpServer();
    bench.addTcpClient();
    bench.addUdp();
    activate(&window);
    SessionTabWidget *tabs = window.tabs();
    // From the edge the key leaves by: the next of the last is the first.
    const int first = step > 0 ? 2 : 0;
    tabs->setCurrentIndex(first);
    QList<int> seen;
    for (int i = 0; i < 3; ++i) {
        SessionPage *page = window.currentPage();
        QWidget *target = focus == u"send box"_s ? static_cast<QWidget *>(page->findChild<SendPanel *>()->editor())
                                                 : page->findChild<TrafficView *>()->table();
        auto *views = page->findChild<QTabWidget *>(u"viewTabs"_s);
        const int viewTab = views ? views->currentIndex() : -1;
        target->setFocus();
        QTest::keyClick(target, Qt::Key(key), Qt::KeyboardModifiers(modifiers));
        seen << tabs->currentIndex();
        if (views)
            QCOMPARE(views->currentIndex(), viewTab);
    }
    const QList<int> expected = step > 0 ? QList<int>{0, 1, 2} : QList<int>{2, 1, 0};
    QCOMPARE(seen, expected);
}

void TestWindowTabs::altDigitsStayFree()
{
    // Alt+1…9 are promised to the quick-send buttons.
    Workbench bench;
    MainWindow window(&bench);
    bench.addTcpServer();
    QStringList taken;
    for (int digit = 1; digit <= 9; ++digit) {
        const QKeySequence alt(Qt::ALT | Qt::Key(Qt::Key_0 + digit));
        for (const QAction *a : window.findChildren<QAction *>()) {
            if (a->shortcuts().contains(alt))
                taken << u"%1 (%2)"_s.arg(alt.toString(), a->objectName());
        }
        for (const QShortcut *s : window.findChildren<QShortcut *>()) {
            if (s->keys().contains(alt))
                taken << u"%1 (shortcut %2)"_s.arg(alt.toString(), s->objectName());
        }
    }
    QVERIFY2(taken.isEmpty(), qPrintable(taken.join(u", "_s)));
    // And the tab keys are where the menu says.
    QVERIFY(action(window, u"actionNextTab"_s)->shortcuts().contains(QKeySequence(Qt::CTRL | Qt::Key_Tab)));
    QVERIFY(action(window, u"actionPreviousTab"_s)->shortcuts().contains(QKeySequence(Qt::CTRL | Qt::Key_PageUp)));
}

void TestWindowTabs::closeOthersAndAll_data()
{
    QTest::addColumn<QString>("how");     // "menu": the Session menu, on the current tab; "tab": a tab's menu
    QTest::addColumn<QString>("what");    // "others" or "all"
    QTest::addColumn<int>("clicked");     // the tab the menu is about (the current one for "menu")
    QTest::newRow("Session menu, close others") << u"menu"_s << u"others"_s << 1;
    QTest::newRow("tab menu, close others of a tab that is not current") << u"tab"_s << u"others"_s << 3;
    QTest::newRow("Session menu, close all") << u"menu"_s << u"all"_s << 1;
    QTest::newRow("tab menu, close all") << u"tab"_s << u"all"_s << 2;
    QTest::newRow("menu of the bar's empty part, close all") << u"tab"_s << u"all"_s << -1;
}

void TestWindowTabs::closeOthersAndAll()
{
    QFETCH(QString, how);
    QFETCH(QString, what);
    QFETCH(int, clicked);
    Workbench bench;
    MainWindow window(&bench);
    window.resize(1200, 700);
    window.show();
    TcpServerSession *listening = bench.addTcpServer();
    QVERIFY(listening->start());
    const quint16 port = listening->listenEndpoint().port;
    bench.addTcpClient();
    bench.addUdp();
    bench.addTcpServer();
    QCOMPARE(window.pageCount(), 4);
    window.tabs()->setCurrentIndex(1);
    Session *kept = what == u"others"_s ? window.pageAt(clicked)->session() : nullptr;

    if (how == u"menu"_s) {
        action(window, what == u"others"_s ? u"actionCloseOtherTabs"_s : u"actionCloseAllTabs"_s)->trigger();
    } else {
        QMenu *menu = openTabMenu(window, clicked);
        QVERIFY(menu);
        QAction *a = menuAction(menu, what == u"others"_s ? u"actionCloseOthersOfTab"_s : u"actionCloseAllTabs"_s);
        QVERIFY(a);
        menu->hide();
        a->trigger();
    }
    if (kept) {
        QCOMPARE(window.pageCount(), 1);
        QCOMPARE(window.pageAt(0)->session(), kept);
        QCOMPARE(bench.sessions(), QList<Session *>{kept});
    } else {
        QCOMPARE(window.pageCount(), 0);
        QVERIFY(bench.sessions().isEmpty());
        QVERIFY(window.findChild<EmptyView *>()->isVisible());
        QVERIFY(!action(window, u"actionCloseAllTabs"_s)->isEnabled());
    }
    // The server that was listening went with its tab.
    QTcpSocket probe;
    probe.connectToHost(QHostAddress::LocalHost, port);
    QVERIFY(!probe.waitForConnected(5000));
    QCOMPARE(probe.error(), QAbstractSocket::ConnectionRefusedError);
}

void TestWindowTabs::tabListButtonOnOverflow()
{
    Workbench bench;
    MainWindow window(&bench);
    window.resize(640, 480);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    SessionTabWidget *tabs = window.tabs();
    QToolButton *list = tabs->tabListButton();
    QCOMPARE(list->objectName(), u"tabListButton"_s);
    bench.addTcpServer();
    bench.addUdp();
    QVERIFY(tabs->sessionTabBar()->naturalWidth() < tabs->width() - list->sizeHint().width());
    QVERIFY(!list->isVisible());
    for (int i = 0; i < 8; ++i)
        bench.addTcpClient();
    QCOMPARE(window.pageCount(), 10);
    QTRY_VERIFY(list->isVisible());
    // One entry a tab, in tab order, the current one checked.
    QMenu *menu = list->menu();
    QCOMPARE(menu->actions().size(), 10);
    for (int i = 0; i < 10; ++i)
        QCOMPARE(menu->actions().at(i)->text(), tabs->tabText(i));
    QVERIFY(menu->actions().at(9)->isChecked());
    menu->actions().at(1)->trigger();
    QCOMPARE(tabs->currentIndex(), 1);
    QTRY_VERIFY(menu->actions().at(1)->isChecked());
    QVERIFY(!menu->actions().at(9)->isChecked());
    // A rename shows in the list too.
    tabs->setCustomTitle(window.pageAt(0), u"the server"_s);
    QCOMPARE(menu->actions().at(0)->text(), u"the server"_s);
    // Once they fit again the button goes.
    action(window, u"actionCloseOtherTabs"_s)->trigger();
    QCOMPARE(window.pageCount(), 1);
    QTRY_VERIFY(!list->isVisible());
}

void TestWindowTabs::emptyWindowButtonsOpenTabs_data()
{
    QTest::addColumn<QString>("button");
    QTest::addColumn<QString>("lesson");   // a lesson of the lessons button's menu, or empty
    QTest::addColumn<int>("tabs");
    QTest::newRow("New TCP server") << u"newTcpServerButton"_s << QString() << 1;
    QTest::newRow("New TCP client") << u"newTcpClientButton"_s << QString() << 1;
    QTest::newRow("New UDP") << u"newUdpButton"_s << QString() << 1;
    QTest::newRow("lesson echo") << u"lessonsButton"_s << u"lesson-echo"_s << 2;
    QTest::newRow("lesson udp-echo") << u"lessonsButton"_s << u"lesson-udp-echo"_s << 2;
}

void TestWindowTabs::emptyWindowButtonsOpenTabs()
{
    QFETCH(QString, button);
    QFETCH(QString, lesson);
    QFETCH(int, tabs);
    Workbench bench;
    MainWindow window(&bench);
    window.show();
    auto *empty = window.findChild<EmptyView *>();
    QVERIFY(empty);
    QVERIFY(empty->isVisible());
    QVERIFY(!window.tabs()->isVisible());
    auto *push = empty->findChild<QPushButton *>(button);
    QVERIFY(push);
    QVERIFY(push->isVisible());
    QVERIFY(!push->text().isEmpty());
    if (lesson.isEmpty()) {
        QTest::mouseClick(push, Qt::LeftButton);
    } else {
        QVERIFY(push->menu());
        QAction *entry = nullptr;
        for (QAction *a : push->menu()->actions()) {
            if (a->objectName() == lesson)
                entry = a;
        }
        QVERIFY(entry);
        entry->trigger();
    }
    QCOMPARE(window.pageCount(), tabs);
    QCOMPARE(bench.sessions().size(), tabs);
    const SessionKind kind = bench.sessions().constFirst()->kind();
    if (button == u"newTcpServerButton"_s)
        QCOMPARE(kind, SessionKind::TcpServer);
    else if (button == u"newTcpClientButton"_s)
        QCOMPARE(kind, SessionKind::TcpClient);
    else if (button == u"newUdpButton"_s || lesson == u"lesson-udp-echo"_s)
        QCOMPARE(kind, SessionKind::Udp);
    QVERIFY(!empty->isVisible());
    QVERIFY(window.tabs()->isVisible());
    // Closing the last tab brings it back.
    action(window, u"actionCloseAllTabs"_s)->trigger();
    QVERIFY(empty->isVisible());
}

void TestWindowTabs::emptyWindowComesBack()
{
    // A first run gets a server tab to start from …
    {
        Workbench bench;
        MainWindow window(&bench);
        window.restoreTabs();
        QCOMPARE(window.pageCount(), 1);
        QVERIFY(qobject_cast<TcpServerPage *>(window.pageAt(0)));
        action(window, u"actionCloseTab"_s)->trigger();
        window.close();
    }
    // … a run left without tabs comes back empty, saying how to start.
    Workbench bench;
    MainWindow window(&bench);
    window.restoreTabs();
    window.show();
    QCOMPARE(window.pageCount(), 0);
    QVERIFY(window.findChild<EmptyView *>()->isVisible());
}

QTEST_MAIN(TestWindowTabs)
#include "tst_windowtabs.moc"
