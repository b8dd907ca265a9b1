#pragma once

#include <QLocale>
#include <QString>
#include <QStringList>

// Which language the program speaks, and the translators that make it so.
// The choice is made once, before any widget exists: the command line
// (--language) wins over the user's setting, which wins over the system
// locale (LANGUAGE, LC_ALL, LC_MESSAGES, LANG). The program's own strings
// come from socket-workbench_<language>.qm; Qt's (dialog buttons, file
// dialogs, command-line parser errors) from Qt's qtbase_<language>.qm.
class Translations
{
public:
    // The languages there is a translation for, as --language and the
    // setting spell them: "en", "zh_CN".
    static QStringList languages();
    // `code` as the user typed it ("zh_CN", "zh-cn", "EN") → the spelling of
    // languages(), or empty when there is no such translation.
    static QString normalized(const QString &code);
    // QSettings key of the user's choice; absent or empty = follow the system.
    static QString settingsKey();
    // The language to use: `commandLine` if given, else `setting` if it names
    // one of languages(), else the first of the system's UI languages that
    // has a translation (Simplified Chinese for zh, zh_CN, zh_SG, zh_Hans),
    // else English.
    static QString choose(const QString &commandLine, const QString &setting,
                          const QLocale &system = QLocale::system());

    struct Installed
    {
        bool app = false;  // socket-workbench_<language>.qm
        bool qt = false;   // qtbase_<language>.qm (qt6-translations-l10n)
    };
    // Installs the translators of `language` on the application (replacing
    // the ones an earlier call installed). The program's .qm files are looked
    // for in `appDirectory` (the resources the executable embeds by default);
    // Qt's in QLibraryInfo::TranslationsPath. English needs no Qt catalogue:
    // Qt's strings are English already.
    static Installed install(const QString &language, const QString &appDirectory = QStringLiteral(":/i18n"));
};
