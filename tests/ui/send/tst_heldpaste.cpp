// HeldPaste on an editor, a bar, its label and a Discard button laid out
// like the send panel's: which pastes it holds, where a held paste lands
// among what was typed, what the editor and the bar show meanwhile, how
// Discard and new text let it go, and the bar's words in Chinese with the
// catalogue lrelease made for the program (SW_QM_DIR).

#include "core/workbench/Translations.h"
#include "ui/send/HeldPaste.h"

#include <QApplication>
#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QTextCursor>
#include <QVBoxLayout>

#include <memory>

using namespace Qt::StringLiterals;

namespace {

// The send panel's editor, bar, label and Discard button, and a HeldPaste
// over them that hears of every change of the editor's text as the panel's
// does; `followed` records what it answered.
struct Rig
{
    QWidget window;
    QPlainTextEdit *editor = new QPlainTextEdit(&window);
    QFrame *bar = new QFrame(&window);
    QLabel *label = new QLabel(bar);
    QPushButton *discard = new QPushButton(u"Discard"_s, bar);
    HeldPaste held{editor, bar, label, discard};
    QList<bool> followed;

    Rig()
    {
        auto *barLayout = new QHBoxLayout(bar);
        barLayout->addWidget(label);
        barLayout->addWidget(discard);
        auto *layout = new QVBoxLayout(&window);
        layout->addWidget(editor);
        layout->addWidget(bar);
        QObject::connect(editor, &QPlainTextEdit::textChanged, &held,
                         [this] { followed << held.followEditorChange(); });
    }

    bool show()
    {
        window.resize(500, 300);
        window.show();
        QApplication::setActiveWindow(&window);
        return QTest::qWaitForWindowActive(&window);
    }
};

} // namespace

class TestHeldPaste : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void tooLargeForTheEditor_data();
    void tooLargeForTheEditor();
    void heldPasteLandsWhereTheEditorWouldPutIt_data();
    void heldPasteLandsWhereTheEditorWouldPutIt();
    void smallPasteIsLeftToTheEditor();
    void discardDropsIt();
    void newTextReplacesIt();
    void wordsInChinese();
};

void TestHeldPaste::initTestCase()
{
    // The bar counts characters with the locale's digit groups.
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
}

void TestHeldPaste::tooLargeForTheEditor_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("tooLarge");

    const QString line = QString(99, u'a') + u'\n';
    QTest::newRow("short") << u"hello"_s << false;
    QTest::newRow("longest line") << QString(HeldPaste::kMaxLineChars, u'x') << false;
    QTest::newRow("line too long") << QString(HeldPaste::kMaxLineChars + 1, u'x') << true;
    QTest::newRow("long line last") << u"a\nb\n"_s + QString(HeldPaste::kMaxLineChars + 1, u'x') << true;
    QTest::newRow("most characters, short lines") << line.repeated(HeldPaste::kMaxChars / line.size()) << false;
    QTest::newRow("too many characters") << line.repeated(HeldPaste::kMaxChars / line.size()) + QString(100, u'b') << true;
}

void TestHeldPaste::tooLargeForTheEditor()
{
    QFETCH(QString, text);
    QFETCH(bool, tooLarge);
    QCOMPARE(HeldPaste::isTooLarge(text), tooLarge);
}

void TestHeldPaste::heldPasteLandsWhereTheEditorWouldPutIt_data()
{
    QTest::addColumn<QString>("typed");
    QTest::addColumn<int>("selectionStart");
    QTest::addColumn<int>("selectionEnd");
    QTest::addColumn<QString>("before");   // what the held text has before the paste
    QTest::addColumn<QString>("after");    // and after it

    QTest::newRow("empty editor") << QString() << 0 << 0 << QString() << QString();
    QTest::newRow("at the end") << u"AB"_s << 2 << 2 << u"AB"_s << QString();
    QTest::newRow("at the start") << u"AB"_s << 0 << 0 << QString() << u"AB"_s;
    QTest::newRow("over a selection") << u"A-B"_s << 1 << 2 << u"A"_s << u"B"_s;
}

void TestHeldPaste::heldPasteLandsWhereTheEditorWouldPutIt()
{
    QFETCH(QString, typed);
    QFETCH(int, selectionStart);
    QFETCH(int, selectionEnd);
    QFETCH(QString, before);
    QFETCH(QString, after);

    Rig rig;
    QVERIFY(rig.show());
    rig.editor->setPlainText(typed);
    QTextCursor cursor = rig.editor->textCursor();
    cursor.setPosition(selectionStart);
    cursor.setPosition(selectionEnd, QTextCursor::KeepAnchor);
    rig.editor->setTextCursor(cursor);
    rig.followed.clear();
    QSignalSpy taken(&rig.held, &HeldPaste::taken);

    QString paste(HeldPaste::kMaxLineChars + 1, u'x');
    paste.back() = u'!';
    QVERIFY(rig.held.take(paste));
    QCOMPARE(taken.size(), 1);
    QVERIFY(rig.held.isHolding());
    const QString whole = before + paste + after;
    QCOMPARE(rig.held.text(), whole);
    // The editor shows the beginning, read-only; showing it is no new input.
    QCOMPARE(rig.editor->toPlainText(), whole.left(HeldPaste::kShownChars));
    QVERIFY(rig.editor->isReadOnly());
    QCOMPARE(rig.followed, QList<bool>{false});
    QVERIFY(rig.bar->isVisible());
    QCOMPARE(rig.label->text(),
             u"Large paste held outside the editor: %1 characters, the first 2,000 shown. "
             "Send checks and sends all of it."_s.arg(QLocale().toString(whole.size())));
}

void TestHeldPaste::smallPasteIsLeftToTheEditor()
{
    Rig rig;
    QVERIFY(rig.show());
    QVERIFY(!rig.bar->isVisible());
    QSignalSpy taken(&rig.held, &HeldPaste::taken);
    QVERIFY(!rig.held.take(u"small"_s));
    QVERIFY(!rig.held.isHolding());
    QVERIFY(rig.held.text().isNull());
    QVERIFY(rig.editor->toPlainText().isEmpty());
    QVERIFY(!rig.editor->isReadOnly());
    QVERIFY(!rig.bar->isVisible());
    QCOMPARE(taken.size(), 0);
}

void TestHeldPaste::discardDropsIt()
{
    Rig rig;
    QVERIFY(rig.show());
    QVERIFY(rig.held.take(QString(HeldPaste::kMaxChars + 1, u'x')));
    QSignalSpy discarded(&rig.held, &HeldPaste::discarded);
    rig.discard->setFocus();
    rig.followed.clear();

    QTest::mouseClick(rig.discard, Qt::LeftButton);
    QCOMPARE(discarded.size(), 1);
    QVERIFY(!rig.held.isHolding());
    QVERIFY(rig.editor->toPlainText().isEmpty());
    QCOMPARE(rig.followed, QList<bool>{false});   // emptying it is no new input either
    QVERIFY(!rig.editor->isReadOnly());
    QVERIFY(!rig.bar->isVisible());
    QVERIFY(rig.editor->hasFocus());

    // Nothing held: nothing to discard.
    rig.held.discard();
    QCOMPARE(discarded.size(), 1);
}

// Text the page puts in the editor replaces the held paste.
void TestHeldPaste::newTextReplacesIt()
{
    Rig rig;
    QVERIFY(rig.show());
    QVERIFY(rig.held.take(QString(HeldPaste::kMaxChars + 1, u'x')));
    QSignalSpy discarded(&rig.held, &HeldPaste::discarded);
    rig.followed.clear();

    rig.editor->setPlainText(u"small"_s);
    QCOMPARE(rig.followed, QList<bool>{true});
    QVERIFY(!rig.held.isHolding());
    QCOMPARE(rig.editor->toPlainText(), u"small"_s);
    QVERIFY(!rig.editor->isReadOnly());
    QVERIFY(!rig.bar->isVisible());
    QCOMPARE(discarded.size(), 0);
}

void TestHeldPaste::wordsInChinese()
{
    QVERIFY(Translations::install(u"zh_CN"_s, QStringLiteral(SW_QM_DIR)).app);
    Rig rig;
    QVERIFY(rig.held.take(QString(HeldPaste::kMaxChars + 1, u'x')));
    QCOMPARE(rig.label->text(), u"大段粘贴保存在编辑器之外：共 1,048,577 个字符，显示前 2,000 个。“发送”会检查并发送全部内容。"_s);
    Translations::install(u"en"_s, QStringLiteral(SW_QM_DIR));
}

QTEST_MAIN(TestHeldPaste)
#include "tst_heldpaste.moc"
