// The lazy object list: pages arrive from a worker thread, fetchMore follows
// the continuation token, a new location drops pages of the old one, errors
// name the bucket; checked with QAbstractItemModelTester throughout.

#include "core/storage/file_store.h"
#include "ui/models/object_list_model.h"

#include <QAbstractItemModelTester>
#include <QDateTime>
#include <QFileInfo>
#include <QLocale>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTemporaryDir>
#include <QTest>

using namespace shardscope;
using namespace shardscope::ui;

class TestObjectListModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void pagesArriveAndFetchMoreFollowsTheToken();
    void oneLevelWithDirectories();
    void newLocationDropsTheOldListing();
    void missingBucketFailsWithItsName();
    void listingStopsAtTheRowLimit();
    void timesAsTheStoreWroteThemAndAsInstants();

private:
    StoreOptions options() const;
    QTemporaryDir m_dir;
};

StoreOptions TestObjectListModel::options() const
{
    StoreOptions o;
    o.localRoot = m_dir.path().toStdString();
    return o;
}

void TestObjectListModel::initTestCase()
{
    QVERIFY(m_dir.isValid());
    auto store = FileStore::forLocalRoot(m_dir.path().toStdString());
    store->createBucket("big");
    for (int i = 0; i < 250; ++i)
        store->putBytes("big", "objs/o-" + std::to_string(1000 + i), std::string(static_cast<size_t>(i), 'x'));
    store->putBytes("big", "dir1/a", "a");
    store->putBytes("big", "dir2/b/c", "c");
    store->putBytes("big", "top.txt", "t");
}

void TestObjectListModel::pagesArriveAndFetchMoreFollowsTheToken()
{
    ObjectListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy done(&model, &ObjectListModel::completed);
    model.setLocation(QStringLiteral("local://big/objs/"), options(), true, 100);
    QVERIFY(model.isLoading());
    QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), 100, 5000);
    QTRY_VERIFY(!model.isLoading());
    QVERIFY(model.canFetchMore({}));
    model.fetchMore({});
    QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), 200, 5000);
    QTRY_VERIFY(model.canFetchMore({}));
    model.fetchMore({});
    QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), 250, 5000);
    QTRY_COMPARE(done.count(), 1);
    QVERIFY(!model.canFetchMore({}));
    QCOMPARE(model.data(model.index(0, ObjectListModel::NameColumn)).toString(), QStringLiteral("objs/o-1000"));
    QCOMPARE(model.data(model.index(249, 0), ObjectListModel::SizeRole).toULongLong(), quint64(249));
    QCOMPARE(model.headerData(ObjectListModel::SizeColumn, Qt::Horizontal).toString(), QStringLiteral("Size"));
}

void TestObjectListModel::oneLevelWithDirectories()
{
    ObjectListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setLocation(QStringLiteral("local://big"), options(), false);
    QTRY_VERIFY_WITH_TIMEOUT(model.isComplete(), 5000);
    QStringList names;
    for (int r = 0; r < model.rowCount(); ++r)
        names << model.row(r).name;
    QCOMPARE(names, (QStringList{QStringLiteral("dir1/"), QStringLiteral("dir2/"), QStringLiteral("objs/"),
                                 QStringLiteral("top.txt")}));
    QVERIFY(model.data(model.index(0, 0), ObjectListModel::IsDirectoryRole).toBool());
    QVERIFY(model.data(model.index(0, ObjectListModel::SizeColumn)).toString().isEmpty());
    // Sorting by name, as the table's header does it.
    QSortFilterProxyModel proxy;
    proxy.setSourceModel(&model);
    proxy.setSortRole(ObjectListModel::SortRole);
    proxy.sort(ObjectListModel::NameColumn, Qt::DescendingOrder);
    QStringList sorted;
    for (int r = 0; r < proxy.rowCount(); ++r)
        sorted << proxy.index(r, 0).data().toString();
    QCOMPARE(sorted, (QStringList{QStringLiteral("top.txt"), QStringLiteral("objs/"), QStringLiteral("dir2/"),
                                  QStringLiteral("dir1/")}));
}

void TestObjectListModel::newLocationDropsTheOldListing()
{
    ObjectListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setLocation(QStringLiteral("local://big/objs/"), options(), true, 100);
    model.setLocation(QStringLiteral("local://big/dir"), options()); // before the first page arrives
    QTRY_VERIFY_WITH_TIMEOUT(model.isComplete(), 5000);
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.row(0).name, QStringLiteral("dir1/a"));
    // The worker serves requests in order, so any page of the first listing
    // arrived before the second completed, and was dropped.
}

void TestObjectListModel::missingBucketFailsWithItsName()
{
    ObjectListModel model;
    QSignalSpy failed(&model, &ObjectListModel::failed);
    model.setLocation(QStringLiteral("local://ghost"), options());
    QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, 5000);
    QVERIFY2(failed.at(0).at(0).toString().contains(QLatin1String("local://ghost")),
             qPrintable(failed.at(0).at(0).toString()));
    QVERIFY(!model.isLoading());
    QVERIFY(!model.canFetchMore({}));
    QCOMPARE(model.rowCount(), 0);
}

void TestObjectListModel::listingStopsAtTheRowLimit()
{
    ObjectListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy failed(&model, &ObjectListModel::failed);
    QSignalSpy done(&model, &ObjectListModel::completed);
    model.setLimits(150, ObjectListModel::kDefaultByteLimit);
    model.setLocation(QStringLiteral("local://big/objs/"), options(), true, 100);
    QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), 100, 5000);
    QTRY_VERIFY(model.canFetchMore({}));
    model.fetchMore({});
    QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, 5000);
    QCOMPARE(model.rowCount(), 150); // the second page, cut at the limit
    QVERIFY(model.isTruncated());
    QVERIFY(model.isComplete());
    QVERIFY(model.errorString().isEmpty()); // the rows listed are fine
    QVERIFY(!model.canFetchMore({}));
    QCOMPARE(done.count(), 1);
    const QString message = failed.at(0).at(0).toString();
    QVERIFY2(message.contains(QLatin1String("local://big/objs/")) && message.contains(QLatin1String("150")) &&
                 message.contains(QLatin1String("prefix")),
             qPrintable(message));
    QCOMPARE(model.row(149).name, QStringLiteral("objs/o-1149"));
    // A new location lists afresh, without the old limit's state.
    model.setLocation(QStringLiteral("local://big/dir"), options());
    QVERIFY(!model.isTruncated());
    QTRY_VERIFY_WITH_TIMEOUT(model.isComplete(), 5000);
    QCOMPARE(model.rowCount(), 2);
    QVERIFY(!model.isTruncated());
}

void TestObjectListModel::timesAsTheStoreWroteThemAndAsInstants()
{
    ObjectListModel model;
    model.setLocation(QStringLiteral("local://big/top.txt"), options());
    QTRY_VERIFY_WITH_TIMEOUT(model.isComplete(), 5000);
    QCOMPARE(model.rowCount(), 1);
    const QFileInfo file(m_dir.filePath(QStringLiteral("big/top.txt")));
    QVERIFY(file.exists());
    const QDateTime mtime = file.lastModified().toUTC();
    const QModelIndex modified = model.index(0, ObjectListModel::ModifiedColumn);
    // The file store's text (whole seconds, UTC), unchanged, as the tooltip;
    // the cell shows the locale's short form of the same time...
    QCOMPARE(model.data(modified, Qt::ToolTipRole).toString(),
             mtime.toString(QStringLiteral("yyyy-MM-ddTHH:mm:ssZ")));
    QCOMPARE(model.data(modified).toString(), QLocale().toString(mtime.toLocalTime(), QLocale::ShortFormat));
    // ...and the instant it names, for views that show it their own way.
    const QDateTime shown = model.data(modified, ObjectListModel::ModifiedTimeRole).toDateTime();
    QVERIFY(shown.isValid());
    QCOMPARE(shown.toSecsSinceEpoch(), mtime.toSecsSinceEpoch());
    QCOMPARE(model.data(modified, ObjectListModel::SortRole).toLongLong(), shown.toMSecsSinceEpoch());
}

QTEST_GUILESS_MAIN(TestObjectListModel)
#include "test_object_list_model.moc"
