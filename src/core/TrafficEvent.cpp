#include "TrafficEvent.h"

#include <QDateTime>

#include <chrono>

qsizetype TrafficEvent::memoryCost() const
{
    // The struct itself plus the heap blocks of payload and message
    // (each QArrayData block carries a header of about 24 bytes).
    qsizetype cost = qsizetype(sizeof(TrafficEvent));
    if (!payload.isEmpty())
        cost += payload.capacity() + 24;
    if (!message.isEmpty())
        cost += message.capacity() * 2 + 24;
    return cost;
}

qint64 TrafficEvent::nowUs()
{
    using namespace std::chrono;
    return duration_cast<microseconds>(system_clock::now().time_since_epoch()).count();
}

QString TrafficEvent::timeString(qint64 timeUs)
{
    qint64 secs = timeUs / 1000000;
    qint64 micros = timeUs % 1000000;
    if (micros < 0) {
        micros += 1000000;
        --secs;
    }
    const QDateTime dt = QDateTime::fromSecsSinceEpoch(secs, Qt::UTC);
    return dt.toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss")) + u'.'
        + QStringLiteral("%1").arg(micros, 6, 10, QLatin1Char('0')) + u'Z';
}

QString TrafficEvent::sessionName(SessionKind kind)
{
    switch (kind) {
    case SessionKind::TcpServer: return QStringLiteral("tcp-server");
    case SessionKind::TcpClient: return QStringLiteral("tcp-client");
    case SessionKind::Udp: return QStringLiteral("udp");
    }
    return QString();
}

QString TrafficEvent::kindName(Kind kind)
{
    switch (kind) {
    case Kind::Listening: return QStringLiteral("listening");
    case Kind::Connected: return QStringLiteral("connected");
    case Kind::Data: return QStringLiteral("data");
    case Kind::Closed: return QStringLiteral("closed");
    case Kind::Error: return QStringLiteral("error");
    case Kind::Stopped: return QStringLiteral("stopped");
    case Kind::Frame: return QStringLiteral("frame");
    }
    return QString();
}

QString TrafficEvent::directionName(Direction d)
{
    switch (d) {
    case Direction::In: return QStringLiteral("in");
    case Direction::Out: return QStringLiteral("out");
    case Direction::None: break;
    }
    return QString();
}
