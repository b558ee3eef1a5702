#include "core/storage/endpoint.h"
#include "core/storage/store_url.h"
#include "core/util/error.h"

#include <QTest>

#include <cstdlib>

using namespace shardscope;

Q_DECLARE_METATYPE(StoreUrl::Scheme)

class TestStoreUrl : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void parsesValid_data();
    void parsesValid();
    void rejectsInvalid_data();
    void rejectsInvalid();
    void roundTripsToString();
    void endpointValid_data();
    void endpointValid();
    void endpointInvalid_data();
    void endpointInvalid();
    void endpointFromEnvironment();
};

void TestStoreUrl::parsesValid_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<StoreUrl::Scheme>("scheme");
    QTest::addColumn<QString>("bucket");
    QTest::addColumn<QString>("path");

    using S = StoreUrl::Scheme;
    QTest::newRow("all buckets") << "ais://" << S::Ais << "" << "";
    QTest::newRow("all buckets, slash") << "ais:///" << S::Ais << "" << "";
    QTest::newRow("bucket") << "ais://data" << S::Ais << "data" << "";
    QTest::newRow("bucket, slash") << "ais://data/" << S::Ais << "data" << "";
    QTest::newRow("prefix") << "ais://data/train/shard-" << S::Ais << "data" << "train/shard-";
    QTest::newRow("upper-case scheme") << "AIS://data/x" << S::Ais << "data" << "x";
    QTest::newRow("surrounding blanks") << "  ais://data/x  " << S::Ais << "data" << "x";
    QTest::newRow("name with space, ?, #, %, +")
        << "ais://b/dir/a b?c#d%20e+f" << S::Ais << "b" << "dir/a b?c#d%20e+f";
    QTest::newRow("unicode object") << QStringLiteral("ais://b/数据/ü.tar") << S::Ais << "b"
                                    << QStringLiteral("数据/ü.tar");
    QTest::newRow("bucket chars") << "ais://My_bucket-1.v2/o" << S::Ais << "My_bucket-1.v2" << "o";
    QTest::newRow("s3") << "s3://bkt/key.bin" << S::S3 << "bkt" << "key.bin";
    QTest::newRow("s3 root") << "s3://" << S::S3 << "" << "";
    QTest::newRow("file") << "file:///data/buckets/b1" << S::File << "" << "/data/buckets/b1";
    QTest::newRow("file, trailing slash") << "file:///data/b1/" << S::File << "" << "/data/b1";
    QTest::newRow("file root") << "file:///" << S::File << "" << "/";
}

void TestStoreUrl::parsesValid()
{
    QFETCH(QString, input);
    QFETCH(StoreUrl::Scheme, scheme);
    QFETCH(QString, bucket);
    QFETCH(QString, path);
    const StoreUrl url = parseStoreUrl(input.toStdString());
    QCOMPARE(url.scheme, scheme);
    QCOMPARE(QString::fromStdString(url.bucket), bucket);
    QCOMPARE(QString::fromStdString(url.path), path);
}

void TestStoreUrl::rejectsInvalid_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expectedText");

    QTest::newRow("empty") << "" << "empty URL";
    QTest::newRow("blank") << "   " << "empty URL";
    QTest::newRow("no scheme") << "data/x" << "missing scheme";
    QTest::newRow("absolute path without scheme") << "/data/x" << "write file:///data/x";
    QTest::newRow("empty scheme") << "://data" << "missing scheme";
    QTest::newRow("http endpoint") << "http://127.0.0.1:8080" << "pass it with --endpoint";
    QTest::newRow("https endpoint") << "https://ais.example:443/x" << "this is an endpoint";
    QTest::newRow("unknown scheme") << "gs://bucket" << "unsupported scheme \"gs\"";
    QTest::newRow("single slash") << "ais:/data" << "missing scheme";
    QTest::newRow("object without bucket") << "ais:///obj" << "missing bucket name";
    QTest::newRow("bucket with space") << "ais://my bucket/x" << "contains ' '";
    QTest::newRow("bucket with ?") << "ais://b?x=1" << "contains '?'";
    QTest::newRow("bucket with #") << "ais://b#frag" << "contains '#'";
    QTest::newRow("bucket with %") << "ais://b%2F/x" << "contains '%'";
    QTest::newRow("bucket with ;") << "ais://b;rm -rf/x" << "contains ';'";
    QTest::newRow("bucket with quote") << "ais://b\"x" << "contains '\"'";
    QTest::newRow("bucket unicode") << QStringLiteral("ais://bücket") << "contains a non-ASCII byte (0xc3)";
    QTest::newRow("bucket dot") << "ais://./x" << "is not allowed";
    QTest::newRow("bucket dotdot") << "ais://../x" << "is not allowed";
    QTest::newRow("bucket too long") << QStringLiteral("ais://") + QString(65, QLatin1Char('a'))
                                     << "longer than 64 characters";
    QTest::newRow("control char") << "ais://b/x\ny" << "control characters";
    QTest::newRow("file relative") << "file://relative/dir" << "needs an absolute path";
    QTest::newRow("file empty") << "file://" << "needs an absolute path";
    QTest::newRow("file dotdot") << "file:///data/../etc" << "'..' is not allowed";
}

void TestStoreUrl::rejectsInvalid()
{
    QFETCH(QString, input);
    QFETCH(QString, expectedText);
    try {
        parseStoreUrl(input.toStdString());
        QFAIL(qPrintable(QStringLiteral("accepted invalid URL: ") + input));
    } catch (const Error &e) {
        QCOMPARE(e.kind(), ErrorKind::InvalidUrl);
        const QString msg = QString::fromStdString(e.what());
        QVERIFY2(msg.contains(expectedText), qPrintable(msg));
    }
}

void TestStoreUrl::roundTripsToString()
{
    for (const char *s : {"ais://data/train/x.tar", "s3://b/k", "file:///data/b1", "ais://b"})
        QCOMPARE(QString::fromStdString(parseStoreUrl(s).toString()), QString::fromLatin1(s));
}

void TestStoreUrl::endpointValid_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("normalized");
    QTest::newRow("plain") << "http://127.0.0.1:8080" << "http://127.0.0.1:8080";
    QTest::newRow("trailing slash") << "http://localhost:8080/" << "http://localhost:8080";
    QTest::newRow("https no port") << "HTTPS://ais.example.org" << "https://ais.example.org";
    QTest::newRow("ipv6") << "http://[::1]:51080" << "http://[::1]:51080";
}

void TestStoreUrl::endpointValid()
{
    QFETCH(QString, input);
    QFETCH(QString, normalized);
    QCOMPARE(QString::fromStdString(normalizeEndpoint(input.toStdString(), "--endpoint")), normalized);
}

void TestStoreUrl::endpointInvalid_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expectedText");
    QTest::newRow("empty") << "" << "it is empty";
    QTest::newRow("no scheme") << "127.0.0.1:8080" << "missing http:// or https://";
    QTest::newRow("store url") << "ais://bucket" << "must be http or https";
    QTest::newRow("path") << "http://host:8080/v1" << "no path, query or fragment";
    QTest::newRow("query") << "http://host:8080?x=1" << "no path, query or fragment";
    QTest::newRow("credentials") << "http://user:pw@host:8080" << "credentials do not belong";
    QTest::newRow("credentials are not repeated") << "http://user:s3cr3t@host:8080/x" << "\"http://***@host:8080/x\"";
    QTest::newRow("port text") << "http://host:80a" << "is not a number";
    QTest::newRow("port zero") << "http://host:0" << "out of range";
    QTest::newRow("port huge") << "http://host:70000" << "out of range";
    QTest::newRow("port missing") << "http://host:" << "missing port";
    QTest::newRow("no host") << "http://:8080" << "missing host";
    QTest::newRow("space") << "http://ho st:8080" << "white space";
}

void TestStoreUrl::endpointInvalid()
{
    QFETCH(QString, input);
    QFETCH(QString, expectedText);
    try {
        normalizeEndpoint(input.toStdString(), "--endpoint");
        QFAIL(qPrintable(QStringLiteral("accepted invalid endpoint: ") + input));
    } catch (const Error &e) {
        QCOMPARE(e.kind(), ErrorKind::InvalidUrl);
        const QString msg = QString::fromStdString(e.what());
        QVERIFY2(msg.contains(expectedText), qPrintable(msg));
        QVERIFY2(msg.contains(QLatin1String("--endpoint")), qPrintable(msg));
        QVERIFY2(!msg.contains(QLatin1String("s3cr3t")) && !msg.contains(QLatin1String(":pw@")), qPrintable(msg));
    }
}

void TestStoreUrl::endpointFromEnvironment()
{
    qputenv("AIS_ENDPOINT", "http://10.0.0.5:51080/");
    QCOMPARE(QString::fromStdString(resolveAisEndpoint(std::nullopt)), QStringLiteral("http://10.0.0.5:51080"));
    // An explicit value wins over the environment.
    QCOMPARE(QString::fromStdString(resolveAisEndpoint(std::string("http://h:1"))), QStringLiteral("http://h:1"));
    qputenv("AIS_ENDPOINT", "not-a-url");
    try {
        resolveAisEndpoint(std::nullopt);
        QFAIL("accepted a bad AIS_ENDPOINT");
    } catch (const Error &e) {
        QVERIFY2(QString::fromStdString(e.what()).contains(QLatin1String("AIS_ENDPOINT")), e.what());
    }
    qunsetenv("AIS_ENDPOINT");
    QCOMPARE(QString::fromStdString(resolveAisEndpoint(std::nullopt)), QString::fromLatin1(kDefaultAisEndpoint));
}

QTEST_GUILESS_MAIN(TestStoreUrl)
#include "test_store_url.moc"
