#include "core/workbench/SequenceCommand.h"

#include "core/commands/SequenceRunner.h"
#include "core/log/TrafficEvent.h"
#include "core/net/Session.h"
#include "core/workbench/Workbench.h"

#include <QFileInfo>

#include <QTimer>

SequenceCommand::SequenceCommand(Workbench *workbench, const CommandLine::Options &options, QObject *parent,
                                 FILE *out, FILE *err)
    : QObject(parent)
    , m_workbench(workbench)
    , m_options(options)
    , m_out(out)
    , m_err(err)
{
}

SequenceCommand::~SequenceCommand() = default;

void SequenceCommand::begin()
{
    const QList<Session *> sessions = m_workbench->sessions();
    if (sessions.size() != 1 || !m_options.sequence) {
        fail(tr("there is no session to run the sequence on"));
        return;
    }
    m_session = sessions.constFirst();
    m_runner = new SequenceRunner(m_session, this);
    connect(m_runner, &SequenceRunner::stepFinished, this,
            [this](const SequenceRunner::StepReport &report) { printLine(m_out, report.line()); });
    connect(m_runner, &SequenceRunner::runFinished, this,
            [this](int, const SequenceRunner::Tally &, const QString &line) { printLine(m_out, line); });
    connect(m_runner, &SequenceRunner::finished, this, [this](const SequenceRunner::Summary &summary) {
        printLine(m_out, summary.line);
        if (!summary.reason.isEmpty())
            printLine(m_err, QStringLiteral("socket-workbench: --sequence: ") + summary.reason);
        m_over = true;
        emit done(summary.exitCode());
    });
    connect(m_session, &Session::eventOccurred, this, &SequenceCommand::onEvent);
    switch (m_session->kind()) {
    case SessionKind::Udp:
        // Datagrams need no connection: the first send binds if need be.
        QTimer::singleShot(0, this, [this] { startRunner(0); });
        break;
    case SessionKind::TcpClient:
        if (m_session->isRunning())
            startRunner(0);
        break;
    case SessionKind::TcpServer:
        // Its error event has said why (the address in use, a privileged port).
        if (!m_session->isRunning())
            fail(tr("the server is not listening; nothing was sent"));
        break;
    }
}

void SequenceCommand::stop()
{
    if (m_runner)
        m_runner->stop();
}

void SequenceCommand::onEvent(const TrafficEvent &event)
{
    if (m_over || m_runner->isRunning())
        return;
    if (event.kind == TrafficEvent::Kind::Connected) {
        // A server runs it with its first client, and only with that one.
        startRunner(m_session->kind() == SessionKind::TcpServer ? event.connectionId : 0);
    } else if (event.kind == TrafficEvent::Kind::Error && m_session->kind() == SessionKind::TcpClient
               && !m_session->isRunning()) {
        // Refused, timed out, host not found: there will be no connection.
        fail(tr("%1; nothing was sent").arg(event.message));
    }
}

void SequenceCommand::startRunner(quint32 clientId)
{
    if (m_over || m_runner->isRunning())
        return;
    m_runner->setClientId(clientId);
    QString error;
    if (!m_runner->start(*m_options.sequence, m_options.sequenceLibrary, &error))
        fail(error);
}

void SequenceCommand::fail(const QString &why)
{
    if (m_over)
        return;
    m_over = true;
    printLine(m_err, QStringLiteral("socket-workbench: --sequence: ") + why);
    emit done(1);
}

void SequenceCommand::printLine(FILE *stream, const QString &line)
{
    // After the event lines already queued, so the output reads in order.
    m_workbench->flushPrinted();
    const QByteArray bytes = line.toUtf8() + '\n';
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stream);
    std::fflush(stream);
}

// --sequence FILE[:NAME]: the file is the longest existing file the value
// starts with, so both a path and a sequence name may hold a colon.
bool SequenceCommand::readOption(const QString &value, CommandLine::Options *o, QString *error)
{
    QString file = value;
    QString name;
    bool named = false;
    if (!QFileInfo(value).isFile()) {
        for (qsizetype i = value.indexOf(u':'); i >= 0; i = value.indexOf(u':', i + 1)) {
            if (QFileInfo(value.left(i)).isFile()) {
                file = value.left(i);
                name = value.mid(i + 1);
                named = true;
            }
        }
        if (!named) {
            const qsizetype colon = value.indexOf(u':');
            *error = CommandLine::tr("no file \u201c%1\u201d").arg(colon >= 0 ? value.left(colon) : value);
            return false;
        }
    }
    PayloadLibrary library;
    QString why;
    if (!library.load(file, &why)) {
        *error = QStringLiteral("%1: %2").arg(file, why);
        return false;
    }
    const CommandSequence *sequence = nullptr;
    QStringList names;
    for (const CommandSequence &s : library.sequences())
        names.append(s.name);
    if (named) {
        sequence = library.sequence(name);
        if (!sequence) {
            *error = CommandLine::tr("%1 has no sequence \u201c%2\u201d; it has: %3")
                         .arg(file, name, names.isEmpty() ? CommandLine::tr("none") : names.join(QStringLiteral(", ")));
            return false;
        }
    } else if (names.size() != 1) {
        *error = names.isEmpty() ? CommandLine::tr("%1 holds no sequence").arg(file)
                                 : CommandLine::tr("%1 holds %2 sequences; name one as FILE:NAME (%3)")
                                       .arg(file)
                                       .arg(names.size())
                                       .arg(names.join(QStringLiteral(", ")));
        return false;
    } else {
        sequence = &library.sequences().constFirst();
    }
    const QString bad = SequenceRunner::check(*sequence, library);
    if (!bad.isEmpty()) {
        *error = QStringLiteral("%1: %2: %3").arg(file, sequence->name, bad);
        return false;
    }
    o->sequenceFile = file;
    o->sequence = *sequence;
    o->sequenceLibrary = library;
    return true;
}
