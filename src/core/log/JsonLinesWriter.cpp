#include "core/log/JsonLinesWriter.h"

#include "core/log/StateReport.h"

#include "core/net/Session.h"
#include "core/os/WorkerThread.h"
#include "core/text/TextCodec.h"

#include <QFile>

#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <mutex>
#include <stop_token>

namespace {
// What one queued event costs besides its payload (the event, its
// addresses, the queue's slot): counted with the payload against the limit,
// so a flood of tiny messages is bounded too.
constexpr qint64 kItemOverhead = 256;
// The worker gives back queued bytes (and may release the backlog) after
// formatting this much.
constexpr qint64 kProgressStep = 1 << 20;
using Clock = std::chrono::steady_clock;
} // namespace

struct JsonLinesWriter::Worker
{
    struct Item
    {
        TrafficEvent event;
        QString encoding;
    };

    explicit Worker(JsonLinesWriter *owner)
        : owner(owner)
    {
    }

    void run(const std::stop_token &stop);
    void writeOut();
    // Under the lock: gives back `bytes` and asks the owner to look when a
    // backlog may be over or a write failed.
    void giveBack(qint64 bytes);
    // Under the lock: reported backlogged and now under a quarter of the limit.
    bool backlogOver() const { return backlogged && queued <= limit / 4; }

    JsonLinesWriter *const owner;

    std::mutex mutex;
    std::condition_variable_any wake;  // to the worker: items, a flush (a stop wakes it too)
    std::condition_variable flushed;   // to flush()
    std::deque<Item> queue;
    qint64 queued = 0;                 // queued or being formatted, with kItemOverhead each
    qint64 peakQueued = 0;
    qint64 limit = kDefaultBacklogLimit;
    bool backlogged = false;           // backlogged(true) was reported, not yet (false)
    bool progressPosted = false;
    quint64 flushRequested = 0;
    quint64 flushDone = 0;
    quint64 fileWrites = 0;
    qint64 peakBuffered = 0;
    QString error;

    // The worker's own, no lock: the file between open() and close(), the
    // formatted lines not yet written, the decoders.
    QFile file;
    QByteArray buffer;
    Clock::time_point oldest;
    ConnectionDecoders decoders;

    // Last: stopped and joined before the rest goes. Stopping writes out
    // everything queued first.
    WorkerThread thread;
};

void JsonLinesWriter::Worker::run(const std::stop_token &stop)
{
    std::unique_lock lock(mutex);
    for (;;) {
        const auto ready = [this] { return !queue.empty() || flushRequested != flushDone; };
        if (buffer.isEmpty())
            wake.wait(lock, stop, ready);
        else
            wake.wait_until(lock, stop, oldest + std::chrono::milliseconds(kWriteIntervalMs), ready);
        std::deque<Item> batch;
        batch.swap(queue);
        const quint64 flushGoal = flushRequested;
        const bool stopping = stop.stop_requested();
        lock.unlock();

        qint64 formatted = 0;
        for (Item &item : batch) {
            if (buffer.isEmpty())
                oldest = Clock::now();
            const TrafficEvent &e = item.event;
            buffer += toJsonLine(e, item.encoding, decoders.decoderFor(e, item.encoding));
            buffer += '\n';
            decoders.eventDone(e);
            formatted += e.payload.size() + kItemOverhead;
            if (buffer.size() >= kWriteThreshold)
                writeOut();
            if (formatted >= kProgressStep) {
                std::lock_guard step(mutex);
                giveBack(formatted);
                formatted = 0;
            }
        }
        batch.clear();
        if (!buffer.isEmpty()
            && (flushGoal != flushDone || stopping
                || Clock::now() >= oldest + std::chrono::milliseconds(kWriteIntervalMs)))
            writeOut();

        lock.lock();
        giveBack(formatted);
        if (flushGoal != flushDone) {
            flushDone = flushGoal;
            flushed.notify_all();
        }
        if (stopping && queue.empty())
            return;
    }
}

void JsonLinesWriter::Worker::giveBack(qint64 bytes)
{
    queued -= bytes;
    if ((backlogOver() || !error.isEmpty()) && !progressPosted) {
        progressPosted = true;
        QMetaObject::invokeMethod(owner, &JsonLinesWriter::onWorkerProgress, Qt::QueuedConnection);
    }
}

void JsonLinesWriter::Worker::writeOut()
{
    peakBuffered = qMax(peakBuffered, qint64(buffer.size()));
    bool failedNow = false;
    QString why;
    {
        std::lock_guard lock(mutex);
        failedNow = error.isEmpty();
    }
    // After a failure nothing more is written (a log with a hole would
    // look complete); the lines are dropped.
    if (failedNow) {
        const qint64 n = file.write(buffer);
        if (n == buffer.size()) {
            failedNow = false;
        } else {
            why = JsonLinesWriter::tr("Writing the log file “%1” failed: %2; the log stops here")
                      .arg(file.fileName(), file.errorString());
        }
    }
    std::lock_guard lock(mutex);
    ++fileWrites;
    if (failedNow && error.isEmpty())
        error = why;
    buffer.resize(0);  // keeps its capacity for the next lines
}

JsonLinesWriter::JsonLinesWriter(QObject *parent)
    : QObject(parent)
{
}

JsonLinesWriter::~JsonLinesWriter()
{
    close();
}

bool JsonLinesWriter::open(const QString &path, QString *error)
{
    close();
    auto worker = std::make_unique<Worker>(this);
    worker->file.setFileName(path);
    // Unbuffered: the worker's buffer is the only one, written in one call.
    if (!worker->file.open(QIODevice::WriteOnly | QIODevice::Truncate | QIODevice::Unbuffered)) {
        if (error)
            *error = tr("Cannot write the log file “%1”: %2").arg(path, worker->file.errorString());
        return false;
    }
    worker->limit = m_backlogLimit;
    m_worker = std::move(worker);
    m_worker->thread.start("sw-json-lines", [w = m_worker.get()](std::stop_token stop) { w->run(stop); });
    m_path = path;
    m_open = true;
    m_lines = 0;
    m_failureReported = false;
    m_error.clear();
    return true;
}

void JsonLinesWriter::close()
{
    if (!m_open)
        return;
    m_worker->thread.stop();
    m_worker->file.close();
    onWorkerProgress();  // a failure in the last lines is reported too
    const bool wasBacklogged = isBacklogged();
    m_worker.reset();
    m_open = false;
    if (wasBacklogged)
        emit backlogged(false);
}

void JsonLinesWriter::attach(Session *session)
{
    connect(session, &Session::eventOccurred, this, [this, session](const TrafficEvent &e) {
        write(e, session->encoding());
    });
}

void JsonLinesWriter::write(const TrafficEvent &event, const QString &encoding)
{
    if (!m_open)
        return;
    bool nowBacklogged = false;
    {
        std::lock_guard lock(m_worker->mutex);
        m_worker->queue.push_back(Worker::Item{event, encoding});
        m_worker->queued += event.payload.size() + kItemOverhead;
        m_worker->peakQueued = qMax(m_worker->peakQueued, m_worker->queued);
        if (!m_worker->backlogged && m_worker->queued > m_worker->limit) {
            m_worker->backlogged = true;
            nowBacklogged = true;
        }
    }
    m_worker->wake.notify_one();
    ++m_lines;
    if (nowBacklogged)
        emit backlogged(true);
}

void JsonLinesWriter::flush()
{
    if (!m_open)
        return;
    std::unique_lock lock(m_worker->mutex);
    const quint64 goal = ++m_worker->flushRequested;
    m_worker->wake.notify_one();
    m_worker->flushed.wait(lock, [&] { return m_worker->flushDone >= goal; });
}

void JsonLinesWriter::onWorkerProgress()
{
    if (!m_worker)
        return;
    bool release = false;
    QString error;
    {
        std::lock_guard lock(m_worker->mutex);
        m_worker->progressPosted = false;
        if (m_worker->backlogOver()) {
            m_worker->backlogged = false;
            release = true;
        }
        error = m_worker->error;
    }
    if (release)
        emit backlogged(false);
    if (!error.isEmpty() && !m_failureReported) {
        m_failureReported = true;
        m_error = error;
        emit failed(error);
    }
}

void JsonLinesWriter::setBacklogLimit(qint64 bytes)
{
    m_backlogLimit = qMax<qint64>(bytes, 1);
    if (m_worker) {
        std::lock_guard lock(m_worker->mutex);
        m_worker->limit = m_backlogLimit;
    }
}

namespace {
// A field of the worker, read under its lock; `none` when closed.
template <typename Worker, typename T>
T readLocked(const std::unique_ptr<Worker> &worker, T Worker::*field, T none)
{
    if (!worker)
        return none;
    std::lock_guard lock(worker->mutex);
    return (*worker).*field;
}
} // namespace

bool JsonLinesWriter::isBacklogged() const
{
    return readLocked(m_worker, &Worker::backlogged, false);
}

qint64 JsonLinesWriter::queuedBytes() const
{
    return readLocked(m_worker, &Worker::queued, qint64(0));
}

qint64 JsonLinesWriter::peakQueuedBytes() const
{
    return readLocked(m_worker, &Worker::peakQueued, qint64(0));
}

quint64 JsonLinesWriter::fileWrites() const
{
    return readLocked(m_worker, &Worker::fileWrites, quint64(0));
}

qint64 JsonLinesWriter::peakBufferedBytes() const
{
    return readLocked(m_worker, &Worker::peakBuffered, qint64(0));
}

QString JsonLinesWriter::errorString() const
{
    return readLocked(m_worker, &Worker::error, m_error);
}

QByteArray JsonLinesWriter::jsonString(const QString &s)
{
    const QByteArray utf8 = s.toUtf8();
    QByteArray out;
    out.reserve(utf8.size() + 2);
    out += '"';
    for (const char ch : utf8) {
        const auto c = static_cast<unsigned char>(ch);
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        case '\b': out += "\\b"; break;
        case '\f': out += "\\f"; break;
        default:
            if (c < 0x20 || c == 0x7f) {
                char buf[8];
                std::snprintf(buf, sizeof(buf), "\\u%04x", c);
                out += buf;
            } else {
                out += ch;
            }
        }
    }
    out += '"';
    return out;
}

QByteArray JsonLinesWriter::toJsonLine(const TrafficEvent &e, const QString &encoding, StreamDecoder *decoder)
{
    QByteArray line;
    line.reserve(160 + e.payload.size() * 4);
    line += "{\"time\":";
    line += jsonString(TrafficEvent::timeString(e.timeUs));
    line += ",\"session\":";
    line += jsonString(TrafficEvent::sessionName(e.session));
    line += ",\"event\":";
    line += jsonString(TrafficEvent::kindName(e.kind));
    const bool hasPayload = e.kind == TrafficEvent::Kind::Data || e.kind == TrafficEvent::Kind::Frame;
    if (e.direction != TrafficEvent::Direction::None) {
        line += ",\"direction\":";
        line += jsonString(TrafficEvent::directionName(e.direction));
    }
    if (!e.local.isNull()) {
        line += ",\"local\":";
        line += jsonString(e.local.toString());
    }
    if (!e.peer.isNull()) {
        line += ",\"peer\":";
        line += jsonString(e.peer.toString());
    }
    if (hasPayload) {
        line += ",\"size\":";
        line += QByteArray::number(e.payload.size());
        line += ",\"hex\":\"";
        line += e.payload.toHex();
        line += "\",\"text\":";
        const QString text = decoder ? decoder->feed(e.payload) : TextCodec::decode(e.payload, encoding).text;
        line += jsonString(text);
    }
    if (!e.message.isEmpty()) {
        line += ",\"message\":";
        line += jsonString(e.message);
    }
    // A verified frame's verdict as a field of its own, for a script to test
    // without reading the (translated) message.
    if (e.reason == TrafficEvent::Reason::ChecksumPassed)
        line += ",\"checksum\":\"passed\"";
    else if (e.reason == TrafficEvent::Reason::ChecksumFailed)
        line += ",\"checksum\":\"failed\"";
    // Issue 20: a received message and the reply rules (-2, no rules, is left out).
    if (e.rule == -1)
        line += ",\"rule\":\"unmatched\"";
    else if (e.rule >= 0)
        line += ",\"rule\":" + QByteArray::number(e.rule + 1);
    if (e.kind == TrafficEvent::Kind::State) {
        if (const auto report = StateReport::fromPayload(e.payload))
            line += report->jsonFields();
    }
    line += '}';
    return line;
}
