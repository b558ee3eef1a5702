// TLS for https:// endpoints: verification is on by default (a self-signed
// certificate is refused with a clear error), a CA file makes it trusted,
// --insecure skips verification only when asked and says so; a missing CA
// file is refused before anything is sent.

#include "cli_runner.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

class TestTls : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void verifiesByDefault();
    void trustsAGivenCa();
    void insecureNeedsTheFlagAndWarns();
    void missingCaFileIsRefused();
    void cleanupTestCase();

private:
    CliRun ls(const QStringList &extra);
    QTemporaryDir m_dir;
    QProcess m_server;
    QString m_endpoint;
};

void TestTls::initTestCase()
{
    QVERIFY(m_dir.isValid());
    const QString cert = m_dir.filePath(QStringLiteral("cert.pem")), key = m_dir.filePath(QStringLiteral("key.pem"));
    QProcess openssl;
    openssl.start(QStringLiteral("openssl"),
                  {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"), QStringLiteral("rsa:2048"),
                   QStringLiteral("-nodes"), QStringLiteral("-days"), QStringLiteral("2"), QStringLiteral("-subj"),
                   QStringLiteral("/CN=127.0.0.1"), QStringLiteral("-addext"),
                   QStringLiteral("subjectAltName=IP:127.0.0.1"), QStringLiteral("-keyout"), key,
                   QStringLiteral("-out"), cert});
    QVERIFY2(openssl.waitForFinished(30000) && openssl.exitCode() == 0, openssl.readAllStandardError().constData());
    m_server.start(QStringLiteral("python3"),
                   {QStringLiteral(SHARDSCOPE_SOURCE_DIR "/tests/unit/tls_server.py"), cert, key});
    QVERIFY(m_server.waitForReadyRead(10000));
    const QByteArray port = m_server.readLine().trimmed();
    QVERIFY2(port.toInt() > 0, port.constData());
    m_endpoint = QStringLiteral("https://127.0.0.1:") + QString::fromLatin1(port);
}

CliRun TestTls::ls(const QStringList &extra)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("AIS_ENDPOINT"));
    env.remove(QStringLiteral("CURL_CA_BUNDLE"));
    env.remove(QStringLiteral("SSL_CERT_FILE"));
    return runCli(QStringLiteral(SHARDSCOPE_CLI_PATH),
                  QStringList{QStringLiteral("ls"), QStringLiteral("ais://"), QStringLiteral("--endpoint"), m_endpoint} +
                      extra,
                  env, 30000);
}

void TestTls::verifiesByDefault()
{
    const CliRun r = ls({});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains(QStringLiteral("certificate"), Qt::CaseInsensitive), qPrintable(r.err));
    QVERIFY2(r.err.contains(QStringLiteral("127.0.0.1")), qPrintable(r.err));
}

void TestTls::trustsAGivenCa()
{
    const CliRun r = ls({QStringLiteral("--ca-file"), m_dir.filePath(QStringLiteral("cert.pem"))});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QVERIFY(!r.err.contains(QStringLiteral("warning")));
}

void TestTls::insecureNeedsTheFlagAndWarns()
{
    const CliRun r = ls({QStringLiteral("--insecure")});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QVERIFY2(r.err.contains(QStringLiteral("warning: TLS certificate verification is off")), qPrintable(r.err));
}

void TestTls::missingCaFileIsRefused()
{
    const CliRun r = ls({QStringLiteral("--ca-file"), m_dir.filePath(QStringLiteral("nope.pem"))});
    QVERIFY(r.exitCode != 0);
    QVERIFY2(r.err.contains(QStringLiteral("nope.pem")), qPrintable(r.err));
}

void TestTls::cleanupTestCase()
{
    m_server.kill();
    m_server.waitForFinished(5000);
}

QTEST_GUILESS_MAIN(TestTls)
#include "test_tls.moc"
