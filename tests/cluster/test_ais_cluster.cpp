#include "cluster_fixture.h"

#include "core/util/error.h"

#include <QTest>

#include <algorithm>
#include <set>

using namespace shardscope;

class TestAisCluster : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void clusterMapHasProxyAndTarget();
    void bucketLifecycle();
    void putGetRoundTrip_data();
    void putGetRoundTrip();
    void streamingGetDeliversEveryByte();
    void listingShowsWhatWasPut();
    void listingPagesWithContinuationToken();
    void missingObjectAndBucketAreNamed();
    void cleanupTestCase();

private:
    std::unique_ptr<AisClient> m_client;
    std::string m_bucket;
    std::map<std::string, std::string> m_put; // name -> bytes
};

void TestAisCluster::initTestCase()
{
    const std::string why = clustertest::unreachableReason();
    QVERIFY2(why.empty(), why.c_str()); // fail loudly: never skip silently
    m_client = clustertest::client();
    m_bucket = clustertest::uniqueBucket("ss-core");
}

void TestAisCluster::clusterMapHasProxyAndTarget()
{
    const AisClusterMap smap = m_client->clusterMap();
    QVERIFY(!smap.uuid.empty());
    QVERIFY(smap.proxies.size() >= 1);
    QVERIFY(smap.targets.size() >= 1);
    QVERIFY(!smap.primaryId.empty());
    const bool primaryListed = std::any_of(smap.proxies.begin(), smap.proxies.end(),
                                           [&](const AisNode &n) { return n.id == smap.primaryId; });
    QVERIFY(primaryListed);
    for (const AisNode &t : smap.targets) {
        QCOMPARE(QString::fromStdString(t.type), QStringLiteral("target"));
        QVERIFY2(t.publicNet.url.rfind("http", 0) == 0, t.publicNet.url.c_str());
        QVERIFY(t.idDigest != 0);
    }
    for (const auto *nodes : {&smap.proxies, &smap.targets})
        for (const AisNode &n : *nodes) {
            const AisNodeHealth h = m_client->nodeHealth(n);
            QVERIFY2(h.alive && h.ready, h.error.c_str());
        }
    AisNode bogus;
    bogus.id = "ghost";
    bogus.publicNet.url = "http://127.0.0.1:1";
    const AisNodeHealth dead = m_client->nodeHealth(bogus);
    QVERIFY(!dead.alive);
    QVERIFY2(QString::fromStdString(dead.error).contains(QLatin1String("cannot connect")), dead.error.c_str());
}

void TestAisCluster::bucketLifecycle()
{
    QVERIFY(!m_client->bucketExists(m_bucket));
    m_client->createBucket(m_bucket);
    QVERIFY(m_client->bucketExists(m_bucket));
    const auto buckets = m_client->listBuckets("ais");
    const bool listed = std::any_of(buckets.begin(), buckets.end(), [&](const AisBucket &b) {
        return b.name == m_bucket && b.provider == "ais";
    });
    QVERIFY2(listed, m_bucket.c_str());
    try {
        m_client->createBucket(m_bucket);
        QFAIL("creating an existing bucket succeeded");
    } catch (const Error &e) {
        QCOMPARE(e.kind(), ErrorKind::AlreadyExists);
        QVERIFY2(QString::fromStdString(e.what()).contains(QString::fromStdString("ais://" + m_bucket)), e.what());
    }
}

void TestAisCluster::putGetRoundTrip_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<int>("size");
    QTest::newRow("empty object") << "empty.bin" << 0;
    QTest::newRow("one byte") << "one.bin" << 1;
    QTest::newRow("1 KiB in a directory") << "dir/sub/k.bin" << 1024;
    QTest::newRow("3 MiB") << "big/three-mib.bin" << 3 * 1024 * 1024 + 17;
    QTest::newRow("spaces and symbols") << "odd names/a b+c%20d?e#f.txt" << 100;
    QTest::newRow("unicode") << QStringLiteral("数据/größe-🙂.json") << 64;
}

void TestAisCluster::putGetRoundTrip()
{
    QFETCH(QString, name);
    QFETCH(int, size);
    const std::string obj = name.toStdString();
    const std::string bytes = clustertest::randomBytes(static_cast<size_t>(size), static_cast<unsigned>(qHash(name)));
    m_client->putObject(m_bucket, obj, bytes);
    const std::string back = m_client->getObject(m_bucket, obj);
    QCOMPARE(back.size(), bytes.size());
    QVERIFY2(back == bytes, "bytes differ after a put/get round trip");
    m_put[obj] = bytes;
}

void TestAisCluster::streamingGetDeliversEveryByte()
{
    const std::string obj = "big/three-mib.bin";
    QVERIFY(m_put.count(obj));
    std::string collected;
    size_t chunks = 0;
    const auto n = m_client->getObject(m_bucket, obj, [&](const char *d, size_t len) {
        collected.append(d, len);
        ++chunks;
        return true;
    });
    QCOMPARE(n, quint64(m_put[obj].size()));
    QVERIFY(collected == m_put[obj]);
    QVERIFY2(chunks > 1, "a 3 MiB object should arrive in several chunks");

    // The receiver may stop a transfer; the client stays usable afterwards.
    try {
        m_client->getObject(m_bucket, obj, [](const char *, size_t) { return false; });
        QFAIL("a refused chunk did not stop the transfer");
    } catch (const Error &e) {
        QCOMPARE(e.kind(), ErrorKind::Cancelled);
    }
    QCOMPARE(m_client->getObject(m_bucket, "one.bin"), m_put["one.bin"]);
}

void TestAisCluster::listingShowsWhatWasPut()
{
    const auto entries = m_client->listObjects(m_bucket);
    std::vector<std::string> names;
    for (const auto &e : entries) {
        names.push_back(e.name);
        QVERIFY2(m_put.count(e.name), e.name.c_str());
        QCOMPARE(e.size, quint64(m_put[e.name].size()));
    }
    QCOMPARE(names.size(), m_put.size());
    QVERIFY(std::is_sorted(names.begin(), names.end()));

    const auto under = m_client->listObjects(m_bucket, "big/");
    QCOMPARE(under.size(), size_t(1));
    QCOMPARE(QString::fromStdString(under[0].name), QStringLiteral("big/three-mib.bin"));
}

void TestAisCluster::listingPagesWithContinuationToken()
{
    std::set<std::string> expected;
    for (int i = 0; i < 25; ++i) {
        char name[32];
        std::snprintf(name, sizeof name, "paged/obj-%03d", i);
        m_client->putObject(m_bucket, name, std::string(static_cast<size_t>(i), 'x'));
        expected.insert(name);
        m_put[name] = std::string(static_cast<size_t>(i), 'x');
    }
    std::set<std::string> seen;
    std::string uuid, token;
    int pages = 0;
    do {
        const AisListPage page = m_client->listObjectsPage(m_bucket, "paged/", uuid, token, 10);
        QVERIFY(page.entries.size() <= 10);
        for (const auto &e : page.entries) {
            QVERIFY2(seen.insert(e.name).second, ("listed twice: " + e.name).c_str());
        }
        uuid = page.uuid;
        token = page.continuationToken;
        ++pages;
        QVERIFY2(pages < 20, "listing does not end");
    } while (!token.empty());
    QVERIFY2(pages >= 3, qPrintable(QString::number(pages)));
    QCOMPARE(seen, expected);
}

void TestAisCluster::missingObjectAndBucketAreNamed()
{
    try {
        m_client->getObject(m_bucket, "no/such/object.bin");
        QFAIL("got a missing object");
    } catch (const Error &e) {
        QCOMPARE(e.kind(), ErrorKind::ObjectNotFound);
        QVERIFY2(QString::fromStdString(e.what()).contains(
                     QString::fromStdString("ais://" + m_bucket + "/no/such/object.bin")),
                 e.what());
    }
    const std::string ghost = clustertest::uniqueBucket("ss-ghost");
    try {
        m_client->getObject(ghost, "x");
        QFAIL("got an object from a missing bucket");
    } catch (const Error &e) {
        QCOMPARE(e.kind(), ErrorKind::BucketNotFound);
        QVERIFY2(QString::fromStdString(e.what()).contains(QString::fromStdString(ghost)), e.what());
    }
    try {
        m_client->listObjects(ghost);
        QFAIL("listed a missing bucket");
    } catch (const Error &e) {
        QCOMPARE(e.kind(), ErrorKind::BucketNotFound);
    }
}

void TestAisCluster::cleanupTestCase()
{
    if (!m_client || m_bucket.empty())
        return;
    if (m_client->bucketExists(m_bucket)) {
        m_client->destroyBucket(m_bucket);
        QVERIFY(!m_client->bucketExists(m_bucket));
    }
}

QTEST_GUILESS_MAIN(TestAisCluster)
#include "test_ais_cluster.moc"
