#include "core/commands/SequenceStep.h"

#include "core/commands/PayloadEntry.h"
#include "core/commands/Template.h"
#include "core/text/PayloadParser.h"
#include "core/text/TextCodec.h"

#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace {

// Reads a step line word by word; the free text at the end (a template, a
// pattern) is taken as it is after the one space that ends its keyword.
class Cursor
{
public:
    explicit Cursor(const QString &line) : m_line(line) {}

    QString word()
    {
        skipSpaces();
        const qsizetype start = m_at;
        while (m_at < m_line.size() && !m_line.at(m_at).isSpace())
            ++m_at;
        return m_line.sliced(start, m_at - start);
    }
    QString rest()
    {
        if (m_at < m_line.size() && m_line.at(m_at).isSpace())
            ++m_at;
        return m_line.sliced(m_at);
    }
    QString restTrimmed() { return m_line.sliced(m_at).trimmed(); }
    bool atEnd()
    {
        skipSpaces();
        return m_at >= m_line.size();
    }

private:
    void skipSpaces()
    {
        while (m_at < m_line.size() && m_line.at(m_at).isSpace())
            ++m_at;
    }

    QString m_line;
    qsizetype m_at = 0;
};

// "100" or "100ms", then an optional "ms" word: milliseconds, or -1.
int readMilliseconds(Cursor &cursor, int minimum)
{
    QString number = cursor.word();
    bool unitGiven = false;
    if (number.endsWith(u"ms"_s, Qt::CaseInsensitive)) {
        number.chop(2);
        unitGiven = true;
    }
    bool ok = !number.isEmpty();
    for (const QChar c : number)
        ok = ok && c >= u'0' && c <= u'9';
    const int value = ok ? number.toInt(&ok) : -1;
    if (!ok || value < minimum || value > SequenceStep::MaxMilliseconds)
        return -1;
    if (!unitGiven) {
        Cursor lookahead = cursor;
        if (lookahead.word().compare(u"ms"_s, Qt::CaseInsensitive) == 0)
            cursor = lookahead;
    }
    return value;
}

int readCount(const QString &word, int minimum, int maximum)
{
    bool ok = !word.isEmpty();
    for (const QChar c : word)
        ok = ok && c >= u'0' && c <= u'9';
    const int value = ok ? word.toInt(&ok) : -1;
    return ok && value >= minimum && value <= maximum ? value : -1;
}

QString matchName(SequenceStep::Match match)
{
    switch (match) {
    case SequenceStep::Match::Contains: return u"contains"_s;
    case SequenceStep::Match::Hex: return u"hex"_s;
    case SequenceStep::Match::Regex: return u"regex"_s;
    }
    return u"contains"_s;
}

} // namespace

SequenceStep SequenceStep::sendEntry(const QString &name)
{
    SequenceStep step;
    step.kind = Kind::SendEntry;
    step.text = name;
    return step;
}

SequenceStep SequenceStep::sendText(const QString &templateText)
{
    SequenceStep step;
    step.kind = Kind::SendText;
    step.text = templateText;
    return step;
}

SequenceStep SequenceStep::sendHex(const QString &templateText)
{
    SequenceStep step;
    step.kind = Kind::SendHex;
    step.text = templateText;
    return step;
}

SequenceStep SequenceStep::wait(int milliseconds)
{
    SequenceStep step;
    step.kind = Kind::Wait;
    step.milliseconds = milliseconds;
    return step;
}

SequenceStep SequenceStep::reply(Match match, const QString &pattern, int timeoutMs)
{
    SequenceStep step;
    step.kind = Kind::Reply;
    step.match = match;
    step.text = pattern;
    step.milliseconds = timeoutMs;
    return step;
}

SequenceStep SequenceStep::loop(int target, int times)
{
    SequenceStep step;
    step.kind = Kind::Loop;
    step.target = target;
    step.times = times;
    return step;
}

SequenceStep SequenceStep::parse(const QString &line, const QString &encoding, QString *error)
{
    const auto fail = [error](const QString &message) {
        if (error)
            *error = message;
        return SequenceStep();
    };
    if (error)
        error->clear();

    Cursor cursor(line);
    const QString keyword = cursor.word().toLower();
    SequenceStep step;
    if (keyword == u"send"_s) {
        step = sendEntry(cursor.restTrimmed());
        if (step.text.isEmpty())
            return fail(tr("\u201csend\u201d needs the name of a payload: send NAME"));
    } else if (keyword == u"send-text"_s || keyword == u"send-hex"_s) {
        const QString text = cursor.rest();
        step = keyword == u"send-text"_s ? sendText(text) : sendHex(text);
        if (text.isEmpty())
            return fail(tr("\u201c%1\u201d needs what to send after it").arg(keyword));
    } else if (keyword == u"wait"_s) {
        const int ms = readMilliseconds(cursor, 0);
        if (ms < 0 || !cursor.atEnd())
            return fail(tr("Write \u201cwait MS ms\u201d with MS from 0 to %1").arg(MaxMilliseconds));
        step = wait(ms);
    } else if (keyword == u"reply"_s) {
        const QString form = tr("Write \u201creply within MS ms contains TEXT\u201d (or hex HEX, or regex RE), "
                                "MS from 1 to %1").arg(MaxMilliseconds);
        if (cursor.word().compare(u"within"_s, Qt::CaseInsensitive) != 0)
            return fail(form);
        const int ms = readMilliseconds(cursor, 1);
        if (ms < 0)
            return fail(form);
        const QString how = cursor.word().toLower();
        Match match;
        if (how == u"contains"_s)
            match = Match::Contains;
        else if (how == u"hex"_s)
            match = Match::Hex;
        else if (how == u"regex"_s)
            match = Match::Regex;
        else
            return fail(form);
        step = reply(match, cursor.rest(), ms);
        if (step.text.isEmpty())
            return fail(tr("\u201creply \u2026 %1\u201d needs a pattern after it").arg(how));
    } else if (keyword == u"loop"_s) {
        const QString form = tr("Write \u201cloop to STEP\u201d or \u201cloop to STEP, N times\u201d (N from 1 to %1)")
                                     .arg(MaxLoopTimes);
        if (cursor.word().compare(u"to"_s, Qt::CaseInsensitive) != 0)
            return fail(form);
        QString target = cursor.word();
        bool comma = target.endsWith(u',');
        if (comma)
            target.chop(1);
        const int to = readCount(target, 1, 100000);
        if (to < 0)
            return fail(form);
        int times = 0;
        if (!cursor.atEnd()) {
            QString count = cursor.word();
            if (!comma && count == u","_s)
                count = cursor.word();
            else if (!comma && count.startsWith(u','))
                count = count.sliced(1);
            times = readCount(count, 1, MaxLoopTimes);
            const QString unit = cursor.word().toLower();
            if (times < 0 || (unit != u"times"_s && unit != u"time"_s) || !cursor.atEnd())
                return fail(form);
        } else if (comma) {
            return fail(form);
        }
        step = loop(to, times);
    } else {
        return fail(tr("Unknown step \u201c%1\u201d: a step is send, send-text, send-hex, wait, reply or loop")
                            .arg(keyword));
    }
    const QString invalid = step.validate(encoding);
    if (!invalid.isEmpty())
        return fail(invalid);
    return step;
}

QString SequenceStep::toString() const
{
    switch (kind) {
    case Kind::SendEntry: return u"send "_s + text;
    case Kind::SendText: return u"send-text "_s + text;
    case Kind::SendHex: return u"send-hex "_s + text;
    case Kind::Wait: return u"wait %1 ms"_s.arg(milliseconds);
    case Kind::Reply: return u"reply within %1 ms %2 %3"_s.arg(milliseconds).arg(matchName(match), text);
    case Kind::Loop:
        if (times == 0)
            return u"loop to %1"_s.arg(target);
        return u"loop to %1, %2 times"_s.arg(target).arg(times);
    }
    return {};
}

QString SequenceStep::validate(const QString &encoding) const
{
    switch (kind) {
    case Kind::SendEntry: {
        const QString bad = PayloadEntry::checkName(text);
        return bad.isEmpty() ? QString() : tr("send: %1").arg(bad);
    }
    case Kind::SendText:
    case Kind::SendHex: {
        const Template::Parsed parsed = Template::parse(
                text, kind == Kind::SendHex ? PayloadParser::Mode::Hex : PayloadParser::Mode::Text, encoding);
        if (parsed.ok() && text.isEmpty())
            return tr("Nothing to send");
        return parsed.ok() ? QString() : parsed.error;
    }
    case Kind::Wait:
        if (milliseconds < 0 || milliseconds > MaxMilliseconds)
            return tr("A wait lasts 0 to %1 ms").arg(MaxMilliseconds);
        return {};
    case Kind::Reply: {
        if (milliseconds < 1 || milliseconds > MaxMilliseconds)
            return tr("A reply is awaited 1 to %1 ms").arg(MaxMilliseconds);
        if (text.isEmpty())
            return tr("The reply pattern is empty");
        if (match == Match::Regex) {
            const QRegularExpression re(text);
            if (!re.isValid()) {
                return tr("Bad regular expression: %1 at column %2")
                        .arg(re.errorString())
                        .arg(re.patternErrorOffset() + 1);
            }
            return {};
        }
        const PayloadParser::Result bytes = PayloadParser::parse(
                text, match == Match::Hex ? PayloadParser::Mode::Hex : PayloadParser::Mode::Text, encoding);
        return bytes.ok() ? QString() : bytes.error;
    }
    case Kind::Loop:
        if (target < 1)
            return tr("A loop goes back to step 1 or later");
        if (times < 0 || times > MaxLoopTimes)
            return tr("A loop runs 1 to %1 times, or until stopped").arg(MaxLoopTimes);
        return {};
    }
    return {};
}

QByteArray SequenceStep::patternBytes(const QString &encoding) const
{
    if (kind != Kind::Reply || match == Match::Regex)
        return {};
    const PayloadParser::Result bytes = PayloadParser::parse(
            text, match == Match::Hex ? PayloadParser::Mode::Hex : PayloadParser::Mode::Text, encoding);
    return bytes.ok() ? bytes.bytes : QByteArray();
}

bool SequenceStep::matches(QByteArrayView received, const QString &encoding) const
{
    if (kind != Kind::Reply)
        return false;
    if (match == Match::Regex) {
        const QRegularExpression re(text);
        return re.isValid() && re.match(TextCodec::decode(received, encoding).text).hasMatch();
    }
    const QByteArray bytes = patternBytes(encoding);
    return !bytes.isEmpty() && received.contains(bytes);
}
