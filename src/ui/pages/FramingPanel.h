#pragma once

#include <QWidget>

#include <memory>

namespace Ui {
class FramingPanel;
}
class FieldValidation;
class LabelElider;
class Session;

// Chooses how a session cuts its received TCP stream into messages (lesson:
// TCP has no message boundaries; a length prefix or a delimiter adds them)
// and whether sent payloads get the same framing.
class FramingPanel : public QWidget
{
    Q_OBJECT
public:
    explicit FramingPanel(QWidget *parent = nullptr);
    ~FramingPanel() override;

    void setSession(Session *session);
    // Shows the session's framing and "Add to what I send" (they changed
    // elsewhere: a lesson, the command line, restored settings).
    void showSession();
    QString specText() const;
    void setSpecText(const QString &text);
    // Why the typed spec is bad (shown at the field too), empty when it is good;
    // while it is bad the session keeps the last good framing.
    QString error() const;
    bool frameSends() const;
    void setFrameSends(bool on);

private:
    void apply();

    std::unique_ptr<Ui::FramingPanel> m_ui;
    Session *m_session = nullptr;
    FieldValidation *m_check = nullptr;
    LabelElider *m_describe = nullptr;
    bool m_showing = false;
};
