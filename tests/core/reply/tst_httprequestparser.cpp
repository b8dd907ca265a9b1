#include "core/reply/HttpRequestParser.h"

#include <QRandomGenerator>
#include <QTest>

using namespace Qt::StringLiterals;

class TestHttpRequestParser : public QObject
{
    Q_OBJECT

private slots:
    void validRequest_data();
    void validRequest();
    void headersAreKeptAsSent();
    void pipelinedSplitAnywhere_data();
    void pipelinedSplitAnywhere();
    void bodyIsSkippedWithoutBuffering();
    void bodyAcrossManyReads();
    void incompleteHeadWaits();
    void malformed_data();
    void malformed();
    void requestsBeforeAnErrorAreKept();
    void nothingAfterAnError();
    void headSizeLimit_data();
    void headSizeLimit();
    void endlessLineIsRefused();
    void randomBytesNeverCrash();
};

using Request = HttpRequestParser::Request;

static QList<Request> feedAll(HttpRequestParser &parser, const QList<QByteArray> &chunks)
{
    QList<Request> all;
    for (const QByteArray &chunk : chunks)
        all += parser.feed(chunk);
    return all;
}

void TestHttpRequestParser::validRequest_data()
{
    QTest::addColumn<QByteArray>("raw");
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("target");
    QTest::addColumn<QByteArray>("version");
    QTest::addColumn<bool>("keepAlive");
    QTest::addColumn<qint64>("contentLength");

    QTest::newRow("HTTP/1.1 keeps alive") << QByteArray("GET / HTTP/1.1\r\nHost: x\r\n\r\n")
                                          << QByteArray("GET") << QByteArray("/") << QByteArray("HTTP/1.1")
                                          << true << qint64(0);
    QTest::newRow("HTTP/1.1 close") << QByteArray("GET /a HTTP/1.1\r\nConnection: close\r\n\r\n")
                                    << QByteArray("GET") << QByteArray("/a") << QByteArray("HTTP/1.1")
                                    << false << qint64(0);
    QTest::newRow("close in a list, any case") << QByteArray("GET / HTTP/1.1\r\nconnection: Keep-Alive, CLOSE\r\n\r\n")
                                               << QByteArray("GET") << QByteArray("/") << QByteArray("HTTP/1.1")
                                               << false << qint64(0);
    QTest::newRow("HTTP/1.0 closes") << QByteArray("GET / HTTP/1.0\r\n\r\n")
                                     << QByteArray("GET") << QByteArray("/") << QByteArray("HTTP/1.0")
                                     << false << qint64(0);
    QTest::newRow("HTTP/1.0 keep-alive") << QByteArray("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
                                         << QByteArray("GET") << QByteArray("/") << QByteArray("HTTP/1.0")
                                         << true << qint64(0);
    QTest::newRow("HTTP/1.0 keep-alive and close") << QByteArray("GET / HTTP/1.0\r\nConnection: keep-alive\r\nConnection: close\r\n\r\n")
                                                   << QByteArray("GET") << QByteArray("/") << QByteArray("HTTP/1.0")
                                                   << false << qint64(0);
    QTest::newRow("Connection: upgrade is not close") << QByteArray("GET / HTTP/1.1\r\nConnection: Upgrade\r\n\r\n")
                                                      << QByteArray("GET") << QByteArray("/") << QByteArray("HTTP/1.1")
                                                      << true << qint64(0);
    QTest::newRow("bare LF") << QByteArray("GET /a?b=1 HTTP/1.1\nHost: x\n\n")
                             << QByteArray("GET") << QByteArray("/a?b=1") << QByteArray("HTTP/1.1")
                             << true << qint64(0);
    QTest::newRow("mixed line ends") << QByteArray("HEAD /x HTTP/1.1\r\nHost: x\n\r\n")
                                     << QByteArray("HEAD") << QByteArray("/x") << QByteArray("HTTP/1.1")
                                     << true << qint64(0);
    QTest::newRow("empty lines before") << QByteArray("\r\n\n\r\nOPTIONS * HTTP/1.1\r\n\r\n")
                                        << QByteArray("OPTIONS") << QByteArray("*") << QByteArray("HTTP/1.1")
                                        << true << qint64(0);
    QTest::newRow("POST with body") << QByteArray("POST /form HTTP/1.1\r\nContent-Length: 5\r\n\r\nhello")
                                    << QByteArray("POST") << QByteArray("/form") << QByteArray("HTTP/1.1")
                                    << true << qint64(5);
    QTest::newRow("Content-Length with blanks") << QByteArray("PUT / HTTP/1.1\r\nContent-Length: \t3 \r\n\r\nabc")
                                                << QByteArray("PUT") << QByteArray("/") << QByteArray("HTTP/1.1")
                                                << true << qint64(3);
    QTest::newRow("repeated equal Content-Length") << QByteArray("PUT / HTTP/1.1\r\nContent-Length: 2\r\nContent-Length: 02\r\n\r\nab")
                                                   << QByteArray("PUT") << QByteArray("/") << QByteArray("HTTP/1.1")
                                                   << true << qint64(2);
    QTest::newRow("Content-Length zero") << QByteArray("POST / HTTP/1.1\r\nContent-Length: 0\r\n\r\n")
                                         << QByteArray("POST") << QByteArray("/") << QByteArray("HTTP/1.1")
                                         << true << qint64(0);
    QTest::newRow("absolute target") << QByteArray("GET http://example.com/a HTTP/1.1\r\n\r\n")
                                     << QByteArray("GET") << QByteArray("http://example.com/a")
                                     << QByteArray("HTTP/1.1") << true << qint64(0);
    QTest::newRow("raw UTF-8 in target") << QByteArray("GET /\xe4\xbd\xa0 HTTP/1.1\r\n\r\n")
                                         << QByteArray("GET") << QByteArray("/\xe4\xbd\xa0")
                                         << QByteArray("HTTP/1.1") << true << qint64(0);
    QTest::newRow("token method") << QByteArray("M-SEARCH * HTTP/1.1\r\n\r\n")
                                  << QByteArray("M-SEARCH") << QByteArray("*") << QByteArray("HTTP/1.1")
                                  << true << qint64(0);
}

void TestHttpRequestParser::validRequest()
{
    QFETCH(QByteArray, raw);
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, target);
    QFETCH(QByteArray, version);
    QFETCH(bool, keepAlive);
    QFETCH(qint64, contentLength);

    HttpRequestParser parser;
    const QList<Request> requests = parser.feed(raw);
    QVERIFY2(!parser.hasError(), qPrintable(parser.error()));
    QCOMPARE(requests.size(), 1);
    const Request &request = requests.constFirst();
    QCOMPARE(request.method, method);
    QCOMPARE(request.target, target);
    QCOMPARE(request.version, version);
    QCOMPARE(request.keepAlive, keepAlive);
    QCOMPARE(request.contentLength, contentLength);
    QCOMPARE(parser.bufferedBytes(), 0);
}

void TestHttpRequestParser::headersAreKeptAsSent()
{
    HttpRequestParser parser;
    const QList<Request> requests =
            parser.feed("GET / HTTP/1.1\r\nHost:  example.com \r\nX-Empty:\r\nuser-AGENT: curl/7.88\r\n\r\n");
    QCOMPARE(requests.size(), 1);
    const QList<QPair<QByteArray, QByteArray>> expected{
        {"Host", "example.com"}, {"X-Empty", ""}, {"user-AGENT", "curl/7.88"}};
    QCOMPARE(requests.constFirst().headers, expected);
}

void TestHttpRequestParser::pipelinedSplitAnywhere_data()
{
    QTest::addColumn<qsizetype>("cut");
    const QByteArray stream = QByteArray("GET /1 HTTP/1.1\r\nHost: a\r\n\r\n"
                                         "POST /2 HTTP/1.1\r\nContent-Length: 11\r\n\r\nGET /x HTTP"
                                         "\r\nHEAD /3 HTTP/1.1\n\n"
                                         "GET /4 HTTP/1.1\r\nConnection: close\r\n\r\n");
    for (qsizetype cut = 0; cut <= stream.size(); ++cut)
        QTest::addRow("cut at %d", int(cut)) << cut;
}

void TestHttpRequestParser::pipelinedSplitAnywhere()
{
    QFETCH(qsizetype, cut);
    // The body of /2 looks like a request line: it must be skipped, not parsed.
    // The stray CRLF after it is tolerated before the next request line.
    const QByteArray stream = QByteArray("GET /1 HTTP/1.1\r\nHost: a\r\n\r\n"
                                         "POST /2 HTTP/1.1\r\nContent-Length: 11\r\n\r\nGET /x HTTP"
                                         "\r\nHEAD /3 HTTP/1.1\n\n"
                                         "GET /4 HTTP/1.1\r\nConnection: close\r\n\r\n");
    const auto check = [](const QList<Request> &requests) {
        QCOMPARE(requests.size(), 4);
        QCOMPARE(requests.at(0).target, QByteArray("/1"));
        QCOMPARE(requests.at(1).target, QByteArray("/2"));
        QCOMPARE(requests.at(1).contentLength, 11);
        QCOMPARE(requests.at(2).method, QByteArray("HEAD"));
        QCOMPARE(requests.at(2).target, QByteArray("/3"));
        QCOMPARE(requests.at(3).target, QByteArray("/4"));
        QVERIFY(requests.at(2).keepAlive);
        QVERIFY(!requests.at(3).keepAlive);
    };

    HttpRequestParser twoParts;
    const QList<Request> requests = feedAll(twoParts, {stream.first(cut), stream.sliced(cut)});
    QVERIFY2(!twoParts.hasError(), qPrintable(twoParts.error()));
    check(requests);
    QCOMPARE(twoParts.bufferedBytes(), 0);

    // Byte by byte once is enough; every cut makes it run once per row.
    if (cut == 0) {
        HttpRequestParser bytewise;
        QList<Request> got;
        for (char c : stream)
            got += bytewise.feed(QByteArrayView(&c, 1));
        QVERIFY(!bytewise.hasError());
        check(got);
    }
}

void TestHttpRequestParser::bodyIsSkippedWithoutBuffering()
{
    HttpRequestParser parser;
    QCOMPARE(parser.feed("PUT /big HTTP/1.1\r\nContent-Length: 10000000\r\n\r\n").size(), 1);
    const QByteArray megabyte(1024 * 1024, 'B');
    for (int i = 0; i < 9; ++i) {
        QVERIFY(parser.feed(megabyte).isEmpty());
        QCOMPARE(parser.bufferedBytes(), 0);
    }
    const QByteArray rest = QByteArray(10000000 - 9 * 1024 * 1024, 'B') + "GET /next HTTP/1.1\r\n\r\n";
    const QList<Request> next = parser.feed(rest);
    QCOMPARE(next.size(), 1);
    QCOMPARE(next.constFirst().target, QByteArray("/next"));
}

void TestHttpRequestParser::bodyAcrossManyReads()
{
    HttpRequestParser parser;
    QCOMPARE(parser.feed("POST / HTTP/1.1\r\nContent-Length: 4\r\n\r\nab").size(), 1);
    QVERIFY(parser.feed("c").isEmpty());
    const QList<Request> next = parser.feed("dGET /after HTTP/1.1\r\n\r\n");
    QCOMPARE(next.size(), 1);
    QCOMPARE(next.constFirst().target, QByteArray("/after"));
}

void TestHttpRequestParser::incompleteHeadWaits()
{
    HttpRequestParser parser;
    QVERIFY(parser.feed("GET / HTTP/1.1\r\nHost: x\r\n").isEmpty());
    QVERIFY(!parser.hasError());
    QVERIFY(parser.bufferedBytes() > 0);
    QVERIFY(parser.feed("\r").isEmpty());
    QCOMPARE(parser.feed("\n").size(), 1);
}

void TestHttpRequestParser::malformed_data()
{
    QTest::addColumn<QByteArray>("raw");
    QTest::addColumn<QString>("message");

    const auto row = [](const char *name, const QByteArray &raw, const char *message) {
        QTest::newRow(name) << raw << QString::fromUtf8(message);
    };
    row("two parts", "GET /\r\n\r\n", "Malformed request line");
    row("one word", "hello\n\n", "Malformed request line");
    row("double space", "GET  / HTTP/1.1\r\n\r\n", "Malformed request line");
    row("four parts", "GET / HTTP/1.1 extra\r\n\r\n", "Malformed request line");
    row("trailing space", "GET / HTTP/1.1 \r\n\r\n", "Malformed request line");
    row("leading space", " GET / HTTP/1.1\r\n\r\n", "Malformed request line");
    row("tab separator", "GET\t/ HTTP/1.1\r\n\r\n", "Malformed request line");
    row("bad method character", "G(T / HTTP/1.1\r\n\r\n", "Malformed request method");
    row("control in target", QByteArray("GET /\x01 HTTP/1.1\r\n\r\n"), "Malformed request target");
    row("DEL in target", QByteArray("GET /\x7f HTTP/1.1\r\n\r\n"), "Malformed request target");
    row("HTTP/2.0", "GET / HTTP/2.0\r\n\r\n", "Unsupported HTTP version");
    row("HTTP/0.9", "GET / HTTP/0.9\r\n\r\n", "Unsupported HTTP version");
    row("two-digit minor", "GET / HTTP/1.10\r\n\r\n", "Malformed HTTP version");
    row("lower-case http", "GET / http/1.1\r\n\r\n", "Malformed HTTP version");
    row("no version number", "GET / HTTP/\r\n\r\n", "Malformed HTTP version");
    row("CR inside version", "GET / HTTP/1.1\r\r\n\r\n", "Malformed HTTP version");
    row("header without colon", "GET / HTTP/1.1\r\nNoColon\r\n\r\n", "Malformed header line");
    row("empty header name", "GET / HTTP/1.1\r\n: value\r\n\r\n", "Malformed header line");
    row("space in header name", "GET / HTTP/1.1\r\nBad Name: x\r\n\r\n", "Malformed header line");
    row("space before colon", "GET / HTTP/1.1\r\nHost : x\r\n\r\n", "Malformed header line");
    row("folded header", "GET / HTTP/1.1\r\nX-A: 1\r\n  continued\r\n\r\n", "Folded header lines");
    row("NUL in header value", QByteArrayLiteral("GET / HTTP/1.1\r\nX-A: a\0b\r\n\r\n"), "Invalid character in a header value");
    row("negative Content-Length", "POST / HTTP/1.1\r\nContent-Length: -1\r\n\r\n", "Invalid Content-Length");
    row("plus Content-Length", "POST / HTTP/1.1\r\nContent-Length: +1\r\n\r\n", "Invalid Content-Length");
    row("letters Content-Length", "POST / HTTP/1.1\r\nContent-Length: abc\r\n\r\n", "Invalid Content-Length");
    row("float Content-Length", "POST / HTTP/1.1\r\nContent-Length: 1e3\r\n\r\n", "Invalid Content-Length");
    row("empty Content-Length", "POST / HTTP/1.1\r\nContent-Length:\r\n\r\n", "Invalid Content-Length");
    row("list Content-Length", "POST / HTTP/1.1\r\nContent-Length: 1, 1\r\n\r\n", "Invalid Content-Length");
    row("huge Content-Length", "POST / HTTP/1.1\r\nContent-Length: 9999999999999999999\r\n\r\n", "Invalid Content-Length");
    row("conflicting Content-Length", "POST / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n", "Conflicting Content-Length");
    row("chunked", "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n", "Transfer-Encoding is not supported");
    row("TLS client hello", QByteArray::fromHex("160301020001000200030305") + "\n\n", "Malformed request");
    row("binary with NUL", QByteArrayLiteral("\0\0\0\n\n"), "Malformed request");
}

void TestHttpRequestParser::malformed()
{
    QFETCH(QByteArray, raw);
    QFETCH(QString, message);

    HttpRequestParser parser;
    QVERIFY(parser.feed(raw).isEmpty());
    QVERIFY(parser.hasError());
    QVERIFY2(parser.error().contains(message), qPrintable(parser.error()));
    QCOMPARE(parser.bufferedBytes(), 0);
}

void TestHttpRequestParser::requestsBeforeAnErrorAreKept()
{
    HttpRequestParser parser;
    const QList<Request> requests = parser.feed("GET /ok HTTP/1.1\r\n\r\nBAD\r\n\r\nGET /later HTTP/1.1\r\n\r\n");
    QCOMPARE(requests.size(), 1);
    QCOMPARE(requests.constFirst().target, QByteArray("/ok"));
    QVERIFY(parser.hasError());
}

void TestHttpRequestParser::nothingAfterAnError()
{
    HttpRequestParser parser;
    QVERIFY(parser.feed("NOT HTTP\r\n\r\n").isEmpty());
    QVERIFY(parser.hasError());
    const QString error = parser.error();
    QVERIFY(parser.feed("GET / HTTP/1.1\r\n\r\n").isEmpty());
    QCOMPARE(parser.error(), error);
    QCOMPARE(parser.bufferedBytes(), 0);
}

void TestHttpRequestParser::headSizeLimit_data()
{
    QTest::addColumn<qsizetype>("headSize");
    QTest::addColumn<bool>("accepted");
    QTest::newRow("well under") << qsizetype(40) << true;
    QTest::newRow("exactly the limit") << qsizetype(64) << true;
    QTest::newRow("one over") << qsizetype(65) << false;
    QTest::newRow("far over") << qsizetype(1000) << false;
}

void TestHttpRequestParser::headSizeLimit()
{
    QFETCH(qsizetype, headSize);
    QFETCH(bool, accepted);

    // "GET / HTTP/1.1\r\nX: " (19) + filler + "\r\n\r\n" (4)
    const QByteArray head = "GET / HTTP/1.1\r\nX: " + QByteArray(headSize - 23, 'a') + "\r\n\r\n";
    QCOMPARE(head.size(), headSize);

    HttpRequestParser whole(64);
    QCOMPARE(whole.feed(head).size(), accepted ? 1 : 0);
    QCOMPARE(whole.hasError(), !accepted);
    if (!accepted)
        QVERIFY2(whole.error().contains(u"larger than 64 bytes"_s), qPrintable(whole.error()));

    // Fed in pieces the verdict is the same, and a refused head is refused
    // as soon as the limit is passed, before its end arrives.
    HttpRequestParser pieces(64);
    QList<Request> got;
    for (qsizetype i = 0; i < head.size(); i += 7)
        got += pieces.feed(QByteArrayView(head).sliced(i, qMin<qsizetype>(7, head.size() - i)));
    QCOMPARE(got.size(), accepted ? 1 : 0);
    QCOMPARE(pieces.hasError(), !accepted);
    QVERIFY(pieces.bufferedBytes() <= 64 + 7);
}

void TestHttpRequestParser::endlessLineIsRefused()
{
    HttpRequestParser parser(1024);
    const QByteArray chunk(100, 'A');
    int fed = 0;
    while (!parser.hasError() && fed < 1000) {
        parser.feed(chunk);
        ++fed;
        QVERIFY(parser.bufferedBytes() <= 1024 + 100);
    }
    QVERIFY(parser.hasError());
    QCOMPARE(fed, 11);
    QCOMPARE(parser.bufferedBytes(), 0);
}

void TestHttpRequestParser::randomBytesNeverCrash()
{
    // A small fuzz: random bytes and random mutations of a valid request,
    // in random pieces. Nothing may crash and the buffer stays bounded.
    QRandomGenerator random(20240607);
    const QByteArray valid = "POST /p HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\nConnection: keep-alive\r\n\r\nabc";
    for (int round = 0; round < 2000; ++round) {
        QByteArray input;
        if (round % 2 == 0) {
            input.resize(random.bounded(1, 300));
            for (char &c : input)
                c = char(random.bounded(256));
        } else {
            input = valid.repeated(random.bounded(1, 4));
            for (int m = random.bounded(1, 5); m > 0; --m)
                input[random.bounded(int(input.size()))] = char(random.bounded(256));
        }
        HttpRequestParser parser(256);
        qsizetype at = 0;
        while (at < input.size()) {
            const qsizetype size = qMin<qsizetype>(random.bounded(1, 40), input.size() - at);
            const QList<Request> requests = parser.feed(QByteArrayView(input).sliced(at, size));
            for (const Request &request : requests) {
                QVERIFY(!request.method.isEmpty());
                QVERIFY(!request.target.isEmpty());
                QVERIFY(request.contentLength >= 0);
            }
            QVERIFY(parser.bufferedBytes() <= 256 + 40);
            at += size;
        }
    }
}

QTEST_GUILESS_MAIN(TestHttpRequestParser)
#include "tst_httprequestparser.moc"
