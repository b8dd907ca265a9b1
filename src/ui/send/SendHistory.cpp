#include "ui/send/SendHistory.h"

#include <QMenu>
#include <QSettings>

using namespace Qt::StringLiterals;

namespace {
const QString kHistoryKey = u"send/history"_s;

QString modeName(PayloadParser::Mode mode)
{
    return mode == PayloadParser::Mode::Hex ? u"hex"_s : u"text"_s;
}
} // namespace

SendHistory::SendHistory(QMenu *menu, QObject *parent)
    : QObject(parent)
    , m_menu(menu)
{
    if (m_menu) {
        connect(m_menu, &QMenu::aboutToShow, this, &SendHistory::onMenuAboutToShow);
        connect(m_menu, &QMenu::triggered, this, &SendHistory::onActionTriggered);
    }
    load();
    rebuildMenu();
}

QString SendHistory::menuLabel(const Entry &entry)
{
    QString shown = entry.text.left(60);
    shown.replace(u'\n', u'\u23CE');
    shown.replace(u'\t', u'\u2192');
    shown.replace(u'&', u"&&"_s);
    if (entry.text.size() > 60)
        shown += u'\u2026';
    return entry.mode == PayloadParser::Mode::Hex ? tr("[hex] %1").arg(shown) : tr("[text] %1").arg(shown);
}

void SendHistory::load()
{
    m_entries.clear();
    const QVariantList stored = QSettings().value(kHistoryKey).toList();
    for (const QVariant &item : stored) {
        const QVariantMap map = item.toMap();
        Entry entry;
        entry.text = map.value(u"text"_s).toString();
        if (entry.text.isEmpty() || !PayloadParser::modeFromName(map.value(u"mode"_s).toString(), &entry.mode))
            continue;
        if (!m_entries.contains(entry))
            m_entries.append(entry);
        if (m_entries.size() >= kSize)
            break;
    }
}

void SendHistory::save() const
{
    QVariantList list;
    for (const Entry &entry : m_entries)
        list.append(QVariantMap{{u"mode"_s, modeName(entry.mode)}, {u"text"_s, entry.text}});
    QSettings().setValue(kHistoryKey, list);
}

void SendHistory::add(const QString &text, PayloadParser::Mode mode)
{
    if (text.isEmpty() || text.size() > kMaxChars)
        return;
    // Other panels may have added entries since this one last looked.
    load();
    const Entry entry{text, mode};
    m_entries.removeAll(entry);
    m_entries.prepend(entry);
    while (m_entries.size() > kSize)
        m_entries.removeLast();
    save();
    rebuildMenu();
}

void SendHistory::clear()
{
    m_entries.clear();
    QSettings().remove(kHistoryKey);
    rebuildMenu();
}

void SendHistory::retranslate()
{
    rebuildMenu();
}

void SendHistory::onMenuAboutToShow()
{
    load();
    rebuildMenu();
}

void SendHistory::rebuildMenu()
{
    if (!m_menu)
        return;
    m_menu->clear();
    if (m_entries.isEmpty()) {
        QAction *none = m_menu->addAction(tr("No payloads sent yet"));
        none->setEnabled(false);
        return;
    }
    for (int i = 0; i < m_entries.size(); ++i) {
        QAction *action = m_menu->addAction(menuLabel(m_entries.at(i)));
        action->setData(i);
        action->setToolTip(m_entries.at(i).text.left(500));
    }
    m_menu->addSeparator();
    QAction *clearAction = m_menu->addAction(tr("Clear History"));
    clearAction->setData(-1);
}

void SendHistory::onActionTriggered(QAction *action)
{
    bool ok = false;
    const int index = action->data().toInt(&ok);
    if (!ok)
        return;
    if (index < 0)
        clear();
    else if (index < m_entries.size())
        emit recalled(m_entries.at(index));
}
