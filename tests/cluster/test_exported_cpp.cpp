// The C++ program exported for a dataset config (built from
// export_example_config.json by the build) runs against the cluster and reads
// exactly the batches DynamicBatchSampler forms for the config (worked out by
// hand below), as does `shardscope-cli batches`.

#include "cli_runner.h"
#include "cluster_fixture.h"

#include "core/gen/dataset_generator.h"
#include "core/util/error.h"

#include <QTest>

#include <nlohmann/json.hpp>

using namespace shardscope;

class TestExportedCpp : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void readsTheSameBatchesAsTheCli();
    void cleanupTestCase();

private:
    std::unique_ptr<AisClient> m_client;
    const std::string m_bucket = "ss-export-example"; // named by the config
};

void TestExportedCpp::initTestCase()
{
    const std::string why = clustertest::unreachableReason();
    QVERIFY2(why.empty(), why.c_str());
    m_client = clustertest::client();
    if (m_client->bucketExists(m_bucket))
        m_client->destroyBucket(m_bucket); // left over from an interrupted run
    m_client->createBucket(m_bucket);
    const int sizes[] = {3000, 4000, 0, 12000, 5000, 5000, 9000, 1000, 2500, 7000};
    for (int i = 0; i < 10; ++i) {
        m_client->putObject(m_bucket, "train/o" + std::to_string(i), randomPayload(9, static_cast<std::uint64_t>(i), sizes[i]));
        m_client->putObject(m_bucket, "val/o" + std::to_string(i), "v");
    }
}

void TestExportedCpp::readsTheSameBatchesAsTheCli()
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("AIS_ENDPOINT"), QString::fromStdString(clustertest::endpoint()));
    const CliRun exported = runCli(QStringLiteral(SHARDSCOPE_EXPORTED_PATH), {QStringLiteral("--names")}, env);
    QVERIFY2(exported.exitCode == 0, qPrintable(exported.err));
    nlohmann::json theirs = nlohmann::json::array();
    for (const QByteArray &l : exported.out.split('\n'))
        if (!l.trimmed().isEmpty())
            theirs.push_back(nlohmann::json::parse(l.toStdString())["batch"]);
    const CliRun cli = runCli(QStringLiteral(SHARDSCOPE_CLI_PATH),
                              {QStringLiteral("batches"), QStringLiteral(SHARDSCOPE_EXPORT_CONFIG), QStringLiteral("--json")},
                              env);
    QVERIFY2(cli.exitCode == 0, qPrintable(cli.err));
    const auto ours = nlohmann::json::parse(cli.out.toStdString())["batches"];
    // By hand, with DynamicBatchSampler's rules (budget 10000, oversized
    // allowed): o0+o1 = 7000; o2 (0 bytes) skipped; o3 (12000) at once in a
    // batch of its own; o4 does not fit 7000, so o0,o1 go out; o4+o5 = 10000
    // exactly; o6+o7 = 10000; o8+o9 = 9500, the tail. No val/ object.
    const nlohmann::json expected = {{"train/o3"},
                                     {"train/o0", "train/o1"},
                                     {"train/o4", "train/o5"},
                                     {"train/o6", "train/o7"},
                                     {"train/o8", "train/o9"}};
    QCOMPARE(QString::fromStdString(theirs.dump()), QString::fromStdString(expected.dump()));
    QCOMPARE(QString::fromStdString(ours.dump()), QString::fromStdString(expected.dump()));
}

void TestExportedCpp::cleanupTestCase()
{
    if (m_client && m_client->bucketExists(m_bucket))
        m_client->destroyBucket(m_bucket);
}

QTEST_GUILESS_MAIN(TestExportedCpp)
#include "test_exported_cpp.moc"
