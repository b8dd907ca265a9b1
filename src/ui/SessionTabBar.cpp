#include "SessionTabBar.h"

SessionTabBar::SessionTabBar(QWidget *parent)
    : QTabBar(parent)
{
    setElideMode(Qt::ElideMiddle);
    setUsesScrollButtons(true);
}

int SessionTabBar::maximumTabWidth() const
{
    // "TCP client → [2001:db8::1]:65535" needs more, but then every tab of a
    // small screen would be one; the tooltip has the whole title.
    return 30 * fontMetrics().averageCharWidth();
}

int SessionTabBar::naturalWidth() const
{
    int width = 0;
    for (int i = 0; i < count(); ++i)
        width += tabSizeHint(i).width();
    return width;
}

QSize SessionTabBar::tabSizeHint(int index) const
{
    QSize size = QTabBar::tabSizeHint(index);
    size.setWidth(qMin(size.width(), maximumTabWidth()));
    return size;
}
