// Epoch plans and shuffle quality: who reads what (ranks, workers, the
// dropped tail), that every simulated order is a permutation of the samples,
// and that the scores rank the strategies the way their mixing differs.

#include "cli_runner.h"

#include "core/gen/dataset_generator.h"
#include "core/health/epoch_plan.h"
#include "core/health/shuffle_quality.h"
#include "core/util/error.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <numeric>

using namespace shardscope;

namespace {
// Ten shards: shard i holds 10 + i samples of 100 bytes.
std::vector<PlanUnit> tenShards()
{
    std::vector<PlanUnit> u;
    for (std::uint64_t i = 0; i < 10; ++i)
        u.push_back({"shard-" + std::to_string(i) + ".tar", (10 + i) * 100, 10 + i});
    return u;
}
} // namespace

class TestPlan : public QObject
{
    Q_OBJECT
private slots:
    void ranksAndWorkers();
    void evenRanksDropTheTail();
    void shuffledPlanIsAPermutation();
    void badOptions();
    void ordersArePermutations_data();
    void ordersArePermutations();
    void scoresRankTheStrategies();
    void cliPlanJson();
};

void TestPlan::ranksAndWorkers()
{
    PlanOptions o;
    o.worldSize = 3;
    o.workers = 2;
    o.shards = true;
    const EpochPlan p = planEpoch(tenShards(), o);
    QCOMPARE(p.units, std::uint64_t(10));
    QCOMPARE(p.items, std::uint64_t(145)); // 10 + 11 + ... + 19
    QCOMPARE(p.ranks.size(), std::size_t(3));
    // Rank r opens shards r, r+3, ...: 4, 3, 3 shards.
    QCOMPARE(p.ranks[0].units, std::uint64_t(4));
    QCOMPARE(p.ranks[1].units, std::uint64_t(3));
    QCOMPARE(p.ranks[0].items, std::uint64_t(10 + 13 + 16 + 19));
    QCOMPARE(p.ranks[1].items, std::uint64_t(11 + 14 + 17));
    QCOMPARE(p.ranks[2].items, std::uint64_t(12 + 15 + 18));
    QCOMPARE(p.ranks[1].firstUnits.front(), std::string("shard-1.tar"));
    // Rank 0's workers: its 1st and 3rd shard (0, 6) and its 2nd and 4th (3, 9).
    QCOMPARE(p.ranks[0].workers[0].items, std::uint64_t(10 + 16));
    QCOMPARE(p.ranks[0].workers[1].items, std::uint64_t(13 + 19));
    QVERIFY(!p.itemsEqual);
    QVERIFY(!p.unitsEqual);
    QCOMPARE(p.droppedUnits, std::uint64_t(0));
    QVERIFY(p.itemsKnown);
}

void TestPlan::evenRanksDropTheTail()
{
    PlanOptions o;
    o.worldSize = 3;
    o.evenRanks = true;
    o.shards = true;
    const EpochPlan p = planEpoch(tenShards(), o);
    QCOMPARE(p.droppedUnits, std::uint64_t(1)); // shard 9 (the tail of the order)
    QCOMPARE(p.droppedItems, std::uint64_t(19));
    QVERIFY(p.unitsEqual);
    QVERIFY(!p.itemsEqual); // equal shard counts, unequal samples: the plan says so
    QCOMPARE(p.minItems, std::uint64_t(10 + 13 + 16));
    QCOMPARE(p.maxItems, std::uint64_t(12 + 15 + 18));
    std::vector<PlanUnit> objects(9, PlanUnit{"o", 5, 1});
    const EpochPlan q = planEpoch(objects, o);
    QVERIFY(q.itemsEqual);
    QCOMPARE(q.droppedUnits, std::uint64_t(0));
}

void TestPlan::shuffledPlanIsAPermutation()
{
    PlanOptions o;
    o.worldSize = 4;
    o.shuffle = true;
    o.seed = 42;
    std::vector<PlanUnit> units;
    for (int i = 0; i < 100; ++i)
        units.push_back({"u" + std::to_string(i), 1, 1});
    const EpochPlan p = planEpoch(units, o);
    std::uint64_t total = 0;
    for (const auto &r : p.ranks)
        total += r.units;
    QCOMPARE(total, std::uint64_t(100));
    QCOMPARE(planEpoch(units, o).ranks[2].firstUnits, p.ranks[2].firstUnits); // same seed, same plan
    o.seed = 43;
    QVERIFY(planEpoch(units, o).ranks[2].firstUnits != p.ranks[2].firstUnits);
}

void TestPlan::badOptions()
{
    PlanOptions o;
    o.worldSize = 0;
    QVERIFY_THROWS_EXCEPTION(Error, planEpoch(tenShards(), o));
    o.worldSize = 1;
    o.workers = 0;
    QVERIFY_THROWS_EXCEPTION(Error, planEpoch(tenShards(), o));
    ShuffleOptions so;
    so.batch = 0;
    QVERIFY_THROWS_EXCEPTION(Error, simulateOrder(ShuffleStrategy::None, {10}, so));
}

void TestPlan::ordersArePermutations_data()
{
    QTest::addColumn<int>("strategy");
    QTest::addColumn<int>("workers");
    QTest::newRow("none, 1 worker") << int(ShuffleStrategy::None) << 1;
    QTest::newRow("none, 3 workers") << int(ShuffleStrategy::None) << 3;
    QTest::newRow("shards+buffer, 1 worker") << int(ShuffleStrategy::ShardsBuffer) << 1;
    QTest::newRow("shards+buffer, 4 workers") << int(ShuffleStrategy::ShardsBuffer) << 4;
    QTest::newRow("objects") << int(ShuffleStrategy::Objects) << 2;
}

void TestPlan::ordersArePermutations()
{
    QFETCH(int, strategy);
    QFETCH(int, workers);
    const std::vector<std::uint64_t> shards = {100, 37, 250, 0, 81, 100};
    ShuffleOptions o;
    o.workers = workers;
    o.buffer = 50;
    o.batch = 16;
    o.seed = 9;
    std::vector<std::uint64_t> order = simulateOrder(static_cast<ShuffleStrategy>(strategy), shards, o);
    QCOMPARE(order, simulateOrder(static_cast<ShuffleStrategy>(strategy), shards, o)); // deterministic
    std::sort(order.begin(), order.end());
    std::vector<std::uint64_t> all(568);
    std::iota(all.begin(), all.end(), 0);
    QCOMPARE(order, all); // every sample exactly once
}

void TestPlan::scoresRankTheStrategies()
{
    // 40 shards of 200 samples; one worker so "none" is the listing order.
    const std::vector<std::uint64_t> shards(40, 200);
    ShuffleOptions o;
    o.buffer = 500;
    o.batch = 64;
    o.seed = 3;
    const auto scores = compareShuffles(shards, 1000, o);
    QCOMPARE(scores.size(), std::size_t(3));
    const ShuffleScore &none = scores[0], &buffered = scores[1], &objects = scores[2];
    QCOMPARE(none.strategy, ShuffleStrategy::None);
    QCOMPARE(buffered.strategy, ShuffleStrategy::ShardsBuffer);
    QCOMPARE(objects.strategy, ShuffleStrategy::Objects);
    QCOMPARE(none.items, std::uint64_t(8000));
    QCOMPARE(none.gapEntropy, 0.0);   // every gap is 1
    QVERIFY(none.shardEntropy < 0.1); // a batch from one shard (two at a boundary)
    QVERIFY2(objects.gapEntropy > 0.85, qPrintable(QString::number(objects.gapEntropy)));
    QVERIFY2(objects.shardEntropy > 0.85, qPrintable(QString::number(objects.shardEntropy)));
    QVERIFY(buffered.gapEntropy > none.gapEntropy && buffered.gapEntropy < objects.gapEntropy);
    QVERIFY(buffered.shardEntropy > none.shardEntropy && buffered.shardEntropy < objects.shardEntropy);
    // Memory: a buffer of 500 samples of 1000 bytes; the permutation of 8000 indices.
    QCOMPARE(buffered.memoryBytes, std::uint64_t(500 * 1000));
    QCOMPARE(objects.memoryBytes, std::uint64_t(8000 * 8));
    QCOMPARE(objects.requests, std::uint64_t(8000));
    QCOMPARE(buffered.requests, std::uint64_t(40));
    // A larger buffer mixes more.
    o.buffer = 4000;
    const auto bigger = compareShuffles(shards, 1000, o);
    QVERIFY(bigger[1].shardEntropy > buffered.shardEntropy);
}

void TestPlan::cliPlanJson()
{
    QTemporaryDir dir;
    for (int i = 0; i < 5; ++i) {
        std::vector<std::pair<std::string, std::string>> m;
        for (int k = 0; k < 20; ++k)
            m.emplace_back("s" + std::to_string(i * 20 + k) + ".bin", "x");
        QFile f(dir.filePath(QStringLiteral("shard-%1.tar").arg(i)));
        QVERIFY(f.open(QIODevice::WriteOnly));
        const std::string tar = writeArchive(ShardFormat::Tar, m);
        f.write(tar.data(), static_cast<qint64>(tar.size()));
    }
    const CliRun run = runCli(
        QStringLiteral(SHARDSCOPE_CLI_PATH),
        {QStringLiteral("plan"), QStringLiteral("file://") + dir.path(), QStringLiteral("--world-size"),
         QStringLiteral("2"), QStringLiteral("--even-ranks"), QStringLiteral("--samples-per-shard"),
         QStringLiteral("20"), QStringLiteral("--workers"), QStringLiteral("1"), QStringLiteral("--json")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    const QJsonObject j = QJsonDocument::fromJson(run.out).object();
    QCOMPARE(j.value(QStringLiteral("schema")).toString(), QStringLiteral("shardscope-plan"));
    const QJsonObject plan = j.value(QStringLiteral("plan")).toObject();
    QCOMPARE(plan.value(QStringLiteral("units")).toInt(), 5);
    QCOMPARE(plan.value(QStringLiteral("dropped")).toObject().value(QStringLiteral("units")).toInt(), 1);
    QCOMPARE(plan.value(QStringLiteral("equal_items")).toBool(), true);
    QCOMPARE(
        plan.value(QStringLiteral("ranks")).toArray().at(1).toObject().value(QStringLiteral("items")).toInt(),
        40);
    const QJsonArray strategies =
        j.value(QStringLiteral("shuffle_quality")).toObject().value(QStringLiteral("strategies")).toArray();
    QCOMPARE(strategies.size(), 3);
    QCOMPARE(strategies.at(1).toObject().value(QStringLiteral("strategy")).toString(),
             QStringLiteral("shards+buffer"));

    // Sample counts from a wids index (one shard says 7): exact items, unequal ranks.
    QString list;
    for (int i = 0; i < 5; ++i)
        list += QStringLiteral("%1{\"url\": \"file://%2/shard-%3.tar\", \"nsamples\": %4}")
                    .arg(i ? QStringLiteral(", ") : QString(), dir.path())
                    .arg(i)
                    .arg(i == 2 ? 7 : 20);
    QFile wids(dir.filePath(QStringLiteral("index.json")));
    QVERIFY(wids.open(QIODevice::WriteOnly));
    wids.write(
        QStringLiteral("{\"__kind__\": \"wids-shard-index-v1\", \"shardlist\": [%1]}").arg(list).toUtf8());
    wids.close();
    const CliRun withIndex =
        runCli(QStringLiteral(SHARDSCOPE_CLI_PATH),
               {QStringLiteral("plan"), QStringLiteral("file://") + dir.path() + QStringLiteral("/shard-"),
                QStringLiteral("--world-size"), QStringLiteral("2"), QStringLiteral("--wids"),
                wids.fileName(), QStringLiteral("--json")});
    QVERIFY2(withIndex.exitCode == 0, qPrintable(withIndex.err));
    const QJsonObject p2 =
        QJsonDocument::fromJson(withIndex.out).object().value(QStringLiteral("plan")).toObject();
    QCOMPARE(p2.value(QStringLiteral("items")).toInt(), 87);
    QCOMPARE(p2.value(QStringLiteral("items_known")).toBool(), true);
    // Rank 0 reads shards 0, 2, 4 (20 + 7 + 20), rank 1 shards 1, 3 (40).
    QCOMPARE(p2.value(QStringLiteral("min_items")).toInt(), 40);
    QCOMPARE(p2.value(QStringLiteral("max_items")).toInt(), 47);
    QCOMPARE(p2.value(QStringLiteral("equal_items")).toBool(), false);

    // --all-units: every shard each rank opens, in order.
    const CliRun all =
        runCli(QStringLiteral(SHARDSCOPE_CLI_PATH),
               {QStringLiteral("plan"), QStringLiteral("file://") + dir.path() + QStringLiteral("/shard-"),
                QStringLiteral("--world-size"), QStringLiteral("2"), QStringLiteral("--all-units"),
                QStringLiteral("--json")});
    QVERIFY2(all.exitCode == 0, qPrintable(all.err));
    const QJsonArray rank0 = QJsonDocument::fromJson(all.out)
                                 .object()
                                 .value(QStringLiteral("plan"))
                                 .toObject()
                                 .value(QStringLiteral("ranks"))
                                 .toArray()
                                 .at(0)
                                 .toObject()
                                 .value(QStringLiteral("units_opened"))
                                 .toArray();
    QCOMPARE(rank0.size(), 3);
    QVERIFY(rank0.at(2).toString().endsWith(QStringLiteral("/shard-4.tar")));
}

QTEST_GUILESS_MAIN(TestPlan)
#include "test_plan.moc"
