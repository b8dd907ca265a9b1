#include "ui/pages/StatsPanel.h"

#include "ui_StatsPanel.h"

#include "core/log/TrafficStats.h"
#include "core/net/Session.h"

#include <QChart>
#include <QChartView>
#include <QEvent>
#include <QGraphicsLayout>
#include <QLabel>
#include <QPushButton>
#include <QLineSeries>
#include <QScrollBar>
#include <QLocale>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

namespace {
// Fixed colours, the same in both charts, so "in" and "out" read alike.
const QColor kInColor(0x2a, 0x7a, 0xb9);
const QColor kOutColor(0xe0, 0x7b, 0x24);

QString bytesText(quint64 bytes)
{
    return QLocale().formattedDataSize(qint64(std::min<quint64>(bytes, quint64(INT64_MAX))), 2,
                                       QLocale::DataSizeIecFormat);
}

QString byteRateText(double perSecond)
{
    return StatsPanel::tr("%1/s").arg(bytesText(quint64(std::llround(perSecond))));
}

QString messageRateText(double perSecond)
{
    // Fractions only where they say something (one message every few seconds).
    return StatsPanel::tr("%1/s").arg(QLocale().toString(perSecond, 'f', perSecond < 10 ? 1 : 0));
}

QString countText(quint64 n)
{
    return QLocale().toString(n);
}

struct Unit
{
    double divisor;
    QString name;
};

// The largest binary unit that keeps the axis at 1 or more, so its labels
// stay short ("512", not "524288").
Unit byteRateUnit(double maxPerSecond)
{
    if (maxPerSecond >= 1024.0 * 1024 * 1024)
        return {1024.0 * 1024 * 1024, StatsPanel::tr("GiB/s")};
    if (maxPerSecond >= 1024.0 * 1024)
        return {1024.0 * 1024, StatsPanel::tr("MiB/s")};
    if (maxPerSecond >= 1024.0)
        return {1024.0, StatsPanel::tr("KiB/s")};
    return {1.0, StatsPanel::tr("B/s")};
}

// Zero to a round top (1, 2 or 5 × 10^n per tick, at most 4 ticks above
// zero), so the grid lines fall on numbers a reader can use.
void fitAxis(QValueAxis *axis, double max)
{
    if (!(max > 0))
        max = 1;
    const double rough = max / 4;
    const double magnitude = std::pow(10.0, std::floor(std::log10(rough)));
    const double norm = rough / magnitude;
    const double step = (norm <= 1 ? 1 : norm <= 2 ? 2 : norm <= 5 ? 5 : 10) * magnitude;
    const int ticks = std::clamp(int(std::ceil(max / step - 1e-9)), 1, 4);
    axis->setRange(0, ticks * step);
    axis->setTickCount(ticks + 1);
}
} // namespace

StatsPanel::StatsPanel(QWidget *parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::StatsPanel>())
    , m_stats(new TrafficStats(this))
{
    m_ui->setupUi(this);
    QFont bold = m_ui->inHeader->font();
    bold.setBold(true);
    m_ui->inHeader->setFont(bold);
    m_ui->outHeader->setFont(bold);

    // Each view's own chart: QChartView::setChart() would only release the
    // chart the view made, never delete it (a leak per panel, LeakSanitizer).
    m_bytes.chart = m_ui->bytesChartView->chart();
    setUpChart(&m_bytes, tr("B/s"));
    m_messages.chart = m_ui->messagesChartView->chart();
    setUpChart(&m_messages, tr("msg/s"));
    // A small screen gives this tab little height: the charts shrink to a
    // readable minimum, the figures scroll.
    m_ui->bytesChartView->setMinimumHeight(90);
    m_ui->messagesChartView->setMinimumHeight(90);
    m_ui->bytesChartView->setMinimumWidth(160);
    m_ui->messagesChartView->setMinimumWidth(160);
    applyPalette();
    // The figures keep their width as the numbers change (no jumping
    // columns) and are never cut off at the side: only their height scrolls.
    const int valueWidth = fontMetrics().horizontalAdvance(byteRateText(1023.99 * 1024 * 1024)) + 4;
    for (QLabel *value : {m_ui->bytesInRateValue, m_ui->bytesOutRateValue, m_ui->messagesInRateValue,
                          m_ui->messagesOutRateValue, m_ui->bytesInPeakValue, m_ui->bytesOutPeakValue,
                          m_ui->messagesInPeakValue, m_ui->messagesOutPeakValue, m_ui->bytesInTotalValue,
                          m_ui->bytesOutTotalValue, m_ui->messagesInTotalValue, m_ui->messagesOutTotalValue})
        value->setMinimumWidth(valueWidth);
    m_ui->figuresScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_ui->figuresScroll->setMinimumWidth(m_ui->figures->minimumSizeHint().width()
                                         + m_ui->figuresScroll->verticalScrollBar()->sizeHint().width());

    connect(m_stats, &TrafficStats::sampled, this, &StatsPanel::onSampled);
    connect(m_ui->resetCountersButton, &QPushButton::clicked, this, &StatsPanel::onResetCountersClicked);
    m_ui->resetCountersButton->setEnabled(false);   // until there is a session
    renderFigures();
    renderCharts();
}

StatsPanel::~StatsPanel() = default;

void StatsPanel::setUpChart(Chart *c, const QString &yTitle)
{
    QChart *chart = c->chart;
    chart->setBackgroundVisible(false);
    chart->setMargins(QMargins(2, 2, 2, 2));
    chart->layout()->setContentsMargins(0, 0, 0, 0);
    chart->legend()->setAlignment(Qt::AlignTop);
    chart->legend()->setMarkerShape(QLegend::MarkerShapeFromSeries);
    // Without this the axes print their labels with the label format as a
    // printf format made Latin-1 first: the "秒" of "%.0f 秒" came out as "?".
    // Localised, the text around the number is kept as it is.
    chart->setLocalizeNumbers(true);
    chart->setLocale(QLocale());

    c->in = new QLineSeries;
    c->in->setName(tr("In"));
    c->in->setPen(QPen(kInColor, 2));
    c->out = new QLineSeries;
    c->out->setName(tr("Out"));
    c->out->setPen(QPen(kOutColor, 2));
    chart->addSeries(c->in);
    chart->addSeries(c->out);

    c->x = new QValueAxis;
    c->x->setRange(-double(TrafficStats::kWindowMs) / 1000, 0);
    c->x->setTickCount(7);   // every 10 s
    c->x->setLabelFormat(tr("%.0f s", "chart axis: seconds before now; keep %.0f"));
    c->y = new QValueAxis;
    c->y->setTitleText(yTitle);
    c->y->setLabelFormat(QStringLiteral("%g"));
    c->y->setMinorTickCount(0);
    chart->addAxis(c->x, Qt::AlignBottom);
    chart->addAxis(c->y, Qt::AlignLeft);
    for (QLineSeries *s : {c->in, c->out}) {
        s->attachAxis(c->x);
        s->attachAxis(c->y);
    }
    fitAxis(c->y, 0);
}

void StatsPanel::applyPalette()
{
    // The charts draw on the widget's background; their text follows the
    // palette so a dark theme stays readable.
    const QColor text = palette().color(QPalette::WindowText);
    QColor grid = text;
    grid.setAlphaF(0.15);
    for (const Chart *c : {&m_bytes, &m_messages}) {
        c->chart->legend()->setLabelColor(text);
        for (QValueAxis *axis : {c->x, c->y}) {
            axis->setLabelsColor(text);
            axis->setTitleBrush(text);
            axis->setGridLineColor(grid);
            axis->setLinePenColor(grid);
        }
    }
}

void StatsPanel::setSession(Session *session)
{
    m_stats->setSession(session);
    m_ui->resetCountersButton->setEnabled(session != nullptr);
    m_ui->connectionsLabel->setText(session && session->kind() == SessionKind::Udp ? tr("Peers:") : tr("Connections:"));
    renderFigures();
    renderCharts();
}

void StatsPanel::onResetCountersClicked()
{
    Session *session = m_stats->session();
    if (!session)
        return;
    session->resetCounters();
    // The totals show zero at once rather than at the next sample.
    m_stats->sampleNow();
}

Session *StatsPanel::session() const
{
    return m_stats->session();
}

QString StatsPanel::bytesUnit() const
{
    return m_bytes.y->titleText();
}

void StatsPanel::onSampled()
{
    renderFigures();
    if (isVisible())
        renderCharts();
    else
        m_chartsStale = true;
}

void StatsPanel::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_chartsStale)
        renderCharts();
}

void StatsPanel::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        applyPalette();
}

void StatsPanel::renderFigures()
{
    const TrafficStats::Rates now = m_stats->rates();
    const TrafficStats::Rates peak = m_stats->peak();
    const SessionCounters totals = m_stats->totals();
    m_ui->bytesInRateValue->setText(byteRateText(now.bytesIn));
    m_ui->bytesOutRateValue->setText(byteRateText(now.bytesOut));
    m_ui->messagesInRateValue->setText(messageRateText(now.messagesIn));
    m_ui->messagesOutRateValue->setText(messageRateText(now.messagesOut));
    m_ui->bytesInPeakValue->setText(byteRateText(peak.bytesIn));
    m_ui->bytesOutPeakValue->setText(byteRateText(peak.bytesOut));
    m_ui->messagesInPeakValue->setText(messageRateText(peak.messagesIn));
    m_ui->messagesOutPeakValue->setText(messageRateText(peak.messagesOut));
    m_ui->bytesInTotalValue->setText(bytesText(totals.bytesIn));
    m_ui->bytesOutTotalValue->setText(bytesText(totals.bytesOut));
    m_ui->messagesInTotalValue->setText(countText(totals.messagesIn));
    m_ui->messagesOutTotalValue->setText(countText(totals.messagesOut));
    const bool udp = session() && session()->kind() == SessionKind::Udp;
    m_ui->connectionsValue->setText(udp ? tr("%1 seen").arg(countText(quint64(m_stats->connectionCount())))
                                        : tr("%1 open, %2 in all")
                                              .arg(countText(quint64(m_stats->connectionCount())),
                                                   countText(totals.connections)));
    m_ui->errorsValue->setText(countText(totals.errors));
    m_ui->droppedValue->setText(tr("%1 events, %2")
                                    .arg(countText(m_stats->droppedEvents()), bytesText(m_stats->droppedPayloadBytes())));
}

void StatsPanel::renderCharts()
{
    m_chartsStale = false;
    const QList<TrafficStats::Sample> history = m_stats->history();
    const qint64 newest = history.isEmpty() ? 0 : history.constLast().atMs;
    double maxBytes = 0;
    double maxMessages = 0;
    for (const TrafficStats::Sample &s : history) {
        maxBytes = std::max({maxBytes, s.rates.bytesIn, s.rates.bytesOut});
        maxMessages = std::max({maxMessages, s.rates.messagesIn, s.rates.messagesOut});
    }
    const Unit unit = byteRateUnit(maxBytes);
    QList<QPointF> bytesIn, bytesOut, messagesIn, messagesOut;
    for (QList<QPointF> *points : {&bytesIn, &bytesOut, &messagesIn, &messagesOut})
        points->reserve(history.size());
    for (const TrafficStats::Sample &s : history) {
        const double x = double(s.atMs - newest) / 1000;
        bytesIn.append({x, s.rates.bytesIn / unit.divisor});
        bytesOut.append({x, s.rates.bytesOut / unit.divisor});
        messagesIn.append({x, s.rates.messagesIn});
        messagesOut.append({x, s.rates.messagesOut});
    }
    // One replace() per series: one change notice each, one repaint of the
    // view for the whole sample.
    m_bytes.in->replace(bytesIn);
    m_bytes.out->replace(bytesOut);
    m_messages.in->replace(messagesIn);
    m_messages.out->replace(messagesOut);
    m_bytes.y->setTitleText(unit.name);
    fitAxis(m_bytes.y, maxBytes / unit.divisor);
    fitAxis(m_messages.y, maxMessages);
}
