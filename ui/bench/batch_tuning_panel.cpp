// QCustomPlot's header uses Q_FOREACH: allow it here, before any Qt header.
#undef QT_NO_FOREACH

#include "ui/bench/batch_tuning_panel.h"
#include "ui/jobs/job_tracker.h"

#include "core/util/error.h"
#include "core/util/strings.h"
#include "ui/charts/plot_style.h"
#include "ui/dataset/sampler_editor.h"

#include <QEvent>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPointer>
#include <QPushButton>
#include <QScrollArea>
#include <QTimer>
#include <QVBoxLayout>

#include <qcustomplot.h>

namespace shardscope::ui {

BatchTuningPanel::BatchTuningPanel(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("batchTuningPanel"));
    qRegisterMetaType<shardscope::SamplerSettings>();
    m_timer = new QTimer(this);
    m_timer->setSingleShot(true);
    m_timer->setInterval(150);
    connect(m_timer, &QTimer::timeout, this, &BatchTuningPanel::compute);

    auto *layout = new QVBoxLayout(this);
    auto *top = new QHBoxLayout;
    m_data = new QLabel(this);
    m_data->setObjectName(QStringLiteral("tuningData"));
    m_load = new QPushButton(this);
    m_load->setObjectName(QStringLiteral("tuningLoadSizes"));
    top->addWidget(m_data, 1);
    top->addWidget(m_load);
    layout->addLayout(top);
    connect(m_load, &QPushButton::clicked, this, &BatchTuningPanel::loadSizesRequested);

    // The two strategies scroll rather than forcing the window's height.
    auto *scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto *strategies = new QWidget(scroll);
    scroll->setWidget(strategies);
    auto *grid = new QGridLayout(strategies);
    for (int i = 0; i < 2; ++i) {
        auto *box = new QGroupBox(strategies);
        auto *v = new QVBoxLayout(box);
        auto *editor = new SamplerEditor(box);
        editor->setObjectName(i == 0 ? QStringLiteral("strategyA") : QStringLiteral("strategyB"));
        editor->setSamplerOnly(true);
        v->addWidget(editor);
        m_summary[std::size_t(i)] = new QLabel(box);
        m_summary[std::size_t(i)]->setObjectName(i == 0 ? QStringLiteral("summaryA") : QStringLiteral("summaryB"));
        m_summary[std::size_t(i)]->setWordWrap(true);
        m_summary[std::size_t(i)]->setTextInteractionFlags(Qt::TextSelectableByMouse);
        v->addWidget(m_summary[std::size_t(i)]);
        v->addStretch(1);
        grid->addWidget(box, 0, i);
        (i == 0 ? m_editorA : m_editorB) = editor;
        box->setObjectName(i == 0 ? QStringLiteral("boxA") : QStringLiteral("boxB"));
    }
    layout->addWidget(scroll, 2);
    m_plot = createStyledPlot(this);
    m_plot->setObjectName(QStringLiteral("fillPlot"));
    m_plot->setMinimumHeight(160);
    m_plot->legend->setVisible(true);
    layout->addWidget(m_plot, 1);

    // B starts as the better packing with the same budget.
    SamplerSettings b;
    b.kind = SamplerSettings::Kind::Packed;
    b.maxBatchBytes = 4e6;
    m_editorB->setSampler(b);
    m_editorA->setSampler(m_sampler);
    connect(m_editorA, &SamplerEditor::changed, this, [this] {
        (void)m_editorA->applySampler(m_sampler); // a field that cannot be read keeps the last value
        Q_EMIT samplerEdited(m_sampler);
        schedule();
    });
    connect(m_editorB, &SamplerEditor::changed, this, &BatchTuningPanel::schedule);
    retranslate();
}

void BatchTuningPanel::setSizes(std::vector<std::uint64_t> sizes, const QString &what)
{
    m_sizes = std::make_shared<const std::vector<std::uint64_t>>(std::move(sizes));
    m_what = what;
    retranslate();
    compute();
}

void BatchTuningPanel::setConfig(const DatasetConfig &config)
{
    m_sampler = config.sampler;
    m_editorA->setSampler(m_sampler);
    // B keeps its own choice, but follows A's budget until the user sets one.
    schedule();
}

SamplerSettings BatchTuningPanel::strategy(int which) const
{
    SamplerSettings s = m_sampler;
    (void)(which == 0 ? m_editorA : m_editorB)->applySampler(s);
    return s;
}

void BatchTuningPanel::schedule() { m_timer->start(); }

void BatchTuningPanel::compute()
{
    if (!m_sizes)
        return;
    // One job per strategy; a newer edit replaces both (their results are dropped).
    m_computing = 2;
    for (int which = 0; which < 2; ++which) {
        const SamplerSettings c = strategy(which);
        auto sizes = m_sizes;
        m_summary[std::size_t(which)]->setText(tr("Computing…"));
        auto finished = [this] {
            if (--m_computing == 0)
                Q_EMIT computed();
        };
        JobTracker::instance().start(
            this, tr("Tuning batches"), [c, sizes](JobContext &) { return tuneBatches(*sizes, c); },
            [this, which, finished](const BatchTuning &t) {
                show(which, t);
                finished();
            },
            [this, which, finished](const Error &error) {
                showError(which, QString::fromStdString(error.what()));
                finished();
            },
            JobOptions{QStringLiteral("tune%1").arg(which), true, false});
    }
}

void BatchTuningPanel::show(int which, const BatchTuning &t)
{
    m_results[std::size_t(which)] = t;
    const QLocale l;
    QStringList lines;
    lines << tr("Batches: %1").arg(l.toString(qulonglong(t.stats.batches)));
    lines << tr("Samples per batch: %1 mean (%2 – %3)")
                 .arg(t.meanSamples, 0, 'f', 1)
                 .arg(l.toString(qulonglong(t.minSamples)), l.toString(qulonglong(t.maxSamples)));
    if (t.budget > 0) {
        lines << tr("Mean fill: %1%").arg(t.stats.meanFill * 100, 0, 'f', 1);
        lines << tr("Wasted capacity: %1").arg(QString::fromStdString(humanBytes(t.wastedBytes)));
        lines << tr("Oversized: %1 (%2 dropped)")
                     .arg(l.toString(qulonglong(t.stats.oversized)), l.toString(qulonglong(t.stats.oversizedDropped)));
    }
    lines << tr("Not in any batch: %1 (tail %2, empty objects %3)")
                 .arg(l.toString(qulonglong(t.dropped)), l.toString(qulonglong(t.stats.tailDropped)),
                      l.toString(qulonglong(t.stats.zeroSizeSkipped)));
    m_summary[std::size_t(which)]->setText(lines.join(QLatin1Char('\n')));
    updatePlot();
}

void BatchTuningPanel::showError(int which, const QString &error)
{
    m_results[std::size_t(which)].reset();
    m_summary[std::size_t(which)]->setText(tr("Cannot batch: %1").arg(error));
    updatePlot();
}

void BatchTuningPanel::updatePlot()
{
    m_plot->clearPlottables();
    QSharedPointer<QCPAxisTickerText> ticker(new QCPAxisTickerText);
    for (int i = 0; i < 11; ++i)
        ticker->addTick(i, i == 10 ? QStringLiteral("100%+") : QStringLiteral("%1%").arg(i * 10));
    m_plot->xAxis->setTicker(ticker);
    const QColor colors[] = {QColor(0x1f, 0x77, 0xb4), QColor(0xff, 0x7f, 0x0e)};
    double top = 1;
    for (int which = 0; which < 2; ++which) {
        const auto &r = m_results[std::size_t(which)];
        if (!r)
            continue;
        auto *bars = new QCPBars(m_plot->xAxis, m_plot->yAxis);
        bars->setName(which == 0 ? tr("A (dataset config)") : tr("B (alternative)"));
        bars->setWidth(0.38);
        bars->setBrush(colors[which]);
        bars->setPen(Qt::NoPen);
        for (int i = 0; i < 11; ++i) {
            bars->addData(i + (which == 0 ? -0.2 : 0.2), double(r->fillHistogram[std::size_t(i)]));
            top = std::max(top, double(r->fillHistogram[std::size_t(i)]));
        }
    }
    m_plot->xAxis->setRange(-0.7, 10.7);
    m_plot->yAxis->setRange(0, top * 1.1);
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void BatchTuningPanel::retranslate()
{
    m_data->setText(m_sizes ? tr("Sizes of %n object(s) from %1", nullptr, int(m_sizes->size())).arg(m_what)
                            : tr("No sizes yet: load them from the dataset config."));
    m_load->setText(tr("Load Sizes from Dataset Config"));
    findChild<QGroupBox *>(QStringLiteral("boxA"))->setTitle(tr("A: the dataset config's sampler"));
    findChild<QGroupBox *>(QStringLiteral("boxB"))->setTitle(tr("B: an alternative"));
    m_plot->xAxis->setLabel(tr("batch fill (bytes of the budget; count of the batch size for fixed batches)"));
    m_plot->yAxis->setLabel(tr("batches"));
    updatePlot();
}

void BatchTuningPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

} // namespace shardscope::ui
