#pragma once

#include <QWidget>

// A listening socket's two queues as the kernel reports them, drawn as rows
// of slots that fill and empty: the accept queue (connections whose
// handshake finished, waiting for accept(); Linux admits backlog + 1 of
// them, then drops further SYNs) and the SYN queue (half-open connections
// in SYN_RECV, waiting for the client's ACK). At most kMaxSlots slots are
// drawn: a longer queue fills them to scale, and its numbers say exactly.
// It only draws what it is given (TcpStateView samples while shown).
class ListenQueuesView : public QWidget
{
    Q_OBJECT
public:
    static constexpr int kMaxSlots = 32;

    explicit ListenQueuesView(QWidget *parent = nullptr);

    // The listener's accept queue (connections waiting for accept()), the
    // backlog listen() was given, and the SYN queue.
    void setQueues(int acceptWaiting, int backlog, int synQueue);

    int acceptWaiting() const { return m_accept; }
    int backlog() const { return m_backlog; }
    int synQueue() const { return m_syn; }
    // The accept queue's limit: backlog + 1 on Linux.
    int acceptLimit() const { return m_backlog + 1; }
    // Slots drawn for the accept queue, and how many of them are filled.
    int acceptSlots() const;
    int filledAcceptSlots() const;
    // The two captions as drawn, for tests.
    QString acceptText() const;
    QString synText() const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    // Slots filled of `slotCount` for `count` of `limit`: to scale, and at
    // least one for a queue that is not empty.
    static int filled(int count, int limit, int slotCount);
    void drawQueue(QPainter &p, int top, const QString &caption, int slotCount, int filledSlots, bool full) const;

    int m_accept = 0;
    int m_backlog = 0;
    int m_syn = 0;
    int m_synCookies = -1;     // net.ipv4.tcp_syncookies, read once
    int m_maxSynBacklog = -1;  // net.ipv4.tcp_max_syn_backlog
};
