#include "ui/traffic/TrafficView.h"

#include "ui_TrafficView.h"

#include "core/log/TrafficLog.h"
#include "core/net/Session.h"
#include "core/text/TextCodec.h"
#include "ui/traffic/HexDumpView.h"
#include "ui/traffic/TrafficActions.h"
#include "ui/traffic/TrafficFilterModel.h"
#include "ui/traffic/TrafficLogModel.h"
#include "ui/widgets/LabelElider.h"
#include "ui/widgets/SplitterFirstSizes.h"

#include <QDateTime>
#include <QFontDatabase>
#include <QHeaderView>
#include <QLocale>
#include <QSignalBlocker>
#include <QStyledItemDelegate>

using namespace Qt::StringLiterals;

namespace {

constexpr qint64 kMiB = 1024 * 1024;
constexpr int kMaxPeersListed = 1000;
// Decoding a big payload just to count its invalid bytes for the header
// would make selecting it slow; the dump itself marks them either way.
constexpr qsizetype kCountInvalidUpTo = 256 * 1024;

bool hasPayload(const TrafficEvent &e)
{
    return e.kind == TrafficEvent::Kind::Data || e.kind == TrafficEvent::Kind::Frame;
}

QString sizeText(qint64 bytes)
{
    if (bytes >= kMiB && bytes % kMiB == 0)
        return QCoreApplication::translate("TrafficView", "%1 MiB").arg(bytes / kMiB);
    return QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeIecFormat);
}

// The preview column drawn from as much of its text as the cell can show.
// A 200-byte preview of binary data is ~800 characters of escapes, and the
// style shapes, measures and elides all of them for every row at every
// repaint: cut first, a repaint costs what the cells show, not what the
// previews hold (the flood's profile: bench/results/2026-12-03-load-e2d449a.md).
class PreviewDelegate : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override
    {
        QStyledItemDelegate::initStyleOption(option, index);
        if (index.column() == TrafficLogModel::Preview)
            option->text = TrafficView::fitPreview(option->text, option->fontMetrics, option->rect.width());
    }
};

} // namespace

QString TrafficView::fitPreview(const QString &text, const QFontMetrics &metrics, int width)
{
    // No character of the text is narrower than the font's narrowest, so
    // this many always fill the cell (combining marks aside, which have no
    // width of their own); the style elides the rest as before.
    int narrowest = metrics.horizontalAdvance(u' ');
    for (QChar c : u".,:;'|!iIl1jft"_s)
        narrowest = qMin(narrowest, metrics.horizontalAdvance(c));
    qsizetype keep = qsizetype(qMax(0, width) / qMax(1, narrowest)) + 2;
    if (text.size() <= keep)
        return text;
    if (text.at(keep - 1).isHighSurrogate())
        --keep;
    return text.first(keep) + u'…';
}

TrafficView::TrafficView(QWidget *parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::TrafficView>())
    , m_model(new TrafficLogModel(this))
    , m_filter(new TrafficFilterModel(this))
{
    m_ui->setupUi(this);
    m_filter->setSourceModel(m_model);
    m_ui->table->setModel(m_filter);
    m_ui->table->setItemDelegateForColumn(TrafficLogModel::Preview, new PreviewDelegate(m_ui->table));
    // One line, whatever the endpoints: cut with "…" and whole in the
    // tooltip, so the panes never move with the text. The log's line beside
    // it is said whole (what the budget dropped is never hidden).
    m_detailHeader = new LabelElider(m_ui->detailHeader);

    for (const QString &name : TextCodec::encodings()) {
        const QString label = name == u"ISO-8859-1"_s ? tr("Latin-1 (ISO-8859-1)") : name;
        m_ui->encodingCombo->addItem(label, name);
    }
    m_ui->encodingCombo->setCurrentIndex(m_ui->encodingCombo->findData(m_model->encoding()));

    using Direction = TrafficFilterModel::DirectionFilter;
    m_ui->directionCombo->addItem(tr("All events"), int(Direction::All));
    m_ui->directionCombo->addItem(tr("← Received"), int(Direction::In));
    m_ui->directionCombo->addItem(tr("→ Sent"), int(Direction::Out));
    m_ui->directionCombo->addItem(tr("Connection events"), int(Direction::Events));
    resetPeers();

    // The table takes what the view gains or loses; the detail pane starts
    // at a sixth of the height, a few lines of dump at most.
    m_ui->splitter->setStretchFactor(0, 1);
    m_ui->splitter->setStretchFactor(1, 0);
    QWidget *detail = m_ui->detailPane;
    new SplitterFirstSizes(m_ui->splitter, [detail](int height) {
        const int lines = QFontMetrics(QFontDatabase::systemFont(QFontDatabase::FixedFont)).lineSpacing();
        const int least = detail->minimumSizeHint().height();
        return qBound(least, height / 6, least + 4 * lines);
    });

    m_actions = new TrafficActions(m_ui->table, m_filter, m_model, m_ui->exportButton, this);
    connect(m_actions, &TrafficActions::notice, this, &TrafficView::showNotice);
    setupColumns();

    connect(m_ui->encodingCombo, &QComboBox::currentIndexChanged, this, &TrafficView::onEncodingIndexChanged);
    connect(m_ui->hexButton, &QToolButton::toggled, this, &TrafficView::onHexToggled);
    connect(m_ui->peerCombo, &QComboBox::currentIndexChanged, this, &TrafficView::onPeerIndexChanged);
    connect(m_ui->directionCombo, &QComboBox::currentIndexChanged, this, &TrafficView::onDirectionIndexChanged);
    connect(m_ui->filterEdit, &QLineEdit::textChanged, this, &TrafficView::onFilterTextChanged);
    connect(m_ui->filterEdit, &QLineEdit::returnPressed, this, &TrafficView::applyTextFilter);
    connect(m_ui->pauseButton, &QToolButton::toggled, this, &TrafficView::onPauseToggled);
    connect(m_ui->clearButton, &QToolButton::clicked, this, &TrafficView::onClearClicked);
    connect(m_ui->budgetSpin, &QSpinBox::valueChanged, this, &TrafficView::onBudgetChanged);
    connect(m_ui->table->selectionModel(), &QItemSelectionModel::currentRowChanged,
            this, &TrafficView::onCurrentRowChanged);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &TrafficView::onSourceRowsInserted);
    connect(m_filter, &QAbstractItemModel::rowsInserted, this, &TrafficView::onRowsShown);
    connect(m_filter, &QAbstractItemModel::layoutChanged, this, &TrafficView::onFilterChanged);
    connect(m_filter, &QAbstractItemModel::modelReset, this, &TrafficView::onFilterReset);

    m_filterDelay.setSingleShot(true);
    m_filterDelay.setInterval(250);
    connect(&m_filterDelay, &QTimer::timeout, this, &TrafficView::applyTextFilter);
    // The counters change with every packet; the label is polled instead.
    m_statsTimer.setInterval(250);
    connect(&m_statsTimer, &QTimer::timeout, this, &TrafficView::updateStats);
    m_statsTimer.start();

    updateDetail(true);
    updateStats();
}

TrafficView::~TrafficView()
{
    // Our children outlive this body; what they signal while dying must not
    // reach slots of an object that is no longer a TrafficView.
    if (QItemSelectionModel *selection = m_ui->table->selectionModel())
        selection->disconnect(this);
    m_ui->table->setModel(nullptr);
    delete m_filter;
    delete m_model;
}

void TrafficView::setupColumns()
{
    QTableView *table = m_ui->table;
    const QFontMetrics fm(table->font());
    const QFontMetrics fixed(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    // Uniform rows let the view place row 100,000 without measuring the others.
    QHeaderView *vertical = table->verticalHeader();
    vertical->setSectionResizeMode(QHeaderView::Fixed);
    vertical->setMinimumSectionSize(1);
    vertical->setDefaultSectionSize(qMax(fm.height(), fixed.height()) + 4);
    vertical->hide();

    QHeaderView *header = table->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setStretchLastSection(true);
    header->setHighlightSections(false);
    header->setSectionsClickable(false);
    const int pad = fm.horizontalAdvance(u"MM"_s);
    const auto width = [&](const QStringList &samples, int column) {
        int w = fm.horizontalAdvance(m_model->headerData(column, Qt::Horizontal, Qt::DisplayRole).toString());
        for (const QString &s : samples)
            w = qMax(w, fm.horizontalAdvance(s));
        return w + pad;
    };
    table->setColumnWidth(TrafficLogModel::Time, width({u"00:00:00.000"_s}, TrafficLogModel::Time));
    QStringList kinds;
    for (auto kind : {TrafficEvent::Kind::Data, TrafficEvent::Kind::Frame, TrafficEvent::Kind::Listening,
                      TrafficEvent::Kind::Connected, TrafficEvent::Kind::Closed, TrafficEvent::Kind::Stopped,
                      TrafficEvent::Kind::Note}) {
        TrafficEvent e;
        e.kind = kind;
        e.direction = TrafficEvent::Direction::Out;
        kinds << TrafficLogModel::kindLabel(e);
    }
    table->setColumnWidth(TrafficLogModel::Direction, width(kinds, TrafficLogModel::Direction));
    table->setColumnWidth(TrafficLogModel::Peer, width({u"255.255.255.255:65535"_s}, TrafficLogModel::Peer));
    table->setColumnWidth(TrafficLogModel::Size, width({u"1048576"_s}, TrafficLogModel::Size));
    table->setHorizontalScrollMode(QAbstractItemView::ScrollPerPixel);
    table->setTextElideMode(Qt::ElideRight);
}

void TrafficView::setSession(Session *session)
{
    if (session == m_session)
        return;
    if (m_session && m_session->log())
        disconnect(m_session->log(), nullptr, this, nullptr);
    m_session = session;
    m_model->setSession(session);
    resetPeers();
    if (session) {
        connect(session->log(), &TrafficLog::cleared, this, &TrafficView::onLogCleared);
        setEncoding(session->encoding());
    }
    const bool enabled = session != nullptr;
    m_actions->setExportsEnabled(enabled);
    m_ui->clearButton->setEnabled(enabled);
    m_ui->budgetSpin->setEnabled(enabled);
    updateStats();
    m_rowsAdded = true;
    followNewRows();
}

Session *TrafficView::session() const
{
    return m_session;
}

QTableView *TrafficView::table() const
{
    return m_ui->table;
}

HexDumpView *TrafficView::detailView() const
{
    return m_ui->hexDump;
}

QString TrafficView::encoding() const
{
    return m_model->encoding();
}

void TrafficView::setEncoding(const QString &encoding)
{
    const QString canonical = TextCodec::canonicalName(encoding);
    if (canonical.isEmpty())
        return;
    {
        const QSignalBlocker blocker(m_ui->encodingCombo);
        m_ui->encodingCombo->setCurrentIndex(m_ui->encodingCombo->findData(canonical));
    }
    if (canonical == m_model->encoding())
        return;
    m_model->setEncoding(canonical);
    m_ui->hexDump->setEncoding(canonical);
    updateDetail(false);
    emit encodingChanged(canonical);
}

void TrafficView::onEncodingIndexChanged(int index)
{
    setEncoding(m_ui->encodingCombo->itemData(index).toString());
}

bool TrafficView::hexMode() const
{
    return m_model->hexMode();
}

void TrafficView::setHexMode(bool hex)
{
    {
        // An auto-exclusive button cannot be unchecked, only its partner checked.
        const QSignalBlocker blockHex(m_ui->hexButton);
        const QSignalBlocker blockText(m_ui->textButton);
        (hex ? m_ui->hexButton : m_ui->textButton)->setChecked(true);
    }
    if (hex == m_model->hexMode())
        return;
    m_model->setHexMode(hex);
    emit hexModeChanged(hex);
}

void TrafficView::onHexToggled(bool hex)
{
    setHexMode(hex);
}

bool TrafficView::isAutoScrollPaused() const
{
    return m_ui->pauseButton->isChecked();
}

void TrafficView::setAutoScrollPaused(bool paused)
{
    m_ui->pauseButton->setChecked(paused);
}

void TrafficView::onPauseToggled(bool paused)
{
    if (!paused)
        followNewRows();
}

// Rows arrive in the log's batches (~30 a second at most, 10 in a flood):
// scrolling in the same pass lets the view paint the new rows and the new
// position once.
void TrafficView::onRowsShown()
{
    m_rowsAdded = true;
    followNewRows();
}

void TrafficView::followNewRows()
{
    if (!m_rowsAdded || isAutoScrollPaused())
        return;
    m_rowsAdded = false;
    m_ui->table->scrollToBottom();
}

void TrafficView::onFilterChanged()
{
    const QModelIndex current = m_ui->table->currentIndex();
    if (current.isValid()) {
        m_ui->table->scrollTo(current, QAbstractItemView::PositionAtCenter);
    } else {
        // The filter hid the selected row, and the selection model says
        // nothing when a layout change takes its current index away: the
        // detail pane must not go on showing a row the table no longer has.
        if (m_detailShowsEvent)
            onCurrentRowChanged({}, {});
        if (!isAutoScrollPaused())
            m_ui->table->scrollToBottom();
    }
    updateStats();
}

void TrafficView::onFilterReset()
{
    updateDetail(true);
    updateStats();
}

void TrafficView::onPeerIndexChanged(int index)
{
    m_filter->setPeerFilter(m_ui->peerCombo->itemData(index).value<Endpoint>());
}

void TrafficView::onDirectionIndexChanged(int index)
{
    m_filter->setDirectionFilter(
            TrafficFilterModel::DirectionFilter(m_ui->directionCombo->itemData(index).toInt()));
}

void TrafficView::onFilterTextChanged()
{
    // Re-filtering walks every row: wait until typing pauses.
    m_filterDelay.start();
}

void TrafficView::applyTextFilter()
{
    m_filterDelay.stop();
    m_filter->setTextFilter(m_ui->filterEdit->text());
}

void TrafficView::addPeer(const Endpoint &peer)
{
    // Most rows come from the peer of the row before: skip the string work.
    if (peer.isNull() || peer == m_lastPeer)
        return;
    m_lastPeer = peer;
    if (m_peerKeys.size() >= kMaxPeersListed)
        return;
    const QString key = peer.toString();
    if (m_peerKeys.contains(key))
        return;
    m_peerKeys.insert(key);
    m_ui->peerCombo->addItem(key, QVariant::fromValue(peer));
}

void TrafficView::resetPeers()
{
    QComboBox *combo = m_ui->peerCombo;
    const Endpoint selected = combo->currentData().value<Endpoint>();
    {
        const QSignalBlocker blocker(combo);
        combo->clear();
        combo->addItem(tr("All peers"), QVariant());
        m_peerKeys.clear();
        m_lastPeer = Endpoint();
        // A peer being filtered on stays listed (and selected) even when the
        // log no longer holds its events.
        if (!selected.isNull()) {
            addPeer(selected);
            combo->setCurrentIndex(1);
        }
    }
    const int rows = m_model->rowCount();
    for (int r = 0; r < rows; ++r) {
        if (const std::optional<TrafficEvent> e = m_model->eventWithoutPayloadAt(r))
            addPeer(e->peer);
    }
}

void TrafficView::onSourceRowsInserted(const QModelIndex &parent, int first, int last)
{
    if (parent.isValid())
        return;
    for (int r = first; r <= last; ++r) {
        if (const std::optional<TrafficEvent> e = m_model->eventWithoutPayloadAt(r))
            addPeer(e->peer);
    }
}

void TrafficView::onLogCleared()
{
    resetPeers();
    updateStats();
}

void TrafficView::onClearClicked()
{
    if (m_session)
        m_session->log()->clear();
}

void TrafficView::onBudgetChanged(int mebibytes)
{
    if (m_session)
        m_session->log()->setByteBudget(qint64(mebibytes) * kMiB);
    updateStats();
}

QString TrafficView::statusText() const
{
    if (!m_session)
        return tr("No session");
    const TrafficLog *log = m_session->log();
    const int held = int(qMin<qsizetype>(log->size(), INT_MAX));
    QString text = m_filter->isFiltering()
            ? tr("%1 of %Ln event(s) shown", nullptr, held).arg(QLocale().toString(m_filter->rowCount()))
            : tr("%Ln event(s)", nullptr, held);
    if (log->droppedEvents() > 0) {
        text += tr(" · dropped %1 (%2) by the %3 budget")
                        .arg(QLocale().toString(log->droppedEvents()),
                             sizeText(qint64(log->droppedPayloadBytes())), sizeText(log->byteBudget()));
    }
    if (!m_notice.isEmpty() && QDateTime::currentMSecsSinceEpoch() < m_noticeUntilMs)
        text += u"  —  "_s + m_notice;
    return text;
}

void TrafficView::updateStats()
{
    const QString text = statusText();
    if (m_ui->statsLabel->text() != text)
        m_ui->statsLabel->setText(text);
    if (m_session && !m_ui->budgetSpin->hasFocus()) {
        const int mib = int(qBound<qint64>(1, m_session->log()->byteBudget() / kMiB, qint64(m_ui->budgetSpin->maximum())));
        if (m_ui->budgetSpin->value() != mib) {
            const QSignalBlocker blocker(m_ui->budgetSpin);
            m_ui->budgetSpin->setValue(mib);
        }
    }
}

std::optional<TrafficEvent> TrafficView::currentEvent() const
{
    const QModelIndex current = m_ui->table->currentIndex();
    return current.isValid() ? m_filter->eventAt(current.row()) : std::nullopt;
}

void TrafficView::onCurrentRowChanged(const QModelIndex &, const QModelIndex &)
{
    updateDetail(true);
    const std::optional<TrafficEvent> e = currentEvent();
    m_actions->setCurrentEvent(e);
    if (!e)
        return;
    const TrafficEvent copy = *e;   // a slot may append to the log while we emit
    emit eventSelected(copy);
    emit connectionSelected(copy.connectionId);
}

void TrafficView::updateDetail(bool reload)
{
    const std::optional<TrafficEvent> e = currentEvent();
    m_detailShowsEvent = e.has_value();
    if (!e) {
        m_ui->hexDump->clear();
        m_detailHeader->setText(tr("No event selected"));
        return;
    }
    if (reload)
        m_ui->hexDump->setTrafficEvent(*e);
    QStringList parts;
    parts << TrafficLogModel::kindLabel(*e);
    // A verified frame, first as it matters most and the line may be cut:
    // "checksum CRC-16/MODBUS: expected C5 CD, found 00 00".
    if (hasPayload(*e) && !e->message.isEmpty())
        parts << e->message;
    // Which reply rule answered it, or that none did (issue 20).
    if (const QString rule = TrafficLogModel::ruleNote(*e); !rule.isEmpty())
        parts << rule;
    if (hasPayload(*e))
        parts << tr("%Ln byte(s)", nullptr, int(qMin<qsizetype>(e->payload.size(), INT_MAX)));
    if (!e->local.isNull())
        parts << tr("local %1").arg(e->local.toString());
    if (!e->peer.isNull())
        parts << tr("peer %1").arg(e->peer.toString());
    if (e->connectionId)
        parts << tr("connection #%1").arg(e->connectionId);
    if (hasPayload(*e) && e->payload.size() <= kCountInvalidUpTo) {
        const qsizetype invalid = m_ui->hexDump->invalidOffsets().size();
        parts << (invalid ? tr("%Ln invalid sequence(s) in %1", nullptr, int(invalid)).arg(encoding())
                          : tr("valid %1").arg(encoding()));
    }
    m_detailHeader->setText(parts.join(u"  ·  "_s));
}

bool TrafficView::selectSerial(quint64 serial)
{
    const int row = m_filter->rowOfSerial(serial);
    if (row < 0)
        return false;
    const QModelIndex index = m_filter->index(row, 0);
    m_ui->table->selectionModel()->setCurrentIndex(
            index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_ui->table->scrollTo(index, QAbstractItemView::PositionAtCenter);
    return true;
}

void TrafficView::showNotice(const QString &notice)
{
    m_notice = notice;
    m_noticeUntilMs = QDateTime::currentMSecsSinceEpoch() + 8000;
    updateStats();
}
