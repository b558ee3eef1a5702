// The file:// and local:// stores on a temporary directory: listing order,
// paging, prefixes, virtual directories, awkward names, ranges, archive
// members of every shard format, malformed shards, and writes that never
// leave the bucket.

#include "core/gen/dataset_generator.h"
#include "core/storage/file_store.h"
#include "core/storage/store_factory.h"
#include "core/storage/store_url.h"
#include "core/util/error.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <set>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace shardscope;

Q_DECLARE_METATYPE(shardscope::ShardFormat)

class TestFileStore : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void putGetListRoundTrip();
    void listingIsSortedAndPaged();
    void prefixAndVirtualDirectories();
    void listingIsBoundedAndKeepsDetails();
    void ranges_data();
    void ranges();
    void rangePastTheEndFails();
    void archiveMembers_data();
    void archiveMembers();
    void malformedShardNamesShardAndMember();
    void rejectsNamesThatLeaveTheBucket_data();
    void rejectsNamesThatLeaveTheBucket();
    void missingObjectAndBucket();
    void localStoreBuckets();
    void fileUrlResolution();
    void destroyKeepsUserDirectories();
    void linksAreNotFollowed_data();
    void linksAreNotFollowed();
    void linkedLocalBucketIsNoBucket();
    void specialFilesAreNoObjects_data();
    void specialFilesAreNoObjects();
    void removingALocalBucketKeepsWhatLinksPointTo();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<FileStore> m_store;
    std::string m_bucket;
};

void TestFileStore::init()
{
    m_dir = std::make_unique<QTemporaryDir>(); // a fresh directory per test
    QVERIFY(m_dir->isValid());
    m_store = FileStore::forFileUrls();
    m_bucket = m_dir->path().toStdString() + "/bkt";
    m_store->createBucket(m_bucket);
}

void TestFileStore::putGetListRoundTrip()
{
    const std::map<std::string, std::string> objects = {
        {"empty", ""},
        {"a/b/c.bin", randomPayload(1, 1, 3000)},
        {"odd names/a b+c%20d?e#f.txt", "x"},
        {"数据/größe.json", "{}"},
    };
    for (const auto &[name, data] : objects)
        m_store->putBytes(m_bucket, name, data);
    for (const auto &[name, data] : objects) {
        QCOMPARE(m_store->getBytes(m_bucket, name), data);
        QCOMPARE(m_store->head(m_bucket, name).size, quint64(data.size()));
    }
    const auto all = m_store->listAll(m_bucket, {});
    QCOMPARE(all.size(), objects.size());
    auto it = objects.begin();
    for (const auto &o : all) {
        QCOMPARE(QString::fromStdString(o.name), QString::fromStdString(it->first));
        QCOMPARE(o.size, quint64(it->second.size()));
        ++it;
    }
    // No temporary files are left behind by the atomic writes.
    QCOMPARE(QDir(QString::fromStdString(m_bucket)).entryList(QDir::Hidden | QDir::Files).size(), 1);
}

void TestFileStore::listingIsSortedAndPaged()
{
    std::set<std::string> names;
    for (int i = 0; i < 37; ++i) {
        const std::string n = (i % 3 ? "d" + std::to_string(i % 4) + "/" : std::string()) + "obj-" + std::to_string(i);
        m_store->putBytes(m_bucket, n, std::string(static_cast<size_t>(i), 'z'));
        names.insert(n);
    }
    ListRequest req;
    req.pageSize = 10;
    std::vector<std::string> seen;
    std::string token;
    int pages = 0;
    do {
        const ListPage page = m_store->listPage(m_bucket, req, token);
        QVERIFY(page.entries.size() <= 10);
        for (const auto &o : page.entries)
            seen.push_back(o.name);
        token = page.continuationToken;
        ++pages;
    } while (!token.empty() && pages < 100);
    QCOMPARE(pages, 4);
    QVERIFY(std::is_sorted(seen.begin(), seen.end()));
    QCOMPARE(std::set<std::string>(seen.begin(), seen.end()), names);
    QCOMPARE(seen.size(), names.size());
}

void TestFileStore::prefixAndVirtualDirectories()
{
    for (const char *n : {"train/a.tar", "train/b.tar", "train/sub/c.tar", "val/d.tar", "top.txt", "trainer.txt"})
        m_store->putBytes(m_bucket, n, "1");
    ListRequest req;
    req.prefix = "train";
    std::vector<std::string> got;
    for (const auto &o : m_store->listAll(m_bucket, req))
        got.push_back(o.name);
    QCOMPARE(got, (std::vector<std::string>{"train/a.tar", "train/b.tar", "train/sub/c.tar", "trainer.txt"}));

    req.prefix.clear();
    req.recursive = false;
    got.clear();
    for (const auto &o : m_store->listAll(m_bucket, req)) {
        got.push_back(o.name);
        QCOMPARE(o.isDirectory, o.name.back() == '/');
    }
    QCOMPARE(got, (std::vector<std::string>{"top.txt", "train/", "trainer.txt", "val/"}));

    req.prefix = "train/";
    got.clear();
    for (const auto &o : m_store->listAll(m_bucket, req))
        got.push_back(o.name);
    QCOMPARE(got, (std::vector<std::string>{"train/a.tar", "train/b.tar", "train/sub/"}));
}

void TestFileStore::listingIsBoundedAndKeepsDetails()
{
    // A tree with more entries than the bound is refused with a message that
    // names the bucket and says what to do, instead of filling memory; a
    // prefix under the bound lists, with sizes and times as head() has them.
    for (int i = 0; i < 12; ++i)
        m_store->putBytes(m_bucket, "a/o-" + std::to_string(100 + i), std::string(std::size_t(i), 'x'));
    for (int i = 0; i < 3; ++i)
        m_store->putBytes(m_bucket, "b/o-" + std::to_string(i), "yy");
    m_store->setMaxListed(10);
    for (const std::string prefix : {"", "a/"}) {
        ListRequest req;
        req.prefix = prefix;
        try {
            m_store->listAll(m_bucket, req);
            QFAIL(qPrintable(QStringLiteral("listed more than the bound under \"%1\"")
                                 .arg(QString::fromStdString(prefix))));
        } catch (const Error &e) {
            const QString why = QString::fromStdString(e.what());
            QVERIFY2(why.contains(QString::fromStdString("file://" + m_bucket)), qPrintable(why));
            QVERIFY2(why.contains(QLatin1String("more than 10 entries")), qPrintable(why));
            QVERIFY2(why.contains(QLatin1String("list a prefix")), qPrintable(why));
        }
    }
    ListRequest exact; // a/o-100 ... a/o-109: exactly the bound
    exact.prefix = "a/o-10";
    QCOMPARE(m_store->listAll(m_bucket, exact).size(), std::size_t(10));
    // A time before 1970 is listed as head() gives it.
    QFile old(QString::fromStdString(m_bucket + "/b/o-0"));
    QVERIFY(old.open(QIODevice::ReadWrite));
    QVERIFY(old.setFileTime(QDateTime(QDate(1960, 5, 1), QTime(10, 0), Qt::UTC),
                            QFileDevice::FileModificationTime));
    old.close();
    ListRequest b;
    b.prefix = "b/";
    const auto listed = m_store->listAll(m_bucket, b);
    QCOMPARE(listed.size(), std::size_t(3));
    QCOMPARE(QString::fromStdString(listed.front().modified), QStringLiteral("1960-05-01T10:00:00Z"));
    for (const auto &o : listed) {
        const ObjectInfo h = m_store->head(m_bucket, o.name);
        QCOMPARE(o.size, quint64(2));
        QVERIFY(!o.modified.empty());
        QCOMPARE(QString::fromStdString(o.modified), QString::fromStdString(h.modified));
    }
    ListRequest top;
    top.recursive = false; // two virtual directories: under the bound
    std::vector<std::string> dirs;
    for (const auto &o : m_store->listAll(m_bucket, top))
        dirs.push_back(o.name);
    QCOMPARE(dirs, (std::vector<std::string>{"a/", "b/"}));
}

void TestFileStore::ranges_data()
{
    QTest::addColumn<qulonglong>("first");
    QTest::addColumn<qlonglong>("last"); // -1: to the end
    QTest::addColumn<qulonglong>("expectFirst");
    QTest::addColumn<qulonglong>("expectSize");
    QTest::newRow("first byte") << 0ull << 0ll << 0ull << 1ull;
    QTest::newRow("last byte") << 999ull << 999ll << 999ull << 1ull;
    QTest::newRow("middle") << 100ull << 199ll << 100ull << 100ull;
    QTest::newRow("open end") << 990ull << -1ll << 990ull << 10ull;
    QTest::newRow("end past the size is clipped") << 900ull << 5000ll << 900ull << 100ull;
}

void TestFileStore::ranges()
{
    QFETCH(qulonglong, first);
    QFETCH(qlonglong, last);
    QFETCH(qulonglong, expectFirst);
    QFETCH(qulonglong, expectSize);
    const std::string data = randomPayload(7, 7, 1000);
    m_store->putBytes(m_bucket, "r.bin", data);
    GetRequest req;
    req.range = ByteRange{first, last < 0 ? std::nullopt : std::optional<std::uint64_t>(last)};
    QCOMPARE(m_store->getBytes(m_bucket, "r.bin", req), data.substr(expectFirst, expectSize));
}

void TestFileStore::rangePastTheEndFails()
{
    m_store->putBytes(m_bucket, "r.bin", std::string(10, 'a'));
    GetRequest req;
    req.range = ByteRange{10, std::nullopt};
    try {
        m_store->getBytes(m_bucket, "r.bin", req);
        QFAIL("a range past the end succeeded");
    } catch (const Error &e) {
        QCOMPARE(e.kind(), ErrorKind::InvalidArgument);
        QVERIFY2(QString::fromStdString(e.what()).contains(QLatin1String("past the end (10 bytes)")), e.what());
    }
}

void TestFileStore::archiveMembers_data()
{
    QTest::addColumn<ShardFormat>("format");
    QTest::newRow("tar") << ShardFormat::Tar;
    QTest::newRow("tar.gz") << ShardFormat::TarGz;
    QTest::newRow("tar.lz4") << ShardFormat::TarLz4;
    QTest::newRow("zip") << ShardFormat::Zip;
}

void TestFileStore::archiveMembers()
{
    QFETCH(ShardFormat, format);
    const std::string big = randomPayload(3, 3, 700000); // spans many read blocks
    const std::vector<std::pair<std::string, std::string>> members = {
        {"s1.cls", "3"}, {"s1.bin", big}, {"dir/s2.json", "{\"a\": 1}"}, {"empty.txt", ""}};
    const std::string shard = "shard" + shardExtension(format);
    m_store->putBytes(m_bucket, shard, writeArchive(format, members));

    const auto listed = m_store->listArchive(m_bucket, shard);
    QCOMPARE(listed.size(), members.size());
    for (size_t i = 0; i < members.size(); ++i) {
        QCOMPARE(QString::fromStdString(listed[i].name), QString::fromStdString(members[i].first));
        QCOMPARE(listed[i].size, quint64(members[i].second.size()));
    }
    for (const auto &[name, data] : members) {
        GetRequest req;
        req.archivePath = name;
        QVERIFY2(m_store->getBytes(m_bucket, shard, req) == data, name.c_str());
    }
    GetRequest ranged;
    ranged.archivePath = "s1.bin";
    ranged.range = ByteRange{300000, 300009};
    QVERIFY(m_store->getBytes(m_bucket, shard, ranged) == big.substr(300000, 10));

    GetRequest missing;
    missing.archivePath = "nope.png";
    try {
        m_store->getBytes(m_bucket, shard, missing);
        QFAIL("a missing member was found");
    } catch (const Error &e) {
        QCOMPARE(e.kind(), ErrorKind::ObjectNotFound);
        QVERIFY2(QString::fromStdString(e.what()).contains(QString::fromStdString(shard + ": no member \"nope.png\"")),
                 e.what());
    }
}

void TestFileStore::malformedShardNamesShardAndMember()
{
    const std::string good = writeArchive(ShardFormat::Tar, {{"a.bin", randomPayload(1, 2, 5000)}, {"b.bin", "x"}});
    m_store->putBytes(m_bucket, "cut.tar", good.substr(0, 1200)); // inside a.bin's data
    GetRequest req;
    req.archivePath = "a.bin";
    try {
        m_store->getBytes(m_bucket, "cut.tar", req);
        QFAIL("a truncated member was read");
    } catch (const Error &e) {
        QCOMPARE(e.kind(), ErrorKind::Protocol);
        const QString msg = QString::fromStdString(e.what());
        QVERIFY2(msg.contains(QLatin1String("cut.tar")) && msg.contains(QLatin1String("\"a.bin\"")), e.what());
    }
    m_store->putBytes(m_bucket, "text.tar", "this is not an archive at all, just some text");
    try {
        m_store->listArchive(m_bucket, "text.tar");
        QFAIL("text was listed as an archive");
    } catch (const Error &e) {
        QCOMPARE(e.kind(), ErrorKind::Protocol);
        QVERIFY2(QString::fromStdString(e.what()).contains(QLatin1String("text.tar")), e.what());
    }
}

void TestFileStore::rejectsNamesThatLeaveTheBucket_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("message");
    QTest::newRow("parent") << "../escape.txt" << "would leave the bucket";
    QTest::newRow("nested parent") << "a/../../escape.txt" << "would leave the bucket";
    QTest::newRow("absolute") << "/etc/passwd" << "must be relative";
    QTest::newRow("double slash") << "a//b" << "empty path component";
    QTest::newRow("trailing slash") << "dir/" << "ends with '/'";
    QTest::newRow("dot") << "./x" << "'.' component";
}

void TestFileStore::rejectsNamesThatLeaveTheBucket()
{
    QFETCH(QString, name);
    QFETCH(QString, message);
    try {
        m_store->putBytes(m_bucket, name.toStdString(), "evil");
        QFAIL("accepted a name that leaves the bucket");
    } catch (const Error &e) {
        QCOMPARE(e.kind(), ErrorKind::InvalidArgument);
        QVERIFY2(QString::fromStdString(e.what()).contains(message), e.what());
    }
    QVERIFY(!QFile::exists(m_dir->filePath(QStringLiteral("escape.txt"))));
}

void TestFileStore::missingObjectAndBucket()
{
    try {
        m_store->getBytes(m_bucket, "nope.bin");
        QFAIL("got a missing object");
    } catch (const Error &e) {
        QCOMPARE(e.kind(), ErrorKind::ObjectNotFound);
        QVERIFY2(QString::fromStdString(e.what()).contains(QString::fromStdString("file://" + m_bucket + "/nope.bin")),
                 e.what());
    }
    try {
        m_store->listAll(m_bucket + "-missing", {});
        QFAIL("listed a missing bucket");
    } catch (const Error &e) {
        QCOMPARE(e.kind(), ErrorKind::BucketNotFound);
    }
}

void TestFileStore::localStoreBuckets()
{
    auto local = FileStore::forLocalRoot(m_dir->filePath(QStringLiteral("root/buckets")).toStdString());
    QVERIFY(local->listBuckets().empty()); // no root yet: no buckets, no error
    local->createBucket("beta");
    local->createBucket("alpha");
    QCOMPARE(local->listBuckets(), (std::vector<std::string>{"alpha", "beta"}));
    try {
        local->createBucket("alpha");
        QFAIL("created a bucket twice");
    } catch (const Error &e) {
        QCOMPARE(e.kind(), ErrorKind::AlreadyExists);
    }
    local->putBytes("alpha", "x/y.bin", "data");
    QCOMPARE(QString::fromStdString(local->url("alpha", "x/y.bin")), QStringLiteral("local://alpha/x/y.bin"));
    local->destroyBucket("alpha"); // the embedded store owns its buckets: removed with content
    QCOMPARE(local->listBuckets(), (std::vector<std::string>{"beta"}));
}

void TestFileStore::fileUrlResolution()
{
    m_store->putBytes(m_bucket, "train/shard-1.tar", "1");
    StoreOptions opts;
    auto loc = openStore(parseStoreUrl("file://" + m_bucket + "/train/shard-"), opts);
    QCOMPARE(QString::fromStdString(loc.bucket), QString::fromStdString(m_bucket + "/train"));
    QCOMPARE(QString::fromStdString(loc.path), QStringLiteral("shard-"));
    auto whole = openStore(parseStoreUrl("file://" + m_bucket), opts);
    QCOMPARE(QString::fromStdString(whole.bucket), QString::fromStdString(m_bucket));
    QVERIFY(whole.path.empty());
}

void TestFileStore::destroyKeepsUserDirectories()
{
    m_store->putBytes(m_bucket, "keep.txt", "mine");
    try {
        m_store->destroyBucket(m_bucket);
        QFAIL("removed a non-empty user directory");
    } catch (const Error &e) {
        QVERIFY2(QString::fromStdString(e.what()).contains(QLatin1String("not empty")), e.what());
    }
    QVERIFY(QFile::exists(QString::fromStdString(m_bucket + "/keep.txt")));
}

void TestFileStore::linksAreNotFollowed_data()
{
    QTest::addColumn<QString>("operation");
    QTest::addColumn<QString>("object");
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("message");
    const int notFound = int(ErrorKind::ObjectNotFound);
    const QString dirLink =
        QStringLiteral("\"out\" is a symbolic link; links inside a bucket are not followed");
    const QString fileLink = QStringLiteral("\"sub/secret.txt\" is a symbolic link");
    QTest::newRow("get through a linked directory") << "get" << "out/secret.txt" << notFound << dirLink;
    QTest::newRow("get a linked file") << "get" << "sub/secret.txt" << notFound << fileLink;
    QTest::newRow("get a range through a link") << "range" << "out/secret.txt" << notFound << dirLink;
    QTest::newRow("head through a linked directory") << "head" << "out/secret.txt" << notFound << dirLink;
    QTest::newRow("head a linked file") << "head" << "sub/secret.txt" << notFound << fileLink;
    QTest::newRow("archive member through a link") << "member" << "out/shard.tar" << notFound << dirLink;
    QTest::newRow("archive listing through a link") << "members" << "out/shard.tar" << notFound << dirLink;
    QTest::newRow("put through a linked directory")
        << "put" << "out/planted.txt" << int(ErrorKind::Io) << dirLink;
    QTest::newRow("put under a linked directory, deeper")
        << "put" << "out/new/planted.txt" << int(ErrorKind::Io) << dirLink;
}

void TestFileStore::linksAreNotFollowed()
{
    QFETCH(QString, operation);
    QFETCH(QString, object);
    QFETCH(int, kind);
    QFETCH(QString, message);
    // Outside the bucket: a secret and a shard; inside: links to them.
    const QString outside = m_dir->filePath(QStringLiteral("outside"));
    QVERIFY(QDir().mkpath(outside));
    QFile secret(outside + QStringLiteral("/secret.txt"));
    QVERIFY(secret.open(QIODevice::WriteOnly));
    secret.write("secret");
    secret.close();
    QFile shard(outside + QStringLiteral("/shard.tar"));
    QVERIFY(shard.open(QIODevice::WriteOnly));
    shard.write(QByteArray::fromStdString(writeArchive(ShardFormat::Tar, {{"a.bin", "secret member"}})));
    shard.close();
    m_store->putBytes(m_bucket, "sub/own.txt", "mine");
    QVERIFY(QFile::link(outside, QString::fromStdString(m_bucket + "/out")));
    QVERIFY(QFile::link(outside + QStringLiteral("/secret.txt"),
                        QString::fromStdString(m_bucket + "/sub/secret.txt")));

    const std::string name = object.toStdString();
    try {
        if (operation == QLatin1String("get")) {
            m_store->getBytes(m_bucket, name);
        } else if (operation == QLatin1String("range")) {
            GetRequest req;
            req.range = ByteRange{1, 3};
            m_store->getBytes(m_bucket, name, req);
        } else if (operation == QLatin1String("head")) {
            m_store->head(m_bucket, name);
        } else if (operation == QLatin1String("member")) {
            GetRequest req;
            req.archivePath = "a.bin";
            m_store->getBytes(m_bucket, name, req);
        } else if (operation == QLatin1String("members")) {
            m_store->listArchive(m_bucket, name);
        } else {
            m_store->putBytes(m_bucket, name, "planted");
        }
        QFAIL("the operation went through a symbolic link");
    } catch (const Error &e) {
        QCOMPARE(int(e.kind()), kind);
        const QString what = QString::fromStdString(e.what());
        QVERIFY2(what.contains(message), e.what());
        QVERIFY2(what.contains(object), e.what()); // names the object
    }
    QVERIFY(!QFile::exists(outside + QStringLiteral("/planted.txt")));
    QVERIFY(!QFile::exists(outside + QStringLiteral("/new")));
    // Listings show neither link nor anything behind it.
    std::vector<std::string> names;
    for (const auto &o : m_store->listAll(m_bucket, {}))
        names.push_back(o.name);
    QCOMPARE(names, std::vector<std::string>{"sub/own.txt"});
}

void TestFileStore::linkedLocalBucketIsNoBucket()
{
    const QString root = m_dir->filePath(QStringLiteral("root"));
    const QString outside = m_dir->filePath(QStringLiteral("elsewhere"));
    QVERIFY(QDir().mkpath(root));
    QVERIFY(QDir().mkpath(outside + QStringLiteral("/etc")));
    QFile secret(outside + QStringLiteral("/etc/hostname"));
    QVERIFY(secret.open(QIODevice::WriteOnly));
    secret.write("host");
    secret.close();
    QVERIFY(QFile::link(outside, root + QStringLiteral("/evil")));
    auto local = FileStore::forLocalRoot(root.toStdString());
    try {
        local->getBytes("evil", "etc/hostname");
        QFAIL("read through a bucket that is a link");
    } catch (const Error &e) {
        QCOMPARE(e.kind(), ErrorKind::BucketNotFound);
        const QString what = QString::fromStdString(e.what());
        QVERIFY2(what.contains(QLatin1String("local://evil: bucket does not exist")), e.what());
    }
    QVERIFY(local->listBuckets().empty());
}

void TestFileStore::specialFilesAreNoObjects_data()
{
    QTest::addColumn<QString>("operation");
    QTest::newRow("get") << "get";
    QTest::newRow("head") << "head";
    QTest::newRow("member") << "member";
}

void TestFileStore::specialFilesAreNoObjects()
{
    QFETCH(QString, operation);
    const std::string fifo = m_bucket + "/pipe";
    QCOMPARE(::mkfifo(fifo.c_str(), 0600), 0);
    // Held open for writing: an open for reading would not wait, and the FIFO
    // would read as an empty object were it taken for one.
    const int holder = ::open(fifo.c_str(), O_RDWR | O_NONBLOCK | O_CLOEXEC);
    QVERIFY(holder >= 0);
    struct Closer
    {
        int fd;
        ~Closer() { ::close(fd); }
    } closer{holder};
    try {
        GetRequest req;
        if (operation == QLatin1String("member"))
            req.archivePath = "a.bin";
        if (operation == QLatin1String("head"))
            m_store->head(m_bucket, "pipe");
        else
            m_store->getBytes(m_bucket, "pipe", req);
        QFAIL("a FIFO was taken for an object");
    } catch (const Error &e) {
        QCOMPARE(e.kind(), ErrorKind::ObjectNotFound);
        const QString what = QString::fromStdString(e.what());
        QVERIFY2(what.contains(QLatin1String("\"pipe\" is a FIFO, not a regular file")), e.what());
    }
    QVERIFY(m_store->listAll(m_bucket, {}).empty());
}

void TestFileStore::removingALocalBucketKeepsWhatLinksPointTo()
{
    const QString outside = m_dir->filePath(QStringLiteral("keep"));
    QVERIFY(QDir().mkpath(outside));
    QFile kept(outside + QStringLiteral("/kept.txt"));
    QVERIFY(kept.open(QIODevice::WriteOnly));
    kept.close();
    auto local = FileStore::forLocalRoot(m_dir->filePath(QStringLiteral("root")).toStdString());
    local->createBucket("doomed");
    local->putBytes("doomed", "deep/er/x.bin", "x");
    QVERIFY(QFile::link(outside, m_dir->filePath(QStringLiteral("root/doomed/deep/link"))));
    local->destroyBucket("doomed");
    QVERIFY(local->listBuckets().empty());
    QVERIFY(QFile::exists(outside + QStringLiteral("/kept.txt")));
}

QTEST_GUILESS_MAIN(TestFileStore)
#include "test_file_store.moc"
