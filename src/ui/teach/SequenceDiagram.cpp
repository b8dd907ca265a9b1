#include "ui/teach/SequenceDiagram.h"

#include "core/log/TrafficLog.h"
#include "core/net/Session.h"
#include "ui/traffic/TrafficLogModel.h"
#include "ui/widgets/ViewportToolTip.h"

#include <QDateTime>
#include <QFontMetrics>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QScrollBar>

using namespace Qt::Literals::StringLiterals;

struct SequenceDiagram::Colors
{
    QColor text;
    QColor dim;
    QColor lifeline;
    QColor in;
    QColor out;
    QColor bad;
    QColor band;       // header and time gutter
    QColor labelBack;  // behind labels, so lifelines do not cross the text
    QColor highlight;
};

namespace {

void drawArrowHead(QPainter &p, QPointF tip, qreal direction, qreal size)
{
    QPainterPath head;
    head.moveTo(tip);
    head.lineTo(tip.x() - direction * size, tip.y() - size * 0.55);
    head.lineTo(tip.x() - direction * size, tip.y() + size * 0.55);
    head.closeSubpath();
    p.fillPath(head, p.pen().color());
}

} // namespace

SequenceDiagram::SequenceDiagram(QWidget *parent)
    : QAbstractScrollArea(parent)
{
    setAccessibleName(tr("Sequence diagram"));
    setAccessibleDescription(tr("The local socket and each peer as lanes; every event of the session "
                                "as an arrow or a mark, oldest at the top"));
    setFocusPolicy(Qt::StrongFocus);
    viewport()->setBackgroundRole(QPalette::Base);
    viewport()->setAutoFillBackground(true);
    viewport()->setMouseTracking(false);
    connect(verticalScrollBar(), &QScrollBar::valueChanged, this, &SequenceDiagram::onScrolled);
    resetLanes();
    updateMetrics();
}

SequenceDiagram::~SequenceDiagram() = default;

void SequenceDiagram::setSession(Session *session)
{
    if (m_session == session)
        return;
    if (m_session) {
        m_session->log()->disconnect(this);
        m_session->disconnect(this);
    }
    m_session = session;
    m_shown = SerialSpan{};
    m_hasHighlight = false;
    m_follow = true;
    resetLanes();
    if (session) {
        TrafficLog *log = session->log();
        connect(log, &TrafficLog::changed, this, &SequenceDiagram::onLogChanged);
        connect(log, &TrafficLog::cleared, this, &SequenceDiagram::onLogCleared);
        connect(session, &QObject::destroyed, this, [this] {
            m_shown = SerialSpan{};
            m_hasHighlight = false;
            resetLanes();
            updateScrollBars();
            viewport()->update();
        });
        m_shown = log->span();
        addLanesFor(m_shown);
    }
    updateScrollBars();
    scrollToRow(rowCount() - 1);
    viewport()->update();
}

Session *SequenceDiagram::session() const
{
    return m_session;
}

void SequenceDiagram::resetLanes()
{
    m_laneNames.clear();
    m_laneOfPeer.clear();
    m_othersLane = -1;
    QString title = tr("local socket");
    if (m_session) {
        switch (m_session->kind()) {
        case SessionKind::TcpServer: title = tr("server (this tab)"); break;
        case SessionKind::TcpClient: title = tr("client (this tab)"); break;
        case SessionKind::Udp: title = tr("UDP socket (this tab)"); break;
        }
    }
    m_laneNames << title + u'\n';
}

void SequenceDiagram::addLanesFor(const SerialSpan &serials)
{
    if (!m_session)
        return;
    const TrafficLog *log = m_session->log();
    const int before = laneCount();
    for (quint64 serial = serials.first; serial < serials.end; ++serial) {
        const qsizetype i = log->indexOfSerial(serial);
        if (i < 0)
            continue;
        const TrafficEvent e = log->atWithoutPayload(i);
        if (m_laneNames[0].endsWith(u'\n') && !e.local.isNull())
            m_laneNames[0] += e.local.toString();
        if (e.peer.isNull())
            continue;
        const QString key = e.peer.toString();
        if (m_laneOfPeer.contains(key))
            continue;
        if (m_othersLane < 0 && laneCount() - 1 < kMaxPeerLanes) {
            m_laneOfPeer.insert(key, laneCount());
            m_laneNames << tr("peer %1").arg(laneCount()) + u'\n' + key;
            continue;
        }
        if (m_othersLane < 0) {
            m_othersLane = laneCount();
            m_laneNames << tr("other peers") + u'\n';
        }
        m_laneOfPeer.insert(key, m_othersLane);
    }
    if (m_othersLane >= 0) {
        const qsizetype others = m_laneOfPeer.size() - kMaxPeerLanes;
        m_laneNames[m_othersLane] = tr("other peers") + u'\n' + tr("%1 more").arg(others);
    }
    if (laneCount() != before)
        updateScrollBars();
}

int SequenceDiagram::laneOf(const TrafficEvent &event) const
{
    if (event.peer.isNull())
        return 0;
    return m_laneOfPeer.value(event.peer.toString(), m_othersLane >= 0 ? m_othersLane : 0);
}

QString SequenceDiagram::labelFor(const TrafficEvent &e) const
{
    return SequenceNotation::labelFor(e, m_session ? m_session->encoding() : u"UTF-8"_s);
}

qsizetype SequenceDiagram::arrowCount() const
{
    qsizetype n = 0;
    for (qsizetype row = 0; row < rowCount(); ++row) {
        const qsizetype i = logIndexOf(row);
        if (i >= 0 && SequenceNotation::isArrow(SequenceNotation::shapeOf(m_session->log()->atWithoutPayload(i))))
            ++n;
    }
    return n;
}

qsizetype SequenceDiagram::rowOfSerial(quint64 serial) const
{
    return m_shown.contains(serial) ? qsizetype(serial - m_shown.first) : -1;
}

quint64 SequenceDiagram::serialOfRow(qsizetype row) const
{
    return m_shown.first + quint64(row);
}

qsizetype SequenceDiagram::logIndexOf(qsizetype row) const
{
    if (!m_session || row < 0 || row >= rowCount())
        return -1;
    return m_session->log()->indexOfSerial(serialOfRow(row));
}

QRect SequenceDiagram::rowRect(qsizetype row) const
{
    const qint64 top = qint64(m_headerHeight) + qint64(row) * m_rowHeight - verticalScrollBar()->value();
    return QRect(0, int(qBound(qint64(-m_rowHeight) * 2, top, qint64(1) << 29)), viewport()->width(), m_rowHeight);
}

qsizetype SequenceDiagram::rowAt(const QPoint &pos) const
{
    if (pos.y() < m_headerHeight)
        return -1;
    const qint64 y = qint64(pos.y()) - m_headerHeight + verticalScrollBar()->value();
    const qsizetype row = qsizetype(y / m_rowHeight);
    return row >= 0 && row < rowCount() ? row : -1;
}

int SequenceDiagram::laneX(int lane) const
{
    return m_gutter + lane * m_laneWidth + m_laneWidth / 2 - horizontalScrollBar()->value();
}

void SequenceDiagram::updateMetrics()
{
    const QFontMetrics fm(font());
    m_charWidth = qMax(1, fm.horizontalAdvance(u'0'));
    m_rowHeight = fm.height() + 14;
    m_headerHeight = fm.height() * 2 + 12;
    m_gutter = fm.horizontalAdvance(u"00:00:00.000"_s) + 16;
    m_laneWidth = qMax(150, fm.horizontalAdvance(u"255.255.255.255:65535"_s) + 28);
    updateScrollBars();
}

void SequenceDiagram::updateScrollBars()
{
    const int visibleHeight = qMax(0, viewport()->height() - m_headerHeight);
    const qint64 contentHeight = qint64(rowCount()) * m_rowHeight;
    QScrollBar *v = verticalScrollBar();
    m_adjusting = true;
    v->setRange(0, int(qBound(qint64(0), contentHeight - visibleHeight, qint64(INT_MAX))));
    v->setPageStep(qMax(m_rowHeight, visibleHeight));
    v->setSingleStep(m_rowHeight);
    // Labels run to the right of the lanes: leave room for one.
    const int contentWidth = m_gutter + laneCount() * m_laneWidth + 30 * m_charWidth;
    QScrollBar *h = horizontalScrollBar();
    h->setRange(0, qMax(0, contentWidth - viewport()->width()));
    h->setPageStep(viewport()->width());
    h->setSingleStep(m_charWidth * 4);
    m_adjusting = false;
}

void SequenceDiagram::scrollToRow(qsizetype row)
{
    if (row < 0)
        return;
    const QRect r = rowRect(row);
    QScrollBar *v = verticalScrollBar();
    m_adjusting = true;
    if (r.top() < m_headerHeight)
        v->setValue(int(qint64(row) * m_rowHeight));
    else if (r.bottom() > viewport()->height())
        v->setValue(int(qint64(row + 1) * m_rowHeight - (viewport()->height() - m_headerHeight)));
    m_adjusting = false;
    m_follow = v->value() >= v->maximum();
}

void SequenceDiagram::onLogChanged(const SerialSpan &held)
{
    QScrollBar *v = verticalScrollBar();
    const qint64 oldValue = v->value();
    const SerialSpan::Step step = m_shown.stepTo(held);
    m_shown = held;
    addLanesFor(step.added);
    updateScrollBars();
    m_adjusting = true;
    if (m_follow)
        v->setValue(v->maximum());
    else if (step.dropped > 0)  // the same events stay in view while older rows leave the top
        v->setValue(int(qBound(qint64(0), oldValue - qint64(step.dropped) * m_rowHeight, qint64(v->maximum()))));
    m_adjusting = false;
    if (m_hasHighlight && rowOfSerial(m_highlight) < 0)
        m_hasHighlight = false;
    viewport()->update();
}

void SequenceDiagram::onLogCleared()
{
    m_shown = m_session ? m_session->log()->span() : SerialSpan{};
    m_hasHighlight = false;
    m_follow = true;
    resetLanes();
    updateScrollBars();
    viewport()->update();
}

void SequenceDiagram::onScrolled(int value)
{
    if (!m_adjusting)
        m_follow = value >= verticalScrollBar()->maximum();
}

void SequenceDiagram::highlightSerial(quint64 serial)
{
    const qsizetype row = rowOfSerial(serial);
    if (row < 0)
        return;
    m_highlight = serial;
    m_hasHighlight = true;
    scrollToRow(row);
    viewport()->update();
}

SequenceDiagram::Colors SequenceDiagram::colors() const
{
    const QPalette pal = palette();
    const bool dark = pal.color(QPalette::Base).lightness() < 128;
    Colors c;
    c.text = pal.color(QPalette::Text);
    c.dim = pal.color(QPalette::PlaceholderText);
    c.lifeline = pal.color(QPalette::Mid);
    c.in = dark ? QColor(120, 175, 255) : QColor(20, 90, 200);
    c.out = dark ? QColor(120, 215, 135) : QColor(10, 125, 50);
    c.bad = dark ? QColor(255, 115, 105) : QColor(200, 30, 30);
    c.band = pal.color(QPalette::Window);
    c.labelBack = pal.color(QPalette::Base);
    c.highlight = pal.color(QPalette::Highlight);
    c.highlight.setAlpha(dark ? 110 : 70);
    return c;
}

void SequenceDiagram::paintEvent(QPaintEvent *)
{
    QPainter p(viewport());
    const Colors c = colors();
    const QFontMetrics fm(font());
    const int width = viewport()->width();
    const int height = viewport()->height();
    const TrafficLog *log = m_session ? m_session->log() : nullptr;
    const qsizetype rows = log ? rowCount() : 0;

    const int scrollY = verticalScrollBar()->value();
    const qsizetype firstRow = qMax<qsizetype>(0, scrollY / m_rowHeight);
    const qsizetype lastRow = qMin<qsizetype>(rows - 1, (qint64(scrollY) + height - m_headerHeight) / m_rowHeight);
    const int contentBottom = rows > 0 ? rowRect(rows - 1).bottom() + 1 : m_headerHeight;

    // Lifelines.
    QPen lifePen(c.lifeline, 1, Qt::DashLine);
    p.setPen(lifePen);
    for (int lane = 0; lane < laneCount(); ++lane) {
        const int x = laneX(lane);
        if (x < m_gutter || x > width)
            continue;
        p.drawLine(x, m_headerHeight, x, qMin(height, qMax(contentBottom, height)));
    }

    const qreal head = qMax(6.0, fm.height() * 0.45);
    for (qsizetype row = firstRow; row <= lastRow; ++row) {
        const qsizetype index = logIndexOf(row);
        if (index < 0)
            continue;
        const TrafficEvent e = log->at(index);
        const QRect r = rowRect(row);
        const bool highlighted = m_hasHighlight && serialOfRow(row) == m_highlight;
        if (highlighted)
            p.fillRect(QRect(m_gutter, r.top(), width - m_gutter, r.height()), c.highlight);

        using Shape = SequenceNotation::Shape;
        const Shape shape = SequenceNotation::shapeOf(e);
        const QString label = labelFor(e);
        const bool bad = SequenceNotation::isBad(e);
        const int lineY = r.top() + r.height() - 8;
        const int textBase = lineY - 4 - fm.descent();
        const int localX = laneX(0);
        const int peerX = laneX(laneOf(e));

        auto drawLabel = [&](int x, const QColor &color) {
            const int avail = width - x - 4;
            if (avail <= 0)
                return;
            const QString text = fm.elidedText(label, Qt::ElideRight, avail);
            const QRect box(x - 2, textBase - fm.ascent(), fm.horizontalAdvance(text) + 4, fm.height());
            if (!highlighted)
                p.fillRect(box, c.labelBack);
            p.setPen(color);
            p.drawText(x, textBase, text);
        };

        switch (shape) {
        case Shape::ArrowIn:
        case Shape::ArrowOut: {
            const bool in = shape == Shape::ArrowIn;
            QColor color = bad ? c.bad : (in ? c.in : c.out);
            const int from = in ? peerX : localX;
            const int to = in ? localX : peerX;
            QPen pen(color, highlighted ? 2.5 : 1.5);
            if (e.kind != TrafficEvent::Kind::Data)
                pen.setStyle(Qt::DashLine);
            p.setPen(pen);
            const qreal dir = to >= from ? 1.0 : -1.0;
            p.drawLine(QPointF(from, lineY), QPointF(to - dir * head, lineY));
            p.setPen(QPen(color, 1));
            drawArrowHead(p, QPointF(to, lineY), dir, head);
            drawLabel(qMin(from, to) + 10, bad ? c.bad : c.text);
            break;
        }
        case Shape::LocalMark: {
            const QColor color = bad ? c.bad : c.dim;
            p.setPen(QPen(color, 2));
            const int s = 4;
            if (bad) {
                p.drawLine(localX - s, lineY - s, localX + s, lineY + s);
                p.drawLine(localX - s, lineY + s, localX + s, lineY - s);
            } else {
                p.setBrush(c.band);
                p.drawRect(localX - s, lineY - s, 2 * s, 2 * s);
                p.setBrush(Qt::NoBrush);
            }
            drawLabel(localX + 10, bad ? c.bad : c.text);
            break;
        }
        case Shape::PeerNote: {
            p.setPen(QPen(c.dim, 2));
            p.setBrush(c.dim);
            p.drawEllipse(QPoint(peerX, lineY), 3, 3);
            p.setBrush(Qt::NoBrush);
            drawLabel(peerX + 10, c.dim);
            break;
        }
        case Shape::None:
            break;
        }
    }

    // Time gutter, fixed while the lanes scroll sideways.
    p.fillRect(QRect(0, m_headerHeight, m_gutter, height - m_headerHeight), c.band);
    p.setPen(c.dim);
    for (qsizetype row = firstRow; row <= lastRow; ++row) {
        const qsizetype index = logIndexOf(row);
        if (index < 0)
            continue;
        const QRect r = rowRect(row);
        const QDateTime t = QDateTime::fromMSecsSinceEpoch(log->atWithoutPayload(index).timeUs / 1000).toLocalTime();
        if (m_hasHighlight && serialOfRow(row) == m_highlight)
            p.fillRect(QRect(0, r.top(), m_gutter, r.height()), c.highlight);
        p.drawText(QRect(6, r.top(), m_gutter - 10, r.height() - 4), Qt::AlignLeft | Qt::AlignBottom,
                   t.toString(u"HH:mm:ss.zzz"_s));
    }

    // Lane headers, fixed while the rows scroll.
    p.fillRect(QRect(0, 0, width, m_headerHeight), c.band);
    p.setPen(c.lifeline);
    p.drawLine(0, m_headerHeight - 1, width, m_headerHeight - 1);
    for (int lane = 0; lane < laneCount(); ++lane) {
        const int x = laneX(lane);
        const QRect box(x - m_laneWidth / 2 + 6, 4, m_laneWidth - 12, m_headerHeight - 8);
        if (box.right() < m_gutter || box.left() > width)
            continue;
        const QStringList lines = m_laneNames[lane].split(u'\n');
        p.setPen(lane == 0 ? c.text : c.dim);
        p.drawRect(box);
        p.setPen(c.text);
        QFont bold = font();
        bold.setBold(true);
        p.setFont(bold);
        p.drawText(box.adjusted(4, 2, -4, 0), Qt::AlignHCenter | Qt::AlignTop,
                   QFontMetrics(bold).elidedText(lines.value(0), Qt::ElideRight, box.width() - 8));
        p.setFont(font());
        p.drawText(box.adjusted(4, 0, -4, -2), Qt::AlignHCenter | Qt::AlignBottom,
                   fm.elidedText(lines.value(1), Qt::ElideMiddle, box.width() - 8));
    }
    p.fillRect(QRect(0, 0, m_gutter, m_headerHeight), c.band);
    p.setPen(c.dim);
    p.drawText(QRect(6, 0, m_gutter - 10, m_headerHeight - 4), Qt::AlignLeft | Qt::AlignBottom, tr("time"));

    if (rows == 0) {
        p.setPen(c.dim);
        p.drawText(QRect(m_gutter, m_headerHeight, width - m_gutter, height - m_headerHeight),
                   Qt::AlignCenter | Qt::TextWordWrap,
                   m_session ? tr("No events yet: connections, data and closes appear here as arrows.")
                             : tr("No session"));
    }
}

void SequenceDiagram::resizeEvent(QResizeEvent *event)
{
    QAbstractScrollArea::resizeEvent(event);
    updateScrollBars();
    if (m_follow) {
        m_adjusting = true;
        verticalScrollBar()->setValue(verticalScrollBar()->maximum());
        m_adjusting = false;
    }
}

void SequenceDiagram::mousePressEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton) {
        QAbstractScrollArea::mousePressEvent(event);
        return;
    }
    const qsizetype row = rowAt(event->position().toPoint());
    if (row < 0)
        return;
    m_highlight = serialOfRow(row);
    m_hasHighlight = true;
    viewport()->update();
    emit eventClicked(m_highlight);
}

void SequenceDiagram::mouseReleaseEvent(QMouseEvent *event)
{
    // The press did the work; taking the release keeps it from the parent.
    event->setAccepted(event->button() == Qt::LeftButton);
}

void SequenceDiagram::keyPressEvent(QKeyEvent *event)
{
    int step = 0;
    switch (event->key()) {
    case Qt::Key_Up: step = -1; break;
    case Qt::Key_Down: step = 1; break;
    case Qt::Key_PageUp: step = -qMax(1, (viewport()->height() - m_headerHeight) / m_rowHeight); break;
    case Qt::Key_PageDown: step = qMax(1, (viewport()->height() - m_headerHeight) / m_rowHeight); break;
    case Qt::Key_Home:
        verticalScrollBar()->setValue(0);
        return;
    case Qt::Key_End:
        verticalScrollBar()->setValue(verticalScrollBar()->maximum());
        return;
    default:
        QAbstractScrollArea::keyPressEvent(event);
        return;
    }
    if (rowCount() == 0)
        return;
    qsizetype row = m_hasHighlight ? rowOfSerial(m_highlight) : -1;
    row = row < 0 ? (step > 0 ? 0 : rowCount() - 1) : qBound<qsizetype>(0, row + step, rowCount() - 1);
    m_highlight = serialOfRow(row);
    m_hasHighlight = true;
    scrollToRow(row);
    viewport()->update();
    emit eventClicked(m_highlight);
}

QString SequenceDiagram::toolTipFor(qsizetype row) const
{
    const qsizetype index = logIndexOf(row);
    if (index < 0)
        return QString();
    const TrafficEvent e = m_session->log()->at(index);
    QStringList lines;
    lines << tr("#%1  %2  %3").arg(serialOfRow(row)).arg(TrafficLogModel::kindLabel(e),
                                                         TrafficEvent::timeString(e.timeUs));
    if (!e.local.isNull() || !e.peer.isNull())
        lines << tr("local %1  peer %2").arg(e.local.toString(), e.peer.isNull() ? u"—"_s : e.peer.toString());
    if (e.kind == TrafficEvent::Kind::Data || e.kind == TrafficEvent::Kind::Frame)
        lines << tr("%1 bytes").arg(e.payload.size());
    if (!e.message.isEmpty())
        lines << e.message;
    return lines.join(u'\n');
}

bool SequenceDiagram::viewportEvent(QEvent *event)
{
    if (answerViewportToolTip(event, viewport(), [this](QPoint at) { return toolTipFor(rowAt(at)); }))
        return true;
    return QAbstractScrollArea::viewportEvent(event);
}

void SequenceDiagram::changeEvent(QEvent *event)
{
    QAbstractScrollArea::changeEvent(event);
    if (event->type() == QEvent::FontChange)
        updateMetrics();
    if (event->type() == QEvent::FontChange || event->type() == QEvent::PaletteChange)
        viewport()->update();
}
