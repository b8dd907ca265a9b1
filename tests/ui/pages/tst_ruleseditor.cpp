// Issue 20, the rules editor of a tab: a rule edited in its table answers
// real loopback peers at once, each connection with its own {counter}, and
// its Fired count rises; a rule with a problem (a regular expression that
// does not compile, an unknown capture, a template error) is marked at its
// cell with the column, is not armed, and sends nothing; the Auto-reply
// combo, the ready-made menu and rules files set the same rules.

#include "core/commands/LibraryStore.h"
#include "core/commands/PayloadLibrary.h"
#include "core/log/TrafficLog.h"
#include "core/net/TcpServerSession.h"
#include "core/net/UdpSession.h"
#include "core/reply/ReplyRules.h"
#include "ui/commands/LibraryEdits.h"
#include "ui/pages/RulesEditor.h"
#include "ui/pages/RulesModel.h"
#include "ui/pages/TcpServerPage.h"
#include "ui/pages/UdpPage.h"
#include "ui/traffic/TrafficLogModel.h"
#include "ui/traffic/TrafficView.h"

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QNetworkDatagram>
#include <QPushButton>
#include <QTableView>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <QUdpSocket>

#include <memory>

using namespace Qt::StringLiterals;

namespace {

// A client of the server tab that keeps what it receives.
struct Peer
{
    QTcpSocket socket;
    QByteArray got;
    explicit Peer(quint16 port)
    {
        QObject::connect(&socket, &QTcpSocket::readyRead, &socket, [this] { got += socket.readAll(); });
        socket.connectToHost(QHostAddress::LocalHost, port);
    }
};

RulesEditor *editorOf(SessionPage &page)
{
    return page.findChild<RulesEditor *>(u"rulesEditor"_s);
}

// Opens the cell's editor as a double click would, types `text` and
// presses Enter: the delegate commits it to the model.
void typeIntoCell(QTableView *table, int row, int column, const QString &text)
{
    const QModelIndex index = table->model()->index(row, column);
    table->setCurrentIndex(index);
    table->edit(index);
    auto *edit = qobject_cast<QLineEdit *>(table->indexWidget(index));
    QVERIFY2(edit, "no line editor opened");
    edit->selectAll();
    QTest::keyClick(edit, Qt::Key_Delete);
    QTest::keyClicks(edit, text);
    QTest::keyClick(edit, Qt::Key_Return);
    // The delegate commits on the next turn of the event loop.
    QTRY_COMPARE(index.data(Qt::EditRole).toString(), text);
}

// Chooses a match kind in the cell's list and presses Enter.
void chooseMatch(QTableView *table, int row, ReplyRule::Match match)
{
    const QModelIndex index = table->model()->index(row, RulesModel::Match);
    table->setCurrentIndex(index);
    table->edit(index);
    auto *combo = qobject_cast<QComboBox *>(table->indexWidget(index));
    QVERIFY2(combo, "no match kind list opened");
    combo->setCurrentIndex(combo->findData(int(match)));
    QTest::keyClick(combo, Qt::Key_Return);
    QTRY_COMPARE(index.data(Qt::EditRole).toInt(), int(match));
}

QString cell(RulesModel *model, int row, int column, int role = Qt::DisplayRole)
{
    return model->index(row, column).data(role).toString();
}

} // namespace

class TestRulesEditor : public QObject
{
    Q_OBJECT
private slots:
    void editedRuleFiresAndCounts();
    void badRuleIsMarkedAndSendsNothing_data();
    void badRuleIsMarkedAndSendsNothing();
    void udpRuleAnswersEachSender();
    void comboAndPresetsSetTheSameRules();
    void rulesFileRoundTrip();
    void badRulesFileChangesNothing();
    void ruleSetsInTheLibrary();
};

void TestRulesEditor::editedRuleFiresAndCounts()
{
    TcpServerSession server;
    TcpServerPage page(&server);
    page.resize(1200, 800);
    page.show();
    RulesEditor *editor = editorOf(page);
    QVERIFY(editor);
    RulesModel *model = editor->model();
    QTableView *table = editor->table();
    QCOMPARE(model->rowCount(), 0);

    QTest::mouseClick(editor->findChild<QToolButton *>(u"addButton"_s), Qt::LeftButton);
    QCOMPARE(model->rowCount(), 1);
    chooseMatch(table, 0, ReplyRule::Match::StartsWith);
    typeIntoCell(table, 0, RulesModel::Pattern, u"HELLO"_s);
    typeIntoCell(table, 0, RulesModel::Reply, u"Hi {counter}\\n"_s);
    // The table wrote the session's settings; the combo sums them up.
    QCOMPARE(server.settings().rules.size(), 1);
    const ReplyRule rule = server.settings().rules.first();
    QCOMPARE(rule.match, ReplyRule::Match::StartsWith);
    QCOMPARE(rule.pattern, u"HELLO"_s);
    QCOMPARE(rule.replyText, u"Hi {counter}\\n"_s);
    QVERIFY(server.replyRules().isArmed(0));
    QCOMPARE(page.findChild<QComboBox *>(u"replyCombo"_s)->currentData().toString(), u"rules"_s);
    QCOMPARE(cell(model, 0, RulesModel::Fired), u"0"_s);

    QVERIFY(server.start());
    const quint16 port = server.listenEndpoint().port;
    Peer a(port), b(port);
    QVERIFY(a.socket.waitForConnected(5000));
    QVERIFY(b.socket.waitForConnected(5000));
    a.socket.write("HELLO there");
    QTRY_COMPARE(a.got, "Hi 1\n"_ba);
    a.socket.write("HELLO again");
    QTRY_COMPARE(a.got, "Hi 1\nHi 2\n"_ba);
    // Its own counter: the second connection starts from 1.
    b.socket.write("HELLO");
    QTRY_COMPARE(b.got, "Hi 1\n"_ba);
    QTRY_COMPARE(cell(model, 0, RulesModel::Fired), u"3"_s);
    QTRY_COMPARE(server.ruleFireCounts().value(0), quint64(3));

    // A message no rule takes: nothing back, marked in the traffic and counted.
    const quint64 inBefore = server.counters().bytesIn;
    b.socket.write("bye");
    QTRY_COMPARE(server.counters().bytesIn, inBefore + 3);
    const TrafficLog *log = server.log();
    qsizetype last = -1;
    for (qsizetype i = 0; i < log->size(); ++i) {
        if (log->at(i).kind == TrafficEvent::Kind::Data && log->at(i).direction == TrafficEvent::Direction::In)
            last = i;
    }
    QVERIFY(last >= 0);
    QCOMPARE(log->at(last).payload, "bye"_ba);
    QVERIFY(TrafficLogModel::isUnmatched(log->at(last)));
    QCOMPARE(TrafficLogModel::ruleNote(log->at(last)), u"no rule matched"_s);
    QTRY_VERIFY2(editor->findChild<QLabel *>(u"statusLabel"_s)->text().contains(u"1 received message(s) matched no rule"_s),
                 qPrintable(editor->findChild<QLabel *>(u"statusLabel"_s)->text()));
    a.socket.write("HELLO!");
    QTRY_COMPARE(a.got, "Hi 1\nHi 2\nHi 3\n"_ba);
    QCOMPARE(b.got, "Hi 1\n"_ba);
    QTRY_COMPARE(cell(model, 0, RulesModel::Fired), u"4"_s);
    // The traffic table marks the one message no rule took, and only it.
    TrafficLogModel *rows = page.findChild<TrafficView *>()->model();
    const auto marked = [rows] {
        QStringList out;
        for (int r = 0; r < rows->rowCount(); ++r) {
            if (rows->index(r, TrafficLogModel::Direction).data().toString().contains(u"\u2298"_s))
                out << rows->index(r, TrafficLogModel::Preview).data().toString();
        }
        return out;
    };
    QTRY_COMPARE(marked(), QStringList{u"bye"_s});
    for (qsizetype i = last; i < log->size(); ++i) {
        if (log->at(i).kind == TrafficEvent::Kind::Data && log->at(i).direction == TrafficEvent::Direction::In
            && log->at(i).payload == "HELLO!"_ba)
            QCOMPARE(TrafficLogModel::ruleNote(log->at(i)), u"rule 1 fired"_s);
    }
}

void TestRulesEditor::badRuleIsMarkedAndSendsNothing_data()
{
    QTest::addColumn<int>("match");
    QTest::addColumn<QString>("pattern");
    QTest::addColumn<QString>("reply");
    QTest::addColumn<int>("column");      // where the mark is
    QTest::addColumn<QString>("words");   // in the mark's tooltip, with the column

    const int regex = int(ReplyRule::Match::Regex);
    QTest::newRow("regex does not compile") << regex << u"(ab"_s << u"X"_s << int(RulesModel::Pattern) << u"column"_s;
    QTest::newRow("unknown capture")
        << regex << u"(a)(b)"_s << u"X{3}"_s << int(RulesModel::Reply) << u"{3}"_s;
    QTest::newRow("unknown named capture") << regex << u"(?<who>a)"_s << u"{whom}"_s << int(RulesModel::Reply)
                                           << u"whom"_s;
    QTest::newRow("template error") << int(ReplyRule::Match::Contains) << u"a"_s << u"Hi \\q"_s
                                    << int(RulesModel::Reply) << u"\\q"_s;
    QTest::newRow("hex not hex") << int(ReplyRule::Match::Hex) << u"01 0G"_s << u"X"_s << int(RulesModel::Pattern)
                                 << u"column"_s;
}

void TestRulesEditor::badRuleIsMarkedAndSendsNothing()
{
    QFETCH(int, match);
    QFETCH(QString, pattern);
    QFETCH(QString, reply);
    QFETCH(int, column);
    QFETCH(QString, words);

    TcpServerSession server;
    TcpServerPage page(&server);
    page.resize(1200, 800);
    page.show();
    RulesEditor *editor = editorOf(page);
    RulesModel *model = editor->model();
    QTableView *table = editor->table();
    // Rule 2 answers everything that gets past rule 1: the peer sees exactly
    // what rule 1 sent before it, which must be nothing.
    ReplyRule after;
    after.match = ReplyRule::Match::Any;
    after.replyText = u"ok;"_s;
    ReplyRule first;
    first.match = ReplyRule::Match::Contains;
    first.pattern = u"zzz"_s;
    first.replyText = u"first;"_s;
    first.goOn = true;
    server.setRules({first, after});
    QCOMPARE(model->rowCount(), 2);

    chooseMatch(table, 0, ReplyRule::Match(match));
    typeIntoCell(table, 0, RulesModel::Pattern, pattern);
    typeIntoCell(table, 0, RulesModel::Reply, reply);
    const ReplyRule typed = server.settings().rules.first();
    QCOMPARE(typed.pattern, pattern);   // kept as typed
    QCOMPARE(typed.replyText, reply);
    QVERIFY(!server.replyRules().isArmed(0));
    QVERIFY(server.replyRules().isArmed(1));

    // The mark: the cell, its tooltip with the column, the row, the list below.
    const QModelIndex marked = model->index(0, column);
    QVERIFY(marked.data(Qt::BackgroundRole).isValid());
    const QString tip = marked.data(Qt::ToolTipRole).toString();
    QVERIFY2(tip.contains(u"not armed"_s) && tip.contains(u"column"_s) && tip.contains(words), qPrintable(tip));
    for (int c = 0; c < RulesModel::ColumnCount; ++c) {
        if (c != column)
            QVERIFY2(!model->index(0, c).data(Qt::BackgroundRole).isValid(), qPrintable(QString::number(c)));
    }
    QCOMPARE(cell(model, 0, RulesModel::Fired), u"not armed"_s);
    QVERIFY(!model->index(0, RulesModel::Enabled).data(Qt::DecorationRole).isNull());
    QVERIFY(!model->index(0, RulesModel::Fired).data(RulesModel::ArmedRole).toBool());
    auto *problems = editor->findChild<QLabel *>(u"problemsLabel"_s);
    QVERIFY2(problems->isVisibleTo(editor) && problems->text().contains(u"Rule 1"_s), qPrintable(problems->text()));
    QCOMPARE(cell(model, 1, RulesModel::Fired), u"0"_s);

    QVERIFY(server.start());
    Peer peer(server.listenEndpoint().port);
    QVERIFY(peer.socket.waitForConnected(5000));
    peer.socket.write("abc ab a zzz 01 0G");
    QTRY_COMPARE(peer.got, "ok;"_ba);
    peer.socket.write("a(b)");
    QTRY_COMPARE(peer.got, "ok;ok;"_ba);
    QTRY_COMPARE(cell(model, 1, RulesModel::Fired), u"2"_s);
    QCOMPARE(cell(model, 0, RulesModel::Fired), u"not armed"_s);
    QCOMPARE(server.ruleFireCounts().value(0), quint64(0));

    // Mended, the rule is armed and answers.
    chooseMatch(table, 0, ReplyRule::Match::Contains);
    typeIntoCell(table, 0, RulesModel::Pattern, u"zzz"_s);
    typeIntoCell(table, 0, RulesModel::Reply, u"first;"_s);
    QVERIFY(server.replyRules().isArmed(0));
    QVERIFY(!model->index(0, column).data(Qt::BackgroundRole).isValid());
    QVERIFY(!problems->isVisibleTo(editor));
    peer.socket.write("zzz");
    QTRY_COMPARE(peer.got, "ok;ok;first;ok;"_ba);
}

void TestRulesEditor::udpRuleAnswersEachSender()
{
    UdpSession udp;
    UdpPage page(&udp);
    page.resize(1200, 800);
    page.show();
    RulesEditor *editor = editorOf(page);
    QVERIFY(editor);
    auto *line = editor->findChild<QLineEdit *>(u"ruleLineEdit"_s);
    QTest::keyClicks(line, u"regex:^GET (\\S+) => You asked for {1} #{counter}"_s);
    QTest::keyClick(line, Qt::Key_Return);
    QCOMPARE(udp.settings().rules.size(), 1);
    QCOMPARE(udp.settings().rules.first().match, ReplyRule::Match::Regex);
    QVERIFY(udp.start());
    QUdpSocket one, two;
    QVERIFY(one.bind(QHostAddress::LocalHost, 0));
    QVERIFY(two.bind(QHostAddress::LocalHost, 0));
    const QHostAddress to = QHostAddress::LocalHost;
    const quint16 port = udp.localEndpoint().port;
    one.writeDatagram("GET /a", to, port);
    QTRY_VERIFY(one.hasPendingDatagrams());
    QCOMPARE(one.receiveDatagram().data(), "You asked for /a #1"_ba);
    one.writeDatagram("GET /b", to, port);
    QTRY_VERIFY(one.hasPendingDatagrams());
    QCOMPARE(one.receiveDatagram().data(), "You asked for /b #2"_ba);
    two.writeDatagram("GET /c", to, port);
    QTRY_VERIFY(two.hasPendingDatagrams());
    QCOMPARE(two.receiveDatagram().data(), "You asked for /c #1"_ba);
    QTRY_COMPARE(cell(editor->model(), 0, RulesModel::Fired), u"3"_s);
}

void TestRulesEditor::comboAndPresetsSetTheSameRules()
{
    TcpServerSession server;
    TcpServerPage page(&server);
    page.show();
    RulesEditor *editor = editorOf(page);
    RulesModel *model = editor->model();
    auto *combo = page.findChild<QComboBox *>(u"replyCombo"_s);
    combo->setCurrentIndex(combo->findData(u"echo"_s));
    QCOMPARE(server.settings().rules, ReplyRules::fromReplySpec(u"echo"_s));
    QCOMPARE(model->rowCount(), 1);
    QCOMPARE(cell(model, 0, RulesModel::Match), ReplyRule::matchTitle(ReplyRule::Match::Any));
    QCOMPARE(cell(model, 0, RulesModel::Reply), u"{data}"_s);

    // The ready-made menu gives what the combo gives.
    for (const ReplyRules::Preset &p : ReplyRules::presets()) {
        auto *action = editor->findChild<QAction *>(u"preset-"_s + p.id);
        QVERIFY2(action, qPrintable(p.id));
        action->trigger();
        QCOMPARE(server.settings().rules, p.rules);
        QCOMPARE(model->rowCount(), int(p.rules.size()));
        const QString key = combo->currentData().toString();
        QVERIFY2(key != u"rules"_s, qPrintable(p.id + u" shows as "_s + key));
        combo->setCurrentIndex(combo->findData(u"none"_s));
        QVERIFY(server.settings().rules.isEmpty());
        combo->setCurrentIndex(combo->findData(key));
        QCOMPARE(server.settings().rules, p.rules);
    }
    // One rule more and the combo says how many there are.
    const int before = model->rowCount();
    editor->table()->selectRow(before - 1);
    QTest::mouseClick(editor->findChild<QToolButton *>(u"duplicateButton"_s), Qt::LeftButton);
    QCOMPARE(model->rowCount(), before + 1);
    QCOMPARE(combo->currentData().toString(), u"rules"_s);
    QCOMPARE(combo->currentText(), u"%1 rule(s)"_s.arg(before + 1));   // English plurals come from a .qm
    // "N rules" chosen again changes nothing.
    const QList<ReplyRule> rules = server.settings().rules;
    combo->setCurrentIndex(combo->findData(u"rules"_s));
    QCOMPARE(server.settings().rules, rules);
    // Move, delete: the order is the session's.
    editor->table()->selectRow(0);
    QTest::mouseClick(editor->findChild<QToolButton *>(u"downButton"_s), Qt::LeftButton);
    QCOMPARE(server.settings().rules.at(1), rules.at(0));
    QCOMPARE(server.settings().rules.at(0), rules.at(1));
    QTest::mouseClick(editor->findChild<QToolButton *>(u"deleteButton"_s), Qt::LeftButton);
    QCOMPARE(server.settings().rules.size(), rules.size() - 1);
}

void TestRulesEditor::rulesFileRoundTrip()
{
    QTemporaryDir dir;
    TcpServerSession server;
    TcpServerPage page(&server);
    RulesEditor *editor = editorOf(page);
    const ReplyRules::FileParsed parsed = ReplyRules::parseText(
        u"# a device\ncontains:PING => PONG {counter} [delay=20, next]\nregex:^GET (\\S+) => You asked for {1}\n"
        "hex:01 03 ?? ?? 00 0A => 01 03 14 [close]\n"_s);
    QVERIFY2(parsed.ok(), qPrintable(parsed.error));
    server.setRules(parsed.rules);
    const QString path = dir.filePath(u"device.rules"_s);
    QString error;
    QVERIFY2(editor->exportFile(path, &error), qPrintable(error));
    server.setRules({});
    QCOMPARE(editor->model()->rowCount(), 0);
    QVERIFY2(editor->importFile(path, &error), qPrintable(error));
    QCOMPARE(server.settings().rules, parsed.rules);
    QCOMPARE(editor->model()->rowCount(), 3);
}

void TestRulesEditor::badRulesFileChangesNothing()
{
    QTemporaryDir dir;
    TcpServerSession server;
    TcpServerPage page(&server);
    RulesEditor *editor = editorOf(page);
    server.setRules(ReplyRules::fromReplySpec(u"echo"_s));
    const QString path = dir.filePath(u"bad.rules"_s);
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("any => {data}\nregex:(ab => X\n");
    file.close();
    QString error;
    QVERIFY(!editor->importFile(path, &error));
    QVERIFY2(error.contains(u"line 2"_s) && error.contains(u"column"_s), qPrintable(error));
    QCOMPARE(server.settings().rules, ReplyRules::fromReplySpec(u"echo"_s));
    QVERIFY(!editor->importFile(dir.filePath(u"missing.rules"_s), &error));
    QCOMPARE(server.settings().rules, ReplyRules::fromReplySpec(u"echo"_s));
}

void TestRulesEditor::ruleSetsInTheLibrary()
{
    QTemporaryDir dir;
    LibraryStore store;
    QVERIFY(store.open(dir.filePath(u"library.swlib"_s)));
    LibraryEdits edits(&store);
    TcpServerSession server;
    TcpServerPage page(&server);
    page.setPayloadLibrary(&edits, [] {});
    RulesEditor *editor = editorOf(page);
    const QList<ReplyRule> device = ReplyRules::preset(u"modbus-rtu"_s)->rules
                                    + ReplyRules::parseText(u"contains:PING => PONG {counter} [next]"_s).rules;
    server.setRules(device);
    QCOMPARE(editor->saveToLibrary(u"  "_s).isEmpty(), false);   // no name: nothing saved
    QVERIFY(store.library().ruleSets().isEmpty());
    QCOMPARE(editor->saveToLibrary(u"My device"_s), QString());
    QVERIFY(store.library().ruleSet(u"My device"_s));
    QCOMPARE(store.library().ruleSet(u"My device"_s)->rules, device);
    // On disk too, as the library file says it: another store reads it back.
    LibraryStore again;
    QVERIFY(again.open(dir.filePath(u"library.swlib"_s)));
    QVERIFY(again.library().ruleSet(u"My device"_s));
    QCOMPARE(again.library().ruleSet(u"My device"_s)->rules, device);

    // Another tab loads it; a name the library lacks changes nothing.
    TcpServerSession other;
    TcpServerPage otherPage(&other);
    otherPage.setPayloadLibrary(&edits, [] {});
    RulesEditor *otherEditor = editorOf(otherPage);
    QVERIFY(!otherEditor->loadFromLibrary(u"Nobody"_s).isEmpty());
    QVERIFY(other.settings().rules.isEmpty());
    QCOMPARE(otherEditor->loadFromLibrary(u"My device"_s), QString());
    QCOMPARE(other.settings().rules, device);
    // The menu lists it; saving again under the name replaces it (undoably).
    server.setRules(ReplyRules::fromReplySpec(u"echo"_s));
    QCOMPARE(editor->saveToLibrary(u"My device"_s), QString());
    QCOMPARE(store.library().ruleSet(u"My device"_s)->rules, ReplyRules::fromReplySpec(u"echo"_s));
    auto *menu = editor->findChild<QMenu *>(u"libraryMenu"_s);
    emit menu->aboutToShow();
    QStringList titles;
    for (QAction *a : menu->actions())
        titles << a->text();
    QVERIFY2(titles.join(u'|').contains(u"My device"_s), qPrintable(titles.join(u'|')));
}

QTEST_MAIN(TestRulesEditor)
#include "tst_ruleseditor.moc"
