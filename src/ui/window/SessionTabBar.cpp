#include "ui/window/SessionTabBar.h"

#include <QRegularExpression>
#include <QStyle>
#include <QStyleOptionTab>

SessionTabBar::SessionTabBar(QWidget *parent)
    : QTabBar(parent)
{
    setElideMode(Qt::ElideMiddle);
    setUsesScrollButtons(true);
}

int SessionTabBar::maximumTextWidth() const
{
    // Every title of a loopback endpoint fits whole; longer ones (names,
    // IPv6) are elided rather than let one tab take the room of three.
    return fontMetrics().horizontalAdvance(QStringLiteral("TCP client → 127.0.0.1:65535"));
}

int SessionTabBar::naturalWidth() const
{
    int width = 0;
    for (int i = 0; i < count(); ++i)
        width += tabSizeHint(i).width();
    return width;
}

QString SessionTabBar::shownText(int index) const
{
    QStyleOptionTab option;
    initStyleOption(&option, index);
    return option.text;
}

int SessionTabBar::minimumTextWidth() const
{
    // Squeezed for room, a tab still tells its kind and port apart from the
    // others; beyond that the bar scrolls (and the list button helps).
    return fontMetrics().horizontalAdvance(QStringLiteral("TCP server …:65535"));
}

QSize SessionTabBar::minimumTabSizeHint(int index) const
{
    QSize size = QTabBar::tabSizeHint(index);
    const int text = fontMetrics().size(Qt::TextShowMnemonic, tabText(index)).width();
    size.setWidth(qMin(size.width(), size.width() - text + minimumTextWidth()));
    return size;
}

QSize SessionTabBar::tabSizeHint(int index) const
{
    QSize size = QTabBar::tabSizeHint(index);
    // Padding, close button and icon stay; only the text's part is capped.
    const int text = fontMetrics().size(Qt::TextShowMnemonic, tabText(index)).width();
    size.setWidth(qMin(size.width(), size.width() - text + maximumTextWidth()));
    return size;
}

void SessionTabBar::initStyleOption(QStyleOptionTab *option, int tabIndex) const
{
    QTabBar::initStyleOption(option, tabIndex);
    const QString text = tabText(tabIndex);
    const QFontMetrics fm = fontMetrics();
    const int room = style()->subElementRect(QStyle::SE_TabBarTabText, option, this).width();
    if (elideMode() == Qt::ElideNone || fm.size(Qt::TextShowMnemonic, text).width() <= room)
        return;
    // The last ":digits" is the port: it stays whole; the address before it
    // and then the words after it ("(not connected)") give way.
    static const QRegularExpression port(QStringLiteral(":\\d{1,5}(?!.*:\\d)"));
    const QRegularExpressionMatch m = port.match(text);
    if (!m.hasMatch())
        return;
    const auto width = [&fm](const QString &s) { return fm.size(Qt::TextShowMnemonic, s).width(); };
    const QString head = text.left(m.capturedStart());
    const QString rest = text.mid(m.capturedEnd());
    const int left = room - width(m.captured());
    const int leastHead = width(QStringLiteral("TCP…"));
    if (left < leastHead)
        return;  // not even the start fits beside the port: the plain middle elision is better
    QString shownHead;
    QString shownRest = rest;
    if (left - width(rest) >= leastHead) {
        shownHead = fm.elidedText(head, Qt::ElideMiddle, left - width(rest), Qt::TextShowMnemonic);
    } else {
        shownHead = fm.elidedText(head, Qt::ElideMiddle, qMax(leastHead, left / 2), Qt::TextShowMnemonic);
        shownRest = fm.elidedText(rest, Qt::ElideRight, left - width(shownHead), Qt::TextShowMnemonic);
    }
    option->text = shownHead + m.captured() + shownRest;
}
