// QAbstractItemModelTester over the traffic table's two models, in a
// TrafficView over a real TCP server session on loopback, while real
// clients send bursts into a log whose byte budget is so small that old
// rows are dropped as new ones arrive, the server answers, a client leaves
// and another comes, and the filters, the encoding and hex change under the
// flood. The tester fails the test on any notice that does not match what
// the model then holds; the test itself checks the rows against the log.

#include "core/log/TrafficLog.h"
#include "core/net/TcpServerSession.h"
#include "ui/traffic/TrafficFilterModel.h"
#include "ui/traffic/TrafficLogModel.h"
#include "ui/traffic/TrafficView.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTableView>
#include <QTcpSocket>
#include <QTest>

#include <functional>
#include <memory>
#include <vector>

using namespace Qt::StringLiterals;

namespace {

using Direction = TrafficFilterModel::DirectionFilter;

// One change of what the table shows, made the way the user makes it.
struct Step
{
    const char *what;
    std::function<void(TrafficView &)> apply;
};

void pickDirection(TrafficView &view, Direction direction)
{
    auto *combo = view.findChild<QComboBox *>(u"directionCombo"_s);
    combo->setCurrentIndex(combo->findData(int(direction)));
}

void typeFilter(TrafficView &view, const QString &text)
{
    auto *edit = view.findChild<QLineEdit *>(u"filterEdit"_s);
    edit->setText(text);
    QTest::keyClick(edit, Qt::Key_Return);   // applies at once, without the typing pause
}

void pickLastPeer(TrafficView &view)
{
    auto *combo = view.findChild<QComboBox *>(u"peerCombo"_s);
    combo->setCurrentIndex(combo->count() - 1);
}

const std::vector<Step> &steps()
{
    static const std::vector<Step> all{
        {"received only", [](TrafficView &v) { pickDirection(v, Direction::In); }},
        {"text of client 1", [](TrafficView &v) { typeFilter(v, u"c1:"_s); }},
        {"sent only", [](TrafficView &v) { pickDirection(v, Direction::Out); }},
        {"no text", [](TrafficView &v) { typeFilter(v, QString()); }},
        {"connection events", [](TrafficView &v) { pickDirection(v, Direction::Events); }},
        {"all events", [](TrafficView &v) { pickDirection(v, Direction::All); }},
        {"hex of client 2", [](TrafficView &v) { typeFilter(v, u"63 32 3a"_s); }},
        {"Latin-1", [](TrafficView &v) { v.setEncoding(u"ISO-8859-1"_s); }},
        {"hex", [](TrafficView &v) { v.setHexMode(true); }},
        {"one peer", [](TrafficView &v) { pickLastPeer(v); }},
        {"text again", [](TrafficView &v) { v.setHexMode(false); }},
        {"every peer, no text", [](TrafficView &v) {
             auto *peers = v.findChild<QComboBox *>(u"peerCombo"_s);
             peers->setCurrentIndex(0);
             typeFilter(v, QString());
         }},
    };
    return all;
}

// What differs between the log and the two models, once every notice is
// delivered; empty when the models show exactly what they should.
QString mismatch(const TrafficLog &log, const TrafficLogModel &model, const TrafficFilterModel &filter)
{
    if (model.firstSerial() != log.firstSerial() || model.rowCount() != int(log.size()))
        return u"the model shows %1 rows from serial %2, the log holds %3 from %4"_s.arg(model.rowCount())
                .arg(model.firstSerial()).arg(log.size()).arg(log.firstSerial());
    for (int row = 0; row < model.rowCount(); ++row) {
        if (model.eventAt(row)->payload != log.at(row).payload)
            return u"row %1 of the model is not the log's event %1"_s.arg(row);
    }
    std::vector<quint64> accepted;
    for (qsizetype i = 0; i < log.size(); ++i) {
        if (filter.accepts(log.at(i)))
            accepted.push_back(log.firstSerial() + quint64(i));
    }
    if (filter.rowCount() != int(accepted.size()))
        return u"the filter shows %1 rows of %2 it accepts"_s.arg(filter.rowCount()).arg(accepted.size());
    for (int row = 0; row < filter.rowCount(); ++row) {
        if (filter.serialAt(row) != accepted[size_t(row)])
            return u"row %1 of the filter is serial %2, not %3"_s.arg(row).arg(filter.serialAt(row)).arg(accepted[size_t(row)]);
    }
    return {};
}

bool settled(const TrafficLog &log, const TrafficLogModel &model)
{
    return model.firstSerial() == log.firstSerial() && model.endSerial() == log.totalAppended();
}

QByteArray burst(int client, int round, int bytes)
{
    QByteArray b = u"c%1:%2 "_s.arg(client).arg(round).toLatin1();
    while (b.size() < bytes)
        b += char('a' + (b.size() + round) % 26);
    return b;
}

} // namespace

class TestTrafficModels : public QObject
{
    Q_OBJECT
private slots:
    void floodDropsRowsWhileTheyArrive_data();
    void floodDropsRowsWhileTheyArrive();
};

void TestTrafficModels::floodDropsRowsWhileTheyArrive_data()
{
    QTest::addColumn<int>("budget");        // the log's byte budget
    QTest::addColumn<int>("payloadBytes");  // each client's burst
    QTest::addColumn<int>("clients");

    // Many small rows: a notice drops a few from the top and adds many.
    QTest::newRow("small bursts, 4 KiB") << 4096 << 48 << 3;
    // A notice drops about as many rows as it adds.
    QTest::newRow("1 KiB bursts, 12 KiB") << 12 * 1024 << 1024 << 4;
    // Bursts larger than the budget: a notice may find every row it showed
    // gone, and the new rows dropped before the view asked for them.
    QTest::newRow("bursts over the budget") << 4096 << 6000 << 2;
}

void TestTrafficModels::floodDropsRowsWhileTheyArrive()
{
    QFETCH(int, budget);
    QFETCH(int, payloadBytes);
    QFETCH(int, clients);

    TcpServerSession server;
    server.setPort(0);
    server.setKeepOpenOnPeerFin(false);
    QVERIFY(server.start());
    TrafficView view;
    view.setSession(&server);
    view.resize(900, 500);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    TrafficLog *log = server.log();
    log->setByteBudget(budget);

    TrafficLogModel *model = view.model();
    TrafficFilterModel *filter = view.filterModel();
    QAbstractItemModelTester modelTester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester filterTester(filter, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy modelRemoved(model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy filterRemoved(filter, &QAbstractItemModel::rowsRemoved);
    QSignalSpy filterInserted(filter, &QAbstractItemModel::rowsInserted);
    QSignalSpy modelResets(model, &QAbstractItemModel::modelReset);
    QSignalSpy filterResets(filter, &QAbstractItemModel::modelReset);
    QSignalSpy filterLayouts(filter, &QAbstractItemModel::layoutChanged);

    const Endpoint at = server.listenEndpoint();
    std::vector<std::unique_ptr<QTcpSocket>> peers;
    const auto connectPeer = [&] {
        auto peer = std::make_unique<QTcpSocket>();
        peer->connectToHost(at.address, at.port);
        const bool ok = peer->waitForConnected(5000);
        peers.push_back(std::move(peer));
        return ok;
    };
    for (int i = 0; i < clients; ++i)
        QVERIFY(connectPeer());
    QTRY_COMPARE(server.clientCount(), clients);

    constexpr int kRounds = 36;
    quint64 bytesIn = 0;
    for (int round = 0; round < kRounds; ++round) {
        for (size_t i = 0; i < peers.size(); ++i) {
            if (peers[i]->state() != QAbstractSocket::ConnectedState)
                continue;
            const QByteArray bytes = burst(int(i), round, payloadBytes);
            peers[i]->write(bytes);
            peers[i]->flush();
            bytesIn += quint64(bytes.size());
        }
        if (round % 3 == 0)
            QVERIFY(server.send(u"s:%1 "_s.arg(round).toLatin1().repeated(4)).ok());
        if (round == kRounds / 2) {
            // A client leaves and another comes: rows without a payload.
            peers.front()->disconnectFromHost();
            QVERIFY(connectPeer());
        }
        const Step &step = steps()[size_t(round) % steps().size()];
        step.apply(view);
        if (round % 5 == 0 && filter->rowCount() > 0)
            view.table()->selectRow(filter->rowCount() / 2);
        QVERIFY2(QTest::qWaitFor([&] { return server.counters().bytesIn >= bytesIn; }, 5000), step.what);
        QTest::qWait(round % 4 == 0 ? 60 : 0);   // now and then a notice goes out between bursts
    }

    // Every notice delivered: the table shows what the log holds.
    QTRY_VERIFY(settled(*log, *model));
    QVERIFY2(log->droppedEvents() > 0, "the budget dropped nothing: the flood tested no drops");
    QCOMPARE(mismatch(*log, *model, *filter), QString());

    // Filtered again over what is left (the last bursts came in), then new
    // rows tested as they come while old ones leave.
    pickDirection(view, Direction::In);
    QCOMPARE(mismatch(*log, *model, *filter), QString());
    QVERIFY(filter->rowCount() > 0);
    const quint64 dropped = log->droppedEvents();
    for (int round = kRounds; round < kRounds + 6; ++round) {
        const QByteArray bytes = burst(1, round, payloadBytes);
        peers[1]->write(bytes);
        peers[1]->flush();
        bytesIn += quint64(bytes.size());
        QVERIFY(QTest::qWaitFor([&] { return server.counters().bytesIn >= bytesIn; }, 5000));
    }
    QTRY_VERIFY(settled(*log, *model));
    QVERIFY(log->droppedEvents() > dropped);
    QCOMPARE(mismatch(*log, *model, *filter), QString());

    QVERIFY(!modelRemoved.isEmpty());
    QVERIFY(!filterRemoved.isEmpty());
    QVERIFY(!filterInserted.isEmpty());
    QVERIFY(!filterLayouts.isEmpty());
    // Bursts and filter changes are inserts, removals and layout changes,
    // never a reset.
    QCOMPARE(modelResets.size(), 0);
    QCOMPARE(filterResets.size(), 0);
}

QTEST_MAIN(TestTrafficModels)
#include "tst_trafficmodels.moc"
