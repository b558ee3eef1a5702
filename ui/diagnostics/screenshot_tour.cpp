#include "ui/diagnostics/screenshot_tour.h"

#include "ui/bench/batch_tuning_panel.h"
#include "ui/bench/benchmark_panel.h"
#include "ui/dataset/dataset_panel.h"
#include "ui/dataset/sampler_editor.h"
#include "ui/explorer/cluster_view.h"
#include "ui/explorer/explorer_panel.h"
#include "ui/explorer/summary_view.h"
#include "ui/main_window.h"
#include "ui/models/object_list_model.h"
#include "ui/models/shard_sample_model.h"
#include "ui/models/thumbnail_model.h"

#include <QApplication>
#include <QCheckBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QLineEdit>
#include <QPushButton>
#include <QTabWidget>
#include <QTableWidget>
#include <QTextStream>
#include <QTimer>

namespace shardscope::ui {

ScreenshotTour::ScreenshotTour(MainWindow &window, QString dir, QString url, QObject *parent)
    : QObject(parent), m_window(window), m_dir(std::move(dir)), m_url(std::move(url))
{
    ExplorerPanel *ex = m_window.explorer();
    auto tab = [ex](int i) { ex->findChild<QTabWidget *>(QStringLiteral("explorerTabs"))->setCurrentIndex(i); };
    auto firstShard = [ex]() -> QString {
        for (int r = 0; r < ex->objects()->rowCount(); ++r)
            if (ExplorerPanel::looksLikeShard(ex->objects()->row(r).name) && !ex->objects()->row(r).isDirectory)
                return ex->objects()->row(r).name;
        return {};
    };
    m_steps = {
        {QStringLiteral("start"), [this] { m_window.showStartView(); }, [] { return true; }},
        {QStringLiteral("explorer"),
         [this, ex] {
             m_window.tabs()->setCurrentWidget(ex);
             m_window.openLocation(m_url);
         },
         [ex] { return ex->objects()->isComplete() && ex->objects()->rowCount() > 0; }},
        {QStringLiteral("shard-preview"),
         [ex, firstShard] {
             const QString shard = firstShard();
             if (!shard.isEmpty())
                 ex->openShard(shard);
         },
         [ex] { return !ex->samples()->isLoading() && ex->samples()->rowCount() > 0; }},
        {QStringLiteral("thumbnails"),
         [ex] { ex->findChild<QTabWidget *>(QStringLiteral("sampleViews"))->setCurrentIndex(1); },
         [ex] { return ex->thumbnails()->decodedCount() == ex->thumbnails()->rowCount(); }},
        {QStringLiteral("summary"),
         [ex, tab] {
             ex->findChild<QTabWidget *>(QStringLiteral("sampleViews"))->setCurrentIndex(0);
             ex->summarizeCurrent();
             tab(3);
         },
         [ex] { return !ex->summaryView()->isRunning(); }},
        {QStringLiteral("dataset"),
         [this, ex] {
             DatasetPanel *d = m_window.dataset();
             const QString bucket = ex->bucketUrl();
             DatasetConfig c;
             c.name = "demo";
             c.sources = {{"demo", bucket.section(QStringLiteral("://"), 0, 0).toStdString(),
                           bucket.section(QStringLiteral("://"), 1).toStdString(), {}}};
             c.splits["train"] = {{"demo", {"train/"}}};
             c.splits["val"] = {{"demo", {"val/", "train/shard-00000"}}};
             c.split = "train";
             c.kind = DatasetConfig::Kind::Shard;
             c.workers = 4;
             c.decoders = {"png", "cls"};
             d->setConfig(c);
             m_window.tabs()->setCurrentWidget(d);
         },
         [this] { return !m_window.dataset()->counter()->isRunning(); }},
        {QStringLiteral("benchmark"),
         [this] {
             BenchmarkPanel *b = m_window.benchmark();
             m_window.tabs()->setCurrentWidget(b);
             b->setUrl(m_url);
             b->useConfig(false);
             b->findChild<QDoubleSpinBox *>(QStringLiteral("benchDuration"))->setValue(4);
             b->startSingle();
         },
         [this] { return !m_window.benchmark()->isRunning(); }},
        {QStringLiteral("worker-sweep"),
         [this] {
             BenchmarkPanel *b = m_window.benchmark();
             b->findChild<QLineEdit *>(QStringLiteral("benchSweepWorkers"))->setText(QStringLiteral("1,2,4,8"));
             b->findChild<QDoubleSpinBox *>(QStringLiteral("benchDuration"))->setValue(1.5);
             b->startSweep();
         },
         [this] { return !m_window.benchmark()->isRunning(); }},
        {QStringLiteral("batch-tuning"),
         [this] {
             m_window.tabs()->setCurrentWidget(m_window.batchTuning());
             // Objects of many sizes (scripts/screenshots.sh makes local://sizes), a 256 KiB budget.
             DatasetConfig c;
             c.name = "sizes";
             c.sources = {{"sizes", "local", "sizes", {}}};
             c.kind = DatasetConfig::Kind::Map;
             c.sampler.kind = DatasetConfig::SamplerKind::Dynamic;
             c.sampler.maxBatchBytes = 256 * 1024;
             m_window.dataset()->setConfig(c);
             m_window.batchTuning()->editor(1)->findChild<QLineEdit *>(QStringLiteral("maxBatchBytes"))
                 ->setText(QStringLiteral("262144"));
             m_window.loadTuningSizes();
         },
         [this] { return m_window.batchTuning()->result(0).has_value() && !m_window.batchTuning()->isComputing(); }},
        {QStringLiteral("cluster"),
         [this, ex, tab] {
             m_window.tabs()->setCurrentWidget(ex);
             m_clusterDone = false;
             connect(ex->clusterView(), &ClusterView::refreshed, this, [this] { m_clusterDone = true; },
                     Qt::SingleShotConnection);
             for (int row = 0; row < ex->connections()->rowCount(); ++row)
                 if (ex->connections()->connection(row).scheme == QLatin1String("ais")) {
                     ex->clusterView()->setCluster(ex->connections()->connection(row).name,
                                                   ex->connections()->connection(row).options);
                     break;
                 }
             tab(2);
         },
         [this] { return m_clusterDone; }},
    };
}

void ScreenshotTour::start()
{
    QDir().mkpath(m_dir);
    m_window.resize(1280, 800);
    next();
}

void ScreenshotTour::next()
{
    if (m_at >= m_steps.size()) {
        QApplication::exit(m_failures == 0 ? 0 : 1);
        return;
    }
    m_waited = 0;
    m_steps[m_at].setUp();
    QTimer::singleShot(300, this, &ScreenshotTour::waitAndGrab);
}

void ScreenshotTour::waitAndGrab()
{
    Step &s = m_steps[m_at];
    if (!s.ready() && m_waited < 60000) {
        m_waited += 100;
        QTimer::singleShot(100, this, &ScreenshotTour::waitAndGrab);
        return;
    }
    // Let queued replots and the last progress settle before the picture.
    QTimer::singleShot(400, this, [this] {
        Step &step = m_steps[m_at];
        const QString file = m_dir + QLatin1Char('/') + step.name + QStringLiteral(".png");
        if (!m_window.grab().save(file, "PNG")) {
            QTextStream(stderr) << "shardscope: cannot write " << file << "\n";
            ++m_failures;
        } else {
            QTextStream(stdout) << file << (step.ready() ? "" : " (view not ready in time)") << "\n";
        }
        ++m_at;
        next();
    });
}

} // namespace shardscope::ui
