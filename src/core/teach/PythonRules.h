#pragma once

#include "core/commands/Checksum.h"
#include "core/reply/ReplyRule.h"

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

// A tab's reply rules as the Python a student would write: each match as a
// test of `data` (data.startswith(b'PING'), b'PING' in data, re.search(…),
// a hex pattern as a bytes regular expression whose ?? runs are groups),
// each reply as the expression that builds it (b'PONG ' + str(counter)…,
// m.group(1), the checksum's function), and the whole list as one function
// the scripts call for every message. Used by the narrator (one line per
// matched rule) and by PythonScriptWriter (the program).
class PythonRules
{
    Q_DECLARE_TR_FUNCTIONS(PythonRules)

public:
    // `checksum`: the tab's, appended to a reply unless the rule has its own.
    PythonRules(const QList<ReplyRule> &rules, const QString &encoding, const std::optional<Checksum> &checksum);

    // The test of rule `index` on `data`: "data.startswith(b'PING')",
    // "(m := re.search(rb'^GET (\S+)', data))".
    QString condition(int index) const;
    // The reply of rule `index` as an expression of data, m and counter
    // (checksum not included): "b'PONG ' + str(counter + 1).encode()".
    QString replyExpression(int index) const;
    // One line for the narration: the test and the send on `sock`
    // ("conn.sendall(…)", "sock.sendto(…, addr)" when udp).
    QString narrationLine(int index, const QString &sock, bool udp) const;

    // The function `answer(data, state, send)` a script calls with each
    // message: the rules in order, first match wins unless go on; True
    // when the connection is to be closed. `framed` wraps what is sent
    // (the framing's header); empty = as is.
    QStringList answerFunction(const std::function<QString(const QString &)> &framed) const;
    // The helper functions the function uses (checksums, the HTTP page is
    // the script writer's own).
    QStringList helpers() const;
    // Modules to import: re, time, os, datetime.
    QStringList imports() const;
    bool usesHttp() const;
    bool usesCounter() const;
    bool isEmpty() const { return m_rules.isEmpty(); }

    // A PCRE2 expression as Python's re reads it ((?<name> → (?P<name>),
    // as a bytes literal (rb'…' when it can be).
    static QString regexLiteral(const QString &pattern);
    // A hex pattern ("01 03 ?? ?? 00 0A", a final $) as the bytes regex
    // that matches the same with re.match: the runs of ?? are its groups.
    static QString hexRegexLiteral(const QString &pattern);
    // A checksum's function name and the function: crc16_modbus(data).
    static QString checksumFunctionName(Checksum::Algorithm algorithm);
    static QStringList checksumFunction(Checksum::Algorithm algorithm);

private:
    struct Written
    {
        QString condition;   // the if test
        bool regex = false;  // binds m
        QString reply;       // the expression, empty for none
        bool http = false;
        bool counter = false;
        std::optional<Checksum> checksum;
    };
    Written write(const ReplyRule &rule) const;
    QString bytesLiteral(const QString &text) const;

    QList<ReplyRule> m_rules;
    QList<Written> m_written;
    QString m_encoding;
    std::optional<Checksum> m_checksum;
};
