// Adding connections: the dialog tests a connection off the GUI thread, and
// what is remembered never contains a secret.

#include "connection_dialog.h"
#include "settings.h"
#include "storage/file_store.h"

#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace shardscope;
using namespace shardscope::ui;

class TestConnections : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void testsALocalFolder();
    void reportsAnUnreachableCluster();
    void remembersConnectionsWithoutSecrets();

private:
    void choose(ConnectionDialog &d, const QString &kind);
    QTemporaryDir m_dir;
};

void TestConnections::initTestCase()
{
    QVERIFY(m_dir.isValid());
    auto store = FileStore::forLocalRoot(m_dir.filePath(QStringLiteral("root")).toStdString());
    store->createBucket("one");
    store->createBucket("two");
}

void TestConnections::choose(ConnectionDialog &d, const QString &kind)
{
    auto *combo = d.findChild<QComboBox *>(QStringLiteral("connectionKind"));
    combo->setCurrentIndex(combo->findData(kind));
}

void TestConnections::testsALocalFolder()
{
    ConnectionDialog d;
    choose(d, QStringLiteral("local"));
    QVERIFY(!d.findChild<QLineEdit *>(QStringLiteral("connectionEndpoint"))->isEnabled());
    d.findChild<QLineEdit *>(QStringLiteral("connectionFolder"))->setText(m_dir.filePath(QStringLiteral("root")));
    QSignalSpy tested(&d, &ConnectionDialog::tested);
    QTest::mouseClick(d.findChild<QPushButton *>(QStringLiteral("connectionTest")), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(tested.count(), 1, 5000);
    QVERIFY(tested.at(0).at(0).toBool());
    QCOMPARE(tested.at(0).at(1).toString(), QStringLiteral("Connected: 2 bucket(s)"));
    QCOMPARE(d.connection().scheme, QStringLiteral("local"));
    QCOMPARE(d.saved().name, m_dir.filePath(QStringLiteral("root"))); // named after the folder by default
}

void TestConnections::reportsAnUnreachableCluster()
{
    ConnectionDialog d;
    choose(d, QStringLiteral("ais"));
    d.findChild<QLineEdit *>(QStringLiteral("connectionEndpoint"))->setText(QStringLiteral("http://127.0.0.1:1"));
    QSignalSpy tested(&d, &ConnectionDialog::tested);
    d.testConnection();
    QTRY_COMPARE_WITH_TIMEOUT(tested.count(), 1, 10000);
    QVERIFY(!tested.at(0).at(0).toBool());
    QVERIFY2(tested.at(0).at(1).toString().contains(QLatin1String("cannot connect")),
             qPrintable(tested.at(0).at(1).toString()));
    QCOMPARE(d.findChild<QLabel *>(QStringLiteral("connectionResult"))->text(), tested.at(0).at(1).toString());
}

void TestConnections::remembersConnectionsWithoutSecrets()
{
    ConnectionDialog d;
    choose(d, QStringLiteral("s3"));
    d.findChild<QLineEdit *>(QStringLiteral("connectionName"))->setText(QStringLiteral("my s3"));
    d.findChild<QLineEdit *>(QStringLiteral("connectionEndpoint"))->setText(QStringLiteral("http://127.0.0.1:8080/s3"));
    d.findChild<QLineEdit *>(QStringLiteral("connectionKeyId"))->setText(QStringLiteral("AKIDPLANTED"));
    d.findChild<QLineEdit *>(QStringLiteral("connectionSecret"))->setText(QStringLiteral("planted-s3cr3t-value"));
    QCOMPARE(QString::fromStdString(d.connection().options.s3SecretKey), QStringLiteral("planted-s3cr3t-value"));

    const QString ini = m_dir.filePath(QStringLiteral("settings.ini"));
    {
        Settings settings(ini);
        Settings::SavedConnection local;
        local.name = QStringLiteral("data disk");
        local.scheme = QStringLiteral("local");
        local.folder = m_dir.filePath(QStringLiteral("root"));
        settings.setConnections({d.saved(), local});
        settings.sync();
    }
    Settings again(ini);
    const auto loaded = again.connections();
    QCOMPARE(loaded.size(), 2);
    QVERIFY(loaded[0] == d.saved());
    QCOMPARE(loaded[0].keyId, QStringLiteral("AKIDPLANTED"));
    QCOMPARE(loaded[1].folder, m_dir.filePath(QStringLiteral("root")));
    QFile f(ini);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QVERIFY2(!f.readAll().contains("planted-s3cr3t"), "a secret reached the settings file");
    // A remembered connection comes back without its secret (it comes from the environment or is entered again).
    qunsetenv("AWS_SECRET_ACCESS_KEY");
    QVERIFY(connectionFrom(loaded[0]).options.s3SecretKey.empty());
}

QTEST_MAIN(TestConnections)
#include "test_connections.moc"
