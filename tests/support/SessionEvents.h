#pragma once

#include "core/log/TrafficLog.h"
#include "core/net/Session.h"

#include <QList>

// The events of one kind a session has logged so far, oldest first.
inline QList<TrafficEvent> eventsOf(const Session &s, TrafficEvent::Kind kind)
{
    QList<TrafficEvent> out;
    for (qsizetype i = 0; i < s.log()->size(); ++i) {
        if (s.log()->at(i).kind == kind)
            out.append(s.log()->at(i));
    }
    return out;
}

// Changes a session's settings as the form and the command line do: one new
// value through setSettings().
template <class Edit>
void editSettings(Session &session, Edit &&change)
{
    SessionSettings s = session.settings();
    change(s);
    session.setSettings(s);
}
