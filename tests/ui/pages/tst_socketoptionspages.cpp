// Issue 21, the socket options' switches on the TCP tabs: SO_REUSEADDR on the
// server tab (disabled while listening, as the backlog; off, a Start on a
// port its old connections hold in TIME_WAIT says which), TCP_NODELAY on the
// client tab (changes the open connection), with real loopback peers.

#include "core/net/TcpClientSession.h"
#include "core/net/TcpServerSession.h"
#include "ui/pages/TcpClientPage.h"
#include "ui/pages/TcpServerPage.h"
#include "support/TimeWait.h"

#include <QCheckBox>
#include <QLabel>
#include <QPushButton>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

void click(QWidget *w)
{
    QVERIFY2(w && w->isEnabled(), w ? qPrintable(w->objectName()) : "missing");
    if (auto *check = qobject_cast<QCheckBox *>(w))
        QTest::mouseClick(check, Qt::LeftButton, {}, QPoint(2, check->height() / 2));
    else
        QTest::mouseClick(w, Qt::LeftButton);
}

} // namespace

class TestSocketOptionsPages : public QObject
{
    Q_OBJECT
private slots:
    void reuseAddressIsSetBeforeListening();
    void clientNoDelayFollowsTheSwitch();
};

void TestSocketOptionsPages::reuseAddressIsSetBeforeListening()
{
    TcpServerSession server;
    TcpServerPage page(&server);
    page.resize(1200, 800);
    page.show();
    auto *reuse = page.findChild<QCheckBox *>(u"reuseAddressCheck"_s);
    auto *start = page.findChild<QPushButton *>(u"startButton"_s);
    auto *stop = page.findChild<QPushButton *>(u"stopButton"_s);
    QVERIFY(reuse && start && stop);
    QVERIFY(reuse->isChecked());   // on by default, as servers do
    QVERIFY(!reuse->toolTip().isEmpty());
    click(reuse);
    QCOMPARE(server.settings().reuseAddress, false);
    click(start);
    QTRY_VERIFY(server.isRunning());
    QVERIFY(!reuse->isEnabled());  // bind() has read it
    const Endpoint listening = server.listenEndpoint();

    // A client the server closes first: its side waits in TIME_WAIT on the port.
    QTcpSocket client;
    client.connectToHost(listening.address, listening.port);
    QVERIFY(client.waitForConnected(5000));
    const Endpoint clientEnd = Endpoint::localOf(client);
    QTRY_COMPARE(server.clientCount(), 1);
    click(stop);
    QTRY_COMPARE(client.state(), QAbstractSocket::UnconnectedState);
    QTRY_VERIFY(inTimeWait(listening, clientEnd));
    QVERIFY(reuse->isEnabled());

    // Start again without SO_REUSEADDR: the tab says what holds the port.
    click(start);
    QVERIFY(!server.isRunning());
    auto *error = page.findChild<QLabel *>(u"fieldError"_s);
    QVERIFY(error->isVisible());
    QVERIFY2(error->text().contains(u"%1 ↔ %2 in TIME_WAIT"_s.arg(listening.toString(), clientEnd.toString())),
             qPrintable(error->text()));
    QVERIFY2(error->text().contains(u"socket.SO_REUSEADDR, 1)"_s), qPrintable(error->text()));
}

void TestSocketOptionsPages::clientNoDelayFollowsTheSwitch()
{
    QTcpServer peer;
    QVERIFY(peer.listen(QHostAddress::LocalHost, 0));
    TcpClientSession session;
    TcpClientPage page(&session);
    page.resize(1200, 800);
    page.show();
    session.setHost(u"127.0.0.1"_s);
    session.setPort(peer.serverPort());
    auto *noDelay = page.findChild<QCheckBox *>(u"noDelayCheck"_s);
    QVERIFY(noDelay);
    QVERIFY(!noDelay->isChecked());   // Nagle on, as the kernel has it
    QVERIFY(!noDelay->toolTip().isEmpty());
    click(noDelay);
    QCOMPARE(session.settings().noDelay, true);
    click(page.findChild<QPushButton *>(u"connectButton"_s));
    QTRY_VERIFY(session.isConnected());
    auto *socket = session.findChild<QTcpSocket *>();
    QVERIFY(socket);
    QCOMPARE(socket->socketOption(QAbstractSocket::LowDelayOption).toInt(), 1);
    // Still enabled while connected: the connection changes at once.
    click(noDelay);
    QCOMPARE(session.settings().noDelay, false);
    QCOMPARE(socket->socketOption(QAbstractSocket::LowDelayOption).toInt(), 0);
}

QTEST_MAIN(TestSocketOptionsPages)
#include "tst_socketoptionspages.moc"
