#pragma once

#include "core/storage/store_factory.h"

#include <QWidget>

class QLabel;
class QPushButton;
class QTableWidget;
class QTimer;

namespace shardscope::ui {

// An AIStore cluster at a glance, at least what `ais show cluster` shows: per
// node its role, id, URL, state (maintenance / decommission flags from the
// cluster map, health asked of the node), version, uptime, memory used and
// available, capacity used and available with %, load average and CPU (the
// node's own node_status); whether a rebalance runs. A node that does not
// answer is marked, not fatal. Refreshes itself every few seconds while
// visible until Stop; everything is fetched off the GUI thread.
class ClusterView : public QWidget
{
    Q_OBJECT
public:
    explicit ClusterView(QWidget *parent = nullptr);

    void setCluster(const QString &name, const StoreOptions &options); // and refreshes
    void refresh();
    QTableWidget *table() const { return m_table; }
    // Per bucket: object count and size from AIStore's bucket summary (no
    // listing), filled bucket by bucket with progress (setCluster and Refresh).
    QTableWidget *buckets() const { return m_buckets; }
    void refreshBuckets();
    // Auto-refresh while visible (on by default); the button says Stop / Auto-refresh.
    void setAutoRefresh(bool on);
    bool autoRefresh() const { return m_auto; }
    static constexpr int kRefreshMs = 5000;
    enum Column
    {
        Role,
        Node,
        Url,
        State,
        Version,
        Uptime,
        MemUsed,
        MemAvail,
        CapUsed,
        CapAvail,
        CapPercent,
        Load,
        Cpu,
        ColumnCount
    };

Q_SIGNALS:
    void refreshed(int nodes, const QString &error);
    void bucketsRefreshed(int buckets, const QString &error);

protected:
    void changeEvent(QEvent *event) override;
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    struct NodeRow
    {
        QStringList cells; // by Column
        bool healthy = false;
    };
    // quiet: an automatic refresh, not listed in the status bar.
    void refreshNow(bool quiet);
    void showRows(const QVector<NodeRow> &rows, const QString &summary, const QString &error);
    void retranslate();

    QLabel *m_summary;
    QTableWidget *m_table;
    QLabel *m_bucketStatus;
    QTableWidget *m_buckets;
    QPushButton *m_refresh;
    QPushButton *m_autoButton;
    QTimer *m_timer;
    bool m_auto = true;
    bool m_busy = false;
    QString m_name;
    StoreOptions m_options;
};

} // namespace shardscope::ui
