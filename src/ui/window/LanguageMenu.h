#pragma once

#include <QMenu>

class QActionGroup;

// Settings → Language: the system's language, English or 简体中文. The choice
// is saved (QSettings, Translations::settingsKey()) and used from the next
// start on: every widget takes its texts when it is made, so switching
// languages under a running window would leave half of it in the old one.
// A note in the menu and a message after a change say so; --language still
// overrides the saved choice.
class LanguageMenu : public QMenu
{
    Q_OBJECT
public:
    explicit LanguageMenu(QWidget *parent = nullptr);

    // The saved choice: empty (follow the system), "en" or "zh_CN".
    static QString savedChoice();
    // Saves `language` (empty = follow the system) and checks its entry.
    void choose(const QString &language);

signals:
    void chosen(const QString &language);

private:
    void onTriggered(QAction *action);
    void showRestartNote(const QString &language);

    QActionGroup *m_group;
};
