#include "core/reply/AutoReply.h"
#include "core/workbench/Version.h"
#include "core/reply/AutoResponder.h"
#include "core/text/TextCodec.h"

#include <QRegularExpression>
#include <QTest>

using namespace Qt::StringLiterals;

class TestAutoReply : public QObject
{
    Q_OBJECT

private slots:
    void modes_data();
    void modes();
    void noneAnswersNothing();
    void echo_data();
    void echo();
    void templates_data();
    void templates();
    void templateErrors_data();
    void templateErrors();
    void httpResponse_data();
    void httpResponse();
    void httpHeadHasNoBody();
    void httpEscapesRequest();
    void httpUtf16Body();
    void httpBadRequest();
    void responderHttpSingle_data();
    void responderHttpSingle();
    void responderHttpBadRequest();
    void responderHttpPipelinedSplitAnywhere_data();
    void responderHttpPipelinedSplitAnywhere();
    void responderIgnoresRequestsAfterClose();
};

using Mode = AutoReply::Mode;

namespace {

struct Response
{
    QByteArray statusLine;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;

    QByteArray header(const QByteArray &name) const
    {
        for (const auto &[key, value] : headers) {
            if (key.compare(name, Qt::CaseInsensitive) == 0)
                return value;
        }
        return {};
    }
    int count(const QByteArray &name) const
    {
        int n = 0;
        for (const auto &header : headers)
            n += header.first.compare(name, Qt::CaseInsensitive) == 0;
        return n;
    }
};

// Reads responses back the way a client does: head up to CRLF CRLF, then
// exactly Content-Length body bytes (none for a HEAD request). Fails the
// test (returns false) on anything a client could not read.
bool readResponses(QByteArray stream, const QList<bool> &isHead, QList<Response> *out)
{
    for (bool head : isHead) {
        const qsizetype end = stream.indexOf("\r\n\r\n");
        if (end < 0)
            return false;
        const QList<QByteArray> lines = stream.first(end).split('\n');
        Response response;
        for (qsizetype i = 0; i < lines.size(); ++i) {
            QByteArray line = lines.at(i);
            if (!line.endsWith('\r') && i + 1 < lines.size())
                return false;  // every line must end with CRLF
            if (line.endsWith('\r'))
                line.chop(1);
            if (i == 0) {
                response.statusLine = line;
                continue;
            }
            const qsizetype colon = line.indexOf(": ");
            if (colon <= 0)
                return false;
            response.headers.append({line.first(colon), line.sliced(colon + 2)});
        }
        stream.remove(0, end + 4);
        bool ok = false;
        const qsizetype length = response.header("Content-Length").toLongLong(&ok);
        if (!ok)
            return false;
        if (!head) {
            if (stream.size() < length)
                return false;
            response.body = stream.first(length);
            stream.remove(0, length);
        }
        out->append(response);
    }
    return stream.isEmpty();  // nothing extra after the last response
}

QByteArray serverHeader()
{
    return QByteArray("SocketWorkbench/") + kAppVersion;
}

} // namespace

void TestAutoReply::modes_data()
{
    QTest::addColumn<QString>("spec");
    QTest::addColumn<Mode>("mode");
    QTest::addColumn<QString>("canonicalSpec");
    QTest::newRow("none") << u"none"_s << Mode::None << u"none"_s;
    QTest::newRow("NONE") << u"NONE"_s << Mode::None << u"none"_s;
    QTest::newRow("empty") << QString() << Mode::None << u"none"_s;
    QTest::newRow("echo") << u"echo"_s << Mode::Echo << u"echo"_s;
    QTest::newRow("Echo") << u"Echo"_s << Mode::Echo << u"echo"_s;
    QTest::newRow("http") << u"http"_s << Mode::Http << u"http"_s;
    QTest::newRow("HTTP") << u"HTTP"_s << Mode::Http << u"http"_s;
    QTest::newRow("template") << u"Hello,{data}!"_s << Mode::Template << u"Hello,{data}!"_s;
    QTest::newRow("fixed template") << u"OK\\r\\n"_s << Mode::Template << u"OK\\r\\n"_s;
    QTest::newRow("echo with space is a template") << u"echo "_s << Mode::Template << u"echo "_s;
}

void TestAutoReply::modes()
{
    QFETCH(QString, spec);
    QFETCH(Mode, mode);
    QFETCH(QString, canonicalSpec);

    QString error = u"stale"_s;
    const AutoReply reply = AutoReply::fromSpec(spec, u"utf8"_s, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(reply.mode(), mode);
    QCOMPARE(reply.isActive(), mode != Mode::None);
    QCOMPARE(reply.spec(), canonicalSpec);
    QCOMPARE(reply.encoding(), u"UTF-8"_s);
    // spec() is the inverse of fromSpec().
    QCOMPARE(AutoReply::fromSpec(reply.spec(), reply.encoding()).mode(), mode);
}

void TestAutoReply::noneAnswersNothing()
{
    AutoResponder responder(AutoReply::fromSpec(u"none"_s, u"UTF-8"_s));
    const AutoResponder::Output out = responder.onData("hello");
    QVERIFY(out.replies.isEmpty());
    QVERIFY(!out.closeAfter);
    QVERIFY(!AutoReply().isActive());
}

void TestAutoReply::echo_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::newRow("text") << QByteArray("hello");
    QTest::newRow("binary with NUL") << QByteArray("\0\xff\r\n\0", 5);
    QTest::newRow("looks like a template") << QByteArray("{data}\\x41");
    QTest::newRow("empty datagram") << QByteArray();
}

void TestAutoReply::echo()
{
    QFETCH(QByteArray, data);
    // The encoding plays no part in echo, not even an unknown one.
    for (const QString &encoding : {u"UTF-8"_s, u"GBK"_s, u"bogus"_s}) {
        QString error;
        const AutoReply reply = AutoReply::fromSpec(u"echo"_s, encoding, &error);
        QVERIFY(error.isEmpty());
        AutoResponder responder(reply);
        const AutoResponder::Output out = responder.onData(data);
        QCOMPARE(out.replies, QList<QByteArray>{data});
        QVERIFY(!out.closeAfter);
        // Every read gets its own echo.
        QCOMPARE(responder.onData(data).replies, QList<QByteArray>{data});
    }
}

void TestAutoReply::templates_data()
{
    QTest::addColumn<QString>("spec");
    QTest::addColumn<QString>("encoding");
    QTest::addColumn<QByteArray>("received");
    QTest::addColumn<QByteArray>("reply");

    QTest::newRow("Hello,{data}!") << u"Hello,{data}!"_s << u"UTF-8"_s << QByteArray("Tracy")
                                   << QByteArray("Hello,Tracy!");
    QTest::newRow("only {data}") << u"{data}"_s << u"UTF-8"_s << QByteArray("abc") << QByteArray("abc");
    QTest::newRow("{data} twice") << u"{data}-{data}"_s << u"UTF-8"_s << QByteArray("ab") << QByteArray("ab-ab");
    QTest::newRow("fixed reply ignores data") << u"OK\\r\\n"_s << u"UTF-8"_s << QByteArray("anything")
                                              << QByteArray("OK\r\n");
    QTest::newRow("escapes around data") << u"\\x02{data}\\x03\\n"_s << u"UTF-8"_s << QByteArray("msg")
                                         << QByteArray("\x02msg\x03\n");
    QTest::newRow("NUL escape") << u"{data}\\0"_s << u"UTF-8"_s << QByteArray("a") << QByteArray("a\0", 2);
    QTest::newRow("received bytes are not re-encoded") << u"[{data}]"_s << u"UTF-16LE"_s
                                                       << QByteArray("\xff\xfe") << QByteArray("[\0\xff\xfe]\0", 6);
    QTest::newRow("GBK template text") << u"你好,{data}!"_s << u"GBK"_s << QByteArray("\xc4\xe3")
                                       << QByteArray::fromHex("c4e3bac32c") + "\xc4\xe3" + "!";
    QTest::newRow("UTF-8 template text") << u"你好,{data}"_s << u"UTF-8"_s << QByteArray("x")
                                         << QByteArray::fromHex("e4bda0e5a5bd2c78");
    // The one template syntax (core/commands/Template.h): {{ is a brace.
    QTest::newRow("braces that are not the placeholder") << u"{{{data}} {{DATA} }"_s << u"UTF-8"_s
                                                         << QByteArray("v") << QByteArray("{v} {DATA} }");
    QTest::newRow("{counter} of the first reply") << u"#{counter:03}"_s << u"UTF-8"_s << QByteArray("x")
                                                   << QByteArray("#001");
    QTest::newRow("{hex:…}") << u"{data}{hex:0d 0a}"_s << u"UTF-8"_s << QByteArray("ok") << QByteArray("ok\r\n");
    QTest::newRow("{random:3} is three bytes") << u"{random:3}"_s << u"UTF-8"_s << QByteArray("x") << QByteArray();
    QTest::newRow("{time:unix} digits") << u"{time:unix}"_s << u"UTF-8"_s << QByteArray("x") << QByteArray();
    QTest::newRow("empty data") << u"Hello,{data}!"_s << u"UTF-8"_s << QByteArray() << QByteArray("Hello,!");
    QTest::newRow("binary data") << u"<{data}>"_s << u"UTF-8"_s << QByteArray("\0\r\n", 3)
                                 << QByteArray("<\0\r\n>", 5);
}

void TestAutoReply::templates()
{
    QFETCH(QString, spec);
    QFETCH(QString, encoding);
    QFETCH(QByteArray, received);
    QFETCH(QByteArray, reply);

    QString error;
    const AutoReply config = AutoReply::fromSpec(spec, encoding, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(config.mode(), Mode::Template);
    QCOMPARE(config.templateText(), spec);
    if (spec.startsWith(u"{random"_s)) {
        QCOMPARE(config.templateReply(received).size(), 3);
        return;
    }
    if (spec.startsWith(u"{time"_s)) {
        bool ok = false;
        QVERIFY(config.templateReply(received).toLongLong(&ok) > 1700000000 && ok);
        return;
    }
    QCOMPARE(config.templateReply(received).toHex(' '), reply.toHex(' '));

    AutoResponder responder(config);
    const AutoResponder::Output out = responder.onData(received);
    QCOMPARE(out.replies.size(), 1);
    QCOMPARE(out.replies.constFirst().toHex(' '), reply.toHex(' '));
    QCOMPARE(out.usedCounter, spec.contains(u"{counter"_s));
    QVERIFY(!out.closeAfter);
}

void TestAutoReply::templateErrors_data()
{
    QTest::addColumn<QString>("spec");
    QTest::addColumn<QString>("encoding");
    QTest::addColumn<QString>("message");

    QTest::newRow("unknown escape before data") << u"Hi\\q{data}"_s << u"UTF-8"_s
                                                << u"Invalid reply template: Unknown escape \\q at line 1, column 3"_s;
    QTest::newRow("unknown escape after data") << u"{data}\\q"_s << u"UTF-8"_s
                                               << u"Unknown escape \\q at line 1, column 7"_s;
    QTest::newRow("after two placeholders") << u"{data}{data}ab\\z"_s << u"UTF-8"_s
                                            << u"Unknown escape \\z at line 1, column 15"_s;
    QTest::newRow("trailing backslash") << u"{data}abc\\"_s << u"UTF-8"_s
                                        << u"Trailing backslash (write \\\\ for a backslash) at line 1, column 10"_s;
    QTest::newRow("backslash before placeholder") << u"a\\{data}"_s << u"UTF-8"_s
                                                  << u"Trailing backslash (write \\\\ for a backslash) at line 1, column 2"_s;
    QTest::newRow("short \\x") << u"ab{data}\\x4"_s << u"UTF-8"_s
                               << u"\\x must be followed by two hex digits at line 1, column 9"_s;
    QTest::newRow("second line") << u"{data}\n\\z"_s << u"UTF-8"_s << u"at line 2, column 1"_s;
    QTest::newRow("unmappable in Latin-1") << u"{data} €"_s << u"ISO-8859-1"_s
                                           << u"(U+20AC) cannot be encoded in ISO-8859-1 at line 1, column 8"_s;
    QTest::newRow("emoji in GBK") << u"😀{data}"_s << u"GBK"_s << u"cannot be encoded in GBK at line 1, column 1"_s;
    QTest::newRow("unknown encoding") << u"Hello,{data}!"_s << u"bogus"_s << u"Unknown encoding \u201cbogus\u201d"_s;
    QTest::newRow("http with unknown encoding") << u"http"_s << u"bogus"_s << u"Unknown encoding"_s;
    // Fields of the one template syntax: a fault names its column.
    QTest::newRow("unknown field") << u"Hi {bogus}"_s << u"UTF-8"_s << u"Invalid reply template: "_s;
    QTest::newRow("unknown field column") << u"Hi {bogus}"_s << u"UTF-8"_s << u"at line 1, column 5"_s;
    QTest::newRow("unclosed field") << u"{data} {counter"_s << u"UTF-8"_s << u"column 8"_s;
    QTest::newRow("random without a count") << u"{random}"_s << u"UTF-8"_s << u"column 1"_s;
    QTest::newRow("bad hex") << u"ok{hex:0g}"_s << u"UTF-8"_s << u"Invalid reply template: "_s;
}

void TestAutoReply::templateErrors()
{
    QFETCH(QString, spec);
    QFETCH(QString, encoding);
    QFETCH(QString, message);

    QString error;
    const AutoReply reply = AutoReply::fromSpec(spec, encoding, &error);
    QVERIFY2(error.contains(message), qPrintable(error));
    QCOMPARE(reply.mode(), Mode::None);
    QVERIFY(!reply.isActive());
    // Without an error pointer it is still refused.
    QCOMPARE(AutoReply::fromSpec(spec, encoding).mode(), Mode::None);
}

void TestAutoReply::httpResponse_data()
{
    QTest::addColumn<QString>("encoding");
    QTest::addColumn<bool>("keepAlive");
    QTest::addColumn<QByteArray>("charset");
    QTest::newRow("UTF-8 keep-alive") << u"UTF-8"_s << true << QByteArray("utf-8");
    QTest::newRow("UTF-8 close") << u"utf8"_s << false << QByteArray("utf-8");
    QTest::newRow("GBK") << u"GBK"_s << true << QByteArray("gbk");
    QTest::newRow("gb2312 is labelled gbk") << u"gb2312"_s << true << QByteArray("gbk");
    QTest::newRow("Shift_JIS") << u"sjis"_s << true << QByteArray("shift_jis");
    QTest::newRow("Latin-1") << u"latin1"_s << false << QByteArray("iso-8859-1");
    QTest::newRow("windows-1252") << u"cp1252"_s << true << QByteArray("windows-1252");
}

void TestAutoReply::httpResponse()
{
    QFETCH(QString, encoding);
    QFETCH(bool, keepAlive);
    QFETCH(QByteArray, charset);

    const AutoReply reply = AutoReply::fromSpec(u"http"_s, encoding);
    QCOMPARE(reply.mode(), Mode::Http);
    QCOMPARE(reply.httpCharset().toLatin1(), charset);
    const QByteArray raw = reply.httpResponse("GET", "/index.html?q=1", keepAlive);
    QVERIFY(raw.startsWith("HTTP/1.1 200 OK\r\n"));

    QList<Response> responses;
    QVERIFY(readResponses(raw, {false}, &responses));
    const Response &response = responses.constFirst();
    QCOMPARE(response.statusLine, QByteArray("HTTP/1.1 200 OK"));
    QCOMPARE(response.header("Content-Type"), "text/html; charset=" + charset);
    QCOMPARE(response.header("Content-Length").toLongLong(), response.body.size());
    QCOMPARE(response.header("Connection"), keepAlive ? QByteArray("keep-alive") : QByteArray("close"));
    QCOMPARE(response.header("Server"), serverHeader());
    QCOMPARE(response.count("Content-Length"), 1);
    QCOMPARE(response.count("Connection"), 1);
    const QRegularExpression date(u"^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \\d\\d (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \\d{4} \\d\\d:\\d\\d:\\d\\d GMT$"_s);
    QVERIFY2(date.match(QString::fromLatin1(response.header("Date"))).hasMatch(), response.header("Date").constData());

    const TextCodec::Decoded page = TextCodec::decode(response.body, encoding);
    QVERIFY(!page.hasErrors());
    QVERIFY(page.text.startsWith(u"<!DOCTYPE html>"_s));
    QVERIFY(page.text.contains(u"<title>Socket Workbench</title>"_s));
    QVERIFY(page.text.contains(u"Hello from Socket Workbench"_s));
    QVERIFY(page.text.contains(u"GET /index.html?q=1"_s));
    QVERIFY(page.text.contains(u"<meta charset=\""_s + QString::fromLatin1(charset) + u"\">"_s));
    QVERIFY(page.text.trimmed().endsWith(u"</html>"_s));
}

void TestAutoReply::httpHeadHasNoBody()
{
    const AutoReply reply = AutoReply::fromSpec(u"http"_s, u"UTF-8"_s);
    const QByteArray get = reply.httpResponse("GET", "/same", true);
    const QByteArray head = reply.httpResponse("HEAD", "/same", true);

    QList<Response> getResponses;
    QList<Response> headResponses;
    QVERIFY(readResponses(get, {false}, &getResponses));
    QVERIFY(readResponses(head, {true}, &headResponses));
    QVERIFY(head.endsWith("\r\n\r\n"));
    QVERIFY(headResponses.constFirst().body.isEmpty());
    // HEAD announces the length GET would send.
    const qint64 announced = headResponses.constFirst().header("Content-Length").toLongLong();
    QVERIFY(announced > 0);
    QCOMPARE(announced, getResponses.constFirst().body.size() + qint64(QByteArray("HEAD").size() - QByteArray("GET").size()));
}

void TestAutoReply::httpEscapesRequest()
{
    const AutoReply reply = AutoReply::fromSpec(u"http"_s, u"UTF-8"_s);
    const QByteArray raw = reply.httpResponse("GET", "/<script>alert(\"x\")</script>&'\xe4\xbd\xa0\x01", false);
    QList<Response> responses;
    QVERIFY(readResponses(raw, {false}, &responses));
    const QByteArray body = responses.constFirst().body;
    QVERIFY(!body.contains("<script>"));
    QVERIFY(body.contains("/&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;%E4%BD%A0%01"));
}

void TestAutoReply::httpUtf16Body()
{
    const AutoReply reply = AutoReply::fromSpec(u"http"_s, u"UTF-16LE"_s);
    QList<Response> responses;
    QVERIFY(readResponses(reply.httpResponse("GET", "/", true), {false}, &responses));
    const Response &response = responses.constFirst();
    QCOMPARE(response.header("Content-Type"), QByteArray("text/html; charset=utf-16le"));
    // Two bytes per character: the headers count bytes, not characters.
    QCOMPARE(response.header("Content-Length").toLongLong(), response.body.size());
    QCOMPARE(response.body.size() % 2, 0);
    QVERIFY(TextCodec::decode(response.body, u"UTF-16LE"_s).text.contains(u"Hello from Socket Workbench"_s));
}

void TestAutoReply::httpBadRequest()
{
    const AutoReply reply = AutoReply::fromSpec(u"http"_s, u"GBK"_s);
    QList<Response> responses;
    QVERIFY(readResponses(reply.httpBadRequest(u"Malformed <line>"_s), {false}, &responses));
    const Response &response = responses.constFirst();
    QCOMPARE(response.statusLine, QByteArray("HTTP/1.1 400 Bad Request"));
    QCOMPARE(response.header("Connection"), QByteArray("close"));
    QCOMPARE(response.header("Content-Type"), QByteArray("text/html; charset=gbk"));
    QCOMPARE(response.header("Content-Length").toLongLong(), response.body.size());
    QCOMPARE(response.header("Server"), serverHeader());
    QVERIFY(response.body.contains("Malformed &lt;line&gt;"));
}

void TestAutoReply::responderHttpSingle_data()
{
    QTest::addColumn<QByteArray>("request");
    QTest::addColumn<bool>("closeAfter");
    QTest::addColumn<QByteArray>("connection");
    QTest::newRow("HTTP/1.1") << QByteArray("GET / HTTP/1.1\r\nHost: x\r\n\r\n") << false << QByteArray("keep-alive");
    QTest::newRow("HTTP/1.1 close") << QByteArray("GET / HTTP/1.1\r\nConnection: close\r\n\r\n") << true
                                    << QByteArray("close");
    QTest::newRow("HTTP/1.0") << QByteArray("GET / HTTP/1.0\r\n\r\n") << true << QByteArray("close");
    QTest::newRow("HTTP/1.0 keep-alive") << QByteArray("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n") << false
                                         << QByteArray("keep-alive");
}

void TestAutoReply::responderHttpSingle()
{
    QFETCH(QByteArray, request);
    QFETCH(bool, closeAfter);
    QFETCH(QByteArray, connection);

    AutoResponder responder(AutoReply::fromSpec(u"http"_s, u"UTF-8"_s));
    // Nothing until the head is complete.
    const AutoResponder::Output partial = responder.onData(request.chopped(1));
    QVERIFY(partial.replies.isEmpty());
    QVERIFY(!partial.closeAfter);

    const AutoResponder::Output out = responder.onData(request.right(1));
    QCOMPARE(out.replies.size(), 1);
    QCOMPARE(out.closeAfter, closeAfter);
    QList<Response> responses;
    QVERIFY(readResponses(out.replies.constFirst(), {false}, &responses));
    QCOMPARE(responses.constFirst().header("Connection"), connection);
}

void TestAutoReply::responderHttpBadRequest()
{
    AutoResponder responder(AutoReply::fromSpec(u"http"_s, u"UTF-8"_s));
    const AutoResponder::Output out = responder.onData("HELLO THERE\r\n\r\n");
    QCOMPARE(out.replies.size(), 1);
    QVERIFY(out.replies.constFirst().startsWith("HTTP/1.1 400 Bad Request\r\n"));
    QVERIFY(out.replies.constFirst().contains("\r\nConnection: close\r\n"));
    QVERIFY(out.closeAfter);
    // Anything after that is not answered.
    const AutoResponder::Output later = responder.onData("GET / HTTP/1.1\r\n\r\n");
    QVERIFY(later.replies.isEmpty());
    QVERIFY(later.closeAfter);
}

static const QByteArray kPipelined = QByteArray("GET /1 HTTP/1.1\r\nHost: x\r\n\r\n"
                                                "HEAD /2 HTTP/1.1\r\n\r\n"
                                                "POST /3 HTTP/1.1\r\nContent-Length: 4\r\n\r\nbody"
                                                "GET /4 HTTP/1.1\r\nConnection: close\r\n\r\n");

void TestAutoReply::responderHttpPipelinedSplitAnywhere_data()
{
    QTest::addColumn<qsizetype>("cut");
    for (qsizetype cut = 0; cut <= kPipelined.size(); ++cut)
        QTest::addRow("cut at %d", int(cut)) << cut;
}

void TestAutoReply::responderHttpPipelinedSplitAnywhere()
{
    QFETCH(qsizetype, cut);
    const AutoReply config = AutoReply::fromSpec(u"http"_s, u"UTF-8"_s);
    AutoResponder responder(config);
    const AutoResponder::Output first = responder.onData(kPipelined.first(cut));
    const AutoResponder::Output second = responder.onData(kPipelined.sliced(cut));
    // Only the last request closes, and its head ends with the last byte.
    QCOMPARE(first.closeAfter, cut == kPipelined.size());
    QVERIFY(second.closeAfter);

    const QByteArray stream = (first.replies + second.replies).join();
    QCOMPARE(first.replies.size() + second.replies.size(), 4);
    QList<Response> responses;
    QVERIFY(readResponses(stream, {false, true, false, false}, &responses));
    const QList<QByteArray> connection{"keep-alive", "keep-alive", "keep-alive", "close"};
    const QList<QByteArray> shown{"GET /1", "HEAD /2", "POST /3", "GET /4"};
    for (int i = 0; i < 4; ++i) {
        QCOMPARE(responses.at(i).statusLine, QByteArray("HTTP/1.1 200 OK"));
        QCOMPARE(responses.at(i).header("Connection"), connection.at(i));
        if (i != 1)
            QVERIFY2(responses.at(i).body.contains("<code>" + shown.at(i) + "</code>"), shown.at(i).constData());
    }
    // Same bytes, one read: the same responses (Date aside).
    AutoResponder whole(config);
    const AutoResponder::Output all = whole.onData(kPipelined);
    QCOMPARE(all.replies.size(), 4);
    QVERIFY(all.closeAfter);
}

void TestAutoReply::responderIgnoresRequestsAfterClose()
{
    AutoResponder responder(AutoReply::fromSpec(u"http"_s, u"UTF-8"_s));
    const AutoResponder::Output out = responder.onData("GET /a HTTP/1.1\r\nConnection: close\r\n\r\n"
                                                       "GET /b HTTP/1.1\r\n\r\n");
    QCOMPARE(out.replies.size(), 1);
    QVERIFY(out.closeAfter);
    QVERIFY(out.replies.constFirst().contains("GET /a"));
    QVERIFY(responder.onData("GET /c HTTP/1.1\r\n\r\n").replies.isEmpty());
}

QTEST_GUILESS_MAIN(TestAutoReply)
#include "tst_autoreply.moc"
