#pragma once

#include <QWidget>

#include <memory>

namespace Ui {
class EmptyView;
}
class QAction;
class QMenu;
class QPushButton;

// What the window shows while no tab is open: how to start, as buttons for
// the new-tab actions and the lessons, instead of a grey area.
class EmptyView : public QWidget
{
    Q_OBJECT
public:
    explicit EmptyView(QWidget *parent = nullptr);
    ~EmptyView() override;

    // The buttons do what the actions do and show their words; `lessons`
    // opens from the lessons button (it stays the menu bar's too).
    void setActions(QAction *newTcpServer, QAction *newTcpClient, QAction *newUdp, QMenu *lessons);
    QPushButton *lessonsButton() const;

private:
    std::unique_ptr<Ui::EmptyView> m_ui;
};
