#pragma once

#include "ui/pages/SessionPage.h"

#include <memory>

namespace Ui {
class UdpPage;
}
class ConnectionsModel;
class FieldValidation;
class UdpSession;
class QTimer;

// The UDP tab: bind, a target for sendto(), the peers datagrams came from
// (any of which can become the target), traffic and send panel.
class UdpPage : public SessionPage
{
    Q_OBJECT
public:
    explicit UdpPage(UdpSession *session, QWidget *parent = nullptr);
    ~UdpPage() override;

    QString title() const override;
    QVariantMap saveState() const override;
    void restoreState(const QVariantMap &state) override;
    void startSession() override;
    void stopSession() override;

    UdpSession *udp() const { return m_udp; }

private:
    void onBindClicked();
    void onCloseClicked();
    void onUseAsTargetClicked();
    void onPeerSelectionChanged();
    void onStateChanged();
    void updateButtons();
    void applyReplyLimits();
    void updateReplyStatus();
    void updateFieldState() override { updateButtons(); }
    void showSettings(const SessionSettings &shown, bool all) override;
    // The first bad field of those Bind uses (address, port, template), empty when all are good.
    QString bindFieldsError() const;
    void showFieldError(const QString &error);
    SendResult sendFromPanel(const QByteArray &payload);
    quint32 selectedPeer() const;

    std::unique_ptr<Ui::UdpPage> m_ui;
    UdpSession *m_udp;
    ConnectionsModel *m_peers;
    FieldValidation *m_addressCheck;
    FieldValidation *m_portCheck;
    FieldValidation *m_targetHostCheck;
    FieldValidation *m_targetPortCheck;
    QTimer *m_statusTimer;
};
