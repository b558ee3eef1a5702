#pragma once

#include "core/health/advice.h"
#include "core/health/lint.h"
#include "core/health/shuffle_quality.h"
#include "core/storage/store_factory.h"

#include <QWidget>

class QCustomPlot;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QSortFilterProxyModel;
class QSpinBox;
class QTableView;
class QTabWidget;

namespace shardscope::ui {

class HealthFindingsModel;

// What one audit found, computed off the GUI thread.
struct HealthAudit
{
    LintReport report;
    Advice advice;
    std::vector<ShuffleScore> shuffle; // none, shards+buffer, objects, on the audited shards' sample counts
    ShuffleOptions shuffleOptions;
};

// The Health view: audits a sharded dataset (a store URL, or a dataset config
// file) with the same engine as `shardscope-cli lint`, as a job with progress
// and Stop; shows a sortable findings table (activating a row asks to open
// the shard at that member), shard-size, sample-size and extension charts,
// advice with the re-shard recipes to copy, and the shuffle quality of the
// three strategies on the audited shards.
class HealthView : public QWidget
{
    Q_OBJECT
public:
    explicit HealthView(QWidget *parent = nullptr);
    ~HealthView() override;

    void setStoreOptions(const StoreOptions &options);
    void setTarget(const QString &urlOrConfig);
    QString target() const;
    void audit(); // starts an audit of target() (a running one is replaced)
    void stop();
    bool isRunning() const { return m_running; }
    const HealthAudit &result() const { return m_result; }

Q_SIGNALS:
    // The user activated a finding: open shardUrl (an object URL) at member (escaped form; empty: the shard).
    void openShardRequested(const QString &shardUrl, const QString &member);
    void auditFinished(const QString &error); // empty: complete; "stopped" text when stopped

private:
    void present(const HealthAudit &audit);
    void showProgress(quint64 done, quint64 total);
    void activateFinding(const QModelIndex &proxyIndex);
    void setRunning(bool running);

    StoreOptions m_options;
    QLineEdit *m_target;
    QSpinBox *m_workers;
    QPushButton *m_auditButton;
    QPushButton *m_stopButton;
    QProgressBar *m_progress;
    QLabel *m_summary;
    QTabWidget *m_tabs;
    HealthFindingsModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QTableView *m_table;
    QCustomPlot *m_shardSizes;
    QCustomPlot *m_sampleSizes;
    QCustomPlot *m_extensions;
    QCustomPlot *m_shuffle;
    QPlainTextEdit *m_advice;
    QPushButton *m_copyDsort;
    QPushButton *m_copyIshard;
    HealthAudit m_result;
    bool m_running = false;
    quint64 m_job = 0; // the running audit's JobId (0: none)
};

} // namespace shardscope::ui
