#pragma once

#include "core/framing/FramingSpec.h"
#include "core/log/TrafficEvent.h"
#include "core/net/Endpoint.h"
#include "core/net/SessionSettings.h"
#include "core/net/TcpClientSession.h"
#include "core/reply/AutoReply.h"
#include "ui/pages/SessionPage.h"

#include <QByteArray>
#include <QHostAddress>
#include <QList>
#include <QStringList>
#include <QTcpServer>
#include <QUdpSocket>

class MainWindow;
class QAbstractItemModel;
class TcpServerSession;
class TrafficLog;
class Workbench;

// What tst_formtruth reads and compares: each page's form, widget by
// objectName, against its session's settings, and the traffic a peer sees.
namespace FormTruth {

template <class T>
T *field(SessionPage *page, const QString &name)
{
    return page->findChild<T *>(name);
}

// "[::1]", " 127.0.0.1 " as a field shows them; null for an empty field.
QHostAddress addressOf(const QString &text);
// The fields that show a value the settings could not take, as typed and
// marked (by design: the session keeps its last good value, Start is off).
QStringList markedFields(SessionPage *page);
// Every field of the page's form that does not show what the session has,
// as "field: form shows X, session has Y" (marked fields excepted).
QStringList formMismatches(SessionPage *page);
// The settings fields (by their QSettings keys) where a and b differ.
QStringList settingsDiff(const SessionSettings &a, const SessionSettings &b, SessionKind kind);
QString describe(SessionPage *page);
QList<SessionPage *> pagesOf(MainWindow &window);

// HTTP answers carry the time: equal answers may differ there.
QByteArray withoutDate(QByteArray bytes);
// What the settings' rules answer to one message `received` of a new
// connection, with the checksum (before framing).
QByteArray repliesTo(const SessionSettings &settings, const QByteArray &received);
// Whether a rule answers with the HTTP page.
bool answersHttp(const SessionSettings &settings);
// A rule as the rules editor's row shows it: the row's cells, and what the
// settings say they must be (issue 20).
QString ruleShown(const ReplyRule &rule);
QStringList rulesShown(const QAbstractItemModel *model);
QByteArray wireOf(const FramingSpec &framing, const QByteArray &payload);
qsizetype lastIndexOf(const TrafficLog *log, TrafficEvent::Kind kind);
int countOf(const TrafficLog *log, TrafficEvent::Kind kind);
// The bytes received from event `from` on.
QByteArray receivedSince(const TrafficLog *log, qsizetype from);
QList<QByteArray> framesFrom(const TrafficLog *log, const Endpoint &peer);
// The running server of the workbench a lesson's client talks to.
TcpServerSession *serverOf(Workbench &bench, const TcpClientSession *c);
// Where a peer reaches a socket bound to `a` (loopback for "any").
QHostAddress reachable(const QHostAddress &a);

// The far ends the command-line rows talk to: {tcp}, {tcp6} and {udp} in a
// row's arguments become their ports.
struct Peers
{
    QTcpServer tcp;
    QTcpServer tcp6;
    QUdpSocket udp;
    Peers()
    {
        tcp.listen(QHostAddress::LocalHost);
        tcp6.listen(QHostAddress::LocalHostIPv6);
        udp.bind(QHostAddress::LocalHost, 0);
    }
    QString fill(QString text) const
    {
        return text.replace(QStringLiteral("{tcp}"), QString::number(tcp.serverPort()))
            .replace(QStringLiteral("{tcp6}"), QString::number(tcp6.serverPort()))
            .replace(QStringLiteral("{udp}"), QString::number(udp.localPort()));
    }
    QTcpServer *serverFor(const TcpClientSession *c)
    {
        if (c->settings().port == tcp.serverPort())
            return &tcp;
        if (c->settings().port == tcp6.serverPort())
            return &tcp6;
        return nullptr;
    }
};


} // namespace FormTruth
