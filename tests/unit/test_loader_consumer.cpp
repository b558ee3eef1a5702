// The loader core seen from its consumer, on the embedded store: a wait that
// times out loses nothing, batches keep the order within their bounds,
// cancel() wakes a consumer waiting in any of the waits, and an epoch run over
// several sources ends with cancel() and says where it stands after its end.

#include "core/data/epoch_run.h"
#include "core/data/loader.h"
#include "core/storage/file_store.h"
#include "core/util/error.h"
#include "forwarding_store.h"
#include "loader_data.h"

#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <condition_variable>
#include <future>

using namespace shardscope;

namespace {
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

class GatedStore : public testdata::ForwardingStore
{
public:
    GatedStore(std::unique_ptr<Store> inner, std::shared_ptr<Gate> gate)
        : ForwardingStore(std::move(inner)), m_gate(std::move(gate))
    {
    }
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
        return ForwardingStore::get(b, o, r, sink);
    }

private:
    std::shared_ptr<Gate> m_gate;
};

} // namespace

class TestLoaderConsumer : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
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
    std::string m_bucket = "data";
    std::vector<std::string> m_objects;
};

void TestLoaderConsumer::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_objects = testdata::writeLoaderData(*FileStore::forLocalRoot(m_dir.path().toStdString()), m_bucket);
}

void TestLoaderConsumer::timeoutLosesNothing_data()
{
    QTest::addColumn<bool>("ordered");
    QTest::addColumn<bool>("batch");
    QTest::addRow("next, ordered") << true << false;
    QTest::addRow("next, as they come") << false << false;
    QTest::addRow("batch, ordered") << true << true;
    QTest::addRow("batch, as they come") << false << true;
}

void TestLoaderConsumer::timeoutLosesNothing()
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

void TestLoaderConsumer::batchesKeepTheOrder_data()
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

void TestLoaderConsumer::batchesKeepTheOrder()
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
        shards ? testdata::shardNames() : m_objects, o);
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
    QCOMPARE(end.unit, (shards ? testdata::shardNames().size() : m_objects.size()) - 1);
    QCOMPARE(end.item, size_t(shards ? 20 : 1));
}

void TestLoaderConsumer::cancelWakesAWaitingConsumer_data()
{
    QTest::addColumn<QString>("waiter");
    QTest::addRow("Loader::next") << QStringLiteral("loader");
    QTest::addRow("Loader::next with a timeout") << QStringLiteral("loader-timeout");
    QTest::addRow("EpochRun::next") << QStringLiteral("run");
    QTest::addRow("EpochRun::nextBatch") << QStringLiteral("run-batch");
}

void TestLoaderConsumer::cancelWakesAWaitingConsumer()
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

void TestLoaderConsumer::epochRunCancelEndsEveryLoader()
{
    EpochRun run(alternatingRun(6));
    QCOMPARE(run.sourceRuns(), size_t(6));
    LoaderItem item;
    QVERIFY(run.next(item));
    QCOMPARE(QString::fromStdString(item.name), QString::fromStdString(m_objects[0]));
    run.cancel();
    QVERIFY2(!run.next(item), ("after cancel() the run went on with " + item.name).c_str());
}

void TestLoaderConsumer::epochRunPositionAfterTheEnd()
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

QTEST_GUILESS_MAIN(TestLoaderConsumer)
#include "test_loader_consumer.moc"
