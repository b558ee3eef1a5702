// Secrets never leave memory: with an AIStore token and S3 credentials planted
// in the environment (and a password typed into an endpoint URL), every command
// a user runs — listing, reading, benchmarking, exporting in every format, and
// the failures (unreachable endpoint, missing bucket, refused S3 request) —
// is run, and its output, its error text and every file it wrote are searched
// for the planted values.

#include "cli_runner.h"
#include "cluster_fixture.h"

#include "core/gen/dataset_generator.h"
#include "core/storage/ais_client.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

namespace {
const QString kToken = QStringLiteral("planted-token-7f3a91");
const QString kSecret = QStringLiteral("planted-secret-91c2e8");
const QString kPassword = QStringLiteral("planted-password-55d0");
} // namespace

class TestSecrets : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void nothingLeaks();
    void cleanupTestCase();

private:
    std::string m_bucket;
    QTemporaryDir m_dir;
};

void TestSecrets::initTestCase()
{
    const std::string why = clustertest::unreachableReason();
    QVERIFY2(why.empty(), why.c_str());
    QVERIFY(m_dir.isValid());
    m_bucket = clustertest::uniqueBucket("ss-secrets");
    auto c = clustertest::client();
    c->createBucket(m_bucket);
    for (int i = 0; i < 20; ++i)
        c->putObject(m_bucket, "train/o-" + std::to_string(i) + ".bin", clustertest::randomBytes(100, unsigned(i)));
    std::vector<std::pair<std::string, std::string>> members = {{"a.cls", "1"}, {"a.txt", "x"}};
    c->putObject(m_bucket, "shards/s-0.tar", shardscope::writeArchive(shardscope::ShardFormat::Tar, members));
}

void TestSecrets::nothingLeaks()
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("AIS_ENDPOINT"), QString::fromStdString(clustertest::endpoint()));
    env.insert(QStringLiteral("AIS_AUTHN_TOKEN"), kToken);
    env.insert(QStringLiteral("AWS_ACCESS_KEY_ID"), QStringLiteral("AKIDPLANTED"));
    env.insert(QStringLiteral("AWS_SECRET_ACCESS_KEY"), kSecret);
    const QString bucket = QString::fromStdString("ais://" + m_bucket);
    const QString out = m_dir.path();

    // A config for the exports: map + dynamic batches, and a shard one for wids.
    const QString config = out + QStringLiteral("/config.json"), shardConfig = out + QStringLiteral("/shards.json");
    for (const auto &[path, body] :
         {std::pair{config, QStringLiteral(R"({"schema_version": 1, "name": "secrets", "sources": [{"id": "d", "bucket": "%1", "group": {"prefix": "train/"}}],
            "dataset": {"kind": "map"}, "sampler": {"kind": "dynamic", "max_batch_bytes": 1000}, "workers": 2})")},
          std::pair{shardConfig, QStringLiteral(R"({"schema_version": 1, "name": "s", "sources": [{"id": "d", "bucket": "%1", "group": {"prefix": "shards/"}}],
            "dataset": {"kind": "shard"}})")}}) {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(body.arg(QString::fromStdString(m_bucket)).toUtf8());
    }

    const QList<QStringList> commands = {
        {QStringLiteral("ls"), QStringLiteral("ais://")},
        {QStringLiteral("ls"), bucket + QStringLiteral("/train/")},
        {QStringLiteral("get"), bucket + QStringLiteral("/train/o-1.bin"), QStringLiteral("-o"), out + QStringLiteral("/o-1.bin")},
        {QStringLiteral("iterate"), bucket + QStringLiteral("/train/"), QStringLiteral("--json")},
        {QStringLiteral("bench"), bucket + QStringLiteral("/train/"), QStringLiteral("--epochs"), QStringLiteral("1"), QStringLiteral("--json"), QStringLiteral("--series")},
        {QStringLiteral("batches"), config, QStringLiteral("--json")},
        {QStringLiteral("export"), config, QStringLiteral("--format"), QStringLiteral("json"), QStringLiteral("-o"), out + QStringLiteral("/export.json")},
        {QStringLiteral("export"), config, QStringLiteral("--format"), QStringLiteral("python"), QStringLiteral("-o"), out + QStringLiteral("/export.py")},
        {QStringLiteral("export"), config, QStringLiteral("--format"), QStringLiteral("cpp"), QStringLiteral("-o"), out + QStringLiteral("/export.cpp")},
        {QStringLiteral("export"), shardConfig, QStringLiteral("--format"), QStringLiteral("wids"), QStringLiteral("-o"), out + QStringLiteral("/wids.json")},
        // Failures: their messages are where secrets usually slip out.
        {QStringLiteral("ls"), QStringLiteral("ais://no-such-bucket-here")},
        {QStringLiteral("get"), bucket + QStringLiteral("/missing.bin")},
        {QStringLiteral("ls"), QStringLiteral("ais://"), QStringLiteral("-e"), QStringLiteral("http://127.0.0.1:1")},
        {QStringLiteral("ls"), QStringLiteral("ais://"), QStringLiteral("-e"), QStringLiteral("http://user:") + kPassword + QStringLiteral("@127.0.0.1:1")},
        {QStringLiteral("ls"), QStringLiteral("s3://") + QString::fromStdString(m_bucket), QStringLiteral("-e"),
         QString::fromStdString(clustertest::endpoint()) + QStringLiteral("/s3")},
        {QStringLiteral("ls"), QStringLiteral("s3://no-such-bucket-here"), QStringLiteral("-e"), QStringLiteral("http://127.0.0.1:1")},
    };
    int ok = 0;
    for (const QStringList &args : commands) {
        const CliRun r = runCli(QStringLiteral(SHARDSCOPE_CLI_PATH), args, env, 60000);
        QVERIFY2(r.exitCode >= 0, qPrintable(args.join(QLatin1Char(' '))));
        ok += r.exitCode == 0;
        for (const QString &planted : {kToken, kSecret, kPassword})
            QVERIFY2(!r.out.contains(planted.toUtf8()) && !r.err.contains(planted),
                     qPrintable(args.join(QLatin1Char(' ')) + QStringLiteral(" printed a secret: ") + r.err));
    }
    QVERIFY2(ok >= 10, "the commands that should work did not"); // the run was real, not all failures

    int files = 0;
    QDirIterator it(out, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile f(it.next());
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray content = f.readAll();
        for (const QString &planted : {kToken, kSecret, kPassword})
            QVERIFY2(!content.contains(planted.toUtf8()), qPrintable(f.fileName() + QStringLiteral(" holds a secret")));
        ++files;
    }
    QVERIFY(files >= 7);
    // The exported script reads credentials from the environment by name.
    QFile py(out + QStringLiteral("/export.py"));
    QVERIFY(py.open(QIODevice::ReadOnly));
    QVERIFY(py.readAll().contains("AIS_ENDPOINT"));
}

void TestSecrets::cleanupTestCase()
{
    try {
        clustertest::client()->destroyBucket(m_bucket);
    } catch (...) {
    }
}

QTEST_GUILESS_MAIN(TestSecrets)
#include "test_secrets.moc"
