#include "ui/pages/ReplySummary.h"

#include "core/commands/Template.h"
#include "core/reply/ReplyRules.h"

#include <QComboBox>
#include <QLineEdit>

using namespace Qt::StringLiterals;

namespace {
const QString kRules = u"rules"_s;
const QString kTemplate = u"template"_s;
const QString kPreset = u"preset:"_s;
} // namespace

ReplySummary::ReplySummary(QComboBox *mode, QLineEdit *templateEdit, QObject *parent)
    : QObject(parent)
    , m_mode(mode)
    , m_template(templateEdit)
{
    mode->clear();
    mode->addItem(tr("No auto-reply"), u"none"_s);
    mode->addItem(tr("Echo"), u"echo"_s);
    mode->addItem(tr("Template"), kTemplate);
    mode->addItem(tr("HTTP page"), u"http"_s);
    // The other ready-made sets (the Modbus examples) by their own names.
    for (const ReplyRules::Preset &p : ReplyRules::presets()) {
        if (!ReplyRules::replySpecOf(p.rules).isNull())
            continue;
        mode->addItem(p.title, kPreset + p.id);
        mode->setItemData(mode->count() - 1, p.description, Qt::ToolTipRole);
    }
    mode->addItem(tr("Rules…"), kRules);
    // As wide as the old four entries: the long names of the ready-made sets
    // show in the list, and a small screen keeps its width.
    int widest = 0;
    for (int i = 0; i < 4; ++i)
        widest = qMax(widest, int(mode->itemText(i).size()));
    mode->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    mode->setMinimumContentsLength(widest);
    mode->setItemData(mode->count() - 1, tr("Match-and-reply rules: open the rules editor"), Qt::ToolTipRole);
    mode->setToolTip(tr("Answer received data automatically: a summary of the tab's reply rules "
                        "(the Reply rules tab); choosing here sets the same rules"));
    templateEdit->setPlaceholderText(tr("Hello,{data}!"));
    templateEdit->setText(u"Hello,{data}!"_s);
    templateEdit->setEnabled(false);
    templateEdit->setToolTip(Template::fieldHint() + u'\n' + tr("Escapes \\r \\n \\t \\0 \\\\ \\xHH"));
}

QString ReplySummary::keyOf(const QList<ReplyRule> &rules)
{
    const QString spec = ReplyRules::replySpecOf(rules);
    if (!spec.isNull()) {
        if (spec.isEmpty())
            return u"none"_s;
        const QString word = spec.toLower();
        if (word == u"echo"_s || word == u"http"_s)
            return word;
        return kTemplate;
    }
    for (const ReplyRules::Preset &p : ReplyRules::presets()) {
        if (p.rules == rules)
            return kPreset + p.id;
    }
    return kRules;
}

void ReplySummary::show(const QList<ReplyRule> &rules)
{
    const QString key = keyOf(rules);
    const int rulesItem = m_mode->findData(kRules);
    // Custom rules are counted where they are chosen; otherwise the entry invites to open them.
    m_mode->setItemText(rulesItem, key == kRules ? tr("%n rule(s)", nullptr, int(rules.size())) : tr("Rules…"));
    m_mode->setCurrentIndex(m_mode->findData(key));
    if (key == kTemplate) {
        const QString spec = ReplyRules::replySpecOf(rules);
        if (m_template->text() != spec)
            m_template->setText(spec);
    }
    m_template->setEnabled(key == kTemplate);
}

QString ReplySummary::currentKey() const
{
    return m_mode->currentData().toString();
}

std::optional<QList<ReplyRule>> ReplySummary::chosenRules() const
{
    const QString key = currentKey();
    if (key == kRules)
        return std::nullopt;
    if (key.startsWith(kPreset)) {
        if (const std::optional<ReplyRules::Preset> p = ReplyRules::preset(key.mid(kPreset.size())))
            return p->rules;
        return std::nullopt;
    }
    if (key == kTemplate)
        return ReplyRules::fromReplySpec(m_template->text());
    return ReplyRules::fromReplySpec(key == u"none"_s ? QString() : key);
}
