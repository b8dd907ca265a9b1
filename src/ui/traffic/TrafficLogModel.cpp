#include "ui/traffic/TrafficLogModel.h"

#include "core/log/TrafficLog.h"
#include "core/net/Session.h"
#include "core/text/Escape.h"
#include "core/text/TextCodec.h"

#include <QBrush>
#include <QDateTime>
#include <QFontDatabase>
#include <QGuiApplication>
#include <QPalette>

using namespace Qt::StringLiterals;

TrafficLogModel::TrafficLogModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

TrafficLogModel::TrafficLogModel(Session *session, QObject *parent)
    : QAbstractTableModel(parent)
{
    setSession(session);
}

void TrafficLogModel::setSession(Session *session)
{
    if (session == m_session && (session ? session->log() : nullptr) == m_log)
        return;
    beginResetModel();
    if (m_log)
        disconnect(m_log, nullptr, this, nullptr);
    forgetCachedEvents();
    m_session = session;
    m_log = session ? session->log() : nullptr;
    if (m_log) {
        connect(m_log, &TrafficLog::changed, this, &TrafficLogModel::onLogChanged);
        connect(m_log, &TrafficLog::cleared, this, &TrafficLogModel::onLogCleared);
        connect(m_log, &QObject::destroyed, this, &TrafficLogModel::onLogDestroyed);
        m_firstSerial = m_log->firstSerial();
        m_rows = m_log->size();
    } else {
        m_firstSerial = 0;
        m_rows = 0;
    }
    endResetModel();
}

Session *TrafficLogModel::session() const
{
    return m_session;
}

void TrafficLogModel::onLogDestroyed()
{
    beginResetModel();
    forgetCachedEvents();
    m_log = nullptr;
    m_session = nullptr;
    m_rows = 0;
    endResetModel();
}

int TrafficLogModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows);
}

int TrafficLogModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

qsizetype TrafficLogModel::logIndexOf(int row) const
{
    if (!m_log || row < 0 || row >= m_rows)
        return -1;
    return m_log->indexOfSerial(m_firstSerial + quint64(row));
}

const TrafficLogModel::CachedEvent *TrafficLogModel::cachedAt(int row) const
{
    const qsizetype index = logIndexOf(row);
    if (index < 0)
        return nullptr;
    // A serial names one event for ever (clear() does not reuse them), so a
    // cached copy stays right; only another log invalidates the cache.
    const quint64 serial = serialAt(row);
    for (const CachedEvent &c : m_cache) {
        if (c.serial == serial)
            return &c;
    }
    CachedEvent &slot = m_cache[m_cacheNext];
    m_cacheNext = (m_cacheNext + 1) % m_cache.size();
    slot.serial = serial;
    slot.event = m_log->atWithPayloadPrefix(index, kCachedPayloadBytes);
    slot.payloadSize = m_log->payloadSizeAt(index);
    return &slot;
}

void TrafficLogModel::forgetCachedEvents() const
{
    for (CachedEvent &c : m_cache)
        c = CachedEvent();
}

std::optional<TrafficEvent> TrafficLogModel::eventAt(int row) const
{
    const qsizetype index = logIndexOf(row);
    if (index < 0)
        return std::nullopt;
    return m_log->at(index);
}

std::optional<TrafficEvent> TrafficLogModel::eventWithoutPayloadAt(int row) const
{
    const qsizetype index = logIndexOf(row);
    if (index < 0)
        return std::nullopt;
    return m_log->atWithoutPayload(index);
}

int TrafficLogModel::rowOfSerial(quint64 serial) const
{
    if (serial < m_firstSerial || serial >= endSerial())
        return -1;
    return int(serial - m_firstSerial);
}

// The model steps from the serial span it shows to the one the log holds,
// which is right even when events were appended and dropped within one batch.
void TrafficLogModel::onLogChanged(const SerialSpan &held)
{
    const SerialSpan::Step step = SerialSpan{m_firstSerial, endSerial()}.stepTo(held);
    if (step.dropped > 0) {
        beginRemoveRows({}, 0, int(step.dropped - 1));
        m_firstSerial += quint64(step.dropped);
        m_rows -= step.dropped;
        endRemoveRows();
    }
    if (m_rows == 0)
        m_firstSerial = step.added.first;
    if (!step.added.isEmpty()) {
        beginInsertRows({}, int(m_rows), int(m_rows + step.added.size() - 1));
        m_rows += step.added.size();
        endInsertRows();
    }
}

void TrafficLogModel::onLogCleared()
{
    beginResetModel();
    m_firstSerial = m_log ? m_log->firstSerial() : 0;
    m_rows = m_log ? m_log->size() : 0;
    endResetModel();
}

void TrafficLogModel::setEncoding(const QString &encoding)
{
    const QString canonical = TextCodec::canonicalName(encoding);
    if (canonical.isEmpty() || canonical == m_encoding)
        return;
    m_encoding = canonical;
    emitPreviewChanged();
}

void TrafficLogModel::setHexMode(bool hex)
{
    if (hex == m_hex)
        return;
    m_hex = hex;
    emitPreviewChanged();
}

void TrafficLogModel::emitPreviewChanged()
{
    // Views only repaint what is visible, so one notice over the whole column
    // costs the same for 10 rows or 100,000.
    if (m_rows > 0)
        emit dataChanged(index(0, Preview), index(int(m_rows - 1), Preview),
                         {Qt::DisplayRole, Qt::ToolTipRole});
    emit headerDataChanged(Qt::Horizontal, Preview, Preview);
    emit renderingChanged();
}

QString TrafficLogModel::visibleControls(QString text)
{
    // Escapes rather than the Unicode control pictures (␍ ␊), which most
    // installed fonts lack; they also read the way the send box takes them.
    return Escape::text(std::move(text), Escape::TextStyle::VisibleControls);
}

QString TrafficLogModel::previewText(QByteArrayView payload, const QString &encoding, bool hex,
                                     qsizetype maxBytes)
{
    const bool cut = payload.size() > maxBytes;
    const QByteArrayView head = cut ? payload.first(maxBytes) : payload;
    QString text;
    if (hex) {
        text = TextCodec::toHex(head);
    } else if (cut) {
        // A character cut by the preview limit is not a decoding error.
        qsizetype consumed = 0;
        text = visibleControls(TextCodec::decodePartial(head, encoding, &consumed).text);
    } else {
        text = visibleControls(TextCodec::decode(head, encoding).text);
    }
    if (cut)
        text += u" …"_s;
    return text;
}

QString TrafficLogModel::kindLabel(const TrafficEvent &e)
{
    using Kind = TrafficEvent::Kind;
    const bool in = e.direction == TrafficEvent::Direction::In;
    switch (e.kind) {
    case Kind::Data:
        return in ? tr("← in") : tr("→ out");
    case Kind::Frame:
        return in ? tr("← frame") : tr("→ frame");
    case Kind::Listening: return tr("listening");
    case Kind::Connected: return tr("connected");
    case Kind::Closed: return tr("closed");
    case Kind::Error: return tr("error");
    case Kind::Stopped: return tr("stopped");
    case Kind::Note: return tr("note");
    case Kind::State: return tr("state");
    }
    return {};
}

bool TrafficLogModel::isUnmatched(const TrafficEvent &e)
{
    return e.direction == TrafficEvent::Direction::In && e.rule == -1
        && (e.kind == TrafficEvent::Kind::Data || e.kind == TrafficEvent::Kind::Frame);
}

QString TrafficLogModel::ruleNote(const TrafficEvent &e)
{
    if (e.direction != TrafficEvent::Direction::In
        || (e.kind != TrafficEvent::Kind::Data && e.kind != TrafficEvent::Kind::Frame) || e.rule < -1)
        return {};
    return e.rule == -1 ? tr("no rule matched") : tr("rule %1 fired").arg(e.rule + 1);
}

QColor TrafficLogModel::directionColor(const TrafficEvent &e, const QColor &base)
{
    const bool dark = base.lightness() < 128;
    if (e.kind == TrafficEvent::Kind::Error)
        return dark ? QColor(0xff, 0x7b, 0x72) : QColor(0xc0, 0x1c, 0x28);
    if (e.kind == TrafficEvent::Kind::Data || e.kind == TrafficEvent::Kind::Frame) {
        if (e.direction == TrafficEvent::Direction::In)
            return dark ? QColor(0x79, 0xc0, 0xff) : QColor(0x1a, 0x5f, 0xb4);
        return dark ? QColor(0x56, 0xd3, 0x64) : QColor(0x1a, 0x7f, 0x37);
    }
    return {};
}

QColor TrafficLogModel::checksumColor(const TrafficEvent &e, const QColor &base)
{
    if (e.reason != TrafficEvent::Reason::ChecksumFailed)
        return {};
    return base.lightness() < 128 ? QColor(0x70, 0x4a, 0x00) : QColor(0xff, 0xe0, 0xa3);
}

QVariant TrafficLogModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return {};
    const CachedEvent *cached = cachedAt(index.row());
    if (!cached)
        return {};
    const TrafficEvent &e = cached->event;
    const bool hasPayload = e.kind == TrafficEvent::Kind::Data || e.kind == TrafficEvent::Kind::Frame;
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Time:
            return QDateTime::fromMSecsSinceEpoch(e.timeUs / 1000).toString(u"HH:mm:ss.zzz"_s);
        case Direction:
            // A mark the eye finds in a column of arrows: no reply rule took it.
            return isUnmatched(e) ? tr("%1 ⊘").arg(kindLabel(e)) : kindLabel(e);
        case Peer:
            return e.peer.isNull() ? QString() : e.peer.toString();
        case Size:
            return hasPayload ? QVariant(cached->payloadSize) : QVariant();
        case Preview:
            return hasPayload ? previewText(e.payload, m_encoding, m_hex) : visibleControls(e.message);
        default:
            return {};
        }
    case Qt::ToolTipRole:
        switch (index.column()) {
        case Time:
            return tr("%1 local time\n%2 UTC")
                    .arg(QDateTime::fromMSecsSinceEpoch(e.timeUs / 1000).toString(u"yyyy-MM-dd HH:mm:ss.zzz"_s),
                         TrafficEvent::timeString(e.timeUs));
        case Direction:
        case Peer: {
            QString tip = kindLabel(e);
            if (!e.local.isNull())
                tip += u'\n' + tr("Local: %1").arg(e.local.toString());
            if (!e.peer.isNull())
                tip += u'\n' + tr("Peer: %1").arg(e.peer.toString());
            if (e.connectionId)
                tip += u'\n' + tr("Connection #%1").arg(e.connectionId);
            if (hasPayload && !e.message.isEmpty())
                tip += u'\n' + e.message;   // a verified frame's checksum
            if (const QString rule = ruleNote(e); !rule.isEmpty())
                tip += u'\n' + tr("Reply rules: %1").arg(rule);
            return tip;
        }
        case Preview:
            if (!hasPayload)
                return e.message;
            if (!e.message.isEmpty())
                return e.message + u'\n' + previewText(e.payload, m_encoding, m_hex, 1024);
            return previewText(e.payload, m_encoding, m_hex, 1024);
        default:
            return {};
        }
    case Qt::TextAlignmentRole:
        if (index.column() == Size)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case Qt::FontRole:
        if (index.column() == Preview && hasPayload)
            return QFontDatabase::systemFont(QFontDatabase::FixedFont);
        return {};
    case Qt::ForegroundRole:
        if (index.column() == Direction || (index.column() == Preview && e.kind == TrafficEvent::Kind::Error)) {
            const QColor c = directionColor(e, QGuiApplication::palette().color(QPalette::Base));
            if (c.isValid())
                return QBrush(c);
        }
        return {};
    case Qt::BackgroundRole:
        if (e.reason == TrafficEvent::Reason::ChecksumFailed)
            return QBrush(checksumColor(e, QGuiApplication::palette().color(QPalette::Base)));
        return {};
    case ChecksumRole:
        if (e.reason == TrafficEvent::Reason::ChecksumPassed || e.reason == TrafficEvent::Reason::ChecksumFailed)
            return e.reason == TrafficEvent::Reason::ChecksumPassed;
        return {};
    case Qt::AccessibleTextRole:
        if (index.column() == Direction && e.reason == TrafficEvent::Reason::ChecksumFailed)
            return tr("received, checksum wrong");
        if (index.column() == Direction && isUnmatched(e))
            return tr("received, no rule matched");
        if (index.column() == Direction && hasPayload)
            return e.direction == TrafficEvent::Direction::In ? tr("received") : tr("sent");
        return data(index, Qt::DisplayRole);
    case SerialRole:
        return serialAt(index.row());
    case KindRole:
        return int(e.kind);
    case DirectionRole:
        return int(e.direction);
    case ConnectionRole:
        return e.connectionId;
    default:
        return {};
    }
}

QVariant TrafficLogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::DisplayRole) {
        switch (section) {
        case Time: return tr("Time");
        case Direction: return tr("Event");
        case Peer: return tr("Peer");
        case Size: return tr("Size");
        case Preview: return m_hex ? tr("Data (hex) / message") : tr("Data (%1) / message").arg(m_encoding);
        default: return {};
        }
    }
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case Time: return tr("Local time the event was logged");
        case Direction:
            return tr("← received, → sent, or what happened to the connection") + u'\n'
                    + tr("A row on an amber background is a received frame whose checksum is wrong") + u'\n'
                    + tr("⊘ marks a received message that no reply rule matched");
        case Peer: return tr("Address and port of the other side");
        case Size: return tr("Payload size in bytes");
        case Preview: return tr("The first %1 bytes of the payload, or the event's message").arg(kPreviewBytes);
        default: return {};
        }
    }
    return {};
}
