#include "ui/window/EmptyView.h"

#include "ui_EmptyView.h"

#include <QAction>
#include <QMenu>

EmptyView::EmptyView(QWidget *parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::EmptyView>())
{
    m_ui->setupUi(this);
    QFont heading = m_ui->headingLabel->font();
    heading.setPointSizeF(heading.pointSizeF() * 1.4);
    heading.setBold(true);
    m_ui->headingLabel->setFont(heading);
    // The hint wraps at a readable width instead of widening the window,
    // and keeps the height its lines need there (the layouts above would
    // not ask a wrapped label for it).
    const int width = 48 * fontMetrics().averageCharWidth();
    m_ui->hintLabel->setFixedWidth(width);
    m_ui->hintLabel->setMinimumHeight(m_ui->hintLabel->heightForWidth(width));
}

EmptyView::~EmptyView() = default;

void EmptyView::setActions(QAction *newTcpServer, QAction *newTcpClient, QAction *newUdp, QMenu *lessons)
{
    const QList<QPair<QPushButton *, QAction *>> buttons{{m_ui->newTcpServerButton, newTcpServer},
                                                         {m_ui->newTcpClientButton, newTcpClient},
                                                         {m_ui->newUdpButton, newUdp}};
    for (const auto &[button, action] : buttons) {
        // Without the menu's mnemonic: Alt+S would then be both this button
        // and the Session menu, and do neither.
        QString text = action->text();
        text.replace(QStringLiteral("&&"), QStringLiteral("\x01")).remove(u'&').replace(u'\x01', QStringLiteral("&&"));
        button->setText(text);
        button->setToolTip(action->toolTip());
        connect(button, &QPushButton::clicked, action, &QAction::trigger);
    }
    m_ui->lessonsButton->setMenu(lessons);
}

QPushButton *EmptyView::lessonsButton() const
{
    return m_ui->lessonsButton;
}
