// SockAddr: the kernel's socket addresses as endpoints, IPv4 and IPv6 (a
// v4-mapped one stays IPv6), with and without a scope id, and nothing for
// another family.

#include "core/os/SockAddr.h"

#include <QTest>

#include <cstring>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

class TestSockAddr : public QObject
{
    Q_OBJECT
private slots:
    void convertsInetAddresses_data();
    void convertsInetAddresses();
    void otherFamiliesAreNull();
    void namesAReadSocketAddress();
};

void TestSockAddr::convertsInetAddresses_data()
{
    QTest::addColumn<QString>("address");
    QTest::addColumn<quint16>("port");
    QTest::addColumn<quint32>("scope");
    QTest::addColumn<QString>("printed");
    QTest::newRow("IPv4 loopback") << QStringLiteral("127.0.0.1") << quint16(8000) << 0u << QStringLiteral("127.0.0.1:8000");
    QTest::newRow("IPv4 any, port 0") << QStringLiteral("0.0.0.0") << quint16(0) << 0u << QStringLiteral("0.0.0.0:0");
    QTest::newRow("IPv4 highest port") << QStringLiteral("192.168.1.20") << quint16(65535) << 0u
                                       << QStringLiteral("192.168.1.20:65535");
    QTest::newRow("IPv6 loopback") << QStringLiteral("::1") << quint16(443) << 0u << QStringLiteral("[::1]:443");
    QTest::newRow("IPv6 v4-mapped") << QStringLiteral("::ffff:10.0.0.1") << quint16(53) << 0u
                                    << QStringLiteral("10.0.0.1:53");
    QTest::newRow("IPv6 link-local with a scope") << QStringLiteral("fe80::1") << quint16(9) << 3u
                                                  << QStringLiteral("[fe80::1]:9");
}

void TestSockAddr::convertsInetAddresses()
{
    QFETCH(QString, address);
    QFETCH(quint16, port);
    QFETCH(quint32, scope);
    QFETCH(QString, printed);
    sockaddr_storage storage{};
    const QByteArray text = address.toLatin1();
    if (address.contains(u':')) {
        auto *in6 = reinterpret_cast<sockaddr_in6 *>(&storage);
        in6->sin6_family = AF_INET6;
        in6->sin6_port = htons(port);
        in6->sin6_scope_id = scope;
        QCOMPARE(::inet_pton(AF_INET6, text.constData(), &in6->sin6_addr), 1);
    } else {
        auto *in = reinterpret_cast<sockaddr_in *>(&storage);
        in->sin_family = AF_INET;
        in->sin_port = htons(port);
        QCOMPARE(::inet_pton(AF_INET, text.constData(), &in->sin_addr), 1);
    }
    quint32 scopeOut = 12345;
    const Endpoint e = SockAddr::toEndpoint(reinterpret_cast<const sockaddr *>(&storage), &scopeOut);
    QCOMPARE(e.address, QHostAddress(address));
    QCOMPARE(e.address.protocol(), QHostAddress(address).protocol());
    QVERIFY(e.address.scopeId().isEmpty());
    QCOMPARE(e.port, port);
    QCOMPARE(scopeOut, scope);
    QCOMPARE(e.toString(), printed);
    // Without asking for the scope.
    QCOMPARE(SockAddr::toEndpoint(reinterpret_cast<const sockaddr *>(&storage)), e);
}

void TestSockAddr::otherFamiliesAreNull()
{
    sockaddr_un un{};
    un.sun_family = AF_UNIX;
    std::strcpy(un.sun_path, "/tmp/x");
    quint32 scope = 7;
    QVERIFY(SockAddr::toEndpoint(reinterpret_cast<const sockaddr *>(&un), &scope).isNull());
    QCOMPARE(scope, 0u);
    scope = 7;
    QVERIFY(SockAddr::toEndpoint(nullptr, &scope).isNull());
    QCOMPARE(scope, 0u);
}

void TestSockAddr::namesAReadSocketAddress()
{
    // What getsockname() gives for a real socket bound on loopback.
    const int fd = ::socket(AF_INET6, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        QSKIP("no IPv6 here");
    sockaddr_in6 bindTo{};
    bindTo.sin6_family = AF_INET6;
    bindTo.sin6_addr = in6addr_loopback;
    if (::bind(fd, reinterpret_cast<const sockaddr *>(&bindTo), sizeof bindTo) != 0) {
        ::close(fd);
        QSKIP("cannot bind ::1");
    }
    sockaddr_storage name{};
    socklen_t length = sizeof name;
    QCOMPARE(::getsockname(fd, reinterpret_cast<sockaddr *>(&name), &length), 0);
    ::close(fd);
    const Endpoint e = SockAddr::toEndpoint(reinterpret_cast<const sockaddr *>(&name));
    QCOMPARE(e.address, QHostAddress(QHostAddress::LocalHostIPv6));
    QVERIFY(e.port != 0);
}

QTEST_GUILESS_MAIN(TestSockAddr)
#include "tst_sockaddr.moc"
