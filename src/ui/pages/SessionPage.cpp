#include "ui/pages/SessionPage.h"

#include "core/log/TrafficLog.h"
#include "core/net/Session.h"
#include "core/text/TextCodec.h"
#include "ui/commands/QuickSendBar.h"
#include "ui/pages/ChecksumPanel.h"
#include "ui/commands/SequencePanel.h"
#include "ui/pages/ConnectionsColumns.h"
#include "ui/pages/FramingPanel.h"
#include "ui/pages/PeerInspector.h"
#include "ui/pages/ReplySummary.h"
#include "ui/pages/RulesEditor.h"
#include "ui/pages/StatsPanel.h"
#include "ui/send/SendPanel.h"
#include "ui/teach/LifecycleView.h"
#include "ui/teach/TcpStateView.h"
#include "ui/teach/SequenceDiagram.h"
#include "ui/teach/StreamView.h"
#include "ui/traffic/HexDumpView.h"
#include "ui/traffic/TrafficView.h"
#include "ui/widgets/FieldValidation.h"
#include "ui/widgets/SidePanelToggle.h"
#include "ui/widgets/SplitterFirstSizes.h"

#include <QComboBox>
#include <QHostAddress>
#include <QLabel>
#include <QLineEdit>
#include <QNetworkInterface>
#include <QBoxLayout>
#include <QFontDatabase>
#include <QHeaderView>
#include <QScrollArea>
#include <QShortcut>
#include <QSplitter>
#include <QTabWidget>
#include <QStringList>
#include <QTableView>
#include <QToolButton>

SessionPage::SessionPage(Session *session, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
{
    connect(session, &Session::settingsChanged, this, &SessionPage::onSettingsChanged);
}

SessionPage::~SessionPage() = default;

void SessionPage::setupTrio(TrafficView *traffic, PeerInspector *inspector, SendPanel *send)
{
    m_traffic = traffic;
    m_inspector = inspector;
    m_send = send;
    traffic->setSession(m_session);
    inspector->setSession(m_session);
    // The view starts in the session's encoding and is the view's own after that.
    traffic->setEncoding(m_session->encoding());
    send->setEncoding(m_session->encoding());
    // One repeat per session, whoever starts it (the panel or --repeat).
    send->setRepeater(m_session->repeater());
    connect(traffic, &TrafficView::connectionSelected, inspector, &PeerInspector::showConnection);
    connect(send, &SendPanel::encodingChanged, this, &SessionPage::setSendEncoding);
    send->setWireBytes([this](const QByteArray &payload, QString *note) {
        QString error;
        const QByteArray wire = m_session->wireBytes(payload, &error);
        if (!error.isEmpty()) {
            *note = error;
            return payload;
        }
        // The checksum's bytes, marked, before anything is sent.
        QStringList added;
        if (const std::optional<Checksum> &sum = m_session->settings().checksum)
            added << tr("+ %1 (%2)").arg(TextCodec::toHex(sum->append(payload).appended).toUpper(),
                                         Checksum::info(sum->algorithm()).catalogueName);
        if (wire.size() != payload.size() + (m_session->settings().checksum ? m_session->settings().checksum->width() : 0))
            added << tr("framed as %1").arg(m_session->framing().toString());
        *note = added.join(QStringLiteral(", "));
        return wire;
    });
    connect(m_session, &Session::settingsChanged, send, &SendPanel::refreshPreview);
    // The send box: {counter} is the session's; line ending and clearing are its settings.
    send->setSession(m_session);
    connect(send, &SendPanel::lineEndingChanged, this, &SessionPage::setSendLineEnding);
    connect(send, &SendPanel::clearAfterSendChanged, this, &SessionPage::setClearAfterSend);
    auto *clear = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_L), this, this, [this] { m_session->log()->clear(); });
    clear->setContext(Qt::WidgetWithChildrenShortcut);

    // Quick-send bar: sends where the send panel sends. In the page's "Send
    // to" row where it has one (no line of its own on the fullest page, for
    // small screens), else in a row right above the send panel.
    m_quickSend = new QuickSendBar(m_session, send, this, this);
    if (auto *row = findChild<QHBoxLayout *>(QStringLiteral("sendTargetRow")))
        row->addWidget(m_quickSend, 1);
    else if (auto *box = qobject_cast<QBoxLayout *>(send->parentWidget()->layout()))
        box->insertWidget(box->indexOf(send), m_quickSend);
}

void SessionPage::setPayloadLibrary(LibraryEdits *edits, std::function<void()> openLibrary)
{
    if (m_quickSend)
        m_quickSend->setLibrary(edits, std::move(openLibrary));
    if (m_sequencePanel)
        m_sequencePanel->setLibrary(edits);
    if (m_rulesEditor)
        m_rulesEditor->setLibrary(edits);
}

void SessionPage::arrangePanels(QSplitter *top, QSplitter *main, QWidget *sidePanel, QBoxLayout * /*sideLayout*/,
                                QTableView *peerTable)
{
    m_topSplitter = top;
    m_mainSplitter = main;
    if (peerTable) {
        peerTable->verticalHeader()->hide();
        peerTable->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
        peerTable->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);
        new ConnectionsColumns(peerTable);
        // The inspector is the side panel's other tab: a double click there.
        if (auto *tabs = sidePanel->findChild<QTabWidget *>(QStringLiteral("sideTabs"))) {
            connect(peerTable, &QAbstractItemView::doubleClicked, tabs, [tabs] {
                if (QWidget *page = tabs->findChild<QWidget *>(QStringLiteral("inspectorPage")))
                    tabs->setCurrentWidget(page);
            });
        }
    }
    makeInspectorScrollable(m_inspector->parentWidget()->layout(), m_inspector);
    // The views take what the window gains or loses; the side panel keeps
    // its width and the send area its height, as the user left them.
    top->setStretchFactor(0, 1);
    top->setStretchFactor(1, 0);
    main->setStretchFactor(0, 1);
    main->setStretchFactor(1, 0);
    // Narrow windows squeeze the side panel rather than grow past the screen.
    sidePanel->setMinimumWidth(180);
    // First-run proportions, worked out when the page is first shown; a
    // saved layout replaces them in restoreState().
    const int em = fontMetrics().averageCharWidth();
    new SplitterFirstSizes(top, [em](int width) { return qBound(32 * em, width * 30 / 100, 60 * em); });
    QWidget *sendArea = main->widget(1);
    new SplitterFirstSizes(main, [sendArea](int height) {
        // The send controls and an editor of two lines, or four where the
        // window is tall enough for the traffic to keep a good part.
        const int lines = sendArea->fontMetrics().lineSpacing();
        const int least = sendArea->minimumSizeHint().height();
        return height >= 4 * least ? least + 2 * lines : least;
    });
    if (m_views) {
        auto *toggle = new QToolButton;
        toggle->setObjectName(QStringLiteral("sidePanelButton"));
        toggle->setText(tr("Side panel"));
        toggle->setToolTip(tr("Show or hide the panel beside the views; dragging its edge to the side hides it too"));
        toggle->setAccessibleName(tr("Show the side panel"));
        toggle->setAutoRaise(true);
        m_views->setCornerWidget(toggle, Qt::TopRightCorner);
        new SidePanelToggle(top, toggle);
    }

    // Parts moved between layouts above (the inspector into a scroll area,
    // on a tab that is hidden) leave stale minimum sizes cached in the
    // layouts around them, and a window shown with those would open taller
    // than the screen: they are worked out afresh when the page is shown.
    const auto widgets = findChildren<QWidget *>();
    for (QWidget *widget : widgets)
        widget->updateGeometry();

    auto *start = new QShortcut(QKeySequence(Qt::Key_F5), this, this, &SessionPage::startSession);
    start->setContext(Qt::WidgetWithChildrenShortcut);
    auto *stop = new QShortcut(QKeySequence(Qt::SHIFT | Qt::Key_F5), this, this, &SessionPage::stopSession);
    stop->setContext(Qt::WidgetWithChildrenShortcut);
}

void SessionPage::makeInspectorScrollable(QLayout *layout, PeerInspector *inspector)
{
    auto *scroll = new QScrollArea;
    scroll->setObjectName(QStringLiteral("peerInspectorScroll"));
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setFocusPolicy(Qt::NoFocus);
    // Up and down only: what could be too wide (an address) is cut with "…".
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    delete layout->replaceWidget(inspector, scroll);
    scroll->setWidget(inspector);
    inspector->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Preferred);
    scroll->setMinimumWidth(inspector->minimumSizeHint().width());
    // All the height there is, rather than a spacer's share of it.
    if (auto *box = qobject_cast<QBoxLayout *>(layout))
        box->setStretchFactor(scroll, 1);
}

void SessionPage::setSendEncoding(const QString &encoding)
{
    const QString canonical = TextCodec::canonicalName(encoding);
    if (canonical.isEmpty())
        return;
    editSettings([&](SessionSettings &s) { s.encoding = canonical; });
    for (FieldValidation *check : std::as_const(m_encodingChecks))
        check->recheck();
    if (m_templateCheck)
        m_templateCheck->recheck();
}

void SessionPage::setSendLineEnding(PayloadEntry::LineEnding ending)
{
    editSettings([&](SessionSettings &s) { s.sendLineEnding = ending; });
}

void SessionPage::setClearAfterSend(bool on)
{
    editSettings([&](SessionSettings &s) { s.clearAfterSend = on; });
}

void SessionPage::addEncodingDependentCheck(FieldValidation *check)
{
    m_encodingChecks.append(check);
    connect(check, &FieldValidation::errorChanged, this, &SessionPage::updateFieldState);
}

QString SessionPage::sendBlocker() const
{
    if (m_framing && m_framing->frameSends() && !m_framing->error().isEmpty())
        return tr("Framing: %1. Nothing was sent.").arg(m_framing->error());
    return QString();
}

void SessionPage::setupAutoReply(QComboBox *mode, QLineEdit *templateEdit)
{
    m_replyMode = mode;
    m_replyTemplate = templateEdit;
    m_replySummary = new ReplySummary(mode, templateEdit, this);
    // The mark, the tooltip and the page's error line say what is wrong with
    // the template; while it is bad the session answers nothing.
    m_templateCheck = new FieldValidation(templateEdit, [this](const QString &) {
        QString error;
        autoReplyFromFields(&error);
        return error;
    }, this);
    connect(m_templateCheck, &FieldValidation::errorChanged, this, &SessionPage::updateFieldState);
    connect(mode, &QComboBox::currentIndexChanged, this, &SessionPage::onReplyFieldsEdited);
    connect(templateEdit, &QLineEdit::textChanged, this, &SessionPage::onReplyFieldsEdited);
    setupRulesEditor();
}

void SessionPage::addTeachingViews(QSplitter *splitter)
{
    // Small screens: the table may shrink to a few lines, the byte dump to
    // its column heads and one line.
    m_traffic->table()->setMinimumHeight(56);
    const QFontMetrics fixed(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_traffic->detailView()->setMinimumHeight(2 * fixed.lineSpacing() + 4);
    const int index = splitter->indexOf(m_traffic);
    m_views = new QTabWidget;
    m_views->setObjectName(QStringLiteral("viewTabs"));
    m_views->setDocumentMode(true);
    m_views->setAccessibleName(tr("Views of this session"));
    splitter->replaceWidget(index, m_views);
    m_views->addTab(m_traffic, tr("Traffic"));
    m_lifecycle = new LifecycleView;
    m_lifecycle->setObjectName(QStringLiteral("lifecycleView"));
    m_lifecycle->setSession(m_session);
    m_views->addTab(m_lifecycle, tr("Socket lifecycle"));
    m_views->setTabToolTip(1, tr("The socket calls behind this session, step by step, as Python or C"));
    m_sequence = new SequenceDiagram;
    m_sequence->setObjectName(QStringLiteral("sequenceDiagram"));
    m_sequence->setSession(m_session);
    m_views->addTab(m_sequence, tr("Sequence"));
    // Scrolling views: on a small screen they shrink rather than grow the window.
    m_lifecycle->setMinimumHeight(100);
    m_sequence->setMinimumHeight(100);
    m_views->setTabToolTip(2, tr("Every connect, message and close as arrows between the sockets; click one to find it in the traffic"));
    connect(m_sequence, &SequenceDiagram::eventClicked, this, &SessionPage::onSequenceClicked);
    if (m_session->kind() != SessionKind::Udp) {
        // TCP only: a datagram socket keeps message boundaries.
        m_stream = new StreamView;
        m_stream->setObjectName(QStringLiteral("streamView"));
        m_stream->setSession(m_session);
        m_stream->setMinimumHeight(100);
        m_views->addTab(m_stream, tr("Byte stream"));
        m_views->setTabToolTip(3, tr("One connection's bytes as one stream, with where each recv() ended: TCP keeps no message boundaries"));
        connect(m_traffic, &TrafficView::connectionSelected, this, &SessionPage::onConnectionSelected);
        // Issue 21: the listener's or a connection's TCP state as the kernel has it.
        m_tcpStates = new TcpStateView;
        m_tcpStates->setObjectName(QStringLiteral("tcpStateView"));
        m_tcpStates->setSession(m_session);
        const int statesTab = m_views->addTab(scrolling(m_tcpStates), tr("TCP states"));
        m_views->setTabToolTip(statesTab, tr("The RFC 793 state diagram lit by the kernel's report of the selected connection (or the listener), with its queues and the path it took"));
        connect(m_traffic, &TrafficView::connectionSelected, m_tcpStates, &TcpStateView::showConnection);
    }
    // A tab of its own: the charts want the traffic view's width, and while
    // another tab is shown they are not redrawn at all.
    auto *stats = new StatsPanel;
    stats->setObjectName(QStringLiteral("statsPanel"));
    stats->setSession(m_session);
    const int statsTab = m_views->addTab(stats, tr("Statistics"));
    m_views->setTabToolTip(statsTab, tr("Bytes and messages per second over the last minute, totals, connections, and what the log's memory budget dropped"));

    // Issue 19: the tab's command sequences. In a scroll area, so its
    // editor and controls never make a small window grow.
    m_sequencePanel = new SequencePanel(m_session);
    m_sequencePanel->setObjectName(QStringLiteral("sequencePanel"));
    const int sequencesTab = m_views->addTab(scrolling(m_sequencePanel), tr("Command sequences"));
    m_views->setTabToolTip(sequencesTab, tr("Run a sequence of the payload library on this session: sends, "
                                            "waits for replies, loops; edit its steps and save them"));
}

void SessionPage::onSequenceClicked(quint64 serial)
{
    m_traffic->selectSerial(serial);
}

void SessionPage::onConnectionSelected(quint32 connectionId)
{
    if (!m_stream || connectionId == 0)
        return;
    m_stream->setConnection(connectionId);
    if (!m_sessions)
        return;
    // Is the far end one of our own tabs? Then its sends can be drawn too.
    const auto sessions = m_sessions();
    for (Session *other : sessions) {
        if (other == m_session)
            continue;
        if (!StreamView::sendSizesFor(other, m_stream->localEndpoint(), m_stream->peerEndpoint()).isEmpty()) {
            m_stream->setPeerSession(other);
            return;
        }
    }
    m_stream->setPeerSession(nullptr);
}

FramingPanel *SessionPage::setupFraming()
{
    m_framing = new FramingPanel;
    m_framing->setObjectName(QStringLiteral("framingPanel"));
    m_framing->setSession(m_session);
    return m_framing;
}

QToolButton *SessionPage::setupChecksum()
{
    m_checksumButton = new QToolButton;
    m_checksumButton->setObjectName(QStringLiteral("checksumButton"));
    m_checksumButton->setAccessibleName(tr("Checksum"));
    m_checksum = new ChecksumPanel(m_checksumButton);
    m_checksum->setObjectName(QStringLiteral("checksumPanel"));
    m_checksum->setWindowFlags(Qt::Popup);
    connect(m_checksumButton, &QToolButton::clicked, this, [this] {
        m_checksum->adjustSize();
        m_checksum->move(m_checksumButton->mapToGlobal(QPoint(0, m_checksumButton->height())));
        m_checksum->show();
    });
    connect(m_checksum, &ChecksumPanel::edited, this, [this] {
        editSettings([&](SessionSettings &s) {
            s.checksum = m_checksum->checksum();
            s.verifyChecksum = m_checksum->verify();
        });
        showChecksumButton();
    });
    showChecksumButton();
    return m_checksumButton;
}

void SessionPage::showChecksumButton()
{
    const SessionSettings &s = m_session->settings();
    m_checksumButton->setText(tr("Checksum: %1").arg(ChecksumPanel::shortName(s.checksum)));
    QString tip = s.checksum ? s.checksum->describe() : tr("No checksum is appended or verified");
    if (s.checksum && s.verifyChecksum)
        tip += u'\n' + tr("Received frames are verified");
    m_checksumButton->setToolTip(tip + u'\n' + tr("The greeting is sent as typed, without a checksum"));
}

AutoReply SessionPage::autoReplyFromFields(QString *error) const
{
    if (!m_replyMode || m_replySummary->currentKey() != QStringLiteral("template"))
        return m_session->autoReply();
    if (m_replyTemplate->text().isEmpty()) {
        if (error)
            *error = tr("The template is empty: nothing is answered");
        return AutoReply();
    }
    return AutoReply::fromSpec(m_replyTemplate->text(), m_session->encoding(), error);
}

void SessionPage::onReplyFieldsEdited()
{
    if (!m_replyMode)
        return;
    m_replyTemplate->setEnabled(m_replySummary->currentKey() == QStringLiteral("template"));
    if (m_showing)
        return;
    m_templateCheck->recheck();
    // The session gets the template as typed: one it cannot encode is kept
    // (and answers nothing, as the mark says) rather than silently dropped.
    const std::optional<QList<ReplyRule>> rules = m_replySummary->chosenRules();
    if (!rules) {
        // "Rules…": the editor, and the combo back to what the rules are.
        showRulesEditor();
        m_showing = true;
        m_replySummary->show(m_session->settings().rules);
        m_showing = false;
        return;
    }
    editSettings([&](SessionSettings &s) { s.rules = *rules; });
}

void SessionPage::onSettingsChanged()
{
    const SessionSettings now = m_session->settings();
    if (!m_writing) {
        m_showing = true;
        showSettings(m_shown, false);
        m_showing = false;
    }
    m_shown = now;
    emit titleChanged();
}

void SessionPage::showAllSettings()
{
    m_showing = true;
    showSettings(m_shown, true);
    m_showing = false;
    m_shown = m_session->settings();
}

void SessionPage::showText(QLineEdit *edit, const QString &text)
{
    if (edit->text() != text)
        edit->setText(text);
}

void SessionPage::showSettings(const SessionSettings &shown, bool all)
{
    const SessionSettings &now = m_session->settings();
    if (m_send && (all || shown.encoding != now.encoding)) {
        m_send->setEncoding(now.encoding);
        for (FieldValidation *check : std::as_const(m_encodingChecks))
            check->recheck();
    }
    if (m_send && (all || shown.sendLineEnding != now.sendLineEnding))
        m_send->setLineEnding(now.sendLineEnding);
    if (m_send && (all || shown.clearAfterSend != now.clearAfterSend))
        m_send->setClearAfterSend(now.clearAfterSend);
    if (m_replySummary && (all || shown.rules != now.rules))
        m_replySummary->show(now.rules);
    if (m_templateCheck && (all || shown.rules != now.rules || shown.encoding != now.encoding))
        m_templateCheck->recheck();
    if (m_framing && (all || !(shown.framing == now.framing) || shown.frameOutgoing != now.frameOutgoing))
        m_framing->showSession();
    if (m_checksum && (all || shown.checksum != now.checksum || shown.verifyChecksum != now.verifyChecksum)) {
        m_checksum->setValue(now.checksum, now.verifyChecksum);
        showChecksumButton();
    }
}

QVariantMap SessionPage::saveState() const
{
    QVariantMap m = m_session->settings().toMap(m_session->kind());
    if (m_traffic) {
        m.insert(QStringLiteral("hex"), m_traffic->hexMode());
        m.insert(QStringLiteral("viewEncoding"), m_traffic->encoding());
    }
    // What is typed but not valid yet comes back as typed (with its mark).
    if (m_framing)
        m.insert(QStringLiteral("framing"), m_framing->specText());
    if (m_replyTemplate)
        m.insert(QStringLiteral("replyTemplate"), m_replyTemplate->text());
    if (m_quickSend)
        m.insert(QStringLiteral("quickSendShown"), m_quickSend->buttonsShown());
    if (m_topSplitter) {
        m.insert(QStringLiteral("topSplitter"), m_topSplitter->saveState());
        m.insert(QStringLiteral("mainSplitter"), m_mainSplitter->saveState());
    }
    return m;
}

void SessionPage::restoreState(const QVariantMap &state)
{
    QVariantMap settings = state;
    const QString typedFraming = state.value(QStringLiteral("framing")).toString();
    QString framingError;
    FramingSpec::parse(typedFraming.trimmed(), &framingError);
    if (!framingError.isEmpty())
        settings.remove(QStringLiteral("framing"));   // the session keeps its own; the text comes back below
    m_session->setSettings(SessionSettings::fromMap(m_session->kind(), settings, m_session->settings()));
    // Only a framing that was saved comes back as typed: a state without one
    // (saved before framing existed) must not blank the field the session fills.
    if (m_framing && !framingError.isEmpty() && state.contains(QStringLiteral("framing")))
        m_framing->setSpecText(typedFraming);
    if (m_replyTemplate && state.contains(QStringLiteral("replyTemplate")) && !m_replyTemplate->isEnabled()) {
        // The template typed before another mode was chosen stays at hand.
        m_replyTemplate->setText(state.value(QStringLiteral("replyTemplate")).toString());
    }
    if (m_traffic) {
        if (state.contains(QStringLiteral("hex")))
            m_traffic->setHexMode(state.value(QStringLiteral("hex")).toBool());
        const QString view = state.value(QStringLiteral("viewEncoding"), state.value(QStringLiteral("encoding"))).toString();
        if (!view.isEmpty())
            m_traffic->setEncoding(view);
    }
    if (m_quickSend && state.contains(QStringLiteral("quickSendShown")))
        m_quickSend->setButtonsShown(state.value(QStringLiteral("quickSendShown")).toBool());
    if (m_topSplitter) {
        m_topSplitter->restoreState(state.value(QStringLiteral("topSplitter")).toByteArray());
        m_mainSplitter->restoreState(state.value(QStringLiteral("mainSplitter")).toByteArray());
    }
}

void SessionPage::fillListenAddresses(QComboBox *combo)
{
    const QString current = combo->currentText();
    combo->clear();
    combo->addItem(QStringLiteral("127.0.0.1"));
    combo->addItem(QStringLiteral("::1"));
    combo->addItem(QStringLiteral("0.0.0.0"));
    combo->addItem(QStringLiteral("::"));
    const auto all = QNetworkInterface::allAddresses();
    for (const QHostAddress &a : all) {
        if (a.isLoopback() || a.isLinkLocal())
            continue;
        const QString text = a.toString();
        if (combo->findText(text) < 0)
            combo->addItem(text);
    }
    if (!current.isEmpty())
        combo->setCurrentText(current);
}

QString SessionPage::bareAddress(const QString &text)
{
    QString t = text.trimmed();
    if (t.startsWith(u'[') && t.endsWith(u']'))
        t = t.mid(1, t.size() - 2);
    return t;
}

bool SessionPage::isLoopbackText(const QString &address)
{
    QHostAddress a;
    return a.setAddress(address.trimmed()) && a.isLoopback();
}

void SessionPage::updateExposureNotice(QLabel *notice, const QString &address, quint16 port)
{
    QHostAddress a;
    if (!a.setAddress(address.trimmed()) || a.isLoopback()) {
        notice->hide();
        return;
    }
    const QString portText = port == 0 ? tr("the chosen port") : tr("port %1").arg(port);
    if (a == QHostAddress(QHostAddress::AnyIPv4) || a == QHostAddress(QHostAddress::AnyIPv6))
        notice->setText(tr("⚠ Listening on all interfaces: %1 is reachable from the network, not only from this computer.")
                            .arg(portText));
    else
        notice->setText(tr("⚠ %1 is a network address: %2 is reachable from other machines on that network.")
                            .arg(address.trimmed(), portText));
    notice->show();
}

// --- Reply rules (issue 20) --------------------------------------------------

void SessionPage::setupRulesEditor()
{
    if (!m_views)
        return;
    m_rulesEditor = new RulesEditor(m_session);
    m_rulesEditor->setObjectName(QStringLiteral("rulesEditor"));
    // In a scroll area, as the sequences: its buttons never make a small window grow.
    const int tab = m_views->addTab(scrolling(m_rulesEditor), tr("Reply rules"));
    m_views->setTabToolTip(tab, tr("Match each received message against ordered rules and answer it: "
                                   "what the device or service under test would say"));
}

QScrollArea *SessionPage::scrolling(QWidget *widget)
{
    auto *scroll = new QScrollArea;
    scroll->setObjectName(widget->objectName() + QStringLiteral("Scroll"));
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidgetResizable(true);
    scroll->setWidget(widget);
    return scroll;
}

void SessionPage::showRulesEditor()
{
    if (auto *scroll = m_views ? m_views->findChild<QScrollArea *>(QStringLiteral("rulesEditorScroll")) : nullptr)
        m_views->setCurrentWidget(scroll);
}
