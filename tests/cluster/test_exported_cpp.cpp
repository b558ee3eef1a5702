// The C++ program exported for a dataset config (built from
// export_example_config.json by the build) runs against the cluster and reads
// exactly the batches `shardscope-cli batches` forms for the same config.

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
    QCOMPARE(QString::fromStdString(theirs.dump()), QString::fromStdString(ours.dump()));
    QVERIFY(theirs.size() >= 4); // 9 non-empty objects, one oversized, under a 10 kB budget
    QVERIFY2(!QString::fromStdString(theirs.dump()).contains(QLatin1String("val/")), theirs.dump().c_str());
}

void TestExportedCpp::cleanupTestCase()
{
    if (m_client && m_client->bucketExists(m_bucket))
        m_client->destroyBucket(m_bucket);
}

QTEST_GUILESS_MAIN(TestExportedCpp)
#include "test_exported_cpp.moc"
