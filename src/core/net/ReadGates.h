#pragma once

#include "core/net/ConnectionInfo.h"

#include <QAbstractSocket>
#include <QCoreApplication>
#include <QPointer>

#include <functional>
#include <map>

// The reads of a session's TCP connections: for each, its socket and the
// function that reads and logs it, and whether the user paused its reading
// (Session::setReadingPaused). Session::mayRead() is the one gate every read
// passes; this keeps what it needs to know per connection.
class ReadGates
{
    Q_DECLARE_TR_FUNCTIONS(ReadGates)

public:
    struct Gate
    {
        QPointer<QAbstractSocket> socket;
        ConnectionInfo *info = nullptr;   // the subclass's, until the close is recorded
        std::function<void()> read;
        QMetaObject::Connection onReadyRead;
        QMetaObject::Connection onBytesWritten;
        bool paused = false;
    };

    // The connection's gate, made anew (an old one of the same id is removed
    // first: a client tab's connections all have id 1).
    Gate &add(quint32 connectionId, QAbstractSocket *socket, ConnectionInfo *info, std::function<void()> read);
    // Forgets the connection (it closed); true when it was paused.
    bool remove(quint32 connectionId);
    // The gate of an open connection whose socket is still there, or null.
    Gate *find(quint32 connectionId);
    bool isPaused(quint32 connectionId) const
    {
        if (m_paused == 0)
            return false;
        const auto it = m_gates.find(connectionId);
        return it != m_gates.end() && it->second.paused;
    }
    // Pauses or resumes a connected socket's reading; false (nothing
    // changes) when it is not connected. *message: the log's words for the
    // change, empty when it was so already.
    bool setPaused(quint32 connectionId, bool paused, qint64 readBufferBytes, QString *message);

private:
    std::map<quint32, Gate> m_gates;
    int m_paused = 0;   // gates paused: none, and isPaused() looks nothing up
};
