#include "ui/pages/TcpServerPage.h"

#include "ui_TcpServerPage.h"

#include "core/log/TrafficLog.h"
#include "core/net/Endpoint.h"
#include "core/net/TcpServerSession.h"
#include "core/text/PayloadParser.h"
#include "core/text/TextCodec.h"
#include "ui/pages/ConnectionsModel.h"
#include "ui/pages/FramingPanel.h"
#include "core/os/TcpKernelView.h"
#include "ui/teach/TcpStateView.h"
#include "ui/widgets/FieldValidation.h"

#include <QCheckBox>
#include <QTimer>
#include <QToolButton>


TcpServerPage::TcpServerPage(TcpServerSession *session, QWidget *parent)
    : SessionPage(session, parent)
    , m_ui(std::make_unique<Ui::TcpServerPage>())
    , m_server(session)
{
    m_ui->setupUi(this);
    fillListenAddresses(m_ui->addressCombo);
    m_ui->portEdit->setPlaceholderText(tr("0 = any free port"));
    m_ui->portEdit->setToolTip(tr("0 lets the OS pick a free port; once listening, the field shows the one it chose "
                                  "and Stop → Start listens on it again"));

    m_addressCheck = new FieldValidation(m_ui->addressCombo->lineEdit(), &Endpoint::checkAddress, this);
    m_portCheck = new FieldValidation(m_ui->portEdit, [](const QString &t) { return Endpoint::checkPort(t, true); }, this);
    // Checked as typed, in the session's encoding: "\q" or a "€" under Latin-1 is marked at once.
    m_greetingCheck = new FieldValidation(m_ui->greetingEdit, [this](const QString &t) {
        return PayloadParser::parse(t, PayloadParser::Mode::Text, m_server->encoding(), true).error;
    }, this);
    connect(m_addressCheck, &FieldValidation::errorChanged, this, &TcpServerPage::updateStartEnabled);
    connect(m_portCheck, &FieldValidation::errorChanged, this, &TcpServerPage::updateStartEnabled);
    // What is typed goes into the session's settings as soon as it is valid.
    connect(m_ui->addressCombo, &QComboBox::currentTextChanged, this, [this](const QString &text) {
        QHostAddress a;
        if (Endpoint::checkAddress(text).isEmpty() && a.setAddress(bareAddress(text)))
            editSettings([&](SessionSettings &s) { s.listenAddress = a; });
    });
    connect(m_ui->portEdit, &QLineEdit::textChanged, this, [this](const QString &text) {
        if (Endpoint::checkPort(text, true).isEmpty())
            editSettings([&](SessionSettings &s) { s.listenPort = quint16(text.trimmed().toUInt()); });
    });
    connect(m_ui->backlogSpin, &QSpinBox::valueChanged, this, [this](int v) {
        editSettings([&](SessionSettings &s) { s.backlog = v; });
    });
    connect(m_ui->maxClientsSpin, &QSpinBox::valueChanged, this, [this](int v) {
        editSettings([&](SessionSettings &s) { s.maxClients = v; });
    });
    connect(m_ui->greetingEdit, &QLineEdit::textChanged, this, [this](const QString &text) {
        editSettings([&](SessionSettings &s) { s.greeting = text; });
    });
    // Issue 21: socket options.
    connect(m_ui->reuseAddressCheck, &QCheckBox::toggled, this, [this](bool on) {
        editSettings([&](SessionSettings &s) { s.reuseAddress = on; });
    });
    connect(m_ui->noDelayCheck, &QCheckBox::toggled, this, [this](bool on) {
        editSettings([&](SessionSettings &s) { s.noDelay = on; });
    });
    addEncodingDependentCheck(m_greetingCheck);
    connect(m_ui->addressCombo, &QComboBox::currentTextChanged, this, [this] {
        updateExposureNotice(m_ui->exposureNotice, m_ui->addressCombo->currentText(), m_ui->portEdit->text().toUShort());
    });
    updateExposureNotice(m_ui->exposureNotice, m_ui->addressCombo->currentText(), session->port());

    setupTrio(m_ui->trafficView, m_ui->peerInspector, m_ui->sendPanel);
    addTeachingViews(m_ui->topSplitter);
    setupAutoReply(m_ui->replyCombo, m_ui->templateEdit);
    m_ui->sendTargetRow->insertWidget(2, setupFraming(), 1);
    m_ui->sendTargetRow->insertWidget(3, setupChecksum());
    // Made here rather than in the form: one checkbox beside the greeting.
    m_keepOpenCheck = new QCheckBox(tr("&Keep open on FIN"), this);
    m_keepOpenCheck->setObjectName(QStringLiteral("keepOpenCheck"));
    m_keepOpenCheck->setToolTip(tr("When a client finishes sending (FIN), our side of its connection stays open for "
                                   "sending until Disconnect, Reset or Stop (CLOSE_WAIT); unchecked, it closes too. "
                                   "An auto-reply always closes after answering."));
    m_keepOpenCheck->setAccessibleName(tr("Keep sending side open after a client's FIN"));
    m_ui->listenGrid->addWidget(m_keepOpenCheck, 1, 10);
    connect(m_keepOpenCheck, &QCheckBox::toggled, this, [this](bool on) {
        editSettings([&](SessionSettings &s) { s.keepOpenOnPeerFin = on; });
    });

    // --- Pause accept() (issue 21) ---
    connect(m_ui->pauseAcceptCheck, &QCheckBox::toggled, this, [this](bool on) {
        editSettings([&](SessionSettings &s) { s.pauseAccept = on; });
    });
    m_acceptPausePoll = new QTimer(this);
    m_acceptPausePoll->setInterval(250);
    connect(m_acceptPausePoll, &QTimer::timeout, this, &TcpServerPage::showAcceptPause);

    m_clients = new ConnectionsModel(session, this);
    m_ui->clientsTable->setModel(m_clients);
    connect(m_ui->clientsTable->selectionModel(), &QItemSelectionModel::selectionChanged,
            this, &TcpServerPage::onClientSelectionChanged);
    // The table resets when many scattered clients leave at once: the
    // selected client, if it stays, stays selected.
    connect(m_clients, &QAbstractItemModel::modelAboutToBeReset, this, [this] { m_selectedBeforeReset = selectedClient(); });
    connect(m_clients, &QAbstractItemModel::modelReset, this, [this] {
        const int row = m_selectedBeforeReset ? m_clients->rowOf(m_selectedBeforeReset) : -1;
        m_selectedBeforeReset = 0;
        if (row >= 0)
            m_ui->clientsTable->selectRow(row);
        else
            onClientSelectionChanged();
    });

    m_ui->sendTargetCombo->addItem(tr("All clients"), QStringLiteral("all"));
    m_ui->sendTargetCombo->addItem(tr("Selected client"), QStringLiteral("selected"));
    m_ui->sendPanel->setSender([this](const QByteArray &payload) { return sendFromPanel(payload); });

    arrangePanels(m_ui->topSplitter, m_ui->mainSplitter, m_ui->sidePanel, m_ui->sideLayout, m_ui->clientsTable);

    connect(m_ui->startButton, &QPushButton::clicked, this, &TcpServerPage::onStartClicked);
    connect(m_ui->stopButton, &QPushButton::clicked, this, &TcpServerPage::onStopClicked);
    connect(m_ui->disconnectButton, &QPushButton::clicked, this, &TcpServerPage::onDisconnectClicked);
    connect(m_ui->resetButton, &QPushButton::clicked, this, &TcpServerPage::onResetClicked);
    connect(session, &Session::stateChanged, this, &TcpServerPage::onStateChanged);
    showAllSettings();
    onStateChanged();
}

void TcpServerPage::showSettings(const SessionSettings &shown, bool all)
{
    SessionPage::showSettings(shown, all);
    const SessionSettings &now = m_server->settings();
    if (all || shown.listenAddress != now.listenAddress)
        m_ui->addressCombo->setCurrentText(Endpoint{now.listenAddress, 0}.addressString());
    if (all || shown.listenPort != now.listenPort)
        showText(m_ui->portEdit, portText(now.listenPort));
    if (all || shown.backlog != now.backlog)
        m_ui->backlogSpin->setValue(now.backlog);
    if (all || shown.maxClients != now.maxClients)
        m_ui->maxClientsSpin->setValue(now.maxClients);
    if (all || shown.greeting != now.greeting)
        showText(m_ui->greetingEdit, now.greeting);
    if (all || shown.keepOpenOnPeerFin != now.keepOpenOnPeerFin)
        m_keepOpenCheck->setChecked(now.keepOpenOnPeerFin);
    // Issue 21: socket options.
    if (all || shown.reuseAddress != now.reuseAddress)
        m_ui->reuseAddressCheck->setChecked(now.reuseAddress);
    if (all || shown.noDelay != now.noDelay)
        m_ui->noDelayCheck->setChecked(now.noDelay);
    if (all || shown.greeting != now.greeting || shown.encoding != now.encoding)
        m_greetingCheck->recheck();
    if (all || shown.pauseAccept != now.pauseAccept) {
        m_ui->pauseAcceptCheck->setChecked(now.pauseAccept);
        showAcceptPause();
    }
    updateExposureNotice(m_ui->exposureNotice, m_ui->addressCombo->currentText(), now.listenPort);
}

TcpServerPage::~TcpServerPage() = default;

QString TcpServerPage::title() const
{
    if (m_server->isRunning())
        return tr("TCP server %1").arg(m_server->listenEndpoint().toString());
    return tr("TCP server (stopped)");
}

void TcpServerPage::updateStartEnabled()
{
    QString error;
    if (!m_addressCheck->isValid())
        error = tr("Address: %1").arg(m_addressCheck->error());
    else if (!m_portCheck->isValid())
        error = tr("Port: %1").arg(m_portCheck->error());
    else if (!m_greetingCheck->isValid())
        error = tr("Greeting: %1").arg(m_greetingCheck->error());
    else if (m_templateCheck && !m_templateCheck->isValid())
        error = tr("Auto-reply: %1").arg(m_templateCheck->error());
    m_ui->startButton->setEnabled(!m_server->isRunning() && error.isEmpty());
    showFieldError(error);
}

void TcpServerPage::showFieldError(const QString &error)
{
    m_ui->fieldError->setText(error);
    m_ui->fieldError->setVisible(!error.isEmpty());
}

void TcpServerPage::startSession()
{
    onStartClicked();
}

void TcpServerPage::stopSession()
{
    onStopClicked();
}

void TcpServerPage::onStartClicked()
{
    // The session already has every valid field; a bad one keeps Start off
    // (F5 or a call from elsewhere checks here too: nothing starts on a stale value).
    if (m_server->isRunning() || !m_ui->startButton->isEnabled())
        return;
    if (!m_server->start()) {
        const TrafficLog *log = m_server->log();
        showFieldError(log->size() ? log->at(log->size() - 1).message : tr("Cannot listen"));
        return;
    }
    showFieldError(QString());
}

void TcpServerPage::onStopClicked()
{
    if (m_server->isRunning())
        m_server->stop();
}

void TcpServerPage::onStateChanged()
{
    const bool running = m_server->isRunning();
    m_ui->stopButton->setEnabled(running);
    m_ui->addressCombo->setEnabled(!running);
    m_ui->portEdit->setEnabled(!running);
    m_ui->backlogSpin->setEnabled(!running);
    m_ui->reuseAddressCheck->setEnabled(!running);   // read by bind(), as the backlog by listen()
    m_ui->maxClientsSpin->setEnabled(!running);
    m_ui->greetingEdit->setEnabled(!running);
    m_ui->sendPanel->setSendEnabled(running, running ? QString() : tr("The server is not running"));
    showAcceptPause();
    updateStartEnabled();
    emit titleChanged();
}

void TcpServerPage::showAcceptPause()
{
    if (!m_server->settings().pauseAccept || !m_server->isRunning()) {
        m_acceptPausePoll->stop();
        m_ui->clientsLabel->setText(tr("Connected clients"));
        m_ui->clientsLabel->setToolTip(QString());
        return;
    }
    if (!m_acceptPausePoll->isActive())
        m_acceptPausePoll->start();
    const std::optional<TcpKernelView::Socket> listener = TcpKernelView::listener(m_server->listenEndpoint());
    const QString waiting = listener ? tr("%n waiting in the accept queue", nullptr, int(listener->receiveQueue))
                                     : tr("the kernel's accept queue cannot be read");
    m_ui->clientsLabel->setText(tr("Connected clients (accept() paused: %1)").arg(waiting));
    m_ui->clientsLabel->setToolTip(tr("Clients whose handshake finished wait in the kernel until accept() takes "
                                      "them; uncheck Pause accept() to take them all"));
}

quint32 TcpServerPage::selectedClient() const
{
    const QModelIndexList rows = m_ui->clientsTable->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return 0;
    return m_clients->idAt(rows.first().row());
}

void TcpServerPage::onClientSelectionChanged()
{
    const quint32 id = selectedClient();
    m_ui->disconnectButton->setEnabled(id != 0);
    m_ui->resetButton->setEnabled(id != 0);
    if (id != 0) {
        m_ui->peerInspector->showConnection(id);
        tcpStateView()->showConnection(id);
        m_ui->sendTargetCombo->setCurrentIndex(m_ui->sendTargetCombo->findData(QStringLiteral("selected")));
    }
}

void TcpServerPage::onDisconnectClicked()
{
    if (const quint32 id = selectedClient())
        closeSelected(id, false);
}

void TcpServerPage::onResetClicked()
{
    if (const quint32 id = selectedClient())
        closeSelected(id, true);
}

void TcpServerPage::closeSelected(quint32 id, bool reset)
{
    // The selection goes with the client: when its row leaves, the table
    // would otherwise move the selection to a neighbour, and a second click
    // (or "send to the selected client") would hit someone else.
    m_ui->clientsTable->clearSelection();
    m_ui->clientsTable->selectionModel()->setCurrentIndex(QModelIndex(), QItemSelectionModel::NoUpdate);
    m_server->disconnectClient(id, reset);
    onClientSelectionChanged();
}

SendResult TcpServerPage::sendFromPanel(const QByteArray &payload)
{
    if (const QString blocked = sendBlocker(); !blocked.isEmpty())
        return SendResult::failure(blocked);
    if (!m_server->isRunning())
        return SendResult::failure(tr("The server is not running: nothing was sent"));
    if (m_ui->sendTargetCombo->currentData().toString() == QStringLiteral("selected")) {
        const quint32 id = selectedClient();
        if (id == 0)
            return SendResult::failure(tr("Select a client in the table first: nothing was sent"));
        return m_server->sendTo(id, payload);
    }
    return m_server->sendToAll(payload);
}

QVariantMap TcpServerPage::saveState() const
{
    QVariantMap m = SessionPage::saveState();
    // Typed but not valid yet: comes back as typed, with its mark.
    m.insert(QStringLiteral("address"), m_ui->addressCombo->currentText());
    m.insert(QStringLiteral("port"), m_ui->portEdit->text());
    m.insert(QStringLiteral("running"), m_server->isRunning());
    return m;
}

void TcpServerPage::restoreState(const QVariantMap &state)
{
    SessionPage::restoreState(state);
    // A value the settings could not take (bad address or port) is shown as
    // it was typed, marked, and keeps Start disabled.
    if (state.contains(QStringLiteral("address")))
        m_ui->addressCombo->setCurrentText(state.value(QStringLiteral("address")).toString());
    if (state.contains(QStringLiteral("port")))
        m_ui->portEdit->setText(state.value(QStringLiteral("port")).toString());
}
