#include "core/teach/PythonScriptWriter.h"

#include "core/teach/NarratorPhrases.h"
#include "core/teach/PythonRules.h"
#include "core/teach/SocketNarrator.h"
#include "core/text/Escape.h"

#include <functional>
#include <utility>

using namespace Qt::StringLiterals;
using Role = ScriptPlan::Role;
using Mode = AutoReply::Mode;

namespace {

QString lit(const QByteArray &bytes)
{
    return Escape::bytes(bytes, Escape::ByteStyle::PythonBytes);
}

// Our own words in a comment: one line, whatever a translation holds.
QString comment(QString text)
{
    for (QChar &ch : text) {
        if (ch.unicode() < 0x20)
            ch = u' ';
    }
    return u"# "_s + text;
}

class Writer
{
public:
    explicit Writer(const ScriptPlan &plan) : p(plan), m_rules(plan.rules, plan.rulesEncoding, plan.checksum) {}

    QString write()
    {
        QStringList body;
        switch (p.role) {
        case Role::TcpServer: tcpServer(body); break;
        case Role::TcpClient: tcpClient(body); break;
        case Role::UdpServer: udpServer(body); break;
        case Role::UdpClient: udpClient(body); break;
        }
        QStringList out;
        out << u"#!/usr/bin/env python3"_s;
        out << comment(ScriptPlan::tr("%1, as a Python program.").arg(p.title()));
        out << comment(howToRun());
        for (const QString &note : p.notes)
            out << comment(note);
        out << u"import socket"_s;
        if (m_struct)
            out << u"import struct"_s;
        if (m_html)
            out << u"import html"_s;
        if (!p.rules.isEmpty())
            out << m_rules.imports();
        out << QString();
        out << m_constants;
        if (!m_constants.isEmpty())
            out << QString();
        for (const QStringList &helper : std::as_const(m_helpers))
            out << QString() << helper << QString();
        if (!m_helpers.isEmpty())
            out << QString();
        out << body;
        return out.join(u'\n') + u'\n';
    }

private:
    QString howToRun() const
    {
        if (p.isServer())
            return ScriptPlan::tr("Stop the tab first (they cannot both have the port), run this, then start the clients.");
        return ScriptPlan::tr("Run it while the server listens; it prints what comes back and ends.");
    }

    QString family() const { return p.isIPv6() ? u"socket.AF_INET6"_s : u"socket.AF_INET"_s; }

    QString target() const { return NarratorPhrases::pythonTarget(p.targetHost, p.targetPort); }

    // x with the framing's header or delimiter, as the receiver cuts it.
    QString framed(const QString &x)
    {
        switch (p.framing.kind) {
        case FramingSpec::Kind::LengthPrefix: {
            m_struct = true;
            const QString n = p.framing.lengthIncludesHeader ? u"len(%1) + %2"_s.arg(x).arg(p.framing.lengthWidth)
                                                             : u"len(%1)"_s.arg(x);
            return u"struct.pack('%1', %2) + %3"_s.arg(p.framing.structFormat(), n, x);
        }
        case FramingSpec::Kind::Delimiter:
            return x + u" + "_s + lit(p.framing.delimiter);
        case FramingSpec::Kind::FixedSize:
        case FramingSpec::Kind::None:
            break;
        }
        return x;
    }

    QString outgoing(const QString &x) { return p.framedSend() ? framed(x) : x; }

    void list(const QString &name, const QList<QByteArray> &items, const QString &why)
    {
        m_constants << comment(why);
        if (items.isEmpty()) {
            m_constants << u"%1 = []"_s.arg(name);
            return;
        }
        m_constants << u"%1 = ["_s.arg(name);
        for (const QByteArray &item : items)
            m_constants << u"    %1,"_s.arg(lit(item));
        m_constants << u"]"_s;
        if (p.messagesNotKept > 0 && !std::exchange(m_toldNotKept, true))
            m_constants << comment(ScriptPlan::tr("… and %1 more calls (%2 bytes) not kept")
                                       .arg(p.messagesNotKept).arg(p.bytesNotKept));
        if (p.messageCut && !std::exchange(m_toldCut, true))
            m_constants << comment(ScriptPlan::tr("Long messages keep only their first %1 bytes here.")
                                       .arg(SocketNarrator::kMaxScriptPayload));
    }

    void recvExactlyHelper()
    {
        if (m_recvExactly)
            return;
        m_recvExactly = true;
        m_helpers << QStringList{
            u"def recv_exactly(sock, n):"_s,
            u"    "_s + comment(ScriptPlan::tr("recv() returns what has arrived, maybe less than n bytes "
                                                     "(TCP is a byte stream): loop until all n are in.")),
            u"    data = b''"_s,
            u"    while len(data) < n:"_s,
            u"        chunk = sock.recv(n - len(data))"_s,
            u"        if not chunk:"_s,
            u"            return None  "_s + comment(ScriptPlan::tr("the peer closed first")),
            u"        data += chunk"_s,
            u"    return data"_s,
        };
    }

    void httpHelper()
    {
        m_html = true;
        const QString cs = p.httpCharset;
        m_helpers << QStringList{
            u"def http_response(head):"_s,
            u"    "_s + comment(ScriptPlan::tr("The request line is METHOD TARGET VERSION.")),
            u"    method, target = (head.split(b'\\r\\n', 1)[0].split(b' ') + [b'', b''])[:2]"_s,
            u"    sent = html.escape((method + b' ' + target).decode('ascii', 'backslashreplace'))"_s,
            u"    page = ('<!DOCTYPE html>\\n<html>\\n<head>\\n<meta charset=\"%1\">\\n'"_s.arg(cs),
            u"            '<title>Socket Workbench</title>\\n</head>\\n<body>\\n'"_s,
            u"            '<h1>Hello from Socket Workbench</h1>\\n'"_s,
            u"            '<p>You sent: <code>' + sent + '</code></p>\\n'"_s,
            u"            '</body>\\n</html>\\n').encode('%1')"_s.arg(cs),
            u"    body = b'' if method == b'HEAD' else page  "_s
                + comment(ScriptPlan::tr("HEAD: the same headers, no body")),
            u"    return (b'HTTP/1.1 200 OK\\r\\n'"_s,
            u"            b'Content-Type: text/html; charset=%1\\r\\n'"_s.arg(cs),
            u"            b'Content-Length: ' + str(len(page)).encode() + b'\\r\\n'"_s,
            u"            b'Connection: close\\r\\n'"_s,
            u"            b'\\r\\n' + body)"_s,
        };
    }

    // Reads `sock` message by message (cut by the framing) until the peer
    // closes, running `each` with the message in `data`.
    QStringList receiveLoop(const QString &sock, const QStringList &each, const QString &closed)
    {
        QStringList out;
        const auto add = [&out](const QString &indent, const QStringList &lines) {
            for (const QString &l : lines)
                out << indent + l;
        };
        const QString stop = u"print(%1)"_s.arg(closed);
        switch (p.framedReceive() ? p.framing.kind : FramingSpec::Kind::None) {
        case FramingSpec::Kind::None:
            out << u"while True:"_s;
            out << u"    data = %1.recv(4096)"_s.arg(sock);
            out << u"    if not data:  "_s + comment(ScriptPlan::tr("b'': the peer closed the connection"));
            out << u"        "_s + stop << u"        break"_s;
            add(u"    "_s, each);
            break;
        case FramingSpec::Kind::LengthPrefix: {
            recvExactlyHelper();
            m_struct = true;
            const int w = p.framing.lengthWidth;
            out << u"while True:"_s;
            out << u"    header = recv_exactly(%1, %2)  "_s.arg(sock).arg(w)
                       + comment(ScriptPlan::tr("the %1-byte length first").arg(w));
            out << u"    if header is None:"_s << u"        "_s + stop << u"        break"_s;
            out << u"    (length,) = struct.unpack('%1', header)"_s.arg(p.framing.structFormat());
            if (p.framing.lengthIncludesHeader)
                out << u"    length -= %1  "_s.arg(w) + comment(ScriptPlan::tr("it counted the header too"));
            out << u"    if length > %1:"_s.arg(p.framing.maxFrameBytes);
            out << u"        print('a message of', length, 'bytes is too long: stop')"_s << u"        break"_s;
            out << u"    data = recv_exactly(%1, length)"_s.arg(sock);
            out << u"    if data is None:"_s << u"        "_s + stop << u"        break"_s;
            add(u"    "_s, each);
            break;
        }
        case FramingSpec::Kind::FixedSize:
            recvExactlyHelper();
            out << u"while True:"_s;
            out << u"    data = recv_exactly(%1, %2)  "_s.arg(sock).arg(p.framing.fixedSize)
                       + comment(ScriptPlan::tr("every message is %1 bytes").arg(p.framing.fixedSize));
            out << u"    if data is None:"_s << u"        "_s + stop << u"        break"_s;
            add(u"    "_s, each);
            break;
        case FramingSpec::Kind::Delimiter: {
            const QString d = lit(p.framing.delimiter);
            out << u"buffer = b''  "_s + comment(ScriptPlan::tr("bytes of a message whose delimiter has not come yet"));
            out << u"while True:"_s;
            out << u"    chunk = %1.recv(4096)"_s.arg(sock);
            out << u"    if not chunk:"_s << u"        "_s + stop << u"        break"_s;
            out << u"    buffer += chunk"_s;
            out << u"    while %1 in buffer:"_s.arg(d);
            out << u"        data, buffer = buffer.split(%1, 1)"_s.arg(d);
            add(u"        "_s, each);
            break;
        }
        }
        return out;
    }

    QString templateExpr() const
    {
        QStringList terms;
        for (qsizetype i = 0; i < p.templateParts.size(); ++i) {
            if (i > 0)
                terms << u"data"_s;
            if (!p.templateParts[i].isEmpty())
                terms << lit(p.templateParts[i]);
        }
        return terms.isEmpty() ? u"b''"_s : terms.join(u" + "_s);
    }

    // --- Reply rules (issue 20) ------------------------------------------------
    // The rules as one function, answer(data, state, send), called with every
    // message; `state` is the peer's own ({counter}).
    QStringList rulesAnswer(const std::function<QString(const QString &)> &send)
    {
        if (!std::exchange(m_rulesWritten, true)) {
            if (m_rules.usesHttp())
                httpHelper();
            if (const QStringList sums = m_rules.helpers(); !sums.isEmpty())
                m_helpers << sums;
            m_helpers << m_rules.answerFunction([this](const QString &x) { return outgoing(x); });
        }
        // conn.sendall as it is; a call with more arguments as a lambda.
        QString callable = send(u"reply"_s);
        if (callable.endsWith(u"(reply)"_s))
            callable.chop(7);
        else
            callable = u"lambda reply: "_s + callable;
        if (p.isUdp())
            return {u"answer(data, state, %1)"_s.arg(callable)};
        if (p.isServer())
            return {u"if answer(data, state, %1):"_s.arg(callable), u"    return  "_s + comment(ScriptPlan::tr("a rule closes the connection"))};
        return {u"if answer(data, state, %1):"_s.arg(callable),
                u"    client.shutdown(socket.SHUT_RDWR)  "_s
                    + comment(ScriptPlan::tr("a rule closes the connection: the next recv() gives b''"))};
    }

    QString ruleState() const
    {
        return u"state = {'counter': 0}  "_s + comment(ScriptPlan::tr("this peer's own count of replies"));
    }

    // What the program does with each message `data` from `peer`; send(x)
    // writes the call that sends x back.
    QStringList answer(const std::function<QString(const QString &)> &send)
    {
        QStringList out;
        if (!p.rules.isEmpty())
            return rulesAnswer(send);
        switch (p.reply) {
        case Mode::Echo:
            out << send(outgoing(u"data"_s)) + u"  "_s + comment(ScriptPlan::tr("echo: the same bytes back"));
            break;
        case Mode::Template:
            out << u"reply = %1  "_s.arg(templateExpr()) + comment(ScriptPlan::tr("the reply template"));
            out << send(outgoing(u"reply"_s));
            break;
        case Mode::Http:
            out << send(u"http_response(data)"_s);
            break;
        case Mode::None:
            if (!p.messages.isEmpty()) {
                out << u"if replies:"_s;
                out << u"    "_s + send(outgoing(u"replies.pop(0)"_s));
            }
            break;
        }
        return out;
    }

    void serverConstants(const QString &countName, const QString &countWhy)
    {
        m_constants << u"%1 = %2  "_s.arg(countName).arg(p.serveCount) + comment(countWhy);
        m_constants << u"TIMEOUT = %1  "_s.arg(ScriptPlan::kServerTimeoutSeconds)
                           + comment(ScriptPlan::tr("seconds to wait for the next one: the program ends on its own"));
        if (!p.greeting.isEmpty())
            m_constants << u"GREETING = %1"_s.arg(lit(p.greeting));
        if (!p.opening.isEmpty())
            list(u"OPENING"_s, p.opening, ScriptPlan::tr("Typed in the tab before the client said anything: sent right after accept()."));
        if (p.reply == Mode::None && !p.messages.isEmpty())
            list(u"REPLIES"_s, p.messages, ScriptPlan::tr("Typed in the tab: one sent after each message received."));
    }

    QStringList bind(const QString &sock, const Endpoint &at, const QString &why)
    {
        return {u"try:"_s,
                u"    %1.bind(%2)  "_s.arg(sock, NarratorPhrases::pythonAddress(at)) + comment(why),
                u"except OSError as e:"_s,
                u"    print('bind() failed:', e)"_s,
                u"    raise SystemExit(1)"_s};
    }

    void tcpServer(QStringList &out)
    {
        serverConstants(u"CLIENTS"_s, ScriptPlan::tr("the tab served %1: serve as many, one after another, then end")
                                          .arg(p.serveCount));
        QStringList serve{u"def serve(conn):"_s};
        if (p.reply == Mode::Http) {
            httpHelper();
            serve << u"    "_s + comment(ScriptPlan::tr("Read the request up to the blank line that ends its headers."));
            serve << u"    request = b''"_s;
            serve << u"    while b'\\r\\n\\r\\n' not in request:"_s;
            serve << u"        chunk = conn.recv(4096)"_s;
            serve << u"        if not chunk:"_s;
            serve << u"            print('the client closed before a whole request came')"_s;
            serve << u"            return"_s;
            serve << u"        request += chunk"_s;
            serve << u"    head = request.split(b'\\r\\n\\r\\n', 1)[0]"_s;
            serve << u"    print('received', head)"_s;
            serve << u"    conn.sendall(http_response(head))  "_s
                         + comment(ScriptPlan::tr("Connection: close, so the page ends where the connection does"));
        } else {
            if (!p.greeting.isEmpty())
                serve << u"    conn.sendall(GREETING)  "_s + comment(ScriptPlan::tr("the greeting, right after accept()"));
            if (!p.opening.isEmpty()) {
                serve << u"    for message in OPENING:"_s;
                serve << u"        conn.sendall(%1)"_s.arg(outgoing(u"message"_s));
            }
            if (p.reply == Mode::None && !p.messages.isEmpty())
                serve << u"    replies = list(REPLIES)"_s;
            if (!p.rules.isEmpty())
                serve << u"    "_s + ruleState();
            QStringList each{u"print('received', data)"_s};
            each << answer([](const QString &x) { return u"conn.sendall(%1)"_s.arg(x); });
            for (const QString &l : receiveLoop(u"conn"_s, each, u"'the client closed the connection'"_s))
                serve << u"    "_s + l;
        }
        m_helpers << serve;

        out << u"server = socket.socket(%1, socket.SOCK_STREAM)"_s.arg(family());
        if (p.reuseAddress)
            out << u"server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  "_s
                       + comment(ScriptPlan::tr("a restart can bind while old connections sit in TIME_WAIT"));
        else
            out << comment(ScriptPlan::tr("No SO_REUSEADDR, as in the tab: bind() fails while old connections "
                                          "of the port sit in TIME_WAIT."));
        out << bind(u"server"_s, p.local, ScriptPlan::tr("where the clients connect: %1").arg(p.local.toString()));
        out << u"server.listen(%1)"_s.arg(p.backlog);
        out << u"server.settimeout(TIMEOUT)"_s;
        out << u"print('listening on', server.getsockname())"_s;
        out << QString();
        out << u"for served in range(CLIENTS):"_s;
        out << u"    try:"_s;
        out << u"        conn, addr = server.accept()  "_s
                   + comment(ScriptPlan::tr("a new socket for each client"));
        out << u"    except socket.timeout:"_s;
        out << u"        print('no client came for', TIMEOUT, 's')"_s;
        out << u"        break"_s;
        out << u"    print('accepted', addr)"_s;
        if (p.noDelay)
            out << u"    conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)  "_s
                       + comment(ScriptPlan::tr("Nagle off: each small send goes out at once"));
        out << u"    conn.settimeout(TIMEOUT)"_s;
        out << u"    try:"_s;
        out << u"        serve(conn)"_s;
        out << u"    except socket.timeout:"_s;
        out << u"        print('the client sent nothing for', TIMEOUT, 's')"_s;
        out << u"    except ConnectionResetError as e:"_s;
        out << u"        print('reset by the client:', e)"_s;
        out << u"    except BrokenPipeError as e:"_s;
        out << u"        print('the client is gone:', e)"_s;
        out << u"    conn.close()"_s;
        out << u"    print('closed', addr)"_s;
        out << u"server.close()"_s;
    }

    void clientConstants()
    {
        m_constants << u"TIMEOUT = %1  "_s.arg(ScriptPlan::kClientTimeoutSeconds)
                           + comment(ScriptPlan::tr("seconds to wait for more: the program ends on its own"));
        list(u"MESSAGES"_s, p.messages, ScriptPlan::tr("What you sent from the tab, in order."));
    }

    void tcpClient(QStringList &out)
    {
        clientConstants();
        out << u"client = socket.socket(%1, socket.SOCK_STREAM)"_s.arg(family());
        out << u"client.settimeout(TIMEOUT)  "_s + comment(ScriptPlan::tr("connect() and recv() wait at most TIMEOUT seconds"));
        if (!p.local.isNull())
            out << bind(u"client"_s, p.local, ScriptPlan::tr("the tab was bound to %1; a client rarely needs bind()").arg(p.local.toString()));
        out << u"try:"_s;
        out << u"    client.connect(%1)"_s.arg(target());
        out << u"except OSError as e:"_s;
        out << u"    print('connect() failed:', e)"_s;
        out << u"    raise SystemExit(1)"_s;
        out << u"print('connected from', client.getsockname())"_s
                   + (p.local.isNull() ? u"  "_s + comment(ScriptPlan::tr("no bind(): the OS chose the port")) : QString());
        if (p.noDelay)
            out << u"client.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)  "_s
                       + comment(ScriptPlan::tr("Nagle off: each small send goes out at once"));
        out << u"for message in MESSAGES:"_s;
        out << u"    client.sendall(%1)"_s.arg(outgoing(u"message"_s));
        out << u"    print('sent', message)"_s;
        if (p.halfClose)
            out << u"client.shutdown(socket.SHUT_WR)  "_s + comment(ScriptPlan::tr("FIN: done sending, still reading"));
        QStringList each{u"print('received', data)"_s};
        if (!p.rules.isEmpty()) {
            out << ruleState();
            each << answer([](const QString &x) { return u"client.sendall(%1)"_s.arg(x); });
        }
        out << u"try:"_s;
        for (const QString &l : receiveLoop(u"client"_s, each, u"'the server closed the connection'"_s))
            out << u"    "_s + l;
        out << u"except socket.timeout:"_s;
        out << u"    print('nothing more came for', TIMEOUT, 's')"_s;
        out << u"except ConnectionResetError as e:"_s;
        out << u"    print('reset by the server:', e)"_s;
        out << u"client.close()"_s;
    }

    void sendMessages(QStringList &out)
    {
        out << u"for message in MESSAGES:"_s;
        out << u"    sock.sendto(message, %1)"_s.arg(target());
        out << u"    print('sent', message)"_s;
    }

    void udpServer(QStringList &out)
    {
        serverConstants(u"DATAGRAMS"_s, ScriptPlan::tr("the tab received %1: answer as many, then end").arg(p.serveCount));
        const bool toTarget = p.targetPort != 0 && !p.targetHost.isEmpty() && !p.messages.isEmpty();
        if (toTarget)
            list(u"MESSAGES"_s, p.messages, ScriptPlan::tr("What you sent from the tab, in order."));
        if (p.reply == Mode::Http)
            httpHelper();
        out << u"sock = socket.socket(%1, socket.SOCK_DGRAM)"_s.arg(family());
        out << bind(u"sock"_s, p.local, ScriptPlan::tr("the port the clients send to: %1").arg(p.local.toString()));
        out << u"sock.settimeout(TIMEOUT)"_s;
        out << u"print('bound to', sock.getsockname())"_s;
        if (toTarget)
            sendMessages(out);
        else if (p.reply == Mode::None && !p.messages.isEmpty())
            out << u"replies = list(REPLIES)"_s;
        if (!p.rules.isEmpty())
            out << u"states = {}"_s;
        out << QString();
        out << u"for received in range(DATAGRAMS):"_s;
        out << u"    try:"_s;
        out << u"        data, addr = sock.recvfrom(65535)  "_s
                   + comment(ScriptPlan::tr("one datagram, and who sent it"));
        out << u"    except socket.timeout:"_s;
        out << u"        print('no datagram came for', TIMEOUT, 's')"_s;
        out << u"        break"_s;
        out << u"    print('received', data, 'from', addr)"_s;
        if (!p.rules.isEmpty())
            out << u"    state = states.setdefault(addr, {'counter': 0})  "_s
                       + comment(ScriptPlan::tr("each sender counts its own replies"));
        for (const QString &l : answer([](const QString &x) { return u"sock.sendto(%1, addr)"_s.arg(x); }))
            out << u"    "_s + l;
        out << u"sock.close()"_s;
    }

    void udpClient(QStringList &out)
    {
        clientConstants();
        out << u"sock = socket.socket(%1, socket.SOCK_DGRAM)"_s.arg(family());
        if (!p.local.isNull())
            out << bind(u"sock"_s, p.local, ScriptPlan::tr("the port you chose for the tab: %1").arg(p.local.toString()));
        else
            out << comment(ScriptPlan::tr("No bind(): the first sendto() gets a port the OS chooses, as the tab did."));
        out << u"sock.settimeout(TIMEOUT)  "_s + comment(ScriptPlan::tr("recvfrom() waits at most TIMEOUT seconds"));
        sendMessages(out);
        out << u"try:"_s;
        out << u"    while True:"_s;
        out << u"        data, addr = sock.recvfrom(65535)"_s;
        out << u"        print('received', data, 'from', addr)"_s;
        out << u"except socket.timeout:"_s;
        out << u"    print('nothing more came for', TIMEOUT, 's')"_s;
        out << u"except ConnectionRefusedError as e:"_s;
        out << u"    print('nobody listens there:', e)"_s;
        out << u"sock.close()"_s;
    }

    const ScriptPlan &p;
    PythonRules m_rules;
    bool m_rulesWritten = false;
    QStringList m_constants;
    QList<QStringList> m_helpers;
    bool m_struct = false;
    bool m_html = false;
    bool m_recvExactly = false;
    bool m_toldNotKept = false;
    bool m_toldCut = false;
};

} // namespace

QString PythonScriptWriter::write(const ScriptPlan &plan)
{
    return Writer(plan).write();
}
