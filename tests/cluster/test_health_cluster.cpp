// Dataset health on the real cluster: the demo's planted defects are what
// `lint` reports, purpose-built broken shards in an AIStore bucket are found
// with their shard and member, a clean bucket reports nothing, --fail-on
// gates the exit code, and DALI indexes stored beside the shards are checked
// with range GETs against the cluster.

#include "cli_runner.h"
#include "cluster_fixture.h"
#include "raw_tar.h"

#include "core/gen/dataset_generator.h"
#include "core/health/dali_index.h"
#include "core/health/lint_input.h"
#include "core/storage/store_factory.h"
#include "core/util/strings.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

using namespace shardscope;

namespace {
using Members = std::vector<std::pair<std::string, std::string>>;

Members samples(int first, int count, std::size_t jpgBytes = 100)
{
    Members m;
    for (int i = first; i < first + count; ++i) {
        const std::string key = "s" + std::to_string(i);
        m.emplace_back(key + ".jpg", randomPayload(5, static_cast<std::uint64_t>(i), jpgBytes));
        m.emplace_back(key + ".cls", std::to_string(i % 3));
    }
    return m;
}

Members operator+(Members a, const Members &b)
{
    a.insert(a.end(), b.begin(), b.end());
    return a;
}

QSet<QString> kindsAtLeastWarning(const QJsonObject &report)
{
    QSet<QString> k;
    for (const auto &v : report.value(QStringLiteral("findings")).toArray())
        if (v.toObject().value(QStringLiteral("severity")).toString() != QLatin1String("info"))
            k.insert(v.toObject().value(QStringLiteral("kind")).toString());
    return k;
}

QJsonObject finding(const QJsonObject &report, const QString &kind)
{
    for (const auto &v : report.value(QStringLiteral("findings")).toArray())
        if (v.toObject().value(QStringLiteral("kind")).toString() == kind)
            return v.toObject();
    return {};
}
} // namespace

class TestHealthCluster : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void demoDefectsAreFound();
    void brokenShards_data();
    void brokenShards();
    void cleanBucketReportsNothing();
    void daliIndexBesideTheShards();
    void cleanupTestCase();

private:
    CliRun cli(const QStringList &args);
    QString url(const QString &path) const
    {
        return QStringLiteral("ais://") + QString::fromStdString(m_bucket) + QLatin1Char('/') + path;
    }
    void put(const std::string &name, const std::string &bytes) { m_store->putBytes(m_bucket, name, bytes); }
    std::unique_ptr<AisClient> m_client;
    std::unique_ptr<Store> m_store;
    std::string m_bucket;
    QTemporaryDir m_dir;
};

CliRun TestHealthCluster::cli(const QStringList &args)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("AIS_ENDPOINT"), QString::fromStdString(clustertest::endpoint()));
    env.insert(QStringLiteral("SHARDSCOPE_DATA_DIR"), m_dir.filePath(QStringLiteral("data")));
    return runCli(QStringLiteral(SHARDSCOPE_CLI_PATH), args, env);
}

void TestHealthCluster::initTestCase()
{
    const std::string why = clustertest::unreachableReason();
    QVERIFY2(why.empty(), why.c_str());
    m_client = clustertest::client();
    m_bucket = clustertest::uniqueBucket("h-health");
    StoreOptions o;
    o.endpoint = clustertest::endpoint();
    m_store = openStore(parseStoreUrl("ais://" + m_bucket), o).store;
    m_store->createBucket(m_bucket);
}

void TestHealthCluster::demoDefectsAreFound()
{
    const CliRun gen = cli({QStringLiteral("gen"), url(QStringLiteral("demo/")), QStringLiteral("--demo"),
                            QStringLiteral("--defects"), QStringLiteral("--shards"), QStringLiteral("4"),
                            QStringLiteral("--samples"), QStringLiteral("12")});
    QVERIFY2(gen.exitCode == 0, qPrintable(gen.err));
    const CliRun run = cli({QStringLiteral("lint"), url(QStringLiteral("demo/train/")),
                            QStringLiteral("--json"), QStringLiteral("--fail-on"), QStringLiteral("error")});
    QVERIFY2(run.exitCode == 3, qPrintable(run.err)); // errors were found
    const QJsonObject r = QJsonDocument::fromJson(run.out).object();
    // The three planted defects (gen --demo --defects, README), and nothing else worse than info.
    QCOMPARE(kindsAtLeastWarning(r),
             (QSet<QString>{QStringLiteral("unreadable_shard"), QStringLiteral("missing_extension"),
                            QStringLiteral("split_sample")}));
    auto first = [&](const QString &kind) {
        return finding(r, kind).value(QStringLiteral("examples")).toArray().at(0).toObject();
    };
    QCOMPARE(first(QStringLiteral("unreadable_shard")).value(QStringLiteral("shard")).toString(),
             QStringLiteral("demo/train/shard-00001.tar"));
    QCOMPARE(first(QStringLiteral("missing_extension")).value(QStringLiteral("shard")).toString(),
             QStringLiteral("demo/train/shard-00000.tar"));
    QVERIFY(first(QStringLiteral("missing_extension"))
                .value(QStringLiteral("detail"))
                .toString()
                .contains(QStringLiteral("has no .cls")));
    QCOMPARE(first(QStringLiteral("split_sample")).value(QStringLiteral("shard")).toString(),
             QStringLiteral("demo/train/shard-00002.tar"));
    QCOMPARE(r.value(QStringLiteral("totals")).toObject().value(QStringLiteral("shards")).toInt(), 4);
    // The advice carries a dsort spec for this bucket.
    const QJsonObject spec =
        r.value(QStringLiteral("advice")).toObject().value(QStringLiteral("dsort_spec")).toObject();
    QCOMPARE(spec.value(QStringLiteral("input_bck")).toObject().value(QStringLiteral("name")).toString(),
             QString::fromStdString(m_bucket));
    QCOMPARE(
        spec.value(QStringLiteral("input_format")).toObject().value(QStringLiteral("template")).toString(),
        QStringLiteral("demo/train/shard-{00000..00003}"));
}

void TestHealthCluster::brokenShards_data()
{
    QTest::addColumn<QString>("prefix");
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("shard");
    QTest::addColumn<QString>("member");
    QTest::newRow("split_sample") << "split/"
                                  << "split_sample"
                                  << "split/a.tar"
                                  << "s1.jpg";
    QTest::newRow("duplicate_key") << "dupkey/"
                                   << "duplicate_key"
                                   << "dupkey/b.tar"
                                   << "s2.jpg";
    QTest::newRow("key_rule_mismatch") << "dots/"
                                       << "key_rule_mismatch"
                                       << "dots/a.tar"
                                       << "s1.seg.png";
    QTest::newRow("non_utf8_name") << "utf/"
                                   << "non_utf8_name"
                                   << "utf/a.tar"
                                   << "s\\xfe.jpg";
    // Samples of 3584 bytes (2000-byte .jpg): the cut at 18532 falls in the 6th sample's .jpg data.
    QTest::newRow("unreadable_shard") << "cut/"
                                      << "unreadable_shard"
                                      << "cut/b.tar"
                                      << "s15.jpg";
}

void TestHealthCluster::brokenShards()
{
    QFETCH(QString, prefix);
    QFETCH(QString, kind);
    QFETCH(QString, shard);
    QFETCH(QString, member);
    const std::string p = prefix.toStdString();
    if (kind == QLatin1String("split_sample")) {
        put(p + "a.tar", rawTar(samples(0, 4) + Members{{"s1.jpg", "x"}, {"s1.cls", "1"}}));
    } else if (kind == QLatin1String("duplicate_key")) {
        put(p + "a.tar", rawTar(samples(0, 3)));
        put(p + "b.tar", rawTar(samples(2, 3)));
    } else if (kind == QLatin1String("key_rule_mismatch")) {
        put(p + "a.tar",
            rawTar(samples(0, 1) + Members{{"s1.jpg", "j"}, {"s1.cls", "1"}, {"s1.seg.png", "p"}} +
                   samples(2, 2)));
    } else if (kind == QLatin1String("non_utf8_name")) {
        put(p + "a.tar", rawTar(samples(0, 2) + Members{{"s\xfe.jpg", "j"}, {"s\xfe.cls", "1"}}));
    } else {
        put(p + "a.tar", rawTar(samples(0, 3)));
        std::string cut = rawTar(samples(10, 10, 2000));
        cut.resize(cut.size() / 2 + 100);
        put(p + "b.tar", cut);
    }
    StoreOptions o;
    o.endpoint = clustertest::endpoint();
    LintOptions lo;
    lo.workers = 1; // examples in listing order
    lo.minShardBytes = 0;
    const LintReport r = lintDataset(lintInputFromUrl(url(prefix).toStdString(), o), lo);
    QCOMPARE(r.findings.size(), std::size_t(1));
    QCOMPARE(QString::fromLatin1(findingKindName(r.findings[0].kind)), kind);
    QCOMPARE(QString::fromStdString(escapeName(r.findings[0].examples.at(0).shard)), shard);
    QCOMPARE(QString::fromStdString(escapeName(r.findings[0].examples.at(0).member)), member);
    if (kind == QLatin1String("unreadable_shard"))
        QVERIFY2(QString::fromStdString(r.findings[0].examples[0].detail).contains(url(shard)),
                 r.findings[0].examples[0].detail.c_str());
}

void TestHealthCluster::cleanBucketReportsNothing()
{
    put("clean/shard-0.tar", rawTar(samples(0, 12, 100000)));
    put("clean/shard-1.tar", rawTar(samples(12, 12, 100000)));
    const CliRun run = cli({QStringLiteral("lint"), url(QStringLiteral("clean/")), QStringLiteral("--json"),
                            QStringLiteral("--fail-on"), QStringLiteral("info")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err + QString::fromUtf8(run.out)));
    const QJsonObject r = QJsonDocument::fromJson(run.out).object();
    QCOMPARE(r.value(QStringLiteral("findings")).toArray().size(), 0);
    QCOMPARE(r.value(QStringLiteral("totals")).toObject().value(QStringLiteral("samples")).toInt(), 24);
    QCOMPARE(r.value(QStringLiteral("extensions")).toObject().value(QStringLiteral("jpg")).toInt(), 24);
}

void TestHealthCluster::daliIndexBesideTheShards()
{
    const Members m = samples(0, 6, 3000) + Members{{"dir/" + std::string(110, 'q') + ".jpg", "long name"}};
    put("dali/shard-0.tar", writeArchive(ShardFormat::Tar, m)); // a pax header for the long name
    put("dali/shard-1.tar", rawTar(samples(6, 4, 700)));
    const CliRun run = cli({QStringLiteral("index"), url(QStringLiteral("dali/")), QStringLiteral("--dali"),
                            QStringLiteral("--put"), QStringLiteral("--verify")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QCOMPARE(run.err.count(QStringLiteral("verified")), 2);
    // The stored index, read back from the cluster, checked by range GETs there.
    const std::string idx = m_store->getBytes(m_bucket, "dali/shard-0.idx");
    QVERIFY(startsWith(idx, "v1.2 7\n"));
    const auto parsed = parseDaliIndex(idx, "dali/shard-0.idx");
    const IndexCheck check = verifyDaliIndex(*m_store, m_bucket, "dali/shard-0.tar", parsed);
    QVERIFY(check.mismatches.empty());
    QCOMPARE(check.rangeGets, std::uint64_t(13));
    // Each range holds the member's bytes, compared with what the test wrote.
    for (const auto &sample : parsed)
        for (const auto &e : sample) {
            GetRequest req;
            req.range = ByteRange{e.offset, e.offset + e.size - 1};
            const std::string got = m_store->getBytes(m_bucket, "dali/shard-0.tar", req);
            bool found = false;
            for (const auto &[name, bytes] : m)
                found |= name == e.name && bytes == got;
            QVERIFY2(found, e.name.c_str());
        }
}

void TestHealthCluster::cleanupTestCase()
{
    if (m_store && !m_bucket.empty())
        m_store->destroyBucket(m_bucket);
}

QTEST_GUILESS_MAIN(TestHealthCluster)
#include "test_health_cluster.moc"
