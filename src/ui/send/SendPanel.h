#pragma once

#include "core/net/SendResult.h"
#include "core/text/PayloadParser.h"

#include <QElapsedTimer>
#include <QList>
#include <QPlainTextEdit>
#include <QString>
#include <QTimer>
#include <QWidget>

#include <functional>
#include <memory>

namespace Ui {
class SendPanel;
}
class QAction;
class QMimeData;
class RepeatSender;

// Where the user types what to send: text (with escapes, in an encoding,
// with an optional line ending) or hex, a live preview of the exact bytes,
// Send / Ctrl+Enter, a history of sent payloads, a timed repeat and
// "Send file…". The page that embeds it decides where the bytes go
// (setSender) and whether sending is possible now (setSendEnabled).
// Input errors and send errors are shown under the editor; on an error
// nothing is sent.
class SendPanel : public QWidget
{
    Q_OBJECT
public:
    using Sender = std::function<SendResult(const QByteArray &)>;
    enum class LineEnding { None, LF, CRLF };
    Q_ENUM(LineEnding)

    struct HistoryEntry
    {
        QString text;
        PayloadParser::Mode mode = PayloadParser::Mode::Text;
        bool operator==(const HistoryEntry &) const = default;
    };

    static constexpr int kHistorySize = 30;
    // Longer inputs are sent but not remembered: the history lives in the
    // settings file, which is read at every start.
    static constexpr qsizetype kMaxHistoryChars = 64 * 1024;
    // Above this many characters only the input's first bytes are previewed;
    // all of it is parsed when sending.
    static constexpr qsizetype kLivePreviewChars = 1024 * 1024;
    // The preview line shows at most this many bytes.
    static constexpr qsizetype kPreviewBytes = 4096;
    static constexpr qint64 kMaxFileBytes = 64 * 1024 * 1024;
    static constexpr int kPreviewDelayMs = 150;
    // A paste with a longer line is held aside too (see Editor).
    static constexpr qsizetype kMaxEditorLineChars = 64 * 1024;
    // How much of a held paste the editor shows.
    static constexpr qsizetype kHeldShownChars = 2000;

    // The form's editor (promoted in SendPanel.ui). A paste too large to lay
    // out goes to the panel instead of into the document: QPlainTextEdit
    // takes seconds per keystroke once a line holds a million characters,
    // and minutes to wrap it.
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
    // What goes on the wire for a payload (framing added by the session):
    // the preview shows those bytes, and *note says what was added or why
    // it cannot be (then the payload itself is returned).
    using WireBytes = std::function<QByteArray(const QByteArray &payload, QString *note)>;
    void setWireBytes(WireBytes wire);
    // Shows the preview again (the wire bytes changed: framing switched).
    void refreshPreview();

    // Unknown names are ignored. Emits encodingChanged when it changes.
    void setEncoding(const QString &encoding);
    QString encoding() const { return m_encoding; }

    // Switching converts what is typed when the bytes stay exactly the same
    // (text "Hi" <-> hex "48 69"), and leaves it alone otherwise.
    void setMode(PayloadParser::Mode mode);
    PayloadParser::Mode mode() const;

    // Appended to text payloads; hex payloads are sent exactly as typed.
    void setLineEnding(LineEnding ending);
    LineEnding lineEnding() const;

    // Off: Send, repeat and "Send file…" are disabled, whyNot is shown next
    // to them, a running repeat stops, and Ctrl+Enter only explains why.
    void setSendEnabled(bool on, const QString &whyNot = {});
    bool isSendEnabled() const { return m_sendEnabled; }

    QPlainTextEdit *editor() const;

    // A paste over kLivePreviewChars characters, or with a line over
    // kMaxEditorLineChars, is held outside the editor: the editor shows its
    // beginning read-only, Send parses and sends all of it, Discard (or
    // discardHeldInput) drops it. Empty when nothing is held.
    bool hasHeldInput() const { return !m_held.isNull(); }
    void discardHeldInput();

    // The bytes Send would send now (line ending included), or the error.
    PayloadParser::Result payload() const;
    // The message under the editor (error or confirmation), empty if none.
    QString message() const;
    bool messageIsError() const { return m_messageKind == MessageKind::InputError || m_messageKind == MessageKind::SendError; }

    // Most recent first, shared by every panel through QSettings "send/history".
    QList<HistoryEntry> history() const { return m_history; }
    // Puts entry `index` of history() back in the editor, with its mode.
    void restoreHistory(int index);
    void clearHistory();

    bool isRepeating() const;

    // Each returns whether bytes were sent; the reason otherwise is shown.
    bool send();
    bool sendFile(const QString &path);
    bool startRepeat();
    void stopRepeat();

signals:
    void encodingChanged(const QString &encoding);
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
    void onTextChanged();
    void onPreviewTimeout();
    void showLargePreview(qsizetype chars);
    void onModeToggled(bool hex);
    void onEncodingIndexChanged(int index);
    void onLineEndingIndexChanged(int index);
    void onHistoryMenuAboutToShow();
    void onHistoryActionTriggered(QAction *action);
    static QString repeatProgressText(int done, int total);
    void onRepeatProgress(int done, int total);
    void onRepeatFinished(bool ok, const QString &error);
    void onDiscardLargeClicked();
    bool onLargeInsert(const QString &pasted);

    // What Send sends: the held paste, or the editor's text.
    QString inputText() const;

    PayloadParser::Result parseInput(const QString &text) const;
    SendResult deliver(const QByteArray &bytes);
    void showInputError(const PayloadParser::Result &result, bool moveCursor);
    void showMessage(MessageKind kind, const QString &text);
    void clearMessage();
    void markErrorAt(int position);
    void applyColors();
    void updateHint();
    void updateSendControls();
    void schedulePreview();
    void convertEditorText(PayloadParser::Mode from, PayloadParser::Mode to);
    void loadHistory();
    void saveHistory() const;
    void addToHistory(const QString &text, PayloadParser::Mode mode);
    void rebuildHistoryMenu();
    void retranslateLineEndings();
    QString whyNotText() const;

    std::unique_ptr<Ui::SendPanel> m_ui;
    Sender m_sender;
    WireBytes m_wire;
    QString m_encoding;
    bool m_sendEnabled = true;
    QString m_whyNot;
    MessageKind m_messageKind = MessageKind::None;
    QTimer m_previewTimer;
    RepeatSender *m_repeat = nullptr;
    HistoryEntry m_repeatEntry;      // what the running repeat sends, for the history
    qint64 m_repeatBytesReported = 0;
    QElapsedTimer m_progressClock;   // throttles the progress label of fast repeats
    QList<HistoryEntry> m_history;
    QString m_held;              // null unless a large paste is held
    bool m_showingHeld = false;  // the editor's text changes because of the held paste, not the user
};
