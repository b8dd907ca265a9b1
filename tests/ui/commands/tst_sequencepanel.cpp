// The sequence panel on a real TCP client session talking to a Qt echo
// server over loopback: a library sequence shown as text lines and run from
// the Run button, bad lines shown with their reason (and nothing sent), the
// edited steps saved into the library, until-stopped runs ended by Stop, and
// a server's client chooser.

#include "ui/commands/SequencePanel.h"

#include "core/commands/PayloadLibrary.h"
#include "core/log/TrafficLog.h"
#include "core/net/TcpClientSession.h"
#include "core/net/TcpServerSession.h"
#include "support/SessionEvents.h"

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

// Answers every read with the same bytes upper-cased.
class EchoServer : public QTcpServer
{
public:
    EchoServer()
    {
        connect(this, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *s = nextPendingConnection())
                connect(s, &QTcpSocket::readyRead, s, [s] { s->write(s->readAll().toUpper()); });
        });
        listen(QHostAddress::LocalHost, 0);
    }
};

PayloadLibrary sampleLibrary()
{
    PayloadLibrary library;
    PayloadEntry ping;
    ping.name = u"Ping"_s;
    ping.text = u"ping"_s;
    ping.lineEnding = PayloadEntry::LineEnding::Lf;
    if (!library.addPayload(ping).isEmpty())
        qFatal("sample payload refused");
    CommandSequence echo;
    echo.name = u"Echo"_s;
    echo.group = u"Tests"_s;
    echo.steps = {SequenceStep::sendEntry(u"Ping"_s),
                  SequenceStep::reply(SequenceStep::Match::Contains, u"PING"_s, 5000)};
    if (!library.addSequence(echo).isEmpty())
        qFatal("sample sequence refused");
    return library;
}

template <class T>
T *child(QWidget *parent, const char *name)
{
    return parent->findChild<T *>(QString::fromLatin1(name));
}

int sentCount(const Session &session)
{
    int n = 0;
    for (const TrafficEvent &e : eventsOf(session, TrafficEvent::Kind::Data))
        n += e.direction == TrafficEvent::Direction::Out ? 1 : 0;
    return n;
}

} // namespace

class TestSequencePanel : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void runsALibrarySequence();
    void badLinesShowTheirReason_data();
    void badLinesShowTheirReason();
    void savesEditedSteps();
    void stopEndsAnUntilStoppedRun();
    void serverChoosesAClient();

private:
    std::unique_ptr<EchoServer> m_server;
    std::unique_ptr<TcpClientSession> m_client;
    PayloadLibrary m_library;
};

void TestSequencePanel::init()
{
    m_server = std::make_unique<EchoServer>();
    QVERIFY(m_server->isListening());
    m_client = std::make_unique<TcpClientSession>();
    m_client->setHost(u"127.0.0.1"_s);
    m_client->setPort(m_server->serverPort());
    QVERIFY(m_client->start());
    QTRY_VERIFY_WITH_TIMEOUT(m_client->isConnected(), 10000);
    m_library = sampleLibrary();
}

void TestSequencePanel::cleanup()
{
    m_client.reset();
    m_server.reset();
}

void TestSequencePanel::runsALibrarySequence()
{
    SequencePanel panel(m_client.get());
    panel.setLibrary(&m_library);
    panel.show();
    auto *combo = child<QComboBox>(&panel, "sequenceCombo");
    QCOMPARE(combo->count(), 1);
    QCOMPARE(combo->itemText(0), u"Echo"_s);
    emit combo->activated(0);
    QCOMPARE(child<QPlainTextEdit>(&panel, "stepsEdit")->toPlainText(),
             u"send Ping\nreply within 5000 ms contains PING"_s);
    QCOMPARE(child<QLineEdit>(&panel, "nameEdit")->text(), u"Echo"_s);
    auto *run = child<QPushButton>(&panel, "runButton");
    QVERIFY(run->isEnabled());
    QTest::mouseClick(run, Qt::LeftButton);
    auto *results = child<QPlainTextEdit>(&panel, "resultsView");
    QTRY_VERIFY_WITH_TIMEOUT(results->toPlainText().contains(u"sequence \u201cEcho\u201d passed"_s), 10000);
    QVERIFY2(results->toPlainText().startsWith(u"run 1 step 1/2 send Ping: sent 5 bytes\n"_s),
             qPrintable(results->toPlainText()));
    QVERIFY(results->toPlainText().contains(u"run 1: steps done 2, replies matched 1, timeouts 0"_s));
    QVERIFY(child<QLabel>(&panel, "progressLabel")->text().contains(u"passed"_s));
    QVERIFY(run->isEnabled());
    QVERIFY(!child<QPushButton>(&panel, "stopButton")->isEnabled());
    QCOMPARE(sentCount(*m_client), 1);
}

void TestSequencePanel::badLinesShowTheirReason_data()
{
    QTest::addColumn<QString>("steps");
    QTest::addColumn<QString>("problem");
    QTest::newRow("bad wait") << u"send-text hi\nwait forever"_s
                              << u"Line 2: Write \u201cwait MS ms\u201d with MS from 0 to 3600000"_s;
    QTest::newRow("unknown step, after a blank line") << u"send-text hi\n\nshout hi"_s
                                                      << u"Line 3: Unknown step \u201cshout\u201d"_s;
    QTest::newRow("bad hex") << u"send-hex 0g"_s << u"Line 1: "_s;
    QTest::newRow("payload not in the library") << u"send Missing"_s
                                                << u"Step 1: send: there is no payload \u201cMissing\u201d in the library"_s;
    QTest::newRow("loop forward") << u"send-text hi\nloop to 3\nwait 1 ms"_s
                                  << u"Step 2: it loops to step 3"_s;
}

void TestSequencePanel::badLinesShowTheirReason()
{
    QFETCH(QString, steps);
    QFETCH(QString, problem);
    SequencePanel panel(m_client.get());
    panel.setLibrary(&m_library);
    panel.show();
    child<QPlainTextEdit>(&panel, "stepsEdit")->setPlainText(steps);
    auto *problems = child<QLabel>(&panel, "problemsLabel");
    QVERIFY2(problems->text().startsWith(problem), qPrintable(problems->text()));
    QVERIFY(problems->isVisible());
    QVERIFY(!child<QPushButton>(&panel, "runButton")->isEnabled());
    QVERIFY(!child<QPushButton>(&panel, "saveButton")->isEnabled());
    // Even asked directly, nothing is sent.
    panel.run();
    QTest::qWait(50);
    QVERIFY(!panel.runner()->isRunning());
    QCOMPARE(sentCount(*m_client), 0);
    // Fixed, the reason goes.
    child<QPlainTextEdit>(&panel, "stepsEdit")->setPlainText(u"send-text hi"_s);
    QCOMPARE(problems->text(), QString());
    QVERIFY(!problems->isVisible());
    QVERIFY(child<QPushButton>(&panel, "runButton")->isEnabled());
}

void TestSequencePanel::savesEditedSteps()
{
    SequencePanel panel(m_client.get());
    panel.setLibrary(&m_library);
    panel.show();
    QSignalSpy changed(&panel, &SequencePanel::libraryChanged);
    emit child<QComboBox>(&panel, "sequenceCombo")->activated(0);
    auto *steps = child<QPlainTextEdit>(&panel, "stepsEdit");
    steps->setPlainText(steps->toPlainText() + u"\nwait 5 ms"_s);
    // Under the same name: replaced, its group kept.
    QTest::mouseClick(child<QPushButton>(&panel, "saveButton"), Qt::LeftButton);
    QCOMPARE(changed.size(), 1);
    QCOMPARE(m_library.sequences().size(), 1);
    QCOMPARE(m_library.sequence(u"Echo"_s)->steps.size(), 3);
    QCOMPARE(m_library.sequence(u"Echo"_s)->steps.last(), SequenceStep::wait(5));
    QCOMPARE(m_library.sequence(u"Echo"_s)->group, u"Tests"_s);
    // Under a new name: added, and listed.
    child<QLineEdit>(&panel, "nameEdit")->setText(u"Echo twice"_s);
    QTest::mouseClick(child<QPushButton>(&panel, "saveButton"), Qt::LeftButton);
    QCOMPARE(changed.size(), 2);
    QCOMPARE(m_library.sequences().size(), 2);
    QCOMPARE(child<QComboBox>(&panel, "sequenceCombo")->count(), 2);
    QCOMPARE(child<QComboBox>(&panel, "sequenceCombo")->currentText(), u"Echo twice"_s);
    // Without a library nothing can be saved.
    SequencePanel bare(m_client.get());
    bare.show();
    child<QPlainTextEdit>(&bare, "stepsEdit")->setPlainText(u"send-text hi"_s);
    QVERIFY(child<QPushButton>(&bare, "runButton")->isEnabled());
    QVERIFY(!child<QPushButton>(&bare, "saveButton")->isEnabled());
}

void TestSequencePanel::stopEndsAnUntilStoppedRun()
{
    SequencePanel panel(m_client.get());
    panel.show();
    auto *mode = child<QComboBox>(&panel, "runModeCombo");
    mode->setCurrentIndex(mode->findData(int(CommandSequence::Run::UntilStopped)));
    child<QPlainTextEdit>(&panel, "stepsEdit")->setPlainText(u"send-text tick\nreply within 5000 ms contains TICK"_s);
    QTest::mouseClick(child<QPushButton>(&panel, "runButton"), Qt::LeftButton);
    auto *stop = child<QPushButton>(&panel, "stopButton");
    QVERIFY(stop->isEnabled());
    QVERIFY(!child<QPushButton>(&panel, "runButton")->isEnabled());
    QTRY_VERIFY_WITH_TIMEOUT(child<QPlainTextEdit>(&panel, "resultsView")->toPlainText().contains(u"run 3:"_s), 10000);
    QVERIFY(child<QLabel>(&panel, "progressLabel")->text().startsWith(u"Run "_s));
    QTest::mouseClick(stop, Qt::LeftButton);
    QVERIFY(!panel.runner()->isRunning());
    QVERIFY(!stop->isEnabled());
    QVERIFY(child<QPushButton>(&panel, "runButton")->isEnabled());
    QVERIFY(child<QPlainTextEdit>(&panel, "resultsView")->toPlainText().contains(u"\u201cNew sequence\u201d stopped"_s));
}

void TestSequencePanel::serverChoosesAClient()
{
    TcpServerSession server;
    server.setListenAddress(QHostAddress::LocalHost);
    QVERIFY(server.start());
    SequencePanel panel(&server);
    panel.show();
    auto *clients = child<QComboBox>(&panel, "clientCombo");
    QVERIFY(clients->isVisible());
    QCOMPARE(clients->count(), 1);
    QTcpSocket first;
    QTcpSocket second;
    first.connectToHost(QHostAddress::LocalHost, server.port());
    second.connectToHost(QHostAddress::LocalHost, server.port());
    QTRY_COMPARE_WITH_TIMEOUT(clients->count(), 3, 10000);
    clients->setCurrentIndex(2);
    const quint32 chosen = clients->currentData().toUInt();
    child<QPlainTextEdit>(&panel, "stepsEdit")->setPlainText(u"send-text only you"_s);
    QTest::mouseClick(child<QPushButton>(&panel, "runButton"), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!panel.runner()->isRunning(), 10000);
    QList<quint32> to;
    for (const TrafficEvent &e : eventsOf(server, TrafficEvent::Kind::Data)) {
        if (e.direction == TrafficEvent::Direction::Out)
            to.append(e.connectionId);
    }
    QCOMPARE(to, QList<quint32>{chosen});
    // A client session has no chooser.
    SequencePanel clientPanel(m_client.get());
    clientPanel.show();
    QVERIFY(!child<QComboBox>(&clientPanel, "clientCombo")->isVisible());
}

QTEST_MAIN(TestSequencePanel)
#include "tst_sequencepanel.moc"
