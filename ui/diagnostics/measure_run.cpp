#include "ui/diagnostics/measure_run.h"

#include "ui/bench/benchmark_panel.h"
#include "ui/explorer/explorer_panel.h"
#include "ui/main_window.h"
#include "ui/models/object_list_model.h"

#include <QApplication>
#include <QCheckBox>
#include <QDoubleSpinBox>
#include <QJsonDocument>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableView>
#include <QTextStream>

namespace shardscope::ui {

MeasureRun::MeasureRun(MainWindow &window, QString url, double benchSeconds, QObject *parent)
    : QObject(parent), m_window(window), m_url(std::move(url)), m_benchSeconds(benchSeconds)
{
    m_poll.setInterval(30);
    connect(&m_poll, &QTimer::timeout, this, &MeasureRun::pollListing);
}

QJsonObject MeasureRun::phase(const ResponsivenessProbe::Summary &s)
{
    QJsonObject o{{QStringLiteral("ticks"), s.ticks},
                  {QStringLiteral("stall_p50_ms"), s.p50},
                  {QStringLiteral("stall_p95_ms"), s.p95},
                  {QStringLiteral("stall_p99_ms"), s.p99},
                  {QStringLiteral("stall_max_ms"), s.max},
                  {QStringLiteral("gui_cpu_p99_ms"), s.cpuP99},
                  {QStringLiteral("gui_cpu_max_ms"), s.cpuMax},
                  {QStringLiteral("rss_mib"), ResponsivenessProbe::residentMiB()},
                  {QStringLiteral("rss_peak_mib"), ResponsivenessProbe::peakResidentMiB()}};
    if (s.hasWait) {
        o[QStringLiteral("core_wait_p99_ms")] = s.waitP99;
        o[QStringLiteral("core_wait_max_ms")] = s.waitMax;
        o[QStringLiteral("own_stall_p99_ms")] = s.ownP99;
        o[QStringLiteral("own_stall_max_ms")] = s.ownMax;
    }
    return o;
}

void MeasureRun::start()
{
    m_result[QStringLiteral("url")] = m_url;
    m_result[QStringLiteral("rss_start_mib")] = ResponsivenessProbe::residentMiB();
    m_clock.start();
    m_probe.start();
    if (!m_window.openLocation(m_url)) {
        finish(QStringLiteral("cannot open %1").arg(m_url));
        return;
    }
    m_window.tabs()->setCurrentWidget(m_window.explorer());
    m_poll.start();
}

void MeasureRun::pollListing()
{
    ObjectListModel *objects = m_window.explorer()->objects();
    if (!objects->errorString().isEmpty()) {
        finish(objects->errorString());
        return;
    }
    if (!objects->isComplete()) {
        // What a user does to see the whole bucket: scroll to the end, again and again.
        m_window.explorer()->objectTable()->scrollToBottom();
        return;
    }
    m_poll.stop();
    QJsonObject listing = phase(m_probe.stop());
    listing[QStringLiteral("objects")] = objects->rowCount();
    listing[QStringLiteral("truncated")] = objects->isTruncated(); // stopped at the row or byte limit
    listing[QStringLiteral("seconds")] = double(m_clock.nsecsElapsed()) / 1e9;
    m_result[QStringLiteral("listing")] = listing;
    if (m_benchSeconds > 0)
        startBenchmark();
    else
        finish({});
}

void MeasureRun::startBenchmark()
{
    BenchmarkPanel *bench = m_window.benchmark();
    m_window.tabs()->setCurrentWidget(bench);
    bench->setUrl(m_url);
    bench->useConfig(false);
    bench->findChild<QDoubleSpinBox *>(QStringLiteral("benchDuration"))->setValue(m_benchSeconds);
    bench->findChild<QCheckBox *>(QStringLiteral("benchEpoch"))->setChecked(false);
    bench->findChild<QSpinBox *>(QStringLiteral("benchWorkers"))->setValue(4);
    connect(bench, &BenchmarkPanel::finished, this, [this, bench](const QString &error, bool) {
        QJsonObject b = phase(m_probe.stop());
        if (!bench->results().empty()) {
            const BenchResult &r = bench->results().back();
            b[QStringLiteral("items_per_s")] = r.itemsPerSecond();
            b[QStringLiteral("items")] = double(r.items);
            b[QStringLiteral("workers")] = r.workers;
            b[QStringLiteral("seconds")] = r.seconds;
        }
        m_result[QStringLiteral("benchmark")] = b;
        finish(error);
    });
    m_probe.start();
    bench->startSingle();
}

void MeasureRun::finish(const QString &error)
{
    m_poll.stop();
    if (!error.isEmpty())
        m_result[QStringLiteral("error")] = error;
    QTextStream(stdout) << QJsonDocument(m_result).toJson(QJsonDocument::Indented);
    QApplication::exit(error.isEmpty() ? 0 : 1);
}

} // namespace shardscope::ui
