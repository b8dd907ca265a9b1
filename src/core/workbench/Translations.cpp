#include "core/workbench/Translations.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QPointer>
#include <QTranslator>

namespace {
const QString kEnglish = QStringLiteral("en");
const QString kSimplifiedChinese = QStringLiteral("zh_CN");

// What an earlier install() put in place, so a second call replaces it
// instead of stacking (QCoreApplication asks the newest translator first).
QPointer<QTranslator> g_app;
QPointer<QTranslator> g_qt;

void drop(QPointer<QTranslator> &translator)
{
    if (translator) {
        QCoreApplication::removeTranslator(translator);
        delete translator;
    }
}

// The system's UI languages, most wanted first ("zh-Hant-TW", "zh-TW", "zh",
// "en-GB", "C") → a language there is a translation for, or empty. Only the
// first Chinese entry counts: after "zh-TW" comes a bare "zh", which alone
// would mean Simplified, and a Traditional reader is better served by
// English than by Simplified characters.
QString translationFor(const QStringList &uiLanguages)
{
    bool chineseSeen = false;
    for (const QString &name : uiLanguages) {
        const QLocale locale(name);
        if (locale.language() == QLocale::Chinese) {
            if (!chineseSeen && locale.script() != QLocale::TraditionalHanScript)
                return kSimplifiedChinese;
            chineseSeen = true;
        } else if (locale.language() == QLocale::English) {
            return kEnglish;
        }
    }
    return {};
}
} // namespace

QStringList Translations::languages()
{
    return {kEnglish, kSimplifiedChinese};
}

QString Translations::normalized(const QString &code)
{
    QString c = code.trimmed();
    c.replace(u'-', u'_');
    for (const QString &language : languages()) {
        if (c.compare(language, Qt::CaseInsensitive) == 0)
            return language;
    }
    return {};
}

QString Translations::settingsKey()
{
    return QStringLiteral("language");
}

QString Translations::choose(const QString &commandLine, const QString &setting, const QLocale &system)
{
    if (const QString c = normalized(commandLine); !c.isEmpty())
        return c;
    if (const QString s = normalized(setting); !s.isEmpty())
        return s;
    if (const QString t = translationFor(system.uiLanguages()); !t.isEmpty())
        return t;
    return kEnglish;
}

Translations::Installed Translations::install(const QString &language, const QString &appDirectory)
{
    Installed installed;
    drop(g_app);
    drop(g_qt);
    QCoreApplication *app = QCoreApplication::instance();
    if (!app)
        return installed;

    // English too: it carries the singular and plural forms of "%n …(s)".
    auto *own = new QTranslator(app);
    if (own->load(QStringLiteral("socket-workbench_") + language, appDirectory)
        && QCoreApplication::installTranslator(own)) {
        g_app = own;
        installed.app = true;
    } else {
        delete own;
    }

    if (language != kEnglish) {
        auto *qt = new QTranslator(app);
        if (qt->load(QStringLiteral("qtbase_") + language, QLibraryInfo::path(QLibraryInfo::TranslationsPath))
            && QCoreApplication::installTranslator(qt)) {
            g_qt = qt;
            installed.qt = true;
        } else {
            delete qt;
        }
    }
    return installed;
}
