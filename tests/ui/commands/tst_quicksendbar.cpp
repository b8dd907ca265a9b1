// A tab's quick-send bar in the whole window, against real peers over
// loopback: a click and a hotkey send a library payload's exact bytes to
// where the tab's Send sends, hotkeys act for the tab shown only, a missing
// entry or a refused send says why and sends nothing, a rename in the
// library keeps the buttons, "Save input to library" makes an entry (and
// refuses a name taken), and the bar and the library come back after a
// restart.

#include "core/commands/LibraryStore.h"
#include "core/net/TcpClientSession.h"
#include "core/net/TcpServerSession.h"
#include "core/net/UdpSession.h"
#include "core/workbench/Workbench.h"
#include "ui/commands/LibraryEdits.h"
#include "ui/commands/LibraryTree.h"
#include "ui/commands/LibraryWindow.h"
#include "ui/commands/QuickSendBar.h"
#include "ui/pages/SessionPage.h"
#include "ui/send/SendPanel.h"
#include "ui/window/MainWindow.h"
#include "ui/window/SessionTabWidget.h"
#include "support/FileBytes.h"

#include <QApplication>
#include <QComboBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QMimeData>
#include <QNetworkDatagram>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <QUdpSocket>
#include <QUndoStack>

#include <memory>

using namespace Qt::StringLiterals;

namespace {

// The window with its library in a folder of its own.
struct Rig
{
    QTemporaryDir dir;
    Workbench bench;
    std::unique_ptr<MainWindow> window;

    Rig()
    {
        bench.library()->open(dir.filePath(u"library.swlib"_s));
        window = std::make_unique<MainWindow>(&bench);
        window->resize(1100, 760);
        window->show();
    }
    LibraryEdits *edits() const { return window->libraryEdits(); }
    void add(const PayloadEntry &entry) const
    {
        const QString error = edits()->change(u"add"_s, [&entry](PayloadLibrary &l) { return l.addPayload(entry); });
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }
    SessionPage *lastPage() const { return window->pageAt(window->pageCount() - 1); }
    void activate() const
    {
        window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(window.get()));
    }
    void press(int key, Qt::KeyboardModifiers modifiers) const
    {
        QWidget *target = QApplication::focusWidget() ? QApplication::focusWidget() : window.get();
        QTest::keyClick(target, Qt::Key(key), modifiers);
    }
};

PayloadEntry entry(const QString &name, const QString &text, PayloadParser::Mode mode = PayloadParser::Mode::Text)
{
    PayloadEntry e;
    e.name = name;
    e.text = text;
    e.mode = mode;
    return e;
}

// A TCP peer that collects what it receives on its one connection.
struct Peer
{
    QTcpServer server;
    QTcpSocket *socket = nullptr;
    QByteArray received;

    Peer() { server.listen(QHostAddress::LocalHost, 0); }
    bool accept()
    {
        if (!server.waitForNewConnection(5000))
            return false;
        socket = server.nextPendingConnection();
        QObject::connect(socket, &QTcpSocket::readyRead, socket, [this] { received += socket->readAll(); });
        return true;
    }
};

// A client tab connected to `peer`.
TcpClientSession *connectClient(Rig &rig, Peer &peer)
{
    SessionSettings s;
    s.host = u"127.0.0.1"_s;
    s.port = peer.server.serverPort();
    TcpClientSession *client = rig.bench.addTcpClient(s);
    client->start();
    if (!peer.accept())
        return nullptr;
    if (!QTest::qWaitFor([client] { return client->isConnected(); }, 5000))
        return nullptr;
    return client;
}

} // namespace

class TestQuickSendBar : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void clickSendsExactBytes_data();
    void clickSendsExactBytes();
    void hotkeysReachTheShownTabOnly();
    void hotkeyCanBeSetPerButton();
    void missingEntrySendsNothing();
    void buildFaultSendsNothing();
    void refusedSendIsShown();
    void serverSendsWhereSendSends();
    void udpSendsToTarget();
    void renameKeepsButtons();
    void dropFromLibraryWindowAddsButton();
    void addMenuAndReorder();
    void saveInputCreatesEntry_data();
    void saveInputCreatesEntry();
    void saveInputRefusesDuplicateAndEmpty();
    void saveInputDialog();
    void restoredAfterRestart();
    void unreadableLibraryIsSaidAtStart();
};

void TestQuickSendBar::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(u"socket-workbench-tests"_s);
    QCoreApplication::setApplicationName(u"tst_quicksendbar"_s);
}

void TestQuickSendBar::init()
{
    QSettings().clear();
}

void TestQuickSendBar::clickSendsExactBytes_data()
{
    QTest::addColumn<PayloadEntry>("payload");
    QTest::addColumn<int>("clicks");
    QTest::addColumn<QByteArray>("expected");
    PayloadEntry at = entry(u"AT"_s, u"AT"_s);
    at.lineEnding = PayloadEntry::LineEnding::CrLf;
    QTest::newRow("text + CRLF") << at << 1 << QByteArray("AT\r\n");
    PayloadEntry modbus = entry(u"Read"_s, u"01 03 00 00 00 0A"_s, PayloadParser::Mode::Hex);
    modbus.checksum = Checksum(Checksum::Algorithm::Crc16Modbus);
    QTest::newRow("hex + crc16-modbus") << modbus << 1 << QByteArray::fromHex("01030000000AC5CD");
    PayloadEntry gbk = entry(u"GBK"_s, u"你好\\x00"_s);
    gbk.encoding = u"GBK"_s;
    QTest::newRow("GBK with a NUL") << gbk << 1 << QByteArray::fromHex("c4e3bac300");
    PayloadEntry framed = entry(u"Framed"_s, u"hi"_s);
    framed.framing = FramingSpec::lengthPrefix(2);
    QTest::newRow("length:2") << framed << 1 << QByteArray::fromHex("00026869");
    QTest::newRow("counter counts") << entry(u"N"_s, u"N{counter:02};"_s) << 3 << QByteArray("N01;N02;N03;");
}

void TestQuickSendBar::clickSendsExactBytes()
{
    QFETCH(PayloadEntry, payload);
    QFETCH(int, clicks);
    QFETCH(QByteArray, expected);
    Rig rig;
    rig.add(payload);
    Peer peer;
    QVERIFY(connectClient(rig, peer));
    QuickSendBar *bar = rig.lastPage()->quickSendBar();
    QVERIFY(bar->addEntry(payload.name));
    QCOMPARE(bar->buttonCount(), 1);
    for (int i = 0; i < clicks; ++i)
        QTest::mouseClick(bar->buttonAt(0), Qt::LeftButton);
    QTRY_COMPARE(peer.received, expected);
    QVERIFY(!bar->messageIsError());
    QVERIFY2(bar->message().contains(payload.name), qPrintable(bar->message()));
}

void TestQuickSendBar::hotkeysReachTheShownTabOnly()
{
    Rig rig;
    rig.add(entry(u"One"_s, u"one"_s));
    rig.add(entry(u"Two"_s, u"two"_s));
    Peer first;
    Peer second;
    TcpClientSession *a = connectClient(rig, first);
    QVERIFY(a);
    SessionPage *pageA = rig.lastPage();
    TcpClientSession *b = connectClient(rig, second);
    QVERIFY(b);
    SessionPage *pageB = rig.lastPage();
    QVERIFY(pageA->quickSendBar()->addEntry(u"One"_s));
    QVERIFY(pageB->quickSendBar()->addEntry(u"Two"_s));
    QVERIFY(pageB->quickSendBar()->addEntry(u"One"_s));
    QCOMPARE(pageB->quickSendBar()->hotkeyAt(0), QKeySequence(u"Alt+1"_s));
    QCOMPARE(pageB->quickSendBar()->hotkeyAt(1), QKeySequence(u"Alt+2"_s));
    rig.window->tabs()->setCurrentWidget(pageB);
    rig.activate();
    rig.press(Qt::Key_1, Qt::AltModifier);
    rig.press(Qt::Key_2, Qt::AltModifier);
    QTRY_COMPARE(second.received, QByteArray("twoone"));
    QCOMPARE(a->counters().bytesOut, 0u);   // the hidden tab sent nothing
    rig.window->tabs()->setCurrentWidget(pageA);
    rig.activate();
    rig.press(Qt::Key_1, Qt::AltModifier);
    QTRY_COMPARE(first.received, QByteArray("one"));
    // Alt+2 is no key of tab A's bar: nothing anywhere.
    rig.press(Qt::Key_2, Qt::AltModifier);
    QCOMPARE(a->counters().bytesOut, 3u);
    QCOMPARE(b->counters().bytesOut, 6u);
}

void TestQuickSendBar::hotkeyCanBeSetPerButton()
{
    Rig rig;
    rig.add(entry(u"One"_s, u"one"_s));
    rig.add(entry(u"Two"_s, u"two"_s));
    Peer peer;
    TcpClientSession *client = connectClient(rig, peer);
    QVERIFY(client);
    QuickSendBar *bar = rig.lastPage()->quickSendBar();
    QVERIFY(bar->addEntry(u"One"_s));
    QVERIFY(bar->addEntry(u"Two"_s));
    QVERIFY(bar->setHotkey(0, u"F9"_s));
    QCOMPARE(rig.lastPage()->session()->settings().quickSend.at(0).hotkey, u"F9"_s);
    // A key another button has is refused, with the reason.
    QVERIFY(!bar->setHotkey(1, u"F9"_s));
    QVERIFY(bar->messageIsError());
    QVERIFY2(bar->message().contains(u"One"_s), qPrintable(bar->message()));
    QVERIFY(bar->setHotkey(1, QuickSendButton::noHotkey()));
    QCOMPARE(bar->hotkeyAt(1), QKeySequence());
    rig.activate();
    rig.press(Qt::Key_F9, Qt::NoModifier);
    QTRY_COMPARE(peer.received, QByteArray("one"));
    rig.press(Qt::Key_1, Qt::AltModifier);   // no longer One's key
    rig.press(Qt::Key_2, Qt::AltModifier);   // Two has none
    QCOMPARE(client->counters().bytesOut, 3u);
    QVERIFY(bar->setHotkey(1, QString()));    // the default of its place
    rig.press(Qt::Key_2, Qt::AltModifier);
    QTRY_COMPARE(peer.received, QByteArray("onetwo"));
    // Moved in front of a button keyed Alt+1 by hand, the default gives way.
    QVERIFY(bar->setHotkey(1, u"Alt+1"_s));
    QVERIFY(bar->moveButton(1, 0));
    QCOMPARE(bar->hotkeyAt(0), QKeySequence(u"Alt+1"_s));
    QCOMPARE(bar->hotkeyAt(1), QKeySequence(u"F9"_s));
    QVERIFY(bar->setHotkey(1, QString()));
    QCOMPARE(bar->hotkeyAt(1), QKeySequence(u"Alt+2"_s));
    QVERIFY(bar->moveButton(0, 1));           // Two (Alt+1) is second now
    QCOMPARE(bar->hotkeyAt(0), QKeySequence());
    rig.press(Qt::Key_1, Qt::AltModifier);
    QTRY_COMPARE(peer.received, QByteArray("onetwotwo"));
}

void TestQuickSendBar::missingEntrySendsNothing()
{
    Rig rig;
    rig.add(entry(u"Gone"_s, u"gone"_s));
    Peer peer;
    TcpClientSession *client = connectClient(rig, peer);
    QVERIFY(client);
    QuickSendBar *bar = rig.lastPage()->quickSendBar();
    QVERIFY(bar->addEntry(u"Gone"_s));
    QCOMPARE(rig.edits()->change(u"delete"_s, [](PayloadLibrary &l) { return l.removePayload(u"Gone"_s); }), QString());
    QVERIFY(bar->buttonAt(0)->text().startsWith(u"\u26A0"_s));
    QTest::mouseClick(bar->buttonAt(0), Qt::LeftButton);
    QVERIFY(bar->messageIsError());
    QVERIFY2(bar->message().contains(u"not in the library"_s), qPrintable(bar->message()));
    QCOMPARE(client->counters().bytesOut, 0u);
    // Adding a name the library lacks is refused too.
    QVERIFY(!bar->addEntry(u"Never there"_s));
    QCOMPARE(bar->buttonCount(), 1);
    // Undo brings it back, and the same button sends it.
    rig.edits()->undoStack()->undo();
    QTest::mouseClick(bar->buttonAt(0), Qt::LeftButton);
    QTRY_COMPARE(peer.received, QByteArray("gone"));
}

void TestQuickSendBar::buildFaultSendsNothing()
{
    Rig rig;
    // Valid (the payload changes), but with nothing received {data} is
    // empty and the checksum would start past the end.
    PayloadEntry e = entry(u"Reply"_s, u"{data}"_s);
    e.checksum = Checksum(Checksum::Algorithm::Sum8, 3);
    rig.add(e);
    Peer peer;
    TcpClientSession *client = connectClient(rig, peer);
    QVERIFY(client);
    QuickSendBar *bar = rig.lastPage()->quickSendBar();
    QVERIFY(bar->addEntry(u"Reply"_s));
    QVERIFY(!bar->sendAt(0));
    QVERIFY(bar->messageIsError());
    QVERIFY2(bar->message().contains(u"Nothing was sent"_s), qPrintable(bar->message()));
    QCOMPARE(client->counters().bytesOut, 0u);
}

void TestQuickSendBar::refusedSendIsShown()
{
    Rig rig;
    rig.add(entry(u"Hi"_s, u"hi"_s));
    rig.bench.addTcpClient();   // never connected
    QuickSendBar *bar = rig.lastPage()->quickSendBar();
    QVERIFY(bar->addEntry(u"Hi"_s));
    QTest::mouseClick(bar->buttonAt(0), Qt::LeftButton);
    QVERIFY(bar->messageIsError());
    QVERIFY2(bar->message().contains(u"Hi"_s), qPrintable(bar->message()));
    QCOMPARE(rig.lastPage()->session()->counters().bytesOut, 0u);
}

void TestQuickSendBar::serverSendsWhereSendSends()
{
    Rig rig;
    rig.add(entry(u"Hello"_s, u"hello"_s));
    TcpServerSession *server = rig.bench.addTcpServer();
    SessionPage *page = rig.lastPage();
    QuickSendBar *bar = page->quickSendBar();
    QVERIFY(bar->addEntry(u"Hello"_s));
    // Not running: refused with the send panel's reason.
    QVERIFY(!bar->sendAt(0));
    QVERIFY2(bar->message().contains(u"not running"_s), qPrintable(bar->message()));
    QVERIFY(server->start());
    QTcpSocket one;
    QTcpSocket two;
    one.connectToHost(QHostAddress::LocalHost, server->listenEndpoint().port);
    two.connectToHost(QHostAddress::LocalHost, server->listenEndpoint().port);
    QTRY_COMPARE(server->clientCount(), 2);
    auto *target = page->findChild<QComboBox *>(u"sendTargetCombo"_s);
    QVERIFY(target);
    // "Selected client" with none selected: nothing is sent.
    target->setCurrentIndex(target->findData(u"selected"_s));
    QVERIFY(!bar->sendAt(0));
    QVERIFY2(bar->message().contains(u"Select a client"_s), qPrintable(bar->message()));
    QCOMPARE(server->counters().bytesOut, 0u);
    target->setCurrentIndex(target->findData(u"all"_s));
    QVERIFY(bar->sendAt(0));
    QTRY_COMPARE(one.bytesAvailable(), 5);
    QTRY_COMPARE(two.bytesAvailable(), 5);
    QCOMPARE(one.readAll(), QByteArray("hello"));
    QCOMPARE(two.readAll(), QByteArray("hello"));
}

void TestQuickSendBar::udpSendsToTarget()
{
    Rig rig;
    rig.add(entry(u"Ping"_s, u"70 69 6e 67"_s, PayloadParser::Mode::Hex));
    QUdpSocket peer;
    QVERIFY(peer.bind(QHostAddress::LocalHost, 0));
    SessionSettings s;
    s.targetHost = u"127.0.0.1"_s;
    s.targetPort = peer.localPort();
    UdpSession *udp = rig.bench.addUdp(s);
    QVERIFY(udp->start());
    QuickSendBar *bar = rig.lastPage()->quickSendBar();
    QVERIFY(bar->addEntry(u"Ping"_s));
    QVERIFY(bar->sendAt(0));
    QTRY_VERIFY(peer.hasPendingDatagrams());
    QCOMPARE(peer.receiveDatagram().data(), QByteArray("ping"));
}

void TestQuickSendBar::renameKeepsButtons()
{
    Rig rig;
    rig.add(entry(u"Old name"_s, u"payload"_s));
    Peer peer;
    QVERIFY(connectClient(rig, peer));
    QuickSendBar *bar = rig.lastPage()->quickSendBar();
    QVERIFY(bar->addEntry(u"Old name"_s));
    QVERIFY(bar->setHotkey(0, u"F8"_s));
    rig.window->showLibrary();
    LibraryWindow *library = rig.window->libraryWindow();
    QVERIFY(library);
    QCOMPARE(library->renameEntry(u"Old name"_s, u"New name"_s), QString());
    QCOMPARE(rig.lastPage()->session()->settings().quickSend,
             (QList<QuickSendButton> {{u"New name"_s, u"F8"_s}}));
    QCOMPARE(bar->buttonAt(0)->text(), u"New name"_s);
    QVERIFY(bar->sendAt(0));
    QTRY_COMPARE(peer.received, QByteArray("payload"));
    // Undoing the rename renames the button back.
    rig.edits()->undoStack()->undo();
    QCOMPARE(rig.lastPage()->session()->settings().quickSend.at(0).entry, u"Old name"_s);
}

void TestQuickSendBar::dropFromLibraryWindowAddsButton()
{
    Rig rig;
    rig.add(entry(u"Dragged"_s, u"d"_s));
    rig.bench.addTcpClient();
    QuickSendBar *bar = rig.lastPage()->quickSendBar();
    rig.window->showLibrary();
    LibraryTree *tree = rig.window->libraryWindow()->tree();
    QVERIFY(rig.window->libraryWindow()->selectEntry(u"Dragged"_s));
    // What a drag out of the list carries.
    std::unique_ptr<QMimeData> data(tree->model()->mimeData({tree->currentIndex()}));
    QVERIFY(data);
    QVERIFY(data->hasFormat(QuickSendBar::mimeType()));
    const QPoint at = bar->rect().center();
    QDragEnterEvent enter(at, Qt::CopyAction, data.get(), Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(bar, &enter);
    QVERIFY(enter.isAccepted());
    QDropEvent drop(QPointF(at), Qt::CopyAction, data.get(), Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(bar, &drop);
    QVERIFY(drop.isAccepted());
    QCOMPARE(bar->buttonCount(), 1);
    QCOMPARE(rig.lastPage()->session()->settings().quickSend.at(0).entry, u"Dragged"_s);
    // Something else dropped is not taken.
    QMimeData text;
    text.setText(u"Dragged"_s);
    QDragEnterEvent other(at, Qt::CopyAction, &text, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(bar, &other);
    QVERIFY(!other.isAccepted());
}

void TestQuickSendBar::addMenuAndReorder()
{
    Rig rig;
    rig.add(entry(u"A"_s, u"a"_s));
    PayloadEntry b = entry(u"B"_s, u"b"_s);
    b.group = u"Grouped"_s;
    rig.add(b);
    rig.bench.addTcpClient();
    QuickSendBar *bar = rig.lastPage()->quickSendBar();
    auto *add = bar->findChild<QToolButton *>(u"quickSendAdd"_s);
    QMenu *menu = add->menu();
    emit menu->aboutToShow();
    QAction *addB = menu->findChild<QAction *>(u"addQuickSend:B"_s);
    QVERIFY(addB);
    addB->trigger();
    menu->findChild<QAction *>(u"addQuickSend:A"_s)->trigger();
    const auto names = [&rig] {
        QStringList n;
        for (const QuickSendButton &button : rig.lastPage()->session()->settings().quickSend)
            n.append(button.entry);
        return n;
    };
    QCOMPARE(names(), (QStringList {u"B"_s, u"A"_s}));
    QVERIFY(bar->moveButton(1, 0));
    QCOMPARE(names(), (QStringList {u"A"_s, u"B"_s}));
    QCOMPARE(bar->buttonAt(0)->text(), u"A"_s);
    QCOMPARE(bar->hotkeyAt(0), QKeySequence(u"Alt+1"_s));
    QVERIFY(bar->removeAt(0));
    QCOMPARE(names(), QStringList {u"B"_s});
    QCOMPARE(bar->buttonCount(), 1);
    bar->setButtonsShown(false);
    QVERIFY(!bar->buttonAt(0)->isVisibleTo(bar));
    bar->setButtonsShown(true);
    QVERIFY(bar->buttonAt(0)->isVisibleTo(bar));
}

void TestQuickSendBar::saveInputCreatesEntry_data()
{
    QTest::addColumn<int>("mode");
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("lineEnding");
    QTest::addColumn<QString>("encoding");
    QTest::addColumn<int>("expectedEnding");
    QTest::newRow("text, LF, GBK") << int(PayloadParser::Mode::Text) << u"PING 你好\\t"_s
                                   << int(SendPanel::LineEnding::Lf) << u"GBK"_s << int(PayloadEntry::LineEnding::Lf);
    QTest::newRow("text, CRLF") << int(PayloadParser::Mode::Text) << u"GET /"_s << int(SendPanel::LineEnding::CrLf)
                                << u"UTF-8"_s << int(PayloadEntry::LineEnding::CrLf);
    QTest::newRow("hex: no line ending") << int(PayloadParser::Mode::Hex) << u"01 02 ff"_s
                                         << int(SendPanel::LineEnding::CrLf) << u"UTF-8"_s
                                         << int(PayloadEntry::LineEnding::None);
}

void TestQuickSendBar::saveInputCreatesEntry()
{
    QFETCH(int, mode);
    QFETCH(QString, text);
    QFETCH(int, lineEnding);
    QFETCH(QString, encoding);
    QFETCH(int, expectedEnding);
    Rig rig;
    rig.bench.addTcpClient();
    SessionPage *page = rig.lastPage();
    auto *panel = page->findChild<SendPanel *>();
    panel->setEncoding(encoding);
    panel->setMode(PayloadParser::Mode(mode));
    panel->editor()->setPlainText(text);
    panel->setLineEnding(SendPanel::LineEnding(lineEnding));
    QCOMPARE(page->quickSendBar()->saveInput(u"Saved"_s, u"Mine"_s), QString());
    const PayloadEntry *saved = rig.bench.library()->library().payload(u"Saved"_s);
    QVERIFY(saved);
    QCOMPARE(saved->text, text);
    QCOMPARE(int(saved->mode), mode);
    QCOMPARE(saved->encoding, encoding);
    QCOMPARE(int(saved->lineEnding), expectedEnding);
    QCOMPARE(saved->group, u"Mine"_s);
    // Saved on disk at once.
    PayloadLibrary onDisk;
    QString error;
    QVERIFY2(onDisk.load(rig.bench.library()->path(), &error), qPrintable(error));
    QVERIFY(onDisk.payload(u"Saved"_s));
}

void TestQuickSendBar::saveInputRefusesDuplicateAndEmpty()
{
    Rig rig;
    rig.add(entry(u"Taken"_s, u"first"_s));
    rig.bench.addTcpClient();
    SessionPage *page = rig.lastPage();
    auto *panel = page->findChild<SendPanel *>();
    panel->editor()->clear();
    QVERIFY(page->quickSendBar()->saveInput(u"Empty"_s, {}).contains(u"empty"_s));
    panel->editor()->setPlainText(u"second"_s);
    const QString error = page->quickSendBar()->saveInput(u"Taken"_s, {});
    QVERIFY2(error.contains(u"already an entry named \u201cTaken\u201d"_s), qPrintable(error));
    QCOMPARE(rig.bench.library()->library().payload(u"Taken"_s)->text, u"first"_s);
    QVERIFY(!page->quickSendBar()->saveInput(u"  "_s, {}).isEmpty());
    QCOMPARE(rig.bench.library()->library().payloads().size(), 1);
}

void TestQuickSendBar::saveInputDialog()
{
    Rig rig;
    rig.add(entry(u"Taken"_s, u"first"_s));
    rig.bench.addTcpClient();
    SessionPage *page = rig.lastPage();
    page->findChild<SendPanel *>()->editor()->setPlainText(u"typed"_s);
    auto *save = page->quickSendBar()->findChild<QAction *>(u"actionSaveInputToLibrary"_s);
    QVERIFY(save);
    save->trigger();
    auto *dialog = page->quickSendBar()->findChild<QDialog *>(u"saveInputDialog"_s);
    QVERIFY(dialog);
    QTRY_VERIFY(dialog->isVisible());
    auto *name = dialog->findChild<QLineEdit *>(u"nameEdit"_s);
    auto *error = dialog->findChild<QLabel *>(u"errorLabel"_s);
    QPushButton *ok = dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Save);
    name->setText(u"Taken"_s);
    QTest::mouseClick(ok, Qt::LeftButton);
    QVERIFY(dialog->isVisible());
    QVERIFY(error->isVisible());
    QVERIFY2(error->text().contains(u"Taken"_s), qPrintable(error->text()));
    name->setText(u"Fresh"_s);
    QTest::mouseClick(ok, Qt::LeftButton);
    QTRY_VERIFY(!dialog->isVisible());
    QCOMPARE(rig.bench.library()->library().payload(u"Fresh"_s)->text, u"typed"_s);
}

void TestQuickSendBar::restoredAfterRestart()
{
    const QString path = PayloadLibrary::defaultPath();
    QFile::remove(path);
    {
        Workbench bench;
        bench.library()->open(path);
        MainWindow window(&bench);
        window.restoreTabs();   // a first run: one server tab
        QCOMPARE(window.pageCount(), 1);
        const QString error = window.libraryEdits()->change(
            u"add"_s, [](PayloadLibrary &l) { return l.addPayload(entry(u"Kept"_s, u"kept"_s)); });
        QCOMPARE(error, QString());
        QuickSendBar *bar = window.pageAt(0)->quickSendBar();
        QVERIFY(bar->addEntry(u"Kept"_s));
        QVERIFY(bar->setHotkey(0, u"F7"_s));
        bar->setButtonsShown(false);
        window.saveSettings();
    }
    QVERIFY(QFile::exists(path));
    Workbench bench;
    QVERIFY(bench.library()->open(path));
    QVERIFY(bench.library()->library().payload(u"Kept"_s));
    MainWindow window(&bench);
    window.restoreTabs();
    QCOMPARE(window.pageCount(), 1);
    QuickSendBar *bar = window.pageAt(0)->quickSendBar();
    QCOMPARE(window.pageAt(0)->session()->settings().quickSend, (QList<QuickSendButton> {{u"Kept"_s, u"F7"_s}}));
    QCOMPARE(bar->buttonCount(), 1);
    QCOMPARE(bar->hotkeyAt(0), QKeySequence(u"F7"_s));
    QVERIFY(!bar->buttonsShown());
    QFile::remove(path);
}

void TestQuickSendBar::unreadableLibraryIsSaidAtStart()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"library.swlib"_s);
    const QByteArray bad("[socket-workbench-library 1]\n[payload A]\ntext = {nope}\n[end]\n");
    QVERIFY(FileBytes::write(path, bad));
    Workbench bench;
    QVERIFY(!bench.library()->open(path));
    MainWindow window(&bench);
    window.show();
    auto *box = window.findChild<QMessageBox *>(u"libraryWarning"_s);
    QVERIFY(box);
    QVERIFY2(box->text().contains(u"Line 3"_s), qPrintable(box->text()));
    bench.addTcpClient();
    SessionPage *page = window.pageAt(0);
    page->findChild<SendPanel *>()->editor()->setPlainText(u"typed"_s);
    const QString error = page->quickSendBar()->saveInput(u"New"_s, {});
    QVERIFY2(error.contains(u"Line 3"_s), qPrintable(error));
    QCOMPARE(FileBytes::read(path), bad);
}

QTEST_MAIN(TestQuickSendBar)
#include "tst_quicksendbar.moc"
