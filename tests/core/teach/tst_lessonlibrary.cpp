// Every lesson sets up real sessions on loopback that do what its
// explanation says.

#include "core/log/TrafficLog.h"
#include "core/net/TcpClientSession.h"
#include "core/net/TcpServerSession.h"
#include "core/net/UdpSession.h"
#include "core/os/TcpKernelView.h"
#include "core/teach/LessonLibrary.h"
#include "core/workbench/Workbench.h"

#include <QTest>

#include <algorithm>

class TestLessonLibrary : public QObject
{
    Q_OBJECT
private slots:
    void everyLessonSetsUp_data();
    void everyLessonSetsUp();
    void echoAnswers();
    void stickyThenFixed();
    void unknownLesson();
    // Issue 21's lessons do what they say, against the kernel's own numbers.
    void backlogFillsTheAcceptQueue();
    void flowControlFillsTheReceiveQueue();
};

void TestLessonLibrary::everyLessonSetsUp_data()
{
    QTest::addColumn<QString>("id");
    for (const LessonLibrary::Lesson &l : LessonLibrary::all())
        QTest::newRow(qPrintable(l.id)) << l.id;
}

void TestLessonLibrary::everyLessonSetsUp()
{
    QFETCH(QString, id);
    Workbench w;
    const QString text = LessonLibrary::setUp(id, &w);
    QVERIFY(!text.isEmpty());
    QVERIFY(!w.sessions().isEmpty());
    for (Session *s : w.sessions()) {
        QVERIFY2(s->isRunning() || s->kind() == SessionKind::TcpClient, qPrintable(id));
        if (auto *server = qobject_cast<TcpServerSession *>(s))
            QVERIFY2(text.contains(QString::number(server->listenEndpoint().port)), qPrintable(text));
        // The backlog lesson's last client waits in SYN_SENT on purpose (backlogFillsTheAcceptQueue).
        if (auto *client = qobject_cast<TcpClientSession *>(s); client && !(id == QLatin1String("backlog") && s == w.sessions().last()))
            QTRY_VERIFY2(client->isConnected() || client->counters().bytesIn > 0, qPrintable(id));
    }
}

void TestLessonLibrary::backlogFillsTheAcceptQueue()
{
    Workbench w;
    const QString text = LessonLibrary::setUp(QStringLiteral("backlog"), &w);
    auto *server = qobject_cast<TcpServerSession *>(w.sessions().at(0));
    QVERIFY(server);
    QVERIFY(server->settings().pauseAccept);
    QCOMPARE(server->settings().backlog, 2);
    QList<TcpClientSession *> clients;
    for (Session *s : w.sessions().mid(1))
        clients.append(qobject_cast<TcpClientSession *>(s));
    QCOMPARE(clients.size(), 4);
    // backlog + 1 handshakes finish with nobody calling accept(); the fourth SYN is dropped.
    const auto connected = [&] {
        return std::count_if(clients.begin(), clients.end(), [](TcpClientSession *c) { return c->isConnected(); });
    };
    QTRY_COMPARE_WITH_TIMEOUT(connected(), 3, 5000);
    QCOMPARE(server->clientCount(), 0);
    QList<TcpKernelView::Socket> listeners;
    QVERIFY(TcpKernelView::list(&listeners, nullptr, {TcpKernelView::State::Listen}, server->listenEndpoint().port));
    QCOMPARE(listeners.size(), 1);
    QCOMPARE(listeners.first().receiveQueue, 3u);   // the accept queue
    QCOMPARE(listeners.first().sendQueue, 2u);      // the backlog
    QVERIFY(!clients.last()->isConnected());
    QVERIFY(text.contains(QLatin1String("tcp_max_syn_backlog")));
    // Released: the queue drains into the clients, and the fourth gets in on a retry of its SYN.
    SessionSettings s = server->settings();
    s.pauseAccept = false;
    server->setSettings(s);
    QTRY_COMPARE_WITH_TIMEOUT(server->clientCount(), 4, 15000);
    QTRY_COMPARE_WITH_TIMEOUT(connected(), 4, 5000);
}

void TestLessonLibrary::flowControlFillsTheReceiveQueue()
{
    Workbench w;
    LessonLibrary::setUp(QStringLiteral("flow-control"), &w);
    auto *server = qobject_cast<TcpServerSession *>(w.sessions().at(0));
    auto *client = qobject_cast<TcpClientSession *>(w.sessions().at(1));
    QVERIFY(server && client);
    QTRY_COMPARE_WITH_TIMEOUT(server->clientCount(), 1, 5000);
    const ConnectionInfo c = server->connections().first();
    QTRY_VERIFY_WITH_TIMEOUT(server->isReadingPaused(c.id), 5000);
    // Nobody reads: the kernel's receive queue fills and the sender's send queue with it.
    const auto queued = [&] {
        const auto s = TcpKernelView::find(c.local, c.peer);
        return s ? s->receiveQueue : 0u;
    };
    QTRY_VERIFY_WITH_TIMEOUT(queued() > 64 * 1024, 10000);
    QVERIFY(client->repeater()->isRunning());
    const quint64 readWhilePaused = server->counters().bytesIn;
    QVERIFY(server->setReadingPaused(c.id, false));
    QTRY_VERIFY_WITH_TIMEOUT(!client->repeater()->isRunning(), 30000);
    QVERIFY(client->repeater()->done() == client->repeater()->total());
    QTRY_COMPARE_WITH_TIMEOUT(server->counters().bytesIn, client->counters().bytesOut, 30000);
    QVERIFY(server->counters().bytesIn > readWhilePaused);
}

void TestLessonLibrary::echoAnswers()
{
    Workbench w;
    LessonLibrary::setUp(QStringLiteral("echo"), &w);
    auto *client = qobject_cast<TcpClientSession *>(w.sessions().at(1));
    QVERIFY(client);
    QTRY_VERIFY(client->isConnected());
    QVERIFY(client->send("ping").ok());
    QTRY_COMPARE(client->counters().bytesIn, 4u);
}

void TestLessonLibrary::stickyThenFixed()
{
    for (const bool fixed : {false, true}) {
        Workbench w;
        LessonLibrary::setUp(fixed ? QStringLiteral("sticky-fixed") : QStringLiteral("sticky"), &w);
        auto *server = qobject_cast<TcpServerSession *>(w.sessions().at(0));
        QVERIFY(server);
        // hello + sticky + packets = 18 bytes, plus three 4-byte headers when framed.
        QTRY_COMPARE(server->counters().bytesIn, fixed ? 30u : 18u);
        QStringList frames;
        for (qsizetype i = 0; i < server->log()->size(); ++i) {
            if (server->log()->at(i).kind == TrafficEvent::Kind::Frame)
                frames << QString::fromLatin1(server->log()->at(i).payload);
        }
        if (fixed)
            QTRY_COMPARE(frames, (QStringList{QStringLiteral("hello"), QStringLiteral("sticky"), QStringLiteral("packets")}));
        else
            QVERIFY(frames.isEmpty());
    }
}

void TestLessonLibrary::unknownLesson()
{
    Workbench w;
    QVERIFY(LessonLibrary::setUp(QStringLiteral("no-such-lesson"), &w).isEmpty());
    QVERIFY(w.sessions().isEmpty());
}

QTEST_GUILESS_MAIN(TestLessonLibrary)
#include "tst_lessonlibrary.moc"
