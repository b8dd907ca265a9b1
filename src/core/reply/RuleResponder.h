#pragma once

#include "core/commands/Template.h"
#include "core/reply/ReplyRules.h"

#include <QByteArray>
#include <QList>

#include <map>
#include <memory>

class HttpRequestParser;

// The per-connection side of a tab's ReplyRules (one per TCP connection,
// one per UDP sender): its own {counter}, the HTTP rules' request readers
// (a request may come in pieces), and whether an HTTP close has ended the
// answering. Replaces AutoResponder's one mode.
class RuleResponder
{
public:
    explicit RuleResponder(std::shared_ptr<const ReplyRules> rules);
    ~RuleResponder();
    RuleResponder(const RuleResponder &) = delete;
    RuleResponder &operator=(const RuleResponder &) = delete;

    const std::shared_ptr<const ReplyRules> &rules() const { return m_rules; }

    struct Reply
    {
        int rule = -1;
        QByteArray bytes;                    // before checksum and framing
        int delayMs = 0;
        std::optional<Checksum> checksum;    // the rule's own; none: the tab's
    };
    struct Output
    {
        int rule = ReplyRules::kNoRules;     // for TrafficEvent::rule
        QList<int> fired;                    // every rule that fired, in order
        QList<Reply> replies;
        bool closeAfter = false;             // after the last reply went out
        QList<std::pair<int, QString>> limitErrors;
    };
    // What one received message gets. `context` gives {time} and {random};
    // {data} is the message and {counter} this connection's own.
    Output onMessage(const QByteArray &message, const Template::Context &context = {});

    // Messages this connection answered with a {counter} so far.
    quint64 counter() const { return m_counter; }

private:
    std::shared_ptr<const ReplyRules> m_rules;
    std::map<int, std::unique_ptr<HttpRequestParser>> m_http;   // by rule index
    quint64 m_counter = 0;
    bool m_closing = false;   // an HTTP rule closed: nothing more is answered
};
