// What the CLI and the GUI share through core: the download of an object to a
// file, worker-count lists, Compare's default methods, which names are
// archives, and the group a URL's path names. Expected values are written out
// by hand here, never computed by the functions under test.

#include "core/bench/benchmark.h"
#include "core/bench/sweep.h"
#include "core/data/sources.h"
#include "core/shard/archive_reader.h"
#include "core/storage/file_store.h"
#include "core/storage/transfer.h"
#include "core/util/error.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <memory>
#include <string>
#include <vector>

using namespace shardscope;

class TestCoreShared : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void downloadWritesTheObject();
    void downloadOfAMissingObjectKeepsTheOldFile();
    void stoppedDownloadLeavesNoFile();
    void downloadOfARangeAndAMember();
    void workerCounts_data();
    void workerCounts();
    void compareDefaults();
    void archiveNames_data();
    void archiveNames();
    void groupOfAPath();

private:
    QByteArray readFile(const QString &path);
    QTemporaryDir m_dir;
    std::unique_ptr<FileStore> m_store;
};

void TestCoreShared::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_store = FileStore::forLocalRoot(m_dir.filePath(QStringLiteral("store")).toStdString());
    m_store->createBucket("b");
    std::string big(3u << 20, '\0');
    for (std::size_t i = 0; i < big.size(); ++i)
        big[i] = char('a' + i % 26);
    m_store->putBytes("b", "big.bin", big);
    m_store->putBytes("b", "small.txt", "hello world");
}

QByteArray TestCoreShared::readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray("<missing>");
}

void TestCoreShared::downloadWritesTheObject()
{
    const QString out = m_dir.filePath(QStringLiteral("big.out"));
    std::vector<std::pair<std::uint64_t, std::uint64_t>> reports;
    const std::uint64_t n =
        downloadObject(*m_store, "b", "big.bin", GetRequest{}, out.toStdString(),
                       [&](std::uint64_t done, std::uint64_t total) { reports.emplace_back(done, total); });
    QCOMPARE(n, std::uint64_t(3u << 20));
    const QByteArray bytes = readFile(out);
    QCOMPARE(bytes.size(), qsizetype(3u << 20));
    QCOMPARE(bytes.left(3), QByteArray("abc"));
    QCOMPARE(bytes.at(26 * 1000 + 2), 'c');
    // The last report is the whole object, out of its known size.
    QVERIFY(!reports.empty());
    QCOMPARE(reports.back().first, std::uint64_t(3u << 20));
    QCOMPARE(reports.back().second, std::uint64_t(3u << 20));
}

void TestCoreShared::downloadOfAMissingObjectKeepsTheOldFile()
{
    const QString out = m_dir.filePath(QStringLiteral("keep.out"));
    downloadObject(*m_store, "b", "small.txt", GetRequest{}, out.toStdString());
    try {
        downloadObject(*m_store, "b", "gone.bin", GetRequest{}, out.toStdString());
        QFAIL("a missing object must be an error");
    } catch (const Error &e) {
        QCOMPARE(e.kind(), ErrorKind::ObjectNotFound);
        QVERIFY2(std::string(e.what()).find("gone.bin") != std::string::npos, e.what());
    }
    QCOMPARE(readFile(out), QByteArray("hello world"));
    QCOMPARE(QDir(m_dir.path()).entryList({QStringLiteral("keep.out.*")}, QDir::Files | QDir::Hidden).size(),
             0);
}

void TestCoreShared::stoppedDownloadLeavesNoFile()
{
    const QString out = m_dir.filePath(QStringLiteral("stopped.out"));
    std::atomic<bool> cancel{true}; // stopped before the first byte lands
    GetRequest request;
    request.cancel = &cancel;
    try {
        downloadObject(*m_store, "b", "big.bin", request, out.toStdString());
        QFAIL("a stopped download must end with Cancelled");
    } catch (const Error &e) {
        QCOMPARE(e.kind(), ErrorKind::Cancelled);
    }
    QVERIFY(!QFile::exists(out));
    QCOMPARE(
        QDir(m_dir.path()).entryList({QStringLiteral("stopped.out*")}, QDir::Files | QDir::Hidden).size(), 0);
}

void TestCoreShared::downloadOfARangeAndAMember()
{
    const QString out = m_dir.filePath(QStringLiteral("range.out"));
    GetRequest request;
    request.range = ByteRange{6, 10};
    std::uint64_t lastTotal = 99;
    downloadObject(*m_store, "b", "small.txt", request, out.toStdString(),
                   [&](std::uint64_t, std::uint64_t total) { lastTotal = total; });
    QCOMPARE(readFile(out), QByteArray("world"));
    QCOMPARE(lastTotal, std::uint64_t(5)); // unknown up front: the end says how much it was
}

void TestCoreShared::workerCounts_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected"); // "" = refused
    QTest::newRow("powers of two") << "1,2,4,8"
                                   << "1 2 4 8";
    QTest::newRow("spaces and a trailing comma") << " 1 , 3,16, "
                                                 << "1 3 16";
    QTest::newRow("one") << "6"
                         << "6";
    QTest::newRow("the most") << "512,1024"
                              << "512 1024";
    QTest::newRow("not increasing") << "1,4,2"
                                    << "";
    QTest::newRow("repeated") << "2,2"
                              << "";
    QTest::newRow("zero") << "0,1"
                          << "";
    QTest::newRow("too many") << "1,1025"
                              << "";
    QTest::newRow("negative") << "-1,2"
                              << "";
    QTest::newRow("a word") << "1,two"
                            << "";
    QTest::newRow("huge") << "99999999999999999999"
                          << "";
    QTest::newRow("empty") << ""
                           << "";
    QTest::newRow("only commas") << ",,"
                                 << "";
}

void TestCoreShared::workerCounts()
{
    QFETCH(QString, text);
    QFETCH(QString, expected);
    try {
        QStringList got;
        for (int w : parseWorkerCounts(text.toStdString()))
            got << QString::number(w);
        QVERIFY2(!expected.isEmpty(), qPrintable(QStringLiteral("accepted: ") + got.join(QLatin1Char(' '))));
        QCOMPARE(got.join(QLatin1Char(' ')), expected);
    } catch (const Error &e) {
        QVERIFY2(expected.isEmpty(), e.what());
        QCOMPARE(e.kind(), ErrorKind::InvalidArgument);
        QVERIFY2(std::string(e.what()).find("1,2,4,8") != std::string::npos, e.what()); // says what is wanted
    }
}

void TestCoreShared::compareDefaults()
{
    using M = BenchMethod;
    QVERIFY(defaultCompareMethods(false, true) ==
            (std::vector<M>{M::Baseline, M::Map, M::Iterable, M::GetBatch}));
    QVERIFY(defaultCompareMethods(false, false) == (std::vector<M>{M::Baseline, M::Map, M::Iterable}));
    QVERIFY(defaultCompareMethods(true, true) == (std::vector<M>{M::Baseline, M::Shard}));
    QVERIFY(defaultCompareMethods(true, false) == (std::vector<M>{M::Baseline, M::Shard}));
}

void TestCoreShared::archiveNames_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("archive");
    for (const char *n : {"shard-000.tar", "a/b/c.tar.gz", "x.tgz", "x.tar.lz4", "x.tar.zst", "x.zip"})
        QTest::newRow(n) << QString::fromLatin1(n) << true;
    for (const char *n : {"x.tar.bz2", "x.txt", "tar", ".tar", "x.TAR", "x.tar/", "x.gz", "dir/"})
        QTest::newRow(n) << QString::fromLatin1(n) << false;
}

void TestCoreShared::archiveNames()
{
    QFETCH(QString, name);
    QFETCH(bool, archive);
    QCOMPARE(isArchiveName(name.toStdString()), archive);
}

void TestCoreShared::groupOfAPath()
{
    const ObjectGroup prefix = groupForPath("train/");
    QCOMPARE(int(prefix.kind), int(ObjectGroup::Kind::Prefix));
    QCOMPARE(prefix.prefix, std::string("train/"));
    const ObjectGroup whole = groupForPath("");
    QCOMPARE(int(whole.kind), int(ObjectGroup::Kind::Prefix));
    QVERIFY(whole.prefix.empty());
    const ObjectGroup tmpl = groupForPath("shard-{0000..0099}.tar");
    QCOMPARE(int(tmpl.kind), int(ObjectGroup::Kind::Template));
    QCOMPARE(tmpl.braceTemplate, std::string("shard-{0000..0099}.tar"));
}

QTEST_GUILESS_MAIN(TestCoreShared)
#include "test_core_shared.moc"
