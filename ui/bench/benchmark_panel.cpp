// QCustomPlot's header uses Q_FOREACH: allow it here, before any Qt header.
#undef QT_NO_FOREACH

#include "ui/bench/benchmark_panel.h"
#include "ui/bench/benchmark_charts.h"
#include "ui/bench/cluster_stats_view.h"

#include "core/bench/cluster_verdict.h"
#include "ui/bench/python_method.h"
#include "ui/jobs/job_tracker.h"

#include "core/bench/bench_config.h"
#include "core/bench/bench_report.h"
#include "core/storage/endpoint.h"
#include "core/util/atomic_file.h"
#include "core/util/error.h"
#include "core/util/memory_tuning.h"
#include "core/util/strings.h"
#include "ui/charts/plot_export.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTime>
#include <QDoubleSpinBox>
#include <QEvent>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>

#include <qcustomplot.h>

#include <thread>

namespace shardscope::ui {

namespace {
const char *const kMethods[] = {"object", "map", "shard", "get-batch", "baseline"};
unsigned cores() { return std::max(1u, std::thread::hardware_concurrency()); }
QString mb(double bytesPerSecond) { return QString::number(bytesPerSecond / 1e6, 'f', 2); }
} // namespace

BenchmarkPanel::BenchmarkPanel(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("benchmarkPanel"));
    m_runner = new BenchmarkRunner(this);
    m_drainTimer = new QTimer(this);
    m_drainTimer->setInterval(40); // charts follow at ~25 fps, never per sample
    connect(m_drainTimer, &QTimer::timeout, this, &BenchmarkPanel::drain);
    connect(m_runner, &BenchmarkRunner::resultReady, this, &BenchmarkPanel::onResult);
    connect(m_runner, &BenchmarkRunner::done, this, &BenchmarkPanel::onDone);
    connect(m_runner, &BenchmarkRunner::phase, this, [this](const QString &p) { m_status->setText(p); });
    // Python methods (ui/bench/python_method.h): the user's pipeline in a subprocess, shown like a native
    // run.
    m_python = new PythonBenchmark(this);
    connect(m_python, &PythonBenchmark::resultReady, this, [this](const BenchResult &r) {
        m_pythonResults[m_results.size()] = int(m_python->current());
        onResult(r);
    });
    connect(m_python, &PythonBenchmark::done, this, &BenchmarkPanel::onDone);
    connect(m_python, &PythonBenchmark::phase, this, [this](const QString &p) { m_status->setText(p); });

    auto *layout = new QVBoxLayout(this);
    auto *form = new QFormLayout;
    auto label = [this] {
        auto *l = new QLabel(this);
        m_labels << l;
        return l;
    };
    auto *targetRow = new QHBoxLayout;
    m_fromConfig = new QRadioButton(this);
    m_fromConfig->setObjectName(QStringLiteral("benchFromConfig"));
    m_fromUrl = new QRadioButton(this);
    m_fromUrl->setObjectName(QStringLiteral("benchFromUrl"));
    m_fromUrl->setChecked(true);
    m_url = new QLineEdit(this);
    m_url->setObjectName(QStringLiteral("benchUrl"));
    m_url->setPlaceholderText(QStringLiteral("ais://bucket/prefix/"));
    targetRow->addWidget(m_fromConfig);
    targetRow->addWidget(m_fromUrl);
    targetRow->addWidget(m_url, 1);
    form->addRow(label(), targetRow);

    auto *runRow = new QHBoxLayout;
    m_method = new QComboBox(this);
    m_method->setObjectName(QStringLiteral("benchMethod"));
    for (const char *m : kMethods)
        m_method->addItem(QString(), QString::fromLatin1(m));
    m_method->addItem(QString(), QStringLiteral("python-sdk")); // Python methods, after the native ones
    m_method->addItem(QString(), QStringLiteral("python-native"));
    m_workers = new QSpinBox(this);
    m_workers->setObjectName(QStringLiteral("benchWorkers"));
    m_workers->setRange(1, 1024);
    m_workers->setValue(4);
    m_duration = new QDoubleSpinBox(this);
    m_duration->setObjectName(QStringLiteral("benchDuration"));
    m_duration->setRange(0.5, 86400);
    m_duration->setValue(10);
    m_duration->setSuffix(QStringLiteral(" s"));
    m_epoch = new QCheckBox(this);
    m_epoch->setObjectName(QStringLiteral("benchEpoch"));
    m_decode = new QCheckBox(this);
    m_decode->setObjectName(QStringLiteral("benchDecode"));
    runRow->addWidget(m_method);
    runRow->addWidget(label());
    runRow->addWidget(m_workers);
    runRow->addWidget(m_duration);
    runRow->addWidget(m_epoch);
    runRow->addWidget(m_decode);
    runRow->addStretch(1);
    form->addRow(label(), runRow);
    layout->addLayout(form);

    auto *buttons = new QHBoxLayout;
    m_start = new QPushButton(this);
    m_start->setObjectName(QStringLiteral("benchStart"));
    m_sweepWorkers = new QLineEdit(QStringLiteral("1,2,4,8,16"), this);
    m_sweepWorkers->setObjectName(QStringLiteral("benchSweepWorkers"));
    m_sweepWorkers->setMaximumWidth(140);
    m_sweepButton = new QPushButton(this);
    m_sweepButton->setObjectName(QStringLiteral("benchSweep"));
    m_compareButton = new QPushButton(this);
    m_compareButton->setObjectName(QStringLiteral("benchCompare"));
    m_stop = new QPushButton(this);
    m_stop->setObjectName(QStringLiteral("benchStop"));
    m_stop->setEnabled(false);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("benchStatus"));
    buttons->addWidget(m_start);
    buttons->addWidget(m_sweepButton);
    buttons->addWidget(m_sweepWorkers);
    buttons->addWidget(m_compareButton);
    buttons->addWidget(m_stop);
    buttons->addWidget(m_status, 1);
    layout->addLayout(buttons);

    m_verdict = new QLabel(this);
    m_verdict->setObjectName(QStringLiteral("benchVerdict"));
    m_verdict->setWordWrap(true);
    m_verdict->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_verdict);

    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("benchTabs"));
    m_charts = new BenchmarkCharts(m_tabs);
    m_history = new QTableWidget(0, 8, m_tabs);
    m_history->setObjectName(QStringLiteral("benchHistory"));
    m_history->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_history->verticalHeader()->hide();
    m_history->horizontalHeader()->setStretchLastSection(true);
    m_cluster = new ClusterStatsView(m_tabs);
    connect(m_cluster, &ClusterStatsView::updated, this, &BenchmarkPanel::onClusterUpdated);
    // A run starts once the targets' counters were read before it, so the
    // cluster's totals hold all of its GETs (a silent cluster delays it 3 s at most).
    m_launchTimer = new QTimer(this);
    m_launchTimer->setSingleShot(true);
    m_launchTimer->setInterval(3000);
    connect(m_launchTimer, &QTimer::timeout, this, &BenchmarkPanel::launch);
    connect(m_cluster, &ClusterStatsView::baselineTaken, this, &BenchmarkPanel::launch);
    for (QWidget *w :
         std::initializer_list<QWidget *>{m_charts->throughput(), m_charts->latency(), m_charts->live(),
                                          m_charts->sweep(), m_charts->methods(), m_history, m_cluster})
        m_tabs->addTab(w, QString());
    layout->addWidget(m_tabs, 1);

    auto *exports = new QHBoxLayout;
    m_exportJson = new QPushButton(this);
    m_exportJson->setObjectName(QStringLiteral("benchExportJson"));
    m_exportCsv = new QPushButton(this);
    m_exportCsv->setObjectName(QStringLiteral("benchExportCsv"));
    m_savePng = new QPushButton(this);
    m_savePng->setObjectName(QStringLiteral("benchSavePng"));
    m_savePdf = new QPushButton(this);
    m_savePdf->setObjectName(QStringLiteral("benchSavePdf"));
    exports->addStretch(1);
    for (QPushButton *b : {m_exportJson, m_exportCsv, m_savePng, m_savePdf}) {
        b->setEnabled(false);
        exports->addWidget(b);
    }
    layout->addLayout(exports);

    connect(m_start, &QPushButton::clicked, this, &BenchmarkPanel::startSingle);
    connect(m_sweepButton, &QPushButton::clicked, this, &BenchmarkPanel::startSweep);
    connect(m_compareButton, &QPushButton::clicked, this, &BenchmarkPanel::startCompare);
    connect(m_stop, &QPushButton::clicked, this, &BenchmarkPanel::stop);
    connect(m_epoch, &QCheckBox::toggled, m_duration, &QWidget::setDisabled);
    auto ask = [this](const QString &filter, const QString &suffix, auto action) {
        const QString path = QFileDialog::getSaveFileName(this, tr("Export Benchmark"),
                                                          QStringLiteral("benchmark.") + suffix, filter);
        if (!path.isEmpty())
            (this->*action)(path);
    };
    connect(m_exportJson, &QPushButton::clicked, this,
            [=] { ask(tr("JSON (*.json)"), QStringLiteral("json"), &BenchmarkPanel::exportJson); });
    connect(m_exportCsv, &QPushButton::clicked, this,
            [=] { ask(tr("CSV (*.csv)"), QStringLiteral("csv"), &BenchmarkPanel::exportCsv); });
    connect(m_savePng, &QPushButton::clicked, this,
            [=] { ask(tr("PNG image (*.png)"), QStringLiteral("png"), &BenchmarkPanel::saveChart); });
    connect(m_savePdf, &QPushButton::clicked, this,
            [=] { ask(tr("PDF document (*.pdf)"), QStringLiteral("pdf"), &BenchmarkPanel::saveChart); });

    resetCharts();
    retranslate();
}

BenchmarkPanel::~BenchmarkPanel() { m_runner->stop(); }

QCustomPlot *BenchmarkPanel::throughputPlot() const
{
    return m_charts->throughput();
}
QCustomPlot *BenchmarkPanel::latencyPlot() const
{
    return m_charts->latency();
}
QCustomPlot *BenchmarkPanel::sweepPlot() const
{
    return m_charts->sweep();
}
QCustomPlot *BenchmarkPanel::methodsPlot() const
{
    return m_charts->methods();
}

void BenchmarkPanel::setUrl(const QString &url) { m_url->setText(url); }

void BenchmarkPanel::useConfig(bool config) { (config ? m_fromConfig : m_fromUrl)->setChecked(true); }

bool BenchmarkPanel::isRunning() const
{
    return m_launch || m_runner->isRunning() || m_python->isRunning();
}

void BenchmarkPanel::stop()
{
    if (m_launch) { // stopped before it began
        m_launch = nullptr;
        m_launchTimer->stop();
        onDone(QString(), true);
        return;
    }
    m_runner->stop();
    m_python->stop();
}

void BenchmarkPanel::startSingle() { begin(BenchmarkRunner::Kind::Single); }
void BenchmarkPanel::startSweep() { begin(BenchmarkRunner::Kind::Sweep); }
void BenchmarkPanel::startCompare() { begin(BenchmarkRunner::Kind::Compare); }

bool BenchmarkPanel::begin(BenchmarkRunner::Kind kind)
{
    if (isRunning())
        return false;
    BenchmarkRunner::Request req;
    req.kind = kind;
    const bool fromConfig = m_fromConfig->isChecked();
    const QString url = m_url->text().trimmed();
    if (!fromConfig && url.isEmpty()) {
        m_status->setText(tr("Give a bucket URL, or benchmark the Dataset tab's config."));
        return false;
    }
    if (kind == BenchmarkRunner::Kind::Sweep) {
        try {
            req.sweepWorkers = parseWorkerCounts(m_sweepWorkers->text().toStdString());
        } catch (const Error &) {
            m_status->setText(tr("Sweep workers must increase, each between 1 and 1024, e.g. 1,2,4,8"));
            return false;
        }
    }
    // Python methods (ui/bench/python_method.h): one run of the pipeline the export writes.
    const QString methodName = m_method->currentData().toString();
    const bool python = methodName.startsWith(QLatin1String("python-"));
    DatasetConfig pythonConfig;
    if (python) {
        if (kind != BenchmarkRunner::Kind::Single) {
            m_status->setText(tr("The Python methods run one at a time: use Start."));
            return false;
        }
        try {
            pythonConfig =
                fromConfig && m_config ? m_config() : PythonBenchmark::configForUrl(url, m_workers->value());
        } catch (const Error &e) {
            m_status->setText(QString::fromStdString(e.what()));
            return false;
        }
    }
    const BenchMethod method = python ? BenchMethod::Iterable : parseBenchMethod(methodName.toStdString());
    const int workers = m_workers->value();
    const auto duration =
        m_epoch->isChecked() ? std::chrono::milliseconds(0)
                             : std::chrono::milliseconds(static_cast<long long>(m_duration->value() * 1000));
    const bool decode = m_decode->isChecked();
    // Everything the job needs is copied now; listing happens on the runner's thread.
    const DatasetConfig config = fromConfig && m_config ? m_config() : DatasetConfig{};
    const QString scheme = fromConfig ? QString::fromStdString(config.sources.empty() ? std::string("ais")
                                                                                      : config.sources.front().provider)
                                      : url.section(QStringLiteral("://"), 0, 0);
    const StoreOptions options = m_lookup ? m_lookup(scheme) : StoreOptions{};
    req.makeSpec = [fromConfig, config, url, options, method, workers, duration, decode] {
        BenchSpec s = fromConfig ? benchSpecForConfig(config, options)
                                 : benchSpecForUrl(url.toStdString(), options, method, workers);
        if (!fromConfig) {
            s.method = method;
            s.workers = workers;
        }
        s.duration = duration;
        s.decode = s.decode || decode;
        // The listing's pages are gone, but glibc keeps what they took in its
        // arenas (a tenth of a million-object run's memory): give it back.
        returnFreeMemory();
        return s;
    };
    if (kind == BenchmarkRunner::Kind::Compare) {
        const bool shards = fromConfig ? config.kind == DatasetConfig::Kind::Shard : method == BenchMethod::Shard;
        req.methods = defaultCompareMethods(shards, scheme == QLatin1String("ais"));
    }
    // Compare Methods on AIStore data: then the user's SDK pipeline and shardscope from Python, same data.
    m_pythonResults.clear();
    m_comparePython = false;
    if (kind == BenchmarkRunner::Kind::Compare && scheme == QLatin1String("ais")) {
        try {
            m_pythonConfig =
                fromConfig && m_config ? m_config() : PythonBenchmark::configForUrl(url, workers);
            m_pythonEndpoint = QString::fromStdString(resolveAisEndpoint(options.endpoint));
            m_comparePython = true;
        } catch (const Error &) {
            // Not a URL the Python pipelines read: the native methods only.
        }
    }
    m_kind = kind;
    m_target = fromConfig ? tr("config %1").arg(QString::fromStdString(config.name)) : url;
    m_results.clear();
    resetCharts();
    m_verdict->clear();
    req.title = tr("Benchmark of %1").arg(m_target);
    // The cluster's side of the run (AIStore only): per-target rates, live.
    m_launch = [this, python, methodName, pythonConfig, options, req] {
        if (python)
            m_python->start(methodName == QLatin1String("python-sdk") ? PythonPipeline::Sdk
                                                                      : PythonPipeline::Native,
                            pythonConfig, QString::fromStdString(resolveAisEndpoint(options.endpoint)));
        else
            m_runner->start(req);
    };
    if (scheme == QLatin1String("ais")) {
        m_cluster->start(options);
        m_launchTimer->start();
    } else {
        launch();
    }
    m_drainTimer->start();
    m_stop->setEnabled(true);
    for (QPushButton *b : {m_start, m_sweepButton, m_compareButton, m_exportJson, m_exportCsv, m_savePng, m_savePdf})
        b->setEnabled(false);
    m_tabs->setCurrentWidget(
        kind == BenchmarkRunner::Kind::Single  ? static_cast<QWidget *>(m_charts->throughput())
        : kind == BenchmarkRunner::Kind::Sweep ? static_cast<QWidget *>(m_charts->sweep())
                                               : static_cast<QWidget *>(m_charts->methods()));
    return true;
}

void BenchmarkPanel::launch()
{
    m_launchTimer->stop();
    if (!m_launch)
        return;
    const std::function<void()> run = std::move(m_launch);
    m_launch = nullptr;
    run();
}

void BenchmarkPanel::resetCharts()
{
    m_charts->clear();
    updateSweepChart();
    updateMethodsChart();
}

void BenchmarkPanel::drain()
{
    std::vector<BenchSample> fresh = m_runner->takeSamples();
    for (BenchSample &s : m_python->takeSamples())
        fresh.push_back(std::move(s));
    m_charts->append(fresh);
}

void BenchmarkPanel::showVerdict(const Verdict &v)
{
    m_verdict->setText(tr("<b>%1</b>: %2<br>Next: %3")
                           .arg(QString::fromStdString(v.bound).toHtmlEscaped(),
                                QString::fromStdString(v.explanation).toHtmlEscaped(),
                                QString::fromStdString(v.next).toHtmlEscaped()));
}

void BenchmarkPanel::onClusterUpdated()
{
    // A single run's verdict takes the cluster's side once its last numbers
    // are in (the poller's final snapshot arrives after the run ended).
    if (m_cluster->running() || m_kind != BenchmarkRunner::Kind::Single || m_results.size() != 1 ||
        m_cluster->total().targets.empty())
        return;
    showVerdict(judgeWithCluster(m_results.back(), m_cluster->total(), cores()));
}

void BenchmarkPanel::onResult(const BenchResult &r)
{
    m_results.push_back(r);
    const Verdict v = judgeBenchmark(r, cores());
    addHistoryRow(r, v);
    showVerdict(v);
    if (m_kind == BenchmarkRunner::Kind::Sweep)
        updateSweepChart();
    if (m_kind == BenchmarkRunner::Kind::Compare)
        updateMethodsChart();
}

void BenchmarkPanel::onDone(const QString &error, bool cancelled)
{
    if (m_comparePython) { // the native methods are done: now the Python pipelines (ui/bench/python_method.h)
        m_comparePython = false;
        if (error.isEmpty() && !cancelled &&
            m_python->startAll({PythonPipeline::Sdk, PythonPipeline::Native}, m_pythonConfig,
                               m_pythonEndpoint))
            return;
    }
    drain();
    m_drainTimer->stop();
    m_cluster->stop();
    // The workers' heaps keep what they freed for the next run
    // (core/util/memory_tuning.h): give it back, off the GUI thread.
    JobTracker::instance().start(
        this, tr("Benchmark of %1").arg(m_target),
        [](JobContext &) {
            returnFreeMemory();
            return true;
        },
        [](bool) {}, nullptr, JobOptions{QStringLiteral("trim"), false, false});
    m_stop->setEnabled(false);
    for (QPushButton *b : {m_start, m_sweepButton, m_compareButton})
        b->setEnabled(true);
    for (QPushButton *b : {m_exportJson, m_exportCsv, m_savePng, m_savePdf})
        b->setEnabled(!m_results.empty());
    QString text;
    if (!error.isEmpty())
        text = tr("Benchmark of %1 failed: %2").arg(m_target, error);
    else if (cancelled)
        text = tr("Benchmark of %1 stopped").arg(m_target);
    else if (!m_results.empty() && !m_results.back().firstError.empty())
        text = tr("Benchmark of %1 ended with errors: %2")
                   .arg(m_target, QString::fromStdString(m_results.back().firstError));
    else
        text = tr("Benchmark of %1 finished").arg(m_target);
    if (m_kind == BenchmarkRunner::Kind::Compare && !m_pythonResults.empty()) {
        // What switching from the SDK pipeline gains (ui/bench/python_method.h).
        double sdk = 0, python = 0, cpp = 0;
        QString cppMethod;
        for (std::size_t i = 0; i < m_results.size(); ++i) {
            const double rate = m_results[i].itemsPerSecond();
            const auto py = m_pythonResults.find(i);
            if (py != m_pythonResults.end())
                (py->second == int(PythonPipeline::Sdk) ? sdk : python) = rate;
            else if (m_results[i].method != BenchMethod::Baseline && rate > cpp) {
                cpp = rate;
                cppMethod = QString::fromStdString(benchMethodName(m_results[i].method));
            }
        }
        m_verdict->setText(switchingVerdict(sdk, python, cpp, cppMethod) + QLatin1Char(' ') +
                           m_python->notes());
    }
    m_status->setText(text);
    Q_EMIT message(text);
    Q_EMIT finished(error, cancelled);
}

void BenchmarkPanel::addHistoryRow(const BenchResult &r, const Verdict &v)
{
    const int row = 0; // newest first
    m_history->insertRow(row);
    const QStringList cells = {QDateTime::currentDateTime().toString(QStringLiteral("HH:mm:ss")),
                               m_target,
                               QString::fromStdString(benchMethodName(r.method)),
                               QString::number(r.workers),
                               QString::number(r.itemsPerSecond(), 'f', 0),
                               mb(r.payloadBytesPerSecond()),
                               QString::number(r.requestLatency.p99, 'f', 2),
                               QString::fromStdString(v.bound)};
    for (int c = 0; c < cells.size(); ++c)
        m_history->setItem(row, c, new QTableWidgetItem(cells[c]));
}

void BenchmarkPanel::updateSweepChart()
{
    m_charts->showSweep(m_results, m_kind == BenchmarkRunner::Kind::Sweep);
}

void BenchmarkPanel::updateMethodsChart()
{
    // The Python pipelines by their own names (ui/bench/python_finder.h).
    m_charts->showMethods(
        m_results,
        [this](std::size_t i) {
            const auto py = m_pythonResults.find(i);
            return py != m_pythonResults.end() ? pythonPipelineName(PythonPipeline(py->second))
                                               : QString::fromStdString(benchMethodName(m_results[i].method));
        },
        m_kind == BenchmarkRunner::Kind::Compare);
}

void BenchmarkPanel::writeFile(const QString &path, const QByteArray &bytes)
{
    JobTracker::instance().start(
        this, tr("Saving %1…").arg(path),
        [path, bytes](JobContext &) { writeFileAtomically(path.toStdString(), bytes.toStdString()); },
        [this, path] { Q_EMIT exported(path, QString()); },
        [this, path](const Error &error) { Q_EMIT exported(path, QString::fromStdString(error.what())); },
        JobOptions{QString(), false});
}

void BenchmarkPanel::exportJson(const QString &path)
{
    const std::string text = m_kind == BenchmarkRunner::Kind::Sweep ? sweepJson(sweepSteps(m_results), cores())
                                                                    : benchResultsJson(m_results, true, cores());
    writeFile(path, QByteArray::fromStdString(text));
}

void BenchmarkPanel::exportCsv(const QString &path)
{
    std::string text;
    if (m_kind == BenchmarkRunner::Kind::Sweep)
        text = sweepCsv(sweepSteps(m_results));
    else if (!m_results.empty())
        text = benchSeriesCsv(m_results.back());
    writeFile(path, QByteArray::fromStdString(text));
}

void BenchmarkPanel::saveChart(const QString &path)
{
    // Rendered here (painting is GUI-thread work), written by a worker.
    auto *plot = qobject_cast<QCustomPlot *>(m_tabs->currentWidget());
    writeFile(path, renderPlot(plot ? plot : m_charts->throughput(),
                               path.endsWith(QLatin1String(".pdf"), Qt::CaseInsensitive)));
}

void BenchmarkPanel::retranslate()
{
    const QStringList labels = {tr("Data:"), tr("workers"), tr("Run:")};
    for (int i = 0; i < m_labels.size() && i < labels.size(); ++i)
        m_labels[i]->setText(labels[i]);
    m_fromConfig->setText(tr("Dataset config"));
    m_fromUrl->setText(tr("Bucket URL"));
    const QStringList methods = {tr("Iterable dataset (objects)"), tr("Map dataset"), tr("Shard reader"),
                                 tr("Get-batch"), tr("Baseline (one thread, GET loop)")};
    for (int i = 0; i < methods.size(); ++i)
        m_method->setItemText(i, methods[i]);
    m_method->setItemText(methods.size(), pythonPipelineName(PythonPipeline::Sdk));
    m_method->setItemText(methods.size() + 1, pythonPipelineName(PythonPipeline::Native));
    m_epoch->setText(tr("One epoch"));
    m_decode->setText(tr("Decode"));
    m_start->setText(tr("Start"));
    m_sweepButton->setText(tr("Sweep Workers"));
    m_compareButton->setText(tr("Compare Methods"));
    m_stop->setText(tr("Stop"));
    m_exportJson->setText(tr("Export JSON…"));
    m_exportCsv->setText(tr("Export CSV…"));
    m_savePng->setText(tr("Save Chart as PNG…"));
    m_savePdf->setText(tr("Save Chart as PDF…"));
    const QStringList tabs = {tr("Throughput"), tr("Latency"), tr("Live Table"), tr("Worker Sweep"),
                              tr("Methods"),    tr("History"), tr("Cluster")};
    for (int i = 0; i < tabs.size(); ++i)
        m_tabs->setTabText(i, tabs[i]);
    m_history->setHorizontalHeaderLabels({tr("Time"), tr("Data"), tr("Method"), tr("Workers"), tr("Items/s"),
                                          tr("MB/s"), tr("p99 ms"), tr("Verdict")});
    m_charts->retranslate();
    if (m_history->rowCount() == 0 && !isRunning()) // nothing measured yet: say how to start
        m_verdict->setText(tr("No benchmark yet. Choose the data (a bucket URL, or the config of the Dataset tab), "
                              "a method and the workers, then Start; Sweep Workers finds the worker count to use, "
                              "Compare Methods the fastest way to read."));
}

void BenchmarkPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

} // namespace shardscope::ui
