// The cluster's side of the profiler: every target's own statistics polled
// through the proxy; a node that does not answer is reported, not fatal;
// `bench --cluster-stats` over a bucket whose objects all live on one target
// finds that target hot (placement skew) with an imbalance near the number of
// targets, and its series carries the cluster per point; a target much slower
// than the others is judged a slow disk, not placement.
// Compares the targets' own counters: runs alone (RUN_SERIAL).

#include "cli_runner.h"
#include "cluster_fixture.h"

#include "core/bench/cluster_verdict.h"
#include "core/storage/ais_client.h"
#include "core/storage/ais_cluster_stats.h"
#include "core/storage/ais_hrw.h"
#include "core/util/error.h"

#include <QTest>

#include <nlohmann/json.hpp>

using namespace shardscope;

class TestClusterStats : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void everyTargetAnswers();
    void aNodeThatDoesNotAnswerIsReported();
    void benchFindsTheHotTarget();
    void slowTargetIsNotPlacement();
    void cleanupTestCase();

private:
    std::unique_ptr<AisClient> m_client;
    AisClusterMap m_smap;
    std::string m_bucket;
    std::string m_hot; // the target that stores every object of m_bucket
};

void TestClusterStats::initTestCase()
{
    const std::string why = clustertest::unreachableReason();
    QVERIFY2(why.empty(), why.c_str());
    m_client = clustertest::client();
    m_smap = m_client->clusterMap();
    QVERIFY(!m_smap.targets.empty());
    m_hot = m_smap.targets.back().id;
    m_bucket = clustertest::uniqueBucket("ss-cstats");
    m_client->createBucket(m_bucket);
    // 300 objects, all placed on one target: names chosen by the cluster's own placement.
    int stored = 0;
    for (int i = 0; stored < 300 && i < 100000; ++i) {
        const std::string name = "k-" + std::to_string(i);
        if (aisOwningTarget(m_smap, m_bucket, name)->id != m_hot)
            continue;
        m_client->putObject(m_bucket, name, std::string(4096, char('a' + i % 26)));
        ++stored;
    }
    QCOMPARE(stored, 300);
}

void TestClusterStats::everyTargetAnswers()
{
    const auto stats = pollNodeStats(*m_client, m_smap, true);
    QCOMPARE(stats.size(), m_smap.targets.size() + m_smap.proxies.size());
    for (const AisNodeStats &s : stats) {
        QVERIFY2(s.answered, s.error.c_str());
        QVERIFY(!s.version.empty());
        QVERIFY(s.memUsed > 0);
        QVERIFY(s.uptimeNs > 0);
        if (s.type == "target") {
            QVERIFY(s.capacityUsed > 0 && s.capacityAvail > 0);
            QVERIFY(s.capacityPercent > 0 && s.capacityPercent <= 100);
        }
    }
}

void TestClusterStats::aNodeThatDoesNotAnswerIsReported()
{
    AisClusterMap smap = m_smap;
    AisNode ghost = smap.targets.front();
    ghost.id = "nosuchnode1";
    smap.targets.push_back(ghost);
    const auto stats = pollNodeStats(*m_client, smap);
    QCOMPARE(stats.size(), smap.targets.size());
    QVERIFY(!stats.back().answered);
    QVERIFY2(stats.back().error.find("nosuchnode1") != std::string::npos, stats.back().error.c_str());
    for (std::size_t i = 0; i + 1 < stats.size(); ++i)
        QVERIFY2(stats[i].answered, stats[i].error.c_str());
    const AisClusterRates r = clusterRates(stats, stats);
    QCOMPARE(r.unanswered, 1);
    QCOMPARE(r.targets.size(), smap.targets.size());
}

void TestClusterStats::benchFindsTheHotTarget()
{
    if (m_smap.targets.size() < 2)
        QSKIP("a hot target needs several targets (scripts/cluster-start.sh --targets 3)");
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("AIS_ENDPOINT"), QString::fromStdString(clustertest::endpoint()));
    const CliRun r = runCli(QStringLiteral(SHARDSCOPE_CLI_PATH),
                            {QStringLiteral("bench"), QString::fromStdString("ais://" + m_bucket + "/"),
                             QStringLiteral("--epochs"), QStringLiteral("1"), QStringLiteral("--workers"),
                             QStringLiteral("4"), QStringLiteral("--cluster-stats"), QStringLiteral("--json"),
                             QStringLiteral("--series")},
                            env);
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    const auto j = nlohmann::json::parse(r.out.toStdString());
    QCOMPARE(j["items"].get<int>(), 300);
    const auto &c = j["cluster"];
    QCOMPARE(c["targets"].size(), m_smap.targets.size());
    std::uint64_t hotGets = 0, otherGets = 0;
    for (const auto &t : c["targets"]) {
        QVERIFY2(t["answered"].get<bool>(), t.dump().c_str());
        for (const char *k : {"get_n", "get_bytes", "get_per_s", "mb_per_s", "mean_latency_ms", "cpu_percent",
                              "disk_util_percent", "errors"})
            QVERIFY2(t.contains(k), k);
        (t["id"] == m_hot ? hotGets : otherGets) += t["get_n"].get<std::uint64_t>();
        if (t["id"] == m_hot) {
            QCOMPARE(t["get_bytes"].get<std::uint64_t>(), std::uint64_t(300 * 4096));
            QVERIFY(t["mean_latency_ms"].get<double>() > 0);
        }
    }
    QCOMPARE(hotGets, std::uint64_t(300));
    QCOMPARE(otherGets, std::uint64_t(0));
    // All GETs on one of N targets: max / mean = N.
    QCOMPARE(c["imbalance"].get<double>(), double(m_smap.targets.size()));
    QCOMPARE(QString::fromStdString(j["verdict"]["bound"].get<std::string>()), QStringLiteral("hot-target"));
    QVERIFY(j["verdict"]["explanation"].get<std::string>().find(m_hot) != std::string::npos);
    QVERIFY(j["verdict"]["explanation"].get<std::string>().find("placement") != std::string::npos);
    // The series carries the cluster per point, and its GETs add up.
    std::size_t withCluster = 0;
    for (const auto &p : j["series"])
        withCluster += p.contains("cluster");
    QVERIFY(withCluster > 0);
}

void TestClusterStats::slowTargetIsNotPlacement()
{
    // A slow disk cannot be made on this machine: the rates are built by hand.
    BenchResult r;
    r.items = r.requests = 3000;
    r.wireBytes = 3000 * 4096;
    r.seconds = 10;
    AisClusterRates c;
    for (const char *id : {"t1", "t2", "t3"}) {
        AisTargetRates t;
        t.id = id;
        t.answered = true;
        t.getN = 1000;
        t.meanLatencyMs = std::string(id) == "t2" ? 9.0 : 1.0;
        c.targets.push_back(t);
        c.getN += t.getN;
    }
    c.imbalance = 1.0;
    const Verdict v = judgeWithCluster(r, c, 2);
    QCOMPARE(QString::fromStdString(v.bound), QStringLiteral("slow-target"));
    QVERIFY2(v.explanation.find("t2") != std::string::npos, v.explanation.c_str());
    QVERIFY2(v.explanation.find("not placement") != std::string::npos, v.explanation.c_str());
    // Errors by target come first.
    c.targets[0].errors = 4;
    c.errors = 4;
    const Verdict e = judgeWithCluster(r, c, 2);
    QCOMPARE(QString::fromStdString(e.bound), QStringLiteral("cluster-errors"));
    QVERIFY2(e.explanation.find("t1: 4") != std::string::npos, e.explanation.c_str());
}

void TestClusterStats::cleanupTestCase()
{
    if (m_client && !m_bucket.empty()) {
        try {
            m_client->destroyBucket(m_bucket);
        } catch (const Error &) {
        }
    }
}

QTEST_GUILESS_MAIN(TestClusterStats)
#include "test_cluster_stats.moc"
