#include "core/net/ReadGates.h"

ReadGates::Gate &ReadGates::add(quint32 connectionId, QAbstractSocket *socket, ConnectionInfo *info,
                                std::function<void()> read)
{
    remove(connectionId);
    Gate &gate = m_gates[connectionId];
    gate.socket = socket;
    gate.info = info;
    info->readingPaused = false;
    gate.read = std::move(read);
    return gate;
}

bool ReadGates::remove(quint32 connectionId)
{
    const auto it = m_gates.find(connectionId);
    if (it == m_gates.end())
        return false;
    QObject::disconnect(it->second.onReadyRead);
    QObject::disconnect(it->second.onBytesWritten);
    const bool wasPaused = it->second.paused;
    if (wasPaused) {
        --m_paused;
        it->second.info->readingPaused = false;
    }
    m_gates.erase(it);
    return wasPaused;
}

ReadGates::Gate *ReadGates::find(quint32 connectionId)
{
    const auto it = m_gates.find(connectionId);
    return it == m_gates.end() || !it->second.socket ? nullptr : &it->second;
}

bool ReadGates::setPaused(quint32 connectionId, bool paused, qint64 readBufferBytes, QString *message)
{
    message->clear();
    Gate *gate = find(connectionId);
    if (!gate || gate->socket->state() != QAbstractSocket::ConnectedState)
        return false;
    if (gate->paused == paused)
        return true;
    gate->paused = paused;
    gate->info->readingPaused = paused;
    m_paused += paused ? 1 : -1;
    // Qt reads ahead into a buffer of its own (readBufferBytes) whether or
    // not the session reads. Paused, it takes one byte more at most, so the
    // kernel's receive queue fills at once and the window the peer sees
    // closes, as with a program that stops calling recv().
    gate->socket->setReadBufferSize(paused ? 1 : readBufferBytes);
    *message = paused ? tr("Reading paused on #%1: recv() is no longer called; what the peer sends waits in "
                           "our receive queue until the window closes and its send() blocks")
                            .arg(connectionId)
                      : tr("Reading resumed on #%1: recv() is called again and reads what waited")
                            .arg(connectionId);
    return true;
}
