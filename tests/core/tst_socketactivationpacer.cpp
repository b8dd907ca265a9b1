// SocketActivationPacer against real loopback sockets and pipes: a storm of
// notices is spread over event-loop passes within the bound, nothing a peer
// sent or closed is lost, and notifiers that are always ready do not starve
// the others.

#include "SocketActivationPacer.h"

#include <QAbstractEventDispatcher>
#include <QCoreApplication>
#include <QSocketNotifier>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

#include <unistd.h>

#include <array>
#include <memory>
#include <vector>

namespace {
// Counts the socket notices delivered per pass of the event loop (installed
// before the pacer, so it runs after it and sees only what it let through).
class PassCounter : public QObject
{
public:
    PassCounter()
    {
        connect(QAbstractEventDispatcher::instance(), &QAbstractEventDispatcher::awake, this, [this] {
            most = qMax(most, inPass);
            inPass = 0;
        });
    }
    bool eventFilter(QObject *, QEvent *event) override
    {
        if (event->type() == QEvent::SockAct)
            ++inPass;
        return false;
    }
    int mostInOnePass() const { return qMax(most, inPass); }
    int inPass = 0;
    int most = 0;
};

struct Storm
{
    int clients = 0;
    qint64 bytesRead = 0;
    int disconnected = 0;
    int mostInOnePass = 0;
};

// `clients` loopback connections each send `bytes` and close at once.
Storm runCloseStorm(int clients, int bytes, SocketActivationPacer *pacer)
{
    Storm storm;
    QTcpServer server;
    server.setMaxPendingConnections(clients);
    server.setListenBacklogSize(clients + 16);  // all of them wait in the queue at once
    if (!server.listen(QHostAddress::LocalHost, 0))
        return storm;
    std::vector<std::unique_ptr<QTcpSocket>> out;
    std::vector<QTcpSocket *> in;
    for (int i = 0; i < clients; ++i) {
        out.push_back(std::make_unique<QTcpSocket>());
        out.back()->connectToHost(QHostAddress::LocalHost, server.serverPort());
    }
    for (auto &c : out)
        if (!c->waitForConnected(5000))
            return storm;
    while (int(in.size()) < clients && server.waitForNewConnection(5000)) {
        while (QTcpSocket *s = server.nextPendingConnection()) {
            in.push_back(s);
            QObject::connect(s, &QTcpSocket::readyRead, s, [s, &storm] { storm.bytesRead += s->readAll().size(); });
            QObject::connect(s, &QTcpSocket::disconnected, s, [&storm] { ++storm.disconnected; });
        }
    }
    storm.clients = int(in.size());

    PassCounter counter;
    QCoreApplication::instance()->installEventFilter(&counter);
    if (pacer)
        QCoreApplication::instance()->installEventFilter(pacer);
    const QByteArray payload(bytes, 'x');
    for (auto &c : out) {
        c->write(payload);
        c->flush();
        c->disconnectFromHost();
    }
    for (int pass = 0; pass < 100000 && storm.disconnected < storm.clients; ++pass)
        QCoreApplication::processEvents();
    storm.mostInOnePass = counter.mostInOnePass();
    QCoreApplication::instance()->removeEventFilter(&counter);
    if (pacer)
        QCoreApplication::instance()->removeEventFilter(pacer);
    return storm;
}
} // namespace

class TestSocketActivationPacer : public QObject
{
    Q_OBJECT
private slots:
    void unpacedStormIsOnePass();
    void stormIsSpreadAndNothingLost();
    void alwaysReadyNotifiersDoNotStarveOthers();
};

void TestSocketActivationPacer::unpacedStormIsOnePass()
{
    // What the pacer is for: without it, the closes of 300 clients arrive
    // as far more than 100 notices in one pass.
    const Storm storm = runCloseStorm(300, 64, nullptr);
    QCOMPARE(storm.clients, 300);
    QCOMPARE(storm.disconnected, 300);
    QCOMPARE(storm.bytesRead, qint64(300) * 64);
    QVERIFY2(storm.mostInOnePass > 100, qPrintable(QString::number(storm.mostInOnePass)));
}

void TestSocketActivationPacer::stormIsSpreadAndNothingLost()
{
    SocketActivationPacer pacer(QAbstractEventDispatcher::instance());
    pacer.setBudget(60000, 50);  // only the count binds: the test does not depend on speed
    const Storm storm = runCloseStorm(300, 64, &pacer);
    QCOMPARE(storm.clients, 300);
    // Every byte and every close arrived, only later.
    QCOMPARE(storm.disconnected, 300);
    QCOMPARE(storm.bytesRead, qint64(300) * 64);
    QVERIFY(pacer.heldBack() > 0);
    QVERIFY2(pacer.pacedPasses() >= 3, qPrintable(QString::number(pacer.pacedPasses())));
    // 50 within the budget and at most 50 starved ones past it.
    QVERIFY2(storm.mostInOnePass <= 100, qPrintable(QString::number(storm.mostInOnePass)));
    QVERIFY(pacer.mostInOnePass() <= 100);
}

void TestSocketActivationPacer::alwaysReadyNotifiersDoNotStarveOthers()
{
    // 80 pipes, each with a byte nobody reads: every one is ready on every
    // pass, in the same order. With room for 20 a pass, the same 20 would
    // take it every time; the others must still be served.
    constexpr int kPipes = 80;
    std::vector<std::array<int, 2>> pipes(kPipes);
    std::vector<std::unique_ptr<QSocketNotifier>> notifiers;
    std::vector<int> served(kPipes, 0);
    for (int i = 0; i < kPipes; ++i) {
        QCOMPARE(::pipe(pipes[i].data()), 0);
        QCOMPARE(::write(pipes[i][1], "x", 1), ssize_t(1));
        notifiers.push_back(std::make_unique<QSocketNotifier>(pipes[i][0], QSocketNotifier::Read));
        connect(notifiers.back().get(), &QSocketNotifier::activated, this, [&served, i] { ++served[i]; });
    }
    SocketActivationPacer pacer(QAbstractEventDispatcher::instance());
    pacer.setBudget(60000, 20);
    PassCounter counter;
    QCoreApplication::instance()->installEventFilter(&counter);
    QCoreApplication::instance()->installEventFilter(&pacer);
    for (int pass = 0; pass < 40; ++pass)
        QCoreApplication::processEvents();
    QCoreApplication::instance()->removeEventFilter(&pacer);
    QCoreApplication::instance()->removeEventFilter(&counter);
    notifiers.clear();
    for (auto &p : pipes) {
        ::close(p[0]);
        ::close(p[1]);
    }
    for (int i = 0; i < kPipes; ++i)
        QVERIFY2(served[i] > 0, qPrintable(QStringLiteral("pipe %1 was never served").arg(i)));
    QVERIFY(pacer.heldBack() > 0);
    QVERIFY2(counter.mostInOnePass() <= 40, qPrintable(QString::number(counter.mostInOnePass())));
}

QTEST_GUILESS_MAIN(TestSocketActivationPacer)
#include "tst_socketactivationpacer.moc"
