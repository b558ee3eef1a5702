// The benchmark engine: an epoch run reads exactly the data set (items and
// bytes), the live series adds up to the result, every method runs, errors
// end a run cleanly with the object named, cancel stops it; the knee of a
// worker sweep and the verdict on synthetic numbers.

#include "core/bench/bench_config.h"
#include "core/bench/bench_report.h"
#include "core/bench/sweep.h"
#include "core/gen/dataset_generator.h"
#include "core/storage/file_store.h"
#include "core/util/error.h"

#include <QTemporaryDir>
#include <QTest>

#include <nlohmann/json.hpp>

#include <thread>

using namespace shardscope;

Q_DECLARE_METATYPE(shardscope::BenchMethod)

namespace {

// The first n names of a list (with their sizes).
NameList firstOf(const NameList &names, std::size_t n)
{
    NameList out;
    for (std::size_t i = 0; i < n && i < names.size(); ++i)
        out.push_back(names[i], names.sizeAt(i));
    return out;
}

// A list with `extra` (of 10 bytes each) put before entry `at`.
NameList inserted(const NameList &names, std::size_t at, const std::vector<std::string> &extra)
{
    NameList out;
    for (std::size_t i = 0; i <= names.size(); ++i) {
        if (i == at)
            for (const std::string &e : extra)
                out.push_back(e, 10);
        if (i < names.size())
            out.push_back(names[i], names.sizeAt(i));
    }
    return out;
}

} // namespace

class TestBench : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void epochReadsTheDataSet_data();
    void epochReadsTheDataSet();
    void shardEpochCountsSamples();
    void mapReadsTheSamplersBatches();
    void seriesAddsUpAndIsJson();
    void missingObjectsEndTheRunWithTheirName();
    void cancelStops();
    void badSpecsAreRefused();
    void knee_data();
    void knee();
    void verdict_data();
    void verdict();
    void verdictAdviceFitsTheStore_data();
    void verdictAdviceFitsTheStore();

private:
    BenchSpec spec(const std::string &bucket, BenchMethod m, int workers) const
    {
        StoreOptions o;
        o.localRoot = m_dir.path().toStdString();
        return benchSpecForUrl("local://" + bucket, o, m, workers);
    }
    QTemporaryDir m_dir;
    std::uint64_t m_objectBytes = 0;
    std::uint64_t m_sampleBytes = 0;
    std::uint64_t m_samples = 0;
};

void TestBench::initTestCase()
{
    QVERIFY(m_dir.isValid());
    auto store = FileStore::forLocalRoot(m_dir.path().toStdString());
    store->createBucket("objs");
    for (int i = 0; i < 300; ++i) {
        const std::string data(100 + i, char('a' + i % 26));
        store->putBytes("objs", "o-" + std::to_string(1000 + i) + ".txt", data);
        m_objectBytes += data.size();
    }
    store->createBucket("shards");
    for (int s = 0; s < 4; ++s) {
        std::vector<std::pair<std::string, std::string>> members;
        for (int k = 0; k < 25 + s; ++k) {
            const std::string key = "s" + std::to_string(s) + "-" + std::to_string(k);
            members.emplace_back(key + ".cls", std::to_string(k % 10));
            members.emplace_back(key + ".txt", std::string(50, 'x'));
            m_sampleBytes += 1 + (k % 10 >= 10) + 50;
            ++m_samples;
        }
        store->putBytes("shards", "shard-" + std::to_string(s) + ".tar", writeArchive(ShardFormat::Tar, members));
    }
}

void TestBench::epochReadsTheDataSet_data()
{
    QTest::addColumn<BenchMethod>("method");
    QTest::addColumn<int>("workers");
    QTest::newRow("baseline") << BenchMethod::Baseline << 1;
    QTest::newRow("map, 3 workers") << BenchMethod::Map << 3;
    QTest::newRow("iterable, 4 workers") << BenchMethod::Iterable << 4;
}

void TestBench::epochReadsTheDataSet()
{
    QFETCH(BenchMethod, method);
    QFETCH(int, workers);
    BenchSpec s = spec("objs", method, workers);
    s.batchSize = 16;
    const BenchResult r = runBenchmark(s);
    QCOMPARE(r.items, quint64(300));
    QCOMPARE(r.payloadBytes, m_objectBytes);
    QCOMPARE(r.wireBytes, m_objectBytes);
    QCOMPARE(r.requests, quint64(300));
    QCOMPARE(r.errors, quint64(0));
    QCOMPARE(r.workers, workers);
    QVERIFY(r.timeToFirstBatch >= 0);
    QVERIFY(r.requestLatency.p50 > 0 && r.requestLatency.p50 <= r.requestLatency.p99);
    QCOMPARE(r.batchLatency.p50 > 0, true); // 300 / 16 = 18 batches were timed
}

void TestBench::shardEpochCountsSamples()
{
    BenchSpec s = spec("shards", BenchMethod::Shard, 2);
    s.decode = true;
    const BenchResult r = runBenchmark(s);
    QCOMPARE(r.items, m_samples);
    QCOMPARE(r.payloadBytes, m_sampleBytes);
    QCOMPARE(r.requests, quint64(4));
    std::uint64_t shardBytes = 0;
    for (std::size_t i = 0; i < s.names.size(); ++i)
        shardBytes += s.names.sizeAt(i);
    QCOMPARE(r.wireBytes, shardBytes); // whole shards, tar headers included
    QVERIFY(r.wireBytes > r.payloadBytes);
    QVERIFY(r.decodeSeconds > 0);
}

void TestBench::mapReadsTheSamplersBatches()
{
    // A config's map dataset with the DynamicBatchSampler: read batch by batch.
    DatasetConfig c;
    c.sources = {{"objs", "local", "objs", {}}};
    c.kind = DatasetConfig::Kind::Map;
    c.sampler.kind = DatasetConfig::SamplerKind::Dynamic;
    c.sampler.maxBatchBytes = 2000;
    c.workers = 3;
    StoreOptions o;
    o.localRoot = m_dir.path().toStdString();
    const BenchSpec spec = benchSpecForConfig(c, o);
    QCOMPARE(spec.method, BenchMethod::Map);
    QVERIFY(spec.batches.size() > 10);
    std::size_t items = 0;
    for (const auto &b : spec.batches) {
        std::uint64_t bytes = 0;
        for (std::size_t i : b)
            bytes += spec.names.sizeAt(i);
        QVERIFY(bytes <= 2000); // the sampler's budget
        items += b.size();
    }
    QCOMPARE(items, size_t(300));
    const BenchResult r = runBenchmark(spec);
    QCOMPARE(r.items, quint64(300));
    QCOMPARE(r.payloadBytes, m_objectBytes);
    QCOMPARE(r.batches, quint64(spec.batches.size())); // one latency per sampler batch
    QVERIFY(r.timeToFirstBatch >= 0);
    QVERIFY(r.batchLatency.p50 > 0);
}

void TestBench::seriesAddsUpAndIsJson()
{
    BenchSpec s = spec("objs", BenchMethod::Iterable, 2);
    s.names = firstOf(s.names, 8); // a short list, so even a slow (sanitized) run goes round it many times
    s.duration = std::chrono::milliseconds(700);
    s.interval = std::chrono::milliseconds(100);
    std::vector<BenchSample> live;
    const BenchResult r = runBenchmark(s, [&live](const BenchSample &p) { live.push_back(p); });
    QVERIFY2(live.size() >= 5, qPrintable(QString::number(live.size())));
    QCOMPARE(live.size(), r.series.size());
    QCOMPARE(live.back().items, r.items);         // the series ends where the run did
    QCOMPARE(live.back().payloadBytes, r.payloadBytes);
    QVERIFY(r.items > 8);                          // timed runs go round again
    double sum = 0, previous = 0;
    for (const auto &p : r.series) {
        QCOMPARE(p.workerItemsPerSecond.size(), size_t(2));
        sum += p.itemsPerSecond * (p.t - previous);
        previous = p.t;
    }
    QVERIFY2(std::abs(sum - double(r.items)) < 0.01 * double(r.items) + 1, qPrintable(QString::number(sum)));

    const auto j = nlohmann::json::parse(benchResultJson(r, true, 2));
    for (const char *key : {"items", "bytes", "seconds", "items_per_s", "bytes_per_s", "errors", "workers"})
        QVERIFY2(j.contains(key), key);
    QCOMPARE(j["items"].get<std::uint64_t>(), r.items);
    QVERIFY(j["latency_ms"].contains("p99"));
    QCOMPARE(j["series"].size(), r.series.size());
    const std::string csv = benchSeriesCsv(r);
    QCOMPARE(std::count(csv.begin(), csv.end(), '\n'), std::ptrdiff_t(r.series.size() + 1));
}

void TestBench::missingObjectsEndTheRunWithTheirName()
{
    BenchSpec s = spec("objs", BenchMethod::Map, 2);
    std::vector<std::string> gone;
    for (int i = 0; i < 50; ++i)
        gone.push_back("gone-" + std::to_string(i));
    s.names = inserted(s.names, 0, gone);
    const BenchResult r = runBenchmark(s);
    QVERIFY(r.errors >= 10);
    QVERIFY2(QString::fromStdString(r.firstError).contains(QStringLiteral("gone-")), r.firstError.c_str());
    QVERIFY(r.items < 300); // it stopped instead of walking the whole list

    BenchSpec it = spec("objs", BenchMethod::Iterable, 2);
    it.names = inserted(it.names, 5, {"gone-x"});
    const BenchResult ri = runBenchmark(it);
    QVERIFY(ri.errors >= 1);
    QVERIFY2(QString::fromStdString(ri.firstError).contains(QStringLiteral("gone-x")), ri.firstError.c_str());
    QVERIFY(ri.endedByError);
    const Verdict v = judgeBenchmark(ri, 2);
    // Nothing delivered yet when the error came (workers race): "failing"; else "error-bound".
    if (ri.items == 0) {
        QCOMPARE(QString::fromStdString(v.bound), QStringLiteral("failing"));
    } else {
        QCOMPARE(QString::fromStdString(v.bound), QStringLiteral("error-bound"));
        QVERIFY2(v.explanation.find("ended the run") != std::string::npos, v.explanation.c_str());
    }
    QVERIFY2(v.explanation.find("gone-x") != std::string::npos, v.explanation.c_str());
}

void TestBench::cancelStops()
{
    BenchSpec s = spec("objs", BenchMethod::Iterable, 2);
    s.duration = std::chrono::seconds(60);
    std::atomic<bool> cancel{false};
    std::thread stopper([&] {
        std::this_thread::sleep_for(std::chrono::milliseconds(300));
        cancel = true;
    });
    const BenchResult r = runBenchmark(s, {}, &cancel);
    stopper.join();
    QVERIFY(r.cancelled);
    QVERIFY(!r.endedByError);
    QVERIFY(r.seconds < 30);
    QCOMPARE(r.errors, quint64(0)); // cancelled is not a failure
}

void TestBench::badSpecsAreRefused()
{
    BenchSpec s = spec("objs", BenchMethod::Iterable, 2);
    s.workers = 0;
    QVERIFY_THROWS_EXCEPTION(Error, runBenchmark(s));
    s.workers = 2;
    s.names.clear();
    QVERIFY_THROWS_EXCEPTION(Error, runBenchmark(s));
    QVERIFY_THROWS_EXCEPTION(Error, parseBenchMethod("fastest"));
    QCOMPARE(parseBenchMethod("iterable"), BenchMethod::Iterable);
    QVERIFY_THROWS_EXCEPTION(Error, runSweep(spec("objs", BenchMethod::Map, 1), {2, 1}));
}

void TestBench::knee_data()
{
    QTest::addColumn<QVector<int>>("workers");
    QTest::addColumn<QVector<double>>("rates");
    QTest::addColumn<int>("kneeWorkers");
    QTest::addColumn<bool>("saturated");
    QTest::newRow("flat after 4") << QVector<int>{1, 2, 4, 8, 16} << QVector<double>{100, 190, 350, 370, 372} << 4
                                  << true;
    QTest::newRow("still scaling") << QVector<int>{1, 2, 4} << QVector<double>{100, 200, 390} << 4 << false;
    QTest::newRow("no gain at all") << QVector<int>{1, 2, 4} << QVector<double>{100, 105, 104} << 1 << true;
    QTest::newRow("drops after 2") << QVector<int>{1, 2, 4, 8} << QVector<double>{100, 180, 150, 120} << 2 << true;
    QTest::newRow("uneven steps use the next") << QVector<int>{1, 3, 6} << QVector<double>{100, 250, 260} << 3 << true;
    QTest::newRow("one step") << QVector<int>{8} << QVector<double>{500} << 8 << false;
    QTest::newRow("exactly 10% is a gain") << QVector<int>{1, 2, 4} << QVector<double>{100, 110.0001, 115} << 2
                                           << true;
}

void TestBench::knee()
{
    QFETCH(QVector<int>, workers);
    QFETCH(QVector<double>, rates);
    QFETCH(int, kneeWorkers);
    QFETCH(bool, saturated);
    std::vector<std::pair<int, double>> steps;
    for (int i = 0; i < workers.size(); ++i)
        steps.emplace_back(workers[i], rates[i]);
    const Knee k = findKnee(steps);
    QCOMPARE(k.workers, kneeWorkers);
    QCOMPARE(k.saturated, saturated);
}

void TestBench::verdict_data()
{
    QTest::addColumn<QString>("bound");
    QTest::addColumn<QString>("mentions");
    auto base = [] {
        BenchResult r;
        r.items = r.requests = 10000;
        r.seconds = 10;
        r.payloadBytes = r.wireBytes = 10000ull * 4096;
        r.cpuSeconds = 2;
        r.requestLatency.p50 = 0.3;
        return r;
    };
    auto row = [](const char *name, const BenchResult &r, const char *bound, const char *mentions) {
        QTest::newRow(name) << QString::fromLatin1(bound) << QString::fromLatin1(mentions)
                            << QVariant::fromValue(static_cast<const void *>(new BenchResult(r)));
    };
    QTest::addColumn<QVariant>("result");
    BenchResult r = base();
    row("small objects", r, "request-bound", "shards");
    r = base();
    r.wireBytes = r.payloadBytes = 10000ull * 8 * 1024 * 1024;
    row("large objects", r, "bandwidth-bound", "link");
    r = base();
    r.decodeSeconds = 7;
    row("decoding", r, "decode-bound", "70%");
    r = base();
    r.listingSeconds = 25;
    row("listing", r, "listing-bound", "25.0 s");
    r = base();
    r.cpuSeconds = 19;
    row("client cpu", r, "cpu-bound", "190%");
    r = base();
    r.errors = 500;
    r.firstError = "GET ais://b/x: 404";
    row("errors", r, "error-bound", "ais://b/x");
    r = BenchResult{};
    r.errors = 3;
    r.firstError = "cannot connect to 127.0.0.1:1";
    row("nothing read", r, "failing", "127.0.0.1:1");
}

void TestBench::verdict()
{
    QFETCH(QString, bound);
    QFETCH(QString, mentions);
    QFETCH(QVariant, result);
    std::unique_ptr<const BenchResult> r(static_cast<const BenchResult *>(result.value<const void *>()));
    const Verdict v = judgeBenchmark(*r, 2);
    QCOMPARE(QString::fromStdString(v.bound), bound);
    QVERIFY2(QString::fromStdString(v.explanation + " " + v.next).contains(mentions),
             (v.explanation + " | " + v.next).c_str());
    QVERIFY(!v.next.empty());
}

void TestBench::verdictAdviceFitsTheStore_data()
{
    QTest::addColumn<QString>("scheme");
    QTest::addColumn<bool>("largeObjects");
    QTest::addColumn<QString>("mentions");
    QTest::addColumn<QString>("never");
    QTest::newRow("cluster, large") << "ais" << true << "targets"
                                    << "disk";
    QTest::newRow("local folder, large") << "local" << true << "disk"
                                         << "targets";
    QTest::newRow("file folder, large") << "file" << true << "disk"
                                        << "targets";
    QTest::newRow("s3, large") << "s3" << true << "closer"
                               << "targets";
    QTest::newRow("cluster, small") << "ais" << false << "get-batch"
                                    << "disk";
    QTest::newRow("local folder, small") << "local" << false << "shards"
                                         << "get-batch";
    QTest::newRow("s3, small") << "s3" << false << "shards"
                               << "get-batch";
}

void TestBench::verdictAdviceFitsTheStore()
{
    QFETCH(QString, scheme);
    QFETCH(bool, largeObjects);
    QFETCH(QString, mentions);
    QFETCH(QString, never);
    BenchResult r;
    r.storeScheme = scheme.toStdString();
    r.items = r.requests = 10000;
    r.seconds = 10;
    r.cpuSeconds = 2;
    r.payloadBytes = r.wireBytes = 10000ull * (largeObjects ? 8 * 1024 * 1024 : 4096);
    const Verdict v = judgeBenchmark(r, 2);
    QCOMPARE(QString::fromStdString(v.bound),
             largeObjects ? QStringLiteral("bandwidth-bound") : QStringLiteral("request-bound"));
    QVERIFY2(QString::fromStdString(v.next).contains(mentions), v.next.c_str());
    QVERIFY2(!QString::fromStdString(v.next).contains(never), v.next.c_str());
}

QTEST_GUILESS_MAIN(TestBench)
#include "test_bench.moc"
