#include "core/log/CaptureWriter.h"

#include "core/log/JsonLinesWriter.h"
#include "core/log/TrafficEvent.h"
#include "core/net/Session.h"

#include <QDir>
#include <QFileInfo>
#include <QSignalBlocker>
#include <QTemporaryFile>

#include <charconv>
#include <cstdio>
#include <ctime>

namespace {
constexpr int kMaxFolderAttempts = 10000;

void appendNumber(QByteArray &out, qint64 n)
{
    char buf[24];
    const auto r = std::to_chars(buf, buf + sizeof(buf), n);
    out.append(buf, qsizetype(r.ptr - buf));
}

// Same text as TrafficEvent::timeString, without the QDateTime and QString
// allocations it costs: this runs for every data event of a flood.
void appendTime(QByteArray &out, qint64 timeUs)
{
    qint64 secs = timeUs / 1000000;
    qint64 micros = timeUs % 1000000;
    if (micros < 0) {
        micros += 1000000;
        --secs;
    }
    const std::time_t t = std::time_t(secs);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[40];
    const int n = std::snprintf(buf, sizeof(buf), "%04d-%02d-%02dT%02d:%02d:%02d.%06dZ", tm.tm_year + 1900,
                                tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, int(micros));
    out.append(buf, n);
}

// An address as part of a file name: letters, digits and dots stay, the
// rest (IPv6 colons, a scope's %) becomes '-', so '_' only separates the port.
QString fileNamePart(const Endpoint &e)
{
    QString s = e.addressString();
    for (QChar &c : s) {
        const char16_t u = c.unicode();
        const bool keep = (u >= u'0' && u <= u'9') || (u >= u'a' && u <= u'z') || (u >= u'A' && u <= u'Z') || u == u'.';
        if (!keep)
            c = u'-';
    }
    return s + u'_' + QString::number(e.port);
}

// A write that stops part-way (the disk filled up during it) reports no
// reason; the next attempt meets the error itself and says it ("No space
// left on device"), or goes through if space was freed meanwhile.
bool writeAll(QFile &file, const char *data, qint64 size)
{
    while (size > 0) {
        const qint64 n = file.write(data, size);
        if (n <= 0)
            return false;
        data += n;
        size -= n;
    }
    return true;
}

bool flushFile(QFile &file)
{
    return file.flush() || file.flush();
}
} // namespace

CaptureWriter::CaptureWriter(Session *session, QObject *parent)
    : QObject(parent)
    , m_session(session)
{
    m_flushTimer.setInterval(kFlushIntervalMs);
    connect(&m_flushTimer, &QTimer::timeout, this, &CaptureWriter::flush);
}

CaptureWriter::~CaptureWriter()
{
    // Quietly: whoever could hear about a last write error is going away.
    const QSignalBlocker quiet(this);
    stop();
}

bool CaptureWriter::checkDirectory(const QString &dir, QString *error)
{
    QString ignored;
    if (!error)
        error = &ignored;
    if (dir.trimmed().isEmpty()) {
        *error = tr("the folder name is empty");
        return false;
    }
    const QFileInfo info(dir);
    if (info.exists() && !info.isDir()) {
        *error = tr("“%1” is a file, not a folder").arg(dir);
        return false;
    }
    if (!info.exists() && !QDir().mkpath(dir)) {
        // mkpath gives no reason; the nearest existing ancestor usually is it.
        QFileInfo ancestor(QFileInfo(dir).absoluteFilePath());
        while (!ancestor.exists() && ancestor.absoluteFilePath() != ancestor.absolutePath())
            ancestor = QFileInfo(ancestor.absolutePath());
        if (ancestor.exists() && !ancestor.isDir())
            *error = tr("cannot create the folder “%1”: “%2” is a file").arg(dir, ancestor.filePath());
        else
            *error = tr("cannot create the folder “%1”").arg(dir);
        return false;
    }
    // Permission bits do not tell (root, read-only mounts, /proc): try it.
    QTemporaryFile probe(QDir(dir).filePath(QStringLiteral(".socket-workbench-XXXXXX")));
    if (!probe.open()) {
        *error = tr("cannot create files in the folder “%1”: %2").arg(dir, probe.errorString());
        return false;
    }
    return true;
}

bool CaptureWriter::start(const QString &dir, QString *error)
{
    stop();
    m_error.clear();
    QString why;
    if (!m_session) {
        why = tr("the session is gone");
    } else if (checkDirectory(dir, &why)) {
        const QDir base(dir);
        const QString stem = TrafficEvent::sessionName(m_session->kind()) + u'-' + QString::number(m_session->id());
        QString name = stem;
        // mkdir (not mkpath) fails on an existing folder: an earlier capture is never appended to.
        for (int n = 2; !base.mkdir(name); ++n) {
            if (!base.exists(name) || n > kMaxFolderAttempts) {
                why = tr("cannot create the folder “%1”").arg(base.filePath(name));
                break;
            }
            name = stem + u'.' + QString::number(n);
        }
        if (why.isEmpty()) {
            m_folder = base.absoluteFilePath(name);
            m_events.setFileName(m_folder + QStringLiteral("/events.jsonl"));
            if (!m_events.open(QIODevice::WriteOnly | QIODevice::NewOnly))
                why = tr("cannot create “%1”: %2").arg(m_events.fileName(), m_events.errorString());
        }
    }
    if (!why.isEmpty()) {
        m_folder.clear();
        if (error)
            *error = why;
        return false;
    }
    m_directory = dir;
    m_stats = Stats{};
    m_capturing = true;
    m_eventConnection = connect(m_session, &Session::eventOccurred, this, &CaptureWriter::onEvent);
    m_flushTimer.start();
    emit started(m_folder);
    return true;
}

void CaptureWriter::stop()
{
    if (!m_capturing)
        return;
    if (!closeAllStreams())
        return;  // failed() has been emitted
    if (!flushFile(m_events)) {
        fail(tr("Capture stopped: cannot write “%1”: %2").arg(m_events.fileName(), m_events.errorString()));
        return;
    }
    shutDown();
    emit stopped();
}

void CaptureWriter::shutDown()
{
    m_capturing = false;
    disconnect(m_eventConnection);
    m_flushTimer.stop();
    for (Stream *s : m_open)
        s->file.close();
    m_open.clear();
    m_connections.clear();
    m_events.close();
}

void CaptureWriter::fail(const QString &message)
{
    if (!m_capturing)
        return;
    m_error = message;
    shutDown();
    emit failed(message);
    emit stopped();
}

CaptureWriter::Stats CaptureWriter::stats() const
{
    Stats s = m_stats;
    s.filesOpen = int(m_open.size());
    return s;
}

void CaptureWriter::onEvent(const TrafficEvent &e)
{
    if (!m_capturing)
        return;
    switch (e.kind) {
    case TrafficEvent::Kind::Data:
        writeData(e);
        return;
    case TrafficEvent::Kind::Frame:
        writeFrame(e);
        return;
    default:
        break;
    }
    // Rare events: the JSON Lines writer's own format, as in --log.
    QByteArray line = JsonLinesWriter::toJsonLine(e, m_session ? m_session->encoding() : QString());
    line += '\n';
    writeLine(line);
    if (!m_capturing)
        return;
    if (e.kind == TrafficEvent::Kind::Closed && e.connectionId != 0) {
        auto it = m_connections.find(e.connectionId);
        if (it == m_connections.end())
            return;
        // Closed files free their descriptors: 10,000 connections must not keep 10,000 files open.
        if (!closeStream(it->second->in) || !closeStream(it->second->out))
            return;
        // Half-closed still reads (or, after the peer's FIN, still sends); a
        // later byte reopens the same files.
        if (e.reason != TrafficEvent::Reason::HalfClosed && e.reason != TrafficEvent::Reason::PeerFinished)
            m_connections.erase(it);
    } else if (e.kind == TrafficEvent::Kind::Stopped) {
        closeAllStreams();
    }
}

CaptureWriter::Connection *CaptureWriter::connectionFor(const TrafficEvent &e)
{
    auto it = m_connections.find(e.connectionId);
    if (it != m_connections.end())
        return it->second.get();
    auto c = std::make_unique<Connection>();
    const QString prefix = e.session == SessionKind::Udp ? QStringLiteral("peer-") : QStringLiteral("conn-");
    QString stem = prefix + QString::number(e.connectionId);
    if (!e.peer.isNull())
        stem += u'-' + fileNamePart(e.peer);
    // A TCP client numbers every connection #1: a reconnection to the same
    // server gets files of its own instead of appending to the last one's.
    c->baseName = stem;
    const QDir folder(m_folder);
    for (int n = 2; n <= kMaxFolderAttempts; ++n) {
        if (!folder.exists(c->baseName + QStringLiteral(".in.bin"))
            && !folder.exists(c->baseName + QStringLiteral(".out.bin")))
            break;
        c->baseName = stem + u'.' + QString::number(n);
    }
    return m_connections.emplace(e.connectionId, std::move(c)).first->second.get();
}

void CaptureWriter::prepareStream(Stream &s, const TrafficEvent &e, const Connection &c, bool in)
{
    const QString name = c.baseName + (in ? QStringLiteral(".in.bin") : QStringLiteral(".out.bin"));
    s.file.setFileName(m_folder + u'/' + name);
    QByteArray &p = s.jsonPrefix;
    p += ",\"session\":";
    p += JsonLinesWriter::jsonString(TrafficEvent::sessionName(e.session));
    p += ",\"event\":\"data\",\"direction\":";
    p += in ? "\"in\"" : "\"out\"";
    if (!e.local.isNull()) {
        p += ",\"local\":";
        p += JsonLinesWriter::jsonString(e.local.toString());
    }
    if (!e.peer.isNull()) {
        p += ",\"peer\":";
        p += JsonLinesWriter::jsonString(e.peer.toString());
    }
    p += ",\"size\":";
    s.jsonFile = ",\"file\":" + JsonLinesWriter::jsonString(name) + ",\"offset\":";
}

bool CaptureWriter::openStream(Stream &s)
{
    if (s.file.isOpen()) {
        m_open.splice(m_open.end(), m_open, s.lru);
        return true;
    }
    while (int(m_open.size()) >= kMaxOpenFiles) {
        if (!closeStream(*m_open.front()))
            return false;
    }
    // New files must be new (the folder is ours); evicted ones are appended to.
    const QIODevice::OpenMode mode = QIODevice::WriteOnly | (s.created ? QIODevice::Append : QIODevice::NewOnly);
    if (!s.file.open(mode)) {
        fail(tr("Capture stopped: cannot open “%1”: %2").arg(s.file.fileName(), s.file.errorString()));
        return false;
    }
    if (!s.created) {
        s.created = true;
        ++m_stats.filesCreated;
    }
    s.lru = m_open.insert(m_open.end(), &s);
    return true;
}

bool CaptureWriter::closeStream(Stream &s)
{
    if (!s.file.isOpen())
        return true;
    const bool ok = !s.dirty || flushFile(s.file);
    const QString why = ok ? QString() : s.file.errorString();
    s.file.close();
    s.dirty = false;
    m_open.erase(s.lru);
    if (!ok)
        fail(tr("Capture stopped: cannot write “%1”: %2").arg(s.file.fileName(), why));
    return ok;
}

bool CaptureWriter::closeAllStreams()
{
    while (m_capturing && !m_open.empty()) {
        if (!closeStream(*m_open.front()))
            return false;
    }
    return m_capturing;
}

void CaptureWriter::writeData(const TrafficEvent &e)
{
    Connection *c = connectionFor(e);
    const bool in = e.direction == TrafficEvent::Direction::In;
    Stream &s = in ? c->in : c->out;
    if (s.jsonPrefix.isEmpty())
        prepareStream(s, e, *c, in);
    if (!openStream(s))
        return;
    const qint64 offset = s.size;
    const qint64 n = e.payload.size();
    // The bytes as they came: no copy, no encoding; a large payload goes
    // straight to write(2), a small one into QFile's buffer.
    if (!writeAll(s.file, e.payload.constData(), n)) {
        fail(tr("Capture stopped: cannot write “%1”: %2").arg(s.file.fileName(), s.file.errorString()));
        return;
    }
    s.size += n;
    s.dirty = true;
    m_stats.bytesWritten += quint64(n);

    // truncate() keeps the capacity: after the first event no allocation.
    m_line.truncate(0);
    m_line += "{\"time\":\"";
    appendTime(m_line, e.timeUs);
    m_line += '"';
    m_line += s.jsonPrefix;
    appendNumber(m_line, n);
    m_line += s.jsonFile;
    appendNumber(m_line, offset);
    m_line += "}\n";
    writeLine(m_line);
}

void CaptureWriter::writeFrame(const TrafficEvent &e)
{
    m_line.truncate(0);
    m_line += "{\"time\":\"";
    appendTime(m_line, e.timeUs);
    m_line += "\",\"session\":";
    m_line += JsonLinesWriter::jsonString(TrafficEvent::sessionName(e.session));
    m_line += ",\"event\":\"frame\",\"direction\":";
    m_line += e.direction == TrafficEvent::Direction::In ? "\"in\"" : "\"out\"";
    if (!e.local.isNull()) {
        m_line += ",\"local\":";
        m_line += JsonLinesWriter::jsonString(e.local.toString());
    }
    if (!e.peer.isNull()) {
        m_line += ",\"peer\":";
        m_line += JsonLinesWriter::jsonString(e.peer.toString());
    }
    m_line += ",\"size\":";
    appendNumber(m_line, e.payload.size());
    m_line += "}\n";
    writeLine(m_line);
}

void CaptureWriter::writeLine(const QByteArray &line)
{
    if (!writeAll(m_events, line.constData(), line.size())) {
        fail(tr("Capture stopped: cannot write “%1”: %2").arg(m_events.fileName(), m_events.errorString()));
        return;
    }
    ++m_stats.eventsWritten;
}

void CaptureWriter::flush()
{
    if (!m_capturing)
        return;
    for (Stream *s : m_open) {
        if (!s->dirty)
            continue;
        if (!flushFile(s->file)) {
            fail(tr("Capture stopped: cannot write “%1”: %2").arg(s->file.fileName(), s->file.errorString()));
            return;
        }
        s->dirty = false;
    }
    if (!flushFile(m_events))
        fail(tr("Capture stopped: cannot write “%1”: %2").arg(m_events.fileName(), m_events.errorString()));
}
