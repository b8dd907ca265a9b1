#include "ui/widgets/SidePanelToggle.h"

#include <QEvent>
#include <QSignalBlocker>
#include <QSplitter>
#include <QToolButton>

SidePanelToggle::SidePanelToggle(QSplitter *splitter, QToolButton *button)
    : QObject(button)
    , m_splitter(splitter)
    , m_button(button)
{
    splitter->setCollapsible(0, false);
    splitter->setCollapsible(1, true);
    button->setCheckable(true);
    connect(button, &QToolButton::toggled, this, &SidePanelToggle::setPanelShown);
    connect(splitter, &QSplitter::splitterMoved, this, &SidePanelToggle::syncButton);
    splitter->widget(1)->installEventFilter(this);
    syncButton();
}

bool SidePanelToggle::isPanelShown() const
{
    return m_splitter->sizes().value(1) > 0;
}

void SidePanelToggle::setPanelShown(bool shown)
{
    if (shown != isPanelShown()) {
        const QList<int> sizes = m_splitter->sizes();
        const int total = sizes.value(0) + sizes.value(1);
        if (shown) {
            QWidget *panel = m_splitter->widget(1);
            const int width = qMax(m_shownWidth, qMax(panel->minimumSizeHint().width(), panel->minimumWidth()));
            m_splitter->setSizes({qMax(0, total - width), width});
        } else {
            m_shownWidth = sizes.value(1);
            m_splitter->setSizes({total, 0});
        }
    }
    syncButton();
}

bool SidePanelToggle::eventFilter(QObject *watched, QEvent *event)
{
    // A collapsed pane is only 0 wide: its resizes tell every way it opens
    // or shuts, restoreState() included.
    if (event->type() == QEvent::Resize)
        syncButton();
    return QObject::eventFilter(watched, event);
}

void SidePanelToggle::syncButton()
{
    const int width = m_splitter->sizes().value(1);
    if (width > 0)
        m_shownWidth = width;
    const QSignalBlocker blocker(m_button);
    m_button->setChecked(width > 0);
}
