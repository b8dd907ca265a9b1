#include "ui/send/PayloadInput.h"

#include "ui_SendPanel.h"

#include "core/text/Escape.h"
#include "core/text/TextCodec.h"

#include <QColor>
#include <QFontDatabase>
#include <QMenu>
#include <QRandomGenerator>
#include <QSignalBlocker>
#include <QTextCursor>
#include <QTextDocument>

using namespace Qt::StringLiterals;

namespace {

// Decoded text written so that text mode turns it back into the same
// bytes (Escape's SendPanelLines: newlines stay real line breaks); a control
// character that style cannot name is written as the bytes the encoding
// gives it (\x01, or \x01\x00 in UTF-16LE), and bytes that are not clean
// text in the encoding are all written as escaped bytes. The caller checks
// the round trip either way. A brace is doubled: a single one starts a field.
bool isUnnamedControl(QChar c)
{
    const char16_t u = c.unicode();
    return (u < 0x20 && u != u'\t' && u != u'\n' && u != u'\r' && u != 0) || u == 0x7f;
}

QString escapedText(const QByteArray &bytes, const QString &encoding)
{
    const TextCodec::Decoded decoded = TextCodec::decode(bytes, encoding);
    QString out;
    if (decoded.hasErrors() || !decoded.error.isEmpty()) {
        out = Escape::bytes(bytes, Escape::ByteStyle::SendPanel);
    } else {
        const QString &text = decoded.text;
        qsizetype run = 0;
        for (qsizetype i = 0; i <= text.size(); ++i) {
            if (i < text.size() && !isUnnamedControl(text.at(i)))
                continue;
            out += Escape::text(text.sliced(run, i - run), Escape::TextStyle::SendPanelLines);
            if (i < text.size()) {
                const QByteArray control = TextCodec::encode(QString(text.at(i)), encoding).bytes;
                for (const char byte : control)
                    out += u"\\x"_s + QString::number(uchar(byte), 16).rightJustified(2, u'0');
            }
            run = i + 1;
        }
    }
    return out.replace(u'{', u"{{"_s);
}

bool isHexSeparator(QChar c)
{
    return c.isSpace() || c == u',' || c == u':' || c == u'-';
}

// How much of the start of `text` can be parsed on its own with the same
// result as inside the whole: at most about `limit` characters, never cutting
// an escape, a surrogate pair or a hex byte in two. What a large input's
// preview parses: its first bytes, and any error among them, at once.
qsizetype previewCut(const QString &text, qsizetype limit, PayloadParser::Mode mode)
{
    if (text.size() <= limit)
        return text.size();
    qsizetype end = limit;
    if (mode == PayloadParser::Mode::Hex) {
        if (isHexSeparator(text.at(end)) || isHexSeparator(text.at(end - 1)))
            return end;
        qsizetype group = end;
        while (group > 0 && !isHexSeparator(text.at(group - 1)))
            --group;
        if (group > 0)
            return group;  // the cut group is left to the whole parse
        // One group of digits longer than the limit: keep an even number of them.
        const qsizetype digits = text.startsWith(u"0x"_s, Qt::CaseInsensitive) ? 2 : 0;
        return digits + ((end - digits) & ~qsizetype(1));
    }
    for (qsizetype i = 0; i < end;) {
        if (text.at(i) != u'\\') {
            ++i;
            continue;
        }
        const qsizetype length = i + 1 < text.size() && text.at(i + 1) == u'x' ? 4 : 2;
        if (i + length > end)
            return i;
        i += length;
    }
    if (text.at(end - 1).isHighSurrogate())
        --end;
    return end;
}

} // namespace

PayloadInput::PayloadInput(Ui::SendPanel *ui, QObject *parent)
    : QObject(parent)
    , m_ui(ui)
    , m_held(new HeldPaste(ui->editor, ui->largeInputBar, ui->largeInputLabel, ui->discardLargeButton, this))
{
    const QFont fixed = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    m_ui->editor->setFont(fixed);
    m_ui->previewEdit->setFont(fixed);

    m_ui->encodingCombo->addItems(TextCodec::encodings());
    m_encoding = m_ui->encodingCombo->currentText();
    for (const LineEnding ending : {LineEnding::None, LineEnding::Cr, LineEnding::Lf, LineEnding::CrLf})
        m_ui->lineEndingCombo->addItem(QString(), int(ending));
    m_ui->fieldsButton->setMenu(new QMenu(m_ui->fieldsButton));

    m_previewTimer.setSingleShot(true);
    m_previewTimer.setInterval(kPreviewDelayMs);
    m_fieldsTimer.setInterval(1000);
    connect(&m_fieldsTimer, &QTimer::timeout, this, &PayloadInput::previewNow);

    connect(m_ui->editor, &QPlainTextEdit::textChanged, this, &PayloadInput::onTextChanged);
    connect(&m_previewTimer, &QTimer::timeout, this, &PayloadInput::previewNow);
    connect(m_ui->hexRadio, &QRadioButton::toggled, this, &PayloadInput::onModeToggled);
    connect(m_ui->encodingCombo, &QComboBox::currentIndexChanged, this, &PayloadInput::onEncodingIndexChanged);
    connect(m_ui->lineEndingCombo, &QComboBox::currentIndexChanged, this, &PayloadInput::onLineEndingIndexChanged);
    connect(m_held, &HeldPaste::taken, this, &PayloadInput::onHeldPasteTaken);
    connect(m_held, &HeldPaste::discarded, this, &PayloadInput::onHeldPasteDiscarded);
    m_ui->editor->setLargeInsertHandler([this](const QString &text) { return m_held->take(text); });
    retranslate();
}

QString PayloadInput::bytesText(qint64 n)
{
    return n == 1 ? tr("1 byte") : tr("%L1 bytes").arg(n);
}

void PayloadInput::setEncoding(const QString &encoding)
{
    const QString canonical = TextCodec::canonicalName(encoding);
    if (canonical.isEmpty())
        return;
    const int index = m_ui->encodingCombo->findText(canonical);
    if (index >= 0)
        m_ui->encodingCombo->setCurrentIndex(index);   // onEncodingIndexChanged emits
}

void PayloadInput::setMode(PayloadParser::Mode mode)
{
    if (mode == PayloadParser::Mode::Hex)
        m_ui->hexRadio->setChecked(true);
    else
        m_ui->textRadio->setChecked(true);
}

PayloadParser::Mode PayloadInput::mode() const
{
    return m_ui->hexRadio->isChecked() ? PayloadParser::Mode::Hex : PayloadParser::Mode::Text;
}

void PayloadInput::setLineEnding(LineEnding ending)
{
    const int index = m_ui->lineEndingCombo->findData(int(ending));
    if (index >= 0)
        m_ui->lineEndingCombo->setCurrentIndex(index);
}

PayloadInput::LineEnding PayloadInput::lineEnding() const
{
    return LineEnding(m_ui->lineEndingCombo->currentData().toInt());
}

bool PayloadInput::hasHeldPaste() const
{
    return m_held->isHolding();
}

void PayloadInput::discardHeldPaste()
{
    m_held->discard();
}

QString PayloadInput::text() const
{
    return hasHeldPaste() ? m_held->text() : m_ui->editor->toPlainText();
}

TypedPayload PayloadInput::read(const QString &text) const
{
    return TypedPayload::read(text, mode(), m_encoding, lineEnding());
}

PayloadParser::Result PayloadInput::parse(const QString &text) const
{
    return nextMessage(read(text));
}

PayloadParser::Result PayloadInput::nextMessage(const TypedPayload &typed) const
{
    Template::Context context = m_context ? m_context() : Template::Context();
    // A copy: what {random:N} shows here is what the next send gets.
    std::optional<QRandomGenerator> random;
    if (context.random) {
        random.emplace(*context.random);
        context.random = &*random;
    }
    return typed.message(context);
}

void PayloadInput::setContextSource(ContextSource source)
{
    m_context = std::move(source);
    schedulePreview();
}

void PayloadInput::onLineEndingIndexChanged(int index)
{
    if (index < 0)
        return;
    schedulePreview();
    emit lineEndingChanged(lineEnding());
}

void PayloadInput::onHeldPasteTaken()
{
    emit inputErrorCleared();
    m_ui->editor->setExtraSelections({});
    previewNow();
}

void PayloadInput::onHeldPasteDiscarded()
{
    emit inputErrorCleared();
    schedulePreview();
}

void PayloadInput::schedulePreview()
{
    m_previewTimer.start();
}

void PayloadInput::onTextChanged()
{
    if (!m_held->followEditorChange())
        return;
    // The old mark points at text that may have moved; the preview parse
    // puts it back where the error now is.
    if (!m_ui->editor->extraSelections().isEmpty())
        m_ui->editor->setExtraSelections({});
    schedulePreview();
}

void PayloadInput::previewNow()
{
    const QTextDocument *doc = m_ui->editor->document();
    // characterCount() counts the final paragraph separator too.
    const qsizetype chars = hasHeldPaste() ? m_held->text().size() : doc->characterCount() - 1;
    if (chars > kLivePreviewChars) {
        showLargePreview(chars);
        return;
    }
    const QString input = text();
    const TypedPayload typed = read(input);
    const PayloadParser::Result result = nextMessage(typed);
    if (typed.ok() && !typed.isFixed())
        m_fieldsTimer.start();
    else
        m_fieldsTimer.stop();
    if (!result.ok()) {
        m_ui->previewEdit->clear();
        m_ui->byteCountLabel->clear();
        // Nobody needs to be told that an empty editor is empty before
        // they try to send it.
        if (input.isEmpty()) {
            m_ui->previewEdit->setPlaceholderText(tr("nothing typed yet"));
            emit inputErrorCleared();
        } else {
            m_ui->previewEdit->setPlaceholderText(tr("none until the input is fixed"));
            emit inputErrorFound(result);
        }
        return;
    }
    emit inputErrorCleared();
    // Exactly what goes out: with "Add to what I send" that includes the
    // length prefix or delimiter, so 3 typed bytes preview as the 7 sent.
    QString note;
    const QByteArray wire = m_wire ? m_wire(result.bytes, &note) : result.bytes;
    if (!typed.isFixed()) {
        const QString fields = tr("the next message: fields change with each one");
        note = note.isEmpty() ? fields : tr("%1; %2").arg(fields, note);
    }
    QString hex = TextCodec::toHex(QByteArrayView(wire).first(qMin(wire.size(), kPreviewBytes)));
    if (wire.size() > kPreviewBytes)
        hex += u" \u2026"_s;
    m_ui->previewEdit->setText(hex);
    m_ui->previewEdit->setCursorPosition(0);
    m_ui->byteCountLabel->setText(note.isEmpty() ? bytesText(wire.size())
                                                 : tr("%1 (%2)").arg(bytesText(wire.size()), note));
}

void PayloadInput::setWireBytes(WireBytes wire)
{
    m_wire = std::move(wire);
    schedulePreview();
}

void PayloadInput::showLargePreview(qsizetype chars)
{
    m_fieldsTimer.stop();
    // Only the beginning is parsed, so the cost does not grow with the input:
    // its first bytes are shown, and an error among them is shown at once.
    const QString input = text();
    const qsizetype perByte = mode() == PayloadParser::Mode::Hex ? 3 : 1;
    QString head = input.left(previewCut(input, kPreviewBytes * perByte, mode()));
    // Nor a field: a "{" (or a run of them) left open at the cut goes.
    const qsizetype open = head.lastIndexOf(u'{');
    if (open >= 0 && head.indexOf(u'}', open) < 0) {
        qsizetype run = open;
        while (run > 0 && head.at(run - 1) == u'{')
            --run;
        head.truncate(run);
    }
    const TypedPayload typed = TypedPayload::read(head, mode(), m_encoding);
    m_ui->byteCountLabel->setText(tr("large input, %L1 characters: all of it is checked when you send").arg(chars));
    if (!typed.ok()) {
        m_ui->previewEdit->clear();
        m_ui->previewEdit->setPlaceholderText(tr("none until the input is fixed"));
        emit inputErrorFound(typed.error());
        return;
    }
    emit inputErrorCleared();
    const QByteArray bytes = nextMessage(typed).bytes;
    const QByteArrayView first = QByteArrayView(bytes).first(qMin(bytes.size(), kPreviewBytes));
    m_ui->previewEdit->setText(TextCodec::toHex(first) + u" \u2026"_s);
    m_ui->previewEdit->setCursorPosition(0);
}

void PayloadInput::markError(const PayloadParser::Result &result, const QColor &color, bool moveCursor)
{
    // A held paste is not in the editor: the message's line and column are all there is.
    const int position = hasHeldPaste() ? -1 : result.position;
    markErrorAt(position, color);
    if (!moveCursor)
        return;
    if (position >= 0) {
        QTextCursor cursor = m_ui->editor->textCursor();
        cursor.setPosition(qMin(result.position, m_ui->editor->document()->characterCount() - 1));
        m_ui->editor->setTextCursor(cursor);
        m_ui->editor->ensureCursorVisible();
    }
    m_ui->editor->setFocus(Qt::OtherFocusReason);
}

void PayloadInput::markErrorAt(int position, const QColor &color)
{
    if (position < 0) {
        m_ui->editor->setExtraSelections({});
        return;
    }
    QTextEdit::ExtraSelection mark;
    mark.cursor = QTextCursor(m_ui->editor->document());
    const int end = m_ui->editor->document()->characterCount() - 1;
    mark.cursor.setPosition(qMin(position, end));
    mark.cursor.setPosition(qMin(position + 1, end), QTextCursor::KeepAnchor);
    QColor error = color;
    mark.format.setUnderlineStyle(QTextCharFormat::WaveUnderline);
    mark.format.setUnderlineColor(error);
    error.setAlpha(60);
    mark.format.setBackground(error);
    m_ui->editor->setExtraSelections({mark});
}

void PayloadInput::updateHint()
{
    if (mode() == PayloadParser::Mode::Hex) {
        m_ui->hintLabel->setText(tr("Hex: two digits per byte, e.g. 48 65 6c, 48656c or 0x48,0x65; "
                                    "spaces, commas, colons and dashes separate. Ctrl+Enter sends."));
        m_ui->convertButton->setToolTip(tr("Write these bytes as text in the chosen encoding (escapes for "
                                           "bytes that are not printable) and switch to text"));
    } else {
        // The brace rule first: on a small screen the end of the line is cut.
        m_ui->hintLabel->setText(tr("Escapes: \\r \\n \\t \\0 \\\\ \\xHH; {{ for a literal {; fields such as "
                                    "{counter} (see Fields). Ctrl+Enter sends."));
        m_ui->convertButton->setToolTip(tr("Write the bytes of this text (in the chosen encoding) as hex and "
                                           "switch to hex"));
    }
}

void PayloadInput::enableLineEnding(bool on)
{
    m_ui->lineEndingCombo->setEnabled(on);
    m_ui->lineEndingLabel->setEnabled(on);
}

void PayloadInput::onModeToggled(bool hex)
{
    convertEditorText(hex ? PayloadParser::Mode::Text : PayloadParser::Mode::Hex,
                      hex ? PayloadParser::Mode::Hex : PayloadParser::Mode::Text);
    enableLineEnding(!hex);
    updateHint();
    schedulePreview();
}

void PayloadInput::convertEditorText(PayloadParser::Mode from, PayloadParser::Mode to)
{
    const QTextDocument *doc = m_ui->editor->document();
    if (hasHeldPaste() || doc->isEmpty() || doc->characterCount() - 1 > kLivePreviewChars)
        return;
    // Switching the mode converts only what converts exactly; the rest stays as typed.
    QString why;
    const QString text = converted(m_ui->editor->toPlainText(), from, to, &why);
    if (!text.isNull())
        replaceEditorText(text);
}

QString PayloadInput::converted(const QString &typed, PayloadParser::Mode from, PayloadParser::Mode to,
                                QString *why) const
{
    const bool toHex = to == PayloadParser::Mode::Hex;
    const TypedPayload parsed = TypedPayload::read(typed, from, m_encoding);
    if (!parsed.ok()) {
        *why = tr("Fix the input first: %1. Nothing was converted.").arg(parsed.error().error);
        return {};
    }
    if (!parsed.isFixed()) {
        *why = toHex ? tr("The text has fields such as {counter}: in hex they would become one fixed value. "
                          "Nothing was converted.")
                     : tr("The input has fields such as {counter}: nothing was converted.");
        return {};
    }
    const QByteArray bytes = parsed.bytes({});
    if (bytes.isEmpty()) {
        *why = tr("Nothing to convert: the input is empty");
        return {};
    }
    const QString out = toHex ? TextCodec::toHex(bytes) : escapedText(bytes, m_encoding);
    // A conversion that would change a single byte is no conversion.
    const TypedPayload back = TypedPayload::read(out, to, m_encoding);
    if (!back.ok() || !back.isFixed() || back.bytes({}) != bytes) {
        *why = toHex ? tr("These bytes would not come back the same from hex: nothing was converted")
                     : tr("As text in %1 these bytes would not come back the same (a byte order mark, or "
                          "characters %1 writes two ways): nothing was converted").arg(m_encoding);
        return {};
    }
    return out;
}

bool PayloadInput::convert(QString *why)
{
    if (hasHeldPaste() || m_ui->editor->document()->characterCount() - 1 > kLivePreviewChars) {
        *why = tr("The input is too large to convert here: nothing was converted");
        return false;
    }
    const PayloadParser::Mode from = mode();
    const PayloadParser::Mode to = from == PayloadParser::Mode::Hex ? PayloadParser::Mode::Text
                                                                    : PayloadParser::Mode::Hex;
    const QString text = converted(m_ui->editor->toPlainText(), from, to, why);
    if (text.isNull())
        return false;
    {
        // The text is converted here, not again by the mode's switch.
        const QSignalBlocker blocker(m_ui->hexRadio);
        setMode(to);
    }
    enableLineEnding(to == PayloadParser::Mode::Text);
    updateHint();
    replaceEditorText(text);
    schedulePreview();
    return true;
}

void PayloadInput::replaceEditorText(const QString &text)
{
    // Through a cursor, so one Ctrl+Z brings the old text back.
    QTextCursor cursor(m_ui->editor->document());
    cursor.select(QTextCursor::Document);
    cursor.insertText(text);
}

void PayloadInput::insertField(const QString &field)
{
    if (hasHeldPaste())
        return;
    m_ui->editor->textCursor().insertText(field);
    m_ui->editor->setFocus(Qt::OtherFocusReason);
}

void PayloadInput::buildFieldsMenu()
{
    QMenu *menu = m_ui->fieldsButton->menu();
    menu->clear();
    const QList<std::pair<QString, QString>> fields{
        {u"{counter}"_s, tr("message number: 1, 2, 3\u2026")},
        {u"{counter:04}"_s, tr("message number with zeros: 0001")},
        {u"{time}"_s, tr("date and time")},
        {u"{time:HH:mm:ss}"_s, tr("time of day")},
        {u"{time:unixms}"_s, tr("milliseconds since 1970")},
        {u"{random:4}"_s, tr("4 random bytes")},
        {u"{hex:0d 0a}"_s, tr("bytes in hex")},
        {u"{{"_s, tr("a literal {")},
    };
    for (const auto &[field, what] : fields) {
        QAction *action = menu->addAction(tr("%1  %2").arg(field, what));
        const QString inserted = field;
        connect(action, &QAction::triggered, this, [this, inserted] { insertField(inserted); });
    }
}

void PayloadInput::onEncodingIndexChanged(int index)
{
    if (index < 0)
        return;
    const QString name = m_ui->encodingCombo->itemText(index);
    if (name == m_encoding)
        return;
    m_encoding = name;
    schedulePreview();
    emit encodingChanged(name);
}

void PayloadInput::recall(const QString &typed, PayloadParser::Mode mode)
{
    discardHeldPaste();
    // Set the mode first: switching converts whatever the editor holds.
    {
        const QSignalBlocker blocker(m_ui->hexRadio);
        setMode(mode);
    }
    enableLineEnding(mode == PayloadParser::Mode::Text);
    updateHint();
    QTextCursor cursor(m_ui->editor->document());
    cursor.select(QTextCursor::Document);
    cursor.insertText(typed);
    m_ui->editor->moveCursor(QTextCursor::End);
    m_ui->editor->setFocus(Qt::OtherFocusReason);
    schedulePreview();
}

void PayloadInput::retranslate()
{
    // The form does not know these items: they carry data, so they are added in code.
    m_ui->lineEndingCombo->setItemText(0, tr("None"));
    m_ui->lineEndingCombo->setItemText(1, tr("\\r (CR)"));
    m_ui->lineEndingCombo->setItemText(2, tr("\\n (LF)"));
    m_ui->lineEndingCombo->setItemText(3, tr("\\r\\n (CRLF)"));
    m_ui->editor->setToolTip(tr("What to send. Ctrl+Enter sends it; Tab moves to the next control (type \\t "
                                "for a tab character).") + u'\n' + Template::fieldHint());
    m_ui->fieldsButton->setToolTip(Template::fieldHint());
    buildFieldsMenu();
    updateHint();
}
