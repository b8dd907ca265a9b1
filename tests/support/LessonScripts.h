#pragma once

// Drives a lesson (LessonLibrary::setUp in a Workbench, no window) the way
// a student would, takes the copied script of one of its tabs and runs it
// against the lesson's other tab: a client's script against the server
// tab, a server's script (the tab stopped, the script on its port) with the
// lesson's client tabs connecting to it. Used by tst_lessonclientscripts
// and tst_lessonserverscripts.

#include "core/net/TcpClientSession.h"
#include "core/net/TcpServerSession.h"
#include "core/net/UdpSession.h"
#include "core/teach/LessonLibrary.h"
#include "core/teach/ScriptPlan.h"
#include "core/teach/SocketNarrator.h"
#include "core/workbench/Workbench.h"
#include "support/ScriptRun.h"
#include "support/SessionEvents.h"

#include <QTest>

namespace LessonScripts {

using Language = SocketNarrator::Language;

// Every lesson has rows: a new lesson must get its checks here too.
inline QStringList lessonIds()
{
    return {QStringLiteral("echo"), QStringLiteral("chat"), QStringLiteral("http-page"), QStringLiteral("http-get"),
            QStringLiteral("udp-echo"), QStringLiteral("welcome"), QStringLiteral("sticky"), QStringLiteral("sticky-fixed"),
            QStringLiteral("reuse"), QStringLiteral("backlog"), QStringLiteral("time-wait"), QStringLiteral("flow-control")};
}

// What the student types in the client tab (nothing: the lesson sends on its own, or nothing is sent).
inline QByteArray typedByClient(const QString &id)
{
    if (id == QLatin1String("echo"))
        return "hello";
    if (id == QLatin1String("chat"))
        return "hi server";
    if (id == QLatin1String("udp-echo"))
        return "ping";
    if (id == QLatin1String("welcome"))
        return "Tracy";
    return {};
}

// Bytes of the session's data events of one direction from log index `from` on.
inline QByteArray dataSince(const Session *s, qsizetype from, TrafficEvent::Direction direction)
{
    QByteArray out;
    for (qsizetype i = from; i < s->log()->size(); ++i) {
        const TrafficEvent e = s->log()->at(i);
        if (e.kind == TrafficEvent::Kind::Data && e.direction == direction)
            out += e.payload;
    }
    return out;
}

inline QList<QByteArray> framesSince(const Session *s, qsizetype from)
{
    QList<QByteArray> out;
    for (qsizetype i = from; i < s->log()->size(); ++i) {
        if (s->log()->at(i).kind == TrafficEvent::Kind::Frame)
            out << s->log()->at(i).payload;
    }
    return out;
}

inline QByteArray received(const Session *s, qsizetype from = 0)
{
    return dataSince(s, from, TrafficEvent::Direction::In);
}

inline QList<TcpClientSession *> tcpClients(const Workbench &w)
{
    QList<TcpClientSession *> out;
    for (Session *s : w.sessions()) {
        if (auto *c = qobject_cast<TcpClientSession *>(s))
            out << c;
    }
    return out;
}

// The lesson set up, and lived through as its explanation tells: the
// client tabs connected, what the student types sent and answered.
inline void setUpAndLive(const QString &id, Workbench &w)
{
    QVERIFY(!LessonLibrary::setUp(id, &w).isEmpty());
    Session *server = w.sessions().first();
    if (id == QLatin1String("backlog")) {
        // As the explanation ends: Pause accept() unticked, every client gets in.
        SessionSettings s = server->settings();
        s.pauseAccept = false;
        server->setSettings(s);
    } else if (id == QLatin1String("flow-control")) {
        // Pause reading unticked: the flood arrives.
        QTRY_COMPARE(server->connectionCount(), 1);
        const quint32 id = server->connections().first().id;
        QTRY_VERIFY(server->isReadingPaused(id));
        QVERIFY(server->setReadingPaused(id, false));
        // The student need not wait out the flood (tst_lessonlibrary does):
        // Stop on the client tab, and everything sent arrives.
        w.sessions().at(1)->repeater()->stop();
        QTRY_COMPARE_WITH_TIMEOUT(server->counters().bytesIn, w.sessions().at(1)->counters().bytesOut, 30000);
    }
    for (TcpClientSession *c : tcpClients(w)) {
        if (id == QLatin1String("http-get"))
            // The server closed after its page: the tab saw its FIN (and keeps
            // its own side open until Disconnect, the default).
            QTRY_VERIFY(received(c).contains("</html>") && (!c->isConnected() || c->peerFinishedSending()));
        else
            QTRY_VERIFY_WITH_TIMEOUT(c->isConnected(), 15000);   // backlog: a dropped SYN is sent again in 1, 2, 4 s
    }
    // The server tab has taken every connection over (they may wait in its accept queue).
    if (id != QLatin1String("http-get") && server->kind() == SessionKind::TcpServer)
        QTRY_COMPARE(server->connectionCount(), int(tcpClients(w).size()));
    if (id.startsWith(QLatin1String("sticky")))
        QTRY_COMPARE(server->counters().bytesIn, quint64(id == QLatin1String("sticky") ? 18 : 30));
    const QByteArray typed = typedByClient(id);
    if (typed.isEmpty())
        return;
    Session *client = w.sessions().at(1);
    QVERIFY(client->send(typed).ok());
    if (id == QLatin1String("chat")) {
        QTRY_VERIFY(received(server).contains(typed));
        QVERIFY(server->send("hi client").ok());  // typed in the server tab
        QTRY_VERIFY(received(client).contains("hi client"));
    } else if (id == QLatin1String("welcome")) {
        QTRY_VERIFY(received(client).contains("Hello,Tracy!"));
    } else {
        QTRY_VERIFY(received(client).contains(typed));  // the echo
    }
}

inline void waitForEnd(ScriptRun &run)
{
    QTRY_VERIFY2_WITH_TIMEOUT(!run.running(), run.output().constData(), 45000);
    QVERIFY2(run.exitCode() == 0, run.output().constData());
}

// The client tab's script against the lesson's server tab.
inline void clientSide(const QString &id, Language language)
{
    Workbench w;
    setUpAndLive(id, w);
    if (QTest::currentTestFailed())
        return;
    Session *server = w.sessions().first();
    Session *client = w.sessions().at(1);
    const QString script = ScriptPlan::from(SocketNarrator(client)).script(language);
    ScriptRun run;
    QString why;
    QVERIFY2(run.prepare(script, language, &why), qPrintable(why));
    const qsizetype mark = server->log()->size();
    run.start();
    waitForEnd(run);
    if (QTest::currentTestFailed())
        return;
    const QByteArray out = run.output();
    const auto says = [&out](const QByteArray &what) {
        if (!out.contains(what))
            qWarning("the script printed:\n%s", out.constData());
        return out.contains(what);
    };
    if (id == QLatin1String("echo") || id == QLatin1String("udp-echo")) {
        const QByteArray typed = typedByClient(id);
        QVERIFY(says("sent b'" + typed + "'"));
        QVERIFY(says("received b'" + typed + "'"));
    } else if (id == QLatin1String("chat")) {
        QVERIFY(says("sent b'hi server'"));
        QCOMPARE(received(server, mark), QByteArray("hi server"));
    } else if (id == QLatin1String("http-get")) {
        QVERIFY(says("received b'HTTP/1.1 200 OK\\r\\n"));
        QVERIFY(says("the server closed the connection"));
        QVERIFY(received(server, mark).startsWith("GET / HTTP/1.0\r\nHost: "));
    } else if (id == QLatin1String("welcome")) {
        QVERIFY(says("Welcome!\\r\\n"));
        QVERIFY(says("Hello,Tracy!"));
    } else if (id == QLatin1String("sticky")) {
        QTRY_COMPARE(received(server, mark), QByteArray("hellostickypackets"));
    } else if (id == QLatin1String("sticky-fixed")) {
        QVERIFY(says("sent b'packets'"));
        QTRY_COMPARE(framesSince(server, mark), (QList<QByteArray>{"hello", "sticky", "packets"}));
    } else if (id == QLatin1String("reuse")) {
        QVERIFY(says("connected from"));
        QTRY_COMPARE(eventsOf(*server, TrafficEvent::Kind::Connected).size(), 3);
    } else if (id == QLatin1String("backlog")) {
        QVERIFY(says("connected from"));
        QTRY_COMPARE(eventsOf(*server, TrafficEvent::Kind::Connected).size(), 5);
    } else if (id == QLatin1String("time-wait") || id == QLatin1String("flow-control")) {
        QVERIFY(says("connected from"));
        QTRY_COMPARE(eventsOf(*server, TrafficEvent::Kind::Connected).size(), 2);
    } else {
        QFAIL(qPrintable(QStringLiteral("no client-side check for lesson ") + id));
    }
}

// The server tab's script on its port, served to the lesson's client tabs.
inline void serverSide(const QString &id, Language language)
{
    Workbench w;
    setUpAndLive(id, w);
    if (QTest::currentTestFailed())
        return;
    Session *server = w.sessions().first();
    const QString script = ScriptPlan::from(SocketNarrator(server)).script(language);
    ScriptRun run;
    QString why;
    QVERIFY2(run.prepare(script, language, &why), qPrintable(why));

    // The tab makes room for the script on its port.
    server->stop();
    QList<TcpClientSession *> clients = tcpClients(w);
    for (TcpClientSession *c : clients) {
        // The stop's FIN leaves the client's side open (CLOSE_WAIT): Disconnect, as the user would.
        QTRY_VERIFY(c->state() == Session::State::Idle || c->peerFinishedSending());
        c->stop();
        QTRY_VERIFY(c->state() == Session::State::Idle);
    }
    run.start();
    if (id == QLatin1String("time-wait")) {
        // The lesson's point: the tab stopped first, so its connection sits
        // in TIME_WAIT, and a script without SO_REUSEADDR cannot bind.
        QTRY_VERIFY2_WITH_TIMEOUT(!run.running(), run.output().constData(), 45000);
        QVERIFY2(run.exitCode() != 0, run.output().constData());
        QVERIFY2(run.output().contains("Address already in use"), run.output().constData());
        QVERIFY(!run.output().contains("SO_REUSEADDR, 1)"));
        return;
    }
    QTRY_VERIFY2_WITH_TIMEOUT(run.output().contains("listening on") || run.output().contains("bound to"),
                              run.output().constData(), 20000);

    if (id == QLatin1String("http-page")) {
        // The browser of the lesson: a client tab that asks for the page.
        TcpClientSession *browser = w.addTcpClient();
        const Endpoint at = qobject_cast<TcpServerSession *>(server)->listenEndpoint();
        browser->setHost(at.addressString());
        browser->setPort(at.port);
        QObject::connect(browser, &TcpClientSession::connected, browser, [browser] {
            browser->send("GET /hello?a=<b> HTTP/1.0\r\n\r\n");
        });
        clients << browser;
    }
    QList<qsizetype> marks;
    for (TcpClientSession *c : clients) {
        marks << c->log()->size();
        QVERIFY(c->start());
    }
    const QByteArray typed = typedByClient(id);
    if (id == QLatin1String("udp-echo")) {
        Session *client = w.sessions().at(1);
        marks << client->log()->size();
        QVERIFY(client->send(typed).ok());
        QTRY_COMPARE(received(client, marks.last()), typed);
    } else {
        for (TcpClientSession *c : clients)
            QTRY_VERIFY(c->isConnected() || !received(c, marks[clients.indexOf(c)]).isEmpty());
        if (!typed.isEmpty())
            QVERIFY(clients.first()->send(typed).ok());
    }
    TcpClientSession *first = clients.isEmpty() ? nullptr : clients.first();
    if (id == QLatin1String("echo"))
        QTRY_COMPARE(received(first, marks.first()), typed);
    else if (id == QLatin1String("chat"))
        QTRY_COMPARE(received(first, marks.first()), QByteArray("hi client"));
    else if (id == QLatin1String("welcome"))
        QTRY_COMPARE(received(first, marks.first()), QByteArray("Welcome!\r\nHello,Tracy!"));
    else if (id.startsWith(QLatin1String("http")))
        QTRY_VERIFY(received(first, marks.first()).contains("</html>\n"));
    else if (id.startsWith(QLatin1String("sticky")))
        QTRY_VERIFY2(run.output().contains("packets"), run.output().constData());
    if (QTest::currentTestFailed())
        return;
    for (TcpClientSession *c : clients)
        c->stop();
    waitForEnd(run);
    if (QTest::currentTestFailed())
        return;

    const QByteArray out = run.output();
    const auto says = [&out](const QByteArray &what) {
        if (!out.contains(what))
            qWarning("the script printed:\n%s", out.constData());
        return out.contains(what);
    };
    if (!typed.isEmpty())
        QVERIFY(says("received b'" + typed + "'"));
    if (id.startsWith(QLatin1String("http"))) {
        QVERIFY(says("received b'GET /"));
        const QByteArray page = received(first, marks.first());
        QVERIFY2(page.startsWith("HTTP/1.1 200 OK\r\n"), page.constData());
        if (id == QLatin1String("http-page"))
            QVERIFY2(page.contains("<code>GET /hello?a=&lt;b&gt;</code>"), page.constData());
    } else if (id == QLatin1String("sticky")) {
        QVERIFY(says("hello") && says("sticky") && says("packets"));
    } else if (id == QLatin1String("sticky-fixed")) {
        QVERIFY(says("received b'hello'\n") && says("received b'sticky'\n") && says("received b'packets'\n"));
    } else if (id == QLatin1String("reuse")) {
        QCOMPARE(out.count("accepted"), 2);
    }
    if (!id.startsWith(QLatin1String("udp")))
        QCOMPARE(out.count("accepted"), qsizetype(clients.size()));
}

} // namespace LessonScripts
