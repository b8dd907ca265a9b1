#pragma once

#include "core/log/SerialSpan.h"
#include "core/log/TrafficEvent.h"

#include <QAbstractTableModel>
#include <QColor>
#include <QPointer>

#include <array>
#include <optional>

class Session;
class TrafficLog;

// The traffic table over a session's log: rows are the log's retained
// events; the log's batched change notices become one remove (from the top)
// and one insert (at the bottom) per notice, never a reset per packet.
//
// Rows are tied to event serial numbers, not to log indexes: the log drops
// old events before it tells us, so between a drop and its notice a row
// must still mean the event it meant when the view last asked.
class TrafficLogModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Time, Direction, Peer, Size, Preview, ColumnCount };
    enum Role {
        SerialRole = Qt::UserRole + 1,   // quint64
        KindRole,                         // int(TrafficEvent::Kind)
        DirectionRole,                    // int(TrafficEvent::Direction)
        ConnectionRole,                   // quint32 connection id
        // A verified frame: true passed, false failed; no value otherwise.
        ChecksumRole,
    };

    // Bytes of a payload the preview column renders.
    static constexpr qsizetype kPreviewBytes = 200;

    explicit TrafficLogModel(QObject *parent = nullptr);
    explicit TrafficLogModel(Session *session, QObject *parent = nullptr);

    void setSession(Session *session);
    Session *session() const;
    TrafficLog *log() const { return m_log; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    // The event shown in a row (a copy: the log keeps events packed); empty
    // when the row is out of range or the log has already dropped the event
    // (its removal notice is on its way).
    std::optional<TrafficEvent> eventAt(int row) const;
    // The same with the payload left empty: no copy of its bytes.
    std::optional<TrafficEvent> eventWithoutPayloadAt(int row) const;
    quint64 serialAt(int row) const { return m_firstSerial + quint64(row); }
    // Serial of row 0 and one past the last row.
    quint64 firstSerial() const { return m_firstSerial; }
    quint64 endSerial() const { return m_firstSerial + quint64(m_rows); }
    // -1 when the event is not (or no longer) a row.
    int rowOfSerial(quint64 serial) const;

    QString encoding() const { return m_encoding; }
    void setEncoding(const QString &encoding);
    bool hexMode() const { return m_hex; }
    void setHexMode(bool hex);

    // How the table shows a payload: decoded (or hex) with control
    // characters as escapes (\r \n \t \0 \xHH), cut after maxBytes with an
    // ellipsis.
    static QString previewText(QByteArrayView payload, const QString &encoding, bool hex,
                               qsizetype maxBytes = kPreviewBytes);
    // Control characters (and line breaks) as escapes, so a row stays one line.
    static QString visibleControls(QString text);
    static QString kindLabel(const TrafficEvent &event);
    // Issue 20, for a received message while the tab has reply rules:
    // "no rule matched" or "rule 2 fired"; empty otherwise.
    static QString ruleNote(const TrafficEvent &event);
    static bool isUnmatched(const TrafficEvent &event);
    // Colours for direction and errors that stay readable on the light or
    // dark base colour given.
    static QColor directionColor(const TrafficEvent &event, const QColor &base);
    // The background of a frame whose checksum failed, on a light or dark
    // base: amber, apart from the red of errors and the blue and green of
    // the directions; invalid for every other event.
    static QColor checksumColor(const TrafficEvent &event, const QColor &base);

signals:
    // The preview column changed meaning (not emitted for new rows).
    void renderingChanged();

private:
    void onLogChanged(const SerialSpan &held);
    void onLogCleared();
    void onLogDestroyed();
    void emitPreviewChanged();
    // Log index of a row's event, -1 when gone.
    qsizetype logIndexOf(int row) const;
    // The row's event, built once for the many data() calls a repaint makes
    // per row (every column, every role); null when gone.
    void forgetCachedEvents() const;

    // The cached copy keeps only what a cell shows of the payload (the
    // tooltip's preview and a little more), with the real size beside it.
    static constexpr qsizetype kCachedPayloadBytes = 4096;
    struct CachedEvent
    {
        quint64 serial = ~quint64(0);
        TrafficEvent event;
        qsizetype payloadSize = 0;
    };
    const CachedEvent *cachedAt(int row) const;
    mutable std::array<CachedEvent, 4> m_cache;
    mutable size_t m_cacheNext = 0;

    QPointer<Session> m_session;
    TrafficLog *m_log = nullptr;
    quint64 m_firstSerial = 0;
    qsizetype m_rows = 0;
    QString m_encoding = QStringLiteral("UTF-8");
    bool m_hex = false;
};
