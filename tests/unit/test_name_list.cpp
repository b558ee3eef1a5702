// The packed name list that benchmarks and the loader keep their millions of
// names in: every name and size comes back as it went in, in order, across
// chunk boundaries, whatever the bytes; it holds less than the vectors it
// replaces (a std::string and a size each); what it cannot hold is refused
// with a message.

#include "core/util/error.h"
#include "core/util/name_list.h"

#include <QTest>

#include <string>
#include <vector>

using namespace shardscope;

class TestNameList : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void namesAndSizesComeBackInOrder();
    void oddBytesAndEmptyNamesSurvive();
    void sharedPrefixesOfEveryLengthDecode();
    void theLongestNamesStartNewChunks();
    void aMovedFromListIsEmptyAndReusable();
    void sizesOfFourGiBAndMoreAreKept();
    void tooLongANameIsRefused();
    void copiesAreEqualAndIndependent();
    void holdsLessThanVectorsOfStrings();
    void readingPastTheEndThrows();
};

namespace {
std::string nameOf(std::size_t i)
{
    // Lengths vary from 1 to 60 bytes so that names end at every position of a chunk.
    return "dir-" + std::to_string(i % 97) + "/" + std::string(i % 53, char('a' + i % 26)) +
           std::to_string(i);
}
} // namespace

void TestNameList::namesAndSizesComeBackInOrder()
{
    // ~4.5 MB of names: several 1 MiB chunks and several entry blocks.
    constexpr std::size_t n = 150000;
    NameList list;
    for (std::size_t i = 0; i < n; ++i)
        list.push_back(nameOf(i), i * 3);
    QCOMPARE(list.size(), n);
    QVERIFY(!list.empty());
    for (std::size_t i = 0; i < n; ++i) {
        if (list[i] != nameOf(i) || list.sizeAt(i) != i * 3)
            QFAIL(qPrintable(QStringLiteral("entry %1: \"%2\" size %3")
                                 .arg(i)
                                 .arg(QString::fromStdString(std::string(list[i])))
                                 .arg(list.sizeAt(i))));
    }
    std::size_t i = 0;
    for (const std::string &name : list)
        QCOMPARE(name, nameOf(i++));
    QCOMPARE(i, n);
    const std::vector<std::uint64_t> sizes = list.sizes();
    QCOMPARE(sizes.size(), n);
    QCOMPARE(sizes[1000], std::uint64_t(3000));
    list.clear();
    QVERIFY(list.empty());
    QCOMPARE(list.begin() == list.end(), true);
}

void TestNameList::oddBytesAndEmptyNamesSurvive()
{
    const std::string withNul("a\0b", 3);
    const std::string notUtf8("\xff\xfe/\xc3", 4);
    NameList list{"", withNul, notUtf8, ""};
    list.push_back("");
    QCOMPARE(list.size(), std::size_t(5));
    QCOMPARE(list[0].size(), std::size_t(0));
    QCOMPARE(std::string(list[1]), withNul);
    QCOMPARE(std::string(list[2]), notUtf8);
    QCOMPARE(list[3].size(), std::size_t(0));
    QCOMPARE(list[4].size(), std::size_t(0));
}

void TestNameList::sharedPrefixesOfEveryLengthDecode()
{
    // Names that are prefixes of the one before, equal to it, longer by one,
    // sharing more than 127 bytes (a two-byte prefix length) and nothing.
    const std::string deep(300, 'p');
    const std::vector<std::string> names{"a",   "ab",   "a",         "",         "",        "abc",      "abc",
                                         "abd", deep,   deep + "x",  deep + "y", deep,      deep + "y", "zzz",
                                         "zz",  "zzzz", deep + "yy", "a/b/c",    "a/b/c/d", "a/b/",     "b",
                                         deep,  deep,   deep + "q",  ""};
    NameList list;
    for (const std::string &n : names)
        list.push_back(n);
    for (std::size_t i = 0; i < names.size(); ++i)
        QCOMPARE(list[i], names[i]);
    // In any order of reading (a restart point every kRestart names).
    for (std::size_t i = names.size(); i-- > 0;)
        QCOMPARE(list[i], names[i]);
}

void TestNameList::theLongestNamesStartNewChunks()
{
    const std::string big(NameList::kMaxName, 'x');
    NameList list;
    list.push_back("before");
    list.push_back(big, 7);
    list.push_back("after");
    list.push_back(big);
    QCOMPARE(std::string(list[0]), std::string("before"));
    QCOMPARE(list[1].size(), big.size());
    QCOMPARE(list[1] == big, true);
    QCOMPARE(list.sizeAt(1), std::uint64_t(7));
    QCOMPARE(std::string(list[2]), std::string("after"));
    QCOMPARE(list[3] == big, true);
}

void TestNameList::sizesOfFourGiBAndMoreAreKept()
{
    NameList list;
    list.push_back("small", 0xFFFFFFFEull);
    list.push_back("edge", 0xFFFFFFFFull);
    list.push_back("huge", 5ull << 40);
    QCOMPARE(list.sizeAt(0), 0xFFFFFFFEull);
    QCOMPARE(list.sizeAt(1), 0xFFFFFFFFull);
    QCOMPARE(list.sizeAt(2), 5ull << 40);
    const NameList copy(list);
    QCOMPARE(copy.sizeAt(2), 5ull << 40);
}

void TestNameList::tooLongANameIsRefused()
{
    NameList list;
    list.push_back("kept");
    try {
        list.push_back(std::string(NameList::kMaxName + 1, 'y'));
        QFAIL("a name longer than the limit was taken");
    } catch (const Error &e) {
        QCOMPARE(e.kind(), ErrorKind::InvalidArgument);
        QVERIFY2(QString::fromUtf8(e.what()).contains(QString::number(NameList::kMaxName + 1)), e.what());
    }
    QCOMPARE(list.size(), std::size_t(1)); // the list is as it was
    QCOMPARE(std::string(list[0]), std::string("kept"));
}

void TestNameList::copiesAreEqualAndIndependent()
{
    NameList a;
    for (std::size_t i = 0; i < 70000; ++i)
        a.push_back(nameOf(i), i);
    NameList b = a;
    a.push_back("only-in-a");
    QCOMPARE(b.size(), std::size_t(70000));
    QCOMPARE(a.size(), std::size_t(70001));
    for (std::size_t i = 0; i < b.size(); i += 997)
        QCOMPARE(std::string(b[i]), nameOf(i));
    const std::vector<std::string> v{"x", "yy", "zzz"};
    const NameList fromVector(v);
    QCOMPARE(fromVector.size(), std::size_t(3));
    QCOMPARE(std::string(fromVector[2]), std::string("zzz"));
}

void TestNameList::holdsLessThanVectorsOfStrings()
{
    // A million-object listing's names are "obj-0000000.bin" (15 bytes): the
    // vectors this replaces took a std::string (32 bytes) and a size (8) each.
    constexpr std::size_t n = 200000;
    NameList list;
    char name[32];
    for (std::size_t i = 0; i < n; ++i) {
        std::snprintf(name, sizeof name, "obj-%07zu.bin", i);
        list.push_back(name, 1024);
    }
    // The name's 15 bytes and 8 for the entry, with slack for the last chunk
    // and block: under 28 bytes a name.
    QVERIFY2(list.bytes() < n * 28,
             qPrintable(QStringLiteral("%1 bytes for %2 names").arg(list.bytes()).arg(n)));
}

void TestNameList::aMovedFromListIsEmptyAndReusable()
{
    NameList a{"one", "two"};
    NameList b(std::move(a));
    QCOMPARE(b.size(), std::size_t(2));
    QVERIFY(a.empty()); // NOLINT(bugprone-use-after-move): the state after a move is what is tested
    QVERIFY_THROWS_EXCEPTION(Error, a[0]);
    a.push_back("again", 5);
    QCOMPARE(std::string(a[0]), std::string("again"));
    QCOMPARE(a.sizeAt(0), std::uint64_t(5));
    NameList c;
    c = std::move(b);
    QCOMPARE(std::string(c[1]), std::string("two"));
    QVERIFY(b.empty()); // NOLINT(bugprone-use-after-move)
    b.push_back("three");
    QCOMPARE(b.size(), std::size_t(1));
}

void TestNameList::readingPastTheEndThrows()
{
    NameList list{"one"};
    QVERIFY_THROWS_EXCEPTION(Error, list[1]);
    QVERIFY_THROWS_EXCEPTION(Error, list.sizeAt(1));
}

QTEST_GUILESS_MAIN(TestNameList)
#include "test_name_list.moc"
