#pragma once

#include "core/reply/ReplyRule.h"

#include <QList>
#include <QObject>
#include <QString>

#include <optional>

class QComboBox;
class QLineEdit;

// The page's Auto-reply combo and template field as a truthful summary of
// the tab's reply rules, and a shortcut to them: "No auto-reply", "Echo",
// "Template" (with the field), "HTTP page", the Modbus examples, or "3 rules"
// for anything else. Choosing an entry gives the rules it stands for, the
// same ones the rules editor's ready-made menu and --reply give; "Rules…"
// opens the rules editor instead of changing anything.
class ReplySummary : public QObject
{
    Q_OBJECT
public:
    ReplySummary(QComboBox *mode, QLineEdit *templateEdit, QObject *parent);

    // The key of the entry that shows `rules`: "none", "echo", "template",
    // "http", "preset:ID" (a ready-made set other than those) or "rules".
    static QString keyOf(const QList<ReplyRule> &rules);
    // Selects the entry of `rules`, fills the template field for a template
    // and names the count on the "rules" entry. Emits nothing the page acts on.
    void show(const QList<ReplyRule> &rules);
    // The rules the chosen entry stands for (the template field's text for
    // "template"); nullopt for "rules": that entry changes nothing.
    std::optional<QList<ReplyRule>> chosenRules() const;
    QString currentKey() const;

private:
    QComboBox *m_mode;
    QLineEdit *m_template;
};
