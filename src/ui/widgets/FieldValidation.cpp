#include "ui/widgets/FieldValidation.h"

#include <QAction>
#include <QApplication>
#include <QLineEdit>
#include <QStyle>

FieldValidation::FieldValidation(QLineEdit *edit, Check check, QObject *parent)
    : QObject(parent ? parent : edit)
    , m_edit(edit)
    , m_check(std::move(check))
    , m_mark(new QAction(this))
    , m_normalToolTip(edit->toolTip())
{
    m_mark->setIcon(QApplication::style()->standardIcon(QStyle::SP_MessageBoxWarning));
    connect(edit, &QLineEdit::textChanged, this, &FieldValidation::recheck);
    recheck();
}

void FieldValidation::setCheck(Check check)
{
    m_check = std::move(check);
    recheck();
}

void FieldValidation::recheck()
{
    const QString error = m_check ? m_check(m_edit->text()) : QString();
    const bool changed = error != m_error;
    m_error = error;
    if (error.isEmpty()) {
        m_edit->removeAction(m_mark);
        m_edit->setToolTip(m_normalToolTip);
        m_edit->setAccessibleDescription(QString());
    } else {
        if (!m_edit->actions().contains(m_mark))
            m_edit->addAction(m_mark, QLineEdit::TrailingPosition);
        m_mark->setToolTip(error);
        m_edit->setToolTip(error);
        m_edit->setAccessibleDescription(error);
    }
    if (changed)
        emit errorChanged(error);
}
