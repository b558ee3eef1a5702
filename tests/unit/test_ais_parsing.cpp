#include "core/storage/ais_errors.h"
#include "core/storage/ais_hrw.h"
#include "core/storage/ais_types.h"
#include "core/util/error.h"

#include <QTest>

#include <cstring>

using namespace shardscope;

Q_DECLARE_METATYPE(shardscope::ErrorKind)
Q_DECLARE_METATYPE(shardscope::AisTarget)

class TestAisParsing : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void errorKinds_data();
    void errorKinds();
    void clusterMap();
    void clusterMapRejectsGarbage();
    void bucketList();
    void listPage();
    void listPageRejectsBadSize();
    void hrwMatchesTheSdk();
};

void TestAisParsing::errorKinds_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("body");
    QTest::addColumn<AisTarget>("target");
    QTest::addColumn<ErrorKind>("kind");
    QTest::addColumn<QString>("text");

    QTest::newRow("object missing")
        << 404 << R"({"message":"ais://b/x.bin does not exist","status":404})" << AisTarget::Object
        << ErrorKind::ObjectNotFound << "get ais://b/x: ais://b/x.bin does not exist (HTTP 404)";
    QTest::newRow("bucket missing on object GET")
        << 404 << R"({"message":"bucket \"ais://nope\" does not exist","status":404})" << AisTarget::Object
        << ErrorKind::BucketNotFound << "bucket \"ais://nope\" does not exist";
    QTest::newRow("bucket missing, from a target (400 + tcode)")
        << 400 << R"({"tcode":"ErrBckNotFound","message":"bucket \"ais://g\" does not exist","status":400})"
        << AisTarget::Object << ErrorKind::BucketNotFound << "bucket \"ais://g\" does not exist (HTTP 400)";
    QTest::newRow("bucket missing")
        << 404 << R"({"message":"bucket \"ais://nope\" does not exist"})" << AisTarget::Bucket
        << ErrorKind::BucketNotFound << "(HTTP 404)";
    QTest::newRow("HEAD 404 without body") << 404 << "" << AisTarget::Object << ErrorKind::ObjectNotFound
                                           << "the object or its bucket does not exist";
    QTest::newRow("bucket exists") << 409 << R"({"message":"bucket \"ais://b\" already exists"})"
                                   << AisTarget::Bucket << ErrorKind::AlreadyExists << "already exists";
    QTest::newRow("unauthorized") << 401 << R"({"message":"token required"})" << AisTarget::Cluster
                                  << ErrorKind::Unauthorized << "AIS_AUTHN_TOKEN";
    QTest::newRow("forbidden") << 403 << R"({"message":"access denied"})" << AisTarget::Object
                               << ErrorKind::Forbidden << "access denied (HTTP 403)";
    QTest::newRow("server error, html") << 502 << "<html><body>Bad Gateway</body></html>" << AisTarget::Cluster
                                        << ErrorKind::Http << "Bad Gateway";
    QTest::newRow("gateway timeout") << 504 << "" << AisTarget::Cluster << ErrorKind::Timeout << "HTTP 504";
    // A hostile or broken server's very long message must neither crash the
    // parser (std::regex recursed once per character) nor flood the error.
    const QString longName = QString(40000, QLatin1Char('x'));
    QTest::newRow("404 naming an object, 40,000 characters")
        << 404 << QStringLiteral(R"({"message":"ais://b/%1 does not exist"})").arg(longName) << AisTarget::Object
        << ErrorKind::ObjectNotFound << "(HTTP 404)";
    QTest::newRow("404 naming a bucket, 40,000 characters")
        << 404 << QStringLiteral(R"({"message":"bucket \"ais://%1\" does not exist"})").arg(longName)
        << AisTarget::Object << ErrorKind::BucketNotFound << "(HTTP 404)";
    QTest::newRow("404 of 40,000 characters, plain text")
        << 404 << QString(40000, QLatin1Char('y')) << AisTarget::Object << ErrorKind::ObjectNotFound << "(HTTP 404)";
}

void TestAisParsing::errorKinds()
{
    QFETCH(int, status);
    QFETCH(QString, body);
    QFETCH(AisTarget, target);
    QFETCH(ErrorKind, kind);
    QFETCH(QString, text);
    const Error e = aisError(status, body.toStdString(), "get ais://b/x", target);
    QCOMPARE(e.kind(), kind);
    QCOMPARE(e.httpStatus(), status);
    QVERIFY2(QString::fromStdString(e.what()).contains(text), e.what());
    QVERIFY2(std::strlen(e.what()) < 2000, "the error message is not shortened");
}

void TestAisParsing::clusterMap()
{
    const std::string smap = R"({
      "pmap": {"p1": {"daemon_id":"p1","daemon_type":"proxy",
                       "public_net":{"node_ip_addr":"127.0.0.1","daemon_port":"8080","direct_url":"http://127.0.0.1:8080"},
                       "flags":0}},
      "tmap": {"t2": {"daemon_id":"t2","daemon_type":"target",
                       "public_net":{"node_ip_addr":"127.0.0.1","daemon_port":"8082","direct_url":"http://127.0.0.1:8082"},
                       "flags":4},
               "t1": {"daemon_id":"t1","daemon_type":"target",
                       "public_net":{"node_ip_addr":"127.0.0.1","daemon_port":"8081","direct_url":"http://127.0.0.1:8081"}}},
      "proxy_si": {"daemon_id":"p1"}, "uuid":"abc", "version":"7"})";
    const AisClusterMap m = parseClusterMap(smap);
    QCOMPARE(QString::fromStdString(m.uuid), QStringLiteral("abc"));
    QCOMPARE(QString::fromStdString(m.version), QStringLiteral("7"));
    QCOMPARE(QString::fromStdString(m.primaryId), QStringLiteral("p1"));
    QCOMPARE(m.proxies.size(), size_t(1));
    QCOMPARE(m.targets.size(), size_t(2));
    QCOMPARE(QString::fromStdString(m.targets[0].id), QStringLiteral("t1")); // sorted
    QCOMPARE(QString::fromStdString(m.targets[0].publicNet.url), QStringLiteral("http://127.0.0.1:8081"));
    QVERIFY(!m.targets[0].inMaintenance());
    QVERIFY(m.targets[1].inMaintenance());
}

void TestAisParsing::clusterMapRejectsGarbage()
{
    for (const char *bad : {"", "not json", "[]", R"({"uuid":"x"})"}) {
        try {
            parseClusterMap(bad);
            QFAIL(bad);
        } catch (const Error &e) {
            QCOMPARE(e.kind(), ErrorKind::Protocol);
            QVERIFY2(QString::fromStdString(e.what()).contains(QLatin1String("cluster map")), e.what());
        }
    }
}

void TestAisParsing::bucketList()
{
    const auto b = parseBucketList(
        R"([{"name":"a","provider":"ais","namespace":{"uuid":"","name":""}},
            {"name":"r","provider":"ais","namespace":{"uuid":"U1","name":"ns"}}])");
    QCOMPARE(b.size(), size_t(2));
    QCOMPARE(QString::fromStdString(b[0].toString()), QStringLiteral("ais://a"));
    QCOMPARE(QString::fromStdString(b[1].toString()), QStringLiteral("ais://@U1#ns/r"));
    QVERIFY(parseBucketList("null").empty());
    QVERIFY_THROWS_EXCEPTION(Error, parseBucketList(R"({"name":"a"})"));
}

void TestAisParsing::listPage()
{
    const auto p = parseListPage(
        R"({"uuid":"u","continuation_token":"obj-2","entries":[
            {"name":"obj-1","size":"1024","checksum":"abc","flags":64},
            {"name":"dir/","flags":256},
            {"name":"big","size":"18446744073709551615"}],"flags":0})");
    QCOMPARE(QString::fromStdString(p.uuid), QStringLiteral("u"));
    QCOMPARE(QString::fromStdString(p.continuationToken), QStringLiteral("obj-2"));
    QCOMPARE(p.entries.size(), size_t(3));
    QCOMPARE(p.entries[0].size, quint64(1024));
    QCOMPARE(QString::fromStdString(p.entries[0].checksum), QStringLiteral("abc"));
    QVERIFY(p.entries[1].isDirectory());
    QCOMPARE(p.entries[2].size, std::numeric_limits<quint64>::max());
    const auto last = parseListPage(R"({"uuid":"u","continuation_token":"","entries":null})");
    QVERIFY(last.entries.empty());
    QVERIFY(last.continuationToken.empty());
}

void TestAisParsing::listPageRejectsBadSize()
{
    for (const char *bad : {R"({"entries":[{"name":"a","size":"-1"}]})",
                            R"({"entries":[{"name":"a","size":"12x"}]})",
                            R"({"entries":[{"name":"a","size":"99999999999999999999999"}]})"}) {
        try {
            parseListPage(bad);
            QFAIL(bad);
        } catch (const Error &e) {
            QCOMPARE(e.kind(), ErrorKind::Protocol);
        }
    }
}

// Reference values computed with AIStore's Python SDK 1.25.0
// (aistore.sdk.utils.xoshiro256_hash, and xxhash.xxh64(uname, seed=1103515245)
// as its get_digest does), for names and seeds chosen here.
void TestAisParsing::hrwMatchesTheSdk()
{
    QCOMPARE(aisNameDigest("ais/@#/bck/obj"), 0x69fb0b85594a59bbull);
    QCOMPARE(aisNameDigest("ais/@#/data/shard-00001.tar"), 0x94f9dcd05d75c352ull);
    QCOMPARE(aisNameDigest("ais/@#/b/数据/ü.bin"), 0x25cd64f026e8b80eull);
    QCOMPARE(aisNameDigest(""), 0xaaa3575891557d33ull);
    QCOMPARE(aisHrwMix(0), 0x1a70a846bd9cc2a9ull);
    QCOMPARE(aisHrwMix(1), 0xc5883e370b0926c3ull);
    QCOMPARE(aisHrwMix(0xdeadbeef), 0xbe69c2f4fc35b0b5ull);
    QCOMPARE(aisHrwMix(~0ull), 0x8defbd3346f3593aull);

    AisClusterMap smap;
    const std::uint64_t digests[] = {0x1234567890abcdefull, 0xfedcba0987654321ull, 0x0f0f0f0f0f0f0f0full};
    for (int i = 0; i < 3; ++i) {
        AisNode t;
        t.id = "t" + std::to_string(i);
        t.idDigest = digests[i];
        smap.targets.push_back(t);
    }
    const int owners[] = {0, 0, 1, 0, 1, 0, 0, 2, 1, 1, 2, 1}; // SDK's choice for obj-0 .. obj-11
    for (int i = 0; i < 12; ++i) {
        const AisNode *owner = aisOwningTarget(smap, "bck", "obj-" + std::to_string(i));
        QVERIFY(owner);
        QCOMPARE(QString::fromStdString(owner->id), QStringLiteral("t%1").arg(owners[i]));
    }
    // A target in maintenance is never chosen.
    smap.targets[0].flags = 4;
    for (int i = 0; i < 12; ++i)
        QVERIFY(aisOwningTarget(smap, "bck", "obj-" + std::to_string(i))->id != "t0");
}

QTEST_GUILESS_MAIN(TestAisParsing)
#include "test_ais_parsing.moc"
