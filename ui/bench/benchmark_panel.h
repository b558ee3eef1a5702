#pragma once

#include "core/config/dataset_config.h"
#include "core/storage/store_factory.h"
#include "ui/bench/benchmark_runner.h"

#include <QWidget>

#include <functional>
#include <map>

class QCheckBox;
class QComboBox;
class QCustomPlot;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QRadioButton;
class QSpinBox;
class QTabWidget;
class QTableWidget;
class QTimer;

namespace shardscope::ui {

class BenchmarkCharts;
class ClusterStatsView;

class PythonBenchmark; // ui/bench/python_method.h

// The profiler: run a benchmark of the dataset config (Dataset tab) or of a
// bucket URL, a worker sweep or a method comparison, and watch it live —
// throughput over time (total, per worker, payload and wire MB/s), a latency
// histogram, an aisloader-style table — then the sweep curve with its knee,
// the methods as ratios to the baseline, a verdict, the run history, and
// export as JSON / CSV and the charts as PNG / PDF.
class BenchmarkPanel : public QWidget
{
    Q_OBJECT
public:
    explicit BenchmarkPanel(QWidget *parent = nullptr);
    ~BenchmarkPanel() override;

    using ConfigProvider = std::function<DatasetConfig()>;
    using OptionsLookup = std::function<StoreOptions(const QString &scheme)>;
    void setConfigProvider(ConfigProvider provider) { m_config = std::move(provider); }
    void setStoreOptions(OptionsLookup lookup) { m_lookup = std::move(lookup); }
    void setUrl(const QString &url); // the target when "Bucket URL" is chosen
    ClusterStatsView *clusterView() const { return m_cluster; } // per-target rates of ais:// runs
    void useConfig(bool config);     // the Dataset tab's config (true) or the URL

    void startSingle();
    void startSweep();
    void startCompare();
    void stop();
    bool isRunning() const;

    // Files of the last results, written off the GUI thread; exported() reports.
    void exportJson(const QString &path);
    void exportCsv(const QString &path);
    void saveChart(const QString &path); // .png or .pdf, the chart on the current tab

    const std::vector<BenchResult> &results() const { return m_results; } // of the last start
    QCustomPlot *throughputPlot() const;
    QCustomPlot *latencyPlot() const;
    QCustomPlot *sweepPlot() const;
    QCustomPlot *methodsPlot() const;

Q_SIGNALS:
    void finished(const QString &error, bool cancelled);
    void exported(const QString &path, const QString &error);
    void message(const QString &text); // how a run or save ended, for the status bar

protected:
    void changeEvent(QEvent *event) override;

private:
    bool begin(BenchmarkRunner::Kind kind);
    void launch(); // starts the run begin() prepared, once the cluster's baseline is in
    void drain();
    void onResult(const BenchResult &r);
    void onClusterUpdated();
    void showVerdict(const Verdict &v);
    void onDone(const QString &error, bool cancelled);
    void resetCharts();
    void updateSweepChart();
    void updateMethodsChart();
    void addHistoryRow(const BenchResult &r, const Verdict &v);
    void writeFile(const QString &path, const QByteArray &bytes);
    void retranslate();

    ConfigProvider m_config;
    OptionsLookup m_lookup;
    BenchmarkRunner *m_runner;
    PythonBenchmark *m_python = nullptr;        // the "Python: ..." methods
    std::map<std::size_t, int> m_pythonResults; // index into m_results -> its PythonPipeline
    bool m_comparePython = false;               // Compare Methods: the Python pipelines after the native ones
    DatasetConfig m_pythonConfig;
    QString m_pythonEndpoint;
    QTimer *m_drainTimer;
    std::function<void()> m_launch; // a prepared run waiting for the cluster's first snapshot
    QTimer *m_launchTimer;          // or for this long, at most
    BenchmarkRunner::Kind m_kind = BenchmarkRunner::Kind::Single;
    QString m_target;
    std::vector<BenchResult> m_results;

    QRadioButton *m_fromConfig;
    QRadioButton *m_fromUrl;
    QLineEdit *m_url;
    QComboBox *m_method;
    QSpinBox *m_workers;
    QDoubleSpinBox *m_duration;
    QCheckBox *m_epoch;
    QCheckBox *m_decode;
    QLineEdit *m_sweepWorkers;
    QPushButton *m_start;
    QPushButton *m_sweepButton;
    QPushButton *m_compareButton;
    QPushButton *m_stop;
    QPushButton *m_exportJson;
    QPushButton *m_exportCsv;
    QPushButton *m_savePng;
    QPushButton *m_savePdf;
    QLabel *m_status;
    QLabel *m_verdict;
    QTabWidget *m_tabs;
    BenchmarkCharts *m_charts; // the tabs' charts and live table
    QTableWidget *m_history;
    ClusterStatsView *m_cluster; // the targets' side of the run (ais://)
    QList<QLabel *> m_labels;
};

} // namespace shardscope::ui
