#include "ui/commands/QuickSendBar.h"

#include "core/commands/PayloadLibrary.h"
#include "core/net/Session.h"
#include "core/text/TextCodec.h"
#include "ui/commands/LibraryEdits.h"
#include "ui/send/SendPanel.h"

#include <QComboBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QEvent>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QKeySequenceEdit>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMimeData>
#include <QPushButton>
#include <QShortcut>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace {

constexpr int kDefaultHotkeys = 9;

} // namespace

QuickSendBar::QuickSendBar(Session *session, SendPanel *panel, QWidget *scope, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
    , m_panel(panel)
    , m_scope(scope)
    , m_toggle(new QToolButton(this))
    , m_strip(new QWidget(this))
    , m_stripLayout(new QHBoxLayout(m_strip))
    , m_addButton(new QToolButton(this))
    , m_libraryButton(new QToolButton(this))
    , m_message(new QLabel(this))
{
    setObjectName(u"quickSendBar"_s);
    setAcceptDrops(true);
    auto *rows = new QVBoxLayout(this);
    rows->setContentsMargins(0, 0, 0, 0);
    rows->setSpacing(2);
    auto *row = new QHBoxLayout;
    row->setSpacing(4);
    rows->addLayout(row);
    rows->addWidget(m_message);
    m_message->setObjectName(u"quickSendMessage"_s);
    m_message->setWordWrap(true);
    m_message->hide();

    m_toggle->setObjectName(u"quickSendToggle"_s);
    m_toggle->setCheckable(true);
    m_toggle->setChecked(true);
    m_toggle->setAutoRaise(true);
    m_toggle->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_toggle->setArrowType(Qt::DownArrow);
    connect(m_toggle, &QToolButton::toggled, this, &QuickSendBar::setButtonsShown);
    row->addWidget(m_toggle);

    m_stripLayout->setContentsMargins(0, 0, 0, 0);
    m_stripLayout->setSpacing(2);
    m_strip->setObjectName(u"quickSendStrip"_s);
    row->addWidget(m_strip);

    m_addButton->setObjectName(u"quickSendAdd"_s);
    m_addButton->setText(u"+"_s);
    m_addButton->setPopupMode(QToolButton::InstantPopup);
    auto *addMenu = new QMenu(m_addButton);
    addMenu->setObjectName(u"quickSendAddMenu"_s);
    m_addButton->setMenu(addMenu);
    connect(addMenu, &QMenu::aboutToShow, this, &QuickSendBar::fillAddMenu);
    row->addWidget(m_addButton);
    row->addStretch(1);

    m_libraryButton->setObjectName(u"quickSendLibrary"_s);
    m_libraryButton->setPopupMode(QToolButton::MenuButtonPopup);
    auto *libraryMenu = new QMenu(m_libraryButton);
    QAction *save = libraryMenu->addAction(QString(), this, &QuickSendBar::askToSaveInput);
    save->setObjectName(u"actionSaveInputToLibrary"_s);
    m_libraryButton->setMenu(libraryMenu);
    connect(m_libraryButton, &QToolButton::clicked, this, [this] {
        if (m_openLibrary)
            m_openLibrary();
    });
    row->addWidget(m_libraryButton);

    connect(session, &Session::settingsChanged, this, &QuickSendBar::onSettingsChanged);
    retranslate();
    rebuild();
}

void QuickSendBar::setLibrary(LibraryEdits *edits, std::function<void()> openLibrary)
{
    m_edits = edits;
    m_openLibrary = std::move(openLibrary);
    connect(edits->store(), &LibraryStore::changed, this, &QuickSendBar::refreshButtons);
    connect(edits->store(), &LibraryStore::payloadRenamed, this, &QuickSendBar::onPayloadRenamed);
    refreshButtons();
}

void QuickSendBar::retranslate()
{
    m_toggle->setText(tr("Quick send"));
    m_toggle->setToolTip(tr("Show or hide the quick-send buttons (their hotkeys work either way)"));
    m_addButton->setToolTip(tr("Add a button for a payload of the library (or drop one here from the library window)"));
    m_addButton->setAccessibleName(tr("Add a quick-send button"));
    m_libraryButton->setText(tr("Library…"));
    m_libraryButton->setToolTip(tr("Open the payload library; the arrow saves what is in the send box to it"));
    m_libraryButton->menu()->actions().constFirst()->setText(tr("&Save input to library…"));
    refreshButtons();
}

int QuickSendBar::buttonCount() const
{
    return int(m_buttons.size());
}

QToolButton *QuickSendBar::buttonAt(int index) const
{
    return index >= 0 && index < m_buttons.size() ? m_buttons.at(index) : nullptr;
}

QKeySequence QuickSendBar::hotkeyAt(int index) const
{
    if (index < 0 || index >= m_shown.size())
        return {};
    const QString key = m_shown.at(index).hotkey;
    if (key == QuickSendButton::noHotkey())
        return {};
    if (!key.isEmpty())
        return QKeySequence::fromString(key, QKeySequence::PortableText);
    if (index >= kDefaultHotkeys)
        return {};
    // A place's default gives way to a button given that key by hand (after
    // a move): a key two shortcuts claim would fire neither.
    const QKeySequence automatic(Qt::ALT | Qt::Key(Qt::Key_1 + index));
    for (const QuickSendButton &other : m_shown) {
        if (QKeySequence::fromString(other.hotkey, QKeySequence::PortableText) == automatic)
            return {};
    }
    return automatic;
}

QString QuickSendBar::checkHotkey(int index, const QKeySequence &key) const
{
    if (key.isEmpty())
        return {};
    for (int i = 0; i < m_shown.size(); ++i) {
        if (i != index && hotkeyAt(i) == key)
            return tr("%1 already sends \u201c%2\u201d").arg(key.toString(QKeySequence::NativeText), m_shown.at(i).entry);
    }
    return {};
}

void QuickSendBar::setButtons(const QList<QuickSendButton> &buttons)
{
    SessionSettings settings = m_session->settings();
    settings.quickSend = buttons;
    m_session->setSettings(settings);
}

bool QuickSendBar::addEntry(const QString &name)
{
    if (!m_edits || !m_edits->library().payload(name)) {
        showMessage(tr("\u201c%1\u201d is not a payload of the library").arg(name), true);
        return false;
    }
    QList<QuickSendButton> buttons = m_session->settings().quickSend;
    buttons.append(QuickSendButton {name, {}});
    setButtons(buttons);
    showMessage({}, false);
    return true;
}

bool QuickSendBar::removeAt(int index)
{
    QList<QuickSendButton> buttons = m_session->settings().quickSend;
    if (index < 0 || index >= buttons.size())
        return false;
    buttons.removeAt(index);
    setButtons(buttons);
    return true;
}

bool QuickSendBar::moveButton(int from, int to)
{
    QList<QuickSendButton> buttons = m_session->settings().quickSend;
    if (from < 0 || from >= buttons.size() || to < 0 || to >= buttons.size())
        return false;
    buttons.move(from, to);
    setButtons(buttons);
    return true;
}

bool QuickSendBar::setHotkey(int index, const QString &hotkey)
{
    QList<QuickSendButton> buttons = m_session->settings().quickSend;
    if (index < 0 || index >= buttons.size())
        return false;
    const QKeySequence key = hotkey.isEmpty() || hotkey == QuickSendButton::noHotkey()
        ? QKeySequence() : QKeySequence::fromString(hotkey, QKeySequence::PortableText);
    if (const QString clash = checkHotkey(index, key); !clash.isEmpty()) {
        showMessage(clash, true);
        return false;
    }
    buttons[index].hotkey = hotkey;
    setButtons(buttons);
    return true;
}

void QuickSendBar::onSettingsChanged()
{
    if (m_session->settings().quickSend != m_shown)
        rebuild();
}

void QuickSendBar::onPayloadRenamed(const QString &from, const QString &to)
{
    QList<QuickSendButton> buttons = m_session->settings().quickSend;
    bool any = false;
    for (QuickSendButton &button : buttons) {
        if (button.entry == from) {
            button.entry = to;
            any = true;
        }
    }
    if (any)
        setButtons(buttons);
}

void QuickSendBar::rebuild()
{
    m_shown = m_session->settings().quickSend;
    // Deleted later (a button's own menu may be what removed it), but out of
    // sight and off their keys now: a key two shortcuts claim fires neither.
    for (QToolButton *button : std::as_const(m_buttons)) {
        button->hide();
        button->deleteLater();
    }
    for (QShortcut *shortcut : std::as_const(m_shortcuts)) {
        shortcut->setEnabled(false);
        shortcut->deleteLater();
    }
    m_buttons.clear();
    m_shortcuts.clear();
    for (int i = 0; i < m_shown.size(); ++i) {
        auto *button = new QToolButton(m_strip);
        button->setObjectName(u"quickSendButton%1"_s.arg(i + 1));
        button->setContextMenuPolicy(Qt::CustomContextMenu);
        connect(button, &QToolButton::clicked, this, [this, i] { sendAt(i); });
        connect(button, &QWidget::customContextMenuRequested, this,
                [this, i, button](const QPoint &pos) { showButtonMenu(i, button->mapToGlobal(pos)); });
        m_stripLayout->addWidget(button);
        button->show();
        m_buttons.append(button);
        const QKeySequence key = hotkeyAt(i);
        if (!key.isEmpty()) {
            // The page's shortcut: it acts while this tab is the one shown,
            // wherever the focus is in the window, and never for another tab.
            auto *shortcut = new QShortcut(key, m_scope);
            shortcut->setContext(Qt::WindowShortcut);
            connect(shortcut, &QShortcut::activated, this, [this, i] { sendAt(i); });
            m_shortcuts.append(shortcut);
        }
    }
    refreshButtons();
}

void QuickSendBar::refreshButtons()
{
    for (int i = 0; i < m_buttons.size() && i < m_shown.size(); ++i) {
        QToolButton *button = m_buttons.at(i);
        const QString name = m_shown.at(i).entry;
        const QKeySequence key = hotkeyAt(i);
        const PayloadEntry *entry = m_edits ? m_edits->library().payload(name) : nullptr;
        button->setText(entry ? name : u"\u26A0 "_s + name);
        QString tip = entry ? tr("Send \u201c%1\u201d").arg(name)
                            : tr("\u201c%1\u201d is not in the library: clicking sends nothing").arg(name);
        if (!key.isEmpty())
            tip += u" ("_s + key.toString(QKeySequence::NativeText) + u')';
        button->setToolTip(tip);
        button->setAccessibleName(tr("Quick send %1").arg(name));
    }
    m_addButton->setEnabled(m_edits != nullptr);
}

bool QuickSendBar::sendAt(int index)
{
    if (index < 0 || index >= m_shown.size())
        return false;
    const QString name = m_shown.at(index).entry;
    const PayloadEntry *found = m_edits ? m_edits->library().payload(name) : nullptr;
    if (!found) {
        showMessage(tr("\u201c%1\u201d is not in the library (deleted, or renamed outside this window): "
                       "nothing was sent").arg(name), true);
        return false;
    }
    // A copy: sending may change the library (a tab's event) under a pointer.
    const PayloadEntry entry = *found;
    const PayloadEntry::Built built = entry.build(m_session->templateContext());
    if (!built.ok()) {
        showMessage(tr("\u201c%1\u201d: %2. Nothing was sent.").arg(name, built.error), true);
        return false;
    }
    const SendPanel::Sender &sender = m_panel->sender();
    const SendResult result = sender ? sender(built.bytes)
                                     : SendResult::failure(tr("There is nowhere to send to: nothing was sent"));
    if (!result.ok()) {
        showMessage(tr("\u201c%1\u201d: %2").arg(name, result.error), true);
        return false;
    }
    if (entry.compile().value.usesCounter())
        m_session->countTemplateMessage();
    showMessage(tr("Sent \u201c%1\u201d: %2.").arg(name, PayloadInput::bytesText(result.bytes)), false);
    emit sent(result.bytes);
    return true;
}

QString QuickSendBar::saveInput(const QString &name, const QString &group)
{
    if (!m_edits)
        return tr("There is no library to save to");
    PayloadEntry entry;
    entry.name = name.trimmed();
    entry.group = group.trimmed();
    entry.mode = m_panel->mode();
    entry.text = m_panel->inputText();
    entry.encoding = m_panel->encoding();
    // Hex is sent as typed; only text gets the line ending.
    if (entry.mode == PayloadParser::Mode::Text)
        entry.lineEnding = m_panel->lineEnding();
    if (entry.text.isEmpty())
        return tr("The send box is empty: there is nothing to save");
    if (const QString bad = PayloadEntry::checkName(entry.name); !bad.isEmpty())
        return bad;
    return m_edits->change(tr("Save input as \u201c%1\u201d").arg(entry.name),
                           [&entry](PayloadLibrary &library) { return library.addPayload(entry); });
}

void QuickSendBar::askToSaveInput()
{
    auto *dialog = new QDialog(this);
    dialog->setObjectName(u"saveInputDialog"_s);
    dialog->setWindowTitle(tr("Save Input to Library"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    auto *form = new QFormLayout(dialog);
    auto *nameEdit = new QLineEdit(dialog);
    nameEdit->setObjectName(u"nameEdit"_s);
    auto *groupCombo = new QComboBox(dialog);
    groupCombo->setObjectName(u"groupCombo"_s);
    groupCombo->setEditable(true);
    groupCombo->addItem(QString());
    if (m_edits) {
        for (const PayloadLibrary::Group &group : m_edits->library().groups())
            groupCombo->addItem(group.name);
    }
    auto *error = new QLabel(dialog);
    error->setObjectName(u"errorLabel"_s);
    error->setWordWrap(true);
    error->hide();
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, dialog);
    form->addRow(tr("&Name:"), nameEdit);
    form->addRow(tr("&Group:"), groupCombo);
    form->addRow(error);
    form->addRow(buttons);
    connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::reject);
    connect(buttons, &QDialogButtonBox::accepted, dialog, [this, dialog, nameEdit, groupCombo, error] {
        const QString why = saveInput(nameEdit->text(), groupCombo->currentText());
        if (!why.isEmpty()) {
            error->setText(u"\u26A0 "_s + why);
            error->show();
            nameEdit->setFocus();
            return;
        }
        showMessage(tr("Saved \u201c%1\u201d in the library.").arg(nameEdit->text().trimmed()), false);
        dialog->accept();
    });
    // Not exec(): sessions (and tests) keep running while it is open.
    dialog->open();
}

void QuickSendBar::showButtonMenu(int index, const QPoint &globalPos)
{
    auto *menu = new QMenu(this);
    menu->setObjectName(u"quickSendButtonMenu"_s);
    connect(menu, &QMenu::aboutToHide, menu, &QObject::deleteLater);
    menu->addAction(tr("Set &hotkey…"), this, [this, index] { askHotkey(index); });
    QAction *left = menu->addAction(tr("Move &left"), this, [this, index] { moveButton(index, index - 1); });
    left->setEnabled(index > 0);
    QAction *right = menu->addAction(tr("Move &right"), this, [this, index] { moveButton(index, index + 1); });
    right->setEnabled(index + 1 < m_shown.size());
    menu->addSeparator();
    menu->addAction(tr("&Remove"), this, [this, index] { removeAt(index); });
    menu->popup(globalPos);
}

void QuickSendBar::askHotkey(int index)
{
    if (index < 0 || index >= m_shown.size())
        return;
    auto *dialog = new QDialog(this);
    dialog->setObjectName(u"hotkeyDialog"_s);
    dialog->setWindowTitle(tr("Hotkey of \u201c%1\u201d").arg(m_shown.at(index).entry));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    auto *layout = new QVBoxLayout(dialog);
    auto *edit = new QKeySequenceEdit(hotkeyAt(index), dialog);
    edit->setObjectName(u"hotkeyEdit"_s);
    layout->addWidget(edit);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, dialog);
    QPushButton *automatic = buttons->addButton(tr("&Default"), QDialogButtonBox::ResetRole);
    automatic->setToolTip(tr("Alt+1 … Alt+9 by the button's place"));
    QPushButton *none = buttons->addButton(tr("&None"), QDialogButtonBox::ResetRole);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::reject);
    connect(automatic, &QPushButton::clicked, dialog, [this, dialog, index] {
        if (setHotkey(index, {}))
            dialog->accept();
    });
    connect(none, &QPushButton::clicked, dialog, [this, dialog, index] {
        if (setHotkey(index, QuickSendButton::noHotkey()))
            dialog->accept();
    });
    connect(buttons, &QDialogButtonBox::accepted, dialog, [this, dialog, edit, index] {
        const QKeySequence key = edit->keySequence();
        if (setHotkey(index, key.isEmpty() ? QuickSendButton::noHotkey() : key.toString(QKeySequence::PortableText)))
            dialog->accept();
    });
    dialog->open();
}

void QuickSendBar::fillAddMenu()
{
    QMenu *menu = m_addButton->menu();
    menu->clear();
    if (!m_edits || m_edits->library().payloads().isEmpty()) {
        menu->addAction(tr("The library has no payloads yet"))->setEnabled(false);
        return;
    }
    const PayloadLibrary &library = m_edits->library();
    QStringList groups {QString()};
    for (const PayloadLibrary::Group &group : library.groups())
        groups.append(group.name);
    for (const QString &group : std::as_const(groups)) {
        QMenu *into = menu;
        for (const PayloadEntry &entry : library.payloads()) {
            if (entry.group != group)
                continue;
            if (into == menu && !group.isEmpty())
                into = menu->addMenu(group);
            QAction *action = into->addAction(entry.name, this, [this, name = entry.name] { addEntry(name); });
            action->setObjectName(u"addQuickSend:"_s + entry.name);
        }
    }
}

void QuickSendBar::showMessage(const QString &text, bool error)
{
    m_error = error && !text.isEmpty();
    m_message->setText(m_error ? u"\u26A0 "_s + text : text);
    m_message->setVisible(!text.isEmpty());
}

QString QuickSendBar::message() const
{
    return m_message->isVisible() ? m_message->text() : QString();
}

void QuickSendBar::setButtonsShown(bool shown)
{
    m_toggle->setChecked(shown);
    m_toggle->setArrowType(shown ? Qt::DownArrow : Qt::RightArrow);
    m_strip->setVisible(shown);
    m_addButton->setVisible(shown);
}

bool QuickSendBar::buttonsShown() const
{
    return m_toggle->isChecked();
}

void QuickSendBar::dragEnterEvent(QDragEnterEvent *event)
{
    if (event->mimeData()->hasFormat(mimeType()))
        event->acceptProposedAction();
}

void QuickSendBar::dropEvent(QDropEvent *event)
{
    const QString name = QString::fromUtf8(event->mimeData()->data(mimeType()));
    if (!name.isEmpty() && addEntry(name))
        event->acceptProposedAction();
}

void QuickSendBar::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::LanguageChange)
        retranslate();
}
