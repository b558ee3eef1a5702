// The cluster view against the real cluster: the primary proxy and the
// target, ready; and an unreachable endpoint reported, not hung on.

#include "ui/explorer/cluster_view.h"
#include "core/storage/endpoint.h"

#include <QLabel>
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
    void unreachableEndpoint();
};

void TestClusterView::showsTheRealCluster()
{
    ClusterView view;
    StoreOptions o;
    o.endpoint = resolveAisEndpoint(std::nullopt);
    QSignalSpy done(&view, &ClusterView::refreshed);
    view.setCluster(QStringLiteral("test cluster"), o);
    QTRY_COMPARE_WITH_TIMEOUT(done.count(), 1, 15000);
    QVERIFY2(done.at(0).at(1).toString().isEmpty(), qPrintable(done.at(0).at(1).toString()));
    QTableWidget *t = view.table();
    QCOMPARE(t->rowCount(), 2); // one proxy + one target, as the scripts start it
    QStringList roles, states;
    for (int r = 0; r < t->rowCount(); ++r) {
        roles << t->item(r, 0)->text();
        states << t->item(r, 3)->text();
        QVERIFY(t->item(r, 2)->text().startsWith(QLatin1String("http://")));
    }
    QCOMPARE(roles, (QStringList{QStringLiteral("primary proxy"), QStringLiteral("target")}));
    QCOMPARE(states, (QStringList{QStringLiteral("ready"), QStringLiteral("ready")}));
    QVERIFY(view.findChild<QLabel *>(QStringLiteral("clusterSummary"))->text().contains(QLatin1String("2 of 2 nodes ready")));
    // The software release the cluster runs, as its gateway reports it (5.0.v1.5.0 as the scripts pin it).
    QVERIFY2(view.findChild<QLabel *>(QStringLiteral("clusterSummary"))->text().startsWith(QLatin1String("AIStore 5.0")),
             qPrintable(view.findChild<QLabel *>(QStringLiteral("clusterSummary"))->text()));
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
