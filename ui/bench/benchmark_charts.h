#pragma once

#include "core/bench/benchmark.h"

#include <QObject>
#include <QString>

#include <array>
#include <functional>
#include <vector>

class QCustomPlot;
class QTableWidget;
class QWidget;

namespace shardscope::ui {

// The Benchmark tab's charts, each a tab of the panel: throughput over time
// (total, per worker, payload and wire MB/s), the latency histogram, the live
// table (the last minute), the worker sweep with its knee, and the methods as
// ratios to the baseline. The panel decides what runs; this draws what came
// of it.
class BenchmarkCharts : public QObject
{
    Q_OBJECT
public:
    explicit BenchmarkCharts(QWidget *parent); // the widgets' parent (the panel's tabs); starts clear()

    QCustomPlot *throughput() const { return m_throughput; }
    QCustomPlot *latency() const { return m_latency; }
    QTableWidget *live() const { return m_live; }
    QCustomPlot *sweep() const { return m_sweep; }
    QCustomPlot *methods() const { return m_methods; }

    // A new start: no time series, histogram or live rows.
    void clear();
    // Samples as they arrive. A sweep or comparison starts each run at t = 0;
    // the charts' time keeps running across its runs.
    void append(const std::vector<BenchSample> &samples);
    // Items/s by workers, one point per result with more workers than the
    // last; with `knee`, the knee marked and recommended.
    void showSweep(const std::vector<BenchResult> &results, bool knee);
    // Each result's items/s as a ratio to the first one's (the baseline),
    // labelled by nameOf(index); an empty chart unless `compare`.
    void showMethods(const std::vector<BenchResult> &results,
                     const std::function<QString(std::size_t)> &nameOf, bool compare);
    void retranslate();

private:
    QCustomPlot *m_throughput;
    QCustomPlot *m_latency;
    QTableWidget *m_live;
    QCustomPlot *m_sweep;
    QCustomPlot *m_methods;
    bool m_empty = true;    // nothing charted since clear()
    double m_lastT = 0;     // the last sample's time on the charts
    double m_runOffset = 0; // where the current run's t = 0 is on the charts
    double m_runTime = 0;   // the current run's last t
    std::array<double, BenchSample::kLatencyBuckets> m_latencyCounts{};
    int m_workerGraphs = 0;
};

} // namespace shardscope::ui
