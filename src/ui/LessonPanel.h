#pragma once

#include <QWidget>

#include <memory>

namespace Ui {
class LessonPanel;
}

// Shows the explanation of the lesson that was set up last.
class LessonPanel : public QWidget
{
    Q_OBJECT
public:
    explicit LessonPanel(QWidget *parent = nullptr);
    ~LessonPanel() override;

    void setExplanation(const QString &html);
    QString explanation() const;

private:
    std::unique_ptr<Ui::LessonPanel> m_ui;
};
