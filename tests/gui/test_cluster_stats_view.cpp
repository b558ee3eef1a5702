// QCustomPlot's header uses Q_FOREACH: allow it here, before any Qt header.
#undef QT_NO_FOREACH

// The benchmark's Cluster view against the real cluster: while objects are
// read, every target of the map gets a row and a graph, the GETs the targets
// counted over the run are at least the ones read, and an endpoint with no
// cluster behind it is said, not hung on. Against a cluster played on
// loopback: a node that answers slowly never gets two polls at once, and a
// hidden view asks nothing until it is shown again.

#include "ui/bench/benchmark_panel.h"
#include "ui/bench/cluster_stats_view.h"
#include "ui/jobs/job_tracker.h"

#include "local_server.h"

#include "core/storage/ais_client.h"
#include "core/storage/endpoint.h"

#include <QCheckBox>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTest>

#include <atomic>
#include <qcustomplot.h>
#include <thread>
#include <unistd.h>

using namespace shardscope;
using namespace shardscope::ui;

class TestClusterStatsView : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void showsEveryTargetWhileReading();
    void benchmarkPanelShowsTheClusterSide();
    void noClusterIsSaid();
    void pollsNeverStack_data();
    void pollsNeverStack();
    void hiddenViewPollsNothing();
    void runStartsOnceTheBaselineIsIn();
    void stopBeforeTheBaselineEndsTheRun();
};

namespace {
// One proxy and one target; node_status answers after `delayMs`.
struct FakeCluster
{
    explicit FakeCluster(int delayMs)
        : server([this, delayMs](const LocalServer::Request &r) {
              if (r.target.find("what=smap") != std::string::npos)
                  return reply(
                      R"({"pmap":{"p1":{"daemon_id":"p1","daemon_type":"proxy"}},"proxy_si":{"daemon_id":"p1"},)"
                      R"("tmap":{"t1":{"daemon_id":"t1","daemon_type":"target","id_digest":1,)"
                      R"("public_net":{"node_ip_addr":"127.0.0.1","daemon_port":"1","direct_url":")" +
                      server.url() + R"("}}},"uuid":"u","version":"3"})");
              if (r.target.find("what=") == std::string::npos) {
                  // Not the cluster's statistics: a read of the run.
                  int none = -1;
                  answeredAtFirstOther.compare_exchange_strong(none, answered.load());
                  ++others;
                  return reply("{}");
              }
              const int now = ++inFlight;
              int seen = maxInFlight.load();
              while (now > seen && !maxInFlight.compare_exchange_weak(seen, now)) {
              }
              ++polls;
              std::this_thread::sleep_for(std::chrono::milliseconds(delayMs));
              --inFlight;
              ++answered;
              return reply(R"({"snode":{"daemon_id":"t1","daemon_type":"target"},"tracker":{"get.n":)" +
                           std::to_string(polls.load()) + "}}");
          })
    {
    }
    static std::string reply(const std::string &body)
    {
        return "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " +
               std::to_string(body.size()) + "\r\n\r\n" + body;
    }
    std::atomic<int> inFlight{0}, maxInFlight{0}, polls{0}, others{0}, answered{0};
    std::atomic<int> answeredAtFirstOther{-1}; // statistics answers before the run's first read
    LocalServer server;
};

// The Benchmark tab started on a bucket of `cluster` (whose statistics
// answer late), with spies on the cluster's baseline and on the run's end.
struct StartedRun
{
    explicit StartedRun(const FakeCluster &cluster)
        : baseline(panel.clusterView(), &ClusterStatsView::baselineTaken),
          finished(&panel, &BenchmarkPanel::finished)
    {
        StoreOptions so;
        so.endpoint = cluster.server.url();
        panel.setStoreOptions([so](const QString &) { return so; });
        panel.setUrl(QStringLiteral("ais://waiting"));
        panel.useConfig(false);
        panel.show();
        QTest::mouseClick(panel.findChild<QPushButton *>(QStringLiteral("benchStart")), Qt::LeftButton);
    }
    BenchmarkPanel panel;
    QSignalSpy baseline;
    QSignalSpy finished;
};
} // namespace

void TestClusterStatsView::showsEveryTargetWhileReading()
{
    AisOptions ao;
    ao.endpoint = resolveAisEndpoint(std::nullopt);
    AisClient client(ao);
    const AisClusterMap smap = client.clusterMap();
    const std::string bucket = "ss-cview-" + std::to_string(::getpid());
    client.createBucket(bucket);
    for (int i = 0; i < 60; ++i)
        client.putObject(bucket, "o-" + std::to_string(i), std::string(2048, 'x'));

    ClusterStatsView view;
    view.show();
    StoreOptions so;
    so.endpoint = ao.endpoint;
    QSignalSpy updated(&view, &ClusterStatsView::updated);
    view.start(so, std::chrono::milliseconds(200));
    QVERIFY(view.running());
    // The first interval is drawn once the poller has its first snapshot: reads after it are counted.
    QTRY_VERIFY_WITH_TIMEOUT(updated.count() > 0, 15000);
    // Read every object 5 times on another thread while the view polls.
    std::atomic<int> reads{0};
    std::thread reader([&] {
        AisClient c(ao);
        for (int round = 0; round < 5; ++round)
            for (int i = 0; i < 60; ++i) {
                c.getObject(bucket, "o-" + std::to_string(i));
                ++reads;
            }
    });
    // The GUI thread turns meanwhile (this wait spins its event loop).
    QTRY_VERIFY_WITH_TIMEOUT(view.table()->rowCount() == static_cast<int>(smap.targets.size()), 15000);
    reader.join();
    view.stop();
    QTRY_VERIFY_WITH_TIMEOUT(!view.total().targets.empty(), 15000);
    QCOMPARE(view.total().targets.size(), smap.targets.size());
    QVERIFY2(view.total().getN >= std::uint64_t(reads.load()),
             qPrintable(QStringLiteral("%1 GETs counted, %2 read").arg(view.total().getN).arg(reads.load())));
    QCOMPARE(view.plot()->graphCount(), static_cast<int>(smap.targets.size()));
    for (int r = 0; r < view.table()->rowCount(); ++r)
        QVERIFY(!view.table()
                     ->item(r, ClusterStatsView::GetsPerSecond)
                     ->text()
                     .contains(QLatin1String("did not")));
    const QString summary = view.findChild<QLabel *>(QStringLiteral("clusterStatsSummary"))->text();
    QVERIFY2(summary.contains(QLatin1String("imbalance")), qPrintable(summary));
    client.destroyBucket(bucket);
}

void TestClusterStatsView::benchmarkPanelShowsTheClusterSide()
{
    // A run of the Benchmark tab on an ais:// bucket fills its Cluster view:
    // a row per target, and the targets counted at least the GETs of the run.
    AisOptions ao;
    ao.endpoint = resolveAisEndpoint(std::nullopt);
    AisClient client(ao);
    const AisClusterMap smap = client.clusterMap();
    const std::string bucket = "ss-cpanel-" + std::to_string(::getpid());
    client.createBucket(bucket);
    for (int i = 0; i < 200; ++i)
        client.putObject(bucket, "o-" + std::to_string(i), std::string(4096, 'y'));
    BenchmarkPanel panel;
    StoreOptions so;
    so.endpoint = ao.endpoint;
    panel.setStoreOptions([so](const QString &) { return so; });
    panel.setUrl(QStringLiteral("ais://") + QString::fromStdString(bucket));
    panel.useConfig(false);
    panel.findChild<QCheckBox *>(QStringLiteral("benchEpoch"))->setChecked(true); // every object once
    panel.show();
    QSignalSpy finished(&panel, &BenchmarkPanel::finished);
    QTest::mouseClick(panel.findChild<QPushButton *>(QStringLiteral("benchStart")), Qt::LeftButton);
    QVERIFY(panel.clusterView()->running());
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 60000);
    QVERIFY2(finished.at(0).at(0).toString().isEmpty(), qPrintable(finished.at(0).at(0).toString()));
    QVERIFY(!panel.clusterView()->running()); // stopped with the run
    QTRY_COMPARE_WITH_TIMEOUT(panel.clusterView()->table()->rowCount(), static_cast<int>(smap.targets.size()),
                              15000);
    QTRY_VERIFY_WITH_TIMEOUT(!panel.clusterView()->total().targets.empty(), 15000);
    QVERIFY2(panel.clusterView()->total().getN >= 200,
             qPrintable(QStringLiteral("%1 GETs counted").arg(panel.clusterView()->total().getN)));
    // The verdict speaks of both sides once the cluster's numbers are in.
    auto *verdict = panel.findChild<QLabel *>(QStringLiteral("benchVerdict"));
    QTRY_VERIFY2_WITH_TIMEOUT(verdict->text().contains(QLatin1String("target"), Qt::CaseInsensitive) ||
                                  verdict->text().contains(QLatin1String("cluster"), Qt::CaseInsensitive),
                              qPrintable(verdict->text()), 15000);
    client.destroyBucket(bucket);
}

void TestClusterStatsView::noClusterIsSaid()
{
    ClusterStatsView view;
    StoreOptions so;
    so.endpoint = "http://127.0.0.1:9"; // discard: nothing answers there
    view.start(so);
    auto *summary = view.findChild<QLabel *>(QStringLiteral("clusterStatsSummary"));
    QTRY_VERIFY_WITH_TIMEOUT(summary->text().startsWith(QLatin1String("No cluster statistics")), 15000);
    view.stop();
    QCOMPARE(view.table()->rowCount(), 0);
}

void TestClusterStatsView::pollsNeverStack_data()
{
    QTest::addColumn<int>("delayMs");
    QTest::newRow("node answers at once") << 0;
    QTest::newRow("node slower than the period") << 300;
}

void TestClusterStatsView::pollsNeverStack()
{
    QFETCH(int, delayMs);
    FakeCluster cluster(delayMs);
    ClusterStatsView view;
    view.show();
    StoreOptions so;
    so.endpoint = cluster.server.url();
    QSignalSpy updated(&view, &ClusterStatsView::updated);
    view.start(so, std::chrono::milliseconds(50)); // ticks far faster than the slow node answers
    QTRY_VERIFY_WITH_TIMEOUT(updated.count() >= 3, 15000);
    view.stop();
    QTRY_VERIFY_WITH_TIMEOUT(!view.total().targets.empty(), 15000);
    QCOMPARE(cluster.maxInFlight.load(), 1); // one poll at a time, however slow the node
    QCOMPARE(view.table()->item(0, ClusterStatsView::Target)->text(), QStringLiteral("t1"));
}

void TestClusterStatsView::hiddenViewPollsNothing()
{
    FakeCluster cluster(0);
    ClusterStatsView view;
    view.show();
    StoreOptions so;
    so.endpoint = cluster.server.url();
    QSignalSpy updated(&view, &ClusterStatsView::updated);
    view.start(so, std::chrono::milliseconds(50));
    QTRY_VERIFY_WITH_TIMEOUT(updated.count() >= 2, 15000);
    view.hide();
    // Once the poll under way (if any) is done, nothing more is asked.
    QTRY_VERIFY_WITH_TIMEOUT(!JobTracker::instance().isRunning(&view, QStringLiteral("poll")), 15000);
    const int polls = cluster.polls.load();
    QTest::qWait(500); // ten periods
    QCOMPARE(cluster.polls.load(), polls);
    view.show(); // polling goes on
    QTRY_VERIFY_WITH_TIMEOUT(cluster.polls.load() > polls + 2, 15000);
    view.stop();
    QTRY_VERIFY_WITH_TIMEOUT(!view.total().targets.empty(), 15000);
}

void TestClusterStatsView::runStartsOnceTheBaselineIsIn()
{
    // A run reads nothing before the targets' counters were read (so the
    // cluster's totals hold all its GETs), and starts once they are.
    FakeCluster cluster(500); // each statistics answer takes 0.5 s
    StartedRun run(cluster);
    BenchmarkPanel &panel = run.panel;
    QSignalSpy &baseline = run.baseline;
    QSignalSpy &finished = run.finished;
    QVERIFY(panel.isRunning());
    QTRY_VERIFY_WITH_TIMEOUT(cluster.others.load() > 0, 15000); // the run began
    QCOMPARE(baseline.count(), 1);
    QVERIFY2(cluster.answeredAtFirstOther.load() >= 1,
             qPrintable(QStringLiteral("the run read before the cluster's baseline (%1 answers)")
                            .arg(cluster.answeredAtFirstOther.load())));
    panel.stop();
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 15000);
}

void TestClusterStatsView::stopBeforeTheBaselineEndsTheRun()
{
    FakeCluster cluster(2000); // the first snapshot takes 2 s
    StartedRun run(cluster);
    BenchmarkPanel &panel = run.panel;
    QSignalSpy &baseline = run.baseline;
    QSignalSpy &finished = run.finished;
    QVERIFY(panel.isRunning());
    QTest::mouseClick(panel.findChild<QPushButton *>(QStringLiteral("benchStop")), Qt::LeftButton);
    QCOMPARE(finished.count(), 1);
    QCOMPARE(finished.at(0).at(1).toBool(), true); // stopped, not failed
    QVERIFY(!panel.isRunning());
    QVERIFY(panel.findChild<QPushButton *>(QStringLiteral("benchStart"))->isEnabled());
    // The stopped run's last snapshot still comes in; it starts nothing.
    QTRY_COMPARE_WITH_TIMEOUT(baseline.count(), 1, 15000);
    QTRY_VERIFY_WITH_TIMEOUT(
        !JobTracker::instance().isRunning(panel.clusterView(), QStringLiteral("last poll")), 15000);
    QCoreApplication::processEvents();
    QCOMPARE(cluster.others.load(), 0);
    QVERIFY(!panel.isRunning());
    QCOMPARE(finished.count(), 1);
}

QTEST_MAIN(TestClusterStatsView)
#include "test_cluster_stats_view.moc"
