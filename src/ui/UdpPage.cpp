#include "UdpPage.h"

#include "ui_UdpPage.h"

#include "ConnectionsModel.h"
#include "Endpoint.h"
#include "FieldValidation.h"
#include "TrafficLog.h"
#include "UdpSession.h"

#include <QLocale>
#include <QTimer>

UdpPage::UdpPage(UdpSession *session, QWidget *parent)
    : SessionPage(session, parent)
    , m_ui(std::make_unique<Ui::UdpPage>())
    , m_udp(session)
{
    m_ui->setupUi(this);
    fillListenAddresses(m_ui->addressCombo);
    m_ui->addressCombo->setCurrentText(session->bindAddress().isNull()
                                           ? QStringLiteral("127.0.0.1")
                                           : Endpoint{session->bindAddress(), 0}.addressString());
    m_ui->portEdit->setText(QString::number(session->bindPort()));
    if (!session->targetHost().isEmpty()) {
        m_ui->targetHostEdit->setText(session->targetHost());
        m_ui->targetPortEdit->setText(QString::number(session->targetPort()));
    }
    m_ui->broadcastCheck->setChecked(session->broadcastEnabled());
    const ReplyLimiter::Settings limits = session->replyLimits();
    m_ui->replyRateSpin->setValue(limits.repliesPerSecond);
    m_ui->replyBytesSpin->setValue(int(limits.bytesPerSecond));
    m_ui->replyMaxSizeSpin->setValue(limits.maxReplySize);
    for (QSpinBox *spin : {m_ui->replyRateSpin, m_ui->replyBytesSpin, m_ui->replyMaxSizeSpin})
        connect(spin, &QSpinBox::valueChanged, this, &UdpPage::applyReplyLimits);
    // Counters, not events: read once a second like the statistics.
    m_statusTimer = new QTimer(this);
    m_statusTimer->setInterval(1000);
    connect(m_statusTimer, &QTimer::timeout, this, &UdpPage::updateReplyStatus);
    m_statusTimer->start();
    updateReplyStatus();

    m_addressCheck = new FieldValidation(m_ui->addressCombo->lineEdit(), &Endpoint::checkAddress, this);
    m_portCheck = new FieldValidation(m_ui->portEdit, [](const QString &t) { return Endpoint::checkPort(t, true); }, this);
    m_targetHostCheck = new FieldValidation(m_ui->targetHostEdit, &Endpoint::checkHost, this);
    m_targetPortCheck = new FieldValidation(m_ui->targetPortEdit, [](const QString &t) { return Endpoint::checkPort(t, false); }, this);
    for (FieldValidation *v : {m_addressCheck, m_portCheck, m_targetHostCheck, m_targetPortCheck})
        connect(v, &FieldValidation::errorChanged, this, &UdpPage::updateButtons);
    connect(m_ui->replyToLastCheck, &QCheckBox::toggled, this, &UdpPage::updateButtons);
    connect(m_ui->addressCombo, &QComboBox::currentTextChanged, this, [this] {
        updateExposureNotice(m_ui->exposureNotice, m_ui->addressCombo->currentText(), m_ui->portEdit->text().toUShort());
    });
    updateExposureNotice(m_ui->exposureNotice, m_ui->addressCombo->currentText(), session->bindPort());
    connect(m_ui->broadcastCheck, &QCheckBox::toggled, m_udp, &UdpSession::setBroadcastEnabled);
    // The target follows the fields as they are typed, when they are valid.
    auto applyTarget = [this] {
        if (m_targetHostCheck->isValid() && m_targetPortCheck->isValid())
            m_udp->setTarget(m_ui->targetHostEdit->text().trimmed(), m_ui->targetPortEdit->text().trimmed().toUShort());
    };
    connect(m_ui->targetHostEdit, &QLineEdit::textChanged, this, applyTarget);
    connect(m_ui->targetPortEdit, &QLineEdit::textChanged, this, applyTarget);
    applyTarget();

    setupTrio(m_ui->trafficView, m_ui->peerInspector, m_ui->sendPanel);
    addTeachingViews(m_ui->topSplitter);
    setupAutoReply(m_ui->replyCombo, m_ui->templateEdit);
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
    onStateChanged();
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
    if (error.isEmpty() && toTarget && !m_targetHostCheck->isValid())
        error = tr("Target host: %1").arg(m_targetHostCheck->error());
    else if (error.isEmpty() && toTarget && !m_targetPortCheck->isValid())
        error = tr("Target port: %1").arg(m_targetPortCheck->error());
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
    if (m_udp->isRunning() || !bindFieldsError().isEmpty())
        return;
    QString address = m_ui->addressCombo->currentText().trimmed();
    if (address.startsWith(u'[') && address.endsWith(u']'))
        address = address.mid(1, address.size() - 2);
    m_udp->setBindAddress(QHostAddress(address));
    m_udp->setBindPort(m_ui->portEdit->text().trimmed().toUShort());
    applyAutoReply();
    if (!m_udp->start()) {
        const TrafficLog *log = m_udp->log();
        showFieldError(log->size() ? log->at(log->size() - 1).message : tr("Cannot bind"));
        return;
    }
    updateExposureNotice(m_ui->exposureNotice, address, m_udp->localEndpoint().port);
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
    if (running) {
        m_ui->addressCombo->setCurrentText(m_udp->localEndpoint().addressString());
        m_ui->portEdit->setText(QString::number(m_udp->localEndpoint().port));
        if (!m_udp->targetHost().isEmpty() && m_udp->targetHost() != m_ui->targetHostEdit->text().trimmed()) {
            m_ui->targetHostEdit->setText(m_udp->targetHost());
            m_ui->targetPortEdit->setText(QString::number(m_udp->targetPort()));
        }
    }
    // Sending binds on its own when needed, as sendto() on a fresh socket does.
    m_ui->sendPanel->setSendEnabled(true);
    updateButtons();
    emit titleChanged();
}

void UdpPage::applyReplyLimits()
{
    ReplyLimiter::Settings limits;
    limits.repliesPerSecond = m_ui->replyRateSpin->value();
    limits.bytesPerSecond = m_ui->replyBytesSpin->value();
    limits.maxReplySize = m_ui->replyMaxSizeSpin->value();
    m_udp->setReplyLimits(limits);
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
    if (m_ui->replyToLastCheck->isChecked())
        return m_udp->replyToLastSender(payload);
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
        onBindClicked();
        if (!m_udp->isRunning())
            return SendResult::failure(tr("%1. Nothing was sent.").arg(m_ui->fieldError->text()));
    }
    return m_udp->send(payload);
}

QVariantMap UdpPage::saveState() const
{
    QVariantMap m = SessionPage::saveState();
    m.insert(QStringLiteral("address"), m_ui->addressCombo->currentText());
    m.insert(QStringLiteral("port"), m_ui->portEdit->text());
    m.insert(QStringLiteral("targetHost"), m_ui->targetHostEdit->text());
    m.insert(QStringLiteral("targetPort"), m_ui->targetPortEdit->text());
    m.insert(QStringLiteral("replyToLast"), m_ui->replyToLastCheck->isChecked());
    m.insert(QStringLiteral("broadcast"), m_ui->broadcastCheck->isChecked());
    m.insert(QStringLiteral("replyRate"), m_ui->replyRateSpin->value());
    m.insert(QStringLiteral("replyBytesRate"), m_ui->replyBytesSpin->value());
    m.insert(QStringLiteral("replyMaxSize"), m_ui->replyMaxSizeSpin->value());
    return m;
}

void UdpPage::restoreState(const QVariantMap &state)
{
    SessionPage::restoreState(state);
    if (state.contains(QStringLiteral("address")))
        m_ui->addressCombo->setCurrentText(state.value(QStringLiteral("address")).toString());
    if (state.contains(QStringLiteral("port")))
        m_ui->portEdit->setText(state.value(QStringLiteral("port")).toString());
    if (state.contains(QStringLiteral("targetHost")))
        m_ui->targetHostEdit->setText(state.value(QStringLiteral("targetHost")).toString());
    if (state.contains(QStringLiteral("targetPort")))
        m_ui->targetPortEdit->setText(state.value(QStringLiteral("targetPort")).toString());
    m_ui->replyToLastCheck->setChecked(state.value(QStringLiteral("replyToLast")).toBool());
    m_ui->broadcastCheck->setChecked(state.value(QStringLiteral("broadcast")).toBool());
    // Missing or not a number: the spin boxes keep their safe values (out
    // of range, they clamp).
    const auto restoreSpin = [&state](const QString &key, QSpinBox *spin) {
        bool ok = false;
        const int value = state.value(key).toInt(&ok);
        if (ok)
            spin->setValue(value);
    };
    restoreSpin(QStringLiteral("replyRate"), m_ui->replyRateSpin);
    restoreSpin(QStringLiteral("replyBytesRate"), m_ui->replyBytesSpin);
    restoreSpin(QStringLiteral("replyMaxSize"), m_ui->replyMaxSizeSpin);
}
