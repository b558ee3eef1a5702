// The lazy object list: pages arrive from a worker thread, fetchMore follows
// the continuation token, a new location drops pages of the old one, errors
// name the bucket; checked with QAbstractItemModelTester throughout.

#include "ui/models/object_list_model.h"
#include "core/storage/file_store.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
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

QTEST_GUILESS_MAIN(TestObjectListModel)
#include "test_object_list_model.moc"
