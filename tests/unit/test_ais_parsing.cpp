#include "core/storage/ais_client.h"
#include "core/storage/ais_errors.h"
#include "core/storage/ais_hrw.h"
#include "core/storage/ais_listing.h"
#include "core/storage/ais_types.h"
#include "core/util/error.h"

#include "local_server.h"

#include <QTest>

#include <cstring>
#include <string_view>

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
    void msgpackPage_data();
    void msgpackPage();
    void msgpackPageFields();
    void msgpackPageRejects_data();
    void msgpackPageRejects();
    void listingAsksForMsgpack_data();
    void listingAsksForMsgpack();
    void hrwMatchesTheSdk();
};

namespace {

// Writes msgpack by hand, byte by byte as the format defines it, so the
// tests do not lean on the library the parser uses.
struct Mp
{
    std::string b;

    Mp &be(std::uint64_t v, int bytes)
    {
        for (int i = bytes - 1; i >= 0; --i)
            b += char((v >> (8 * i)) & 0xff);
        return *this;
    }
    Mp &map(std::uint32_t n) { return n < 16 ? raw(std::string(1, char(0x80 | n))) : raw("\xdf").be(n, 4); }
    Mp &arr(std::uint32_t n)
    {
        if (n < 16)
            return raw(std::string(1, char(0x90 | n)));
        return n < 65536 ? raw("\xdc").be(n, 2) : raw("\xdd").be(n, 4);
    }
    Mp &str(std::string_view s)
    {
        if (s.size() < 32)
            b += char(0xa0 | s.size());
        else
            raw("\xda").be(s.size(), 2);
        b += s;
        return *this;
    }
    Mp &u(std::uint64_t v) { return v < 128 ? raw(std::string(1, char(v))) : raw("\xcf").be(v, 8); }
    Mp &i16(std::int16_t v) { return raw("\xd1").be(std::uint16_t(v), 2); }
    Mp &i64(std::int64_t v) { return raw("\xd3").be(std::uint64_t(v), 8); }
    Mp &nil() { return raw("\xc0"); }
    Mp &raw(std::string_view s)
    {
        b += s;
        return *this;
    }
    // One entry as AIStore's Go encoder writes it for props name,size.
    Mp &entry(std::string_view name, std::int64_t size)
    {
        return map(2).str("n").str(name).str("s").i64(size);
    }
    // The page head: UUID, ContinuationToken, then the Entries key.
    Mp &head(std::string_view token = "")
    {
        return map(4).str("UUID").str("u1").str("ContinuationToken").str(token).str("Entries");
    }
    Mp &tail() { return str("Flags").u(0); }
    QByteArray bytes() const { return QByteArray(b.data(), int(b.size())); }
};

QStringList utf8List(std::initializer_list<std::string_view> names)
{
    QStringList out;
    for (const auto n : names)
        out << QString::fromUtf8(n.data(), int(n.size()));
    return out;
}

const std::string kWhat = "list objects of ais://b, page 3";

std::string httpReply(const std::string &contentType, const std::string &body)
{
    return "HTTP/1.1 200 OK\r\nContent-Type: " + contentType +
           "\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
}

} // namespace

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

void TestAisParsing::msgpackPage_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QStringList>("names");
    QTest::addColumn<QList<quint64>>("sizes");
    QTest::addColumn<QString>("token");

    QTest::newRow("two entries and a token")
        << Mp().head("b").arr(2).entry("a", 0).entry("b", 1024).tail().bytes() << utf8List({"a", "b"})
        << QList<quint64>{0, 1024} << "b";
    QTest::newRow("last page, nil entries")
        << Mp().head().nil().tail().bytes() << utf8List({}) << QList<quint64>{} << "";
    QTest::newRow("size 0 left out (omitempty)")
        << Mp().head().arr(1).map(1).str("n").str("empty").tail().bytes() << utf8List({"empty"})
        << QList<quint64>{0} << "";
    QTest::newRow("sizes in every integer format")
        << Mp().head()
               .arr(4)
               .map(2)
               .str("n")
               .str("fix")
               .str("s")
               .u(7)
               .map(2)
               .str("n")
               .str("i16")
               .str("s")
               .i16(300)
               .map(2)
               .str("n")
               .str("i64")
               .str("s")
               .i64(5000000000)
               .map(2)
               .str("n")
               .str("u64")
               .str("s")
               .u(9223372036854775807ull)
               .tail()
               .bytes()
        << utf8List({"fix", "i16", "i64", "u64"})
        << QList<quint64>{7, 300, 5000000000ull, 9223372036854775807ull} << "";
    QTest::newRow("unicode and odd names")
        << Mp().head("z")
               .arr(4)
               .entry("数据/ü.bin", 1)
               .entry("a b/%20?x=1#y", 2)
               .entry("\\x01\\", 3)
               .entry(std::string("nul\0byte", 8), 4)
               .tail()
               .bytes()
        << utf8List({"数据/ü.bin", "a b/%20?x=1#y", "\\x01\\", std::string_view("nul\0byte", 8)})
        << QList<quint64>{1, 2, 3, 4} << "z";
    QTest::newRow("unknown keys and nested values are skipped") << Mp().map(5)
                                                                       .str("Extra")
                                                                       .map(1)
                                                                       .str("k")
                                                                       .arr(2)
                                                                       .u(1)
                                                                       .str("x")
                                                                       .str("UUID")
                                                                       .str("u1")
                                                                       .str("ContinuationToken")
                                                                       .str("")
                                                                       .str("Entries")
                                                                       .arr(1)
                                                                       .map(4)
                                                                       .str("n")
                                                                       .str("o")
                                                                       .str("zz")
                                                                       .arr(1)
                                                                       .nil()
                                                                       .str("t")
                                                                       .str("t1:/mp")
                                                                       .str("s")
                                                                       .u(5)
                                                                       .tail()
                                                                       .bytes()
                                                                << utf8List({"o"}) << QList<quint64>{5} << "";
    QTest::newRow("a nil entry is nothing") << Mp().head().arr(2).nil().entry("x", 1).tail().bytes()
                                            << utf8List({"x"}) << QList<quint64>{1} << "";
    QTest::newRow("keys in another order") << Mp().map(3)
                                                  .str("Entries")
                                                  .arr(1)
                                                  .entry("x", 1)
                                                  .str("ContinuationToken")
                                                  .str("x")
                                                  .str("UUID")
                                                  .str("u")
                                                  .bytes()
                                           << utf8List({"x"}) << QList<quint64>{1} << "x";
}

void TestAisParsing::msgpackPage()
{
    QFETCH(QByteArray, body);
    QFETCH(QStringList, names);
    QFETCH(QList<quint64>, sizes);
    QFETCH(QString, token);
    const AisListPage page =
        parseListPageMsgpack(std::string_view(body.constData(), std::size_t(body.size())), kWhat);
    QCOMPARE(QString::fromStdString(page.continuationToken), token);
    QStringList gotNames;
    QList<quint64> gotSizes;
    for (const auto &e : page.entries) {
        gotNames << QString::fromUtf8(e.name.data(), int(e.name.size()));
        gotSizes << e.size;
    }
    QCOMPARE(gotNames, names);
    QCOMPARE(gotSizes, sizes);
}

void TestAisParsing::msgpackPageFields()
{
    const Mp mp = Mp().head("obj-1")
                      .arr(2)
                      .map(6)
                      .str("n")
                      .str("obj-1")
                      .str("cs")
                      .str("abc")
                      .str("a")
                      .str("24 Aug 22 10:00 EDT")
                      .str("v")
                      .str("3")
                      .str("s")
                      .i64(1024)
                      .str("f")
                      .u(64)
                      .map(2)
                      .str("n")
                      .str("dir")
                      .str("f")
                      .raw("\xcd")
                      .be(256, 2)
                      .tail();
    const AisListPage p = parseListPageMsgpack(mp.b, kWhat);
    QCOMPARE(QString::fromStdString(p.uuid), QStringLiteral("u1"));
    QCOMPARE(p.entries.size(), size_t(2));
    QCOMPARE(QString::fromStdString(p.entries[0].checksum), QStringLiteral("abc"));
    QCOMPARE(QString::fromStdString(p.entries[0].atime), QStringLiteral("24 Aug 22 10:00 EDT"));
    QCOMPARE(QString::fromStdString(p.entries[0].version), QStringLiteral("3"));
    QCOMPARE(p.entries[0].flags, 64u);
    QVERIFY(!p.entries[0].isDirectory());
    QVERIFY(p.entries[1].isDirectory());
}

void TestAisParsing::msgpackPageRejects_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("text");

    const QByteArray good = Mp().head().arr(1).entry("abc", 5).tail().bytes();
    QTest::newRow("empty") << QByteArray() << "(0 bytes): the msgpack ends early, at byte 0";
    QTest::newRow("cut in a name") << good.left(good.indexOf("abc") + 1) << "the msgpack ends early";
    QTest::newRow("cut after the entries") << good.left(good.size() - 2) << "the msgpack ends early";
    QTest::newRow("string that says 4 GiB")
        << Mp().head().arr(1).map(1).str("n").raw("\xdb\xff\xff\xff\xff").bytes() << "the msgpack ends early";
    QTest::newRow("reserved byte 0xc1") << Mp().head().raw("\xc1").bytes() << "malformed msgpack at byte";
    QTest::newRow("trailing bytes") << good + "\x01\x02\x03"
                                    << "3 bytes follow the page";
    QTest::newRow("two pages") << good + good << "bytes follow the page";
    QTest::newRow("array, not a map") << Mp().arr(1).u(1).bytes() << "the page is not a msgpack map";
    QTest::newRow("a bare string") << Mp().str("hello").bytes() << "the page is not a msgpack map";
    QTest::newRow("Entries a string") << Mp().head().str("x").tail().bytes() << "Entries is not an array";
    QTest::newRow("Entries a map") << Mp().head().map(0).tail().bytes() << "Entries is not an array";
    QTest::newRow("entry a number") << Mp().head().arr(2).entry("a", 1).u(5).tail().bytes()
                                    << "entry 1 is not a map";
    QTest::newRow("entry without a name")
        << Mp().head().arr(1).map(1).str("s").u(5).tail().bytes() << "entry 0 has no name";
    QTest::newRow("name a number") << Mp().head().arr(1).map(1).str("n").u(5).tail().bytes()
                                   << "entry 0: name (n) is not a string";
    QTest::newRow("name a map") << Mp().head().arr(1).map(1).str("n").map(0).tail().bytes()
                                << "entry 0: name (n) is not a scalar";
    QTest::newRow("negative size") << Mp().head().arr(2).entry("a", 1).entry("b.bin", -1).tail().bytes()
                                   << "entry 1 \"b.bin\": negative size -1";
    QTest::newRow("size a string")
        << Mp().head().arr(1).map(2).str("n").str("a").str("s").str("12").tail().bytes()
        << "entry 0: size (s) is not a number of bytes";
    QTest::newRow("size above int64")
        << Mp().head().arr(1).map(2).str("n").str("a").str("s").u(~0ull).tail().bytes()
        << "entry 0: size (s) is not a number of bytes";
    QTest::newRow("flags a string")
        << Mp().head().arr(1).map(2).str("n").str("a").str("f").str("x").tail().bytes()
        << "entry 0: flags (f) is not a number";
    QTest::newRow("token a number") << Mp().map(1).str("ContinuationToken").u(1).bytes()
                                    << "ContinuationToken is not a string";
    QTest::newRow("4 billion entries declared")
        << Mp().head().raw("\xdd\xff\xff\xff\xff").bytes()
        << "the page says it holds 4294967295 entries, more than 100000";
    Mp twice = Mp().map(2).str("Entries").arr(60000);
    for (int i = 0; i < 60000; ++i)
        twice.map(1).str("n").str("x");
    twice.str("Entries").arr(60000);
    QTest::newRow("Entries twice, too many together")
        << twice.bytes() << "the page says it holds 120000 entries, more than 100000";
    Mp deep = Mp().map(1).str("Extra");
    for (int i = 0; i < 100000; ++i)
        deep.arr(1);
    QTest::newRow("nested 100,000 deep") << deep.bytes() << "the msgpack is nested more than 8 deep";
}

void TestAisParsing::msgpackPageRejects()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, text);
    try {
        parseListPageMsgpack(std::string_view(body.constData(), std::size_t(body.size())), kWhat);
        QFAIL("no error");
    } catch (const Error &e) {
        QCOMPARE(e.kind(), ErrorKind::Protocol);
        const QString msg = QString::fromStdString(e.what());
        QVERIFY2(
            msg.startsWith(
                QStringLiteral("list objects of ais://b, page 3: cannot read the msgpack answer (%1 bytes): ")
                    .arg(body.size())),
            qPrintable(msg));
        QVERIFY2(msg.contains(text), qPrintable(msg));
    }
}

// The client asks for msgpack, reads whichever encoding the server picked,
// and names the bucket and the page when the page is broken.
void TestAisParsing::listingAsksForMsgpack_data()
{
    QTest::addColumn<QString>("contentType");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QStringList>("names");
    QTest::addColumn<QString>("error");

    QTest::newRow("msgpack") << "application/msgpack"
                             << Mp().head().arr(2).entry("a", 1).entry("ü", 2).tail().bytes()
                             << utf8List({"a", "ü"}) << "";
    QTest::newRow("msgpack with a parameter")
        << "Application/MsgPack; charset=binary" << Mp().head().arr(1).entry("a", 1).tail().bytes()
        << utf8List({"a"}) << "";
    QTest::newRow("JSON although msgpack was asked for")
        << "application/json"
        << QByteArray(R"({"uuid":"u","continuation_token":"","entries":[{"name":"a","size":"1"}],"flags":0})")
        << utf8List({"a"}) << "";
    QTest::newRow("broken msgpack")
        << "application/msgpack" << QByteArray("\x84\xa4UUID", 6) << utf8List({})
        << "list objects of ais://b/p, page 1: cannot read the msgpack answer (6 bytes): "
           "the msgpack ends early";
    QTest::newRow("broken JSON") << "application/json" << QByteArray("{\"uuid\":") << utf8List({})
                                 << "list objects of ais://b/p, page 1: cannot parse the object list";
}

void TestAisParsing::listingAsksForMsgpack()
{
    QFETCH(QString, contentType);
    QFETCH(QByteArray, body);
    QFETCH(QStringList, names);
    QFETCH(QString, error);
    LocalServer server([&](const LocalServer::Request &) {
        return httpReply(contentType.toStdString(), body.toStdString());
    });
    AisOptions o;
    o.endpoint = server.url();
    o.retry = RetryPolicy::none();
    AisClient client(o);
    try {
        QStringList got;
        for (const auto &e : client.listObjects("b", "p"))
            got << QString::fromStdString(e.name);
        QVERIFY2(error.isEmpty(), "no error");
        QCOMPARE(got, names);
    } catch (const Error &e) {
        QVERIFY2(!error.isEmpty(), e.what());
        QCOMPARE(e.kind(), ErrorKind::Protocol);
        QVERIFY2(QString::fromStdString(e.what()).startsWith(error), e.what());
    }
    const auto requests = server.requests();
    QCOMPARE(requests.size(), size_t(1));
    QVERIFY2(QString::fromStdString(requests[0].head).contains(QStringLiteral("Accept: application/msgpack")),
             requests[0].head.c_str());
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
