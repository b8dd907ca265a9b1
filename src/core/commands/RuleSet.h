#pragma once

#include "core/reply/ReplyRule.h"

#include <QList>
#include <QString>

// A named set of reply rules in the payload library (issue 20): a tab's
// rules saved to be loaded into another tab, or shared in a library file
// as a [rules NAME] section with one "rule = MATCH => REPLY" line per rule.
// Names share the library's one namespace with payloads and sequences.
struct RuleSet
{
    QString name;
    QString group;
    QString notes;
    QList<ReplyRule> rules;

    friend bool operator==(const RuleSet &, const RuleSet &) = default;
};
