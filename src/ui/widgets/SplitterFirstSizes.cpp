#include "ui/widgets/SplitterFirstSizes.h"

#include <QEvent>
#include <QSplitter>

SplitterFirstSizes::SplitterFirstSizes(QSplitter *splitter, std::function<int(int length)> secondPane)
    : QObject(splitter)
    , m_splitter(splitter)
    , m_secondPane(std::move(secondPane))
{
    splitter->installEventFilter(this);
    connect(splitter, &QSplitter::splitterMoved, this, &SplitterFirstSizes::stop);
    apply();
    m_applied = splitter->sizes();
}

bool SplitterFirstSizes::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_splitter && (event->type() == QEvent::Resize || event->type() == QEvent::Show)) {
        // The window's layout may show the splitter at its size hint and
        // only then give it its size: the sizes follow until someone else
        // sets them (a saved layout restored, the side panel's button).
        if (m_splitter->sizes() == m_applied)
            apply();
        else
            stop();
    }
    return QObject::eventFilter(watched, event);
}

void SplitterFirstSizes::apply()
{
    if (m_splitter->count() != 2)
        return;
    const bool horizontal = m_splitter->orientation() == Qt::Horizontal;
    const int length = (horizontal ? m_splitter->contentsRect().width() : m_splitter->contentsRect().height())
            - m_splitter->handleWidth();
    if (length <= 0)
        return;
    const int second = qBound(0, m_secondPane(length), length);
    m_splitter->setSizes({length - second, second});
    m_applied = m_splitter->sizes();
}

void SplitterFirstSizes::stop()
{
    // From now on the user's drags and the stretch factors decide.
    m_splitter->removeEventFilter(this);
    deleteLater();
}
