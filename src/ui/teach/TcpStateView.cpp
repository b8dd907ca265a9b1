#include "ui/teach/TcpStateView.h"

#include "ui/teach/TcpStateDiagram.h"

#include "core/net/Session.h"

#include <QDateTime>
#include <QLabel>
#include <QListWidget>
#include <QVBoxLayout>

TcpStateView::TcpStateView(QWidget *parent)
    : QWidget(parent)
    , m_watch(new TcpStateWatch(this))
    , m_diagram(new TcpStateDiagram(this))
    , m_header(new QLabel(this))
    , m_steps(new QListWidget(this))
{
    m_header->setWordWrap(true);
    m_header->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_steps->setAlternatingRowColors(true);
    m_steps->setWordWrap(true);
    m_steps->setMaximumHeight(fontMetrics().height() * 8);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_header);
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
    if (m_session)
        connect(m_session, &Session::eventOccurred, this, &TcpStateView::onEvent);
}

void TcpStateView::showConnection(quint32 id)
{
    if (!m_session || m_session->kind() == SessionKind::Udp)
        return;
    m_shownId = id;
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
        // The client's one connection, from its handshake on.
        m_shownId = event.connectionId;
        watchConnection(event.local, event.peer, TcpStateWatch::Origin::Connected);
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
    m_diagram->update();
}
