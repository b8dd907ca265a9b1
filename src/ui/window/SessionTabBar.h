#pragma once

#include <QTabBar>

// The session tabs' bar: a tab's text is never wider than a loopback
// endpoint's title, so many tabs stay side by side, and a longer title is elided
// before its port ("TCP client 2001:d…:5678:8000 (not connected)" keeps
// ":8000 (not connected)"), or in the middle when it names no port.
class SessionTabBar : public QTabBar
{
    Q_OBJECT
public:
    explicit SessionTabBar(QWidget *parent = nullptr);

    // The most a tab's text may take (its padding and close button aside).
    int maximumTextWidth() const;
    // The least it takes before the bar scrolls instead of squeezing it.
    int minimumTextWidth() const;
    // The width every tab would take side by side, before any scrolling.
    int naturalWidth() const;
    // The text the tab shows, elided as painted.
    QString shownText(int index) const;

protected:
    QSize tabSizeHint(int index) const override;
    QSize minimumTabSizeHint(int index) const override;
    void initStyleOption(QStyleOptionTab *option, int tabIndex) const override;
};
