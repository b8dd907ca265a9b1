#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QPair>
#include <QString>

// Incremental HTTP/1.x request reader for the "http" auto-reply: bytes go in
// as they arrive (any split), complete requests come out. Bounded: a request
// head over maxHeadBytes or a malformed head is an error, never an allocation.
//
// Accepted: "METHOD SP target SP HTTP/1.x", header lines, CRLF or bare LF line
// ends, empty lines before a request line (RFC 9112 2.2), pipelining, and a
// Content-Length body, which is skipped without being stored (so no body size
// limit is needed). Rejected: other HTTP versions, obsolete line folding,
// Transfer-Encoding (this reader cannot find the end of a chunked body),
// invalid or conflicting Content-Length. After an error the parser stays in
// error and ignores further bytes: the connection should get a 400 and close.
class HttpRequestParser
{
public:
    struct Request
    {
        QByteArray method;
        QByteArray target;
        QByteArray version;                           // "HTTP/1.1"
        QList<QPair<QByteArray, QByteArray>> headers; // names as sent, values without surrounding blanks
        qint64 contentLength = 0;
        bool keepAlive = true;                        // from version and Connection header
    };

    explicit HttpRequestParser(qsizetype maxHeadBytes = 64 * 1024);

    // Feeds bytes; returns the requests completed by them (body bytes of a
    // request with Content-Length are consumed and skipped). Requests that
    // completed before an error in the same bytes are still returned.
    QList<Request> feed(QByteArrayView bytes);
    bool hasError() const { return !m_error.isEmpty(); }
    QString error() const { return m_error; }
    // Bytes of an unfinished request head (or pipelined data) held.
    qsizetype bufferedBytes() const { return m_buffer.size(); }

private:
    bool parseHead(QByteArrayView head, Request *request);
    void fail(const QString &message);

    qsizetype m_maxHeadBytes;
    QByteArray m_buffer;
    qint64 m_bodyRemaining = 0;
    qsizetype m_scanFrom = 0;   // where the search for the next '\n' resumes
    qsizetype m_lineStart = 0;  // start of the line the search is in
    QString m_error;
};
