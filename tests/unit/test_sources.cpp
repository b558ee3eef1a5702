// Sources and splits: object groups (prefix, names, brace template) resolved
// with sizes from one listing; AIStore's prefix_map rules; split coverage.

#include "core/config/split_coverage.h"
#include "core/data/brace_expand.h"
#include "core/data/sources.h"
#include "core/data/summary.h"
#include "core/storage/file_store.h"
#include "core/util/error.h"

#include <QTemporaryDir>
#include <QTest>

using namespace shardscope;

namespace {
std::vector<std::string> names(const std::vector<ObjectInfo> &v)
{
    std::vector<std::string> out;
    for (const auto &o : v)
        out.push_back(o.name);
    return out;
}
ObjectInfo obj(const std::string &n, std::uint64_t size = 1)
{
    ObjectInfo o;
    o.name = n;
    o.size = size;
    return o;
}
} // namespace

class TestSources : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void groups();
    void missingNamesAreNamed();
    void braceExpansionIsCappedInBytes_data();
    void braceExpansionIsCappedInBytes();
    void prefixMapFollowsTheSdk();
    void splitsReportOverlapsAndGaps();
    void configSplitsSumOverSources();
    void summaryCountsSizesAndExtensions();

private:
    QTemporaryDir m_dir;
    std::unique_ptr<FileStore> m_store;
};

void TestSources::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_store = FileStore::forLocalRoot(m_dir.path().toStdString());
    m_store->createBucket("b");
    for (const char *n : {"cifar/data_batch_1", "cifar/data_batch_10", "cifar/data_batch_2", "cifar/test_batch",
                          "shard-0000.tar", "shard-0001.tar", "shard-0002.tar"})
        m_store->putBytes("b", n, std::string(std::strlen(n), 'x'));
}

void TestSources::groups()
{
    ObjectGroup g;
    g.prefix = "cifar/data_batch_1";
    QCOMPARE(names(resolveGroup(*m_store, "b", g)),
             (std::vector<std::string>{"cifar/data_batch_1", "cifar/data_batch_10"})); // a prefix, not a name
    g.kind = ObjectGroup::Kind::Names;
    g.names = {"shard-0002.tar", "cifar/test_batch"};
    const auto named = resolveGroup(*m_store, "b", g);
    QCOMPARE(names(named), g.names); // in the order given
    QCOMPARE(named[1].size, quint64(16));
    g.kind = ObjectGroup::Kind::Template;
    g.braceTemplate = "shard-{0000..0002..2}.tar";
    QCOMPARE(names(resolveGroup(*m_store, "b", g)), (std::vector<std::string>{"shard-0000.tar", "shard-0002.tar"}));
}

void TestSources::missingNamesAreNamed()
{
    ObjectGroup g;
    g.kind = ObjectGroup::Kind::Template;
    g.braceTemplate = "shard-{0000..0005}.tar";
    try {
        resolveGroup(*m_store, "b", g);
        QFAIL("missing objects were accepted");
    } catch (const Error &e) {
        QCOMPARE(e.kind(), ErrorKind::ObjectNotFound);
        QVERIFY2(QString::fromStdString(e.what()).contains(QLatin1String("local://b/shard-0003.tar does not exist (and 2 more of the 6")),
                 e.what());
    }
}

void TestSources::braceExpansionIsCappedInBytes_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<qulonglong>("names");    // the count limit
    QTest::addColumn<qulonglong>("maxBytes"); // the byte cap
    QTest::addColumn<QString>("message");     // empty: expands
    const qulonglong cap = kMaxBraceExpansionBytes, limit = kMaxBraceNames;
    // 10,000,000 names of 1,031 bytes: 10,310,000,000 bytes.
    QTest::newRow("1 KiB literal x 10M names") << QString(1024, QLatin1Char('x')) + QStringLiteral("{0000000..9999999}")
                                              << limit << cap
                                              << QStringLiteral("expands to 9.6 GiB of object names, more than the cap of 256.0 MiB");
    // 2 x 1,000,000 names of 1,006 bytes (the longest number counted for all): 2,012,000,000 bytes.
    QTest::newRow("long list items x range") << QStringLiteral("{") + QString(1000, QLatin1Char('a')) + QStringLiteral(",") +
                                                    QString(1000, QLatin1Char('b')) + QStringLiteral("}-{0..999999}")
                                             << limit << cap
                                             << QStringLiteral("expands to 1.9 GiB of object names, more than the cap of 256.0 MiB");
    // 10 names of 7 bytes: 70 bytes.
    QTest::newRow("one byte over a small cap") << QStringLiteral("s-{0..9}.tar") << limit << qulonglong(69)
                                               << QStringLiteral("expands to 70 B of object names, more than the cap of 69 B");
    QTest::newRow("exactly at a small cap") << QStringLiteral("s-{0..9}.tar") << limit << qulonglong(70) << QString();
    QTest::newRow("bytes beyond 64 bits") << QStringLiteral("{0..999999999}{0..999999999}{a,b}") << qulonglong(~0ull) << cap
                                          << QStringLiteral("expands to more than 16 EiB of object names");
    QTest::newRow("count before bytes") << QStringLiteral("{0..99999999}") << limit << cap
                                        << QStringLiteral("names 100000000 objects, more than the limit of 10000000");
}

void TestSources::braceExpansionIsCappedInBytes()
{
    QFETCH(QString, text);
    QFETCH(qulonglong, names);
    QFETCH(qulonglong, maxBytes);
    QFETCH(QString, message);
    const BraceTemplate t(text.toStdString());
    try {
        const auto expanded = t.expand(names, maxBytes);
        QVERIFY2(message.isEmpty(), "an expansion over the cap was made");
        std::uint64_t bytes = 0;
        for (const auto &n : expanded)
            bytes += n.size();
        QVERIFY(bytes <= maxBytes);
    } catch (const Error &e) {
        QVERIFY2(!message.isEmpty(), e.what());
        QCOMPARE(e.kind(), ErrorKind::InvalidArgument);
        const QString msg = QString::fromStdString(e.what());
        QVERIFY2(msg.startsWith(QStringLiteral("brace template \"") + text.left(20)), e.what()); // names the template
        QVERIFY2(msg.contains(message), e.what());
    }
}

void TestSources::prefixMapFollowsTheSdk()
{
    const std::vector<ObjectInfo> all = {obj("a/1"), obj("a/2"), obj("b/1"), obj("ab/1")};
    QCOMPARE(names(applyPrefixMap(all, std::nullopt)).size(), size_t(4));               // no entry: everything
    QVERIFY(applyPrefixMap(all, std::vector<std::string>{}).empty());                    // empty list: nothing
    QCOMPARE(names(applyPrefixMap(all, std::vector<std::string>{""})).size(), size_t(4)); // "" matches all
    QCOMPARE(names(applyPrefixMap(all, std::vector<std::string>{"b/", "a"})),
             (std::vector<std::string>{"b/1", "a/1", "a/2", "ab/1"})); // list order, prefixes not names
    QCOMPARE(names(applyPrefixMap(all, std::vector<std::string>{"a/", "a"})).size(), size_t(5)); // overlap duplicates
}

void TestSources::splitsReportOverlapsAndGaps()
{
    const std::vector<ObjectInfo> all = {obj("train/1", 10), obj("train/2", 10), obj("val/1", 5), obj("val-extra/1", 5),
                                         obj("test/1", 1), obj("readme", 2)};
    const auto r = analyzeSplits(all, {{"train", {"train/"}}, {"val", {"val"}}, {"test", {"test/", "train/2"}}});
    QCOMPARE(r.splits[0].objects, quint64(2));
    QCOMPARE(r.splits[0].bytes, quint64(20));
    QCOMPARE(r.splits[1].objects, quint64(2)); // "val" also matches "val-extra/"
    QCOMPARE(r.splits[2].objects, quint64(2));
    QCOMPARE(r.overlaps.size(), size_t(1));
    QCOMPARE(QString::fromStdString(r.overlaps[0].first), QStringLiteral("train"));
    QCOMPARE(QString::fromStdString(r.overlaps[0].second), QStringLiteral("test"));
    QCOMPARE(r.overlaps[0].examples, (std::vector<std::string>{"train/2"}));
    QCOMPARE(r.uncovered, quint64(1));
    QCOMPARE(r.uncoveredExamples, (std::vector<std::string>{"readme"}));
}

void TestSources::configSplitsSumOverSources()
{
    // Two sources; "train" names both, "val" only the first: it selects
    // nothing from the second, whose val/ objects are then in no split.
    DatasetConfig c;
    c.sources = {{"img", "ais", "images", {}}, {"lbl", "ais", "labels", {}}};
    c.splits["train"] = {{"img", {"train/"}}, {"lbl", {"train/"}}};
    c.splits["val"] = {{"img", {"val/", "train/9"}}};
    const std::vector<std::vector<ObjectInfo>> objects = {
        {obj("train/1", 10), obj("train/9", 10), obj("val/1", 3)},
        {obj("train/1", 1), obj("val/1", 1), obj("val/2", 1)}};
    const SplitReport r = analyzeConfigSplits(c, objects);
    QCOMPARE(r.splits.size(), size_t(2));
    QCOMPARE(QString::fromStdString(r.splits[0].name), QStringLiteral("train"));
    QCOMPARE(r.splits[0].objects, quint64(3));
    QCOMPARE(r.splits[0].bytes, quint64(21));
    QCOMPARE(r.splits[1].objects, quint64(2));
    QCOMPARE(r.splits[1].bytes, quint64(13));
    QCOMPARE(r.overlaps.size(), size_t(1));
    QCOMPARE(r.overlaps[0].examples, (std::vector<std::string>{"img:train/9"}));
    QCOMPARE(r.uncovered, quint64(2));
    QCOMPARE(r.uncoveredExamples, (std::vector<std::string>{"lbl:val/1", "lbl:val/2"}));
    QVERIFY_THROWS_EXCEPTION(Error, analyzeConfigSplits(c, {objects[0]}));
}

void TestSources::summaryCountsSizesAndExtensions()
{
    QCOMPARE(BucketSummary::binOf(0), 0);
    QCOMPARE(BucketSummary::binOf(1), 1);
    QCOMPARE(BucketSummary::binOf(1023), 10);
    QCOMPARE(BucketSummary::binOf(1024), 11);
    QCOMPARE(BucketSummary::extensionOf("a/b.v2/x.tar.gz"), std::string("tar.gz"));
    QCOMPARE(BucketSummary::extensionOf("README"), std::string());
    int pages = 0;
    const BucketSummary s = summarize(*m_store, "b", "", [&](const BucketSummary &) { ++pages; });
    QCOMPARE(s.objects, quint64(7));
    QCOMPARE(s.extensions.at("tar"), quint64(3));
    QCOMPARE(s.extensions.at(""), quint64(4)); // cifar/... have no extension
    std::uint64_t binned = 0, bytes = 0;
    for (auto n : s.sizeBins)
        binned += n;
    for (const auto &o : m_store->listAll("b", {}))
        bytes += o.size;
    QCOMPARE(binned, quint64(7));
    QCOMPARE(s.bytes, bytes);
    QVERIFY(pages >= 1);
    std::atomic<bool> cancel{true};
    QVERIFY_THROWS_EXCEPTION(Error, summarize(*m_store, "b", "", {}, &cancel));
}

QTEST_GUILESS_MAIN(TestSources)
#include "test_sources.moc"
