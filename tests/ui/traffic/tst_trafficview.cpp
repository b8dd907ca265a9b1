// TrafficView over a real TCP server session on loopback: rows appear in
// batches, encodings and hex re-render what is logged, filters, auto-scroll,
// clear, the dump's invalid-byte marks, copy formats, the budget line, and
// no per-packet model churn at 100,000 events.

#include "core/log/TrafficLog.h"
#include "core/net/TcpServerSession.h"
#include "core/text/TextCodec.h"
#include "ui/traffic/HexDumpView.h"
#include "ui/traffic/TrafficFilterModel.h"
#include "ui/traffic/TrafficLogModel.h"
#include "ui/traffic/TrafficView.h"

#include <QAbstractButton>
#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QElapsedTimer>
#include <QFontDatabase>
#include <QStyleOptionViewItem>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QRegularExpression>
#include <QScrollBar>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableView>
#include <QTcpSocket>
#include <QTest>
#include <QTranslator>
#include <QToolButton>

#include <memory>

using namespace Qt::Literals::StringLiterals;

namespace {

constexpr int kPreview = TrafficLogModel::Preview;

// A listening server shown in a TrafficView, and clients that talk to it.
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
        view->resize(1050, 600);   // as wide as in a window 1366 pixels wide
        view->show();
        return QTest::qWaitForWindowExposed(view.get());
    }

    QTcpSocket *connectClient()
    {
        auto c = std::make_unique<QTcpSocket>();
        const Endpoint at = server->listenEndpoint();
        c->connectToHost(at.address, at.port);
        if (!c->waitForConnected(5000))
            return nullptr;
        const int want = int(clients.size()) + 1;
        if (!QTest::qWaitFor([&] { return server->clientCount() == want; }, 5000))
            return nullptr;
        clients.push_back(std::move(c));
        return clients.back().get();
    }

    // Waits until the server logged the bytes and the table shows every event.
    bool send(QTcpSocket *client, const QByteArray &bytes)
    {
        const quint64 before = server->counters().bytesIn;
        client->write(bytes);
        client->flush();
        if (!QTest::qWaitFor([&] { return server->counters().bytesIn >= before + quint64(bytes.size()); }, 5000))
            return false;
        return settle();
    }

    bool settle()
    {
        return QTest::qWaitFor([&] {
            const TrafficLog *log = server->log();
            return view->model()->firstSerial() == log->firstSerial()
                    && view->model()->endSerial() == log->totalAppended();
        }, 5000);
    }

    QAbstractItemModel *shown() const { return view->table()->model(); }
    TrafficFilterModel *filter() const { return view->filterModel(); }

    // Row in the table of the last event matching kind and direction.
    int lastRow(TrafficEvent::Kind kind, TrafficEvent::Direction d = TrafficEvent::Direction::None) const
    {
        for (int r = filter()->rowCount() - 1; r >= 0; --r) {
            const std::optional<TrafficEvent> e = filter()->eventAt(r);
            if (e && e->kind == kind && (d == TrafficEvent::Direction::None || e->direction == d))
                return r;
        }
        return -1;
    }

    QString preview(int row) const { return shown()->index(row, kPreview).data().toString(); }

    template<typename T>
    T *child(const QString &name) const { return view->findChild<T *>(name); }

    void appendSynthetic(int count, TrafficEvent::Direction d = TrafficEvent::Direction::In)
    {
        for (int i = 0; i < count; ++i) {
            TrafficEvent e;
            e.timeUs = TrafficEvent::nowUs();
            e.sessionId = server->id();
            e.connectionId = 1;
            e.kind = TrafficEvent::Kind::Data;
            e.direction = d;
            e.peer = Endpoint{QHostAddress(QHostAddress::LocalHost), 40000};
            e.payload = QByteArray::number(i);
            server->log()->append(std::move(e));
        }
    }
};

// A catalogue with one word: "connected" of the traffic table in Chinese.
class ConnectedTranslator : public QTranslator
{
public:
    bool isEmpty() const override { return false; }
    QString translate(const char *context, const char *source, const char *, int) const override
    {
        if (qstrcmp(context, "TrafficLogModel") == 0 && qstrcmp(source, "connected") == 0)
            return u"\u5df2\u8fde\u63a5"_s;
        return QString();
    }
};

Endpoint peerOf(const QTcpSocket *client)
{
    return Endpoint{client->localAddress(), client->localPort()};
}

} // namespace

class TestTrafficView : public QObject
{
    Q_OBJECT
private slots:
    void rowsAppearForRealTraffic();
    void encodingComboReRendersLoggedRows();
    void hexSwitchShowsBytes();
    void filtersByDirectionPeerAndText();
    void filterAppliesToNewRowsIncrementally();
    void hiddenRowLeavesTheDetailPane_data();
    void hiddenRowLeavesTheDetailPane();
    void pausedAutoScrollStaysPut();
    void longPreviewIsCutToTheCell();
    void clearEmptiesTheLog();
    void detailMarksInvalidBytes_data();
    void detailMarksInvalidBytes();
    void detailDescribesNonDataEvents();
    void detailSpeaksTheWindowsLanguage();
    void longDetailHeaderIsCutWithATooltip();
    void copiesSelectionInEveryFormat();
    void budgetDropsAreCounted();
    void selectSerialSelectsTheEvent();
    void hundredThousandEventsComeInBatches();
    void controlsAreNamedAndDescribed();
    void sessionDeletedFirstLeavesAnEmptyView();
};

void TestTrafficView::rowsAppearForRealTraffic()
{
    Rig rig;
    QVERIFY(rig.start());
    QTcpSocket *client = rig.connectClient();
    QVERIFY(client);
    QVERIFY(rig.send(client, "hello\r\n"));
    QTRY_COMPARE(rig.shown()->rowCount(), int(rig.server->log()->size()));
    QVERIFY(rig.shown()->rowCount() >= 3);   // listening, connected, data

    const int row = rig.lastRow(TrafficEvent::Kind::Data, TrafficEvent::Direction::In);
    QVERIFY(row >= 0);
    QCOMPARE(rig.shown()->index(row, TrafficLogModel::Direction).data().toString(), u"← in"_s);
    QCOMPARE(rig.shown()->index(row, TrafficLogModel::Peer).data().toString(), peerOf(client).toString());
    QCOMPARE(rig.shown()->index(row, TrafficLogModel::Size).data().toInt(), 7);
    // Line breaks are shown as escapes so a row stays one line.
    QCOMPARE(rig.preview(row), u"hello\\r\\n"_s);
    const QString time = rig.shown()->index(row, TrafficLogModel::Time).data().toString();
    QVERIFY2(QRegularExpression(u"^\\d\\d:\\d\\d:\\d\\d\\.\\d\\d\\d$"_s).match(time).hasMatch(), qPrintable(time));

    const int connected = rig.lastRow(TrafficEvent::Kind::Connected);
    QVERIFY(connected >= 0);
    QCOMPARE(rig.shown()->index(connected, TrafficLogModel::Direction).data().toString(), u"connected"_s);
    QVERIFY(!rig.preview(connected).isEmpty());   // the event's message
}

void TestTrafficView::encodingComboReRendersLoggedRows()
{
    Rig rig;
    QVERIFY(rig.start());
    QTcpSocket *client = rig.connectClient();
    QVERIFY(client);
    const QByteArray gbk = QByteArray::fromHex("c4e3bac3b0a1");   // 你好啊
    QVERIFY(rig.send(client, gbk));
    const int row = rig.lastRow(TrafficEvent::Kind::Data, TrafficEvent::Direction::In);
    QVERIFY(row >= 0);

    QCOMPARE(rig.view->encoding(), u"UTF-8"_s);
    QVERIFY(rig.preview(row).contains(QChar::ReplacementCharacter));
    QVERIFY(!rig.preview(row).contains(u"你好啊"_s));

    QSignalSpy encodingSpy(rig.view.get(), &TrafficView::encodingChanged);
    QSignalSpy changedSpy(rig.view->model(), &QAbstractItemModel::dataChanged);
    QSignalSpy insertedSpy(rig.view->model(), &QAbstractItemModel::rowsInserted);
    auto *combo = rig.child<QComboBox>(u"encodingCombo"_s);
    QVERIFY(combo);
    const int gbkIndex = combo->findData(u"GBK"_s);
    QVERIFY(gbkIndex >= 0);
    combo->setCurrentIndex(gbkIndex);

    QCOMPARE(rig.preview(row), u"你好啊"_s);
    QCOMPARE(rig.view->encoding(), u"GBK"_s);
    QCOMPARE(encodingSpy.size(), 1);
    QCOMPARE(encodingSpy.at(0).at(0).toString(), u"GBK"_s);
    QCOMPARE(changedSpy.size(), 1);   // one notice over the preview column
    QCOMPARE(changedSpy.at(0).at(0).value<QModelIndex>().column(), kPreview);
    QCOMPARE(insertedSpy.size(), 0);  // nothing was received again

    // Back to UTF-8 through the API, and aliases are understood.
    rig.view->setEncoding(u"utf8"_s);
    QCOMPARE(combo->currentData().toString(), u"UTF-8"_s);
    QVERIFY(rig.preview(row).contains(QChar::ReplacementCharacter));
    QCOMPARE(combo->itemText(combo->findData(u"ISO-8859-1"_s)), u"Latin-1 (ISO-8859-1)"_s);
}

void TestTrafficView::hexSwitchShowsBytes()
{
    Rig rig;
    QVERIFY(rig.start());
    QTcpSocket *client = rig.connectClient();
    QVERIFY(client);
    QVERIFY(rig.send(client, QByteArray::fromHex("c4e3bac3b0a1")));
    const int row = rig.lastRow(TrafficEvent::Kind::Data, TrafficEvent::Direction::In);

    QSignalSpy hexSpy(rig.view.get(), &TrafficView::hexModeChanged);
    auto *hexButton = rig.child<QToolButton>(u"hexButton"_s);
    auto *textButton = rig.child<QToolButton>(u"textButton"_s);
    QVERIFY(hexButton && textButton);
    QTest::mouseClick(hexButton, Qt::LeftButton);
    QVERIFY(rig.view->hexMode());
    QCOMPARE(rig.preview(row), u"c4 e3 ba c3 b0 a1"_s);
    QCOMPARE(hexSpy.size(), 1);
    QCOMPARE(hexSpy.at(0).at(0).toBool(), true);

    QTest::mouseClick(textButton, Qt::LeftButton);
    QVERIFY(!rig.view->hexMode());
    QVERIFY(!hexButton->isChecked());
    QCOMPARE(hexSpy.size(), 2);
    rig.view->setHexMode(true);
    QVERIFY(hexButton->isChecked() && !textButton->isChecked());

    // Long payloads are cut in the preview, never in the log.
    QVERIFY(rig.send(client, QByteArray(1000, 'x')));
    const int longRow = rig.lastRow(TrafficEvent::Kind::Data, TrafficEvent::Direction::In);
    QVERIFY(rig.preview(longRow).startsWith(u"78 78"_s));
    QVERIFY(rig.preview(longRow).endsWith(u"…"_s));
    QCOMPARE(rig.preview(longRow).count(u"78"_s), int(TrafficLogModel::kPreviewBytes));
}

void TestTrafficView::filtersByDirectionPeerAndText()
{
    Rig rig;
    QVERIFY(rig.start());
    QTcpSocket *a = rig.connectClient();
    QTcpSocket *b = rig.connectClient();
    QVERIFY(a && b);
    QVERIFY(rig.send(a, "alpha"));
    QVERIFY(rig.send(b, "beta"));
    QVERIFY(rig.server->send("reply").ok());
    QVERIFY(rig.settle());
    const int all = rig.shown()->rowCount();
    QCOMPARE(all, int(rig.server->log()->size()));

    auto *direction = rig.child<QComboBox>(u"directionCombo"_s);
    auto *peer = rig.child<QComboBox>(u"peerCombo"_s);
    auto *text = rig.child<QLineEdit>(u"filterEdit"_s);
    QVERIFY(direction && peer && text);

    const auto rowsWhere = [&](auto pred) {
        int n = 0;
        for (int r = 0; r < rig.filter()->rowCount(); ++r)
            n += pred(*rig.filter()->eventAt(r)) ? 1 : 0;
        return n;
    };
    using D = TrafficEvent::Direction;
    using K = TrafficEvent::Kind;

    direction->setCurrentIndex(direction->findData(int(TrafficFilterModel::DirectionFilter::In)));
    QCOMPARE(rig.shown()->rowCount(), 2);
    QCOMPARE(rowsWhere([](const TrafficEvent &e) { return e.direction == D::In; }), 2);
    direction->setCurrentIndex(direction->findData(int(TrafficFilterModel::DirectionFilter::Out)));
    QCOMPARE(rig.shown()->rowCount(), 2);   // "reply" went to both clients
    QCOMPARE(rowsWhere([](const TrafficEvent &e) { return e.direction == D::Out; }), 2);
    direction->setCurrentIndex(direction->findData(int(TrafficFilterModel::DirectionFilter::Events)));
    QCOMPARE(rowsWhere([](const TrafficEvent &e) { return e.kind == K::Data; }), 0);
    QCOMPARE(rig.shown()->rowCount(), all - 4);
    direction->setCurrentIndex(0);
    QCOMPARE(rig.shown()->rowCount(), all);

    // The peer list holds each client once.
    QCOMPARE(peer->count(), 3);
    const int bIndex = peer->findText(peerOf(b).toString());
    QVERIFY(bIndex > 0);
    peer->setCurrentIndex(bIndex);
    QVERIFY(rig.shown()->rowCount() >= 3);   // connected, in, out
    QCOMPARE(rowsWhere([&](const TrafficEvent &e) { return e.peer == peerOf(b); }), rig.shown()->rowCount());

    peer->setCurrentIndex(0);
    text->setText(u"BET"_s);   // case-insensitive, applied after a short pause
    QTRY_COMPARE(rig.filter()->textFilter(), text->text());
    QCOMPARE(rig.shown()->rowCount(), 1);
    QCOMPARE(rig.preview(0), u"beta"_s);
    text->setText(u"61 6c 70"_s);   // hex of "alp"
    QTRY_COMPARE(rig.filter()->textFilter(), text->text());
    QCOMPARE(rig.shown()->rowCount(), 1);
    QCOMPARE(rig.preview(0), u"alpha"_s);
    text->setText(u"reply"_s);
    QTRY_COMPARE(rig.filter()->textFilter(), text->text());
    direction->setCurrentIndex(direction->findData(int(TrafficFilterModel::DirectionFilter::In)));
    QCOMPARE(rig.shown()->rowCount(), 0);
    direction->setCurrentIndex(0);
    QCOMPARE(rig.shown()->rowCount(), 2);
    text->clear();
    QTRY_COMPARE(rig.shown()->rowCount(), all);
    QVERIFY(rig.view->statusText().startsWith(u"%1 "_s.arg(all)));
}

void TestTrafficView::filterAppliesToNewRowsIncrementally()
{
    Rig rig;
    QVERIFY(rig.start());
    QTcpSocket *client = rig.connectClient();
    QVERIFY(client);
    QVERIFY(rig.send(client, QByteArray::fromHex("c4e3bac3")));   // 你好 in GBK
    rig.view->setEncoding(u"GBK"_s);
    rig.child<QLineEdit>(u"filterEdit"_s)->setText(u"好"_s);
    QTRY_COMPARE(rig.shown()->rowCount(), 1);

    QSignalSpy reset(rig.filter(), &QAbstractItemModel::modelReset);
    QSignalSpy layout(rig.filter(), &QAbstractItemModel::layoutChanged);
    QSignalSpy inserted(rig.filter(), &QAbstractItemModel::rowsInserted);
    QVERIFY(rig.send(client, "no match here"));
    QCOMPARE(rig.shown()->rowCount(), 1);
    QCOMPARE(inserted.size(), 0);
    QVERIFY(rig.send(client, QByteArray("x ") + QByteArray::fromHex("bac3")));
    QTRY_COMPARE(rig.shown()->rowCount(), 2);
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(reset.size(), 0);
    QCOMPARE(layout.size(), 0);

    // The text filter follows the encoding: under UTF-8 nothing reads 好.
    rig.view->setEncoding(u"UTF-8"_s);
    QCOMPARE(rig.shown()->rowCount(), 0);
}

void TestTrafficView::hiddenRowLeavesTheDetailPane_data()
{
    QTest::addColumn<int>("direction");   // TrafficFilterModel::DirectionFilter
    QTest::addColumn<QString>("text");
    QTest::newRow("direction") << int(TrafficFilterModel::DirectionFilter::Out) << QString();
    QTest::newRow("events only") << int(TrafficFilterModel::DirectionFilter::Events) << QString();
    QTest::newRow("text") << int(TrafficFilterModel::DirectionFilter::All) << u"nowhere"_s;
}

// The selected row goes when the filter hides it, and the detail pane must
// not go on showing it; a filter that keeps it keeps it shown.
void TestTrafficView::hiddenRowLeavesTheDetailPane()
{
    QFETCH(int, direction);
    QFETCH(QString, text);
    Rig rig;
    QVERIFY(rig.start());
    QTcpSocket *client = rig.connectClient();
    QVERIFY(client);
    QVERIFY(rig.send(client, "selected bytes"));
    const int row = rig.lastRow(TrafficEvent::Kind::Data, TrafficEvent::Direction::In);
    QVERIFY(row >= 0);
    rig.view->table()->selectRow(row);
    auto *header = rig.child<QLabel>(u"detailHeader"_s);
    HexDumpView *dump = rig.view->detailView();
    QVERIFY(dump->isShowingPayload());
    QVERIFY(dump->dumpText().contains(u"selected bytes"_s));
    const QString shown = header->text();

    // In is kept by "all" and "in": the row and its details stay.
    auto *combo = rig.child<QComboBox>(u"directionCombo"_s);
    combo->setCurrentIndex(combo->findData(int(TrafficFilterModel::DirectionFilter::In)));
    QVERIFY(rig.view->table()->currentIndex().isValid());
    QCOMPARE(header->text(), shown);
    QVERIFY(dump->dumpText().contains(u"selected bytes"_s));

    combo->setCurrentIndex(combo->findData(direction));
    if (!text.isEmpty()) {
        rig.child<QLineEdit>(u"filterEdit"_s)->setText(text);
        QTRY_COMPARE(rig.filter()->textFilter(), text);
    }
    QVERIFY(!rig.view->table()->currentIndex().isValid());
    QCOMPARE(header->text(), u"No event selected"_s);
    QVERIFY(!dump->isShowingPayload());
    QVERIFY(!dump->dumpText().contains(u"selected bytes"_s));
    QVERIFY(!rig.view->findChild<QAction *>(u"actionExportRawReceived"_s)->isEnabled());
}

void TestTrafficView::pausedAutoScrollStaysPut()
{
    Rig rig;
    QVERIFY(rig.start());
    QScrollBar *bar = rig.view->table()->verticalScrollBar();
    rig.appendSynthetic(400);
    QVERIFY(rig.settle());
    QTRY_VERIFY(bar->maximum() > 0);
    QTRY_COMPARE(bar->value(), bar->maximum());

    QSignalSpy pausedSpy(rig.child<QToolButton>(u"pauseButton"_s), &QToolButton::toggled);
    rig.view->setAutoScrollPaused(true);
    QCOMPARE(pausedSpy.size(), 1);
    QVERIFY(rig.view->isAutoScrollPaused());
    bar->setValue(0);
    rig.appendSynthetic(400);
    QVERIFY(rig.settle());
    QTest::qWait(300);   // three auto-scroll periods
    QCOMPARE(bar->value(), 0);

    rig.view->setAutoScrollPaused(false);
    QTRY_COMPARE(bar->value(), bar->maximum());
}

// A preview is laid out only as far as its cell can show: the cut text
// still overfills the cell (the style elides it as before), and the model
// keeps the whole preview for everything else.
void TestTrafficView::longPreviewIsCutToTheCell()
{
    const QFontMetrics fm(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    const QString escapes = QString(u"\\x01"_s).repeated(200);  // 200 control bytes, 800 characters
    const int width = 300;
    const QString cut = TrafficView::fitPreview(escapes, fm, width);
    QVERIFY2(cut.size() < escapes.size() / 2, qPrintable(QString::number(cut.size())));
    QVERIFY(cut.endsWith(u'…'));
    QVERIFY(escapes.startsWith(cut.chopped(1)));
    QVERIFY(fm.horizontalAdvance(cut) > width);
    // What fits stays whole, and nothing is cut for a cell wide enough.
    QCOMPARE(TrafficView::fitPreview(u"hello\\r\\n"_s, fm, width), u"hello\\r\\n"_s);
    QCOMPARE(TrafficView::fitPreview(escapes, fm, fm.horizontalAdvance(escapes)), escapes);
    // A character outside the BMP is kept whole or left out, never halved.
    const QString emoji = QString(u"😀"_s).repeated(400);
    const QString emojiCut = TrafficView::fitPreview(emoji, fm, width);
    QVERIFY(emojiCut.size() < emoji.size());
    QVERIFY(!emojiCut.chopped(1).back().isHighSurrogate());
    QVERIFY(emoji.startsWith(emojiCut.chopped(1)));

    // In the view: the delegate measures the cut text, the model has it all.
    Rig rig;
    QVERIFY(rig.start());
    QTcpSocket *client = rig.connectClient();
    QVERIFY(client);
    QVERIFY(rig.send(client, QByteArray(200, '\x01')));
    const int row = rig.lastRow(TrafficEvent::Kind::Data, TrafficEvent::Direction::In);
    QVERIFY(row >= 0);
    const QModelIndex index = rig.shown()->index(row, kPreview);
    QCOMPARE(index.data().toString(), escapes);
    QAbstractItemDelegate *delegate = rig.view->table()->itemDelegateForColumn(kPreview);
    if (!delegate)
        delegate = rig.view->table()->itemDelegate();
    QStyleOptionViewItem option;
    option.initFrom(rig.view->table()->viewport());
    option.rect = QRect(0, 0, width, 20);
    const int hint = delegate->sizeHint(option, index).width();
    const QFontMetrics shownFont(index.data(Qt::FontRole).value<QFont>());
    QVERIFY2(hint < shownFont.horizontalAdvance(escapes) / 2, qPrintable(QString::number(hint)));
    QVERIFY2(hint > width, qPrintable(QString::number(hint)));
}

void TestTrafficView::clearEmptiesTheLog()
{
    Rig rig;
    QVERIFY(rig.start());
    QTcpSocket *client = rig.connectClient();
    QVERIFY(client);
    QVERIFY(rig.send(client, "before"));
    QVERIFY(rig.shown()->rowCount() > 0);
    rig.view->table()->selectRow(rig.shown()->rowCount() - 1);

    QTest::mouseClick(rig.child<QToolButton>(u"clearButton"_s), Qt::LeftButton);
    QCOMPARE(rig.server->log()->size(), 0);
    QCOMPARE(rig.shown()->rowCount(), 0);
    QVERIFY(!rig.view->detailView()->isShowingPayload());
    QCOMPARE(rig.child<QComboBox>(u"peerCombo"_s)->count(), 1);

    QVERIFY(rig.send(client, "after"));
    QTRY_COMPARE(rig.shown()->rowCount(), 1);
    QCOMPARE(rig.preview(0), u"after"_s);
    QCOMPARE(rig.child<QComboBox>(u"peerCombo"_s)->count(), 2);
}

void TestTrafficView::detailMarksInvalidBytes_data()
{
    QTest::addColumn<QString>("encoding");
    QTest::addColumn<QList<qsizetype>>("invalid");
    QTest::addColumn<QString>("textAt2");
    // a b 你 ff c 81 7f: 0x81 leads a pair but 0x7f cannot trail it; 0xff
    // is bad in GB18030 (ICU's GBK maps it to a private-use character). In
    // UTF-8 every byte ≥ 0x80 here is bad.
    QTest::newRow("GBK") << u"GBK"_s << QList<qsizetype>{6} << u"你"_s;
    QTest::newRow("GB18030") << u"GB18030"_s << QList<qsizetype>{4, 6} << u"你"_s;
    QTest::newRow("UTF-8") << u"UTF-8"_s << QList<qsizetype>{2, 3, 4, 6} << QString(QChar::ReplacementCharacter);
    QTest::newRow("Latin-1") << u"ISO-8859-1"_s << QList<qsizetype>{} << u"Ä"_s;
}

void TestTrafficView::detailMarksInvalidBytes()
{
    QFETCH(QString, encoding);
    QFETCH(QList<qsizetype>, invalid);
    QFETCH(QString, textAt2);

    Rig rig;
    QVERIFY(rig.start());
    QTcpSocket *client = rig.connectClient();
    QVERIFY(client);
    const QByteArray payload = QByteArray("ab") + QByteArray::fromHex("c4e3ff") + "c" + QByteArray::fromHex("817f");
    QVERIFY(rig.send(client, payload));
    rig.view->setEncoding(encoding);

    QSignalSpy selected(rig.view.get(), &TrafficView::eventSelected);
    QSignalSpy connection(rig.view.get(), &TrafficView::connectionSelected);
    const int row = rig.lastRow(TrafficEvent::Kind::Data, TrafficEvent::Direction::In);
    rig.view->table()->selectRow(row);
    QCOMPARE(selected.size(), 1);
    QCOMPARE(selected.at(0).at(0).value<TrafficEvent>().payload, payload);
    QCOMPARE(connection.size(), 1);
    QCOMPARE(connection.at(0).at(0).toUInt(), rig.filter()->eventAt(row)->connectionId);

    HexDumpView *dump = rig.view->detailView();
    QVERIFY(dump->isShowingPayload());
    QCOMPARE(dump->invalidOffsets(), invalid);
    QCOMPARE(dump->invalidOffsets(), TextCodec::decode(payload, encoding).invalidOffsets);
    for (qsizetype i = 0; i < payload.size(); ++i)
        QCOMPARE(dump->isInvalidByte(i), invalid.contains(i));
    QCOMPARE(dump->textCell(0), u"a"_s);
    QCOMPARE(dump->textCell(2), textAt2);
    if (encoding.startsWith(u"GB"_s))
        QCOMPARE(dump->textCell(3), u"\u00b7"_s);   // second byte of 你
    QCOMPARE(dump->textCell(7), u"."_s);            // 0x7f, dimmed
    QVERIFY(dump->dumpText().startsWith(u"00000000  61 62 c4 e3 ff 63 81 7f"_s));

    // The marks are painted: an invalid byte's cell is red, a valid one not.
    const QImage image = dump->viewport()->grab().toImage();
    const auto cellColor = [&](qsizetype offset) {
        const QRect r = dump->hexCellRect(offset);
        return image.pixelColor(r.left() + 1, r.top() + 1);
    };
    const QColor base = dump->palette().color(QPalette::Base);
    QCOMPARE(cellColor(0), base);
    for (qsizetype offset : invalid) {
        const QColor c = cellColor(offset);
        QVERIFY2(c != base && c.red() > c.green() && c.red() > c.blue(), qPrintable(c.name()));
    }
    const QString header = rig.child<QLabel>(u"detailHeader"_s)->text();
    QVERIFY2(header.contains(u"8"_s) && header.contains(encoding), qPrintable(header));
}

void TestTrafficView::detailDescribesNonDataEvents()
{
    Rig rig;
    QVERIFY(rig.start());
    QTcpSocket *client = rig.connectClient();
    QVERIFY(client);
    QVERIFY(rig.settle());
    const int row = rig.lastRow(TrafficEvent::Kind::Connected);
    QVERIFY(row >= 0);
    rig.view->table()->selectRow(row);
    HexDumpView *dump = rig.view->detailView();
    QVERIFY(!dump->isShowingPayload());
    const QString info = dump->dumpText();
    QVERIFY2(info.contains(peerOf(client).toString()), qPrintable(info));
    QVERIFY(info.contains(rig.server->listenEndpoint().toString()));
    QVERIFY(info.contains(rig.filter()->eventAt(row)->message));
}

// A connection event's details in Chinese: the event's name is the
// table's translated word, not the log's English one ("connected，…").
void TestTrafficView::detailSpeaksTheWindowsLanguage()
{
    ConnectedTranslator translator;
    QVERIFY(QCoreApplication::installTranslator(&translator));
    Rig rig;
    const bool started = rig.start();
    QTcpSocket *client = started ? rig.connectClient() : nullptr;
    const bool settled = client && rig.settle();
    const int row = rig.lastRow(TrafficEvent::Kind::Connected);
    if (row >= 0)
        rig.view->table()->selectRow(row);
    const QString info = rig.view->detailView()->dumpText();
    const QString header = rig.child<QLabel>(u"detailHeader"_s)->text();
    QCoreApplication::removeTranslator(&translator);
    QVERIFY(settled && row >= 0);
    const QString firstLine = info.section(u'\n', 0, 0);
    QVERIFY2(firstLine.startsWith(u"\u5df2\u8fde\u63a5"_s), qPrintable(firstLine));
    QVERIFY2(!info.contains(u"connected"_s), qPrintable(info));
    QVERIFY2(header.startsWith(u"\u5df2\u8fde\u63a5"_s), qPrintable(header));
}

// However long the header (an IPv6 peer, invalid bytes), it stays one line
// as wide as the pane: cut with "…", whole in its tooltip.
void TestTrafficView::longDetailHeaderIsCutWithATooltip()
{
    Rig rig;
    QVERIFY(rig.start());
    QTcpSocket *client = rig.connectClient();
    QVERIFY(client);
    QVERIFY(rig.send(client, "\xff\xfe bytes"));
    const int row = rig.lastRow(TrafficEvent::Kind::Data, TrafficEvent::Direction::In);
    rig.view->table()->selectRow(row);
    auto *header = rig.child<QLabel>(u"detailHeader"_s);
    const QString whole = header->text();
    QVERIFY2(whole.contains(peerOf(client).toString()) && !whole.contains(u'…'), qPrintable(whole));
    // Its size policy lets the layout make it narrower than its text.
    QCOMPARE(header->sizePolicy().horizontalPolicy(), QSizePolicy::Ignored);
    const int width = header->width();

    header->resize(header->fontMetrics().horizontalAdvance(whole) / 2, header->height());
    QVERIFY(header->text().endsWith(u'…'));
    QVERIFY(header->fontMetrics().horizontalAdvance(header->text()) <= header->contentsRect().width());
    QVERIFY(header->toolTip().contains(whole));
    QVERIFY(whole.startsWith(header->text().chopped(1)));

    header->resize(width, header->height());
    QCOMPARE(header->text(), whole);
    QVERIFY(!header->toolTip().contains(whole));
}

void TestTrafficView::copiesSelectionInEveryFormat()
{
    Rig rig;
    QVERIFY(rig.start());
    QTcpSocket *client = rig.connectClient();
    QVERIFY(client);
    const QByteArray payload("a'\0\n\xc4", 5);
    QVERIFY(rig.send(client, payload));
    const int row = rig.lastRow(TrafficEvent::Kind::Data, TrafficEvent::Direction::In);
    rig.view->table()->setFocus();
    rig.view->table()->selectRow(row);
    QClipboard *clipboard = QApplication::clipboard();

    auto *python = rig.view->findChild<QAction *>(u"actionCopyPythonLiteral"_s);
    QVERIFY(python);
    python->trigger();
    QCOMPARE(clipboard->text(), u"b'a\\'\\x00\\n\\xc4'"_s);
    rig.view->findChild<QAction *>(u"actionCopyCLiteral"_s)->trigger();
    QCOMPARE(clipboard->text(), u"\"a'\\x00\\n\\xc4\""_s);
    rig.view->findChild<QAction *>(u"actionCopyHex"_s)->trigger();
    QCOMPARE(clipboard->text(), u"61 27 00 0a c4"_s);

    // Ctrl+C on the table: the text in the chosen encoding.
    rig.view->setEncoding(u"ISO-8859-1"_s);
    rig.view->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(rig.view.get()));
    rig.view->table()->setFocus();
    QTest::keyClick(rig.view->table(), Qt::Key_C, Qt::ControlModifier);
    QCOMPARE(clipboard->text(), QString::fromLatin1(payload));

    // Several rows: one line each, rows without payload left out of hex.
    rig.view->table()->selectAll();
    rig.view->findChild<QAction *>(u"actionCopyHex"_s)->trigger();
    QCOMPARE(clipboard->text(), u"61 27 00 0a c4"_s);
    rig.view->findChild<QAction *>(u"actionCopyRows"_s)->trigger();
    QCOMPARE(clipboard->text().split(u'\n').size(), rig.shown()->rowCount());
}

void TestTrafficView::budgetDropsAreCounted()
{
    Rig rig;
    QVERIFY(rig.start());
    auto *label = rig.child<QLabel>(u"statsLabel"_s);
    QVERIFY(label);
    QTRY_VERIFY(!label->text().contains(u"dropped"_s));

    auto *spin = rig.child<QSpinBox>(u"budgetSpin"_s);
    QCOMPARE(spin->value(), 64);
    spin->setValue(2);
    QCOMPARE(rig.server->log()->byteBudget(), 2 * 1024 * 1024);

    rig.server->log()->setByteBudget(4096);
    QTcpSocket *client = rig.connectClient();
    QVERIFY(client);
    for (int i = 0; i < 10; ++i)
        QVERIFY(rig.send(client, QByteArray(1000, char('a' + i))));
    const TrafficLog *log = rig.server->log();
    QVERIFY(log->droppedEvents() > 0);
    // Rows the budget dropped left the table from the top.
    QCOMPARE(rig.shown()->rowCount(), int(log->size()));
    QCOMPARE(rig.filter()->eventAt(0)->payload, log->at(0).payload);

    // With a filter on, dropped rows leave the filtered table too.
    auto *direction = rig.child<QComboBox>(u"directionCombo"_s);
    direction->setCurrentIndex(direction->findData(int(TrafficFilterModel::DirectionFilter::In)));
    for (int i = 0; i < 5; ++i)
        QVERIFY(rig.send(client, QByteArray(1000, char('A' + i))));
    int incoming = 0;
    for (qsizetype i = 0; i < log->size(); ++i)
        incoming += log->at(i).direction == TrafficEvent::Direction::In ? 1 : 0;
    QCOMPARE(rig.shown()->rowCount(), incoming);
    for (int r = 0; r < rig.shown()->rowCount(); ++r)
        QVERIFY(rig.filter()->eventAt(r) && rig.filter()->eventAt(r)->direction == TrafficEvent::Direction::In);
    QCOMPARE(rig.filter()->eventAt(rig.shown()->rowCount() - 1)->payload, QByteArray(1000, 'E'));
    const QString expected = u"dropped %1 ("_s.arg(log->droppedEvents());
    QTRY_VERIFY2(label->text().contains(expected), qPrintable(label->text()));
    QVERIFY2(label->text().contains(u"4.0 KiB budget"_s), qPrintable(label->text()));
}

void TestTrafficView::selectSerialSelectsTheEvent()
{
    Rig rig;
    QVERIFY(rig.start());
    QTcpSocket *client = rig.connectClient();
    QVERIFY(client);
    QVERIFY(rig.send(client, "one"));
    QVERIFY(rig.send(client, "two"));
    const TrafficLog *log = rig.server->log();
    qsizetype index = -1;
    for (qsizetype i = 0; i < log->size(); ++i) {
        if (log->at(i).payload == "one")
            index = i;
    }
    QVERIFY(index >= 0);
    QSignalSpy selected(rig.view.get(), &TrafficView::eventSelected);
    QVERIFY(rig.view->selectSerial(log->firstSerial() + quint64(index)));
    QCOMPARE(selected.size(), 1);
    QCOMPARE(selected.at(0).at(0).value<TrafficEvent>().payload, QByteArray("one"));
    QCOMPARE(rig.view->table()->currentIndex().row(), int(index));
    QVERIFY(!rig.view->selectSerial(log->totalAppended() + 5));
}

void TestTrafficView::hundredThousandEventsComeInBatches()
{
    Rig rig;
    QVERIFY(rig.start());
    auto *direction = rig.child<QComboBox>(u"directionCombo"_s);
    direction->setCurrentIndex(direction->findData(int(TrafficFilterModel::DirectionFilter::Out)));

    QSignalSpy notices(rig.server->log(), &TrafficLog::changed);
    QSignalSpy inserted(rig.view->model(), &QAbstractItemModel::rowsInserted);
    QSignalSpy resets(rig.view->model(), &QAbstractItemModel::modelReset);
    QSignalSpy shownInserted(rig.filter(), &QAbstractItemModel::rowsInserted);
    QSignalSpy shownResets(rig.filter(), &QAbstractItemModel::modelReset);
    const int before = rig.view->model()->rowCount();

    QElapsedTimer timer;
    timer.start();
    constexpr int kEvents = 100'000;
    for (int done = 0; done < kEvents; done += 5000) {
        rig.appendSynthetic(4000, TrafficEvent::Direction::In);
        rig.appendSynthetic(1000, TrafficEvent::Direction::Out);
        QTest::qWait(40);   // let a few notices go out on the way
    }
    QTRY_COMPARE(rig.view->model()->rowCount(), before + kEvents);
    QTRY_COMPARE(rig.shown()->rowCount(), kEvents / 5);
    qInfo("100,000 events shown in %lld ms over %lld notices", timer.elapsed(), qlonglong(notices.size()));

    QVERIFY(notices.size() > 1);
    QVERIFY(inserted.size() <= notices.size());
    QVERIFY(shownInserted.size() <= notices.size());
    QCOMPARE(resets.size(), 0);
    QCOMPARE(shownResets.size(), 0);
    QVERIFY(rig.child<QComboBox>(u"peerCombo"_s)->count() == 2);

    // Switching the filter off shows every row again (its time is a
    // figure, not a check: timings flake on a shared machine).
    timer.restart();
    direction->setCurrentIndex(0);
    QCOMPARE(rig.shown()->rowCount(), before + kEvents);
    qInfo("FIGURE filter off over %d rows in %lld ms", before + kEvents, static_cast<long long>(timer.elapsed()));
}

void TestTrafficView::controlsAreNamedAndDescribed()
{
    TrafficView view;
    const QList<QWidget *> widgets = view.findChildren<QWidget *>();
    int checked = 0;
    for (QWidget *w : widgets) {
        const bool control = qobject_cast<QAbstractButton *>(w) || qobject_cast<QComboBox *>(w)
                || qobject_cast<QLineEdit *>(w) || qobject_cast<QSpinBox *>(w)
                || qobject_cast<QTableView *>(w) || qobject_cast<HexDumpView *>(w);
        // Sub-widgets Qt makes inside combos, spin boxes and views are theirs to name.
        if (!control || w->parentWidget() == nullptr || qobject_cast<QComboBox *>(w->parentWidget())
            || qobject_cast<QAbstractSpinBox *>(w->parentWidget()) || w->objectName().isEmpty()
            || w->objectName().startsWith(u"qt_"_s))
            continue;
        ++checked;
        QVERIFY2(!w->accessibleName().isEmpty(), qPrintable(w->objectName()));
        if (!qobject_cast<QTableView *>(w) && !qobject_cast<HexDumpView *>(w))   // per-cell tooltips instead
            QVERIFY2(!w->toolTip().isEmpty(), qPrintable(w->objectName()));
        QVERIFY2(w->focusPolicy() & Qt::TabFocus, qPrintable(w->objectName()));
    }
    QVERIFY(checked >= 11);
}

void TestTrafficView::sessionDeletedFirstLeavesAnEmptyView()
{
    Rig rig;
    QVERIFY(rig.start());
    QTcpSocket *client = rig.connectClient();
    QVERIFY(client);
    QVERIFY(rig.send(client, "bye"));
    rig.view->table()->selectRow(rig.lastRow(TrafficEvent::Kind::Data));
    rig.child<QLineEdit>(u"filterEdit"_s)->setText(u"b"_s);
    rig.server.reset();
    QCOMPARE(rig.view->model()->rowCount(), 0);
    QCOMPARE(rig.shown()->rowCount(), 0);
    QVERIFY(rig.view->session() == nullptr);
    QTest::qWait(400);   // timers (filter, stats, auto-scroll) run without a session
    QCOMPARE(rig.view->statusText(), u"No session"_s);
}

QTEST_MAIN(TestTrafficView)
#include "tst_trafficview.moc"
