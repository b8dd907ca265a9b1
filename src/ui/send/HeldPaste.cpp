#include "ui/send/HeldPaste.h"

#include <QAbstractButton>
#include <QLabel>
#include <QPlainTextEdit>
#include <QScopedValueRollback>
#include <QTextCursor>
#include <QTextDocument>

namespace {
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
} // namespace

HeldPaste::HeldPaste(QPlainTextEdit *editor, QWidget *bar, QLabel *label, QAbstractButton *discard,
                     QObject *parent)
    : QObject(parent)
    , m_editor(editor)
    , m_bar(bar)
    , m_label(label)
{
    m_bar->hide();
    connect(discard, &QAbstractButton::clicked, this, &HeldPaste::onDiscardClicked);
}

bool HeldPaste::isTooLarge(const QString &text)
{
    return text.size() > kMaxChars || longestLine(text) > kMaxLineChars;
}

bool HeldPaste::take(const QString &pasted)
{
    if (!isTooLarge(pasted))
        return false;
    const QTextCursor cursor = m_editor->textCursor();
    if (m_editor->document()->isEmpty()) {
        m_text = pasted;   // shared with the clipboard's copy: no second 200 MB for 100 Mi characters
    } else {
        const QString before = m_editor->toPlainText();
        m_text = before.left(cursor.selectionStart()) + pasted + before.mid(cursor.selectionEnd());
    }
    {
        const QScopedValueRollback showing(m_settingText, true);
        m_editor->setPlainText(m_text.left(kShownChars));
    }
    m_editor->setReadOnly(true);
    m_label->setText(tr("Large paste held outside the editor: %L1 characters, the first %L2 shown. "
                        "Send checks and sends all of it.")
                             .arg(m_text.size())
                             .arg(qMin(m_text.size(), kShownChars)));
    m_bar->show();
    emit taken();
    return true;
}

void HeldPaste::discard()
{
    if (!isHolding())
        return;
    m_text = QString();
    {
        const QScopedValueRollback dropping(m_settingText, true);
        m_editor->clear();
    }
    m_editor->setReadOnly(false);
    m_bar->hide();
    emit discarded();
}

bool HeldPaste::followEditorChange()
{
    if (m_settingText)
        return false;
    if (isHolding())
        release();
    return true;
}

void HeldPaste::onDiscardClicked()
{
    discard();
    m_editor->setFocus(Qt::OtherFocusReason);
}

void HeldPaste::release()
{
    m_text = QString();
    m_editor->setReadOnly(false);
    m_bar->hide();
}
