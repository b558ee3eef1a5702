// `gen ais://bucket --demo`: the demo data set written to a real AIStore
// bucket is the one written locally (same bytes), and its dataset config
// reads it from the cluster.

#include "cli_runner.h"
#include "cluster_fixture.h"

#include "core/config/dataset_config.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

using namespace shardscope;

class TestDemoCluster : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void demoInABucket_data();
    void demoInABucket();
    void cleanupTestCase();

private:
    CliRun cli(const QStringList &args);
    std::unique_ptr<AisClient> m_client;
    std::string m_bucket;
    QTemporaryDir m_dir;
};

CliRun TestDemoCluster::cli(const QStringList &args)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("AIS_ENDPOINT"), QString::fromStdString(clustertest::endpoint()));
    env.insert(QStringLiteral("SHARDSCOPE_DATA_DIR"), m_dir.filePath(QStringLiteral("data")));
    return runCli(QStringLiteral(SHARDSCOPE_CLI_PATH), args, env);
}

void TestDemoCluster::initTestCase()
{
    const std::string why = clustertest::unreachableReason();
    QVERIFY2(why.empty(), why.c_str());
    QVERIFY(m_dir.isValid());
    m_client = clustertest::client();
    m_bucket = clustertest::uniqueBucket("ss-demo"); // gen creates it
}

void TestDemoCluster::demoInABucket_data()
{
    QTest::addColumn<QString>("prefix"); // as given on the command line
    QTest::addColumn<QString>("folder"); // where the objects land
    QTest::newRow("bucket root") << "" << "";
    QTest::newRow("prefix without a slash") << "v1" << "v1/";
}

void TestDemoCluster::demoInABucket()
{
    QFETCH(QString, prefix);
    QFETCH(QString, folder);
    const QString bucket = QString::fromStdString(m_bucket);
    const QStringList size = {QStringLiteral("--demo"), QStringLiteral("--shards"), QStringLiteral("2"),
                              QStringLiteral("--samples"), QStringLiteral("8")};
    const QString url = QStringLiteral("ais://") + bucket + QLatin1Char('/') + prefix;
    const CliRun gen = cli(QStringList{QStringLiteral("gen"), url} + size);
    QVERIFY2(gen.exitCode == 0, qPrintable(gen.err));
    QVERIFY2(gen.err.contains(QStringLiteral("wrote 5 objects")), qPrintable(gen.err));

    QStringList names;
    for (const auto &e : m_client->listObjects(m_bucket, folder.toStdString()))
        names << QString::fromStdString(e.name);
    names.sort();
    QStringList expected = {QStringLiteral("classes.txt"), QStringLiteral("dataset.json"),
                            QStringLiteral("train/shard-00000.tar"), QStringLiteral("train/shard-00001.tar"),
                            QStringLiteral("val/shard-00000.tar")};
    for (QString &n : expected)
        n.prepend(folder);
    if (folder.isEmpty()) // the root also holds the v1/ row's objects when it ran first
        names.erase(std::remove_if(names.begin(), names.end(),
                                   [](const QString &n) { return n.startsWith(QLatin1String("v1/")); }),
                    names.end());
    QCOMPARE(names, expected);

    // The same bytes as the demo written to the local store.
    const CliRun local = cli(QStringList{QStringLiteral("gen"), QStringLiteral("local://same")} + size);
    QVERIFY2(local.exitCode == 0, qPrintable(local.err));
    QFile shard(m_dir.filePath(QStringLiteral("data/buckets/same/train/shard-00001.tar")));
    QVERIFY2(shard.open(QIODevice::ReadOnly), qPrintable(shard.fileName()));
    QVERIFY(m_client->getObject(m_bucket, (folder + QStringLiteral("train/shard-00001.tar")).toStdString()) ==
            shard.readAll().toStdString());

    // Its config names the bucket and reads the train split from the cluster.
    const std::string json = m_client->getObject(m_bucket, (folder + QStringLiteral("dataset.json")).toStdString());
    const DatasetConfig config = parseDatasetConfig(json, "dataset.json");
    QCOMPARE(config.sources.at(0).provider, std::string("ais"));
    QCOMPARE(config.sources.at(0).bucket, m_bucket);
    const QString path = m_dir.filePath(QStringLiteral("dataset.json"));
    QFile out(path);
    QVERIFY(out.open(QIODevice::WriteOnly | QIODevice::Truncate));
    out.write(QByteArray::fromStdString(json));
    out.close();
    const CliRun it = cli({QStringLiteral("iterate"), path, QStringLiteral("--json")});
    QVERIFY2(it.exitCode == 0, qPrintable(it.err));
    QCOMPARE(it.out.count('\n'), 16); // 2 train shards of 8 samples
    QVERIFY2(it.out.contains(QByteArray("\"shard\":\"") + folder.toUtf8() + "train/shard-00001.tar\""),
             it.out.constData());
}

void TestDemoCluster::cleanupTestCase()
{
    if (m_client && !m_bucket.empty() && m_client->bucketExists(m_bucket))
        m_client->destroyBucket(m_bucket);
}

QTEST_GUILESS_MAIN(TestDemoCluster)
#include "test_demo_cluster.moc"
