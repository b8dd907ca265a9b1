#include "ui/pages/RulesEditor.h"

#include "ui_RulesEditor.h"

#include "core/commands/PayloadLibrary.h"
#include "core/commands/RuleSet.h"
#include "core/net/Session.h"
#include "core/reply/ReplyRules.h"
#include "ui/commands/LibraryEdits.h"
#include "ui/pages/RulesModel.h"
#include "ui/widgets/FieldValidation.h"

#include <QComboBox>
#include <QFile>
#include <QFileDialog>
#include <QHeaderView>
#include <QInputDialog>
#include <QMenu>
#include <QMessageBox>
#include <QSaveFile>
#include <QSpinBox>
#include <QStyledItemDelegate>

using namespace Qt::StringLiterals;

namespace {

// The match kind as a list to choose from, the delay as a bounded spin box;
// the other cells edit as text.
class RuleCellDelegate : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    QWidget *createEditor(QWidget *parent, const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        if (index.column() == RulesModel::Match) {
            auto *combo = new QComboBox(parent);
            for (int k = int(ReplyRule::Match::Any); k <= int(ReplyRule::Match::Hex); ++k)
                combo->addItem(ReplyRule::matchTitle(ReplyRule::Match(k)), k);
            combo->setAccessibleName(RulesEditor::tr("Match kind"));
            return combo;
        }
        if (index.column() == RulesModel::Delay) {
            auto *spin = new QSpinBox(parent);
            spin->setRange(0, ReplyRule::kMaxDelayMs);
            spin->setSuffix(RulesEditor::tr(" ms"));
            spin->setAccessibleName(RulesEditor::tr("Delay before replying"));
            return spin;
        }
        return QStyledItemDelegate::createEditor(parent, option, index);
    }

    void setEditorData(QWidget *editor, const QModelIndex &index) const override
    {
        if (auto *combo = qobject_cast<QComboBox *>(editor)) {
            combo->setCurrentIndex(combo->findData(index.data(Qt::EditRole).toInt()));
            return;
        }
        QStyledItemDelegate::setEditorData(editor, index);
    }

    void setModelData(QWidget *editor, QAbstractItemModel *model, const QModelIndex &index) const override
    {
        if (auto *combo = qobject_cast<QComboBox *>(editor)) {
            model->setData(index, combo->currentData(), Qt::EditRole);
            return;
        }
        QStyledItemDelegate::setModelData(editor, model, index);
    }
};

} // namespace

RulesEditor::RulesEditor(Session *session, QWidget *parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::RulesEditor>())
    , m_session(session)
    , m_model(new RulesModel(session, this))
{
    m_ui->setupUi(this);
    QTableView *table = m_ui->rulesTable;
    table->setModel(m_model);
    table->setItemDelegate(new RuleCellDelegate(table));
    table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    table->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 8);
    QHeaderView *header = table->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setSectionResizeMode(RulesModel::Pattern, QHeaderView::Stretch);
    header->setSectionResizeMode(RulesModel::Reply, QHeaderView::Stretch);
    for (int c : {int(RulesModel::Enabled), int(RulesModel::Then), int(RulesModel::Close)})
        header->setSectionResizeMode(c, QHeaderView::ResizeToContents);
    const int em = fontMetrics().averageCharWidth();
    header->resizeSection(RulesModel::Match, 18 * em);
    header->resizeSection(RulesModel::Delay, 9 * em);
    header->resizeSection(RulesModel::Fired, 10 * em);
    table->setMinimumHeight(4 * table->verticalHeader()->defaultSectionSize());

    m_ui->ruleLineEdit->setPlaceholderText(u"contains:PING => PONG {counter} [delay=100, next]"_s);
    m_ui->ruleLineEdit->setToolTip(tr("MATCH => REPLY [OPTIONS], as --rule reads it: any, exact:, starts:, ends:, "
                                  "contains:, regex:, hex: … => a template, none or http; options delay=MS, "
                                  "next, close, off, checksum=NAME, name=TEXT"));
    // What is typed is checked as typed, with the column of what is wrong;
    // the rule goes to the session only with Apply (or Enter), and only good.
    m_lineCheck = new FieldValidation(m_ui->ruleLineEdit, [this](const QString &text) {
        if (text.trimmed().isEmpty())
            return QString();
        return ReplyRule::parse(text, m_session->encoding()).problem.message;
    }, this);
    connect(m_lineCheck, &FieldValidation::errorChanged, this, [this] {
        m_ui->applyLineButton->setEnabled(m_lineCheck->isValid() && !m_ui->ruleLineEdit->text().trimmed().isEmpty());
    });
    connect(m_ui->ruleLineEdit, &QLineEdit::textChanged, this, [this] {
        m_ui->applyLineButton->setEnabled(m_lineCheck->isValid() && !m_ui->ruleLineEdit->text().trimmed().isEmpty());
    });
    connect(m_ui->ruleLineEdit, &QLineEdit::returnPressed, this, &RulesEditor::applyLine);
    connect(m_ui->applyLineButton, &QPushButton::clicked, this, &RulesEditor::applyLine);

    connect(m_ui->addButton, &QToolButton::clicked, this, &RulesEditor::addRule);
    connect(m_ui->duplicateButton, &QToolButton::clicked, this, &RulesEditor::duplicateRule);
    connect(m_ui->deleteButton, &QToolButton::clicked, this, &RulesEditor::deleteRule);
    connect(m_ui->upButton, &QToolButton::clicked, this, [this] { moveRule(-1); });
    connect(m_ui->downButton, &QToolButton::clicked, this, [this] { moveRule(1); });
    fillPresetMenu();
    fillFileMenu();
    m_libraryMenu = new QMenu(this);
    m_libraryMenu->setObjectName(u"libraryMenu"_s);
    m_ui->libraryButton->setMenu(m_libraryMenu);
    connect(m_libraryMenu, &QMenu::aboutToShow, this, &RulesEditor::fillLibraryMenu);
    m_ui->libraryButton->setEnabled(false);

    connect(table->selectionModel(), &QItemSelectionModel::selectionChanged, this, &RulesEditor::onSelectionChanged);
    connect(m_model, &QAbstractItemModel::modelReset, this, &RulesEditor::onSelectionChanged);
    connect(m_model, &QAbstractItemModel::dataChanged, this, &RulesEditor::updateStatus);
    connect(m_model, &QAbstractItemModel::modelReset, this, &RulesEditor::updateStatus);
    connect(session, &Session::ruleFireCountsChanged, this, &RulesEditor::updateStatus);
    onSelectionChanged();
    updateStatus();
}

RulesEditor::~RulesEditor() = default;

QTableView *RulesEditor::table() const
{
    return m_ui->rulesTable;
}

void RulesEditor::setLibrary(LibraryEdits *edits)
{
    m_library = edits;
    m_ui->libraryButton->setEnabled(edits != nullptr);
}

void RulesEditor::setRules(const QList<ReplyRule> &rules, int select)
{
    m_model->setRules(rules);
    if (select >= 0 && select < m_model->rowCount())
        m_ui->rulesTable->selectRow(select);
}

int RulesEditor::selectedRow() const
{
    const QModelIndexList rows = m_ui->rulesTable->selectionModel()->selectedRows();
    return rows.isEmpty() ? -1 : rows.first().row();
}

void RulesEditor::addRule()
{
    QList<ReplyRule> rules = m_model->rules();
    // A rule that works as it is, to change rather than to fill in.
    ReplyRule rule;
    rule.match = ReplyRule::Match::Contains;
    rule.pattern = u"PING"_s;
    rule.replyText = u"PONG {counter}"_s;
    const int at = selectedRow() < 0 ? int(rules.size()) : selectedRow() + 1;
    rules.insert(at, rule);
    setRules(rules, at);
    m_ui->rulesTable->setCurrentIndex(m_model->index(at, RulesModel::Pattern));
}

void RulesEditor::duplicateRule()
{
    const int row = selectedRow();
    QList<ReplyRule> rules = m_model->rules();
    if (row < 0 || row >= rules.size())
        return;
    rules.insert(row + 1, rules.at(row));
    setRules(rules, row + 1);
}

void RulesEditor::deleteRule()
{
    const int row = selectedRow();
    QList<ReplyRule> rules = m_model->rules();
    if (row < 0 || row >= rules.size())
        return;
    rules.removeAt(row);
    setRules(rules, qMin(row, int(rules.size()) - 1));
}

void RulesEditor::moveRule(int by)
{
    const int row = selectedRow();
    QList<ReplyRule> rules = m_model->rules();
    const int to = row + by;
    if (row < 0 || to < 0 || to >= rules.size())
        return;
    rules.move(row, to);
    setRules(rules, to);
}

void RulesEditor::applyPreset(const QString &id, bool append)
{
    const std::optional<ReplyRules::Preset> preset = ReplyRules::preset(id);
    if (!preset)
        return;
    QList<ReplyRule> rules = append ? m_model->rules() : QList<ReplyRule>();
    const int first = int(rules.size());
    rules += preset->rules;
    setRules(rules, first);
}

void RulesEditor::applyLine()
{
    const QString text = m_ui->ruleLineEdit->text();
    if (text.trimmed().isEmpty())
        return;
    const ReplyRule::Parsed parsed = ReplyRule::parse(text, m_session->encoding());
    if (!parsed.ok()) {
        m_lineCheck->recheck();
        return;
    }
    QList<ReplyRule> rules = m_model->rules();
    int row = selectedRow();
    if (row < 0 || row >= rules.size()) {
        rules.append(parsed.rule);
        row = int(rules.size()) - 1;
    } else {
        rules[row] = parsed.rule;
    }
    setRules(rules, row);
}

void RulesEditor::onSelectionChanged()
{
    const int row = selectedRow();
    const int count = m_model->rowCount();
    m_ui->duplicateButton->setEnabled(row >= 0);
    m_ui->deleteButton->setEnabled(row >= 0);
    m_ui->upButton->setEnabled(row > 0);
    m_ui->downButton->setEnabled(row >= 0 && row < count - 1);
    const QList<ReplyRule> rules = m_model->rules();
    if (row >= 0 && row < rules.size())
        m_ui->ruleLineEdit->setText(rules.at(row).toLine());
    m_ui->applyLineButton->setText(row >= 0 ? tr("Appl&y") : tr("Add &this"));
}

void RulesEditor::updateStatus()
{
    const ReplyRules &compiled = m_session->replyRules();
    const QStringList errors = compiled.errors();
    m_ui->problemsLabel->setText(errors.join(u'\n'));
    m_ui->problemsLabel->setVisible(!errors.isEmpty());
    const int count = m_model->rowCount();
    int armed = 0;
    for (int i = 0; i < compiled.size(); ++i)
        armed += compiled.isArmed(i);
    QString status;
    if (count == 0)
        status = tr("No rules: nothing is answered. Add one, or choose a ready-made one.");
    else
        status = tr("%n rule(s) armed of %1, tried in order; the first that matches answers unless it says go on.",
                    nullptr, armed).arg(count);
    if (const quint64 unmatched = m_session->unmatchedMessages())
        status += u' ' + tr("%n received message(s) matched no rule.", nullptr, int(qMin<quint64>(unmatched, INT_MAX)));
    m_ui->statusLabel->setText(status);
    // The line follows the selected rule when it changed from elsewhere,
    // unless it is being typed in.
    const int row = selectedRow();
    if (row >= 0 && row < count && !m_ui->ruleLineEdit->hasFocus())
        m_ui->ruleLineEdit->setText(m_model->rules().at(row).toLine());
}

void RulesEditor::fillPresetMenu()
{
    auto *menu = new QMenu(this);
    menu->setObjectName(u"presetMenu"_s);
    const QList<ReplyRules::Preset> presets = ReplyRules::presets();
    for (const ReplyRules::Preset &p : presets) {
        QAction *a = menu->addAction(p.title, this, [this, id = p.id] { applyPreset(id, false); });
        a->setObjectName(u"preset-"_s + p.id);
        a->setToolTip(p.description);
        a->setStatusTip(p.description);
    }
    menu->setToolTipsVisible(true);
    menu->addSeparator();
    QMenu *add = menu->addMenu(tr("Add after the rules"));
    add->setToolTipsVisible(true);
    for (const ReplyRules::Preset &p : presets) {
        QAction *a = add->addAction(p.title, this, [this, id = p.id] { applyPreset(id, true); });
        a->setObjectName(u"append-"_s + p.id);
        a->setToolTip(p.description);
    }
    m_ui->presetButton->setMenu(menu);
}

void RulesEditor::fillFileMenu()
{
    auto *menu = new QMenu(this);
    menu->addAction(tr("&Import rules file…"), this, &RulesEditor::askImport);
    menu->addAction(tr("&Export rules file…"), this, &RulesEditor::askExport);
    m_ui->fileButton->setMenu(menu);
}

bool RulesEditor::importFile(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = tr("Cannot read %1: %2").arg(path, file.errorString());
        return false;
    }
    const ReplyRules::FileParsed parsed = ReplyRules::parseText(QString::fromUtf8(file.readAll()), m_session->encoding());
    if (!parsed.ok()) {
        *error = tr("%1: %2. The rules were not changed.").arg(path, parsed.error);
        return false;
    }
    setRules(parsed.rules, parsed.rules.isEmpty() ? -1 : 0);
    return true;
}

bool RulesEditor::exportFile(const QString &path, QString *error) const
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(ReplyRules::toText(m_model->rules()).toUtf8()) < 0
        || !file.commit()) {
        *error = tr("Cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

void RulesEditor::askImport()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Import reply rules"), QString(),
                                                      tr("Rules files (*.rules *.txt);;All files (*)"));
    if (path.isEmpty())
        return;
    QString error;
    if (!importFile(path, &error))
        QMessageBox::warning(this, tr("Import reply rules"), error);
}

void RulesEditor::askExport()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Export reply rules"), u"rules.rules"_s,
                                                      tr("Rules files (*.rules *.txt);;All files (*)"));
    if (path.isEmpty())
        return;
    QString error;
    if (!exportFile(path, &error))
        QMessageBox::warning(this, tr("Export reply rules"), error);
}

// --- The payload library's rule sets ------------------------------------------

QString RulesEditor::saveToLibrary(const QString &name)
{
    const QString trimmed = name.trimmed();
    if (trimmed.isEmpty())
        return tr("A rule set needs a name: nothing was saved");
    if (!m_library)
        return tr("No payload library is open: nothing was saved");
    RuleSet set;
    set.name = trimmed;
    set.rules = m_model->rules();
    // Replacing a set keeps where the library files it and its notes.
    if (const RuleSet *old = m_library->library().ruleSet(trimmed)) {
        set.group = old->group;
        set.notes = old->notes;
    }
    return m_library->change(tr("Save rule set \u201c%1\u201d").arg(trimmed), [set](PayloadLibrary &library) {
        return library.ruleSet(set.name) ? library.replaceRuleSet(set.name, set) : library.addRuleSet(set);
    });
}

QString RulesEditor::loadFromLibrary(const QString &name)
{
    const RuleSet *set = m_library ? m_library->library().ruleSet(name) : nullptr;
    if (!set)
        return tr("The library has no rule set \u201c%1\u201d: the rules were not changed").arg(name);
    setRules(set->rules, set->rules.isEmpty() ? -1 : 0);
    return {};
}

void RulesEditor::fillLibraryMenu()
{
    m_libraryMenu->clear();
    QAction *save = m_libraryMenu->addAction(tr("&Save rules to library\u2026"), this, &RulesEditor::askSaveToLibrary);
    save->setObjectName(u"saveToLibraryAction"_s);
    m_libraryMenu->addSeparator();
    const QList<RuleSet> sets = m_library ? m_library->library().ruleSets() : QList<RuleSet>();
    if (sets.isEmpty())
        m_libraryMenu->addAction(tr("No rule sets in the library yet"))->setEnabled(false);
    for (const RuleSet &set : sets) {
        QAction *load = m_libraryMenu->addAction(tr("Load \u201c%1\u201d (%n rule(s))", nullptr, int(set.rules.size()))
                                                     .arg(set.name),
                                                 this, [this, name = set.name] {
            if (const QString why = loadFromLibrary(name); !why.isEmpty())
                QMessageBox::warning(this, tr("Load reply rules"), why);
        });
        load->setToolTip(set.notes);
    }
}

void RulesEditor::askSaveToLibrary()
{
    bool ok = false;
    const QString name = QInputDialog::getText(this, tr("Save reply rules"),
                                               tr("Name of the rule set in the payload library (a set of that name is replaced):"),
                                               QLineEdit::Normal, QString(), &ok);
    if (!ok)
        return;
    if (const QString why = saveToLibrary(name); !why.isEmpty())
        QMessageBox::warning(this, tr("Save reply rules"), why);
}
