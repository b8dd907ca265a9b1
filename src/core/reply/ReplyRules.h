#pragma once

#include "core/commands/Template.h"
#include "core/reply/AutoReply.h"
#include "core/reply/ReplyRule.h"
#include "core/reply/RuleMatcher.h"

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>

// A tab's ordered rules, compiled for its encoding: which are armed (enabled
// and without a problem), each one's problem, and what a message gets. The
// first armed rule that matches answers and stops, unless it says go on
// (next): then the rules after it are tried too, each that matches answering
// in turn. A rule with a problem is never armed: it matches nothing and
// sends nothing. Immutable once made; connections share it (their own state
// is in RuleResponder).
class ReplyRules
{
    Q_DECLARE_TR_FUNCTIONS(ReplyRules)

public:
    // TrafficEvent::rule of a received message: no rules (none armed) or
    // none matched; otherwise the index of the first rule that fired.
    static constexpr int kNoRules = -2;
    static constexpr int kUnmatched = -1;

    ReplyRules() = default;
    ReplyRules(const QList<ReplyRule> &rules, const QString &encoding);

    const QList<ReplyRule> &rules() const { return m_rules; }
    QString encoding() const { return m_encoding; }
    int size() const { return int(m_rules.size()); }
    bool isEmpty() const { return m_rules.isEmpty(); }
    // Whether any rule is armed (a message can be answered at all).
    bool isActive() const { return m_armedCount > 0; }
    bool isArmed(int index) const;
    // The problem of rule index (ok() for a good or a disabled rule).
    ReplyRule::Problem problem(int index) const;
    // "Rule 2: unknown capture {3} … at column 14", one per rule with a problem.
    QStringList errors() const;

    // One firing of one rule: its reply expanded (before checksum and framing).
    struct Firing
    {
        int rule = -1;
        QByteArray reply;          // empty with hasReply false for Reply::None
        bool hasReply = false;
        bool http = false;         // reply kind Http: RuleResponder makes the page
        int delayMs = 0;
        bool closeAfter = false;
        std::optional<Checksum> checksum;   // the rule's own, if any
        QList<QByteArray> captures;
    };
    struct Evaluation
    {
        int rule = kNoRules;       // what TrafficEvent::rule says
        QList<Firing> firings;     // in order; http firings have no reply yet
        // A regex that hit its match limit: rule index and what happened.
        QList<std::pair<int, QString>> limitErrors;
        int countersUsed = 0;      // replies that took a {counter}
    };
    // Which rules fire for `message` and their replies, expanded with
    // `context` (its received is set to message; counter as the caller keeps it).
    Evaluation evaluate(const QByteArray &message, const Template::Context &context) const;
    const RuleMatcher &matcher(int index) const { return m_compiled.at(index).matcher; }
    const Template &replyTemplate(int index) const { return m_compiled.at(index).reply; }
    // The HTTP page in the encoding.
    const AutoReply &httpPage() const { return m_http; }

    // --- Ready-made rules -----------------------------------------------------
    struct Preset
    {
        QString id;                 // "echo", "hello", "http", "modbus-tcp", "modbus-rtu"
        QString title;              // translated
        QString description;        // translated, one sentence
        QList<ReplyRule> rules;
    };
    static QList<Preset> presets();
    static std::optional<Preset> preset(const QString &id);

    // --- The old one-mode auto-reply (--reply, saved tabs' "reply") --------
    // "" / "none": no rules; "echo": any => {data}; "http": any => http;
    // anything else a template: any => TEMPLATE. Means what it always meant.
    static QList<ReplyRule> fromReplySpec(const QString &spec);
    // The inverse, when the rules are exactly one of those: "", "echo",
    // "http" or the template; a null QString when they are anything else.
    static QString replySpecOf(const QList<ReplyRule> &rules);

    // --- Rules files (--rules, export/import, the library's rule sets) ------
    // One rule per line in the line form; blank lines and lines starting
    // with '#' are skipped.
    struct FileParsed
    {
        QList<ReplyRule> rules;
        QString error;     // "line L, column C: reason", empty when ok
        int line = 0;      // 1-based line of the fault
        int column = 0;
        bool ok() const { return error.isEmpty(); }
    };
    static FileParsed parseText(const QString &text, const QString &encoding = QStringLiteral("UTF-8"));
    static QString toText(const QList<ReplyRule> &rules);

private:
    struct Compiled
    {
        RuleMatcher matcher;
        Template reply;
        ReplyRule::Problem problem;
        bool armed = false;
    };
    QList<ReplyRule> m_rules;
    QList<Compiled> m_compiled;
    QString m_encoding = QStringLiteral("UTF-8");
    AutoReply m_http;
    int m_armedCount = 0;
};
