// The window on small screens, as a user gets it on a first run: a TCP
// server tab with clients and traffic in a window of 1366x768 and 1024x600
// (in English and in Chinese). The traffic table shows enough whole rows
// beside the side panel and above the send panel, switching the view tabs
// moves no splitter, no one-line label is cut off, and the side panel
// collapses and comes back. The .qm files are the ones lrelease made for the
// program (SW_QM_DIR).

#include "core/log/TrafficLog.h"
#include "core/net/TcpServerSession.h"
#include "core/teach/LessonLibrary.h"
#include "core/workbench/Translations.h"
#include "core/workbench/Workbench.h"
#include "ui/pages/ConnectionsModel.h"
#include "ui/pages/PeerInspector.h"
#include "ui/pages/SessionPage.h"
#include "ui/send/SendPanel.h"
#include "ui/teach/LessonPanel.h"
#include "ui/traffic/TrafficView.h"
#include "ui/window/MainWindow.h"

#include <QDockWidget>
#include <QHeaderView>
#include <QLabel>
#include <QScrollArea>
#include <QScrollBar>
#include <QSettings>
#include <QSplitter>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTcpSocket>
#include <QTest>
#include <QAbstractTextDocumentLayout>
#include <QTextBlock>
#include <QTextBrowser>
#include <QTextDocument>
#include <QTextLayout>
#include <QToolButton>

#include <memory>
#include <vector>

using namespace Qt::StringLiterals;

namespace {

const QString kQmDir = QStringLiteral(SW_QM_DIR);

// Whole rows of the table that fit its viewport.
int visibleRows(const QTableView *table)
{
    return table->viewport()->height() / table->verticalHeader()->defaultSectionSize();
}

// How wide a label's text is drawn, in its font, on one line.
int drawnWidth(const QLabel *label)
{
    QString text = label->text();
    const bool rich = label->textFormat() == Qt::RichText
            || (label->textFormat() == Qt::AutoText && Qt::mightBeRichText(text));
    if (rich) {
        QTextDocument doc;
        doc.setDefaultFont(label->font());
        doc.setDocumentMargin(0);
        doc.setHtml(text);
        return qCeil(doc.idealWidth());
    }
    if (label->buddy()) {
        // A mnemonic's "&" is not drawn; "&&" is one "&".
        text.replace(u"&&"_s, u"\x01"_s);
        text.remove(u'&');
        text.replace(u'\x01', u'&');
    }
    int widest = 0;
    for (const QString &line : text.split(u'\n'))
        widest = qMax(widest, label->fontMetrics().horizontalAdvance(line));
    return widest;
}

// The visible one-line labels whose text is wider than the label, unless
// the label cut it with "…" and shows it whole in its tooltip.
QStringList cutLabels(const QWidget *window)
{
    QStringList cut;
    for (const QLabel *label : window->findChildren<QLabel *>()) {
        if (!label->isVisible() || label->wordWrap() || label->text().isEmpty())
            continue;
        if (label->text().contains(u'…') && !label->toolTip().isEmpty())
            continue;
        const int room = label->contentsRect().width() - 2 * qMax(0, label->indent()) - 2 * label->margin();
        const int width = drawnWidth(label);
        if (width > room)
            cut << u"%1 \"%2\": %3 px in %4"_s.arg(label->objectName(), label->text()).arg(width).arg(room);
    }
    return cut;
}

struct SplitterSizes
{
    QList<int> top, main, traffic;
    bool operator==(const SplitterSizes &o) const { return top == o.top && main == o.main && traffic == o.traffic; }
    QString toString() const
    {
        const auto list = [](const QList<int> &l) {
            QStringList parts;
            for (int v : l)
                parts << QString::number(v);
            return parts.join(u',');
        };
        return u"top %1, main %2, traffic %3"_s.arg(list(top), list(main), list(traffic));
    }
};

void settle()
{
    for (int i = 0; i < 3; ++i) {
        QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
        QCoreApplication::processEvents();
    }
}

// A first-run window of the given size with a running TCP server tab, two
// clients and a few dozen events in its traffic table.
struct Rig
{
    Workbench bench;
    std::unique_ptr<MainWindow> window;
    TcpServerSession *server = nullptr;
    std::vector<std::unique_ptr<QTcpSocket>> clients;

    bool open(const QSize &size)
    {
        window = std::make_unique<MainWindow>(&bench);
        server = bench.addTcpServer();
        server->setPort(0);
        if (!server->start())
            return false;
        window->resize(size);
        window->show();
        if (!QTest::qWaitForWindowExposed(window.get()))
            return false;
        for (int i = 0; i < 2; ++i) {
            clients.push_back(std::make_unique<QTcpSocket>());
            clients.back()->connectToHost(server->listenEndpoint().address, server->listenEndpoint().port);
            if (!clients.back()->waitForConnected(5000))
                return false;
        }
        if (!QTest::qWaitFor([this] { return server->clientCount() == 2; }, 5000))
            return false;
        for (int i = 0; i < 20; ++i) {
            QTcpSocket &c = *clients[size_t(i % 2)];
            c.write(u"message %1: GET /index.html HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"_s.arg(i).toUtf8());
            c.flush();
            const quint64 want = quint64(i + 1);
            if (!QTest::qWaitFor([this, want] { return server->counters().messagesIn >= want; }, 5000))
                return false;
        }
        auto *clientsTable = child<QTableView>(u"clientsTable"_s);
        if (!QTest::qWaitFor([clientsTable] { return clientsTable->model()->rowCount() == 2; }, 5000))
            return false;
        settle();
        return true;
    }

    SessionPage *page() const { return window->currentPage(); }
    template<typename T>
    T *child(const QString &name) const { return page()->findChild<T *>(name); }
    TrafficView *traffic() const { return page()->findChild<TrafficView *>(); }

    SplitterSizes sizes() const
    {
        return {child<QSplitter>(u"topSplitter"_s)->sizes(), child<QSplitter>(u"mainSplitter"_s)->sizes(),
                traffic()->findChild<QSplitter *>(u"splitter"_s)->sizes()};
    }
};

} // namespace

class TestSmallScreens : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();
    void serverTabFits_data();
    void serverTabFits();
    void viewTabsLeaveTheSplittersAlone_data();
    void viewTabsLeaveTheSplittersAlone();
    void inspectorShowsEveryFieldUnscrolled();
    void sidePanelCollapsesAndComesBack();
    void lessonTextBreaksBetweenWords_data();
    void lessonTextBreaksBetweenWords();
};

void TestSmallScreens::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(u"socket-workbench-tests"_s);
    QCoreApplication::setApplicationName(u"tst_smallscreens"_s);
    QVERIFY2(QFileInfo::exists(kQmDir + u"/socket-workbench_zh_CN.qm"_s), qPrintable(kQmDir));
}

void TestSmallScreens::init()
{
    QSettings().clear();
}

void TestSmallScreens::cleanup()
{
    Translations::install(u"en"_s, kQmDir);
    QSettings().clear();
}

void TestSmallScreens::serverTabFits_data()
{
    QTest::addColumn<QSize>("size");
    QTest::addColumn<QString>("language");
    QTest::addColumn<int>("rows");
    QTest::addColumn<bool>("labels");   // whether every label must fit
    QTest::newRow("1366x768") << QSize(1366, 768) << u"en"_s << 12 << true;
    QTest::newRow("1366x768 zh_CN") << QSize(1366, 768) << u"zh_CN"_s << 12 << true;
    QTest::newRow("1024x600") << QSize(1024, 600) << u"en"_s << 6 << false;
    QTest::newRow("1024x600 zh_CN") << QSize(1024, 600) << u"zh_CN"_s << 6 << false;
}

void TestSmallScreens::serverTabFits()
{
    QFETCH(QSize, size);
    QFETCH(QString, language);
    QFETCH(int, rows);
    QFETCH(bool, labels);
    QVERIFY(Translations::install(language, kQmDir).app);
    Rig rig;
    QVERIFY(rig.open(size));
    // The window is not pushed past the screen by what it holds.
    QCOMPARE(rig.window->size(), size);
    QVERIFY2(rig.window->minimumSizeHint().height() <= size.height(),
             qPrintable(u"minimum height %1"_s.arg(rig.window->minimumSizeHint().height())));

    QTableView *table = rig.traffic()->table();
    QVERIFY(table->isVisible());
    QVERIFY2(visibleRows(table) >= rows,
             qPrintable(u"%1 rows (viewport %2 px, rows %3 px)"_s.arg(visibleRows(table))
                                .arg(table->viewport()->height())
                                .arg(table->verticalHeader()->defaultSectionSize())));

    auto *send = rig.page()->findChild<SendPanel *>();
    QVERIFY(send->isVisible());
    QVERIFY(send->findChild<QWidget *>(u"sendButton"_s)->isVisible());
    QVERIFY(send->editor()->height() >= send->editor()->minimumHeight());
    auto *side = rig.child<QWidget>(u"sidePanel"_s);
    QVERIFY(side->isVisible());
    QVERIFY2(side->width() >= side->minimumWidth(), qPrintable(QString::number(side->width())));

    // The clients table: no port cut off.
    auto *clients = rig.child<QTableView>(u"clientsTable"_s);
    QVERIFY(clients->isVisible());
    QCOMPARE(clients->model()->rowCount(), 2);
    for (int r = 0; r < 2; ++r) {
        const QString peer = clients->model()->index(r, ConnectionsModel::Peer).data().toString();
        QVERIFY2(clients->fontMetrics().horizontalAdvance(peer) < clients->columnWidth(ConnectionsModel::Peer),
                 qPrintable(peer));
    }

    if (labels) {
        const QStringList cut = cutLabels(rig.window.get());
        QVERIFY2(cut.isEmpty(), qPrintable(cut.join(u"; "_s)));
    }
}

void TestSmallScreens::viewTabsLeaveTheSplittersAlone_data()
{
    QTest::addColumn<QSize>("size");
    QTest::newRow("1366x768") << QSize(1366, 768);
    QTest::newRow("1024x600") << QSize(1024, 600);
}

void TestSmallScreens::viewTabsLeaveTheSplittersAlone()
{
    QFETCH(QSize, size);
    Rig rig;
    QVERIFY(rig.open(size));
    auto *views = rig.child<QTabWidget>(u"viewTabs"_s);
    // traffic, lifecycle, sequence, byte stream, statistics, command sequences, reply rules, TCP states
    QCOMPARE(views->count(), 8);
    const SplitterSizes before = rig.sizes();
    QStringList moved;
    for (int round = 0; round < 2; ++round) {
        for (int i = 0; i < views->count(); ++i) {
            views->setCurrentIndex(i);
            settle();
            if (!(rig.sizes() == before))
                moved << u"%1: %2"_s.arg(views->tabText(i), rig.sizes().toString());
            if (rig.window->size() != size)
                moved << u"%1: window %2x%3"_s.arg(views->tabText(i)).arg(rig.window->width()).arg(rig.window->height());
        }
    }
    QVERIFY2(moved.isEmpty(), qPrintable(u"from %1: "_s.arg(before.toString()) + moved.join(u"; "_s)));
}

void TestSmallScreens::inspectorShowsEveryFieldUnscrolled()
{
    Rig rig;
    QVERIFY(rig.open(QSize(1366, 768)));
    auto *clients = rig.child<QTableView>(u"clientsTable"_s);
    clients->selectRow(0);
    auto *tabs = rig.child<QTabWidget>(u"sideTabs"_s);
    QVERIFY(tabs);
    // A double click on a client opens its details.
    emit clients->doubleClicked(clients->model()->index(0, ConnectionsModel::Peer));
    auto *inspector = rig.page()->findChild<PeerInspector *>();
    QTRY_VERIFY(inspector->isVisible());
    QCOMPARE(inspector->connectionId(), clients->model()->index(0, 0).data(ConnectionsModel::IdRole).toUInt());
    settle();
    auto *scroll = rig.child<QScrollArea>(u"peerInspectorScroll"_s);
    QVERIFY(!scroll->verticalScrollBar()->isVisible());
    QVERIFY(!scroll->horizontalScrollBar()->isVisible());
    for (const QLabel *value : inspector->findChildren<QLabel *>()) {
        if (!value->objectName().endsWith(u"Value"_s))
            continue;
        QVERIFY2(value->isVisible(), qPrintable(value->objectName()));
        const QRect inView(value->mapTo(scroll->viewport(), QPoint(0, 0)), value->size());
        QVERIFY2(scroll->viewport()->rect().contains(inView), qPrintable(value->objectName()));
    }
    const QStringList cut = cutLabels(rig.window.get());
    QVERIFY2(cut.isEmpty(), qPrintable(cut.join(u"; "_s)));
}

void TestSmallScreens::sidePanelCollapsesAndComesBack()
{
    Rig rig;
    QVERIFY(rig.open(QSize(1024, 600)));
    auto *side = rig.child<QWidget>(u"sidePanel"_s);
    auto *top = rig.child<QSplitter>(u"topSplitter"_s);
    auto *button = rig.child<QToolButton>(u"sidePanelButton"_s);
    QVERIFY(button && button->isVisible() && button->isChecked());
    const int width = side->width();
    const int rowsBefore = visibleRows(rig.traffic()->table());
    QVERIFY(width > 0);

    button->click();
    settle();
    QCOMPARE(top->sizes().value(1), 0);
    QVERIFY(!button->isChecked());
    QVERIFY(rig.traffic()->width() > top->width() - width / 2);

    button->click();
    settle();
    QVERIFY(button->isChecked());
    QCOMPARE(top->sizes().value(1), width);
    QCOMPARE(visibleRows(rig.traffic()->table()), rowsBefore);

    // Dragging the handle to the edge collapses it too; the button follows.
    QWidget *handle = top->handle(1);
    const QPoint grip = handle->rect().center();
    QTest::mousePress(handle, Qt::LeftButton, {}, grip);
    QTest::mouseMove(handle, grip + QPoint(width, 0));
    QTest::mouseRelease(handle, Qt::LeftButton, {}, grip + QPoint(width, 0));
    settle();
    QCOMPARE(top->sizes().value(1), 0);
    QVERIFY(!button->isChecked());
    button->click();
    settle();
    QVERIFY(top->sizes().value(1) > 0);
}

void TestSmallScreens::lessonTextBreaksBetweenWords_data()
{
    QTest::addColumn<QSize>("size");
    QTest::addColumn<QString>("language");
    QTest::newRow("1366x768") << QSize(1366, 768) << u"en"_s;
    QTest::newRow("1366x768 zh_CN") << QSize(1366, 768) << u"zh_CN"_s;
}

// Every lesson's explanation in the dock made as narrow as it goes: lines
// end between words (or between Chinese characters), never inside a word,
// and the dock is still wide enough to read.
void TestSmallScreens::lessonTextBreaksBetweenWords()
{
    QFETCH(QSize, size);
    QFETCH(QString, language);
    QVERIFY(Translations::install(language, kQmDir).app);
    Workbench bench;
    MainWindow window(&bench);
    window.resize(size);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QStringList broken;
    for (const LessonLibrary::Lesson &lesson : LessonLibrary::all()) {
        // A lesson over one whose tabs moved data asks first; each lesson here starts afresh.
        window.findChild<QAction *>(u"actionCloseAllTabs"_s)->trigger();
        QVERIFY(window.startLesson(lesson.id));
        auto *dock = window.findChild<QDockWidget *>(u"lessonDock"_s);
        window.resizeDocks({dock}, {1}, Qt::Horizontal);
        settle();
        QCOMPARE(window.size(), size);
        auto *browser = window.lessonPanel()->findChild<QTextBrowser *>();
        QVERIFY(browser->isVisible());
        QVERIFY2(browser->width() >= 30 * browser->fontMetrics().averageCharWidth(),
                 qPrintable(QString::number(browser->width())));
        QTextDocument *doc = browser->document();
        for (QTextBlock block = doc->begin(); block.isValid(); block = block.next()) {
            const QString text = block.text();
            QTextLayout *layout = block.layout();
            for (int i = 0; i + 1 < layout->lineCount(); ++i) {
                const int end = layout->lineAt(i).textStart() + layout->lineAt(i).textLength();
                if (end <= 0 || end >= text.size())
                    continue;
                const QChar before = text.at(end - 1);
                const QChar after = text.at(end);
                const bool between = before.isSpace() || after.isSpace() || before.unicode() >= 0x2e80
                        || after.unicode() >= 0x2e80 || before == u'-' || before == u'/';
                if (!between)
                    broken << u"%1: \"%2|%3\""_s.arg(lesson.id, text.mid(qMax(0, end - 12), 12), text.mid(end, 12));
            }
        }
    }
    QVERIFY2(broken.isEmpty(), qPrintable(broken.join(u"; "_s)));
}

QTEST_MAIN(TestSmallScreens)
#include "tst_smallscreens.moc"
