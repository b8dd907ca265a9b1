#include "ui/pages/PeerInspector.h"

#include "ui_PeerInspector.h"

#include "core/log/TrafficEvent.h"
#include "core/log/TrafficLog.h"
#include "core/net/Session.h"
#include "core/net/TcpClientSession.h"
#include "core/net/TcpServerSession.h"
#include "ui/widgets/LabelElider.h"

#include <QDateTime>
#include <QEvent>
#include <QLocale>

namespace {
QString localTimeText(qint64 us)
{
    if (us <= 0)
        return QString();
    // The date only when it is not today: it would make the side panel wider.
    const QDateTime t = QDateTime::fromMSecsSinceEpoch(us / 1000);
    return t.toString(t.date() == QDate::currentDate() ? QStringLiteral("HH:mm:ss.zzz")
                                                       : QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz"));
}

QString durationText(qint64 us)
{
    const qint64 s = qMax<qint64>(0, us / 1000000);
    const qint64 days = s / 86400;
    const qint64 hours = s % 86400 / 3600;
    const qint64 minutes = s % 3600 / 60;
    const qint64 seconds = s % 60;
    if (days > 0)
        return PeerInspector::tr("%1 d %2 h %3 min").arg(days).arg(hours).arg(minutes);
    if (hours > 0)
        return PeerInspector::tr("%1 h %2 min %3 s").arg(hours).arg(minutes).arg(seconds);
    if (minutes > 0)
        return PeerInspector::tr("%1 min %2 s").arg(minutes).arg(seconds);
    return PeerInspector::tr("%1 s").arg(seconds);
}
} // namespace

PeerInspector::PeerInspector(QWidget *parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::PeerInspector>())
{
    m_ui->setupUi(this);
    // An IPv6 address with its scope can be wider than a side panel: cut
    // with "…", whole in the tooltip, never scrolled sideways.
    m_peerAddress = new LabelElider(m_ui->peerAddressValue);
    m_localAddress = new LabelElider(m_ui->localAddressValue);
    QFont title = m_ui->titleLabel->font();
    title.setBold(true);
    m_ui->titleLabel->setFont(title);
    m_timer.setInterval(kRefreshMs);
    connect(&m_timer, &QTimer::timeout, this, &PeerInspector::refresh);
    render();
}

PeerInspector::~PeerInspector() = default;

void PeerInspector::setSession(Session *session)
{
    if (session == m_session)
        return;
    if (m_session)
        disconnect(m_session, nullptr, this, nullptr);
    m_session = session;
    m_id = 0;
    m_info = {};
    m_closed = false;
    if (session) {
        // A close shows at once, not at the next tick.
        connect(session, &Session::connectionsChanged, this, &PeerInspector::refresh);
        connect(session, &Session::readingPausedChanged, this, &PeerInspector::refresh);
        connect(session, &QObject::destroyed, this, &PeerInspector::onSessionDestroyed);
    }
    refresh();
}

void PeerInspector::onSessionDestroyed()
{
    // The QPointer is already null here, so setSession(nullptr) would see no change.
    m_id = 0;
    m_info = {};
    m_closed = false;
    render();
    updateTimer();
}

void PeerInspector::showConnection(quint32 id)
{
    m_id = m_session ? id : 0;
    m_info = {};
    m_closed = false;
    m_closedSeenUs = 0;
    refresh();
    updateTimer();
}

quint32 PeerInspector::ownConnectionId() const
{
    // A TCP client has one connection: it is what there is to inspect, with
    // nothing selected in the traffic as much as with its rows selected.
    // One that never connected (refused, timed out) has nothing to show.
    if (auto *client = qobject_cast<TcpClientSession *>(m_session.data()))
        return client->connection().sinceUs != 0 ? client->connection().id : 0;
    return 0;
}

void PeerInspector::fillFromLog(ConnectionInfo *info)
{
    // Only the events still say where a connection that closed before it
    // was ever read went; the newest kLogSearch events are searched.
    if (auto *client = qobject_cast<TcpClientSession *>(m_session.data())) {
        const ConnectionInfo last = client->connection();
        if (last.id == m_id && !last.peer.isNull()) {
            const QString state = info->state;
            *info = last;
            info->state = state;
            return;
        }
    }
    const TrafficLog *log = m_session->log();
    const qsizetype stop = qMax<qsizetype>(0, log->size() - kLogSearch);
    for (qsizetype i = log->size() - 1; i >= stop; --i) {
        const TrafficEvent e = log->atWithoutPayload(i);
        if (e.connectionId != m_id)
            continue;
        if (info->local.isNull() && info->peer.isNull()) {
            info->local = e.local;
            info->peer = e.peer;
        }
        if (!info->lastActivityUs && (e.kind == TrafficEvent::Kind::Data || e.kind == TrafficEvent::Kind::Frame))
            info->lastActivityUs = e.timeUs;
        if (e.kind == TrafficEvent::Kind::Closed)
            m_closedSeenUs = e.timeUs;
        if (e.kind == TrafficEvent::Kind::Connected) {
            info->sinceUs = e.timeUs;
            break;
        }
    }
}

bool PeerInspector::lookUp(ConnectionInfo *info) const
{
    // The specific lookups avoid copying every connection of a busy server
    // twice a second just to show one of them.
    if (auto *server = qobject_cast<TcpServerSession *>(m_session.data())) {
        if (!server->hasClient(m_id))
            return false;
        *info = server->client(m_id);
        return true;
    }
    if (auto *client = qobject_cast<TcpClientSession *>(m_session.data())) {
        // A new connect() under way is not the connection shown until it is
        // made: until then the last one stays, closed.
        const QList<ConnectionInfo> list = client->connections();
        if (list.isEmpty() || list.first().id != m_id || list.first().sinceUs == 0)
            return false;
        *info = list.first();
        return true;
    }
    const QList<ConnectionInfo> list = m_session->connections();
    for (const ConnectionInfo &c : list) {
        if (c.id == m_id) {
            *info = c;
            return true;
        }
    }
    return false;
}

void PeerInspector::refresh()
{
    if (m_session && m_id == 0)
        m_id = ownConnectionId();
    if (m_session && m_id != 0) {
        ConnectionInfo info;
        if (lookUp(&info)) {
            m_info = info;
            m_closed = false;
        } else if (!m_closed) {
            m_closed = true;
            m_closedSeenUs = TrafficEvent::nowUs();
            // A connection that closed before we ever read it: what its
            // events say, rather than a form of dashes.
            if (m_info.id == 0) {
                m_info.id = m_id;
                fillFromLog(&m_info);
            }
        }
    }
    render();
    updateTimer();
}

void PeerInspector::render()
{
    if (!m_session || m_id == 0) {
        const bool client = qobject_cast<TcpClientSession *>(m_session.data()) != nullptr;
        m_ui->placeholderLabel->setText(client ? tr("Not connected") : tr("No connection selected"));
        m_ui->pages->setCurrentWidget(m_ui->emptyPage);
        return;
    }
    m_ui->pages->setCurrentWidget(m_ui->detailsPage);
    const ConnectionInfo &c = m_info;
    const bool udp = m_session->kind() == SessionKind::Udp;
    const QLocale locale;
    const QString none = tr("\u2014");   // an em dash reads as "nothing" where a blank looks broken

    m_ui->titleLabel->setText(udp ? tr("UDP peer #%1").arg(m_id) : tr("Connection #%1").arg(m_id));
    m_peerAddress->setText(c.peer.isNull() ? none : c.peer.addressString());
    m_ui->peerPortValue->setText(c.peer.isNull() ? none : QString::number(c.peer.port));
    m_localAddress->setText(c.local.isNull() ? none : c.local.addressString());
    m_ui->localPortValue->setText(c.local.isNull() ? none : QString::number(c.local.port));
    const QString transport = udp ? tr("UDP") : tr("TCP");
    m_ui->familyValue->setText(c.peer.isNull() ? transport
                                               : (c.peer.isIPv6() ? tr("%1 over IPv6") : tr("%1 over IPv4")).arg(transport));

    if (m_closed)
        m_ui->stateValue->setText(tr("Closed"));
    else if (c.state == u"connected")
        m_ui->stateValue->setText(tr("Connected"));
    else if (c.state == u"closing")
        m_ui->stateValue->setText(tr("Closing"));
    else if (c.state == u"seen")
        m_ui->stateValue->setText(tr("Seen (UDP has no connection)"));
    else
        m_ui->stateValue->setText(c.state.isEmpty() ? none : c.state);
    if (!m_closed && c.readingPaused)
        m_ui->stateValue->setText(tr("%1 (reading paused: recv() is not called)").arg(m_ui->stateValue->text()));

    m_ui->sinceLabel->setText(udp ? tr("First datagram:") : tr("Connected since:"));
    m_ui->sinceValue->setText(c.sinceUs ? localTimeText(c.sinceUs) : none);
    m_ui->durationLabel->setText(udp ? tr("Known for:") : tr("Duration:"));
    if (!c.sinceUs) {
        m_ui->durationValue->setText(none);
    } else if (m_closed) {
        m_ui->durationValue->setText(tr("about %1 (closed)").arg(durationText(m_closedSeenUs - c.sinceUs)));
    } else {
        m_ui->durationValue->setText(durationText(TrafficEvent::nowUs() - c.sinceUs));
    }
    m_ui->lastActivityValue->setText(c.lastActivityUs ? localTimeText(c.lastActivityUs) : none);
    m_ui->bytesInValue->setText(locale.toString(c.bytesIn));
    m_ui->bytesOutValue->setText(locale.toString(c.bytesOut));
    m_ui->messagesInValue->setText(locale.toString(c.messagesIn));
    m_ui->messagesOutValue->setText(locale.toString(c.messagesOut));
    m_ui->lastErrorValue->setText(c.lastError.isEmpty() ? tr("None") : c.lastError);
}

void PeerInspector::updateTimer()
{
    // Nothing to re-read for a hidden panel, an empty one, or a connection
    // that is gone (its values no longer change).
    const bool wanted = isVisible() && m_session && m_id != 0 && !m_closed;
    if (wanted && !m_timer.isActive())
        m_timer.start();
    else if (!wanted)
        m_timer.stop();
}

void PeerInspector::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    refresh();
    updateTimer();
}

void PeerInspector::hideEvent(QHideEvent *event)
{
    QWidget::hideEvent(event);
    updateTimer();
}

void PeerInspector::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::LanguageChange) {
        m_ui->retranslateUi(this);
        render();
    }
}
