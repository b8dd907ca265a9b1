#include "ui/commands/SequencePanel.h"

#include "ui_SequencePanel.h"

#include "core/commands/LibraryStore.h"
#include "core/commands/PayloadLibrary.h"
#include "core/net/Session.h"
#include "core/text/TextCodec.h"
#include "ui/commands/LibraryEdits.h"

#include <QPlainTextEdit>
#include <QScrollBar>

SequencePanel::SequencePanel(Session *session, QWidget *parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::SequencePanel>())
    , m_session(session)
    , m_runner(new SequenceRunner(session, this))
{
    m_ui->setupUi(this);
    // What a peer sent and what the user typed are shown, never interpreted.
    m_ui->problemsLabel->setTextFormat(Qt::PlainText);
    m_ui->progressLabel->setTextFormat(Qt::PlainText);
    m_ui->encodingCombo->addItems(TextCodec::encodings());
    m_ui->encodingCombo->setCurrentText(QStringLiteral("UTF-8"));
    m_ui->runModeCombo->addItem(tr("Once"), int(CommandSequence::Run::Once));
    m_ui->runModeCombo->addItem(tr("Times:"), int(CommandSequence::Run::Times));
    m_ui->runModeCombo->addItem(tr("Until stopped"), int(CommandSequence::Run::UntilStopped));
    m_ui->stepsEdit->setPlaceholderText(tr("One step a line, for example:\n"
                                           "send-text PING\\r\\n\n"
                                           "reply within 500 ms contains PONG\n"
                                           "wait 100 ms\n"
                                           "loop to 1, 3 times"));
    m_ui->stepsEdit->setToolTip(tr("Steps: send NAME (a library payload), send-text TEXT, send-hex HEX, "
                                   "wait MS ms, reply within MS ms contains TEXT (or hex HEX, or regex RE), "
                                   "loop to STEP, loop to STEP, N times"));
    m_ui->nameEdit->setText(tr("New sequence"));
    m_ui->clientCombo->setVisible(session && session->kind() == SessionKind::TcpServer);

    connect(m_ui->sequenceCombo, &QComboBox::activated, this, &SequencePanel::onSequenceChosen);
    connect(m_ui->stepsEdit, &QPlainTextEdit::textChanged, this, &SequencePanel::onStepsEdited);
    connect(m_ui->nameEdit, &QLineEdit::textChanged, this, &SequencePanel::onStepsEdited);
    connect(m_ui->encodingCombo, &QComboBox::currentTextChanged, this, &SequencePanel::onStepsEdited);
    connect(m_ui->runModeCombo, &QComboBox::currentIndexChanged, this, &SequencePanel::onRunModeChanged);
    connect(m_ui->runsSpin, &QSpinBox::valueChanged, this, &SequencePanel::onStepsEdited);
    connect(m_ui->runButton, &QPushButton::clicked, this, &SequencePanel::run);
    connect(m_ui->stopButton, &QPushButton::clicked, this, &SequencePanel::stop);
    connect(m_ui->saveButton, &QPushButton::clicked, this, &SequencePanel::saveToLibrary);
    m_clientsTimer.setSingleShot(true);
    m_clientsTimer.setInterval(250);
    connect(&m_clientsTimer, &QTimer::timeout, this, [this] {
        if (isVisible())
            updateClients();
    });
    if (session && session->kind() == SessionKind::TcpServer) {
        connect(session, &Session::connectionsChanged, this, [this] {
            if (!m_clientsTimer.isActive())
                m_clientsTimer.start();
        });
    }

    connect(m_runner, &SequenceRunner::stepStarted, this, [this](int run, int step) {
        m_ui->progressLabel->setText(tr("Run %1, step %2 of %3")
                                             .arg(run)
                                             .arg(step)
                                             .arg(m_runner->sequence().steps.size()));
    });
    connect(m_runner, &SequenceRunner::stepFinished, this,
            [this](const SequenceRunner::StepReport &report) { appendResult(report.line()); });
    connect(m_runner, &SequenceRunner::runFinished, this,
            [this](int, const SequenceRunner::Tally &, const QString &line) { appendResult(line); });
    connect(m_runner, &SequenceRunner::finished, this, [this](const SequenceRunner::Summary &summary) {
        appendResult(summary.line);
        m_ui->progressLabel->setText(summary.reason.isEmpty() ? summary.line : summary.reason);
        updateButtons();
    });

    updateClients();
    onRunModeChanged();
}

SequencePanel::~SequencePanel() = default;

void SequencePanel::setLibrary(PayloadLibrary *library)
{
    if (m_edits)
        m_edits->store()->disconnect(this);
    m_edits = nullptr;
    m_library = library;
    reloadLibrary();
    onStepsEdited();
}

void SequencePanel::setLibrary(LibraryEdits *edits)
{
    if (m_edits)
        m_edits->store()->disconnect(this);
    m_edits = edits;
    m_library = nullptr;
    if (edits)
        connect(edits->store(), &LibraryStore::changed, this, &SequencePanel::reloadLibrary);
    reloadLibrary();
    onStepsEdited();
}

const PayloadLibrary *SequencePanel::library() const
{
    return m_edits ? &m_edits->library() : m_library;
}

void SequencePanel::reloadLibrary()
{
    const QString current = m_ui->sequenceCombo->currentText();
    m_ui->sequenceCombo->clear();
    if (const PayloadLibrary *lib = library()) {
        for (const CommandSequence &sequence : lib->sequences())
            m_ui->sequenceCombo->addItem(sequence.name);
    }
    const int again = m_ui->sequenceCombo->findText(current);
    m_ui->sequenceCombo->setCurrentIndex(again >= 0 ? again : -1);
    m_ui->sequenceCombo->setEnabled(m_ui->sequenceCombo->count() > 0);
    // The steps may send payloads that came or went.
    onStepsEdited();
}

void SequencePanel::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    reloadLibrary();
    updateClients();
}

void SequencePanel::onSequenceChosen(int index)
{
    if (!library() || index < 0)
        return;
    if (const CommandSequence *sequence = library()->sequence(m_ui->sequenceCombo->itemText(index)))
        showSequence(*sequence);
}

void SequencePanel::showSequence(const CommandSequence &sequence)
{
    m_base = sequence;
    QStringList lines;
    for (const SequenceStep &step : sequence.steps)
        lines.append(step.toString());
    m_ui->nameEdit->setText(sequence.name);
    m_ui->encodingCombo->setCurrentText(sequence.encoding);
    m_ui->runModeCombo->setCurrentIndex(m_ui->runModeCombo->findData(int(sequence.run)));
    m_ui->runsSpin->setValue(sequence.runs);
    m_ui->stepsEdit->setPlainText(lines.join(u'\n'));
    const int index = m_ui->sequenceCombo->findText(sequence.name);
    if (index >= 0)
        m_ui->sequenceCombo->setCurrentIndex(index);
    onStepsEdited();
}

CommandSequence SequencePanel::editedSequence(QString *problems) const
{
    CommandSequence sequence;
    sequence.group = m_base.group;
    sequence.notes = m_base.notes;
    sequence.name = m_ui->nameEdit->text().trimmed();
    sequence.encoding = m_ui->encodingCombo->currentText();
    sequence.run = CommandSequence::Run(m_ui->runModeCombo->currentData().toInt());
    sequence.runs = sequence.run == CommandSequence::Run::Times ? m_ui->runsSpin->value() : 1;
    QStringList faults;
    const QStringList lines = m_ui->stepsEdit->toPlainText().split(u'\n');
    for (qsizetype i = 0; i < lines.size(); ++i) {
        if (lines.at(i).trimmed().isEmpty())
            continue;   // blank lines only space the steps out
        QString error;
        const SequenceStep step = SequenceStep::parse(lines.at(i), sequence.encoding, &error);
        if (!error.isEmpty())
            faults.append(tr("Line %1: %2").arg(i + 1).arg(error));
        else
            sequence.steps.append(step);
    }
    if (faults.isEmpty()) {
        const QString bad = SequenceRunner::check(sequence, library() ? *library() : PayloadLibrary());
        if (!bad.isEmpty())
            faults.append(bad);
    }
    if (problems)
        *problems = faults.join(u'\n');
    return sequence;
}

void SequencePanel::onStepsEdited()
{
    editedSequence(&m_problems);
    m_ui->problemsLabel->setText(m_problems);
    m_ui->problemsLabel->setVisible(!m_problems.isEmpty());
    updateButtons();
}

void SequencePanel::onRunModeChanged()
{
    const auto run = CommandSequence::Run(m_ui->runModeCombo->currentData().toInt());
    m_ui->runsSpin->setVisible(run == CommandSequence::Run::Times);
    onStepsEdited();
}

void SequencePanel::updateClients()
{
    if (!m_session || m_session->kind() != SessionKind::TcpServer)
        return;
    const quint32 chosen = m_ui->clientCombo->currentData().toUInt();
    m_ui->clientCombo->clear();
    m_ui->clientCombo->addItem(tr("All clients"), 0u);
    const QList<ConnectionInfo> connections = m_session->connections();
    for (qsizetype i = 0; i < connections.size() && i < kMaxListedClients; ++i) {
        const ConnectionInfo &c = connections.at(i);
        m_ui->clientCombo->addItem(tr("#%1 %2").arg(c.id).arg(c.peer.toString()), c.id);
    }
    const int index = m_ui->clientCombo->findData(chosen);
    m_ui->clientCombo->setCurrentIndex(index >= 0 ? index : 0);
}

void SequencePanel::updateButtons()
{
    const bool running = m_runner->isRunning();
    m_ui->runButton->setEnabled(!running && m_problems.isEmpty());
    m_ui->stopButton->setEnabled(running);
    m_ui->saveButton->setEnabled(library() && m_problems.isEmpty());
    m_ui->saveButton->setToolTip(library() ? tr("Store these steps in the library under this name "
                                                 "(replacing a sequence of that name)")
                                           : tr("No payload library is open"));
}

void SequencePanel::appendResult(const QString &line)
{
    m_ui->resultsView->appendPlainText(line);
    QScrollBar *bar = m_ui->resultsView->verticalScrollBar();
    bar->setValue(bar->maximum());
}

void SequencePanel::run()
{
    QString problems;
    const CommandSequence sequence = editedSequence(&problems);
    if (!problems.isEmpty() || m_runner->isRunning())
        return;
    const bool server = m_session && m_session->kind() == SessionKind::TcpServer;
    m_runner->setClientId(server ? m_ui->clientCombo->currentData().toUInt() : 0);
    m_ui->resultsView->clear();
    QString error;
    if (!m_runner->start(sequence, library() ? *library() : PayloadLibrary(), &error))
        m_ui->progressLabel->setText(error);
    else
        m_ui->progressLabel->setText(tr("Starting \u201c%1\u201d").arg(sequence.name));
    updateButtons();
}

void SequencePanel::stop()
{
    m_runner->stop();
    updateButtons();
}

void SequencePanel::saveToLibrary()
{
    if (!library())
        return;
    QString problems;
    const CommandSequence sequence = editedSequence(&problems);
    if (!problems.isEmpty())
        return;
    const auto store = [sequence](PayloadLibrary &lib) {
        return lib.sequence(sequence.name) ? lib.replaceSequence(sequence.name, sequence) : lib.addSequence(sequence);
    };
    const QString refused = m_edits ? m_edits->change(tr("Save sequence \u201c%1\u201d").arg(sequence.name), store)
                                    : store(*m_library);
    if (!refused.isEmpty()) {
        m_ui->problemsLabel->setText(refused);
        m_ui->problemsLabel->setVisible(true);
        return;
    }
    m_base = sequence;
    reloadLibrary();
    m_ui->sequenceCombo->setCurrentIndex(m_ui->sequenceCombo->findText(sequence.name));
    m_ui->progressLabel->setText(tr("Saved \u201c%1\u201d in the library").arg(sequence.name));
    emit libraryChanged();
}
