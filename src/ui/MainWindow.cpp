#include "MainWindow.h"

#include "ui_MainWindow.h"

#include "AboutDialog.h"
#include "CaptureWriter.h"
#include "LanguageMenu.h"
#include "LessonLibrary.h"
#include "LessonPanel.h"
#include "SessionCounters.h"
#include "TcpClientPage.h"
#include "TcpClientSession.h"
#include "TcpServerPage.h"
#include "TcpServerSession.h"
#include "TrafficLog.h"
#include "UdpPage.h"
#include "UdpSession.h"
#include "Workbench.h"

#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QLabel>
#include <QLocale>
#include <QMenuBar>
#include <QMessageBox>
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
    // Many tabs scroll instead of widening the window.
    m_ui->tabs->setUsesScrollButtons(true);
    m_ui->tabs->setElideMode(Qt::ElideRight);
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
    m_lessonPanel = new LessonPanel;
    m_lessonDock = new QDockWidget(tr("Lesson"), this);
    m_lessonDock->setObjectName(QStringLiteral("lessonDock"));
    m_lessonDock->setWidget(m_lessonPanel);
    addDockWidget(Qt::RightDockWidgetArea, m_lessonDock);
    m_lessonDock->hide();
    connect(workbench, &Workbench::sessionAdded, this, &MainWindow::onSessionAdded);
    connect(workbench, &Workbench::sessionRemoved, this, &MainWindow::onSessionRemoved);
    for (Session *s : workbench->sessions())
        onSessionAdded(s);

    QSettings settings;
    restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
    restoreState(settings.value(QStringLiteral("window/state")).toByteArray());

    // Totals are polled a few times a second, never pushed per packet.
    auto *status = new QTimer(this);
    connect(status, &QTimer::timeout, this, &MainWindow::updateStatus);
    status->start(250);
    updateStatus();
    updateCaptureAction();
}

MainWindow::~MainWindow() = default;

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

bool MainWindow::startLesson(const QString &id)
{
    const QString explanation = LessonLibrary::setUp(id, m_workbench);
    if (explanation.isEmpty())
        return false;
    m_lessonPanel->setExplanation(explanation);
    m_lessonDock->show();
    return true;
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
    const int index = m_ui->tabs->addTab(page, page->title());
    m_ui->tabs->setCurrentIndex(index);
    connect(page, &SessionPage::titleChanged, this, [this, page] { updateTabTitle(page); });
}

void MainWindow::updateTabTitle(SessionPage *page)
{
    const int i = m_ui->tabs->indexOf(page);
    if (i >= 0) {
        m_ui->tabs->setTabText(i, page->title());
        m_ui->tabs->setTabToolTip(i, page->title());
    }
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

void MainWindow::restoreTabs()
{
    QSettings settings;
    const int n = settings.beginReadArray(QStringLiteral("tabs"));
    QList<QPair<QString, QVariantMap>> tabs;
    for (int i = 0; i < n; ++i) {
        settings.setArrayIndex(i);
        tabs.append({settings.value(QStringLiteral("kind")).toString(), settings.value(QStringLiteral("state")).toMap()});
    }
    settings.endArray();
    const int current = settings.value(QStringLiteral("window/currentTab"), 0).toInt();
    if (tabs.isEmpty()) {
        m_workbench->addTcpServer();
        return;
    }
    for (const auto &[kind, state] : tabs) {
        Session *s = nullptr;
        if (kind == kindKey(SessionKind::TcpServer))
            s = m_workbench->addTcpServer();
        else if (kind == kindKey(SessionKind::TcpClient))
            s = m_workbench->addTcpClient();
        else if (kind == kindKey(SessionKind::Udp))
            s = m_workbench->addUdp();
        if (!s)
            continue;
        if (SessionPage *page = pageAt(m_ui->tabs->count() - 1))
            page->restoreState(state);
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
    settings.setValue(QStringLiteral("window/currentTab"), m_ui->tabs->currentIndex());
    settings.beginWriteArray(QStringLiteral("tabs"));
    for (int i = 0; i < m_ui->tabs->count(); ++i) {
        const SessionPage *page = pageAt(i);
        settings.setArrayIndex(i);
        settings.setValue(QStringLiteral("kind"), kindKey(page->session()->kind()));
        settings.setValue(QStringLiteral("state"), page->saveState());
    }
    settings.endArray();
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
    QSettings settings;
    const QString last = settings.value(QStringLiteral("capture/lastFolder"), QDir::homePath()).toString();
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Capture to Folder"), last);
    if (dir.isEmpty()) {
        updateCaptureAction();  // cancelled: stays unchecked
        return;
    }
    settings.setValue(QStringLiteral("capture/lastFolder"), dir);
    captureCurrentTo(dir);
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
