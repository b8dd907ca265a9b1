#include "core/text/PayloadParser.h"

#include "core/text/TextCodec.h"

#include <QCoreApplication>
#include <QList>

using namespace Qt::StringLiterals;

namespace {

PayloadParser::Result failAt(const QString &input, int position, const QString &reason)
{
    PayloadParser::Result result;
    result.reason = reason;
    result.position = position;
    PayloadParser::locate(input, position, &result.line, &result.column);
    result.error = PayloadParser::describe(reason, result.line, result.column);
    return result;
}

PayloadParser::Result failNowhere(const QString &reason)
{
    PayloadParser::Result result;
    result.reason = reason;
    result.error = reason;
    return result;
}

// The character at i as a message shows it: itself when it is visible,
// otherwise its code (a newline or a NUL in a message would hide the fault).
QString shownChar(const QString &input, int i, bool *visible)
{
    const QChar c = input.at(i);
    char32_t codePoint = c.unicode();
    qsizetype length = 1;
    if (c.isHighSurrogate() && i + 1 < input.size() && input.at(i + 1).isLowSurrogate()) {
        codePoint = QChar::surrogateToUcs4(c, input.at(i + 1));
        length = 2;
    }
    *visible = QChar::isPrint(codePoint) && !QChar::isSpace(codePoint);
    if (*visible)
        return input.sliced(i, length);
    return u"U+"_s + QString::number(uint(codePoint), 16).toUpper().rightJustified(4, u'0');
}

int hexValue(QChar c)
{
    const char16_t u = c.unicode();
    if (u >= u'0' && u <= u'9')
        return u - u'0';
    if (u >= u'a' && u <= u'f')
        return u - u'a' + 10;
    if (u >= u'A' && u <= u'F')
        return u - u'A' + 10;
    return -1;
}

bool isHexSeparator(QChar c)
{
    return c.isSpace() || c == u',' || c == u':' || c == u'-';
}

PayloadParser::Result parseText(const QString &input, const QString &encoding)
{
    const QString canonical = TextCodec::canonicalName(encoding);
    if (canonical.isEmpty())
        return failNowhere(QCoreApplication::translate("PayloadParser", "Unknown encoding \u201c%1\u201d").arg(encoding));

    PayloadParser::Result result;
    // Plain text and named escapes collect here and are encoded together;
    // positions map each collected QChar back to the input for error reports.
    QString segment;
    QList<int> positions;
    const auto flush = [&]() -> bool {
        if (segment.isEmpty())
            return true;
        const TextCodec::Encoded encoded = TextCodec::encode(segment, canonical);
        if (!encoded.ok()) {
            const qsizetype at = encoded.firstUnmappable >= 0 ? encoded.firstUnmappable : 0;
            result = failAt(input, positions.at(at), encoded.error);
            return false;
        }
        result.bytes += encoded.bytes;
        segment.clear();
        positions.clear();
        return true;
    };

    const int size = int(input.size());
    for (int i = 0; i < size;) {
        const QChar c = input.at(i);
        if (c != u'\\') {
            segment += c;
            positions.append(i);
            ++i;
            continue;
        }
        if (i + 1 >= size)
            return failAt(input, i, QCoreApplication::translate("PayloadParser", "Trailing backslash (write \\\\ for a backslash)"));
        const QChar escape = input.at(i + 1);
        QChar named;
        switch (escape.unicode()) {
        case u'r': named = u'\r'; break;
        case u'n': named = u'\n'; break;
        case u't': named = u'\t'; break;
        case u'0': named = QChar(0); break;
        case u'\\': named = u'\\'; break;
        case u'x': {
            const int high = i + 2 < size ? hexValue(input.at(i + 2)) : -1;
            const int low = i + 3 < size ? hexValue(input.at(i + 3)) : -1;
            if (high < 0 || low < 0)
                return failAt(input, i, QCoreApplication::translate("PayloadParser", "\\x must be followed by two hex digits"));
            if (!flush())
                return result;
            result.bytes += char(high * 16 + low);
            i += 4;
            continue;
        }
        default: {
            bool visible = false;
            const QString shown = shownChar(input, i + 1, &visible);
            return failAt(input, i, visible
                                  ? QCoreApplication::translate("PayloadParser", "Unknown escape \\%1").arg(shown)
                                  : QCoreApplication::translate("PayloadParser", "Unknown escape: a backslash followed by %1").arg(shown));
        }
        }
        segment += named;
        positions.append(i);
        i += 2;
    }
    flush();
    return result;
}

PayloadParser::Result parseHex(const QString &input)
{
    PayloadParser::Result result;
    result.bytes.reserve(input.size() / 2);
    const int size = int(input.size());
    int i = 0;
    while (i < size) {
        if (isHexSeparator(input.at(i))) {
            ++i;
            continue;
        }
        const int groupStart = i;
        bool prefixed = false;
        if (input.at(i) == u'0' && i + 1 < size && (input.at(i + 1) == u'x' || input.at(i + 1) == u'X')) {
            prefixed = true;
            i += 2;
        }
        const int digitsStart = i;
        while (i < size && !isHexSeparator(input.at(i))) {
            if (hexValue(input.at(i)) < 0) {
                bool visible = false;
                const QString shown = shownChar(input, i, &visible);
                return failAt(input, i, visible
                                      ? QCoreApplication::translate("PayloadParser", "Invalid character \u201c%1\u201d in hex").arg(shown)
                                      : QCoreApplication::translate("PayloadParser", "Invalid character %1 in hex").arg(shown));
            }
            ++i;
        }
        const int digits = i - digitsStart;
        if (prefixed && digits == 0)
            return failAt(input, groupStart, QCoreApplication::translate("PayloadParser", "\u201c%1\u201d is not followed by hex digits")
                                                      .arg(input.sliced(groupStart, 2)));
        if (digits % 2 != 0) {
            QString group = input.sliced(groupStart, i - groupStart);
            if (group.size() > 16)
                group = group.left(16) + u'\u2026';
            return failAt(input, groupStart,
                          QCoreApplication::translate("PayloadParser", "Odd number of hex digits in \u201c%1\u201d (each byte takes two)").arg(group));
        }
        for (int d = digitsStart; d < i; d += 2)
            result.bytes += char(hexValue(input.at(d)) * 16 + hexValue(input.at(d + 1)));
    }
    return result;
}

} // namespace

PayloadParser::Result PayloadParser::parse(const QString &input, Mode mode,
                                           const QString &encoding, bool allowEmpty)
{
    Result result = mode == Mode::Hex ? parseHex(input) : parseText(input, encoding);
    if (result.ok() && result.bytes.isEmpty() && !allowEmpty)
        return failNowhere(QCoreApplication::translate("PayloadParser", "Nothing to send: the payload is empty"));
    return result;
}

bool PayloadParser::modeFromName(const QString &name, Mode *mode)
{
    Mode found;
    if (name.compare(u"text"_s, Qt::CaseInsensitive) == 0)
        found = Mode::Text;
    else if (name.compare(u"hex"_s, Qt::CaseInsensitive) == 0)
        found = Mode::Hex;
    else
        return false;
    if (mode)
        *mode = found;
    return true;
}

void PayloadParser::locate(const QString &input, int position, int *line, int *column)
{
    const int end = qBound(0, position, int(input.size()));
    int lineNumber = 1;
    int lineStart = 0;
    for (int i = 0; i < end; ++i) {
        if (input.at(i) == u'\n') {
            ++lineNumber;
            lineStart = i + 1;
        }
    }
    int columnNumber = 1;
    for (int i = lineStart; i < end; ++i) {
        // The second half of a surrogate pair is not a character of its own.
        if (!(input.at(i).isLowSurrogate() && i > lineStart && input.at(i - 1).isHighSurrogate()))
            ++columnNumber;
    }
    if (line)
        *line = lineNumber;
    if (column)
        *column = columnNumber;
}

QString PayloadParser::describe(const QString &reason, int line, int column)
{
    return QCoreApplication::translate("PayloadParser", "%1 at line %2, column %3")
            .arg(reason, QString::number(line), QString::number(column));
}
