// Servers that misbehave on purpose, on loopback: wrong protocols in URLs and
// cluster maps, endless bodies and listings, dot segments in object names,
// redirects that try to collect credentials, callbacks that throw, and
// ranged or resumed reads answered with the wrong bytes.

#include "local_server.h"

#include "core/storage/ais_client.h"
#include "core/storage/ais_store.h"
#include "core/storage/http_client.h"
#include "core/storage/s3_store.h"
#include "core/util/error.h"
#include "core/util/strings.h"

#include <QTest>

#include <stdexcept>

using namespace shardscope;
using namespace std::chrono_literals;

Q_DECLARE_METATYPE(shardscope::ErrorKind)

namespace {

std::string reply(int status, const std::string &body, const std::string &extraHeaders = "")
{
    return "HTTP/1.1 " + std::to_string(status) + " X\r\nContent-Length: " + std::to_string(body.size()) + "\r\n" +
           extraHeaders + "\r\n" + body;
}

HttpOptions fastOptions()
{
    HttpOptions o;
    o.connectTimeout = 1000ms;
    o.readTimeout = 1000ms;
    return o;
}

AisOptions aisOptions(const std::string &endpoint)
{
    AisOptions o;
    o.endpoint = endpoint;
    o.http = fastOptions();
    o.retry.initialBackoff = 10ms;
    o.retry.maxBackoff = 20ms;
    o.retry.maxAttempts = 4;
    o.directReads = false;
    return o;
}

S3Options s3Options(const std::string &endpoint)
{
    S3Options o;
    o.endpoint = endpoint;
    o.accessKey = "AKIDEXAMPLE";
    o.secretKey = "wJalrXUtnFEMI-very-secret";
    o.http = fastOptions();
    return o;
}

std::string smapWithTarget(const std::string &targetUrl)
{
    return R"({"pmap":{"p1":{"daemon_id":"p1","daemon_type":"proxy"}},"proxy_si":{"daemon_id":"p1"},)"
           R"("tmap":{"t1":{"daemon_id":"t1","daemon_type":"target","id_digest":12345,)"
           R"("public_net":{"node_ip_addr":"127.0.0.1","daemon_port":"1","direct_url":")" +
           targetUrl + R"("}}},"uuid":"u","version":"3"})";
}

QString text(const std::exception &e) { return QString::fromStdString(e.what()); }

} // namespace

class TestHostileServers : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void callbacksNeverThrowThroughCurl_data();
    void callbacksNeverThrowThroughCurl();
    void onlyHttpAndHttps_data();
    void onlyHttpAndHttps();
    void clusterMapNodeUrlsAreChecked_data();
    void clusterMapNodeUrlsAreChecked();
    void bodiesAreCapped_data();
    void bodiesAreCapped();
    void bufferedAnswersHaveATimeLimit_data();
    void bufferedAnswersHaveATimeLimit();
    void paginationMustEnd_data();
    void paginationMustEnd();
    void dotSegmentsAreSentVerbatim_data();
    void dotSegmentsAreSentVerbatim();
    void credentialsStayWithTrustedHosts_data();
    void credentialsStayWithTrustedHosts();
    void rangedReadsAreChecked_data();
    void rangedReadsAreChecked();
};

// A sink or upload source that throws must not unwind through libcurl's C
// frames: the exception comes out of perform() and the client keeps working.
void TestHostileServers::callbacksNeverThrowThroughCurl_data()
{
    QTest::addColumn<QString>("thrower");
    QTest::addColumn<QString>("expected");
    QTest::newRow("sink throws shardscope::Error") << "sink-error" << "disk full while writing o";
    QTest::newRow("sink throws std::logic_error") << "sink-std" << "decoder bug";
    QTest::newRow("upload source throws an int") << "upload-int" << "int 7";
}

void TestHostileServers::callbacksNeverThrowThroughCurl()
{
    QFETCH(QString, thrower);
    QFETCH(QString, expected);
    LocalServer server([](const LocalServer::Request &) { return reply(200, std::string(100000, 'x')); });
    HttpClient http(fastOptions());
    const std::string payload(50000, 'p');
    const UploadSource throwing{payload.size(), [](std::uint64_t, char *, std::size_t) -> std::size_t { throw 7; }};
    HttpRequest r;
    r.url = server.url() + "/v1/objects/b/o";
    if (thrower == QLatin1String("upload-int")) {
        r.method = "PUT";
        r.upload = &throwing;
    } else {
        r.sink = [&](const char *, std::size_t) -> bool {
            if (thrower == QLatin1String("sink-error"))
                throw Error(ErrorKind::Io, "disk full while writing o");
            throw std::logic_error("decoder bug");
        };
    }
    QString caught;
    try {
        http.perform(r);
    } catch (const std::exception &e) {
        caught = text(e);
    } catch (int v) {
        caught = QStringLiteral("int %1").arg(v);
    }
    QCOMPARE(caught, expected);

    HttpRequest again; // the same handle still works
    again.url = server.url() + "/v1/health";
    const HttpResponse resp = http.perform(again);
    QCOMPARE(resp.status, 200L);
    QCOMPARE(resp.body.size(), size_t(100000));
}

// Only http and https are ever spoken, also when a server redirects elsewhere.
void TestHostileServers::onlyHttpAndHttps_data()
{
    QTest::addColumn<QString>("scheme");
    QTest::addColumn<bool>("viaRedirect");
    QTest::newRow("gopher URL") << "gopher" << false;
    QTest::newRow("dict URL") << "dict" << false;
    QTest::newRow("telnet URL") << "telnet" << false;
    QTest::newRow("redirect to ftp") << "ftp" << true;
    QTest::newRow("redirect to gopher") << "gopher" << true;
}

void TestHostileServers::onlyHttpAndHttps()
{
    QFETCH(QString, scheme);
    QFETCH(bool, viaRedirect);
    LocalServer victim([](const LocalServer::Request &) { return std::string(); });
    const std::string victimUrl = scheme.toStdString() + "://127.0.0.1:" + std::to_string(victim.port()) + "/x";
    LocalServer redirector(
        [&](const LocalServer::Request &) { return reply(302, "", "Location: " + victimUrl + "\r\n"); });
    HttpClient http(fastOptions());
    HttpRequest r;
    r.url = viaRedirect ? redirector.url() + "/v1/health" : victimUrl;
    try {
        http.perform(r);
        QFAIL("a non-HTTP URL was fetched");
    } catch (const Error &e) {
        QCOMPARE(e.kind(), ErrorKind::InvalidUrl);
        QVERIFY2(text(e).contains(QLatin1String("only http and https")), e.what());
        QVERIFY2(text(e).contains(scheme + QLatin1String("://")), e.what());
    }
    QCOMPARE(victim.connections(), 0);
}

// Node URLs from a cluster map are checked like endpoints before any request.
void TestHostileServers::clusterMapNodeUrlsAreChecked_data()
{
    QTest::addColumn<QString>("endpointScheme");
    QTest::addColumn<QString>("nodeScheme");
    QTest::addColumn<QString>("operation");
    QTest::addColumn<QString>("expected");
    QTest::newRow("gopher node, health check")
        << "http" << "gopher" << "health" << "node t1 has an unusable URL in the cluster map";
    QTest::newRow("dict node, direct read") << "http" << "dict" << "read" << "";
    QTest::newRow("https cluster, http node, health check")
        << "https" << "http" << "health" << "would downgrade https to http";
}

void TestHostileServers::clusterMapNodeUrlsAreChecked()
{
    QFETCH(QString, endpointScheme);
    QFETCH(QString, nodeScheme);
    QFETCH(QString, operation);
    QFETCH(QString, expected);
    LocalServer victim([](const LocalServer::Request &) { return std::string(); });
    const std::string nodeUrl = nodeScheme.toStdString() + "://127.0.0.1:" + std::to_string(victim.port());
    LocalServer proxy([&](const LocalServer::Request &r) {
        if (r.target == "/v1/daemon?what=smap")
            return reply(200, smapWithTarget(nodeUrl));
        return reply(200, "via the proxy");
    });
    AisOptions opts = aisOptions(endpointScheme == QLatin1String("https") ? "https://127.0.0.1:1" : proxy.url());
    opts.token = "tok3n";
    if (operation == QLatin1String("read")) {
        opts.token.clear(); // direct reads are for clusters without auth
        opts.directReads = true;
        AisClient client(opts);
        QCOMPARE(client.getObject("b", "o"), std::string("via the proxy"));
    } else {
        AisClient client(opts);
        AisNode node;
        node.id = "t1";
        node.publicNet.url = nodeUrl;
        const AisNodeHealth h = client.nodeHealth(node);
        QVERIFY(!h.alive);
        QVERIFY2(QString::fromStdString(h.error).contains(expected), h.error.c_str());
        QVERIFY2(QString::fromStdString(h.error).contains(nodeScheme + QLatin1String("://")), h.error.c_str());
    }
    QCOMPARE(victim.connections(), 0);
}

// A successful answer that nobody streams is held in memory: it is capped.
void TestHostileServers::bodiesAreCapped_data()
{
    QTest::addColumn<QString>("call");
    QTest::addColumn<bool>("chunked");
    QTest::addColumn<QString>("expected");
    QTest::newRow("AIS listing") << "ais-list" << false << "list objects of ais://b";
    QTest::newRow("AIS listing, chunked without end") << "ais-list" << true << "list objects of ais://b";
    QTest::newRow("AIS cluster map") << "ais-smap" << false << "cluster map of http://127.0.0.1:";
    QTest::newRow("S3 listing") << "s3-list" << false << "list objects of s3://b";
}

void TestHostileServers::bodiesAreCapped()
{
    QFETCH(QString, call);
    QFETCH(bool, chunked);
    QFETCH(QString, expected);
    const std::string huge(3 << 20, ' ');
    LocalServer server([&](const LocalServer::Request &) {
        if (!chunked)
            return reply(200, huge);
        std::string out = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n";
        for (int i = 0; i < 48; ++i) // 3 MiB in 64 KiB chunks, and no last chunk
            out += "10000\r\n" + std::string(0x10000, ' ') + "\r\n";
        return std::string(LocalServer::kCloseAfter) + out;
    });
    try {
        if (call == QLatin1String("s3-list")) {
            S3Options o = s3Options(server.url());
            o.http.maxBodyBytes = 1 << 20;
            S3Store(o).listAll("b", {});
        } else {
            AisOptions o = aisOptions(server.url());
            o.http.maxBodyBytes = 1 << 20;
            o.retry = RetryPolicy::none();
            AisClient client(o);
            if (call == QLatin1String("ais-smap"))
                client.clusterMap();
            else
                client.listObjects("b");
        }
        QFAIL("an answer larger than the cap was accepted");
    } catch (const Error &e) {
        QCOMPARE(e.kind(), ErrorKind::Protocol);
        QVERIFY2(text(e).contains(expected), e.what());
        QVERIFY2(text(e).contains(QLatin1String("larger than the 1048576 bytes allowed")), e.what());
    }
}

// An answer held in memory that never ends (a byte every 100 ms keeps the
// read timeout quiet) is bounded in time as well as in size.
void TestHostileServers::bufferedAnswersHaveATimeLimit_data()
{
    QTest::addColumn<QString>("call");
    QTest::addColumn<QString>("expected");
    QTest::newRow("AIS listing dripping") << "ais-list" << "list objects of ais://b";
    QTest::newRow("S3 listing dripping") << "s3-list" << "list objects of s3://b";
}

void TestHostileServers::bufferedAnswersHaveATimeLimit()
{
    QFETCH(QString, call);
    QFETCH(QString, expected);
    LocalServer server([](const LocalServer::Request &) {
        return std::string(LocalServer::kDrip) + reply(200, std::string(100, ' ')); // 10 s, then nonsense
    });
    HttpOptions http = fastOptions();
    http.bufferedTotalTimeout = 1500ms;
    try {
        if (call == QLatin1String("s3-list")) {
            S3Options o = s3Options(server.url());
            o.http = http;
            S3Store(o).listAll("b", {});
        } else {
            AisOptions o = aisOptions(server.url());
            o.http = http;
            o.retry = RetryPolicy::none();
            AisClient(o).listObjects("b");
        }
        QFAIL("an endless answer was waited for");
    } catch (const Error &e) {
        QCOMPARE(e.kind(), ErrorKind::Timeout);
        QVERIFY2(text(e).contains(expected), e.what());
        QVERIFY2(text(e).contains(QLatin1String("no complete answer within 1500 ms")), e.what());
    }
}

// A listing whose server repeats a continuation token, or says "truncated"
// without saying where to go on, is an error naming the bucket.
void TestHostileServers::paginationMustEnd_data()
{
    QTest::addColumn<QString>("call");
    QTest::addColumn<QString>("expected");
    QTest::newRow("Store::listAll, AIS repeats its token")
        << "ais-listAll" << "list ais://b: the server sent continuation token \"t1\" again";
    QTest::newRow("Store::listAll, AIS cycles two tokens")
        << "ais-listAll-cycle" << "list ais://b: the server sent continuation token \"t1\" again";
    QTest::newRow("AisClient::listObjects repeats its token")
        << "ais-listObjects" << "list objects of ais://b: the server sent continuation token \"t1\" again";
    QTest::newRow("AisStore::listArchive repeats its token")
        << "ais-listArchive" << "list shard ais://b/s.tar: the server sent continuation token \"t1\" again";
    QTest::newRow("S3 repeats its token")
        << "s3-repeat" << "list s3://b: the server sent continuation token \"t1\" again";
    QTest::newRow("S3 truncated without a token")
        << "s3-truncated" << "list objects of s3://b: the page says IsTruncated=true but has no NextContinuationToken";
}

void TestHostileServers::paginationMustEnd()
{
    QFETCH(QString, call);
    QFETCH(QString, expected);
    std::atomic<int> pages{0};
    LocalServer server([&](const LocalServer::Request &r) {
        if (r.method == "HEAD")
            return reply(200, "", "");
        if (++pages > 50) // bounded: a client that never stops gets an error it would not expect
            return reply(400, R"({"message":"test server: too many pages"})");
        if (call.startsWith(QLatin1String("s3"))) {
            const bool truncatedOnly = call == QLatin1String("s3-truncated");
            return reply(200, std::string(R"(<?xml version="1.0"?><ListBucketResult><Contents><Key>k)") +
                                  std::to_string(pages.load()) + "</Key><Size>1</Size></Contents>" +
                                  "<IsTruncated>true</IsTruncated>" +
                                  (truncatedOnly ? "" : "<NextContinuationToken>t1</NextContinuationToken>") +
                                  "</ListBucketResult>");
        }
        const std::string token =
            call == QLatin1String("ais-listAll-cycle") ? (pages % 2 ? "t1" : "t2") : std::string("t1");
        const std::string name = call == QLatin1String("ais-listArchive") ? "s.tar/m" : "o";
        return reply(200, R"({"uuid":"u","continuation_token":")" + token + R"(","entries":[{"name":")" + name +
                              std::to_string(pages.load()) + R"(","size":"1","flags":128}]})");
    });
    try {
        if (call.startsWith(QLatin1String("s3"))) {
            S3Store(s3Options(server.url())).listAll("b", {});
        } else {
            AisStore store(aisOptions(server.url()));
            if (call == QLatin1String("ais-listObjects"))
                store.client().listObjects("b");
            else if (call == QLatin1String("ais-listArchive"))
                store.listArchive("b", "s.tar");
            else
                store.listAll("b", {});
        }
        QFAIL("the listing ended without an error");
    } catch (const Error &e) {
        QCOMPARE(e.kind(), ErrorKind::Protocol);
        QVERIFY2(text(e).contains(expected), e.what());
    }
    QVERIFY(pages.load() <= 3);
}

// Object names are sent as they are: "." and ".." segments are not collapsed
// into another path (another endpoint of the API).
void TestHostileServers::dotSegmentsAreSentVerbatim_data()
{
    QTest::addColumn<QString>("store");
    QTest::addColumn<QString>("object");
    QTest::addColumn<QString>("path");
    QTest::newRow("S3 train/../x.tar") << "s3" << "train/../x.tar" << "/b/train/../x.tar";
    QTest::newRow("S3 a/./b") << "s3" << "a/./b" << "/b/a/./b";
    QTest::newRow("AIS a/../../../v1/buckets/x")
        << "ais" << "a/../../../v1/buckets/x" << "/v1/objects/b/a/../../../v1/buckets/x?provider=ais";
}

void TestHostileServers::dotSegmentsAreSentVerbatim()
{
    QFETCH(QString, store);
    QFETCH(QString, object);
    QFETCH(QString, path);
    LocalServer server([](const LocalServer::Request &) { return reply(200, "data"); });
    std::unique_ptr<Store> s;
    if (store == QLatin1String("s3"))
        s = std::make_unique<S3Store>(s3Options(server.url()));
    else
        s = std::make_unique<AisStore>(aisOptions(server.url()));
    QCOMPARE(s->getBytes("b", object.toStdString()), std::string("data"));
    QCOMPARE(QString::fromStdString(server.requests().at(0).target), path);
}

// Credentials (the AIS token, S3's session token) go only to the host asked
// and, for AIS, to nodes of the cluster map.
void TestHostileServers::credentialsStayWithTrustedHosts_data()
{
    QTest::addColumn<QString>("scenario");
    QTest::addColumn<QString>("expectedError");
    QTest::newRow("S3 session token, redirect to another host") << "s3-foreign" << "";
    QTest::newRow("AIS token, redirect to a host outside the cluster map")
        << "ais-foreign" << "redirected to a host that is not a node of the cluster map";
    QTest::newRow("AIS token, redirect to a target of the cluster map") << "ais-node" << "";
}

void TestHostileServers::credentialsStayWithTrustedHosts()
{
    QFETCH(QString, scenario);
    QFETCH(QString, expectedError);
    LocalServer other([](const LocalServer::Request &) { return reply(200, "elsewhere"); });
    LocalServer target([](const LocalServer::Request &) { return reply(200, "elsewhere"); });
    const bool toNode = scenario == QLatin1String("ais-node");
    LocalServer origin([&](const LocalServer::Request &r) {
        if (r.target == "/v1/daemon?what=smap")
            return reply(200, smapWithTarget(target.url()));
        return reply(307, "", "Location: " + (toNode ? target.url() : other.url()) + r.target + "\r\n");
    });
    std::string got, error;
    try {
        if (scenario == QLatin1String("s3-foreign")) {
            S3Options o = s3Options(origin.url());
            o.sessionToken = "SESSION-t0ken";
            got = S3Store(o).getBytes("b", "o");
        } else {
            AisOptions o = aisOptions(origin.url());
            o.token = "tok3n";
            got = AisClient(o).getObject("b", "o");
        }
    } catch (const Error &e) {
        error = e.what();
    }
    if (expectedError.isEmpty()) {
        QVERIFY2(error.empty(), error.c_str());
        QCOMPARE(got, std::string("elsewhere"));
    } else {
        QVERIFY2(QString::fromStdString(error).contains(expectedError), error.c_str());
        QVERIFY2(QString::fromStdString(error).contains(QLatin1String("get ais://b/o")), error.c_str());
        QVERIFY2(!QString::fromStdString(error).contains(QLatin1String("tok3n")), error.c_str());
    }
    for (const auto &r : other.requests()) {
        QVERIFY2(r.head.find("SESSION-t0ken") == std::string::npos, r.head.c_str());
        QVERIFY2(r.head.find("tok3n") == std::string::npos, r.head.c_str());
        QVERIFY2(r.head.find("Authorization") == std::string::npos, r.head.c_str());
    }
    if (scenario == QLatin1String("ais-foreign"))
        QCOMPARE(other.connections(), 0);
    if (toNode) {
        QCOMPARE(target.requests().size(), size_t(1));
        QVERIFY2(target.requests()[0].head.find("Authorization: Bearer tok3n") != std::string::npos,
                 target.requests()[0].head.c_str());
    }
}

// A ranged or resumed read accepts only 206 with the Content-Range asked
// for, from the same version of the object, before any byte reaches the sink.
void TestHostileServers::rangedReadsAreChecked_data()
{
    QTest::addColumn<QString>("scenario");
    QTest::addColumn<QString>("expected");
    QTest::addColumn<QString>("sunk");
    const QString first10 = QStringLiteral("0123456789");
    QTest::newRow("AIS resume answered 200 with the whole object")
        << "resume-200" << "the server answered 200 to a request for bytes 10- (206 expected)" << first10;
    QTest::newRow("AIS resume answered with another Content-Range")
        << "resume-range" << "asked for bytes 10- but the server sent Content-Range: bytes 0-35/36" << first10;
    QTest::newRow("AIS resume after the ETag changed")
        << "resume-etag" << "object changed during download: ETag \"v1\" became \"v2\"" << first10;
    QTest::newRow("AIS resume after Ais-Version changed")
        << "resume-version" << "object changed during download: Ais-Version 1 became 2" << first10;
    QTest::newRow("AIS resume, same version, right range") << "resume-good" << "" << "";
    QTest::newRow("AIS ranged GET answered 200")
        << "ais-range-200" << "the server answered 200 to a request for bytes 5-9 (206 expected)" << "";
    QTest::newRow("S3 ranged GET answered 200")
        << "s3-range-200" << "the server answered 200 to a request for bytes 5-9 (206 expected)" << "";
    QTest::newRow("S3 ranged GET answered with another Content-Range")
        << "s3-range-other" << "asked for bytes 5-9 but the server sent Content-Range: bytes 0-4/36" << "";
}

void TestHostileServers::rangedReadsAreChecked()
{
    QFETCH(QString, scenario);
    QFETCH(QString, expected);
    QFETCH(QString, sunk);
    const std::string data = "0123456789abcdefghijklmnopqrstuvwxyz";
    const std::string size = std::to_string(data.size());
    const std::string sc = scenario.toStdString();
    LocalServer server([&](const LocalServer::Request &r) {
        const auto at = r.head.find("Range: bytes=");
        if (at == std::string::npos) // first attempt: promise everything, send 10 bytes, hang up
            return std::string(LocalServer::kCloseAfter) + "HTTP/1.1 200 OK\r\nContent-Length: " + size +
                   "\r\nETag: \"v1\"\r\nAis-Version: 1\r\n\r\n" + data.substr(0, 10);
        if (sc == "resume-200" || sc == "ais-range-200" || sc == "s3-range-200")
            return reply(200, data, "ETag: \"v1\"\r\nAis-Version: 1\r\n");
        if (sc == "resume-range")
            return reply(206, data, "Content-Range: bytes 0-35/36\r\nETag: \"v1\"\r\nAis-Version: 1\r\n");
        if (sc == "s3-range-other")
            return reply(206, data.substr(0, 5), "Content-Range: bytes 0-4/36\r\n");
        const std::string etag = sc == "resume-etag" ? "\"v2\"" : "\"v1\"";
        const std::string version = sc == "resume-version" ? "2" : "1";
        return reply(206, data.substr(10), "Content-Range: bytes 10-35/36\r\nETag: " + etag +
                                               "\r\nAis-Version: " + version + "\r\n");
    });
    std::string got, error;
    const BodySink sink = [&](const char *d, std::size_t n) {
        got.append(d, n);
        return true;
    };
    try {
        if (startsWith(sc, "s3")) {
            GetRequest req;
            req.range = ByteRange{5, 9};
            S3Store(s3Options(server.url())).get("b", "o", req, sink);
        } else if (sc == "ais-range-200") {
            GetRequest req;
            req.range = ByteRange{5, 9};
            AisStore(aisOptions(server.url())).get("b", "o", req, sink);
        } else {
            AisClient(aisOptions(server.url())).getObject("b", "o", sink);
        }
    } catch (const Error &e) {
        error = e.what();
    }
    if (expected.isEmpty()) {
        QVERIFY2(error.empty(), error.c_str());
        QCOMPARE(got, data);
        return;
    }
    const std::string subject = startsWith(sc, "s3") ? "get s3://b/o: " : "get ais://b/o: ";
    QVERIFY2(startsWith(error, subject), error.c_str());
    QVERIFY2(QString::fromStdString(error).contains(expected), error.c_str());
    QCOMPARE(QString::fromStdString(got), sunk); // nothing of the wrong answer reached the sink
}

QTEST_GUILESS_MAIN(TestHostileServers)
#include "test_hostile_servers.moc"
