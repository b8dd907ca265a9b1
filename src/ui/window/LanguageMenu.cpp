#include "ui/window/LanguageMenu.h"

#include "core/workbench/Translations.h"

#include <QActionGroup>
#include <QMessageBox>
#include <QSettings>
#include <QTranslator>

namespace {
const char kRestartNote[] = QT_TRANSLATE_NOOP("LanguageMenu",
                                              "The new language is used when Socket Workbench is started again.");

// The note in the language just chosen, for a user who cannot read the
// current one; empty when that is the current language or has no catalogue.
QString noteIn(const QString &language)
{
    const QString resolved = Translations::choose(QString(), language);
    if (resolved == QStringLiteral("en"))
        return QString::fromUtf8(kRestartNote);
    QTranslator translator;
    if (!translator.load(QStringLiteral("socket-workbench_") + resolved, QStringLiteral(":/i18n")))
        return {};
    return translator.translate("LanguageMenu", kRestartNote);
}
} // namespace

LanguageMenu::LanguageMenu(QWidget *parent)
    : QMenu(tr("&Language"), parent)
    , m_group(new QActionGroup(this))
{
    setObjectName(QStringLiteral("menuLanguage"));
    // Each language is named in itself: whoever reads it finds it, whatever
    // the window speaks now.
    const QList<QPair<QString, QString>> entries{
        {QString(), tr("&System language")},
        {QStringLiteral("en"), QStringLiteral("English")},
        {QStringLiteral("zh_CN"), QStringLiteral("简体中文")},
    };
    for (const auto &[code, text] : entries) {
        QAction *action = addAction(text);
        action->setObjectName(QStringLiteral("language-") + (code.isEmpty() ? QStringLiteral("system") : code));
        action->setData(code);
        action->setCheckable(true);
        m_group->addAction(action);
    }
    addSeparator();
    QAction *note = addAction(tr(kRestartNote));
    note->setObjectName(QStringLiteral("languageNote"));
    note->setEnabled(false);

    const QString saved = savedChoice();
    for (QAction *action : m_group->actions())
        action->setChecked(action->data().toString() == saved);
    connect(m_group, &QActionGroup::triggered, this, &LanguageMenu::onTriggered);
}

QString LanguageMenu::savedChoice()
{
    return Translations::normalized(QSettings().value(Translations::settingsKey()).toString());
}

void LanguageMenu::choose(const QString &language)
{
    const QString code = Translations::normalized(language);
    QSettings settings;
    if (code.isEmpty())
        settings.remove(Translations::settingsKey());
    else
        settings.setValue(Translations::settingsKey(), code);
    for (QAction *action : m_group->actions())
        action->setChecked(action->data().toString() == code);
    emit chosen(code);
}

void LanguageMenu::onTriggered(QAction *action)
{
    const QString code = action->data().toString();
    if (code == savedChoice())
        return;
    choose(code);
    showRestartNote(code);
}

void LanguageMenu::showRestartNote(const QString &language)
{
    QString text = tr(kRestartNote);
    if (const QString there = noteIn(language); !there.isEmpty() && there != text)
        text += QStringLiteral("\n\n") + there;
    // Over the window, not over a menu that has closed by now.
    QWidget *window = parentWidget();
    while (qobject_cast<QMenu *>(window))
        window = window->parentWidget();
    // Not modal: nothing waits for it.
    auto *box = new QMessageBox(QMessageBox::Information, tr("Language"), text, QMessageBox::Ok, window);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setObjectName(QStringLiteral("languageNoteBox"));
    box->open();
}
