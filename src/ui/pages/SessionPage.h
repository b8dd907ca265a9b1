#pragma once

#include "core/net/SendResult.h"
#include "core/net/Session.h"
#include "core/net/SessionSettings.h"
#include "core/reply/AutoReply.h"

#include <QVariantMap>

#include <functional>
#include <QWidget>

class FieldValidation;
class LibraryEdits;
class QuickSendBar;
class QComboBox;
class QLabel;
class QLineEdit;
class FramingPanel;
class ChecksumPanel;
class QToolButton;
class LifecycleView;
class SequenceDiagram;
class StreamView;
class TcpStateView;
class QScrollArea;
class QSplitter;
class QTableView;
class QTabWidget;
class QBoxLayout;
class PeerInspector;
class SendPanel;
class TrafficView;
class SequencePanel;
class RulesEditor;
class ReplySummary;

// What the three session pages share: the session they drive, the traffic
// view / peer inspector / send panel trio, the auto-reply and framing fields,
// and their state as a QVariantMap.
//
// The form is a view of the session's settings (Session::settings()), in both
// directions: what the user types goes into the session as soon as it is
// valid, and whatever changes the settings (a lesson, the command line,
// restored settings, the session itself) shows in the form at once. A field
// with a bad value keeps the text and a warning mark; the session keeps its
// last good value meanwhile, and Start stays disabled.
class SessionPage : public QWidget
{
    Q_OBJECT
public:
    ~SessionPage() override;

    Session *session() const { return m_session; }
    virtual QString title() const = 0;
    // The session's settings (SessionSettings::toMap) plus what only the page
    // has (the traffic view's encoding and hex mode, splitters), for QSettings.
    virtual QVariantMap saveState() const;
    // Settings go to the session through setSettings(), like every other path.
    virtual void restoreState(const QVariantMap &state);
    virtual void startSession() = 0;
    virtual void stopSession() = 0;

    // 127.0.0.1, ::1, 0.0.0.0, :: and every address of a local interface.
    static void fillListenAddresses(QComboBox *combo);
    // The other sessions of the window: when one of them is the far end of
    // a connection shown here, the stream view draws its send boundaries.
    void setSessionsProvider(std::function<QList<Session *>()> provider) { m_sessions = std::move(provider); }
    static bool isLoopbackText(const QString &address);

    // The tab's quick-send bar (above the send panel) and the app's payload
    // library it and the sequence panel use; `openLibrary` shows the library
    // window.
    QuickSendBar *quickSendBar() const { return m_quickSend; }
    void setPayloadLibrary(LibraryEdits *edits, std::function<void()> openLibrary);
    // "[::1]" or " ::1 " as typed → "::1".
    static QString bareAddress(const QString &text);

    // The tab's command sequences (a tab beside the views), run on this session.
    SequencePanel *sequencePanel() const { return m_sequencePanel; }

signals:
    void titleChanged();

protected:
    SessionPage(Session *session, QWidget *parent);

    // The TCP state view (TCP tabs; null for UDP), for a page to show the
    // connection its own table selects.
    TcpStateView *tcpStateView() const { return m_tcpStates; }

    void setupTrio(TrafficView *traffic, PeerInspector *inspector, SendPanel *send);
    // Puts the inspector (a tall form) in a scroll area in its place in
    // `layout`, so a small window still fits: it scrolls up and down only.
    static void makeInspectorScrollable(QLayout *layout, PeerInspector *inspector);
    // The layout every page shares: the views beside a side panel (its peer
    // table, if any, and the inspector as two tabs), the send area below;
    // proportions that fit a small screen, remembered in saveState(); a
    // button beside the view tabs hides the side panel; F5 / Shift+F5.
    void arrangePanels(QSplitter *top, QSplitter *main, QWidget *sidePanel, QBoxLayout *sideLayout,
                       QTableView *peerTable = nullptr);
    void setupAutoReply(QComboBox *mode, QLineEdit *templateEdit);
    // Shows settings() in the form: every field on the first call (all),
    // afterwards the fields whose setting differs from `shown`. Pages
    // override it for their own fields and call the base for the shared ones.
    virtual void showSettings(const SessionSettings &shown, bool all);
    // For the form's own edits: applies `edit` to a copy of the settings and
    // hands it to the session, without showing it back into the fields
    // being typed in. Ignored while the form is being filled from settings.
    template <class Edit>
    void editSettings(Edit &&edit)
    {
        if (m_showing)
            return;
        SessionSettings s = m_session->settings();
        edit(s);
        m_writing = true;
        m_session->setSettings(s);
        m_writing = false;
    }
    bool isShowingSettings() const { return m_showing; }
    // Sets a line edit's text when it differs (keeps the cursor otherwise).
    static void showText(QLineEdit *edit, const QString &text);
    // A port field: "0" shows as "0" with the placeholder saying the OS picks one.
    static QString portText(quint16 port) { return QString::number(port); }
    // Call at the end of a page's constructor: shows every field.
    void showAllSettings();
    // Puts the traffic view in a tab widget, in its place in `splitter`,
    // beside the teaching views (socket lifecycle with code narration).
    void addTeachingViews(QSplitter *splitter);
    // Creates the framing chooser; the page puts it where it fits.
    FramingPanel *setupFraming();
    // The auto-reply the fields describe; *error set (and None returned) when the template is bad.
    AutoReply autoReplyFromFields(QString *error = nullptr) const;
    void onReplyFieldsEdited();
    // The send encoding: the session's (greeting, template and what is typed
    // are encoded in it). The traffic view's encoding is separate: reading
    // GBK does not change what is sent.
    void setSendEncoding(const QString &encoding);
    // The send box's line ending and "Clear after send", from its form.
    void setSendLineEnding(PayloadEntry::LineEnding ending);
    void setClearAfterSend(bool on);
    // A field whose text is encoded in the session's encoding (the greeting):
    // rechecked when the encoding changes, so "€" turns bad under Latin-1 at once.
    void addEncodingDependentCheck(FieldValidation *check);
    // What the page does when a check of the shared fields (the template)
    // changes its verdict: update its Start button and its error line.
    virtual void updateFieldState() {}
    // Why the send panel must not send now, with "nothing was sent"; empty
    // when it may. A framing being edited into something bad while "Add to
    // what I send" is on must not frame with the last good one unseen.
    QString sendBlocker() const;
    // Shows the "reachable from the network" notice when the address is not loopback.
    static void updateExposureNotice(QLabel *notice, const QString &address, quint16 port);

    // --- The tab's checksum (issue 19) --------------------------------------
    // The button that names the tab's checksum and opens its form (a popup,
    // so a small screen keeps its room); the page puts it where it fits.
    QToolButton *setupChecksum();
    void showChecksumButton();
    QToolButton *m_checksumButton = nullptr;
    ChecksumPanel *m_checksum = nullptr;

    TrafficView *m_traffic = nullptr;
    PeerInspector *m_inspector = nullptr;
    SendPanel *m_send = nullptr;
    QComboBox *m_replyMode = nullptr;
    QLineEdit *m_replyTemplate = nullptr;
    FieldValidation *m_templateCheck = nullptr;
    FramingPanel *m_framing = nullptr;
    QTabWidget *m_views = nullptr;
    QSplitter *m_topSplitter = nullptr;
    QSplitter *m_mainSplitter = nullptr;
    LifecycleView *m_lifecycle = nullptr;
    SequenceDiagram *m_sequence = nullptr;
    StreamView *m_stream = nullptr;
    TcpStateView *m_tcpStates = nullptr;   // TCP tabs only
    std::function<QList<Session *>()> m_sessions;
    QuickSendBar *m_quickSend = nullptr;
    SequencePanel *m_sequencePanel = nullptr;   // issue 19

    // --- Reply rules (issue 20) ----------------------------------------------
    // The rules editor, a tab beside the traffic (made by setupAutoReply),
    // and the Auto-reply combo as a summary of the rules.
    RulesEditor *rulesEditor() const { return m_rulesEditor; }
    void showRulesEditor();
    RulesEditor *m_rulesEditor = nullptr;
    ReplySummary *m_replySummary = nullptr;

private:
    void onConnectionSelected(quint32 connectionId);
    void onSequenceClicked(quint64 serial);
    void onSettingsChanged();
    void setupRulesEditor();
    // `widget` in a frameless scroll area named after it ("…Scroll").
    static QScrollArea *scrolling(QWidget *widget);

    Session *m_session;
    SessionSettings m_shown;     // what the form shows (see showSettings)
    bool m_showing = false;      // filling the form from the settings
    bool m_writing = false;      // the form is setting the session's settings
    QList<FieldValidation *> m_encodingChecks;
};
