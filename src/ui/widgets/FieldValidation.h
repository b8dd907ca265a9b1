#pragma once

#include <QObject>
#include <QString>

#include <functional>

class QLineEdit;
class QAction;

// Marks one line edit as valid or not while the user types: a warning icon
// inside the field, the reason as its tooltip and accessible description,
// and a signal so the page can enable or disable its Start button and keep
// the error line under the fields in step with what is typed.
class FieldValidation : public QObject
{
    Q_OBJECT
public:
    using Check = std::function<QString(const QString &)>;  // empty = fine

    FieldValidation(QLineEdit *edit, Check check, QObject *parent = nullptr);

    bool isValid() const { return m_error.isEmpty(); }
    QString error() const { return m_error; }
    QLineEdit *edit() const { return m_edit; }
    void recheck();
    void setCheck(Check check);

signals:
    // Whenever the reason changes, also from one bad value to another ("80a"
    // then "-1"): a page that shows the reason must show the current one.
    void errorChanged(const QString &error);

private:
    QLineEdit *m_edit;
    Check m_check;
    QAction *m_mark;
    QString m_error;
    QString m_normalToolTip;
};
