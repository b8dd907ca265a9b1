#pragma once

#include "core/commands/TypedPayload.h"
#include "core/net/SendResult.h"
#include "core/text/PayloadParser.h"
#include "ui/send/HeldPaste.h"
#include "ui/send/PayloadInput.h"
#include "ui/send/SendHistory.h"

#include <QElapsedTimer>
#include <QList>
#include <QPlainTextEdit>
#include <QPointer>
#include <QRandomGenerator>
#include <QString>
#include <QWidget>

#include <functional>
#include <memory>
#include <optional>

namespace Ui {
class SendPanel;
}
class QMimeData;
class RepeatSender;
class Session;

// Where the user types what to send: text (with escapes, in an encoding,
// with an optional line ending) or hex, with dynamic fields ({counter},
// {time}, … : a Template filled in for every message), a live preview of
// the exact bytes of the next message,
// Send / Ctrl+Enter, a history of sent payloads, a timed repeat and
// "Send file…". The page that embeds it decides where the bytes go
// (setSender) and whether sending is possible now (setSendEnabled).
// Input errors and send errors are shown under the editor; on an error
// nothing is sent.
//
// The panel sends and says what happened; what the input is and the bytes
// it makes are PayloadInput's, the history is SendHistory's.
class SendPanel : public QWidget
{
    Q_OBJECT
public:
    using Sender = std::function<SendResult(const QByteArray &)>;
    using LineEnding = PayloadInput::LineEnding;
    using WireBytes = PayloadInput::WireBytes;
    using HistoryEntry = SendHistory::Entry;

    static constexpr int kHistorySize = SendHistory::kSize;
    static constexpr qsizetype kMaxHistoryChars = SendHistory::kMaxChars;
    static constexpr qsizetype kLivePreviewChars = PayloadInput::kLivePreviewChars;
    static constexpr qsizetype kPreviewBytes = PayloadInput::kPreviewBytes;
    static constexpr qint64 kMaxFileBytes = 64 * 1024 * 1024;
    static constexpr int kPreviewDelayMs = PayloadInput::kPreviewDelayMs;
    static constexpr qsizetype kMaxEditorLineChars = HeldPaste::kMaxLineChars;
    static constexpr qsizetype kHeldShownChars = HeldPaste::kShownChars;

    // The form's editor (promoted in SendPanel.ui). A paste too large to lay
    // out goes to the handler (a HeldPaste) instead of into the document.
    class Editor : public QPlainTextEdit
    {
    public:
        // Returns true when it took the text; false lets the editor insert it.
        using LargeInsertHandler = std::function<bool(const QString &text)>;
        explicit Editor(QWidget *parent = nullptr);
        void setLargeInsertHandler(LargeInsertHandler handler) { m_handler = std::move(handler); }

    protected:
        void insertFromMimeData(const QMimeData *source) override;

    private:
        LargeInsertHandler m_handler;
    };

    explicit SendPanel(QWidget *parent = nullptr);
    ~SendPanel() override;

    void setSender(Sender sender);
    // What goes on the wire for a payload (see PayloadInput::WireBytes).
    void setWireBytes(WireBytes wire);
    // Shows the preview again (the wire bytes changed: framing switched).
    void refreshPreview();

    // Unknown names are ignored. Emits encodingChanged when it changes.
    void setEncoding(const QString &encoding);
    QString encoding() const;

    // Switching converts what is typed when the bytes stay exactly the same
    // (text "Hi" <-> hex "48 69"), and leaves it alone otherwise.
    void setMode(PayloadParser::Mode mode);
    PayloadParser::Mode mode() const;

    // Appended to text payloads; hex payloads are sent exactly as typed.
    // Emits lineEndingChanged when it changes.
    void setLineEnding(LineEnding ending);
    LineEnding lineEnding() const;

    // --- Dynamic fields, clearing, conversion (issue 19) -------------------------
    // The session whose counter {counter} counts (Session::templateContext);
    // without one the panel counts for itself.
    void setSession(Session *session);
    // Empties the editor after Send. Emits clearAfterSendChanged when it changes.
    void setClearAfterSend(bool on);
    bool clearAfterSend() const;
    // Text <-> hex with the same bytes (PayloadInput::convert); false, with
    // the reason shown and the input untouched, when it cannot be.
    bool convertInput();

    // Off: Send, repeat and "Send file…" are disabled, whyNot is shown next
    // to them, a running repeat stops, and Ctrl+Enter only explains why.
    void setSendEnabled(bool on, const QString &whyNot = {});
    bool isSendEnabled() const { return m_sendEnabled; }

    QPlainTextEdit *editor() const;

    // A paste over kLivePreviewChars characters, or with a line over
    // kMaxEditorLineChars, is held outside the editor: the editor shows its
    // beginning read-only, Send parses and sends all of it, Discard (or
    // discardHeldInput) drops it. Empty when nothing is held.
    bool hasHeldInput() const;
    void discardHeldInput();

    // The bytes the next Send would send (fields filled in, line ending
    // included), or the error.
    PayloadParser::Result payload() const;
    // The message under the editor (error or confirmation), empty if none.
    QString message() const;
    bool messageIsError() const { return m_messageKind == MessageKind::InputError || m_messageKind == MessageKind::SendError; }

    // Most recent first, shared by every panel through QSettings "send/history".
    QList<HistoryEntry> history() const;
    // Puts entry `index` of history() back in the editor, with its mode.
    void restoreHistory(int index);
    void clearHistory();

    bool isRepeating() const;
    // The repeat the panel runs and shows: the session's (Session::repeater),
    // so a repeat the command line started shows here with its count,
    // interval and progress, and Stop stops it. Until set, one of its own.
    void setRepeater(RepeatSender *repeat);

    // For the quick-send bar and "Save input to library": the send box's
    // text as typed (a held paste included) and where Send sends.
    QString inputText() const;
    const Sender &sender() const { return m_sender; }

    // Each returns whether bytes were sent; the reason otherwise is shown.
    bool send();
    bool sendFile(const QString &path);
    bool startRepeat();
    void stopRepeat();

signals:
    void encodingChanged(const QString &encoding);
    void lineEndingChanged(PayloadEntry::LineEnding ending);
    void clearAfterSendChanged(bool on);
    // After every successful send (each one of a repeat too).
    void sent(qint64 bytes);

protected:
    void changeEvent(QEvent *event) override;

private:
    enum class MessageKind { None, InputError, SendError, Info };

    void onSendClicked();
    void onSendFileClicked();
    void onRepeatStartClicked();
    void onRepeatStopClicked();
    void onHistoryRecalled(const SendHistory::Entry &entry);
    void onInputErrorFound(const PayloadParser::Result &result);
    void onInputErrorCleared();
    static QString repeatProgressText(int done, int total);
    void onRepeatStarted();
    void onRepeatProgress(int done, int total);
    void onRepeatFinished(bool ok, const QString &error);

    SendResult deliver(const QByteArray &bytes);
    // deliver(), then the counter moves on when the message used it.
    SendResult deliverMessage(const TypedPayload &typed, const QByteArray &bytes);
    void showInputError(const PayloadParser::Result &result, bool moveCursor);
    // `text` (the send box) read for sending, when it can be sent now;
    // otherwise nothing, and the panel says why (sending off, or where the
    // input is wrong).
    std::optional<TypedPayload> sendableInput(const QString &text);
    // The session's counter (or the panel's own) and `random` for {random:N}.
    Template::Context messageContext(QRandomGenerator *random);
    void onConvertClicked();
    void onClearAfterSendToggled(bool on);
    void showMessage(MessageKind kind, const QString &text);
    void clearMessage();
    void applyColors();
    void updateSendControls();
    QString whyNotText() const;

    std::unique_ptr<Ui::SendPanel> m_ui;
    PayloadInput *m_input = nullptr;
    SendHistory *m_history = nullptr;
    Sender m_sender;
    bool m_sendEnabled = true;
    QString m_whyNot;
    MessageKind m_messageKind = MessageKind::None;
    RepeatSender *m_repeat = nullptr;
    bool m_startingRepeat = false;   // inside startRepeat(): its started() is ours
    bool m_repeatIsOurs = false;     // the running repeat sends through deliver()
    HistoryEntry m_repeatEntry;      // what the running repeat sends, for the history
    qint64 m_repeatBytesReported = 0;
    QElapsedTimer m_progressClock;   // throttles the progress label of fast repeats
    QPointer<Session> m_session;     // whose {counter}; none: m_ownCounter
    quint64 m_ownCounter = 0;
    // {random:N}: seeded once, so the preview (a copy) shows what the next send gets.
    QRandomGenerator m_random;
};
