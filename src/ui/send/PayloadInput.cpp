#include "ui/send/PayloadInput.h"

#include "ui_SendPanel.h"

#include "core/text/Escape.h"
#include "core/text/TextCodec.h"

#include <QColor>
#include <QFontDatabase>
#include <QSignalBlocker>
#include <QTextCursor>
#include <QTextDocument>

using namespace Qt::StringLiterals;

namespace {

// Decoded text written so that text mode turns it back into the same
// bytes (Escape's SendPanelLines: newlines stay real line breaks); bytes that
// are not clean text in the encoding are written as escaped bytes instead.
// The caller checks the round trip either way.
QString escapedText(const QByteArray &bytes, const QString &encoding)
{
    const TextCodec::Decoded decoded = TextCodec::decode(bytes, encoding);
    if (decoded.hasErrors() || !decoded.error.isEmpty())
        return Escape::bytes(bytes, Escape::ByteStyle::SendPanel);
    const QString lines = Escape::text(decoded.text, Escape::TextStyle::SendPanelLines);
    return lines.isNull() ? Escape::bytes(bytes, Escape::ByteStyle::SendPanel) : lines;
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
    m_ui->lineEndingCombo->addItem(QString(), int(LineEnding::None));
    m_ui->lineEndingCombo->addItem(QString(), int(LineEnding::LF));
    m_ui->lineEndingCombo->addItem(QString(), int(LineEnding::CRLF));

    m_previewTimer.setSingleShot(true);
    m_previewTimer.setInterval(kPreviewDelayMs);

    connect(m_ui->editor, &QPlainTextEdit::textChanged, this, &PayloadInput::onTextChanged);
    connect(&m_previewTimer, &QTimer::timeout, this, &PayloadInput::previewNow);
    connect(m_ui->hexRadio, &QRadioButton::toggled, this, &PayloadInput::onModeToggled);
    connect(m_ui->encodingCombo, &QComboBox::currentIndexChanged, this, &PayloadInput::onEncodingIndexChanged);
    connect(m_ui->lineEndingCombo, &QComboBox::currentIndexChanged, this, &PayloadInput::schedulePreview);
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

PayloadParser::Result PayloadInput::parse(const QString &text) const
{
    const PayloadParser::Mode m = mode();
    PayloadParser::Result result;
    if (m == PayloadParser::Mode::Text && text.size() > kLivePreviewChars && !text.contains(u'\\')) {
        // Without escapes the parser's result is the encoded text; its
        // per-character bookkeeping would cost several times the input's
        // size in memory for a pasted file.
        const TextCodec::Encoded encoded = TextCodec::encode(text, m_encoding);
        if (!encoded.ok()) {
            result.reason = encoded.error;
            result.error = encoded.error;
            if (encoded.firstUnmappable >= 0) {
                result.position = int(encoded.firstUnmappable);
                PayloadParser::locate(text, result.position, &result.line, &result.column);
                result.error = PayloadParser::describe(result.reason, result.line, result.column);
            }
            return result;
        }
        result.bytes = encoded.bytes;
    } else {
        // Empty is allowed here: a bare line ending is a payload.
        result = PayloadParser::parse(text, m, m_encoding, true);
        if (!result.ok())
            return result;
    }
    if (m == PayloadParser::Mode::Text && lineEnding() != LineEnding::None) {
        // Encoded like the text, so a UTF-16 line ends in 0a 00.
        const QString ending = lineEnding() == LineEnding::LF ? u"\n"_s : u"\r\n"_s;
        result.bytes += TextCodec::encode(ending, m_encoding).bytes;
    }
    if (result.bytes.isEmpty()) {
        result.reason = tr("Nothing to send: the payload is empty");
        result.error = result.reason;
    }
    return result;
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
    const PayloadParser::Result result = parse(input);
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
    // Only the beginning is parsed, so the cost does not grow with the input:
    // its first bytes are shown, and an error among them is shown at once.
    const QString input = text();
    const qsizetype perByte = mode() == PayloadParser::Mode::Hex ? 3 : 1;
    const QString head = input.left(previewCut(input, kPreviewBytes * perByte, mode()));
    const PayloadParser::Result result = PayloadParser::parse(head, mode(), m_encoding, true);
    m_ui->byteCountLabel->setText(tr("large input, %L1 characters: all of it is checked when you send").arg(chars));
    if (!result.ok()) {
        m_ui->previewEdit->clear();
        m_ui->previewEdit->setPlaceholderText(tr("none until the input is fixed"));
        emit inputErrorFound(result);
        return;
    }
    emit inputErrorCleared();
    const QByteArrayView first = QByteArrayView(result.bytes).first(qMin(result.bytes.size(), kPreviewBytes));
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
    } else {
        m_ui->hintLabel->setText(tr("Escapes: \\r \\n \\t \\0 \\\\ and \\xHH (one raw byte). Ctrl+Enter sends."));
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
    const QString typed = m_ui->editor->toPlainText();
    const PayloadParser::Result parsed = PayloadParser::parse(typed, from, m_encoding, true);
    if (!parsed.ok() || parsed.bytes.isEmpty())
        return;
    const QString converted = to == PayloadParser::Mode::Hex ? TextCodec::toHex(parsed.bytes)
                                                             : escapedText(parsed.bytes, m_encoding);
    // A conversion that would change a single byte is no conversion.
    const PayloadParser::Result back = PayloadParser::parse(converted, to, m_encoding, true);
    if (!back.ok() || back.bytes != parsed.bytes)
        return;
    // Through a cursor, so one Ctrl+Z brings the old text back.
    QTextCursor cursor(m_ui->editor->document());
    cursor.select(QTextCursor::Document);
    cursor.insertText(converted);
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
    m_ui->lineEndingCombo->setItemText(1, tr("\\n (LF)"));
    m_ui->lineEndingCombo->setItemText(2, tr("\\r\\n (CRLF)"));
    updateHint();
}
