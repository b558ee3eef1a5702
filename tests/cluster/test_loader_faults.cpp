// The loader core and the profiler when the cluster misbehaves: a benchmark
// against a stopped target ends in bounded time with errors that name what
// failed; an epoch survives a stall within the retry budget and delivers every
// object exactly once; a shard read and a listing against a stopped target
// fail with the operation named; a target killed in the middle of an epoch, a
// shard read, a listing or a benchmark ends it in bounded time with the bucket
// named, and the whole cluster restarting after it needs no restart of
// shardscope; the benchmark panel shows the errors and keeps working.
// On a cluster of several targets the one stopped or killed is the owner of
// the object or shard read, or target 1 for a whole-bucket operation (its
// objects are part of every epoch, benchmark and listing).
#undef QT_NO_FOREACH

#include "cluster_fixture.h"

#include "core/bench/bench_config.h"
#include "core/data/loader.h"
#include "core/gen/dataset_generator.h"
#include "core/shard/shard_reader.h"
#include "core/storage/store_factory.h"
#include "core/util/error.h"
#include "ui/bench/benchmark_panel.h"

#include <QCheckBox>
#include <QDoubleSpinBox>
#include <QElapsedTimer>
#include <QLabel>
#include <QProcess>
#include <QSignalSpy>
#include <QTest>
#include <qcustomplot.h>

#include <csignal>
#include <map>
#include <thread>

using namespace shardscope;
using namespace std::chrono_literals;

namespace {
// Resumes the stopped targets whatever happens in the test.
struct ContinueGuard
{
    pid_t pid;
    ~ContinueGuard() { ::kill(pid, SIGCONT); }
};
// Runs a project script (cluster-start.sh / cluster-stop.sh) on the tests' cluster; true on success.
bool script(const char *name, const QStringList &args = {})
{
    std::vector<std::string> a;
    for (const QString &s : args)
        a.push_back(s.toStdString());
    std::string out;
    const bool ok = clustertest::clusterScript(name, a, &out) == 0;
    if (!ok)
        qWarning("%s: %s", name, out.c_str());
    return ok;
}
} // namespace

class TestLoaderFaults : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void benchmarkAgainstStoppedTargetEndsCleanly();
    void epochSurvivesAStallWithinTheRetryBudget();
    void shardReadAgainstStoppedTargetNamesTheShard();
    void listingAgainstStoppedTargetNamesTheBucket();
    void benchmarkPanelShowsErrorsAndKeepsWorking();
    void killedTargetMidOperation_data();
    void killedTargetMidOperation();
    void cleanupTestCase();

private:
    StoreOptions options(std::chrono::milliseconds readTimeout, int attempts, std::chrono::seconds budget) const
    {
        StoreOptions o;
        o.endpoint = clustertest::endpoint();
        o.http.readTimeout = readTimeout;
        o.http.connectTimeout = 1500ms;
        o.retry.maxAttempts = attempts;
        o.retry.initialBackoff = 200ms;
        o.retry.maxBackoff = 1s;
        o.retry.budget = budget;
        return o;
    }
    std::unique_ptr<Store> open(const StoreOptions &o) const
    {
        return openStore(parseStoreUrl("ais://" + m_bucket), o).store;
    }
    // The target to stop or kill: the owner of `object`, or (empty) target 1
    // (the only one on a single-target cluster).
    pid_t victim(const std::string &object = {});
    std::string m_bucket;
    std::vector<std::string> m_names;
    pid_t m_target = 0;
    std::vector<pid_t> m_stopped; // resumed in cleanup whatever happened
};

pid_t TestLoaderFaults::victim(const std::string &object)
{
    clustertest::TargetProcess t;
    if (!object.empty()) {
        t = clustertest::owningTarget(m_bucket, object);
    } else {
        const auto all = clustertest::targets();
        if (!all.empty())
            t = all[std::min<std::size_t>(1, all.size() - 1)];
    }
    m_target = static_cast<pid_t>(t.pid);
    if (m_target > 0)
        m_stopped.push_back(m_target);
    return m_target;
}

void TestLoaderFaults::initTestCase()
{
    const std::string why = clustertest::unreachableReason();
    QVERIFY2(why.empty(), why.c_str());
    const std::string helpers = clustertest::processHelpersUnavailable();
    QVERIFY2(helpers.empty(), helpers.c_str());
    m_bucket = clustertest::uniqueBucket("ss-lfaults");
    auto s = open(options(10s, 3, 30s));
    s->createBucket(m_bucket);
    for (int i = 0; i < 300; ++i) {
        m_names.push_back("obj-" + std::to_string(1000 + i) + ".bin");
        s->putBytes(m_bucket, m_names.back(), clustertest::randomBytes(2048, unsigned(i)));
    }
    // Far larger than what can be in flight when the target stops: the
    // reader's pipe (4 MiB) and the sockets' buffers (receive up to 32 MiB,
    // send up to 4 MiB on loopback), so a slow reader (a sanitizer build)
    // cannot have the whole shard in hand before its fifth sample.
    std::vector<std::pair<std::string, std::string>> members;
    const std::string block = clustertest::randomBytes(1 << 20, 42);
    for (int k = 0; k < 96; ++k)
        members.emplace_back("k" + std::to_string(k) + ".bin", block);
    s->putBytes(m_bucket, "shards/big.tar", writeArchive(ShardFormat::Tar, members));
}

void TestLoaderFaults::benchmarkAgainstStoppedTargetEndsCleanly()
{
    BenchSpec spec = benchSpecForUrl("ais://" + m_bucket + "/obj-", options(1000ms, 2, 5s), BenchMethod::Iterable, 4);
    spec.duration = 120s;
    BenchResult r;
    QElapsedTimer t;
    QVERIFY(victim() > 0);
    {
        ContinueGuard guard{m_target};
        std::thread stopper([this] {
            std::this_thread::sleep_for(500ms);
            ::kill(m_target, SIGSTOP);
        });
        t.start();
        r = runBenchmark(spec);
        stopper.join();
    }
    // Bounded: a read timeout and a retry, far from the 120 s asked for.
    QVERIFY2(t.elapsed() < 30000, qPrintable(QString::number(t.elapsed())));
    QVERIFY(r.items > 0); // it read before the stop
    QVERIFY(r.errors > 0);
    const QString first = QString::fromStdString(r.firstError);
    QVERIFY2(first.contains(QString::fromStdString("ais://" + m_bucket + "/obj-")), r.firstError.c_str());
    QVERIFY2(first.contains(QStringLiteral("timeout")), r.firstError.c_str());
    QVERIFY(r.series.size() >= 2);
    QCOMPARE(r.series.back().errors, r.errors);
}

void TestLoaderFaults::epochSurvivesAStallWithinTheRetryBudget()
{
    const StoreOptions o = options(1000ms, 8, 30s);
    LoaderOptions lo;
    lo.workers = 4;
    Loader loader(Loader::Mode::Objects, [this, o] { return open(o); }, m_bucket, m_names, lo);
    std::map<std::string, int> seen;
    LoaderItem item;
    int n = 0;
    QVERIFY(victim() > 0);
    {
        ContinueGuard guard{m_target};
        while (loader.next(item)) {
            ++seen[item.name];
            QCOMPARE(item.bytes, clustertest::randomBytes(2048, unsigned(std::stoi(item.name.substr(4, 4)) - 1000)));
            if (++n == 60) {
                ::kill(m_target, SIGSTOP);
                // Resumed well within the retry budget, from another thread.
                std::thread([this] {
                    std::this_thread::sleep_for(2500ms);
                    ::kill(m_target, SIGCONT);
                }).detach();
            }
        }
    }
    QCOMPARE(seen.size(), m_names.size());
    for (const auto &[name, count] : seen)
        QVERIFY2(count == 1, name.c_str()); // exactly once
}

void TestLoaderFaults::shardReadAgainstStoppedTargetNamesTheShard()
{
    auto s = open(options(1000ms, 2, 5s));
    ShardReader reader(*s, m_bucket, {});
    QElapsedTimer t;
    t.start();
    int samples = 0;
    QVERIFY(victim("shards/big.tar") > 0);
    {
        ContinueGuard guard{m_target};
        try {
            reader.read("shards/big.tar", [&](Sample &&) {
                if (++samples == 5)
                    ::kill(m_target, SIGSTOP);
                return true;
            }, {});
            QFAIL("a shard read from a stopped target completed");
        } catch (const Error &e) {
            const QString msg = QString::fromStdString(e.what());
            QVERIFY2(msg.contains(QStringLiteral("shards/big.tar")), e.what());
        }
    }
    QVERIFY2(t.elapsed() < 30000, qPrintable(QString::number(t.elapsed())));
    QVERIFY(samples >= 5);
}

void TestLoaderFaults::listingAgainstStoppedTargetNamesTheBucket()
{
    auto s = open(options(1000ms, 2, 5s));
    QElapsedTimer t;
    QVERIFY(victim() > 0);
    {
        ContinueGuard guard{m_target};
        QCOMPARE(::kill(m_target, SIGSTOP), 0);
        t.start();
        try {
            (void)s->listPage(m_bucket, {}, {});
            QFAIL("a listing with a stopped target completed");
        } catch (const Error &e) {
            QVERIFY2(QString::fromStdString(e.what()).contains(QString::fromStdString(m_bucket)), e.what());
        }
    }
    QVERIFY2(t.elapsed() < 30000, qPrintable(QString::number(t.elapsed())));
    QCOMPARE(s->listPage(m_bucket, {}, {}).entries.size(), m_names.size() + 1); // back again
}

void TestLoaderFaults::benchmarkPanelShowsErrorsAndKeepsWorking()
{
    ui::BenchmarkPanel panel;
    const StoreOptions o = options(1000ms, 2, 5s);
    panel.setStoreOptions([o](const QString &) { return o; });
    panel.setUrl(QString::fromStdString("ais://" + m_bucket + "/obj-"));
    panel.findChild<QDoubleSpinBox *>(QStringLiteral("benchDuration"))->setValue(120);
    QSignalSpy finished(&panel, &ui::BenchmarkPanel::finished);
    QVERIFY(victim() > 0);
    {
        ContinueGuard guard{m_target};
        panel.startSingle();
        // The GUI thread keeps turning while the target is stopped: this wait spins its event loop.
        QTRY_VERIFY_WITH_TIMEOUT(panel.throughputPlot()->graph(0)->dataCount() >= 2, 10000);
        ::kill(m_target, SIGSTOP);
        QVERIFY(finished.wait(40000));
    }
    const QString status = panel.findChild<QLabel *>(QStringLiteral("benchStatus"))->text();
    QVERIFY2(status.contains(QStringLiteral("ended with errors")) && status.contains(QStringLiteral("timeout")),
             qPrintable(status));
    QVERIFY(panel.findChild<QLabel *>(QStringLiteral("benchVerdict"))->text().contains(QStringLiteral("error")));
    // Once the target is back, the next run is clean.
    panel.findChild<QCheckBox *>(QStringLiteral("benchEpoch"))->setChecked(true);
    panel.startSingle();
    QVERIFY(finished.wait(40000));
    QCOMPARE(panel.results().back().errors, quint64(0));
    QCOMPARE(panel.results().back().items, quint64(m_names.size()));
}

void TestLoaderFaults::killedTargetMidOperation_data()
{
    QTest::addColumn<QString>("operation");
    for (const char *op : {"iterable epoch", "shard read", "listing", "benchmark"})
        QTest::newRow(op) << QString::fromLatin1(op);
}

void TestLoaderFaults::killedTargetMidOperation()
{
    QFETCH(QString, operation);
    const StoreOptions o = options(1000ms, 2, 5s);
    auto s = open(o); // kept across the restart below: shardscope is not restarted
    QElapsedTimer t;
    t.start();
    QString error;
    QVERIFY(victim(operation == QLatin1String("shard read") ? "shards/big.tar" : "") > 0);
    const auto kill = [this] { QCOMPARE(::kill(m_target, SIGKILL), 0); };
    try {
        if (operation == QLatin1String("iterable epoch")) {
            LoaderOptions lo;
            lo.workers = 2;
            Loader loader(Loader::Mode::Objects, [this, o] { return open(o); }, m_bucket, m_names, lo);
            LoaderItem item;
            int n = 0;
            while (loader.next(item))
                if (++n == 30)
                    kill();
        } else if (operation == QLatin1String("shard read")) {
            ShardReader reader(*s, m_bucket, {});
            int n = 0;
            reader.read("shards/big.tar", [&](Sample &&) {
                if (++n == 5)
                    kill();
                return true;
            }, {});
        } else if (operation == QLatin1String("listing")) {
            ListRequest req;
            req.pageSize = 20;
            std::string token;
            int pages = 0;
            do {
                ListPage page = s->listPage(m_bucket, req, token);
                token = page.continuationToken;
                if (++pages == 2)
                    kill();
            } while (!token.empty());
        } else {
            BenchSpec spec = benchSpecForUrl("ais://" + m_bucket + "/obj-", o, BenchMethod::Iterable, 4);
            spec.duration = 120s;
            std::thread killer([&] {
                std::this_thread::sleep_for(500ms);
                ::kill(m_target, SIGKILL);
            });
            const BenchResult r = runBenchmark(spec);
            killer.join();
            QVERIFY(r.endedByError);
            error = QString::fromStdString(r.firstError);
        }
        if (error.isEmpty())
            QFAIL(qPrintable(operation + QStringLiteral(" completed with the target killed")));
    } catch (const Error &e) {
        error = QString::fromStdString(e.what());
    }
    // Bounded, and the error names what failed.
    QVERIFY2(t.elapsed() < 30000, qPrintable(QString::number(t.elapsed())));
    QVERIFY2(error.contains(QString::fromStdString(m_bucket)), qPrintable(error));

    // The whole cluster goes down and comes back on its data (a restart).
    QVERIFY(script("cluster-stop.sh", {QStringLiteral("--keep-state")}));
    // Not waiting for the rebalance the restart starts: cleanupTestCase does, once.
    QVERIFY(script("cluster-start.sh", {QStringLiteral("--keep-state"), QStringLiteral("--no-settle")}));
    // The same store object reconnects: the data written before is read back,
    // and new data can be written.
    QCOMPARE(s->getBytes(m_bucket, m_names[7]), clustertest::randomBytes(2048, 7));
    const std::string marker = "after-restart-" + operation.toStdString() + ".txt";
    s->putBytes(m_bucket, marker, "back");
    QCOMPARE(s->getBytes(m_bucket, marker), std::string("back"));
}

void TestLoaderFaults::cleanupTestCase()
{
    for (const pid_t pid : m_stopped)
        ::kill(pid, SIGCONT);
    try {
        open(options(10s, 3, 30s))->destroyBucket(m_bucket);
    } catch (const Error &) {
    }
    // The tests after this one find the cluster as they expect it: every
    // target mapped, the restarts' rebalance over.
    QVERIFY(script("cluster-node.sh", {QStringLiteral("wait-settled")}));
}

QTEST_MAIN(TestLoaderFaults)
#include "test_loader_faults.moc"
