#include "cli_runner.h"
#include "local_server.h"
#include "raw_tar.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

namespace {
using Run = CliRun;
Run runCli(const QStringList &args, const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment())
{
    return ::runCli(QStringLiteral(SHARDSCOPE_CLI_PATH), args, env, 60000);
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

// SHA-256 test vectors (FIPS 180-2 and well-known digests), written out by hand.
const QString kSha256Empty =
    QStringLiteral("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
const QString kSha256Abc = QStringLiteral("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
const QString kSha256Fox = QStringLiteral("d7a8fbb307d7809469ca9abcb0082e4f8d5651e46d3cdb762d02d0bf37c9e592");
const QByteArray kFox = "The quick brown fox jumps over the lazy dog";
} // namespace

class TestCliBasics : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void version();
    void help();
    void usageErrors_data();
    void usageErrors();
    void unreachableEndpoint();
    void badEndpointFromEnvironment();
    void globalOptionsBeforeOrAfterTheCommand_data();
    void globalOptionsBeforeOrAfterTheCommand();
    void iterateHashesObjects_data();
    void iterateHashesObjects();
    void iterateHashesShardMembers();
    void iterateWithoutHashIsUnchanged();
};

void TestCliBasics::version()
{
    const Run r = runCli({QStringLiteral("--version")});
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.out.startsWith("shardscope-cli 0."), r.out.constData());
}

void TestCliBasics::help()
{
    const Run r = runCli({QStringLiteral("--help")});
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.out.contains("Commands:") && r.out.contains("  ls"), r.out.constData());
    const Run ls = runCli({QStringLiteral("ls"), QStringLiteral("--help")});
    QCOMPARE(ls.exitCode, 0);
    QVERIFY2(ls.out.contains("--endpoint") && ls.out.contains("--json"), ls.out.constData());
}

void TestCliBasics::usageErrors_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("message");
    QTest::newRow("no arguments") << QStringList{} << 2 << "Usage: shardscope-cli";
    QTest::newRow("unknown command") << QStringList{QStringLiteral("frobnicate")} << 2
                                     << "unknown command 'frobnicate'";
    QTest::newRow("ls without URL") << QStringList{QStringLiteral("ls")} << 2 << "ls takes exactly one URL";
    QTest::newRow("unknown option") << QStringList{QStringLiteral("ls"), QStringLiteral("--bogus"),
                                                   QStringLiteral("ais://")}
                                    << 2 << "Unknown option 'bogus'";
    QTest::newRow("bad timeout") << QStringList{QStringLiteral("ls"), QStringLiteral("--timeout"),
                                                QStringLiteral("soon"), QStringLiteral("ais://")}
                                 << 2 << "--timeout must be a number of milliseconds";
    QTest::newRow("bad URL") << QStringList{QStringLiteral("ls"), QStringLiteral("ais://bad bucket")} << 1
                             << "bucket name \"bad bucket\" contains ' '";
    QTest::newRow("endpoint as URL") << QStringList{QStringLiteral("ls"), QStringLiteral("http://127.0.0.1:8080")}
                                     << 1 << "pass it with --endpoint";
    QTest::newRow("bad endpoint") << QStringList{QStringLiteral("ls"), QStringLiteral("--endpoint"),
                                                 QStringLiteral("127.0.0.1:8080"), QStringLiteral("ais://")}
                                  << 1 << "missing http:// or https://";
    QTest::newRow("unknown hash") << QStringList{QStringLiteral("iterate"), QStringLiteral("--hash"),
                                                 QStringLiteral("md5"), QStringLiteral("file:///")}
                                  << 2 << "--hash must be sha256, not 'md5'";
}

void TestCliBasics::usageErrors()
{
    QFETCH(QStringList, args);
    QFETCH(int, exitCode);
    QFETCH(QString, message);
    const Run r = runCli(args);
    QCOMPARE(r.exitCode, exitCode);
    QVERIFY2(r.err.contains(message), qPrintable(r.err));
}

void TestCliBasics::unreachableEndpoint()
{
    const QString endpoint = QStringLiteral("http://127.0.0.1:%1").arg(LocalServer::closedPort());
    const Run r = runCli({QStringLiteral("ls"), QStringLiteral("--endpoint"), endpoint, QStringLiteral("ais://")});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains(QLatin1String("cannot connect")) && r.err.contains(endpoint), qPrintable(r.err));

    // A server that accepts but never answers: the read timeout ends it with a clear message.
    LocalServer silent([](const LocalServer::Request &) { return std::string(); });
    const Run t = runCli({QStringLiteral("ls"), QStringLiteral("--timeout"), QStringLiteral("1000"),
                          QStringLiteral("--endpoint"), QString::fromStdString(silent.url()), QStringLiteral("ais://")});
    QCOMPARE(t.exitCode, 1);
    QVERIFY2(t.err.contains(QLatin1String("read timeout")), qPrintable(t.err));
}

void TestCliBasics::badEndpointFromEnvironment()
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("AIS_ENDPOINT"), QStringLiteral("ftp://host"));
    const Run r = runCli({QStringLiteral("ls"), QStringLiteral("ais://")}, env);
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains(QLatin1String("from AIS_ENDPOINT")), qPrintable(r.err));
}

void TestCliBasics::globalOptionsBeforeOrAfterTheCommand_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("message");
    const QString closed = QStringLiteral("http://127.0.0.1:%1").arg(LocalServer::closedPort());
    const QString local = QStringLiteral("local://");
    struct Case
    {
        const char *name;
        QStringList options;
        QString url;
        int exitCode;
        QString message; // on standard error
    };
    const QList<Case> cases = {
        {"--endpoint", {QStringLiteral("--endpoint"), closed}, QStringLiteral("ais://"), 1,
         QStringLiteral("cannot connect")},
        {"-e", {QStringLiteral("-e"), closed}, QStringLiteral("ais://"), 1, closed},
        {"--connect-timeout", {QStringLiteral("--connect-timeout"), QStringLiteral("500")}, local, 0, {}},
        {"bad --connect-timeout", {QStringLiteral("--connect-timeout"), QStringLiteral("0")}, local, 2,
         QStringLiteral("--connect-timeout must be a number of milliseconds between 1 and 86400000, "
                        "not '0'")},
        {"--timeout", {QStringLiteral("--timeout"), QStringLiteral("1000")}, local, 0, {}},
        {"bad --timeout", {QStringLiteral("--timeout"), QStringLiteral("soon")}, local, 2,
         QStringLiteral("--timeout must be a number of milliseconds between 1 and 86400000, not 'soon'")},
        {"--ca-file", {QStringLiteral("--ca-file"), QStringLiteral(SHARDSCOPE_CLI_PATH)}, local, 0, {}},
        {"missing --ca-file", {QStringLiteral("--ca-file"), QStringLiteral("no-such-ca.pem")}, local, 2,
         QStringLiteral("--ca-file no-such-ca.pem: no such readable file")},
        {"--insecure", {QStringLiteral("--insecure")}, local, 0,
         QStringLiteral("warning: TLS certificate verification is off")},
    };
    for (const Case &c : cases) {
        QTest::addRow("%s before the command", c.name)
            << (c.options + QStringList{QStringLiteral("ls"), c.url}) << c.exitCode << c.message;
        QTest::addRow("%s after the command", c.name)
            << (QStringList{QStringLiteral("ls"), c.url} + c.options) << c.exitCode << c.message;
    }
    QTest::newRow("two options before the command")
        << QStringList{QStringLiteral("--insecure"), QStringLiteral("--timeout"), QStringLiteral("soon"),
                       QStringLiteral("ls"), local}
        << 2 << "--timeout must be a number of milliseconds";
    QTest::newRow("unknown option before the command")
        << QStringList{QStringLiteral("--bogus"), QStringLiteral("ls"), local} << 2
        << "Unknown option 'bogus'";
    QTest::newRow("command option before the command")
        << QStringList{QStringLiteral("--json"), QStringLiteral("ls"), local} << 2 << "Unknown option 'json'";
    QTest::newRow("global option without its value")
        << QStringList{QStringLiteral("--endpoint")} << 2 << "Missing value after '--endpoint'";
    QTest::newRow("global options but no command")
        << QStringList{QStringLiteral("--insecure")} << 2 << "no command given";
}

void TestCliBasics::globalOptionsBeforeOrAfterTheCommand()
{
    QFETCH(QStringList, args);
    QFETCH(int, exitCode);
    QFETCH(QString, message);
    QTemporaryDir data; // an empty embedded store: "ls local://" lists no buckets
    QVERIFY(data.isValid());
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("SHARDSCOPE_DATA_DIR"), data.path());
    const Run r = runCli(args, env);
    QCOMPARE(r.exitCode, exitCode);
    QVERIFY2(r.err.contains(message), qPrintable(r.err));
}

void TestCliBasics::iterateHashesObjects_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("sha256");
    QTest::newRow("empty object") << QByteArray() << kSha256Empty;
    QTest::newRow("abc") << QByteArray("abc") << kSha256Abc;
    QTest::newRow("sentence") << kFox << kSha256Fox;
}

void TestCliBasics::iterateHashesObjects()
{
    QFETCH(QByteArray, content);
    QFETCH(QString, sha256);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QVERIFY(writeFile(dir.filePath(QStringLiteral("obj.bin")), content));
    const QString url = QStringLiteral("file://") + dir.path();
    const Run json = runCli({QStringLiteral("iterate"), QStringLiteral("--json"), QStringLiteral("--hash"),
                             QStringLiteral("sha256"), url});
    QVERIFY2(json.exitCode == 0, qPrintable(json.err));
    const QJsonObject o = QJsonDocument::fromJson(json.out.trimmed()).object();
    QCOMPARE(o[QLatin1String("name")].toString(), QStringLiteral("obj.bin"));
    QCOMPARE(o[QLatin1String("size")].toInt(), content.size());
    QCOMPARE(o[QLatin1String("sha256")].toString(), sha256);

    const Run text =
        runCli({QStringLiteral("iterate"), QStringLiteral("--hash"), QStringLiteral("sha256"), url});
    QVERIFY2(text.exitCode == 0, qPrintable(text.err));
    QVERIFY2(text.out.contains((sha256 + QStringLiteral("  obj.bin")).toUtf8()), text.out.constData());
}

void TestCliBasics::iterateHashesShardMembers()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QVERIFY(writeFile(dir.filePath(QStringLiteral("s.tar")),
                      QByteArray::fromStdString(
                          rawTar({{"k1.txt", "abc"}, {"k1.cls", ""}, {"k2.txt", kFox.toStdString()}}))));
    const Run r = runCli({QStringLiteral("iterate"), QStringLiteral("--mode"), QStringLiteral("shard"),
                          QStringLiteral("--ordered"), QStringLiteral("--json"), QStringLiteral("--hash"),
                          QStringLiteral("sha256"), QStringLiteral("file://") + dir.path()});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    const QList<QByteArray> lines = r.out.trimmed().split('\n');
    QCOMPARE(lines.size(), 2);
    const QJsonObject first = QJsonDocument::fromJson(lines[0]).object();
    QCOMPARE(first[QLatin1String("key")].toString(), QStringLiteral("k1"));
    const QJsonObject h1 = first[QLatin1String("sha256")].toObject();
    QCOMPARE(h1.keys(), (QStringList{QStringLiteral("cls"), QStringLiteral("txt")}));
    QCOMPARE(h1[QLatin1String("txt")].toString(), kSha256Abc);
    QCOMPARE(h1[QLatin1String("cls")].toString(), kSha256Empty);
    QCOMPARE(first[QLatin1String("members")].toObject()[QLatin1String("txt")].toInt(), 3);
    const QJsonObject second = QJsonDocument::fromJson(lines[1]).object();
    QCOMPARE(second[QLatin1String("key")].toString(), QStringLiteral("k2"));
    QCOMPARE(second[QLatin1String("sha256")].toObject()[QLatin1String("txt")].toString(), kSha256Fox);
}

void TestCliBasics::iterateWithoutHashIsUnchanged()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QVERIFY(writeFile(dir.filePath(QStringLiteral("obj.bin")), "abc"));
    const Run r =
        runCli({QStringLiteral("iterate"), QStringLiteral("--json"), QStringLiteral("file://") + dir.path()});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QCOMPARE(r.out.trimmed(), QByteArray(R"({"name":"obj.bin","size":3})"));
}

QTEST_GUILESS_MAIN(TestCliBasics)
#include "test_cli_basics.moc"
