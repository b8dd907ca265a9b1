#pragma once

#include "core/log/TrafficEvent.h"
#include "core/text/StreamDecoder.h"

#include <map>
#include <memory>
#include <tuple>

// The stream decoders of a log being rendered as text: one per session,
// connection and direction for TCP data, so a character split between two
// reads decodes whole; forgotten when the connection closes. Frames and
// datagrams stand alone and get none.
class ConnectionDecoders
{
public:
    // The decoder for this event, or nullptr when it is decoded on its own.
    // A decoder in another encoding is replaced (the session's encoding changed).
    StreamDecoder *decoderFor(const TrafficEvent &event, const QString &encoding);
    // Call after rendering each event: a closed connection's decoders go.
    void eventDone(const TrafficEvent &event);

private:
    std::map<std::tuple<quint32, quint32, int>, std::unique_ptr<StreamDecoder>> m_decoders;
};
