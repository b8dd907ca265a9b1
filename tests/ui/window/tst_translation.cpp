// The window in Simplified Chinese and in English, with the catalogues
// lrelease made for the program (SW_QM_DIR) installed the way main() does;
// Qt's own dialog buttons in Chinese from qt6-translations-l10n; and the
// choice between command line, saved setting and system locale.

#include "core/workbench/Translations.h"
#include "core/workbench/Workbench.h"
#include "ui/pages/SessionPage.h"
#include "ui/window/LanguageMenu.h"
#include "ui/window/MainWindow.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QFileInfo>
#include <QLabel>
#include <QLibraryInfo>
#include <QMenu>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabWidget>
#include <QTest>

using namespace Qt::Literals::StringLiterals;

namespace {
const QString kQmDir = QStringLiteral(SW_QM_DIR);

QString menuTitle(const QWidget &window, const QString &name)
{
    const auto *menu = window.findChild<QMenu *>(name);
    return menu ? menu->title() : u"(no menu %1)"_s.arg(name);
}

QString totalsText(const MainWindow &window)
{
    QString text;
    for (const QLabel *label : window.statusBar()->findChildren<QLabel *>())
        text += label->text();
    return text;
}
} // namespace

class TestTranslation : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanup();
    void mainWindow_data();
    void mainWindow();
    void pluralForms_data();
    void pluralForms();
    void qtDialogButtons();
    void choose_data();
    void choose();
    void languageMenuSavesTheChoice();
};

void TestTranslation::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(u"socket-workbench-tests"_s);
    QCoreApplication::setApplicationName(u"tst_translation"_s);
    QSettings().clear();
    QVERIFY2(QFileInfo::exists(kQmDir + u"/socket-workbench_zh_CN.qm"_s), qPrintable(kQmDir));
    QVERIFY2(QFileInfo::exists(kQmDir + u"/socket-workbench_en.qm"_s), qPrintable(kQmDir));
}

void TestTranslation::cleanup()
{
    Translations::install(u"en"_s, kQmDir);
    QSettings().clear();
}

void TestTranslation::mainWindow_data()
{
    QTest::addColumn<QString>("language");
    QTest::addColumn<QStringList>("menus");     // Session, Lessons, Settings, Language, Help
    QTest::addColumn<QStringList>("tabs");      // new server, client and UDP tabs
    QTest::addColumn<QStringList>("views");     // the first views of a session page
    QTest::addColumn<QString>("startButton");

    QTest::newRow("zh_CN") << u"zh_CN"_s
                           << QStringList{u"会话(&S)"_s, u"课程(&L)"_s, u"设置(&T)"_s, u"语言(&L)"_s, u"帮助(&H)"_s}
                           << QStringList{u"TCP 服务器（已停止）"_s, u"TCP 客户端"_s,
                                          u"UDP（未绑定）"_s}
                           << QStringList{u"流量"_s, u"套接字生命周期"_s, u"时序"_s}
                           << u"启动(&S)"_s;
    QTest::newRow("en") << u"en"_s
                        << QStringList{u"&Session"_s, u"&Lessons"_s, u"Se&ttings"_s, u"&Language"_s, u"&Help"_s}
                        << QStringList{u"TCP server (stopped)"_s, u"TCP client"_s,
                                       u"UDP (not bound)"_s}
                        << QStringList{u"Traffic"_s, u"Socket lifecycle"_s, u"Sequence"_s}
                        << u"&Start"_s;
}

void TestTranslation::mainWindow()
{
    QFETCH(QString, language);
    QFETCH(QStringList, menus);
    QFETCH(QStringList, tabs);
    QFETCH(QStringList, views);
    QFETCH(QString, startButton);

    // Before any widget exists, as in main().
    QVERIFY(Translations::install(language, kQmDir).app);
    Workbench bench;
    MainWindow window(&bench);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));

    const QStringList names{u"menuSession"_s, u"menuLessons"_s, u"menuSettings"_s, u"menuLanguage"_s,
                            u"menuHelp"_s};
    for (qsizetype i = 0; i < names.size(); ++i)
        QCOMPARE(menuTitle(window, names[i]), menus[i]);

    // The tabs a user opens from the Session menu.
    for (const char *action : {"actionNewTcpServer", "actionNewTcpClient", "actionNewUdp"})
        window.findChild<QAction *>(QString::fromLatin1(action))->trigger();
    QCOMPARE(window.pageCount(), 3);
    auto *sessionTabs = window.findChild<QTabWidget *>(u"tabs"_s);
    QVERIFY(sessionTabs);
    for (int i = 0; i < 3; ++i)
        QCOMPARE(sessionTabs->tabText(i), tabs[i]);

    auto *viewTabs = window.pageAt(0)->findChild<QTabWidget *>(u"viewTabs"_s);
    QVERIFY(viewTabs);
    for (int i = 0; i < views.size(); ++i)
        QCOMPARE(viewTabs->tabText(i), views[i]);
    QCOMPARE(window.pageAt(0)->findChild<QPushButton *>(u"startButton"_s)->text(), startButton);
}

void TestTranslation::pluralForms_data()
{
    QTest::addColumn<QString>("language");
    QTest::addColumn<QString>("three");
    QTest::addColumn<QString>("one");

    // English needs its own catalogue for "1 session" against "3 sessions";
    // Chinese has one form.
    QTest::newRow("en") << u"en"_s << u"3 sessions"_s << u"1 session ·"_s;
    QTest::newRow("zh_CN") << u"zh_CN"_s << u"3 个会话"_s << u"1 个会话"_s;
}

void TestTranslation::pluralForms()
{
    QFETCH(QString, language);
    QFETCH(QString, three);
    QFETCH(QString, one);

    QVERIFY(Translations::install(language, kQmDir).app);
    Workbench bench;
    MainWindow window(&bench);
    bench.addTcpServer();
    bench.addTcpClient();
    bench.addUdp();
    QTRY_VERIFY2(totalsText(window).contains(three), qPrintable(totalsText(window)));
    bench.removeSession(bench.sessions().constLast());
    bench.removeSession(bench.sessions().constLast());
    QTRY_VERIFY2(totalsText(window).contains(one), qPrintable(totalsText(window)));
}

void TestTranslation::qtDialogButtons()
{
    const QString qtCatalogue =
        QLibraryInfo::path(QLibraryInfo::TranslationsPath) + u"/qtbase_zh_CN.qm"_s;
    if (!QFileInfo::exists(qtCatalogue))
        QSKIP(qPrintable(u"Qt's Chinese catalogue %1 is missing (Debian package qt6-translations-l10n)"_s
                             .arg(qtCatalogue)));

    QVERIFY(Translations::install(u"zh_CN"_s, kQmDir).qt);
    {
        QDialogButtonBox box(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
        QVERIFY2(box.button(QDialogButtonBox::Cancel)->text().contains(u"取消"_s),
                 qPrintable(box.button(QDialogButtonBox::Cancel)->text()));
        QVERIFY2(box.button(QDialogButtonBox::Ok)->text().contains(u"确定"_s),
                 qPrintable(box.button(QDialogButtonBox::Ok)->text()));
    }

    // English uninstalls Qt's Chinese catalogue again.
    QVERIFY(!Translations::install(u"en"_s, kQmDir).qt);
    QDialogButtonBox box(QDialogButtonBox::Cancel);
    QVERIFY2(box.button(QDialogButtonBox::Cancel)->text().contains(u"Cancel"_s),
             qPrintable(box.button(QDialogButtonBox::Cancel)->text()));
}

void TestTranslation::choose_data()
{
    QTest::addColumn<QString>("commandLine");
    QTest::addColumn<QString>("setting");
    QTest::addColumn<QString>("system");
    QTest::addColumn<QString>("chosen");

    auto row = [](const QString &commandLine, const QString &setting, const QString &system, const QString &chosen) {
        QTest::newRow(qPrintable(u"cli=%1 setting=%2 system=%3"_s.arg(commandLine, setting, system)))
            << commandLine << setting << system << chosen;
    };
    // The system locale when nothing else is said.
    row({}, {}, u"zh_CN"_s, u"zh_CN"_s);
    row({}, {}, u"zh_SG"_s, u"zh_CN"_s);
    row({}, {}, u"zh_TW"_s, u"en"_s);   // Traditional readers: English, not Simplified
    row({}, {}, u"zh_HK"_s, u"en"_s);
    row({}, {}, u"en_GB"_s, u"en"_s);
    row({}, {}, u"de_DE"_s, u"en"_s);
    row({}, {}, u"C"_s, u"en"_s);
    // The saved choice overrides the system, the command line both.
    row({}, u"zh_CN"_s, u"en_US"_s, u"zh_CN"_s);
    row({}, u"en"_s, u"zh_CN"_s, u"en"_s);
    row({}, u"klingon"_s, u"zh_CN"_s, u"zh_CN"_s);  // a bad setting is ignored
    row(u"en"_s, u"zh_CN"_s, u"zh_CN"_s, u"en"_s);
    row(u"zh_CN"_s, u"en"_s, u"en_US"_s, u"zh_CN"_s);
}

void TestTranslation::choose()
{
    QFETCH(QString, commandLine);
    QFETCH(QString, setting);
    QFETCH(QString, system);
    QFETCH(QString, chosen);
    QCOMPARE(Translations::choose(commandLine, setting, QLocale(system)), chosen);
}

void TestTranslation::languageMenuSavesTheChoice()
{
    LanguageMenu menu;
    QCOMPARE(LanguageMenu::savedChoice(), QString());
    QVERIFY(menu.findChild<QAction *>(u"language-system"_s)->isChecked());

    menu.choose(u"zh_CN"_s);
    QCOMPARE(QSettings().value(Translations::settingsKey()).toString(), u"zh_CN"_s);
    QVERIFY(menu.findChild<QAction *>(u"language-zh_CN"_s)->isChecked());
    QVERIFY(!menu.findChild<QAction *>(u"language-system"_s)->isChecked());
    // What the next start will use, whatever the system says.
    QCOMPARE(Translations::choose(QString(), LanguageMenu::savedChoice(), QLocale(u"en_US"_s)), u"zh_CN"_s);

    // A new menu (the next start) shows the saved choice.
    LanguageMenu again;
    QVERIFY(again.findChild<QAction *>(u"language-zh_CN"_s)->isChecked());

    menu.choose(QString());
    QVERIFY(!QSettings().contains(Translations::settingsKey()));
}

QTEST_MAIN(TestTranslation)
#include "tst_translation.moc"
