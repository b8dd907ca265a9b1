// Google Benchmark's main(), with a QApplication first: the model and view
// benchmarks need one, and the offscreen platform keeps them headless (and
// comparable between a desktop and a CI machine).

#include <QApplication>
#include <QByteArray>
#include <QString>

#include <benchmark/benchmark.h>

namespace {

QtMessageHandler g_defaultHandler = nullptr;

// The offscreen platform warns each time a window is shown; that says
// nothing about what is measured and would split the result table.
void messageHandler(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    if (message == QLatin1String("This plugin does not support propagateSizeHints()"))
        return;
    g_defaultHandler(type, context, message);
}

} // namespace

int main(int argc, char **argv)
{
    qputenv("QT_QPA_PLATFORM", QByteArrayLiteral("offscreen"));
    g_defaultHandler = qInstallMessageHandler(messageHandler);
    QApplication app(argc, argv);
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv))
        return 1;
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
