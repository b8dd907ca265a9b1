#pragma once

#include <QMainWindow>

#include <memory>

namespace Ui {
class MainWindow;
}
class LessonPanel;
class LibraryEdits;
class LibraryWindow;
class LessonTabs;
class QAction;
class QDockWidget;
class QLabel;
class Session;
class SessionPage;
class SessionTabWidget;
class Workbench;

// The workbench window: one tab per session of the Workbench. Tabs, their
// endpoints and encodings, the names the user gave them, and the window
// geometry come back on the next start (QSettings) unless the command line
// opened sessions of its own. A lesson's tabs belong to the lesson: the next
// lesson replaces them and they are not saved, unless the user keeps them.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(Workbench *workbench, QWidget *parent = nullptr);
    ~MainWindow() override;

    // Reopens the tabs of the last run: a TCP server tab on a first run, none
    // (the empty view) when the last run left none of its own.
    void restoreTabs();
    void saveSettings() const;
    // Off when the command line chose the sessions: its tabs then do not
    // replace the ones the user keeps (geometry is still saved).
    void setPersistTabs(bool on) { m_persistTabs = on; }
    SessionPage *pageAt(int index) const;
    SessionPage *currentPage() const;
    int pageCount() const;
    SessionTabWidget *tabs() const;
    // Opens the sessions of a classic exercise and shows its explanation,
    // in place of the tabs of the lesson before (see LessonTabs: false while
    // it asks whether to replace tabs that hold traffic, or for a bad id).
    bool startLesson(const QString &id);
    // Every tab shows its view `name` (--view; PageViews), where it has one.
    void showView(const QString &name);
    LessonTabs *lessonTabs() const { return m_lessonTabs; }
    LessonPanel *lessonPanel() const { return m_lessonPanel; }
    // What Session → Capture to Folder… does once a folder is chosen: the
    // current tab's traffic goes to files in `dir`. A failure is shown in a
    // (non-modal) message box; false then.
    bool captureCurrentTo(const QString &dir);
    QAction *captureAction() const { return m_captureAction; }

    // The payload library window (one, made when first shown) and the one
    // way the window changes the library (undoable, saved at once).
    void showLibrary();
    LibraryWindow *libraryWindow() const { return m_libraryWindow; }
    LibraryEdits *libraryEdits() const { return m_libraryEdits; }

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void onNewTcpServer();
    void onNewTcpClient();
    void onNewUdp();
    void onCloseCurrentTab();
    void onTabCloseRequested(int index);
    void closeTabsExcept(SessionPage *keep);
    void onTabContextMenu(int index, const QPoint &globalPos);
    void onTabRenamed(QWidget *page);
    void onSessionAdded(Session *session);
    void onSessionRemoved(Session *session);
    void onAbout();
    void onCaptureTriggered(bool checked);
    void onCaptureFailed(Session *session, const QString &message);
    void updateCaptureAction();
    void showWarning(const QString &title, const QString &text);
    void updateStatus();
    void updateTabTitle(SessionPage *page);
    void updateEmptyView();

    std::unique_ptr<Ui::MainWindow> m_ui;
    Workbench *m_workbench;
    QLabel *m_logHeldLabel = nullptr;
    QLabel *m_statusLabel;
    QAction *m_captureAction = nullptr;
    QDockWidget *m_lessonDock = nullptr;
    LessonPanel *m_lessonPanel = nullptr;
    LessonTabs *m_lessonTabs = nullptr;
    bool m_persistTabs = true;
    LibraryEdits *m_libraryEdits = nullptr;
    LibraryWindow *m_libraryWindow = nullptr;
};
