#include "ui/send/SendPanel.h"

#include "ui_SendPanel.h"

#include "core/net/RepeatSender.h"
#include "core/net/Session.h"
#include "ui/send/FileToSend.h"

#include <QAccessible>
#include <QCheckBox>
#include <QDir>
#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QMenu>
#include <QMimeData>
#include <QSettings>
#include <QShortcut>
#include <QTextCursor>
#include <QToolButton>

#include <climits>

using namespace Qt::StringLiterals;

namespace {
const QString kLastFileDirKey = u"send/lastFileDirectory"_s;
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
    , m_random(QRandomGenerator::global()->generate())
{
    m_ui->setupUi(this);
    m_input = new PayloadInput(m_ui.get(), this);
    auto *historyMenu = new QMenu(m_ui->historyButton);
    m_ui->historyButton->setMenu(historyMenu);
    m_history = new SendHistory(historyMenu, this);

    connect(m_ui->sendButton, &QPushButton::clicked, this, &SendPanel::onSendClicked);
    connect(m_ui->sendFileButton, &QPushButton::clicked, this, &SendPanel::onSendFileClicked);
    connect(m_ui->repeatStartButton, &QPushButton::clicked, this, &SendPanel::onRepeatStartClicked);
    connect(m_ui->repeatStopButton, &QPushButton::clicked, this, &SendPanel::onRepeatStopClicked);
    connect(m_input, &PayloadInput::encodingChanged, this, &SendPanel::encodingChanged);
    connect(m_input, &PayloadInput::lineEndingChanged, this, &SendPanel::lineEndingChanged);
    connect(m_ui->convertButton, &QToolButton::clicked, this, &SendPanel::onConvertClicked);
    connect(m_ui->clearAfterSendCheck, &QCheckBox::toggled, this, &SendPanel::onClearAfterSendToggled);
    m_input->setContextSource([this] { return messageContext(&m_random); });
    connect(m_input, &PayloadInput::inputErrorFound, this, &SendPanel::onInputErrorFound);
    connect(m_input, &PayloadInput::inputErrorCleared, this, &SendPanel::onInputErrorCleared);
    connect(m_history, &SendHistory::recalled, this, &SendPanel::onHistoryRecalled);
    setRepeater(m_repeat);

    // Both Return keys: laptops have no keypad Enter, keypads send Key_Enter.
    for (const auto key : {Qt::Key_Return, Qt::Key_Enter}) {
        auto *shortcut = new QShortcut(QKeySequence(Qt::CTRL | key), this);
        shortcut->setContext(Qt::WidgetWithChildrenShortcut);
        connect(shortcut, &QShortcut::activated, this, &SendPanel::onSendClicked);
    }

    m_ui->messageLabel->hide();
    m_ui->whyNotLabel->hide();
    applyColors();
    updateSendControls();
    m_input->previewNow();
}

SendPanel::~SendPanel()
{
    // The session's repeater outlives the panel: a repeat sending through
    // this panel's deliver() must end with it.
    disconnect(m_repeat, nullptr, this, nullptr);
    if (m_repeatIsOurs)
        m_repeat->stop();
}

void SendPanel::setRepeater(RepeatSender *repeat)
{
    if (!repeat)
        return;
    if (repeat != m_repeat) {
        disconnect(m_repeat, nullptr, this, nullptr);
        if (m_repeatIsOurs)
            m_repeat->stop();
        if (m_repeat->parent() == this)
            delete m_repeat;
        m_repeat = repeat;
        m_repeatIsOurs = false;
    }
    connect(m_repeat, &RepeatSender::started, this, &SendPanel::onRepeatStarted, Qt::UniqueConnection);
    connect(m_repeat, &RepeatSender::progress, this, &SendPanel::onRepeatProgress, Qt::UniqueConnection);
    connect(m_repeat, &RepeatSender::finished, this, &SendPanel::onRepeatFinished, Qt::UniqueConnection);
    if (m_repeat->isRunning())
        onRepeatStarted();
    updateSendControls();
}

QPlainTextEdit *SendPanel::editor() const
{
    return m_ui->editor;
}

void SendPanel::setSender(Sender sender)
{
    m_sender = std::move(sender);
}

void SendPanel::setWireBytes(WireBytes wire)
{
    m_input->setWireBytes(std::move(wire));
}

void SendPanel::refreshPreview()
{
    m_input->schedulePreview();
}

void SendPanel::setEncoding(const QString &encoding)
{
    m_input->setEncoding(encoding);
}

QString SendPanel::encoding() const
{
    return m_input->encoding();
}

void SendPanel::setMode(PayloadParser::Mode mode)
{
    m_input->setMode(mode);
}

PayloadParser::Mode SendPanel::mode() const
{
    return m_input->mode();
}

void SendPanel::setLineEnding(LineEnding ending)
{
    m_input->setLineEnding(ending);
}

SendPanel::LineEnding SendPanel::lineEnding() const
{
    return m_input->lineEnding();
}

void SendPanel::setSession(Session *session)
{
    m_session = session;
    m_input->schedulePreview();
}

void SendPanel::setClearAfterSend(bool on)
{
    m_ui->clearAfterSendCheck->setChecked(on);   // onClearAfterSendToggled emits
}

bool SendPanel::clearAfterSend() const
{
    return m_ui->clearAfterSendCheck->isChecked();
}

void SendPanel::onClearAfterSendToggled(bool on)
{
    emit clearAfterSendChanged(on);
}

void SendPanel::onConvertClicked()
{
    convertInput();
}

bool SendPanel::convertInput()
{
    QString why;
    if (!m_input->convert(&why)) {
        showMessage(MessageKind::SendError, why);
        return false;
    }
    clearMessage();
    return true;
}

bool SendPanel::hasHeldInput() const
{
    return m_input->hasHeldPaste();
}

void SendPanel::discardHeldInput()
{
    m_input->discardHeldPaste();
}

PayloadParser::Result SendPanel::payload() const
{
    return m_input->parse(m_input->text());
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

QString SendPanel::inputText() const
{
    return m_input->text();
}

bool SendPanel::isRepeating() const
{
    return m_repeat->isRunning();
}

QString SendPanel::message() const
{
    return m_messageKind == MessageKind::None ? QString() : m_ui->messageLabel->text();
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
    m_input->markError(result, m_ui->messageLabel->palette().color(QPalette::WindowText), moveCursor);
}

void SendPanel::onInputErrorFound(const PayloadParser::Result &result)
{
    showInputError(result, false);
}

void SendPanel::onInputErrorCleared()
{
    if (m_messageKind == MessageKind::InputError)
        clearMessage();
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

std::optional<TypedPayload> SendPanel::sendableInput(const QString &text)
{
    if (!m_sendEnabled) {
        showMessage(MessageKind::SendError, whyNotText());
        return std::nullopt;
    }
    TypedPayload typed = m_input->read(text);
    if (!typed.ok()) {
        showInputError(typed.error(), true);
        return std::nullopt;
    }
    return typed;
}

Template::Context SendPanel::messageContext(QRandomGenerator *random)
{
    Template::Context context = m_session ? m_session->templateContext() : Template::Context();
    if (!m_session)
        context.counter = m_ownCounter;
    context.random = random;
    return context;
}

SendResult SendPanel::deliverMessage(const TypedPayload &typed, const QByteArray &bytes)
{
    const SendResult result = deliver(bytes);
    if (result.ok() && typed.usesCounter()) {
        if (m_session)
            m_session->countTemplateMessage();
        else
            ++m_ownCounter;
    }
    return result;
}

bool SendPanel::send()
{
    const QString text = m_input->text();
    const std::optional<TypedPayload> typed = sendableInput(text);
    if (!typed)
        return false;
    const PayloadParser::Result message = typed->message(messageContext(&m_random));
    if (!message.ok()) {
        showInputError(message, true);
        return false;
    }
    const SendResult sentResult = deliverMessage(*typed, message.bytes);
    if (!sentResult.ok()) {
        showMessage(MessageKind::SendError, sentResult.error);
        return false;
    }
    showMessage(MessageKind::Info, tr("Sent %1.").arg(PayloadInput::bytesText(sentResult.bytes)));
    m_history->add(text, mode());
    if (clearAfterSend()) {
        // Through a cursor, so Ctrl+Z brings it back (the history has it too).
        m_input->discardHeldPaste();
        QTextCursor cursor(m_ui->editor->document());
        cursor.select(QTextCursor::Document);
        cursor.removeSelectedText();
    }
    // The counter and the random bytes moved on: the preview shows the next message.
    if (!typed->isFixed())
        m_input->schedulePreview();
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
    QString why;
    const std::optional<QByteArray> data = readFileToSend(path, kMaxFileBytes, &why);
    const SendResult result = data ? deliver(*data) : SendResult::failure(why);
    if (!result.ok()) {
        showMessage(MessageKind::SendError, result.error);
        return false;
    }
    showMessage(MessageKind::Info,
                tr("Sent \u201c%1\u201d: %2.").arg(QFileInfo(path).fileName(), PayloadInput::bytesText(result.bytes)));
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
    const QString text = m_input->text();
    const std::optional<TypedPayload> typed = sendableInput(text);
    if (!typed)
        return false;
    // The first message stands for all (an empty one is refused now); each
    // tick makes its own, so {counter} counts 1, 2, 3… (the preview's copy
    // of the generator leaves the random bytes to the sends).
    QRandomGenerator previewRandom = m_random;
    const PayloadParser::Result first = typed->message(messageContext(&previewRandom));
    if (!first.ok()) {
        showInputError(first, true);
        return false;
    }
    const int count = m_ui->repeatCountSpin->value();
    m_repeatEntry = HistoryEntry{text, mode()};
    m_repeatBytesReported = 0;
    // Through deliver(), not a copy of the sender: a page that changes the
    // destination mid-repeat (another client selected) is obeyed.
    const auto message = std::make_shared<const TypedPayload>(*typed);
    const auto sendOne = [this, message](const QByteArray &fixed) {
        if (message->isFixed())
            return deliver(fixed);
        const PayloadParser::Result next = message->message(messageContext(&m_random));
        if (!next.ok())
            return SendResult::failure(next.error);
        return deliverMessage(*message, next.bytes);
    };
    m_startingRepeat = true;
    const bool started = m_repeat->start(first.bytes, count, m_ui->repeatIntervalSpin->value(), sendOne,
                                         message->isFixed());
    m_startingRepeat = false;
    if (!started) {
        showMessage(MessageKind::SendError, m_repeat->errorString());
        return false;
    }
    m_repeatIsOurs = true;
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

void SendPanel::onRepeatStarted()
{
    if (m_startingRepeat)
        return;   // startRepeat() shows its own
    // Started elsewhere (the command line): the form shows what it does.
    m_repeatIsOurs = false;
    m_repeatEntry = {};
    m_repeatBytesReported = m_repeat->bytesSent();
    m_ui->repeatCountSpin->setValue(m_repeat->total());
    m_ui->repeatIntervalSpin->setValue(m_repeat->intervalMs());
    clearMessage();
    m_progressClock.start();
    m_ui->repeatProgressLabel->setText(repeatProgressText(m_repeat->done(), m_repeat->total()));
    updateSendControls();
}

void SendPanel::onRepeatProgress(int done, int total)
{
    const qint64 bytes = m_repeat->bytesSent();
    const qint64 delta = bytes - m_repeatBytesReported;
    m_repeatBytesReported = bytes;
    if (done == 1 && m_repeatIsOurs)
        m_history->add(m_repeatEntry.text, m_repeatEntry.mode);
    // At interval 0 a label update per send would cost more than the send.
    if (done == total || m_progressClock.elapsed() >= 50) {
        m_ui->repeatProgressLabel->setText(repeatProgressText(done, total));
        m_progressClock.restart();
    }
    emit sent(delta);
}

void SendPanel::onRepeatFinished(bool ok, const QString &error)
{
    m_input->schedulePreview();
    m_repeatIsOurs = false;
    m_ui->repeatProgressLabel->setText(repeatProgressText(m_repeat->done(), m_repeat->total()));
    const bool hadFocus = m_ui->repeatStopButton->hasFocus();
    updateSendControls();
    if (hadFocus)
        m_ui->repeatStartButton->setFocus(Qt::OtherFocusReason);
    if (ok) {
        QString text = tr("Repeat done: sent %L1 times, %2 in all.")
                           .arg(m_repeat->done())
                           .arg(PayloadInput::bytesText(m_repeat->bytesSent()));
        // The count was kept, but not the pace: say so (see SendSchedule).
        if (const qint64 skipped = m_repeat->skipped(); skipped > 0)
            text += u' ' + tr("%Ln send time(s) went by while the program was busy: skipped, not sent in a burst, "
                              "so it ended that much later.", nullptr, int(qMin<qint64>(skipped, INT_MAX)));
        showMessage(MessageKind::Info, text);
    } else if (m_repeat->wasStopped()) {
        showMessage(MessageKind::Info, error);
    } else {
        showMessage(MessageKind::SendError, error);
    }
}

// ---- history ------------------------------------------------------------------

QList<SendPanel::HistoryEntry> SendPanel::history() const
{
    return m_history->entries();
}

void SendPanel::clearHistory()
{
    m_history->clear();
}

void SendPanel::restoreHistory(int index)
{
    const QList<HistoryEntry> entries = m_history->entries();
    if (index >= 0 && index < entries.size())
        onHistoryRecalled(entries.at(index));
}

void SendPanel::onHistoryRecalled(const SendHistory::Entry &entry)
{
    m_input->recall(entry.text, entry.mode);
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
        m_input->retranslate();
        updateSendControls();
        m_history->retranslate();
        break;
    default:
        break;
    }
}
