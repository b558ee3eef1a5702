// The profiler as a user drives it: start a benchmark of a bucket, see the
// throughput chart, latency histogram and live table fill while it runs, stop
// it, run a worker sweep (knee marked) and a method comparison, export JSON,
// CSV, PNG and PDF; a bad URL is reported and the panel keeps working.
#undef QT_NO_FOREACH // qcustomplot.h

#include "core/storage/file_store.h"
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

QTEST_MAIN(TestBenchmarkPanel)
#include "test_benchmark_panel.moc"
