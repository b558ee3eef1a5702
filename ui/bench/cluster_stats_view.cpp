// QCustomPlot's header uses Q_FOREACH: allow it here, before any Qt header.
#undef QT_NO_FOREACH

#include "ui/bench/cluster_stats_view.h"
#include "ui/jobs/job_tracker.h"

#include "core/storage/ais_client.h"
#include "core/storage/endpoint.h"
#include "core/util/strings.h"

#include <QEvent>
#include <QHeaderView>
#include <QHideEvent>
#include <QLabel>
#include <QShowEvent>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>
#include <optional>
#include <qcustomplot.h>

namespace shardscope::ui {

namespace {
const QColor kColors[] = {QColor(0x1f, 0x77, 0xb4), QColor(0xff, 0x7f, 0x0e), QColor(0x2c, 0xa0, 0x2c),
                          QColor(0xd6, 0x27, 0x28), QColor(0x94, 0x67, 0xbd), QColor(0x8c, 0x56, 0x4b)};
constexpr double kWindowSeconds = 120; // the chart's rolling window
const QString kPollSlot = QStringLiteral("poll");
const QString kLastSlot = QStringLiteral("last poll");
} // namespace

struct ClusterStatsView::Poller
{
    explicit Poller(const AisOptions &options) : client(options) {}
    AisClient client;
    std::optional<AisClusterMap> smap; // read by the first poll
};

ClusterStatsView::ClusterStatsView(QWidget *parent)
    : QWidget(parent), m_summary(new QLabel(this)), m_plot(new QCustomPlot(this)),
      m_table(new QTableWidget(0, ColumnCount, this)), m_pollTimer(new QTimer(this))
{
    setObjectName(QStringLiteral("clusterStatsView"));
    m_summary->setObjectName(QStringLiteral("clusterStatsSummary"));
    m_plot->setObjectName(QStringLiteral("clusterStatsPlot"));
    m_table->setObjectName(QStringLiteral("clusterStatsTable"));
    m_pollTimer->setObjectName(QStringLiteral("clusterStatsPollTimer"));
    m_summary->setWordWrap(true);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_plot->setMinimumHeight(160);
    m_plot->legend->setVisible(true);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addWidget(m_plot, 2);
    layout->addWidget(m_table, 1);
    connect(m_pollTimer, &QTimer::timeout, this, [this] { poll(false); });
    retranslate();
}

ClusterStatsView::~ClusterStatsView()
{
    // Jobs still running finish on the tracker's lane; their results are dropped.
    JobTracker::instance().cancelSlot(this, kPollSlot);
    JobTracker::instance().cancelSlot(this, kLastSlot);
}

void ClusterStatsView::start(const StoreOptions &options, std::chrono::milliseconds period)
{
    stop();
    ++m_run;
    JobTracker::instance().cancelSlot(this, kPollSlot);
    JobTracker::instance().cancelSlot(this, kLastSlot);
    m_order.clear();
    m_first.clear();
    m_last.clear();
    m_total = {};
    m_baselineSettled = false;
    m_points = 0;
    m_plot->clearGraphs();
    m_table->setRowCount(0);
    AisOptions o;
    o.endpoint = resolveAisEndpoint(options.endpoint);
    o.token = options.aisToken.empty() ? aisTokenFromEnvironment() : options.aisToken;
    o.http = options.http;
    o.retry = RetryPolicy::none(); // a node that does not answer is asked again at the next point
    m_poller = std::make_shared<Poller>(o);
    m_start = std::chrono::steady_clock::now();
    m_running = true;
    m_summary->setText(tr("Asking the cluster's targets…"));
    poll(false); // the first snapshot, shown or not
    m_pollTimer->setInterval(static_cast<int>(std::max<std::chrono::milliseconds::rep>(period.count(), 50)));
    if (isVisible())
        m_pollTimer->start();
}

void ClusterStatsView::stop()
{
    if (!m_running)
        return;
    m_running = false;
    m_pollTimer->stop();
    poll(true); // the last snapshot: the interval since the previous one, and the whole run
}

void ClusterStatsView::poll(bool last)
{
    if (!m_poller)
        return;
    const QString slot = last ? kLastSlot : kPollSlot;
    if (!last && JobTracker::instance().isRunning(this, slot))
        return; // the previous poll still waits for a node: never stack them
    std::shared_ptr<Poller> poller = m_poller;
    const auto start = m_start;
    const std::uint64_t run = m_run;
    JobOptions jo(slot, true, false, "cluster stats"); // one lane: polls in order, never two at once
    JobTracker::instance().start(
        this, tr("Polling the cluster's statistics"),
        [poller, start](JobContext &ctx) -> Snapshot {
            if (!poller->smap)
                poller->smap = poller->client.clusterMap();
            ctx.throwIfCancelled();
            Snapshot s;
            s.nodes = pollNodeStats(poller->client, *poller->smap);
            s.t = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
            return s;
        },
        [this, run, last](Snapshot s) {
            if (run == m_run)
                polled(std::move(s), last);
        },
        [this, run](const Error &e) {
            if (run != m_run || e.kind() == ErrorKind::Cancelled)
                return;
            if (m_first.empty()) { // no map, no first snapshot: nothing to poll
                m_pollTimer->stop();
                m_poller.reset();
                m_summary->setText(tr("No cluster statistics: %1").arg(QString::fromStdString(e.what())));
                settleBaseline();
            }
        },
        jo);
}

void ClusterStatsView::polled(Snapshot &&snapshot, bool last)
{
    if (m_first.empty()) {
        m_first = m_last = std::move(snapshot.nodes);
        settleBaseline();
        if (!last)
            return;
        snapshot.nodes = m_first;
    }
    AisClusterRates rates = clusterRates(m_last, snapshot.nodes);
    rates.t = snapshot.t;
    if (last) {
        m_total = clusterRates(m_first, snapshot.nodes);
        m_total.t = snapshot.t;
    }
    m_last = std::move(snapshot.nodes);
    addRates(rates);
}

void ClusterStatsView::settleBaseline()
{
    if (m_baselineSettled)
        return;
    m_baselineSettled = true;
    Q_EMIT baselineTaken();
}

void ClusterStatsView::addRates(const AisClusterRates &r)
{
    for (const AisTargetRates &t : r.targets) {
        auto it = std::find(m_order.begin(), m_order.end(), t.id);
        if (it == m_order.end()) {
            m_order.push_back(t.id);
            QCPGraph *g = m_plot->addGraph();
            g->setName(QString::fromStdString(t.id));
            g->setPen(QPen(kColors[(m_order.size() - 1) % (sizeof kColors / sizeof kColors[0])], 1.5));
            it = m_order.end() - 1;
        }
        QCPGraph *g = m_plot->graph(static_cast<int>(it - m_order.begin()));
        if (t.answered)
            g->addData(r.t, t.getPerSecond);
        g->data()->removeBefore(r.t - kWindowSeconds);
    }
    ++m_points;
    m_plot->rescaleAxes();
    m_plot->yAxis->setRangeLower(0);
    m_plot->replot(QCustomPlot::rpQueuedReplot);
    showTable(m_total.targets.empty() ? r : m_total);
    Q_EMIT updated(m_points);
}

void ClusterStatsView::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_running && m_poller && !m_pollTimer->isActive()) {
        m_pollTimer->start();
        poll(false);
    }
}

void ClusterStatsView::hideEvent(QHideEvent *event)
{
    m_pollTimer->stop(); // nothing is asked while no one looks (the run's last snapshot still is)
    QWidget::hideEvent(event);
}

void ClusterStatsView::showTable(const AisClusterRates &latest)
{
    m_table->setRowCount(static_cast<int>(latest.targets.size()));
    for (int i = 0; i < static_cast<int>(latest.targets.size()); ++i) {
        const AisTargetRates &t = latest.targets[static_cast<std::size_t>(i)];
        QStringList cells(ColumnCount);
        cells[Target] = QString::fromStdString(t.id);
        if (!t.answered) {
            cells[GetsPerSecond] = tr("did not answer: %1").arg(QString::fromStdString(t.error));
        } else {
            cells[GetsPerSecond] = QString::number(t.getPerSecond, 'f', 0);
            cells[MBPerSecond] = QString::number(t.mbPerSecond, 'f', 2);
            cells[MeanLatency] = t.meanLatencyMs >= 0 ? tr("%1 ms").arg(t.meanLatencyMs, 0, 'f', 2) : tr("–");
            cells[Cpu] = QStringLiteral("%1%").arg(t.cpuPercent, 0, 'f', 0);
            cells[Memory] = QString::fromStdString(humanBytes(t.memUsed));
            cells[DiskUtil] = QStringLiteral("%1%").arg(t.diskUtilPercent, 0, 'f', 0);
            cells[Errors] = QString::number(t.errors);
        }
        for (int c = 0; c < ColumnCount; ++c) {
            QTableWidgetItem *item = m_table->item(i, c);
            if (!item) {
                item = new QTableWidgetItem;
                m_table->setItem(i, c, item);
            }
            item->setText(cells[c]);
            if (c == GetsPerSecond)
                item->setForeground(t.answered ? palette().color(QPalette::Text) : QColor(Qt::red));
        }
    }
    const bool whole = &latest == &m_total;
    m_summary->setText(
        (whole ? tr("Whole run: %1 GETs on %2 targets, imbalance %3 (max / mean per target)")
               : tr("Now: %1 GETs on %2 targets in the last interval, imbalance %3 (max / mean per "
                    "target)"))
            .arg(latest.getN)
            .arg(latest.targets.size())
            .arg(latest.imbalance, 0, 'f', 2) +
        (latest.unanswered ? tr("; %1 target(s) did not answer").arg(latest.unanswered) : QString()));
}

void ClusterStatsView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void ClusterStatsView::retranslate()
{
    m_table->setHorizontalHeaderLabels({tr("Target"), tr("GET/s"), tr("MB/s"), tr("Mean GET"), tr("CPU"),
                                        tr("Memory"), tr("Disk util"), tr("Errors")});
    m_plot->xAxis->setLabel(tr("seconds"));
    m_plot->yAxis->setLabel(tr("GET/s per target"));
    if (!running() && m_total.targets.empty())
        m_summary->setText(
            tr("The cluster's side of an ais:// benchmark: each target's own counters while it runs."));
}

} // namespace shardscope::ui
