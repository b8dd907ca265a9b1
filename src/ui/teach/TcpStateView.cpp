#include "ui/teach/TcpStateView.h"

#include "ui/teach/TcpStateDiagram.h"

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
