// Batch tuning: two strategies over a million real-looking object sizes,
// computed off the GUI thread, the summaries match DynamicBatchSampler's
// greedy pass written out in the test; strategy A is the dataset config's
// sampler in both tabs.
#undef QT_NO_FOREACH // qcustomplot.h

#include "ui/bench/batch_tuning_panel.h"
#include "ui/dataset/dataset_panel.h"
#include "ui/dataset/sampler_editor.h"
#include "ui/language_manager.h"
#include "ui/main_window.h"
#include "ui/settings.h"

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>

#include <qcustomplot.h>

#include <random>

using namespace shardscope;
using namespace shardscope::ui;

namespace {
std::vector<std::uint64_t> logNormalSizes(std::size_t n)
{
    std::mt19937_64 rng(7);
    std::lognormal_distribution<double> d(11.0, 1.0); // median ~60 KB
    std::vector<std::uint64_t> sizes(n);
    for (auto &s : sizes)
        s = std::max<std::uint64_t>(1, static_cast<std::uint64_t>(d(rng)));
    return sizes;
}
// DynamicBatchSampler's greedy pass written out here (not the core's
// batching): 0-byte items skipped, items over the budget dropped, an item
// that reaches the budget exactly closes its batch, one that would pass it
// starts the next. Wasted = budget left empty in every batch (tail included).
struct Greedy
{
    std::size_t batches = 0;
    std::size_t samples = 0;
    std::uint64_t wasted = 0;
};
Greedy sdkGreedy(const std::vector<std::uint64_t> &sizes, std::uint64_t budget)
{
    Greedy g;
    std::uint64_t total = 0;
    bool open = false;
    for (std::uint64_t s : sizes) {
        if (s == 0 || s > budget)
            continue;
        if (open && total + s > budget) {
            ++g.batches;
            g.wasted += budget - total;
            total = 0;
            open = false;
        }
        total += s;
        open = true;
        ++g.samples;
        if (total == budget) {
            ++g.batches;
            total = 0;
            open = false;
        }
    }
    if (open) {
        ++g.batches;
        g.wasted += budget - total;
    }
    return g;
}
void choose(SamplerEditor *e, const char *combo, const char *value)
{
    auto *box = e->findChild<QComboBox *>(QString::fromLatin1(combo));
    box->setCurrentIndex(box->findData(QString::fromLatin1(value)));
}
void setBytes(SamplerEditor *e, const char *text)
{
    auto *edit = e->findChild<QLineEdit *>(QStringLiteral("maxBatchBytes"));
    edit->setText(QString::fromLatin1(text));
    Q_EMIT edit->textEdited(edit->text());
}
} // namespace

class TestBatchTuning : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void millionSizesSideBySide();
    void badParametersAreShown();
    void samplerIsSharedWithTheDatasetTab();
};

void TestBatchTuning::millionSizesSideBySide()
{
    BatchTuningPanel panel;
    DatasetConfig c;
    c.kind = DatasetConfig::Kind::Map;
    c.sampler.kind = DatasetConfig::SamplerKind::Dynamic;
    c.sampler.maxBatchBytes = 4e6;
    panel.setConfig(c);
    const auto sizes = logNormalSizes(1000000);
    QSignalSpy computed(&panel, &BatchTuningPanel::computed);
    panel.setSizes(sizes, QStringLiteral("test"));
    // The work is not done on this thread: the call returned with nothing yet.
    QVERIFY(panel.isComputing());
    QVERIFY(!panel.result(0).has_value());
    QVERIFY(computed.wait(30000));
    QVERIFY(!panel.isComputing());

    const Greedy a = sdkGreedy(sizes, 4000000);
    QCOMPARE(panel.result(0)->stats.batches, a.batches);
    QCOMPARE(panel.result(0)->stats.samples, a.samples);
    QCOMPARE(panel.result(0)->wastedBytes, a.wasted);
    QCOMPARE(panel.strategy(1).kind, DatasetConfig::SamplerKind::Packed);
    const BatchTuning &b = *panel.result(1);
    QCOMPARE(b.stats.samples + b.dropped, sizes.size()); // packing loses no item
    QVERIFY(b.stats.batches <= a.batches);
    QVERIFY(b.stats.meanFill > panel.result(0)->stats.meanFill); // packing fills better on the same sizes
    const QString summaryA = panel.findChild<QLabel *>(QStringLiteral("summaryA"))->text();
    QVERIFY2(summaryA.contains(QLocale().toString(qulonglong(a.batches))), qPrintable(summaryA));
    QVERIFY(summaryA.contains(QStringLiteral("Wasted capacity")));
    QCOMPARE(panel.fillPlot()->plottableCount(), 2);
    QCOMPARE(qobject_cast<QCPBars *>(panel.fillPlot()->plottable(0))->dataCount(), 11);

    // Editing B recomputes B (and only what changed is shown differently).
    choose(panel.editor(1), "samplerKind", "fixed");
    panel.editor(1)->findChild<QSpinBox *>(QStringLiteral("batchSize"))->setValue(64);
    QVERIFY(computed.wait(30000));
    QCOMPARE(panel.result(1)->stats.batches, size_t((1000000 + 63) / 64));
    QCOMPARE(panel.result(0)->stats.batches, a.batches);
}

void TestBatchTuning::badParametersAreShown()
{
    BatchTuningPanel panel;
    QSignalSpy computed(&panel, &BatchTuningPanel::computed);
    panel.setSizes({10, 20, 30}, QStringLiteral("test"));
    QVERIFY(computed.wait(10000));
    QVERIFY(panel.result(1).has_value());
    choose(panel.editor(1), "samplerKind", "dynamic");
    setBytes(panel.editor(1), "0");
    QVERIFY(computed.wait(10000));
    QVERIFY(!panel.result(1).has_value());
    const QString text = panel.findChild<QLabel *>(QStringLiteral("summaryB"))->text();
    QVERIFY2(text.startsWith(QStringLiteral("Cannot batch:")), qPrintable(text));
}

void TestBatchTuning::samplerIsSharedWithTheDatasetTab()
{
    QTemporaryDir dir;
    Settings settings(dir.filePath(QStringLiteral("s.ini")));
    LanguageManager languages;
    MainWindow window(settings, languages);
    // Edited in the tuning tab: the dataset config changes.
    SamplerEditor *a = window.batchTuning()->editor(0);
    choose(a, "samplerKind", "dynamic");
    setBytes(a, "8MiB");
    QCOMPARE(window.dataset()->config().sampler.kind, DatasetConfig::SamplerKind::Dynamic);
    QCOMPARE(window.dataset()->config().sampler.maxBatchBytes, 8.0 * 1024 * 1024);
    // Edited in the dataset tab: the tuning tab shows it.
    auto *datasetSampler = window.dataset()->findChild<SamplerEditor *>(QStringLiteral("samplerEditor"));
    setBytes(datasetSampler, "2MiB");
    QCOMPARE(window.batchTuning()->strategy(0).maxBatchBytes, 2.0 * 1024 * 1024);
    QCOMPARE(a->findChild<QLineEdit *>(QStringLiteral("maxBatchBytes"))->text(), QString::number(2.0 * 1024 * 1024, 'g', 15));
}

QTEST_MAIN(TestBatchTuning)
#include "test_batch_tuning.moc"
