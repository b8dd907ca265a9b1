#include "JsonLinesWriter.h"

#include "Session.h"
#include "TextCodec.h"

#include <cstdio>

namespace {
constexpr qsizetype kFlushThreshold = 1 << 20;
}

JsonLinesWriter::JsonLinesWriter(QObject *parent)
    : QObject(parent)
{
    m_flushTimer.setInterval(100);
    connect(&m_flushTimer, &QTimer::timeout, this, &JsonLinesWriter::flush);
}

JsonLinesWriter::~JsonLinesWriter()
{
    close();
}

bool JsonLinesWriter::open(const QString &path, QString *error)
{
    close();
    m_file.setFileName(path);
    if (!m_file.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        if (error)
            *error = tr("Cannot write the log file “%1”: %2").arg(path, m_file.errorString());
        return false;
    }
    m_flushTimer.start();
    return true;
}

void JsonLinesWriter::close()
{
    if (!m_file.isOpen())
        return;
    flush();
    m_flushTimer.stop();
    m_file.close();
}

void JsonLinesWriter::attach(Session *session)
{
    connect(session, &Session::eventOccurred, this, [this, session](const TrafficEvent &e) {
        write(e, session->encoding());
    });
}

void JsonLinesWriter::write(const TrafficEvent &event, const QString &encoding)
{
    if (!m_file.isOpen())
        return;
    m_buffer += toJsonLine(event, encoding, m_decoders.decoderFor(event, encoding));
    m_buffer += '\n';
    ++m_lines;
    m_decoders.eventDone(event);
    if (m_buffer.size() >= kFlushThreshold)
        flush();
}

void JsonLinesWriter::flush()
{
    if (!m_file.isOpen() || m_buffer.isEmpty())
        return;
    m_file.write(m_buffer);
    m_file.flush();
    m_buffer.clear();
}

QByteArray JsonLinesWriter::jsonString(const QString &s)
{
    const QByteArray utf8 = s.toUtf8();
    QByteArray out;
    out.reserve(utf8.size() + 2);
    out += '"';
    for (const char ch : utf8) {
        const auto c = static_cast<unsigned char>(ch);
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        case '\b': out += "\\b"; break;
        case '\f': out += "\\f"; break;
        default:
            if (c < 0x20 || c == 0x7f) {
                char buf[8];
                std::snprintf(buf, sizeof(buf), "\\u%04x", c);
                out += buf;
            } else {
                out += ch;
            }
        }
    }
    out += '"';
    return out;
}

QByteArray JsonLinesWriter::toJsonLine(const TrafficEvent &e, const QString &encoding, StreamDecoder *decoder)
{
    QByteArray line;
    line.reserve(160 + e.payload.size() * 4);
    line += "{\"time\":";
    line += jsonString(TrafficEvent::timeString(e.timeUs));
    line += ",\"session\":";
    line += jsonString(TrafficEvent::sessionName(e.session));
    line += ",\"event\":";
    line += jsonString(TrafficEvent::kindName(e.kind));
    const bool hasPayload = e.kind == TrafficEvent::Kind::Data || e.kind == TrafficEvent::Kind::Frame;
    if (e.direction != TrafficEvent::Direction::None) {
        line += ",\"direction\":";
        line += jsonString(TrafficEvent::directionName(e.direction));
    }
    if (!e.local.isNull()) {
        line += ",\"local\":";
        line += jsonString(e.local.toString());
    }
    if (!e.peer.isNull()) {
        line += ",\"peer\":";
        line += jsonString(e.peer.toString());
    }
    if (hasPayload) {
        line += ",\"size\":";
        line += QByteArray::number(e.payload.size());
        line += ",\"hex\":\"";
        line += e.payload.toHex();
        line += "\",\"text\":";
        const QString text = decoder ? decoder->feed(e.payload) : TextCodec::decode(e.payload, encoding).text;
        line += jsonString(text);
    }
    if (!e.message.isEmpty()) {
        line += ",\"message\":";
        line += jsonString(e.message);
    }
    line += '}';
    return line;
}
