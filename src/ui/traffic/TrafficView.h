#pragma once

#include "core/log/TrafficEvent.h"
#include "core/net/Endpoint.h"

#include <QPointer>
#include <QSet>
#include <QTimer>
#include <QWidget>

#include <memory>
#include <optional>

namespace Ui {
class TrafficView;
}
class HexDumpView;
class LabelElider;
class QFontMetrics;
class QModelIndex;
class QTableView;
class Session;
class TrafficActions;
class TrafficFilterModel;
class TrafficLogModel;

// The traffic table every session page shows: the session's log in a table
// (time, event, peer, size, preview), a toolbar to pick the encoding, text
// or hex, and filters, a hex/text dump of the selected event, copy and
// export (TrafficActions), and the log's size and memory budget. Usable as
// a promoted widget in a page's form; call setSession() once the page has
// its session.
class TrafficView : public QWidget
{
    Q_OBJECT
public:
    explicit TrafficView(QWidget *parent = nullptr);
    ~TrafficView() override;

    void setSession(Session *session);
    Session *session() const;

    QString encoding() const;
    void setEncoding(const QString &encoding);
    bool hexMode() const;
    void setHexMode(bool hex);
    bool isAutoScrollPaused() const;
    void setAutoScrollPaused(bool paused);

    QTableView *table() const;
    TrafficLogModel *model() const { return m_model; }
    TrafficFilterModel *filterModel() const { return m_filter; }
    HexDumpView *detailView() const;
    // Copy and export.
    TrafficActions *actions() const { return m_actions; }

    // Selects and shows the row of the event with this serial number
    // (TrafficLog::firstSerial() + log index). False when the event is gone
    // or hidden by the filters.
    bool selectSerial(quint64 serial);

    // What the line under the table says about the log.
    QString statusText() const;

    // The part of a preview a cell `width` pixels wide can show in this
    // font, with "…" when cut (the style may elide it further).
    static QString fitPreview(const QString &text, const QFontMetrics &metrics, int width);

signals:
    // Emitted when the current row changes to an event; connectionId is 0
    // for events of the session itself (listening, stopped).
    void eventSelected(const TrafficEvent &event);
    void connectionSelected(quint32 connectionId);
    void encodingChanged(const QString &encoding);
    void hexModeChanged(bool hex);

private:
    void setupColumns();
    void onEncodingIndexChanged(int index);
    void onHexToggled(bool hex);
    void onPeerIndexChanged(int index);
    void onDirectionIndexChanged(int index);
    void onFilterTextChanged();
    void applyTextFilter();
    void onPauseToggled(bool paused);
    void onClearClicked();
    void onBudgetChanged(int mebibytes);
    void onSourceRowsInserted(const QModelIndex &parent, int first, int last);
    void onLogCleared();
    void onRowsShown();
    void followNewRows();
    void onFilterChanged();
    void onFilterReset();
    void onCurrentRowChanged(const QModelIndex &current, const QModelIndex &previous);
    void updateStats();
    void updateDetail(bool reload);
    void showNotice(const QString &notice);
    void addPeer(const Endpoint &peer);
    void resetPeers();
    std::optional<TrafficEvent> currentEvent() const;

    std::unique_ptr<Ui::TrafficView> m_ui;
    LabelElider *m_detailHeader = nullptr;
    bool m_detailShowsEvent = false;
    QPointer<Session> m_session;
    TrafficLogModel *m_model;
    TrafficFilterModel *m_filter;
    QTimer m_statsTimer;
    QTimer m_filterDelay;
    bool m_rowsAdded = false;
    QSet<QString> m_peerKeys;
    Endpoint m_lastPeer;
    QString m_notice;          // a passing message in the status line (export done …)
    qint64 m_noticeUntilMs = 0;
    TrafficActions *m_actions = nullptr;
};
