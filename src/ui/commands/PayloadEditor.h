#pragma once

#include "core/commands/PayloadEntry.h"

#include <QDialog>
#include <QStringList>

#include <functional>
#include <memory>

namespace Ui {
class PayloadEditor;
}

// Adds or edits one payload of the library: name, group, text or hex
// template (Template::fieldHint() under it), encoding, line ending, optional
// checksum and framing, notes, and the bytes it makes in hex. Each fault is
// shown under its own field as it is typed and Save stays disabled until
// there is none; Save hands the entry to `commit`, and a refusal from there
// (a name taken meanwhile, a file that cannot be written) keeps the dialog
// open with the reason.
class PayloadEditor : public QDialog
{
    Q_OBJECT
public:
    // Empty when stored; otherwise why not.
    using Commit = std::function<QString(const PayloadEntry &entry)>;

    // `takenNames`: names the entry may not have (the library's others).
    PayloadEditor(const PayloadEntry &entry, const QStringList &groups, const QStringList &takenNames, Commit commit,
                  QWidget *parent = nullptr);
    ~PayloadEditor() override;

    // What the fields say now (valid or not).
    PayloadEntry entry() const;
    bool isValid() const { return m_valid; }
    // The fault shown under each field, empty when none: "name", "group",
    // "text", "checksum", "framing".
    QString fieldError(const QString &field) const;
    QString previewText() const;
    // Save: false (and the reason shown) when invalid or refused.
    bool save();

private:
    void check();
    void showError(const QString &field, const QString &error);

    std::unique_ptr<Ui::PayloadEditor> m_ui;
    QStringList m_taken;
    Commit m_commit;
    bool m_valid = false;
};
