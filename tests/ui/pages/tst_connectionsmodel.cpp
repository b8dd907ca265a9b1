// QAbstractItemModelTester over ConnectionsModel while real clients connect
// to a TCP server session on loopback in waves, send, and leave: a block at
// a time (each run of gone rows is one removal), scattered over the table
// (more runs than the model removes one by one: a reset), or all at once,
// by FIN or by RST. The tester fails the test on any notice that does not
// match what the model then holds; after each wave the model must list
// exactly the session's connections, first seen first.

#include "core/net/TcpServerSession.h"
#include "ui/pages/ConnectionsModel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTableView>
#include <QTcpSocket>
#include <QTest>

#include <algorithm>
#include <memory>
#include <vector>

using namespace Qt::StringLiterals;

namespace {

// Which clients of a wave leave, by their place among the wave's clients.
enum class Leave { Block, TwoBlocks, EveryOther, All };

bool leaves(Leave pattern, int i, int count)
{
    switch (pattern) {
    case Leave::Block: return i >= count / 4 && i < count / 2;
    case Leave::TwoBlocks: return (i >= 2 && i < 8) || (i >= count - 6 && i < count - 2);
    case Leave::EveryOther: return i % 2 == 1;
    case Leave::All: return true;
    }
    return false;
}

// What differs between the model and the session's connections; empty when
// they agree (rows in the order the ids were first seen: ascending).
QString mismatch(const ConnectionsModel &model, const TcpServerSession &server)
{
    QList<quint32> ids;
    for (const ConnectionInfo &c : server.connections())
        ids << c.id;
    std::sort(ids.begin(), ids.end());
    if (model.rowCount() != ids.size())
        return u"%1 rows for %2 connections"_s.arg(model.rowCount()).arg(ids.size());
    for (int row = 0; row < model.rowCount(); ++row) {
        if (model.idAt(row) != ids.at(row))
            return u"row %1 is #%2, not #%3"_s.arg(row).arg(model.idAt(row)).arg(ids.at(row));
        if (model.rowOf(ids.at(row)) != row)
            return u"#%1 is said to be in row %2, not %3"_s.arg(ids.at(row)).arg(model.rowOf(ids.at(row))).arg(row);
    }
    return {};
}

} // namespace

Q_DECLARE_METATYPE(Leave)

class TestConnectionsModel : public QObject
{
    Q_OBJECT
private slots:
    void clientsComeSendAndLeaveInWaves_data();
    void clientsComeSendAndLeaveInWaves();
};

void TestConnectionsModel::clientsComeSendAndLeaveInWaves_data()
{
    QTest::addColumn<Leave>("pattern");
    QTest::addColumn<bool>("reset");         // leave by RST instead of FIN
    QTest::addColumn<bool>("modelResets");   // the scattered rows are one reset, not removals

    QTest::newRow("a block, FIN") << Leave::Block << false << false;
    QTest::newRow("two blocks, RST") << Leave::TwoBlocks << true << false;
    QTest::newRow("every other, FIN") << Leave::EveryOther << false << true;
    QTest::newRow("all, RST") << Leave::All << true << false;
}

void TestConnectionsModel::clientsComeSendAndLeaveInWaves()
{
    QFETCH(Leave, pattern);
    QFETCH(bool, reset);
    QFETCH(bool, modelResets);

    TcpServerSession server;
    server.setPort(0);
    server.setKeepOpenOnPeerFin(false);   // a client's FIN ends its connection
    QVERIFY(server.start());
    ConnectionsModel model(&server);
    model.setRefreshInterval(20);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    // A view keeps persistent indexes (its selection) across every change.
    QTableView view;
    view.setModel(&model);
    view.resize(600, 400);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);

    constexpr int kWaves = 3;
    constexpr int kPerWave = 72;   // every other one leaving: 36 runs, more than one by one
    const Endpoint at = server.listenEndpoint();
    std::vector<std::unique_ptr<QTcpSocket>> clients;
    for (int wave = 0; wave < kWaves; ++wave) {
        const size_t first = clients.size();
        for (int i = 0; i < kPerWave; ++i) {
            clients.push_back(std::make_unique<QTcpSocket>());
            clients.back()->connectToHost(at.address, at.port);
        }
        for (size_t i = first; i < clients.size(); ++i)
            QVERIFY(clients[i]->waitForConnected(5000));
        const int open = int(std::count_if(clients.begin(), clients.end(), [](const auto &c) {
            return c->state() == QAbstractSocket::ConnectedState;
        }));
        QTRY_COMPARE(server.clientCount(), open);
        QTRY_COMPARE(mismatch(model, server), QString());
        if (!view.selectionModel()->hasSelection() && model.rowCount() > 0)
            view.selectRow(model.rowCount() / 2);

        // Counters move under rows the view shows.
        const qsizetype changesBefore = changed.size();
        for (size_t i = first; i < clients.size(); i += 3) {
            clients[i]->write("ping");
            clients[i]->flush();
        }
        QTRY_VERIFY(changed.size() > changesBefore);

        int leaving = 0;
        for (int i = 0; i < kPerWave; ++i) {
            QTcpSocket *c = clients[first + size_t(i)].get();
            if (!leaves(pattern, i, kPerWave))
                continue;
            ++leaving;
            if (reset)
                c->abort();
            else
                c->disconnectFromHost();
        }
        QTRY_COMPARE(server.clientCount(), open - leaving);
        QTRY_COMPARE(mismatch(model, server), QString());
    }

    QVERIFY(inserted.size() >= kWaves);
    QVERIFY(!changed.isEmpty());
    if (modelResets) {
        QVERIFY(!resets.isEmpty());
    } else {
        QCOMPARE(resets.size(), 0);
        QVERIFY(!removed.isEmpty());
    }

    // Stopping the server empties the table.
    server.stop();
    QTRY_COMPARE(model.rowCount(), 0);
}

QTEST_MAIN(TestConnectionsModel)
#include "tst_connectionsmodel.moc"
