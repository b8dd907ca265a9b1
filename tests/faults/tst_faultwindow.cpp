// The fault cases that need the window: MainWindow on the offscreen
// platform, driven through its widgets and actions, with real sockets to
// python3 peers (tests/faults/peers.py, tests/faults/churn.py) in processes of
// their own. Each case checks what the user sees (traffic rows, the clients
// table, the send panel's message, the tab set), what the session reported,
// what the peer saw, and that the GUI thread kept answering: a helper thread
// posts a ping to it every 50 ms, each must be answered within 2 s (a
// liveness bound; p50/p99/max are printed as FIGURE lines).

#include "core/log/TrafficEvent.h"
#include "core/net/TcpClientSession.h"
#include "core/net/TcpServerSession.h"
#include "core/net/UdpSession.h"
#include "core/workbench/Workbench.h"
#include "ui/pages/SessionPage.h"
#include "ui/pages/TcpClientPage.h"
#include "ui/pages/TcpServerPage.h"
#include "ui/pages/UdpPage.h"
#include "ui/send/SendPanel.h"
#include "ui/traffic/TrafficLogModel.h"
#include "ui/traffic/TrafficView.h"
#include "ui/window/MainWindow.h"

#include <QAction>
#include <QComboBox>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonArray>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProcess>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTableView>
#include <QTcpSocket>
#include <QTest>
#include <QNetworkDatagram>
#include <QUdpSocket>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace {
const bool kUnderAsan = !qEnvironmentVariableIsEmpty("ASAN_OPTIONS");

void figure(const QString &name, const QString &value)
{
    qInfo().noquote() << QStringLiteral("FIGURE %1: %2").arg(name, value);
}

// Round trips of pings posted to the GUI thread from a thread of its own.
class GuiPing
{
public:
    GuiPing()
        : m_state(std::make_shared<State>())
    {
        m_thread = std::thread([state = m_state] {
            while (!state->stop) {
                const auto sent = std::chrono::steady_clock::now();
                ++state->posted;
                QMetaObject::invokeMethod(qApp, [state, sent] {
                    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - sent).count();
                    std::lock_guard lock(state->mutex);
                    state->rtts.push_back(ms);
                }, Qt::QueuedConnection);
                std::this_thread::sleep_for(std::chrono::milliseconds(50));
            }
        });
    }
    ~GuiPing() { stop(); }

    // Stops pinging and lets the last pings through; returns the answers.
    std::vector<double> stop()
    {
        if (m_thread.joinable()) {
            m_state->stop = true;
            m_thread.join();
            QTest::qWait(100);
        }
        std::lock_guard lock(m_state->mutex);
        return m_state->rtts;
    }
    int posted() const { return m_state->posted; }

    static double percentile(std::vector<double> v, double q)
    {
        if (v.empty())
            return 0;
        std::sort(v.begin(), v.end());
        return v[size_t(double(v.size() - 1) * q)];
    }

private:
    struct State
    {
        std::atomic<bool> stop{false};
        std::atomic<int> posted{0};
        std::mutex mutex;
        std::vector<double> rtts;
    };
    std::shared_ptr<State> m_state;
    std::thread m_thread;
};

// Checks the liveness bound and prints the figures.
void checkPings(GuiPing &ping, const QString &what)
{
    const std::vector<double> rtts = ping.stop();
    QVERIFY2(!rtts.empty(), qPrintable(what));
    QCOMPARE(int(rtts.size()), ping.posted());  // every ping answered
    const double max = *std::max_element(rtts.begin(), rtts.end());
    figure(QStringLiteral("GUI thread during %1").arg(what),
           QStringLiteral("%1 pings, p50 %2 ms, p99 %3 ms, max %4 ms")
               .arg(rtts.size())
               .arg(GuiPing::percentile(rtts, 0.5), 0, 'f', 1)
               .arg(GuiPing::percentile(rtts, 0.99), 0, 'f', 1)
               .arg(max, 0, 'f', 1));
    QVERIFY2(max < 2000.0, qPrintable(QStringLiteral("a ping waited %1 ms during %2").arg(max).arg(what)));
}

// A python3 peer (tests/faults/peers.py or churn.py); JSON lines out.
class Peer
{
public:
    explicit Peer(const QString &script, const QStringList &args)
    {
        m_proc.setProgram(QStringLiteral("/usr/bin/python3"));
        m_proc.setArguments(QStringList{QStringLiteral(SW_FAULTS_DIR "/") + script} + args);
        m_proc.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        m_proc.start();
    }
    ~Peer()
    {
        if (m_proc.state() != QProcess::NotRunning) {
            m_proc.kill();
            m_proc.waitForFinished(5000);
        }
    }
    // The next line, parsed; the event loop keeps running meanwhile.
    QJsonObject next(int timeoutMs = 60000)
    {
        QElapsedTimer t;
        t.start();
        while (!m_proc.canReadLine() && t.elapsed() < timeoutMs) {
            if (m_proc.state() == QProcess::NotRunning && !m_proc.canReadLine())
                break;
            QTest::qWait(10);
        }
        if (!m_proc.canReadLine())
            return QJsonObject{{QStringLiteral("timeout"), true}};
        return QJsonDocument::fromJson(m_proc.readLine()).object();
    }
    void go() { m_proc.write("go\n"); }

private:
    QProcess m_proc;
};

// Everything a session reports, kept after the session is gone.
class Events : public QObject
{
public:
    void watch(Session *s)
    {
        connect(s, &Session::eventOccurred, this, [this](const TrafficEvent &e) {
            TrafficEvent copy = e;
            copy.payload = QByteArray::number(e.payload.size());  // sizes only: 100 MiB stay out of here
            m_list.append(copy);
        });
    }
    QList<TrafficEvent> of(TrafficEvent::Kind kind) const
    {
        QList<TrafficEvent> out;
        for (const TrafficEvent &e : m_list)
            if (e.kind == kind)
                out.append(e);
        return out;
    }
    qint64 bytes(TrafficEvent::Direction d) const
    {
        qint64 n = 0;
        for (const TrafficEvent &e : m_list)
            if (e.kind == TrafficEvent::Kind::Data && e.direction == d)
                n += e.payload.toLongLong();
        return n;
    }

private:
    QList<TrafficEvent> m_list;
};

// The Preview column of the traffic view: payloads, or the event's message.
QStringList shownMessages(SessionPage *page)
{
    QStringList out;
    QAbstractItemModel *m = page->findChild<TrafficView *>(QStringLiteral("trafficView"))->table()->model();
    for (int r = 0; r < m->rowCount(); ++r)
        out << m->index(r, TrafficLogModel::Preview).data().toString();
    return out;
}

TcpClientPage *connectClientTab(MainWindow &window, quint16 port)
{
    window.findChild<QAction *>(QStringLiteral("actionNewTcpClient"))->trigger();
    auto *page = qobject_cast<TcpClientPage *>(window.pageAt(window.pageCount() - 1));
    page->findChild<QLineEdit *>(QStringLiteral("hostEdit"))->setText(QStringLiteral("127.0.0.1"));
    page->findChild<QLineEdit *>(QStringLiteral("portEdit"))->setText(QString::number(port));
    QTest::mouseClick(page->findChild<QPushButton *>(QStringLiteral("connectButton")), Qt::LeftButton);
    return page;
}

TcpServerPage *startServerTab(MainWindow &window)
{
    window.findChild<QAction *>(QStringLiteral("actionNewTcpServer"))->trigger();
    auto *page = qobject_cast<TcpServerPage *>(window.pageAt(window.pageCount() - 1));
    page->findChild<QLineEdit *>(QStringLiteral("portEdit"))->setText(QStringLiteral("0"));
    QTest::mouseClick(page->findChild<QPushButton *>(QStringLiteral("startButton")), Qt::LeftButton);
    return page;
}

QByteArray pattern(qsizetype size)
{
    QByteArray b(size, Qt::Uninitialized);
    for (qsizetype i = 0; i < size; ++i)
        b[i] = char('a' + i % 26);
    return b;
}
} // namespace

class TestFaultWindow : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void closeTabWhileLargeSendInFlight();
    void stopServerTabWhileClientsSend();
    void sendingWhileDisconnected();
    void oversizeDatagramFromUdpTab();
    void halfCloseFromClientTab();
    void serverHalfClosesWhileClientStillSending();
    void refusedShownInClientTab();
    void churnAgainstServerTab();
};

void TestFaultWindow::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("socket-workbench-tests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_faultwindow"));
}

void TestFaultWindow::init()
{
    QSettings().clear();
}

void TestFaultWindow::closeTabWhileLargeSendInFlight()
{
    const qsizetype size = (kUnderAsan ? 32 : 100) * qsizetype(1024 * 1024);
    if (kUnderAsan)
        figure(QStringLiteral("large send"), QStringLiteral("under AddressSanitizer: 32 MiB instead of 100 MiB"));
    Peer peer(QStringLiteral("peers.py"), {QStringLiteral("slow-reader")});
    const quint16 port = quint16(peer.next().value(QStringLiteral("port")).toInt());
    QVERIFY(port != 0);
    Workbench bench;
    MainWindow window(&bench);
    window.show();
    TcpClientPage *page = connectClientTab(window, port);
    QTRY_VERIFY(page->client()->isConnected());
    Events events;
    events.watch(page->client());
    const QString where = page->client()->peerEndpoint().toString();

    const QByteArray big = pattern(size);
    GuiPing ping;
    // What Send does with a payload this size (the panel hands it to the session).
    const SendResult sent = page->client()->send(big);
    QVERIFY2(sent.ok(), qPrintable(sent.error));
    QCOMPARE(sent.bytes, qint64(size));
    QCOMPARE(peer.next().value(QStringLiteral("started")).toInt(), 1 << 20);  // in flight, peer not reading
    QTest::qWait(1000);
    QVERIFY(page->client()->isConnected());

    // Ctrl+W on the tab.
    window.findChild<QAction *>(QStringLiteral("actionCloseTab"))->trigger();
    QCOMPARE(window.pageCount(), 0);
    QCOMPARE(bench.sessions().size(), 0);
    const QList<TrafficEvent> closed = events.of(TrafficEvent::Kind::Closed);
    QCOMPARE(closed.size(), 1);
    QCOMPARE(closed.first().reason, TrafficEvent::Reason::LocalReset);
    QVERIFY2(closed.first().message.startsWith(QStringLiteral("Closed by us; ")), qPrintable(closed.first().message));
    QVERIFY2(closed.first().message.endsWith(QStringLiteral(" bytes not yet sent were discarded (RST sent)")),
             qPrintable(closed.first().message));
    QCOMPARE(closed.first().peer.toString(), where);
    QCOMPARE(events.of(TrafficEvent::Kind::Error).size(), 0);

    peer.go();
    const QJsonObject end = peer.next();
    figure(QStringLiteral("tab closed during a %1 MiB send").arg(size >> 20),
           QStringLiteral("the peer got %1 bytes, then %2; the close said: %3")
               .arg(end.value(QStringLiteral("bytes")).toInteger())
               .arg(end.value(QStringLiteral("end")).toString(), closed.first().message));
    QCOMPARE(end.value(QStringLiteral("end")).toString(), QStringLiteral("rst"));
    QVERIFY(end.value(QStringLiteral("bytes")).toInteger() < size);
    checkPings(ping, QStringLiteral("a %1 MiB send and its tab closing").arg(size >> 20));

    // The window is still usable: a new server tab listens and accepts.
    TcpServerPage *server = startServerTab(window);
    QVERIFY(server->server()->isRunning());
    QTcpSocket probe;
    probe.connectToHost(QHostAddress::LocalHost, server->server()->listenEndpoint().port);
    QVERIFY(probe.waitForConnected(5000));
    QTRY_COMPARE(server->findChild<QTableView *>(QStringLiteral("clientsTable"))->model()->rowCount(), 1);
}

void TestFaultWindow::stopServerTabWhileClientsSend()
{
    Workbench bench;
    MainWindow window(&bench);
    window.show();
    TcpServerPage *page = startServerTab(window);
    QVERIFY(page->server()->isRunning());
    Events events;
    events.watch(page->server());
    QTableView *table = page->findChild<QTableView *>(QStringLiteral("clientsTable"));
    Peer senders(QStringLiteral("peers.py"),
                 {QStringLiteral("senders"), QString::number(page->server()->listenEndpoint().port), QStringLiteral("4")});
    QCOMPARE(senders.next().value(QStringLiteral("connected")).toArray().size(), 4);
    QTRY_COMPARE(table->model()->rowCount(), 4);
    GuiPing ping;
    QTRY_VERIFY(page->server()->counters().bytesIn > 4u << 20);  // they are sending
    QTest::qWait(1000);
    QTest::mouseClick(page->findChild<QPushButton *>(QStringLiteral("stopButton")), Qt::LeftButton);
    QVERIFY(!page->server()->isRunning());
    QCOMPARE(page->server()->clientCount(), 0);
    QTRY_COMPARE(table->model()->rowCount(), 0);
    const QList<TrafficEvent> closed = events.of(TrafficEvent::Kind::Closed);
    QCOMPARE(closed.size(), 4);
    for (const TrafficEvent &e : closed) {
        QCOMPARE(e.reason, TrafficEvent::Reason::SessionStopped);
        QCOMPARE(e.message, QStringLiteral("Closed: the server stopped"));
    }
    QCOMPARE(events.of(TrafficEvent::Kind::Stopped).size(), 1);
    QCOMPARE(events.of(TrafficEvent::Kind::Error).size(), 0);
    QTRY_VERIFY(shownMessages(page).contains(QStringLiteral("Closed: the server stopped")));
    QVERIFY(!page->findChild<SendPanel *>(QStringLiteral("sendPanel"))->isSendEnabled());
    const QJsonArray ends = senders.next().value(QStringLiteral("ends")).toArray();
    QCOMPARE(ends.size(), 4);
    // Still sending when the Stop came: the server closed with their bytes
    // unread, so Linux answers them with RST.
    for (const QJsonValue &v : ends)
        QCOMPARE(v.toString(), QStringLiteral("rst"));
    figure(QStringLiteral("server tab stopped while 4 clients send"),
           QStringLiteral("%1 B read before the stop; the clients saw %2")
               .arg(page->server()->counters().bytesIn)
               .arg(QString::fromUtf8(QJsonDocument(ends).toJson(QJsonDocument::Compact))));
    checkPings(ping, QStringLiteral("4 clients sending and the Stop"));
    // Start again on a fresh port: it works.
    page->findChild<QLineEdit *>(QStringLiteral("portEdit"))->setText(QStringLiteral("0"));
    QTest::mouseClick(page->findChild<QPushButton *>(QStringLiteral("startButton")), Qt::LeftButton);
    QVERIFY(page->server()->isRunning());
}

void TestFaultWindow::sendingWhileDisconnected()
{
    Peer peer(QStringLiteral("peers.py"), {QStringLiteral("fin-after-eof")});
    const quint16 port = quint16(peer.next().value(QStringLiteral("port")).toInt());
    Workbench bench;
    MainWindow window(&bench);
    window.show();
    // Before connecting: the panel says why and sends nothing.
    window.findChild<QAction *>(QStringLiteral("actionNewTcpClient"))->trigger();
    auto *page = qobject_cast<TcpClientPage *>(window.pageAt(0));
    auto *panel = page->findChild<SendPanel *>(QStringLiteral("sendPanel"));
    QVERIFY(!panel->isSendEnabled());
    panel->editor()->setPlainText(QStringLiteral("too early"));
    QVERIFY(!panel->send());
    QCOMPARE(panel->message(), QStringLiteral("\u26A0 Not connected"));  // as the panel shows it
    QVERIFY(panel->messageIsError());
    // The same call on the session: refused, nothing logged.
    const SendResult r = page->client()->send("too early");
    QVERIFY(!r.ok());
    QCOMPARE(r.error, QStringLiteral("Not connected: nothing was sent"));
    QCOMPARE(page->client()->counters().bytesOut, 0u);

    // Connected, then the peer ends it: sending is refused again.
    page->findChild<QLineEdit *>(QStringLiteral("hostEdit"))->setText(QStringLiteral("127.0.0.1"));
    page->findChild<QLineEdit *>(QStringLiteral("portEdit"))->setText(QString::number(port));
    QTest::mouseClick(page->findChild<QPushButton *>(QStringLiteral("connectButton")), Qt::LeftButton);
    QTRY_VERIFY(page->client()->isConnected());
    QTest::mouseClick(page->findChild<QPushButton *>(QStringLiteral("halfCloseButton")), Qt::LeftButton);
    QTRY_VERIFY(!page->client()->isConnected());
    QCOMPARE(peer.next().value(QStringLiteral("eof")).toString(), QStringLiteral("fin"));
    QVERIFY(!panel->isSendEnabled());
    panel->editor()->setPlainText(QStringLiteral("too late"));
    QVERIFY(!panel->send());
    QCOMPARE(panel->message(), QStringLiteral("\u26A0 Not connected"));  // as the panel shows it
    const SendResult late = page->client()->send("too late");
    QCOMPARE(late.error, QStringLiteral("Not connected: nothing was sent"));
    QCOMPARE(page->client()->counters().bytesOut, 0u);
}

void TestFaultWindow::oversizeDatagramFromUdpTab()
{
    QUdpSocket receiver;
    QVERIFY(receiver.bind(QHostAddress::LocalHost, 0));
    Workbench bench;
    MainWindow window(&bench);
    window.show();
    window.findChild<QAction *>(QStringLiteral("actionNewUdp"))->trigger();
    auto *page = qobject_cast<UdpPage *>(window.pageAt(0));
    page->findChild<QLineEdit *>(QStringLiteral("targetHostEdit"))->setText(QStringLiteral("127.0.0.1"));
    page->findChild<QLineEdit *>(QStringLiteral("targetPortEdit"))->setText(QString::number(receiver.localPort()));
    auto *panel = page->findChild<SendPanel *>(QStringLiteral("sendPanel"));
    panel->editor()->setPlainText(QString(65508, u'x'));
    QVERIFY(!panel->send());
    QVERIFY(panel->messageIsError());
    const QString target = QStringLiteral("127.0.0.1:%1").arg(receiver.localPort());
    QCOMPARE(panel->message(),
             QStringLiteral("\u26A0 Not sent: a UDP datagram to %1 carries at most 65507 bytes, this one has 65508")
                 .arg(target));
    QTest::qWait(300);
    QVERIFY(!receiver.hasPendingDatagrams());
    QCOMPARE(page->udp()->counters().bytesOut, 0u);
    // One byte less goes through whole.
    panel->editor()->setPlainText(QString(65507, u'y'));
    QVERIFY(panel->send());
    QTRY_VERIFY(receiver.hasPendingDatagrams());
    QCOMPARE(receiver.receiveDatagram().data(), QByteArray(65507, 'y'));
}

void TestFaultWindow::halfCloseFromClientTab()
{
    Peer peer(QStringLiteral("peers.py"), {QStringLiteral("fin-after-eof")});
    const quint16 port = quint16(peer.next().value(QStringLiteral("port")).toInt());
    Workbench bench;
    MainWindow window(&bench);
    window.show();
    TcpClientPage *page = connectClientTab(window, port);
    QTRY_VERIFY(page->client()->isConnected());
    Events events;
    events.watch(page->client());
    QVERIFY(page->client()->send("request").ok());
    auto *halfClose = page->findChild<QPushButton *>(QStringLiteral("halfCloseButton"));
    QVERIFY(halfClose->isEnabled());
    QTest::mouseClick(halfClose, Qt::LeftButton);
    QVERIFY(page->client()->writeShutDown());
    QVERIFY(!halfClose->isEnabled());
    auto *panel = page->findChild<SendPanel *>(QStringLiteral("sendPanel"));
    QVERIFY(!panel->isSendEnabled());
    const SendResult refused = page->client()->send("more");
    QCOMPARE(refused.error, QStringLiteral("The sending side is shut down (shutdown(SHUT_WR)): nothing was sent"));
    // The peer read to EOF, answered, closed; the tab received the answer.
    const QJsonObject seen = peer.next();
    QCOMPARE(seen.value(QStringLiteral("eof")).toString(), QStringLiteral("fin"));
    QCOMPARE(seen.value(QStringLiteral("bytes")).toInt(), 7);
    QTRY_VERIFY(!page->client()->isConnected());
    const QList<TrafficEvent> closed = events.of(TrafficEvent::Kind::Closed);
    QCOMPARE(closed.size(), 2);
    QCOMPARE(closed.at(0).reason, TrafficEvent::Reason::HalfClosed);
    QCOMPARE(closed.at(0).message, QStringLiteral("Half-closed by us: shutdown(SHUT_WR) sent FIN, still reading"));
    QCOMPARE(closed.at(1).message, QStringLiteral("Closed: both sides have finished (recv() returned 0 after our shutdown)"));
    QCOMPARE(events.bytes(TrafficEvent::Direction::In), qint64(18));
    // The view takes events in batches on a timer: the answer and the close
    // may come in different batches.
    QTRY_VERIFY(shownMessages(page).contains(QStringLiteral("bye after your FIN")));
    QTRY_VERIFY(shownMessages(page).contains(closed.at(1).message));
}

void TestFaultWindow::serverHalfClosesWhileClientStillSending()
{
    // The client's output is queued in the app when the server's FIN comes:
    // all of it must still reach the server, then the client's FIN.
    const qsizetype size = 12 * 1024 * 1024;
    Peer peer(QStringLiteral("peers.py"), {QStringLiteral("half-close-server"), QString::number(size)});
    const quint16 port = quint16(peer.next().value(QStringLiteral("port")).toInt());
    Workbench bench;
    MainWindow window(&bench);
    window.show();
    TcpClientPage *page = connectClientTab(window, port);
    QTRY_VERIFY(page->client()->isConnected());
    QVERIFY(peer.next().value(QStringLiteral("accepted")).toBool());
    Events events;
    events.watch(page->client());
    QVERIFY(page->client()->send(pattern(size)).ok());
    QTest::qWait(200);
    peer.go();
    // The server finished sending; our side (and the send panel) stays open until Disconnect.
    QTRY_COMPARE(events.of(TrafficEvent::Kind::Closed).size(), 1);
    QCOMPARE(events.of(TrafficEvent::Kind::Closed).first().reason, TrafficEvent::Reason::PeerFinished);
    QCOMPARE(events.of(TrafficEvent::Kind::Closed).first().message,
             QStringLiteral("Peer finished sending (FIN): recv() returned 0; our side stays open for sending until "
                            "Disconnect (CLOSE_WAIT)"));
    QTRY_VERIFY(page->client()->isConnected() && page->findChild<SendPanel *>(QStringLiteral("sendPanel"))->isSendEnabled());
    QTRY_VERIFY(shownMessages(page).contains(events.of(TrafficEvent::Kind::Closed).first().message));
    QTest::mouseClick(page->findChild<QPushButton *>(QStringLiteral("disconnectButton")), Qt::LeftButton);  // then FIN
    QTRY_COMPARE(events.of(TrafficEvent::Kind::Closed).size(), 2);
    QCOMPARE(events.of(TrafficEvent::Kind::Closed).at(1).message, QStringLiteral("Closed by us: FIN sent after the peer's FIN"));
    QVERIFY(!page->client()->isConnected());
    const QJsonObject end = peer.next();
    figure(QStringLiteral("server half-closed during a 12 MiB send"),
           QStringLiteral("it got %1 of %2 bytes, then %3").arg(end.value(QStringLiteral("bytes")).toInteger()).arg(size)
               .arg(end.value(QStringLiteral("end")).toString()));
    QCOMPARE(end.value(QStringLiteral("bytes")).toInteger(), qint64(size));
    QCOMPARE(end.value(QStringLiteral("end")).toString(), QStringLiteral("fin"));
    QCOMPARE(events.of(TrafficEvent::Kind::Error).size(), 0);
}

void TestFaultWindow::refusedShownInClientTab()
{
    QTcpSocket bound;  // bound, not listening: the kernel answers the SYN with RST
    QVERIFY(bound.bind(QHostAddress::LocalHost, 0));
    Workbench bench;
    MainWindow window(&bench);
    window.show();
    TcpClientPage *page = connectClientTab(window, bound.localPort());
    const QString message =
        QStringLiteral("Cannot connect to 127.0.0.1:%1: Connection refused (ECONNREFUSED)").arg(bound.localPort());
    QTRY_VERIFY(shownMessages(page).contains(message));
    QTRY_COMPARE(page->client()->state(), Session::State::Idle);
    QVERIFY(page->findChild<QPushButton *>(QStringLiteral("connectButton"))->isEnabled());
    QVERIFY(!page->findChild<SendPanel *>(QStringLiteral("sendPanel"))->isSendEnabled());
    QCOMPARE(page->client()->counters().errors, 1u);
    QCOMPARE(page->client()->counters().connections, 0u);
}

void TestFaultWindow::churnAgainstServerTab()
{
    const int count = kUnderAsan ? 2000 : 10000;
    if (kUnderAsan)
        figure(QStringLiteral("churn"), QStringLiteral("under AddressSanitizer: %1 clients").arg(count));
    Workbench bench;
    MainWindow window(&bench);
    window.show();
    TcpServerPage *page = startServerTab(window);
    QVERIFY(page->server()->isRunning());
    Events events;
    events.watch(page->server());
    QTableView *table = page->findChild<QTableView *>(QStringLiteral("clientsTable"));
    // Echo, chosen in the auto-reply box like a user would, before Start.
    page->server()->stop();
    page->findChild<QComboBox *>(QStringLiteral("replyCombo"))->setCurrentIndex(
        page->findChild<QComboBox *>(QStringLiteral("replyCombo"))->findData(QStringLiteral("echo")));
    page->findChild<QLineEdit *>(QStringLiteral("portEdit"))->setText(QStringLiteral("0"));
    QTest::mouseClick(page->findChild<QPushButton *>(QStringLiteral("startButton")), Qt::LeftButton);
    QVERIFY(page->server()->isRunning());
    QVERIFY(page->server()->autoReply().isActive());

    GuiPing ping;
    Peer churn(QStringLiteral("churn.py"),
               {QString::number(page->server()->listenEndpoint().port), QString::number(count), QStringLiteral("200"),
                QStringLiteral("30")});
    const QJsonObject stats = churn.next(90000);
    QCOMPARE(stats.value(QStringLiteral("connected")).toInt(), count);
    QCOMPARE(stats.value(QStringLiteral("echo_bad")).toInt(), 0);
    QCOMPARE(stats.value(QStringLiteral("errors")).toObject().size(), 0);
    QTRY_COMPARE_WITH_TIMEOUT(int(events.of(TrafficEvent::Kind::Closed).size()), count, 60000);
    QCOMPARE(page->server()->clientCount(), 0);
    QTRY_COMPARE(table->model()->rowCount(), 0);  // the clients table is empty again
    checkPings(ping, QStringLiteral("%1 clients churning against the server tab").arg(count));
    QCOMPARE(int(events.of(TrafficEvent::Kind::Connected).size()), count);
    int resets = 0;
    int fins = 0;
    for (const TrafficEvent &e : events.of(TrafficEvent::Kind::Closed)) {
        if (e.message == QStringLiteral("Connection reset by peer (ECONNRESET)"))
            ++resets;
        else if (e.message == QStringLiteral("Closed by peer: recv() returned 0 (FIN received)"))
            ++fins;
    }
    QCOMPARE(resets, stats.value(QStringLiteral("reset")).toInt());
    QCOMPARE(fins, stats.value(QStringLiteral("fin")).toInt());
    QCOMPARE(events.bytes(TrafficEvent::Direction::Out), qint64(stats.value(QStringLiteral("echo_bytes")).toInteger()));
    figure(QStringLiteral("churn against the server tab"),
           QStringLiteral("%1 clients in %2 s, %3 FIN, %4 RST, table empty after")
               .arg(count)
               .arg(stats.value(QStringLiteral("seconds")).toDouble())
               .arg(fins)
               .arg(resets));
    // Still serving.
    QTcpSocket last;
    last.connectToHost(QHostAddress::LocalHost, page->server()->listenEndpoint().port);
    QVERIFY(last.waitForConnected(5000));
    last.write("still");
    QTRY_COMPARE(last.bytesAvailable(), 5);
    QCOMPARE(last.readAll(), QByteArray("still"));
    QTRY_COMPARE(table->model()->rowCount(), 1);
}

QTEST_MAIN(TestFaultWindow)
#include "tst_faultwindow.moc"
