#include "core/text/TextCodec.h"

#include "core/text/CharacterProbe.h"

#include <QCoreApplication>
#include <QStringDecoder>
#include <QStringEncoder>

#include <array>

using namespace Qt::StringLiterals;

namespace {

struct EncodingInfo
{
    const char *name;        // canonical; also what QStringDecoder is given
    int maxCharBytes;        // longest sequence of one character
    bool asciiCompatible;    // bytes < 0x80 at a character boundary are one ASCII character
    bool utf16;              // Qt's UTF-16 decoders flag neither a dangling odd byte nor a lone surrogate
};

constexpr std::array kEncodings{
    EncodingInfo{"UTF-8", 4, true, false},
    EncodingInfo{"GBK", 2, true, false},
    EncodingInfo{"GB18030", 4, true, false},
    EncodingInfo{"Big5", 2, true, false},
    EncodingInfo{"Shift_JIS", 2, true, false},
    EncodingInfo{"EUC-JP", 3, true, false},
    EncodingInfo{"EUC-KR", 2, true, false},
    EncodingInfo{"ISO-8859-1", 1, true, false},
    EncodingInfo{"windows-1252", 1, true, false},
    EncodingInfo{"UTF-16LE", 4, false, true},
    EncodingInfo{"UTF-16BE", 4, false, true},
};

struct Alias
{
    const char *key;         // normalized: lower case, no '-', '_', '.', ' '
    const char *canonical;
};

// gb2312 (and EUC-CN) mean GBK here: GBK is a superset that reads every
// GB2312 text the same way, and peers that label their text gb2312 often
// send GBK-only characters, which a strict GB2312 decoder would reject.
constexpr std::array kAliases{
    Alias{"utf8", "UTF-8"},
    Alias{"gbk", "GBK"}, Alias{"cp936", "GBK"}, Alias{"ms936", "GBK"},
    Alias{"windows936", "GBK"}, Alias{"gb2312", "GBK"}, Alias{"euccn", "GBK"},
    Alias{"gb18030", "GB18030"},
    Alias{"big5", "Big5"}, Alias{"cp950", "Big5"},
    Alias{"shiftjis", "Shift_JIS"}, Alias{"sjis", "Shift_JIS"}, Alias{"mskanji", "Shift_JIS"},
    Alias{"cp932", "Shift_JIS"}, Alias{"windows31j", "Shift_JIS"},
    Alias{"eucjp", "EUC-JP"},
    Alias{"euckr", "EUC-KR"},
    Alias{"iso88591", "ISO-8859-1"}, Alias{"latin1", "ISO-8859-1"}, Alias{"l1", "ISO-8859-1"},
    Alias{"cp819", "ISO-8859-1"},
    Alias{"windows1252", "windows-1252"}, Alias{"cp1252", "windows-1252"},
    Alias{"win1252", "windows-1252"},
    Alias{"utf16le", "UTF-16LE"},
    Alias{"utf16be", "UTF-16BE"},
};

QString normalized(const QString &name)
{
    QString key;
    key.reserve(name.size());
    for (QChar c : name) {
        if (c == u'-' || c == u'_' || c == u'.' || c.isSpace())
            continue;
        key += c.toLower();
    }
    return key;
}

// The table is checked against the Qt/ICU build once: an encoding this
// machine cannot both decode and encode is never offered.
const QList<const EncodingInfo *> &availableEncodings()
{
    static const QList<const EncodingInfo *> available = [] {
        QList<const EncodingInfo *> list;
        for (const EncodingInfo &info : kEncodings) {
            const QStringDecoder decoder(info.name);
            const QStringEncoder encoder(info.name);
            if (decoder.isValid() && encoder.isValid())
                list.append(&info);
        }
        return list;
    }();
    return available;
}

const EncodingInfo *findEncoding(const QString &name)
{
    const QString key = normalized(name);
    if (key.isEmpty())
        return nullptr;
    QString canonical;
    for (const Alias &alias : kAliases) {
        if (key == QLatin1StringView(alias.key)) {
            canonical = QLatin1StringView(alias.canonical);
            break;
        }
    }
    if (canonical.isEmpty())
        return nullptr;
    for (const EncodingInfo *info : availableEncodings()) {
        if (canonical == QLatin1StringView(info->name))
            return info;
    }
    return nullptr;
}

QString unknownEncodingMessage(const QString &name)
{
    return QCoreApplication::translate("TextCodec", "Unknown encoding \u201c%1\u201d").arg(name);
}

// CountingDecoder's counterpart: which call met a character it cannot encode.
class CountingEncoder : public QStringEncoder
{
public:
    CountingEncoder(const char *name, Flags flags) : QStringEncoder(name, flags) {}
    qsizetype invalidCount() const { return state.invalidChars; }
};

constexpr auto kStatelessFlags = QStringConverter::Flag::Stateless | QStringConverter::Flag::ConvertInitialBom;
constexpr auto kStatefulFlags = QStringConverter::Flags(QStringConverter::Flag::ConvertInitialBom);

using CharKind = CharacterProbe::Kind;
using CharAt = CharacterProbe::Char;

// Qt's UTF-16 decoders copy code units as they come, so a lone surrogate
// would reach the text as if it were a character (one no encoder takes
// back): in UTF-16 it is an invalid sequence like any other.
bool hasLoneSurrogate(const QString &text)
{
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (c.isLowSurrogate())
            return true;
        if (c.isHighSurrogate()) {
            if (i + 1 >= text.size() || !text.at(i + 1).isLowSurrogate())
                return true;
            ++i;
        }
    }
    return false;
}

// What starts at bytes[i] in UTF-16: a unit, a surrogate pair, a lone
// surrogate (invalid, one unit long) or a cut-off tail.
CharAt classifyUtf16(QByteArrayView bytes, qsizetype i, bool bigEndian)
{
    const qsizetype available = bytes.size() - i;
    const auto unit = [&](qsizetype at) {
        const auto first = static_cast<uchar>(bytes[at]);
        const auto second = static_cast<uchar>(bytes[at + 1]);
        return char16_t(bigEndian ? (first << 8) | second : (second << 8) | first);
    };
    if (available < 2)
        return {CharKind::Incomplete, available};
    const char16_t u = unit(i);
    if (QChar::isLowSurrogate(u))
        return {CharKind::Invalid, 2};
    if (!QChar::isHighSurrogate(u))
        return {CharKind::Valid, 2};
    if (available < 4)
        return {CharKind::Incomplete, available};
    return QChar::isLowSurrogate(unit(i + 2)) ? CharAt{CharKind::Valid, 4} : CharAt{CharKind::Invalid, 2};
}

TextCodec::Decoded decodeWith(const EncodingInfo &info, QByteArrayView bytes, bool partial,
                              qsizetype *consumed)
{
    TextCodec::Decoded out;
    const qsizetype size = bytes.size();
    *consumed = size;

    // Fast path: almost all traffic is valid, and one bulk call is as fast as
    // Qt/ICU get.
    if (!(info.utf16 && size % 2 != 0)) {
        CountingDecoder decoder(info.name, kStatelessFlags);
        QString text = decoder.decode(bytes);
        if (decoder.invalidCount() == 0 && !(info.utf16 && hasLoneSurrogate(text))) {
            out.text = std::move(text);
            return out;
        }
    }

    // A stream chunk usually fails the fast path only because it ends inside
    // a character. If a stateful decoder is happy with it, the cut lies in the
    // last maxCharBytes - 1 bytes: find the longest prefix that decodes cleanly.
    if (partial) {
        CountingDecoder stream(info.name, kStatefulFlags);
        (void)QString(stream.decode(bytes));
        if (stream.invalidCount() == 0) {
            for (qsizetype held = 1; held < info.maxCharBytes && held <= size; ++held) {
                if (info.utf16 && (size - held) % 2 != 0)
                    continue;
                CountingDecoder decoder(info.name, kStatelessFlags);
                QString text = decoder.decode(bytes.first(size - held));
                if (decoder.invalidCount() == 0 && !(info.utf16 && hasLoneSurrogate(text))) {
                    out.text = std::move(text);
                    *consumed = size - held;
                    return out;
                }
            }
        }
    }

    // Slow path, only for data with errors: walk character by character so
    // every invalid sequence gets its byte offset. Runs of valid characters
    // are still decoded in bulk.
    CharacterProbe probe(info.name, info.maxCharBytes);
    CountingDecoder run(info.name, kStatelessFlags);
    out.text.reserve(size);
    qsizetype runStart = 0;
    const auto flushRun = [&](qsizetype end) {
        if (end > runStart)
            out.text += QString(run.decode(bytes.sliced(runStart, end - runStart)));
    };
    qsizetype i = 0;
    while (i < size) {
        if (info.asciiCompatible && static_cast<uchar>(bytes[i]) < 0x80) {
            ++i;
            continue;
        }
        const CharAt at = info.utf16 ? classifyUtf16(bytes, i, qstrcmp(info.name, "UTF-16BE") == 0)
                                     : probe.at(bytes, i);
        if (at.kind == CharKind::Valid) {
            i += at.length;
            continue;
        }
        flushRun(i);
        if (at.kind == CharKind::Incomplete && partial) {
            *consumed = i;
            return out;
        }
        out.text += QChar::ReplacementCharacter;
        out.invalidOffsets.append(i);
        i += at.length;
        runStart = i;
    }
    flushRun(size);
    return out;
}

} // namespace

QStringList TextCodec::encodings()
{
    QStringList names;
    for (const EncodingInfo *info : availableEncodings())
        names.append(QLatin1StringView(info->name));
    return names;
}

bool TextCodec::isSupported(const QString &name)
{
    return findEncoding(name) != nullptr;
}

QString TextCodec::canonicalName(const QString &name)
{
    const EncodingInfo *info = findEncoding(name);
    return info ? QString(QLatin1StringView(info->name)) : QString();
}

int TextCodec::maxCharBytes(const QString &encoding)
{
    const EncodingInfo *info = findEncoding(encoding);
    return info ? info->maxCharBytes : 0;
}

TextCodec::Decoded TextCodec::decode(QByteArrayView bytes, const QString &encoding)
{
    const EncodingInfo *info = findEncoding(encoding);
    if (!info) {
        Decoded out;
        out.error = unknownEncodingMessage(encoding);
        return out;
    }
    qsizetype consumed = 0;
    return decodeWith(*info, bytes, false, &consumed);
}

TextCodec::Decoded TextCodec::decodePartial(QByteArrayView bytes, const QString &encoding,
                                            qsizetype *consumed)
{
    const EncodingInfo *info = findEncoding(encoding);
    qsizetype ignored = 0;
    if (!consumed)
        consumed = &ignored;
    if (!info) {
        *consumed = 0;
        Decoded out;
        out.error = unknownEncodingMessage(encoding);
        return out;
    }
    return decodeWith(*info, bytes, true, consumed);
}

TextCodec::Encoded TextCodec::encode(const QString &text, const QString &encoding)
{
    Encoded out;
    const EncodingInfo *info = findEncoding(encoding);
    if (!info) {
        out.error = unknownEncodingMessage(encoding);
        return out;
    }

    // Default flags, not Stateless: Qt 6.4's Latin-1 encoder stops counting
    // unmappable characters when it is told to be stateless. One call over the
    // whole text needs no state across calls anyway.
    CountingEncoder encoder(info->name, QStringConverter::Flag::Default);
    out.bytes = encoder.encode(text);

    // Unpaired surrogates are not characters; some encoders (UTF-16) would pass
    // them through silently, so they are looked for here, not left to Qt.
    const auto isLoneSurrogateAt = [&text](qsizetype i) {
        const QChar c = text.at(i);
        if (c.isHighSurrogate())
            return i + 1 >= text.size() || !text.at(i + 1).isLowSurrogate();
        return c.isLowSurrogate();
    };
    bool clean = encoder.invalidCount() == 0;
    if (clean) {
        for (qsizetype i = 0; i < text.size(); ++i) {
            if (text.at(i).isSurrogate() && isLoneSurrogateAt(i)) {
                clean = false;
                break;
            }
            if (text.at(i).isHighSurrogate())
                ++i;
        }
    }
    if (clean)
        return out;

    // Find the first character the encoding refused, one code point at a time.
    CountingEncoder single(info->name, QStringConverter::Flag::Default);
    std::array<char, 64> buffer;
    for (qsizetype i = 0; i < text.size();) {
        const bool pair = text.at(i).isHighSurrogate() && i + 1 < text.size()
                && text.at(i + 1).isLowSurrogate();
        const qsizetype length = pair ? 2 : 1;
        bool refused = !pair && text.at(i).isSurrogate();
        if (!refused) {
            const qsizetype before = single.invalidCount();
            single.appendToBuffer(buffer.data(), QStringView(text).sliced(i, length));
            refused = single.invalidCount() != before;
            single.resetState();
        }
        if (refused) {
            out.firstUnmappable = i;
            const char32_t codePoint = pair ? QChar::surrogateToUcs4(text.at(i), text.at(i + 1))
                                            : char32_t(text.at(i).unicode());
            const QString shown = text.at(i).isSurrogate() && !pair
                    ? QString()
                    : text.sliced(i, length);
            const QString code = QString::number(uint(codePoint), 16).toUpper().rightJustified(4, u'0');
            out.error = QCoreApplication::translate(
                                "TextCodec", "The character \u201c%1\u201d (U+%2) cannot be encoded in %3")
                                .arg(shown, code, QLatin1StringView(info->name));
            return out;
        }
        i += length;
    }
    // The bulk encoder complained but no single character did: report it
    // without a position rather than claim the text is fine.
    out.error = QCoreApplication::translate("TextCodec", "The text cannot be encoded in %1")
                        .arg(QLatin1StringView(info->name));
    return out;
}

QString TextCodec::toHex(QByteArrayView bytes, char separator)
{
    return QString::fromLatin1(
            QByteArray::fromRawData(bytes.data(), bytes.size()).toHex(separator));
}
