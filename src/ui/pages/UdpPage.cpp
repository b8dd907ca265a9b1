#include "ui/pages/UdpPage.h"

#include "ui_UdpPage.h"

#include "core/log/TrafficLog.h"
#include "core/net/Endpoint.h"
#include "core/net/UdpSession.h"
#include "ui/pages/ConnectionsModel.h"
#include "ui/widgets/FieldValidation.h"

#include <QLocale>
#include <QTimer>
#include <QToolButton>

UdpPage::UdpPage(UdpSession *session, QWidget *parent)
    : SessionPage(session, parent)
    , m_ui(std::make_unique<Ui::UdpPage>())
    , m_udp(session)
{
    m_ui->setupUi(this);
    fillListenAddresses(m_ui->addressCombo);
    m_ui->addressCombo->lineEdit()->setPlaceholderText(tr("automatic"));
    m_ui->addressCombo->setToolTip(tr("Empty: loopback for a loopback target, all interfaces otherwise"));
    m_ui->portEdit->setPlaceholderText(tr("0 = any free port"));
    m_ui->portEdit->setToolTip(tr("0 lets the OS pick a free port; once bound, the field shows the one it chose "
                                  "and Close → Bind binds it again"));
    for (QSpinBox *spin : {m_ui->replyRateSpin, m_ui->replyBytesSpin, m_ui->replyMaxSizeSpin})
        connect(spin, &QSpinBox::valueChanged, this, &UdpPage::applyReplyLimits);
    // Counters, not events: read once a second like the statistics.
    m_statusTimer = new QTimer(this);
    m_statusTimer->setInterval(1000);
    connect(m_statusTimer, &QTimer::timeout, this, &UdpPage::updateReplyStatus);
    m_statusTimer->start();
    updateReplyStatus();

    m_addressCheck = new FieldValidation(m_ui->addressCombo->lineEdit(), [](const QString &t) {
        return t.trimmed().isEmpty() ? QString() : Endpoint::checkAddress(t);
    }, this);
    m_portCheck = new FieldValidation(m_ui->portEdit, [](const QString &t) { return Endpoint::checkPort(t, true); }, this);
    m_targetHostCheck = new FieldValidation(m_ui->targetHostEdit, &Endpoint::checkHost, this);
    m_targetPortCheck = new FieldValidation(m_ui->targetPortEdit, [](const QString &t) { return Endpoint::checkPort(t, false); }, this);
    for (FieldValidation *v : {m_addressCheck, m_portCheck, m_targetHostCheck, m_targetPortCheck})
        connect(v, &FieldValidation::errorChanged, this, &UdpPage::updateButtons);
    connect(m_ui->replyToLastCheck, &QCheckBox::toggled, this, [this](bool on) {
        editSettings([&](SessionSettings &s) { s.replyToLastSender = on; });
        updateButtons();
    });
    connect(m_ui->addressCombo, &QComboBox::currentTextChanged, this, [this](const QString &text) {
        QHostAddress a;
        if (text.trimmed().isEmpty())
            editSettings([](SessionSettings &s) { s.bindAddress = QHostAddress(); });
        else if (Endpoint::checkAddress(text).isEmpty() && a.setAddress(bareAddress(text)))
            editSettings([&](SessionSettings &s) { s.bindAddress = a; });
    });
    connect(m_ui->portEdit, &QLineEdit::textChanged, this, [this](const QString &text) {
        if (Endpoint::checkPort(text, true).isEmpty())
            editSettings([&](SessionSettings &s) { s.bindPort = quint16(text.trimmed().toUInt()); });
    });
    connect(m_ui->addressCombo, &QComboBox::currentTextChanged, this, [this] {
        updateExposureNotice(m_ui->exposureNotice, m_ui->addressCombo->currentText(), m_ui->portEdit->text().toUShort());
    });
    updateExposureNotice(m_ui->exposureNotice, m_ui->addressCombo->currentText(), session->bindPort());
    connect(m_ui->broadcastCheck, &QCheckBox::toggled, this, [this](bool on) {
        editSettings([&](SessionSettings &s) { s.broadcast = on; });
    });
    // The target follows the fields as they are typed, when they are valid.
    connect(m_ui->targetHostEdit, &QLineEdit::textChanged, this, [this](const QString &text) {
        if (Endpoint::checkHost(text).isEmpty())
            editSettings([&](SessionSettings &s) { s.targetHost = bareAddress(text); });
    });
    connect(m_ui->targetPortEdit, &QLineEdit::textChanged, this, [this](const QString &text) {
        if (Endpoint::checkPort(text, false).isEmpty())
            editSettings([&](SessionSettings &s) { s.targetPort = quint16(text.trimmed().toUInt()); });
    });

    setupTrio(m_ui->trafficView, m_ui->peerInspector, m_ui->sendPanel);
    addTeachingViews(m_ui->topSplitter);
    setupAutoReply(m_ui->replyCombo, m_ui->templateEdit);
    // The checksum's button shares the template's row: a column of its own
    // would make the tab too wide for a 1024-pixel screen.
    m_ui->configGrid->removeWidget(m_ui->templateEdit);
    m_ui->configGrid->addWidget(m_ui->templateEdit, 2, 2, 1, 3);
    m_ui->configGrid->addWidget(setupChecksum(), 2, 5);
    m_ui->sendPanel->setSender([this](const QByteArray &payload) { return sendFromPanel(payload); });

    m_peers = new ConnectionsModel(session, this);
    m_ui->peersTable->setModel(m_peers);
    connect(m_ui->peersTable->selectionModel(), &QItemSelectionModel::selectionChanged,
            this, &UdpPage::onPeerSelectionChanged);

    arrangePanels(m_ui->topSplitter, m_ui->mainSplitter, m_ui->sidePanel, m_ui->sideLayout, m_ui->peersTable);

    connect(m_ui->bindButton, &QPushButton::clicked, this, &UdpPage::onBindClicked);
    connect(m_ui->closeButton, &QPushButton::clicked, this, &UdpPage::onCloseClicked);
    connect(m_ui->useAsTargetButton, &QPushButton::clicked, this, &UdpPage::onUseAsTargetClicked);
    connect(session, &Session::stateChanged, this, &UdpPage::onStateChanged);
    showAllSettings();
    onStateChanged();
}

void UdpPage::showSettings(const SessionSettings &shown, bool all)
{
    SessionPage::showSettings(shown, all);
    const SessionSettings &now = m_udp->settings();
    if (all || shown.bindAddress != now.bindAddress)
        m_ui->addressCombo->setCurrentText(now.bindAddress.isNull() ? QString()
                                                                    : Endpoint{now.bindAddress, 0}.addressString());
    if (all || shown.bindPort != now.bindPort)
        showText(m_ui->portEdit, portText(now.bindPort));
    if (all || shown.targetHost != now.targetHost)
        showText(m_ui->targetHostEdit, now.targetHost);
    if (all || shown.targetPort != now.targetPort)
        showText(m_ui->targetPortEdit, now.targetPort ? QString::number(now.targetPort) : QString());
    if (all || shown.broadcast != now.broadcast)
        m_ui->broadcastCheck->setChecked(now.broadcast);
    if (all || shown.replyToLastSender != now.replyToLastSender)
        m_ui->replyToLastCheck->setChecked(now.replyToLastSender);
    if (all || !(shown.replyLimits == now.replyLimits)) {
        m_ui->replyRateSpin->setValue(now.replyLimits.repliesPerSecond);
        m_ui->replyBytesSpin->setValue(int(qMin<qint64>(now.replyLimits.bytesPerSecond, m_ui->replyBytesSpin->maximum())));
        m_ui->replyMaxSizeSpin->setValue(now.replyLimits.maxReplySize);
    }
    updateExposureNotice(m_ui->exposureNotice, m_ui->addressCombo->currentText(), now.bindPort);
    updateButtons();
}

UdpPage::~UdpPage() = default;

QString UdpPage::title() const
{
    if (m_udp->isRunning())
        return tr("UDP %1").arg(m_udp->localEndpoint().toString());
    return tr("UDP (not bound)");
}

void UdpPage::showFieldError(const QString &error)
{
    m_ui->fieldError->setText(error);
    m_ui->fieldError->setVisible(!error.isEmpty());
}

QString UdpPage::bindFieldsError() const
{
    if (!m_addressCheck->isValid())
        return tr("Bind address: %1").arg(m_addressCheck->error());
    if (!m_portCheck->isValid())
        return tr("Port: %1").arg(m_portCheck->error());
    if (m_templateCheck && !m_templateCheck->isValid())
        return tr("Auto-reply: %1").arg(m_templateCheck->error());
    return QString();
}

void UdpPage::updateButtons()
{
    const bool running = m_udp->isRunning();
    QString error = bindFieldsError();
    m_ui->bindButton->setEnabled(!running && error.isEmpty());
    m_ui->closeButton->setEnabled(running);
    const bool toTarget = !m_ui->replyToLastCheck->isChecked();
    // Replying to the last sender: the target is not used, and says so.
    m_ui->targetHostEdit->setEnabled(toTarget);
    m_ui->targetPortEdit->setEnabled(toTarget);
    const QString unused = tr("Not used while “Reply to last sender” is on");
    m_ui->targetHostEdit->setPlaceholderText(toTarget ? QString() : unused);
    // No target yet is not an error (a tab may only receive); sending says it.
    const bool noTarget = m_ui->targetHostEdit->text().trimmed().isEmpty() && m_ui->targetPortEdit->text().trimmed().isEmpty();
    if (error.isEmpty() && toTarget && !noTarget) {
        if (!m_targetHostCheck->isValid())
            error = tr("Target host: %1").arg(m_targetHostCheck->error());
        else if (!m_targetPortCheck->isValid())
            error = tr("Target port: %1").arg(m_targetPortCheck->error());
    }
    showFieldError(error);
}

void UdpPage::startSession()
{
    onBindClicked();
}

void UdpPage::stopSession()
{
    onCloseClicked();
}

void UdpPage::onBindClicked()
{
    // The session already has every valid field; a bad one keeps Bind off.
    if (m_udp->isRunning() || !bindFieldsError().isEmpty())
        return;
    if (!m_udp->start()) {
        const TrafficLog *log = m_udp->log();
        showFieldError(log->size() ? log->at(log->size() - 1).message : tr("Cannot bind"));
        return;
    }
}

void UdpPage::onCloseClicked()
{
    if (m_udp->isRunning())
        m_udp->stop();
}

void UdpPage::onStateChanged()
{
    const bool running = m_udp->isRunning();
    m_ui->addressCombo->setEnabled(!running);
    m_ui->portEdit->setEnabled(!running);
    // Sending binds on its own when needed, as sendto() on a fresh socket does.
    m_ui->sendPanel->setSendEnabled(true);
    updateButtons();
    emit titleChanged();
}

void UdpPage::applyReplyLimits()
{
    editSettings([this](SessionSettings &s) {
        s.replyLimits.repliesPerSecond = m_ui->replyRateSpin->value();
        s.replyLimits.bytesPerSecond = m_ui->replyBytesSpin->value();
        s.replyLimits.maxReplySize = m_ui->replyMaxSizeSpin->value();
    });
}

void UdpPage::updateReplyStatus()
{
    // Shown once there is something to say, like the exposure notice: an
    // always-visible line would not let the tab fit a small screen.
    const bool any = m_udp->repliesSuppressed() > 0 || m_udp->kernelDrops() > 0;
    m_ui->replyStatus->setVisible(any);
    if (!any)
        return;
    const QLocale locale;
    m_ui->replyStatus->setText(tr("Auto-replies held back: %1 (over the rate: %2, too large: %3) · "
                                  "datagrams the kernel dropped: %4")
                                   .arg(locale.toString(m_udp->repliesSuppressed()),
                                        locale.toString(m_udp->repliesRateLimited()),
                                        locale.toString(m_udp->repliesTooLarge()),
                                        locale.toString(m_udp->kernelDrops())));
}

quint32 UdpPage::selectedPeer() const
{
    const QModelIndexList rows = m_ui->peersTable->selectionModel()->selectedRows();
    return rows.isEmpty() ? 0 : m_peers->idAt(rows.first().row());
}

void UdpPage::onPeerSelectionChanged()
{
    const quint32 id = selectedPeer();
    m_ui->useAsTargetButton->setEnabled(id != 0);
    if (id)
        m_ui->peerInspector->showConnection(id);
}

void UdpPage::onUseAsTargetClicked()
{
    const QModelIndexList rows = m_ui->peersTable->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return;
    const ConnectionInfo info = m_peers->infoAt(rows.first().row());
    m_ui->targetHostEdit->setText(info.peer.addressString());
    m_ui->targetPortEdit->setText(QString::number(info.peer.port));
    m_ui->replyToLastCheck->setChecked(false);
}

SendResult UdpPage::sendFromPanel(const QByteArray &payload)
{
    if (m_udp->replyToLastSenderOn())
        return m_udp->send(payload);
    if (!m_targetHostCheck->isValid())
        return SendResult::failure(tr("Target host: %1. Nothing was sent.").arg(m_targetHostCheck->error()));
    if (!m_targetPortCheck->isValid())
        return SendResult::failure(tr("Target port: %1. Nothing was sent.").arg(m_targetPortCheck->error()));
    if (!m_udp->isRunning()) {
        // A datagram the session would refuse anyway is refused before the
        // bind: a refused send leaves no socket behind (a host name is only
        // looked up when sending, so it is checked then).
        if (QHostAddress target; target.setAddress(m_ui->targetHostEdit->text().trimmed())) {
            const quint16 port = quint16(m_ui->targetPortEdit->text().trimmed().toUInt());
            if (const QString why = m_udp->refusal(target, port, payload); !why.isEmpty())
                return SendResult::failure(why);
        }
        // Bind where the fields say before the first sendto(), so the source
        // is what the user chose; never somewhere else because a field is bad.
        if (const QString error = bindFieldsError(); !error.isEmpty())
            return SendResult::failure(tr("%1. Nothing was sent.").arg(error));
        if (m_ui->addressCombo->currentText().trimmed().isEmpty()) {
            // Automatic: loopback for a loopback target, all interfaces otherwise.
            QHostAddress target;
            target.setAddress(m_ui->targetHostEdit->text().trimmed());
            m_udp->startFor(target);
        } else {
            onBindClicked();
        }
        if (!m_udp->isRunning())
            return SendResult::failure(tr("%1. Nothing was sent.").arg(m_ui->fieldError->text()));
    }
    return m_udp->send(payload);
}

QVariantMap UdpPage::saveState() const
{
    QVariantMap m = SessionPage::saveState();
    // Typed but not valid yet: comes back as typed, with its mark.
    m.insert(QStringLiteral("address"), m_ui->addressCombo->currentText());
    m.insert(QStringLiteral("port"), m_ui->portEdit->text());
    m.insert(QStringLiteral("targetHost"), m_ui->targetHostEdit->text());
    m.insert(QStringLiteral("targetPort"), m_ui->targetPortEdit->text());
    return m;
}

void UdpPage::restoreState(const QVariantMap &state)
{
    SessionPage::restoreState(state);
    // A value the settings could not take is shown as typed, marked.
    for (const auto &[key, edit] : {std::pair{QStringLiteral("port"), m_ui->portEdit},
                                    std::pair{QStringLiteral("targetHost"), m_ui->targetHostEdit},
                                    std::pair{QStringLiteral("targetPort"), m_ui->targetPortEdit}}) {
        if (state.contains(key))
            edit->setText(state.value(key).toString());
    }
    if (state.contains(QStringLiteral("address")))
        m_ui->addressCombo->setCurrentText(state.value(QStringLiteral("address")).toString());
}
