// QCustomPlot's header uses Q_FOREACH: allow it here, before any Qt header.
#undef QT_NO_FOREACH

#include "ui/health/health_view.h"

#include "ui/charts/plot_style.h"
#include "ui/health/health_findings_model.h"
#include "ui/jobs/job_tracker.h"
#include "ui/locale_format.h"

#include "core/config/dataset_config.h"
#include "core/health/lint_input.h"
#include "core/health/lint_output.h"
#include "core/util/strings.h"

#include <QClipboard>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

#include <qcustomplot.h>

#include <algorithm>
#include <climits>

namespace shardscope::ui {

namespace {
const QString kAuditSlot = QStringLiteral("audit");

void setBars(QCustomPlot *plot, const QVector<double> &values, const QStringList &labels)
{
    auto *bars = qobject_cast<QCPBars *>(plot->plottable(0));
    QVector<double> keys;
    QSharedPointer<QCPAxisTickerText> ticker(new QCPAxisTickerText);
    for (int i = 0; i < values.size(); ++i) {
        keys << i;
        ticker->addTick(i, labels.value(i));
    }
    bars->setData(keys, values, true);
    plot->xAxis->setTicker(ticker);
    plot->rescaleAxes();
    plot->xAxis->setRange(-1, std::max<int>(1, static_cast<int>(values.size())));
    plot->yAxis->setRangeLower(0);
    plot->replot(QCustomPlot::rpQueuedReplot);
}

QCustomPlot *barPlot(QWidget *parent, const QString &name, const QString &x, const QString &y)
{
    QCustomPlot *p = createStyledPlot(parent);
    p->setObjectName(name);
    new QCPBars(p->xAxis, p->yAxis);
    p->xAxis->setLabel(x);
    p->yAxis->setLabel(y);
    return p;
}

void histogram(QCustomPlot *plot, const std::vector<std::uint64_t> &bins)
{
    QVector<double> values;
    QStringList labels;
    for (const auto &b : nonEmptyBins(bins)) {
        values << static_cast<double>(b.count);
        labels << (b.max == 0 ? QStringLiteral("0") : formatBytes(b.max + 1));
    }
    setBars(plot, values, labels);
}
} // namespace

HealthView::HealthView(QWidget *parent)
    : QWidget(parent), m_target(new QLineEdit(this)), m_workers(new QSpinBox(this)),
      m_auditButton(new QPushButton(tr("Audit"), this)), m_stopButton(new QPushButton(tr("Stop"), this)),
      m_progress(new QProgressBar(this)), m_summary(new QLabel(this)), m_tabs(new QTabWidget(this)),
      m_model(new HealthFindingsModel(this)), m_proxy(new QSortFilterProxyModel(this)),
      m_table(new QTableView(this)),
      m_shardSizes(barPlot(this, QStringLiteral("healthShardSizes"), tr("shard size (up to)"), tr("shards"))),
      m_sampleSizes(
          barPlot(this, QStringLiteral("healthSampleSizes"), tr("sample size (up to)"), tr("samples"))),
      m_extensions(
          barPlot(this, QStringLiteral("healthExtensions"), tr("extension"), tr("samples that have it"))),
      m_shuffle(createStyledPlot(this)), m_advice(new QPlainTextEdit(this)),
      m_copyDsort(new QPushButton(tr("Copy dsort spec"), this)),
      m_copyIshard(new QPushButton(tr("Copy ishard command"), this))
{
    setObjectName(QStringLiteral("healthView"));
    m_target->setObjectName(QStringLiteral("healthTarget"));
    m_target->setPlaceholderText(tr("ais://bucket/prefix/, file:///dir/ or a dataset config (.json)"));
    m_workers->setObjectName(QStringLiteral("healthWorkers"));
    m_workers->setRange(1, 64);
    m_workers->setValue(4);
    m_workers->setPrefix(tr("workers: "));
    m_auditButton->setObjectName(QStringLiteral("healthAudit"));
    m_stopButton->setObjectName(QStringLiteral("healthStop"));
    m_progress->setObjectName(QStringLiteral("healthProgress"));
    m_summary->setObjectName(QStringLiteral("healthSummary"));
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_tabs->setObjectName(QStringLiteral("healthTabs"));
    m_table->setObjectName(QStringLiteral("healthFindings"));
    m_shuffle->setObjectName(QStringLiteral("healthShuffle"));
    m_advice->setObjectName(QStringLiteral("healthAdvice"));
    m_copyDsort->setObjectName(QStringLiteral("healthCopyDsort"));
    m_copyIshard->setObjectName(QStringLiteral("healthCopyIshard"));

    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(HealthFindingsModel::SortRole);
    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(HealthFindingsModel::SeverityColumn, Qt::DescendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setToolTip(tr("Double-click a finding to open its shard at that member"));
    connect(m_table, &QTableView::activated, this, &HealthView::activateFinding);

    m_advice->setReadOnly(true);
    m_advice->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    m_copyDsort->setEnabled(false);
    m_copyIshard->setEnabled(false);
    connect(m_copyDsort, &QPushButton::clicked, this, [this] {
        QGuiApplication::clipboard()->setText(QString::fromStdString(m_result.advice.dsortSpec));
    });
    connect(m_copyIshard, &QPushButton::clicked, this, [this] {
        QGuiApplication::clipboard()->setText(
            QString::fromStdString(toValidUtf8(m_result.advice.ishardCommand)));
    });

    // Shuffle quality: gap entropy and shard entropy per strategy, side by side.
    for (int i = 0; i < 2; ++i)
        new QCPBars(m_shuffle->xAxis, m_shuffle->yAxis);
    m_shuffle->yAxis->setLabel(tr("score (0 = in order, 1 = fully mixed)"));
    m_shuffle->legend->setVisible(true);
    qobject_cast<QCPBars *>(m_shuffle->plottable(0))->setName(tr("gap entropy"));
    qobject_cast<QCPBars *>(m_shuffle->plottable(1))->setName(tr("shard mix in a batch"));
    qobject_cast<QCPBars *>(m_shuffle->plottable(1))->setBrush(QColor(230, 140, 40, 160));

    auto *top = new QHBoxLayout;
    top->addWidget(m_target, 1);
    top->addWidget(m_workers);
    top->addWidget(m_auditButton);
    top->addWidget(m_stopButton);
    auto *charts = new QWidget(this);
    auto *chartLayout = new QVBoxLayout(charts);
    chartLayout->addWidget(m_shardSizes);
    chartLayout->addWidget(m_sampleSizes);
    chartLayout->addWidget(m_extensions);
    auto *advice = new QWidget(this);
    auto *adviceLayout = new QVBoxLayout(advice);
    adviceLayout->addWidget(m_advice, 1);
    auto *copyRow = new QHBoxLayout;
    copyRow->addWidget(m_copyDsort);
    copyRow->addWidget(m_copyIshard);
    copyRow->addStretch(1);
    adviceLayout->addLayout(copyRow);
    m_tabs->addTab(m_table, tr("Findings"));
    m_tabs->addTab(charts, tr("Sizes"));
    m_tabs->addTab(advice, tr("Advice"));
    m_tabs->addTab(m_shuffle, tr("Shuffle"));
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_progress);
    layout->addWidget(m_summary);
    layout->addWidget(m_tabs, 1);

    connect(m_auditButton, &QPushButton::clicked, this, &HealthView::audit);
    connect(m_target, &QLineEdit::returnPressed, this, &HealthView::audit);
    connect(m_stopButton, &QPushButton::clicked, this, &HealthView::stop);
    setRunning(false);
    m_progress->setVisible(false);
}

HealthView::~HealthView()
{
    JobTracker::instance().cancelSlot(this, kAuditSlot);
}

void HealthView::setStoreOptions(const StoreOptions &options)
{
    m_options = options;
}
void HealthView::setTarget(const QString &urlOrConfig)
{
    m_target->setText(urlOrConfig);
}
QString HealthView::target() const
{
    return m_target->text().trimmed();
}

void HealthView::setRunning(bool running)
{
    m_running = running;
    m_auditButton->setEnabled(!running);
    m_stopButton->setEnabled(running);
}

void HealthView::stop()
{
    // The report of what was read so far still arrives (marked partial).
    if (m_job)
        JobTracker::instance().cancel(m_job);
}

void HealthView::showProgress(quint64 done, quint64 total)
{
    m_progress->setRange(0, static_cast<int>(std::min<quint64>(total, INT_MAX)));
    m_progress->setValue(static_cast<int>(std::min<quint64>(done, INT_MAX)));
    m_progress->setFormat(tr("%1 of %2 shards").arg(done).arg(total));
}

void HealthView::audit()
{
    const QString target = this->target();
    if (target.isEmpty()) {
        m_summary->setText(tr("Type a store URL or a dataset config to audit."));
        return;
    }
    const StoreOptions options = m_options;
    LintOptions lo;
    lo.workers = m_workers->value();
    m_model->clear();
    m_summary->setText(tr("Auditing %1…").arg(target));
    m_progress->setVisible(true);
    m_progress->setRange(0, 0); // indeterminate until the first shard is done
    m_progress->setFormat(QString());
    setRunning(true);
    QPointer<HealthView> self(this);
    JobOptions jo;
    jo.slot = kAuditSlot; // a new audit replaces a running one and drops its results
    m_job = JobTracker::instance().start(
        this, tr("Audit %1").arg(target),
        [target, options, lo, self](JobContext &job) {
            const std::string t = target.toStdString();
            LintInput input;
            if (target.endsWith(QLatin1String(".json")) && !target.contains(QLatin1String("://")))
                input = lintInputFromConfig(loadDatasetConfig(t), options, t);
            else
                input = lintInputFromUrl(t, options);
            HealthAudit a;
            a.report = lintDataset(
                input, lo,
                [&job, self](const LintProgress &p) {
                    job.setProgress(static_cast<std::int64_t>(p.shardsDone),
                                    static_cast<std::int64_t>(p.shardsTotal));
                    const quint64 done = p.shardsDone, total = p.shardsTotal;
                    job.post([self, done, total] {
                        if (self)
                            self->showProgress(done, total);
                    });
                },
                job.cancelFlag());
            a.advice = adviseOnReport(a.report);
            std::vector<std::uint64_t> counts;
            for (const auto &s : a.report.shardStats)
                counts.push_back(s.samples);
            a.shuffleOptions.workers = lo.workers;
            const std::uint64_t mean = a.report.samples ? a.report.memberBytes / a.report.samples : 0;
            if (a.report.samples > 0)
                a.shuffle = compareShuffles(counts, mean, a.shuffleOptions);
            return a;
        },
        [self](HealthAudit a) {
            if (!self)
                return;
            self->setRunning(false);
            self->m_progress->setVisible(false);
            self->present(a);
            Q_EMIT self->auditFinished(a.report.cancelled ? tr("stopped") : QString());
        },
        [self](const Error &e) {
            if (!self)
                return;
            self->setRunning(false);
            self->m_progress->setVisible(false);
            const QString text =
                e.kind() == ErrorKind::Cancelled ? tr("stopped") : QString::fromStdString(e.what());
            self->m_summary->setText(tr("Audit of %1 not complete: %2").arg(self->target(), text));
            Q_EMIT self->auditFinished(text);
        },
        jo);
}

void HealthView::present(const HealthAudit &a)
{
    m_result = a;
    const LintReport &r = a.report;
    m_model->setFindings(r.findings);
    m_table->resizeColumnsToContents();
    const QLocale locale;
    QString summary = tr("%1: %2 shards, %3 samples, %4 in %5 s — %6 errors, %7 warnings, %8 info")
                          .arg(QString::fromStdString(toValidUtf8(r.target)))
                          .arg(locale.toString(static_cast<qulonglong>(r.shardsRead)))
                          .arg(locale.toString(static_cast<qulonglong>(r.samples)))
                          .arg(formatBytes(r.bytes))
                          .arg(locale.toString(r.seconds, 'f', 1))
                          .arg(r.count(Severity::Error))
                          .arg(r.count(Severity::Warning))
                          .arg(r.count(Severity::Info));
    if (r.cancelled)
        summary += tr(" (stopped: partial)");
    if (r.findings.empty() && !r.cancelled)
        summary += tr(" — nothing to report");
    m_summary->setText(summary);
    histogram(m_shardSizes, r.shardSizeBins);
    histogram(m_sampleSizes, r.sampleSizeBins);
    QVector<double> ext;
    QStringList extNames;
    for (const auto &[e, n] : r.extensions) {
        ext << static_cast<double>(n);
        extNames << QString::fromStdString(escapeName(e));
    }
    setBars(m_extensions, ext, extNames);
    QString advice;
    for (const auto &i : a.advice.items)
        advice += QStringLiteral("[%1] %2\n\n")
                      .arg(QString::fromStdString(i.topic), QString::fromStdString(toValidUtf8(i.text)));
    if (a.advice.reshard)
        advice += tr("Re-shard with AIStore dsort (save as spec.json, run `ais start dsort -f spec.json`):") +
                  QStringLiteral("\n") + QString::fromStdString(a.advice.dsortSpec) + QStringLiteral("\n") +
                  tr("or from the original files with ishard:") + QStringLiteral("\n") +
                  QString::fromStdString(toValidUtf8(a.advice.ishardCommand)) + QStringLiteral("\n");
    m_advice->setPlainText(advice);
    m_copyDsort->setEnabled(a.advice.reshard);
    m_copyIshard->setEnabled(a.advice.reshard);
    // Shuffle quality, two bars per strategy.
    QVector<double> k0, k1, gap, mix;
    QSharedPointer<QCPAxisTickerText> ticker(new QCPAxisTickerText);
    for (int i = 0; i < static_cast<int>(a.shuffle.size()); ++i) {
        const ShuffleScore &s = a.shuffle[static_cast<std::size_t>(i)];
        k0 << i - 0.2;
        k1 << i + 0.2;
        gap << s.gapEntropy;
        mix << s.shardEntropy;
        ticker->addTick(
            i, tr("%1\nmemory %2, %3 reads")
                   .arg(QString::fromLatin1(shuffleStrategyName(s.strategy)), formatBytes(s.memoryBytes))
                   .arg(s.requests));
    }
    auto *g = qobject_cast<QCPBars *>(m_shuffle->plottable(0));
    auto *m = qobject_cast<QCPBars *>(m_shuffle->plottable(1));
    g->setWidth(0.35);
    m->setWidth(0.35);
    g->setData(k0, gap, true);
    m->setData(k1, mix, true);
    m_shuffle->xAxis->setTicker(ticker);
    m_shuffle->xAxis->setRange(-0.7, std::max<double>(1, static_cast<double>(a.shuffle.size())) - 0.3);
    m_shuffle->yAxis->setRange(0, 1.05);
    m_shuffle->replot(QCustomPlot::rpQueuedReplot);
}

void HealthView::activateFinding(const QModelIndex &proxyIndex)
{
    const QModelIndex index = m_proxy->mapToSource(proxyIndex);
    if (!index.isValid())
        return;
    const FindingExample &e = m_model->example(index.row());
    if (e.shard.empty())
        return;
    QString url;
    for (const auto &s : m_result.report.shardStats)
        if (s.name == e.shard)
            url = QString::fromStdString(escapeName(s.url));
    if (url.isEmpty())
        return;
    Q_EMIT openShardRequested(url, QString::fromStdString(escapeName(e.member)));
}

} // namespace shardscope::ui
