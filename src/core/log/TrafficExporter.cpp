#include "core/log/TrafficExporter.h"

#include "core/log/ConnectionDecoders.h"
#include "core/log/JsonLinesWriter.h"
#include "core/log/TrafficLog.h"
#include "core/text/Escape.h"
#include "core/text/StreamDecoder.h"
#include "core/text/TextCodec.h"

#include <QSaveFile>


using namespace Qt::StringLiterals;

namespace {

constexpr qsizetype kWriteChunk = 1 << 20;

bool hasPayload(const TrafficEvent &e)
{
    return e.kind == TrafficEvent::Kind::Data || e.kind == TrafficEvent::Kind::Frame;
}

// Buffers writes to a QSaveFile and reports the first failure in words.
class Output
{
public:
    explicit Output(const QString &path) : m_file(path) {}

    bool open(QString *error)
    {
        if (m_file.open(QIODevice::WriteOnly))
            return true;
        if (error)
            *error = TrafficExporter::tr("Cannot write “%1”: %2").arg(m_file.fileName(), m_file.errorString());
        return false;
    }

    bool write(const QByteArray &bytes, QString *error)
    {
        m_buffer += bytes;
        return m_buffer.size() < kWriteChunk || flush(error);
    }

    bool commit(QString *error)
    {
        if (!flush(error))
            return false;
        if (m_file.commit())
            return true;
        if (error)
            *error = TrafficExporter::tr("Cannot write “%1”: %2").arg(m_file.fileName(), m_file.errorString());
        return false;
    }

private:
    bool flush(QString *error)
    {
        if (!m_buffer.isEmpty() && m_file.write(m_buffer) != m_buffer.size()) {
            if (error)
                *error = TrafficExporter::tr("Cannot write “%1”: %2").arg(m_file.fileName(), m_file.errorString());
            m_file.cancelWriting();
            return false;
        }
        m_buffer.clear();
        return true;
    }

    QSaveFile m_file;
    QByteArray m_buffer;
};

bool checkEncoding(const QString &encoding, QString *error)
{
    if (TextCodec::isSupported(encoding))
        return true;
    if (error)
        *error = TrafficExporter::tr("Unknown encoding “%1”").arg(encoding);
    return false;
}

// Writes one line an event, in log order, with the decoders that carry a
// connection's text across its events; `lineOf` makes a line (no newline).
template <class LineOf>
bool writeEachEvent(const TrafficLog &log, const QString &encoding, const QString &path, QString *error,
                    LineOf lineOf)
{
    if (!checkEncoding(encoding, error))
        return false;
    const QString canonical = TextCodec::canonicalName(encoding);
    Output out(path);
    if (!out.open(error))
        return false;
    ConnectionDecoders decoders;
    for (qsizetype i = 0; i < log.size(); ++i) {
        const TrafficEvent &e = log.at(i);
        QByteArray line = lineOf(e, canonical, decoders);
        line += '\n';
        decoders.eventDone(e);
        if (!out.write(line, error))
            return false;
    }
    return out.commit(error);
}

} // namespace

bool TrafficExporter::writeJsonLines(const TrafficLog &log, const QString &encoding, const QString &path,
                                     QString *error)
{
    return writeEachEvent(log, encoding, path, error,
                          [](const TrafficEvent &e, const QString &canonical, ConnectionDecoders &decoders) {
                              return JsonLinesWriter::toJsonLine(e, canonical, decoders.decoderFor(e, canonical));
                          });
}

QString TrafficExporter::escapeControls(const QString &text)
{
    return Escape::text(text, Escape::TextStyle::EscapedControls);
}

// The file is a record meant to be shared and compared, so its words are
// fixed English like the JSON keys, not translated.
QString TrafficExporter::plainTextLine(const TrafficEvent &e, const QString &text)
{
    QStringList fields;
    fields << TrafficEvent::timeString(e.timeUs) << TrafficEvent::sessionName(e.session);
    QString kind = TrafficEvent::kindName(e.kind);
    if (e.direction == TrafficEvent::Direction::In)
        kind += u" ←"_s;
    else if (e.direction == TrafficEvent::Direction::Out)
        kind += u" →"_s;
    fields << kind;
    if (!e.local.isNull())
        fields << u"local "_s + e.local.toString();
    if (!e.peer.isNull())
        fields << u"peer "_s + e.peer.toString();
    if (hasPayload(e)) {
        fields << QString::number(e.payload.size()) + (e.payload.size() == 1 ? u" byte"_s : u" bytes"_s);
        fields << escapeControls(text);
    }
    if (!e.message.isEmpty())
        fields << escapeControls(e.message);
    // Issue 20: what the reply rules made of a received message.
    if (e.rule == -1)
        fields << u"no rule matched"_s;
    else if (e.rule >= 0)
        fields << u"rule %1 fired"_s.arg(e.rule + 1);
    return fields.join(u"  "_s);
}

bool TrafficExporter::writePlainText(const TrafficLog &log, const QString &encoding, const QString &path,
                                     QString *error)
{
    return writeEachEvent(log, encoding, path, error,
                          [](const TrafficEvent &e, const QString &canonical, ConnectionDecoders &decoders) {
                              QString text;
                              if (hasPayload(e)) {
                                  StreamDecoder *decoder = decoders.decoderFor(e, canonical);
                                  text = decoder ? decoder->feed(e.payload)
                                                 : TextCodec::decode(e.payload, canonical).text;
                              }
                              return plainTextLine(e, text).toUtf8();
                          });
}

bool TrafficExporter::writeRawReceived(const TrafficLog &log, quint32 sessionId, quint32 connectionId,
                                       const QString &path, QString *error, quint64 *bytesWritten,
                                       bool *incomplete)
{
    if (bytesWritten)
        *bytesWritten = 0;
    Output out(path);
    if (!out.open(error))
        return false;
    quint64 written = 0;
    bool seenAny = false;
    bool opened = false;
    for (qsizetype i = 0; i < log.size(); ++i) {
        const TrafficEvent &e = log.at(i);
        if (e.sessionId != sessionId || e.connectionId != connectionId)
            continue;
        if (!seenAny) {
            seenAny = true;
            opened = e.kind == TrafficEvent::Kind::Connected;
        }
        if (e.kind != TrafficEvent::Kind::Data || e.direction != TrafficEvent::Direction::In)
            continue;
        if (!out.write(e.payload, error))
            return false;
        written += quint64(e.payload.size());
    }
    if (!out.commit(error))
        return false;
    if (bytesWritten)
        *bytesWritten = written;
    // Serial 0 still held means nothing ever left the front of the log.
    if (incomplete)
        *incomplete = log.firstSerial() > 0 && !opened;
    return true;
}
