#include "ui/teach/TcpStateDiagram.h"

#include <QHelpEvent>
#include <QPainter>
#include <QPainterPath>
#include <QToolTip>

#include <cmath>

namespace {

constexpr int kColumns = 3;
constexpr int kRows = 7;
constexpr int kEndClosedKey = -1;

int keyOf(TcpKernelView::State state, bool endClosed)
{
    return endClosed ? kEndClosedKey : int(state);
}

// The point where the line from a box's centre towards `towards` leaves it.
QPointF edgePoint(const QRectF &box, const QPointF &towards)
{
    const QPointF c = box.center();
    const QPointF d = towards - c;
    if (qFuzzyIsNull(d.x()) && qFuzzyIsNull(d.y()))
        return c;
    const qreal sx = qFuzzyIsNull(d.x()) ? 1e9 : (box.width() / 2) / std::abs(d.x());
    const qreal sy = qFuzzyIsNull(d.y()) ? 1e9 : (box.height() / 2) / std::abs(d.y());
    return c + d * std::min(sx, sy);
}

// Distance from p to the segment a-b.
qreal distanceToSegment(const QPointF &p, const QPointF &a, const QPointF &b)
{
    const QPointF ab = b - a;
    const qreal len2 = QPointF::dotProduct(ab, ab);
    const qreal t = len2 > 0 ? std::clamp(QPointF::dotProduct(p - a, ab) / len2, 0.0, 1.0) : 0.0;
    const QPointF q = a + ab * t;
    return std::hypot(p.x() - q.x(), p.y() - q.y());
}

} // namespace

TcpStateDiagram::TcpStateDiagram(QWidget *parent)
    : QWidget(parent)
{
    setMouseTracking(true);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
    layoutBoxes();
}

void TcpStateDiagram::setWatch(const TcpStateWatch *watch)
{
    m_watch = watch;
    update();
}

QList<TcpStateDiagram::Place> TcpStateDiagram::places()
{
    return {
        {State::Closed, false, 1, 0},      {State::Listen, false, 1, 1},    {State::SynReceived, false, 0, 2},
        {State::SynSent, false, 2, 2},     {State::Established, false, 1, 3}, {State::FinWait1, false, 0, 4},
        {State::CloseWait, false, 2, 4},   {State::FinWait2, false, 0, 5},  {State::Closing, false, 1, 5},
        {State::LastAck, false, 2, 5},     {State::TimeWait, false, 0, 6},  {State::Closed, true, 2, 6},
    };
}

bool TcpStateDiagram::endsAtBottom(const TcpStateMachine::Transition &t)
{
    return t.to == State::Closed && t.from != State::Listen && t.from != State::SynSent
        && t.from != State::SynReceived;
}

QSize TcpStateDiagram::sizeHint() const
{
    return {640, 460};
}

QSize TcpStateDiagram::minimumSizeHint() const
{
    return {420, 300};
}

void TcpStateDiagram::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    layoutBoxes();
}

void TcpStateDiagram::layoutBoxes()
{
    const qreal cellW = qreal(width()) / kColumns;
    const qreal cellH = qreal(height()) / kRows;
    const QFontMetricsF fm(font());
    const qreal boxW = std::min(cellW * 0.78, fm.horizontalAdvance(QStringLiteral("SYN_RECEIVED")) * 1.9);
    const qreal boxH = std::min(cellH * 0.72, fm.height() * 2.6);
    m_boxes.clear();
    for (const Place &place : places()) {
        const QPointF centre((place.column + 0.5) * cellW, (place.row + 0.5) * cellH);
        m_boxes.insert(keyOf(place.state, place.endClosed),
                       QRectF(centre.x() - boxW / 2, centre.y() - boxH / 2, boxW, boxH));
    }
}

QRectF TcpStateDiagram::boxOf(State state, bool endClosed) const
{
    return m_boxes.value(keyOf(state, endClosed && state == State::Closed));
}

TcpStateDiagram::State TcpStateDiagram::litState() const
{
    return m_watch && m_watch->isWatching() ? m_watch->state() : State::Unknown;
}

bool TcpStateDiagram::litIsEndClosed() const
{
    if (litState() != State::Closed || !m_watch || m_watch->steps().isEmpty())
        return false;
    return endsAtBottom(m_watch->steps().constLast().transition);
}

QString TcpStateDiagram::boxNote(State state) const
{
    if (!m_watch || state != litState() || !m_watch->socket())
        return QString();
    const TcpKernelView::Socket &s = *m_watch->socket();
    switch (state) {
    case State::TimeWait:
        return s.timerMs > 0 ? tr("%1 s left").arg((s.timerMs + 999) / 1000) : QString();
    case State::SynSent:
        return s.retransmits > 0 ? tr("SYN sent again: %n time(s)", nullptr, s.retransmits) : QString();
    case State::Listen:
        return tr("queue %1 / backlog %2").arg(s.receiveQueue).arg(s.sendQueue);
    default:
        return QString();
    }
}

void TcpStateDiagram::drawArrow(QPainter &p, const QRectF &from, const QRectF &to, bool traced, bool inferred) const
{
    const QPointF a = edgePoint(from, to.center());
    const QPointF b = edgePoint(to, from.center());
    QPen pen(traced ? palette().color(QPalette::Highlight) : palette().color(QPalette::Mid));
    pen.setWidthF(traced ? 2.5 : 1.0);
    if (inferred)
        pen.setStyle(Qt::DashLine);
    p.setPen(pen);
    p.drawLine(a, b);
    // The head.
    const QPointF d = b - a;
    const qreal len = std::hypot(d.x(), d.y());
    if (len < 1)
        return;
    const QPointF u = d / len;
    const QPointF n(-u.y(), u.x());
    const qreal size = traced ? 10 : 7;
    QPainterPath head;
    head.moveTo(b);
    head.lineTo(b - u * size + n * size * 0.45);
    head.lineTo(b - u * size - n * size * 0.45);
    head.closeSubpath();
    p.fillPath(head, pen.color());
}

void TcpStateDiagram::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    p.fillRect(rect(), palette().color(QPalette::Base));

    // The path taken: which arrows, and which states were passed.
    QHash<QPair<int, int>, bool> traced;   // (from key, to key) -> inferred
    QSet<int> visited;
    if (m_watch && m_watch->isWatching()) {
        for (const TcpStateWatch::Step &step : m_watch->steps()) {
            const int from = keyOf(step.transition.from, false);
            const int to = keyOf(step.transition.to, endsAtBottom(step.transition));
            traced.insert({from, to}, step.inferred && traced.value({from, to}, true));
            visited.insert(from);
            visited.insert(to);
        }
    }
    const QList<TcpStateMachine::Transition> arrows = TcpStateMachine::transitions();
    for (const TcpStateMachine::Transition &t : arrows) {
        const int from = keyOf(t.from, false);
        const int to = keyOf(t.to, endsAtBottom(t));
        const auto it = traced.constFind({from, to});
        drawArrow(p, m_boxes.value(from), m_boxes.value(to), it != traced.constEnd(),
                  it != traced.constEnd() && it.value());
    }

    const State lit = litState();
    const int litKey = lit == State::Unknown ? -100 : keyOf(lit, litIsEndClosed());
    QFont bold = font();
    bold.setBold(true);
    for (const Place &place : places()) {
        const int key = keyOf(place.state, place.endClosed);
        const QRectF box = m_boxes.value(key);
        const bool isLit = key == litKey;
        QColor fill = palette().color(QPalette::Button);
        if (isLit)
            fill = palette().color(QPalette::Highlight);
        else if (visited.contains(key))
            fill = palette().color(QPalette::Highlight).lighter(175);
        p.setPen(QPen(isLit ? palette().color(QPalette::Highlight).darker(130) : palette().color(QPalette::Dark),
                      isLit ? 2.5 : 1.0));
        p.setBrush(fill);
        p.drawRoundedRect(box, 6, 6);
        p.setPen(isLit ? palette().color(QPalette::HighlightedText) : palette().color(QPalette::ButtonText));
        p.setFont(isLit ? bold : font());
        const QString note = isLit ? boxNote(place.state) : QString();
        const QString text = TcpKernelView::stateName(place.state) + (note.isEmpty() ? QString() : u'\n' + note);
        p.drawText(box, Qt::AlignCenter, text);
    }
}

QString TcpStateDiagram::toolTipAt(const QPointF &pos) const
{
    for (const Place &place : places()) {
        if (m_boxes.value(keyOf(place.state, place.endClosed)).contains(pos))
            return QStringLiteral("<b>%1</b><br>%2").arg(TcpKernelView::stateName(place.state),
                                                        TcpStateMachine::explain(place.state).toHtmlEscaped());
    }
    const QList<TcpStateMachine::Transition> arrows = TcpStateMachine::transitions();
    for (const TcpStateMachine::Transition &t : arrows) {
        const QRectF from = m_boxes.value(keyOf(t.from, false));
        const QRectF to = m_boxes.value(keyOf(t.to, endsAtBottom(t)));
        if (distanceToSegment(pos, edgePoint(from, to.center()), edgePoint(to, from.center())) <= 4)
            return QStringLiteral("%1 → %2<br>%3").arg(TcpKernelView::stateName(t.from),
                                                       TcpKernelView::stateName(t.to), t.cause.toHtmlEscaped());
    }
    return QString();
}

bool TcpStateDiagram::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        const QString tip = toolTipAt(help->pos());
        if (tip.isEmpty())
            QToolTip::hideText();
        else
            QToolTip::showText(help->globalPos(), tip, this);
        return true;
    }
    return QWidget::event(event);
}
