#pragma once

#include "core/log/TrafficEvent.h"

#include <QCoreApplication>
#include <QString>

class TrafficLog;

// Writes what a traffic log holds now to a file: JSON Lines (the format of
// JsonLinesWriter, line for line), readable plain text, or the raw bytes one
// connection received. Files are written through QSaveFile, so a failed
// export leaves no half-written file behind.
class TrafficExporter
{
    Q_DECLARE_TR_FUNCTIONS(TrafficExporter)
public:
    // TCP payloads are decoded as streams, one decoder per connection and
    // direction, exactly as JsonLinesWriter::write does; datagrams alone.
    static bool writeJsonLines(const TrafficLog &log, const QString &encoding, const QString &path,
                               QString *error = nullptr);
    // One line per event: time, session, event, direction arrow, local and
    // peer endpoints, size, then the text (control characters escaped as
    // \r \n \t \xHH) or the message.
    static bool writePlainText(const TrafficLog &log, const QString &encoding, const QString &path,
                               QString *error = nullptr);
    // The payloads that connection received, concatenated. *incomplete is
    // set when the log's byte budget may have dropped earlier bytes of it
    // (events were dropped and the connection's first retained event is not
    // the one that opened it).
    static bool writeRawReceived(const TrafficLog &log, quint32 sessionId, quint32 connectionId,
                                 const QString &path, QString *error = nullptr,
                                 quint64 *bytesWritten = nullptr, bool *incomplete = nullptr);

    // The plain-text line of one event (no newline); `text` is its decoded
    // payload.
    static QString plainTextLine(const TrafficEvent &event, const QString &text);
    // Text with control characters written as escapes, so one event stays on
    // one line.
    static QString escapeControls(const QString &text);
};
