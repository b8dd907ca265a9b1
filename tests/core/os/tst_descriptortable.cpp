// ProcessSetup::reserveDescriptorTable(): the process's descriptor table is
// grown up front (read back from the kernel's FDSize in /proc/self/status),
// bounded by the open-file limit and 65,536, and a request for nothing
// changes nothing.

#include "core/os/ProcessSetup.h"

#include <QFile>
#include <QTest>

#include <sys/resource.h>

using namespace Qt::StringLiterals;

namespace {

// Slots in this process's descriptor table, as the kernel reports them.
qint64 tableSize()
{
    QFile status(u"/proc/self/status"_s);
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("FDSize:"))
            return line.mid(7).trimmed().toLongLong();
    }
    return -1;
}

qint64 softLimit()
{
    rlimit r{};
    if (::getrlimit(RLIMIT_NOFILE, &r) != 0 || r.rlim_cur == RLIM_INFINITY)
        return qint64(1) << 20;
    return qint64(r.rlim_cur);
}

} // namespace

class TestDescriptorTable : public QObject
{
    Q_OBJECT
private slots:
    void growsToWhatIsAsked();
    void boundedByTheLimit();
    void nothingAskedNothingChanged();
};

void TestDescriptorTable::growsToWhatIsAsked()
{
#ifndef Q_OS_LINUX
    QSKIP("FDSize is Linux's");
#endif
    ProcessSetup::raiseFileLimit();
    const qint64 before = tableSize();
    QVERIFY(before > 0);
    const qint64 want = qMin<qint64>(softLimit(), qMax<qint64>(before * 4, 1024));
    QVERIFY2(want > before, "the open-file limit leaves no room to grow");
    const qint64 reserved = ProcessSetup::reserveDescriptorTable(want);
    QVERIFY2(reserved >= want, qPrintable(QString::number(reserved)));
    QVERIFY2(tableSize() >= want, qPrintable(QString::number(tableSize())));
    // The descriptor used to grow it is closed again: the next one opened
    // is a low number, not one up there.
    QFile f(u"/dev/null"_s);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QVERIFY(f.handle() < before);
}

void TestDescriptorTable::boundedByTheLimit()
{
    const qint64 reserved = ProcessSetup::reserveDescriptorTable(qint64(1) << 40);
    QVERIFY(reserved > 0);
    QVERIFY2(reserved <= qMin<qint64>(softLimit(), 65536), qPrintable(QString::number(reserved)));
}

void TestDescriptorTable::nothingAskedNothingChanged()
{
    const qint64 before = tableSize();
    QCOMPARE(ProcessSetup::reserveDescriptorTable(0), qint64(-1));
    QCOMPARE(ProcessSetup::reserveDescriptorTable(-5), qint64(-1));
    QCOMPARE(tableSize(), before);
}

QTEST_GUILESS_MAIN(TestDescriptorTable)
#include "tst_descriptortable.moc"
