#include "core/teach/PythonRules.h"

#include "core/commands/Template.h"
#include "core/reply/ReplyRules.h"
#include "core/teach/NarratorPhrases.h"
#include "core/text/Escape.h"
#include "core/text/PayloadParser.h"
#include "core/text/TextCodec.h"

#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace {

QString lit(const QByteArray &bytes)
{
    return Escape::bytes(bytes, Escape::ByteStyle::PythonBytes);
}

// Our own words in a comment: one line, whatever a translation or a rule holds.
QString comment(const QString &text)
{
    return u"# "_s + NarratorPhrases::oneLine(text);
}

QString hex(quint32 value, int width)
{
    return u"0x"_s + QString::number(value, 16).toUpper().rightJustified(width * 2, u'0');
}

quint32 reflect(quint32 value, int bits)
{
    quint32 out = 0;
    for (int i = 0; i < bits; ++i) {
        if (value & (1u << i))
            out |= 1u << (bits - 1 - i);
    }
    return out;
}

// Python's name of an encoding whose digits are not ASCII bytes; empty for
// the ones that write ASCII as ASCII (b'%d' % n is then the same bytes).
QString wideCodec(const QString &encoding)
{
    const QString e = encoding.toLower();
    if (e.startsWith(u"utf-16"_s) || e.startsWith(u"utf-32"_s))
        return e;
    return {};
}

// A Qt date format as strftime's, when every letter of it has a strftime
// twin; empty otherwise.
QString strftimeOf(const QString &qt)
{
    static const QList<std::pair<QString, QString>> tokens = {
        {u"yyyy"_s, u"%Y"_s}, {u"yy"_s, u"%y"_s}, {u"MM"_s, u"%m"_s}, {u"dd"_s, u"%d"_s},
        {u"HH"_s, u"%H"_s},   {u"hh"_s, u"%H"_s}, {u"mm"_s, u"%M"_s}, {u"ss"_s, u"%S"_s},
    };
    QString out;
    for (qsizetype i = 0; i < qt.size();) {
        bool done = false;
        for (const auto &[from, to] : tokens) {
            if (qt.mid(i, from.size()) == from) {
                out += to;
                i += from.size();
                done = true;
                break;
            }
        }
        if (done)
            continue;
        const QChar c = qt.at(i);
        if (c.isLetter() || c == u'\'' || c == u'%' || c.unicode() > 0x7e)
            return {};
        out += c;
        ++i;
    }
    return out;
}

} // namespace

PythonRules::PythonRules(const QList<ReplyRule> &rules, const QString &encoding, const std::optional<Checksum> &checksum)
    : m_rules(rules)
    , m_encoding(encoding)
    , m_checksum(checksum)
{
    for (const ReplyRule &r : rules)
        m_written << write(r);
}

QString PythonRules::bytesLiteral(const QString &text) const
{
    return lit(PayloadParser::parse(text, PayloadParser::Mode::Text, m_encoding, true).bytes);
}

QString PythonRules::regexLiteral(const QString &pattern)
{
    QString re = pattern;
    static const QRegularExpression named(u"\\(\\?<(?![=!])"_s);
    re.replace(named, u"(?P<"_s);
    static const QRegularExpression backref(u"\\\\k<(\\w+)>"_s);
    re.replace(backref, u"(?P=\\1)"_s);
    bool raw = !re.contains(u'\'');
    for (const QChar c : std::as_const(re))
        raw = raw && c.unicode() >= 0x20 && c.unicode() < 0x7f;
    qsizetype trailing = 0;
    while (trailing < re.size() && re.at(re.size() - 1 - trailing) == u'\\')
        ++trailing;
    if (raw && trailing % 2 == 0)
        return u"rb'"_s + re + u"'"_s;
    return lit(re.toUtf8());
}

QString PythonRules::hexRegexLiteral(const QString &pattern)
{
    // Read as RuleMatcher reads it: pairs of hex digits or ??, spaces and
    // commas between them (a comma ends a run of ??), a final $.
    QString re = u"(?s)"_s;   // a wildcard byte may be a newline too
    qsizetype run = 0;
    const auto closeRun = [&] {
        if (run > 0)
            re += run == 1 ? u"(.)"_s : u"(.{%1})"_s.arg(run);
        run = 0;
    };
    for (qsizetype i = 0; i < pattern.size();) {
        const QChar c = pattern.at(i);
        if (c.isSpace()) {
            ++i;
            continue;
        }
        if (c == u',') {
            closeRun();
            ++i;
            continue;
        }
        if (c == u'$') {
            closeRun();
            re += u"\\Z"_s;
            break;
        }
        const QString pair = pattern.mid(i, 2);
        i += 2;
        if (pair == u"??"_s) {
            ++run;
            continue;
        }
        closeRun();
        bool ok = false;
        const uint value = pair.toUInt(&ok, 16);
        if (!ok || pair.size() != 2)
            return lit(QByteArray());   // not armed: never written as a test
        const char ch = char(value);
        // Letters and digits as themselves; the rest as \xHH, which re reads
        // as that byte whatever it means in a pattern.
        if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9'))
            re += QChar::fromLatin1(ch);
        else
            re += u"\\x"_s + pair.toLower();
    }
    closeRun();
    return u"rb'"_s + re + u"'"_s;
}

QString PythonRules::checksumFunctionName(Checksum::Algorithm algorithm)
{
    QString name = Checksum::info(algorithm).name;
    return name.replace(u'-', u'_');
}

QStringList PythonRules::checksumFunction(Checksum::Algorithm algorithm)
{
    const Checksum::Info &info = Checksum::info(algorithm);
    const QString name = checksumFunctionName(algorithm);
    QStringList out{u"def %1(data):"_s.arg(name)};
    if (algorithm == Checksum::Algorithm::Sum8) {
        out << u"    "_s + comment(tr("%1: the bytes added, modulo 256").arg(info.catalogueName));
        out << u"    return sum(data) & 0xFF"_s;
        return out;
    }
    if (algorithm == Checksum::Algorithm::Xor8) {
        out << u"    "_s + comment(tr("%1: the bytes XORed together").arg(info.catalogueName));
        out << u"    value = 0"_s << u"    for byte in data:"_s << u"        value ^= byte"_s << u"    return value"_s;
        return out;
    }
    const int bits = info.width * 8;
    out << u"    "_s + comment(tr("%1: poly %2, init %3, %4, xorout %5 (the CRC RevEng catalogue)")
                                .arg(info.catalogueName, hex(info.poly, info.width), hex(info.init, info.width),
                                     info.reflected ? tr("reflected") : tr("not reflected"),
                                     hex(info.xorOut, info.width)));
    out << u"    crc = %1"_s.arg(hex(info.init, info.width));
    out << u"    for byte in data:"_s;
    if (info.reflected) {
        // Reflected: the low bit goes out first, with the polynomial reversed.
        out << u"        crc ^= byte"_s;
        out << u"        for _ in range(8):"_s;
        out << u"            crc = (crc >> 1) ^ %1 if crc & 1 else crc >> 1"_s.arg(hex(reflect(info.poly, bits), info.width));
    } else {
        const quint32 mask = bits == 32 ? 0xFFFFFFFFu : (1u << bits) - 1;
        out << u"        crc ^= byte << %1"_s.arg(bits - 8);
        out << u"        for _ in range(8):"_s;
        out << u"            crc = ((crc << 1) ^ %1) & %2 if crc & %3 else (crc << 1) & %2"_s
                   .arg(hex(info.poly, info.width), hex(mask, info.width), hex(1u << (bits - 1), info.width));
    }
    out << u"    return crc ^ %1"_s.arg(hex(info.xorOut, info.width));
    return out;
}

PythonRules::Written PythonRules::write(const ReplyRule &r) const
{
    Written w;
    switch (r.match) {
    case ReplyRule::Match::Any: w.condition = u"True"_s; break;
    case ReplyRule::Match::Exact: w.condition = u"data == %1"_s.arg(bytesLiteral(r.pattern)); break;
    case ReplyRule::Match::StartsWith: w.condition = u"data.startswith(%1)"_s.arg(bytesLiteral(r.pattern)); break;
    case ReplyRule::Match::EndsWith: w.condition = u"data.endswith(%1)"_s.arg(bytesLiteral(r.pattern)); break;
    case ReplyRule::Match::Contains: w.condition = u"%1 in data"_s.arg(bytesLiteral(r.pattern)); break;
    case ReplyRule::Match::Regex:
        // PCRE2 runs with DOTALL here: "." takes a newline too, as re.S says.
        w.condition = r.pattern.contains(u'.') ? u"(m := re.search(%1, data, re.S))"_s.arg(regexLiteral(r.pattern))
                                               : u"(m := re.search(%1, data))"_s.arg(regexLiteral(r.pattern));
        w.regex = true;
        break;
    case ReplyRule::Match::Hex:
        w.condition = u"(m := re.match(%1, data))"_s.arg(hexRegexLiteral(r.pattern));
        w.regex = true;
        break;
    }
    w.checksum = r.checksum ? r.checksum : m_checksum;
    if (r.reply == ReplyRule::Reply::None) {
        w.checksum.reset();
        return w;
    }
    if (r.reply == ReplyRule::Reply::Http) {
        w.http = true;
        w.reply = u"http_response(data)"_s;
        w.checksum.reset();
        return w;
    }
    const Template::Parsed parsed = Template::parseWithCaptures(r.replyText, m_encoding);
    const QString wide = wideCodec(m_encoding);
    QStringList terms;
    for (const Template::Part &part : parsed.value.parts()) {
        switch (part.kind) {
        case Template::Part::Kind::Bytes:
            if (!part.bytes.isEmpty())
                terms << lit(part.bytes);
            break;
        case Template::Part::Kind::Data:
            terms << u"data"_s;
            break;
        case Template::Part::Kind::Counter: {
            w.counter = true;
            const QString format = u"%"_s + (part.zeroPad ? u"0"_s : QString())
                                   + (part.width > 0 ? QString::number(part.width) : QString()) + u"d"_s;
            const QString value = part.start == 0 ? u"counter"_s : u"(counter + %1)"_s.arg(part.start);
            terms << (wide.isEmpty() ? u"b'%1' % %2"_s.arg(format, value)
                                     : u"('%1' % %2).encode('%3')"_s.arg(format, value, wide));
            break;
        }
        case Template::Part::Kind::Time: {
            QString text;
            if (part.format == u"unix"_s)
                text = u"str(int(time.time()))"_s;
            else if (part.format == u"unixms"_s)
                text = u"str(int(time.time() * 1000))"_s;
            else if (const QString f = strftimeOf(part.format); !part.format.isEmpty() && !f.isEmpty())
                text = u"datetime.datetime.now().strftime('%1')"_s.arg(f);
            else
                text = u"datetime.datetime.now().isoformat(timespec='milliseconds')"_s;
            terms << text + (wide.isEmpty() ? u".encode()"_s : u".encode('%1')"_s.arg(wide));
            break;
        }
        case Template::Part::Kind::Random:
            terms << u"os.urandom(%1)"_s.arg(part.count);
            break;
        case Template::Part::Kind::Capture: {
            // A hex pattern's ?? runs always match; a group of an expression
            // may not take part, and re gives None where PCRE2 gives nothing.
            const QString group = part.count >= 0 ? u"m.group(%1)"_s.arg(part.count) : u"m.group('%1')"_s.arg(part.format);
            terms << (r.match == ReplyRule::Match::Hex ? group : u"(%1 or b'')"_s.arg(group));
            break;
        }
        }
    }
    w.reply = terms.isEmpty() ? u"b''"_s : terms.join(u" + "_s);
    return w;
}

QString PythonRules::condition(int index) const
{
    return m_written.value(index).condition;
}

QString PythonRules::replyExpression(int index) const
{
    return m_written.value(index).reply;
}

QString PythonRules::narrationLine(int index, const QString &sock, bool udp) const
{
    if (index < 0 || index >= m_rules.size())
        return {};
    const ReplyRule &r = m_rules.at(index);
    const Written &w = m_written.at(index);
    const auto send = [&](const QString &x) {
        return udp ? u"%1.sendto(%2, addr)"_s.arg(sock, x) : u"%1.sendall(%2)"_s.arg(sock, x);
    };
    QStringList body;
    if (r.delayMs > 0)
        body << u"time.sleep(%1)"_s.arg(r.delayMs / 1000.0);
    if (w.reply.isEmpty()) {
        body << u"pass"_s;
    } else if (w.checksum) {
        body << u"reply = %1"_s.arg(w.reply);
        body << send(u"reply + %1(reply[%2:]).to_bytes(%3, '%4')"_s
                         .arg(checksumFunctionName(w.checksum->algorithm()))
                         .arg(w.checksum->from())
                         .arg(w.checksum->width())
                         .arg(w.checksum->order() == Checksum::ByteOrder::Little ? u"little"_s : u"big"_s));
    } else {
        body << send(w.reply);
    }
    if (r.closeAfter && !udp)
        body << u"%1.close()"_s.arg(sock);
    if (r.match == ReplyRule::Match::Any)
        return body.join(u"; "_s);   // every message: no test to write
    return u"if %1: %2"_s.arg(w.condition, body.join(u"; "_s));
}

QStringList PythonRules::answerFunction(const std::function<QString(const QString &)> &framed) const
{
    const ReplyRules compiled(m_rules, m_encoding);
    bool anyGoOn = false;
    for (int i = 0; i < m_rules.size(); ++i)
        anyGoOn = anyGoOn || (compiled.isArmed(i) && m_rules.at(i).goOn);
    QStringList out{u"def answer(data, state, send):"_s};
    out << u"    "_s + comment(tr("The tab's reply rules, in order: the first that matches answers, unless it says go on."));
    out << u"    "_s + comment(tr("state keeps this peer's counter; the result says whether to close the connection."));
    if (anyGoOn)
        out << u"    matched = False"_s;
    for (int i = 0; i < m_rules.size(); ++i) {
        const ReplyRule &r = m_rules.at(i);
        const Written &w = m_written.at(i);
        out << u"    "_s + comment(tr("Rule %1: %2").arg(i + 1).arg(r.toLine()));
        if (!r.enabled) {
            out << u"    "_s + comment(tr("(off: not used)"));
            continue;
        }
        if (!compiled.isArmed(i)) {
            out << u"    "_s + comment(tr("(not armed: %1)").arg(compiled.problem(i).message));
            continue;
        }
        out << u"    if %1:"_s.arg(w.condition);
        if (anyGoOn)
            out << u"        matched = True"_s;
        if (w.counter)
            out << u"        counter = state['counter']  "_s + comment(tr("replies of this peer that counted so far"));
        if (r.delayMs > 0)
            out << u"        time.sleep(%1)  "_s.arg(r.delayMs / 1000.0) + comment(tr("delay=%1 ms").arg(r.delayMs));
        if (!w.reply.isEmpty()) {
            out << u"        reply = %1"_s.arg(w.reply);
            if (w.counter)
                out << u"        state['counter'] = counter + 1"_s;
            if (w.checksum)
                out << u"        reply += %1(reply[%2:]).to_bytes(%3, '%4')  "_s
                               .arg(checksumFunctionName(w.checksum->algorithm()))
                               .arg(w.checksum->from())
                               .arg(w.checksum->width())
                               .arg(w.checksum->order() == Checksum::ByteOrder::Little ? u"little"_s : u"big"_s)
                           + comment(w.checksum->describe());
            out << u"        send(%1)"_s.arg(w.http || !framed ? u"reply"_s : framed(u"reply"_s));
        } else {
            out << u"        pass  "_s + comment(tr("answers nothing"));
        }
        if (r.closeAfter)
            out << u"        return True  "_s + comment(tr("close after replying"));
        else if (!r.goOn)
            out << u"        return False  "_s + comment(tr("the first match wins"));
    }
    if (anyGoOn)
        out << u"    if not matched:"_s << u"        print('no rule matched', data)"_s;
    else
        out << u"    print('no rule matched', data)"_s;
    out << u"    return False"_s;
    return out;
}

QStringList PythonRules::helpers() const
{
    QList<Checksum::Algorithm> algorithms;
    for (const Written &w : m_written) {
        if (w.checksum && !algorithms.contains(w.checksum->algorithm()))
            algorithms << w.checksum->algorithm();
    }
    QStringList out;
    for (Checksum::Algorithm a : algorithms) {
        if (!out.isEmpty())
            out << QString() << QString();
        out << checksumFunction(a);
    }
    return out;
}

QStringList PythonRules::imports() const
{
    bool re = false, time = false, os = false, datetime = false;
    for (int i = 0; i < m_rules.size(); ++i) {
        const Written &w = m_written.at(i);
        re = re || w.regex;
        time = time || m_rules.at(i).delayMs > 0 || w.reply.contains(u"time.time()"_s);
        os = os || w.reply.contains(u"os.urandom"_s);
        datetime = datetime || w.reply.contains(u"datetime."_s);
    }
    QStringList out;
    if (datetime)
        out << u"import datetime"_s;
    if (os)
        out << u"import os"_s;
    if (re)
        out << u"import re"_s;
    if (time)
        out << u"import time"_s;
    return out;
}

bool PythonRules::usesHttp() const
{
    for (const Written &w : m_written) {
        if (w.http)
            return true;
    }
    return false;
}

bool PythonRules::usesCounter() const
{
    for (const Written &w : m_written) {
        if (w.counter)
            return true;
    }
    return false;
}
