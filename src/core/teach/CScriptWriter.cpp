#include "core/teach/CScriptWriter.h"

#include "core/teach/CScriptHelpers.h"
#include "core/teach/SocketNarrator.h"
#include "core/text/Escape.h"

#include <functional>
#include <utility>

using namespace Qt::StringLiterals;
using Role = ScriptPlan::Role;
using Mode = AutoReply::Mode;
using Kind = FramingSpec::Kind;
using Helper = CScriptHelpers::Helper;

namespace {

QString lit(const QByteArray &bytes)
{
    return Escape::bytes(bytes, Escape::ByteStyle::CString);
}

QString comment(const QString &text)
{
    return CScriptHelpers::comment(text);
}

class Writer
{
public:
    explicit Writer(const ScriptPlan &plan) : p(plan) {}

    QString write()
    {
        QStringList main;
        switch (p.role) {
        case Role::TcpServer: tcpServer(main); break;
        case Role::TcpClient: tcpClient(main); break;
        case Role::UdpServer: udp(main, true); break;
        case Role::UdpClient: udp(main, false); break;
        }
        QStringList out;
        out << comment(ScriptPlan::tr("%1, as a C program.").arg(p.title()));
        out << comment(p.isServer()
                           ? ScriptPlan::tr("Stop the tab first (they cannot both have the port), run this, then start the clients.")
                           : ScriptPlan::tr("Run it while the server listens; it prints what comes back and ends."));
        out << comment(ScriptPlan::tr("Build it with: gcc -Wall -Wextra -o program program.c"));
        for (const QString &note : p.notes)
            out << comment(note);
        // Matching bytes against a list of rules is a page of C; the Python
        // version of the program writes the rules out.
        if (!p.rules.isEmpty())
            out << comment(ScriptPlan::tr("The tab's %n reply rule(s) are not written in C: copy the Python script "
                                          "to see them as code. This program does not answer.", nullptr, int(p.rules.size())));
        out << u"#include <arpa/inet.h>"_s << u"#include <errno.h>"_s;
        if (m_names)
            out << u"#include <netdb.h>"_s;
        out << u"#include <netinet/in.h>"_s;
        if (p.noDelay && !p.isUdp())
            out << u"#include <netinet/tcp.h>"_s;
        out << u"#include <stdio.h>"_s << u"#include <string.h>"_s
            << u"#include <sys/socket.h>"_s << u"#include <sys/time.h>"_s << u"#include <unistd.h>"_s << QString();
        out << m_defines << QString();
        for (const QStringList &h : std::as_const(m_helpers))
            out << h << QString();
        out << u"int main(void)"_s << u"{"_s << main << u"}"_s;
        return out.join(u'\n') + u'\n';
    }

private:
    // ---------------------------------------------------------- helpers

    void helper(const QString &name, const QStringList &lines)
    {
        if (m_have.contains(name))
            return;
        m_have << name;
        m_helpers << lines;
    }

    // Defines one of the shared helpers (and what it calls) once.
    void use(Helper h)
    {
        if (m_have.contains(CScriptHelpers::name(h)))
            return;
        for (const Helper need : CScriptHelpers::needs(h))
            use(need);
        m_names = m_names || h == Helper::Lookup;
        helper(CScriptHelpers::name(h), CScriptHelpers::source(h, p));
    }

    // The call that sends `size` bytes at `data` as one message.
    QString send(const QString &sock, const QString &data, const QString &size)
    {
        use(Helper::SendAll);
        if (!p.framedSend() || (p.framing.kind != Kind::LengthPrefix && p.framing.kind != Kind::Delimiter))
            return u"send_all(%1, %2, %3)"_s.arg(sock, data, size);
        QStringList body{comment(ScriptPlan::tr("One message as the receiver cuts it.")),
                         u"static int send_message(int sock, const void *data, size_t size)"_s, u"{"_s};
        if (p.framing.kind == Kind::LengthPrefix) {
            use(Helper::PutLength);
            body << u"    unsigned char header[%1];"_s.arg(p.framing.lengthWidth);
            body << (p.framing.lengthIncludesHeader ? u"    put_length(header, size + sizeof header);"_s
                                                    : u"    put_length(header, size);"_s);
            body << u"    if (send_all(sock, header, sizeof header) < 0)"_s << u"        return -1;"_s;
            body << u"    return send_all(sock, data, size);"_s;
        } else {
            body << u"    if (send_all(sock, data, size) < 0)"_s << u"        return -1;"_s;
            body << u"    return send_all(sock, %1, %2);"_s.arg(lit(p.framing.delimiter), QString::number(p.framing.delimiter.size()));
        }
        body << u"}"_s;
        helper(u"send_message"_s, body);
        return u"send_message(%1, %2, %3)"_s.arg(sock, data, size);
    }

    void messageTable(const QString &name, const QList<QByteArray> &items, const QString &why)
    {
        if (!std::exchange(m_messageType, true))
            m_defines << u"struct message { const char *bytes; size_t size; };"_s;
        m_defines << comment(why);
        m_defines << u"static const struct message %1[] = {"_s.arg(name);
        for (const QByteArray &item : items)
            m_defines << u"    {%1, %2},"_s.arg(lit(item), QString::number(item.size()));
        m_defines << u"};"_s;
        if (p.messagesNotKept > 0 && !std::exchange(m_toldNotKept, true))
            m_defines << comment(ScriptPlan::tr("… and %1 more calls (%2 bytes) not kept").arg(p.messagesNotKept).arg(p.bytesNotKept));
        if (p.messageCut && !std::exchange(m_toldCut, true))
            m_defines << comment(ScriptPlan::tr("Long messages keep only their first %1 bytes here.").arg(SocketNarrator::kMaxScriptPayload));
    }

    qint64 bufferBytes() const
    {
        if (p.framedReceive() && p.framing.kind == Kind::FixedSize)
            return p.framing.fixedSize;
        return ScriptPlan::kBufferBytes;
    }


    // What the program does with each message of `size` bytes at `data`;
    // `reply(bytes, size)` gives the call that sends bytes back.
    QStringList answer(const QString &data, const QString &size,
                       const std::function<QString(const QString &, const QString &)> &reply)
    {
        QStringList out;
        switch (p.reply) {
        case Mode::Echo:
            out << u"    "_s + reply(data, size) + u";  "_s + comment(ScriptPlan::tr("echo: the same bytes back"));
            break;
        case Mode::Template: {
            qint64 room = 0;
            for (const QByteArray &part : p.templateParts)
                room += part.size();
            room += (p.templateParts.size() - 1) * bufferBytes();
            out << u"    static unsigned char reply[%1];  "_s.arg(qMax<qint64>(room, 1)) + comment(ScriptPlan::tr("the reply template"));
            out << u"    size_t length = 0;"_s;
            for (qsizetype i = 0; i < p.templateParts.size(); ++i) {
                if (i > 0) {
                    out << u"    memcpy(reply + length, %1, %2);"_s.arg(data, size);
                    out << u"    length += %1;"_s.arg(size);
                }
                if (!p.templateParts[i].isEmpty()) {
                    out << u"    memcpy(reply + length, %1, %2);"_s.arg(lit(p.templateParts[i]), QString::number(p.templateParts[i].size()));
                    out << u"    length += %1;"_s.arg(p.templateParts[i].size());
                }
            }
            out << u"    "_s + reply(u"reply"_s, u"length"_s) + u';';
            break;
        }
        case Mode::Http:
            use(Helper::HttpResponse);
            out << u"    static char response[8192];"_s;
            out << u"    "_s + reply(u"response"_s, u"http_response(response, sizeof response, %1, %2)"_s.arg(data, size)) + u';';
            break;
        case Mode::None:
            if (!p.messages.isEmpty()) {
                out << u"    if (next_reply < sizeof replies / sizeof replies[0]) {"_s;
                out << u"        "_s + reply(u"replies[next_reply].bytes"_s, u"replies[next_reply].size"_s) + u';';
                out << u"        ++next_reply;"_s;
                out << u"    }"_s;
            }
            break;
        }
        return out;
    }

    // receive(sock): reads message by message until the peer closes, and
    // runs `each` (on buf and its size) for every message.
    void receive(const QString &each, const QString &closed)
    {
        use(Helper::SayWhy);
        const QString close = u"printf(\"%1\\n\");"_s.arg(closed);
        QStringList f{comment(ScriptPlan::tr("Reads message by message until the peer closes the connection.")),
                      u"static void receive(int sock)"_s, u"{"_s};
        const auto call = [&each](const QString &size) { return QString(each).replace(u"SIZE"_s, size); };
        switch (p.framedReceive() ? p.framing.kind : Kind::None) {
        case Kind::None:
            f << u"    static unsigned char buf[%1];"_s.arg(bufferBytes());
            f << u"    for (;;) {"_s;
            f << u"        ssize_t n = recv(sock, buf, sizeof buf, 0);"_s;
            f << u"        if (n == 0) {  "_s + comment(ScriptPlan::tr("0: the peer closed the connection"));
            f << u"            "_s + close << u"            return;"_s << u"        }"_s;
            f << u"        if (n < 0) {"_s << u"            say_why(\"recv()\");"_s << u"            return;"_s << u"        }"_s;
            f << u"        "_s + call(u"(size_t)n"_s);
            f << u"    }"_s;
            break;
        case Kind::LengthPrefix: {
            use(Helper::RecvExactly);
            use(Helper::GetLength);
            const int w = p.framing.lengthWidth;
            f << u"    static unsigned char buf[%1];"_s.arg(bufferBytes());
            f << u"    for (;;) {"_s;
            f << u"        unsigned char header[%1];"_s.arg(w);
            f << u"        unsigned long long length;"_s;
            f << u"        int r = recv_exactly(sock, header, sizeof header);  "_s + comment(ScriptPlan::tr("the %1-byte length first").arg(w));
            f << u"        if (r == 0)"_s << u"            "_s + close << u"        if (r <= 0)"_s << u"            return;"_s;
            f << u"        length = get_length(header);"_s;
            if (p.framing.lengthIncludesHeader) {
                f << u"        if (length < sizeof header) {"_s;
                f << u"            printf(\"a length of %llu cannot count its own header: stop\\n\", length);"_s;
                f << u"            return;"_s << u"        }"_s;
                f << u"        length -= sizeof header;  "_s + comment(ScriptPlan::tr("it counted the header too"));
            }
            f << u"        if (length > sizeof buf) {"_s;
            f << u"            printf(\"a message of %llu bytes is too long for this program: stop\\n\", length);"_s;
            f << u"            return;"_s << u"        }"_s;
            f << u"        r = recv_exactly(sock, buf, (size_t)length);"_s;
            f << u"        if (r == 0)"_s << u"            "_s + close << u"        if (r <= 0)"_s << u"            return;"_s;
            f << u"        "_s + call(u"(size_t)length"_s);
            f << u"    }"_s;
            break;
        }
        case Kind::FixedSize:
            use(Helper::RecvExactly);
            f << u"    static unsigned char buf[%1];  "_s.arg(bufferBytes())
                     + comment(ScriptPlan::tr("every message is %1 bytes").arg(p.framing.fixedSize));
            f << u"    for (;;) {"_s;
            f << u"        int r = recv_exactly(sock, buf, sizeof buf);"_s;
            f << u"        if (r == 0)"_s << u"            "_s + close << u"        if (r <= 0)"_s << u"            return;"_s;
            f << u"        "_s + call(u"sizeof buf"_s);
            f << u"    }"_s;
            break;
        case Kind::Delimiter: {
            use(Helper::Find);
            const QString d = lit(p.framing.delimiter);
            const QString dn = QString::number(p.framing.delimiter.size());
            f << u"    static unsigned char buf[%1];"_s.arg(bufferBytes());
            f << u"    size_t used = 0;  "_s + comment(ScriptPlan::tr("bytes of a message whose delimiter has not come yet"));
            f << u"    for (;;) {"_s;
            f << u"        long at;"_s;
            f << u"        ssize_t n = recv(sock, buf + used, sizeof buf - used, 0);"_s;
            f << u"        if (n == 0) {"_s << u"            "_s + close << u"            return;"_s << u"        }"_s;
            f << u"        if (n < 0) {"_s << u"            say_why(\"recv()\");"_s << u"            return;"_s << u"        }"_s;
            f << u"        used += (size_t)n;"_s;
            f << u"        while ((at = find(buf, used, %1, %2)) >= 0) {"_s.arg(d, dn);
            f << u"            "_s + call(u"(size_t)at"_s);
            f << u"            used -= (size_t)at + %1;"_s.arg(dn);
            f << u"            memmove(buf, buf + at + %1, used);"_s.arg(dn);
            f << u"        }"_s;
            f << u"        if (used == sizeof buf) {"_s;
            f << u"            printf(\"no delimiter in %zu bytes: stop\\n\", sizeof buf);"_s;
            f << u"            return;"_s << u"        }"_s;
            f << u"    }"_s;
            break;
        }
        }
        f << u"}"_s;
        m_helpers << f;
    }

    void defineTimeout(int seconds, const QString &why)
    {
        m_defines << u"#define TIMEOUT %1  "_s.arg(seconds) + comment(why);
    }

    // Declares `var` of `type` with its address filled: numeric addresses
    // directly, names through getaddrinfo.
    QStringList targetAddress(const QString &type, const QString &lengthVar)
    {
        const QString numeric = p.targetNumeric();
        if (numeric.isEmpty()) {
            use(Helper::Lookup);
            return {u"    socklen_t %1 = lookup(&addr, %2, \"%3\", %4);"_s.arg(lengthVar, lit(p.targetHost.toUtf8()),
                                                                             QString::number(p.targetPort), type),
                    u"    if (%1 == 0)"_s.arg(lengthVar), u"        return 1;"_s};
        }
        use(Helper::MakeAddr);
        return {u"    socklen_t %1 = make_addr(&addr, \"%2\", %3);"_s.arg(lengthVar, numeric).arg(p.targetPort)};
    }

    QString family() const { return p.isIPv6() ? u"AF_INET6"_s : u"AF_INET"_s; }

    QStringList bindLines(const QString &sock, const Endpoint &at, const QString &why)
    {
        use(Helper::MakeAddr);
        use(Helper::SayWhy);
        return {u"    "_s + comment(why),
                u"    if (bind(%1, (struct sockaddr *)&local, make_addr(&local, \"%2\", %3)) < 0) {"_s.arg(sock, at.addressString())
                    .arg(at.port),
                u"        say_why(\"bind()\");"_s, u"        return 1;"_s, u"    }"_s};
    }

    void tcpServer(QStringList &m)
    {
        defineTimeout(ScriptPlan::kServerTimeoutSeconds, ScriptPlan::tr("seconds to wait for the next one: the program ends on its own"));
        m_defines << u"#define CLIENTS %1  "_s.arg(p.serveCount)
                         + comment(ScriptPlan::tr("the tab served %1: serve as many, one after another, then end").arg(p.serveCount));
        use(Helper::PrintBytes);
        use(Helper::PrintAddress);
        QStringList serve{comment(ScriptPlan::tr("One client, from accept() until it closes.")), u"static void serve(int conn)"_s, u"{"_s};
        if (p.reply == Mode::Http) {
            use(Helper::Find);
            use(Helper::SendAll);
            use(Helper::HttpResponse);
            serve << u"    static unsigned char request[%1];"_s.arg(ScriptPlan::kBufferBytes);
            serve << u"    static char response[8192];"_s;
            serve << u"    size_t used = 0;"_s << u"    long end;"_s;
            serve << u"    "_s + comment(ScriptPlan::tr("Read the request up to the blank line that ends its headers."));
            serve << u"    while ((end = find(request, used, \"\\r\\n\\r\\n\", 4)) < 0) {"_s;
            serve << u"        ssize_t n;"_s;
            serve << u"        if (used == sizeof request) {"_s << u"            printf(\"the request headers are too long\\n\");"_s
                  << u"            return;"_s << u"        }"_s;
            serve << u"        n = recv(conn, request + used, sizeof request - used, 0);"_s;
            serve << u"        if (n == 0) {"_s << u"            printf(\"the client closed before a whole request came\\n\");"_s
                  << u"            return;"_s << u"        }"_s;
            serve << u"        if (n < 0) {"_s << u"            say_why(\"recv()\");"_s << u"            return;"_s << u"        }"_s;
            serve << u"        used += (size_t)n;"_s;
            serve << u"    }"_s;
            serve << u"    print_bytes(\"received\", request, (size_t)end);"_s;
            serve << u"    "_s + comment(ScriptPlan::tr("Connection: close, so the page ends where the connection does"));
            serve << u"    send_all(conn, response, http_response(response, sizeof response, request, (size_t)end));"_s;
        } else {
            QStringList handle{comment(ScriptPlan::tr("What the server does with each message.")),
                               u"static void handle(int sock, const unsigned char *data, size_t size)"_s, u"{"_s};
            const QStringList reply = answer(u"data"_s, u"size"_s,
                                             [this](const QString &d, const QString &n) { return send(u"sock"_s, d, n); });
            if (reply.isEmpty())
                handle << u"    (void)sock;"_s;
            handle << u"    print_bytes(\"received\", data, size);"_s << reply << u"}"_s;
            if (p.reply == Mode::None && !p.messages.isEmpty()) {
                messageTable(u"replies"_s, p.messages, ScriptPlan::tr("Typed in the tab: one sent after each message received."));
                m_defines << u"static size_t next_reply;"_s;
            }
            m_helpers << handle;
            receive(u"handle(sock, buf, SIZE);"_s, u"the client closed the connection"_s);
            if (!p.greeting.isEmpty()) {
                serve << u"    "_s + send(u"conn"_s, lit(p.greeting), QString::number(p.greeting.size()))
                             .replace(u"send_message("_s, u"send_all("_s) + u";  "_s
                             + comment(ScriptPlan::tr("the greeting, right after accept()"));
            }
            if (!p.opening.isEmpty()) {
                messageTable(u"opening"_s, p.opening, ScriptPlan::tr("Typed in the tab before the client said anything: sent right after accept()."));
                serve << u"    for (size_t i = 0; i < sizeof opening / sizeof opening[0]; ++i)"_s;
                serve << u"        "_s + send(u"conn"_s, u"opening[i].bytes"_s, u"opening[i].size"_s) + u';';
            }
            if (p.reply == Mode::None && !p.messages.isEmpty())
                serve << u"    next_reply = 0;"_s;
            serve << u"    receive(conn);"_s;
        }
        serve << u"}"_s;
        m_helpers << serve;

        m << u"    struct sockaddr_storage local, peer;"_s;
        m << u"    struct timeval timeout = {TIMEOUT, 0};"_s;
        if (p.reuseAddress || p.noDelay)
            m << u"    int one = 1;"_s;
        m << u"    int server = socket(%1, SOCK_STREAM, 0);"_s.arg(family());
        m << u"    setvbuf(stdout, NULL, _IOLBF, 0);"_s;
        m << u"    if (server < 0) {"_s << u"        say_why(\"socket()\");"_s << u"        return 1;"_s << u"    }"_s;
        if (p.reuseAddress) {
            m << u"    "_s + comment(ScriptPlan::tr("a restart can bind while old connections sit in TIME_WAIT"));
            m << u"    setsockopt(server, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);"_s;
        } else {
            m << u"    "_s + comment(ScriptPlan::tr("No SO_REUSEADDR, as in the tab: bind() fails while old connections "
                                                "of the port sit in TIME_WAIT."));
        }
        m << bindLines(u"server"_s, p.local, ScriptPlan::tr("where the clients connect: %1").arg(p.local.toString()));
        m << u"    listen(server, %1);"_s.arg(p.backlog);
        m << u"    "_s + comment(ScriptPlan::tr("accept() and recv() give up after TIMEOUT seconds"));
        m << u"    setsockopt(server, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);"_s;
        m << u"    printf(\"listening on %s\\n\", %1);"_s.arg(lit(p.local.toString().toUtf8()));
        m << u"    for (int served = 0; served < CLIENTS; ++served) {"_s;
        m << u"        socklen_t peerlen = sizeof peer;"_s;
        m << u"        int conn = accept(server, (struct sockaddr *)&peer, &peerlen);"_s;
        m << u"        if (conn < 0) {"_s << u"            say_why(\"accept()\");"_s << u"            break;"_s << u"        }"_s;
        m << u"        print_address(\"accepted\", &peer);"_s;
        if (p.noDelay) {
            m << u"        "_s + comment(ScriptPlan::tr("Nagle off: each small send goes out at once"));
            m << u"        setsockopt(conn, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);"_s;
        }
        m << u"        setsockopt(conn, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);"_s;
        m << u"        serve(conn);"_s;
        m << u"        close(conn);"_s;
        m << u"        print_address(\"closed\", &peer);"_s;
        m << u"    }"_s;
        m << u"    close(server);"_s;
        m << u"    return 0;"_s;
    }

    void tcpClient(QStringList &m)
    {
        defineTimeout(ScriptPlan::kClientTimeoutSeconds, ScriptPlan::tr("seconds to wait for more: the program ends on its own"));
        use(Helper::PrintBytes);
        receive(u"print_bytes(\"received\", buf, SIZE);"_s, u"the server closed the connection"_s);
        if (!p.messages.isEmpty())
            messageTable(u"messages"_s, p.messages, ScriptPlan::tr("What you sent from the tab, in order."));
        m << u"    struct sockaddr_storage addr, me;"_s;
        if (!p.local.isNull())
            m << u"    struct sockaddr_storage local;"_s;
        m << u"    socklen_t melen = sizeof me;"_s;
        m << u"    struct timeval timeout = {TIMEOUT, 0};"_s;
        m << u"    int client;"_s;
        if (p.noDelay)
            m << u"    int one = 1;"_s;
        m << u"    setvbuf(stdout, NULL, _IOLBF, 0);"_s;
        m << targetAddress(u"SOCK_STREAM"_s, u"addrlen"_s);
        m << u"    client = socket(addr.ss_family, SOCK_STREAM, 0);"_s;
        m << u"    if (client < 0) {"_s << u"        say_why(\"socket()\");"_s << u"        return 1;"_s << u"    }"_s;
        m << u"    "_s + comment(ScriptPlan::tr("connect() and recv() wait at most TIMEOUT seconds"));
        m << u"    setsockopt(client, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);"_s;
        m << u"    setsockopt(client, SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof timeout);"_s;
        if (!p.local.isNull())
            m << bindLines(u"client"_s, p.local, ScriptPlan::tr("the tab was bound to %1; a client rarely needs bind()").arg(p.local.toString()));
        m << u"    if (connect(client, (struct sockaddr *)&addr, addrlen) < 0) {"_s;
        m << u"        say_why(\"connect()\");"_s << u"        return 1;"_s << u"    }"_s;
        use(Helper::PrintAddress);
        if (p.local.isNull())
            m << u"    "_s + comment(ScriptPlan::tr("no bind(): the OS chose the port"));
        m << u"    if (getsockname(client, (struct sockaddr *)&me, &melen) == 0)"_s;
        m << u"        print_address(\"connected from\", &me);"_s;
        if (p.noDelay) {
            m << u"    "_s + comment(ScriptPlan::tr("Nagle off: each small send goes out at once"));
            m << u"    setsockopt(client, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);"_s;
        }
        if (!p.messages.isEmpty()) {
            m << u"    for (size_t i = 0; i < sizeof messages / sizeof messages[0]; ++i) {"_s;
            m << u"        if (%1 < 0)"_s.arg(send(u"client"_s, u"messages[i].bytes"_s, u"messages[i].size"_s));
            m << u"            break;"_s;
            m << u"        print_bytes(\"sent\", messages[i].bytes, messages[i].size);"_s;
            m << u"    }"_s;
        }
        if (p.halfClose)
            m << u"    shutdown(client, SHUT_WR);  "_s + comment(ScriptPlan::tr("FIN: done sending, still reading"));
        m << u"    receive(client);"_s;
        m << u"    close(client);"_s;
        m << u"    return 0;"_s;
    }

    void udp(QStringList &m, bool server)
    {
        use(Helper::SayWhy);
        use(Helper::PrintBytes);
        use(Helper::PrintAddress);
        const bool toTarget = p.targetPort != 0 && !p.targetHost.isEmpty() && !p.messages.isEmpty();
        const bool replies = server && !toTarget && p.reply == Mode::None && !p.messages.isEmpty();
        if (server) {
            defineTimeout(ScriptPlan::kServerTimeoutSeconds, ScriptPlan::tr("seconds to wait for the next one: the program ends on its own"));
            m_defines << u"#define DATAGRAMS %1  "_s.arg(p.serveCount)
                             + comment(ScriptPlan::tr("the tab received %1: answer as many, then end").arg(p.serveCount));
        } else {
            defineTimeout(ScriptPlan::kClientTimeoutSeconds, ScriptPlan::tr("seconds to wait for more: the program ends on its own"));
        }
        if (replies) {
            messageTable(u"replies"_s, p.messages, ScriptPlan::tr("Typed in the tab: one sent after each message received."));
        } else if (toTarget) {
            messageTable(u"messages"_s, p.messages, ScriptPlan::tr("What you sent from the tab, in order."));
        }
        m << u"    static unsigned char buf[65536];"_s;
        m << (toTarget ? u"    struct sockaddr_storage addr, peer;"_s : u"    struct sockaddr_storage peer;"_s);
        if (server || !p.local.isNull())
            m << u"    struct sockaddr_storage local;"_s;
        m << u"    struct timeval timeout = {TIMEOUT, 0};"_s;
        if (replies)
            m << u"    size_t next_reply = 0;"_s;
        m << u"    int sock = socket(%1, SOCK_DGRAM, 0);"_s.arg(family());
        m << u"    setvbuf(stdout, NULL, _IOLBF, 0);"_s;
        m << u"    if (sock < 0) {"_s << u"        say_why(\"socket()\");"_s << u"        return 1;"_s << u"    }"_s;
        if (server)
            m << bindLines(u"sock"_s, p.local, ScriptPlan::tr("the port the clients send to: %1").arg(p.local.toString()));
        else if (!p.local.isNull())
            m << bindLines(u"sock"_s, p.local, ScriptPlan::tr("the port you chose for the tab: %1").arg(p.local.toString()));
        else
            m << u"    "_s + comment(ScriptPlan::tr("No bind(): the first sendto() gets a port the OS chooses, as the tab did."));
        m << u"    "_s + comment(ScriptPlan::tr("recvfrom() waits at most TIMEOUT seconds"));
        m << u"    setsockopt(sock, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);"_s;
        if (server)
            m << u"    printf(\"bound to %s\\n\", %1);"_s.arg(lit(p.local.toString().toUtf8()));
        if (toTarget) {
            m << targetAddress(u"SOCK_DGRAM"_s, u"addrlen"_s);
            m << u"    for (size_t i = 0; i < sizeof messages / sizeof messages[0]; ++i) {"_s;
            m << u"        if (sendto(sock, messages[i].bytes, messages[i].size, 0, (struct sockaddr *)&addr, addrlen) < 0)"_s;
            m << u"            say_why(\"sendto()\");"_s;
            m << u"        print_bytes(\"sent\", messages[i].bytes, messages[i].size);"_s;
            m << u"    }"_s;
        }
        m << (server ? u"    for (int received = 0; received < DATAGRAMS; ++received) {"_s : u"    for (;;) {"_s);
        m << u"        socklen_t peerlen = sizeof peer;"_s;
        m << u"        "_s + comment(ScriptPlan::tr("one datagram, and who sent it"));
        m << u"        ssize_t n = recvfrom(sock, buf, sizeof buf, 0, (struct sockaddr *)&peer, &peerlen);"_s;
        m << u"        if (n < 0) {"_s << u"            say_why(\"recvfrom()\");"_s << u"            break;"_s << u"        }"_s;
        m << u"        print_address(\"datagram from\", &peer);"_s;
        m << u"        print_bytes(\"received\", buf, (size_t)n);"_s;
        if (server) {
            const QStringList reply = answer(u"buf"_s, u"(size_t)n"_s, [](const QString &d, const QString &n) {
                return u"sendto(sock, %1, %2, 0, (struct sockaddr *)&peer, peerlen)"_s.arg(d, n);
            });
            for (const QString &line : reply)
                m << u"    "_s + line;
        }
        m << u"    }"_s;
        m << u"    close(sock);"_s;
        m << u"    return 0;"_s;
    }

    const ScriptPlan &p;
    QStringList m_defines;
    QList<QStringList> m_helpers;
    QStringList m_have;
    bool m_names = false;
    bool m_messageType = false;
    bool m_toldNotKept = false;
    bool m_toldCut = false;
};

} // namespace

QString CScriptWriter::write(const ScriptPlan &plan)
{
    return Writer(plan).write();
}
