#pragma once

#include <QWidget>

#include <memory>

namespace Ui {
class StatsPanel;
}

class QChart;
class QLineSeries;
class QValueAxis;
class Session;
class TrafficStats;

// A session's live statistics: bytes/s and messages/s each way as two
// charts over the last minute, beside the figures (rates, peaks, totals,
// connections, errors, what the log's budget dropped). Everything is
// redrawn on TrafficStats::sampled() only — once a second, whatever the
// traffic — and the charts not at all while the panel is hidden.
class StatsPanel : public QWidget
{
    Q_OBJECT
public:
    explicit StatsPanel(QWidget *parent = nullptr);
    ~StatsPanel() override;

    // Follows `session` through a TrafficStats of its own; nullptr clears.
    void setSession(Session *session);
    Session *session() const;
    TrafficStats *stats() const { return m_stats; }

    QChart *bytesChart() const { return m_bytes.chart; }
    QChart *messagesChart() const { return m_messages.chart; }
    // The unit the bytes chart's axis is in now ("B/s", "KiB/s", …).
    QString bytesUnit() const;

protected:
    void showEvent(QShowEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    struct Chart
    {
        QChart *chart = nullptr;
        QLineSeries *in = nullptr;
        QLineSeries *out = nullptr;
        QValueAxis *x = nullptr;
        QValueAxis *y = nullptr;
    };

    void onSampled();
    void onResetCountersClicked();
    void setUpChart(Chart *chart, const QString &yTitle);
    void applyPalette();
    void renderFigures();
    void renderCharts();

    std::unique_ptr<Ui::StatsPanel> m_ui;
    TrafficStats *m_stats;
    Chart m_bytes;
    Chart m_messages;
    // A sample arrived while the charts were hidden: redraw them when shown.
    bool m_chartsStale = false;
};
