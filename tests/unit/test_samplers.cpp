// Samplers: AIStore's DynamicBatchSampler reproduced batch for batch (the
// SDK's documented examples and its unit tests), shardscope's window packing,
// fixed batches, seeded orders; and brace templates.

#include "core/config/batch_tuning.h"
#include "core/data/brace_expand.h"
#include "core/data/samplers.h"
#include "core/util/error.h"

#include <QTest>

#include <numeric>
#include <random>
#include <set>

using namespace shardscope;

namespace {

using Batches = std::vector<IndexBatch>;

DynamicBatchOptions opts(double max, bool dropLast = false, bool oversized = false, double saturation = 0.8)
{
    DynamicBatchOptions o;
    o.maxBatchBytes = max;
    o.dropLast = dropLast;
    o.allowOversized = oversized;
    o.saturation = saturation;
    return o;
}

// The SDK's loop, written out plainly from its documented behaviour, to
// compare against on random inputs.
Batches reference(const std::vector<std::uint64_t> &sizes, const DynamicBatchOptions &o)
{
    Batches out;
    IndexBatch batch;
    double total = 0;
    std::size_t i = 0;
    while (i < sizes.size()) {
        const double s = static_cast<double>(sizes[i]);
        if (s == 0) {
            ++i;
            continue;
        }
        if (s > o.maxBatchBytes) {
            if (o.allowOversized)
                out.push_back({i});
            ++i;
            continue;
        }
        if (total + s < o.maxBatchBytes) {
            batch.push_back(i++);
            total += s;
        } else {
            if (total + s == o.maxBatchBytes)
                batch.push_back(i++);
            out.push_back(batch);
            batch.clear();
            total = 0;
        }
    }
    if ((!batch.empty() && !o.dropLast) || (o.dropLast && total / o.maxBatchBytes > o.saturation))
        out.push_back(batch);
    return out;
}

} // namespace

Q_DECLARE_METATYPE(Batches)
Q_DECLARE_METATYPE(std::vector<std::uint64_t>)

class TestSamplers : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void sdkExamples_data();
    void sdkExamples();
    void sdkUnitTestCounts();
    void matchesReferenceOnRandomSizes();
    void statsCountWhatWasLeftOut();
    void rejectsAbsurdParameters();
    void shuffleIsSeededPermutation();
    void packingKeepsEveryItemOnceAndFillsBetter();
    void fixedBatches();
    void tuningReportsFillAndWaste();
    void braceTemplates_data();
    void braceTemplates();
    void braceErrors_data();
    void braceErrors();
    void braceCountsWithoutExpanding();
};

void TestSamplers::sdkExamples_data()
{
    QTest::addColumn<std::vector<std::uint64_t>>("sizes");
    QTest::addColumn<double>("max");
    QTest::addColumn<bool>("dropLast");
    QTest::addColumn<bool>("oversized");
    QTest::addColumn<Batches>("expected");
    const std::vector<std::uint64_t> tenMB(10, 1000000);
    // The blog's examples (decimal MB): an exact fit joins the batch.
    QTest::newRow("10 x 1 MB, max 4 MB") << tenMB << 4e6 << false << false
                                         << Batches{{0, 1, 2, 3}, {4, 5, 6, 7}, {8, 9}};
    QTest::newRow("10 x 1 MB, max 3 MB") << tenMB << 3e6 << false << false
                                         << Batches{{0, 1, 2}, {3, 4, 5}, {6, 7, 8}, {9}};
    QTest::newRow("drop_last drops an unsaturated tail") << tenMB << 4e6 << true << false
                                                         << Batches{{0, 1, 2, 3}, {4, 5, 6, 7}};
    QTest::newRow("1 MiB objects, max 4 MB") << std::vector<std::uint64_t>(10, 1048576) << 4e6 << false << false
                                             << Batches{{0, 1, 2}, {3, 4, 5}, {6, 7, 8}, {9}};
    QTest::newRow("oversized emitted first, pending batch kept")
        << std::vector<std::uint64_t>{1, 1, 5, 1} << 3.0 << false << true << Batches{{2}, {0, 1, 3}};
    QTest::newRow("oversized dropped") << std::vector<std::uint64_t>{1, 1, 5, 1} << 3.0 << false << false
                                       << Batches{{0, 1, 3}};
    QTest::newRow("overflow retries the item in a new batch") << std::vector<std::uint64_t>{2, 2} << 3.0 << false
                                                              << false << Batches{{0}, {1}};
    QTest::newRow("zero-size items are skipped") << std::vector<std::uint64_t>{0, 1, 0, 1} << 10.0 << false << false
                                                 << Batches{{1, 3}};
    QTest::newRow("saturated tail kept with drop_last")
        << std::vector<std::uint64_t>{5, 5, 9} << 10.0 << true << false << Batches{{0, 1}, {2}};
    QTest::newRow("empty input") << std::vector<std::uint64_t>{} << 10.0 << false << false << Batches{};
}

void TestSamplers::sdkExamples()
{
    QFETCH(std::vector<std::uint64_t>, sizes);
    QFETCH(double, max);
    QFETCH(bool, dropLast);
    QFETCH(bool, oversized);
    QFETCH(Batches, expected);
    QCOMPARE(dynamicBatches(sizes, opts(max, dropLast, oversized)), expected);
}

// python/tests/unit/pytorch/test_samplers.py in AIStore's repository.
void TestSamplers::sdkUnitTestCounts()
{
    const std::vector<std::uint64_t> ten(10, 1000);
    auto b = dynamicBatches(ten, opts(2000));
    QCOMPARE(b.size(), size_t(5));
    for (const auto &x : b)
        QCOMPARE(x.size(), size_t(2));
    b = dynamicBatches(ten, opts(3000, true));
    QCOMPARE(b.size(), size_t(3));
    for (const auto &x : b)
        QCOMPARE(x.size(), size_t(3));
    b = dynamicBatches(ten, opts(500, false, true));
    QCOMPARE(b.size(), size_t(10));
    std::vector<std::uint64_t> withBig = ten;
    withBig.push_back(6000);
    QCOMPARE(dynamicBatches(withBig, opts(3000, true, true)).size(), size_t(4));
}

void TestSamplers::matchesReferenceOnRandomSizes()
{
    std::mt19937_64 gen(42);
    for (int round = 0; round < 300; ++round) {
        const std::size_t n = gen() % 200;
        std::vector<std::uint64_t> sizes(n);
        for (auto &s : sizes)
            s = (gen() % 10 == 0) ? 0 : gen() % 120;
        const double max = static_cast<double>(1 + gen() % 150);
        const auto o = opts(max, gen() % 2, gen() % 2, (gen() % 11) / 10.0);
        QCOMPARE(dynamicBatches(sizes, o), reference(sizes, o));
    }
}

void TestSamplers::statsCountWhatWasLeftOut()
{
    BatchStats st;
    const std::vector<std::uint64_t> sizes{0, 4, 4, 50, 4, 1};
    const auto b = dynamicBatches(sizes, opts(10, true, false, 0.5), &st);
    QCOMPARE(b, (Batches{{1, 2}})); // [4,4] then [4,1] is 0.5 full: not > 0.5, dropped
    QCOMPARE(st.zeroSizeSkipped, size_t(1));
    QCOMPARE(st.oversized, size_t(1));
    QCOMPARE(st.oversizedDropped, size_t(1));
    QCOMPARE(st.tailDropped, size_t(2));
    QCOMPARE(st.batches, size_t(1));
    QCOMPARE(st.bytes, quint64(8));
    QCOMPARE(st.meanFill, 0.8);
}

void TestSamplers::rejectsAbsurdParameters()
{
    for (const auto &o : {opts(0), opts(-5), opts(10, false, false, 1.5), opts(10, false, false, -0.1)}) {
        try {
            dynamicBatches({1, 2}, o);
            QFAIL("absurd parameters accepted");
        } catch (const Error &e) {
            QCOMPARE(e.kind(), ErrorKind::InvalidArgument);
        }
    }
    QVERIFY_THROWS_EXCEPTION(Error, shardscope::fixedBatches({1, 2}, 0, false));
}

void TestSamplers::shuffleIsSeededPermutation()
{
    const auto a = shuffledOrder(1000, 7), b = shuffledOrder(1000, 7), c = shuffledOrder(1000, 8);
    QCOMPARE(a, b);
    QVERIFY(a != c);
    QVERIFY(a != sequentialOrder(1000));
    QCOMPARE(std::set<std::size_t>(a.begin(), a.end()).size(), size_t(1000));
    // Shuffled dynamic batches cover the same items as unshuffled ones.
    std::vector<std::uint64_t> sizes(500);
    for (std::size_t i = 0; i < sizes.size(); ++i)
        sizes[i] = 1 + i % 37;
    auto o = opts(100);
    o.shuffle = true;
    o.seed = 3;
    std::multiset<std::size_t> seen;
    for (const auto &batch : dynamicBatches(sizes, o))
        seen.insert(batch.begin(), batch.end());
    QCOMPARE(seen.size(), sizes.size());
    QCOMPARE(std::set<std::size_t>(seen.begin(), seen.end()).size(), sizes.size());
}

void TestSamplers::packingKeepsEveryItemOnceAndFillsBetter()
{
    std::mt19937_64 gen(5);
    std::lognormal_distribution<double> dist(std::log(100e3), 1.0);
    std::vector<std::uint64_t> sizes(20000);
    for (auto &s : sizes)
        s = std::min<std::uint64_t>(8u << 20, static_cast<std::uint64_t>(dist(gen)));
    const auto o = opts(4e6, false, true);
    BatchStats greedy, packed;
    dynamicBatches(sizes, o, &greedy);
    const auto batches = packedBatches(sizes, o, 1024, &packed);
    std::vector<int> count(sizes.size(), 0);
    for (const auto &b : batches) {
        std::uint64_t bytes = 0;
        for (std::size_t i : b) {
            ++count[i];
            bytes += sizes[i];
        }
        QVERIFY(b.size() == 1 || bytes <= 4e6); // only an oversized item may exceed the budget
    }
    for (std::size_t i = 0; i < sizes.size(); ++i)
        QCOMPARE(count[i], 1);
    QVERIFY2(packed.meanFill > greedy.meanFill,
             qPrintable(QStringLiteral("packed %1 vs greedy %2").arg(packed.meanFill).arg(greedy.meanFill)));
    QVERIFY(packed.batches < greedy.batches);
}

void TestSamplers::fixedBatches()
{
    BatchStats st;
    QCOMPARE(shardscope::fixedBatches(sequentialOrder(7), 3, false, &st), (Batches{{0, 1, 2}, {3, 4, 5}, {6}}));
    QCOMPARE(shardscope::fixedBatches(sequentialOrder(7), 3, true, &st), (Batches{{0, 1, 2}, {3, 4, 5}}));
    QCOMPARE(st.tailDropped, size_t(1));
}

void TestSamplers::tuningReportsFillAndWaste()
{
    // Budget 100: [60, 30] (90%, 10 wasted), [50, 50] (100%), [120] oversized
    // dropped, [70] tail (70%, 30 wasted).
    const std::vector<std::uint64_t> sizes = {60, 30, 50, 50, 120, 70};
    DatasetConfig c;
    c.sampler.kind = DatasetConfig::SamplerKind::Dynamic;
    c.sampler.maxBatchBytes = 100;
    const BatchTuning t = tuneBatches(sizes, c);
    QCOMPARE(t.stats.batches, size_t(3));
    QCOMPARE(t.dropped, size_t(1));
    QCOMPARE(t.stats.oversizedDropped, size_t(1));
    QCOMPARE(t.wastedBytes, quint64(40));
    QCOMPARE(t.fillHistogram[9], size_t(1));
    QCOMPARE(t.fillHistogram[10], size_t(1));
    QCOMPARE(t.fillHistogram[7], size_t(1));
    QCOMPARE(t.minSamples, size_t(1));
    QCOMPARE(t.maxSamples, size_t(2));

    // Packing on the same sizes wastes no more than greedy order.
    c.sampler.kind = DatasetConfig::SamplerKind::Packed;
    const BatchTuning p = tuneBatches(sizes, c);
    QVERIFY(p.wastedBytes <= t.wastedBytes);
    QCOMPARE(p.stats.samples + p.dropped, sizes.size());

    // Fixed batches: fill by count, the short tail in its bucket.
    c.sampler.kind = DatasetConfig::SamplerKind::Fixed;
    c.sampler.batchSize = 4;
    const BatchTuning f = tuneBatches(sizes, c);
    QCOMPARE(f.stats.batches, size_t(2));
    QCOMPARE(f.fillHistogram[10], size_t(1));
    QCOMPARE(f.fillHistogram[5], size_t(1));
    c.sampler.dropLast = true;
    QCOMPARE(tuneBatches(sizes, c).dropped, size_t(2));

    c.sampler.kind = DatasetConfig::SamplerKind::Dynamic;
    c.sampler.maxBatchBytes = 0;
    QVERIFY_THROWS_EXCEPTION(Error, tuneBatches(sizes, c));
}

void TestSamplers::braceTemplates_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("names");
    QTest::newRow("padded range") << "shard-{0000..0003}.tar"
                                  << QStringList{QStringLiteral("shard-0000.tar"), QStringLiteral("shard-0001.tar"),
                                                 QStringLiteral("shard-0002.tar"), QStringLiteral("shard-0003.tar")};
    QTest::newRow("step") << "s-{0..10..5}" << QStringList{QStringLiteral("s-0"), QStringLiteral("s-5"),
                                                           QStringLiteral("s-10")};
    QTest::newRow("step not reaching the end") << "s-{1..8..3}"
                                               << QStringList{QStringLiteral("s-1"), QStringLiteral("s-4"),
                                                              QStringLiteral("s-7")};
    QTest::newRow("counting down") << "{3..1}" << QStringList{QStringLiteral("3"), QStringLiteral("2"),
                                                              QStringLiteral("1")};
    QTest::newRow("unpadded") << "x{9..11}" << QStringList{QStringLiteral("x9"), QStringLiteral("x10"),
                                                           QStringLiteral("x11")};
    QTest::newRow("list and range, leftmost slowest")
        << "{train,val}/p{0..1}.tar"
        << QStringList{QStringLiteral("train/p0.tar"), QStringLiteral("train/p1.tar"), QStringLiteral("val/p0.tar"),
                       QStringLiteral("val/p1.tar")};
    QTest::newRow("no braces") << "plain.tar" << QStringList{QStringLiteral("plain.tar")};
}

void TestSamplers::braceTemplates()
{
    QFETCH(QString, text);
    QFETCH(QStringList, names);
    const BraceTemplate t(text.toStdString());
    QCOMPARE(t.count(), quint64(names.size()));
    QStringList got;
    for (const auto &n : t.expand())
        got << QString::fromStdString(n);
    QCOMPARE(got, names);
}

void TestSamplers::braceErrors_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("message");
    QTest::newRow("unclosed") << "shard-{0..9.tar" << "'{' is never closed";
    QTest::newRow("stray close") << "shard-0..9}.tar" << "'}' without a matching '{'";
    QTest::newRow("nested") << "{a,{b,c}}" << "nested braces";
    QTest::newRow("letters in range") << "{a..z}" << "whole numbers";
    QTest::newRow("zero step") << "{0..9..0}" << "step must be";
    QTest::newRow("single item list") << "{only}" << "at least two items";
}

void TestSamplers::braceErrors()
{
    QFETCH(QString, text);
    QFETCH(QString, message);
    try {
        BraceTemplate t(text.toStdString());
        QFAIL("accepted a malformed template");
    } catch (const Error &e) {
        QCOMPARE(e.kind(), ErrorKind::InvalidArgument);
        QVERIFY2(QString::fromStdString(e.what()).contains(message), e.what());
        QVERIFY2(QString::fromStdString(e.what()).contains(text), e.what());
    }
}

void TestSamplers::braceCountsWithoutExpanding()
{
    const BraceTemplate t("big-{000000000..999999999}/{a,b}");
    QCOMPARE(t.count(), quint64(2000000000));
    QCOMPARE(QString::fromStdString(t.at(2000000000 - 1)), QStringLiteral("big-999999999/b"));
    QVERIFY_THROWS_EXCEPTION(Error, t.expand(1000));
}

QTEST_GUILESS_MAIN(TestSamplers)
#include "test_samplers.moc"
