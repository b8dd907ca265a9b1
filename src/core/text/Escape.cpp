#include "core/text/Escape.h"

#include <algorithm>
#include <array>
#include <type_traits>

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

enum class Kind : quint8 { Keep, Named, Hex, Refused };

struct Action
{
    Kind kind = Kind::Keep;
    char16_t name = 0;        // Named: the letter after the backslash
};

constexpr Action actionFor(char16_t u, const Rules &r)
{
    if (u >= 0x20 && u < 0x7f) {
        if ((u == u'\\' && r.backslash) || u == r.quote || (u == u'?' && r.question))
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

// The rules worked out for every unit below 0x100 once; no rule touches a
// character above (text keeps them).
struct Style
{
    Rules rules;
    std::array<Action, 256> actions{};

    constexpr Action at(char16_t u) const { return u < actions.size() ? actions[u] : Action{}; }
};

constexpr Style makeStyle(const Rules &rules)
{
    Style style{rules};
    for (char16_t u = 0; u < style.actions.size(); ++u)
        style.actions[u] = actionFor(u, rules);
    return style;
}

constexpr Style kPythonBytes = makeStyle({.open = u"b'", .close = u"'", .bytes = true, .backslash = true, .quote = u'\''});
constexpr Style kCString = makeStyle({.open = u"\"", .close = u"\"", .bytes = true, .backslash = true, .quote = u'"',
                                      .question = true, .splitHex = true});
constexpr Style kSendPanel = makeStyle({.bytes = true, .backslash = true, .nul = true});
constexpr Style kVisibleControls = makeStyle({.c1 = true, .nul = true});
constexpr Style kEscapedControls = makeStyle({.c1 = true, .backslash = true});
constexpr Style kSendPanelLines = makeStyle({.backslash = true, .nul = true, .newline = false, .refuse = true});

const Style &styleOf(Escape::ByteStyle style)
{
    switch (style) {
    case Escape::ByteStyle::PythonBytes: return kPythonBytes;
    case Escape::ByteStyle::CString: return kCString;
    case Escape::ByteStyle::SendPanel: break;
    }
    return kSendPanel;
}

const Style &styleOf(Escape::TextStyle style)
{
    switch (style) {
    case Escape::TextStyle::VisibleControls: return kVisibleControls;
    case Escape::TextStyle::EscapedControls: return kEscapedControls;
    case Escape::TextStyle::SendPanelLines: break;
    }
    return kSendPanelLines;
}

constexpr bool isHexDigit(char16_t u)
{
    return (u >= u'0' && u <= u'9') || (u >= u'a' && u <= u'f') || (u >= u'A' && u <= u'F');
}

// The most one unit can become: \xHH, and " " before it in C.
constexpr qsizetype maxPerUnit(const Style &style)
{
    return style.rules.splitHex ? 7 : 4;
}

// Writes units [from, end) of `in` in the style at out; returns the end of
// what it wrote, or nullptr when the style refuses a unit.
template <typename Unit>
char16_t *write(char16_t *out, const Unit *in, qsizetype from, qsizetype end, const Style &style)
{
    static constexpr char16_t digits[] = u"0123456789abcdef";
    bool afterHex = false;
    for (qsizetype i = from; i < end; ++i) {
        const auto u = char16_t(std::make_unsigned_t<Unit>(in[i]));
        const Action a = style.at(u);
        switch (a.kind) {
        case Kind::Keep:
            if (afterHex && style.rules.splitHex && isHexDigit(u)) {
                *out++ = u'"';
                *out++ = u' ';
                *out++ = u'"';
            }
            *out++ = u;
            afterHex = false;
            break;
        case Kind::Named:
            *out++ = u'\\';
            *out++ = a.name;
            afterHex = false;
            break;
        case Kind::Hex:
            *out++ = u'\\';
            *out++ = u'x';
            *out++ = digits[(u >> 4) & 0xf];
            *out++ = digits[u & 0xf];
            afterHex = true;
            break;
        case Kind::Refused:
            return nullptr;
        }
    }
    return out;
}

} // namespace

QString Escape::bytes(QByteArrayView bytes, ByteStyle byteStyle)
{
    const Style &style = styleOf(byteStyle);
    const QStringView open = style.rules.open;
    const QStringView close = style.rules.close;
    QString out(open.size() + bytes.size() * maxPerUnit(style) + close.size(), Qt::Uninitialized);
    char16_t *begin = reinterpret_cast<char16_t *>(out.data());
    char16_t *at = std::copy(open.utf16(), open.utf16() + open.size(), begin);
    at = write(at, bytes.data(), 0, bytes.size(), style);
    at = std::copy(close.utf16(), close.utf16() + close.size(), at);
    out.truncate(at - begin);
    // Room for the worst case, not to keep.
    out.squeeze();
    return out;
}

QString Escape::text(QString text, TextStyle textStyle)
{
    const Style &style = styleOf(textStyle);
    // Most text needs nothing: the table's preview path ends here.
    const char16_t *units = QStringView(text).utf16();
    const qsizetype size = text.size();
    qsizetype first = 0;
    while (first < size && style.at(units[first]).kind == Kind::Keep)
        ++first;
    if (first == size)
        return text;
    QString out(first + (size - first) * maxPerUnit(style), Qt::Uninitialized);
    char16_t *begin = reinterpret_cast<char16_t *>(out.data());
    char16_t *at = std::copy(units, units + first, begin);
    at = write(at, units, first, size, style);
    if (!at)
        return {};
    out.truncate(at - begin);
    return out;
}
