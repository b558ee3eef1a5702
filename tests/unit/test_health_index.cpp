// Index sidecars on local folders: DALI .idx offsets point at the members'
// bytes (checked against the archive the test wrote, and read back with range
// GETs), a tampered index is caught naming the member, and a wids index is
// read and checked against the shards it describes.

#include "cli_runner.h"

#include "core/gen/dataset_generator.h"
#include "core/health/dali_index.h"
#include "core/health/wids_reader.h"
#include "core/storage/store_factory.h"
#include "core/util/error.h"
#include "core/util/strings.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace shardscope;

namespace {
using Members = std::vector<std::pair<std::string, std::string>>;

void writeFile(const QString &path, const std::string &data)
{
    QFile f(path);
    QVERIFY2(f.open(QIODevice::WriteOnly), qPrintable(path));
    QCOMPARE(f.write(data.data(), static_cast<qint64>(data.size())), static_cast<qint64>(data.size()));
}

// Samples with distinct bytes per member, and a name long enough for an
// extended tar header (the offsets must account for it).
Members members()
{
    Members m;
    for (int i = 0; i < 5; ++i) {
        const std::string key = "sample-" + std::to_string(i);
        m.emplace_back(key + ".jpg", randomPayload(7, static_cast<std::uint64_t>(i), 700 + 300 * i));
        m.emplace_back(key + ".cls", std::to_string(i));
    }
    const std::string longKey = "dir/" + std::string(120, 'k');
    m.emplace_back(longKey + ".jpg", randomPayload(8, 1, 1234));
    m.emplace_back(longKey + ".seg.png", randomPayload(8, 2, 99));
    m.emplace_back("README", "not a sample");
    return m;
}
} // namespace

class TestHealthIndex : public QObject
{
    Q_OBJECT
private slots:
    void daliOffsetsPointAtTheMembers();
    void tamperedIndexIsCaught();
    void daliRefusesWhatItCannotIndex();
    void widsReadAndChecked();
    void widsMalformed_data();
    void widsMalformed();
    void cliIndex();

private:
    QTemporaryDir m_dir;
};

void TestHealthIndex::daliOffsetsPointAtTheMembers()
{
    const Members m = members();
    const std::string tar = writeArchive(ShardFormat::Tar, m);
    writeFile(m_dir.filePath(QStringLiteral("a.tar")), tar);
    StoreLocation loc =
        openStore(parseStoreUrl("file://" + m_dir.path().toStdString() + "/a.tar"), StoreOptions());
    const auto layout = tarLayout(*loc.store, loc.bucket, loc.path);
    QCOMPARE(layout.size(), m.size());
    for (std::size_t i = 0; i < m.size(); ++i) {
        QCOMPARE(QString::fromStdString(layout[i].name), QString::fromStdString(m[i].first));
        QCOMPARE(layout[i].size, std::uint64_t(m[i].second.size()));
        // The bytes at the offset in the archive are the member's.
        QVERIFY2(tar.compare(layout[i].dataOffset, layout[i].size, m[i].second) == 0, m[i].first.c_str());
    }
    const std::string idx = daliIndex(layout, loc.url());
    const auto parsed = parseDaliIndex(idx, "a.idx");
    // 5 samples of jpg+cls and the long-named one (jpg, seg.png); README has no extension.
    QCOMPARE(parsed.size(), std::size_t(6));
    QVERIFY(startsWith(idx, "v1.2 6\n"));
    QCOMPARE(parsed[0].size(), std::size_t(2));
    QCOMPARE(QString::fromStdString(parsed[0][0].ext), QStringLiteral("jpg"));
    QCOMPARE(QString::fromStdString(parsed[5][1].ext), QStringLiteral("seg.png"));
    const IndexCheck check = verifyDaliIndex(*loc.store, loc.bucket, loc.path, parsed);
    QVERIFY2(check.mismatches.empty(), check.mismatches.empty() ? "" : check.mismatches.front().c_str());
    QCOMPARE(check.members, std::uint64_t(12));
    QCOMPARE(check.rangeGets, std::uint64_t(12));
}

void TestHealthIndex::tamperedIndexIsCaught()
{
    const std::string tar = writeArchive(ShardFormat::Tar, members());
    writeFile(m_dir.filePath(QStringLiteral("b.tar")), tar);
    StoreLocation loc =
        openStore(parseStoreUrl("file://" + m_dir.path().toStdString() + "/b.tar"), StoreOptions());
    auto parsed = parseDaliIndex(daliIndex(tarLayout(*loc.store, loc.bucket, loc.path), loc.url()), "b.idx");
    parsed[2][0].offset += 512; // sample-2.jpg now points at the next block
    parsed[4].pop_back();       // sample-4.cls left out
    const IndexCheck check = verifyDaliIndex(*loc.store, loc.bucket, loc.path, parsed);
    QCOMPARE(check.mismatches.size(), std::size_t(2));
    QString all;
    for (const auto &s : check.mismatches)
        all += QString::fromStdString(s) + QLatin1Char('\n');
    QVERIFY2(all.contains(QStringLiteral("\"sample-2.jpg\": the bytes at offset")), qPrintable(all));
    QVERIFY2(all.contains(QStringLiteral("member \"sample-4.cls\" is not in the index")), qPrintable(all));
}

void TestHealthIndex::daliRefusesWhatItCannotIndex()
{
    writeFile(m_dir.filePath(QStringLiteral("c.tar.gz")), writeArchive(ShardFormat::TarGz, members()));
    StoreLocation gz =
        openStore(parseStoreUrl("file://" + m_dir.path().toStdString() + "/c.tar.gz"), StoreOptions());
    try {
        tarLayout(*gz.store, gz.bucket, gz.path);
        QFAIL("a compressed shard has no offsets");
    } catch (const Error &e) {
        QVERIFY2(QString::fromStdString(e.what()).contains(QStringLiteral("uncompressed tar")), e.what());
        QVERIFY2(QString::fromStdString(e.what()).contains(QStringLiteral("c.tar.gz")), e.what());
    }
    writeFile(m_dir.filePath(QStringLiteral("d.tar")),
              writeArchive(ShardFormat::Tar, {{"my sample.jpg", "x"}}));
    StoreLocation sp =
        openStore(parseStoreUrl("file://" + m_dir.path().toStdString() + "/d.tar"), StoreOptions());
    try {
        daliIndex(tarLayout(*sp.store, sp.bucket, sp.path), sp.url());
        QFAIL("a space cannot be written in DALI's format");
    } catch (const Error &e) {
        QVERIFY2(QString::fromStdString(e.what()).contains(QStringLiteral("\"my sample.jpg\"")), e.what());
    }
    std::string cut = writeArchive(ShardFormat::Tar, members());
    cut.resize(cut.size() / 2);
    writeFile(m_dir.filePath(QStringLiteral("e.tar")), cut);
    StoreLocation tr =
        openStore(parseStoreUrl("file://" + m_dir.path().toStdString() + "/e.tar"), StoreOptions());
    QVERIFY_THROWS_EXCEPTION(Error, tarLayout(*tr.store, tr.bucket, tr.path));
    try {
        parseDaliIndex("v1.2 2\njpg 0 10 a.jpg\n", "x.idx");
        QFAIL("one line for two samples");
    } catch (const Error &e) {
        QVERIFY2(QString::fromStdString(e.what()).contains(QStringLiteral("x.idx")), e.what());
    }
}

void TestHealthIndex::widsReadAndChecked()
{
    QTemporaryDir dir;
    Members three, two;
    for (int i = 0; i < 3; ++i)
        three.emplace_back("k" + std::to_string(i) + ".bin", "x");
    for (int i = 0; i < 2; ++i)
        two.emplace_back("j" + std::to_string(i) + ".bin", "y");
    writeFile(dir.filePath(QStringLiteral("s0.tar")), writeArchive(ShardFormat::Tar, three));
    writeFile(dir.filePath(QStringLiteral("s1.tar")), writeArchive(ShardFormat::Tar, two));
    const std::string base = "file://" + dir.path().toStdString();
    const std::string json =
        R"({"__kind__": "wids-shard-index-v1", "wids_version": 1, "name": "t", "shardlist": [
        {"url": ")" +
        base + R"(/s0.tar", "nsamples": 3}, {"url": ")" + base + R"(/s1.tar", "nsamples": 5}]})";
    const WidsIndex index = parseWidsIndex(json, "t.json");
    QCOMPARE(index.shards.size(), std::size_t(2));
    QCOMPARE(index.totalSamples, std::uint64_t(8));
    const WidsCheck check = verifyWidsIndex(index, StoreOptions());
    QCOMPARE(check.samplesCounted, std::uint64_t(5));
    QCOMPARE(check.mismatches.size(), std::size_t(1)); // s1 holds 2, not 5
    QVERIFY2(QString::fromStdString(check.mismatches[0])
                 .contains(QStringLiteral("s1.tar: the index says 5 samples, the shard holds 2")),
             check.mismatches[0].c_str());
}

void TestHealthIndex::widsMalformed_data()
{
    QTest::addColumn<QString>("json");
    QTest::addColumn<QString>("message");
    QTest::newRow("not JSON") << "{"
                              << "not JSON";
    QTest::newRow("another kind") << R"({"__kind__": "x", "shardlist": []})"
                                  << "$.__kind__";
    QTest::newRow("negative count")
        << R"({"__kind__": "wids-shard-index-v1", "shardlist": [{"url": "a.tar", "nsamples": -1}]})"
        << "$.shardlist[0].nsamples";
    QTest::newRow("no url") << R"({"__kind__": "wids-shard-index-v1", "shardlist": [{"nsamples": 1}]})"
                            << "$.shardlist[0].url";
}

void TestHealthIndex::widsMalformed()
{
    QFETCH(QString, json);
    QFETCH(QString, message);
    try {
        parseWidsIndex(json.toStdString(), "w.json");
        QFAIL("expected an error");
    } catch (const Error &e) {
        QVERIFY2(QString::fromStdString(e.what()).contains(message), e.what());
        QVERIFY2(QString::fromStdString(e.what()).startsWith(QStringLiteral("w.json")), e.what());
    }
}

void TestHealthIndex::cliIndex()
{
    QTemporaryDir dir, out;
    writeFile(dir.filePath(QStringLiteral("shard-0.tar")), writeArchive(ShardFormat::Tar, members()));
    writeFile(dir.filePath(QStringLiteral("shard-1.tar")), writeArchive(ShardFormat::Tar, members()));
    const CliRun run =
        runCli(QStringLiteral(SHARDSCOPE_CLI_PATH),
               {QStringLiteral("index"), QStringLiteral("file://") + dir.path(), QStringLiteral("--dali"),
                QStringLiteral("--out-dir"), out.path(), QStringLiteral("--verify")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY2(run.err.count(QStringLiteral("verified")) == 2, qPrintable(run.err));
    QFile idx(out.filePath(QStringLiteral("shard-1.idx")));
    QVERIFY(idx.open(QIODevice::ReadOnly));
    QVERIFY(idx.readAll().startsWith("v1.2 6\n"));

    // wids: the export's index read back, counts shown without reading shards.
    const QString widsPath = out.filePath(QStringLiteral("w.json"));
    const std::string base = "file://" + dir.path().toStdString();
    writeFile(widsPath, R"({"__kind__": "wids-shard-index-v1", "shardlist": [{"url": ")" + base +
                            R"(/shard-0.tar", "nsamples": 6}, {"url": ")" + base +
                            R"(/shard-1.tar", "nsamples": 6}]})");
    const CliRun wids = runCli(QStringLiteral(SHARDSCOPE_CLI_PATH),
                               {QStringLiteral("index"), QStringLiteral("--wids"), widsPath,
                                QStringLiteral("--verify"), QStringLiteral("--json")});
    QVERIFY2(wids.exitCode == 0, qPrintable(wids.err));
    const QJsonObject j = QJsonDocument::fromJson(wids.out).object();
    QCOMPARE(j.value(QStringLiteral("samples")).toInt(), 12);
    QCOMPARE(j.value(QStringLiteral("verified")).toBool(), true);
}

QTEST_GUILESS_MAIN(TestHealthIndex)
#include "test_health_index.moc"
