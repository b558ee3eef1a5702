#include "local_server.h"

#include "core/storage/ais_client.h"
#include "core/storage/http_client.h"
#include "core/util/error.h"

#include <QElapsedTimer>
#include <QTest>

#include <algorithm>
#include <memory>

using namespace shardscope;
using namespace std::chrono_literals;

namespace {

std::string reply(int status, const std::string &reason, const std::string &body,
                  const std::string &extraHeaders = "")
{
    return "HTTP/1.1 " + std::to_string(status) + " " + reason + "\r\nContent-Length: " +
           std::to_string(body.size()) + "\r\n" + extraHeaders + "\r\n" + body;
}

HttpOptions fastOptions()
{
    HttpOptions o;
    o.connectTimeout = 1000ms;
    o.readTimeout = 1000ms;
    return o;
}

} // namespace

class TestHttpClient : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void refusedConnectionIsANetworkError();
    void silentServerTimesOut();
    void aisHealthOnSilentServerTimesOut();
    void putFollows307AndResendsBody();
    void getFollows301IntoSink();
    void errorBodyDoesNotReachSink();
    void cancelledBeforeStart();
    void aisErrorsAreMapped();
    void tokenIsSentButNeverShown();
    void retriesServerErrorsThenSucceeds();
    void givesUpAfterTheBudget();
    void resumesABrokenDownloadWithRange();
    void doesNotRetryClientErrors();
    void directReadsGoToTheOwningTarget();
    void refusedDirectReadFallsBackToTheProxy();
    void redirectedReadsKeepTheirConnections_data();
    void redirectedReadsKeepTheirConnections();
};

void TestHttpClient::refusedConnectionIsANetworkError()
{
    const int port = LocalServer::closedPort();
    HttpClient http(fastOptions());
    HttpRequest r;
    r.url = "http://127.0.0.1:" + std::to_string(port) + "/v1/health";
    try {
        http.perform(r);
        QFAIL("no error from a closed port");
    } catch (const Error &e) {
        QCOMPARE(e.kind(), ErrorKind::Network);
        const QString msg = QString::fromStdString(e.what());
        QVERIFY2(msg.contains(QLatin1String("cannot connect")), e.what());
        QVERIFY2(msg.contains(QString::fromStdString(r.url)), e.what());
    }
}

void TestHttpClient::silentServerTimesOut()
{
    LocalServer server([](const LocalServer::Request &) { return std::string(); });
    HttpClient http(fastOptions());
    HttpRequest r;
    r.url = server.url() + "/v1/objects/b/o";
    QElapsedTimer timer;
    timer.start();
    try {
        http.perform(r);
        QFAIL("no error from a silent server");
    } catch (const Error &e) {
        QCOMPARE(e.kind(), ErrorKind::Timeout);
        QVERIFY2(QString::fromStdString(e.what()).contains(QLatin1String("no data for 1000 ms")), e.what());
    }
    // The configured 1 s read timeout is honoured, not the 20 s default: a hang guard, not a speed test.
    QVERIFY2(timer.elapsed() < 10000, qPrintable(QString::number(timer.elapsed())));
}

void TestHttpClient::aisHealthOnSilentServerTimesOut()
{
    LocalServer server([](const LocalServer::Request &) { return std::string(); });
    AisOptions opts;
    opts.endpoint = server.url();
    opts.http = fastOptions();
    AisClient client(opts);
    try {
        client.checkHealth();
        QFAIL("no error from a silent server");
    } catch (const Error &e) {
        QCOMPARE(e.kind(), ErrorKind::Timeout);
        QVERIFY2(QString::fromStdString(e.what()).contains(QString::fromStdString("GET " + server.url() + "/v1/health")),
                 e.what());
    }
}

void TestHttpClient::putFollows307AndResendsBody()
{
    LocalServer target([](const LocalServer::Request &) { return reply(200, "OK", ""); });
    const std::string location = target.url() + "/v1/objects/b/o?pid=p1&utm=1";
    LocalServer proxy([&](const LocalServer::Request &) {
        return reply(307, "Temporary Redirect", "", "Location: " + location + "\r\n");
    });
    AisOptions opts;
    opts.endpoint = proxy.url();
    opts.http = fastOptions();
    AisClient client(opts);
    std::string payload(300000, '\0');
    for (size_t i = 0; i < payload.size(); ++i)
        payload[i] = static_cast<char>(i * 7);
    client.putObject("b", "o", payload);

    const auto atTarget = target.requests();
    QCOMPARE(atTarget.size(), size_t(1));
    QCOMPARE(QString::fromStdString(atTarget[0].method), QStringLiteral("PUT"));
    QCOMPARE(QString::fromStdString(atTarget[0].target), QStringLiteral("/v1/objects/b/o?pid=p1&utm=1"));
    QVERIFY(atTarget[0].body == payload);
}

void TestHttpClient::getFollows301IntoSink()
{
    LocalServer target([](const LocalServer::Request &) { return reply(200, "OK", "hello shard"); });
    LocalServer proxy([&](const LocalServer::Request &r) {
        return reply(301, "Moved Permanently", "<a>moved</a>", "Location: " + target.url() + r.target + "\r\n");
    });
    AisOptions opts;
    opts.endpoint = proxy.url();
    opts.http = fastOptions();
    opts.directReads = false;
    AisClient client(opts);
    QCOMPARE(QString::fromStdString(client.getObject("b", "dir/a b+c.txt")), QStringLiteral("hello shard"));
    // The name was percent-encoded except '/'.
    QCOMPARE(QString::fromStdString(target.requests().at(0).target),
             QStringLiteral("/v1/objects/b/dir/a%20b%2Bc.txt?provider=ais"));
}

void TestHttpClient::errorBodyDoesNotReachSink()
{
    LocalServer server([](const LocalServer::Request &) {
        return reply(404, "Not Found", R"({"message":"ais://b/o does not exist","status":404})");
    });
    HttpClient http(fastOptions());
    HttpRequest r;
    r.url = server.url() + "/v1/objects/b/o";
    std::string sunk;
    r.sink = [&](const char *d, size_t n) {
        sunk.append(d, n);
        return true;
    };
    const HttpResponse resp = http.perform(r);
    QCOMPARE(resp.status, 404L);
    QVERIFY(sunk.empty());
    QVERIFY(QString::fromStdString(resp.body).contains(QLatin1String("does not exist")));
}

void TestHttpClient::cancelledBeforeStart()
{
    LocalServer server([](const LocalServer::Request &) { return std::string(); });
    std::atomic<bool> cancel{true};
    HttpClient http(fastOptions());
    HttpRequest r;
    r.url = server.url() + "/x";
    r.cancel = &cancel;
    QVERIFY_THROWS_EXCEPTION(Error, http.perform(r));
    try {
        http.perform(r);
    } catch (const Error &e) {
        QCOMPARE(e.kind(), ErrorKind::Cancelled);
    }
}

void TestHttpClient::aisErrorsAreMapped()
{
    LocalServer server([](const LocalServer::Request &r) {
        if (r.target.rfind("/v1/objects/", 0) == 0)
            return reply(404, "Not Found", R"({"message":"ais://b/missing.bin does not exist"})");
        return reply(409, "Conflict", R"({"message":"bucket \"ais://b\" already exists"})");
    });
    AisOptions opts;
    opts.endpoint = server.url();
    opts.http = fastOptions();
    opts.directReads = false;
    AisClient client(opts);
    try {
        client.getObject("b", "missing.bin");
        QFAIL("no error");
    } catch (const Error &e) {
        QCOMPARE(e.kind(), ErrorKind::ObjectNotFound);
        QVERIFY2(QString::fromStdString(e.what()).startsWith(QLatin1String("get ais://b/missing.bin: ")), e.what());
    }
    try {
        client.createBucket("b");
        QFAIL("no error");
    } catch (const Error &e) {
        QCOMPARE(e.kind(), ErrorKind::AlreadyExists);
    }
}

void TestHttpClient::tokenIsSentButNeverShown()
{
    LocalServer server([](const LocalServer::Request &) { return reply(403, "Forbidden", R"({"message":"denied"})"); });
    AisOptions opts;
    opts.endpoint = server.url();
    opts.token = "s3cr3t-token-value";
    opts.http = fastOptions();
    AisClient client(opts);
    try {
        client.getObject("b", "o");
        QFAIL("no error");
    } catch (const Error &e) {
        QCOMPARE(e.kind(), ErrorKind::Forbidden);
        QVERIFY2(!QString::fromStdString(e.what()).contains(QLatin1String("s3cr3t")), e.what());
    }
    QVERIFY(QString::fromStdString(server.requests().at(0).head)
                .contains(QLatin1String("Authorization: Bearer s3cr3t-token-value")));
}

namespace {
AisOptions retryingOptions(const std::string &endpoint)
{
    AisOptions opts;
    opts.endpoint = endpoint;
    opts.http = fastOptions();
    opts.retry.initialBackoff = 20ms;
    opts.retry.maxBackoff = 50ms;
    opts.retry.maxAttempts = 5;
    opts.directReads = false;
    return opts;
}
} // namespace

void TestHttpClient::retriesServerErrorsThenSucceeds()
{
    std::atomic<int> calls{0};
    LocalServer server([&](const LocalServer::Request &) {
        return ++calls <= 2 ? reply(503, "Service Unavailable", R"({"message":"busy"})") : reply(200, "OK", "payload");
    });
    AisClient client(retryingOptions(server.url()));
    QCOMPARE(QString::fromStdString(client.getObject("b", "o")), QStringLiteral("payload"));
    QCOMPARE(calls.load(), 3);
}

void TestHttpClient::givesUpAfterTheBudget()
{
    std::atomic<int> calls{0};
    LocalServer server([&](const LocalServer::Request &) {
        ++calls;
        return reply(503, "Service Unavailable", R"({"message":"target is restarting"})");
    });
    AisClient client(retryingOptions(server.url()));
    try {
        client.createBucket("b");
        QFAIL("no error from a server that is always busy");
    } catch (const Error &e) {
        QCOMPARE(e.kind(), ErrorKind::Http);
        QCOMPARE(e.httpStatus(), 503);
        QVERIFY2(QString::fromStdString(e.what()).contains(QLatin1String("target is restarting")), e.what());
    }
    QCOMPARE(calls.load(), 5);
}

void TestHttpClient::resumesABrokenDownloadWithRange()
{
    const std::string data = "0123456789abcdefghijklmnopqrstuvwxyz";
    LocalServer server([&](const LocalServer::Request &r) {
        if (r.target.rfind("/v1/health", 0) == 0)
            return reply(200, "OK", "");
        const auto pos = r.head.find("Range: bytes=");
        if (pos == std::string::npos) // first attempt: promise everything, send half, hang up
            return std::string(LocalServer::kCloseAfter) + "HTTP/1.1 200 OK\r\nContent-Length: " +
                   std::to_string(data.size()) + "\r\n\r\n" + data.substr(0, 10);
        const size_t from = std::stoul(r.head.substr(pos + 13));
        return reply(206, "Partial Content", data.substr(from),
                     "Content-Range: bytes " + std::to_string(from) + "-" + std::to_string(data.size() - 1) + "/" +
                         std::to_string(data.size()) + "\r\n");
    });
    AisClient client(retryingOptions(server.url()));
    client.checkHealth(); // the endpoint has answered: transport errors are now retried
    QCOMPARE(client.getObject("b", "o"), data);
    const auto reqs = server.requests();
    QVERIFY(reqs.size() >= 3);
    QVERIFY2(reqs.back().head.find("Range: bytes=10-") != std::string::npos, reqs.back().head.c_str());
}

void TestHttpClient::doesNotRetryClientErrors()
{
    std::atomic<int> calls{0};
    LocalServer server([&](const LocalServer::Request &r) {
        // Only the object's GET counts: after a 404 the client asks once
        // whether a rebalance runs (GET /v1/cluster?what=running_all).
        if (r.method == "GET" && r.target.rfind("/v1/objects/", 0) == 0)
            ++calls;
        return reply(404, "Not Found", R"({"message":"ais://b/o does not exist"})");
    });
    AisClient client(retryingOptions(server.url()));
    QVERIFY_THROWS_EXCEPTION(Error, client.getObject("b", "o"));
    QCOMPARE(calls.load(), 1);
}

namespace {
std::string smapFor(const std::string &targetUrl)
{
    return R"({"pmap":{"p1":{"daemon_id":"p1","daemon_type":"proxy"}},"proxy_si":{"daemon_id":"p1"},)"
           R"("tmap":{"t1":{"daemon_id":"t1","daemon_type":"target","id_digest":12345,)"
           R"("public_net":{"node_ip_addr":"127.0.0.1","daemon_port":"1","direct_url":")" +
           targetUrl + R"("}}},"uuid":"u","version":"3"})";
}
} // namespace

void TestHttpClient::directReadsGoToTheOwningTarget()
{
    LocalServer target([](const LocalServer::Request &) { return reply(200, "OK", "from the target"); });
    LocalServer proxy([&](const LocalServer::Request &r) {
        if (r.target == "/v1/daemon?what=smap")
            return reply(200, "OK", smapFor(target.url()));
        return reply(500, "Unexpected", "the proxy should not see object GETs");
    });
    AisOptions opts;
    opts.endpoint = proxy.url();
    opts.http = fastOptions();
    AisClient client(opts);
    QCOMPARE(client.getObject("b", "o1"), std::string("from the target"));
    QCOMPARE(client.getObject("b", "o2"), std::string("from the target"));
    QCOMPARE(proxy.requests().size(), size_t(1)); // the map, once
    QCOMPARE(QString::fromStdString(target.requests().at(1).target), QStringLiteral("/v1/objects/b/o2?provider=ais"));
}

void TestHttpClient::refusedDirectReadFallsBackToTheProxy()
{
    LocalServer target([](const LocalServer::Request &r) {
        if (r.target.find("pid=") == std::string::npos) // not redirected by the proxy: refused
            return reply(403, "Forbidden", R"({"message":"direct access not allowed"})");
        return reply(200, "OK", "via the proxy");
    });
    LocalServer proxy([&](const LocalServer::Request &r) {
        if (r.target == "/v1/daemon?what=smap")
            return reply(200, "OK", smapFor(target.url()));
        return reply(301, "Moved Permanently", "", "Location: " + target.url() + r.target + "&pid=p1\r\n");
    });
    AisOptions opts;
    opts.endpoint = proxy.url();
    opts.http = fastOptions();
    AisClient client(opts);
    QCOMPARE(client.getObject("b", "o"), std::string("via the proxy"));
    QCOMPARE(client.getObject("b", "o"), std::string("via the proxy"));
    QVERIFY(!client.options().directReads); // refused once: off for good
    QCOMPARE(target.requests().size(), size_t(3)); // one refused direct try, then two redirected reads
}

void TestHttpClient::redirectedReadsKeepTheirConnections_data()
{
    QTest::addColumn<int>("targets");
    QTest::newRow("1 target") << 1;
    QTest::newRow("3 targets") << 3;
    QTest::newRow("5 targets: more hosts than libcurl's default cache of 5") << 5;
    QTest::newRow("12 targets") << 12;
}

// Reads through the proxy (its 301 to the owning target) on one client, the
// way a loader worker reads: every node is connected to once and the
// connection kept alive, whatever the number of targets.
void TestHttpClient::redirectedReadsKeepTheirConnections()
{
    QFETCH(int, targets);
    std::vector<std::unique_ptr<LocalServer>> nodes;
    for (int i = 0; i < targets; ++i)
        nodes.push_back(std::make_unique<LocalServer>(
            [](const LocalServer::Request &) { return reply(200, "OK", "data"); }));
    LocalServer proxy([&](const LocalServer::Request &r) {
        // "/v1/objects/b/o<i>?...": object i lives on target i % targets.
        const std::size_t at = r.target.rfind("/o") + 2;
        const int i = std::stoi(r.target.substr(at));
        return reply(301, "Moved Permanently", "<a>moved</a>",
                     "Location: " + nodes[static_cast<std::size_t>(i % targets)]->url() + r.target +
                         "&pid=p\r\n");
    });
    AisOptions opts;
    opts.endpoint = proxy.url();
    opts.http = fastOptions();
    opts.directReads = false;
    AisClient client(opts);
    const int rounds = 3;
    for (int k = 0; k < rounds * targets; ++k)
        QCOMPARE(client.getObject("b", "o" + std::to_string(k)), std::string("data"));
    QCOMPARE(proxy.requests().size(), std::size_t(rounds * targets));
    QVERIFY2(proxy.connections() == 1,
             qPrintable(QStringLiteral("%1 connections to the proxy").arg(proxy.connections())));
    for (int i = 0; i < targets; ++i) {
        QCOMPARE(nodes[static_cast<std::size_t>(i)]->requests().size(), std::size_t(rounds));
        QVERIFY2(nodes[static_cast<std::size_t>(i)]->connections() == 1,
                 qPrintable(QStringLiteral("%1 connections to target %2 for %3 reads")
                                .arg(nodes[static_cast<std::size_t>(i)]->connections())
                                .arg(i)
                                .arg(rounds)));
    }
}

QTEST_GUILESS_MAIN(TestHttpClient)
#include "test_http_client.moc"
