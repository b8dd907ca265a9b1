#include "ui/traffic/HexDumpView.h"

#include "core/text/TextCodec.h"
#include "ui/traffic/TrafficLogModel.h"
#include "ui/widgets/ViewportToolTip.h"

#include <QApplication>
#include <QClipboard>
#include <QContextMenuEvent>
#include <QDateTime>
#include <QElapsedTimer>
#include <QFontDatabase>
#include <QKeyEvent>
#include <QMenu>
#include <QPainter>
#include <QScrollBar>

using namespace Qt::StringLiterals;

using Cell = CharacterMap::Cell;

constexpr char16_t kPlaceholder = CharacterMap::kPlaceholder;

HexDumpView::HexDumpView(QWidget *parent)
    : QAbstractScrollArea(parent)
{
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    setFocusPolicy(Qt::StrongFocus);
    setAccessibleName(tr("Payload dump"));
    setAccessibleDescription(tr("Offset, hex and text of the selected event's payload; "
                                "bytes invalid in the chosen encoding are marked"));
    setToolTip(QString());
    viewport()->setBackgroundRole(QPalette::Base);
    viewport()->setAutoFillBackground(true);
    m_background.setSingleShot(true);
    m_background.setInterval(0);
    connect(&m_background, &QTimer::timeout, this, &HexDumpView::computeInBackground);
    updateMetrics();
}

HexDumpView::~HexDumpView() = default;

void HexDumpView::setEncoding(const QString &encoding)
{
    const QString canonical = TextCodec::canonicalName(encoding);
    if (canonical.isEmpty() || canonical == m_encoding)
        return;
    m_encoding = canonical;
    resetPayloadState();
    viewport()->update();
}

void HexDumpView::setTrafficEvent(const TrafficEvent &e)
{
    if (e.kind == TrafficEvent::Kind::Data || e.kind == TrafficEvent::Kind::Frame) {
        setPayload(e.payload);
        return;
    }
    QStringList lines;
    // The event's name as the table shows it, in the window's language (the
    // log's own name, kindName(), is for scripts and stays English).
    lines << tr("%1 at %2").arg(TrafficLogModel::kindLabel(e),
                                QDateTime::fromMSecsSinceEpoch(e.timeUs / 1000).toString(u"yyyy-MM-dd HH:mm:ss.zzz"_s));
    if (!e.local.isNull())
        lines << tr("Local: %1").arg(e.local.toString());
    if (!e.peer.isNull())
        lines << tr("Peer:  %1").arg(e.peer.toString());
    if (e.connectionId)
        lines << tr("Connection #%1").arg(e.connectionId);
    if (!e.message.isEmpty()) {
        lines << QString();
        lines << e.message.split(u'\n');
    }
    setInfoLines(lines);
}

void HexDumpView::setPayload(const QByteArray &bytes)
{
    m_mode = Mode::Payload;
    m_bytes = bytes;
    m_info.clear();
    showFromTop();
}

void HexDumpView::setInfoLines(const QStringList &lines)
{
    m_mode = Mode::Info;
    m_bytes.clear();
    m_info = lines;
    showFromTop();
}

// After new contents: no cursor, measured anew, shown from the top.
void HexDumpView::showFromTop()
{
    m_cursor = -1;
    resetPayloadState();
    updateMetrics();
    verticalScrollBar()->setValue(0);
    horizontalScrollBar()->setValue(0);
    viewport()->update();
}

void HexDumpView::clear()
{
    m_mode = Mode::Empty;
    m_bytes.clear();
    m_info.clear();
    m_cursor = -1;
    resetPayloadState();
    updateMetrics();
    viewport()->update();
}

void HexDumpView::resetPayloadState()
{
    m_chars.reset(m_bytes, m_encoding);
    if (m_bytes.isEmpty())
        m_background.stop();
    else
        m_background.start();
}

void HexDumpView::computeInBackground()
{
    QElapsedTimer slice;
    slice.start();
    while (!m_chars.isComplete() && slice.elapsed() < 8)
        m_chars.computeSegment();
    if (!m_chars.isComplete())
        m_background.start();
}

QList<qsizetype> HexDumpView::invalidOffsets() const
{
    m_chars.ensureComputed(m_bytes.size());
    return m_chars.invalidOffsets();
}

bool HexDumpView::isInvalidByte(qsizetype offset) const
{
    if (offset < 0 || offset >= m_bytes.size())
        return false;
    m_chars.ensureComputed(offset + 1);
    return m_chars.cellAt(offset).isInvalid();
}

QString HexDumpView::textCell(qsizetype offset) const
{
    if (offset < 0 || offset >= m_bytes.size())
        return {};
    m_chars.ensureComputed(offset + 1);
    return CharacterMap::glyph(m_chars.cellAt(offset));
}

void HexDumpView::updateMetrics()
{
    const QFontMetrics fm(font());
    m_charWidth = qMax(1, fm.horizontalAdvance(u'0'));
    m_lineHeight = fm.height() + 2;
    m_ascent = fm.ascent() + 1;
    m_margin = m_charWidth;
    m_offsetDigits = m_bytes.size() > 0xffffffffLL ? 12 : 8;
    m_hexX = m_margin + (m_offsetDigits + 2) * m_charWidth;
    m_textX = m_hexX + (kBytesPerLine * 3 + 2) * m_charWidth;
    if (m_mode == Mode::Info) {
        int widest = 0;
        for (const QString &line : std::as_const(m_info))
            widest = qMax(widest, fm.horizontalAdvance(line));
        m_contentWidth = widest + 2 * m_margin;
    } else {
        m_contentWidth = m_textX + (kBytesPerLine + 2) * m_charWidth + m_margin;
    }
    updateScrollBars();
}

qsizetype HexDumpView::lineCount() const
{
    if (m_mode == Mode::Info)
        return m_info.size();
    if (m_mode == Mode::Payload)
        return (m_bytes.size() + kBytesPerLine - 1) / kBytesPerLine;
    return 0;
}

void HexDumpView::updateScrollBars()
{
    const int header = m_mode == Mode::Payload ? m_lineHeight + 4 : m_margin / 2;
    const int visible = qMax(1, (viewport()->height() - header) / m_lineHeight);
    const qsizetype lines = lineCount();
    verticalScrollBar()->setRange(0, int(qMin<qsizetype>(INT_MAX, qMax<qsizetype>(0, lines - visible))));
    verticalScrollBar()->setPageStep(visible);
    verticalScrollBar()->setSingleStep(1);
    horizontalScrollBar()->setRange(0, qMax(0, m_contentWidth - viewport()->width()));
    horizontalScrollBar()->setPageStep(viewport()->width());
    horizontalScrollBar()->setSingleStep(m_charWidth * 2);
}

QRect HexDumpView::hexCellRect(qsizetype offset) const
{
    const qsizetype line = offset / kBytesPerLine;
    const int col = int(offset % kBytesPerLine);
    const int y = m_lineHeight + 4 + int(line - verticalScrollBar()->value()) * m_lineHeight;
    const int x = m_hexX + col * 3 * m_charWidth + (col >= kBytesPerLine / 2 ? m_charWidth : 0)
            - horizontalScrollBar()->value();
    return QRect(x - m_charWidth / 2, y, 3 * m_charWidth, m_lineHeight);
}

QRect HexDumpView::textCellRect(qsizetype offset) const
{
    const qsizetype line = offset / kBytesPerLine;
    const int col = int(offset % kBytesPerLine);
    const int y = m_lineHeight + 4 + int(line - verticalScrollBar()->value()) * m_lineHeight;
    const int x = m_textX + col * m_charWidth - horizontalScrollBar()->value();
    return QRect(x, y, m_charWidth, m_lineHeight);
}

qsizetype HexDumpView::offsetAt(const QPoint &pos) const
{
    if (m_mode != Mode::Payload || m_bytes.isEmpty())
        return -1;
    const int top = m_lineHeight + 4;
    if (pos.y() < top)
        return -1;
    const qsizetype line = verticalScrollBar()->value() + (pos.y() - top) / m_lineHeight;
    const int x = pos.x() + horizontalScrollBar()->value();
    int col = -1;
    if (x >= m_textX && x < m_textX + kBytesPerLine * m_charWidth) {
        col = (x - m_textX) / m_charWidth;
    } else if (x >= m_hexX - m_charWidth / 2 && x < m_textX - m_charWidth) {
        int rel = x - (m_hexX - m_charWidth / 2);
        if (rel >= (kBytesPerLine / 2) * 3 * m_charWidth + m_charWidth)
            rel -= m_charWidth;
        col = qMin(kBytesPerLine - 1, rel / (3 * m_charWidth));
    }
    if (col < 0)
        return -1;
    const qsizetype offset = line * kBytesPerLine + col;
    return offset < m_bytes.size() ? offset : -1;
}

void HexDumpView::scrollToOffset(qsizetype offset)
{
    const qsizetype line = offset / kBytesPerLine;
    QScrollBar *bar = verticalScrollBar();
    if (line < bar->value() || line >= bar->value() + bar->pageStep())
        bar->setValue(int(qMax<qsizetype>(0, line - bar->pageStep() / 2)));
}

void HexDumpView::paintEvent(QPaintEvent *)
{
    QPainter p(viewport());
    const QPalette pal = palette();
    const QColor textColor = pal.color(QPalette::Text);
    const QColor dimColor = pal.color(QPalette::PlaceholderText);
    const int hs = horizontalScrollBar()->value();
    const int first = verticalScrollBar()->value();
    p.setFont(font());

    if (m_mode == Mode::Empty) {
        p.setPen(dimColor);
        p.drawText(viewport()->rect().adjusted(m_margin, m_margin, -m_margin, -m_margin),
                   Qt::AlignCenter | Qt::TextWordWrap, tr("Select an event to see its bytes."));
        return;
    }
    if (m_mode == Mode::Info) {
        p.setPen(textColor);
        int y = m_margin / 2;
        for (qsizetype i = first; i < m_info.size() && y < viewport()->height(); ++i, y += m_lineHeight)
            p.drawText(m_margin - hs, y + m_ascent, m_info.at(i));
        return;
    }

    // Header: column numbers, so a byte's offset reads off the grid.
    const int header = m_lineHeight + 4;
    p.setPen(dimColor);
    p.drawText(m_margin - hs, m_ascent + 1, tr("Offset"));
    for (int col = 0; col < kBytesPerLine; ++col) {
        const int x = m_hexX + col * 3 * m_charWidth + (col >= kBytesPerLine / 2 ? m_charWidth : 0) - hs;
        p.drawText(x, m_ascent + 1, QStringLiteral("%1").arg(col, 2, 16, QLatin1Char('0')));
    }
    p.drawText(m_textX - hs, m_ascent + 1, m_encoding);
    p.setPen(pal.color(QPalette::Mid));
    p.drawLine(0, header - 2, viewport()->width(), header - 2);
    const int sepHex = m_hexX - m_charWidth - hs;
    const int sepText = m_textX - m_charWidth - hs;
    p.drawLine(sepHex, 0, sepHex, viewport()->height());
    p.drawLine(sepText, 0, sepText, viewport()->height());

    const qsizetype lines = lineCount();
    const int visible = (viewport()->height() - header) / m_lineHeight + 1;
    const qsizetype lastLine = qMin<qsizetype>(lines, first + visible);
    m_chars.ensureComputed(lastLine * kBytesPerLine);

    const QColor invalidFill(220, 40, 40, 110);   // readable under light and dark text
    const QColor highlight = pal.color(QPalette::Highlight);
    const QColor highlightText = pal.color(QPalette::HighlightedText);
    qsizetype selStart = -1;
    qsizetype selEnd = -1;
    if (m_cursor >= 0 && m_cursor < m_bytes.size()) {
        selStart = m_chars.charStart(m_cursor);
        selEnd = selStart + m_chars.charLength(selStart);
    }

    p.setClipRect(QRect(0, header - 1, viewport()->width(), viewport()->height()));
    for (qsizetype line = first; line < lastLine; ++line) {
        const int y = header + int(line - first) * m_lineHeight;
        const qsizetype lineStart = line * kBytesPerLine;
        p.setPen(dimColor);
        p.drawText(m_margin - hs, y + m_ascent,
                   QStringLiteral("%1").arg(lineStart, m_offsetDigits, 16, QLatin1Char('0')));
        const int count = int(qMin<qsizetype>(kBytesPerLine, m_bytes.size() - lineStart));
        for (int col = 0; col < count; ++col) {
            const qsizetype offset = lineStart + col;
            const Cell cell = m_chars.cellAt(offset);
            const bool selected = offset >= selStart && offset < selEnd;
            const QRect hexRect = hexCellRect(offset);
            const QRect textRect = textCellRect(offset);
            if (selected) {
                p.fillRect(hexRect, highlight);
                p.fillRect(textRect, highlight);
            } else if (cell.isInvalid()) {
                p.fillRect(hexRect, invalidFill);
                p.fillRect(textRect, invalidFill);
            }
            const uchar byte = uchar(m_bytes.at(offset));
            static constexpr char digits[] = "0123456789abcdef";
            const QChar pair[2] = {QLatin1Char(digits[byte >> 4]), QLatin1Char(digits[byte & 0xf])};
            p.setPen(selected ? highlightText : textColor);
            p.drawText(hexRect.x() + m_charWidth / 2, y + m_ascent, QString(pair, 2));
        }
        // Text cells after the hex so a wide glyph is not painted over by
        // the next cell's background. A character gets the cells of its
        // bytes: a glyph wider than that (a fallback font's �) is squeezed
        // in, and cells its glyph leaves free get the placeholder.
        const QFontMetrics fm(font());
        for (int col = 0; col < count;) {
            const qsizetype offset = lineStart + col;
            const Cell cell = m_chars.cellAt(offset);
            const bool selected = offset >= selStart && offset < selEnd;
            const int x = textCellRect(offset).x();
            if (cell.isContinuation()) {
                // The rest of a character that started on the line above.
                p.setPen(selected ? highlightText : dimColor);
                p.drawText(x, y + m_ascent, QString(QChar(kPlaceholder)));
                ++col;
                continue;
            }
            int length = 1;
            while (col + length < count && m_chars.cellAt(offset + length).isContinuation())
                ++length;
            const QString g = CharacterMap::glyph(cell);
            const int room = length * m_charWidth;
            const int advance = fm.horizontalAdvance(g);
            const bool dim = CharacterMap::isDim(cell);
            p.setPen(selected ? highlightText : (dim ? dimColor : textColor));
            if (advance > room) {
                p.save();
                p.translate(x, 0);
                p.scale(qreal(room) / advance, 1.0);
                p.drawText(0, y + m_ascent, g);
                p.restore();
            } else {
                p.drawText(x, y + m_ascent, g);
            }
            const int covered = qMax(1, (qMin(advance, room) + m_charWidth - 1) / m_charWidth);
            p.setPen(selected ? highlightText : dimColor);
            for (int k = covered; k < length; ++k)
                p.drawText(x + k * m_charWidth, y + m_ascent, QString(QChar(kPlaceholder)));
            col += length;
        }
    }
}

QString HexDumpView::dumpText(qsizetype firstLine, qsizetype count) const
{
    if (m_mode == Mode::Info)
        return m_info.mid(firstLine, count < 0 ? -1 : count).join(u'\n');
    if (m_mode != Mode::Payload)
        return {};
    const qsizetype lines = lineCount();
    const qsizetype last = count < 0 ? lines : qMin(lines, firstLine + count);
    m_chars.ensureComputed(last * kBytesPerLine);
    QString out;
    for (qsizetype line = firstLine; line < last; ++line) {
        const qsizetype lineStart = line * kBytesPerLine;
        const int n = int(qMin<qsizetype>(kBytesPerLine, m_bytes.size() - lineStart));
        out += QStringLiteral("%1  ").arg(lineStart, m_offsetDigits, 16, QLatin1Char('0'));
        QString hex;
        QString text;
        for (int col = 0; col < kBytesPerLine; ++col) {
            if (col == kBytesPerLine / 2)
                hex += u' ';
            if (col < n) {
                hex += TextCodec::toHex(QByteArrayView(m_bytes).sliced(lineStart + col, 1)) + u' ';
                text += CharacterMap::glyph(m_chars.cellAt(lineStart + col));
            } else {
                hex += u"   "_s;
            }
        }
        out += hex + u' ' + text + u'\n';
    }
    return out;
}

QString HexDumpView::byteToolTip(qsizetype offset) const
{
    const qsizetype start = m_chars.charStart(offset);
    const qsizetype length = m_chars.charLength(start);
    const Cell cell = m_chars.cellAt(start);
    QString tip = tr("Offset %1 (0x%2), byte 0x%3")
                          .arg(offset)
                          .arg(offset, 0, 16)
                          .arg(uchar(m_bytes.at(offset)), 2, 16, QLatin1Char('0'));
    const QString bytes = TextCodec::toHex(QByteArrayView(m_bytes).sliced(start, length));
    if (cell.isInvalid()) {
        tip += u'\n' + tr("Invalid in %1: %2").arg(m_encoding, bytes);
    } else {
        const char32_t cp = cell.codePoint();
        tip += u'\n' + tr("%1 U+%2 in %3: %4")
                              .arg(CharacterMap::glyph(cell))
                              .arg(QStringLiteral("%1").arg(uint(cp), 4, 16, QLatin1Char('0')).toUpper())
                              .arg(m_encoding, bytes);
    }
    return tip;
}

void HexDumpView::resizeEvent(QResizeEvent *event)
{
    QAbstractScrollArea::resizeEvent(event);
    updateScrollBars();
}

void HexDumpView::changeEvent(QEvent *event)
{
    QAbstractScrollArea::changeEvent(event);
    if (event->type() == QEvent::FontChange)
        updateMetrics();
    if (event->type() == QEvent::FontChange || event->type() == QEvent::PaletteChange)
        viewport()->update();
}

bool HexDumpView::viewportEvent(QEvent *event)
{
    const auto tipAt = [this](QPoint at) {
        const qsizetype offset = offsetAt(at);
        return offset >= 0 ? byteToolTip(offset) : QString();
    };
    if (answerViewportToolTip(event, viewport(), tipAt))
        return true;
    return QAbstractScrollArea::viewportEvent(event);
}

void HexDumpView::mousePressEvent(QMouseEvent *event)
{
    if (event->button() == Qt::LeftButton) {
        m_cursor = offsetAt(event->position().toPoint());
        viewport()->update();
    }
    QAbstractScrollArea::mousePressEvent(event);
}

void HexDumpView::keyPressEvent(QKeyEvent *event)
{
    if (event->matches(QKeySequence::Copy)) {
        copyHex();
        return;
    }
    if (event->matches(QKeySequence::MoveToStartOfDocument)) {
        verticalScrollBar()->setValue(0);
        return;
    }
    if (event->matches(QKeySequence::MoveToEndOfDocument)) {
        verticalScrollBar()->setValue(verticalScrollBar()->maximum());
        return;
    }
    QAbstractScrollArea::keyPressEvent(event);
}

void HexDumpView::contextMenuEvent(QContextMenuEvent *event)
{
    QMenu menu(this);
    QAction *hex = menu.addAction(m_mode == Mode::Info ? tr("Copy") : tr("Copy as hex"), this, &HexDumpView::copyHex);
    QAction *text = menu.addAction(tr("Copy as text (%1)").arg(m_encoding), this, &HexDumpView::copyText);
    QAction *dump = menu.addAction(tr("Copy dump"), this, [this] {
        QApplication::clipboard()->setText(dumpText());
    });
    hex->setEnabled(m_mode != Mode::Empty);
    text->setVisible(m_mode == Mode::Payload);
    dump->setVisible(m_mode == Mode::Payload);
    menu.exec(event->globalPos());
}

void HexDumpView::copyHex()
{
    if (m_mode == Mode::Info)
        QApplication::clipboard()->setText(m_info.join(u'\n'));
    else if (m_mode == Mode::Payload)
        QApplication::clipboard()->setText(TextCodec::toHex(m_bytes));
}

void HexDumpView::copyText()
{
    QApplication::clipboard()->setText(TextCodec::decode(m_bytes, m_encoding).text);
}
