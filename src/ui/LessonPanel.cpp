#include "LessonPanel.h"

#include "ui_LessonPanel.h"

LessonPanel::LessonPanel(QWidget *parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::LessonPanel>())
{
    m_ui->setupUi(this);
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
