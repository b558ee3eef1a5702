#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace shardscope {

// How a loader orders samples (simulated from shard sample counts alone).
enum class ShuffleStrategy
{
    None,         // shards in order, W workers' batches interleaved (an iterable dataset without shuffle)
    Objects,      // a full random permutation of all samples (a map-style dataset with a random sampler)
    ShardsBuffer, // shards shuffled, each worker's samples through a shuffle buffer of N (WebDataset's
                  // shuffle(N))
};
const char *shuffleStrategyName(ShuffleStrategy s); // "none" | "objects" | "shards+buffer"

struct ShuffleOptions
{
    std::uint64_t seed = 0;
    std::size_t buffer = 1000; // samples held per worker (ShardsBuffer)
    int workers = 1;
    std::size_t batch = 64; // the window the shard-mix score looks at
    std::uint64_t maxItems =
        1ull << 21; // longer orders are simulated on the first shards up to this many samples
};

// The order a strategy yields, as global sample numbers (shard by shard, in
// the shards' listed order). Deterministic for a seed.
std::vector<std::uint64_t> simulateOrder(ShuffleStrategy s, const std::vector<std::uint64_t> &shardSamples,
                                         const ShuffleOptions &options);

// Scores of an order, after MosaicML Streaming's shuffle-quality simulator:
// the Shannon entropy of the gaps between consecutive sample numbers (0 for
// an unshuffled order, near 1 for a full shuffle; normalized by log2 of the
// number of gaps) and the mean entropy of shard ids within each batch
// (normalized by log2(min(batch, shards)): 0 when a batch comes from one shard).
struct ShuffleScore
{
    ShuffleStrategy strategy = ShuffleStrategy::None;
    std::uint64_t items = 0; // simulated
    double gapEntropy = 0;
    double shardEntropy = 0;
    double distinctShardsPerBatch = 0;
    std::uint64_t memoryBytes = 0;      // what the strategy holds: buffers of samples, or the permutation
    std::uint64_t requests = 0;         // reads it takes: one per shard, or one per sample
    std::vector<std::uint64_t> preview; // the first samples of the order, for a plot
};

ShuffleScore scoreOrder(const std::vector<std::uint64_t> &order,
                        const std::vector<std::uint64_t> &shardSamples, std::size_t batch);

// The three strategies side by side for one data set.
std::vector<ShuffleScore> compareShuffles(const std::vector<std::uint64_t> &shardSamples,
                                          std::uint64_t meanSampleBytes, const ShuffleOptions &options);

std::string shuffleScoresJson(const std::vector<ShuffleScore> &scores, const ShuffleOptions &options);

} // namespace shardscope
