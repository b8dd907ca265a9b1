#pragma once

#include "core/commands/CommandSequence.h"
#include "core/commands/SequenceRunner.h"

#include <QTimer>
#include <QWidget>

#include <memory>

class LibraryEdits;

namespace Ui {
class SequencePanel;
}

class PayloadLibrary;
class Session;

// A tab's sequences: choose one of the library, edit its steps as text
// lines (SequenceStep's text form, each bad line shown with its reason),
// run it once, N times or until stopped on the tab's session (a server's
// sequence goes to every client or the one chosen), see the current run and
// step and what each step did, and save the edited steps into the library.
class SequencePanel : public QWidget
{
    Q_OBJECT
public:
    explicit SequencePanel(Session *session, QWidget *parent = nullptr);
    ~SequencePanel() override;

    // The app's one library (not owned); null: only inline steps can run
    // and nothing can be saved. Read again by reloadLibrary().
    // A library of its own (tests), or the app's, read and changed through
    // its LibraryEdits (undoable, saved at once).
    void setLibrary(PayloadLibrary *library);
    void setLibrary(LibraryEdits *edits);
    const PayloadLibrary *library() const;
    // Lists the library's sequences again (after someone else changed it).
    void reloadLibrary();

    // Shows a sequence in the editor (as choosing it from the list does).
    void showSequence(const CommandSequence &sequence);
    // The sequence the editor describes, and why it cannot run ("Line 3: …"),
    // empty when it can.
    CommandSequence editedSequence(QString *problems = nullptr) const;

    SequenceRunner *runner() const { return m_runner; }

public slots:
    void run();
    void stop();
    void saveToLibrary();

signals:
    // The library was changed here (a sequence saved): whoever keeps its
    // file saves it.
    void libraryChanged();

protected:
    void showEvent(QShowEvent *event) override;

private:
    void onSequenceChosen(int index);
    void onStepsEdited();
    void onRunModeChanged();
    void updateClients();
    void updateButtons();
    void appendResult(const QString &line);

    std::unique_ptr<Ui::SequencePanel> m_ui;
    Session *m_session;
    PayloadLibrary *m_library = nullptr;
    LibraryEdits *m_edits = nullptr;
    SequenceRunner *m_runner;
    CommandSequence m_base;   // what was chosen: group and notes kept on save
    // A server's clients come and go by thousands: the chooser is refilled
    // at most a few times a second, and only while it is shown.
    QTimer m_clientsTimer;
    static constexpr int kMaxListedClients = 500;
    QString m_problems;
};
