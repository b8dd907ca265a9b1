#pragma once

#include "core/reply/ReplyRule.h"

#include <QList>
#include <QWidget>

#include <memory>

namespace Ui {
class RulesEditor;
}
class FieldValidation;
class LibraryEdits;
class QMenu;
class QTableView;
class RulesModel;
class Session;

// A tab's reply rules, edited: the ordered table (match, pattern, reply,
// delay, go on, close, on, and how many times each fired, live), add,
// duplicate, delete, move; the ready-made rules in a menu; the selected rule
// as one line (the --rule grammar, for the options the table has no column
// for); rule sets saved in and loaded from the payload library; rules files
// exported and imported. Every change is a new rule list for the session
// (Session::setRules, the one path); a rule with a problem is marked at its
// cell, listed below the table, and not armed.
class RulesEditor : public QWidget
{
    Q_OBJECT
public:
    explicit RulesEditor(Session *session, QWidget *parent = nullptr);
    ~RulesEditor() override;

    RulesModel *model() const { return m_model; }
    QTableView *table() const;
    // The app's payload library (rule sets are saved in it); null: none.
    void setLibrary(LibraryEdits *edits);

    // The rules of a rules file (--rules, one a line), or why not
    // ("line 3, column 9: …") in *error.
    bool importFile(const QString &path, QString *error);
    bool exportFile(const QString &path, QString *error) const;
    // Puts the rules into the library as the rule set `name` (replacing one
    // of that name); empty when done, else why not.
    QString saveToLibrary(const QString &name);
    QString loadFromLibrary(const QString &name);

private:
    void setRules(const QList<ReplyRule> &rules, int select = -1);
    int selectedRow() const;
    void addRule();
    void duplicateRule();
    void deleteRule();
    void moveRule(int by);
    void applyPreset(const QString &id, bool append);
    void applyLine();
    void onSelectionChanged();
    void updateStatus();
    void fillPresetMenu();
    void fillLibraryMenu();
    void fillFileMenu();
    void askSaveToLibrary();
    void askImport();
    void askExport();

    std::unique_ptr<Ui::RulesEditor> m_ui;
    Session *m_session;
    RulesModel *m_model;
    FieldValidation *m_lineCheck = nullptr;
    LibraryEdits *m_library = nullptr;
    QMenu *m_libraryMenu = nullptr;
};
