#include "ui/commands/PayloadEditor.h"

#include "ui_PayloadEditor.h"

#include "core/commands/Template.h"
#include "core/text/TextCodec.h"

#include <QLabel>
#include <QPushButton>

using namespace Qt::StringLiterals;

PayloadEditor::PayloadEditor(const PayloadEntry &entry, const QStringList &groups, const QStringList &takenNames,
                             Commit commit, QWidget *parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::PayloadEditor>())
    , m_taken(takenNames)
    , m_commit(std::move(commit))
{
    m_ui->setupUi(this);
    m_ui->modeCombo->addItem(tr("Text (escapes \\r \\n \\t \\0 \\\\ \\xHH)"), int(PayloadParser::Mode::Text));
    m_ui->modeCombo->addItem(tr("Hex (01 03 0A)"), int(PayloadParser::Mode::Hex));
    m_ui->encodingCombo->addItems(TextCodec::encodings());
    m_ui->lineEndingCombo->addItem(tr("None"), PayloadEntry::lineEndingName(PayloadEntry::LineEnding::None));
    m_ui->lineEndingCombo->addItem(u"CR (\\r)"_s, PayloadEntry::lineEndingName(PayloadEntry::LineEnding::Cr));
    m_ui->lineEndingCombo->addItem(u"LF (\\n)"_s, PayloadEntry::lineEndingName(PayloadEntry::LineEnding::Lf));
    m_ui->lineEndingCombo->addItem(u"CRLF (\\r\\n)"_s, PayloadEntry::lineEndingName(PayloadEntry::LineEnding::CrLf));
    m_ui->checksumCombo->addItem(QString());
    for (const Checksum::Info &info : Checksum::catalogue())
        m_ui->checksumCombo->addItem(info.name);
    m_ui->groupCombo->addItem(QString());
    m_ui->groupCombo->addItems(groups);
    m_ui->hintLabel->setText(Template::fieldHint());

    m_ui->nameEdit->setText(entry.name);
    m_ui->groupCombo->setCurrentText(entry.group);
    m_ui->modeCombo->setCurrentIndex(m_ui->modeCombo->findData(int(entry.mode)));
    m_ui->textEdit->setPlainText(entry.text);
    const int encoding = m_ui->encodingCombo->findText(TextCodec::canonicalName(entry.encoding));
    m_ui->encodingCombo->setCurrentIndex(qMax(encoding, 0));
    m_ui->lineEndingCombo->setCurrentIndex(
        m_ui->lineEndingCombo->findData(PayloadEntry::lineEndingName(entry.lineEnding)));
    m_ui->checksumCombo->setCurrentText(entry.checksum ? entry.checksum->toString() : QString());
    m_ui->framingEdit->setText(entry.framing ? entry.framing->toString() : QString());
    m_ui->notesEdit->setPlainText(entry.notes);

    // The dialog keeps itself open on a refusal: Save is not the box's accept.
    QPushButton *saveButton = m_ui->buttonBox->button(QDialogButtonBox::Save);
    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, [this] {
        if (save())
            accept();
    });
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &QDialog::reject);
    saveButton->setObjectName(u"saveButton"_s);

    connect(m_ui->nameEdit, &QLineEdit::textChanged, this, &PayloadEditor::check);
    connect(m_ui->groupCombo, &QComboBox::currentTextChanged, this, &PayloadEditor::check);
    connect(m_ui->modeCombo, &QComboBox::currentIndexChanged, this, &PayloadEditor::check);
    connect(m_ui->textEdit, &QPlainTextEdit::textChanged, this, &PayloadEditor::check);
    connect(m_ui->encodingCombo, &QComboBox::currentIndexChanged, this, &PayloadEditor::check);
    connect(m_ui->lineEndingCombo, &QComboBox::currentIndexChanged, this, &PayloadEditor::check);
    connect(m_ui->checksumCombo, &QComboBox::currentTextChanged, this, &PayloadEditor::check);
    connect(m_ui->framingEdit, &QLineEdit::textChanged, this, &PayloadEditor::check);
    connect(m_ui->notesEdit, &QPlainTextEdit::textChanged, this, &PayloadEditor::check);
    check();
}

PayloadEditor::~PayloadEditor() = default;

PayloadEntry PayloadEditor::entry() const
{
    PayloadEntry entry;
    entry.name = m_ui->nameEdit->text();
    entry.group = m_ui->groupCombo->currentText();
    entry.mode = PayloadParser::Mode(m_ui->modeCombo->currentData().toInt());
    entry.text = m_ui->textEdit->toPlainText();
    entry.encoding = m_ui->encodingCombo->currentText();
    PayloadEntry::lineEndingFromName(m_ui->lineEndingCombo->currentData().toString(), &entry.lineEnding);
    const QString checksum = m_ui->checksumCombo->currentText().trimmed();
    if (!checksum.isEmpty()) {
        QString error;
        entry.checksum = Checksum::parse(checksum, &error);
    }
    const QString framing = m_ui->framingEdit->text().trimmed();
    if (!framing.isEmpty() && framing.compare(u"none"_s, Qt::CaseInsensitive) != 0) {
        QString error;
        entry.framing = FramingSpec::parse(framing, &error);
    }
    entry.notes = m_ui->notesEdit->toPlainText();
    return entry;
}

void PayloadEditor::showError(const QString &field, const QString &error)
{
    auto *label = findChild<QLabel *>(field + u"Error"_s);
    label->setText(error.isEmpty() ? QString() : u"\u26A0 "_s + error);
    label->setVisible(!error.isEmpty());
}

QString PayloadEditor::fieldError(const QString &field) const
{
    const auto *label = findChild<QLabel *>(field + u"Error"_s);
    return label && label->isVisibleTo(this) ? label->text().mid(2) : QString();
}

QString PayloadEditor::previewText() const
{
    return m_ui->previewText->text();
}

void PayloadEditor::check()
{
    const PayloadEntry e = entry();
    QString nameError = PayloadEntry::checkName(e.name);
    if (nameError.isEmpty() && m_taken.contains(e.name))
        nameError = tr("There is already an entry named \u201c%1\u201d").arg(e.name);
    showError(u"name"_s, nameError);
    showError(u"group"_s, e.group.isEmpty() ? QString() : PayloadEntry::checkName(e.group));
    const Template::Parsed parsed = e.compile();
    showError(u"text"_s, e.text.isEmpty() ? tr("The payload is empty") : parsed.error);
    QString checksumError;
    const QString checksum = m_ui->checksumCombo->currentText().trimmed();
    if (!checksum.isEmpty())
        Checksum::parse(checksum, &checksumError);
    QString framingError;
    const QString framing = m_ui->framingEdit->text().trimmed();
    if (!framing.isEmpty() && framing.compare(u"none"_s, Qt::CaseInsensitive) != 0) {
        FramingSpec::parse(framing, &framingError);
        if (framingError.isEmpty() && e.framing)
            framingError = e.framing->validate();
    }
    bool fieldsFine = nameError.isEmpty() && fieldError(u"group"_s).isEmpty() && fieldError(u"text"_s).isEmpty()
        && checksumError.isEmpty() && framingError.isEmpty();
    // What only the whole entry can say (a checksum range past the end of a
    // payload that never changes) belongs to the checksum.
    if (fieldsFine) {
        const QString whole = e.validate();
        if (!whole.isEmpty()) {
            checksumError = whole;
            fieldsFine = false;
        }
    }
    showError(u"checksum"_s, checksumError);
    showError(u"framing"_s, framingError);
    m_valid = fieldsFine;
    m_ui->buttonBox->button(QDialogButtonBox::Save)->setEnabled(m_valid);
    if (!m_valid) {
        m_ui->previewText->setText(tr("— (fix the fields marked ⚠)"));
        return;
    }
    const PayloadEntry::Built built = e.build({});
    QString preview = built.ok() ? TextCodec::toHex(built.bytes) : built.error;
    if (built.ok() && !parsed.value.isFixed())
        preview += u"\n"_s + tr("(one example: the fields change with every message)");
    m_ui->previewText->setText(preview);
}

bool PayloadEditor::save()
{
    check();
    if (!m_valid)
        return false;
    const QString refused = m_commit ? m_commit(entry()) : QString();
    if (!refused.isEmpty()) {
        showError(u"name"_s, refused);
        return false;
    }
    return true;
}
