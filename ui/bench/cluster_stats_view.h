#pragma once

#include "core/storage/ais_cluster_stats.h"
#include "core/storage/store_factory.h"

#include <QWidget>

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

class QCustomPlot;
class QLabel;
class QTableWidget;
class QTimer;

namespace shardscope::ui {

// The benchmark's "Cluster" view: while a run goes on, every target's own
// statistics, polled at the chart period, as a live chart of GET/s per target
// and a table per target (GET/s, MB/s, mean GET latency, CPU, memory, disk
// utilisation, errors), with the imbalance (max / mean per-target GETs). A
// target that does not answer is shown as such; the run goes on.
// Every poll is one job of the JobTracker (slot "poll", in one lane): a tick
// that finds the last poll still running (a slow node) is skipped, so polls
// never stack. While the view is hidden nothing is polled but the first and
// the last snapshot of the run (for the whole run's rates). start() and
// stop() are cheap on the GUI thread.
class ClusterStatsView : public QWidget
{
    Q_OBJECT
public:
    explicit ClusterStatsView(QWidget *parent = nullptr);
    ~ClusterStatsView() override;

    // Starts polling the AIStore cluster behind `options` every `period`
    // (a run begins); a running poll stops first.
    void start(const StoreOptions &options,
               std::chrono::milliseconds period = std::chrono::milliseconds(250));
    // Stops polling (the run ended); the view keeps the last numbers.
    void stop();
    bool running() const { return m_running; }
    // The run's first snapshot is in, or the cluster gave none (then there is
    // nothing to wait for): a run that starts now is counted whole.
    bool baselineSettled() const { return m_baselineSettled; }

    QTableWidget *table() const { return m_table; }
    QCustomPlot *plot() const { return m_plot; }
    // The rates of the whole run so far, per target (GUI thread).
    const AisClusterRates &total() const { return m_total; }
    enum Column
    {
        Target,
        GetsPerSecond,
        MBPerSecond,
        MeanLatency,
        Cpu,
        Memory,
        DiskUtil,
        Errors,
        ColumnCount
    };

Q_SIGNALS:
    void updated(int points); // after new intervals were drawn
    void baselineTaken();     // baselineSettled() became true (once per start())

protected:
    void changeEvent(QEvent *event) override;
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    struct Poller; // the client and cluster map the poll jobs share (one job at a time)
    struct Snapshot
    {
        std::vector<AisNodeStats> nodes;
        double t = 0; // seconds since start()
    };
    // Starts a poll job unless one runs; `last`: the run's final snapshot.
    void poll(bool last);
    void polled(Snapshot &&snapshot, bool last);
    void settleBaseline();
    void addRates(const AisClusterRates &rates);
    void showTable(const AisClusterRates &latest);
    void retranslate();

    QLabel *m_summary;
    QCustomPlot *m_plot;
    QTableWidget *m_table;
    QTimer *m_pollTimer;
    bool m_running = false;
    bool m_baselineSettled = false;
    std::uint64_t m_run = 0; // results of jobs of an earlier run are dropped
    std::shared_ptr<Poller> m_poller;
    std::chrono::steady_clock::time_point m_start{};
    std::vector<AisNodeStats> m_first, m_last; // snapshots: the run's first, the latest
    std::vector<std::string> m_order; // target ids: graph i is target m_order[i]
    AisClusterRates m_total;
    int m_points = 0;
};

} // namespace shardscope::ui
