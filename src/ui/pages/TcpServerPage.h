#pragma once

#include "ui/pages/SessionPage.h"

#include <memory>

namespace Ui {
class TcpServerPage;
}
class ConnectionsModel;
class FieldValidation;
class QCheckBox;
class QTimer;
class TcpServerSession;

// The TCP server tab: listen settings, the clients it accepted, traffic,
// peer inspector and send panel.
class TcpServerPage : public SessionPage
{
    Q_OBJECT
public:
    explicit TcpServerPage(TcpServerSession *session, QWidget *parent = nullptr);
    ~TcpServerPage() override;

    QString title() const override;
    QVariantMap saveState() const override;
    void restoreState(const QVariantMap &state) override;
    void startSession() override;
    void stopSession() override;

    TcpServerSession *server() const { return m_server; }
    // Id of the client selected in the table, 0 when none.
    quint32 selectedClient() const;

private:
    void onStartClicked();
    void onStopClicked();
    void onDisconnectClicked();
    void onResetClicked();
    void closeSelected(quint32 id, bool reset);
    void onStateChanged();
    void onClientSelectionChanged();
    void updateStartEnabled();
    void updateFieldState() override { updateStartEnabled(); }
    void showSettings(const SessionSettings &shown, bool all) override;
    void showFieldError(const QString &error);
    SendResult sendFromPanel(const QByteArray &payload);

    std::unique_ptr<Ui::TcpServerPage> m_ui;
    TcpServerSession *m_server;
    ConnectionsModel *m_clients;
    quint32 m_selectedBeforeReset = 0;
    FieldValidation *m_addressCheck;
    FieldValidation *m_portCheck;
    FieldValidation *m_greetingCheck;
    QCheckBox *m_keepOpenCheck = nullptr;  // SessionSettings::keepOpenOnPeerFin
    // --- Pause accept() (issue 21) ---
    // The clients' caption says accept() is paused and how many wait in the
    // kernel's accept queue, read while paused.
    void showAcceptPause();
    QTimer *m_acceptPausePoll = nullptr;
};
