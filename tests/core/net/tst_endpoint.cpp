// Endpoint: printing addresses the way users and logs expect, and parsing
// what users type as HOST:PORT (malformed inputs modeled on qBittorrent's
// test/testbittorrentpeeraddress.cpp).

#include "core/net/Endpoint.h"

#include <QHostAddress>
#include <QTest>

using namespace Qt::Literals::StringLiterals;

Q_DECLARE_METATYPE(Endpoint::HostKind)

namespace {
// Row names show control characters as escapes so the output stays readable.
QString visible(QString s)
{
    s.replace(u'\n', u"\\n"_s);
    s.replace(u'\t', u"\\t"_s);
    return s;
}

// A DNS label of n letters.
QString label(int n)
{
    return QString(n, u'a');
}
} // namespace

class TestEndpoint : public QObject
{
    Q_OBJECT
private slots:
    void toString_data();
    void toString();
    void nullEndpoint();
    void equality();

    void parseValid_data();
    void parseValid();
    void parseInvalid_data();
    void parseInvalid();
    void bareIPv6NeedsBrackets();

    void parsePort_data();
    void parsePort();
    void parsePortNullPointers();

    void isValidHostName_data();
    void isValidHostName();
};

void TestEndpoint::toString_data()
{
    QTest::addColumn<QString>("address");
    QTest::addColumn<int>("port");
    QTest::addColumn<QString>("expected");
    QTest::addColumn<QString>("addressString");
    QTest::addColumn<bool>("ipv6");

    auto row = [](const QString &address, int port, const QString &expected, const QString &addressString,
                  bool ipv6) {
        QTest::newRow(qPrintable(address + u" port "_s + QString::number(port)))
            << address << port << expected << addressString << ipv6;
    };
    row(u"127.0.0.1"_s, 8000, u"127.0.0.1:8000"_s, u"127.0.0.1"_s, false);
    row(u"192.168.1.20"_s, 0, u"192.168.1.20:0"_s, u"192.168.1.20"_s, false);
    row(u"0.0.0.0"_s, 65535, u"0.0.0.0:65535"_s, u"0.0.0.0"_s, false);
    row(u"255.255.255.255"_s, 9, u"255.255.255.255:9"_s, u"255.255.255.255"_s, false);
    // IPv6 rows.
    row(u"::1"_s, 8000, u"[::1]:8000"_s, u"::1"_s, true);
    row(u"::"_s, 0, u"[::]:0"_s, u"::"_s, true);
    row(u"2001:db8::8a2e:370:7334"_s, 443, u"[2001:db8::8a2e:370:7334]:443"_s, u"2001:db8::8a2e:370:7334"_s, true);
    // Qt prints IPv6 in the compressed lower-case form whatever was typed.
    row(u"2001:0DB8:0000:0000:0000:0000:0000:0001"_s, 53, u"[2001:db8::1]:53"_s, u"2001:db8::1"_s, true);
    row(u"fe80::1%lo"_s, 22, u"[fe80::1%lo]:22"_s, u"fe80::1%lo"_s, true);
    // IPv4-mapped IPv6 (what a dual-stack socket reports for an IPv4 peer) shows as IPv4.
    row(u"::ffff:10.0.0.1"_s, 5000, u"10.0.0.1:5000"_s, u"10.0.0.1"_s, false);
    row(u"::ffff:127.0.0.1"_s, 8000, u"127.0.0.1:8000"_s, u"127.0.0.1"_s, false);
}

void TestEndpoint::toString()
{
    QFETCH(QString, address);
    QFETCH(int, port);
    QFETCH(QString, expected);
    QFETCH(QString, addressString);
    QFETCH(bool, ipv6);

    const QHostAddress a(address);
    QVERIFY2(!a.isNull(), qPrintable(address));
    const Endpoint e{a, quint16(port)};
    QVERIFY(!e.isNull());
    QCOMPARE(e.toString(), expected);
    QCOMPARE(e.addressString(), addressString);
    QCOMPARE(e.isIPv6(), ipv6);
}

void TestEndpoint::nullEndpoint()
{
    const Endpoint e;
    QVERIFY(e.isNull());
    QCOMPARE(e.port, quint16(0));
    QCOMPARE(e.toString(), QString());
    QVERIFY(e.toString().isNull());
    QCOMPARE(e.addressString(), QString());
    QVERIFY(!e.isIPv6());

    // A port without an address is still null: there is nothing to print.
    const Endpoint portOnly{QHostAddress(), 80};
    QVERIFY(portOnly.isNull());
    QCOMPARE(portOnly.toString(), QString());
}

void TestEndpoint::equality()
{
    const Endpoint v4{QHostAddress(u"127.0.0.1"_s), 8080};
    const Endpoint v6{QHostAddress(u"::1"_s), 8080};
    QCOMPARE(v4, (Endpoint{QHostAddress(u"127.0.0.1"_s), 8080}));
    QCOMPARE(v6, (Endpoint{QHostAddress(u"::1"_s), 8080}));
    QVERIFY(!(v4 == v6));
    QVERIFY(!(v4 == Endpoint{QHostAddress(u"127.0.0.1"_s), 1234}));
    QVERIFY(!(v6 == Endpoint{QHostAddress(u"::1"_s), 1234}));
    QVERIFY(!(v4 == Endpoint{}));
    QCOMPARE(Endpoint{}, Endpoint{});
}

void TestEndpoint::parseValid_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<Endpoint::HostKind>("kind");
    QTest::addColumn<bool>("allowPortZero");
    QTest::addColumn<QString>("host");
    QTest::addColumn<int>("port");

    const auto addr = Endpoint::HostKind::AddressOnly;
    const auto name = Endpoint::HostKind::NameOrAddress;
    auto row = [](const QString &text, Endpoint::HostKind kind, bool zero, const QString &host, int port) {
        const QString tag = visible(text) + (kind == Endpoint::HostKind::AddressOnly ? u" (address)"_s : u" (name)"_s)
            + (zero ? u" port0-ok"_s : u""_s);
        QTest::newRow(qPrintable(tag)) << text << kind << zero << host << port;
    };

    row(u"127.0.0.1:8000"_s, addr, false, u"127.0.0.1"_s, 8000);
    row(u"127.0.0.1:8000"_s, name, false, u"127.0.0.1"_s, 8000);
    row(u"0.0.0.0:0"_s, addr, true, u"0.0.0.0"_s, 0);
    row(u"10.1.2.3:1"_s, addr, false, u"10.1.2.3"_s, 1);
    row(u"10.1.2.3:65535"_s, addr, false, u"10.1.2.3"_s, 65535);
    // Surrounding whitespace (pasted text) is ignored.
    row(u"  127.0.0.1:80\t"_s, addr, false, u"127.0.0.1"_s, 80);
    row(u"\n[::1]:80 "_s, addr, false, u"::1"_s, 80);
    // IPv6 rows: bracketed; the host comes back without the brackets.
    row(u"[::1]:8000"_s, addr, false, u"::1"_s, 8000);
    row(u"[::1]:8000"_s, name, false, u"::1"_s, 8000);
    row(u"[::]:0"_s, addr, true, u"::"_s, 0);
    row(u"[2001:db8::1]:65535"_s, name, false, u"2001:db8::1"_s, 65535);
    row(u"[::ffff:1.2.3.4]:80"_s, addr, false, u"::ffff:1.2.3.4"_s, 80);
    row(u"[fe80::1%eth0]:22"_s, addr, false, u"fe80::1%eth0"_s, 22);
    // Names, for clients.
    row(u"localhost:80"_s, name, false, u"localhost"_s, 80);
    row(u"example.com:443"_s, name, false, u"example.com"_s, 443);
    row(u"example.com.:443"_s, name, false, u"example.com."_s, 443);
    row(u"a-b.c1.example:1"_s, name, false, u"a-b.c1.example"_s, 1);
    row(u"xn--bcher-kva.example:8080"_s, name, false, u"xn--bcher-kva.example"_s, 8080);
    row(label(63) + u".com:80"_s, name, false, label(63) + u".com"_s, 80);
}

void TestEndpoint::parseValid()
{
    QFETCH(QString, text);
    QFETCH(Endpoint::HostKind, kind);
    QFETCH(bool, allowPortZero);
    QFETCH(QString, host);
    QFETCH(int, port);

    const Endpoint::HostPort r = Endpoint::parseHostPort(text, kind, allowPortZero);
    QVERIFY2(r.ok(), qPrintable(r.error));
    QCOMPARE(r.error, QString());
    QCOMPARE(r.host, host);
    QCOMPARE(int(r.port), port);
}

void TestEndpoint::parseInvalid_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<Endpoint::HostKind>("kind");
    QTest::addColumn<bool>("allowPortZero");
    QTest::addColumn<QString>("errorContains");

    const auto addr = Endpoint::HostKind::AddressOnly;
    const auto name = Endpoint::HostKind::NameOrAddress;
    auto row = [](const QString &text, Endpoint::HostKind kind, bool zero, const QString &errorContains) {
        const QString tag = u"\""_s + visible(text) + u"\""_s
            + (kind == Endpoint::HostKind::AddressOnly ? u" (address)"_s : u" (name)"_s)
            + (zero ? u" port0-ok"_s : u""_s);
        QTest::newRow(qPrintable(tag)) << text << kind << zero << errorContains;
    };
    const QString neither = u"neither an IP address nor a valid host name"_s;
    const QString notPort = u"is not a port"_s;

    row(QString(), name, false, u"got nothing"_s);
    row(u"   "_s, name, false, u"got nothing"_s);
    row(u"1.2.3.4"_s, name, false, u"expected HOST:PORT"_s);
    row(u"localhost"_s, name, false, u"expected HOST:PORT"_s);
    // Brackets.
    row(u"[::1"_s, addr, false, u"missing ‘]’"_s);
    row(u"[::1:80"_s, name, false, u"missing ‘]’"_s);
    row(u"[::1]"_s, addr, false, u"expected ‘:PORT’ after ‘]’"_s);
    row(u"[::1]80"_s, addr, false, u"expected ‘:PORT’ after ‘]’"_s);
    row(u"[::1]]:80"_s, addr, false, u"expected ‘:PORT’ after ‘]’"_s);
    row(u"[::1]:"_s, addr, false, u"The port is missing"_s);
    row(u"[::1]:80:80"_s, addr, false, notPort);
    row(u"[2001::1]:80:80"_s, name, false, notPort);
    row(u"[1.2.3.4]:80"_s, addr, false, u"“1.2.3.4” is not an IPv6 address"_s);
    row(u"[1.2.3.4]:80"_s, name, false, u"“1.2.3.4” is not an IPv6 address"_s);
    row(u"[example.com]:80"_s, name, false, u"“example.com” is not an IPv6 address"_s);
    row(u"[]:80"_s, addr, false, u"is not an IPv6 address"_s);
    row(u"[::g]:80"_s, addr, false, u"“::g” is not an IPv6 address"_s);
    // Unbracketed IPv6.
    row(u"::1:80"_s, addr, false, u"write an IPv6 address in brackets, as [::1]:PORT"_s);
    row(u"::1:80"_s, name, false, u"write an IPv6 address in brackets, as [::1]:PORT"_s);
    row(u"2001:db8::1:443"_s, name, false, u"in brackets, as [2001:db8::1]:PORT"_s);
    row(u"1.2.3.4:80:80"_s, name, false, u"brackets"_s);
    // Host or port missing.
    row(u"1.2.3.4:"_s, addr, false, u"The port is missing"_s);
    row(u":80"_s, addr, false, u"the host is missing"_s);
    row(u":80"_s, name, false, u"the host is missing"_s);
    row(u":"_s, name, false, u"the host is missing"_s);
    // Bad ports.
    row(u"1.2.3.4:65536"_s, addr, false, u"“65536” is not a port: use a number from 1 to 65535"_s);
    row(u"1.2.3.4:65536"_s, addr, true, u"“65536” is not a port: use a number from 0 to 65535"_s);
    row(u"1.2.3.4:-1"_s, addr, false, u"“-1” is not a port"_s);
    row(u"1.2.3.4:+80"_s, addr, false, u"“+80” is not a port"_s);
    row(u"1.2.3.4:8o"_s, addr, false, u"“8o” is not a port"_s);
    row(u"1.2.3.4:0x50"_s, addr, false, notPort);
    row(u"1.2.3.4:99999999999"_s, addr, false, notPort);
    row(u"1.2.3.4:８０"_s, addr, false, notPort);  // full-width digits
    row(u"1.2.3.4:8 0"_s, addr, false, notPort);
    row(u"1.2.3.4:0"_s, addr, false, u"Port 0 is not allowed here"_s);
    row(u"[::1]:0"_s, addr, false, u"Port 0 is not allowed here"_s);
    row(u"example.com:0"_s, name, false, u"Port 0 is not allowed here"_s);
    // Not an address.
    row(u"300.1.1.1:80"_s, addr, false, u"“300.1.1.1” is not an IP address"_s);
    row(u"300.1.1.1:80"_s, name, false, u"“300.1.1.1” is "_s + neither);
    // Short and octal inet_aton forms that QHostAddress would take.
    row(u"1.2.3:80"_s, addr, false, u"“1.2.3” is not an IP address"_s);
    row(u"1.2.3:80"_s, name, false, u"“1.2.3” is "_s + neither);
    row(u"127.1:80"_s, addr, false, u"“127.1” is not an IP address"_s);
    row(u"010.0.0.1:80"_s, addr, false, u"“010.0.0.1” is not an IP address"_s);
    row(u"1.2.3.4.5:80"_s, name, false, neither);
    row(u"localhost:80"_s, addr, false, u"“localhost” is not an IP address"_s);
    row(u"example.com:80"_s, addr, false, u"“example.com” is not an IP address"_s);
    // Not a host name.
    row(u"host_name:80"_s, name, false, u"“host_name” is "_s + neither);
    row(u"a..b:80"_s, name, false, u"“a..b” is "_s + neither);
    row(u".example.com:80"_s, name, false, neither);
    row(u"-x.com:80"_s, name, false, u"“-x.com” is "_s + neither);
    row(u"x-.com:80"_s, name, false, neither);
    row(u"bücher.de:80"_s, name, false, neither);
    row(u"a/b:80"_s, name, false, neither);
    row(label(64) + u".com:80"_s, name, false, neither);
    row(label(64) + u":80"_s, name, false, neither);
    {
        // 4 labels of 63 + 3 dots = 255 characters: longer than DNS allows.
        const QString tooLong = label(63) + u'.' + label(63) + u'.' + label(63) + u'.' + label(63);
        row(tooLong + u":80"_s, name, false, neither);
    }
    // Whitespace inside the text.
    row(u"exa mple.com:80"_s, name, false, neither);
    row(u"1.2.3. 4:80"_s, name, false, neither);
    row(u"1.2.3.4 :80"_s, addr, false, u"is not an IP address"_s);
    row(u"1.2.3.4 :80"_s, name, false, neither);
    row(u"1.2.3.4\t:80"_s, name, false, neither);
    row(u"[ ::1]:80"_s, addr, false, u"is not an IPv6 address"_s);
    row(u"[::1 ]:80"_s, name, false, u"is not an IPv6 address"_s);
    row(u"1.2.3.4 80"_s, name, false, u"expected HOST:PORT"_s);
    row(u"a\n:80"_s, name, false, neither);
    row(u"1.2.3.4\n:80"_s, addr, false, u"is not an IP address"_s);
}

void TestEndpoint::parseInvalid()
{
    QFETCH(QString, text);
    QFETCH(Endpoint::HostKind, kind);
    QFETCH(bool, allowPortZero);
    QFETCH(QString, errorContains);

    const Endpoint::HostPort r = Endpoint::parseHostPort(text, kind, allowPortZero);
    QVERIFY2(!r.ok(), qPrintable(u"accepted as host \""_s + r.host + u"\" port "_s + QString::number(r.port)));
    QVERIFY2(r.error.contains(errorContains), qPrintable(r.error));
    // One line, so the command line can print it as is.
    if (!text.contains(u'\n'))
        QVERIFY(!r.error.contains(u'\n'));
    // Nothing half-parsed leaks out.
    QCOMPARE(r.host, QString());
}

void TestEndpoint::bareIPv6NeedsBrackets()
{
    // The classic mistake: the message must tell how to write it, and the
    // bracketed form it suggests must then parse.
    const Endpoint::HostPort bad = Endpoint::parseHostPort(u"::1:80"_s, Endpoint::HostKind::AddressOnly, false);
    QVERIFY(!bad.ok());
    QVERIFY2(bad.error.contains(u"brackets"_s), qPrintable(bad.error));
    QVERIFY2(bad.error.contains(u"[::1]:PORT"_s), qPrintable(bad.error));

    const Endpoint::HostPort good = Endpoint::parseHostPort(u"[::1]:80"_s, Endpoint::HostKind::AddressOnly, false);
    QVERIFY2(good.ok(), qPrintable(good.error));
    QCOMPARE(good.host, u"::1"_s);
    QCOMPARE(good.port, quint16(80));
    // Round trip through Endpoint.
    QCOMPARE((Endpoint{QHostAddress(good.host), good.port}.toString()), u"[::1]:80"_s);
}

void TestEndpoint::parsePort_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("allowZero");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<int>("port");
    QTest::addColumn<QString>("errorContains");

    auto good = [](const QString &text, bool zero, int port) {
        QTest::newRow(qPrintable(u"\""_s + text + u"\""_s + (zero ? u" zero-ok"_s : u""_s)))
            << text << zero << true << port << QString();
    };
    auto bad = [](const QString &text, bool zero, const QString &errorContains) {
        QTest::newRow(qPrintable(u"\""_s + text + u"\""_s + (zero ? u" zero-ok"_s : u""_s)))
            << text << zero << false << -1 << errorContains;
    };
    good(u"0"_s, true, 0);
    good(u"1"_s, false, 1);
    good(u"80"_s, false, 80);
    good(u"8000"_s, true, 8000);
    good(u"65535"_s, false, 65535);
    good(u" 443 "_s, false, 443);
    bad(u"0"_s, false, u"Port 0 is not allowed here: use a number from 1 to 65535"_s);
    bad(u"65536"_s, true, u"“65536” is not a port: use a number from 0 to 65535"_s);
    bad(u"65536"_s, false, u"“65536” is not a port: use a number from 1 to 65535"_s);
    bad(u"4294967376"_s, false, u"is not a port"_s);  // 2^32 + 80: must not wrap to 80
    bad(u"-1"_s, true, u"“-1” is not a port"_s);
    bad(u"+1"_s, true, u"“+1” is not a port"_s);
    bad(u"8o"_s, true, u"“8o” is not a port"_s);
    bad(u"1e3"_s, true, u"is not a port"_s);
    bad(u"80.0"_s, true, u"is not a port"_s);
    bad(u"http"_s, true, u"“http” is not a port"_s);
    bad(QString(), true, u"The port is missing"_s);
    bad(u"  "_s, true, u"The port is missing"_s);
}

void TestEndpoint::parsePort()
{
    QFETCH(QString, text);
    QFETCH(bool, allowZero);
    QFETCH(bool, ok);
    QFETCH(int, port);
    QFETCH(QString, errorContains);

    quint16 value = 4242;  // sentinel: left alone on failure
    QString error = u"sentinel"_s;
    QCOMPARE(Endpoint::parsePort(text, allowZero, &value, &error), ok);
    if (ok) {
        QCOMPARE(int(value), port);
        QCOMPARE(error, u"sentinel"_s);
    } else {
        QCOMPARE(value, quint16(4242));
        QVERIFY2(error.contains(errorContains), qPrintable(error));
    }
}

void TestEndpoint::parsePortNullPointers()
{
    QVERIFY(Endpoint::parsePort(u"80"_s, false, nullptr, nullptr));
    QVERIFY(!Endpoint::parsePort(u"0"_s, false, nullptr, nullptr));
    QVERIFY(!Endpoint::parsePort(u"x"_s, true, nullptr, nullptr));
    QVERIFY(!Endpoint::parsePort(QString(), true, nullptr, nullptr));
}

void TestEndpoint::isValidHostName_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("valid");

    auto row = [](const QString &name, bool valid) {
        QString tag = name.size() > 40 ? name.left(20) + u"…("_s + QString::number(name.size()) + u" chars)"_s
                                       : visible(name);
        if (tag.isEmpty())
            tag = u"(empty)"_s;
        QTest::newRow(qPrintable(u"\""_s + tag + u"\""_s)) << name << valid;
    };
    row(u"localhost"_s, true);
    row(u"a"_s, true);
    row(u"example.com"_s, true);
    row(u"example.com."_s, true);
    row(u"EXAMPLE.Com"_s, true);
    row(u"a-b.c-d.e"_s, true);
    row(u"123.example"_s, true);
    row(u"xn--bcher-kva.example"_s, true);
    row(label(63), true);
    row(label(63) + u".com"_s, true);
    {
        // Exactly 253 characters: 63 + 1 + 63 + 1 + 63 + 1 + 61.
        const QString max = label(63) + u'.' + label(63) + u'.' + label(63) + u'.' + label(61);
        QCOMPARE(max.size(), 253);
        row(max, true);
        row(max + u'a', false);
    }
    row(QString(), false);
    row(u"."_s, false);
    row(u".."_s, false);
    row(u"a..b"_s, false);
    row(u".a"_s, false);
    row(u"example.com.."_s, false);
    row(u"-a"_s, false);
    row(u"a-"_s, false);
    row(u"a.-b"_s, false);
    row(u"a.b-"_s, false);
    row(u"host_name"_s, false);
    row(u"a b"_s, false);
    row(u" a"_s, false);
    row(u"a\n"_s, false);
    row(u"bücher.de"_s, false);
    row(u"a:b"_s, false);
    row(u"a/b"_s, false);
    row(u"*.example.com"_s, false);
    row(label(64), false);
    row(label(64) + u".com"_s, false);
    row(u"com."_s + label(64), false);
}

void TestEndpoint::isValidHostName()
{
    QFETCH(QString, name);
    QFETCH(bool, valid);
    QCOMPARE(Endpoint::isValidHostName(name), valid);
}

QTEST_GUILESS_MAIN(TestEndpoint)
#include "tst_endpoint.moc"
