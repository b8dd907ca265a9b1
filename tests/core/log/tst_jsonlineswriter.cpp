// JsonLinesWriter: one JSON object a line with keys in a fixed order, exact
// escaping, text decoded per connection as a stream (per datagram for UDP),
// and a file that is flushed on its own within 100 ms.

#include "core/log/JsonLinesWriter.h"
#include "core/log/TrafficEvent.h"
#include "core/net/UdpSession.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>
#include <QUdpSocket>

using namespace Qt::Literals::StringLiterals;

namespace {
// The order the header promises; a line holds a subsequence of it.
const QStringList kKeyOrder{u"time"_s, u"session"_s, u"event"_s, u"direction"_s, u"local"_s,
                            u"peer"_s,  u"size"_s,    u"hex"_s,   u"text"_s,      u"message"_s, u"checksum"_s, u"rule"_s};

constexpr qint64 kTime = 1'795'318'860'000'123;  // 2026-11-22T03:41:00.000123Z

// The keys of the top-level object in the order they appear in the raw text
// (QJsonObject sorts its keys, so the order is only visible here).
QStringList rawKeyOrder(const QByteArray &line)
{
    QStringList keys;
    int depth = 0;
    bool inString = false;
    QByteArray current;
    for (qsizetype i = 0; i < line.size(); ++i) {
        const char c = line.at(i);
        if (inString) {
            if (c == '\\') {
                current += c;
                if (i + 1 < line.size())
                    current += line.at(++i);
            } else if (c == '"') {
                inString = false;
                // A string directly followed by ':' at depth 1 is a key.
                if (depth == 1 && i + 1 < line.size() && line.at(i + 1) == ':')
                    keys.append(QString::fromUtf8(current));
            } else {
                current += c;
            }
            continue;
        }
        if (c == '"') {
            inString = true;
            current.clear();
        } else if (c == '{' || c == '[') {
            ++depth;
        } else if (c == '}' || c == ']') {
            --depth;
        }
    }
    return keys;
}

Endpoint ep(const QString &address, quint16 port)
{
    return Endpoint{QHostAddress(address), port};
}

TrafficEvent dataEvent(SessionKind session, quint32 connection, TrafficEvent::Direction direction,
                       const QByteArray &payload, quint32 sessionId = 1)
{
    TrafficEvent e;
    e.timeUs = kTime;
    e.session = session;
    e.sessionId = sessionId;
    e.connectionId = connection;
    e.kind = TrafficEvent::Kind::Data;
    e.direction = direction;
    e.local = ep(u"127.0.0.1"_s, 8000);
    e.peer = ep(u"127.0.0.1"_s, quint16(40000 + connection));
    e.payload = payload;
    return e;
}

QJsonObject parseObject(const QByteArray &line, QString *why)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(line, &error);
    if (error.error != QJsonParseError::NoError) {
        *why = error.errorString() + u" at "_s + QString::number(error.offset) + u" in "_s
            + QString::fromUtf8(line);
        return {};
    }
    if (!doc.isObject()) {
        *why = u"not an object: "_s + QString::fromUtf8(line);
        return {};
    }
    return doc.object();
}

QList<QByteArray> readLines(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    const QByteArray all = f.readAll();
    QList<QByteArray> lines = all.split('\n');
    if (!lines.isEmpty() && lines.constLast().isEmpty())
        lines.removeLast();
    return lines;
}

qint64 fileSize(const QString &path)
{
    return QFileInfo(path).size();
}
} // namespace

class TestJsonLinesWriter : public QObject
{
    Q_OBJECT
private slots:
    void toJsonLine_data();
    void toJsonLine();

    void jsonString_data();
    void jsonString();

    void textInEncoding_data();
    void textInEncoding();
    void garbagePayloadIsValidJson_data();
    void garbagePayloadIsValidJson();

    void splitCharacterDecodesWhole_data();
    void splitCharacterDecodesWhole();
    void decodersAreSeparate();
    void udpDecodesPerDatagram();
    void closeForgetsHeldBackBytes();

    void fileFlushedOnItsOwn();
    void closeFlushes();
    void destroyedWhileFormattingWritesEverything();
    void floodIsWrittenInPieces();
    void backlogIsReportedAndReleased();
    void writeErrorStopsTheLog();
    void openTruncates();
    void openErrors_data();
    void openErrors();
    void writeWithoutFileIsIgnored();
    void attachedSessionIsLogged();
};

void TestJsonLinesWriter::toJsonLine_data()
{
    QTest::addColumn<TrafficEvent>("event");
    QTest::addColumn<QString>("encoding");
    QTest::addColumn<QByteArray>("expected");

    {
        TrafficEvent e;
        e.timeUs = kTime;
        e.session = SessionKind::TcpServer;
        e.kind = TrafficEvent::Kind::Listening;
        e.local = ep(u"127.0.0.1"_s, 8000);
        e.message = u"Listening on 127.0.0.1:8000"_s;
        QTest::newRow("tcp-server listening") << e << u"UTF-8"_s
            << QByteArray(R"({"time":"2026-11-22T03:41:00.000123Z","session":"tcp-server","event":"listening",)"
                          R"("local":"127.0.0.1:8000","message":"Listening on 127.0.0.1:8000"})");
    }
    {
        TrafficEvent e;
        e.timeUs = kTime + 1;
        e.session = SessionKind::TcpClient;
        e.kind = TrafficEvent::Kind::Connected;
        e.connectionId = 1;
        e.local = ep(u"::1"_s, 50000);
        e.peer = ep(u"::1"_s, 8000);
        QTest::newRow("tcp-client connected over IPv6") << e << u"UTF-8"_s
            << QByteArray(R"({"time":"2026-11-22T03:41:00.000124Z","session":"tcp-client","event":"connected",)"
                          R"("local":"[::1]:50000","peer":"[::1]:8000"})");
    }
    {
        TrafficEvent e = dataEvent(SessionKind::TcpServer, 3, TrafficEvent::Direction::In, QByteArray("hi\r\n"));
        e.local = ep(u"::ffff:127.0.0.1"_s, 8000);  // dual-stack socket, IPv4 peer
        e.peer = ep(u"::ffff:127.0.0.1"_s, 40003);
        QTest::newRow("tcp-server data in") << e << u"UTF-8"_s
            << QByteArray(R"({"time":"2026-11-22T03:41:00.000123Z","session":"tcp-server","event":"data",)"
                          R"("direction":"in","local":"127.0.0.1:8000","peer":"127.0.0.1:40003",)"
                          R"("size":4,"hex":"68690d0a","text":"hi\r\n"})");
    }
    {
        TrafficEvent e = dataEvent(SessionKind::TcpClient, 1, TrafficEvent::Direction::Out,
                                   QByteArray("\x00\x01\xff", 3));
        e.local = ep(u"2001:db8::2"_s, 1234);
        e.peer = ep(u"2001:db8::1"_s, 80);
        QTest::newRow("tcp-client data out, binary") << e << u"ISO-8859-1"_s
            << QByteArray(R"({"time":"2026-11-22T03:41:00.000123Z","session":"tcp-client","event":"data",)"
                          R"("direction":"out","local":"[2001:db8::2]:1234","peer":"[2001:db8::1]:80",)"
                          R"("size":3,"hex":"0001ff","text":"\u0000\u0001)"
                          "\xc3\xbf" R"("})");
    }
    {
        TrafficEvent e = dataEvent(SessionKind::Udp, 2, TrafficEvent::Direction::In, QByteArray("ping"));
        e.message = u"from \"a\" peer"_s;
        QTest::newRow("udp data with message") << e << u"UTF-8"_s
            << QByteArray(R"({"time":"2026-11-22T03:41:00.000123Z","session":"udp","event":"data",)"
                          R"("direction":"in","local":"127.0.0.1:8000","peer":"127.0.0.1:40002",)"
                          R"("size":4,"hex":"70696e67","text":"ping","message":"from \"a\" peer"})");
    }
    {
        TrafficEvent e = dataEvent(SessionKind::TcpServer, 4, TrafficEvent::Direction::Out, QByteArray());
        e.local = Endpoint();
        e.peer = Endpoint();
        QTest::newRow("data with empty payload") << e << u"UTF-8"_s
            << QByteArray(R"({"time":"2026-11-22T03:41:00.000123Z","session":"tcp-server","event":"data",)"
                          R"("direction":"out","size":0,"hex":"","text":""})");
    }
    {
        TrafficEvent e = dataEvent(SessionKind::TcpClient, 1, TrafficEvent::Direction::In,
                                   QByteArray("\xc4\xe3\xba\xc3", 4));
        e.kind = TrafficEvent::Kind::Frame;
        QTest::newRow("tcp-client frame in GBK") << e << u"GBK"_s
            << QByteArray(R"({"time":"2026-11-22T03:41:00.000123Z","session":"tcp-client","event":"frame",)"
                          R"("direction":"in","local":"127.0.0.1:8000","peer":"127.0.0.1:40001",)"
                          R"("size":4,"hex":"c4e3bac3","text":")" "\xe4\xbd\xa0\xe5\xa5\xbd" R"("})");
    }
    {
        TrafficEvent e;
        e.timeUs = 0;
        e.session = SessionKind::TcpServer;
        e.kind = TrafficEvent::Kind::Closed;
        e.connectionId = 9;
        e.reason = TrafficEvent::Reason::PeerClosed;
        e.peer = ep(u"10.0.0.7"_s, 5555);
        e.message = u"Peer closed the connection"_s;
        QTest::newRow("tcp-server closed") << e << u"UTF-8"_s
            << QByteArray(R"({"time":"1970-01-01T00:00:00.000000Z","session":"tcp-server","event":"closed",)"
                          R"("peer":"10.0.0.7:5555","message":"Peer closed the connection"})");
    }
    {
        TrafficEvent e;
        e.timeUs = kTime;
        e.session = SessionKind::Udp;
        e.kind = TrafficEvent::Kind::Error;
        e.reason = TrafficEvent::Reason::AddressInUse;
        e.message = u"Cannot bind:\taddress in use\n"_s;
        QTest::newRow("udp error, no endpoints") << e << u"UTF-8"_s
            << QByteArray(R"({"time":"2026-11-22T03:41:00.000123Z","session":"udp","event":"error",)"
                          R"("message":"Cannot bind:\taddress in use\n"})");
    }
    {
        TrafficEvent e;
        e.timeUs = kTime;
        e.session = SessionKind::TcpClient;
        e.kind = TrafficEvent::Kind::Stopped;
        QTest::newRow("stopped, nothing else") << e << u"UTF-8"_s
            << QByteArray(R"({"time":"2026-11-22T03:41:00.000123Z","session":"tcp-client","event":"stopped"})");
    }
    // Issue 20: what the reply rules made of a received message, counted
    // from 1 as the rules editor numbers them.
    for (const auto &[rule, field] : {std::pair<int, QByteArray>{0, R"(,"rule":1)"}, {-1, R"(,"rule":"unmatched")"},
                                      {-2, QByteArray()}}) {
        TrafficEvent e;
        e.timeUs = kTime;
        e.session = SessionKind::Udp;
        e.kind = TrafficEvent::Kind::Data;
        e.direction = TrafficEvent::Direction::In;
        e.payload = "hi";
        e.rule = rule;
        QTest::newRow(qPrintable(u"rule %1"_s.arg(rule))) << e << u"UTF-8"_s
            << QByteArray(R"({"time":"2026-11-22T03:41:00.000123Z","session":"udp","event":"data","direction":"in",)"
                          R"("size":2,"hex":"6869","text":"hi")") + field + '}';
    }
}

void TestJsonLinesWriter::toJsonLine()
{
    QFETCH(TrafficEvent, event);
    QFETCH(QString, encoding);
    QFETCH(QByteArray, expected);

    const QByteArray line = JsonLinesWriter::toJsonLine(event, encoding);
    QCOMPARE(line, expected);
    QVERIFY(!line.contains('\n'));

    // Valid JSON, with the keys in the promised order...
    QString why;
    const QJsonObject o = parseObject(line, &why);
    QVERIFY2(why.isEmpty(), qPrintable(why));
    const QStringList keys = rawKeyOrder(line);
    QCOMPARE(keys.size(), o.size());
    qsizetype last = -1;
    for (const QString &key : keys) {
        const qsizetype at = kKeyOrder.indexOf(key);
        QVERIFY2(at > last, qPrintable(u"key out of order: "_s + keys.join(u',')));
        last = at;
    }
    // ...and values that say what the event holds.
    QCOMPARE(o.value(u"time"_s).toString(), TrafficEvent::timeString(event.timeUs));
    QCOMPARE(o.value(u"session"_s).toString(), TrafficEvent::sessionName(event.session));
    QCOMPARE(o.value(u"event"_s).toString(), TrafficEvent::kindName(event.kind));
    QCOMPARE(o.contains(u"direction"_s), event.direction != TrafficEvent::Direction::None);
    QCOMPARE(o.contains(u"local"_s), !event.local.isNull());
    QCOMPARE(o.contains(u"peer"_s), !event.peer.isNull());
    QCOMPARE(o.contains(u"message"_s), !event.message.isEmpty());
    if (!event.message.isEmpty())
        QCOMPARE(o.value(u"message"_s).toString(), event.message);
    const bool payload = event.kind == TrafficEvent::Kind::Data || event.kind == TrafficEvent::Kind::Frame;
    QCOMPARE(o.contains(u"size"_s), payload);
    QCOMPARE(o.contains(u"hex"_s), payload);
    QCOMPARE(o.contains(u"text"_s), payload);
    if (payload) {
        QCOMPARE(o.value(u"size"_s).toInteger(), event.payload.size());
        QCOMPARE(QByteArray::fromHex(o.value(u"hex"_s).toString().toLatin1()), event.payload);
    }
}

void TestJsonLinesWriter::jsonString_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QByteArray>("expected");

    QTest::newRow("plain") << u"hello"_s << QByteArray(R"("hello")");
    QTest::newRow("empty") << QString() << QByteArray(R"("")");
    QTest::newRow("quote") << u"say \"hi\""_s << QByteArray(R"("say \"hi\"")");
    QTest::newRow("backslash") << u"C:\\dir\\"_s << QByteArray(R"("C:\\dir\\")");
    QTest::newRow("slash kept") << u"</script>"_s << QByteArray(R"("</script>")");
    QTest::newRow("named controls") << u"\n\r\t\b\f"_s << QByteArray(R"("\n\r\t\b\f")");
    QTest::newRow("NUL") << QString(QChar(0)) << QByteArray(R"("\u0000")");
    QTest::newRow("0x01 0x1b 0x1f") << u"\x01\x1b\x1f"_s << QByteArray(R"("\u0001\u001b\u001f")");
    QTest::newRow("DEL") << u"\x7f"_s << QByteArray(R"("\u007f")");
    QTest::newRow("space and tilde") << u" ~"_s << QByteArray(R"(" ~")");
    // Non-ASCII goes out as UTF-8, which JSON allows as is.
    QTest::newRow("Chinese") << u"你好"_s << QByteArray("\"\xe4\xbd\xa0\xe5\xa5\xbd\"");
    QTest::newRow("e-acute") << u"é"_s << QByteArray("\"\xc3\xa9\"");
    QTest::newRow("emoji (surrogate pair)") << u"😀"_s << QByteArray("\"\xf0\x9f\x98\x80\"");
    QTest::newRow("U+FFFD") << u"\uFFFD"_s << QByteArray("\"\xef\xbf\xbd\"");
    QTest::newRow("U+2028") << u"\u2028"_s << QByteArray("\"\xe2\x80\xa8\"");
    QTest::newRow("mixed") << u"a\"\\\n你\x01"_s << QByteArray("\"a\\\"\\\\\\n\xe4\xbd\xa0\\u0001\"");
}

void TestJsonLinesWriter::jsonString()
{
    QFETCH(QString, input);
    QFETCH(QByteArray, expected);

    const QByteArray out = JsonLinesWriter::jsonString(input);
    QCOMPARE(out, expected);
    // Reads back as the same string.
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson('[' + out + ']', &error);
    QCOMPARE(error.error, QJsonParseError::NoError);
    QCOMPARE(doc.array().at(0).toString(), input);
}

void TestJsonLinesWriter::textInEncoding_data()
{
    QTest::addColumn<QString>("encoding");
    QTest::addColumn<QByteArray>("payload");
    QTest::addColumn<QString>("text");

    QTest::newRow("UTF-8 你好") << u"UTF-8"_s << QByteArray("\xe4\xbd\xa0\xe5\xa5\xbd") << u"你好"_s;
    QTest::newRow("GBK 你好") << u"GBK"_s << QByteArray("\xc4\xe3\xba\xc3") << u"你好"_s;
    QTest::newRow("GBK 中文\\r\\n") << u"GBK"_s << QByteArray("\xd6\xd0\xce\xc4\r\n") << u"中文\r\n"_s;
    QTest::newRow("gbk alias") << u"gbk"_s << QByteArray("\xc4\xe3") << u"你"_s;
    QTest::newRow("GB18030 你好") << u"GB18030"_s << QByteArray("\xc4\xe3\xba\xc3") << u"你好"_s;
    QTest::newRow("Big5 中") << u"Big5"_s << QByteArray("\xa4\xa4") << u"中"_s;
    QTest::newRow("Shift_JIS あ") << u"Shift_JIS"_s << QByteArray("\x82\xa0") << u"あ"_s;
    QTest::newRow("ISO-8859-1 é") << u"ISO-8859-1"_s << QByteArray("caf\xe9") << u"café"_s;
    QTest::newRow("windows-1252 €") << u"windows-1252"_s << QByteArray("\x80" "5") << u"€5"_s;
    // The same bytes read in the wrong encoding are not the text.
    QTest::newRow("GBK bytes read as UTF-8") << u"UTF-8"_s << QByteArray("\xc4\xe3")
                                             << u"\uFFFD\uFFFD"_s;
}

void TestJsonLinesWriter::textInEncoding()
{
    QFETCH(QString, encoding);
    QFETCH(QByteArray, payload);
    QFETCH(QString, text);

    const TrafficEvent e = dataEvent(SessionKind::TcpClient, 1, TrafficEvent::Direction::In, payload);
    const QByteArray line = JsonLinesWriter::toJsonLine(e, encoding);
    QString why;
    const QJsonObject o = parseObject(line, &why);
    QVERIFY2(why.isEmpty(), qPrintable(why));
    QCOMPARE(o.value(u"text"_s).toString(), text);
    QCOMPARE(o.value(u"hex"_s).toString(), QString::fromLatin1(payload.toHex()));
    QCOMPARE(o.value(u"size"_s).toInt(), int(payload.size()));
}

void TestJsonLinesWriter::garbagePayloadIsValidJson_data()
{
    QTest::addColumn<QString>("encoding");
    QTest::addColumn<QByteArray>("payload");
    QTest::addColumn<QString>("text");

    QTest::newRow("invalid UTF-8") << u"UTF-8"_s << QByteArray("\xff\xfe\x80" "abc")
                                   << u"\uFFFD\uFFFD\uFFFDabc"_s;
    QTest::newRow("truncated UTF-8 at end") << u"UTF-8"_s << QByteArray("ok\xe4\xbd") << u"ok\uFFFD"_s;
    QTest::newRow("overlong NUL") << u"UTF-8"_s << QByteArray("\xc0\x80") << u"\uFFFD\uFFFD"_s;
    QTest::newRow("UTF-16 surrogate as UTF-8") << u"UTF-8"_s << QByteArray("\xed\xa0\x80" "x")
                                               << u"\uFFFD\uFFFD\uFFFDx"_s;
    QTest::newRow("NULs and controls") << u"UTF-8"_s << QByteArray("\x00\x1b[0m\x00\x7f", 7)
                                       << QString::fromLatin1("\x00\x1b[0m\x00\x7f", 7);
    QTest::newRow("quote and backslash bytes") << u"UTF-8"_s << QByteArray("\"\\\"") << u"\"\\\""_s;
    // 0x81 leads a two-byte character; a space cannot be its second byte.
    QTest::newRow("invalid GBK") << u"GBK"_s << QByteArray("\x81 a\xa1\x7f") << u"\uFFFD a\uFFFD\x7f"_s;
}

void TestJsonLinesWriter::garbagePayloadIsValidJson()
{
    QFETCH(QString, encoding);
    QFETCH(QByteArray, payload);
    QFETCH(QString, text);

    const TrafficEvent e = dataEvent(SessionKind::TcpServer, 1, TrafficEvent::Direction::In, payload);
    const QByteArray line = JsonLinesWriter::toJsonLine(e, encoding);
    // The line itself is valid UTF-8: no raw peer byte leaks into it.
    QCOMPARE(QString::fromUtf8(line).toUtf8(), line);
    QVERIFY(!line.contains('\n'));
    for (const char c : line)
        QVERIFY2(static_cast<unsigned char>(c) >= 0x20, "raw control byte in the line");
    QString why;
    const QJsonObject o = parseObject(line, &why);
    QVERIFY2(why.isEmpty(), qPrintable(why));
    QCOMPARE(o.value(u"text"_s).toString(), text);
    QCOMPARE(QByteArray::fromHex(o.value(u"hex"_s).toString().toLatin1()), payload);
    QCOMPARE(o.value(u"size"_s).toInt(), int(payload.size()));
}

void TestJsonLinesWriter::splitCharacterDecodesWhole_data()
{
    QTest::addColumn<QString>("encoding");
    QTest::addColumn<SessionKind>("session");
    QTest::addColumn<QByteArray>("first");
    QTest::addColumn<QByteArray>("second");
    QTest::addColumn<QString>("firstText");
    QTest::addColumn<QString>("secondText");

    QTest::newRow("UTF-8 A e4 | bd a0 B, server")
        << u"UTF-8"_s << SessionKind::TcpServer << QByteArray("A\xe4") << QByteArray("\xbd\xa0" "B")
        << u"A"_s << u"你B"_s;
    QTest::newRow("UTF-8 A e4 bd | a0 B, client")
        << u"UTF-8"_s << SessionKind::TcpClient << QByteArray("A\xe4\xbd") << QByteArray("\xa0" "B")
        << u"A"_s << u"你B"_s;
    QTest::newRow("UTF-8 emoji f0 9f | 98 80")
        << u"UTF-8"_s << SessionKind::TcpClient << QByteArray("\xf0\x9f") << QByteArray("\x98\x80")
        << QString() << u"😀"_s;
    QTest::newRow("GBK c4 | e3 ba c3")
        << u"GBK"_s << SessionKind::TcpServer << QByteArray("\xc4") << QByteArray("\xe3\xba\xc3")
        << QString() << u"你好"_s;
    QTest::newRow("GBK x c4 e3 ba | c3")
        << u"GBK"_s << SessionKind::TcpServer << QByteArray("x\xc4\xe3\xba") << QByteArray("\xc3")
        << u"x你"_s << u"好"_s;
}

void TestJsonLinesWriter::splitCharacterDecodesWhole()
{
    QFETCH(QString, encoding);
    QFETCH(SessionKind, session);
    QFETCH(QByteArray, first);
    QFETCH(QByteArray, second);
    QFETCH(QString, firstText);
    QFETCH(QString, secondText);

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(u"split.jsonl"_s);
    JsonLinesWriter writer;
    QString error;
    QVERIFY2(writer.open(path, &error), qPrintable(error));
    writer.write(dataEvent(session, 5, TrafficEvent::Direction::In, first), encoding);
    writer.write(dataEvent(session, 5, TrafficEvent::Direction::In, second), encoding);
    QCOMPARE(writer.linesWritten(), quint64(2));
    writer.flush();

    const QList<QByteArray> lines = readLines(path);
    QCOMPARE(lines.size(), 2);
    QString why;
    const QJsonObject o1 = parseObject(lines.at(0), &why);
    QVERIFY2(why.isEmpty(), qPrintable(why));
    const QJsonObject o2 = parseObject(lines.at(1), &why);
    QVERIFY2(why.isEmpty(), qPrintable(why));
    // Nothing garbled in the first, the whole character in the second...
    QCOMPARE(o1.value(u"text"_s).toString(), firstText);
    QCOMPARE(o2.value(u"text"_s).toString(), secondText);
    // ...while hex and size stay each event's own bytes.
    QCOMPARE(o1.value(u"hex"_s).toString(), QString::fromLatin1(first.toHex()));
    QCOMPARE(o2.value(u"hex"_s).toString(), QString::fromLatin1(second.toHex()));
    QCOMPARE(o1.value(u"size"_s).toInt(), int(first.size()));
    QCOMPARE(o2.value(u"size"_s).toInt(), int(second.size()));
}

void TestJsonLinesWriter::decodersAreSeparate()
{
    // Connections, directions and sessions each have their own stream: bytes
    // held back for one never join another's.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(u"separate.jsonl"_s);
    JsonLinesWriter writer;
    QVERIFY(writer.open(path));
    using D = TrafficEvent::Direction;
    const auto server = SessionKind::TcpServer;
    writer.write(dataEvent(server, 1, D::In, QByteArray("\xe4")), u"UTF-8"_s);           // held back
    writer.write(dataEvent(server, 2, D::In, QByteArray("x")), u"UTF-8"_s);              // other connection
    writer.write(dataEvent(server, 1, D::Out, QByteArray("ok")), u"UTF-8"_s);            // other direction
    writer.write(dataEvent(server, 1, D::In, QByteArray("\xe5"), 2), u"UTF-8"_s);        // other session, same ids
    writer.write(dataEvent(server, 1, D::In, QByteArray("\xbd\xa0")), u"UTF-8"_s);       // completes 你
    writer.write(dataEvent(server, 1, D::In, QByteArray("\xa5\xbd"), 2), u"UTF-8"_s);    // completes 好
    writer.close();

    const QList<QByteArray> lines = readLines(path);
    QCOMPARE(lines.size(), 6);
    const QStringList expected{QString(), u"x"_s, u"ok"_s, QString(), u"你"_s, u"好"_s};
    for (int i = 0; i < lines.size(); ++i) {
        QString why;
        const QJsonObject o = parseObject(lines.at(i), &why);
        QVERIFY2(why.isEmpty(), qPrintable(why));
        QCOMPARE(o.value(u"text"_s).toString(), expected.at(i));
    }
}

void TestJsonLinesWriter::udpDecodesPerDatagram()
{
    // Each datagram stands alone: a character cut between two datagrams is
    // two invalid sequences, never joined.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(u"udp.jsonl"_s);
    JsonLinesWriter writer;
    QVERIFY(writer.open(path));
    writer.write(dataEvent(SessionKind::Udp, 1, TrafficEvent::Direction::In, QByteArray("A\xe4\xbd")), u"UTF-8"_s);
    writer.write(dataEvent(SessionKind::Udp, 1, TrafficEvent::Direction::In, QByteArray("\xa0" "B")), u"UTF-8"_s);
    writer.write(dataEvent(SessionKind::Udp, 1, TrafficEvent::Direction::In, QByteArray("\xc4\xe3")), u"GBK"_s);
    writer.close();

    const QList<QByteArray> lines = readLines(path);
    QCOMPARE(lines.size(), 3);
    const QStringList expected{u"A\uFFFD"_s, u"\uFFFDB"_s, u"你"_s};
    for (int i = 0; i < lines.size(); ++i) {
        QString why;
        const QJsonObject o = parseObject(lines.at(i), &why);
        QVERIFY2(why.isEmpty(), qPrintable(why));
        QCOMPARE(o.value(u"session"_s).toString(), u"udp"_s);
        QCOMPARE(o.value(u"text"_s).toString(), expected.at(i));
    }
}

void TestJsonLinesWriter::closeForgetsHeldBackBytes()
{
    // A connection's held-back bytes end with it; they never reach the next
    // connection that gets the same id.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(u"closed.jsonl"_s);
    JsonLinesWriter writer;
    QVERIFY(writer.open(path));
    writer.write(dataEvent(SessionKind::TcpServer, 1, TrafficEvent::Direction::In, QByteArray("\xe4")), u"UTF-8"_s);
    TrafficEvent closed;
    closed.timeUs = kTime;
    closed.session = SessionKind::TcpServer;
    closed.sessionId = 1;
    closed.connectionId = 1;
    closed.kind = TrafficEvent::Kind::Closed;
    closed.message = u"closed"_s;
    writer.write(closed, u"UTF-8"_s);
    writer.write(dataEvent(SessionKind::TcpServer, 1, TrafficEvent::Direction::In, QByteArray("\xbd\xa0" "z")),
                 u"UTF-8"_s);
    writer.close();

    const QList<QByteArray> lines = readLines(path);
    QCOMPARE(lines.size(), 3);
    QString why;
    const QJsonObject o = parseObject(lines.at(2), &why);
    QVERIFY2(why.isEmpty(), qPrintable(why));
    const QString text = o.value(u"text"_s).toString();
    QVERIFY2(!text.contains(u"你"_s), qPrintable(text));
    QVERIFY(text.endsWith(u'z'));
    QVERIFY(text.contains(QChar(0xFFFD)));
    QCOMPARE(parseObject(lines.at(1), &why).value(u"event"_s).toString(), u"closed"_s);
}

void TestJsonLinesWriter::fileFlushedOnItsOwn()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(u"live.jsonl"_s);
    JsonLinesWriter writer;
    QString error;
    QVERIFY2(writer.open(path, &error), qPrintable(error));
    QVERIFY(writer.isOpen());
    QCOMPARE(writer.path(), path);
    QVERIFY(QFileInfo::exists(path));

    // 100 events queued at once are formatted on the writer's thread and
    // written together once the oldest is 100 ms old: a handful of write()
    // calls at most, not one per event, and nobody has to ask.
    for (int i = 0; i < 100; ++i)
        writer.write(dataEvent(SessionKind::TcpServer, 1, TrafficEvent::Direction::In,
                               QByteArray("line ") + QByteArray::number(i)),
                     u"UTF-8"_s);
    QCOMPARE(writer.linesWritten(), quint64(100));
    QTRY_COMPARE_WITH_TIMEOUT(readLines(path).size(), 100, 2000);
    QVERIFY2(writer.fileWrites() <= 5, qPrintable(QString::number(writer.fileWrites())));

    const QList<QByteArray> lines = readLines(path);
    for (int i = 0; i < 100; ++i) {
        QString why;
        const QJsonObject o = parseObject(lines.at(i), &why);
        QVERIFY2(why.isEmpty(), qPrintable(why));
        QCOMPARE(o.value(u"text"_s).toString(), u"line %1"_s.arg(i));
    }
    // Every line ends with a newline.
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QVERIFY(f.readAll().endsWith("}\n"));

    // Later events keep coming.
    writer.write(dataEvent(SessionKind::TcpServer, 1, TrafficEvent::Direction::Out, QByteArray("more")),
                 u"UTF-8"_s);
    QTRY_COMPARE_WITH_TIMEOUT(readLines(path).size(), 101, 2000);
}

void TestJsonLinesWriter::closeFlushes()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(u"close.jsonl"_s);
    {
        JsonLinesWriter writer;
        QVERIFY(writer.open(path));
        writer.write(dataEvent(SessionKind::TcpClient, 1, TrafficEvent::Direction::Out, QByteArray("a")), u"UTF-8"_s);
        writer.close();
        QVERIFY(!writer.isOpen());
        QCOMPARE(readLines(path).size(), 1);

        // Reopened and destroyed: the destructor flushes too.
        QVERIFY(writer.open(path));
        writer.write(dataEvent(SessionKind::TcpClient, 1, TrafficEvent::Direction::Out, QByteArray("b")), u"UTF-8"_s);
        writer.write(dataEvent(SessionKind::TcpClient, 1, TrafficEvent::Direction::Out, QByteArray("c")), u"UTF-8"_s);
    }
    const QList<QByteArray> lines = readLines(path);
    QCOMPARE(lines.size(), 2);  // reopening truncated the first run
    QVERIFY(lines.at(0).contains("\"text\":\"b\""));
    QVERIFY(lines.at(1).contains("\"text\":\"c\""));
}

void TestJsonLinesWriter::destroyedWhileFormattingWritesEverything()
{
    // Destroyed with its thread in the middle of a flood: the thread writes
    // out what was queued, then is joined.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(u"busy.jsonl"_s);
    const QByteArray payload(300 * 1024, 'y');
    {
        JsonLinesWriter writer;
        QVERIFY(writer.open(path));
        for (int i = 0; i < 40; ++i)
            writer.write(dataEvent(SessionKind::TcpServer, 1, TrafficEvent::Direction::In, payload), u"UTF-8"_s);
    }
    const QList<QByteArray> lines = readLines(path);
    QCOMPARE(lines.size(), 40);
    QString why;
    QCOMPARE(parseObject(lines.at(39), &why).value(u"size"_s).toInt(), 300 * 1024);
    QVERIFY2(why.isEmpty(), qPrintable(why));
}

void TestJsonLinesWriter::floodIsWrittenInPieces()
{
    // A flood is not held in memory until the timer: past 1 MiB of lines
    // the writer's thread writes them out.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(u"big.jsonl"_s);
    JsonLinesWriter writer;
    QVERIFY(writer.open(path));
    const QByteArray payload(300 * 1024, 'x');  // ~900 KB a line: hex and text
    for (int i = 0; i < 20; ++i)
        writer.write(dataEvent(SessionKind::TcpServer, 1, TrafficEvent::Direction::In, payload), u"UTF-8"_s);
    writer.flush();
    QVERIFY2(fileSize(path) > 20 * 900 * 1024, qPrintable(QString::number(fileSize(path))));
    // Two lines make a write: ten of them, never all twenty at once.
    QVERIFY2(writer.fileWrites() >= 10, qPrintable(QString::number(writer.fileWrites())));
    const qint64 line = readLines(path).at(0).size() + 1;
    QVERIFY2(writer.peakBufferedBytes() < JsonLinesWriter::kWriteThreshold + line,
             qPrintable(QString::number(writer.peakBufferedBytes())));
    writer.close();
    const QList<QByteArray> lines = readLines(path);
    QCOMPARE(lines.size(), 20);
    QString why;
    const QJsonObject o = parseObject(lines.at(19), &why);
    QVERIFY2(why.isEmpty(), qPrintable(why));
    QCOMPARE(o.value(u"size"_s).toInt(), 300 * 1024);
    QCOMPARE(o.value(u"text"_s).toString().size(), 300 * 1024);
}

void TestJsonLinesWriter::backlogIsReportedAndReleased()
{
    // More queued than the limit: backlogged(true) at once, from write()
    // itself; backlogged(false) once the thread is under a quarter of it.
    // Nothing queued is lost either way.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(u"backlog.jsonl"_s);
    JsonLinesWriter writer;
    writer.setBacklogLimit(1 << 20);
    QVERIFY(writer.open(path));
    QList<bool> reported;
    connect(&writer, &JsonLinesWriter::backlogged, this, [&](bool on) {
        reported.append(on);
        if (!on)  // released under a quarter of the limit
            QVERIFY(writer.queuedBytes() <= writer.backlogLimit() / 4);
    });
    QByteArray random(512 * 1024, Qt::Uninitialized);
    for (char &c : random)
        c = char(QRandomGenerator::global()->bounded(256));
    writer.write(dataEvent(SessionKind::TcpServer, 1, TrafficEvent::Direction::In, random), u"GBK"_s);
    QVERIFY(reported.isEmpty());
    QVERIFY(!writer.isBacklogged());
    for (int i = 0; i < 7; ++i)
        writer.write(dataEvent(SessionKind::TcpServer, 1, TrafficEvent::Direction::In, random), u"GBK"_s);
    QVERIFY(!reported.isEmpty());
    QCOMPARE(reported.first(), true);
    QVERIFY(writer.peakQueuedBytes() > writer.backlogLimit());
    QTRY_VERIFY(!writer.isBacklogged());
    QCOMPARE(reported, (QList<bool>{true, false}));
    writer.close();
    const QList<QByteArray> lines = readLines(path);
    QCOMPARE(lines.size(), 8);
    for (const QByteArray &l : lines) {
        QString why;
        const QJsonObject o = parseObject(l, &why);
        QVERIFY2(why.isEmpty(), qPrintable(why));
        QCOMPARE(QByteArray::fromHex(o.value(u"hex"_s).toString().toLatin1()), random);
    }
}

void TestJsonLinesWriter::writeErrorStopsTheLog()
{
    // /dev/full takes the open and refuses every write (ENOSPC).
    if (!QFileInfo::exists(u"/dev/full"_s))
        QSKIP("no /dev/full");
    JsonLinesWriter writer;
    QString error;
    QVERIFY2(writer.open(u"/dev/full"_s, &error), qPrintable(error));
    QList<QString> failures;
    connect(&writer, &JsonLinesWriter::failed, this, [&](const QString &m) { failures.append(m); });
    writer.write(dataEvent(SessionKind::Udp, 1, TrafficEvent::Direction::In, QByteArray("lost")), u"UTF-8"_s);
    writer.flush();
    QTRY_COMPARE(failures.size(), 1);
    QVERIFY2(failures.first().startsWith(u"Writing the log file “/dev/full” failed: "_s), qPrintable(failures.first()));
    QVERIFY2(failures.first().endsWith(u"; the log stops here"_s), qPrintable(failures.first()));
    QCOMPARE(writer.errorString(), failures.first());
    // Reported once, and kept after the close.
    writer.write(dataEvent(SessionKind::Udp, 1, TrafficEvent::Direction::In, QByteArray("also")), u"UTF-8"_s);
    writer.close();
    QCOMPARE(failures.size(), 1);
    QCOMPARE(writer.errorString(), failures.first());
}

void TestJsonLinesWriter::openTruncates()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(u"old.jsonl"_s);
    {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("old line 1\nold line 2\n");
    }
    JsonLinesWriter writer;
    QVERIFY(writer.open(path));
    QCOMPARE(fileSize(path), 0);
    writer.write(dataEvent(SessionKind::Udp, 1, TrafficEvent::Direction::In, QByteArray("new")), u"UTF-8"_s);
    writer.flush();
    const QList<QByteArray> lines = readLines(path);
    QCOMPARE(lines.size(), 1);
    QVERIFY(lines.at(0).startsWith("{\"time\":"));
}

void TestJsonLinesWriter::openErrors_data()
{
    QTest::addColumn<QString>("relative");  // under a temporary directory; "." is the directory itself
    QTest::newRow("missing directory") << u"no/such/dir/log.jsonl"_s;
    QTest::newRow("a directory") << u"."_s;
}

void TestJsonLinesWriter::openErrors()
{
    QFETCH(QString, relative);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = relative.isEmpty() ? QString() : relative == u"."_s ? dir.path() : dir.filePath(relative);

    JsonLinesWriter writer;
    QString error;
    QVERIFY(!writer.open(path, &error));
    QVERIFY(!writer.isOpen());
    QVERIFY2(error.startsWith(u"Cannot write the log file “"_s + path + u"”: "_s), qPrintable(error));
    QVERIFY2(error.size() > (u"Cannot write the log file “”: "_s + path).size(), "no reason given");
    QVERIFY(!error.contains(u'\n'));
    // Writing to a writer that failed to open does nothing.
    writer.write(dataEvent(SessionKind::Udp, 1, TrafficEvent::Direction::In, QByteArray("x")), u"UTF-8"_s);
    QCOMPARE(writer.linesWritten(), quint64(0));
    // No error pointer: still just false.
    QVERIFY(!writer.open(path));
}

void TestJsonLinesWriter::writeWithoutFileIsIgnored()
{
    JsonLinesWriter writer;
    QVERIFY(!writer.isOpen());
    writer.write(dataEvent(SessionKind::Udp, 1, TrafficEvent::Direction::In, QByteArray("x")), u"UTF-8"_s);
    writer.flush();
    writer.close();
    QCOMPARE(writer.linesWritten(), quint64(0));
}

void TestJsonLinesWriter::attachedSessionIsLogged()
{
    // End to end through a real UDP socket: the session's encoding decodes.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(u"udp-session.jsonl"_s);
    JsonLinesWriter writer;
    QVERIFY(writer.open(path));

    UdpSession session;
    QVERIFY(session.setEncoding(u"GBK"_s));
    session.setBindAddress(QHostAddress(QHostAddress::LocalHost));
    session.setBindPort(0);
    writer.attach(&session);
    QVERIFY(session.start());
    const Endpoint local = session.localEndpoint();
    QVERIFY(local.port != 0);

    QUdpSocket peer;
    QVERIFY(peer.bind(QHostAddress(QHostAddress::LocalHost), 0));
    QCOMPARE(peer.writeDatagram(QByteArray("\xc4\xe3\xba\xc3"), local.address, local.port), qint64(4));

    QByteArray dataLine;
    QTRY_VERIFY_WITH_TIMEOUT(([&] {
                                 for (const QByteArray &line : readLines(path)) {
                                     if (line.contains("\"event\":\"data\"")) {
                                         dataLine = line;
                                         return true;
                                     }
                                 }
                                 return false;
                             }()),
                             3000);
    QString why;
    const QJsonObject o = parseObject(dataLine, &why);
    QVERIFY2(why.isEmpty(), qPrintable(why));
    QCOMPARE(o.value(u"session"_s).toString(), u"udp"_s);
    QCOMPARE(o.value(u"direction"_s).toString(), u"in"_s);
    QCOMPARE(o.value(u"hex"_s).toString(), u"c4e3bac3"_s);
    QCOMPARE(o.value(u"text"_s).toString(), u"你好"_s);
    QCOMPARE(o.value(u"size"_s).toInt(), 4);
    QCOMPARE(o.value(u"local"_s).toString(), local.toString());
    QCOMPARE(o.value(u"peer"_s).toString(), u"127.0.0.1:%1"_s.arg(peer.localPort()));
    session.stop();
}

QTEST_GUILESS_MAIN(TestJsonLinesWriter)
#include "tst_jsonlineswriter.moc"
