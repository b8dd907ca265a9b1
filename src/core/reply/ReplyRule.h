#pragma once

#include "core/commands/Checksum.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

#include <optional>

// One match-and-reply rule of a tab: what a received message (a read, a
// frame when framing is on, a datagram) must look like, and what is answered.
// A value; RuleMatcher compiles its match, ReplyRules the whole list.
//
// The one-line form (command line --rule, rules files, the library file's
// rule sets), case-insensitive keywords:
//
//   MATCH => REPLY [OPTIONS]
//
//   MATCH   any                      every message
//           exact:TEXT               the whole message is TEXT
//           starts:TEXT              the message starts with TEXT
//           ends:TEXT                … ends with TEXT
//           contains:TEXT            … contains TEXT somewhere
//           regex:EXPRESSION         a PCRE2 expression over the raw bytes,
//                                    searched anywhere (anchor with ^ and $);
//                                    groups are {1}…{9}, (?<name>…) is {name}
//           hex:01 03 ?? ?? 00 0A    the message starts with these bytes, ??
//                                    any one byte; a final $ asks for the
//                                    message to end there too. Each run of
//                                    ?? is a capture: {1} the first run, …
//           TEXT is written with the send box's escapes (\r \n \t \\ \xHH) and
//           encoded in the tab's encoding.
//   REPLY   none                     answer nothing (a rule that only stops)
//           http                     the HTTP page (a 200 page per request)
//           anything else            a template in the one template syntax
//                                    (core/commands/Template.h): {data},
//                                    {counter}, {time}, {random:N}, {hex:…},
//                                    plus the captures {1}…{9} and {name}
//   OPTIONS a last " [...]": comma-separated
//           delay=MS                 answer after MS milliseconds (0 … 60000)
//           next                     go on to the next rule after this one
//           close                    close the connection after the reply (TCP)
//           off                      the rule is kept but not used
//           checksum=NAME[:FROM][:le|be]  append this checksum to the reply
//                                    instead of the tab's (Checksum::parse)
//           name=TEXT                a name to show (no ',' or ']')
//
// The pattern ends at the first " => "; a pattern that holds " => " writes
// its space as \x20. A reply that ends in " [...]" writes its '[' as \x5b,
// one that reads as none or http its first letter as \xHH. toLine() writes
// those escapes (and line breaks as \r \n), so parse(toLine()) gives the
// rule back: equal, or with those characters escaped (the same bytes).
class ReplyRule
{
    Q_DECLARE_TR_FUNCTIONS(ReplyRule)

public:
    enum class Match { Any, Exact, StartsWith, EndsWith, Contains, Regex, Hex };
    enum class Reply { None, Template, Http };

    Match match = Match::Any;
    // Text with the send box's escapes (Exact … Contains), a PCRE2
    // expression (Regex), or hex bytes with ?? (Hex); unused for Any.
    QString pattern;
    Reply reply = Reply::Template;
    QString replyText;             // the template, for Reply::Template
    int delayMs = 0;               // 0 … kMaxDelayMs
    bool goOn = false;             // false: the first match stops here
    bool closeAfter = false;       // close the connection after replying
    bool enabled = true;
    std::optional<Checksum> checksum;   // replaces the tab's for this reply
    QString name;

    static constexpr int kMaxDelayMs = 60000;
    static constexpr int kMaxCaptures = 9;

    bool operator==(const ReplyRule &) const = default;

    // Where a fault is.
    enum class Field { None, Line, Match, Pattern, Reply, Options };

    struct Problem
    {
        Field field = Field::None;
        QString reason;      // what is wrong, without the place
        int column = 0;      // 1-based, in the field (parse(): in the line)
        QString message;     // "<reason> at column C"
        bool ok() const { return field == Field::None; }
    };

    struct Parsed;
    // A problem of `field` at a 1-based column, its message "<reason> at column C".
    static Problem problemAt(Field field, int column, const QString &reason);

    // The rule of one line, checked as validate() checks it (in `encoding`),
    // columns counted in the line. With check false only the grammar is
    // (saved tabs keep a rule with a problem as it was typed).
    static Parsed parse(const QString &line, const QString &encoding = QStringLiteral("UTF-8"), bool check = true);
    // The line parse() reads back to an equal rule.
    QString toLine() const;

    // Whether the rule can be armed in `encoding`: the pattern (escapes,
    // hex, the expression compiles), the reply template, captures the reply
    // names that the pattern does not have ({3} with two groups, {name}),
    // the options. The column is in the field named.
    Problem validate(const QString &encoding) const;

    // "contains", "regex", …: the keyword of the line form.
    static QString matchKeyword(Match match);
    static std::optional<Match> matchFromKeyword(const QString &keyword);
    // "Contains", "Regular expression", …: translated, for an editor.
    static QString matchTitle(Match match);
    // One line for a list: the name, or "contains PING → PONG {counter}".
    QString summary() const;
};

struct ReplyRule::Parsed
{
    ReplyRule rule;      // a default rule unless ok()
    Problem problem;
    bool ok() const { return problem.ok(); }
};
