#include "LessonPanel.h"

#include "ui_LessonPanel.h"

#include <QTextOption>

LessonPanel::LessonPanel(QWidget *parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::LessonPanel>())
{
    m_ui->setupUi(this);
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
