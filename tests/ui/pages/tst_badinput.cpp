// Bad input at every field: each bad value typed into the real widget of a
// real window gets a clear message at that field (its warning mark, tooltip
// and accessible description, and the page's error line or the send panel's
// message), and causes no traffic: a real peer in this test, a QTcpServer and
// a QUdpSocket on 127.0.0.1, sees no connection, no byte and no datagram, and
// the session logs no "data out" event (servers: no "listening" either).
//
// Inventory of what a user can edit, and where each is covered
// (the command-line options are in tests/e2e/test_bad_options.py, which runs
// the real program against a python listener and UDP receiver, and in
// tests/core/tst_commandline.cpp badValue_data):
//
//   TCP server tab
//     listen address (editable combo)  endpointFields      "1.2.3", "::g", "[::1", "300.1.1.1", "localhost", "", "127.0.0.1 x"
//     port                             endpointFields      "-1", "65536", "80a", "", "99999999999999999999"
//     backlog, client limit (spins)    spinBoxes           out of range / not a number: refused per keystroke, the
//                                                          server gets an in-range value
//     greeting                         greeting            bad escapes, a character the encoding lacks (also after
//                                                          switching the encoding)
//     auto-reply template              replyTemplate, badTemplateWhileRunningAnswersNothing
//     framing spec (editable combo)    framingSpec         length:0/-1/3/4:xx, fixed:0/-5/over the maximum, delim:zz/abc,
//                                                          bogus, ""
//     "Add to what I send"             framingSpec, payloadTooLargeForItsFraming
//     send target (All / Selected)     selectedClientMissing
//   TCP client tab
//     host                             endpointFields      spaces, a 64-character label, a 254-character name, "",
//                                                          "1.2.3", "::g", "[::1", "[example.com]", "-bad-.com"
//     port                             endpointFields      "0", "65536", "-1", "80a", ""
//     connect timeout (spin)           spinBoxes
//     bind local: address, port        endpointFields      "1.2.3", "example.com", "65536"
//     template, framing                replyTemplate, framingSpec (as the server)
//   UDP tab
//     bind address, port               endpointFields      also Send refuses: no datagram from a socket bound elsewhere
//     target host, port                endpointFields      "bad host", a 64-character label, "0", "65536", ""
//     reply to last sender             replyToLastWithoutSender
//     what a datagram can be           udpDatagramRefused  broadcast while off, over 65,507 bytes
//     template                         replyTemplate
//   Send panel (every tab)
//     payload text / hex, encoding     payloadInput        "4g", "123", "0x", "48 6", "\x4", "\q", a trailing "\",
//                                                          "😀" in GBK and Latin-1, "€" in Latin-1, empty; Send,
//                                                          Ctrl+Enter and Repeat all refuse
//     100 MiB paste                    hundredMebibytePaste (bounded preview and editor, the event loop keeps
//                                                          running, exactly the pasted bytes reach the peer;
//                                                          the time the GUI thread was blocked is printed);
//                                      largeInputPreview   a large input's preview parses its beginning only, cut
//                                                          where no escape, surrogate pair or hex byte is split,
//                                                          and shows an early error at once
//     repeat count, interval (spins)   spinBoxes
//     send file (the chooser's path)   sendFilePath        missing, a folder, a FIFO, empty, over the limit,
//                                                          unreadable (/proc/self/mem: not even root reads it)
//     line ending, history             choices only: nothing typed can be bad
//   Traffic view (every tab)
//     memory budget (spin)             spinBoxes
//     filter text                      any text is a valid substring filter: nothing to refuse
//     encoding, peer, direction        choices only; an unknown encoding from the settings file: unknownEncodingFromSettings
//     export file (the real chooser)   exportPath          a missing folder and /proc (the "Export failed" box says
//                                                          why), a folder (the chooser itself does not take it)
//   Byte stream view: recv(N) (spin)   spinBoxes
//   Session → Capture to Folder        captureFolder       a file, a folder under a file, ""
//   Lessons, Settings → Language       menus: nothing typed

#include "core/log/CaptureWriter.h"
#include "core/log/TrafficLog.h"
#include "core/net/Session.h"
#include "core/net/TcpClientSession.h"
#include "core/net/TcpServerSession.h"
#include "core/net/UdpSession.h"
#include "core/workbench/Workbench.h"
#include "ui/pages/FramingPanel.h"
#include "ui/pages/SessionPage.h"
#include "ui/pages/TcpClientPage.h"
#include "ui/pages/TcpServerPage.h"
#include "ui/pages/UdpPage.h"
#include "ui/send/SendPanel.h"
#include "ui/teach/StreamView.h"
#include "ui/traffic/TrafficView.h"
#include "ui/window/MainWindow.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileDialog>
#include <QInputMethodEvent>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QNetworkDatagram>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QUdpSocket>

#include <sys/stat.h>

#include <memory>

using namespace Qt::StringLiterals;

namespace {

// Long enough for a connect() or a datagram on loopback to arrive if one was made.
constexpr int kSettleMs = 150;

template <typename T>
T *child(QObject *parent, const char *name)
{
    T *w = parent->findChild<T *>(QLatin1StringView(name));
    if (!w)
        qFatal("no child %s", name);
    return w;
}

QLineEdit *lineEditOf(QWidget *w)
{
    if (auto *combo = qobject_cast<QComboBox *>(w))
        return combo->lineEdit();
    return qobject_cast<QLineEdit *>(w);
}

// Types text as a person does: keys for what a keyboard has, and what an
// input method commits for the rest ("€", "中", "😀"; QTest's key clicks
// know Latin-1 only).
void typeText(QWidget *widget, const QString &text)
{
    qsizetype i = 0;
    while (i < text.size()) {
        qsizetype j = i;
        const bool latin1 = text.at(i).unicode() < 0x100;
        while (j < text.size() && (text.at(j).unicode() < 0x100) == latin1)
            ++j;
        const QString run = text.sliced(i, j - i);
        if (latin1) {
            const QStringList lines = run.split(u'\n');
            for (qsizetype n = 0; n < lines.size(); ++n) {
                if (n > 0)
                    QTest::keyClick(widget, Qt::Key_Return);
                QTest::keyClicks(widget, lines.at(n));
            }
        } else {
            QInputMethodEvent commit;
            commit.setCommitString(run);
            QApplication::sendEvent(widget, &commit);
        }
        i = j;
    }
}

// Replaces the field's text the way a person does: select all, delete, type.
void typeInto(QLineEdit *edit, const QString &text)
{
    edit->setFocus(Qt::OtherFocusReason);
    edit->selectAll();
    QTest::keyClick(edit, Qt::Key_Delete);
    typeText(edit, text);
}

QString labelText(QWidget *page)
{
    auto *label = child<QLabel>(page, "fieldError");
    return label->isVisible() ? label->text() : QString();
}

// The field itself says what is wrong: the warning mark inside it, the reason
// as its tooltip and as its accessible description.
void verifyFieldSays(QLineEdit *edit, const QString &words)
{
    QVERIFY2(!edit->actions().isEmpty(), "no warning mark in the field");
    QVERIFY2(edit->toolTip().contains(words), qPrintable(edit->toolTip() + u" lacks "_s + words));
    QVERIFY2(edit->accessibleDescription().contains(words), qPrintable(edit->accessibleDescription()));
}

QString aName(int labelLength, int totalLength)
{
    QString name;
    while (name.size() < totalLength) {
        if (!name.isEmpty())
            name += u'.';
        name += QString(qMin(labelLength, int(totalLength - name.size())), u'a');
    }
    return name;
}

} // namespace

class TestBadInput : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();

    void endpointFields_data();
    void endpointFields();
    void payloadInput_data();
    void payloadInput();
    void largeInputPreview_data();
    void largeInputPreview();
    void replyTemplate_data();
    void replyTemplate();
    void badTemplateWhileRunningAnswersNothing_data();
    void badTemplateWhileRunningAnswersNothing();
    void greeting_data();
    void greeting();
    void framingSpec_data();
    void framingSpec();
    void payloadTooLargeForItsFraming();
    void selectedClientMissing();
    void replyToLastWithoutSender();
    void udpDatagramRefused_data();
    void udpDatagramRefused();
    void spinBoxes_data();
    void spinBoxes();
    void sendFilePath_data();
    void sendFilePath();
    void captureFolder_data();
    void captureFolder();
    void exportPath_data();
    void exportPath();
    void unknownEncodingFromSettings();
    void hundredMebibytePaste();

private:
    // The window with one tab of the given kind ("server", "client", "udp").
    SessionPage *openTab(const QString &kind);
    // Nothing reached the peer and the session sent nothing; `connections`
    // is how many connections the test itself made the session open;
    // mayBind: a UDP tab binds where its fields say before a sendto() that
    // is then refused (a bind is no traffic).
    void verifyNoTraffic(Session *session, int connections = 0, bool mayBind = false);
    // A client tab connected to the TCP peer, for the send-side rows.
    TcpClientPage *connectedClient();
    void typePayload(SendPanel *panel, const QString &text);

    std::unique_ptr<Workbench> m_bench;
    std::unique_ptr<MainWindow> m_window;
    QTcpServer m_tcpPeer;
    QUdpSocket m_udpPeer;
    QList<QTcpSocket *> m_peerSockets;
    int m_connections = 0;
    QByteArray m_tcpBytes;
    int m_datagrams = 0;
};

void TestBadInput::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(u"socket-workbench-tests"_s);
    QCoreApplication::setApplicationName(u"tst_badinput"_s);
    QVERIFY(m_tcpPeer.listen(QHostAddress::LocalHost, 0));
    connect(&m_tcpPeer, &QTcpServer::newConnection, this, [this] {
        while (QTcpSocket *s = m_tcpPeer.nextPendingConnection()) {
            ++m_connections;
            m_peerSockets.append(s);
            connect(s, &QTcpSocket::readyRead, this, [this, s] { m_tcpBytes += s->readAll(); });
        }
    });
    QVERIFY(m_udpPeer.bind(QHostAddress::LocalHost, 0));
    connect(&m_udpPeer, &QUdpSocket::readyRead, this, [this] {
        while (m_udpPeer.hasPendingDatagrams()) {
            m_udpPeer.receiveDatagram();
            ++m_datagrams;
        }
    });
}

void TestBadInput::init()
{
    QSettings().clear();
    m_connections = 0;
    m_tcpBytes.clear();
    m_datagrams = 0;
    m_bench = std::make_unique<Workbench>();
    m_window = std::make_unique<MainWindow>(m_bench.get());
    m_window->resize(1280, 860);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void TestBadInput::cleanup()
{
    m_window.reset();
    m_bench.reset();
    qDeleteAll(m_peerSockets);
    m_peerSockets.clear();
}

SessionPage *TestBadInput::openTab(const QString &kind)
{
    if (kind == u"server")
        m_bench->addTcpServer();
    else if (kind == u"client")
        m_bench->addTcpClient();
    else
        m_bench->addUdp();
    SessionPage *page = m_window->pageAt(m_window->pageCount() - 1);
    if (auto *client = qobject_cast<TcpClientPage *>(page)) {
        // Aimed at the peer: a connect the bad field should have prevented would show there.
        child<QLineEdit>(client, "hostEdit")->setText(u"127.0.0.1"_s);
        child<QLineEdit>(client, "portEdit")->setText(QString::number(m_tcpPeer.serverPort()));
    } else if (auto *udp = qobject_cast<UdpPage *>(page)) {
        child<QLineEdit>(udp, "targetHostEdit")->setText(u"127.0.0.1"_s);
        child<QLineEdit>(udp, "targetPortEdit")->setText(QString::number(m_udpPeer.localPort()));
    }
    return page;
}

void TestBadInput::verifyNoTraffic(Session *session, int connections, bool mayBind)
{
    QTest::qWait(kSettleMs);
    QCOMPARE(m_connections, connections);
    QCOMPARE(m_tcpBytes, QByteArray());
    QCOMPARE(m_datagrams, 0);
    const TrafficLog *log = session->log();
    for (qsizetype i = 0; i < log->size(); ++i) {
        const TrafficEvent &e = log->at(i);
        QVERIFY2(!(e.kind == TrafficEvent::Kind::Data && e.direction == TrafficEvent::Direction::Out),
                 "a data-out event was logged");
        if (connections == 0) {
            QVERIFY2(mayBind || e.kind != TrafficEvent::Kind::Listening, "the server listened");
            QVERIFY2(e.kind != TrafficEvent::Kind::Connected, "a connection was made");
        }
    }
}

TcpClientPage *TestBadInput::connectedClient()
{
    auto *page = qobject_cast<TcpClientPage *>(openTab(u"client"_s));
    QTest::mouseClick(child<QPushButton>(page, "connectButton"), Qt::LeftButton);
    if (!QTest::qWaitFor([&] { return page->client()->isConnected() && m_connections == 1; }, 5000))
        qWarning("the client did not connect to the peer");
    return page;
}

void TestBadInput::typePayload(SendPanel *panel, const QString &text)
{
    QPlainTextEdit *editor = panel->editor();
    editor->setFocus(Qt::OtherFocusReason);
    editor->selectAll();
    QTest::keyClick(editor, Qt::Key_Delete);
    typeText(editor, text);
}

// ---- addresses, host names, ports --------------------------------------------

void TestBadInput::endpointFields_data()
{
    QTest::addColumn<QString>("tab");
    QTest::addColumn<QString>("field");     // object name of the widget typed into
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("words");     // in the field's tooltip and in the page's error line

    const auto row = [](const char *tab, const char *field, const QString &value, const QString &words) {
        QTest::addRow("%s %s «%s»", tab, field, qPrintable(value.left(24))) << QString::fromLatin1(tab)
            << QString::fromLatin1(field) << value << words;
    };
    row("server", "addressCombo", u"1.2.3"_s, u"“1.2.3” is not an IP address"_s);
    row("server", "addressCombo", u"::g"_s, u"“::g” is not an IPv6 address"_s);
    row("server", "addressCombo", u"[::1"_s, u"is not an IPv6 address"_s);
    row("server", "addressCombo", u"300.1.1.1"_s, u"“300.1.1.1” is not an IP address"_s);
    row("server", "addressCombo", u"localhost"_s, u"“localhost” is not an IP address"_s);
    row("server", "addressCombo", u"127.0.0.1 x"_s, u"is not an IP address"_s);
    row("server", "addressCombo", QString(), u"Enter an IP address"_s);
    row("server", "portEdit", u"-1"_s, u"“-1” is not a port"_s);
    row("server", "portEdit", u"65536"_s, u"“65536” is not a port"_s);
    row("server", "portEdit", u"80a"_s, u"“80a” is not a port"_s);
    row("server", "portEdit", u"99999999999999999999"_s, u"is not a port: use a number from 0 to 65535"_s);
    row("server", "portEdit", QString(), u"The port is missing"_s);

    row("client", "hostEdit", u"bad host"_s, u"“bad host” is neither an IP address nor a valid host name"_s);
    row("client", "hostEdit", aName(64, 68), u"is neither an IP address nor a valid host name"_s);
    row("client", "hostEdit", aName(63, 254), u"is neither an IP address nor a valid host name"_s);
    row("client", "hostEdit", u"-bad-.com"_s, u"“-bad-.com” is neither"_s);
    row("client", "hostEdit", u"1.2.3"_s, u"“1.2.3” is neither"_s);
    row("client", "hostEdit", u"::g"_s, u"“::g” is not an IPv6 address"_s);
    row("client", "hostEdit", u"[::1"_s, u"is not an IPv6 address"_s);
    row("client", "hostEdit", u"[example.com]"_s, u"Brackets are only for IPv6 addresses"_s);
    row("client", "hostEdit", QString(), u"Enter a host name or an IP address"_s);
    row("client", "portEdit", u"0"_s, u"Port 0 is not allowed here"_s);
    row("client", "portEdit", u"65536"_s, u"“65536” is not a port: use a number from 1 to 65535"_s);
    row("client", "portEdit", u"-1"_s, u"“-1” is not a port"_s);
    row("client", "portEdit", u"80a"_s, u"“80a” is not a port"_s);
    row("client", "portEdit", QString(), u"The port is missing"_s);
    row("client", "bindAddressCombo", u"1.2.3"_s, u"“1.2.3” is not an IP address"_s);
    row("client", "bindAddressCombo", u"example.com"_s, u"“example.com” is not an IP address"_s);
    row("client", "bindPortEdit", u"65536"_s, u"“65536” is not a port"_s);

    row("udp", "addressCombo", u"1.2.3"_s, u"“1.2.3” is not an IP address"_s);
    row("udp", "addressCombo", u"::g"_s, u"“::g” is not an IPv6 address"_s);
    row("udp", "portEdit", u"65536"_s, u"“65536” is not a port"_s);
    row("udp", "portEdit", u"-1"_s, u"“-1” is not a port"_s);
    row("udp", "targetHostEdit", u"bad host"_s, u"“bad host” is neither"_s);
    row("udp", "targetHostEdit", aName(64, 64), u"is neither an IP address nor a valid host name"_s);
    row("udp", "targetHostEdit", QString(), u"Enter a host name or an IP address"_s);
    row("udp", "targetPortEdit", u"0"_s, u"Port 0 is not allowed here"_s);
    row("udp", "targetPortEdit", u"65536"_s, u"“65536” is not a port"_s);
    row("udp", "targetPortEdit", QString(), u"The port is missing"_s);
}

void TestBadInput::endpointFields()
{
    QFETCH(QString, tab);
    QFETCH(QString, field);
    QFETCH(QString, value);
    QFETCH(QString, words);

    SessionPage *page = openTab(tab);
    if (field.startsWith(u"bind"))
        child<QCheckBox>(page, "bindCheck")->setChecked(true);
    auto *widget = page->findChild<QWidget *>(field);
    QVERIFY(widget);
    QLineEdit *edit = lineEditOf(widget);
    QVERIFY(edit);
    typeInto(edit, value);
    QCOMPARE(edit->text(), value);   // no completion changed what was typed

    verifyFieldSays(edit, words);
    QVERIFY2(labelText(page).contains(words), qPrintable(labelText(page)));

    const char *startName = tab == u"server" ? "startButton" : tab == u"client" ? "connectButton" : "bindButton";
    auto *start = child<QPushButton>(page, startName);
    const bool targetField = field.startsWith(u"target");
    if (!targetField) {
        QVERIFY(!start->isEnabled());
        QTest::mouseClick(start, Qt::LeftButton);
        QTest::keyClick(edit, Qt::Key_F5);
        QCOMPARE(page->session()->state(), Session::State::Idle);
    }
    if (tab == u"udp") {
        // Sending binds on its own; it must not do so somewhere the fields do not say.
        auto *panel = child<SendPanel>(page, "sendPanel");
        typePayload(panel, u"x"_s);
        QTest::mouseClick(child<QPushButton>(panel, "sendButton"), Qt::LeftButton);
        QVERIFY2(panel->messageIsError(), qPrintable(panel->message()));
        QVERIFY2(panel->message().contains(words), qPrintable(panel->message()));
        QVERIFY2(panel->message().contains(u"othing was sent"_s), qPrintable(panel->message()));
        if (!targetField)
            QCOMPARE(page->session()->state(), Session::State::Idle);
    }
    verifyNoTraffic(page->session());
}

// ---- the send box ----------------------------------------------------------------

void TestBadInput::payloadInput_data()
{
    QTest::addColumn<bool>("hex");
    QTest::addColumn<QString>("encoding");
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("words");

    const auto row = [](const char *name, bool hex, const char *encoding, const QString &input, const QString &words) {
        QTest::newRow(name) << hex << QString::fromLatin1(encoding) << input << words;
    };
    row("hex 4g", true, "UTF-8", u"4g"_s, u"Invalid character “g” in hex at line 1, column 2"_s);
    row("hex odd digits", true, "UTF-8", u"123"_s, u"Odd number of hex digits in “123”"_s);
    row("hex odd second byte", true, "UTF-8", u"48 6"_s, u"Odd number of hex digits in “6” (each byte takes two) at line 1, column 4"_s);
    row("hex bare 0x", true, "UTF-8", u"0x"_s, u"“0x” is not followed by hex digits"_s);
    row("hex empty", true, "UTF-8", QString(), u"Nothing to send"_s);
    row("escape \\x4", false, "UTF-8", u"a\\x4"_s, u"\\x must be followed by two hex digits at line 1, column 2"_s);
    row("escape \\q", false, "UTF-8", u"a\\q"_s, u"Unknown escape \\q at line 1, column 2"_s);
    row("trailing backslash", false, "UTF-8", u"end\\"_s, u"Trailing backslash"_s);
    row("emoji in GBK", false, "GBK", u"ab😀"_s, u"cannot be encoded in GBK at line 1, column 3"_s);
    row("emoji in Latin-1", false, "ISO-8859-1", u"😀"_s, u"cannot be encoded in ISO-8859-1"_s);
    row("euro in Latin-1", false, "ISO-8859-1", u"x\n€"_s, u"“€” (U+20AC) cannot be encoded in ISO-8859-1 at line 2, column 1"_s);
    row("text empty", false, "UTF-8", QString(), u"Nothing to send"_s);
}

void TestBadInput::payloadInput()
{
    QFETCH(bool, hex);
    QFETCH(QString, encoding);
    QFETCH(QString, input);
    QFETCH(QString, words);

    TcpClientPage *page = connectedClient();
    QVERIFY(page->client()->isConnected());
    auto *panel = child<SendPanel>(page, "sendPanel");
    auto *encodingCombo = child<QComboBox>(panel, "encodingCombo");
    const int index = encodingCombo->findText(encoding);
    QVERIFY2(index >= 0, qPrintable(encoding));
    encodingCombo->setCurrentIndex(index);
    child<QAbstractButton>(panel, hex ? "hexRadio" : "textRadio")->click();
    typePayload(panel, input);
    QCOMPARE(panel->editor()->toPlainText(), input);

    // Said under the editor as soon as the preview has looked, before any Send
    // (an empty editor only when sending is tried).
    if (!input.isEmpty()) {
        QTRY_VERIFY2(panel->message().contains(words), qPrintable(panel->message()));
        QVERIFY(panel->messageIsError());
        QVERIFY(child<QLineEdit>(panel, "previewEdit")->text().isEmpty());
    }
    QTest::keyClick(panel->editor(), Qt::Key_Return, Qt::ControlModifier);
    QVERIFY2(panel->message().contains(words), qPrintable(panel->message()));
    QTest::mouseClick(child<QPushButton>(panel, "sendButton"), Qt::LeftButton);
    QVERIFY2(panel->message().contains(words), qPrintable(panel->message()));
    QTest::mouseClick(child<QPushButton>(panel, "repeatStartButton"), Qt::LeftButton);
    QVERIFY(!panel->isRepeating());
    QVERIFY2(panel->message().contains(words), qPrintable(panel->message()));
    QVERIFY(panel->messageIsError());
    verifyNoTraffic(page->session(), 1);
    QVERIFY(panel->history().isEmpty());
}

void TestBadInput::largeInputPreview_data()
{
    // A paste too large to parse per keystroke: only its beginning is parsed
    // for the preview, cut where the cut cannot invent an error or hide one.
    QTest::addColumn<bool>("hex");
    QTest::addColumn<QString>("head");      // what the input starts with
    QTest::addColumn<QString>("fill");      // repeated after it past the live-preview limit
    QTest::addColumn<QString>("preview");   // how the preview starts; empty: it shows an error
    QTest::addColumn<QString>("words");     // the error

    const qsizetype n = SendPanel::kPreviewBytes;
    QTest::newRow("escape across the cut") << false << QString(n - 2, u'a') + u"\\x41"_s << u"b"_s << u"61 61 61"_s << QString();
    QTest::newRow("surrogate pair across the cut") << false << QString(n - 1, u'a') + u"😀"_s << u"b"_s << u"61 61"_s << QString();
    QTest::newRow("hex: one long group") << true << QString() << u"4142"_s << u"41 42 41 42"_s << QString();
    QTest::newRow("hex: a group across the cut") << true << QString() << u"414243 "_s << u"41 42 43 41"_s << QString();
    QTest::newRow("early unknown escape") << false << u"ab\\q"_s << u"c"_s << QString()
                                          << u"Unknown escape \\q at line 1, column 3"_s;
    QTest::newRow("hex: early bad digit") << true << u"4g"_s << u"41"_s << QString()
                                          << u"Invalid character “g” in hex at line 1, column 2"_s;
    QTest::newRow("hex: early odd group") << true << u"414 "_s << u"41 "_s << QString()
                                          << u"Odd number of hex digits in “414”"_s;
}

void TestBadInput::largeInputPreview()
{
    QFETCH(bool, hex);
    QFETCH(QString, head);
    QFETCH(QString, fill);
    QFETCH(QString, preview);
    QFETCH(QString, words);

    QString text = head;
    text.reserve(SendPanel::kLivePreviewChars + 64);
    while (text.size() <= SendPanel::kLivePreviewChars)
        text += fill;
    TcpClientPage *page = connectedClient();
    auto *panel = child<SendPanel>(page, "sendPanel");
    child<QAbstractButton>(panel, hex ? "hexRadio" : "textRadio")->click();
    QApplication::clipboard()->setText(text);
    panel->editor()->setFocus(Qt::OtherFocusReason);
    QTest::keyClick(panel->editor(), Qt::Key_V, Qt::ControlModifier);
    QVERIFY(panel->hasHeldInput());
    auto *previewEdit = child<QLineEdit>(panel, "previewEdit");
    if (!preview.isEmpty()) {
        QTRY_VERIFY2(previewEdit->text().startsWith(preview), qPrintable(previewEdit->text().left(40)));
        QVERIFY2(!panel->messageIsError(), qPrintable(panel->message()));
        return;
    }
    QTRY_VERIFY2(panel->message().contains(words), qPrintable(panel->message()));
    QVERIFY(panel->messageIsError());
    QVERIFY(previewEdit->text().isEmpty());
    QVERIFY(!panel->send());
    QVERIFY2(panel->message().contains(words), qPrintable(panel->message()));
    verifyNoTraffic(page->session(), 1);
}

// ---- auto-reply template and greeting ----------------------------------------------

void TestBadInput::replyTemplate_data()
{
    QTest::addColumn<QString>("tab");
    QTest::addColumn<QString>("encoding");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("words");

    for (const char *tab : {"server", "client", "udp"}) {
        const auto row = [tab](const char *what, const char *encoding, const QString &text, const QString &words) {
            QTest::addRow("%s %s", tab, what) << QString::fromLatin1(tab) << QString::fromLatin1(encoding) << text << words;
        };
        row("unknown escape", "UTF-8", u"Hi \\q {data}"_s, u"Invalid reply template: Unknown escape \\q at line 1, column 4"_s);
        row("short \\x", "UTF-8", u"{data}\\x4"_s, u"\\x must be followed by two hex digits at line 1, column 7"_s);
        row("empty", "UTF-8", QString(), u"The template is empty"_s);
        row("emoji in GBK", "GBK", u"😀{data}"_s, u"cannot be encoded in GBK"_s);
    }
}

void TestBadInput::replyTemplate()
{
    QFETCH(QString, tab);
    QFETCH(QString, encoding);
    QFETCH(QString, text);
    QFETCH(QString, words);

    SessionPage *page = openTab(tab);
    page->session()->setEncoding(encoding);
    child<SendPanel>(page, "sendPanel")->setEncoding(encoding);
    QCOMPARE(page->session()->encoding(), encoding);
    auto *mode = child<QComboBox>(page, "replyCombo");
    mode->setCurrentIndex(mode->findData(u"template"_s));
    auto *edit = child<QLineEdit>(page, "templateEdit");
    QVERIFY(edit->isEnabled());
    typeInto(edit, text);
    QCOMPARE(edit->text(), text);

    verifyFieldSays(edit, words);
    QVERIFY2(labelText(page).contains(u"Auto-reply: "_s + (text.isEmpty() ? words : u""_s)), qPrintable(labelText(page)));
    QVERIFY2(labelText(page).contains(words), qPrintable(labelText(page)));
    QCOMPARE(page->session()->autoReply().mode(), AutoReply::Mode::None);
    const char *startName = tab == u"server" ? "startButton" : tab == u"client" ? "connectButton" : "bindButton";
    auto *start = child<QPushButton>(page, startName);
    QVERIFY(!start->isEnabled());
    QTest::keyClick(edit, Qt::Key_F5);
    QCOMPARE(page->session()->state(), Session::State::Idle);
    verifyNoTraffic(page->session());

    // Back to a choice that needs no template: the mark and the message go.
    mode->setCurrentIndex(mode->findData(u"echo"_s));
    QVERIFY(edit->actions().isEmpty());
    QVERIFY2(labelText(page).isEmpty(), qPrintable(labelText(page)));
    QVERIFY(start->isEnabled());
}

void TestBadInput::badTemplateWhileRunningAnswersNothing_data()
{
    QTest::addColumn<QString>("tab");
    QTest::newRow("server") << u"server"_s;
    QTest::newRow("client") << u"client"_s;
}

void TestBadInput::badTemplateWhileRunningAnswersNothing()
{
    QFETCH(QString, tab);

    // The far end: a client of the server tab, or the test's own peer for the client tab.
    SessionPage *page = openTab(tab);
    auto *mode = child<QComboBox>(page, "replyCombo");
    mode->setCurrentIndex(mode->findData(u"template"_s));
    auto *edit = child<QLineEdit>(page, "templateEdit");
    typeInto(edit, u"Hi {data}"_s);
    std::unique_ptr<QTcpSocket> own;
    QTcpSocket *peer = nullptr;
    if (auto *server = qobject_cast<TcpServerPage *>(page)) {
        child<QLineEdit>(page, "portEdit")->setText(u"0"_s);
        QTest::mouseClick(child<QPushButton>(page, "startButton"), Qt::LeftButton);
        QVERIFY(server->server()->isRunning());
        own = std::make_unique<QTcpSocket>();
        own->connectToHost(QHostAddress::LocalHost, server->server()->listenEndpoint().port);
        QVERIFY(own->waitForConnected(5000));
        peer = own.get();
    } else {
        QTest::mouseClick(child<QPushButton>(page, "connectButton"), Qt::LeftButton);
        QTRY_VERIFY(qobject_cast<TcpClientPage *>(page)->client()->isConnected() && m_peerSockets.size() == 1);
        peer = m_peerSockets.constFirst();
        disconnect(peer, &QTcpSocket::readyRead, this, nullptr);   // read here, not into m_tcpBytes
    }
    // The template answers while it is good: this test can see a reply.
    peer->write("a");
    QTRY_COMPARE(peer->bytesAvailable(), qint64(4));
    QCOMPARE(peer->readAll(), QByteArray("Hi a"));

    typeInto(edit, u"Hi \\q {data}"_s);
    verifyFieldSays(edit, u"Unknown escape \\q"_s);
    QVERIFY2(labelText(page).contains(u"Auto-reply: Invalid reply template"_s), qPrintable(labelText(page)));
    const auto dataOut = [&] {
        int n = 0;
        for (qsizetype i = 0; i < page->session()->log()->size(); ++i) {
            const TrafficEvent &e = page->session()->log()->at(i);
            n += e.kind == TrafficEvent::Kind::Data && e.direction == TrafficEvent::Direction::Out;
        }
        return n;
    };
    const int before = dataOut();
    const quint64 inBefore = page->session()->counters().bytesIn;
    peer->write("b");
    QTRY_COMPARE(page->session()->counters().bytesIn, inBefore + 1);
    QTest::qWait(kSettleMs);
    QCOMPARE(peer->bytesAvailable(), qint64(0));
    QCOMPARE(dataOut(), before);
}

void TestBadInput::greeting_data()
{
    QTest::addColumn<QString>("encoding");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("switchTo");   // an encoding chosen after typing; empty: none
    QTest::addColumn<QString>("words");

    QTest::newRow("unknown escape") << u"UTF-8"_s << u"Hi\\q"_s << QString() << u"Unknown escape \\q at line 1, column 3"_s;
    QTest::newRow("short \\x") << u"UTF-8"_s << u"\\x4"_s << QString() << u"\\x must be followed by two hex digits"_s;
    QTest::newRow("trailing backslash") << u"UTF-8"_s << u"Hi\\"_s << QString() << u"Trailing backslash"_s;
    QTest::newRow("euro in Latin-1") << u"ISO-8859-1"_s << u"5€"_s << QString()
                                     << u"“€” (U+20AC) cannot be encoded in ISO-8859-1 at line 1, column 2"_s;
    QTest::newRow("euro, then Latin-1 chosen") << u"UTF-8"_s << u"5€"_s << u"ISO-8859-1"_s
                                               << u"cannot be encoded in ISO-8859-1"_s;
    QTest::newRow("emoji in GBK") << u"GBK"_s << u"😀"_s << QString() << u"cannot be encoded in GBK"_s;
}

void TestBadInput::greeting()
{
    QFETCH(QString, encoding);
    QFETCH(QString, text);
    QFETCH(QString, switchTo);
    QFETCH(QString, words);

    auto *page = qobject_cast<TcpServerPage *>(openTab(u"server"_s));
    auto *panel = child<SendPanel>(page, "sendPanel");
    auto *encodingCombo = child<QComboBox>(panel, "encodingCombo");
    encodingCombo->setCurrentIndex(encodingCombo->findText(encoding));
    QCOMPARE(page->session()->encoding(), encoding);
    child<QLineEdit>(page, "portEdit")->setText(u"0"_s);
    auto *edit = child<QLineEdit>(page, "greetingEdit");
    typeInto(edit, text);
    QCOMPARE(edit->text(), text);
    if (!switchTo.isEmpty()) {
        QVERIFY(edit->actions().isEmpty());    // fine in the first encoding
        encodingCombo->setCurrentIndex(encodingCombo->findText(switchTo));
        QCOMPARE(page->session()->encoding(), switchTo);
    }
    verifyFieldSays(edit, words);
    QVERIFY2(labelText(page).contains(u"Greeting: "_s), qPrintable(labelText(page)));
    QVERIFY2(labelText(page).contains(words), qPrintable(labelText(page)));
    QVERIFY(!child<QPushButton>(page, "startButton")->isEnabled());
    QTest::keyClick(edit, Qt::Key_F5);
    QVERIFY(!page->server()->isRunning());
    verifyNoTraffic(page->session());
}

// ---- framing ------------------------------------------------------------------------

void TestBadInput::framingSpec_data()
{
    QTest::addColumn<QString>("spec");
    QTest::addColumn<QString>("words");

    QTest::newRow("length:0") << u"length:0"_s << u"Length width must be 1, 2, 4 or 8 bytes, not “0”"_s;
    QTest::newRow("length:-1") << u"length:-1"_s << u"Length width must be 1, 2, 4 or 8 bytes, not “-1”"_s;
    QTest::newRow("length:3") << u"length:3"_s << u"not “3”"_s;
    QTest::newRow("length:4:xx") << u"length:4:xx"_s << u"Unknown length option “xx”"_s;
    QTest::newRow("fixed:0") << u"fixed:0"_s << u"Fixed frame size must be at least 1 byte, not “0”"_s;
    QTest::newRow("fixed:-5") << u"fixed:-5"_s << u"Fixed frame size “-5” is not a whole number of bytes"_s;
    QTest::newRow("fixed over the maximum") << u"fixed:99999999999"_s << u"exceeds the maximum frame size of 16777216 bytes"_s;
    QTest::newRow("delim:zz") << u"delim:zz"_s << u"Delimiter “zz” is not hex"_s;
    QTest::newRow("delim:abc") << u"delim:abc"_s << u"Delimiter “abc” has an odd number of hex digits"_s;
    QTest::newRow("bogus") << u"bogus"_s << u"Unknown framing “bogus”"_s;
    QTest::newRow("empty") << QString() << u"No framing given"_s;
}

void TestBadInput::framingSpec()
{
    QFETCH(QString, spec);
    QFETCH(QString, words);

    TcpClientPage *page = connectedClient();
    QVERIFY(page->client()->isConnected());
    auto *framing = child<FramingPanel>(page, "framingPanel");
    auto *combo = child<QComboBox>(framing, "specCombo");
    typeInto(combo->lineEdit(), u"length:4"_s);
    child<QCheckBox>(framing, "frameSendsCheck")->setChecked(true);
    QVERIFY(page->session()->frameOutgoing());

    typeInto(combo->lineEdit(), spec);
    QCOMPARE(combo->lineEdit()->text(), spec);
    verifyFieldSays(combo->lineEdit(), words);
    // Cut with "…" when the tab is narrow: then the tooltip holds it whole.
    const QLabel *describe = child<QLabel>(framing, "describeLabel");
    QVERIFY2(describe->text().contains(words) || (describe->text().endsWith(u'…') && describe->toolTip().contains(words)),
             qPrintable(describe->text() + u" | "_s + describe->toolTip()));

    auto *panel = child<SendPanel>(page, "sendPanel");
    typePayload(panel, u"hi"_s);
    QTest::mouseClick(child<QPushButton>(panel, "sendButton"), Qt::LeftButton);
    QVERIFY(panel->messageIsError());
    QVERIFY2(panel->message().contains(u"Framing: "_s), qPrintable(panel->message()));
    QVERIFY2(panel->message().contains(words), qPrintable(panel->message()));
    QVERIFY2(panel->message().contains(u"Nothing was sent"_s), qPrintable(panel->message()));
    verifyNoTraffic(page->session(), 1);

    // Fixed again, the same Send goes out framed: the refusal was the field's doing.
    typeInto(combo->lineEdit(), u"length:2"_s);
    QTest::mouseClick(child<QPushButton>(panel, "sendButton"), Qt::LeftButton);
    QTRY_COMPARE(m_tcpBytes, QByteArray("\x00\x02hi", 4));
}

void TestBadInput::payloadTooLargeForItsFraming()
{
    TcpClientPage *page = connectedClient();
    auto *framing = child<FramingPanel>(page, "framingPanel");
    typeInto(child<QComboBox>(framing, "specCombo")->lineEdit(), u"length:1"_s);
    child<QCheckBox>(framing, "frameSendsCheck")->setChecked(true);
    auto *panel = child<SendPanel>(page, "sendPanel");
    panel->editor()->setPlainText(QString(300, u'x'));
    QTest::mouseClick(child<QPushButton>(panel, "sendButton"), Qt::LeftButton);
    QVERIFY(panel->messageIsError());
    QVERIFY2(panel->message().contains(u"cannot frame it as length:1"_s), qPrintable(panel->message()));
    QVERIFY2(panel->message().contains(u"300"_s), qPrintable(panel->message()));
    verifyNoTraffic(page->session(), 1);
}

void TestBadInput::selectedClientMissing()
{
    auto *page = qobject_cast<TcpServerPage *>(openTab(u"server"_s));
    child<QLineEdit>(page, "portEdit")->setText(u"0"_s);
    QTest::mouseClick(child<QPushButton>(page, "startButton"), Qt::LeftButton);
    QVERIFY(page->server()->isRunning());
    QTcpSocket peer;
    peer.connectToHost(QHostAddress::LocalHost, page->server()->listenEndpoint().port);
    QVERIFY(peer.waitForConnected(5000));
    QTRY_COMPARE(page->server()->clientCount(), 1);
    auto *target = child<QComboBox>(page, "sendTargetCombo");
    target->setCurrentIndex(target->findData(u"selected"_s));
    QCOMPARE(page->selectedClient(), quint32(0));
    auto *panel = child<SendPanel>(page, "sendPanel");
    typePayload(panel, u"hello"_s);
    QTest::mouseClick(child<QPushButton>(panel, "sendButton"), Qt::LeftButton);
    QVERIFY(panel->messageIsError());
    QVERIFY2(panel->message().contains(u"Select a client in the table first: nothing was sent"_s), qPrintable(panel->message()));
    QTest::qWait(kSettleMs);
    QCOMPARE(peer.bytesAvailable(), qint64(0));
    QCOMPARE(page->server()->counters().bytesOut, quint64(0));
}

void TestBadInput::replyToLastWithoutSender()
{
    auto *page = qobject_cast<UdpPage *>(openTab(u"udp"_s));
    child<QCheckBox>(page, "replyToLastCheck")->setChecked(true);
    auto *panel = child<SendPanel>(page, "sendPanel");
    typePayload(panel, u"x"_s);
    QTest::mouseClick(child<QPushButton>(panel, "sendButton"), Qt::LeftButton);
    QVERIFY(panel->messageIsError());
    QVERIFY2(panel->message().contains(u"Nobody has sent a datagram yet: there is no sender to reply to"_s),
             qPrintable(panel->message()));
    verifyNoTraffic(page->session());
}

void TestBadInput::udpDatagramRefused_data()
{
    QTest::addColumn<QString>("host");     // empty: the peer
    QTest::addColumn<int>("size");
    QTest::addColumn<QString>("words");
    QTest::newRow("broadcast while off") << u"255.255.255.255"_s << 2
                                         << u"255.255.255.255 is a broadcast address; turn broadcast on first"_s;
    QTest::newRow("over the largest datagram") << QString() << 65508 << u"carries at most 65507 bytes, this one has 65508"_s;
}

void TestBadInput::udpDatagramRefused()
{
    QFETCH(QString, host);
    QFETCH(int, size);
    QFETCH(QString, words);

    auto *page = qobject_cast<UdpPage *>(openTab(u"udp"_s));
    if (!host.isEmpty())
        typeInto(child<QLineEdit>(page, "targetHostEdit"), host);
    auto *panel = child<SendPanel>(page, "sendPanel");
    panel->editor()->setPlainText(QString(size, u'x'));
    QTest::mouseClick(child<QPushButton>(panel, "sendButton"), Qt::LeftButton);
    QVERIFY(panel->messageIsError());
    QVERIFY2(panel->message().contains(words), qPrintable(panel->message()));
    QTest::mouseClick(child<QPushButton>(panel, "repeatStartButton"), Qt::LeftButton);
    QTRY_VERIFY(!panel->isRepeating());
    QVERIFY2(panel->message().contains(words), qPrintable(panel->message()));
    // Refused before the bind: no socket was made for it.
    QVERIFY(!page->session()->isRunning());
    verifyNoTraffic(page->session(), 0);
}

// ---- spin boxes: the range is enforced at the keystroke ----------------------------

void TestBadInput::spinBoxes_data()
{
    QTest::addColumn<QString>("tab");
    QTest::addColumn<QString>("spin");
    QTest::addColumn<QString>("typed");

    for (const char *typed : {"-1", "0", "99999999999", "abc"}) {
        QTest::addRow("backlog %s", typed) << u"server"_s << u"backlogSpin"_s << QString::fromLatin1(typed);
        QTest::addRow("client limit %s", typed) << u"server"_s << u"maxClientsSpin"_s << QString::fromLatin1(typed);
        QTest::addRow("connect timeout %s", typed) << u"client"_s << u"timeoutSpin"_s << QString::fromLatin1(typed);
        QTest::addRow("repeat count %s", typed) << u"client"_s << u"repeatCountSpin"_s << QString::fromLatin1(typed);
        QTest::addRow("repeat interval %s", typed) << u"client"_s << u"repeatIntervalSpin"_s << QString::fromLatin1(typed);
        QTest::addRow("memory budget %s", typed) << u"udp"_s << u"budgetSpin"_s << QString::fromLatin1(typed);
        QTest::addRow("recv(N) %s", typed) << u"client"_s << u"recvSize"_s << QString::fromLatin1(typed);
    }
}

void TestBadInput::spinBoxes()
{
    QFETCH(QString, tab);
    QFETCH(QString, spin);
    QFETCH(QString, typed);

    SessionPage *page = openTab(tab);
    // The byte stream view's recv(N) box is made in code, without a name.
    auto *box = spin == u"recvSize" ? child<StreamView>(page, "streamView")->findChild<QSpinBox *>()
                                    : page->findChild<QSpinBox *>(spin);
    QVERIFY(box);
    box->setFocus(Qt::OtherFocusReason);
    box->selectAll();
    QTest::keyClicks(box, typed);
    QTest::keyClick(box, Qt::Key_Return);
    box->clearFocus();
    // QSpinBox refuses each keystroke that cannot lead to a value in range and
    // puts the last good value back on Return.
    QVERIFY2(box->value() >= box->minimum() && box->value() <= box->maximum(), qPrintable(box->text()));
    // What it shows is that value, not what was typed.
    if (box->value() == box->minimum() && !box->specialValueText().isEmpty()) {
        QCOMPARE(box->text(), box->specialValueText());
    } else {
        bool ok = false;
        QCOMPARE(box->locale().toInt(box->cleanText(), &ok), box->value());
        QVERIFY2(ok, qPrintable(box->text()));
    }

    // What reaches the session is that in-range value.
    if (spin == u"backlogSpin" || spin == u"maxClientsSpin") {
        auto *server = qobject_cast<TcpServerPage *>(page);
        child<QLineEdit>(page, "portEdit")->setText(u"0"_s);
        QTest::mouseClick(child<QPushButton>(page, "startButton"), Qt::LeftButton);
        QVERIFY(server->server()->isRunning());
        QCOMPARE(spin == u"backlogSpin" ? server->server()->backlog() : server->server()->maxClients(), box->value());
    } else if (spin == u"timeoutSpin") {
        auto *client = qobject_cast<TcpClientPage *>(page);
        QTest::mouseClick(child<QPushButton>(page, "connectButton"), Qt::LeftButton);
        QCOMPARE(client->client()->connectTimeout(), box->value());
        // The range the command line and saved settings accept (1 ms to an hour).
        QVERIFY(box->value() >= 1 && box->value() <= 3600 * 1000);
    } else if (spin == u"budgetSpin") {
        QCOMPARE(page->session()->log()->byteBudget(), qint64(box->value()) * 1024 * 1024);
    }
}

// ---- file paths -----------------------------------------------------------------------

void TestBadInput::sendFilePath_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("words");
    QTest::newRow("missing") << u"missing"_s << u"does not exist: nothing was sent"_s;
    QTest::newRow("a folder") << u"folder"_s << u"is not a regular file: nothing was sent"_s;
    QTest::newRow("a FIFO") << u"fifo"_s << u"is not a regular file: nothing was sent"_s;
    QTest::newRow("empty") << u"empty"_s << u"is empty: nothing was sent"_s;
    QTest::newRow("over the limit") << u"large"_s << u"files up to 64"_s;
    QTest::newRow("unreadable") << u"unreadable"_s << u"Cannot read"_s;
}

void TestBadInput::sendFilePath()
{
    QFETCH(QString, kind);
    QFETCH(QString, words);

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QString path = dir.filePath(u"file.bin"_s);
    if (kind == u"missing") {
        path = dir.filePath(u"no such file.bin"_s);
    } else if (kind == u"folder") {
        path = dir.path();
    } else if (kind == u"fifo") {
        QVERIFY(::mkfifo(QFile::encodeName(path).constData(), 0600) == 0);
    } else if (kind == u"empty") {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
    } else if (kind == u"large") {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        QVERIFY(f.resize(SendPanel::kMaxFileBytes + 1));   // sparse: costs no disk
    } else if (kind == u"unreadable") {
        // A regular file that open() grants even to root (CI runs as root, so
        // chmod 000 proves nothing) but whose read fails: offset 0 of this
        // process's memory is never mapped.
        path = u"/proc/self/mem"_s;
    }

    TcpClientPage *page = connectedClient();
    auto *panel = child<SendPanel>(page, "sendPanel");
    // The path the "Send file…" chooser hands over.
    QVERIFY(!panel->sendFile(path));
    QVERIFY(panel->messageIsError());
    QVERIFY2(panel->message().contains(words), qPrintable(panel->message()));
    if (kind != u"unreadable")
        QVERIFY2(panel->message().contains(QDir::toNativeSeparators(path)), qPrintable(panel->message()));
    verifyNoTraffic(page->session(), 1);
}

void TestBadInput::captureFolder_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("words");
    QTest::newRow("a file") << u"file"_s << u"is a file, not a folder"_s;
    QTest::newRow("under a file") << u"under"_s << u"cannot create the folder"_s;
    QTest::newRow("empty") << u"empty"_s << u"the folder name is empty"_s;
}

void TestBadInput::captureFolder()
{
    QFETCH(QString, kind);
    QFETCH(QString, words);

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString file = dir.filePath(u"plain.txt"_s);
    {
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("x");
    }
    const QString path = kind == u"file" ? file : kind == u"under" ? file + u"/capture"_s : QString();
    SessionPage *page = openTab(u"server"_s);
    // What Session → Capture to Folder… does with the chosen folder.
    QVERIFY(!m_window->captureCurrentTo(path));
    QVERIFY(!m_bench->captureOf(page->session()));
    QVERIFY(!m_window->captureAction()->isChecked());
    QMessageBox *box = nullptr;
    QTRY_VERIFY((box = m_window->findChild<QMessageBox *>(u"captureWarning"_s)) && box->isVisible());
    QVERIFY2(box->text().contains(words), qPrintable(box->text()));
    box->close();
    QCOMPARE(QDir(dir.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot), QStringList{u"plain.txt"_s});
    verifyNoTraffic(page->session());
}

void TestBadInput::exportPath_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("words");   // in the "Export failed" box; empty: the chooser refuses it itself
    QTest::newRow("folder missing") << u"missing"_s << u"Cannot write"_s;
    QTest::newRow("where not even root may write") << u"proc"_s << u"Cannot write “/proc/sw-badinput.jsonl”"_s;
    QTest::newRow("a folder") << u"folder"_s << QString();
}

void TestBadInput::exportPath()
{
    QFETCH(QString, kind);
    QFETCH(QString, words);

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = kind == u"missing" ? dir.filePath(u"no such folder/traffic.jsonl"_s)
                       : kind == u"proc"    ? u"/proc/sw-badinput.jsonl"_s
                                            : dir.path();
    TcpClientPage *page = connectedClient();
    auto *panel = child<SendPanel>(page, "sendPanel");
    typePayload(panel, u"something to export"_s);
    QVERIFY(panel->send());
    QTRY_COMPARE(m_tcpBytes, QByteArray("something to export"));

    // Answers the modal windows as a person would: the chooser gets the path
    // typed and Return, the message box after it is read and closed.
    bool typed = false;
    bool chooserStayed = false;
    QString message;
    QTimer person;
    person.setInterval(20);
    connect(&person, &QTimer::timeout, this, [&] {
        QWidget *modal = QApplication::activeModalWidget();
        if (auto *chooser = qobject_cast<QFileDialog *>(modal)) {
            if (typed) {
                chooserStayed = true;
                chooser->reject();
                return;
            }
            auto *name = chooser->findChild<QLineEdit *>(u"fileNameEdit"_s);
            QVERIFY(name);
            name->setText(path);
            QTest::keyClick(name, Qt::Key_Return);
            typed = true;
        } else if (auto *box = qobject_cast<QMessageBox *>(modal)) {
            message = box->text();
            box->accept();
        }
    });
    person.start();
    child<QAction>(page, "actionExportJsonLines")->trigger();
    person.stop();

    QVERIFY(typed);
    if (words.isEmpty()) {
        QVERIFY2(chooserStayed, "the chooser took a folder as the file");
        QVERIFY(message.isEmpty());
    } else {
        QVERIFY2(message.contains(words), qPrintable(message));
    }
    QCOMPARE(QDir(dir.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot), QStringList());
    QVERIFY(!QFile::exists(u"/proc/sw-badinput.jsonl"_s));
    QCOMPARE(m_tcpBytes, QByteArray("something to export"));   // nothing more went out
}

void TestBadInput::unknownEncodingFromSettings()
{
    // The one way to name an encoding that is not in the lists: a settings
    // file edited by hand (or from another version).
    SessionPage *page = openTab(u"client"_s);
    page->restoreState(QVariantMap{{u"encoding"_s, u"KLINGON"_s}});
    QCOMPARE(page->session()->encoding(), u"UTF-8"_s);
    QCOMPARE(child<SendPanel>(page, "sendPanel")->encoding(), u"UTF-8"_s);
    QCOMPARE(child<TrafficView>(page, "trafficView")->encoding(), u"UTF-8"_s);
}

// ---- 100 MiB pasted into the send box --------------------------------------------------

void TestBadInput::hundredMebibytePaste()
{
    constexpr qsizetype kBytes = 100 * 1024 * 1024;
    // Text lines with a CJK word in each (3 bytes per character in UTF-8),
    // padded with ASCII to exactly 100 MiB of UTF-8.
    QByteArray utf8;
    utf8.reserve(kBytes);
    const QByteArray line = QByteArray("0123456789 pasted log line \xe4\xb8\xad\xe6\x96\x87 abcdefghijklmnopqrstuvwxyz ");
    for (int n = 0; utf8.size() + line.size() + 16 <= kBytes; ++n) {
        utf8 += line;
        utf8 += QByteArray::number(n);
        utf8 += '\n';
    }
    utf8 += QByteArray(kBytes - utf8.size(), 'z');
    QCOMPARE(utf8.size(), kBytes);
    const QString text = QString::fromUtf8(utf8);
    QApplication::clipboard()->setText(text);

    TcpClientPage *page = connectedClient();
    QVERIFY(page->client()->isConnected());
    auto *panel = child<SendPanel>(page, "sendPanel");
    QPlainTextEdit *editor = panel->editor();
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    editor->setFocus(Qt::OtherFocusReason);

    // A 5 ms heartbeat on the GUI thread: the longest gap between its ticks is
    // how long the window could not repaint or take a click.
    QElapsedTimer sinceTick;
    qint64 longestGap = 0;
    int ticks = 0;
    QTimer heartbeat;
    heartbeat.setInterval(5);
    connect(&heartbeat, &QTimer::timeout, this, [&] {
        longestGap = qMax(longestGap, sinceTick.restart());
        ++ticks;
    });
    sinceTick.start();
    heartbeat.start();

    QElapsedTimer clock;
    clock.start();
    QTest::keyClick(editor, Qt::Key_V, Qt::ControlModifier);
    const qint64 pasteMs = clock.elapsed();
    // The event loop runs on: a 0 ms timer queued after the paste fires.
    bool fired = false;
    QTimer::singleShot(0, this, [&] { fired = true; });
    QTRY_VERIFY(fired);
    const int ticksAfterPaste = ticks;
    QTRY_VERIFY(ticks > ticksAfterPaste);
    const qint64 pasteGap = longestGap;

    // Bounded: the editor shows the beginning, the preview a few bytes.
    QVERIFY(panel->hasHeldInput());
    QVERIFY(editor->document()->characterCount() <= SendPanel::kHeldShownChars + 1);
    const QString preview = child<QLineEdit>(panel, "previewEdit")->text();
    QVERIFY2(preview.startsWith(u"30 31 32 33"_s), qPrintable(preview.left(40)));   // "0123"
    QVERIFY(preview.size() <= 3 * SendPanel::kPreviewBytes + 2);
    QVERIFY(child<QWidget>(panel, "largeInputBar")->isVisible());
    // Typing goes on being answered at once: nothing O(n) runs per keystroke.
    QTest::keyClick(editor, Qt::Key_End);
    QTest::qWait(SendPanel::kPreviewDelayMs * 2);

    longestGap = 0;
    sinceTick.restart();
    clock.restart();
    QVERIFY(panel->send());
    const qint64 sendMs = clock.elapsed();
    QTRY_VERIFY_WITH_TIMEOUT(m_tcpBytes.size() >= kBytes, 120000);
    const qint64 deliveredMs = clock.elapsed();
    heartbeat.stop();
    QCOMPARE(m_tcpBytes.size(), kBytes);
    QVERIFY(m_tcpBytes == utf8);
    QVERIFY(panel->history().isEmpty());   // too large for the settings file
    qInfo("100 MiB paste: Ctrl+V returned after %lld ms (longest GUI stall %lld ms); Send returned after %lld ms, "
          "all bytes at the peer after %lld ms (longest GUI stall during send %lld ms)",
          pasteMs, pasteGap, sendMs, deliveredMs, longestGap);
}

QTEST_MAIN(TestBadInput)
#include "tst_badinput.moc"
