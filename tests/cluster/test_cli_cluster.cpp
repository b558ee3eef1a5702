#include "cli_runner.h"
#include "cluster_fixture.h"

#include "core/util/error.h"

#include <QProcess>
#include <QTest>

#include <nlohmann/json.hpp>

using namespace shardscope;

class TestCliCluster : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void lsListsBuckets();
    void lsListsObjectsAsJson();
    void lsMissingBucketFails();
    void cleanupTestCase();

private:
    using Run = CliRun;
    Run cli(const QStringList &args);

    std::unique_ptr<AisClient> m_client;
    std::string m_bucket;
};

TestCliCluster::Run TestCliCluster::cli(const QStringList &args)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("AIS_ENDPOINT"), QString::fromStdString(clustertest::endpoint()));
    return runCli(QStringLiteral(SHARDSCOPE_CLI_PATH), args, env);
}

void TestCliCluster::initTestCase()
{
    const std::string why = clustertest::unreachableReason();
    QVERIFY2(why.empty(), why.c_str());
    m_client = clustertest::client();
    m_bucket = clustertest::uniqueBucket("ss-cli");
    m_client->createBucket(m_bucket);
    m_client->putObject(m_bucket, "a/one.bin", std::string(1, 'x'));
    m_client->putObject(m_bucket, "a/two.bin", std::string(2048, 'y'));
    m_client->putObject(m_bucket, "b three.txt", "hello");
}

void TestCliCluster::lsListsBuckets()
{
    const Run r = cli({QStringLiteral("ls"), QStringLiteral("ais://")});
    QCOMPARE(r.exitCode, 0);
    const QStringList lines = QString::fromUtf8(r.out).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QVERIFY2(lines.contains(QString::fromStdString("ais://" + m_bucket)), r.out.constData());
}

void TestCliCluster::lsListsObjectsAsJson()
{
    const Run r = cli({QStringLiteral("ls"), QString::fromStdString("ais://" + m_bucket), QStringLiteral("--json")});
    QCOMPARE(r.exitCode, 0);
    const auto j = nlohmann::json::parse(r.out.toStdString());
    QVERIFY(j.is_array());
    QCOMPARE(j.size(), size_t(3));
    QCOMPARE(QString::fromStdString(j[0]["name"].get<std::string>()), QStringLiteral("a/one.bin"));
    QCOMPARE(j[0]["size"].get<int>(), 1);
    QCOMPARE(j[1]["size"].get<int>(), 2048);
    QCOMPARE(QString::fromStdString(j[2]["name"].get<std::string>()), QStringLiteral("b three.txt"));

    const Run prefixed = cli({QStringLiteral("ls"), QString::fromStdString("ais://" + m_bucket + "/a/")});
    QCOMPARE(prefixed.exitCode, 0);
    const QStringList lines = QString::fromUtf8(prefixed.out).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 2);
    QVERIFY(lines[1].endsWith(QLatin1String("  a/two.bin")));
}

void TestCliCluster::lsMissingBucketFails()
{
    const std::string ghost = clustertest::uniqueBucket("ss-ghost");
    const Run r = cli({QStringLiteral("ls"), QString::fromStdString("ais://" + ghost)});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains(QString::fromStdString(ghost)) && r.err.contains(QLatin1String("does not exist")),
             qPrintable(r.err));
}

void TestCliCluster::cleanupTestCase()
{
    if (m_client && !m_bucket.empty() && m_client->bucketExists(m_bucket))
        m_client->destroyBucket(m_bucket);
}

QTEST_GUILESS_MAIN(TestCliCluster)
#include "test_cli_cluster.moc"
