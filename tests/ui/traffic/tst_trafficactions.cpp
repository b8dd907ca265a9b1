// TrafficActions, the traffic view's copy and export actions: what each copy
// format makes of an event (binary payloads with NULs, quotes and
// backslashes, text in two encodings, events without a payload), the
// selected rows of a real TCP server session in each format and in table
// order, when the actions are enabled, the files the exports write through
// their dialog, and their words in Chinese with the catalogue lrelease made
// for the program (SW_QM_DIR).

#include "core/log/TrafficLog.h"
#include "core/net/TcpServerSession.h"
#include "core/workbench/Translations.h"
#include "ui/traffic/TrafficActions.h"
#include "ui/traffic/TrafficFilterModel.h"
#include "ui/traffic/TrafficLogModel.h"
#include "ui/traffic/TrafficView.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QFile>
#include <QFileDialog>
#include <QItemSelectionModel>
#include <QRegularExpression>
#include <QTableView>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <memory>
#include <optional>

using namespace Qt::StringLiterals;

Q_DECLARE_METATYPE(TrafficActions::CopyFormat)
Q_DECLARE_METATYPE(std::optional<QString>)

namespace {

using Format = TrafficActions::CopyFormat;
using Kind = TrafficEvent::Kind;

// A TCP server shown in a TrafficView, and two clients that each sent one payload.
struct Rig
{
    std::unique_ptr<TcpServerSession> server = std::make_unique<TcpServerSession>();
    std::unique_ptr<TrafficView> view = std::make_unique<TrafficView>();
    std::vector<std::unique_ptr<QTcpSocket>> clients;

    bool start()
    {
        server->setPort(0);
        if (!server->start())
            return false;
        view->setSession(server.get());
        view->resize(900, 500);
        view->show();
        return QTest::qWaitForWindowExposed(view.get());
    }

    bool connectAndSend(const QByteArray &bytes)
    {
        auto c = std::make_unique<QTcpSocket>();
        const Endpoint at = server->listenEndpoint();
        c->connectToHost(at.address, at.port);
        if (!c->waitForConnected(5000))
            return false;
        const int want = int(clients.size()) + 1;
        if (!QTest::qWaitFor([&] { return server->clientCount() == want; }, 5000))
            return false;
        const quint64 before = server->counters().bytesIn;
        c->write(bytes);
        c->flush();
        clients.push_back(std::move(c));
        return QTest::qWaitFor([&] {
            const TrafficLog *log = server->log();
            return server->counters().bytesIn >= before + quint64(bytes.size())
                    && view->model()->endSerial() == log->totalAppended();
        }, 5000);
    }

    int rowOf(const QByteArray &payload) const
    {
        for (int r = 0; r < view->filterModel()->rowCount(); ++r) {
            if (view->filterModel()->eventAt(r)->payload == payload)
                return r;
        }
        return -1;
    }

    QAction *action(const QString &name) const { return view->findChild<QAction *>(name); }
};

TrafficEvent makeEvent(Kind kind, const QByteArray &payload, const QString &message = {})
{
    TrafficEvent e;
    e.kind = kind;
    e.direction = TrafficEvent::Direction::In;
    e.payload = payload;
    e.message = message;
    return e;
}

} // namespace

class TestTrafficActions : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void eventInEachFormat_data();
    void eventInEachFormat();
    void selectionInEachFormat_data();
    void selectionInEachFormat();
    void rowsAreTheTablesCells();
    void nothingSelectedCopiesNothing();
    void exportsNeedASessionAndAConnection();
    void exportsWriteTheFileNamed_data();
    void exportsWriteTheFileNamed();
    void wordsInChinese();
};

void TestTrafficActions::initTestCase()
{
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    // English plurals ("3 events") come from the program's English catalogue.
    QVERIFY(Translations::install(u"en"_s, QStringLiteral(SW_QM_DIR)).app);
}

void TestTrafficActions::eventInEachFormat_data()
{
    QTest::addColumn<TrafficEvent>("event");
    QTest::addColumn<Format>("format");
    QTest::addColumn<QString>("encoding");
    QTest::addColumn<std::optional<QString>>("expected");   // nullopt: the event is left out

    const TrafficEvent request = makeEvent(Kind::Data, "GET /\r\n");
    QTest::newRow("request as text") << request << Format::Text << u"UTF-8"_s << std::optional(u"GET /\r\n"_s);
    QTest::newRow("request as hex") << request << Format::Hex << u"UTF-8"_s
                                    << std::optional(u"47 45 54 20 2f 0d 0a"_s);
    QTest::newRow("request as C") << request << Format::CLiteral << u"UTF-8"_s
                                  << std::optional(u"\"GET /\\r\\n\""_s);
    QTest::newRow("request as Python") << request << Format::PythonLiteral << u"UTF-8"_s
                                       << std::optional(u"b'GET /\\r\\n'"_s);

    // Backslash, quote, tab, NUL and a byte over 0x7f.
    const TrafficEvent binary = makeEvent(Kind::Data, QByteArray("\\'\t\0\xff", 5));
    QTest::newRow("binary as hex") << binary << Format::Hex << u"UTF-8"_s << std::optional(u"5c 27 09 00 ff"_s);
    QTest::newRow("binary as C") << binary << Format::CLiteral << u"UTF-8"_s
                                 << std::optional(u"\"\\\\'\\t\\x00\\xff\""_s);
    QTest::newRow("binary as Python") << binary << Format::PythonLiteral << u"UTF-8"_s
                                      << std::optional(u"b'\\\\\\'\\t\\x00\\xff'"_s);
    QTest::newRow("binary as Latin-1 text") << binary << Format::Text << u"ISO-8859-1"_s
                                            << std::optional(QString::fromLatin1("\\'\t\0\xff", 5));

    // "你好" in GBK: the text follows the encoding chosen.
    const TrafficEvent gbk = makeEvent(Kind::Data, "\xc4\xe3\xba\xc3");
    QTest::newRow("GBK as text") << gbk << Format::Text << u"GBK"_s << std::optional(u"\u4f60\u597d"_s);
    QTest::newRow("GBK as hex") << gbk << Format::Hex << u"GBK"_s << std::optional(u"c4 e3 ba c3"_s);

    const TrafficEvent frame = makeEvent(Kind::Frame, "len");
    QTest::newRow("frame as text") << frame << Format::Text << u"UTF-8"_s << std::optional(u"len"_s);
    QTest::newRow("frame as Python") << frame << Format::PythonLiteral << u"UTF-8"_s << std::optional(u"b'len'"_s);

    const TrafficEvent empty = makeEvent(Kind::Data, QByteArray());
    QTest::newRow("empty as text") << empty << Format::Text << u"UTF-8"_s << std::optional(QString());
    QTest::newRow("empty as hex") << empty << Format::Hex << u"UTF-8"_s << std::optional(QString());
    QTest::newRow("empty as C") << empty << Format::CLiteral << u"UTF-8"_s << std::optional(u"\"\""_s);
    QTest::newRow("empty as Python") << empty << Format::PythonLiteral << u"UTF-8"_s << std::optional(u"b''"_s);

    // Events without a payload: their message as text, nothing in a byte format.
    const TrafficEvent connected = makeEvent(Kind::Connected, QByteArray(), u"Client connected"_s);
    QTest::newRow("connected as text") << connected << Format::Text << u"UTF-8"_s
                                       << std::optional(u"Client connected"_s);
    for (const auto &[name, format] : {std::pair{"hex", Format::Hex}, std::pair{"C", Format::CLiteral},
                                       std::pair{"Python", Format::PythonLiteral}}) {
        QTest::addRow("connected as %s", name) << connected << format << u"UTF-8"_s << std::optional<QString>();
    }
    const TrafficEvent error = makeEvent(Kind::Error, QByteArray(), u"Connection refused"_s);
    QTest::newRow("error as text") << error << Format::Text << u"UTF-8"_s << std::optional(u"Connection refused"_s);
    QTest::newRow("error as hex") << error << Format::Hex << u"UTF-8"_s << std::optional<QString>();
    // Rows are table cells: no event alone knows them.
    QTest::newRow("request as rows") << request << Format::Rows << u"UTF-8"_s << std::optional<QString>();
}

void TestTrafficActions::eventInEachFormat()
{
    QFETCH(TrafficEvent, event);
    QFETCH(Format, format);
    QFETCH(QString, encoding);
    QFETCH(std::optional<QString>, expected);

    const std::optional<QString> copied = TrafficActions::eventAs(event, format, encoding);
    QCOMPARE(copied.has_value(), expected.has_value());
    if (expected)
        QCOMPARE(*copied, *expected);
}

void TestTrafficActions::selectionInEachFormat_data()
{
    QTest::addColumn<QString>("action");
    QTest::addColumn<QString>("expected");

    QTest::newRow("hex") << u"actionCopyHex"_s << u"68 65 6c 6c 6f\n00 01 27"_s;
    QTest::newRow("C") << u"actionCopyCLiteral"_s << u"\"hello\"\n\"\\x00\\x01'\""_s;
    QTest::newRow("Python") << u"actionCopyPythonLiteral"_s << u"b'hello'\nb'\\x00\\x01\\''"_s;
    QTest::newRow("text") << u"actionCopyText"_s << u"hello\n"_s + QString::fromLatin1("\0\1'", 3);
}

// The rows of both payloads, selected bottom first: copied top first, one line each.
void TestTrafficActions::selectionInEachFormat()
{
    QFETCH(QString, action);
    QFETCH(QString, expected);

    Rig rig;
    QVERIFY(rig.start());
    QVERIFY(rig.connectAndSend("hello"));
    QVERIFY(rig.connectAndSend(QByteArray("\0\1'", 3)));
    const int first = rig.rowOf("hello");
    const int second = rig.rowOf(QByteArray("\0\1'", 3));
    QVERIFY(first >= 0 && second > first);
    QItemSelectionModel *selection = rig.view->table()->selectionModel();
    const auto rows = QItemSelectionModel::Select | QItemSelectionModel::Rows;
    selection->select(rig.view->filterModel()->index(second, 0), rows);
    selection->select(rig.view->filterModel()->index(first, 0), rows);

    QApplication::clipboard()->clear();
    rig.action(action)->trigger();
    QCOMPARE(QApplication::clipboard()->text(), expected);
}

void TestTrafficActions::rowsAreTheTablesCells()
{
    Rig rig;
    QVERIFY(rig.start());
    QVERIFY(rig.connectAndSend("hello"));
    rig.view->table()->selectAll();
    const QStringList lines = rig.view->actions()->selectionAs(Format::Rows).split(u'\n');
    const QAbstractItemModel *shown = rig.view->table()->model();
    QCOMPARE(lines.size(), shown->rowCount());
    for (int r = 0; r < shown->rowCount(); ++r) {
        QStringList cells;
        for (int c = 0; c < TrafficLogModel::ColumnCount; ++c)
            cells << shown->index(r, c).data().toString();
        QCOMPARE(lines.at(r), cells.join(u'\t'));
    }
    const QStringList hello = lines.at(rig.rowOf("hello")).split(u'\t');
    QCOMPARE(hello.size(), int(TrafficLogModel::ColumnCount));
    QCOMPARE(hello.at(TrafficLogModel::Size), u"5"_s);
    QCOMPARE(hello.at(TrafficLogModel::Preview), u"hello"_s);
    QCOMPARE(hello.at(TrafficLogModel::Peer),
             (Endpoint{rig.clients.front()->localAddress(), rig.clients.front()->localPort()}.toString()));
}

void TestTrafficActions::nothingSelectedCopiesNothing()
{
    Rig rig;
    QVERIFY(rig.start());
    QVERIFY(rig.connectAndSend("hello"));
    rig.view->table()->clearSelection();
    QApplication::clipboard()->setText(u"kept"_s);
    for (const QString &name : {u"actionCopyText"_s, u"actionCopyHex"_s, u"actionCopyCLiteral"_s,
                                u"actionCopyPythonLiteral"_s, u"actionCopyRows"_s}) {
        rig.action(name)->trigger();
        QCOMPARE(QApplication::clipboard()->text(), u"kept"_s);
    }
}

void TestTrafficActions::exportsNeedASessionAndAConnection()
{
    Rig rig;
    QVERIFY(rig.start());
    QVERIFY(rig.connectAndSend("hello"));
    QAction *json = rig.action(u"actionExportJsonLines"_s);
    QAction *text = rig.action(u"actionExportPlainText"_s);
    QVERIFY(json->isEnabled());
    QVERIFY(text->isEnabled());
    QAction *raw = rig.action(u"actionExportRawReceived"_s);
    rig.view->table()->selectRow(0);   // "listening": the session's own event
    QVERIFY(!raw->isEnabled());
    rig.view->table()->selectRow(rig.rowOf("hello"));
    QVERIFY(raw->isEnabled());

    rig.view->setSession(nullptr);
    QVERIFY(!json->isEnabled());
    QVERIFY(!text->isEnabled());
}

void TestTrafficActions::exportsWriteTheFileNamed_data()
{
    QTest::addColumn<QString>("action");
    QTest::addColumn<QString>("suggested");   // how the file the dialog suggests begins and ends
    QTest::addColumn<QByteArray>("contains");
    QTest::addColumn<QString>("notice");

    QTest::newRow("JSON Lines") << u"actionExportJsonLines"_s << u"traffic-*.jsonl"_s << QByteArray("\"hello\"")
                                << u"saved 3 events to "_s;
    QTest::newRow("plain text") << u"actionExportPlainText"_s << u"traffic-*.txt"_s << QByteArray("hello")
                                << u"saved 3 events to "_s;
    QTest::newRow("received bytes") << u"actionExportRawReceived"_s << u"received-1-127.0.0.1_*.bin"_s
                                    << QByteArray("hello") << u"saved 5 received bytes to "_s;
}

// The file dialog is answered as the user would: the file is written and
// the view's status line says so.
void TestTrafficActions::exportsWriteTheFileNamed()
{
    QFETCH(QString, action);
    QFETCH(QString, suggested);
    QFETCH(QByteArray, contains);
    QFETCH(QString, notice);

    Rig rig;
    QVERIFY(rig.start());
    QVERIFY(rig.connectAndSend("hello"));
    rig.view->table()->selectRow(rig.rowOf("hello"));
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(u"export.out"_s);
    QString offered;
    QTimer::singleShot(0, this, [&] {
        auto *dialog = qobject_cast<QFileDialog *>(QApplication::activeModalWidget());
        if (!dialog)
            return;
        offered = dialog->selectedFiles().value(0);
        dialog->selectFile(path);
        static_cast<QDialog *>(dialog)->accept();   // as the Save button does
    });
    rig.action(action)->trigger();
    QVERIFY2(QRegularExpression(QRegularExpression::wildcardToRegularExpression(suggested, QRegularExpression::UnanchoredWildcardConversion) + u'$')
                     .match(offered).hasMatch(),
             qPrintable(offered));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QVERIFY(file.readAll().contains(contains));
    QVERIFY2(rig.view->statusText().contains(notice + u"export.out"_s), qPrintable(rig.view->statusText()));
}

void TestTrafficActions::wordsInChinese()
{
    QVERIFY(Translations::install(u"zh_CN"_s, QStringLiteral(SW_QM_DIR)).app);
    TrafficView view;
    const auto text = [&view](const QString &name) { return view.findChild<QAction *>(name)->text(); };
    QCOMPARE(text(u"actionCopyText"_s), u"复制为文本(&C)"_s);
    QCOMPARE(text(u"actionCopyHex"_s), u"复制为十六进制(&H)"_s);
    QCOMPARE(text(u"actionCopyCLiteral"_s), u"复制为 C 字符串(&S)"_s);
    QCOMPARE(text(u"actionCopyPythonLiteral"_s), u"复制为 Python bytes(&P)"_s);
    QCOMPARE(text(u"actionCopyRows"_s), u"复制行(&R)"_s);
    QCOMPARE(text(u"actionSelectAll"_s), u"全选(&A)"_s);
    QCOMPARE(text(u"actionExportJsonLines"_s), u"JSON Lines(&J)…"_s);
    QCOMPARE(text(u"actionExportPlainText"_s), u"纯文本(&P)…"_s);
    QCOMPARE(text(u"actionExportRawReceived"_s), u"此连接接收的字节(&R)…"_s);
    Translations::install(u"en"_s, QStringLiteral(SW_QM_DIR));
}

QTEST_MAIN(TestTrafficActions)
#include "tst_trafficactions.moc"
