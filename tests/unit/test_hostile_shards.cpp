// Hostile shards through the shard reader: truncated at every kind of
// boundary, a wrong header checksum, an absurd size, deep directories, 10,000
// members, path traversal names, links, and non-archives with archive names.
// Each either reads what is there or fails with an error that names the
// shard; with ErrorPolicy::Skip nothing throws and the problem is reported;
// nothing is written anywhere (the reader only streams).

#include "data/shard_reader.h"
#include "gen/dataset_generator.h"
#include "gen/png_writer.h"
#include "storage/file_store.h"
#include "util/error.h"

#include <QDir>
#include <QTemporaryDir>
#include <QTest>

#include <cstring>

using namespace shardscope;

namespace {
// One ustar header block (512 bytes); `badChecksum` stores a wrong checksum.
std::string header(const std::string &name, std::uint64_t size, char type = '0', const std::string &link = {},
                   bool badChecksum = false)
{
    std::string h(512, '\0');
    std::memcpy(&h[0], name.data(), std::min<std::size_t>(name.size(), 100));
    std::snprintf(&h[100], 8, "%07o", 0644);
    std::snprintf(&h[108], 8, "%07o", 0);
    std::snprintf(&h[116], 8, "%07o", 0);
    std::snprintf(&h[124], 12, "%011llo", static_cast<unsigned long long>(size));
    std::snprintf(&h[136], 12, "%011o", 0);
    h[156] = type;
    std::memcpy(&h[157], link.data(), std::min<std::size_t>(link.size(), 100));
    std::memcpy(&h[257], "ustar", 6);
    std::memcpy(&h[263], "00", 2);
    std::memset(&h[148], ' ', 8);
    unsigned sum = 0;
    for (unsigned char c : h)
        sum += c;
    if (badChecksum)
        sum += 7;
    std::snprintf(&h[148], 8, "%06o", sum);
    h[155] = ' ';
    return h;
}
std::string member(const std::string &name, const std::string &data)
{
    std::string m = header(name, data.size()) + data;
    m.append((512 - data.size() % 512) % 512, '\0');
    return m;
}
const std::string kEnd(1024, '\0');
} // namespace

class TestHostileShards : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void hostile_data();
    void hostile();

private:
    QTemporaryDir m_dir;
    std::unique_ptr<FileStore> m_store;
};

void TestHostileShards::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_store = FileStore::forLocalRoot(m_dir.path().toStdString());
    m_store->createBucket("h");
}

void TestHostileShards::hostile_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<bool>("error");  // reading must fail (with the shard named)
    QTest::addColumn<int>("samples"); // samples delivered when it does not fail (-1: any)

    const std::string good = member("k1.cls", "1") + member("k1.txt", "one") + member("k2.cls", "2") +
                             member("k2.txt", "two") + kEnd;
    auto row = [](const char *tag, const std::string &name, const std::string &bytes, bool error, int samples) {
        QTest::newRow(tag) << QString::fromStdString(name) << QByteArray(bytes.data(), int(bytes.size())) << error
                           << samples;
    };
    row("intact", "ok.tar", good, false, 2);
    row("cut inside the first header", "cut-header.tar", good.substr(0, 300), true, 0);
    row("cut inside member data", "cut-data.tar", member("k.bin", std::string(4000, 'x')).substr(0, 512 + 1000), true, 0);
    row("cut in the padding", "cut-pad.tar", (member("k.cls", "1") + member("k.bin", std::string(100, 'x'))).substr(0, 512 * 3 + 200), true, -1);
    row("no end-of-archive blocks", "no-end.tar", good.substr(0, good.size() - kEnd.size()), false, 2);
    row("wrong header checksum", "checksum.tar", header("k.cls", 1, '0', {}, true) + std::string(511, '\0') + "1" + kEnd, true, 0);
    row("absurd size (64 GiB declared)", "absurd.tar", header("k.bin", 64ull << 30) + std::string(2048, 'x'), true, 0);
    std::string deep;
    for (int i = 0; i < 60; ++i)
        deep += "d" + std::to_string(i) + "/";
    row("deep directories", "deep.tar",
        writeArchive(ShardFormat::Tar, {{deep + "k.cls", "3"}, {deep + "k.txt", "deep"}}), false, 1);
    std::vector<std::pair<std::string, std::string>> many;
    for (int i = 0; i < 5000; ++i) {
        many.emplace_back("s" + std::to_string(i) + ".cls", std::to_string(i % 10));
        many.emplace_back("s" + std::to_string(i) + ".txt", "t");
    }
    row("10,000 members", "many.tar", writeArchive(ShardFormat::Tar, many), false, 5000);
    row("path traversal names", "traversal.tar",
        member("../../etc/evil.cls", "1") + member("../../etc/evil.txt", "x") + member("/abs/k.cls", "2") + kEnd,
        false, 2);
    row("symlink and hard link members", "links.tar",
        member("k.cls", "1") + header("k.lnk", 0, '2', "/etc/passwd") + header("k2.hard", 0, '1', "k.cls") + kEnd,
        false, -1);
    const std::string png = encodePngRgb(2, 2, std::vector<std::uint8_t>(12, 1));
    row("a PNG named .tar", "image.tar", png, true, 0);
    row("text named .zip", "text.zip", std::string("this is not a zip file\n"), true, 0);
    row("text named .tar.gz", "text.tar.gz", std::string("plain words, not gzip\n"), true, 0);
    row("UTF-8 member names", "utf8.tar",
        member("bild-\xc3\xa4.cls", "1") + member("bild-\xc3\xa4.txt", "\xe5\x9b\xbe") + kEnd, false, 1);
    row("empty file", "empty.tar", std::string(), true, 0); // not an archive: said so, with the name
}

void TestHostileShards::hostile()
{
    QFETCH(QString, name);
    QFETCH(QByteArray, bytes);
    QFETCH(bool, error);
    QFETCH(int, samples);
    const std::string shard = "hostile/" + name.toStdString();
    m_store->putBytes("h", shard, std::string_view(bytes.constData(), std::size_t(bytes.size())));
    const QStringList before = QDir(m_dir.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot);

    // Stop: an error names the shard.
    ShardReader stop(*m_store, "h", {});
    int got = 0;
    bool failed = false;
    try {
        stop.read(shard, [&got](Sample &&s) {
            if (s.key.empty() || s.members.empty())
                return false; // never an empty sample
            ++got;
            return true;
        }, {});
    } catch (const Error &e) {
        failed = true;
        QVERIFY2(QString::fromStdString(e.what()).contains(name), e.what());
    }
    QCOMPARE(failed, error);
    if (name == QLatin1String("utf8.tar")) { // names come out as UTF-8, whatever the locale
        ShardReader again(*m_store, "h", {});
        std::string key;
        again.read(shard, [&key](Sample &&s) { key = s.key; return true; }, {});
        QCOMPARE(QString::fromStdString(key), QStringLiteral("bild-ä"));
    }
    if (!error && samples >= 0)
        QCOMPARE(got, samples);

    // Skip: never throws; a problem is reported with the shard's name.
    ShardReadOptions skip;
    skip.onError = ErrorPolicy::Skip;
    ShardReader reader(*m_store, "h", skip);
    std::vector<ShardProblem> problems;
    reader.read(shard, [](Sample &&) { return true; }, [&](const ShardProblem &p) { problems.push_back(p); });
    QCOMPARE(!problems.empty(), error);
    for (const auto &p : problems) {
        QCOMPARE(QString::fromStdString(p.shard), QString::fromStdString(shard));
        QVERIFY(!p.message.empty());
    }
    // Nothing was written outside the bucket (traversal names stay names).
    QCOMPARE(QDir(m_dir.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot), before);
}

QTEST_GUILESS_MAIN(TestHostileShards)
#include "test_hostile_shards.moc"
