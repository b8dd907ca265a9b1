#pragma once

#include <QWidget>

#include <memory>

namespace Ui {
class LessonPanel;
}

// Shows the explanation of the lesson that was set up last, and what became
// of its tabs: still the lesson's (the next lesson replaces them, they are
// not restored), kept as ordinary tabs, or all closed.
class LessonPanel : public QWidget
{
    Q_OBJECT
public:
    enum class Tabs { Lesson, Kept, Closed };

    explicit LessonPanel(QWidget *parent = nullptr);
    ~LessonPanel() override;

    void setExplanation(const QString &html);
    QString explanation() const;
    void setTabsState(Tabs state);
    Tabs tabsState() const { return m_state; }
    // What the panel says about the tabs (empty while they are the lesson's).
    QString notice() const;

signals:
    void keepTabsRequested();
    void restartRequested();

private:
    std::unique_ptr<Ui::LessonPanel> m_ui;
    Tabs m_state = Tabs::Lesson;
};
