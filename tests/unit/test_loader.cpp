// The loader core on the embedded store: WebDataset grouping of awkward
// member names, bad shards (stop or skip, always named), exactly-once delivery
// across workers and ranks, ordered delivery, cancellation mid-shard.

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

#include <QTemporaryDir>
#include <QTest>

#include <condition_variable>
#include <future>
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

// A gate the test opens: reads through a GatedStore wait at it (and give up
// when their request is cancelled, as the network stores do).
struct Gate
{
    std::mutex mutex;
    std::condition_variable cv;
    bool open = false;
    int waiting = 0; // reads that have reached the gate
    void release()
    {
        std::lock_guard<std::mutex> lock(mutex);
        open = true;
        cv.notify_all();
    }
    // Until `n` reads wait at the gate (bounded; false if they never came).
    bool awaitReaders(int n)
    {
        std::unique_lock<std::mutex> lock(mutex);
        return cv.wait_for(lock, std::chrono::seconds(20), [&] { return waiting >= n; });
    }
};

class GatedStore : public Store
{
public:
    GatedStore(std::unique_ptr<Store> inner, std::shared_ptr<Gate> gate)
        : m_inner(std::move(inner)), m_gate(std::move(gate))
    {
    }
    std::string scheme() const override { return m_inner->scheme(); }
    std::string url(const std::string &b, const std::string &o = {}) const override
    {
        return m_inner->url(b, o);
    }
    std::vector<std::string> listBuckets() override { return m_inner->listBuckets(); }
    ListPage listPage(const std::string &b, const ListRequest &r, const std::string &t) override
    {
        return m_inner->listPage(b, r, t);
    }
    std::vector<ArchiveMember> listArchive(const std::string &b, const std::string &o) override
    {
        return m_inner->listArchive(b, o);
    }
    ObjectInfo head(const std::string &b, const std::string &o) override { return m_inner->head(b, o); }
    std::uint64_t get(const std::string &b, const std::string &o, const GetRequest &r,
                      const BodySink &sink) override
    {
        {
            std::unique_lock<std::mutex> lock(m_gate->mutex);
            ++m_gate->waiting;
            m_gate->cv.notify_all();
            while (!m_gate->open) {
                if (r.cancel && *r.cancel)
                    throw Error(ErrorKind::Cancelled, "reading " + url(b, o) + " was cancelled");
                m_gate->cv.wait_for(lock, std::chrono::milliseconds(5));
            }
        }
        return m_inner->get(b, o, r, sink);
    }
    void put(const std::string &b, const std::string &o, const UploadSource &s) override
    {
        m_inner->put(b, o, s);
    }
    void createBucket(const std::string &b) override { m_inner->createBucket(b); }
    void destroyBucket(const std::string &b) override { m_inner->destroyBucket(b); }

private:
    std::unique_ptr<Store> m_inner;
    std::shared_ptr<Gate> m_gate;
};

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
    void timeoutLosesNothing_data();
    void timeoutLosesNothing();
    void batchesKeepTheOrder_data();
    void batchesKeepTheOrder();
    void cancelWakesAWaitingConsumer_data();
    void cancelWakesAWaitingConsumer();
    void epochRunCancelEndsEveryLoader();
    void epochRunPositionAfterTheEnd();

private:
    Loader::StoreFactory gated(std::shared_ptr<Gate> gate)
    {
        const std::string root = m_dir.path().toStdString();
        return [root, gate] { return std::make_unique<GatedStore>(FileStore::forLocalRoot(root), gate); };
    }
    std::vector<std::string> shardNames() const
    {
        std::vector<std::string> shards;
        for (int s = 0; s < 6; ++s)
            shards.push_back("shards/shard-" + std::to_string(s) + ".tar.gz");
        return shards;
    }
    // file:// sources alternating between two "sources" (the same directory
    // twice): every item starts a new loader of the epoch run.
    EpochRunSpec alternatingRun(std::size_t items) const
    {
        EpochRunSpec spec;
        StoreUrl u;
        u.scheme = StoreUrl::Scheme::File;
        u.path = m_dir.path().toStdString() + "/" + m_bucket;
        spec.sources = {u, u};
        for (std::size_t i = 0; i < items; ++i)
            spec.items.emplace_back(i % 2, m_objects[i]);
        spec.loader.workers = 2;
        return spec;
    }

    QTemporaryDir m_dir;
    std::unique_ptr<FileStore> m_store;
    std::string m_bucket = "data";
    std::vector<std::string> m_objects;
};

void TestLoader::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_store = FileStore::forLocalRoot(m_dir.path().toStdString());
    m_store->createBucket(m_bucket);
    for (int i = 0; i < 97; ++i) {
        char name[32];
        std::snprintf(name, sizeof name, "objs/o-%03d.bin", i);
        m_store->putBytes(m_bucket, name, randomPayload(1, static_cast<std::uint64_t>(i), 100 + static_cast<std::uint64_t>(i)));
        m_objects.push_back(name);
    }
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
    SampleSpec spec;
    spec.extensions = {"png", "cls"};
    for (int s = 0; s < 6; ++s) {
        Members members;
        for (int k = 0; k < 20; ++k)
            for (auto &[ext, bytes] : generateSample(spec, static_cast<std::uint64_t>(s * 20 + k)))
                members.emplace_back("s" + std::to_string(s * 20 + k) + "." + ext, std::move(bytes));
        m_store->putBytes(m_bucket, "shards/shard-" + std::to_string(s) + ".tar.gz",
                          writeArchive(ShardFormat::TarGz, members));
    }
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
    std::vector<std::string> shards;
    for (int s = 0; s < 6; ++s)
        shards.push_back("shards/shard-" + std::to_string(s) + ".tar.gz");
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
    std::vector<std::string> images, captions;
    for (int s = 0; s < 6; ++s)
        images.push_back("shards/shard-" + std::to_string(s) + ".tar.gz");
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

void TestLoader::timeoutLosesNothing_data()
{
    QTest::addColumn<bool>("ordered");
    QTest::addColumn<bool>("batch");
    QTest::addRow("next, ordered") << true << false;
    QTest::addRow("next, as they come") << false << false;
    QTest::addRow("batch, ordered") << true << true;
    QTest::addRow("batch, as they come") << false << true;
}

void TestLoader::timeoutLosesNothing()
{
    QFETCH(bool, ordered);
    QFETCH(bool, batch);
    auto gate = std::make_shared<Gate>();
    LoaderOptions o;
    o.workers = 3;
    o.ordered = ordered;
    o.prefetch = 4;
    Loader loader(Loader::Mode::Objects, gated(gate), m_bucket, m_objects, o);
    // Every worker is held at the gate: nothing can be ready, the wait times out.
    QVERIFY(gate->awaitReaders(3));
    LoaderItem item;
    std::vector<LoaderItem> items;
    const Loader::Next first = batch ? loader.nextBatch(items, 8, std::chrono::milliseconds(1))
                                     : loader.next(item, std::chrono::milliseconds(1));
    QCOMPARE(int(first), int(Loader::Next::Timeout));
    QVERIFY(items.empty());
    QCOMPARE(loader.counters().items, quint64(0));
    gate->release();
    std::vector<std::string> got;
    for (;;) {
        const Loader::Next r = batch ? loader.nextBatch(items, 8, std::chrono::seconds(20))
                                     : loader.next(item, std::chrono::seconds(20));
        QVERIFY2(r != Loader::Next::Timeout, "the gate is open: a 20 s wait must not time out");
        if (r == Loader::Next::End)
            break;
        if (!batch)
            items = {item};
        QVERIFY(!items.empty() && items.size() <= 8);
        for (const LoaderItem &it : items) {
            QCOMPARE(it.bytes.size(), size_t(100 + std::stoi(it.name.substr(7, 3))));
            got.push_back(it.name);
        }
    }
    if (!ordered)
        std::sort(got.begin(), got.end());
    QCOMPARE(got, m_objects); // every object once, none lost to the timeout
}

void TestLoader::batchesKeepTheOrder_data()
{
    QTest::addColumn<bool>("shards");
    QTest::addColumn<int>("max");
    QTest::addColumn<quint64>("maxBytes");
    const quint64 any = ~quint64(0);
    for (int max : {1, 7, 64}) {
        QTest::addRow("objects, up to %d", max) << false << max << any;
        QTest::addRow("shards, up to %d", max) << true << max << any;
    }
    // Objects of 100-196 bytes: one or two per batch.
    QTest::addRow("objects, up to 64 within 250 bytes") << false << 64 << quint64(250);
    // Smaller than any object: one per batch, never none.
    QTest::addRow("objects, up to 64 within 10 bytes") << false << 64 << quint64(10);
    QTest::addRow("shards, up to 64 within 2 KiB") << true << 64 << quint64(2048);
}

void TestLoader::batchesKeepTheOrder()
{
    QFETCH(bool, shards);
    QFETCH(int, max);
    QFETCH(quint64, maxBytes);
    LoaderOptions o;
    o.workers = 6;
    o.ordered = true;
    o.prefetch = 5;
    o.maxBytesInFlight = 500; // smaller than a few objects: the bound must not deadlock ordered delivery
    Loader loader(
        shards ? Loader::Mode::Shards : Loader::Mode::Objects,
        [this] { return FileStore::forLocalRoot(m_dir.path().toStdString()); }, m_bucket,
        shards ? shardNames() : m_objects, o);
    std::vector<std::string> expected = m_objects;
    if (shards) {
        expected.clear();
        for (int k = 0; k < 120; ++k) // 6 shards of 20 samples s0..s119, in shard order
            expected.push_back("s" + std::to_string(k));
    }
    std::vector<std::string> got;
    std::vector<LoaderItem> items;
    Loader::Next r;
    while ((r = loader.nextBatch(items, static_cast<std::size_t>(max), std::chrono::seconds(20), maxBytes)) ==
           Loader::Next::Item) {
        QVERIFY(!items.empty() && items.size() <= static_cast<std::size_t>(max));
        quint64 bytes = 0;
        for (const LoaderItem &it : items)
            bytes += it.size();
        QVERIFY2(items.size() == 1 || bytes <= maxBytes,
                 (std::to_string(items.size()) + " items of " + std::to_string(bytes) + " bytes").c_str());
        for (const LoaderItem &it : items)
            got.push_back(shards ? it.sample.key : it.name);
    }
    QCOMPARE(int(r), int(Loader::Next::End));
    QCOMPARE(got, expected);
    QCOMPARE(loader.counters().items, quint64(expected.size()));
    const LoaderPosition end = loader.position();
    QCOMPARE(end.unit, (shards ? shardNames().size() : m_objects.size()) - 1);
    QCOMPARE(end.item, size_t(shards ? 20 : 1));
}

void TestLoader::cancelWakesAWaitingConsumer_data()
{
    QTest::addColumn<QString>("waiter");
    QTest::addRow("Loader::next") << QStringLiteral("loader");
    QTest::addRow("Loader::next with a timeout") << QStringLiteral("loader-timeout");
    QTest::addRow("EpochRun::next") << QStringLiteral("run");
    QTest::addRow("EpochRun::nextBatch") << QStringLiteral("run-batch");
}

void TestLoader::cancelWakesAWaitingConsumer()
{
    QFETCH(QString, waiter);
    auto gate = std::make_shared<Gate>();
    std::unique_ptr<Loader> loader;
    std::unique_ptr<EpochRun> run;
    LoaderOptions o;
    o.workers = 2;
    if (waiter.startsWith(QLatin1String("loader"))) {
        loader = std::make_unique<Loader>(Loader::Mode::Objects, gated(gate), m_bucket, m_objects, o);
    } else {
        // Two sources taking turns: cancelling must end the run, not only its current loader.
        EpochRunSpec spec;
        spec.sourceStores = {gated(gate), gated(gate)};
        spec.sourceBuckets = {m_bucket, m_bucket};
        for (std::size_t i = 0; i < 8; ++i)
            spec.items.emplace_back(i % 2, m_objects[i]);
        spec.loader = o;
        run = std::make_unique<EpochRun>(std::move(spec));
    }
    QVERIFY(gate->awaitReaders(1)); // nothing can be ready before the gate opens
    std::promise<void> waiting;
    auto result = std::async(std::launch::async, [&] {
        waiting.set_value();
        LoaderItem item;
        std::vector<LoaderItem> items;
        if (waiter == QLatin1String("loader"))
            return loader->next(item) ? 1 : 0;
        if (waiter == QLatin1String("loader-timeout"))
            return int(loader->next(item, std::chrono::hours(1)));
        if (waiter == QLatin1String("run"))
            return run->next(item) ? 1 : 0;
        return int(run->nextBatch(items, 16, std::chrono::hours(1)));
    });
    waiting.get_future().wait();
    if (loader)
        loader->cancel();
    else
        run->cancel();
    // The consumer returns without the gate opening: the wait is bounded only
    // so that a hang fails here instead of timing the whole test out.
    const bool returned = result.wait_for(std::chrono::seconds(20)) == std::future_status::ready;
    gate->release(); // lets a hung consumer finish either way
    QVERIFY2(returned, "cancel() did not wake the consumer waiting in next()");
    const int got = result.get();
    QCOMPARE(got, waiter == QLatin1String("loader") || waiter == QLatin1String("run")
                      ? 0
                      : int(Loader::Next::End));
    if (run) {
        LoaderItem item;
        QVERIFY2(!run->next(item), "a cancelled run started its next loader");
    }
}

void TestLoader::epochRunCancelEndsEveryLoader()
{
    EpochRun run(alternatingRun(6));
    QCOMPARE(run.sourceRuns(), size_t(6));
    LoaderItem item;
    QVERIFY(run.next(item));
    QCOMPARE(QString::fromStdString(item.name), QString::fromStdString(m_objects[0]));
    run.cancel();
    QVERIFY2(!run.next(item), ("after cancel() the run went on with " + item.name).c_str());
}

void TestLoader::epochRunPositionAfterTheEnd()
{
    EpochRunSpec spec;
    StoreUrl u;
    u.scheme = StoreUrl::Scheme::File;
    u.path = m_dir.path().toStdString() + "/" + m_bucket;
    spec.sources = {u};
    for (const std::string &name : m_objects)
        spec.items.emplace_back(0, name);
    spec.loader.workers = 3;
    spec.loader.ordered = true;
    EpochRun run(std::move(spec));
    LoaderItem item;
    std::size_t n = 0;
    while (run.next(item))
        ++n;
    QCOMPARE(n, m_objects.size());
    // Saved now, the state must say "nothing left", not "from the start".
    const LoaderPosition p = run.position();
    QCOMPARE(p.unit, m_objects.size() - 1);
    QCOMPARE(p.item, size_t(1));
}

QTEST_GUILESS_MAIN(TestLoader)
#include "test_loader.moc"
