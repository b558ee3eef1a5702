// QCustomPlot's header uses Q_FOREACH: allow it here, before any Qt header.
#undef QT_NO_FOREACH

#include "ui/bench/cluster_stats_view.h"
#include "ui/background.h"

#include "core/storage/ais_client.h"
#include "core/storage/endpoint.h"
#include "core/util/strings.h"

#include <QEvent>
#include <QHeaderView>
#include <QLabel>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>
#include <qcustomplot.h>

namespace shardscope::ui {

namespace {
const QColor kColors[] = {QColor(0x1f, 0x77, 0xb4), QColor(0xff, 0x7f, 0x0e), QColor(0x2c, 0xa0, 0x2c),
                          QColor(0xd6, 0x27, 0x28), QColor(0x94, 0x67, 0xbd), QColor(0x8c, 0x56, 0x4b)};
constexpr double kWindowSeconds = 120; // the chart's rolling window
} // namespace

ClusterStatsView::ClusterStatsView(QWidget *parent)
    : QWidget(parent), m_summary(new QLabel(this)), m_plot(new QCustomPlot(this)),
      m_table(new QTableWidget(0, ColumnCount, this)), m_drainTimer(new QTimer(this)),
      m_inbox(std::make_shared<Inbox>()), m_queue(std::make_unique<TaskQueue>(1, "cluster stats"))
{
    setObjectName(QStringLiteral("clusterStatsView"));
    m_summary->setObjectName(QStringLiteral("clusterStatsSummary"));
    m_plot->setObjectName(QStringLiteral("clusterStatsPlot"));
    m_table->setObjectName(QStringLiteral("clusterStatsTable"));
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
    m_drainTimer->setInterval(40);
    connect(m_drainTimer, &QTimer::timeout, this, &ClusterStatsView::drain);
    retranslate();
}

ClusterStatsView::~ClusterStatsView()
{
    stop();
    m_queue.reset(); // waits for the stop task: the poller's thread is joined
}

void ClusterStatsView::start(const StoreOptions &options, std::chrono::milliseconds period)
{
    stop();
    {
        std::lock_guard<std::mutex> lock(m_inbox->mutex);
        m_inbox->rates.clear();
    }
    m_order.clear();
    m_total = {};
    m_points = 0;
    m_plot->clearGraphs();
    m_table->setRowCount(0);
    AisOptions o;
    o.endpoint = resolveAisEndpoint(options.endpoint);
    o.token = options.aisToken.empty() ? aisTokenFromEnvironment() : options.aisToken;
    o.http = options.http;
    o.retry = RetryPolicy::none(); // a node that does not answer is asked again at the next point
    std::shared_ptr<Inbox> inbox = m_inbox;
    m_poller = std::make_shared<AisClusterStatsPoller>(o, period, [inbox](const AisClusterRates &r) {
        std::lock_guard<std::mutex> lock(inbox->mutex);
        inbox->rates.push_back(r);
        while (inbox->rates.size() > 4096) // the GUI is not draining: keep memory bounded
            inbox->rates.pop_front();
    });
    std::shared_ptr<AisClusterStatsPoller> poller = m_poller;
    QPointer<ClusterStatsView> self(this);
    m_queue->post([poller, self] {
        poller->start();
        const std::string error = poller->error();
        if (!error.empty())
            postToGui(self, [error](ClusterStatsView *v) {
                v->m_summary->setText(tr("No cluster statistics: %1").arg(QString::fromStdString(error)));
            });
    });
    m_summary->setText(tr("Asking the cluster's targets…"));
    m_drainTimer->start();
}

void ClusterStatsView::stop()
{
    if (!m_poller)
        return;
    std::shared_ptr<AisClusterStatsPoller> poller = std::move(m_poller);
    QPointer<ClusterStatsView> self(this);
    m_queue->post([poller, self] {
        AisClusterRates whole = poller->stop();
        postToGui(self, [whole](ClusterStatsView *v) {
            v->m_total = whole;
            v->drain();
            v->m_drainTimer->stop();
        });
    });
}

void ClusterStatsView::drain()
{
    std::deque<AisClusterRates> batch;
    {
        std::lock_guard<std::mutex> lock(m_inbox->mutex);
        batch.swap(m_inbox->rates);
    }
    if (batch.empty() && m_total.targets.empty())
        return;
    for (const AisClusterRates &r : batch) {
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
    }
    if (!batch.empty()) {
        m_plot->rescaleAxes();
        m_plot->yAxis->setRangeLower(0);
        m_plot->replot(QCustomPlot::rpQueuedReplot);
        showTable(batch.back());
    } else if (!m_total.targets.empty()) {
        showTable(m_total);
    }
    Q_EMIT updated(m_points);
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
