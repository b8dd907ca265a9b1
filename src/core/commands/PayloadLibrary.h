#pragma once

#include "core/commands/CommandSequence.h"
#include "core/commands/PayloadEntry.h"
#include "core/commands/RuleSet.h"

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>

// The payload library: named payloads and sequences in groups, shared by
// every tab and kept in one human-readable file (LibraryFile; README.md,
// "The payload library file").
//
// A value: copies are cheap (implicitly shared lists), so an editor can keep
// the previous library for undo and a failed load or import leaves the one in
// use as it was. Payloads and sequences share one namespace of names, so a
// step's "send NAME" and a quick-send button can never mean two things.
// Every change is checked; a refused change says why and changes nothing.
class PayloadLibrary
{
    Q_DECLARE_TR_FUNCTIONS(PayloadLibrary)

public:
    struct Group
    {
        QString name;
        QString notes;
        friend bool operator==(const Group &, const Group &) = default;
    };

    // What an import changed, for the message that follows it.
    struct MergeReport
    {
        QStringList added;      // names new to the library
        QStringList replaced;   // names whose entry the file replaced
        QStringList groupsAdded;
    };

    const QList<Group> &groups() const { return m_groups; }
    const QList<PayloadEntry> &payloads() const { return m_payloads; }
    const QList<CommandSequence> &sequences() const { return m_sequences; }
    bool isEmpty() const
    {
        return m_groups.isEmpty() && m_payloads.isEmpty() && m_sequences.isEmpty() && m_ruleSets.isEmpty();
    }

    const PayloadEntry *payload(const QString &name) const;
    const CommandSequence *sequence(const QString &name) const;
    bool containsName(const QString &name) const;

    // Each returns an empty string when done, else why not (nothing changed).
    // A new entry's group is added to the groups when it is new.
    QString addGroup(const Group &group);
    QString removeGroup(const QString &name);   // refused while an entry is in it
    QString addPayload(const PayloadEntry &entry);
    // Replaces the payload called name (the entry may carry a new name: the
    // sequences that send it follow the rename).
    QString replacePayload(const QString &name, const PayloadEntry &entry);
    QString removePayload(const QString &name); // refused while a sequence sends it
    QString addSequence(const CommandSequence &sequence);
    QString replaceSequence(const QString &name, const CommandSequence &sequence);
    QString removeSequence(const QString &name);
    // --- Reply rule sets (issue 20): [rules NAME] in the file -------------
    const QList<RuleSet> &ruleSets() const { return m_ruleSets; }
    const RuleSet *ruleSet(const QString &name) const;
    QString addRuleSet(const RuleSet &set);
    QString replaceRuleSet(const QString &name, const RuleSet &set);
    QString removeRuleSet(const QString &name);
    // Moves an entry (payload or sequence) to index among its own kind.
    QString move(const QString &name, qsizetype index);

    // Empty when the library holds together: valid entries, unique names,
    // every sent payload present, every group declared.
    QString validate() const;

    // Names of payloads and sequences whose name, group, notes or text
    // contain the words (case-insensitive), in library order.
    QStringList search(const QString &words) const;

    // Entries of other replace those of the same name (in place) or are
    // added at the end; its groups are added. Refused, with nothing changed,
    // when a name is a payload on one side and a sequence on the other.
    bool merge(const PayloadLibrary &other, MergeReport *report, QString *error);

    // The named entries, the payloads their sequences send, and their groups.
    PayloadLibrary subset(const QStringList &names) const;

    // <AppDataLocation>/library.swlib: where the app keeps the library.
    static QString defaultPath();
    // The library of a file; false (and *error, "Line N: reason") when the
    // file cannot be read or is refused, and *this is left as it was.
    bool load(const QString &path, QString *error);
    // Written atomically (QSaveFile): a crash leaves the old file whole.
    bool save(const QString &path, QString *error) const;
    // load() into a copy, then merge() it.
    bool importFile(const QString &path, MergeReport *report, QString *error);
    // The named entries (all when names is empty) written as a library file.
    bool exportFile(const QString &path, const QStringList &names, QString *error) const;

    friend bool operator==(const PayloadLibrary &, const PayloadLibrary &) = default;

private:
    qsizetype payloadIndex(const QString &name) const;
    qsizetype sequenceIndex(const QString &name) const;
    qsizetype groupIndex(const QString &name) const;
    void ensureGroup(const QString &name);

    QList<Group> m_groups;
    QList<PayloadEntry> m_payloads;
    QList<CommandSequence> m_sequences;
    QList<RuleSet> m_ruleSets;   // issue 20
};
