#pragma once

#include "core/teach/SocketNarrator.h"

#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>

// Runs a copied script the way a student would: python3 on the Python
// (unbuffered, so its lines arrive as it prints them), or gcc -Wall -Wextra
// -Werror and then the program for C. Output is read as the event loop
// runs, so the sessions of the test keep working meanwhile.
class ScriptRun
{
public:
    static QString gcc() { return QStandardPaths::findExecutable(QStringLiteral("gcc")); }

    // Writes the script and compiles it (C); false with *why when that fails.
    bool prepare(const QString &script, SocketNarrator::Language language, QString *why)
    {
        m_language = language;
        const bool python = language == SocketNarrator::Language::Python;
        m_source = m_dir.filePath(python ? QStringLiteral("script.py") : QStringLiteral("program.c"));
        QFile f(m_source);
        if (!m_dir.isValid() || !f.open(QIODevice::WriteOnly)) {
            *why = QStringLiteral("cannot write ") + m_source;
            return false;
        }
        f.write(script.toUtf8());
        f.close();
        if (python)
            return true;
        QProcess cc;
        cc.setProcessChannelMode(QProcess::MergedChannels);
        cc.start(gcc(), {QStringLiteral("-Wall"), QStringLiteral("-Wextra"), QStringLiteral("-Werror"), QStringLiteral("-o"),
                         m_dir.filePath(QStringLiteral("program")), m_source});
        if (!cc.waitForFinished(120000) || cc.exitStatus() != QProcess::NormalExit || cc.exitCode() != 0) {
            *why = QString::fromUtf8(cc.readAll()) + QLatin1Char('\n') + script;
            return false;
        }
        return true;
    }

    void start()
    {
        m_process.setProcessChannelMode(QProcess::MergedChannels);
        if (m_language == SocketNarrator::Language::Python)
            m_process.start(QStringLiteral("/usr/bin/python3"), {QStringLiteral("-u"), m_source});
        else
            m_process.start(m_dir.filePath(QStringLiteral("program")), {});
    }

    // Everything printed so far.
    QByteArray output()
    {
        m_output += m_process.readAll();
        return m_output;
    }
    bool running() const { return m_process.state() != QProcess::NotRunning; }
    int exitCode() const { return m_process.exitCode(); }
    void kill()
    {
        if (running()) {
            m_process.kill();
            m_process.waitForFinished(5000);
        }
    }
    ~ScriptRun() { kill(); }

private:
    QTemporaryDir m_dir;
    QString m_source;
    SocketNarrator::Language m_language = SocketNarrator::Language::Python;
    QProcess m_process;
    QByteArray m_output;
};
