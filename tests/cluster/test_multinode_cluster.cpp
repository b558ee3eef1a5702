// Every read mode on a cluster of several targets, bytes checked by hash:
// objects (iterable), map-style, shards, several shard sources zipped, and
// get-batch streamed and multipart with objects of every target (missing
// ones reported by name), and with members of shards on every target
// (missing members and a missing shard reported by name). Ranks as real processes running at the same time:
// their union is the listing and they are disjoint, with and without a
// seeded shuffle, with --even-ranks, for a two-source config with a split,
// and across a save/resume.

#include "cli_runner.h"
#include "cluster_fixture.h"

#include "core/data/get_batch_read.h"
#include "core/data/loader.h"
#include "core/data/map_dataset.h"
#include "core/data/multi_shard_stream.h"
#include "core/gen/dataset_generator.h"
#include "core/storage/ais_hrw.h"
#include "core/storage/store_factory.h"
#include "core/util/error.h"

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>
#include <mutex>
#include <set>
#include <xxhash.h>

using namespace shardscope;

namespace {
std::uint64_t hashOf(const std::string &s)
{
    return XXH3_64bits(s.data(), s.size());
}
} // namespace

class TestMultinodeCluster : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void dataIsSpreadOverEveryTarget();
    void objectModesReadTheListing_data();
    void objectModesReadTheListing();
    void mapDatasetReadsEveryIndex();
    void shardsReadEverySample();
    void multiShardZipsSourcesOnEveryTarget();
    void getBatchReportsMissingOnEveryTarget_data();
    void getBatchReportsMissingOnEveryTarget();
    void getBatchReadsMembersOfShardsOnEveryTarget_data();
    void getBatchReadsMembersOfShardsOnEveryTarget();
    void loaderReadsShardMembersThroughGetBatch_data();
    void loaderReadsShardMembersThroughGetBatch();
    void ranksAsProcesses_data();
    void ranksAsProcesses();
    void rankResumesFromSavedState();
    void cleanupTestCase();

private:
    Loader::StoreFactory factory() const;
    // Runs one `shardscope-cli iterate` per rank, all at once; names per rank.
    std::vector<std::vector<std::string>> runRanks(const QStringList &args, int world, QString *error);
    QStringList m_rankStderr; // of the last runRanks, one per rank that ended well
    std::unique_ptr<AisClient> m_client;
    AisClusterMap m_smap;
    std::string m_bucket;
    std::vector<std::string> m_objects;          // objs/..., listing order
    std::map<std::string, std::uint64_t> m_hash; // object -> hash
    std::vector<std::string> m_shards, m_captions;
    std::map<std::string, std::uint64_t> m_member; // "<key>.<ext>" -> hash
};

Loader::StoreFactory TestMultinodeCluster::factory() const
{
    return [] {
        StoreOptions o;
        o.endpoint = clustertest::endpoint();
        return openStore(parseStoreUrl("ais://"), o).store;
    };
}

void TestMultinodeCluster::initTestCase()
{
    const std::string why = clustertest::unreachableReason();
    QVERIFY2(why.empty(), why.c_str());
    m_client = clustertest::client();
    m_smap = m_client->clusterMap();
    if (m_smap.targets.size() < 2)
        QSKIP("needs a cluster of several targets (scripts/cluster-start.sh --targets 3)");
    m_bucket = clustertest::uniqueBucket("ss-multi");
    m_client->createBucket(m_bucket);
    for (int i = 0; i < 302; ++i) {
        std::string name = "objs/o-" + std::to_string(1000 + i);
        if (i % 50 == 7)
            name = "objs/ünïcode name " + std::to_string(i) + ".bin";
        const std::string data = randomPayload(11, static_cast<std::uint64_t>(i), 100 + (i * 37) % 3000);
        m_client->putObject(m_bucket, name, data);
        m_hash[name] = hashOf(data);
        m_objects.push_back(name);
    }
    std::sort(m_objects.begin(), m_objects.end());
    auto shard = [this](const std::string &prefix, int s, const std::string &ext) {
        std::vector<std::pair<std::string, std::string>> members;
        for (int k = 0; k < 4; ++k) {
            const std::string key = prefix + std::to_string(100 + s) + "-" + std::to_string(k);
            const std::string data = randomPayload(13, static_cast<std::uint64_t>(s * 10 + k), 200 + 40 * k);
            members.emplace_back(key + "." + ext, data);
            m_member[key + "." + ext] = hashOf(data);
        }
        return writeArchive(ShardFormat::Tar, members);
    };
    for (int s = 0; s < 24; ++s) {
        m_shards.push_back("shards/s-" + std::to_string(100 + s) + ".tar");
        m_client->putObject(m_bucket, m_shards.back(), shard("img", s, "bin"));
        m_captions.push_back("caps/c-" + std::to_string(100 + s) + ".tar");
        m_client->putObject(m_bucket, m_captions.back(), shard("cap", s, "txt"));
    }
}

void TestMultinodeCluster::dataIsSpreadOverEveryTarget()
{
    std::set<std::string> objectOwners, shardOwners;
    for (const auto &o : m_objects)
        objectOwners.insert(aisOwningTarget(m_smap, m_bucket, o)->id);
    for (const auto &s : m_shards)
        shardOwners.insert(aisOwningTarget(m_smap, m_bucket, s)->id);
    QCOMPARE(objectOwners.size(), m_smap.targets.size());
    QCOMPARE(shardOwners.size(), m_smap.targets.size());
}

void TestMultinodeCluster::objectModesReadTheListing_data()
{
    QTest::addColumn<int>("mode");
    QTest::addColumn<bool>("streaming");
    QTest::newRow("iterable") << int(Loader::Mode::Objects) << true;
    QTest::newRow("get-batch streaming") << int(Loader::Mode::GetBatch) << true;
    QTest::newRow("get-batch multipart") << int(Loader::Mode::GetBatch) << false;
}

void TestMultinodeCluster::objectModesReadTheListing()
{
    QFETCH(int, mode);
    QFETCH(bool, streaming);
    // The listing, as the loader's caller gets it.
    auto store = factory()();
    ListRequest req;
    req.prefix = "objs/";
    std::vector<std::string> listed;
    for (const auto &o : store->listAll(m_bucket, req))
        listed.push_back(o.name);
    QCOMPARE(listed, m_objects);
    LoaderOptions opts;
    opts.workers = 4;
    opts.batchSize = 16;
    opts.getBatchStreaming = streaming;
    Loader loader(Loader::Mode(mode), factory(), m_bucket, listed, opts);
    std::map<std::string, int> seen;
    LoaderItem item;
    while (loader.next(item)) {
        QVERIFY2(m_hash.count(item.name), item.name.c_str());
        QVERIFY2(hashOf(item.bytes) == m_hash[item.name], item.name.c_str());
        ++seen[item.name];
    }
    QCOMPARE(seen.size(), m_objects.size());
    for (const auto &[name, n] : seen)
        QVERIFY2(n == 1, name.c_str());
}

void TestMultinodeCluster::mapDatasetReadsEveryIndex()
{
    auto store = factory()();
    ListRequest req;
    req.prefix = "objs/";
    MapDataset ds(*store, m_bucket, store->listAll(m_bucket, req));
    QCOMPARE(ds.size(), m_objects.size());
    // Backwards: every index on its own, not a stream.
    for (std::size_t i = ds.size(); i-- > 0;) {
        QCOMPARE(ds.info(i).name, m_objects[i]);
        QVERIFY2(hashOf(ds.get(i)) == m_hash[m_objects[i]], m_objects[i].c_str());
    }
}

void TestMultinodeCluster::shardsReadEverySample()
{
    LoaderOptions opts;
    opts.workers = 3;
    Loader loader(Loader::Mode::Shards, factory(), m_bucket, m_shards, opts);
    std::set<std::string> seen;
    LoaderItem item;
    while (loader.next(item)) {
        QCOMPARE(item.sample.members.size(), std::size_t(1));
        const std::string key = item.sample.key + ".bin";
        QVERIFY2(m_member.count(key), key.c_str());
        QVERIFY2(hashOf(item.sample.members[0].second) == m_member[key], key.c_str());
        QVERIFY2(seen.insert(key).second, key.c_str());
    }
    QCOMPARE(seen.size(), m_shards.size() * 4);
}

void TestMultinodeCluster::multiShardZipsSourcesOnEveryTarget()
{
    MultiShardStream stream({{factory(), m_bucket, m_shards}, {factory(), m_bucket, m_captions}});
    std::vector<Sample> tuple;
    std::size_t n = 0;
    while (stream.next(tuple)) {
        QCOMPARE(tuple.size(), std::size_t(2));
        const std::string img = tuple[0].key + ".bin", cap = tuple[1].key + ".txt";
        QVERIFY2(hashOf(tuple[0].members.at(0).second) == m_member[img], img.c_str());
        QVERIFY2(hashOf(tuple[1].members.at(0).second) == m_member[cap], cap.c_str());
        // Side by side: sample k of shard s with caption k of shard s.
        QCOMPARE(tuple[0].key.substr(3), tuple[1].key.substr(3));
        ++n;
    }
    QCOMPARE(n, m_shards.size() * 4);
}

void TestMultinodeCluster::getBatchReportsMissingOnEveryTarget_data()
{
    QTest::addColumn<bool>("streaming");
    QTest::newRow("streaming") << true;
    QTest::newRow("multipart") << false;
}

void TestMultinodeCluster::getBatchReportsMissingOnEveryTarget()
{
    QFETCH(bool, streaming);
    // One missing name owned by each target, between existing ones.
    std::vector<std::string> units = m_objects;
    std::set<std::string> missing, owners;
    for (int k = 0; owners.size() < m_smap.targets.size() && k < 1000; ++k) {
        const std::string name = "objs/missing-" + std::to_string(k);
        if (owners.insert(aisOwningTarget(m_smap, m_bucket, name)->id).second) {
            missing.insert(name);
            units.insert(units.begin() + static_cast<long>(units.size() / 2), name);
        }
    }
    QCOMPARE(owners.size(), m_smap.targets.size());
    LoaderOptions opts;
    opts.workers = 2;
    opts.batchSize = 40;
    opts.getBatchStreaming = streaming;
    opts.shard.onError = ErrorPolicy::Skip;
    std::mutex mutex;
    std::set<std::string> reported;
    std::vector<std::string> messages;
    Loader loader(Loader::Mode::GetBatch, factory(), m_bucket, units, opts, {}, [&](const ShardProblem &p) {
        std::lock_guard<std::mutex> lock(mutex);
        reported.insert(p.shard);
        messages.push_back(p.message);
    });
    std::set<std::string> seen;
    LoaderItem item;
    while (loader.next(item)) {
        QVERIFY2(!missing.count(item.name), item.name.c_str());
        QVERIFY2(hashOf(item.bytes) == m_hash[item.name], item.name.c_str());
        seen.insert(item.name);
    }
    QCOMPARE(seen.size(), m_objects.size());
    QCOMPARE(reported, missing);
    for (const auto &m : messages) // each names the object, as a user can find it
        QVERIFY2(m.find("ais://" + m_bucket + "/objs/missing-") != std::string::npos, m.c_str());
    QCOMPARE(loader.counters().errors, std::uint64_t(missing.size()));
}

void TestMultinodeCluster::getBatchReadsMembersOfShardsOnEveryTarget_data()
{
    QTest::addColumn<bool>("streaming");
    QTest::newRow("streaming") << true;
    QTest::newRow("multipart") << false;
}

void TestMultinodeCluster::getBatchReadsMembersOfShardsOnEveryTarget()
{
    QFETCH(bool, streaming);
    // For every target a shard it holds: two of its members, and one member
    // the shard does not have; then a shard that does not exist (owned by
    // some target) and a whole object. At most 4 missing entries: AIStore's
    // soft-error budget per request is 6 by default.
    std::vector<AisBatchEntry> entries;
    std::vector<std::string> expectedHash; // member name in m_member, or "" for a missing entry
    std::set<std::size_t> missing;
    std::set<std::string> owners;
    for (std::size_t s = 0; s < m_shards.size(); ++s) {
        if (!owners.insert(aisOwningTarget(m_smap, m_bucket, m_shards[s])->id).second)
            continue;
        const std::string img = "img" + std::to_string(100 + s) + "-";
        entries.push_back({m_shards[s], img + "3.bin", {}});
        expectedHash.push_back(img + "3.bin");
        missing.insert(entries.size());
        entries.push_back({m_shards[s], img + "9.bin", {}}); // not in the shard
        expectedHash.emplace_back();
        entries.push_back({m_shards[s], img + "0.bin", {}});
        expectedHash.push_back(img + "0.bin");
    }
    QCOMPARE(owners.size(), m_smap.targets.size());
    missing.insert(entries.size());
    entries.push_back({"shards/s-999.tar", "img999-0.bin", {}}); // no such shard
    expectedHash.emplace_back();
    entries.push_back({m_objects[5], {}, {}}); // a whole object in the same request
    GetBatchReadOptions o;
    o.streaming = streaming;
    std::vector<GetBatchEntryResult> got;
    try {
        readGetBatch(*m_client, m_bucket, entries, o, "test get-batch", [&](GetBatchEntryResult &&r) {
            got.push_back(std::move(r));
            return true;
        });
    } catch (const Error &e) {
        QFAIL(e.what());
    }
    QCOMPARE(got.size(), entries.size());
    for (std::size_t i = 0; i < got.size(); ++i) {
        const std::string what = describeAisBatchEntry(m_bucket, entries[i]);
        QCOMPARE(got[i].index, i);
        QVERIFY2(got[i].missing == (missing.count(i) > 0), what.c_str());
        if (got[i].missing) {
            QVERIFY2(got[i].bytes.empty(), what.c_str());
            if (!streaming) // the cluster says why (only multipart answers carry metadata)
                QVERIFY2(!got[i].reason.empty(), what.c_str());
        } else if (i + 1 == got.size()) {
            QVERIFY2(hashOf(got[i].bytes) == m_hash[m_objects[5]], what.c_str());
        } else {
            QVERIFY2(hashOf(got[i].bytes) == m_member.at(expectedHash[i]), what.c_str());
        }
    }
}

void TestMultinodeCluster::loaderReadsShardMembersThroughGetBatch_data()
{
    QTest::addColumn<bool>("streaming");
    QTest::newRow("streaming") << true;
    QTest::newRow("multipart") << false;
}

void TestMultinodeCluster::loaderReadsShardMembersThroughGetBatch()
{
    QFETCH(bool, streaming);
    // Every member of every shard (shards on every target), plus a missing
    // member; the missing one is reported naming its shard and member.
    std::vector<std::string> units;
    for (std::size_t s = 0; s < m_shards.size(); ++s)
        for (int k = 0; k < 4; ++k)
            units.push_back(m_shards[s] + "/img" + std::to_string(100 + s) + "-" + std::to_string(k) +
                            ".bin");
    units.insert(units.begin() + 30, m_shards[7] + "/img107-8.bin");
    LoaderOptions opts;
    opts.workers = 3;
    opts.batchSize = 20;
    opts.getBatchStreaming = streaming;
    opts.getBatchMembers = true;
    opts.shard.onError = ErrorPolicy::Skip;
    std::mutex mutex;
    std::vector<ShardProblem> problems;
    Loader loader(Loader::Mode::GetBatch, factory(), m_bucket, units, opts, {}, [&](const ShardProblem &p) {
        std::lock_guard<std::mutex> lock(mutex);
        problems.push_back(p);
    });
    std::set<std::string> seen;
    LoaderItem item;
    while (loader.next(item)) {
        const std::string member = item.name.substr(item.name.rfind('/') + 1);
        QVERIFY2(m_member.count(member), item.name.c_str());
        QVERIFY2(hashOf(item.bytes) == m_member[member], item.name.c_str());
        QVERIFY2(seen.insert(item.name).second, item.name.c_str());
    }
    QCOMPARE(seen.size(), m_shards.size() * 4);
    QCOMPARE(problems.size(), std::size_t(1));
    QCOMPARE(problems[0].shard, m_shards[7]);
    QCOMPARE(problems[0].member, std::string("img107-8.bin"));
    const std::string expected =
        "ais://" + m_bucket + "/" + m_shards[7] + " member \"img107-8.bin\": missing";
    QVERIFY2(problems[0].message.find(expected) != std::string::npos, problems[0].message.c_str());
}

std::vector<std::vector<std::string>> TestMultinodeCluster::runRanks(const QStringList &args, int world,
                                                                     QString *error)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("AIS_ENDPOINT"), QString::fromStdString(clustertest::endpoint()));
    std::vector<std::unique_ptr<QProcess>> procs;
    for (int r = 0; r < world; ++r) {
        auto p = std::make_unique<QProcess>();
        p->setProcessEnvironment(env);
        p->start(QStringLiteral(SHARDSCOPE_CLI_PATH),
                 QStringList{QStringLiteral("iterate")} + args +
                     QStringList{QStringLiteral("--rank"), QString::number(r), QStringLiteral("--world-size"),
                                 QString::number(world), QStringLiteral("--json")});
        procs.push_back(std::move(p));
    }
    std::vector<std::vector<std::string>> names(static_cast<std::size_t>(world));
    m_rankStderr.clear();
    for (int r = 0; r < world; ++r) {
        QProcess &p = *procs[static_cast<std::size_t>(r)];
        if (!p.waitForFinished(180000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
            *error += QStringLiteral("rank %1: %2\n").arg(r).arg(QString::fromUtf8(p.readAllStandardError()));
            p.kill();
            p.waitForFinished(5000);
            continue;
        }
        m_rankStderr.push_back(QString::fromUtf8(p.readAllStandardError()));
        for (const QByteArray &l : p.readAllStandardOutput().split('\n'))
            if (!l.trimmed().isEmpty()) {
                const auto j = nlohmann::json::parse(l.toStdString());
                names[static_cast<std::size_t>(r)].push_back(
                    j.contains("key") ? j["key"].get<std::string>() : j["name"].get<std::string>());
            }
    }
    return names;
}

void TestMultinodeCluster::ranksAsProcesses_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<bool>("even");
    QTest::addColumn<bool>("shards");
    QTest::addColumn<bool>("members");
    const QString objs = QStringLiteral("ais://%1/objs/");
    const QString shards = QStringLiteral("ais://%1/shards/");
    QTest::newRow("objects") << QStringList{objs, QStringLiteral("--workers"), QStringLiteral("3")} << false
                             << false << false;
    QTest::newRow("objects, seeded shuffle")
        << QStringList{objs, QStringLiteral("--shuffle"), QStringLiteral("--seed"), QStringLiteral("7")}
        << false << false << false;
    QTest::newRow("objects, even ranks")
        << QStringList{objs, QStringLiteral("--even-ranks")} << true << false << false;
    QTest::newRow("shards") << QStringList{shards, QStringLiteral("--mode"), QStringLiteral("shard")} << false
                            << true << false;
    QTest::newRow("get-batch") << QStringList{objs, QStringLiteral("--mode"), QStringLiteral("get-batch")}
                               << false << false << false;
    QTest::newRow("get-batch of shard members")
        << QStringList{shards, QStringLiteral("--mode"), QStringLiteral("get-batch"),
                       QStringLiteral("--members"), QStringLiteral("--multipart")}
        << false << false << true;
    // Two sources (here two views of one bucket) and a split naming prefixes in each.
    QTest::newRow("config: two sources, a split")
        << QStringList{QStringLiteral("CONFIG")} << false << false << false;
}

void TestMultinodeCluster::ranksAsProcesses()
{
    QFETCH(QStringList, args);
    QFETCH(bool, even);
    QFETCH(bool, shards);
    QFETCH(bool, members);
    QTemporaryDir dir;
    // The split of the config row: source "a" reads objs/o-10*, source "b" objs/o-11* and objs/ü*.
    const std::vector<std::string> splitPrefixes = {"objs/o-10", "objs/o-11", "objs/ü"};
    const bool config = args[0] == QLatin1String("CONFIG");
    if (config) {
        const nlohmann::json c = {
            {"schema_version", 1},
            {"name", "two sources"},
            {"endpoint_env", "AIS_ENDPOINT"},
            {"sources",
             {{{"id", "a"}, {"provider", "ais"}, {"bucket", m_bucket}},
              {{"id", "b"}, {"provider", "ais"}, {"bucket", m_bucket}}}},
            {"splits", {{"train", {{"a", {splitPrefixes[0]}}, {"b", {splitPrefixes[1], splitPrefixes[2]}}}}}},
            {"split", "train"},
            {"dataset", {{"kind", "iterable"}}}};
        const QString path = dir.filePath(QStringLiteral("two-sources.json"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray::fromStdString(c.dump(2)));
        f.close();
        args[0] = path;
    } else {
        args[0] = args[0].arg(QString::fromStdString(m_bucket));
    }
    const int world = 3;
    QString error;
    const auto perRank = runRanks(args, world, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    std::set<std::string> all;
    std::size_t total = 0;
    for (const auto &names : perRank) {
        total += names.size();
        all.insert(names.begin(), names.end());
        if (even)
            QCOMPARE(names.size(), m_objects.size() / world);
    }
    QCOMPARE(all.size(), total); // disjoint
    // Each rank's closing line counts what it read in the mode's own unit.
    const QString unit = members  ? QStringLiteral(" members (")
                         : shards ? QStringLiteral(" samples (")
                                  : QStringLiteral(" objects (");
    for (const QString &err : m_rankStderr)
        QVERIFY2(err.contains(QStringLiteral("read ")) && err.contains(unit), qPrintable(err));
    std::set<std::string> expected;
    if (members) {
        for (std::size_t s = 0; s < m_shards.size(); ++s)
            for (int k = 0; k < 4; ++k)
                expected.insert(m_shards[s] + "/img" + std::to_string(100 + s) + "-" + std::to_string(k) +
                                ".bin");
    } else if (shards) {
        for (const auto &[k, h] : m_member)
            if (k.rfind("img", 0) == 0)
                expected.insert(k.substr(0, k.size() - 4));
    } else if (config) {
        for (const auto &o : m_objects)
            for (const auto &p : splitPrefixes)
                if (o.rfind(p, 0) == 0)
                    expected.insert(o);
        QVERIFY(expected.size() > 200); // both sources contribute
    } else {
        expected.insert(m_objects.begin(), m_objects.end());
    }
    if (even) // the tail that does not divide evenly is left out
        QVERIFY(std::includes(expected.begin(), expected.end(), all.begin(), all.end()));
    else
        QCOMPARE(all, expected);
}

void TestMultinodeCluster::rankResumesFromSavedState()
{
    QTemporaryDir dir;
    const QString state = dir.filePath(QStringLiteral("rank1.json"));
    const QString url = QString::fromStdString("ais://" + m_bucket + "/objs/");
    const QStringList common{url,
                             QStringLiteral("--ordered"),
                             QStringLiteral("--shuffle"),
                             QStringLiteral("--seed"),
                             QStringLiteral("3"),
                             QStringLiteral("--rank"),
                             QStringLiteral("1"),
                             QStringLiteral("--world-size"),
                             QStringLiteral("3"),
                             QStringLiteral("--json")};
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("AIS_ENDPOINT"), QString::fromStdString(clustertest::endpoint()));
    auto names = [](const QByteArray &out) {
        std::vector<std::string> v;
        for (const QByteArray &l : out.split('\n'))
            if (!l.trimmed().isEmpty())
                v.push_back(nlohmann::json::parse(l.toStdString())["name"].get<std::string>());
        return v;
    };
    const CliRun whole =
        runCli(QStringLiteral(SHARDSCOPE_CLI_PATH), QStringList{QStringLiteral("iterate")} + common, env);
    QVERIFY2(whole.exitCode == 0, qPrintable(whole.err));
    const CliRun first = runCli(QStringLiteral(SHARDSCOPE_CLI_PATH),
                                QStringList{QStringLiteral("iterate")} + common +
                                    QStringList{QStringLiteral("--limit"), QStringLiteral("37"),
                                                QStringLiteral("--save-state"), state},
                                env);
    QVERIFY2(first.exitCode == 0, qPrintable(first.err));
    const CliRun rest = runCli(QStringLiteral(SHARDSCOPE_CLI_PATH),
                               QStringList{QStringLiteral("iterate")} + common +
                                   QStringList{QStringLiteral("--resume"), state},
                               env);
    QVERIFY2(rest.exitCode == 0, qPrintable(rest.err));
    std::vector<std::string> joined = names(first.out);
    QCOMPARE(joined.size(), std::size_t(37));
    for (auto &n : names(rest.out))
        joined.push_back(n);
    QCOMPARE(joined, names(whole.out));
}

void TestMultinodeCluster::cleanupTestCase()
{
    if (m_client && !m_bucket.empty()) {
        try {
            m_client->destroyBucket(m_bucket);
        } catch (const Error &) {
        }
    }
}

QTEST_GUILESS_MAIN(TestMultinodeCluster)
#include "test_multinode_cluster.moc"
