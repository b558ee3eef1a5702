#include "ui/explorer/explorer_panel.h"

#include "ui/explorer/breadcrumbs.h"
#include "ui/explorer/cluster_view.h"
#include "ui/explorer/sample_preview.h"
#include "ui/explorer/summary_view.h"
#include "ui/jobs/job_tracker.h"
#include "ui/models/object_list_model.h"
#include "ui/models/shard_sample_model.h"
#include "ui/models/thumbnail_model.h"

#include <QAction>
#include <QCheckBox>
#include <QClipboard>
#include <QEvent>
#include <QFileDialog>
#include <QGuiApplication>
#include <QListView>
#include <QMenu>
#include <QPointer>
#include <QPushButton>
#include <QShortcut>
#include <QStyle>
#include <QToolBar>

#include "core/shard/archive_reader.h"
#include "core/storage/store_url.h"
#include "core/util/error.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QTreeView>
#include <QVBoxLayout>
#include <chrono>

#include <algorithm>
#include <climits>
#include <utility>

namespace shardscope::ui {

ExplorerPanel::ExplorerPanel(QWidget *parent)
    : QWidget(parent), m_connections(new ConnectionTreeModel(this)), m_objects(new ObjectListModel(this)),
      m_filter(new QSortFilterProxyModel(this)), m_splitter(new QSplitter(this)), m_tree(new QTreeView(this)),
      m_table(new QTableView(this)), m_prefix(new QLineEdit(this)), m_nameFilter(new QLineEdit(this)),
      m_location(new QLabel(this)), m_tabs(new QTabWidget(this)), m_samples(new ShardSampleModel(this)),
      m_sampleTree(new QTreeView(this)), m_preview(new SamplePreview(this)), m_cluster(new ClusterView(this)),
      m_summaryView(new SummaryView(this)), m_summarize(new QPushButton(this))
{
    m_summarize->setObjectName(QStringLiteral("summarizeButton"));
    setObjectName(QStringLiteral("explorer"));
    m_tree->setObjectName(QStringLiteral("connectionTree"));
    m_table->setObjectName(QStringLiteral("objectTable"));
    m_prefix->setObjectName(QStringLiteral("prefixEdit"));
    m_nameFilter->setObjectName(QStringLiteral("nameFilterEdit"));
    m_splitter->setObjectName(QStringLiteral("explorerSplitter"));
    m_location->setObjectName(QStringLiteral("locationLabel"));

    m_tree->setModel(m_connections);
    m_tree->setHeaderHidden(true);
    m_filter->setSourceModel(m_objects);
    m_filter->setFilterKeyColumn(ObjectListModel::NameColumn);
    m_filter->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_filter->setSortRole(ObjectListModel::SortRole);
    m_table->setModel(m_filter);
    // Sorting by a column header sorts what is loaded; the listing order (by
    // name) until the user asks, so a big bucket is not re-sorted page by page.
    m_table->horizontalHeader()->setSortIndicator(-1, Qt::AscendingOrder);
    m_table->setSortingEnabled(true);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    // Every column can be resized (and is remembered); the last one takes the rest.
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->resizeSection(ObjectListModel::NameColumn, 320);
    m_table->verticalHeader()->hide();
    // Compact rows: one line of text and a little air, as file managers do.
    m_table->verticalHeader()->setMinimumSectionSize(fontMetrics().height() + 2);
    m_table->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);
    m_table->setWordWrap(false);
    m_table->setAlternatingRowColors(true);
    m_table->setTextElideMode(Qt::ElideMiddle);
    // Files dropped on the table are uploaded into the current directory.
    m_table->viewport()->setAcceptDrops(true);
    m_table->viewport()->installEventFilter(this);
    // Backspace goes up a directory (Enter opens, through activated()).
    auto *up = new QShortcut(QKeySequence(Qt::Key_Backspace), m_table, this, &ExplorerPanel::goUp);
    up->setContext(Qt::WidgetShortcut);

    m_toolBar = new QToolBar(this);
    m_toolBar->setObjectName(QStringLiteral("explorerToolBar"));
    m_toolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_toolBar->setIconSize(QSize(16, 16));
    auto action = [this](const char *name, QStyle::StandardPixmap icon, auto slot) {
        QAction *a = m_toolBar->addAction(style()->standardIcon(icon), QString());
        a->setObjectName(QString::fromLatin1(name));
        connect(a, &QAction::triggered, this, slot);
        return a;
    };
    m_openUrlAction =
        action("explorerOpenUrl", QStyle::SP_DirOpenIcon, [this] { Q_EMIT openUrlRequested(); });
    m_refreshAction = action("explorerRefresh", QStyle::SP_BrowserReload, [this] { applyPrefix(); });
    m_upAction = action("explorerUp", QStyle::SP_FileDialogToParent, [this] { goUp(); });
    m_toolBar->addSeparator();
    m_summarizeAction =
        action("explorerSummarize", QStyle::SP_FileDialogInfoView, [this] { summarizeCurrent(); });
    m_openShardAction =
        action("explorerOpenShard", QStyle::SP_FileDialogContentsView, [this] { openSelectedShard(); });
    m_openShardAction->setEnabled(false); // until a shard is selected
    m_benchmarkAction = action("explorerBenchmark", QStyle::SP_MediaPlay, [this] {
        if (!m_objects->location().isEmpty())
            Q_EMIT benchmarkRequested(m_objects->location());
    });
    m_breadcrumbs = new Breadcrumbs(this);
    connect(m_breadcrumbs, &Breadcrumbs::prefixActivated, this, [this](const QString &prefix) {
        m_prefix->setText(prefix);
        applyPrefix();
        m_tabs->setCurrentIndex(0);
    });
    connect(m_breadcrumbs, &Breadcrumbs::shardActivated, this, [this] { m_tabs->setCurrentIndex(1); });

    auto *right = new QWidget(this);
    auto *filters = new QHBoxLayout;
    filters->addWidget(m_prefix, 2);
    filters->addWidget(m_nameFilter, 1);
    m_folders = new QCheckBox(this);
    m_folders->setObjectName(QStringLiteral("folderView"));
    m_up = new QPushButton(this);
    m_up->setObjectName(QStringLiteral("upButton"));
    filters->addWidget(m_folders);
    filters->addWidget(m_up);
    connect(m_folders, &QCheckBox::toggled, this, &ExplorerPanel::applyPrefix);
    connect(m_up, &QPushButton::clicked, this, &ExplorerPanel::goUp);
    filters->addWidget(m_summarize);
    auto *rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->addWidget(m_location);
    rightLayout->addLayout(filters);
    rightLayout->addWidget(m_breadcrumbs);
    rightLayout->addWidget(m_table);
    m_tabs->setObjectName(QStringLiteral("explorerTabs"));
    m_sampleTree->setObjectName(QStringLiteral("sampleTree"));
    m_sampleTree->setModel(m_samples);
    m_sampleTree->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    // Samples as a list, or the first ones as thumbnails filled in as they decode.
    m_thumbnails = new ThumbnailModel(m_samples, 48, 96, this);
    m_thumbnailGrid = new QListView(this);
    m_thumbnailGrid->setObjectName(QStringLiteral("thumbnailGrid"));
    m_thumbnailGrid->setViewMode(QListView::IconMode);
    m_thumbnailGrid->setIconSize(QSize(96, 96));
    m_thumbnailGrid->setGridSize(QSize(120, 130));
    m_thumbnailGrid->setResizeMode(QListView::Adjust);
    m_thumbnailGrid->setMovement(QListView::Static);
    m_thumbnailGrid->setUniformItemSizes(true);
    m_thumbnailGrid->setWordWrap(true);
    m_thumbnailGrid->setModel(m_thumbnails);
    m_sampleViews = new QTabWidget(this);
    m_sampleViews->setObjectName(QStringLiteral("sampleViews"));
    m_sampleViews->addTab(m_sampleTree, QString());
    m_sampleViews->addTab(m_thumbnailGrid, QString());
    connect(m_thumbnailGrid, &QListView::clicked, this, [this](const QModelIndex &thumb) {
        const QModelIndex sample = m_samples->index(thumb.data(ThumbnailModel::SampleRowRole).toInt(), 0);
        m_sampleTree->setCurrentIndex(sample);
        if (m_samples->rowCount(sample) > 0)
            onSampleClicked(m_samples->index(0, 0, sample));
    });
    auto *shardSplit = new QSplitter(Qt::Horizontal, this);
    shardSplit->addWidget(m_sampleViews);
    shardSplit->addWidget(m_preview);
    shardSplit->setStretchFactor(1, 2);
    shardSplit->setSizes({360, 640});
    m_tabs->addTab(right, QString());
    m_tabs->addTab(shardSplit, QString());
    m_tabs->addTab(m_cluster, QString());
    m_tabs->addTab(m_summaryView, QString());
    connect(m_summarize, &QPushButton::clicked, this, &ExplorerPanel::summarizeCurrent);
    connect(m_summaryView, &SummaryView::finished, this, [this](const QString &error) {
        Q_EMIT message(error.isEmpty() ? tr("Summary complete") : tr("Summary not complete: %1").arg(error));
    });
    m_splitter->addWidget(m_tree);
    m_splitter->addWidget(m_tabs);
    m_splitter->setStretchFactor(1, 3);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(m_toolBar);
    layout->addWidget(m_splitter);
    connect(m_tabs, &QTabWidget::currentChanged, this, &ExplorerPanel::updateBreadcrumbs);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex &current) {
                const bool shard =
                    current.isValid() &&
                    looksLikeShard(
                        current.sibling(current.row(), ObjectListModel::NameColumn).data().toString());
                m_openShardAction->setEnabled(shard);
            });

    connect(m_tree, &QTreeView::activated, this, &ExplorerPanel::onBucketActivated);
    connect(m_tree, &QTreeView::clicked, this, &ExplorerPanel::onBucketActivated);
    connect(m_prefix, &QLineEdit::returnPressed, this, &ExplorerPanel::applyPrefix);
    connect(m_table, &QTableView::doubleClicked, this, &ExplorerPanel::onObjectActivated);
    connect(m_table, &QTableView::activated, this, &ExplorerPanel::onObjectActivated);
    connect(m_sampleTree, &QTreeView::clicked, this, &ExplorerPanel::onSampleClicked);
    m_tree->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_tree, &QWidget::customContextMenuRequested, this, [this](const QPoint &pos) {
        const QModelIndex index = m_tree->indexAt(pos);
        if (!index.isValid() || index.parent().isValid())
            return;
        QMenu menu(this);
        menu.addAction(tr("Refresh Buckets"), this,
                       [this, row = index.row()] { m_connections->refresh(row); });
        menu.addAction(tr("Edit Connection…"), this,
                       [this, row = index.row()] { Q_EMIT editConnectionRequested(row); });
        menu.addAction(tr("Remove Connection"), this,
                       [this, row = index.row()] { Q_EMIT removeConnectionRequested(row); });
        menu.exec(m_tree->viewport()->mapToGlobal(pos));
    });
    m_table->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_table, &QWidget::customContextMenuRequested, this, [this](const QPoint &pos) {
        const QModelIndex index = m_table->indexAt(pos);
        if (!index.isValid())
            return;
        m_table->setCurrentIndex(index);
        const ObjectRow &row = m_objects->row(m_filter->mapToSource(index).row());
        QMenu menu(this);
        // A directory or an object name is a prefix a split can take.
        menu.addAction(tr("Add to Split as Prefix"), this,
                       [this, name = row.name] { Q_EMIT addToSplitRequested(m_bucketUrl, name); });
        if (row.isDirectory) {
            menu.exec(m_table->viewport()->mapToGlobal(pos));
            return;
        }
        menu.addAction(tr("Copy URL"), this,
                       [this] { QGuiApplication::clipboard()->setText(selectedObjectUrl()); });
        if (looksLikeShard(row.name))
            menu.addAction(tr("Open as Shard"), this, [this, name = row.name] { openShard(name); });
        menu.addAction(tr("Save As…"), this, [this, name = row.name] {
            const QString path = QFileDialog::getSaveFileName(this, tr("Save %1").arg(name),
                                                              name.section(QLatin1Char('/'), -1));
            if (!path.isEmpty())
                saveObject(name, path);
        });
        menu.exec(m_table->viewport()->mapToGlobal(pos));
    });
    m_sampleTree->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_sampleTree, &QWidget::customContextMenuRequested, this, [this](const QPoint &pos) {
        const QModelIndex member = m_sampleTree->indexAt(pos).sibling(m_sampleTree->indexAt(pos).row(), 0);
        if (!member.isValid() || !member.parent().isValid())
            return;
        QMenu menu(this);
        menu.addAction(tr("Save Member As…"), this, [this, member] {
            const QString suggested = member.parent().data().toString().section(QLatin1Char('/'), -1) +
                                      QLatin1Char('.') +
                                      member.data(ShardSampleModel::ExtensionRole).toString();
            const QString path = QFileDialog::getSaveFileName(this, tr("Save member"), suggested);
            if (!path.isEmpty())
                saveMember(member, path);
        });
        menu.exec(m_sampleTree->viewport()->mapToGlobal(pos));
    });
    connect(m_samples, &ShardSampleModel::finished, this, [this](int samples, int errors) {
        // A member asked for (a Health finding) is selected and previewed.
        if (const QString wanted = std::exchange(m_pendingMember, QString()); !wanted.isEmpty()) {
            for (int row = 0; row < m_samples->rowCount(); ++row) {
                const QModelIndex sample = m_samples->index(row, 0);
                const QString key = sample.data().toString();
                for (int m = 0; m < m_samples->rowCount(sample); ++m) {
                    const QModelIndex member = m_samples->index(m, 0, sample);
                    if (key + QLatin1Char('.') + member.data(ShardSampleModel::ExtensionRole).toString() ==
                        wanted) {
                        m_sampleTree->expand(sample);
                        m_sampleTree->setCurrentIndex(member);
                        m_sampleTree->scrollTo(member);
                        onSampleClicked(member);
                        return;
                    }
                }
                if (key == wanted && sample.data(ShardSampleModel::IsErrorRole).toBool()) { // a problem row
                    m_sampleTree->setCurrentIndex(sample);
                    m_sampleTree->scrollTo(sample);
                    return;
                }
            }
            Q_EMIT message(tr("%1: no member %2 among the samples shown").arg(m_samples->shard(), wanted));
        }
        // Show the first member of the first sample right away.
        const QModelIndex first = m_samples->index(0, 0);
        if (samples > 0 && !first.data(ShardSampleModel::IsErrorRole).toBool() &&
            m_samples->rowCount(first) > 0) {
            m_sampleTree->expand(first);
            const QModelIndex member = m_samples->index(0, 0, first);
            m_sampleTree->setCurrentIndex(member);
            onSampleClicked(member);
        }
        Q_EMIT message(
            errors
                ? tr("%1: %n sample(s), problems: %2", nullptr, samples).arg(m_samples->shard()).arg(errors)
                : tr("%1: %n sample(s)", nullptr, samples).arg(m_samples->shard()));
    });
    connect(m_nameFilter, &QLineEdit::textChanged, m_filter, &QSortFilterProxyModel::setFilterFixedString);
    connect(m_objects, &ObjectListModel::loadingChanged, this, [this](bool loading) {
        if (!loading && m_objects->errorString().isEmpty())
            Q_EMIT message(
                m_objects->isComplete()
                    ? tr("%n object(s) in %1", nullptr, m_objects->rowCount()).arg(m_objects->location())
                    : tr("%n object(s) so far in %1; scroll for more", nullptr, m_objects->rowCount())
                          .arg(m_objects->location()));
    });
    connect(m_objects, &ObjectListModel::failed, this, [this](const QString &text) { Q_EMIT message(text); });
    connect(m_connections, &ConnectionTreeModel::failed, this,
            [this](int, const QString &text) { Q_EMIT message(text); });
    retranslate();
}

void ExplorerPanel::setConnections(const QVector<Connection> &connections)
{
    m_connections->setConnections(connections);
}

void ExplorerPanel::openLocation(int connectionRow, const QString &url)
{
    m_connectionRow = connectionRow;
    try {
        const StoreUrl parsed = parseStoreUrl(url.toStdString());
        m_bucketUrl = QString::fromStdString(parsed.schemeName() + "://" + parsed.bucket);
        m_prefix->setText(QString::fromStdString(parsed.path));
    } catch (const Error &e) {
        Q_EMIT message(QString::fromStdString(e.what()));
        return;
    }
    m_location->setText(url);
    m_objects->setLocation(url, m_connections->connection(connectionRow).options, !m_folders->isChecked());
    // The bucket shown is the one selected in the sidebar.
    const QModelIndex conn = m_connections->index(connectionRow, 0);
    for (int row = 0; row < m_connections->rowCount(conn); ++row) {
        const QModelIndex bucket = m_connections->index(row, 0, conn);
        if (m_connections->bucketUrl(bucket) == m_bucketUrl) {
            m_tree->expand(conn);
            m_tree->setCurrentIndex(bucket);
            break;
        }
    }
    updateBreadcrumbs();
    if (looksLikeShard(m_prefix->text())) // a shard's URL: show its samples too
        openShard(m_prefix->text());
}

void ExplorerPanel::onBucketActivated(const QModelIndex &index)
{
    if (index.isValid() && !index.parent().isValid()) { // a connection: an AIStore cluster shows its map
        const Connection &c = m_connections->connection(index.row());
        if (c.scheme == QLatin1String("ais")) {
            m_cluster->setCluster(c.name, c.options);
            m_tabs->setCurrentIndex(2);
        }
        return;
    }
    const QString url = m_connections->bucketUrl(index);
    if (url.isEmpty() || url == m_bucketUrl)
        return;
    openLocation(index.parent().row(), url);
}

void ExplorerPanel::applyPrefix()
{
    if (m_connectionRow < 0 || m_bucketUrl.isEmpty())
        return;
    const QString url =
        m_prefix->text().isEmpty() ? m_bucketUrl : m_bucketUrl + QLatin1Char('/') + m_prefix->text();
    m_location->setText(url);
    // Folders: one level with virtual directories (double-click one to enter it).
    m_objects->setLocation(url, m_connections->connection(m_connectionRow).options, !m_folders->isChecked());
    updateBreadcrumbs();
}

void ExplorerPanel::goUp()
{
    QString p = m_prefix->text();
    if (p.endsWith(QLatin1Char('/')))
        p.chop(1);
    const int slash = p.lastIndexOf(QLatin1Char('/'));
    m_prefix->setText(slash < 0 ? QString() : p.left(slash + 1));
    applyPrefix();
}

QString ExplorerPanel::selectedObjectUrl() const
{
    const QModelIndex current = m_table->currentIndex();
    if (!current.isValid() || m_bucketUrl.isEmpty())
        return {};
    return m_bucketUrl + QLatin1Char('/') + m_objects->row(m_filter->mapToSource(current).row()).name;
}

void ExplorerPanel::stopJob()
{
    if (m_saveJob)
        JobTracker::instance().cancel(m_saveJob);
    m_summaryView->stop();
}

void ExplorerPanel::summarizeCurrent()
{
    if (m_connectionRow < 0 || m_objects->location().isEmpty())
        return;
    m_tabs->setCurrentIndex(3);
    m_summaryView->summarize(m_objects->location(), m_connections->connection(m_connectionRow).options);
}

bool ExplorerPanel::looksLikeShard(const QString &name)
{
    return isArchiveName(name.toStdString());
}

void ExplorerPanel::onObjectActivated(const QModelIndex &index)
{
    if (!index.isValid())
        return;
    const QModelIndex source = m_filter->mapToSource(index);
    const ObjectRow &row = m_objects->row(source.row());
    if (row.isDirectory) { // enter the virtual directory
        m_prefix->setText(row.name);
        applyPrefix();
        return;
    }
    if (looksLikeShard(row.name))
        openShard(row.name);
}

void ExplorerPanel::openShard(const QString &object)
{
    if (m_connectionRow < 0 || m_bucketUrl.isEmpty())
        return;
    m_preview->clearPreview();
    m_samples->open(m_bucketUrl, object, m_connections->connection(m_connectionRow).options);
    m_tabs->setCurrentIndex(1);
    updateBreadcrumbs();
}

void ExplorerPanel::onSampleClicked(const QModelIndex &index)
{
    const QModelIndex member = index.sibling(index.row(), 0);
    const QByteArray bytes = m_samples->memberBytes(member);
    if (!member.parent().isValid())
        return; // a sample or error row
    m_preview->showMember(member.data(ShardSampleModel::ExtensionRole).toString(), bytes,
                          m_samples->describe(member));
}

QString ExplorerPanel::currentPrefix() const
{
    return m_prefix->text();
}

void ExplorerPanel::showMemberWhenRead(const QString &member)
{
    m_pendingMember = member;
}

void ExplorerPanel::updateBreadcrumbs()
{
    const bool shardShown = m_tabs->currentIndex() == 1 && !m_samples->shard().isEmpty();
    m_breadcrumbs->setPath(
        m_bucketUrl,
        shardShown ? m_samples->shard().section(QLatin1Char('/'), 0, -2) +
                         (m_samples->shard().contains(QLatin1Char('/')) ? QStringLiteral("/") : QString())
                   : m_prefix->text(),
        shardShown ? m_samples->shard() : QString());
}

void ExplorerPanel::openSelectedShard()
{
    const QModelIndex current = m_table->currentIndex();
    if (!current.isValid())
        return;
    const ObjectRow &row = m_objects->row(m_filter->mapToSource(current).row());
    if (!row.isDirectory && looksLikeShard(row.name))
        openShard(row.name);
}

void ExplorerPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void ExplorerPanel::retranslate()
{
    m_prefix->setPlaceholderText(tr("Prefix (press Enter to list)"));
    m_nameFilter->setPlaceholderText(tr("Filter names"));
    m_tabs->setTabText(0, tr("Objects"));
    m_tabs->setTabText(1, tr("Shard"));
    m_tabs->setTabText(2, tr("Cluster"));
    m_tabs->setTabText(3, tr("Summary"));
    m_sampleViews->setTabText(0, tr("Samples"));
    m_folders->setText(tr("Folders"));
    m_folders->setToolTip(tr("One level at a time, with virtual directories; double-click one to enter it"));
    m_up->setText(tr("Up"));
    m_sampleViews->setTabText(1, tr("Thumbnails"));
    m_summarize->setText(tr("Summarize"));
    m_summarize->setToolTip(tr("Count objects and bytes, and show the size histogram and extensions"));
    m_openUrlAction->setText(tr("Open URL…"));
    m_openUrlAction->setToolTip(
        tr("Open a bucket, prefix or shard by its URL (ais://, s3://, file://, local://)"));
    m_refreshAction->setText(tr("Refresh"));
    m_refreshAction->setToolTip(tr("List the current location again"));
    m_upAction->setText(tr("Up"));
    m_upAction->setToolTip(tr("Up one directory (Backspace)"));
    m_summarizeAction->setText(tr("Summarize"));
    m_summarizeAction->setToolTip(m_summarize->toolTip());
    m_openShardAction->setText(tr("Open as Shard"));
    m_openShardAction->setToolTip(tr("Show the samples of the selected shard (Enter)"));
    m_benchmarkAction->setText(tr("Benchmark This"));
    m_benchmarkAction->setToolTip(
        tr("Measure how fast the current location can be read, in the Benchmark tab"));
    m_table->setToolTip(tr("Drop files here to upload them into the current directory"));
    if (m_bucketUrl.isEmpty())
        m_location->setText(tr("Choose a bucket on the left."));
}

} // namespace shardscope::ui
