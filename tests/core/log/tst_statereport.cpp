// StateReport: the payload of a `state` event and its JSON Lines keys, and
// that a payload which is not one is refused rather than half read.

#include "core/log/JsonLinesWriter.h"
#include "core/log/StateReport.h"
#include "core/log/TrafficEvent.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

class TestStateReport : public QObject
{
    Q_OBJECT
private slots:
    void roundTrip_data();
    void roundTrip();
    void badPayloads_data();
    void badPayloads();
    void jsonLineHasTheKeys();
};

void TestStateReport::roundTrip_data()
{
    QTest::addColumn<bool>("listener");
    QTest::addColumn<QString>("state");
    QTest::addColumn<QByteArray>("payload");
    QTest::newRow("listener") << true << "LISTEN" << QByteArray("tcp_state=LISTEN accept_queue=3 syn_queue=1 backlog=2");
    QTest::newRow("connection") << false << "ESTABLISHED" << QByteArray("tcp_state=ESTABLISHED recv_q=65536 send_q=7");
    QTest::newRow("time wait") << false << "TIME_WAIT" << QByteArray("tcp_state=TIME_WAIT recv_q=0 send_q=0");
    QTest::newRow("syn sent") << false << "SYN_SENT" << QByteArray("tcp_state=SYN_SENT recv_q=0 send_q=0 retries=2");
}

void TestStateReport::roundTrip()
{
    QFETCH(bool, listener);
    QFETCH(QString, state);
    QFETCH(QByteArray, payload);
    StateReport r;
    r.tcpState = state;
    r.listener = listener;
    if (listener) {
        r.acceptQueue = 3;
        r.synQueue = 1;
        r.backlog = 2;
    } else if (state == QLatin1String("SYN_SENT")) {
        r.retries = 2;
    } else if (state == QLatin1String("ESTABLISHED")) {
        r.recvQ = 65536;
        r.sendQ = 7;
    }
    QCOMPARE(r.toPayload(), payload);
    const std::optional<StateReport> back = StateReport::fromPayload(payload);
    QVERIFY(back);
    QVERIFY(*back == r);
}

void TestStateReport::badPayloads_data()
{
    QTest::addColumn<QByteArray>("payload");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("data bytes") << QByteArray("hello world");
    QTest::newRow("no state") << QByteArray("recv_q=1 send_q=2");
    QTest::newRow("empty state") << QByteArray("tcp_state= recv_q=1 send_q=2");
    QTest::newRow("missing send_q") << QByteArray("tcp_state=ESTABLISHED recv_q=1");
    QTest::newRow("not a number") << QByteArray("tcp_state=ESTABLISHED recv_q=x send_q=2");
    QTest::newRow("negative") << QByteArray("tcp_state=ESTABLISHED recv_q=-1 send_q=2");
    QTest::newRow("unknown key") << QByteArray("tcp_state=ESTABLISHED recv_q=1 send_q=2 cwnd=10");
    QTest::newRow("listener without backlog") << QByteArray("tcp_state=LISTEN accept_queue=1 syn_queue=0");
    QTest::newRow("double space") << QByteArray("tcp_state=ESTABLISHED  recv_q=1 send_q=2");
    QTest::newRow("retries outside SYN_SENT") << QByteArray("tcp_state=ESTABLISHED recv_q=1 send_q=2 retries=1");
    QTest::newRow("SYN_SENT without retries") << QByteArray("tcp_state=SYN_SENT recv_q=0 send_q=1");
}

void TestStateReport::badPayloads()
{
    QFETCH(QByteArray, payload);
    QVERIFY(!StateReport::fromPayload(payload));
    // A state event whose payload is not a report gets no state keys.
    TrafficEvent e;
    e.kind = TrafficEvent::Kind::State;
    e.payload = payload;
    const QByteArray line = JsonLinesWriter::toJsonLine(e, QStringLiteral("UTF-8"));
    QVERIFY(!line.contains("tcp_state"));
    QVERIFY(QJsonDocument::fromJson(line).isObject());
}

void TestStateReport::jsonLineHasTheKeys()
{
    TrafficEvent e;
    e.session = SessionKind::TcpServer;
    e.kind = TrafficEvent::Kind::State;
    e.local = Endpoint{QHostAddress(QHostAddress::LocalHost), 5000};
    StateReport r;
    r.tcpState = QStringLiteral("LISTEN");
    r.listener = true;
    r.acceptQueue = 3;
    r.synQueue = 0;
    r.backlog = 2;
    e.payload = r.toPayload();
    e.message = QStringLiteral("LISTEN: 3 waiting");
    const QJsonObject o = QJsonDocument::fromJson(JsonLinesWriter::toJsonLine(e, QStringLiteral("UTF-8"))).object();
    QCOMPARE(o.value(u"event").toString(), QStringLiteral("state"));
    QCOMPARE(o.value(u"tcp_state").toString(), QStringLiteral("LISTEN"));
    QCOMPARE(o.value(u"accept_queue").toInt(-1), 3);
    QCOMPARE(o.value(u"syn_queue").toInt(-1), 0);
    QCOMPARE(o.value(u"backlog").toInt(-1), 2);
    QVERIFY(!o.contains(u"recv_q"));
    // Not data: no payload keys.
    QVERIFY(!o.contains(u"hex"));
    QVERIFY(!o.contains(u"size"));
}

QTEST_GUILESS_MAIN(TestStateReport)
#include "tst_statereport.moc"
