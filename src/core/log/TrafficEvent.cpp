#include "core/log/TrafficEvent.h"

#include <QDateTime>

#include <chrono>

qsizetype TrafficEvent::memoryCost() const
{
    // What the heap really gives: glibc rounds every block up to 16 bytes,
    // adds 8 of its own, and never hands out less than 32; each QArrayData
    // block carries a 24-byte header and a terminator.
    const auto block = [](qsizetype bytes) { return qMax<qsizetype>(32, (bytes + 8 + 15) & ~qsizetype(15)); };
    qsizetype cost = qsizetype(sizeof(TrafficEvent));
    if (!payload.isEmpty())
        cost += block(payload.capacity() + 24 + 1);
    if (!message.isEmpty())
        cost += block(message.capacity() * 2 + 24 + 2);
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
    case Kind::Note: return QStringLiteral("note");
    case Kind::State: return QStringLiteral("state");
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
