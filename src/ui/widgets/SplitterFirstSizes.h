#pragma once

#include <QList>
#include <QObject>

#include <functional>

class QSplitter;

// First-run sizes of a two-pane splitter whose second pane has a size of its
// own (a side panel's width, a send area's or a detail pane's height) while
// the first pane takes the rest. QSplitter would scale sizes set before the
// window is shown to whatever size the window gets; these are worked out
// again from the splitter's length each time it is resized, until someone
// else sets the sizes: the user drags the handle, a saved layout is
// restored (QSplitter::restoreState), a button hides a pane. Give the first
// pane the stretch and the second none, so from then on a resized window
// keeps the second pane's size as the user left it.
class SplitterFirstSizes : public QObject
{
    Q_OBJECT
public:
    // `secondPane(length)`: the second pane's size for the splitter's length.
    SplitterFirstSizes(QSplitter *splitter, std::function<int(int length)> secondPane);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void apply();
    void stop();

    QSplitter *m_splitter;
    std::function<int(int)> m_secondPane;
    QList<int> m_applied;
};
