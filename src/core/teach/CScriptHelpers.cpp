#include "core/teach/CScriptHelpers.h"

#include "core/teach/ScriptPlan.h"

using namespace Qt::StringLiterals;

QString CScriptHelpers::comment(QString text)
{
    for (QChar &ch : text) {
        if (ch.unicode() < 0x20)
            ch = u' ';
    }
    return u"/* "_s + text.replace(u"*/"_s, u"* /"_s) + u" */"_s;
}

QStringList CScriptHelpers::makeAddr()
{
    return {
        comment(ScriptPlan::tr("Fills addr for an IPv4 or IPv6 address and returns its length.")),
        u"static socklen_t make_addr(struct sockaddr_storage *ss, const char *ip, unsigned short port)"_s,
        u"{"_s,
        u"    struct sockaddr_in *a4 = (struct sockaddr_in *)ss;"_s,
        u"    struct sockaddr_in6 *a6 = (struct sockaddr_in6 *)ss;"_s,
        u"    memset(ss, 0, sizeof *ss);"_s,
        u"    if (inet_pton(AF_INET, ip, &a4->sin_addr) == 1) {"_s,
        u"        a4->sin_family = AF_INET;"_s,
        u"        a4->sin_port = htons(port);"_s,
        u"        return sizeof *a4;"_s,
        u"    }"_s,
        u"    inet_pton(AF_INET6, ip, &a6->sin6_addr);"_s,
        u"    a6->sin6_family = AF_INET6;"_s,
        u"    a6->sin6_port = htons(port);"_s,
        u"    return sizeof *a6;"_s,
        u"}"_s,
    };
}

QStringList CScriptHelpers::lookup()
{
    return {
        comment(ScriptPlan::tr("Looks a host name up (getaddrinfo) and fills addr; 0 when it fails.")),
        u"static socklen_t lookup(struct sockaddr_storage *ss, const char *host, const char *port, int type)"_s,
        u"{"_s,
        u"    struct addrinfo hints, *found = NULL;"_s,
        u"    socklen_t length;"_s,
        u"    int err;"_s,
        u"    memset(&hints, 0, sizeof hints);"_s,
        u"    hints.ai_socktype = type;"_s,
        u"    err = getaddrinfo(host, port, &hints, &found);"_s,
        u"    if (err != 0) {"_s,
        u"        printf(\"getaddrinfo() failed: %s\\n\", gai_strerror(err));"_s,
        u"        return 0;"_s,
        u"    }"_s,
        u"    length = found->ai_addrlen;"_s,
        u"    memcpy(ss, found->ai_addr, length);"_s,
        u"    freeaddrinfo(found);"_s,
        u"    return length;"_s,
        u"}"_s,
    };
}

QStringList CScriptHelpers::sayWhy()
{
    return {
        comment(ScriptPlan::tr("Says why a call failed; a timeout (SO_RCVTIMEO) is EAGAIN.")),
        u"static void say_why(const char *call)"_s,
        u"{"_s,
        u"    if (errno == EAGAIN || errno == EWOULDBLOCK)"_s,
        u"        printf(\"%s: nothing came for %d s\\n\", call, TIMEOUT);"_s,
        u"    else"_s,
        u"        printf(\"%s failed: %s\\n\", call, strerror(errno));"_s,
        u"}"_s,
    };
}

QStringList CScriptHelpers::printBytes()
{
    return {
        comment(ScriptPlan::tr("Prints bytes as Python shows them: text as it is, other bytes escaped.")),
        u"static void print_bytes(const char *what, const void *data, size_t size)"_s,
        u"{"_s,
        u"    const unsigned char *b = data;"_s,
        u"    printf(\"%s b'\", what);"_s,
        u"    for (size_t i = 0; i < size; ++i) {"_s,
        u"        if (b[i] == '\\r')"_s,
        u"            printf(\"\\\\r\");"_s,
        u"        else if (b[i] == '\\n')"_s,
        u"            printf(\"\\\\n\");"_s,
        u"        else if (b[i] == '\\t')"_s,
        u"            printf(\"\\\\t\");"_s,
        u"        else if (b[i] == '\\\\' || b[i] == '\\'')"_s,
        u"            printf(\"\\\\%c\", b[i]);"_s,
        u"        else if (b[i] >= 0x20 && b[i] < 0x7f)"_s,
        u"            putchar(b[i]);"_s,
        u"        else"_s,
        u"            printf(\"\\\\x%02x\", b[i]);"_s,
        u"    }"_s,
        u"    printf(\"'\\n\");"_s,
        u"}"_s,
    };
}

QStringList CScriptHelpers::printAddress()
{
    return {
        comment(ScriptPlan::tr("Prints an address as 127.0.0.1:8000 or [::1]:8000.")),
        u"static void print_address(const char *what, const struct sockaddr_storage *ss)"_s,
        u"{"_s,
        u"    char ip[INET6_ADDRSTRLEN] = \"?\";"_s,
        u"    if (ss->ss_family == AF_INET6) {"_s,
        u"        const struct sockaddr_in6 *a6 = (const struct sockaddr_in6 *)ss;"_s,
        u"        inet_ntop(AF_INET6, &a6->sin6_addr, ip, sizeof ip);"_s,
        u"        printf(\"%s [%s]:%u\\n\", what, ip, (unsigned)ntohs(a6->sin6_port));"_s,
        u"    } else {"_s,
        u"        const struct sockaddr_in *a4 = (const struct sockaddr_in *)ss;"_s,
        u"        inet_ntop(AF_INET, &a4->sin_addr, ip, sizeof ip);"_s,
        u"        printf(\"%s %s:%u\\n\", what, ip, (unsigned)ntohs(a4->sin_port));"_s,
        u"    }"_s,
        u"}"_s,
    };
}

QStringList CScriptHelpers::sendAll()
{
    return {
        comment(ScriptPlan::tr("send() may take only part of the bytes: loop until all are out (Python's sendall).")),
        u"static int send_all(int sock, const void *data, size_t size)"_s,
        u"{"_s,
        u"    const char *b = data;"_s,
        u"    while (size > 0) {"_s,
        u"        ssize_t n = send(sock, b, size, MSG_NOSIGNAL);"_s,
        u"        if (n < 0) {"_s,
        u"            say_why(\"send()\");"_s,
        u"            return -1;"_s,
        u"        }"_s,
        u"        b += n;"_s,
        u"        size -= (size_t)n;"_s,
        u"    }"_s,
        u"    return 0;"_s,
        u"}"_s,
    };
}

QStringList CScriptHelpers::recvExactly()
{
    return {
        comment(ScriptPlan::tr("recv() returns what has arrived, maybe less than size bytes (TCP is a byte stream): "
                               "loop until all are in. 1: done, 0: the peer closed first, -1: an error.")),
        u"static int recv_exactly(int sock, unsigned char *buf, size_t size)"_s,
        u"{"_s,
        u"    size_t got = 0;"_s,
        u"    while (got < size) {"_s,
        u"        ssize_t n = recv(sock, buf + got, size - got, 0);"_s,
        u"        if (n < 0) {"_s,
        u"            say_why(\"recv()\");"_s,
        u"            return -1;"_s,
        u"        }"_s,
        u"        if (n == 0)"_s,
        u"            return 0;"_s,
        u"        got += (size_t)n;"_s,
        u"    }"_s,
        u"    return 1;"_s,
        u"}"_s,
    };
}

QString CScriptHelpers::lengthWords(const FramingSpec &spec)
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

QStringList CScriptHelpers::getLength(const FramingSpec &spec)
{
    const int w = spec.lengthWidth;
    return {
        comment(ScriptPlan::tr("Reads %1.").arg(lengthWords(spec))),
        u"static unsigned long long get_length(const unsigned char *header)"_s,
        u"{"_s,
        u"    unsigned long long length = 0;"_s,
        spec.endian == FramingSpec::Endian::Big ? u"    for (int i = 0; i < %1; ++i)"_s.arg(w)
                                                : u"    for (int i = %1; i >= 0; --i)"_s.arg(w - 1),
        u"        length = (length << 8) | header[i];"_s,
        u"    return length;"_s,
        u"}"_s,
    };
}

QStringList CScriptHelpers::putLength(const FramingSpec &spec)
{
    return {
        comment(ScriptPlan::tr("Writes %1.").arg(lengthWords(spec))),
        u"static void put_length(unsigned char *header, unsigned long long length)"_s,
        u"{"_s,
        // The lowest byte goes last (big-endian) or first (little-endian).
        spec.endian == FramingSpec::Endian::Big ? u"    for (int i = %1; i >= 0; --i) {"_s.arg(spec.lengthWidth - 1)
                                                : u"    for (int i = 0; i < %1; ++i) {"_s.arg(spec.lengthWidth),
        u"        header[i] = (unsigned char)(length & 0xff);"_s,
        u"        length >>= 8;"_s,
        u"    }"_s,
        u"}"_s,
    };
}

QStringList CScriptHelpers::find()
{
    return {
        comment(ScriptPlan::tr("Where needle first occurs in the size bytes at data, or -1.")),
        u"static long find(const unsigned char *data, size_t size, const char *needle, size_t length)"_s,
        u"{"_s,
        u"    for (size_t i = 0; i + length <= size; ++i) {"_s,
        u"        if (memcmp(data + i, needle, length) == 0)"_s,
        u"            return (long)i;"_s,
        u"    }"_s,
        u"    return -1;"_s,
        u"}"_s,
    };
}


QStringList CScriptHelpers::httpResponse(const QString &charset)
{
    return {
        comment(ScriptPlan::tr("A 200 page naming the request's method and target (HTML-escaped); returns its length.")),
        u"static size_t http_response(char *out, size_t room, const unsigned char *head, size_t size)"_s,
        u"{"_s,
        u"    static const char hex[] = \"0123456789ABCDEF\";"_s,
        u"    char sent[2048];"_s,
        u"    char page[4096];"_s,
        u"    size_t used = 0;"_s,
        u"    int spaces = 0;"_s,
        u"    int length;"_s,
        u"    int n;"_s,
        u"    const int head_only = size >= 5 && memcmp(head, \"HEAD \", 5) == 0;"_s,
        u"    "_s + comment(ScriptPlan::tr("The request line is METHOD TARGET VERSION: keep what comes before the second space.")),
        u"    for (size_t i = 0; i < size && head[i] != '\\r' && used + 8 < sizeof sent; ++i) {"_s,
        u"        const unsigned char c = head[i];"_s,
        u"        const char *escaped = c == '&' ? \"&amp;\" : c == '<' ? \"&lt;\" : c == '>' ? \"&gt;\""_s,
        u"                            : c == '\"' ? \"&quot;\" : c == '\\'' ? \"&#39;\" : NULL;"_s,
        u"        if (c == ' ' && ++spaces == 2)"_s,
        u"            break;"_s,
        u"        if (escaped) {"_s,
        u"            memcpy(sent + used, escaped, strlen(escaped));"_s,
        u"            used += strlen(escaped);"_s,
        u"        } else if (c >= 0x20 && c < 0x7f) {"_s,
        u"            sent[used++] = (char)c;"_s,
        u"        } else {"_s,
        u"            sent[used++] = '%';"_s,
        u"            sent[used++] = hex[c >> 4];"_s,
        u"            sent[used++] = hex[c & 15];"_s,
        u"        }"_s,
        u"    }"_s,
        u"    sent[used] = '\\0';"_s,
        u"    length = snprintf(page, sizeof page, \"<!DOCTYPE html>\\n<html>\\n<head>\\n<meta charset=\\\"%1\\\">\\n\""_s.arg(charset),
        u"                      \"<title>Socket Workbench</title>\\n</head>\\n<body>\\n\""_s,
        u"                      \"<h1>Hello from Socket Workbench</h1>\\n\""_s,
        u"                      \"<p>You sent: <code>%s</code></p>\\n</body>\\n</html>\\n\", sent);"_s,
        u"    "_s + comment(ScriptPlan::tr("HEAD: the same headers, no body")),
        u"    n = snprintf(out, room, \"HTTP/1.1 200 OK\\r\\nContent-Type: text/html; charset=%1\\r\\n\""_s.arg(charset),
        u"                 \"Content-Length: %d\\r\\nConnection: close\\r\\n\\r\\n%s\", length, head_only ? \"\" : page);"_s,
        u"    return n < 0 ? 0 : (size_t)n < room ? (size_t)n : room - 1;"_s,
        u"}"_s,
    };
}
