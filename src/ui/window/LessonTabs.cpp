#include "ui/window/LessonTabs.h"

#include <QEvent>
#include <QMainWindow>
#include <QScreen>
#include <QStyle>

#include "core/net/Session.h"
#include "core/net/SessionCounters.h"
#include "core/teach/LessonLibrary.h"
#include "core/workbench/Workbench.h"
#include "ui/pages/SessionPage.h"
#include "ui/teach/LessonPanel.h"
#include "ui/window/SessionTabWidget.h"

#include <QDockWidget>
#include <QMessageBox>
#include <QPushButton>

namespace {
QString lessonTitle(const QString &id)
{
    for (const LessonLibrary::Lesson &lesson : LessonLibrary::all()) {
        if (lesson.id == id)
            return lesson.title;
    }
    return QString();
}

// Data moved, whoever sent it: losing that is worth a question. A lesson's
// own listening and connecting are not (they come back with the lesson).
bool holdsTraffic(const Session *session)
{
    const SessionCounters c = session->counters();
    return c.bytesIn || c.bytesOut || c.messagesIn || c.messagesOut;
}
} // namespace

LessonTabs::LessonTabs(Workbench *workbench, SessionTabWidget *tabs, LessonPanel *panel, QDockWidget *dock,
                       QWidget *window)
    : QObject(window)
    , m_workbench(workbench)
    , m_tabs(tabs)
    , m_panel(panel)
    , m_dock(dock)
    , m_window(window)
{
    connect(workbench, &Workbench::sessionRemoved, this, &LessonTabs::onSessionRemoved);
    connect(panel, &LessonPanel::keepTabsRequested, this, &LessonTabs::keepAll);
    connect(panel, &LessonPanel::restartRequested, this, [this] { start(m_id); });
    // The window's width decides where the lesson goes (see placeDock); it is
    // known only once the window is shown and sized, and it may change.
    window->installEventFilter(this);
}

bool LessonTabs::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_window && (event->type() == QEvent::Resize || event->type() == QEvent::Show)
        && m_dock->isVisible())
        placeDock();
    return QObject::eventFilter(watched, event);
}

LessonTabs::~LessonTabs() = default;

bool LessonTabs::start(const QString &id)
{
    if (lessonTitle(id).isEmpty())
        return false;
    for (const Session *s : std::as_const(m_owned)) {
        if (holdsTraffic(s)) {
            ask(id);
            return false;
        }
    }
    setUp(id, Previous::Replace);
    return true;
}

void LessonTabs::ask(const QString &id)
{
    if (m_question)
        m_question->close();
    // Not exec(): traffic keeps flowing while the user reads it, and a test
    // answers it like a user.
    auto *box = new QMessageBox(QMessageBox::Question, tr("Start a lesson"),
                                tr("The tabs of the lesson “%1” hold traffic.").arg(lessonTitle(m_id)),
                                QMessageBox::NoButton, m_window);
    box->setObjectName(QStringLiteral("replaceLessonQuestion"));
    box->setInformativeText(tr("“%1” closes them first, and their traffic goes with them. "
                               "Keep them open beside the new lesson's tabs instead?")
                                .arg(lessonTitle(id)));
    QPushButton *replace = box->addButton(tr("Replace"), QMessageBox::DestructiveRole);
    replace->setObjectName(QStringLiteral("replaceButton"));
    QPushButton *keepThem = box->addButton(tr("Keep them and add"), QMessageBox::AcceptRole);
    keepThem->setObjectName(QStringLiteral("keepButton"));
    QPushButton *cancel = box->addButton(QMessageBox::Cancel);
    cancel->setObjectName(QStringLiteral("cancelButton"));
    box->setDefaultButton(replace);
    box->setEscapeButton(cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::buttonClicked, this, [this, id, replace, keepThem](QAbstractButton *button) {
        if (button == replace)
            setUp(id, Previous::Replace);
        else if (button == keepThem)
            setUp(id, Previous::Keep);
    });
    m_question = box;
    box->open();
}

void LessonTabs::setUp(const QString &id, Previous previous)
{
    QList<Session *> owned;
    for (Session *s : m_workbench->sessions()) {
        if (m_owned.contains(s))
            owned.append(s);
    }
    for (Session *s : std::as_const(owned)) {
        if (previous == Previous::Replace)
            m_workbench->removeSession(s);  // also frees the ports the lesson takes again
        else
            keep(s);
    }
    // LessonLibrary names what it opened only in its words: the sessions
    // that were not there before are the lesson's.
    const QList<Session *> before = m_workbench->sessions();
    const QString explanation = LessonLibrary::setUp(id, m_workbench);
    if (explanation.isEmpty())
        return;
    m_id = id;
    m_sessions.clear();
    m_owned.clear();
    for (Session *s : m_workbench->sessions()) {
        if (!before.contains(s)) {
            m_sessions.append(s);
            m_owned.insert(s);
            mark(s, true);
        }
    }
    m_panel->setExplanation(explanation);
    m_panel->setTabsState(LessonPanel::Tabs::Lesson);
    placeDock();
    m_dock->show();
    m_dock->raise();
}

void LessonTabs::placeDock()
{
    // Beside the tabs when both fit the window's width; on a narrow screen
    // (1024 px: a tab needs most of it) below them, where its lines keep
    // whole words instead of squeezing the tab past the screen's edge.
    auto *window = qobject_cast<QMainWindow *>(m_dock->parentWidget());
    if (!window || m_dock->isFloating())
        return;
    const int needed = m_tabs->minimumSizeHint().width() + m_panel->minimumSizeHint().width()
        + window->style()->pixelMetric(QStyle::PM_DockWidgetSeparatorExtent) + 8;
    // The dock's own minimum may already have pushed the window past the
    // screen: the screen's width is the real limit.
    int room = window->width();
    if (const QScreen *screen = window->screen())
        room = qMin(room, screen->availableGeometry().width());
    const Qt::DockWidgetArea area = needed <= room ? Qt::RightDockWidgetArea : Qt::BottomDockWidgetArea;
    if (window->dockWidgetArea(m_dock) != area)
        window->addDockWidget(area, m_dock);
}

void LessonTabs::keepAll()
{
    const QList<Session *> sessions = m_sessions;
    for (Session *s : sessions)
        keep(s);
}

void LessonTabs::keep(Session *session)
{
    if (!m_owned.remove(session))
        return;
    mark(session, false);
    if (m_owned.isEmpty() && !m_sessions.isEmpty())
        m_panel->setTabsState(LessonPanel::Tabs::Kept);
}

void LessonTabs::mark(Session *session, bool lesson)
{
    if (SessionPage *page = pageOf(session)) {
        m_tabs->setTitleNote(page, lesson ? tr("Lesson “%1”: the next lesson replaces this tab, and it is not "
                                               "kept for the next start unless you keep it")
                                                .arg(lessonTitle(m_id))
                                          : QString());
    }
}

void LessonTabs::onSessionRemoved(Session *session)
{
    m_owned.remove(session);
    // The explanation names ports nothing holds any more.
    if (m_sessions.removeOne(session) && m_sessions.isEmpty())
        m_panel->setTabsState(LessonPanel::Tabs::Closed);
}

SessionPage *LessonTabs::pageOf(const Session *session) const
{
    for (int i = 0; i < m_tabs->count(); ++i) {
        auto *page = qobject_cast<SessionPage *>(m_tabs->widget(i));
        if (page && page->session() == session)
            return page;
    }
    return nullptr;
}
