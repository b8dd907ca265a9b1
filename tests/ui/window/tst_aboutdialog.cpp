// Help → About: the dialog shows the version CMake's project() sets (the one
// --version prints), the licence and the project's links; the Help menu also
// offers About Qt.

#include "core/workbench/Version.h"
#include "core/workbench/Workbench.h"
#include "ui/window/AboutDialog.h"
#include "ui/window/MainWindow.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QPushButton>
#include <QRegularExpression>
#include <QSettings>
#include <QStandardPaths>
#include <QTest>

class TestAboutDialog : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void versionIsTheProjectVersion();
    void showsLicenceAndLinks();
    void closeButtonCloses();
    void helpMenuOpensOneDialog();
};

void TestAboutDialog::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("socket-workbench-tests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_aboutdialog"));
    QSettings().clear();
}

void TestAboutDialog::versionIsTheProjectVersion()
{
    // kAppVersion is project(VERSION): a dotted release number, never empty.
    const QString version = QString::fromLatin1(kAppVersion);
    QVERIFY2(QRegularExpression(QStringLiteral("^\\d+\\.\\d+\\.\\d+$")).match(version).hasMatch(),
             qPrintable(version));
    AboutDialog dialog;
    auto *label = dialog.findChild<QLabel *>(QStringLiteral("versionLabel"));
    QVERIFY(label);
    QVERIFY2(label->text().contains(version), qPrintable(label->text()));
    // Copyable, so a bug report can quote it.
    QVERIFY(label->textInteractionFlags() & Qt::TextSelectableByMouse);
    QVERIFY(dialog.findChild<QLabel *>(QStringLiteral("qtLabel"))->text().contains(QString::fromLatin1(qVersion())));
}

void TestAboutDialog::showsLicenceAndLinks()
{
    AboutDialog dialog;
    auto *licence = dialog.findChild<QLabel *>(QStringLiteral("licenceLabel"));
    QVERIFY(licence);
    QVERIFY2(licence->text().contains(QStringLiteral("MIT License")), qPrintable(licence->text()));
    auto *links = dialog.findChild<QLabel *>(QStringLiteral("linksLabel"));
    QVERIFY(links);
    const QString html = links->text();
    QVERIFY2(html.contains(QStringLiteral("href=\"%1\"").arg(QString::fromLatin1(kHomepageUrl))), qPrintable(html));
    QVERIFY2(html.contains(QStringLiteral("href=\"%1\"").arg(QString::fromLatin1(kIssuesUrl))), qPrintable(html));
    QVERIFY(QString::fromLatin1(kHomepageUrl).startsWith(QStringLiteral("https://")));
    // Links open in the browser rather than doing nothing.
    QVERIFY(links->openExternalLinks());
    QVERIFY(licence->openExternalLinks());
}

void TestAboutDialog::closeButtonCloses()
{
    AboutDialog dialog;
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    auto *buttons = dialog.findChild<QDialogButtonBox *>(QStringLiteral("buttonBox"));
    QVERIFY(buttons);
    QPushButton *close = buttons->button(QDialogButtonBox::Close);
    QVERIFY(close);
    QTest::mouseClick(close, Qt::LeftButton);
    QTRY_VERIFY(!dialog.isVisible());
    QCOMPARE(dialog.result(), int(QDialog::Rejected));
}

void TestAboutDialog::helpMenuOpensOneDialog()
{
    Workbench bench;
    MainWindow window(&bench);
    window.setPersistTabs(false);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));

    auto *help = window.findChild<QMenu *>(QStringLiteral("menuHelp"));
    QVERIFY(help);
    auto *about = window.findChild<QAction *>(QStringLiteral("actionAbout"));
    auto *aboutQt = window.findChild<QAction *>(QStringLiteral("actionAboutQt"));
    QVERIFY(about && aboutQt);
    QVERIFY(help->actions().contains(about));
    QVERIFY(help->actions().contains(aboutQt));
    QVERIFY(about->text().contains(QStringLiteral("About")));

    about->trigger();
    auto *dialog = window.findChild<AboutDialog *>();
    QVERIFY(dialog);
    QTRY_VERIFY(dialog->isVisible());
    QVERIFY(dialog->findChild<QLabel *>(QStringLiteral("versionLabel"))->text().contains(QString::fromLatin1(kAppVersion)));
    // A second click raises the same dialog instead of stacking another.
    about->trigger();
    QCOMPARE(window.findChildren<AboutDialog *>().size(), 1);
    dialog->close();
}

QTEST_MAIN(TestAboutDialog)
#include "tst_aboutdialog.moc"
