// The traffic table: what a batch of new events costs once the log's batched
// `changed` notice reaches the model (and, when attached, the real
// TrafficView with its filter proxy and QTableView), and what one repaint of
// the visible rows asks of TrafficLogModel::data().

#include "BenchData.h"
#include "core/log/TrafficLog.h"
#include "core/net/UdpSession.h"
#include "ui/traffic/TrafficLogModel.h"
#include "ui/traffic/TrafficView.h"

#include <QCoreApplication>
#include <QModelRoleData>
#include <QTableView>

#include <benchmark/benchmark.h>

#include <array>
#include <memory>

namespace {

constexpr qsizetype kSmallPayload = 64;

void appendEvents(TrafficLog *log, const TrafficEvent &tmpl, const QByteArray &payload, qint64 n)
{
    for (qint64 i = 0; i < n; ++i) {
        TrafficEvent e = tmpl;
        e.payload = QByteArray(payload.constData(), payload.size());
        log->append(std::move(e));
    }
}

// Runs the event loop until the log's notice has reached the model (the
// model shows exactly the serial range the log holds); with a visible view,
// also until the repaint that the notice scheduled is done.
void deliver(const TrafficLog *log, const TrafficLogModel *model, bool painted)
{
    while (model->firstSerial() != log->firstSerial() || model->endSerial() != log->totalAppended())
        QCoreApplication::processEvents();
    if (painted)
        QCoreApplication::sendPostedEvents();
}

// The same without waiting for the log's timer: the notice the timer would
// send is sent now. While events keep coming the log spaces its notices
// 100 ms apart, and deliver() would count that wait, spent polling the
// event loop, as the cost of a notice.
void notifyNow(TrafficLog *log, const TrafficLogModel *model, bool painted)
{
    const SerialSpan held = log->span();
    emit log->changed(held, SerialSpan{model->endSerial(), held.end});
    if (painted)
        QCoreApplication::sendPostedEvents();
}

enum Attach { ModelOnly = 0, HiddenView = 1, VisibleView = 2 };

// range(0): events per notice; range(1): Attach; range(2): byte budget in
// MiB (64 = the default; how many rows that holds: sw_log_memory). The log is full,
// so every batch also drops as many rows from the top.
void BM_ModelBatchInsert(benchmark::State &state)
{
    const qint64 batch = state.range(0);
    const auto attach = Attach(state.range(1));
    const qint64 budget = state.range(2) * 1024 * 1024;
    const QByteArray payload = bench::textPayload(kSmallPayload);
    const TrafficEvent tmpl = bench::dataEventTemplate();

    UdpSession session;
    TrafficLog *log = session.log();
    log->setNotifyInterval(0);
    log->setByteBudget(budget);
    while (log->droppedEvents() == 0)
        appendEvents(log, tmpl, payload, 1000);

    std::unique_ptr<TrafficLogModel> ownModel;
    std::unique_ptr<TrafficView> view;
    const TrafficLogModel *model = nullptr;
    if (attach == ModelOnly) {
        ownModel = std::make_unique<TrafficLogModel>(&session);
        model = ownModel.get();
    } else {
        view = std::make_unique<TrafficView>();
        view->resize(1000, 640);
        view->setSession(&session);
        if (attach == VisibleView)
            view->show();
        model = view->model();
    }
    deliver(log, model, attach == VisibleView);
    for (int i = 0; i < 5; ++i)
        QCoreApplication::processEvents();

    for (auto _ : state) {
        appendEvents(log, tmpl, payload, batch);
        notifyNow(log, model, attach == VisibleView);
    }

    state.SetItemsProcessed(state.iterations() * batch);
    state.SetBytesProcessed(state.iterations() * batch * int64_t(payload.size()));
    state.counters["rows"] = double(model->rowCount());
}

enum Rendering { Utf8 = 0, Gbk = 1, Hex = 2 };

constexpr int kVisibleRows = 40;

// One repaint's worth of data(): 40 visible rows x 5 columns, each cell asked
// for the roles QStyledItemDelegate::initStyleOption() reads (one
// multiData() call per cell, as the delegate does). range(0): payload bytes
// (the preview renders at most 200 of them); range(1): Rendering.
void BM_ModelDataVisibleRows(benchmark::State &state)
{
    const qsizetype size = qsizetype(state.range(0));
    const auto rendering = Rendering(state.range(1));
    const QString encoding = rendering == Gbk ? QStringLiteral("GBK") : QStringLiteral("UTF-8");
    const QByteArray payload = bench::textPayload(size, encoding);
    const TrafficEvent tmpl = bench::dataEventTemplate();

    UdpSession session;
    TrafficLogModel model(&session);
    model.setEncoding(encoding);
    model.setHexMode(rendering == Hex);
    appendEvents(session.log(), tmpl, payload, 1000);
    session.log()->setNotifyInterval(0);
    deliver(session.log(), &model, false);

    std::array<QModelRoleData, 7> roles{
            QModelRoleData(Qt::FontRole), QModelRoleData(Qt::TextAlignmentRole),
            QModelRoleData(Qt::ForegroundRole), QModelRoleData(Qt::CheckStateRole),
            QModelRoleData(Qt::DecorationRole), QModelRoleData(Qt::DisplayRole),
            QModelRoleData(Qt::BackgroundRole)};
    int first = 0;
    for (auto _ : state) {
        for (int row = first; row < first + kVisibleRows; ++row) {
            for (int col = 0; col < TrafficLogModel::ColumnCount; ++col) {
                model.multiData(model.index(row, col), roles);
                benchmark::DoNotOptimize(roles);
            }
        }
        // Scroll a little between repaints, like a view following new rows.
        first = (first + 7) % (1000 - kVisibleRows);
    }
    state.SetItemsProcessed(state.iterations() * kVisibleRows * TrafficLogModel::ColumnCount);
    state.SetLabel("items = cells");
}

// The whole repaint of the real traffic table (TrafficView's QTableView on
// the offscreen platform, 1000x640 window): delegates, text layout, painting
// into the backing store. range(0): payload bytes; range(1): Rendering.
void BM_TrafficTableRepaint(benchmark::State &state)
{
    const qsizetype size = qsizetype(state.range(0));
    const auto rendering = Rendering(state.range(1));
    const QString encoding = rendering == Gbk ? QStringLiteral("GBK") : QStringLiteral("UTF-8");
    const QByteArray payload = bench::textPayload(size, encoding);
    const TrafficEvent tmpl = bench::dataEventTemplate();

    UdpSession session;
    appendEvents(session.log(), tmpl, payload, 1000);
    TrafficView view;
    view.resize(1000, 640);
    view.setSession(&session);
    view.setEncoding(encoding);
    view.setHexMode(rendering == Hex);
    view.show();
    for (int i = 0; i < 10; ++i)
        QCoreApplication::processEvents();

    QWidget *viewport = view.table()->viewport();
    for (auto _ : state)
        viewport->repaint();
    state.counters["visible_rows"] =
            double(view.table()->rowAt(viewport->height() - 1) - view.table()->rowAt(0) + 1);
}

} // namespace

BENCHMARK(BM_ModelBatchInsert)
    ->ArgNames({"batch", "attach", "budgetMiB"})
    ->ArgsProduct({{1, 100, 10000}, {ModelOnly, HiddenView, VisibleView}, {64}})
    // How the view's cost per notice grows with the number of rows.
    ->Args({1, HiddenView, 8})
    ->Args({1, HiddenView, 16})
    ->Args({1, HiddenView, 32})
    ->Unit(benchmark::kMicrosecond);

BENCHMARK(BM_ModelDataVisibleRows)
    ->ArgNames({"payload", "render"})
    ->Args({64, Utf8})
    ->Args({65536, Utf8})
    ->Args({64, Gbk})
    ->Args({64, Hex})
    ->Unit(benchmark::kMicrosecond);

BENCHMARK(BM_TrafficTableRepaint)
    ->ArgNames({"payload", "render"})
    ->Args({64, Utf8})
    ->Args({64, Gbk})
    ->Args({64, Hex})
    ->Unit(benchmark::kMicrosecond);
