#include "ui/pages/FramingPanel.h"

#include "ui_FramingPanel.h"

#include "core/framing/FramingSpec.h"
#include "core/net/Session.h"
#include "ui/widgets/FieldValidation.h"
#include "ui/widgets/LabelElider.h"

#include <QLineEdit>

FramingPanel::FramingPanel(QWidget *parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::FramingPanel>())
{
    m_ui->setupUi(this);
    // A narrow tab (the client's, at 1366x768) cuts the description with
    // "…" and shows it whole in the tooltip, never mid-word unseen.
    m_describe = new LabelElider(m_ui->describeLabel);
    m_ui->specCombo->addItems({QStringLiteral("none"), QStringLiteral("line"), QStringLiteral("crlf"),
                               QStringLiteral("length:4"), QStringLiteral("length:4:le"), QStringLiteral("length:2"),
                               QStringLiteral("length:1"), QStringLiteral("delim:00"), QStringLiteral("fixed:16")});
    m_check = new FieldValidation(m_ui->specCombo->lineEdit(), [](const QString &text) {
        QString error;
        FramingSpec::parse(text.trimmed(), &error);
        return error;
    }, this);
    connect(m_ui->specCombo, &QComboBox::currentTextChanged, this, &FramingPanel::apply);
    connect(m_ui->frameSendsCheck, &QCheckBox::toggled, this, &FramingPanel::apply);
    apply();
}

FramingPanel::~FramingPanel() = default;

void FramingPanel::setSession(Session *session)
{
    m_session = session;
    showSession();
}

void FramingPanel::showSession()
{
    if (!m_session)
        return;
    m_showing = true;
    QString error;
    const FramingSpec typed = FramingSpec::parse(specText(), &error);
    if (!error.isEmpty() || !(typed == m_session->framing()))
        setSpecText(m_session->framing().toString());
    setFrameSends(m_session->frameOutgoing());
    m_showing = false;
    apply();
}

QString FramingPanel::specText() const
{
    return m_ui->specCombo->currentText().trimmed();
}

void FramingPanel::setSpecText(const QString &text)
{
    m_ui->specCombo->setCurrentText(text);
}

QString FramingPanel::error() const
{
    return m_check->error();
}

bool FramingPanel::frameSends() const
{
    return m_ui->frameSendsCheck->isChecked();
}

void FramingPanel::setFrameSends(bool on)
{
    m_ui->frameSendsCheck->setChecked(on);
}

void FramingPanel::apply()
{
    QString error;
    const FramingSpec spec = FramingSpec::parse(specText(), &error);
    if (!error.isEmpty()) {
        m_describe->setText(error);
        return;  // the session keeps the last good framing
    }
    m_describe->setText(spec.describe());
    m_ui->frameSendsCheck->setEnabled(spec.kind != FramingSpec::Kind::None);
    if (!m_session || m_showing)
        return;
    if (!(m_session->framing() == spec))
        m_session->setFraming(spec);
    m_session->setFrameOutgoing(frameSends() && spec.kind != FramingSpec::Kind::None);
}
