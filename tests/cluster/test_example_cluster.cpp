// The C++ example program builds and runs against the cluster: batches of
// image tensors from WebDataset shards, and torch::data::make_data_loader
// over plain objects.

#include "cli_runner.h"
#include "cluster_fixture.h"

#include "core/gen/dataset_generator.h"

#include <QTest>

using namespace shardscope;

class TestExampleCluster : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void shardBatches();
    void objectBatchesThroughTorchDataLoader();
    void badUrlFailsClearly();
    void cleanupTestCase();

private:
    CliRun run(const QStringList &args);
    std::unique_ptr<AisClient> m_client;
    std::string m_bucket;
};

CliRun TestExampleCluster::run(const QStringList &args)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("AIS_ENDPOINT"), QString::fromStdString(clustertest::endpoint()));
    return runCli(QStringLiteral(SHARDSCOPE_EXAMPLE_PATH), args, env);
}

void TestExampleCluster::initTestCase()
{
    const std::string why = clustertest::unreachableReason();
    QVERIFY2(why.empty(), why.c_str());
    m_client = clustertest::client();
    m_bucket = clustertest::uniqueBucket("ss-example");
    m_client->createBucket(m_bucket);
    SampleSpec spec;
    spec.extensions = {"png", "cls"};
    spec.imageSize = 24;
    for (int s = 0; s < 2; ++s) {
        std::vector<std::pair<std::string, std::string>> members;
        for (int k = 0; k < 25; ++k)
            for (auto &[ext, bytes] : generateSample(spec, static_cast<std::uint64_t>(s * 25 + k)))
                members.emplace_back("k" + std::to_string(s * 25 + k) + "." + ext, std::move(bytes));
        m_client->putObject(m_bucket, "shards/s" + std::to_string(s) + ".tar", writeArchive(ShardFormat::Tar, members));
    }
    for (int i = 0; i < 20; ++i)
        m_client->putObject(m_bucket, "objs/o" + std::to_string(i) + ".bin", randomPayload(1, static_cast<std::uint64_t>(i), 256));
}

void TestExampleCluster::shardBatches()
{
    const CliRun r = run({QString::fromStdString("ais://" + m_bucket + "/shards/"), QStringLiteral("--batch"),
                          QStringLiteral("16"), QStringLiteral("--workers"), QStringLiteral("2")});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    const QString out = QString::fromUtf8(r.out);
    QVERIFY2(out.contains(QLatin1String("batch 0: images [16, 24, 24, 3] Byte, labels [16] Long")), qPrintable(out));
    QVERIFY2(out.contains(QLatin1String("batch 3: images [2, 24, 24, 3] Byte")), qPrintable(out)); // 50 = 3 x 16 + 2
    QVERIFY2(out.endsWith(QLatin1String("4 batches\n")), qPrintable(out));
}

void TestExampleCluster::objectBatchesThroughTorchDataLoader()
{
    const CliRun r = run({QString::fromStdString("ais://" + m_bucket + "/objs/"), QStringLiteral("--objects"),
                          QStringLiteral("--batch"), QStringLiteral("8"), QStringLiteral("--workers"),
                          QStringLiteral("2")});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    const QString out = QString::fromUtf8(r.out);
    QVERIFY2(out.contains(QLatin1String("data [8, 256] Byte, target [8] Long")), qPrintable(out));
    QVERIFY2(out.endsWith(QLatin1String("3 batches\n")), qPrintable(out));
}

void TestExampleCluster::badUrlFailsClearly()
{
    const CliRun r = run({QStringLiteral("ais://no such bucket/")});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains(QLatin1String("contains ' '")), qPrintable(r.err));
}

void TestExampleCluster::cleanupTestCase()
{
    if (m_client && !m_bucket.empty())
        m_client->destroyBucket(m_bucket);
}

QTEST_GUILESS_MAIN(TestExampleCluster)
#include "test_example_cluster.moc"
