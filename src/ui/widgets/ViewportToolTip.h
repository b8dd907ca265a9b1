#pragma once

#include <QEvent>
#include <QHelpEvent>
#include <QPoint>
#include <QString>
#include <QToolTip>
#include <QWidget>

// The tooltip of a scroll area whose text depends on what is under the
// pointer (a byte, a row, a segment). Call it first in viewportEvent():
// true when `event` was the tooltip request, answered with tipAt(position
// in the viewport); an empty text hides the tooltip.
template <class TipAt>
bool answerViewportToolTip(QEvent *event, QWidget *viewport, TipAt tipAt)
{
    if (event->type() != QEvent::ToolTip)
        return false;
    auto *help = static_cast<QHelpEvent *>(event);
    const QString tip = tipAt(help->pos());
    if (tip.isEmpty())
        QToolTip::hideText();
    else
        QToolTip::showText(help->globalPos(), tip, viewport);
    return true;
}
