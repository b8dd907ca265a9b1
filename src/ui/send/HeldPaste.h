#pragma once

#include <QObject>
#include <QString>

class QAbstractButton;
class QLabel;
class QPlainTextEdit;
class QWidget;

// A paste too large to lay out, held beside the send panel's editor instead
// of going into its document: QPlainTextEdit takes seconds per keystroke
// once a line holds a million characters, and minutes to wrap it. While a
// paste is held the editor shows its beginning read-only and a bar says so;
// Send takes text() whole, Discard drops it, and text anyone else puts in
// the editor replaces it.
class HeldPaste : public QObject
{
    Q_OBJECT
public:
    // A paste over this many characters is held.
    static constexpr qsizetype kMaxChars = 1024 * 1024;
    // A paste with a longer line is held too.
    static constexpr qsizetype kMaxLineChars = 64 * 1024;
    // How much of a held paste the editor shows.
    static constexpr qsizetype kShownChars = 2000;

    // `bar` (with `label` in it) is shown while a paste is held; `discard`
    // drops it.
    HeldPaste(QPlainTextEdit *editor, QWidget *bar, QLabel *label, QAbstractButton *discard,
              QObject *parent = nullptr);

    static bool isTooLarge(const QString &text);
    bool isHolding() const { return !m_text.isNull(); }
    // The editor's text with the paste in it; null when nothing is held.
    QString text() const { return m_text; }

    // Holds `pasted`, put where the editor would have put it, when it is too
    // large; false leaves it to the editor.
    bool take(const QString &pasted);
    void discard();
    // For the editor's textChanged: false when the change is this showing
    // or dropping a paste. Any other change is new text, which replaces
    // what was held.
    bool followEditorChange();

signals:
    void taken();
    void discarded();

private:
    void onDiscardClicked();
    void release();

    QPlainTextEdit *m_editor;
    QWidget *m_bar;
    QLabel *m_label;
    QString m_text;              // null unless a paste is held
    bool m_settingText = false;  // the editor's text changes because of the held paste, not the user
};
