#pragma once

#include "core/storage/ais_cluster_stats.h"
#include "core/storage/store_factory.h"

#include <QWidget>

#include <deque>
#include <memory>
#include <mutex>

class QCustomPlot;
class QLabel;
class QTableWidget;
class QTimer;

namespace shardscope::ui {

// The benchmark's "Cluster" view: while a run goes on, every target's own
// statistics, polled at the chart period on the poller's thread, as a live
// chart of GET/s per target and a table per target (GET/s, MB/s, mean GET
// latency, CPU, memory, disk utilisation, errors), with the imbalance
// (max / mean per-target GETs). A target that does not answer is shown as
// such; the run goes on. start() and stop() are cheap on the GUI thread: the
// first poll and the last one run on the background pool.
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
    bool running() const { return m_poller != nullptr; }

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

protected:
    void changeEvent(QEvent *event) override;

private:
    void drain();
    void showTable(const AisClusterRates &latest);
    void retranslate();

    QLabel *m_summary;
    QCustomPlot *m_plot;
    QTableWidget *m_table;
    QTimer *m_drainTimer;
    std::shared_ptr<AisClusterStatsPoller> m_poller;
    // Starts and stops of the poller, in order, off the GUI thread.
    std::unique_ptr<class TaskQueue> m_queue;
    // Filled by the poller's thread, drained by the GUI thread.
    struct Inbox
    {
        std::mutex mutex;
        std::deque<AisClusterRates> rates;
    };
    std::shared_ptr<Inbox> m_inbox;
    std::vector<std::string> m_order; // target ids: graph i is target m_order[i]
    AisClusterRates m_total;
    int m_points = 0;
};

} // namespace shardscope::ui
