// Servers that misbehave on purpose, on loopback: wrong protocols in URLs and
// cluster maps, endless bodies and listings, dot segments in object names,
// redirects that try to collect credentials, callbacks that throw, and
// ranged or resumed reads answered with the wrong bytes.

#include "local_server.h"

#include "storage/ais_client.h"
#include "storage/ais_store.h"
#include "storage/http_client.h"
#include "storage/s3_store.h"
#include "util/error.h"
#include "util/strings.h"

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

QString text(const std::exception &e) { return QString::fromStdString(e.what()); }

} // namespace

class TestHostileServers : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void paginationMustEnd_data();
    void paginationMustEnd();
};

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

QTEST_GUILESS_MAIN(TestHostileServers)
#include "test_hostile_servers.moc"
