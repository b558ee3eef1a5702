#include "ui/explorer/cluster_view.h"
#include "ui/jobs/job_tracker.h"

#include "core/storage/ais_client.h"
#include "core/storage/endpoint.h"
#include "core/util/error.h"

#include <QEvent>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace shardscope::ui {

namespace {
struct Result
{
    QVector<QStringList> rows; // role, id, url, state, uptime, healthy ("1"/"0")
    QString summary;
    QString error;
};
} // namespace

ClusterView::ClusterView(QWidget *parent)
    : QWidget(parent), m_summary(new QLabel(this)), m_table(new QTableWidget(0, 5, this)), m_refresh(new QPushButton(this))
{
    setObjectName(QStringLiteral("clusterView"));
    m_summary->setObjectName(QStringLiteral("clusterSummary"));
    m_table->setObjectName(QStringLiteral("clusterNodes"));
    m_refresh->setObjectName(QStringLiteral("clusterRefresh"));
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(2, QHeaderView::Stretch);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_refresh, 0, Qt::AlignRight);
    connect(m_refresh, &QPushButton::clicked, this, &ClusterView::refresh);
    retranslate();
}

void ClusterView::setCluster(const QString &name, const StoreOptions &options)
{
    m_name = name;
    m_options = options;
    refresh();
}

void ClusterView::refresh()
{
    m_refresh->setEnabled(false);
    m_summary->setText(tr("Asking %1…").arg(m_name));
    const StoreOptions options = m_options;
    auto done = [this](const Result &r) {
        QVector<NodeRow> rows;
        for (const QStringList &l : r.rows)
            rows.push_back({l[0], l[1], l[2], l[3], l[4], l[5] == QLatin1String("1")});
        show(rows, r.summary, r.error);
    };
    JobTracker::instance().start(this, tr("Reading the cluster map of %1…").arg(m_name), [options](JobContext &) -> Result {
        Result r;
        try {
            AisOptions o;
            o.endpoint = resolveAisEndpoint(options.endpoint);
            o.token = aisTokenFromEnvironment();
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
            int healthy = 0;
            for (const auto *nodes : {&smap.proxies, &smap.targets})
                for (const AisNode &n : *nodes) {
                    const AisNodeHealth h = client.nodeHealth(n);
                    QString state = n.inMaintenance() ? ClusterView::tr("maintenance")
                                    : !h.alive        ? ClusterView::tr("unreachable")
                                    : h.ready         ? ClusterView::tr("ready")
                                                      : ClusterView::tr("not ready");
                    healthy += (h.ready && !n.inMaintenance()) ? 1 : 0;
                    const QString role = n.type == "proxy" ? (n.id == smap.primaryId ? ClusterView::tr("primary proxy")
                                                                                      : ClusterView::tr("proxy"))
                                                           : ClusterView::tr("target");
                    const QString uptime = h.uptimeNs ? ClusterView::tr("%1 s").arg(h.uptimeNs / 1000000000ull)
                                                      : QString();
                    r.rows.push_back({role, QString::fromStdString(n.id), QString::fromStdString(n.publicNet.url),
                                      h.alive || n.inMaintenance() ? state : state + QStringLiteral(": ") +
                                                                                 QString::fromStdString(h.error),
                                      uptime, h.ready ? QStringLiteral("1") : QStringLiteral("0")});
                }
            r.summary = ClusterView::tr("AIStore %7, cluster %1, map version %2: %3 proxies, %4 targets, %5 of %6 nodes ready")
                            .arg(QString::fromStdString(smap.uuid), QString::fromStdString(smap.version))
                            .arg(smap.proxies.size())
                            .arg(smap.targets.size())
                            .arg(healthy)
                            .arg(smap.proxies.size() + smap.targets.size())
                            .arg(QString::fromStdString(software));
        } catch (...) {
            r.error = taskErrorText("reading the cluster map");
        }
        return r;
    }, done, nullptr, JobOptions{QStringLiteral("refresh")});
}

void ClusterView::show(const QVector<NodeRow> &rows, const QString &summary, const QString &error)
{
    m_refresh->setEnabled(true);
    m_table->setRowCount(rows.size());
    for (int i = 0; i < rows.size(); ++i) {
        const NodeRow &n = rows[i];
        const QStringList cells = {n.role, n.id, n.url, n.state, n.uptime};
        for (int c = 0; c < cells.size(); ++c) {
            auto *item = new QTableWidgetItem(cells[c]);
            if (c == 3)
                item->setForeground(n.healthy ? QColor(0, 128, 0) : QColor(Qt::red));
            m_table->setItem(i, c, item);
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
    m_table->setHorizontalHeaderLabels({tr("Role"), tr("Node"), tr("URL"), tr("State"), tr("Uptime")});
    m_refresh->setText(tr("&Refresh"));
    m_refresh->setEnabled(!m_name.isEmpty());
    if (m_name.isEmpty()) // no cluster yet: say how to get one
        m_summary->setText(tr("No cluster chosen. Double-click an AIStore connection in the list on the left to "
                              "see its nodes, or add one with File → Add Connection…"));
}

} // namespace shardscope::ui
