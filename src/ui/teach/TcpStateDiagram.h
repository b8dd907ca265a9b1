#pragma once

#include "core/teach/TcpStateWatch.h"

#include <QHash>
#include <QRectF>
#include <QWidget>

// The RFC 793 state diagram drawn for a projector: every state a box, every
// transition an arrow; the state the watched socket is in now lit, the
// states and arrows of the path it took traced (dashed where the path was
// inferred between samples), and the kernel's numbers in the lit box (time
// left in TIME_WAIT, retries in SYN_SENT, a listener's accept queue).
// Hovering a box explains its state, hovering an arrow names its cause.
// CLOSED is drawn twice, as the diagram in the RFC is read: where a
// socket starts (top) and where a connection ends (bottom).
class TcpStateDiagram : public QWidget
{
    Q_OBJECT
public:
    using State = TcpKernelView::State;

    explicit TcpStateDiagram(QWidget *parent = nullptr);

    // What to draw: the watch's state, steps and report (not owned).
    void setWatch(const TcpStateWatch *watch);
    // The box lit now (Unknown for none), and whether it is the bottom
    // CLOSED; for tests and the view's header.
    State litState() const;
    bool litIsEndClosed() const;
    // The box of a state (the top CLOSED for Closed; end for the bottom one).
    QRectF boxOf(State state, bool endClosed = false) const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;
    bool event(QEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    struct Place
    {
        State state;
        bool endClosed;
        int column;
        int row;
    };
    static QList<Place> places();
    // A transition into CLOSED ends at the bottom box unless it comes from
    // the opening half of the diagram.
    static bool endsAtBottom(const TcpStateMachine::Transition &t);
    void layoutBoxes();
    QString boxNote(State state) const;
    QString toolTipAt(const QPointF &pos) const;
    void drawArrow(QPainter &p, const QRectF &from, const QRectF &to, bool traced, bool inferred) const;

    const TcpStateWatch *m_watch = nullptr;
    QHash<int, QRectF> m_boxes;   // key: state, or -1 for the bottom CLOSED
};
