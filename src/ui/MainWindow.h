#pragma once

#include <QMainWindow>

#include <memory>

namespace Ui {
class MainWindow;
}
class Session;
class Workbench;

// The workbench window: one tab per session of the Workbench.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(Workbench *workbench, QWidget *parent = nullptr);
    ~MainWindow() override;

private:
    void onSessionAdded(Session *session);
    void onSessionRemoved(Session *session);
    void onTabCloseRequested(int index);
    void onAbout();
    void updateStatus();

    std::unique_ptr<Ui::MainWindow> m_ui;
    Workbench *m_workbench;
};
