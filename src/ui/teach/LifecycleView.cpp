#include "ui/teach/LifecycleView.h"

#include "core/teach/NarratorPhrases.h"
#include "core/teach/ScriptPlan.h"

#include <QButtonGroup>
#include <QClipboard>
#include <QFontDatabase>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QPaintEvent>
#include <QPainter>
#include <QPainterPath>
#include <QPushButton>
#include <QRadioButton>
#include <QScrollArea>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;
using Call = SocketNarrator::Call;
using Step = SocketNarrator::Step;
using StepState = SocketNarrator::Step::State;

namespace {

constexpr int kMargin = 10;
constexpr int kBoxW = 96;
constexpr int kBoxH = 30;
constexpr int kArrowW = 26;
constexpr int kLaneGap = 16;
// Data calls listed per lane in the view: the first few and the latest.
constexpr int kHeadDataLines = 3;
constexpr int kTailDataLines = 5;

struct Box
{
    QString label;
    StepState state = StepState::NotYet;
    int count = 0;
    bool data = false;
    QList<Call> calls;  // data: the calls in it, for its label
};

struct Line
{
    QString text;
    StepState state = StepState::NotYet;
    bool note = false;
};

struct LaneLayout
{
    QString title;
    bool open = false;
    QList<Box> boxes;
    QList<Line> lines;
    int top = 0;
    int height = 0;
};

StepState combine(StepState a, StepState b)
{
    auto rank = [](StepState s) {
        switch (s) {
        case StepState::Current: return 3;
        case StepState::Failed: return 2;
        case StepState::Done: return 1;
        case StepState::NotYet: return 0;
        }
        return 0;
    };
    return rank(b) > rank(a) ? b : a;
}

QString dataLabel(const SocketLane &lane, const QList<Call> &calls = {})
{
    return NarratorPhrases::dataCallsLabel(calls, lane.role == SocketLane::Role::Udp);
}

QString boxText(const Box &b)
{
    return b.count > 1 ? u"%1 ×%2"_s.arg(b.label).arg(b.count) : b.label;
}

} // namespace

// Paints the lanes; holds a copy of the narrator's model taken on each
// coalesced change, so painting never walks live session state.
class LifecycleCanvas : public QWidget
{
public:
    explicit LifecycleCanvas(QWidget *parent)
        : QWidget(parent)
    {
        setFocusPolicy(Qt::StrongFocus);
        setBackgroundRole(QPalette::Base);
        setAutoFillBackground(true);
        m_mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    }

    void setModel(const QList<SocketLane> &lanes, SocketNarrator::Language language, int maxAccepted)
    {
        m_lanes.clear();
        // The session's own sockets always; of the accepted ones the newest.
        qsizetype accepted = 0;
        for (const SocketLane &l : lanes)
            accepted += l.role == SocketLane::Role::Accepted ? 1 : 0;
        qsizetype skip = qMax<qsizetype>(0, accepted - maxAccepted);
        m_hiddenAccepted = skip;
        for (const SocketLane &l : lanes) {
            if (l.role == SocketLane::Role::Accepted && skip > 0) {
                --skip;
                continue;
            }
            m_lanes.append(layoutLane(l, language));
        }
        relayout();
        update();
    }

    qsizetype hiddenAccepted() const { return m_hiddenAccepted; }
    const QList<LaneLayout> &lanes() const { return m_lanes; }

    QSize sizeHint() const override { return m_size; }
    QSize minimumSizeHint() const override { return QSize(200, 80); }

protected:
    void changeEvent(QEvent *e) override
    {
        if (e->type() == QEvent::FontChange || e->type() == QEvent::StyleChange)
            relayout();
        QWidget::changeEvent(e);
    }

    void paintEvent(QPaintEvent *event) override
    {
        QPainter p(this);
        p.setRenderHint(QPainter::Antialiasing);
        const QPalette pal = palette();
        const QFontMetrics fm(font());
        const QFontMetrics mfm(m_mono);
        const QRect visible = event->rect();
        if (m_lanes.isEmpty()) {
            p.setPen(pal.color(QPalette::PlaceholderText));
            p.drawText(rect().adjusted(kMargin, kMargin, -kMargin, -kMargin), Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap,
                       LifecycleView::tr("Nothing has happened yet. Start the session and its sockets appear here, "
                                         "one lane per socket, with the Python calls that do the same."));
            return;
        }
        for (const LaneLayout &lane : m_lanes) {
            if (lane.top > visible.bottom() || lane.top + lane.height < visible.top())
                continue;  // only what is on screen
            int y = lane.top;
            QFont bold = font();
            bold.setBold(true);
            p.setFont(bold);
            p.setPen(pal.color(QPalette::Text));
            p.drawText(QRect(kMargin, y, width() - 2 * kMargin, fm.height()), Qt::AlignLeft | Qt::AlignVCenter,
                       lane.title + (lane.open ? QString() : LifecycleView::tr("  (closed)")));
            y += fm.height() + 6;
            p.setFont(font());
            int x = kMargin;
            for (qsizetype i = 0; i < lane.boxes.size(); ++i) {
                const Box &b = lane.boxes[i];
                if (i > 0) {
                    const int ay = y + kBoxH / 2;
                    p.setPen(QPen(pal.color(QPalette::Text), 1.2));
                    p.drawLine(x - kArrowW + 4, ay, x - 4, ay);
                    QPainterPath head;
                    head.moveTo(x - 4, ay);
                    head.lineTo(x - 10, ay - 4);
                    head.lineTo(x - 10, ay + 4);
                    head.closeSubpath();
                    p.fillPath(head, pal.color(QPalette::Text));
                }
                drawBox(p, QRect(x, y, kBoxW, kBoxH), b);
                x += kBoxW + kArrowW;
            }
            y += kBoxH + 8;
            p.setFont(m_mono);
            for (const Line &line : lane.lines) {
                const QRect r(kMargin, y, width() - 2 * kMargin, mfm.height());
                QColor mark;
                QColor text = pal.color(QPalette::Text);
                switch (line.state) {
                case StepState::Current:
                    p.fillRect(r.adjusted(-2, 0, 2, 0), pal.color(QPalette::Highlight));
                    text = pal.color(QPalette::HighlightedText);
                    mark = text;
                    break;
                case StepState::Failed:
                    mark = failedColor();
                    text = failedTextColor(pal);
                    break;
                case StepState::Done:
                    mark = pal.color(QPalette::Mid);
                    break;
                case StepState::NotYet:
                    text = pal.color(QPalette::PlaceholderText);
                    break;
                }
                if (mark.isValid() && !line.note)
                    p.fillRect(QRect(r.left() + 2, r.center().y() - 3, 6, 6), mark);
                p.setPen(text);
                p.drawText(r.adjusted(14, 0, 0, 0), Qt::AlignLeft | Qt::AlignVCenter, line.text);
                y += mfm.height();
            }
        }
    }

private:
    static QColor failedColor() { return QColor(0xc6, 0x28, 0x28); }
    static QColor failedTextColor(const QPalette &pal)
    {
        // Readable red on light and dark bases.
        return pal.color(QPalette::Base).lightness() < 128 ? QColor(0xff, 0x8a, 0x80) : QColor(0xb7, 0x1c, 0x1c);
    }

    void drawBox(QPainter &p, const QRect &r, const Box &b) const
    {
        const QPalette pal = palette();
        QColor fill, text, border;
        Qt::PenStyle style = Qt::SolidLine;
        switch (b.state) {
        case StepState::Current:
            fill = pal.color(QPalette::Highlight);
            text = pal.color(QPalette::HighlightedText);
            border = fill.darker(130);
            break;
        case StepState::Done:
            fill = pal.color(QPalette::Button);
            text = pal.color(QPalette::ButtonText);
            border = pal.color(QPalette::Mid);
            break;
        case StepState::Failed:
            fill = failedColor();
            text = Qt::white;
            border = fill.darker(130);
            break;
        case StepState::NotYet:
            fill = pal.color(QPalette::Base);
            text = pal.color(QPalette::PlaceholderText);
            border = pal.color(QPalette::Mid);
            style = Qt::DashLine;
            break;
        }
        p.setPen(QPen(border, b.state == StepState::Current ? 2 : 1, style));
        p.setBrush(fill);
        p.drawRoundedRect(QRectF(r).adjusted(0.5, 0.5, -0.5, -0.5), 5, 5);
        p.setPen(text);
        p.drawText(r, Qt::AlignCenter, fontMetrics().elidedText(boxText(b), Qt::ElideRight, r.width() - 6));
    }

    LaneLayout layoutLane(const SocketLane &lane, SocketNarrator::Language language) const
    {
        LaneLayout out;
        out.title = lane.title();
        out.open = lane.open;
        bool hasData = false;
        qsizetype dataIndex = 0;
        const qsizetype dataCount = lane.dataSteps;
        for (const Step &s : lane.steps) {
            if (s.isData) {
                hasData = true;
                if (out.boxes.isEmpty() || !out.boxes.last().data)
                    out.boxes.append(Box{QString(), s.state, 0, true, {}});
                Box &box = out.boxes.last();
                box.state = combine(box.state, s.state);
                ++box.count;
                if (!box.calls.contains(s.call))
                    box.calls << s.call;
                box.label = dataLabel(lane, box.calls);
                // The first few and the latest: enough to follow, bounded to draw.
                const bool head = dataIndex < kHeadDataLines;
                const bool tail = dataIndex >= dataCount - kTailDataLines;
                if (head || tail)
                    out.lines.append(Line{NarratorPhrases::line(s, language), s.state, false});
                else if (dataIndex == kHeadDataLines)
                    out.lines.append(Line{LifecycleView::tr("… %n more call(s)", nullptr,
                                                            int(dataCount - kHeadDataLines - kTailDataLines)),
                                          StepState::NotYet, true});
                ++dataIndex;
                continue;
            }
            if (s.call == Call::Close && !hasData
                && (lane.role == SocketLane::Role::Accepted || lane.role == SocketLane::Role::Client
                    || lane.role == SocketLane::Role::Udp)
                && !(lane.role == SocketLane::Role::Accepted && lane.connectionId == 0)) {
                // What comes between, still to happen (or never did).
                out.boxes.append(Box{dataLabel(lane), StepState::NotYet, 0, true, {}});
                hasData = true;
            }
            if (s.call == Call::Close && lane.moreDataSteps > 0)
                out.lines.append(Line{LifecycleView::tr("… and %1 more calls (%2 bytes) not kept")
                                          .arg(lane.moreDataSteps).arg(lane.moreDataBytes),
                                      StepState::NotYet, true});
            out.boxes.append(Box{NarratorPhrases::callName(s.call), s.state, 1, false, {}});
            out.lines.append(Line{NarratorPhrases::line(s, language), s.state, false});
        }
        return out;
    }

    void relayout()
    {
        const QFontMetrics fm(font());
        const QFontMetrics mfm(m_mono);
        int y = kMargin;
        int w = 0;
        for (LaneLayout &lane : m_lanes) {
            lane.top = y;
            const int boxes = int(lane.boxes.size()) * (kBoxW + kArrowW) - kArrowW;
            int lines = fm.horizontalAdvance(lane.title) + 80;
            for (const Line &l : std::as_const(lane.lines))
                lines = qMax(lines, mfm.horizontalAdvance(l.text) + 14);
            w = qMax(w, qMax(boxes, lines));
            lane.height = fm.height() + 6 + kBoxH + 8 + int(lane.lines.size()) * mfm.height();
            y += lane.height + kLaneGap;
        }
        m_size = QSize(w + 2 * kMargin, y);
        setMinimumSize(m_lanes.isEmpty() ? QSize(0, 0) : m_size);
        updateGeometry();
    }

    QList<LaneLayout> m_lanes;
    qsizetype m_hiddenAccepted = 0;
    QFont m_mono;
    QSize m_size{300, 100};
};

LifecycleView::LifecycleView(QWidget *parent)
    : QWidget(parent)
{
    auto *top = new QHBoxLayout;
    top->setContentsMargins(6, 4, 6, 2);
    auto *langLabel = new QLabel(tr("Narrate as:"), this);
    m_python = new QRadioButton(tr("&Python"), this);
    m_python->setObjectName(u"pythonButton"_s);
    m_python->setAccessibleName(tr("Narrate as Python"));
    m_python->setChecked(true);
    m_c = new QRadioButton(tr("C"), this);
    m_c->setObjectName(u"cButton"_s);
    m_c->setAccessibleName(tr("Narrate as C"));
    auto *group = new QButtonGroup(this);
    group->addButton(m_python);
    group->addButton(m_c);
    m_copy = new QPushButton(this);
    m_copy->setObjectName(u"copyButton"_s);
    m_status = new QLabel(this);
    m_status->setObjectName(u"statusLabel"_s);
    top->addWidget(langLabel);
    top->addWidget(m_python);
    top->addWidget(m_c);
    top->addSpacing(12);
    top->addWidget(m_copy);
    top->addWidget(m_status);
    top->addStretch(1);

    m_note = new QLabel(this);
    m_note->setObjectName(u"noteLabel"_s);
    m_note->setWordWrap(true);
    m_note->hide();

    m_canvas = new LifecycleCanvas(this);
    m_canvas->setObjectName(u"lifecycleCanvas"_s);
    m_canvas->setAccessibleName(tr("Socket lifecycle diagram"));
    m_scroll = new QScrollArea(this);
    m_scroll->setObjectName(u"lifecycleScroll"_s);
    m_scroll->setWidget(m_canvas);
    m_scroll->setWidgetResizable(true);
    m_scroll->setBackgroundRole(QPalette::Base);
    m_scroll->setAccessibleName(tr("Socket lifecycle"));

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(top);
    layout->addWidget(m_note);
    layout->addWidget(m_scroll, 1);

    setWhatsThis(tr("Each socket's life as the calls a program makes: socket(), bind(), listen(), accept(), "
                    "recv()/send(), close(). A server shows its listening socket and, apart, every socket "
                    "accept() returned. The highlighted call is where the socket is now."));
    connect(m_python, &QRadioButton::toggled, this, &LifecycleView::onLanguageToggled);
    connect(m_copy, &QPushButton::clicked, this, &LifecycleView::onCopyClicked);
    setFocusProxy(m_python);
    updateTexts();
    onNarratorChanged();
}

LifecycleView::~LifecycleView() = default;

void LifecycleView::setSession(Session *session)
{
    delete m_narrator;
    m_narrator = nullptr;
    if (session) {
        m_narrator = new SocketNarrator(session, this);
        connect(m_narrator, &SocketNarrator::changed, this, &LifecycleView::onNarratorChanged);
    }
    m_status->clear();
    onNarratorChanged();
}

Session *LifecycleView::session() const
{
    return m_narrator ? m_narrator->session() : nullptr;
}

void LifecycleView::setLanguage(SocketNarrator::Language language)
{
    if (language == m_language)
        return;
    m_language = language;
    (language == SocketNarrator::Language::Python ? m_python : m_c)->setChecked(true);
    updateTexts();
    onNarratorChanged();
}

void LifecycleView::onLanguageToggled()
{
    setLanguage(m_python->isChecked() ? SocketNarrator::Language::Python : SocketNarrator::Language::C);
}

void LifecycleView::updateTexts()
{
    const bool py = m_language == SocketNarrator::Language::Python;
    m_copy->setText(py ? tr("Copy as Python script") : tr("Copy as C program"));
    m_copy->setToolTip(py ? tr("Copy a Python 3 script that makes the same socket calls with the same values")
                          : tr("Copy a C program that makes the same socket calls"));
}

// Hidden (another tab is current), the drawing waits: laying out every
// lane's calls on each of the narrator's notices costs the GUI thread in
// proportion to the connections' traffic, for nobody to see
// (bench/results/2026-12-03-load-c51ed95.md).
void LifecycleView::onNarratorChanged()
{
    if (!isVisible()) {
        m_stale = true;
        return;
    }
    redraw();
}

void LifecycleView::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_stale)
        redraw();
}

void LifecycleView::ensureDrawn() const
{
    if (m_stale)
        const_cast<LifecycleView *>(this)->redraw();
}

void LifecycleView::redraw()
{
    m_stale = false;
    const QList<SocketLane> lanes = m_narrator ? m_narrator->sockets() : QList<SocketLane>();
    m_canvas->setModel(lanes, m_language, kMaxDrawnLanes);
    m_copy->setEnabled(m_narrator && !lanes.isEmpty());

    QStringList notes;
    if (m_canvas->hiddenAccepted() > 0)
        notes << tr("Showing the newest %1 connections; %2 older ones are in the copied script.")
                     .arg(kMaxDrawnLanes).arg(m_canvas->hiddenAccepted());
    if (m_narrator && m_narrator->droppedSockets() > 0)
        notes << tr("%1 of the oldest connections are no longer remembered.").arg(m_narrator->droppedSockets());
    if (m_narrator && m_narrator->historyIncomplete())
        notes << tr("The log had dropped its oldest events before this view opened: the start may be missing.");
    m_note->setText(notes.join(u' '));
    m_note->setVisible(!notes.isEmpty());

    // What a screen reader says: where each socket is now.
    QStringList now;
    for (const SocketLane &l : lanes) {
        if (const Step *s = l.currentStep())
            now << tr("%1: %2").arg(l.title(), NarratorPhrases::line(*s, m_language));
    }
    m_canvas->setAccessibleDescription(now.isEmpty() ? tr("No socket is active") : now.join(u'\n'));
}

void LifecycleView::onCopyClicked()
{
    if (!m_narrator)
        return;
    const QString text = ScriptPlan::from(*m_narrator).script(m_language);
    QGuiApplication::clipboard()->setText(text);
    m_status->setText(tr("Copied %n line(s)", nullptr, int(text.count(u'\n'))));
}

int LifecycleView::drawnLaneCount() const
{
    ensureDrawn();
    return int(m_canvas->lanes().size());
}

QStringList LifecycleView::drawnLaneTitles() const
{
    ensureDrawn();
    QStringList out;
    for (const LaneLayout &l : m_canvas->lanes())
        out << l.title;
    return out;
}

QStringList LifecycleView::drawnBoxes(int lane) const
{
    ensureDrawn();
    QStringList out;
    if (lane < 0 || lane >= m_canvas->lanes().size())
        return out;
    for (const Box &b : m_canvas->lanes().at(lane).boxes)
        out << boxText(b);
    return out;
}

QString LifecycleView::narrationText() const
{
    ensureDrawn();
    QStringList out;
    for (const LaneLayout &l : m_canvas->lanes()) {
        for (const Line &line : l.lines)
            out << line.text;
    }
    return out.join(u'\n');
}
