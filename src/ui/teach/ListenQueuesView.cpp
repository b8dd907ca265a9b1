#include "ui/teach/ListenQueuesView.h"

#include "core/os/TcpKernelView.h"

#include <QLocale>
#include <QPainter>

namespace {
constexpr int kSlotHeight = 14;
constexpr int kGap = 3;
} // namespace

ListenQueuesView::ListenQueuesView(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("listenQueues"));
    setAccessibleName(tr("Listen queues"));
    const TcpKernelView::ListenLimits limits = TcpKernelView::listenLimits();
    m_synCookies = limits.synCookies;
    m_maxSynBacklog = limits.maxSynBacklog;
    const QString unknown = tr("unknown");
    const auto value = [&](int v) { return v < 0 ? unknown : QLocale().toString(v); };
    // What the seeds call the "half-connection pool", said precisely, with
    // this machine's settings.
    setToolTip(tr("<p><b>Accept queue</b>: connections whose three-way handshake is finished, waiting for the "
                  "program to call accept(). This is the queue <i>backlog</i> limits on Linux: it holds "
                  "backlog + 1 connections (listen() takes at most net.core.somaxconn = %1); while it is full "
                  "the kernel drops new SYNs, so further clients' connect() hangs, retries and may time out.</p>"
                  "<p><b>SYN queue</b>: half-open connections (SYN received, SYN-ACK sent, the client's ACK not "
                  "here yet), in SYN_RECV. <i>backlog</i> does not size it: with SYN cookies on "
                  "(net.ipv4.tcp_syncookies = %2 here; 1 = once the queue overflows) a full SYN queue answers "
                  "further SYNs with a cookie instead of a slot, so it is effectively unbounded; without them "
                  "net.ipv4.tcp_max_syn_backlog (%3 here) bounds it. On loopback a handshake ends at once, so "
                  "it is usually empty.</p>")
                   .arg(value(limits.somaxconn), value(m_synCookies), value(m_maxSynBacklog)));
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
}

void ListenQueuesView::setQueues(int acceptWaiting, int backlog, int synQueue)
{
    if (acceptWaiting == m_accept && backlog == m_backlog && synQueue == m_syn)
        return;
    m_accept = std::max(0, acceptWaiting);
    m_backlog = std::max(0, backlog);
    m_syn = std::max(0, synQueue);
    update();
}

int ListenQueuesView::acceptSlots() const
{
    return std::min(acceptLimit(), kMaxSlots);
}

int ListenQueuesView::filled(int count, int limit, int slotCount)
{
    if (count <= 0 || limit <= 0)
        return 0;
    if (count >= limit)
        return slotCount;
    const int n = int(qint64(count) * slotCount / limit);
    return std::clamp(n, 1, slotCount);
}

int ListenQueuesView::filledAcceptSlots() const
{
    return filled(m_accept, acceptLimit(), acceptSlots());
}

QString ListenQueuesView::acceptText() const
{
    const QLocale locale;
    QString text = tr("Accept queue (waiting for accept()): %1 of %2 (backlog %3 + 1)")
                       .arg(locale.toString(m_accept), locale.toString(acceptLimit()), locale.toString(m_backlog));
    if (m_accept >= acceptLimit())
        text += tr(": full, new SYNs are dropped");
    if (acceptLimit() > kMaxSlots)
        text += tr(" (a slot is %1 connections)").arg(locale.toString((acceptLimit() + kMaxSlots - 1) / kMaxSlots));
    return text;
}

QString ListenQueuesView::synText() const
{
    const QLocale locale;
    QString limit;
    if (m_synCookies >= 1)
        limit = tr("no limit: SYN cookies are on");
    else if (m_maxSynBacklog >= 0)
        limit = tr("limit tcp_max_syn_backlog %1").arg(locale.toString(m_maxSynBacklog));
    else
        limit = tr("limit not readable");
    return tr("SYN queue (half-open, SYN_RECV): %1 (%2)").arg(locale.toString(m_syn), limit);
}

QSize ListenQueuesView::sizeHint() const
{
    return QSize(kMaxSlots * 12, 2 * (fontMetrics().height() + kSlotHeight + 2 * kGap));
}

QSize ListenQueuesView::minimumSizeHint() const
{
    return QSize(kMaxSlots * 4, sizeHint().height());
}

void ListenQueuesView::drawQueue(QPainter &p, int top, const QString &caption, int slotCount, int filledSlots,
                                 bool full) const
{
    const QFontMetrics fm = fontMetrics();
    p.setPen(palette().color(QPalette::WindowText));
    p.drawText(QRect(0, top, width(), fm.height()), Qt::AlignLeft | Qt::AlignVCenter,
               fm.elidedText(caption, Qt::ElideRight, width()));
    if (slotCount <= 0)
        return;
    const int y = top + fm.height() + kGap;
    // A short queue gets wide slots, a long one kMaxSlots across the width.
    const qreal slotWidth = std::min(qreal(width() - 1) / slotCount, qreal(fm.height()) * 2.5);
    // Served from the right, as a queue drawn toward accept(): the oldest
    // connection waits in the rightmost slot.
    const QColor fill = full ? QColor(200, 60, 60) : palette().color(QPalette::Highlight);
    for (int i = 0; i < slotCount; ++i) {
        const QRectF slot(width() - 1 - (i + 1) * slotWidth + 1, y, slotWidth - 2, kSlotHeight);
        p.setPen(palette().color(QPalette::Mid));
        p.setBrush(i < filledSlots ? fill : palette().color(QPalette::Base));
        p.drawRect(slot);
    }
}

void ListenQueuesView::paintEvent(QPaintEvent *event)
{
    Q_UNUSED(event);
    QPainter p(this);
    const int row = fontMetrics().height() + kSlotHeight + 2 * kGap;
    drawQueue(p, 0, acceptText(), acceptSlots(), filledAcceptSlots(), m_accept >= acceptLimit());
    // The SYN queue to the accept queue's scale: a full row is as many half-open connections.
    drawQueue(p, row, synText(), acceptSlots(), filled(m_syn, acceptLimit(), acceptSlots()), false);
}
