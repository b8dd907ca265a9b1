#pragma once

#include "core/os/TcpKernelView.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

// The TCP state machine of RFC 793 (figure 6) as a teaching model: its
// states, its transitions with the event that causes each, in the words a
// student knows from the socket calls ("we called close(): FIN sent"), a
// sentence that explains each state, and the path a socket must have taken
// between two states the kernel reported (sampling sees ESTABLISHED, then
// TIME_WAIT; the socket went through FIN_WAIT_1 and FIN_WAIT_2).
class TcpStateMachine
{
    Q_DECLARE_TR_FUNCTIONS(TcpStateMachine)

public:
    using State = TcpKernelView::State;

    struct Transition
    {
        State from = State::Unknown;
        State to = State::Unknown;
        QString cause;          // "we called close(): FIN sent"
        bool operator==(const Transition &other) const { return from == other.from && to == other.to; }
    };

    // Every transition of the diagram, with its cause.
    static QList<Transition> transitions();
    // The transition from -> to, or one with an empty cause when the diagram
    // has no such arrow.
    static Transition transition(State from, State to);
    // One or two sentences on what a socket in `state` is doing and waiting for.
    static QString explain(State state);
    // The states of the diagram in the order a view lists them.
    static QList<State> states();

    // The transitions from `from` to `to` along the diagram's arrows, the
    // fewest there are; empty when from == to or no path leads there. The
    // arrows of a reset (RST) and of simultaneous opens and closes are
    // taken only when no other path leads there.
    static QList<Transition> path(State from, State to);
};
