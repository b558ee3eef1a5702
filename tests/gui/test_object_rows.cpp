// The object table's compact rows: every field comes back as it went in
// (names as bytes, times exactly as the store wrote them), hostile lengths are
// refused with the object's name, limits stop appending, and a row costs
// tens of bytes, not hundreds.

#include "core/util/error.h"
#include "ui/models/object_rows.h"

#include <QDateTime>
#include <QTest>

using namespace shardscope;
using namespace shardscope::ui;

class TestObjectRows : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void fieldsComeBackAsGiven();
    void timesShownAsTheStoreWroteThem_data();
    void timesShownAsTheStoreWroteThem();
    void namesInListingOrderAreKnownToBe();
    void namesThatAreNotUtf8KeepTheirBytes();
    void hostileLengthsNameTheObject_data();
    void hostileLengthsNameTheObject();
    void appendStopsAtTheLimits();
    void aMillionRowsStaySmall();
    void checksumsComeBackAsListed();
};

void TestObjectRows::fieldsComeBackAsGiven()
{
    ObjectRows empty; // a first row with no text at all still has a place
    empty.append("", 0, "", "", true);
    QCOMPARE(empty.name(0), QString());
    QVERIFY(empty.isDirectory(0));

    ObjectRows rows;
    rows.append("train/shard-000001.tar", 123456789012ull, "2024-05-01T10:00:00Z", "d50463dd92503d34", false);
    rows.append("train/", 0, "", "", true);
    rows.append("", 7, "", "", false);
    QCOMPARE(rows.count(), 3);
    const ObjectRow r = rows.row(0);
    QCOMPARE(r.name, QStringLiteral("train/shard-000001.tar"));
    QCOMPARE(r.size, 123456789012ull);
    QCOMPARE(r.modified, QStringLiteral("2024-05-01T10:00:00Z"));
    QCOMPARE(r.checksum, QStringLiteral("d50463dd92503d34"));
    QVERIFY(!r.isDirectory);
    QVERIFY(rows.isDirectory(1));
    QCOMPARE(rows.name(1), QStringLiteral("train/"));
    QVERIFY(rows.modified(1).isEmpty());
    qint64 ms = 0;
    QVERIFY(!rows.modifiedMs(1, &ms));
    QCOMPARE(rows.name(2), QString());
    QCOMPARE(rows.size(2), quint64(7));
    rows.clear();
    QCOMPARE(rows.count(), 0);
    QCOMPARE(rows.bytes(), std::size_t(0));
}

void TestObjectRows::timesShownAsTheStoreWroteThem_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("iso"); // the instant, by QDateTime's own ISO parser; empty: kept as text
    QTest::newRow("file store") << QStringLiteral("2024-05-01T10:00:07Z")
                                << QStringLiteral("2024-05-01T10:00:07Z");
    QTest::newRow("S3 with milliseconds")
        << QStringLiteral("2023-12-31T23:59:59.123Z") << QStringLiteral("2023-12-31T23:59:59.123Z");
    QTest::newRow("AIStore RFC 822") << QStringLiteral("30 Nov 26 14:21 UTC")
                                     << QStringLiteral("2026-11-30T14:21:00Z");
    QTest::newRow("leap day") << QStringLiteral("2024-02-29T00:00:00Z")
                              << QStringLiteral("2024-02-29T00:00:00Z");
    QTest::newRow("before 1970") << QStringLiteral("1969-07-20T20:17:40Z")
                                 << QStringLiteral("1969-07-20T20:17:40Z");
    QTest::newRow("no such day") << QStringLiteral("2023-02-30T00:00:00Z") << QString();
    QTest::newRow("other zone") << QStringLiteral("30 Nov 26 14:21 CET") << QString();
    QTest::newRow("RFC 1123") << QStringLiteral("Mon, 30 Nov 2026 14:21:00 GMT") << QString();
    QTest::newRow("nanoseconds") << QStringLiteral("2024-05-01T10:00:00.123456789Z") << QString();
    QTest::newRow("lower-case month") << QStringLiteral("30 nov 26 14:21 UTC") << QString();
}

void TestObjectRows::timesShownAsTheStoreWroteThem()
{
    QFETCH(QString, text);
    QFETCH(QString, iso);
    ObjectRows rows;
    rows.append("a", 1, text.toStdString(), "x", false);
    rows.append("b", 2, "", "", false); // the next row's text must not bleed into this one
    QCOMPARE(rows.modified(0), text);
    QCOMPARE(rows.checksum(0), QStringLiteral("x"));
    QCOMPARE(rows.name(1), QStringLiteral("b"));
    qint64 ms = 0;
    QCOMPARE(rows.modifiedMs(0, &ms), !iso.isEmpty());
    if (!iso.isEmpty())
        QCOMPARE(ms, QDateTime::fromString(iso, Qt::ISODateWithMs).toMSecsSinceEpoch());
    ObjectRows copy;
    QCOMPARE(copy.append(rows), 2);
    QCOMPARE(copy.modified(0), text);
    QCOMPARE(copy.name(1), QStringLiteral("b"));
}

void TestObjectRows::namesInListingOrderAreKnownToBe()
{
    ObjectRows listed; // the stores list in byte order of names
    for (const char *n : {"a", "a", "a/b", "b", "\xc3\xa9"})
        listed.append(n, 1, "", "", false);
    QVERIFY(listed.namesAscending());
    listed.append("B", 1, "", "", false); // 'B' < 0xc3: out of order
    QVERIFY(!listed.namesAscending());
    ObjectRows copy;
    copy.append(listed);
    QVERIFY(!copy.namesAscending());
    listed.clear();
    QVERIFY(listed.namesAscending());
}

void TestObjectRows::namesThatAreNotUtf8KeepTheirBytes()
{
    const std::string name("caf\xe9/\xff\xfe.bin", 11);
    ObjectRows rows;
    rows.append(name, 1, "", "", false);
    QCOMPARE(rows.nameUtf8(0), QByteArray(name.data(), qsizetype(name.size())));
    QCOMPARE(rows.name(0), QString::fromUtf8(name.data(), qsizetype(name.size())));
}

void TestObjectRows::hostileLengthsNameTheObject_data()
{
    QTest::addColumn<int>("nameLength");
    QTest::addColumn<int>("checksumLength");
    QTest::addColumn<int>("timeLength");
    QTest::addColumn<QString>("what");
    QTest::newRow("name") << 70000 << 1 << 1 << QStringLiteral("name of 70000 bytes");
    QTest::newRow("checksum") << 5 << 300 << 1 << QStringLiteral("checksum of 300 bytes");
    QTest::newRow("time") << 5 << 1 << 1000 << QStringLiteral("time of 1000 bytes");
}

void TestObjectRows::hostileLengthsNameTheObject()
{
    QFETCH(int, nameLength);
    QFETCH(int, checksumLength);
    QFETCH(int, timeLength);
    QFETCH(QString, what);
    ObjectRows rows;
    try {
        rows.append(std::string(std::size_t(nameLength), 'n'), 1, std::string(std::size_t(timeLength), 't'),
                    std::string(std::size_t(checksumLength), 'c'), false);
        QFAIL("no error");
    } catch (const Error &e) {
        const QString message = QString::fromUtf8(e.what());
        QVERIFY2(message.contains(what), qPrintable(message));
        QVERIFY2(message.contains(QLatin1String("object \"nnnnn")), qPrintable(message));
        QVERIFY2(message.size() < 400, qPrintable(message)); // the name is cut in the message
    }
    QCOMPARE(rows.count(), 0);
}

void TestObjectRows::appendStopsAtTheLimits()
{
    ObjectRows page;
    for (int i = 0; i < 100; ++i)
        page.append("o" + std::to_string(i), std::uint64_t(i), "", "", false);
    ObjectRows rows;
    QCOMPARE(rows.append(page, 30), 30);
    QCOMPARE(rows.count(), 30);
    QCOMPARE(rows.name(29), QStringLiteral("o29"));
    QCOMPARE(rows.append(page, 30), 0);
    // A byte budget smaller than one chunk admits nothing.
    ObjectRows small;
    QCOMPARE(small.append(page, SIZE_MAX, 1000), 0);
    QCOMPARE(small.count(), 0);
    // Names that fill chunk after chunk stop at the byte budget.
    ObjectRows big;
    for (int i = 0; i < 64; ++i)
        big.append(std::string(60000, char('a' + i % 26)) + std::to_string(i), 1, "", "", false);
    ObjectRows capped;
    const int fit = capped.append(big, SIZE_MAX, std::size_t(3) << 20);
    QVERIFY2(fit > 0 && fit < 64, qPrintable(QString::number(fit)));
    QVERIFY(capped.bytes() <= std::size_t(3) << 20);
    QCOMPARE(capped.name(fit - 1), big.name(fit - 1));
}

void TestObjectRows::aMillionRowsStaySmall()
{
    // Names like a sharded bucket's, 16-digit checksums, one time format.
    ObjectRows rows;
    std::size_t text = 0;
    for (int i = 0; i < 1000000; ++i) {
        char name[64];
        std::snprintf(name, sizeof name, "train/part-%04d/sample-%08d.jpg", i / 10000, i);
        rows.append(name, std::uint64_t(i) * 37, "2024-05-01T10:00:00Z", "0123456789abcdef", false);
        text += std::strlen(name) + 8; // the 16 hex digits are kept as 8 bytes
    }
    QCOMPARE(rows.count(), 1000000);
    QCOMPARE(rows.name(999999), QStringLiteral("train/part-0099/sample-00999999.jpg"));
    QCOMPARE(rows.size(999999), quint64(999999) * 37);
    // 24 bytes a row beside its text, plus at most a chunk and a block of slack.
    const std::size_t bound = 1000000 * 24 + text + ObjectRows::kChunkBytes + 16384 * 24 + 65536;
    QVERIFY2(rows.bytes() <= bound, qPrintable(QStringLiteral("%1 > %2").arg(rows.bytes()).arg(bound)));
    // Chunks are not filled to the last byte: what a row cannot fit starts the next one.
    QVERIFY2(rows.bytes() <= std::size_t(80) * 1000000, qPrintable(QString::number(rows.bytes())));
}

void TestObjectRows::checksumsComeBackAsListed()
{
    // Lowercase hex (as AIStore lists checksums) is kept as bytes; anything
    // else as text; every one comes back exactly as the store wrote it.
    const QStringList sums{QStringLiteral("d50463dd92503d34"),
                           QStringLiteral("D50463DD92503D34"),
                           QStringLiteral("abc"),
                           QStringLiteral("md5:0a1b"),
                           QString(),
                           QStringLiteral("00"),
                           QString(254, QLatin1Char('f')),
                           QStringLiteral("0g")};
    ObjectRows rows;
    for (const QString &sum : sums)
        rows.append("x", 1, "", sum.toStdString(), false);
    for (int i = 0; i < sums.size(); ++i)
        QCOMPARE(rows.checksum(i), sums[i]);
    // A copy (as pages are appended to the model) keeps them too.
    ObjectRows all;
    all.append(rows);
    for (int i = 0; i < sums.size(); ++i)
        QCOMPARE(all.checksum(i), sums[i]);
}

QTEST_GUILESS_MAIN(TestObjectRows)
#include "test_object_rows.moc"
