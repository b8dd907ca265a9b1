// The clients table with 10,000 connections: what one refresh costs when one
// counter moved, and when every second client left at once (thousands of
// scattered runs of rows: one reset), with a visible QTableView attached.

#include "core/net/Session.h"
#include "ui/pages/ConnectionsModel.h"

#include <QCoreApplication>
#include <QTableView>

#include <benchmark/benchmark.h>

namespace {

// A session whose connection list the benchmark writes.
class ListedSession : public Session
{
public:
    ListedSession()
        : Session(SessionKind::TcpServer, nullptr)
    {
    }
    bool start() override { return true; }
    void stop() override {}
    SendResult send(const QByteArray &) override { return SendResult::failure(QStringLiteral("not here")); }
    QList<ConnectionInfo> connections() const override { return list; }
    QList<ConnectionInfo> list;
};

QList<ConnectionInfo> clients(quint32 first, quint32 count)
{
    QList<ConnectionInfo> list;
    list.reserve(count);
    for (quint32 id = first; id < first + count; ++id) {
        ConnectionInfo c;
        c.id = id;
        c.local = Endpoint{QHostAddress(QHostAddress::LocalHost), 9000};
        c.peer = Endpoint{QHostAddress(QHostAddress::LocalHost), quint16(10000 + id % 50000)};
        c.sinceUs = 1700000000000000 + id;
        c.state = QStringLiteral("connected");
        list.append(c);
    }
    return list;
}

void BM_ConnectionsRefreshOneChanged(benchmark::State &state)
{
    ListedSession session;
    session.list = clients(1, quint32(state.range(0)));
    ConnectionsModel model(&session);
    QTableView view;
    view.setModel(&model);
    view.resize(1000, 400);
    view.show();
    QCoreApplication::processEvents();
    quint64 n = 0;
    for (auto _ : state) {
        ++n;
        session.list[qsizetype(n % quint64(session.list.size()))].bytesIn = n;
        model.refresh();
        QCoreApplication::processEvents();
    }
}

void BM_ConnectionsHalfLeave(benchmark::State &state)
{
    ListedSession session;
    const auto all = clients(1, quint32(state.range(0)));
    QList<ConnectionInfo> half;
    for (const ConnectionInfo &c : all)
        if (c.id % 2 == 0)
            half.append(c);
    ConnectionsModel model(&session);
    QTableView view;
    view.setModel(&model);
    view.resize(1000, 400);
    view.show();
    for (auto _ : state) {
        state.PauseTiming();
        session.list = all;
        model.refresh();
        QCoreApplication::processEvents();
        session.list = half;
        state.ResumeTiming();
        model.refresh();  // every second row gone: one reset
        QCoreApplication::processEvents();
    }
}

} // namespace

BENCHMARK(BM_ConnectionsRefreshOneChanged)->ArgName("clients")->Arg(1000)->Arg(10000)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_ConnectionsHalfLeave)->ArgName("clients")->Arg(1000)->Arg(10000)->Unit(benchmark::kMillisecond);
