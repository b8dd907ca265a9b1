#include "ui/pages/PageViews.h"

#include <QHash>
#include <QTabWidget>

bool PageViews::show(QTabWidget *views, const QString &name)
{
    // The object name of each view; a view in a scroll area is the area's
    // one widget, and the area is named after it ("…Scroll").
    static const QHash<QString, QString> objectNames = {
        {QStringLiteral("traffic"), QStringLiteral("TrafficView")},
        {QStringLiteral("lifecycle"), QStringLiteral("lifecycleView")},
        {QStringLiteral("sequence"), QStringLiteral("sequenceDiagram")},
        {QStringLiteral("stream"), QStringLiteral("streamView")},
        {QStringLiteral("tcp-states"), QStringLiteral("tcpStateView")},
        {QStringLiteral("statistics"), QStringLiteral("statsPanel")},
        {QStringLiteral("sequences"), QStringLiteral("sequencePanel")},
        {QStringLiteral("rules"), QStringLiteral("rulesEditor")},
    };
    const QString wanted = objectNames.value(name);
    if (!views || wanted.isEmpty())
        return false;
    for (int i = 0; i < views->count(); ++i) {
        const QString tab = views->widget(i)->objectName();
        if (tab == wanted || tab == wanted + QStringLiteral("Scroll")) {
            views->setCurrentIndex(i);
            return true;
        }
    }
    return false;
}
