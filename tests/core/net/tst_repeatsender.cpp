// RepeatSender: counts, intervals, stopping, failing, argument bounds, and a
// repeat through a real TcpServerSession to a QTcpSocket on loopback.

#include "core/net/RepeatSender.h"
#include "core/net/TcpServerSession.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>
#include <QTimer>

#include <memory>

using namespace Qt::StringLiterals;

namespace {
// Records every call and when it happened; fails the call numbered failAt
// (1-based, 0 = never).
struct RecordingSender
{
    QList<QByteArray> payloads;
    QList<qint64> timesMs;
    QElapsedTimer clock;
    int failAt = 0;

    RecordingSender() { clock.start(); }
    RepeatSender::Sender function()
    {
        return [this](const QByteArray &bytes) {
            payloads.append(bytes);
            timesMs.append(clock.elapsed());
            if (failAt > 0 && payloads.size() == failAt)
                return SendResult::failure(u"Peer went away: nothing was sent"_s);
            return SendResult::success(bytes.size());
        };
    }
};
} // namespace

class TestRepeatSender : public QObject
{
    Q_OBJECT
private slots:
    void sendsCountTimesAtTheInterval_data();
    void sendsCountTimesAtTheInterval();
    void firstSendWaitsForTheEventLoop();
    void stopEndsARepeatEarly();
    void stopsAtTheFirstFailedSend();
    void untilStoppedRunsPastAnyCountUntilStop();
    void untilStoppedEndsAtAFailedSend();
    void rejectsBadArguments_data();
    void rejectsBadArguments();
    void refusesASecondStartWhileRunning();
    void intervalZeroStillYieldsToTheEventLoop();
    void canBeRestartedAfterFinishing();
    void repeatsThroughARealTcpConnection();
};

void TestRepeatSender::sendsCountTimesAtTheInterval_data()
{
    QTest::addColumn<int>("count");
    QTest::addColumn<int>("intervalMs");
    QTest::newRow("once") << 1 << 50;
    QTest::newRow("5 every 20 ms") << 5 << 20;
    QTest::newRow("30 every 0 ms") << 30 << 0;
}

void TestRepeatSender::sendsCountTimesAtTheInterval()
{
    QFETCH(int, count);
    QFETCH(int, intervalMs);
    RepeatSender repeat;
    RecordingSender sender;
    QSignalSpy progress(&repeat, &RepeatSender::progress);
    QSignalSpy finished(&repeat, &RepeatSender::finished);
    const QByteArray payload("ping\0\n", 6);

    QVERIFY(repeat.start(payload, count, intervalMs, sender.function()));
    QVERIFY(repeat.isRunning());
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 10000);

    QCOMPARE(finished.at(0).at(0).toBool(), true);
    QVERIFY(finished.at(0).at(1).toString().isEmpty());
    QVERIFY(!repeat.isRunning());
    QVERIFY(!repeat.wasStopped());
    QCOMPARE(sender.payloads.size(), count);
    for (const QByteArray &p : std::as_const(sender.payloads))
        QCOMPARE(p, payload);
    QCOMPARE(progress.size(), count);
    for (int i = 0; i < count; ++i) {
        QCOMPARE(progress.at(i).at(0).toInt(), i + 1);
        QCOMPARE(progress.at(i).at(1).toInt(), count);
    }
    QCOMPARE(repeat.done(), count);
    QCOMPARE(repeat.bytesSent(), qint64(count) * payload.size());
    // The sends are spread over at least (count - 1) intervals. Single gaps
    // are not checked: one late timer on a busy machine shortens the next gap.
    const qint64 span = sender.timesMs.last() - sender.timesMs.first();
    QVERIFY2(span >= qint64(count - 1) * intervalMs - 2,
             qPrintable(u"%1 sends took %2 ms"_s.arg(count).arg(span)));
    // Nothing more arrives after finished.
    QTest::qWait(intervalMs + 50);
    QCOMPARE(sender.payloads.size(), count);
}

void TestRepeatSender::firstSendWaitsForTheEventLoop()
{
    RepeatSender repeat;
    RecordingSender sender;
    QSignalSpy finished(&repeat, &RepeatSender::finished);
    QVERIFY(repeat.start("x", 1, 0, sender.function()));
    // start() returned before sending: a caller may still connect its slots.
    QCOMPARE(sender.payloads.size(), 0);
    QCOMPARE(finished.size(), 0);
    QTRY_COMPARE(finished.size(), 1);
    QCOMPARE(sender.payloads.size(), 1);
}

void TestRepeatSender::untilStoppedRunsPastAnyCountUntilStop()
{
    RepeatSender repeat;
    RecordingSender sender;
    QSignalSpy finished(&repeat, &RepeatSender::finished);
    QSignalSpy progress(&repeat, &RepeatSender::progress);
    QVERIFY(repeat.start("tick", RepeatSender::kUntilStopped, 0, sender.function()));
    QVERIFY(repeat.untilStopped());
    // Far more than a count would have allowed by default, and still going.
    QTRY_VERIFY(sender.payloads.size() >= 200);
    QVERIFY(repeat.isRunning());
    QVERIFY(finished.isEmpty());
    QCOMPARE(progress.constLast().at(1).toInt(), RepeatSender::kUntilStopped);
    repeat.stop();
    QCOMPARE(finished.size(), 1);
    QCOMPARE(finished.at(0).at(0).toBool(), false);
    QVERIFY(repeat.wasStopped());
    const qsizetype sentAtStop = sender.payloads.size();
    QCOMPARE(repeat.done(), int(sentAtStop));
    QTest::qWait(50);
    QCOMPARE(sender.payloads.size(), sentAtStop);
}

void TestRepeatSender::untilStoppedEndsAtAFailedSend()
{
    RepeatSender repeat;
    int calls = 0;
    QSignalSpy finished(&repeat, &RepeatSender::finished);
    QVERIFY(repeat.start("x", RepeatSender::kUntilStopped, 0, [&calls](const QByteArray &p) {
        return ++calls == 7 ? SendResult::failure(u"peer gone"_s) : SendResult::success(p.size());
    }));
    QTRY_COMPARE(finished.size(), 1);
    QCOMPARE(finished.at(0).at(0).toBool(), false);
    const QString error = finished.at(0).at(1).toString();
    QVERIFY2(error.contains(u"Send 7 failed"_s) && error.contains(u"peer gone"_s), qPrintable(error));
    QCOMPARE(repeat.done(), 6);
    QVERIFY(!repeat.wasStopped());
}

void TestRepeatSender::stopEndsARepeatEarly()
{
    RepeatSender repeat;
    RecordingSender sender;
    QSignalSpy finished(&repeat, &RepeatSender::finished);
    QVERIFY(repeat.start("tick", 1000, 10, sender.function()));
    QTRY_VERIFY(sender.payloads.size() >= 3);
    repeat.stop();
    const qsizetype sentAtStop = sender.payloads.size();

    QCOMPARE(finished.size(), 1);
    QCOMPARE(finished.at(0).at(0).toBool(), false);
    QVERIFY2(finished.at(0).at(1).toString().contains(u"Stopped"_s), qPrintable(finished.at(0).at(1).toString()));
    QVERIFY(repeat.wasStopped());
    QVERIFY(!repeat.isRunning());
    QCOMPARE(repeat.done(), int(sentAtStop));
    QTest::qWait(100);
    QCOMPARE(sender.payloads.size(), sentAtStop);
    // A second stop is a no-op, not a second finished().
    repeat.stop();
    QCOMPARE(finished.size(), 1);
}

void TestRepeatSender::stopsAtTheFirstFailedSend()
{
    RepeatSender repeat;
    RecordingSender sender;
    sender.failAt = 3;
    QSignalSpy progress(&repeat, &RepeatSender::progress);
    QSignalSpy finished(&repeat, &RepeatSender::finished);
    QVERIFY(repeat.start("data", 10, 5, sender.function()));
    QTRY_COMPARE(finished.size(), 1);

    QCOMPARE(finished.at(0).at(0).toBool(), false);
    const QString error = finished.at(0).at(1).toString();
    QVERIFY2(error.contains(u"Peer went away"_s), qPrintable(error));
    QVERIFY2(error.contains(u"3"_s), qPrintable(error));
    QVERIFY(!repeat.wasStopped());
    QCOMPARE(repeat.done(), 2);
    QCOMPARE(progress.size(), 2);
    QTest::qWait(50);
    QCOMPARE(sender.payloads.size(), 3);
}

void TestRepeatSender::rejectsBadArguments_data()
{
    QTest::addColumn<QByteArray>("payload");
    QTest::addColumn<int>("count");
    QTest::addColumn<int>("intervalMs");
    QTest::addColumn<bool>("withSender");
    QTest::newRow("count -1") << QByteArray("x") << -1 << 10 << true;
    QTest::newRow("count 1000001") << QByteArray("x") << 1000001 << 10 << true;
    QTest::newRow("interval -1") << QByteArray("x") << 5 << -1 << true;
    QTest::newRow("interval over an hour") << QByteArray("x") << 5 << 3600001 << true;
    QTest::newRow("empty payload") << QByteArray() << 5 << 10 << true;
    QTest::newRow("no sender") << QByteArray("x") << 5 << 10 << false;
}

void TestRepeatSender::rejectsBadArguments()
{
    QFETCH(QByteArray, payload);
    QFETCH(int, count);
    QFETCH(int, intervalMs);
    QFETCH(bool, withSender);
    RepeatSender repeat;
    RecordingSender sender;
    QSignalSpy finished(&repeat, &RepeatSender::finished);
    QVERIFY(!repeat.start(payload, count, intervalMs, withSender ? sender.function() : RepeatSender::Sender()));
    QVERIFY(!repeat.errorString().isEmpty());
    QVERIFY(!repeat.isRunning());
    QTest::qWait(30);
    QCOMPARE(sender.payloads.size(), 0);
    QCOMPARE(finished.size(), 0);
}

void TestRepeatSender::refusesASecondStartWhileRunning()
{
    RepeatSender repeat;
    RecordingSender first;
    RecordingSender second;
    QSignalSpy finished(&repeat, &RepeatSender::finished);
    QVERIFY(repeat.start("a", 3, 10, first.function()));
    QVERIFY(!repeat.start("b", 3, 10, second.function()));
    QVERIFY(!repeat.errorString().isEmpty());
    QTRY_COMPARE(finished.size(), 1);
    QCOMPARE(first.payloads.size(), 3);
    QCOMPARE(second.payloads.size(), 0);
}

void TestRepeatSender::intervalZeroStillYieldsToTheEventLoop()
{
    RepeatSender repeat;
    RecordingSender sender;
    QSignalSpy finished(&repeat, &RepeatSender::finished);
    qsizetype sendsBeforeOtherTimer = -1;
    QVERIFY(repeat.start("z", 100000, 0, sender.function()));
    // A timer started after the repeat must get its turn long before the
    // repeat is over; a busy loop would run all 100,000 sends first.
    QTimer::singleShot(0, this, [&] { sendsBeforeOtherTimer = sender.payloads.size(); });
    QTRY_VERIFY(sendsBeforeOtherTimer >= 0);
    QVERIFY2(sendsBeforeOtherTimer < 1000, qPrintable(QString::number(sendsBeforeOtherTimer)));
    repeat.stop();
    QCOMPARE(finished.size(), 1);
}

void TestRepeatSender::canBeRestartedAfterFinishing()
{
    RepeatSender repeat;
    RecordingSender sender;
    QSignalSpy finished(&repeat, &RepeatSender::finished);
    QVERIFY(repeat.start("one", 2, 0, sender.function()));
    QTRY_COMPARE(finished.size(), 1);
    QVERIFY(repeat.start("two", 3, 0, sender.function()));
    QTRY_COMPARE(finished.size(), 2);
    QCOMPARE(sender.payloads, (QList<QByteArray>{"one", "one", "two", "two", "two"}));
    QCOMPARE(repeat.done(), 3);
}

void TestRepeatSender::repeatsThroughARealTcpConnection()
{
    TcpServerSession server;
    server.setPort(0);
    server.setKeepOpenOnPeerFin(false);  // the client's FIN ends the connection
    QVERIFY(server.start());
    QTcpSocket client;
    client.connectToHost(server.listenEndpoint().address, server.listenEndpoint().port);
    QVERIFY(client.waitForConnected(5000));
    QTRY_COMPARE(server.clientCount(), 1);

    RepeatSender repeat;
    QSignalSpy finished(&repeat, &RepeatSender::finished);
    const QByteArray payload("ping\r\n");
    QVERIFY(repeat.start(payload, 5, 10, [&server](const QByteArray &b) { return server.send(b); }));
    QByteArray received;
    QTRY_VERIFY_WITH_TIMEOUT((received += client.readAll()).size() >= 5 * payload.size(), 5000);
    QTRY_COMPARE(finished.size(), 1);
    QCOMPARE(finished.at(0).at(0).toBool(), true);
    QCOMPARE(received, payload.repeated(5));

    // The peer leaves mid-repeat: the next send fails and the repeat ends with the session's reason.
    QVERIFY(repeat.start(payload, 1000, 20, [&server](const QByteArray &b) { return server.send(b); }));
    QTRY_VERIFY(client.bytesAvailable() >= payload.size());
    client.disconnectFromHost();
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 2, 5000);
    QCOMPARE(finished.at(1).at(0).toBool(), false);
    QVERIFY2(finished.at(1).at(1).toString().contains(u"nothing was sent"_s), qPrintable(finished.at(1).at(1).toString()));
    QVERIFY(repeat.done() < 1000);
}

QTEST_GUILESS_MAIN(TestRepeatSender)
#include "tst_repeatsender.moc"
