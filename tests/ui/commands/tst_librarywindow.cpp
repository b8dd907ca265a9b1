// The payload library window over a library on disk: the editor shows each
// fault at its field and saves nothing until the entry is valid, with the
// bytes previewed in hex; rename, reorder, delete and undo, search, import
// merging by name, a refused import leaving the library as it was, export
// read back whole, and an unreadable library file left alone.

#include "core/commands/LibraryStore.h"
#include "ui/commands/LibraryEdits.h"
#include "ui/commands/LibraryTree.h"
#include "ui/commands/LibraryWindow.h"
#include "ui/commands/PayloadEditor.h"
#include "support/FileBytes.h"
#include "support/SampleLibrary.h"

#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>

using namespace Qt::StringLiterals;

namespace {

struct Rig
{
    QTemporaryDir dir;
    LibraryStore store;
    LibraryEdits edits {&store};
    std::unique_ptr<LibraryWindow> window;

    explicit Rig(const PayloadLibrary &start = {})
    {
        store.open(dir.filePath(u"library.swlib"_s));
        QString error;
        if (!start.isEmpty() && !store.setLibrary(start, &error))
            qFatal("%s", qPrintable(error));
        window = std::make_unique<LibraryWindow>(&edits);
        window->show();
    }
    QString path() const { return store.path(); }
    PayloadLibrary onDisk() const
    {
        PayloadLibrary library;
        QString error;
        library.load(path(), &error);
        return library;
    }
};

PayloadLibrary threeEntries()
{
    PayloadLibrary library;
    library.addPayload(SampleLibrary::payload(u"First"_s, u"one"_s));
    library.addPayload(SampleLibrary::payload(u"Second"_s, u"two"_s));
    library.addPayload(SampleLibrary::payload(u"Third"_s, u"three"_s));
    return library;
}

QStringList payloadNames(const PayloadLibrary &library)
{
    QStringList names;
    for (const PayloadEntry &entry : library.payloads())
        names.append(entry.name);
    return names;
}

} // namespace

class TestLibraryWindow : public QObject
{
    Q_OBJECT

private slots:
    void showsEntriesByGroup();
    void addValidatesEachField_data();
    void addValidatesEachField();
    void addSavesAndPreviews();
    void editKeepsPlaceAndRenames();
    void renameRefusesTakenName();
    void reorderWithinGroup();
    void deleteAndUndo();
    void search_data();
    void search();
    void importMerges();
    void importRefusedLeavesLibrary_data();
    void importRefusedLeavesLibrary();
    void exportRoundTrip();
    void unreadableFileIsLeftAlone();
};

void TestLibraryWindow::showsEntriesByGroup()
{
    Rig rig(SampleLibrary::make());
    LibraryTree *tree = rig.window->tree();
    // Ungrouped payloads first, then each group in the library's order.
    QCOMPARE(tree->topLevelItem(0)->text(0), u"你好 (GBK)"_s);
    bool modbus = false;
    for (int i = 0; i < tree->topLevelItemCount(); ++i) {
        QTreeWidgetItem *item = tree->topLevelItem(i);
        if (item->text(0) == u"Modbus"_s) {
            modbus = true;
            QCOMPARE(item->childCount(), 2);
            QCOMPARE(item->child(0)->text(0), u"Read holding registers"_s);
        }
    }
    QVERIFY(modbus);
    // The selected payload's bytes in hex, checksum included.
    QVERIFY(rig.window->selectEntry(u"Read holding registers"_s));
    QCOMPARE(rig.window->findChild<QPlainTextEdit *>(u"previewEdit"_s)->toPlainText(), u"01 03 00 00 00 0a c5 cd"_s);
}

void TestLibraryWindow::addValidatesEachField_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("hex");
    QTest::addColumn<QString>("checksum");
    QTest::addColumn<QString>("framing");
    QTest::addColumn<QString>("group");
    QTest::addColumn<QString>("reason");
    QTest::newRow("no name") << u"name"_s << u""_s << u"x"_s << false << u""_s << u""_s << u""_s << u"empty"_s;
    QTest::newRow("name taken") << u"name"_s << u"First"_s << u"x"_s << false << u""_s << u""_s << u""_s
                                << u"already"_s;
    QTest::newRow("name with a space at its end") << u"name"_s << u"New "_s << u"x"_s << false << u""_s << u""_s
                                                  << u""_s << u"space"_s;
    QTest::newRow("group with a leading space") << u"group"_s << u"New"_s << u"x"_s << false << u""_s << u""_s
                                                << u" padded"_s << u"space"_s;
    QTest::newRow("empty payload") << u"text"_s << u"New"_s << u""_s << false << u""_s << u""_s << u""_s
                                   << u"empty"_s;
    QTest::newRow("bad hex") << u"text"_s << u"New"_s << u"01 0g"_s << true << u""_s << u""_s << u""_s
                             << u"column"_s;
    QTest::newRow("unknown field") << u"text"_s << u"New"_s << u"a\n{nope}"_s << false << u""_s << u""_s << u""_s
                                   << u"line 2"_s;
    QTest::newRow("unknown checksum") << u"checksum"_s << u"New"_s << u"x"_s << false << u"crc99"_s << u""_s
                                      << u""_s << u"crc99"_s;
    QTest::newRow("ambiguous checksum") << u"checksum"_s << u"New"_s << u"x"_s << false << u"crc16"_s << u""_s
                                        << u""_s << u"ambiguous"_s;
    QTest::newRow("checksum past the end") << u"checksum"_s << u"New"_s << u"ab"_s << false << u"sum8:5"_s << u""_s
                                           << u""_s << u"5"_s;
    QTest::newRow("bad framing") << u"framing"_s << u"New"_s << u"x"_s << false << u""_s << u"length:3"_s << u""_s
                                 << u"3"_s;
}

void TestLibraryWindow::addValidatesEachField()
{
    QFETCH(QString, field);
    QFETCH(QString, name);
    QFETCH(QString, text);
    QFETCH(bool, hex);
    QFETCH(QString, checksum);
    QFETCH(QString, framing);
    QFETCH(QString, group);
    QFETCH(QString, reason);
    Rig rig(threeEntries());
    const QByteArray before = FileBytes::read(rig.path());
    PayloadEditor *editor = rig.window->addEntry();
    editor->findChild<QLineEdit *>(u"nameEdit"_s)->setText(name);
    editor->findChild<QComboBox *>(u"groupCombo"_s)->setCurrentText(group);
    auto *mode = editor->findChild<QComboBox *>(u"modeCombo"_s);
    mode->setCurrentIndex(mode->findData(int(hex ? PayloadParser::Mode::Hex : PayloadParser::Mode::Text)));
    editor->findChild<QPlainTextEdit *>(u"textEdit"_s)->setPlainText(text);
    editor->findChild<QComboBox *>(u"checksumCombo"_s)->setCurrentText(checksum);
    editor->findChild<QLineEdit *>(u"framingEdit"_s)->setText(framing);
    QVERIFY(!editor->isValid());
    const QString shown = editor->fieldError(field);
    QVERIFY2(shown.contains(reason, Qt::CaseInsensitive), qPrintable(field + u": "_s + shown));
    for (const QString &other : {u"name"_s, u"group"_s, u"text"_s, u"checksum"_s, u"framing"_s}) {
        if (other != field)
            QVERIFY2(editor->fieldError(other).isEmpty(), qPrintable(other + u": "_s + editor->fieldError(other)));
    }
    auto *save = editor->findChild<QPushButton *>(u"saveButton"_s);
    QVERIFY(!save->isEnabled());
    QVERIFY(!editor->save());
    QCOMPARE(rig.store.library(), threeEntries());
    QCOMPARE(FileBytes::read(rig.path()), before);
    editor->close();
}

void TestLibraryWindow::addSavesAndPreviews()
{
    Rig rig(threeEntries());
    PayloadEditor *editor = rig.window->addEntry();
    editor->findChild<QLineEdit *>(u"nameEdit"_s)->setText(u"Read"_s);
    editor->findChild<QComboBox *>(u"groupCombo"_s)->setCurrentText(u"Modbus"_s);
    auto *mode = editor->findChild<QComboBox *>(u"modeCombo"_s);
    mode->setCurrentIndex(mode->findData(int(PayloadParser::Mode::Hex)));
    editor->findChild<QPlainTextEdit *>(u"textEdit"_s)->setPlainText(u"01 03 00 00 00 0A"_s);
    editor->findChild<QComboBox *>(u"checksumCombo"_s)->setCurrentText(u"crc16-modbus"_s);
    editor->findChild<QPlainTextEdit *>(u"notesEdit"_s)->setPlainText(u"unit 1"_s);
    QVERIFY(editor->isValid());
    QCOMPARE(editor->previewText(), u"01 03 00 00 00 0a c5 cd"_s);
    QVERIFY(editor->findChild<QLabel *>(u"hintLabel"_s)->text().contains(u"{counter:04}"_s));
    QTest::mouseClick(editor->findChild<QPushButton *>(u"saveButton"_s), Qt::LeftButton);
    QTRY_VERIFY(!editor->isVisible());
    const PayloadLibrary onDisk = rig.onDisk();   // kept: saved points into it
    const PayloadEntry *saved = onDisk.payload(u"Read"_s);
    QVERIFY(saved);
    QCOMPARE(saved->group, u"Modbus"_s);
    QCOMPARE(saved->checksum, std::optional<Checksum>(Checksum(Checksum::Algorithm::Crc16Modbus)));
    QCOMPARE(saved->notes, u"unit 1"_s);
    QVERIFY(rig.window->shownNames().contains(u"Read"_s));
    QCOMPARE(rig.window->selectedName(), u"Read"_s);
}

void TestLibraryWindow::editKeepsPlaceAndRenames()
{
    Rig rig(threeEntries());
    PayloadEditor *editor = rig.window->editEntry(u"Second"_s);
    QVERIFY(editor);
    QCOMPARE(editor->findChild<QPlainTextEdit *>(u"textEdit"_s)->toPlainText(), u"two"_s);
    // Its own name is not "taken".
    QVERIFY(editor->isValid());
    editor->findChild<QLineEdit *>(u"nameEdit"_s)->setText(u"Zwei"_s);
    editor->findChild<QPlainTextEdit *>(u"textEdit"_s)->setPlainText(u"zwei"_s);
    QVERIFY(editor->save());
    QCOMPARE(payloadNames(rig.onDisk()), (QStringList {u"First"_s, u"Zwei"_s, u"Third"_s}));
    QCOMPARE(rig.onDisk().payload(u"Zwei"_s)->text, u"zwei"_s);
    editor->close();
}

void TestLibraryWindow::renameRefusesTakenName()
{
    Rig rig(threeEntries());
    QVERIFY(!rig.window->renameEntry(u"First"_s, u"Third"_s).isEmpty());
    QVERIFY(rig.window->message().contains(u"Third"_s));
    QVERIFY(!rig.window->renameEntry(u"First"_s, u""_s).isEmpty());
    QCOMPARE(rig.store.library(), threeEntries());
    QCOMPARE(rig.window->renameEntry(u"First"_s, u"Erste"_s), QString());
    QCOMPARE(payloadNames(rig.onDisk()), (QStringList {u"Erste"_s, u"Second"_s, u"Third"_s}));
}

void TestLibraryWindow::reorderWithinGroup()
{
    PayloadLibrary library = threeEntries();
    PayloadEntry grouped = SampleLibrary::payload(u"Grouped"_s, u"g"_s);
    grouped.group = u"G"_s;
    library.addPayload(grouped);
    library.move(u"Grouped"_s, 1);   // First, Grouped, Second, Third
    Rig rig(library);
    QCOMPARE(rig.window->moveEntry(u"Third"_s, -1), QString());
    // Past the entry of another group, to the one before it in its own.
    QCOMPARE(payloadNames(rig.onDisk()), (QStringList {u"First"_s, u"Grouped"_s, u"Third"_s, u"Second"_s}));
    QCOMPARE(rig.window->moveEntry(u"Third"_s, -1), QString());
    QCOMPARE(payloadNames(rig.store.library()), (QStringList {u"Third"_s, u"First"_s, u"Grouped"_s, u"Second"_s}));
    QVERIFY(rig.window->moveEntry(u"Third"_s, -1).contains(u"first"_s));
    QVERIFY(rig.window->moveEntry(u"Grouped"_s, 1).contains(u"last"_s));
    QCOMPARE(rig.window->shownNames().mid(0, 3), (QStringList {u"Third"_s, u"First"_s, u"Second"_s}));
    rig.edits.undoStack()->undo();
    QCOMPARE(payloadNames(rig.onDisk()), (QStringList {u"First"_s, u"Grouped"_s, u"Third"_s, u"Second"_s}));
}

void TestLibraryWindow::deleteAndUndo()
{
    Rig rig(threeEntries());
    QCOMPARE(rig.window->deleteEntry(u"Second"_s), QString());
    QVERIFY(rig.window->message().contains(u"Undo"_s));
    QCOMPARE(payloadNames(rig.onDisk()), (QStringList {u"First"_s, u"Third"_s}));
    QVERIFY(!rig.window->shownNames().contains(u"Second"_s));
    auto *undo = rig.window->findChild<QAction *>(u"actionLibraryUndo"_s);
    QVERIFY(undo && undo->isEnabled());
    undo->trigger();
    QCOMPARE(rig.store.library(), threeEntries());
    QCOMPARE(rig.onDisk(), threeEntries());
    QCOMPARE(rig.window->shownNames(), (QStringList {u"First"_s, u"Second"_s, u"Third"_s}));
    rig.window->findChild<QAction *>(u"actionLibraryRedo"_s)->trigger();
    QCOMPARE(payloadNames(rig.onDisk()), (QStringList {u"First"_s, u"Third"_s}));
    // A payload a sequence sends cannot go.
    Rig withSequence(SampleLibrary::make());
    QVERIFY(withSequence.window->deleteEntry(u"AT"_s).contains(u"Login"_s));
    QVERIFY(withSequence.store.library().payload(u"AT"_s));
}

void TestLibraryWindow::search_data()
{
    QTest::addColumn<QString>("words");
    QTest::addColumn<QStringList>("shown");
    QTest::newRow("by name") << u"holding"_s << QStringList {u"Read holding registers"_s};
    QTest::newRow("by group") << u"at commands"_s << QStringList {u"AT"_s};
    QTest::newRow("by text") << u"HTTP/1.1"_s << QStringList {u"HTTP GET"_s};
    QTest::newRow("by notes") << u"registers 0 to 9"_s << QStringList {u"Read holding registers"_s};
    QTest::newRow("nothing") << u"zebra"_s << QStringList {};
    QTest::newRow("empty: all") << u""_s << payloadNames(SampleLibrary::make());
}

void TestLibraryWindow::search()
{
    QFETCH(QString, words);
    QFETCH(QStringList, shown);
    Rig rig(SampleLibrary::make());
    rig.window->setSearch(words);
    QStringList got = rig.window->shownNames();
    got.sort();
    shown.sort();
    QCOMPARE(got, shown);
    if (shown.isEmpty())
        QVERIFY(rig.window->message().contains(words));
}

void TestLibraryWindow::importMerges()
{
    Rig rig(threeEntries());
    const QString file = rig.dir.filePath(u"import.swlib"_s);
    QVERIFY(FileBytes::write(file, "[socket-workbench-library 1]\n[payload Second]\ntext = TWO\n"
                           "[payload Fourth]\ngroup = New\nhex = 04\n[end]\n"));
    QCOMPARE(rig.window->importFrom(file), QString());
    QVERIFY2(rig.window->message().contains(u"1 added, 1 replaced"_s), qPrintable(rig.window->message()));
    const PayloadLibrary after = rig.onDisk();
    QCOMPARE(payloadNames(after), (QStringList {u"First"_s, u"Second"_s, u"Third"_s, u"Fourth"_s}));
    QCOMPARE(after.payload(u"Second"_s)->text, u"TWO"_s);
    QCOMPARE(after.groups().size(), 1);
    rig.edits.undoStack()->undo();
    QCOMPARE(rig.onDisk(), threeEntries());
}

void TestLibraryWindow::importRefusedLeavesLibrary_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("reason");
    QTest::newRow("foreign file") << QByteArray("<?xml version=\"1.0\"?>\n<library/>\n") << u"Line 1"_s;
    QTest::newRow("bad hex on line 3")
        << QByteArray("[socket-workbench-library 1]\n[payload X]\nhex = 0q\n[end]\n") << u"Line 3"_s;
    QTest::newRow("cut short") << QByteArray("[socket-workbench-library 1]\n[payload X]\ntext = x\n") << u"[end]"_s;
    QTest::newRow("sequence named like a payload")
        << QByteArray("[socket-workbench-library 1]\n[sequence First]\nstep = wait 1 ms\n[end]\n") << u"First"_s;
    QTest::newRow("missing file") << QByteArray() << u"Cannot open"_s;
}

void TestLibraryWindow::importRefusedLeavesLibrary()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, reason);
    Rig rig(threeEntries());
    const QByteArray before = FileBytes::read(rig.path());
    const QString file = rig.dir.filePath(u"bad.swlib"_s);
    if (!bytes.isEmpty())
        QVERIFY(FileBytes::write(file, bytes));
    const QString error = rig.window->importFrom(file);
    QVERIFY2(error.contains(reason), qPrintable(error));
    QVERIFY(rig.window->message().contains(u"unchanged"_s));
    QCOMPARE(rig.store.library(), threeEntries());
    QCOMPARE(FileBytes::read(rig.path()), before);
    QCOMPARE(rig.edits.undoStack()->count(), 0);
}

void TestLibraryWindow::exportRoundTrip()
{
    Rig rig(SampleLibrary::make());
    const QString file = rig.dir.filePath(u"out/export.swlib"_s);
    QCOMPARE(rig.window->exportTo(file), QString());
    PayloadLibrary back;
    QString error;
    QVERIFY2(back.load(file, &error), qPrintable(error));
    QCOMPARE(back, SampleLibrary::make());
    // Nowhere to write: said, and nothing else changes.
    QVERIFY(FileBytes::write(rig.dir.filePath(u"file"_s), "x"));
    QVERIFY(!rig.window->exportTo(rig.dir.filePath(u"file/export.swlib"_s)).isEmpty());
    QVERIFY(rig.window->message().startsWith(u"\u26A0"_s));
}

void TestLibraryWindow::unreadableFileIsLeftAlone()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"library.swlib"_s);
    const QByteArray bad("[socket-workbench-library 1]\n\n[payload A]\nhex = 0g\n[end]\n");
    QVERIFY(FileBytes::write(path, bad));
    LibraryStore store;
    QVERIFY(!store.open(path));
    LibraryEdits edits(&store);
    LibraryWindow window(&edits);
    window.show();
    auto *banner = window.findChild<QLabel *>(u"heldLabel"_s);
    QVERIFY(banner->isVisible());
    QVERIFY2(banner->text().contains(u"Line 4"_s), qPrintable(banner->text()));
    QVERIFY(!window.findChild<QPushButton *>(u"addButton"_s)->isEnabled());
    QVERIFY(!window.findChild<QPushButton *>(u"importButton"_s)->isEnabled());
    const QString error = edits.change(u"add"_s, [](PayloadLibrary &l) {
        return l.addPayload(SampleLibrary::payload(u"B"_s, u"b"_s));
    });
    QVERIFY(error.contains(u"Line 4"_s));
    QCOMPARE(FileBytes::read(path), bad);
    // Repaired and reloaded: the banner goes, editing comes back.
    QVERIFY(FileBytes::write(path, "[socket-workbench-library 1]\n[payload A]\nhex = 0a\n[end]\n"));
    QTest::mouseClick(window.findChild<QPushButton *>(u"reloadButton"_s), Qt::LeftButton);
    QVERIFY(!banner->isVisible());
    QVERIFY(window.findChild<QPushButton *>(u"addButton"_s)->isEnabled());
    QCOMPARE(window.shownNames(), QStringList {u"A"_s});
}

QTEST_MAIN(TestLibraryWindow)
#include "tst_librarywindow.moc"
