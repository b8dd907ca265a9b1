#pragma once

#include "core/text/StreamDecoder.h"
#include "core/workbench/CommandLine.h"

#include <QObject>
#include <QPointer>
#include <QTimer>

#include <cstdio>

class Session;
class Workbench;
struct TrafficEvent;

// --quit, the one-shot mode, like nc: once the TCP client is connected (or
// the UDP session can send) it sends --send, prints what comes back within
// --wait milliseconds on standard output (decoded in --encoding, or as hex
// with --hex) and says with done() how the program exits: 0, or 1 with one
// line on standard error when the connection was refused or timed out, the
// host was not found, a datagram was rejected (ICMP port unreachable) or
// the send failed. A TCP peer that closes ends the wait early.
class OneShot : public QObject
{
    Q_OBJECT
public:
    OneShot(Workbench *workbench, const CommandLine::Options &options, QObject *parent = nullptr,
            FILE *out = stdout, FILE *err = stderr);
    ~OneShot() override;

    // Watches the session (call after Workbench::applyOptions(), which must
    // not send --send itself: this does, to know whether it went).
    void begin();

signals:
    void done(int exitCode);

private:
    void onEvent(const TrafficEvent &event);
    void sendAndWait();
    // Ends the answer (the last character, the hex line's end); false when
    // it had ended already.
    bool end();
    void finish();
    void fail(const QString &why);
    void write(const QByteArray &bytes);

    Workbench *m_workbench;
    CommandLine::Options m_options;
    QPointer<Session> m_session;
    StreamDecoder m_decoder;
    QTimer m_wait;
    bool m_sent = false;
    bool m_printedHex = false;
    bool m_over = false;
    FILE *m_out;
    FILE *m_err;
};
