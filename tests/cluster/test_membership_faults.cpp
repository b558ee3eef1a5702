// The loader while the cluster's membership changes in the middle of an
// epoch of direct reads: a target put into maintenance (AIStore rebalances
// its objects away), a target killed and started again, a new target joining
// (rebalance). Every object is delivered exactly once with the right bytes,
// or the epoch ends with an error naming the object: no endless retry, no
// hang. Direct reads follow the new cluster map afterwards instead of going
// to the old owner. Changes the cluster: label faults, RUN_SERIAL, and only
// on a cluster the tests own (AIS_CLUSTER_DIR, see cluster_fixture.h).

#include "cluster_fixture.h"

#include "core/data/loader.h"
#include "core/gen/dataset_generator.h"
#include "core/storage/ais_cluster_stats.h"
#include "core/storage/ais_hrw.h"
#include "core/storage/store_factory.h"
#include "core/util/error.h"

#include <QTest>

#include <map>
#include <thread>
#include <xxhash.h>

using namespace shardscope;
using namespace std::chrono_literals;

namespace {

std::uint64_t hashOf(const std::string &s)
{
    return XXH3_64bits(s.data(), s.size());
}

struct Epoch
{
    std::map<std::string, int> seen;
    std::vector<std::string> wrongBytes;
    std::string error; // what ended the epoch early, if anything
    std::string changeOutput;
    int changeExit = 0;
};

} // namespace

class TestMembershipFaults : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void maintenanceDuringEpoch();
    void killedAndRestartedDuringEpoch();
    void targetJoinsDuringEpoch();
    void cleanupTestCase();

private:
    StoreOptions storeOptions() const;
    // Reads every object once with 4 workers; after `after` items runs
    // `change` on another thread while the epoch goes on.
    Epoch epoch(std::size_t after, const std::function<int(std::string *)> &change);
    void checkEpoch(const Epoch &e, const char *what, bool mustComplete);
    int script(const std::vector<std::string> &args, std::string *out = nullptr);
    std::unique_ptr<AisClient> m_client;
    std::string m_bucket;
    std::vector<std::string> m_names;
    std::map<std::string, std::uint64_t> m_hash;
};

StoreOptions TestMembershipFaults::storeOptions() const
{
    StoreOptions o;
    o.endpoint = clustertest::endpoint();
    o.http.connectTimeout = 1500ms;
    o.http.readTimeout = 10s;
    o.retry.maxAttempts = 10;
    o.retry.initialBackoff = 200ms;
    o.retry.maxBackoff = 2s;
    o.retry.budget = 60s;
    return o;
}

int TestMembershipFaults::script(const std::vector<std::string> &args, std::string *out)
{
    std::string text;
    const int rc = clustertest::clusterNode(args, &text);
    if (rc != 0)
        qWarning("cluster-node.sh %s: exit %d: %s", args.front().c_str(), rc, text.c_str());
    if (out)
        *out = text;
    return rc;
}

void TestMembershipFaults::initTestCase()
{
    const std::string why = clustertest::unreachableReason();
    QVERIFY2(why.empty(), why.c_str());
    const std::string helpers = clustertest::processHelpersUnavailable();
    QVERIFY2(helpers.empty(), helpers.c_str());
    m_client = clustertest::client();
    if (m_client->clusterMap().targets.size() < 3)
        QSKIP("membership changes need 3 targets (scripts/cluster-start.sh --targets 3)");
    m_bucket = clustertest::uniqueBucket("ss-members");
    m_client->createBucket(m_bucket);
    for (int i = 0; i < 1500; ++i) {
        const std::string name = "o/" + std::to_string(10000 + i) + (i % 100 == 3 ? " ünï.bin" : ".bin");
        const std::string data = randomPayload(21, static_cast<std::uint64_t>(i), 2048);
        m_client->putObject(m_bucket, name, data);
        m_names.push_back(name);
        m_hash[name] = hashOf(data);
    }
}

Epoch TestMembershipFaults::epoch(std::size_t after, const std::function<int(std::string *)> &change)
{
    Epoch e;
    LoaderOptions opts;
    opts.workers = 4;
    opts.prefetch = 16;
    const StoreOptions so = storeOptions();
    Loader loader(
        Loader::Mode::Objects, [so] { return openStore(parseStoreUrl("ais://"), so).store; }, m_bucket,
        m_names, opts);
    std::thread changer;
    LoaderItem item;
    std::size_t n = 0;
    try {
        while (loader.next(item)) {
            if (hashOf(item.bytes) != m_hash[item.name])
                e.wrongBytes.push_back(item.name);
            ++e.seen[item.name];
            if (++n == after)
                changer = std::thread([&] { e.changeExit = change(&e.changeOutput); });
            // A consumer that trains: the epoch lasts while the cluster changes.
            std::this_thread::sleep_for(10ms);
        }
    } catch (const Error &err) {
        e.error = err.what();
    }
    if (changer.joinable())
        changer.join();
    return e;
}

void TestMembershipFaults::checkEpoch(const Epoch &e, const char *what, bool mustComplete)
{
    QVERIFY2(e.changeExit == 0, e.changeOutput.c_str());
    std::string wrong;
    for (const auto &w : e.wrongBytes)
        wrong += w + "\n";
    QVERIFY2(e.wrongBytes.empty(), ("wrong bytes: " + wrong).c_str());
    for (const auto &[name, n] : e.seen)
        QVERIFY2(n == 1, name.c_str());
    if (e.error.empty()) {
        qInfo("%s: every one of %zu objects delivered once with the right bytes", what, m_names.size());
        QCOMPARE(e.seen.size(), m_names.size());
        return;
    }
    qInfo("%s: the epoch ended after %zu of %zu objects: %s", what, e.seen.size(), m_names.size(),
          e.error.c_str());
    QVERIFY2(!mustComplete, e.error.c_str());
    QVERIFY2(e.error.find("ais://" + m_bucket + "/o/") != std::string::npos, e.error.c_str());
}

void TestMembershipFaults::maintenanceDuringEpoch()
{
    const auto procs = clustertest::targets();
    QVERIFY(procs.size() >= 3);
    const clustertest::TargetProcess leaving = procs[2];
    // A reader that knows the map from before: reads an object of the leaving target.
    AisOptions ao = clustertest::options();
    AisClient reader(ao);
    const AisClusterMap before = m_client->clusterMap();
    std::string probe;
    for (const auto &n : m_names)
        if (aisOwningTarget(before, m_bucket, n)->id == leaving.id) {
            probe = n;
            break;
        }
    QVERIFY(!probe.empty());
    QVERIFY(hashOf(reader.getObject(m_bucket, probe)) == m_hash[probe]);
    const std::uint64_t changesBefore = reader.mapChanges();

    const Epoch e = epoch(300, [&](std::string *out) {
        return clustertest::clusterNode({"maintenance-start", std::to_string(leaving.index)}, out);
    });
    checkEpoch(e, "maintenance", true);
    QCOMPARE(script({"wait-rebalance"}), 0);

    // The reader follows the new map: the object comes from its new owner.
    const AisClusterMap now = m_client->clusterMap();
    const AisNode *owner = aisOwningTarget(now, m_bucket, probe);
    QVERIFY(owner && owner->id != leaving.id);
    const auto s0 = pollNodeStats(*m_client, now);
    QVERIFY(hashOf(reader.getObject(m_bucket, probe)) == m_hash[probe]);
    const auto s1 = pollNodeStats(*m_client, now);
    QVERIFY(reader.mapChanges() > changesBefore);
    for (std::size_t i = 0; i < s0.size(); ++i) {
        if (s0[i].id == leaving.id)
            QCOMPARE(s1[i].getN, s0[i].getN);
        if (s0[i].id == owner->id)
            QVERIFY(s1[i].getN > s0[i].getN);
    }

    QCOMPARE(script({"maintenance-stop", std::to_string(leaving.index)}), 0);
    QCOMPARE(script({"wait-rebalance"}), 0);
}

void TestMembershipFaults::killedAndRestartedDuringEpoch()
{
    const auto procs = clustertest::targets();
    QVERIFY(procs.size() >= 3);
    const std::string index = std::to_string(procs[1].index);
    const Epoch e = epoch(300, [&](std::string *out) {
        std::string a, b;
        int rc = clustertest::clusterNode({"kill", index}, &a);
        std::this_thread::sleep_for(3s);
        if (rc == 0)
            rc = clustertest::clusterNode({"start", index}, &b);
        *out = a + b;
        return rc;
    });
    checkEpoch(e, "kill and restart", false);
    // The cluster is whole again and serves every object.
    const std::string why = clustertest::unreachableReason();
    QVERIFY2(why.empty(), why.c_str());
    auto c = clustertest::client();
    for (std::size_t i = 0; i < m_names.size(); i += 50)
        QVERIFY2(hashOf(c->getObject(m_bucket, m_names[i])) == m_hash[m_names[i]], m_names[i].c_str());
}

void TestMembershipFaults::targetJoinsDuringEpoch()
{
    std::string joined;
    const Epoch e = epoch(300, [&](std::string *out) {
        const int rc = clustertest::clusterNode({"add"}, out);
        // The last line of stdout is the new target's index.
        const auto nl = out->find('\n');
        joined = out->substr(0, nl);
        return rc;
    });
    checkEpoch(e, "join", true);
    QVERIFY2(!joined.empty() && std::isdigit(static_cast<unsigned char>(joined[0])), e.changeOutput.c_str());
    QCOMPARE(script({"wait-rebalance"}), 0);
    // Every object is where the new map says and reads right.
    const AisClusterMap now = m_client->clusterMap();
    std::size_t onNew = 0;
    const clustertest::TargetProcess added = [&] {
        for (auto &t : clustertest::targets())
            if (std::to_string(t.index) == joined)
                return t;
        return clustertest::TargetProcess{};
    }();
    for (const auto &n : m_names)
        onNew += aisOwningTarget(now, m_bucket, n)->id == added.id;
    QVERIFY(onNew > 0);
    QCOMPARE(clustertest::objectsOnTarget(added, m_bucket).size(), onNew);
    // Leave the cluster as it was.
    QCOMPARE(script({"remove", joined}), 0);
    QCOMPARE(script({"wait-rebalance"}), 0);
}

void TestMembershipFaults::cleanupTestCase()
{
    if (m_client && !m_bucket.empty()) {
        try {
            m_client->destroyBucket(m_bucket);
        } catch (const Error &) {
        }
    }
}

QTEST_GUILESS_MAIN(TestMembershipFaults)
#include "test_membership_faults.moc"
