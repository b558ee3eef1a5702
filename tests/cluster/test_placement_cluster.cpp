// Direct reads on a cluster of several targets: after an epoch read straight
// from the owning targets, every target's own GET counter (node_status
// tracker get.n) rose by exactly the number of objects stored under its
// mountpaths, and the proxy redirected nothing. 10,000+ objects, with unicode
// names, names with spaces and names longer than a file name may be.
// Reads the cluster's counters: runs alone (RUN_SERIAL).

#include "cli_runner.h"
#include "cluster_fixture.h"

#include "core/storage/ais_client.h"
#include "core/storage/ais_cluster_stats.h"
#include "core/storage/ais_hrw.h"
#include "core/util/error.h"

#include <QTest>

#include <nlohmann/json.hpp>

#include <map>
#include <set>
#include <thread>

using namespace shardscope;

class TestPlacementCluster : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void everyObjectLivesOnTheTargetTheMapNames();
    void directEpochCountsOnTheOwningTargets();
    void cleanupTestCase();

private:
    std::map<std::string, std::uint64_t> getCounts(); // node id -> get.n, proxies included
    std::unique_ptr<AisClient> m_client;
    std::string m_bucket;
    std::vector<std::string> m_names;
    std::map<std::string, std::size_t> m_stored; // target id -> objects under its mountpaths
};

void TestPlacementCluster::initTestCase()
{
    const std::string why = clustertest::unreachableReason();
    QVERIFY2(why.empty(), why.c_str());
    m_client = clustertest::client();
    if (m_client->clusterMap().targets.size() < 2)
        QSKIP("placement needs a cluster of several targets (scripts/cluster-start.sh --targets 3)");
    const std::string helpers = clustertest::processHelpersUnavailable();
    QVERIFY2(helpers.empty(), helpers.c_str());
    // A test before may have restarted or killed a target: objects written
    // during its rebalance would sit where the next map no longer puts them.
    std::string settled;
    QVERIFY2(clustertest::clusterNode({"wait-settled"}, &settled) == 0, settled.c_str());

    m_bucket = clustertest::uniqueBucket("ss-place");
    m_client->createBucket(m_bucket);
    for (int i = 0; i < 10000; ++i)
        m_names.push_back("plain/o-" + std::to_string(100000 + i));
    for (int i = 0; i < 100; ++i) {
        m_names.push_back("unicode/données-ñandú-" + std::to_string(i) + "-日本語.bin");
        m_names.push_back("spaces/a name with spaces " + std::to_string(i) + ".txt");
        // Longer than a file name (255 bytes): AIStore stores it under a short name.
        m_names.push_back("long/" + std::string(300, char('a' + i % 26)) + "-" + std::to_string(i));
    }
    // Four uploaders, each with its own client (a client is one thread's).
    std::vector<std::thread> threads;
    std::vector<std::string> errors(4);
    for (int t = 0; t < 4; ++t)
        threads.emplace_back([this, t, &errors] {
            try {
                auto c = clustertest::client();
                for (std::size_t i = t; i < m_names.size(); i += 4)
                    c->putObject(m_bucket, m_names[i], std::to_string(i));
            } catch (const std::exception &e) {
                errors[t] = e.what();
            }
        });
    for (auto &th : threads)
        th.join();
    for (const auto &e : errors)
        QVERIFY2(e.empty(), e.c_str());
}

std::map<std::string, std::uint64_t> TestPlacementCluster::getCounts()
{
    std::map<std::string, std::uint64_t> n;
    for (const AisNodeStats &s : pollNodeStats(*m_client, m_client->clusterMap(), true)) {
        if (!s.answered)
            qWarning("node %s did not answer: %s", s.id.c_str(), s.error.c_str());
        n[s.id] = s.getN;
    }
    return n;
}

void TestPlacementCluster::everyObjectLivesOnTheTargetTheMapNames()
{
    // Ground truth: the files under each target's mountpaths.
    std::size_t total = 0;
    const auto procs = clustertest::targets();
    QVERIFY(procs.size() >= 2);
    for (const auto &t : procs) {
        const std::size_t n = clustertest::objectsOnTarget(t, m_bucket).size();
        m_stored[t.id] = n;
        total += n;
        QVERIFY2(n > 0, qPrintable(QStringLiteral("target %1 stores nothing of 10,300 objects")
                                       .arg(QString::fromStdString(t.id))));
    }
    QCOMPARE(total, m_names.size());
    // What the client computes from the map (HRW) is where the cluster put them.
    const AisClusterMap smap = m_client->clusterMap();
    std::map<std::string, std::size_t> computed;
    for (const auto &name : m_names) {
        const AisNode *owner = aisOwningTarget(smap, m_bucket, name);
        QVERIFY(owner);
        ++computed[owner->id];
    }
    for (const auto &[id, n] : m_stored)
        QCOMPARE(computed[id], n);
    // A target with 2 mountpaths uses both.
    for (const auto &t : procs)
        if (t.mountpaths.size() > 1)
            for (const auto &mp : t.mountpaths) {
                clustertest::TargetProcess one = t;
                one.mountpaths = {mp};
                QVERIFY2(!clustertest::objectsOnTarget(one, m_bucket).empty(), mp.c_str());
            }
}

void TestPlacementCluster::directEpochCountsOnTheOwningTargets()
{
    if (m_stored.empty())
        everyObjectLivesOnTheTargetTheMapNames();
    const auto before = getCounts();
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("AIS_ENDPOINT"), QString::fromStdString(clustertest::endpoint()));
    const CliRun r = runCli(QStringLiteral(SHARDSCOPE_CLI_PATH),
                            {QStringLiteral("bench"), QString::fromStdString("ais://" + m_bucket + "/"),
                             QStringLiteral("--epochs"), QStringLiteral("1"), QStringLiteral("--workers"),
                             QStringLiteral("4"), QStringLiteral("--json")},
                            env, 240000);
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    const auto j = nlohmann::json::parse(r.out.toStdString());
    QCOMPARE(j["items"].get<std::uint64_t>(), std::uint64_t(m_names.size()));
    QCOMPARE(j["errors"].get<std::uint64_t>(), std::uint64_t(0));
    const auto after = getCounts();
    const AisClusterMap smap = m_client->clusterMap();
    for (const auto &t : smap.targets)
        QVERIFY2(after.at(t.id) - before.at(t.id) == m_stored.at(t.id),
                 qPrintable(QStringLiteral("target %1: get.n rose by %2, it stores %3 objects")
                                .arg(QString::fromStdString(t.id))
                                .arg(after.at(t.id) - before.at(t.id))
                                .arg(m_stored.at(t.id))));
    // Direct reads: the proxy redirected no GET.
    for (const auto &p : smap.proxies)
        QCOMPARE(after.at(p.id) - before.at(p.id), std::uint64_t(0));
}

void TestPlacementCluster::cleanupTestCase()
{
    if (m_client && !m_bucket.empty()) {
        try {
            m_client->destroyBucket(m_bucket);
        } catch (const Error &) {
        }
    }
}

QTEST_GUILESS_MAIN(TestPlacementCluster)
#include "test_placement_cluster.moc"
