// LifecycleView on a real TCP server session with real loopback clients.

#include "core/net/TcpClientSession.h"
#include "core/net/TcpServerSession.h"
#include "core/teach/LessonLibrary.h"
#include "core/teach/ScriptPlan.h"
#include "core/workbench/Workbench.h"
#include "ui/teach/LifecycleView.h"

#include <QApplication>
#include <QClipboard>
#include <QLabel>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalSpy>
#include <QScrollArea>
#include <QTcpSocket>
#include <QTest>

#include <memory>
#include <vector>

using namespace Qt::StringLiterals;

class TestLifecycleView : public QObject
{
    Q_OBJECT
private slots:
    void showsOneLanePerAcceptedConnection_data();
    void showsOneLanePerAcceptedConnection();
    void switchesBetweenPythonAndC();
    void copiesTheScript();
    void capsTheDrawnLanes();
    void emptyWithoutSession();
    void hiddenViewDrawsWhenShown();
    void dataBoxSaysTheCallsThatHappened();
    void stickyFixedLessonNarratesStruct();
};

void TestLifecycleView::showsOneLanePerAcceptedConnection_data()
{
    QTest::addColumn<int>("clients");
    QTest::newRow("none") << 0;
    QTest::newRow("one") << 1;
    QTest::newRow("three") << 3;
}

void TestLifecycleView::showsOneLanePerAcceptedConnection()
{
    QFETCH(int, clients);
    TcpServerSession server;
    QVERIFY(server.start());
    LifecycleView view;
    view.setSession(&server);
    view.resize(900, 600);
    view.show();
    QTRY_COMPARE(view.drawnLaneCount(), 1);
    QVERIFY(view.drawnLaneTitles().first().contains(server.listenEndpoint().toString()));

    std::vector<std::unique_ptr<QTcpSocket>> sockets;
    for (int i = 0; i < clients; ++i) {
        auto s = std::make_unique<QTcpSocket>();
        s->connectToHost(QHostAddress::LocalHost, server.listenEndpoint().port);
        QVERIFY(s->waitForConnected(5000));
        sockets.push_back(std::move(s));
    }
    QTRY_COMPARE(server.clientCount(), clients);
    QTRY_COMPARE(view.drawnLaneCount(), 1 + clients);
    const QStringList titles = view.drawnLaneTitles();
    for (int i = 0; i < clients; ++i)
        QVERIFY2(titles[i + 1].contains(u"127.0.0.1:%1"_s.arg(sockets[size_t(i)]->localPort())), qPrintable(titles.join(u'\n')));
    QVERIFY(view.narrationText().contains(u"server.listen(4096)"_s));
}

void TestLifecycleView::switchesBetweenPythonAndC()
{
    TcpServerSession server;
    QVERIFY(server.start());
    LifecycleView view;
    view.setSession(&server);
    view.show();
    QTcpSocket client;
    client.connectToHost(QHostAddress::LocalHost, server.listenEndpoint().port);
    QVERIFY(client.waitForConnected(5000));
    client.write("hello");
    QTRY_VERIFY(view.narrationText().contains(u"data = conn.recv(1024)  # b'hello'"_s));
    QVERIFY(!view.narrationText().contains(u"listen(server, 4096);"_s));

    auto *c = view.findChild<QRadioButton *>(u"cButton"_s);
    QVERIFY(c);
    QVERIFY(!c->accessibleName().isEmpty());
    c->click();
    QCOMPARE(view.language(), SocketNarrator::Language::C);
    QVERIFY(view.narrationText().contains(u"listen(server, 4096);"_s));
    QVERIFY(view.narrationText().contains(u"n = recv(conn, buf, 1024, 0);"_s));
    QVERIFY(!view.narrationText().contains(u"server.listen(4096)"_s));
    auto *copy = view.findChild<QPushButton *>(u"copyButton"_s);
    QVERIFY(copy->text().contains(u"C"_s));

    view.setLanguage(SocketNarrator::Language::Python);
    QVERIFY(view.findChild<QRadioButton *>(u"pythonButton"_s)->isChecked());
    QVERIFY(view.narrationText().contains(u"server.listen(4096)"_s));
}

void TestLifecycleView::copiesTheScript()
{
    TcpServerSession server;
    QVERIFY(server.start());
    LifecycleView view;
    view.setSession(&server);
    view.show();
    QTcpSocket client;
    client.connectToHost(QHostAddress::LocalHost, server.listenEndpoint().port);
    QVERIFY(client.waitForConnected(5000));
    QTRY_COMPARE(view.drawnLaneCount(), 2);
    QGuiApplication::clipboard()->clear();
    auto *copy = view.findChild<QPushButton *>(u"copyButton"_s);
    QVERIFY(copy && copy->isEnabled());
    QCOMPARE(copy->text(), u"Copy as Python script"_s);
    copy->click();
    const QString text = QGuiApplication::clipboard()->text();
    QVERIFY(text.startsWith(u"#!/usr/bin/env python3"_s));
    QCOMPARE(text, ScriptPlan::from(*view.narrator()).script(SocketNarrator::Language::Python));
    QVERIFY(text.contains(u"server.bind(('127.0.0.1', %1))"_s.arg(server.listenEndpoint().port)));

    view.setLanguage(SocketNarrator::Language::C);
    copy->click();
    QVERIFY(QGuiApplication::clipboard()->text().contains(u"int main(void)"_s));
}

void TestLifecycleView::capsTheDrawnLanes()
{
    TcpServerSession server;
    QVERIFY(server.start());
    LifecycleView view;
    view.setSession(&server);
    view.show();
    const int clients = LifecycleView::kMaxDrawnLanes + 5;
    std::vector<std::unique_ptr<QTcpSocket>> sockets;
    for (int i = 0; i < clients; ++i) {
        auto s = std::make_unique<QTcpSocket>();
        s->connectToHost(QHostAddress::LocalHost, server.listenEndpoint().port);
        sockets.push_back(std::move(s));
        // Let the server accept as we go: more than the backlog at once would wait.
        if (i % 10 == 9)
            QTRY_COMPARE(server.clientCount(), i + 1);
    }
    QTRY_COMPARE(server.clientCount(), clients);
    // The newest are drawn (once the narrator's notice of the last accept
    // is out: the cap can be reached before); the note says the rest are left out.
    QTRY_VERIFY(view.drawnLaneTitles().last().contains(u"#%1 "_s.arg(clients)));
    QCOMPARE(view.drawnLaneCount(), 1 + LifecycleView::kMaxDrawnLanes);
    auto *note = view.findChild<QLabel *>(u"noteLabel"_s);
    QVERIFY(note && note->isVisibleTo(&view));
    QVERIFY(note->text().contains(u"5"_s));
    // Tall enough to need the scroll bar.
    auto *scroll = view.findChild<QScrollArea *>(u"lifecycleScroll"_s);
    QVERIFY(scroll->widget()->height() > scroll->viewport()->height());
}

void TestLifecycleView::emptyWithoutSession()
{
    LifecycleView view;
    view.show();
    QCOMPARE(view.drawnLaneCount(), 0);
    QVERIFY(!view.findChild<QPushButton *>(u"copyButton"_s)->isEnabled());
    TcpServerSession server;
    view.setSession(&server);
    QVERIFY(server.start());
    QTRY_COMPARE(view.drawnLaneCount(), 1);
    view.setSession(nullptr);
    QCOMPARE(view.drawnLaneCount(), 0);
}

// In a tab that is not current the view does not redraw on each notice;
// shown again (or asked what it draws) it is up to date.
void TestLifecycleView::hiddenViewDrawsWhenShown()
{
    TcpServerSession server;
    QVERIFY(server.start());
    LifecycleView view;
    view.setSession(&server);
    view.resize(900, 600);
    view.show();
    QTRY_COMPARE(view.drawnLaneCount(), 1);
    auto *canvas = view.findChild<QWidget *>(u"lifecycleCanvas"_s);
    QVERIFY(canvas);
    view.hide();

    QSignalSpy notices(view.narrator(), &SocketNarrator::changed);
    QTcpSocket client;
    client.connectToHost(QHostAddress::LocalHost, server.listenEndpoint().port);
    QVERIFY(client.waitForConnected(5000));
    QTRY_COMPARE(server.clientCount(), 1);
    QTRY_VERIFY(notices.size() >= 1);
    const QString port = QString::number(client.localPort());
    QVERIFY2(!canvas->accessibleDescription().contains(port), qPrintable(canvas->accessibleDescription()));

    view.show();
    QVERIFY2(canvas->accessibleDescription().contains(port), qPrintable(canvas->accessibleDescription()));
    QCOMPARE(view.drawnLaneCount(), 2);

    // Asked while hidden and behind: brought up to date first.
    view.hide();
    QTcpSocket second;
    second.connectToHost(QHostAddress::LocalHost, server.listenEndpoint().port);
    QVERIFY(second.waitForConnected(5000));
    QTRY_COMPARE(server.clientCount(), 2);
    QVERIFY(!view.isVisible());
    QTRY_COMPARE(view.drawnLaneCount(), 3);
    QVERIFY(view.drawnLaneTitles().last().contains(QString::number(second.localPort())));
}

// A connection that only received says "recv ×2", not "recv/send ×2";
// once the server sends too, both.
void TestLifecycleView::dataBoxSaysTheCallsThatHappened()
{
    TcpServerSession server;
    QVERIFY(server.start());
    LifecycleView view;
    view.setSession(&server);
    view.show();
    QTcpSocket client;
    client.connectToHost(QHostAddress::LocalHost, server.listenEndpoint().port);
    QVERIFY(client.waitForConnected(5000));
    QTRY_COMPARE(view.drawnLaneCount(), 2);
    QCOMPARE(view.drawnBoxes(1), (QStringList{u"accept"_s, u"recv/send"_s, u"close"_s}));  // what may come
    client.write("a");
    QTRY_COMPARE(server.counters().bytesIn, quint64(1));
    client.write("b");
    QTRY_COMPARE(server.counters().bytesIn, quint64(2));
    QTRY_COMPARE(view.drawnBoxes(1), (QStringList{u"accept"_s, u"recv ×2"_s, u"close"_s}));
    QVERIFY(server.sendTo(server.connections().first().id, "c").ok());
    QTRY_COMPARE(view.drawnBoxes(1), (QStringList{u"accept"_s, u"recv/send ×3"_s, u"close"_s}));
}

// The sticky-packets fix, told as the program that frames its messages:
// the server reads each with recv_exactly() and struct.unpack(), the
// client sends struct.pack() and the bytes.
void TestLifecycleView::stickyFixedLessonNarratesStruct()
{
    Workbench workbench;
    QVERIFY(!LessonLibrary::setUp(u"sticky-fixed"_s, &workbench).isEmpty());
    auto *server = qobject_cast<TcpServerSession *>(workbench.sessions().at(0));
    auto *client = qobject_cast<TcpClientSession *>(workbench.sessions().at(1));
    QVERIFY(server && client);
    QTRY_COMPARE(server->counters().bytesIn, quint64(3 * 4 + 5 + 6 + 7));
    LifecycleView view;
    view.setSession(server);
    view.show();
    QTRY_COMPARE(view.drawnLaneCount(), 2);
    const QString unpack = u"(n,) = struct.unpack('!I', recv_exactly(conn, 4)); data = recv_exactly(conn, n)"_s;
    QTRY_COMPARE(view.narrationText().count(unpack), 3);
    const QString text = view.narrationText();
    QVERIFY2(text.contains(unpack + u"  # n = 6: b'sticky'"_s), qPrintable(text));
    QCOMPARE(view.drawnBoxes(1), (QStringList{u"accept"_s, u"recv ×3"_s, u"close"_s}));

    view.setSession(client);
    QTRY_VERIFY(view.narrationText().contains(u"client.sendall(struct.pack('!I', 7) + b'packets')"_s));
    QVERIFY(view.narrationText().contains(u"client.sendall(struct.pack('!I', 5) + b'hello')"_s));
}

QTEST_MAIN(TestLifecycleView)
#include "tst_lifecycleview.moc"
