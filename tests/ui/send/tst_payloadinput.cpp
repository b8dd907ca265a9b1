// PayloadInput, the input half of the send panel (taken from a real
// SendPanel, whose form it runs): the bytes each kind of input makes, with
// line endings and encodings, the large-input path that skips the parser's
// bookkeeping; the preview telling the panel of input errors and of their
// end; a history entry put back; the error's mark in the editor; and its
// words in Chinese with the catalogue lrelease made for the program
// (SW_QM_DIR).

#include "core/workbench/Translations.h"
#include "ui/send/PayloadInput.h"
#include "ui/send/SendPanel.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QToolButton>

#include <memory>

using namespace Qt::StringLiterals;

using Mode = PayloadParser::Mode;
using LineEnding = PayloadInput::LineEnding;

Q_DECLARE_METATYPE(PayloadParser::Mode)

namespace {

struct Rig
{
    std::unique_ptr<SendPanel> panel = std::make_unique<SendPanel>();
    PayloadInput *input = panel->findChild<PayloadInput *>();

    bool show()
    {
        panel->resize(800, 300);
        panel->show();
        QApplication::setActiveWindow(panel.get());
        return input && QTest::qWaitForWindowActive(panel.get());
    }
    template<typename T>
    T *child(const QString &name) const { return panel->findChild<T *>(name); }
};

} // namespace

class TestPayloadInput : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void bytesOfTheInput_data();
    void bytesOfTheInput();
    void largeInputErrorHasItsPlace();
    void previewReportsInputErrors();
    void recallPutsTextAndModeBack();
    void errorIsMarkedInTheEditor();
    void wordsInChinese();
};

void TestPayloadInput::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(u"SocketWorkbenchTests"_s);
    QCoreApplication::setApplicationName(u"tst_payloadinput"_s);
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
}

void TestPayloadInput::init()
{
    QSettings().clear();
}

void TestPayloadInput::bytesOfTheInput_data()
{
    QTest::addColumn<Mode>("mode");
    QTest::addColumn<QString>("encoding");
    QTest::addColumn<int>("lineEnding");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("error");   // part of the message; empty when it parses

    const int none = int(LineEnding::None);
    const int lf = int(LineEnding::Lf);
    const int crlf = int(LineEnding::CrLf);
    QTest::newRow("escapes") << Mode::Text << u"UTF-8"_s << none << u"Hi\\r\\n\\x00"_s
                             << QByteArray("Hi\r\n\0", 5) << QString();
    QTest::newRow("LF added") << Mode::Text << u"UTF-8"_s << lf << u"Hi"_s << QByteArray("Hi\n") << QString();
    QTest::newRow("CRLF added") << Mode::Text << u"UTF-8"_s << crlf << u"Hi"_s << QByteArray("Hi\r\n") << QString();
    QTest::newRow("line ending in UTF-16") << Mode::Text << u"UTF-16LE"_s << lf << u"Hi"_s
                                           << QByteArray("H\0i\0\n\0", 6) << QString();
    QTest::newRow("CR added") << Mode::Text << u"UTF-8"_s << int(LineEnding::Cr) << u"Hi"_s << QByteArray("Hi\r")
                              << QString();
    QTest::newRow("CRLF in UTF-16LE") << Mode::Text << u"UTF-16LE"_s << crlf << u"Hi"_s
                                      << QByteArray("H\0i\0\r\0\n\0", 8) << QString();
    QTest::newRow("a field, then LF") << Mode::Text << u"UTF-8"_s << lf << u"n{counter:02}"_s << QByteArray("n01\n")
                                      << QString();
    QTest::newRow("a literal brace") << Mode::Text << u"UTF-8"_s << none << u"{{}"_s << QByteArray("{}") << QString();
    QTest::newRow("unknown field") << Mode::Text << u"UTF-8"_s << none << u"a{b}"_s << QByteArray()
                                   << u"Unknown field {b}"_s;
    QTest::newRow("JSON needs {{") << Mode::Text << u"UTF-8"_s << none << u"{\"a\":1}"_s << QByteArray()
                                   << u"write {{ for a literal {"_s;
    QTest::newRow("GBK") << Mode::Text << u"GBK"_s << none << u"\u4f60\u597d"_s << QByteArray("\xc4\xe3\xba\xc3")
                         << QString();
    QTest::newRow("bare line ending") << Mode::Text << u"UTF-8"_s << crlf << QString() << QByteArray("\r\n") << QString();
    QTest::newRow("hex ignores the line ending") << Mode::Hex << u"UTF-8"_s << crlf << u"48 69"_s << QByteArray("Hi")
                                                 << QString();
    QTest::newRow("nothing") << Mode::Text << u"UTF-8"_s << none << QString() << QByteArray()
                             << u"Nothing to send: the payload is empty"_s;
    QTest::newRow("odd hex") << Mode::Hex << u"UTF-8"_s << none << u"48 6"_s << QByteArray() << u"line 1"_s;
    QTest::newRow("unmappable") << Mode::Text << u"ISO-8859-1"_s << none << u"a\u20ACb"_s << QByteArray()
                                << u"column 2"_s;

    // Over the live-preview limit and without escapes: encoded whole.
    const QString line = QString(99, u'z') + u'\n';
    const QString large = line.repeated(int(PayloadInput::kLivePreviewChars / line.size()) + 1);
    QTest::newRow("large") << Mode::Text << u"UTF-8"_s << lf << large << (large + u'\n').toUtf8() << QString();
}

void TestPayloadInput::bytesOfTheInput()
{
    QFETCH(Mode, mode);
    QFETCH(QString, encoding);
    QFETCH(int, lineEnding);
    QFETCH(QString, text);
    QFETCH(QByteArray, bytes);
    QFETCH(QString, error);

    Rig rig;
    QVERIFY(rig.input);
    rig.input->setMode(mode);
    rig.input->setEncoding(encoding);
    rig.input->setLineEnding(LineEnding(lineEnding));
    QCOMPARE(rig.input->encoding(), encoding);
    const PayloadParser::Result result = rig.input->parse(text);
    if (error.isEmpty()) {
        QVERIFY2(result.ok(), qPrintable(result.error));
        QCOMPARE(result.bytes, bytes);
    } else {
        QVERIFY(!result.ok());
        QVERIFY2(result.error.contains(error), qPrintable(result.error));
    }
}

// The large path skips the parser but still says where the input is bad.
void TestPayloadInput::largeInputErrorHasItsPlace()
{
    Rig rig;
    QVERIFY(rig.input);
    rig.input->setEncoding(u"ISO-8859-1"_s);
    const QString line = QString(99, u'z') + u'\n';
    QString large = line.repeated(int(PayloadInput::kLivePreviewChars / line.size()) + 1);
    const int at = int(large.size()) - 50;
    large[at] = u'\u20AC';
    const PayloadParser::Result result = rig.input->parse(large);
    QVERIFY(!result.ok());
    QCOMPARE(result.position, at);
    QCOMPARE(result.line, int(large.size() / line.size()));
    QCOMPARE(result.column, 51);
}

void TestPayloadInput::previewReportsInputErrors()
{
    Rig rig;
    QVERIFY(rig.show());
    QSignalSpy found(rig.input, &PayloadInput::inputErrorFound);
    QSignalSpy cleared(rig.input, &PayloadInput::inputErrorCleared);
    auto *preview = rig.child<QLineEdit>(u"previewEdit"_s);

    rig.input->setMode(Mode::Hex);
    rig.panel->editor()->setPlainText(u"4g"_s);
    QTRY_VERIFY(!found.isEmpty());
    QVERIFY(!found.constLast().at(0).value<PayloadParser::Result>().ok());
    const qsizetype errors = found.size();
    QVERIFY(preview->text().isEmpty());
    QCOMPARE(preview->placeholderText(), u"none until the input is fixed"_s);

    rig.panel->editor()->setPlainText(u"48 69"_s);
    QTRY_VERIFY(!cleared.isEmpty());
    QCOMPARE(preview->text(), u"48 69"_s);
    QCOMPARE(rig.child<QLabel>(u"byteCountLabel"_s)->text(), u"2 bytes"_s);

    // A paste too large for the editor: held, previewed at once, no error.
    cleared.clear();
    QString large(PayloadInput::kLivePreviewChars + 1, u'a');
    rig.input->setMode(Mode::Text);
    QApplication::clipboard()->setText(large);
    rig.panel->editor()->clear();
    rig.panel->editor()->paste();
    QVERIFY(rig.input->hasHeldPaste());
    QCOMPARE(rig.input->text(), large);
    QVERIFY(!cleared.isEmpty());
    QVERIFY(preview->text().startsWith(u"61 61 61"_s));
    QCOMPARE(found.size(), errors);
}

void TestPayloadInput::recallPutsTextAndModeBack()
{
    Rig rig;
    QVERIFY(rig.show());
    QApplication::clipboard()->setText(QString(PayloadInput::kLivePreviewChars + 1, u'a'));
    rig.panel->editor()->paste();
    QVERIFY(rig.input->hasHeldPaste());

    rig.input->recall(u"41 42"_s, Mode::Hex);
    QVERIFY(!rig.input->hasHeldPaste());
    QCOMPARE(rig.input->mode(), Mode::Hex);
    QCOMPARE(rig.input->text(), u"41 42"_s);   // as typed, not converted from what was there
    QVERIFY(!rig.child<QComboBox>(u"lineEndingCombo"_s)->isEnabled());
    QVERIFY(rig.panel->editor()->hasFocus());
    QCOMPARE(rig.panel->editor()->textCursor().position(), 5);
    QCOMPARE(rig.input->parse(rig.input->text()).bytes, QByteArray("AB"));

    rig.input->recall(u"a\\tb"_s, Mode::Text);
    QCOMPARE(rig.input->mode(), Mode::Text);
    QCOMPARE(rig.input->text(), u"a\\tb"_s);
    QVERIFY(rig.child<QComboBox>(u"lineEndingCombo"_s)->isEnabled());
}

void TestPayloadInput::errorIsMarkedInTheEditor()
{
    Rig rig;
    QVERIFY(rig.show());
    rig.panel->editor()->setPlainText(u"ab\\xZZ"_s);
    const PayloadParser::Result result = rig.input->parse(rig.input->text());
    QVERIFY(!result.ok());
    QCOMPARE(result.position, 2);
    rig.child<QComboBox>(u"encodingCombo"_s)->setFocus();

    rig.input->markError(result, Qt::red, true);
    const QList<QTextEdit::ExtraSelection> marks = rig.panel->editor()->extraSelections();
    QCOMPARE(marks.size(), 1);
    QCOMPARE(marks.first().cursor.selectionStart(), 2);
    QCOMPARE(marks.first().cursor.selectionEnd(), 3);
    QCOMPARE(marks.first().format.underlineColor(), QColor(Qt::red));
    QCOMPARE(rig.panel->editor()->textCursor().position(), 2);
    QVERIFY(rig.panel->editor()->hasFocus());

    // Typing on takes the old mark away; the preview puts it back where the error is.
    QTest::keyClick(rig.panel->editor(), Qt::Key_End);
    QTest::keyClicks(rig.panel->editor(), u"!"_s);
    QVERIFY(rig.panel->editor()->extraSelections().isEmpty());
    QTRY_COMPARE(rig.panel->editor()->extraSelections().size(), 1);
}

void TestPayloadInput::wordsInChinese()
{
    QVERIFY(Translations::install(u"zh_CN"_s, QStringLiteral(SW_QM_DIR)).app);
    Rig rig;
    QVERIFY(rig.input);
    auto *lineEndings = rig.child<QComboBox>(u"lineEndingCombo"_s);
    QCOMPARE(lineEndings->itemText(0), u"无"_s);
    QCOMPARE(lineEndings->itemText(1), u"\\r (CR)"_s);
    QCOMPARE(lineEndings->itemText(2), u"\\n (LF)"_s);
    QCOMPARE(rig.child<QLabel>(u"hintLabel"_s)->text(),
             u"转义序列：\\r \\n \\t \\0 \\\\ \\xHH；{{ 表示字面的 {；字段如 {counter}（见“字段”）。"
             u"Ctrl+Enter 发送。"_s);
    QCOMPARE(rig.child<QToolButton>(u"convertButton"_s)->text(), u"转换(&V)"_s);
    QVERIFY(rig.child<QToolButton>(u"fieldsButton"_s)->toolTip().startsWith(u"字段："_s));
    QCOMPARE(rig.child<QLineEdit>(u"previewEdit"_s)->placeholderText(), u"尚未输入任何内容"_s);
    rig.input->setMode(Mode::Hex);
    QVERIFY(rig.child<QLabel>(u"hintLabel"_s)->text().startsWith(u"十六进制：每字节两位数字"_s));
    QCOMPARE(PayloadInput::bytesText(1), u"1 字节"_s);
    QCOMPARE(PayloadInput::bytesText(1200), u"1,200 字节"_s);
    Translations::install(u"en"_s, QStringLiteral(SW_QM_DIR));
}

QTEST_MAIN(TestPayloadInput)
#include "tst_payloadinput.moc"
