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

#include <fcntl.h>
#include <unistd.h>

namespace {

// Creates a file whose name is any bytes (QFile would need them to be text).
bool writeRawFile(const QString &dir, const QByteArray &name, const QByteArray &content)
{
    const QByteArray path = QFile::encodeName(dir) + '/' + name;
    const int fd = ::open(path.constData(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0)
        return false;
    const bool ok = ::write(fd, content.constData(), size_t(content.size())) == content.size();
    return ::close(fd) == 0 && ok;
}

// A ustar archive of regular files, written by hand so that member names can be any bytes.
QByteArray tarOf(const QList<QPair<QByteArray, QByteArray>> &members)
{
    QByteArray tar;
    for (const auto &[name, data] : members) {
        QByteArray h(512, '\0');
        auto put = [&](int offset, const QByteArray &field) { h.replace(offset, field.size(), field); };
        put(0, name.left(100));
        put(100, "0000644");
        put(108, "0000000");
        put(116, "0000000");
        put(124, QByteArray::number(data.size(), 8).rightJustified(11, '0'));
        put(136, "00000000000");
        put(148, "        ");
        h[156] = '0';
        put(257, QByteArray("ustar\0" "00", 8));
        unsigned sum = 0;
        for (char c : h)
            sum += static_cast<unsigned char>(c);
        put(148, QByteArray::number(sum, 8).rightJustified(6, '0') + QByteArray("\0 ", 2));
        tar += h + data + QByteArray((512 - data.size() % 512) % 512, '\0');
    }
    return tar + QByteArray(1024, '\0');
}

} // namespace

using Run = CliRun;

class TestCliStorage : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void genWritesShardsThatListAndDecode();
    void lsSummaryAndJson();
    void lsCountOnly();
    void getToFileIsAtomicAndRangesWork();
    void putAndBuckets();
    void fileUrlsWork();
    void iterateResumesExactlyWhereItStopped_data();
    void iterateResumesExactlyWhereItStopped();
    void resumeRejectsForeignOrBrokenState();
    void exportFormats();
    void errors_data();
    void errors();
    void getToStandardOutputByName_data();
    void getToStandardOutputByName();
    void namesThatAreNotUtf8_data();
    void namesThatAreNotUtf8();
    void shardMembersThatAreNotUtf8();

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

void TestCliStorage::lsCountOnly()
{
    const Run json = cli({QStringLiteral("ls"), QStringLiteral("local://demo/train/"),
                          QStringLiteral("--count-only"), QStringLiteral("--json")});
    QCOMPARE(json.exitCode, 0);
    const QJsonObject s = QJsonDocument::fromJson(json.out).object();
    QCOMPARE(s[QLatin1String("objects")].toInt(), 3);
    QVERIFY2(!s.contains(QLatin1String("bytes")), json.out.constData());
    const Run text =
        cli({QStringLiteral("ls"), QStringLiteral("local://demo/train/"), QStringLiteral("--count-only")});
    QCOMPARE(text.exitCode, 0);
    QCOMPARE(QString::fromUtf8(text.out).trimmed(), QStringLiteral("objects: 3"));
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

void TestCliStorage::getToStandardOutputByName_data()
{
    QTest::addColumn<QString>("target");
    QTest::newRow("/dev/stdout") << QStringLiteral("/dev/stdout");
    QTest::newRow("/dev/fd/1") << QStringLiteral("/dev/fd/1");
}

void TestCliStorage::getToStandardOutputByName()
{
    QFETCH(QString, target);
    QFile f(m_dir.filePath(QStringLiteral("data/buckets/demo/train/shard-00001.tar.gz")));
    QVERIFY(f.open(QIODevice::ReadOnly));
    const Run r = cli({QStringLiteral("get"), QStringLiteral("local://demo/train/shard-00001.tar.gz"),
                       QStringLiteral("-o"), target});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QCOMPARE(r.out, f.readAll()); // standard output is a pipe here: written through, not replaced
}

void TestCliStorage::namesThatAreNotUtf8_data()
{
    QTest::addColumn<QByteArray>("name");
    QTest::addColumn<QByteArray>("shown"); // as ls and iterate print it, and as get takes it back
    QTest::addColumn<QByteArray>("inMessage"); // as error messages quote it: only bytes that are not UTF-8 escaped
    QTest::newRow("latin-1 byte") << QByteArray("caf\xe9.bin") << QByteArray("caf\\xe9.bin")
                                  << QByteArray("caf\\xe9.bin");
    QTest::newRow("cut UTF-8 sequence") << QByteArray("euro\xe2\x82.bin") << QByteArray("euro\\xe2\\x82.bin")
                                        << QByteArray("euro\\xe2\\x82.bin");
    QTest::newRow("backslash in a name that is escaped")
        << QByteArray("a\\b\xff") << QByteArray("a\\\\b\\xff") << QByteArray("a\\b\\xff");
    QTest::newRow("valid name that reads as an escape")
        << QByteArray("lit\\x41") << QByteArray("lit\\\\x41") << QByteArray("lit\\x41");
    QTest::newRow("line break") << QByteArray("two\nlines") << QByteArray("two\\x0alines")
                                << QByteArray("two\nlines");
    QTest::newRow("UTF-8 name as it is") << QByteArray("größe.bin") << QByteArray("größe.bin")
                                         << QByteArray("größe.bin");
}

void TestCliStorage::namesThatAreNotUtf8()
{
    QFETCH(QByteArray, name);
    QFETCH(QByteArray, shown);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QByteArray content = "the bytes of " + shown;
    QVERIFY(writeRawFile(dir.path(), name, content));
    const QString url = QStringLiteral("file://") + dir.path();
    const QString shownText = QString::fromUtf8(shown);
    const bool escaped = name != shown;

    const Run json = cli({QStringLiteral("ls"), QStringLiteral("--json"), url});
    QVERIFY2(json.exitCode == 0, qPrintable(json.err));
    const QJsonArray entries = QJsonDocument::fromJson(json.out).array();
    QCOMPARE(entries.size(), 1);
    QCOMPARE(entries[0].toObject()[QLatin1String("name")].toString(), shownText);
    QCOMPARE(entries[0].toObject()[QLatin1String("escaped")].toBool(), escaped);

    const Run text = cli({QStringLiteral("ls"), url});
    QVERIFY2(text.exitCode == 0, qPrintable(text.err));
    QVERIFY2(text.out.endsWith("  " + shown + '\n'), text.out.constData());

    const Run iterate = cli({QStringLiteral("iterate"), QStringLiteral("--json"), url});
    QVERIFY2(iterate.exitCode == 0, qPrintable(iterate.err));
    const QJsonObject item = QJsonDocument::fromJson(iterate.out.trimmed()).object();
    QCOMPARE(item[QLatin1String("name")].toString(), shownText);
    QCOMPARE(item[QLatin1String("escaped")].toBool(), escaped);
    QCOMPARE(item[QLatin1String("size")].toInt(), content.size());

    const Run get = cli({QStringLiteral("get"), url + QLatin1Char('/') + shownText});
    QVERIFY2(get.exitCode == 0, qPrintable(get.err));
    QCOMPARE(get.out, content);

    QFETCH(QByteArray, inMessage);
    const Run missing = cli({QStringLiteral("get"), url + QLatin1Char('/') + shownText + QStringLiteral(".gone")});
    QCOMPARE(missing.exitCode, 1);
    const QString expected = QString::fromUtf8(inMessage) + QStringLiteral(".gone: object does not exist");
    QVERIFY2(missing.err.contains(expected), qPrintable(missing.err));
}

void TestCliStorage::shardMembersThatAreNotUtf8()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QByteArray label = "7";
    const QByteArray body = "hello, latin-1";
    QVERIFY(writeRawFile(dir.path(), "s\xff.tar",
                         tarOf({{"k\xe9y.cls", label}, {"k\xe9y.t\xffxt", body}, {"plain.cls", "1"}})));
    const QString url = QStringLiteral("file://") + dir.path();

    const Run samples = cli({QStringLiteral("iterate"), QStringLiteral("--mode"), QStringLiteral("shard"),
                             QStringLiteral("--ordered"), QStringLiteral("--json"), url});
    QVERIFY2(samples.exitCode == 0, qPrintable(samples.err));
    const QList<QByteArray> lines = samples.out.trimmed().split('\n');
    QCOMPARE(lines.size(), 2);
    const QJsonObject first = QJsonDocument::fromJson(lines[0]).object();
    QCOMPARE(first[QLatin1String("shard")].toString(), QStringLiteral("s\\xff.tar"));
    QCOMPARE(first[QLatin1String("key")].toString(), QStringLiteral("k\\xe9y"));
    QCOMPARE(first[QLatin1String("escaped")].toBool(), true);
    const QJsonObject members = first[QLatin1String("members")].toObject();
    QCOMPARE(members.keys(), (QStringList{QStringLiteral("cls"), QStringLiteral("t\\xffxt")}));
    QCOMPARE(members[QLatin1String("t\\xffxt")].toInt(), body.size());

    const Run listing = cli({QStringLiteral("ls"), QStringLiteral("--archive"), QStringLiteral("--json"),
                             url + QStringLiteral("/s\\xff.tar")});
    QVERIFY2(listing.exitCode == 0, qPrintable(listing.err));
    const QJsonArray names = QJsonDocument::fromJson(listing.out).array();
    QCOMPARE(names.size(), 3);
    QCOMPARE(names[1].toObject()[QLatin1String("name")].toString(), QStringLiteral("k\\xe9y.t\\xffxt"));
    QCOMPARE(names[1].toObject()[QLatin1String("escaped")].toBool(), true);

    const Run member = cli({QStringLiteral("get"), url + QStringLiteral("/s\\xff.tar"),
                            QStringLiteral("--archpath"), QStringLiteral("k\\xe9y.t\\xffxt")});
    QVERIFY2(member.exitCode == 0, qPrintable(member.err));
    QCOMPARE(member.out, body);
}

QTEST_GUILESS_MAIN(TestCliStorage)
#include "test_cli_storage.moc"
