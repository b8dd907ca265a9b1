#pragma once

#include <QHash>
#include <QPointer>
#include <QTabWidget>

class QLineEdit;
class QMenu;
class QToolButton;
class SessionTabBar;

// The window's tabs, one a session, kept readable when there are many:
// titles elided in the middle (the port stays), the whole title in the
// tooltip, a name of the user's own in place of the automatic title
// (double-click the tab), next/previous with wrap-around, and a button
// listing every tab once they no longer fit side by side.
class SessionTabWidget : public QTabWidget
{
    Q_OBJECT
public:
    explicit SessionTabWidget(QWidget *parent = nullptr);
    ~SessionTabWidget() override;

    // The title the page gives itself (its endpoints); shown unless the
    // user named the tab, and always in the tooltip.
    void setAutomaticTitle(QWidget *page, const QString &title);
    QString automaticTitle(QWidget *page) const;
    // The user's name for the tab; empty gives the automatic title back.
    void setCustomTitle(QWidget *page, const QString &name);
    QString customTitle(QWidget *page) const;
    // A further line for the tooltip (which lesson the tab belongs to).
    void setTitleNote(QWidget *page, const QString &note);

    // Opens an editor over the tab: Enter keeps the name, Escape does not.
    QLineEdit *startRename(int index);
    // The next (+1) or previous (-1) tab, the first after the last.
    void selectNeighbour(int step);

    QToolButton *tabListButton() const { return m_listButton; }
    QMenu *tabListMenu() const { return m_listMenu; }
    SessionTabBar *sessionTabBar() const { return m_bar; }

signals:
    // Right click on a tab (index) or on the bar's empty part (-1).
    void tabContextMenuRequested(int index, const QPoint &globalPos);
    // The user gave the tab a name or took it back.
    void tabRenamed(QWidget *page);
    void tabCountChanged(int count);

protected:
    void tabInserted(int index) override;
    void tabRemoved(int index) override;
    void resizeEvent(QResizeEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    struct Titles
    {
        QString automatic;
        QString custom;
        QString note;
    };
    void showTitles(QWidget *page);
    void finishRename(bool keep);
    void updateTabList();

    SessionTabBar *m_bar;
    QToolButton *m_listButton;
    QMenu *m_listMenu;
    QHash<QWidget *, Titles> m_titles;
    QPointer<QLineEdit> m_renameEdit;
    QPointer<QWidget> m_renamedPage;
};
