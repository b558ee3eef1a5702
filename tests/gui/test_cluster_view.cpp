// The cluster view against the real cluster: the primary proxy and every
// target, ready, with what `ais show cluster` shows (version, uptime, memory,
// capacity, load, CPU), refreshing itself while visible until Stop; and an
// unreachable endpoint reported, not hung on.

#include "core/storage/ais_client.h"
#include "core/storage/endpoint.h"
#include "ui/explorer/cluster_view.h"

#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTest>

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace shardscope;
using namespace shardscope::ui;

class TestClusterView : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void showsTheRealCluster();
    void countsBucketsWithoutListing();
    void unreachableEndpoint();
};

void TestClusterView::showsTheRealCluster()
{
    AisOptions ao;
    ao.endpoint = resolveAisEndpoint(std::nullopt);
    const AisClusterMap smap = AisClient(ao).clusterMap();
    const int targets = static_cast<int>(smap.targets.size());
    ClusterView view;
    StoreOptions o;
    o.endpoint = resolveAisEndpoint(std::nullopt);
    QSignalSpy done(&view, &ClusterView::refreshed);
    view.setCluster(QStringLiteral("test cluster"), o);
    QTRY_COMPARE_WITH_TIMEOUT(done.count(), 1, 15000);
    QVERIFY2(done.at(0).at(1).toString().isEmpty(), qPrintable(done.at(0).at(1).toString()));
    QTableWidget *t = view.table();
    QCOMPARE(t->rowCount(), 1 + targets); // one proxy + the targets, as the scripts start them
    QStringList roles, states, expectedRoles{QStringLiteral("primary proxy")};
    for (int i = 0; i < targets; ++i)
        expectedRoles << QStringLiteral("target");
    for (int r = 0; r < t->rowCount(); ++r) {
        roles << t->item(r, ClusterView::Role)->text();
        states << t->item(r, ClusterView::State)->text();
        QVERIFY(t->item(r, ClusterView::Url)->text().startsWith(QLatin1String("http://")));
        // What `ais show cluster` shows, for proxies and targets alike (targets had no uptime before).
        for (int c : {int(ClusterView::Version), int(ClusterView::Uptime), int(ClusterView::MemUsed),
                      int(ClusterView::MemAvail), int(ClusterView::Load), int(ClusterView::Cpu)})
            QVERIFY2(!t->item(r, c)->text().isEmpty(), qPrintable(t->horizontalHeaderItem(c)->text()));
        if (r > 0) {
            for (int c :
                 {int(ClusterView::CapUsed), int(ClusterView::CapAvail), int(ClusterView::CapPercent)})
                QVERIFY2(!t->item(r, c)->text().isEmpty(), qPrintable(t->horizontalHeaderItem(c)->text()));
            QVERIFY(t->item(r, ClusterView::CapPercent)->text().endsWith(QLatin1Char('%')));
        }
    }
    QCOMPARE(roles, expectedRoles);
    QCOMPARE(states, QStringList(1 + targets, QStringLiteral("ready")));
    const QString summary = view.findChild<QLabel *>(QStringLiteral("clusterSummary"))->text();
    QVERIFY2(summary.contains(QStringLiteral("%1 of %1 nodes ready").arg(1 + targets)), qPrintable(summary));
    QVERIFY2(summary.contains(QLatin1String("rebalance")), qPrintable(summary));
    // The software release the cluster runs, as its gateway reports it (5.0.v1.5.0 as the scripts pin it).
    QVERIFY2(summary.startsWith(QLatin1String("AIStore 5.0")), qPrintable(summary));

    // Visible: it asks again by itself; Stop ends that.
    view.show();
    QVERIFY(view.autoRefresh());
    QTRY_VERIFY_WITH_TIMEOUT(done.count() >= 2, ClusterView::kRefreshMs + 15000);
    auto *autoButton = view.findChild<QPushButton *>(QStringLiteral("clusterAutoRefresh"));
    QVERIFY(autoButton->text().contains(QLatin1String("Stop")));
    autoButton->click();
    QVERIFY(!view.autoRefresh());
    QVERIFY(!autoButton->text().contains(QLatin1String("Stop")));
}

void TestClusterView::countsBucketsWithoutListing()
{
    AisOptions ao;
    ao.endpoint = resolveAisEndpoint(std::nullopt);
    AisClient client(ao);
    const std::string bucket = "ss-cview-summary-" + std::to_string(::getpid());
    client.createBucket(bucket);
    for (int i = 0; i < 7; ++i)
        client.putObject(bucket, "o-" + std::to_string(i), std::string(1000, 'x'));
    ClusterView view;
    StoreOptions o;
    o.endpoint = ao.endpoint;
    QSignalSpy done(&view, &ClusterView::bucketsRefreshed);
    view.setCluster(QStringLiteral("test cluster"), o);
    QTRY_COMPARE_WITH_TIMEOUT(done.count(), 1, 60000);
    QVERIFY2(done.at(0).at(1).toString().isEmpty(), qPrintable(done.at(0).at(1).toString()));
    QTableWidget *t = view.buckets();
    bool found = false;
    for (int r = 0; r < t->rowCount(); ++r)
        if (t->item(r, 0)->text() == QString::fromStdString("ais://" + bucket)) {
            found = true;
            QCOMPARE(t->item(r, 1)->text(), QStringLiteral("7")); // the cluster's own count
            QVERIFY2(t->item(r, 2)->text().contains(QLatin1String("KiB")), qPrintable(t->item(r, 2)->text()));
        }
    QVERIFY(found);
    QVERIFY(view.findChild<QLabel *>(QStringLiteral("clusterBucketStatus"))
                ->text()
                .contains(QLatin1String("counted")));
    client.destroyBucket(bucket);
}

void TestClusterView::unreachableEndpoint()
{
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(fd, reinterpret_cast<sockaddr *>(&a), sizeof a);
    socklen_t len = sizeof a;
    ::getsockname(fd, reinterpret_cast<sockaddr *>(&a), &len);
    ::close(fd);
    ClusterView view;
    StoreOptions o;
    o.endpoint = "http://127.0.0.1:" + std::to_string(ntohs(a.sin_port));
    QSignalSpy done(&view, &ClusterView::refreshed);
    view.setCluster(QStringLiteral("nowhere"), o);
    QTRY_COMPARE_WITH_TIMEOUT(done.count(), 1, 10000);
    QVERIFY(done.at(0).at(1).toString().contains(QLatin1String("cannot connect")));
    QVERIFY(view.findChild<QLabel *>(QStringLiteral("clusterSummary"))->text().startsWith(QLatin1String("Cannot read the cluster map")));
    QCOMPARE(view.table()->rowCount(), 0);
}

QTEST_MAIN(TestClusterView)
#include "test_cluster_view.moc"
