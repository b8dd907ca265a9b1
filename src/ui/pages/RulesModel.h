#pragma once

#include "core/reply/ReplyRule.h"

#include <QAbstractTableModel>
#include <QList>
#include <QPointer>

class Session;

// A tab's reply rules as a table: one row per rule, in order, with how many
// times each fired. A view of the session in both directions: an edit of a
// cell becomes a new rule list given to the session (Session::setRules, the
// one path), and whatever changes the session's rules (the Auto-reply combo,
// the command line, a lesson, restored settings) shows here at once. A rule
// with a problem keeps what was typed, its cell is marked with the reason
// and the column, and the row says it is not armed, as the session says.
class RulesModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Enabled, Match, Pattern, Reply, Delay, Then, Close, Fired, ColumnCount };
    enum Role {
        ArmedRole = Qt::UserRole + 1,   // bool: the session uses the rule
        ProblemRole,                    // QString: "… at column C", empty when none
    };

    explicit RulesModel(Session *session, QObject *parent = nullptr);

    Session *session() const { return m_session; }
    QList<ReplyRule> rules() const { return m_rules; }
    // Replaces the session's rules (the one path); false when it refused.
    void setRules(const QList<ReplyRule> &rules);
    // The reply column's text: "none", "http", or the template (as the line form).
    static QString replyText(const ReplyRule &rule);
    // The inverse: "none" / "http" (any case) or template text.
    static void setReplyText(ReplyRule &rule, const QString &text);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    void onSettingsChanged();
    void onCountsChanged();
    // The column where a rule's problem is shown.
    static int columnOf(ReplyRule::Field field);

    QPointer<Session> m_session;
    QList<ReplyRule> m_rules;        // what the rows show: the session's
    QList<quint64> m_counts;
};
