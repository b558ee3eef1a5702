// QCustomPlot's header uses Q_FOREACH: allow it here, before any Qt header.
#undef QT_NO_FOREACH

#include "ui/bench/benchmark_charts.h"

#include "core/bench/sweep.h"
#include "ui/charts/plot_style.h"

#include <QHeaderView>
#include <QTableWidget>

#include <qcustomplot.h>

namespace shardscope::ui {

namespace {
constexpr int kLiveRows = 240;   // the live table keeps the last minute
constexpr int kMaxPoints = 2400; // charts keep the last ten minutes
QString mb(double bytesPerSecond)
{
    return QString::number(bytesPerSecond / 1e6, 'f', 2);
}
} // namespace

BenchmarkCharts::BenchmarkCharts(QWidget *parent) : QObject(parent)
{
    m_throughput = createStyledPlot(parent);
    m_throughput->setObjectName(QStringLiteral("benchThroughputPlot"));
    m_throughput->legend->setVisible(true);
    m_throughput->yAxis2->setVisible(true);
    m_latency = createStyledPlot(parent);
    m_latency->setObjectName(QStringLiteral("benchLatencyPlot"));
    m_live = new QTableWidget(0, 9, parent);
    m_live->setObjectName(QStringLiteral("benchLiveTable"));
    m_live->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_live->verticalHeader()->hide();
    m_live->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_sweep = createStyledPlot(parent);
    m_sweep->setObjectName(QStringLiteral("benchSweepPlot"));
    m_methods = createStyledPlot(parent);
    m_methods->setObjectName(QStringLiteral("benchMethodsPlot"));
    clear();
}

void BenchmarkCharts::clear()
{
    m_empty = true;
    m_lastT = m_runOffset = m_runTime = 0;
    m_latencyCounts.fill(0);
    m_workerGraphs = 0;
    m_throughput->clearGraphs();
    m_throughput->addGraph(m_throughput->xAxis, m_throughput->yAxis); // 0: items/s
    m_throughput->graph(0)->setPen(QPen(QColor(0x1f, 0x77, 0xb4), 2));
    m_throughput->addGraph(m_throughput->xAxis, m_throughput->yAxis2); // 1: payload MB/s
    m_throughput->graph(1)->setPen(QPen(QColor(0xd6, 0x27, 0x28), 1.5));
    m_throughput->addGraph(m_throughput->xAxis, m_throughput->yAxis2); // 2: wire MB/s
    m_throughput->graph(2)->setPen(QPen(QColor(0xd6, 0x27, 0x28), 1, Qt::DashLine));
    m_latency->clearPlottables();
    auto *bars = new QCPBars(m_latency->xAxis, m_latency->yAxis);
    bars->setWidthType(QCPBars::wtPlotCoords);
    bars->setWidth(0.8);
    bars->setBrush(QColor(0x2c, 0xa0, 0x2c));
    m_live->setRowCount(0);
    m_live->clearContents();
    retranslate(); // the graphs' names
    m_throughput->replot(QCustomPlot::rpQueuedReplot);
    m_latency->replot(QCustomPlot::rpQueuedReplot);
}

void BenchmarkCharts::append(const std::vector<BenchSample> &samples)
{
    if (samples.empty())
        return;
    for (const BenchSample &s : samples) {
        if (!m_empty && s.t <= m_runTime) // the next run of a sweep or comparison
            m_runOffset = m_lastT;
        m_runTime = s.t;
        BenchSample p = s;
        p.t += m_runOffset;
        while (m_workerGraphs < int(p.workerItemsPerSecond.size()) && m_workerGraphs < 16) {
            QCPGraph *g = m_throughput->addGraph();
            g->setPen(QPen(QColor::fromHsv((m_workerGraphs * 47) % 360, 120, 200), 1));
            g->setName(tr("worker %1").arg(m_workerGraphs + 1));
            ++m_workerGraphs;
        }
        m_throughput->graph(0)->addData(p.t, p.itemsPerSecond);
        m_throughput->graph(1)->addData(p.t, p.payloadBytesPerSecond / 1e6);
        m_throughput->graph(2)->addData(p.t, p.wireBytesPerSecond / 1e6);
        for (int w = 0; w < m_workerGraphs && w < int(p.workerItemsPerSecond.size()); ++w)
            m_throughput->graph(3 + w)->addData(p.t, p.workerItemsPerSecond[std::size_t(w)]);
        for (std::size_t b = 0; b < BenchSample::kLatencyBuckets; ++b)
            m_latencyCounts[b] += p.latencyHistogram[b];
        const int row = m_live->rowCount();
        m_live->insertRow(row);
        const QStringList cells = {QString::number(p.t, 'f', 2),
                                   QString::number(p.itemsPerSecond, 'f', 0),
                                   mb(p.payloadBytesPerSecond),
                                   mb(p.wireBytesPerSecond),
                                   QString::number(p.requestLatency.p50, 'f', 2),
                                   QString::number(p.requestLatency.p95, 'f', 2),
                                   QString::number(p.requestLatency.p99, 'f', 2),
                                   QStringLiteral("%1 / %2").arg(p.errors).arg(p.retries),
                                   QString::number(p.cpuPercent, 'f', 0)};
        for (int c = 0; c < cells.size(); ++c) {
            auto *item = new QTableWidgetItem(cells[c]);
            item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            m_live->setItem(row, c, item);
        }
        m_empty = false;
        m_lastT = p.t;
    }
    while (m_live->rowCount() > kLiveRows)
        m_live->removeRow(0);
    m_live->scrollToBottom();
    for (int g = 0; g < m_throughput->graphCount(); ++g)
        m_throughput->graph(g)->data()->removeBefore(m_lastT - kMaxPoints * 0.25);
    m_throughput->rescaleAxes();
    m_throughput->yAxis->setRangeLower(0);
    m_throughput->yAxis2->setRangeLower(0);
    m_throughput->replot(QCustomPlot::rpQueuedReplot);

    auto *bars = qobject_cast<QCPBars *>(m_latency->plottable(0));
    QVector<double> keys, values;
    for (std::size_t b = 0; b < BenchSample::kLatencyBuckets; ++b) {
        keys << double(b);
        values << m_latencyCounts[b];
    }
    bars->setData(keys, values, true);
    m_latency->rescaleAxes();
    m_latency->yAxis->setRangeLower(0);
    m_latency->replot(QCustomPlot::rpQueuedReplot);
}

void BenchmarkCharts::showSweep(const std::vector<BenchResult> &results, bool knee)
{
    m_sweep->clearGraphs();
    m_sweep->clearItems();
    QCPGraph *g = m_sweep->addGraph();
    g->setPen(QPen(QColor(0x1f, 0x77, 0xb4), 2));
    g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, 7));
    std::vector<std::pair<int, double>> points;
    for (const auto &r : results)
        if (points.empty() || r.workers > points.back().first) {
            points.emplace_back(r.workers, r.itemsPerSecond());
            g->addData(r.workers, r.itemsPerSecond());
        }
    if (!points.empty() && knee) {
        const Knee k = findKnee(points);
        auto *line = new QCPItemStraightLine(m_sweep);
        line->point1->setCoords(k.workers, 0);
        line->point2->setCoords(k.workers, 1);
        line->setPen(QPen(QColor(0xd6, 0x27, 0x28), 1.5, Qt::DashLine));
        auto *text = new QCPItemText(m_sweep);
        text->setObjectName(QStringLiteral("kneeLabel"));
        text->position->setType(QCPItemPosition::ptAxisRectRatio);
        text->position->setCoords(0.5, 0.05);
        text->setText(k.saturated ? tr("knee: %n worker(s) — recommended", nullptr, k.workers)
                                  : tr("still scaling at %n worker(s)", nullptr, k.workers));
        text->setColor(QColor(0xd6, 0x27, 0x28));
    }
    m_sweep->rescaleAxes();
    m_sweep->xAxis->setRange(0, (points.empty() ? 1 : points.back().first) + 1);
    m_sweep->yAxis->setRangeLower(0);
    m_sweep->replot(QCustomPlot::rpQueuedReplot);
}

void BenchmarkCharts::showMethods(const std::vector<BenchResult> &results,
                                  const std::function<QString(std::size_t)> &nameOf, bool compare)
{
    m_methods->clearPlottables();
    auto *bars = new QCPBars(m_methods->xAxis, m_methods->yAxis);
    bars->setBrush(QColor(0x94, 0x67, 0xbd));
    QSharedPointer<QCPAxisTickerText> ticker(new QCPAxisTickerText);
    const double baseline = !results.empty() && results.front().method == BenchMethod::Baseline
                                ? results.front().itemsPerSecond()
                                : 0;
    int i = 0;
    for (const auto &r : results) {
        if (!compare)
            break;
        const double ratio = baseline > 0 ? r.itemsPerSecond() / baseline : 0;
        bars->addData(++i, ratio);
        ticker->addTick(i, QStringLiteral("%1\n%2×").arg(nameOf(std::size_t(i - 1))).arg(ratio, 0, 'f', 2));
    }
    m_methods->xAxis->setTicker(ticker);
    m_methods->xAxis->setRange(0, i + 1);
    m_methods->rescaleAxes(true);
    m_methods->yAxis->setRangeLower(0);
    m_methods->replot(QCustomPlot::rpQueuedReplot);
}

void BenchmarkCharts::retranslate()
{
    m_live->setHorizontalHeaderLabels({tr("Time (s)"), tr("Items/s"), tr("Payload MB/s"), tr("Wire MB/s"),
                                       tr("p50 ms"), tr("p95 ms"), tr("p99 ms"), tr("Errors / retries"),
                                       tr("CPU %")});
    m_throughput->xAxis->setLabel(tr("seconds"));
    m_throughput->yAxis->setLabel(tr("items/s"));
    m_throughput->yAxis2->setLabel(tr("MB/s"));
    if (m_throughput->graphCount() >= 3) {
        m_throughput->graph(0)->setName(tr("items/s (total)"));
        m_throughput->graph(1)->setName(tr("payload MB/s"));
        m_throughput->graph(2)->setName(tr("wire MB/s"));
    }
    m_latency->xAxis->setLabel(tr("request latency (log2 µs bucket: 0 = 1 µs, 10 ≈ 1 ms, 20 ≈ 1 s)"));
    m_latency->yAxis->setLabel(tr("requests"));
    m_sweep->xAxis->setLabel(tr("workers"));
    m_sweep->yAxis->setLabel(tr("items/s"));
    m_methods->yAxis->setLabel(tr("× baseline (items/s)"));
}

} // namespace shardscope::ui
