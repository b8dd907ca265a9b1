#include "core/log/ConnectionDecoders.h"

StreamDecoder *ConnectionDecoders::decoderFor(const TrafficEvent &event, const QString &encoding)
{
    if (event.kind != TrafficEvent::Kind::Data || event.session == SessionKind::Udp)
        return nullptr;
    const auto key = std::make_tuple(event.sessionId, event.connectionId, int(event.direction));
    auto it = m_decoders.find(key);
    if (it == m_decoders.end() || it->second->encoding() != encoding)
        it = m_decoders.insert_or_assign(key, std::make_unique<StreamDecoder>(encoding)).first;
    return it->second.get();
}

void ConnectionDecoders::eventDone(const TrafficEvent &event)
{
    if (event.kind != TrafficEvent::Kind::Closed)
        return;
    for (int d = 0; d < 3; ++d)
        m_decoders.erase(std::make_tuple(event.sessionId, event.connectionId, d));
}
