#include "core/reply/AutoReply.h"

#include "core/text/TextCodec.h"
#include "core/workbench/Version.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QLocale>

using namespace Qt::StringLiterals;

namespace {

QString escapeHtml(const QString &text)
{
    QString out;
    out.reserve(text.size());
    for (QChar c : text) {
        switch (c.unicode()) {
        case u'&': out += u"&amp;"_s; break;
        case u'<': out += u"&lt;"_s; break;
        case u'>': out += u"&gt;"_s; break;
        case u'"': out += u"&quot;"_s; break;
        case u'\'': out += u"&#39;"_s; break;
        default: out += c;
        }
    }
    return out;
}

// Peer bytes shown in the page: printable ASCII HTML-escaped, anything else
// percent-encoded as in a URL, so no byte of the request reaches the page raw
// and the page stays representable in every encoding.
QString escapeRequestBytes(const QByteArray &bytes)
{
    QString text;
    text.reserve(bytes.size());
    for (char ch : bytes) {
        const uchar c = static_cast<uchar>(ch);
        if (c >= 0x20 && c < 0x7f)
            text += QLatin1Char(ch);
        else
            text += u'%' + QString::number(c, 16).toUpper().rightJustified(2, u'0');
    }
    return escapeHtml(text);
}

QByteArray httpDate()
{
    return QLocale::c()
            .toString(QDateTime::currentDateTimeUtc(), u"ddd, dd MMM yyyy hh:mm:ss 'GMT'"_s)
            .toLatin1();
}

} // namespace

AutoReply AutoReply::fromSpec(const QString &spec, const QString &encoding, QString *error)
{
    if (error)
        error->clear();
    const auto fail = [error](const QString &message) {
        if (error)
            *error = message;
        return AutoReply();
    };

    AutoReply reply;
    const QString canonical = TextCodec::canonicalName(encoding);
    reply.m_encoding = canonical.isEmpty() ? encoding : canonical;

    if (spec.isEmpty() || spec.compare(u"none"_s, Qt::CaseInsensitive) == 0)
        return reply;
    if (spec.compare(u"echo"_s, Qt::CaseInsensitive) == 0) {
        reply.m_mode = Mode::Echo;
        return reply;
    }
    if (canonical.isEmpty())
        return fail(QCoreApplication::translate("AutoReply", "Unknown encoding \u201c%1\u201d").arg(encoding));
    if (spec.compare(u"http"_s, Qt::CaseInsensitive) == 0) {
        reply.m_mode = Mode::Http;
        return reply;
    }

    const Template::Parsed parsed = Template::parse(spec, Template::Mode::Text, canonical);
    if (!parsed.ok())
        return fail(QCoreApplication::translate("AutoReply", "Invalid reply template: %1").arg(parsed.error));
    reply.m_compiled = parsed.value;
    reply.m_mode = Mode::Template;
    reply.m_template = spec;
    return reply;
}

AutoReply::Mode AutoReply::modeOfSpec(const QString &spec)
{
    if (spec.isEmpty() || spec.compare(u"none"_s, Qt::CaseInsensitive) == 0)
        return Mode::None;
    if (spec.compare(u"echo"_s, Qt::CaseInsensitive) == 0)
        return Mode::Echo;
    if (spec.compare(u"http"_s, Qt::CaseInsensitive) == 0)
        return Mode::Http;
    return Mode::Template;
}

QString AutoReply::spec() const
{
    switch (m_mode) {
    case Mode::None: return u"none"_s;
    case Mode::Echo: return u"echo"_s;
    case Mode::Http: return u"http"_s;
    case Mode::Template: return m_template;
    }
    return u"none"_s;
}

QByteArray AutoReply::templateReply(const QByteArray &received) const
{
    switch (m_mode) {
    case Mode::Echo:
        return received;
    case Mode::Template: {
        Template::Context context;
        context.received = received;
        return m_compiled.expand(context);
    }
    case Mode::None:
    case Mode::Http:
        break;
    }
    return {};
}

QString AutoReply::httpCharset() const
{
    const QString canonical = TextCodec::canonicalName(m_encoding);
    return canonical.isEmpty() ? u"utf-8"_s : canonical.toLower();
}

namespace {

QByteArray httpMessage(const QByteArray &statusLine, const QString &charset, const QString &page,
                       bool keepAlive, bool withBody)
{
    // The page is protocol output, not UI: it stays in English whatever the
    // language of the workbench, so peers and tests see the same thing.
    const QByteArray body = TextCodec::encode(page, charset).bytes;
    QByteArray head;
    head.reserve(256);
    head += statusLine + "\r\n";
    head += "Server: SocketWorkbench/" + QByteArray(kAppVersion) + "\r\n";
    head += "Date: " + httpDate() + "\r\n";
    head += "Content-Type: text/html; charset=" + charset.toLatin1() + "\r\n";
    head += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    head += keepAlive ? "Connection: keep-alive\r\n" : "Connection: close\r\n";
    head += "\r\n";
    if (withBody)
        head += body;
    return head;
}

} // namespace

QByteArray AutoReply::httpResponse(const QByteArray &method, const QByteArray &target, bool keepAlive) const
{
    const QString charset = httpCharset();
    const QString page = u"<!DOCTYPE html>\n"
                         "<html>\n"
                         "<head>\n"
                         "<meta charset=\""_s + charset + u"\">\n"
                         "<title>Socket Workbench</title>\n"
                         "</head>\n"
                         "<body>\n"
                         "<h1>Hello from Socket Workbench</h1>\n"
                         "<p>You sent: <code>"_s + escapeRequestBytes(method) + u' ' + escapeRequestBytes(target)
            + u"</code></p>\n"
              "</body>\n"
              "</html>\n"_s;
    // RFC 9110 9.3.2: HEAD gets the headers GET would get, Content-Length included.
    return httpMessage("HTTP/1.1 200 OK", charset, page, keepAlive, method != "HEAD");
}

QByteArray AutoReply::httpBadRequest(const QString &reason) const
{
    const QString charset = httpCharset();
    const QString page = u"<!DOCTYPE html>\n"
                         "<html>\n"
                         "<head>\n"
                         "<meta charset=\""_s + charset + u"\">\n"
                         "<title>400 Bad Request</title>\n"
                         "</head>\n"
                         "<body>\n"
                         "<h1>400 Bad Request</h1>\n"
                         "<p>Socket Workbench could not read the request: "_s + escapeHtml(reason)
            + u"</p>\n"
              "</body>\n"
              "</html>\n"_s;
    return httpMessage("HTTP/1.1 400 Bad Request", charset, page, false, true);
}
