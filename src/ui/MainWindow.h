#pragma once

#include <QMainWindow>

#include <memory>

namespace Ui {
class MainWindow;
}
class LessonPanel;
class QDockWidget;
class QLabel;
class Session;
class SessionPage;
class Workbench;

// The workbench window: one tab per session of the Workbench. Tabs, their
// endpoints and encodings, and the window geometry come back on the next
// start (QSettings) unless the command line opened sessions of its own.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(Workbench *workbench, QWidget *parent = nullptr);
    ~MainWindow() override;

    // Reopens the tabs of the last run (or a TCP server tab on a first run).
    void restoreTabs();
    void saveSettings() const;
    // Off when the command line chose the sessions: its tabs then do not
    // replace the ones the user keeps (geometry is still saved).
    void setPersistTabs(bool on) { m_persistTabs = on; }
    SessionPage *pageAt(int index) const;
    SessionPage *currentPage() const;
    int pageCount() const;
    // Opens the sessions of a classic exercise and shows its explanation.
    bool startLesson(const QString &id);
    LessonPanel *lessonPanel() const { return m_lessonPanel; }

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void onNewTcpServer();
    void onNewTcpClient();
    void onNewUdp();
    void onCloseCurrentTab();
    void onTabCloseRequested(int index);
    void onSessionAdded(Session *session);
    void onSessionRemoved(Session *session);
    void onAbout();
    void updateStatus();
    void updateTabTitle(SessionPage *page);

    std::unique_ptr<Ui::MainWindow> m_ui;
    Workbench *m_workbench;
    QLabel *m_statusLabel;
    QDockWidget *m_lessonDock = nullptr;
    LessonPanel *m_lessonPanel = nullptr;
    bool m_persistTabs = true;
};
