// SendHistory: what it keeps of the payloads sent (first the newest, once
// each, at most kSize, none empty or over kMaxChars), that every instance
// shares it through the settings, the menu that offers it again (labels,
// recall, Clear History), and the menu's words in Chinese with the
// catalogue lrelease made for the program (SW_QM_DIR).

#include "core/workbench/Translations.h"
#include "ui/send/SendHistory.h"

#include <QMenu>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;

using Mode = PayloadParser::Mode;
using Entry = SendHistory::Entry;

Q_DECLARE_METATYPE(Entry)
Q_DECLARE_METATYPE(PayloadParser::Mode)

namespace {

// Entries as "hex: 68 65" or "text: hello", for comparisons that say what differs.
QStringList described(const QList<Entry> &entries)
{
    QStringList out;
    for (const Entry &e : entries)
        out << (e.mode == Mode::Hex ? u"hex: "_s : u"text: "_s) + e.text;
    return out;
}

QStringList texts(const QList<Entry> &entries)
{
    QStringList out;
    for (const Entry &e : entries)
        out << e.text;
    return out;
}

// The menu's entries, without the separator and Clear History.
QList<QAction *> entryActions(const QMenu &menu)
{
    QList<QAction *> out;
    for (QAction *a : menu.actions()) {
        if (!a->isSeparator() && a->data().isValid() && a->data().toInt() >= 0)
            out << a;
    }
    return out;
}

QAction *clearAction(const QMenu &menu)
{
    for (QAction *a : menu.actions()) {
        if (a->data().isValid() && a->data().toInt() < 0)
            return a;
    }
    return nullptr;
}

} // namespace

class TestSendHistory : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void keepsWhatWasSent_data();
    void keepsWhatWasSent();
    void keepsTheNewestKSize();
    void isSharedThroughTheSettings();
    void menuLabels_data();
    void menuLabels();
    void menuRecallsAndClears();
    void wordsInChinese();
};

void TestSendHistory::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(u"SocketWorkbenchTests"_s);
    QCoreApplication::setApplicationName(u"tst_sendhistory"_s);
}

void TestSendHistory::init()
{
    QSettings().clear();
}

void TestSendHistory::keepsWhatWasSent_data()
{
    QTest::addColumn<QList<Entry>>("added");
    QTest::addColumn<QList<Entry>>("kept");

    const Entry hello{u"hello"_s, Mode::Text};
    const Entry hexHello{u"68 65"_s, Mode::Hex};
    QTest::newRow("newest first") << QList<Entry>{hello, hexHello} << QList<Entry>{hexHello, hello};
    QTest::newRow("sent again moves up") << QList<Entry>{hello, hexHello, hello} << QList<Entry>{hello, hexHello};
    QTest::newRow("same text, other mode") << QList<Entry>{hello, Entry{u"hello"_s, Mode::Hex}}
                                           << QList<Entry>{Entry{u"hello"_s, Mode::Hex}, hello};
    QTest::newRow("empty is not kept") << QList<Entry>{hello, Entry{QString(), Mode::Text}} << QList<Entry>{hello};
    const Entry longest{QString(SendHistory::kMaxChars, u'x'), Mode::Text};
    QTest::newRow("longest kept") << QList<Entry>{longest} << QList<Entry>{longest};
    QTest::newRow("longer not kept") << QList<Entry>{hello, Entry{QString(SendHistory::kMaxChars + 1, u'x'), Mode::Text}}
                                     << QList<Entry>{hello};
}

void TestSendHistory::keepsWhatWasSent()
{
    QFETCH(QList<Entry>, added);
    QFETCH(QList<Entry>, kept);

    SendHistory history(nullptr);
    for (const Entry &e : added)
        history.add(e.text, e.mode);
    QCOMPARE(described(history.entries()), described(kept));
    QCOMPARE(described(SendHistory(nullptr).entries()), described(kept));   // as the next start reads it
}

void TestSendHistory::keepsTheNewestKSize()
{
    SendHistory history(nullptr);
    for (int i = 0; i < SendHistory::kSize + 5; ++i)
        history.add(u"payload %1"_s.arg(i), Mode::Text);
    const QStringList kept = texts(history.entries());
    QCOMPARE(kept.size(), SendHistory::kSize);
    QCOMPARE(kept.first(), u"payload %1"_s.arg(SendHistory::kSize + 4));
    QCOMPARE(kept.last(), u"payload 5"_s);
}

// Two panels (two tabs): what one sends, the other's menu offers, and the
// other's next send keeps it.
void TestSendHistory::isSharedThroughTheSettings()
{
    QMenu firstMenu;
    QMenu secondMenu;
    SendHistory first(&firstMenu);
    SendHistory second(&secondMenu);
    first.add(u"from the first"_s, Mode::Text);
    QVERIFY(second.entries().isEmpty());   // read again only when needed
    emit secondMenu.aboutToShow();
    QCOMPARE(texts(second.entries()), QStringList{u"from the first"_s});
    QCOMPARE(entryActions(secondMenu).size(), 1);

    first.add(u"first again"_s, Mode::Text);
    second.add(u"from the second"_s, Mode::Hex);
    const QStringList both{u"from the second"_s, u"first again"_s, u"from the first"_s};
    QCOMPARE(texts(second.entries()), both);
    QCOMPARE(texts(SendHistory(nullptr).entries()), both);
}

void TestSendHistory::menuLabels_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<Mode>("mode");
    QTest::addColumn<QString>("label");

    QTest::newRow("text") << u"hello"_s << Mode::Text << u"[text] hello"_s;
    QTest::newRow("hex") << u"68 65"_s << Mode::Hex << u"[hex] 68 65"_s;
    QTest::newRow("line breaks and tabs shown") << u"a\tb\nc"_s << Mode::Text << u"[text] a\u2192b\u23CEc"_s;
    QTest::newRow("ampersand is no shortcut") << u"a&b"_s << Mode::Text << u"[text] a&&b"_s;
    QTest::newRow("60 characters whole") << QString(60, u'y') << Mode::Text << u"[text] "_s + QString(60, u'y');
    QTest::newRow("61 cut") << QString(61, u'y') << Mode::Text << u"[text] "_s + QString(60, u'y') + u'\u2026';
}

void TestSendHistory::menuLabels()
{
    QFETCH(QString, text);
    QFETCH(Mode, mode);
    QFETCH(QString, label);

    QCOMPARE(SendHistory::menuLabel(Entry{text, mode}), label);
    QMenu menu;
    SendHistory history(&menu);
    history.add(text, mode);
    const QList<QAction *> entries = entryActions(menu);
    QCOMPARE(entries.size(), 1);
    QCOMPARE(entries.first()->text(), label);
    QCOMPARE(entries.first()->toolTip(), text.left(500));
}

void TestSendHistory::menuRecallsAndClears()
{
    QMenu menu;
    SendHistory history(&menu);
    QCOMPARE(menu.actions().size(), 1);   // "No payloads sent yet"
    QVERIFY(!menu.actions().first()->isEnabled());
    QVERIFY(!clearAction(menu));

    history.add(u"older"_s, Mode::Text);
    history.add(u"6e 65 77"_s, Mode::Hex);
    QSignalSpy recalled(&history, &SendHistory::recalled);
    const QList<QAction *> entries = entryActions(menu);
    QCOMPARE(entries.size(), 2);
    entries.at(1)->trigger();
    entries.at(0)->trigger();
    QCOMPARE(recalled.size(), 2);
    QCOMPARE(described({recalled.at(0).at(0).value<Entry>(), recalled.at(1).at(0).value<Entry>()}),
             (QStringList{u"text: older"_s, u"hex: 6e 65 77"_s}));

    QAction *clear = clearAction(menu);
    QVERIFY(clear);
    clear->trigger();
    QVERIFY(history.entries().isEmpty());
    QVERIFY(!QSettings().contains(u"send/history"_s));
    QVERIFY(SendHistory(nullptr).entries().isEmpty());
    QCOMPARE(menu.actions().size(), 1);
    QVERIFY(!menu.actions().first()->isEnabled());
    QCOMPARE(recalled.size(), 2);
}

void TestSendHistory::wordsInChinese()
{
    QVERIFY(Translations::install(u"zh_CN"_s, QStringLiteral(SW_QM_DIR)).app);
    QMenu menu;
    SendHistory history(&menu);
    QCOMPARE(menu.actions().first()->text(), u"尚未发送过任何载荷"_s);
    history.add(u"hi"_s, Mode::Text);
    history.add(u"68 69"_s, Mode::Hex);
    QCOMPARE(entryActions(menu).at(0)->text(), u"[十六进制] 68 69"_s);
    QCOMPARE(entryActions(menu).at(1)->text(), u"[文本] hi"_s);
    QCOMPARE(clearAction(menu)->text(), u"清除历史"_s);
    Translations::install(u"en"_s, QStringLiteral(SW_QM_DIR));
}

QTEST_MAIN(TestSendHistory)
#include "tst_sendhistory.moc"
