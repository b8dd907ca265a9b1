// Session → Capture to Folder…: typing the name of a folder that does not
// exist yet (even nested) enables Choose and makes it, and the capture then
// writes a real peer's bytes into it; an existing name and Cancel behave as
// before. The real dialog of the real window, on the offscreen platform.

#include "core/log/CaptureWriter.h"
#include "core/net/TcpServerSession.h"
#include "core/workbench/Workbench.h"
#include "ui/window/CaptureFolderDialog.h"
#include "ui/window/MainWindow.h"

#include <QDialogButtonBox>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;

class TestCaptureFolderDialog : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void captureDialogMakesTypedFolder_data();
    void captureDialogMakesTypedFolder();
};

void TestCaptureFolderDialog::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(u"socket-workbench-tests"_s);
    QCoreApplication::setApplicationName(u"tst_capturefolderdialog"_s);
}

void TestCaptureFolderDialog::init()
{
    QSettings().clear();
}

void TestCaptureFolderDialog::captureDialogMakesTypedFolder_data()
{
    QTest::addColumn<QString>("typed");
    QTest::addColumn<bool>("exists");   // the folder is there before
    QTest::addColumn<bool>("accepted");
    QTest::newRow("a new folder's name") << u"new-capture"_s << false << true;
    QTest::newRow("a new folder in a new folder") << u"term 2/week 5"_s << false << true;
    QTest::newRow("an existing folder's name") << u"old-capture"_s << true << true;
    QTest::newRow("a name, then Cancel") << u"cancelled"_s << false << false;
}

void TestCaptureFolderDialog::captureDialogMakesTypedFolder()
{
    QFETCH(QString, typed);
    QFETCH(bool, exists);
    QFETCH(bool, accepted);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    if (exists)
        QVERIFY(QDir(dir.path()).mkpath(typed));
    QSettings().setValue(u"capture/lastFolder"_s, dir.path());
    Workbench bench;
    MainWindow window(&bench);
    window.show();
    TcpServerSession *server = bench.addTcpServer();
    QVERIFY(server->start());

    window.captureAction()->trigger();
    CaptureFolderDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = window.findChild<CaptureFolderDialog *>()) && dialog->isVisible());
    QCOMPARE(QDir(dialog->directory()).canonicalPath(), QDir(dir.path()).canonicalPath());
    auto *name = dialog->findChild<QLineEdit *>(u"fileNameEdit"_s);
    QVERIFY(name);
    name->setFocus();
    QTest::keyClicks(name, typed);
    // Choose is on for a folder that is not there yet: it will be made.
    QTRY_VERIFY(dialog->chooseButton()->isEnabled());
    QCOMPARE(dialog->folderToCreate().isEmpty(), exists);
    const QString wanted = QDir(dir.path()).filePath(typed);
    if (accepted) {
        QTest::keyClick(name, Qt::Key_Return);
    } else {
        auto *box = dialog->findChild<QDialogButtonBox *>(u"buttonBox"_s);
        QTest::mouseClick(box->button(QDialogButtonBox::Cancel), Qt::LeftButton);
    }
    QTRY_VERIFY(!window.findChild<CaptureFolderDialog *>());
    QCOMPARE(QFileInfo(wanted).isDir(), accepted || exists);
    const CaptureWriter *capture = bench.captureOf(server);
    QCOMPARE(window.captureAction()->isChecked(), accepted);
    if (!accepted) {
        QVERIFY(!capture);
        return;
    }
    QVERIFY(capture && capture->isCapturing());
    // The session's folder is made inside the one typed.
    QCOMPARE(QFileInfo(QFileInfo(capture->folder()).absolutePath()).canonicalFilePath(),
             QFileInfo(wanted).canonicalFilePath());
    QCOMPARE(QSettings().value(u"capture/lastFolder"_s).toString(), wanted);
    const QString sessionFolder = capture->folder();
    QTcpSocket peer;
    peer.connectToHost(QHostAddress::LocalHost, server->listenEndpoint().port);
    QVERIFY(peer.waitForConnected(5000));
    peer.write("captured");
    QTRY_COMPARE(server->counters().bytesIn, 8u);
    bench.stopCapture(server);
    bool found = false;
    for (const QFileInfo &f : QDir(sessionFolder).entryInfoList({u"*.in.bin"_s}, QDir::Files)) {
        QFile in(f.absoluteFilePath());
        QVERIFY(in.open(QIODevice::ReadOnly));
        found = found || in.readAll() == "captured";
    }
    QVERIFY2(found, "the bytes the peer sent are not in the new folder");
}

QTEST_MAIN(TestCaptureFolderDialog)
#include "tst_capturefolderdialog.moc"
