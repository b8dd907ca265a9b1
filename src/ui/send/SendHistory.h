#pragma once

#include "core/text/PayloadParser.h"

#include <QList>
#include <QObject>
#include <QString>

class QAction;
class QMenu;

// The payloads sent from the send panels, most recent first, and the menu
// that offers them again. Kept in QSettings ("send/history") and shared by
// every panel: each reads the settings again before it adds an entry or
// opens its menu, so what another tab sent is there too.
class SendHistory : public QObject
{
    Q_OBJECT
public:
    struct Entry
    {
        QString text;
        PayloadParser::Mode mode = PayloadParser::Mode::Text;
        bool operator==(const Entry &) const = default;
    };

    static constexpr int kSize = 30;
    // Longer inputs are sent but not remembered: the history lives in the
    // settings file, which is read at every start.
    static constexpr qsizetype kMaxChars = 64 * 1024;

    // Lists the entries in `menu` (a null menu lists them nowhere), with
    // "Clear History" below them.
    explicit SendHistory(QMenu *menu, QObject *parent = nullptr);

    QList<Entry> entries() const { return m_entries; }
    // Puts the payload first; an equal entry further down goes, and so do
    // entries beyond kSize. Empty and over-long payloads are not kept.
    void add(const QString &text, PayloadParser::Mode mode);
    void clear();
    // The menu's words again, after the language changed.
    void retranslate();

    // An entry as one menu line: its start, with the line breaks and tabs it
    // hides made visible.
    static QString menuLabel(const Entry &entry);

signals:
    // The user picked an entry in the menu.
    void recalled(const SendHistory::Entry &entry);

private:
    void load();
    void save() const;
    void rebuildMenu();
    void onMenuAboutToShow();
    void onActionTriggered(QAction *action);

    QMenu *m_menu;
    QList<Entry> m_entries;
};
