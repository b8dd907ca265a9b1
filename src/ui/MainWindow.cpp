#include "MainWindow.h"

#include "ui_MainWindow.h"

#include "Session.h"
#include "SessionCounters.h"
#include "TcpClientSession.h"
#include "TcpServerSession.h"
#include "TrafficLogModel.h"
#include "UdpSession.h"
#include "Version.h"
#include "Workbench.h"

#include <QHeaderView>
#include <QMessageBox>
#include <QTableView>
#include <QTimer>

MainWindow::MainWindow(Workbench *workbench, QWidget *parent)
    : QMainWindow(parent)
    , m_ui(std::make_unique<Ui::MainWindow>())
    , m_workbench(workbench)
{
    m_ui->setupUi(this);
    connect(m_ui->actionQuit, &QAction::triggered, this, &QWidget::close);
    connect(m_ui->actionAbout, &QAction::triggered, this, &MainWindow::onAbout);
    connect(m_ui->tabs, &QTabWidget::tabCloseRequested, this, &MainWindow::onTabCloseRequested);
    connect(workbench, &Workbench::sessionAdded, this, &MainWindow::onSessionAdded);
    connect(workbench, &Workbench::sessionRemoved, this, &MainWindow::onSessionRemoved);
    for (Session *s : workbench->sessions())
        onSessionAdded(s);

    // Totals are polled, not pushed per packet.
    auto *status = new QTimer(this);
    connect(status, &QTimer::timeout, this, &MainWindow::updateStatus);
    status->start(250);
    updateStatus();
}

MainWindow::~MainWindow() = default;

void MainWindow::onSessionAdded(Session *session)
{
    auto *view = new QTableView;
    view->setModel(new TrafficLogModel(session, view));
    view->verticalHeader()->setDefaultSectionSize(view->fontMetrics().height() + 6);
    view->verticalHeader()->hide();
    view->horizontalHeader()->setStretchLastSection(true);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setProperty("session", QVariant::fromValue(static_cast<QObject *>(session)));
    QString title;
    switch (session->kind()) {
    case SessionKind::TcpServer:
        title = tr("TCP server %1").arg(static_cast<TcpServerSession *>(session)->listenEndpoint().toString());
        break;
    case SessionKind::TcpClient: {
        auto *c = static_cast<TcpClientSession *>(session);
        title = tr("TCP client %1:%2").arg(c->host()).arg(c->port());
        break;
    }
    case SessionKind::Udp:
        title = tr("UDP");
        break;
    }
    m_ui->tabs->addTab(view, title);
    connect(session, &Session::stateChanged, view, [this, view, session] {
        if (session->kind() == SessionKind::TcpServer) {
            const int i = m_ui->tabs->indexOf(view);
            if (i >= 0)
                m_ui->tabs->setTabText(i, tr("TCP server %1")
                                              .arg(static_cast<TcpServerSession *>(session)->listenEndpoint().toString()));
        }
    });
}

void MainWindow::onSessionRemoved(Session *session)
{
    for (int i = 0; i < m_ui->tabs->count(); ++i) {
        QWidget *w = m_ui->tabs->widget(i);
        if (w->property("session").value<QObject *>() == session) {
            m_ui->tabs->removeTab(i);
            w->deleteLater();
            return;
        }
    }
}

void MainWindow::onTabCloseRequested(int index)
{
    QWidget *w = m_ui->tabs->widget(index);
    if (auto *session = qobject_cast<Session *>(w->property("session").value<QObject *>()))
        m_workbench->removeSession(session);
}

void MainWindow::onAbout()
{
    QMessageBox::about(this, tr("About Socket Workbench"),
                       tr("<h3>Socket Workbench %1</h3><p>Talk to TCP and UDP services by hand and see how sockets work.</p>"
                          "<p>Licensed under the MIT License.</p>")
                           .arg(QString::fromLatin1(kAppVersion)));
}

void MainWindow::updateStatus()
{
    SessionCounters total;
    for (Session *s : m_workbench->sessions()) {
        const SessionCounters c = s->counters();
        total.bytesIn += c.bytesIn;
        total.bytesOut += c.bytesOut;
        total.messagesIn += c.messagesIn;
        total.messagesOut += c.messagesOut;
    }
    statusBar()->showMessage(tr("%n session(s) · in %1 bytes (%2 reads) · out %3 bytes (%4 sends)", nullptr,
                                int(m_workbench->sessions().size()))
                                 .arg(total.bytesIn)
                                 .arg(total.messagesIn)
                                 .arg(total.bytesOut)
                                 .arg(total.messagesOut));
}
