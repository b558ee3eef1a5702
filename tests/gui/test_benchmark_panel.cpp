// The profiler as a user drives it: start a benchmark of a bucket, see the
// throughput chart, latency histogram and live table fill while it runs, stop
// it, run a worker sweep (knee marked) and a method comparison, export JSON,
// CSV, PNG and PDF; a bad URL is reported and the panel keeps working. The
// charts alone: time runs on across the runs of a sweep, the live table and the
// per-worker graphs stay bounded, the methods chart labels its ratios.
#undef QT_NO_FOREACH // qcustomplot.h

#include "core/storage/file_store.h"
#include "ui/bench/benchmark_charts.h"
#include "ui/bench/benchmark_panel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

#include <nlohmann/json.hpp>
#include <qcustomplot.h>

using namespace shardscope;
using namespace shardscope::ui;

class TestBenchmarkPanel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void liveRunFillsTheChartsAndStops();
    void epochRunFromTheDatasetConfig();
    void sweepMarksTheKnee();
    void compareShowsRatios();
    void exportsResultsAndCharts();
    void badUrlIsReported();
    void chartsRunOnAcrossRunsAndStayBounded();

private:
    void setUp(BenchmarkPanel &panel) const
    {
        const std::string root = m_dir.path().toStdString();
        panel.setStoreOptions([root](const QString &) {
            StoreOptions o;
            o.localRoot = root;
            return o;
        });
        panel.setUrl(QStringLiteral("local://objs"));
    }
    QTemporaryDir m_dir;
    QTemporaryDir m_out;
};

void TestBenchmarkPanel::initTestCase()
{
    QVERIFY(m_dir.isValid());
    auto store = FileStore::forLocalRoot(m_dir.path().toStdString());
    store->createBucket("objs");
    for (int i = 0; i < 200; ++i)
        store->putBytes("objs", "o-" + std::to_string(1000 + i) + ".bin", std::string(512, 'x'));
}

void TestBenchmarkPanel::liveRunFillsTheChartsAndStops()
{
    BenchmarkPanel panel;
    setUp(panel);
    panel.findChild<QDoubleSpinBox *>(QStringLiteral("benchDuration"))->setValue(60);
    panel.findChild<QSpinBox *>(QStringLiteral("benchWorkers"))->setValue(2);
    QSignalSpy finished(&panel, &BenchmarkPanel::finished);
    QTest::mouseClick(panel.findChild<QPushButton *>(QStringLiteral("benchStart")), Qt::LeftButton);
    QVERIFY(panel.isRunning());
    QVERIFY(!panel.findChild<QPushButton *>(QStringLiteral("benchStart"))->isEnabled());
    // While it runs: the charts and the table receive data.
    QTRY_VERIFY_WITH_TIMEOUT(panel.throughputPlot()->graph(0)->dataCount() >= 3, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(panel.findChild<QTableWidget *>(QStringLiteral("benchLiveTable"))->rowCount() >= 3, 5000);
    QCOMPARE(panel.throughputPlot()->graphCount(), 3 + 2); // total, payload, wire, two workers
    QVERIFY(panel.throughputPlot()->graph(3)->dataCount() > 0);
    auto *bars = qobject_cast<QCPBars *>(panel.latencyPlot()->plottable(0));
    QVERIFY(bars && bars->dataCount() > 0);
    double requests = 0;
    for (auto it = bars->data()->constBegin(); it != bars->data()->constEnd(); ++it)
        requests += it->value;
    QVERIFY(requests > 0);

    QTest::mouseClick(panel.findChild<QPushButton *>(QStringLiteral("benchStop")), Qt::LeftButton);
    QVERIFY(finished.wait(10000));
    QCOMPARE(finished.at(0).at(1).toBool(), true); // cancelled
    QVERIFY(!panel.isRunning());
    QVERIFY(panel.findChild<QLabel *>(QStringLiteral("benchStatus"))->text().contains(QStringLiteral("stopped")));
    QVERIFY(panel.findChild<QPushButton *>(QStringLiteral("benchStart"))->isEnabled());
}

void TestBenchmarkPanel::epochRunFromTheDatasetConfig()
{
    BenchmarkPanel panel;
    setUp(panel);
    panel.setConfigProvider([] {
        DatasetConfig c;
        c.name = "objs";
        c.sources = {{"objs", "local", "objs", {}}};
        c.kind = DatasetConfig::Kind::Map;
        c.workers = 3;
        return c;
    });
    panel.useConfig(true);
    panel.findChild<QCheckBox *>(QStringLiteral("benchEpoch"))->setChecked(true);
    QSignalSpy finished(&panel, &BenchmarkPanel::finished);
    panel.startSingle();
    QVERIFY(finished.wait(15000));
    QCOMPARE(finished.at(0).at(0).toString(), QString());
    QCOMPARE(panel.results().size(), size_t(1));
    const BenchResult &r = panel.results().front();
    QCOMPARE(r.items, quint64(200));           // one epoch: every object once
    QCOMPARE(r.payloadBytes, quint64(200 * 512));
    QCOMPARE(r.method, BenchMethod::Map);      // the config's dataset kind
    QCOMPARE(r.workers, 3);
    QVERIFY(!panel.findChild<QLabel *>(QStringLiteral("benchVerdict"))->text().isEmpty());
    QCOMPARE(panel.findChild<QTableWidget *>(QStringLiteral("benchHistory"))->rowCount(), 1);
}

void TestBenchmarkPanel::sweepMarksTheKnee()
{
    BenchmarkPanel panel;
    setUp(panel);
    panel.findChild<QCheckBox *>(QStringLiteral("benchEpoch"))->setChecked(true);
    panel.findChild<QLineEdit *>(QStringLiteral("benchSweepWorkers"))->setText(QStringLiteral("1,2,4"));
    QSignalSpy finished(&panel, &BenchmarkPanel::finished);
    QTest::mouseClick(panel.findChild<QPushButton *>(QStringLiteral("benchSweep")), Qt::LeftButton);
    QVERIFY(finished.wait(20000));
    QCOMPARE(panel.results().size(), size_t(3));
    QCOMPARE(panel.sweepPlot()->graph(0)->dataCount(), 3);
    QCPItemText *knee = nullptr;
    for (int i = 0; i < panel.sweepPlot()->itemCount(); ++i)
        if (auto *t = qobject_cast<QCPItemText *>(panel.sweepPlot()->item(i)))
            knee = t;
    QVERIFY(knee);
    QVERIFY2(knee->text().contains(QStringLiteral("worker")), qPrintable(knee->text()));

    // A bad worker list is refused with a message, nothing starts.
    panel.findChild<QLineEdit *>(QStringLiteral("benchSweepWorkers"))->setText(QStringLiteral("4,2"));
    panel.startSweep();
    QVERIFY(!panel.isRunning());
    QVERIFY(panel.findChild<QLabel *>(QStringLiteral("benchStatus"))->text().contains(QStringLiteral("increase")));
}

void TestBenchmarkPanel::compareShowsRatios()
{
    BenchmarkPanel panel;
    setUp(panel);
    panel.findChild<QCheckBox *>(QStringLiteral("benchEpoch"))->setChecked(true);
    QSignalSpy finished(&panel, &BenchmarkPanel::finished);
    panel.startCompare();
    QVERIFY(finished.wait(20000));
    // local:// has no get-batch: baseline, map, iterable.
    QCOMPARE(panel.results().size(), size_t(3));
    QCOMPARE(panel.results().front().method, BenchMethod::Baseline);
    for (const auto &r : panel.results())
        QCOMPARE(r.items, quint64(200));
    auto *bars = qobject_cast<QCPBars *>(panel.methodsPlot()->plottable(0));
    QVERIFY(bars);
    QCOMPARE(bars->dataCount(), 3);
    QCOMPARE(bars->data()->at(0)->value, 1.0); // the baseline against itself
}

void TestBenchmarkPanel::exportsResultsAndCharts()
{
    BenchmarkPanel panel;
    setUp(panel);
    panel.resize(900, 600);
    panel.show();
    panel.findChild<QCheckBox *>(QStringLiteral("benchEpoch"))->setChecked(true);
    QSignalSpy finished(&panel, &BenchmarkPanel::finished);
    panel.startSingle();
    QVERIFY(finished.wait(15000));
    QSignalSpy exported(&panel, &BenchmarkPanel::exported);
    const QString json = m_out.filePath(QStringLiteral("run.json"));
    const QString csv = m_out.filePath(QStringLiteral("run.csv"));
    const QString png = m_out.filePath(QStringLiteral("run.png"));
    const QString pdf = m_out.filePath(QStringLiteral("run.pdf"));
    panel.exportJson(json);
    panel.exportCsv(csv);
    panel.saveChart(png);
    panel.saveChart(pdf);
    QTRY_COMPARE_WITH_TIMEOUT(exported.size(), 4, 10000);
    for (const auto &call : exported)
        QCOMPARE(call.at(1).toString(), QString());
    QFile j(json);
    QVERIFY(j.open(QIODevice::ReadOnly));
    const auto doc = nlohmann::json::parse(j.readAll().toStdString());
    QCOMPARE(doc.at(0).at("items").get<int>(), 200);
    QVERIFY(doc.at(0).contains("series"));
    QFile c(csv);
    QVERIFY(c.open(QIODevice::ReadOnly));
    QVERIFY(c.readLine().startsWith("t_s,items_per_s"));
    QFile p(png);
    QVERIFY(p.open(QIODevice::ReadOnly));
    QVERIFY(p.read(8) == QByteArray("\x89PNG\r\n\x1a\n", 8));
    QFile d(pdf);
    QVERIFY(d.open(QIODevice::ReadOnly));
    QVERIFY(d.read(5) == QByteArray("%PDF-"));
}

void TestBenchmarkPanel::badUrlIsReported()
{
    BenchmarkPanel panel;
    setUp(panel);
    panel.setUrl(QStringLiteral("local://no-such-bucket"));
    QSignalSpy finished(&panel, &BenchmarkPanel::finished);
    panel.startSingle();
    QVERIFY(finished.wait(10000));
    const QString status = panel.findChild<QLabel *>(QStringLiteral("benchStatus"))->text();
    QVERIFY2(status.contains(QStringLiteral("failed")) && status.contains(QStringLiteral("no-such-bucket")),
             qPrintable(status));
    // And it keeps working.
    panel.setUrl(QStringLiteral("local://objs"));
    panel.findChild<QCheckBox *>(QStringLiteral("benchEpoch"))->setChecked(true);
    panel.startSingle();
    QVERIFY(finished.wait(10000));
    QCOMPARE(panel.results().front().items, quint64(200));
}

void TestBenchmarkPanel::chartsRunOnAcrossRunsAndStayBounded()
{
    QWidget parent;
    BenchmarkCharts charts(&parent); // ready to draw
    auto sample = [](double t, double rate, std::size_t workers) {
        BenchSample s;
        s.t = t;
        s.itemsPerSecond = rate;
        s.workerItemsPerSecond.assign(workers, rate / double(workers));
        s.latencyHistogram[10] = 3;
        return s;
    };
    // Two runs of a sweep, each from t = 0: the second continues the first.
    std::vector<BenchSample> run;
    for (int i = 1; i <= 200; ++i)
        run.push_back(sample(0.25 * i, 100, 2));
    charts.append(run);
    run.clear();
    for (int i = 1; i <= 200; ++i)
        run.push_back(sample(0.25 * i, 300, 40)); // more workers than the chart draws
    charts.append(run);
    QCPGraph *total = charts.throughput()->graph(0);
    QCOMPARE(total->dataCount(), 400);
    QCOMPARE((total->data()->constEnd() - 1)->key, 100.0); // 50 s, then 50 s more
    QCOMPARE(charts.throughput()->graphCount(), 3 + 16);   // per-worker graphs stop at 16
    QCOMPARE(charts.live()->rowCount(), 240);              // the last minute only
    QCOMPARE(charts.live()->item(239, 0)->text(), QStringLiteral("100.00"));
    auto *bars = qobject_cast<QCPBars *>(charts.latency()->plottable(0));
    QVERIFY(bars);
    QCOMPARE(bars->data()->at(10)->value, 1200.0);
    // A long third run: the charts keep its last ten minutes.
    run.clear();
    for (int i = 1; i <= 3000; ++i)
        run.push_back(sample(0.25 * i, 200, 2));
    charts.append(run);
    QCOMPARE((total->data()->constEnd() - 1)->key, 850.0);
    QCOMPARE(total->data()->constBegin()->key, 250.0);
    QCOMPARE(total->dataCount(), 2401);
    // A new start empties them.
    charts.clear();
    QCOMPARE(charts.throughput()->graph(0)->dataCount(), 0);
    QCOMPARE(charts.live()->rowCount(), 0);

    std::vector<BenchResult> results(2);
    results[0].method = BenchMethod::Baseline;
    results[1].method = BenchMethod::Map;
    results[0].items = 100;
    results[1].items = 250;
    results[0].seconds = results[1].seconds = 1;
    charts.showMethods(
        results, [](std::size_t i) { return QStringLiteral("m%1").arg(i); }, true);
    auto *ratios = qobject_cast<QCPBars *>(charts.methods()->plottable(0));
    QVERIFY(ratios);
    QCOMPARE(ratios->dataCount(), 2);
    QCOMPARE(ratios->data()->at(1)->value, 2.5);
    auto ticker = qSharedPointerDynamicCast<QCPAxisTickerText>(charts.methods()->xAxis->ticker());
    QVERIFY(ticker);
    QCOMPARE(ticker->ticks().value(2), QStringLiteral("m1\n2.50×"));
    charts.showMethods(
        results, [](std::size_t) { return QString(); }, false); // not a comparison
    ratios = qobject_cast<QCPBars *>(charts.methods()->plottable(0));
    QVERIFY(ratios);
    QCOMPARE(ratios->dataCount(), 0);
}

QTEST_MAIN(TestBenchmarkPanel)
#include "test_benchmark_panel.moc"
