#include "ui/pages/RulesModel.h"

#include "core/net/Session.h"
#include "core/reply/ReplyRules.h"

#include <QApplication>
#include <QBrush>
#include <QColor>
#include <QFontDatabase>
#include <QPalette>
#include <QStyle>

using namespace Qt::StringLiterals;

RulesModel::RulesModel(Session *session, QObject *parent)
    : QAbstractTableModel(parent)
    , m_session(session)
    , m_rules(session->settings().rules)
    , m_counts(session->ruleFireCounts())
{
    connect(session, &Session::settingsChanged, this, &RulesModel::onSettingsChanged);
    connect(session, &Session::ruleFireCountsChanged, this, &RulesModel::onCountsChanged);
}

void RulesModel::setRules(const QList<ReplyRule> &rules)
{
    if (m_session)
        m_session->setRules(rules);
}

QString RulesModel::replyText(const ReplyRule &rule)
{
    switch (rule.reply) {
    case ReplyRule::Reply::None: return u"none"_s;
    case ReplyRule::Reply::Http: return u"http"_s;
    case ReplyRule::Reply::Template: break;
    }
    return rule.replyText;
}

void RulesModel::setReplyText(ReplyRule &rule, const QString &text)
{
    const QString word = text.trimmed().toLower();
    if (word == u"none"_s) {
        rule.reply = ReplyRule::Reply::None;
        rule.replyText.clear();
    } else if (word == u"http"_s) {
        rule.reply = ReplyRule::Reply::Http;
        rule.replyText.clear();
    } else {
        rule.reply = ReplyRule::Reply::Template;
        rule.replyText = text;
    }
}

int RulesModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rules.size());
}

int RulesModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

int RulesModel::columnOf(ReplyRule::Field field)
{
    switch (field) {
    case ReplyRule::Field::Match: return Match;
    case ReplyRule::Field::Reply: return Reply;
    case ReplyRule::Field::Options: return Delay;
    case ReplyRule::Field::Line:
    case ReplyRule::Field::Pattern: return Pattern;
    case ReplyRule::Field::None: break;
    }
    return -1;
}

QVariant RulesModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rules.size() || !m_session)
        return {};
    const int row = index.row();
    const ReplyRule &r = m_rules.at(row);
    const ReplyRules &compiled = m_session->replyRules();
    const bool current = row < compiled.size() && compiled.rules().at(row) == r;
    const ReplyRule::Problem problem = current ? compiled.problem(row) : r.validate(m_session->encoding());
    const bool armed = current && compiled.isArmed(row);
    const bool problemHere = !problem.ok() && columnOf(problem.field) == index.column();
    const quint64 fired = row < m_counts.size() ? m_counts.at(row) : 0;

    switch (role) {
    case Qt::DisplayRole:
    case Qt::EditRole:
        switch (index.column()) {
        case Match:
            return role == Qt::EditRole ? QVariant(int(r.match)) : QVariant(ReplyRule::matchTitle(r.match));
        case Pattern:
            return r.match == ReplyRule::Match::Any ? QString() : r.pattern;
        case Reply:
            return replyText(r);
        case Delay:
            return role == Qt::EditRole ? QVariant(r.delayMs) : r.delayMs ? QVariant(tr("%1 ms").arg(r.delayMs)) : QVariant();
        case Fired:
            if (role == Qt::EditRole)
                return fired;
            if (!r.enabled)
                return tr("off");
            return armed ? QVariant(QString::number(fired)) : QVariant(tr("not armed"));
        default:
            return {};
        }
    case Qt::CheckStateRole:
        switch (index.column()) {
        case Enabled: return r.enabled ? Qt::Checked : Qt::Unchecked;
        case Then: return r.goOn ? Qt::Checked : Qt::Unchecked;
        case Close: return r.closeAfter ? Qt::Checked : Qt::Unchecked;
        default: return {};
        }
    case Qt::DecorationRole:
        if (index.column() == Enabled && !problem.ok())
            return QApplication::style()->standardIcon(QStyle::SP_MessageBoxWarning);
        return {};
    case Qt::ToolTipRole:
        if (problemHere || (index.column() == Enabled && !problem.ok()))
            return tr("Rule %1 is not armed: %2").arg(row + 1).arg(problem.message);
        switch (index.column()) {
        case Enabled:
            return r.enabled ? tr("Rule %1 is on; clear to keep it without using it").arg(row + 1)
                             : tr("Rule %1 is off: kept, not used").arg(row + 1);
        case Pattern:
            return r.match == ReplyRule::Match::Any ? tr("Every message matches: no pattern")
                                                    : tr("%1: %2").arg(ReplyRule::matchTitle(r.match), r.pattern);
        case Reply:
            return tr("A template ({data}, {counter}, {time}, captures {1} … {9} and {name}), "
                      "\"none\" to answer nothing, or \"http\" for the HTTP page");
        case Then:
            return r.goOn ? tr("After replying, the next rules are tried too")
                          : tr("The first rule that matches answers; the rules after it are not tried");
        case Close:
            return r.closeAfter ? tr("The connection is closed after the reply") : tr("The connection stays open");
        case Fired:
            if (r.enabled && !armed)
                return tr("Rule %1 is not armed: %2").arg(row + 1).arg(problem.message);
            return tr("Rule %1 fired %n time(s)", nullptr, int(qMin<quint64>(fired, INT_MAX))).arg(row + 1);
        default:
            return {};
        }
    case Qt::BackgroundRole:
        if (problemHere) {
            const bool dark = QApplication::palette().color(QPalette::Base).lightness() < 128;
            return QBrush(dark ? QColor(0x6e, 0x1a, 0x1a) : QColor(0xff, 0xd6, 0xd6));
        }
        return {};
    case Qt::ForegroundRole:
        if (!r.enabled || (!armed && index.column() != Enabled && !problemHere))
            return QBrush(QApplication::palette().color(QPalette::Disabled, QPalette::Text));
        return {};
    case Qt::FontRole:
        if (index.column() == Pattern || index.column() == Reply)
            return QFontDatabase::systemFont(QFontDatabase::FixedFont);
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == Delay || index.column() == Fired)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case Qt::AccessibleTextRole:
        if (index.column() == Enabled)
            return r.enabled ? tr("on") : tr("off");
        return data(index, Qt::DisplayRole);
    case ArmedRole:
        return armed;
    case ProblemRole:
        return problem.ok() ? QString() : problem.message;
    default:
        return {};
    }
}

bool RulesModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (!index.isValid() || index.row() >= m_rules.size())
        return false;
    QList<ReplyRule> rules = m_rules;
    ReplyRule &r = rules[index.row()];
    const bool checked = value.toInt() == Qt::Checked;
    if (role == Qt::CheckStateRole) {
        switch (index.column()) {
        case Enabled: r.enabled = checked; break;
        case Then: r.goOn = checked; break;
        case Close: r.closeAfter = checked; break;
        default: return false;
        }
    } else if (role == Qt::EditRole) {
        switch (index.column()) {
        case Match: {
            const int kind = value.toInt();
            if (kind < int(ReplyRule::Match::Any) || kind > int(ReplyRule::Match::Hex))
                return false;
            r.match = ReplyRule::Match(kind);
            break;
        }
        case Pattern: r.pattern = value.toString(); break;
        case Reply: setReplyText(r, value.toString()); break;
        case Delay: r.delayMs = qBound(0, value.toInt(), ReplyRule::kMaxDelayMs); break;
        default: return false;
        }
    } else {
        return false;
    }
    if (rules == m_rules)
        return true;
    setRules(rules);
    return true;
}

Qt::ItemFlags RulesModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    Qt::ItemFlags f = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    switch (index.column()) {
    case Enabled:
    case Then:
    case Close:
        return f | Qt::ItemIsUserCheckable;
    case Pattern:
        if (index.row() < m_rules.size() && m_rules.at(index.row()).match == ReplyRule::Match::Any)
            return f;
        return f | Qt::ItemIsEditable;
    case Match:
    case Reply:
    case Delay:
        return f | Qt::ItemIsEditable;
    default:
        return f;
    }
}

QVariant RulesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Vertical) {
        if (role == Qt::DisplayRole)
            return section + 1;
        return {};
    }
    if (role == Qt::DisplayRole) {
        switch (section) {
        case Enabled: return tr("On");
        case Match: return tr("Match");
        case Pattern: return tr("Pattern");
        case Reply: return tr("Reply");
        case Delay: return tr("Delay");
        case Then: return tr("Go on");
        case Close: return tr("Close");
        case Fired: return tr("Fired");
        default: return {};
        }
    }
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case Enabled: return tr("Whether the rule is used; a rule with a problem is marked and not armed");
        case Match: return tr("What a received message must be: any, exact, starts with, ends with, contains, "
                              "a regular expression, or hex bytes with ?? wildcards");
        case Pattern: return tr("Text with the send box's escapes (\\r \\n \\xHH), a regular expression, "
                                "or hex bytes such as 01 03 ?? ?? 00 0A");
        case Reply: return tr("What is sent back: a template, \"none\" or \"http\"");
        case Delay: return tr("Milliseconds to wait before replying");
        case Then: return tr("Checked: the rules after this one are tried too; cleared: the first match wins");
        case Close: return tr("Close the connection after replying (TCP)");
        case Fired: return tr("How many times the rule answered a message");
        default: return {};
        }
    }
    return {};
}

void RulesModel::onSettingsChanged()
{
    if (!m_session)
        return;
    const QList<ReplyRule> now = m_session->settings().rules;
    const QList<quint64> counts = m_session->ruleFireCounts();
    if (now.size() != m_rules.size()) {
        beginResetModel();
        m_rules = now;
        m_counts = counts;
        endResetModel();
        return;
    }
    // The encoding plays a part in what is armed: every row is looked at
    // again, without a reset (that would close an editor being typed in).
    m_rules = now;
    m_counts = counts;
    if (!m_rules.isEmpty())
        emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

void RulesModel::onCountsChanged()
{
    if (!m_session)
        return;
    m_counts = m_session->ruleFireCounts();
    if (!m_rules.isEmpty())
        emit dataChanged(index(0, Fired), index(rowCount() - 1, Fired));
}
