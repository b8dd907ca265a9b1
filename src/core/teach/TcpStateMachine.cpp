#include "core/teach/TcpStateMachine.h"

#include <QHash>
#include <QQueue>

using State = TcpStateMachine::State;

QList<TcpStateMachine::Transition> TcpStateMachine::transitions()
{
    // RFC 793 figure 6, each arrow with what the program or the peer did.
    // Listed in the order path() prefers them when two paths are as short.
    return {
        {State::Closed, State::Listen, tr("we called listen(): waiting for SYNs")},
        {State::Closed, State::SynSent, tr("we called connect(): SYN sent")},
        {State::Listen, State::SynReceived, tr("a client's SYN arrived: SYN+ACK sent")},
        {State::Listen, State::Closed, tr("we closed the listening socket")},
        {State::SynSent, State::Established, tr("the server's SYN+ACK arrived: ACK sent, connect() returns")},
        {State::SynSent, State::SynReceived, tr("a SYN arrived while ours was out (simultaneous open): SYN+ACK sent")},
        {State::SynSent, State::Closed, tr("connect() failed: refused (RST) or timed out")},
        {State::SynReceived, State::Established, tr("the ACK of our SYN+ACK arrived: accept() can return it")},
        {State::SynReceived, State::Closed, tr("the handshake was reset (RST)")},
        {State::Established, State::FinWait1, tr("we called close() or shutdown(SHUT_WR): FIN sent")},
        {State::Established, State::CloseWait, tr("the peer's FIN arrived: recv() returns b''")},
        {State::Established, State::Closed, tr("reset (RST): the connection is gone at once")},
        {State::FinWait1, State::FinWait2, tr("the ACK of our FIN arrived")},
        {State::FinWait1, State::Closing, tr("the peer's FIN arrived before the ACK of ours (simultaneous close)")},
        {State::FinWait1, State::TimeWait, tr("the peer's FIN and the ACK of ours arrived together")},
        {State::FinWait2, State::TimeWait, tr("the peer's FIN arrived: ACK sent")},
        {State::Closing, State::TimeWait, tr("the ACK of our FIN arrived")},
        {State::CloseWait, State::LastAck, tr("we called close(): FIN sent")},
        {State::LastAck, State::Closed, tr("the ACK of our FIN arrived: the connection is gone")},
        {State::TimeWait, State::Closed, tr("2 MSL went by (60 s on Linux): the 4-tuple is free again")},
    };
}

TcpStateMachine::Transition TcpStateMachine::transition(State from, State to)
{
    const QList<Transition> all = transitions();
    for (const Transition &t : all) {
        if (t.from == from && t.to == to)
            return t;
    }
    return Transition{from, to, QString()};
}

QList<State> TcpStateMachine::states()
{
    return {State::Closed,    State::Listen,    State::SynSent,  State::SynReceived, State::Established,
            State::FinWait1,  State::FinWait2,  State::Closing,  State::TimeWait,    State::CloseWait,
            State::LastAck};
}

QString TcpStateMachine::explain(State state)
{
    switch (state) {
    case State::Closed:
        return tr("No connection: the socket is not yet connected or listening, or the kernel has let it go.");
    case State::Listen:
        return tr("A server socket after listen(): it takes handshakes into its queues; accept() hands out "
                  "the finished ones.");
    case State::SynSent:
        return tr("connect() sent a SYN and waits for the server's SYN+ACK; without an answer the SYN is "
                  "sent again with a doubling back-off until connect() times out.");
    case State::SynReceived:
        return tr("The server answered a SYN with SYN+ACK and waits for the client's ACK: a half-open "
                  "connection in the listener's SYN queue.");
    case State::Established:
        return tr("The handshake is done: both sides can send() and recv().");
    case State::FinWait1:
        return tr("We closed our side (FIN sent) and wait for the peer to acknowledge it.");
    case State::FinWait2:
        return tr("Our FIN is acknowledged; we wait for the peer's FIN. The peer may still send, and we "
                  "still receive.");
    case State::Closing:
        return tr("Both sides sent a FIN at the same time; we wait for the ACK of ours.");
    case State::TimeWait:
        return tr("The side that closed first waits 2 MSL (60 s on Linux) so late segments of this "
                  "connection die out; meanwhile its address and port cannot be bound again without "
                  "SO_REUSEADDR.");
    case State::CloseWait:
        return tr("The peer finished sending (FIN): recv() returned b''. We can still send until we call "
                  "close().");
    case State::LastAck:
        return tr("We closed after the peer did (FIN sent) and wait for the ACK of our FIN.");
    case State::Unknown:
        break;
    }
    return tr("A state the kernel did not name.");
}

QList<TcpStateMachine::Transition> TcpStateMachine::path(State from, State to)
{
    if (from == to)
        return {};
    const QList<Transition> all = transitions();
    // The arrows of resets and of simultaneous opens and closes are taken
    // only when nothing else leads there: between two samples a socket far
    // more often went the textbook way.
    const auto isRare = [](const Transition &t) {
        return (t.to == State::Closed && t.from == State::Established)
            || (t.from == State::FinWait1 && t.to != State::FinWait2)
            || (t.from == State::SynSent && t.to == State::SynReceived);
    };
    // Breadth first, without the rare arrows; then with them.
    for (const bool withRare : {false, true}) {
        QHash<int, int> cameBy;   // state -> index into all of the arrow that reached it
        QQueue<State> queue;
        queue.enqueue(from);
        cameBy.insert(int(from), -1);
        while (!queue.isEmpty() && !cameBy.contains(int(to))) {
            const State here = queue.dequeue();
            for (int i = 0; i < all.size(); ++i) {
                const Transition &t = all.at(i);
                if (t.from != here || cameBy.contains(int(t.to)) || (!withRare && isRare(t)))
                    continue;
                cameBy.insert(int(t.to), i);
                queue.enqueue(t.to);
            }
        }
        if (!cameBy.contains(int(to)))
            continue;
        QList<Transition> out;
        for (int i = cameBy.value(int(to)); i >= 0; i = cameBy.value(int(all.at(i).from)))
            out.prepend(all.at(i));
        return out;
    }
    return {};
}
