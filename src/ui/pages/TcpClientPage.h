#pragma once

#include "ui/pages/SessionPage.h"

#include <memory>

namespace Ui {
class TcpClientPage;
}
class FieldValidation;
class TcpClientSession;

// The TCP client tab: where to connect, the endpoints once connected,
// traffic, peer inspector and send panel.
class TcpClientPage : public SessionPage
{
    Q_OBJECT
public:
    explicit TcpClientPage(TcpClientSession *session, QWidget *parent = nullptr);
    ~TcpClientPage() override;

    QString title() const override;
    QVariantMap saveState() const override;
    void restoreState(const QVariantMap &state) override;
    void startSession() override;
    void stopSession() override;

    TcpClientSession *client() const { return m_client; }

private:
    void onConnectClicked();
    void onDisconnectClicked();
    void onHalfCloseClicked();
    void onStateChanged();
    void updateConnectEnabled();
    void updateFieldState() override { updateConnectEnabled(); }
    void showSettings(const SessionSettings &shown, bool all) override;
    // The bind check, address and port, into the settings when valid.
    void applyBindFields();
    void showFieldError(const QString &error);

    std::unique_ptr<Ui::TcpClientPage> m_ui;
    TcpClientSession *m_client;
    FieldValidation *m_hostCheck;
    FieldValidation *m_portCheck;
    FieldValidation *m_bindAddressCheck;
    FieldValidation *m_bindPortCheck;
};
