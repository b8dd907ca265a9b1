#include "core/teach/CScriptHelpers.h"

#include "core/teach/ScriptPlan.h"

#include <iterator>

using namespace Qt::StringLiterals;
using Helper = CScriptHelpers::Helper;

namespace {

struct Snippet
{
    Helper helper;
    const char *name;        // the C function
    const char *why;         // its comment, translated in ScriptPlan's context
    bool needsSayWhy;        // it reports errors through say_why()
    const char *source;      // the function; @…@ marks what the plan fills in
};

// One row per helper, in the order of Helper. Raw strings, so the C reads as
// the student will see it.
constexpr Snippet kSnippets[] = {
    {Helper::MakeAddr, "make_addr", QT_TRANSLATE_NOOP("ScriptPlan", "Fills addr for an IPv4 or IPv6 address and returns its length."), false,
     R"c(static socklen_t make_addr(struct sockaddr_storage *ss, const char *ip, unsigned short port)
{
    struct sockaddr_in *a4 = (struct sockaddr_in *)ss;
    struct sockaddr_in6 *a6 = (struct sockaddr_in6 *)ss;
    memset(ss, 0, sizeof *ss);
    if (inet_pton(AF_INET, ip, &a4->sin_addr) == 1) {
        a4->sin_family = AF_INET;
        a4->sin_port = htons(port);
        return sizeof *a4;
    }
    inet_pton(AF_INET6, ip, &a6->sin6_addr);
    a6->sin6_family = AF_INET6;
    a6->sin6_port = htons(port);
    return sizeof *a6;
})c"},
    {Helper::Lookup, "lookup", QT_TRANSLATE_NOOP("ScriptPlan", "Looks a host name up (getaddrinfo) and fills addr; 0 when it fails."), false,
     R"c(static socklen_t lookup(struct sockaddr_storage *ss, const char *host, const char *port, int type)
{
    struct addrinfo hints, *found = NULL;
    socklen_t length;
    int err;
    memset(&hints, 0, sizeof hints);
    hints.ai_socktype = type;
    err = getaddrinfo(host, port, &hints, &found);
    if (err != 0) {
        printf("getaddrinfo() failed: %s\n", gai_strerror(err));
        return 0;
    }
    length = found->ai_addrlen;
    memcpy(ss, found->ai_addr, length);
    freeaddrinfo(found);
    return length;
})c"},
    {Helper::SayWhy, "say_why", QT_TRANSLATE_NOOP("ScriptPlan", "Says why a call failed; a timeout (SO_RCVTIMEO) is EAGAIN."), false,
     R"c(static void say_why(const char *call)
{
    if (errno == EAGAIN || errno == EWOULDBLOCK)
        printf("%s: nothing came for %d s\n", call, TIMEOUT);
    else
        printf("%s failed: %s\n", call, strerror(errno));
})c"},
    {Helper::PrintBytes, "print_bytes", QT_TRANSLATE_NOOP("ScriptPlan", "Prints bytes as Python shows them: text as it is, other bytes escaped."), false,
     R"c(static void print_bytes(const char *what, const void *data, size_t size)
{
    const unsigned char *b = data;
    printf("%s b'", what);
    for (size_t i = 0; i < size; ++i) {
        if (b[i] == '\r')
            printf("\\r");
        else if (b[i] == '\n')
            printf("\\n");
        else if (b[i] == '\t')
            printf("\\t");
        else if (b[i] == '\\' || b[i] == '\'')
            printf("\\%c", b[i]);
        else if (b[i] >= 0x20 && b[i] < 0x7f)
            putchar(b[i]);
        else
            printf("\\x%02x", b[i]);
    }
    printf("'\n");
})c"},
    {Helper::PrintAddress, "print_address", QT_TRANSLATE_NOOP("ScriptPlan", "Prints an address as 127.0.0.1:8000 or [::1]:8000."), false,
     R"c(static void print_address(const char *what, const struct sockaddr_storage *ss)
{
    char ip[INET6_ADDRSTRLEN] = "?";
    if (ss->ss_family == AF_INET6) {
        const struct sockaddr_in6 *a6 = (const struct sockaddr_in6 *)ss;
        inet_ntop(AF_INET6, &a6->sin6_addr, ip, sizeof ip);
        printf("%s [%s]:%u\n", what, ip, (unsigned)ntohs(a6->sin6_port));
    } else {
        const struct sockaddr_in *a4 = (const struct sockaddr_in *)ss;
        inet_ntop(AF_INET, &a4->sin_addr, ip, sizeof ip);
        printf("%s %s:%u\n", what, ip, (unsigned)ntohs(a4->sin_port));
    }
})c"},
    {Helper::SendAll, "send_all", QT_TRANSLATE_NOOP("ScriptPlan", "send() may take only part of the bytes: loop until all are out (Python's sendall)."), true,
     R"c(static int send_all(int sock, const void *data, size_t size)
{
    const char *b = data;
    while (size > 0) {
        ssize_t n = send(sock, b, size, MSG_NOSIGNAL);
        if (n < 0) {
            say_why("send()");
            return -1;
        }
        b += n;
        size -= (size_t)n;
    }
    return 0;
})c"},
    {Helper::RecvExactly, "recv_exactly", QT_TRANSLATE_NOOP("ScriptPlan", "recv() returns what has arrived, maybe less than size bytes (TCP is a byte stream): "
                                         "loop until all are in. 1: done, 0: the peer closed first, -1: an error."), true,
     R"c(static int recv_exactly(int sock, unsigned char *buf, size_t size)
{
    size_t got = 0;
    while (got < size) {
        ssize_t n = recv(sock, buf + got, size - got, 0);
        if (n < 0) {
            say_why("recv()");
            return -1;
        }
        if (n == 0)
            return 0;
        got += (size_t)n;
    }
    return 1;
})c"},
    {Helper::GetLength, "get_length", QT_TRANSLATE_NOOP("ScriptPlan", "Reads %1."), false,
     R"c(static unsigned long long get_length(const unsigned char *header)
{
    unsigned long long length = 0;
    @FROM_MOST@
        length = (length << 8) | header[i];
    return length;
})c"},
    {Helper::PutLength, "put_length", QT_TRANSLATE_NOOP("ScriptPlan", "Writes %1."), false,
     R"c(static void put_length(unsigned char *header, unsigned long long length)
{
    @FROM_LEAST@ {
        header[i] = (unsigned char)(length & 0xff);
        length >>= 8;
    }
})c"},
    {Helper::Find, "find", QT_TRANSLATE_NOOP("ScriptPlan", "Where needle first occurs in the size bytes at data, or -1."), false,
     R"c(static long find(const unsigned char *data, size_t size, const char *needle, size_t length)
{
    for (size_t i = 0; i + length <= size; ++i) {
        if (memcmp(data + i, needle, length) == 0)
            return (long)i;
    }
    return -1;
})c"},
    {Helper::HttpResponse, "http_response", QT_TRANSLATE_NOOP("ScriptPlan", "A 200 page naming the request's method and target (HTML-escaped); returns its length."), false,
     R"c(static size_t http_response(char *out, size_t room, const unsigned char *head, size_t size)
{
    static const char hex[] = "0123456789ABCDEF";
    char sent[2048];
    char page[4096];
    size_t used = 0;
    int spaces = 0;
    int length;
    int n;
    const int head_only = size >= 5 && memcmp(head, "HEAD ", 5) == 0;
    @REQUEST_LINE@
    for (size_t i = 0; i < size && head[i] != '\r' && used + 8 < sizeof sent; ++i) {
        const unsigned char c = head[i];
        const char *escaped = c == '&' ? "&amp;" : c == '<' ? "&lt;" : c == '>' ? "&gt;"
                            : c == '"' ? "&quot;" : c == '\'' ? "&#39;" : NULL;
        if (c == ' ' && ++spaces == 2)
            break;
        if (escaped) {
            memcpy(sent + used, escaped, strlen(escaped));
            used += strlen(escaped);
        } else if (c >= 0x20 && c < 0x7f) {
            sent[used++] = (char)c;
        } else {
            sent[used++] = '%';
            sent[used++] = hex[c >> 4];
            sent[used++] = hex[c & 15];
        }
    }
    sent[used] = '\0';
    length = snprintf(page, sizeof page, "<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"@CHARSET@\">\n"
                      "<title>Socket Workbench</title>\n</head>\n<body>\n"
                      "<h1>Hello from Socket Workbench</h1>\n"
                      "<p>You sent: <code>%s</code></p>\n</body>\n</html>\n", sent);
    @HEAD@
    n = snprintf(out, room, "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=@CHARSET@\r\n"
                 "Content-Length: %d\r\nConnection: close\r\n\r\n%s", length, head_only ? "" : page);
    return n < 0 ? 0 : (size_t)n < room ? (size_t)n : room - 1;
})c"},
};

constexpr bool inHelperOrder()
{
    for (size_t i = 0; i < std::size(kSnippets); ++i) {
        if (size_t(kSnippets[i].helper) != i)
            return false;
    }
    return std::size(kSnippets) == size_t(Helper::HttpResponse) + 1;
}
static_assert(inHelperOrder(), "kSnippets has one row per Helper, in its order");

// "the 4-byte big-endian length (length:4, struct '!I')"
QString lengthWords(const FramingSpec &spec)
{
    const int w = spec.lengthWidth;
    if (w == 1)
        return ScriptPlan::tr("the 1-byte length (%1, struct '%2')").arg(spec.toString(), spec.structFormat());
    if (spec.endian == FramingSpec::Endian::Big)
        return ScriptPlan::tr("the %1-byte big-endian length (%2, struct '%3')")
            .arg(w).arg(spec.toString(), spec.structFormat());
    return ScriptPlan::tr("the %1-byte little-endian length (%2, struct '%3')")
        .arg(w).arg(spec.toString(), spec.structFormat());
}

} // namespace

QString CScriptHelpers::comment(QString text)
{
    for (QChar &ch : text) {
        if (ch.unicode() < 0x20)
            ch = u' ';
    }
    return u"/* "_s + text.replace(u"*/"_s, u"* /"_s) + u" */"_s;
}

QString CScriptHelpers::name(Helper helper)
{
    return QString::fromLatin1(kSnippets[size_t(helper)].name);
}

QList<Helper> CScriptHelpers::needs(Helper helper)
{
    return kSnippets[size_t(helper)].needsSayWhy ? QList<Helper>{Helper::SayWhy} : QList<Helper>{};
}

QStringList CScriptHelpers::source(Helper helper, const ScriptPlan &plan)
{
    const Snippet &snippet = kSnippets[size_t(helper)];
    QString why = ScriptPlan::tr(snippet.why);
    QString text = QString::fromUtf8(snippet.source);
    switch (helper) {
    case Helper::GetLength:
    case Helper::PutLength: {
        // The header's bytes from the most significant to the least (reading
        // shifts each in below the others) and the other way round (writing
        // takes the lowest byte off each time).
        const int w = plan.framing.lengthWidth;
        const QString up = u"for (int i = 0; i < %1; ++i)"_s.arg(w);
        const QString down = u"for (int i = %1; i >= 0; --i)"_s.arg(w - 1);
        const bool big = plan.framing.endian == FramingSpec::Endian::Big;
        why = why.arg(lengthWords(plan.framing));
        text.replace(u"@FROM_MOST@"_s, big ? up : down).replace(u"@FROM_LEAST@"_s, big ? down : up);
        break;
    }
    case Helper::HttpResponse:
        text.replace(u"@CHARSET@"_s, plan.httpCharset)
            .replace(u"@REQUEST_LINE@"_s,
                     comment(ScriptPlan::tr("The request line is METHOD TARGET VERSION: keep what comes before the second space.")))
            .replace(u"@HEAD@"_s, comment(ScriptPlan::tr("HEAD: the same headers, no body")));
        break;
    default:
        break;
    }
    return QStringList{comment(why)} + text.split(u'\n');
}
