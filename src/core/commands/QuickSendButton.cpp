#include "core/commands/QuickSendButton.h"

#include "core/commands/PayloadEntry.h"

#include <QVariantMap>

using namespace Qt::StringLiterals;

QVariantList QuickSendButton::toList(const QList<QuickSendButton> &buttons)
{
    QVariantList list;
    for (const QuickSendButton &button : buttons)
        list.append(QVariantMap {{u"entry"_s, button.entry}, {u"key"_s, button.hotkey}});
    return list;
}

QList<QuickSendButton> QuickSendButton::fromList(const QVariant &value, QStringList *problems)
{
    QList<QuickSendButton> buttons;
    const auto problem = [problems](qsizetype index, const QString &why) {
        if (problems)
            problems->append(u"quickSend %1: %2"_s.arg(index + 1).arg(why));
    };
    if (value.typeId() != QMetaType::QVariantList && value.typeId() != QMetaType::QStringList) {
        if (problems)
            problems->append(u"quickSend: not a list"_s);
        return buttons;
    }
    const QVariantList list = value.toList();
    for (qsizetype i = 0; i < list.size(); ++i) {
        if (list.at(i).typeId() != QMetaType::QVariantMap) {
            problem(i, u"not a button"_s);
            continue;
        }
        const QVariantMap item = list.at(i).toMap();
        QuickSendButton button {item.value(u"entry"_s).toString(), item.value(u"key"_s).toString()};
        const QString bad = PayloadEntry::checkName(button.entry);
        if (!bad.isEmpty()) {
            problem(i, bad);
            continue;
        }
        buttons.append(button);
    }
    return buttons;
}
