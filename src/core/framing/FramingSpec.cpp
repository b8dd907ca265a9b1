#include "core/framing/FramingSpec.h"

#include <QCoreApplication>
#include <QStringList>

using namespace Qt::StringLiterals;

namespace {

QString syntaxHint()
{
    return u"none, line, crlf, delim:HEX, length:WIDTH[:be|le][:incl], fixed:N"_s;
}

bool allDigits(const QString &text)
{
    if (text.isEmpty())
        return false;
    for (const QChar c : text) {
        if (c < u'0' || c > u'9')
            return false;
    }
    return true;
}

bool isHexDigit(QChar c)
{
    return (c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'f') || (c >= u'A' && c <= u'F');
}

// What follows field index `from` in the original fields, as ":a:b", for
// "remove ..." messages.
QString restFrom(const QStringList &fields, qsizetype from)
{
    QString rest;
    for (qsizetype i = from; i < fields.size(); ++i)
        rest += u':' + fields.at(i);
    return rest;
}

FramingSpec fail(QString *error, const QString &message, qint64 maxFrameBytes)
{
    if (error)
        *error = message;
    FramingSpec spec;
    spec.maxFrameBytes = maxFrameBytes;
    return spec;
}

FramingSpec withMax(FramingSpec spec, qint64 maxFrameBytes)
{
    spec.maxFrameBytes = maxFrameBytes;
    return spec;
}

QChar structCode(int width)
{
    switch (width) {
    case 1: return u'B';
    case 2: return u'H';
    case 4: return u'I';
    default: return u'Q';
    }
}

} // namespace

FramingSpec FramingSpec::none()
{
    return {};
}

FramingSpec FramingSpec::line()
{
    return delimited(QByteArrayLiteral("\n"));
}

FramingSpec FramingSpec::crlf()
{
    return delimited(QByteArrayLiteral("\r\n"));
}

FramingSpec FramingSpec::delimited(const QByteArray &delimiter)
{
    FramingSpec spec;
    spec.kind = Kind::Delimiter;
    spec.delimiter = delimiter;
    return spec;
}

FramingSpec FramingSpec::lengthPrefix(int width, Endian endian, bool includesHeader)
{
    FramingSpec spec;
    spec.kind = Kind::LengthPrefix;
    spec.lengthWidth = width;
    // One byte has no order; keeping it Big makes equal specs compare equal.
    spec.endian = width == 1 ? Endian::Big : endian;
    spec.lengthIncludesHeader = includesHeader;
    return spec;
}

FramingSpec FramingSpec::fixed(qint64 size)
{
    FramingSpec spec;
    spec.kind = Kind::FixedSize;
    spec.fixedSize = size;
    return spec;
}

FramingSpec FramingSpec::parse(const QString &text, QString *error, qint64 maxFrameBytes)
{
    if (error)
        error->clear();
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return fail(error, QCoreApplication::translate("Framer", "No framing given; use one of %1").arg(syntaxHint()), maxFrameBytes);

    QStringList fields = trimmed.split(u':');
    for (QString &field : fields)
        field = field.trimmed();
    const QString kind = fields.first().toLower();

    FramingSpec spec;
    if (kind == u"none" || kind == u"line" || kind == u"crlf") {
        if (fields.size() > 1) {
            return fail(error, QCoreApplication::translate("Framer", "Framing \u201c%1\u201d takes no options; remove \u201c%2\u201d")
                                   .arg(kind, restFrom(fields, 1)), maxFrameBytes);
        }
        spec = kind == u"none" ? none() : kind == u"line" ? line() : crlf();
    } else if (kind == u"delim") {
        const QString hex = fields.size() > 1 ? fields.at(1) : QString();
        if (hex.isEmpty())
            return fail(error, QCoreApplication::translate("Framer", "delim needs the delimiter bytes in hex, e.g. delim:0d0a"), maxFrameBytes);
        if (fields.size() > 2) {
            return fail(error, QCoreApplication::translate("Framer", "delim takes one field; remove \u201c%1\u201d").arg(restFrom(fields, 2)),
                        maxFrameBytes);
        }
        for (const QChar c : hex) {
            if (!isHexDigit(c)) {
                return fail(error, QCoreApplication::translate("Framer", "Delimiter \u201c%1\u201d is not hex: \u201c%2\u201d is not a hex digit "
                                      "(two hex digits per byte, e.g. delim:0d0a)").arg(hex, c),
                            maxFrameBytes);
            }
        }
        if (hex.size() % 2 != 0) {
            return fail(error, QCoreApplication::translate("Framer", "Delimiter \u201c%1\u201d has an odd number of hex digits "
                                  "(two hex digits per byte, e.g. delim:0d0a)").arg(hex), maxFrameBytes);
        }
        spec = delimited(QByteArray::fromHex(hex.toLatin1()));
    } else if (kind == u"length") {
        const QString widthText = fields.size() > 1 ? fields.at(1) : QString();
        if (widthText.isEmpty())
            return fail(error, QCoreApplication::translate("Framer", "length needs a width of 1, 2, 4 or 8 bytes, e.g. length:4"), maxFrameBytes);
        const int width = allDigits(widthText) && widthText.size() <= 2 ? widthText.toInt() : -1;
        if (width != 1 && width != 2 && width != 4 && width != 8) {
            return fail(error, QCoreApplication::translate("Framer", "Length width must be 1, 2, 4 or 8 bytes, not \u201c%1\u201d").arg(widthText),
                        maxFrameBytes);
        }
        QString order; // "be" or "le" once given
        bool includes = false;
        for (qsizetype i = 2; i < fields.size(); ++i) {
            const QString option = fields.at(i).toLower();
            if (option.isEmpty()) {
                return fail(error, QCoreApplication::translate("Framer", "Empty length option (a stray \u201c:\u201d) in \u201c%1\u201d")
                                       .arg(trimmed), maxFrameBytes);
            }
            if (option == u"be" || option == u"le") {
                if (order == option)
                    return fail(error, QCoreApplication::translate("Framer", "Length option \u201c%1\u201d is given twice").arg(option), maxFrameBytes);
                if (!order.isEmpty()) {
                    return fail(error, QCoreApplication::translate("Framer", "Length options \u201c%1\u201d and \u201c%2\u201d contradict each other")
                                           .arg(order, option), maxFrameBytes);
                }
                order = option;
            } else if (option == u"incl") {
                if (includes)
                    return fail(error, QCoreApplication::translate("Framer", "Length option \u201c%1\u201d is given twice").arg(option), maxFrameBytes);
                includes = true;
            } else {
                return fail(error, QCoreApplication::translate("Framer", "Unknown length option \u201c%1\u201d; use be, le or incl").arg(fields.at(i)),
                            maxFrameBytes);
            }
        }
        spec = lengthPrefix(width, order == u"le" ? Endian::Little : Endian::Big, includes);
    } else if (kind == u"fixed") {
        const QString sizeText = fields.size() > 1 ? fields.at(1) : QString();
        if (sizeText.isEmpty())
            return fail(error, QCoreApplication::translate("Framer", "fixed needs a frame size in bytes, e.g. fixed:16"), maxFrameBytes);
        if (fields.size() > 2) {
            return fail(error, QCoreApplication::translate("Framer", "fixed takes one field; remove \u201c%1\u201d").arg(restFrom(fields, 2)),
                        maxFrameBytes);
        }
        if (!allDigits(sizeText)) {
            return fail(error, QCoreApplication::translate("Framer", "Fixed frame size \u201c%1\u201d is not a whole number of bytes").arg(sizeText),
                        maxFrameBytes);
        }
        bool ok = false;
        const qint64 size = sizeText.toLongLong(&ok);
        if (!ok) {
            return fail(error, QCoreApplication::translate("Framer", "Fixed frame size %1 exceeds the maximum frame size of %2 bytes")
                                   .arg(sizeText, QString::number(maxFrameBytes)), maxFrameBytes);
        }
        spec = fixed(size);
    } else {
        return fail(error, QCoreApplication::translate("Framer", "Unknown framing \u201c%1\u201d; use one of %2").arg(fields.first(), syntaxHint()),
                    maxFrameBytes);
    }

    spec = withMax(spec, maxFrameBytes);
    const QString problem = spec.validate();
    if (!problem.isEmpty())
        return fail(error, problem, maxFrameBytes);
    return spec;
}

QString FramingSpec::toString() const
{
    switch (kind) {
    case Kind::None:
        return u"none"_s;
    case Kind::Delimiter:
        if (delimiter == "\n")
            return u"line"_s;
        if (delimiter == "\r\n")
            return u"crlf"_s;
        return u"delim:"_s + QString::fromLatin1(delimiter.toHex());
    case Kind::LengthPrefix: {
        QString text = u"length:"_s + QString::number(lengthWidth);
        if (lengthWidth > 1 && endian == Endian::Little)
            text += u":le"_s;
        if (lengthIncludesHeader)
            text += u":incl"_s;
        return text;
    }
    case Kind::FixedSize:
        return u"fixed:"_s + QString::number(fixedSize);
    }
    return {};
}

QString FramingSpec::describe() const
{
    switch (kind) {
    case Kind::None:
        return QCoreApplication::translate("Framer", "No framing: each read is one message, cut wherever TCP delivered it");
    case Kind::Delimiter:
        if (delimiter == "\n")
            return QCoreApplication::translate("Framer", "Lines ending in \\n (newline)");
        if (delimiter == "\r\n")
            return QCoreApplication::translate("Framer", "Lines ending in \\r\\n (CR LF)");
        return QCoreApplication::translate("Framer", "Frames ending in the bytes %1").arg(QString::fromLatin1(delimiter.toHex(' ')));
    case Kind::LengthPrefix: {
        const QString format = structFormat();
        QString header;
        if (lengthWidth == 1)
            header = QCoreApplication::translate("Framer", "1-byte length prefix");
        else if (endian == Endian::Big)
            header = QCoreApplication::translate("Framer", "%1-byte big-endian length prefix").arg(lengthWidth);
        else
            header = QCoreApplication::translate("Framer", "%1-byte little-endian length prefix").arg(lengthWidth);
        if (lengthIncludesHeader) {
            return QCoreApplication::translate("Framer", "%1 that counts itself (struct.pack('%2', %3 + n))")
                .arg(header, format).arg(lengthWidth);
        }
        return QCoreApplication::translate("Framer", "%1 (struct.pack('%2', n))").arg(header, format);
    }
    case Kind::FixedSize:
        // Spelled out rather than %n: English has no plural translation file.
        if (fixedSize == 1)
            return QCoreApplication::translate("Framer", "Fixed-size frames of 1 byte");
        return QCoreApplication::translate("Framer", "Fixed-size frames of %1 bytes").arg(fixedSize);
    }
    return {};
}

QString FramingSpec::structFormat() const
{
    if (kind != Kind::LengthPrefix)
        return {};
    const QString order = lengthWidth == 1 ? QString() : endian == Endian::Big ? u"!"_s : u"<"_s;
    return order + structCode(lengthWidth);
}

QString FramingSpec::validate() const
{
    if (maxFrameBytes < 1 || maxFrameBytes > MaxFrameBytesLimit) {
        return QCoreApplication::translate("Framer", "Maximum frame size must be between 1 and %1 bytes, not %2")
            .arg(MaxFrameBytesLimit).arg(maxFrameBytes);
    }
    switch (kind) {
    case Kind::None:
        return {};
    case Kind::Delimiter:
        if (delimiter.isEmpty())
            return QCoreApplication::translate("Framer", "The delimiter is empty; give at least one byte, e.g. delim:0a");
        return {};
    case Kind::LengthPrefix:
        if (lengthWidth != 1 && lengthWidth != 2 && lengthWidth != 4 && lengthWidth != 8)
            return QCoreApplication::translate("Framer", "Length width must be 1, 2, 4 or 8 bytes, not \u201c%1\u201d").arg(lengthWidth);
        return {};
    case Kind::FixedSize:
        if (fixedSize < 1)
            return QCoreApplication::translate("Framer", "Fixed frame size must be at least 1 byte, not \u201c%1\u201d").arg(fixedSize);
        if (fixedSize > maxFrameBytes) {
            return QCoreApplication::translate("Framer", "Fixed frame size %1 exceeds the maximum frame size of %2 bytes")
                .arg(fixedSize).arg(maxFrameBytes);
        }
        return {};
    }
    return QCoreApplication::translate("Framer", "Unknown framing kind");
}

qsizetype FramingSpec::overheadBytes() const
{
    switch (kind) {
    case Kind::Delimiter: return delimiter.size();
    case Kind::LengthPrefix: return lengthWidth;
    case Kind::None:
    case Kind::FixedSize: return 0;
    }
    return 0;
}
