#pragma once

#include "core/log/SerialSpan.h"
#include "core/log/TrafficEvent.h"
#include "ui/teach/SequenceNotation.h"

#include <QAbstractScrollArea>
#include <QHash>
#include <QPointer>
#include <QStringList>

class Session;

// A session drawn as a sequence diagram: the local socket on the left, one
// lane per peer endpoint (in the order peers appear, at most kMaxPeerLanes,
// later ones share an "others" lane), and one row per logged event in time
// order: connect/accept, data (size and a preview), FIN, RST and close as
// arrows, errors and listening/stopped as marks on the local lane.
//
// Rows are serials: row r is the event with serial r after the first the
// diagram shows, looked up in the session's TrafficLog when painted. The
// rows follow the log's batched change notices (not each event), so they
// keep meaning the same events between a drop and its notice. Only visible
// rows are painted, and the bottom is followed unless the user scrolled up.
// How each event is drawn and labelled is SequenceNotation's.
class SequenceDiagram : public QAbstractScrollArea
{
    Q_OBJECT
public:
    static constexpr int kMaxPeerLanes = 64;
    static constexpr int kPreviewChars = SequenceNotation::kPreviewChars;

    explicit SequenceDiagram(QWidget *parent = nullptr);
    ~SequenceDiagram() override;

    void setSession(Session *session);
    Session *session() const;

    // Lanes: 0 is the local socket, then the peers, then "others" if needed.
    int laneCount() const { return int(m_laneNames.size()); }
    QString laneName(int lane) const { return m_laneNames.value(lane); }
    // Rows (events) the diagram currently holds.
    qsizetype rowCount() const { return m_shown.size(); }
    int rowHeight() const { return m_rowHeight; }
    // Row of an event serial, -1 when it is not (or no longer) in the log.
    qsizetype rowOfSerial(quint64 serial) const;
    quint64 serialOfRow(qsizetype row) const;
    // Where a row is drawn, in viewport coordinates (may lie outside it).
    QRect rowRect(qsizetype row) const;
    // How many rows are drawn as arrows (connect, data, close).
    qsizetype arrowCount() const;
    // The text an event's arrow or mark carries ("18 B “hello”", "RST" …).
    QString labelFor(const TrafficEvent &event) const;

    quint64 highlightedSerial() const { return m_highlight; }
    bool hasHighlight() const { return m_hasHighlight; }
    bool isFollowingBottom() const { return m_follow; }

public slots:
    // Highlights (and scrolls to) the event, as when it was clicked.
    void highlightSerial(quint64 serial);

signals:
    void eventClicked(quint64 serial);

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    bool viewportEvent(QEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    struct Colors;

    void onLogChanged(const SerialSpan &held);
    void onLogCleared();
    void onScrolled(int value);
    void resetLanes();
    void addLanesFor(const SerialSpan &serials);
    int laneOf(const TrafficEvent &event) const;
    int laneX(int lane) const;
    // The log index of a row's event; -1 when the log has dropped it (its
    // notice is on the way).
    qsizetype logIndexOf(qsizetype row) const;
    qsizetype rowAt(const QPoint &viewportPos) const;
    void updateMetrics();
    void updateScrollBars();
    void scrollToRow(qsizetype row);
    QString toolTipFor(qsizetype row) const;
    Colors colors() const;

    QPointer<Session> m_session;
    SerialSpan m_shown;  // the events that are rows
    QStringList m_laneNames;
    QHash<QString, int> m_laneOfPeer;
    int m_othersLane = -1;
    bool m_follow = true;
    bool m_adjusting = false;   // scroll changes made here, not by the user
    bool m_hasHighlight = false;
    quint64 m_highlight = 0;

    // Layout in pixels.
    int m_rowHeight = 30;
    int m_headerHeight = 40;
    int m_gutter = 100;
    int m_laneWidth = 190;
    int m_charWidth = 8;
};
