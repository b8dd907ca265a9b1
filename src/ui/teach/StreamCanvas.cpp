#include "ui/teach/StreamCanvas.h"

#include "core/teach/StreamSegments.h"
#include "ui/teach/StreamView.h"
#include "ui/traffic/HexDumpView.h"
#include "ui/widgets/ViewportToolTip.h"

#include <QFontDatabase>
#include <QPainter>
#include <QScrollBar>

#include <algorithm>

using namespace Qt::Literals::StringLiterals;

StreamCanvas::StreamCanvas(QWidget *parent)
    : QAbstractScrollArea(parent)
    , m_text(new HexDumpView(this))
{
    // Used only to work out the text column (multibyte characters in the
    // session's encoding); never shown.
    m_text->hide();
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    viewport()->setBackgroundRole(QPalette::Base);
    viewport()->setAutoFillBackground(true);
    setAccessibleName(StreamView::tr("Byte stream"));
    updateMetrics();
}

void StreamCanvas::setData(const QByteArray &bytes, const QList<qsizetype> &reads, const QList<qsizetype> &sends,
                           const QString &encoding, int bytesPerLine)
{
    m_bytes = bytes;
    m_reads = reads;
    m_readStarts = StreamSegments::startOffsets(reads);
    m_sends = sends;
    m_sendStarts = StreamSegments::startOffsets(sends);
    m_bytesPerLine = bytesPerLine;
    if (m_text->encoding() != encoding)
        m_text->setEncoding(encoding);
    m_textDirty = true;
    updateMetrics();
    viewport()->update();
}

qsizetype StreamCanvas::offsetAt(const QPoint &pos) const
{
    const qint64 y = qint64(pos.y()) + verticalScrollBar()->value();
    const qsizetype line = qsizetype(y / m_lineHeight);
    const int x = pos.x() + horizontalScrollBar()->value();
    int column = -1;
    if (x >= m_hexX - m_cw / 2 && x < m_hexX + m_bytesPerLine * 3 * m_cw - m_cw / 2)
        column = (x - m_hexX + m_cw / 2) / (3 * m_cw);
    else if (x >= m_textX && x < m_textX + m_bytesPerLine * m_cw)
        column = (x - m_textX) / m_cw;
    if (column < 0)
        return -1;
    const qsizetype offset = line * m_bytesPerLine + column;
    return offset < m_bytes.size() ? offset : -1;
}

void StreamCanvas::resizeEvent(QResizeEvent *event)
{
    QAbstractScrollArea::resizeEvent(event);
    updateScrollBars();
}

void StreamCanvas::changeEvent(QEvent *event)
{
    QAbstractScrollArea::changeEvent(event);
    if (event->type() == QEvent::FontChange)
        updateMetrics();
}

bool StreamCanvas::viewportEvent(QEvent *event)
{
    if (answerViewportToolTip(event, viewport(), [this](QPoint at) { return toolTip(offsetAt(at)); }))
        return true;
    return QAbstractScrollArea::viewportEvent(event);
}

void StreamCanvas::updateMetrics()
{
    const QFontMetrics fm(font());
    m_cw = qMax(1, fm.horizontalAdvance(u'0'));
    m_fh = fm.height();
    m_sendBand = m_sends.isEmpty() ? 0 : m_fh + 2;
    m_readBand = m_fh + 2;
    m_lineHeight = m_sendBand + m_readBand + m_fh + 6 + 8;
    m_hexX = 8 + 9 * m_cw + m_cw;
    m_textX = m_hexX + m_bytesPerLine * 3 * m_cw + m_cw;
    m_width = m_textX + m_bytesPerLine * m_cw + 4 * m_cw;
    updateScrollBars();
}

void StreamCanvas::updateScrollBars()
{
    const qint64 content = qint64(lineCount()) * m_lineHeight;
    verticalScrollBar()->setRange(0, int(qBound(qint64(0), content - viewport()->height(), qint64(INT_MAX))));
    verticalScrollBar()->setPageStep(viewport()->height());
    verticalScrollBar()->setSingleStep(m_lineHeight);
    horizontalScrollBar()->setRange(0, qMax(0, m_width - viewport()->width()));
    horizontalScrollBar()->setPageStep(viewport()->width());
}

QString StreamCanvas::toolTip(qsizetype offset) const
{
    if (offset < 0)
        return QString();
    QStringList lines;
    lines << StreamView::tr("byte %1 (0x%2)").arg(offset).arg(int(uchar(m_bytes[offset])), 2, 16, QLatin1Char('0'));
    const qsizetype r = StreamSegments::pieceAt(m_readStarts, m_reads, offset);
    if (r >= 0)
        lines << StreamView::tr("read %1: bytes %2–%3 (%4 bytes)")
                     .arg(r + 1).arg(m_readStarts[r]).arg(m_readStarts[r] + m_reads[r] - 1).arg(m_reads[r]);
    const qsizetype s = StreamSegments::pieceAt(m_sendStarts, m_sends, offset);
    if (s >= 0)
        lines << StreamView::tr("send %1: bytes %2–%3 (%4 bytes)")
                     .arg(s + 1).arg(m_sendStarts[s]).arg(m_sendStarts[s] + m_sends[s] - 1).arg(m_sends[s]);
    return lines.join(u'\n');
}

void StreamCanvas::drawLabels(QPainter &p, const QList<qsizetype> &starts, const QList<qsizetype> &sizes,
                              qsizetype lineStart, qsizetype lineEnd, int baseline, const QString &what,
                              const QColor &color)
{
    const QFontMetrics fm(font());
    auto first = std::lower_bound(starts.cbegin(), starts.cend(), lineStart);
    p.setPen(color);
    for (auto it = first; it != starts.cend() && *it < lineEnd; ++it) {
        const qsizetype i = qsizetype(it - starts.cbegin());
        const int x = hexBarX(*it - lineStart) + 3;
        const auto next = it + 1;
        // Up to the next boundary on this line, or the end of the stream.
        const qsizetype end = qMin(*it + sizes[i], m_bytes.size());
        int limit = m_textX - m_cw;
        if (next != starts.cend() && *next < lineEnd)
            limit = hexBarX(*next - lineStart) - 4;
        else if (end == m_bytes.size() && end <= lineEnd)
            limit = hexBarX(end - lineStart) - 4;
        const int room = limit - x;
        QString text = StreamView::tr("%1 %2: %3 bytes").arg(what).arg(i + 1).arg(sizes[i]);
        if (fm.horizontalAdvance(text) > room)
            text = StreamView::tr("%1: %2").arg(i + 1).arg(sizes[i]);
        if (fm.horizontalAdvance(text) > room)
            text = QString::number(i + 1);
        if (fm.horizontalAdvance(text) > room)
            continue;
        p.drawText(x, baseline, text);
    }
}

void StreamCanvas::paintEvent(QPaintEvent *)
{
    QPainter p(viewport());
    const QPalette pal = palette();
    const bool dark = pal.color(QPalette::Base).lightness() < 128;
    const QColor text = pal.color(QPalette::Text);
    const QColor dim = pal.color(QPalette::PlaceholderText);
    const QColor readColor = dark ? QColor(255, 190, 90) : QColor(190, 90, 0);
    const QColor sendColor = dark ? QColor(120, 175, 255) : QColor(20, 90, 200);
    QColor tintA = readColor;
    tintA.setAlpha(dark ? 45 : 28);
    QColor tintB = pal.color(QPalette::Base);
    const QFontMetrics fm(font());

    if (m_bytes.isEmpty()) {
        p.setPen(dim);
        p.drawText(viewport()->rect().adjusted(8, 8, -8, -8), Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap,
                   StreamView::tr("No bytes in this direction yet."));
        return;
    }
    if (m_textDirty) {
        m_text->setPayload(m_bytes);
        m_textDirty = false;
    }

    const int scrollY = verticalScrollBar()->value();
    const int dx = -horizontalScrollBar()->value();
    p.translate(dx, 0);
    const qsizetype firstLine = scrollY / m_lineHeight;
    const qsizetype lastLine = qMin(lineCount() - 1, (qint64(scrollY) + viewport()->height()) / m_lineHeight);
    for (qsizetype line = firstLine; line <= lastLine; ++line) {
        const int top = int(qint64(line) * m_lineHeight - scrollY);
        const qsizetype lineStart = line * m_bytesPerLine;
        const qsizetype lineEnd = qMin(lineStart + m_bytesPerLine, m_bytes.size());
        const int sendTop = top + 4;
        const int readTop = sendTop + m_sendBand;
        const int bytesTop = readTop + m_readBand;
        const int bytesBottom = bytesTop + m_fh + 4;
        const int baseline = bytesTop + 2 + fm.ascent();

        // Alternate tints tell one read from the next at a glance.
        auto r = std::upper_bound(m_readStarts.cbegin(), m_readStarts.cend(), lineStart);
        qsizetype ri = qMax<qsizetype>(0, qsizetype(r - m_readStarts.cbegin()) - 1);
        for (; ri < m_reads.size() && m_readStarts[ri] < lineEnd; ++ri) {
            const qsizetype a = qMax(m_readStarts[ri], lineStart) - lineStart;
            const qsizetype b = qMin(m_readStarts[ri] + m_reads[ri], lineEnd) - lineStart;
            if (b <= a)
                continue;
            const QColor tint = ri % 2 == 0 ? tintA : tintB;
            p.fillRect(QRect(QPoint(hexBarX(a), bytesTop), QPoint(hexBarX(b) - 1, bytesBottom)), tint);
            p.fillRect(QRect(QPoint(textBarX(a), bytesTop), QPoint(textBarX(b) - 1, bytesBottom)), tint);
        }

        // Offset, hex, text.
        p.setPen(dim);
        p.drawText(8, baseline, u"%1"_s.arg(lineStart, 8, 16, QLatin1Char('0')));
        for (qsizetype i = lineStart; i < lineEnd; ++i) {
            const int col = int(i - lineStart);
            p.setPen(text);
            p.drawText(m_hexX + col * 3 * m_cw, baseline, u"%1"_s.arg(int(uchar(m_bytes[i])), 2, 16, QLatin1Char('0')));
        }
        for (qsizetype i = lineStart; i < lineEnd; ++i) {
            const QString cell = m_text->textCell(i);
            const bool control = cell == u"."_s && uchar(m_bytes[i]) != '.';
            p.setPen(control || m_text->isInvalidByte(i) ? dim : text);
            p.drawText(textBarX(i - lineStart), baseline, cell);
        }

        // Send boundaries: thin dashed bars from the send band down through the bytes.
        if (!m_sends.isEmpty()) {
            p.setPen(QPen(sendColor, 1, Qt::DashLine));
            auto s = std::lower_bound(m_sendStarts.cbegin(), m_sendStarts.cend(), lineStart);
            for (; s != m_sendStarts.cend() && *s < lineEnd; ++s) {
                p.drawLine(hexBarX(*s - lineStart), sendTop, hexBarX(*s - lineStart), bytesBottom);
                p.drawLine(textBarX(*s - lineStart), bytesTop, textBarX(*s - lineStart), bytesBottom);
            }
            const qsizetype sendEnd = m_sendStarts.constLast() + m_sends.constLast();
            if (sendEnd > lineStart && sendEnd <= lineEnd && sendEnd <= m_bytes.size()) {
                p.drawLine(hexBarX(sendEnd - lineStart), sendTop, hexBarX(sendEnd - lineStart), bytesBottom);
            }
            drawLabels(p, m_sendStarts, m_sends, lineStart, lineEnd, sendTop + fm.ascent(), StreamView::tr("send"),
                       sendColor);
        }

        // Read boundaries: strong bars through the read band and the bytes.
        p.setPen(QPen(readColor, 2.5));
        auto rs = std::lower_bound(m_readStarts.cbegin(), m_readStarts.cend(), lineStart);
        for (; rs != m_readStarts.cend() && *rs < lineEnd; ++rs) {
            p.drawLine(hexBarX(*rs - lineStart), readTop, hexBarX(*rs - lineStart), bytesBottom);
            p.drawLine(textBarX(*rs - lineStart), bytesTop, textBarX(*rs - lineStart), bytesBottom);
        }
        if (lineEnd == m_bytes.size() && !m_reads.isEmpty()) {
            p.drawLine(hexBarX(lineEnd - lineStart), readTop + m_readBand / 2, hexBarX(lineEnd - lineStart), bytesBottom);
            p.drawLine(textBarX(lineEnd - lineStart), bytesTop, textBarX(lineEnd - lineStart), bytesBottom);
        }
        drawLabels(p, m_readStarts, m_reads, lineStart, lineEnd, readTop + fm.ascent(), StreamView::tr("read"),
                   readColor);
    }
}
