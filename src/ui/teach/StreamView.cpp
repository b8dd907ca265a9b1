#include "ui/teach/StreamView.h"

#include "core/log/TrafficLog.h"
#include "core/net/Session.h"
#include "ui/traffic/HexDumpView.h"
#include "ui/widgets/LabelElider.h"

#include <QAbstractScrollArea>
#include <QComboBox>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHelpEvent>
#include <QLabel>
#include <QPainter>
#include <QScrollBar>
#include <QSpinBox>
#include <QToolTip>
#include <QVBoxLayout>

#include <algorithm>

using namespace Qt::Literals::StringLiterals;

// The painted stream: per line a band for send labels (when sends are
// known), a band for read labels, then offset | hex | text. Boundaries are
// bars between bytes, in both the hex and the text column.
class StreamCanvas : public QAbstractScrollArea
{
public:
    explicit StreamCanvas(QWidget *parent)
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

    void setData(const QByteArray &bytes, const QList<qsizetype> &reads, const QList<qsizetype> &sends,
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

    qsizetype lineCount() const { return (m_bytes.size() + m_bytesPerLine - 1) / m_bytesPerLine; }
    int lineHeight() const { return m_lineHeight; }
    int hexX() const { return m_hexX; }
    int textX() const { return m_textX; }

    // The byte under a viewport point, or -1.
    qsizetype offsetAt(const QPoint &pos) const
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

protected:
    void resizeEvent(QResizeEvent *event) override
    {
        QAbstractScrollArea::resizeEvent(event);
        updateScrollBars();
    }

    void changeEvent(QEvent *event) override
    {
        QAbstractScrollArea::changeEvent(event);
        if (event->type() == QEvent::FontChange)
            updateMetrics();
    }

    bool viewportEvent(QEvent *event) override
    {
        if (event->type() == QEvent::ToolTip) {
            auto *help = static_cast<QHelpEvent *>(event);
            const QString tip = toolTip(offsetAt(help->pos()));
            if (tip.isEmpty())
                QToolTip::hideText();
            else
                QToolTip::showText(help->globalPos(), tip, viewport());
            return true;
        }
        return QAbstractScrollArea::viewportEvent(event);
    }

    void paintEvent(QPaintEvent *) override;

private:
    void updateMetrics()
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

    void updateScrollBars()
    {
        const qint64 content = qint64(lineCount()) * m_lineHeight;
        verticalScrollBar()->setRange(0, int(qBound(qint64(0), content - viewport()->height(), qint64(INT_MAX))));
        verticalScrollBar()->setPageStep(viewport()->height());
        verticalScrollBar()->setSingleStep(m_lineHeight);
        horizontalScrollBar()->setRange(0, qMax(0, m_width - viewport()->width()));
        horizontalScrollBar()->setPageStep(viewport()->width());
    }

    int hexBarX(qsizetype column) const { return m_hexX + int(column) * 3 * m_cw - m_cw / 2; }
    int textBarX(qsizetype column) const { return m_textX + int(column) * m_cw; }

    QString toolTip(qsizetype offset) const
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

    // Labels of the pieces that start on a line, each kept left of the next.
    void drawLabels(QPainter &p, const QList<qsizetype> &starts, const QList<qsizetype> &sizes, qsizetype lineStart,
                    qsizetype lineEnd, int baseline, const QString &what, const QColor &color)
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

    HexDumpView *m_text;
    bool m_textDirty = true;
    QByteArray m_bytes;
    QList<qsizetype> m_reads;
    QList<qsizetype> m_readStarts;
    QList<qsizetype> m_sends;
    QList<qsizetype> m_sendStarts;
    int m_bytesPerLine = 16;
    int m_cw = 8;
    int m_fh = 16;
    int m_sendBand = 0;
    int m_readBand = 18;
    int m_lineHeight = 48;
    int m_hexX = 0;
    int m_textX = 0;
    int m_width = 0;
};

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

StreamView::StreamView(QWidget *parent)
    : QWidget(parent)
{
    buildUi();
    rebuild();
}

StreamView::~StreamView() = default;

void StreamView::buildUi()
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *bar = new QHBoxLayout;

    m_directionBox = new QComboBox(this);
    m_directionBox->addItem(tr("Received"));
    m_directionBox->addItem(tr("Sent"));
    m_directionBox->setToolTip(tr("Which direction of the connection to show"));
    bar->addWidget(m_directionBox);

    m_readSize = new QSpinBox(this);
    m_readSize->setRange(1, 65536);
    m_readSize->setValue(1024);
    m_readSize->setPrefix(tr("recv("));
    m_readSize->setSuffix(tr(")"));
    m_readSize->setAccelerated(true);
    m_readSize->setToolTip(tr("The buffer size a program passes to recv(): each call returns at most this many "
                              "bytes, and at most what is there"));
    bar->addWidget(m_readSize);

    m_readerBox = new QComboBox(this);
    m_readerBox->addItem(tr("reader is busy: data waits for recv()"));
    m_readerBox->addItem(tr("reader waits in recv()"));
    m_readerBox->addItem(tr("reads as this tab did them"));
    m_readerBox->setToolTip(tr("When the simulated program calls recv(): after the bytes have piled up "
                               "(three quick sends become one read), or already waiting as each piece arrives"));
    bar->addWidget(m_readerBox);

    m_widthBox = new QComboBox(this);
    m_widthBox->addItem(tr("16 bytes a line"), 16);
    m_widthBox->addItem(tr("32 bytes a line"), 32);
    bar->addWidget(m_widthBox);

    // However long the choices and the summary, the bar never widens the
    // view (switching to this tab must not move the panes beside it).
    for (QComboBox *box : {m_directionBox, m_readerBox, m_widthBox}) {
        box->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
        box->setMinimumContentsLength(box == m_readerBox ? 16 : 8);
    }
    m_summary = new QLabel(this);
    QFont bold = m_summary->font();
    bold.setBold(true);
    m_summary->setFont(bold);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_summary->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_summaryLine = new LabelElider(m_summary);
    bar->addWidget(m_summary, 1);
    layout->addLayout(bar);

    m_note = new QLabel(this);
    m_note->setWordWrap(true);
    m_note->setForegroundRole(QPalette::PlaceholderText);
    m_note->hide();
    layout->addWidget(m_note);

    m_canvas = new StreamCanvas(this);
    layout->addWidget(m_canvas, 1);

    connect(m_directionBox, &QComboBox::currentIndexChanged, this,
            [this](int index) { setDirection(index == 1 ? Direction::Sent : Direction::Received); });
    connect(m_readSize, &QSpinBox::valueChanged, this, [this] { recut(); });
    connect(m_readerBox, &QComboBox::currentIndexChanged, this, [this](int index) { setReader(Reader(index)); });
    connect(m_widthBox, &QComboBox::currentIndexChanged, this,
            [this](int index) { setBytesPerLine(m_widthBox->itemData(index).toInt()); });
}

QWidget *StreamView::canvas() const
{
    return m_canvas;
}

void StreamView::setSession(Session *session)
{
    if (m_session == session)
        return;
    if (m_session) {
        m_session->log()->disconnect(this);
        m_session->disconnect(this);
    }
    m_session = session;
    if (session) {
        connect(session->log(), &TrafficLog::changed, this, &StreamView::onLogChanged);
        connect(session->log(), &TrafficLog::cleared, this, &StreamView::rebuild);
        connect(session, &QObject::destroyed, this, &StreamView::rebuild);
    }
    rebuild();
}

Session *StreamView::session() const
{
    return m_session;
}

void StreamView::setConnection(quint32 connectionId)
{
    m_connection = connectionId;
    m_autoConnection = connectionId == 0;
    rebuild();
}

void StreamView::setPeerSendSizes(const QList<qsizetype> &sizes)
{
    m_peerSends = sizes;
    recut();
}

void StreamView::setPeerSession(Session *other)
{
    if (m_peerSession)
        m_peerSession->log()->disconnect(this);
    m_peerSession = other;
    if (other)
        connect(other->log(), &TrafficLog::changed, this, &StreamView::onPeerLogChanged);
    onPeerLogChanged();
}

QList<qsizetype> StreamView::sendSizesFor(Session *other, const Endpoint &local, const Endpoint &peer)
{
    if (!other || local.isNull() || peer.isNull())
        return {};
    return StreamSegments::sendSizesIn(*other->log(), local, peer);
}

void StreamView::onPeerLogChanged()
{
    if (!m_peerSession)
        return;
    m_peerSends = sendSizesFor(m_peerSession, m_local, m_peer);
    recut();
}

void StreamView::setDirection(Direction direction)
{
    if (m_direction == direction)
        return;
    m_direction = direction;
    const QSignalBlocker block(m_directionBox);
    m_directionBox->setCurrentIndex(direction == Direction::Sent ? 1 : 0);
    rebuild();
}

int StreamView::readSize() const
{
    return m_readSize->value();
}

void StreamView::setReadSize(int bytes)
{
    m_readSize->setValue(bytes);  // re-cuts through valueChanged
}

void StreamView::setReader(Reader reader)
{
    m_reader = reader;
    const QSignalBlocker block(m_readerBox);
    m_readerBox->setCurrentIndex(int(reader));
    m_readSize->setEnabled(reader != Reader::AsLogged);
    recut();
}

void StreamView::setBytesPerLine(int bytes)
{
    m_bytesPerLine = bytes >= 32 ? 32 : 16;
    const QSignalBlocker block(m_widthBox);
    m_widthBox->setCurrentIndex(m_bytesPerLine == 32 ? 1 : 0);
    recut();
}

TrafficEvent::Direction StreamView::logDirection() const
{
    return m_direction == Direction::Sent ? TrafficEvent::Direction::Out : TrafficEvent::Direction::In;
}

void StreamView::rebuild()
{
    m_segments.clear();
    m_missedStart = false;
    m_shownConnection = m_autoConnection ? 0 : m_connection;
    m_local = Endpoint{};
    m_peer = Endpoint{};
    m_nextSerial = m_session ? m_session->log()->firstSerial() : 0;
    // An event of the connection may already have been dropped by the
    // budget: the stream would not start at its beginning.
    if (m_session && m_session->log()->droppedEvents() > 0)
        m_missedStart = true;
    scanNew();
    if (m_peerSession)
        m_peerSends = sendSizesFor(m_peerSession, m_local, m_peer);
    recut();
}

void StreamView::scanNew()
{
    if (!m_session)
        return;
    const TrafficLog *log = m_session->log();
    if (m_nextSerial < log->firstSerial()) {
        m_missedStart = true;
        m_nextSerial = log->firstSerial();
    }
    const TrafficEvent::Direction want = logDirection();
    for (qsizetype i = qsizetype(m_nextSerial - log->firstSerial()); i < log->size(); ++i) {
        const TrafficEvent e = log->atWithoutPayload(i);
        if (e.session == SessionKind::Udp)
            continue;
        // Following the newest connection: a new one starts the stream over.
        if (m_autoConnection && e.kind == TrafficEvent::Kind::Connected && e.connectionId != 0
            && (e.connectionId != m_shownConnection || !m_segments.arrivals().isEmpty())) {
            m_shownConnection = e.connectionId;
            m_segments.clear();
            m_local = Endpoint{};
            m_peer = Endpoint{};
            m_missedStart = false;
        }
        if (m_shownConnection == 0 && m_autoConnection && e.connectionId != 0)
            m_shownConnection = e.connectionId;
        if (e.connectionId != m_shownConnection || m_shownConnection == 0)
            continue;
        if (m_local.isNull() && !e.local.isNull() && !e.peer.isNull()) {
            m_local = e.local;
            m_peer = e.peer;
        }
        if (e.kind == TrafficEvent::Kind::Data && e.direction == want)
            m_segments.appendLogged(*log, i);
    }
    m_nextSerial = log->totalAppended();
}

void StreamView::onLogChanged()
{
    const bool hadEndpoints = !m_local.isNull();
    const qsizetype before = m_segments.totalBytes();
    const quint32 connectionBefore = m_shownConnection;
    scanNew();
    if (m_peerSession && (!hadEndpoints || connectionBefore != m_shownConnection))
        m_peerSends = sendSizesFor(m_peerSession, m_local, m_peer);
    if (m_segments.totalBytes() != before || connectionBefore != m_shownConnection || !hadEndpoints)
        recut();
}

QList<qsizetype> StreamView::sendSizes() const
{
    if (m_direction == Direction::Sent)
        return m_segments.arrivals();
    return m_peerSends;
}

qsizetype StreamView::readCount() const
{
    const int n = m_reader == Reader::AsLogged ? 0 : readSize();
    const auto pace = m_reader == Reader::Waiting ? StreamSegments::ReaderPace::Eager : StreamSegments::ReaderPace::Late;
    return StreamSegments::readCount(m_segments.totalBytes(), n, m_segments.arrivals(), pace);
}

void StreamView::recut()
{
    const int n = m_reader == Reader::AsLogged ? 0 : readSize();
    const auto pace = m_reader == Reader::Waiting ? StreamSegments::ReaderPace::Eager : StreamSegments::ReaderPace::Late;
    // Drawn over the shown bytes only; counted over the whole stream.
    m_reads = StreamSegments::rechunk(m_segments.bytes().size(), n, m_segments.arrivals(), pace);
    m_segments.setSendSizes(sendSizes());
    m_canvas->setData(m_segments.bytes(), m_reads, sendSizes(),
                      m_session ? m_session->encoding() : u"UTF-8"_s, m_bytesPerLine);
    updateSummary();
}

QString StreamView::summaryText() const
{
    if (m_segments.totalBytes() == 0)
        return QString();
    const QList<qsizetype> sends = sendSizes();
    QString text = StreamSegments::summary(sends.isEmpty() ? -1 : sends.size(), readCount(), m_segments.totalBytes());
    if (m_reader != Reader::AsLogged)
        text += tr(" with recv(%1)").arg(readSize());
    return text;
}

void StreamView::updateSummary()
{
    m_summaryLine->setText(summaryText());
    QStringList notes;
    if (!m_session)
        notes << tr("No session.");
    else if (m_shownConnection == 0)
        notes << tr("No TCP connection yet: its bytes appear here as one stream once it connects.");
    else
        notes << tr("Connection #%1  %2 ⇄ %3")
                     .arg(m_shownConnection)
                     .arg(m_local.isNull() ? u"?"_s : m_local.toString(), m_peer.isNull() ? u"?"_s : m_peer.toString());
    if (m_missedStart)
        notes << tr("Older events were dropped by the log's memory budget: the stream may not start at the beginning.");
    if (!m_segments.note().isEmpty())
        notes << m_segments.note();
    if (m_direction == Direction::Received && m_peerSends.isEmpty() && m_segments.totalBytes() > 0)
        notes << tr("The sender's send() boundaries are unknown (shown when the other end is a tab of this app).");
    if (m_direction == Direction::Sent && m_segments.totalBytes() > 0)
        notes << tr("Dashed bars: our send() calls; strong bars: what the peer's recv() would return.");
    m_note->setText(notes.join(u'\n'));
    m_note->setVisible(!notes.isEmpty());
}
