// QCustomPlot's header uses Q_FOREACH: allow it here, before any Qt header.
#undef QT_NO_FOREACH

#include "ui/explorer/summary_view.h"
#include "ui/locale_format.h"

#include "core/storage/store_url.h"
#include "core/util/error.h"
#include "ui/charts/plot_style.h"
#include "ui/jobs/job_tracker.h"

#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPointer>
#include <QTableWidget>
#include <QVBoxLayout>

#include <qcustomplot.h>

#include <algorithm>
#include <chrono>
#include <climits>

namespace shardscope::ui {

SummaryView::SummaryView(QWidget *parent)
    : QWidget(parent), m_totals(new QLabel(this)), m_histogram(createStyledPlot(this)),
      m_extensions(new QTableWidget(0, 2, this))
{
    setObjectName(QStringLiteral("summaryView"));
    m_totals->setObjectName(QStringLiteral("summaryTotals"));
    m_histogram->setObjectName(QStringLiteral("summaryHistogram"));
    m_extensions->setObjectName(QStringLiteral("summaryExtensions"));
    m_totals->setWordWrap(true);
    m_extensions->setHorizontalHeaderLabels({tr("Extension"), tr("Objects")});
    m_extensions->verticalHeader()->hide();
    m_extensions->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_extensions->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    new QCPBars(m_histogram->xAxis, m_histogram->yAxis);
    m_histogram->xAxis->setLabel(tr("object size (up to)"));
    m_histogram->yAxis->setLabel(tr("objects"));
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_totals);
    layout->addWidget(m_histogram, 2);
    layout->addWidget(m_extensions, 1);
}

SummaryView::~SummaryView()
{
    stop();
}

void SummaryView::stop()
{
    if (m_job)
        JobTracker::instance().cancel(m_job);
}

void SummaryView::summarize(const QString &url, const StoreOptions &options)
{
    m_url = url;
    m_running = true;
    m_summary = BucketSummary();
    present(m_summary, false);
    auto finish = [this](const QString &error) {
        m_running = false;
        m_job = 0;
        if (!error.isEmpty())
            m_totals->setText(tr("Summary of %1 not complete: %2").arg(m_url, error));
        Q_EMIT finished(error);
    };
    m_job = JobTracker::instance().start(
        this, tr("Summarizing %1…").arg(url),
        [self = this, url, options](JobContext &job) {
            auto last = std::chrono::steady_clock::now();
            StoreLocation loc = openStore(parseStoreUrl(url.toStdString()), options);
            return shardscope::summarize(
                *loc.store, loc.bucket, loc.path,
                [&](const BucketSummary &s) {
                    job.setProgress(std::int64_t(s.objects), 0);
                    const auto now = std::chrono::steady_clock::now();
                    if (now - last < std::chrono::milliseconds(100))
                        return; // the GUI redraws at most ten times a second
                    last = now;
                    // `self` is used only on the GUI thread, where post() checks it still exists.
                    job.post([self, s] { self->present(s, false); });
                },
                job.cancelFlag());
        },
        [this, finish](const BucketSummary &result) {
            present(result, true);
            finish(QString());
        },
        [finish](const Error &error) {
            finish(error.kind() == ErrorKind::Cancelled ? tr("stopped")
                                                        : QString::fromStdString(error.what()));
        },
        JobOptions{QStringLiteral("summary")});
}

void SummaryView::present(const BucketSummary &s, bool final)
{
    m_summary = s;
    const QLocale locale;
    const int objects = static_cast<int>(std::min<quint64>(s.objects, INT_MAX)); // plural form of the count
    m_totals->setText((final ? tr("%1: %Ln object(s), %2", nullptr, objects)
                             : tr("%1: %Ln object(s), %2 so far…", nullptr, objects))
                          .arg(m_url, formatBytes(s.bytes)));
    // Histogram: one bar per power of two that has objects.
    int first = 64, last = -1;
    for (int k = 0; k < 64; ++k)
        if (s.sizeBins[static_cast<std::size_t>(k)]) {
            first = std::min(first, k);
            last = std::max(last, k);
        }
    QVector<double> keys, values;
    QSharedPointer<QCPAxisTickerText> ticker(new QCPAxisTickerText);
    for (int k = std::max(0, first); k <= last; ++k) {
        keys << k;
        values << static_cast<double>(s.sizeBins[static_cast<std::size_t>(k)]);
        ticker->addTick(k, k == 0 ? QStringLiteral("0") : formatBytes(quint64(1) << std::min(k, 62)));
    }
    auto *bars = qobject_cast<QCPBars *>(m_histogram->plottable(0));
    bars->setData(keys, values, true);
    m_histogram->xAxis->setTicker(ticker);
    m_histogram->rescaleAxes();
    m_histogram->xAxis->setRange(first - 1, last + 1);
    m_histogram->yAxis->setRangeLower(0);
    m_histogram->replot(QCustomPlot::rpQueuedReplot);
    // Extension mix, most common first.
    std::vector<std::pair<std::string, std::uint64_t>> ext(s.extensions.begin(), s.extensions.end());
    std::sort(ext.begin(), ext.end(), [](const auto &a, const auto &b) { return a.second > b.second; });
    m_extensions->setRowCount(static_cast<int>(ext.size()));
    for (int i = 0; i < static_cast<int>(ext.size()); ++i) {
        const QString name = ext[i].first.empty() ? tr("(none)") : QString::fromStdString(ext[i].first);
        m_extensions->setItem(i, 0, new QTableWidgetItem(name));
        m_extensions->setItem(i, 1,
                              new QTableWidgetItem(locale.toString(static_cast<qulonglong>(ext[i].second))));
    }
    Q_EMIT progressed(s.objects, s.bytes);
}

} // namespace shardscope::ui
