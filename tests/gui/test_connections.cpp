// Adding connections: the dialog tests a connection off the GUI thread, and
// what is remembered never contains a secret.

#include "core/storage/file_store.h"
#include "ui/connection_dialog.h"
#include "ui/explorer/explorer_panel.h"
#include "ui/jobs/job_status_widget.h"
#include "ui/language_manager.h"
#include "ui/main_window.h"
#include "ui/models/connection_tree_model.h"
#include "ui/settings.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QTimer>
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
    void editsASavedConnection();
    void skippingTlsVerificationIsExplicitAndWarned();

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
    // An AIStore token is a secret too: in the session only.
    {
        ConnectionDialog a;
        choose(a, QStringLiteral("ais"));
        a.findChild<QLineEdit *>(QStringLiteral("connectionEndpoint"))->setText(QStringLiteral("http://127.0.0.1:8080"));
        a.findChild<QLineEdit *>(QStringLiteral("connectionToken"))->setText(QStringLiteral("planted-t0ken-value"));
        QCOMPARE(QString::fromStdString(a.connection().options.aisToken), QStringLiteral("planted-t0ken-value"));
        Settings withToken(ini);
        withToken.setConnections({a.saved()});
        withToken.sync();
        QFile g(ini);
        QVERIFY(g.open(QIODevice::ReadOnly));
        QVERIFY2(!g.readAll().contains("planted-t0ken"), "a token reached the settings file");
        QVERIFY(connectionFrom(withToken.connections().at(0)).options.aisToken.empty());
    }
    // A remembered connection comes back without its secret (it comes from the environment or is entered again).
    qunsetenv("AWS_SECRET_ACCESS_KEY");
    QVERIFY(connectionFrom(loaded[0]).options.s3SecretKey.empty());
}

void TestConnections::editsASavedConnection()
{
    QTemporaryDir dir;
    auto store = FileStore::forLocalRoot(dir.filePath(QStringLiteral("second")).toStdString());
    store->createBucket("edited-bucket");
    Settings settings(dir.filePath(QStringLiteral("s.ini")));
    Settings::SavedConnection first;
    first.name = QStringLiteral("disk");
    first.scheme = QStringLiteral("local");
    first.folder = m_dir.filePath(QStringLiteral("root"));
    settings.setConnections({first});
    LanguageManager languages;
    MainWindow window(settings, languages);
    ConnectionTreeModel *model = window.explorer()->connections();
    const int row = model->rowCount() - 1;
    QCOMPARE(model->connection(row).name, QStringLiteral("disk"));

    // The user changes the folder and the name in the dialog and presses OK.
    QTimer::singleShot(0, this, [&] {
        auto *d = qobject_cast<ConnectionDialog *>(QApplication::activeModalWidget());
        QVERIFY(d);
        QCOMPARE(d->findChild<QLineEdit *>(QStringLiteral("connectionFolder"))->text(), first.folder);
        d->findChild<QLineEdit *>(QStringLiteral("connectionName"))->setText(QStringLiteral("second disk"));
        d->findChild<QLineEdit *>(QStringLiteral("connectionFolder"))->setText(dir.filePath(QStringLiteral("second")));
        d->accept();
    });
    window.editConnection(row);
    QCOMPARE(model->rowCount(), row + 1); // replaced, not added
    QCOMPARE(model->connection(row).name, QStringLiteral("second disk"));
    // Its buckets are listed again from the new folder.
    QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(model->index(row, 0)), 1, 5000);
    QCOMPARE(model->index(0, 0, model->index(row, 0)).data().toString(), QStringLiteral("edited-bucket"));
    // And remembered.
    QCOMPARE(settings.connections().size(), 1);
    QCOMPARE(settings.connections().at(0).folder, dir.filePath(QStringLiteral("second")));

    // The built-in connections stay as they are.
    window.editConnection(0);
    QVERIFY(window.jobStatus()->message().contains(QStringLiteral("cannot be edited")));
}

void TestConnections::skippingTlsVerificationIsExplicitAndWarned()
{
    ConnectionDialog d;
    choose(d, QStringLiteral("ais"));
    d.findChild<QLineEdit *>(QStringLiteral("connectionName"))->setText(QStringLiteral("tls cluster"));
    d.findChild<QLineEdit *>(QStringLiteral("connectionEndpoint"))->setText(QStringLiteral("https://127.0.0.1:9443"));
    // Verified by default.
    QVERIFY(d.connection().options.http.verifyTls);
    QVERIFY(!d.findChild<QLabel *>(QStringLiteral("connectionInsecureWarning"))->isVisibleTo(&d));
    QVERIFY(ConnectionDialog::tlsWarning(d.connection()).isEmpty());
    d.findChild<QLineEdit *>(QStringLiteral("connectionCaFile"))->setText(QStringLiteral("/etc/ssl/my-ca.pem"));
    QCOMPARE(QString::fromStdString(d.connection().options.http.caFile), QStringLiteral("/etc/ssl/my-ca.pem"));
    // Skipping needs the box ticked, and shows a warning at once.
    d.findChild<QCheckBox *>(QStringLiteral("connectionInsecure"))->setChecked(true);
    QVERIFY(d.findChild<QLabel *>(QStringLiteral("connectionInsecureWarning"))->isVisibleTo(&d));
    QVERIFY(!d.connection().options.http.verifyTls);
    QVERIFY(ConnectionDialog::tlsWarning(d.connection()).contains(QStringLiteral("tls cluster")));
    // Remembered as the user chose, and warned about when the window opens with it.
    QTemporaryDir dir;
    Settings settings(dir.filePath(QStringLiteral("s.ini")));
    settings.setConnections({d.saved()});
    QCOMPARE(settings.connections().at(0).caFile, QStringLiteral("/etc/ssl/my-ca.pem"));
    QVERIFY(settings.connections().at(0).insecure);
    QVERIFY(!connectionFrom(settings.connections().at(0)).options.http.verifyTls);
    LanguageManager languages;
    MainWindow window(settings, languages);
    QVERIFY2(window.jobStatus()->message().contains(QStringLiteral("TLS certificate verification is off for tls cluster")),
             qPrintable(window.jobStatus()->message()));
}

QTEST_MAIN(TestConnections)
#include "test_connections.moc"
