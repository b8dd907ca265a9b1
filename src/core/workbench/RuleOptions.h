#pragma once

#include "core/reply/ReplyRule.h"

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>

// The command line's reply rules: --rules FILE (one rule per line, '#'
// comments, the format of README "Reply rules") and --rule 'MATCH => REPLY'
// (repeatable), in that order, or --reply echo|http|TEMPLATE, which is the
// same as its ready-made rule. A bad rule names itself and its column.
class RuleOptions
{
    Q_DECLARE_TR_FUNCTIONS(RuleOptions)

public:
    // Rules files larger than this are not rules files.
    static constexpr qint64 kMaxFileBytes = 1024 * 1024;

    // The rules the options ask for, checked in `encoding`; false with
    // *error ("--rule 2: reason at column C in “…”") on the first bad one.
    static bool read(const QStringList &ruleLines, const QString &rulesFile, const std::optional<QString> &replySpec,
                     const QString &encoding, QList<ReplyRule> *rules, QString *error);
};
