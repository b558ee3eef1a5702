// The loader core on the embedded store: WebDataset grouping of awkward
// member names, bad shards (stop or skip, always named), exactly-once delivery
// across workers and ranks, ordered delivery, cancellation mid-shard. The
// consumer's side (timeouts, batches, cancel while waiting, epoch runs) is in
// test_loader_consumer.cpp.

#include "core/data/epoch_run.h"
#include "core/data/loader.h"
#include "core/data/map_dataset.h"
#include "core/data/multi_shard_stream.h"
#include "core/data/partition.h"
#include "core/data/samplers.h"
#include "core/gen/dataset_generator.h"
#include "core/shard/shard_reader.h"
#include "core/storage/file_store.h"
#include "core/util/error.h"
#include "loader_data.h"

#include <QTemporaryDir>
#include <QTest>

#include <map>
#include <set>

using namespace shardscope;

namespace {
using Members = std::vector<std::pair<std::string, std::string>>;

std::vector<Sample> readAll(Store &store, const std::string &bucket, const std::string &shard, KeyRule rule,
                            ShardReadCounters *counters = nullptr)
{
    ShardReadOptions o;
    o.rule = rule;
    ShardReader reader(store, bucket, o);
    std::vector<Sample> out;
    reader.read(shard, [&](Sample &&s) { out.push_back(std::move(s)); return true; }, {});
    if (counters)
        *counters = reader.counters();
    return out;
}

std::string describe(const std::vector<Sample> &samples)
{
    std::string s;
    for (const auto &x : samples) {
        s += x.key + "[";
        for (const auto &m : x.members)
            s += m.first + ",";
        s += "] ";
    }
    return s;
}
} // namespace

class TestLoader : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void groupsAwkwardNamesLikeWebDataset();
    void groupsLikeTheSdkWhenAsked();
    void badShardsStopOrSkip();
    void exactlyOnceAcrossWorkersAndRanks_data();
    void exactlyOnceAcrossWorkersAndRanks();
    void evenRanksGetEqualCounts();
    void orderedDeliveryKeepsOrder();
    void shardModeDeliversEverySample();
    void cancelMidShardStopsPromptly();
    void absurdOptionsAreRejected();
    void mapDatasetReadsByIndexWithListedSizes();
    void multiShardStreamZipsSources();

private:
    QTemporaryDir m_dir;
    std::unique_ptr<FileStore> m_store;
    std::string m_bucket = "data";
    std::vector<std::string> m_objects;
};

void TestLoader::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_store = FileStore::forLocalRoot(m_dir.path().toStdString());
    m_objects = testdata::writeLoaderData(*m_store, m_bucket);
    const std::string longDir(120, 'd');
    const Members awkward = {
        {"a.b.c.jpg", "1"},           // several dots: key "a", ext "b.c.jpg"
        {"a.cls", "2"},               // same key, next member
        {"train/x.png", "3"},         // directories are part of the key
        {"train/x.cls", "4"},
        {"val/x.png", "5"},           // same file name in another directory: another sample
        {"README", "6"},              // no extension: belongs to no sample
        {".hidden", "7"},             // no key
        {longDir + "/long.json", "8"}, // PAX long name
        {"empty.txt", ""},            // empty member
        {"a.txt", "9"},               // key "a" comes back after others
    };
    m_store->putBytes(m_bucket, "awkward.tar", writeArchive(ShardFormat::Tar, awkward));
    const std::string good = writeArchive(ShardFormat::Tar, {{"k1.bin", randomPayload(2, 2, 5000)}, {"k2.bin", "x"}});
    m_store->putBytes(m_bucket, "bad/truncated.tar", good.substr(0, 1300));
    m_store->putBytes(m_bucket, "bad/not-an-archive.tar", "plain text pretending to be a tar");
}

void TestLoader::groupsAwkwardNamesLikeWebDataset()
{
    ShardReadCounters c;
    const auto samples = readAll(*m_store, m_bucket, "awkward.tar", KeyRule::WebDataset, &c);
    const std::string longDir(120, 'd');
    QCOMPARE(QString::fromStdString(describe(samples)),
             QString::fromStdString("a[b.c.jpg,cls,] train/x[png,cls,] val/x[png,] " + longDir +
                                    "/long[json,] empty[txt,] a[txt,] "));
    QCOMPARE(c.membersWithoutKey, quint64(2));
    QCOMPARE(c.repeatedKeys, quint64(1));
    QCOMPARE(samples[4].member("txt")->size(), size_t(0)); // an empty member is a member
    QCOMPARE(*samples[0].member("cls"), std::string("2"));
}

void TestLoader::groupsLikeTheSdkWhenAsked()
{
    const auto samples = readAll(*m_store, m_bucket, "awkward.tar", KeyRule::AisSdk);
    // Directories dropped, grouped by key anywhere in the shard (in order of first
    // appearance), extension between the name's first and second dot ("a.b.c.jpg"
    // is "b"); "README" has none and is left out (the SDK raises IndexError),
    // while ".hidden" becomes key "" with extension "hidden", as in the SDK.
    QCOMPARE(QString::fromStdString(describe(samples)),
             QStringLiteral("a[b,cls,txt,] x[png,cls,] [hidden,] long[json,] empty[txt,] "));
    QCOMPARE(*samples[1].member("png"), std::string("5")); // val/x.png overwrote train/x.png, as in the SDK
}

void TestLoader::badShardsStopOrSkip()
{
    for (const char *shard : {"bad/truncated.tar", "bad/not-an-archive.tar"}) {
        ShardReader stop(*m_store, m_bucket, {});
        try {
            stop.read(shard, [](Sample &&) { return true; }, {});
            QFAIL("a bad shard was read without an error");
        } catch (const Error &e) {
            QVERIFY2(QString::fromStdString(e.what()).contains(QString::fromLatin1(shard)), e.what());
        }
    }
    ShardReadOptions skip;
    skip.onError = ErrorPolicy::Skip;
    ShardReader reader(*m_store, m_bucket, skip);
    std::vector<ShardProblem> problems;
    int samples = 0;
    reader.read("bad/truncated.tar", [&](Sample &&) { ++samples; return true; },
                [&](const ShardProblem &p) { problems.push_back(p); });
    QCOMPARE(problems.size(), size_t(1));
    QCOMPARE(QString::fromStdString(problems[0].shard), QStringLiteral("bad/truncated.tar"));
    QCOMPARE(QString::fromStdString(problems[0].member), QStringLiteral("k1.bin"));
    QCOMPARE(samples, 0); // the half-read sample is not delivered
    QCOMPARE(reader.counters().shardsWithErrors, quint64(1));
}

void TestLoader::exactlyOnceAcrossWorkersAndRanks_data()
{
    QTest::addColumn<int>("world");
    QTest::addColumn<int>("workers");
    QTest::addColumn<bool>("shuffle");
    for (int world : {1, 2, 3})
        for (int workers : {1, 3, 8})
            QTest::addRow("world %d, workers %d", world, workers) << world << workers << (workers == 3);
}

void TestLoader::exactlyOnceAcrossWorkersAndRanks()
{
    QFETCH(int, world);
    QFETCH(int, workers);
    QFETCH(bool, shuffle);
    const auto order = shuffle ? shuffledOrder(m_objects.size(), 9) : sequentialOrder(m_objects.size());
    std::multiset<std::string> seen;
    for (int rank = 0; rank < world; ++rank) {
        std::vector<std::string> units;
        for (std::size_t i : rankItems(order, {static_cast<std::size_t>(rank), static_cast<std::size_t>(world), false}))
            units.push_back(m_objects[i]);
        LoaderOptions o;
        o.workers = workers;
        o.prefetch = 4;
        Loader loader(Loader::Mode::Objects, [this] { return FileStore::forLocalRoot(m_dir.path().toStdString()); },
                      m_bucket, units, o);
        LoaderItem item;
        while (loader.next(item)) {
            seen.insert(item.name);
            QCOMPARE(item.bytes.size(), size_t(100 + std::stoi(item.name.substr(7, 3))));
        }
    }
    QCOMPARE(seen.size(), m_objects.size());
    QCOMPARE(std::set<std::string>(seen.begin(), seen.end()), std::set<std::string>(m_objects.begin(), m_objects.end()));
}

void TestLoader::evenRanksGetEqualCounts()
{
    const auto order = sequentialOrder(m_objects.size()); // 97 items
    std::set<std::size_t> all;
    for (std::size_t r = 0; r < 4; ++r) {
        const auto items = rankItems(order, {r, 4, true});
        QCOMPARE(items.size(), size_t(24));
        all.insert(items.begin(), items.end());
    }
    QCOMPARE(all.size(), size_t(96)); // the one-item tail is left out, nothing is read twice
    QVERIFY_THROWS_EXCEPTION(Error, rankItems(order, {4, 4, false}));
}

void TestLoader::orderedDeliveryKeepsOrder()
{
    LoaderOptions o;
    o.workers = 6;
    o.ordered = true;
    o.prefetch = 3;
    o.maxBytesInFlight = 500; // smaller than a few objects: the bound must not deadlock ordered delivery
    Loader loader(Loader::Mode::Objects, [this] { return FileStore::forLocalRoot(m_dir.path().toStdString()); },
                  m_bucket, m_objects, o);
    std::vector<std::string> got;
    LoaderItem item;
    while (loader.next(item))
        got.push_back(item.name);
    QCOMPARE(got, m_objects);
}

void TestLoader::shardModeDeliversEverySample()
{
    std::vector<std::string> shards = testdata::shardNames();
    shards.push_back("bad/truncated.tar");
    LoaderOptions o;
    o.workers = 3;
    o.shard.onError = ErrorPolicy::Skip;
    std::vector<ShardProblem> problems;
    std::mutex mutex;
    std::atomic<int> timings{0};
    Loader loader(Loader::Mode::Shards, [this] { return FileStore::forLocalRoot(m_dir.path().toStdString()); },
                  m_bucket, shards, o, [&](const RequestTiming &) { ++timings; },
                  [&](const ShardProblem &p) {
                      std::lock_guard<std::mutex> lock(mutex);
                      problems.push_back(p);
                  });
    std::set<std::string> keys;
    LoaderItem item;
    while (loader.next(item)) {
        QVERIFY2(keys.insert(item.sample.key).second, item.sample.key.c_str());
        QVERIFY(item.sample.member("png") && item.sample.member("cls"));
    }
    QCOMPARE(keys.size(), size_t(120));
    QCOMPARE(problems.size(), size_t(1));
    QCOMPARE(loader.counters().errors, quint64(1));
    QCOMPARE(timings.load(), 7); // one per shard, the bad one included
}

void TestLoader::cancelMidShardStopsPromptly()
{
    // A big shard: many samples, so cancelling lands in the middle of it.
    Members members;
    for (int k = 0; k < 3000; ++k)
        members.emplace_back("k" + std::to_string(k) + ".bin", randomPayload(4, static_cast<std::uint64_t>(k), 2048));
    m_store->putBytes(m_bucket, "big/big.tar", writeArchive(ShardFormat::Tar, members));
    LoaderOptions o;
    o.workers = 2;
    o.prefetch = 2;
    auto loader = std::make_unique<Loader>(Loader::Mode::Shards,
                                           [this] { return FileStore::forLocalRoot(m_dir.path().toStdString()); },
                                           m_bucket, std::vector<std::string>{"big/big.tar", "big/big.tar"}, o);
    LoaderItem item;
    for (int i = 0; i < 10; ++i)
        QVERIFY(loader->next(item));
    loader->cancel();
    QVERIFY(!loader->next(item));
    loader.reset(); // joins the workers; hangs here would time the test out
}

void TestLoader::absurdOptionsAreRejected()
{
    LoaderOptions o;
    o.workers = 0;
    QVERIFY_THROWS_EXCEPTION(Error, Loader(Loader::Mode::Objects, [this] { return FileStore::forLocalRoot(m_dir.path().toStdString()); }, m_bucket, m_objects, o));
    o.workers = 2;
    o.prefetch = 0;
    QVERIFY_THROWS_EXCEPTION(Error, Loader(Loader::Mode::Objects, [this] { return FileStore::forLocalRoot(m_dir.path().toStdString()); }, m_bucket, m_objects, o));
}

void TestLoader::mapDatasetReadsByIndexWithListedSizes()
{
    ListRequest req;
    req.prefix = "objs/";
    MapDataset ds(*m_store, m_bucket, m_store->listAll(m_bucket, req));
    QCOMPARE(ds.size(), m_objects.size());
    QCOMPARE(QString::fromStdString(ds.info(5).name), QStringLiteral("objs/o-005.bin"));
    QCOMPARE(ds.get(5).size(), size_t(105));
    QCOMPARE(ds.sizes()[96], quint64(196));
    try {
        ds.get(97);
        QFAIL("an index past the end was read");
    } catch (const Error &e) {
        QVERIFY2(QString::fromStdString(e.what()).contains(QLatin1String("index 97 is past the 97 items")), e.what());
    }
}

void TestLoader::multiShardStreamZipsSources()
{
    // Captions for the first 3 shards (60 samples) next to images of 6 shards (120).
    for (int s = 0; s < 3; ++s) {
        Members members;
        for (int k = 0; k < 20; ++k)
            members.emplace_back("s" + std::to_string(s * 20 + k) + ".txt", "caption " + std::to_string(s * 20 + k));
        m_store->putBytes(m_bucket, "captions/c-" + std::to_string(s) + ".tar", writeArchive(ShardFormat::Tar, members));
    }
    auto open = [this] { return std::unique_ptr<Store>(FileStore::forLocalRoot(m_dir.path().toStdString())); };
    const std::vector<std::string> images = testdata::shardNames();
    std::vector<std::string> captions;
    for (int s = 0; s < 3; ++s)
        captions.push_back("captions/c-" + std::to_string(s) + ".tar");
    MultiShardStream stream({{open, m_bucket, images}, {open, m_bucket, captions}});
    std::vector<Sample> row;
    int n = 0;
    while (stream.next(row)) {
        QCOMPARE(row.size(), size_t(2));
        QCOMPARE(row[0].key, row[1].key); // the same sample of both sources
        QVERIFY(row[0].member("png") && row[1].member("txt"));
        ++n;
    }
    QCOMPARE(n, 60); // ends with the shorter source
}

QTEST_GUILESS_MAIN(TestLoader)
#include "test_loader.moc"
