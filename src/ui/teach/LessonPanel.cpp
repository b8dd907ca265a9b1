#include "ui/teach/LessonPanel.h"

#include "ui_LessonPanel.h"

#include <QTextOption>

LessonPanel::LessonPanel(QWidget *parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::LessonPanel>())
{
    m_ui->setupUi(this);
    connect(m_ui->keepTabsButton, &QPushButton::clicked, this, &LessonPanel::keepTabsRequested);
    connect(m_ui->restartButton, &QPushButton::clicked, this, &LessonPanel::restartRequested);
    setTabsState(Tabs::Lesson);
    // Lines break between words only (a word is never split at the edge),
    // and the dock is never so narrow that a line holds a word or two.
    m_ui->textBrowser->setWordWrapMode(QTextOption::WordWrap);
    setMinimumWidth(fontMetrics().averageCharWidth() * 32);
}

LessonPanel::~LessonPanel() = default;

void LessonPanel::setExplanation(const QString &html)
{
    m_ui->textBrowser->setHtml(html);
}

QString LessonPanel::explanation() const
{
    return m_ui->textBrowser->toPlainText();
}

void LessonPanel::setTabsState(Tabs state)
{
    m_state = state;
    switch (state) {
    case Tabs::Lesson:
        m_ui->noticeLabel->clear();
        break;
    case Tabs::Kept:
        m_ui->noticeLabel->setText(tr("These tabs are kept: another lesson leaves them open, "
                                      "and they come back at the next start."));
        break;
    case Tabs::Closed:
        // The explanation names ports that nothing holds any more.
        m_ui->noticeLabel->setText(tr("The tabs of this lesson were closed."));
        break;
    }
    m_ui->noticeLabel->setVisible(state != Tabs::Lesson);
    m_ui->textBrowser->setVisible(state != Tabs::Closed);
    m_ui->keepTabsButton->setVisible(state == Tabs::Lesson);
    m_ui->restartButton->setVisible(state == Tabs::Closed);
}

QString LessonPanel::notice() const
{
    return m_ui->noticeLabel->text();
}
