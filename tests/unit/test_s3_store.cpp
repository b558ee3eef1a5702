// S3 protocol details that AIStore's own S3 endpoint does not exercise:
// ListObjectsV2 paging with continuation tokens, XML error codes, and that
// requests are signed (SigV4) without the secret ever leaving the process.

#include "local_server.h"

#include "core/storage/s3_store.h"
#include "core/util/error.h"

#include <QTest>

using namespace shardscope;
using namespace std::chrono_literals;

namespace {

std::string xmlReply(int status, const std::string &body)
{
    return "HTTP/1.1 " + std::to_string(status) + " X\r\nContent-Type: application/xml\r\nContent-Length: " +
           std::to_string(body.size()) + "\r\n\r\n" + body;
}

std::string page(const std::vector<std::string> &keys, const std::string &next)
{
    std::string x = R"(<?xml version="1.0" encoding="UTF-8"?><ListBucketResult><Name>b</Name>)";
    for (const auto &k : keys)
        x += "<Contents><Key>" + k + "</Key><Size>" + std::to_string(k.size()) +
             "</Size><ETag>&quot;e&quot;</ETag><LastModified>2026-01-01T00:00:00Z</LastModified></Contents>";
    x += next.empty() ? "<IsTruncated>false</IsTruncated>"
                      : "<IsTruncated>true</IsTruncated><NextContinuationToken>" + next + "</NextContinuationToken>";
    return x + "</ListBucketResult>";
}

S3Options options(const std::string &endpoint)
{
    S3Options o;
    o.endpoint = endpoint;
    o.accessKey = "AKIDEXAMPLE";
    o.secretKey = "wJalrXUtnFEMI-very-secret";
    o.http.connectTimeout = 1000ms;
    o.http.readTimeout = 2000ms;
    return o;
}

} // namespace

class TestS3Store : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void pagesWithContinuationTokens();
    void requestsAreSignedWithoutTheSecret();
    void signedHeadersAreSentWithThePayloadHash_data();
    void signedHeadersAreSentWithThePayloadHash();
    void xmlErrorCodesAreMapped();
    void endpointNeedsToBeGiven();
};

void TestS3Store::pagesWithContinuationTokens()
{
    LocalServer server([](const LocalServer::Request &r) {
        if (r.target.find("continuation-token=t%2B2") != std::string::npos)
            return xmlReply(200, page({"c/3", "c/4"}, ""));
        if (r.target.find("continuation-token=t1") != std::string::npos)
            return xmlReply(200, page({"b/2"}, "t+2"));
        return xmlReply(200, page({"a/0", "a/1"}, "t1"));
    });
    S3Store store(options(server.url()));
    ListRequest req;
    req.pageSize = 2;
    const auto all = store.listAll("b", req);
    std::vector<std::string> names;
    for (const auto &o : all)
        names.push_back(o.name);
    QCOMPARE(names, (std::vector<std::string>{"a/0", "a/1", "b/2", "c/3", "c/4"}));
    QCOMPARE(all[0].checksum, std::string("\"e\""));
    const auto reqs = server.requests();
    QCOMPARE(reqs.size(), size_t(3));
    QVERIFY2(reqs[0].target.find("/b?list-type=2") == 0, reqs[0].target.c_str());
    QVERIFY2(reqs[0].target.find("max-keys=2") != std::string::npos, reqs[0].target.c_str());
}

void TestS3Store::requestsAreSignedWithoutTheSecret()
{
    LocalServer server([](const LocalServer::Request &) { return xmlReply(200, ""); });
    S3Store store(options(server.url() + "/s3"));
    store.putBytes("b", "dir/x.bin", "hello");
    const auto reqs = server.requests();
    QCOMPARE(reqs.size(), size_t(1));
    QVERIFY2(reqs[0].target == "/s3/b/dir/x.bin", reqs[0].target.c_str());
    QCOMPARE(QString::fromStdString(reqs[0].body), QStringLiteral("hello"));
    const QString head = QString::fromStdString(reqs[0].head);
    QVERIFY2(head.contains(QLatin1String("Authorization: AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/")), qPrintable(head));
    QVERIFY2(head.contains(QLatin1String("/us-east-1/s3/aws4_request")), qPrintable(head));
    QVERIFY2(!head.contains(QLatin1String("very-secret")), qPrintable(head));
}

void TestS3Store::signedHeadersAreSentWithThePayloadHash_data()
{
    QTest::addColumn<QString>("operation");
    QTest::addColumn<QString>("token");
    QTest::addColumn<QString>("signedHeaders");
    QTest::addColumn<QString>("payloadHash");
    const QString empty = QStringLiteral("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    const QString unsignedPayload = QStringLiteral("UNSIGNED-PAYLOAD");
    QTest::newRow("get") << "get"
                         << ""
                         << "host;x-amz-content-sha256;x-amz-date" << empty;
    QTest::newRow("get range") << "range"
                               << ""
                               << "host;range;x-amz-content-sha256;x-amz-date" << empty;
    QTest::newRow("head") << "head"
                          << ""
                          << "host;x-amz-content-sha256;x-amz-date" << empty;
    QTest::newRow("list") << "list"
                          << ""
                          << "host;x-amz-content-sha256;x-amz-date" << empty;
    QTest::newRow("put") << "put"
                         << ""
                         << "content-type;host;x-amz-content-sha256;x-amz-date" << unsignedPayload;
    QTest::newRow("get, session token")
        << "get"
        << "tok+en/="
        << "host;x-amz-content-sha256;x-amz-date;x-amz-security-token" << empty;
    QTest::newRow("put, session token")
        << "put"
        << "tok+en/="
        << "content-type;host;x-amz-content-sha256;x-amz-date;x-amz-security-token" << unsignedPayload;
}

// Every header named in SignedHeaders must reach the server (libcurl 7.88
// signed the empty "Expect:" that only removes a header), and S3 needs the
// payload hash header on every signed request. The signature itself is
// compared with botocore's in tests/peer/test_s3_signature.py.
void TestS3Store::signedHeadersAreSentWithThePayloadHash()
{
    QFETCH(QString, operation);
    QFETCH(QString, token);
    QFETCH(QString, signedHeaders);
    QFETCH(QString, payloadHash);
    LocalServer server([](const LocalServer::Request &r) {
        if (r.target.find("list-type=") != std::string::npos)
            return xmlReply(200, page({}, ""));
        return std::string("HTTP/1.1 ") + (r.head.find("Range:") != std::string::npos ? "206" : "200") +
               " X\r\nContent-Length: 3\r\nContent-Range: bytes 0-2/10\r\n\r\n" +
               (r.method == "HEAD" ? "" : "abc");
    });
    S3Options o = options(server.url() + "/s3");
    o.sessionToken = token.toStdString();
    S3Store store(o);
    if (operation == QLatin1String("get"))
        store.getBytes("b", "x.bin");
    else if (operation == QLatin1String("range"))
        store.getBytes("b", "x.bin", GetRequest{ByteRange{0, 2}, {}, {}});
    else if (operation == QLatin1String("head"))
        store.head("b", "x.bin");
    else if (operation == QLatin1String("list"))
        store.listPage("b", ListRequest{}, "");
    else
        store.putBytes("b", "x.bin", "hello");
    const auto reqs = server.requests();
    QVERIFY(!reqs.empty());
    for (const auto &r : reqs) {
        const QString head = QString::fromStdString(r.head).toLower();
        const auto at = head.indexOf(QLatin1String("signedheaders="));
        QVERIFY2(at >= 0, qPrintable(head));
        const QString names = head.mid(at + 14).section(QLatin1Char(','), 0, 0);
        QCOMPARE(names, signedHeaders);
        for (const QString &name : names.split(QLatin1Char(';')))
            QVERIFY2(head.contains(QLatin1String("\r\n") + name + QLatin1Char(':')),
                     qPrintable(name + QStringLiteral(" is signed but not sent:\n") + head));
        QVERIFY2(head.contains(QStringLiteral("\r\nx-amz-content-sha256: ") + payloadHash.toLower()),
                 qPrintable(head));
        if (!token.isEmpty())
            QVERIFY2(
                QString::fromStdString(r.head).contains(QStringLiteral("X-Amz-Security-Token: ") + token),
                qPrintable(head));
    }
}

void TestS3Store::xmlErrorCodesAreMapped()
{
    LocalServer server([](const LocalServer::Request &r) {
        if (r.target.find("list-type") != std::string::npos)
            return xmlReply(404, "<Error><Code>NoSuchBucket</Code><Message>The bucket does not exist</Message></Error>");
        if (r.method == "GET")
            return xmlReply(404, "<Error><Code>NoSuchKey</Code><Message>The key does not exist</Message></Error>");
        return xmlReply(403, "<Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>");
    });
    S3Store store(options(server.url()));
    try {
        store.listAll("b", {});
        QFAIL("no error");
    } catch (const Error &e) {
        QCOMPARE(e.kind(), ErrorKind::BucketNotFound);
        QVERIFY2(QString::fromStdString(e.what()).contains(QLatin1String("s3://b")), e.what());
    }
    try {
        store.getBytes("b", "k");
        QFAIL("no error");
    } catch (const Error &e) {
        QCOMPARE(e.kind(), ErrorKind::ObjectNotFound);
        QVERIFY2(QString::fromStdString(e.what()).contains(QLatin1String("get s3://b/k: The key does not exist")),
                 e.what());
    }
    try {
        store.putBytes("b", "k", "x");
        QFAIL("no error");
    } catch (const Error &e) {
        QCOMPARE(e.kind(), ErrorKind::Forbidden);
        QVERIFY2(!QString::fromStdString(e.what()).contains(QLatin1String("very-secret")), e.what());
    }
}

void TestS3Store::endpointNeedsToBeGiven()
{
    qunsetenv("AWS_ENDPOINT_URL");
    try {
        S3Options::fromEnvironment(std::nullopt);
        QFAIL("no endpoint accepted");
    } catch (const Error &e) {
        QVERIFY2(QString::fromStdString(e.what()).contains(QLatin1String("AWS_ENDPOINT_URL")), e.what());
    }
    qputenv("AWS_ENDPOINT_URL", "http://127.0.0.1:8080/s3/");
    QCOMPARE(QString::fromStdString(S3Options::fromEnvironment(std::nullopt).endpoint),
             QStringLiteral("http://127.0.0.1:8080/s3"));
    qunsetenv("AWS_ENDPOINT_URL");
}

QTEST_GUILESS_MAIN(TestS3Store)
#include "test_s3_store.moc"
