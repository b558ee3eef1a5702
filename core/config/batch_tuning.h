#pragma once

#include "core/config/dataset_config.h"
#include "core/data/samplers.h"

#include <array>
#include <cstdint>
#include <vector>

namespace shardscope {

// What a sampler setting does to real object sizes, for the batch-tuning
// view: the batching pass's counts plus how full the batches are.
struct BatchTuning
{
    BatchStats stats;
    double budget = 0; // max batch bytes (0: fixed-size batches, fill by count)
    std::size_t minSamples = 0, maxSamples = 0;
    double meanSamples = 0; // samples per batch
    // Batches by fill: bucket i = [10 i %, 10 (i+1) %), bucket 10 = 100 % and over (exact fits, oversized).
    std::array<std::size_t, 11> fillHistogram{};
    std::uint64_t wastedBytes = 0; // budget left empty in batches that kept to it
    std::size_t dropped = 0;       // items in no batch (oversized dropped, tail dropped, 0-byte skipped)
};

// Batches `sizes` (in listing order) with `sampler` (fixed, dynamic, packed;
// sequential and random give batches of batch_size, or 1).
// Throws Error(InvalidArgument) for parameters the sampler refuses.
BatchTuning tuneBatches(const std::vector<std::uint64_t> &sizes, const SamplerSettings &sampler);
inline BatchTuning tuneBatches(const std::vector<std::uint64_t> &sizes, const DatasetConfig &config)
{
    return tuneBatches(sizes, config.sampler);
}

// The batches themselves (index lists into `sizes`) that `sampler` makes, as
// the loader core's map dataset reads them; `stats` when given.
std::vector<IndexBatch> samplerBatches(const std::vector<std::uint64_t> &sizes,
                                       const SamplerSettings &sampler, BatchStats *stats = nullptr);
inline std::vector<IndexBatch> samplerBatches(const std::vector<std::uint64_t> &sizes,
                                              const DatasetConfig &config, BatchStats *stats = nullptr)
{
    return samplerBatches(sizes, config.sampler, stats);
}

} // namespace shardscope
