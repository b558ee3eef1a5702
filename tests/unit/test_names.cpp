// How names from data that are not plain UTF-8 are shown (escapeName) and read
// back (unescapeName): the form must be valid UTF-8 and must give the same
// bytes back, and names that need no escaping must stay exactly as they are.

#include "core/bench/bench_report.h"
#include "core/bench/benchmark.h"
#include "core/config/export_cpp.h"
#include "core/util/strings.h"

#include <QTest>

using namespace shardscope;

class TestNames : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void escapedForm_data();
    void escapedForm();
    void unescapeKeepsOtherBackslashes_data();
    void unescapeKeepsOtherBackslashes();
    void validUtf8_data();
    void validUtf8();
    void messagesBecomeValidUtf8();
    void reportsCarryNamesThatAreNotUtf8();
    void decimalNumbersFromServers_data();
    void decimalNumbersFromServers();
};

void TestNames::escapedForm_data()
{
    QTest::addColumn<QByteArray>("name");
    QTest::addColumn<QByteArray>("shown");
    QTest::newRow("ascii") << QByteArray("train/shard-0001.tar") << QByteArray("train/shard-0001.tar");
    QTest::newRow("utf-8") << QByteArray("数据/größe.json") << QByteArray("数据/größe.json");
    QTest::newRow("lone backslash stays") << QByteArray("dir\\file.txt") << QByteArray("dir\\file.txt");
    QTest::newRow("latin-1 byte") << QByteArray("caf\xe9.jpg") << QByteArray("caf\\xe9.jpg");
    QTest::newRow("stray continuation byte") << QByteArray("a\x80z") << QByteArray("a\\x80z");
    QTest::newRow("cut sequence at the end") << QByteArray("euro\xe2\x82") << QByteArray("euro\\xe2\\x82");
    QTest::newRow("overlong slash") << QByteArray("a\xc0\xafz") << QByteArray("a\\xc0\\xafz");
    QTest::newRow("surrogate") << QByteArray("s\xed\xa0\x80") << QByteArray("s\\xed\\xa0\\x80");
    QTest::newRow("above U+10FFFF") << QByteArray("\xf4\x90\x80\x80") << QByteArray("\\xf4\\x90\\x80\\x80");
    QTest::newRow("control character") << QByteArray("line\nbreak") << QByteArray("line\\x0abreak");
    QTest::newRow("backslash in a name that is escaped")
        << QByteArray("a\\b\xff") << QByteArray("a\\\\b\\xff");
    QTest::newRow("valid name that reads as an escape") << QByteArray("lit\\x41") << QByteArray("lit\\\\x41");
    QTest::newRow("valid name with a double backslash") << QByteArray("a\\\\b") << QByteArray("a\\\\\\\\b");
    QTest::newRow("utf-8 kept beside an invalid byte") << QByteArray("é\xff") << QByteArray("é\\xff");
}

void TestNames::escapedForm()
{
    QFETCH(QByteArray, name);
    QFETCH(QByteArray, shown);
    const std::string raw = name.toStdString();
    const std::string escaped = escapeName(raw);
    QCOMPARE(QByteArray::fromStdString(escaped), shown);
    QVERIFY2(isValidUtf8(escaped), escaped.c_str());
    QCOMPARE(nameNeedsEscaping(raw), name != shown);
    QCOMPARE(QByteArray::fromStdString(unescapeName(escaped)), name);
}

void TestNames::unescapeKeepsOtherBackslashes_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QByteArray>("name");
    QTest::newRow("backslash and letter") << QByteArray("a\\b") << QByteArray("a\\b");
    QTest::newRow("\\x without digits") << QByteArray("a\\xz1") << QByteArray("a\\xz1");
    QTest::newRow("\\x at the end") << QByteArray("a\\x4") << QByteArray("a\\x4");
    QTest::newRow("upper-case hex") << QByteArray("a\\xFF") << QByteArray("a\xff");
    QTest::newRow("trailing backslash") << QByteArray("a\\") << QByteArray("a\\");
}

void TestNames::unescapeKeepsOtherBackslashes()
{
    QFETCH(QByteArray, text);
    QFETCH(QByteArray, name);
    QCOMPARE(QByteArray::fromStdString(unescapeName(text.toStdString())), name);
}

void TestNames::validUtf8_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<bool>("valid");
    QTest::newRow("empty") << QByteArray() << true;
    QTest::newRow("4-byte emoji") << QByteArray("\xf0\x9f\x98\x80") << true;
    QTest::newRow("U+10FFFF") << QByteArray("\xf4\x8f\xbf\xbf") << true;
    QTest::newRow("0xff") << QByteArray("\xff") << false;
    QTest::newRow("missing continuation") << QByteArray("\xc3(") << false;
    QTest::newRow("overlong 3-byte") << QByteArray("\xe0\x80\xaf") << false;
}

void TestNames::validUtf8()
{
    QFETCH(QByteArray, text);
    QFETCH(bool, valid);
    QCOMPARE(isValidUtf8(text.toStdString()), valid);
}

void TestNames::messagesBecomeValidUtf8()
{
    QCOMPARE(QByteArray::fromStdString(toValidUtf8("shard \"a\\x01\" in caf\xe9.tar")),
             QByteArray("shard \"a\\x01\" in caf\\xe9.tar"));
}

void TestNames::reportsCarryNamesThatAreNotUtf8()
{
    BenchResult r;
    r.errors = 1;
    r.firstError = "local://b/caf\xe9.bin: object does not exist";
    const std::string report = benchResultJson(r, false, 1);
    const std::string expected = "\"first_error\": \"local://b/caf\\\\xe9.bin: object does not exist\"";
    QVERIFY2(report.find(expected) != std::string::npos, report.c_str());
    // A wids index is read by other programs that take its URLs literally: a
    // shard name that is not UTF-8 is refused there (test_export_hostile).
}

void TestNames::decimalNumbersFromServers_data()
{
    // Sizes, lengths and uptimes in AIStore's headers and JSON strings.
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<quint64>("value");
    QTest::newRow("zero") << QByteArray("0") << true << quint64(0);
    QTest::newRow("leading zeros") << QByteArray("007") << true << quint64(7);
    QTest::newRow("2^64 - 1") << QByteArray("18446744073709551615") << true
                              << quint64(18446744073709551615ull);
    QTest::newRow("2^64") << QByteArray("18446744073709551616") << false << quint64(0);
    QTest::newRow("many digits") << QByteArray("000000000000000000000000001") << true << quint64(1);
    QTest::newRow("empty") << QByteArray("") << false << quint64(0);
    QTest::newRow("sign") << QByteArray("-1") << false << quint64(0);
    QTest::newRow("plus") << QByteArray("+1") << false << quint64(0);
    QTest::newRow("space") << QByteArray(" 1") << false << quint64(0);
    QTest::newRow("trailing text") << QByteArray("12abc") << false << quint64(0);
    QTest::newRow("hex") << QByteArray("0x10") << false << quint64(0);
    QTest::newRow("fraction") << QByteArray("1.5") << false << quint64(0);
}

void TestNames::decimalNumbersFromServers()
{
    QFETCH(QByteArray, text);
    QFETCH(bool, ok);
    QFETCH(quint64, value);
    const std::optional<std::uint64_t> v =
        parseDecimalU64(std::string_view(text.constData(), std::size_t(text.size())));
    QCOMPARE(v.has_value(), ok);
    if (ok)
        QCOMPARE(quint64(*v), value);
}

QTEST_GUILESS_MAIN(TestNames)
#include "test_names.moc"
