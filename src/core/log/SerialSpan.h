#pragma once

#include <QMetaType>
#include <QtGlobal>

// A run of a TrafficLog's event serials, [first, end): what the log holds,
// or what a view shows of it. A serial names one event for ever (the log
// counts every event it was given; clear() does not reuse them), so a view
// that keeps the span it shows follows the log exactly however its change
// notices were batched: it steps from its span to the one a notice says
// the log holds.
struct SerialSpan
{
    quint64 first = 0;  // serial of the oldest event
    quint64 end = 0;    // one past the newest

    qsizetype size() const { return end > first ? qsizetype(end - first) : 0; }
    bool isEmpty() const { return end <= first; }
    bool contains(quint64 serial) const { return serial >= first && serial < end; }
    bool operator==(const SerialSpan &) const = default;

    struct Step;
    // How a view that shows this span comes to show `now`.
    Step stepTo(const SerialSpan &now) const;
};

// A view drops its first `dropped` events (those the log no longer holds),
// then appends `added`. `missed`: serials came and went between the two
// spans that the view never had (dropped before they could be shown).
struct SerialSpan::Step
{
    qsizetype dropped = 0;
    SerialSpan added;
    bool missed = false;
};

inline SerialSpan::Step SerialSpan::stepTo(const SerialSpan &now) const
{
    Step step;
    step.dropped = qsizetype(qBound(first, now.first, qMax(first, end)) - first);
    const quint64 from = qMax(end, now.first);
    step.added = SerialSpan{from, qMax(from, now.end)};
    step.missed = now.first > end;
    return step;
}

Q_DECLARE_METATYPE(SerialSpan)
