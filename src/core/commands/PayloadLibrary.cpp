#include "core/commands/PayloadLibrary.h"

#include "core/commands/LibraryFile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QStandardPaths>

using namespace Qt::StringLiterals;

qsizetype PayloadLibrary::payloadIndex(const QString &name) const
{
    for (qsizetype i = 0; i < m_payloads.size(); ++i) {
        if (m_payloads.at(i).name == name)
            return i;
    }
    return -1;
}

qsizetype PayloadLibrary::sequenceIndex(const QString &name) const
{
    for (qsizetype i = 0; i < m_sequences.size(); ++i) {
        if (m_sequences.at(i).name == name)
            return i;
    }
    return -1;
}

qsizetype PayloadLibrary::groupIndex(const QString &name) const
{
    for (qsizetype i = 0; i < m_groups.size(); ++i) {
        if (m_groups.at(i).name == name)
            return i;
    }
    return -1;
}

void PayloadLibrary::ensureGroup(const QString &name)
{
    if (!name.isEmpty() && groupIndex(name) < 0)
        m_groups.append(Group {name, {}});
}

const PayloadEntry *PayloadLibrary::payload(const QString &name) const
{
    const qsizetype i = payloadIndex(name);
    return i < 0 ? nullptr : &m_payloads.at(i);
}

const CommandSequence *PayloadLibrary::sequence(const QString &name) const
{
    const qsizetype i = sequenceIndex(name);
    return i < 0 ? nullptr : &m_sequences.at(i);
}

bool PayloadLibrary::containsName(const QString &name) const
{
    return payloadIndex(name) >= 0 || sequenceIndex(name) >= 0 || ruleSet(name);
}

// --- Reply rule sets (issue 20) ---------------------------------------------

const RuleSet *PayloadLibrary::ruleSet(const QString &name) const
{
    for (const RuleSet &set : m_ruleSets) {
        if (set.name == name)
            return &set;
    }
    return nullptr;
}

QString PayloadLibrary::addRuleSet(const RuleSet &set)
{
    const QString badName = PayloadEntry::checkName(set.name);
    if (!badName.isEmpty())
        return badName;
    if (containsName(set.name))
        return tr("There is already an entry named \u201c%1\u201d").arg(set.name);
    ensureGroup(set.group);
    m_ruleSets.append(set);
    return {};
}

QString PayloadLibrary::replaceRuleSet(const QString &name, const RuleSet &set)
{
    const RuleSet *old = ruleSet(name);
    if (!old)
        return tr("There are no rules named \u201c%1\u201d").arg(name);
    if (set.name != name && containsName(set.name))
        return tr("There is already an entry named \u201c%1\u201d").arg(set.name);
    const QString badName = PayloadEntry::checkName(set.name);
    if (!badName.isEmpty())
        return badName;
    ensureGroup(set.group);
    m_ruleSets[old - m_ruleSets.constData()] = set;
    return {};
}

QString PayloadLibrary::removeRuleSet(const QString &name)
{
    const RuleSet *set = ruleSet(name);
    if (!set)
        return tr("There are no rules named \u201c%1\u201d").arg(name);
    m_ruleSets.removeAt(set - m_ruleSets.constData());
    return {};
}

QString PayloadLibrary::addGroup(const Group &group)
{
    const QString bad = PayloadEntry::checkName(group.name);
    if (!bad.isEmpty())
        return bad;
    if (groupIndex(group.name) >= 0)
        return tr("There is already a group named \u201c%1\u201d").arg(group.name);
    m_groups.append(group);
    return {};
}

QString PayloadLibrary::removeGroup(const QString &name)
{
    const qsizetype i = groupIndex(name);
    if (i < 0)
        return tr("There is no group named \u201c%1\u201d").arg(name);
    for (const PayloadEntry &entry : std::as_const(m_payloads)) {
        if (entry.group == name)
            return tr("The group \u201c%1\u201d still holds \u201c%2\u201d").arg(name, entry.name);
    }
    for (const CommandSequence &sequence : std::as_const(m_sequences)) {
        if (sequence.group == name)
            return tr("The group \u201c%1\u201d still holds \u201c%2\u201d").arg(name, sequence.name);
    }
    for (const RuleSet &set : std::as_const(m_ruleSets)) {
        if (set.group == name)
            return tr("The group \u201c%1\u201d still holds \u201c%2\u201d").arg(name, set.name);
    }
    m_groups.removeAt(i);
    return {};
}

QString PayloadLibrary::addPayload(const PayloadEntry &entry)
{
    const QString bad = entry.validate();
    if (!bad.isEmpty())
        return bad;
    if (containsName(entry.name))
        return tr("There is already an entry named \u201c%1\u201d").arg(entry.name);
    ensureGroup(entry.group);
    m_payloads.append(entry);
    return {};
}

QString PayloadLibrary::replacePayload(const QString &name, const PayloadEntry &entry)
{
    const qsizetype i = payloadIndex(name);
    if (i < 0)
        return tr("There is no payload named \u201c%1\u201d").arg(name);
    const QString bad = entry.validate();
    if (!bad.isEmpty())
        return bad;
    if (entry.name != name && containsName(entry.name))
        return tr("There is already an entry named \u201c%1\u201d").arg(entry.name);
    ensureGroup(entry.group);
    m_payloads[i] = entry;
    if (entry.name != name) {
        for (CommandSequence &sequence : m_sequences) {
            for (SequenceStep &step : sequence.steps) {
                if (step.kind == SequenceStep::Kind::SendEntry && step.text == name)
                    step.text = entry.name;
            }
        }
    }
    return {};
}

QString PayloadLibrary::removePayload(const QString &name)
{
    const qsizetype i = payloadIndex(name);
    if (i < 0)
        return tr("There is no payload named \u201c%1\u201d").arg(name);
    for (const CommandSequence &sequence : std::as_const(m_sequences)) {
        if (sequence.payloadsUsed().contains(name))
            return tr("The sequence \u201c%1\u201d sends \u201c%2\u201d").arg(sequence.name, name);
    }
    m_payloads.removeAt(i);
    return {};
}

QString PayloadLibrary::addSequence(const CommandSequence &sequence)
{
    if (containsName(sequence.name))
        return tr("There is already an entry named \u201c%1\u201d").arg(sequence.name);
    PayloadLibrary changed = *this;
    changed.ensureGroup(sequence.group);
    changed.m_sequences.append(sequence);
    const QString bad = changed.validate();
    if (!bad.isEmpty())
        return bad;
    *this = changed;
    return {};
}

QString PayloadLibrary::replaceSequence(const QString &name, const CommandSequence &sequence)
{
    const qsizetype i = sequenceIndex(name);
    if (i < 0)
        return tr("There is no sequence named \u201c%1\u201d").arg(name);
    if (sequence.name != name && containsName(sequence.name))
        return tr("There is already an entry named \u201c%1\u201d").arg(sequence.name);
    PayloadLibrary changed = *this;
    changed.ensureGroup(sequence.group);
    changed.m_sequences[i] = sequence;
    const QString bad = changed.validate();
    if (!bad.isEmpty())
        return bad;
    *this = changed;
    return {};
}

QString PayloadLibrary::removeSequence(const QString &name)
{
    const qsizetype i = sequenceIndex(name);
    if (i < 0)
        return tr("There is no sequence named \u201c%1\u201d").arg(name);
    m_sequences.removeAt(i);
    return {};
}

QString PayloadLibrary::move(const QString &name, qsizetype index)
{
    const qsizetype p = payloadIndex(name);
    const qsizetype s = sequenceIndex(name);
    const qsizetype count = p >= 0 ? m_payloads.size() : m_sequences.size();
    if (p < 0 && s < 0)
        return tr("There is no entry named \u201c%1\u201d").arg(name);
    if (index < 0 || index >= count)
        return tr("Position %1 is outside the list (1 to %2)").arg(index + 1).arg(count);
    if (p >= 0)
        m_payloads.move(p, index);
    else
        m_sequences.move(s, index);
    return {};
}

QString PayloadLibrary::validate() const
{
    QStringList names;
    for (const Group &group : m_groups) {
        const QString bad = PayloadEntry::checkName(group.name);
        if (!bad.isEmpty())
            return tr("Group: %1").arg(bad);
        if (names.contains(group.name))
            return tr("Two groups are named \u201c%1\u201d").arg(group.name);
        names.append(group.name);
    }
    names.clear();
    for (const PayloadEntry &entry : m_payloads) {
        const QString bad = entry.validate();
        if (!bad.isEmpty())
            return tr("\u201c%1\u201d: %2").arg(entry.name, bad);
        if (names.contains(entry.name))
            return tr("Two entries are named \u201c%1\u201d").arg(entry.name);
        if (!entry.group.isEmpty() && groupIndex(entry.group) < 0)
            return tr("\u201c%1\u201d is in the group \u201c%2\u201d, which is missing").arg(entry.name, entry.group);
        names.append(entry.name);
    }
    for (const CommandSequence &sequence : m_sequences) {
        const QString bad = sequence.validate();
        if (!bad.isEmpty())
            return tr("\u201c%1\u201d: %2").arg(sequence.name, bad);
        if (names.contains(sequence.name))
            return tr("Two entries are named \u201c%1\u201d").arg(sequence.name);
        if (!sequence.group.isEmpty() && groupIndex(sequence.group) < 0)
            return tr("\u201c%1\u201d is in the group \u201c%2\u201d, which is missing").arg(sequence.name, sequence.group);
        for (const QString &sent : sequence.payloadsUsed()) {
            if (payloadIndex(sent) < 0)
                return tr("\u201c%1\u201d sends \u201c%2\u201d, but the library has no payload of that name")
                        .arg(sequence.name, sent);
        }
        names.append(sequence.name);
    }
    return {};
}

QStringList PayloadLibrary::search(const QString &words) const
{
    const QStringList needles = words.split(u' ', Qt::SkipEmptyParts);
    const auto found = [&needles](const QStringList &haystack) {
        for (const QString &needle : needles) {
            bool any = false;
            for (const QString &hay : haystack)
                any = any || hay.contains(needle, Qt::CaseInsensitive);
            if (!any)
                return false;
        }
        return true;
    };
    QStringList names;
    for (const PayloadEntry &entry : m_payloads) {
        if (found({entry.name, entry.group, entry.notes, entry.text}))
            names.append(entry.name);
    }
    for (const CommandSequence &sequence : m_sequences) {
        QStringList haystack {sequence.name, sequence.group, sequence.notes};
        for (const SequenceStep &step : sequence.steps)
            haystack.append(step.text);
        if (found(haystack))
            names.append(sequence.name);
    }
    return names;
}

bool PayloadLibrary::merge(const PayloadLibrary &other, MergeReport *report, QString *error)
{
    MergeReport done;
    PayloadLibrary merged = *this;
    for (const Group &group : other.m_groups) {
        const qsizetype i = merged.groupIndex(group.name);
        if (i < 0) {
            merged.m_groups.append(group);
            done.groupsAdded.append(group.name);
        } else if (!group.notes.isEmpty()) {
            merged.m_groups[i].notes = group.notes;
        }
    }
    const auto conflict = [error](const QString &name, bool payloadHere) {
        if (error) {
            *error = payloadHere
                    ? tr("\u201c%1\u201d is a payload in the library and a sequence in the file").arg(name)
                    : tr("\u201c%1\u201d is a sequence in the library and a payload in the file").arg(name);
        }
        return false;
    };
    for (const PayloadEntry &entry : other.m_payloads) {
        if (merged.sequenceIndex(entry.name) >= 0)
            return conflict(entry.name, false);
        const qsizetype i = merged.payloadIndex(entry.name);
        if (i >= 0) {
            merged.m_payloads[i] = entry;
            done.replaced.append(entry.name);
        } else {
            merged.m_payloads.append(entry);
            done.added.append(entry.name);
        }
    }
    for (const CommandSequence &sequence : other.m_sequences) {
        if (merged.payloadIndex(sequence.name) >= 0)
            return conflict(sequence.name, true);
        const qsizetype i = merged.sequenceIndex(sequence.name);
        if (i >= 0) {
            merged.m_sequences[i] = sequence;
            done.replaced.append(sequence.name);
        } else {
            merged.m_sequences.append(sequence);
            done.added.append(sequence.name);
        }
    }
    for (const RuleSet &set : other.m_ruleSets) {
        if (merged.payloadIndex(set.name) >= 0 || merged.sequenceIndex(set.name) >= 0) {
            if (error)
                *error = tr("\u201c%1\u201d is a payload or sequence in the library and rules in the file").arg(set.name);
            return false;
        }
        merged.ensureGroup(set.group);
        if (merged.ruleSet(set.name)) {
            merged.replaceRuleSet(set.name, set);
            done.replaced.append(set.name);
        } else {
            merged.m_ruleSets.append(set);
            done.added.append(set.name);
        }
    }
    const QString bad = merged.validate();
    if (!bad.isEmpty()) {
        if (error)
            *error = bad;
        return false;
    }
    *this = merged;
    if (report)
        *report = done;
    if (error)
        error->clear();
    return true;
}

PayloadLibrary PayloadLibrary::subset(const QStringList &names) const
{
    QStringList wanted = names;
    for (const CommandSequence &sequence : m_sequences) {
        if (names.contains(sequence.name))
            wanted += sequence.payloadsUsed();
    }
    PayloadLibrary part;
    QStringList groups;
    for (const PayloadEntry &entry : m_payloads) {
        if (wanted.contains(entry.name)) {
            part.m_payloads.append(entry);
            groups.append(entry.group);
        }
    }
    for (const CommandSequence &sequence : m_sequences) {
        if (wanted.contains(sequence.name)) {
            part.m_sequences.append(sequence);
            groups.append(sequence.group);
        }
    }
    for (const RuleSet &set : m_ruleSets) {
        if (wanted.contains(set.name)) {
            part.m_ruleSets.append(set);
            groups.append(set.group);
        }
    }
    for (const Group &group : m_groups) {
        if (groups.contains(group.name))
            part.m_groups.append(group);
    }
    return part;
}

QString PayloadLibrary::defaultPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + u"/library.swlib"_s;
}

bool PayloadLibrary::load(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (error)
            *error = tr("Cannot open \u201c%1\u201d: %2").arg(QDir::toNativeSeparators(path), file.errorString());
        return false;
    }
    // Read one byte more than a library may hold, to know it is too large.
    const QByteArray bytes = file.read(LibraryFile::MaxFileBytes + 1);
    if (file.error() != QFileDevice::NoError) {
        if (error)
            *error = tr("Cannot read \u201c%1\u201d: %2").arg(QDir::toNativeSeparators(path), file.errorString());
        return false;
    }
    PayloadLibrary loaded;
    const LibraryFile::Result read = LibraryFile::read(bytes, &loaded);
    if (!read.ok()) {
        if (error)
            *error = read.message();
        return false;
    }
    *this = loaded;
    if (error)
        error->clear();
    return true;
}

bool PayloadLibrary::save(const QString &path, QString *error) const
{
    const QFileInfo info(path);
    if (!QDir().mkpath(info.absolutePath())) {
        if (error)
            *error = tr("Cannot create the folder \u201c%1\u201d").arg(QDir::toNativeSeparators(info.absolutePath()));
        return false;
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        if (error)
            *error = tr("Cannot write \u201c%1\u201d: %2").arg(QDir::toNativeSeparators(path), file.errorString());
        return false;
    }
    file.write(LibraryFile::write(*this));
    if (!file.commit()) {
        if (error)
            *error = tr("Cannot write \u201c%1\u201d: %2").arg(QDir::toNativeSeparators(path), file.errorString());
        return false;
    }
    if (error)
        error->clear();
    return true;
}

bool PayloadLibrary::importFile(const QString &path, MergeReport *report, QString *error)
{
    PayloadLibrary imported;
    if (!imported.load(path, error))
        return false;
    return merge(imported, report, error);
}

bool PayloadLibrary::exportFile(const QString &path, const QStringList &names, QString *error) const
{
    return (names.isEmpty() ? *this : subset(names)).save(path, error);
}
