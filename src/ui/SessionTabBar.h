#pragma once

#include <QTabBar>

// The session tabs' bar: a tab is never wider than about 30 characters, so
// many tabs stay side by side and a long title is elided (in the middle,
// where it keeps the port) instead of pushing the others out of sight.
class SessionTabBar : public QTabBar
{
    Q_OBJECT
public:
    explicit SessionTabBar(QWidget *parent = nullptr);

    int maximumTabWidth() const;
    // The width every tab would take side by side, before any scrolling.
    int naturalWidth() const;

protected:
    QSize tabSizeHint(int index) const override;
};
