#include "ui/commands/LibraryWindow.h"

#include "ui_LibraryWindow.h"

#include "core/commands/PayloadLibrary.h"
#include "core/text/TextCodec.h"
#include "ui/commands/LibraryEdits.h"
#include "ui/commands/LibraryTree.h"
#include "ui/commands/PayloadEditor.h"

#include <QAction>
#include <QDir>
#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QInputDialog>
#include <QMessageBox>
#include <QUndoStack>

using namespace Qt::StringLiterals;

LibraryWindow::LibraryWindow(LibraryEdits *edits, QWidget *parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::LibraryWindow>())
    , m_edits(edits)
{
    m_ui->setupUi(this);
    setObjectName(u"libraryWindow"_s);
    m_ui->splitter->setStretchFactor(0, 1);
    m_ui->splitter->setStretchFactor(1, 1);
    QUndoStack *undo = edits->undoStack();
    QAction *undoAction = undo->createUndoAction(this, tr("&Undo"));
    undoAction->setObjectName(u"actionLibraryUndo"_s);
    undoAction->setShortcut(QKeySequence::Undo);
    QAction *redoAction = undo->createRedoAction(this, tr("&Redo"));
    redoAction->setObjectName(u"actionLibraryRedo"_s);
    redoAction->setShortcut(QKeySequence::Redo);
    addAction(undoAction);
    addAction(redoAction);
    m_ui->undoButton->setDefaultAction(undoAction);
    m_ui->redoButton->setDefaultAction(redoAction);

    connect(m_ui->searchEdit, &QLineEdit::textChanged, this, &LibraryWindow::rebuild);
    connect(m_ui->tree, &QTreeWidget::currentItemChanged, this, &LibraryWindow::showSelected);
    connect(m_ui->tree, &QTreeWidget::itemDoubleClicked, this, [this] {
        if (!selectedName().isEmpty() && !m_edits->store()->isHeld())
            editEntry(selectedName());
    });
    connect(m_ui->addButton, &QPushButton::clicked, this, &LibraryWindow::addEntry);
    connect(m_ui->editButton, &QPushButton::clicked, this, [this] { editEntry(selectedName()); });
    connect(m_ui->renameButton, &QPushButton::clicked, this, &LibraryWindow::onRenameClicked);
    connect(m_ui->deleteButton, &QPushButton::clicked, this, [this] { deleteEntry(selectedName()); });
    connect(m_ui->upButton, &QToolButton::clicked, this, [this] { moveEntry(selectedName(), -1); });
    connect(m_ui->downButton, &QToolButton::clicked, this, [this] { moveEntry(selectedName(), 1); });
    connect(m_ui->importButton, &QPushButton::clicked, this, &LibraryWindow::onImportClicked);
    connect(m_ui->exportButton, &QPushButton::clicked, this, &LibraryWindow::onExportClicked);
    connect(m_ui->reloadButton, &QPushButton::clicked, this, &LibraryWindow::onReloadClicked);
    connect(m_ui->setAsideButton, &QPushButton::clicked, this, &LibraryWindow::onSetAsideClicked);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &QDialog::close);
    connect(edits->store(), &LibraryStore::changed, this, &LibraryWindow::rebuild);
    connect(edits->store(), &LibraryStore::loadStateChanged, this, &LibraryWindow::updateHeldBanner);
    connect(edits, &LibraryEdits::failed, this, [this](const QString &error) { showMessage(error, true); });
    m_ui->messageLabel->hide();
    updateHeldBanner();
    rebuild();
}

LibraryWindow::~LibraryWindow() = default;

LibraryTree *LibraryWindow::tree() const
{
    return m_ui->tree;
}

QString LibraryWindow::message() const
{
    return m_ui->messageLabel->isVisibleTo(this) ? m_ui->messageLabel->text() : QString();
}

void LibraryWindow::showMessage(const QString &text, bool error)
{
    m_ui->messageLabel->setText(error ? u"\u26A0 "_s + text : text);
    m_ui->messageLabel->setVisible(!text.isEmpty());
}

QStringList LibraryWindow::groupNames() const
{
    QStringList names;
    for (const PayloadLibrary::Group &group : m_edits->library().groups())
        names.append(group.name);
    return names;
}

void LibraryWindow::rebuild()
{
    const QString keep = selectedName();
    const PayloadLibrary &library = m_edits->library();
    const QString words = m_ui->searchEdit->text().trimmed();
    const QStringList found = words.isEmpty() ? QStringList() : library.search(words);
    m_ui->tree->clear();
    QStringList groups {QString()};
    groups += groupNames();
    QTreeWidgetItem *select = nullptr;
    for (const QString &group : std::as_const(groups)) {
        QTreeWidgetItem *parent = nullptr;
        for (const PayloadEntry &entry : library.payloads()) {
            if (entry.group != group || (!words.isEmpty() && !found.contains(entry.name)))
                continue;
            if (!parent && !group.isEmpty()) {
                parent = new QTreeWidgetItem(m_ui->tree, {group});
                parent->setFlags(Qt::ItemIsEnabled);
                parent->setExpanded(true);
            }
            auto *item = parent ? new QTreeWidgetItem(parent, {entry.name}) : new QTreeWidgetItem(m_ui->tree, {entry.name});
            item->setData(0, LibraryTree::NameRole, entry.name);
            item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsDragEnabled);
            item->setToolTip(0, entry.notes.isEmpty() ? tr("Drag onto a tab's quick-send bar to add a button for it")
                                                      : entry.notes);
            if (entry.name == keep)
                select = item;
        }
    }
    m_ui->tree->expandAll();
    if (select)
        m_ui->tree->setCurrentItem(select);
    if (!words.isEmpty() && found.isEmpty())
        showMessage(tr("Nothing in the library matches \u201c%1\u201d").arg(words), false);
    showSelected();
}

QStringList LibraryWindow::shownNames() const
{
    QStringList names;
    for (QTreeWidgetItemIterator it(m_ui->tree); *it; ++it) {
        const QString name = (*it)->data(0, LibraryTree::NameRole).toString();
        if (!name.isEmpty())
            names.append(name);
    }
    return names;
}

void LibraryWindow::setSearch(const QString &words)
{
    m_ui->searchEdit->setText(words);
}

bool LibraryWindow::selectEntry(const QString &name)
{
    for (QTreeWidgetItemIterator it(m_ui->tree); *it; ++it) {
        if ((*it)->data(0, LibraryTree::NameRole).toString() == name) {
            m_ui->tree->setCurrentItem(*it);
            return true;
        }
    }
    return false;
}

QString LibraryWindow::selectedName() const
{
    const QTreeWidgetItem *item = m_ui->tree->currentItem();
    return item ? item->data(0, LibraryTree::NameRole).toString() : QString();
}

void LibraryWindow::showSelected()
{
    const PayloadEntry *entry = m_edits->library().payload(selectedName());
    if (!entry) {
        m_ui->detailLabel->setText(m_edits->library().payloads().isEmpty()
                                       ? tr("The library is empty. Add a payload here, or save what is in a tab's "
                                            "send box with its quick-send bar's Library menu.")
                                       : tr("Select a payload to see its bytes."));
        m_ui->previewEdit->clear();
        updateActions();
        return;
    }
    QStringList lines;
    lines << tr("Group: %1").arg(entry->group.isEmpty() ? tr("none") : entry->group)
          << (entry->mode == PayloadParser::Mode::Hex ? tr("Hex") : tr("Text, %1").arg(entry->encoding))
          << tr("Line ending: %1").arg(PayloadEntry::lineEndingName(entry->lineEnding))
          << tr("Checksum: %1").arg(entry->checksum ? entry->checksum->describe() : tr("none"))
          << tr("Framing: %1").arg(entry->framing ? entry->framing->toString() : tr("none"));
    if (!entry->notes.isEmpty())
        lines << entry->notes;
    m_ui->detailLabel->setText(lines.join(u'\n'));
    const PayloadEntry::Built built = entry->build({});
    m_ui->previewEdit->setPlainText(built.ok() ? TextCodec::toHex(built.bytes) : u"\u26A0 "_s + built.error);
    updateActions();
}

void LibraryWindow::updateActions()
{
    const bool editable = !m_edits->store()->isHeld();
    const bool selected = !selectedName().isEmpty();
    m_ui->addButton->setEnabled(editable);
    m_ui->importButton->setEnabled(editable);
    m_ui->editButton->setEnabled(editable && selected);
    m_ui->renameButton->setEnabled(editable && selected);
    m_ui->deleteButton->setEnabled(editable && selected);
    m_ui->upButton->setEnabled(editable && selected);
    m_ui->downButton->setEnabled(editable && selected);
}

void LibraryWindow::updateHeldBanner()
{
    const LibraryStore *store = m_edits->store();
    m_ui->heldBanner->setVisible(store->isHeld());
    if (store->isHeld()) {
        m_ui->heldLabel->setText(
            tr("\u26A0 The library file %1 could not be read: %2. It is left as it is on disk; the library stays "
               "empty and nothing is saved until you repair the file and reload it, or set it aside.")
                .arg(QDir::toNativeSeparators(store->path()), store->loadError()));
    }
    updateActions();
}

PayloadEditor *LibraryWindow::openEditor(const PayloadEntry &entry, const QString &original)
{
    // Payloads and sequences share one set of names; the entry keeps its own.
    QStringList taken;
    for (const PayloadEntry &e : m_edits->library().payloads()) {
        if (e.name != original)
            taken.append(e.name);
    }
    for (const CommandSequence &s : m_edits->library().sequences())
        taken.append(s.name);
    auto *editor = new PayloadEditor(entry, groupNames(), taken, [this, original](const PayloadEntry &e) {
        const QString error = original.isEmpty()
            ? m_edits->change(tr("Add \u201c%1\u201d").arg(e.name),
                              [&e](PayloadLibrary &library) { return library.addPayload(e); })
            : m_edits->change(tr("Edit \u201c%1\u201d").arg(original),
                              [&](PayloadLibrary &library) { return library.replacePayload(original, e); },
                              {original, e.name});
        if (error.isEmpty()) {
            selectEntry(e.name);
            showMessage((original.isEmpty() ? tr("Added \u201c%1\u201d.") : tr("Saved \u201c%1\u201d.")).arg(e.name),
                        false);
        }
        return error;
    }, this);
    editor->setWindowTitle(original.isEmpty() ? tr("New Payload") : tr("Edit Payload"));
    editor->setAttribute(Qt::WA_DeleteOnClose);
    editor->open();
    return editor;
}

PayloadEditor *LibraryWindow::addEntry()
{
    PayloadEntry entry;
    if (const PayloadEntry *selected = m_edits->library().payload(selectedName()))
        entry.group = selected->group;
    return openEditor(entry, {});
}

PayloadEditor *LibraryWindow::editEntry(const QString &name)
{
    const PayloadEntry *entry = m_edits->library().payload(name);
    return entry ? openEditor(*entry, name) : nullptr;
}

QString LibraryWindow::renameEntry(const QString &from, const QString &to)
{
    const PayloadEntry *entry = m_edits->library().payload(from);
    QString error;
    if (!entry) {
        error = tr("There is no payload named \u201c%1\u201d").arg(from);
    } else {
        PayloadEntry renamed = *entry;
        renamed.name = to.trimmed();
        error = m_edits->change(tr("Rename \u201c%1\u201d").arg(from),
                                [&](PayloadLibrary &library) { return library.replacePayload(from, renamed); },
                                {from, renamed.name});
        if (error.isEmpty()) {
            selectEntry(renamed.name);
            showMessage(tr("Renamed \u201c%1\u201d to \u201c%2\u201d; quick-send buttons follow.").arg(from, renamed.name),
                        false);
            return {};
        }
    }
    showMessage(tr("Cannot rename \u201c%1\u201d: %2").arg(from, error), true);
    return error;
}

QString LibraryWindow::deleteEntry(const QString &name)
{
    const QString error = m_edits->change(tr("Delete \u201c%1\u201d").arg(name),
                                          [&name](PayloadLibrary &library) { return library.removePayload(name); });
    if (error.isEmpty())
        showMessage(tr("Deleted \u201c%1\u201d. Undo (Ctrl+Z) brings it back.").arg(name), false);
    else
        showMessage(tr("Cannot delete \u201c%1\u201d: %2").arg(name, error), true);
    return error;
}

QString LibraryWindow::moveEntry(const QString &name, int delta)
{
    const QList<PayloadEntry> &payloads = m_edits->library().payloads();
    qsizetype at = -1;
    for (qsizetype i = 0; i < payloads.size(); ++i) {
        if (payloads.at(i).name == name)
            at = i;
    }
    if (at < 0)
        return tr("There is no payload named \u201c%1\u201d").arg(name);
    // Up and down among the payloads of the same group, as the list shows them.
    qsizetype to = at;
    for (qsizetype i = at + delta; i >= 0 && i < payloads.size(); i += delta) {
        if (payloads.at(i).group == payloads.at(at).group) {
            to = i;
            break;
        }
    }
    if (to == at)
        return delta < 0 ? tr("\u201c%1\u201d is already the first of its group").arg(name)
                         : tr("\u201c%1\u201d is already the last of its group").arg(name);
    const QString error = m_edits->change(tr("Move \u201c%1\u201d").arg(name),
                                          [&](PayloadLibrary &library) { return library.move(name, to); });
    if (error.isEmpty())
        selectEntry(name);
    else
        showMessage(error, true);
    return error;
}

QString LibraryWindow::importFrom(const QString &path)
{
    PayloadLibrary::MergeReport report;
    const QString error = m_edits->change(tr("Import %1").arg(QFileInfo(path).fileName()),
                                          [&](PayloadLibrary &library) {
                                              QString why;
                                              library.importFile(path, &report, &why);
                                              return why;
                                          });
    if (!error.isEmpty()) {
        showMessage(tr("Cannot import %1: %2. The library is unchanged.").arg(QDir::toNativeSeparators(path), error),
                    true);
        return error;
    }
    showMessage(tr("Imported %1: %2 added, %3 replaced.")
                    .arg(QDir::toNativeSeparators(path))
                    .arg(report.added.size())
                    .arg(report.replaced.size()),
                false);
    return {};
}

QString LibraryWindow::exportTo(const QString &path)
{
    QString error;
    if (!m_edits->library().exportFile(path, {}, &error)) {
        showMessage(tr("Cannot export: %1").arg(error), true);
        return error;
    }
    showMessage(tr("Exported the library to %1.").arg(QDir::toNativeSeparators(path)), false);
    return {};
}

void LibraryWindow::onRenameClicked()
{
    const QString from = selectedName();
    if (from.isEmpty())
        return;
    auto *dialog = new QInputDialog(this);
    dialog->setObjectName(u"renameDialog"_s);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("Rename Payload"));
    dialog->setLabelText(tr("New name of \u201c%1\u201d:").arg(from));
    dialog->setTextValue(from);
    connect(dialog, &QInputDialog::textValueSelected, this, [this, from](const QString &to) { renameEntry(from, to); });
    dialog->open();
}

void LibraryWindow::onImportClicked()
{
    auto *dialog = new QFileDialog(this, tr("Import Library File"), QDir::homePath(),
                                   tr("Payload libraries (*.swlib);;All files (*)"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setFileMode(QFileDialog::ExistingFile);
    connect(dialog, &QFileDialog::fileSelected, this, &LibraryWindow::importFrom);
    dialog->open();
}

void LibraryWindow::onExportClicked()
{
    auto *dialog = new QFileDialog(this, tr("Export Library File"), QDir::homePath(),
                                   tr("Payload libraries (*.swlib);;All files (*)"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->setDefaultSuffix(u"swlib"_s);
    connect(dialog, &QFileDialog::fileSelected, this, &LibraryWindow::exportTo);
    dialog->open();
}

void LibraryWindow::onReloadClicked()
{
    if (m_edits->store()->reload())
        showMessage(tr("The library file was read."), false);
    else
        showMessage(m_edits->store()->loadError(), true);
}

void LibraryWindow::onSetAsideClicked()
{
    QString kept;
    QString error;
    if (m_edits->store()->setAside(&kept, &error))
        showMessage(tr("The unreadable file is kept as %1; the library starts empty.").arg(QDir::toNativeSeparators(kept)),
                    false);
    else
        showMessage(error, true);
}

void LibraryWindow::changeEvent(QEvent *event)
{
    QDialog::changeEvent(event);
    if (event->type() == QEvent::LanguageChange) {
        m_ui->retranslateUi(this);
        updateHeldBanner();
        showSelected();
    }
}
