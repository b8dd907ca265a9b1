#pragma once

#include "core/net/Endpoint.h"
#include "core/os/SocketProbe.h"
#include "core/os/WorkerThread.h"

#include <QByteArray>
#include <QList>

#include <atomic>
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <stop_token>
#include <vector>

// Drains a bound UDP socket on its own thread, the way a capture tool keeps
// its capture loop apart from its display: recvmmsg() in batches, straight
// into a queue the session empties on the GUI thread at its own pace. A
// burst is then limited by how fast the kernel hands datagrams over, not by
// how fast each one can be logged and drawn. The queue is bounded; when it
// is full the thread stops reading, the kernel drops, and SO_RXQ_OVFL
// counts those drops on the socket.
class UdpReceiver
{
public:
    struct Datagram
    {
        QByteArray data;
        Endpoint from;
    };

    // `wake` is called on the reader thread when the queue stops being empty.
    UdpReceiver(qintptr descriptor, std::function<void()> wake, qsizetype maxQueuedBytes);
    ~UdpReceiver();  // stops and joins the thread
    // Stops reading and joins the thread; what it read stays to be taken.
    void stop();
    UdpReceiver(const UdpReceiver &) = delete;
    UdpReceiver &operator=(const UdpReceiver &) = delete;

    // Takes up to `max` datagrams and every ICMP error read so far.
    void take(qsizetype max, std::vector<Datagram> *datagrams, QList<SocketProbe::IcmpError> *errors);
    bool isEmpty() const;
    // Datagrams the kernel dropped on this socket because its queue was full.
    quint64 kernelDrops() const { return m_kernelDrops.load(std::memory_order_relaxed); }
    // The socket's drop counter as the kernel lists it in /proc/net/udp
    // (or udp6): unlike SO_RXQ_OVFL it also counts drops after the last
    // datagram that was read. 0 when the socket is not found there.
    static quint64 socketDrops(qintptr descriptor);
    // Datagrams read from the socket so far.
    quint64 received() const { return m_received.load(std::memory_order_relaxed); }
    // Memory the queue may hold (payload plus per-datagram bookkeeping).
    static constexpr qsizetype kPerDatagramOverhead = 96;

private:
    void run(std::stop_token stop);
    void readBatch(const std::stop_token &stop);

    int m_fd;
    int m_wakeFd = -1;
    std::function<void()> m_wake;
    qsizetype m_maxBytes;
    mutable std::mutex m_mutex;
    std::condition_variable_any m_space;
    std::deque<Datagram> m_queue;
    QList<SocketProbe::IcmpError> m_errors;
    qsizetype m_queuedBytes = 0;
    std::atomic<quint64> m_kernelDrops{0};
    std::atomic<quint64> m_received{0};
    // The last sender, so a flood from one peer shares one address object.
    Endpoint m_lastFrom;
    QByteArray m_lastFromRaw;
    std::vector<char> m_buffers;  // recvmmsg's slots, made once
    WorkerThread m_thread;  // last: stopped and joined before the rest goes
};
