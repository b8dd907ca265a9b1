// Fuzz target: HttpRequestParser and the HTTP auto-reply (AutoResponder).
//
// Input: one byte for the head limit ('*' = the default 64 KiB, otherwise
// 16 times its value plus 1, so small limits are hit), four bytes seeding where
// the bytes are cut into reads, then what the peer sends.
//
// Invariants:
//  - Fed in random reads the parser gives the same requests and the same
//    error as fed everything at once.
//  - It never holds more than the head limit; once in error it stays there
//    and returns nothing more.
//  - Every request has a token method, a target without blanks or controls,
//    version HTTP/1.x, token header names, a Content-Length >= 0; written
//    back as HTTP it parses to the same request.
//  - The auto-reply answers each request up to the first that closes with
//    "200 OK", then a bad request with "400 Bad Request", and nothing after
//    it closed; every answer's Content-Length is its body's size, and no byte
//    of the request reaches the page unescaped.

#include "FuzzSupport.h"

#include "core/reply/AutoReply.h"
#include "core/reply/AutoResponder.h"
#include "core/reply/HttpRequestParser.h"

using fuzz::shown;

namespace {

using Request = HttpRequestParser::Request;

bool sameRequest(const Request &a, const Request &b)
{
    return a.method == b.method && a.target == b.target && a.version == b.version && a.headers == b.headers
            && a.contentLength == b.contentLength && a.keepAlive == b.keepAlive;
}

bool sameRequests(const QList<Request> &a, const QList<Request> &b)
{
    if (a.size() != b.size())
        return false;
    for (qsizetype i = 0; i < a.size(); ++i) {
        if (!sameRequest(a.at(i), b.at(i)))
            return false;
    }
    return true;
}

bool isTokenChar(uchar c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
            || QByteArrayView("!#$%&'*+-.^_`|~").contains(char(c));
}

bool isToken(const QByteArray &text)
{
    if (text.isEmpty())
        return false;
    for (char c : text) {
        if (!isTokenChar(uchar(c)))
            return false;
    }
    return true;
}

struct Parsed
{
    QList<Request> requests;
    QString error;
};

Parsed parse(const QList<QByteArrayView> &pieces, qsizetype maxHead)
{
    HttpRequestParser parser(maxHead);
    Parsed out;
    for (QByteArrayView piece : pieces) {
        const bool wasBroken = parser.hasError();
        const QList<Request> got = parser.feed(piece);
        if (wasBroken)
            FUZZ_CHECK(got.isEmpty() && parser.bufferedBytes() == 0, QStringLiteral("requests after the error"));
        out.requests += got;
        FUZZ_CHECK(parser.bufferedBytes() <= maxHead,
                   QStringLiteral("%1 bytes held, limit %2").arg(parser.bufferedBytes()).arg(maxHead));
    }
    out.error = parser.error();
    FUZZ_CHECK(parser.hasError() == !out.error.isEmpty(), QStringLiteral("hasError() disagrees with error()"));
    return out;
}

QByteArray writeBack(const Request &r)
{
    QByteArray out = r.method + ' ' + r.target + ' ' + r.version + "\r\n";
    for (const auto &[name, value] : r.headers)
        out += name + ": " + value + "\r\n";
    out += "\r\n";
    out += QByteArray(r.contentLength, 'b');
    return out;
}

void checkResponse(const QByteArray &response, bool badRequest)
{
    const QByteArray status = badRequest ? QByteArrayLiteral("HTTP/1.1 400 Bad Request\r\n")
                                         : QByteArrayLiteral("HTTP/1.1 200 OK\r\n");
    FUZZ_CHECK(response.startsWith(status), QStringLiteral("response starts %1").arg(shown(response.first(qMin<qsizetype>(40, response.size())))));
    const qsizetype headEnd = response.indexOf("\r\n\r\n");
    FUZZ_CHECK(headEnd > 0, QStringLiteral("response has no end of head"));
    const QByteArrayView head = QByteArrayView(response).first(headEnd + 2);
    const QByteArrayView body = QByteArrayView(response).sliced(headEnd + 4);
    const qsizetype at = head.indexOf("\r\nContent-Length: ");
    FUZZ_CHECK(at > 0, QStringLiteral("response without Content-Length"));
    const QByteArrayView number = head.sliced(at + 18);
    const qlonglong length = number.first(number.indexOf('\r')).toLongLong();
    // HEAD gets the headers of a GET and no body.
    FUZZ_CHECK(body.size() == length || body.isEmpty(),
               QStringLiteral("Content-Length %1, body %2 bytes").arg(length).arg(body.size()));
    if (badRequest || body.isEmpty())
        return;
    // What the peer sent is shown between <code> and </code>: printable
    // ASCII with HTML's specials as entities, everything else %XX.
    const qsizetype from = body.indexOf("<code>");
    const qsizetype to = body.lastIndexOf("</code>");
    FUZZ_CHECK(from > 0 && to > from, QStringLiteral("page without <code>"));
    const QByteArrayView shownRequest = body.sliced(from + 6, to - from - 6);
    for (char ch : shownRequest) {
        const uchar c = uchar(ch);
        FUZZ_CHECK(c >= 0x20 && c < 0x7f && c != '<' && c != '>' && c != '"' && c != '\'',
                   QStringLiteral("raw byte %1 of the request in the page: %2").arg(c, 2, 16, QChar(u'0')).arg(shown(shownRequest)));
    }
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz::FuzzInput input(data, size);
    const uint8_t limitByte = input.byte();
    // At least 1: with a limit of 0 the '\r' of a blank line waiting for its
    // '\n' is already too much, while the same line in one read is skipped.
    const qsizetype maxHead = limitByte == '*' ? 64 * 1024 : qsizetype(limitByte) * 16 + 1;
    fuzz::Cutter cutter(input.u32());
    const QByteArrayView bytes = input.rest();
    const QList<QByteArrayView> pieces = cutter.cut(bytes);

    const Parsed whole = parse({bytes}, maxHead);
    const Parsed cut = parse(pieces, maxHead);
    FUZZ_CHECK(whole.error == cut.error, QStringLiteral("error whole: %1; cut: %2").arg(whole.error, cut.error));
    FUZZ_CHECK(sameRequests(whole.requests, cut.requests),
               QStringLiteral("%1 requests whole, %2 cut").arg(whole.requests.size()).arg(cut.requests.size()));

    for (const Request &r : cut.requests) {
        FUZZ_CHECK(isToken(r.method), QStringLiteral("method %1").arg(shown(r.method)));
        FUZZ_CHECK(!r.target.isEmpty(), QStringLiteral("empty target"));
        for (char c : r.target)
            FUZZ_CHECK(uchar(c) > 0x20 && uchar(c) != 0x7f, QStringLiteral("target %1").arg(shown(r.target)));
        FUZZ_CHECK(r.version == "HTTP/1.0" || r.version == "HTTP/1.1" || (r.version.startsWith("HTTP/1.") && r.version.size() == 8),
                   QStringLiteral("version %1").arg(shown(r.version)));
        for (const auto &[name, value] : r.headers) {
            FUZZ_CHECK(isToken(name), QStringLiteral("header name %1").arg(shown(name)));
            FUZZ_CHECK(!value.startsWith(' ') && !value.endsWith(' ') && !value.startsWith('\t') && !value.endsWith('\t'),
                       QStringLiteral("header value %1 keeps blanks").arg(shown(value)));
        }
        FUZZ_CHECK(r.contentLength >= 0, QStringLiteral("Content-Length %1").arg(r.contentLength));
        if (r.contentLength <= 4096) {
            const Parsed again = parse({writeBack(r)}, 64 * 1024);
            FUZZ_CHECK(again.error.isEmpty() && again.requests.size() == 1 && sameRequest(again.requests.first(), r),
                       QStringLiteral("request written back as %1 parses differently (%2)").arg(shown(writeBack(r)), again.error));
        }
    }

    // The auto-reply uses its own parser with the default head limit.
    const Parsed expected = maxHead == 64 * 1024 ? cut : parse(pieces, 64 * 1024);
    AutoResponder responder(AutoReply::fromSpec(QStringLiteral("http"), QStringLiteral("UTF-8")));
    QList<QByteArray> replies;
    bool closed = false;
    for (QByteArrayView piece : pieces) {
        const AutoResponder::Output out = responder.onData(piece.toByteArray());
        if (closed)
            FUZZ_CHECK(out.replies.isEmpty() && out.closeAfter, QStringLiteral("answered after closing"));
        replies += out.replies;
        closed = closed || out.closeAfter;
    }
    qsizetype answered = 0;
    bool closing = false;
    for (const Request &r : expected.requests) {
        ++answered;
        if (!r.keepAlive) {
            closing = true;
            break;
        }
    }
    const bool badRequest = !closing && !expected.error.isEmpty();
    FUZZ_CHECK(replies.size() == answered + (badRequest ? 1 : 0),
               QStringLiteral("%1 replies for %2 requests (error: %3)").arg(replies.size()).arg(answered).arg(expected.error));
    FUZZ_CHECK(closed == (closing || badRequest), QStringLiteral("closeAfter %1").arg(closed));
    for (qsizetype i = 0; i < replies.size(); ++i)
        checkResponse(replies.at(i), badRequest && i == replies.size() - 1);
    return 0;
}
