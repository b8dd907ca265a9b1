#include "core/reply/HttpRequestParser.h"

#include <QCoreApplication>

namespace {

// RFC 9110 5.6.2 token characters: what methods and header names are made of.
bool isTokenChar(uchar c)
{
    if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
        return true;
    switch (c) {
    case '!': case '#': case '$': case '%': case '&': case '\'': case '*': case '+':
    case '-': case '.': case '^': case '_': case '`': case '|': case '~':
        return true;
    default:
        return false;
    }
}

bool isToken(QByteArrayView text)
{
    if (text.isEmpty())
        return false;
    for (char c : text) {
        if (!isTokenChar(static_cast<uchar>(c)))
            return false;
    }
    return true;
}

// Request targets are visible ASCII; bytes >= 0x80 are let through because
// people type them into nc, and the page escapes whatever it shows.
bool isTarget(QByteArrayView text)
{
    if (text.isEmpty())
        return false;
    for (char ch : text) {
        const uchar c = static_cast<uchar>(ch);
        if (c <= 0x20 || c == 0x7f)
            return false;
    }
    return true;
}

bool isFieldValue(QByteArrayView text)
{
    for (char ch : text) {
        const uchar c = static_cast<uchar>(ch);
        if ((c < 0x20 && c != '\t') || c == 0x7f)
            return false;
    }
    return true;
}

QByteArrayView trimmedBlanks(QByteArrayView text)
{
    while (!text.isEmpty() && (text.front() == ' ' || text.front() == '\t'))
        text = text.sliced(1);
    while (!text.isEmpty() && (text.back() == ' ' || text.back() == '\t'))
        text.chop(1);
    return text;
}

bool equalsIgnoringCase(QByteArrayView a, QByteArrayView b)
{
    return a.compare(b, Qt::CaseInsensitive) == 0;
}

QByteArrayView withoutCarriageReturn(QByteArrayView line)
{
    return line.endsWith('\r') ? line.chopped(1) : line;
}

// Enough digits for any body anyone sends, few enough to fit in a qint64.
constexpr qsizetype kMaxContentLengthDigits = 18;

} // namespace

HttpRequestParser::HttpRequestParser(qsizetype maxHeadBytes)
    : m_maxHeadBytes(maxHeadBytes)
{
}

void HttpRequestParser::fail(const QString &message)
{
    m_error = message;
    m_buffer.clear();
    m_buffer.squeeze();
    m_bodyRemaining = 0;
    m_scanFrom = 0;
    m_lineStart = 0;
}

QList<HttpRequestParser::Request> HttpRequestParser::feed(QByteArrayView bytes)
{
    QList<Request> requests;
    if (hasError())
        return requests;

    // Body bytes that arrive on their own are skipped without being copied.
    if (m_buffer.isEmpty() && m_bodyRemaining > 0) {
        const qsizetype skip = qsizetype(qMin<qint64>(m_bodyRemaining, bytes.size()));
        m_bodyRemaining -= skip;
        bytes = bytes.sliced(skip);
    }
    m_buffer.append(bytes);

    // start: first byte not yet consumed. The buffer is compacted once at the
    // end, so many pipelined requests in one read cost linear time.
    qsizetype start = 0;
    while (true) {
        if (m_bodyRemaining > 0) {
            const qsizetype skip = qsizetype(qMin<qint64>(m_bodyRemaining, m_buffer.size() - start));
            start += skip;
            m_bodyRemaining -= skip;
            m_scanFrom = m_lineStart = start;
            if (m_bodyRemaining > 0)
                break;
        }

        qsizetype headEnd = -1;
        while (m_scanFrom < m_buffer.size()) {
            const qsizetype newline = m_buffer.indexOf('\n', m_scanFrom);
            if (newline < 0) {
                m_scanFrom = m_buffer.size();
                break;
            }
            const QByteArrayView line = withoutCarriageReturn(
                    QByteArrayView(m_buffer).sliced(m_lineStart, newline - m_lineStart));
            m_scanFrom = newline + 1;
            if (line.isEmpty()) {
                if (m_lineStart == start) {
                    // An empty line before the request line: tolerated, as
                    // clients send a stray CRLF after a body.
                    start = m_lineStart = m_scanFrom;
                    continue;
                }
                headEnd = m_scanFrom;
                break;
            }
            m_lineStart = m_scanFrom;
        }

        if (headEnd < 0) {
            if (m_buffer.size() - start > m_maxHeadBytes) {
                fail(QCoreApplication::translate("HttpRequestParser",
                                                 "The request head is larger than %1 bytes")
                             .arg(m_maxHeadBytes));
                return requests;
            }
            break;
        }
        if (headEnd - start > m_maxHeadBytes) {
            fail(QCoreApplication::translate("HttpRequestParser",
                                             "The request head is larger than %1 bytes")
                         .arg(m_maxHeadBytes));
            return requests;
        }

        Request request;
        if (!parseHead(QByteArrayView(m_buffer).sliced(start, headEnd - start), &request))
            return requests;
        m_bodyRemaining = request.contentLength;
        requests.append(std::move(request));
        start = m_scanFrom = m_lineStart = headEnd;
    }

    m_buffer.remove(0, start);
    m_scanFrom -= start;
    m_lineStart -= start;
    return requests;
}

bool HttpRequestParser::parseHead(QByteArrayView head, Request *request)
{
    const auto malformed = [this](const char *what) {
        fail(QCoreApplication::translate("HttpRequestParser", what));
        return false;
    };

    QList<QByteArrayView> lines;
    for (qsizetype from = 0; from < head.size();) {
        qsizetype newline = head.indexOf('\n', from);
        if (newline < 0)
            newline = head.size();
        lines.append(withoutCarriageReturn(head.sliced(from, newline - from)));
        from = newline + 1;
    }
    // The last line is the empty one that ended the head.
    if (lines.size() < 2 || !lines.constLast().isEmpty())
        return malformed(QT_TRANSLATE_NOOP("HttpRequestParser", "Malformed request head"));
    lines.removeLast();

    const QByteArrayView requestLine = lines.constFirst();
    const qsizetype firstSpace = requestLine.indexOf(' ');
    const qsizetype secondSpace = firstSpace < 0 ? -1 : requestLine.indexOf(' ', firstSpace + 1);
    if (firstSpace < 0 || secondSpace < 0 || requestLine.indexOf(' ', secondSpace + 1) >= 0)
        return malformed(QT_TRANSLATE_NOOP("HttpRequestParser",
                                           "Malformed request line (expected METHOD TARGET HTTP/1.x)"));
    const QByteArrayView method = requestLine.first(firstSpace);
    const QByteArrayView target = requestLine.sliced(firstSpace + 1, secondSpace - firstSpace - 1);
    const QByteArrayView version = requestLine.sliced(secondSpace + 1);
    if (!isToken(method))
        return malformed(QT_TRANSLATE_NOOP("HttpRequestParser", "Malformed request method"));
    if (!isTarget(target))
        return malformed(QT_TRANSLATE_NOOP("HttpRequestParser", "Malformed request target"));
    if (version.size() != 8 || !version.startsWith("HTTP/") || version[6] != '.'
        || version[5] < '0' || version[5] > '9' || version[7] < '0' || version[7] > '9')
        return malformed(QT_TRANSLATE_NOOP("HttpRequestParser", "Malformed HTTP version"));
    if (version[5] != '1')
        return malformed(QT_TRANSLATE_NOOP("HttpRequestParser",
                                           "Unsupported HTTP version (only HTTP/1.x is understood)"));

    request->method = method.toByteArray();
    request->target = target.toByteArray();
    request->version = version.toByteArray();

    bool sawContentLength = false;
    bool sawClose = false;
    bool sawKeepAlive = false;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArrayView line = lines.at(i);
        if (line.front() == ' ' || line.front() == '\t')
            return malformed(QT_TRANSLATE_NOOP("HttpRequestParser",
                                               "Folded header lines are not supported"));
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0 || !isToken(line.first(colon)))
            return malformed(QT_TRANSLATE_NOOP("HttpRequestParser", "Malformed header line"));
        const QByteArrayView name = line.first(colon);
        const QByteArrayView value = trimmedBlanks(line.sliced(colon + 1));
        if (!isFieldValue(value))
            return malformed(QT_TRANSLATE_NOOP("HttpRequestParser", "Invalid character in a header value"));

        if (equalsIgnoringCase(name, "Content-Length")) {
            bool digitsOnly = !value.isEmpty() && value.size() <= kMaxContentLengthDigits;
            for (char c : value)
                digitsOnly = digitsOnly && c >= '0' && c <= '9';
            if (!digitsOnly)
                return malformed(QT_TRANSLATE_NOOP("HttpRequestParser", "Invalid Content-Length"));
            const qint64 length = value.toLongLong();
            if (sawContentLength && length != request->contentLength)
                return malformed(QT_TRANSLATE_NOOP("HttpRequestParser", "Conflicting Content-Length headers"));
            request->contentLength = length;
            sawContentLength = true;
        } else if (equalsIgnoringCase(name, "Transfer-Encoding")) {
            return malformed(QT_TRANSLATE_NOOP("HttpRequestParser",
                                               "Transfer-Encoding is not supported (send a Content-Length)"));
        } else if (equalsIgnoringCase(name, "Connection")) {
            for (qsizetype from = 0; from <= value.size();) {
                qsizetype comma = value.indexOf(',', from);
                if (comma < 0)
                    comma = value.size();
                const QByteArrayView option = trimmedBlanks(value.sliced(from, comma - from));
                sawClose = sawClose || equalsIgnoringCase(option, "close");
                sawKeepAlive = sawKeepAlive || equalsIgnoringCase(option, "keep-alive");
                from = comma + 1;
            }
        }
        request->headers.append({name.toByteArray(), value.toByteArray()});
    }

    // HTTP/1.1 keeps the connection unless told to close; HTTP/1.0 closes
    // unless asked to keep it (RFC 9112 9.3).
    const bool persistentByDefault = version[7] != '0';
    request->keepAlive = !sawClose && (persistentByDefault || sawKeepAlive);
    return true;
}
