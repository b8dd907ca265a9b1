#include "ui/teach/TcpStateView.h"

#include "ui/teach/ListenQueuesView.h"
#include "ui/teach/TcpStateDiagram.h"

#include "core/net/Session.h"
#include "core/net/TcpClientSession.h"

#include <QCheckBox>
#include <QDateTime>
#include <QGridLayout>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QProgressBar>
#include <QVBoxLayout>

namespace {

// A bar's scale: the next power of two above the value, at least 64 KiB,
// so a queue that grows moves its bar and never overflows it.
int scaleFor(quint64 value, quint64 floor)
{
    quint64 top = floor;
    while (top < value && top < (quint64(1) << 30))
        top *= 2;
    return int(top);
}

} // namespace

TcpStateView::TcpStateView(QWidget *parent)
    : QWidget(parent)
    , m_watch(new TcpStateWatch(this))
    , m_diagram(new TcpStateDiagram(this))
    , m_header(new QLabel(this))
    , m_steps(new QListWidget(this))
    , m_queues(new QWidget(this))
    , m_listenQueues(new ListenQueuesView(this))
    , m_pauseReading(new QCheckBox(tr("&Pause reading"), this))
{
    // The kernel's numbers for flow control: what waits on each side and
    // how much the peer lets us send.
    auto *grid = new QGridLayout(m_queues);
    grid->setContentsMargins(0, 0, 0, 0);
    const QList<QPair<QString, QString>> rows = {
        {tr("Receive queue:"), tr("Bytes the kernel received for us that recv() has not read yet (SIOCINQ)")},
        {tr("Send queue:"), tr("Bytes we sent that the peer has not acknowledged yet (SIOCOUTQ)")},
        {tr("Peer's window:"), tr("How many more bytes the peer lets us send now (its advertised receive window)")},
        {tr("Round trip:"), tr("The smoothed round-trip time the kernel measures (TCP_INFO)")},
    };
    for (int i = 0; i < rows.size(); ++i) {
        auto *label = new QLabel(rows.at(i).first, m_queues);
        auto *bar = new QProgressBar(m_queues);
        bar->setTextVisible(true);
        bar->setToolTip(rows.at(i).second);
        label->setToolTip(rows.at(i).second);
        label->setBuddy(bar);
        grid->addWidget(label, i / 2, (i % 2) * 2);
        grid->addWidget(bar, i / 2, (i % 2) * 2 + 1);
        m_bars.append(bar);
    }
    grid->setColumnStretch(1, 1);
    grid->setColumnStretch(3, 1);
    // Issue 21: the program stops calling recv() on this connection.
    m_pauseReading->setObjectName(QStringLiteral("pauseReadingCheck"));
    m_pauseReading->setToolTip(tr("Stop calling recv() on this connection: what the peer sends waits in our "
                                  "receive queue, the window we advertise closes to zero and the peer's send() "
                                  "blocks. Uncheck to read what waited."));
    m_pauseReading->setEnabled(false);
    grid->addWidget(m_pauseReading, 2, 0, 1, 4);
    connect(m_pauseReading, &QCheckBox::toggled, this, [this](bool on) {
        if (m_session && m_shownId != 0)
            m_session->setReadingPaused(m_shownId, on);
        showReadingPaused();   // a connection that is gone does not pause: the switch says so
    });
    m_listenQueues->hide();
    m_header->setWordWrap(true);
    m_header->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_steps->setAlternatingRowColors(true);
    m_steps->setWordWrap(true);
    m_steps->setMaximumHeight(fontMetrics().height() * 8);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_header);
    layout->addWidget(m_queues);
    layout->addWidget(m_listenQueues);
    layout->addWidget(m_diagram, 1);
    layout->addWidget(m_steps);
    m_diagram->setWatch(m_watch);
    connect(m_watch, &TcpStateWatch::changed, this, &TcpStateView::refresh);
    refresh();
}

void TcpStateView::setSession(Session *session)
{
    if (m_session)
        disconnect(m_session, nullptr, this, nullptr);
    m_session = session;
    m_shownId = 0;
    m_listener = Endpoint{};
    if (m_session) {
        connect(m_session, &Session::eventOccurred, this, &TcpStateView::onEvent);
        connect(m_session, &Session::readingPausedChanged, this, &TcpStateView::showReadingPaused);
    }
    // A client's connect from its SYN: SYN_SENT and its retries while no
    // answer comes.
    if (auto *client = qobject_cast<TcpClientSession *>(m_session)) {
        connect(client, &TcpClientSession::synSent, this, [this](const Endpoint &local, const Endpoint &peer) {
            watchConnection(local, peer, TcpStateWatch::Origin::Connected);
        });
    }
    m_watch->setStateLog(m_session ? m_session->stateLog() : nullptr);
    showReadingPaused();
}

void TcpStateView::showReadingPaused()
{
    const QSignalBlocker blocker(m_pauseReading);
    const bool open = m_session && m_shownId != 0 && m_session->kind() != SessionKind::Udp;
    m_pauseReading->setEnabled(open);
    m_pauseReading->setChecked(open && m_session->isReadingPaused(m_shownId));
}

void TcpStateView::showConnection(quint32 id)
{
    if (!m_session || m_session->kind() == SessionKind::Udp)
        return;
    m_shownId = id;
    showReadingPaused();
    if (id == 0) {
        if (m_listener.port != 0)
            watchListener(m_listener);
        return;
    }
    const QList<ConnectionInfo> all = m_session->connections();
    for (const ConnectionInfo &c : all) {
        if (c.id == id && c.local.port != 0 && c.peer.port != 0) {
            watchConnection(c.local, c.peer,
                            m_session->kind() == SessionKind::TcpServer ? TcpStateWatch::Origin::Accepted
                                                                         : TcpStateWatch::Origin::Connected);
            return;
        }
    }
}

void TcpStateView::onEvent(const TrafficEvent &event)
{
    if (m_session->kind() == SessionKind::TcpServer && event.kind == TrafficEvent::Kind::Listening) {
        m_listener = event.local;
        if (m_shownId == 0)
            watchListener(m_listener);
    } else if (m_session->kind() == SessionKind::TcpClient && event.kind == TrafficEvent::Kind::Connected) {
        // The client's one connection, from its handshake on (followed
        // since its SYN went out, unless it connected before anyone looked).
        m_shownId = event.connectionId;
        if (!(m_watch->local() == event.local && m_watch->peer() == event.peer))
            watchConnection(event.local, event.peer, TcpStateWatch::Origin::Connected);
        showReadingPaused();
    }
}

void TcpStateView::watchConnection(const Endpoint &local, const Endpoint &peer, TcpStateWatch::Origin origin)
{
    m_watch->watch(local, peer, origin);
}

void TcpStateView::watchListener(const Endpoint &local)
{
    m_watch->watch(local, Endpoint{}, TcpStateWatch::Origin::Listener);
}

void TcpStateView::clear()
{
    m_watch->clear();
}

void TcpStateView::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    m_watch->start();
}

void TcpStateView::hideEvent(QHideEvent *event)
{
    QWidget::hideEvent(event);
    m_watch->stop();
}

QString TcpStateView::headerText() const
{
    return m_header->text();
}

QStringList TcpStateView::stepTexts() const
{
    QStringList out;
    for (int i = 0; i < m_steps->count(); ++i)
        out.append(m_steps->item(i)->text());
    return out;
}

void TcpStateView::refresh()
{
    if (!m_watch->isWatching()) {
        m_header->setText(tr("Select a connection (or start the server) to see its TCP state as the kernel "
                             "reports it."));
    } else {
        const QString state = m_watch->state() == TcpKernelView::State::Unknown
                                  ? tr("not known to the kernel")
                                  : TcpKernelView::stateName(m_watch->state());
        m_header->setText(m_watch->peer().port == 0
                              ? tr("Listening socket %1: %2").arg(m_watch->local().toString(), state)
                              : tr("Connection %1 ↔ %2: %3")
                                    .arg(m_watch->local().toString(), m_watch->peer().toString(), state));
    }
    m_steps->clear();
    for (const TcpStateWatch::Step &step : m_watch->steps()) {
        const QString time = QDateTime::fromMSecsSinceEpoch(step.timeUs / 1000).toString(u"HH:mm:ss.zzz");
        const QString cause = step.transition.cause.isEmpty() ? tr("(no arrow of the diagram)") : step.transition.cause;
        QString text = tr("%1  %2 → %3: %4")
                           .arg(time, TcpKernelView::stateName(step.transition.from),
                                TcpKernelView::stateName(step.transition.to), cause);
        if (step.inferred)
            text += tr(" (between samples)");
        m_steps->addItem(text);
    }
    m_steps->scrollToBottom();
    refreshQueues();
    m_diagram->update();
}

void TcpStateView::refreshQueues()
{
    const std::optional<TcpKernelView::Socket> &socket = m_watch->socket();
    const bool listener = socket && socket->state == TcpKernelView::State::Listen;
    m_listenQueues->setVisible(listener);
    if (listener)   // a listener's queue fields are its accept queue and backlog
        m_listenQueues->setQueues(int(socket->receiveQueue), int(socket->sendQueue), m_watch->synQueue());
    const bool shown = socket && socket->info && !listener;
    m_queues->setVisible(shown);
    if (!shown)
        return;
    const TcpKernelView::Info &info = *socket->info;
    const QLocale locale;
    const auto set = [](QProgressBar *bar, int maximum, int value, const QString &text) {
        bar->setRange(0, maximum);
        bar->setValue(std::min(value, maximum));
        bar->setFormat(text);
    };
    set(m_bars.at(0), scaleFor(socket->receiveQueue, 65536), int(socket->receiveQueue),
        tr("%1 B").arg(locale.toString(socket->receiveQueue)));
    set(m_bars.at(1), scaleFor(socket->sendQueue, 65536), int(socket->sendQueue),
        tr("%1 B").arg(locale.toString(socket->sendQueue)));
    if (!info.peerWindowKnown)
        set(m_bars.at(2), 1, 0, tr("not reported by this kernel"));
    else
        set(m_bars.at(2), scaleFor(info.peerWindow, 65536), int(info.peerWindow),
            tr("%1 B").arg(locale.toString(info.peerWindow)));
    set(m_bars.at(3), scaleFor(info.rttUs, 1000), int(info.rttUs),
        tr("%1 ms").arg(locale.toString(info.rttUs / 1000.0, 'f', 3)));
}

QStringList TcpStateView::queueTexts() const
{
    QStringList out;
    if (m_queues->isHidden())
        return out;
    for (const QProgressBar *bar : m_bars)
        out.append(bar->text());
    return out;
}
