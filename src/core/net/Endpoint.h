#pragma once

#include <QCoreApplication>
#include <QHostAddress>
#include <QMetaType>
#include <QString>

class QAbstractSocket;

// An address and port, printed the way users and logs expect:
// 127.0.0.1:8000 and [::1]:8000 (IPv4-mapped IPv6 is shown as IPv4).
struct Endpoint
{
    Q_DECLARE_TR_FUNCTIONS(Endpoint)
public:
    QHostAddress address;
    quint16 port = 0;

    bool isNull() const { return address.isNull(); }
    QString toString() const;
    QString addressString() const;
    bool isIPv6() const;
    // The same endpoint with an IPv4-mapped address (a dual-stack socket's
    // IPv4 peer, ::ffff:a.b.c.d) as the IPv4 one; any other as it is.
    Endpoint unmapped() const;
    bool operator==(const Endpoint &) const = default;
    // The two ends of a Qt socket, as it knows them (null before it is bound
    // or connected).
    static Endpoint localOf(const QAbstractSocket &socket);
    static Endpoint peerOf(const QAbstractSocket &socket);

    // What the user typed as HOST:PORT, split. Hosts may be names (for a
    // client), IPv4, or bracketed IPv6 ("[::1]:8000"); a bare IPv6 address
    // with a port must be bracketed.
    struct HostPort
    {
        QString host;
        quint16 port = 0;
        QString error;  // empty when ok
        bool ok() const { return error.isEmpty(); }
    };
    enum class HostKind { AddressOnly, NameOrAddress };
    static HostPort parseHostPort(const QString &text, HostKind kind, bool allowPortZero);
    // Port text 0–65535 (1–65535 unless allowZero).
    static bool parsePort(const QString &text, bool allowZero, quint16 *port, QString *error);
    // Field checks for editors: an empty string when the text is fine,
    // otherwise why not, in words for a tooltip.
    static QString checkAddress(const QString &text);           // an IP address
    static QString checkHost(const QString &text);              // an IP address or a host name
    static QString checkPort(const QString &text, bool allowZero);
    // A host name as DNS allows it (letters, digits, hyphens, dots; labels ≤ 63).
    static bool isValidHostName(const QString &name);
};

Q_DECLARE_METATYPE(Endpoint)
