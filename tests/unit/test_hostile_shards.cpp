// Hostile shards through the shard reader: truncated at every kind of
// boundary, a wrong header checksum, an absurd size, deep directories, 10,000
// members, path traversal names, links, and non-archives with archive names.
// Each either reads what is there or fails with an error that names the
// shard; with ErrorPolicy::Skip nothing throws and the problem is reported;
// nothing is written anywhere (the reader only streams).

#include "core/gen/dataset_generator.h"
#include "core/gen/png_writer.h"
#include "core/shard/shard_reader.h"
#include "core/storage/file_store.h"
#include "core/util/error.h"
#include "peak_memory.h"

#include <QDir>
#include <QTemporaryDir>
#include <QTest>

#include <zlib.h>

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

// A GNU tar sparse member (type 'S', the old format GNU tar --sparse writes):
// `realSize` bytes of which only `regions` (offset, bytes) are stored.
std::string sparseMember(const std::string &name, std::uint64_t realSize,
                         const std::vector<std::pair<std::uint64_t, std::string>> &regions)
{
    std::string data;
    for (const auto &r : regions)
        data += r.second;
    std::string h(512, '\0');
    std::memcpy(&h[0], name.data(), std::min<std::size_t>(name.size(), 100));
    std::snprintf(&h[100], 8, "%07o", 0644);
    std::snprintf(&h[108], 8, "%07o", 0);
    std::snprintf(&h[116], 8, "%07o", 0);
    std::snprintf(&h[124], 12, "%011llo", static_cast<unsigned long long>(data.size()));
    std::snprintf(&h[136], 12, "%011o", 0);
    h[156] = 'S';
    std::memcpy(&h[257], "ustar  ", 8); // GNU magic
    for (std::size_t i = 0; i < regions.size() && i < 4; ++i) {
        std::snprintf(&h[386 + 24 * i], 12, "%011llo", static_cast<unsigned long long>(regions[i].first));
        std::snprintf(&h[398 + 24 * i], 12, "%011llo",
                      static_cast<unsigned long long>(regions[i].second.size()));
    }
    std::snprintf(&h[483], 12, "%011llo", static_cast<unsigned long long>(realSize));
    std::memset(&h[148], ' ', 8);
    unsigned sum = 0;
    for (unsigned char c : h)
        sum += c;
    std::snprintf(&h[148], 8, "%06o", sum);
    h[155] = ' ';
    data.append((512 - data.size() % 512) % 512, '\0');
    return h + data;
}

// CRC-32 as PNG and gzip use it (zlib's).
std::uint32_t crc32(const std::string &bytes)
{
    return static_cast<std::uint32_t>(
        ::crc32(0L, reinterpret_cast<const Bytef *>(bytes.data()), static_cast<uInt>(bytes.size())));
}

// gzip with stored (uncompressed) deflate blocks: a valid gzip of any bytes.
std::string gzipStored(const std::string &data)
{
    auto le = [](std::uint32_t v, int n) {
        std::string s;
        for (int i = 0; i < n; ++i)
            s += static_cast<char>(v >> (8 * i));
        return s;
    };
    std::string out("\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff", 10);
    std::size_t at = 0;
    do {
        const std::size_t n = std::min<std::size_t>(data.size() - at, 65535);
        out += static_cast<char>(at + n == data.size() ? 1 : 0); // BFINAL, BTYPE 00
        out += le(static_cast<std::uint32_t>(n), 2) + le(static_cast<std::uint32_t>(~n & 0xFFFF), 2);
        out += data.substr(at, n);
        at += n;
    } while (at < data.size());
    return out + le(crc32(data), 4) + le(static_cast<std::uint32_t>(data.size()), 4);
}

// What reading a shard with `options` raised, "" if nothing; the peak memory growth of the read.
std::string readShard(Store &store, const std::string &shard, const ShardReadOptions &options, qint64 *grown,
                      int *samples = nullptr)
{
    ShardReader reader(store, "h", options);
    peakmemory::resetPeak();
    const qint64 before = peakmemory::peakRss();
    std::string error;
    try {
        reader.read(shard, [samples](Sample &&) {
            if (samples)
                ++*samples;
            return true;
        }, {});
    } catch (const Error &e) {
        error = e.what();
    }
    *grown = peakmemory::peakRss() - before;
    return error;
}
} // namespace

class TestHostileShards : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void hostile_data();
    void hostile();
    void refusedCompressions_data();
    void refusedCompressions();
    void memberCapHoldsWhileStreaming_data();
    void memberCapHoldsWhileStreaming();
    void sdkRuleIsBounded();
    void sparseMembersReadWithTheirHoles_data();
    void sparseMembersReadWithTheirHoles();

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

// Compressions that libarchive would hand to an external program (lrzip,
// grzip) or that shardscope does not read, and compression stacks: refused by
// name before any member is read.
void TestHostileShards::refusedCompressions_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("message");
    const std::string tar = member("k1.cls", "1") + member("k1.txt", "one") + kEnd;
    auto row = [](const char *tag, const char *name, const std::string &bytes, const char *message) {
        QTest::newRow(tag) << QString::fromLatin1(name) << QByteArray::fromStdString(bytes)
                           << QString::fromLatin1(message);
    };
    const std::string junk(600, 'x');
    row("lrzip (an external program)", "s.tar.lrz", "LRZI\x00\x06" + junk, "lrzip compression is not supported");
    row("grzip (an external program)", "s.tar.grz", std::string("GRZipII\x00\x02\x04:)", 12) + junk,
        "grzip compression is not supported");
    row("bzip2", "s.tar.bz2", "BZh91AY&SY" + junk, "bzip2 compression is not supported");
    row("xz", "s.tar.xz", std::string("\xFD" "7zXZ\x00\x00\x04", 8) + junk, "xz compression is not supported");
    row("gzip inside gzip", "s.tar.gz.gz", gzipStored(gzipStored(tar)),
        "compression inside compression (gzip inside gzip) is not supported");
    row("gzip inside gzip inside gzip", "s.tar.gz.gz.gz", gzipStored(gzipStored(gzipStored(tar))),
        "(gzip inside gzip inside gzip) is not supported");
}

void TestHostileShards::refusedCompressions()
{
    QFETCH(QString, name);
    QFETCH(QByteArray, bytes);
    QFETCH(QString, message);
    const std::string shard = "compressed/" + name.toStdString();
    m_store->putBytes("h", shard, std::string_view(bytes.constData(), std::size_t(bytes.size())));
    qint64 grown = 0;
    const QString error = QString::fromStdString(readShard(*m_store, shard, {}, &grown));
    QVERIFY2(error.contains(QString::fromStdString(shard)), qPrintable(error));
    QVERIFY2(error.contains(message), qPrintable(error));
}

// A sample past maxSampleBytes is refused while its member streams: the
// reader never holds more than the cap, even when a small gzip expands to
// hundreds of megabytes or a header lies about the size.
void TestHostileShards::memberCapHoldsWhileStreaming_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("message");
    QTest::addColumn<QString>("culprit"); // the member named
    QTest::newRow("256 MiB of zeros in a tar.gz") << "bomb.tar.gz" << "sample \"big\" is larger than 1.0 MiB"
                                                << "big.bin";
    QTest::newRow("a second member passes the cap") << "two.tar" << "sample \"pair\" is larger than 1.0 MiB"
                                                   << "pair.b";
    QTest::newRow("a header declaring 1 GiB") << "liar.tar" << "its header says 1073741824 bytes" << "liar.bin";
    QTest::newRow("64 MiB in a zip that gives no size up front") << "streamed.zip"
                                                               << "sample \"z\" is larger than 1.0 MiB" << "z.bin";
}

void TestHostileShards::memberCapHoldsWhileStreaming()
{
    QFETCH(QString, name);
    QFETCH(QString, message);
    QFETCH(QString, culprit);
    const std::string shard = "big/" + name.toStdString();
    if (name == QLatin1String("bomb.tar.gz"))
        m_store->putBytes("h", shard, writeArchive(ShardFormat::TarGz, {{"big.bin", std::string(256u << 20, '\0')}}));
    else if (name == QLatin1String("two.tar"))
        m_store->putBytes("h", shard, member("pair.a", std::string(700u << 10, 'a')) +
                                          member("pair.b", std::string(700u << 10, 'b')) + kEnd);
    else if (name == QLatin1String("streamed.zip"))
        m_store->putBytes("h", shard, writeArchive(ShardFormat::Zip, {{"z.bin", std::string(64u << 20, 'z')}}));
    else
        m_store->putBytes("h", shard, header("liar.bin", 1ull << 30) + std::string(4096, 'x'));
    ShardReadOptions options;
    options.maxSampleBytes = 1u << 20;
    qint64 grown = 0;
    const QString error = QString::fromStdString(readShard(*m_store, shard, options, &grown));
    QVERIFY2(error.contains(QString::fromStdString(shard)), qPrintable(error));
    QVERIFY2(error.contains(message), qPrintable(error));
    QVERIFY2(error.contains(QStringLiteral("(in member \"%1\")").arg(culprit)), qPrintable(error));
    QVERIFY2(grown < (24ll << 20) * SHARDSCOPE_MEMORY_SCALE, qPrintable(QStringLiteral("peak memory grew by %1 MiB").arg(grown >> 20)));
}

// The SDK rule must hold a shard's samples until its end (members of a key
// merge from anywhere): bounded by maxSdkShardBytes, said by name past it.
// The WebDataset rule reads the same shard holding one sample at a time.
void TestHostileShards::sdkRuleIsBounded()
{
    std::string tar;
    for (int i = 0; i < 64; ++i)
        tar += member("s" + std::to_string(i) + ".bin", std::string(1u << 20, char('a' + i % 26)));
    m_store->putBytes("h", "wide.tar", tar + kEnd);

    ShardReadOptions sdk;
    sdk.rule = KeyRule::AisSdk;
    sdk.maxSdkShardBytes = 8u << 20;
    qint64 grown = 0;
    const QString error = QString::fromStdString(readShard(*m_store, "wide.tar", sdk, &grown));
    QVERIFY2(error.contains(QLatin1String("wide.tar: the sdk key rule holds a whole shard's samples until its end, "
                                          "and this shard's are larger than 8.0 MiB")),
             qPrintable(error));
    QVERIFY2(error.contains(QLatin1String("(in member \"s7.bin\")")), qPrintable(error));
    QVERIFY2(grown < (32ll << 20) * SHARDSCOPE_MEMORY_SCALE, qPrintable(QStringLiteral("peak memory grew by %1 MiB").arg(grown >> 20)));

    int samples = 0;
    QCOMPARE(readShard(*m_store, "wide.tar", {}, &grown, &samples), std::string());
    QCOMPARE(samples, 64);
    QVERIFY2(grown < (24ll << 20) * SHARDSCOPE_MEMORY_SCALE, qPrintable(QStringLiteral("peak memory grew by %1 MiB").arg(grown >> 20)));

    sdk.maxSdkShardBytes = 128u << 20; // room for the shard: it is read whole, as the SDK reads it
    samples = 0;
    QCOMPARE(readShard(*m_store, "wide.tar", sdk, &grown, &samples), std::string());
    QCOMPARE(samples, 64);
}

void TestHostileShards::sparseMembersReadWithTheirHoles_data()
{
    QTest::addColumn<int>("realSize");
    QTest::addColumn<int>("firstAt");
    QTest::addColumn<int>("secondAt");
    QTest::newRow("holes before, between and after the data") << 200000 << 1000 << 150000;
    QTest::newRow("data at the very start, hole at the end") << 70000 << 0 << 3;
    QTest::newRow("a hole of several blocks up to the last byte") << 300000 << 5 << 299997;
}

// A sparse member reads as its full size, holes as zeros, and the member after
// it is read from the right place.
void TestHostileShards::sparseMembersReadWithTheirHoles()
{
    QFETCH(int, realSize);
    QFETCH(int, firstAt);
    QFETCH(int, secondAt);
    const std::string first = "abc", second = "xyz";
    std::string expected(static_cast<std::size_t>(realSize), '\0');
    expected.replace(static_cast<std::size_t>(firstAt), 3, first);
    expected.replace(static_cast<std::size_t>(secondAt), 3, second);
    const std::string shard = "sparse/" + std::string(QTest::currentDataTag()) + ".tar";
    m_store->putBytes(
        "h", shard,
        sparseMember("s.bin", static_cast<std::uint64_t>(realSize), {{firstAt, first}, {secondAt, second}}) +
            member("s.cls", "7") + kEnd);
    ShardReader reader(*m_store, "h", ShardReadOptions{});
    std::vector<Sample> samples;
    reader.read(shard,
                [&](Sample &&s) {
                    samples.push_back(std::move(s));
                    return true;
                },
                {});
    QCOMPARE(samples.size(), std::size_t(1));
    const std::string *bin = samples[0].member("bin");
    const std::string *cls = samples[0].member("cls");
    QVERIFY(bin && cls);
    QCOMPARE(bin->size(), expected.size());
    QVERIFY2(*bin == expected, "the sparse member's bytes differ");
    QCOMPARE(*cls, std::string("7"));
}

QTEST_GUILESS_MAIN(TestHostileShards)
#include "test_hostile_shards.moc"
