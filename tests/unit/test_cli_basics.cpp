#include "cli_runner.h"
#include "local_server.h"

#include <QProcess>
#include <QTest>

namespace {
using Run = CliRun;
Run runCli(const QStringList &args, const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment())
{
    return ::runCli(QStringLiteral(SHARDSCOPE_CLI_PATH), args, env, 60000);
}
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

QTEST_GUILESS_MAIN(TestCliBasics)
#include "test_cli_basics.moc"
