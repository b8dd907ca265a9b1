// The receive path of a session after the socket read: what a TCP session
// does with the bytes of one read (per-connection and per-session counts,
// the event, the log append, the announcement to a listener, framing). The
// log is full, so every append also drops the oldest event.

#include "BenchData.h"
#include "core/log/TrafficLog.h"
#include "core/net/Session.h"

#include <benchmark/benchmark.h>

namespace {

// A session with no socket: the benchmark hands it reads as a TCP server's
// connection would.
class ReadingSession : public Session
{
public:
    ReadingSession()
        : Session(SessionKind::TcpServer, nullptr)
    {
        m_info.id = 1;
        m_info.local = Endpoint{QHostAddress(QHostAddress::LocalHost), 8000};
        m_info.peer = Endpoint{QHostAddress(QHostAddress::LocalHost), 51234};
    }

    bool start() override { return true; }
    void stop() override {}
    SendResult send(const QByteArray &) override { return SendResult::failure(QString()); }
    QList<ConnectionInfo> connections() const override { return {m_info}; }

    // As TcpServerSession::onReadyRead up to the auto-reply.
    void received(const QByteArray &data)
    {
        TrafficEvent e = makeEvent(TrafficEvent::Kind::Data, m_info.id);
        e.local = m_info.local;
        e.peer = m_info.peer;
        e.direction = TrafficEvent::Direction::In;
        e.payload = data;
        record(std::move(e), &m_info);
    }

private:
    ConnectionInfo m_info;
};

// range(0): payload bytes; range(1): 1 = framed by lines (each read holds
// whole lines: one frame event per line), 0 = no framing.
void BM_SessionRecordRead(benchmark::State &state)
{
    const qsizetype size = qsizetype(state.range(0));
    const bool framed = state.range(1) != 0;
    QByteArray payload = bench::textPayload(size - 1);
    payload += '\n';

    ReadingSession session;
    if (framed)
        session.setFraming(FramingSpec::line());
    quint64 seen = 0;
    QObject::connect(&session, &Session::eventOccurred, &session, [&seen](const TrafficEvent &) { ++seen; });
    TrafficLog *log = session.log();
    while (log->droppedEvents() == 0)
        session.received(QByteArray(payload.constData(), payload.size()));

    for (auto _ : state)
        session.received(QByteArray(payload.constData(), payload.size()));

    state.SetItemsProcessed(state.iterations());
    state.SetBytesProcessed(state.iterations() * int64_t(size));
    state.counters["events/read"] = double(seen) / double(qMax<quint64>(1, session.counters().messagesIn));
}

} // namespace

BENCHMARK(BM_SessionRecordRead)
    ->ArgNames({"payload", "framed"})
    ->Args({32, 0})
    ->Args({32, 1})
    ->Args({4096, 0});
