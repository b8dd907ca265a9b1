// Reply rule sets in the payload library (issue 20): added, replaced and
// removed by name in the namespace payloads and sequences share, merged on
// import, written as [rules NAME] and read back equal; a bad rule line is
// refused with its line.

#include "core/commands/LibraryFile.h"
#include "core/commands/PayloadLibrary.h"
#include "core/reply/ReplyRules.h"

#include <QtTest>

using namespace Qt::StringLiterals;

namespace {

RuleSet setOf(const QString &name, const QString &text)
{
    RuleSet set;
    set.name = name;
    const ReplyRules::FileParsed p = ReplyRules::parseText(text);
    if (!p.ok())
        qFatal("bad test rules: %s", qPrintable(p.error));
    set.rules = p.rules;
    return set;
}

} // namespace

class TestRuleSets : public QObject
{
    Q_OBJECT
private slots:
    void namesAreShared();
    void writtenAndReadBack();
    void mergedByName();
    void badRuleRefusedWithItsLine();
};

void TestRuleSets::namesAreShared()
{
    PayloadLibrary lib;
    PayloadEntry entry;
    entry.name = u"Ping"_s;
    entry.text = u"PING"_s;
    QCOMPARE(lib.addPayload(entry), QString());
    QVERIFY(!lib.addRuleSet(setOf(u"Ping"_s, u"any => x"_s)).isEmpty());
    QCOMPARE(lib.addRuleSet(setOf(u"Device"_s, u"any => x"_s)), QString());
    QVERIFY(lib.containsName(u"Device"_s));
    QVERIFY(!lib.addRuleSet(setOf(u"Device"_s, u"any => y"_s)).isEmpty());
    RuleSet renamed = setOf(u"Device 2"_s, u"contains:a => b\nany => c"_s);
    renamed.group = u"Bench"_s;
    QCOMPARE(lib.replaceRuleSet(u"Device"_s, renamed), QString());
    QVERIFY(!lib.ruleSet(u"Device"_s));
    QCOMPARE(lib.ruleSet(u"Device 2"_s)->rules.size(), 2);
    QCOMPARE(lib.groups().size(), 1);
    QVERIFY(!lib.removeGroup(u"Bench"_s).isEmpty());   // still holds the rules
    QVERIFY(!lib.replaceRuleSet(u"Device 2"_s, setOf(u"Ping"_s, u"any => x"_s)).isEmpty());
    QCOMPARE(lib.removeRuleSet(u"Device 2"_s), QString());
    QVERIFY(!lib.removeRuleSet(u"Device 2"_s).isEmpty());
    QVERIFY(lib.ruleSets().isEmpty());
}

void TestRuleSets::writtenAndReadBack()
{
    PayloadLibrary lib;
    RuleSet set = setOf(u"Unit 1"_s, u"hex:01 03 ?? ?? 00 0A ?? ?? $ => {hex:01 03 14} [checksum=crc16-modbus]\n"
                                     "regex:^(?<cmd>\\w+) => got {cmd} [delay=20, next]\n"
                                     "any => ends in \\x5bbrackets] [off]\n"_s);
    set.notes = u"a stand-in\nfor unit 1"_s;
    QCOMPARE(lib.addRuleSet(set), QString());
    const QByteArray file = LibraryFile::write(lib);
    QVERIFY2(file.contains("[rules Unit 1]\nrule = hex:01 03"), file.constData());
    PayloadLibrary back;
    const LibraryFile::Result r = LibraryFile::read(file, &back);
    QVERIFY2(r.ok(), qPrintable(r.message()));
    QCOMPARE(back, lib);
    // A subset for export keeps the named rule set.
    QCOMPARE(lib.subset({u"Unit 1"_s}).ruleSets().size(), 1);
}

void TestRuleSets::mergedByName()
{
    PayloadLibrary mine;
    QCOMPARE(mine.addRuleSet(setOf(u"A"_s, u"any => 1"_s)), QString());
    PayloadLibrary theirs;
    QCOMPARE(theirs.addRuleSet(setOf(u"A"_s, u"any => 2"_s)), QString());
    QCOMPARE(theirs.addRuleSet(setOf(u"B"_s, u"any => 3"_s)), QString());
    PayloadLibrary::MergeReport report;
    QString error;
    QVERIFY2(mine.merge(theirs, &report, &error), qPrintable(error));
    QCOMPARE(report.replaced, QStringList({u"A"_s}));
    QCOMPARE(report.added, QStringList({u"B"_s}));
    QCOMPARE(mine.ruleSet(u"A"_s)->rules.first().replyText, u"2"_s);
    // A name that is a payload here and rules in the file is refused whole.
    PayloadLibrary clash;
    PayloadEntry entry;
    entry.name = u"B"_s;
    entry.text = u"x"_s;
    QCOMPARE(clash.addPayload(entry), QString());
    const PayloadLibrary before = clash;
    QVERIFY(!clash.merge(theirs, &report, &error));
    QVERIFY(!error.isEmpty());
    QCOMPARE(clash, before);
}

void TestRuleSets::badRuleRefusedWithItsLine()
{
    const QByteArray file = "[socket-workbench-library 1]\n\n[rules R]\nrule = any => ok\nrule = contains:x\n\n[end]\n";
    PayloadLibrary lib;
    const LibraryFile::Result r = LibraryFile::read(file, &lib);
    QVERIFY(!r.ok());
    QCOMPARE(r.line, 5);
    QVERIFY2(r.reason.contains(u"Rule 2"_s) && r.reason.contains(u"=>"_s), qPrintable(r.reason));
    QVERIFY(lib.ruleSets().isEmpty());
    // Unknown keys in [rules] are refused like in every section.
    const QByteArray unknown = "[socket-workbench-library 1]\n[rules R]\nreply = x\n[end]\n";
    QVERIFY(!LibraryFile::read(unknown, &lib).ok());
}

QTEST_GUILESS_MAIN(TestRuleSets)
#include "tst_rulesets.moc"
