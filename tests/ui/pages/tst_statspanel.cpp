// StatsPanel over real sessions on loopback: the figures and the charts show
// what TrafficStats sampled, and change only when it samples.

#include "core/log/TrafficLog.h"
#include "core/log/TrafficStats.h"
#include "core/net/TcpClientSession.h"
#include "core/net/TcpServerSession.h"
#include "core/net/UdpSession.h"
#include "ui/pages/StatsPanel.h"
#include "ui/pages/TcpClientPage.h"
#include "ui/pages/TcpServerPage.h"
#include "ui/pages/UdpPage.h"

#include <QChart>
#include <QChartView>
#include <QGraphicsScene>
#include <QGraphicsTextItem>
#include <QLabel>
#include <QLineSeries>
#include <QPushButton>
#include <QLocale>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTcpSocket>
#include <QTest>
#include <QTranslator>
#include <QValueAxis>

#include <memory>

namespace {
std::unique_ptr<QTcpSocket> connectTo(const Endpoint &server)
{
    auto socket = std::make_unique<QTcpSocket>();
    socket->connectToHost(server.address, server.port);
    if (!socket->waitForConnected(5000))
        return nullptr;
    return socket;
}

QString text(const StatsPanel &panel, const char *name)
{
    auto *label = panel.findChild<QLabel *>(QString::fromLatin1(name));
    return label ? label->text() : QStringLiteral("<no %1>").arg(QString::fromLatin1(name));
}

QString size(qint64 bytes)
{
    return QLocale().formattedDataSize(bytes, 2, QLocale::DataSizeIecFormat);
}

QList<QLineSeries *> seriesOf(QChart *chart)
{
    QList<QLineSeries *> out;
    for (QAbstractSeries *s : chart->series())
        out.append(qobject_cast<QLineSeries *>(s));
    return out;
}

// Translates the time axis' label format the way a catalogue would.
class AxisTranslator : public QTranslator
{
public:
    explicit AxisTranslator(const QString &format)
        : m_format(format)
    {
    }
    bool isEmpty() const override { return false; }
    QString translate(const char *context, const char *source, const char *, int) const override
    {
        if (qstrcmp(context, "StatsPanel") == 0 && qstrcmp(source, "%.0f s") == 0)
            return m_format;
        return QString();
    }

private:
    QString m_format;
};

// The text of every axis label the chart drew.
QStringList axisLabels(QChart *chart)
{
    QStringList out;
    for (QGraphicsItem *item : chart->scene()->items()) {
        if (auto *text = dynamic_cast<QGraphicsTextItem *>(item); text && text->isVisible())
            out << text->toPlainText();
    }
    return out;
}

QValueAxis *yAxisOf(QChart *chart)
{
    const auto axes = chart->axes(Qt::Vertical);
    return axes.isEmpty() ? nullptr : qobject_cast<QValueAxis *>(axes.first());
}
} // namespace

class TestStatsPanel : public QObject
{
    Q_OBJECT
private slots:
    void showsTheNumbersAfterASample();
    void showsWhatTheBudgetDropped();
    void redrawsPerSampleNeverPerPacket();
    void chartsWaitUntilShown();
    void bytesAxisUsesABinaryUnit();
    void axisLabelsKeepTheirTranslation_data();
    void axisLabelsKeepTheirTranslation();
    void udpCountsPeers();
    void everySessionPageHasAStatisticsTab();
    void resetCountersButtonZeroesTheTab();
};

void TestStatsPanel::resetCountersButtonZeroesTheTab()
{
    TcpServerSession server;
    QVERIFY(server.start());
    StatsPanel panel;
    panel.stats()->setInterval(0);
    auto *reset = panel.findChild<QPushButton *>(QStringLiteral("resetCountersButton"));
    QVERIFY(reset);
    QVERIFY(!reset->isEnabled());   // no session yet
    panel.setSession(&server);
    QVERIFY(reset->isEnabled());
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    auto client = connectTo(server.listenEndpoint());
    QVERIFY(client);
    client->write(QByteArray(500, 'u'));
    QTRY_COMPARE(server.counters().bytesIn, quint64(500));
    QVERIFY(server.send(QByteArray(70, 'd')).ok());
    panel.stats()->sampleNow();
    QCOMPARE(text(panel, "bytesInTotalValue"), size(500));
    QCOMPARE(server.connections().value(0).bytesOut, quint64(70));

    QTest::mouseClick(reset, Qt::LeftButton);
    // Shown at once, not at the next sample; the connection's counters too.
    QCOMPARE(text(panel, "bytesInTotalValue"), size(0));
    QCOMPARE(text(panel, "bytesOutTotalValue"), size(0));
    QCOMPARE(text(panel, "messagesOutTotalValue"), QLocale().toString(0));
    QCOMPARE(server.connections().value(0).bytesIn, quint64(0));
    QCOMPARE(server.connections().value(0).bytesOut, quint64(0));
    QCOMPARE(text(panel, "connectionsValue"), StatsPanel::tr("%1 open, %2 in all").arg(1).arg(1));
    // No rate below zero from the drop.
    QCOMPARE(panel.stats()->rates().bytesIn, 0.0);

    client->write(QByteArray(8, 'v'));
    QTRY_COMPARE(server.counters().bytesIn, quint64(8));
    panel.stats()->sampleNow();
    QCOMPARE(text(panel, "bytesInTotalValue"), size(8));
}

void TestStatsPanel::showsTheNumbersAfterASample()
{
    TcpServerSession server;
    QVERIFY(server.start());
    StatsPanel panel;
    panel.setSession(&server);
    QCOMPARE(panel.session(), &server);
    panel.stats()->setInterval(0);
    panel.resize(800, 360);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    QCOMPARE(text(panel, "bytesInTotalValue"), size(0));
    QCOMPARE(text(panel, "connectionsValue"), StatsPanel::tr("%1 open, %2 in all").arg(0).arg(0));

    auto client = connectTo(server.listenEndpoint());
    QVERIFY(client);
    client->write(QByteArray(1000, 'u'));
    QTRY_COMPARE(server.counters().bytesIn, quint64(1000));
    QVERIFY(server.send(QByteArray(300, 'd')).ok());
    QTRY_COMPARE(client->bytesAvailable(), qint64(300));
    // Nothing shows before the sample.
    QCOMPARE(text(panel, "bytesInTotalValue"), size(0));

    panel.stats()->sampleNow();
    QCOMPARE(text(panel, "bytesInTotalValue"), size(1000));
    QCOMPARE(text(panel, "bytesOutTotalValue"), size(300));
    QCOMPARE(text(panel, "messagesInTotalValue"), QLocale().toString(server.counters().messagesIn));
    QCOMPARE(text(panel, "messagesOutTotalValue"), QLocale().toString(1));
    QCOMPARE(text(panel, "connectionsValue"), StatsPanel::tr("%1 open, %2 in all").arg(1).arg(1));
    QCOMPARE(text(panel, "errorsValue"), QLocale().toString(0));
    QCOMPARE(text(panel, "droppedValue"), StatsPanel::tr("%1 events, %2").arg(QLocale().toString(0), size(0)));
    // Some rate, whatever the clock said; the same as the peak after one sample.
    QVERIFY(text(panel, "bytesInRateValue") != StatsPanel::tr("%1/s").arg(size(0)));
    QCOMPARE(text(panel, "bytesInPeakValue"), text(panel, "bytesInRateValue"));

    const auto bytes = seriesOf(panel.bytesChart());
    const auto messages = seriesOf(panel.messagesChart());
    QCOMPARE(bytes.size(), 2);
    QCOMPARE(messages.size(), 2);
    for (QLineSeries *s : bytes + messages) {
        QVERIFY(s);
        QCOMPARE(s->count(), 1);
        QCOMPARE(s->at(0).x(), 0.0);   // the newest sample is "now"
    }
    QVERIFY(bytes[0]->at(0).y() > 0);   // in
    QVERIFY(bytes[1]->at(0).y() > 0);   // out

    panel.stats()->sampleNow();
    for (QLineSeries *s : bytes + messages) {
        QCOMPARE(s->count(), 2);
        QVERIFY(s->at(0).x() <= 0);
        QCOMPARE(s->at(1).x(), 0.0);
        QCOMPARE(s->at(1).y(), 0.0);   // nothing moved between the samples
    }
}

void TestStatsPanel::showsWhatTheBudgetDropped()
{
    TcpServerSession server;
    QVERIFY(server.start());
    StatsPanel panel;
    panel.setSession(&server);
    panel.stats()->setInterval(0);
    auto client = connectTo(server.listenEndpoint());
    QVERIFY(client);
    quint64 sent = 0;
    for (int i = 0; i < 6; ++i) {
        client->write(QByteArray(3000, 'z'));
        sent += 3000;
        QTRY_COMPARE(server.counters().bytesIn, sent);
    }
    server.log()->setByteBudget(0);
    QVERIFY(server.log()->droppedEvents() > 0);
    panel.stats()->sampleNow();
    QCOMPARE(text(panel, "droppedValue"),
             StatsPanel::tr("%1 events, %2")
                 .arg(QLocale().toString(server.log()->droppedEvents()),
                      size(qint64(server.log()->droppedPayloadBytes()))));
    QCOMPARE(text(panel, "bytesInTotalValue"), size(qint64(sent)));
}

void TestStatsPanel::redrawsPerSampleNeverPerPacket()
{
    TcpServerSession server;
    QVERIFY(server.start());
    StatsPanel panel;
    panel.setSession(&server);
    panel.stats()->setInterval(0);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    auto *bytesIn = seriesOf(panel.bytesChart()).first();
    QSignalSpy replaced(bytesIn, &QXYSeries::pointsReplaced);
    auto client = connectTo(server.listenEndpoint());
    QVERIFY(client);
    for (int i = 0; i < 200; ++i) {
        client->write(QByteArray(64, 'p'));
        QCoreApplication::processEvents();
    }
    QTRY_COMPARE(server.counters().bytesIn, quint64(200 * 64));
    QCOMPARE(replaced.count(), 0);
    QCOMPARE(text(panel, "bytesInTotalValue"), size(0));
    panel.stats()->sampleNow();
    QCOMPARE(replaced.count(), 1);
    QCOMPARE(text(panel, "bytesInTotalValue"), size(200 * 64));
}

void TestStatsPanel::chartsWaitUntilShown()
{
    TcpServerSession server;
    StatsPanel panel;
    panel.setSession(&server);
    panel.stats()->setInterval(0);
    panel.stats()->sampleNow();
    panel.stats()->sampleNow();
    // Hidden: the figures follow, the charts wait.
    QCOMPARE(text(panel, "messagesInTotalValue"), QLocale().toString(0));
    auto *bytesIn = seriesOf(panel.bytesChart()).first();
    QCOMPARE(bytesIn->count(), 0);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    QCOMPARE(bytesIn->count(), 2);
}

void TestStatsPanel::bytesAxisUsesABinaryUnit()
{
    TcpServerSession server;
    QVERIFY(server.start());
    StatsPanel panel;
    panel.setSession(&server);
    panel.stats()->setInterval(0);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    panel.stats()->sampleNow();
    QCOMPARE(panel.bytesUnit(), StatsPanel::tr("B/s"));   // idle

    auto client = connectTo(server.listenEndpoint());
    QVERIFY(client);
    const QByteArray chunk(64 * 1024, 'b');
    for (int i = 0; i < 16; ++i)
        client->write(chunk);
    QTRY_COMPARE(server.counters().bytesIn, quint64(16 * chunk.size()));
    panel.stats()->sampleNow();
    // 1 MiB in one sample: at least KiB/s unless that sample took 17 minutes.
    const QStringList units{StatsPanel::tr("KiB/s"), StatsPanel::tr("MiB/s"), StatsPanel::tr("GiB/s")};
    QVERIFY2(units.contains(panel.bytesUnit()), qPrintable(panel.bytesUnit()));
    // The axis is in that unit: every point fits under its top, and the top
    // stays a short number.
    QValueAxis *y = yAxisOf(panel.bytesChart());
    QVERIFY(y);
    QCOMPARE(y->titleText(), panel.bytesUnit());
    QCOMPARE(y->min(), 0.0);
    QVERIFY(y->max() <= 5000);
    for (QLineSeries *s : seriesOf(panel.bytesChart())) {
        for (const QPointF &p : s->points())
            QVERIFY(p.y() <= y->max());
    }
    const double rateIn = panel.stats()->rates().bytesIn;
    const double divisor = panel.bytesUnit() == units[0] ? 1024.0 : panel.bytesUnit() == units[1] ? 1024.0 * 1024 : 1024.0 * 1024 * 1024;
    QCOMPARE(seriesOf(panel.bytesChart()).first()->points().constLast().y(), rateIn / divisor);
}

void TestStatsPanel::axisLabelsKeepTheirTranslation_data()
{
    QTest::addColumn<QString>("format");
    QTest::addColumn<QString>("oldest");   // the label of the left end
    QTest::newRow("English") << QStringLiteral("%.0f s") << QStringLiteral("-60 s");
    QTest::newRow("Chinese") << QStringLiteral("%.0f \u79d2") << QStringLiteral("-60 \u79d2");
    QTest::newRow("Japanese") << QStringLiteral("%.0f \u79d2\u524d") << QStringLiteral("-60 \u79d2\u524d");
}

// The time axis printed "-60 ?" in Chinese: its label format went through
// printf as Latin-1. Whatever the translation holds around the number stays.
void TestStatsPanel::axisLabelsKeepTheirTranslation()
{
    QFETCH(QString, format);
    QFETCH(QString, oldest);
    AxisTranslator translator(format);
    QVERIFY(QCoreApplication::installTranslator(&translator));
    StatsPanel panel;
    QCoreApplication::removeTranslator(&translator);
    panel.resize(800, 400);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    QStringList labels;
    QTRY_VERIFY2((labels = axisLabels(panel.bytesChart())).contains(oldest), qPrintable(labels.join(u'|')));
    QVERIFY(labels.contains(oldest.sliced(1).replace(QStringLiteral("60"), QStringLiteral("0"))));
    for (const QString &label : std::as_const(labels))
        QVERIFY2(!label.contains(u'?'), qPrintable(label));
}

void TestStatsPanel::udpCountsPeers()
{
    UdpSession udp;
    StatsPanel panel;
    panel.setSession(&udp);
    QCOMPARE(text(panel, "connectionsLabel"), StatsPanel::tr("Peers:"));
    QCOMPARE(text(panel, "connectionsValue"), StatsPanel::tr("%1 seen").arg(0));
    TcpServerSession server;
    panel.setSession(&server);
    QCOMPARE(text(panel, "connectionsLabel"), StatsPanel::tr("Connections:"));
}

void TestStatsPanel::everySessionPageHasAStatisticsTab()
{
    TcpServerSession server;
    TcpClientSession client;
    UdpSession udp;
    TcpServerPage serverPage(&server);
    TcpClientPage clientPage(&client);
    UdpPage udpPage(&udp);
    const QList<QPair<QWidget *, Session *>> pages{{&serverPage, &server}, {&clientPage, &client}, {&udpPage, &udp}};
    for (const auto &[page, session] : pages) {
        auto *panel = page->findChild<StatsPanel *>(QStringLiteral("statsPanel"));
        QVERIFY(panel);
        QCOMPARE(panel->session(), session);
        QCOMPARE(panel->stats()->interval(), TrafficStats::kDefaultIntervalMs);
        auto *views = page->findChild<QTabWidget *>(QStringLiteral("viewTabs"));
        QVERIFY(views);
        const int index = views->indexOf(panel);
        QVERIFY(index >= 0);
        QCOMPARE(views->tabText(index), QStringLiteral("Statistics"));
    }
}

QTEST_MAIN(TestStatsPanel)
#include "tst_statspanel.moc"
