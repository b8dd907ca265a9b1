#include "TcpClientPage.h"

#include "ui_TcpClientPage.h"

#include "Endpoint.h"
#include "FieldValidation.h"
#include "FramingPanel.h"
#include "TcpClientSession.h"
#include "TrafficLog.h"


TcpClientPage::TcpClientPage(TcpClientSession *session, QWidget *parent)
    : SessionPage(session, parent)
    , m_ui(std::make_unique<Ui::TcpClientPage>())
    , m_client(session)
{
    m_ui->setupUi(this);
    if (!session->host().isEmpty())
        m_ui->hostEdit->setText(session->host());
    if (session->port() != 0)
        m_ui->portEdit->setText(QString::number(session->port()));
    m_ui->timeoutSpin->setValue(session->connectTimeout());
    fillListenAddresses(m_ui->bindAddressCombo);
    const bool bound = !session->localBindAddress().isNull() || session->localBindPort() != 0;
    m_ui->bindCheck->setChecked(bound);
    if (!session->localBindAddress().isNull())
        m_ui->bindAddressCombo->setCurrentText(Endpoint{session->localBindAddress(), 0}.addressString());
    m_ui->bindPortEdit->setText(QString::number(session->localBindPort()));

    m_hostCheck = new FieldValidation(m_ui->hostEdit, &Endpoint::checkHost, this);
    m_portCheck = new FieldValidation(m_ui->portEdit, [](const QString &t) { return Endpoint::checkPort(t, false); }, this);
    m_bindAddressCheck = new FieldValidation(m_ui->bindAddressCombo->lineEdit(), [this](const QString &t) {
        return m_ui->bindCheck->isChecked() ? Endpoint::checkAddress(t) : QString();
    }, this);
    m_bindPortCheck = new FieldValidation(m_ui->bindPortEdit, [this](const QString &t) {
        return m_ui->bindCheck->isChecked() ? Endpoint::checkPort(t, true) : QString();
    }, this);
    for (FieldValidation *v : {m_hostCheck, m_portCheck, m_bindAddressCheck, m_bindPortCheck})
        connect(v, &FieldValidation::errorChanged, this, &TcpClientPage::updateConnectEnabled);
    connect(m_ui->bindCheck, &QCheckBox::toggled, this, [this](bool on) {
        m_ui->bindAddressCombo->setEnabled(on);
        m_ui->bindPortEdit->setEnabled(on);
        m_bindAddressCheck->recheck();
        m_bindPortCheck->recheck();
        updateConnectEnabled();
    });
    m_ui->bindAddressCombo->setEnabled(bound);
    m_ui->bindPortEdit->setEnabled(bound);

    setupTrio(m_ui->trafficView, m_ui->peerInspector, m_ui->sendPanel);
    addTeachingViews(m_ui->topSplitter);
    setupAutoReply(m_ui->replyCombo, m_ui->templateEdit);
    m_ui->configGrid->addWidget(setupFraming(), 2, 6, 1, 4);
    m_ui->sendPanel->setSender([this](const QByteArray &payload) {
        if (const QString blocked = sendBlocker(); !blocked.isEmpty())
            return SendResult::failure(blocked);
        return m_client->send(payload);
    });
    arrangePanels(m_ui->topSplitter, m_ui->mainSplitter, m_ui->sidePanel, m_ui->sideLayout);

    connect(m_ui->connectButton, &QPushButton::clicked, this, &TcpClientPage::onConnectClicked);
    connect(m_ui->disconnectButton, &QPushButton::clicked, this, &TcpClientPage::onDisconnectClicked);
    connect(m_ui->halfCloseButton, &QPushButton::clicked, this, &TcpClientPage::onHalfCloseClicked);
    connect(session, &Session::stateChanged, this, &TcpClientPage::onStateChanged);
    connect(session, &Session::connectionsChanged, this, &TcpClientPage::onStateChanged);
    onStateChanged();
}

TcpClientPage::~TcpClientPage() = default;

QString TcpClientPage::title() const
{
    const QString target = m_client->host().contains(u':')
        ? QStringLiteral("[%1]:%2").arg(m_client->host(), QString::number(m_client->port()))
        : QStringLiteral("%1:%2").arg(m_client->host(), QString::number(m_client->port()));
    if (m_client->isConnected())
        return tr("TCP client → %1").arg(target);
    if (m_client->host().isEmpty())
        return tr("TCP client");
    return tr("TCP client %1 (not connected)").arg(target);
}

void TcpClientPage::showFieldError(const QString &error)
{
    m_ui->fieldError->setText(error);
    m_ui->fieldError->setVisible(!error.isEmpty());
}

void TcpClientPage::updateConnectEnabled()
{
    const QList<QPair<QString, FieldValidation *>> checks{
        {tr("Host"), m_hostCheck}, {tr("Port"), m_portCheck},
        {tr("Local address"), m_bindAddressCheck}, {tr("Local port"), m_bindPortCheck},
        {tr("Auto-reply"), m_templateCheck}};
    QString error;
    for (const auto &[name, check] : checks) {
        if (check && !check->isValid()) {
            error = tr("%1: %2").arg(name, check->error());
            break;
        }
    }
    const bool idle = m_client->state() == Session::State::Idle;
    m_ui->connectButton->setEnabled(idle && error.isEmpty());
    showFieldError(error);
}

void TcpClientPage::startSession()
{
    onConnectClicked();
}

void TcpClientPage::stopSession()
{
    onDisconnectClicked();
}

void TcpClientPage::onConnectClicked()
{
    if (m_client->state() != Session::State::Idle || !m_ui->connectButton->isEnabled())
        return;
    QString host = m_ui->hostEdit->text().trimmed();
    if (host.startsWith(u'[') && host.endsWith(u']'))
        host = host.mid(1, host.size() - 2);
    m_client->setHost(host);
    m_client->setPort(m_ui->portEdit->text().trimmed().toUShort());
    m_client->setConnectTimeout(m_ui->timeoutSpin->value());
    if (m_ui->bindCheck->isChecked())
        m_client->setLocalBind(QHostAddress(m_ui->bindAddressCombo->currentText().trimmed()),
                               m_ui->bindPortEdit->text().trimmed().toUShort());
    else
        m_client->setLocalBind(QHostAddress(), 0);
    QString replyError;
    autoReplyFromFields(&replyError);
    if (!replyError.isEmpty()) {
        showFieldError(tr("Auto-reply: %1").arg(replyError));
        return;
    }
    applyAutoReply();
    if (!m_client->start()) {
        const TrafficLog *log = m_client->log();
        showFieldError(log->size() ? log->at(log->size() - 1).message : tr("Cannot connect"));
    }
    onStateChanged();
}

void TcpClientPage::onDisconnectClicked()
{
    m_client->stop();
}

void TcpClientPage::onHalfCloseClicked()
{
    QString error;
    if (!m_client->shutdownWrite(&error))
        showFieldError(error);
    onStateChanged();
}

void TcpClientPage::onStateChanged()
{
    const Session::State s = m_client->state();
    const bool idle = s == Session::State::Idle;
    const bool connected = m_client->isConnected();
    if (!idle) {
        // Started from elsewhere (a lesson, the command line): show what it uses.
        m_ui->hostEdit->setText(m_client->host());
        m_ui->portEdit->setText(QString::number(m_client->port()));
        m_ui->timeoutSpin->setValue(m_client->connectTimeout());
    }
    for (QWidget *w : {static_cast<QWidget *>(m_ui->hostEdit), static_cast<QWidget *>(m_ui->portEdit),
                       static_cast<QWidget *>(m_ui->timeoutSpin), static_cast<QWidget *>(m_ui->bindCheck)})
        w->setEnabled(idle);
    m_ui->bindAddressCombo->setEnabled(idle && m_ui->bindCheck->isChecked());
    m_ui->bindPortEdit->setEnabled(idle && m_ui->bindCheck->isChecked());
    m_ui->disconnectButton->setEnabled(!idle);
    m_ui->disconnectButton->setText(connected || idle ? tr("&Disconnect") : tr("&Cancel"));
    m_ui->halfCloseButton->setEnabled(connected && !m_client->writeShutDown());
    if (connected) {
        m_ui->endpointsLabel->setText(
            tr("Local %1 (port chosen by the OS unless bound) → peer %2")
                .arg(m_client->localEndpoint().toString(), m_client->peerEndpoint().toString()));
        m_ui->sendPanel->setSendEnabled(!m_client->writeShutDown(),
                                        m_client->writeShutDown() ? tr("Sending is shut down") : QString());
    } else {
        m_ui->endpointsLabel->setText(s == Session::State::Starting ? tr("Connecting…") : tr("Not connected"));
        m_ui->sendPanel->setSendEnabled(false, tr("Not connected"));
    }
    updateConnectEnabled();
    emit titleChanged();
}

QVariantMap TcpClientPage::saveState() const
{
    QVariantMap m = SessionPage::saveState();
    m.insert(QStringLiteral("host"), m_ui->hostEdit->text());
    m.insert(QStringLiteral("port"), m_ui->portEdit->text());
    m.insert(QStringLiteral("timeout"), m_ui->timeoutSpin->value());
    m.insert(QStringLiteral("bind"), m_ui->bindCheck->isChecked());
    m.insert(QStringLiteral("bindAddress"), m_ui->bindAddressCombo->currentText());
    m.insert(QStringLiteral("bindPort"), m_ui->bindPortEdit->text());
    return m;
}

void TcpClientPage::restoreState(const QVariantMap &state)
{
    SessionPage::restoreState(state);
    if (state.contains(QStringLiteral("host")))
        m_ui->hostEdit->setText(state.value(QStringLiteral("host")).toString());
    if (state.contains(QStringLiteral("port")))
        m_ui->portEdit->setText(state.value(QStringLiteral("port")).toString());
    m_ui->timeoutSpin->setValue(state.value(QStringLiteral("timeout"), m_ui->timeoutSpin->value()).toInt());
    m_ui->bindAddressCombo->setCurrentText(state.value(QStringLiteral("bindAddress"), QStringLiteral("127.0.0.1")).toString());
    m_ui->bindPortEdit->setText(state.value(QStringLiteral("bindPort"), QStringLiteral("0")).toString());
    m_ui->bindCheck->setChecked(state.value(QStringLiteral("bind")).toBool());
    emit titleChanged();
}
