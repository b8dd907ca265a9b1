// A tab's checksum over real loopback sockets: appended to everything the
// session sends (checked on the peer's side by python3's zlib and crcmod),
// before framing, over [FROM, end), in the byte order asked; refused with
// the reason when a message ends before FROM; verified on received frames
// (the frame event's reason and message, the JSON Lines field); auto-replies
// of every kind of session through the same path; templates in auto-replies.

#include "core/reply/ReplyRules.h"
#include "core/log/JsonLinesWriter.h"
#include "core/log/TrafficLog.h"
#include "core/net/SessionSettings.h"
#include "support/ChecksumReference.h"
#include "support/PythonRun.h"
#include "support/SessionEvents.h"
#include "support/SessionRig.h"

#include <QTest>

using namespace Qt::StringLiterals;

Q_DECLARE_METATYPE(Kind)

namespace {

Checksum checksumOf(const QString &text)
{
    QString error;
    const Checksum sum = Checksum::parse(text, &error);
    if (!error.isEmpty())
        qFatal("bad checksum in a test: %s", qPrintable(error));
    return sum;
}

FramingSpec framingOf(const QString &text)
{
    QString error;
    return FramingSpec::parse(text, &error);
}

} // namespace

class TestSessionChecksum : public QObject
{
    Q_OBJECT
private slots:
    void settingsSaved_data();
    void settingsSaved();
    void oldReplyTemplatesConverted_data();
    void oldReplyTemplatesConverted();
    void appendedOnTheWire_data();
    void appendedOnTheWire();
    void modbusFrame_data();
    void modbusFrame();
    void byteOrderOverride();
    void fromPastTheEndIsRefused_data();
    void fromPastTheEndIsRefused();
    void verifiedFrames_data();
    void verifiedFrames();
    void noMarkWhenVerifyIsOff();
    void autoRepliesFramedAlike();
    void autoReplyRefusedSaysWhy_data();
    void autoReplyRefusedSaysWhy();
    void autoReplyTemplateFields_data();
    void autoReplyTemplateFields();
};

void TestSessionChecksum::settingsSaved_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("checksum");
    QTest::addColumn<bool>("verify");

    for (const auto &[kind, name] : {std::pair{SessionKind::TcpServer, "server"}, std::pair{SessionKind::TcpClient, "client"},
                                     std::pair{SessionKind::Udp, "udp"}}) {
        QTest::addRow("%s none", name) << int(kind) << QString() << false;
        QTest::addRow("%s crc16-modbus verified", name) << int(kind) << u"crc16-modbus"_s << true;
        QTest::addRow("%s crc32 from 2, big-endian", name) << int(kind) << u"crc32:2:be"_s << false;
        QTest::addRow("%s sum8 from 1", name) << int(kind) << u"sum8:1"_s << true;
    }
}

void TestSessionChecksum::settingsSaved()
{
    QFETCH(int, kind);
    QFETCH(QString, checksum);
    QFETCH(bool, verify);

    SessionSettings s;
    if (!checksum.isEmpty())
        s.checksum = checksumOf(checksum);
    s.verifyChecksum = verify;
    const QVariantMap map = s.toMap(SessionKind(kind));
    QCOMPARE(map.value(u"checksum"_s).toString(), checksum.isEmpty() ? QString() : s.checksum->toString());

    // From the defaults and from a base that had another checksum.
    QStringList problems;
    QCOMPARE(SessionSettings::fromMap(SessionKind(kind), map, SessionSettings(), &problems), s);
    SessionSettings other;
    other.checksum = checksumOf(u"xor8"_s);
    other.verifyChecksum = !verify;
    QCOMPARE(SessionSettings::fromMap(SessionKind(kind), map, other, &problems), s);
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u"; "_s)));

    // A bad saved value is named and leaves the base's checksum.
    QVariantMap bad = map;
    bad.insert(u"checksum"_s, u"crc16"_s);  // ambiguous
    const SessionSettings kept = SessionSettings::fromMap(SessionKind(kind), bad, other, &problems);
    QCOMPARE(kept.checksum, other.checksum);
    QCOMPARE(problems.size(), 1);
    QVERIFY2(problems.constFirst().startsWith(u"checksum: "_s), qPrintable(problems.constFirst()));
}

void TestSessionChecksum::oldReplyTemplatesConverted_data()
{
    QTest::addColumn<QString>("saved");
    QTest::addColumn<QByteArray>("received");
    QTest::addColumn<QByteArray>("reply");

    QTest::newRow("Hello,{data}!") << u"Hello,{data}!"_s << QByteArray("Tracy") << QByteArray("Hello,Tracy!");
    // Before the one syntax every brace but {data} was literal.
    QTest::newRow("other braces literal") << u"{{data}} {counter} {x"_s << QByteArray("v")
                                          << QByteArray("{v} {counter} {x");
}

void TestSessionChecksum::oldReplyTemplatesConverted()
{
    QFETCH(QString, saved);
    QFETCH(QByteArray, received);
    QFETCH(QByteArray, reply);

    // A tab saved before the one template syntax: no replySyntax key.
    const QVariantMap old{{u"reply"_s, u"template"_s}, {u"replyTemplate"_s, saved}};
    const SessionSettings s = SessionSettings::fromMap(SessionKind::TcpServer, old, SessionSettings());
    QString error;
    const AutoReply converted = AutoReply::fromSpec(ReplyRules::replySpecOf(s.rules), s.encoding, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(converted.templateReply(received), reply);

    // Saved again, it is read back as it is now.
    QCOMPARE(SessionSettings::fromMap(SessionKind::TcpServer, s.toMap(SessionKind::TcpServer), SessionSettings()).rules,
             s.rules);
}

void TestSessionChecksum::appendedOnTheWire_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<int>("from");
    for (const Checksum::Info &row : Checksum::catalogue()) {
        QTest::addRow("%s", qPrintable(row.name)) << row.name << 0;
        QTest::addRow("%s from 3", qPrintable(row.name)) << row.name << 3;
    }
}

// What a TCP client session sends reaches a plain QTcpServer peer; python3
// computes what the tail must be from the payload alone.
void TestSessionChecksum::appendedOnTheWire()
{
    QFETCH(QString, name);
    QFETCH(int, from);

    const QByteArray payload = QByteArray::fromHex("aa55010300000a0d0a00ff7e");
    SessionSettings settings;
    settings.checksum = checksumOf(name + u':' + QString::number(from));
    Rig rig(Kind::TcpClient);
    QVERIFY(rig.start(settings));
    const SendResult sent = rig.session()->send(payload);
    QVERIFY2(sent.ok(), qPrintable(sent.error));
    const qsizetype width = settings.checksum->width();
    QTRY_COMPARE(rig.peerReceived().size(), payload.size() + width);
    const QByteArray wire = rig.peerReceived();
    QCOMPARE(wire.first(payload.size()), payload);

    QString error;
    const QByteArray expected = PythonRun::run(kChecksumReference, payload.toHex() + '\n', &error,
                                               {name, QString::number(from)}).trimmed();
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(wire.sliced(payload.size()).toHex(), expected);

    // The log holds what went on the wire.
    const QList<TrafficEvent> out = eventsOf(*rig.session(), TrafficEvent::Kind::Data);
    QCOMPARE(out.constLast().direction, TrafficEvent::Direction::Out);
    QCOMPARE(out.constLast().payload, wire);
}

void TestSessionChecksum::modbusFrame_data()
{
    QTest::addColumn<Kind>("kind");
    QTest::addColumn<QString>("framing");
    QTest::addColumn<QByteArray>("wire");

    const QByteArray frame = QByteArray::fromHex("01030000000a");
    const QByteArray withCrc = frame + QByteArray::fromHex("c5cd");
    QTest::newRow("tcp client") << Kind::TcpClient << QString() << withCrc;
    QTest::newRow("tcp server") << Kind::TcpServer << QString() << withCrc;
    QTest::newRow("udp") << Kind::Udp << QString() << withCrc;
    // "Add to what I send" wraps payload and checksum.
    QTest::newRow("client, length:2") << Kind::TcpClient << u"length:2"_s << QByteArray::fromHex("0008") + withCrc;
    QTest::newRow("server, crlf") << Kind::TcpServer << u"crlf"_s << withCrc + "\r\n";
}

void TestSessionChecksum::modbusFrame()
{
    QFETCH(Kind, kind);
    QFETCH(QString, framing);
    QFETCH(QByteArray, wire);

    SessionSettings settings;
    settings.checksum = checksumOf(u"crc16-modbus"_s);
    if (!framing.isEmpty()) {
        settings.framing = framingOf(framing);
        settings.frameOutgoing = true;
    }
    Rig rig(kind);
    QVERIFY(rig.start(settings));
    QCOMPARE(rig.session()->wireBytes(QByteArray::fromHex("01030000000a"), nullptr).toHex(' '), wire.toHex(' '));
    const SendResult sent = rig.session()->send(QByteArray::fromHex("01030000000a"));
    QVERIFY2(sent.ok(), qPrintable(sent.error));
    QTRY_COMPARE(rig.peerReceived().toHex(' '), wire.toHex(' '));
}

void TestSessionChecksum::byteOrderOverride()
{
    SessionSettings settings;
    settings.checksum = checksumOf(u"crc16-modbus:be"_s);
    Rig rig(Kind::TcpClient);
    QVERIFY(rig.start(settings));
    QVERIFY(rig.session()->send(QByteArray::fromHex("01030000000a")).ok());
    QTRY_COMPARE(rig.peerReceived().toHex(' '), "01 03 00 00 00 0a cd c5"_ba);
}

void TestSessionChecksum::fromPastTheEndIsRefused_data()
{
    QTest::addColumn<Kind>("kind");
    QTest::newRow("tcp client") << Kind::TcpClient;
    QTest::newRow("tcp server") << Kind::TcpServer;
    QTest::newRow("udp") << Kind::Udp;
}

void TestSessionChecksum::fromPastTheEndIsRefused()
{
    QFETCH(Kind, kind);

    SessionSettings settings;
    settings.checksum = checksumOf(u"crc16-modbus:4"_s);
    Rig rig(kind);
    QVERIFY(rig.start(settings));
    const SendResult refused = rig.session()->send("abc");
    QVERIFY(!refused.ok());
    QVERIFY2(refused.error.contains(u"payload size 3"_s), qPrintable(refused.error));
    QVERIFY2(refused.error.contains(u"crc16-modbus:4"_s), qPrintable(refused.error));
    QString why;
    QVERIFY(rig.session()->wireBytes("abc", &why).isEmpty());
    QCOMPARE(why, refused.error);

    // What comes next is all the peer ever gets: nothing went out before it.
    QVERIFY(rig.session()->send("abcde").ok());
    QTRY_COMPARE(rig.peerReceived().size(), 7);
    QCOMPARE(rig.peerReceived().first(5), "abcde"_ba);
    QCOMPARE(eventsOf(*rig.session(), TrafficEvent::Kind::Data).size(), 1);
}

void TestSessionChecksum::verifiedFrames_data()
{
    QTest::addColumn<Kind>("kind");
    QTest::addColumn<QString>("framing");
    QTest::addColumn<QByteArray>("wire");        // what the peer sends
    QTest::addColumn<QList<int>>("verdicts");    // per frame: 1 passed, 0 failed
    QTest::addColumn<QStringList>("messages");

    const QByteArray good = QByteArray::fromHex("01030000000ac5cd");
    const QByteArray bad = QByteArray::fromHex("01030000000a0000");
    QTest::newRow("server, length:1, good then bad")
            << Kind::TcpServer << u"length:1"_s << "\x08"_ba + good + "\x08"_ba + bad << QList<int>{1, 0}
            << QStringList{u"checksum CRC-16/MODBUS passed: C5 CD"_s,
                           u"checksum CRC-16/MODBUS: expected C5 CD, found 00 00"_s};
    QTest::newRow("client, fixed:8, bad then good")
            << Kind::TcpClient << u"fixed:8"_s << bad + good << QList<int>{0, 1}
            << QStringList{u"checksum CRC-16/MODBUS: expected C5 CD, found 00 00"_s,
                           u"checksum CRC-16/MODBUS passed: C5 CD"_s};
    QTest::newRow("client, a frame too short")
            << Kind::TcpClient << u"length:1"_s << "\x02\x01\x02"_ba << QList<int>{0}
            << QStringList{u"checksum CRC-16/MODBUS: The frame (size 2) is too short"_s};
}

// A plain QTcpSocket peer sends good and bad frames; each frame event says
// how its check went, and the JSON Lines line carries it as a field.
void TestSessionChecksum::verifiedFrames()
{
    QFETCH(Kind, kind);
    QFETCH(QString, framing);
    QFETCH(QByteArray, wire);
    QFETCH(QList<int>, verdicts);
    QFETCH(QStringList, messages);

    SessionSettings settings;
    settings.checksum = checksumOf(u"crc16-modbus"_s);
    settings.verifyChecksum = true;
    settings.framing = framingOf(framing);
    Rig rig(kind);
    QVERIFY(rig.start(settings));
    rig.peerSends(wire);
    QTRY_COMPARE(eventsOf(*rig.session(), TrafficEvent::Kind::Frame).size(), verdicts.size());
    const QList<TrafficEvent> frames = eventsOf(*rig.session(), TrafficEvent::Kind::Frame);
    for (qsizetype i = 0; i < frames.size(); ++i) {
        const TrafficEvent &f = frames.at(i);
        QCOMPARE(f.reason, verdicts.at(i) ? TrafficEvent::Reason::ChecksumPassed : TrafficEvent::Reason::ChecksumFailed);
        QVERIFY2(f.message.startsWith(messages.at(i)), qPrintable(f.message));
        const QByteArray line = JsonLinesWriter::toJsonLine(f, u"UTF-8"_s);
        QVERIFY2(line.contains(verdicts.at(i) ? "\"checksum\":\"passed\"" : "\"checksum\":\"failed\""), line.constData());
        QVERIFY2(line.contains("\"message\":\"checksum CRC-16/MODBUS"), line.constData());
    }
    // The data events that carried them are not marked.
    for (const TrafficEvent &d : eventsOf(*rig.session(), TrafficEvent::Kind::Data)) {
        QCOMPARE(d.reason, TrafficEvent::Reason::None);
        QVERIFY(!JsonLinesWriter::toJsonLine(d, u"UTF-8"_s).contains("\"checksum\""));
    }
}

void TestSessionChecksum::noMarkWhenVerifyIsOff()
{
    SessionSettings settings;
    settings.checksum = checksumOf(u"crc16-modbus"_s);
    settings.framing = framingOf(u"fixed:8"_s);
    Rig rig(Kind::TcpServer);
    QVERIFY(rig.start(settings));
    rig.peerSends(QByteArray::fromHex("01030000000a0000"));
    QTRY_COMPARE(eventsOf(*rig.session(), TrafficEvent::Kind::Frame).size(), 1);
    const TrafficEvent f = eventsOf(*rig.session(), TrafficEvent::Kind::Frame).constFirst();
    QCOMPARE(f.reason, TrafficEvent::Reason::None);
    QVERIFY(f.message.isEmpty());
    QVERIFY(!JsonLinesWriter::toJsonLine(f, u"UTF-8"_s).contains("\"checksum\""));
}

// A server's and a client's auto-reply go out framed and checksummed the
// same way as what the user sends; a UDP one checksummed (datagrams are not framed).
void TestSessionChecksum::autoRepliesFramedAlike()
{
    SessionSettings settings;
    settings.checksum = checksumOf(u"crc16-modbus"_s);
    settings.framing = framingOf(u"length:1"_s);
    settings.frameOutgoing = true;
    settings.rules = ReplyRules::fromReplySpec(u"R{data}"_s);
    QByteArray answers[3];
    const Kind kinds[3] = {Kind::TcpServer, Kind::TcpClient, Kind::Udp};
    for (int i = 0; i < 3; ++i) {
        Rig rig(kinds[i]);
        QVERIFY(rig.start(settings));
        QCOMPARE(rig.session()->autoReplyError(), QString());
        rig.peerSends("\x03" "abc");
        const qsizetype size = kinds[i] == Kind::Udp ? 5 + 2 : 1 + 4 + 2;
        QTRY_COMPARE(rig.peerReceived().size(), size);
        answers[i] = rig.peerReceived();
    }
    // The reply rules answer each message (issue 20): on TCP the frame, so
    // {data} is "abc"; a datagram is never framed, so {data} is "\x03abc".
    const QByteArray crc = Checksum(Checksum::Algorithm::Crc16Modbus).append("Rabc").appended;
    QCOMPARE(answers[0].toHex(' '), ("\x06" "Rabc"_ba + crc).toHex(' '));
    QCOMPARE(answers[1].toHex(' '), answers[0].toHex(' '));
    const QByteArray udpCrc = Checksum(Checksum::Algorithm::Crc16Modbus).append("R\x03" "abc").appended;
    QCOMPARE(answers[2].toHex(' '), ("R\x03" "abc"_ba + udpCrc).toHex(' '));
}

void TestSessionChecksum::autoReplyRefusedSaysWhy_data()
{
    fromPastTheEndIsRefused_data();
}

void TestSessionChecksum::autoReplyRefusedSaysWhy()
{
    QFETCH(Kind, kind);

    SessionSettings settings;
    settings.checksum = checksumOf(u"sum8:10"_s);
    settings.rules = ReplyRules::fromReplySpec(u"echo"_s);
    Rig rig(kind);
    QVERIFY(rig.start(settings));
    rig.peerSends("short");
    QTRY_COMPARE(eventsOf(*rig.session(), TrafficEvent::Kind::Error).size(), 1);
    const TrafficEvent error = eventsOf(*rig.session(), TrafficEvent::Kind::Error).constFirst();
    QVERIFY2(error.message.startsWith(u"Auto-reply: Not sent: sum8:10"_s), qPrintable(error.message));
    QCOMPARE(error.connectionId, rig.connectionId());
    // Nothing was answered: the only data event is what came in, and a
    // long enough message is answered once the short one was not.
    rig.peerSends("0123456789ab");
    QTRY_COMPARE(rig.peerReceived().size(), 13);
    QCOMPARE(rig.peerReceived().first(12), "0123456789ab"_ba);
}

void TestSessionChecksum::autoReplyTemplateFields_data()
{
    fromPastTheEndIsRefused_data();
}

// {counter} counts the session's answers (1, 2, 3 …), {hex:…} and {{ are
// what they are in the send box.
void TestSessionChecksum::autoReplyTemplateFields()
{
    QFETCH(Kind, kind);

    SessionSettings settings;
    settings.rules = ReplyRules::fromReplySpec(u"#{counter:03} {{{data}}{hex:0d 0a}"_s);
    Rig rig(kind);
    QVERIFY(rig.start(settings));
    QCOMPARE(rig.session()->autoReplyError(), QString());
    QByteArray expected;
    for (const char *word : {"one", "two", "three"}) {
        const int n = int(expected.count('#')) + 1;
        expected += "#" + QByteArray::number(n).rightJustified(3, '0') + " {" + word + "}\r\n";
        rig.peerSends(word);
        QTRY_COMPARE(rig.peerReceived(), expected);
    }
}

QTEST_GUILESS_MAIN(TestSessionChecksum)
#include "tst_sessionchecksum.moc"
