// The app's one payload library on disk: a first run starts empty, every
// change is saved and read back by the next start, and a file that cannot be
// read is never overwritten (changes are refused until it is reloaded or set
// aside). Also the quick-send bar's part of a tab's saved settings.

#include "core/commands/LibraryStore.h"
#include "core/net/SessionSettings.h"
#include "support/FileBytes.h"
#include "support/SampleLibrary.h"

#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

class TestLibraryStore : public QObject
{
    Q_OBJECT

private slots:
    void firstRunStartsEmptyAndSaves();
    void changesAreSavedAndReadBack();
    void unreadableFileIsLeftAlone_data();
    void unreadableFileIsLeftAlone();
    void reloadAfterRepair();
    void setAsideKeepsTheBadFile();
    void renameIsAnnounced();
    void unwritableFileRefusesTheChange();
    void quickSendRoundTrip_data();
    void quickSendRoundTrip();
    void quickSendBadItems();
};

void TestLibraryStore::firstRunStartsEmptyAndSaves()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"sub/library.swlib"_s);
    LibraryStore store;
    QVERIFY(store.open(path));
    QVERIFY(!store.isHeld());
    QVERIFY(store.library().isEmpty());
    QVERIFY2(!QFile::exists(path), "opening must not write anything");
    QString error;
    PayloadLibrary library;
    QCOMPARE(library.addPayload(SampleLibrary::payload(u"Hello"_s, u"hi\\r\\n"_s)), QString());
    QVERIFY2(store.setLibrary(library, &error), qPrintable(error));
    QVERIFY(QFile::exists(path));
}

void TestLibraryStore::changesAreSavedAndReadBack()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"library.swlib"_s);
    const PayloadLibrary sample = SampleLibrary::make();
    {
        LibraryStore store;
        store.open(path);
        QSignalSpy changed(&store, &LibraryStore::changed);
        QString error;
        QVERIFY2(store.setLibrary(sample, &error), qPrintable(error));
        QCOMPARE(changed.size(), 1);
    }
    LibraryStore again;
    QVERIFY(again.open(path));
    QCOMPARE(again.library(), sample);
}

void TestLibraryStore::unreadableFileIsLeftAlone_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("reason");
    QTest::newRow("foreign header") << QByteArray("[some-other-tool 1]\n[end]\n") << u"Line 1"_s;
    QTest::newRow("bad hex on line 4")
        << QByteArray("[socket-workbench-library 1]\n\n[payload A]\nhex = 0g\n[end]\n") << u"Line 4"_s;
    QTest::newRow("cut short") << QByteArray("[socket-workbench-library 1]\n[payload A]\ntext = a\n") << u"[end]"_s;
}

void TestLibraryStore::unreadableFileIsLeftAlone()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, reason);
    QTemporaryDir dir;
    const QString path = dir.filePath(u"library.swlib"_s);
    QVERIFY(FileBytes::write(path, bytes));
    LibraryStore store;
    QVERIFY(!store.open(path));
    QVERIFY(store.isHeld());
    QVERIFY2(store.loadError().contains(reason), qPrintable(store.loadError()));
    QVERIFY(store.library().isEmpty());
    // A change is refused, with the reason, and the file stays as it was.
    PayloadLibrary library;
    QCOMPARE(library.addPayload(SampleLibrary::payload(u"New"_s, u"x"_s)), QString());
    QString error;
    QVERIFY(!store.setLibrary(library, &error));
    QVERIFY2(error.contains(store.loadError()), qPrintable(error));
    QVERIFY(store.library().isEmpty());
    QCOMPARE(FileBytes::read(path), bytes);
}

void TestLibraryStore::reloadAfterRepair()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"library.swlib"_s);
    QVERIFY(FileBytes::write(path, "[socket-workbench-library 1]\n[payload A]\ntext = a\n"));
    LibraryStore store;
    QVERIFY(!store.open(path));
    QVERIFY(FileBytes::write(path, "[socket-workbench-library 1]\n[payload A]\ntext = a\n[end]\n"));
    QSignalSpy state(&store, &LibraryStore::loadStateChanged);
    QVERIFY(store.reload());
    QCOMPARE(state.size(), 1);
    QVERIFY(!store.isHeld());
    QVERIFY(store.library().payload(u"A"_s));
}

void TestLibraryStore::setAsideKeepsTheBadFile()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"library.swlib"_s);
    const QByteArray bad("[socket-workbench-library 1]\n[payload A]\nhex = zz\n[end]\n");
    QVERIFY(FileBytes::write(path, bad));
    LibraryStore store;
    QVERIFY(!store.open(path));
    QString kept;
    QString error;
    QVERIFY2(store.setAside(&kept, &error), qPrintable(error));
    QVERIFY(kept.startsWith(path + u".unreadable-"_s));
    QCOMPARE(FileBytes::read(kept), bad);
    QVERIFY(!QFile::exists(path));
    QVERIFY(!store.isHeld());
    PayloadLibrary library;
    QCOMPARE(library.addPayload(SampleLibrary::payload(u"New"_s, u"x"_s)), QString());
    QVERIFY2(store.setLibrary(library, &error), qPrintable(error));
    QVERIFY(QFile::exists(path));
    // Nothing to set aside once the file was read.
    QVERIFY(!store.setAside(&kept, &error));
    QVERIFY(!error.isEmpty());
}

void TestLibraryStore::renameIsAnnounced()
{
    LibraryStore store;   // no path: kept in memory only
    PayloadLibrary library;
    QCOMPARE(library.addPayload(SampleLibrary::payload(u"Old"_s, u"x"_s)), QString());
    QString error;
    QVERIFY(store.setLibrary(library, &error));
    PayloadEntry renamed = *library.payload(u"Old"_s);
    renamed.name = u"New"_s;
    QCOMPARE(library.replacePayload(u"Old"_s, renamed), QString());
    QSignalSpy spy(&store, &LibraryStore::payloadRenamed);
    QVERIFY(store.setLibrary(library, &error, {u"Old"_s, u"New"_s}));
    QCOMPARE(spy.size(), 1);
    QCOMPARE(spy.at(0).at(0).toString(), u"Old"_s);
    QCOMPARE(spy.at(0).at(1).toString(), u"New"_s);
}

void TestLibraryStore::unwritableFileRefusesTheChange()
{
    QTemporaryDir dir;
    // The folder the file should be in is a file: it can never be written.
    QVERIFY(FileBytes::write(dir.filePath(u"blocker"_s), "x"));
    LibraryStore store;
    QVERIFY(store.open(dir.filePath(u"blocker/library.swlib"_s)));
    PayloadLibrary library;
    QCOMPARE(library.addPayload(SampleLibrary::payload(u"A"_s, u"a"_s)), QString());
    QSignalSpy changed(&store, &LibraryStore::changed);
    QString error;
    QVERIFY(!store.setLibrary(library, &error));
    QVERIFY2(error.contains(u"blocker"_s), qPrintable(error));
    QVERIFY(store.library().isEmpty());
    QCOMPARE(changed.size(), 0);
}

void TestLibraryStore::quickSendRoundTrip_data()
{
    QTest::addColumn<int>("kind");
    QTest::newRow("tcp-server") << int(SessionKind::TcpServer);
    QTest::newRow("tcp-client") << int(SessionKind::TcpClient);
    QTest::newRow("udp") << int(SessionKind::Udp);
}

void TestLibraryStore::quickSendRoundTrip()
{
    QFETCH(int, kind);
    SessionSettings settings;
    settings.quickSend = {{u"Read holding registers"_s, {}},
                          {u"你好 (GBK)"_s, u"Ctrl+Shift+F2"_s},
                          {u"AT"_s, QuickSendButton::noHotkey()}};
    const QVariantMap map = settings.toMap(SessionKind(kind));
    QStringList problems;
    const SessionSettings back = SessionSettings::fromMap(SessionKind(kind), map, SessionSettings(), &problems);
    QCOMPARE(problems, QStringList());
    QCOMPARE(back.quickSend, settings.quickSend);
    // A state saved before the bar existed keeps the base's buttons.
    QVariantMap old = map;
    old.remove(u"quickSend"_s);
    QCOMPARE(SessionSettings::fromMap(SessionKind(kind), old, settings).quickSend, settings.quickSend);
}

void TestLibraryStore::quickSendBadItems()
{
    const QVariantList list {QVariantMap {{u"entry"_s, u"Good"_s}, {u"key"_s, u"Alt+1"_s}},
                             QVariantMap {{u"entry"_s, u""_s}},
                             u"not a map"_s,
                             QVariantMap {{u"entry"_s, u" padded"_s}}};
    QStringList problems;
    const SessionSettings s = SessionSettings::fromMap(SessionKind::TcpClient, {{u"quickSend"_s, list}},
                                                       SessionSettings(), &problems);
    QCOMPARE(s.quickSend, (QList<QuickSendButton> {{u"Good"_s, u"Alt+1"_s}}));
    QCOMPARE(problems.size(), 3);
    QVERIFY(problems.at(0).startsWith(u"quickSend 2: "_s));
    QVERIFY(problems.at(1).startsWith(u"quickSend 3: "_s));
    QVERIFY(problems.at(2).startsWith(u"quickSend 4: "_s));
    problems.clear();
    SessionSettings::fromMap(SessionKind::Udp, {{u"quickSend"_s, 5}}, SessionSettings(), &problems);
    QCOMPARE(problems, QStringList {u"quickSend: not a list"_s});
}

QTEST_GUILESS_MAIN(TestLibraryStore)
#include "tst_librarystore.moc"
