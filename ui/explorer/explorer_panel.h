#pragma once

#include "ui/models/connection_tree_model.h"

#include <QWidget>

class QAction;
class QToolBar;

#include <atomic>
#include <memory>

class QCheckBox;
class QLabel;
class QLineEdit;
class QListView;
class QSortFilterProxyModel;
class QPushButton;
class QSplitter;
class QTabWidget;
class QTableView;
class QTreeView;

namespace shardscope::ui {

class Breadcrumbs;
class ClusterView;
class SummaryView;
class ObjectListModel;
class SamplePreview;
class ShardSampleModel;
class ThumbnailModel;

// Connections and their buckets on the left; the objects of the chosen bucket
// (under an optional prefix) on the right, listed page by page off the GUI
// thread, with a name filter over what is loaded.
class ExplorerPanel : public QWidget
{
    Q_OBJECT
public:
    explicit ExplorerPanel(QWidget *parent = nullptr);

    void setConnections(const QVector<Connection> &connections);
    ConnectionTreeModel *connections() const { return m_connections; }
    ObjectListModel *objects() const { return m_objects; }
    QSplitter *splitter() const { return m_splitter; }
    QTableView *objectTable() const { return m_table; }
    ShardSampleModel *samples() const { return m_samples; }
    ThumbnailModel *thumbnails() const { return m_thumbnails; }
    SamplePreview *preview() const { return m_preview; }
    ClusterView *clusterView() const { return m_cluster; }
    SummaryView *summaryView() const { return m_summaryView; }
    void summarizeCurrent(); // the current bucket/prefix, in the Summary tab
    QToolBar *toolBar() const { return m_toolBar; }
    Breadcrumbs *breadcrumbs() const { return m_breadcrumbs; }
    QString currentPrefix() const;
    // When the shard being opened has been read, select and preview this
    // member ("dir/key.ext", as the shard names it) instead of the first.
    void showMemberWhenRead(const QString &member);
    // Uploads local files into the current bucket, under the current
    // directory (the prefix up to its last '/'), as one job with progress and
    // Stop; the listing is refreshed when it ends. Reports through uploaded().
    void uploadFiles(const QStringList &paths);

    // Opens an object of the current bucket as a shard: its samples and a preview.
    void openShard(const QString &object);
    static bool looksLikeShard(const QString &name);

    // Downloads an object of the current bucket to a local file, off the GUI
    // thread, atomically (a failed or stopped download leaves no file behind
    // and an existing file untouched). Runs as a job (progress and Stop in the status bar).
    void saveObject(const QString &object, const QString &path);
    // Writes a shard member (already read) to a local file, atomically.
    void saveMember(const QModelIndex &member, const QString &path);
    // The URL of the selected object ("local://b/x"), for the clipboard.
    QString selectedObjectUrl() const;
    QString bucketUrl() const { return m_bucketUrl; } // "ais://b" of the open bucket, else empty
    int connectionRow() const { return m_connectionRow; }
    void stopJob(); // stops a running download

Q_SIGNALS:
    void saved(const QString &path, const QString &error);
    void removeConnectionRequested(int row);
    void editConnectionRequested(int row);
    // "Add to Split as Prefix" on an object or directory of the bucket.
    void addToSplitRequested(const QString &bucketUrl, const QString &prefix);
    // Toolbar: Open URL… (the main window asks for it) and Benchmark This.
    void openUrlRequested();
    void benchmarkRequested(const QString &url);
    void uploaded(const QStringList &objects, const QString &error);

public:
    // Opens a bucket (or bucket/prefix) URL of connection `connectionRow`.
    void openLocation(int connectionRow, const QString &url);

Q_SIGNALS:
    // For the status bar: what an operation ended with (a running one shows
    // there through the job tracker).
    void message(const QString &text);

protected:
    void changeEvent(QEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void retranslate();
    void onBucketActivated(const QModelIndex &index);
    void applyPrefix();
    void goUp();
    void openSelectedShard();
    void updateBreadcrumbs();
    void onObjectActivated(const QModelIndex &index);
    void onSampleClicked(const QModelIndex &index);

    ConnectionTreeModel *m_connections;
    ObjectListModel *m_objects;
    QSortFilterProxyModel *m_filter;
    QSplitter *m_splitter;
    QTreeView *m_tree;
    QTableView *m_table;
    QLineEdit *m_prefix;
    QLineEdit *m_nameFilter;
    QCheckBox *m_folders;
    QPushButton *m_up;
    QLabel *m_location;
    QTabWidget *m_tabs;
    ShardSampleModel *m_samples;
    QTreeView *m_sampleTree;
    ThumbnailModel *m_thumbnails;
    QListView *m_thumbnailGrid;
    QTabWidget *m_sampleViews;
    SamplePreview *m_preview;
    ClusterView *m_cluster;
    SummaryView *m_summaryView;
    QPushButton *m_summarize;
    QToolBar *m_toolBar;
    Breadcrumbs *m_breadcrumbs;
    QAction *m_openUrlAction, *m_refreshAction, *m_upAction, *m_summarizeAction, *m_openShardAction,
        *m_benchmarkAction;
    int m_connectionRow = -1;
    quint64 m_saveJob = 0; // the download in progress (Stop)
    QString m_pendingMember;
    QString m_bucketUrl;
};

} // namespace shardscope::ui
