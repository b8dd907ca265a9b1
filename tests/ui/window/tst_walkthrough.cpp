// What a new user's walk-through found (issue 17, point 7), each seen the way
// the user sees it, against real loopback sockets: a refused connect says
// why on the tab, the port-0 hint and the port the OS chose, reply to the
// last sender greys the unused target out, and a broadcast from a loopback
// socket is refused with the reason and sends nothing.

#include "core/net/TcpClientSession.h"
#include "core/net/TcpServerSession.h"
#include "core/net/UdpSession.h"
#include "ui/pages/TcpClientPage.h"
#include "ui/pages/TcpServerPage.h"
#include "ui/pages/UdpPage.h"

#include <QCheckBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

using namespace Qt::StringLiterals;

class TestWalkthrough : public QObject
{
    Q_OBJECT
private slots:
    void refusedConnectSaysWhyOnTheTab();
    void portZeroSaysTheOsPicksAndRestartKeepsIt();
    void replyToLastSenderGreysTheTargetOut();
    void broadcastFromLoopbackIsRefusedWithTheReason();
    void previewShowsTheFramedBytesThatGoOut();
};

void TestWalkthrough::refusedConnectSaysWhyOnTheTab()
{
    // A port nobody listens on: bind one, note it, close it.
    quint16 port = 0;
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost));
        port = probe.serverPort();
    }
    TcpClientSession client;
    TcpClientPage page(&client);
    page.findChild<QLineEdit *>(u"hostEdit"_s)->setText(u"127.0.0.1"_s);
    page.findChild<QLineEdit *>(u"portEdit"_s)->setText(QString::number(port));
    QTest::mouseClick(page.findChild<QPushButton *>(u"connectButton"_s), Qt::LeftButton);
    auto *status = page.findChild<QLabel *>(u"endpointsLabel"_s);
    QTRY_VERIFY(client.state() == Session::State::Idle);
    QTRY_VERIFY2(status->text().startsWith(QObject::tr("Not connected: %1").arg(QString()))
                     && status->text().contains(u"refused"_s, Qt::CaseInsensitive),
                 qPrintable(status->text()));
}

void TestWalkthrough::portZeroSaysTheOsPicksAndRestartKeepsIt()
{
    TcpServerSession server;
    TcpServerPage page(&server);
    auto *port = page.findChild<QLineEdit *>(u"portEdit"_s);
    QCOMPARE(port->text(), u"0"_s);
    QVERIFY(!port->placeholderText().isEmpty());
    QVERIFY2(port->toolTip().contains(u"OS"_s), qPrintable(port->toolTip()));
    QTest::mouseClick(page.findChild<QPushButton *>(u"startButton"_s), Qt::LeftButton);
    QVERIFY(server.isRunning());
    const quint16 chosen = server.listenEndpoint().port;
    QVERIFY(chosen != 0);
    QCOMPARE(port->text(), QString::number(chosen));
    QCOMPARE(server.settings().listenPort, chosen);
    QTest::mouseClick(page.findChild<QPushButton *>(u"stopButton"_s), Qt::LeftButton);
    QVERIFY(!server.isRunning());
    QCOMPARE(port->text(), QString::number(chosen));
    QTest::mouseClick(page.findChild<QPushButton *>(u"startButton"_s), Qt::LeftButton);
    QVERIFY(server.isRunning());
    QCOMPARE(server.listenEndpoint().port, chosen);
}

void TestWalkthrough::replyToLastSenderGreysTheTargetOut()
{
    UdpSession udp;
    UdpPage page(&udp);
    auto *host = page.findChild<QLineEdit *>(u"targetHostEdit"_s);
    auto *port = page.findChild<QLineEdit *>(u"targetPortEdit"_s);
    auto *last = page.findChild<QCheckBox *>(u"replyToLastCheck"_s);
    QVERIFY(host->isEnabled() && port->isEnabled());
    last->setChecked(true);
    QVERIFY(udp.replyToLastSenderOn());
    QVERIFY(!host->isEnabled() && !port->isEnabled());
    QVERIFY(!host->placeholderText().isEmpty());
    last->setChecked(false);
    QVERIFY(!udp.replyToLastSenderOn());
    QVERIFY(host->isEnabled() && port->isEnabled());
    // The other way round: the session's setting shows in the form.
    udp.setReplyToLastSender(true);
    QVERIFY(last->isChecked());
    QVERIFY(!host->isEnabled());
}

void TestWalkthrough::broadcastFromLoopbackIsRefusedWithTheReason()
{
    UdpSession udp;
    udp.setBindAddress(QHostAddress(QHostAddress::LocalHost));
    udp.setBroadcastEnabled(true);
    QVERIFY(udp.start());
    const SendResult r = udp.sendTo(QHostAddress(QHostAddress::Broadcast), 9, "hello");
    QVERIFY(!r.ok());
    QVERIFY2(r.error.contains(u"cannot leave this computer"_s), qPrintable(r.error));
    QCOMPARE(udp.counters().messagesOut, 0u);
    QCOMPARE(udp.counters().bytesOut, 0u);
    // The loopback network's own broadcast is where such a socket can send.
    const SendResult local = udp.sendTo(QHostAddress(u"127.255.255.255"_s), 9, "hello");
    QVERIFY2(local.ok() || !local.error.contains(u"cannot leave"_s), qPrintable(local.error));
}

void TestWalkthrough::previewShowsTheFramedBytesThatGoOut()
{
    TcpServerSession server;
    TcpServerPage page(&server);
    page.show();
    auto *editor = page.findChild<QPlainTextEdit *>(u"editor"_s);
    auto *preview = page.findChild<QLineEdit *>(u"previewEdit"_s);
    auto *count = page.findChild<QLabel *>(u"byteCountLabel"_s);
    QVERIFY(editor && preview && count);
    QTest::keyClicks(editor, u"abc"_s);
    QTRY_COMPARE(preview->text(), u"61 62 63"_s);
    // A lesson (or the command line) switches framing on: the preview follows.
    SessionSettings s = server.settings();
    s.framing = FramingSpec::lengthPrefix(4);
    s.frameOutgoing = true;
    server.setSettings(s);
    QTRY_COMPARE(preview->text(), u"00 00 00 03 61 62 63"_s);
    QVERIFY2(count->text().contains(u"7"_s) && count->text().contains(u"length:4"_s), qPrintable(count->text()));
    // What goes out is what was previewed.
    QVERIFY(server.start());
    QTcpSocket peer;
    peer.connectToHost(QHostAddress::LocalHost, server.listenEndpoint().port);
    QVERIFY(peer.waitForConnected(5000));
    QTRY_COMPARE(server.clientCount(), 1);
    QVERIFY(server.send("abc").ok());
    QTRY_COMPARE(peer.bytesAvailable(), qint64(7));
    QCOMPARE(peer.readAll(), QByteArray::fromHex("00000003616263"));
    s.frameOutgoing = false;
    server.setSettings(s);
    QTRY_COMPARE(preview->text(), u"61 62 63"_s);
}

QTEST_MAIN(TestWalkthrough)
#include "tst_walkthrough.moc"
