#include "core/text/Escape.h"

#include <type_traits>

using namespace Qt::StringLiterals;

namespace {

// What a style does with each character; every style is one row of rules
// read by the same walk.
struct Rules
{
    QStringView open = {};    // before the first character ("b'", "\"")
    QStringView close = {};
    bool bytes = false;       // every unit from 0x7f up is a raw byte, escaped
    bool c1 = false;          // text: U+0080–U+009F are controls too
    bool backslash = false;   // a backslash doubled
    bool nul = false;         // NUL as \0 rather than \x00
    bool newline = true;      // a line break as \n rather than kept
    char16_t quote = 0;       // the quote that closes the literal, escaped
    bool question = false;    // ? as \?
    bool splitHex = false;    // a hex digit after \xHH starts a new literal
    bool refuse = false;      // a control without a name: no result at all
};

const Rules &rulesOf(Escape::ByteStyle style)
{
    static const Rules python{.open = u"b'", .close = u"'", .bytes = true, .backslash = true, .quote = u'\''};
    static const Rules c{.open = u"\"", .close = u"\"", .bytes = true, .backslash = true, .quote = u'"',
                         .question = true, .splitHex = true};
    static const Rules sendPanel{.bytes = true, .backslash = true, .nul = true};
    switch (style) {
    case Escape::ByteStyle::PythonBytes: return python;
    case Escape::ByteStyle::CString: return c;
    case Escape::ByteStyle::SendPanel: break;
    }
    return sendPanel;
}

const Rules &rulesOf(Escape::TextStyle style)
{
    static const Rules visible{.c1 = true, .nul = true};
    static const Rules escaped{.c1 = true, .backslash = true};
    static const Rules sendPanelLines{.backslash = true, .nul = true, .newline = false, .refuse = true};
    switch (style) {
    case Escape::TextStyle::VisibleControls: return visible;
    case Escape::TextStyle::EscapedControls: return escaped;
    case Escape::TextStyle::SendPanelLines: break;
    }
    return sendPanelLines;
}

enum class Kind { Keep, Named, Hex, Refused };

struct Action
{
    Kind kind = Kind::Keep;
    char16_t name = 0;        // Named: the letter after the backslash
};

inline Action actionFor(char16_t u, const Rules &r)
{
    if (u >= 0x20 && u < 0x7f) {
        if ((u == u'\\' && r.backslash) || (u == r.quote) || (u == u'?' && r.question))
            return {Kind::Named, u};
        return {};
    }
    switch (u) {
    case u'\r': return {Kind::Named, u'r'};
    case u'\t': return {Kind::Named, u't'};
    case u'\n': return r.newline ? Action{Kind::Named, u'n'} : Action{};
    case 0:
        if (r.nul)
            return {Kind::Named, u'0'};
        break;
    default:
        break;
    }
    const bool escaped = r.bytes || u < 0x20 || u == 0x7f || (r.c1 && u < 0xa0);
    if (!escaped)
        return {};
    return {r.refuse ? Kind::Refused : Kind::Hex};
}

constexpr bool isHexDigit(char16_t u)
{
    return (u >= u'0' && u <= u'9') || (u >= u'a' && u <= u'f') || (u >= u'A' && u <= u'F');
}

// Appends units [from, end) of `in` to out in the style; false when the
// style refuses one of them.
template <typename Unit>
bool append(QString &out, const Unit *in, qsizetype from, qsizetype end, const Rules &r)
{
    static constexpr char16_t digits[] = u"0123456789abcdef";
    bool afterHex = false;
    for (qsizetype i = from; i < end; ++i) {
        const auto u = char16_t(std::make_unsigned_t<Unit>(in[i]));
        const Action a = actionFor(u, r);
        if (afterHex && r.splitHex && isHexDigit(u))
            out += u"\" \""_s;
        afterHex = false;
        switch (a.kind) {
        case Kind::Keep:
            out += QChar(u);
            break;
        case Kind::Named: {
            const QChar pair[2] = {u'\\', a.name};
            out.append(pair, 2);
            break;
        }
        case Kind::Hex: {
            const QChar quad[4] = {u'\\', u'x', digits[(u >> 4) & 0xf], digits[u & 0xf]};
            out.append(quad, 4);
            afterHex = true;
            break;
        }
        case Kind::Refused:
            return false;
        }
    }
    return true;
}

} // namespace

QString Escape::bytes(QByteArrayView bytes, ByteStyle style)
{
    const Rules &r = rulesOf(style);
    QString out;
    out.reserve(r.open.size() + bytes.size() + bytes.size() / 4 + r.close.size());
    out += r.open;
    append(out, bytes.data(), 0, bytes.size(), r);
    out += r.close;
    return out;
}

QString Escape::text(QString text, TextStyle style)
{
    const Rules &r = rulesOf(style);
    // Most text needs nothing: the table's preview path ends here.
    const char16_t *units = QStringView(text).utf16();
    const qsizetype size = text.size();
    qsizetype first = 0;
    while (first < size && actionFor(units[first], r).kind == Kind::Keep)
        ++first;
    if (first == size)
        return text;
    QString out;
    out.reserve(size + 16);
    out.append(QStringView(text).first(first));
    if (!append(out, units, first, size, r))
        return {};
    return out;
}
