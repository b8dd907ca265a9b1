#pragma once

#include <QList>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QString>

class LessonPanel;
class QDockWidget;
class QMessageBox;
class QWidget;
class Session;
class SessionPage;
class SessionTabWidget;
class Workbench;

// Which tabs belong to the lesson shown in the lesson panel. A lesson's
// tabs are replaced by the next lesson (after a question when they hold
// traffic) and are not saved for the next start, until the user keeps them
// (the panel's button, the tab's menu, or a name given to the tab).
class LessonTabs : public QObject
{
    Q_OBJECT
public:
    LessonTabs(Workbench *workbench, SessionTabWidget *tabs, LessonPanel *panel, QDockWidget *dock,
               QWidget *window);
    ~LessonTabs() override;

    // Closes the tabs of the lesson before, then sets up `id`. When those
    // tabs hold traffic it asks first (a non-modal question whose object
    // name is replaceLessonQuestion) and returns false; the lesson starts
    // once the answer is Replace or Keep. False also for an unknown id.
    bool start(const QString &id);
    // The lesson's tabs (or one of them) become ordinary tabs.
    void keepAll();
    void keep(Session *session);
    // The session's tab still belongs to the lesson.
    bool owns(const Session *session) const { return m_owned.contains(session); }
    QString lessonId() const { return m_id; }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void placeDock();
    enum class Previous { Replace, Keep };
    void ask(const QString &id);
    void setUp(const QString &id, Previous previous);
    void mark(Session *session, bool lesson);
    void onSessionRemoved(Session *session);
    SessionPage *pageOf(const Session *session) const;

    Workbench *m_workbench;
    SessionTabWidget *m_tabs;
    LessonPanel *m_panel;
    QDockWidget *m_dock;
    QWidget *m_window;
    // The lesson in the panel, the sessions it opened that are still open,
    // and those of them that still belong to it.
    QString m_id;
    QList<Session *> m_sessions;
    QSet<const Session *> m_owned;
    QPointer<QMessageBox> m_question;
};
