// UnsentTail keeps the suffix of what was written that Qt may still hold:
// checked against a plain byte string over data-driven write sequences.

#include "core/net/UnsentTail.h"

#include <QTest>

class TestUnsentTail : public QObject
{
    Q_OBJECT
private slots:
    void keepsTheLastPendingBytes_data();
    void keepsTheLastPendingBytes();
    void nothingPendingKeepsNothing();
};

void TestUnsentTail::keepsTheLastPendingBytes_data()
{
    // Writes as "payload/pending-after-it", then what is pending at the end.
    QTest::addColumn<QStringList>("writes");
    QTest::addColumn<int>("pendingNow");
    QTest::newRow("one write, all pending") << QStringList{QStringLiteral("hello/5")} << 5;
    QTest::newRow("one write, part sent") << QStringList{QStringLiteral("hello/3")} << 3;
    QTest::newRow("sent more since") << QStringList{QStringLiteral("hello/5")} << 2;
    QTest::newRow("across chunks") << QStringList{QStringLiteral("abc/3"), QStringLiteral("defg/6")} << 6;
    QTest::newRow("first chunk dropped") << QStringList{QStringLiteral("abc/1"), QStringLiteral("defg/4")} << 4;
    QTest::newRow("inside first kept chunk")
        << QStringList{QStringLiteral("abcdef/4"), QStringLiteral("gh/5"), QStringLiteral("ij/7")} << 6;
    QTest::newRow("all sent") << QStringList{QStringLiteral("abc/3"), QStringLiteral("de/0")} << 0;
}

void TestUnsentTail::keepsTheLastPendingBytes()
{
    QFETCH(QStringList, writes);
    QFETCH(int, pendingNow);
    UnsentTail tail;
    QByteArray all;
    for (const QString &w : writes) {
        const QStringList parts = w.split(u'/');
        const QByteArray payload = parts.at(0).toLatin1();
        all += payload;
        tail.wrote(payload, parts.at(1).toLongLong());
        QVERIFY(tail.size() <= parts.at(1).toLongLong());
    }
    const QList<QByteArray> chunks = tail.last(pendingNow);
    QCOMPARE(chunks.join(), all.right(pendingNow));
}

void TestUnsentTail::nothingPendingKeepsNothing()
{
    UnsentTail tail;
    tail.wrote(QByteArray(1000, 'x'), 0);
    QCOMPARE(tail.size(), 0);
    QVERIFY(tail.last(10).isEmpty());
    tail.wrote(QByteArray(1000, 'y'), 400);
    QCOMPARE(tail.size(), 400);
    tail.clear();
    QCOMPARE(tail.size(), 0);
}

QTEST_GUILESS_MAIN(TestUnsentTail)
#include "tst_unsenttail.moc"
