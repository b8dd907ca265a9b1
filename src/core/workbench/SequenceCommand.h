#pragma once

#include "core/workbench/CommandLine.h"

#include <QObject>
#include <QPointer>

#include <cstdio>

class SequenceRunner;
class Session;
class Workbench;
struct TrafficEvent;

// --sequence FILE[:NAME]: runs the command line's sequence on the one
// session the other options opened, once it can talk (a TCP client once
// connected, a TCP server with its first client, UDP at once), prints a line
// per step, per run and at the end on standard output, and says with
// done() how the program exits: 0 every step passed, 1 a reply timed out, a
// send failed, or the session could not connect or stopped.
class SequenceCommand : public QObject
{
    Q_OBJECT
public:
    SequenceCommand(Workbench *workbench, const CommandLine::Options &options, QObject *parent = nullptr,
                    FILE *out = stdout, FILE *err = stderr);
    ~SequenceCommand() override;

    // --sequence FILE[:NAME]: reads the file and fills o's sequence, its file
    // and its library; false and *error (why, without the option's name)
    // when the file, the name or the sequence is not right.
    static bool readOption(const QString &value, CommandLine::Options *o, QString *error);

    // Watches the session (call after Workbench::applyOptions()).
    void begin();
    // Ends a run still going (the program is quitting): its summary is printed.
    void stop();

signals:
    void done(int exitCode);

private:
    void onEvent(const TrafficEvent &event);
    void startRunner(quint32 clientId);
    void fail(const QString &why);
    void printLine(FILE *stream, const QString &line);

    Workbench *m_workbench;
    CommandLine::Options m_options;
    QPointer<Session> m_session;
    SequenceRunner *m_runner = nullptr;
    FILE *m_out;
    FILE *m_err;
    bool m_over = false;
};
