#include "ui/traffic/TrafficActions.h"

#include "core/log/TrafficExporter.h"
#include "core/log/TrafficLog.h"
#include "core/net/Session.h"
#include "core/text/Escape.h"
#include "core/text/TextCodec.h"
#include "ui/traffic/TrafficFilterModel.h"
#include "ui/traffic/TrafficLogModel.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QDateTime>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QLocale>
#include <QMenu>
#include <QMessageBox>
#include <QTableView>
#include <QToolButton>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {

bool hasPayload(const TrafficEvent &e)
{
    return e.kind == TrafficEvent::Kind::Data || e.kind == TrafficEvent::Kind::Frame;
}

// Endpoints in file names: keep letters, digits, dots and dashes only.
QString fileNamePart(const QString &text)
{
    QString out;
    for (QChar c : text)
        out += (c.isLetterOrNumber() && c.unicode() < 0x80) || c == u'.' || c == u'-' ? c : u'_';
    return out;
}

} // namespace

TrafficActions::TrafficActions(QTableView *table, TrafficFilterModel *rows, TrafficLogModel *log,
                               QToolButton *exportButton, QWidget *view)
    : QObject(view)
    , m_view(view)
    , m_table(table)
    , m_rows(rows)
    , m_log(log)
{
    m_copyText = addCopyAction(tr("&Copy as text"), u"actionCopyText"_s, CopyFormat::Text, QKeySequence::Copy);
    m_copyText->setToolTip(tr("Copy the payloads of the selected rows decoded in the chosen encoding "
                              "(messages for other events)"));
    m_copyHex = addCopyAction(tr("Copy as &hex"), u"actionCopyHex"_s, CopyFormat::Hex);
    m_copyC = addCopyAction(tr("Copy as C &string"), u"actionCopyCLiteral"_s, CopyFormat::CLiteral);
    m_copyPython = addCopyAction(tr("Copy as &Python bytes"), u"actionCopyPythonLiteral"_s, CopyFormat::PythonLiteral);
    m_copyRows = addCopyAction(tr("Copy &rows"), u"actionCopyRows"_s, CopyFormat::Rows,
                               QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
    m_copyRows->setToolTip(tr("Copy the selected rows as they appear in the table, tab-separated"));

    m_selectAll = new QAction(tr("Select &all"), this);
    m_selectAll->setObjectName(u"actionSelectAll"_s);
    m_selectAll->setShortcut(QKeySequence::SelectAll);
    m_selectAll->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(m_selectAll, &QAction::triggered, m_table, &QTableView::selectAll);
    m_table->addAction(m_selectAll);

    auto *exportMenu = new QMenu(m_view);
    m_exportJson = exportMenu->addAction(tr("&JSON Lines…"), this, &TrafficActions::onExportJsonLines);
    m_exportJson->setObjectName(u"actionExportJsonLines"_s);
    m_exportText = exportMenu->addAction(tr("&Plain text…"), this, &TrafficActions::onExportPlainText);
    m_exportText->setObjectName(u"actionExportPlainText"_s);
    m_exportRaw = exportMenu->addAction(tr("&Received bytes of this connection…"), this,
                                        &TrafficActions::onExportRawReceived);
    m_exportRaw->setObjectName(u"actionExportRawReceived"_s);
    m_exportRaw->setToolTip(tr("Save the bytes the selected row's connection received, as they came"));
    exportMenu->setToolTipsVisible(true);
    exportButton->setMenu(exportMenu);

    connect(m_table, &QWidget::customContextMenuRequested, this, &TrafficActions::onContextMenu);
}

QAction *TrafficActions::addCopyAction(const QString &text, const QString &name, CopyFormat format,
                                       const QKeySequence &shortcut)
{
    auto *action = new QAction(text, this);
    action->setObjectName(name);
    action->setShortcut(shortcut);
    action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(action, &QAction::triggered, this, [this, format] { copySelection(format); });
    m_table->addAction(action);
    return action;
}

QString TrafficActions::encoding() const
{
    return m_log->encoding();
}

void TrafficActions::setExportsEnabled(bool enabled)
{
    m_exportJson->setEnabled(enabled);
    m_exportText->setEnabled(enabled);
}

void TrafficActions::setCurrentEvent(const std::optional<TrafficEvent> &event)
{
    m_exportRaw->setEnabled(event && event->connectionId != 0);
}

std::optional<QString> TrafficActions::eventAs(const TrafficEvent &e, CopyFormat format, const QString &encoding)
{
    const bool bytes = hasPayload(e);
    switch (format) {
    case CopyFormat::Text:
        return bytes ? TextCodec::decode(e.payload, encoding).text : e.message;
    case CopyFormat::Hex:
        return bytes ? std::optional(TextCodec::toHex(e.payload)) : std::nullopt;
    case CopyFormat::CLiteral:
        return bytes ? std::optional(Escape::bytes(e.payload, Escape::ByteStyle::CString)) : std::nullopt;
    case CopyFormat::PythonLiteral:
        return bytes ? std::optional(Escape::bytes(e.payload, Escape::ByteStyle::PythonBytes)) : std::nullopt;
    case CopyFormat::Rows:
        break;
    }
    return std::nullopt;
}

QString TrafficActions::selectionAs(CopyFormat format) const
{
    QModelIndexList rows = m_table->selectionModel()->selectedRows();
    std::sort(rows.begin(), rows.end(), [](const QModelIndex &a, const QModelIndex &b) { return a.row() < b.row(); });
    QStringList parts;
    parts.reserve(rows.size());
    for (const QModelIndex &index : std::as_const(rows)) {
        const std::optional<TrafficEvent> e = m_rows->eventAt(index.row());
        if (!e)
            continue;
        if (format == CopyFormat::Rows) {
            QStringList cells;
            for (int c = 0; c < TrafficLogModel::ColumnCount; ++c)
                cells << m_rows->index(index.row(), c).data(Qt::DisplayRole).toString();
            parts << cells.join(u'\t');
        } else if (const std::optional<QString> part = eventAs(*e, format, encoding())) {
            parts << *part;
        }
    }
    return parts.join(u'\n');
}

void TrafficActions::copySelection(CopyFormat format)
{
    if (!m_table->selectionModel()->hasSelection())
        return;
    QApplication::clipboard()->setText(selectionAs(format));
}

void TrafficActions::onContextMenu(const QPoint &pos)
{
    const bool any = m_table->selectionModel()->hasSelection();
    for (QAction *a : {m_copyText, m_copyHex, m_copyC, m_copyPython, m_copyRows})
        a->setEnabled(any);
    QMenu menu(m_view);
    menu.addAction(m_copyText);
    menu.addAction(m_copyHex);
    menu.addAction(m_copyC);
    menu.addAction(m_copyPython);
    menu.addAction(m_copyRows);
    menu.addSeparator();
    menu.addAction(m_selectAll);
    menu.addSeparator();
    menu.addAction(m_exportRaw);
    menu.exec(m_table->viewport()->mapToGlobal(pos));
    for (QAction *a : {m_copyText, m_copyHex, m_copyC, m_copyPython, m_copyRows})
        a->setEnabled(true);
}

QString TrafficActions::saveFileName(const QString &title, const QString &suggested, const QString &filter)
{
    return QFileDialog::getSaveFileName(m_view, title, QDir::home().filePath(suggested), filter, nullptr,
                                        QFileDialog::DontUseNativeDialog);
}

void TrafficActions::onExportJsonLines()
{
    exportLog(tr("Export traffic as JSON Lines"), u"jsonl"_s, tr("JSON Lines (*.jsonl);;All files (*)"),
              &TrafficExporter::writeJsonLines);
}

void TrafficActions::onExportPlainText()
{
    exportLog(tr("Export traffic as plain text"), u"txt"_s, tr("Text files (*.txt *.log);;All files (*)"),
              &TrafficExporter::writePlainText);
}

void TrafficActions::exportLog(const QString &title, const QString &suffix, const QString &filter, LogWriter write)
{
    Session *session = m_log->session();
    if (!session)
        return;
    const QString stamp = QDateTime::currentDateTime().toString(u"yyyyMMdd-HHmmss"_s);
    const QString path = saveFileName(title, u"traffic-%1.%2"_s.arg(stamp, suffix), filter);
    if (path.isEmpty())
        return;
    QString error;
    if (!write(*session->log(), encoding(), path, &error)) {
        QMessageBox::warning(m_view, tr("Export failed"), error);
        return;
    }
    emit notice(tr("saved %Ln event(s) to %1", nullptr, int(session->log()->size()))
                        .arg(QFileInfo(path).fileName()));
}

void TrafficActions::onExportRawReceived()
{
    const QModelIndex current = m_table->currentIndex();
    const std::optional<TrafficEvent> e = current.isValid() ? m_rows->eventAt(current.row()) : std::nullopt;
    Session *session = m_log->session();
    if (!session || !e || e->connectionId == 0) {
        QMessageBox::information(m_view, tr("Export received bytes"),
                                 tr("Select a row of the connection whose received bytes you want to save."));
        return;
    }
    const quint32 sessionId = e->sessionId;
    const quint32 connectionId = e->connectionId;
    const QString peer = e->peer.isNull() ? QString() : fileNamePart(e->peer.toString());
    const QString path = saveFileName(tr("Save the bytes connection #%1 received").arg(connectionId),
                                      u"received-%1-%2.bin"_s.arg(connectionId).arg(peer),
                                      tr("All files (*)"));
    if (path.isEmpty())
        return;
    QString error;
    quint64 written = 0;
    bool incomplete = false;
    if (!TrafficExporter::writeRawReceived(*session->log(), sessionId, connectionId, path, &error, &written,
                                           &incomplete)) {
        QMessageBox::warning(m_view, tr("Export failed"), error);
        return;
    }
    if (incomplete) {
        QMessageBox::information(
                m_view, tr("Received bytes saved"),
                tr("Saved %1 bytes to %2.\n\nThe log no longer holds the start of this connection "
                   "(it was cleared or its memory budget dropped older events), so the file is missing "
                   "what came first. Raise the budget or capture to a file to keep everything.")
                        .arg(QLocale().toString(written), QFileInfo(path).fileName()));
        return;
    }
    emit notice(tr("saved %1 received bytes to %2").arg(QLocale().toString(written), QFileInfo(path).fileName()));
}
