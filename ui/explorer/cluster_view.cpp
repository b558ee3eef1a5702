#include "ui/explorer/cluster_view.h"
#include "ui/jobs/job_tracker.h"

#include "core/storage/ais_client.h"
#include "core/storage/ais_cluster_stats.h"
#include "core/storage/endpoint.h"
#include "core/util/error.h"
#include "core/util/strings.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>
#include <map>

namespace shardscope::ui {

namespace {
struct Result
{
    QVector<QStringList> rows; // ClusterView::Column cells, then healthy ("1"/"0")
    QString summary;
    QString error;
};

QString bytes(std::uint64_t n)
{
    return n ? QString::fromStdString(humanBytes(n)) : QString();
}

QString duration(std::uint64_t ns)
{
    if (!ns)
        return {};
    const std::uint64_t s = ns / 1000000000ull;
    if (s < 3600)
        return ClusterView::tr("%1m %2s").arg(s / 60).arg(s % 60);
    return ClusterView::tr("%1h %2m").arg(s / 3600).arg((s / 60) % 60);
}

// The state from the map's flags first (maintenance, decommission), then health.
QString stateOf(const AisNode &n, const AisNodeHealth &h)
{
    if (n.flags & 8u)
        return ClusterView::tr("decommissioning");
    if (n.flags & 16u)
        return ClusterView::tr("maintenance (rebalanced)");
    if (n.flags & 4u)
        return ClusterView::tr("maintenance");
    if (!h.alive)
        return ClusterView::tr("unreachable: %1").arg(QString::fromStdString(h.error));
    return h.ready ? ClusterView::tr("ready") : ClusterView::tr("not ready");
}
} // namespace

ClusterView::ClusterView(QWidget *parent)
    : QWidget(parent), m_summary(new QLabel(this)), m_table(new QTableWidget(0, ColumnCount, this)),
      m_bucketStatus(new QLabel(this)), m_buckets(new QTableWidget(0, 3, this)),
      m_refresh(new QPushButton(this)), m_autoButton(new QPushButton(this)), m_timer(new QTimer(this))
{
    setObjectName(QStringLiteral("clusterView"));
    m_summary->setObjectName(QStringLiteral("clusterSummary"));
    m_table->setObjectName(QStringLiteral("clusterNodes"));
    m_refresh->setObjectName(QStringLiteral("clusterRefresh"));
    m_autoButton->setObjectName(QStringLiteral("clusterAutoRefresh"));
    m_bucketStatus->setObjectName(QStringLiteral("clusterBucketStatus"));
    m_buckets->setObjectName(QStringLiteral("clusterBuckets"));
    m_buckets->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_buckets->verticalHeader()->hide();
    m_buckets->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_timer->setInterval(kRefreshMs);
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addWidget(m_table, 2);
    layout->addWidget(m_bucketStatus);
    layout->addWidget(m_buckets, 1);
    auto *buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(m_autoButton);
    buttons->addWidget(m_refresh);
    layout->addLayout(buttons);
    connect(m_refresh, &QPushButton::clicked, this, [this] {
        refresh();
        refreshBuckets();
    });
    connect(m_autoButton, &QPushButton::clicked, this, [this] { setAutoRefresh(!m_auto); });
    connect(m_timer, &QTimer::timeout, this, [this] {
        if (!m_busy && !m_name.isEmpty())
            refreshNow(true);
    });
    retranslate();
}

void ClusterView::setCluster(const QString &name, const StoreOptions &options)
{
    m_name = name;
    m_options = options;
    m_table->setRowCount(0); // another cluster: nothing of the last one stays
    setAutoRefresh(m_auto);
    refresh();
    refreshBuckets();
}

void ClusterView::refreshBuckets()
{
    m_buckets->setRowCount(0);
    m_bucketStatus->setText(tr("Counting the buckets of %1…").arg(m_name));
    const StoreOptions options = m_options;
    struct Row
    {
        QString name, objects, size;
    };
    auto addRow = [this](int index, int total, const Row &r) {
        m_buckets->setRowCount(std::max(m_buckets->rowCount(), index + 1));
        const QStringList cells{r.name, r.objects, r.size};
        for (int c = 0; c < cells.size(); ++c)
            m_buckets->setItem(index, c, new QTableWidgetItem(cells[c]));
        m_bucketStatus->setText(tr("Buckets: %1 of %2 counted by the cluster").arg(index + 1).arg(total));
    };
    auto done = [this](const QString &error) {
        if (!error.isEmpty())
            m_bucketStatus->setText(tr("Cannot count the buckets: %1").arg(error));
        else if (m_buckets->rowCount() == 0)
            m_bucketStatus->setText(tr("No ais:// buckets"));
        Q_EMIT bucketsRefreshed(m_buckets->rowCount(), error);
    };
    auto failed = [this](const Error &e) {
        m_bucketStatus->setText(tr("Counting the buckets stopped: %1").arg(QString::fromStdString(e.what())));
        Q_EMIT bucketsRefreshed(m_buckets->rowCount(), QString::fromStdString(e.what()));
    };
    JobOptions jo;
    jo.slot = QStringLiteral("buckets");
    jo.visible = false; // its progress is the view's own line ("k of n counted")
    JobTracker::instance().start(
        this, tr("Counting the buckets of %1…").arg(m_name),
        [options, addRow](JobContext &ctx) -> QString {
            try {
                AisOptions o;
                o.endpoint = resolveAisEndpoint(options.endpoint);
                o.token = options.aisToken.empty() ? aisTokenFromEnvironment() : options.aisToken;
                o.http = options.http;
                o.retry = RetryPolicy::none();
                AisClient client(o);
                const std::vector<AisBucket> all = client.listBuckets("ais");
                const int total = static_cast<int>(all.size());
                ctx.setProgress(0, total);
                for (int i = 0; i < total; ++i) {
                    ctx.throwIfCancelled();
                    Row row{QString::fromStdString(escapeName(all[static_cast<std::size_t>(i)].toString())),
                            {},
                            {}};
                    try {
                        const AisBucketSummary s =
                            client.bucketSummary(all[static_cast<std::size_t>(i)].name, ctx.cancelFlag());
                        row.objects = QString::number(s.objects);
                        row.size = QString::fromStdString(humanBytes(s.bytes));
                    } catch (const Error &e) {
                        if (e.kind() == ErrorKind::Cancelled)
                            throw;
                        row.objects = ClusterView::tr("unknown: %1").arg(QString::fromStdString(e.what()));
                    }
                    ctx.post([addRow, i, total, row] { addRow(i, total, row); });
                    ctx.setProgress(i + 1, total);
                }
            } catch (const Error &e) {
                if (e.kind() == ErrorKind::Cancelled)
                    throw;
                return QString::fromStdString(e.what());
            }
            return {};
        },
        done, failed, jo);
}

void ClusterView::setAutoRefresh(bool on)
{
    m_auto = on;
    if (on && isVisible() && !m_name.isEmpty())
        m_timer->start();
    else
        m_timer->stop();
    retranslate();
}

void ClusterView::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    setAutoRefresh(m_auto);
}

void ClusterView::hideEvent(QHideEvent *event)
{
    m_timer->stop(); // nothing is asked while no one looks
    QWidget::hideEvent(event);
}

void ClusterView::refresh()
{
    refreshNow(false);
}

void ClusterView::refreshNow(bool quiet)
{
    m_busy = true;
    m_refresh->setEnabled(false);
    if (m_table->rowCount() == 0)
        m_summary->setText(tr("Asking %1…").arg(m_name));
    const StoreOptions options = m_options;
    auto done = [this](const Result &r) {
        QVector<NodeRow> rows;
        for (QStringList l : r.rows) {
            const bool healthy = l.takeLast() == QLatin1String("1");
            rows.push_back({l, healthy});
        }
        showRows(rows, r.summary, r.error);
    };
    auto failed = [this](const Error &e) { // stopped from the status bar
        m_busy = false;
        m_refresh->setEnabled(true);
        m_summary->setText(tr("Cannot read the cluster map: %1").arg(QString::fromStdString(e.what())));
    };
    JobOptions jo;
    jo.slot = QStringLiteral("refresh");
    jo.visible = !quiet;
    JobTracker::instance().start(
        this, tr("Reading the cluster map of %1…").arg(m_name),
        [options](JobContext &) -> Result {
            Result r;
            try {
                AisOptions o;
                o.endpoint = resolveAisEndpoint(options.endpoint);
                o.token = options.aisToken.empty() ? aisTokenFromEnvironment() : options.aisToken;
                o.http = options.http;
                o.retry = RetryPolicy::none();
                AisClient client(o);
                const AisClusterMap smap = client.clusterMap();
                std::string software;
                try {
                    software = client.softwareVersion();
                } catch (const Error &) {
                    software = "?"; // older clusters: the map still shows
                }
                QString rebalance;
                try {
                    rebalance = client.rebalanceRunning() ? ClusterView::tr("rebalance running")
                                                          : ClusterView::tr("no rebalance running");
                } catch (const Error &e) {
                    rebalance =
                        ClusterView::tr("rebalance unknown (%1)").arg(QString::fromStdString(e.what()));
                }
                std::map<std::string, AisNodeStats> stats;
                for (AisNodeStats &s : pollNodeStats(client, smap, true))
                    stats[s.id] = std::move(s);
                int healthy = 0;
                for (const auto *nodes : {&smap.proxies, &smap.targets})
                    for (const AisNode &n : *nodes) {
                        const AisNodeHealth h = client.nodeHealth(n);
                        const AisNodeStats &st = stats[n.id];
                        const bool ok = h.ready && !n.inMaintenance();
                        healthy += ok ? 1 : 0;
                        const QString role = n.type == "proxy"
                                                 ? (n.id == smap.primaryId ? ClusterView::tr("primary proxy")
                                                                           : ClusterView::tr("proxy"))
                                                 : ClusterView::tr("target");
                        QString state = stateOf(n, h);
                        if (!st.answered && h.alive)
                            state +=
                                ClusterView::tr(" (no statistics: %1)").arg(QString::fromStdString(st.error));
                        QStringList cells(ColumnCount);
                        cells[Role] = role;
                        cells[Node] = QString::fromStdString(n.id);
                        cells[Url] = QString::fromStdString(n.publicNet.url);
                        cells[State] = state;
                        cells[Version] = QString::fromStdString(st.version);
                        cells[Uptime] = duration(st.uptimeNs ? st.uptimeNs : h.uptimeNs);
                        cells[MemUsed] = bytes(st.memUsed);
                        cells[MemAvail] = bytes(st.memAvail);
                        if (n.type == "target" && st.answered) {
                            cells[CapUsed] = bytes(st.capacityUsed);
                            cells[CapAvail] = bytes(st.capacityAvail);
                            cells[CapPercent] = QStringLiteral("%1%").arg(st.capacityPercent);
                        }
                        if (st.answered) {
                            cells[Load] = QStringLiteral("%1 %2 %3")
                                              .arg(st.load1, 0, 'f', 2)
                                              .arg(st.load5, 0, 'f', 2)
                                              .arg(st.load15, 0, 'f', 2);
                            cells[Cpu] = QStringLiteral("%1%").arg(st.cpuPercent, 0, 'f', 1);
                        }
                        cells << (ok ? QStringLiteral("1") : QStringLiteral("0"));
                        r.rows.push_back(cells);
                    }
                r.summary =
                    ClusterView::tr(
                        "AIStore %7, cluster %1, map version %2: %3 proxies, %4 targets, %5 of %6 nodes "
                        "ready; %8")
                        .arg(QString::fromStdString(smap.uuid), QString::fromStdString(smap.version))
                        .arg(smap.proxies.size())
                        .arg(smap.targets.size())
                        .arg(healthy)
                        .arg(smap.proxies.size() + smap.targets.size())
                        .arg(QString::fromStdString(software), rebalance);
            } catch (...) {
                r.error = taskErrorText("reading the cluster map");
            }
            return r;
        },
        done, failed, jo);
}

void ClusterView::showRows(const QVector<NodeRow> &rows, const QString &summary, const QString &error)
{
    m_busy = false;
    m_refresh->setEnabled(true);
    m_table->setRowCount(rows.size());
    for (int i = 0; i < rows.size(); ++i) {
        const NodeRow &n = rows[i];
        for (int c = 0; c < n.cells.size() && c < ColumnCount; ++c) {
            QTableWidgetItem *item = m_table->item(i, c);
            if (!item) { // rows are updated in place: selection and scroll survive an auto-refresh
                item = new QTableWidgetItem;
                m_table->setItem(i, c, item);
            }
            item->setText(n.cells[c]);
            if (c == State)
                item->setForeground(n.healthy ? QColor(0, 128, 0) : QColor(Qt::red));
        }
    }
    m_summary->setText(error.isEmpty() ? summary : tr("Cannot read the cluster map: %1").arg(error));
    Q_EMIT refreshed(rows.size(), error);
}

void ClusterView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void ClusterView::retranslate()
{
    m_table->setHorizontalHeaderLabels({tr("Role"), tr("Node"), tr("URL"), tr("State"), tr("Version"),
                                        tr("Uptime"), tr("Mem used"), tr("Mem avail"), tr("Cap used"),
                                        tr("Cap avail"), tr("Cap %"), tr("Load avg"), tr("CPU")});
    m_buckets->setHorizontalHeaderLabels({tr("Bucket"), tr("Objects"), tr("Size")});
    m_refresh->setText(tr("&Refresh"));
    m_autoButton->setText(m_auto ? tr("&Stop auto-refresh") : tr("&Auto-refresh"));
    m_refresh->setEnabled(!m_name.isEmpty());
    if (m_name.isEmpty()) // no cluster yet: say how to get one
        m_summary->setText(
            tr("No cluster chosen. Double-click an AIStore connection in the list on the left to "
               "see its nodes, or add one with File → Add Connection…"));
}

} // namespace shardscope::ui
