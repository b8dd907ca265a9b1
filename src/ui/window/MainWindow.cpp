#include "ui/window/MainWindow.h"

#include "ui/pages/PageViews.h"

#include "ui_MainWindow.h"

#include "core/commands/LibraryStore.h"
#include "core/log/CaptureWriter.h"
#include "core/log/TrafficLog.h"
#include "core/net/SessionCounters.h"
#include "core/net/TcpClientSession.h"
#include "core/net/TcpServerSession.h"
#include "core/net/UdpSession.h"
#include "core/teach/LessonLibrary.h"
#include "core/workbench/Workbench.h"
#include "ui/commands/LibraryEdits.h"
#include "ui/commands/LibraryWindow.h"
#include "ui/pages/TcpClientPage.h"
#include "ui/pages/TcpServerPage.h"
#include "ui/pages/UdpPage.h"
#include "ui/teach/LessonPanel.h"
#include "ui/window/AboutDialog.h"
#include "ui/window/CaptureFolderDialog.h"
#include "ui/window/EmptyView.h"
#include "ui/window/LanguageMenu.h"
#include "ui/window/LessonTabs.h"
#include "ui/window/SessionTabWidget.h"

#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QDockWidget>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPointer>
#include <QSettings>
#include <QTimer>

namespace {
QString kindKey(SessionKind kind)
{
    return TrafficEvent::sessionName(kind);
}
} // namespace

MainWindow::MainWindow(Workbench *workbench, QWidget *parent)
    : QMainWindow(parent)
    , m_ui(std::make_unique<Ui::MainWindow>())
    , m_workbench(workbench)
    , m_statusLabel(new QLabel(this))
{
    m_ui->setupUi(this);
    // A long totals line must not set the window's minimum width.
    m_statusLabel->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    statusBar()->addPermanentWidget(m_statusLabel, 1);
    m_statusLabel->setAccessibleName(tr("Totals"));
    connect(m_ui->actionNewTcpServer, &QAction::triggered, this, &MainWindow::onNewTcpServer);
    connect(m_ui->actionNewTcpClient, &QAction::triggered, this, &MainWindow::onNewTcpClient);
    connect(m_ui->actionNewUdp, &QAction::triggered, this, &MainWindow::onNewUdp);
    connect(m_ui->actionCloseTab, &QAction::triggered, this, &MainWindow::onCloseCurrentTab);
    connect(m_ui->actionQuit, &QAction::triggered, this, &QWidget::close);
    connect(m_ui->actionAbout, &QAction::triggered, this, &MainWindow::onAbout);
    connect(m_ui->actionAboutQt, &QAction::triggered, qApp, &QApplication::aboutQt);
    connect(m_ui->tabs, &QTabWidget::tabCloseRequested, this, &MainWindow::onTabCloseRequested);
    connect(m_ui->actionCloseOtherTabs, &QAction::triggered, this, [this] { closeTabsExcept(currentPage()); });
    connect(m_ui->actionCloseAllTabs, &QAction::triggered, this, [this] { closeTabsExcept(nullptr); });
    // Two keys each, as in browsers and editors. Alt+1…9 stay free.
    m_ui->actionNextTab->setShortcuts({QKeySequence(Qt::CTRL | Qt::Key_Tab), QKeySequence(Qt::CTRL | Qt::Key_PageDown)});
    m_ui->actionPreviousTab->setShortcuts(
        {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Tab), QKeySequence(Qt::CTRL | Qt::Key_PageUp)});
    connect(m_ui->actionNextTab, &QAction::triggered, this, [this] { m_ui->tabs->selectNeighbour(1); });
    connect(m_ui->actionPreviousTab, &QAction::triggered, this, [this] { m_ui->tabs->selectNeighbour(-1); });
    connect(m_ui->tabs, &SessionTabWidget::tabContextMenuRequested, this, &MainWindow::onTabContextMenu);
    connect(m_ui->tabs, &SessionTabWidget::tabRenamed, this, &MainWindow::onTabRenamed);
    connect(m_ui->tabs, &SessionTabWidget::tabCountChanged, this, &MainWindow::updateEmptyView);
    // Made here rather than in the .ui file: its text and check state follow the current tab.
    m_captureAction = new QAction(this);
    m_captureAction->setObjectName(QStringLiteral("actionCapture"));
    m_captureAction->setCheckable(true);
    m_ui->menuSession->insertAction(m_ui->actionCloseTab, m_captureAction);
    m_ui->menuSession->insertSeparator(m_ui->actionCloseTab);
    connect(m_captureAction, &QAction::triggered, this, &MainWindow::onCaptureTriggered);
    connect(m_ui->tabs, &QTabWidget::currentChanged, this, &MainWindow::updateCaptureAction);
    connect(workbench, &Workbench::captureChanged, this, &MainWindow::updateCaptureAction);
    connect(workbench, &Workbench::captureFailed, this, &MainWindow::onCaptureFailed);
    // --log FILE: while the file's writer is behind, no session reads; say so.
    m_logHeldLabel = new QLabel(tr("⏸ Log file behind: reading paused"), this);
    m_logHeldLabel->setObjectName(QStringLiteral("logHeldLabel"));
    m_logHeldLabel->setToolTip(tr("The JSON Lines log (--log) is being written more slowly than traffic arrives. "
                                  "Sessions stop reading until it catches up: TCP peers wait, "
                                  "datagrams wait in the kernel's queue (what overflows it is counted as drops)."));
    m_logHeldLabel->setVisible(workbench->logHeld());
    statusBar()->addPermanentWidget(m_logHeldLabel);
    connect(workbench, &Workbench::logHeldChanged, m_logHeldLabel, &QWidget::setVisible);
    connect(workbench, &Workbench::logFailed, this, [this](const QString &message) {
        showWarning(tr("Log file stopped"), message);
    });
    for (const LessonLibrary::Lesson &lesson : LessonLibrary::all()) {
        QAction *action = m_ui->menuLessons->addAction(lesson.title);
        action->setObjectName(QStringLiteral("lesson-") + lesson.id);
        connect(action, &QAction::triggered, this, [this, id = lesson.id] { startLesson(id); });
    }
    // Settings → Language; the saved choice applies from the next start.
    auto *settingsMenu = new QMenu(tr("Se&ttings"), this);
    settingsMenu->setObjectName(QStringLiteral("menuSettings"));
    settingsMenu->addMenu(new LanguageMenu(settingsMenu));
    menuBar()->insertMenu(m_ui->menuHelp->menuAction(), settingsMenu);
    m_ui->emptyView->setActions(m_ui->actionNewTcpServer, m_ui->actionNewTcpClient, m_ui->actionNewUdp,
                                m_ui->menuLessons);
    m_lessonPanel = new LessonPanel;
    m_lessonDock = new QDockWidget(tr("Lesson"), this);
    m_lessonDock->setObjectName(QStringLiteral("lessonDock"));
    m_lessonDock->setWidget(m_lessonPanel);
    addDockWidget(Qt::RightDockWidgetArea, m_lessonDock);
    m_lessonDock->hide();
    m_lessonTabs = new LessonTabs(workbench, m_ui->tabs, m_lessonPanel, m_lessonDock, this);
    // The payload library: Session → Payload Library…, and each tab's quick-send bar.
    m_libraryEdits = new LibraryEdits(workbench->library(), this);
    auto *libraryAction = new QAction(tr("Payload &Library…"), this);
    libraryAction->setObjectName(QStringLiteral("actionPayloadLibrary"));
    libraryAction->setToolTip(tr("Saved payloads: edit them, import and export library files, "
                                 "drag them onto a tab's quick-send bar"));
    m_ui->menuSession->insertAction(m_captureAction, libraryAction);
    connect(libraryAction, &QAction::triggered, this, &MainWindow::showLibrary);
    connect(workbench, &Workbench::sessionAdded, this, &MainWindow::onSessionAdded);
    connect(workbench, &Workbench::sessionRemoved, this, &MainWindow::onSessionRemoved);
    for (Session *s : workbench->sessions())
        onSessionAdded(s);

    QSettings settings;
    restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
    restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
    // The dock's place comes back, not its visibility: no lesson is running
    // yet, and an empty panel would explain nothing.
    m_lessonDock->hide();
    updateEmptyView();

    // Totals are polled a few times a second, never pushed per packet.
    auto *status = new QTimer(this);
    connect(status, &QTimer::timeout, this, &MainWindow::updateStatus);
    status->start(250);
    updateStatus();
    updateCaptureAction();
    if (workbench->library()->isHeld()) {
        // Not modal: the window and its sessions work without the library.
        auto *box = new QMessageBox(QMessageBox::Warning, tr("Payload library not read"),
                                    tr("The payload library %1 could not be read: %2\n\nThe file is left as it is. "
                                       "The library stays empty and is not saved until you repair the file and "
                                       "reload it, or set it aside, in Session → Payload Library….")
                                        .arg(QDir::toNativeSeparators(workbench->library()->path()),
                                             workbench->library()->loadError()),
                                    QMessageBox::Ok, this);
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->setObjectName(QStringLiteral("libraryWarning"));
        box->open();
    }
}

MainWindow::~MainWindow() = default;

void MainWindow::showLibrary()
{
    if (!m_libraryWindow)
        m_libraryWindow = new LibraryWindow(m_libraryEdits, this);
    m_libraryWindow->show();
    m_libraryWindow->raise();
    m_libraryWindow->activateWindow();
}

int MainWindow::pageCount() const
{
    return m_ui->tabs->count();
}

SessionPage *MainWindow::pageAt(int index) const
{
    return qobject_cast<SessionPage *>(m_ui->tabs->widget(index));
}

SessionPage *MainWindow::currentPage() const
{
    return qobject_cast<SessionPage *>(m_ui->tabs->currentWidget());
}

SessionTabWidget *MainWindow::tabs() const
{
    return m_ui->tabs;
}

void MainWindow::showView(const QString &name)
{
    for (int i = 0; SessionPage *page = pageAt(i); ++i)
        PageViews::show(page->findChild<QTabWidget *>(QStringLiteral("viewTabs")), name);
}

bool MainWindow::startLesson(const QString &id)
{
    return m_lessonTabs->start(id);
}

void MainWindow::onNewTcpServer()
{
    m_workbench->addTcpServer();
}

void MainWindow::onNewTcpClient()
{
    m_workbench->addTcpClient();
}

void MainWindow::onNewUdp()
{
    m_workbench->addUdp();
}

void MainWindow::onSessionAdded(Session *session)
{
    SessionPage *page = nullptr;
    switch (session->kind()) {
    case SessionKind::TcpServer:
        page = new TcpServerPage(static_cast<TcpServerSession *>(session));
        break;
    case SessionKind::TcpClient:
        page = new TcpClientPage(static_cast<TcpClientSession *>(session));
        break;
    case SessionKind::Udp:
        page = new UdpPage(static_cast<UdpSession *>(session));
        break;
    }
    page->setSessionsProvider([this] { return m_workbench->sessions(); });
    page->setPayloadLibrary(m_libraryEdits, [this] { showLibrary(); });
    const int index = m_ui->tabs->addTab(page, QString());
    m_ui->tabs->setAutomaticTitle(page, page->title());
    m_ui->tabs->setCurrentIndex(index);
    connect(page, &SessionPage::titleChanged, this, [this, page] { updateTabTitle(page); });
}

void MainWindow::updateTabTitle(SessionPage *page)
{
    m_ui->tabs->setAutomaticTitle(page, page->title());
}

void MainWindow::updateEmptyView()
{
    const int n = m_ui->tabs->count();
    m_ui->emptyView->setVisible(n == 0);
    m_ui->tabs->setVisible(n > 0);
    m_ui->actionCloseOtherTabs->setEnabled(n > 1);
    m_ui->actionCloseAllTabs->setEnabled(n > 0);
    m_ui->actionNextTab->setEnabled(n > 1);
    m_ui->actionPreviousTab->setEnabled(n > 1);
}

void MainWindow::onSessionRemoved(Session *session)
{
    for (int i = 0; i < m_ui->tabs->count(); ++i) {
        SessionPage *page = pageAt(i);
        if (page && page->session() == session) {
            m_ui->tabs->removeTab(i);
            delete page;
            return;
        }
    }
}

void MainWindow::onTabCloseRequested(int index)
{
    if (SessionPage *page = pageAt(index))
        m_workbench->removeSession(page->session());
}

void MainWindow::onCloseCurrentTab()
{
    if (m_ui->tabs->count() > 0)
        onTabCloseRequested(m_ui->tabs->currentIndex());
}

void MainWindow::closeTabsExcept(SessionPage *keep)
{
    QList<Session *> closing;
    for (int i = 0; i < m_ui->tabs->count(); ++i) {
        if (pageAt(i) != keep)
            closing.append(pageAt(i)->session());
    }
    for (Session *s : std::as_const(closing))
        m_workbench->removeSession(s);
}

void MainWindow::onTabContextMenu(int index, const QPoint &globalPos)
{
    // Not exec(): the menu must not hold the event loop (nor a test).
    auto *menu = new QMenu(this);
    menu->setObjectName(QStringLiteral("tabContextMenu"));
    // Gone once hidden, but later: an entry's action runs after the hiding.
    connect(menu, &QMenu::aboutToHide, menu, &QObject::deleteLater);
    const QPointer<SessionPage> page = pageAt(index);
    if (page) {
        QAction *rename = menu->addAction(tr("&Rename…"), this, [this, page] {
            if (page)
                m_ui->tabs->startRename(m_ui->tabs->indexOf(page));
        });
        rename->setObjectName(QStringLiteral("actionRenameTab"));
        if (m_lessonTabs->owns(page->session())) {
            QAction *keep = menu->addAction(tr("&Keep this tab"), this, [this, page] {
                if (page)
                    m_lessonTabs->keep(page->session());
            });
            keep->setObjectName(QStringLiteral("actionKeepTab"));
            keep->setToolTip(tr("The next lesson leaves it open, and it comes back at the next start"));
        }
        menu->addSeparator();
        QAction *close = menu->addAction(tr("&Close tab"), this, [this, page] {
            if (page)
                m_workbench->removeSession(page->session());
        });
        close->setObjectName(QStringLiteral("actionCloseThisTab"));
        QAction *others = menu->addAction(tr("Close &other tabs"), this, [this, page] {
            if (page)
                closeTabsExcept(page);
        });
        others->setObjectName(QStringLiteral("actionCloseOthersOfTab"));
        others->setEnabled(m_ui->tabs->count() > 1);
    } else {
        menu->addAction(m_ui->actionNewTcpServer);
        menu->addAction(m_ui->actionNewTcpClient);
        menu->addAction(m_ui->actionNewUdp);
        menu->addSeparator();
    }
    menu->addAction(m_ui->actionCloseAllTabs);
    menu->popup(globalPos);
}

void MainWindow::onTabRenamed(QWidget *page)
{
    // A name is a sign the user wants the tab: a lesson's tab stays then.
    if (auto *p = qobject_cast<SessionPage *>(page))
        m_lessonTabs->keep(p->session());
}

void MainWindow::restoreTabs()
{
    QSettings settings;
    // A first run opens a server tab; a window last left without tabs (or
    // with only a lesson's) comes back empty, saying how to start.
    if (!settings.contains(QStringLiteral("tabs/size"))) {
        m_workbench->addTcpServer();
        return;
    }
    struct Saved
    {
        QString kind;
        QVariantMap state;
        QString name;
    };
    const int n = settings.beginReadArray(QStringLiteral("tabs"));
    QList<Saved> tabs;
    for (int i = 0; i < n; ++i) {
        settings.setArrayIndex(i);
        tabs.append({settings.value(QStringLiteral("kind")).toString(), settings.value(QStringLiteral("state")).toMap(),
                     settings.value(QStringLiteral("name")).toString()});
    }
    settings.endArray();
    const int current = settings.value(QStringLiteral("window/currentTab"), 0).toInt();
    for (const auto &[kind, state, name] : tabs) {
        Session *s = nullptr;
        if (kind == kindKey(SessionKind::TcpServer))
            s = m_workbench->addTcpServer();
        else if (kind == kindKey(SessionKind::TcpClient))
            s = m_workbench->addTcpClient();
        else if (kind == kindKey(SessionKind::Udp))
            s = m_workbench->addUdp();
        if (!s)
            continue;
        if (SessionPage *page = pageAt(m_ui->tabs->count() - 1)) {
            page->restoreState(state);
            m_ui->tabs->setCustomTitle(page, name);
        }
    }
    if (current >= 0 && current < m_ui->tabs->count())
        m_ui->tabs->setCurrentIndex(current);
}

void MainWindow::saveSettings() const
{
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
    if (!m_persistTabs)
        return;
    // A lesson's tabs are set up again by the lesson, on ports chosen then:
    // only the tabs the user opened or kept are saved.
    int saved = 0;
    int current = 0;
    settings.beginWriteArray(QStringLiteral("tabs"));
    for (int i = 0; i < m_ui->tabs->count(); ++i) {
        SessionPage *page = pageAt(i);
        if (m_lessonTabs->owns(page->session()))
            continue;
        if (i == m_ui->tabs->currentIndex())
            current = saved;
        settings.setArrayIndex(saved++);
        settings.setValue(QStringLiteral("kind"), kindKey(page->session()->kind()));
        settings.setValue(QStringLiteral("state"), page->saveState());
        settings.setValue(QStringLiteral("name"), m_ui->tabs->customTitle(page));
    }
    settings.endArray();
    settings.setValue(QStringLiteral("window/currentTab"), current);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveSettings();
    QMainWindow::closeEvent(event);
}

void MainWindow::onAbout()
{
    // One dialog, kept: a second click brings it forward instead of stacking copies.
    auto *dialog = findChild<AboutDialog *>();
    if (!dialog)
        dialog = new AboutDialog(this);
    dialog->show();
    dialog->raise();
    dialog->activateWindow();
}

void MainWindow::onCaptureTriggered(bool checked)
{
    SessionPage *page = currentPage();
    if (!page) {
        updateCaptureAction();
        return;
    }
    if (!checked) {
        const CaptureWriter *capture = m_workbench->captureOf(page->session());
        const QString folder = capture ? QDir::toNativeSeparators(capture->folder()) : QString();
        m_workbench->stopCapture(page->session());
        if (!folder.isEmpty())
            statusBar()->showMessage(tr("Capture stopped; the files are in %1").arg(folder), 10000);
        return;
    }
    const QString last = QSettings().value(QStringLiteral("capture/lastFolder"), QDir::homePath()).toString();
    // Opened, not exec()'d: sessions keep running while it is shown. Typing
    // the name of a folder that does not exist yet makes it (see the class).
    auto *dialog = new CaptureFolderDialog(this, tr("Capture to Folder"), last);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QFileDialog::fileSelected, this, [this](const QString &dir) {
        QSettings().setValue(QStringLiteral("capture/lastFolder"), dir);
        captureCurrentTo(dir);
    });
    connect(dialog, &QDialog::rejected, this, &MainWindow::updateCaptureAction);  // cancelled: stays unchecked
    dialog->open();
}

bool MainWindow::captureCurrentTo(const QString &dir)
{
    SessionPage *page = currentPage();
    if (!page)
        return false;
    QString error;
    const CaptureWriter *capture = m_workbench->startCapture(page->session(), dir, &error);
    updateCaptureAction();
    if (!capture) {
        showWarning(tr("Cannot capture"), tr("Cannot capture “%1” to %2: %3")
                                              .arg(page->title(), QDir::toNativeSeparators(dir), error));
        return false;
    }
    statusBar()->showMessage(tr("Capturing “%1” to %2").arg(page->title(), QDir::toNativeSeparators(capture->folder())),
                             10000);
    return true;
}

void MainWindow::onCaptureFailed(Session *session, const QString &message)
{
    updateCaptureAction();
    QString title;
    for (int i = 0; i < pageCount(); ++i) {
        if (pageAt(i)->session() == session)
            title = pageAt(i)->title();
    }
    // The message already says "Capture stopped: …" and names the file.
    showWarning(tr("Capture stopped"), tr("Tab “%1”: %2").arg(title, message));
}

void MainWindow::showWarning(const QString &title, const QString &text)
{
    // Not modal: traffic keeps flowing (and tests keep running) while it is shown.
    auto *box = new QMessageBox(QMessageBox::Warning, title, text, QMessageBox::Ok, this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setObjectName(QStringLiteral("captureWarning"));
    box->open();
}

void MainWindow::updateCaptureAction()
{
    const SessionPage *page = currentPage();
    const CaptureWriter *capture = page ? m_workbench->captureOf(page->session()) : nullptr;
    const bool on = capture && capture->isCapturing();
    m_captureAction->setEnabled(page != nullptr);
    m_captureAction->setChecked(on);
    if (on) {
        const QString folder = QDir::toNativeSeparators(capture->folder());
        QString shown = fontMetrics().elidedText(folder, Qt::ElideMiddle, 40 * fontMetrics().averageCharWidth());
        shown.replace(u'&', QStringLiteral("&&"));  // a path's '&' is not a mnemonic
        m_captureAction->setText(tr("Capturing to %1").arg(shown));
        m_captureAction->setToolTip(tr("Writing this tab's traffic to %1; uncheck to stop").arg(folder));
    } else {
        m_captureAction->setText(tr("Capture to &Folder…"));
        m_captureAction->setToolTip(
            tr("Write everything this tab receives and sends to files in a folder, nothing dropped"));
    }
    m_captureAction->setStatusTip(m_captureAction->toolTip());
}

void MainWindow::updateStatus()
{
    SessionCounters total;
    qsizetype connections = 0;
    quint64 dropped = 0;
    const auto sessions = m_workbench->sessions();
    for (Session *s : sessions) {
        const SessionCounters c = s->counters();
        total.bytesIn += c.bytesIn;
        total.bytesOut += c.bytesOut;
        total.messagesIn += c.messagesIn;
        total.messagesOut += c.messagesOut;
        total.errors += c.errors;
        if (s->kind() == SessionKind::TcpServer)
            connections += static_cast<TcpServerSession *>(s)->clientCount();
        else if (s->kind() == SessionKind::TcpClient && static_cast<TcpClientSession *>(s)->isConnected())
            ++connections;
        dropped += s->log()->droppedEvents();
    }
    const QLocale locale;
    QString text = tr("%n session(s)", nullptr, int(sessions.size()))
        + QStringLiteral(" · ") + tr("%n connection(s)", nullptr, int(connections))
        + QStringLiteral(" · ") + tr("in %1 B in %2 reads").arg(locale.toString(total.bytesIn), locale.toString(total.messagesIn))
        + QStringLiteral(" · ") + tr("out %1 B in %2 sends").arg(locale.toString(total.bytesOut), locale.toString(total.messagesOut));
    if (total.errors)
        text += QStringLiteral(" · ") + tr("%n error(s)", nullptr, int(total.errors));
    if (dropped)
        text += QStringLiteral(" · ") + tr("%1 old events dropped from memory").arg(locale.toString(dropped));
    const SessionPage *page = currentPage();
    const CaptureWriter *capture = page ? m_workbench->captureOf(page->session()) : nullptr;
    if (capture && capture->isCapturing()) {
        text += QStringLiteral(" · ") + tr("capturing to %1 (%2 B written)")
                                            .arg(QDir::toNativeSeparators(capture->folder()),
                                                 locale.toString(capture->stats().bytesWritten));
    }
    m_statusLabel->setText(text);
}
