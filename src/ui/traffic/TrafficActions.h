#pragma once

#include "core/log/TrafficEvent.h"

#include <QKeySequence>
#include <QObject>
#include <QString>

#include <optional>

class QAction;
class QPoint;
class QTableView;
class QToolButton;
class QWidget;
class TrafficFilterModel;
class TrafficLog;
class TrafficLogModel;

// What the traffic view lets the user take away: the selected rows copied
// in one of several formats (one place renders them all: eventAs() and
// selectionAs()), and the log saved to a file: all of it as JSON Lines or
// plain text, or the bytes one connection received. The copy actions and
// "Select all" sit on the table, so their shortcuts work there; the exports
// fill the export button's menu; the table's context menu offers both.
class TrafficActions : public QObject
{
    Q_OBJECT
public:
    enum class CopyFormat { Text, Hex, CLiteral, PythonLiteral, Rows };

    // `rows` is the model `table` shows, `log` its source (the session and
    // the encoding); dialogs open over `view`, which owns this.
    TrafficActions(QTableView *table, TrafficFilterModel *rows, TrafficLogModel *log, QToolButton *exportButton,
                   QWidget *view);

    // What a copy in `format` takes of one event: the payload decoded in
    // `encoding` or the message (Text), the payload as hex or as a C or
    // Python literal; nothing for an event without a payload in the byte
    // formats. Rows are the table's cells, which only selectionAs() knows.
    static std::optional<QString> eventAs(const TrafficEvent &event, CopyFormat format, const QString &encoding);
    // The selected rows rendered for the clipboard, one line each, in table
    // order (rows without a payload are left out of the byte formats).
    QString selectionAs(CopyFormat format) const;
    void copySelection(CopyFormat format);

    // Exporting the log needs a session.
    void setExportsEnabled(bool enabled);
    // Saving received bytes needs a current row of a connection.
    void setCurrentEvent(const std::optional<TrafficEvent> &event);

signals:
    // A passing message for the view's status line ("saved 12 events to …").
    void notice(const QString &text);

private:
    QAction *addCopyAction(const QString &text, const QString &name, CopyFormat format,
                           const QKeySequence &shortcut = {});
    void onContextMenu(const QPoint &pos);
    void onExportJsonLines();
    void onExportPlainText();
    // The whole log, written by `write` to a file the user names.
    using LogWriter = bool (*)(const TrafficLog &log, const QString &encoding, const QString &path, QString *error);
    void exportLog(const QString &title, const QString &suffix, const QString &filter, LogWriter write);
    void onExportRawReceived();
    QString saveFileName(const QString &title, const QString &suggested, const QString &filter);
    QString encoding() const;

    QWidget *m_view;
    QTableView *m_table;
    TrafficFilterModel *m_rows;
    TrafficLogModel *m_log;

    QAction *m_copyText = nullptr;
    QAction *m_copyHex = nullptr;
    QAction *m_copyC = nullptr;
    QAction *m_copyPython = nullptr;
    QAction *m_copyRows = nullptr;
    QAction *m_selectAll = nullptr;
    QAction *m_exportJson = nullptr;
    QAction *m_exportText = nullptr;
    QAction *m_exportRaw = nullptr;
};
