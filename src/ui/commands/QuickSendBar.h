#pragma once

#include "core/commands/QuickSendButton.h"
#include "core/commands/Template.h"

#include <QKeySequence>
#include <QList>
#include <QWidget>

#include <functional>

class LibraryEdits;
class QHBoxLayout;
class QLabel;
class QShortcut;
class QToolButton;
class SendPanel;
class Session;

// A tab's row of library payloads, each sent with one click or its hotkey
// (Alt+1 … Alt+9 for the first nine unless set otherwise) through the tab's
// send path: the same destination as the send panel's Send. The row is a
// view of the session's settings (SessionSettings::quickSend), so it is
// saved and restored with the tab and changed the one way settings change.
// Buttons are added from the "+" menu or by dropping a payload dragged from
// the library window; their menu moves, rekeys and removes them. A payload
// the library no longer has, a template fault or a refused send is shown in
// the bar's message line, and nothing is sent.
class QuickSendBar : public QWidget
{
    Q_OBJECT
public:
    // Drag-and-drop type of a payload's name (UTF-8), from the library window.
    static QString mimeType() { return QStringLiteral("application/x-socket-workbench-payload"); }

    // `scope`: the page whose hotkeys these are (they act while it is shown).
    QuickSendBar(Session *session, SendPanel *panel, QWidget *scope, QWidget *parent = nullptr);

    // The app's library; `openLibrary` shows the library window.
    void setLibrary(LibraryEdits *edits, std::function<void()> openLibrary);

    int buttonCount() const;
    QToolButton *buttonAt(int index) const;
    // The hotkey a button has now (its own, or Alt+N by its place).
    QKeySequence hotkeyAt(int index) const;
    // Why a hotkey cannot be given to button `index`, empty when it can.
    QString checkHotkey(int index, const QKeySequence &key) const;

    // Each changes the session's settings; false (and the reason shown) when refused.
    bool addEntry(const QString &name);
    bool removeAt(int index);
    bool moveButton(int from, int to);
    bool setHotkey(int index, const QString &hotkey);

    // Sends button `index`'s payload now; false when nothing was sent (the
    // message line says why).
    bool sendAt(int index);
    // "Save input to library": the send box's text, mode, encoding and line
    // ending as a new payload called `name` in `group`. Empty when saved.
    QString saveInput(const QString &name, const QString &group);
    // Opens the small dialog that asks for the name and group.
    void askToSaveInput();

    QString message() const;
    bool messageIsError() const { return m_error; }
    void setButtonsShown(bool shown);
    bool buttonsShown() const;

signals:
    // After every send by a button (its bytes).
    void sent(qint64 bytes);

protected:
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void rebuild();
    void refreshButtons();
    void onSettingsChanged();
    void onPayloadRenamed(const QString &from, const QString &to);
    void showButtonMenu(int index, const QPoint &globalPos);
    void askHotkey(int index);
    void fillAddMenu();
    void showMessage(const QString &text, bool error);
    void setButtons(const QList<QuickSendButton> &buttons);
    void retranslate();

    Session *m_session;
    SendPanel *m_panel;
    QWidget *m_scope;
    LibraryEdits *m_edits = nullptr;
    std::function<void()> m_openLibrary;
    QList<QuickSendButton> m_shown;
    QList<QToolButton *> m_buttons;
    QList<QShortcut *> m_shortcuts;
    QToolButton *m_toggle;
    QWidget *m_strip;
    QHBoxLayout *m_stripLayout;
    QToolButton *m_addButton;
    QToolButton *m_libraryButton;
    QLabel *m_message;
    bool m_error = false;
};
