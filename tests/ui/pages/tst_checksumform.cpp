// The tab's checksum in the window: the form shows the session's checksum
// and changes it through the settings (both ways, on every kind of page);
// the send panel's byte preview marks the appended bytes before anything is
// sent; a frame whose checksum failed gets its own colour in the traffic
// table (light and dark), a role, and its words in the detail pane; the
// reply field refuses a bad template with its column.

#include "core/reply/ReplyRules.h"
#include "core/net/TcpClientSession.h"
#include "core/net/TcpServerSession.h"
#include "core/net/UdpSession.h"
#include "ui/pages/ChecksumPanel.h"
#include "ui/pages/TcpClientPage.h"
#include "ui/pages/TcpServerPage.h"
#include "ui/pages/UdpPage.h"
#include "ui/send/SendPanel.h"
#include "ui/traffic/TrafficLogModel.h"
#include "ui/traffic/TrafficView.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QSpinBox>
#include <QTableView>
#include <QTcpSocket>
#include <QTest>
#include <QTextEdit>
#include <QToolButton>

#include <memory>

using namespace Qt::StringLiterals;

namespace {

std::unique_ptr<SessionPage> pageFor(int kind, std::unique_ptr<Session> *session)
{
    switch (kind) {
    case 0: {
        auto s = std::make_unique<TcpServerSession>();
        auto page = std::make_unique<TcpServerPage>(s.get());
        *session = std::move(s);
        return page;
    }
    case 1: {
        auto s = std::make_unique<TcpClientSession>();
        auto page = std::make_unique<TcpClientPage>(s.get());
        *session = std::move(s);
        return page;
    }
    default: {
        auto s = std::make_unique<UdpSession>();
        auto page = std::make_unique<UdpPage>(s.get());
        *session = std::move(s);
        return page;
    }
    }
}

Checksum checksumOf(const QString &text)
{
    QString error;
    return Checksum::parse(text, &error);
}

} // namespace

class TestChecksumForm : public QObject
{
    Q_OBJECT
private slots:
    void formIsAViewOfTheSettings_data();
    void formIsAViewOfTheSettings();
    void previewMarksTheChecksum();
    void previewSaysWhyNot();
    void failedFramesStandOut();
    void colourInLightAndDark();
    void replyFieldTakesTemplates();
};

void TestChecksumForm::formIsAViewOfTheSettings_data()
{
    QTest::addColumn<int>("kind");
    QTest::newRow("tcp server") << 0;
    QTest::newRow("tcp client") << 1;
    QTest::newRow("udp") << 2;
}

void TestChecksumForm::formIsAViewOfTheSettings()
{
    QFETCH(int, kind);
    std::unique_ptr<Session> session;
    auto page = pageFor(kind, &session);
    page->resize(1200, 800);
    page->show();
    auto *button = page->findChild<QToolButton *>(u"checksumButton"_s);
    auto *panel = page->findChild<ChecksumPanel *>(u"checksumPanel"_s);
    QVERIFY(button && panel);
    QVERIFY2(button->text().contains(u"none"_s), qPrintable(button->text()));
    QVERIFY2(button->toolTip().contains(u"greeting"_s), qPrintable(button->toolTip()));

    // Settings → form (a lesson, the command line, restored settings).
    SessionSettings s = session->settings();
    s.checksum = checksumOf(u"crc16-modbus:2"_s);
    s.verifyChecksum = true;
    session->setSettings(s);
    auto *algorithm = panel->findChild<QComboBox *>(u"algorithmCombo"_s);
    auto *from = panel->findChild<QSpinBox *>(u"fromSpin"_s);
    auto *order = panel->findChild<QComboBox *>(u"orderCombo"_s);
    auto *verify = panel->findChild<QCheckBox *>(u"verifyCheck"_s);
    auto *describe = panel->findChild<QLabel *>(u"describeLabel"_s);
    QCOMPARE(algorithm->currentText(), u"CRC-16/MODBUS"_s);
    QCOMPARE(from->value(), 2);
    QCOMPARE(order->currentIndex(), 0);
    QVERIFY(verify->isChecked());
    QVERIFY2(describe->text().contains(u"low byte first"_s), qPrintable(describe->text()));
    QVERIFY2(describe->text().contains(u"2 bytes"_s), qPrintable(describe->text()));
    QVERIFY2(button->text().contains(u"CRC-16/MODBUS"_s), qPrintable(button->text()));

    // Form → settings (the user's edits).
    QTest::mouseClick(button, Qt::LeftButton);
    QTRY_VERIFY(panel->isVisible());
    order->setCurrentIndex(order->findData(u"be"_s));
    QCOMPARE(session->settings().checksum, checksumOf(u"crc16-modbus:2:be"_s));
    QVERIFY2(describe->text().contains(u"high byte first"_s), qPrintable(describe->text()));
    algorithm->setCurrentIndex(algorithm->findText(u"SUM8"_s));
    QCOMPARE(session->settings().checksum, checksumOf(u"sum8:2"_s));
    QVERIFY(!order->isEnabled());   // one byte has no order
    verify->setChecked(false);
    QVERIFY(!session->settings().verifyChecksum);
    from->setValue(0);
    QCOMPARE(session->settings().checksum, checksumOf(u"sum8"_s));
    algorithm->setCurrentIndex(0);
    QVERIFY(!session->settings().checksum.has_value());
    QVERIFY(button->text().contains(u"none"_s));

    // Saved with the tab and back.
    s.checksum = checksumOf(u"crc32:1"_s);
    session->setSettings(s);
    const QVariantMap saved = page->saveState();
    std::unique_ptr<Session> other;
    auto restored = pageFor(kind, &other);
    restored->restoreState(saved);
    QCOMPARE(other->settings().checksum, s.checksum);
    QCOMPARE(restored->findChild<QComboBox *>(u"algorithmCombo"_s)->currentText(),
             Checksum::info(Checksum::Algorithm::Crc32).catalogueName);
}

void TestChecksumForm::previewMarksTheChecksum()
{
    TcpClientSession client;
    TcpClientPage page(&client);
    page.resize(1200, 800);
    page.show();
    SessionSettings s = client.settings();
    s.checksum = checksumOf(u"crc16-modbus"_s);
    client.setSettings(s);
    auto *send = page.findChild<SendPanel *>();
    QVERIFY(send);
    send->editor()->setPlainText(u"\\x01\\x03\\x00\\x00\\x00\\x0a"_s);
    auto *count = send->findChild<QLabel *>(u"byteCountLabel"_s);
    auto *preview = send->findChild<QLineEdit *>(u"previewEdit"_s);
    QVERIFY(count && preview);
    QTRY_VERIFY2(count->text().contains(u"+ C5 CD (CRC-16/MODBUS)"_s), qPrintable(count->text()));
    QVERIFY2(preview->text().toUpper().endsWith(u"C5 CD"_s), qPrintable(preview->text()));

    // With framing added, both are said, the prefix around payload + checksum.
    s.framing = FramingSpec::parse(u"length:2"_s, nullptr);
    s.frameOutgoing = true;
    client.setSettings(s);
    QTRY_VERIFY2(count->text().contains(u"framed as length:2"_s), qPrintable(count->text()));
    QVERIFY2(count->text().contains(u"+ C5 CD"_s), qPrintable(count->text()));
    QVERIFY2(preview->text().toUpper().startsWith(u"00 08 01 03"_s), qPrintable(preview->text()));
}

void TestChecksumForm::previewSaysWhyNot()
{
    TcpClientSession client;
    TcpClientPage page(&client);
    page.show();
    SessionSettings s = client.settings();
    s.checksum = checksumOf(u"crc16-modbus:8"_s);
    client.setSettings(s);
    auto *send = page.findChild<SendPanel *>();
    send->editor()->setPlainText(u"abc"_s);
    auto *count = send->findChild<QLabel *>(u"byteCountLabel"_s);
    QTRY_VERIFY2(count->text().contains(u"payload size 3"_s), qPrintable(count->text()));
}

// A real peer sends a good and a bad Modbus frame to a server tab.
void TestChecksumForm::failedFramesStandOut()
{
    TcpServerSession server;
    SessionSettings s = server.settings();
    s.checksum = checksumOf(u"crc16-modbus"_s);
    s.verifyChecksum = true;
    s.framing = FramingSpec::parse(u"fixed:8"_s, nullptr);
    server.setSettings(s);
    TrafficView view;
    view.setSession(&server);
    view.resize(1050, 600);
    view.show();
    QVERIFY(server.start());
    QTcpSocket peer;
    peer.connectToHost(QHostAddress::LocalHost, server.listenEndpoint().port);
    QVERIFY(peer.waitForConnected(5000));
    peer.write(QByteArray::fromHex("01030000000ac5cd01030000000a0000"));
    QVERIFY(peer.flush());

    QTableView *table = view.table();
    QAbstractItemModel *model = table->model();
    const auto frameRows = [&] {
        QList<int> rows;
        for (int r = 0; r < model->rowCount(); ++r)
            if (model->index(r, 0).data(TrafficLogModel::KindRole).toInt() == int(TrafficEvent::Kind::Frame))
                rows << r;
        return rows;
    };
    QTRY_COMPARE(frameRows().size(), 2);
    const QList<int> rows = frameRows();
    const QModelIndex good = model->index(rows.at(0), TrafficLogModel::Direction);
    const QModelIndex bad = model->index(rows.at(1), TrafficLogModel::Direction);
    QCOMPARE(good.data(TrafficLogModel::ChecksumRole), QVariant(true));
    QCOMPARE(bad.data(TrafficLogModel::ChecksumRole), QVariant(false));
    QVERIFY(!good.data(Qt::BackgroundRole).isValid());
    QVERIFY(bad.data(Qt::BackgroundRole).isValid());
    QVERIFY(!model->index(0, 0).data(TrafficLogModel::ChecksumRole).isValid());   // "listening"
    QVERIFY2(bad.data(Qt::ToolTipRole).toString().contains(u"expected C5 CD, found 00 00"_s),
             qPrintable(bad.data(Qt::ToolTipRole).toString()));
    QVERIFY(model->headerData(TrafficLogModel::Direction, Qt::Horizontal, Qt::ToolTipRole)
                    .toString().contains(u"amber"_s));

    // The detail pane says what was expected and found, or that it passed.
    auto *header = view.findChild<QLabel *>(u"detailHeader"_s);
    const auto detail = [&] { return header->text() + u'\n' + header->toolTip(); };
    table->setCurrentIndex(bad);
    QTRY_VERIFY2(detail().contains(u"checksum CRC-16/MODBUS: expected C5 CD, found 00 00"_s), qPrintable(detail()));
    table->setCurrentIndex(good);
    QTRY_VERIFY2(detail().contains(u"checksum CRC-16/MODBUS passed: C5 CD"_s), qPrintable(detail()));
}

void TestChecksumForm::colourInLightAndDark()
{
    TrafficEvent bad;
    bad.kind = TrafficEvent::Kind::Frame;
    bad.direction = TrafficEvent::Direction::In;
    bad.reason = TrafficEvent::Reason::ChecksumFailed;
    TrafficEvent good = bad;
    good.reason = TrafficEvent::Reason::ChecksumPassed;
    for (const QColor &base : {QColor(Qt::white), QColor(0x1e, 0x1e, 0x1e)}) {
        const QColor c = TrafficLogModel::checksumColor(bad, base);
        QVERIFY(c.isValid());
        QVERIFY(!TrafficLogModel::checksumColor(good, base).isValid());
        // Apart from the base and from every colour the table already uses.
        QVERIFY(qAbs(c.lightness() - base.lightness()) > 20);
        TrafficEvent error;
        error.kind = TrafficEvent::Kind::Error;
        for (const QColor &used : {TrafficLogModel::directionColor(bad, base), TrafficLogModel::directionColor(error, base)})
            QVERIFY2(c != used, qPrintable(c.name()));
        // The row's text (the direction colour) stays readable on it.
        const QColor text = TrafficLogModel::directionColor(bad, base);
        QVERIFY2(qAbs(c.lightness() - text.lightness()) > 60, qPrintable(c.name() + u' ' + text.name()));
    }
}

void TestChecksumForm::replyFieldTakesTemplates()
{
    TcpServerSession server;
    TcpServerPage page(&server);
    page.show();
    auto *mode = page.findChild<QComboBox *>(u"replyCombo"_s);
    auto *edit = page.findChild<QLineEdit *>(u"templateEdit"_s);
    mode->setCurrentIndex(mode->findData(u"template"_s));
    edit->setText(u"#{counter:03} {data}"_s);
    QCOMPARE(ReplyRules::replySpecOf(server.settings().rules), u"#{counter:03} {data}"_s);
    QCOMPARE(server.autoReply().mode(), AutoReply::Mode::Template);
    QVERIFY2(edit->toolTip().contains(u"{counter"_s), qPrintable(edit->toolTip()));
    edit->setText(u"Hi {bogus}"_s);
    QVERIFY(!server.autoReply().isActive());   // nothing is answered with it
    QVERIFY2(edit->toolTip().contains(u"column 5"_s), qPrintable(edit->toolTip()));
}

QTEST_MAIN(TestChecksumForm)
#include "tst_checksumform.moc"
