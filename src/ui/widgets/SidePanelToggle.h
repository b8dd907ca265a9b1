#pragma once

#include <QObject>

class QSplitter;
class QToolButton;

// Shows and hides the side panel of a page (the second pane of its
// horizontal splitter): a checkable button beside the view tabs, and the
// splitter's handle, which collapses the panel when dragged to the edge.
// The button follows the panel however it was shut (a drag, a restored
// layout), and opening it again gives back the width it had.
class SidePanelToggle : public QObject
{
    Q_OBJECT
public:
    SidePanelToggle(QSplitter *splitter, QToolButton *button);

    bool isPanelShown() const;
    void setPanelShown(bool shown);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void syncButton();

    QSplitter *m_splitter;
    QToolButton *m_button;
    int m_shownWidth = 0;
};
