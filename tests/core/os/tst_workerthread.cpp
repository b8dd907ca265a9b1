// WorkerThread: the one pattern of the program's threads. A body runs on a
// named thread of its own; stop() and the destructor ask it to stop, wake
// it where it waits (a condition variable, a system call) and join it,
// after it has finished what it had to.

#include "core/os/WorkerThread.h"

#include <QTest>

#include <atomic>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <system_error>

#include <poll.h>
#include <pthread.h>
#include <sys/eventfd.h>
#include <unistd.h>

class TestWorkerThread : public QObject
{
    Q_OBJECT
private slots:
    void runsTheBodyOnANamedThread_data();
    void runsTheBodyOnANamedThread();
    void destructionWakesAWaitingBodyAndJoins_data();
    void destructionWakesAWaitingBodyAndJoins();
    void stopLetsTheBodyFinishItsWork();
    void startingAgainStopsTheFirstBody();
    void stopWithoutAThreadDoesNothing();
};

void TestWorkerThread::runsTheBodyOnANamedThread_data()
{
    QTest::addColumn<QByteArray>("name");
    QTest::addColumn<QByteArray>("shown");
    QTest::newRow("short") << QByteArray("sw-test") << QByteArray("sw-test");
    // The kernel keeps 15 characters.
    QTest::newRow("cut to 15") << QByteArray("sw-a-much-longer-name") << QByteArray("sw-a-much-longe");
}

void TestWorkerThread::runsTheBodyOnANamedThread()
{
    QFETCH(QByteArray, name);
    QFETCH(QByteArray, shown);
    std::atomic<bool> ran{false};
    std::thread::id id;
    char seen[32] = {};
    {
        WorkerThread thread;
        QVERIFY(!thread.isRunning());
        thread.start(name.constData(), [&](std::stop_token) {
            id = std::this_thread::get_id();
            ::pthread_getname_np(::pthread_self(), seen, sizeof seen);
            ran = true;
        });
        QVERIFY(thread.isRunning());
        thread.stop();
        QVERIFY(!thread.isRunning());
    }
    QVERIFY(ran);
    QVERIFY(id != std::this_thread::get_id());
    QCOMPARE(QByteArray(seen), shown);
}

void TestWorkerThread::destructionWakesAWaitingBodyAndJoins_data()
{
    QTest::addColumn<bool>("inPoll");
    QTest::newRow("waiting on a condition variable") << false;
    QTest::newRow("blocked in poll()") << true;
}

void TestWorkerThread::destructionWakesAWaitingBodyAndJoins()
{
    QFETCH(bool, inPoll);
    std::mutex mutex;
    std::condition_variable_any wake;
    std::atomic<bool> waiting{false};
    std::atomic<bool> returned{false};
    const int wakeFd = ::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
    QVERIFY(wakeFd >= 0);
    {
        WorkerThread thread;
        thread.start("sw-test-wait", [&](std::stop_token stop) {
            if (inPoll) {
                const std::stop_callback wakePoll(stop, [wakeFd] {
                    const quint64 one = 1;
                    [[maybe_unused]] const auto n = ::write(wakeFd, &one, sizeof one);
                });
                waiting = true;
                pollfd fd{wakeFd, POLLIN, 0};
                ::poll(&fd, 1, -1);  // no timeout: only the stop ends it
            } else {
                std::unique_lock lock(mutex);
                waiting = true;
                wake.wait(lock, stop, [] { return false; });
            }
            returned = true;
        });
        QTRY_VERIFY(waiting);
        QVERIFY(!returned);
    }
    // Joined: the body has returned by the time the owner is gone.
    QVERIFY(returned);
    ::close(wakeFd);
}

void TestWorkerThread::stopLetsTheBodyFinishItsWork()
{
    // A queue worker writes out everything queued before it returns.
    std::mutex mutex;
    std::condition_variable_any wake;
    std::deque<int> queue;
    int done = 0;
    WorkerThread thread;
    thread.start("sw-test-queue", [&](std::stop_token stop) {
        std::unique_lock lock(mutex);
        for (;;) {
            wake.wait(lock, stop, [&] { return !queue.empty(); });
            while (!queue.empty()) {
                queue.pop_front();
                ++done;
            }
            if (stop.stop_requested())
                return;
        }
    });
    {
        const std::lock_guard lock(mutex);
        for (int i = 0; i < 1000; ++i)
            queue.push_back(i);
    }
    thread.stop();
    QCOMPARE(done, 1000);
}

void TestWorkerThread::startingAgainStopsTheFirstBody()
{
    std::atomic<int> stopped{0};
    std::atomic<int> started{0};
    const auto body = [&](std::stop_token stop) {
        ++started;
        std::mutex mutex;
        std::condition_variable_any wake;
        std::unique_lock lock(mutex);
        wake.wait(lock, stop, [] { return false; });
        ++stopped;
    };
    WorkerThread thread;
    thread.start("sw-test-first", body);
    QTRY_COMPARE(started.load(), 1);
    thread.start("sw-test-second", body);
    QCOMPARE(stopped.load(), 1);
    QTRY_COMPARE(started.load(), 2);
    thread.stop();
    QCOMPARE(stopped.load(), 2);
}

void TestWorkerThread::stopWithoutAThreadDoesNothing()
{
    WorkerThread thread;
    thread.stop();
    thread.stop();
    QVERIFY(!thread.isRunning());
}

QTEST_GUILESS_MAIN(TestWorkerThread)
#include "tst_workerthread.moc"
