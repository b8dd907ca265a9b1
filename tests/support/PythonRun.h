#pragma once

// Runs a python3 script as a reference program: the test writes its input to
// standard input and compares what the script prints with its own result, so
// an expectation is computed by code that was not written here (zlib, crcmod,
// time.strftime) rather than copied by hand.

#include <QByteArray>
#include <QProcess>
#include <QString>
#include <QStringList>

namespace PythonRun {

// The script's standard output, or an empty array and *error saying why
// (python3 missing, a module missing, a non-zero exit with its stderr).
inline QByteArray run(const char *script, const QByteArray &input, QString *error,
                      const QStringList &args = {})
{
    QProcess python;
    python.start(QStringLiteral("/usr/bin/python3"),
                 QStringList{QStringLiteral("-c"), QString::fromUtf8(script)} + args);
    if (!python.waitForStarted(30000)) {
        *error = QStringLiteral("/usr/bin/python3 did not start: ") + python.errorString();
        return {};
    }
    python.write(input);
    python.closeWriteChannel();
    // A generous bound against a hung interpreter, not a timing assertion.
    if (!python.waitForFinished(120000)) {
        python.kill();
        python.waitForFinished();
        *error = QStringLiteral("python3 did not finish");
        return {};
    }
    if (python.exitStatus() != QProcess::NormalExit || python.exitCode() != 0) {
        *error = QStringLiteral("python3 failed: ") + QString::fromUtf8(python.readAllStandardError());
        return {};
    }
    error->clear();
    return python.readAllStandardOutput();
}

} // namespace PythonRun
