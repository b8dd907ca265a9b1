#include "ui/pages/TcpClientPage.h"

#include "ui_TcpClientPage.h"

#include "core/log/TrafficLog.h"
#include "core/net/Endpoint.h"
#include "core/net/TcpClientSession.h"
#include "ui/pages/FramingPanel.h"
#include "ui/widgets/FieldValidation.h"

#include <QToolButton>


TcpClientPage::TcpClientPage(TcpClientSession *session, QWidget *parent)
    : SessionPage(session, parent)
    , m_ui(std::make_unique<Ui::TcpClientPage>())
    , m_client(session)
{
    m_ui->setupUi(this);
    fillListenAddresses(m_ui->bindAddressCombo);
    m_ui->bindAddressCombo->setCurrentText(QStringLiteral("127.0.0.1"));
    m_ui->bindPortEdit->setText(QStringLiteral("0"));
    m_ui->bindPortEdit->setPlaceholderText(tr("0 = any free port"));
    m_ui->bindPortEdit->setToolTip(tr("0 lets the OS pick the local port, as connect() does without bind()"));
    // Every timeout the command line and saved settings accept: a narrower
    // box would show a clamped value while the session uses another.
    m_ui->timeoutSpin->setRange(1, 3600 * 1000);

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
    connect(m_ui->bindCheck, &QCheckBox::toggled, this, [this] {
        m_bindAddressCheck->recheck();
        m_bindPortCheck->recheck();
        applyBindFields();
        onStateChanged();
    });
    // What is typed goes into the session's settings as soon as it is valid.
    connect(m_ui->hostEdit, &QLineEdit::textChanged, this, [this](const QString &text) {
        if (Endpoint::checkHost(text).isEmpty())
            editSettings([&](SessionSettings &s) { s.host = bareAddress(text); });
    });
    connect(m_ui->portEdit, &QLineEdit::textChanged, this, [this](const QString &text) {
        if (Endpoint::checkPort(text, false).isEmpty())
            editSettings([&](SessionSettings &s) { s.port = quint16(text.trimmed().toUInt()); });
    });
    connect(m_ui->timeoutSpin, &QSpinBox::valueChanged, this, [this](int v) {
        editSettings([&](SessionSettings &s) { s.connectTimeoutMs = v; });
    });
    connect(m_ui->reconnectCheck, &QCheckBox::toggled, this, [this](bool on) {
        editSettings([&](SessionSettings &s) { s.autoReconnect = on; });
    });
    connect(m_ui->reconnectSpin, &QSpinBox::valueChanged, this, [this](int v) {
        editSettings([&](SessionSettings &s) { s.reconnectIntervalMs = v; });
    });
    connect(m_ui->keepOpenCheck, &QCheckBox::toggled, this, [this](bool on) {
        editSettings([&](SessionSettings &s) { s.keepOpenOnPeerFin = on; });
    });
    // Issue 21: TCP_NODELAY, also while connected (the session applies it at once).
    connect(m_ui->noDelayCheck, &QCheckBox::toggled, this, [this](bool on) {
        editSettings([&](SessionSettings &s) { s.noDelay = on; });
    });
    m_ui->reconnectSpin->setRange(SessionSettings::kMinReconnectMs, SessionSettings::kMaxReconnectMs);
    connect(session, &TcpClientSession::reconnectChanged, this, &TcpClientPage::onStateChanged);
    connect(m_ui->bindAddressCombo, &QComboBox::currentTextChanged, this, &TcpClientPage::applyBindFields);
    connect(m_ui->bindPortEdit, &QLineEdit::textChanged, this, &TcpClientPage::applyBindFields);

    setupTrio(m_ui->trafficView, m_ui->peerInspector, m_ui->sendPanel);
    addTeachingViews(m_ui->topSplitter);
    setupAutoReply(m_ui->replyCombo, m_ui->templateEdit);
    m_ui->configGrid->addWidget(setupFraming(), 2, 6, 1, 4);
    // The checksum's button shares the template's row: a column of its own
    // would make the tab too wide for a 1024-pixel screen.
    m_ui->configGrid->removeWidget(m_ui->templateEdit);
    m_ui->configGrid->addWidget(m_ui->templateEdit, 2, 2, 1, 3);
    m_ui->configGrid->addWidget(setupChecksum(), 2, 5);
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
    showAllSettings();
    onStateChanged();
}

void TcpClientPage::applyBindFields()
{
    if (!m_ui->bindCheck->isChecked()) {
        editSettings([](SessionSettings &s) {
            s.localBindAddress = QHostAddress();
            s.localBindPort = 0;
        });
        return;
    }
    QHostAddress a;
    const QString port = m_ui->bindPortEdit->text();
    if (!Endpoint::checkAddress(m_ui->bindAddressCombo->currentText()).isEmpty()
        || !a.setAddress(bareAddress(m_ui->bindAddressCombo->currentText()))
        || !Endpoint::checkPort(port, true).isEmpty())
        return;
    editSettings([&](SessionSettings &s) {
        s.localBindAddress = a;
        s.localBindPort = quint16(port.trimmed().toUInt());
    });
}

void TcpClientPage::showSettings(const SessionSettings &shown, bool all)
{
    SessionPage::showSettings(shown, all);
    const SessionSettings &now = m_client->settings();
    if (all || shown.host != now.host)
        showText(m_ui->hostEdit, now.host);
    if (all || shown.port != now.port)
        showText(m_ui->portEdit, now.port ? QString::number(now.port) : QString());
    if (all || shown.connectTimeoutMs != now.connectTimeoutMs)
        m_ui->timeoutSpin->setValue(now.connectTimeoutMs);
    if (all || shown.autoReconnect != now.autoReconnect)
        m_ui->reconnectCheck->setChecked(now.autoReconnect);
    if (all || shown.reconnectIntervalMs != now.reconnectIntervalMs)
        m_ui->reconnectSpin->setValue(now.reconnectIntervalMs);
    if (all || shown.keepOpenOnPeerFin != now.keepOpenOnPeerFin)
        m_ui->keepOpenCheck->setChecked(now.keepOpenOnPeerFin);
    if (all || shown.noDelay != now.noDelay)   // issue 21
        m_ui->noDelayCheck->setChecked(now.noDelay);
    if (all || shown.localBindAddress != now.localBindAddress || shown.localBindPort != now.localBindPort) {
        const bool bound = !now.localBindAddress.isNull();
        m_ui->bindCheck->setChecked(bound);
        if (bound) {
            m_ui->bindAddressCombo->setCurrentText(Endpoint{now.localBindAddress, 0}.addressString());
            showText(m_ui->bindPortEdit, QString::number(now.localBindPort));
        }
        m_bindAddressCheck->recheck();
        m_bindPortCheck->recheck();
    }
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
    // The session already has every valid field; a bad one keeps Connect off.
    if (m_client->state() != Session::State::Idle || !m_ui->connectButton->isEnabled())
        return;
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
    for (QWidget *w : {static_cast<QWidget *>(m_ui->hostEdit), static_cast<QWidget *>(m_ui->portEdit),
                       static_cast<QWidget *>(m_ui->timeoutSpin), static_cast<QWidget *>(m_ui->bindCheck)})
        w->setEnabled(idle);
    m_ui->bindAddressCombo->setEnabled(idle && m_ui->bindCheck->isChecked());
    m_ui->bindPortEdit->setEnabled(idle && m_ui->bindCheck->isChecked());
    // Disconnect also ends auto-reconnecting while it waits for the next attempt.
    m_ui->disconnectButton->setEnabled(!idle || m_client->reconnectPending());
    m_ui->disconnectButton->setText(connected || idle ? tr("&Disconnect") : tr("&Cancel"));
    m_ui->halfCloseButton->setEnabled(connected && !m_client->writeShutDown());
    if (connected) {
        m_ui->endpointsLabel->setText(
            tr("Local %1 (port chosen by the OS unless bound) → peer %2")
                .arg(m_client->localEndpoint().toString(), m_client->peerEndpoint().toString()));
        m_ui->sendPanel->setSendEnabled(!m_client->writeShutDown(),
                                        m_client->writeShutDown() ? tr("Sending is shut down") : QString());
        if (m_client->peerFinishedSending())
            m_ui->endpointsLabel->setText(tr("%1 · the server finished sending (FIN): we can still send until "
                                             "Disconnect (CLOSE_WAIT)").arg(m_ui->endpointsLabel->text()));
    } else {
        QString status = s == Session::State::Starting ? tr("Connecting…") : tr("Not connected");
        if (idle) {
            // Why, when the last thing that happened was a failure (refused,
            // timed out, not found): the status says it, not only the log.
            const TrafficLog *log = m_client->log();
            const qsizetype n = log->size();
            if (n > 0) {
                const TrafficEvent last = log->atWithoutPayload(n - 1);
                if (last.kind == TrafficEvent::Kind::Error || last.kind == TrafficEvent::Kind::Closed)
                    status = tr("Not connected: %1").arg(last.message);
            }
        }
        if (m_client->reconnectPending())
            status = tr("%1 · connecting again in %2 ms").arg(status).arg(m_client->settings().reconnectIntervalMs);
        m_ui->endpointsLabel->setText(status);
        m_ui->sendPanel->setSendEnabled(false, tr("Not connected"));
    }
    if (m_client->settings().autoReconnect || m_client->reconnectAttempts() > 0)
        m_ui->endpointsLabel->setText(tr("%1 · auto-reconnect: %n attempt(s)", nullptr, m_client->reconnectAttempts())
                                          .arg(m_ui->endpointsLabel->text())
                                      + tr(", %n reconnected", nullptr, m_client->reconnectSuccesses()));
    updateConnectEnabled();
    emit titleChanged();
}

QVariantMap TcpClientPage::saveState() const
{
    QVariantMap m = SessionPage::saveState();
    // Typed but not valid yet: comes back as typed, with its mark.
    m.insert(QStringLiteral("host"), m_ui->hostEdit->text());
    m.insert(QStringLiteral("port"), m_ui->portEdit->text());
    m.insert(QStringLiteral("bind"), m_ui->bindCheck->isChecked());
    m.insert(QStringLiteral("bindAddress"), m_ui->bindAddressCombo->currentText());
    m.insert(QStringLiteral("bindPort"), m_ui->bindPortEdit->text());
    return m;
}

void TcpClientPage::restoreState(const QVariantMap &state)
{
    SessionPage::restoreState(state);
    // A value the settings could not take is shown as typed, marked.
    if (state.contains(QStringLiteral("host")))
        m_ui->hostEdit->setText(state.value(QStringLiteral("host")).toString());
    if (state.contains(QStringLiteral("port")))
        m_ui->portEdit->setText(state.value(QStringLiteral("port")).toString());
    if (state.contains(QStringLiteral("bindAddress")))
        m_ui->bindAddressCombo->setCurrentText(state.value(QStringLiteral("bindAddress")).toString());
    if (state.contains(QStringLiteral("bindPort")))
        m_ui->bindPortEdit->setText(state.value(QStringLiteral("bindPort")).toString());
    m_ui->bindCheck->setChecked(state.value(QStringLiteral("bind")).toBool());
    emit titleChanged();
}
