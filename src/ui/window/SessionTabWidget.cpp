#include "ui/window/SessionTabWidget.h"

#include "ui/window/SessionTabBar.h"

#include <QAction>
#include <QKeyEvent>
#include <QLineEdit>
#include <QMenu>
#include <QToolButton>

namespace {
// Tab texts and menu entries read '&' as a mnemonic; a name is shown as typed.
QString literal(QString text)
{
    return text.replace(u'&', QStringLiteral("&&"));
}
} // namespace

SessionTabWidget::SessionTabWidget(QWidget *parent)
    : QTabWidget(parent)
    , m_bar(new SessionTabBar(this))
    , m_listButton(new QToolButton(this))
    , m_listMenu(new QMenu(this))
{
    setTabBar(m_bar);
    setElideMode(Qt::ElideMiddle);
    setUsesScrollButtons(true);
    m_bar->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_bar, &QWidget::customContextMenuRequested, this, [this](const QPoint &pos) {
        emit tabContextMenuRequested(m_bar->tabAt(pos), m_bar->mapToGlobal(pos));
    });
    connect(m_bar, &QTabBar::tabBarDoubleClicked, this, [this](int index) {
        if (index >= 0)
            startRename(index);
    });
    connect(m_bar, &QTabBar::tabMoved, this, &SessionTabWidget::updateTabList);
    connect(this, &QTabWidget::currentChanged, this, &SessionTabWidget::updateTabList);
    // The editor sits over its tab: once the tabs move or another is shown,
    // what was typed counts, as when the focus leaves it.
    connect(m_bar, &QTabBar::tabMoved, this, [this] { finishRename(true); });
    connect(this, &QTabWidget::currentChanged, this, [this] { finishRename(true); });

    m_listButton->setObjectName(QStringLiteral("tabListButton"));
    m_listButton->setArrowType(Qt::DownArrow);
    m_listButton->setAutoRaise(true);
    m_listButton->setPopupMode(QToolButton::InstantPopup);
    m_listButton->setMenu(m_listMenu);
    m_listButton->setToolTip(tr("All tabs"));
    m_listButton->setAccessibleName(tr("All tabs"));
    m_listMenu->setObjectName(QStringLiteral("tabListMenu"));
    setCornerWidget(m_listButton, Qt::TopRightCorner);
    m_listButton->hide();
}

SessionTabWidget::~SessionTabWidget() = default;

void SessionTabWidget::setAutomaticTitle(QWidget *page, const QString &title)
{
    m_titles[page].automatic = title;
    showTitles(page);
}

QString SessionTabWidget::automaticTitle(QWidget *page) const
{
    return m_titles.value(page).automatic;
}

void SessionTabWidget::setCustomTitle(QWidget *page, const QString &name)
{
    m_titles[page].custom = name.trimmed();
    showTitles(page);
}

QString SessionTabWidget::customTitle(QWidget *page) const
{
    return m_titles.value(page).custom;
}

void SessionTabWidget::setTitleNote(QWidget *page, const QString &note)
{
    m_titles[page].note = note;
    showTitles(page);
}

void SessionTabWidget::showTitles(QWidget *page)
{
    const int i = indexOf(page);
    if (i < 0)
        return;
    const Titles &t = m_titles[page];
    setTabText(i, literal(t.custom.isEmpty() ? t.automatic : t.custom));
    QStringList tip;
    if (!t.custom.isEmpty())
        tip << t.custom;
    tip << t.automatic;
    if (!t.note.isEmpty())
        tip << t.note;
    setTabToolTip(i, tip.join(u'\n'));
    updateTabList();
}

QLineEdit *SessionTabWidget::startRename(int index)
{
    QWidget *page = widget(index);
    if (!page)
        return nullptr;
    finishRename(true);
    const Titles &t = m_titles[page];
    m_renamedPage = page;
    m_renameEdit = new QLineEdit(m_bar);
    m_renameEdit->setObjectName(QStringLiteral("tabRenameEdit"));
    m_renameEdit->setAccessibleName(tr("Tab name"));
    m_renameEdit->setPlaceholderText(t.automatic);
    m_renameEdit->setToolTip(tr("Enter keeps the name, Escape leaves it as it was; "
                                "an empty name gives the automatic title back"));
    m_renameEdit->setText(t.custom.isEmpty() ? t.automatic : t.custom);
    m_renameEdit->selectAll();
    // Wide enough to type in even when the tab is narrow.
    QRect r = m_bar->tabRect(index);
    r.setWidth(qMax(r.width(), m_bar->maximumTextWidth()));
    m_renameEdit->setGeometry(r);
    m_renameEdit->installEventFilter(this);
    connect(m_renameEdit, &QLineEdit::editingFinished, this, [this] { finishRename(true); });
    m_renameEdit->show();
    m_renameEdit->setFocus(Qt::OtherFocusReason);
    return m_renameEdit;
}

void SessionTabWidget::finishRename(bool keep)
{
    if (!m_renameEdit)
        return;
    // Taken first: hiding the editor moves the focus, which finishes again.
    QLineEdit *edit = m_renameEdit;
    m_renameEdit = nullptr;
    QWidget *page = m_renamedPage;
    m_renamedPage = nullptr;
    edit->removeEventFilter(this);
    edit->hide();
    edit->deleteLater();
    if (!keep || !page || indexOf(page) < 0)
        return;
    QString name = edit->text().trimmed();
    if (name == m_titles.value(page).automatic)
        name.clear();  // not a name of the user's: it would stop following the endpoints
    if (name == m_titles.value(page).custom)
        return;
    setCustomTitle(page, name);
    emit tabRenamed(page);
}

bool SessionTabWidget::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_renameEdit && event->type() == QEvent::KeyPress
        && static_cast<QKeyEvent *>(event)->key() == Qt::Key_Escape) {
        finishRename(false);
        return true;
    }
    return QTabWidget::eventFilter(watched, event);
}

void SessionTabWidget::selectNeighbour(int step)
{
    const int n = count();
    if (n > 0)
        setCurrentIndex(((currentIndex() + step) % n + n) % n);
}

void SessionTabWidget::tabInserted(int index)
{
    QTabWidget::tabInserted(index);
    updateTabList();
    emit tabCountChanged(count());
}

void SessionTabWidget::tabRemoved(int index)
{
    QTabWidget::tabRemoved(index);
    // The page is gone from the tabs already: forget whatever is not a tab.
    for (auto it = m_titles.begin(); it != m_titles.end();) {
        if (indexOf(it.key()) < 0)
            it = m_titles.erase(it);
        else
            ++it;
    }
    if (m_renamedPage && indexOf(m_renamedPage) < 0)
        finishRename(false);
    updateTabList();
    emit tabCountChanged(count());
}

void SessionTabWidget::resizeEvent(QResizeEvent *event)
{
    QTabWidget::resizeEvent(event);
    updateTabList();
}

void SessionTabWidget::updateTabList()
{
    // Later, not now: this runs when an entry of the menu switched tabs,
    // while that entry is still announcing it.
    const QList<QAction *> old = m_listMenu->actions();
    for (QAction *action : old) {
        m_listMenu->removeAction(action);
        action->deleteLater();
    }
    for (int i = 0; i < count(); ++i) {
        QAction *action = m_listMenu->addAction(tabText(i));
        action->setToolTip(tabToolTip(i));
        action->setCheckable(true);
        action->setChecked(i == currentIndex());
        connect(action, &QAction::triggered, this, [this, page = QPointer<QWidget>(widget(i))] {
            if (page)
                setCurrentWidget(page);
        });
    }
    // Measured against the room left with the button shown, so showing it
    // cannot make the tabs fit and hide it again.
    const bool overflow = count() > 1 && m_bar->naturalWidth() > width() - m_listButton->sizeHint().width();
    if (overflow == m_listButton->isHidden())
        m_listButton->setVisible(overflow);
}
