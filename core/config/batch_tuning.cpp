#include "core/config/batch_tuning.h"

#include "core/util/error.h"

#include <algorithm>

namespace shardscope {

std::vector<IndexBatch> samplerBatches(const std::vector<std::uint64_t> &sizes, const SamplerSettings &c,
                                       BatchStats *stats)
{
    BatchStats local;
    BatchStats &st = stats ? *stats : local;
    if (c.byBytes()) {
        DynamicBatchOptions o;
        o.maxBatchBytes = c.maxBatchBytes;
        o.dropLast = c.dropLast;
        o.allowOversized = c.allowOversized;
        o.saturation = c.saturation;
        o.shuffle = c.shuffle;
        o.seed = c.seed;
        validate(o);
        if (c.kind == SamplerSettings::Kind::Dynamic)
            return dynamicBatches(sizes, o, &st);
        return packedBatches(sizes, o, std::max<std::size_t>(1, c.window), &st);
    }
    const bool shuffled = c.shuffle || c.kind == SamplerSettings::Kind::Random;
    const auto order = shuffled ? shuffledOrder(sizes.size(), c.seed) : sequentialOrder(sizes.size());
    const std::size_t n = c.batchSize > 0 ? c.batchSize : 1;
    auto batches = fixedBatches(order, n, c.dropLast, &st);
    accountBatches(batches, sizes, 0, &st);
    return batches;
}

BatchTuning tuneBatches(const std::vector<std::uint64_t> &sizes, const SamplerSettings &c)
{
    BatchTuning t;
    const bool bytes = c.byBytes();
    const std::vector<IndexBatch> batches = samplerBatches(sizes, c, &t.stats);
    if (bytes)
        t.budget = c.maxBatchBytes;
    t.dropped = sizes.size() - t.stats.samples;
    if (batches.empty())
        return t;
    t.minSamples = batches.front().size();
    std::size_t total = 0;
    const std::size_t fixedSize = c.batchSize > 0 ? c.batchSize : 1;
    for (const auto &b : batches) {
        t.minSamples = std::min(t.minSamples, b.size());
        t.maxSamples = std::max(t.maxSamples, b.size());
        total += b.size();
        double fill;
        if (bytes) {
            std::uint64_t sum = 0;
            for (std::size_t i : b)
                sum += sizes[i];
            fill = double(sum) / t.budget;
            if (fill <= 1.0)
                t.wastedBytes += static_cast<std::uint64_t>(t.budget - double(sum));
        } else {
            fill = double(b.size()) / double(fixedSize);
        }
        const std::size_t bucket =
            fill >= 1.0 ? 10 : std::min<std::size_t>(9, static_cast<std::size_t>(fill * 10));
        ++t.fillHistogram[bucket];
    }
    t.meanSamples = double(total) / double(batches.size());
    return t;
}

} // namespace shardscope
