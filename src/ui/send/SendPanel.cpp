#include "ui/send/SendPanel.h"

#include "ui_SendPanel.h"

#include "core/net/RepeatSender.h"
#include "core/text/TextCodec.h"

#include <QAccessible>
#include <QDir>
#include <QEvent>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontDatabase>
#include <QLocale>
#include <QMenu>
#include <QMimeData>
#include <QSettings>
#include <QShortcut>
#include <QTextCursor>
#include <QTextDocument>

using namespace Qt::StringLiterals;

namespace {
const QString kHistoryKey = u"send/history"_s;
const QString kLastFileDirKey = u"send/lastFileDirectory"_s;

QString modeName(PayloadParser::Mode mode)
{
    return mode == PayloadParser::Mode::Hex ? u"hex"_s : u"text"_s;
}

// Spelled out rather than "%n byte(s)": English plurals through %n need an
// English translation file, and the program ships none.
QString bytesText(qint64 n)
{
    return n == 1 ? SendPanel::tr("1 byte") : SendPanel::tr("%L1 bytes").arg(n);
}

// Decoded text written so that text mode turns it back into the same
// bytes: backslashes and the control characters that have a named escape
// are escaped, newlines stay real line breaks. Bytes that are not clean text
// in the encoding become \xHH escapes instead; the caller checks the round
// trip either way.
QString escapedText(const QByteArray &bytes, const QString &encoding)
{
    const TextCodec::Decoded decoded = TextCodec::decode(bytes, encoding);
    if (decoded.hasErrors() || !decoded.error.isEmpty())
        return TextCodec::toEscaped(bytes);
    QString out;
    out.reserve(decoded.text.size());
    for (QChar c : decoded.text) {
        switch (c.unicode()) {
        case u'\\': out += u"\\\\"_s; break;
        case u'\r': out += u"\\r"_s; break;
        case u'\t': out += u"\\t"_s; break;
        case 0: out += u"\\0"_s; break;
        default:
            if (c != u'\n' && (c.unicode() < 0x20 || c.unicode() == 0x7f))
                return TextCodec::toEscaped(bytes);
            out += c;
        }
    }
    return out;
}

qsizetype longestLine(const QString &text)
{
    qsizetype longest = 0;
    qsizetype start = 0;
    while (start <= text.size()) {
        qsizetype end = text.indexOf(u'\n', start);
        if (end < 0)
            end = text.size();
        longest = qMax(longest, end - start);
        start = end + 1;
    }
    return longest;
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

// A history entry as one menu line: its first line, shortened, with the
// line breaks it hides made visible.
QString menuLabel(const SendPanel::HistoryEntry &entry)
{
    QString shown = entry.text.left(60);
    shown.replace(u'\n', u'\u23CE');
    shown.replace(u'\t', u'\u2192');
    shown.replace(u'&', u"&&"_s);
    if (entry.text.size() > 60)
        shown += u'\u2026';
    return entry.mode == PayloadParser::Mode::Hex ? SendPanel::tr("[hex] %1").arg(shown)
                                                  : SendPanel::tr("[text] %1").arg(shown);
}
} // namespace

SendPanel::Editor::Editor(QWidget *parent)
    : QPlainTextEdit(parent)
{
}

void SendPanel::Editor::insertFromMimeData(const QMimeData *source)
{
    if (m_handler && source && source->hasText() && m_handler(source->text()))
        return;
    QPlainTextEdit::insertFromMimeData(source);
}

SendPanel::SendPanel(QWidget *parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::SendPanel>())
    , m_repeat(new RepeatSender(this))
{
    m_ui->setupUi(this);

    const QFont fixed = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    m_ui->editor->setFont(fixed);
    m_ui->previewEdit->setFont(fixed);

    m_ui->encodingCombo->addItems(TextCodec::encodings());
    m_encoding = m_ui->encodingCombo->currentText();
    m_ui->lineEndingCombo->addItem(QString(), int(LineEnding::None));
    m_ui->lineEndingCombo->addItem(QString(), int(LineEnding::LF));
    m_ui->lineEndingCombo->addItem(QString(), int(LineEnding::CRLF));

    auto *historyMenu = new QMenu(m_ui->historyButton);
    m_ui->historyButton->setMenu(historyMenu);

    m_previewTimer.setSingleShot(true);
    m_previewTimer.setInterval(kPreviewDelayMs);

    connect(m_ui->sendButton, &QPushButton::clicked, this, &SendPanel::onSendClicked);
    connect(m_ui->sendFileButton, &QPushButton::clicked, this, &SendPanel::onSendFileClicked);
    connect(m_ui->repeatStartButton, &QPushButton::clicked, this, &SendPanel::onRepeatStartClicked);
    connect(m_ui->repeatStopButton, &QPushButton::clicked, this, &SendPanel::onRepeatStopClicked);
    connect(m_ui->editor, &QPlainTextEdit::textChanged, this, &SendPanel::onTextChanged);
    connect(&m_previewTimer, &QTimer::timeout, this, &SendPanel::onPreviewTimeout);
    connect(m_ui->hexRadio, &QRadioButton::toggled, this, &SendPanel::onModeToggled);
    connect(m_ui->encodingCombo, &QComboBox::currentIndexChanged, this, &SendPanel::onEncodingIndexChanged);
    connect(m_ui->lineEndingCombo, &QComboBox::currentIndexChanged, this, &SendPanel::onLineEndingIndexChanged);
    connect(historyMenu, &QMenu::aboutToShow, this, &SendPanel::onHistoryMenuAboutToShow);
    connect(historyMenu, &QMenu::triggered, this, &SendPanel::onHistoryActionTriggered);
    connect(m_repeat, &RepeatSender::progress, this, &SendPanel::onRepeatProgress);
    connect(m_repeat, &RepeatSender::finished, this, &SendPanel::onRepeatFinished);

    // Both Return keys: laptops have no keypad Enter, keypads send Key_Enter.
    for (const auto key : {Qt::Key_Return, Qt::Key_Enter}) {
        auto *shortcut = new QShortcut(QKeySequence(Qt::CTRL | key), this);
        shortcut->setContext(Qt::WidgetWithChildrenShortcut);
        connect(shortcut, &QShortcut::activated, this, &SendPanel::onSendClicked);
    }

    m_ui->messageLabel->hide();
    m_ui->whyNotLabel->hide();
    m_ui->largeInputBar->hide();
    m_ui->editor->setLargeInsertHandler([this](const QString &text) { return onLargeInsert(text); });
    connect(m_ui->discardLargeButton, &QPushButton::clicked, this, &SendPanel::onDiscardLargeClicked);
    retranslateLineEndings();
    applyColors();
    updateHint();
    updateSendControls();
    loadHistory();
    rebuildHistoryMenu();
    onPreviewTimeout();
}

SendPanel::~SendPanel() = default;

QPlainTextEdit *SendPanel::editor() const
{
    return m_ui->editor;
}

void SendPanel::setSender(Sender sender)
{
    m_sender = std::move(sender);
}

void SendPanel::setEncoding(const QString &encoding)
{
    const QString canonical = TextCodec::canonicalName(encoding);
    if (canonical.isEmpty())
        return;
    const int index = m_ui->encodingCombo->findText(canonical);
    if (index >= 0)
        m_ui->encodingCombo->setCurrentIndex(index);   // onEncodingIndexChanged emits
}

void SendPanel::setMode(PayloadParser::Mode mode)
{
    if (mode == PayloadParser::Mode::Hex)
        m_ui->hexRadio->setChecked(true);
    else
        m_ui->textRadio->setChecked(true);
}

PayloadParser::Mode SendPanel::mode() const
{
    return m_ui->hexRadio->isChecked() ? PayloadParser::Mode::Hex : PayloadParser::Mode::Text;
}

void SendPanel::setLineEnding(LineEnding ending)
{
    const int index = m_ui->lineEndingCombo->findData(int(ending));
    if (index >= 0)
        m_ui->lineEndingCombo->setCurrentIndex(index);
}

SendPanel::LineEnding SendPanel::lineEnding() const
{
    return LineEnding(m_ui->lineEndingCombo->currentData().toInt());
}

void SendPanel::setSendEnabled(bool on, const QString &whyNot)
{
    m_sendEnabled = on;
    m_whyNot = on ? QString() : whyNot;
    if (!on && m_repeat->isRunning())
        m_repeat->stop();
    updateSendControls();
}

QString SendPanel::whyNotText() const
{
    return m_whyNot.isEmpty() ? tr("Sending is not possible now: nothing was sent") : m_whyNot;
}

bool SendPanel::isRepeating() const
{
    return m_repeat->isRunning();
}

QString SendPanel::message() const
{
    return m_messageKind == MessageKind::None ? QString() : m_ui->messageLabel->text();
}

// ---- parsing and preview ----------------------------------------------------

PayloadParser::Result SendPanel::parseInput(const QString &text) const
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

PayloadParser::Result SendPanel::payload() const
{
    return parseInput(inputText());
}

QString SendPanel::inputText() const
{
    return hasHeldInput() ? m_held : m_ui->editor->toPlainText();
}

bool SendPanel::onLargeInsert(const QString &pasted)
{
    if (pasted.size() <= kLivePreviewChars && longestLine(pasted) <= kMaxEditorLineChars)
        return false;
    // The paste lands where the editor would have put it.
    const QTextCursor cursor = m_ui->editor->textCursor();
    if (m_ui->editor->document()->isEmpty()) {
        m_held = pasted;   // shared with the clipboard's copy: no second 200 MB for 100 Mi characters
    } else {
        const QString before = m_ui->editor->toPlainText();
        m_held = before.left(cursor.selectionStart()) + pasted + before.mid(cursor.selectionEnd());
    }
    m_showingHeld = true;
    m_ui->editor->setPlainText(m_held.left(kHeldShownChars));
    m_ui->editor->setReadOnly(true);
    m_showingHeld = false;
    m_ui->largeInputLabel->setText(tr("Large paste held outside the editor: %L1 characters, the first %L2 shown. "
                                      "Send checks and sends all of it.")
                                       .arg(m_held.size())
                                       .arg(qMin(m_held.size(), kHeldShownChars)));
    m_ui->largeInputBar->show();
    if (m_messageKind == MessageKind::InputError)
        clearMessage();
    m_ui->editor->setExtraSelections({});
    onPreviewTimeout();
    return true;
}

void SendPanel::discardHeldInput()
{
    if (!hasHeldInput())
        return;
    m_held = QString();
    m_showingHeld = true;
    m_ui->editor->clear();
    m_showingHeld = false;
    m_ui->editor->setReadOnly(false);
    m_ui->largeInputBar->hide();
    if (m_messageKind == MessageKind::InputError)
        clearMessage();
    schedulePreview();
}

void SendPanel::onDiscardLargeClicked()
{
    discardHeldInput();
    m_ui->editor->setFocus(Qt::OtherFocusReason);
}

void SendPanel::schedulePreview()
{
    m_previewTimer.start();
}

void SendPanel::onTextChanged()
{
    if (m_showingHeld)
        return;
    if (hasHeldInput()) {
        // Someone (the page) put new text in the editor: it replaces the held paste.
        m_held = QString();
        m_ui->editor->setReadOnly(false);
        m_ui->largeInputBar->hide();
    }
    // The old mark points at text that may have moved; the preview parse
    // puts it back where the error now is.
    if (!m_ui->editor->extraSelections().isEmpty())
        m_ui->editor->setExtraSelections({});
    schedulePreview();
}

void SendPanel::onPreviewTimeout()
{
    const QTextDocument *doc = m_ui->editor->document();
    // characterCount() counts the final paragraph separator too.
    const qsizetype chars = hasHeldInput() ? m_held.size() : doc->characterCount() - 1;
    if (chars > kLivePreviewChars) {
        showLargePreview(chars);
        return;
    }
    const QString text = inputText();
    const PayloadParser::Result result = parseInput(text);
    if (!result.ok()) {
        m_ui->previewEdit->clear();
        m_ui->byteCountLabel->clear();
        // Nobody needs to be told that an empty editor is empty before
        // they try to send it.
        if (text.isEmpty()) {
            m_ui->previewEdit->setPlaceholderText(tr("nothing typed yet"));
            if (m_messageKind == MessageKind::InputError)
                clearMessage();
        } else {
            m_ui->previewEdit->setPlaceholderText(tr("none until the input is fixed"));
            showInputError(result, false);
        }
        return;
    }
    if (m_messageKind == MessageKind::InputError)
        clearMessage();
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

void SendPanel::setWireBytes(WireBytes wire)
{
    m_wire = std::move(wire);
    schedulePreview();
}

void SendPanel::refreshPreview()
{
    schedulePreview();
}

void SendPanel::showLargePreview(qsizetype chars)
{
    // Only the beginning is parsed, so the cost does not grow with the input:
    // its first bytes are shown, and an error among them is shown at once.
    const QString text = hasHeldInput() ? m_held : m_ui->editor->toPlainText();
    const qsizetype perByte = mode() == PayloadParser::Mode::Hex ? 3 : 1;
    const QString head = text.left(previewCut(text, kPreviewBytes * perByte, mode()));
    const PayloadParser::Result result = PayloadParser::parse(head, mode(), m_encoding, true);
    m_ui->byteCountLabel->setText(tr("large input, %L1 characters: all of it is checked when you send").arg(chars));
    if (!result.ok()) {
        m_ui->previewEdit->clear();
        m_ui->previewEdit->setPlaceholderText(tr("none until the input is fixed"));
        showInputError(result, false);
        return;
    }
    if (m_messageKind == MessageKind::InputError)
        clearMessage();
    const QByteArrayView first = QByteArrayView(result.bytes).first(qMin(result.bytes.size(), kPreviewBytes));
    m_ui->previewEdit->setText(TextCodec::toHex(first) + u" \u2026"_s);
    m_ui->previewEdit->setCursorPosition(0);
}

// ---- messages ---------------------------------------------------------------

void SendPanel::showMessage(MessageKind kind, const QString &text)
{
    m_messageKind = kind;
    const bool error = kind == MessageKind::InputError || kind == MessageKind::SendError;
    // The sign says "error" to those who cannot tell the colour.
    m_ui->messageLabel->setText(error ? u"\u26A0 "_s + text : text);
    m_ui->messageLabel->setVisible(!text.isEmpty());
    applyColors();
    if (error) {
        QAccessibleEvent alert(m_ui->messageLabel, QAccessible::Alert);
        QAccessible::updateAccessibility(&alert);
    }
}

void SendPanel::clearMessage()
{
    m_messageKind = MessageKind::None;
    m_ui->messageLabel->clear();
    m_ui->messageLabel->hide();
}

void SendPanel::showInputError(const PayloadParser::Result &result, bool moveCursor)
{
    showMessage(MessageKind::InputError, result.error);
    // A held paste is not in the editor: the message's line and column are all there is.
    const int position = hasHeldInput() ? -1 : result.position;
    markErrorAt(position);
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

void SendPanel::markErrorAt(int position)
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
    QColor error = m_ui->messageLabel->palette().color(QPalette::WindowText);
    mark.format.setUnderlineStyle(QTextCharFormat::WaveUnderline);
    mark.format.setUnderlineColor(error);
    error.setAlpha(60);
    mark.format.setBackground(error);
    m_ui->editor->setExtraSelections({mark});
}

void SendPanel::applyColors()
{
    // The palette decides light or dark; one fixed red is unreadable on one of them.
    const QPalette base = palette();
    const bool dark = base.color(QPalette::Window).lightness() < 128;
    QPalette message = base;
    if (m_messageKind == MessageKind::InputError || m_messageKind == MessageKind::SendError)
        message.setColor(QPalette::WindowText, dark ? QColor(0xff, 0x8a, 0x80) : QColor(0xb0, 0x00, 0x20));
    m_ui->messageLabel->setPalette(message);
    QPalette muted = base;
    muted.setColor(QPalette::WindowText, base.color(QPalette::PlaceholderText));
    m_ui->hintLabel->setPalette(muted);
    m_ui->whyNotLabel->setPalette(muted);
    m_ui->byteCountLabel->setPalette(muted);
    // The preview reads as a line of the panel, not as a field to type in.
    QPalette preview = base;
    preview.setColor(QPalette::Base, base.color(QPalette::Window));
    m_ui->previewEdit->setPalette(preview);
}

void SendPanel::updateHint()
{
    if (mode() == PayloadParser::Mode::Hex) {
        m_ui->hintLabel->setText(tr("Hex: two digits per byte, e.g. 48 65 6c, 48656c or 0x48,0x65; "
                                    "spaces, commas, colons and dashes separate. Ctrl+Enter sends."));
    } else {
        m_ui->hintLabel->setText(tr("Escapes: \\r \\n \\t \\0 \\\\ and \\xHH (one raw byte). Ctrl+Enter sends."));
    }
}

void SendPanel::updateSendControls()
{
    const bool repeating = m_repeat->isRunning();
    m_ui->sendButton->setEnabled(m_sendEnabled);
    m_ui->sendFileButton->setEnabled(m_sendEnabled);
    m_ui->repeatStartButton->setEnabled(m_sendEnabled && !repeating);
    m_ui->repeatStopButton->setEnabled(repeating);
    m_ui->repeatCountSpin->setEnabled(!repeating);
    m_ui->repeatIntervalSpin->setEnabled(!repeating);
    m_ui->whyNotLabel->setText(m_sendEnabled ? QString() : m_whyNot);
    m_ui->whyNotLabel->setVisible(!m_sendEnabled && !m_whyNot.isEmpty());
    m_ui->whyNotLabel->setToolTip(m_whyNot);
    m_ui->sendButton->setToolTip(m_sendEnabled ? tr("Send the payload (Ctrl+Enter)")
                                               : tr("Cannot send: %1").arg(whyNotText()));
}

// ---- mode, encoding, line ending ---------------------------------------------

void SendPanel::onModeToggled(bool hex)
{
    convertEditorText(hex ? PayloadParser::Mode::Text : PayloadParser::Mode::Hex,
                      hex ? PayloadParser::Mode::Hex : PayloadParser::Mode::Text);
    m_ui->lineEndingCombo->setEnabled(!hex);
    m_ui->lineEndingLabel->setEnabled(!hex);
    updateHint();
    schedulePreview();
}

void SendPanel::convertEditorText(PayloadParser::Mode from, PayloadParser::Mode to)
{
    const QTextDocument *doc = m_ui->editor->document();
    if (hasHeldInput() || doc->isEmpty() || doc->characterCount() - 1 > kLivePreviewChars)
        return;
    const QString text = m_ui->editor->toPlainText();
    const PayloadParser::Result parsed = PayloadParser::parse(text, from, m_encoding, true);
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

void SendPanel::onEncodingIndexChanged(int index)
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

void SendPanel::onLineEndingIndexChanged(int)
{
    schedulePreview();
}

// ---- sending ------------------------------------------------------------------

SendResult SendPanel::deliver(const QByteArray &bytes)
{
    if (!m_sender)
        return SendResult::failure(tr("There is nowhere to send to: nothing was sent"));
    return m_sender(bytes);
}

void SendPanel::onSendClicked()
{
    send();
}

bool SendPanel::send()
{
    if (!m_sendEnabled) {
        showMessage(MessageKind::SendError, whyNotText());
        return false;
    }
    const QString text = inputText();
    const PayloadParser::Result result = parseInput(text);
    if (!result.ok()) {
        showInputError(result, true);
        return false;
    }
    const SendResult sentResult = deliver(result.bytes);
    if (!sentResult.ok()) {
        showMessage(MessageKind::SendError, sentResult.error);
        return false;
    }
    showMessage(MessageKind::Info, tr("Sent %1.").arg(bytesText(sentResult.bytes)));
    addToHistory(text, mode());
    emit sent(sentResult.bytes);
    return true;
}

void SendPanel::onSendFileClicked()
{
    QSettings settings;
    const QString dir = settings.value(kLastFileDirKey, QDir::homePath()).toString();
    const QString path = QFileDialog::getOpenFileName(this, tr("Send File"), dir);
    if (path.isEmpty())
        return;
    settings.setValue(kLastFileDirKey, QFileInfo(path).absolutePath());
    sendFile(path);
}

bool SendPanel::sendFile(const QString &path)
{
    if (!m_sendEnabled) {
        showMessage(MessageKind::SendError, whyNotText());
        return false;
    }
    const QFileInfo info(path);
    const QString shown = QDir::toNativeSeparators(path);
    const QLocale locale;
    const auto fail = [this](const QString &why) {
        showMessage(MessageKind::SendError, why);
        return false;
    };
    if (!info.exists())
        return fail(tr("\u201c%1\u201d does not exist: nothing was sent").arg(shown));
    // A FIFO or device would block the GUI on read, or never end.
    if (!info.isFile())
        return fail(tr("\u201c%1\u201d is not a regular file: nothing was sent").arg(shown));
    if (info.size() > kMaxFileBytes) {
        return fail(tr("\u201c%1\u201d is %2; files up to %3 can be sent: nothing was sent")
                        .arg(shown, locale.formattedDataSize(info.size()), locale.formattedDataSize(kMaxFileBytes)));
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(tr("Cannot read \u201c%1\u201d: %2. Nothing was sent.").arg(shown, file.errorString()));
    // One byte over the limit tells a file that grew since it was checked.
    const QByteArray data = file.read(kMaxFileBytes + 1);
    if (file.error() != QFileDevice::NoError)
        return fail(tr("Cannot read \u201c%1\u201d: %2. Nothing was sent.").arg(shown, file.errorString()));
    if (data.size() > kMaxFileBytes) {
        return fail(tr("\u201c%1\u201d is larger than %2: nothing was sent")
                        .arg(shown, locale.formattedDataSize(kMaxFileBytes)));
    }
    if (data.isEmpty())
        return fail(tr("\u201c%1\u201d is empty: nothing was sent").arg(shown));
    const SendResult result = deliver(data);
    if (!result.ok())
        return fail(result.error);
    showMessage(MessageKind::Info, tr("Sent \u201c%1\u201d: %2.").arg(info.fileName(), bytesText(result.bytes)));
    emit sent(result.bytes);
    return true;
}

// ---- repeat -------------------------------------------------------------------

void SendPanel::onRepeatStartClicked()
{
    startRepeat();
}

void SendPanel::onRepeatStopClicked()
{
    stopRepeat();
}

bool SendPanel::startRepeat()
{
    if (m_repeat->isRunning())
        return false;
    if (!m_sendEnabled) {
        showMessage(MessageKind::SendError, whyNotText());
        return false;
    }
    const QString text = inputText();
    const PayloadParser::Result result = parseInput(text);
    if (!result.ok()) {
        showInputError(result, true);
        return false;
    }
    const int count = m_ui->repeatCountSpin->value();
    m_repeatEntry = HistoryEntry{text, mode()};
    m_repeatBytesReported = 0;
    // Through deliver(), not a copy of the sender: a page that changes the
    // destination mid-repeat (another client selected) is obeyed.
    if (!m_repeat->start(result.bytes, count, m_ui->repeatIntervalSpin->value(),
                         [this](const QByteArray &bytes) { return deliver(bytes); })) {
        showMessage(MessageKind::SendError, m_repeat->errorString());
        return false;
    }
    clearMessage();
    m_progressClock.start();
    m_ui->repeatProgressLabel->setText(repeatProgressText(0, count));
    updateSendControls();
    m_ui->repeatStopButton->setFocus(Qt::OtherFocusReason);
    return true;
}

QString SendPanel::repeatProgressText(int done, int total)
{
    return total == RepeatSender::kUntilStopped ? tr("%L1/∞").arg(done) : tr("%L1/%L2").arg(done).arg(total);
}

void SendPanel::stopRepeat()
{
    m_repeat->stop();
}

void SendPanel::onRepeatProgress(int done, int total)
{
    const qint64 bytes = m_repeat->bytesSent();
    const qint64 delta = bytes - m_repeatBytesReported;
    m_repeatBytesReported = bytes;
    if (done == 1)
        addToHistory(m_repeatEntry.text, m_repeatEntry.mode);
    // At interval 0 a label update per send would cost more than the send.
    if (done == total || m_progressClock.elapsed() >= 50) {
        m_ui->repeatProgressLabel->setText(repeatProgressText(done, total));
        m_progressClock.restart();
    }
    emit sent(delta);
}

void SendPanel::onRepeatFinished(bool ok, const QString &error)
{
    m_ui->repeatProgressLabel->setText(repeatProgressText(m_repeat->done(), m_repeat->total()));
    const bool hadFocus = m_ui->repeatStopButton->hasFocus();
    updateSendControls();
    if (hadFocus)
        m_ui->repeatStartButton->setFocus(Qt::OtherFocusReason);
    if (ok) {
        showMessage(MessageKind::Info, tr("Repeat done: sent %L1 times, %2 in all.")
                                           .arg(m_repeat->done())
                                           .arg(bytesText(m_repeat->bytesSent())));
    } else if (m_repeat->wasStopped()) {
        showMessage(MessageKind::Info, error);
    } else {
        showMessage(MessageKind::SendError, error);
    }
}

// ---- history ------------------------------------------------------------------

void SendPanel::loadHistory()
{
    m_history.clear();
    const QVariantList stored = QSettings().value(kHistoryKey).toList();
    for (const QVariant &item : stored) {
        const QVariantMap map = item.toMap();
        HistoryEntry entry;
        entry.text = map.value(u"text"_s).toString();
        if (entry.text.isEmpty() || !PayloadParser::modeFromName(map.value(u"mode"_s).toString(), &entry.mode))
            continue;
        if (!m_history.contains(entry))
            m_history.append(entry);
        if (m_history.size() >= kHistorySize)
            break;
    }
}

void SendPanel::saveHistory() const
{
    QVariantList list;
    for (const HistoryEntry &entry : m_history)
        list.append(QVariantMap{{u"mode"_s, modeName(entry.mode)}, {u"text"_s, entry.text}});
    QSettings().setValue(kHistoryKey, list);
}

void SendPanel::addToHistory(const QString &text, PayloadParser::Mode mode)
{
    if (text.isEmpty() || text.size() > kMaxHistoryChars)
        return;
    // Other panels may have added entries since this one last looked.
    loadHistory();
    const HistoryEntry entry{text, mode};
    m_history.removeAll(entry);
    m_history.prepend(entry);
    while (m_history.size() > kHistorySize)
        m_history.removeLast();
    saveHistory();
    rebuildHistoryMenu();
}

void SendPanel::clearHistory()
{
    m_history.clear();
    QSettings().remove(kHistoryKey);
    rebuildHistoryMenu();
}

void SendPanel::restoreHistory(int index)
{
    if (index < 0 || index >= m_history.size())
        return;
    const HistoryEntry entry = m_history.at(index);
    discardHeldInput();
    // Set the mode first: switching converts whatever the editor holds.
    {
        const QSignalBlocker blocker(m_ui->hexRadio);
        setMode(entry.mode);
    }
    m_ui->lineEndingCombo->setEnabled(entry.mode == PayloadParser::Mode::Text);
    m_ui->lineEndingLabel->setEnabled(entry.mode == PayloadParser::Mode::Text);
    updateHint();
    QTextCursor cursor(m_ui->editor->document());
    cursor.select(QTextCursor::Document);
    cursor.insertText(entry.text);
    m_ui->editor->moveCursor(QTextCursor::End);
    m_ui->editor->setFocus(Qt::OtherFocusReason);
    schedulePreview();
}

void SendPanel::onHistoryMenuAboutToShow()
{
    loadHistory();
    rebuildHistoryMenu();
}

void SendPanel::rebuildHistoryMenu()
{
    QMenu *menu = m_ui->historyButton->menu();
    menu->clear();
    if (m_history.isEmpty()) {
        QAction *none = menu->addAction(tr("No payloads sent yet"));
        none->setEnabled(false);
        return;
    }
    for (int i = 0; i < m_history.size(); ++i) {
        QAction *action = menu->addAction(menuLabel(m_history.at(i)));
        action->setData(i);
        action->setToolTip(m_history.at(i).text.left(500));
    }
    menu->addSeparator();
    QAction *clear = menu->addAction(tr("Clear History"));
    clear->setData(-1);
}

void SendPanel::onHistoryActionTriggered(QAction *action)
{
    bool ok = false;
    const int index = action->data().toInt(&ok);
    if (!ok)
        return;
    if (index < 0)
        clearHistory();
    else
        restoreHistory(index);
}

void SendPanel::retranslateLineEndings()
{
    // The form does not know these items: they carry data, so they are added in code.
    m_ui->lineEndingCombo->setItemText(0, tr("None"));
    m_ui->lineEndingCombo->setItemText(1, tr("\\n (LF)"));
    m_ui->lineEndingCombo->setItemText(2, tr("\\r\\n (CRLF)"));
}

void SendPanel::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    switch (event->type()) {
    case QEvent::PaletteChange:
        applyColors();
        break;
    case QEvent::LanguageChange:
        m_ui->retranslateUi(this);
        retranslateLineEndings();
        updateHint();
        updateSendControls();
        rebuildHistoryMenu();
        break;
    default:
        break;
    }
}
