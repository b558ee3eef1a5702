// The explorer as a user drives it: expand a connection, pick a bucket, see
// its objects, narrow by prefix and by name; an unreachable cluster is
// reported, not frozen on.

#include "core/storage/file_store.h"
#include "ui/explorer/explorer_panel.h"
#include "ui/explorer/summary_view.h"
#include "ui/language_manager.h"
#include "ui/models/connection_tree_model.h"
#include "ui/models/object_list_model.h"

#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>


#include "ports.h"

using namespace shardscope;
using namespace shardscope::ui;

class TestExplorerPanel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void browseABucket();
    void unreachableClusterIsReported();
    void savesObjectsAtomically();
    void summarizesABucket();

private:
    QTemporaryDir m_dir;
};

void TestExplorerPanel::initTestCase()
{
    QVERIFY(m_dir.isValid());
    // English as the app shows it: its catalog holds the plural forms ("15 objects").
    static LanguageManager languages;
    QVERIFY(languages.apply(QStringLiteral("en")));
    auto store = FileStore::forLocalRoot(m_dir.path().toStdString());
    store->createBucket("alpha");
    store->createBucket("beta");
    for (int i = 0; i < 30; ++i)
        store->putBytes("beta", (i % 2 ? "train/" : "val/") + std::to_string(100 + i) + ".bin", "x");
}

void TestExplorerPanel::browseABucket()
{
    ExplorerPanel panel;
    StoreOptions local;
    local.localRoot = m_dir.path().toStdString();
    panel.setConnections({{QStringLiteral("Local store"), QStringLiteral("local"), local}});
    QAbstractItemModelTester tester(panel.connections(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));

    auto *tree = panel.findChild<QTreeView *>(QStringLiteral("connectionTree"));
    const QModelIndex conn = panel.connections()->index(0, 0);
    tree->expand(conn); // the view asks the model to fetch the buckets
    QTRY_COMPARE_WITH_TIMEOUT(panel.connections()->rowCount(conn), 2, 5000);
    const QModelIndex beta = panel.connections()->index(1, 0, conn);
    QCOMPARE(beta.data().toString(), QStringLiteral("beta"));

    QSignalSpy status(&panel, &ExplorerPanel::message);
    QTest::mouseClick(tree->viewport(), Qt::LeftButton, {}, tree->visualRect(beta).center());
    auto *table = panel.findChild<QTableView *>(QStringLiteral("objectTable"));
    QTRY_COMPARE_WITH_TIMEOUT(table->model()->rowCount(), 30, 5000);
    QTRY_VERIFY(!status.isEmpty() && status.last().at(0).toString().contains(QLatin1String("30 object")));

    auto *nameFilter = panel.findChild<QLineEdit *>(QStringLiteral("nameFilterEdit"));
    QTest::keyClicks(nameFilter, QStringLiteral("12"));
    QCOMPARE(table->model()->rowCount(), 11); // 112 and 120..129: the names that contain "12"
    nameFilter->clear();

    auto *prefix = panel.findChild<QLineEdit *>(QStringLiteral("prefixEdit"));
    QTest::keyClicks(prefix, QStringLiteral("train/"));
    QTest::keyClick(prefix, Qt::Key_Return);
    QTRY_COMPARE_WITH_TIMEOUT(panel.objects()->location(), QStringLiteral("local://beta/train/"), 2000);
    QTRY_VERIFY_WITH_TIMEOUT(panel.objects()->isComplete(), 5000);
    QCOMPARE(table->model()->rowCount(), 15);

    // Sorting by size, largest first (sizes compare as numbers, not as text).
    auto *store = FileStore::forLocalRoot(m_dir.path().toStdString()).release();
    std::unique_ptr<Store> owner(store);
    store->putBytes("beta", "train/zzz-big.bin", std::string(5000, 'b'));
    store->putBytes("beta", "train/aaa-mid.bin", std::string(900, 'm'));
    QTest::keyClick(prefix, Qt::Key_Return);
    QTRY_COMPARE_WITH_TIMEOUT(table->model()->rowCount(), 17, 5000);
    table->sortByColumn(ObjectListModel::SizeColumn, Qt::DescendingOrder);
    QCOMPARE(table->model()->index(0, 0).data().toString(), QStringLiteral("train/zzz-big.bin"));
    QCOMPARE(table->model()->index(1, 0).data().toString(), QStringLiteral("train/aaa-mid.bin"));
    table->sortByColumn(ObjectListModel::NameColumn, Qt::AscendingOrder);
    QCOMPARE(table->model()->index(0, 0).data().toString(), QStringLiteral("train/101.bin"));

    // Folders: one level with virtual directories; double-click enters one, Up leaves it.
    prefix->clear();
    QTest::keyClick(prefix, Qt::Key_Return);
    QTest::mouseClick(panel.findChild<QCheckBox *>(QStringLiteral("folderView")), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(panel.objects()->isComplete() && table->model()->rowCount() == 2, 5000);
    QCOMPARE(table->model()->index(0, 0).data().toString(), QStringLiteral("train/"));
    QVERIFY(table->model()->index(0, 0).data(ObjectListModel::IsDirectoryRole).toBool());
    const QPoint valDir = table->visualRect(table->model()->index(1, 0)).center();
    QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, valDir);
    QTest::mouseDClick(table->viewport(), Qt::LeftButton, {}, valDir);
    QTRY_COMPARE_WITH_TIMEOUT(panel.objects()->location(), QStringLiteral("local://beta/val/"), 2000);
    QTRY_VERIFY_WITH_TIMEOUT(panel.objects()->isComplete() && table->model()->rowCount() == 15, 5000);
    QTest::mouseClick(panel.findChild<QPushButton *>(QStringLiteral("upButton")), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(panel.objects()->location(), QStringLiteral("local://beta"), 2000);
    // Leave the bucket as the other tests expect it.
    QVERIFY(QFile::remove(m_dir.filePath(QStringLiteral("beta/train/zzz-big.bin"))));
    QVERIFY(QFile::remove(m_dir.filePath(QStringLiteral("beta/train/aaa-mid.bin"))));
}

void TestExplorerPanel::unreachableClusterIsReported()
{
    ExplorerPanel panel;
    StoreOptions ais;
    ais.endpoint = "http://127.0.0.1:" + std::to_string(closedLoopbackPort());
    panel.setConnections({{QStringLiteral("Nowhere"), QStringLiteral("ais"), ais}});
    QSignalSpy failed(panel.connections(), &ConnectionTreeModel::failed);
    panel.connections()->fetchMore(panel.connections()->index(0, 0));
    QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, 10000);
    QVERIFY2(failed.at(0).at(1).toString().contains(QLatin1String("cannot connect")),
             qPrintable(failed.at(0).at(1).toString()));
    QCOMPARE(panel.connections()->index(0, 0).data(ConnectionTreeModel::ErrorRole).toString(),
             failed.at(0).at(1).toString());
}

void TestExplorerPanel::savesObjectsAtomically()
{
    auto store = FileStore::forLocalRoot(m_dir.path().toStdString());
    std::string big(8u << 20, 'q');
    store->putBytes("alpha", "big.bin", big);
    store->putBytes("alpha", "small.bin", "tiny");
    ExplorerPanel panel;
    StoreOptions local;
    local.localRoot = m_dir.path().toStdString();
    panel.setConnections({{QStringLiteral("Local store"), QStringLiteral("local"), local}});
    panel.openLocation(0, QStringLiteral("local://alpha"));
    QTRY_VERIFY_WITH_TIMEOUT(panel.objects()->isComplete(), 5000);

    QSignalSpy saved(&panel, &ExplorerPanel::saved);
    const QString out = m_dir.filePath(QStringLiteral("out-small.bin"));
    panel.saveObject(QStringLiteral("small.bin"), out);
    QTRY_COMPARE_WITH_TIMEOUT(saved.count(), 1, 5000);
    QVERIFY2(saved.at(0).at(1).toString().isEmpty(), qPrintable(saved.at(0).at(1).toString()));
    QFile f(out);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), QByteArray("tiny"));
    f.close();

    // A missing object: an error naming it, and the existing file is left as it was.
    panel.saveObject(QStringLiteral("gone.bin"), out);
    QTRY_COMPARE_WITH_TIMEOUT(saved.count(), 2, 5000);
    QVERIFY2(saved.at(1).at(1).toString().contains(QLatin1String("local://alpha/gone.bin")),
             qPrintable(saved.at(1).at(1).toString()));
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), QByteArray("tiny"));
    f.close();

    // Stopped at once: nothing is written.
    const QString stopped = m_dir.filePath(QStringLiteral("stopped.bin"));
    panel.saveObject(QStringLiteral("big.bin"), stopped);
    panel.stopJob();
    QTRY_COMPARE_WITH_TIMEOUT(saved.count(), 3, 10000);
    if (!saved.at(2).at(1).toString().isEmpty()) { // the stop may come after the last byte on a fast disk
        QCOMPARE(saved.at(2).at(1).toString(), QStringLiteral("stopped"));
        QVERIFY(!QFile::exists(stopped));
    }
    QCOMPARE(QDir(m_dir.path()).entryList({QStringLiteral("*.bin.*")}, QDir::Files | QDir::Hidden).size(), 0);
}

void TestExplorerPanel::summarizesABucket()
{
    ExplorerPanel panel;
    StoreOptions local;
    local.localRoot = m_dir.path().toStdString();
    panel.setConnections({{QStringLiteral("Local store"), QStringLiteral("local"), local}});
    panel.openLocation(0, QStringLiteral("local://beta/train/"));
    QTRY_VERIFY_WITH_TIMEOUT(panel.objects()->isComplete(), 5000);
    QSignalSpy finished(panel.summaryView(), &SummaryView::finished);
    QTest::mouseClick(panel.findChild<QPushButton *>(QStringLiteral("summarizeButton")), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 5000);
    QVERIFY(finished.at(0).at(0).toString().isEmpty());
    QCOMPARE(panel.summaryView()->summary().objects, quint64(15));
    QVERIFY2(panel.findChild<QLabel *>(QStringLiteral("summaryTotals"))->text().startsWith(
                 QLatin1String("local://beta/train/: 15 objects")),
             qPrintable(panel.findChild<QLabel *>(QStringLiteral("summaryTotals"))->text()));
    auto *ext = panel.findChild<QTableWidget *>(QStringLiteral("summaryExtensions"));
    QCOMPARE(ext->rowCount(), 1);
    QCOMPARE(ext->item(0, 0)->text(), QStringLiteral("bin"));
    QCOMPARE(ext->item(0, 1)->text(), QStringLiteral("15"));
}

QTEST_MAIN(TestExplorerPanel)
#include "test_explorer_panel.moc"
