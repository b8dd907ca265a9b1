#pragma once

#include <QList>
#include <QString>
#include <QVariantList>

// One button of a tab's quick-send bar: the library payload it sends, by
// name (the library keeps names unique, and a rename in the library renames
// the buttons too), and its hotkey. Part of SessionSettings, so a tab's bar
// is saved and restored with the rest of what the tab does.
struct QuickSendButton
{
    // The hotkey as QKeySequence::PortableText ("Alt+Shift+F1"), or one of:
    //   ""      the default of the button's place: Alt+1 … Alt+9 for the first nine
    //   "none"  no hotkey
    QString entry;
    QString hotkey;

    static QString noHotkey() { return QStringLiteral("none"); }

    friend bool operator==(const QuickSendButton &, const QuickSendButton &) = default;

    // [{"entry": NAME, "key": HOTKEY}, …] for QSettings.
    static QVariantList toList(const QList<QuickSendButton> &buttons);
    // The good items of a saved list; each bad one is skipped and named in
    // *problems ("quickSend 2: the name is empty").
    static QList<QuickSendButton> fromList(const QVariant &value, QStringList *problems);
};
