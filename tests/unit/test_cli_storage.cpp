// shardscope-cli's storage commands end to end on the embedded local store
// and file:// directories (no cluster needed): gen, ls, get, put, mb, rb.

#include <QDir>
#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include "cli_runner.h"

using Run = CliRun;

class TestCliStorage : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void genWritesShardsThatListAndDecode();
    void lsSummaryAndJson();
    void getToFileIsAtomicAndRangesWork();
    void putAndBuckets();
    void fileUrlsWork();
    void iterateResumesExactlyWhereItStopped_data();
    void iterateResumesExactlyWhereItStopped();
    void resumeRejectsForeignOrBrokenState();
    void exportFormats();
    void errors_data();
    void errors();

private:
    Run cli(const QStringList &args);
    QTemporaryDir m_dir;
};

Run TestCliStorage::cli(const QStringList &args)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("SHARDSCOPE_DATA_DIR"), m_dir.filePath(QStringLiteral("data")));
    return runCli(QStringLiteral(SHARDSCOPE_CLI_PATH), args, env);
}

void TestCliStorage::initTestCase()
{
    QVERIFY(m_dir.isValid());
    const Run r = cli({QStringLiteral("gen"), QStringLiteral("local://demo/train/"), QStringLiteral("--shards"),
                       QStringLiteral("3"), QStringLiteral("--samples"), QStringLiteral("4"), QStringLiteral("--ext"),
                       QStringLiteral("png,cls,json"), QStringLiteral("--format"), QStringLiteral("tar.gz")});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QVERIFY2(r.err.contains(QLatin1String("wrote 3 shards")), qPrintable(r.err));
}

void TestCliStorage::genWritesShardsThatListAndDecode()
{
    const Run ls = cli({QStringLiteral("ls"), QStringLiteral("local://demo"), QStringLiteral("--json")});
    QCOMPARE(ls.exitCode, 0);
    const QJsonArray objects = QJsonDocument::fromJson(ls.out).array();
    QCOMPARE(objects.size(), 3);
    QCOMPARE(objects[0].toObject()[QLatin1String("name")].toString(), QStringLiteral("train/shard-00000.tar.gz"));

    const Run members = cli({QStringLiteral("ls"), QStringLiteral("local://demo/train/shard-00001.tar.gz"),
                             QStringLiteral("--archive"), QStringLiteral("--json")});
    QCOMPARE(members.exitCode, 0);
    const QJsonArray m = QJsonDocument::fromJson(members.out).array();
    QCOMPARE(m.size(), 12); // 4 samples x 3 members
    QCOMPARE(m[0].toObject()[QLatin1String("name")].toString(), QStringLiteral("sample-00000004.png"));

    // The PNG is a real image and the label matches the JSON.
    const Run png = cli({QStringLiteral("get"), QStringLiteral("local://demo/train/shard-00001.tar.gz"),
                         QStringLiteral("--archpath"), QStringLiteral("sample-00000004.png")});
    QCOMPARE(png.exitCode, 0);
    QImage img;
    QVERIFY(img.loadFromData(png.out, "PNG"));
    QCOMPARE(img.size(), QSize(32, 32));
    const Run cls = cli({QStringLiteral("get"), QStringLiteral("local://demo/train/shard-00001.tar.gz"),
                         QStringLiteral("--archpath"), QStringLiteral("sample-00000004.cls")});
    const Run json = cli({QStringLiteral("get"), QStringLiteral("local://demo/train/shard-00001.tar.gz"),
                          QStringLiteral("--archpath"), QStringLiteral("sample-00000004.json")});
    const QJsonObject meta = QJsonDocument::fromJson(json.out).object();
    QCOMPARE(meta[QLatin1String("index")].toInt(), 4);
    QCOMPARE(QString::number(meta[QLatin1String("label")].toInt()), QString::fromUtf8(cls.out));
}

void TestCliStorage::lsSummaryAndJson()
{
    const Run r = cli({QStringLiteral("ls"), QStringLiteral("local://demo/train/"), QStringLiteral("--summary"),
                       QStringLiteral("--json")});
    QCOMPARE(r.exitCode, 0);
    const QJsonObject s = QJsonDocument::fromJson(r.out).object();
    QCOMPARE(s[QLatin1String("objects")].toInt(), 3);
    qint64 total = 0;
    for (const QString &f : QDir(m_dir.filePath(QStringLiteral("data/buckets/demo/train"))).entryList(QDir::Files))
        total += QFileInfo(m_dir.filePath(QStringLiteral("data/buckets/demo/train/") + f)).size();
    QCOMPARE(s[QLatin1String("bytes")].toInteger(), total);
    const Run buckets = cli({QStringLiteral("ls"), QStringLiteral("local://")});
    QCOMPARE(buckets.exitCode, 0);
    QCOMPARE(QString::fromUtf8(buckets.out).trimmed(), QStringLiteral("local://demo"));
}

void TestCliStorage::getToFileIsAtomicAndRangesWork()
{
    const QString src = m_dir.filePath(QStringLiteral("data/buckets/demo/train/shard-00000.tar.gz"));
    QFile f(src);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray all = f.readAll();
    const QString out = m_dir.filePath(QStringLiteral("out.bin"));
    Run r = cli({QStringLiteral("get"), QStringLiteral("local://demo/train/shard-00000.tar.gz"), QStringLiteral("-o"),
                 out});
    QCOMPARE(r.exitCode, 0);
    QFile o(out);
    QVERIFY(o.open(QIODevice::ReadOnly));
    QCOMPARE(o.readAll(), all);
    QCOMPARE(QDir(m_dir.path()).entryList({QStringLiteral("out.bin.part-*")}, QDir::Files).size(), 0);

    r = cli({QStringLiteral("get"), QStringLiteral("local://demo/train/shard-00000.tar.gz"), QStringLiteral("--range"),
             QStringLiteral("2-5")});
    QCOMPARE(r.out, all.mid(2, 4));
    r = cli({QStringLiteral("get"), QStringLiteral("local://demo/train/shard-00000.tar.gz"), QStringLiteral("--range"),
             QStringLiteral("-3")});
    QCOMPARE(r.out, all.right(3));

    // A failed download leaves an existing file untouched.
    QFile keep(m_dir.filePath(QStringLiteral("keep.bin")));
    QVERIFY(keep.open(QIODevice::WriteOnly));
    keep.write("precious");
    keep.close();
    r = cli({QStringLiteral("get"), QStringLiteral("local://demo/train/missing.tar"), QStringLiteral("-o"),
             keep.fileName()});
    QCOMPARE(r.exitCode, 1);
    QVERIFY(keep.open(QIODevice::ReadOnly));
    QCOMPARE(keep.readAll(), QByteArray("precious"));
}

void TestCliStorage::putAndBuckets()
{
    QCOMPARE(cli({QStringLiteral("mb"), QStringLiteral("local://up")}).exitCode, 0);
    const Run again = cli({QStringLiteral("mb"), QStringLiteral("local://up")});
    QCOMPARE(again.exitCode, 1);
    QVERIFY2(again.err.contains(QLatin1String("already exists")), qPrintable(again.err));
    const QString file = m_dir.filePath(QStringLiteral("payload.txt"));
    QFile f(file);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("payload bytes");
    f.close();
    QCOMPARE(cli({QStringLiteral("put"), file, QStringLiteral("local://up/dir/")}).exitCode, 0);
    QCOMPARE(cli({QStringLiteral("put"), file, QStringLiteral("local://up/renamed.txt")}).exitCode, 0);
    const Run ls = cli({QStringLiteral("ls"), QStringLiteral("local://up")});
    QCOMPARE(QString::fromUtf8(ls.out).split(QLatin1Char('\n'), Qt::SkipEmptyParts).size(), 2);
    QVERIFY(ls.out.contains("dir/payload.txt"));
    QCOMPARE(cli({QStringLiteral("get"), QStringLiteral("local://up/renamed.txt")}).out, QByteArray("payload bytes"));
    QCOMPARE(cli({QStringLiteral("rb"), QStringLiteral("local://up")}).exitCode, 0);
    QVERIFY(!QDir(m_dir.filePath(QStringLiteral("data/buckets/up"))).exists());
}

void TestCliStorage::fileUrlsWork()
{
    const QString base = QStringLiteral("file://") + m_dir.filePath(QStringLiteral("data/buckets/demo"));
    const Run r = cli({QStringLiteral("ls"), base + QStringLiteral("/train/shard-0000"), QStringLiteral("--json")});
    QCOMPARE(r.exitCode, 0);
    const QJsonArray a = QJsonDocument::fromJson(r.out).array();
    QCOMPARE(a.size(), 3);
    QCOMPARE(a[0].toObject()[QLatin1String("name")].toString(), QStringLiteral("shard-00000.tar.gz"));
}

void TestCliStorage::iterateResumesExactlyWhereItStopped_data()
{
    QTest::addColumn<QString>("mode");
    QTest::addColumn<int>("stopAfter");
    QTest::newRow("samples, mid-shard") << "shard" << 5;
    QTest::newRow("samples, at a shard boundary") << "shard" << 4;
    QTest::newRow("objects") << "object" << 2;
}

void TestCliStorage::iterateResumesExactlyWhereItStopped()
{
    QFETCH(QString, mode);
    QFETCH(int, stopAfter);
    const QStringList base = {QStringLiteral("iterate"), QStringLiteral("local://demo/train/"), QStringLiteral("--mode"),
                              mode, QStringLiteral("--shuffle"), QStringLiteral("--seed"), QStringLiteral("11"),
                              QStringLiteral("--epoch"), QStringLiteral("2"), QStringLiteral("--workers"),
                              QStringLiteral("3"), QStringLiteral("--json")};
    const Run full = cli(base + QStringList{QStringLiteral("--ordered")});
    QCOMPARE(full.exitCode, 0);
    const QString state = m_dir.filePath(QStringLiteral("state-%1-%2.json").arg(mode).arg(stopAfter));
    const Run first = cli(base + QStringList{QStringLiteral("--limit"), QString::number(stopAfter),
                                              QStringLiteral("--save-state"), state});
    QCOMPARE(first.exitCode, 0);
    QCOMPARE(first.out.count('\n'), stopAfter);
    const Run rest = cli(base + QStringList{QStringLiteral("--resume"), state});
    QVERIFY2(rest.exitCode == 0, qPrintable(rest.err));
    QCOMPARE(first.out + rest.out, full.out); // nothing lost, nothing twice, same order
}

void TestCliStorage::resumeRejectsForeignOrBrokenState()
{
    const QString state = m_dir.filePath(QStringLiteral("state.json"));
    QCOMPARE(cli({QStringLiteral("iterate"), QStringLiteral("local://demo/train/"), QStringLiteral("--limit"),
                  QStringLiteral("1"), QStringLiteral("--save-state"), state})
                 .exitCode,
             0);
    const Run other = cli({QStringLiteral("iterate"), QStringLiteral("local://demo/"), QStringLiteral("--resume"), state});
    QCOMPARE(other.exitCode, 1);
    QVERIFY2(other.err.contains(QLatin1String("belongs to another run: its url is")), qPrintable(other.err));
    QFile f(state);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("{\"schema_version\": 1, \"unit\": ");
    f.close();
    const Run broken = cli({QStringLiteral("iterate"), QStringLiteral("local://demo/train/"), QStringLiteral("--resume"), state});
    QCOMPARE(broken.exitCode, 1);
    QVERIFY2(broken.err.contains(QLatin1String("is not valid JSON")), qPrintable(broken.err));
}

void TestCliStorage::exportFormats()
{
    const QString cfg = m_dir.filePath(QStringLiteral("shards.json"));
    QFile f(cfg);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(R"({"schema_version": 1, "name": "demo shards",
                "sources": [{"id": "d", "provider": "local", "bucket": "demo", "group": {"prefix": "train/"}}],
                "dataset": {"kind": "shard"}})");
    f.close();
    const Run wids = cli({QStringLiteral("export"), cfg, QStringLiteral("--format"), QStringLiteral("wids")});
    QVERIFY2(wids.exitCode == 0, qPrintable(wids.err));
    const QJsonObject index = QJsonDocument::fromJson(wids.out).object();
    QCOMPARE(index[QLatin1String("__kind__")].toString(), QStringLiteral("wids-shard-index-v1"));
    const QJsonArray list = index[QLatin1String("shardlist")].toArray();
    QCOMPARE(list.size(), 3);
    QCOMPARE(list[0].toObject()[QLatin1String("nsamples")].toInt(), 4);
    QCOMPARE(list[0].toObject()[QLatin1String("url")].toString(), QStringLiteral("local://demo/train/shard-00000.tar.gz"));

    const QString out = m_dir.filePath(QStringLiteral("canonical.json"));
    QCOMPARE(cli({QStringLiteral("export"), cfg, QStringLiteral("-o"), out}).exitCode, 0);
    const Run again = cli({QStringLiteral("export"), out});
    QFile canonical(out);
    QVERIFY(canonical.open(QIODevice::ReadOnly));
    QCOMPARE(again.out, canonical.readAll()); // load -> save -> load -> save is stable

    const Run cpp = cli({QStringLiteral("export"), cfg, QStringLiteral("--format"), QStringLiteral("cpp")});
    QCOMPARE(cpp.exitCode, 0);
    QVERIFY(cpp.out.contains("parseDatasetConfig(kConfig"));

    const Run py = cli({QStringLiteral("export"), cfg, QStringLiteral("--format"), QStringLiteral("python")});
    QCOMPARE(py.exitCode, 1);
    QVERIFY2(py.err.contains(QLatin1String("aistore.pytorch reads AIStore buckets (ais://) only")), qPrintable(py.err));
    QVERIFY(py.out.isEmpty());

    // iterate, batches and bench take the config where they take a URL.
    const Run bench = cli({QStringLiteral("bench"), cfg, QStringLiteral("--epochs"), QStringLiteral("1"),
                           QStringLiteral("--json")});
    QVERIFY2(bench.exitCode == 0, qPrintable(bench.err));
    QCOMPARE(QJsonDocument::fromJson(bench.out).object()[QLatin1String("items")].toInt(), 12); // 3 shards x 4 samples
    QCOMPARE(QJsonDocument::fromJson(bench.out).object()[QLatin1String("mode")].toString(), QStringLiteral("shard"));
    const Run iter = cli({QStringLiteral("iterate"), cfg, QStringLiteral("--json")});
    QCOMPARE(iter.out.count('\n'), 12);

    const Run bad = cli({QStringLiteral("iterate"), m_dir.filePath(QStringLiteral("nope.json"))});
    QCOMPARE(bad.exitCode, 1);
    QVERIFY2(bad.err.contains(QLatin1String("cannot read")), qPrintable(bad.err));
}

void TestCliStorage::errors_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("message");
    QTest::newRow("missing object") << QStringList{QStringLiteral("get"), QStringLiteral("local://demo/nope.bin")} << 1
                                    << "local://demo/nope.bin: object does not exist";
    QTest::newRow("missing bucket") << QStringList{QStringLiteral("ls"), QStringLiteral("local://ghost")} << 1
                                    << "local://ghost: bucket does not exist";
    QTest::newRow("missing bucket, json") << QStringList{QStringLiteral("ls"), QStringLiteral("local://ghost"),
                                                         QStringLiteral("--json")}
                                          << 1 << "local://ghost: bucket does not exist";
    QTest::newRow("missing member")
        << QStringList{QStringLiteral("get"), QStringLiteral("local://demo/train/shard-00000.tar.gz"),
                       QStringLiteral("--archpath"), QStringLiteral("x.png")}
        << 1 << "no member \"x.png\"";
    QTest::newRow("bad range") << QStringList{QStringLiteral("get"), QStringLiteral("local://demo/a"),
                                              QStringLiteral("--range"), QStringLiteral("9-2")}
                               << 2 << "--range must be A-B";
    QTest::newRow("gen needs a kind") << QStringList{QStringLiteral("gen"), QStringLiteral("local://g")} << 2
                                      << "give either --objects N, --shards K or --demo";
    QTest::newRow("gen bad extension") << QStringList{QStringLiteral("gen"), QStringLiteral("local://g"),
                                                      QStringLiteral("--shards"), QStringLiteral("1"),
                                                      QStringLiteral("--ext"), QStringLiteral("png,exe")}
                                       << 1 << "unknown sample extension exe";
    QTest::newRow("gen bad format") << QStringList{QStringLiteral("gen"), QStringLiteral("local://g"),
                                                   QStringLiteral("--shards"), QStringLiteral("1"),
                                                   QStringLiteral("--format"), QStringLiteral("rar")}
                                    << 1 << "unknown shard format 'rar'";
    QTest::newRow("gen absurd size") << QStringList{QStringLiteral("gen"), QStringLiteral("local://g"),
                                                    QStringLiteral("--objects"), QStringLiteral("1"),
                                                    QStringLiteral("--size"), QStringLiteral("99GiB")}
                                     << 1 << "--size must be at most 4GiB";
    QTest::newRow("gen unknown unit") << QStringList{QStringLiteral("gen"), QStringLiteral("local://g"),
                                                     QStringLiteral("--objects"), QStringLiteral("1"),
                                                     QStringLiteral("--size"), QStringLiteral("3TB")}
                                      << 1 << "unknown size unit in \"3TB\"";
    QTest::newRow("put escapes bucket") << QStringList{QStringLiteral("put"), QStringLiteral(SHARDSCOPE_CLI_PATH),
                                                       QStringLiteral("local://demo/../evil")}
                                        << 1 << "would leave the bucket";
    QTest::newRow("s3 without endpoint") << QStringList{QStringLiteral("ls"), QStringLiteral("s3://b")} << 1
                                         << "AWS_ENDPOINT_URL";
}

void TestCliStorage::errors()
{
    QFETCH(QStringList, args);
    QFETCH(int, exitCode);
    QFETCH(QString, message);
    qunsetenv("AWS_ENDPOINT_URL");
    const Run r = cli(args);
    QCOMPARE(r.exitCode, exitCode);
    QVERIFY2(r.err.contains(message), qPrintable(r.err));
    QVERIFY2(r.out.isEmpty(), r.out.constData()); // nothing half-written on stdout
}

QTEST_GUILESS_MAIN(TestCliStorage)
#include "test_cli_storage.moc"
