#pragma once

#include "core/commands/Checksum.h"

#include <QWidget>

#include <memory>
#include <optional>

namespace Ui {
class ChecksumPanel;
}

// The tab's checksum as a form (SessionSettings::checksum and
// verifyChecksum): the algorithm from the catalogue or none, the first byte
// it covers, the byte order, whether received frames are verified, and
// Checksum::describe() so the width and byte order appended are in sight.
// A view only: the page shows the settings with setValue() and applies
// what the user changes (edited()) through the same path as every field.
class ChecksumPanel : public QWidget
{
    Q_OBJECT
public:
    explicit ChecksumPanel(QWidget *parent = nullptr);
    ~ChecksumPanel() override;

    void setValue(const std::optional<Checksum> &checksum, bool verify);
    std::optional<Checksum> checksum() const;
    bool verify() const;
    // "CRC-16/MODBUS" or "none", for the button that opens the panel.
    static QString shortName(const std::optional<Checksum> &checksum);

signals:
    // The user changed a field (not emitted by setValue()).
    void edited();

private:
    void onFieldChanged();
    void updateDescription();

    std::unique_ptr<Ui::ChecksumPanel> m_ui;
    bool m_setting = false;
};
