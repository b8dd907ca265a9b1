#include "ui/pages/ChecksumPanel.h"

#include "ui_ChecksumPanel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QSpinBox>

ChecksumPanel::ChecksumPanel(QWidget *parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::ChecksumPanel>())
{
    m_ui->setupUi(this);
    m_ui->algorithmCombo->addItem(tr("None"), QString());
    for (const Checksum::Info &row : Checksum::catalogue())
        m_ui->algorithmCombo->addItem(row.catalogueName, row.name);
    m_ui->algorithmCombo->setToolTip(
            tr("Appended to everything this tab sends (the send box, repeats, quick-send, sequences and "
               "auto-replies), before framing adds its prefix or delimiter. The greeting is sent as typed, "
               "without a checksum."));
    m_ui->orderCombo->addItem(tr("The algorithm's"), QString());
    m_ui->orderCombo->addItem(tr("Low byte first (le)"), QStringLiteral("le"));
    m_ui->orderCombo->addItem(tr("High byte first (be)"), QStringLiteral("be"));
    m_ui->orderCombo->setToolTip(tr("The order of the appended bytes; CRC-16/MODBUS, ARC and CRC-32 send the low "
                                    "byte first, CCITT-FALSE and XMODEM the high byte"));
    connect(m_ui->algorithmCombo, &QComboBox::currentIndexChanged, this, &ChecksumPanel::onFieldChanged);
    connect(m_ui->fromSpin, &QSpinBox::valueChanged, this, &ChecksumPanel::onFieldChanged);
    connect(m_ui->orderCombo, &QComboBox::currentIndexChanged, this, &ChecksumPanel::onFieldChanged);
    connect(m_ui->verifyCheck, &QCheckBox::toggled, this, &ChecksumPanel::onFieldChanged);
    updateDescription();
}

ChecksumPanel::~ChecksumPanel() = default;

void ChecksumPanel::setValue(const std::optional<Checksum> &checksum, bool verify)
{
    m_setting = true;
    m_ui->algorithmCombo->setCurrentIndex(checksum ? m_ui->algorithmCombo->findData(Checksum::info(checksum->algorithm()).name) : 0);
    m_ui->fromSpin->setValue(checksum ? int(qMin<qsizetype>(checksum->from(), m_ui->fromSpin->maximum())) : 0);
    int order = 0;
    if (checksum && checksum->order() != Checksum::info(checksum->algorithm()).order)
        order = checksum->order() == Checksum::ByteOrder::Little ? 1 : 2;
    m_ui->orderCombo->setCurrentIndex(order);
    m_ui->verifyCheck->setChecked(verify);
    m_setting = false;
    updateDescription();
}

std::optional<Checksum> ChecksumPanel::checksum() const
{
    const QString name = m_ui->algorithmCombo->currentData().toString();
    Checksum::Algorithm algorithm = Checksum::Algorithm::Sum8;
    QString error;
    if (name.isEmpty() || !Checksum::algorithmFromName(name, &algorithm, &error))
        return std::nullopt;
    const QString order = m_ui->orderCombo->currentData().toString();
    const Checksum::ByteOrder byteOrder = order.isEmpty() || Checksum::info(algorithm).width == 1
            ? Checksum::info(algorithm).order
            : (order == QStringLiteral("le") ? Checksum::ByteOrder::Little : Checksum::ByteOrder::Big);
    return Checksum(algorithm, m_ui->fromSpin->value(), byteOrder);
}

bool ChecksumPanel::verify() const
{
    return m_ui->verifyCheck->isChecked();
}

QString ChecksumPanel::shortName(const std::optional<Checksum> &checksum)
{
    return checksum ? Checksum::info(checksum->algorithm()).catalogueName : tr("none");
}

void ChecksumPanel::onFieldChanged()
{
    updateDescription();
    if (!m_setting)
        emit edited();
}

void ChecksumPanel::updateDescription()
{
    const std::optional<Checksum> sum = checksum();
    m_ui->fromSpin->setEnabled(sum.has_value());
    // A 1-byte sum has no byte order.
    m_ui->orderCombo->setEnabled(sum && sum->width() > 1);
    m_ui->verifyCheck->setEnabled(sum.has_value());
    m_ui->describeLabel->setText(sum ? sum->describe() : tr("Nothing is appended, nothing is verified."));
}
