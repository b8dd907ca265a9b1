#include "ui/teach/StreamView.h"

#include "core/log/TrafficLog.h"
#include "core/net/Session.h"
#include "ui/teach/StreamCanvas.h"
#include "ui/widgets/LabelElider.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSpinBox>
#include <QVBoxLayout>

using namespace Qt::Literals::StringLiterals;

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
    if (m_session)
        scanTo(m_session->log()->span());
    if (m_peerSession)
        m_peerSends = sendSizesFor(m_peerSession, m_local, m_peer);
    recut();
}

void StreamView::scanTo(const SerialSpan &held)
{
    const TrafficLog *log = m_session->log();
    const SerialSpan::Step step = SerialSpan{m_nextSerial, m_nextSerial}.stepTo(held);
    if (step.missed)
        m_missedStart = true;
    const TrafficEvent::Direction want = logDirection();
    for (quint64 serial = step.added.first; serial < step.added.end; ++serial) {
        const qsizetype i = log->indexOfSerial(serial);
        if (i < 0)
            continue;
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
    m_nextSerial = step.added.end;
}

void StreamView::onLogChanged(const SerialSpan &held)
{
    if (!m_session)
        return;
    const bool hadEndpoints = !m_local.isNull();
    const qsizetype before = m_segments.totalBytes();
    const quint32 connectionBefore = m_shownConnection;
    scanTo(held);
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
