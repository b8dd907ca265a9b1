#include "core/workbench/RuleOptions.h"

#include "core/reply/AutoReply.h"
#include "core/reply/ReplyRules.h"

#include <QFile>

using namespace Qt::StringLiterals;

namespace {

// A rule as the message quotes it: short, one line, nothing invisible.
QString quoted(const QString &line)
{
    QString shown = line.size() > 60 ? line.left(60) + u'\u2026' : line;
    for (QChar &c : shown) {
        if (!c.isPrint())
            c = u'\uFFFD';
    }
    return u"\u201c"_s + shown + u"\u201d"_s;
}

} // namespace

bool RuleOptions::read(const QStringList &ruleLines, const QString &rulesFile, const std::optional<QString> &replySpec,
                       const QString &encoding, QList<ReplyRule> *rules, QString *error)
{
    rules->clear();
    if (replySpec) {
        if (!ruleLines.isEmpty() || !rulesFile.isEmpty()) {
            *error = tr("--reply: use either --reply or --rule/--rules (--reply echo is --rule 'any => {data}')");
            return false;
        }
        if (replySpec->isEmpty()) {
            *error = tr("--reply: empty; use echo, http or a template text");
            return false;
        }
        QString why;
        AutoReply::fromSpec(*replySpec, encoding, &why);
        if (!why.isEmpty()) {
            *error = u"--reply: "_s + why;
            return false;
        }
        *rules = ReplyRules::fromReplySpec(*replySpec);
        return true;
    }
    if (!rulesFile.isEmpty()) {
        QFile file(rulesFile);
        if (!file.open(QIODevice::ReadOnly)) {
            *error = tr("--rules: cannot read %1: %2").arg(rulesFile, file.errorString());
            return false;
        }
        if (file.size() > kMaxFileBytes) {
            *error = tr("--rules: %1 is larger than %2 bytes: not a rules file").arg(rulesFile).arg(kMaxFileBytes);
            return false;
        }
        const QByteArray bytes = file.readAll();
        const QString text = QString::fromUtf8(bytes);
        if (text.toUtf8() != bytes) {
            *error = tr("--rules: %1 is not UTF-8 text").arg(rulesFile);
            return false;
        }
        const ReplyRules::FileParsed parsed = ReplyRules::parseText(text, encoding);
        if (!parsed.ok()) {
            *error = tr("--rules: %1, %2").arg(rulesFile, parsed.error);
            return false;
        }
        *rules = parsed.rules;
    }
    for (qsizetype i = 0; i < ruleLines.size(); ++i) {
        const ReplyRule::Parsed p = ReplyRule::parse(ruleLines.at(i), encoding);
        if (!p.ok()) {
            *error = tr("--rule %1: %2 in %3").arg(i + 1).arg(p.problem.message, quoted(ruleLines.at(i)));
            rules->clear();
            return false;
        }
        rules->append(p.rule);
    }
    return true;
}
