#include "core/teach/LessonLibrary.h"

#include "core/framing/FramingSpec.h"
#include "core/net/TcpClientSession.h"
#include "core/net/TcpServerSession.h"
#include "core/net/UdpSession.h"
#include "core/reply/AutoReply.h"
#include "core/reply/ReplyRules.h"
#include "core/workbench/Workbench.h"

#include <QCoreApplication>

#include <memory>

namespace {
// Every lesson configures its sessions through their settings before they
// are shown, so the tabs show exactly what the sessions do.
TcpServerSession *startServer(Workbench *w, SessionSettings settings)
{
    const quint16 port = settings.listenPort;
    TcpServerSession *s = w->addTcpServer(settings);
    if (!s->start() && port != 0) {
        // The well-known port is taken: any free one teaches the same.
        s->setPort(0);
        s->start();
    }
    return s;
}

TcpServerSession *startServer(Workbench *w, const QString &reply, quint16 port = 0)
{
    SessionSettings settings;
    settings.rules = ReplyRules::fromReplySpec(reply);
    settings.listenPort = port;
    return startServer(w, settings);
}

SessionSettings clientOf(TcpServerSession *server)
{
    SessionSettings settings;
    settings.host = QStringLiteral("127.0.0.1");
    settings.port = server->listenEndpoint().port;
    return settings;
}

TcpClientSession *connectClient(Workbench *w, TcpServerSession *server)
{
    TcpClientSession *c = w->addTcpClient(clientOf(server));
    c->start();
    return c;
}

// The flow-control lesson's flood: bounded, 25 MiB in 8 s.
constexpr int kFloodBlock = 64 * 1024;
constexpr int kFloodCount = 400;
constexpr int kFloodIntervalMs = 20;

QString where(TcpServerSession *s)
{
    return s->listenEndpoint().toString();
}
} // namespace

QList<LessonLibrary::Lesson> LessonLibrary::all()
{
    return {
        {QStringLiteral("echo"), tr("Echo server and a client")},
        {QStringLiteral("chat"), tr("Chat: server tab and client tab take turns")},
        {QStringLiteral("http-page"), tr("“Hello World” web page for a browser")},
        {QStringLiteral("http-get"), tr("Raw HTTP GET client: read until the server closes")},
        {QStringLiteral("udp-echo"), tr("UDP echo: datagrams, no connection")},
        {QStringLiteral("welcome"), tr("Welcome message and Hello,{data}! replies")},
        {QStringLiteral("sticky"), tr("Sticky packets: three sends, one recv()")},
        {QStringLiteral("sticky-fixed"), tr("Sticky packets fixed: 4-byte length prefix")},
        {QStringLiteral("reuse"), tr("Port reuse: restart a server with clients connected")},
        {QStringLiteral("backlog"), tr("The backlog queue: connect while nobody calls accept()")},
        {QStringLiteral("time-wait"), tr("TIME_WAIT and SO_REUSEADDR: restart without, then with it")},
        {QStringLiteral("flow-control"), tr("Flow control: stop calling recv() on a flood")},
    };
}

QString LessonLibrary::setUp(const QString &id, Workbench *w)
{
    if (id == QStringLiteral("echo")) {
        TcpServerSession *s = startServer(w, QStringLiteral("echo"));
        connectClient(w, s);
        return tr("<h3>Echo server</h3><p>The server tab listens on <b>%1</b> (socket, bind, listen) and answers "
                  "every read with the same bytes. The client tab connected without bind(): the OS chose its "
                  "local port — see it in the client tab and in the server's client table.</p>"
                  "<p>Type in the client tab's send box and press Ctrl+Enter: the bytes go out, come back, and "
                  "both traffic views show them. Open the <i>Socket lifecycle</i> tab to see the same steps "
                  "as Python calls.</p>").arg(where(s));
    }
    if (id == QStringLiteral("chat")) {
        TcpServerSession *s = startServer(w, QString());
        connectClient(w, s);
        return tr("<h3>Chat</h3><p>A server on <b>%1</b> and a client connected to it; nothing answers "
                  "automatically. Send from the client tab, then from the server tab: one connection carries "
                  "bytes both ways.</p>").arg(where(s));
    }
    if (id == QStringLiteral("http-page")) {
        TcpServerSession *s = startServer(w, QStringLiteral("http"), 8080);
        return tr("<h3>A web page is bytes over TCP</h3><p>Open <b>http://%1/</b> in a browser (or run "
                  "<code>curl -v http://%1/</code>). The browser connects, sends a request "
                  "(<code>GET / HTTP/1.1</code> and headers), and the server answers "
                  "<code>HTTP/1.1 200 OK</code>, headers, an empty line, and the HTML — all visible in the "
                  "traffic view.</p>").arg(where(s));
    }
    if (id == QStringLiteral("http-get")) {
        TcpServerSession *s = startServer(w, QStringLiteral("http"));
        TcpClientSession *c = w->addTcpClient(clientOf(s));
        const QByteArray request = "GET / HTTP/1.0\r\nHost: " + s->listenEndpoint().toString().toLatin1() + "\r\n\r\n";
        QObject::connect(c, &TcpClientSession::connected, c, [c, request] { c->send(request); });
        c->start();
        return tr("<h3>Raw HTTP client</h3><p>The client tab sent <code>GET / HTTP/1.0</code> to <b>%1</b> "
                  "and reads until the server closes: an HTTP/1.0 answer ends with the close "
                  "(<code>recv()</code> returns <code>b''</code>). In the client's traffic, the headers end at "
                  "the first <code>\\r\\n\\r\\n</code>; the body follows.</p>").arg(where(s));
    }
    if (id == QStringLiteral("udp-echo")) {
        SessionSettings echo;
        echo.bindAddress = QHostAddress(QHostAddress::LocalHost);
        echo.rules = ReplyRules::fromReplySpec(QStringLiteral("echo"));
        UdpSession *server = w->addUdp(echo);
        server->start();
        SessionSettings sender;
        sender.bindAddress = QHostAddress(QHostAddress::LocalHost);
        sender.targetHost = QStringLiteral("127.0.0.1");
        sender.targetPort = server->localEndpoint().port;
        UdpSession *client = w->addUdp(sender);
        client->start();
        return tr("<h3>UDP echo</h3><p>One UDP socket is bound to <b>%1</b> and echoes every datagram to "
                  "its sender (recvfrom gives the data <i>and</i> the address; sendto answers it). The other "
                  "tab sends to it: no connect, no accept — each datagram stands alone, keeps its boundaries, "
                  "and carries at most 65,507 bytes over IPv4.</p>").arg(server->localEndpoint().toString());
    }
    if (id == QStringLiteral("welcome")) {
        SessionSettings settings;
        settings.greeting = QStringLiteral("Welcome!\\r\\n");
        settings.rules = ReplyRules::fromReplySpec(QStringLiteral("Hello,{data}!"));
        TcpServerSession *s = startServer(w, settings);
        connectClient(w, s);
        return tr("<h3>Greeting and templated replies</h3><p>The server on <b>%1</b> speaks first: "
                  "<code>Welcome!</code> right after accept(). Then each message gets "
                  "<code>Hello,&lt;message&gt;!</code>. Send <code>Tracy</code> from the client tab.</p>").arg(where(s));
    }
    if (id == QStringLiteral("sticky") || id == QStringLiteral("sticky-fixed")) {
        const bool fixed = id == QStringLiteral("sticky-fixed");
        SessionSettings serverSettings;
        if (fixed)
            serverSettings.framing = FramingSpec::lengthPrefix(4);
        TcpServerSession *s = startServer(w, serverSettings);
        SessionSettings clientSettings = clientOf(s);
        if (fixed) {
            clientSettings.framing = FramingSpec::lengthPrefix(4);
            clientSettings.frameOutgoing = true;
        }
        TcpClientSession *c = w->addTcpClient(clientSettings);
        QObject::connect(c, &TcpClientSession::connected, c, [c] {
            for (const char *word : {"hello", "sticky", "packets"})
                c->send(word);
        });
        c->start();
        if (!fixed)
            return tr("<h3>Sticky packets</h3><p>The client sent <code>hello</code>, <code>sticky</code> and "
                      "<code>packets</code> with three quick send() calls to <b>%1</b>. On the server they "
                      "usually arrive as <i>one</i> read: TCP is a byte stream and keeps no message boundaries. "
                      "Select the data row in the server tab and open <i>Byte stream</i>: the client's three "
                      "send boundaries are drawn above the reads; try recv(4).</p>").arg(where(s));
        return tr("<h3>The fix: a length prefix</h3><p>Both tabs use <code>length:4</code> framing: each "
                  "message is sent as <code>struct.pack('!I', len(data)) + data</code>. The server reads the "
                  "4-byte header, then exactly that many bytes, so the three messages come out as three "
                  "<i>frame</i> rows whatever the reads were (server on <b>%1</b>).</p>").arg(where(s));
    }
    if (id == QStringLiteral("reuse")) {
        TcpServerSession *s = startServer(w, QString());
        connectClient(w, s);
        connectClient(w, s);
        return tr("<h3>Port reuse</h3><p>A server on <b>%1</b> with two clients connected. Press Stop on the "
                  "server tab: it closes the connections first, so they wait in TIME_WAIT on port %2. Press "
                  "Start at once: it listens on the same port again, because the socket sets SO_REUSEADDR "
                  "before bind(). Without it, bind() fails with “Address already in use” for about a "
                  "minute.</p>").arg(where(s)).arg(s->listenEndpoint().port);
    }
    if (id == QStringLiteral("backlog")) {
        SessionSettings settings;
        settings.backlog = 2;
        settings.pauseAccept = true;
        TcpServerSession *s = startServer(w, settings);
        for (int i = 0; i < 4; ++i) {
            SessionSettings client = clientOf(s);
            client.connectTimeoutMs = 60000;   // long enough to watch the SYN being retried
            w->addTcpClient(client)->start();
        }
        return tr("<h3>The backlog queue</h3><p>The server on <b>%1</b> called <code>listen(2)</code> and then "
                  "<b>stopped calling accept()</b>: <i>Pause accept()</i> is ticked on its tab. Four clients "
                  "connect. Open the server's <i>TCP states</i> tab.</p>"
                  "<p>The kernel finishes the three-way handshake by itself, without the program: a finished "
                  "connection waits in the <b>accept queue</b> until accept() takes it. On Linux "
                  "<code>backlog</code> limits this queue (at most <code>net.core.somaxconn</code>), and it "
                  "admits backlog + 1: three clients are connected — their tabs say so — although the server "
                  "has accepted none and its clients table is empty. While the queue is full the fourth "
                  "client's SYN is dropped: its tab stays at <i>Connecting…</i>, and its <i>TCP states</i> tab "
                  "shows SYN_SENT and the SYN being sent again, first after a second, then at growing "
                  "intervals (Linux 6.5 and later send the first few a second apart: "
                  "<code>net.ipv4.tcp_syn_linear_timeouts</code>).</p>"
                  "<p>Untick <i>Pause accept()</i>: accept() empties the queue into the clients table, and the "
                  "fourth client's next SYN gets in.</p>"
                  "<p>The <b>SYN queue</b> — what tutorials call the half-connection pool — holds connections "
                  "whose handshake is not finished (SYN received, SYN+ACK sent, the ACK not back yet). "
                  "<code>backlog</code> does not limit it: <code>net.ipv4.tcp_max_syn_backlog</code> does, and "
                  "with SYN cookies (<code>net.ipv4.tcp_syncookies</code>) a full SYN queue answers without "
                  "keeping state instead of dropping. On loopback a handshake takes microseconds, so it is "
                  "nearly always empty.</p>").arg(where(s));
    }
    if (id == QStringLiteral("time-wait")) {
        SessionSettings settings;
        settings.reuseAddress = false;
        TcpServerSession *s = startServer(w, settings);
        SessionSettings client = clientOf(s);
        client.keepOpenOnPeerFin = false;   // closes at the server's FIN, so the server's end gets TIME_WAIT
        w->addTcpClient(client)->start();
        return tr("<h3>TIME_WAIT and SO_REUSEADDR</h3><p>The server on <b>%1</b> listens <b>without</b> "
                  "SO_REUSEADDR (unticked on its tab), and a client is connected.</p><ol>"
                  "<li>On the server tab select the connection in the clients table and open <i>TCP "
                  "states</i>. Press <b>Stop</b>: the server closes first, so its end of the connection "
                  "goes FIN_WAIT_1, FIN_WAIT_2 and then waits in <b>TIME_WAIT</b> for 60 seconds — twice the "
                  "longest a segment may live, so nothing late from this connection can be taken for part "
                  "of a new one with the same addresses and ports.</li>"
                  "<li>Press <b>Start</b>: bind() fails with EADDRINUSE. No program listens on port %2 any "
                  "more, but the socket in TIME_WAIT still holds it, and the error names it.</li>"
                  "<li>Tick <b>SO_REUSEADDR</b> and press Start: it <i>still</i> fails. Linux lets bind() pass "
                  "a socket in TIME_WAIT only when both the old socket and the new one set SO_REUSEADDR, and "
                  "the old one did not. When the <i>TCP states</i> tab shows the time is up, Start "
                  "listens.</li>"
                  "<li>Now with SO_REUSEADDR on: press <b>Connect</b> on the client tab, then Stop and Start "
                  "on the server tab. It listens at once, although the connection waits in TIME_WAIT again. "
                  "That is why servers call <code>setsockopt(SOL_SOCKET, SO_REUSEADDR, 1)</code> before "
                  "bind() (see the narration and <i>Copy as Python script</i>). It never lets two programs "
                  "listen on the same port.</li></ol>").arg(where(s)).arg(s->listenEndpoint().port);
    }
    if (id == QStringLiteral("flow-control")) {
        TcpServerSession *s = startServer(w, QString());
        // Reading stops on the server's end of the lesson's connection as
        // soon as it is accepted (later clients are read as usual).
        auto first = std::make_shared<bool>(true);
        QObject::connect(s, &Session::eventOccurred, s, [s, first](const TrafficEvent &e) {
            if (e.kind == TrafficEvent::Kind::Connected && *first) {
                *first = false;
                s->setReadingPaused(e.connectionId, true);
            }
        });
        TcpClientSession *c = w->addTcpClient(clientOf(s));
        QObject::connect(c, &TcpClientSession::connected, c, [c] {
            c->repeater()->start(QByteArray(kFloodBlock, 'x'), kFloodCount, kFloodIntervalMs,
                                 [c](const QByteArray &p) { return c->send(p); });
        });
        c->start();
        return tr("<h3>Flow control</h3><p>The server on <b>%1</b> accepted a client and <b>stopped calling "
                  "recv()</b> on it: <i>Pause reading</i> is on in the server's <i>TCP states</i> tab for "
                  "that connection. The client sends %2 KiB every %3 ms, %4 times. Watch both <i>TCP "
                  "states</i> tabs:</p><ul>"
                  "<li>the server's <b>receive queue</b> (bytes the kernel holds because nobody reads) grows "
                  "to the size of its receive buffer;</li>"
                  "<li>the window the server advertises shrinks to <b>zero</b> (the client's tab: "
                  "<i>Peer's window</i>);</li>"
                  "<li>then the client's <b>send queue</b> (sent, not acknowledged) fills its send buffer. "
                  "A blocking <code>sendall()</code> would now wait; this tab keeps the rest in its own "
                  "buffer, shown as unsent.</li></ul>"
                  "<p>Untick <i>Pause reading</i>: recv() drains the queue, the window opens, and every byte "
                  "arrives, in order.</p>").arg(where(s)).arg(kFloodBlock / 1024).arg(kFloodIntervalMs).arg(kFloodCount);
    }
    return QString();
}
