// Every lesson sets up real sessions on loopback that do what its
// explanation says.

#include "core/log/TrafficLog.h"
#include "core/net/TcpClientSession.h"
#include "core/net/TcpServerSession.h"
#include "core/net/UdpSession.h"
#include "core/teach/LessonLibrary.h"
#include "core/workbench/Workbench.h"

#include <QTest>

class TestLessonLibrary : public QObject
{
    Q_OBJECT
private slots:
    void everyLessonSetsUp_data();
    void everyLessonSetsUp();
    void echoAnswers();
    void stickyThenFixed();
    void unknownLesson();
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
        if (auto *client = qobject_cast<TcpClientSession *>(s))
            QTRY_VERIFY2(client->isConnected() || client->counters().bytesIn > 0, qPrintable(id));
    }
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
