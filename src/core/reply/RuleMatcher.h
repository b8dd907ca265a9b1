#pragma once

#include "core/reply/ReplyRule.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>
#include <QStringList>

#include <memory>

// The compiled match of one ReplyRule, tested against the raw bytes of one
// received message. Regular expressions go through PCRE2 (8-bit, no UTF
// check: a peer's bytes need not be valid text) with a match limit and a
// depth limit, so an expression that backtracks catastrophically ((a+)+$ on
// thirty a's and a b) gives up in bounded time: the result says "limit
// reached" and counts as no match. Copies share the compiled expression;
// matching does not change it, so one matcher serves every connection.
class RuleMatcher
{
    Q_DECLARE_TR_FUNCTIONS(RuleMatcher)

public:
    // PCRE2's own defaults are 10,000,000 and 10,000,000: seconds on one
    // message. These bound one match to tens of microseconds (JIT), so even
    // a read of a thousand messages that all backtrack passes quickly.
    static constexpr quint32 kMatchLimit = 20000;
    static constexpr quint32 kDepthLimit = 10000;

    RuleMatcher();
    // Compiles rule's match in encoding; isValid() says whether it could.
    RuleMatcher(const ReplyRule &rule, const QString &encoding);
    ~RuleMatcher();
    RuleMatcher(const RuleMatcher &);
    RuleMatcher &operator=(const RuleMatcher &);

    bool isValid() const { return m_problem.ok(); }
    // Why not (field Pattern, the column in the pattern).
    ReplyRule::Problem problem() const { return m_problem; }

    // Capture groups the pattern has: groups of a regex, runs of ?? of a hex
    // pattern; the names of named groups (with their numbers).
    int captureCount() const { return m_captureCount; }
    QStringList captureNames() const;
    int captureNumber(const QString &name) const;   // -1 when none

    struct Result
    {
        enum class Status { NoMatch, Matched, LimitReached, Error };
        Status status = Status::NoMatch;
        // [0] the whole match (the message for Any), [1…] the groups; an
        // unset group is empty.
        QList<QByteArray> captures;
        QString error;   // LimitReached, Error: what happened
        bool matched() const { return status == Status::Matched; }
    };
    Result match(QByteArrayView message) const;

private:
    struct Compiled;
    ReplyRule::Match m_kind = ReplyRule::Match::Any;
    QByteArray m_bytes;                 // text kinds and hex: the bytes
    QByteArray m_wild;                  // hex: 1 where ?? stands
    bool m_hexToEnd = false;            // hex: a final $
    QList<std::pair<int, int>> m_runs;  // hex: the ?? runs (start, length)
    int m_captureCount = 0;
    std::shared_ptr<const Compiled> m_regex;
    ReplyRule::Problem m_problem;
};
