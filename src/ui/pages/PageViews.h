#pragma once

#include <QString>

class QTabWidget;

// A session page's views (its view tabs) by the names --view takes
// (CommandLine::viewNames()): "tcp-states" is the TCP states tab, …
class PageViews
{
public:
    // Shows the view `name` in `views`; false when the page has no such
    // view (a UDP tab has no tcp-states) or the name is not one.
    static bool show(QTabWidget *views, const QString &name);
};
