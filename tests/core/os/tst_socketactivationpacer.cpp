// SocketActivationPacer against real loopback sockets and pipes: a storm of
// notices is spread over event-loop passes within the bound, nothing a peer
// sent or closed is lost, notifiers that are always ready do not starve
// the others, and held-back ones are parked so that later passes see only
// about a budget's worth of them ready.

#include "core/os/SocketActivationPacer.h"

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
// Counts the socket notices delivered per pass of the event loop. Installed
// before the pacer, it runs after it and sees only what it let through;
// installed after, it sees every notice the dispatcher sends.
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

// `count` pipes with one byte each, a notifier on each. A notice counts as
// served; with `consume` it also reads its pipe's byte, so each is served
// once and is then no longer ready (without, every pipe stays ready).
struct ReadyPipes
{
    std::vector<std::array<int, 2>> fds;
    std::vector<std::unique_ptr<QSocketNotifier>> notifiers;
    std::vector<int> served;

    bool open(int count, bool consume = true)
    {
        served.assign(count, 0);
        for (int i = 0; i < count; ++i) {
            std::array<int, 2> p{};
            if (::pipe(p.data()) != 0)
                return false;
            fds.push_back(p);  // closed by the destructor from here on
            if (::write(p[1], "x", 1) != 1)
                return false;
            notifiers.push_back(std::make_unique<QSocketNotifier>(p[0], QSocketNotifier::Read));
            QObject::connect(notifiers.back().get(), &QSocketNotifier::activated, notifiers.back().get(),
                             [this, i, consume] {
                                 char c;
                                 if (!consume || ::read(fds[i][0], &c, 1) == 1)
                                     ++served[i];
                             });
        }
        return true;
    }
    ~ReadyPipes()
    {
        notifiers.clear();
        for (auto &p : fds) {
            ::close(p[0]);
            ::close(p[1]);
        }
    }
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
    void heldBackNotifiersAreParked();
    void pacerGoneLeavesNothingDisabled();
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
    ReadyPipes pipes;
    QVERIFY(pipes.open(kPipes, false));
    SocketActivationPacer pacer(QAbstractEventDispatcher::instance());
    pacer.setBudget(60000, 20);
    PassCounter counter;
    QCoreApplication::instance()->installEventFilter(&counter);
    QCoreApplication::instance()->installEventFilter(&pacer);
    for (int pass = 0; pass < 40; ++pass)
        QCoreApplication::processEvents();
    QCoreApplication::instance()->removeEventFilter(&pacer);
    QCoreApplication::instance()->removeEventFilter(&counter);
    const std::vector<int> &served = pipes.served;
    for (int i = 0; i < kPipes; ++i)
        QVERIFY2(served[i] > 0, qPrintable(QStringLiteral("pipe %1 was never served").arg(i)));
    QVERIFY(pacer.heldBack() > 0);
    QVERIFY2(counter.mostInOnePass() <= 40, qPrintable(QString::number(counter.mostInOnePass())));
}

void TestSocketActivationPacer::heldBackNotifiersAreParked()
{
    constexpr int kPipes = 400;
    constexpr int kBudget = 50;
    ReadyPipes pipes;
    QVERIFY(pipes.open(kPipes));
    SocketActivationPacer pacer(QAbstractEventDispatcher::instance());
    pacer.setBudget(60000, kBudget);
    PassCounter let;  // what the pacer let through
    PassCounter sent;  // what the dispatcher sent the pacer
    QCoreApplication::instance()->installEventFilter(&let);
    QCoreApplication::instance()->installEventFilter(&pacer);
    QCoreApplication::instance()->installEventFilter(&sent);

    QCoreApplication::processEvents();
    // The first pass: every pipe was ready, the budget's worth let through,
    // the rest parked once delivered (and a pass's worth enabled again).
    QCOMPARE(sent.mostInOnePass(), kPipes);
    QCOMPARE(let.mostInOnePass(), kBudget);
    QCOMPARE(pacer.parkedTotal(), quint64(kPipes - kBudget));
    QCOMPARE(pacer.parkedNow(), kPipes - 2 * kBudget);
    // Their owner may delete some while parked, or enable them itself.
    int deleted = 0;
    int enabledByOwner = 0;
    for (int i = 0; i < kPipes && (deleted < 20 || enabledByOwner < 10); ++i) {
        if (pipes.served[i] != 0 || !pipes.notifiers[i] || pipes.notifiers[i]->isEnabled())
            continue;
        if (deleted < 20) {
            pipes.notifiers[i].reset();
            ++deleted;
        } else {
            pipes.notifiers[i]->setEnabled(true);
            ++enabledByOwner;
        }
    }
    QCOMPARE(deleted, 20);
    QCOMPARE(enabledByOwner, 10);

    sent.most = sent.inPass = 0;
    for (int pass = 0; pass < 200 && pacer.parkedNow() > 0; ++pass)
        QCoreApplication::processEvents();
    QCoreApplication::processEvents();
    QCoreApplication::instance()->removeEventFilter(&sent);
    QCoreApplication::instance()->removeEventFilter(&pacer);
    QCoreApplication::instance()->removeEventFilter(&let);

    // Later passes: about a budget's worth ready, not the 300-odd still waiting.
    QVERIFY2(sent.mostInOnePass() <= 2 * kBudget, qPrintable(QString::number(sent.mostInOnePass())));
    QCOMPARE(pacer.parkedNow(), 0);
    // Every pipe still there was served exactly once and is enabled again.
    for (int i = 0; i < kPipes; ++i) {
        if (!pipes.notifiers[i])
            continue;
        QVERIFY2(pipes.served[i] == 1, qPrintable(QStringLiteral("pipe %1 served %2 times").arg(i).arg(pipes.served[i])));
        QVERIFY2(pipes.notifiers[i]->isEnabled(), qPrintable(QStringLiteral("pipe %1 left disabled").arg(i)));
    }
}

void TestSocketActivationPacer::pacerGoneLeavesNothingDisabled()
{
    constexpr int kPipes = 100;
    ReadyPipes pipes;
    QVERIFY(pipes.open(kPipes));
    {
        SocketActivationPacer pacer(QAbstractEventDispatcher::instance());
        pacer.setBudget(60000, 10);
        QCoreApplication::instance()->installEventFilter(&pacer);
        QCoreApplication::processEvents();
        QCOMPARE(pacer.parkedNow(), kPipes - 2 * 10);  // 10 let through, 10 enabled again
        QCoreApplication::instance()->removeEventFilter(&pacer);
    }
    int disabled = 0;
    for (const auto &n : pipes.notifiers)
        disabled += n->isEnabled() ? 0 : 1;
    QCOMPARE(disabled, 0);
    // And the ones it held are served without it.
    for (int pass = 0; pass < 10; ++pass)
        QCoreApplication::processEvents();
    for (int i = 0; i < kPipes; ++i)
        QCOMPARE(pipes.served[i], 1);
}

int main(int argc, char **argv)
{
    // The app's own event dispatcher (main.cpp), not glib's: the pacer parks
    // on a zero timer, which this one runs after the same pass's notices.
    qputenv("QT_NO_GLIB", "1");
    QCoreApplication app(argc, argv);
    TestSocketActivationPacer test;
    return QTest::qExec(&test, argc, argv);
}
#include "tst_socketactivationpacer.moc"
