#include "ui/widgets/LabelElider.h"

#include <QEvent>
#include <QFontMetrics>
#include <QLabel>

LabelElider::LabelElider(QLabel *label)
    : QObject(label)
    , m_label(label)
    , m_text(label->text())
    , m_ownToolTip(label->toolTip())
{
    // Endpoints and file names are data, never markup.
    label->setTextFormat(Qt::PlainText);
    label->installEventFilter(this);
    apply();
}

void LabelElider::setText(const QString &text)
{
    if (text == m_text && !m_label->text().isEmpty())
        return;
    m_text = text;
    apply();
}

bool LabelElider::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_label) {
        switch (event->type()) {
        case QEvent::Resize:
        case QEvent::FontChange:
        case QEvent::StyleChange:
            apply();
            break;
        default:
            break;
        }
    }
    return QObject::eventFilter(watched, event);
}

void LabelElider::apply()
{
    const int room = m_label->contentsRect().width() - 2 * qMax(0, m_label->indent()) - 2 * m_label->margin();
    const QFontMetrics metrics = m_label->fontMetrics();
    const QString shown = metrics.horizontalAdvance(m_text) <= room
            ? m_text
            : metrics.elidedText(m_text, Qt::ElideRight, qMax(0, room));
    m_elided = shown != m_text;
    if (m_label->text() != shown)
        m_label->setText(shown);
    QString tip = m_ownToolTip;
    if (m_elided)
        tip = m_ownToolTip.isEmpty() ? m_text : m_text + QStringLiteral("\n\n") + m_ownToolTip;
    if (m_label->toolTip() != tip)
        m_label->setToolTip(tip);
}
