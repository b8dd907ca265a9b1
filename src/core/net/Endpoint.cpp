#include "core/net/Endpoint.h"

#include <QAbstractSocket>
#include <QCoreApplication>
#include <QRegularExpression>

#include <algorithm>

namespace {
// QHostAddress skips whitespace inside an address ("1.2.3. 4"); a host never has any.
bool hasSpace(const QString &s)
{
    return std::any_of(s.cbegin(), s.cend(), [](QChar c) { return c.isSpace(); });
}

QHostAddress unmappedAddress(const QHostAddress &a)
{
    if (a.protocol() == QAbstractSocket::IPv6Protocol) {
        bool ok = false;
        const quint32 v4 = a.toIPv4Address(&ok);
        if (ok && a != QHostAddress(QHostAddress::AnyIPv6))
            return QHostAddress(v4);
    }
    return a;
}
} // namespace

QString Endpoint::addressString() const
{
    if (address.isNull())
        return QString();
    QHostAddress a = unmappedAddress(address);
    a.setScopeId(address.scopeId());
    return a.toString();
}

Endpoint Endpoint::unmapped() const
{
    return Endpoint{unmappedAddress(address), port};
}

bool Endpoint::isIPv6() const
{
    return unmappedAddress(address).protocol() == QAbstractSocket::IPv6Protocol;
}

QString Endpoint::toString() const
{
    if (address.isNull())
        return QString();
    if (isIPv6())
        // Not .arg().arg(): a scope id ("fe80::1%2") would be taken for a placeholder.
        return u'[' + addressString() + QStringLiteral("]:") + QString::number(port);
    return addressString() + u':' + QString::number(port);
}

Endpoint Endpoint::localOf(const QAbstractSocket &socket)
{
    return Endpoint{socket.localAddress(), socket.localPort()};
}

Endpoint Endpoint::peerOf(const QAbstractSocket &socket)
{
    return Endpoint{socket.peerAddress(), socket.peerPort()};
}

bool Endpoint::parsePort(const QString &text, bool allowZero, quint16 *port, QString *error)
{
    const QString t = text.trimmed();
    bool ok = false;
    const uint value = t.toUInt(&ok, 10);
    if (t.isEmpty()) {
        if (error) *error = tr("The port is missing");
        return false;
    }
    static const QRegularExpression digits(QStringLiteral("^[0-9]+$"));
    if (!digits.match(t).hasMatch() || !ok || value > 65535) {
        if (error) *error = tr("“%1” is not a port: use a number from %2 to 65535")
                                .arg(t, allowZero ? QStringLiteral("0") : QStringLiteral("1"));
        return false;
    }
    if (value == 0 && !allowZero) {
        if (error) *error = tr("Port 0 is not allowed here: use a number from 1 to 65535");
        return false;
    }
    if (port) *port = quint16(value);
    return true;
}

bool Endpoint::isValidHostName(const QString &name)
{
    if (name.isEmpty() || name.size() > 253)
        return false;
    // Anchored with \A…\z: "$" would also match before a trailing newline.
    static const QRegularExpression label(
        QRegularExpression::anchoredPattern(QStringLiteral("(?!-)[A-Za-z0-9-]{1,63}(?<!-)")));
    QString n = name;
    if (n.endsWith(u'.'))
        n.chop(1);
    const auto labels = n.split(u'.');
    for (const QString &l : labels) {
        if (!label.match(l).hasMatch())
            return false;
    }
    return true;
}

Endpoint::HostPort Endpoint::parseHostPort(const QString &text, HostKind kind, bool allowPortZero)
{
    HostPort r;
    const QString t = text.trimmed();
    if (t.isEmpty()) {
        r.error = tr("Expected HOST:PORT, got nothing");
        return r;
    }
    QString host;
    QString portText;
    if (t.startsWith(u'[')) {
        const qsizetype close = t.indexOf(u']');
        if (close < 0) {
            r.error = tr("“%1”: missing ‘]’ after the IPv6 address").arg(t);
            return r;
        }
        host = t.mid(1, close - 1);
        const QString rest = t.mid(close + 1);
        if (!rest.startsWith(u':')) {
            r.error = tr("“%1”: expected ‘:PORT’ after ‘]’").arg(t);
            return r;
        }
        portText = rest.mid(1);
        QHostAddress a;
        if (hasSpace(host) || !a.setAddress(host) || a.protocol() != QAbstractSocket::IPv6Protocol) {
            r.error = tr("“%1” is not an IPv6 address").arg(host);
            return r;
        }
    } else {
        const qsizetype colon = t.lastIndexOf(u':');
        if (colon < 0) {
            r.error = tr("“%1”: expected HOST:PORT (for example 127.0.0.1:8000)").arg(t);
            return r;
        }
        host = t.left(colon);
        portText = t.mid(colon + 1);
        if (host.contains(u':')) {
            r.error = tr("“%1”: write an IPv6 address in brackets, as [%2]:PORT").arg(t, host);
            return r;
        }
    }
    if (host.isEmpty()) {
        r.error = tr("“%1”: the host is missing").arg(t);
        return r;
    }
    QHostAddress address;
    bool isAddress = !hasSpace(host) && address.setAddress(host);
    // QHostAddress also takes inet_aton forms typed by mistake ("1.2.3" is
    // 1.2.0.3, "010.0.0.1" is 8.0.0.1): IPv4 must be plain dotted decimal.
    if (isAddress && address.protocol() == QAbstractSocket::IPv4Protocol && address.toString() != host)
        isAddress = false;
    if (!isAddress) {
        if (kind == HostKind::AddressOnly) {
            r.error = tr("“%1” is not an IP address").arg(host);
            return r;
        }
        // Looks numeric but is not an address (e.g. 300.1.1.1): say so, not "host not found" later.
        static const QRegularExpression numeric(QStringLiteral("^[0-9.]+$"));
        if (numeric.match(host).hasMatch() || !isValidHostName(host)) {
            r.error = tr("“%1” is neither an IP address nor a valid host name").arg(host);
            return r;
        }
    }
    QString portError;
    if (!parsePort(portText, allowPortZero, &r.port, &portError)) {
        r.error = portError;
        return r;
    }
    r.host = host;
    return r;
}

namespace {
// A host field as parseHostPort sees it, so the fields and the command line
// accept and refuse exactly the same things.
QString checkHostField(const QString &text, Endpoint::HostKind kind, const QString &emptyMessage)
{
    const QString t = text.trimmed();
    if (t.isEmpty())
        return emptyMessage;
    QString bare = t;
    const bool bracketed = bare.startsWith(u'[') && bare.endsWith(u']');
    if (bracketed)
        bare = bare.mid(1, bare.size() - 2);
    if (bracketed && !bare.contains(u':'))
        return Endpoint::tr("Brackets are only for IPv6 addresses: write %1").arg(bare);
    const QString probe = bare.contains(u':') ? u'[' + bare + QStringLiteral("]:1") : bare + QStringLiteral(":1");
    return Endpoint::parseHostPort(probe, kind, false).error;
}
} // namespace

QString Endpoint::checkAddress(const QString &text)
{
    return checkHostField(text, HostKind::AddressOnly, tr("Enter an IP address, such as 127.0.0.1 or ::1"));
}

QString Endpoint::checkHost(const QString &text)
{
    return checkHostField(text, HostKind::NameOrAddress, tr("Enter a host name or an IP address"));
}

QString Endpoint::checkPort(const QString &text, bool allowZero)
{
    QString error;
    quint16 port = 0;
    if (!parsePort(text, allowZero, &port, &error))
        return error;
    return QString();
}
